//! Step 4: per unit, what it owes, what it reported and what is missing.

use std::collections::BTreeSet;

use crate::model::{Code, Problem, Severity, TaskEntry, UnitEntry, UnitReport};
use crate::plan::Plan;

/// One entry per unit that owes a report or reported, in directory order.
pub(super) fn unit_entries(plan: &Plan, tasks: &[TaskEntry]) -> Vec<UnitEntry> {
    let mut out = Vec::new();
    for u in plan.units.units() {
        let expected: Vec<u32> = plan.tasks_of(&u.name).iter().map(|(t, _)| t.id).collect();
        let mut reported = Vec::new();
        let mut files = BTreeSet::new();
        let mut last = None;
        for t in tasks {
            let mine: Vec<&UnitReport> = t.reports.iter().filter(|r| r.unit == u.name).collect();
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
            full_name: if u.full_name.trim().is_empty() {
                u.name.clone()
            } else {
                u.full_name.trim().to_string()
            },
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

/// The collector (the bureau that runs the tool) owes progress on its own tasks like
/// anyone, but nobody chases it: what it has not filled in is a warning for its clerk.
pub(super) fn collector_warning(plan: &Plan, units: &[UnitEntry]) -> Option<Problem> {
    let me = units.iter().find(|u| u.name == plan.meta.collector)?;
    if me.missing.is_empty() {
        return None;
    }
    let ids: Vec<String> = me.missing.iter().map(u32::to_string).collect();
    Some(Problem::new(
        Severity::Warning,
        Code::CollectorMissing,
        "",
        format!(
            "我局承担的第{}项任务尚未填写进展，请在报送前补充我局自己的进展情况。",
            ids.join("、")
        ),
    ))
}
