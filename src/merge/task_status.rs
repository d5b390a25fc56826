//! A task's status from the current reports of the units that decide it, with the
//! breakdown kept (docs/ledger.md, "How a task's status is decided"; the same rule in
//! Chinese is in the workbook's 说明 sheet).
//!
//! The deciders are the task's lead units, or where the table names none, its
//! responsible units. Each decider's answer is its current report's status (the least
//! advanced when several conflict; 待核实 when its status contradicts its own text).
//! Cooperating and unassigned units never decide. In a lead unit's round (`--as`) a
//! co-lead decides only if it answered through the lead unit (it reports to the bureau
//! itself and is not waited for); on a task the lead unit shares as one of several
//! responsible units, it decides its own part alone. Then:
//!
//! - 未报送 (unreported): no decider answered; also when the only answers are 不涉及
//!   while other deciders are still to answer (不涉及 says nothing of progress);
//! - 不涉及 (not applicable): every decider answered 不涉及, one of them the round's
//!   writer (its own answer);
//! - 待核实 (unclear): some decider's answer is unclear or doubtful; or every decider
//!   answered 不涉及, none of them the writer (the plan gave them the task); or the deciders
//!   say 已完成 while a responsible unit under the lead reports 正在推进 or 未启动
//!   (the lead's word and the unit's need reconciling); a lead's own 已完成 over a
//!   town its consolidation lists as 正在推进 or 未启动 is that lead's 正在推进, and so
//!   is its 长期坚持 over a town 未启动 (or 正在推进 on a task with a date);
//! - 已完成 (completed): every decider answered, each 已完成 or 不涉及;
//! - 长期坚持 (ongoing): every decider answered, each 已完成, 长期坚持 or 不涉及;
//! - 未启动 (not started): every decider that answered (不涉及 aside) has not started;
//! - 已报完成待确认 (confirming): every decider that answered (不涉及 aside) has
//!   completed, and others have not answered yet; or no decider has answered and the
//!   cooperating units that did all report 已完成;
//! - 正在推进 (in progress): any other mix.
//!
//! A report of 已完成 whose completion date is after the as-of date counts as 正在推进
//! in that round (the ledger keeps what the unit wrote); not one written as a month
//! without a day that holds the as-of date (2020年12月 at 12月10日).
//!
//! Overdue: the due date is before the as-of date and the task is not completed nor
//! reported completed by everyone who answered (confirming: late only if the others'
//! answers say so, and the report lists it apart, as waiting on them); a
//! task whose deadline goes on (…并长期坚持) and is reported ongoing is not overdue for
//! that alone, and a task with no due date never is.

use chrono::NaiveDate;

use crate::ingest::is_no_answer;
use crate::model::{Breakdown, Status, UnitReport};
use crate::plan::task::Role;
use crate::plan::Task;

/// What the deciders' answers make of a task.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub status: Status,
    pub breakdown: Breakdown,
    /// Deciders that have not answered, in the table's order.
    pub awaiting: Vec<String>,
    /// Units without a deciding role that reported.
    pub reported_by_others: Vec<String>,
    /// One clause per doubtful decider's report.
    pub doubts: Vec<String>,
}

/// The reason a task every decider answered 不涉及 is 待核实, after the deciders.
pub const ALL_NOT_APPLICABLE: &str = "均报送“不涉及”，与《整改方案》的分工不符";

