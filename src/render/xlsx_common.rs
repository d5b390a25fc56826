//! What the two xlsx writers share (the summary workbook and the checklist form): text
//! made safe for a cell, dates as Excel dates, display widths that count a CJK
//! character as two, and the print settings both use.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::ExcelDateTime;
use unicode_width::UnicodeWidthChar;

/// Excel's limit for one cell, in UTF-16 code units.
pub(crate) const MAX_CELL: usize = 32_767;
/// What ends a text cut at [`MAX_CELL`].
pub(crate) const TRUNCATED: &str = "…（内容过长，已截断）";
/// Dates as Chinese documents write them: 2020年9月30日.
pub(crate) const DATE_FORMAT: &str = "yyyy\"年\"m\"月\"d\"日\"";
/// Excel's paper size code for A4.
pub(crate) const PAPER_A4: u8 = 9;
/// The printed page footer: 第 1 页，共 3 页.
pub(crate) const PAGE_FOOTER: &str = "&C第 &P 页，共 &N 页";

/// The font of every cell both writers format (Chinese text prints in 宋体, not Calibri).
pub(crate) const FONT: &str = "宋体";
/// Body text size in points.
pub(crate) const BODY_PT: f64 = 11.0;
/// The smallest size body text may print at (a signed paper copy must be legible).
pub(crate) const MIN_PRINT_PT: f64 = 9.0;
/// A4 landscape width in points.
const A4_LANDSCAPE_PT: f64 = 841.89;
/// A4 landscape height (portrait width) in points.
const A4_PORTRAIT_WIDTH_PT: f64 = 595.28;

/// A column of `width` Excel units in points (Calibri 11 default font: 7 px per unit
/// plus 5 px padding, 96 px per inch).
pub(crate) fn column_points(width: f64) -> f64 {
    ((width * 7.0 + 0.5).trunc() + 5.0) * 0.75
}

/// The widest a sheet's columns may print one page wide on A4 landscape with left and
/// right margins of `margin_in` inches, in points at 100 %, with body text at
/// [`MIN_PRINT_PT`] or more, `slack` added to the scale for the viewer's own arithmetic.
fn one_page_points(margin_in: f64, slack: f64) -> f64 {
    printable_width(margin_in) / (MIN_PRINT_PT / BODY_PT + slack)
}

/// The width A4 landscape prints with left and right margins of `margin_in` inches.
fn printable_width(margin_in: f64) -> f64 {
    A4_LANDSCAPE_PT - 2.0 * 72.0 * margin_in
}

/// The slack [`print_width`] allows.
const PRINT_SLACK: f64 = 0.03;
/// The slack [`fit_widths`] narrows to: LibreOffice printed a sheet narrowed to the
/// print's slack at 8.8 pt (its columns come out a few per cent wider than Excel's 7 px
/// per unit).
const FIT_SLACK: f64 = 0.08;

fn total_points(widths: &[f64]) -> f64 {
    widths.iter().map(|w| column_points(*w)).sum()
}

/// The height of an A4 landscape page for rows, in row points, when columns `widths`
/// print one page wide (scaled down when wider than the page) with left and right
/// margins of `margin_in` inches and top and bottom ones of `margin_v_in`.
pub(crate) fn page_rows_points(widths: &[f64], margin_in: f64, margin_v_in: f64) -> f64 {
    let scale = (printable_width(margin_in) / total_points(widths)).min(1.0);
    (A4_PORTRAIT_WIDTH_PT - 2.0 * 72.0 * margin_v_in) / scale
}

