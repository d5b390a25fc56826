//! Tables with the task named above them, not in a column: a Word return written as
//! one small table a task, each under a heading (任务12：…, 第13项, 14.推进雨污分流…),
//! the table holding only the answer (整改进展情况 | 完成状态 as a header and a row, or
//! as labels down the side). The headings are turned into the column the reader looks
//! for: each table's rows get the heading's task number (and the measure it quotes)
//! appended as a 序号 (具体举措) column, its header row or first label row the column's
//! name. Row numbers are kept, so every problem still names the row of the return.
//!
//! Only a sheet the reader found no table on is annotated, and only when every table
//! that answers stands under such a heading: a table with a 序号 of its own, or answers
//! under no heading, leave the sheet as it was (and its problem as it was).

use super::form::{label_kind, names_the_answer};
use super::layout::header_kind;
use crate::common::dates::nfkc;
use crate::common::numerals::chinese_number;
use crate::common::text::one_line;
use crate::ingest::grid::{Cell, Grid};
use crate::ingest::vocabulary::ColumnKind;

/// The longest heading read (a measure quoted whole is up to ~150 characters).
const HEADING_CHARS: usize = 200;

/// A measure quoted in a heading shorter than this is no measure (任务12：城管).
const MEASURE_CHARS: usize = 6;

/// The task a heading names: its number, and the measure it quotes ("" when none).
/// A heading numbered as a list item (14.推进…) gives the measure only: a unit numbers
/// its own tasks 1..n as often as by the plan, and the measure says which task it is.
#[derive(Debug, PartialEq, Eq)]
struct Heading {
    id: Option<u32>,
    measure: String,
}

/// The task a heading line names: 任务12, 任务十二, 第12项(任务), 序号12, 12号任务,
/// each maybe with a measure after a colon; or 12. / 12、 / (12) before a measure. A
/// line numbered with Chinese numerals alone (一、 （二）) is a category or an item of a
/// prose report, not a task.
fn heading_task(text: &str) -> Option<Heading> {
    let t = nfkc(&one_line(text));
    let t = t.trim();
    if t.chars().count() > HEADING_CHARS {
        return None;
    }
    let t = t.strip_prefix("关于").unwrap_or(t);
    // 一、第33项：… （一）任务33：…: a category's numbering before the task's.
    let t = without_category_mark(t);
    // …（第33项）: the task's number in a bracket after its measure.
    if let Some(found) = bracketed_at_end(t) {
        return Some(found);
    }
    let (id, rest, needs_measure) = if let Some(r) = t
        .strip_prefix("任务序号")
        .or_else(|| t.strip_prefix("任务"))
    {
        let (n, rest) = leading_number(r.trim_start_matches([':', '：', ' ']))?;
        (n, rest, false)
    } else if let Some(r) = t.strip_prefix("序号") {
        let (n, rest) = leading_number(r.trim_start_matches([':', '：', ' ']))?;
        (n, rest, false)
    } else if let Some(r) = t.strip_prefix('第') {
        let (n, rest) = leading_number(r)?;
        let rest = rest.strip_prefix(['项', '条'])?;
        (n, rest, false)
    } else if let Some(r) = t.strip_prefix('(') {
        let end = r.find(')')?;
        let n: u32 = r[..end].parse().ok()?;
        (n, &r[end + 1..], true)
    } else {
        let (n, rest) = leading_digits(t)?;
        match rest.strip_prefix("号任务") {
            Some(r) => (n, r, false),
            None => (n, rest.strip_prefix(['.', '、', '．'])?, true),
        }
    };
    if !(1..=999).contains(&id) {
        return None;
    }
    let rest = rest.trim_start_matches(['任', '务']);
    let rest = rest
        .trim_start_matches(|c: char| c.is_whitespace() || ":：、.，,-—".contains(c))
        .trim_end_matches(['。', ':', '：']);
    let measure = if rest.chars().count() >= MEASURE_CHARS
        && !rest.starts_with(|c: char| c.is_ascii_digit())
    {
        rest.to_string()
    } else {
        String::new()
    };
    // 12.5万元 is a number; 12、 alone is a list mark: a bare number heads no task.
    if needs_measure && measure.is_empty() {
        return None;
    }
    Some(Heading {
        id: (!needs_measure).then_some(id),
        measure,
    })
}

