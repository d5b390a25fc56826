//! Merged regions of xlsx worksheets, read from the `<mergeCells>` element alone, and
//! their hidden rows (`<row hidden="1">`), from the same inflate of the part; and the
//! worksheets' cell comments (批注: legacy notes and threaded comments), from the parts
//! the sheet's relationships name (calamine reads neither hidden rows nor comments).
//!
//! calamine's `merge_cells_by_sheet_name` parses a worksheet's whole XML a second time
//! to reach `<mergeCells>`, which the schema puts after `<sheetData>`: about a third of
//! the time of reading a return. Here the element is found by a byte search in the
//! part's XML, and only it is parsed. The part is inflated once for both readers: this
//! module inflates the parts it shares with calamine and hands calamine a copy of the
//! package with them stored (`SheetParts::stored_copy`). Anything
//! unexpected (a part not found, XML that does not parse, a reference that does not
//! read) gives `None`, and the caller asks calamine instead.

use super::xml::{attr, push_ref};
use std::collections::HashMap;
use std::io::Cursor;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zip::ZipArchive;

use crate::ingest::grid::{Comment, HiddenLines, Merge};

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// What one inflate of a worksheet's part gives besides its cells.
#[derive(Debug, Default)]
pub(super) struct SheetFacts {
    /// The merged regions (0-based; `None` when they do not read).
    pub merges: Option<Vec<Merge>>,
    /// Hidden rows (not those a filter hides) and hidden columns.
    pub hidden: HiddenLines,
    /// Cells whose style is struck through (0-based row, column).
    pub struck: Vec<(usize, usize)>,
    /// Inline strings (rich text kept in the sheet, as openpyxl and some exporters
    /// write it) with struck runs: whole text → the text not struck.
    pub struck_inline: HashMap<String, String>,
    /// The print header and footer's text, one line per part (`header_footer_text`).
    pub page_header: String,
    /// Date cells shown as a month and numbers shown as a percentage
    /// (`xlsx_number_formats.rs`).
    pub shown: Vec<(usize, usize, super::xlsx_number_formats::Shown)>,
}

/// What the reader needs of a workbook's cell styles that calamine does not give.
#[derive(Debug, Default)]
pub(super) struct CellStyles {
    /// Struck fonts and runs.
    pub strikes: super::xlsx_strike::Strikes,
    /// The cell style indices whose number format shows a month and no day, or a
    /// percentage.
    pub shown: HashMap<u32, super::xlsx_number_formats::Shown>,
}

/// The styles and shared strings parts, in the workbook part's folder.
const STYLES: &str = "styles.xml";
const SHARED_STRINGS: &str = "sharedStrings.xml";

