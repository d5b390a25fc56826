//! Line breaks for the plan's short texts in narrow spreadsheet columns (重点任务,
//! 完成时限). Excel and LibreOffice Calc wrap Chinese text at any character, so a line
//! could start with a comma (三、综合治理 / ，促进…) or end on one character (…长期坚 /
//! 持). Here the breaks are chosen as a typesetter would: no line starts with closing
//! punctuation or ends with opening punctuation, a date (2020年9月底) or a run of
//! letters and digits stays whole, lines come out even, and a break after ，、； is
//! preferred. The line width is a little under the column's, so a viewer whose cells
//! are a point narrower still keeps each line whole.

use super::xlsx_common::{char_width as char_units, column_points, text_cow, BODY_PT};

/// Characters a line must not start with.
const NO_START: &str = "，。、；：？！）》」』】〕”’…%％,.;:?!)";
/// Characters a line must not end with.
const NO_END: &str = "（《「『【〔“‘(";
/// Punctuation a line may well end after (a clause ends).
const CLAUSE_END: &str = "，、；：。";
/// Words of the plan's deadlines no break splits (the columns are too narrow for
/// 长期 / 坚持 split across lines to read as one phrase).
const WHOLE_WORDS: [&str; 4] = ["长期坚持", "长期保持", "长期", "完成"];
/// Display units from which a column's lines run full (a paragraph in a wide column)
/// rather than even (a heading in a narrow one).
const WIDE_ROOM: usize = 24;
/// Points a cell's text keeps clear of the column's edges, in every viewer.
const CELL_PADDING_PT: f64 = 4.0;

/// `text` with line breaks for a column `width` Excel units wide at body size; the
/// text unchanged when it fits on one line (or holds no room to break).
pub(crate) fn broken_lines(text: &str, width: f64) -> String {
    broken(text, width, false)
}

/// [`broken_lines`] for a list of names (区农业农村委、来苏镇): a break between two
/// names rather than inside one, where the names fit a line.
pub(crate) fn broken_names(text: &str, width: f64) -> String {
    broken(text, width, true)
}

/// A cell of the plan's text: made safe for a cell, broken by `typeset`
/// ([`broken_lines`] or [`broken_names`]) to a column `width` wide, then capped (the
/// breaks count toward Excel's limit).
pub(crate) fn typeset_cell(text: &str, width: f64, typeset: fn(&str, f64) -> String) -> String {
    let broken = typeset(&crate::common::text::sanitized(text), width);
    text_cow(&broken).into_owned()
}

fn broken(text: &str, width: f64, names: bool) -> String {
    let room = line_room(width);
    text.split('\n')
        .map(|para| break_paragraph(para, room, names))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The lines `text` takes in a column `width` wide: each of its lines, wrapped where
/// it is wider than the column (not where [`broken_lines`] broke it).
pub(crate) fn line_count(text: &str, width: f64) -> usize {
    let room = line_room(width);
    text.split('\n')
        .map(|l| {
            l.chars()
                .map(char_units)
                .sum::<usize>()
                .div_ceil(room)
                .max(1)
        })
        .sum()
}

/// Display units (a CJK character two) a line may take in a column `width` wide.
fn line_room(width: f64) -> usize {
    let chars = (column_points(width) - CELL_PADDING_PT) / BODY_PT;
    ((chars * 2.0).floor() as usize).max(2)
}

/// A piece no line break splits: a character with the punctuation that must stay
/// beside it, a date, a run of letters and digits, or one of [`WHOLE_WORDS`].
struct Piece<'a> {
    text: &'a str,
    width: usize,
    /// The piece ends a clause (a break after it reads well).
    clause_end: bool,
}

fn break_paragraph(para: &str, room: usize, names: bool) -> String {
    let total: usize = para.chars().map(char_units).sum();
    if total <= room {
        return para.to_string();
    }
    let whole = if names {
        name_pieces(para)
    } else {
        pieces(para, true)
    };
    // A name, date or word wider than a line is broken like any other text.
    let pieces: Vec<Piece> = whole
        .into_iter()
        .flat_map(|p| {
            if p.width > room {
                pieces(p.text, false)
            } else {
                vec![p]
            }
        })
        .collect();
    best_breaks(&pieces, room).map_or_else(|| para.to_string(), |lines| lines.join("\n"))
}

/// The names of a list, each with the separator after it (、，；or a space).
fn name_pieces(s: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if "、，,；; ".contains(c) {
            let end = i + c.len_utf8();
            out.push(piece(&s[start..end]));
            start = end;
        }
    }
    if start < s.len() {
        out.push(piece(&s[start..]));
    }
    out
}

