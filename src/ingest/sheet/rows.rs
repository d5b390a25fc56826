//! A row below the header: a record, or a skip with its reason (a Word paragraph, a
//! totals row, a note, a repeated header, a category heading, a task row nobody
//! filled, a continuation of the row above); and the record's values (task id,
//! status, completion and filing dates, progress or the comment it points to) with the
//! problems they raise.

use chrono::NaiveDate;

use super::context::SheetContext;
use super::filing::{date_only_row, is_note_or_label_row, is_sealed, name_and_date};
use super::layout::{is_repeated_header, Layout};
use crate::common::marker::Marker;
use crate::common::numerals::{is_numeral, is_small_numeral};
use crate::common::text::{excerpt, one_line};
use crate::ingest::grid::{Cell, Grid};
use crate::ingest::record::Record;
use crate::ingest::values::{
    date_of_cell, filing_date_of_cell, form_option_task_ids, parse_task_id, task_id_of_cell,
};
use crate::ingest::vocabulary::{
    classify_status, classify_tick, classify_yes_no, is_no_answer, is_note_row,
    is_status_placeholder, is_tick_mark, is_totals_label, not_done_by_progress, percent_written,
    refers_elsewhere, refers_to_comment, says_not_reported, status_from_progress,
    status_of_percent, ticked_option, ColumnKind,
};
use crate::model::status::{choices_or, NOT_APPLICABLE_PHRASES, STATUS_PLAN_CUES};
use crate::model::{Code, Problem, Severity, SkipReason, Source, Status};

/// The columns a unit fills in: all empty (or only a dash), the row reports nothing.
const INPUT_COLUMNS: [ColumnKind; 8] = [
    ColumnKind::Progress,
    ColumnKind::Status,
    ColumnKind::StatusYesNo,
    ColumnKind::StatusTick,
    ColumnKind::Percent,
    ColumnKind::CompletedOn,
    ColumnKind::Evidence,
    ColumnKind::Note,
];

/// The columns a continuation row may hold text in: their text is appended to the row
/// above.
const CONTINUED_COLUMNS: [ColumnKind; 3] =
    [ColumnKind::Progress, ColumnKind::Note, ColumnKind::Evidence];

/// The longest 备注 (in characters) read as a status word.
const STATUS_NOTE_CHARS: usize = 10;

/// The longest 备注 read as a 不涉及 answer (我镇辖区内无此类情况).
const NOT_APPLICABLE_NOTE_CHARS: usize = 20;

/// Why row `r` is not a record, or `None` when it is one.
pub(super) fn skip_reason(grid: &Grid, r: usize, layout: &Layout) -> Option<SkipReason> {
    if grid.is_paragraph(r) {
        return Some(SkipReason::Paragraph);
    }
    if is_totals_row(grid, r) {
        return Some(SkipReason::Total);
    }
    let first = grid.first_text(r);
    if is_note_or_label_row(&first) || is_signature_row(grid, r, layout) {
        return Some(SkipReason::Note);
    }
    // 填写方案中的序号 | 照抄方案原文 | 填写：已完成/正在推进 under the header: the
    // form's hints (their words name columns, but this is no second header).
    if is_hint_row(grid, r) {
        return Some(SkipReason::Note);
    }
    if is_repeated_header(grid, r, &first, layout) {
        return Some(SkipReason::Header);
    }
    if is_example_row(grid, r, layout) {
        return Some(SkipReason::Example);
    }
    if is_column_numbers_row(grid, r, layout) {
        return Some(SkipReason::ColumnNumbers);
    }
    if is_void_row(grid, r, layout) {
        return Some(SkipReason::Void);
    }
    if is_category_heading(grid, r) {
        return Some(SkipReason::CategoryHeading);
    }
    if lone_task_statement(grid, r, layout) {
        return Some(SkipReason::Note);
    }
    // A task row the unit left blank (our checklist's, or a whole-plan copy's rows that
    // are not the unit's): not a report (the task stays missing for the unit).
    let unfilled = |cell: &Cell| match cell {
        Cell::Text(t) => t.trim().is_empty() || is_status_placeholder(t) || says_none(t),
        cell => cell.is_empty(),
    };
    let copied = deadline_copied(layout, grid, r);
    let extra_inputs = [ColumnKind::Progress, ColumnKind::Note, ColumnKind::Evidence]
        .into_iter()
        .flat_map(|k| layout.extra_cols(k));
    if INPUT_COLUMNS
        .iter()
        .all(|k| (copied && *k == ColumnKind::Status) || unfilled(layout.cell(grid, r, *k)))
        && !denies_task(layout, grid, r)
        && extra_inputs
            .into_iter()
            .all(|c| unfilled(grid.value_through_merge(r, c)))
        // A column per status (已完成 | 正在推进 | 未完成): a mark or a text in any.
        && layout
            .ticks
            .iter()
            .all(|(_, _, c)| unfilled(grid.value_through_merge(r, *c)))
    {
        return Some(SkipReason::Unfilled);
    }
    None
}

/// The fewest characters of a sentence read as a note on a task.
const STATEMENT_CHARS: usize = 8;

/// A sentence alone on its row outside the columns a unit fills in, naming a task (另：
/// 第27项已于12月3日全部完成。 in the 序号 column, 更正说明：第45项…应为“已完成” in the
/// 具体举措 column, 另：第24项仍有1处拦河设施未拆除。): a note under the table, read as
/// one (adv58 a 5, c 5: skipped as a task row left blank, and no one told).
fn lone_task_statement(grid: &Grid, r: usize, layout: &Layout) -> bool {
    let mut filled = (0..grid.row_len(r)).filter(|&c| !grid.cell(r, c).is_empty());
    let (Some(c), None) = (filled.next(), filled.next()) else {
        return false;
    };
    let input = INPUT_COLUMNS
        .iter()
        .any(|k| layout.col(*k) == Some(c) || layout.extra_cols(*k).any(|x| x == c));
    let text = grid.cell(r, c).text_ref();
    !input
        && text.trim().chars().count() >= STATEMENT_CHARS
        && !crate::ingest::values::task_numbers(&text).is_empty()
}

/// The task of a row left unfilled ([`skip_reason`]) whose input columns still hold a
/// mark (/, 无, —): the unit answered it had nothing to say, not that it skipped it.
pub(super) fn marked_task(grid: &Grid, r: usize, layout: &Layout) -> Option<u32> {
    let marked = INPUT_COLUMNS
        .iter()
        .any(|k| !layout.cell(grid, r, *k).text_ref().trim().is_empty());
    marked
        .then(|| task_id_of_cell(layout.cell(grid, r, ColumnKind::Id)).1)
        .flatten()
}

/// Words that tell whoever fills a form what to write in a column.
const HINT_WORDS: [&str; 6] = ["填写", "填报", "照抄", "抄录", "勾选", "选填"];

/// The longest cell (in characters) read as a fill-in hint.
const HINT_CHARS: usize = 40;

/// Whether `text` tells what to write in its column (填写方案中的序号, 照抄方案原文,
/// 填写：已完成/正在推进): short, with a hint word, and no task number of its own.
fn is_hint(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= HINT_CHARS
        && HINT_WORDS.iter().any(|w| t.contains(w))
        && parse_task_id(t).is_none()
}

/// Whether row `r` is a form's hint row left under its header (填写方案中的序号 |
/// 照抄方案原文 | 简要填写工作措施及成效 | 填写：已完成/正在推进): two or more text
/// cells, at least half of them hints, and none a number or a task number (36 |
/// 已按要求填写台账 | 已完成 | 已填报 is a report).
pub(super) fn is_hint_row(grid: &Grid, r: usize) -> bool {
    let (mut filled, mut hints) = (0, 0);
    for c in 0..grid.row_len(r) {
        match grid.cell(r, c) {
            Cell::Text(t) if t.trim().is_empty() => {}
            Cell::Text(t) if t.trim().chars().count() <= 6 && parse_task_id(t).is_some() => {
                return false
            }
            Cell::Text(t) => {
                filled += 1;
                hints += usize::from(is_hint(t));
            }
            cell if cell.is_empty() => {}
            _ => return false,
        }
    }
    hints >= 2 && hints * 2 >= filled
}

/// Whether row `r` is a form's worked example left in: its 序号 says 示例 (样例, 例),
/// or a cell opens with an example mark (（示例）, 【填写示例】, 示例：) or says it is one
/// (此行为示例).
fn is_example_row(grid: &Grid, r: usize, layout: &Layout) -> bool {
    const MARKS: [&str; 4] = ["示例", "样例", "填写示例", "填表示例"];
    let bare = |t: &str| {
        t.trim_matches(|c: char| c.is_whitespace() || "（）()【】[]:：".contains(c))
            .to_string()
    };
    // Text cells only: a number or date is no mark (and is not formatted to look).
    if let Cell::Text(id) = layout.cell(grid, r, ColumnKind::Id) {
        let id = bare(id);
        if MARKS.contains(&id.as_str()) || id == "例" {
            return true;
        }
    }
    (0..grid.row_len(r)).any(|c| {
        let Cell::Text(t) = grid.cell(r, c) else {
            return false;
        };
        let t = t.trim_start();
        let opens = ['（', '(', '【', '['].iter().any(|o| {
            t.strip_prefix(*o).is_some_and(|rest| {
                MARKS.iter().any(|m| {
                    rest.strip_prefix(m)
                        .is_some_and(|x| x.starts_with(['）', ')', '】', ']']))
                })
            })
        });
        opens
            || MARKS.iter().any(|m| {
                t.strip_prefix(m)
                    .is_some_and(|x| x.starts_with(['：', ':']))
            })
            || t.contains("此行为示例")
            || t.contains("示例行")
    })
}

/// Whether row `r` is marked void by the unit: its progress, status or note cell says
/// only 作废 or 删除 (（此行作废）, 本行删除, 已作废). Left in, often hidden, it is no report
/// (adv50 a 5: （此行作废） counted as 未启动 and quoted in the report).
fn is_void_row(grid: &Grid, r: usize, layout: &Layout) -> bool {
    const VOID: [&str; 12] = [
        "作废",
        "已作废",
        "此行作废",
        "本行作废",
        "该行作废",
        "此条作废",
        "本条作废",
        "此行删除",
        "本行删除",
        "此行已删除",
        "删除",
        "此行不用",
    ];
    [ColumnKind::Progress, ColumnKind::Status, ColumnKind::Note]
        .iter()
        .any(|k| match layout.cell(grid, r, *k) {
            Cell::Text(t) => {
                let bare = t.trim_matches(|c: char| {
                    c.is_whitespace() || "（）()【】[]，,。.；;！!".contains(c)
                });
                VOID.contains(&bare)
            }
            _ => false,
        })
}

/// Whether row `r` numbers the columns (栏次 | 1 | 2 | 3 …, or 1 2 3 … from the first
/// column): every non-empty cell but a leading 栏次 label is its column's number counted
/// from the first numbered one, three or more of them.
fn is_column_numbers_row(grid: &Grid, r: usize, layout: &Layout) -> bool {
    let mut expected: Option<f64> = None;
    let mut numbered = 0;
    for c in layout.first_column()..grid.row_len(r) {
        let cell = grid.cell(r, c);
        if cell.is_empty() {
            // A gap keeps the count: a blank column still has its number.
            if let Some(e) = expected.as_mut() {
                *e += 1.0;
            }
            continue;
        }
        // No text is made of a cell to look at it: most rows fail at their first.
        let n = match cell {
            Cell::Number(n) => *n,
            Cell::Text(t) => {
                let t = t.trim();
                if expected.is_none() && numbered == 0 && matches!(t, "栏次" | "栏号" | "列号")
                {
                    continue;
                }
                match t.parse::<f64>() {
                    Ok(n) => n,
                    Err(_) => return false,
                }
            }
            _ => return false,
        };
        match expected {
            None if n == 1.0 || n == 0.0 => expected = Some(n + 1.0),
            Some(e) if n == e => expected = Some(e + 1.0),
            _ => return false,
        }
        numbered += 1;
    }
    numbered >= 3
}

/// Whether row `r`'s status cell repeats its 完成时限 cell: the plan's deadline pasted
/// into the status column, no status. A dated deadline (2020年9月底完成并长期坚持) is
/// never a status word; an undated one (长期坚持) is taken for a copy only where the
/// column holds deadlines ([`Layout::status_holds_deadlines`]).
pub(super) fn deadline_copied(layout: &Layout, grid: &Grid, r: usize) -> bool {
    let (Some(s), Some(d)) = (
        layout.col(ColumnKind::Status),
        layout.col(ColumnKind::Deadline),
    ) else {
        return false;
    };
    // One merged cell over both (a note row across the table) is no status cell.
    if grid.merge_at(r, s).is_some_and(|m| m.contains(r, d)) {
        return false;
    }
    let raw = grid.value_through_merge(r, s).text_ref();
    // The cheap test first: most status cells (已完成) hold no digit.
    if raw.trim().is_empty()
        || !(layout.status_holds_deadlines || raw.chars().any(crate::common::text::is_any_digit))
    {
        return false;
    }
    let normalised = crate::ingest::similarity::normalise_for_match;
    let status = normalised(&raw);
    !status.is_empty() && status == normalised(&grid.value_through_merge(r, d).text_ref())
}

/// Whether the row's 是否涉及 cell answers no (否, ×, 不涉及): the unit's answer that the
/// task is not its own.
fn denies_task(layout: &Layout, grid: &Grid, r: usize) -> bool {
    layout.col(ColumnKind::Applies).is_some_and(|c| {
        let t = one_line(&grid.value_through_merge(r, c).text_ref());
        is_no_answer(&t) || classify_status(&t) == Status::NotApplicable
    })
}

/// A signature under the table (落款): no task number, and only a date, a sealed name
/// (…（盖章）) or contact lines; a unit's name and a date on one line (the name may
/// sit in the 序号 column); or one short line (the unit's name) with such a date as the
/// next line.
fn is_signature_row(grid: &Grid, r: usize, layout: &Layout) -> bool {
    // The cheap test first: most data rows fill more cells than a signature.
    if grid.filled_cells(r).count() > SIGNATURE_CELLS
        || task_id_of_cell(layout.cell(grid, r, ColumnKind::Id))
            .1
            .is_some()
    {
        return false;
    }
    let texts: Vec<String> = grid
        .filled_cells(r)
        .map(|c| one_line(&c.text_ref()))
        .filter(|t| !t.is_empty())
        .collect();
    let dated = |row: usize| date_only_row(grid, row, ANY_YEAR).is_some();
    if texts.is_empty() {
        return false;
    }
    if dated(r) {
        return true;
    }
    if texts.iter().all(|t| is_sealed(t) || is_note_row(t)) {
        return true;
    }
    if name_and_date(grid, r, ANY_YEAR).is_some() {
        return true;
    }
    if !layout.cell(grid, r, ColumnKind::Id).is_empty() {
        return false;
    }
    texts.len() == 1
        && texts[0].chars().count() <= SIGNATURE_NAME_CHARS
        && (r + 1..grid.rows.len())
            .find(|&next| !grid.row_is_empty(next))
            .is_some_and(dated)
}

/// The most cells a signature row fills (分管领导、填报人、联系电话、日期).
const SIGNATURE_CELLS: usize = 4;

/// Any year, for telling whether a text is a date at all.
const ANY_YEAR: i32 = 2000;

/// The longest line (in characters) taken for a unit's name above a signature date.
const SIGNATURE_NAME_CHARS: usize = 30;

