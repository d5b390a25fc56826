//! Cells an xlsx return shows otherwise than calamine gives them, by their number
//! format, which calamine does not pass on:
//! - a date formatted as a month (2020年10月: a date typed as 2020-10 or 2020年10月 and
//!   formatted without a day). calamine gives 2020-10-01, and read as a day it would
//!   say the unit finished on the 1st;
//! - a number formatted as a percentage (100%, 60% stored as 1 and 0.6). Read as a
//!   number, a 完成状态 of 1 or 0.6 says nothing, and a message would quote a value the
//!   unit never saw.
//!
//! The styles whose number format is one of these are read here (`xl/styles.xml`: the
//! custom `<numFmt>` codes, and Excel's built-in ones), then the cells of a sheet with
//! such a style, and those cells become the text the unit saw (2020年10月, 60%), read as
//! a month or a percentage wherever one is read. Workbooks with neither format, nearly
//! all of them, cost a byte search of the styles part.

use std::collections::HashMap;

use chrono::Datelike;
use quick_xml::events::Event;
use quick_xml::Reader;

use super::xml::attr;
use crate::ingest::grid::{Cell, Grid};

/// Excel's built-in number formats that show a month and no day: 17 (mmm-yy) and the
/// Chinese locales' yyyy"年"m"月" (27, 36, 50, 52, 55, 57).
const BUILT_IN_MONTHS: [u32; 7] = [17, 27, 36, 50, 52, 55, 57];

/// Excel's built-in percentage formats, with their decimals: 9 (0%) and 10 (0.00%).
const BUILT_IN_PERCENTS: [(u32, u8); 2] = [(9, 0), (10, 2)];

/// How a number format shows a cell, for the formats read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shown {
    /// A date as its month (2020年10月).
    Month,
    /// A number as a percentage with this many decimals (0.6 as 60%).
    Percent(u8),
}

/// What a format code shows, if it is one read here.
fn shown_by(code: &str) -> Option<Shown> {
    if shows_month_only(code) {
        Some(Shown::Month)
    } else {
        percent_decimals(code).map(Shown::Percent)
    }
}

/// What a built-in format shows, if it is one read here.
fn built_in(id: u32) -> Option<Shown> {
    if BUILT_IN_MONTHS.contains(&id) {
        Some(Shown::Month)
    } else {
        BUILT_IN_PERCENTS
            .iter()
            .find(|(i, _)| *i == id)
            .map(|&(_, d)| Shown::Percent(d))
    }
}

/// The `<cellXfs>` indices (`s` of a `<c>`) whose number format shows a month or a
/// percentage; none without a parse when the styles part has no such format.
pub(super) fn shown_styles(styles: Option<&[u8]>) -> HashMap<u32, Shown> {
    let Some(xml) = styles else {
        return HashMap::new();
    };
    if !may_have_shown_format(xml) {
        return HashMap::new();
    }
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut in_xfs = false;
    let mut custom: HashMap<u32, Option<Shown>> = HashMap::new();
    let mut xfs: Vec<Option<u32>> = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(_) => return HashMap::new(),
        };
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (
                        attr(&e, "numFmtId").and_then(|i| i.parse().ok()),
                        attr(&e, "formatCode"),
                    ) {
                        custom.insert(id, shown_by(&code));
                    }
                }
                "cellXfs" => in_xfs = true,
                "xf" if in_xfs => xfs.push(attr(&e, "numFmtId").and_then(|i| i.parse().ok())),
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let shown = |id: u32| match custom.get(&id) {
        Some(&shown) => shown,
        None => built_in(id),
    };
    xfs.iter()
        .enumerate()
        .filter_map(|(i, id)| Some((i as u32, shown((*id)?)?)))
        .collect()
}

/// Whether the styles part may hold a format read here: a built-in one's id, or a
/// custom code (checked when parsed).
fn may_have_shown_format(xml: &[u8]) -> bool {
    const ID: &[u8] = b"numFmtId=\"";
    let built_in_id = memchr::memmem::find_iter(xml, ID).any(|at| {
        let digits = &xml[at + ID.len()..];
        let len = digits.iter().take_while(|b| b.is_ascii_digit()).count();
        std::str::from_utf8(&digits[..len])
            .ok()
            .and_then(|id| id.parse::<u32>().ok())
            .is_some_and(|id| built_in(id).is_some())
    });
    built_in_id || custom_codes(xml).any(|code| shown_by(&code).is_some())
}

