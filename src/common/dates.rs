//! Dates: reading them from cell text (returns, the command line, the plan) and writing
//! them as Chinese documents do.
//!
//! Units type dates in many shapes (full-width digits, stray spaces, Excel serial
//! numbers kept as text). Everything here is a pure function on one value.
//!
//! Date decisions:
//! - A month without a day (`2020年9月`, `9月`, `2020.9` in a strict cell) and `月底`/`月末`
//!   read as the last day of that month: a completion or deadline "in September" is met
//!   by the month's end. `2020年底`/`2020年末` reads as 31 December. `上旬`/`中旬`/`下旬`
//!   (and `初`) read as the 10th, the 20th and the month's end (as a filing date: the 1st,
//!   the 11th, the 21st).
//! - A date without a year (`9月30日`, `9月底`) takes `default_year`; without one, `None`.
//! - `parse_date_text` is strict: the whole cell must be a date, allowing surrounding
//!   whitespace, a time part (`T00:00:00`, ` 00:00:00`) and a trailing 前/止/之前/以前.
//!   `find_date_in_text` extracts the first date from running text.
//! - Separators no date uses but units type (`2020。9。28`, `2020，9，25`, `2020、11、20`)
//!   read with the year first; a year last with slashes (`9/27/2020`, `24/11/2020`) only
//!   when a number above 12 tells the day from the month.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

use super::numerals::chinese_number;

/// Plausible year range for any date read from a return.
const MIN_YEAR: i32 = 1990;
const MAX_YEAR: i32 = 2100;

/// A date as Chinese documents write it: 2020年9月30日, no zero padding.
pub fn render_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A day of the year in hand as the documents write it: 12月4日.
pub fn render_day(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

/// The month of `d` as the documents write it: 2020年10月.
pub fn render_month(d: NaiveDate) -> String {
    format!("{}年{}月", d.year(), d.month())
}

/// NFKC (full-width digits and punctuation → ASCII) and trim.
pub(crate) fn nfkc(s: &str) -> String {
    s.nfkc().collect::<String>().trim().to_string()
}

/// Last day of `year`-`month`.
fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

fn plausible(d: NaiveDate) -> Option<NaiveDate> {
    (MIN_YEAR..=MAX_YEAR).contains(&d.year()).then_some(d)
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).and_then(plausible)
}

/// The last day of `d`'s month.
pub fn month_end(d: NaiveDate) -> Option<NaiveDate> {
    ym_end(d.year(), d.month())
}

fn ym_end(year: i32, month: u32) -> Option<NaiveDate> {
    last_day_of_month(year, month).and_then(plausible)
}

/// A date from an Excel serial number (1900 date system). The fractional part (time of
/// day) is ignored. Only dates in years 1990..=2100 are accepted, so small numbers (ids,
/// counts) are never read as dates.
pub fn date_from_serial(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || serial < 1.0 {
        return None;
    }
    let days = serial.floor() as i64;
    // Serials after 1900-02-28 count from 1899-12-30 (Excel's fictitious 1900-02-29
    // shifts everything by one); our plausible range is far past that.
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let d = base.checked_add_signed(chrono::Duration::try_days(days)?)?;
    plausible(d)
}

/// Remove a trailing time of day: `T00:00:00`, ` 00:00`, ` 00:00:00.000`.
fn strip_time_suffix(s: &str) -> &str {
    // Find the last 'T' or whitespace followed only by a time pattern.
    for (i, c) in s.char_indices().rev() {
        if c == 'T' || c.is_whitespace() {
            let rest = s[i + c.len_utf8()..].trim();
            if is_time(rest) && i > 0 {
                return s[..i].trim_end();
            }
            if c == 'T' {
                break;
            }
        }
    }
    s
}

/// `hh:mm`, `hh:mm:ss`, `hh:mm:ss.fff`.
fn is_time(s: &str) -> bool {
    let (hms, frac) = match s.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    let parts: Vec<&str> = hms.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether the parser accepts only a whole cell or looks inside running text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Strict,
    Find,
}

/// Which day a month written without one (`2020年12月`, `2020.12`) reads as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MonthOnly {
    /// Its last day: a completion or deadline "in December" is met by the month's end.
    End,
    /// Its first day: a return "filed in December" was filed no later than any day of
    /// it (read as the month's end, a return filed this month counted as filed after
    /// the round's date and was left out).
    Start,
}

/// A month without a day under `month`.
fn month_only(year: i32, m: u32, month: MonthOnly) -> Option<NaiveDate> {
    match month {
        MonthOnly::End => ym_end(year, m),
        MonthOnly::Start => ymd(year, m, 1),
    }
}

/// Read a run of ASCII digits at `i`: (value, number of digits).
fn digits_at(c: &[char], i: usize) -> Option<(u32, usize)> {
    let mut n = 0usize;
    let mut v: u32 = 0;
    while i + n < c.len() && c[i + n].is_ascii_digit() {
        if n >= 9 {
            return None;
        }
        v = v * 10 + c[i + n].to_digit(10)?;
        n += 1;
    }
    (n > 0).then_some((v, n))
}

