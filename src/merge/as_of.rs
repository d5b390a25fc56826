//! Step 0: the round's as-of date. A return filed after it belongs to a later round:
//! its rows are kept out of this one, each file and sheet named in an info problem so
//! nothing is lost. A completion dated after it is not yet a completion: the row is
//! kept and counts as 正在推进 (`task_status::effective`), with an info problem.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::common::dates::render_date;
use crate::ingest::record::Record;
use crate::model::{Code, FileEntry, Problem, Severity, Status};

/// The records of this round, in their parts (file by file); the late ones become
/// problems.
///
/// The parts are split on the thread pool: at city scale most rows can be late (a
/// folder holding the next round's returns too), and freeing them is most of this
/// step. Each part is freed as it is split, so no more memory is held than when done in
/// one pass, and the parts come back in order: the records kept, the problems and each
/// late sheet's rows are those of one pass over the records.
///
/// `own`: the round's writer (the lead unit in a lead unit's round, else the
/// collector), whose own rows count whatever day they were written (its report is made
/// of them).
pub(super) fn this_round(
    records: Vec<Vec<Record>>,
    (as_of, issued): (NaiveDate, NaiveDate),
    own: Option<&str>,
    problems: &mut Vec<Problem>,
    late_tasks: &mut LateTasks,
) -> Vec<Vec<Record>> {
    let parts: Vec<Part> = records
        .into_par_iter()
        .map(|part| split(part, (as_of, issued), own))
        .collect();
    let mut kept = Vec::with_capacity(parts.len());
    // (file, sheet) → (filing date, rows) of the late rows.
    let mut late: BTreeMap<(String, String), (NaiveDate, Vec<u32>)> = BTreeMap::new();
    for part in parts {
        if !part.kept.is_empty() {
            kept.push(part.kept);
        }
        problems.extend(part.problems);
        for (unit, id) in part.late_tasks {
            let ids = late_tasks.entry(unit).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        for (key, filed, rows) in part.late {
            late.entry(key)
                .or_insert_with(|| (filed, Vec::new()))
                .1
                .extend(rows);
        }
    }
    for ((file, sheet), (filed, rows)) in late {
        problems.push(filed_late(&file, &sheet, filed, &rows, as_of));
    }
    kept
}

/// Filing dates before the plan was issued (2019年12月3日 on a December return of a plan
/// issued 2020-09-23) cannot be: a slip of the year. Each is read as the same day of the
/// latest year that puts it between the plan's issue and the as-of date, in the records
/// and in the files' entries, with one warning per file; a date no year mends is left.
pub(super) fn year_slips(
    records: &mut [Vec<Record>],
    files: &mut [FileEntry],
    issued: NaiveDate,
    as_of: NaiveDate,
    problems: &mut Vec<Problem>,
) {
    let mended = |on: NaiveDate| -> Option<NaiveDate> {
        (on < issued).then_some(())?;
        [as_of.year(), as_of.year() - 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, on.month(), on.day()))
            .find(|d| (issued..=as_of).contains(d))
    };
    // (file, written) → mended, in file order.
    let mut slips: BTreeMap<(String, NaiveDate), NaiveDate> = BTreeMap::new();
    for record in records.iter_mut().flatten() {
        let Some(on) = record.filed_on else { continue };
        if let Some(fixed) = mended(on) {
            record.filed_on = Some(fixed);
            slips.insert((record.source.file.clone(), on), fixed);
        }
    }
    if slips.is_empty() {
        return;
    }
    for f in files.iter_mut() {
        if let Some(&fixed) = f.filed_on.and_then(|on| slips.get(&(f.file.clone(), on))) {
            f.filed_on = Some(fixed);
        }
    }
    for ((file, written), fixed) in slips {
        problems.push(Problem::new(
            Severity::Warning,
            Code::DateUnreadable,
            &file,
            format!(
                "填报日期写为{}，早于整改方案印发日期{}，应是年份笔误，已按{}计。请与报送单位核实。",
                render_date(written),
                render_date(issued),
                render_date(fixed)
            ),
        ));
    }
}

