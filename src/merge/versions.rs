//! Step 2: several reports of one unit on one task.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use crate::ingest::similarity::normalise_for_match;
use crate::model::{Code, Problem, Severity, Status, UnitReport};

/// Resolve every (task, unit) group; returns the reports per task (group order kept).
/// `done_then_kept_up` lists the tasks due by a date and kept up after it (2020年9月底
/// 完成并长期坚持).
pub(super) fn resolve_all(
    by_key: BTreeMap<(u32, String), Vec<UnitReport>>,
    done_then_kept_up: &BTreeSet<u32>,
    problems: &mut Vec<Problem>,
) -> BTreeMap<u32, Vec<UnitReport>> {
    let mut by_task: BTreeMap<u32, Vec<UnitReport>> = BTreeMap::new();
    let mut stood = StoodOver::default();
    let stale = stale_corrections(&by_key, problems);
    for ((id, unit), mut reports) in by_key {
        let kept_up = done_then_kept_up.contains(&id);
        resolve_versions(
            id,
            &unit,
            &mut reports,
            kept_up,
            &stale,
            problems,
            &mut stood,
        );
        by_task.entry(id).or_default().append(&mut reports);
    }
    problems.extend(stood.infos());
    by_task
}

/// Several reports of one unit on one task: the latest filing date stands. Of those
/// filed together (equal or unknown dates), the latest period's stands (a 月份 column,
/// a sheet per month), then a corrected file's (区水利局（修改版）.xlsx). Among what is
/// left, identical content is a duplicate; where the unit's own return and another
/// unit's consolidation of it disagree, its own stands (a warning names both); other
/// different content is a conflict, and all of them stay current (the task status takes
/// the least advanced).
///
/// A corrected file whose 填报日期 was left from the old form (`stale`) counts as dated
/// by the latest completion it reports.
fn resolve_versions(
    id: u32,
    unit: &str,
    reports: &mut [UnitReport],
    kept_up_task: bool,
    stale: &BTreeMap<String, NaiveDate>,
    problems: &mut Vec<Problem>,
    stood: &mut StoodOver,
) {
    if reports.len() < 2 {
        return;
    }
    let dated = |r: &UnitReport| stale.get(&r.source.file).copied().or(r.filed_on);
    reports.sort_by(|a, b| {
        dated(b)
            .cmp(&dated(a))
            .then_with(|| a.source.cmp(&b.source))
    });
    let latest = reports.iter().filter_map(dated).max();
    let in_top = |r: &UnitReport| dated(r).is_none() || dated(r) == latest;
    for r in reports.iter_mut() {
        r.superseded = !in_top(r);
    }
    let date = |r: &UnitReport| {
        r.filed_on
            .map_or_else(String::new, crate::common::dates::render_date)
    };
    if let Some(i) = reports
        .iter()
        .position(|r| !r.superseded && r.filed_on.is_some())
    {
        let latest = &reports[i];
        let earlier = reports.iter().filter(|r| r.superseded);
        problems.extend(stepped_back(id, unit, latest, earlier, date));
        let fell = figure_fell(id, unit, latest, reports, date).map(|(problem, said)| {
            problems.push(problem);
            said
        });
        problems.extend(correction_dated_earlier(id, unit, latest, reports, stood));
        problems.extend(done_before_said_undone(id, unit, &reports[i], reports));
        reports[i].figure_fell = fell;
    }
    let mut top: Vec<usize> = (0..reports.len())
        .filter(|&i| !reports[i].superseded)
        .collect();
    stood.narrow(id, unit, reports, &mut top, problems);
    if let [current] = top[..] {
        if same_as_before(id, unit, reports, current, problems) {
            // Its status is now the earlier report's: whether it stepped back is asked
            // again (a blank status had read as one).
            let r = &reports[current];
            problems.retain(|p| p.code != Code::SteppedBack || !at_row(p, r));
            let earlier = reports.iter().filter(|r| r.superseded);
            problems.extend(stepped_back(id, unit, &reports[current], earlier, date));
        }
    }
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
            // Its words: the same progress copied into a Word version for the seal (a
            // final 。 added, two lines joined) is the same.
            normalise_for_match(&r.progress),
            r.completed_on,
        )
    };
    if one_table(reports, &top) {
        combine_rows(id, unit, reports, &top, kept_up_task, problems);
        return;
    }
    // The same table sent twice (朱沱镇.xlsx and 朱沱镇(1).xlsx, the task on two rows in
    // each): one copy counts, its rows combined (second review c 12: told as rows that
    // disagree, an error).
    if let Some(copy) = one_table_twice(reports, &top, key) {
        let places: Vec<String> = top
            .iter()
            .map(|&i| {
                let s = &reports[i].source;
                format!("{} 工作表“{}”", s.file, s.sheet)
            })
            .fold(Vec::new(), |mut v, p| {
                if !v.contains(&p) {
                    v.push(p);
                }
                v
            });
        for &i in top.iter().filter(|i| !copy.contains(i)) {
            reports[i].superseded = true;
        }
        let s = &reports[copy[0]].source;
        problems.push(
            Problem::new(
                Severity::Info,
                Code::Duplicate,
                &s.file,
                format!(
                    "{unit}对第{id}项的进展在{}中重复报送（每份{}行），内容相同，只计一次。",
                    places.join("、"),
                    copy.len()
                ),
            )
            .at(Some(&s.sheet), Some(s.row)),
        );
        combine_rows(id, unit, reports, &copy, kept_up_task, problems);
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
    } else if let Some((own, via)) = own_over_relayed(reports, &top, key) {
        // The unit's own return and another unit's consolidation of it disagree: the
        // unit's own words stand, the consolidation's row is set aside, said.
        for &i in &top {
            reports[i].superseded = i != own;
            reports[i].gave_way = i != own && reports[i].via.is_some();
        }
        let own = &reports[own].source;
        problems.push(
            Problem::new(
                Severity::Warning,
                Code::Conflict,
                &own.file,
                format!(
                    "{unit}自行报送的第{id}项进展与{via}汇总表中代填的{unit}进展内容不同（{}），以{unit}自行报送的为准。请{via}核实其汇总表中的这一行。",
                    places.join("、")
                ),
            )
            .at(Some(&own.sheet), Some(own.row)),
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

/// The latest report says the work was done on a day before an earlier report of the
/// unit, filed after that day, said it was not (来苏镇 on 12月2日: 正在推进; 区农业农村委's
/// consolidation of 12月4日: 已完成, 11月20日): the two cannot both hold. The latest
/// counts, as a later word does; the clerk is asked (adv54 a 8: the unit's own word was
/// set aside without one).
fn done_before_said_undone(
    id: u32,
    unit: &str,
    latest: &UnitReport,
    reports: &[UnitReport],
) -> Option<Problem> {
    let done = latest
        .completed_on
        .filter(|_| latest.status == Status::Completed)?;
    let said = reports.iter().find(|r| {
        r.superseded
            && matches!(r.status, Status::InProgress | Status::NotStarted)
            && r.filed_on.is_some_and(|f| f > done)
    })?;
    let render = crate::common::dates::render_date;
    let by = match &latest.via {
        Some(via) => format!("{via}汇总的{unit}进展"),
        None => format!("{unit}其后报送的进展"),
    };
    Some(
        Problem::new(
            Severity::Warning,
            Code::Conflict,
            &latest.source.file,
            format!(
                "{unit}于{}报送第{id}项为“{}”（{} 工作表“{}”第{}行），但{by}为“{}”，完成时间{}，早于前者，两者不一致，暂按后报的计。请核实。",
                render(said.filed_on.unwrap_or(done)),
                said.status.label(),
                said.source.file,
                said.source.sheet,
                said.source.row,
                Status::Completed.label(),
                render(done)
            ),
        )
        .at(Some(&latest.source.sheet), Some(latest.source.row)),
    )
}

/// Of a unit's current reports that disagree, whether its own (no `via`) all say the same
/// and the rest came in other units' consolidated returns: if so, its first own report
/// (the one that stands) and the first consolidating unit (its rows give way).
fn own_over_relayed<K: PartialEq>(
    reports: &[UnitReport],
    top: &[usize],
    key: impl Fn(&UnitReport) -> K,
) -> Option<(usize, String)> {
    let (own, relayed): (Vec<usize>, Vec<usize>) =
        top.iter().partition(|&&i| reports[i].via.is_none());
    let first = *own.first()?;
    let via = reports[*relayed.first()?].via.clone()?;
    let said = key(&reports[first]);
    own.iter()
        .all(|&i| key(&reports[i]) == said)
        .then_some((first, via))
}

/// The latest report says only that nothing changed (同上月, 无新进展，同上月): the
/// unit's last report before it stands in its words, and in its status when the latest
/// left the status blank. The clerk is told (an info), and the note says so. Returns
/// whether the status was taken.
fn same_as_before(
    id: u32,
    unit: &str,
    reports: &mut [UnitReport],
    current: usize,
    problems: &mut Vec<Problem>,
) -> bool {
    let Some(said) = crate::ingest::unchanged::says_same_as_before(&reports[current].progress)
    else {
        return false;
    };
    // The reports are newest first: the last real one before it.
    let Some(before) = reports.iter().position(|r| {
        r.superseded
            && crate::ingest::unchanged::says_same_as_before(&r.progress).is_none()
            && !r.progress.trim().is_empty()
    }) else {
        return false;
    };
    let earlier = reports[before].clone();
    let when = earlier
        .filed_on
        .map_or_else(|| "上次".to_string(), crate::common::dates::render_date);
    let r = &mut reports[current];
    r.progress = earlier.progress;
    let blank_status = r.status == Status::Unclear && r.status_text.trim().is_empty();
    if blank_status {
        r.status = earlier.status;
        r.status_text = earlier.status_text;
        r.doubt = earlier.doubt;
        // Ingest's warning of the blank status is answered by the earlier report.
        problems.retain(|p| p.code != Code::StatusUnclear || !at_row(p, r));
    }
    if r.completed_on.is_none() && r.status == earlier.status {
        r.completed_on = earlier.completed_on;
        r.completed_in_month = earlier.completed_in_month;
    }
    let note = format!("本次填写“{said}”，沿用{when}报送的进展。");
    r.note = if r.note.is_empty() {
        note
    } else {
        format!("{}\n{note}", r.note)
    };
    problems.push(
        Problem::new(
            Severity::Info,
            Code::Duplicate,
            &r.source.file,
            format!("{unit}对第{id}项填写“{said}”，已沿用其{when}报送的进展。"),
        )
        .at(Some(&r.source.sheet), Some(r.source.row)),
    );
    blank_status
}

/// Whether `p` is raised at the row of `r`.
fn at_row(p: &Problem, r: &UnitReport) -> bool {
    p.file == r.source.file
        && p.sheet.as_ref() == Some(&r.source.sheet)
        && p.row == Some(r.source.row)
}

/// An earlier return said more than the latest (已完成 on 11月30日, 正在推进 on 12月8日):
/// the latest stands, as a unit may find its work not finished after all, but the clerk
/// is told to check. `when` names a report's time (its filing date, its month).
fn stepped_back<'r>(
    id: u32,
    unit: &str,
    latest: &UnitReport,
    earlier: impl Iterator<Item = &'r UnitReport>,
    when: impl Fn(&UnitReport) -> String,
) -> Option<Problem> {
    let earlier = earlier
        .filter(|r| r.status.is_reported())
        .max_by_key(|r| r.status.advancement())?;
    if earlier.status.advancement() <= latest.status.advancement()
        || !matches!(earlier.status, Status::Completed | Status::NotApplicable)
    {
        return None;
    }
    Some(
        Problem::new(
            Severity::Warning,
            Code::SteppedBack,
            &latest.source.file,
            format!(
                "{unit}第{id}项{}报“{}”（{}），{}报“{}”，已按后者汇总。请与该单位核实是否出现反复。",
                when(earlier),
                earlier.status.label(),
                place(earlier),
                when(latest),
                latest.status.label()
            ),
        )
        .at(Some(&latest.source.sheet), Some(latest.source.row)),
    )
}

/// Measure words a count of work done ends with (已清掏化粪池560座, 累计查处46起).
const COUNT_WORDS: &[&str] = &[
    "公里", "万元", "座", "个", "处", "家", "起", "台", "套", "米", "吨", "户", "条", "宗", "件",
    "次", "名", "人", "亩", "口", "艘", "根",
];

/// The counts of work done a text gives: the verb after 已 or 累计 (清掏, 查处) and the
/// measure word, with the number, in the same clause (已清掏化粪池560座 → (清掏, 座,
/// 560)). A share (已完成80%) is no count.
fn done_counts(text: &str) -> Vec<(String, &'static str, f64)> {
    let mut out = Vec::new();
    for clause in text.split(['，', '。', '；', ',', ';', '\n', '：', ':']) {
        for opener in ["已", "累计"] {
            for (i, _) in clause.match_indices(opener) {
                // 已累计: read once, from 已.
                if opener == "累计" && clause[..i].ends_with('已') {
                    continue;
                }
                let rest = &clause[i + opener.len()..];
                let rest = rest.strip_prefix("累计").unwrap_or(rest);
                let verb: String = rest.chars().take(2).collect();
                if verb.chars().count() < 2 || verb.chars().any(|c| !is_han(c)) {
                    continue;
                }
                let after = &rest[verb.len()..];
                let Some(at) = after.find(|c: char| c.is_ascii_digit()) else {
                    continue;
                };
                // The object between the verb and the number: a few characters, no other
                // number or verb clause.
                if after[..at].chars().count() > 8 {
                    continue;
                }
                let digits = &after[at..];
                let end = digits
                    .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .unwrap_or(digits.len());
                let Ok(n) = digits[..end].parse::<f64>() else {
                    continue;
                };
                let tail = digits[end..].trim_start_matches('余');
                let (n, tail) = match tail.strip_prefix('万') {
                    Some(t) if !t.starts_with('元') => (n * 10_000.0, t),
                    _ => (n, tail),
                };
                if let Some(w) = COUNT_WORDS.iter().find(|w| tail.starts_with(**w)) {
                    out.push((verb, *w, n));
                }
            }
        }
    }
    out
}

/// A Chinese character (an ideograph of the basic block, no punctuation): what a verb
/// after 已 is written in.
fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A count of work done that fell between an earlier report and the latest.
pub(super) struct FallenFigure<'r> {
    pub earlier: &'r UnitReport,
    /// The work (清掏) and its measure word (座).
    pub verb: String,
    pub word: &'static str,
    pub then: f64,
    pub now: f64,
}