/// A workbook's worksheets by name, with the zip entry of each.
pub(super) struct SheetParts<'a> {
    zip: Archive<'a>,
    paths: HashMap<String, String>,
    /// The workbook part's folder (`xl`).
    dir: String,
    /// Parts already inflated, by entry name, each taken out when it is read.
    inflated: HashMap<String, Vec<u8>>,
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
        let rels = read_part(&mut zip, &rels_path)?;
        let targets: HashMap<String, String> = relationships(&rels)?
            .into_iter()
            .map(|(id, _, target)| (id, resolve(&dir, &target)))
            .collect();
        let book = read_part(&mut zip, &workbook)?;
        let mut paths = HashMap::new();
        for (name, rid) in sheets(&book)? {
            if let Some(target) = targets.get(&rid) {
                paths.insert(name, target.clone());
            }
        }
        let inflated = HashMap::from([(rels_path, rels), (workbook, book)]);
        Some(SheetParts {
            zip,
            paths,
            dir,
            inflated,
        })
    }

    /// The part at `path`: inflated before (taken out), else now.
    fn part(&mut self, path: &str) -> Option<Vec<u8>> {
        match self.inflated.remove(path) {
            Some(xml) => Some(xml),
            None => read_part(&mut self.zip, path),
        }
    }

    /// The package again for calamine, with the parts both it and this module read
    /// (the workbook and its relationships, the shared strings, the styles, every
    /// worksheet) stored, not deflated: each is inflated once, here, and kept for this
    /// module's reading; calamine then copies it instead of inflating it a second time.
    /// The theme is left out: calamine reads only its colours (default ones without
    /// it), which nothing here uses. Every other entry is copied as it is, compressed;
    /// an entry that does not inflate too, for calamine to refuse as it would have.
    /// `None` when the copy cannot be written (calamine then reads the original).
    pub(super) fn stored_copy(&mut self) -> Option<Vec<u8>> {
        let theme = self.at("theme/theme1.xml");
        let mut wanted: Vec<String> = vec![self.at(SHARED_STRINGS), self.at(STYLES)];
        wanted.extend(self.paths.values().cloned());
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(
            self.zip.decompressed_size().unwrap_or(0).min(64 << 20) as usize,
        )));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(true);
        for i in 0..self.zip.len() {
            let name = self.zip.name_for_index(i)?.ok()?.into_owned();
            if name == theme {
                continue;
            }
            if !self.inflated.contains_key(&name) && wanted.contains(&name) {
                if let Ok(xml) = super::zip_entry::read_entry_at(&mut self.zip, i, u64::MAX) {
                    self.inflated.insert(name.clone(), xml);
                }
            }
            match self.inflated.get(&name) {
                Some(xml) => {
                    out.start_file(name, stored).ok()?;
                    std::io::Write::write_all(&mut out, xml).ok()?;
                }
                None => out.raw_copy_file(self.zip.by_index_raw(i).ok()?).ok()?,
            }
        }
        Some(out.finish().ok()?.into_inner())
    }

    /// The entry of a part in the workbook part's folder (`xl/styles.xml`), where
    /// calamine looks for it.
    fn at(&self, name: &str) -> String {
        if self.dir.is_empty() {
            name.to_string()
        } else {
            format!("{}/{name}", self.dir)
        }
    }

    /// What of the workbook is struck through (`xlsx_strike.rs`) and which cell styles
    /// show a date as a month or a number as a percentage (`xlsx_number_formats.rs`),
    /// from its styles and shared strings parts.
    pub(super) fn styles(&mut self) -> CellStyles {
        let styles = self.part(&self.at(STYLES));
        let shared = self.part(&self.at(SHARED_STRINGS));
        CellStyles {
            strikes: super::xlsx_strike::Strikes::read(styles.as_deref(), shared.as_deref()),
            shown: super::xlsx_number_formats::shown_styles(styles.as_deref()),
        }
    }

    /// The XML of the sheet called `name`, if it reads.
    fn sheet_xml(&mut self, name: &str) -> Option<Vec<u8>> {
        let path = self.paths.get(name).cloned()?;
        self.part(&path)
    }

    /// The merged regions of the sheet called `name` (0-based rows and columns; `None`
    /// when they do not read), its hidden rows (0-based, ascending), its struck cells
    /// and its cells shown as a month or a percentage (`styles`), from one inflate of
    /// the part.
    pub(super) fn merges_and_hidden_rows(&mut self, name: &str, styles: &CellStyles) -> SheetFacts {
        let Some(xml) = self.sheet_xml(name) else {
            return SheetFacts::default();
        };
        let mut hidden = hidden_lines(&xml);
        // Rows a filter hides are hidden by their value, not withdrawn: read as shown.
        if let Some(range) = filtered_range(&xml) {
            hidden
                .rows
                .retain(|&r| r < range.first_row || r > range.last_row);
        }
        SheetFacts {
            merges: merge_cells(&xml),
            hidden,
            struck: styles.strikes.struck_cells(&xml),
            shown: super::xlsx_number_formats::shown_cells(&xml, &styles.shown),
            page_header: header_footer_text(&xml),
            struck_inline: if memchr::memmem::find(&xml, b"strike").is_some() {
                super::xlsx_strike::struck_runs(&xml)
            } else {
                HashMap::new()
            },
        }
    }

    /// The cell comments of the sheet called `name`: threaded comments where a cell has
    /// one, else its note, each without the author line. None when there are none or
    /// the parts do not read.
    pub(super) fn comments(&mut self, name: &str) -> Vec<Comment> {
        let Some(path) = self.paths.get(name).cloned() else {
            return Vec::new();
        };
        let (dir, file) = path.rsplit_once('/').unwrap_or(("", path.as_str()));
        let rels_path = format!("{dir}/_rels/{file}.rels");
        let Some(rels) = read_part(&mut self.zip, &rels_path).and_then(|x| relationships(&x))
        else {
            return Vec::new();
        };
        let mut threaded: Vec<Comment> = Vec::new();
        let mut notes: Vec<Comment> = Vec::new();
        for (_, kind, target) in rels {
            let part = resolve(dir, &target);
            if kind.ends_with("/threadedComment") {
                if let Some(xml) = read_part(&mut self.zip, &part) {
                    threaded.extend(comment_list(&xml, "threadedComment"));
                }
            } else if kind.ends_with("/comments") {
                if let Some(xml) = read_part(&mut self.zip, &part) {
                    notes.extend(comment_list(&xml, "comment"));
                }
            }
        }
        notes.retain(|n| !threaded.iter().any(|t| (t.row, t.col) == (n.row, n.col)));
        threaded.extend(notes);
        threaded.sort_by_key(|c| (c.row, c.col));
        threaded
    }
}

