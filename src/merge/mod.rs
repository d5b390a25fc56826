//! Merge: records + plan → the ledger. Ties each record to a task and a role, resolves
//! several reports of one unit on one task (the latest 填报日期 stands; equal or unknown
//! dates with different content are a conflict), decides each task's status, and
//! lists per unit what it owes and what is missing.

pub mod match_task;
pub mod status;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::ingest::record::{FileOutcome, Ingested, Record};
use crate::ledger::{
    AssignedText, Ledger, MatchedBy, PlanInfo, Report, Summary, TaskEntry, UnitEntry, Unplaced,
};
use crate::plan::{Plan, Role};
use crate::problems::{Code, Problem, Severity};
use crate::status::Status;

use self::match_task::{match_task, TaskMatch};

pub fn merge(plan: &Plan, ingested: Ingested) -> Ledger {
    let Ingested {
        files,
        records,
        skips,
        mut problems,
    } = ingested;
    let candidates: Vec<(u32, &str)> = plan
        .tasks
        .iter()
        .map(|t| (t.id, t.measure.as_str()))
        .collect();
    let mut unplaced = Vec::new();
    // (task id, unit) → reports
    let mut by_key: BTreeMap<(u32, String), Vec<Report>> = BTreeMap::new();
    // Matching is independent per record: in parallel, in record order.
    let matched: Vec<(Record, Option<TaskMatch>)> = records
        .into_par_iter()
        .map(|rec| {
            let m = rec
                .unit
                .is_some()
                .then(|| match_task(&rec, plan, &candidates));
            (rec, m)
        })
        .collect();
    let renumbered = renumbered_sheets(&matched);
    for (rec, m) in matched {
        let (Some(unit), Some(m)) = (rec.unit.clone(), m) else {
            unplaced.push(unplace(&rec, Code::UnitUnknown));
            continue;
        };
        let key = (rec.source.file.clone(), rec.source.sheet.clone());
        let m = if renumbered.contains(&key) {
            distrust_numbers(&rec, m)
        } else {
            m
        };
        match m {
            TaskMatch::Missing(p) => {
                unplaced.push(unplace(&rec, p.code));
                problems.push(p);
            }
            TaskMatch::Found { id, by, warning } => {
                problems.extend(warning);
                let task = plan.task(id).expect("matched task exists");
                let role = plan.role_of(task, &unit);
                if role == Role::Unassigned {
                    problems.push(
                        Problem::new(
                            Severity::Warning,
                            Code::Unassigned,
                            &rec.source.file,
                            format!("{unit}不是第{id}项的牵头、责任或配合单位，此条进展已保留但不计入任务完成情况。请核实序号。"),
                        )
                        .at(Some(&rec.source.sheet), Some(rec.source.row)),
                    );
                }
                by_key.entry((id, unit.clone())).or_default().push(Report {
                    unit,
                    role,
                    status: rec.status,
                    status_text: rec.status_text,
                    progress: rec.progress,
                    completed_on: rec.completed_on,
                    filed_on: rec.filed_on,
                    superseded: false,
                    matched_by: by,
                    note: rec.note,
                    evidence: rec.evidence,
                    source: rec.source,
                });
            }
        }
    }
    // Per task, the reports moved out of the (task, unit) groups.
    let mut by_task: BTreeMap<u32, Vec<Report>> = BTreeMap::new();
    for ((id, unit), mut reports) in by_key {
        resolve_versions(id, &unit, &mut reports, &mut problems);
        by_task.entry(id).or_default().append(&mut reports);
    }

    let as_of = plan.meta.as_of;
    let mut tasks = Vec::with_capacity(plan.tasks.len());
    for task in &plan.tasks {
        // Current before superseded, then by role, unit order and source. The unit's
        // position is looked up once per report, not once per comparison.
        let mut keyed: Vec<((bool, Role, usize), Report)> = by_task
            .remove(&task.id)
            .unwrap_or_default()
            .into_iter()
            .map(|r| ((r.superseded, r.role, plan.units.order(&r.unit)), r))
            .collect();
        keyed.sort_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| a.source.cmp(&b.source)));
        let reports: Vec<Report> = keyed.into_iter().map(|(_, r)| r).collect();
        // Unassigned reports do not decide the task.
        let current: Vec<&Report> = reports
            .iter()
            .filter(|r| !r.superseded && r.role != Role::Unassigned)
            .collect();
        let (status, awaiting) = status::task_status(task, &current);
        tasks.push(TaskEntry {
            id: task.id,
            category: task.category.clone(),
            measure: task.measure.clone(),
            deadline: task.deadline.clone(),
            lead: task.lead.units.clone(),
            responsible: task.responsible.units.clone(),
            cooperating: task.cooperating.units.clone(),
            assigned_text: AssignedText {
                lead: task.lead.text.clone(),
                responsible: task.responsible.text.clone(),
                cooperating: task.cooperating.text.clone(),
            },
            overdue: status::is_overdue(task, status, as_of),
            status,
            awaiting,
            reports,
        });
    }

    let units = unit_entries(plan, &tasks);
    problems.sort_by(|a, b| {
        (
            a.file.as_str(),
            a.sheet.as_deref(),
            a.row,
            a.severity,
            a.code,
        )
            .cmp(&(
                b.file.as_str(),
                b.sheet.as_deref(),
                b.row,
                b.severity,
                b.code,
            ))
    });
    problems.dedup();
    let count = |s: Status| tasks.iter().filter(|t| t.status == s).count() as u32;
    let total = tasks.len() as u32;
    let completed = count(Status::Completed);
    let summary = Summary {
        total,
        completed,
        ongoing: count(Status::Ongoing),
        in_progress: count(Status::InProgress),
        not_started: count(Status::NotStarted),
        unreported: count(Status::Unreported),
        unclear: count(Status::Unclear),
        completion_rate: if total == 0 {
            0.0
        } else {
            (completed as f64 * 1000.0 / total as f64).round() / 10.0
        },
        completion_basis: format!("已完成项数÷任务总数（{total}项）"),
        overdue: tasks.iter().filter(|t| t.overdue).count() as u32,
        units_expected: units.iter().filter(|u| !u.expected.is_empty()).count() as u32,
        units_reported: units.iter().filter(|u| !u.files.is_empty()).count() as u32,
        files_read: files
            .iter()
            .filter(|f| f.outcome == FileOutcome::Read)
            .count() as u32,
        files_failed: files
            .iter()
            .filter(|f| f.outcome == FileOutcome::Failed)
            .count() as u32,
        files_skipped: files
            .iter()
            .filter(|f| f.outcome == FileOutcome::Skipped)
            .count() as u32,
        records: files.iter().map(|f| f.records).sum(),
        errors: problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count() as u32,
        warnings: problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count() as u32,
    };
    let meta = &plan.meta;
    Ledger {
        as_of,
        plan: PlanInfo {
            title: meta.title.clone(),
            short_title: meta.short_title.clone(),
            doc_number: meta.doc_number.clone(),
            issuer: meta.issuer.clone(),
            issued_on: meta.issued_on,
            plan_id: meta.plan_id.clone(),
            collector: meta.collector.clone(),
            collector_full: meta.collector_full.clone(),
            addressee: meta.addressee.clone(),
            report_date: meta.report_date,
            return_deadline: meta.return_deadline,
            notice_date: meta.notice_date.unwrap_or(meta.as_of),
            contact: meta.contact.clone(),
            fonts: meta.fonts.resolve(),
            categories: plan.categories().into_iter().map(str::to_string).collect(),
        },
        summary,
        tasks,
        units,
        files,
        problems,
        unplaced,
        skipped: skips,
    }
}