/// Narrow `widths` so the columns print one page wide at [`MIN_PRINT_PT`] or more
/// ([`print_width`]): every column wider than its minimum in `mins` gives up the same
/// share of its room above it (wrapped text takes more lines instead). When the
/// minimums alone are too wide, the widths stay as they are and the sheet prints
/// across pages.
pub(crate) fn fit_widths(widths: &mut [f64], mins: &[f64], margin_in: f64) {
    let budget = one_page_points(margin_in, FIT_SLACK);
    let floors: Vec<f64> = widths.iter().zip(mins).map(|(w, m)| w.min(*m)).collect();
    if total_points(widths) <= budget || total_points(&floors) > budget {
        return;
    }
    let at = |share: f64| -> Vec<f64> {
        widths
            .iter()
            .zip(&floors)
            .map(|(w, f)| ((f + (w - f) * share) * 10.0).floor() / 10.0)
            .collect()
    };
    // The largest share of the room kept (to 1/1024) that fits.
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for _ in 0..10 {
        let mid = (lo + hi) / 2.0;
        if total_points(&at(mid)) <= budget {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    widths.copy_from_slice(&at(lo));
}

/// How a sheet of columns `widths` prints on A4 landscape with left and right margins
/// of `margin_in` inches: one page wide when that keeps body text at [`MIN_PRINT_PT`]
/// or more (with a little room for the viewer's own arithmetic), else at the scale
/// that keeps it there, running across pages with the first `key_cols` columns repeated.
pub(crate) fn print_width(
    ws: &mut rust_xlsxwriter::Worksheet,
    widths: &[f64],
    margin_in: f64,
    key_cols: u16,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let min_scale = MIN_PRINT_PT / BODY_PT;
    if total_points(widths) <= one_page_points(margin_in, PRINT_SLACK) {
        ws.set_print_fit_to_pages(1, 0);
    } else {
        ws.set_print_scale((min_scale * 100.0).ceil() as u16 + 1);
        if key_cols > 0 {
            ws.set_repeat_columns(0, key_cols - 1)?;
        }
        // Over, then down: a row's right-hand columns (the progress text) print on the
        // page after its left-hand ones, not after every left-hand page of the sheet.
        ws.set_page_order(false);
    }
    Ok(())
}

/// Sanitise for XML and cap at Excel's cell limit.
pub(crate) fn text(s: &str) -> String {
    text_cow(s).into_owned()
}

/// [`text`] without a copy when the text needs no change (the usual case).
pub(crate) fn text_cow(s: &str) -> Cow<'_, str> {
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

/// A date as an Excel date (none before year 0 or after 9999).
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
pub(crate) fn char_width(c: char) -> usize {
    match c {
        ' '..='~' => 1,
        '\u{4E00}'..='\u{9FFF}' => 2,
        _ => UnicodeWidthChar::width(c).unwrap_or(0),
    }
}

/// What widths and row heights need of a cell's text: its display width, the width
/// of its widest line and its number of lines.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Measure {
    pub width: u32,
    pub widest: u32,
    pub lines: u16,
}

impl Measure {
    pub fn of(s: &str) -> Measure {
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
    pub fn wrapped_lines(self, width: f64) -> usize {
        let per_line = ((width - 2.0) / 1.1).max(2.0);
        let wrapped = (self.width as f64 / per_line).ceil().max(1.0) as usize;
        wrapped + (self.lines as usize).saturating_sub(1)
    }
}

/// The body cell format every sheet builds on: 宋体 at body size, wrapped, centred
/// vertically.
pub fn base_format() -> rust_xlsxwriter::Format {
    use rust_xlsxwriter::{Format, FormatAlign};
    Format::new()
        .set_font_name(FONT)
        .set_font_size(BODY_PT)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

/// A sheet's title: 宋体 16 pt bold, centred, wrapped.
pub fn title_format() -> rust_xlsxwriter::Format {
    use rust_xlsxwriter::{Format, FormatAlign};
    Format::new()
        .set_font_name(FONT)
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_narrows_the_room_above_the_minimums_to_one_page() {
        let budget = one_page_points(0.3, FIT_SLACK);
        // Too wide: every column keeps the same share of its room above its minimum.
        let mut w = vec![6.0, 40.0, 12.0, 50.0, 30.0, 30.0];
        let mins = [6.0, 20.0, 10.0, 40.0, 10.0, 10.0];
        fit_widths(&mut w, &mins, 0.3);
        assert!(total_points(&w) <= budget);
        assert!(total_points(&w) > budget - 6.0 * 6.0, "{w:?}");
        assert!(w.iter().zip(&mins).all(|(w, m)| w >= m), "{w:?}");
        assert_eq!(w[0], 6.0);
        let share = |i: usize, from: f64| (w[i] - mins[i]) / (from - mins[i]);
        assert!((share(1, 40.0) - share(3, 50.0)).abs() < 0.05, "{w:?}");
        // Narrow enough already, or too wide even at the minimums: unchanged.
        let mut narrow = vec![10.0, 20.0];
        fit_widths(&mut narrow, &[5.0, 5.0], 0.3);
        assert_eq!(narrow, [10.0, 20.0]);
        let mut wide = vec![60.0; 8];
        fit_widths(&mut wide, &[40.0; 8], 0.3);
        assert_eq!(wide, [60.0; 8]);
    }

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
    }
}
