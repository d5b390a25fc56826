//! Chinese typography for everything a generated document prints (every docx run goes
//! through [`typeset`] in the docx writer; the ledger keeps the text as written):
//!
//! - nested quotation marks alternate “…‘…’…”: a “ opened inside an open “ becomes ‘,
//!   and its ” becomes ’;
//! - ASCII punctuation next to a Chinese character (across spaces) is printed
//!   full-width, the spaces around it dropped: `,` → ，, `;` → ；, `:` → ：, `(` `)` →
//!   （ ） (a pair alike: both full-width when either is, or Chinese is inside: (65座） →
//!   （65座）). Between digits or Latin letters on both sides (1,000 · 10:30 · (a)) it
//!   stays as written;
//! - a point ending a Chinese sentence (形成论证报告.) is a full stop 。, not a decimal
//!   point, a file's extension (整改.docx) nor a list's 1.; a doubled 。。 is one;
//! - a list of numbers (第1、4、5项) gets a zero-width space after each 、，； between
//!   digits: LibreOffice finds no line break in such a run and would push it whole to
//!   the next line, then cut it anywhere (“第\n1\n、4、5…”); Word and WPS ignore the
//!   mark;
//! - full-width digits a unit typed (３２０万元, ９５．５％) are printed as the document's
//!   own digits (320万元, 95.5%), with a ． or ％ beside them.

use crate::common::text::is_full_width_digit;

/// Whether `c` is a Chinese character or full-width punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK punctuation
        | 0x3400..=0x4DBF // extension A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF // full-width forms
        | 0x2018..=0x201D // curly quotes
        | 0x2014 | 0x2026)
}

/// The text with Chinese typography applied (see the module docs).
pub fn typeset(text: &str) -> String {
    if untouched(text) {
        return text.to_string();
    }
    typeset_each_char(text, true)
}

/// The plan's text as a spreadsheet cell shows it: ASCII punctuation next to Chinese
/// full-width and nested quotes alternating, as [`typeset`], but no zero-width spaces
/// (a cell is data a clerk copies; the breaks are for LibreOffice's Word layout).
pub fn punctuated(text: &str) -> std::borrow::Cow<'_, str> {
    if untouched(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(typeset_each_char(text, false))
}

/// Whether no rule of [`typeset_each_char`] applies to `text`: no curly double quote, no
/// ASCII `,` `;` `:` `(` `)` `.`, no 。。, and no 、，； between two ASCII digits. Most cells of a
/// report's tables are such plain text (checked on bytes: UTF-8 never encodes a
/// multi-byte character with an ASCII byte).
fn untouched(text: &str) -> bool {
    let b = text.as_bytes();
    if b.iter()
        .any(|x| matches!(x, b',' | b';' | b':' | b'(' | b')'))
    {
        return false;
    }
    if text.contains(['“', '”', '.']) || text.contains("。。") {
        return false;
    }
    // A full-width digit: EF BC 90 to EF BC 99.
    if b.windows(3)
        .any(|w| w[0] == 0xEF && w[1] == 0xBC && (0x90..=0x99).contains(&w[2]))
    {
        return false;
    }
    !text.match_indices(['、', '，', '；']).any(|(i, sep)| {
        b[..i].last().is_some_and(u8::is_ascii_digit)
            && b.get(i + sep.len()).is_some_and(u8::is_ascii_digit)
    })
}

/// [`typeset`], character by character; `breaks`: a zero-width space after each 、，；
/// between digits.
fn typeset_each_char(text: &str, breaks: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    // Chinese beside `i`, across spaces: 分析 (65座), 形成 → 分析（65座），形成.
    let near_cjk = |i: usize| {
        let prev = chars[..i].iter().rev().find(|c| !is_space(**c));
        let next = chars[i + 1..].iter().find(|c| !is_space(**c));
        prev.is_some_and(|c| is_cjk(*c)) || next.is_some_and(|c| is_cjk(*c))
    };
    // Each bracket printed full-width or not; a pair alike.
    let partner = paired_brackets(&chars);
    let wide_bracket = |i: usize| match partner[i] {
        Some(j) => {
            let (open, close) = (i.min(j), i.max(j));
            near_cjk(open) || near_cjk(close) || wide_pair(&chars, open, close)
        }
        None => near_cjk(i),
    };
    let mut out = String::with_capacity(text.len() + 8);
    // Open curly double quotes: true when printed as ‘ (a nested one).
    let mut quotes: Vec<bool> = Vec::new();
    // Spaces after a mark printed full-width are dropped (the mark holds its own).
    let mut after_wide = false;
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        if after_wide && is_space(c) {
            continue;
        }
        after_wide = false;
        let mut wide = |out: &mut String, mark: char| {
            out.truncate(out.trim_end_matches(is_space).len());
            out.push(mark);
            after_wide = true;
        };
        match c {
            '“' => {
                let nested = quotes.last().is_some_and(|inner| !inner);
                quotes.push(nested);
                out.push(if nested { '‘' } else { '“' });
            }
            '”' => match quotes.pop() {
                Some(true) => out.push('’'),
                _ => out.push('”'),
            },
            ',' if near_cjk(i) => wide(&mut out, '，'),
            ';' if near_cjk(i) => wide(&mut out, '；'),
            ':' if near_cjk(i) => wide(&mut out, '：'),
            '(' if wide_bracket(i) => wide(&mut out, '（'),
            ')' if wide_bracket(i) => wide(&mut out, '）'),
            // A sentence's full stop typed as a point after Chinese (形成论证报告.): not
            // a decimal point, a file's extension (整改.docx) nor a list's 1.
            '.' if prev.is_some_and(|p| is_cjk(p) && !is_full_width_digit(p))
                && next.is_none_or(|n| {
                    is_space(n) || n.is_whitespace() || is_cjk(n) || n.is_ascii_digit()
                }) =>
            {
                if !out.ends_with('。') {
                    wide(&mut out, '。');
                }
            }
            // A full stop doubled (批复实施。。) is one.
            '。' if out.ends_with('。') => {}
            '、' | '，' | '；'
                if breaks
                    && prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit()) =>
            {
                out.push(c);
                out.push(ZERO_WIDTH_SPACE);
            }
            '０'..='９' => out.push(half_width_digit(c)),
            '．' | '％'
                if prev.is_some_and(is_full_width_digit)
                    || next.is_some_and(is_full_width_digit) =>
            {
                out.push(if c == '．' { '.' } else { '%' });
            }
            c => out.push(c),
        }
    }
    out
}