/// Sheets whose 序号 are the unit's own numbering: two or more rows whose number and
/// text disagree and whose text clearly names another task.
fn renumbered_sheets(matched: &[(Record, Option<TaskMatch>)]) -> BTreeSet<(String, String)> {
    let mut count: BTreeMap<(String, String), u32> = BTreeMap::new();
    for (rec, m) in matched {
        if let Some(TaskMatch::Found {
            by: MatchedBy::Text,
            warning: Some(w),
            ..
        }) = m
        {
            if w.code == Code::TaskTextMismatch {
                *count
                    .entry((rec.source.file.clone(), rec.source.sheet.clone()))
                    .or_default() += 1;
            }
        }
    }
    count
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(k, _)| k)
        .collect()
}

/// On a renumbered sheet a 序号 says nothing: a row tied by its number alone (no text,
/// or text that does not fit) is not placed.
fn distrust_numbers(rec: &Record, m: TaskMatch) -> TaskMatch {
    match m {
        TaskMatch::Found {
            by: MatchedBy::Id,
            warning,
            id,
        } => {
            let confirmed = warning.is_none() && !rec.measure_text.trim().is_empty();
            if confirmed {
                return TaskMatch::Found {
                    id,
                    by: MatchedBy::Id,
                    warning,
                };
            }
            TaskMatch::Missing(
                Problem::new(
                    Severity::Error,
                    Code::TaskUnmatched,
                    &rec.source.file,
                    format!(
                        "本表序号是单位自行编号，此行的序号“{}”不能对应方案任务，举措内容也无法确定是哪一项，此行未计入汇总。请填写整改任务分解表中的序号。",
                        rec.id_text
                    ),
                )
                .at(Some(&rec.source.sheet), Some(rec.source.row)),
            )
        }
        other => other,
    }
}

