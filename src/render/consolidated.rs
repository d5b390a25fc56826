//! A lead unit's consolidated return (报送表-<单位>.xlsx, `rectify --as 单位 run`): the
//! sheet the lead unit signs and sends to the bureau with its report. Reads only the
//! ledger of the lead unit's round.
//!
//! The form: a title, the 填报单位 line (the lead unit, its filing date: the report date
//! of the round), a header, then for each task the lead unit decides (table order) one
//! row for the lead unit itself (its own report, or an empty row it may fill in by
//! hand) and one row for each current report of another unit, with the reporting unit
//! in the 填报单位 column; the task's columns and the lead unit's 汇总意见 (who reported
//! what, who has not) merged down over the task's rows; notes below. The marker
//! (`common::marker`, kind `consolidated`, tier `lead`) names the task and the unit of
//! every row, so the bureau's ingest credits each row to the unit that reported it,
//! dated the day the lead unit consolidated it.

use rust_xlsxwriter::{
    DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::common::dates::render_date;
use crate::common::marker::{self, Marker};
use crate::model::queries::role_of;
use crate::model::{Ledger, Status, TaskEntry, Tier, UnitReport};
use crate::render::checklist::marker_tier;
use crate::render::error::RenderError;
use crate::render::files::consolidated_file;
use crate::render::output::{Job, Rendered};
use crate::render::typography::punctuated;
use crate::render::xlsx_common::{
    base_format, excel_date, print_width, text, title_format, Measure, DATE_FORMAT, PAGE_FOOTER,
    PAPER_A4,
};

/// The form's sheet name.
pub const SHEET: &str = "报送表";

/// Columns: header and width (Excel units). The headers are the ones ingest reads
/// (填报单位 names each row's unit, 单位角色 is a role); 汇总意见 is read by people only.
const COLUMNS: [(&str, f64); 12] = [
    ("序号", 5.0),
    ("重点任务", 10.0),
    ("具体举措", 24.0),
    ("完成时限", 11.0),
    ("填报单位", 12.0),
    ("单位角色", 6.0),
    ("整改进展情况", 32.0),
    ("完成状态", 9.0),
    ("完成时间", 12.0),
    ("佐证材料", 11.0),
    ("备注", 9.0),
    ("汇总意见", 18.0),
];
const COL_ID: u16 = 0;
const COL_CATEGORY: u16 = 1;
const COL_MEASURE: u16 = 2;
const COL_DEADLINE: u16 = 3;
const COL_UNIT: u16 = 4;
const COL_ROLE: u16 = 5;
const COL_PROGRESS: u16 = 6;
const COL_STATUS: u16 = 7;
const COL_COMPLETED: u16 = 8;
const COL_EVIDENCE: u16 = 9;
const COL_NOTE: u16 = 10;
const COL_SUMMARY: u16 = 11;
const LAST_COL: u16 = COL_SUMMARY;

const TITLE_ROW: u32 = 0;
const INFO_ROW: u32 = 1;
const HEADER_ROW: u32 = 2;
const FIRST_ROW: u32 = 3;

/// The output: 报送表-<单位>.xlsx, in a lead unit's round only.
pub fn render(job: &Job) -> Result<Vec<Rendered>, RenderError> {
    let ledger = job.ledger;
    if ledger.plan.tier != Tier::Lead {
        return Ok(Vec::new());
    }
    let name = consolidated_file(&ledger.plan.collector);
    let bytes = consolidated_bytes(ledger).map_err(RenderError::xlsx(&name))?;
    Ok(vec![Rendered::bytes(name, bytes)])
}

/// One row of the form: a task and the unit whose report it is (none: the lead unit's
/// own row, not filled in yet).
struct Row<'a> {
    task: &'a TaskEntry,
    unit: &'a str,
    report: Option<&'a UnitReport>,
}

