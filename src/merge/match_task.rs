//! Tie a record to a task of the plan: by 序号, checked against the measure text when the
//! row has one; by the measure text alone when the number is missing, unknown or
//! contradicted (units renumber their own subset 1..n). Only a clear winner is accepted.

use crate::common::text::excerpt;
use crate::ingest::record::Record;
use crate::ingest::similarity::{
    best_match, match_score, normalise_for_match, same_task, MatchOutcome,
};
use crate::ingest::values::{chinese_task_id, parse_task_id};
use crate::model::MatchedBy;
use crate::model::{Code, Problem, Severity};
use crate::plan::{Plan, Role};

/// The outcome for one record.
pub enum TaskMatch {
    /// Tied to a task, perhaps with a warning to check.
    Found {
        id: u32,
        by: MatchedBy,
        warning: Option<Problem>,
    },
    /// Not tied: the record goes to the unplaced list with this problem.
    Missing(Problem),
}

/// Whether the row has measure text enough to be matched by (four characters or more).
pub(super) fn has_measure_text(rec: &Record) -> bool {
    rec.measure_text
        .chars()
        .filter(|c| !c.is_whitespace())
        .count()
        >= 4
}

fn problem(rec: &Record, severity: Severity, code: Code, message: String) -> Problem {
    Problem::new(severity, code, &rec.source.file, message)
        .at(Some(&rec.source.sheet), Some(rec.source.row))
}

/// Tie `rec` to a task of the plan (`candidates`: every task's number and measure).
///
/// `above`: the task of the row right above on the record's sheet. A row without 序号
/// whose text fits that task and another as well (制定整改措施，解决污水溢流问题 under task
/// 38's row, as alike task 37's) is that task's second row (adv53 a 2: refused as
/// undecided).
pub fn match_task(
    rec: &Record,
    plan: &Plan,
    candidates: &[(u32, &str)],
    above: Option<u32>,
) -> TaskMatch {
    let has_text = has_measure_text(rec);
    let by_text = || best_match(&rec.measure_text, candidates);
    match rec.id.and_then(|id| plan.task(id)) {
        Some(task) => {
            // Copied verbatim (the usual case) needs no similarity.
            let verbatim = rec.measure_text.trim() == task.measure.trim();
            if !has_text
                || verbatim
                || same_task(&rec.measure_text, &task.measure)
                || named_task(rec, plan) == Some(task.id)
                || words_of(&rec.measure_text, task)
            {
                return TaskMatch::Found {
                    id: task.id,
                    by: MatchedBy::Id,
                    warning: None,
                };
            }
            // The number and the text disagree: trust a clear text match.
            match by_text() {
                MatchOutcome::Clear { id, .. } if id != task.id => TaskMatch::Found {
                    id,
                    by: MatchedBy::Text,
                    warning: Some(problem(
                        rec,
                        Severity::Warning,
                        Code::TaskTextMismatch,
                        format!(
                            "序号“{}”与举措内容不符（可能是本单位自行编号），已按内容对应到第{id}项。请核实。",
                            rec.id_text
                        ),
                    )),
                },
                MatchOutcome::Clear { id, .. } => TaskMatch::Found {
                    id,
                    by: MatchedBy::Id,
                    warning: None,
                },
                _ => TaskMatch::Found {
                    id: task.id,
                    by: MatchedBy::Id,
                    warning: Some(problem(
                        rec,
                        Severity::Warning,
                        Code::TaskTextMismatch,
                        format!(
                            "举措内容“{}”与第{}项不完全一致，已按序号计入。请核实序号是否正确。",
                            excerpt(&rec.measure_text, 20),
                            task.id
                        ),
                    )),
                },
            }
        }
        None => {
            let id_desc = if rec.id_text.is_empty() {
                "没有序号".to_string()
            } else if rec.id.is_some() {
                format!(
                    "序号“{}”不在整改任务分解表中（共{}项）",
                    rec.id_text,
                    plan.tasks.len()
                )
            } else {
                format!("序号“{}”无法识别", excerpt(&rec.id_text, 12))
            };
            by_text_alone(
                rec,
                rec.unit.as_deref(),
                plan,
                candidates,
                id_desc,
                (!rec.id_text.trim().is_empty(), above),
            )
        }
    }
}

