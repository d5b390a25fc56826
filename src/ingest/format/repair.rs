//! Packages calamine refuses though their data is fine, normalised in memory.
//!
//! Office suites open these; calamine 0.38 stops at the first thing it does not expect.
//! When a package fails to open (or a sheet fails to read), its parts are rewritten
//! once into a new in-memory zip and read again. Each rewrite is narrow and named:
//!
//! - XML parts in UTF-16 (with or without a byte-order mark) become UTF-8, and their
//!   declaration says so (calamine reads UTF-8 only);
//! - a document type declaration is dropped with the entities it declares (Excel and
//!   LibreOffice do not expand them; calamine stops at the first unknown entity);
//! - relationship parts written with a namespace prefix (`<ns0:Relationship>`, by some
//!   Python tools) are written without it;
//! - in workbook.xml: a `<sheet>` whose relationship is missing or empty is dropped
//!   (nothing to read: Excel drops it too), an unknown `state` is treated as visible, and
//!   an Excel 4.0 macro sheet is typed as a dialog sheet so it is skipped with a note
//!   instead of failing the workbook;
//! - a worksheet's `<dimension>` that is not a cell range (`ref="1:4"`) is dropped
//!   (calamine then takes the extent from the cells);
//! - an .xlsb whose workbook is not under `xl/` is moved there (calamine looks nowhere
//!   else);
//! - in an .ods: whitespace between table elements is dropped (calamine expects the
//!   next cell) and a missing `mimetype` entry is added.
//!
//! Only parts that need it are rewritten; the others are copied as they are (stored, not
//! compressed: the copy lives only in memory). The input was already guarded
//! (`guard::zip_package`), so the copy is bounded by the same inflated-size limit.
//! `docs/upstream/calamine-tolerant-packages.md` proposes the same fixes to calamine.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};
use zip::write::SimpleFileOptions;

use super::output::Parsed;
use super::xml::attr;
use crate::ingest::error::{ReadError, ReadErrorKind};
use crate::ingest::isolate::isolated;

/// Which package the bytes are.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Xlsx,
    Xlsb,
    Ods,
}

/// How a reader treats a sheet it cannot read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Sheets {
    /// The first bad sheet fails the file (the first attempt: a repair may save it).
    Strict,
    /// A bad sheet is skipped with a note, if another sheet reads.
    SkipBad,
}

/// Read a package with `read`; when that fails as damaged, read its normalised copy
/// (skipping a sheet that still cannot be read). The first error stands when nothing
/// helps. A panic inside calamine counts as damage here (caught, silent).
pub(super) fn read_tolerant(
    bytes: &[u8],
    kind: Kind,
    read: impl Fn(&[u8], Sheets) -> Result<Parsed, ReadError>,
) -> Result<Parsed, ReadError> {
    let attempt = |b: &[u8], sheets| {
        isolated(|| read(b, sheets)).unwrap_or_else(|m| Err(ReadError::Panic(m)))
    };
    let first = match attempt(bytes, Sheets::Strict) {
        Ok(parsed) => return Ok(parsed),
        Err(e @ (ReadError::Corrupt | ReadError::SheetCorrupt(_) | ReadError::Panic(_))) => e,
        Err(e) => return Err(e),
    };
    let again = match package(bytes, kind) {
        Some(fixed) => attempt(&fixed, Sheets::SkipBad),
        None if matches!(first, ReadError::SheetCorrupt(_)) => attempt(bytes, Sheets::SkipBad),
        None => return Err(first),
    };
    match again {
        Ok(parsed) => Ok(parsed),
        // A limit met in the repaired copy is the true reason.
        Err(e) if e.kind() == ReadErrorKind::TooLarge => Err(e),
        Err(_) => Err(first),
    }
}

