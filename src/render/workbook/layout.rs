//! How the workbook looks: sheet names, its title, the cell formats, column widths and
//! row heights, and the print setup every sheet shares.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use crate::model::Ledger;
use crate::render::xlsx_common::{
    print_width, text, BODY_PT, DATE_FORMAT, FONT, PAGE_FOOTER, PAPER_A4,
};

/// Sheet names, in workbook order.
pub const SHEET_SUMMARY: &str = "总体情况";
pub const SHEET_TASKS: &str = "任务台账";
/// Only when the ledger is compared with a previous round.
pub const SHEET_COMPARE: &str = "进展对比";
pub const SHEET_UNITS: &str = "单位报送情况";
pub const SHEET_REPORTS: &str = "报送明细";
pub const SHEET_PROBLEMS: &str = "问题清单";
pub const SHEET_UNPLACED: &str = "未归集数据";

/// The left and right print margins, in inches (7.6 mm: room for the columns, within
/// what office printers print).
pub(super) const PRINT_MARGIN_IN: f64 = 0.3;
/// The top and bottom print margins, in inches.
pub(super) const PRINT_MARGIN_V_IN: f64 = 0.75;
/// The height of a row left at its default, in points.
pub(super) const DEFAULT_ROW_PT: f64 = 15.0;

/// Widest a wrapped text column grows, in Excel width units (about 25 Chinese characters):
/// wide enough to read, narrow enough that a page-wide print stays legible.
pub(super) const WIDE: f64 = 50.0;

/// The workbook's title (document properties, the summary sheet, page headers).
pub(super) fn workbook_title(ledger: &Ledger) -> String {
    // …整改方案 + 整改台账汇总表 would say 整改 twice.
    let title = &ledger.plan.title;
    let stem = title.strip_suffix("整改方案").unwrap_or(title);
    format!("{stem}整改台账汇总表")
}

/// Excel width units for a measured display width.
pub(super) fn column_width(measured: usize, min: f64, max: f64) -> f64 {
    let w = measured as f64 * 1.1 + 2.0;
    (w.max(min).min(max) * 10.0).round() / 10.0
}

/// Row height in points for `lines` lines of 11-point text (Excel's maximum is 409).
pub(super) fn row_height(lines: usize) -> f64 {
    (lines as f64 * 15.0 + 3.0).min(409.0)
}

/// A4 landscape, one page wide when body text stays at 9 pt or more (else across pages
/// with the first column repeated, `xlsx_common::print_width`), header rows repeated,
/// page numbers.
pub(super) fn print_setup(
    ws: &mut Worksheet,
    page_title: &str,
    repeat_row: Option<u32>,
    widths: &[f64],
) -> Result<(), XlsxError> {
    ws.set_paper_size(PAPER_A4);
    ws.set_landscape();
    ws.set_margins(
        PRINT_MARGIN_IN,
        PRINT_MARGIN_IN,
        PRINT_MARGIN_V_IN,
        PRINT_MARGIN_V_IN,
        0.3,
        0.3,
    );
    print_width(ws, widths, PRINT_MARGIN_IN, 1)?;
    if let Some(r) = repeat_row {
        ws.set_repeat_rows(0, r)?;
    }
    // "&" starts a header code: double it in user text. The header holds 255 characters.
    let title: String = crate::common::text::excerpt(&text(page_title), 80).replace('&', "&&");
    ws.set_header(format!("&C{title}"));
    ws.set_footer(PAGE_FOOTER);
    Ok(())
}

/// The cell formats of the workbook, and when to stop writing it.
pub(super) struct Styles<'s> {
    pub title: Format,
    pub subtitle: Format,
    pub section: Format,
    pub header: Format,
    pub text: Format,
    /// A note under a table: wrapped, top-aligned, no border.
    pub note: Format,
    pub center: Format,
    pub number: Format,
    pub date: Format,
    pub percent: Format,
    pub total_text: Format,
    pub total_number: Format,
    pub total_rate: Format,
    pub red: Format,
    pub orange: Format,
    pub green: Format,
    /// Asked as long lists are written: `true` when the workbook need not be finished
    /// (the last run's stands: `output::LedgerKeyed`).
    stop: Option<&'s (dyn Fn() -> bool + Sync)>,
}

impl<'s> Styles<'s> {
    /// The same formats, the workbook stopped as soon as `stop` says so.
    pub fn stopping_when<'t>(self, stop: &'t (dyn Fn() -> bool + Sync)) -> Styles<'t> {
        Styles {
            stop: Some(stop),
            ..self
        }
    }

    /// Whether to stop writing (the error that does it: [`stopped`]).
    pub fn stop_now(&self) -> bool {
        self.stop.is_some_and(|stop| stop())
    }
}

/// The error a workbook stops with when [`Styles::stop_now`] says so (never shown: the
/// output then stands as the last run left it).
pub(super) fn stopped() -> rust_xlsxwriter::XlsxError {
    rust_xlsxwriter::XlsxError::IoError(std::io::Error::new(
        std::io::ErrorKind::Interrupted,
        "superseded",
    ))
}

impl Styles<'static> {
    pub fn new() -> Styles<'static> {
        let cell = Format::new()
            .set_font_name(FONT)
            .set_font_size(BODY_PT)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let total = cell.clone().set_bold().set_background_color("F2F2F2");
        let centred = |f: &Format| f.clone().set_align(FormatAlign::Center);
        Styles {
            title: Format::new()
                .set_font_name(FONT)
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: Format::new()
                .set_font_name(FONT)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            section: Format::new()
                .set_font_name(FONT)
                .set_bold()
                .set_font_size(12),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color("D9E1F2"),
            text: cell.clone().set_text_wrap(),
            note: Format::new()
                .set_font_name(FONT)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            center: cell.clone().set_text_wrap().set_align(FormatAlign::Center),
            number: centred(&cell),
            date: centred(&cell).set_num_format(DATE_FORMAT),
            percent: centred(&cell).set_num_format("0.0%"),
            total_text: centred(&total),
            total_number: centred(&total),
            total_rate: centred(&total).set_num_format("0.0%"),
            red: Format::new()
                .set_font_color("9C0006")
                .set_background_color("FFC7CE"),
            orange: Format::new()
                .set_font_color("9C5700")
                .set_background_color("FFEB9C"),
            green: Format::new()
                .set_font_color("006100")
                .set_background_color("C6EFCE"),
            stop: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_widths_grow_within_bounds() {
        assert_eq!(column_width(8, 6.0, 60.0), 10.8);
        assert_eq!(column_width(200, 6.0, 60.0), 60.0);
        assert_eq!(column_width(0, 6.0, 60.0), 6.0);
    }
}