/// Tie a record by its text alone (no 序号, one the plan does not have, or a sheet's own
/// numbering): the plan's 简称 or 第N项 named, a Chinese numeral with no text, a short name
/// found in one task only, the unit's own task closest to it, or a clear best measure.
/// `id_desc` opens the problems (what the 序号 was); `numbered`: the row has a 序号 that
/// did not read, so it is no row without one (1.2, an item of another task); `above`:
/// the task of the row right above on the sheet, which a text fitting it and others as
/// well is tied to.
pub(super) fn by_text_alone(
    rec: &Record,
    unit: Option<&str>,
    plan: &Plan,
    candidates: &[(u32, &str)],
    id_desc: String,
    (numbered, above): (bool, Option<u32>),
) -> TaskMatch {
    let has_text = has_measure_text(rec);
    // A 序号 the plan does not have, or none that reads.
    let not_found = if rec.id.is_some() {
        Code::TaskUnknown
    } else {
        Code::TaskUnmatched
    };
    // The plan's own 简称 (the name the tool prints in its documents), or 第23项
    // opening the text: the task it names.
    if let Some(id) = named_task(rec, plan) {
        return TaskMatch::Found {
            id,
            by: MatchedBy::Text,
            warning: None,
        };
    }
    if !has_text {
        // 十二 alone in the 序号 column of a row with no measure text: the task
        // number in Chinese numerals (category rows never carry progress).
        if let Some(task) = chinese_task_id(&rec.id_text).and_then(|n| plan.task(n)) {
            return TaskMatch::Found {
                id: task.id,
                by: MatchedBy::Id,
                warning: Some(problem(
                    rec,
                    Severity::Warning,
                    Code::TaskMatchedByNumeral,
                    format!(
                        "序号“{}”为中文数字，已按第{}项（{}）计入。请核实。",
                        rec.id_text.trim(),
                        task.id,
                        excerpt(&task.measure, 16)
                    ),
                )),
            };
        }
        // A word or two (饮用水, 黑臭): the unit's one task whose measure or name holds
        // it (adv54 a 6: told as no text at all).
        let word: String = rec
            .measure_text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if word.is_empty() {
            return TaskMatch::Missing(problem(
                rec,
                Severity::Error,
                not_found,
                format!(
                    "{id_desc}，也没有举措内容可供对应，此行未计入汇总。请按整改任务分解表填写序号。"
                ),
            ));
        }
        let own_holding = |unit: &str| {
            if word.chars().count() < 2 {
                return None;
            }
            let mut hits = plan.tasks.iter().filter(|t| {
                plan.role_of(t, unit) != Role::Unassigned
                    && (t.measure.contains(&word) || t.short_name.contains(&word))
            });
            match (hits.next(), hits.next()) {
                (Some(t), None) => Some(t.id),
                _ => None,
            }
        };
        if let Some(id) = unit.filter(|_| !numbered).and_then(own_holding) {
            return found_by_text(
                rec,
                id,
                format!(
                    "{id_desc}，“{word}”只见于本单位承担的第{id}项的举措，已按第{id}项计入。请核实。"
                ),
            );
        }
        return TaskMatch::Missing(problem(
            rec,
            Severity::Error,
            not_found,
            format!(
                "{id_desc}，举措内容“{word}”过短，无法确定是哪项任务，此行未计入汇总。请按整改任务分解表填写序号。"
            ),
        ));
    }
    let outcome = best_match(&rec.measure_text, candidates);
    // A short name of the unit's own, found in one task's measure only.
    let unmatched = matches!(outcome, MatchOutcome::NoMatch { .. });
    if let Some(id) = unmatched
        .then(|| contained_in_one(rec, plan, candidates))
        .flatten()
    {
        return found_by_text(
            rec,
            id,
            format!(
                "{id_desc}，“{}”只见于第{id}项的举措，已按第{id}项计入。请核实。",
                excerpt(rec.measure_text.trim().trim_matches(['“', '”', '"']), 20)
            ),
        );
    }
    // No task of the plan stands out, but one of the unit's own does (its own
    // short name for it: 餐厨垃圾收运监管 for 餐厨垃圾清运长效监管机制).
    if let Some(id) = unit
        .filter(|_| !numbered)
        .and_then(|unit| own_task(rec, unit, plan, &outcome))
    {
        return found_by_text(
            rec,
            id,
            format!(
                "{id_desc}，举措内容“{}”与本单位承担的第{id}项最相近，已按第{id}项计入。请核实。",
                excerpt(&rec.measure_text, 20)
            ),
        );
    }
    match outcome {
        // （二十三） beside task 23's measure: the number in Chinese numerals, and
        // the measure agrees with it.
        MatchOutcome::Clear { id, .. } if chinese_task_id(&rec.id_text) == Some(id) => {
            TaskMatch::Found {
                id,
                by: MatchedBy::Id,
                warning: None,
            }
        }
        MatchOutcome::Clear { id, .. } => found_by_text(
            rec,
            id,
            format!("{id_desc}，已按举措内容对应到第{id}项。请核实。"),
        ),
        MatchOutcome::Ambiguous { candidates } => {
            let ids: Vec<String> = candidates.iter().map(|(id, _)| format!("第{id}项")).collect();
            let alike: Vec<u32> = candidates.iter().map(|(id, _)| *id).collect();
            // The row's own words naming what one of them alone names (石庙 of task 38,
            // not of 37): that one (second review c 1).
            if let Some(id) = (!numbered)
                .then(|| named_apart(&rec.progress, &alike, plan))
                .flatten()
            {
                return found_by_text(
                    rec,
                    id,
                    format!(
                        "{id_desc}；举措内容“{}”与{}都相近，按进展情况计入第{id}项。请核实。",
                        excerpt(&rec.measure_text, 20),
                        ids.join("、")
                    ),
                );
            }
            if let Some(id) = above
                .filter(|_| !numbered)
                .filter(|a| alike.contains(a))
            {
                return found_by_text(
                    rec,
                    id,
                    format!(
                        "{id_desc}；举措内容“{}”与{}都相近，按上一行的第{id}项计入。请核实。",
                        excerpt(&rec.measure_text, 20),
                        ids.join("、")
                    ),
                );
            }
            TaskMatch::Missing(problem(
                rec,
                Severity::Error,
                Code::TaskUnmatched,
                format!(
                    "{id_desc}；举措内容“{}”与{}都相近，无法确定，此行未计入汇总。请填写正确序号。",
                    excerpt(&rec.measure_text, 20),
                    ids.join("、")
                ),
            ))
        }
        MatchOutcome::NoMatch { .. } => TaskMatch::Missing(problem(
            rec,
            Severity::Error,
            not_found,
            format!(
                "{id_desc}；举措内容“{}”与方案中的任务都不相符，此行未计入汇总。请按整改任务分解表填写序号和举措。",
                excerpt(&rec.measure_text, 20)
            ),
        )),
    }
}