/// Of `earlier` (newest first), the first report giving a count of the same work as
/// `latest` gives, larger than `latest`'s.
pub(super) fn fallen_figure<'r>(
    latest: &UnitReport,
    earlier: impl Iterator<Item = &'r UnitReport>,
) -> Option<FallenFigure<'r>> {
    let now = done_counts(&latest.progress);
    if now.is_empty() {
        return None;
    }
    earlier.into_iter().find_map(|r| {
        let before = done_counts(&r.progress);
        now.iter().find_map(|(verb, word, n)| {
            before
                .iter()
                .find(|(v, w, then)| v == verb && w == word && *then > *n)
                .map(|(_, _, then)| FallenFigure {
                    earlier: r,
                    verb: verb.clone(),
                    word,
                    then: *then,
                    now: *n,
                })
        })
    })
}

/// A count as written: 560, 3.5.
pub(super) fn figure(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// A count of work done that the unit's latest report gives smaller than its last
/// earlier report with a count of the same work (12月3日 已清掏化粪池560座, 12月4日
/// 已清掏356座): done work does not shrink, so the figures are for the clerk to check
/// (a different scope, or a typing error). One warning naming both, and the change as
/// the documents say it (已清掏数量由560座减为356座: `UnitReport::figure_fell`).
fn figure_fell(
    id: u32,
    unit: &str,
    latest: &UnitReport,
    reports: &[UnitReport],
    when: impl Fn(&UnitReport) -> String,
) -> Option<(Problem, String)> {
    // Newest first: the last earlier report with a filing date.
    let earlier = reports
        .iter()
        .filter(|r| r.superseded && r.filed_on.is_some() && r.filed_on < latest.filed_on);
    let FallenFigure {
        earlier,
        verb,
        word,
        then,
        now: n,
    } = fallen_figure(latest, earlier)?;
    let said = format!(
        "已{verb}数量由{}{word}减为{}{word}",
        figure(then),
        figure(n)
    );
    let problem = Problem::new(
            Severity::Warning,
            Code::FigureFell,
            &latest.source.file,
            format!(
                "{unit}第{id}项{now}报送的已{verb}数量（{}{word}）少于{}报送的（{}{word}，{}），已按{now}报送的汇总。已完成的工作量一般不会减少，请与该单位核实统计口径或数字。",
                figure(n),
                when(earlier),
                figure(then),
                place(earlier),
                now = when(latest),
            ),
        )
        .at(Some(&latest.source.sheet), Some(latest.source.row));
    Some((problem, said))
}

/// A file's filing date and the latest completion it reports.
type FiledAndDone = (Option<NaiveDate>, Option<NaiveDate>);

/// Corrected files (区城市管理局（更新版）.xlsx) whose 填报日期 is older than another
/// return of the same unit while a completion they report is after both: the date was
/// left from the old form, and the file stands as dated by that completion (the latest
/// one within the other files' dates and its own). One warning per such file, saying so.
fn stale_corrections(
    by_key: &BTreeMap<(u32, String), Vec<UnitReport>>,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, NaiveDate> {
    // Per (unit, file): its filing date and latest completion.
    let mut files: BTreeMap<(&str, &str), FiledAndDone> = BTreeMap::new();
    for ((_, unit), reports) in by_key {
        for r in reports {
            let e = files
                .entry((unit.as_str(), r.source.file.as_str()))
                .or_insert((r.filed_on, None));
            e.1 = e.1.max(r.completed_on);
        }
    }
    let mut out = BTreeMap::new();
    for (&(unit, file), &(filed, done)) in &files {
        let (Some(filed), Some(done)) = (filed, done) else {
            continue;
        };
        if !is_corrected(file) || done <= filed {
            continue;
        }
        // The other files of the unit dated after this one, and before its completion.
        let newer: Vec<(&str, NaiveDate)> = files
            .iter()
            .filter(|((u, f), _)| *u == unit && *f != file)
            .filter_map(|(&(_, f), &(d, _))| Some((f, d?)))
            .filter(|&(_, d)| d > filed && d < done)
            .collect();
        let Some(&(other, other_date)) = newer.iter().max_by_key(|(_, d)| *d) else {
            continue;
        };
        out.insert(file.to_string(), done);
        let date = crate::common::dates::render_date;
        problems.push(Problem::new(
            Severity::Warning,
            Code::SteppedBack,
            file,
            format!(
                "“{file}”注明为更新版本，填报日期（{}）早于“{other}”（{}），但其中报送的完成时间（{}）晚于两者，填报日期应是沿用了旧表，已按“{file}”汇总。请与{unit}核实。",
                date(filed),
                date(other_date),
                date(done)
            ),
        ));
    }
    out
}

/// A file that says it corrects another (区水利局（更正）.xlsx) but is dated before an
/// unmarked return saying something else (the original's 填报日期 typed in advance): the
/// later date stands, and the clerk is told to check which the unit meant.
fn correction_dated_earlier(
    id: u32,
    unit: &str,
    latest: &UnitReport,
    reports: &[UnitReport],
    ranks: &mut StoodOver,
) -> Option<Problem> {
    if ranks.rank(&latest.source.file) > 0 {
        return None;
    }
    let corrected = reports.iter().find(|r| {
        r.superseded
            && ranks.rank(&r.source.file) > 0
            && r.source.file != latest.source.file
            && (r.status != latest.status
                || normalise_for_match(&r.progress) != normalise_for_match(&latest.progress))
    })?;
    let date = |r: &UnitReport| r.filed_on.map(crate::common::dates::render_date);
    Some(
        Problem::new(
            Severity::Warning,
            Code::SteppedBack,
            &latest.source.file,
            format!(
                "{unit}第{id}项：“{}”注明为更正版本（报“{}”），但填报日期（{}）早于“{}”（{}，报“{}”），已按填报日期较晚的汇总。请与该单位核实以哪份为准。",
                corrected.source.file,
                corrected.status.label(),
                date(corrected).unwrap_or_default(),
                latest.source.file,
                date(latest).unwrap_or_default(),
                latest.status.label()
            ),
        )
        .at(Some(&latest.source.sheet), Some(latest.source.row)),
    )
}

/// Where a report was read: its file, and its sheet when the sheet's name tells a
/// period (区水利局.xlsx 工作表“11月”).
fn place(r: &UnitReport) -> String {
    if r.period.is_some() && !r.source.sheet.is_empty() {
        format!(
            "{} 工作表“{}”第{}行",
            r.source.file, r.source.sheet, r.source.row
        )
    } else {
        r.source.file.clone()
    }
}

/// Words in a return's name (or its folder's) that say it corrects one sent before, and
/// those that say it is the last word (最终版 over 修改版 and 更新).
const CORRECTED: [&str; 11] = [
    "修改",
    "更正",
    "修订",
    "修正",
    "完善",
    "调整",
    "更新",
    "替换",
    "最新",
    "新版",
    "第二版",
];
/// Words that say a return was sent again, wherever they stand in its name (区财政局重新
/// 报送.xlsx); and 第N次 with N of 2 or more ([`name_ordinal`]).
const RESENT: [&str; 3] = ["重新报送", "再次报送", "重报"];
const FINAL: [&str; 4] = ["最终", "终稿", "定稿", "终版"];
/// Words that say a return is a draft, set aside by the unit's other returns.
const DRAFT: [&str; 3] = ["初稿", "草稿", "征求意见稿"];

/// Whether `word` marks the version in a return's path: followed by the end of the name,
/// a bracket, a separator or 版 / 稿 (区水利局（修改）.xlsx, 区水利局-更正.xlsx, 更新版),
/// not opening a content word (老旧管网更新改造专项进展.xlsx).
fn marks_version(path: &str, word: &str) -> bool {
    let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
    stem.match_indices(word).any(|(i, w)| {
        stem[i + w.len()..].chars().next().is_none_or(|c| {
            matches!(
                c,
                ')' | '）' | ']' | '】' | '-' | '_' | '—' | ' ' | '/' | '.' | '版' | '稿' | '后'
            ) || c.is_ascii_digit()
        })
    })
}

/// 改 or 新 alone as a version mark, set off before it by a separator or a bracket and
/// after it as [`marks_version`] wants (区水利局-改.xlsx, 区水利局（改）.xlsx, 区水利局_改2,
/// 区发展改革委（新）.xlsx), never inside a word (整改进展.xlsx, 新建污水管网.xlsx).
fn marks_short_correction(path: &str) -> bool {
    marks_alone(path, '改') || marks_alone(path, '新')
}

/// `word` alone as a version mark (改, 新: 区水利局（新）.xlsx), as
/// [`marks_short_correction`] wants it.
fn marks_alone(path: &str, word: char) -> bool {
    let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
    stem.match_indices(word).any(|(i, w)| {
        let set_off = stem[..i]
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '-' | '_' | '—' | ' ' | '(' | '（' | '[' | '【'));
        set_off && marks_version(&stem[i..], w)
    })
}