/// Words by which a statement under a table speaks of every task in it.
const WHOLE_TABLE_SCOPE: [&str; 7] = ["以上", "上述", "本表", "表中", "表内", "所列", "该表"];

/// Words of an instruction to whoever fills the table (表中不涉及的任务请填写“不涉及”),
/// which is no answer.
const INSTRUCTION_WORDS: [&str; 6] = ["请", "填", "如", "若", "应", "可"];

/// The clause of a statement under a table saying that none of its tasks concern the
/// unit (以上任务均不涉及我街道。 说明：…，上述任务均不涉及。): a scope word and a
/// not-applicable phrase in one clause of a short text. `None` for a text that makes an
/// exception (除第24项外) or names a task of its own.
pub(super) fn none_of_these_apply(text: &str) -> Option<String> {
    let t = one_line(text);
    if t.chars().count() > 120 || t.contains('除') || (t.contains('第') && t.contains('项')) {
        return None;
    }
    t.split(['，', '。', '；', ',', ';', '：', ':'])
        .map(str::trim)
        .find(|c| {
            WHOLE_TABLE_SCOPE.iter().any(|w| c.contains(w))
                && NOT_APPLICABLE_PHRASES.iter().any(|p| c.contains(p))
                && !INSTRUCTION_WORDS.iter().any(|w| c.contains(w))
        })
        .map(str::to_string)
}

/// 无, 暂无 or 没有 alone: what a whole-plan copy's rows that are not the unit's hold.
fn says_none(t: &str) -> bool {
    let t = t
        .trim()
        .trim_start_matches(['（', '('])
        .trim_end_matches(['。', '.', '）', ')']);
    matches!(t, "无" | "暂无" | "没有") || says_not_reported(t)
}

/// The number of a part as a 序号 cell numbers it under its task: （1）, (1), ①, 1、, 1.,
/// 1, （一）, 一、 (1 to 20).
pub(super) fn part_number(id_text: &str) -> Option<u32> {
    let t = id_text.trim();
    if let Some(c) = t.chars().next().filter(|_| t.chars().count() == 1) {
        if ('①'..='⑳').contains(&c) {
            return Some(c as u32 - '①' as u32 + 1);
        }
    }
    let bare = t
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')', '、', '.', '．']);
    let n = if bare.bytes().all(|b| b.is_ascii_digit()) && !bare.is_empty() && bare.len() <= 2 {
        bare.parse().ok()
    } else {
        crate::common::numerals::chinese_number(bare)
    }?;
    (1..=20).contains(&n).then_some(n)
}

/// The task an item number such as 21.1 or 21.2 belongs to (21): a task number, a dot
/// and one or two digits.
pub(super) fn item_of(id_text: &str) -> Option<u32> {
    let (task, item) = id_text.trim().split_once(['.', '．'])?;
    let item_ok = (1..=2).contains(&item.len()) && item.bytes().all(|b| b.is_ascii_digit());
    item_ok.then(|| parse_task_id(task)).flatten()
}

/// The status word a header's key gives a code (完成状态（1.已完成 2.正在推进 3.未启动）
/// and 2 → 正在推进; A、B keys alike): the code, a separator, then a status word.
fn coded_status<'h>(header: &'h str, code: &str) -> Option<&'h str> {
    let code = code.trim();
    let short =
        (1..=2).contains(&code.chars().count()) && code.chars().all(|c| c.is_ascii_alphanumeric());
    if !short {
        return None;
    }
    header.match_indices(code).find_map(|(i, _)| {
        let before = header[..i].chars().last();
        if before.is_some_and(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        let rest = &header[i + code.len()..];
        let rest = rest.strip_prefix(['.', '、', '．', ':', '：', '-', '=', '为'])?;
        let end = rest
            .find(|c: char| c.is_ascii_alphanumeric() || " ，,;；/、）)".contains(c))
            .unwrap_or(rest.len());
        let word = &rest[..end];
        (classify_status(word) != Status::Unclear).then_some(word)
    })
}

/// The task whose row a cell repeats: 同第24项, 同序号24, 同第24条, 详见第24项, 与第24项
/// 相同 (the words, status or date of the sheet's row on that task).
pub(super) fn same_as_task(t: &str) -> Option<u32> {
    let t = t.trim().trim_end_matches(['。', '.']);
    // 同第24项, 详见第24项, 见序号24, 与第24项相同 (read on every row: no copy made).
    let rest = match t
        .strip_prefix('与')
        .and_then(|r| r.strip_suffix("相同").or_else(|| r.strip_suffix("一致")))
    {
        Some(inner) => inner,
        None => ["同", "详见", "参见", "见"]
            .iter()
            .find_map(|w| t.strip_prefix(w))?,
    };
    let number = if let Some(r) = rest.strip_prefix('第') {
        r.strip_suffix(['项', '条'])?
    } else {
        rest.strip_prefix("序号")?
    };
    crate::ingest::values::parse_task_id(number.trim())
}

/// A text that opens by naming the task it reports on (第10项：已于9月18日取缔…,
/// 另：第10项已于…, 第10项任务，…): the task's number and the text after the name and
/// its colon or comma.
pub(super) fn opens_with_task(t: &str) -> Option<(u32, &str)> {
    let t = t.trim_start();
    let t = ["另：", "另:", "另外，", "另外,", "另，", "另,"]
        .iter()
        .find_map(|w| t.strip_prefix(w))
        .unwrap_or(t);
    let rest = t.strip_prefix('第')?;
    let end = rest.find(['项', '条'])?;
    let number = &rest[..end];
    // Digits only: 第一项、第二项 number a task's items (session 57 review c 1).
    if number.is_empty() || number.len() > 3 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let id = crate::ingest::values::parse_task_id(number)?;
    let after = &rest[end + '项'.len_utf8()..];
    let after = ["任务", "工作"]
        .iter()
        .find_map(|w| after.strip_prefix(w))
        .unwrap_or(after);
    // A colon or comma after the name, or a clause of the task's state right after it
    // (第10项已于…, 第10项正在…); not a phrase about the task (第21项的进展).
    let rest = after.trim_start_matches(['：', ':', '，', ',', ' ']);
    let parted = rest.len() < after.len()
        || ["已", "正在", "于", "尚", "未", "目前"]
            .iter()
            .any(|w| rest.starts_with(w));
    (parted && !rest.is_empty()).then_some((id, rest))
}

/// The task a short text says the row's work is part of or told under (该项工作已纳入第30
/// 项一并推进, 结合第35项工作统筹开展, 与第35项合并实施，进展情况见第35项): its number. Not
/// an account naming another task in passing (a text longer than a pointer is), nor a
/// plain 同第24项 ([`same_as_task`], which takes that row's words too).
pub(super) fn points_to_task(t: &str) -> Option<u32> {
    const POINTER_CHARS: usize = 40;
    const BEFORE: [&str; 6] = ["纳入第", "并入第", "结合第", "与第", "见第", "同第"];
    const TOGETHER: [&str; 8] = [
        "一并", "统筹", "合并", "同步", "纳入", "并入", "见第", "一起",
    ];
    let t = t.trim();
    if t.chars().count() > POINTER_CHARS || !TOGETHER.iter().any(|w| t.contains(w)) {
        return None;
    }
    BEFORE.iter().find_map(|w| {
        let (at, _) = t.match_indices(w).next()?;
        let rest = &t[at + w.len() - '第'.len_utf8()..];
        let end = rest.find(['项', '条'])?;
        // (项 and 条 are alike three bytes.)
        crate::ingest::values::parse_task_id(&rest[..end + '项'.len_utf8()])
    })
}

/// The info for a row given the status of the task it points to (`points_to_task`).
pub(super) fn status_of_task_pointed_to(
    source: &Source,
    progress: &str,
    to: u32,
    status: Status,
) -> Problem {
    Problem::new(
        Severity::Info,
        Code::ReadNote,
        &source.file,
        format!(
            "完成状态未填写，进展情况写明“{}”，按第{to}项的完成状态（{}）计。请核实。",
            excerpt(progress, 30),
            status.label()
        ),
    )
    .at(Some(&source.sheet), Some(source.row))
}

/// A ditto mark (同上, 〃): the cell says what the one above says.
pub(super) fn is_ditto(t: &str) -> bool {
    matches!(
        t.trim().trim_end_matches(['。', '.']),
        "同上"
            | "仝上"
            | "同上一行"
            | "同上一项"
            | "同上一条"
            | "同上栏"
            | "〃"
            | "″"
            | "\""
            | "''"
            | "同前"
    )
}

/// A totals row: a 汇总 / 合计 / 小计 label, and otherwise only numbers or counts (the
/// SUBTOTAL formulas of an Excel table's total row).
fn is_totals_row(grid: &Grid, r: usize) -> bool {
    let mut label = false;
    for c in 0..grid.row_len(r) {
        if let Cell::Text(t) = grid.cell(r, c) {
            if t.trim().is_empty() {
                continue;
            }
            // A task row's measure or progress text: no totals row (and no need to
            // normalise it).
            if t.len() > TOTALS_CELL_BYTES {
                return false;
            }
            if is_totals_label(t) {
                label = true;
            } else if !is_count(t) {
                return false;
            }
        }
    }
    label
}

/// The longest cell (in UTF-8 bytes) of a totals row: 合计：共12项 and the like.
const TOTALS_CELL_BYTES: usize = 40;

/// A count or figure as text: 12, 3项, 85.5%.
fn is_count(t: &str) -> bool {
    let t = t.trim().trim_end_matches(['项', '个', '条', '%']);
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Whether row `r` only continues the row above: its own cells hold text in the
/// progress, note or evidence columns only (no 序号, measure, status, date or unit of
/// its own; cells merged down from above are not its own).
pub(super) fn is_continuation(grid: &Grid, r: usize, layout: &Layout) -> bool {
    only_continued_text(grid, r, layout, None)
}

/// Whether row `r`'s own cells hold text, and only in the progress, note or evidence
/// columns (`besides`: one more column that may hold anything).
fn only_continued_text(grid: &Grid, r: usize, layout: &Layout, besides: Option<usize>) -> bool {
    let continued: Vec<usize> = CONTINUED_COLUMNS
        .iter()
        .filter_map(|k| layout.col(*k))
        .collect();
    let mut text = false;
    for c in 0..grid.row_len(r) {
        if grid.cell(r, c).is_empty() || Some(c) == besides {
            continue;
        }
        if !continued.contains(&c) {
            return false;
        }
        text = true;
    }
    text
}

/// Row `r` as an item of the task row above (1. 2. or （一）（二） in the 序号 column, text
/// only in the columns a continuation holds): the item number it gives, if it is the
/// next one (`next`) and below the task's own number (`task`). A bare number (8) is a
/// task's, not an item's.
pub(super) fn sub_item(
    grid: &Grid,
    r: usize,
    layout: &Layout,
    next: u32,
    task: Option<u32>,
) -> Option<String> {
    let id_col = layout.col(ColumnKind::Id)?;
    if !only_continued_text(grid, r, layout, Some(id_col)) {
        return None;
    }
    let Cell::Text(written) = grid.cell(r, id_col) else {
        return None;
    };
    let written = one_line(written);
    let n = crate::ingest::values::item_number(&written)?;
    (n == next && task.is_some_and(|t| n < t)).then_some(written)
}

/// The kinds of mark an enumeration of a task's parts uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartMark {
    /// 一是, 二是 …
    Shi,
    /// 其一, 其二 …
    Qi,
    /// （一）, (2) …
    Paren,
    /// 1、 2． 3.
    Digit,
    /// ① ② …
    Circled,
}

/// The enumeration mark a text opens with, its ordinal, and the text after it.
fn part_mark(text: &str) -> Option<(PartMark, u32, &str)> {
    let numeral = |c: char| {
        crate::common::numerals::chinese_number(c.encode_utf8(&mut [0; 4])).filter(|&n| n > 0)
    };
    let t = text.trim_start();
    let mut chars = t.char_indices();
    let (_, a) = chars.next()?;
    let (bi, b) = chars.next()?;
    let after = |i: usize| &t[i..];
    match a {
        '其' => Some((PartMark::Qi, numeral(b)?, after(bi + b.len_utf8()))),
        '（' | '(' => {
            let n = numeral(b).or_else(|| b.to_digit(10).filter(|&d| d > 0))?;
            let (ci, c) = chars.next()?;
            matches!(c, '）' | ')').then(|| (PartMark::Paren, n, after(ci + c.len_utf8())))
        }
        '①'..='⑩' => Some((PartMark::Circled, a as u32 - '①' as u32 + 1, after(bi))),
        '1'..='9' => {
            let rest = after(bi + b.len_utf8());
            (matches!(b, '、' | '．' | '.') && !rest.starts_with(|c: char| c.is_ascii_digit()))
                .then(|| (PartMark::Digit, a as u32 - '0' as u32, rest))
        }
        _ if b == '是' => Some((PartMark::Shi, numeral(a)?, after(bi + b.len_utf8()))),
        _ => None,
    }
}

/// Whether `text` goes on with the enumeration of the text above it: it opens with a
/// later part's mark (二是, 其三, （二）, 2、, ②) and a line of `above` opens with the part
/// before it of the same kind (一是 over 二是; adv52 a3). Not a text whose part names a
/// task of its own (2、第37项：…) or opens with a unit's name (2、宝峰镇：…: a
/// consolidation's rows, a unit each; second review c 2, c 8).
pub(super) fn continues_parts(above: &str, text: &str, units: &crate::plan::UnitDirectory) -> bool {
    let Some((kind, n, rest)) = part_mark(text).filter(|&(_, n, _)| n >= 2) else {
        return false;
    };
    let previous = above
        .lines()
        .rev()
        .filter_map(part_mark)
        .find(|&(k, ..)| k == kind);
    if previous.map(|(_, m, _)| m) != Some(n - 1) {
        return false;
    }
    let rest = rest.trim_start();
    let names_task = rest.starts_with('第') && rest.chars().take(6).any(|c| c == '项');
    let names_unit = crate::plan::labels::unit_clauses(rest, units)
        .first()
        .is_some_and(|(_, clause, _)| rest.starts_with(clause.trim()));
    !names_task && !names_unit
}

/// The texts row `r` continues with: (progress, note, evidence), each possibly empty.
pub(super) fn continued_texts(grid: &Grid, r: usize, layout: &Layout) -> [String; 3] {
    CONTINUED_COLUMNS.map(|k| match layout.col(k) {
        Some(c) => one_line_keep_breaks(&grid.cell(r, c).text_ref()),
        None => String::new(),
    })
}

/// The values a data row reports (the unit and filing date are the sheet's business).
pub(super) struct RowValues {
    pub source: Source,
    pub id_text: String,
    pub id: Option<u32>,
    pub measure_text: String,
    pub status: Status,
    pub status_text: String,
    pub progress: String,
    pub completed_on: Option<NaiveDate>,
    pub completed_text: String,
    pub note: String,
    pub evidence: String,
    /// The 完成时限 as written: an added 调整后完成时限 column's when filled, else the
    /// 完成时限 column's.
    pub deadline_text: String,
    /// The row's own 填报日期 (a column of web exports), if it has one.
    pub filed_on: Option<NaiveDate>,
    /// The month the row reports on (a 月份 column), if the table has one.
    pub period: Option<NaiveDate>,
}

