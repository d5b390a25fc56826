//! Rounds: the ledger of one as-of date compared with an earlier round's (what changed),
//! and each task's warning light (亮灯) at the as-of date. Pure functions of ledgers;
//! reading and writing `output/rounds/` is `crate::rounds`' job.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ledger::{Ledger, UnitReport};
use super::problems::{Code, Problem, Severity};
use super::status::Status;

/// The round a ledger is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Previous {
    pub as_of: NaiveDate,
    /// The round's file as given or found (output/rounds/2020-12-05.json).
    pub file: String,
}

/// What changed since the previous round (docs/ledger.md).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    /// Tasks completed now and not then.
    pub newly_completed: Vec<u32>,
    /// Tasks less advanced now than then (待核实, 不涉及 and 未报送 on either side aside),
    /// a unit's own report among them less advanced than its report then (when the
    /// round kept its reports).
    pub regressed: Vec<u32>,
    /// Units with a report now and none then.
    pub newly_reported: Vec<String>,
    /// Units that owed a report in both rounds and sent none in either.
    pub still_missing: Vec<String>,
    /// Tasks past their deadline and unfinished now that were not then (absent when
    /// none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub newly_overdue: Vec<u32>,
    /// Tasks someone reported on then and nobody now (absent when none): not gone back,
    /// only not reported again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub no_longer_reported: Vec<u32>,
    /// Tasks 已完成 or 已报完成待确认 then that are now under way, not started or in
    /// question, no unit's own report gone back (a responsible unit's first report came
    /// in saying the work is not done, or a doubt about a completion; absent when none):
    /// not gone back, but no longer counted done (adv54 b 1: 已完成 fell by more than
    /// the tasks told as gone back).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unconfirmed: Vec<u32>,
    /// Units that owed a report then and sent none, and owe none now (the tasks they
    /// owed on are done by others, or no longer theirs to report; absent when none): out
    /// of the count of units owing, so the silent of two rounds add up (adv56 b 3: 38
    /// silent then, 4 reporting since, 33 silent now).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub released: Vec<String>,
    /// Whether every task the `released` units owed on then is done now.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub released_done: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.newly_completed.is_empty()
            && self.regressed.is_empty()
            && self.newly_reported.is_empty()
            && self.still_missing.is_empty()
            && self.newly_overdue.is_empty()
            && self.no_longer_reported.is_empty()
            && self.unconfirmed.is_empty()
            && self.released.is_empty()
    }
}

/// One round's headline, for the trend across rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundPoint {
    pub as_of: NaiveDate,
    pub completed: u32,
    pub total: u32,
}

/// A task's warning light at the as-of date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    /// Overdue and not completed.
    Red,
    /// Due within the warning window (plan.toml `warning_days`) and not completed.
    Yellow,
    /// Not completed, neither overdue nor due soon.
    Green,
    /// Completed (or 不涉及): no light; the status says it.
    #[default]
    Off,
}

impl Light {
    pub const LIT: [Light; 3] = [Light::Red, Light::Yellow, Light::Green];

    /// 红灯 / 黄灯 / 绿灯; empty for `Off`.
    pub fn label(self) -> &'static str {
        match self {
            Light::Red => "红灯",
            Light::Yellow => "黄灯",
            Light::Green => "绿灯",
            Light::Off => "",
        }
    }

    /// The light of a task: `overdue` as the merge judged it, `due` its due date.
    pub fn of(
        status: Status,
        overdue: bool,
        due: Option<NaiveDate>,
        as_of: NaiveDate,
        warning_days: u32,
    ) -> Light {
        // 已报完成待确认: done by every account in; no light until the rest answer.
        if matches!(
            status,
            Status::Completed | Status::Confirming | Status::NotApplicable
        ) {
            Light::Off
        } else if overdue {
            Light::Red
        } else if due
            .is_some_and(|d| d >= as_of && (d - as_of).num_days() <= i64::from(warning_days))
        {
            Light::Yellow
        } else {
            Light::Green
        }
    }
}

/// What a stored round must hold to be compared with: the as-of date, each task's
/// status and each unit's duty and files. Read leniently (unknown fields ignored) so a
/// round written by an older or newer rectify still compares.
#[derive(Debug, Clone, Deserialize)]
pub struct RoundSnapshot {
    pub as_of: NaiveDate,
    pub tasks: Vec<SnapshotTask>,
    pub units: Vec<SnapshotUnit>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SnapshotTask {
    pub id: u32,
    pub status: Status,
    #[serde(default)]
    pub overdue: bool,
    /// The units' reports the round held (for [`resent_unchanged`]).
    #[serde(default)]
    pub reports: Vec<SnapshotReport>,
}

/// What [`resent_unchanged`] needs of a report of the round: read leniently, so a round
/// an earlier version wrote still compares.
#[derive(Debug, Clone, Deserialize)]
pub struct SnapshotReport {
    pub unit: String,
    pub status: Status,
    #[serde(default)]
    pub progress: String,
    #[serde(default)]
    pub filed_on: Option<NaiveDate>,
    #[serde(default)]
    pub superseded: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SnapshotUnit {
    pub name: String,
    #[serde(default)]
    pub expected: Vec<u32>,
    #[serde(default)]
    pub reported: Vec<u32>,
}

impl RoundSnapshot {
    /// The statuses by task id.
    pub fn statuses(&self) -> BTreeMap<u32, Status> {
        self.tasks.iter().map(|t| (t.id, t.status)).collect()
    }

