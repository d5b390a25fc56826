//! Word returns (.docx): `word/document.xml` read with zip and quick-xml, under the same
//! zip guards as a workbook, into one sheet named “正文”.
//!
//! The sheet is the document as it would look pasted into a spreadsheet: every
//! non-empty paragraph outside a table is a row with its text in the first cell (listed
//! in `Grid::paragraphs`), every table row is a row with its cells in their grid
//! columns. So the title and the 填报单位/填报日期 line before the table sit above the
//! header, a table split across pages into two tables (the second without a header)
//! simply continues, and a second table with its own header repeats it.
//!
//! - A cell spanning columns (`gridSpan`) is a merge across them; a vertically merged
//!   cell (`vMerge` restart, then continue cells) is a merge down every row it spans,
//!   also into a second table that continues the first (a paragraph between them ends
//!   it). The value is in the top-left cell, as in a workbook.
//! - The paragraphs of one cell are joined with line breaks; `w:br` is a line break,
//!   `w:tab` a space; a nested table's text joins its cell's text, a line a row (an
//!   option table's options as boxes: ☑已完成 □正在推进), unless the outer table is
//!   only a frame around it (`body_grid`): then the nested table is the one read.
//! - Automatic numbering (a 序号 column numbered by Word) is written out for decimal
//!   lists: the number is not in the text, but it is what the reader sees.
//! - Deleted text of tracked changes, field codes, text boxes and the fallback copy of
//!   alternate content are not read as rows (a text box is when it holds the table the
//!   body lacks; otherwise its short lines go with the page header's, where a filing
//!   line boxed above the table is found); Wingdings check marks (√ ☑ ×) are, as
//!   symbols or as letters typed in a Wingdings font, and so are legacy form checkboxes.

use super::xml::{attr, push_ref};
use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::cells::check_extent;
use super::guard;
use super::output::Parsed;
use crate::common::text::visible;
use crate::ingest::error::ReadError;
use crate::ingest::grid::{Cell, Comment, Grid, Limits, Merge};
use crate::ingest::vocabulary::marked_status_option;

/// The name of a Word return's one sheet.
pub(crate) const SHEET: &str = "正文";

pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Parsed, ReadError> {
    read_nested(bytes, limits, 0)
}

/// How many documents deep a document imported into a document (an altChunk that is a
/// whole .docx) is read: an import of an import is, no further (a package that holds
/// itself would never end).
const MAX_NESTING: usize = 2;

/// A document `depth` imports deep.
fn read_nested(bytes: &[u8], limits: &Limits, depth: usize) -> Result<Parsed, ReadError> {
    guard::zip_package(bytes, limits)?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))?;
    let document = part(&mut zip, "word/document.xml", limits)?.ok_or(ReadError::Corrupt)?;
    let numbering = match part(&mut zip, "word/numbering.xml", limits) {
        Ok(Some(xml)) => Numbering::parse(&xml),
        _ => Numbering::default(),
    };
    let mut grid = body_grid(&document, numbering, limits)?;
    // Comments (批注) on table cells: a progress cell saying 详见批注 is read from its
    // comment, as in a spreadsheet. The body holds each comment's id; its text is in
    // word/comments.xml.
    if !grid.comments.is_empty() {
        let texts = match part(&mut zip, "word/comments.xml", limits) {
            Ok(Some(xml)) => comment_texts(&xml),
            _ => HashMap::new(),
        };
        grid.comments = std::mem::take(&mut grid.comments)
            .into_iter()
            .filter_map(|c| {
                let text = texts.get(&c.text)?.clone();
                Some(Comment { text, ..c })
            })
            .collect();
    }
    // The page header's lines, then the text boxes' (set by `body_grid`).
    let boxes = std::mem::take(&mut grid.page_header);
    grid.page_header = page_header_text(&mut zip, limits);
    if !boxes.is_empty() {
        if !grid.page_header.is_empty() {
            grid.page_header.push('\n');
        }
        grid.page_header.push_str(&boxes);
    }
    let mut grids = vec![grid];
    let (mut notes, mut infos) = (Vec::new(), Vec::new());
    // The body's relationships, read when an import or an object needs them.
    let mut rels: Option<Vec<Relationship>> = None;
    // Content imported whole (w:altChunk: an OA system's “导出Word” that wraps its HTML
    // page in a .docx): Word shows the page as the body, so its tables are read as the
    // document's. The body's own paragraphs, if any, come first.
    if memchr::memmem::find(&document, b"altChunk").is_some() {
        let rels = rels.get_or_insert_with(|| body_relationships(&mut zip, limits));
        let chunks = alt_chunks(&mut zip, rels, limits, depth, &mut notes, &mut infos)?;
        add_to_body(&mut grids, chunks);
    }
    // A table pasted as an Excel object (the body shows its picture; the workbook is in
    // word/embeddings/): read as the document's sheets when the document has no table
    // of its own. A clerk double-clicks it and reads the same table.
    if grids.iter().all(|g| table_rows(g) < BOXED_TABLE_ROWS) {
        let rels = rels.get_or_insert_with(|| body_relationships(&mut zip, limits));
        let embedded = embedded_workbooks(&mut zip, rels, limits, &mut notes, &mut infos);
        add_to_body(&mut grids, embedded);
    }
    unique_names(&mut grids);
    Ok(Parsed {
        grids,
        notes,
        infos,
        ..Parsed::default()
    })
}

/// A relationship of the document body: (id, type, target as a zip entry name).
type Relationship = (String, String, String);

/// The body's relationships (word/_rels/document.xml.rels), targets resolved; none
/// when the part is missing or does not read.
fn body_relationships(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    limits: &Limits,
) -> Vec<Relationship> {
    let Ok(Some(xml)) = part(zip, "word/_rels/document.xml.rels", limits) else {
        return Vec::new();
    };
    super::xlsx_merges::relationships(&xml)
        .unwrap_or_default()
        .into_iter()
        .map(|(id, kind, target)| (id, kind, super::xlsx_merges::resolve("word", &target)))
        .collect()
}

/// The targets of the body's relationships whose type ends with one of `kinds`.
fn targets_of(rels: &[Relationship], kinds: &[&str]) -> Vec<String> {
    rels.iter()
        .filter(|(_, kind, _)| kinds.iter().any(|k| kind.ends_with(k)))
        .map(|(_, _, target)| target.clone())
        .collect()
}

/// Sheets found beyond the body (an imported page or document, an embedded workbook)
/// after the body's: a body of nothing but them is no sheet, and its page header (a
/// letterhead naming the unit) goes with the first of them.
fn add_to_body(grids: &mut Vec<Grid>, mut found: Vec<Grid>) {
    if found.is_empty() {
        return;
    }
    if grids.len() == 1 && grids[0].rows.is_empty() {
        let body = grids.remove(0);
        if found[0].page_header.is_empty() {
            found[0].page_header = body.page_header;
        }
    }
    grids.extend(found);
}

/// Rows of a sheet read from a table (not a paragraph's line).
fn table_rows(g: &Grid) -> usize {
    g.rows.len() - g.paragraphs.len()
}

/// Sheets of one document named alike (the body and an imported page both 正文) get
/// their place as a suffix: 正文2.
fn unique_names(grids: &mut [Grid]) {
    for i in 1..grids.len() {
        if grids[..i].iter().any(|g| g.name == grids[i].name) {
            grids[i].name = format!("{}{}", grids[i].name, i + 1);
        }
    }
}

