//! Text helpers shared by every stage: match keys and sanitising.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Whether `c` is a full-width digit (０ to ９), as Chinese input methods type them.
pub fn is_full_width_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// Whether `c` is a digit as units type them: ASCII or full-width.
pub fn is_any_digit(c: char) -> bool {
    c.is_ascii_digit() || is_full_width_digit(c)
}

/// NFKC-normalise and drop all whitespace (including newlines and full-width spaces).
/// For match keys only: NFKC changes the text (① → 1), so never show its result.
pub fn compact_nfkc(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Remove characters that XML 1.0 cannot hold and other control characters, keeping
/// tab and newline. Carriage returns become newlines (CRLF → LF).
/// Used on every string that goes into a generated document.
pub fn sanitize(s: &str) -> String {
    sanitized(s).into_owned()
}

/// [`sanitize`] without a copy when there is nothing to remove (the usual case).
pub fn sanitized(s: &str) -> Cow<'_, str> {
    if is_clean(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(sanitize_owned(s))
}

/// Whether `sanitize` would leave the text as it is, checked on its UTF-8 bytes: the
/// characters it drops or changes are the C0 controls but tab and newline, DEL, the
/// C1 controls (C2 80–C2 9F) and U+FFFE/U+FFFF (EF BF BE/BF); a valid `str` holds no
/// surrogates.
fn is_clean(b: &[u8]) -> bool {
    // C0 controls but tab and newline, and DEL: a plain fold over the bytes, which the
    // compiler vectorises (no early exit).
    let controls = b.iter().fold(0u8, |acc, &x| {
        acc | u8::from((x < 0x20 && x != b'\t' && x != b'\n') || x == 0x7F)
    });
    if controls != 0 {
        return false;
    }
    // The multi-byte cases start with C2 or EF (EF also leads full-width punctuation,
    // so each hit is checked).
    for i in memchr::memchr2_iter(0xC2, 0xEF, b) {
        let next = |k: usize| b.get(i + k).copied();
        let bad = match b[i] {
            0xC2 => matches!(next(1), Some(0x80..=0x9F)),
            _ => next(1) == Some(0xBF) && matches!(next(2), Some(0xBE | 0xBF)),
        };
        if bad {
            return false;
        }
    }
    true
}

fn sanitize_owned(s: &str) -> String {
    let s = s.replace("\r\n", "\n");
    s.chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|&c| is_xml_char(c) && (c == '\n' || c == '\t' || !c.is_control()))
        .collect()
}

/// The text without the invisible format characters a web page or chat app leaves in
/// copied text (zero-width space, non-joiner and joiner, word joiner, a stray BOM):
/// they make 21 unreadable as a number and a status word unknown. No copy when there
/// are none (checked on the bytes: each starts E2 80 / E2 81 or EF BB).
pub fn visible(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let any = memchr::memchr2_iter(0xE2, 0xEF, b).any(|i| {
        matches!(
            (b[i], b.get(i + 1), b.get(i + 2)),
            (0xE2, Some(0x80), Some(0x8B..=0x8D))
                | (0xE2, Some(0x81), Some(0xA0))
                | (0xEF, Some(0xBB), Some(0xBF))
        )
    });
    if !any {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|c| !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'))
            .collect(),
    )
}

/// The XML 1.0 `Char` production.
pub fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\u{9}' | '\u{A}' | '\u{D}'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// Trim, collapse inner runs of whitespace (including newlines) to nothing between CJK
/// text and to one space elsewhere. Used to clean a cell for display in messages.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    one_line_into(&[s], &mut out, usize::MAX);
    out
}

/// `one_line(s)` into `out`, stopping after `max` characters; returns how many it
/// wrote. Leading and trailing white space never shows: a run of it is written only
/// before the next visible character, and only between two ASCII letters or digits.
fn one_line_into(parts: &[&str], out: &mut String, max: usize) -> usize {
    let mut written = 0;
    let mut pending_space = false;
    let mut prev_ascii = false;
    for s in parts {
        // The visible characters since the last white space are copied as one slice.
        let mut run = 0..0;
        for (i, c) in s.char_indices() {
            if written == max {
                out.push_str(&s[run]);
                return written;
            }
            // No white space lies past U+3000 (the ideographic space): most Chinese
            // text skips the Unicode table.
            if c <= '\u{3000}' && c.is_whitespace() {
                out.push_str(&s[run]);
                run = i + c.len_utf8()..i + c.len_utf8();
                pending_space = true;
                continue;
            }
            if pending_space {
                if prev_ascii && c.is_ascii_alphanumeric() {
                    out.push(' ');
                    written += 1;
                    if written == max {
                        return written;
                    }
                }
                pending_space = false;
            }
            run.end = i + c.len_utf8();
            written += 1;
            prev_ascii = c.is_ascii_alphanumeric();
        }
        out.push_str(&s[run]);
    }
    written
}

