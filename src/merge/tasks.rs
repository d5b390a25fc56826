//! Step 3: one ledger entry per task of the plan: its reports in order, its status and
//! whether it is overdue.

use std::collections::BTreeMap;

use super::scope::Scope;
use super::task_status::{decide, is_overdue};
use crate::model::{AssignedText, Light, TaskEntry, UnitReport};
use crate::plan::{Plan, Role};

/// Every task of the plan, in table order, with the reports placed on it.
pub(super) fn task_entries(
    plan: &Plan,
    mut by_task: BTreeMap<u32, Vec<UnitReport>>,
    scope: &Scope,
) -> Vec<TaskEntry> {
    let as_of = plan.meta.as_of;
    let writer = scope.lead().unwrap_or(&plan.meta.collector);
    let mut tasks = Vec::with_capacity(plan.tasks.len());
    for task in &plan.tasks {
        // Current before superseded, then by role, unit order and source. The unit's
        // position is looked up once per report, not once per comparison.
        let mut keyed: Vec<((bool, Role, usize), UnitReport)> = by_task
            .remove(&task.id)
            .unwrap_or_default()
            .into_iter()
            .map(|r| ((r.superseded, r.role, plan.units.order(&r.unit)), r))
            .collect();
        keyed.sort_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| a.source.cmp(&b.source)));
        let reports: Vec<UnitReport> = keyed.into_iter().map(|(_, r)| r).collect();
        // Only the deciders' reports decide; the others are named when no decider has
        // reported.
        let current: Vec<&UnitReport> = reports.iter().filter(|r| !r.superseded).collect();
        let deciders = scope.deciders(task, &current);
        let partners: Vec<String> = task
            .responsible
            .units
            .iter()
            .filter(|u| !deciders.contains(u))
            .cloned()
            .collect();
        let decision = decide(
            &deciders,
            &current,
            as_of,
            (&plan.meta.collector, writer),
            &partners,
            task.deadline.is_long_term_only(),
            task.deciders_word(),
        );
        let status = decision.status;
        let overdue = is_overdue(task, status, as_of);
        // Done, but after the deadline: the latest completion date a decider gave.
        let done_late = (status == crate::model::Status::Completed)
            .then(|| {
                current
                    .iter()
                    .filter(|r| deciders.contains(&r.unit))
                    .filter_map(|r| r.completed_on)
                    .max()
            })
            .flatten()
            .filter(|done| task.deadline.due.is_some_and(|due| *done > due));
        let light = Light::of(
            status,
            overdue,
            task.deadline.due,
            as_of,
            plan.meta.warning_days,
        );
        tasks.push(TaskEntry {
            id: task.id,
            category: task.category.clone(),
            measure: task.measure.clone(),
            short_name: task.short_name.clone(),
            deadline: task.deadline.clone(),
            lead: task.lead.units.clone(),
            responsible: task.responsible.units.clone(),
            cooperating: task.cooperating.units.clone(),
            gatherers: task.gatherers.clone(),
            assigned_text: AssignedText {
                lead: task.lead.text.clone(),
                responsible: task.responsible.text.clone(),
                cooperating: task.cooperating.text.clone(),
            },
            overdue,
            done_late,
            light,
            previous_status: None,
            status,
            breakdown: decision.breakdown,
            awaiting: decision.awaiting,
            reported_by_others: decision.reported_by_others,
            doubts: decision.doubts,
            reports,
        });
    }
    tasks
}

/// The writer's own reports its text doubts are counted as it wrote them
/// (`task_status::decide`): their warnings say so, and ask its clerk to mend its own
/// form, instead of "此条报送暂按“待核实”计" (second review d 4).
pub(super) fn own_doubts_told(
    tasks: &[TaskEntry],
    writer: &str,
    problems: &mut [crate::model::Problem],
) {
    use super::place::COUNTED_UNCLEAR;
    for r in tasks
        .iter()
        .flat_map(|t| t.current_reports())
        .filter(|r| r.unit == writer && r.doubt.is_some())
    {
        for p in problems
            .iter_mut()
            .filter(|p| p.is_on_row(crate::model::Code::StatusContradicted, &r.source))
        {
            if let Some(head) = p.message.strip_suffix(COUNTED_UNCLEAR) {
                p.message = format!(
                    "{head}报告中按所填的“{}”计。请核实后修改本单位的填报表，再重新运行。",
                    r.status.label()
                );
            }
        }
    }
}