/// A sheet's read, or `None` when it failed as damaged and `tolerance` says to skip it
/// (then a note naming the sheet is added and `skipped` set).
pub(super) fn sheet_or_skip<T>(
    read: Result<T, ReadError>,
    name: &str,
    tolerance: Sheets,
    notes: &mut Vec<String>,
    skipped: &mut bool,
) -> Result<Option<T>, ReadError> {
    match read {
        Err(ReadError::SheetCorrupt(_)) if tolerance == Sheets::SkipBad => {
            notes.push(format!(
                "工作表“{name}”已损坏，无法读取，已跳过；其余工作表照常读取。"
            ));
            *skipped = true;
            Ok(None)
        }
        r => r.map(Some),
    }
}

const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// The package normalised, or `None` when no rewrite applied (reading it again would
/// fail the same way) or it is not a readable zip.
pub(super) fn package(bytes: &[u8], kind: Kind) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut parts: Vec<(String, Vec<u8>)> = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).ok()?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().ok()?.replace('\\', "/");
        let mut data = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut data).ok()?;
        parts.push((name, data));
    }
    let mut changed = false;
    for (name, data) in parts.iter_mut() {
        if let Some(fixed) = part(name, data, kind) {
            *data = fixed;
            changed = true;
        }
    }
    if kind != Kind::Ods {
        changed |= drop_case_twins(&mut parts);
    }
    changed |= match kind {
        Kind::Xlsx => fix_workbook(&mut parts),
        Kind::Xlsb => move_workbook_to_xl(&mut parts),
        Kind::Ods => add_mimetype(&mut parts),
    };
    changed.then(|| write_zip(&parts)).flatten()
}

/// Of part names that differ only in case, keep the ones a relationship names exactly
/// (the first one when none or several are named); drop the others. `true` when any
/// was dropped.
fn drop_case_twins(parts: &mut Vec<(String, Vec<u8>)>) -> bool {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (name, _)) in parts.iter().enumerate() {
        groups.entry(name.to_ascii_lowercase()).or_default().push(i);
    }
    if groups.values().all(|g| g.len() == 1) {
        return false;
    }
    // Every part some relationship names, resolved from its .rels part's folder.
    let mut named = std::collections::HashSet::new();
    for (name, data) in parts.iter() {
        let Some(source) = name.strip_suffix(".rels") else {
            continue;
        };
        // `dir/_rels/file.xml.rels` names targets relative to `dir`.
        let dir = source
            .rsplit_once("_rels/")
            .map(|(d, _)| d.trim_end_matches('/'))
            .unwrap_or("");
        for (_, _, target) in relationships(data) {
            named.insert(super::xlsx_merges::resolve(dir, &target));
        }
    }
    let mut drop = Vec::new();
    for group in groups.values().filter(|g| g.len() > 1) {
        let keep = group
            .iter()
            .copied()
            .filter(|&i| named.contains(&parts[i].0))
            .collect::<Vec<_>>();
        let keep = if keep.len() == 1 { keep[0] } else { group[0] };
        drop.extend(group.iter().copied().filter(|&i| i != keep));
    }
    drop.sort_unstable();
    for i in drop.iter().rev() {
        parts.remove(*i);
    }
    !drop.is_empty()
}

/// One part rewritten on its own, or `None` when it needs nothing.
fn part(name: &str, data: &[u8], kind: Kind) -> Option<Vec<u8>> {
    let lower = name.to_ascii_lowercase();
    if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
        return None;
    }
    let utf8 = to_utf8(data);
    let text: &[u8] = utf8.as_deref().unwrap_or(data);
    let no_dtd = without_doctype(text);
    let text = no_dtd.as_deref().unwrap_or(text);
    let rewritten = if lower.ends_with(".rels") {
        unprefixed_relationships(text)
    } else if kind == Kind::Ods && lower == "content.xml" {
        ods_without_table_whitespace(text)
    } else if kind == Kind::Xlsx && lower.contains("worksheets/") {
        without_bad_dimension(text)
    } else {
        None
    };
    match rewritten {
        Some(r) => Some(r),
        None if utf8.is_some() || no_dtd.is_some() => Some(text.to_vec()),
        None => None,
    }
}