/// What a row's values depend on beyond its own cells.
pub(super) struct Around<'a> {
    /// Our checklist's marker, which knows each row's task.
    pub marker: Option<&'a Marker>,
    /// The year of a date written without one.
    pub default_year: i32,
    /// The record of the row above in the same table, for ditto marks.
    pub above: Option<&'a Record>,
    /// The records of the sheet read so far, for a row saying 同第24项.
    pub earlier: &'a [Record],
    /// When the return (or the block of the row) was filed, if known: a status cell
    /// dating the work (2020年9月完成) before it says the work is done.
    pub filed_by: Option<NaiveDate>,
    /// The status the group heading over the row names (一、已完成的任务), for a row
    /// that gives none of its own.
    pub group_status: Option<Status>,
}

/// The status a category heading names for the rows under it (一、已完成的任务（2项）,
/// （二）正在推进的事项, 三、长期坚持类): a heading that is a status and nothing more.
pub(super) fn heading_status(text: &str) -> Option<Status> {
    let t = one_line(text);
    let t = t
        .trim_start_matches(|c: char| {
            "一二三四五六七八九十（(）)、.．".contains(c) || c.is_whitespace()
        })
        .trim_end();
    // Its count: （2项）, (3个).
    let t = match t.rfind(['（', '(']) {
        Some(i) if t.ends_with(['）', ')']) => &t[..i],
        _ => t,
    };
    let t = [
        "的任务",
        "任务",
        "的事项",
        "事项",
        "的项目",
        "项目",
        "类",
        "的",
    ]
    .iter()
    .find_map(|w| t.strip_suffix(w))
    .unwrap_or(t);
    if t.is_empty() || t.chars().count() > 6 {
        return None;
    }
    match classify_status(t) {
        Status::Unclear => None,
        s => Some(s),
    }
}

/// A measure cell with the unit's progress on a line of its own after the plan's words,
/// under a label (进展：…, 进展情况：…, 完成情况：…): the measure and the progress (the
/// label's line and the lines after it, the label taken off).
fn progress_in_measure(cell: &str) -> Option<(String, String)> {
    const LABELS: [&str; 7] = [
        "进展情况",
        "工作进展",
        "整改进展",
        "进展",
        "完成情况",
        "整改情况",
        "落实情况",
    ];
    let mut at = 0;
    for line in cell.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if start == 0 {
            continue;
        }
        let t = line.trim_start();
        let words = LABELS.iter().find_map(|l| {
            t.strip_prefix(l)
                .and_then(|rest| rest.strip_prefix(['：', ':']))
        });
        if let Some(words) = words {
            let progress = format!("{}{}", words.trim_start(), &cell[at..]);
            let measure = cell[..start].trim_end();
            let progress = progress.trim();
            return (!measure.is_empty() && !progress.is_empty())
                .then(|| (measure.to_string(), progress.to_string()));
        }
    }
    None
}

/// A progress cell holding the plan's words and then the unit's under a label (a column
/// headed 具体举措及整改进展情况, or a measure row with a 进展情况：… row under it), on a
/// sheet without a measure of its own: the plan's words are the measure, the rest the
/// progress.
pub(super) fn measure_before_progress(record: &mut Record) {
    if !record.measure_text.is_empty() {
        return;
    }
    if let Some((measure, progress)) = progress_in_measure(&record.progress) {
        record.measure_text = measure;
        record.progress = progress;
    }
}

/// An account under 完成状态 is longer than twice this; its first clause, when longer
/// than twice this too, is no status even if it opens with one (完成河道清掏150座).
const SWAPPED_WORD_CHARS: usize = 6;

/// Row `r`'s progress and status filled in each other's columns: the progress cell a
/// status label alone (长期坚持), the status cell an account whose first clause is no
/// status (出台监管办法，每月考核通报). The status word and the account.
fn swapped_answers(
    layout: &Layout,
    grid: &Grid,
    r: usize,
    progress: &str,
) -> Option<(String, String)> {
    // One of the status labels the checklist offers (按计划推进 is a progress of its own).
    let word = progress.trim().trim_end_matches(['。', '.']);
    if !Status::ALL
        .iter()
        .any(|s| s.label() == word && !matches!(s, Status::Unclear | Status::Unreported))
    {
        return None;
    }
    let account = one_line_keep_breaks(&layout.cell(grid, r, ColumnKind::Status).text_ref());
    // Options with a box ticked (☑已完成 □正在推进): a status cell as the form made it.
    if account.contains(['☑', '□', '■', '☐', '☒', '√', '✓', '✔']) {
        return None;
    }
    let first_clause = account
        .split(['，', ',', '。', '；', ';', '（', '(', '\n'])
        .next()
        .unwrap_or_default();
    // An account opening with a status word (完成河道清掏150座) still runs on.
    let no_status = first_clause.chars().count() > 2 * SWAPPED_WORD_CHARS
        || classify_status(first_clause) == Status::Unclear;
    (account.chars().count() > 2 * SWAPPED_WORD_CHARS && no_status)
        .then(|| (word.to_string(), account))
}

/// A progress cell's answer lines: 完成状态：已完成 and 完成时间：2020年9月25日, each
/// on a line of its own, taken out of the progress.
struct AnswerLines {
    progress: String,
    status: Option<String>,
    completed: Option<String>,
}

/// The status and completion date a progress cell gives on labelled lines of their own
/// (a Word return with no status column: the unit's words, then 完成状态：已完成, then
/// 完成时间：…); `None` when it gives neither. A status line only when its word reads as
/// a status, a date line only when it reads as a date: other lines stay progress
/// (完成情况：已清掏150座 is the unit's progress).
fn answer_lines(progress: &str, default_year: i32) -> Option<AnswerLines> {
    const STATUS_LABELS: [&str; 3] = ["完成状态", "状态", "进展状态"];
    const DATE_LABELS: [&str; 3] = ["完成时间", "实际完成时间", "完成日期"];
    if !progress.contains(['：', ':']) {
        return None;
    }
    let mut kept: Vec<&str> = Vec::new();
    let (mut status, mut completed) = (None, None);
    for line in progress.lines() {
        let labelled = line.trim().split_once(['：', ':']).map(|(l, v)| {
            let label: String = l.chars().filter(|c| !c.is_whitespace()).collect();
            (label, v.trim())
        });
        match labelled {
            Some((label, word))
                if status.is_none()
                    && STATUS_LABELS.contains(&label.as_str())
                    && classify_status(word) != Status::Unclear =>
            {
                status = Some(word.to_string());
            }
            Some((label, day))
                if completed.is_none()
                    && DATE_LABELS.contains(&label.as_str())
                    && crate::common::dates::parse_date_text(day, Some(default_year)).is_some() =>
            {
                completed = Some(day.to_string());
            }
            _ => kept.push(line),
        }
    }
    (status.is_some() || completed.is_some()).then(|| AnswerLines {
        progress: kept.join("\n").trim().to_string(),
        status,
        completed,
    })
}