/// A space between words (not a line break).
fn is_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// For each bracket of `chars` ( ( ) （ ） ), the index of the one it pairs with, if any:
/// a unit's text may open with one width and close with the other ((65座）).
fn paired_brackets(chars: &[char]) -> Vec<Option<usize>> {
    let mut partner = vec![None; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' | '（' => open.push(i),
            ')' | '）' => {
                if let Some(j) = open.pop() {
                    partner[i] = Some(j);
                    partner[j] = Some(i);
                }
            }
            _ => {}
        }
    }
    partner
}

/// Whether a pair of brackets holds what makes it full-width besides its neighbours:
/// one of the two is full-width already, or Chinese is inside.
fn wide_pair(chars: &[char], open: usize, close: usize) -> bool {
    chars[open] == '（' || chars[close] == '）' || chars[open + 1..close].iter().any(|c| is_cjk(*c))
}

/// A full-width digit as its ASCII digit.
fn half_width_digit(c: char) -> char {
    char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
}

/// A line-break opportunity that prints nothing.
pub const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// How a clerk's marker opens (【待补充：我局进展】): text the clerk fills in before the
/// document is sent; the Word writer highlights it.
pub const TO_FILL: &str = "【待补充";

#[cfg(test)]
mod tests {
    use super::{typeset, typeset_each_char};

    proptest::proptest! {
        /// The shortcut for untouched text gives what the rules give, on text made of
        /// every character a rule looks at, digits, letters and Chinese.
        #[test]
        fn the_shortcut_changes_nothing(
            text in "[“”‘’,;:().、，；：0-9a-z０-９．％% 一二三项（）。\n]{0,24}"
        ) {
            proptest::prop_assert_eq!(typeset(&text), typeset_each_char(&text, true));
        }
    }

    #[test]
    fn full_width_digits_print_as_the_documents_own() {
        assert_eq!(typeset("已拨付经费３２０万元"), "已拨付经费320万元");
        assert_eq!(typeset("达标率９５．５％，完成"), "达标率95.5%，完成");
        // A ． or ％ with no full-width digit beside it stays.
        assert_eq!(typeset("第一．二％"), "第一．二％");
    }

    #[test]
    fn nested_quotes_alternate() {
        assert_eq!(
            typeset("推进“打造“无废城市”试点”工作"),
            "推进“打造‘无废城市’试点”工作"
        );
        assert_eq!(typeset("“一河一长”和“三乱”"), "“一河一长”和“三乱”");
        // Three levels: “‘“”’”.
        assert_eq!(typeset("“a“b“c”b”a”"), "“a‘b“c”b’a”");
        // An unbalanced close stays as written.
        assert_eq!(typeset("甲”乙"), "甲”乙");
    }

    #[test]
    fn ascii_punctuation_between_chinese_is_full_width() {
        assert_eq!(
            typeset("（一）科学施策,有效降低农业农村污染"),
            "（一）科学施策，有效降低农业农村污染"
        );
        assert_eq!(
            typeset("2020年12月底完成,并长期坚持;见附件:台账(试行)"),
            "2020年12月底完成，并长期坚持；见附件：台账（试行）"
        );
        assert_eq!(typeset("1,000 and 10:30 (a, b)"), "1,000 and 10:30 (a, b)");
        assert_eq!(typeset("处理规模(5万吨/日)"), "处理规模（5万吨/日）");
    }

    #[test]
    fn half_width_marks_a_unit_typed_in_chinese_are_full_width() {
        assert_eq!(
            typeset("已完成进水情况分析 (65座）, 形成论证报告."),
            "已完成进水情况分析（65座），形成论证报告。"
        );
        assert_eq!(
            typeset("录入排水户2146户.2.完成排查,建立问题清单.3.制定方案23个."),
            "录入排水户2146户。2.完成排查，建立问题清单。3.制定方案23个。"
        );
        assert_eq!(
            typeset("9月18日区政府批复实施。。"),
            "9月18日区政府批复实施。"
        );
        assert_eq!(typeset("形成论证报告.。"), "形成论证报告。");
        // A pair stays alike: Chinese beside the opening one makes both full-width.
        assert_eq!(typeset("报告 (abc) 已印发"), "报告（abc）已印发");
        // Not a decimal point, a file's extension, a list's number, or Latin text.
        for kept in [
            "达标率95.5%",
            "详见小水电整改.docx",
            "1.已建立清单",
            "see p. 3 (a, b)",
        ] {
            assert_eq!(typeset(kept), kept);
        }
    }

    #[test]
    fn number_lists_may_break_after_each_separator() {
        assert_eq!(typeset("第1、4、56项"), "第1、\u{200B}4、\u{200B}56项");
        assert_eq!(typeset("2020，2021；3"), "2020，\u{200B}2021；\u{200B}3");
        // Not between words, nor after a number that ends a list.
        assert_eq!(typeset("水、电"), "水、电");
        assert_eq!(typeset("第5、六项"), "第5、六项");
    }
}
