//! Questions the renderers ask of the ledger, answered once: which units owe reports,
//! which still owe some, a unit's role on a task, a unit's tasks with its role, and how
//! many of a unit's tasks it reports completed. Reads only the ledger.

use super::ledger::{Ledger, TaskEntry, UnitEntry};
use super::problems::{Code, Severity};
use super::source::FileOutcome;
use super::status::Status;
use crate::plan::Role;

/// Whether `unit` has a current report on some task it has a part in: its progress
/// counts somewhere (a unit writing only on tasks it has no part in has its rows set
/// aside).
pub fn counts_somewhere(tasks: &[TaskEntry], unit: &str) -> bool {
    tasks.iter().any(|t| {
        t.current_reports()
            .any(|r| r.unit == unit && r.role != Role::Unassigned)
    })
}

/// One of a unit's tasks, with the unit's role on it.
#[derive(Debug, Clone)]
pub struct UnitTask<'a> {
    pub task: &'a TaskEntry,
    pub role: Role,
}

/// Units that owe at least one report (groups are already expanded in the ledger), in
/// directory order: the units that receive a checklist.
pub fn units_owing(ledger: &Ledger) -> Vec<&UnitEntry> {
    ledger
        .units
        .iter()
        .filter(|u| !u.expected.is_empty())
        .collect()
}

/// Units that still owe reports (`missing` not empty), in directory order: the units
/// that receive a reminder. The collector (the bureau itself) is never among them: it
/// does not remind itself (its own missing tasks are a warning for the clerk).
pub fn units_missing(ledger: &Ledger) -> Vec<&UnitEntry> {
    ledger
        .units
        .iter()
        .filter(|u| !u.missing.is_empty() && u.name != ledger.plan.collector)
        .collect()
}

/// How many of the units expected to report (the collector left out) sent progress of
/// their own, on the tasks they owe or not: every document's 已报送 (the report's 一,
/// the workbook, the list of units, `check`). `summary.units_reported` counts only those
/// that answered a task they owe.
pub fn units_sent(ledger: &Ledger) -> u32 {
    ledger
        .units
        .iter()
        .filter(|u| !u.expected.is_empty() && u.name != ledger.plan.collector)
        .filter(|u| !u.sent_nothing())
        .count() as u32
}

/// The bureau's round in lead reporting: lead units consolidate their partners.
pub fn chain(ledger: &Ledger) -> bool {
    ledger.plan.tier == super::ledger::Tier::Bureau
        && ledger.plan.reporting == crate::plan::meta::Reporting::Lead
}

/// On the tasks `unit` owes and gathers ([`TaskEntry::gathered_by`]), the units named
/// on the task that decide nothing and have no current report: the partners whose
/// progress its return still lacks (the collector aside: it does not chase itself), on
/// tasks not yet done (a task reported 已完成 needs no partner chased).
/// Empty outside lead reporting. Task order.
pub fn partners_missing<'a>(
    ledger: &'a Ledger,
    unit: &UnitEntry,
) -> Vec<(&'a TaskEntry, Vec<&'a str>)> {
    if !chain(ledger) {
        return Vec::new();
    }
    ledger
        .tasks
        .iter()
        .filter(|t| unit.expected.contains(&t.id) && t.gathered_by(&unit.name))
        // A task done (or not applying) needs no partner chased for it.
        .filter(|t| !matches!(t.status, Status::Completed | Status::NotApplicable))
        .filter_map(|t| {
            let deciders = t.deciders();
            let missing: Vec<&str> = t
                .named_units()
                .filter(|u| !deciders.contains(u) && **u != ledger.plan.collector)
                .filter(|u| !t.current_reports().any(|r| &r.unit == *u))
                .map(String::as_str)
                .fold(Vec::new(), |mut v, u| {
                    if !v.contains(&u) {
                        v.push(u);
                    }
                    v
                });
            (!missing.is_empty()).then_some((t, missing))
        })
        .collect()
}

/// The units that receive a reminder: those that still owe reports, in lead reporting
/// the lead units whose partners' progress is still missing, those a file of which
/// could not be read, and those with reports to check (待核实). Directory order; never
/// the collector.
pub fn units_to_remind(ledger: &Ledger) -> Vec<&UnitEntry> {
    ledger
        .units
        .iter()
        .filter(|u| u.name != ledger.plan.collector)
        .filter(|u| {
            // Not for tasks only a return after the as-of date holds (counted next round).
            u.missing.iter().any(|id| !u.late.contains(id))
                || !partners_missing(ledger, u).is_empty()
                // A file it sent could not be read: it is told so, even when it owes the
                // collector nothing (a partner that sent its file to the bureau).
                || !unreadable_files(ledger, &u.name).is_empty()
                // Reports to check with it (待核实), though it owes nothing more.
                || !u.to_verify.is_empty()
        })
        .collect()
}