/// Decide a task from its current (not superseded, assigned) reports at `as_of`: the
/// answers of `deciders` (the task's [`Task::deciders`], in the bureau's round);
/// `collector`: the bureau, whose own silence its helpers' word does not answer;
/// `writer`: the round's writer (the lead unit in its round, else the collector);
/// `partners`: the task's responsible units that do not decide it (the towns under its
/// lead), whose rows a lead's consolidation carries.
///
/// `never_due`: the task is kept up with no date to be done by (完成时限 长期坚持): a
/// 已完成 on it is the year's work done, counted 长期坚持 (adv52 a6). `noun`: what the
/// deciders are called, counted (4个责任单位均报送“不涉及”).
pub fn decide(
    deciders: &[String],
    current: &[&UnitReport],
    as_of: NaiveDate,
    (collector, writer): (&str, &str),
    partners: &[String],
    never_due: bool,
    noun: &str,
) -> Decision {
    let mut breakdown = Breakdown {
        deciders: deciders.len() as u32,
        ..Breakdown::default()
    };
    let mut awaiting = Vec::new();
    let mut doubts = Vec::new();
    let mut answers = Vec::new();
    // A decider answered with its towns' rows alone, some towns not among them: what
    // they say is done waits for the rest (已报完成待确认).
    let mut partly_heard = false;
    // A 已完成 on a task that never falls due is the year's work, the task kept up.
    let kept_up = |s: Status| {
        if never_due && s == Status::Completed {
            Status::Ongoing
        } else {
            s
        }
    };
    // The writer's own report its text doubts (a lead's round, the bureau's own task):
    // counted as it wrote it, not a doubt for its own report to raise with itself
    // (second review d 4: 我局报送“正在推进”，但进展情况写明“已全部完成”，需与责任单位核
    // 实); its clerk is told at the row (`tasks::own_doubts_told`).
    let as_written = |r: &UnitReport| {
        if r.unit == writer && r.doubt.is_some() {
            UnitReport {
                doubt: None,
                ..r.clone()
            }
            .counted_status(as_of)
        } else {
            r.counted_status(as_of)
        }
    };
    let counted = |r: &UnitReport| kept_up(as_written(r));
    // The tally keeps a decider's 已完成 on a task that never falls due as its word: the
    // report counts it 长期坚持 for the task, and says what each unit answered (adv53 b 2:
    // （2个牵头单位均长期坚持） over 区经济信息委's 已完成).
    let in_the_tally = |answer: Status, rows: &[&&UnitReport]| {
        if answer == Status::Ongoing
            && never_due
            && rows.iter().all(|r| as_written(r) == Status::Completed)
        {
            Status::Completed
        } else {
            answer
        }
    };
    let why = |r: &UnitReport| {
        (r.unit != writer || r.doubt.is_none())
            .then(|| why_unclear(r))
            .flatten()
    };
    for d in deciders {
        let mine: Vec<&&UnitReport> = current.iter().filter(|r| &r.unit == d).collect();
        // The responsible units' rows a lead unit's consolidation carried (a sheet per
        // town, a row per town under its own). A helper's row carried (a cooperating
        // unit's) is no answer.
        let carried: Vec<&&UnitReport> = current
            .iter()
            .filter(|r| r.carried_for(d) && !deciders.contains(&r.unit))
            .collect();
        let town_behind = carried.iter().any(|r| {
            matches!(
                r.counted_status(as_of),
                Status::InProgress | Status::NotStarted
            )
        });
        // A town it lists that has not started, or on a task with a date to be done by
        // one still at work, under the lead's own 长期坚持: the task is not kept up
        // everywhere yet (adv58 b 2: 区住房城乡建委 长期坚持 over 大安街道 未启动 was told
        // 均在持续推进).
        let town_not_keeping_up = carried.iter().any(|r| match r.counted_status(as_of) {
            Status::NotStarted => true,
            Status::InProgress => !never_due,
            _ => false,
        });
        let tallied = if mine.is_empty() { &carried } else { &mine };
        let answer = match mine
            .iter()
            .map(|r| counted(r))
            .min_by_key(|s| s.advancement())
        {
            // 已完成 for its own part, while a town it lists is still at work: the lead
            // itself says the task goes on (nothing to reconcile, as with a town's own
            // return saying so).
            Some(Status::Completed) if town_behind => {
                doubts.extend(mine.iter().filter_map(|r| why(r)));
                Status::InProgress
            }
            Some(Status::Ongoing) if town_not_keeping_up => {
                doubts.extend(mine.iter().filter_map(|r| why(r)));
                Status::InProgress
            }
            Some(answer) => {
                doubts.extend(mine.iter().filter_map(|r| why(r)));
                answer
            }
            // No row of its own (a sheet per town): it answered with its towns'.
            None if !carried.is_empty() => {
                doubts.extend(carried.iter().filter_map(|r| why_unclear(r)));
                let statuses: Vec<Status> = carried.iter().map(|r| counted(r)).collect();
                let all_heard = partners
                    .iter()
                    .all(|p| current.iter().any(|r| &r.unit == p));
                match rule(&statuses, all_heard) {
                    Status::Confirming => {
                        partly_heard = true;
                        Status::Completed
                    }
                    answer => answer,
                }
            }
            None => {
                awaiting.push(d.clone());
                breakdown.add(Status::Unreported);
                continue;
            }
        };
        breakdown.add(in_the_tally(answer, tallied));
        answers.push(answer);
    }
    let mut reported_by_others: Vec<String> = Vec::new();
    for r in current {
        // 不涉及 is no progress to cite, nor is a unit's with no role on the task.
        if !deciders.contains(&r.unit)
            && r.status != Status::NotApplicable
            && r.role != Role::Unassigned
            && !reported_by_others.contains(&r.unit)
        {
            reported_by_others.push(r.unit.clone());
        }
    }
    let mut status = rule(&answers, awaiting.is_empty() && !partly_heard);
    // Every decider answered 不涉及, none of them the round's writer: the plan gave
    // them the task, so the answers contradict it and are checked, the task still held
    // to its deadline (adv54 b 2: 双石污水处理厂溢流问题整改 was told 不涉及 on its two
    // responsible units' word, and left out of the overdue list). A sole decider's
    // 不涉及 is doubted on its report already; the writer's own answer is its own.
    if status == Status::NotApplicable && !deciders.iter().any(|d| d == writer) {
        let who = if deciders.len() <= 3 {
            deciders.join("、")
        } else {
            format!("{}个{noun}", deciders.len())
        };
        doubts.push(format!("{who}{ALL_NOT_APPLICABLE}"));
        status = Status::Unclear;
    }
    // No decider has answered, but the cooperating units that did all report the work
    // done (区城市管理局: 渗漏液应急收集池已于9月28日通过验收, while the responsible
    // company is silent): reported done, to be confirmed, not a silence late. Not
    // the bureau's own task: its partners' 已完成 (their part) does not answer for it
    // (adv46/47 b: 水污染防治规划编制 was 已报完成待确认 on 区水利局's word).
    if status == Status::Unreported
        && answers.is_empty()
        && !deciders.iter().any(|d| d == collector)
    {
        let partners: Vec<Status> = current
            .iter()
            .filter(|r| r.role == Role::Cooperating)
            .map(|r| counted(r))
            .filter(|s| *s != Status::NotApplicable)
            .collect();
        if !partners.is_empty() && partners.iter().all(|s| *s == Status::Completed) {
            status = Status::Confirming;
        }
    }
    // 已完成 from the lead while a responsible unit under it says the work goes on: the
    // two need reconciling.
    if status == Status::Completed {
        let behind = behind_the_lead(current.iter().copied(), deciders, as_of);
        if !behind.is_empty() && deciders.iter().all(|d| d == writer) {
            // The writer's own 已完成 while its partners say the work goes on (a lead's
            // round, or the bureau's own task): not a doubt for it to check with itself
            // in its own report (adv51 b 4: 我委报“已完成”，宝峰镇报“正在推进”，需与责任
            // 单位核实); the task is under way until they finish.
            status = Status::InProgress;
        } else if !behind.is_empty() {
            doubts.push(format!(
                "{}报“{}”，{}",
                deciders.join("、"),
                Status::Completed.label(),
                behind.join("，")
            ));
            status = Status::Unclear;
        }
    }
    Decision {
        status,
        breakdown,
        awaiting,
        reported_by_others,
        doubts,
    }
}