/// The task a sheet's title or name names by its number (任务44：…, 第44项, 44号任务),
/// if one.
pub(super) fn titled_task(text: &str) -> Option<u32> {
    heading_task(text)?.id
}

/// `t` without a Chinese-numeral list mark (一、 （一） (一)) before a task's own
/// number (第33项, 任务33, 序号33, 关于第33项).
fn without_category_mark(t: &str) -> &str {
    let rest = strip_list_mark(t);
    let rest = rest.strip_prefix("关于").unwrap_or(rest);
    if ["第", "任务", "序号"].iter().any(|w| rest.starts_with(w)) {
        rest
    } else {
        t
    }
}

/// A heading whose task number stands in a bracket at its end: 推进雨污分流改造
/// （第33项）, …(任务33). The measure before the bracket.
fn bracketed_at_end(t: &str) -> Option<Heading> {
    let inner = t.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let named =
        heading_task(&inner[open + 1..]).filter(|h| h.id.is_some() && h.measure.is_empty())?;
    let before = inner[..open].trim_end_matches(['。', ':', ' ']).trim();
    // （一）海绵城市建设专项规划（第33项）: the list mark is no part of the measure.
    let before = strip_list_mark(before);
    let measure = if before.chars().count() >= MEASURE_CHARS {
        before.to_string()
    } else {
        String::new()
    };
    Some(Heading {
        id: named.id,
        measure,
    })
}

/// `t` without a leading list mark: Chinese numerals (一、 （一） (一)), or digits
/// (1. 1、 (1)) before a task's own number (1.关于第19项…).
fn strip_list_mark(t: &str) -> &str {
    match list_mark(t) {
        // A list numbered in digits numbers a task only when the task's number follows.
        Some((3 | 4, rest)) if !["第", "关于第", "任务"].iter().any(|w| rest.starts_with(w)) => {
            t
        }
        Some((_, rest)) => rest,
        None => t,
    }
}

/// The list mark opening `t` (NFKC text), and what follows it: its level — 1 for 一、
/// (一.), 2 for (一), 3 for 1. (1、), 4 for (1) — and the rest, spaces trimmed. The one
/// reader of list marks: task headings, a written report's sections and sub-headings,
/// and the list headings a signature is not (二、下一步工作打算).
pub(super) fn list_mark(t: &str) -> Option<(u8, &str)> {
    let (bracketed, r) = match t.strip_prefix('(') {
        Some(r) => (true, r),
        None => (false, t),
    };
    let chinese = r
        .find(|c: char| !crate::common::numerals::is_small_numeral(c))
        .unwrap_or(0);
    let digits = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
    let (level, rest) = match (bracketed, chinese > 0, digits > 0) {
        (false, true, _) => (1, r[chinese..].strip_prefix(['、', '.'])?),
        (true, true, _) => (2, r[chinese..].strip_prefix(')')?),
        (false, _, true) => (3, r[digits..].strip_prefix(['、', '.', '．'])?),
        (true, _, true) => (4, r[digits..].strip_prefix(')')?),
        _ => return None,
    };
    Some((level, rest.trim_start()))
}

/// Digits or Chinese numerals at the start of `s`, and what follows.
fn leading_number(s: &str) -> Option<(u32, &str)> {
    if let Some(found) = leading_digits(s) {
        return Some(found);
    }
    const NUMERALS: &str = "一二三四五六七八九十百零〇两";
    let end = s.find(|c: char| !NUMERALS.contains(c)).unwrap_or(s.len());
    (end > 0).then(|| Some((chinese_number(&s[..end])?, &s[end..])))?
}

fn leading_digits(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    (1..=3)
        .contains(&end)
        .then(|| Some((s[..end].parse().ok()?, &s[end..])))?
}

