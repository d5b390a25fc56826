//! A task's status from its current reports: the documented, conservative rule.
//!
//! - Nobody reported: `unreported`.
//! - Completed only when every unit that decides the task (its lead units, or where the
//!   table names none, its responsible units) reported it completed.
//! - Otherwise the least advanced status among the deciders' current reports stands
//!   (or among all current reports when no decider has reported yet); a task some
//!   deciders completed while others have not reported is `in_progress`.
//!   Order, least advanced first: unclear < not_started < in_progress < ongoing < completed.
//! - Overdue: the due date is before the as-of date and the task is not completed; a
//!   task whose deadline goes on (…并长期坚持) and is reported ongoing is not overdue for
//!   that alone, and a task with no due date never is.

use chrono::NaiveDate;

use crate::model::Status;
use crate::model::UnitReport;
use crate::plan::Task;

/// The task's status and the deciders that have not reported.
pub fn task_status(task: &Task, current: &[&UnitReport]) -> (Status, Vec<String>) {
    if current.is_empty() {
        return (Status::Unreported, task.deciders().to_vec());
    }
    let deciders = task.deciders();
    let awaiting: Vec<String> = deciders
        .iter()
        .filter(|d| !current.iter().any(|r| &r.unit == *d))
        .cloned()
        .collect();
    let from_deciders: Vec<Status> = current
        .iter()
        .filter(|r| deciders.contains(&r.unit))
        .map(|r| r.status)
        .collect();
    let pool: Vec<Status> = if from_deciders.is_empty() {
        current.iter().map(|r| r.status).collect()
    } else {
        from_deciders
    };
    let least = pool
        .iter()
        .copied()
        .min_by_key(|s| s.advancement())
        .unwrap_or(Status::Unclear);
    let status = if least == Status::Completed && !awaiting.is_empty() {
        Status::InProgress
    } else {
        least
    };
    (status, awaiting)
}

pub fn is_overdue(task: &Task, status: Status, as_of: NaiveDate) -> bool {
    if !task.deadline.is_past(as_of) || status == Status::Completed {
        return false;
    }
    !(task.deadline.ongoing && status == Status::Ongoing)
}