fn piece(text: &str) -> Piece<'_> {
    Piece {
        text,
        width: text.chars().map(char_units).sum(),
        clause_end: text.chars().last().is_some_and(|l| CLAUSE_END.contains(l)),
    }
}

/// The unbreakable pieces of a line of text: runs of letters and digits always, dates
/// and [`WHOLE_WORDS`] when `words`.
fn pieces(s: &str, words: bool) -> Vec<Piece<'_>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out: Vec<Piece> = Vec::new();
    let mut i = 0;
    let mut open_from: Option<usize> = None;
    while i < chars.len() {
        let start = open_from.take().unwrap_or(chars[i].0);
        let (c, mut j) = (chars[i].1, i + 1);
        if NO_END.contains(c) && j < chars.len() {
            // Opening punctuation goes down with what follows it.
            open_from = Some(start);
            i = j;
            continue;
        }
        let whole_word = || {
            WHOLE_WORDS
                .iter()
                .filter(|_| words)
                .find(|w| s[chars[i].0..].starts_with(**w))
        };
        if c.is_ascii_alphanumeric() {
            j = if words {
                word_or_date_end(&chars, i)
            } else {
                i + chars[i..]
                    .iter()
                    .take_while(|x| x.1.is_ascii_alphanumeric())
                    .count()
            };
        } else if let Some(w) = whole_word() {
            j = i + w.chars().count();
        }
        // Closing punctuation stays up with what precedes it.
        while j < chars.len() && NO_START.contains(chars[j].1) {
            j += 1;
        }
        let end = chars.get(j).map_or(s.len(), |x| x.0);
        out.push(piece(&s[start..end]));
        i = j;
    }
    out
}

/// Where a run of letters and digits starting at `i` ends, with a date's units:
/// 2020年12月底, 12月31日, 2021年.
fn word_or_date_end(chars: &[(usize, char)], mut i: usize) -> usize {
    loop {
        while i < chars.len() && chars[i].1.is_ascii_alphanumeric() {
            i += 1;
        }
        match chars.get(i).map(|x| x.1) {
            Some('年') | Some('日') | Some('号') => i += 1,
            Some('月') => {
                i += 1;
                if matches!(chars.get(i).map(|x| x.1), Some('底' | '初' | '末')) {
                    i += 1;
                }
            }
            _ => return i,
        }
        if !chars.get(i).is_some_and(|x| x.1.is_ascii_digit()) {
            return i;
        }
    }
}

