//! The summary workbook (整改台账汇总表.xlsx): the ledger as six sheets, written with
//! rust_xlsxwriter. Reads only the ledger.
//!
//! Rules kept here: every text cell is written with `write_string` (a unit's
//! "=HYPERLINK(…)" stays text), values not formulas, strings sanitised and capped at
//! Excel's 32,767 characters, column widths measured with unicode-width (autofit is
//! short for CJK), and a fixed creation date (the ledger's `as_of`) so two runs give
//! byte-identical files.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartFormat, ChartLegendPosition, ChartSolidFill, ChartType, Color,
    ConditionalFormatCell, ConditionalFormatCellRule, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Note, Workbook, Worksheet, XlsxError,
};
use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

use crate::model::Status;
use crate::model::{Code, Severity};
use crate::model::{Ledger, TaskEntry};

/// The file `rectify run` writes beside ledger.json.
pub const FILE_NAME: &str = "整改台账汇总表.xlsx";

/// Sheet names, in workbook order.
pub const SHEET_SUMMARY: &str = "总体情况";
pub const SHEET_TASKS: &str = "任务台账";
pub const SHEET_UNITS: &str = "单位报送情况";
pub const SHEET_REPORTS: &str = "报送明细";
pub const SHEET_PROBLEMS: &str = "问题清单";
pub const SHEET_UNPLACED: &str = "未归集数据";

/// Excel's limit for one cell, in UTF-16 code units.
const MAX_CELL: usize = 32_767;
const TRUNCATED: &str = "…（内容过长，已截断）";
const DATE_FORMAT: &str = "yyyy\"年\"m\"月\"d\"日\"";
/// Widest a wrapped text column grows, in Excel width units (about 25 Chinese characters):
/// wide enough to read, narrow enough that a page-wide print stays legible.
const WIDE: f64 = 50.0;
const PAPER_A4: u8 = 9;

/// Headers of the list sheets.
pub const TASK_HEADERS: [&str; 13] = [
    "序号",
    "重点任务",
    "具体举措",
    "完成时限",
    "牵头单位",
    "责任单位",
    "配合单位",
    "完成情况",
    "是否逾期",
    "进展情况",
    "已报送单位",
    "未报送单位",
    "最近填报日期",
];
pub const UNIT_HEADERS: [&str; 8] = [
    "单位",
    "类别",
    "应报任务数",
    "已报",
    "未报任务序号",
    "已完成",
    "来源文件",
    "最近填报日期",
];
pub const REPORT_HEADERS: [&str; 12] = [
    "序号",
    "单位",
    "角色",
    "状态",
    "原文状态",
    "进展",
    "完成时间",
    "填报日期",
    "是否被覆盖",
    "来源文件",
    "工作表",
    "行号",
];
pub const PROBLEM_HEADERS: [&str; 6] = ["严重程度", "代码", "文件", "工作表", "行", "说明"];
pub const UNPLACED_HEADERS: [&str; 10] = [
    "文件",
    "工作表",
    "行号",
    "原因",
    "代码",
    "单位",
    "序号（原文）",
    "具体举措（原文）",
    "状态（原文）",
    "进展（原文）",
];

/// The workbook as bytes.
pub fn workbook_bytes(ledger: &Ledger) -> Result<Vec<u8>, XlsxError> {
    let mut buf = Vec::new();
    write_workbook(ledger, &mut buf)?;
    Ok(buf)
}

/// Write the workbook to `out` as it is zipped (`run` streams it to a staged file: at
/// city scale it is tens of MB that need not sit in memory).
pub fn write_workbook(ledger: &Ledger, out: impl std::io::Write + Send) -> Result<(), XlsxError> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    // Fast deflate: the detail sheets hold tens of MB of XML at city scale; level 1
    // costs ~10% in size and saves most of the time.
    wb.set_zip_compression_level(1);
    let created = excel_date(ledger.as_of).unwrap_or_default();
    wb.set_properties(
        &DocProperties::new()
            .set_title(text(&workbook_title(ledger)))
            .set_author(text(&ledger.plan.collector))
            .set_company(text(&ledger.plan.collector_full))
            .set_creation_datetime(&created),
    );

    // The detail lists can run to 100,000+ rows at city scale: constant-memory
    // worksheets send their rows to a temporary file as they are written, with inline
    // strings. The sheets are filled in parallel (the two long lists each on their own
    // task) and added in a fixed order.
    let [mut reports, mut problems, mut unplaced] = list_sheets(&mut wb, &styles);
    let (short, (reports_done, rest_done)) = rayon::join(
        || -> Result<[Worksheet; 3], XlsxError> {
            let mut sheets = [Worksheet::new(), Worksheet::new(), Worksheet::new()];
            summary_sheet(&mut sheets[0], ledger, &styles)?;
            tasks_sheet(&mut sheets[1], ledger, &styles)?;
            units_sheet(&mut sheets[2], ledger, &styles)?;
            Ok(sheets)
        },
        || {
            rayon::join(
                || reports_sheet(&mut reports, ledger, &styles),
                || {
                    problems_sheet(&mut problems, ledger, &styles)?;
                    unplaced_sheet(&mut unplaced, ledger, &styles)
                },
            )
        },
    );
    reports_done?;
    rest_done?;
    for sheet in short? {
        wb.push_worksheet(sheet);
    }
    wb.push_worksheet(reports);
    wb.push_worksheet(problems);
    wb.push_worksheet(unplaced);

    wb.save_to_writer(out)
}