/// The rows of one task: the lead unit's own first, then every other current report.
fn task_rows<'a>(ledger: &'a Ledger, t: &'a TaskEntry) -> Vec<Row<'a>> {
    let me = ledger.plan.collector.as_str();
    let mut rows: Vec<Row> = t
        .current_reports()
        .filter(|r| r.unit == me)
        .map(|r| Row {
            task: t,
            unit: &r.unit,
            report: Some(r),
        })
        .collect();
    if rows.is_empty() {
        rows.push(Row {
            task: t,
            unit: me,
            report: None,
        });
    }
    // (Not a unit with no part in the task: its words are kept in the workbook, not
    // sent up as a partner's row; adv58 d 1: 区发展改革委 printed as 责任 on task 12.)
    rows.extend(
        t.current_reports()
            .filter(|r| r.unit != me && r.role != crate::plan::Role::Unassigned)
            .map(|r| Row {
                task: t,
                unit: &r.unit,
                report: Some(r),
            }),
    );
    rows
}

/// The title of the form.
pub fn consolidated_title(ledger: &Ledger) -> String {
    format!(
        "《{}》{}任务落实情况报送表",
        ledger.plan.short_title,
        crate::model::queries::lead_word(ledger)
    )
}

/// The lead unit's summary of a task: how many units reported and how, who has not,
/// and the lead unit's own progress still to fill in (我委进展待补充), not listed among
/// the units it waits on.
fn summary_line(ledger: &Ledger, t: &TaskEntry) -> String {
    let collector = ledger.plan.collector.as_str();
    // The writer's own report is told as its own (我局已完成), not counted among the
    // units that reported to it (adv54 b 5: 已报送1个单位，为已完成 of itself).
    // (Its own report its words doubt counts as written, as the task's status does:
    // adv58 d 2, 我局报送的情况待核实 on the form beside 已完成 in its report.)
    let own: Vec<Status> = t
        .current_reports()
        .filter(|r| r.unit == collector)
        .map(|r| {
            UnitReport {
                doubt: None,
                ..r.clone()
            }
            .counted_status(ledger.as_of)
        })
        .collect();
    let current: Vec<&UnitReport> = t
        .current_reports()
        .filter(|r| r.unit != collector && r.role != crate::plan::Role::Unassigned)
        .collect();
    let mut units: Vec<&str> = current.iter().map(|r| r.unit.as_str()).collect();
    units.dedup();
    let counts: Vec<(Status, usize)> = Status::ALL
        .into_iter()
        .map(|s| {
            let n = current
                .iter()
                .filter(|r| r.counted_status(ledger.as_of) == s)
                .count();
            (s, n)
        })
        .filter(|&(_, n)| n > 0)
        .collect();
    let owing = || {
        ledger
            .units
            .iter()
            .filter(|u| u.missing.contains(&t.id) && u.name != ledger.plan.collector)
    };
    // A return on the task that came after the as-of date is no silence (adv51 b 6: 尚未
    // 报送 here, 12月6日报送，纳入下期汇总 in the report's 附件2).
    let late_on = |u: &crate::model::UnitEntry| {
        u.late
            .contains(&t.id)
            .then(|| crate::render::report::late_known(ledger, u))
            .flatten()
    };
    let missing: Vec<&str> = owing()
        .filter(|u| late_on(u).is_none())
        .map(|u| u.name.as_str())
        .collect();
    let late: Vec<String> = owing()
        .filter_map(|u| {
            let on = late_on(u)?;
            Some(format!(
                "{}{}报送，纳入下期汇总",
                u.name,
                crate::common::dates::render_day(on)
            ))
        })
        .collect();
    let own_missing = t.awaits(&ledger.plan.collector);
    let own_said = own
        .iter()
        .min_by_key(|s| s.advancement())
        .map(|&s| own_status(&ledger.plan.self_word, s));
    let mut parts: Vec<String> = own_said.into_iter().collect();
    let others_said = match counts.as_slice() {
        // Only its own report: nothing more to say of others.
        [] if !own.is_empty() => None,
        [] => Some("尚无单位报送".to_string()),
        [(s, n)] if *n == units.len() && *n > 1 => {
            Some(format!("已报送{n}个单位，均为{}", s.label()))
        }
        [(s, _)] if units.len() == 1 => Some(format!("已报送1个单位，为{}", s.label())),
        _ => Some(format!(
            "已报送{}个单位，其中{}",
            units.len(),
            counts
                .iter()
                .map(|(s, n)| format!("{}{n}个", s.label()))
                .collect::<Vec<_>>()
                .join("、")
        )),
    };
    parts.extend(others_said);
    if !missing.is_empty() {
        parts.push(format!("尚未报送：{}", missing.join("、")));
    }
    parts.extend(late);
    if own_missing {
        parts.push(format!("{}进展待补充", ledger.plan.self_word));
    }
    format!("{}。", parts.join("；"))
}