/// A unit's role on a task: the first of the task's lists naming it (lead, responsible,
/// cooperating); responsible when none does (a group open to the unit's kind).
pub fn role_of(task: &TaskEntry, unit: &str) -> Role {
    let has = |l: &[String]| l.iter().any(|u| u == unit);
    if has(&task.lead) {
        Role::Lead
    } else if has(&task.responsible) {
        Role::Responsible
    } else if has(&task.cooperating) {
        Role::Cooperating
    } else {
        Role::Responsible
    }
}

/// The tasks whose lead, responsible or cooperating units name `unit`, in ledger order.
pub fn named_on(ledger: &Ledger, unit: &str) -> Vec<u32> {
    ledger
        .tasks
        .iter()
        .filter(|t| {
            [&t.lead, &t.responsible, &t.cooperating]
                .iter()
                .any(|l| l.iter().any(|u| u == unit))
        })
        .map(|t| t.id)
        .collect()
}

/// The tasks `ids` of `unit` (ledger order), each with the unit's role.
pub fn unit_tasks<'a>(ledger: &'a Ledger, unit: &str, ids: &[u32]) -> Vec<UnitTask<'a>> {
    ledger
        .tasks
        .iter()
        .filter(|t| ids.contains(&t.id))
        .map(|task| UnitTask {
            task,
            role: role_of(task, unit),
        })
        .collect()
}

/// Of the tasks `unit` owes (`expected`) and has reported, those on which its current
/// report says completed: a part of its 已报, never more (a lead's partner reporting
/// other tasks too has those in the 情况说明, not here).
pub fn unit_completed(ledger: &Ledger, unit: &UnitEntry) -> u32 {
    ledger
        .tasks
        .iter()
        .filter(|t| unit.expected.contains(&t.id) && !unit.missing.contains(&t.id))
        .filter(|t| {
            t.current_reports()
                .any(|r| r.unit == unit.name && r.status == Status::Completed)
        })
        .count() as u32
}

/// A file a unit sent that could not be read, and why (the error's message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable<'a> {
    pub file: &'a str,
    pub reason: &'a str,
    /// The error's code (`None` when there is none).
    pub code: Option<Code>,
    /// The file opened, but holds no progress table that could be read (a document
    /// without a table, a written report naming several tasks in a line): to be sent
    /// again on the form, not because it is damaged.
    pub opened: bool,
}

/// The files of `unit` (known from their names) that could not be read, or that opened
/// with nothing read from them and an error saying why, in file order.
pub fn unreadable_files<'a>(ledger: &'a Ledger, unit: &str) -> Vec<Unreadable<'a>> {
    ledger
        .files
        .iter()
        .filter(|f| f.unit.as_deref() == Some(unit))
        .filter_map(|f| {
            let error = |codes: &[Code]| {
                ledger.problems.iter().find(|p| {
                    p.file == f.file
                        && p.severity == Severity::Error
                        && (codes.is_empty() || codes.contains(&p.code))
                })
            };
            let (opened, error) = match f.outcome {
                FileOutcome::Failed => (false, error(&[])),
                FileOutcome::Read if f.records == 0 => {
                    (true, Some(error(&[Code::NoHeader, Code::ProseReport])?))
                }
                _ => return None,
            };
            Some(Unreadable {
                file: &f.file,
                reason: error.map_or("", |p| p.message.as_str()),
                code: error.map(|p| p.code),
                opened,
            })
        })
        .collect()
}

/// What the collector of a lead unit's round is to its tasks: 牵头 when it leads every
/// one, else 牵头或负责 (some it answers for as a responsible unit, no lead named).
pub fn lead_word(ledger: &Ledger) -> &'static str {
    let me = &ledger.plan.collector;
    if ledger.tasks.iter().all(|t| t.lead.contains(me)) {
        "牵头"
    } else {
        "牵头或负责"
    }
}

/// In lead reporting, `unit`'s tasks outside `ids` (the ones it reports straight) that
/// a lead unit other than it and the collector gathers: per lead, in the order of its
/// first task, the task ids. Empty outside lead reporting.
pub fn tasks_via_leads(ledger: &Ledger, unit: &str, ids: &[u32]) -> Vec<(String, Vec<u32>)> {
    let mut out: Vec<(String, Vec<u32>)> = Vec::new();
    if !chain(ledger) {
        return out;
    }
    for t in &ledger.tasks {
        let named = t.named_units().any(|u| u == unit);
        if !named || ids.contains(&t.id) || t.gathered_by(unit) {
            continue;
        }
        // A task the collector itself gathers is not "reported to a lead" elsewhere.
        let Some(lead) = t
            .gatherers
            .iter()
            .find(|l| *l != unit && **l != ledger.plan.collector)
        else {
            continue;
        };
        match out.iter_mut().find(|(l, _)| l == lead) {
            Some((_, v)) => v.push(t.id),
            None => out.push((lead.clone(), vec![t.id])),
        }
    }
    out
}
