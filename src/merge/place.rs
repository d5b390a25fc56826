//! Step 1: each record to a task and a role, or to `unplaced` with why.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::common::text::excerpt_of;
use crate::ingest::record::Record;
use crate::ingest::says_not_reported;
use crate::merge::match_task::{by_text_alone, has_measure_text, match_task, TaskMatch};
use crate::model::{
    Code, MatchedBy, Problem, Severity, Skip, SkipReason, Status, UnitReport, Unplaced,
};
use crate::plan::{Plan, Role};

/// The records placed: reports grouped by (task id, unit), and the rows left out.
pub(super) struct Placed {
    pub by_key: BTreeMap<(u32, String), Vec<UnitReport>>,
    pub unplaced: Vec<Unplaced>,
    /// Sheets whose unit was taken for another unit of the same place (`same_place`).
    pub moved: Vec<super::same_place::Moved>,
    /// Rows on tasks the unit has no role in that are no reports ([`not_owed`]): 不涉及
    /// (a whole-plan copy answering every row that is not the unit's; no warning), and
    /// the rows of a copy of the whole table (one warning).
    pub skipped: Vec<Skip>,
}

/// A row of a sheet the unit numbered itself, tied to its task by its text: the row,
/// its 序号 as written, the task.
type OwnNumbered = (u32, String, u32);

/// One warning for a sheet the unit numbered itself, naming each row tied to its task
/// by its text (第5行序号“1”为第6项), at the first of them; none when no such row is
/// left.
fn own_numbering_warning(file: &str, sheet: &str, rows: &[OwnNumbered]) -> Option<Problem> {
    if rows.is_empty() {
        return None;
    }
    let list = rows
        .iter()
        .map(|(row, id_text, id)| format!("第{row}行序号“{id_text}”为第{id}项"))
        .collect::<Vec<_>>()
        .join("，");
    Some(
        Problem::new(
            Severity::Warning,
            Code::TaskTextMismatch,
            file,
            format!("序号与整改任务分解表不一致（可能是本单位自行编号），已按举措内容对应：{list}。请核实。"),
        )
        .at(Some(sheet), rows.first().map(|(row, ..)| *row)),
    )
}

/// A record, the task it matched (`None`: no unit), and the doubt about its status
/// when it was checked (`None`: not yet, [`Placing::doubt`]).
type Matched = (Record, Option<TaskMatch>, Option<Option<String>>);