/// A UTF-16 part as UTF-8 with its declaration corrected; `None` when it is not UTF-16.
fn to_utf8(data: &[u8]) -> Option<Vec<u8>> {
    let encoding = match data {
        [0xFE, 0xFF, ..] | [0, b'<', ..] => encoding_rs::UTF_16BE,
        [0xFF, 0xFE, ..] | [b'<', 0, ..] => encoding_rs::UTF_16LE,
        _ => return None,
    };
    let (text, _, _) = encoding.decode(data);
    let text = text.trim_start_matches('\u{feff}');
    let mut out = String::with_capacity(text.len());
    // The declaration names UTF-16: say UTF-8 now.
    match text
        .strip_prefix("<?xml")
        .and_then(|rest| rest.find("?>").map(|end| (&rest[..end], &rest[end..])))
    {
        Some((decl, rest)) => {
            out.push_str("<?xml");
            out.push_str(&utf8_declaration(decl));
            out.push_str(rest);
        }
        None => out.push_str(text),
    }
    Some(out.into_bytes())
}

/// The inside of an XML declaration with its encoding (if any) set to UTF-8.
fn utf8_declaration(decl: &str) -> String {
    let Some(at) = decl.find("encoding") else {
        return decl.to_string();
    };
    let after = &decl[at..];
    let Some(open) = after.find(['"', '\'']) else {
        return decl.to_string();
    };
    let quote = after.as_bytes()[open] as char;
    let Some(close) = after[open + 1..].find(quote) else {
        return decl.to_string();
    };
    let end = at + open + 1 + close + 1;
    format!("{}encoding=\"UTF-8\"{}", &decl[..at], &decl[end..])
}

/// The part without its `<!DOCTYPE …>` (internal subset included) and without
/// references to the entities it declared; `None` when there is none.
fn without_doctype(text: &[u8]) -> Option<Vec<u8>> {
    let start = memchr::memmem::find(text, b"<!DOCTYPE")?;
    let rest = &text[start..];
    let bracket = memchr::memchr(b'[', rest);
    let gt = memchr::memchr(b'>', rest)?;
    let end = match bracket {
        Some(b) if b < gt => {
            let close = memchr::memmem::find(&rest[b..], b"]")? + b;
            close + memchr::memchr(b'>', &rest[close..])? + 1
        }
        _ => gt + 1,
    };
    let mut out = Vec::with_capacity(text.len());
    out.extend_from_slice(&text[..start]);
    let body = &text[start + end..];
    let mut i = 0;
    while i < body.len() {
        if body[i] == b'&' {
            let name_end = body[i + 1..]
                .iter()
                .take(64)
                .position(|&b| b == b';')
                .map(|p| i + 1 + p);
            if let Some(semi) = name_end {
                let name = &body[i + 1..semi];
                let predefined = matches!(name, b"lt" | b"gt" | b"amp" | b"quot" | b"apos")
                    || name.first() == Some(&b'#');
                if !predefined && !name.is_empty() {
                    i = semi + 1;
                    continue;
                }
            }
        }
        out.push(body[i]);
        i += 1;
    }
    Some(out)
}

/// A relationships part whose elements carry a namespace prefix, written without it.
fn unprefixed_relationships(text: &[u8]) -> Option<Vec<u8>> {
    let head = &text[..text.len().min(512)];
    if memchr::memmem::find(head, b"<Relationships").is_some() {
        return None;
    }
    let mut reader = Reader::from_reader(text);
    let mut rels = Vec::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let mut el = BytesStart::new("Relationship");
                for key in ["Id", "Type", "Target", "TargetMode"] {
                    if let Some(v) = attr(&e, key) {
                        el.push_attribute((key, v.as_str()));
                    }
                }
                rels.push(el.into_owned());
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let mut w = Writer::new(Vec::with_capacity(text.len()));
    w.get_mut().extend_from_slice(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for el in rels {
        w.write_event(Event::Empty(el)).ok()?;
    }
    w.get_mut().extend_from_slice(b"</Relationships>");
    Some(w.into_inner())
}

/// content.xml without whitespace-only text directly inside table structure (between
/// rows and cells). Text inside paragraphs is kept as it is.
fn ods_without_table_whitespace(text: &[u8]) -> Option<Vec<u8>> {
    let mut reader = Reader::from_reader(text);
    let mut w = Writer::new(Vec::with_capacity(text.len()));
    // The prefix of each open element: whitespace is dropped where the innermost open
    // element is a table or office element.
    let mut structural: Vec<bool> = Vec::new();
    let mut dropped = false;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        match &event {
            Event::Start(e) => {
                let name = e.name();
                let n = name.as_ref();
                structural.push(n.starts_with("table:") || n.starts_with("office:"));
            }
            Event::End(_) => {
                structural.pop();
            }
            Event::Text(t)
                if structural.last() == Some(&true)
                    && t.bytes().all(|b| b.is_ascii_whitespace()) =>
            {
                dropped = true;
                buf.clear();
                continue;
            }
            Event::Eof => break,
            _ => {}
        }
        w.write_event(event).ok()?;
        buf.clear();
    }
    dropped.then(|| w.into_inner())
}