/// The sheets of the workbooks embedded in the document's body as objects (OLE
/// `Excel.Sheet.12`: an .xlsx package; `Excel.Sheet.8`: an .xls in an OLE container),
/// in their part names' order, with their readers' notes and an info saying where the
/// rows came from. The workbooks behind charts belong to the charts' parts, not the
/// body's, and are not read. An object that does not read is passed over with a note.
fn embedded_workbooks(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    rels: &[Relationship],
    limits: &Limits,
    notes: &mut Vec<String>,
    infos: &mut Vec<String>,
) -> Vec<Grid> {
    let mut targets = targets_of(rels, &["/package", "/oleObject"]);
    targets.sort();
    targets.dedup();
    let mut grids = Vec::new();
    for target in targets {
        let Ok(Some(bytes)) = part(zip, &target, limits) else {
            continue;
        };
        // Another kind of object (a Word document, a drawing) is no workbook: the
        // document's own message about a missing table stands for it.
        use super::Format::{Ods, Xls, Xlsb, Xlsx};
        let parsed = match super::sniff::sniff_bytes(&bytes, limits) {
            Ok(format @ (Xlsx | Xls | Xlsb | Ods)) => super::read_sniffed(
                format,
                std::path::Path::new(&target),
                &bytes,
                limits,
                super::doc::Conversion::Refused,
            ),
            Ok(_) => continue,
            Err(e) => Err(e),
        };
        match parsed {
            Ok(parsed) if parsed.grids.iter().any(|g| !g.rows.is_empty()) => {
                infos.push(
                    "文档中的表格是嵌入的Excel对象，已读取该对象中的表格（来源中的工作表名是该对象中的工作表）。"
                        .to_string(),
                );
                notes.extend(parsed.notes);
                infos.extend(parsed.infos);
                grids.extend(parsed.grids.into_iter().filter(|g| !g.rows.is_empty()));
            }
            Ok(_) => {}
            Err(_) => notes.push(
                "文档中嵌入的Excel对象无法读取，未计入汇总。请该单位把其中的表格另存为Excel文件后重新报送。"
                    .to_string(),
            ),
        }
    }
    grids
}

/// The sheets of the document's imported pages, in part name order: web pages
/// (word/afchunk.htm, .mht …: nothing else in a package is one) and whole Word
/// documents an altChunk points to (word/afchunk.docx, as document assembly tools
/// merge them), read as documents themselves while `depth` allows (their notes into
/// `notes` and `infos`; one that does not read is passed over with a note).
fn alt_chunks(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    rels: &[Relationship],
    limits: &Limits,
    depth: usize,
    notes: &mut Vec<String>,
    infos: &mut Vec<String>,
) -> Result<Vec<Grid>, ReadError> {
    let web_page = |n: &str| {
        let n = n.to_ascii_lowercase();
        n.starts_with("word/")
            && [".htm", ".html", ".xhtml", ".mht", ".mhtml"]
                .iter()
                .any(|e| n.ends_with(e))
    };
    let mut names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| web_page(n))
        .collect();
    names.extend(
        targets_of(rels, &["/aFChunk"])
            .into_iter()
            .filter(|n| !web_page(n)),
    );
    names.sort();
    names.dedup();
    let mut grids = Vec::new();
    for name in names {
        let Some(bytes) = part(zip, &name, limits)? else {
            continue;
        };
        if web_page(&name) {
            grids.extend(super::html::grids(&bytes, limits)?);
        } else if bytes.starts_with(b"PK\x03\x04") && depth < MAX_NESTING {
            match read_nested(&bytes, limits, depth + 1) {
                Ok(inner) => {
                    notes.extend(inner.notes);
                    infos.extend(inner.infos);
                    grids.extend(inner.grids.into_iter().filter(|g| !g.rows.is_empty()));
                }
                Err(_) => notes.push(
                    "文档中合并进来的另一个Word文档无法读取，其中的内容未计入汇总。请该单位把表格复制到正文中（或另存为Excel文件）后重新报送。"
                        .to_string(),
                ),
            }
        }
    }
    Ok(grids)
}

/// The text of the document's header parts (word/header1.xml …, a letterhead 重庆市
/// 永川区交通局), then its footers, one line per paragraph; parts that do not read are
/// passed over.
fn page_header_text(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, limits: &Limits) -> String {
    let mut names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| {
            let n = n.to_ascii_lowercase();
            (n.starts_with("word/header") || n.starts_with("word/footer")) && n.ends_with(".xml")
        })
        .collect();
    // Headers before footers, each in its number's order (header2 before header10).
    names.sort_by_key(|n| {
        let digits: String = n.chars().filter(char::is_ascii_digit).collect();
        (
            n.contains("footer"),
            digits.parse::<u32>().unwrap_or(0),
            n.clone(),
        )
    });
    let mut lines: Vec<String> = Vec::new();
    for name in names {
        if let Ok(Some(xml)) = part(zip, &name, limits) {
            for line in paragraph_texts(&xml) {
                if !lines.contains(&line) {
                    lines.push(line);
                }
            }
        }
    }
    lines.join("\n")
}

/// The non-empty paragraphs of a WordprocessingML part, each as one line of its runs'
/// text.
fn paragraph_texts(xml: &[u8]) -> Vec<String> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut out, mut line, mut in_text) = (Vec::new(), String::new(), false);
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "t" => in_text = true,
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    let text = line.trim().to_string();
                    if !text.is_empty() {
                        out.push(text);
                    }
                    line.clear();
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => line.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if in_text => push_ref(&mut line, &r),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// The document body as one grid. When the return's table is laid out inside a frame
/// table (one of three rows or fewer and two columns or fewer, a cell of which holds
/// it), the tables one level in are read and the frame's own text reads as paragraphs.
///
/// A return whose table sits in a text box (文本框, pasted in to keep it on one page) is
/// read from the text box when the body itself has no table; otherwise text boxes are
/// passed over (a letterhead's box, a stamp's caption).
fn body_grid(document: &[u8], numbering: Numbering, limits: &Limits) -> Result<Grid, ReadError> {
    let (grid, frame) = Body::new(numbering.clone(), limits, 1).parse(document)?;
    if frame {
        return Ok(Body::new(numbering, limits, 2).parse(document)?.0);
    }
    let has_table = |g: &Grid| table_rows(g) > 0;
    if memchr::memmem::find(document, b"txbxContent").is_none() {
        return Ok(grid);
    }
    let mut boxed = Body::new(numbering, limits, 1);
    boxed.text_boxes = true;
    let (boxed, _) = boxed.parse(document)?;
    if !has_table(&grid) {
        return Ok(if has_table(&boxed) { boxed } else { grid });
    }
    // The return's table in a text box, the body's own table a small one beside it (a
    // one-row 填报单位 | 填报日期 table): the body read with its boxes.
    if table_rows(&boxed) >= table_rows(&grid) + BOXED_TABLE_ROWS {
        return Ok(boxed);
    }
    // A body with a table of its own: its text boxes' short lines (a 填报单位 / 填报日期
    // line boxed above the table, a letterhead) are read like the page header's.
    let mut grid = grid;
    let plain: Vec<String> = grid.paragraphs.iter().map(|&r| grid.row_text(r)).collect();
    grid.page_header = boxed
        .paragraphs
        .iter()
        .map(|&r| boxed.row_text(r))
        .filter(|t| {
            let t = t.trim();
            !t.is_empty() && t.chars().count() <= BOX_LINE_CHARS && !plain.iter().any(|p| p == t)
        })
        .collect::<Vec<_>>()
        .join("\n");
    Ok(grid)
}

/// Table rows a text box adds to a body with a table of its own for the box to be read
/// as holding the return's table (a header and a task).
const BOXED_TABLE_ROWS: usize = 2;

/// The longest text box line read with the page header's (a filing line, a letterhead).
const BOX_LINE_CHARS: usize = 80;

