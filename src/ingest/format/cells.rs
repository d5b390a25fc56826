//! calamine's cells and sheets → ours, shared by the workbook formats (xlsx, xlsb, xls,
//! ods): cell values, the sparse collection of a sheet under the cell cap, the extent
//! check before the ragged grid is built, merges, and the sheets that are not
//! worksheets.

use calamine::{Data, DataRef, Dimensions, ExcelDateTime, Range, SheetType, SheetVisible};
use chrono::NaiveDate;

use crate::common::text::visible;
use crate::ingest::error::{InSheet, ReadError};
use crate::ingest::grid::{Cell, Grid, Limits, Merge};

fn parse_iso_date(s: &str) -> Option<Cell> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(Cell::Date(d));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(s, fmt) {
            return Some(datetime_cell(dt));
        }
    }
    None
}

fn datetime_cell(dt: chrono::NaiveDateTime) -> Cell {
    if dt.time() == chrono::NaiveTime::MIN {
        Cell::Date(dt.date())
    } else {
        Cell::DateTime(dt)
    }
}

fn excel_datetime(d: &ExcelDateTime) -> Cell {
    if d.is_duration() {
        return Cell::Number(d.as_f64());
    }
    match d.as_datetime() {
        Some(dt) => datetime_cell(dt),
        None => Cell::Number(d.as_f64()),
    }
}

/// An Excel date serial (days since 1900, or 1904) as a date or date-time cell.
pub(super) fn serial_date(value: f64, is_1904: bool) -> Cell {
    excel_datetime(&ExcelDateTime::new(
        value,
        calamine::ExcelDateTimeType::DateTime,
        is_1904,
    ))
}

fn text_cell(s: &str) -> Cell {
    let s = visible(s);
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.into_owned())
    }
}

fn from_data(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => text_cell(s),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => excel_datetime(dt),
        Data::DateTimeIso(s) => parse_iso_date(s).unwrap_or_else(|| text_cell(s)),
        Data::DurationIso(s) => text_cell(s),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

fn from_data_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => excel_datetime(dt),
        DataRef::DateTimeIso(s) => parse_iso_date(s).unwrap_or_else(|| text_cell(s)),
        DataRef::DurationIso(s) => text_cell(s),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Non-empty cells of one sheet, collected sparsely, with their extent.
pub(super) struct Sparse {
    cells: Vec<(u32, u32, Cell)>,
    max_row: u32,
    max_col: u32,
}

impl Sparse {
    pub(super) fn new() -> Self {
        Sparse {
            cells: Vec::new(),
            max_row: 0,
            max_col: 0,
        }
    }

    /// Add a cell; refuses once more cells than the cap were seen (a sheet
    /// XML can repeat positions, so the count is capped separately).
    pub(super) fn push(
        &mut self,
        sheet: &str,
        r: u32,
        c: u32,
        cell: Cell,
        limits: &Limits,
    ) -> Result<(), ReadError> {
        if matches!(cell, Cell::Empty) {
            return Ok(());
        }
        if self.cells.len() as u64 >= limits.max_cells_per_sheet {
            return Err(ReadError::SheetCells {
                sheet: sheet.to_string(),
                limit: limits.max_cells_per_sheet,
            });
        }
        self.max_row = self.max_row.max(r);
        self.max_col = self.max_col.max(c);
        self.cells.push((r, c, cell));
        Ok(())
    }

    /// Check the extent from A1 against the cap, then build the ragged grid.
    pub(super) fn into_rows(
        self,
        sheet: &str,
        limits: &Limits,
    ) -> Result<Vec<Vec<Cell>>, ReadError> {
        if self.cells.is_empty() {
            return Ok(Vec::new());
        }
        check_extent(
            sheet,
            self.max_row as u64 + 1,
            self.max_col as u64 + 1,
            limits,
        )?;
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); self.max_row as usize + 1];
        for (r, c, cell) in self.cells {
            let row = &mut rows[r as usize];
            let c = c as usize;
            if row.len() <= c {
                row.resize(c + 1, Cell::Empty);
            }
            row[c] = cell;
        }
        Ok(rows)
    }
}

/// Refuse a sheet whose extent from A1 (`rows` × `cols`) exceeds the cap.
pub(super) fn check_extent(
    sheet: &str,
    rows: u64,
    cols: u64,
    limits: &Limits,
) -> Result<(), ReadError> {
    if rows.saturating_mul(cols) > limits.max_cells_per_sheet {
        return Err(ReadError::SheetExtent {
            sheet: sheet.to_string(),
            rows,
            cols,
            limit: limits.max_cells_per_sheet,
        });
    }
    Ok(())
}

/// A calamine dense range (absolute start) → ragged rows from A1 (xls, ods).
pub(super) fn range_to_rows(
    sheet: &str,
    range: &Range<Data>,
    limits: &Limits,
) -> Result<Vec<Vec<Cell>>, ReadError> {
    let (Some(start), Some(_)) = (range.start(), range.end()) else {
        return Ok(Vec::new());
    };
    let mut sparse = Sparse::new();
    for (r, c, d) in range.used_cells() {
        sparse.push(
            sheet,
            start.0 + r as u32,
            start.1 + c as u32,
            from_data(d),
            limits,
        )?;
    }
    sparse.into_rows(sheet, limits)
}

/// A sheet's rows from one of calamine's streaming cell readers (xlsx and xlsb share no
/// trait; `next` is the reader's `next_cell`), through the cell cap.
pub(super) fn streamed_rows<'a, E>(
    sheet: &str,
    limits: &Limits,
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, E>,
) -> Result<Vec<Vec<Cell>>, ReadError> {
    let mut sparse = Sparse::new();
    while let Some(cell) = next().in_sheet(sheet)? {
        let (r, c) = cell.get_position();
        sparse.push(sheet, r, c, from_data_ref(cell.get_value()), limits)?;
    }
    sparse.into_rows(sheet, limits)
}

/// calamine's merged regions → ours.
pub(super) fn merges_from(dims: &[Dimensions]) -> Vec<Merge> {
    dims.iter()
        .map(|d| Merge {
            first_row: d.start.0,
            first_col: d.start.1,
            last_row: d.end.0,
            last_col: d.end.1,
        })
        .collect()
}

/// The note for a sheet that is not a worksheet (a chart, a macro or dialog sheet),
/// which is skipped; `None` for a worksheet.
pub(super) fn skip_note(sheet: &calamine::Sheet) -> Option<String> {
    match sheet.typ {
        SheetType::WorkSheet => None,
        SheetType::ChartSheet => Some(format!("已跳过图表页“{}”（不含数据）。", sheet.name)),
        _ => Some(format!(
            "已跳过非普通工作表“{}”（宏表或对话框表）。",
            sheet.name
        )),
    }
}

/// Our grid of one calamine sheet.
pub(super) fn grid(sheet: &calamine::Sheet, rows: Vec<Vec<Cell>>, merges: Vec<Merge>) -> Grid {
    Grid {
        name: sheet.name.clone(),
        rows,
        merges,
        hidden: sheet.visible != SheetVisible::Visible,
        ..Grid::default()
    }
}