/// Try to read a date starting at `i` in `c` (NFKC, whitespace removed).
/// Returns the date and the index just past it.
fn date_at(
    c: &[char],
    i: usize,
    default_year: Option<i32>,
    mode: Mode,
    month: MonthOnly,
) -> Option<(NaiveDate, usize)> {
    let (first, n1) = digits_at(c, i)?;
    let j = i + n1;
    let next = c.get(j).copied();
    let is_digit_at = |k: usize| c.get(k).is_some_and(|ch| ch.is_ascii_digit());

    // 8 digits: YYYYMMDD.
    if n1 == 8 {
        let (y, m, d) = (first / 10000, first / 100 % 100, first % 100);
        return ymd(y as i32, m, d).map(|dt| (dt, j));
    }

    if n1 == 4 {
        let year = first as i32;
        match next {
            Some('年') => {
                let k = j + 1;
                // 2020年底 / 2020年末
                if matches!(c.get(k), Some('底') | Some('末')) {
                    return ymd(year, 12, 31).map(|d| (d, k + 1));
                }
                return month_day_at(c, k, year, month);
            }
            Some(sep @ ('.' | '-' | '/')) => {
                let (m, nm) = digits_at(c, j + 1)?;
                if nm > 2 {
                    return None;
                }
                let k = j + 1 + nm;
                if c.get(k) == Some(&sep) && is_digit_at(k + 1) {
                    let (d, nd) = digits_at(c, k + 1)?;
                    if nd > 2 {
                        return None;
                    }
                    return ymd(year, m, d).map(|dt| (dt, k + 1 + nd));
                }
                // Year and month only (2020.9): strict cells only, because running text
                // is full of decimal numbers.
                if mode == Mode::Strict && c.get(k) != Some(&sep) {
                    return month_only(year, m, month).map(|dt| (dt, k));
                }
                return None;
            }
            _ => return None,
        }
    }

    // Month first, year implied: 9月30日, 9月底, 9月.
    if n1 <= 2 && next == Some('月') {
        let year = default_year?;
        return month_day_at(c, i, year, month);
    }
    None
}

/// Read `M月D日`, `M月D号`, `M月D`, `M月底`, `M月末` or `M月` at `k` for `year`.
fn month_day_at(c: &[char], k: usize, year: i32, month: MonthOnly) -> Option<(NaiveDate, usize)> {
    let (m, nm) = digits_at(c, k)?;
    if nm > 2 || c.get(k + nm) != Some(&'月') {
        return None;
    }
    let k = k + nm + 1;
    // 上旬 / 中旬 / 下旬 (days 1–10, 11–20, 21 to the end), 初 as 上旬.
    let part = match (c.get(k), c.get(k + 1)) {
        (Some('上'), Some('旬')) | (Some('初'), _) => Some(0),
        (Some('中'), Some('旬')) => Some(1),
        (Some('下'), Some('旬')) => Some(2),
        _ => None,
    };
    if let Some(part) = part {
        let len = if c.get(k) == Some(&'初') { 1 } else { 2 };
        let d = match (part, month) {
            (2, MonthOnly::End) => ym_end(year, m),
            (_, MonthOnly::End) => ymd(year, m, 10 * (part + 1)),
            (_, MonthOnly::Start) => ymd(year, m, 10 * part + 1),
        };
        return d.map(|d| (d, k + len));
    }
    match c.get(k) {
        Some('底') | Some('末') => ym_end(year, m).map(|d| (d, k + 1)),
        Some(ch) if ch.is_ascii_digit() => {
            let (d, nd) = digits_at(c, k)?;
            if nd > 2 {
                return None;
            }
            let mut end = k + nd;
            if matches!(c.get(end), Some('日') | Some('号')) {
                end += 1;
            }
            ymd(year, m, d).map(|dt| (dt, end))
        }
        _ => month_only(year, m, month).map(|d| (d, k)),
    }
}

/// A Chinese numeral digit (〇 also typed as ○ or the letter O) and its value.
fn numeral_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'O' | 'o' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a month or day in Chinese numerals: 四, 十, 十二, 二十五, 三十一
/// (`common::numerals`), or digits one by one (〇四).
fn numeral_value(run: &[char]) -> Option<u32> {
    let text: String = run.iter().collect();
    chinese_number(&text)
        .or_else(|| numeral_digits(run))
        .filter(|v| (1..=31).contains(v))
}

/// Numerals read one by one as digits (二〇二〇 → 2020), 〇 also as ○ or the letter O.
fn numeral_digits(run: &[char]) -> Option<u32> {
    run.iter().try_fold(0u32, |acc, &c| {
        acc.checked_mul(10)?.checked_add(numeral_digit(c)?)
    })
}

/// A date's parts written in Chinese numerals as digits: 二〇二〇年十二月四日 →
/// 2020年12月4日, 2020年十二月三日 → 2020年12月3日. A year needs four digits (no 十);
/// only runs right before 年, 月, 日 or 号 change, and only into a plausible part.
/// A date cell typed with the letter O for a zero beside a figure (2020.9.3O, 2020年9月2O
/// 日, 2O20.9.30): the zero. Read as written, the day stopped at the letter (9月3日).
fn letter_o_as_zero(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['O', 'o']) {
        return std::borrow::Cow::Borrowed(s);
    }
    let c: Vec<char> = s.chars().collect();
    let digit = |i: Option<usize>| i.and_then(|i| c.get(i)).is_some_and(char::is_ascii_digit);
    std::borrow::Cow::Owned(
        c.iter()
            .enumerate()
            .map(|(i, &ch)| {
                if matches!(ch, 'O' | 'o') && (digit(i.checked_sub(1)) || digit(Some(i + 1))) {
                    '0'
                } else {
                    ch
                }
            })
            .collect(),
    )
}

