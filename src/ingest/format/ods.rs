//! ods: the zip guards and the repeat pre-scan, then calamine's dense range per sheet.
//! calamine gives no merges for ODS: the pre-scan reads them (a cell's
//! `table:number-rows-spanned` / `number-columns-spanned`). Defined names are kept (our
//! checklist's marker may be one).
//!
//! The pre-scan: calamine expands ODS `number-rows-repeated` /
//! `number-columns-repeated` of non-empty cells into a dense range (its own cap is 100
//! million cells, about 3 GB). content.xml is streamed once (through `take`, bounded by
//! the zip budget) and each table's extent of non-empty cells, repeats included, is
//! checked against the cell cap before calamine parses it.

use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

use calamine::{Ods, Reader};
use quick_xml::events::{BytesStart, Event};

use super::cells::{check_extent, grid, range_to_rows, skip_note};
use super::guard;
use super::output::Parsed;
use super::repair::{self, Kind, Sheets};
use crate::ingest::error::{InSheet, ReadError};
use crate::ingest::grid::{HiddenLines, Limits, Merge};

pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Parsed, ReadError> {
    guard::zip_package(bytes, limits)?;
    if encrypted(bytes) {
        return Err(ReadError::Encrypted);
    }
    let Scanned {
        mut hidden,
        mut merges,
        mut struck,
    } = prescan(bytes, limits)?;
    let mut parsed = repair::read_tolerant(bytes, Kind::Ods, |b, sheets| {
        read_package(b, limits, sheets)
    })?;
    // Rows and columns hidden by hand (table:visibility="collapse"; a filter's are
    // "filter", read as shown, as in xlsx), by sheet.
    for grid in &mut parsed.grids {
        if let Some(lines) = hidden.remove(&grid.name) {
            grid.set_hidden(lines);
        }
        if let Some(regions) = merges.remove(&grid.name) {
            grid.merges = regions;
        }
        if let Some(cells) = struck.remove(&grid.name) {
            let count = strike_out(&cells, grid);
            if count > 0 {
                parsed
                    .notes
                    .push(super::xlsx_strike::struck_note(&grid.name, count));
            }
        }
    }
    Ok(parsed)
}

fn read_package(bytes: &[u8], limits: &Limits, tolerance: Sheets) -> Result<Parsed, ReadError> {
    let mut wb: Ods<_> = Ods::new(Cursor::new(bytes))?;
    let mut out = Parsed {
        defined_names: wb.defined_names().to_vec(),
        ..Parsed::default()
    };
    let sheets = wb.sheets_metadata().to_vec();
    let mut skipped = false;
    for sheet in &sheets {
        if let Some(note) = skip_note(sheet) {
            out.notes.push(note);
            continue;
        }
        let name = &sheet.name;
        let read = wb.worksheet_range(name).in_sheet(name);
        let Some(range) =
            repair::sheet_or_skip(read, name, tolerance, &mut out.notes, &mut skipped)?
        else {
            continue;
        };
        let rows = range_to_rows(name, &range, limits)?;
        out.grids.push(grid(sheet, rows, Vec::new()));
    }
    if skipped && out.grids.is_empty() {
        return Err(ReadError::Corrupt);
    }
    Ok(out)
}

/// An .ods saved with a password: its manifest lists how content.xml is encrypted.
fn encrypted(bytes: &[u8]) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(manifest) = archive.by_name("META-INF/manifest.xml") else {
        return false;
    };
    let mut text = Vec::new();
    manifest.take(1 << 20).read_to_end(&mut text).is_ok()
        && memchr::memmem::find(&text, b"encryption-data").is_some()
}

/// What the pre-scan found, by table: the hidden rows with values and hidden columns
/// (0-based, ascending), the merged regions, and the struck-through text.
#[derive(Default)]
struct Scanned {
    hidden: HashMap<String, HiddenLines>,
    merges: HashMap<String, Vec<Merge>>,
    struck: HashMap<String, Vec<StruckCell>>,
}

/// A cell with struck-through text (0-based row, column): all of it (a cell style
/// whose font is struck), or the struck spans' texts.
#[derive(Debug)]
struct StruckCell {
    row: usize,
    col: usize,
    whole: bool,
    spans: Vec<String>,
}