/// The three list worksheets: constant-memory ones, or, when no temporary file can be
/// made (an unwritable temporary folder), ordinary ones, which hold their rows in memory
/// but write the same sheets.
fn list_sheets(wb: &mut Workbook, st: &Styles) -> [Worksheet; 3] {
    let constant = (|| -> Result<[Worksheet; 3], XlsxError> {
        let sheets = [
            wb.new_worksheet_with_constant_memory()?,
            wb.new_worksheet_with_constant_memory()?,
            wb.new_worksheet_with_constant_memory()?,
        ];
        register_list_formats(wb, st)?;
        Ok(sheets)
    })();
    constant.unwrap_or_else(|_| [Worksheet::new(), Worksheet::new(), Worksheet::new()])
}

/// Constant-memory worksheets share the workbook's format table, where a format gets
/// its index on first use. Registering every format the lists write, in a fixed order,
/// before the lists are filled in parallel keeps the indices (and so the file) the
/// same from run to run: the fill threads only look formats up.
fn register_list_formats(wb: &mut Workbook, st: &Styles) -> Result<(), XlsxError> {
    let mut scratch = wb.new_worksheet_with_constant_memory()?;
    for (c, fmt) in [&st.header, &st.text, &st.center, &st.number, &st.date]
        .into_iter()
        .enumerate()
    {
        scratch.write_blank(0, c as u16, fmt)?;
    }
    Ok(())
}

fn workbook_title(ledger: &Ledger) -> String {
    format!("{}整改台账汇总表", ledger.plan.title)
}

// ---------------------------------------------------------------------------
// Cells, formats and widths

/// Sanitise for XML and cap at Excel's cell limit.
pub(crate) fn text(s: &str) -> String {
    text_cow(s).into_owned()
}

/// [`text`] without a copy when the text needs no change (the usual case).
fn text_cow(s: &str) -> Cow<'_, str> {
    let s = crate::common::text::sanitized(s);
    // UTF-16 length never exceeds UTF-8 length: short texts need no count.
    if s.len() <= MAX_CELL || s.encode_utf16().count() <= MAX_CELL {
        return s;
    }
    let budget = MAX_CELL - TRUNCATED.encode_utf16().count();
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        used += c.len_utf16();
        if used > budget {
            break;
        }
        out.push(c);
    }
    out.push_str(TRUNCATED);
    Cow::Owned(out)
}

pub(crate) fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

/// Display width of the widest line, counting a CJK character as two.
pub(crate) fn display_width(s: &str) -> usize {
    Measure::of(s).widest as usize
}

/// Display width of one character: ASCII and CJK ideographs directly (most of the
/// text), everything else through unicode-width.
fn char_width(c: char) -> usize {
    match c {
        ' '..='~' => 1,
        '\u{4E00}'..='\u{9FFF}' => 2,
        _ => UnicodeWidthChar::width(c).unwrap_or(0),
    }
}

/// Excel width units for a measured display width.
fn column_width(measured: usize, min: f64, max: f64) -> f64 {
    let w = measured as f64 * 1.1 + 2.0;
    (w.max(min).min(max) * 10.0).round() / 10.0
}

/// Row height in points for `lines` lines of 11-point text (Excel's maximum is 409).
fn row_height(lines: usize) -> f64 {
    (lines as f64 * 15.0 + 3.0).min(409.0)
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "是"
    } else {
        "否"
    }
}

fn join(items: &[String], sep: &str) -> String {
    items.join(sep)
}

fn join_ids(ids: &[u32]) -> String {
    ids.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join("、")
}

struct Styles {
    title: Format,
    subtitle: Format,
    section: Format,
    header: Format,
    text: Format,
    center: Format,
    number: Format,
    date: Format,
    percent: Format,
    rate: Format,
    total_text: Format,
    total_number: Format,
    total_rate: Format,
    red: Format,
    orange: Format,
    green: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let total = cell.clone().set_bold().set_background_color("F2F2F2");
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: Format::new().set_align(FormatAlign::Center),
            section: Format::new().set_bold().set_font_size(12),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color("D9E1F2"),
            text: cell.clone().set_text_wrap(),
            center: cell.clone().set_text_wrap().set_align(FormatAlign::Center),
            number: cell.clone().set_align(FormatAlign::Center),
            date: cell
                .clone()
                .set_align(FormatAlign::Center)
                .set_num_format(DATE_FORMAT),
            percent: cell
                .clone()
                .set_align(FormatAlign::Center)
                .set_num_format("0.0%"),
            rate: cell
                .clone()
                .set_align(FormatAlign::Center)
                .set_num_format("0.0\"%\""),
            total_text: total.clone().set_align(FormatAlign::Center),
            total_number: total.clone().set_align(FormatAlign::Center),
            total_rate: total.set_align(FormatAlign::Center).set_num_format("0.0%"),
            red: Format::new()
                .set_font_color("9C0006")
                .set_background_color("FFC7CE"),
            orange: Format::new()
                .set_font_color("9C5700")
                .set_background_color("FFEB9C"),
            green: Format::new()
                .set_font_color("006100")
                .set_background_color("C6EFCE"),
        }
    }
}

/// How a list column is written.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Wrapped text, left aligned.
    Text,
    /// Short text, centred.
    Center,
    Number,
    Date,
}