/// v2, V3: a version number of 2 or more, not inside a word of letters.
fn numbered_version(path: &str) -> bool {
    let chars: Vec<char> = path.chars().collect();
    chars.windows(2).enumerate().any(|(i, w)| {
        matches!(w[0], 'v' | 'V')
            && w[1].is_ascii_digit()
            && w[1] >= '2'
            && (i == 0 || !chars[i - 1].is_ascii_alphabetic())
    })
}

/// The month a return's file name names alone (区水利局整改进展（12月）, 11月份进展), not a
/// day of it: the round it was made for.
fn name_month(file: &str) -> Option<u32> {
    use chrono::Datelike;
    let name = file.rsplit(['/', '\\']).next()?;
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    if crate::common::dates::find_day_date(stem, Some(2020)).is_some() {
        return None;
    }
    crate::common::dates::find_filing_date(stem, Some(2020)).map(|d| d.month())
}

/// The ordinal a return's file name gives it as one of a series (区住房城乡建委（第四次
/// 报送）: 4, 次; 整改进展第3期: 3, 期; 第12轮: 12, 轮), the last one written, with the
/// word counted.
fn name_ordinal(file: &str) -> Option<(u32, char)> {
    let name = file.rsplit(['/', '\\']).next()?;
    ordinal_in(name.rsplit_once('.').map_or(name, |(stem, _)| stem))
}