/// The `formatCode` attribute values of a styles part, found by byte search (escaped
/// quotes as `&quot;` are left as written: only the letters outside them matter).
fn custom_codes(xml: &[u8]) -> impl Iterator<Item = String> + '_ {
    memchr::memmem::find_iter(xml, b"formatCode=\"").filter_map(move |at| {
        let start = at + b"formatCode=\"".len();
        let len = memchr::memchr(b'"', &xml[start..])?;
        Some(String::from_utf8_lossy(&xml[start..start + len]).replace("&quot;", "\""))
    })
}

/// The first section of a number format code (a positive number) without its quoted
/// literals, bracketed parts and escaped characters, lower-cased.
fn code_letters(code: &str) -> String {
    let mut letters = String::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '\\' => {
                chars.next();
            }
            ';' => break,
            c => letters.push(c.to_ascii_lowercase()),
        }
    }
    letters
}

/// Whether a number format code shows a date's year or month and no day, hour or
/// second (yyyy"年"m"月", yyyy-mm, mmm-yy, [$-804]yyyy年m月).
fn shows_month_only(code: &str) -> bool {
    let letters = code_letters(code);
    letters.contains('m') && letters.contains(['y', 'e']) && !letters.contains(['d', 'h', 's', 'a'])
}

/// The decimals of a number format code that shows a percentage (0%, 0.0%, #,##0.00%);
/// `None` for another code (a % in quotes is a literal, not the format's).
fn percent_decimals(code: &str) -> Option<u8> {
    let letters = code_letters(code);
    if !letters.contains('%') || letters.contains(['y', 'm', 'd', 'h', 's']) {
        return None;
    }
    let decimals = letters.split_once('.').map_or(0, |(_, after)| {
        after
            .chars()
            .take_while(|c| matches!(c, '0' | '#' | '?'))
            .count()
    });
    Some(decimals.min(10) as u8)
}

/// The cells (0-based row, column) of a sheet whose style shows a month or a
/// percentage, with how; none without a parse when no style does.
pub(super) fn shown_cells(
    sheet_xml: &[u8],
    styles: &HashMap<u32, Shown>,
) -> Vec<(usize, usize, Shown)> {
    if styles.is_empty() {
        return Vec::new();
    }
    super::xlsx_strike::styled_cells(sheet_xml, |s| styles.get(&s).copied())
}