/// Units whose latest return is dated before this round's notice (plan.toml
/// `notice_date`, when set): most likely last round's file sent again. Its progress
/// counts (it is the unit's latest word), with a warning per such file asking whether
/// there is news. A unit that also sent a return dated on or after the notice is not
/// warned of: its old file is an earlier version.
pub(super) fn before_notice(files: &[FileEntry], notice: Option<NaiveDate>) -> Vec<Problem> {
    let Some(notice) = notice else {
        return Vec::new();
    };
    // Files with progress read only: a letter with nothing read (dated by its
    // signature) counted none, and does not make an older return's progress current.
    let read = || files.iter().filter(|f| f.records > 0);
    let mut latest: BTreeMap<&str, NaiveDate> = BTreeMap::new();
    for f in read() {
        if let (Some(unit), Some(on)) = (&f.unit, f.filed_on) {
            let e = latest.entry(unit.as_str()).or_insert(on);
            *e = (*e).max(on);
        }
    }
    read()
        .filter_map(|f| {
            let (unit, on) = (f.unit.as_deref()?, f.filed_on?);
            (on < notice && latest.get(unit).is_some_and(|l| *l < notice)).then(|| {
                Problem::new(
                    Severity::Warning,
                    Code::FiledBeforeNotice,
                    &f.file,
                    format!(
                        "填报日期为{}，早于本轮通知日期{}，可能是{unit}上一轮的报表。其中的进展已计入本期汇总；请与{unit}核实本轮有无新进展，如有请重新报送。",
                        render_date(on),
                        render_date(notice)
                    ),
                )
            })
        })
        .collect()
}

/// The problem of a sheet's rows filed after the as-of date.
fn filed_late(
    file: &str,
    sheet: &str,
    filed: NaiveDate,
    rows: &[u32],
    as_of: NaiveDate,
) -> Problem {
    // Months after the round: more likely a slip of the year (2021年 for 2020年) than a
    // return filed ahead of its time.
    let slip = (filed - as_of).num_days() > SLIP_DAYS;
    let message = if slip {
        let meant = filed
            .with_year(as_of.year())
            .filter(|d| *d <= as_of)
            .map(|d| format!("（如应为{}）", render_date(d)))
            .unwrap_or_default();
        format!(
            "填报日期{}比本期统计截止日期{}晚{}天，可能是年份填写有误{meant}。其中{}行进展本期未计入（第{}行）；如日期有误，请该单位改正后重新报送。",
            render_date(filed),
            render_date(as_of),
            (filed - as_of).num_days(),
            rows.len(),
            join_rows(rows)
        )
    } else {
        format!(
            "填报日期{}晚于本期统计截止日期{}，其中{}行进展本期不计入，将在下一期汇总时计入（第{}行）。",
            render_date(filed),
            render_date(as_of),
            rows.len(),
            join_rows(rows)
        )
    };
    let severity = if slip {
        Severity::Warning
    } else {
        Severity::Info
    };
    Problem::new(severity, Code::FiledAfterAsOf, file, message)
        .at(Some(sheet), rows.iter().min().copied())
}

/// How many days after the as-of date a filing date looks like a slip of the pen.
pub(super) const SLIP_DAYS: i64 = 90;

/// The problem of a row reported 已完成 whose completion date is after the as-of date
/// ([`completed_late`]) or after the day the return was filed (a date planned, or a
/// slip: the clerk is asked, the row counts as written).
fn completion_dated_late(r: &Record, as_of: NaiveDate) -> Option<Problem> {
    if r.status != Status::Completed {
        return None;
    }
    let done = r.completed_on?;
    let after_filing = r.filed_by().filter(|f| done > *f);
    // A month without a day that holds the as-of date (2020年12月 at 12月10日): done
    // within it, by all the row says (`UnitReport::completed_after`).
    let in_the_month = || {
        crate::common::dates::parse_date_span(&r.completed_text, Some(as_of.year()))
            .is_some_and(|(first, last)| first <= as_of && last == done)
    };
    if done > as_of && !in_the_month() {
        // After the day it was filed too: the report is 待核实, and asked about as such
        // (`doubt::done_after_filing`).
        return after_filing
            .is_none()
            .then(|| completed_late(r, done, as_of));
    }
    let filed = after_filing?;
    Some(
        Problem::new(
            Severity::Warning,
            Code::CompletedAfterFiling,
            &r.source.file,
            format!(
                "填报为已完成，但完成{}晚于填报日期{}。请核实完成时间（是否为计划完成时间）。",
                completion_said(r, done),
                render_date(filed)
            ),
        )
        .at(Some(&r.source.sheet), Some(r.source.row)),
    )
}

/// A row's completion as a warning quotes it: 时间“2020年12月3日” as written, else
/// 日期2020年12月3日.
fn completion_said(r: &Record, done: NaiveDate) -> String {
    match r.completed_text.trim() {
        "" => format!("日期{}", render_date(done)),
        t => format!("时间“{}”", crate::common::text::excerpt(t, 20)),
    }
}