/// The last 第N次 / 第N期 / 第N轮 in `text`: N and the word.
fn ordinal_in(text: &str) -> Option<(u32, char)> {
    text.match_indices('第').rev().find_map(|(i, w)| {
        let rest = &text[i + w.len()..];
        let end = rest.find(['次', '期', '轮'])?;
        let number = &rest[..end];
        let n = if number.chars().all(|c| c.is_ascii_digit()) {
            number.parse().ok()
        } else {
            crate::common::numerals::chinese_number(number)
        }?;
        let kind = rest[end..].chars().next()?;
        (n > 0).then_some((n, kind))
    })
}

/// How late a return's path says it is: 2 for 最终版, 1 for a correction or a return sent
/// again (区水利局（修改版）.xlsx, v2, 第2次报送), 0 for neither, -1 for a draft (初稿).
fn correction_rank(file: &str) -> i8 {
    let marked = |words: &[&str]| words.iter().any(|w| marks_version(file, w));
    if marked(&FINAL) {
        2
    } else if marked(&CORRECTED)
        || marks_short_correction(file)
        || RESENT.iter().any(|w| file.contains(w))
        || file
            .split(['/', '\\'])
            .filter_map(ordinal_in)
            .any(|(n, kind)| kind == '次' && n >= 2)
        || numbered_version(file)
    {
        1
    } else if marked(&DRAFT) {
        -1
    } else {
        0
    }
}

/// Whether a return's path says it corrects an earlier one.
fn is_corrected(file: &str) -> bool {
    correction_rank(file) > 0
}

/// A month as a clerk writes it: 11月, or 12月4日 for a day.
fn period_label(d: NaiveDate) -> String {
    if d.day() == 1 {
        format!("{}月", d.month())
    } else {
        crate::common::dates::render_day(d)
    }
}

/// Why some reports filed together stood over the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Over {
    /// A later month (a 月份 column, a sheet per month).
    Period,
    /// A corrected file (修改版).
    Correction,
    /// A return over a draft (初稿) of it.
    Draft,
    /// A sheet of a workbook over another sheet of it left undated or named a draft (the
    /// filled form beside a worksheet: 填报表 with its 填报日期 beside Sheet1, or 草稿).
    DraftSheet,
    /// A file whose name names a later month (区水利局整改进展（12月）.xlsx beside …（11月）
    /// .xlsx), both filed on one day: last month's file copied with its 填报日期 kept.
    NamedMonth,
    /// A file whose name numbers it later in a series (第四次报送 beside 第三次报送, 第4期
    /// beside 第3期), both filed on one day or both undated.
    NamedOrdinal,
    /// A sheet of a workbook whose name says it is the later one (第二次报送 beside 第一次
    /// 报送, 更新 beside 初报, 本期 beside 上期, Sheet1 (2) beside Sheet1).
    NamedSheet,
}

