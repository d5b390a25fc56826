//! Merge: records + plan → the ledger, as named steps:
//!
//! 0. `as_of`: rows filed after the round's as-of date wait for the next round;
//! 1. `place`: tie each record to a task (序号 confirmed by text, or text alone) and to
//!    the unit's role on it; rows that fit no unit or task go to `unplaced`;
//! 2. `versions`: several reports of one unit on one task (the latest 填报日期 stands;
//!    equal or unknown dates with different content are a conflict);
//! 3. `tasks`: each task's reports in order, its status from its deciders' answers
//!    (`task_status`; a report whose status contradicts its text is a `doubt`) and its
//!    overdue flag;
//! 4. `units`: per unit what it owes, reported and is missing;
//! 5. `summary`: the counts, and the plan's metadata for the renderers.

mod as_of;
mod doubt;
pub mod match_task;
mod place;
mod summary;
pub mod task_status;
mod tasks;
mod units;
mod versions;

use crate::ingest::record::Ingested;
use crate::model::Ledger;
use crate::plan::Plan;

/// Merge everything ingest read against the plan.
pub fn merge(plan: &Plan, ingested: Ingested) -> Ledger {
    let Ingested {
        files,
        records,
        skips,
        mut problems,
    } = ingested;
    let records = as_of::this_round(records, plan.meta.as_of, &mut problems);
    let placed = place::place_records(plan, records, &mut problems);
    let by_task = versions::resolve_all(placed.by_key, &mut problems);
    let tasks = tasks::task_entries(plan, by_task);
    let units = units::unit_entries(plan, &tasks);
    problems.extend(units::collector_warning(plan, &units));
    summary::sort_problems(&mut problems);
    let summary = summary::summarise(plan, &tasks, &units, &files, &problems);
    Ledger {
        as_of: plan.meta.as_of,
        plan: summary::plan_info(plan),
        summary,
        tasks,
        units,
        files,
        problems,
        unplaced: placed.unplaced,
        skipped: skips,
        previous: None,
        changes: None,
        rounds: Vec::new(),
    }
}
