//! Web pages saved as spreadsheets: an OA system's “导出Excel” that writes an HTML
//! table under an .xls name, Excel's “网页” save (.htm), a report copied out of a
//! browser. Parsed with html5ever (through scraper) into one sheet, as Excel shows such
//! a file when it opens it:
//!
//! - every table row is a row, its cells in their grid columns: `colspan` and `rowspan`
//!   are merges, with the text in the top-left cell as in a workbook;
//! - text outside tables (a title in an `<h1>`, a 填报单位 line in a `<p>`) is a row of
//!   one cell, listed in `Grid::paragraphs` as a Word document's paragraphs are;
//! - a cell's `<br>` and block elements are line breaks, other white space is collapsed
//!   as a browser does; a nested table's text joins its cell's text;
//! - struck-through text (`<s>`, `<strike>`, `<del>`) is not read, nor scripts and
//!   styles;
//! - rows and columns hidden with `display:none` (Excel's own web page save hides them
//!   so) are recorded as hidden.
//!
//! The text is decoded from its byte-order mark, else the `charset` its `<meta>` names,
//! else UTF-8 when it is valid, else GB18030. A page saved as one file (MHTML: Excel's
//! “单个文件网页”, an OA export named .xls) is read from its page parts, each a sheet,
//! decoded by mail-parser.

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::cells::check_extent;
use super::output::Parsed;
use crate::common::text::visible;
use crate::ingest::error::ReadError;
use crate::ingest::grid::{Cell, Grid, Limits, Merge};

/// The sheet's name when the page has no title.
const SHEET: &str = "网页表格";
/// A line break in text being gathered (white space in the source is not one).
const BREAK: char = '\u{2028}';
/// Columns past Excel's last (XFD) are not placed: a page of wide spans is no return.
const MAX_COLS: usize = 16_384;
/// The widest span read (a colspan of 1000 is a page-layout trick, not columns).
const MAX_SPAN: usize = 256;

pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Parsed, ReadError> {
    Ok(Parsed {
        grids: grids(bytes, limits)?,
        ..Parsed::default()
    })
}

/// The sheets of a web page, or of a page saved as one file (MHTML, “单个文件网页”): each
/// page part a sheet (Excel saves a workbook's sheets as pages, with a page listing
/// their tabs), empty pages left out.
pub(super) fn grids(bytes: &[u8], limits: &Limits) -> Result<Vec<Grid>, ReadError> {
    let Some(pages) = super::mail::web_archive_pages(bytes) else {
        return Ok(vec![page_grid(&decode(bytes), SHEET, limits)?]);
    };
    let mut grids: Vec<Grid> = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        let unnamed = match i {
            0 => SHEET.to_string(),
            _ => format!("{SHEET}{}", i + 1),
        };
        let mut grid = page_grid(page, &unnamed, limits)?;
        if grids.iter().any(|g| g.name == grid.name) {
            grid.name = unnamed;
        }
        if !grid.rows.is_empty() {
            grids.push(grid);
        }
    }
    Ok(grids)
}

/// One page's sheet, named by its title, else `unnamed`.
fn page_grid(text: &str, unnamed: &str, limits: &Limits) -> Result<Grid, ReadError> {
    let page = Html::parse_document(text);
    let title = page
        .root_element()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "title"))
        .map(|n| collapse(&inline_text(n)))
        .unwrap_or_default();
    let name = match title.trim() {
        "" => unnamed.to_string(),
        t => t.chars().take(31).collect(),
    };
    let mut sheet = Sheet::default();
    let body = page
        .root_element()
        .children()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .unwrap_or_else(|| *page.root_element());
    sheet.block(body);
    sheet.flush();
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    check_extent(&name, sheet.rows.len() as u64, width as u64, limits)?;
    let mut grid = Grid {
        name,
        rows: sheet.rows,
        merges: sheet.merges,
        paragraphs: sheet.paragraphs,
        hidden_rows: sheet.hidden_rows,
        hidden_cols: sheet.hidden_cols,
        ..Grid::default()
    };
    grid.hidden_cols.sort_unstable();
    grid.hidden_cols.dedup();
    Ok(grid)
}