/// A worksheet whose `<dimension ref>` is not a cell range, without that element.
fn without_bad_dimension(text: &[u8]) -> Option<Vec<u8>> {
    let head = &text[..text.len().min(4096)];
    let at = memchr::memmem::find(head, b"<dimension")
        .or_else(|| memchr::memmem::find(head, b":dimension").map(|i| i.saturating_sub(1)))?;
    let start = head[..=at].iter().rposition(|&b| b == b'<')?;
    let end = start + memchr::memchr(b'>', &text[start..])? + 1;
    let mut reader = Reader::from_reader(&text[start..end]);
    let mut buf = Vec::new();
    let reference = match reader.read_event_into(&mut buf).ok()? {
        Event::Empty(e) | Event::Start(e) => attr(&e, "ref")?,
        _ => return None,
    };
    if reference.split(':').all(is_cell_ref) {
        return None;
    }
    let mut out = Vec::with_capacity(text.len());
    out.extend_from_slice(&text[..start]);
    out.extend_from_slice(&text[end..]);
    Some(out)
}

/// `A1`, `$AB$12`: letters then digits.
fn is_cell_ref(s: &str) -> bool {
    let s = s.replace('$', "");
    let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    letters > 0 && letters < s.len() && s.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

/// workbook.xml and its relationships: sheets without a relationship dropped, unknown
/// states cleared, macro sheets typed so calamine skips them. `true` when changed.
fn fix_workbook(parts: &mut [(String, Vec<u8>)]) -> bool {
    let Some(workbook) = office_document(parts) else {
        return false;
    };
    let (dir, file) = workbook.rsplit_once('/').unwrap_or(("", workbook.as_str()));
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let mut changed = false;
    let mut ids: HashMap<String, String> = HashMap::new();
    if let Some((_, rels)) = parts.iter_mut().find(|(n, _)| *n == rels_name) {
        let typed = macro_sheets_as_dialogs(rels);
        if let Some(t) = typed {
            *rels = t;
            changed = true;
        }
        ids = relationship_types(rels);
    }
    if let Some((_, xml)) = parts.iter_mut().find(|(n, _)| *n == workbook) {
        if let Some(fixed) = sheets_fixed(xml, &ids) {
            *xml = fixed;
            changed = true;
        }
    }
    changed
}

/// The package's main part (`_rels/.rels`, officeDocument), or `xl/workbook.xml`.
fn office_document(parts: &[(String, Vec<u8>)]) -> Option<String> {
    let rels = parts.iter().find(|(n, _)| n == "_rels/.rels")?;
    relationships(&rels.1)
        .into_iter()
        .find(|(_, ty, _)| ty.ends_with("/officeDocument"))
        .map(|(_, _, target)| target.trim_start_matches('/').to_string())
        .or_else(|| Some("xl/workbook.xml".to_string()))
}

/// (Id, Type, Target) of each relationship.
fn relationships(xml: &[u8]) -> Vec<(String, String, String)> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    while let Ok(event) = reader.read_event_into(&mut buf) {
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                out.push((
                    attr(&e, "Id").unwrap_or_default(),
                    attr(&e, "Type").unwrap_or_default(),
                    attr(&e, "Target").unwrap_or_default(),
                ));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

fn relationship_types(xml: &[u8]) -> HashMap<String, String> {
    relationships(xml)
        .into_iter()
        .map(|(id, ty, _)| (id, ty))
        .collect()
}

/// The workbook's relationships with Excel 4.0 macro sheets typed as dialog sheets.
fn macro_sheets_as_dialogs(rels: &[u8]) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(rels);
    let mut out = text.to_string();
    for macro_type in [
        "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet",
        "http://schemas.microsoft.com/office/2006/relationships/xlIntlMacrosheet",
    ] {
        out = out.replace(
            macro_type,
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/dialogsheet",
        );
    }
    (out != text).then(|| out.into_bytes())
}

/// workbook.xml with each `<sheet>` that has no relationship dropped and each unknown
/// `state` removed; `None` when every sheet is fine.
fn sheets_fixed(xml: &[u8], ids: &HashMap<String, String>) -> Option<Vec<u8>> {
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(Vec::with_capacity(xml.len()));
    let mut changed = false;
    let mut skip_depth = 0u32;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        if skip_depth > 0 {
            match event {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
            continue;
        }
        let out = match &event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                let rid = attr(e, "id").unwrap_or_default();
                if !ids.contains_key(&rid) {
                    changed = true;
                    if matches!(event, Event::Start(_)) {
                        skip_depth = 1;
                    }
                    buf.clear();
                    continue;
                }
                let state = attr(e, "state");
                if state
                    .as_deref()
                    .is_some_and(|s| !matches!(s, "visible" | "hidden" | "veryHidden"))
                {
                    changed = true;
                    let mut el = BytesStart::new(e.name().as_ref().to_string());
                    for a in e.attributes().flatten() {
                        if a.key.local_name().as_ref() != "state" {
                            el.push_attribute(a);
                        }
                    }
                    let el = el.into_owned();
                    if matches!(event, Event::Start(_)) {
                        Event::Start(el)
                    } else {
                        Event::Empty(el)
                    }
                } else {
                    event.into_owned()
                }
            }
            Event::Eof => break,
            _ => event.into_owned(),
        };
        w.write_event(out).ok()?;
        buf.clear();
    }
    changed.then(|| w.into_inner())
}