/// One list column: header, kind and width bounds.
struct Col {
    header: &'static str,
    kind: Kind,
    min: f64,
    max: f64,
}

const fn col(header: &'static str, kind: Kind, min: f64, max: f64) -> Col {
    Col {
        header,
        kind,
        min,
        max,
    }
}

enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(f64),
    Date(Option<NaiveDate>),
}

fn t<'a>(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
    Cell::Text(s.into())
}

fn num<'a>(n: impl Into<f64>) -> Cell<'a> {
    Cell::Number(n.into())
}

impl Cell<'_> {
    /// Display width of the widest line shown (text sanitised and capped; numbers and
    /// dates as printed), for the column width.
    fn shown_width(&self) -> usize {
        match self {
            Cell::Text(s) => Measure::of(&text_cow(s)).widest as usize,
            Cell::Number(n) => n.to_string().len(),
            // 2020年12月31日
            Cell::Date(Some(_)) => 15,
            Cell::Date(None) => 0,
        }
    }
}

/// What widths and row heights need of a cell's text: its display width, the width
/// of its widest line and its number of lines.
#[derive(Debug, Clone, Copy, Default)]
struct Measure {
    width: u32,
    widest: u32,
    lines: u16,
}

impl Measure {
    fn of(s: &str) -> Measure {
        if s.is_empty() {
            return Measure::default();
        }
        let (mut width, mut widest, mut line, mut lines) = (0usize, 0usize, 0usize, 1usize);
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // Fast paths on the bytes: printable ASCII, and U+5000–U+9FFF (lead bytes
            // E5–E9, all CJK unified ideographs); anything else is decoded.
            let (w, len) = match b[i] {
                b'\n' => {
                    widest = widest.max(line);
                    line = 0;
                    lines += 1;
                    i += 1;
                    continue;
                }
                b' '..=b'~' => (1, 1),
                0xE5..=0xE9 => (2, 3),
                _ => {
                    let c = s[i..].chars().next().unwrap_or(' ');
                    (char_width(c), c.len_utf8())
                }
            };
            width += w;
            line += w;
            i += len;
        }
        widest = widest.max(line);
        Measure {
            width: width.min(u32::MAX as usize) as u32,
            widest: widest.min(u32::MAX as usize) as u32,
            lines: lines.min(u16::MAX as usize) as u16,
        }
    }

    /// Lines the text takes in a column of `width`: its width wrapped, plus its own
    /// line breaks (at least the lines the text itself would take).
    fn wrapped_lines(self, width: f64) -> usize {
        let per_line = ((width - 2.0) / 1.1).max(2.0);
        let wrapped = (self.width as f64 / per_line).ceil().max(1.0) as usize;
        wrapped + (self.lines as usize).saturating_sub(1)
    }
}

/// A list sheet: header at row 0, one data row per item.
///
/// Written in two passes over the rows: the first measures every column, so each
/// row's height is known when it is written; the second writes the rows in order,
/// which lets the long sheets use constant-memory worksheets (each row flushed to a
/// temporary file as the next begins) instead of holding 100,000+ rows of cells.
struct List<'a> {
    ws: &'a mut Worksheet,
    styles: &'a Styles,
    cols: &'a [Col],
    /// Data rows written.
    row: u32,
}