fn unplace(rec: &Record, code: Code) -> Unplaced {
    Unplaced {
        source: rec.source.clone(),
        code,
        unit: rec.unit.clone(),
        id_text: rec.id_text.clone(),
        measure_text: rec.measure_text.clone(),
        status_text: rec.status_text.clone(),
        progress: rec.progress.clone(),
    }
}

/// Several reports of one unit on one task: the latest filing date stands. Among the
/// latest (equal or unknown dates), identical content is a duplicate; different content
/// is a conflict, and all of them stay current (the task status takes the least
/// advanced).
fn resolve_versions(id: u32, unit: &str, reports: &mut [Report], problems: &mut Vec<Problem>) {
    if reports.len() < 2 {
        return;
    }
    reports.sort_by(|a, b| {
        b.filed_on
            .cmp(&a.filed_on)
            .then_with(|| a.source.cmp(&b.source))
    });
    let latest = reports.iter().filter_map(|r| r.filed_on).max();
    let in_top = |r: &Report| r.filed_on.is_none() || r.filed_on == latest;
    for r in reports.iter_mut() {
        r.superseded = !in_top(r);
    }
    let top: Vec<usize> = (0..reports.len())
        .filter(|&i| !reports[i].superseded)
        .collect();
    if top.len() < 2 {
        return;
    }
    let key = |r: &Report| {
        (
            r.status,
            r.status_text.trim().to_string(),
            r.progress.trim().to_string(),
            r.completed_on,
        )
    };
    let first = key(&reports[top[0]]);
    let places: Vec<String> = top
        .iter()
        .map(|&i| {
            let s = &reports[i].source;
            format!("{} 工作表“{}”第{}行", s.file, s.sheet, s.row)
        })
        .collect();
    let (file0, sheet0, row0) = {
        let s = &reports[top[0]].source;
        (s.file.clone(), s.sheet.clone(), s.row)
    };
    if top.iter().all(|&i| key(&reports[i]) == first) {
        for &i in &top[1..] {
            reports[i].superseded = true;
        }
        problems.push(
            Problem::new(
                Severity::Info,
                Code::Duplicate,
                &file0,
                format!(
                    "{unit}对第{id}项的进展重复报送（{}），内容相同，只计一次。",
                    places.join("、")
                ),
            )
            .at(Some(&sheet0), Some(row0)),
        );
    } else {
        let dates: BTreeSet<String> = top
            .iter()
            .map(|&i| {
                reports[i]
                    .filed_on
                    .map_or("未填".to_string(), crate::render_date)
            })
            .collect();
        problems.push(
            Problem::new(
                Severity::Error,
                Code::Conflict,
                &file0,
                format!(
                    "{unit}对第{id}项报送了内容不同的多条进展（{}），填报日期{}，无法判断以哪条为准，暂按最保守的状态汇总。请该单位确认后重新报送一份。",
                    places.join("、"),
                    if dates.len() == 1 { format!("均为{}", dates.iter().next().cloned().unwrap_or_default()) } else { format!("为{}", dates.into_iter().collect::<Vec<_>>().join("、")) }
                ),
            )
            .at(Some(&sheet0), Some(row0)),
        );
    }
}

fn unit_entries(plan: &Plan, tasks: &[TaskEntry]) -> Vec<UnitEntry> {
    let mut out = Vec::new();
    for u in plan.units.units() {
        let expected: Vec<u32> = plan.tasks_of(&u.name).iter().map(|(t, _)| t.id).collect();
        let mut reported = Vec::new();
        let mut files = BTreeSet::new();
        let mut last = None;
        for t in tasks {
            let mine: Vec<&Report> = t.reports.iter().filter(|r| r.unit == u.name).collect();
            if mine.iter().any(|r| !r.superseded) {
                reported.push(t.id);
            }
            for r in mine {
                files.insert(r.source.file.clone());
                last = last.max(r.filed_on);
            }
        }
        if expected.is_empty() && reported.is_empty() {
            continue;
        }
        let missing = expected
            .iter()
            .copied()
            .filter(|id| !reported.contains(id))
            .collect();
        out.push(UnitEntry {
            name: u.name.clone(),
            kind: u.kind,
            expected,
            reported,
            missing,
            files: files.into_iter().collect(),
            last_filed_on: last,
        });
    }
    out
}