/// Tie every record (in parts, in order) to its task and the unit's role on it.
pub(super) fn place_records(
    plan: &Plan,
    records: Vec<Vec<Record>>,
    problems: &mut Vec<Problem>,
) -> Placed {
    let candidates: Vec<(u32, &str)> = plan
        .tasks
        .iter()
        .map(|t| (t.id, t.measure.as_str()))
        .collect();
    let mut unplaced = Vec::new();
    let mut by_key: BTreeMap<(u32, String), Vec<UnitReport>> = BTreeMap::new();
    // Matching, and the check of a matched record's status against its text, are
    // independent per record: in parallel, part by part, in record order. The check is
    // for reports only: a record on a task its unit has no role in is most often passed
    // over (a copy of the whole table, 不涉及), and is checked if it is placed after all.
    let mut matched: Vec<Vec<Matched>> = records
        .into_par_iter()
        .map(|part| {
            let mut out: Vec<Matched> = Vec::with_capacity(part.len());
            for rec in part {
                // The task of the record before, when it was on the row right above on
                // the same sheet.
                // (Tied by its number: not a row itself tied by its text, so no chain of
                // rows follows one tie; second review c 2.)
                let right_above = out.last().and_then(|(prev, m, _)| match m {
                    Some(TaskMatch::Found {
                        id,
                        by: MatchedBy::Id,
                        ..
                    }) if prev.source.row + 1 == rec.source.row
                        && prev.source.sheet == rec.source.sheet
                        && prev.source.file == rec.source.file =>
                    {
                        Some(*id)
                    }
                    _ => None,
                });
                let m = rec
                    .unit
                    .is_some()
                    .then(|| match_task(&rec, plan, &candidates, right_above));
                let doubt = match (&m, &rec.unit) {
                    (Some(TaskMatch::Found { id, .. }), Some(unit))
                        if plan
                            .task(*id)
                            .is_some_and(|t| plan.role_of(t, unit) != Role::Unassigned) =>
                    {
                        Some(record_doubt(&rec, plan, *id))
                    }
                    _ => None,
                };
                out.push((rec, m, doubt));
            }
            out
        })
        .collect();
    let moved = super::same_place::reassign(
        plan,
        matched.iter_mut().flatten().map(|(rec, m, _)| (rec, &*m)),
        problems,
    );
    let renumbered = renumbered_sheets(matched.iter().flatten());
    let hidden_copies = hidden_copies(plan, matched.iter().flatten());
    // Hidden rows of a unit on tasks it cooperates on, and on tasks it leads or is
    // responsible for, in such a copy: one warning each per file and unit.
    let mut hidden_helping: BTreeMap<(String, String), Vec<UnassignedRow>> = BTreeMap::new();
    let mut hidden_held: BTreeMap<(String, String), Vec<UnassignedRow>> = BTreeMap::new();
    // Rows of a unit on tasks it has no role in: one warning per file and unit.
    let mut unassigned: ByFileUnit<UnassignedRow> = ByFileUnit::default();
    // Hidden rows of a unit on tasks it has no role in: one info per file and unit.
    let mut hidden_other: BTreeMap<(String, String), Vec<UnassignedRow>> = BTreeMap::new();
    // Hidden rows read as the unit's reports (its own tasks, no copy of the whole
    // table, no shown row on the task): one warning per file and unit.
    let mut hidden_read: BTreeMap<(String, String), Vec<UnassignedRow>> = BTreeMap::new();
    // The rows passed over, their excerpts made at the end (in parallel), in order.
    let mut skipped: Vec<NotOwed> = Vec::new();
    // The rows of units on tasks they have no role in, in record order: placed once it
    // is known which files are copies of the whole table (below).
    let mut on_others: Vec<(usize, Placing)> = Vec::new();
    // The rows of each renumbered sheet tied by their text: (row, 序号, task).
    let mut own_numbers: BTreeMap<(String, String), Vec<OwnNumbered>> = BTreeMap::new();
    for (mut rec, m, doubt) in matched.into_iter().flatten() {
        // A record is matched when it has a unit: the unit moves out of it here.
        let (Some(m), Some(unit)) = (m, rec.unit.take()) else {
            unplaced.push(unplace(&rec, Code::UnitUnknown));
            continue;
        };
        // Usually no sheet is renumbered: no key is built then.
        let m = if !renumbered.is_empty()
            && renumbered.contains(&(rec.source.file.clone(), rec.source.sheet.clone()))
        {
            distrust_numbers(&rec, &unit, m, plan, &candidates)
        } else {
            m
        };
        match m {
            TaskMatch::Missing(p) => {
                rec.unit = Some(unit);
                unplaced.push(unplace(&rec, p.code));
                problems.push(p);
            }
            TaskMatch::Found { id, by, warning } => {
                // A row of a sheet numbered by the unit itself, tied by its text: one
                // warning for the sheet (below), not one a row.
                let warning = match warning {
                    Some(w)
                        if by == MatchedBy::Text
                            && w.code == Code::TaskTextMismatch
                            && renumbered
                                .contains(&(rec.source.file.clone(), rec.source.sheet.clone())) =>
                    {
                        own_numbers
                            .entry((rec.source.file.clone(), rec.source.sheet.clone()))
                            .or_default()
                            .push((rec.source.row, rec.id_text.clone(), id));
                        None
                    }
                    w => w,
                };
                // A row passed over below loses it again (the retain after the loop).
                problems.extend(warning);
                let task = plan.task(id).expect("matched task exists");
                let role = plan.role_of(task, &unit);
                if role == Role::Unassigned && rec.status == Status::NotApplicable {
                    skipped.push(NotOwed::of(id, unit, rec.status_text, rec.source));
                    continue;
                }
                // A row hidden from view on another unit's task: the unit hid the rows
                // of the table that are not its own. A hidden row on a task of its own,
                // in such a copy of the whole table: the copy's old words as well (last
                // round's 该项工作已全部完成。), the return being the rows left in view.
                let in_copy = || hidden_copies.contains(&(rec.source.file.clone(), unit.clone()));
                let hidden_as = match role {
                    _ if !rec.hidden => None,
                    Role::Unassigned => Some((&mut hidden_other, SkipReason::HiddenOther)),
                    _ if !in_copy() => None,
                    Role::Cooperating => Some((&mut hidden_helping, SkipReason::HiddenCopy)),
                    Role::Lead | Role::Responsible => {
                        Some((&mut hidden_held, SkipReason::HiddenCopy))
                    }
                };
                if let Some((rows, reason)) = hidden_as {
                    rows.entry((rec.source.file.clone(), unit.clone()))
                        .or_default()
                        .push((rec.source.sheet.clone(), rec.source.row, id));
                    let mut skip = NotOwed::of(id, unit, rec.progress, rec.source);
                    skip.reason = reason;
                    skipped.push(skip);
                    continue;
                }
                if rec.hidden {
                    hidden_read
                        .entry((rec.source.file.clone(), unit.clone()))
                        .or_default()
                        .push((rec.source.sheet.clone(), rec.source.row, id));
                }
                let placing = Placing {
                    rec,
                    unit,
                    role,
                    by,
                    doubt,
                    id,
                };
                if role == Role::Unassigned {
                    let group = unassigned.group(&placing.rec.source.file, &placing.unit);
                    unassigned.rows[group].push((
                        placing.rec.source.sheet.clone(),
                        placing.rec.source.row,
                        id,
                    ));
                    on_others.push((group, placing));
                } else if let Some(parts) = partners_parts(plan, &placing, problems) {
                    for part in parts {
                        place_report(plan, part, &mut by_key, problems);
                    }
                } else {
                    place_report(plan, placing, &mut by_key, problems);
                }
            }
        }
    }
    // A copy of the whole table (the bureau's last 台账 sent back): its rows on other
    // units' tasks are no reports of the sender's, and are not cited as its progress.
    // (Per file and unit, in record order.)
    let mut whole_table: Vec<Vec<NotOwed>> = Vec::new();
    whole_table.resize_with(unassigned.rows.len(), Vec::new);
    for (group, placing) in on_others {
        if unassigned.rows[group].len() >= WHOLE_TABLE_ROWS {
            let Placing { rec, unit, id, .. } = placing;
            whole_table[group].push(NotOwed::of(id, unit, rec.progress, rec.source));
        } else {
            // A few rows on other units' tasks (wrong numbers, say): kept as reports.
            // Every row of a task and unit has the same role, so each task's reports
            // keep their record order.
            place_report(plan, placing, &mut by_key, problems);
        }
    }
    let order = unassigned.sorted();
    for &group in &order {
        skipped.append(&mut whole_table[group]);
    }
    let skipped: Vec<Skip> = skipped.into_par_iter().map(NotOwed::skip).collect();
    // The rows passed over here (不涉及 on another unit's task, a row of a copy of the
    // whole table, a hidden row on another unit's task).
    let passed: BTreeSet<(&str, &str, u32)> = skipped
        .iter()
        .map(|s| (s.file.as_str(), s.sheet.as_str(), s.row))
        .collect();
    for ((file, sheet), mut rows) in own_numbers {
        rows.retain(|(row, ..)| !passed.contains(&(file.as_str(), sheet.as_str(), *row)));
        problems.extend(own_numbering_warning(&file, &sheet, &rows));
    }
    // A row passed over is not in the summary: what was said of its content (a status
    // not recognised, counted as 待核实 …) is moot.
    if !passed.is_empty() {
        problems.retain(|p| {
            p.severity == Severity::Error
                || !matches!((&p.sheet, p.row), (Some(sheet), Some(row)) if passed.contains(&(p.file.as_str(), sheet.as_str(), row)))
        });
    }
    problems.extend(order.iter().map(|&group| {
        let (file, unit) = &unassigned.keys[group];
        unassigned_warning(file, unit, &unassigned.rows[group])
    }));
    problems.extend(
        hidden_other
            .into_iter()
            .map(|((file, unit), rows)| hidden_other_info(&file, &unit, &rows)),
    );
    problems.extend(
        hidden_held
            .into_iter()
            .map(|((file, unit), rows)| hidden_copy_warning(&file, &unit, "承担", &rows)),
    );
    problems.extend(
        hidden_helping
            .into_iter()
            .map(|((file, unit), rows)| hidden_copy_warning(&file, &unit, "配合", &rows)),
    );
    problems.extend(
        hidden_read
            .into_iter()
            .map(|((file, unit), rows)| hidden_read_warning(&file, &unit, &rows)),
    );
    Placed {
        by_key,
        unplaced,
        moved,
        skipped,
    }
}