/// The responsible units under a task's lead (`deciders`) whose current report says the
/// work still goes on or has not started, as 宝峰镇报“正在推进” (units saying the same
/// together: 何埂镇、宝峰镇报“正在推进”): what contradicts a lead's 已完成.
pub(super) fn behind_the_lead<'r>(
    current: impl Iterator<Item = &'r UnitReport>,
    deciders: &[String],
    as_of: NaiveDate,
) -> Vec<String> {
    // Units saying the same, together: 何埂镇、宝峰镇报“正在推进”.
    let mut said: Vec<(Status, Vec<&str>)> = Vec::new();
    for r in current.filter(|r| r.role == Role::Responsible && !deciders.contains(&r.unit)) {
        let s = r.counted_status(as_of);
        if !matches!(s, Status::InProgress | Status::NotStarted) {
            continue;
        }
        match said.iter_mut().find(|(x, _)| *x == s) {
            Some((_, units)) if !units.contains(&r.unit.as_str()) => units.push(&r.unit),
            Some(_) => {}
            None => said.push((s, vec![&r.unit])),
        }
    }
    said.into_iter()
        .map(|(s, units)| format!("{}报“{}”", units.join("、"), s.label()))
        .collect()
}

/// Why a report counts as 待核实, if it does, the unit named first, as the report tells
/// it: a bare 否 is 报未完成，未写明具体进展 (what it answered, then what is missing).
fn why_unclear(r: &UnitReport) -> Option<String> {
    let why = if let Some(written) = bare_answer(r) {
        crate::model::status::answered_without_progress(&written)
    } else {
        unclear_reason(r)?
    };
    Some(format!("{}{why}", r.unit))
}