impl<'a> List<'a> {
    /// Write the header and every row `rows()` yields (it is called twice).
    fn write<'r, I>(
        ws: &'a mut Worksheet,
        name: &str,
        cols: &'a [Col],
        styles: &'a Styles,
        rows: impl Fn() -> I,
    ) -> Result<List<'a>, XlsxError>
    where
        I: Iterator<Item = Vec<Cell<'r>>>,
    {
        ws.set_name(name)?;
        // Pass 1: widths. A column stops being measured once it reaches its widest
        // bound (a progress column does at its first long text).
        let mut widest: Vec<usize> = cols.iter().map(|c| display_width(c.header)).collect();
        let full = |c: usize, w: usize| column_width(w, cols[c].min, cols[c].max) >= cols[c].max;
        let mut open: Vec<usize> = (0..cols.len()).filter(|&c| !full(c, widest[c])).collect();
        for cells in rows() {
            debug_assert_eq!(cells.len(), cols.len());
            if open.is_empty() {
                break;
            }
            for &c in &open {
                widest[c] = widest[c].max(cells[c].shown_width());
            }
            open.retain(|&c| !full(c, widest[c]));
        }
        let widths: Vec<f64> = cols
            .iter()
            .zip(&widest)
            .map(|(col, &w)| column_width(w, col.min, col.max))
            .collect();
        for (c, &w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, w)?;
        }
        // Viewers do not grow rows for wrapped text on opening: set the heights, each
        // before its row is written.
        let height = |measures: &mut dyn Iterator<Item = Measure>| {
            let lines = measures
                .zip(&widths)
                .map(|(m, &w)| m.wrapped_lines(w))
                .max()
                .unwrap_or(1);
            row_height(lines)
        };
        ws.set_row_height(0, height(&mut cols.iter().map(|c| Measure::of(c.header))))?;
        for (c, col) in cols.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, col.header, &styles.header)?;
        }
        // Pass 2: rows.
        let mut r = 0u32;
        for cells in rows() {
            r += 1;
            let texts: Vec<Cow<str>> = cells
                .iter()
                .map(|cell| match cell {
                    Cell::Text(s) => text_cow(s),
                    _ => Cow::Borrowed(""),
                })
                .collect();
            ws.set_row_height(r, height(&mut texts.iter().map(|s| Measure::of(s))))?;
            for (c, (cell, shown)) in cells.iter().zip(texts).enumerate() {
                let c16 = c as u16;
                match cell {
                    Cell::Text(_) => {
                        let fmt = if cols[c].kind == Kind::Text {
                            &styles.text
                        } else {
                            &styles.center
                        };
                        ws.write_string_with_format(r, c16, shown, fmt)?;
                    }
                    Cell::Number(n) => {
                        ws.write_number_with_format(r, c16, *n, &styles.number)?;
                    }
                    Cell::Date(d) => match d.and_then(excel_date) {
                        Some(dt) => {
                            ws.write_datetime_with_format(r, c16, &dt, &styles.date)?;
                        }
                        None => {
                            ws.write_blank(r, c16, &styles.date)?;
                        }
                    },
                }
            }
        }
        Ok(List {
            ws,
            styles,
            cols,
            row: r,
        })
    }

    /// Frozen header, autofilter, print setup.
    fn finish(self, page_title: &str) -> Result<(), XlsxError> {
        let last_col = (self.cols.len() - 1) as u16;
        self.ws.set_freeze_panes(1, 0)?;
        self.ws.autofilter(0, 0, self.row, last_col)?;
        print_setup(self.ws, page_title, Some(0))?;
        Ok(())
    }

    /// Status colours on a column of the data rows.
    fn status_colours(&mut self, col: usize) -> Result<(), XlsxError> {
        if self.row == 0 {
            return Ok(());
        }
        let c = col as u16;
        for (value, fmt) in [
            (Status::Completed.label(), &self.styles.green),
            (Status::NotStarted.label(), &self.styles.orange),
        ] {
            self.ws.add_conditional_format(
                1,
                c,
                self.row,
                c,
                &ConditionalFormatCell::new()
                    .set_rule(ConditionalFormatCellRule::EqualTo(value))
                    .set_format(fmt),
            )?;
        }
        Ok(())
    }

    /// Red where a column reads `value`.
    fn red_where(&mut self, col: usize, value: &str) -> Result<(), XlsxError> {
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
                .set_format(&self.styles.red),
        )?;
        Ok(())
    }

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