/// Read data row `r`. A status that is not recognised and a completion date that does
/// not read are reported into `problems`.
pub(super) fn values(
    grid: &Grid,
    r: usize,
    layout: &Layout,
    ctx: &SheetContext,
    around: Around,
    problems: &mut Vec<Problem>,
) -> RowValues {
    let Around {
        marker,
        default_year,
        above,
        earlier,
        filed_by,
        group_status,
    } = around;
    // 同第24项: the sheet's row on task 24 (the latest read), for a cell repeating it.
    let referred = |t: &str| {
        let id = same_as_task(t)?;
        earlier.iter().rev().find(|o| o.id == Some(id))
    };
    // The latest month left blank, an earlier one filled: that month's columns.
    let own_layout = layout.for_row(grid, r);
    let (layout, fell_back) = match &own_layout {
        Some((own, said)) => (own, Some(said.as_str())),
        None => (layout, None),
    };
    let text_of = |kind: ColumnKind| one_line_keep_breaks(&layout.cell(grid, r, kind).text_ref());
    let source = Source {
        file: ctx.file.to_string(),
        sheet: grid.name.clone(),
        row: r as u32 + 1,
    };
    let (mut id_text, mut id) = task_id_of_cell(layout.cell(grid, r, ColumnKind::Id));
    // An online form's answer: the task is the option picked (21.小水电清理整改, several
    // joined by ┋), its number first.
    if layout.form_export && id_text.is_empty() {
        if let Some(ids) = form_option_task_ids(&text_of(ColumnKind::Measure)) {
            id = parse_task_id(&ids);
            id_text = ids;
        }
    }
    // A second column of a text kind adds its text: progress to progress; the unit's
    // own 整改措施 beside the plan's 整改任务 to the note, under its header.
    let with_extra = |kind: ColumnKind, mut text: String, labelled: bool| {
        for c in layout.extra_cols(kind) {
            let more = one_line_keep_breaks(&grid.value_through_merge(r, c).text_ref());
            if more.is_empty() || text.contains(&more) {
                continue;
            }
            if !text.is_empty() {
                text.push('\n');
            }
            if labelled {
                text.push_str(&one_line(&layout.header_text(grid, c)));
                text.push('：');
            }
            text.push_str(&more);
        }
        text
    };
    let mut progress = with_extra(
        ColumnKind::Progress,
        progress_or_comment(grid, r, layout, text_of(ColumnKind::Progress)),
        false,
    );
    // null, #N/A, / in the progress cell: a spreadsheet's or a form's empty value, not
    // words of the unit's (they would be quoted in the report).
    if is_empty_value(&progress) {
        progress.clear();
    }
    // A row with no task of its own whose words open by naming one (第10项：已于9月18日
    // 取缔…, under task 9's row): that task's report (session 57 review a 4: appended
    // to task 9's words, task 10 left 未报送 and chased).
    if id.is_none() && id_text.trim().is_empty() {
        if let Some((named, rest)) = opens_with_task(&progress) {
            id = Some(named);
            id_text = format!("第{named}项");
            progress = rest.to_string();
        }
    }
    // Progress typed into the measure cell under the plan's words (…禁止违法排污行为。
    // \n进展：12家企业已完善设施), the progress column left blank: the measure and the
    // progress apart.
    let measure_and_progress = progress
        .is_empty()
        .then(|| progress_in_measure(&text_of(ColumnKind::Measure)))
        .flatten();
    if let Some((_, words)) = &measure_and_progress {
        progress = words.clone();
    }
    // 同上 / 〃: the row above's words. Another task's account word for word is
    // worth a look: said so, as the row is read.
    // A 同上 refused as another task's words: the row's 同上 status is not taken either.
    let mut ditto_refused = false;
    if let Some(a) = above.filter(|_| is_ditto(&progress)) {
        let own = checklist_task(marker, r, id).or(id);
        let mut copied = true;
        // (The row above may have no words to copy, a 详见附件 taken out: its task's
        // measure still says whether the 同上 is this task's.)
        if let (Some(own), Some(theirs)) = (own, a.id.filter(|t| Some(*t) != own)) {
            // Measures that are not alike (海绵城市建设专项规划 over 阳台违规改造巡查):
            // the row above's account is not this task's; the row reports no progress
            // of its own.
            let (mine, theirs_text) = (text_of(ColumnKind::Measure), &a.measure_text);
            copied = mine.trim().is_empty()
                || theirs_text.trim().is_empty()
                || crate::ingest::similarity::same_task(&mine, theirs_text)
                || crate::ingest::similarity::same_task(theirs_text, &mine);
            let message = if copied {
                format!(
                    "第{own}项的进展填写“{}”，已按上一行（第{theirs}项）的进展读取。请核实两项任务的进展是否确实相同。",
                    progress.trim()
                )
            } else if is_ditto(&text_of(ColumnKind::Status)) {
                format!(
                    "第{own}项的进展和完成状态均填写“{}”，但上一行是第{theirs}项，两项举措不同，未按上一行读取，本项记为“{}”。请该单位补充第{own}项的进展和完成状态。",
                    progress.trim(),
                    Status::Unclear.label()
                )
            } else {
                format!(
                    "第{own}项的进展填写“{}”，但上一行是第{theirs}项，两项举措不同，未按上一行的进展读取，本项按未写明进展计。请该单位补充第{own}项的进展。",
                    progress.trim()
                )
            };
            let severity = if copied {
                Severity::Info
            } else {
                Severity::Warning
            };
            if !copied || !a.progress.is_empty() {
                problems.push(
                    Problem::new(severity, Code::ReadNote, ctx.file, message)
                        .at(Some(&source.sheet), Some(source.row)),
                );
            }
        }
        if copied {
            progress = a.progress.clone();
        } else {
            progress.clear();
            ditto_refused = true;
        }
    }
    if let Some(a) = referred(&progress) {
        progress = a.progress.clone();
    }
    // No progress column, and the text written under a status column (已完成（填写完成情
    // 况） | 未完成（填写进展情况））: the text is the progress, the column its status.
    let filed_under = progress
        .is_empty()
        .then(|| text_under_status_column(layout, grid, r))
        .flatten();
    // 完成状态：已完成 and 完成时间：2020年9月25日 on lines of their own under the
    // progress, the row's status and date cells blank or missing: the row's answers.
    let answers = (filed_under.is_none() && layout.cell(grid, r, ColumnKind::Status).is_empty())
        .then(|| answer_lines(&progress, default_year))
        .flatten();
    if let Some(a) = &answers {
        progress = a.progress.clone();
    }
    let (mut status, mut status_text) = match filed_under {
        Some((status, word, text)) => {
            progress = text;
            (status, word)
        }
        // The labelled line over what the text says; a tick, 是否完成 or 完成进度 column
        // that gives a status over the line.
        None => {
            let read = read_status(layout, grid, r, &progress);
            match answers.as_ref().and_then(|a| a.status.clone()) {
                Some(word) if read.0 == Status::Unclear || !layout.has_status_column() => {
                    (classify_status(&word), word)
                }
                _ => read,
            }
        }
    };
    // 长期坚持 under 整改进展情况 and the unit's account under 完成状态: the two cells
    // filled in each other's column, read the right way round.
    if let Some((word, account)) = swapped_answers(layout, grid, r, &progress) {
        problems.push(
            Problem::new(
                Severity::Info,
                Code::ReadNote,
                ctx.file,
                "此行“完成状态”栏填写的是进展情况、进展栏填写的是完成状态，已对调读取。请核实。",
            )
            .at(Some(&source.sheet), Some(source.row)),
        );
        (status, status_text) = (classify_status(&word), word);
        progress = account;
    }
    let status_ditto_refused = ditto_refused && is_ditto(&status_text);
    if let Some(a) = above.filter(|_| is_ditto(&status_text)) {
        if ditto_refused {
            (status, status_text) = (Status::Unclear, String::new());
        } else {
            (status, status_text) = (a.status, a.status_text.clone());
        }
    }
    if let Some(a) = referred(&status_text) {
        (status, status_text) = (a.status, a.status_text.clone());
    }
    if let Some(g) = group_status.filter(|_| {
        status == Status::Unclear && (status_text.is_empty() || is_status_placeholder(&status_text))
    }) {
        (status, status_text) = (g, g.label().to_string());
    }
    // N/A has said what it says (不涉及, or nothing beside a status cell): the report
    // quotes no N/A (46项 未启动 | N/A was told as “区住房城乡建委N/A”).
    if is_not_applicable_mark(&progress) {
        progress.clear();
    }
    // The row's own 填报日期 (its warning, if it does not read, comes after the dates').
    let filed_cell = layout.cell(grid, r, ColumnKind::FiledOn);
    let filed_text = one_line(&filed_cell.text_ref());
    let filed_on = filing_date_of_cell(filed_cell, default_year).filter(|_| !filed_text.is_empty());
    // 2020年9月完成 / 2020.9.30 / 9月底已完成 in the status cell, before the return was
    // filed: done then.
    let filed_by = filed_on.or(filed_by);
    let done_as_dated = layout
        .col(ColumnKind::Status)
        .filter(|_| status != Status::NotApplicable)
        .and_then(|_| done_on_status_date(&status_text, default_year, filed_by?));
    if done_as_dated.is_some() {
        status = Status::Completed;
    }
    if done_late(
        layout,
        grid,
        r,
        &status_text,
        &progress,
        default_year,
        filed_by,
    ) {
        status = Status::Completed;
    }
    // 该项工作已纳入第30项一并推进 with no status of its own: task 30's row's status (read
    // above; a row below is looked at once the sheet is read: `refer_forward`), said.
    if status == Status::Unclear && (status_text.is_empty() || is_status_placeholder(&status_text))
    {
        if let Some((to, a)) = points_to_task(&progress)
            .and_then(|to| Some((to, earlier.iter().rev().find(|o| o.id == Some(to))?)))
            .filter(|(_, a)| a.status != Status::Unclear)
        {
            status = a.status;
            problems.push(status_of_task_pointed_to(&source, &progress, to, status));
        }
    }
    // (A 同上 status refused with the row's 同上 progress: that warning said it.)
    if status == Status::Unclear && !status_ditto_refused {
        problems.push(status_unclear(
            ctx,
            &source,
            &status_text,
            &progress,
            layout.has_status_column(),
            id,
            on_time_question(layout, grid).as_deref(),
        ));
    }
    // 见附件 / 详见上表: no progress in the cell (what it points to was not read). The
    // words go to the note; the clerk is told once (an unclear status says it already).
    let pointer = refers_elsewhere(&progress).then(|| std::mem::take(&mut progress));
    if let Some(words) = pointer.as_deref().filter(|_| status != Status::Unclear) {
        problems.push(progress_elsewhere(ctx, &source, words));
    }
    let completed_cell = layout.cell(grid, r, ColumnKind::CompletedOn);
    let completed_written = one_line(&completed_cell.text_ref());
    // 同上 under another row: its date, beside 已完成 (adv50 a 9: kept as text, the date
    // lost); beside a status not done, no completion and no date to read.
    let ditto_date = above.is_some() && is_ditto(&completed_written);
    // 详见第N项, or 同上 on a row whose 同上 was not refused: that row's completion date.
    let date_of_referred = referred(&completed_written)
        .or_else(|| above.filter(|_| ditto_date && !ditto_refused && status == Status::Completed));
    let completed_cell = if date_of_referred.is_some() || ditto_date {
        &Cell::Empty
    } else {
        completed_cell
    };
    let labelled_date = answers
        .and_then(|a| a.completed)
        .filter(|_| completed_cell.is_empty())
        .map(Cell::Text);
    let completed_cell = labelled_date.as_ref().unwrap_or(completed_cell);
    // 计划：2020年12月底 / 实际：2020年11月20日 in one cell: the actual date is the
    // completion; the cell as written is kept in the note.
    let actual = actual_line(&completed_cell.text_ref()).map(Cell::Text);
    let plan_beside_actual = actual.is_some();
    let whole_cell = if plan_beside_actual {
        (completed_cell.text_ref().lines())
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("；")
    } else {
        String::new()
    };
    let completed_cell = actual.as_ref().unwrap_or(completed_cell);
    let completed_text = one_line(&completed_cell.text_ref());
    let written_on =
        date_of_cell(completed_cell, default_year).filter(|_| !completed_text.is_empty());
    // 预计2020年12月底: when the unit means to finish, not when it did; so is a date after
    // the return was filed on a row not reported done (正在推进 beside 2021年6月底).
    let planned = is_planned_date(&completed_text)
        || (!matches!(status, Status::Completed | Status::NotApplicable)
            && written_on.is_some_and(|on| match filed_by {
                Some(filed) => on > filed,
                // Not knowing when the return was filed: a later year than the return's.
                None => chrono::Datelike::year(&on) > default_year,
            }));
    // A date beside 正在推进 / 未启动 is no completion (the start, a stage, a slip): kept
    // in the note, so the documents never say 正在推进，完成时间….
    let undone = matches!(status, Status::InProgress | Status::NotStarted);
    let completed_on = written_on.filter(|_| !planned && !undone);
    if let Some(on) =
        completed_on.filter(|on| chrono::Datelike::year(on) < default_year - YEARS_BEFORE_PLAN)
    {
        problems.push(
            Problem::new(
                Severity::Warning,
                Code::DateUnreadable,
                ctx.file,
                format!(
                    "完成时间“{}”是{}年，早于整改方案多年，可能是年份填写有误，已按原文计入。请核实。",
                    excerpt(&completed_text, 20),
                    chrono::Datelike::year(&on)
                ),
            )
            .at(Some(&source.sheet), Some(source.row)),
        );
    }
    // 完成时间 2020年11月20日 beside a text saying 该项工作已于2020年10月15日完成: two
    // days of one completion. The cell's stands (the column asked for it); the clerk is
    // told, or the report would print one day beside words saying another.
    if let Some(warning) = completed_on
        .filter(|_| status == Status::Completed)
        .and_then(|on| completion_day_disagreeing(&completed_text, on, &progress, default_year))
    {
        problems.push(
            Problem::new(Severity::Warning, Code::DateContradicted, ctx.file, warning)
                .at(Some(&source.sheet), Some(source.row)),
        );
    }
    // 长期 / 长期坚持 / 持续 in 完成时间: the task goes on; no date is owed.
    let goes_on = ["长期", "持续", "常态"]
        .iter()
        .any(|w| completed_text.starts_with(w));
    if written_on.is_none()
        && !planned
        && !goes_on
        && !completed_text.is_empty()
        && !is_placeholder(&completed_text)
        && classify_status(&completed_text) != Status::NotApplicable
    {
        problems.push(date_unreadable(ctx, &source, &completed_text, default_year));
    }
    // 已完成（11月30日通过验收） in the status cell, or 已于2020年9月25日完成整改 in the
    // text: the date written there, when no cell gives one. A day there also stands over
    // a 完成时间 cell of a month alone (2020年12月底: the plan's 完成时限 copied down the
    // column), which is then kept in the note.
    let day_in_status = (status == Status::Completed && month_only(&completed_text))
        .then(|| filed_by.and_then(|f| date_after_status_word(&status_text, default_year, f)))
        .flatten();
    let month_set_aside = day_in_status.is_some();
    // 于9月全部完成拆除: the month the text names, kept as the 完成时间 written (done that
    // month, not on its last day).
    let mut month_in_text = None;
    let completed_on = day_in_status
        .or(completed_on)
        .or(done_as_dated)
        .or_else(|| date_of_referred.and_then(|a| a.completed_on))
        .or_else(|| {
            (status == Status::Completed && completed_text.is_empty())
                .then(|| {
                    filed_by
                        .and_then(|filed| date_after_status_word(&status_text, default_year, filed))
                        .or_else(|| {
                            let (on, month) = completion_in(&progress, default_year)?;
                            month_in_text = month;
                            Some(on)
                        })
                        // 于9月全部完成拆除 in the status cell (or as the text the status
                        // was read from).
                        .or_else(|| {
                            completion_date_in(&status_text, default_year)
                                .filter(|on| filed_by.is_none_or(|f| *on <= f))
                        })
                        .or_else(|| {
                            // 备注 opening with the day: 2020年9月28日已销号.
                            let c = layout.col(ColumnKind::Note)?;
                            let note = one_line(&grid.value_through_merge(r, c).text_ref());
                            day_opening(&note, default_year)
                                .filter(|on| filed_by.is_none_or(|f| *on <= f))
                        })
                        .or_else(|| {
                            day_in_deadline_column(grid, r, layout, default_year)
                                .filter(|on| filed_by.is_none_or(|f| *on <= f))
                        })
                })
                .flatten()
        });
    if filed_on.is_none() && !filed_text.is_empty() && !is_placeholder(&filed_text) {
        problems.push(filed_on_unreadable(ctx, &source, &filed_text, default_year));
    }
    let period_cell = layout.cell(grid, r, ColumnKind::Period);
    let period = crate::ingest::values::period_of_cell(period_cell, default_year);
    let mut measure_text = match measure_and_progress {
        Some((measure, _)) => measure,
        // #N/A from a lookup formula that found nothing: no text of the task.
        None if matches!(layout.cell(grid, r, ColumnKind::Measure), Cell::Error(_)) => {
            String::new()
        }
        None => text_of(ColumnKind::Measure),
    };
    // Notes under their header unless it is 备注: 存在问题：…, 下步打算：….
    let labelled_note = |c: usize| {
        let text = one_line_keep_breaks(&grid.value_through_merge(r, c).text_ref());
        match layout.note_label(c) {
            Some(header) if !text.is_empty() => format!("{header}：{text}"),
            _ => text,
        }
    };
    let mut note = layout
        .col(ColumnKind::Note)
        .map(labelled_note)
        .unwrap_or_default();
    for c in layout.extra_cols(ColumnKind::Note) {
        let more = labelled_note(c);
        if !more.is_empty() && !note.contains(&more) {
            add_line(&mut note, &more);
        }
    }
    if let Some(said) = fell_back.filter(|s| !s.is_empty()) {
        add_line(&mut note, said);
    }
    // 完成进度 beside a status given elsewhere: kept in the note (the merge doubts a
    // status it contradicts: 已完成 at 60%).
    if let Some(c) = layout.col(ColumnKind::Percent) {
        if let Some(shown) = percent_status(grid.value_through_merge(r, c))
            .map(|(_, shown)| shown)
            .filter(|shown| *shown != status_text)
        {
            add_line(
                &mut note,
                &format!("{}{shown}", crate::ingest::PERCENT_LABEL),
            );
        }
    }
    // A 月份 that does not read as a month: kept, under its header.
    if period.is_none() {
        let text = one_line(&period_cell.text_ref());
        if let Some(c) = layout.col(ColumnKind::Period).filter(|_| !text.is_empty()) {
            add_line(
                &mut note,
                &format!("{}：{text}", one_line(&layout.header_text(grid, c))),
            );
        }
    }
    // Columns the tool does not know: their text under their header (never dropped).
    for (c, header) in &layout.unnamed {
        let text = one_line_keep_breaks(&grid.cell(r, *c).text_ref());
        if text.is_empty() {
            continue;
        }
        // A column with no header: the unit's remark beside the row, kept as written.
        if header.is_empty() {
            add_line(&mut note, &text);
        } else {
            add_line(&mut note, &format!("{header}：{text}"));
        }
    }
    if let Some(words) = &pointer {
        add_line(&mut note, &format!("进展情况：{words}"));
    }
    if plan_beside_actual && !note.contains(&whole_cell) {
        add_line(&mut note, &format!("完成时间栏填写：{whole_cell}"));
    }
    if month_set_aside && !note.contains(&completed_text) {
        add_line(&mut note, &format!("完成时间栏填写：{completed_text}"));
    } else if (planned || (undone && written_on.is_some())) && !note.contains(&completed_text) {
        add_line(&mut note, &format!("完成时间：{completed_text}"));
    }
    if measure_text.is_empty() {
        // The plan's text may sit in the second measure column only.
        if let Some(c) = layout.extra_cols(ColumnKind::Measure).next() {
            measure_text = one_line_keep_breaks(&grid.value_through_merge(r, c).text_ref());
        }
    } else {
        let own_measures = with_extra(ColumnKind::Measure, String::new(), true);
        if !own_measures.is_empty() {
            add_line(&mut note, &own_measures);
        }
    }
    let completed_text = match month_in_text {
        Some(month) if completed_text.is_empty() => month,
        _ => completed_text,
    };
    RowValues {
        id: checklist_task(marker, r, id).or(id),
        source,
        id_text,
        measure_text,
        status,
        status_text,
        progress,
        completed_on,
        completed_text,
        note,
        evidence: with_extra(ColumnKind::Evidence, text_of(ColumnKind::Evidence), false),
        deadline_text: deadline_text(grid, r, layout),
        filed_on,
        period,
    }
}

/// Row `r`'s 完成时限 as written: the rightmost filled of the deadline columns after the
/// first (调整后完成时限, 延期完成时间: the deadline the unit moved the task to), else the
/// first (the plan's, copied or edited) unless it holds the row's status.
fn deadline_text(grid: &Grid, r: usize, layout: &Layout) -> String {
    let moved = layout
        .extra_cols(ColumnKind::Deadline)
        .map(|c| one_line(&grid.value_through_merge(r, c).text_ref()))
        .filter(|t| !t.is_empty() && !is_placeholder(t))
        .last();
    match moved {
        Some(moved) => moved,
        // 已完成 under 完成时限 is the row's status, not a deadline.
        None if layout.deadline_holds_statuses && status_in_deadline(layout, grid, r).is_some() => {
            String::new()
        }
        None => one_line(&layout.cell(grid, r, ColumnKind::Deadline).text_ref()),
    }
}

/// Append `line` to `text` on a line of its own.
fn add_line(text: &mut String, line: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(line);
}

/// The progress text, or, when it only says 详见批注, the comment it points to (on the
/// progress cell, else the first on the row).
fn progress_or_comment(grid: &Grid, r: usize, layout: &Layout, progress: String) -> String {
    if !refers_to_comment(&progress) {
        return progress;
    }
    let comment = layout
        .col(ColumnKind::Progress)
        .and_then(|c| grid.comment(r, c))
        .or_else(|| grid.row_comment(r));
    match comment {
        Some(text) if !text.trim().is_empty() => one_line_keep_breaks(text),
        _ => progress,
    }
}

/// On our checklist, a 序号 emptied or overwritten with a number not on the form: the
/// row's position tells the task (merge still checks it against the measure text on
/// the row).
fn checklist_task(marker: Option<&Marker>, r: usize, id: Option<u32>) -> Option<u32> {
    let m = marker?;
    if id.is_some_and(|i| m.tasks.contains(&i)) {
        return None;
    }
    m.task_at(r)
}

/// The row's status and the text it was read from: the status column, a 是否完成 column,
/// an 已完成 tick column, a 完成进度 percentage (when the status cell is empty), a bare
/// status word in 备注 (units put it there when the form has only a tick column), then
/// a progress text that says it plainly. A dash or slash in a status cell is nothing
/// picked: the next source decides, and the dash is kept as the text written.
fn read_status(layout: &Layout, grid: &Grid, r: usize, progress: &str) -> (Status, String) {
    let (mut status, written) = read_status_columns(layout, grid, r, progress);
    // 否 (× 未完成) with no progress text beside it.
    let bare_no = progress.trim().is_empty() && is_no_answer(&written);
    // Such a 否 is 未启动 (DOMAIN.md), unless the row's notes say how far the work is
    // (存在问题：资金未到位，工程正在招标; 下步打算：加快推进): read by them, as a progress
    // text beside 否 is (second review c 3).
    if status == Status::NotStarted && bare_no {
        let notes: Vec<String> = row_notes(layout, grid, r)
            .filter(|t| !t.is_empty() && !is_status_placeholder(t))
            .collect();
        if !notes.is_empty() {
            status = classify_yes_no(&written, &notes.join("；"));
        }
    }
    if !denies_task(layout, grid, r) {
        return (status, written);
    }
    // 是否涉及：否. The row is 不涉及 unless another column gives it a status of its own,
    // which contradicts the answer.
    match status {
        Status::NotApplicable => (status, written),
        Status::Unclear if written.is_empty() || is_status_placeholder(&written) => {
            (Status::NotApplicable, "是否涉及：否".to_string())
        }
        // 是否涉及：否 and 是否完成：否 with nothing written: not the unit's, so not done
        // by it either (second review c 10: told the two contradicted each other).
        Status::NotStarted | Status::Unclear if bare_no => {
            (Status::NotApplicable, "是否涉及：否".to_string())
        }
        _ => (Status::Unclear, format!("{DENIED_BUT}{written}")),
    }
}