/// The clauses of a text: its pieces between ， 。 ； (full-width or ASCII) and line
/// breaks, trimmed, empty ones left out.
pub fn clauses(text: &str) -> impl Iterator<Item = &str> {
    text.split(['，', '。', '；', ',', ';', '\n'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

/// The clause of a progress text that says when the work will be done (…正在按专家意见
/// 修改完善，预计12月底报批 gives 预计12月底报批): a plan word and a time.
pub fn planned_clause(progress: &str) -> Option<&str> {
    const PLANS: [&str; 5] = ["预计", "计划", "力争", "争取", "确保"];
    clauses(progress).find(|c| {
        PLANS.iter().any(|w| c.starts_with(w))
            && (c.contains('月') || c.contains("年底") || c.contains("年内"))
            && c.chars().count() <= 30
    })
}

/// Shorten text for a message: at most `max` characters, with an ellipsis.
pub fn excerpt(s: &str, max: usize) -> String {
    excerpt_of(&[s], max)
}

/// [`excerpt`] of the texts written one after another, without writing them out whole
/// first (a long progress text after a short label).
pub fn excerpt_of(parts: &[&str], max: usize) -> String {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut out = String::with_capacity(len.min(4 * max + 4));
    // One character past `max` says whether anything was cut.
    if one_line_into(parts, &mut out, max.saturating_add(1)) > max {
        out.pop();
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `one_line_into` as first written, a character at a time: the reference.
    fn one_line_by_char(s: &str, max: usize) -> (String, usize) {
        let (mut out, mut written, mut pending_space, mut prev_ascii) =
            (String::new(), 0, false, false);
        for c in s.chars() {
            if written == max {
                break;
            }
            if c.is_whitespace() {
                pending_space = true;
                continue;
            }
            if pending_space {
                if prev_ascii && c.is_ascii_alphanumeric() {
                    out.push(' ');
                    written += 1;
                    if written == max {
                        break;
                    }
                }
                pending_space = false;
            }
            out.push(c);
            written += 1;
            prev_ascii = c.is_ascii_alphanumeric();
        }
        (out, written)
    }

    #[test]
    fn a_line_is_copied_in_runs_as_it_was_a_character_at_a_time() {
        let texts = [
            "",
            " ",
            "  a  b  ",
            "已清理河道垃圾108吨，\n 正在推进 AB 12",
            "\u{3000}第5项\t区水利局 x\r\ny 😀 z",
            "ab",
        ];
        for a in texts {
            for b in texts {
                let joined = format!("{a}{b}");
                for max in 0..=joined.chars().count() + 1 {
                    let mut out = String::new();
                    let written = one_line_into(&[a, b], &mut out, max);
                    assert_eq!(
                        (out, written),
                        one_line_by_char(&joined, max),
                        "{joined:?} {max}"
                    );
                }
            }
        }
    }

    #[test]
    fn an_excerpt_of_parts_is_the_excerpt_of_them_written_out() {
        let texts = [
            "第5项 区水利局 ",
            "",
            " ",
            "已清理河道垃圾108吨，\n 正在推进 AB 12",
            "a",
            "b c",
        ];
        for a in texts {
            for b in texts {
                for max in [0, 3, 8, 40] {
                    assert_eq!(
                        excerpt_of(&[a, b], max),
                        excerpt(&format!("{a}{b}"), max),
                        "{a:?} {b:?} {max}"
                    );
                }
            }
        }
    }

    /// `excerpt` as it was first written: the whole text made one line, then cut.
    fn excerpt_of_whole(s: &str, max: usize) -> String {
        let s = one_line(s);
        if s.chars().count() <= max {
            s
        } else {
            let mut t: String = s.chars().take(max).collect();
            t.push('…');
            t
        }
    }

    #[test]
    fn an_excerpt_is_the_start_of_the_whole_line() {
        for s in [
            "",
            "  ",
            "已完成",
            " a  b\n c ",
            "区水利局\n\t完成",
            "ab cd",
            "第1项 区水利局 已完成整治 GPS 100 km",
        ] {
            for max in 0..12 {
                assert_eq!(excerpt(s, max), excerpt_of_whole(s, max), "{s:?} {max}");
            }
        }
        assert_eq!(excerpt("ab cd", 2), "ab…");
        assert_eq!(excerpt("ab cd", 3), "ab …");
        assert_eq!(one_line("  a \n b 中 \t文 "), "a b中文");
    }

    proptest::proptest! {
        #[test]
        fn excerpt_matches_the_whole_line_cut(s in "[a-z1 \t\n中文，。]{0,40}", max in 0usize..30) {
            proptest::prop_assert_eq!(excerpt(&s, max), excerpt_of_whole(&s, max));
        }
    }

    #[test]
    fn invisible_format_characters_are_dropped() {
        assert_eq!(visible("\u{200B}21"), "21");
        assert_eq!(visible("已\u{200D}完成\u{FEFF}\u{2060}"), "已完成");
        assert!(matches!(visible("第1、4项（已完成）"), Cow::Borrowed(_)));
    }

    #[test]
    fn sanitize_drops_invalid_and_keeps_layout() {
        assert_eq!(sanitize("a\u{1}b\u{B}c\u{C}\u{FFFF}d"), "abcd");
        assert_eq!(sanitize("一\r\n二\r三\t四"), "一\n二\n三\t四");
        assert_eq!(sanitize("\u{7F}x\u{85}"), "x");
        assert!(matches!(sanitized("区水利局\n\t完成"), Cow::Borrowed(_)));
        assert_eq!(sanitized("a\rb"), "a\nb");
    }

    #[test]
    fn byte_check_agrees_with_sanitize_on_every_bmp_character() {
        for cp in (0..=0xFFFFu32).chain([0x10000, 0x10FFFF]) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let s = format!("a{c}b");
            assert_eq!(
                is_clean(s.as_bytes()),
                sanitize_owned(&s) == s,
                "U+{cp:04X}"
            );
        }
    }

    #[test]
    fn compact_nfkc_folds_width_and_space() {
        assert_eq!(compact_nfkc("２０２０ 年\n"), "2020年");
    }

    #[test]
    fn one_line_and_excerpt() {
        assert_eq!(one_line(" 区水利局 \n 报送 "), "区水利局报送");
        assert_eq!(one_line("GB T"), "GB T");
        assert_eq!(excerpt("一二三四五", 3), "一二三…");
    }
}
