//! The list sheets' writer: a header row and one row per item, each column defined
//! once (header, how it is written, width bounds, and how its cell is read from an
//! item), frozen header, filter, status colours and notes.

use std::borrow::Cow;

use chrono::NaiveDate;
use rust_xlsxwriter::{
    ConditionalFormatCell, ConditionalFormatCellRule, Format, Note, Worksheet, XlsxError,
};

use super::layout::{column_width, print_setup, row_height, stopped, Styles, PRINT_MARGIN_IN};
use crate::model::{Ledger, Severity, Status};
use crate::render::line_break::line_count;
use crate::render::xlsx_common::{display_width, excel_date, fit_widths, text_cow, Measure};

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
    /// Printed (the print area ends before the first column that is not; such
    /// columns come last).
    pub on_paper: bool,
    /// The plan's text (重点任务, 具体举措, the units): written as it is, wrapped by
    /// the viewer; its row is sized for its lines (`line_break::line_count`) with a
    /// line in hand.
    pub plan_text: bool,
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

    /// The plan's own text: never broken by hand (a clerk filters, searches and copies
    /// it whole), its row sized with a line in hand for the viewer's wrapping.
    pub fn plan_text(self) -> Self {
        Column {
            plan_text: true,
            ..self
        }
    }

    /// Left out of the print (for a column that a sheet on paper can do without).
    pub fn off_paper(self) -> Self {
        Column {
            on_paper: false,
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
        on_paper: true,
        plan_text: false,
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
    styles: &'w Styles<'w>,
    columns: usize,
    /// Columns printed (the first ones).
    printed: usize,
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
        styles: &'w Styles<'w>,
        rows: impl Fn() -> I,
    ) -> Result<List<'w>, XlsxError>
    where
        I: Iterator<Item = Row<'a, T>>,
    {
        if styles.stop_now() {
            return Err(stopped());
        }
        ws.set_name(name)?;
        let mut widths = measure_widths(cols, rows());
        // One page wide where it can be: the printed columns narrowed toward their
        // minimums until they fit at 9 pt (`xlsx_common::fit_widths`), never narrower
        // than their headers, which would wrap mid-word.
        let printed = cols.iter().take_while(|c| c.on_paper).count();
        let mins: Vec<f64> = cols[..printed]
            .iter()
            .map(|c| column_width(display_width(c.header), c.min, c.max))
            .collect();
        fit_widths(&mut widths[..printed], &mins, PRINT_MARGIN_IN);
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
            printed,
            widths: widths.clone(),
            row: 0,
        };
        for row in rows() {
            list.row += 1;
            // A list stops when the workbook need not be finished (asked every 64 rows:
            // an atomic load).
            if list.row.is_multiple_of(64) && styles.stop_now() {
                return Err(stopped());
            }
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
    ///
    /// rust_xlsxwriter finds a cell's style by hashing its whole `Format`, which was a
    /// quarter of a long list's cost when done for every cell. So the first cell is
    /// written with its format (that starts the row: in a constant-memory sheet a row
    /// must begin with a written cell, or the format call below would make a row the
    /// sheet then drops), the others without, and each run of neighbouring cells that
    /// share a format gets it in one `set_range_format`: a lookup per run. The cells
    /// and their styles are the ones writing each cell with its format gives (a test
    /// holds the sheet to that, byte for byte).
    fn write_row<T>(
        &mut self,
        cols: &[Column<'_, T>],
        cells: &[ListCell],
        widths: &[f64],
    ) -> Result<(), XlsxError> {
        let r = self.row;
        let texts: Vec<Cow<str>> = cells
            .iter()
            .map(|cell| match cell {
                ListCell::Text(s) => text_cow(s),
                _ => Cow::Borrowed(""),
            })
            .collect();
        let lines = texts.iter().zip(cols).zip(widths).map(|((s, col), &w)| {
            if col.plan_text {
                // A line in hand for a viewer whose lines are taller than 15 pt
                // (LibreOffice's CJK fonts run to 16).
                let n = line_count(s, w);
                n + n / 3
            } else {
                Measure::of(s).wrapped_lines(w)
            }
        });
        self.ws
            .set_row_height(r, row_height(lines.max().unwrap_or(1)))?;
        let mut run: Option<(u16, &Format)> = None;
        for (c, (cell, shown)) in cells.iter().zip(texts).enumerate() {
            let c16 = c as u16;
            let fmt = self.styles.of(cols[c].kind, cell);
            if c == 0 {
                write_cell(self.ws, r, c16, cell, shown, Some(fmt))?;
                continue;
            }
            write_cell(self.ws, r, c16, cell, shown, None)?;
            match run {
                Some((_, f)) if std::ptr::eq(f, fmt) => {}
                _ => {
                    if let Some((first, f)) = run {
                        self.ws.set_range_format(r, first, r, c16 - 1, f)?;
                    }
                    run = Some((c16, fmt));
                }
            }
        }
        if let Some((first, f)) = run {
            let last = (cells.len() - 1) as u16;
            self.ws.set_range_format(r, first, r, last, f)?;
        }
        Ok(())
    }

    /// Frozen header, autofilter, print setup.
    pub fn finish(self, page_title: &str) -> Result<(), XlsxError> {
        let last_col = (self.columns - 1) as u16;
        self.ws.set_freeze_panes(1, 0)?;
        self.ws.autofilter(0, 0, self.row, last_col)?;
        print_setup(self.ws, page_title, Some(0), &self.widths[..self.printed])?;
        if self.printed < self.columns {
            self.ws
                .set_print_area(0, 0, self.row, (self.printed - 1) as u16)?;
        }
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

impl Styles<'_> {
    /// The format of a list cell of a column of `kind`.
    fn of(&self, kind: Kind, cell: &ListCell) -> &Format {
        match cell {
            ListCell::Text(_) if kind == Kind::Text => &self.text,
            ListCell::Text(_) => &self.center,
            ListCell::Number(_) => &self.number,
            ListCell::Date(_) => &self.date,
        }
    }
}

/// Write one list cell (`shown`: its text as sanitised), with `fmt` or without a format.
/// An empty text or a missing date writes nothing without a format, a blank with one.
fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &ListCell,
    shown: Cow<str>,
    fmt: Option<&Format>,
) -> Result<(), XlsxError> {
    match (cell, fmt) {
        (ListCell::Text(_), Some(f)) => ws.write_string_with_format(r, c, shown, f)?,
        (ListCell::Text(_), None) => ws.write_string(r, c, shown)?,
        (ListCell::Number(n), Some(f)) => ws.write_number_with_format(r, c, *n, f)?,
        (ListCell::Number(n), None) => ws.write_number(r, c, *n)?,
        (ListCell::Date(d), _) => match (d.and_then(excel_date), fmt) {
            (Some(dt), Some(f)) => ws.write_datetime_with_format(r, c, &dt, f)?,
            (Some(dt), None) => ws.write_datetime(r, c, &dt)?,
            (None, Some(f)) => ws.write_blank(r, c, f)?,
            (None, None) => ws,
        },
    };
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};

    fn columns() -> Vec<Column<'static, ()>> {
        let kinds = [
            Kind::Text,
            Kind::Text,
            Kind::Center,
            Kind::Number,
            Kind::Date,
            Kind::Date,
            Kind::Text,
            Kind::Center,
        ];
        kinds
            .into_iter()
            .map(|k| col("列", k, 6.0, 30.0, |_: &Row<'static, ()>| t("")))
            .collect()
    }

    fn rows() -> Vec<Vec<ListCell<'static>>> {
        let day = NaiveDate::from_ymd_opt(2020, 12, 5);
        vec![
            vec![
                t("区水利局"),
                t("已完成"),
                t("是"),
                num(3),
                ListCell::Date(day),
                ListCell::Date(None),
                t(""),
                t("否"),
            ],
            // An empty first cell, an empty text and a missing date between others.
            vec![
                t(""),
                t(""),
                t("否"),
                num(4.5),
                ListCell::Date(None),
                ListCell::Date(day),
                t("第二行\n两行"),
                t(""),
            ],
            // Cells of every kind in a column of another kind.
            vec![
                ListCell::Date(None),
                num(1),
                ListCell::Date(day),
                t("文本"),
                t(""),
                num(2),
                ListCell::Date(None),
                ListCell::Date(None),
            ],
            // A row that starts with empty cells of two formats.
            vec![
                t(""),
                t(""),
                t(""),
                num(7),
                ListCell::Date(None),
                ListCell::Date(None),
                t("末"),
                t(""),
            ],
            // A row with nothing in it.
            (0..8).map(|_| t("")).collect(),
        ]
    }

    /// The workbook a list of `rows` makes, each row written by `write`.
    fn book(
        constant_memory: bool,
        write: impl Fn(&mut List, &[Column<'static, ()>], &[ListCell]),
    ) -> Vec<u8> {
        let mut wb = Workbook::new();
        let created = ExcelDateTime::from_ymd(2020, 12, 10).unwrap();
        wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
        let styles = Styles::new();
        let mut ws = if constant_memory {
            wb.new_worksheet_with_constant_memory().unwrap()
        } else {
            Worksheet::new()
        };
        let cols = columns();
        let mut list = List {
            ws: &mut ws,
            styles: &styles,
            columns: cols.len(),
            printed: cols.len(),
            widths: vec![12.0; cols.len()],
            row: 0,
        };
        for cells in rows() {
            list.row += 1;
            write(&mut list, &cols, &cells);
        }
        list.finish("测试").unwrap();
        wb.push_worksheet(ws);
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn a_format_per_run_writes_what_a_format_per_cell_writes() {
        for constant_memory in [true, false] {
            let per_run = book(constant_memory, |list, cols, cells| {
                list.write_row(cols, cells, &[12.0; 8]).unwrap()
            });
            // The old way: every cell written with its own format.
            let per_cell = book(constant_memory, |list, cols, cells| {
                let measures = cells.iter().map(|cell| match cell {
                    ListCell::Text(s) => Measure::of(&text_cow(s)),
                    _ => Measure::of(""),
                });
                let r = list.row;
                list.ws
                    .set_row_height(r, height(measures, &[12.0; 8]))
                    .unwrap();
                for (c, cell) in cells.iter().enumerate() {
                    let shown = match cell {
                        ListCell::Text(s) => text_cow(s),
                        _ => Cow::Borrowed(""),
                    };
                    let fmt = list.styles.of(cols[c].kind, cell);
                    write_cell(list.ws, r, c as u16, cell, shown, Some(fmt)).unwrap();
                }
            });
            assert!(per_run == per_cell, "constant memory: {constant_memory}");
        }
    }
}