/// The status cell of a 待核实 report that holds only a yes/no answer (否, 是) with no
/// progress text: the form's column answered, the progress left out.
pub fn bare_answer(r: &UnitReport) -> Option<String> {
    let written = crate::common::text::one_line(&r.status_text);
    (r.doubt.is_none()
        && r.status == Status::Unclear
        && is_no_answer(&written)
        && r.progress.trim().is_empty())
    .then_some(written)
}

/// Why a report counts as 待核实, if it does: its status contradicts its text, or no
/// status could be read from what the unit wrote (未写明完成情况; 只填写“否”，未写明进展).
pub fn unclear_reason(r: &UnitReport) -> Option<String> {
    if let Some(why) = &r.doubt {
        return Some(why.clone());
    }
    if r.status != Status::Unclear {
        return None;
    }
    let written = crate::common::text::one_line(&r.status_text);
    Some(if written.is_empty() {
        "未写明完成情况".to_string()
    } else if let Some(written) = bare_answer(r) {
        format!("只填写“{written}”，未写明进展")
    } else {
        format!(
            "报送的完成情况“{}”无法判断",
            crate::common::text::excerpt(&written, 16)
        )
    })
}

/// The rule of the module docs, on the deciders' answers.
fn rule(answers: &[Status], all_answered: bool) -> Status {
    use Status::*;
    let progress: Vec<Status> = answers
        .iter()
        .copied()
        .filter(|s| *s != NotApplicable)
        .collect();
    if answers.is_empty() {
        return Unreported;
    }
    if answers.contains(&Unclear) {
        return Unclear;
    }
    if progress.is_empty() {
        return if all_answered {
            NotApplicable
        } else {
            Unreported
        };
    }
    let all = |set: &[Status]| progress.iter().all(|s| set.contains(s));
    if all(&[Completed]) {
        if all_answered {
            Completed
        } else {
            Confirming
        }
    } else if all(&[Completed, Ongoing]) {
        // Some ongoing, the rest done, some deciders silent: ongoing by every account
        // in (正在推进 would be a word nobody reported); the silent ones are chased.
        Ongoing
    } else if all(&[NotStarted]) {
        NotStarted
    } else {
        InProgress
    }
}

pub fn is_overdue(task: &Task, status: Status, as_of: NaiveDate) -> bool {
    // 不涉及: nothing was owed, so nothing is late.
    if !task.deadline.is_past(as_of)
        || matches!(
            status,
            Status::Completed | Status::Confirming | Status::NotApplicable
        )
    {
        return false;
    }
    !(task.deadline.ongoing && status == Status::Ongoing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn the_rule_on_answers() {
        // Nobody answered.
        assert_eq!(rule(&[], false), Unreported);
        // Every decider completed, or completed where the task concerns it.
        assert_eq!(rule(&[Completed, Completed], true), Completed);
        assert_eq!(rule(&[Completed, NotApplicable], true), Completed);
        // Some completed, others still to answer: done by all accounts in, to be
        // confirmed; 不涉及 beside them changes nothing.
        assert_eq!(rule(&[Completed, Completed], false), Confirming);
        assert_eq!(rule(&[Completed, NotApplicable], false), Confirming);
        // Two towns completed, one not started (20 to answer): a mix.
        assert_eq!(rule(&[Completed, Completed, NotStarted], false), InProgress);
        // Every answer not started (others still to answer): not started.
        assert_eq!(rule(&[NotStarted, NotApplicable], false), NotStarted);
        // Long-term work kept up by everyone.
        assert_eq!(rule(&[Ongoing, Completed], true), Ongoing);
        // Kept up by every decider that answered, others silent: ongoing by every
        // account in (the silent ones are chased), not a 正在推进 nobody reported.
        assert_eq!(rule(&[Ongoing], false), Ongoing);
        assert_eq!(rule(&[Ongoing, Completed], false), Ongoing);
        assert_eq!(rule(&[Ongoing, InProgress], false), InProgress);
        // 不涉及 alone.
        assert_eq!(rule(&[NotApplicable, NotApplicable], true), NotApplicable);
        assert_eq!(rule(&[NotApplicable], false), Unreported);
        // A doubt wins over everything else.
        assert_eq!(rule(&[Completed, Unclear], true), Unclear);
    }
}