/// The lines, fewest first, then evenest: each line but the last as close to `room` as
/// it can be (less strictly where it ends a clause), the last not much shorter than
/// half of it; in a wide column every line but the last as full as it can be. None
/// when a piece is wider than the room.
fn best_breaks<'a>(pieces: &[Piece<'a>], room: usize) -> Option<Vec<String>> {
    if pieces.iter().any(|p| p.width > room) {
        return None;
    }
    let n = pieces.len();
    // A wide column's lines run full, as a paragraph's do; a narrow one's come out even.
    let wide = room >= WIDE_ROOM;
    // best[i]: (lines, cost, where the last line starts) for pieces[..i].
    let mut best: Vec<Option<(usize, i64, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0, 0));
    for end in 1..=n {
        let mut width = 0;
        for start in (0..end).rev() {
            width += pieces[start].width;
            if width > room {
                break;
            }
            let Some((lines, cost, _)) = best[start] else {
                continue;
            };
            let slack = (room - width) as i64;
            let line_cost = if end == n {
                let short = (room as i64 / 2 - width as i64).max(0);
                if wide {
                    0
                } else {
                    2 * short * short
                }
            } else if pieces[end - 1].clause_end && !wide {
                slack * slack / 4
            } else {
                slack * slack
            };
            let candidate = (lines + 1, cost + line_cost, start);
            if best[end].is_none_or(|b| (candidate.0, candidate.1) < (b.0, b.1)) {
                best[end] = Some(candidate);
            }
        }
    }
    let mut lines = Vec::new();
    let mut end = n;
    while end > 0 {
        let (_, _, start) = best[end]?;
        lines.push(
            pieces[start..end]
                .iter()
                .map(|p| p.text)
                .collect::<String>(),
        );
        end = start;
    }
    lines.reverse();
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str, room: usize) -> Vec<String> {
        break_paragraph(s, room, false)
            .split('\n')
            .map(String::from)
            .collect()
    }

    #[test]
    fn no_line_starts_with_a_comma_and_lines_are_even() {
        for room in [8, 10, 11, 12, 14] {
            for s in [
                "三、综合治理，促进流域生态修复",
                "一、科学施策，有效降低农业农村污染",
                "四、查漏补缺，切实增强污水收集处理能力",
            ] {
                let l = lines(s, room);
                assert_eq!(l.concat(), s);
                assert!(l.iter().all(|x| !x.starts_with('，')), "{l:?}");
                assert!(l
                    .iter()
                    .all(|x| x.chars().map(char_units).sum::<usize>() <= room));
                // As few lines as the room allows.
                let total: usize = s.chars().map(char_units).sum();
                assert!(l.len() <= total.div_ceil(room) + 1, "{room} {l:?}");
            }
        }
        // Five characters a line (what Calc did: 三、综合治理 / ，促进流域生 / 态修复).
        assert_eq!(
            lines("三、综合治理，促进流域生态修复", 10),
            ["三、综合治", "理，促进流", "域生态修复"]
        );
    }

    #[test]
    fn a_date_stays_whole_and_the_last_line_is_not_one_character() {
        assert_eq!(
            lines("2020年9月底完成并长期坚持", 12),
            ["2020年9月底", "完成并", "长期坚持"]
        );
        assert_eq!(
            lines("2020年12月底完成，并长期坚持", 12),
            ["2020年12月底", "完成，", "并长期坚持"]
        );
        // A clause's end may end a line short of the room.
        assert_eq!(
            lines("2020年12月底完成，并长期坚持", 18),
            ["2020年12月底完成，", "并长期坚持"]
        );
        // Fits: unchanged.
        assert_eq!(lines("2020年12月底", 12), ["2020年12月底"]);
        assert_eq!(lines("长期坚持", 12), ["长期坚持"]);
    }

    #[test]
    fn brackets_stay_with_their_words_and_a_too_long_piece_leaves_the_text_alone() {
        let l = lines("推进污水处理厂（站）提标改造工程", 10);
        assert!(
            l.iter().all(|x| !x.ends_with('（') && !x.starts_with('）')),
            "{l:?}"
        );
        assert_eq!(l.concat(), "推进污水处理厂（站）提标改造工程");
        // A date wider than the line breaks like other text; a piece still too wide
        // (a character and its punctuation) leaves the text to the viewer.
        assert_eq!(lines("2020年12月底完成", 11), ["2020年12月", "底完成"]);
        assert_eq!(lines("区、。", 3), ["区、。"]);
    }

    #[test]
    fn a_wide_columns_lines_run_full() {
        let s = "针对部分群众擅自在河道边、水库消落带开垦种植，加剧水土流失问题，开展自查，立行立改，大力实施生态河岸带建设，保护河流自然地形地貌，恢复河道原状。";
        let l = lines(s, 32);
        assert_eq!(l.concat(), s);
        let w = |x: &String| x.chars().map(char_units).sum::<usize>();
        assert!(l[..l.len() - 1].iter().all(|x| w(x) >= 30), "{l:?}");
        // Sixteen characters a line would start the fifth with a comma: the character
        // before it goes down with it.
        assert_eq!(l.len(), 5, "{l:?}");
        assert_eq!(l[3], "河岸带建设，保护河流自然地形地");
        assert_eq!(l[4], "貌，恢复河道原状。");
    }

    #[test]
    fn names_stay_whole_where_they_fit() {
        let names = "区农业农村委、区生态环境局、来苏镇";
        assert_eq!(
            break_paragraph(names, 14, true),
            "区农业农村委、\n区生态环境局、\n来苏镇"
        );
        assert_eq!(
            break_paragraph(names, 16, true),
            "区农业农村委、\n区生态环境局、\n来苏镇"
        );
        // A name wider than the line is broken inside.
        assert_eq!(
            break_paragraph("临江河指挥部办公室", 12, true)
                .lines()
                .count(),
            2
        );
    }

    #[test]
    fn a_column_width_gives_a_line_a_little_under_its_room() {
        // 12 Excel units print 66.75 pt: six characters at 11 pt, five and a half kept
        // clear of the edges.
        assert_eq!(line_room(12.0), 11);
        assert_eq!(line_room(13.0), 12);
        let broken = broken_lines("一、科学施策，有效降低农业农村污染\n长期坚持", 12.0);
        assert_eq!(broken, "一、科学施\n策，有效降\n低农业农村\n污染\n长期坚持");
        assert_eq!(line_count(&broken, 12.0), 5);
        assert_eq!(line_count("一、科学施策，有效降低农业农村污染", 12.0), 4);
    }
}
