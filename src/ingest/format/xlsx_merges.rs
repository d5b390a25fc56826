//! Merged regions of xlsx worksheets, read from the `<mergeCells>` element alone.
//!
//! calamine's `merge_cells_by_sheet_name` parses a worksheet's whole XML a second time
//! to reach `<mergeCells>`, which the schema puts after `<sheetData>`: about a third of
//! the time of reading a return. Here the part is inflated again (much cheaper than
//! parsing it), the element is found by a byte search, and only it is parsed. Anything
//! unexpected (a part not found, XML that does not parse, a reference that does not
//! read) gives `None`, and the caller asks calamine instead.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zip::ZipArchive;

use crate::ingest::grid::Merge;

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// A workbook's worksheets by name, with the zip entry of each.
pub(super) struct SheetParts<'a> {
    zip: Archive<'a>,
    paths: HashMap<String, String>,
}

impl<'a> SheetParts<'a> {
    /// Map sheet names to parts through the package relationships; `None` when the
    /// package does not read that way.
    pub(super) fn open(bytes: &'a [u8]) -> Option<SheetParts<'a>> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).ok()?;
        let workbook = office_document(&mut zip).unwrap_or_else(|| "xl/workbook.xml".into());
        let (dir, file) = match workbook.rsplit_once('/') {
            Some((d, f)) => (d.to_string(), f.to_string()),
            None => (String::new(), workbook.clone()),
        };
        let rels_path = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let targets: HashMap<String, String> = relationships(&read_part(&mut zip, &rels_path)?)?
            .into_iter()
            .map(|(id, _, target)| (id, resolve(&dir, &target)))
            .collect();
        let mut paths = HashMap::new();
        for (name, rid) in sheets(&read_part(&mut zip, &workbook)?)? {
            if let Some(target) = targets.get(&rid) {
                paths.insert(name, target.clone());
            }
        }
        Some(SheetParts { zip, paths })
    }

    /// The merged regions of the sheet called `name` (0-based rows and columns).
    pub(super) fn merges(&mut self, name: &str) -> Option<Vec<Merge>> {
        let path = self.paths.get(name)?.clone();
        let xml = read_part(&mut self.zip, &path)?;
        merge_cells(&xml)
    }
}

fn read_part(zip: &mut Archive<'_>, path: &str) -> Option<Vec<u8>> {
    let mut entry = zip.by_name(path).ok()?;
    let mut out = Vec::with_capacity(entry.size().min(64 << 20) as usize);
    entry.read_to_end(&mut out).ok()?;
    Some(out)
}

/// The main part named by `_rels/.rels` (its officeDocument relationship).
fn office_document(zip: &mut Archive<'_>) -> Option<String> {
    let rels = relationships(&read_part(zip, "_rels/.rels")?)?;
    rels.into_iter()
        .find(|(_, kind, _)| kind.ends_with("/officeDocument"))
        .map(|(_, _, target)| resolve("", &target))
}

/// A relationship target as a zip entry name: absolute targets from the package root,
/// relative ones from the source part's folder (with `..` resolved).
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for p in target.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
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

/// `read` of every element named `local` in a small part (None if the XML does not
/// parse or `read` refuses an element).
fn elements<T>(
    xml: &[u8],
    local: &str,
    read: impl Fn(&BytesStart<'_>) -> Option<T>,
) -> Option<Vec<T>> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == local => {
                out.push(read(&e)?);
            }
            Event::Eof => return Some(out),
            _ => {}
        }
        buf.clear();
    }
}

/// (Id, Type, Target) of every Relationship in a .rels part.
fn relationships(xml: &[u8]) -> Option<Vec<(String, String, String)>> {
    elements(xml, "Relationship", |e| {
        Some((
            attr(e, "Id")?,
            attr(e, "Type").unwrap_or_default(),
            attr(e, "Target")?,
        ))
    })
}

/// (name, r:id) of every sheet in workbook.xml.
fn sheets(xml: &[u8]) -> Option<Vec<(String, String)>> {
    elements(xml, "sheet", |e| Some((attr(e, "name")?, attr(e, "id")?)))
}

/// The start of the `<mergeCells>` element (`<mergeCells` or `<x:mergeCells`).
fn merge_cells_start(xml: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(xml, b"mergeCells").find_map(|i| {
        let before = &xml[..i];
        if before.last() == Some(&b'<') {
            return Some(i - 1);
        }
        // A namespace prefix: `<` then a name then `:`.
        if before.last() != Some(&b':') {
            return None;
        }
        let lt = before.iter().rposition(|&b| b == b'<')?;
        let prefix = &before[lt + 1..before.len() - 1];
        (!prefix.is_empty()
            && prefix
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')))
        .then_some(lt)
    })
}

/// The regions of the `<mergeCells>` element; an empty list when the sheet has none.
fn merge_cells(xml: &[u8]) -> Option<Vec<Merge>> {
    let Some(start) = merge_cells_start(xml) else {
        return Some(Vec::new());
    };
    let mut reader = Reader::from_reader(&xml[start..]);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "mergeCell" => {
                out.push(parse_range(&attr(&e, "ref")?)?);
            }
            Event::End(e) if e.local_name().as_ref() == "mergeCells" => return Some(out),
            Event::Empty(e) if e.local_name().as_ref() == "mergeCells" => return Some(out),
            Event::Eof => return Some(out),
            _ => {}
        }
        buf.clear();
    }
}