/// An .xlsb whose workbook lives in another folder: that folder renamed `xl/` (targets
/// inside it are relative, so they still resolve). `true` when moved.
fn move_workbook_to_xl(parts: &mut [(String, Vec<u8>)]) -> bool {
    if parts.iter().any(|(n, _)| n == "xl/workbook.bin") {
        return false;
    }
    let Some(target) = office_document(parts) else {
        return false;
    };
    let Some((dir, file)) = target.rsplit_once('/') else {
        return false;
    };
    if file != "workbook.bin" || dir.is_empty() {
        return false;
    }
    let from = format!("{dir}/");
    for (name, _) in parts.iter_mut() {
        if let Some(rest) = name.strip_prefix(&from) {
            *name = format!("xl/{rest}");
        }
    }
    if let Some((_, rels)) = parts.iter_mut().find(|(n, _)| n == "_rels/.rels") {
        let text = String::from_utf8_lossy(rels).replace(&target, "xl/workbook.bin");
        *rels = text.into_bytes();
    }
    true
}

/// An .ods without a `mimetype` entry gets one. `true` when added.
fn add_mimetype(parts: &mut Vec<(String, Vec<u8>)>) -> bool {
    if parts.iter().any(|(n, _)| n == "mimetype") {
        return false;
    }
    parts.insert(0, ("mimetype".to_string(), ODS_MIME.to_vec()));
    true
}