/// A4 landscape, one page wide, header rows repeated, page numbers.
fn print_setup(
    ws: &mut Worksheet,
    page_title: &str,
    repeat_row: Option<u32>,
) -> Result<(), XlsxError> {
    ws.set_paper_size(PAPER_A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    if let Some(r) = repeat_row {
        ws.set_repeat_rows(0, r)?;
    }
    // "&" starts a header code: double it in user text. The header holds 255 characters.
    let title: String = crate::common::text::excerpt(&text(page_title), 80).replace('&', "&&");
    ws.set_header(format!("&C{title}"));
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

// ---------------------------------------------------------------------------
// 总体情况

/// A short label for a 重点任务 (`一、科学施策,有效…` → `一、科学施策`), for the chart axis.
pub fn category_short(category: &str) -> String {
    let s = category.trim();
    let cut = s
        .find([',', '，', '；', ';', '。'])
        .map(|i| &s[..i])
        .unwrap_or(s);
    crate::common::text::excerpt(cut, 12)
}

fn status_colour(s: Status) -> &'static str {
    match s {
        Status::Completed => "70AD47",
        Status::Ongoing => "5B9BD5",
        Status::InProgress => "FFC000",
        Status::NotStarted => "ED7D31",
        Status::Unreported => "A5A5A5",
        Status::Unclear => "7030A0",
    }
}

/// The 重点任务 in plan order, then any a task names that the plan list lacks.
fn categories(ledger: &Ledger) -> Vec<String> {
    let mut out: Vec<String> = ledger.plan.categories.clone();
    for t in &ledger.tasks {
        if !out.contains(&t.category) {
            out.push(t.category.clone());
        }
    }
    out
}

fn count_status(tasks: &[&TaskEntry], s: Status) -> u32 {
    tasks.iter().filter(|t| t.status == s).count() as u32
}

fn summary_sheet(ws: &mut Worksheet, ledger: &Ledger, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name(SHEET_SUMMARY)?;
    let sum = &ledger.summary;
    // Columns: A 重点任务 / 指标, B 简称 / 数值, C.. counts.
    let last_col: u16 = 11;
    let title = workbook_title(ledger);
    ws.merge_range(0, 0, 0, last_col, &text(&title), &st.title)?;
    ws.set_row_height(0, 30)?;
    let sub = format!(
        "统计截止：{}    应报送单位 {} 个，已报送 {} 个    读取文件 {} 个，读取失败 {} 个，跳过 {} 个",
        crate::common::dates::render_date(ledger.as_of),
        sum.units_expected,
        sum.units_reported,
        sum.files_read,
        sum.files_failed,
        sum.files_skipped,
    );
    ws.merge_range(1, 0, 1, last_col, &text(&sub), &st.subtitle)?;

    // 一、主要指标
    let mut r: u32 = 3;
    ws.write_string_with_format(r, 0, "一、主要指标", &st.section)?;
    r += 1;
    ws.write_string_with_format(r, 0, "指标", &st.header)?;
    ws.write_string_with_format(r, 1, "数值", &st.header)?;
    ws.merge_range(r, 2, r, last_col, "说明", &st.header)?;
    let indicators: Vec<(&str, f64, &Format, String)> = vec![
        (
            "任务总数",
            sum.total.into(),
            &st.number,
            "整改方案确定的具体举措".into(),
        ),
        (
            "已完成",
            sum.completed.into(),
            &st.number,
            "牵头单位（无牵头单位时为责任单位）均报送“已完成”的任务".into(),
        ),
        (
            "完成率",
            sum.completion_rate,
            &st.rate,
            format!("计算口径：{}", sum.completion_basis),
        ),
        (
            "逾期任务",
            sum.overdue.into(),
            &st.number,
            format!(
                "完成时限早于统计截止日（{}）且未完成的任务",
                crate::common::dates::render_date(ledger.as_of)
            ),
        ),
        (
            "应报送单位",
            sum.units_expected.into(),
            &st.number,
            "有任务分工、应报送进展的单位".into(),
        ),
        (
            "已报送单位",
            sum.units_reported.into(),
            &st.number,
            "报送了至少一项任务进展的单位".into(),
        ),
        (
            "报送数据行",
            sum.records.into(),
            &st.number,
            "各报送表中读取的数据行".into(),
        ),
        (
            "错误 / 警告",
            f64::NAN,
            &st.number,
            format!(
                "错误 {} 条，警告 {} 条，详见“{}”工作表",
                sum.errors, sum.warnings, SHEET_PROBLEMS
            ),
        ),
    ];
    for (label, value, fmt, note) in indicators {
        r += 1;
        ws.write_string_with_format(r, 0, label, &st.text)?;
        if value.is_nan() {
            ws.write_string_with_format(
                r,
                1,
                format!("{} / {}", sum.errors, sum.warnings),
                &st.center,
            )?;
        } else {
            ws.write_number_with_format(r, 1, value, fmt)?;
        }
        ws.merge_range(r, 2, r, last_col, &text(&note), &st.text)?;
    }

    // 二、按完成情况统计
    r += 2;
    ws.write_string_with_format(r, 0, "二、按完成情况统计", &st.section)?;
    r += 1;
    for (c, h) in ["完成情况", "任务数", "占比"].iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &st.header)?;
    }
    let status_first = r + 1;
    let all: Vec<&TaskEntry> = ledger.tasks.iter().collect();
    let total = all.len() as u32;
    for s in Status::ALL {
        r += 1;
        let n = count_status(&all, s);
        ws.write_string_with_format(r, 0, s.label(), &st.text)?;
        ws.write_number_with_format(r, 1, n, &st.number)?;
        ws.write_number_with_format(r, 2, share(n, total), &st.percent)?;
    }
    let status_last = r;
    r += 1;
    ws.write_string_with_format(r, 0, "合计", &st.total_text)?;
    ws.write_number_with_format(r, 1, total, &st.total_number)?;
    ws.write_number_with_format(r, 2, share(total, total), &st.total_rate)?;

    // 三、按重点任务统计
    r += 2;
    ws.write_string_with_format(r, 0, "三、按重点任务统计", &st.section)?;
    r += 1;
    let mut headers: Vec<&str> = vec!["重点任务", "简称", "任务数"];
    headers.extend(Status::ALL.iter().map(|s| s.label()));
    headers.extend(["逾期", "完成率"]);
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &st.header)?;
    }
    let cats = categories(ledger);
    let cat_first = r + 1;
    let mut widest_category = display_width("重点任务");
    let mut widest_short = display_width("简称");
    for cat in &cats {
        r += 1;
        let tasks: Vec<&TaskEntry> = ledger.tasks.iter().filter(|t| &t.category == cat).collect();
        let n = tasks.len() as u32;
        let cat_text = text(cat);
        widest_category = widest_category.max(display_width(&cat_text));
        ws.write_string_with_format(r, 0, &cat_text, &st.text)?;
        let short = text(&category_short(cat));
        widest_short = widest_short.max(display_width(&short));
        ws.write_string_with_format(r, 1, &short, &st.center)?;
        ws.write_number_with_format(r, 2, n, &st.number)?;
        for (i, s) in Status::ALL.into_iter().enumerate() {
            ws.write_number_with_format(r, 3 + i as u16, count_status(&tasks, s), &st.number)?;
        }
        let overdue = tasks.iter().filter(|t| t.overdue).count() as u32;
        ws.write_number_with_format(r, 9, overdue, &st.number)?;
        let done = count_status(&tasks, Status::Completed);
        ws.write_number_with_format(r, 10, share(done, n), &st.percent)?;
    }
    let cat_last = r;
    r += 1;
    ws.write_string_with_format(r, 0, "合计", &st.total_text)?;
    ws.write_string_with_format(r, 1, "", &st.total_text)?;
    ws.write_number_with_format(r, 2, total, &st.total_number)?;
    for (i, s) in Status::ALL.into_iter().enumerate() {
        ws.write_number_with_format(r, 3 + i as u16, count_status(&all, s), &st.total_number)?;
    }
    let overdue_all = ledger.tasks.iter().filter(|t| t.overdue).count() as u32;
    ws.write_number_with_format(r, 9, overdue_all, &st.total_number)?;
    ws.write_number_with_format(
        r,
        10,
        share(count_status(&all, Status::Completed), total),
        &st.total_rate,
    )?;

    // Widths: A holds the 重点任务 names (wrapped), the rest short numbers.
    ws.set_column_width(0, column_width(widest_category, 12.0, 40.0))?;
    ws.set_column_width(1, column_width(widest_short, 12.0, 30.0))?;
    for c in 2..=last_col {
        ws.set_column_width(c, 10)?;
    }

    // Charts below the tables.
    r += 2;
    let chart_row = r;
    if cat_last >= cat_first {
        let mut chart = Chart::new(ChartType::ColumnStacked);
        for (i, s) in Status::ALL.into_iter().enumerate() {
            let c = 3 + i as u16;
            chart
                .add_series()
                .set_name((SHEET_SUMMARY, cat_first - 1, c))
                .set_categories((SHEET_SUMMARY, cat_first, 1, cat_last, 1))
                .set_values((SHEET_SUMMARY, cat_first, c, cat_last, c))
                .set_format(&mut fill(status_colour(s)))
                .set_gap(60);
        }
        chart.title().set_name("各重点任务完成情况");
        chart.x_axis().set_name("重点任务");
        chart.y_axis().set_name("任务数");
        chart.legend().set_position(ChartLegendPosition::Bottom);
        chart.set_width(720).set_height(400);
        ws.insert_chart(chart_row, 0, &chart)?;
    }
    if total > 0 {
        let mut pie = Chart::new(ChartType::Pie);
        let points: Vec<rust_xlsxwriter::ChartPoint> = Status::ALL
            .into_iter()
            .map(|s| rust_xlsxwriter::ChartPoint::new().set_format(&mut fill(status_colour(s))))
            .collect();
        pie.add_series()
            .set_name("任务数")
            .set_categories((SHEET_SUMMARY, status_first, 0, status_last, 0))
            .set_values((SHEET_SUMMARY, status_first, 1, status_last, 1))
            .set_points(&points)
            .set_data_label(
                ChartDataLabel::new()
                    .show_value()
                    .show_percentage()
                    .set_separator('\n'),
            );
        pie.title().set_name("任务完成情况分布");
        pie.legend().set_position(ChartLegendPosition::Right);
        pie.set_width(480).set_height(400);
        ws.insert_chart(chart_row, 6, &pie)?;
    }

    print_setup(ws, &title, None)?;
    ws.set_print_fit_to_pages(1, 1);
    Ok(())
}