/// The comments of a comments part: each `element` (comment, or threadedComment without
/// a parent: replies are left out) with its cell and the text of its `<t>` runs
/// (phonetic runs left out), without the author line. Nothing when the XML does not
/// parse.
fn comment_list(xml: &[u8], element: &str) -> Vec<Comment> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    let mut authors: Vec<String> = Vec::new();
    let mut current: Option<(u32, u32, Option<usize>, String)> = None;
    let mut in_author = false;
    let mut in_t = false;
    let mut phonetic = 0usize;
    let mut author = String::new();
    loop {
        let Ok(event) = reader.read_event_into(&mut buf) else {
            return Vec::new();
        };
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "author" => {
                    in_author = true;
                    author.clear();
                }
                "rPh" => phonetic += 1,
                "t" => in_t = true,
                n if n == element && attr(&e, "parentId").is_none() => {
                    let at = attr(&e, "ref").and_then(|r| parse_cell(&r));
                    let by = attr(&e, "authorId").and_then(|a| a.parse().ok());
                    current = at.map(|(r, c)| (r, c, by, String::new()));
                }
                "text" if element == "threadedComment" => in_t = true,
                _ => {}
            },
            Event::Text(t) if in_author => author.push_str(&t.xml10_content()),
            Event::Text(t) if in_t && phonetic == 0 => {
                if let Some((_, _, _, text)) = current.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_t && phonetic == 0 => {
                if let Some((_, _, _, text)) = current.as_mut() {
                    push_ref(text, &r);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "author" => {
                    in_author = false;
                    authors.push(std::mem::take(&mut author));
                }
                "rPh" => phonetic = phonetic.saturating_sub(1),
                "t" => in_t = false,
                "text" if element == "threadedComment" => in_t = false,
                n if n == element => {
                    if let Some((row, col, by, text)) = current.take() {
                        let by = by.and_then(|i| authors.get(i)).map(String::as_str);
                        let text = without_author(&text, by);
                        if !text.is_empty() {
                            out.push(Comment { row, col, text });
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => return out,
            _ => {}
        }
        buf.clear();
    }
}

/// A note's text without the line Excel puts first (张三: or the author's name and a
/// colon before the text), trimmed.
fn without_author(text: &str, author: Option<&str>) -> String {
    let text = text.trim_start();
    if let Some(a) = author.filter(|a| !a.trim().is_empty()) {
        if let Some(rest) = text.strip_prefix(a.trim()) {
            if let Some(rest) = rest.strip_prefix([':', '：']) {
                return rest.trim().to_string();
            }
        }
    }
    if let Some((first, rest)) = text.split_once('\n') {
        let first = first.trim();
        if (first.ends_with(':') || first.ends_with('：')) && first.chars().count() <= 40 {
            return rest.trim().to_string();
        }
    }
    text.trim().to_string()
}

fn read_part(zip: &mut Archive<'_>, path: &str) -> Option<Vec<u8>> {
    super::zip_entry::read_entry(zip, path, u64::MAX).ok()
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
pub(super) fn resolve(dir: &str, target: &str) -> String {
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
pub(super) fn relationships(xml: &[u8]) -> Option<Vec<(String, String, String)>> {
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

/// The rows a `<row>` element marks `hidden` (by hand, by a filter or a collapsed
/// outline) and the columns a `<col>` element does, 0-based and ascending. Found by a
/// byte search for the attribute, each hit parsed as the tag it sits in; a row without
/// its `r` number, or a column range that does not read, is passed over.
fn hidden_lines(xml: &[u8]) -> HiddenLines {
    let (mut rows, mut cols) = (Vec::new(), Vec::new());
    for i in memchr::memmem::find_iter(xml, b"hidden=") {
        let Some(lt) = xml[..i].iter().rposition(|&b| b == b'<') else {
            continue;
        };
        let mut reader = Reader::from_reader(&xml[lt..]);
        let (Ok(Event::Start(e)) | Ok(Event::Empty(e))) = reader.read_event() else {
            continue;
        };
        if !matches!(attr(&e, "hidden").as_deref(), Some("1" | "true")) {
            continue;
        }
        let number = |name: &str| attr(&e, name).and_then(|v| v.trim().parse::<u32>().ok());
        match e.local_name().as_ref() {
            "row" => {
                if let Some(r) = number("r").filter(|&r| r >= 1) {
                    rows.push(r - 1);
                }
            }
            "col" => {
                // A sheet's columns end at XFD (16384); a range past it is cut there.
                if let (Some(min), Some(max)) = (number("min"), number("max")) {
                    if min >= 1 && min <= max {
                        cols.extend(min - 1..max.min(MAX_COLUMNS));
                    }
                }
            }
            _ => {}
        }
    }
    for lines in [&mut rows, &mut cols] {
        lines.sort_unstable();
        lines.dedup();
    }
    HiddenLines { rows, cols }
}

/// The columns of an xlsx sheet (A to XFD).
const MAX_COLUMNS: u32 = 16_384;

/// The text of a sheet's `<headerFooter>` parts (oddHeader, firstHeader, oddFooter …),
/// one line per section of each, without Excel's codes (&L &C &R sections, &"宋体,常规"
/// fonts, &12 sizes, &P page fields; && is an ampersand). Empty when there is none.
fn header_footer_text(xml: &[u8]) -> String {
    let Some(start) = memchr::memmem::find(xml, b"<headerFooter") else {
        return String::new();
    };
    let mut reader = Reader::from_reader(&xml[start..]);
    let mut buf = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() != "headerFooter" => {
                current = Some(String::new());
            }
            Ok(Event::Text(t)) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(g)) => {
                if let Some(c) = current.as_mut() {
                    push_ref(c, &g);
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "headerFooter" => break,
            Ok(Event::End(_)) => {
                if let Some(c) = current.take() {
                    parts.extend(header_sections(&c));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    parts.join("\n")
}

/// The sections of one header or footer string, codes taken out, the empty ones left.
fn header_sections(code: &str) -> Vec<String> {
    let mut sections = vec![String::new()];
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        let text = if c != '&' {
            Some(c)
        } else {
            match chars.next() {
                Some('&') => Some('&'),
                Some('L' | 'C' | 'R') => {
                    sections.push(String::new());
                    None
                }
                // A font: &"name,style".
                Some('"') => {
                    for f in chars.by_ref() {
                        if f == '"' {
                            break;
                        }
                    }
                    None
                }
                // A size: &12.
                Some(d) if d.is_ascii_digit() => {
                    while chars.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                    }
                    None
                }
                // A field (&P, &N, &D, &T, &F, &A, &G) or a style toggle (&B, &I …).
                _ => None,
            }
        };
        if let (Some(t), Some(section)) = (text, sections.last_mut()) {
            section.push(t);
        }
    }
    sections
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The range of the sheet's `<autoFilter>` when a filter is set on one of its columns
/// (a `<filterColumn>` inside it); `None` for a sheet without one, or with filter
/// buttons but nothing filtered.
fn filtered_range(xml: &[u8]) -> Option<Merge> {
    let start = memchr::memmem::find(xml, b"<autoFilter")?;
    let mut reader = Reader::from_reader(&xml[start..]);
    let (Event::Start(e) | Event::Empty(e)) = reader.read_event().ok()? else {
        return None;
    };
    let range = parse_range(&attr(&e, "ref")?)?;
    let rest = &xml[start..];
    let end = memchr::memmem::find(rest, b"</autoFilter>")?;
    memchr::memmem::find(&rest[..end], b"<filterColumn").map(|_| range)
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
    fn a_filters_range_is_found_only_when_a_column_is_filtered() {
        let filtered = br#"<worksheet><sheetData/><autoFilter ref="A3:E9"><filterColumn colId="3"><filters><filter val="x"/></filters></filterColumn></autoFilter></worksheet>"#;
        let range = filtered_range(filtered).unwrap();
        assert_eq!((range.first_row, range.last_row), (2, 8));
        let buttons = br#"<worksheet><sheetData/><autoFilter ref="A3:E9"/></worksheet>"#;
        assert!(filtered_range(buttons).is_none());
        assert!(filtered_range(b"<worksheet><sheetData/></worksheet>").is_none());
    }

    #[test]
    fn hidden_lines_are_the_rows_and_columns_marked_hidden() {
        let xml = br#"<worksheet><cols><col min="3" max="4" hidden="1"/></cols><sheetData>
            <row r="1"><c r="A1"/></row><row r="4" spans="1:5" hidden="1" ht="0"><c r="A4"/></row>
            <x:row r="6" hidden="true"/><row r="7" hidden="0"/><row hidden="1"/>
            <row r="2" customHeight="1" hidden="1"></row></sheetData></worksheet>"#;
        let got = hidden_lines(xml);
        assert_eq!((got.rows, got.cols), (vec![1, 3, 5], vec![2, 3]));
        let cols = br#"<worksheet><cols><col min="2" max="2" width="9"/><col min="7" max="8"
            customWidth="1" hidden="true"/><col min="9" max="9" hidden="0"/>
            <col min="16380" max="20000" hidden="1"/></cols></worksheet>"#;
        assert_eq!(
            hidden_lines(cols).cols,
            [6, 7, 16379, 16380, 16381, 16382, 16383]
        );
        let none = hidden_lines(b"<worksheet><sheetData/></worksheet>");
        assert!(none.rows.is_empty() && none.cols.is_empty());
    }

    #[test]
    fn header_footer_text_without_codes() {
        let xml = r#"<worksheet><sheetData/><headerFooter differentFirst="0"><oddHeader>&amp;L&amp;"宋体,常规"&amp;12重庆市永川区朱沱镇人民政府&amp;R第&amp;P页</oddHeader><oddFooter>&amp;C甲&amp;&amp;乙</oddFooter></headerFooter></worksheet>"#;
        assert_eq!(
            header_footer_text(xml.as_bytes()),
            "重庆市永川区朱沱镇人民政府\n第页\n甲&乙"
        );
        assert_eq!(
            header_footer_text(b"<worksheet><sheetData/></worksheet>"),
            ""
        );
    }

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
                    .merges_and_hidden_rows(&sheet, &Default::default())
                    .merges
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
    fn the_stored_copy_holds_the_same_workbook() {
        use calamine::{Data, Reader as _, Xlsx};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut copied = 0;
        for entry in std::fs::read_dir(root.join("input/returns"))
            .unwrap()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().to_string();
            if !name.ends_with(".xlsx") || name.starts_with("~$") {
                continue;
            }
            let bytes = std::fs::read(entry.path()).unwrap();
            let Some(mut parts) = SheetParts::open(&bytes) else {
                continue;
            };
            let copy = parts.stored_copy().expect("the copy is written");
            let mut before = ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
            let mut after = ZipArchive::new(Cursor::new(&copy[..])).unwrap();
            // Every entry but the theme, with the same bytes; the sheets stored.
            for i in 0..before.len() {
                let entry = before.name_for_index(i).unwrap().unwrap().into_owned();
                let theirs = super::super::zip_entry::read_entry_at(&mut before, i, u64::MAX);
                if entry == "xl/theme/theme1.xml" {
                    assert!(after.index_for_name(&entry).is_none());
                    continue;
                }
                let ours = super::super::zip_entry::read_entry(&mut after, &entry, u64::MAX);
                assert_eq!(ours.ok(), theirs.ok(), "{name}: {entry}");
                if entry.starts_with("xl/worksheets/sheet") {
                    let raw = after.by_name(&entry).unwrap();
                    assert_eq!(raw.compression(), zip::CompressionMethod::Stored, "{entry}");
                }
            }
            // calamine reads the same cells from either.
            let cells = |b: &[u8]| -> Vec<Vec<Vec<Data>>> {
                let mut wb = Xlsx::<Cursor<&[u8]>>::new(Cursor::new(b)).unwrap();
                wb.sheet_names()
                    .iter()
                    .map(|s| {
                        let range = wb.worksheet_range(s).unwrap();
                        range.rows().map(|r| r.to_vec()).collect()
                    })
                    .collect()
            };
            assert_eq!(cells(&copy), cells(&bytes), "{name}");
            // This module's parts are the ones inflated for the copy.
            let sheet = parts.paths.keys().next().unwrap().clone();
            assert!(parts
                .merges_and_hidden_rows(&sheet, &Default::default())
                .merges
                .is_some());
            copied += 1;
        }
        assert!(copied >= 5, "{copied}");
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
