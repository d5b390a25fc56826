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
        let decision = decide(&deciders, &current, as_of, &plan.meta.collector, &partners);
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
