//! Cells → values: task ids (序号) and dates. The date forms themselves are parsed in
//! `common::dates` (shared with the command line); here a cell of any kind becomes one.

use chrono::NaiveDate;

use crate::common::dates::{
    date_from_serial, find_date_in_text, find_filing_date, month_day_of_number, nfkc,
    parse_date_text, parse_filing_date, parse_span_end,
};
use crate::common::numerals::chinese_number;
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

/// The date a cell holds: a date cell; a number typed as 20200930, as 9.28 (month and
/// day) or an Excel serial;
/// a text that is a date, else the end of a span of two (2020年9月—11月), else the first
/// date in it (a year-less date takes `default_year`).
pub(crate) fn date_of_cell(cell: &Cell, default_year: i32) -> Option<NaiveDate> {
    match cell {
        Cell::Text(t) => parse_date_text(t, Some(default_year))
            .or_else(|| parse_span_end(t, Some(default_year)))
            .or_else(|| find_date_in_text(t, Some(default_year))),
        other => date_of_value(other, default_year, parse_date_text),
    }
}

/// [`date_of_cell`] for the date a return was filed: a month without a day is its
/// first day (`common::dates::parse_filing_date`).
pub(crate) fn filing_date_of_cell(cell: &Cell, default_year: i32) -> Option<NaiveDate> {
    match cell {
        Cell::Text(t) => parse_filing_date(t, Some(default_year))
            .or_else(|| find_filing_date(t, Some(default_year))),
        other => date_of_value(other, default_year, parse_filing_date),
    }
}

/// The month (or day) a row reports on, from a 月份 cell (11月, 11月份, 2020年11月,
/// 2020.11, the number 11, a date): a month is its first day, so that months and days
/// order as they follow one another.
pub(crate) fn period_of_cell(cell: &Cell, default_year: i32) -> Option<NaiveDate> {
    match cell {
        Cell::Number(n) if (1.0..=12.0).contains(n) && n.fract() == 0.0 => {
            NaiveDate::from_ymd_opt(default_year, *n as u32, 1)
        }
        Cell::Text(t) => t
            .trim()
            .parse::<u32>()
            .ok()
            .and_then(|m| NaiveDate::from_ymd_opt(default_year, m, 1))
            .or_else(|| filing_date_of_cell(cell, default_year)),
        other => filing_date_of_cell(other, default_year),
    }
}

/// The date of a cell that is not text; `as_text` reads a year and month typed as a
/// number (2020.12) as the same text reads (a deadline's month is its last day, a
/// filing date's its first: adv56 a 1).
fn date_of_value(
    cell: &Cell,
    default_year: i32,
    as_text: fn(&str, Option<i32>) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => Some(*d),
        Cell::DateTime(dt) => Some(dt.date()),
        Cell::Number(n) if (19_000_101.0..=21_001_231.0).contains(n) && n.fract() == 0.0 => {
            parse_date_text(&format!("{}", *n as i64), Some(default_year))
        }
        // 2020.9 typed into a number cell: year and month, as the same text reads. Not
        // 2020.1, which the cell shows for 2020.10 as well (the clerk is asked).
        Cell::Number(n) if (1990.0..2100.0).contains(n) && n.fract() != 0.0 => {
            let text = format!("{n}");
            (!text.ends_with(".1"))
                .then(|| as_text(&text, Some(default_year)))
                .flatten()
        }
        // 9.28 typed for 9月28日: the number cell keeps it as a number.
        Cell::Number(n) if *n < 13.0 => month_day_of_number(*n, default_year)?.ok(),
        Cell::Number(n) => date_from_serial(*n),
        _ => None,
    }
}

