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
/// (0-based, ascending), and the merged regions.
#[derive(Default)]
struct Scanned {
    hidden: HashMap<String, HiddenLines>,
    merges: HashMap<String, Vec<Merge>>,
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
            Event::Eof => {
                return Ok(Scanned {
                    hidden: scan.hidden,
                    merges: scan.merges,
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
}

impl Prescan {
    /// An element starts (`empty`: it also ends, `<x/>`).
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        if self.depth_in_cell > 0 {
            if !empty {
                self.depth_in_cell += 1;
            }
            return;
        }
        match e.name().as_ref() {
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
                    t.cell(attr_u64(e, "table:number-columns-repeated"), has_value(e));
                    if !empty {
                        self.depth_in_cell = 1;
                    }
                }
            }
            _ => {}
        }
    }

    /// An element ends: a row or a table is checked against the cap.
    fn end(&mut self, name: &str, limits: &Limits) -> Result<(), ReadError> {
        if self.depth_in_cell > 0 {
            self.depth_in_cell -= 1;
            return Ok(());
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
