//! Step 4: per unit, what it owes, what it reported and what is missing.

use std::collections::BTreeSet;

use super::scope::Scope;
use crate::common::dates::render_date;
use crate::common::numerals::copies_word;
use crate::model::{
    Code, PlanInfo, Problem, Severity, Status, TaskEntry, ToVerify, UnitEntry, UnitReport,
};
use crate::plan::meta::Reporting;
use crate::plan::Plan;

/// What a unit owes in this round, and through whom its progress goes.
fn owes(plan: &Plan, unit: &str, tasks: &[TaskEntry], scope: &Scope) -> (Vec<u32>, Vec<String>) {
    let in_round = |id: u32| tasks.iter().any(|t| t.id == id);
    match scope {
        // A lead unit's round: it owes its part of every task of the round, and its
        // partners theirs on the tasks it gathers (it leads them, or is their only
        // responsible unit). Its fellow deciders (co-leads, co-responsible units) and
        // the bureau report to the bureau themselves: the lead does not chase them.
        Scope::Lead(lead) => {
            let expected: Vec<u32> = plan
                .tasks_of(unit)
                .iter()
                .filter(|(t, _)| {
                    unit == lead
                        || (t.gathered_by(lead)
                            && !t.deciders().iter().any(|d| d == unit)
                            && unit != plan.meta.collector)
                })
                .map(|(t, _)| t.id)
                .filter(|&id| in_round(id))
                .collect();
            let to = if unit != lead && !expected.is_empty() {
                vec![lead.clone()]
            } else {
                Vec::new()
            };
            (expected, to)
        }
        Scope::Bureau => match plan.meta.reporting {
            Reporting::Direct => (
                plan.tasks_of(unit).iter().map(|(t, _)| t.id).collect(),
                Vec::new(),
            ),
            // The chain: the bureau expects each task from its deciders (lead units,
            // else responsible units); the others report to the units that gather the
            // task, or to the bureau where none does (several responsible units and no
            // lead, a company deciding, the bureau's own task).
            Reporting::Lead => {
                let collector = &plan.meta.collector;
                let mut expected = Vec::new();
                let mut to: Vec<String> = Vec::new();
                for (t, _) in plan.tasks_of(unit) {
                    let decides = t.deciders().iter().any(|d| d == unit);
                    let through: Vec<&String> =
                        t.gatherers.iter().filter(|g| *g != collector).collect();
                    if decides || (through.is_empty() && unit != collector) {
                        expected.push(t.id);
                        continue;
                    }
                    for g in through {
                        if !to.contains(g) {
                            to.push(g.clone());
                        }
                    }
                }
                to.sort_by_key(|u| plan.units.order(u));
                (expected, to)
            }
        },
    }
}