/// A task id (序号) from cell text: `12`, ` 12 `, `12.0`, `１２`, `第12项`, `第１２条`,
/// `12、`, `12.`, `（12）`, `(12)`, `12号` → 12. Ids are 1..=999.
///
/// Chinese numerals are read only as `第二十六项` (`第二十六条`): written alone (`一`,
/// `十二`, `一、`) they number the category rows (一、科学施策…), not tasks.
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
    let n = without_marks(&n);
    let mut t: &str = strip_category_prefix(n);
    if let Some(inner) = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        t = inner;
    }
    // 29-1, 29-2: items of task 29 (a second number above the first is a range:
    // [`parse_task_ids`]).
    if let Some((head, item)) = t.split_once(['-', '－', '—']) {
        let (a, b) = (parse_task_id(head)?, item.parse::<u32>().ok()?);
        return (b <= a).then_some(a);
    }
    // 28（1）, 28(2): items of task 28 (the brackets NFKC-folded).
    if let Some((head, item)) = t.strip_suffix(')').and_then(|x| x.split_once('(')) {
        if !head.is_empty() && !item.is_empty() && item.bytes().all(|b| b.is_ascii_digit()) {
            return parse_task_id(head);
        }
    }
    // 任务23, 任务第23项; No.26, NO.26, №26.
    t = t.strip_prefix("任务").unwrap_or(t);
    for mark in ["No.", "NO.", "no.", "No", "NO", "№"] {
        if let Some(rest) = t
            .strip_prefix(mark)
            .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        {
            t = rest;
            break;
        }
    }
    if let Some(rest) = t.strip_prefix('第') {
        t = rest
            .strip_suffix('项')
            .or_else(|| rest.strip_suffix('条'))
            .or_else(|| rest.strip_suffix('号'))
            .unwrap_or(rest);
        if let Some(v) = chinese_number(t) {
            return (1..=999).contains(&v).then_some(v);
        }
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

/// A task number without what a unit marks it with: ★26, 55*, 21(牵头), 第53项(配合)
/// (a bracketed note with no digit in it, at the end).
fn without_marks(n: &str) -> &str {
    let mut t = n.trim_matches(['★', '☆', '*', '※', '#', '▲', '△']);
    if let Some(open) = t.rfind('(').filter(|_| t.ends_with(')')) {
        let note = &t[open + 1..t.len() - 1];
        if open > 0 && !note.is_empty() && !note.chars().any(|c| c.is_ascii_digit()) {
            t = &t[..open];
        }
    }
    t
}

/// A task number written in Chinese numerals alone (十二, 二十六, （十八）, 十二、), as a
/// unit may number the rows of a table that has no measure column. [`parse_task_id`]
/// does not read these (alone they usually number the category rows), so the caller
/// uses this only for a data row that has no measure text to go by.
pub fn chinese_task_id(s: &str) -> Option<u32> {
    let n: String = nfkc(s).chars().filter(|c| !c.is_whitespace()).collect();
    chinese_number(inside_item_mark(&n).unwrap_or(&n)).filter(|v| (1..=999).contains(v))
}

/// What a list item's mark holds: (1) → 1, 1. → 1, 一、 → 一; `None` when unmarked.
/// `n` is in NFKC without whitespace.
fn inside_item_mark(n: &str) -> Option<&str> {
    n.strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .or_else(|| n.strip_suffix(['.', '、']))
}

/// The number of a list item as units write them: 1. 1、 (1) （1） ① 一、 （一）.
pub(crate) fn item_number(s: &str) -> Option<u32> {
    let n: String = nfkc(s).chars().filter(|c| !c.is_whitespace()).collect();
    let marked = inside_item_mark(&n);
    let circled = s.trim().chars().count() == 1 && ('①'..='⑳').contains(&s.trim().chars().next()?);
    let inner = match (marked, circled) {
        (Some(inner), _) => inner,
        (None, true) => n.as_str(),
        (None, false) => return None,
    };
    match inner.parse::<u32>() {
        Ok(v) => Some(v),
        Err(_) => chinese_number(inner),
    }
}

/// The category number a unit wrote before the task number: （五）49, 五、49, 五-49.
fn strip_category_prefix(n: &str) -> &str {
    const NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let rest = n
        .strip_prefix('(')
        .and_then(|r| {
            let i = r.find(|c: char| !NUMERALS.contains(&c))?;
            (i > 0).then(|| r[i..].strip_prefix(')')).flatten()
        })
        .or_else(|| {
            let i = n.find(|c: char| !NUMERALS.contains(&c))?;
            (i > 0)
                .then(|| n[i..].strip_prefix(['、', '-', '.']))
                .flatten()
        });
    match rest {
        Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => r,
        _ => n,
    }
}

/// The task numbers an online form's option labels start with (21.小水电清理整改,
/// 【3】何埂镇…, 第29项 九龙河…; several joined by ┋ or a line break when the question
/// allows more than one): joined with 、, `None` unless every option starts with one.
pub(crate) fn form_option_task_ids(text: &str) -> Option<String> {
    let ids: Option<Vec<String>> = text
        .split(['┋', '\n', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|option| {
            let n = nfkc(option);
            let (number, rest) = if let Some(r) = n.strip_prefix('第') {
                let end = r.find('项')?;
                (&r[..end], &r[end + '项'.len_utf8()..])
            } else if let Some(r) = n.strip_prefix('【').or_else(|| n.strip_prefix('[')) {
                let (end, close) = r.char_indices().find(|(_, c)| matches!(c, '】' | ']'))?;
                (&r[..end], &r[end + close.len_utf8()..])
            } else {
                let end = n.find(|c: char| !c.is_ascii_digit())?;
                let (d, r) = n.split_at(end);
                (d, r.strip_prefix(['.', '、', '．'])?)
            };
            let id = number.trim().parse::<u32>().ok().filter(|&i| i > 0)?;
            let rest = rest.trim();
            // 21.5万亩 is a decimal, not option 21.
            (!rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit()))
                .then(|| id.to_string())
        })
        .collect();
    ids.filter(|v| !v.is_empty()).map(|v| v.join("、"))
}

/// A 序号 of two numbers joined by a hyphen (6-1, 6－8): the task and its item, or a
/// range of tasks ([`parse_task_ids`]); which, the sheet decides
/// ([`sub_item_heads`]).
pub(crate) fn hyphen_pair(s: &str) -> Option<(u32, u32)> {
    let n: String = nfkc(s).chars().filter(|c| !c.is_whitespace()).collect();
    let (a, b) = n.split_once(['-', '－', '—'])?;
    let (a, b) = (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?);
    ((1..=999).contains(&a) && b >= 1).then_some((a, b))
}

/// The tasks a text that is only a citation names (第33、37项, 第33项, 第20至21项): a
/// measure column a unit filled with the plan's numbers instead of its words.
pub(crate) fn cited_tasks_only(s: &str) -> Option<Vec<u32>> {
    let n: String = nfkc(s).chars().filter(|c| !c.is_whitespace()).collect();
    let n = n.trim_end_matches(['。', '.', '，', ',', '；', ';']);
    if !n.starts_with('第') {
        return None;
    }
    parse_task_ids(n).or_else(|| parse_task_id(n).map(|id| vec![id]))
}

/// The tasks a sheet numbers items of with hyphens (6-1, 6-2 … 6-8): a head written
/// with two or more hyphenated numbers, or with an item number not above it (6-1 can be
/// no range). There 6-7 is the seventh item of task 6, not tasks 6 and 7.
pub(crate) fn sub_item_heads(pairs: impl Iterator<Item = (u32, u32)>) -> Vec<u32> {
    let mut seen: Vec<(u32, u32)> = Vec::new();
    let mut heads: Vec<u32> = Vec::new();
    for (a, b) in pairs {
        let again = seen.iter().any(|&(x, y)| x == a && y != b);
        if (b <= a || again) && !heads.contains(&a) {
            heads.push(a);
        }
        seen.push((a, b));
    }
    heads
}

/// Several task ids in one 序号 cell, when a unit reports on them together: `23、24`,
/// `23,24`, `23和24`, `第20、21项`, `20至21`, `20-21` (a range of at most ten), `24⏎27`
/// (numbers on lines of their own). `None`
/// unless there are two or more and every part is one.
pub fn parse_task_ids(s: &str) -> Option<Vec<u32>> {
    // 24⏎27, 24 27: numbers on lines of their own (or apart) in one cell, a list
    // (adv56 a 11: refused as a number it could not read).
    let apart: Vec<&str> = s.split_whitespace().collect();
    if apart.len() >= 2 && apart.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        if let Some(ids) = distinct_ids(apart.iter().map(|p| parse_task_id(p)).collect()) {
            return Some(ids);
        }
    }
    let n: String = nfkc(s).chars().filter(|c| !c.is_whitespace()).collect();
    let inner = n
        .strip_prefix('第')
        .map(|r| r.strip_suffix('项').unwrap_or(r))
        .unwrap_or(&n);
    let range = inner
        .split_once(['至', '~', '～', '-', '－', '—'])
        .and_then(|(a, b)| Some((parse_task_id(a)?, parse_task_id(b)?)))
        .filter(|(a, b)| a < b && b - a < 10);
    if let Some((a, b)) = range {
        return Some((a..=b).collect());
    }
    let parts: Vec<&str> = inner
        .split(['、', ',', '，', ';', '；', '/', '和', '及'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    distinct_ids(parts.iter().map(|p| parse_task_id(p)).collect())
}

/// Task numbers read from a list, each once: the same number twice is a slip, not two
/// tasks (`None`, as for a part that is no number).
fn distinct_ids(ids: Option<Vec<u32>>) -> Option<Vec<u32>> {
    ids.filter(|ids| ids.iter().collect::<std::collections::BTreeSet<_>>().len() == ids.len())
}

/// The task numbers a text names as 第12项 / 第12条, or as a list (第23、53、55项).
pub(crate) fn task_numbers(t: &str) -> Vec<u32> {
    t.split('第')
        .skip(1)
        .flat_map(|rest| {
            let list: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, '、' | '，' | ',' | '和' | '及'))
                .collect();
            let named = !list.is_empty() && rest[list.len()..].starts_with(['项', '条']);
            named
                .then(|| parse_task_ids(&list).or_else(|| parse_task_id(&list).map(|id| vec![id])))
                .flatten()
                .unwrap_or_default()
        })
        .collect()
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
    fn hyphenated_numbers_are_items_where_the_sheet_numbers_items() {
        let heads = |ids: &[&str]| sub_item_heads(ids.iter().filter_map(|i| hyphen_pair(i)));
        // 6-1 … 6-8: items of task 6, so 6-7 and 6-8 are too.
        assert_eq!(heads(&["5", "6-1", "6-2", "6-7", "6-8", "7"]), vec![6]);
        assert_eq!(heads(&["6-7", "6-8"]), vec![6]);
        // A lone 20-21 is a range of tasks.
        assert_eq!(heads(&["19", "20-21", "22"]), Vec::<u32>::new());
        assert_eq!(heads(&["29-1"]), vec![29]);
        assert_eq!(hyphen_pair("6－8"), Some((6, 8)));
        assert_eq!(hyphen_pair("第6项"), None);
    }

    #[test]
    fn a_citation_alone_names_its_tasks() {
        assert_eq!(cited_tasks_only("第33、37项"), Some(vec![33, 37]));
        assert_eq!(cited_tasks_only("第33项。"), Some(vec![33]));
        assert_eq!(cited_tasks_only("第20至21项"), Some(vec![20, 21]));
        assert_eq!(cited_tasks_only("第33项污水处理厂"), None);
        assert_eq!(cited_tasks_only("33"), None);
    }

    #[test]
    fn an_online_forms_option_labels_give_task_numbers() {
        let ids = |t: &str| form_option_task_ids(t);
        assert_eq!(ids("21.小水电清理整改").as_deref(), Some("21"));
        assert_eq!(ids("21、小水电清理整改").as_deref(), Some("21"));
        assert_eq!(ids("【3】何埂镇养殖场尾水").as_deref(), Some("3"));
        assert_eq!(ids("第29项 九龙河清漂").as_deref(), Some("29"));
        assert_eq!(ids("26.规划┋55.饮用水监管").as_deref(), Some("26、55"));
        // Not an option label: no number, a number alone, a decimal.
        assert_eq!(ids("小水电清理整改"), None);
        assert_eq!(ids("21"), None);
        assert_eq!(ids("21.5万亩"), None);
    }

    #[test]
    fn a_month_cell_is_its_first_day() {
        let d = |m, day| NaiveDate::from_ymd_opt(2020, m, day);
        let p = |c: Cell| period_of_cell(&c, 2020);
        assert_eq!(p(Cell::Text("11月".into())), d(11, 1));
        assert_eq!(p(Cell::Text("12月份".into())), d(12, 1));
        assert_eq!(p(Cell::Text("2020年11月".into())), d(11, 1));
        assert_eq!(p(Cell::Text("12".into())), d(12, 1));
        assert_eq!(p(Cell::Number(11.0)), d(11, 1));
        assert_eq!(p(Cell::Text("12月4日".into())), d(12, 4));
        assert_eq!(p(Cell::Text("本月".into())), None);
        assert_eq!(p(Cell::Number(13.0)), None);
    }

    /// 2020.9 read the same from a number cell as from a text cell.
    #[test]
    fn a_year_and_month_typed_as_a_number_is_a_date() {
        let text = date_of_cell(&Cell::Text("2020.9".into()), 2020);
        assert!(text.is_some());
        assert_eq!(date_of_cell(&Cell::Number(2020.9), 2020), text);
        // 2020.1 is January or October (2020.10): not read.
        assert_eq!(date_of_cell(&Cell::Number(2020.1), 2020), None);
        // An Excel serial stays a serial.
        assert_eq!(
            date_of_cell(&Cell::Number(44_166.0), 2020),
            NaiveDate::from_ymd_opt(2020, 12, 1)
        );
    }

    #[test]
    fn task_ids_accepted() {
        for s in [
            "12",
            " 12 ",
            "12.0",
            "12.00",
            "１２",
            "第12项",
            "No.12",
            "NO.12",
            "№12",
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
            // Marks and a bracketed note a unit adds.
            "12（牵头）",
            "12\n（配合）",
            "★12",
            "12*",
            "第12项（配合）",
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
    fn task_items_and_category_numbers() {
        assert_eq!(parse_task_id("29-1"), Some(29));
        assert_eq!(parse_task_id("28（1）"), Some(28));
        assert_eq!(parse_task_id("28(2)"), Some(28));
        assert_eq!(parse_task_id("（12）"), Some(12));
        assert_eq!(parse_task_id("29－2"), Some(29));
        assert_eq!(parse_task_id("20-21"), None, "a range");
        assert_eq!(parse_task_id("（五）49"), Some(49));
        assert_eq!(parse_task_id("五、49"), Some(49));
        assert_eq!(parse_task_id("六-56"), Some(56));
        assert_eq!(parse_task_id("（五）"), None);
        assert_eq!(parse_task_id("五、加强"), None);
    }

    #[test]
    fn chinese_numerals_only_as_an_item_number() {
        assert_eq!(parse_task_id("第二十六项"), Some(26));
        assert_eq!(parse_task_id("第十二条"), Some(12));
        assert_eq!(parse_task_id("第六项"), Some(6));
        assert_eq!(parse_task_id("第六十三项"), Some(63));
        assert_eq!(parse_task_id("第一百零三项"), Some(103));
        assert_eq!(parse_task_id("第二〇项"), None);
        assert_eq!(parse_task_id("第一二项"), None);
        assert_eq!(parse_task_id("第十十项"), None);
        assert_eq!(
            parse_task_id("二十六"),
            None,
            "a bare numeral numbers a category"
        );
        assert_eq!(parse_task_id("第零项"), None);
    }

    #[test]
    fn several_task_ids_in_one_cell() {
        assert_eq!(parse_task_ids("23、24"), Some(vec![23, 24]));
        assert_eq!(parse_task_ids("第20至21项"), Some(vec![20, 21]));
        assert_eq!(parse_task_ids("第20、21项"), Some(vec![20, 21]));
        assert_eq!(parse_task_ids("20-22"), Some(vec![20, 21, 22]));
        assert_eq!(parse_task_ids("30和31"), Some(vec![30, 31]));
        assert_eq!(parse_task_ids("23"), None);
        assert_eq!(parse_task_ids("29-1"), None, "an item of one task");
        assert_eq!(parse_task_ids("1-40"), None, "too wide a range");
        assert_eq!(parse_task_ids("23、abc"), None);
        assert_eq!(parse_task_ids("23、23"), None);
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