/// The doubt about a record's status on task `id`: what its progress text, its note (a
/// planned completion date, a claim of done, a 完成进度), a part still unfinished or its
/// dates say against it.
fn record_doubt(rec: &Record, plan: &Plan, id: u32) -> Option<String> {
    use super::doubt;
    doubt::doubt(rec.status, &rec.progress)
        .filter(|_| {
            // Looked up only for a doubt found (few rows have one).
            let measure = plan.task(id).map_or("", |t| t.measure.as_str());
            !doubt::one_part_of_many(rec.status, &rec.progress, measure)
        })
        // 未完成 (否) read as 正在推进 from the work its text describes: the doubt quotes
        // what the unit wrote (adv55 a 3).
        .map(|why| {
            let written = crate::common::text::one_line(&rec.status_text);
            if crate::ingest::is_no_answer(&written) && rec.status != Status::Unclear {
                why.replacen(
                    &format!("报送“{}”", rec.status.label()),
                    &format!("报送“{written}”"),
                    1,
                )
            } else {
                why
            }
        })
        .or_else(|| doubt::planned_completion(rec.status, &rec.note))
        .or_else(|| doubt::note_claims_done(rec.status, &rec.note))
        .or_else(|| doubt::note_reserves_done(rec.status, &rec.note))
        .or_else(|| doubt::progress_reserves_done(rec.status, &rec.progress))
        .or_else(|| doubt::not_applicable_beside_done(rec.status, &rec.progress))
        .or_else(|| doubt::percent_disagrees(rec.status, &rec.note))
        .or_else(|| doubt::part_unfinished(rec.status, &rec.progress, &plan.units))
        .or_else(|| {
            let task = plan.task(id)?;
            doubt::kept_up_before_done(rec.status, &rec.progress, &task.deadline, plan.meta.as_of)
        })
        .or_else(|| {
            doubt::done_after_filing(
                rec.status,
                rec.completed_on,
                &rec.completed_text,
                rec.filed_by(),
                plan.meta.as_of,
            )
        })
}

/// A record matched to a task, with what placing it as a report needs.
struct Placing {
    rec: Record,
    unit: String,
    role: Role,
    by: MatchedBy,
    /// The doubt about its status, if checked already (`record_doubt`).
    doubt: Option<Option<String>>,
    id: u32,
}

/// A status cell saying the work goes on (持续推进中, 持续整改), not that it is kept up
/// for good (长期坚持, 常态化).
fn goes_on_word(status_text: &str) -> bool {
    let t = crate::common::text::one_line(status_text);
    let t = t.trim_end_matches(['。', '.']).trim_end_matches('中');
    matches!(
        t,
        "持续推进" | "持续整改" | "持续开展" | "持续实施" | "正在持续推进"
    )
}

/// Place a record as a report of its unit on its task, with the warnings its content
/// calls for (status against text, another unit's progress).
fn place_report(
    plan: &Plan,
    placing: Placing,
    by_key: &mut BTreeMap<(u32, String), Vec<UnitReport>>,
    problems: &mut Vec<Problem>,
) {
    let Placing {
        rec,
        unit,
        role,
        by,
        doubt,
        id,
    } = placing;
    let task = plan.task(id).expect("matched task exists");
    let mut rec = rec;
    let mut doubt = doubt;
    // 持续推进(中) on a task due once (2020年9月底), not kept up after: still under way,
    // not 长期坚持 (adv48 a04: a plan not yet drafted was counted as kept up).
    // Any other 长期坚持 there (the word picked from the list) is counted 正在推进 too, and
    // the unit asked: a task due once is done or not yet (adv53 a 4: a plan to be drafted
    // by 2020年9月底, 正在按程序推进, was counted among the tasks kept up).
    if rec.status == Status::Ongoing && !task.deadline.ongoing && task.deadline.due.is_some() {
        let word = Some(rec.status_text.trim())
            .filter(|w| !w.is_empty())
            .unwrap_or(Status::Ongoing.label())
            .to_string();
        rec.status = Status::InProgress;
        // A day it was done, or words saying so: the report is checked as a completion
        // in question, in the unit's own word (second review c 10: told as 正在推进,
        // the date ignored).
        let checked = match rec.completed_on {
            Some(day) => Some(format!(
                "报送“{word}”，但填写了完成时间{}，该项任务的完成时限为“{}”",
                crate::common::dates::render_date(day),
                task.deadline.text
            )),
            None => record_doubt(&rec, plan, id).map(|d| {
                d.replacen(
                    &format!("报送“{}”", Status::InProgress.label()),
                    &format!("报送“{word}”"),
                    1,
                )
            }),
        };
        // 长期坚持 as picked: done and kept up, or not done yet? The unit is asked (its
        // 核实 notice, 三 of the report), the task counted 待核实 meanwhile (second
        // review d 5: counted 正在推进, the unit's word gone from the report and no notice).
        let asked = (!goes_on_word(&rec.status_text)).then(|| {
            format!(
                "报送“{word}”，但该项任务的完成时限为“{}”，须按期完成",
                task.deadline.text
            )
        });
        doubt = Some(checked.or(asked));
    }
    // 已完成 on a task kept up with no date to be done by (完成时限 长期坚持): the year's
    // work done, the task going on; the task counts it 长期坚持 (`task_status::decide`),
    // said so here (adv52 a6: counted done, the completion rate raised by tasks that
    // never end). The report keeps the unit's word.
    if rec.status == Status::Completed
        && doubt.as_ref().and_then(Option::as_ref).is_none()
        && task.deadline.is_long_term_only()
    {
        problems.push(
            Problem::new(
                Severity::Info,
                Code::ReadNote,
                &rec.source.file,
                format!(
                    "{unit}对第{id}项报送“{}”，该项任务的完成时限为“{}”，按“{}”统计。",
                    // (A status read from the text or a tick has no word of its own.)
                    Some(rec.status_text.trim())
                        .filter(|w| !w.is_empty())
                        .unwrap_or(Status::Completed.label()),
                    task.deadline.text,
                    Status::Ongoing.label()
                ),
            )
            .at(Some(&rec.source.sheet), Some(rec.source.row)),
        );
    }
    if let Some(said) = super::doubt::not_ours_as_done(rec.status, &rec.progress) {
        problems.push(
            Problem::new(
                Severity::Info,
                Code::NotApplicableStatement,
                &rec.source.file,
                format!(
                    "{unit}对第{id}项报送“{}”，进展情况写明“{said}”，按“{}”统计。",
                    rec.status.label(),
                    Status::NotApplicable.label()
                ),
            )
            .at(Some(&rec.source.sheet), Some(rec.source.row)),
        );
        rec.status = Status::NotApplicable;
        doubt = None;
    }
    let doubt = doubt
        .unwrap_or_else(|| record_doubt(&rec, plan, id))
        .or_else(|| super::doubt::sole_decider_not_applicable(rec.status, task.deciders(), &unit));
    let report = report(rec, unit, role, by, doubt, &task.deadline);
    if let Some(why) = &report.doubt {
        problems.push(contradiction(&report, id, why));
    }
    if let Some(other) = speaks_for(&report, &plan.units) {
        problems.push(another_units_progress(&report, id, &other));
    }
    by_key
        .entry((id, report.unit.clone()))
        .or_default()
        .push(report);
}