/// The writer's own status on a task as its summary says it: 我局已完成, 我局正在推进.
fn own_status(self_word: &str, s: Status) -> String {
    match s {
        Status::Completed | Status::InProgress | Status::NotStarted => {
            format!("{self_word}{}", s.label())
        }
        Status::Ongoing => format!("{self_word}{}推进", s.label()),
        Status::NotApplicable => format!("{self_word}报送为{}", s.label()),
        s => format!("{self_word}报送的情况{}", s.label()),
    }
}

struct Styles {
    title: Format,
    info: Format,
    header: Format,
    cell: Format,
    centre: Format,
    date: Format,
    note: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = base_format();
        let cell = base.clone().set_border(FormatBorder::Thin);
        Styles {
            title: title_format(),
            info: base.clone(),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color("D9D9D9"),
            centre: cell.clone().set_align(FormatAlign::Center),
            date: cell
                .clone()
                .set_align(FormatAlign::Center)
                .set_num_format(DATE_FORMAT),
            cell,
            note: base,
        }
    }
}

/// The 报送表 as .xlsx bytes.
pub fn consolidated_bytes(ledger: &Ledger) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    let filed = excel_date(ledger.plan.report_date).unwrap_or_default();
    wb.set_properties(
        &DocProperties::new()
            .set_title(text(&format!(
                "{}（{}）",
                consolidated_title(ledger),
                ledger.plan.collector
            )))
            .set_author(text(&ledger.plan.collector))
            .set_company(text(&ledger.plan.collector_full))
            .set_creation_datetime(&filed),
    );
    let rows: Vec<Row> = ledger
        .tasks
        .iter()
        .flat_map(|t| task_rows(ledger, t))
        .collect();
    form_sheet(wb.add_worksheet(), ledger, &rows, &st)?;
    let m = Marker {
        version: marker::VERSION,
        plan_id: ledger.plan.plan_id.clone(),
        unit: ledger.plan.collector.clone(),
        sheet: SHEET.to_string(),
        first_row: FIRST_ROW + 1,
        tasks: rows.iter().map(|r| r.task.id).collect(),
        kind: marker::Kind::Consolidated,
        tier: marker_tier(ledger),
        issuer: ledger.plan.bureau.clone(),
        units: rows.iter().map(|r| r.unit.to_string()).collect(),
    };
    let ms = wb.add_worksheet();
    ms.set_name(marker::SHEET)?;
    for (r, row) in m.sheet_rows().iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ms.write_string(r as u32, c as u16, text(v))?;
        }
    }
    ms.set_very_hidden(true);
    for (name, value) in m.defined_names() {
        // A string constant holds at most 255 characters (the task list of a long
        // return is on the marker sheet only).
        if value.chars().count() <= 255 {
            wb.define_name(name, &format!("=\"{}\"", value.replace('"', "\"\"")))?;
        }
    }
    wb.save_to_buffer()
}