/// The reports that stood over others filed with them, gathered so that a file says it
/// once: per (unit, why, the standing file, the latest period), the tasks and what was
/// set aside (earlier months, or the files corrected).
#[derive(Default)]
struct StoodOver {
    groups: BTreeMap<StoodKey, (BTreeSet<u32>, BTreeSet<String>)>,
    /// Each file's [`correction_rank`], worked out once (a file holds a report on
    /// every task it answers).
    ranks: std::collections::HashMap<String, i8>,
}

/// The unit, why, the standing file and the latest period (or the standing file).
type StoodKey = (String, Over, String, String);

impl StoodOver {
    /// The file's [`correction_rank`].
    fn rank(&mut self, file: &str) -> i8 {
        if let Some(&rank) = self.ranks.get(file) {
            return rank;
        }
        let rank = correction_rank(file);
        self.ranks.insert(file.to_string(), rank);
        rank
    }

    /// Of `top` (reports filed together), keep those of the latest period, then those of
    /// corrected files when some are and some are not; mark the rest superseded.
    fn narrow(
        &mut self,
        id: u32,
        unit: &str,
        reports: &mut [UnitReport],
        top: &mut Vec<usize>,
        problems: &mut Vec<Problem>,
    ) {
        let periods: BTreeSet<NaiveDate> = top.iter().filter_map(|&i| reports[i].period).collect();
        if let (Some(&last), true) = (periods.last(), periods.len() > 1) {
            let earlier: Vec<usize> = top
                .iter()
                .copied()
                .filter(|&i| reports[i].period.is_some_and(|p| p < last))
                .collect();
            self.set_aside(id, unit, reports, top, &earlier, Over::Period, problems);
        }
        let ranks: Vec<i8> = reports.iter().map(|r| self.rank(&r.source.file)).collect();
        let rank = |i: &usize| ranks[*i];
        if top.iter().any(|i| rank(i) < 0) && top.iter().any(|i| rank(i) >= 0) {
            let drafts: Vec<usize> = top.iter().copied().filter(|i| rank(i) < 0).collect();
            self.set_aside(id, unit, reports, top, &drafts, Over::Draft, problems);
        }
        // Sheets of one workbook whose names order them (第一次报送 / 第二次报送): the
        // last, before an undated one is taken for a worksheet.
        if top.len() >= 2 && same_file(reports, top) {
            let names: Vec<&str> = top
                .iter()
                .map(|&i| reports[i].source.sheet.as_str())
                .collect();
            if let Some(order) = sheet_order(&names) {
                let order: Vec<Option<u32>> = order.into_iter().map(Some).collect();
                self.set_aside_named(id, unit, reports, top, &order, Over::NamedSheet, problems);
            }
        }
        let draft_sheets: Vec<usize> = top
            .iter()
            .copied()
            .filter(|&i| is_draft_sheet(reports, top, i))
            .collect();
        if !draft_sheets.is_empty() && draft_sheets.len() < top.len() {
            self.set_aside(
                id,
                unit,
                reports,
                top,
                &draft_sheets,
                Over::DraftSheet,
                problems,
            );
        }
        let last = top.iter().map(rank).max().unwrap_or(0);
        if last > 0 && top.iter().any(|i| rank(i) < last) {
            let earlier: Vec<usize> = top.iter().copied().filter(|i| rank(i) < last).collect();
            self.set_aside(id, unit, reports, top, &earlier, Over::Correction, problems);
        }
        // Files of one day each naming its month: the latest month's; then files
        // numbered in one series (第三次 / 第四次报送): the last. (Most tasks have one
        // report left by now: the names are read only for a tie.)
        if top.len() >= 2 {
            let months: Vec<Option<u32>> = top
                .iter()
                .map(|&i| name_month(&reports[i].source.file))
                .collect();
            self.set_aside_named(id, unit, reports, top, &months, Over::NamedMonth, problems);
        }
        if top.len() >= 2 {
            let ordinals: Vec<Option<(u32, char)>> = top
                .iter()
                .map(|&i| name_ordinal(&reports[i].source.file))
                .collect();
            let kinds: BTreeSet<char> = ordinals.iter().flatten().map(|&(_, k)| k).collect();
            if kinds.len() == 1 {
                let numbers: Vec<Option<u32>> =
                    ordinals.iter().map(|o| o.map(|(n, _)| n)).collect();
                self.set_aside_named(
                    id,
                    unit,
                    reports,
                    top,
                    &numbers,
                    Over::NamedOrdinal,
                    problems,
                );
            }
        }
    }

    /// Of `top`, each with the rank its file name gives it (`ranks`, in `top`'s order),
    /// set aside those ranked below the highest, when every name gives one.
    #[allow(clippy::too_many_arguments)]
    fn set_aside_named(
        &mut self,
        id: u32,
        unit: &str,
        reports: &mut [UnitReport],
        top: &mut Vec<usize>,
        ranks: &[Option<u32>],
        why: Over,
        problems: &mut Vec<Problem>,
    ) {
        if !ranks.iter().all(Option::is_some) {
            return;
        }
        let last = ranks.iter().flatten().max().copied();
        let earlier: Vec<usize> = top
            .iter()
            .zip(ranks)
            .filter(|(_, r)| **r < last)
            .map(|(&i, _)| i)
            .collect();
        if !earlier.is_empty() {
            self.set_aside(id, unit, reports, top, &earlier, why, problems);
        }
    }

    /// Mark `earlier` superseded, take them out of `top`, and note why.
    #[allow(clippy::too_many_arguments)]
    fn set_aside(
        &mut self,
        id: u32,
        unit: &str,
        reports: &mut [UnitReport],
        top: &mut Vec<usize>,
        earlier: &[usize],
        why: Over,
        problems: &mut Vec<Problem>,
    ) {
        for &i in earlier {
            reports[i].superseded = true;
        }
        top.retain(|i| !earlier.contains(i));
        let Some(&first) = top.first() else {
            return;
        };
        let standing = &reports[first];
        let label = |r: &UnitReport| match why {
            Over::Period => r.period.map(period_label).unwrap_or_default(),
            Over::NamedMonth => name_month(&r.source.file)
                .map(|m| format!("{m}月"))
                .unwrap_or_default(),
            Over::NamedOrdinal => name_ordinal(&r.source.file)
                .map(|(n, kind)| format!("第{n}{kind}"))
                .unwrap_or_default(),
            Over::Correction | Over::Draft => r.source.file.clone(),
            Over::DraftSheet | Over::NamedSheet => r.source.sheet.clone(),
        };
        let key = (
            unit.to_string(),
            why,
            standing.source.file.clone(),
            label(standing),
        );
        let entry = self.groups.entry(key).or_default();
        entry.0.insert(id);
        entry.1.extend(earlier.iter().map(|&i| label(&reports[i])));
        let when = |r: &UnitReport| match why {
            Over::Period | Over::NamedMonth | Over::NamedOrdinal => label(r),
            Over::Correction if is_corrected(&r.source.file) => "修改后".to_string(),
            Over::Correction => "原".to_string(),
            Over::Draft if correction_rank(&r.source.file) < 0 => "初稿".to_string(),
            Over::Draft => "正式报表".to_string(),
            Over::DraftSheet if r.source.sheet == standing.source.sheet => {
                format!("工作表“{}”", r.source.sheet)
            }
            Over::DraftSheet => format!("工作表“{}”（草稿）", r.source.sheet),
            Over::NamedSheet => format!("工作表“{}”", r.source.sheet),
        };
        problems.extend(stepped_back(
            id,
            unit,
            standing,
            earlier.iter().map(|&i| &reports[i]),
            when,
        ));
    }

