//! A correction written outside a return's table (更正说明：上表第45项完成状态误填，应为
//! “已完成”。): the unit's own word on one of its rows, so it is read, not passed over.
//!
//! A correction naming one task whose new status reads plainly (应为“已完成”, 改为正在推进)
//! sets that row's status, and the clerk is told (an info naming the note's row). Any
//! other correction naming a task (a date, a text, a task the table leaves out, two
//! rows of the task) is a warning quoting it: the table's answer counts until the
//! clerk checks.
//!
//! A row of the table marked as a correction (序号 24（更正）, 备注 更正上报) replaces
//! the rows above it on the same task in the same table: they are set aside as
//! corrected, not read as a second answer that contradicts the first.

use super::record::Ingested;
use super::values::task_numbers;
use super::vocabulary::classify_status;
use crate::common::text::excerpt;
use crate::model::{Code, Problem, Severity, Skip, SkipReason, Status};

/// Words by which a unit corrects what it filled in.
const CORRECTION_CUES: [&str; 16] = [
    "更正说明",
    "更正：",
    "更正:",
    "勘误",
    "误填",
    "错填",
    "填错",
    "填写有误",
    "填写错误",
    "填报错误",
    "填报有误",
    "笔误",
    "应为",
    "正确为",
    "更改为",
    "修改为",
];

/// Words naming an earlier report: a note correcting last round's return (上期报表第45项误
/// 填为…) says nothing against this table (adv58 c 3).
const EARLIER: [&str; 5] = ["上期", "上月", "上次", "前期报", "上一期"];

/// The words introducing the corrected value (应为“已完成”).
const CORRECTED_TO: [&str; 6] = ["更正为", "更改为", "修改为", "应为", "改为", "正确为"];

/// The longest corrected value read as a status (已完成 / 正在推进 / 长期坚持, quoted).
const STATUS_CHARS: usize = 8;

/// Whether a text outside the table corrects a row of it: it names a task and a
/// correction word.
pub(super) fn is_correction(text: &str) -> bool {
    CORRECTION_CUES.iter().any(|w| text.contains(w))
        && !EARLIER.iter().any(|w| text.contains(w))
        && !tasks_named(text).is_empty()
}

/// The tasks a correction names: 第45项, or 序号45 (更正：序号45“正在推进”应为“已完成”).
fn tasks_named(text: &str) -> Vec<u32> {
    let ids = task_numbers(text);
    if !ids.is_empty() {
        return ids;
    }
    text.match_indices("序号")
        .filter_map(|(at, w)| {
            let digits: String = text[at + w.len()..]
                .trim_start_matches([' ', '：', ':'])
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok().filter(|n| (1..=999).contains(n))
        })
        .collect()
}

/// The status a correction gives its one task: the short value after 应为 / 改为 that
/// reads as a status (not 待核实), with the task.
fn corrected_status(text: &str) -> Option<(u32, Status, String)> {
    let [id] = tasks_named(text)[..] else {
        return None;
    };
    let (at, cue) = CORRECTED_TO
        .iter()
        .filter_map(|c| text.rfind(c).map(|at| (at, *c)))
        .max_by_key(|(at, _)| *at)?;
    let rest = text[at + cue.len()..]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '：' | ':'));
    // The value: within its quotes, or up to the clause's end (完成状态更正为已完成，
    // 已于12月2日完成补植).
    let value: String = match rest.strip_prefix(['“', '"', '‘', '\'']) {
        Some(quoted) => quoted
            .chars()
            .take_while(|c| !matches!(c, '”' | '"' | '’' | '\''))
            .collect(),
        None => rest
            .chars()
            .take_while(|c| !matches!(c, '，' | ',' | '。' | '；' | ';' | '、' | '！' | '（' | '('))
            .collect(),
    };
    let value = value.trim();
    if value.is_empty() || value.chars().count() > STATUS_CHARS {
        return None;
    }
    let status = classify_status(value);
    (status != Status::Unclear).then(|| (id, status, value.to_string()))
}