/// A row on a task its unit has no role in that is no report: 不涉及, or a row of a
/// copy of the whole table. Its excerpt is made by [`NotOwed::skip`], in parallel.
struct NotOwed {
    id: u32,
    unit: String,
    text: String,
    source: crate::model::Source,
    reason: SkipReason,
}

impl NotOwed {
    fn of(id: u32, unit: String, text: String, source: crate::model::Source) -> Self {
        NotOwed {
            id,
            unit,
            text,
            source,
            reason: SkipReason::NotOwed,
        }
    }

    /// The skip, its text “第{id}项 {unit} ” and the row's text, shortened.
    fn skip(self) -> Skip {
        let id = self.id.to_string();
        Skip {
            text: excerpt_of(&["第", &id, "项 ", &self.unit, " ", &self.text], 40),
            file: self.source.file,
            sheet: self.source.sheet,
            row: self.source.row,
            rows: 1,
            reason: self.reason,
            marked_task: None,
        }
    }
}

/// Rows grouped by file and unit. A group's key is built once: consecutive records
/// mostly share their file and unit, and the map is looked up only when they change.
struct ByFileUnit<T> {
    /// Group `i`'s (file, unit) and rows.
    keys: Vec<(String, String)>,
    rows: Vec<Vec<T>>,
    index: HashMap<String, HashMap<String, usize>>,
    last: Option<usize>,
}

impl<T> Default for ByFileUnit<T> {
    fn default() -> Self {
        ByFileUnit {
            keys: Vec::new(),
            rows: Vec::new(),
            index: HashMap::new(),
            last: None,
        }
    }
}

impl<T> ByFileUnit<T> {
    /// The group of `file` and `unit`, made if new.
    fn group(&mut self, file: &str, unit: &str) -> usize {
        if let Some(i) = self.last {
            if self.keys[i].0 == file && self.keys[i].1 == unit {
                return i;
            }
        }
        if !self.index.contains_key(file) {
            self.index.insert(file.to_string(), HashMap::new());
        }
        let units = self.index.get_mut(file).expect("inserted above");
        let i = match units.get(unit) {
            Some(&i) => i,
            None => {
                let i = self.keys.len();
                units.insert(unit.to_string(), i);
                self.keys.push((file.to_string(), unit.to_string()));
                self.rows.push(Vec::new());
                i
            }
        };
        self.last = Some(i);
        i
    }

    /// The groups in (file, unit) order.
    fn sorted(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_unstable_by(|&a, &b| self.keys[a].cmp(&self.keys[b]));
        order
    }
}

/// Rows on tasks a unit has no role in from which a file reads as a copy of the whole
/// table rather than a few wrong numbers.
const WHOLE_TABLE_ROWS: usize = 10;

/// A row of a unit on a task it has no role in: (sheet, row, task id).
type UnassignedRow = (String, u32, u32);

/// The task ids of `rows`, once each, ascending, joined with 、; and whether the rows
/// are all on one sheet.
fn ids_and_sheet(rows: &[UnassignedRow]) -> (String, bool) {
    let mut ids: Vec<u32> = rows.iter().map(|r| r.2).collect();
    ids.sort_unstable();
    ids.dedup();
    let ids = ids
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join("、");
    (ids, rows.iter().all(|r| r.0 == rows[0].0))
}

/// One warning for a file's rows of `unit` on tasks it has no role in, in record order.
/// One row: at that row; rows of one sheet: at that sheet; the task ids listed once
/// each, ascending.
fn unassigned_warning(file: &str, unit: &str, rows: &[UnassignedRow]) -> Problem {
    let (ids, one_sheet) = ids_and_sheet(rows);
    let (what, row) = match rows {
        [(_, row, _)] => ("此条进展已保留".to_string(), Some(*row)),
        _ => (format!("这{}条进展已保留", rows.len()), None),
    };
    // Many rows on other units' tasks: a copy of the whole table (the bureau's last
    // 台账 updated and sent back), not wrong numbers.
    let message = if rows.len() >= WHOLE_TABLE_ROWS {
        format!("表中第{ids}项不是{unit}承担的任务，却填写了进展（{}行），可能是整改台账或整改方案全表的副本，这些行未作为{unit}的进展汇总。请{unit}只填写本单位承担的任务后重新报送。", rows.len())
    } else {
        format!(
            "{unit}不是第{ids}项的牵头、责任或配合单位，{what}但不计入任务完成情况。请核实序号。"
        )
    };
    Problem::new(Severity::Warning, Code::Unassigned, file, message)
        .at(one_sheet.then_some(rows[0].0.as_str()), row)
}