/// "B2:D3" (or a single cell "B2") as 0-based rows and columns.
fn parse_range(r: &str) -> Option<Merge> {
    let (a, b) = r.split_once(':').unwrap_or((r, r));
    let (r1, c1) = parse_cell(a)?;
    let (r2, c2) = parse_cell(b)?;
    Some(Merge {
        first_row: r1.min(r2),
        first_col: c1.min(c2),
        last_row: r1.max(r2),
        last_col: c1.max(c2),
    })
}

fn parse_cell(s: &str) -> Option<(u32, u32)> {
    let s = s.trim().trim_start_matches('$');
    let split = s.find(|c: char| !c.is_ascii_alphabetic())?;
    let (letters, digits) = s.split_at(split);
    let digits = digits.trim_start_matches('$');
    if letters.is_empty() || letters.len() > 3 || digits.is_empty() {
        return None;
    }
    let mut col: u32 = 0;
    for c in letters.bytes() {
        col = col * 26 + u32::from(c.to_ascii_uppercase() - b'A' + 1);
    }
    let row: u32 = digits.parse().ok()?;
    if row == 0 {
        return None;
    }
    Some((row - 1, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_read_as_zero_based() {
        let m = parse_range("B2:D3").unwrap();
        assert_eq!(
            (m.first_row, m.first_col, m.last_row, m.last_col),
            (1, 1, 2, 3)
        );
        let m = parse_range("$AA$10").unwrap();
        assert_eq!((m.first_row, m.first_col), (9, 26));
        assert!(parse_range("A0:B1").is_none());
        assert!(parse_range("12:13").is_none());
    }

    #[test]
    fn element_found_with_or_without_prefix() {
        let plain = b"<worksheet><sheetData/><mergeCells count=\"1\"><mergeCell ref=\"A1:C1\"/></mergeCells></worksheet>";
        assert_eq!(merge_cells(plain).unwrap().len(), 1);
        let prefixed = b"<x:worksheet><x:sheetData/><x:mergeCells><x:mergeCell ref=\"A1:A2\"/><x:mergeCell ref=\"B1:B2\"/></x:mergeCells></x:worksheet>";
        assert_eq!(merge_cells(prefixed).unwrap().len(), 2);
        assert_eq!(
            merge_cells(b"<worksheet><sheetData/></worksheet>")
                .unwrap()
                .len(),
            0
        );
        // An unreadable reference: ask calamine.
        assert!(merge_cells(b"<mergeCells><mergeCell ref=\"??\"/></mergeCells>").is_none());
    }

    /// Every xlsx the repository ships (the demo returns, LibreOffice re-saves among
    /// them) and a generated workbook with merges on several sheets: the same regions
    /// as calamine's full parse.
    #[test]
    fn agrees_with_calamine() {
        use calamine::{Reader as _, Xlsx};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<Vec<u8>> = std::fs::read_dir(root.join("input/returns"))
            .unwrap()
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().to_string();
                name.ends_with(".xlsx") && !name.starts_with("~$")
            })
            .map(|e| std::fs::read(e.path()).unwrap())
            .collect();
        let mut wb = rust_xlsxwriter::Workbook::new();
        for s in 0..3u16 {
            let ws = wb.add_worksheet();
            ws.set_name(format!("表{s}")).unwrap();
            let fmt = rust_xlsxwriter::Format::new();
            for k in 0..=s {
                ws.merge_range(
                    u32::from(k) * 3,
                    0,
                    u32::from(k) * 3 + 1,
                    2 + s,
                    "合并",
                    &fmt,
                )
                .unwrap();
            }
            ws.write(40, 30, "x").unwrap();
        }
        files.push(wb.save_to_buffer().unwrap());
        let mut compared = 0;
        for bytes in &files {
            // (The demo set's damaged file opens in neither.)
            let Ok(mut wb) = Xlsx::<Cursor<&[u8]>>::new(Cursor::new(bytes.as_slice())) else {
                assert!(SheetParts::open(bytes).is_none());
                continue;
            };
            let mut parts = SheetParts::open(bytes).expect("package reads");
            for sheet in wb.sheet_names() {
                let theirs: Vec<(u32, u32, u32, u32)> = wb
                    .merge_cells_by_sheet_name(&sheet)
                    .unwrap()
                    .iter()
                    .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
                    .collect();
                let ours: Vec<(u32, u32, u32, u32)> = parts
                    .merges(&sheet)
                    .expect("merges read")
                    .iter()
                    .map(|m| (m.first_row, m.first_col, m.last_row, m.last_col))
                    .collect();
                assert_eq!(ours, theirs, "{sheet}");
                compared += theirs.len();
            }
        }
        assert!(compared >= 10, "{compared}");
    }

    #[test]
    fn relative_and_absolute_targets() {
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl", "/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/sub", "../worksheets/s.xml"),
            "xl/worksheets/s.xml"
        );
    }
}