/// The text of each comment in word/comments.xml by its id, paragraphs on lines of
/// their own.
fn comment_texts(xml: &[u8]) -> HashMap<String, String> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = HashMap::new();
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "comment" => current = attr(&e, "id").map(|id| (id, String::new())),
                "t" => in_text = true,
                "p" => {
                    if let Some((_, text)) = current.as_mut().filter(|(_, t)| !t.is_empty()) {
                        text.push('\n');
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "comment" => {
                    if let Some((id, text)) = current.take() {
                        out.insert(id, text.trim().to_string());
                    }
                }
                "t" => in_text = false,
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            // &amp; and &#26041; in a comment's text, as in the body.
            Ok(Event::GeneralRef(r)) if in_text => {
                if let Some((_, text)) = current.as_mut() {
                    push_ref(text, &r);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// A part of the package, if present (the declared sizes were checked by the guard).
fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, ReadError> {
    match super::zip_entry::read_entry(zip, name, limits.max_uncompressed_bytes) {
        Ok(out) => Ok(Some(out)),
        Err(zip::result::ZipError::FileNotFound) => Ok(None),
        // A part that does not inflate is a read error, as from the zip crate's reader.
        Err(zip::result::ZipError::Io(e)) => Err(e.into()),
        Err(e) => Err(e.into()),
    }
}

/// How a cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VMerge {
    Restart,
    Continue,
}

/// The cell being read.
#[derive(Debug, Default)]
struct TableCell {
    span: usize,
    vmerge: Option<VMerge>,
    paragraphs: Vec<String>,
    /// Ids of the comments anchored in the cell.
    comments: Vec<String>,
}

/// A table nested in the cell being read, one level in: its rows of cell texts, to go
/// into the cell as lines (`InnerTable::lines`).
#[derive(Debug, Default)]
struct InnerTable {
    rows: Vec<Vec<String>>,
    /// The paragraphs of its cell being read (and of any table nested deeper in it).
    cell: Option<Vec<String>>,
}

impl InnerTable {
    /// The cell's lines for the table: one line a row, its cells' texts joined by a
    /// space (来苏镇 已建成…), so that a row's texts stay together. An option table
    /// (已完成 | √, 正在推进 | , 长期坚持 | : each option beside a cell for its mark,
    /// one of them marked) gives its options as boxes (☑已完成, □正在推进 …), as a
    /// status cell typed with boxes reads.
    fn lines(self) -> Vec<String> {
        if let Some(options) = option_boxes(&self.rows) {
            return options;
        }
        self.rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|t| t.trim())
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|line| !line.is_empty())
            .collect()
    }
}

/// An option table's options as boxes: every row pairs of (option, mark or nothing),
/// the marks all after their options or all before, at least one mark, options short.
fn option_boxes(rows: &[Vec<String>]) -> Option<Vec<String>> {
    const MARKS: &[&str] = &["√", "✓", "✔", "☑", "☒", "×", "✗", "✘", "●", "■"];
    const OPTION_CHARS: usize = 8;
    let is_mark = |t: &str| MARKS.contains(&t.trim());
    let is_option = |t: &str| {
        let t = t.trim();
        !t.is_empty() && !is_mark(t) && t.chars().count() <= OPTION_CHARS
    };
    for marks_after in [true, false] {
        let mut out = Vec::new();
        let mut marked = 0;
        let fits = rows.iter().all(|row| {
            let row: Vec<&str> = row.iter().map(|t| t.trim()).collect();
            row.len() >= 2
                && row.len().is_multiple_of(2)
                && row.chunks(2).all(|pair| {
                    let (option, mark) = if marks_after {
                        (pair[0], pair[1])
                    } else {
                        (pair[1], pair[0])
                    };
                    if !is_option(option) || !(mark.is_empty() || is_mark(mark)) {
                        return false;
                    }
                    marked += usize::from(!mark.is_empty());
                    out.push(format!(
                        "{}{option}",
                        if mark.is_empty() { '□' } else { '☑' }
                    ));
                    true
                })
        });
        if fits && marked > 0 && out.len() >= 2 {
            return Some(out);
        }
    }
    None
}

/// A cell read, in its grid column.
struct PlacedCell {
    col: usize,
    span: usize,
    vmerge: Option<VMerge>,
    text: String,
    comments: Vec<String>,
}

/// A vertical merge still open: its first row and its columns.
struct OpenMerge {
    first_row: usize,
    last_row: usize,
    last_col: usize,
}

/// The document body → one grid.
struct Body<'l> {
    limits: &'l Limits,
    numbering: Numbering,
    rows: Vec<Vec<Cell>>,
    merges: Vec<Merge>,
    paragraphs: Vec<usize>,
    /// Paragraph rows typed with tabs: the row and its texts between the tabs.
    tab_lines: Vec<(usize, Vec<String>)>,
    /// Rows that open a table at `level` after the first.
    table_starts: Vec<usize>,
    /// Tables at `level` opened so far.
    tables_seen: usize,
    cells: u64,
    /// Open vertical merges by first column.
    open: BTreeMap<usize, OpenMerge>,
    /// Nesting of w:tbl (1 = a top-level table).
    tables: usize,
    /// The nesting level whose tables are read (1; 2 for tables inside a frame table).
    level: usize,
    /// Rows read of the tables at `level`.
    table_rows: usize,
    /// A table nested inside a table at `level` was seen.
    nested: bool,
    /// Inside a subtree that is not read (text boxes, deleted text, fallbacks).
    skipping: usize,
    runs: usize,
    in_text: bool,
    paragraph: String,
    /// The list (numId, level) of the paragraph being read.
    list: (Option<String>, usize),
    row: Option<(usize, Vec<PlacedCell>)>,
    cell: Option<TableCell>,
    /// A table nested in `cell`, one level in.
    inner: Option<InnerTable>,
    /// A content control's properties said it shows its placeholder (单击或点击此处输入
    /// 文字。): its content, next, is not the unit's text.
    placeholder_next: bool,
    /// Open content controls' contents, true for one showing its placeholder: their
    /// text is not read, their cells and paragraphs are (columns keep their places).
    contents: Vec<bool>,
    /// The symbol font (Wingdings, Wingdings 2) of the run being read: its letters are
    /// the check marks and boxes they show (R is ☑ in Wingdings 2), not letters.
    run_symbol_font: Option<String>,
    /// The run being read is struck through (single or double) or hidden (w:vanish: not
    /// shown nor printed): words the unit withdrew (last month's 正在推进 struck or hidden
    /// beside this month's 已完成), not read.
    run_withdrawn: bool,
    /// The run being read is highlighted, shaded or coloured: a status option the unit
    /// marked among others (已完成/正在推进/未启动 with 正在推进 highlighted).
    run_marked: bool,
    /// The byte ranges of the paragraph's text read from marked runs.
    marked: Vec<std::ops::Range<usize>>,
    /// A legacy form checkbox (FORMCHECKBOX) being read: (its default, its checked state
    /// when given).
    checkbox: Option<(bool, Option<bool>)>,
    /// Inside a legacy drop-down form field (FORMDROPDOWN's `w:ddList`): the chosen
    /// entry's index (`w:result`), the default's, and the entries. Word stores no text
    /// for what it shows: the entry chosen is written out when the list ends.
    dropdown: Option<(Option<usize>, Option<usize>, Vec<String>)>,
    /// Comments anchored in table cells: the cell, and the comment's id as its text.
    comments: Vec<Comment>,
    /// Text boxes' contents are read (their drawing's fallback copy still is not).
    text_boxes: bool,
}