fn write_zip(parts: &[(String, Vec<u8>)]) -> Option<Vec<u8>> {
    let size: usize = parts.iter().map(|(n, d)| n.len() + d.len() + 100).sum();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(size + 1024)));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(size > u32::MAX as usize / 2);
    let mut seen: HashMap<Cow<'_, str>, ()> = HashMap::new();
    for (name, data) in parts {
        // Two entries of one name: the first wins, as calamine's lookup would find it.
        if seen.insert(Cow::Borrowed(name.as_str()), ()).is_some() {
            continue;
        }
        zip.start_file(name.as_str(), options).ok()?;
        zip.write_all(data).ok()?;
    }
    Some(zip.finish().ok()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_parts_become_utf8_with_a_true_declaration() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>表</a>";
        let mut be = vec![0xFE, 0xFF];
        be.extend(xml.encode_utf16().flat_map(|u| u.to_be_bytes()));
        let got = to_utf8(&be).unwrap();
        assert_eq!(
            String::from_utf8(got).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>表</a>"
        );
        let le: Vec<u8> = xml.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert!(String::from_utf8(to_utf8(&le).unwrap())
            .unwrap()
            .ends_with("<a>表</a>"));
        assert_eq!(to_utf8(xml.as_bytes()), None);
    }

    #[test]
    fn a_doctype_goes_with_its_entities_and_predefined_ones_stay() {
        let xml = b"<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY lol \"x\"> <!ENTITY lol2 \"&lol;&lol;\">]><a>&lol2;1 &amp; 2 &#20;</a>";
        let got = String::from_utf8(without_doctype(xml).unwrap()).unwrap();
        assert_eq!(got, "<?xml version=\"1.0\"?><a>1 &amp; 2 &#20;</a>");
        assert_eq!(without_doctype(b"<a>&amp;</a>"), None);
    }

    #[test]
    fn prefixed_relationships_lose_the_prefix() {
        let xml = br#"<?xml version="1.0"?><ns0:Relationships xmlns:ns0="http://schemas.openxmlformats.org/package/2006/relationships"><ns0:Relationship Id="rId1" Type="t/worksheet" Target="worksheets/sheet1.bin"/></ns0:Relationships>"#;
        let got = String::from_utf8(unprefixed_relationships(xml).unwrap()).unwrap();
        assert!(got.contains(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="t/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"#
        ), "{got}");
        assert_eq!(unprefixed_relationships(got.as_bytes()), None);
    }

    #[test]
    fn sheets_without_a_relationship_are_dropped_and_odd_states_cleared() {
        let ids: HashMap<String, String> = [("rId1".to_string(), "ws".to_string())].into();
        let xml = br#"<workbook xmlns:r="r"><sheets><sheet name="A" sheetId="1" r:id="rId1" state="show"/><sheet name="B" sheetId="2" r:id=""/></sheets></workbook>"#;
        let got = String::from_utf8(sheets_fixed(xml, &ids).unwrap()).unwrap();
        assert_eq!(
            got,
            r#"<workbook xmlns:r="r"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        );
        let fine = br#"<sheets><sheet name="A" r:id="rId1" state="hidden"/></sheets>"#;
        assert_eq!(sheets_fixed(fine, &ids), None);
    }

    #[test]
    fn a_dimension_that_is_no_cell_range_is_dropped() {
        let xml = br#"<worksheet><dimension ref="1:4"/><sheetData/></worksheet>"#;
        assert_eq!(
            without_bad_dimension(xml).unwrap(),
            b"<worksheet><sheetData/></worksheet>"
        );
        let fine = br#"<worksheet><dimension ref="A1:$C$4"/><sheetData/></worksheet>"#;
        assert_eq!(without_bad_dimension(fine), None);
        assert_eq!(
            without_bad_dimension(br#"<worksheet><dimension ref="B2"/></worksheet>"#),
            None
        );
    }

    #[test]
    fn whitespace_between_ods_cells_is_dropped_but_not_inside_paragraphs() {
        let xml = b"<office:body><table:table>\n <table:table-row>\n  <table:table-cell><text:p> a </text:p></table:table-cell>\n </table:table-row></table:table></office:body>";
        let got = String::from_utf8(ods_without_table_whitespace(xml).unwrap()).unwrap();
        assert_eq!(
            got,
            "<office:body><table:table><table:table-row><table:table-cell><text:p> a </text:p></table:table-cell></table:table-row></table:table></office:body>"
        );
        assert_eq!(ods_without_table_whitespace(got.as_bytes()), None);
    }
}