/// How a row answering 否 under 是否涉及 beside a status of its own is written: the
/// status text read after it.
const DENIED_BUT: &str = "是否涉及：否；";

/// The texts of row `r`'s note columns (备注, 存在问题, 下步打算 …), each on one line.
fn row_notes<'a>(
    layout: &'a Layout,
    grid: &'a Grid,
    r: usize,
) -> impl Iterator<Item = String> + 'a {
    layout
        .col(ColumnKind::Note)
        .into_iter()
        .chain(layout.extra_cols(ColumnKind::Note))
        .map(move |c| one_line(&grid.value_through_merge(r, c).text_ref()))
}

/// The words of a yes/no column asking whether the work was done on time (是否按期完成,
/// 是否按时完成, 是否如期完成, 是否在规定时限内完成, 是否按计划完成).
const ON_TIME_WORDS: [&str; 6] = ["按期", "按时", "如期", "时限", "按计划", "规定时间"];

/// The header of the row's yes/no column when it asks whether the work was done on time
/// (see [`ON_TIME_WORDS`]), on one line.
fn on_time_question(layout: &Layout, grid: &Grid) -> Option<String> {
    let c = layout.col(ColumnKind::StatusYesNo)?;
    let header = one_line(&layout.header_text(grid, c));
    ON_TIME_WORDS
        .iter()
        .any(|w| header.contains(w))
        .then_some(header)
}

/// 否 under 是否按期完成 (按时, 如期) says the task was not done on time, not that it is
/// not done: beside a completion date on or before the return was filed, a text saying
/// it is done (规划于10月20日经区政府批复印发，较计划推迟20天; …，于10月20日完成), or a
/// note saying it was done late (逾期完成, 因市级要求调整，延期完成: adv56 a 2), the task
/// is done, late.
fn done_late(
    layout: &Layout,
    grid: &Grid,
    r: usize,
    status_text: &str,
    progress: &str,
    default_year: i32,
    filed_by: Option<NaiveDate>,
) -> bool {
    // 否（逾期完成）, 否，11月15日完成: what the cell says beside its 否.
    let beside_no = (!is_no_answer(status_text))
        .then(|| words_beside_no(status_text))
        .flatten();
    if !(is_no_answer(status_text) || beside_no.is_some())
        || on_time_question(layout, grid).is_none()
    {
        return false;
    }
    let by_filing = |on: NaiveDate| match filed_by {
        Some(filed) => on <= filed,
        None => chrono::Datelike::year(&on) <= default_year,
    };
    let cell = layout.cell(grid, r, ColumnKind::CompletedOn);
    let text = one_line(&cell.text_ref());
    let dated = date_of_cell(cell, default_year)
        .filter(|_| !text.is_empty() && !is_planned_date(&text))
        .is_some_and(by_filing);
    // A text or note saying the work was done late counts only where the text leaves no
    // work to do (扩容工程已于9月15日开工, 初稿已于10月20日完成，目前正在征求意见, 摸排已
    // 于11月25日完成，修复方案待审批: second review c 1, c 3).
    let work_left = says_work_left(progress);
    let text_dated = || {
        !work_left
            && !is_planned_date(progress)
            && done_on_in_clause(progress, default_year).is_some_and(by_filing)
    };
    let noted_late = || !work_left && row_notes(layout, grid, r).any(|t| says_done_late(&t));
    let said_beside = || {
        beside_no.is_some_and(|w| {
            says_done_late(w)
                || filed_by.is_some_and(|f| done_on_status_date(w, default_year, f).is_some())
        })
    };
    dated
        || (!work_left && status_from_progress(progress) == Some(Status::Completed))
        || text_dated()
        || noted_late()
        || said_beside()
}

/// The words a 否 cell holds beside its 否 (否（逾期完成）, 否，11月15日完成), when it
/// opens with 否 and says more.
fn words_beside_no(status_text: &str) -> Option<&str> {
    let rest = status_text.trim().strip_prefix('否')?;
    let rest = rest
        .trim_start_matches(['（', '(', '，', ',', '：', ':', ' ', '、'])
        .trim_end_matches(['）', ')', '。', ' ']);
    (!rest.is_empty()).then_some(rest)
}

/// Words saying part of the work is left or only a step is done (待审批, 正在, 初稿, 开工):
/// a date beside them is a step's, not the task's.
fn says_work_left(text: &str) -> bool {
    const LEFT: [&str; 17] = [
        "待",
        "正在",
        "尚未",
        "尚有",
        "未完成",
        "初稿",
        "修订稿",
        "征求",
        "报批",
        "审议",
        "审批",
        "开工",
        "启动",
        "起草",
        "剩余",
        "目前",
        "前完成",
    ];
    LEFT.iter().any(|w| text.contains(w))
}

/// The day a text says the work was finished on, in a clause ending there (…，于10月20日
/// 完成。): not 于10月20日完成编制 (a step named after it), nor 12月底前完成 (a time aimed at).
fn done_on_in_clause(text: &str, default_year: i32) -> Option<NaiveDate> {
    text.match_indices('于').find_map(|(i, w)| {
        let rest = &text[i + w.len()..];
        let end = rest.find("完成")?;
        let date = rest[..end].trim();
        let date = ["全部", "全面", "已"]
            .iter()
            .find_map(|w| date.strip_suffix(w))
            .unwrap_or(date);
        let after = &rest[end + "完成".len()..];
        let closes = after.is_empty() || after.starts_with(['。', '，', ',', '；', ';', '.']);
        (closes && !date.ends_with('前'))
            .then(|| short_date(date, default_year))
            .flatten()
    })
}

/// A note saying the work was done after its deadline: its last clause is 逾期完成 (延期
/// 完成, 推迟完成, 已逾期完成: 因市级要求调整，延期完成), and nothing in it asks for or
/// grants more time (申请延期完成, 需延期完成, 经批准延期完成: second review c 2) or plans.
fn says_done_late(note: &str) -> bool {
    const LATE_DONE: [&str; 5] = ["逾期完成", "延期完成", "推迟完成", "滞后完成", "超期完成"];
    const NOT_DONE: [&str; 16] = [
        "申请",
        "报请",
        "需",
        "经",
        "同意",
        "批准",
        "无法",
        "将",
        "拟",
        "预计",
        "计划",
        "确保",
        "尚未",
        "未完成",
        "争取",
        "力争",
    ];
    let note = note.trim().trim_end_matches(['。', '.', '；', ';']);
    let last = note
        .rsplit(['，', ',', '；', ';'])
        .next()
        .unwrap_or(note)
        .trim();
    let last = last.strip_prefix('已').unwrap_or(last);
    LATE_DONE.contains(&last) && !NOT_DONE.iter().any(|w| note.contains(w))
}

/// [`read_status`] from the status columns, the percentage, 备注 and the progress text.
fn read_status_columns(layout: &Layout, grid: &Grid, r: usize, progress: &str) -> (Status, String) {
    let text = |c: usize| one_line(&grid.value_through_merge(r, c).text_ref());
    let copied = deadline_copied(layout, grid, r);
    let mut placeholder = String::new();
    let mut picked = |t: String| -> Option<String> {
        if t.is_empty() {
            None
        } else if is_status_placeholder(&t) {
            if placeholder.is_empty() {
                placeholder = t;
            }
            None
        } else {
            Some(t)
        }
    };
    // One cell merged across the progress and the status columns (已完成。2020年9月25日，
    // …经区政府批复实施。): the text is the progress, and its words say the status.
    let merged_with_progress = |c: usize| {
        layout
            .col(ColumnKind::Progress)
            .zip(grid.merge_at(r, c))
            .is_some_and(|(p, m)| m.contains(r, p))
    };
    // A status cell merged down from another unit's row (a lead's consolidation, its
    // 完成状态 merged over the task's rows) is not the answer of a row that wrote no
    // progress of its own (adv55 a 6: 金龙镇's blank row was credited 长期坚持).
    let another_units = |c: usize| {
        progress.trim().is_empty()
            && grid.merge_at(r, c).is_some_and(|m| {
                let top = m.first_row as usize;
                top < r
                    && [ColumnKind::Unit, ColumnKind::ResponsibleUnit]
                        .iter()
                        .filter_map(|k| layout.col(*k))
                        .any(|u| {
                            let own = one_line(&grid.cell(r, u).text_ref());
                            !own.is_empty() && own != one_line(&grid.cell(top, u).text_ref())
                        })
            })
    };
    if let Some((c, t)) = layout
        .col(ColumnKind::Status)
        .filter(|_| !copied)
        .filter(|&c| !merged_with_progress(c) && !another_units(c))
        .and_then(|c| picked(text(c)).map(|t| (c, t)))
    {
        // ☑已完成 □正在推进 □未启动: the ticked option is the status.
        if let Some(option) = ticked_option(&t) {
            return (classify_status(&option), option);
        }
        let status = classify_status(&t);
        // 2 under 完成状态（1.已完成 2.正在推进 3.未启动）: the word the header gives it.
        if status == Status::Unclear {
            if let Some(word) = coded_status(&layout.header_text(grid, c), &t) {
                return (classify_status(word), word.to_string());
            }
            // A lone check mark in 完成状态 (√ on the rows done, words on the others):
            // done.
            if !t.trim().is_empty() && t.trim().chars().all(|c| ['√', '✓', '✔', '☑'].contains(&c))
            {
                return (Status::Completed, t);
            }
            // 否 in 完成状态: as in 是否完成, the text beside it says how far (否 beside
            // 辖区内无此类工程 is 不涉及). 无: no status picked, the text decides.
            if is_no_answer(&t) {
                return (classify_yes_no(&t, progress), t);
            }
            if t.trim() == "无" {
                if let Some(said) = status_from_progress(progress) {
                    return (said, t);
                }
            }
            // 未完成 beside 正在施工，预计12月底完工: under way, as the text says.
            if let Some(said) = not_done_by_progress(&t, progress) {
                return (said, t);
            }
        }
        return (status, t);
    }
    if let Some((c, t)) = layout
        .col(ColumnKind::StatusYesNo)
        .and_then(|c| picked(text(c)).map(|t| (c, t)))
    {
        let t = ticked_option(&t).unwrap_or(t);
        let status = classify_yes_no(&t, progress);
        // 否 under 是否销号 (closed off after checking) or 是否按期完成 says less than "not
        // started": with nothing written beside it, how far the work is is unknown
        // (second review c 3). (The header read only then.)
        if status == Status::NotStarted && progress.trim().is_empty() && {
            let header = layout.header_text(grid, c);
            ["销号"]
                .iter()
                .chain(&ON_TIME_WORDS)
                .any(|w| header.contains(w))
        } {
            return (Status::Unclear, t);
        }
        return (status, t);
    }
    if let [(_, _, c)] = layout.ticks[..] {
        // One 已完成 column: a tick, or a status word written in it.
        if let Some(t) = picked(text(c)) {
            return (classify_tick(&t).unwrap_or(Status::Unclear), t);
        }
    } else if let Some(found) = ticked_column(layout, text) {
        return found;
    }
    // A status cell left empty: the percentage decides.
    if let Some(c) = layout.col(ColumnKind::Percent) {
        let cell = grid.value_through_merge(r, c);
        if let Some(found) = percent_status(cell) {
            return found;
        }
    }
    // A status word in 备注 (not in 存在问题 or 下步打算, which speak of what is left).
    if let Some(c) = layout
        .col(ColumnKind::Note)
        .filter(|c| layout.note_label(*c).is_none())
    {
        let t = text(c);
        if t.chars().count() <= STATUS_NOTE_CHARS {
            let s = classify_status(&t);
            if s != Status::Unclear {
                return (s, t);
            }
        }
        // 我镇无此类情况 in 备注 beside a dash: the unit's 不涉及.
        if t.chars().count() <= NOT_APPLICABLE_NOTE_CHARS
            && status_from_progress(&t) == Some(Status::NotApplicable)
        {
            return (Status::NotApplicable, t);
        }
    }
    // 不涉及 written under 完成时间 (the status left blank or dashed).
    if let Some(t) = layout.col(ColumnKind::CompletedOn).map(text) {
        if classify_status(&t) == Status::NotApplicable {
            return (Status::NotApplicable, t);
        }
    }
    // 已完成 written under 完成时限 (the unit's status in the wrong column).
    if let Some(found) = layout
        .deadline_holds_statuses
        .then(|| status_in_deadline(layout, grid, r))
        .flatten()
    {
        return found;
    }
    let status = status_from_progress(progress).unwrap_or(Status::Unclear);
    (status, placeholder)
}

/// A status word written under 完成时限 (已完成, 正在推进, 未启动, 不涉及) and the text:
/// the unit's status, put in the wrong column. Never a deadline: no digit (2020年12月底
/// 完成), no word of time (年底前完成, 近期完成). 长期坚持 is also a deadline the plan
/// gives, so it counts only on a sheet whose 完成时限 column holds other status words
/// ([`Layout::deadline_holds_statuses`]).
pub(super) fn status_in_deadline(
    layout: &Layout,
    grid: &Grid,
    r: usize,
) -> Option<(Status, String)> {
    let c = layout.col(ColumnKind::Deadline)?;
    // Cheap tests first, on the cell as it is: nearly every 完成时限 is a date.
    let Cell::Text(raw) = grid.value_through_merge(r, c) else {
        return None;
    };
    if raw.len() > FILED_UNDER_CHARS * 4
        // 长期坚持 is the plan's deadline unless the column holds statuses.
        || (!layout.deadline_holds_statuses && raw.contains("长期"))
        || raw.chars().any(|ch| {
            crate::common::text::is_any_digit(ch) || "年月日底前内季旬初末".contains(ch)
        })
        || ["近期", "尽快", "及时"].iter().any(|w| raw.contains(w))
    {
        return None;
    }
    let t = one_line(raw);
    if t.is_empty() || t.chars().count() > FILED_UNDER_CHARS {
        return None;
    }
    match classify_status(&t) {
        Status::Unclear => None,
        Status::Ongoing if !layout.deadline_holds_statuses => None,
        s => Some((s, t)),
    }
}

/// The shortest text read as progress written under a status column: shorter, it is
/// the column's word or mark (已完成, √, 是, 已完成并长期坚持).
const FILED_UNDER_CHARS: usize = 10;