impl<'l> Body<'l> {
    fn new(numbering: Numbering, limits: &'l Limits, level: usize) -> Body<'l> {
        Body {
            level,
            table_rows: 0,
            nested: false,
            limits,
            numbering,
            rows: Vec::new(),
            merges: Vec::new(),
            paragraphs: Vec::new(),
            tab_lines: Vec::new(),
            table_starts: Vec::new(),
            tables_seen: 0,
            cells: 0,
            open: BTreeMap::new(),
            tables: 0,
            skipping: 0,
            runs: 0,
            in_text: false,
            paragraph: String::new(),
            list: (None, 0),
            row: None,
            cell: None,
            inner: None,
            placeholder_next: false,
            contents: Vec::new(),
            run_symbol_font: None,
            run_withdrawn: false,
            run_marked: false,
            marked: Vec::new(),
            checkbox: None,
            dropdown: None,
            comments: Vec::new(),
            text_boxes: false,
        }
    }

    /// Whether text read now is the unit's (not deleted or struck through, not a
    /// placeholder).
    fn reading(&self) -> bool {
        self.in_text && self.skipping == 0 && !self.run_withdrawn && !self.contents.contains(&true)
    }

    /// The grid, and whether its tables look like a frame around a nested table (a
    /// nested table, and at this level [`FRAME_ROWS`] rows or fewer of two cells or
    /// fewer).
    fn parse(mut self, xml: &[u8]) -> Result<(Grid, bool), ReadError> {
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf)? {
                Event::Start(e) => self.start(&e, false)?,
                Event::Empty(e) => self.start(&e, true)?,
                Event::End(e) => {
                    let name = e.local_name();
                    self.end(name.as_ref())?;
                }
                Event::Text(t) if self.reading() => {
                    let from = self.paragraph.len();
                    match &self.run_symbol_font {
                        Some(font) => {
                            let shown = symbol_text(font, &t.xml10_content());
                            self.paragraph.push_str(&shown);
                        }
                        None => self.paragraph.push_str(&t.xml10_content()),
                    }
                    if self.run_marked {
                        self.marked.push(from..self.paragraph.len());
                    }
                }
                Event::GeneralRef(r) if self.reading() => push_ref(&mut self.paragraph, &r),
                Event::CData(t) if self.reading() => {
                    self.paragraph.push_str(&t.xml10_content());
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        self.close_all_merges();
        self.tab_table();
        let width = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        check_extent(SHEET, self.rows.len() as u64, width as u64, self.limits)?;
        let frame = self.nested && self.table_rows <= FRAME_ROWS && width <= FRAME_COLUMNS;
        let grid = Grid {
            name: SHEET.to_string(),
            rows: self.rows,
            merges: self.merges,
            paragraphs: self.paragraphs,
            table_starts: self.table_starts,
            comments: self.comments,
            ..Grid::default()
        };
        Ok((grid, frame))
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), ReadError> {
        if self.skipping > 0 {
            if !empty {
                self.skipping += 1;
            }
            return Ok(());
        }
        let name = e.local_name();
        match name.as_ref() {
            "txbxContent" if !empty && !self.text_boxes => self.skipping = 1,
            "Fallback" | "del" | "moveFrom" | "instrText" | "delText" if !empty => {
                self.skipping = 1;
            }
            // A tracked change's record of the properties before it (the strike, the
            // merge or the hiding the reviser took away): not the document's.
            "rPrChange" | "pPrChange" | "tcPrChange" | "trPrChange" | "tblPrChange"
            | "tblGridChange" | "sectPrChange"
                if !empty =>
            {
                self.skipping = 1;
            }
            "showingPlcHdr" => self.placeholder_next = true,
            "commentReference" | "commentRangeStart" if self.tables == self.level => {
                if let (Some(cell), Some(id)) = (self.cell.as_mut(), attr(e, "id")) {
                    if !cell.comments.contains(&id) {
                        cell.comments.push(id);
                    }
                }
            }
            "sdtContent" if !empty => {
                self.contents
                    .push(std::mem::take(&mut self.placeholder_next));
            }
            "sdtContent" => self.placeholder_next = false,
            "tbl" if !empty => {
                self.tables += 1;
                self.nested |= self.tables == self.level + 1;
                if self.tables == self.level + 1 && self.cell.is_some() {
                    self.inner = Some(InnerTable::default());
                }
                if self.tables == self.level {
                    if self.tables_seen > 0 {
                        self.table_starts.push(self.rows.len());
                    }
                    self.tables_seen += 1;
                }
            }
            "tr" if !empty && self.tables == self.level => {
                self.row = Some((0, Vec::new()));
                self.table_rows += 1;
            }
            "tr" if !empty && self.tables == self.level + 1 => {
                if let Some(inner) = self.inner.as_mut() {
                    inner.rows.push(Vec::new());
                }
            }
            "tc" if !empty && self.tables == self.level + 1 => {
                if let Some(inner) = self.inner.as_mut() {
                    inner.cell = Some(Vec::new());
                }
            }
            "gridBefore" if self.tables == self.level => {
                if let Some((col, _)) = self.row.as_mut() {
                    *col += number_attr(e).unwrap_or(0);
                }
            }
            "tc" if !empty && self.tables == self.level => {
                self.cell = Some(TableCell {
                    span: 1,
                    ..TableCell::default()
                });
            }
            "gridSpan" if self.tables == self.level => {
                if let Some(cell) = self.cell.as_mut() {
                    cell.span = number_attr(e).unwrap_or(1).clamp(1, 64);
                }
            }
            "vMerge" if self.tables == self.level => {
                if let Some(cell) = self.cell.as_mut() {
                    cell.vmerge = Some(match val(e).as_deref() {
                        Some("restart") => VMerge::Restart,
                        _ => VMerge::Continue,
                    });
                }
            }
            "p" => {
                self.paragraph.clear();
                self.marked.clear();
                self.list = (None, 0);
                if empty {
                    self.end_paragraph()?;
                }
            }
            "numId" => self.list.0 = val(e),
            "ilvl" => self.list.1 = number_attr(e).unwrap_or(0),
            "r" if !empty => {
                self.runs += 1;
                self.run_symbol_font = None;
                self.run_withdrawn = false;
                self.run_marked = false;
            }
            "strike" | "dstrike" | "vanish" if self.runs > 0 => {
                self.run_withdrawn |= on(val(e).as_deref());
            }
            "highlight" if self.runs > 0 => {
                self.run_marked |= val(e).is_some_and(|v| v != "none");
            }
            "shd" if self.runs > 0 => {
                self.run_marked |= attr(e, "fill").is_some_and(|f| is_colour(&f, "FFFFFF"));
            }
            "color" if self.runs > 0 => {
                self.run_marked |= val(e).is_some_and(|c| is_colour(&c, "000000"));
            }
            "rFonts" if self.runs > 0 => {
                self.run_symbol_font = ["ascii", "hAnsi", "cs", "eastAsia"]
                    .iter()
                    .filter_map(|a| attr(e, a))
                    .find(|f| f.to_ascii_lowercase().contains("wingdings"));
            }
            "ddList" if !empty && self.runs > 0 => self.dropdown = Some((None, None, Vec::new())),
            "result" | "default" | "listEntry" if self.dropdown.is_some() => {
                let v = val(e);
                if let Some((result, default, entries)) = self.dropdown.as_mut() {
                    match e.local_name().as_ref() {
                        "result" => *result = v.and_then(|v| v.trim().parse().ok()),
                        "default" => *default = v.and_then(|v| v.trim().parse().ok()),
                        _ => entries.push(v.unwrap_or_default()),
                    }
                }
            }
            "checkBox" if !empty && self.runs > 0 => self.checkbox = Some((false, None)),
            "default" if self.checkbox.is_some() => {
                if let Some((default, _)) = self.checkbox.as_mut() {
                    *default = on(val(e).as_deref());
                }
            }
            "checked" if self.checkbox.is_some() => {
                if let Some((_, checked)) = self.checkbox.as_mut() {
                    *checked = Some(on(val(e).as_deref()));
                }
            }
            "t" if !empty => self.in_text = true,
            "tab" if self.runs > 0 => self.paragraph.push('\t'),
            "br" | "cr"
                if self.runs > 0
                    && !matches!(attr(e, "type").as_deref(), Some("page") | Some("column")) =>
            {
                self.paragraph.push('\n');
            }
            "sym" if self.runs > 0 => {
                if let Some(c) = symbol(attr(e, "font").as_deref(), attr(e, "char").as_deref()) {
                    self.paragraph.push(c);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), ReadError> {
        if self.skipping > 0 {
            self.skipping -= 1;
            return Ok(());
        }
        match name {
            "t" => self.in_text = false,
            "r" => {
                self.runs = self.runs.saturating_sub(1);
                self.run_symbol_font = None;
                self.run_withdrawn = false;
                self.run_marked = false;
            }
            "ddList" => {
                if let Some((result, default, entries)) = self.dropdown.take() {
                    let chosen = result.or(default).unwrap_or(0);
                    if let Some(text) = entries
                        .get(chosen)
                        .filter(|_| !self.contents.contains(&true))
                    {
                        self.paragraph.push_str(text);
                    }
                }
            }
            "checkBox" => {
                if let Some((default, checked)) = self.checkbox.take() {
                    if !self.contents.contains(&true) {
                        self.paragraph.push(if checked.unwrap_or(default) {
                            '☑'
                        } else {
                            '□'
                        });
                    }
                }
            }
            "p" => self.end_paragraph()?,
            "tc" if self.tables == self.level => {
                if let (Some(cell), Some((col, cells))) = (self.cell.take(), self.row.as_mut()) {
                    let text = cell
                        .paragraphs
                        .iter()
                        .map(|p| p.trim())
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n");
                    cells.push(PlacedCell {
                        col: *col,
                        span: cell.span,
                        vmerge: cell.vmerge,
                        text,
                        comments: cell.comments,
                    });
                    *col += cell.span;
                }
            }
            "tr" if self.tables == self.level => {
                if let Some((_, cells)) = self.row.take() {
                    self.end_row(cells)?;
                }
            }
            "tc" if self.tables == self.level + 1 => {
                if let Some(inner) = self.inner.as_mut() {
                    let text = inner.cell.take().unwrap_or_default().join(" ");
                    match inner.rows.last_mut() {
                        Some(row) => row.push(text),
                        None => inner.rows.push(vec![text]),
                    }
                }
            }
            "tbl" => {
                if self.tables == self.level + 1 {
                    if let (Some(inner), Some(cell)) = (self.inner.take(), self.cell.as_mut()) {
                        cell.paragraphs.extend(inner.lines());
                    }
                }
                self.tables = self.tables.saturating_sub(1);
            }
            "sdtContent" => {
                self.contents.pop();
            }
            _ => {}
        }
        Ok(())
    }

    /// A paragraph ends: into its cell, or a row of its own when outside a table and not
    /// empty (then it ends any vertical merge).
    fn end_paragraph(&mut self) -> Result<(), ReadError> {
        let mut taken = std::mem::take(&mut self.paragraph);
        let marked = std::mem::take(&mut self.marked);
        if let Some(option) = marked_status_option(&taken, &marked) {
            taken = option;
        }
        let mut text = match visible(&taken) {
            std::borrow::Cow::Borrowed(_) => taken,
            std::borrow::Cow::Owned(shown) => shown,
        };
        if let Some(label) = self.list_label() {
            text.insert_str(0, &label);
        }
        let tabbed = text.contains('\t');
        if let Some(inner) = self.inner.as_mut().and_then(|t| t.cell.as_mut()) {
            inner.push(text.replace('\t', " ").trim().to_string());
            return Ok(());
        }
        if let Some(cell) = self.cell.as_mut() {
            cell.paragraphs.push(if tabbed {
                text.replace('\t', " ")
            } else {
                text
            });
            return Ok(());
        }
        if self.tables >= self.level || text.trim().is_empty() {
            return Ok(());
        }
        self.close_all_merges();
        if tabbed {
            let cells: Vec<String> = text
                .split('\t')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            self.tab_lines.push((self.rows.len(), cells));
            text = text.replace('\t', " ");
        }
        self.paragraphs.push(self.rows.len());
        self.count_cell()?;
        self.rows.push(vec![Cell::Text(text.trim().to_string())]);
        Ok(())
    }

    /// A table typed with tabs instead of a Word table (序号⇥具体举措⇥整改进展情况⇥完成状态
    /// on one paragraph, each task on the next): in a document with no table, consecutive
    /// paragraphs of which at least two hold three or more texts between tabs are rows,
    /// one cell a text. Tabs pressed several times to line a text up are one.
    fn tab_table(&mut self) {
        const TABLE_WIDTH: usize = 3;
        if self.tables_seen > 0 {
            return;
        }
        let lines = std::mem::take(&mut self.tab_lines);
        let mut rows: Vec<usize> = Vec::new();
        for run in lines.chunk_by(|a, b| b.0 == a.0 + 1) {
            if run.iter().filter(|(_, c)| c.len() >= TABLE_WIDTH).count() < 2 {
                continue;
            }
            for (r, cells) in run.iter().filter(|(_, c)| c.len() >= 2) {
                self.rows[*r] = cells.iter().cloned().map(Cell::Text).collect();
                self.cells += cells.len() as u64 - 1;
                rows.push(*r);
            }
        }
        // Both lists are in row order.
        if !rows.is_empty() {
            self.paragraphs.retain(|p| rows.binary_search(p).is_err());
        }
    }

    /// The paragraph's list number, counted (decimal lists only give a label).
    fn list_label(&mut self) -> Option<String> {
        let (id, level) = &self.list;
        let id = id.as_deref().filter(|i| *i != "0")?;
        self.numbering.next(id, *level)
    }

    fn end_row(&mut self, cells: Vec<PlacedCell>) -> Result<(), ReadError> {
        let r = self.rows.len();
        let width = cells.iter().map(|c| c.col + c.span).max().unwrap_or(0);
        let mut row = vec![Cell::Empty; width];
        let mut continued: Vec<usize> = Vec::new();
        for cell in cells {
            for id in &cell.comments {
                self.comments.push(Comment {
                    row: r as u32,
                    col: cell.col as u32,
                    text: id.clone(),
                });
            }
            match cell.vmerge {
                Some(VMerge::Continue) if self.open.contains_key(&cell.col) => {
                    if let Some(m) = self.open.get_mut(&cell.col) {
                        m.last_row = r;
                    }
                    continued.push(cell.col);
                    continue;
                }
                Some(VMerge::Continue) => {}
                Some(VMerge::Restart) => {
                    self.close_merge(cell.col);
                    self.open.insert(
                        cell.col,
                        OpenMerge {
                            first_row: r,
                            last_row: r,
                            last_col: cell.col + cell.span - 1,
                        },
                    );
                    continued.push(cell.col);
                }
                None => {
                    self.close_merge(cell.col);
                    if cell.span > 1 {
                        self.merges
                            .push(merge(r, cell.col, r, cell.col + cell.span - 1));
                    }
                }
            }
            if !cell.text.is_empty() {
                self.count_cell()?;
                row[cell.col] = Cell::Text(cell.text);
            }
        }
        let stale: Vec<usize> = self
            .open
            .keys()
            .copied()
            .filter(|c| !continued.contains(c))
            .collect();
        for c in stale {
            self.close_merge(c);
        }
        while row.last().is_some_and(Cell::is_empty) {
            row.pop();
        }
        self.rows.push(row);
        Ok(())
    }

    fn close_merge(&mut self, col: usize) {
        if let Some(m) = self.open.remove(&col) {
            if m.last_row > m.first_row || m.last_col > col {
                self.merges
                    .push(merge(m.first_row, col, m.last_row, m.last_col));
            }
        }
    }

    fn close_all_merges(&mut self) {
        let cols: Vec<usize> = self.open.keys().copied().collect();
        for c in cols {
            self.close_merge(c);
        }
    }

    fn count_cell(&mut self) -> Result<(), ReadError> {
        self.cells += 1;
        if self.cells > self.limits.max_cells_per_sheet {
            return Err(ReadError::SheetCells {
                sheet: SHEET.to_string(),
                limit: self.limits.max_cells_per_sheet,
            });
        }
        Ok(())
    }
}

fn merge(first_row: usize, first_col: usize, last_row: usize, last_col: usize) -> Merge {
    Merge {
        first_row: first_row as u32,
        first_col: first_col as u32,
        last_row: last_row as u32,
        last_col: last_col as u32,
    }
}

fn val(e: &BytesStart<'_>) -> Option<String> {
    attr(e, "val")
}

/// Whether a run's colour or fill marks it: a colour given, not automatic and not
/// `plain` (the text's black, the page's white).
fn is_colour(value: &str, plain: &str) -> bool {
    !value.eq_ignore_ascii_case("auto") && !value.eq_ignore_ascii_case(plain)
}

/// An on/off property's value: on when absent (`<w:checked/>`), or 1 / true / on.
fn on(v: Option<&str>) -> bool {
    matches!(v, None | Some("1") | Some("true") | Some("on"))
}

/// The text of a run in a symbol font as it shows: each character that is a symbol
/// code (a letter such as R, or the private-use U+F052 a converted .doc holds) becomes
/// the mark [`symbol`] knows, or nothing; other characters (Chinese, shown in another
/// font) stay.
fn symbol_text(font: &str, text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let code = c as u32;
            if code < 0x100 || (0xF000..=0xF0FF).contains(&code) {
                if c.is_whitespace() {
                    return Some(c);
                }
                symbol(Some(font), Some(&format!("{:X}", code & 0xFF)))
            } else {
                Some(c)
            }
        })
        .collect()
}

fn number_attr(e: &BytesStart<'_>) -> Option<usize> {
    val(e)?.trim().parse().ok()
}

/// The most rows a frame table has (a title row, a 填报单位 row, the cell holding the
/// return's table, a signature row, a note row, a contact row).
const FRAME_ROWS: usize = 6;
/// The most columns a frame table has (a return's table has at least three: number or
/// measure, progress, status).
const FRAME_COLUMNS: usize = 2;

/// The character a `w:sym` shows, for the check marks, crosses and boxes units put in
/// a 是否完成 column or a status cell's options (Wingdings and Wingdings 2); `None`
/// for anything else.
fn symbol(font: Option<&str>, code: Option<&str>) -> Option<char> {
    let code = u32::from_str_radix(code?.trim(), 16).ok()? & 0xFF;
    let font = font.unwrap_or("").to_ascii_lowercase();
    if font.contains("wingdings 2") {
        return match code {
            0x50 => Some('√'),
            0x4F => Some('×'),
            0x52 => Some('☑'),
            0x53 | 0x54 => Some('☒'),
            0x2A | 0xA3 => Some('□'),
            _ => None,
        };
    }
    if font.contains("wingdings") {
        return match code {
            0xFC => Some('√'),
            0xFB => Some('×'),
            0xFE => Some('☑'),
            0xFD | 0x78 => Some('☒'),
            0x6F | 0x71 | 0xA8 => Some('□'),
            _ => None,
        };
    }
    None
}

/// Automatic numbering: which abstract list each list id uses, each level's start,
/// format and label text, and the counters as the document goes.
#[derive(Debug, Default, Clone)]
struct Numbering {
    /// numId → abstractNumId.
    lists: HashMap<String, String>,
    /// (abstractNumId, level) → (start, format, label text such as "%1.").
    levels: HashMap<(String, usize), (u32, String, String)>,
    /// numId → the start a list sets for itself per level (`w:startOverride`: a list
    /// numbered from 32 on a style that starts at 1).
    overrides: HashMap<String, [Option<u32>; 9]>,
    /// Counters by abstract list, or by list id for a list with a start of its own
    /// (Word restarts such a list, apart from the others of its abstract list).
    counters: HashMap<String, Vec<u32>>,
}

impl Numbering {
    fn parse(xml: &[u8]) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(usize, u32, String, String)> = None;
        // The level of the `w:lvlOverride` being read, inside a `w:num`.
        let mut override_level: Option<usize> = None;
        loop {
            let event = match reader.read_event_into(&mut buf) {
                Ok(e) => e,
                Err(_) => return Numbering::default(),
            };
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                    "num" => num_id = attr(&e, "numId"),
                    "abstractNumId" => {
                        if let (Some(num), Some(a)) = (num_id.clone(), val(&e)) {
                            n.lists.insert(num, a);
                        }
                    }
                    "lvlOverride" => {
                        override_level =
                            Some(attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0));
                    }
                    "startOverride" => {
                        if let (Some(num), Some(l), Some(v)) = (
                            num_id.clone(),
                            override_level.filter(|&l| l <= 8),
                            number_attr(&e),
                        ) {
                            n.overrides.entry(num).or_default()[l] = Some(v as u32);
                        }
                    }
                    // A level redefined inside a list's override is not the abstract
                    // list's.
                    "lvl" if override_level.is_none() => {
                        let ilvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        level = Some((ilvl, 1, "decimal".into(), String::new()));
                    }
                    "start" => {
                        if let (Some(l), Some(v)) = (level.as_mut(), number_attr(&e)) {
                            l.1 = v as u32;
                        }
                    }
                    "numFmt" => {
                        if let (Some(l), Some(v)) = (level.as_mut(), val(&e)) {
                            l.2 = v;
                        }
                    }
                    "lvlText" => {
                        if let (Some(l), Some(v)) = (level.as_mut(), val(&e)) {
                            l.3 = v;
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "lvlOverride" => {
                    override_level = None;
                }
                Event::End(e) if e.local_name().as_ref() == "lvl" => {
                    if let (Some(a), Some((ilvl, start, fmt, text))) =
                        (abstract_id.clone(), level.take())
                    {
                        n.levels.insert((a, ilvl), (start, fmt, text));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        n
    }

    /// Count one more paragraph of list `num_id` at `level`; its label when the list is
    /// decimal.
    fn next(&mut self, num_id: &str, level: usize) -> Option<String> {
        let level = level.min(8);
        let abstract_id = self.lists.get(num_id)?.clone();
        let own = self.overrides.get(num_id);
        let start_of = |l: usize| match own.and_then(|o| o[l]) {
            Some(start) => start,
            None => self
                .levels
                .get(&(abstract_id.clone(), l))
                .map_or(1, |(s, _, _)| *s),
        };
        let starts: Vec<u32> = (0..=8).map(start_of).collect();
        let key = if own.is_some() {
            format!("num {num_id}")
        } else {
            abstract_id.clone()
        };
        let counters = self.counters.entry(key).or_insert_with(|| vec![0; 9]);
        counters[level] = if counters[level] == 0 {
            starts[level]
        } else {
            counters[level] + 1
        };
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let counters = counters.clone();
        let (_, format, text) = self.levels.get(&(abstract_id, level))?;
        if !matches!(
            format.as_str(),
            "decimal" | "decimalZero" | "decimalHalfWidth"
        ) {
            return None;
        }
        let mut label = text.clone();
        for (l, &value) in counters.iter().enumerate().take(level + 1) {
            let value = if value == 0 { starts[l] } else { value };
            label = label.replace(&format!("%{}", l + 1), &value.to_string());
        }
        Some(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(body: &str) -> Grid {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        body_grid(xml.as_bytes(), Numbering::default(), &Limits::default()).unwrap()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn option_tables_give_boxes_and_other_tables_lines() {
        let rows = |rs: &[&[&str]]| -> Vec<Vec<String>> {
            rs.iter()
                .map(|r| r.iter().map(|t| t.to_string()).collect())
                .collect()
        };
        // Marks after their options, down the rows.
        assert_eq!(
            option_boxes(&rows(&[
                &["已完成", ""],
                &["正在推进", "√"],
                &["长期坚持", " "]
            ])),
            Some(vec![
                "□已完成".into(),
                "☑正在推进".into(),
                "□长期坚持".into()
            ])
        );
        // Marks before, across one row.
        assert_eq!(
            option_boxes(&rows(&[&["✔", "已完成", "", "正在推进"]])),
            Some(vec!["☑已完成".into(), "□正在推进".into()])
        );
        // No mark, a long text, or a text where a mark goes: no option table.
        assert_eq!(
            option_boxes(&rows(&[&["已完成", ""], &["正在推进", ""]])),
            None
        );
        assert_eq!(
            option_boxes(&rows(&[
                &["来苏镇", "已建成污水管网3公里。"],
                &["宝峰镇", "√"]
            ])),
            None
        );
        let lines = InnerTable {
            rows: rows(&[&["来苏镇", "", "已建成。"], &["", ""]]),
            cell: None,
        }
        .lines();
        assert_eq!(lines, ["来苏镇 已建成。"]);
    }

    fn tc(props: &str, paragraphs: &[&str]) -> String {
        let ps: String = paragraphs.iter().map(|t| p(t)).collect();
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{ps}</w:tc>")
    }

    #[test]
    fn a_table_inside_a_frame_table_is_the_one_read() {
        let row = |cells: &[&str]| -> String {
            let tcs: String = cells.iter().map(|c| tc("", &[c])).collect();
            format!("<w:tr>{tcs}</w:tr>")
        };
        let inner = format!(
            "<w:tbl>{}{}</w:tbl>",
            row(&["序号", "整改进展情况", "完成状态"]),
            row(&["47", "已纳入规划。", "已完成"])
        );
        // A one-column frame: its title paragraph, then the nested table's rows.
        let g = grid(&format!(
            "<w:tbl><w:tr><w:tc>{}{inner}</w:tc></w:tr></w:tbl>",
            p("区发展改革委整改进展情况表"),
        ));
        let rows: Vec<Vec<String>> = g
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::text).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["区发展改革委整改进展情况表"],
                vec!["序号", "整改进展情况", "完成状态"],
                vec!["47", "已纳入规划。", "已完成"],
            ]
        );
        assert_eq!(g.paragraphs, [0]);
        // A frame of four rows, one column: title, 填报单位, the table, the signature.
        let one = |text: &str| format!("<w:tr>{}</w:tr>", tc("", &[text]));
        let g = grid(&format!(
            "<w:tbl>{}{}<w:tr><w:tc>{inner}<w:p/></w:tc></w:tr>{}</w:tbl>",
            one("永川区水污染防治整改任务进展情况表"),
            one("填报单位：区发展改革委    填报日期：2020年12月3日"),
            one("单位负责人：王伟    填报人：陈静"),
        ));
        let texts: Vec<String> = g.rows.iter().map(|r| r[0].text()).collect();
        assert_eq!(texts.len(), 5, "{texts:?}");
        assert_eq!(
            texts[1],
            "填报单位：区发展改革委    填报日期：2020年12月3日"
        );
        assert_eq!(texts[2], "序号");
        assert_eq!(g.cell(3, 1).text(), "已纳入规划。");
        assert_eq!(g.paragraphs, [0, 1, 4]);
        // A return's own table with a small table in a progress cell stays the one read
        // (the small table's text joins its cell).
        let g = grid(&format!(
            "<w:tbl>{}<w:tr>{}{}<w:tc>{inner}</w:tc></w:tr></w:tbl>",
            row(&["序号", "具体举措", "整改进展情况"]),
            tc("", &["60"]),
            tc("", &["投融资"]),
        ));
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.cell(1, 0).text(), "60");
        assert!(g.cell(1, 2).text().contains("已纳入规划。"));
    }

    #[test]
    fn paragraphs_and_tables_in_order() {
        let g = grid(&format!(
            "{}<w:p/>{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>{}",
            p("标题"),
            p("填报单位：区水利局"),
            tc("", &["序号"]),
            tc("", &["进展"]),
            tc("", &["1"]),
            tc("", &["第一段", "", "第二段"]),
            p("2020年12月3日"),
        ));
        let texts: Vec<String> = g
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::text).collect::<Vec<_>>().join("|"))
            .collect();
        assert_eq!(
            texts,
            [
                "标题",
                "填报单位：区水利局",
                "序号|进展",
                "1|第一段\n第二段",
                "2020年12月3日"
            ]
        );
        assert_eq!(g.paragraphs, vec![0, 1, 4]);
    }

    #[test]
    fn spans_and_vertical_merges() {
        let restart = r#"<w:vMerge w:val="restart"/>"#;
        let cont = "<w:vMerge/>";
        let g = grid(&format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            tc(&format!("{restart}<w:gridSpan w:val=\"2\"/>"), &["5"]),
            tc("", &["a"]),
            tc(&format!("{cont}<w:gridSpan w:val=\"2\"/>"), &[]),
            tc("", &["b"]),
            tc("<w:gridSpan w:val=\"2\"/>", &["6"]),
            tc("", &["c"]),
        ));
        assert_eq!(g.cell(1, 2).text(), "b");
        assert_eq!(g.value_through_merge(1, 0).text(), "5");
        assert_eq!(g.value_through_merge(1, 1).text(), "5");
        assert_eq!(g.value_through_merge(2, 0).text(), "6");
        assert_eq!(g.merges.len(), 2, "{:?}", g.merges);
    }

    #[test]
    fn a_second_table_continues_the_merge_but_a_paragraph_ends_it() {
        let restart = r#"<w:vMerge w:val="restart"/>"#;
        let cont = "<w:vMerge/>";
        let table = |first: &str, text: &[&str]| {
            format!(
                "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
                tc(first, text),
                tc("", &["x"])
            )
        };
        let g = grid(&format!("{}{}", table(restart, &["7"]), table(cont, &[])));
        assert_eq!(g.value_through_merge(1, 0).text(), "7");
        let g = grid(&format!(
            "{}{}{}",
            table(restart, &["7"]),
            p("续表"),
            table(cont, &[])
        ));
        assert_eq!(g.value_through_merge(2, 0).text(), "", "{:?}", g.merges);
    }

    /// Struck-through words are withdrawn ones: a unit striking last month's status
    /// beside this month's (without track changes).
    #[test]
    fn struck_through_text_is_not_read() {
        let g = grid(concat!(
            "<w:p><w:r><w:rPr><w:strike/></w:rPr><w:t>正在推进</w:t></w:r>",
            "<w:r><w:t>已完成</w:t></w:r></w:p>",
            "<w:p><w:r><w:rPr><w:dstrike w:val=\"true\"/></w:rPr><w:t>招标中。</w:t></w:r>",
            "<w:r><w:rPr><w:strike w:val=\"0\"/></w:rPr><w:t>已开工。</w:t></w:r></w:p>",
            "<w:p><w:pPr><w:rPr><w:strike/></w:rPr></w:pPr><w:r><w:t>段落标记删除线不算</w:t></w:r></w:p>",
        ));
        assert_eq!(g.cell(0, 0).text(), "已完成");
        assert_eq!(g.cell(1, 0).text(), "已开工。");
        assert_eq!(g.cell(2, 0).text(), "段落标记删除线不算");
    }

    /// Hidden text (w:vanish) is not shown nor printed: words the unit took back, as
    /// struck ones. A tracked change's record of the old properties (a strike, a hiding
    /// or a merge the reviser took away) is not the document's: its words and cells
    /// read. Before, both were read the other way round.
    #[test]
    fn hidden_text_and_old_properties_of_a_tracked_change() {
        let g = grid(concat!(
            "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>正在推进</w:t></w:r>",
            "<w:r><w:t>已完成</w:t></w:r></w:p>",
            "<w:p><w:r><w:rPr><w:vanish w:val=\"false\"/></w:rPr><w:t>已开工。</w:t></w:r></w:p>",
            "<w:p><w:r><w:rPr><w:rPrChange w:id=\"1\" w:author=\"a\"><w:rPr><w:strike/>",
            "</w:rPr></w:rPrChange></w:rPr><w:t>曾删除线</w:t></w:r>",
            "<w:r><w:rPr><w:b/><w:rPrChange w:id=\"2\" w:author=\"a\"><w:rPr><w:vanish/>",
            "</w:rPr></w:rPrChange></w:rPr><w:t>曾隐藏</w:t></w:r></w:p>",
        ));
        assert_eq!(g.cell(0, 0).text(), "已完成");
        assert_eq!(g.cell(1, 0).text(), "已开工。");
        assert_eq!(g.cell(2, 0).text(), "曾删除线曾隐藏");
        // A cell once merged with the one above (its old vMerge in w:tcPrChange).
        let old_merge = concat!(
            "<w:tcPrChange w:id=\"3\" w:author=\"a\"><w:tcPr><w:vMerge/>",
            "</w:tcPr></w:tcPrChange>"
        );
        let g = grid(&format!(
            "<w:tbl><w:tr>{}</w:tr><w:tr>{}</w:tr></w:tbl>",
            tc(r#"<w:vMerge w:val="restart"/>"#, &["7"]),
            tc(old_merge, &["8"])
        ));
        assert_eq!(g.cell(1, 0).text(), "8");
        assert!(g.merges.is_empty(), "{:?}", g.merges);
    }

    #[test]
    fn deleted_text_text_boxes_and_symbols() {
        let g = grid(concat!(
            "<w:p><w:r><w:t>已</w:t></w:r><w:del><w:r><w:delText>未</w:delText></w:r></w:del>",
            "<w:r><w:t>完成</w:t><w:br/><w:t>二行</w:t></w:r></w:p>",
            "<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r>",
            "<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>",
        ));
        assert_eq!(g.cell(0, 0).text(), "已完成\n二行");
        assert_eq!(g.cell(1, 0).text(), "√");
        // Word's empty and checked boxes (Wingdings 2), as a form's options print them.
        let g = grid(concat!(
            "<w:p><w:r><w:sym w:font=\"Wingdings 2\" w:char=\"F0A3\"/><w:t>已完成</w:t>",
            "<w:sym w:font=\"Wingdings 2\" w:char=\"F052\"/><w:t>正在推进</w:t></w:r></w:p>",
        ));
        assert_eq!(g.cell(0, 0).text(), "□已完成☑正在推进");
    }

    /// A table in a text box as Word writes it: the drawing's text box, then the same
    /// box again as VML for older readers (mc:Fallback).
    fn text_box(inner: &str) -> String {
        format!(
            "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>\
             <a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent>\
             </wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>\
             <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent>\
             </v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        )
    }

    #[test]
    fn a_table_in_a_text_box_is_read_when_the_body_has_none() {
        let row = |cells: &[&str]| -> String {
            let tcs: String = cells.iter().map(|c| tc("", &[c])).collect();
            format!("<w:tr>{tcs}</w:tr>")
        };
        let table = format!(
            "<w:tbl>{}{}</w:tbl>",
            row(&["序号", "完成状态"]),
            row(&["5", "已完成"])
        );
        let boxed = text_box(&format!("{}{table}", p("整改进展情况表")));
        let g = grid(&format!(
            "{}{boxed}{}",
            p("填报单位：区水利局"),
            p("（盖章）")
        ));
        let texts: Vec<String> = g
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text()).collect::<Vec<_>>().join("|"))
            .collect();
        // Once, not again from the fallback copy; the body's own lines kept around it.
        assert_eq!(
            texts,
            [
                "填报单位：区水利局",
                "整改进展情况表",
                "序号|完成状态",
                "5|已完成",
                "（盖章）"
            ]
        );
        // A body with a table of its own: the text box (a letterhead's) is not read as
        // rows; its short lines go with the page header's, once (not again from the
        // fallback copy), for the unit and the filing date.
        let boxed = text_box(&format!(
            "{}{}",
            p("重庆市永川区水利局"),
            p("填报单位：区水利局  填报日期：2020年12月3日")
        ));
        let g = grid(&format!("{boxed}{table}"));
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.cell(0, 0).text(), "序号");
        assert_eq!(
            g.page_header,
            "重庆市永川区水利局\n填报单位：区水利局填报日期：2020年12月3日"
        );
    }

    #[test]
    fn symbol_font_letters_and_form_checkboxes_are_marks() {
        // Letters typed in Wingdings 2 (£ □, R ☑, P √) and Wingdings (ü √, x ☒), and
        // the private-use characters a .doc converted by LibreOffice holds (U+F052);
        // Chinese text in the same run keeps its characters.
        let run = |font: &str, t: &str| {
            format!(
                "<w:r><w:rPr><w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\"/></w:rPr><w:t>{t}</w:t></w:r>"
            )
        };
        let g = grid(&format!(
            "<w:p>{}<w:r><w:t>已完成</w:t></w:r>{}<w:r><w:t>正在推进</w:t></w:r></w:p><w:p>{}{}{}</w:p>",
            run("Wingdings 2", "£"),
            run("Wingdings 2", "R"),
            run("Wingdings", "ü"),
            run("Wingdings 2", "\u{F052}完成"),
            run("Wingdings", "x"),
        ));
        assert_eq!(g.cell(0, 0).text(), "□已完成☑正在推进");
        assert_eq!(g.cell(1, 0).text(), "√☑完成☒");
        // The same letters in an ordinary font stay letters.
        let g = grid(&format!("<w:p>{}</w:p>", run("宋体", "R")));
        assert_eq!(g.cell(0, 0).text(), "R");
        // Legacy form checkboxes (FORMCHECKBOX): checked, checked by default, unchecked.
        let checkbox = |inner: &str| {
            format!(
                "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:checkBox><w:sizeAuto/>{inner}</w:checkBox></w:ffData></w:fldChar></w:r>\
                 <w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
            )
        };
        let g = grid(&format!(
            "<w:p>{}<w:r><w:t>已完成</w:t></w:r>{}<w:r><w:t>正在推进</w:t></w:r>{}<w:r><w:t>未启动</w:t></w:r></w:p>",
            checkbox("<w:default w:val=\"0\"/><w:checked/>"),
            checkbox("<w:default w:val=\"1\"/><w:checked w:val=\"0\"/>"),
            checkbox("<w:default w:val=\"0\"/>"),
        ));
        assert_eq!(g.cell(0, 0).text(), "☑已完成□正在推进□未启动");
        let g = grid(&format!(
            "<w:p>{}</w:p>",
            checkbox("<w:default w:val=\"1\"/>")
        ));
        assert_eq!(g.cell(0, 0).text(), "☑");
        // Legacy drop-downs (FORMDROPDOWN): the entry chosen (w:result), else the
        // default, else the first, shown where the field stands.
        let dropdown = |inner: &str| {
            let entries: String = ["请选择", "已完成", "正在推进", "长期坚持"]
                .iter()
                .map(|e| format!("<w:listEntry w:val=\"{e}\"/>"))
                .collect();
            format!(
                "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Dropdown1\"/><w:ddList>{inner}{entries}</w:ddList></w:ffData></w:fldChar></w:r>\
                 <w:r><w:instrText> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
            )
        };
        let g = grid(&format!(
            "<w:p>{}</w:p><w:p>{}</w:p><w:p><w:r><w:t>状态：</w:t></w:r>{}</w:p>",
            dropdown("<w:result w:val=\"3\"/>"),
            dropdown("<w:default w:val=\"2\"/>"),
            dropdown(""),
        ));
        assert_eq!(g.cell(0, 0).text(), "长期坚持");
        assert_eq!(g.cell(1, 0).text(), "正在推进");
        assert_eq!(g.cell(2, 0).text(), "状态：请选择");
    }

    #[test]
    fn a_content_control_showing_its_placeholder_reads_empty() {
        let sdt = |placeholder: bool, inner: &str| {
            format!(
                "<w:sdt><w:sdtPr>{}</w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>",
                if placeholder {
                    "<w:showingPlcHdr/>"
                } else {
                    ""
                }
            )
        };
        // Cell-level controls: the placeholder cell stays a cell, empty; a filled one
        // reads; a run-level placeholder inside a paragraph is left out.
        let g = grid(&format!(
            "<w:tbl><w:tr>{}{}{}</w:tr></w:tbl>",
            tc("", &["23"]),
            sdt(true, &tc("", &["单击或点击此处输入文字。"])),
            sdt(false, &tc("", &["已完成"])),
        ));
        let row: Vec<String> = g.rows[0].iter().map(Cell::text).collect();
        assert_eq!(row, ["23", "", "已完成"]);
        let g = grid(&format!(
            "<w:p><w:r><w:t>完成时间：</w:t></w:r>{}</w:p>",
            sdt(true, "<w:r><w:t>单击或点击此处输入日期。</w:t></w:r>")
        ));
        assert_eq!(g.cell(0, 0).text(), "完成时间：");
    }

    #[test]
    fn decimal_list_numbers_are_written_out() {
        let numbering = br#"<w:numbering xmlns:w="x"><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum><w:num w:numId="2"><w:abstractNumId w:val="3"/></w:num></w:numbering>"#;
        let mut n = Numbering::parse(numbering);
        assert_eq!(n.next("2", 0).as_deref(), Some("1"));
        assert_eq!(n.next("2", 0).as_deref(), Some("2"));
        assert_eq!(n.next("9", 0), None);
    }

    /// A list that sets its own start (`w:lvlOverride/w:startOverride`: the 序号 column
    /// numbered from 32 on a list style starting at 1) is numbered from it, apart from
    /// the other lists of its abstract list, as Word shows it. Before: 1, 2, 3.
    #[test]
    fn a_lists_own_start_overrides_its_styles() {
        let numbering = br#"<w:numbering xmlns:w="x"><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum><w:num w:numId="2"><w:abstractNumId w:val="3"/></w:num><w:num w:numId="90"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="32"/></w:lvlOverride></w:num></w:numbering>"#;
        let mut n = Numbering::parse(numbering);
        assert_eq!(n.next("2", 0).as_deref(), Some("1"));
        assert_eq!(n.next("90", 0).as_deref(), Some("32"));
        assert_eq!(n.next("90", 0).as_deref(), Some("33"));
        assert_eq!(n.next("2", 0).as_deref(), Some("2"));
        assert_eq!(n.next("90", 0).as_deref(), Some("34"));
    }
}