    /// One info per group.
    fn infos(self) -> impl Iterator<Item = Problem> {
        self.groups
            .into_iter()
            .map(|((unit, why, file, latest), (ids, earlier))| {
                let ids: Vec<String> = ids.iter().map(u32::to_string).collect();
                let ids = ids.join("、");
                let earlier: Vec<String> = earlier.into_iter().collect();
                let message = match why {
                    Over::Period => format!(
                        "{unit}分期填写了进展（{}及{latest}），第{ids}项已按最近一期（{latest}）汇总，之前各期的进展不再计入。",
                        earlier.join("、")
                    ),
                    Over::Correction => format!(
                        "{unit}报送了多份报表，其中“{file}”注明为修改后或最终的版本，第{ids}项已按该文件汇总，“{}”中的进展不再计入。",
                        earlier.join("”“")
                    ),
                    Over::NamedMonth => format!(
                        "{unit}报送的多份报表填报日期相同，其中“{file}”的文件名注明为{latest}，第{ids}项已按该文件汇总，文件名注明为{}的报表中的进展不再计入。请核实各表的填报日期是否已更新。",
                        earlier.join("、")
                    ),
                    Over::NamedOrdinal => format!(
                        "{unit}报送的多份报表填报日期相同或都未填写，其中“{file}”的文件名注明为{latest}，第{ids}项已按该文件汇总，文件名注明为{}的报表中的进展不再计入。",
                        earlier.join("、")
                    ),
                    Over::DraftSheet => format!(
                        "{unit}报送的“{file}”中有多个工作表填写了进展，第{ids}项已按工作表“{latest}”汇总；工作表“{}”未填写填报日期或注明为草稿，其中的进展不再计入。请核实。",
                        earlier.join("”“")
                    ),
                    Over::Draft => format!(
                        "{unit}报送了多份报表，其中“{}”注明为初稿，第{ids}项已按“{file}”汇总，初稿中的进展不再计入。",
                        earlier.join("”“")
                    ),
                    Over::NamedSheet => format!(
                        "{unit}报送的“{file}”中有多个工作表填写了进展，按工作表名称，第{ids}项已按较新的工作表“{latest}”汇总，工作表“{}”中的进展不再计入。",
                        earlier.join("”“")
                    ),
                };
                Problem::new(Severity::Info, Code::Duplicate, &file, message)
            })
    }
}

/// Whether the reports `top` all come from one file.
fn same_file(reports: &[UnitReport], top: &[usize]) -> bool {
    let file = &reports[top[0]].source.file;
    top.iter().all(|&i| reports[i].source.file == *file)
}

/// Sheet-name words that say a sheet is the later of two in a workbook, and those that
/// say it is the earlier.
const NEWER_SHEET: [&str; 8] = [
    "最新", "更新", "修改", "本期", "本次", "新版", "新表", "更正",
];
const OLDER_SHEET: [&str; 6] = ["初报", "原表", "原稿", "上期", "上次", "旧"];

/// The order the names of a workbook's sheets give them, one number each (higher is
/// later), when they give one and not all alike: 第一次报送 / 第二次报送 (a 第N次, 第N轮
/// or 第N期 on every sheet); Sheet1 / Sheet1 (2) (a copy's number after the same name,
/// the name alone the first); 初报 / 更新, 上期 / 本期, 原表 / 修改后 (words). A sheet
/// named by none is between the older words and the newer.
fn sheet_order(names: &[&str]) -> Option<Vec<u32>> {
    let distinct: BTreeSet<&str> = names.iter().copied().collect();
    if distinct.len() < 2 {
        return None;
    }
    let ordinals: Option<Vec<(u32, char)>> = names.iter().map(|n| ordinal_in(n)).collect();
    if let Some(o) = ordinals {
        let kinds: BTreeSet<char> = o.iter().map(|&(_, k)| k).collect();
        if kinds.len() == 1 {
            return Some(o.into_iter().map(|(n, _)| n).collect());
        }
    }
    let copies: Vec<(&str, u32)> = names.iter().map(|n| copy_number(n)).collect();
    if copies.iter().all(|(base, _)| *base == copies[0].0) {
        return Some(copies.into_iter().map(|(_, n)| n).collect());
    }
    let by_words: Vec<u32> = names
        .iter()
        .map(|n| {
            if NEWER_SHEET.iter().any(|w| n.contains(w)) {
                2
            } else if OLDER_SHEET.iter().any(|w| n.contains(w)) {
                0
            } else {
                1
            }
        })
        .collect();
    by_words
        .iter()
        .any(|&r| r != by_words[0])
        .then_some(by_words)
}

/// A sheet's name without the number Excel gives a copy (Sheet1 (2), 进展表（3）), and
/// that number: 1 for a name without one.
fn copy_number(name: &str) -> (&str, u32) {
    let t = name.trim_end();
    let Some(open) = t.rfind(['(', '（']) else {
        return (t, 1);
    };
    let inner = t[open..]
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）']);
    match inner.parse::<u32>() {
        Ok(n) if t.ends_with([')', '）']) => (t[..open].trim_end(), n),
        _ => (t, 1),
    }
}

