//! Step 2: several reports of one unit on one task.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Code, Problem, Severity, Status, UnitReport};

/// Resolve every (task, unit) group; returns the reports per task (group order kept).
pub(super) fn resolve_all(
    by_key: BTreeMap<(u32, String), Vec<UnitReport>>,
    problems: &mut Vec<Problem>,
) -> BTreeMap<u32, Vec<UnitReport>> {
    let mut by_task: BTreeMap<u32, Vec<UnitReport>> = BTreeMap::new();
    for ((id, unit), mut reports) in by_key {
        resolve_versions(id, &unit, &mut reports, problems);
        by_task.entry(id).or_default().append(&mut reports);
    }
    by_task
}

/// Several reports of one unit on one task: the latest filing date stands. Among the
/// latest (equal or unknown dates), identical content is a duplicate; different content
/// is a conflict, and all of them stay current (the task status takes the least
/// advanced).
fn resolve_versions(id: u32, unit: &str, reports: &mut [UnitReport], problems: &mut Vec<Problem>) {
    if reports.len() < 2 {
        return;
    }
    reports.sort_by(|a, b| {
        b.filed_on
            .cmp(&a.filed_on)
            .then_with(|| a.source.cmp(&b.source))
    });
    let latest = reports.iter().filter_map(|r| r.filed_on).max();
    let in_top = |r: &UnitReport| r.filed_on.is_none() || r.filed_on == latest;
    for r in reports.iter_mut() {
        r.superseded = !in_top(r);
    }
    problems.extend(stepped_back(id, unit, reports));
    let top: Vec<usize> = (0..reports.len())
        .filter(|&i| !reports[i].superseded)
        .collect();
    if top.len() < 2 {
        return;
    }
    // The same status in other words (持续推进, 长期坚持) is the same content; the words
    // of a status not recognised are the content.
    let key = |r: &UnitReport| {
        (
            r.status,
            if r.status == Status::Unclear {
                r.status_text.trim().to_string()
            } else {
                String::new()
            },
            r.progress.trim().to_string(),
            r.completed_on,
        )
    };
    if one_table(reports, &top) {
        combine_rows(id, unit, reports, &top, problems);
        return;
    }
    let first = key(&reports[top[0]]);
    let places: Vec<String> = top
        .iter()
        .map(|&i| {
            let s = &reports[i].source;
            format!("{} 工作表“{}”第{}行", s.file, s.sheet, s.row)
        })
        .collect();
    let (file0, sheet0, row0) = {
        let s = &reports[top[0]].source;
        (s.file.clone(), s.sheet.clone(), s.row)
    };
    if top.iter().all(|&i| key(&reports[i]) == first) {
        for &i in &top[1..] {
            reports[i].superseded = true;
        }
        problems.push(
            Problem::new(
                Severity::Info,
                Code::Duplicate,
                &file0,
                format!(
                    "{unit}对第{id}项的进展重复报送（{}），内容相同，只计一次。",
                    places.join("、")
                ),
            )
            .at(Some(&sheet0), Some(row0)),
        );
    } else {
        let dates: BTreeSet<String> = top
            .iter()
            .map(|&i| {
                reports[i]
                    .filed_on
                    .map_or("未填".to_string(), crate::common::dates::render_date)
            })
            .collect();
        problems.push(
            Problem::new(
                Severity::Error,
                Code::Conflict,
                &file0,
                format!(
                    "{unit}对第{id}项报送了内容不同的多条进展（{}），填报日期{}，无法判断以哪条为准，暂按最保守的状态汇总。请该单位确认后重新报送一份。",
                    places.join("、"),
                    if dates.len() == 1 { format!("均为{}", dates.iter().next().cloned().unwrap_or_default()) } else { format!("为{}", dates.into_iter().collect::<Vec<_>>().join("、")) }
                ),
            )
            .at(Some(&sheet0), Some(row0)),
        );
    }
}