fn arabic_date_numerals(s: &str) -> std::borrow::Cow<'_, str> {
    let is_numeral = |c: char| c == '十' || (numeral_digit(c).is_some() && !c.is_ascii());
    if !s.chars().any(is_numeral) {
        return std::borrow::Cow::Borrowed(s);
    }
    let c: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < c.len() {
        let start = i;
        // A run of numerals (the letter O only inside one that has a Chinese numeral).
        while i < c.len() && (c[i] == '十' || numeral_digit(c[i]).is_some()) {
            i += 1;
        }
        if i == start {
            out.push(c[i]);
            i += 1;
            continue;
        }
        let run = &c[start..i];
        let chinese = run.iter().any(|&ch| is_numeral(ch));
        match c.get(i) {
            Some('年') if chinese && run.len() == 4 => match numeral_digits(run) {
                Some(year) => out.push_str(&format!("{year:04}")),
                None => out.extend(run),
            },
            Some('月' | '日' | '号') if chinese => match numeral_value(run) {
                Some(v) => out.push_str(&v.to_string()),
                None => out.extend(run),
            },
            _ => out.extend(run),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Parse a cell that is a date and nothing else. See the module notes for the forms.
///
/// A bare 5-digit number (optionally with a fraction) is read as an Excel serial
/// (`"44104"` → 2020-09-30). Invalid calendar dates give `None`.
pub fn parse_date_text(s: &str, default_year: Option<i32>) -> Option<NaiveDate> {
    parse_date_as(s, default_year, MonthOnly::End)
}

/// [`parse_date_text`] for the date a return was filed: a month without a day reads as
/// the month's first day.
pub fn parse_filing_date(s: &str, default_year: Option<i32>) -> Option<NaiveDate> {
    parse_date_as(s, default_year, MonthOnly::Start)
}

fn parse_date_as(s: &str, default_year: Option<i32>, month: MonthOnly) -> Option<NaiveDate> {
    let n = nfkc(s);
    let n = letter_o_as_zero(&n);
    let n = arabic_date_numerals(&n);
    let n = strip_time_suffix(&n);
    let mut c: Vec<char> = n.chars().filter(|ch| !ch.is_whitespace()).collect();
    // Trailing 前 / 止 / 之前 / 以前.
    for suffix in ["之前", "以前", "前", "止"] {
        let sc: Vec<char> = suffix.chars().collect();
        if c.ends_with(&sc) {
            c.truncate(c.len() - sc.len());
            break;
        }
    }
    if c.is_empty() {
        return None;
    }
    // Excel serial kept as text: 5 digits, optional fraction.
    let text: String = c.iter().collect();
    let (int_part, frac) = text.split_once('.').unwrap_or((&text, ""));
    if int_part.len() == 5
        && int_part.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
    {
        return date_from_serial(text.parse::<f64>().ok()?);
    }
    // 2020.9. with the dot typed after the month.
    if c.len() > 1 && matches!(c.last(), Some('.' | '．')) {
        c.pop();
    }
    match date_at(&c, 0, default_year, Mode::Strict, month) {
        Some((d, end)) if end == c.len() => Some(d),
        _ => dotted_short_date(&c, default_year)
            .or_else(|| quarter(&c, default_year, month))
            .or_else(|| odd_separator_date(&c)),
    }
}

/// Three numbers of a date with separators no date uses, typed as they came: the year
/// first with 。，、 between (2020。9。28, 2020，9，25, 2020、11、20); or the year last
/// with slashes, day and month told apart by a number above 12 (9/27/2020 is month
/// first, 24/11/2020 day first; 5/6/2020 reads neither way).
fn odd_separator_date(c: &[char]) -> Option<NaiveDate> {
    let sep = *c.iter().find(|ch| !ch.is_ascii_digit())?;
    if !matches!(sep, '。' | ',' | '、' | '/') {
        return None;
    }
    let text: String = c.iter().collect();
    // Split at the first separator only: another one left in a part makes it no number.
    let parts: Vec<&str> = text.split(sep).collect();
    let [a, b, d] = parts[..] else {
        return None;
    };
    let n = |p: &str| {
        (!p.is_empty() && p.bytes().all(|x| x.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (x, y, z) = (n(a)?, n(b)?, n(d)?);
    match (sep, a.len(), d.len()) {
        ('/', 1..=2, 4) => match (x > 12, y > 12) {
            (false, true) => ymd(z as i32, x, y),
            (true, false) => ymd(z as i32, y, x),
            _ => None,
        },
        ('/', _, _) => None,
        (_, 4, 1..=2) => ymd(x as i32, y, z),
        _ => None,
    }
}

/// Why a cell written as a date names no day of the calendar: `2020年11月31日` →
/// “11月只有30天”, `2020.13.5` → “没有13月”, `2021年2月29日` → “2021年2月只有28天”.
/// `None` when the cell is not shaped as a date (year, month, day or month, day) or is
/// a real date: the caller's plain “cannot read” message stands then.
pub fn impossible_date_reason(s: &str, default_year: Option<i32>) -> Option<String> {
    let n = nfkc(s);
    let n = arabic_date_numerals(&n);
    let c: Vec<char> = n.chars().filter(|ch| !ch.is_whitespace()).collect();
    let mut numbers = Vec::new();
    let mut month_mark = false;
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '0'..='9' => {
                let (v, len) = digits_at(&c, i)?;
                numbers.push((v, len));
                i += len;
                continue;
            }
            '月' => month_mark = true,
            '年' | '日' | '号' | '.' | '-' | '/' => {}
            _ => return None,
        }
        i += 1;
    }
    let (year, m, d) = match numbers[..] {
        [(y, 4), (m, 1..=2), (d, 1..=2)] => (y as i32, m, d),
        [(m, 1..=2), (d, 1..=2)] if month_mark => (default_year?, m, d),
        _ => return None,
    };
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return None;
    }
    if !(1..=12).contains(&m) {
        return Some(format!("没有{m}月"));
    }
    let days = last_day_of_month(year, m)?.day();
    if d == 0 {
        return Some("没有0日".to_string());
    }
    if d > days {
        return Some(if m == 2 {
            format!("{year}年2月只有{days}天")
        } else {
            format!("{m}月只有{days}天")
        });
    }
    None
}

/// 9.30 and 11/30 (month, day, the year of the return) and 20.9.30 (a two-digit year).
fn dotted_short_date(c: &[char], default_year: Option<i32>) -> Option<NaiveDate> {
    let text: String = c.iter().collect();
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    // 11/30: month and day with a slash, month first as Chinese writes it.
    if let Some((m, d)) = text.split_once('/') {
        return ymd(default_year?, num(m)?, num(d)?);
    }
    let parts: Vec<&str> = text.split(['.', '．']).collect();
    match parts[..] {
        [m, d] => ymd(default_year?, num(m)?, num(d)?),
        [y, m, d] if y.len() == 2 => ymd(2000 + num(y)? as i32, num(m)?, num(d)?),
        _ => None,
    }
}

/// 2020年第四季度, 第4季度, 2021年一季度, 2021年上半年 / 下半年: the last month of the
/// quarter or half year (or its first, for a filing date).
fn quarter(c: &[char], default_year: Option<i32>, month: MonthOnly) -> Option<NaiveDate> {
    let text: String = c.iter().collect();
    let (year, rest) = match text.split_once('年') {
        Some((y, rest)) => (y.parse::<i32>().ok()?, rest),
        None => (default_year?, text.as_str()),
    };
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    // 上半年 / 下半年: months 1–6 / 7–12; a quarter (第一季度, 一季度, 4季度): its three.
    let (first, last) = match rest {
        "上半年" => (1, 6),
        "下半年" => (7, 12),
        _ => {
            let q = match rest.strip_suffix("季度")? {
                "一" | "1" => 1,
                "二" | "2" => 2,
                "三" | "3" => 3,
                "四" | "4" => 4,
                _ => return None,
            };
            (q * 3 - 2, q * 3)
        }
    };
    let m = match month {
        MonthOnly::Start => first,
        MonthOnly::End => last,
    };
    month_only(year, m, month)
}

/// The days a cell that is a date and nothing else may mean: one day for a date, the
/// whole month for a month without a day (`2020年12月`, `2020.12`), ten days or so for
/// `12月上旬` (`12月底` is its last day).
pub fn parse_date_span(s: &str, default_year: Option<i32>) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        parse_date_as(s, default_year, MonthOnly::Start)?,
        parse_date_as(s, default_year, MonthOnly::End)?,
    ))
}