/// Take the struck text out of `grid`: a wholly struck cell is emptied, a struck span's
/// words are cut from its cell (the first time they occur). Returns how many cells lost
/// text.
fn strike_out(cells: &[StruckCell], grid: &mut crate::ingest::grid::Grid) -> usize {
    use crate::ingest::grid::Cell;
    let mut changed = 0;
    for s in cells {
        let Some(cell) = grid.rows.get_mut(s.row).and_then(|row| row.get_mut(s.col)) else {
            continue;
        };
        if cell.is_empty() {
            continue;
        }
        if s.whole {
            *cell = Cell::Empty;
            changed += 1;
            continue;
        }
        let Cell::Text(text) = cell else { continue };
        let mut kept = text.clone();
        for span in s.spans.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
            if let Some(at) = kept.find(span) {
                kept.replace_range(at..at + span.len(), "");
            }
        }
        if kept != *text {
            *cell = super::xlsx_strike::kept_cell(&kept);
            changed += 1;
        }
    }
    changed
}

/// Whether a `<style:text-properties>` strikes its text through (a line-through style
/// other than none; LibreOffice also writes the type alone).
fn strikes(e: &BytesStart<'_>) -> bool {
    let style = attr_string(e, "style:text-line-through-style");
    let kind = attr_string(e, "style:text-line-through-type");
    if style.is_empty() {
        !kind.is_empty() && kind != "none"
    } else {
        style != "none"
    }
}

/// Stream content.xml and refuse a table whose extent of non-empty cells, repeats
/// included, is over the cell cap. Returns each table's hidden lines and merges.
fn prescan(bytes: &[u8], limits: &Limits) -> Result<Scanned, ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    let content = archive.by_name("content.xml")?;
    let limited = content.take(limits.max_uncompressed_bytes);
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(limited));
    let mut scan = Prescan::default();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf)? {
            Event::Start(e) => scan.start(&e, false),
            Event::Empty(e) => scan.start(&e, true),
            Event::End(e) => scan.end(e.name().as_ref(), limits)?,
            Event::Text(t) if scan.in_struck_span() => {
                scan.struck_text(&t.xml10_content());
            }
            Event::GeneralRef(r) if scan.in_struck_span() => {
                let mut text = String::new();
                super::xml::push_ref(&mut text, &r);
                scan.struck_text(&text);
            }
            Event::Eof => {
                return Ok(Scanned {
                    hidden: scan.hidden,
                    merges: scan.merges,
                    struck: scan.struck,
                })
            }
            _ => {}
        }
    }
}

/// Where the pre-scan is in content.xml.
#[derive(Default)]
struct Prescan {
    /// The table being read (tables are not nested outside cells).
    table: Option<TableExtent>,
    /// Depth inside a cell's content: nested tables inside cells are not scanned.
    depth_in_cell: u32,
    /// Hidden rows with values and hidden columns, by table.
    hidden: HashMap<String, HiddenLines>,
    /// Merged regions (a cell spanning rows or columns), by table.
    merges: HashMap<String, Vec<Merge>>,
    /// The automatic styles that strike text through: cell styles, and text or
    /// paragraph styles (of spans and paragraphs inside cells).
    struck_cell_styles: std::collections::HashSet<String>,
    struck_text_styles: std::collections::HashSet<String>,
    /// The style being read (its name, whether a cell style) while in `<style:style>`.
    style: Option<(String, bool)>,
    /// The cell being read, when it has struck text; and the depth (inside the cell)
    /// of the struck span or paragraph being read.
    cell: Option<StruckCell>,
    struck_depth: Option<u32>,
    /// Struck cells, by table.
    struck: HashMap<String, Vec<StruckCell>>,
}