/// One entry per unit that owes a report, reported, or reports through another unit,
/// in directory order.
pub(super) fn unit_entries(plan: &Plan, tasks: &[TaskEntry], scope: &Scope) -> Vec<UnitEntry> {
    let mut out = Vec::new();
    for u in plan.units.units() {
        let (mut expected, reports_to) = owes(plan, &u.name, tasks, scope);
        let mut reported = Vec::new();
        let mut files = BTreeSet::new();
        let mut last = None;
        let mut via: Vec<String> = Vec::new();
        let mut direct = false;
        for t in tasks {
            let mine: Vec<&UnitReport> = t.reports.iter().filter(|r| r.unit == u.name).collect();
            // A lead unit that sent its partners' rows on a task (a consolidation) has
            // reported the task, though no row is its own.
            let passed_on = || {
                t.reports
                    .iter()
                    .filter(|r| !r.superseded && r.via.as_deref() == Some(u.name.as_str()))
            };
            if mine.iter().any(|r| !r.superseded) || passed_on().next().is_some() {
                reported.push(t.id);
            }
            for r in passed_on() {
                files.insert(r.source.file.clone());
                last = last.max(r.filed_on);
            }
            for r in mine {
                files.insert(r.source.file.clone());
                last = last.max(r.filed_on);
                match &r.via {
                    Some(v) if !via.contains(v) => via.push(v.clone()),
                    Some(_) => {}
                    None => direct = true,
                }
            }
        }
        via.sort_by_key(|v| plan.units.order(v));
        // A task its deciders have completed needs nothing more from a unit that only
        // helps with it (a cooperating unit, a partner under a lead): owed no longer,
        // unless it reported on it (then it is owed and answered, as before).
        expected.retain(|id| {
            reported.contains(id) || !tasks.iter().any(|t| t.id == *id && settled(t, &u.name))
        });
        if expected.is_empty() && reported.is_empty() && reports_to.is_empty() {
            continue;
        }
        let missing = expected
            .iter()
            .copied()
            .filter(|id| !reported.contains(id))
            .collect();
        // The current reports it sent whose answer needs checking: its own rows in
        // files of its own, and the rows of others its consolidation carried (named).
        let to_verify = tasks
            .iter()
            .flat_map(|t| t.current_reports().map(move |r| (t, r)))
            .filter(|(_, r)| match &r.via {
                None => r.unit == u.name,
                Some(v) => *v == u.name,
            })
            // A helper's unclear words on a task its deciders completed change nothing.
            .filter(|(t, r)| !settled(t, &r.unit))
            .filter_map(|(t, r)| {
                let why = super::task_status::unclear_reason(r)?;
                let why = if r.unit == u.name {
                    why
                } else {
                    format!("{}{why}", r.unit)
                };
                Some(ToVerify { task: t.id, why })
            })
            .collect();
        let to_verify = with_own_conflicts(tasks, &u.name, to_verify);
        let to_verify = with_changed_reports(tasks, &u.name, to_verify);
        let to_verify = with_contradicted_leads(tasks, &u.name, plan.meta.as_of, to_verify);
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
            reports_to,
            via,
            direct,
            to_verify,
            late: Vec::new(),
            late_unnumbered: false,
        });
    }
    out
}

/// `t` is completed by its deciders and `unit` is not one of them: what `unit` says of
/// it, or has not said, is not asked about.
fn settled(t: &TaskEntry, unit: &str) -> bool {
    t.status == Status::Completed && !t.deciders().iter().any(|d| d == unit)
}

/// The collector (the bureau that runs the tool) owes progress on its own tasks like
/// anyone, but nobody chases it: what it has not filled in is a warning for its clerk.
pub(super) fn collector_warning(info: &PlanInfo, units: &[UnitEntry]) -> Option<Problem> {
    let me = units.iter().find(|u| u.name == info.collector)?;
    if me.missing.is_empty() {
        return None;
    }
    let ids: Vec<String> = me.missing.iter().map(u32::to_string).collect();
    Some(Problem::new(
        Severity::Warning,
        Code::CollectorMissing,
        "",
        format!(
            "{w}承担的第{}项任务尚未填写进展，报告中按未报送统计。请在报送前填写{w}的填报表后重新运行。",
            ids.join("、"),
            w = info.self_word
        ),
    ))
}

