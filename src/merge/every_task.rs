//! Before placing: a row answering every task of its unit at once, 不涉及. A letter
//! saying 我局不涉及该方案中的整改任务 (read by ingest as such a row, 序号 全部:
//! `ingest::sheet::statement`), or a table's row 全部任务 | 不涉及. It stands for one row
//! on each task the plan gives the unit (lead, responsible or cooperating) that the
//! unit's return does not answer row by row. One note a row says which tasks it
//! answered; of them, those the unit alone decides are 待核实
//! (`doubt::sole_decider_not_applicable`), named in the same note instead of one
//! warning a task.

use std::collections::{BTreeSet, HashSet};

use super::doubt::sole_decider;
use crate::common::text::excerpt;
use crate::ingest::record::Record;
use crate::model::status::no_task_of_ours;
use crate::model::{Code, Problem, Severity, Status};
use crate::plan::{Plan, Role, Task};

/// A task the plan gives a unit, and the unit's role on it.
type TaskRole<'p> = (&'p Task, Role);

/// A row's place: file, sheet, row.
pub(super) type RowKey = (String, String, u32);

/// What a 序号 or 具体举措 cell holds on a row answering every task of its unit.
const EVERY_TASK: [&str; 12] = [
    "全部",
    "所有",
    "全部任务",
    "所有任务",
    "全部整改任务",
    "所有整改任务",
    "各项任务",
    "各项整改任务",
    "全部事项",
    "所有事项",
    "以上全部",
    "方案全部任务",
];

/// Whether a 序号 or 具体举措 cell names every task (全部, 所有整改任务).
fn names_every_task(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    EVERY_TASK.contains(&t.as_str())
}

/// Whether the record answers every task of its unit 不涉及.
fn answers_every_task(rec: &Record) -> bool {
    rec.id.is_none()
        && rec.status == Status::NotApplicable
        && (names_every_task(&rec.id_text) || names_every_task(&rec.measure_text))
}

/// Each row answering every task of its unit, as rows on those tasks; with one note a
/// row. Returns the rows so read: the warnings placing makes on each of their tasks
/// (这项任务由该单位单独负责) are said in the note instead
/// ([`drop_task_warnings`]). A row whose unit is unknown stays as it is (placing leaves
/// it unplaced, saying so).
pub(super) fn expand(
    plan: &Plan,
    records: &mut [Vec<Record>],
    problems: &mut Vec<Problem>,
) -> BTreeSet<RowKey> {
    let mut rows = BTreeSet::new();
    // Most rounds have none: one scan, nothing else.
    let files_units: HashSet<(&str, &str)> = records
        .iter()
        .flatten()
        .filter(|r| answers_every_task(r))
        .filter_map(|r| Some((r.source.file.as_str(), r.unit.as_deref()?)))
        .collect();
    if files_units.is_empty() {
        return rows;
    }
    // The tasks those files' units answer row by row: those rows stand.
    let answered: HashSet<(String, String, u32)> = records
        .iter()
        .flatten()
        .filter_map(|r| Some((r.source.file.as_str(), r.unit.as_deref()?, r.id?)))
        .filter(|(file, unit, _)| files_units.contains(&(*file, *unit)))
        .map(|(file, unit, id)| (file.to_string(), unit.to_string(), id))
        .collect();
    // Only the parts holding such a row are rebuilt; their other records are moved.
    for part in records.iter_mut() {
        if !part.iter().any(answers_every_task) {
            continue;
        }
        let mut out = Vec::with_capacity(part.len());
        for rec in std::mem::take(part) {
            let Some(unit) = rec.unit.as_deref().filter(|_| answers_every_task(&rec)) else {
                out.push(rec);
                continue;
            };
            let owed = plan.tasks_of(unit);
            // 我局无牵头或负责的整改任务 says nothing of the tasks it helps with.
            let holding_only = denies_holding_only(&rec.progress);
            let (tasks, helping): (Vec<TaskRole>, Vec<TaskRole>) = owed
                .iter()
                .copied()
                .filter(|(t, _)| {
                    !answered.contains(&(rec.source.file.clone(), unit.to_string(), t.id))
                })
                .partition(|(_, role)| !(holding_only && *role == Role::Cooperating));
            let helping: Vec<u32> = helping.iter().map(|(t, _)| t.id).collect();
            rows.insert((
                rec.source.file.clone(),
                rec.source.sheet.clone(),
                rec.source.row,
            ));
            problems.push(note(&rec, unit, &tasks, &helping, owed.len()));
            out.extend(tasks.iter().map(|(t, _)| Record {
                id: Some(t.id),
                id_text: t.id.to_string(),
                measure_text: t.measure.clone(),
                ..rec.clone()
            }));
        }
        *part = out;
    }
    rows
}