/// A heading line: a Word paragraph, or a sheet row of one text (merged across or in
/// one cell).
fn heading_at(grid: &Grid, r: usize) -> Option<Heading> {
    let mut texts = grid.filled_cells(r).map(Cell::text_ref);
    let first = texts.next()?;
    if !grid.is_paragraph(r) && !texts.all(|t| t == first) {
        return None;
    }
    heading_task(&first)
}

/// What a table under a heading answers with.
enum Answer {
    /// A header row naming progress or status columns (none naming the task), rows under.
    Header,
    /// Labels down the side: a label naming progress or status with its answer beside.
    Labels,
}

/// Whether row `r` heads the answer's columns: progress or status named, and every
/// filled cell a header's.
fn answer_header(grid: &Grid, r: usize) -> bool {
    let kinds: Vec<Option<ColumnKind>> = grid
        .filled_cells(r)
        .map(|c| header_kind(&c.text_ref()))
        .collect();
    kinds.len() >= 2
        && kinds.iter().all(Option::is_some)
        && kinds.iter().flatten().any(|k| names_the_answer(*k))
        && !kinds
            .iter()
            .flatten()
            .any(|k| matches!(k, ColumnKind::Id | ColumnKind::Measure))
}

/// Whether row `r` is a label with its answer beside it (整改进展情况 | 已完成排查…).
fn answer_label(grid: &Grid, r: usize) -> bool {
    let mut cells = grid.filled_cells(r);
    let (Some(label), Some(answer)) = (cells.next(), cells.next()) else {
        return false;
    };
    label_kind(&label.text_ref()).is_some_and(names_the_answer)
        && header_kind(&answer.text_ref()).is_none()
}

/// One table under a heading: its rows (0-based) and how it answers.
struct Block {
    heading: Heading,
    rows: Vec<usize>,
    answer: Answer,
}

/// The sheet with each table under a task heading given that task's 序号 (and 具体举措)
/// column; `None` unless there is at least one such table and every table answering
/// stands under a heading.
pub(super) fn annotate(grid: &Grid) -> Option<Grid> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut heading: Option<Heading> = None;
    let mut r = 0;
    while r < grid.height() {
        if grid.row_is_empty(r) {
            r += 1;
            continue;
        }
        if let Some(h) = heading_at(grid, r) {
            heading = Some(h);
            r += 1;
            continue;
        }
        if grid.is_paragraph(r) {
            r += 1;
            continue;
        }
        // A table: its rows up to the next paragraph or heading.
        let start = r;
        while r < grid.height()
            && !grid.is_paragraph(r)
            && (r == start || heading_at(grid, r).is_none())
        {
            r += 1;
        }
        let rows: Vec<usize> = (start..r).filter(|&i| !grid.row_is_empty(i)).collect();
        let answer = if rows.first().is_some_and(|&f| answer_header(grid, f)) && rows.len() >= 2 {
            Some(Answer::Header)
        } else if rows.iter().any(|&i| answer_label(grid, i)) {
            Some(Answer::Labels)
        } else {
            None
        };
        match (answer, heading.take()) {
            (Some(answer), Some(heading)) => blocks.push(Block {
                heading,
                rows,
                answer,
            }),
            // An answer under no heading: not a sheet of task headings.
            (Some(_), None) => return None,
            // A table answering nothing (填报单位 | 区城管局): left as it is.
            (None, h) => heading = h,
        }
    }
    if blocks.is_empty() {
        return None;
    }
    // The columns added: 序号 where a heading numbers its task, 具体举措 where one
    // quotes the measure.
    let mut columns: Vec<(&str, HeadingValue)> = Vec::new();
    if blocks.iter().any(|b| b.heading.id.is_some()) {
        columns.push(("序号", |h| {
            h.id.map(|i| i.to_string()).unwrap_or_default()
        }));
    }
    if blocks.iter().any(|b| !b.heading.measure.is_empty()) {
        columns.push(("具体举措", |h| h.measure.clone()));
    }
    let width = grid.width();
    let mut out = grid.clone();
    for block in &blocks {
        let values = || {
            columns
                .iter()
                .map(|(_, value)| Cell::Text(value(&block.heading)))
        };
        let names = || columns.iter().map(|(name, _)| Cell::Text((*name).into()));
        match block.answer {
            Answer::Header => {
                let (head, body) = block.rows.split_first()?;
                append(&mut out.rows[*head], width, names());
                for &b in body {
                    append(&mut out.rows[b], width, values());
                }
            }
            // Label, value pairs on the first label row.
            Answer::Labels => {
                let first = *block.rows.iter().find(|&&i| answer_label(grid, i))?;
                let pairs = names().zip(values()).flat_map(|(n, v)| [n, v]);
                append(&mut out.rows[first], width, pairs);
            }
        }
    }
    Some(out)
}

