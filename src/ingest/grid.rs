//! In-memory sheets: a ragged grid of cells, absolute from A1, with merges.
//!
//! Produced by the format readers (`format/`); read by the sheet reader (`sheet/`) and,
//! for our checklist's marker sheet, by `common::marker`.

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use crate::common::marker::Marker;
use crate::common::text::one_line;

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

    /// [`Cell::text`], borrowed when the cell holds text (no copy).
    pub fn text_ref(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Text(s) | Cell::Error(s) => std::borrow::Cow::Borrowed(s),
            other => std::borrow::Cow::Owned(other.text()),
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
    /// Cell comments (批注), by cell, in row order (xlsx).
    pub comments: Vec<Comment>,
    /// Rows that are paragraphs of a Word document rather than table rows (0-based,
    /// ascending): above a table they are the title and filing lines, below it the
    /// signature and notes.
    pub paragraphs: Vec<usize>,
    /// Rows that open a table of a Word document after its first (0-based, ascending):
    /// a table split across pages continues there, maybe with the rest of a row that
    /// broke at the page.
    pub table_starts: Vec<usize>,
    /// Rows hidden on the sheet (by hand, a filter or a collapsed outline; xlsx), 0-based,
    /// ascending.
    pub hidden_rows: Vec<u32>,
    /// Columns hidden on the sheet (xlsx, xls, ODS), 0-based, ascending: last round's
    /// pair of columns kept out of sight beside this round's.
    pub hidden_cols: Vec<u32>,
    /// The text of the page's header and footer (an xlsx sheet's print header, a Word
    /// document's header parts), one line per part: a letterhead may be the only place
    /// a return names its unit.
    pub page_header: String,
}

/// The rows and columns hidden on one sheet (0-based, ascending), as a format's
/// pre-scan finds them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HiddenLines {
    pub rows: Vec<u32>,
    pub cols: Vec<u32>,
}

/// A cell's comment: its text without the author line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// 0-based, absolute.
    pub row: u32,
    pub col: u32,
    pub text: String,
}

#[cfg(test)]
impl Grid {
    /// A Word document without a table in tests: one paragraph a line (an empty line an
    /// empty row), the sheet named 正文 as a Word return's.
    pub(crate) fn letter(lines: &[&str]) -> Grid {
        Grid {
            name: "正文".into(),
            rows: lines
                .iter()
                .map(|l| {
                    if l.is_empty() {
                        Vec::new()
                    } else {
                        vec![Cell::Text((*l).into())]
                    }
                })
                .collect(),
            paragraphs: (0..lines.len()).collect(),
            ..Grid::default()
        }
    }
}