/// Least score of a unit's own task against a text that matches no task of the whole
/// plan clearly, and its least lead over the unit's next task. Unrelated texts score
/// up to about 0.3 (`similarity`'s notes); a short name of the unit's own making scores
/// about 0.5 against the task's 简称 (餐厨垃圾收运监管: 0.49 against 餐厨垃圾清运长效监管
/// 机制, 0.05 or less against the unit's other tasks).
const OWN_MIN_SCORE: f64 = 0.4;
const OWN_MIN_MARGIN: f64 = 0.15;

/// The task, among those the record's unit has a role in, that the text of a row with no
/// 序号 names when the whole plan gives no clear one: the only one of the unit's among tasks found alike
/// (37 and 38 differ by a town's name), or the unit's task whose measure or 简称 the text
/// is clearly closest to.
fn own_task(rec: &Record, unit: &str, plan: &Plan, outcome: &MatchOutcome) -> Option<u32> {
    let own = |id: u32| {
        plan.task(id)
            .is_some_and(|t| plan.role_of(t, unit) != Role::Unassigned)
    };
    match outcome {
        MatchOutcome::Clear { .. } => None,
        MatchOutcome::Ambiguous { candidates } => {
            let mut mine = candidates.iter().filter(|(id, _)| own(*id));
            match (mine.next(), mine.next()) {
                (Some((id, _)), None) => Some(*id),
                _ => None,
            }
        }
        MatchOutcome::NoMatch { .. } => {
            let mut scored: Vec<(u32, f64)> = plan
                .tasks
                .iter()
                .filter(|t| own(t.id))
                .map(|t| {
                    let by_measure = match_score(&rec.measure_text, &t.measure);
                    (
                        t.id,
                        by_measure.max(match_score(&rec.measure_text, &t.short_name)),
                    )
                })
                .collect();
            scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let (id, best) = *scored.first()?;
            let next = scored.get(1).map_or(0.0, |s| s.1);
            (best >= OWN_MIN_SCORE && best - next >= OWN_MIN_MARGIN).then_some(id)
        }
    }
}