    /// The headline of the round.
    pub fn point(&self) -> RoundPoint {
        RoundPoint {
            as_of: self.as_of,
            completed: self
                .tasks
                .iter()
                .filter(|t| t.status == Status::Completed)
                .count() as u32,
            total: self.tasks.len() as u32,
        }
    }
}

/// A stored round read for the completions it counted: each task's reports. Read apart
/// from [`RoundSnapshot`] so that a round whose reports an older rectify wrote otherwise
/// still compares.
#[derive(Debug, Clone, Deserialize)]
pub struct RoundReports {
    pub as_of: NaiveDate,
    pub tasks: Vec<TaskReports>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TaskReports {
    pub id: u32,
    #[serde(default)]
    pub reports: Vec<UnitReport>,
}

impl RoundReports {
    /// The completions the round counted that a unit need not report again: each
    /// unit's current report saying 已完成, not in doubt, on a task it has a role in;
    /// each with the as-of date of the round that first counted it.
    pub fn completions(self) -> Vec<(u32, UnitReport)> {
        let as_of = self.as_of;
        self.tasks
            .into_iter()
            .flat_map(|t| t.reports.into_iter().map(move |r| (t.id, r)))
            .filter(|(_, r)| {
                !r.superseded
                    && r.status == Status::Completed
                    && r.doubt.is_none()
                    && !r.completed_after(as_of)
                    && r.role != crate::plan::Role::Unassigned
            })
            .map(|(id, mut r)| {
                r.carried_from.get_or_insert(as_of);
                (id, r)
            })
            .collect()
    }
}

/// Whether a status takes part in the regression test: 待核实 and 不涉及 say nothing of
/// how far the work has come, and 未报送 only that nobody said this round.
fn ranked(s: Status) -> bool {
    !matches!(
        s,
        Status::Unclear | Status::NotApplicable | Status::Unreported
    )
}

/// The changes from `then` to `now` (the collector is never a missing unit).
pub fn compare(then: &RoundSnapshot, now: &Ledger) -> Changes {
    let before = then.statuses();
    let overdue_then: BTreeMap<u32, bool> = then.tasks.iter().map(|t| (t.id, t.overdue)).collect();
    let reports_then: BTreeMap<u32, &[SnapshotReport]> = then
        .tasks
        .iter()
        .map(|t| (t.id, t.reports.as_slice()))
        .collect();
    let mut changes = Changes::default();
    for t in &now.tasks {
        let Some(&old) = before.get(&t.id) else {
            continue;
        };
        // Gone back: the task's status, and, where the round kept its reports, a unit's
        // own word (a unit reporting for the first time 正在推进 beside another's 长期
        // 坚持 lowers the task's status, but nobody went back).
        let unit_went_back = || {
            let Some(old_reports) = reports_then.get(&t.id).filter(|r| !r.is_empty()) else {
                return true;
            };
            t.current_reports().any(|r| {
                old_reports.iter().any(|o| {
                    !o.superseded
                        && o.unit == r.unit
                        && ranked(o.status)
                        && ranked(r.status)
                        && r.status.advancement() < o.status.advancement()
                })
            })
        };
        let regressed = ranked(t.status)
            && ranked(old)
            && t.status.advancement() < old.advancement()
            && unit_went_back();
        // Past its deadline since then, as it was (a task gone back is said so once). Its
        // deadline fell between the rounds: a task long past it that was counted done
        // then (已报完成待确认) and is in question now is no new overdue (adv48 b M2).
        let due_since = t.deadline.due.is_some_and(|due| due > then.as_of);
        if t.overdue && due_since && overdue_then.get(&t.id) == Some(&false) && !regressed {
            changes.newly_overdue.push(t.id);
        }
        if t.status == Status::Completed && old != Status::Completed {
            changes.newly_completed.push(t.id);
        }
        if regressed {
            changes.regressed.push(t.id);
        } else if matches!(old, Status::Confirming | Status::Completed)
            && matches!(
                t.status,
                Status::InProgress | Status::NotStarted | Status::Unclear
            )
        {
            changes.unconfirmed.push(t.id);
        }
        if t.status == Status::Unreported && old != Status::Unreported {
            changes.no_longer_reported.push(t.id);
        }
    }
    let then_units: BTreeMap<&str, &SnapshotUnit> =
        then.units.iter().map(|u| (u.name.as_str(), u)).collect();
    let collector = now.plan.collector.as_str();
    let mut released_on: BTreeSet<u32> = BTreeSet::new();
    for u in &now.units {
        let old = then_units.get(u.name.as_str());
        let reported_then = old.is_some_and(|o| !o.reported.is_empty());
        let reported_now = !u.reported.is_empty();
        // As the summary counts them: units owing progress, the collector not among them.
        let owing = !u.expected.is_empty() && u.name != collector;
        if owing && reported_now && !reported_then {
            changes.newly_reported.push(u.name.clone());
        }
        let owed_both = !u.expected.is_empty() && old.is_some_and(|o| !o.expected.is_empty());
        // A unit whose return came after this round's cut-off has sent it: not chased
        // as silent twice (adv52 d 1: 附件2 said 统计截止日期后报送 beside it).
        let came_late = !u.late.is_empty();
        if owed_both && !reported_now && !reported_then && !came_late && u.name != collector {
            changes.still_missing.push(u.name.clone());
        }
        if let Some(o) =
            old.filter(|o| !o.expected.is_empty() && o.reported.is_empty() && u.expected.is_empty())
        {
            if u.name != collector {
                changes.released.push(u.name.clone());
                released_on.extend(o.expected.iter().copied());
            }
        }
    }
    changes.released_done = !released_on.is_empty()
        && released_on.iter().all(|id| {
            now.tasks
                .iter()
                .any(|t| t.id == *id && t.status == Status::Completed)
        });
    changes
}

/// Units whose return this round, under a newer filing date, repeats word for word what
/// they reported last round on every task they report, some of those tasks still
/// unfinished: likely last round's file sent again with its date changed. One warning
/// per unit, naming the unfinished tasks (the overdue among them) and both dates. Not
/// raised for the same file read again (same date), nor for a unit whose tasks are all
/// done (nothing new to say).
pub fn resent_unchanged(then: &RoundSnapshot, now: &Ledger) -> Vec<Problem> {
    let before: BTreeMap<(&str, u32), &SnapshotReport> = then
        .tasks
        .iter()
        .flat_map(|t| {
            t.reports
                .iter()
                .filter(|r| !r.superseded)
                .map(move |r| ((r.unit.as_str(), t.id), r))
        })
        .collect();
    if before.is_empty() {
        return Vec::new();
    }
    // Each unit's current reports of its own this round (not carried from a round).
    let mut by_unit: BTreeMap<&str, Vec<(u32, bool, &UnitReport)>> = BTreeMap::new();
    for t in &now.tasks {
        for r in t.current_reports().filter(|r| r.carried_from.is_none()) {
            by_unit
                .entry(r.unit.as_str())
                .or_default()
                .push((t.id, t.overdue, r));
        }
    }
    let mut out = Vec::new();
    for (unit, reports) in by_unit {
        let same = |r: &UnitReport, old: &SnapshotReport| {
            let text = r.progress.trim();
            !text.is_empty()
                && old.progress.trim() == text
                && old.status == r.status
                && r.filed_on.zip(old.filed_on).is_some_and(|(n, o)| n > o)
        };
        let all_same = reports
            .iter()
            .all(|(id, _, r)| before.get(&(unit, *id)).is_some_and(|old| same(r, old)));
        let unfinished: Vec<(u32, bool)> = reports
            .iter()
            .filter(|(_, _, r)| matches!(r.status, Status::InProgress | Status::NotStarted))
            .map(|(id, overdue, _)| (*id, *overdue))
            .collect();
        if !all_same || unfinished.is_empty() {
            continue;
        }
        // (Every report has a filing date and an earlier one, being the same.)
        let earlier = reports
            .iter()
            .filter_map(|(id, ..)| before.get(&(unit, *id))?.filed_on)
            .max();
        let (Some(filed), Some(earlier)) = (
            reports.iter().filter_map(|(_, _, r)| r.filed_on).max(),
            earlier,
        ) else {
            continue;
        };
        let list = |overdue_only: bool| {
            unfinished
                .iter()
                .filter(|(_, o)| *o || !overdue_only)
                .map(|(id, _)| id.to_string())
                .collect::<Vec<_>>()
                .join("、")
        };
        let (all, overdue) = (list(false), list(true));
        let unfinished = if overdue == all {
            format!("第{all}项已逾期仍未完成")
        } else if overdue.is_empty() {
            format!("第{all}项仍未完成")
        } else {
            format!("第{all}项仍未完成，其中第{overdue}项已逾期")
        };
        let day = crate::common::dates::render_date;
        out.push(Problem::new(
            Severity::Warning,
            Code::SameAsLastRound,
            &reports[0].2.source.file,
            format!(
                "{unit}{}报送的{}项任务进展，与其上期（{}）报送的逐字相同，{unfinished}。可能是把上期的报送表改了日期再次报送，请与该单位核实本期有无新进展。",
                day(filed),
                reports.len(),
                day(earlier),
            ),
        ));
    }
    out
}

/// The rounds' headlines in date order, the current one included, each date once.
pub fn history(earlier: &[RoundPoint], now: &Ledger) -> Vec<RoundPoint> {
    let mut by_date: BTreeMap<NaiveDate, RoundPoint> =
        earlier.iter().map(|p| (p.as_of, *p)).collect();
    by_date.insert(
        now.as_of,
        RoundPoint {
            as_of: now.as_of,
            completed: now.summary.completed,
            total: now.summary.total,
        },
    );
    by_date.into_values().collect()
}
