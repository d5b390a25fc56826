//! In-memory sheets: a ragged grid of cells, absolute from A1, with merges.
//!
//! Produced by `read::read_file`; consumed by the header/row finder.

use chrono::{NaiveDate, NaiveDateTime, Timelike};

/// One cell value as read from the file (formula cells hold their cached value).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    Bool(bool),
    /// A spreadsheet error value such as `#DIV/0!`.
    Error(String),
}

static EMPTY: Cell = Cell::Empty;

impl Cell {
    /// Empty, or text that is only whitespace (including full-width spaces).
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// Display text: integral numbers without a trailing ".0" (12.0 -> "12"),
    /// dates as YYYY-MM-DD, date-times as "YYYY-MM-DD HH:MM" (":SS" added
    /// when the seconds are not zero), booleans as TRUE/FALSE.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::DateTime(dt) => {
                if dt.time().second() == 0 && dt.time().nanosecond() == 0 {
                    dt.format("%Y-%m-%d %H:%M").to_string()
                } else {
                    dt.format("%Y-%m-%d %H:%M:%S").to_string()
                }
            }
            Cell::Bool(true) => "TRUE".to_string(),
            Cell::Bool(false) => "FALSE".to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// Number to display text: 12.0 -> "12", 0.1 -> "0.1", 1e20 -> "100000000000000000000".
fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        // Rust prints the shortest representation that round-trips, never in
        // exponent notation for `{}`.
        format!("{n}")
    }
}

/// A merged region, 0-based and absolute (A1 is row 0, column 0), inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

impl Merge {
    pub fn contains(&self, r: usize, c: usize) -> bool {
        (self.first_row as usize..=self.last_row as usize).contains(&r)
            && (self.first_col as usize..=self.last_col as usize).contains(&c)
    }
}

/// One sheet.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// Sheet name (for CSV: the file stem).
    pub name: String,
    /// `rows[i][j]` is Excel row i+1, column j+1. Rows may be ragged (trailing
    /// empty cells are not stored) and may be empty.
    pub rows: Vec<Vec<Cell>>,
    pub merges: Vec<Merge>,
    /// The sheet is hidden or very hidden (xlsx, xlsb, xls; ODS where calamine tells).
    pub hidden: bool,
}

impl Grid {
    /// The cell at (r, c), 0-based; `Cell::Empty` out of range.
    pub fn cell(&self, r: usize, c: usize) -> &Cell {
        self.rows
            .get(r)
            .and_then(|row| row.get(c))
            .unwrap_or(&EMPTY)
    }

    /// The merge containing (r, c), if any.
    pub fn merge_at(&self, r: usize, c: usize) -> Option<&Merge> {
        self.merges.iter().find(|m| m.contains(r, c))
    }

    /// The value shown at (r, c): the top-left value of the merge containing it,
    /// else the cell itself.
    pub fn value_through_merge(&self, r: usize, c: usize) -> &Cell {
        match self.merge_at(r, c) {
            Some(m) => self.cell(m.first_row as usize, m.first_col as usize),
            None => self.cell(r, c),
        }
    }

    /// Number of rows (Excel's last used row).
    /// The checklist marker, if this is our marker sheet.
    pub fn marker(&self) -> Option<crate::common::marker::Marker> {
        crate::common::marker::Marker::from_sheet(&self.name, self.height(), |r, c| {
            self.cell(r, c).text()
        })
    }

    pub fn height(&self) -> usize {
        self.rows.len()
    }

    /// Width of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// Resource limits for reading one file: configured in plan.toml's `[limits]`.
pub use crate::plan::meta::Limits;