fn form_sheet(
    ws: &mut Worksheet,
    ledger: &Ledger,
    rows: &[Row],
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET)?;
    for (c, (_, w)) in COLUMNS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.merge_range(
        TITLE_ROW,
        0,
        TITLE_ROW,
        LAST_COL,
        &text(&consolidated_title(ledger)),
        &st.title,
    )?;
    ws.set_row_height(TITLE_ROW, 36)?;
    ws.merge_range(
        INFO_ROW,
        0,
        INFO_ROW,
        COL_DEADLINE,
        &text(&format!("填报单位：{}（盖章）", ledger.plan.collector_full)),
        &st.info,
    )?;
    ws.merge_range(
        INFO_ROW,
        COL_UNIT,
        INFO_ROW,
        COL_PROGRESS,
        &format!("填报日期：{}", render_date(ledger.plan.report_date)),
        &st.info,
    )?;
    ws.merge_range(
        INFO_ROW,
        COL_STATUS,
        INFO_ROW,
        LAST_COL,
        "单位主要领导审签：",
        &st.info,
    )?;
    ws.set_row_height(INFO_ROW, 24)?;
    for (c, (h, _)) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &st.header)?;
    }
    ws.set_row_height(HEADER_ROW, 30)?;
    let mut r = FIRST_ROW;
    let mut i = 0;
    while i < rows.len() {
        let t = rows[i].task;
        let n = rows[i..].iter().take_while(|x| x.task.id == t.id).count();
        task_block(ws, ledger, r, &rows[i..i + n], st)?;
        r += n as u32;
        i += n;
    }
    let last = r.max(FIRST_ROW + 1) - 1;
    notes(ws, ledger, last + 2, st)?;
    ws.set_freeze_panes(FIRST_ROW, 0)?;
    ws.set_paper_size(PAPER_A4);
    ws.set_landscape();
    let widths: Vec<f64> = COLUMNS.iter().map(|(_, w)| *w).collect();
    print_width(ws, &widths, 0.5, 3)?;
    ws.set_repeat_rows(0, HEADER_ROW)?;
    ws.set_margins(0.5, 0.5, 0.7, 0.7, 0.3, 0.3);
    ws.set_footer(PAGE_FOOTER);
    ws.set_active(true);
    Ok(())
}

/// One task's rows from `r`: the task's cells and the summary merged down the rows.
fn task_block(
    ws: &mut Worksheet,
    ledger: &Ledger,
    r: u32,
    rows: &[Row],
    st: &Styles,
) -> Result<(), XlsxError> {
    let t = rows[0].task;
    let end = r + rows.len() as u32 - 1;
    let summary = summary_line(ledger, t);
    let spans: [(u16, String, &Format); 4] = [
        (COL_CATEGORY, punctuated(&t.category).into_owned(), &st.cell),
        (COL_MEASURE, punctuated(&t.measure).into_owned(), &st.cell),
        (
            COL_DEADLINE,
            punctuated(&t.deadline.text).into_owned(),
            &st.cell,
        ),
        (COL_SUMMARY, summary.clone(), &st.cell),
    ];
    if end > r {
        ws.merge_range(r, COL_ID, end, COL_ID, "", &st.centre)?;
        for (c, v, f) in &spans {
            ws.merge_range(r, *c, end, *c, &text(v), f)?;
        }
    } else {
        for (c, v, f) in &spans {
            ws.write_string_with_format(r, *c, text(v), f)?;
        }
    }
    ws.write_number_with_format(r, COL_ID, t.id, &st.centre)?;
    // The measure and the summary share the task's rows: the last row takes what the
    // others leave.
    let need = |s: &str, c: u16| Measure::of(s).wrapped_lines(COLUMNS[c as usize].1);
    // One line of slack: viewers wrap Chinese a little wider than the estimate.
    let mut left = need(&t.measure, COL_MEASURE).max(need(&summary, COL_SUMMARY)) + 1;
    for (k, row) in rows.iter().enumerate() {
        let rr = r + k as u32;
        ws.write_string_with_format(rr, COL_UNIT, text(row.unit), &st.centre)?;
        ws.write_string_with_format(rr, COL_ROLE, role_of(t, row.unit).label(), &st.centre)?;
        let s = |f: fn(&UnitReport) -> &String| text(row.report.map_or("", |x| f(x)));
        ws.write_string_with_format(rr, COL_PROGRESS, s(|x| &x.progress), &st.cell)?;
        let status = row.report.map_or(String::new(), status_word);
        ws.write_string_with_format(rr, COL_STATUS, text(&status), &st.centre)?;
        match row.report.and_then(|x| x.completed_on).and_then(excel_date) {
            Some(d) => ws.write_datetime_with_format(rr, COL_COMPLETED, &d, &st.date)?,
            None => ws.write_blank(rr, COL_COMPLETED, &st.date)?,
        };
        ws.write_string_with_format(rr, COL_EVIDENCE, s(|x| &x.evidence), &st.cell)?;
        // (The writer's own row carries no doubt of itself: it counts as written, as its
        // report does; adv58 d 2.)
        let note = row
            .report
            .map(|r| {
                if r.unit == ledger.plan.collector {
                    r.note.trim().to_string()
                } else {
                    note_of(r)
                }
            })
            .unwrap_or_default();
        ws.write_string_with_format(rr, COL_NOTE, text(&note), &st.cell)?;
        let own = row.report.map_or(2, |x| {
            need(&x.progress, COL_PROGRESS)
                .max(need(&x.evidence, COL_EVIDENCE))
                .max(need(&note, COL_NOTE))
        });
        let is_last = k + 1 == rows.len();
        let lines = if is_last { own.max(left) } else { own.max(2) };
        left = left.saturating_sub(lines);
        ws.set_row_height(rr, (lines as f64 * 15.0 + 6.0).min(409.0))?;
    }
    Ok(())
}