/// The end of a span written as two dates (`2020年9月—11月`, `9月至10月`,
/// `2020.9.1-2020.9.30`): the work ran over it and was done by its end (a month without
/// a day is its last day; an end without a year takes the start's). `None` unless both
/// ends read and the end is not before the start.
pub fn parse_span_end(s: &str, default_year: Option<i32>) -> Option<NaiveDate> {
    let n = nfkc(s);
    ['—', '–', '－', '-', '~', '～', '至', '到']
        .iter()
        .find_map(|&sep| {
            let (a, b) = n.split_once(sep)?;
            let (a, b) = (a.trim_end_matches(sep), b.trim_start_matches(sep));
            let start = parse_date_as(a, default_year, MonthOnly::Start)?;
            let end = parse_date_as(b, Some(start.year()), MonthOnly::End)?;
            (end >= start).then_some(end)
        })
}

/// The first date found in running text, e.g. `已于2020年9月30日完成` → 2020-09-30.
///
/// Looks only at digit runs that start a number (not preceded by a digit or a decimal
/// point) and does not read `2020.9`-style year-month pairs or serial numbers.
pub fn find_date_in_text(s: &str, default_year: Option<i32>) -> Option<NaiveDate> {
    find_date_as(s, default_year, MonthOnly::End)
}