fn fill(rgb: &str) -> ChartFormat {
    let mut format = ChartFormat::new();
    format.set_solid_fill(ChartSolidFill::new().set_color(Color::from(rgb)));
    format
}

/// n ÷ total as a fraction (0 when there is nothing to divide).
fn share(n: u32, total: u32) -> f64 {
    if total == 0 {
        0.0
    } else {
        f64::from(n) / f64::from(total)
    }
}

// ---------------------------------------------------------------------------
// 任务台账

/// 进展情况: every current report, one paragraph each, with its unit.
pub fn merged_progress(task: &TaskEntry) -> String {
    let mut parts = Vec::new();
    for r in task.current_reports() {
        let status = if r.status_text.trim().is_empty() {
            r.status.label().to_string()
        } else {
            crate::common::text::one_line(&r.status_text)
        };
        let progress = r.progress.trim();
        let progress = if progress.is_empty() {
            "（未填写进展）"
        } else {
            progress
        };
        parts.push(format!(
            "{}（{}，{}）：{}",
            r.unit,
            r.role.label(),
            status,
            progress
        ));
    }
    parts.join("\n")
}

/// Units with a current report on the task, first appearance order.
fn reporting_units(task: &TaskEntry) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in task.current_reports() {
        if !out.contains(&r.unit) {
            out.push(r.unit.clone());
        }
    }
    out
}

/// Units that owe a report on the task and have none (any role), in unit order.
fn missing_units(ledger: &Ledger, task: &TaskEntry) -> Vec<String> {
    ledger
        .units
        .iter()
        .filter(|u| u.missing.contains(&task.id))
        .map(|u| u.name.clone())
        .collect()
}

fn assigned(written: &str, units: &[String]) -> String {
    if written.trim().is_empty() {
        join(units, "、")
    } else {
        written.to_string()
    }
}

const TASK_COLS: [Col; 13] = [
    col(TASK_HEADERS[0], Kind::Number, 6.0, 6.0),
    col(TASK_HEADERS[1], Kind::Text, 12.0, 16.0),
    col(TASK_HEADERS[2], Kind::Text, 20.0, 40.0),
    col(TASK_HEADERS[3], Kind::Text, 12.0, 14.0),
    col(TASK_HEADERS[4], Kind::Text, 10.0, 16.0),
    col(TASK_HEADERS[5], Kind::Text, 10.0, 18.0),
    col(TASK_HEADERS[6], Kind::Text, 10.0, 18.0),
    col(TASK_HEADERS[7], Kind::Center, 10.0, 10.0),
    col(TASK_HEADERS[8], Kind::Center, 10.0, 10.0),
    col(TASK_HEADERS[9], Kind::Text, 20.0, WIDE),
    col(TASK_HEADERS[10], Kind::Text, 12.0, 18.0),
    col(TASK_HEADERS[11], Kind::Text, 12.0, 20.0),
    col(TASK_HEADERS[12], Kind::Date, 17.0, 17.0),
];