/// The status in the form's own terms (the dropdown's: 基本完成 and 持续推进 as 正在推进,
/// the same terms the 汇总意见 counts); a status that was not recognised (待核实) keeps
/// the words the unit wrote, so it stays as it was.
fn status_word(r: &UnitReport) -> String {
    match r.status {
        Status::Unclear => r.status_text.trim().to_string(),
        // (A status its own words doubt stays the unit's word: the bureau reads this form
        // back, and 待核实 there would be no status of the unit's; the note and the 汇总
        // 意见 say it is to check.)
        s => s.label().to_string(),
    }
}

/// A report's note as the form carries it: the unit's note, then why its status is to
/// check when its own words say otherwise (报送“已完成”，但进展情况写明“…”).
fn note_of(r: &UnitReport) -> String {
    match (r.note.trim(), r.doubt.as_deref()) {
        // (Said once: a note read back from a form already carrying it, or joined from
        // two copies of the report: session 57 review d 3.)
        (note, Some(doubt)) if note.contains(doubt) => note.to_string(),
        (note, Some(doubt)) if !note.is_empty() => format!("{note}\n{doubt}，待核实。"),
        (_, Some(doubt)) => format!("{doubt}，待核实。"),
        (note, None) => note.to_string(),
    }
}

fn notes(ws: &mut Worksheet, ledger: &Ledger, r: u32, st: &Styles) -> Result<(), XlsxError> {
    let p = &ledger.plan;
    let lines = [
        format!(
            "注：1．本表由{}汇总其{}任务的责任单位、配合单位报送的进展，每行为“填报单位”列所列单位的报送内容；“汇总意见”为{}对该项任务的汇总说明。",
            p.collector,
            crate::model::queries::lead_word(ledger),
            p.collector
        ),
        format!(
            "2．{}自身进展一行为空的，请填写后再报送；请勿增删行、调整行序，文件可以改名。",
            p.collector
        ),
        format!(
            "3．请于{}前连同整改情况报告（经单位主要领导审签）报送{}。",
            render_date(p.return_deadline),
            p.bureau
        ),
    ];
    // One cell, so that the whole note reads as one 注： row.
    ws.merge_range(r, 0, r, LAST_COL, &text(&lines.join("\n")), &st.note)?;
    ws.set_row_height(r, lines.len() as f64 * 16.0 + 6.0)?;
    Ok(())
}
