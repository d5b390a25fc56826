//! The list sheets' writer: a header row and one row per item, each column defined
//! once (header, how it is written, width bounds, and how its cell is read from an
//! item), frozen header, filter, status colours and notes.

use std::borrow::Cow;

use chrono::NaiveDate;
use rust_xlsxwriter::{
    ConditionalFormatCell, ConditionalFormatCellRule, Note, Worksheet, XlsxError,
};

use super::layout::{column_width, print_setup, row_height, Styles};
use crate::model::{Ledger, Severity, Status};
use crate::render::xlsx_common::{display_width, excel_date, text_cow, Measure};

/// How a list column is written.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Kind {
    /// Wrapped text, left aligned.
    Text,
    /// Short text, centred.
    Center,
    Number,
    Date,
}

/// What a list row is made from: one item (a task, a unit, a report …) and the ledger.
pub(super) struct Row<'a, T> {
    pub ledger: &'a Ledger,
    pub item: T,
}

/// One list column: header, kind, width bounds, its cell of a row, and optionally a
/// highlight of its data cells and a note on its header.
pub(super) struct Column<'a, T> {
    pub header: &'static str,
    pub kind: Kind,
    pub min: f64,
    pub max: f64,
    pub cell: fn(&Row<'a, T>) -> ListCell<'a>,
    pub highlight: Option<Highlight>,
    pub note: Option<String>,
}

/// Which data cells of a column are coloured.
#[derive(Clone, Copy)]
pub(super) enum Highlight {
    /// A status: completed green, not started orange.
    Status,
    /// A severity: errors red, warnings orange.
    Severity,
    /// Red where the cell reads this.
    Red(&'static str),
    /// A warning light: 红灯 red, 黄灯 yellow, 绿灯 green.
    Light,
}

impl<'a, T> Column<'a, T> {
    pub fn highlight(self, highlight: Highlight) -> Self {
        Column {
            highlight: Some(highlight),
            ..self
        }
    }

    pub fn note(self, note: String) -> Self {
        Column {
            note: Some(note),
            ..self
        }
    }
}

/// A column definition (a table of these is a sheet's layout).
pub(super) fn col<'a, T>(
    header: &'static str,
    kind: Kind,
    min: f64,
    max: f64,
    cell: fn(&Row<'a, T>) -> ListCell<'a>,
) -> Column<'a, T> {
    Column {
        header,
        kind,
        min,
        max,
        cell,
        highlight: None,
        note: None,
    }
}

/// The value of one cell of a list sheet.
pub(super) enum ListCell<'a> {
    Text(Cow<'a, str>),
    Number(f64),
    Date(Option<NaiveDate>),
}

/// A text cell.
pub(super) fn t<'a>(s: impl Into<Cow<'a, str>>) -> ListCell<'a> {
    ListCell::Text(s.into())
}

/// A number cell.
pub(super) fn num<'a>(n: impl Into<f64>) -> ListCell<'a> {
    ListCell::Number(n.into())
}

impl ListCell<'_> {
    /// Display width of the widest line shown (text sanitised and capped; numbers and
    /// dates as printed), for the column width.
    fn shown_width(&self) -> usize {
        match self {
            ListCell::Text(s) => Measure::of(&text_cow(s)).widest as usize,
            ListCell::Number(n) => n.to_string().len(),
            // 2020年12月31日
            ListCell::Date(Some(_)) => 15,
            ListCell::Date(None) => 0,
        }
    }
}

/// A list sheet: header at row 0, one data row per item.
///
/// Written in two passes over the rows: the first measures every column, so each
/// row's height is known when it is written; the second writes the rows in order,
/// which lets the long sheets use constant-memory worksheets (each row flushed to a
/// temporary file as the next begins) instead of holding 100,000+ rows of cells.
pub(super) struct List<'w> {
    pub ws: &'w mut Worksheet,
    styles: &'w Styles,
    columns: usize,
    widths: Vec<f64>,
    /// Data rows written.
    pub row: u32,
}