/// `to_verify` with the tasks on which `unit` sent two or more reports of its own that
/// disagree (the merge kept them all, unable to tell which stands): the unit is asked
/// which stands, each quoted where they part; and the tasks where rows of its consolidation gave
/// way to the units' own returns saying otherwise. Either replaces another reason on
/// the same task (a status that does not read): the report that stands answers both.
fn with_own_conflicts(tasks: &[TaskEntry], unit: &str, to_verify: Vec<ToVerify>) -> Vec<ToVerify> {
    let mut conflicts: Vec<ToVerify> = Vec::new();
    for t in tasks {
        let own: Vec<&UnitReport> = t
            .current_reports()
            .filter(|r| r.unit == unit && r.via.is_none())
            .collect();
        if own.len() < 2 || !t.units_in_conflict().contains(&unit) {
            continue;
        }
        let one_file = own.iter().all(|r| r.source.file == own[0].source.file);
        let texts: Vec<&str> = own.iter().map(|r| r.progress.trim()).collect();
        let quoted = differing_excerpts(&texts);
        let said = if quoted.len() == 2 {
            format!("一份为“{}”，另一份为“{}”", quoted[0], quoted[1])
        } else {
            let q: Vec<String> = quoted.iter().map(|q| format!("“{q}”")).collect();
            format!("分别为{}", q.join("、"))
        };
        let copies = copies_word(own.len());
        let why = if one_file {
            format!(
                "你单位报送的材料中该项有{copies}条进展，内容不一致（{said}），请确认以哪一条为准"
            )
        } else {
            format!("你单位报送的{copies}份材料中该项进展不一致（{said}），请确认以哪一份为准")
        };
        conflicts.push(ToVerify { task: t.id, why });
    }
    // Its consolidation's rows that gave way to a unit's own return saying otherwise.
    for t in tasks {
        let units: Vec<&str> = t
            .reports
            .iter()
            .filter(|r| r.gave_way && r.via.as_deref() == Some(unit))
            .map(|r| r.unit.as_str())
            .collect();
        if units.is_empty() {
            continue;
        }
        let why = format!(
            "你单位汇总表中{}的进展与其自行报送的不一致，请核实并更正汇总表",
            units.join("、")
        );
        ask_also(&mut conflicts, t.id, why);
    }
    if conflicts.is_empty() {
        return to_verify;
    }
    let mut out: Vec<ToVerify> = to_verify
        .into_iter()
        .filter(|v| !conflicts.iter().any(|c| c.task == v.task))
        .collect();
    out.extend(conflicts);
    out.sort_by_key(|v| v.task);
    out
}

/// The most characters of each text a notice quotes of a unit's disagreeing reports:
/// whole clauses up to it, a longer first clause cut.
const QUOTED_CHARS: usize = 60;

/// Excerpts of texts that disagree: of each, the clauses (split at ， 。 ；) no other text
/// has, whole, up to [`QUOTED_CHARS`] (今年以来检查餐饮店3200余家次，…立案查处违法排放行为
/// 37起 beside 今年以来查处餐饮店违法行为46起), marked … where clauses are left out before
/// or after. A clause longer than that is cut, never inside a number (not 检查餐饮店32…).
fn differing_excerpts(texts: &[&str]) -> Vec<String> {
    let all: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| crate::common::text::clauses(t).collect())
        .collect();
    all.iter()
        .enumerate()
        .map(|(i, own)| {
            let differs = |c: &&str| {
                !all.iter()
                    .enumerate()
                    .any(|(j, other)| j != i && other.contains(c))
            };
            let first = own.iter().position(differs).unwrap_or(0);
            let mut quote = String::new();
            let mut last = first;
            for (k, c) in own.iter().enumerate().skip(first) {
                let n = quote.chars().count() + c.chars().count();
                if !quote.is_empty() && n > QUOTED_CHARS {
                    break;
                }
                if !quote.is_empty() {
                    quote.push('，');
                }
                quote.push_str(c);
                last = k;
            }
            let mut quote = cut_outside_numbers(&quote, QUOTED_CHARS);
            if first > 0 {
                quote.insert(0, '…');
            }
            if last + 1 < own.len() && !quote.ends_with('…') {
                quote.push('…');
            }
            quote
        })
        .collect()
}

/// `text` cut to `max` characters and marked …, moved back before a number it would
/// split (检查餐饮店3200余家次 cut at 12 reads 检查餐饮店…, not 检查餐饮店32…).
fn cut_outside_numbers(text: &str, max: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max {
        return text.to_string();
    }
    let digit = |c: char| c.is_ascii_digit() || c == '.';
    let mut at = max;
    while at > 0 && digit(chars[at]) && digit(chars[at - 1]) {
        at -= 1;
    }
    let kept: String = chars[..at].iter().collect();
    format!("{}…", kept.trim_end_matches(['，', ',', '、']))
}