/// Whether report `i` of `top` is on a sheet left beside the form in its workbook: a
/// sheet without a filing date while another sheet of the file in `top` has one, or a
/// sheet named a draft (草稿, 初稿) beside one that is not.
fn is_draft_sheet(reports: &[UnitReport], top: &[usize], i: usize) -> bool {
    let r = &reports[i];
    let named_draft = |sheet: &str| DRAFT.iter().any(|w| sheet.contains(w));
    top.iter().map(|&j| &reports[j]).any(|o| {
        o.source.file == r.source.file
            && o.source.sheet != r.source.sheet
            && ((r.filed_on.is_none() && o.filed_on.is_some())
                || (named_draft(&r.source.sheet) && !named_draft(&o.source.sheet)))
    })
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

/// The rows of the first table among `top` when every other table (file and sheet) holds
/// rows of the same content (`key`) in the same order: one table sent more than once.
/// `None` when the tables differ or each holds a single row (a plain duplicate).
fn one_table_twice<K: PartialEq>(
    reports: &[UnitReport],
    top: &[usize],
    key: impl Fn(&UnitReport) -> K,
) -> Option<Vec<usize>> {
    let table = |i: usize| {
        let s = &reports[i].source;
        (s.file.as_str(), s.sheet.as_str())
    };
    let mut tables: Vec<(&str, &str)> = Vec::new();
    for &i in top {
        if !tables.contains(&table(i)) {
            tables.push(table(i));
        }
    }
    let rows_of = |t: (&str, &str)| {
        let mut rows: Vec<usize> = top.iter().copied().filter(|&i| table(i) == t).collect();
        rows.sort_by_key(|&i| reports[i].source.row);
        rows
    };
    let first = rows_of(*tables.first()?);
    let same = |t: &(&str, &str)| {
        let rows = rows_of(*t);
        rows.len() == first.len()
            && rows
                .iter()
                .zip(&first)
                .all(|(&a, &b)| key(&reports[a]) == key(&reports[b]))
    };
    (tables.len() > 1 && first.len() > 1 && tables[1..].iter().all(same)).then_some(first)
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
    kept_up_task: bool,
    problems: &mut Vec<Problem>,
) {
    let mut rows: Vec<usize> = top.to_vec();
    rows.sort_by_key(|&i| reports[i].source.row);
    let known: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&i| reports[i].status.advancement() > 1)
        .collect();
    // 已完成 on one row and 长期坚持 on another of a task due by a date and kept up
    // after it: 已完成并长期坚持, which is 已完成 (the work done, then kept up), not the
    // slower of the two. (On a task kept up with no date, the part done is a part.)
    let kept_up = kept_up_task
        && known
            .iter()
            .any(|&i| reports[i].status == Status::Completed)
        && known.iter().any(|&i| reports[i].status == Status::Ongoing)
        && known
            .iter()
            .all(|&i| matches!(reports[i].status, Status::Completed | Status::Ongoing));
    let pick = known
        .iter()
        .copied()
        .min_by_key(|&i| {
            let rank = match reports[i].status {
                Status::Completed if kept_up => 0,
                s => s.advancement(),
            };
            (rank, reports[i].source.row)
        })
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
    // 未启动 on one part beside another done or under way (30-1 已完成, 30-2 正在推进,
    // 30-3 未启动): the task has started, so it is under way, not the slowest part's 未启动
    // (adv50 a 2: the report listed it among tasks not started while quoting its work).
    let started_beside = reports[pick].status == Status::NotStarted
        && known.iter().any(|&i| {
            matches!(
                reports[i].status,
                Status::Completed | Status::InProgress | Status::Ongoing
            )
        });
    // A part whose status is not known beside parts all done (24-1 已完成, 24-2 相关工作):
    // the task is not known done (adv50 c 3: counted 已完成).
    let part_unknown = !known.is_empty()
        && known.len() < rows.len()
        && matches!(reports[pick].status, Status::Completed | Status::Ongoing)
        && rows.iter().any(|&i| reports[i].status == Status::Unclear);
    // The task written twice in the table, rows apart (a row between: another task's),
    // one row done and the other not: no parts of one task but two answers that
    // contradict each other, to check (session 57 review b 1: counted under way and
    // overdue while the report quoted the row saying it was done).
    let apart = rows
        .windows(2)
        .any(|w| reports[w[1]].source.row > reports[w[0]].source.row + 1);
    // (A row done below rows under way is read as before: the rows of two months, 11月
    // then 12月, under headings of their own: review c 4.)
    let first_done = rows
        .iter()
        .position(|&i| reports[i].status == Status::Completed);
    let last_not_done = rows
        .iter()
        .rposition(|&i| matches!(reports[i].status, Status::InProgress | Status::NotStarted));
    let contradicts =
        apart && !kept_up && matches!((first_done, last_not_done), (Some(d), Some(n)) if d < n);
    let status = if contradicts {
        Status::Unclear
    } else if started_beside {
        Status::InProgress
    } else if part_unknown {
        Status::Unclear
    } else {
        reports[pick].status
    };
    let status_text = if started_beside || part_unknown || contradicts {
        join(
            known
                .iter()
                .map(|&i| reports[i].status_text.as_str())
                .collect(),
        )
        .replace('\n', "、")
    } else {
        reports[pick].status_text.clone()
    };
    let doubt = if contradicts {
        let said: Vec<&str> = [Status::Completed, Status::InProgress, Status::NotStarted]
            .into_iter()
            .filter(|s| known.iter().any(|&i| reports[i].status == *s))
            .map(Status::label)
            .collect();
        Some(format!("分两处报送“{}”，相互矛盾", said.join("”和“")))
    } else {
        reports[pick].doubt.clone()
    };
    // The latest completion; said as a day when any row gave that day.
    let completed = rows
        .iter()
        .filter(|&&i| reports[i].status == Status::Completed)
        .filter_map(|&i| Some((reports[i].completed_on?, !reports[i].completed_in_month)))
        .max()
        .filter(|_| status == Status::Completed);
    let (completed_on, completed_in_month) = match completed {
        Some((on, as_day)) => (Some(on), !as_day),
        None => (None, false),
    };
    // A part with its status cell left blank beside a part that gives one (一是…｜ over
    // 二是…｜正在推进): the task's status is known, and the blank part's warning that
    // it gave none no longer stands (adv52 a3).
    if status != Status::Unclear {
        let blank: Vec<&crate::model::Source> = rows
            .iter()
            .map(|&i| &reports[i])
            .filter(|r| r.status == Status::Unclear && r.status_text.trim().is_empty())
            .map(|r| &r.source)
            .collect();
        problems.retain(|p| !blank.iter().any(|s| p.is_on_row(Code::StatusUnclear, s)));
    }
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
        r.completed_in_month = completed_in_month;
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
            if contradicts {
                Severity::Warning
            } else {
                Severity::Info
            },
            Code::Duplicate,
            &s.file,
            format!(
                "{unit}在工作表“{}”第{}行对第{id}项分行填写了进展，已合并为一条汇总，{}",
                s.sheet,
                lines.join("、"),
                if contradicts {
                    "两处填写的完成状态相互矛盾（一处已完成、一处尚未完成），完成状态计为“待核实”。请该单位核实后重新报送。"
                } else if kept_up {
                    "完成状态为“已完成”和“长期坚持”，按已完成并长期坚持计为已完成。"
                } else if started_beside {
                    "其中有的部分未启动、有的已有进展，完成状态计为“正在推进”。"
                } else if part_unknown {
                    "其中有的部分没有写明完成情况，完成状态计为“待核实”。"
                } else {
                    "完成状态按其中进度最慢的计。"
                }
            ),
        )
        .at(Some(&s.sheet), Some(s.row)),
    );
}

#[cfg(test)]
mod tests {
    use super::{
        correction_rank, done_counts, name_month, name_ordinal, normalise_for_match, sheet_order,
    };