/// A row of a table with a column per status and no progress column, where the unit
/// wrote its text under the column that says its status (已完成（填写完成情况） |
/// 未完成（填写进展情况））: that column's status, its header word, and the text. Text
/// under a column that says only "not done" (未完成) is under way unless it says
/// otherwise. `None` unless exactly one status column holds such a text.
fn text_under_status_column(
    layout: &Layout,
    grid: &Grid,
    r: usize,
) -> Option<(Status, String, String)> {
    let filed: Vec<(Status, &String, String)> = layout
        .ticks
        .iter()
        .map(|(status, word, c)| (*status, word, grid.value_through_merge(r, *c).text()))
        .filter(|(_, _, t)| {
            let t = t.trim();
            t.chars().count() >= FILED_UNDER_CHARS && !is_tick_mark(t)
        })
        .collect();
    let [(status, word, text)] = &filed[..] else {
        return None;
    };
    let status = match status {
        Status::Unclear => status_from_progress(text)
            .filter(|s| *s != Status::Completed)
            .unwrap_or(Status::InProgress),
        s => *s,
    };
    Some((status, word.to_string(), one_line_keep_breaks(text)))
}

/// Of several tick columns (已完成 / 正在推进 / 未启动), the one ticked on the row: its
/// status with its header word. Ticks in two columns read 待核实 naming both; no tick
/// leaves the status to the other sources.
fn ticked_column(layout: &Layout, text: impl Fn(usize) -> String) -> Option<(Status, String)> {
    let ticked: Vec<&(Status, String, usize)> = layout
        .ticks
        .iter()
        .filter(|(_, _, c)| is_tick_mark(&text(*c)))
        .collect();
    match ticked[..] {
        [] => None,
        [(status, word, _)] => Some((*status, word.clone())),
        _ => {
            let words: Vec<&str> = ticked.iter().map(|(_, w, _)| w.as_str()).collect();
            Some((Status::Unclear, format!("{}均已勾选", words.join("、"))))
        }
    }
}

/// The status a 完成进度 cell gives, with the percentage as written: a number from 0 to
/// 1 is a fraction (a cell formatted as percent), above 1 it is percent points (60 is
/// 60%); a text is read as a percentage (60%, 60) or a status word. `None` for a blank
/// cell or a dash.
fn percent_status(cell: &Cell) -> Option<(Status, String)> {
    let points = |x: f64| if x <= 1.0 { x * 100.0 } else { x };
    let (p, written) = match cell {
        Cell::Number(x) => (points(*x), None),
        Cell::Text(t) => {
            let t = one_line(t);
            if t.is_empty() || is_status_placeholder(&t) {
                return None;
            }
            let bare = t.trim_end_matches(['%', '％']).trim();
            match bare.parse::<f64>() {
                Ok(x) if bare.len() < t.len() => (x, Some(t)),
                Ok(x) => (points(x), Some(t)),
                // 约60%, 90%以上, 100%（已验收）: the percentage written.
                Err(_) => match percent_written(&t) {
                    Some(x) => (x, Some(t)),
                    None => return Some((classify_status(&t), t)),
                },
            }
        }
        Cell::Empty => return None,
        other => return Some((Status::Unclear, other.text())),
    };
    // 60 in a text cell is 60%.
    let shown = written
        .filter(|t| t.contains(['%', '％']))
        .unwrap_or_else(|| {
            let p = (p * 10.0).round() / 10.0;
            format!("{p}%")
        });
    Some((status_of_percent(p).unwrap_or(Status::Unclear), shown))
}

/// A progress cell that only points elsewhere (见附件): nothing of the progress was read.
fn progress_elsewhere(ctx: &SheetContext, source: &Source, words: &str) -> Problem {
    Problem::new(
        Severity::Warning,
        Code::ProseReport,
        ctx.file,
        format!(
            "进展情况只写了“{}”，所指的附件或材料中的进展未能汇总，报告中只列出完成状态。请人工补录，或请该单位把进展情况直接填入表中后重新报送。",
            excerpt(words, 20)
        ),
    )
    .at(Some(&source.sheet), Some(source.row))
}

fn status_unclear(
    ctx: &SheetContext,
    source: &Source,
    status_text: &str,
    progress: &str,
    has_column: bool,
    task: Option<u32>,
    on_time: Option<&str>,
) -> Problem {
    let shown = format!("“{}”", excerpt(status_text, 20));
    // Words of a status, but in parts that disagree or leave it open (已全部完成，尚有3处
    // 未整改).
    let mentions = crate::ingest::vocabulary::mentions_status(progress);
    let words_unclear = status_text.is_empty() && !has_column && mentions;
    // 否 alone (no progress text): understood, but it does not say whether work started.
    let message = if ctx.written_report {
        // A section of a letter: said of its paragraph (and its task, as the clerk
        // finds it in the letter: adv51 a 2), not of a form's column.
        let paragraph = match task {
            Some(id) => format!("第{id}项的段落“{}”", excerpt(progress, 30)),
            None => "此段文字".to_string(),
        };
        format!(
            "{paragraph}{}，记为“{}”。请与该单位核实。",
            if words_unclear {
                "中的完成情况前后不一致或不够明确"
            } else {
                "没有写明完成情况（已完成、正在推进等）"
            },
            Status::Unclear.label()
        )
    } else if words_unclear {
        format!(
            "表中没有完成状态列，进展情况中的完成情况前后不一致或不够明确，记为“{}”。请与该单位核实，并请增加“完成状态”列填写：{}。",
            Status::Unclear.label(),
            choices_or()
        )
    } else if status_text.is_empty() && !has_column {
        format!(
            "表中没有完成状态列，进展情况也没有写明完成情况，记为“{}”。请增加“完成状态”列并填写：{}。",
            Status::Unclear.label(),
            choices_or()
        )
    } else if (status_text.is_empty() || is_status_placeholder(status_text)) && mentions {
        // 已完成规划编制, 该项工作已完成。下一步…持续推进: the text speaks of completion,
        // but not clearly of the whole task (adv44 a32: told it said nothing of it).
        format!(
            "完成状态未填写，进展情况“{}”不足以确定整项任务的完成情况，记为“{}”。请填写：{}。",
            excerpt(progress, 30),
            Status::Unclear.label(),
            choices_or()
        )
    } else if status_text.is_empty() || is_status_placeholder(status_text) {
        format!(
            "完成状态未填写，进展情况也没有写明完成情况，记为“{}”。请填写：{}。",
            Status::Unclear.label(),
            choices_or()
        )
    } else if let Some(said) = status_text.strip_prefix(DENIED_BUT) {
        format!(
            "“是否涉及”填写“否”，但{}，两者矛盾，记为“{}”。请核实该任务是否涉及你单位。",
            if said.is_empty() {
                "进展情况写明了完成情况".to_string()
            } else {
                format!("完成状态为“{}”", excerpt(said, 20))
            },
            Status::Unclear.label()
        )
    } else if is_no_answer(status_text) && status_from_progress(progress) == Some(Status::Completed)
    {
        // 否 beside 已全部完成 (adv44 b15: the unit was asked for progress it wrote).
        format!(
            "填写“{}”{}，但进展情况写明“{}”，两者不一致，记为“{}”。请核实该任务是否已完成，并据实填写完成状态。",
            one_line(status_text),
            meaning_of_no(status_text),
            excerpt(progress, 30),
            Status::Unclear.label()
        )
    } else if is_no_answer(status_text) && refers_elsewhere(progress) {
        // 否 beside 见附件 (second review c 4).
        format!(
            "填写“{}”{}，进展情况只写了“{}”，所指的附件或材料中的进展未能汇总，无法判断是正在推进还是未启动，记为“{}”。请人工补录，或请该单位把进展情况直接填入表中后重新报送。",
            one_line(status_text),
            meaning_of_no(status_text),
            excerpt(progress, 20),
            Status::Unclear.label()
        )
    } else if is_no_answer(status_text) && !progress.trim().is_empty() {
        format!(
            "填写“{}”{}，但进展情况没有写明是正在推进还是未启动，记为“{}”。请填写“正在推进”或“未启动”。",
            one_line(status_text),
            meaning_of_no(status_text),
            Status::Unclear.label()
        )
    } else if let Some(question) = on_time.filter(|_| is_no_answer(status_text)) {
        // 否 under 是否按期完成: not done on time, which says nothing of whether it is
        // done now (adv56 a 2: told 否 meant 未完成).
        format!(
            "“{question}”填写“{}”，但没有写明进展，无法判断该任务是已逾期完成还是仍在推进，记为“{}”。请写明进展情况，并填写完成状态：{}。",
            one_line(status_text),
            Status::Unclear.label(),
            choices_or()
        )
    } else if is_no_answer(status_text) {
        format!(
            "完成状态填写“{}”{}，但没有写明进展，无法判断是正在推进还是未启动，记为“{}”。请写明进展情况，并填写“正在推进”或“未启动”。",
            one_line(status_text),
            meaning_of_no(status_text),
            Status::Unclear.label()
        )
    } else {
        format!(
            "完成状态{shown}无法识别，记为“{}”。请填写：{}。",
            Status::Unclear.label(),
            choices_or()
        )
    };
    Problem::new(Severity::Warning, Code::StatusUnclear, ctx.file, message)
        .at(Some(&source.sheet), Some(source.row))
}

/// What a no answer means, after it in a message: （未完成） after 否, nothing after
/// 未完成 itself.
fn meaning_of_no(status_text: &str) -> &'static str {
    if one_line(status_text).contains("完成") {
        ""
    } else {
        "（未完成）"
    }
}

/// The date a progress text says the work was finished on: 于2020年9月25日完成 /
/// 已于9月25日完成整改; or the date a text of a completed task opens with (已于2020年9月
/// 28日将生态环境保护纳入…: the work done that day). The year of the return when not
/// written.
fn completion_date_in(progress: &str, default_year: i32) -> Option<NaiveDate> {
    completion_in(progress, default_year).map(|(on, _)| on)
}

/// [`completion_date_in`], with the date as written when it names a month only (于9月
/// 全部完成拆除: 9月).
fn completion_in(progress: &str, default_year: i32) -> Option<(NaiveDate, Option<String>)> {
    let month = |date: &str, on: NaiveDate| {
        (crate::common::dates::month_only_date(date, Some(default_year)) == Some(on))
            .then(|| date.to_string())
    };
    let parse = |date: &str| short_date(date, default_year);
    progress
        .match_indices('于')
        .find_map(|(i, w)| {
            // 于9月全部完成拆除, 于11月底全部整改完毕: the words of done, and 全部 / 全面
            // before them.
            let rest = &progress[i + w.len()..];
            let end = ["完成", "整改完毕", "整改到位", "清理完毕"]
                .iter()
                .filter_map(|w| rest.find(w))
                .min()?;
            let date = rest[..end].trim();
            let date = ["全部", "全面"]
                .iter()
                .find_map(|w| date.strip_suffix(w))
                .unwrap_or(date);
            let date = date.trim_end_matches(['前', '已']);
            parse(date).map(|on| (on, month(date, on)))
        })
        .or_else(|| days_in(progress, default_year).map(|on| (on, None)))
}

/// The warning for a 完成时间 cell's day (`on`, written `written`) that the progress
/// text contradicts: the text names another day the work was done (已于2020年10月15日
/// 完成). No day is contradicted by a month on either side, by a text naming the cell's
/// day or month too (11月底完成全部拆除 beside 2020-11-30: a later step the cell dates;
/// second review c 4), by a day the work was done by (10月15日前完成: c 3), nor by the
/// cell on the last day of the text's day's month (9月底 typed as 2020-09-30).
fn completion_day_disagreeing(
    written: &str,
    on: NaiveDate,
    progress: &str,
    default_year: i32,
) -> Option<String> {
    use chrono::Datelike;
    if month_only(written)
        || crate::common::dates::month_only_date(written, Some(default_year)).is_some()
    {
        return None;
    }
    let plain = crate::common::dates::nfkc(progress);
    if plain.contains("日前") || plain.contains("号前") {
        return None;
    }
    let (said, None) = completion_in(progress, default_year)? else {
        return None;
    };
    // The month as a word of its own: 1月, not the 1月 of 11月.
    let month = format!("{}月", on.month());
    let names_month = plain.match_indices(&month).any(|(i, _)| {
        !plain[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
    });
    let names_cell_day = names_month
        || [
            format!("{}.{}.{}", on.year(), on.month(), on.day()),
            format!("{}-{:02}-{:02}", on.year(), on.month(), on.day()),
        ]
        .iter()
        .any(|d| plain.contains(d.as_str()));
    let month_end_typed = (said.year(), said.month()) == (on.year(), on.month())
        && on.succ_opt().is_some_and(|next| next.month() != on.month());
    (said != on && !names_cell_day && !month_end_typed).then(|| {
        format!(
            "完成时间填写为{}，进展情况写明的日期为{}，两者不一致，已按完成时间栏计入。请核实后统一。",
            crate::common::dates::render_date(on),
            crate::common::dates::render_date(said)
        )
    })
}

/// A date written short (12 characters or fewer: 9月, 2020年9月25日), as a date.
fn short_date(date: &str, default_year: i32) -> Option<NaiveDate> {
    (date.chars().count() <= 12)
        .then(|| crate::common::dates::parse_date_text(date, Some(default_year)))
        .flatten()
}

/// The days [`completion_in`] reads after its 于…完成: 已于 a day, 完成时间 a day, a
/// clause opening with 于 a day and done, a text opening with the day.
fn days_in(progress: &str, default_year: i32) -> Option<NaiveDate> {
    let parse = |date: &str| short_date(date, default_year);
    // The day `rest` opens with, written up to 日 (or 号).
    let day_written = |rest: &str| {
        let end = rest.find(['日', '号'])?;
        parse(&rest[..end + '日'.len_utf8()].replace('号', "日"))
    };
    // 已于 and a day, at the start or after the subject (…设施已于2020年11月25日
    // 建成投用): the work done that day; of several, the latest.
    progress
        .match_indices("已于")
        .filter_map(|(i, w)| day_written(&progress[i + w.len()..]))
        .max()
        .or_else(|| {
            // 完成时间为2020年9月15日 / 完成时间：9月15日.
            progress.match_indices("完成时间").find_map(|(i, w)| {
                day_written(
                    progress[i + w.len()..].trim_start_matches(['为', '是', '：', ':', ' ']),
                )
            })
        })
        .or_else(|| {
            // A clause opening with 于 and a day that says the work was done then
            // (…专项规划已编制完成，于2020年9月25日经区政府常务会审议通过并印发实施).
            progress
                .split(['，', ',', '。', '；', ';'])
                .filter_map(|c| {
                    let rest = c.trim().strip_prefix('于')?;
                    let end = rest.find(['日', '号'])?;
                    let done = DONE_VERBS.iter().any(|v| rest[end..].contains(v));
                    done.then(|| day_written(rest)).flatten()
                })
                .max()
        })
        .or_else(|| {
            // A text opening with the day the work was done on (2020年11月30日完成全区运行
            // 质量检查。, 9月25日已印发…).
            let (on, rest) = day_opening_and_rest(progress, default_year)?;
            let rest = rest.trim_start_matches(['，', ',', ' ', '已', '全', '面']);
            (rest.starts_with("完成") || DONE_VERBS.iter().any(|v| rest.starts_with(v)))
                .then_some(on)
        })
}

/// A day typed over the 完成时限 column of a form with no 完成时间 column (2020年9月28日
/// where the plan says 2020年9月底完成): when a row reported done was done. Not the plan's
/// deadline copied (9月底, 12月31日前, 完成并长期坚持), nor a month.
fn day_in_deadline_column(
    grid: &Grid,
    r: usize,
    layout: &Layout,
    default_year: i32,
) -> Option<NaiveDate> {
    if layout.col(ColumnKind::CompletedOn).is_some() {
        return None;
    }
    let cell = grid.value_through_merge(r, layout.col(ColumnKind::Deadline)?);
    // A date cell there is as likely the plan's deadline typed as a date: text only.
    match cell {
        Cell::Text(t) => {
            let t = crate::common::dates::nfkc(t);
            let a_day = (t.contains('日') || t.contains('号'))
                && !["前", "底", "完成", "坚持", "保持", "以内"]
                    .iter()
                    .any(|w| t.contains(w));
            a_day
                .then(|| crate::common::dates::parse_date_text(&t, Some(default_year)))
                .flatten()
        }
        _ => None,
    }
}

/// Words that say a piece of work was finished (a plan issued, a work built) in a
/// clause dated by 于.
const DONE_VERBS: [&str; 8] = [
    "印发", "出台", "通过", "批复", "建成", "投用", "投运", "验收",
];

/// The day a text opens with (2020年9月28日已销号, 9月25日经区政府批复), written to the
/// day; the year of the return when not written.
fn day_opening(text: &str, default_year: i32) -> Option<NaiveDate> {
    day_opening_and_rest(text, default_year).map(|(on, _)| on)
}

/// [`day_opening`], with the text after the day (完成全区运行质量检查。).
fn day_opening_and_rest(text: &str, default_year: i32) -> Option<(NaiveDate, String)> {
    let t = crate::common::dates::nfkc(text);
    let head: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || "年月日号".contains(*c))
        .collect();
    let end = head.find(['日', '号'])?;
    let day = head[..end].to_string() + "日";
    let on = crate::common::dates::parse_date_text(&day, Some(default_year))?;
    let rest = t[end + '日'.len_utf8()..].to_string();
    Some((on, rest))
}