/// The cells among `cells` as the text they show: a date formatted as a month as
/// 2020年10月, a number from 0 to 1 formatted as a percentage as 60%. Other values (a
/// text typed into a percentage cell) are left as they are.
pub(super) fn apply(cells: &[(usize, usize, Shown)], grid: &mut Grid) {
    for &(r, c, shown) in cells {
        let Some(cell) = grid.rows.get_mut(r).and_then(|row| row.get_mut(c)) else {
            continue;
        };
        let text = match (shown, &*cell) {
            (Shown::Month, Cell::Date(d)) => format!("{}年{}月", d.year(), d.month()),
            (Shown::Month, Cell::DateTime(dt)) => {
                format!("{}年{}月", dt.date().year(), dt.date().month())
            }
            // 100 in a percentage cell (10000% as shown) was typed as 100%: left a number,
            // read as percentage points as ever.
            (Shown::Percent(decimals), Cell::Number(x)) if (0.0..=1.0).contains(x) => {
                format!("{:.*}%", usize::from(decimals), x * 100.0)
            }
            _ => continue,
        };
        *cell = Cell::Text(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_formats_are_told_from_day_formats() {
        for code in [
            "yyyy\"年\"m\"月\"",
            "yyyy-mm",
            "mmm-yy",
            "[$-804]yyyy年m月",
            "yyyy\\.mm",
            "e\"年\"m\"月\"",
        ] {
            assert!(shows_month_only(code), "{code}");
        }
        for code in [
            "yyyy\"年\"m\"月\"d\"日\"",
            "yyyy-mm-dd",
            "m/d/yy",
            "h:mm",
            "0.00",
            "\"第\"0\"月\"",
            "General",
            "yyyy-mm-dd hh:mm",
            "mm:ss",
        ] {
            assert!(!shows_month_only(code), "{code}");
        }
    }

    #[test]
    fn cell_styles_with_a_month_format_are_found() {
        let xml = r#"<styleSheet><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="177" formatCode="yyyy-mm-dd"/></numFmts>
            <cellStyleXfs><xf numFmtId="176"/></cellStyleXfs>
            <cellXfs><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="177"/><xf numFmtId="57"/><xf numFmtId="14"/></cellXfs></styleSheet>"#;
        let mut got: Vec<(u32, Shown)> = shown_styles(Some(xml.as_bytes())).into_iter().collect();
        got.sort_unstable_by_key(|(s, _)| *s);
        assert_eq!(got, [(1, Shown::Month), (3, Shown::Month)]);
        let day_only = br#"<styleSheet><numFmts count="1"><numFmt numFmtId="177" formatCode="yyyy-mm-dd"/></numFmts><cellXfs><xf numFmtId="177"/></cellXfs></styleSheet>"#;
        assert!(shown_styles(Some(day_only)).is_empty());
    }

    #[test]
    fn percent_formats_give_their_decimals() {
        for (code, decimals) in [("0%", 0), ("0.0%", 1), ("#,##0.00%", 2), ("0%;-0%", 0)] {
            assert_eq!(percent_decimals(code), Some(decimals), "{code}");
        }
        for code in ["0.00", "\"%\"0", "General", "yyyy-mm-dd", "0\\%"] {
            assert_eq!(percent_decimals(code), None, "{code}");
        }
    }

    #[test]
    fn cell_styles_with_a_percent_format_are_found() {
        let xml = r#"<styleSheet><numFmts count="1"><numFmt numFmtId="176" formatCode="0.0%"/></numFmts>
            <cellXfs><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="176"/><xf numFmtId="10"/><xf numFmtId="2"/></cellXfs></styleSheet>"#;
        let mut got: Vec<(u32, Shown)> = shown_styles(Some(xml.as_bytes())).into_iter().collect();
        got.sort_unstable_by_key(|(s, _)| *s);
        assert_eq!(
            got,
            [
                (1, Shown::Percent(0)),
                (2, Shown::Percent(1)),
                (3, Shown::Percent(2))
            ]
        );
        let plain =
            br#"<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="2"/></cellXfs></styleSheet>"#;
        assert!(shown_styles(Some(plain)).is_empty());
    }

    #[test]
    fn percent_cells_show_their_percentage() {
        let mut grid = Grid {
            rows: vec![vec![
                Cell::Number(1.0),
                Cell::Number(0.6),
                Cell::Number(0.655),
                Cell::Text("约60%".into()),
                Cell::Number(100.0),
            ]],
            ..Grid::default()
        };
        let cells = [
            (0, 0, Shown::Percent(0)),
            (0, 1, Shown::Percent(0)),
            (0, 2, Shown::Percent(1)),
            (0, 3, Shown::Percent(0)),
            (0, 4, Shown::Percent(0)),
        ];
        apply(&cells, &mut grid);
        let shown: Vec<String> = grid.rows[0].iter().map(Cell::text).collect();
        assert_eq!(shown, ["100%", "60%", "65.5%", "约60%", "100"]);
    }

    #[test]
    fn month_cells_show_their_month() {
        let d = chrono::NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
        let mut grid = Grid {
            rows: vec![vec![Cell::Date(d), Cell::Date(d), Cell::Number(3.0)]],
            ..Grid::default()
        };
        apply(&[(0, 0, Shown::Month), (0, 2, Shown::Month)], &mut grid);
        assert_eq!(grid.rows[0][0], Cell::Text("2020年10月".into()));
        assert_eq!(grid.rows[0][1], Cell::Date(d));
        assert_eq!(grid.rows[0][2], Cell::Number(3.0));
    }
}
