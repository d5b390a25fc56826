//! Merge: records + plan → the ledger, as named steps:
//!
//! 0. `as_of`: rows filed after the round's as-of date wait for the next round;
//! 1. `every_task`: a row answering every task of its unit 不涉及 (a letter saying the
//!    unit has no task in the plan) becomes a row on each of them;
//!    `place`: tie each record to a task (序号 confirmed by text, or text alone) and to
//!    the unit's role on it; rows that fit no unit or task go to `unplaced`; a sheet
//!    read as a 镇街's whose tasks are all another unit's of that place is that unit's
//!    (`same_place`);
//! 2. `versions`: several reports of one unit on one task (the latest 填报日期 stands;
//!    equal or unknown dates with different content are a conflict);
//! 3. `tasks`: each task's reports in order, its status from its deciders' answers
//!    (`task_status`; a report whose status contradicts its text is a `doubt`) and its
//!    overdue flag;
//! 4. `units`: per unit what it owes, reported and is missing, and whom it reports
//!    through;
//! 5. `summary`: the counts, and the plan's metadata for the renderers; before them, a
//!    written report sent beside a table is no error (`prose`).
//!
//! A lead unit's round ([`Scope::Lead`], `rectify --as 单位`) keeps the tasks the unit
//! decides (`scope.rs`): reports on other tasks become skip entries, the unit is the
//! collector, its partners the units that owe reports.

mod as_of;
mod carried;
mod copied;
mod doubt;
mod every_task;
pub mod match_task;
mod moved_deadline;
mod place;
mod prose;
mod same_place;
mod scope;
mod summary;
pub mod task_status;
mod tasks;
mod units;
mod versions;

use crate::ingest::record::{Ingested, IngestedParts};
use crate::model::{Ledger, UnitReport};
use crate::plan::Plan;

pub use scope::Scope;

/// Merge everything ingest read against the plan: the bureau's round.
pub fn merge(plan: &Plan, ingested: Ingested) -> Ledger {
    merge_scoped(plan, ingested, &Scope::Bureau)
}

/// Merge for one round: the bureau's, or a lead unit's (its tasks only).
pub fn merge_scoped(plan: &Plan, ingested: Ingested, scope: &Scope) -> Ledger {
    merge_parts(plan, ingested.into(), scope)
}

/// [`merge_scoped`] with the records in parts (`IngestedParts`), each record moved once.
pub fn merge_parts(plan: &Plan, ingested: IngestedParts, scope: &Scope) -> Ledger {
    merge_carrying(plan, ingested, scope, Vec::new())
}

/// [`merge_parts`] with the completions the previous round counted (task id, report:
/// `model::rounds::RoundReports::completions`), standing for units that sent nothing on
/// those tasks this round (`carried`).
pub fn merge_carrying(
    plan: &Plan,
    ingested: IngestedParts,
    scope: &Scope,
    completions: Vec<(u32, UnitReport)>,
) -> Ledger {
    // Records still gathered in one list (none from ingest) come first, cut into parts
    // as `merge_scoped` cuts them.
    let IngestedParts {
        rest,
        records: later,
    } = ingested;
    let IngestedParts { rest, mut records } = IngestedParts::from(rest);
    records.extend(later);
    let Ingested {
        mut files,
        mut skips,
        mut problems,
        ..
    } = rest;
    prose::give_way_to_tables(&mut records, &mut files, &mut problems);
    as_of::year_slips(
        &mut records,
        &mut files,
        plan.meta.issued_on,
        plan.meta.as_of,
        &mut problems,
    );
    // The round's writer: the lead unit of a lead's round, else the collector.
    let writer = scope.lead().unwrap_or(&plan.meta.collector);
    let mut late_tasks = as_of::LateTasks::new();
    // The writer counts its own rows whatever day it dated them: its report is made of them (adv50
    // d 2: the bureau's own form, dated after the as-of date, left its tasks 未报送).
    let mut records = as_of::this_round(
        records,
        (plan.meta.as_of, plan.meta.issued_on),
        Some(writer),
        &mut problems,
        &mut late_tasks,
    );
    let every_task_rows = every_task::expand(plan, &mut records, &mut problems);
    let mut placed = place::place_records(plan, records, &mut problems);
    every_task::drop_task_warnings(&every_task_rows, &mut problems);
    same_place::relabel(&mut files, &placed.moved);
    problems.extend(as_of::before_notice(&files, plan.meta.notice_date));
    skips.append(&mut placed.skipped);
    let in_scope = scope.task_ids(plan);
    scope::leave_out(&mut placed.by_key, &in_scope, &mut skips);
    carried::carry(&mut placed.by_key, completions, &in_scope, &mut problems);
    let done_then_kept_up: std::collections::BTreeSet<u32> = plan
        .tasks
        .iter()
        .filter(|t| t.deadline.is_done_then_kept_up())
        .map(|t| t.id)
        .collect();
    let by_task = versions::resolve_all(placed.by_key, &done_then_kept_up, &mut problems);
    problems.extend(moved_deadline::warnings(plan, &by_task));
    let mut tasks = tasks::task_entries(plan, by_task, scope);
    tasks.retain(|t| in_scope.contains(&t.id));
    problems.extend(copied::copied_progress(&tasks));
    problems.extend(tasks::done_overruled(&tasks, writer, plan.meta.as_of));
    problems.extend(tasks::all_not_applicable(&tasks));
    tasks::own_doubts_told(&tasks, writer, &mut problems);
    let mut info = summary::plan_info(plan, scope);
    // A lead unit's report has a part for each 重点任务 it has tasks in.
    info.categories
        .retain(|c| tasks.iter().any(|t| &t.category == c));
    let mut units = units::unit_entries(plan, &tasks, scope);
    for u in &mut units {
        if let Some(ids) = late_tasks.remove(&u.name) {
            u.late_unnumbered = ids.contains(&0);
            u.late = ids
                .into_iter()
                .filter(|id| u.missing.contains(id))
                .collect();
            u.late.sort_unstable();
        }
    }
    problems.extend(units::collector_warning(&info, &units));
    let marked = units::marked_unfilled(&skips, &files, &units, &problems);
    problems.extend(marked);
    prose::beside_a_table(&files, &mut problems);
    summary::sort_problems(&mut problems);
    let summary = summary::summarise(&info, &tasks, &units, &files, &problems);
    Ledger {
        as_of: plan.meta.as_of,
        plan: info,
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
