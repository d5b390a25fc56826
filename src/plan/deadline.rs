//! 完成时限: the deadline phrases of the task table.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::text::compact_nfkc;

/// A task's deadline as written in the plan, and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The phrase exactly as in the table, e.g. `2020年12月底完成,并长期坚持`.
    pub text: String,
    /// The date by which the time-bound part is due (月底 = the month's last day).
    pub due: Option<NaiveDate>,
    /// The task goes on after the due date (长期坚持 / 长期保持).
    pub ongoing: bool,
}

impl Deadline {
    /// Parse a deadline phrase. Accepted forms (full-width digits and spaces allowed):
    /// `2020年9月底`, `2020年9月30日`, `2020年9月30日前`, each optionally followed by
    /// `完成`, a comma, and `并长期坚持` / `并长期保持`; and `长期坚持` / `长期保持` alone.
    /// A date as Excel writes one (`2020/12/31`, `2020-12-31`, `2020.12.31`, or a date
    /// cell, which the table reader turns into `2020年12月31日`) is accepted too, and its
    /// text is written the plan's way (`2020年12月31日`), as the documents print it.
    pub fn parse(text: &str) -> Option<Deadline> {
        if let Some(written) = numeric_date_as_words(&compact_nfkc(text)) {
            return Deadline::parse(&written);
        }
        let key: String = compact_nfkc(text);
        let key = key.trim_end_matches(['。', '.', ';', '；']);
        if key.is_empty() {
            return None;
        }
        if matches!(key, "长期坚持" | "长期保持" | "持续推进") {
            return Some(Deadline {
                text: text.trim().to_string(),
                due: None,
                ongoing: true,
            });
        }
        let (due, rest) = parse_due(key)?;
        let rest = rest.strip_prefix('前').unwrap_or(rest);
        let rest = rest.strip_prefix("完成").unwrap_or(rest);
        let rest = rest.trim_start_matches([',', '，', '、']);
        let ongoing = match rest {
            "" => false,
            "并长期坚持" | "并长期保持" | "长期坚持" | "长期保持" => true,
            _ => return None,
        };
        Some(Deadline {
            text: text.trim().to_string(),
            due: Some(due),
            ongoing,
        })
    }

    /// Is the time-bound part past due on `as_of` (due date strictly before it)?
    pub fn is_past(&self, as_of: NaiveDate) -> bool {
        self.due.is_some_and(|d| d < as_of)
    }

    /// 长期坚持 alone: kept up, with no date to be due by.
    pub fn is_long_term_only(&self) -> bool {
        self.ongoing && self.due.is_none()
    }

    /// Due by a date and kept up after it (2020年9月底完成并长期坚持).
    pub fn is_done_then_kept_up(&self) -> bool {
        self.ongoing && self.due.is_some()
    }
}

/// A deadline phrase as written, cut after its date (2020年12月底, 2020年9月30日前) when
/// more follows: (`2020年12月底`, `完成,并长期坚持`); the whole phrase and "" when it
/// has no such date or nothing follows it.
pub fn date_and_rest(text: &str) -> (&str, &str) {
    let text = text.trim();
    let date_end = text.find('月').and_then(|m| {
        let rest = &text[m..];
        rest.find(['底', '日'])
            .filter(|&i| rest[..i].chars().count() <= 3)
            .map(|i| m + i + rest[i..].chars().next().map_or(0, char::len_utf8))
    });
    match date_end {
        Some(end) if !text[end..].trim_start_matches(['前', ' ']).is_empty() => {
            let end = end + text[end..].find(|c| c != '前').unwrap_or(0);
            text.split_at(end)
        }
        _ => (text, ""),
    }
}

/// `YYYY年M月底` or `YYYY年M月D日` at the start of `s`; returns the date and the rest.
fn parse_due(s: &str) -> Option<(NaiveDate, &str)> {
    let (year, rest) = take_number(s)?;
    let rest = rest.strip_prefix('年')?;
    let (month, rest) = take_number(rest)?;
    let rest = rest.strip_prefix('月')?;
    if let Some(rest) = rest.strip_prefix('底') {
        return Some((last_day_of_month(year as i32, month)?, rest));
    }
    let (day, rest) = take_number(rest)?;
    let rest = rest.strip_prefix('日')?;
    Some((NaiveDate::from_ymd_opt(year as i32, month, day)?, rest))
}