/// The date [`parse_date_text`] (else [`find_date_in_text`]) reads from `s`, when it is
/// a month without a day (2020年10月, 2020.10, 10月份, 已于10月完成): the month's last
/// day, which is to be said as the month (2020年10月), never as a day the unit did not
/// write. `None` for a day, and for a month's end written as such (10月底, 10月31日).
pub fn month_only_date(s: &str, default_year: Option<i32>) -> Option<NaiveDate> {
    // The cheap test first: three runs of digits (2020-11-20, 2020年11月20日) name a day.
    let runs = s
        .as_bytes()
        .split(|b| !b.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .count();
    if runs >= 3 {
        return None;
    }
    let (end, start) = match parse_date_text(s, default_year) {
        Some(end) => (end, parse_filing_date(s, default_year)?),
        None => {
            let end = find_date_in_text(s, default_year)?;
            (end, find_filing_date(s, default_year)?)
        }
    };
    (start != end && start.day() == 1 && start.with_day(end.day()) == Some(end)).then_some(end)
}

/// [`find_date_in_text`] for the date a return was filed (see [`parse_filing_date`]).
pub fn find_filing_date(s: &str, default_year: Option<i32>) -> Option<NaiveDate> {
    find_date_as(s, default_year, MonthOnly::Start)
}

/// The first date in `s` that names a day (2020年12月3日, 2020.11.30), passing over a
/// month alone (12月) or a part of one (12月上旬).
pub fn find_day_date(s: &str, default_year: Option<i32>) -> Option<NaiveDate> {
    first_date(s, default_year, MonthOnly::Start, true)
}

fn find_date_as(s: &str, default_year: Option<i32>, month: MonthOnly) -> Option<NaiveDate> {
    first_date(s, default_year, month, false)
}

/// The first date in `s`; with `day_only`, the first that names a day (its first and
/// last day the same).
fn first_date(
    s: &str,
    default_year: Option<i32>,
    month: MonthOnly,
    day_only: bool,
) -> Option<NaiveDate> {
    let n = nfkc(s);
    let n = arabic_date_numerals(&n);
    let c = spaces_dropped_or_breaking(&n);
    for i in 0..c.len() {
        if !c[i].is_ascii_digit() {
            continue;
        }
        if i > 0 && (c[i - 1].is_ascii_digit() || c[i - 1] == '.') {
            continue;
        }
        if let Some((d, end)) = date_at(&c, i, default_year, Mode::Find, month) {
            // A date must not run on into more digits (20200930123 is not a date).
            let whole = !c.get(end).is_some_and(|ch| ch.is_ascii_digit());
            let a_day = !day_only
                || date_at(&c, i, default_year, Mode::Find, MonthOnly::End)
                    .is_some_and(|(last, _)| last == d);
            if whole && a_day {
                return Some(d);
            }
        }
    }
    None
}

/// The characters of running text with its spaces dropped (2020年 12月 3日 is one
/// date), except a space after a day and before a number, which parts them: the time in
/// 2020/12/1 9:30, a page or copy number in 2020.12.1  3, must not run on into the day.
/// The space becomes a '|', which no date holds.
fn spaces_dropped_or_breaking(n: &str) -> Vec<char> {
    let mut c: Vec<char> = Vec::with_capacity(n.len());
    let mut chars = n.chars().peekable();
    while let Some(ch) = chars.next() {
        if !ch.is_whitespace() {
            c.push(ch);
            continue;
        }
        while chars.next_if(|x| x.is_whitespace()).is_some() {}
        let after_day = c
            .last()
            .is_some_and(|p| p.is_ascii_digit() || matches!(p, '日' | '号'));
        if after_day && chars.peek().is_some_and(char::is_ascii_digit) {
            c.push('|');
        }
    }
    c
}

/// A month.day pair in a name (区水利局（12.4修改）, 进展12．3): one or two digits, a dot,
/// one or two digits, not inside a longer number or a version (v1.2, 1.2.3), and a date
/// in `year`.
pub fn find_month_dot_day(s: &str, year: i32) -> Option<NaiveDate> {
    let c: Vec<char> = s.chars().collect();
    (0..c.len()).find_map(|i| {
        if i > 0 && c[i - 1].is_ascii_alphanumeric() {
            return None;
        }
        let (month, m_len) = digits_at(&c, i)?;
        let dot = i + m_len;
        if !matches!(c.get(dot), Some('.' | '．')) || m_len > 2 {
            return None;
        }
        let (day, d_len) = digits_at(&c, dot + 1)?;
        let after = c.get(dot + 1 + d_len);
        if d_len > 2 || after.is_some_and(|ch| ch.is_ascii_digit() || *ch == '.') {
            return None;
        }
        NaiveDate::from_ymd_opt(year, month, day)
    })
}

/// A month and day typed into a number cell (9.28, 11.15: the cell keeps the number):
/// `Some(Ok(date))` in `year`; `Some(Err((a, b)))` when the number cannot tell two days
/// apart, because the cell drops a trailing zero (10.1 is what 10.1 and 10.10 both
/// become; 2.3 is only 2月3日, there being no 2月30日); `None` for anything else
/// (whole numbers, more than two decimals, no such month or day).
pub fn month_day_of_number(n: f64, year: i32) -> Option<Result<NaiveDate, (NaiveDate, NaiveDate)>> {
    if !(1.0..13.0).contains(&n) || n.fract() == 0.0 {
        return None;
    }
    let text = format!("{n}");
    let (month, day) = text.split_once('.')?;
    let month: u32 = month.parse().ok()?;
    let as_written: u32 = day.parse().ok()?;
    match day.len() {
        2 => NaiveDate::from_ymd_opt(year, month, as_written).map(Ok),
        1 => {
            let short = NaiveDate::from_ymd_opt(year, month, as_written);
            match (short, NaiveDate::from_ymd_opt(year, month, as_written * 10)) {
                (Some(a), Some(b)) => Some(Err((a, b))),
                (Some(a), None) => Some(Ok(a)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A month and day written with a separator and no year, as a value of its own after a
/// 填报日期 label (12.3, 12/3, 12-3, 12．3): the text opens with it and nothing but a
/// space or a non-digit follows it (12.3报 but not 12.35 or 12.3.5). Without the label
/// such a pair is a decimal number, so callers use this only for a labelled value.
pub fn month_day_after_label(s: &str, year: i32) -> Option<NaiveDate> {
    let n = nfkc(s.trim());
    let c: Vec<char> = n.chars().collect();
    let (month, nm) = digits_at(&c, 0)?;
    let sep = *c.get(nm)?;
    if nm > 2 || !matches!(sep, '.' | '/' | '-') {
        return None;
    }
    let (day, nd) = digits_at(&c, nm + 1)?;
    let end = nm + 1 + nd;
    if nd > 2
        || c.get(end)
            .is_some_and(|ch| ch.is_ascii_digit() || *ch == sep)
    {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A month and day written as four digits in a name (区水利局进展1130, 1203报送): a run
/// of exactly four digits, not beside a letter or another digit, whose first two are a
/// month and last two a day of it in `year`.
pub fn find_compact_month_day(s: &str, year: i32) -> Option<NaiveDate> {
    let c: Vec<char> = s.chars().collect();
    (0..c.len()).find_map(|i| {
        if i > 0 && c[i - 1].is_ascii_alphanumeric() {
            return None;
        }
        let (_, len) = digits_at(&c, i)?;
        if len != 4 || c.get(i + 4).is_some_and(char::is_ascii_alphabetic) {
            return None;
        }
        let two = |at: usize| {
            c[at]
                .to_digit(10)
                .zip(c[at + 1].to_digit(10))
                .map(|(a, b)| a * 10 + b)
        };
        NaiveDate::from_ymd_opt(year, two(i)?, two(i + 2)?)
    })
}

/// `#[serde(with = "crate::common::dates::compact")]` for an `Option<NaiveDate>`: as
/// chrono writes it (`"2020-12-03"`) in JSON and every other human-readable format, so
/// ledger.json does not change; as the day number (`num_days_from_ce`) in a binary one,
/// the parsed-returns cache (`ingest/cache.rs`), where writing and reading the text was a
/// third of the cost of keeping a return.
pub mod compact {
    use chrono::{Datelike, NaiveDate};
    use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            d.serialize(s)
        } else {
            d.map(|d| d.num_days_from_ce()).serialize(s)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        if d.is_human_readable() {
            return Option::<NaiveDate>::deserialize(d);
        }
        Option::<i32>::deserialize(d)?
            .map(|n| {
                NaiveDate::from_num_days_from_ce_opt(n)
                    .ok_or_else(|| D::Error::custom("day number out of range"))
            })
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_say_why() {
        let why = |s| impossible_date_reason(s, Some(2020));
        assert_eq!(why("2020年11月31日").as_deref(), Some("11月只有30天"));
        assert_eq!(why("2020/4/31").as_deref(), Some("4月只有30天"));
        assert_eq!(why("2020.13.5").as_deref(), Some("没有13月"));
        assert_eq!(why("2020-02-30").as_deref(), Some("2020年2月只有29天"));
        assert_eq!(
            why("２０２１年２月２９日").as_deref(),
            Some("2021年2月只有28天")
        );
        assert_eq!(why("9月0日").as_deref(), Some("没有0日"));
        assert_eq!(
            why("二〇二〇年十一月三十一日").as_deref(),
            Some("11月只有30天")
        );
        // Real dates, and texts that are no date at all, have no reason.
        for fine in [
            "2020年11月30日",
            "2020.12.5",
            "12月底",
            "预计12月31日",
            "2020年",
            "31",
        ] {
            assert_eq!(why(fine), None, "{fine}");
        }
    }

    #[test]
    fn a_span_ends_at_its_second_date() {
        let end = |s: &str| parse_span_end(s, Some(2020));
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(end("2020年9月—11月"), d(2020, 11, 30));
        assert_eq!(end("9月至10月"), d(2020, 10, 31));
        assert_eq!(end("2020.9.1-2020.9.30"), d(2020, 9, 30));
        assert_eq!(end("2020年9月——2021年1月"), d(2021, 1, 31));
        // Not a span: one date, an end before its start, words.
        assert_eq!(end("2020年9月30日"), None);
        assert_eq!(end("11月至9月"), None);
        assert_eq!(end("9月至今"), None);
    }

    #[test]
    fn short_dotted_dates_and_quarters() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(parse_date_text("9.30", Some(2020)), d(2020, 9, 30));
        // Month and day with a slash, month first; no such day, no date.
        assert_eq!(parse_date_text("11/30", Some(2020)), d(2020, 11, 30));
        assert_eq!(parse_date_text("9/5", Some(2020)), d(2020, 9, 5));
        assert_eq!(parse_date_text("30/11", Some(2020)), None);
        assert_eq!(parse_date_text("11/30", None), None);
        assert_eq!(parse_date_text("1/2/3", Some(2020)), None);
        assert_eq!(parse_date_text("12.5", Some(2020)), d(2020, 12, 5));
        assert_eq!(parse_date_text("20.9.30", Some(2020)), d(2020, 9, 30));
        assert_eq!(parse_date_text("2020.9.", Some(2020)), d(2020, 9, 30));
        assert_eq!(
            parse_date_text("2020年第四季度", Some(2020)),
            d(2020, 12, 31)
        );
        assert_eq!(parse_date_text("第3季度", Some(2020)), d(2020, 9, 30));
        assert_eq!(
            parse_date_span("2020年第四季度", Some(2020)),
            Some((d(2020, 10, 1).unwrap(), d(2020, 12, 31).unwrap()))
        );
        // Half years and quarters without 第: the span of their months.
        assert_eq!(
            parse_date_span("2021年上半年", Some(2020)),
            Some((d(2021, 1, 1).unwrap(), d(2021, 6, 30).unwrap()))
        );
        assert_eq!(
            parse_date_span("2020年下半年", None),
            Some((d(2020, 7, 1).unwrap(), d(2020, 12, 31).unwrap()))
        );
        assert_eq!(parse_date_text("2021年一季度", None), d(2021, 3, 31));
        // Not dates: a month 13, no year to give a month.day, a fifth quarter.
        assert_eq!(parse_date_text("13.5", Some(2020)), None);
        assert_eq!(parse_date_text("9.30", None), None);
        assert_eq!(parse_date_text("第五季度", Some(2020)), None);
    }

    #[test]
    fn month_dot_day_in_a_name() {
        let d = |m, day| NaiveDate::from_ymd_opt(2020, m, day);
        assert_eq!(find_month_dot_day("区水利局（12.4修改）", 2020), d(12, 4));
        assert_eq!(find_month_dot_day("进展12．3", 2020), d(12, 3));
        for no in ["区财政局v1.2", "区水利局", "第123.45号", "13.40"] {
            assert_eq!(find_month_dot_day(no, 2020), None, "{no}");
        }
    }

    #[test]
    fn a_month_and_day_typed_as_a_number() {
        let d = |m, day| NaiveDate::from_ymd_opt(2020, m, day).unwrap();
        assert_eq!(month_day_of_number(9.28, 2020), Some(Ok(d(9, 28))));
        assert_eq!(month_day_of_number(11.15, 2020), Some(Ok(d(11, 15))));
        assert_eq!(month_day_of_number(12.05, 2020), Some(Ok(d(12, 5))));
        // One decimal: the day as written, or ten times it when the cell dropped a 0.
        assert_eq!(month_day_of_number(9.5, 2020), Some(Ok(d(9, 5))));
        assert_eq!(month_day_of_number(2.3, 2020), Some(Ok(d(2, 3))));
        assert_eq!(
            month_day_of_number(10.1, 2020),
            Some(Err((d(10, 1), d(10, 10))))
        );
        assert_eq!(
            month_day_of_number(9.3, 2020),
            Some(Err((d(9, 3), d(9, 30))))
        );
        for no in [9.0, 0.5, 13.2, 9.31, 9.283, 12.0] {
            assert_eq!(month_day_of_number(no, 2020), None, "{no}");
        }
    }

    #[test]
    fn dates_with_odd_separators() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        for (text, want) in [
            ("2020。9。28", d(2020, 9, 28)),
            ("2020，9，25", d(2020, 9, 25)),
            ("2020、11、20", d(2020, 11, 20)),
            ("9/27/2020", d(2020, 9, 27)),
            ("24/11/2020", d(2020, 11, 24)),
            // Either way round, or mixed separators, or a year out of range: no date.
            ("5/6/2020", None),
            ("2020、11。20", None),
            ("1850、1、2", None),
            ("12、13、14", None),
        ] {
            assert_eq!(parse_date_text(text, Some(2020)), want, "{text}");
        }
    }

    #[test]
    fn month_day_after_a_label() {
        let d = |m, day| NaiveDate::from_ymd_opt(2020, m, day);
        assert_eq!(month_day_after_label("12.3", 2020), d(12, 3));
        assert_eq!(month_day_after_label(" 12/3 ", 2020), d(12, 3));
        assert_eq!(month_day_after_label("12-03", 2020), d(12, 3));
        assert_eq!(month_day_after_label("１２．３", 2020), d(12, 3));
        assert_eq!(month_day_after_label("11.30报", 2020), d(11, 30));
        for no in [
            "12.35",
            "12.3.5",
            "13.1",
            "2.30",
            "123.4",
            "12.",
            "区水利局",
            "2020.12.3",
        ] {
            assert_eq!(month_day_after_label(no, 2020), None, "{no}");
        }
    }

    #[test]
    fn compact_month_day_in_a_name() {
        let d = |m, day| NaiveDate::from_ymd_opt(2020, m, day);
        assert_eq!(find_compact_month_day("区水利局进展1130", 2020), d(11, 30));
        assert_eq!(find_compact_month_day("1203报送", 2020), d(12, 3));
        // A year, a longer number, a code of letters, an impossible day: no date.
        for no in [
            "区水利局2020",
            "区财政局20201204",
            "区水利局v1203",
            "进展1231a",
            "区水利局1131",
            "123",
        ] {
            assert_eq!(find_compact_month_day(no, 2020), None, "{no}");
        }
    }

    #[test]
    fn chinese_numerals_in_dates() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(
            parse_date_text("二〇二〇年十二月四日", None),
            d(2020, 12, 4)
        );
        assert_eq!(parse_date_text("二○二○年九月三十日", None), d(2020, 9, 30));
        assert_eq!(
            parse_date_text("二O二O年十月二十一日", None),
            d(2020, 10, 21)
        );
        assert_eq!(parse_date_text("2020年十二月三日", None), d(2020, 12, 3));
        assert_eq!(parse_date_text("十一月十日", Some(2020)), d(2020, 11, 10));
        assert_eq!(
            find_date_in_text("已于二〇二〇年九月二十五日完成", None),
            d(2020, 9, 25)
        );
        assert_eq!(
            find_date_in_text("十二月底前完成", Some(2020)),
            d(2020, 12, 31)
        );
        // Not a date: a count of months or days, a year without four digits.
        assert_eq!(find_date_in_text("用时三个月", Some(2020)), None);
        assert_eq!(find_date_in_text("九十日内", Some(2020)), None);
        assert_eq!(parse_date_text("二十年", None), None);
        assert_eq!(parse_date_text("十三月一日", Some(2020)), None);
    }

    /// The letter O typed for a zero beside a figure is the zero (adv44 a49: 2020.9.3O
    /// read as 9月3日).
    #[test]
    fn a_letter_o_beside_figures_is_a_zero() {
        let d = |m, day| NaiveDate::from_ymd_opt(2020, m, day);
        assert_eq!(parse_date_text("2020.9.3O", None), d(9, 30));
        assert_eq!(parse_date_text("2020年9月2O日", None), d(9, 20));
        assert_eq!(parse_date_text("2O2O.09.2o", None), d(9, 20));
        assert_eq!(parse_date_text("OK", None), None);
    }

    /// A time or a stray number after a day, a space between, is not part of the day
    /// (adv44 b08: 2020/12/1 9:30 read as 12月19日, the return left out of the round).
    #[test]
    fn a_time_or_number_after_a_day_does_not_run_into_it() {
        let d = |m, day| NaiveDate::from_ymd_opt(2020, m, day);
        for (text, on) in [
            ("填报日期：2020/12/1 9:30", d(12, 1)),
            ("填报日期：2020/12/2 0:00", d(12, 2)),
            ("填报日期：2020.12.1  3", d(12, 1)),
            ("填报日期：2020-12-03 00:00:00", d(12, 3)),
            ("填报日期：2020年12月3日 0:00", d(12, 3)),
            ("填报时间：2020/12/3 15:45:12", d(12, 3)),
            ("仙龙镇 2020.12.1 2", d(12, 1)),
            ("五间镇整改进展 2020-12-01 10-30", d(12, 1)),
            // Spaces inside a date still join it.
            ("填报日期：2020年 12月 3日", d(12, 3)),
            ("填报日期：2020. 12. 3", d(12, 3)),
        ] {
            assert_eq!(find_filing_date(text, Some(2020)), on, "{text}");
        }
    }

    #[test]
    fn a_filing_month_is_its_first_day() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(parse_filing_date("2020年12月", None), d(2020, 12, 1));
        assert_eq!(parse_filing_date("2020.12", None), d(2020, 12, 1));
        assert_eq!(
            find_filing_date("填报时间：2020年12月", None),
            d(2020, 12, 1)
        );
        assert_eq!(parse_filing_date("2020年12月3日", None), d(2020, 12, 3));
        // 月底 says the day.
        assert_eq!(parse_filing_date("2020年11月底", None), d(2020, 11, 30));
        assert_eq!(parse_date_text("2020年12月", None), d(2020, 12, 31));
    }

    #[test]
    fn a_day_is_found_past_a_month_alone() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(
            find_day_date("区水利局12月整改进展（2020年12月3日）", Some(2020)),
            d(2020, 12, 3)
        );
        assert_eq!(
            find_day_date("11月份进展（2020.11.30报）", None),
            d(2020, 11, 30)
        );
        assert_eq!(find_day_date("区水利局12月上旬进展", Some(2020)), None);
        assert_eq!(find_day_date("区水利局12月进展", Some(2020)), None);
        assert_eq!(find_day_date("编号202012031", Some(2020)), None);
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Dated {
        #[serde(default, with = "compact")]
        on: Option<NaiveDate>,
    }

    #[test]
    fn compact_dates_are_text_in_json_and_day_numbers_in_binary() {
        for on in [
            None,
            NaiveDate::from_ymd_opt(2020, 12, 3),
            NaiveDate::from_ymd_opt(1, 1, 1),
            NaiveDate::from_ymd_opt(9999, 12, 31),
        ] {
            let d = Dated { on };
            let json = serde_json::to_string(&d).unwrap();
            // What chrono itself writes: ledger.json is unchanged.
            assert_eq!(json, serde_json::json!({ "on": on }).to_string());
            assert_eq!(serde_json::from_str::<Dated>(&json).unwrap(), d);
            let bytes = postcard::to_stdvec(&d).unwrap();
            assert!(bytes.len() <= 5, "{bytes:?}");
            assert_eq!(postcard::from_bytes::<Dated>(&bytes).unwrap(), d);
        }
        assert_eq!(
            serde_json::from_str::<Dated>("{}").unwrap(),
            Dated { on: None }
        );
        // A day number no date has is an error, not a panic.
        let far = postcard::to_stdvec(&Some(i32::MAX)).unwrap();
        assert!(postcard::from_bytes::<Dated>(&far).is_err());
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn serials() {
        assert_eq!(date_from_serial(44104.0), Some(d(2020, 9, 30)));
        assert_eq!(date_from_serial(44104.75), Some(d(2020, 9, 30)));
        assert_eq!(date_from_serial(43831.0), Some(d(2020, 1, 1)));
        assert_eq!(date_from_serial(12.0), None);
        assert_eq!(date_from_serial(0.0), None);
        assert_eq!(date_from_serial(-5.0), None);
        assert_eq!(date_from_serial(f64::NAN), None);
        assert_eq!(date_from_serial(f64::INFINITY), None);
        assert_eq!(date_from_serial(9_999_999.0), None);
    }

    #[test]
    fn full_dates_in_every_form() {
        let want = Some(d(2020, 9, 30));
        for s in [
            "2020年9月30日",
            "2020年09月30日",
            "2020年9月30号",
            "2020.9.30",
            "2020.09.30",
            "2020-9-30",
            "2020-09-30",
            "2020/9/30",
            "20200930",
            "2020年9月底",
            "2020年9月末",
            "2020年9月",
            "2020-09-30T00:00:00",
            "2020-09-30 00:00:00",
            "2020-09-30 00:00",
            "2020-09-30T00:00:00.000",
            "2020年9月30日 00:00",
            "44104",
            "44104.0",
            "２０２０年９月３０日",
            "２０２０．９．３０",
            "２０２０－０９－３０",
            " 2020 年 9 月 30 日 ",
            "2020年 9月30日\n",
            "\u{3000}2020年9月30日\u{3000}",
            "2020年9月30日前",
            "2020年9月底前",
            "2020年9月30日止",
            "2020年9月底之前",
            "2020.9",
            "2020-09",
        ] {
            assert_eq!(parse_date_text(s, None), want, "{s:?}");
        }
    }

    #[test]
    fn year_end_and_month_ends() {
        assert_eq!(parse_date_text("2020年底", None), Some(d(2020, 12, 31)));
        assert_eq!(parse_date_text("2020年12月底", None), Some(d(2020, 12, 31)));
        assert_eq!(parse_date_text("2020年2月底", None), Some(d(2020, 2, 29)));
        assert_eq!(parse_date_text("2021年2月", None), Some(d(2021, 2, 28)));
        assert_eq!(parse_date_text("2020年11月底", None), Some(d(2020, 11, 30)));
    }

    /// 上旬 / 中旬 / 下旬 / 初: the last day of the ten days (a filing date: the first);
    /// the span of a month or part of one, one day for a date.
    #[test]
    fn parts_of_a_month_and_spans() {
        assert_eq!(
            parse_date_text("12月上旬", Some(2020)),
            Some(d(2020, 12, 10))
        );
        assert_eq!(
            parse_date_text("2020年11月中旬", None),
            Some(d(2020, 11, 20))
        );
        assert_eq!(
            parse_date_text("2020年11月下旬", None),
            Some(d(2020, 11, 30))
        );
        assert_eq!(parse_date_text("2020年12月初", None), Some(d(2020, 12, 10)));
        assert_eq!(
            parse_filing_date("12月中旬", Some(2020)),
            Some(d(2020, 12, 11))
        );
        assert_eq!(
            parse_date_span("2020年12月", None),
            Some((d(2020, 12, 1), d(2020, 12, 31)))
        );
        assert_eq!(
            parse_date_span("12月上旬", Some(2020)),
            Some((d(2020, 12, 1), d(2020, 12, 10)))
        );
        assert_eq!(
            parse_date_span("2020年12月4日", None),
            Some((d(2020, 12, 4), d(2020, 12, 4)))
        );
        assert_eq!(
            parse_date_span("2020年12月底", None),
            Some((d(2020, 12, 31), d(2020, 12, 31)))
        );
    }

    #[test]
    fn year_implied() {
        assert_eq!(parse_date_text("9月底", Some(2020)), Some(d(2020, 9, 30)));
        assert_eq!(parse_date_text("9月30日", Some(2020)), Some(d(2020, 9, 30)));
        assert_eq!(
            parse_date_text("９月３０日", Some(2020)),
            Some(d(2020, 9, 30))
        );
        assert_eq!(
            parse_date_text("12月10日前", Some(2020)),
            Some(d(2020, 12, 10))
        );
        assert_eq!(parse_date_text("9月", Some(2020)), Some(d(2020, 9, 30)));
        assert_eq!(parse_date_text("9月底", None), None);
        assert_eq!(parse_date_text("9月30日", None), None);
    }

    #[test]
    fn invalid_dates() {
        for s in [
            "2020-2-30",
            "2020年13月1日",
            "2020年9月31日",
            "2020.13.1",
            "20201301",
            "2020年0月1日",
            "1899-01-01",
            "2200-01-01",
            "",
            "   ",
            "长期坚持",
            "已于2020年9月30日完成",
            "2020年9月30日完成",
            "2020-09-30X",
            "12",
            "123456",
            "2020.9.30.1",
            "2020-9/30",
            "12345",
        ] {
            assert_eq!(parse_date_text(s, Some(2020)), None, "{s:?}");
        }
    }

    #[test]
    fn dates_in_text() {
        assert_eq!(
            find_date_in_text("已于2020年9月30日完成", None),
            Some(d(2020, 9, 30))
        );
        assert_eq!(
            find_date_in_text("2020年12月底完成,并长期坚持", None),
            Some(d(2020, 12, 31))
        );
        assert_eq!(
            find_date_in_text("于9月底前完成整改", Some(2020)),
            Some(d(2020, 9, 30))
        );
        assert_eq!(find_date_in_text("于9月底前完成整改", None), None);
        assert_eq!(
            find_date_in_text("截至２０２０．１１．３０，已完成", None),
            Some(d(2020, 11, 30))
        );
        assert_eq!(find_date_in_text("投资2020.9万元", None), None);
        assert_eq!(find_date_in_text("清理2000米暗渠", None), None);
        assert_eq!(find_date_in_text("长期坚持", None), None);
        assert_eq!(find_date_in_text("编号202009301234", None), None);
        assert_eq!(
            find_date_in_text("第1阶段于2020/10/15完成，第2阶段2020-11-30", None),
            Some(d(2020, 10, 15))
        );
    }
}