/// The warning of a row reported 已完成 in a year before the plan's (2019年11月30日 for a
/// plan of 2020年9月23日): a slip of the year, most likely (adv50 a 8: counted without a
/// word). Work done weeks before the plan was issued (its deadlines were set after an
/// inspection) is common and not warned of. The row counts as written. Years far before
/// the plan are warned of as they are read (ingest).
fn completion_before_plan(r: &Record, issued: NaiveDate) -> Option<Problem> {
    use chrono::Datelike;
    let done = r.completed_on.filter(|d| d.year() < issued.year())?;
    (r.status == Status::Completed && done.year() >= issued.year() - 5)
        .then(|| {
            Problem::new(
                Severity::Warning,
                Code::DateUnreadable,
                &r.source.file,
                format!(
                    "填报为已完成，但完成{}早于整改方案印发日期{}，可能是年份填写有误，已按原文计入。请核实完成时间。",
                    completion_said(r, done),
                    render_date(issued)
                ),
            )
            .at(Some(&r.source.sheet), Some(r.source.row))
        })
}

/// The problem of a completion dated after the as-of date (the row counts as 正在推进).
/// A completion that far after the as-of date on a row reported 已完成 reads as a slip
/// of the year (2029年9月30日 for 2020), and is warned of as one.
fn completed_late(r: &Record, done: NaiveDate, as_of: NaiveDate) -> Problem {
    let slip = (done - as_of).num_days() > SLIP_DAYS;
    let (severity, hint) = if slip {
        (
            Severity::Warning,
            "可能是年份填写有误，如日期有误请该单位改正后重新报送；",
        )
    } else {
        (Severity::Info, "")
    };
    Problem::new(
        severity,
        Code::CompletedAfterAsOf,
        &r.source.file,
        format!(
            "填报的完成{}晚于本期统计截止日期{}，{hint}本期按“{}”统计。",
            // What the unit wrote (2021年1月), not the day it was read as.
            completion_said(r, done),
            render_date(as_of),
            Status::InProgress.label()
        ),
    )
    .at(Some(&r.source.sheet), Some(r.source.row))
}

/// One part of the records split: those of this round, the problems of their completion
/// dates, and the late rows as runs of one sheet (file, sheet, the first filing date,
/// rows), in record order.
struct Part {
    kept: Vec<Record>,
    problems: Vec<Problem>,
    late: Vec<((String, String), NaiveDate, Vec<u32>)>,
    /// (unit, 序号) of each late row that gives both.
    late_tasks: Vec<(String, u32)>,
}

/// The tasks (by the 序号 written) each unit's returns filed after the as-of date hold,
/// 0 for a row with none: a reminder does not ask again for what such a return already
/// has.
pub(super) type LateTasks = BTreeMap<String, Vec<u32>>;

fn split(records: Vec<Record>, (as_of, issued): (NaiveDate, NaiveDate), own: Option<&str>) -> Part {
    // Grown as needed: most records of a chunk can be late.
    let mut part = Part {
        kept: Vec::new(),
        problems: Vec::new(),
        late: Vec::new(),
        late_tasks: Vec::new(),
    };
    for r in records {
        match r.filed_on {
            Some(d) if d > as_of && (own.is_none() || r.unit.as_deref() != own) => {
                // (0: a row with no 序号, its task not known.)
                if let Some(unit) = &r.unit {
                    part.late_tasks.push((unit.clone(), r.id.unwrap_or(0)));
                }
                let source = r.source;
                match part.late.last_mut() {
                    // Rows come sheet by sheet: a late row usually continues a run.
                    Some(((file, sheet), _, rows))
                        if *file == source.file && *sheet == source.sheet =>
                    {
                        rows.push(source.row)
                    }
                    _ => part
                        .late
                        .push(((source.file, source.sheet), d, vec![source.row])),
                }
            }
            _ => {
                part.problems.extend(completion_dated_late(&r, as_of));
                part.problems.extend(completion_before_plan(&r, issued));
                part.kept.push(r);
            }
        }
    }
    part
}