/// `2020/12/31…`, `2020-12-31…` or `2020.12.31…` rewritten `2020年12月31日…` (the
/// separators the same, the date a real one); None for any other text.
fn numeric_date_as_words(s: &str) -> Option<String> {
    let (year, rest) = take_number(s)?;
    let sep = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '/' | '-' | '.'))?;
    let (month, rest) = take_number(&rest[1..])?;
    let rest = rest.strip_prefix(sep)?;
    let (day, rest) = take_number(rest)?;
    if year < 1000 {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)?;
    Some(format!("{year}年{month}月{day}日{rest}"))
}

fn take_number(s: &str) -> Option<(u32, &str)> {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(s.len(), |(i, _)| i);
    if end == 0 || end > 4 {
        return None;
    }
    Some((s[..end].parse().ok()?, &s[end..]))
}

/// The last day of a month (月底).
pub fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1)?;
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn month_end_and_ongoing_forms() {
        let cases = [
            ("2020年9月底", d(2020, 9, 30), false),
            ("2020年10月底", d(2020, 10, 31), false),
            ("2020年12月底", d(2020, 12, 31), false),
            ("2021年12月底", d(2021, 12, 31), false),
            ("2021年2月底", d(2021, 2, 28), false),
            ("2020年12月底完成,并长期坚持", d(2020, 12, 31), true),
            ("2020年12月底完成并长期坚持", d(2020, 12, 31), true),
            ("2020年11月底完成,并长期保持", d(2020, 11, 30), true),
            ("2020年9月底完成，并长期坚持", d(2020, 9, 30), true),
            ("２０２０年９月底", d(2020, 9, 30), false),
            ("2020年9月30日前", d(2020, 9, 30), false),
            ("长期坚持", None, true),
        ];
        for (text, due, ongoing) in cases {
            let got = Deadline::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((got.due, got.ongoing), (due, ongoing), "{text}");
            assert_eq!(got.text, text);
        }
    }

    #[test]
    fn dates_as_excel_writes_them() {
        for text in ["2020/12/31", "2020-12-31", "2020.12.31", " 2020/12/31 "] {
            let got = Deadline::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(got.due, d(2020, 12, 31), "{text}");
            assert!(!got.ongoing);
            assert_eq!(got.text, "2020年12月31日");
        }
        let got = Deadline::parse("2020/9/30完成,并长期坚持").unwrap();
        assert_eq!((got.due, got.ongoing), (d(2020, 9, 30), true));
        assert_eq!(got.text, "2020年9月30日完成,并长期坚持");
        for bad in ["2020/13/1", "2020/2/30", "2020/12-31", "20/12/31"] {
            assert_eq!(Deadline::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn rejects_what_it_cannot_read() {
        for bad in [
            "",
            "尽快",
            "2020年13月底",
            "2020年9月底完成,并尽快",
            "9月底",
            "2020年2月30日",
        ] {
            assert_eq!(Deadline::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn past_due() {
        let dl = Deadline::parse("2020年9月底").unwrap();
        assert!(dl.is_past(NaiveDate::from_ymd_opt(2020, 12, 10).unwrap()));
        assert!(!dl.is_past(NaiveDate::from_ymd_opt(2020, 9, 30).unwrap()));
        assert!(!Deadline::parse("长期坚持")
            .unwrap()
            .is_past(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()));
    }

    #[test]
    fn the_date_of_a_deadline_and_the_rest() {
        assert_eq!(
            date_and_rest("2020年12月底完成,并长期坚持"),
            ("2020年12月底", "完成,并长期坚持")
        );
        assert_eq!(
            date_and_rest("2020年9月30日前完成"),
            ("2020年9月30日前", "完成")
        );
        assert_eq!(date_and_rest("2020年12月底"), ("2020年12月底", ""));
        assert_eq!(date_and_rest("2020年12月31日前"), ("2020年12月31日前", ""));
        assert_eq!(date_and_rest("长期坚持"), ("长期坚持", ""));
    }
}