fn tasks_sheet(ws: &mut Worksheet, ledger: &Ledger, st: &Styles) -> Result<(), XlsxError> {
    let rows = || {
        ledger.tasks.iter().map(|task| {
            let last_filed = task.current_reports().filter_map(|r| r.filed_on).max();
            vec![
                num(task.id),
                t(&task.category),
                t(&task.measure),
                t(&task.deadline.text),
                t(assigned(&task.assigned_text.lead, &task.lead)),
                t(assigned(&task.assigned_text.responsible, &task.responsible)),
                t(assigned(&task.assigned_text.cooperating, &task.cooperating)),
                t(task.status.label()),
                t(yes_no(task.overdue)),
                t(merged_progress(task)),
                t(join(&reporting_units(task), "、")),
                t(join(&missing_units(ledger, task), "、")),
                Cell::Date(last_filed),
            ]
        })
    };
    let mut list = List::write(ws, SHEET_TASKS, &TASK_COLS, st, rows)?;
    list.status_colours(7)?;
    list.red_where(8, "是")?;
    list.note(
        7,
        "按从严口径汇总：牵头单位（无牵头单位时为责任单位）均报送“已完成”才计为已完成；否则取其中最滞后的状态。",
    )?;
    list.note(
        11,
        "有任务分工（牵头、责任、配合）但尚未报送该任务进展的单位。",
    )?;
    list.finish(&format!("{}——{}", workbook_title(ledger), SHEET_TASKS))
}

// ---------------------------------------------------------------------------
// 单位报送情况

const UNIT_COLS: [Col; 8] = [
    col(UNIT_HEADERS[0], Kind::Text, 12.0, 30.0),
    col(UNIT_HEADERS[1], Kind::Center, 10.0, 14.0),
    col(UNIT_HEADERS[2], Kind::Number, 8.0, 12.0),
    col(UNIT_HEADERS[3], Kind::Number, 8.0, 10.0),
    col(UNIT_HEADERS[4], Kind::Text, 14.0, 40.0),
    col(UNIT_HEADERS[5], Kind::Number, 8.0, 10.0),
    col(UNIT_HEADERS[6], Kind::Text, 16.0, 50.0),
    col(UNIT_HEADERS[7], Kind::Date, 17.0, 17.0),
];

/// 已完成 of a unit: tasks on which its current report says completed.
pub fn unit_completed(ledger: &Ledger, unit: &str) -> u32 {
    ledger
        .tasks
        .iter()
        .filter(|t| {
            t.current_reports()
                .any(|r| r.unit == unit && r.status == Status::Completed)
        })
        .count() as u32
}

fn units_sheet(ws: &mut Worksheet, ledger: &Ledger, st: &Styles) -> Result<(), XlsxError> {
    let rows = || {
        ledger.units.iter().map(|u| {
            vec![
                t(&u.name),
                t(u.kind.label()),
                num(u.expected.len() as u32),
                num(u.reported.len() as u32),
                t(join_ids(&u.missing)),
                num(unit_completed(ledger, &u.name)),
                t(join(&u.files, "\n")),
                Cell::Date(u.last_filed_on),
            ]
        })
    };
    let mut list = List::write(ws, SHEET_UNITS, &UNIT_COLS, st, rows)?;
    list.note(3, "该单位报送了进展的任务数（含未分配给该单位的任务）。")?;
    list.note(
        5,
        "该单位当前有效的报送中，完成状态为“已完成”的任务数（不含已被后报内容覆盖的报送）。",
    )?;
    list.finish(&format!("{}——{}", workbook_title(ledger), SHEET_UNITS))
}

// ---------------------------------------------------------------------------
// 报送明细

const REPORT_COLS: [Col; 12] = [
    col(REPORT_HEADERS[0], Kind::Number, 6.0, 8.0),
    col(REPORT_HEADERS[1], Kind::Text, 12.0, 30.0),
    col(REPORT_HEADERS[2], Kind::Center, 8.0, 10.0),
    col(REPORT_HEADERS[3], Kind::Center, 10.0, 12.0),
    col(REPORT_HEADERS[4], Kind::Text, 10.0, 24.0),
    col(REPORT_HEADERS[5], Kind::Text, 20.0, WIDE),
    col(REPORT_HEADERS[6], Kind::Date, 17.0, 17.0),
    col(REPORT_HEADERS[7], Kind::Date, 17.0, 17.0),
    col(REPORT_HEADERS[8], Kind::Center, 10.0, 12.0),
    col(REPORT_HEADERS[9], Kind::Text, 16.0, 40.0),
    col(REPORT_HEADERS[10], Kind::Text, 10.0, 20.0),
    col(REPORT_HEADERS[11], Kind::Number, 6.0, 8.0),
];

fn reports_sheet(ws: &mut Worksheet, ledger: &Ledger, st: &Styles) -> Result<(), XlsxError> {
    let rows = || {
        ledger.tasks.iter().flat_map(|task| {
            task.reports.iter().map(move |r| {
                vec![
                    num(task.id),
                    t(&r.unit),
                    t(r.role.label()),
                    t(r.status.label()),
                    t(&r.status_text),
                    t(&r.progress),
                    Cell::Date(r.completed_on),
                    Cell::Date(r.filed_on),
                    t(yes_no(r.superseded)),
                    t(&r.source.file),
                    t(&r.source.sheet),
                    num(r.source.row),
                ]
            })
        })
    };
    let mut list = List::write(ws, SHEET_REPORTS, &REPORT_COLS, st, rows)?;
    list.status_colours(3)?;
    list.note(
        8,
        "同一单位对同一任务多次报送时，以填报日期最晚的为准，其余标记为“是”。",
    )?;
    list.finish(&format!("{}——{}", workbook_title(ledger), SHEET_REPORTS))
}