/// 3、4、5 → "3–5"; gaps joined with 、.
fn join_rows(rows: &[u32]) -> String {
    let mut rows = rows.to_vec();
    rows.sort_unstable();
    rows.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
            j += 1;
        }
        parts.push(if j > i {
            format!("{}–{}", rows[i], rows[j])
        } else {
            rows[i].to_string()
        });
        i = j + 1;
    }
    parts.join("、")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    fn record(i: u32) -> Record {
        let day = |n: u32| NaiveDate::from_ymd_opt(2020, 11, 1 + n % 30);
        // Files of 7–40 rows over two sheets; some files late, some rows late alone.
        let file = i / 23;
        Record {
            source: Source {
                file: format!("回表/{file}.xlsx"),
                sheet: format!("Sheet{}", (i / 5) % 2),
                row: 3 + i % 23,
            },
            unit: None,
            unit_from: None,
            filed_on: if file.is_multiple_of(3) {
                None
            } else {
                day(file * 7 + i % 2)
            },
            period: None,
            id_text: i.to_string(),
            id: Some(i % 63 + 1),
            measure_text: String::new(),
            status: if i.is_multiple_of(4) {
                Status::Completed
            } else {
                Status::InProgress
            },
            status_text: String::new(),
            progress: format!("进展{i}"),
            completed_on: day(i),
            completed_text: String::new(),
            note: String::new(),
            evidence: String::new(),
            deadline_text: String::new(),
            hidden: false,
            via: None,
            filed_in_month: false,
        }
    }

    /// The step as it was written before it was split in chunks: one pass, the late
    /// rows grouped by their (file, sheet) as they come (the problems worded as the
    /// step words them).
    fn one_pass(
        records: Vec<Record>,
        as_of: NaiveDate,
        problems: &mut Vec<Problem>,
    ) -> Vec<Record> {
        let mut late: BTreeMap<(String, String), (NaiveDate, Vec<u32>)> = BTreeMap::new();
        let mut kept = Vec::with_capacity(records.len());
        for r in records {
            match r.filed_on {
                Some(d) if d > as_of => {
                    late.entry((r.source.file.clone(), r.source.sheet.clone()))
                        .or_insert_with(|| (d, Vec::new()))
                        .1
                        .push(r.source.row);
                }
                _ => {
                    problems.extend(completion_dated_late(&r, as_of));
                    kept.push(r);
                }
            }
        }
        for ((file, sheet), (filed, rows)) in late {
            problems.push(filed_late(&file, &sheet, filed, &rows, as_of));
        }
        kept
    }

    #[test]
    fn parts_give_what_one_pass_gives() {
        let as_of = NaiveDate::from_ymd_opt(2020, 11, 15).unwrap();
        let n = 12_305;
        let records: Vec<Record> = (0..n).map(record).collect();
        // Parts of uneven sizes, some empty, a late sheet's rows across two parts.
        let mut parts = Vec::new();
        let mut rest = records.clone().into_iter();
        for size in (0..).map(|k| [0, 1, 7, 300, 4096, 33][k % 6]) {
            let part: Vec<Record> = rest.by_ref().take(size).collect();
            if part.is_empty() && size > 0 {
                break;
            }
            parts.push(part);
        }
        let (mut p1, mut p2) = (Vec::new(), Vec::new());
        let mut late_tasks = LateTasks::new();
        let issued = NaiveDate::from_ymd_opt(2020, 9, 23).unwrap();
        let kept: Vec<Record> = this_round(parts, (as_of, issued), None, &mut p1, &mut late_tasks)
            .into_iter()
            .flatten()
            .collect();
        let expected = one_pass(records, as_of, &mut p2);
        assert!(kept.len() > 1000 && kept.len() < n as usize - 1000);
        assert_eq!(kept, expected);
        assert!(p1.iter().any(|p| p.code == Code::FiledAfterAsOf));
        assert!(p1.iter().any(|p| p.code == Code::CompletedAfterAsOf));
        assert_eq!(p1, p2);
    }

    #[test]
    fn a_filing_date_months_late_is_a_likely_slip() {
        let as_of = NaiveDate::from_ymd_opt(2020, 12, 10).unwrap();
        let next_year = NaiveDate::from_ymd_opt(2021, 12, 4).unwrap();
        let p = filed_late("a.xlsx", "Sheet", next_year, &[4, 5], as_of);
        assert_eq!(p.severity, Severity::Warning);
        assert!(
            p.message
                .contains("可能是年份填写有误（如应为2020年12月4日）"),
            "{}",
            p.message
        );
        let soon = NaiveDate::from_ymd_opt(2020, 12, 15).unwrap();
        let p = filed_late("a.xlsx", "Sheet", soon, &[4], as_of);
        assert_eq!(p.severity, Severity::Info);
        assert!(p.message.contains("将在下一期汇总时计入"), "{}", p.message);
    }

    #[test]
    fn rows_as_ranges() {
        assert_eq!(join_rows(&[5, 3, 4, 9, 11, 12]), "3–5、9、11–12");
        assert_eq!(join_rows(&[7]), "7");
    }
}
