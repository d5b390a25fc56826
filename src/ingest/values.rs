//! Cells → values: task ids (序号) and dates. The date forms themselves are parsed in
//! `common::dates` (shared with the command line); here a cell of any kind becomes one.

use chrono::NaiveDate;

use crate::common::dates::{date_from_serial, find_date_in_text, nfkc, parse_date_text};
use crate::common::text::one_line;
use crate::ingest::grid::Cell;

/// The 序号 cell as written (on one line) and the task id it gives.
pub(crate) fn task_id_of_cell(cell: &Cell) -> (String, Option<u32>) {
    match cell {
        Cell::Number(n) => (cell.text(), task_id_from_number(*n)),
        Cell::Empty => (String::new(), None),
        other => {
            let t = one_line(&other.text());
            let id = parse_task_id(&t);
            (t, id)
        }
    }
}

/// The date a cell holds: a date cell; a number typed as 20200930 or an Excel serial;
/// a text that is a date, else the first date in it (a year-less date takes
/// `default_year`).
pub(crate) fn date_of_cell(cell: &Cell, default_year: i32) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => Some(*d),
        Cell::DateTime(dt) => Some(dt.date()),
        Cell::Number(n) if (19_000_101.0..=21_001_231.0).contains(n) && n.fract() == 0.0 => {
            parse_date_text(&format!("{}", *n as i64), Some(default_year))
        }
        Cell::Number(n) => date_from_serial(*n),
        Cell::Text(t) => parse_date_text(t, Some(default_year))
            .or_else(|| find_date_in_text(t, Some(default_year))),
        _ => None,
    }
}

/// A task id (序号) from cell text: `12`, ` 12 `, `12.0`, `１２`, `第12项`, `第１２条`,
/// `12、`, `12.`, `（12）`, `(12)`, `12号` → 12. Ids are 1..=999.
///
/// Chinese numerals (`一`, `十二`) are deliberately not read: in returns they number the
/// category rows (一、科学施策…), not tasks.
pub fn parse_task_id(s: &str) -> Option<u32> {
    let n = nfkc(s);
    // Whitespace between two digits ("1 2", "1\n2") is two numbers, not one.
    let chars: Vec<char> = n.chars().collect();
    for w in chars.windows(3) {
        if w[0].is_ascii_digit() && w[1].is_whitespace() && w[2].is_ascii_digit() {
            return None;
        }
    }
    let n: String = chars.into_iter().filter(|c| !c.is_whitespace()).collect();
    let mut t: &str = &n;
    if let Some(inner) = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        t = inner;
    }
    // 任务23, 任务第23项.
    t = t.strip_prefix("任务").unwrap_or(t);
    if let Some(rest) = t.strip_prefix('第') {
        t = rest
            .strip_suffix('项')
            .or_else(|| rest.strip_suffix('条'))
            .or_else(|| rest.strip_suffix('号'))
            .unwrap_or(rest);
    } else {
        for suffix in ['、', '.', ')', '号', ',', '项'] {
            if let Some(rest) = t.strip_suffix(suffix) {
                t = rest;
                break;
            }
        }
    }
    // "12.0" / "12.00" are spreadsheet renderings of 12; "1.2" is not an id.
    let int_part = match t.split_once('.') {
        Some((a, b)) if !b.is_empty() && b.bytes().all(|x| x == b'0') => a,
        Some(_) => return None,
        None => t,
    };
    if int_part.is_empty() || int_part.len() > 3 || !int_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: u32 = int_part.parse().ok()?;
    (1..=999).contains(&v).then_some(v)
}

/// A task id from a numeric cell: 12.0 → 12; fractions, zero, negatives, > 999 → `None`.
pub fn task_id_from_number(f: f64) -> Option<u32> {
    if !f.is_finite() || f.fract() != 0.0 || !(1.0..=999.0).contains(&f) {
        return None;
    }
    Some(f as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_ids_accepted() {
        for s in [
            "12",
            " 12 ",
            "12.0",
            "12.00",
            "１２",
            "第12项",
            "第１２条",
            "第12号",
            "任务12",
            "12、",
            "12.",
            "（12）",
            "(12)",
            "12号",
            "012",
            "１２．",
            "12)",
            "\t12\n",
        ] {
            assert_eq!(parse_task_id(s), Some(12), "{s:?}");
        }
        assert_eq!(parse_task_id("1"), Some(1));
        assert_eq!(parse_task_id("63"), Some(63));
        assert_eq!(parse_task_id("999"), Some(999));
    }

    #[test]
    fn task_ids_rejected() {
        for s in [
            "1.2", "abc", "", "0", "12a3", "1000", "-3", "一", "十二", "一、", "12.5", "第12",
            "1 2", "序号", "12、13",
        ] {
            // "第12" has no closing word but is still clear: accept it.
            if s == "第12" {
                assert_eq!(parse_task_id(s), Some(12));
                continue;
            }
            assert_eq!(parse_task_id(s), None, "{s:?}");
        }
    }

    #[test]
    fn task_ids_from_numbers() {
        assert_eq!(task_id_from_number(12.0), Some(12));
        assert_eq!(task_id_from_number(1.0), Some(1));
        assert_eq!(task_id_from_number(12.5), None);
        assert_eq!(task_id_from_number(0.0), None);
        assert_eq!(task_id_from_number(-1.0), None);
        assert_eq!(task_id_from_number(1000.0), None);
        assert_eq!(task_id_from_number(f64::NAN), None);
    }
}
