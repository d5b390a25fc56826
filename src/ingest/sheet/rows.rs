//! A row below the header: a record, or a skip with its reason; and the record's
//! values (task id, status, completion date) with the problems they raise.

use chrono::NaiveDate;

use super::context::SheetContext;
use super::filing::is_note_or_label_row;
use super::layout::{is_repeated_header, Layout};
use crate::common::marker::Marker;
use crate::common::text::{excerpt, one_line};
use crate::ingest::grid::{Cell, Grid};
use crate::ingest::values::{date_of_cell, task_id_of_cell};
use crate::ingest::vocabulary::{
    classify_status, classify_tick, classify_yes_no, status_from_progress, ColumnKind,
};
use crate::model::status::choices_or;
use crate::model::{Code, Problem, Severity, SkipReason, Source, Status};

/// The columns a unit fills on our checklist: all empty, the task was not reported.
const INPUT_COLUMNS: [ColumnKind; 5] = [
    ColumnKind::Progress,
    ColumnKind::Status,
    ColumnKind::CompletedOn,
    ColumnKind::Evidence,
    ColumnKind::Note,
];

/// The longest 备注 (in characters) read as a status word.
const STATUS_NOTE_CHARS: usize = 10;

/// Why row `r` is not a record, or `None` when it is one. `marker` is our checklist's
/// marker when this sheet is its form.
pub(super) fn skip_reason(
    grid: &Grid,
    r: usize,
    layout: &Layout,
    marker: Option<&Marker>,
) -> Option<SkipReason> {
    let first = grid.first_text(r);
    if is_note_or_label_row(&first) {
        return Some(SkipReason::Note);
    }
    if is_repeated_header(grid, r, &first) {
        return Some(SkipReason::Header);
    }
    // A task row of our checklist the unit left blank: not a report (the task stays
    // missing for the unit).
    if marker.is_some_and(|m| m.task_at(r).is_some())
        && INPUT_COLUMNS
            .iter()
            .all(|k| layout.cell(grid, r, *k).is_empty())
    {
        return Some(SkipReason::Unfilled);
    }
    if is_category_heading(grid, r) {
        return Some(SkipReason::CategoryHeading);
    }
    None
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
}

/// Read data row `r`. A status that is not recognised and a completion date that does
/// not read are reported into `problems`.
pub(super) fn values(
    grid: &Grid,
    r: usize,
    layout: &Layout,
    ctx: &SheetContext,
    marker: Option<&Marker>,
    default_year: i32,
    problems: &mut Vec<Problem>,
) -> RowValues {
    let text_of = |kind: ColumnKind| one_line_keep_breaks(&layout.cell(grid, r, kind).text());
    let source = Source {
        file: ctx.file.to_string(),
        sheet: grid.name.clone(),
        row: r as u32 + 1,
    };
    let (id_text, id) = task_id_of_cell(layout.cell(grid, r, ColumnKind::Id));
    let progress = text_of(ColumnKind::Progress);
    let (status, status_text) = read_status(layout, grid, r, &progress);
    if status == Status::Unclear {
        problems.push(status_unclear(ctx, &source, &status_text));
    }
    let completed_cell = layout.cell(grid, r, ColumnKind::CompletedOn);
    let completed_text = one_line(&completed_cell.text());
    let completed_on =
        date_of_cell(completed_cell, default_year).filter(|_| !completed_text.is_empty());
    if completed_on.is_none() && !completed_text.is_empty() && !is_placeholder(&completed_text) {
        problems.push(date_unreadable(ctx, &source, &completed_text));
    }
    RowValues {
        id: checklist_task(marker, r, id).or(id),
        source,
        id_text,
        measure_text: text_of(ColumnKind::Measure),
        status,
        status_text,
        progress,
        completed_on,
        completed_text,
        note: text_of(ColumnKind::Note),
        evidence: text_of(ColumnKind::Evidence),
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
/// an 已完成 tick column, a bare status word in 备注 (units put it there when the form
/// has only a tick column), then a progress text that says it plainly.
fn read_status(layout: &Layout, grid: &Grid, r: usize, progress: &str) -> (Status, String) {
    let text = |c: usize| one_line(&grid.value_through_merge(r, c).text());
    if let Some(c) = layout.col(ColumnKind::Status) {
        let t = text(c);
        if !t.is_empty() {
            return (classify_status(&t), t);
        }
    }
    if let Some(c) = layout.col(ColumnKind::StatusYesNo) {
        let t = text(c);
        if !t.is_empty() {
            return (classify_yes_no(&t, progress), t);
        }
    }
    if let Some(c) = layout.col(ColumnKind::StatusTick) {
        let t = text(c);
        if let Some(s) = classify_tick(&t) {
            return (s, t);
        }
        if !t.is_empty() {
            return (Status::Unclear, t);
        }
    }
    if let Some(c) = layout.col(ColumnKind::Note) {
        let t = text(c);
        if t.chars().count() <= STATUS_NOTE_CHARS {
            let s = classify_status(&t);
            if s != Status::Unclear {
                return (s, t);
            }
        }
    }
    let status = status_from_progress(progress).unwrap_or(Status::Unclear);
    (status, String::new())
}

fn status_unclear(ctx: &SheetContext, source: &Source, status_text: &str) -> Problem {
    let shown = if status_text.is_empty() {
        "（空）".to_string()
    } else {
        format!("“{}”", excerpt(status_text, 20))
    };
    Problem::new(
        Severity::Warning,
        Code::StatusUnclear,
        ctx.file,
        format!(
            "完成状态{shown}无法识别，记为“{}”。请填写：{}。",
            Status::Unclear.label(),
            choices_or()
        ),
    )
    .at(Some(&source.sheet), Some(source.row))
}

fn date_unreadable(ctx: &SheetContext, source: &Source, completed_text: &str) -> Problem {
    Problem::new(
        Severity::Warning,
        Code::DateUnreadable,
        ctx.file,
        format!(
            "完成时间“{}”无法识别为日期，已保留原文。请按“2020年9月30日”格式填写。",
            excerpt(completed_text, 20)
        ),
    )
    .at(Some(&source.sheet), Some(source.row))
}

/// Keep line breaks inside a cell as single newlines, trim the ends.
fn one_line_keep_breaks(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A completion cell that says "none" (/ - — 无 …): not a date, and nothing to warn about.
fn is_placeholder(s: &str) -> bool {
    matches!(s, "/" | "-" | "—" | "——" | "无" | "暂无" | "\\")
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
                .is_some_and(|c| NUMERALS.contains(c)),
            _ => false,
        });
    if !opens_with_numeral {
        return false;
    }
    let texts: Vec<String> = (0..grid.row_len(r))
        .map(|c| one_line(&grid.cell(r, c).text()))
        .filter(|t| !t.is_empty())
        .collect();
    let Some(first) = texts.first() else {
        return false;
    };
    texts.iter().all(|t| t == first) && is_numbered_heading(first)
}

const NUMERALS: &str = "一二三四五六七八九十";

/// 一、… （二）… (三)…: a Chinese numeral, then 、 or a closing bracket.
fn is_numbered_heading(text: &str) -> bool {
    let text = text.trim_start_matches(['（', '(']);
    let numeral = text.chars().take_while(|c| NUMERALS.contains(*c)).count();
    let rest: String = text.chars().skip(numeral).collect();
    numeral > 0 && (rest.starts_with('、') || rest.starts_with('）') || rest.starts_with(')'))
}
