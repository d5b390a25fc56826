//! Repeated table header rows: everything about how they are marked, in one place.
//!
//! docx-rs 0.4.22 cannot write `w:tblHeader`. The renderer therefore marks a table whose
//! FIRST row is a header row by giving it the table style [`HEADER_TABLE_STYLE`]:
//!
//! ```xml
//! <w:tbl><w:tblPr>… <w:tblStyle w:val="RectifyRepeatHeader" /> …</w:tblPr>
//!   <w:tblGrid>…</w:tblGrid>
//!   <w:tr><w:trPr …/>…</w:tr>   ← this row is the header row
//! ```
//!
//! The style is defined in styles.xml (an ordinary table style based on nothing, so the
//! reference is valid). [`mark_header_rows`] turns the mark into the real property: it
//! adds `<w:tblHeader />` to the `w:trPr` of the first row of every marked table in
//! word/document.xml. The finishing pass (src/render/finish.rs) calls it on
//! word/document.xml; until that pass exists, `render::docx::finish_minimal` does.
//! Applying it twice is harmless (a row that has `w:tblHeader` is left alone).

/// The table style id that marks "the first row is a header row, repeat it on every page".
pub const HEADER_TABLE_STYLE: &str = "RectifyRepeatHeader";

/// The style definition registered in styles.xml for [`HEADER_TABLE_STYLE`].
pub fn header_table_style() -> docx_rs::Style {
    docx_rs::Style::new(HEADER_TABLE_STYLE, docx_rs::StyleType::Table).name("Rectify Repeat Header")
}

/// Add `<w:tblHeader />` to the first row of every table marked with
/// [`HEADER_TABLE_STYLE`]. Works on docx-rs's serialisation (no nested tables in the
/// first row of a marked table); anything it does not recognise is left unchanged.
pub fn mark_header_rows(document_xml: &str) -> String {
    let marker = format!("w:tblStyle w:val=\"{HEADER_TABLE_STYLE}\"");
    let mut out = String::with_capacity(document_xml.len() + 64);
    let mut rest = document_xml;
    while let Some(pos) = rest.find(&marker) {
        // Copy through the marker, then find the first row of this table.
        let after_marker = pos + marker.len();
        out.push_str(&rest[..after_marker]);
        rest = &rest[after_marker..];
        let Some(tr) = find_tag(rest, "w:tr") else {
            break;
        };
        let open_end = tr + rest[tr..].find('>').map_or(0, |e| e + 1);
        out.push_str(&rest[..open_end]);
        rest = &rest[open_end..];
        let self_closing = ["<w:trPr />", "<w:trPr/>"]
            .into_iter()
            .find(|t| rest.starts_with(t));
        if let Some(t) = self_closing {
            out.push_str("<w:trPr><w:tblHeader /></w:trPr>");
            rest = &rest[t.len()..];
        } else if rest.starts_with("<w:trPr>") {
            let row_props_end = rest.find("</w:trPr>").unwrap_or(0);
            if !rest[..row_props_end].contains("<w:tblHeader") {
                out.push_str("<w:trPr><w:tblHeader />");
                rest = &rest["<w:trPr>".len()..];
            }
        } else {
            out.push_str("<w:trPr><w:tblHeader /></w:trPr>");
        }
    }
    out.push_str(rest);
    out
}

/// The byte offset of the first `<tag` followed by `>`, `/` or whitespace.
fn find_tag(s: &str, tag: &str) -> Option<usize> {
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(i) = s[from..].find(&open) {
        let at = from + i;
        match s[at + open.len()..].chars().next() {
            Some('>') | Some('/') | Some(' ') | Some('\n') | Some('\t') => return Some(at),
            _ => from = at + open.len(),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_first_row_only_once() {
        let xml = format!(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"{HEADER_TABLE_STYLE}\" /></w:tblPr><w:tblGrid /><w:tr><w:trPr /><w:tc/></w:tr><w:tr><w:trPr /></w:tr></w:tbl>\
             <w:tbl><w:tblPr /><w:tr><w:trPr /></w:tr></w:tbl>"
        );
        let once = mark_header_rows(&xml);
        assert_eq!(once.matches("<w:tblHeader />").count(), 1);
        assert!(once.contains("<w:tr><w:trPr><w:tblHeader /></w:trPr><w:tc/>"));
        assert_eq!(mark_header_rows(&once), once);
        let with_props = xml.replacen("<w:trPr />", "<w:trPr><w:cantSplit /></w:trPr>", 1);
        let m = mark_header_rows(&with_props);
        assert!(m.contains("<w:trPr><w:tblHeader /><w:cantSplit /></w:trPr>"));
    }
}