/// Reads the corrections among a return's texts outside its table (`outside`: each
/// skipped row with its text): a plain status correction of one row is applied, any
/// other is a warning.
pub(super) fn apply_corrections(
    out: &mut Ingested,
    rel: &str,
    outside: &[super::file::Outside],
    default_year: i32,
) {
    for o in outside.iter().filter(|o| o.correction) {
        let (sheet, row, text) = (&o.sheet, o.row, &o.text);
        let applied = corrected_status(text).and_then(|(id, status, written)| {
            let mut rows = out.records.iter_mut().filter(|r| r.id == Some(id));
            let record = rows.next()?;
            if rows.next().is_some() {
                return None;
            }
            let was = record.status;
            record.status = status;
            // The status as the correction writes it: the annex and the detail sheet
            // quote what the unit now says (adv58 d 6: 报送为“正在推进”, the word
            // corrected away).
            record.status_text = written;
            // A day of completion the correction gives (完成时间2020年11月30日): kept
            // where the row gave none (adv58 c 4: dropped).
            if status == Status::Completed && record.completed_on.is_none() {
                if let Some(day) = crate::common::dates::find_date_in_text(text, Some(default_year))
                {
                    record.completed_on = Some(day);
                    record.completed_text = crate::common::dates::render_date(day);
                }
            }
            Some((id, was, status))
        });
        let problem = match applied {
            Some((id, was, status)) => Problem::new(
                Severity::Info,
                Code::ReadNote,
                rel,
                format!(
                    "表格以外第{row}行写明“{}”，第{id}项的完成状态已按更正由“{}”改为“{}”汇总。",
                    excerpt(text, 40),
                    was.label(),
                    status.label()
                ),
            ),
            None => Problem::new(
                Severity::Warning,
                Code::ProseReport,
                rel,
                format!(
                    "表格以外的文字更正了第{}项的填报（“{}”），未能自动改正，汇总仍按表中原填报计。请与该单位核实后在表中改正并重新运行，或请该单位改正后重新报送。",
                    task_list(&tasks_named(text)),
                    excerpt(text, 40)
                ),
            ),
        };
        out.problems.push(problem.at(Some(sheet), Some(row)));
    }
}

/// 3、5 for task numbers in a message.
fn task_list(ids: &[u32]) -> String {
    ids.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join("、")
}

/// Whether a row says it corrects what the unit filled before: its 序号, status or
/// note cell marks it (24（更正）, 更正上报, 此为更正后内容).
fn marks_correction(id_text: &str, status_text: &str, note: &str) -> bool {
    let marks = |t: &str| t.contains("更正") || t.contains("修正");
    marks(id_text) || marks(status_text) || (marks(note) && note.chars().count() <= 12)
}

/// Sets aside the rows a row marked as a correction replaces: rows above it in the same
/// table (file and sheet) on the same task, of the same unit.
pub(super) fn rows_corrected(out: &mut Ingested, rel: &str) {
    let corrections: Vec<usize> = (0..out.records.len())
        .filter(|&i| {
            let r = &out.records[i];
            r.id.is_some() && marks_correction(&r.id_text, &r.status_text, &r.note)
        })
        .collect();
    let mut gone: Vec<usize> = Vec::new();
    for &c in &corrections {
        let fix = &out.records[c];
        let replaced: Vec<usize> = (0..out.records.len())
            .filter(|&i| {
                let r = &out.records[i];
                i != c
                    && !corrections.contains(&i)
                    && r.id == fix.id
                    && r.unit == fix.unit
                    && r.source.sheet == fix.source.sheet
                    && r.source.row < fix.source.row
            })
            .collect();
        if replaced.is_empty() {
            continue;
        }
        for &i in &replaced {
            let r = &out.records[i];
            out.skips.push(Skip {
                file: r.source.file.clone(),
                sheet: r.source.sheet.clone(),
                row: r.source.row,
                rows: 1,
                reason: SkipReason::Corrected,
                text: excerpt(
                    &format!("{} {} {}", r.id_text, r.progress, r.status_text),
                    40,
                ),
                marked_task: None,
            });
        }
        let rows: Vec<String> = replaced
            .iter()
            .map(|&i| out.records[i].source.row.to_string())
            .collect();
        out.problems.push(
            Problem::new(
                Severity::Info,
                Code::ReadNote,
                rel,
                format!(
                    "第{}行注明为更正，第{}项按该行汇总，原第{}行的填报已被取代。",
                    fix.source.row,
                    fix.id.unwrap_or_default(),
                    rows.join("、")
                ),
            )
            .at(Some(&fix.source.sheet), Some(fix.source.row)),
        );
        gone.extend(replaced);
    }
    if gone.is_empty() {
        return;
    }
    let mut i = 0;
    out.records.retain(|_| {
        i += 1;
        !gone.contains(&(i - 1))
    });
}
