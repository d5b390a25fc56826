//! Date cells an xlsx return shows as a month (2020年10月: a date typed as 2020-10 or
//! 2020年10月 and formatted without a day). calamine gives the date (2020-10-01) without
//! its format, and read as a day it would say the unit finished on the 1st. So the
//! styles whose number format names a year or month and no day are read here
//! (`xl/styles.xml`: the custom `<numFmt>` codes, and Excel's built-in month formats),
//! then the cells of a sheet with such a style, and those cells become the text the
//! unit saw (2020年10月), read as a month wherever a date is read. Workbooks with no
//! such format, nearly all of them, cost a byte search of the styles part.

use std::collections::{HashMap, HashSet};

use chrono::Datelike;
use quick_xml::events::Event;
use quick_xml::Reader;

use super::xml::attr;
use crate::ingest::grid::{Cell, Grid};

/// Excel's built-in number formats that show a month and no day: 17 (mmm-yy) and the
/// Chinese locales' yyyy"年"m"月" (27, 36, 50, 52, 55, 57).
const BUILT_IN_MONTHS: [u32; 7] = [17, 27, 36, 50, 52, 55, 57];

/// The `<cellXfs>` indices (`s` of a `<c>`) whose number format shows a month and no
/// day; none without a parse when the styles part has no such format.
pub(super) fn month_styles(styles: Option<&[u8]>) -> HashSet<u32> {
    let Some(xml) = styles else {
        return HashSet::new();
    };
    if !may_have_month_format(xml) {
        return HashSet::new();
    }
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut in_xfs = false;
    let mut custom: HashMap<u32, bool> = HashMap::new();
    let mut xfs: Vec<Option<u32>> = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(_) => return HashSet::new(),
        };
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (
                        attr(&e, "numFmtId").and_then(|i| i.parse().ok()),
                        attr(&e, "formatCode"),
                    ) {
                        custom.insert(id, shows_month_only(&code));
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
    let is_month = |id: u32| match custom.get(&id) {
        Some(&month) => month,
        None => BUILT_IN_MONTHS.contains(&id),
    };
    xfs.iter()
        .enumerate()
        .filter(|(_, id)| id.is_some_and(is_month))
        .map(|(i, _)| i as u32)
        .collect()
}

/// Whether the styles part may hold a month format: a built-in month format's id, or a
/// custom code (checked when parsed).
fn may_have_month_format(xml: &[u8]) -> bool {
    const ID: &[u8] = b"numFmtId=\"";
    let built_in = memchr::memmem::find_iter(xml, ID).any(|at| {
        let digits = &xml[at + ID.len()..];
        let len = digits.iter().take_while(|b| b.is_ascii_digit()).count();
        std::str::from_utf8(&digits[..len])
            .ok()
            .and_then(|id| id.parse::<u32>().ok())
            .is_some_and(|id| BUILT_IN_MONTHS.contains(&id))
    });
    built_in || custom_codes(xml).any(|code| shows_month_only(&code))
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

/// Whether a number format code shows a date's year or month and no day, hour or
/// second (yyyy"年"m"月", yyyy-mm, mmm-yy, [$-804]yyyy年m月): quoted literals,
/// bracketed parts and escaped characters do not count. Only the first section (a
/// positive number) is read.
fn shows_month_only(code: &str) -> bool {
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
    letters.contains('m') && letters.contains(['y', 'e']) && !letters.contains(['d', 'h', 's', 'a'])
}

/// The cells (0-based row, column) of a sheet whose style shows a month; none without
/// a parse when no style does.
pub(super) fn month_cells(sheet_xml: &[u8], styles: &HashSet<u32>) -> Vec<(usize, usize)> {
    if styles.is_empty() {
        return Vec::new();
    }
    super::xlsx_strike::cells_with_styles(sheet_xml, styles)
}

/// The date cells among `cells` as the text they show (2020年10月).
pub(super) fn apply(cells: &[(usize, usize)], grid: &mut Grid) {
    for &(r, c) in cells {
        if let Some(cell) = grid.rows.get_mut(r).and_then(|row| row.get_mut(c)) {
            let date = match cell {
                Cell::Date(d) => *d,
                Cell::DateTime(dt) => dt.date(),
                _ => continue,
            };
            *cell = Cell::Text(format!("{}年{}月", date.year(), date.month()));
        }
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
        let mut got: Vec<u32> = month_styles(Some(xml.as_bytes())).into_iter().collect();
        got.sort_unstable();
        assert_eq!(got, [1, 3]);
        let day_only = br#"<styleSheet><numFmts count="1"><numFmt numFmtId="177" formatCode="yyyy-mm-dd"/></numFmts><cellXfs><xf numFmtId="177"/></cellXfs></styleSheet>"#;
        assert!(month_styles(Some(day_only)).is_empty());
    }

    #[test]
    fn month_cells_show_their_month() {
        let d = chrono::NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
        let mut grid = Grid {
            rows: vec![vec![Cell::Date(d), Cell::Date(d), Cell::Number(3.0)]],
            ..Grid::default()
        };
        apply(&[(0, 0), (0, 2)], &mut grid);
        assert_eq!(grid.rows[0][0], Cell::Text("2020年10月".into()));
        assert_eq!(grid.rows[0][1], Cell::Date(d));
        assert_eq!(grid.rows[0][2], Cell::Number(3.0));
    }
}