impl Prescan {
    /// An element starts (`empty`: it also ends, `<x/>`).
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        if self.depth_in_cell > 0 {
            if !empty {
                self.depth_in_cell += 1;
                let name = e.name();
                let spans = matches!(name.as_ref(), "text:span" | "text:p" | "text:h");
                if spans
                    && self.struck_depth.is_none()
                    && !self.struck_text_styles.is_empty()
                    && self
                        .struck_text_styles
                        .contains(&attr_string(e, "text:style-name"))
                {
                    self.struck_depth = Some(self.depth_in_cell);
                    if let Some(c) = self.cell.as_mut() {
                        c.spans.push(String::new());
                    }
                }
            }
            return;
        }
        match e.name().as_ref() {
            "style:style" if !empty => {
                let family = attr_string(e, "style:family");
                if matches!(family.as_str(), "table-cell" | "text" | "paragraph") {
                    self.style = Some((attr_string(e, "style:name"), family == "table-cell"));
                }
            }
            "style:text-properties" if strikes(e) => {
                if let Some((name, cell)) = self.style.clone() {
                    if cell {
                        self.struck_cell_styles.insert(name);
                    } else {
                        self.struck_text_styles.insert(name);
                    }
                }
            }
            "table:table" if !empty => {
                self.table = Some(TableExtent::new(attr_string(e, "table:name")));
            }
            "table:table-column" => {
                if let Some(t) = self.table.as_mut() {
                    let repeat = attr_u64(e, "table:number-columns-repeated");
                    if attr_string(e, "table:visibility") == "collapse" {
                        let first = u32::try_from(t.column).unwrap_or(u32::MAX);
                        let count = u32::try_from(repeat.min(HIDDEN_REPEAT)).unwrap_or(0);
                        self.hidden
                            .entry(t.name.clone())
                            .or_default()
                            .cols
                            .extend((0..count).map_while(|i| first.checked_add(i)));
                    }
                    // A column struck as a whole: its cells without a style of their
                    // own take its default (LibreOffice writes a struck column so;
                    // second review c 3).
                    let default = attr_string(e, "table:default-cell-style-name");
                    if self.struck_cell_styles.contains(&default) {
                        let first = t.column;
                        t.struck_columns
                            .push(first..first.saturating_add(repeat.min(STRUCK_REPEAT)));
                    }
                    t.column = t.column.saturating_add(repeat);
                }
            }
            "table:table-row" => {
                if let Some(t) = self.table.as_mut() {
                    t.row_start(attr_u64(e, "table:number-rows-repeated"), empty);
                    t.row_hidden = attr_string(e, "table:visibility") == "collapse";
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                if let Some(t) = self.table.as_mut() {
                    let rows = attr_u64(e, "table:number-rows-spanned");
                    let cols = attr_u64(e, "table:number-columns-spanned");
                    if rows > 1 || cols > 1 {
                        let at = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
                        self.merges.entry(t.name.clone()).or_default().push(Merge {
                            first_row: at(t.row),
                            first_col: at(t.col),
                            last_row: at(t.row.saturating_add(rows - 1)),
                            last_col: at(t.col.saturating_add(cols - 1)),
                        });
                    }
                    let repeat = attr_u64(e, "table:number-columns-repeated");
                    // Struck text is looked for in cells with a value (a struck style on
                    // empty cells strikes nothing).
                    if has_value(e) {
                        let style = attr_string(e, "table:style-name");
                        let whole = if style.is_empty() {
                            t.struck_columns.iter().any(|c| c.contains(&t.col))
                        } else {
                            self.struck_cell_styles.contains(&style)
                        };
                        let cell = StruckCell {
                            row: usize::try_from(t.row).unwrap_or(usize::MAX),
                            col: usize::try_from(t.col).unwrap_or(usize::MAX),
                            whole,
                            spans: Vec::new(),
                        };
                        if whole {
                            let struck = self.struck.entry(t.name.clone()).or_default();
                            struck.extend((1..repeat.min(STRUCK_REPEAT)).map(|i| StruckCell {
                                row: cell.row,
                                col: cell.col.saturating_add(i as usize),
                                whole: true,
                                spans: Vec::new(),
                            }));
                        }
                        if whole || !self.struck_text_styles.is_empty() {
                            self.cell = Some(cell);
                        }
                    }
                    t.cell(repeat, has_value(e));
                    if !empty {
                        self.depth_in_cell = 1;
                    } else {
                        self.cell_ends();
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether the text read now is struck through.
    fn in_struck_span(&self) -> bool {
        self.struck_depth.is_some()
    }

    /// Struck text read in the current cell.
    fn struck_text(&mut self, text: &str) {
        if let Some(span) = self.cell.as_mut().and_then(|c| c.spans.last_mut()) {
            span.push_str(text);
        }
    }

    /// The current cell ends: kept when any of its text is struck.
    fn cell_ends(&mut self) {
        self.struck_depth = None;
        let Some(cell) = self.cell.take() else {
            return;
        };
        let struck = cell.whole || cell.spans.iter().any(|t| !t.trim().is_empty());
        if let (true, Some(t)) = (struck, self.table.as_ref()) {
            self.struck.entry(t.name.clone()).or_default().push(cell);
        }
    }

    /// An element ends: a row or a table is checked against the cap.
    fn end(&mut self, name: &str, limits: &Limits) -> Result<(), ReadError> {
        if self.depth_in_cell > 0 {
            if self.struck_depth == Some(self.depth_in_cell) {
                self.struck_depth = None;
            }
            self.depth_in_cell -= 1;
            if self.depth_in_cell == 0 {
                self.cell_ends();
            }
            return Ok(());
        }
        if name == "style:style" {
            self.style = None;
        }
        match name {
            "table:table-row" => {
                if let Some(t) = self.table.as_mut() {
                    if t.row_hidden && t.row_max_col.is_some() {
                        let first = u32::try_from(t.row).unwrap_or(u32::MAX);
                        let count = u32::try_from(t.row_repeat.min(HIDDEN_REPEAT)).unwrap_or(0);
                        self.hidden
                            .entry(t.name.clone())
                            .or_default()
                            .rows
                            .extend((0..count).map_while(|i| first.checked_add(i)));
                    }
                    t.row_end(limits)?;
                }
            }
            "table:table" => {
                if let Some(t) = self.table.take() {
                    t.check(limits)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// Most cells of one repeated struck cell element recorded.
const STRUCK_REPEAT: u64 = 1_000;

/// Most rows (columns) of one repeated hidden row (column) element recorded (a repeat past the cell cap is
/// refused anyway).
const HIDDEN_REPEAT: u64 = 100_000;

/// The extent of one table's non-empty cells (0-based, repeats included).
struct TableExtent {
    name: String,
    /// The current row is hidden (table:visibility="collapse").
    row_hidden: bool,
    /// The columns declared so far (table:table-column, repeats included).
    column: u64,
    /// The columns whose default cell style is struck.
    struck_columns: Vec<std::ops::Range<u64>>,
    /// The current row.
    row: u64,
    max_row: Option<u64>,
    max_col: u64,
    /// How many times the current row repeats.
    row_repeat: u64,
    /// The current column.
    col: u64,
    /// The last column with a value in the current row.
    row_max_col: Option<u64>,
}

impl TableExtent {
    fn new(name: String) -> Self {
        TableExtent {
            name,
            row_hidden: false,
            column: 0,
            struck_columns: Vec::new(),
            row: 0,
            max_row: None,
            max_col: 0,
            row_repeat: 1,
            col: 0,
            row_max_col: None,
        }
    }

    /// A row starts; an empty row element (`<table:table-row/>`) is passed over.
    fn row_start(&mut self, repeat: u64, empty: bool) {
        if empty {
            self.row = self.row.saturating_add(repeat);
        } else {
            self.row_repeat = repeat;
            self.col = 0;
            self.row_max_col = None;
        }
    }

    /// A cell, repeated `repeat` times across.
    fn cell(&mut self, repeat: u64, has_value: bool) {
        if has_value {
            let last = self.col.saturating_add(repeat - 1);
            self.row_max_col = Some(self.row_max_col.map_or(last, |m| m.max(last)));
        }
        self.col = self.col.saturating_add(repeat);
    }

    /// A row ends: a row with values extends the extent, which is checked.
    fn row_end(&mut self, limits: &Limits) -> Result<(), ReadError> {
        if let Some(mc) = self.row_max_col {
            self.max_row = Some(self.row.saturating_add(self.row_repeat - 1));
            self.max_col = self.max_col.max(mc);
            self.check(limits)?;
        }
        self.row = self.row.saturating_add(self.row_repeat);
        self.row_repeat = 1;
        Ok(())
    }

    fn check(&self, limits: &Limits) -> Result<(), ReadError> {
        match self.max_row {
            Some(max_row) => check_extent(
                &self.name,
                max_row.saturating_add(1),
                self.max_col.saturating_add(1),
                limits,
            ),
            None => Ok(()),
        }
    }
}

/// The attributes that make a cell non-empty.
const VALUE_ATTRS: [&str; 7] = [
    "office:value-type",
    "office:value",
    "office:string-value",
    "office:date-value",
    "office:time-value",
    "office:boolean-value",
    "table:formula",
];

fn has_value(e: &BytesStart<'_>) -> bool {
    e.attributes()
        .flatten()
        .any(|a| VALUE_ATTRS.contains(&a.key.as_ref()))
}

/// A repeat count: at least 1 (missing or unreadable is 1).
fn attr_u64(e: &BytesStart<'_>, key: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
        .max(1)
}

fn attr_string(e: &BytesStart<'_>, key: &str) -> String {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value.to_string())
        .unwrap_or_default()
}