/// Tied to task `id` by the measure text, with a warning saying how.
fn found_by_text(rec: &Record, id: u32, message: String) -> TaskMatch {
    TaskMatch::Found {
        id,
        by: MatchedBy::Text,
        warning: Some(problem(
            rec,
            Severity::Warning,
            Code::TaskMatchedByText,
            message,
        )),
    }
}

/// Of tasks `alike` (whose measures a row's text fits equally), the one whose measure
/// alone shares words with `words` (two characters in a row, in its measure and in no
/// other's of them: 石庙 for task 38 beside 37's 双石): `None` when none or several do.
fn named_apart(words: &str, alike: &[u32], plan: &Plan) -> Option<u32> {
    let chars: Vec<char> = words.chars().filter(|c| c.is_alphabetic()).collect();
    let measures: Vec<(u32, &str)> = alike
        .iter()
        .filter_map(|id| plan.task(*id).map(|t| (*id, t.measure.as_str())))
        .collect();
    let mut named: Vec<u32> = Vec::new();
    for pair in chars.windows(2) {
        let pair: String = pair.iter().collect();
        let holding: Vec<u32> = measures
            .iter()
            .filter(|(_, m)| m.contains(&pair))
            .map(|(id, _)| *id)
            .collect();
        if let [only] = holding[..] {
            if !named.contains(&only) {
                named.push(only);
            }
        }
    }
    match named[..] {
        [only] => Some(only),
        _ => None,
    }
}

/// The task a row's measure text names outright: a 第N项 opening it (第23项 河堰修复), or
/// the plan's 简称 of one task, as written (拦河养鱼问题整治).
fn named_task(rec: &Record, plan: &Plan) -> Option<u32> {
    let text = rec.measure_text.trim();
    // 第23项 河堰修复: the number as a 序号 cell would give it.
    if let Some(end) = text.find('项').filter(|_| text.starts_with('第')) {
        if let Some(task) = parse_task_id(&text[..end + '项'.len_utf8()]).and_then(|n| plan.task(n))
        {
            return Some(task.id);
        }
    }
    let key = normalise_for_match(text);
    if key.chars().count() < 4 {
        return None;
    }
    let mut named = plan
        .tasks
        .iter()
        .filter(|t| normalise_for_match(&t.short_name) == key);
    match (named.next(), named.next()) {
        (Some(t), None) => Some(t.id),
        _ => None,
    }
}

/// A short name of the unit's own making (拦河养鱼, 循环用水) found in the measure or the
/// 简称 of exactly one candidate task: that task.
/// Whether a short text (4 to 12 characters: 拦河养鱼, 一河一长) is words of the task's
/// own measure or short name: the unit's short name for the task its 序号 gives (adv51
/// a 8: told 不完全一致 on every such row).
fn words_of(text: &str, task: &crate::plan::Task) -> bool {
    let key = normalise_for_match(text);
    (4..=12).contains(&key.chars().count())
        && (normalise_for_match(&task.measure).contains(&key)
            || normalise_for_match(&task.short_name).contains(&key))
}