// ---------------------------------------------------------------------------
// 问题清单

const PROBLEM_COLS: [Col; 6] = [
    col(PROBLEM_HEADERS[0], Kind::Center, 10.0, 10.0),
    col(PROBLEM_HEADERS[1], Kind::Text, 12.0, 24.0),
    col(PROBLEM_HEADERS[2], Kind::Text, 16.0, 40.0),
    col(PROBLEM_HEADERS[3], Kind::Text, 10.0, 20.0),
    col(PROBLEM_HEADERS[4], Kind::Number, 6.0, 8.0),
    col(PROBLEM_HEADERS[5], Kind::Text, 30.0, WIDE),
];

fn problems_sheet(ws: &mut Worksheet, ledger: &Ledger, st: &Styles) -> Result<(), XlsxError> {
    let rows = || {
        ledger.problems.iter().map(|p| {
            vec![
                t(p.severity.label()),
                t(p.code.as_str()),
                t(&p.file),
                t(p.sheet.as_deref().unwrap_or("")),
                match p.row {
                    Some(r) => num(r),
                    None => t(""),
                },
                t(&p.message),
            ]
        })
    };
    let mut list = List::write(ws, SHEET_PROBLEMS, &PROBLEM_COLS, st, rows)?;
    list.red_where(0, Severity::Error.label())?;
    if list.row > 0 {
        let rows = list.row;
        list.ws.add_conditional_format(
            1,
            0,
            rows,
            0,
            &ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::EqualTo(
                    Severity::Warning.label(),
                ))
                .set_format(&st.orange),
        )?;
    }
    list.note(
        0,
        "错误：数据未被采用，需核实后重新报送或手工处理；警告：数据已采用，请核对；提示：仅作记录。",
    )?;
    list.finish(&format!("{}——{}", workbook_title(ledger), SHEET_PROBLEMS))
}

// ---------------------------------------------------------------------------
// 未归集数据

/// Why a row could not be placed, in words.
pub fn unplaced_reason(code: Code) -> &'static str {
    match code {
        Code::UnitUnknown => "无法识别填报单位",
        Code::TaskUnknown => "序号不在整改方案中",
        Code::TaskUnmatched => "无法对应到整改任务",
        _ => "未能归集",
    }
}

const UNPLACED_COLS: [Col; 10] = [
    col(UNPLACED_HEADERS[0], Kind::Text, 16.0, 40.0),
    col(UNPLACED_HEADERS[1], Kind::Text, 10.0, 20.0),
    col(UNPLACED_HEADERS[2], Kind::Number, 6.0, 8.0),
    col(UNPLACED_HEADERS[3], Kind::Text, 14.0, 24.0),
    col(UNPLACED_HEADERS[4], Kind::Text, 12.0, 20.0),
    col(UNPLACED_HEADERS[5], Kind::Text, 10.0, 24.0),
    col(UNPLACED_HEADERS[6], Kind::Center, 8.0, 12.0),
    col(UNPLACED_HEADERS[7], Kind::Text, 20.0, 40.0),
    col(UNPLACED_HEADERS[8], Kind::Text, 10.0, 16.0),
    col(UNPLACED_HEADERS[9], Kind::Text, 20.0, WIDE),
];

fn unplaced_sheet(ws: &mut Worksheet, ledger: &Ledger, st: &Styles) -> Result<(), XlsxError> {
    let rows = || {
        ledger.unplaced.iter().map(|u| {
            vec![
                t(&u.source.file),
                t(&u.source.sheet),
                num(u.source.row),
                t(unplaced_reason(u.code)),
                t(u.code.as_str()),
                t(u.unit.as_deref().unwrap_or("")),
                t(&u.id_text),
                t(&u.measure_text),
                t(&u.status_text),
                t(&u.progress),
            ]
        })
    };
    let mut list = List::write(ws, SHEET_UNPLACED, &UNPLACED_COLS, st, rows)?;
    list.note(
        3,
        "这些数据行已读取，但无法对应到单位或整改任务，未计入任务台账，请人工核对后归集。",
    )?;
    list.finish(&format!("{}——{}", workbook_title(ledger), SHEET_UNPLACED))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_caps_at_excel_limit() {
        let long = "测".repeat(40_000);
        let capped = text(&long);
        assert!(capped.encode_utf16().count() <= MAX_CELL);
        assert!(capped.ends_with(TRUNCATED));
        // Astral characters count two UTF-16 units.
        let astral = "𠀀".repeat(20_000);
        assert!(text(&astral).encode_utf16().count() <= MAX_CELL);
        assert_eq!(text("a\u{1}b"), "ab");
    }

    #[test]
    fn widths_count_cjk_double() {
        assert_eq!(display_width("区水利局"), 8);
        assert_eq!(display_width("ab\n区水利局局"), 10);
        assert_eq!(column_width(8, 6.0, 60.0), 10.8);
        assert_eq!(column_width(200, 6.0, 60.0), 60.0);
        assert_eq!(column_width(0, 6.0, 60.0), 6.0);
    }

    #[test]
    fn short_category() {
        assert_eq!(
            category_short("一、科学施策,有效降低农业农村污染"),
            "一、科学施策"
        );
        assert_eq!(
            category_short("六、不断健全水污染防治保障体系"),
            "六、不断健全水污染防治保…"
        );
    }
}