/// What an added column holds for a heading.
type HeadingValue = fn(&Heading) -> String;

/// Append `cells` to a row from column `width` on (past every table's last column).
fn append(row: &mut Vec<Cell>, width: usize, cells: impl Iterator<Item = Cell>) {
    row.resize(width.max(row.len()), Cell::Empty);
    row.extend(cells);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(id: u32, measure: &str) -> Option<Heading> {
        Some(Heading {
            id: Some(id),
            measure: measure.into(),
        })
    }

    fn item(measure: &str) -> Option<Heading> {
        Some(Heading {
            id: None,
            measure: measure.into(),
        })
    }

    #[test]
    fn headings_naming_a_task() {
        assert_eq!(heading_task("任务12："), h(12, ""));
        assert_eq!(heading_task("任务十二"), h(12, ""));
        assert_eq!(heading_task("第13项"), h(13, ""));
        assert_eq!(
            heading_task("第13项任务：推进雨污分流改造工程"),
            h(13, "推进雨污分流改造工程")
        );
        assert_eq!(heading_task("关于第２０项任务"), h(20, ""));
        assert_eq!(heading_task("序号：21"), h(21, ""));
        assert_eq!(
            heading_task("14.推进城区雨污分流改造"),
            item("推进城区雨污分流改造")
        );
        assert_eq!(
            heading_task("（15）推进城区雨污分流改造"),
            item("推进城区雨污分流改造")
        );
        assert_eq!(heading_task("16号任务"), h(16, ""));
        // A category's numbering before the task's, the number in a bracket at the end.
        assert_eq!(
            heading_task("（一）第33项：加快污水管网建设"),
            h(33, "加快污水管网建设")
        );
        assert_eq!(heading_task("一、第33项"), h(33, ""));
        assert_eq!(heading_task("（一）关于第33项"), h(33, ""));
        // A list numbered in digits before the task's own number.
        assert_eq!(heading_task("1.关于第19项任务"), h(19, ""));
        assert_eq!(heading_task("（2）第25项"), h(25, ""));
        assert_eq!(
            heading_task("二、任务34：推进雨污分流"),
            h(34, "推进雨污分流")
        );
        assert_eq!(
            heading_task("加快污水管网建设（第33项）"),
            h(33, "加快污水管网建设")
        );
        assert_eq!(
            heading_task("加快污水管网建设(任务33)"),
            h(33, "加快污水管网建设")
        );
        assert_eq!(
            heading_task("（一）海绵城市建设专项规划（第33项）"),
            h(33, "海绵城市建设专项规划")
        );
    }

    #[test]
    fn lines_that_name_no_task() {
        // Categories and list marks of a prose report.
        assert_eq!(heading_task("一、科学施策，有效降低农业农村污染"), None);
        assert_eq!(heading_task("（二）工作进展"), None);
        assert_eq!(heading_task("1、"), None);
        assert_eq!(heading_task("12.5万元"), None);
        assert_eq!(heading_task("任务进展情况"), None);
        assert_eq!(heading_task("区城管局整改进展情况报告"), None);
        assert_eq!(heading_task("2020年11月30日"), None);
        assert_eq!(heading_task("一、工作开展情况"), None);
        assert_eq!(heading_task("工作进展（截至11月30日）"), None);
        assert_eq!(heading_task("（二）第二阶段"), None);
    }
}
