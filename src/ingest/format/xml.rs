//! What the XML-based format readers (xlsx's merged cells, docx) share.

use quick_xml::events::{BytesRef, BytesStart};

/// An attribute by local name (w:val, ref …), unescaped.
pub(super) fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                quick_xml::escape::unescape(&a.value)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// Append what a reference in text stands for (&#26041; a character, &amp; an entity;
/// an unknown entity adds nothing).
pub(super) fn push_ref(out: &mut String, r: &BytesRef<'_>) {
    match r.resolve_char_ref() {
        Ok(Some(c)) => out.push(c),
        _ => out.push_str(quick_xml::escape::resolve_predefined_entity(r).unwrap_or("")),
    }
}