fn contained_in_one(rec: &Record, plan: &Plan, candidates: &[(u32, &str)]) -> Option<u32> {
    let mut hits = candidates.iter().filter(|(id, _)| {
        plan.task(*id)
            .is_some_and(|t| words_of(&rec.measure_text, t))
    });
    match (hits.next(), hits.next()) {
        (Some((id, _)), None) => Some(*id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    fn plan() -> Plan {
        let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("input");
        crate::plan::load_plan(&input).unwrap()
    }

    fn record(unit: &str, measure: &str) -> Record {
        Record {
            source: Source {
                file: "a.xlsx".into(),
                sheet: "Sheet1".into(),
                row: 5,
            },
            unit: Some(unit.into()),
            unit_from: None,
            filed_on: None,
            period: None,
            id_text: String::new(),
            id: None,
            measure_text: measure.into(),
            status: crate::model::Status::InProgress,
            status_text: String::new(),
            progress: "按计划推进。".into(),
            completed_on: None,
            completed_text: String::new(),
            note: String::new(),
            evidence: String::new(),
            deadline_text: String::new(),
            hidden: false,
            filed_in_month: false,
            via: None,
        }
    }

    fn found(plan: &Plan, unit: &str, measure: &str) -> Option<u32> {
        let candidates: Vec<(u32, &str)> = plan
            .tasks
            .iter()
            .map(|t| (t.id, t.measure.as_str()))
            .collect();
        match match_task(&record(unit, measure), plan, &candidates, None) {
            TaskMatch::Found { id, .. } => Some(id),
            TaskMatch::Missing(_) => None,
        }
    }

    /// A number with a few words of its task's own measure (24 | 拦河养鱼) is that task,
    /// without a warning; words of another task's are still told (adv51 a 8).
    #[test]
    fn a_number_with_words_of_its_task_is_no_mismatch() {
        let plan = plan();
        let candidates: Vec<(u32, &str)> = plan
            .tasks
            .iter()
            .map(|t| (t.id, t.measure.as_str()))
            .collect();
        let with_number = |id: u32, measure: &str| {
            let mut rec = record("五间镇", measure);
            rec.id = Some(id);
            rec.id_text = id.to_string();
            match match_task(&rec, &plan, &candidates, None) {
                TaskMatch::Found { id, warning, .. } => (id, warning.is_some()),
                TaskMatch::Missing(_) => panic!("{measure}"),
            }
        };
        assert_eq!(with_number(24, "拦河养鱼"), (24, false));
        assert_eq!(with_number(56, "一河一长"), (56, false));
        assert!(with_number(24, "化粪池清掏").1);
    }

    #[test]
    fn a_units_own_short_name_finds_its_own_task() {
        let plan = plan();
        // Near-misses of the tasks' 简称 (收运 for 清运, 执法检查 for 违法行为查处): too far
        // from any task of the plan as a whole, clearly the closest of the unit's own.
        assert_eq!(found(&plan, "区城市管理局", "餐厨垃圾收运监管"), Some(43));
        assert_eq!(
            found(&plan, "区城市管理局", "餐饮店油水分离执法检查"),
            Some(44)
        );
        // The same words from a unit with neither task: not placed.
        assert_eq!(found(&plan, "区水利局", "餐厨垃圾收运监管"), None);
        // Words of none of the unit's tasks: not placed.
        assert_eq!(found(&plan, "区城市管理局", "加强干部队伍作风建设"), None);
        // Alike in two tasks (37 and 38 differ by the plant's name): the one the unit
        // has a role in.
        assert_eq!(
            found(&plan, "双石镇", "制定整改措施，解决污水溢流问题"),
            Some(37)
        );
        assert_eq!(
            found(&plan, "大安街道", "制定整改措施，解决污水溢流问题"),
            Some(38)
        );
        assert_eq!(
            found(&plan, "区住房城乡建委", "制定整改措施，解决污水溢流问题"),
            None
        );
    }
}