/// The words that say work is done, as a status cell opens or ends with them (longest
/// first).
const DONE_WORDS: [&str; 3] = ["已全部完成", "已完成", "完成"];

/// Whether a status cell's words say a plan: its plan words (预计, 计划, 拟 …), and 前
/// (12月底前), 将 and 待.
fn states_a_plan(text: &str) -> bool {
    STATUS_PLAN_CUES
        .iter()
        .chain(&["前", "将", "待"])
        .any(|w| text.contains(w))
}

/// The day a status cell dates the work done on (2020年9月完成, 2020.9.30, 9月底已完成,
/// 已于9月25日完成): when the whole day or month lies on or before `filed` (a month
/// holding the filing day may still be a plan); its last day, or the filing day. `None`
/// for a plan (预计, 计划, …前) or a cell that gives no date.
fn done_on_status_date(text: &str, default_year: i32, filed: NaiveDate) -> Option<NaiveDate> {
    let t = crate::common::dates::nfkc(text);
    if states_a_plan(&t) {
        return None;
    }
    let t = t.trim_end_matches(['。', '.']);
    let t = t
        .strip_prefix("已于")
        .or_else(|| t.strip_prefix('于'))
        .unwrap_or(t);
    let t = DONE_WORDS
        .iter()
        .find_map(|w| t.strip_suffix(w))
        .unwrap_or(t);
    let t = t.trim_end_matches(['已', '，', ',', ' ']);
    let (_, last) = crate::common::dates::parse_date_span(t, Some(default_year))?;
    (last <= filed).then_some(last)
}

/// The day a status cell names after its status word (已完成（11月30日通过验收）,
/// 已完成，2020.11.30验收, 完成(2020年11月30日)): the date that opens the words after
/// it, when it lies on or before `filed`. `None` for a plan (预计, 计划, …前) or no date
/// there.
fn date_after_status_word(text: &str, default_year: i32, filed: NaiveDate) -> Option<NaiveDate> {
    let t = crate::common::dates::nfkc(text);
    if states_a_plan(&t) {
        return None;
    }
    let rest = DONE_WORDS.iter().find_map(|w| t.trim().strip_prefix(w))?;
    let rest = rest.trim_start_matches(['(', '（', ',', '，', ':', '：', ' ', '于']);
    let date: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || "年月日号.-/".contains(*c))
        .collect();
    let date = date.trim_end_matches(['.', '-', '/']);
    if !date.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let (_, last) = crate::common::dates::parse_date_span(date, Some(default_year))?;
    (last <= filed).then_some(last)
}