/// `unit`'s own reports on a task when it filed more than once: its one current report
/// with a filing date, and its earlier ones (superseded, filed before it), in the
/// ledger's order. `None` when it has no such pair.
fn own_history<'t>(t: &'t TaskEntry, unit: &str) -> Option<(&'t UnitReport, Vec<&'t UnitReport>)> {
    let own = |r: &&UnitReport| r.unit == unit && r.via.is_none() && r.filed_on.is_some();
    let mut current = t.current_reports().filter(own);
    let (Some(now), None) = (current.next(), current.next()) else {
        return None;
    };
    let earlier: Vec<&UnitReport> = t
        .reports
        .iter()
        .filter(|r| r.superseded && own(r) && r.filed_on < now.filed_on)
        .collect();
    (!earlier.is_empty()).then_some((now, earlier))
}

/// `to_verify` with what changed between `unit`'s own reports on a task, as the merge's
/// warnings say:
/// - its latest says less than an earlier one (12月4日 已完成, 12月7日 正在推进:
///   `stepped_back`): it is asked to explain, both dates named; not where the task is
///   already asked about;
/// - a count of work done is smaller in its latest (已清掏化粪池560座, then 已清掏356座:
///   `figure_fell`): it is asked to check the figures, both named; added to the task's
///   other reason when it has one.
fn with_changed_reports(
    tasks: &[TaskEntry],
    unit: &str,
    mut to_verify: Vec<ToVerify>,
) -> Vec<ToVerify> {
    let before = to_verify.len();
    let day = |r: &UnitReport| r.filed_on.map(render_date).unwrap_or_default();
    for t in tasks {
        let Some((now, earlier)) = own_history(t, unit) else {
            continue;
        };
        let asked = to_verify.iter().any(|v| v.task == t.id);
        let then = earlier
            .iter()
            .filter(|r| matches!(r.status, Status::Completed | Status::NotApplicable))
            .max_by_key(|r| r.filed_on);
        if let Some(then) =
            then.filter(|then| !asked && then.status.advancement() > now.status.advancement())
        {
            to_verify.push(ToVerify {
                task: t.id,
                why: format!(
                    "你单位{}曾报“{}”，{}改报“{}”，请说明情况",
                    day(then),
                    then.status.label(),
                    day(now),
                    now.status.label()
                ),
            });
        }
        let mut newest_first = earlier;
        newest_first.sort_by_key(|r| std::cmp::Reverse(r.filed_on));
        if let Some(fell) = super::versions::fallen_figure(now, newest_first.into_iter()) {
            let why = format!(
                "你单位{}报送的已{}数量为{}{w}，{}报送的为{}{w}，请说明两个数字的统计口径，或更正有误的数字",
                day(fell.earlier),
                fell.verb,
                super::versions::figure(fell.then),
                day(now),
                super::versions::figure(fell.now),
                w = fell.word,
            );
            ask_also(&mut to_verify, t.id, why);
        }
    }
    if to_verify.len() > before {
        to_verify.sort_by_key(|v| v.task);
    }
    to_verify
}

/// Asks about `task` for `why` too: after the reason it already has (；另外，…), or as a
/// new item.
fn ask_also(to_verify: &mut Vec<ToVerify>, task: u32, why: String) {
    match to_verify.iter_mut().find(|v| v.task == task) {
        Some(v) => {
            v.why.push_str("；另外，");
            v.why.push_str(&why);
        }
        None => to_verify.push(ToVerify { task, why }),
    }
}