/// One info for a file's hidden rows of `unit` on tasks it has no role in.
fn hidden_other_info(file: &str, unit: &str, rows: &[UnassignedRow]) -> Problem {
    let (ids, one_sheet) = ids_and_sheet(rows);
    Problem::new(
        Severity::Info,
        Code::Unassigned,
        file,
        format!(
            "表中已隐藏的{}行（第{ids}项）不是{unit}承担的任务，未作为{unit}的进展汇总。",
            rows.len()
        ),
    )
    .at(one_sheet.then_some(rows[0].0.as_str()), None)
}

/// One warning for a file's hidden rows of `unit` read as its reports: a row hidden by
/// hand may be one the unit meant to drop (adv50 a 5: （此行作废） hidden and counted,
/// silently). The rows are read (a filter hides rows only from view); the unit is asked.
fn hidden_read_warning(file: &str, unit: &str, rows: &[UnassignedRow]) -> Problem {
    let (ids, one_sheet) = ids_and_sheet(rows);
    let row = (rows.len() == 1).then_some(rows[0].1);
    Problem::new(
        Severity::Warning,
        Code::ReadNote,
        file,
        format!(
            "表中已隐藏的{}行（第{ids}项）已按所填内容计入{unit}的进展。请核实隐藏的内容是否为本期进展；如已作废，请删除后重新报送。",
            rows.len()
        ),
    )
    .at(one_sheet.then_some(rows[0].0.as_str()), row)
}