impl Grid {
    /// The sheet with only columns `cols` from row `from` down (shifted to start at
    /// column 0); the rows above it whole (a title and 填报单位 line over two tables side
    /// by side belong to both). Row numbers are kept.
    pub fn columns_below(&self, from: usize, cols: std::ops::Range<usize>) -> Grid {
        let rows = self
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                if r < from {
                    row.clone()
                } else {
                    row.get(cols.start..cols.end.min(row.len()))
                        .map(<[Cell]>::to_vec)
                        .unwrap_or_default()
                }
            })
            .collect();
        let (start, end) = (cols.start as u32, cols.end as u32);
        let merges = self
            .merges
            .iter()
            .filter_map(|m| {
                if (m.last_row as usize) < from {
                    return Some(*m);
                }
                (m.first_row as usize >= from && m.first_col >= start && m.last_col < end).then(
                    || Merge {
                        first_col: m.first_col - start,
                        last_col: m.last_col - start,
                        ..*m
                    },
                )
            })
            .collect();
        let comments = self
            .comments
            .iter()
            .filter_map(|c| {
                if (c.row as usize) < from {
                    return Some(c.clone());
                }
                (c.col >= start && c.col < end).then(|| Comment {
                    col: c.col - start,
                    ..c.clone()
                })
            })
            .collect();
        Grid {
            name: self.name.clone(),
            rows,
            merges,
            hidden: self.hidden,
            comments,
            paragraphs: self.paragraphs.clone(),
            table_starts: self.table_starts.clone(),
            hidden_rows: self.hidden_rows.clone(),
            hidden_cols: self
                .hidden_cols
                .iter()
                .filter(|&&c| c >= start && c < end)
                .map(|c| c - start)
                .collect(),
            page_header: self.page_header.clone(),
        }
    }

    /// Whether row `r` (0-based) is hidden on the sheet.
    pub fn row_hidden(&self, r: usize) -> bool {
        u32::try_from(r).is_ok_and(|r| self.hidden_rows.binary_search(&r).is_ok())
    }

    /// Take the rows and columns a pre-scan found hidden.
    pub fn set_hidden(&mut self, lines: HiddenLines) {
        self.hidden_rows = lines.rows;
        self.hidden_cols = lines.cols;
    }

    /// Whether column `c` (0-based) is hidden on the sheet.
    pub fn col_hidden(&self, c: usize) -> bool {
        u32::try_from(c).is_ok_and(|c| self.hidden_cols.binary_search(&c).is_ok())
    }

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

    /// The comment on cell (r, c), or on the top-left cell of the merge containing it.
    pub fn comment(&self, r: usize, c: usize) -> Option<&str> {
        let (r, c) = match self.merge_at(r, c) {
            Some(m) => (m.first_row as usize, m.first_col as usize),
            None => (r, c),
        };
        self.comments
            .iter()
            .find(|k| k.row as usize == r && k.col as usize == c)
            .map(|k| k.text.as_str())
    }

    /// The first comment on row `r`, if any.
    pub fn row_comment(&self, r: usize) -> Option<&str> {
        self.comments
            .iter()
            .find(|k| k.row as usize == r)
            .map(|k| k.text.as_str())
    }

    /// Whether row `r` is a paragraph of a Word document (not a table row).
    pub fn is_paragraph(&self, r: usize) -> bool {
        self.paragraphs.binary_search(&r).is_ok()
    }

    /// The checklist marker, if this is our marker sheet.
    pub fn marker(&self) -> Option<Marker> {
        Marker::from_sheet(&self.name, self.height(), |r, c| self.cell(r, c).text())
    }

    /// Number of rows (Excel's last used row).
    pub fn height(&self) -> usize {
        self.rows.len()
    }

    /// Width of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The number of cells stored on row `r` (trailing empty cells are not; 0 past the
    /// last row).
    pub fn row_len(&self, r: usize) -> usize {
        self.rows.get(r).map_or(0, Vec::len)
    }

    /// The non-empty cells of row `r`, left to right.
    pub fn filled_cells(&self, r: usize) -> impl Iterator<Item = &Cell> {
        self.rows
            .get(r)
            .into_iter()
            .flatten()
            .filter(|c| !c.is_empty())
    }

    /// Whether row `r` has no non-empty cell.
    pub fn row_is_empty(&self, r: usize) -> bool {
        self.rows
            .get(r)
            .is_none_or(|row| row.iter().all(Cell::is_empty))
    }

    /// Row `r`'s texts, each on one line, joined by spaces; a text repeated in the next
    /// cell (a merge written out) is given once.
    pub fn row_text(&self, r: usize) -> String {
        let mut parts: Vec<String> = Vec::new();
        for c in 0..self.row_len(r) {
            let t = one_line(&self.cell(r, c).text_ref());
            if !t.is_empty() && parts.last() != Some(&t) {
                parts.push(t);
            }
        }
        parts.join(" ")
    }

    /// Row `r`'s first non-empty text, on one line.
    pub fn first_text(&self, r: usize) -> String {
        (0..self.row_len(r))
            .map(|c| one_line(&self.cell(r, c).text_ref()))
            .find(|t| !t.is_empty())
            .unwrap_or_default()
    }
}

/// Resource limits for reading one file: configured in plan.toml's `[limits]`.
pub use crate::plan::meta::Limits;