/// An earlier return said more than the latest (已完成 on 11月30日, 正在推进 on 12月8日):
/// the latest stands, as a unit may find its work not finished after all, but the clerk
/// is told to check. `reports` are sorted latest first, the superseded ones marked.
fn stepped_back(id: u32, unit: &str, reports: &[UnitReport]) -> Option<Problem> {
    let latest = reports
        .iter()
        .find(|r| !r.superseded && r.filed_on.is_some())?;
    let earlier = reports
        .iter()
        .filter(|r| r.superseded && r.status.is_reported())
        .max_by_key(|r| r.status.advancement())?;
    if earlier.status.advancement() <= latest.status.advancement()
        || !matches!(earlier.status, Status::Completed | Status::NotApplicable)
    {
        return None;
    }
    let date = |r: &UnitReport| {
        r.filed_on
            .map_or_else(String::new, crate::common::dates::render_date)
    };
    Some(
        Problem::new(
            Severity::Warning,
            Code::SteppedBack,
            &latest.source.file,
            format!(
                "{unit}第{id}项{}报“{}”（{}），{}报“{}”，已按后者汇总。请与该单位核实是否出现反复。",
                date(earlier),
                earlier.status.label(),
                earlier.source.file,
                date(latest),
                latest.status.label()
            ),
        )
        .at(Some(&latest.source.sheet), Some(latest.source.row)),
    )
}

/// Whether the current reports `top` all come from one sheet of one file: rows of one
/// table (a task the unit split over several rows), not versions.
fn one_table(reports: &[UnitReport], top: &[usize]) -> bool {
    let s = &reports[top[0]].source;
    top.iter().all(|&i| {
        let o = &reports[i].source;
        o.file == s.file && o.sheet == s.sheet
    })
}

/// Several rows of one table on one task (序号 merged over two rows, each a part of
/// the work): one report, the first row's, with every row's progress in row order and
/// the least advanced status any of them gives (an unrecognised word only when all
/// are); the other rows stay in the ledger as superseded, and an info says so.
fn combine_rows(
    id: u32,
    unit: &str,
    reports: &mut [UnitReport],
    top: &[usize],
    problems: &mut Vec<Problem>,
) {
    let mut rows: Vec<usize> = top.to_vec();
    rows.sort_by_key(|&i| reports[i].source.row);
    let known: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&i| reports[i].status.advancement() > 1)
        .collect();
    let pick = known
        .iter()
        .copied()
        .min_by_key(|&i| (reports[i].status.advancement(), reports[i].source.row))
        .unwrap_or(rows[0]);
    let join = |texts: Vec<&str>| {
        let mut out: Vec<&str> = Vec::new();
        for t in texts.into_iter().map(str::trim).filter(|t| !t.is_empty()) {
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out.join("\n")
    };
    let progress = join(rows.iter().map(|&i| reports[i].progress.as_str()).collect());
    let note = join(rows.iter().map(|&i| reports[i].note.as_str()).collect());
    let evidence = join(rows.iter().map(|&i| reports[i].evidence.as_str()).collect());
    let status = reports[pick].status;
    let status_text = reports[pick].status_text.clone();
    let doubt = reports[pick].doubt.clone();
    let completed_on = rows
        .iter()
        .filter(|&&i| reports[i].status == Status::Completed)
        .filter_map(|&i| reports[i].completed_on)
        .max()
        .filter(|_| status == Status::Completed);
    let first = rows[0];
    {
        let r = &mut reports[first];
        r.progress = progress;
        r.note = note;
        r.evidence = evidence;
        r.status = status;
        r.status_text = status_text;
        r.doubt = doubt;
        r.completed_on = completed_on;
    }
    for &i in &rows[1..] {
        reports[i].superseded = true;
    }
    let s = &reports[first].source;
    let lines: Vec<String> = rows
        .iter()
        .map(|&i| reports[i].source.row.to_string())
        .collect();
    problems.push(
        Problem::new(
            Severity::Info,
            Code::Duplicate,
            &s.file,
            format!(
                "{unit}在工作表“{}”第{}行对第{id}项分行填写了进展，已合并为一条汇总，完成状态按其中进度最慢的计。",
                s.sheet,
                lines.join("、")
            ),
        )
        .at(Some(&s.sheet), Some(s.row)),
    );
}