impl<'w> List<'w> {
    /// Write the header and a row for every item `rows()` yields (it is called twice).
    pub fn write<'a, T, I>(
        ws: &'w mut Worksheet,
        name: &str,
        cols: &[Column<'a, T>],
        styles: &'w Styles,
        rows: impl Fn() -> I,
    ) -> Result<List<'w>, XlsxError>
    where
        I: Iterator<Item = Row<'a, T>>,
    {
        ws.set_name(name)?;
        let widths = measure_widths(cols, rows());
        for (c, &w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, w)?;
        }
        // Viewers do not grow rows for wrapped text on opening: set the heights, each
        // before its row is written.
        let headers = cols.iter().map(|c| Measure::of(c.header));
        ws.set_row_height(0, height(headers, &widths))?;
        for (c, col) in cols.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, col.header, &styles.header)?;
        }
        let mut list = List {
            ws,
            styles,
            columns: cols.len(),
            widths: widths.clone(),
            row: 0,
        };
        for row in rows() {
            list.row += 1;
            let cells: Vec<ListCell> = cols.iter().map(|c| (c.cell)(&row)).collect();
            list.write_row(cols, &cells, &widths)?;
        }
        list.highlights(cols)?;
        for (c, col) in cols.iter().enumerate() {
            if let Some(note) = &col.note {
                list.note(c, note)?;
            }
        }
        Ok(list)
    }

    /// Every column's highlight, in column order (rule priority follows it).
    fn highlights<T>(&mut self, cols: &[Column<'_, T>]) -> Result<(), XlsxError> {
        let st = self.styles;
        for (c, col) in cols.iter().enumerate() {
            match col.highlight {
                Some(Highlight::Status) => {
                    self.colour_where(c, Status::Completed.label(), &st.green)?;
                    self.colour_where(c, Status::NotStarted.label(), &st.orange)?;
                }
                Some(Highlight::Severity) => {
                    self.colour_where(c, Severity::Error.label(), &st.red)?;
                    self.colour_where(c, Severity::Warning.label(), &st.orange)?;
                }
                Some(Highlight::Red(value)) => self.colour_where(c, value, &st.red)?,
                Some(Highlight::Light) => {
                    use crate::model::Light;
                    self.colour_where(c, Light::Red.label(), &st.red)?;
                    self.colour_where(c, Light::Yellow.label(), &st.orange)?;
                    self.colour_where(c, Light::Green.label(), &st.green)?;
                }
                None => {}
            }
        }
        Ok(())
    }

    /// One data row (at `self.row`), its height set first.
    fn write_row<T>(
        &mut self,
        cols: &[Column<'_, T>],
        cells: &[ListCell],
        widths: &[f64],
    ) -> Result<(), XlsxError> {
        let (r, st) = (self.row, self.styles);
        let texts: Vec<Cow<str>> = cells
            .iter()
            .map(|cell| match cell {
                ListCell::Text(s) => text_cow(s),
                _ => Cow::Borrowed(""),
            })
            .collect();
        let measures = texts.iter().map(|s| Measure::of(s));
        self.ws.set_row_height(r, height(measures, widths))?;
        for (c, (cell, shown)) in cells.iter().zip(texts).enumerate() {
            let c16 = c as u16;
            match cell {
                ListCell::Text(_) => {
                    let fmt = if cols[c].kind == Kind::Text {
                        &st.text
                    } else {
                        &st.center
                    };
                    self.ws.write_string_with_format(r, c16, shown, fmt)?;
                }
                ListCell::Number(n) => {
                    self.ws.write_number_with_format(r, c16, *n, &st.number)?;
                }
                ListCell::Date(d) => match d.and_then(excel_date) {
                    Some(dt) => {
                        self.ws.write_datetime_with_format(r, c16, &dt, &st.date)?;
                    }
                    None => {
                        self.ws.write_blank(r, c16, &st.date)?;
                    }
                },
            }
        }
        Ok(())
    }

    /// Frozen header, autofilter, print setup.
    pub fn finish(self, page_title: &str) -> Result<(), XlsxError> {
        let last_col = (self.columns - 1) as u16;
        self.ws.set_freeze_panes(1, 0)?;
        self.ws.autofilter(0, 0, self.row, last_col)?;
        print_setup(self.ws, page_title, Some(0), &self.widths)?;
        Ok(())
    }

    fn colour_where(
        &mut self,
        col: usize,
        value: &str,
        fmt: &rust_xlsxwriter::Format,
    ) -> Result<(), XlsxError> {
        if self.row == 0 {
            return Ok(());
        }
        let c = col as u16;
        self.ws.add_conditional_format(
            1,
            c,
            self.row,
            c,
            &ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::EqualTo(value))
                .set_format(fmt),
        )?;
        Ok(())
    }

    /// A note on a column's header.
    fn note(&mut self, col: usize, note: &str) -> Result<(), XlsxError> {
        let note = Note::new(note)
            .set_author("说明")
            .add_author_prefix(false)
            .set_width(320)
            .set_height(90);
        self.ws.insert_note(0, col as u16, &note)?;
        Ok(())
    }
}

/// Pass 1: the width of every column. A column stops being measured once it reaches
/// its widest bound (a progress column does at its first long text).
fn measure_widths<'a, T>(
    cols: &[Column<'a, T>],
    rows: impl Iterator<Item = Row<'a, T>>,
) -> Vec<f64> {
    let mut widest: Vec<usize> = cols.iter().map(|c| display_width(c.header)).collect();
    let full = |c: usize, w: usize| column_width(w, cols[c].min, cols[c].max) >= cols[c].max;
    let mut open: Vec<usize> = (0..cols.len()).filter(|&c| !full(c, widest[c])).collect();
    for row in rows {
        if open.is_empty() {
            break;
        }
        for &c in &open {
            widest[c] = widest[c].max((cols[c].cell)(&row).shown_width());
        }
        open.retain(|&c| !full(c, widest[c]));
    }
    cols.iter()
        .zip(&widest)
        .map(|(col, &w)| column_width(w, col.min, col.max))
        .collect()
}

/// The height of a row whose cells measure `measures` in columns of `widths`.
fn height(measures: impl Iterator<Item = Measure>, widths: &[f64]) -> f64 {
    let lines = measures
        .zip(widths)
        .map(|(m, &w)| m.wrapped_lines(w))
        .max()
        .unwrap_or(1);
    row_height(lines)
}
