//! Whose round a merge makes: the bureau's (every task) or a lead unit's (`rectify --as
//! 单位`): the tasks the unit leads, and where a task has no lead, those it is
//! responsible for (`Plan::tasks_led_by`). In a lead unit's round reports on other
//! tasks are left to the bureau: each becomes a skip entry, so every row read is still
//! accounted for.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::common::text::excerpt;
use crate::model::{Skip, SkipReason, UnitReport};
use crate::plan::{Plan, Task};

/// Whose round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The bureau's round: every task.
    Bureau,
    /// A lead unit's round (its canonical name).
    Lead(String),
}

impl Scope {
    /// The ids of the tasks in scope.
    pub fn task_ids(&self, plan: &Plan) -> BTreeSet<u32> {
        match self {
            Scope::Bureau => plan.tasks.iter().map(|t| t.id).collect(),
            Scope::Lead(unit) => plan.tasks_led_by(unit).iter().map(|t| t.id).collect(),
        }
    }

    /// The units whose answers decide `task` in this round, given its `current` reports:
    /// its deciders ([`Task::deciders`]) in the bureau's round. In a lead unit's round a
    /// co-lead answers to the bureau itself: its answer counts when it sent one through
    /// the lead unit, but it is not waited for; on a task the lead unit shares as one of
    /// several responsible units (no lead named) it answers for its own part only.
    pub fn deciders<'t>(&self, task: &'t Task, current: &[&UnitReport]) -> Cow<'t, [String]> {
        let Scope::Lead(lead) = self else {
            return Cow::Borrowed(task.deciders());
        };
        let gathered = task.gathered_by(lead);
        Cow::Owned(
            task.deciders()
                .iter()
                .filter(|d| *d == lead || (gathered && current.iter().any(|r| &r.unit == *d)))
                .cloned()
                .collect(),
        )
    }

    /// The lead unit of a lead unit's round.
    pub fn lead(&self) -> Option<&str> {
        match self {
            Scope::Bureau => None,
            Scope::Lead(u) => Some(u),
        }
    }
}

/// Reports on tasks out of scope become skip entries (`out_of_scope`).
pub(super) fn leave_out(
    by_key: &mut BTreeMap<(u32, String), Vec<UnitReport>>,
    in_scope: &BTreeSet<u32>,
    skips: &mut Vec<Skip>,
) {
    let out: Vec<(u32, String)> = by_key
        .keys()
        .filter(|(id, _)| !in_scope.contains(id))
        .cloned()
        .collect();
    for key in out {
        for r in by_key.remove(&key).unwrap_or_default() {
            skips.push(Skip {
                file: r.source.file,
                sheet: r.source.sheet,
                row: r.source.row,
                rows: 1,
                reason: SkipReason::OutOfScope,
                text: excerpt(&format!("第{}项 {} {}", key.0, r.unit, r.progress), 40),
                marked_task: None,
            });
        }
    }
}