/// Bytes → text: a byte-order mark, else the charset a `<meta>` near the top names,
/// else strict UTF-8, else GB18030 (a superset of GBK and GB2312).
fn decode(bytes: &[u8]) -> String {
    if encoding_rs::Encoding::for_bom(bytes).is_none() {
        if let Some(enc) = declared_charset(&bytes[..bytes.len().min(4096)]) {
            if enc != encoding_rs::UTF_8 || std::str::from_utf8(bytes).is_ok() {
                return enc.decode_without_bom_handling(bytes).0.into_owned();
            }
        }
    }
    // As a CSV is decoded: the byte-order mark, else UTF-8, else GB18030.
    super::csv::decode(bytes)
}

/// The encoding a `charset=` in the page's head names (gb2312, gbk, utf-8 …).
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset=")? + b"charset=".len();
    let label: Vec<u8> = lower[at..]
        .iter()
        .skip_while(|b| matches!(b, b'"' | b'\'' | b' '))
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        .copied()
        .collect();
    encoding_rs::Encoding::for_label(&label)
}

/// Elements that end a line of text before and after them.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "tr"
            | "center"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "blockquote"
            | "pre"
            | "hr"
            | "form"
            | "caption"
    )
}

/// Elements whose content is never shown as text.
fn is_hidden_content(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "head" | "title" | "noscript" | "template" | "object" | "iframe"
    )
}

/// Struck-through words, withdrawn by the unit (last month's 正在推进 beside 已完成).
fn is_struck(name: &str) -> bool {
    matches!(name, "s" | "strike" | "del")
}

/// Whether an element's inline style hides it (`display:none`, Excel's hidden rows and
/// columns).
fn hidden_by_style(e: &scraper::node::Element) -> bool {
    e.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none")
    })
}

/// A span attribute (colspan, rowspan, span) as a count of 1 to [`MAX_SPAN`].
fn span(e: &scraper::node::Element, name: &str) -> usize {
    e.attr(name)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_SPAN)
}

/// The text under a node, `<br>` and block elements as [`BREAK`]s, a nested
/// table's cells apart by a space, struck and hidden content left out; white space not
/// yet collapsed.
fn inline_text(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    push_text(node, &mut out);
    out
}

fn push_text(node: NodeRef<'_, Node>, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if is_hidden_content(name) || is_struck(name) {
                    continue;
                }
                match name {
                    "br" => out.push(BREAK),
                    "td" | "th" => {
                        out.push(' ');
                        push_text(child, out);
                        out.push(' ');
                    }
                    n if is_block(n) => {
                        out.push(BREAK);
                        push_text(child, out);
                        out.push(BREAK);
                    }
                    _ => push_text(child, out),
                }
            }
            _ => {}
        }
    }
}