/// `to_verify` with the tasks `unit` leads and reported 已完成 while a responsible unit
/// under it reports the work still going on (the task is 待核实 for that): the lead is
/// asked to reconcile them (你单位报“已完成”，宝峰镇报“正在推进”), in task order.
fn with_contradicted_leads(
    tasks: &[TaskEntry],
    unit: &str,
    as_of: chrono::NaiveDate,
    mut to_verify: Vec<ToVerify>,
) -> Vec<ToVerify> {
    use crate::model::Status;
    for t in tasks
        .iter()
        .filter(|t| t.status == Status::Unclear && t.lead.iter().any(|l| l == unit))
    {
        if to_verify.iter().any(|v| v.task == t.id)
            || !t
                .current_reports()
                .any(|r| r.unit == unit && r.counted_status(as_of) == Status::Completed)
        {
            continue;
        }
        let behind = super::task_status::behind_the_lead(t.current_reports(), &t.lead, as_of);
        if !behind.is_empty() {
            to_verify.push(ToVerify {
                task: t.id,
                why: format!(
                    "你单位报“{}”，但{}",
                    Status::Completed.label(),
                    behind.join("，")
                ),
            });
        }
    }
    to_verify.sort_by_key(|v| v.task);
    to_verify
}

/// The warnings of task rows a unit answered with a mark alone (/, 无, —) on tasks it
/// owes and has not reported otherwise, one per sheet: they count as not reported, and
/// the unit is told how to say 不涉及 (adv51 a 3: passed over without a word, and the
/// unit reminded of tasks it had answered).
pub(super) fn marked_unfilled(
    skips: &[crate::model::Skip],
    files: &[crate::model::FileEntry],
    units: &[UnitEntry],
    problems: &[Problem],
) -> Vec<Problem> {
    use std::collections::BTreeMap;
    let mut by_sheet: BTreeMap<(&str, &str), (u32, &str, Vec<u32>)> = BTreeMap::new();
    for s in skips {
        let Some(id) = s.marked_task else { continue };
        // A file told already that it filled in nothing (second review c 10).
        if problems
            .iter()
            .any(|p| p.code == Code::NothingFilled && p.file == s.file)
        {
            continue;
        }
        let Some(unit) = files
            .iter()
            .find(|f| f.file == s.file)
            .and_then(|f| f.unit.as_deref())
        else {
            continue;
        };
        if !units
            .iter()
            .any(|u| u.name == unit && u.missing.contains(&id))
        {
            continue;
        }
        let entry = by_sheet
            .entry((&s.file, &s.sheet))
            .or_insert((s.row, unit, Vec::new()));
        if !entry.2.contains(&id) {
            entry.2.push(id);
        }
    }
    by_sheet
        .into_iter()
        .map(|((file, sheet), (row, unit, ids))| {
            let ids: Vec<String> = ids.iter().map(u32::to_string).collect();
            Problem::new(
                Severity::Warning,
                Code::NothingFilled,
                file,
                format!(
                    "第{}项只填写了“/”“无”等符号，没有进展情况，按未报送统计。如这些任务不涉及{unit}，请在完成状态栏填写“不涉及”；否则请填写进展情况后重新报送。",
                    ids.join("、")
                ),
            )
            .at(Some(sheet), Some(row))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disagreeing_texts_are_quoted_by_the_clauses_they_differ_in() {
        let a = "开展餐饮油污直排专项整治，今年以来检查餐饮店3200余家次，督促安装油水分离装置426套，立案查处违法排放行为37起。";
        let b = "开展餐饮油污直排专项整治，今年以来查处餐饮店违法行为46起。";
        assert_eq!(
            differing_excerpts(&[a, b]),
            [
                "…今年以来检查餐饮店3200余家次，督促安装油水分离装置426套，立案查处违法排放行为37起",
                "…今年以来查处餐饮店违法行为46起",
            ]
        );
        // Wholly different short texts: whole.
        assert_eq!(
            differing_excerpts(&["已印发绩效评价办法。", "已印发专项资金管理办法。"]),
            ["已印发绩效评价办法", "已印发专项资金管理办法"]
        );
    }

    #[test]
    fn a_long_clause_is_cut_before_a_number() {
        assert_eq!(
            cut_outside_numbers("检查餐饮店3200余家次", 7),
            "检查餐饮店…"
        );
        assert_eq!(
            cut_outside_numbers("检查餐饮店3200余家次", 9),
            "检查餐饮店3200…"
        );
        assert_eq!(cut_outside_numbers("检查餐饮店", 9), "检查餐饮店");
    }
}