    /// Sheets of one workbook ordered by their names (adv44 b16: the later sheet was
    /// taken for a worksheet, or both were a conflict).
    #[test]
    fn sheet_names_that_order_rounds() {
        let order = |names: &[&str]| sheet_order(names);
        assert_eq!(order(&["第一次报送", "第二次报送"]), Some(vec![1, 2]));
        assert_eq!(order(&["第2轮", "第1轮"]), Some(vec![2, 1]));
        assert_eq!(order(&["Sheet1", "Sheet1 (2)"]), Some(vec![1, 2]));
        assert_eq!(order(&["进展表（3）", "进展表"]), Some(vec![3, 1]));
        assert_eq!(order(&["初报", "更新"]), Some(vec![0, 2]));
        assert_eq!(order(&["本期", "上期"]), Some(vec![2, 0]));
        assert_eq!(order(&["原表", "修改后"]), Some(vec![0, 2]));
        assert_eq!(order(&["最新", "旧"]), Some(vec![2, 0]));
        assert_eq!(order(&["整改进展", "修改稿"]), Some(vec![1, 2]));
        // Names that say nothing of order.
        assert_eq!(order(&["Sheet1", "Sheet2"]), None);
        assert_eq!(order(&["汇总", "来苏镇"]), None);
        assert_eq!(order(&["更新", "更新"]), None);
    }

    #[test]
    fn counts_of_work_done() {
        let counts = |t: &str| -> Vec<(String, &str, f64)> { done_counts(t) };
        assert_eq!(
            counts("已清掏化粪池560座，剩余120座正在清掏。"),
            vec![("清掏".to_string(), "座", 560.0)]
        );
        assert_eq!(
            counts("累计查处违法行为46起；已改造管网3.5公里"),
            vec![
                ("查处".to_string(), "起", 46.0),
                ("改造".to_string(), "公里", 3.5)
            ]
        );
        assert_eq!(
            counts("已累计清运垃圾1.2万吨"),
            vec![("清运".to_string(), "吨", 12_000.0)]
        );
        // A share, a date, money in 万元 as written, a number in another clause.
        assert!(counts("已完成80%").is_empty());
        assert!(counts("已于2020年9月30日完成").is_empty());
        assert_eq!(
            counts("已投入资金320万元"),
            vec![("投入".to_string(), "万元", 320.0)]
        );
        assert!(counts("已完成排查，共412座").is_empty());
    }

    #[test]
    fn same_as_before_is_the_whole_text_only() {
        for said in [
            "同上月",
            "无新进展，同上月。",
            " 本月无新进展 ",
            "与上月相同。",
            "与11月报送内容一致",
            "与十一月份报送内容一致。",
            "同11月",
        ] {
            assert!(
                crate::ingest::unchanged::says_same_as_before(said).is_some(),
                "{said}"
            );
        }
        assert_eq!(
            crate::ingest::unchanged::says_same_as_before("无新进展，同上月。").as_deref(),
            Some("无新进展，同上月")
        );
        for other in [
            "同上",
            "",
            "巡河5100余次，其余同上月。",
            "无新进展的原因是资金未到位。",
            "11月完成",
            "与2020年报送内容一致",
        ] {
            assert!(
                crate::ingest::unchanged::says_same_as_before(other).is_none(),
                "{other}"
            );
        }
    }

    #[test]
    fn the_same_words_whatever_the_punctuation() {
        assert_eq!(
            normalise_for_match("已清掏326座，\n下步继续清掏"),
            normalise_for_match("已清掏326座，下步继续清掏。")
        );
        assert_ne!(
            normalise_for_match("已清掏326座"),
            normalise_for_match("已清掏325座")
        );
    }

    #[test]
    fn months_named_alone_in_file_names() {
        assert_eq!(name_month("区水利局整改进展（12月）.xlsx"), Some(12));
        assert_eq!(name_month("11月份/区水利局11月份进展.xlsx"), Some(11));
        // A day, or no month: none.
        assert_eq!(name_month("区水利局（12月3日）.xlsx"), None);
        assert_eq!(name_month("区水利局.xlsx"), None);
    }

    #[test]
    fn ordinals_in_file_names() {
        assert_eq!(
            name_ordinal("区住房城乡建委（第四次报送）.xlsx"),
            Some((4, '次'))
        );
        assert_eq!(name_ordinal("区水利局整改进展第3期.xlsx"), Some((3, '期')));
        assert_eq!(
            name_ordinal("回表/三教产业促进中心-第12轮.xlsx"),
            Some((12, '轮'))
        );
        // The last one written; none in a folder's name or without its word.
        assert_eq!(
            name_ordinal("第1期/区水利局（第2次报送）.xlsx"),
            Some((2, '次'))
        );
        assert_eq!(name_ordinal("第1期/区水利局.xlsx"), None);
        assert_eq!(name_ordinal("区水利局第26项.xlsx"), None);
        // 第N次 from the second on marks a return sent again; 第N期 does not.
        assert_eq!(correction_rank("区财政局第十二次报送.xlsx"), 1);
        assert_eq!(correction_rank("区财政局第1次报送.xlsx"), 0);
        assert_eq!(correction_rank("区财政局第4期.xlsx"), 0);
        assert_eq!(correction_rank("第二次报送/区财政局.xlsx"), 1);
    }

    #[test]
    fn version_marks_in_file_names() {
        for (file, rank) in [
            ("区水利局.xlsx", 0),
            ("区水利局（修改版）.xlsx", 1),
            ("区水利局-更正.xlsx", 1),
            ("区水利局（更新）.xlsx", 1),
            ("修改/区水利局.xlsx", 1),
            ("区河长办（修改）.zip/进展表.xlsx", 1),
            ("区城市管理局v2.xlsx", 1),
            ("区财政局第2次报送.xlsx", 1),
            ("区发展改革委（新）.xlsx", 1),
            ("区发展改革委-新.xlsx", 1),
            ("区发展改革委新建管网进展.xlsx", 0),
            ("新区污水厂（进展）.xlsx", 0),
            ("区发展改革委（重新报送）.xlsx", 1),
            ("区水利局（最终版）.xlsx", 2),
            ("区水利局（终版）.xlsx", 2),
            ("区水利局-终版.xlsx", 2),
            ("区水利局-改.xlsx", 1),
            ("区水利局（改）.xlsx", 1),
            ("区水利局_改2.xlsx", 1),
            ("区水利局（修正）.xlsx", 1),
            ("区金融办进展表（完善后）.xlsx", 1),
            ("区司法局（调整版）.xlsx", 1),
            ("区经济信息委产业结构调整进展.xlsx", 0),
            ("区水利局整改进展.xlsx", 0),
            ("区水利局-整改.xlsx", 0),
            ("区住房城乡建委（初稿）.xlsx", -1),
            // Content words, not version marks.
            ("区住房城乡建委-老旧管网更新改造专项进展（10月）.xlsx", 0),
            ("区水利局最新进展情况表.xlsx", 0),
            ("区水利局v1.xlsx", 0),
        ] {
            assert_eq!(correction_rank(file), rank, "{file}");
        }
    }
}