/// The date on a 实际 line of a 完成时间 cell that also gives the planned one (计划：
/// 2020年12月底 / 实际：2020年11月20日; 实际完成：…), when the cell has both.
fn actual_line(text: &str) -> Option<String> {
    if !text.contains("实际") {
        return None;
    }
    let parts: Vec<&str> = text
        .split(['\n', '；', ';', '，', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2
        || !parts
            .iter()
            .any(|p| p.starts_with("计划") || p.starts_with("预计"))
    {
        return None;
    }
    parts.iter().find_map(|p| {
        let rest = p.strip_prefix("实际")?;
        let rest = rest.trim_start_matches(|c: char| "完成时间日期".contains(c));
        let rest = rest.trim_start_matches([':', '：', ' ', '于']).trim();
        (!rest.is_empty()).then(|| rest.to_string())
    })
}

/// Whether a 完成时间 text names a month, not a day (2020年12月底, 12月, 2020年10月中旬).
fn month_only(text: &str) -> bool {
    // Most dates are written to the day: told without normalising.
    if !text.contains('月') || text.contains(['日', '号']) {
        return false;
    }
    let t = crate::common::dates::nfkc(text);
    t.contains('月') && !t.contains(['日', '号']) && {
        let after = t.rsplit('月').next().unwrap_or("");
        !after.chars().any(|c| c.is_ascii_digit())
    }
}

/// How many years before the return's year a completion date is taken for a slip of
/// the year (2002 for 2020).
const YEARS_BEFORE_PLAN: i32 = 5;

/// A 完成时间 cell giving a date the unit plans to finish by (预计 / 计划 / 力争 / 争取 /
/// 拟): not a completion date.
fn is_planned_date(text: &str) -> bool {
    // …完成，并长期坚持: the plan's deadline copied under 完成时间.
    ["预计", "计划", "力争", "争取", "拟于", "拟在", "长期坚持"]
        .iter()
        .any(|w| text.contains(w))
        // 年底前 without a year: a time the unit aims at, not a date it finished on.
        || (text.contains("年底前") && !text.chars().any(|c| c.is_ascii_digit()))
}

fn date_unreadable(
    ctx: &SheetContext,
    source: &Source,
    completed_text: &str,
    default_year: i32,
) -> Problem {
    let (what, ask) = unreadable_date_words(completed_text, default_year, "2020年9月30日");
    Problem::new(
        Severity::Warning,
        Code::DateUnreadable,
        ctx.file,
        format!(
            "完成时间“{}”{what}，已保留原文。{ask}",
            excerpt(completed_text, 20)
        ),
    )
    .at(Some(&source.sheet), Some(source.row))
}

fn filed_on_unreadable(
    ctx: &SheetContext,
    source: &Source,
    text: &str,
    default_year: i32,
) -> Problem {
    let (what, ask) = unreadable_date_words(text, default_year, "2020年12月5日");
    Problem::new(
        Severity::Warning,
        Code::DateUnreadable,
        ctx.file,
        format!(
            "填报日期“{}”{what}，此行按表头上方的填报日期计。{ask}",
            excerpt(text, 20)
        ),
    )
    .at(Some(&source.sheet), Some(source.row))
}

/// What is wrong with a date cell that reads as no date, and what to ask: a date that
/// does not exist (2020年11月31日) is written in the right form, so asking for the form
/// again would not help the unit.
///
/// A number such as 10.1 may be 10月1日 or 10月10日 (the cell drops the trailing zero of
/// 10.10): the unit is told both, and asked for the day in words.
fn unreadable_date_words(text: &str, default_year: i32, example: &str) -> (String, String) {
    let two_days = text
        .parse::<f64>()
        .ok()
        .and_then(|n| crate::common::dates::month_day_of_number(n, default_year))
        .and_then(Result::err);
    if let Some((a, b)) = two_days {
        use chrono::Datelike;
        let day = crate::common::dates::render_day;
        return (
            format!(
                "可能是{}，也可能是{}（以数字填写时末尾的0不保留）",
                day(a),
                day(b)
            ),
            format!("请写明日期，如“{}年{}”。", b.year(), day(b)),
        );
    }
    // 2020.1 in a number cell: 2020.10 typed, the zero dropped, or January.
    if let Some(year) = text
        .strip_suffix(".1")
        .and_then(|y| y.parse::<i32>().ok())
        .filter(|y| (2000..2100).contains(y))
    {
        return (
            format!("可能是{year}年10月，也可能是{year}年1月（以数字填写时末尾的0不保留）"),
            format!("请写明日期，如“{year}年10月31日”。"),
        );
    }
    match crate::common::dates::impossible_date_reason(text, Some(default_year)) {
        Some(reason) => (
            format!("不是实际存在的日期（{reason}）"),
            "请核实后填写正确的日期。".to_string(),
        ),
        None => (
            "无法识别为日期".to_string(),
            format!("请按“{example}”格式填写。"),
        ),
    }
}

/// Keep line breaks inside a cell as single newlines, trim the ends.
/// (One pass: CR LF, CR and LF all end a line, and the empty lines a CR LF would leave
/// are dropped like every other empty line.)
pub(super) fn one_line_keep_breaks(s: &str) -> String {
    // A byte search: a `char` pattern decodes every character of a long progress text.
    if memchr::memchr2(b'\r', b'\n', s.as_bytes()).is_none() {
        return s.trim().to_string();
    }
    let mut out = String::with_capacity(s.len());
    for line in s.split(['\r', '\n']).map(str::trim) {
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// A slash or dash standing for nothing in a cell.
const DASHES: [&str; 5] = ["/", "\\", "-", "—", "——"];

/// A value that says the cell is empty: a dash or slash, or a database's or another
/// language's word for nothing (null, none, #N/A). Not N/A, which says 不涉及.
fn is_empty_value(s: &str) -> bool {
    let t = bare_value(s);
    DASHES.contains(&t)
        || matches!(t, "--" | "－" | "／")
        || ["null", "none", "nil", "#n/a", "undefined"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w))
}

/// A cell's value without the spaces around it and the stop after it (null。, N/A；).
fn bare_value(s: &str) -> &str {
    s.trim().trim_end_matches(['。', '.', '；', ';'])
}

/// N/A (n/a, NA) alone: the answer 不涉及 where nothing else gives the status, but never
/// words of the unit's to quote.
fn is_not_applicable_mark(s: &str) -> bool {
    let t = bare_value(s);
    ["n/a", "na", "n.a"]
        .iter()
        .any(|w| t.eq_ignore_ascii_case(w))
}

/// A completion cell that says "none" (/ - — 无 …): not a date, and nothing to warn about.
fn is_placeholder(s: &str) -> bool {
    DASHES.contains(&s) || matches!(s, "无" | "暂无")
}

/// A category heading: one text across the row (often merged), opening with a Chinese
/// numeral and 、 or a bracket (一、… （二）…), no number.
fn is_category_heading(grid: &Grid, r: usize) -> bool {
    // Cheap test first (most rows are data): the first non-empty cell must open with a
    // Chinese numeral, possibly in brackets. A necessary condition only.
    let opens_with_numeral = (0..grid.row_len(r))
        .map(|c| grid.cell(r, c))
        .find(|cell| !cell.is_empty())
        .is_some_and(|cell| match cell {
            Cell::Text(t) => t
                .chars()
                .find(|c| !c.is_whitespace() && !matches!(c, '（' | '('))
                .is_some_and(is_small_numeral),
            _ => false,
        });
    if !opens_with_numeral {
        return false;
    }
    let texts: Vec<String> = (0..grid.row_len(r))
        .map(|c| one_line(&grid.cell(r, c).text_ref()))
        .filter(|t| !t.is_empty())
        .collect();
    let Some(first) = texts.first() else {
        return false;
    };
    texts.iter().all(|t| t == first) && is_numbered_heading(first)
        || numbered_and_merged_across(grid, r, first, &texts)
}

/// Whether row `r` is a category heading split in two: its number alone in the 序号
/// cell (一, 三、, （二）) and its name in one cell merged across the columns beside it
/// (一 | 科学施策，有效降低农业农村污染 over 具体举措…完成时间), as Excel and Word users
/// lay a heading out inside a table. The merge is what tells it from a unit's own
/// numbering: a task row fills its columns one by one.
fn numbered_and_merged_across(grid: &Grid, r: usize, first: &str, texts: &[String]) -> bool {
    let [_, name] = texts else {
        return false;
    };
    let mark = first.trim_matches(|c: char| "（()）、.．".contains(c) || c.is_whitespace());
    if mark.is_empty() || !mark.chars().all(is_small_numeral) || name.chars().count() > 60 {
        return false;
    }
    (0..grid.row_len(r)).any(|c| {
        matches!(grid.cell(r, c), Cell::Text(t) if one_line(t) == *name)
            && grid.merge_at(r, c).is_some_and(|m| {
                m.first_row == m.last_row
                    && m.first_col as usize == c
                    && m.last_col > m.first_col + 1
            })
    })
}

/// A line below a table that sets off what follows as reference only, not this
/// round's return: 附：11月报送情况（供参考）, 以下为上期报送内容.
pub(super) fn opens_reference(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.chars().count() > 40 {
        return false;
    }
    let earlier = [
        "上月",
        "上期",
        "上次",
        "往期",
        "前期报送",
        "月报送情况",
        "月份报送",
    ]
    .iter()
    .any(|w| t.contains(w));
    // A month alone opens a block under 附表 / 附： / 以下, not under 附件 (the list of
    // attachments: 附件：11月会议纪要).
    let month_block = names_a_month(&t) && !t.starts_with("附件");
    t.contains("供参考")
        || ((t.starts_with('附') || t.starts_with("以下")) && (earlier || month_block))
}

/// A line setting off a table of figures or a list attached to the return, not its
/// progress: 附表：拦河养鱼整治统计, 附件：我镇承担的整改任务清单, 附：拆除设施明细. Not a
/// progress table attached (附：区河长办整改任务进展情况表) nor a list of problems (附表：
/// 问题清单, read as the return's own words).
pub(super) fn opens_appendix(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    opens_attachment(&t)
        && ["统计", "清单", "明细", "一览表"]
            .iter()
            .any(|w| t.contains(w))
        && !t.contains("问题")
}

/// A short line opening with 附表 / 附件 / 附： that names no progress (附：区河长办整改任
/// 务进展情况表 is a progress table attached, read).
pub(super) fn opens_attachment(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.chars().count() <= 40
        && ["附表", "附件", "附：", "附:"]
            .iter()
            .any(|w| t.starts_with(w))
        && !["进展", "完成情况", "落实情况"]
            .iter()
            .any(|w| t.contains(w))
}

/// Row `r` heads a copy of the plan's rows: the plan's unit columns (牵头单位, 责任单位,
/// 配合单位) and no column for progress or status.
pub(super) fn plan_list_header(grid: &Grid, r: usize) -> bool {
    let cells: Vec<String> = grid
        .filled_cells(r)
        .map(|v| one_line(&v.text_ref()))
        .collect();
    let units = cells.iter().any(|c| {
        ["牵头单位", "责任单位", "配合单位"]
            .iter()
            .any(|w| c.contains(w))
    });
    let input = cells.iter().any(|c| {
        ["进展", "完成状态", "完成情况", "是否完成", "推进情况"]
            .iter()
            .any(|w| c.contains(w))
    });
    units && !input
}

/// The month (or day) a heading over a Word return's table names as the one its rows
/// report on: 一、11月进展情况, （二）12月份整改进展, 截至2020年11月5日整改进展情况. A
/// heading opened by a list mark or by 截至 / 截止, short, of progress (进展, 情况).
pub(super) fn heading_period(text: &str, default_year: i32) -> Option<NaiveDate> {
    let t = one_line(text);
    let t = crate::common::dates::nfkc(&t);
    let marked = super::task_heading::list_mark(&t).is_some()
        || t.starts_with("截至")
        || t.starts_with("截止");
    (marked && t.chars().count() <= 40 && (t.contains("进展") || t.contains("情况")))
        .then(|| crate::common::dates::find_filing_date(&t, Some(default_year)))
        .flatten()
}

/// Whether a text names a month (11月, 十一月): a table appended under such a heading
/// (附表：11月份进展情况) is an earlier month's.
fn names_a_month(t: &str) -> bool {
    month_numerals(t).next().is_some()
}

/// The first month a text names (11月份整改进展情况 → 11, 情况表（十二月） → 12), in
/// figures or Chinese numerals.
pub(super) fn month_named(t: &str) -> Option<u32> {
    month_numerals(t).find_map(super::layout::month_number)
}

/// The run of figures or Chinese numerals before each 月 of a text (11 of 11月份, 十二 of
/// 十二月), in order; a 月 after anything else gives none.
fn month_numerals(t: &str) -> impl Iterator<Item = &str> {
    let numeral = is_numeral;
    t.match_indices('月').filter_map(move |(at, _)| {
        let before = &t[..at];
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| numeral(c))
            .last()?
            .0;
        Some(&before[start..])
    })
}

/// Longest text of a row that may name a unit heading a group of rows.
const UNIT_HEADING_CHARS: usize = 24;

/// A row that may head a group of rows of one unit in a consolidated return (二、来苏镇
/// merged across the table, 来苏镇： in the first column, a Word row spanning the
/// table): one text in the row, in its first column (a merged cell starts there), with
/// no task number, and a task's row next; the text without its numbering (一、 （二）
/// 3. ) and trailing colon.
/// Whether it names a unit is the caller's question.
pub(super) fn unit_heading(grid: &Grid, r: usize, layout: &Layout) -> Option<String> {
    // One cell first: the cheap test that turns away every data row.
    let mut filled = (0..grid.row_len(r)).filter(|&c| !grid.cell(r, c).is_empty());
    let c = filled.next()?;
    if filled.next().is_some() || c > layout.first_column() {
        return None;
    }
    // A paragraph below a Word table is its signature, not a heading; a heading has task
    // rows under it (a signature has a date or nothing).
    if grid.is_paragraph(r) {
        return None;
    }
    let mut below = (r + 1..grid.rows.len()).filter(|&n| !grid.row_is_empty(n));
    let mut next = below.next()?;
    // A town's table pasted whole: its name merged over the table's own header.
    if is_repeated_header(grid, next, &grid.first_text(next), layout) {
        next = below.next()?;
    }
    task_id_of_cell(layout.cell(grid, next, ColumnKind::Id)).1?;
    heading_name(&one_line(&grid.cell(r, c).text_ref()))
}

/// A Word paragraph right above a table (its header or its first row) that may name
/// the unit whose table it is: 一、来苏镇, 来苏镇：, 宝峰镇. The name without numbering
/// and colon; whether it names a unit is the caller's question.
pub(super) fn paragraph_heading(grid: &Grid, r: usize) -> Option<String> {
    if !grid.is_paragraph(r) {
        return None;
    }
    let next = (r + 1..grid.rows.len()).find(|&n| !grid.row_is_empty(n))?;
    if grid.is_paragraph(next) {
        return None;
    }
    heading_name(&grid.first_text(r))
}

/// A heading's name: short, no task number, without its numbering (一、 （二） 3. ) and
/// trailing colon.
pub(super) fn heading_name(text: &str) -> Option<String> {
    if text.chars().count() > UNIT_HEADING_CHARS || parse_task_id(text).is_some() {
        return None;
    }
    let numbered = text.trim_start_matches(['（', '(']);
    let rest = numbered.trim_start_matches(is_numeral);
    let rest = if rest.len() < numbered.len() {
        rest.trim_start_matches(['、', '）', ')', '.', '．', ' '])
    } else {
        text
    };
    let name = rest.trim_end_matches(['：', ':', ' ']).trim();
    (name.chars().count() >= 2).then(|| name.to_string())
}

/// 一、… （二）… (三)…: a Chinese numeral, then 、 or a closing bracket.
fn is_numbered_heading(text: &str) -> bool {
    let text = text.trim_start_matches(['（', '(']);
    let numeral = text.chars().take_while(|&c| is_small_numeral(c)).count();
    let rest: String = text.chars().skip(numeral).collect();
    numeral > 0 && (rest.starts_with('、') || rest.starts_with('）') || rest.starts_with(')'))
}

#[cfg(test)]
mod tests {
    use super::{
        completion_date_in, completion_day_disagreeing, none_of_these_apply, one_line_keep_breaks,
        part_mark, progress_in_measure, PartMark,
    };
    use crate::ingest::vocabulary::{says_not_reported, without_lead_in};

    /// The marks of a task's parts (一是, 其三, （二）, 2、, ②), not a number of work done
    /// (2020年, 2.5公里) or plain words.
    #[test]
    fn a_parts_mark() {
        let mark = |t| part_mark(t).map(|(k, n, rest)| (k, n, rest.to_string()));
        assert_eq!(
            mark("二是建立清单"),
            Some((PartMark::Shi, 2, "建立清单".into()))
        );
        assert_eq!(mark("其三，完成"), Some((PartMark::Qi, 3, "，完成".into())));
        assert_eq!(
            mark("（二）排查"),
            Some((PartMark::Paren, 2, "排查".into()))
        );
        assert_eq!(mark("(3)修复"), Some((PartMark::Paren, 3, "修复".into())));
        assert_eq!(mark("2、清掏"), Some((PartMark::Digit, 2, "清掏".into())));
        assert_eq!(mark("②完成"), Some((PartMark::Circled, 2, "完成".into())));
        assert_eq!(mark("一是排查"), Some((PartMark::Shi, 1, "排查".into())));
        for no in [
            "2020年完成",
            "2.5公里已建成",
            "是否",
            "建立清单",
            "二期工程已完工",
            "",
        ] {
            assert_eq!(mark(no), None, "{no}");
        }
    }

    /// A 完成时间 and the day a text says the work was done: told when they differ, not
    /// when the text names the cell's month as a word of its own (11月底完成全部拆除), a
    /// day done by (日前), or a month on either side; 1月 inside 11月 is no mention.
    #[test]
    fn a_completion_day_and_the_texts_day() {
        let on = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // (完成时间 as written, the day read from it, the progress text, told?)
        let cases = [
            (
                "2020-11-20",
                on(2020, 11, 20),
                "已于2020年10月15日完成。",
                true,
            ),
            (
                "2020-11-30",
                on(2020, 11, 30),
                "已于2020年10月15日完成方案制定，11月底完成全部拆除。",
                false,
            ),
            (
                "2020-10-10",
                on(2020, 10, 10),
                "已于2020年10月15日前完成摸排。",
                false,
            ),
            (
                "2020年11月",
                on(2020, 11, 30),
                "已于2020年10月15日完成。",
                false,
            ),
            (
                "2020-09-30",
                on(2020, 9, 30),
                "设施已于9月28日全部拆除。",
                false,
            ),
            // January's cell beside a text of November: 1月 inside 11月 names no January.
            (
                "2021-01-05",
                on(2021, 1, 5),
                "已于2020年11月15日完成。",
                true,
            ),
        ];
        for (written, cell, text, told) in cases {
            assert_eq!(
                completion_day_disagreeing(written, cell, text, 2020).is_some(),
                told,
                "{written} {text}"
            );
        }
    }

    #[test]
    fn the_day_a_completed_tasks_text_says_it_was_done() {
        let day = |s: &str| completion_date_in(s, 2020).map(|d| d.to_string());
        assert_eq!(
            day("已于2020年9月25日完成整改。").as_deref(),
            Some("2020-09-25")
        );
        assert_eq!(
            day("已于9月28日出台实施意见。").as_deref(),
            Some("2020-09-28")
        );
        // After the subject, with a verb other than 完成.
        assert_eq!(
            day("杨开科养殖场鱼塘尾水处理设施已于2020年11月25日建成投用。").as_deref(),
            Some("2020-11-25")
        );
        // 全部 before the words of done; 整改完毕, 清理完毕.
        assert_eq!(
            day("网箱已于9月全部完成拆除。").as_deref(),
            Some("2020-09-30")
        );
        assert_eq!(
            day("该问题已于11月底全部整改完毕。").as_deref(),
            Some("2020-11-30")
        );
        assert_eq!(
            day("已于2020年9月全部清理完毕，整改率100%。").as_deref(),
            Some("2020-09-30")
        );
        // Of several, the latest.
        assert_eq!(
            day("已于9月20日开工，已于11月25日建成投用。").as_deref(),
            Some("2020-11-25")
        );
        // A clause dated by 于 saying the work was finished then.
        assert_eq!(
            day("专项规划已编制完成，于2020年9月25日经区政府常务会审议通过并印发实施。").as_deref(),
            Some("2020-09-25")
        );
        // The day written after 完成时间.
        assert_eq!(
            day("水源地规范化建设已全面完成，完成时间为2020年9月15日。").as_deref(),
            Some("2020-09-15")
        );
        // The text opening with the day the work was done on.
        assert_eq!(
            day("2020年11月30日完成全区运行质量检查。").as_deref(),
            Some("2020-11-30")
        );
        assert_eq!(
            day("9月25日已印发实施方案。").as_deref(),
            Some("2020-09-25")
        );
        // Opening with a day of other work: no date.
        assert_eq!(day("11月30日召开推进会，部署质量检查。"), None);
        // A clause dated by 于 on other work: no date.
        assert_eq!(day("已编制完成，于9月25日召开评审会。"), None);
        // No day: no date.
        assert_eq!(day("设施已于近日建成投用。"), None);
        assert_eq!(day("设施已建成投用。"), None);
    }

    #[test]
    fn progress_under_a_label_in_the_measure_cell() {
        let split = |s: &str| progress_in_measure(s);
        assert_eq!(
            split("加强企业监管。\n进展：12家企业已完善设施。\n已验收。"),
            Some((
                "加强企业监管。".to_string(),
                "12家企业已完善设施。\n已验收。".to_string()
            ))
        );
        assert_eq!(
            split("加强企业监管。\n  进展情况: 已完成。").map(|(_, p)| p),
            Some("已完成。".to_string())
        );
        // The plan's words only, a label opening the cell, or a label with nothing after it.
        assert_eq!(split("加强企业监管，推进工作进展。"), None);
        assert_eq!(split("进展：已完成。"), None);
        assert_eq!(split("加强企业监管。\n进展："), None);
    }
    use proptest::prelude::*;

    #[test]
    fn an_as_of_lead_in_before_not_reported_is_still_not_reported() {
        for t in [
            "未报送",
            "截至12月3日未报送进展情况",
            "截至目前，尚未报送材料",
            "截止12月4日暂未上报",
            "到目前为止未反馈",
            "暂未收到该镇材料。",
            "暂未收到该镇材料",
            "经多次催报，仍未报送",
            "经催报，仍未报送进展",
        ] {
            assert!(says_not_reported(t), "{t}");
        }
        for t in [
            "截至12月3日已完成",
            "截至12月3日未报送的3户已督促整改",
            "未报送情况已通报",
            "截至2020年12月底前完成",
            "经多次催报，已完成整改",
            "已完成拆除，仍未报送验收材料的2户已督促",
        ] {
            assert!(!says_not_reported(t), "{t}");
        }
        assert_eq!(without_lead_in("截至12月3日，正在推进"), "正在推进");
        assert_eq!(without_lead_in("截至目前未报"), "未报");
        assert_eq!(without_lead_in("到位率100%"), "到位率100%");
    }

    #[test]
    fn a_statement_that_none_of_the_tasks_apply() {
        for (text, said) in [
            ("以上任务均不涉及我街道。", "以上任务均不涉及我街道"),
            (
                "说明：我街道为城区街道，辖区内无拦河养鱼问题，上述任务均不涉及。",
                "上述任务均不涉及",
            ),
            (
                "注：表中所列任务我镇辖区内均无此类问题",
                "表中所列任务我镇辖区内均无此类问题",
            ),
        ] {
            assert_eq!(none_of_these_apply(text).as_deref(), Some(said), "{text}");
        }
        for text in [
            // An instruction, an exception, a task of its own, a group line.
            "注：表中不涉及的任务请填写“不涉及”。",
            "以上任务除第24项外均不涉及我街道。",
            "第24项以上不涉及",
            "其余镇街不涉及",
            "以上任务正在推进",
        ] {
            assert_eq!(none_of_these_apply(text), None, "{text}");
        }
    }

    /// The rule as first written (three copies and a join), the reference for the one
    /// pass.
    fn reference(s: &str) -> String {
        s.replace("\r\n", "\n")
            .replace('\r', "\n")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn line_breaks_kept_as_single_newlines() {
        for s in [
            "",
            "  ",
            "已完成",
            " 已完成\u{3000}",
            "一、\r\n二、\r\r\n\n 三、 \r",
            "\n\na\r\n\r\nb\n",
            "a\u{3000}\r\n\u{3000}\r\nb",
        ] {
            assert_eq!(one_line_keep_breaks(s), reference(s), "{s:?}");
        }
        assert_eq!(
            one_line_keep_breaks("一、\r\n二、\r\r\n\n 三、 \r"),
            "一、\n二、\n三、"
        );
    }

    /// A line setting off figures or a list attached to the return.
    #[test]
    fn appendix_lines() {
        use super::{opens_appendix, opens_attachment};
        for t in [
            "附表：拦河养鱼整治统计",
            "附表：各镇街拦河养鱼整治情况统计表",
            "附件：来苏镇承担的整改任务清单",
            "附：拆除设施明细",
        ] {
            assert!(opens_appendix(t), "{t}");
        }
        for t in [
            "附表：问题清单",
            "附：区河长办整改任务进展情况表",
            "附件：各镇街完成情况统计表",
            "拦河养鱼整治统计",
        ] {
            assert!(!opens_appendix(t), "{t}");
        }
        assert!(opens_attachment("附件：我镇承担的整改任务"));
        assert!(!opens_attachment("附件：我镇整改进展情况"));
    }

    /// A heading opening last month's block under this month's table.
    #[test]
    fn reference_headings() {
        use super::opens_reference;
        for t in [
            "附：11月报送情况（供参考）",
            "附表：11月份进展情况",
            "附：十一月进展",
            "以下为上月报送内容",
        ] {
            assert!(opens_reference(t), "{t}");
        }
        for t in [
            "附件：佐证材料3份",
            "附件：11月会议纪要",
            "附表：问题清单",
            "11月份进展情况",
            "备注：已于11月完成",
        ] {
            assert!(!opens_reference(t), "{t}");
        }
    }

    proptest! {
        #[test]
        fn one_pass_matches_the_reference(s in "[a \\r\\n\\t\u{3000}\u{85}\u{2028}一]{0,24}") {
            prop_assert_eq!(one_line_keep_breaks(&s), reference(&s));
        }
    }
}