/// A warning for each task every decider answered 不涉及 (none the writer: 待核实 by
/// `task_status::decide`), at the first decider's row, so the workbook's 问题清单 says
/// why the task is 待核实 (second review d 3).
pub(super) fn all_not_applicable(tasks: &[TaskEntry]) -> Vec<crate::model::Problem> {
    use crate::model::{Code, Problem, Severity, Status};
    tasks
        .iter()
        .filter(|t| t.not_applicable_to_check())
        .filter_map(|t| {
            let doubt = t
                .doubts
                .iter()
                .find(|d| d.ends_with(super::task_status::ALL_NOT_APPLICABLE))?;
            let deciders = t.deciders();
            let first = t.current_reports().find(|r| deciders.contains(&r.unit))?;
            Some(
                Problem::new(
                    Severity::Warning,
                    Code::StatusContradicted,
                    &first.source.file,
                    format!(
                        "第{}项的{doubt}，计为“{}”。请与{}核实该项任务的分工和进展。",
                        t.id,
                        Status::Unclear.label(),
                        if deciders.len() <= 3 {
                            deciders.join("、")
                        } else {
                            "各单位".to_string()
                        }
                    ),
                )
                .at(Some(&first.source.sheet), Some(first.source.row)),
            )
        })
        .collect()
}

/// The warnings of a 已完成 that the partners' reports overrule (`decide`: the task
/// counted 正在推进 while 宝峰镇报“正在推进”), told at the 已完成's row so it is not
/// changed without a word: the round's writer's own (its clerk to check with the
/// partners), and a decider's that claims the whole done (全区…已全部完成) over towns its
/// own sheet lists as still at work (adv51 a 4: counted 正在推进 without a word).
pub(super) fn done_overruled(
    tasks: &[TaskEntry],
    writer: &str,
    as_of: chrono::NaiveDate,
) -> Vec<crate::model::Problem> {
    use crate::model::{Code, Problem, Severity, Status};
    let whole = |text: &str| {
        ["全部", "均已", "全面完成"]
            .iter()
            .any(|w| text.contains(w))
    };
    let mut out = Vec::new();
    for t in tasks.iter().filter(|t| t.status == Status::InProgress) {
        let deciders = t.deciders();
        for own in t.current_reports().filter(|r| {
            r.counted_status(as_of) == Status::Completed
                && (r.unit == writer || (deciders.contains(&r.unit) && whole(&r.progress)))
        }) {
            let me = [own.unit.clone()];
            let behind: Vec<String> = super::task_status::behind_the_lead(
                t.current_reports()
                    .filter(|r| own.unit == writer || r.carried_for(&own.unit)),
                &me,
                as_of,
            );
            if behind.is_empty() {
                continue;
            }
            let message = if own.unit == writer {
                format!(
                    "{writer}对第{}项报“已完成”，但{}，已按“正在推进”汇总。如确已全部完成，请相关单位更正后重新报送。",
                    t.id,
                    behind.join("，")
                )
            } else {
                format!(
                    "{}对第{}项报“已完成”（“{}”），但其汇总的进展中{}，已按“正在推进”汇总。请与{}核实。",
                    own.unit,
                    t.id,
                    crate::common::text::excerpt(&own.progress, 30),
                    behind.join("，"),
                    own.unit
                )
            };
            out.push(
                Problem::new(Severity::Warning, Code::Conflict, &own.source.file, message)
                    .at(Some(&own.source.sheet), Some(own.source.row)),
            );
        }
    }
    out
}