/// Text as a browser shows it: white space (a source file's newlines too) collapsed to
/// one space, the breaks [`push_text`] marked (`<br>`, blocks) made line breaks, each
/// line trimmed, empty lines dropped, zero-width characters out.
fn collapse(raw: &str) -> String {
    visible(raw)
        .split(BREAK)
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sheet being built.
#[derive(Default)]
struct Sheet {
    rows: Vec<Vec<Cell>>,
    merges: Vec<Merge>,
    paragraphs: Vec<usize>,
    hidden_rows: Vec<u32>,
    hidden_cols: Vec<u32>,
    /// Text outside tables not yet made a row.
    line: String,
}

impl Sheet {
    /// Walk a node outside tables: text gathers into lines, tables become rows.
    fn block(&mut self, node: NodeRef<'_, Node>) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => self.line.push_str(t),
                Node::Element(e) => {
                    let name = e.name();
                    if is_hidden_content(name) || is_struck(name) {
                        continue;
                    }
                    match name {
                        "table" => {
                            self.flush();
                            self.table(child);
                        }
                        "br" => self.line.push(BREAK),
                        n if is_block(n) => {
                            self.flush();
                            self.block(child);
                            self.flush();
                        }
                        _ => self.block(child),
                    }
                }
                _ => {}
            }
        }
    }

    /// The text gathered outside tables, as one row (a paragraph) when not empty.
    fn flush(&mut self) {
        let text = collapse(&std::mem::take(&mut self.line));
        if !text.is_empty() {
            self.paragraphs.push(self.rows.len());
            self.rows.push(vec![Cell::Text(text)]);
        }
    }

    /// A table's rows in their grid columns, spans as merges.
    fn table(&mut self, table: NodeRef<'_, Node>) {
        let top = self.rows.len();
        // The first row below each column's open rowspan (0-based, absolute).
        let mut busy: Vec<usize> = Vec::new();
        let mut col_at = 0u32;
        for part in table_parts(table) {
            let Some(e) = part.value().as_element() else {
                continue;
            };
            match e.name() {
                "col" => {
                    let n = span(e, "span") as u32;
                    if hidden_by_style(e) || e.attr("width") == Some("0") {
                        self.hidden_cols.extend(col_at..col_at + n);
                    }
                    col_at += n;
                }
                "tr" => self.table_row(part, e, &mut busy),
                _ => {}
            }
        }
        // A rowspan reaching past the table's last row stops there.
        let last = self.rows.len().saturating_sub(1) as u32;
        for m in self
            .merges
            .iter_mut()
            .filter(|m| m.first_row as usize >= top)
        {
            m.last_row = m.last_row.min(last);
        }
        self.merges
            .retain(|m| m.first_row != m.last_row || m.first_col != m.last_col);
    }

    fn table_row(
        &mut self,
        tr: NodeRef<'_, Node>,
        e: &scraper::node::Element,
        busy: &mut Vec<usize>,
    ) {
        let r = self.rows.len();
        if hidden_by_style(e) {
            self.hidden_rows.push(r as u32);
        }
        let mut row: Vec<Cell> = Vec::new();
        let mut col = 0usize;
        for cell in tr.children() {
            let Some(ce) = cell.value().as_element() else {
                continue;
            };
            if !matches!(ce.name(), "td" | "th") {
                continue;
            }
            while busy.get(col).is_some_and(|&until| until > r) {
                col += 1;
            }
            if col >= MAX_COLS {
                break;
            }
            let (down, across) = (span(ce, "rowspan"), span(ce, "colspan").min(MAX_COLS - col));
            let text = collapse(&inline_text(cell));
            if !text.is_empty() {
                if row.len() <= col {
                    row.resize(col + 1, Cell::Empty);
                }
                row[col] = Cell::Text(text);
            }
            if across > 1 || down > 1 {
                self.merges.push(Merge {
                    first_row: r as u32,
                    first_col: col as u32,
                    last_row: (r + down - 1) as u32,
                    last_col: (col + across - 1) as u32,
                });
            }
            if busy.len() < col + across {
                busy.resize(col + across, 0);
            }
            for b in &mut busy[col..col + across] {
                *b = r + down;
            }
            col += across;
        }
        self.rows.push(row);
    }
}

/// A table's `<col>` and `<tr>` elements in order, through `<colgroup>`, `<thead>`,
/// `<tbody>` and `<tfoot>` (html5ever puts rows in a `<tbody>`), not into nested tables.
fn table_parts(table: NodeRef<'_, Node>) -> Vec<NodeRef<'_, Node>> {
    let mut out = Vec::new();
    for child in table.children() {
        match child.value().as_element().map(|e| e.name()) {
            Some("tr" | "col") => out.push(child),
            Some("thead" | "tbody" | "tfoot" | "colgroup") => {
                out.extend(child.children().filter(|n| {
                    matches!(n.value().as_element().map(|e| e.name()), Some("tr" | "col"))
                }))
            }
            _ => {}
        }
    }
    out
}