/// The files and units whose hidden rows on other units' tasks are many
/// ([`WHOLE_TABLE_ROWS`]): a copy of the whole table with the unit's own rows left in
/// view.
fn hidden_copies<'m>(
    plan: &Plan,
    matched: impl Iterator<Item = &'m Matched>,
) -> BTreeSet<(String, String)> {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (rec, m, _) in matched {
        let (true, Some(TaskMatch::Found { id, .. }), Some(unit)) = (rec.hidden, m, &rec.unit)
        else {
            continue;
        };
        if plan
            .task(*id)
            .is_some_and(|t| plan.role_of(t, unit) == Role::Unassigned)
        {
            *counts
                .entry((rec.source.file.as_str(), unit.as_str()))
                .or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= WHOLE_TABLE_ROWS)
        .map(|((file, unit), _)| (file.to_string(), unit.to_string()))
        .collect()
}

/// One warning for a file's hidden rows of `unit` on tasks it `role_word`s (承担: leads
/// or is responsible for; 配合: cooperates on), in a copy of the whole table
/// ([`hidden_copies`]).
fn hidden_copy_warning(file: &str, unit: &str, role_word: &str, rows: &[UnassignedRow]) -> Problem {
    let (ids, one_sheet) = ids_and_sheet(rows);
    Problem::new(
        Severity::Warning,
        Code::Unassigned,
        file,
        format!(
            "表中已隐藏的{}行（第{ids}项）是{unit}{role_word}的任务，但与其他隐藏行一样是整改台账全表副本中的原有内容，未作为{unit}的进展汇总。如其中有{unit}本期的进展，请该单位取消隐藏、更新后重新报送。",
            rows.len()
        ),
    )
    .at(one_sheet.then_some(rows[0].0.as_str()), None)
}

/// A lead unit's row giving its partners' progress unit by unit in its text (来苏镇：已完成
/// 池塘改造12口；宝峰镇：正在推进…；何埂镇：尚未启动。, 来苏镇、宝峰镇：已全部拆除, 【来苏镇】…
/// 【宝峰镇】…, or such a text on a row of its own under the task's), as a lead that
/// consolidates writes it: a report of each unit named, through the lead, with that unit's
/// words and the status they state. Only when every unit it names has a part in the task
/// (the lead itself, or a partner), and one is a partner; else `None` (the row stays the
/// lead's, and a text that is one other unit's is warned of, [`speaks_for`]). A
/// department responsible for a task without a lead collects it as a lead does.
///
/// A part whose words state no status takes the row's status when the row has one
/// written for it, or the row's alone when it is the only part; else 待核实. When every
/// part states its status, the row's warning that its status was not clear is moot.
fn partners_parts(
    plan: &Plan,
    placing: &Placing,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Placing>> {
    let rec = &placing.rec;
    if rec.via.is_some() {
        return None;
    }
    let task = plan.task(placing.id)?;
    // The unit that collects the task: its lead, or a department among the responsible
    // units of a task without a lead (区水利局 beside 各镇街 on task 24), which writes
    // the towns' progress in its row as a lead does (the towns' only).
    let collects = match placing.role {
        Role::Lead => true,
        Role::Responsible => {
            task.lead.units.is_empty()
                && plan
                    .units
                    .unit(&placing.unit)
                    .is_some_and(|u| u.kind != crate::plan::UnitKind::Town)
        }
        _ => false,
    };
    if !collects {
        return None;
    }
    // 【来苏镇】已建成…【宝峰镇】… read as 来苏镇：已建成…\n宝峰镇：….
    let tagged = crate::plan::labels::tags_as_labels(rec.progress.trim(), &plan.units);
    let text: &str = &tagged;
    let clauses = crate::plan::labels::labelled_parts(text, &plan.units);
    let at = |clause: &str| clause.as_ptr() as usize - text.as_ptr() as usize;
    // The lead's own words before the first unit's (我局已印发考核办法。来苏镇：…): a
    // sentence of its own, as the clauses are split at sentence ends.
    let before = text[..at(clauses.first()?.1)].trim();
    // Every label in the text a unit's (or a list of units'), or the rest of a group's
    // (其他镇街：正在推进, the lead's own word on the towns it does not name): another
    // (我委：) would run on into the unit's words before it.
    let pieces = crate::plan::labels::clause_pieces(text, &plan.units);
    let rest_of_group: Vec<&str> = pieces
        .iter()
        .copied()
        .filter(|p| clause_label(p, plan).is_some_and(crate::plan::labels::names_the_rest))
        .map(str::trim_start)
        .collect();
    let labels = pieces
        .iter()
        .filter(|p| clause_label(p, plan).is_some())
        .count();
    if labels != clauses.len() + rest_of_group.len() {
        return None;
    }
    // Each unit named and its role on the task.
    let mut seen: Vec<(&str, Role)> = Vec::new();
    for (names, ..) in &clauses {
        for name in names {
            let role = plan.role_of(task, name);
            if role == Role::Unassigned
                || plan.units.unit(name).is_none()
                || seen.iter().any(|(u, _)| u == name)
            {
                return None;
            }
            seen.push((name, role));
        }
    }
    if seen.iter().all(|(u, _)| *u == placing.unit) {
        return None;
    }
    // Other than the lead, a responsible department collects towns: a text naming only
    // other departments (区卫健委：…) is that department's to send (speaks_for warns).
    let town = |name: &str| {
        plan.units
            .unit(name)
            .is_some_and(|u| u.kind == crate::plan::UnitKind::Town)
    };
    if placing.role != Role::Lead && !seen.iter().any(|(u, _)| *u != placing.unit && town(u)) {
        return None;
    }
    // Only units that cooperate named, and no words of the sender's own: the row is
    // still the sender's answer on the task (its status), as well as theirs.
    let helpers_only = seen
        .iter()
        .all(|(u, r)| *u == placing.unit || *r == Role::Cooperating);
    let lead = placing.unit.as_str();
    let role_of = |name: &str| {
        seen.iter()
            .find(|(u, _)| *u == name)
            .map_or(Role::Unassigned, |(_, r)| *r)
    };
    // The lead's own words: before the first unit's, and any sentence after a unit's
    // that speaks for the lead or of a group (我局已印发…, 其余镇街正在推进).
    let mut own: Vec<&str> = Vec::new();
    if !before.is_empty() {
        own.push(before);
    }
    // Each part: from its clause to the next clause naming a unit or the rest of a
    // group, whose words are the lead's.
    let starts: Vec<usize> = clauses.iter().map(|(_, c, _)| at(c)).collect();
    let rest_starts: Vec<usize> = rest_of_group.iter().map(|c| at(c)).collect();
    let end_of = |from: usize| {
        starts
            .iter()
            .chain(&rest_starts)
            .copied()
            .filter(|&s| s > from)
            .min()
            .unwrap_or(text.len())
    };
    for &from in &rest_starts {
        // (One before the first unit's is in `before`. A mark alone, 其他镇街：无, is
        // kept: the lead's word that the rest have nothing to report.)
        if from > starts[0] {
            own.push(text[from..end_of(from)].trim());
        }
    }
    // Units the lead wrote only a mark for (双石镇：/): nothing of theirs.
    let mut blank: Vec<&str> = Vec::new();
    let mut parts = Vec::new();
    let mut unsent: Vec<&str> = Vec::new();
    // Units whose words state no status, the row giving none: 待核实, said why.
    let mut unclear: Vec<(&str, String)> = Vec::new();
    let mut all_stated = true;
    for (i, (names, _, said)) in clauses.iter().enumerate() {
        let end = end_of(starts[i]);
        let (words, lead_words) = own_and_lead(&text[at(said).min(end)..end]);
        if !lead_words.is_empty() {
            own.push(lead_words);
        }
        let mark = words
            .trim()
            .trim_end_matches(['。', '；', ';', '，', ','])
            .trim_end();
        if crate::ingest::is_status_placeholder(mark) || matches!(mark, "无" | "暂无") {
            blank.extend(names.iter().map(String::as_str).filter(|n| *n != lead));
            continue;
        }
        // 何埂镇：同上 — the part before it, words and status (second review c 2: kept
        // as 同上。 with the row's status).
        if mark == "同上" {
            let prev = parts
                .last()
                .map(|p: &Placing| (p.rec.progress.clone(), p.rec.status));
            if let Some((words, status)) = prev {
                for name in names {
                    parts.push(part_of(placing, name, role_of(name), words.clone(), status));
                }
                continue;
            }
        }
        // Its words, a sentence of their own: 已完成池塘改造12口； ends in 。.
        let words = sentence(words);
        // 朱沱镇：无进展 — no work started (second review c 2: the row's 正在推进).
        let no_progress = matches!(
            mark,
            "无进展" | "暂无进展" | "尚无进展" | "没有进展" | "无新进展"
        );
        for name in names {
            // 宝峰镇：未报送 — the lead has nothing of the unit's: no report of it.
            if name != lead && says_not_reported(words.trim_end_matches(['。', '.'])) {
                unsent.push(name);
                continue;
            }
            let stated = if no_progress {
                Some(Status::NotStarted)
            } else {
                crate::ingest::status_from_progress(&words)
            };
            all_stated &= stated.is_some();
            // Its words contradict the row's status, which is not its own then: 待核实,
            // the report's doubt saying why.
            let mut contradicted = false;
            let status = match stated {
                Some(s) => s,
                // The row's status, unless the unit's own words say otherwise (宝峰镇：
                // 尚未拆除 under a row's 已完成: the lead's word is not the town's).
                None if clauses.len() == 1 || !rec.status_text.trim().is_empty() => {
                    if super::doubt::doubt(rec.status, &words).is_some() {
                        contradicted = true;
                        Status::Unclear
                    } else {
                        rec.status
                    }
                }
                None => {
                    unclear.push((name, words.clone()));
                    Status::Unclear
                }
            };
            let mut part = part_of(placing, name, role_of(name), words.clone(), status);
            if stated.is_some_and(|s| s != rec.status) {
                // Its own words' status, not the row's cell (adv55 a 10: 不涉及 beside a
                // 原文状态 of 正在推进).
                part.rec.status_text.clear();
            }
            if contradicted {
                // The row's status cell is not this unit's answer: 待核实, said why.
                part.rec.status_text.clear();
                part.doubt = Some(Some(format!(
                    "进展写明“{}”，{lead}汇总时填写的完成状态为“{}”",
                    crate::common::text::excerpt(words.trim_end_matches('。'), 20),
                    crate::common::text::one_line(&rec.status_text)
                )));
            }
            parts.push(part);
        }
    }
    if own.is_empty() && helpers_only && !parts.iter().any(|p| p.unit == placing.unit) {
        // (As written: 【来苏镇】… kept, not read as labels.)
        own.push(rec.progress.trim());
    }
    if !own.is_empty() {
        let words = sentence(&own.join(""));
        match parts.iter_mut().find(|p| p.unit == lead) {
            Some(p) => p.rec.progress = format!("{}{words}", p.rec.progress),
            None => {
                // The lead's status cell is its own; its words' when it wrote none.
                let status = if rec.status_text.trim().is_empty() {
                    crate::ingest::status_from_progress(&words).unwrap_or(Status::Unclear)
                } else {
                    rec.status
                };
                all_stated &= status != Status::Unclear;
                parts.push(part_of(placing, lead, placing.role, words, status));
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    if !blank.is_empty() {
        problems.push(
            Problem::new(
                Severity::Warning,
                Code::NothingFilled,
                &rec.source.file,
                format!(
                    "{lead}报送的第{}项进展中，{}只填写了“/”“无”等符号，没有进展情况，未计为其报送，按未报送统计。请{lead}补充其进展，或注明不涉及。",
                    placing.id,
                    blank.join("、")
                ),
            )
            .at(Some(&rec.source.sheet), Some(rec.source.row)),
        );
    }
    if !unsent.is_empty() {
        problems.push(
            Problem::new(
                Severity::Info,
                Code::ReadNote,
                &rec.source.file,
                format!(
                    "{lead}报送的第{}项进展中写明{}未报送，未计为其报送，按未报送统计。",
                    placing.id,
                    unsent.join("、")
                ),
            )
            .at(Some(&rec.source.sheet), Some(rec.source.row)),
        );
    }
    if all_stated && rec.status_text.trim().is_empty() {
        problems.retain(|p| !p.is_on_row(Code::StatusUnclear, &rec.source));
    }
    if !unclear.is_empty()
        && !problems
            .iter()
            .any(|p| p.is_on_row(Code::StatusUnclear, &rec.source))
    {
        let names: Vec<&str> = unclear.iter().map(|(n, _)| *n).collect();
        problems.push(
            Problem::new(
                Severity::Warning,
                Code::StatusUnclear,
                &rec.source.file,
                format!(
                    "{lead}报送的第{}项进展中，{}的进展（“{}”）没有写明是否完成，该行也未填写完成状态，记为“{}”。请{lead}核实后填写完成状态。",
                    placing.id,
                    names.join("、"),
                    crate::common::text::excerpt(&unclear[0].1, 30),
                    Status::Unclear.label()
                ),
            )
            .at(Some(&rec.source.sheet), Some(rec.source.row)),
        );
    }
    Some(parts)
}

/// The label a clause opens with (the words before its colon) when it may name units: up
/// to 20 characters, or a list of units.
fn clause_label<'p>(piece: &'p str, plan: &Plan) -> Option<&'p str> {
    piece
        .trim()
        .split_once(['：', ':'])
        .map(|(who, _)| who)
        .filter(|who| {
            !who.is_empty()
                && (who.chars().count() <= 20
                    || crate::plan::labels::listed_units(who, &plan.units).is_some())
        })
}

/// A unit's part of a lead's text split where a sentence of the lead's own begins
/// ([`LEAD_OPENERS`](crate::plan::labels::LEAD_OPENERS)): (the unit's words, the lead's).
fn own_and_lead(part: &str) -> (&str, &str) {
    let mut from = 0;
    while let Some(i) = part[from..].find(['。', '；', ';', '\n']) {
        let end = from + i + part[from + i..].chars().next().map_or(1, char::len_utf8);
        let rest = part[end..].trim_start();
        if rest.is_empty() {
            break;
        }
        if crate::plan::labels::LEAD_OPENERS
            .iter()
            .any(|w| rest.starts_with(w))
        {
            return (&part[..end], rest);
        }
        from = end;
    }
    (part, "")
}

/// Words as a sentence of their own: trimmed, ended with 。 unless they end a sentence.
fn sentence(words: &str) -> String {
    let mut words = words
        .trim_end_matches(|c: char| c.is_whitespace() || "；;，,".contains(c))
        .trim()
        .to_string();
    if !words.is_empty() && !words.ends_with(['。', '！', '!', '.', '？', '?']) {
        words.push('。');
    }
    words
}

/// One unit's part of a lead's row: the row's record with the unit's words and status,
/// through the lead when the unit is not the lead.
fn part_of(placing: &Placing, unit: &str, role: Role, words: String, status: Status) -> Placing {
    let mut part = placing.rec.clone();
    part.progress = words;
    part.status = status;
    if status != Status::Completed {
        part.completed_on = None;
        part.completed_text.clear();
    }
    part.via = (unit != placing.unit).then(|| placing.unit.clone());
    Placing {
        rec: part,
        unit: unit.to_string(),
        role,
        by: placing.by,
        doubt: None,
        id: placing.id,
    }
}

/// The one other unit a report's text speaks for: a text that is one clause opening with
/// that unit's name and a colon (区卫健委：已完成…), as copied from the bureau's 台账.
fn speaks_for(r: &UnitReport, units: &crate::plan::UnitDirectory) -> Option<String> {
    let text = r.progress.trim_start();
    if !crate::plan::labels::has_colon(text) {
        return None;
    }
    let clauses = crate::plan::labels::unit_clauses(text, units);
    match &clauses[..] {
        [(name, clause, _)]
            if *name != r.unit && text.starts_with(clause) && units.unit(name).is_some() =>
        {
            Some(name.clone())
        }
        _ => None,
    }
}

/// A report whose text is another unit's progress: kept as the unit's, flagged.
fn another_units_progress(r: &UnitReport, id: u32, other: &str) -> Problem {
    Problem::new(
        Severity::Warning,
        Code::UnitAmbiguous,
        &r.source.file,
        format!(
            "第{id}项的进展以“{other}：”开头，写的可能是{other}的进展，已计入{}的报送。请核实：如是{other}的进展，应由{other}报送，或在单位列注明{other}。",
            r.unit
        ),
    )
    .at(Some(&r.source.sheet), Some(r.source.row))
}

/// How a doubted report's warning ends: what it counts as, and what the unit is asked.
/// (The round's writer's own is told otherwise: `tasks::own_doubts_told`.)
pub(super) const COUNTED_UNCLEAR: &str = "此条报送暂按“待核实”计。请该单位核实后重新报送。";

fn contradiction(r: &UnitReport, id: u32, why: &str) -> Problem {
    Problem::new(
        Severity::Warning,
        Code::StatusContradicted,
        &r.source.file,
        format!(
            "{}对第{id}项{why}{}，{COUNTED_UNCLEAR}",
            r.unit,
            // A date against the status says so itself.
            if why.contains("完成时间") {
                ""
            } else {
                "，状态与进展不一致"
            },
        ),
    )
    .at(Some(&r.source.sheet), Some(r.source.row))
}

/// The report of a placed record; `doubt`: its status against its text
/// (`doubt::doubt`); `deadline`: its task's, which the row's 完成时限 may move (or its
/// status or 完成时间 cell, in words asking for more time: 延期至2021年6月底完成).
fn report(
    rec: Record,
    unit: String,
    role: Role,
    by: MatchedBy,
    doubt: Option<String>,
    deadline: &crate::plan::Deadline,
) -> UnitReport {
    let completed_on = rec
        .completed_on
        .filter(|_| rec.status != Status::NotApplicable);
    UnitReport {
        deadline_moved: super::moved_deadline::moved_deadline(&rec.deadline_text, deadline)
            .or_else(|| super::moved_deadline::extension_asked(&rec.status_text, deadline))
            .or_else(|| super::moved_deadline::extension_asked(&rec.completed_text, deadline)),
        unit,
        role,
        status: rec.status,
        status_text: rec.status_text,
        progress: rec.progress,
        // 不涉及 has nothing completed (a deadline copied into 完成时间 beside it).
        completed_in_month: completed_on.is_some_and(|on| {
            crate::common::dates::month_only_date(
                &rec.completed_text,
                Some(chrono::Datelike::year(&on)),
            ) == Some(on)
        }),
        completed_on,
        filed_on: rec.filed_on,
        period: rec.period,
        superseded: false,
        matched_by: by,
        note: rec.note,
        evidence: rec.evidence,
        doubt,
        via: rec.via,
        gave_way: false,
        figure_fell: None,
        carried_from: None,
        source: rec.source,
    }
}

/// Sheets whose 序号 are the unit's own numbering: two or more rows whose number and
/// text disagree and whose text clearly names another task.
fn renumbered_sheets<'m>(matched: impl Iterator<Item = &'m Matched>) -> BTreeSet<(String, String)> {
    let mut count: BTreeMap<(String, String), u32> = BTreeMap::new();
    for (rec, m, _) in matched {
        if let Some(TaskMatch::Found {
            by: MatchedBy::Text,
            warning: Some(w),
            ..
        }) = m
        {
            if w.code == Code::TaskTextMismatch {
                *count
                    .entry((rec.source.file.clone(), rec.source.sheet.clone()))
                    .or_default() += 1;
            }
        }
    }
    count
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(k, _)| k)
        .collect()
}

/// On a renumbered sheet a 序号 says nothing: a row tied by its number alone (text that
/// does not fit) is tied by its text alone, as a row without a 序号 is (the unit's own
/// short name for one of its tasks: 加大阳台违规改造巡查力度 for task 34); one with no
/// text, or text that names no task, is not placed.
fn distrust_numbers(
    rec: &Record,
    unit: &str,
    m: TaskMatch,
    plan: &Plan,
    candidates: &[(u32, &str)],
) -> TaskMatch {
    match m {
        TaskMatch::Found {
            by: MatchedBy::Id,
            warning,
            id,
        } => {
            let confirmed = warning.is_none() && !rec.measure_text.trim().is_empty();
            if confirmed {
                return TaskMatch::Found {
                    id,
                    by: MatchedBy::Id,
                    warning,
                };
            }
            if has_measure_text(rec) {
                let id_desc = format!(
                    "本表序号是单位自行编号，此行的序号“{}”不能对应方案任务",
                    rec.id_text
                );
                return by_text_alone(rec, Some(unit), plan, candidates, id_desc, (false, None));
            }
            TaskMatch::Missing(
                Problem::new(
                    Severity::Error,
                    Code::TaskUnmatched,
                    &rec.source.file,
                    format!(
                        "本表序号是单位自行编号，此行的序号“{}”不能对应方案任务，举措内容也无法确定是哪一项，此行未计入汇总。请填写整改任务分解表中的序号。",
                        rec.id_text
                    ),
                )
                .at(Some(&rec.source.sheet), Some(rec.source.row)),
            )
        }
        other => other,
    }
}

fn unplace(rec: &Record, code: Code) -> Unplaced {
    Unplaced {
        source: rec.source.clone(),
        code,
        unit: rec.unit.clone(),
        id_text: rec.id_text.clone(),
        measure_text: rec.measure_text.clone(),
        status_text: rec.status_text.clone(),
        progress: rec.progress.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_group_by_file_and_unit_whatever_their_order() {
        let mut groups: ByFileUnit<u32> = ByFileUnit::default();
        let rows = [
            ("b.xlsx", "来苏镇", 1),
            ("b.xlsx", "来苏镇", 2),
            ("a.xlsx", "区水利局", 3),
            ("b.xlsx", "宝峰镇", 4),
            ("b.xlsx", "来苏镇", 5),
            ("a.xlsx", "区水利局", 6),
        ];
        for (file, unit, row) in rows {
            let g = groups.group(file, unit);
            groups.rows[g].push(row);
        }
        let listed: Vec<(&str, &str, &[u32])> = groups
            .sorted()
            .into_iter()
            .map(|g| {
                let (file, unit) = &groups.keys[g];
                (file.as_str(), unit.as_str(), groups.rows[g].as_slice())
            })
            .collect();
        // As a BTreeMap keyed by (file, unit) would list them, rows in their order.
        let mut by_map: BTreeMap<(&str, &str), Vec<u32>> = BTreeMap::new();
        for (file, unit, row) in rows {
            by_map.entry((file, unit)).or_default().push(row);
        }
        let expected: Vec<(&str, &str, &[u32])> = by_map
            .iter()
            .map(|((f, u), r)| (*f, *u, r.as_slice()))
            .collect();
        assert_eq!(listed, expected);
        assert_eq!(listed[0], ("a.xlsx", "区水利局", &[3, 6][..]));
        assert_eq!(listed[2], ("b.xlsx", "来苏镇", &[1, 2, 5][..]));
    }
}