/// Whether a statement of no tasks speaks of the tasks a unit leads or is responsible
/// for only (我局无牵头或负责的整改任务, 方案中无需我办牵头或负责落实的整改任务): true of a
/// unit that only helps, and no answer on the tasks it helps with. Not when it names
/// helping too (无牵头、负责或配合的任务).
fn denies_holding_only(text: &str) -> bool {
    let Some(clause) = no_task_of_ours(text) else {
        return false;
    };
    ["牵头", "负责", "责任"].iter().any(|w| clause.contains(w))
        && !["配合", "协助", "参与"].iter().any(|w| clause.contains(w))
}

/// The note on a row answering every task of `unit` (`tasks`: those it was counted on,
/// with the unit's role; `helping`: the tasks it helps with that a statement of the
/// tasks it holds left unanswered; `owed`: how many the plan gives the unit): the
/// tasks, and of them those the plan makes the unit lead or responsible for (a warning:
/// the clerk checks the unit's part), the ones it alone decides 待核实; or why it was
/// counted on none (an info).
fn note(
    rec: &Record,
    unit: &str,
    tasks: &[(&Task, Role)],
    helping: &[u32],
    owed: usize,
) -> Problem {
    // The clause that says so (经核查，我局不涉及该方案中的整改任务。 → 我局不涉及…), else
    // the row's words.
    let said = no_task_of_ours(&rec.progress).unwrap_or_else(|| {
        excerpt(
            if rec.progress.trim().is_empty() {
                &rec.status_text
            } else {
                &rec.progress
            },
            40,
        )
    });
    let list = |ids: &[u32]| {
        ids.iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join("、")
    };
    let ids: Vec<u32> = tasks.iter().map(|(t, _)| t.id).collect();
    let held: Vec<u32> = tasks
        .iter()
        .filter(|(_, role)| matches!(role, Role::Lead | Role::Responsible))
        .map(|(t, _)| t.id)
        .collect();
    let sole: Vec<u32> = tasks
        .iter()
        .filter(|(t, _)| sole_decider(t.deciders(), unit))
        .map(|(t, _)| t.id)
        .collect();
    // The tasks it helps with, still owed.
    let still_owed = match helping {
        [] => String::new(),
        [id] => {
            format!("该单位是第{id}项任务的配合单位，此项未计为“不涉及”，仍需报送配合工作进展。")
        }
        ids => format!(
            "该单位是第{}项任务的配合单位，这{}项未计为“不涉及”，仍需报送配合工作进展。",
            list(ids),
            ids.len()
        ),
    };
    let (severity, message) = if owed == 0 {
        (
            Severity::Info,
            format!("{unit}称“{said}”。该单位在《整改方案》中没有分工的任务，此行无需计入。"),
        )
    } else if ids.is_empty() && !helping.is_empty() {
        (Severity::Info, format!("{unit}称“{said}”。{still_owed}"))
    } else if ids.is_empty() {
        (
            Severity::Info,
            format!("{unit}称“{said}”，但其承担的任务已在本文件中逐项填报，此行未另计。"),
        )
    } else {
        let which = match (ids.len(), ids.len() == owed) {
            (1, _) => format!("第{}项任务", ids[0]),
            (n, true) => format!("全部{n}项任务（第{}项）", list(&ids)),
            (n, false) => format!("其余{n}项任务（第{}项）", list(&ids)),
        };
        let mut m =
            format!("{unit}称“{said}”，已按该单位在《整改方案》中承担的{which}计为“不涉及”。");
        if !held.is_empty() {
            let unclear = Status::Unclear.label();
            let alone = if sole.is_empty() {
                String::new()
            } else if sole == held {
                format!("（仅由该单位负责，暂按“{unclear}”计）")
            } else {
                format!(
                    "（其中第{}项仅由该单位负责，暂按“{unclear}”计）",
                    list(&sole)
                )
            };
            m.push_str(&format!(
                "《整改方案》明确该单位为第{}项的牵头或责任单位{alone}，请与该单位核实其分工。",
                list(&held)
            ));
        }
        m.push_str(&still_owed);
        let severity = if held.is_empty() {
            Severity::Info
        } else {
            Severity::Warning
        };
        (severity, m)
    };
    Problem::new(
        severity,
        Code::NotApplicableStatement,
        &rec.source.file,
        message,
    )
    .at(Some(&rec.source.sheet), Some(rec.source.row))
}

/// The status warnings placing made on the tasks of rows answering every task: their
/// row's note says them once.
pub(super) fn drop_task_warnings(rows: &BTreeSet<RowKey>, problems: &mut Vec<Problem>) {
    if rows.is_empty() {
        return;
    }
    problems.retain(|p| {
        p.code != Code::StatusContradicted
            || !matches!((&p.sheet, p.row), (Some(sheet), Some(row))
                if rows.contains(&(p.file.clone(), sheet.clone(), row)))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{EVERY_TASK_ID, EVERY_TASK_MEASURE};

    #[test]
    fn the_words_ingest_writes_for_a_statement_name_every_task() {
        assert!(names_every_task(EVERY_TASK_ID));
        assert!(names_every_task(EVERY_TASK_MEASURE));
        assert!(names_every_task(" 所有 整改任务 "));
        assert!(!names_every_task("全部完成"));
        assert!(!names_every_task("12"));
    }
}
