//! The five list sheets (任务台账, 单位报送情况, 报送明细, 问题清单, 未归集数据): for each,
//! its one table of columns (header, kind, width bounds, cell, highlight, note) and the
//! items it lists.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::layout::{workbook_title, Styles, WIDE};
use super::layout::{
    SHEET_COMPARE, SHEET_PROBLEMS, SHEET_REPORTS, SHEET_TASKS, SHEET_UNITS, SHEET_UNPLACED,
};
use super::list::{col, num, t, Column, Highlight, Kind, List, ListCell, Row};
use crate::model::queries::{unit_completed, unreadable_files};
use crate::model::{Code, Ledger, Problem, Status, TaskEntry, UnitEntry, UnitReport, Unplaced};
use crate::render::typography::punctuated;

/// Write a list sheet: its columns, a row per item, frozen header, filter, print setup.
fn list_sheet<'a, T, I>(
    ws: &mut Worksheet,
    name: &str,
    cols: &[Column<'a, T>],
    st: &Styles,
    ledger: &'a Ledger,
    items: impl Fn() -> I,
) -> Result<(), XlsxError>
where
    I: Iterator<Item = T>,
{
    let rows = || items().map(|item| Row { ledger, item });
    let list = List::write(ws, name, cols, st, rows)?;
    list.finish(&format!("{}——{name}", workbook_title(ledger)))
}

/// The headers of a list sheet, in order (none for another sheet name).
pub fn headers(sheet: &str) -> Vec<&'static str> {
    fn of<T>(cols: &[Column<'_, T>]) -> Vec<&'static str> {
        cols.iter().map(|c| c.header).collect()
    }
    match sheet {
        SHEET_TASKS => of(&task_columns(false)),
        SHEET_COMPARE => of(&compare_columns()),
        SHEET_UNITS => of(&unit_columns()),
        SHEET_REPORTS => of(&report_columns()),
        SHEET_PROBLEMS => of(&problem_columns()),
        SHEET_UNPLACED => of(&unplaced_columns()),
        _ => Vec::new(),
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "是"
    } else {
        "否"
    }
}

fn join_ids(ids: &[u32]) -> String {
    ids.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join("、")
}

// ---------------------------------------------------------------------------
// 任务台账

/// 进展情况: every current report, one paragraph each, with its unit, its status as
/// read (the words the unit wrote, √ or 按序时推进, are in 报送明细), and 待核实 after it
/// when that status contradicts its text.
fn merged_progress(task: &TaskEntry) -> String {
    let mut parts = Vec::new();
    for r in task.cited_reports() {
        let mut status = r.status.label().to_string();
        if r.doubt.is_some() && r.status != crate::model::Status::Unclear {
            status.push('，');
            status.push_str(crate::model::Status::Unclear.label());
        }
        let progress = r.progress.trim();
        let progress = if progress.is_empty() {
            "（未填写进展）"
        } else {
            progress
        };
        parts.push(format!(
            "{}（{}，{}）：{}",
            r.unit,
            r.role.label(),
            status,
            progress
        ));
    }
    parts.join("\n")
}

/// Units with a role on the task and a current report on it, first appearance order.
fn reporting_units(task: &TaskEntry) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in task.cited_reports() {
        if !out.contains(&r.unit) {
            out.push(r.unit.clone());
        }
    }
    out
}

/// Units that owe a report on the task and have none (any role), in unit order.
fn missing_units(ledger: &Ledger, task: &TaskEntry) -> Vec<String> {
    ledger
        .units
        .iter()
        .filter(|u| u.missing.contains(&task.id))
        .map(|u| u.name.clone())
        .collect()
}

/// The units of a role as the table writes them, else the resolved list.
fn assigned(written: &str, units: &[String]) -> String {
    if written.trim().is_empty() {
        units.join("、")
    } else {
        written.to_string()
    }
}

type TaskRow<'a> = Row<'a, &'a TaskEntry>;

/// The 任务台账 columns; 上期状态 only when the ledger is compared with a previous round.
fn task_columns<'a>(previous: bool) -> Vec<Column<'a, &'a TaskEntry>> {
    let mut cols = vec![
        col("序号", Kind::Number, 6.0, 6.0, |r: &TaskRow<'a>| {
            num(r.item.id)
        }),
        col("重点任务", Kind::Text, 10.0, 16.0, |r: &TaskRow<'a>| {
            t(punctuated(&r.item.category))
        })
        .plan_text(),
        col("具体举措", Kind::Text, 20.0, 40.0, |r: &TaskRow<'a>| {
            t(punctuated(&r.item.measure))
        })
        .plan_text(),
        col("完成时限", Kind::Text, 13.0, 14.0, |r: &TaskRow<'a>| {
            t(punctuated(&r.item.deadline.text))
        })
        .plan_text(),
        col("牵头单位", Kind::Text, 13.0, 16.0, |r: &TaskRow<'a>| {
            t(assigned(&r.item.assigned_text.lead, &r.item.lead))
        })
        .plan_text(),
        col("责任单位", Kind::Text, 13.0, 18.0, |r: &TaskRow<'a>| {
            t(assigned(
                &r.item.assigned_text.responsible,
                &r.item.responsible,
            ))
        })
        .plan_text(),
        col("配合单位", Kind::Text, 13.0, 18.0, |r: &TaskRow<'a>| {
            t(assigned(
                &r.item.assigned_text.cooperating,
                &r.item.cooperating,
            ))
        })
        .plan_text(),
        col(
            "完成情况",
            Kind::Center,
            10.0,
            10.0,
            |r: &TaskRow<'a>| t(r.item.status.label()),
        )
        .highlight(Highlight::Status)
        .note(crate::model::status::rule_explained()),
        col(
            "是否逾期",
            Kind::Center,
            10.0,
            10.0,
            // Done, but after its deadline: said, as 附件1 says it.
            |r: &TaskRow<'a>| {
                if r.item.done_late.is_some() {
                    t("逾期完成")
                } else {
                    t(yes_no(r.item.overdue))
                }
            },
        )
        .highlight(Highlight::Red("是")),
        light_column(),
        // Its many units' paragraphs need the room: the columns before it narrow first.
        // Beside last round's status (a column more) it gives up some, so the sheet still
        // prints one page wide (adv50 d 11: with 上期状态 it ran across two pages).
        col(
            "进展情况",
            Kind::Text,
            if previous { 30.0 } else { 40.0 },
            WIDE,
            |r| t(merged_progress(r.item)),
        ),
        // Printed, the sheet stops at 进展情况 (one page wide at 9 pt); who reported
        // what is on the 单位报送情况 sheet.
        col("已报送单位", Kind::Text, 12.0, 18.0, |r| {
            t(reporting_units(r.item).join("、"))
        })
        .off_paper(),
        col(
            "未报送单位",
            Kind::Text,
            12.0,
            20.0,
            |r: &TaskRow<'a>| t(missing_units(r.ledger, r.item).join("、")),
        )
        .note("有任务分工（牵头、责任、配合）但尚未报送该任务进展的单位。".into())
        .off_paper(),
        col(
            "最近填报日期",
            Kind::Date,
            17.0,
            17.0,
            |r: &TaskRow<'a>| {
                ListCell::Date(r.item.cited_reports().filter_map(|x| x.filed_on).max())
            },
        )
        .off_paper(),
    ];
    if previous {
        let at = cols
            .iter()
            .position(|c| c.header == "完成情况")
            .unwrap_or(0);
        cols.insert(at, previous_status_column());
    }
    cols
}

/// 上期状态: the task's status in the previous round.
fn previous_status_column<'a>() -> Column<'a, &'a TaskEntry> {
    col(
        "上期状态",
        Kind::Center,
        10.0,
        10.0,
        |r: &TaskRow<'a>| t(r.item.previous_status.map_or("", |s| s.label())),
    )
    .highlight(Highlight::Status)
}

/// 亮灯, coloured, with the rule in its header note.
fn light_column<'a>() -> Column<'a, &'a TaskEntry> {
    col("亮灯", Kind::Center, 8.0, 8.0, |r: &TaskRow<'a>| {
        t(r.item.light.label())
    })
    .highlight(Highlight::Light)
    .note(
        "按统计截止日判定：红灯为已超过完成时限仍未完成，黄灯为临近完成时限（默认30天内）且未完成，绿灯为其余未完成的任务；已完成、已报完成待确认（已报送的单位均已完成，尚待其他单位报送）和不涉及的任务不亮灯。"
            .into(),
    )
}

pub(super) fn tasks_sheet(
    ws: &mut Worksheet,
    ledger: &Ledger,
    st: &Styles,
) -> Result<(), XlsxError> {
    let cols = task_columns(ledger.previous.is_some());
    list_sheet(ws, SHEET_TASKS, &cols, st, ledger, || ledger.tasks.iter())
}

// ---------------------------------------------------------------------------
// 进展对比 (only with a previous round)

/// How a task moved since the previous round; a task past its deadline since then,
/// its status the same, 新增逾期; one nobody reported on this round, 本期未报送.
fn change_text(ledger: &Ledger, task: &TaskEntry) -> &'static str {
    let Some(then) = task.previous_status else {
        return "";
    };
    let now = task.status;
    let newly_overdue = ledger
        .changes
        .as_ref()
        .is_some_and(|c| c.newly_overdue.contains(&task.id));
    if now == then && newly_overdue {
        "新增逾期"
    } else if now == then {
        "无变化"
    } else if now == Status::Completed {
        "新增完成"
    } else if now == Status::Unreported {
        // Nobody said this round: not gone back (model::rounds::compare).
        "本期未报送"
    } else if then == Status::Unreported {
        // Nobody had said anything: a first word, not progress (adv50 b 4: 未报送 →
        // 未启动 read 有进展).
        "首次报送"
    } else if ledger
        .changes
        .as_ref()
        .is_some_and(|c| c.unconfirmed.contains(&task.id))
    {
        // 已报完成待确认 then, a responsible unit's report saying otherwise now.
        "未能确认完成"
    } else if matches!(now, Status::Unclear | Status::NotApplicable)
        || matches!(then, Status::Unclear | Status::NotApplicable)
    {
        "状态变化"
    } else if ledger
        .changes
        .as_ref()
        .is_some_and(|c| c.regressed.contains(&task.id))
    {
        "进展倒退"
    } else if now.advancement() < then.advancement() {
        // Lower only as another unit's first word came in (model::rounds::compare).
        "状态变化"
    } else {
        "有进展"
    }
}

fn compare_columns<'a>() -> Vec<Column<'a, &'a TaskEntry>> {
    vec![
        col("序号", Kind::Number, 6.0, 6.0, |r: &TaskRow<'a>| {
            num(r.item.id)
        }),
        col("任务", Kind::Text, 16.0, 30.0, |r: &TaskRow<'a>| {
            t(&r.item.short_name)
        })
        .plan_text(),
        col("完成时限", Kind::Text, 13.0, 14.0, |r: &TaskRow<'a>| {
            t(punctuated(&r.item.deadline.text))
        })
        .plan_text(),
        previous_status_column(),
        col(
            "本期状态",
            Kind::Center,
            10.0,
            10.0,
            |r: &TaskRow<'a>| t(r.item.status.label()),
        )
        .highlight(Highlight::Status),
        col("变化", Kind::Center, 10.0, 10.0, |r: &TaskRow<'a>| {
            t(change_text(r.ledger, r.item))
        })
        .highlight(Highlight::Red("进展倒退")),
        light_column(),
    ]
}

pub(super) fn compare_sheet(
    ws: &mut Worksheet,
    ledger: &Ledger,
    st: &Styles,
) -> Result<(), XlsxError> {
    let cols = compare_columns();
    list_sheet(ws, SHEET_COMPARE, &cols, st, ledger, || ledger.tasks.iter())
}

// ---------------------------------------------------------------------------
// 单位报送情况

type UnitRow<'a> = Row<'a, &'a UnitEntry>;

/// Why a unit shows fewer reports than it owes, when a file of its could not be read.
fn unit_remark(ledger: &Ledger, unit: &UnitEntry) -> String {
    let mut remarks = Vec::new();
    let bad = unreadable_files(ledger, &unit.name);
    if !bad.is_empty() {
        let files = bad
            .iter()
            .map(|b| format!("“{}”", b.file))
            .collect::<Vec<_>>()
            .join("、");
        // Files that opened with nothing read are no damaged files.
        let what = if bad.iter().all(|b| b.opened) {
            "文件未按填报表填写，进展未能汇总"
        } else {
            "文件无法读取"
        };
        remarks.push(if unit.reported.is_empty() {
            format!("{what}，需重新报送（{files}）")
        } else {
            format!("另有{what}，需重新报送（{files}）")
        });
    }
    // Tasks it reported on without owing a report: its own, which reach the bureau
    // through their lead unit; and tasks it has no part in.
    let (own, others): (Vec<u32>, Vec<u32>) = other_tasks(unit).into_iter().partition(|id| {
        ledger
            .task(*id)
            .is_some_and(|t| t.named_units().any(|u| *u == unit.name))
    });
    // Of its own, those it sent itself: what came through a lead unit's consolidated
    // return went the way it should and is no remark.
    let own: Vec<u32> = own
        .into_iter()
        .filter(|id| {
            ledger.task(*id).is_some_and(|t| {
                t.current_reports()
                    .any(|r| r.unit == unit.name && r.via.as_ref().is_none_or(|v| *v == unit.name))
            })
        })
        .collect();
    // Told by the unit that gathers each (区水利局, the 责任单位 of a task with no 牵头单
    // 位), not as 牵头单位 (session 57 review b 9).
    let mut by_gatherer: Vec<(String, Vec<u32>)> = Vec::new();
    for id in own {
        let who = ledger
            .task(id)
            .map(|t| t.gatherers.join("、"))
            .filter(|w| !w.is_empty())
            .unwrap_or_else(|| "牵头单位".to_string());
        match by_gatherer.iter_mut().find(|(w, _)| *w == who) {
            Some((_, ids)) => ids.push(id),
            None => by_gatherer.push((who, vec![id])),
        }
    }
    for (who, ids) in by_gatherer {
        remarks.push(format!(
            "另直接报送了应经{who}汇总的{}项（第{}项）",
            ids.len(),
            join_ids(&ids)
        ));
    }
    if !others.is_empty() {
        remarks.push(format!(
            "另报送了未分工的{}项（第{}项）",
            others.len(),
            join_ids(&others)
        ));
    }
    remarks.join("；")
}

/// The tasks a unit reported on that it does not owe a report on.
fn other_tasks(unit: &UnitEntry) -> Vec<u32> {
    unit.reported
        .iter()
        .copied()
        .filter(|id| !unit.expected.contains(id))
        .collect()
}

/// How a unit's progress reached the collector: straight, through a lead unit's
/// consolidated return, or (nothing yet) through whom it should.
fn unit_channel(ledger: &Ledger, unit: &UnitEntry) -> String {
    let via = unit.via.join("、");
    // A lead unit's own round: its partners report to it, which is no 汇总 by another
    // (session 57 review b 9: 其余应经区水利局汇总 in 区水利局's own workbook).
    let reports_to: Vec<&str> = unit
        .reports_to
        .iter()
        .map(String::as_str)
        .filter(|u| *u != ledger.plan.collector)
        .collect();
    match (unit.direct, via.is_empty()) {
        (true, true) => "直接报送".into(),
        (true, false) => format!("直接报送；经{via}汇总"),
        (false, false) => format!("经{via}汇总"),
        // Nothing in yet: whom it should report to, the bureau for the tasks it owes.
        (false, true) if reports_to.is_empty() => String::new(),
        (false, true) if unit.expected.is_empty() => {
            format!("应经{}汇总", reports_to.join("、"))
        }
        (false, true) => format!(
            "{}项应直报，其余应经{}汇总",
            unit.expected.len(),
            reports_to.join("、")
        ),
    }
}

fn unit_columns<'a>() -> [Column<'a, &'a UnitEntry>; 11] {
    let done = Status::Completed.label();
    [
        col("单位", Kind::Text, 12.0, 30.0, |r: &UnitRow<'a>| {
            t(&r.item.name)
        }),
        col("类别", Kind::Center, 10.0, 14.0, |r| {
            t(r.item.kind.label())
        }),
        col("应报任务数", Kind::Number, 8.0, 12.0, |r| {
            num(r.item.expected.len() as u32)
        }),
        col("已报", Kind::Number, 8.0, 10.0, |r: &UnitRow<'a>| {
            num((r.item.expected.len() - r.item.missing.len()) as u32)
        })
        .note(
            "应报任务中该单位已报送进展的任务数（应报任务数 = 已报 + 未报）。另报送的其他任务见“情况说明”。"
                .into(),
        ),
        col("未报任务序号", Kind::Text, 14.0, 40.0, |r| {
            t(join_ids(&r.item.missing))
        }),
        col(done, Kind::Number, 8.0, 10.0, |r: &UnitRow<'a>| {
            num(unit_completed(r.ledger, r.item))
        })
        .note(format!(
            "已报任务中，该单位当前有效的报送完成状态为“{done}”的任务数（不多于已报；另报送的其他任务不计）。"
        )),
        col("来源文件", Kind::Text, 16.0, 50.0, |r| {
            t(r.item.files.join("\n"))
        }),
        col("最近填报日期", Kind::Date, 17.0, 17.0, |r| {
            ListCell::Date(r.item.last_filed_on)
        }),
        col("报送渠道", Kind::Text, 12.0, 30.0, |r: &UnitRow<'a>| {
            t(unit_channel(r.ledger, r.item))
        })
        .note(
            "直接报送：单位自己报送的表格；经××汇总：牵头单位在其汇总报送表中报送了该单位的进展。"
                .into(),
        ),
        col("汇总单位", Kind::Text, 12.0, 30.0, |r: &UnitRow<'a>| {
            t(r.item.reports_to.join("、"))
        })
        .note(
            "按牵头单位汇总报送时，负责汇总该单位进展的牵头单位（无牵头单位的任务为责任单位）。"
                .into(),
        ),
        col("情况说明", Kind::Text, 12.0, 30.0, |r: &UnitRow<'a>| {
            t(unit_remark(r.ledger, r.item))
        }),
    ]
}

pub(super) fn units_sheet(
    ws: &mut Worksheet,
    ledger: &Ledger,
    st: &Styles,
) -> Result<(), XlsxError> {
    let cols = unit_columns();
    list_sheet(ws, SHEET_UNITS, &cols, st, ledger, || ledger.units.iter())
}

// ---------------------------------------------------------------------------
// 报送明细

/// A report with the task it is on.
type ReportItem<'a> = (&'a TaskEntry, &'a UnitReport);
type ReportRow<'a> = Row<'a, ReportItem<'a>>;

fn report_columns<'a>() -> [Column<'a, ReportItem<'a>>; 13] {
    [
        col("序号", Kind::Number, 6.0, 8.0, |r: &ReportRow<'a>| {
            num(r.item.0.id)
        }),
        col("单位", Kind::Text, 12.0, 30.0, |r| t(&r.item.1.unit)),
        col("角色", Kind::Center, 8.0, 10.0, |r| {
            t(r.item.1.role.label())
        }),
        // As the report counts: 待核实 when its status contradicts its text (原文状态
        // keeps the unit's word).
        col("状态", Kind::Center, 10.0, 12.0, |r: &ReportRow<'a>| {
            t(r.item.1.counted_status(r.ledger.as_of).label())
        })
        .highlight(Highlight::Status),
        col("原文状态", Kind::Text, 10.0, 24.0, |r| {
            t(&r.item.1.status_text)
        }),
        col("进展", Kind::Text, 20.0, WIDE, |r| t(&r.item.1.progress)),
        // The unit's remark and the cells kept under their headers (下步打算：…): a
        // reservation a 已完成 carries is read here (adv50 a 1: it was in ledger.json only).
        col("备注", Kind::Text, 10.0, 24.0, |r| t(&r.item.1.note)),
        col("完成时间", Kind::Date, 17.0, 17.0, |r| {
            ListCell::Date(r.item.1.completed_on)
        }),
        col("填报日期", Kind::Date, 17.0, 17.0, |r| {
            ListCell::Date(r.item.1.filed_on)
        }),
        col(
            "是否已被替代",
            Kind::Center,
            10.0,
            12.0,
            |r: &ReportRow<'a>| t(yes_no(r.item.1.superseded)),
        )
        .note("同一单位对同一任务多次报送时，以最新的一份为准（填报日期最晚的；同一天的，按月份最近的、注明修改或更正的），其余已被替代，标记为“是”。".into()),
        // Where each report was read: for the screen, not the printout.
        col("来源文件", Kind::Text, 16.0, 40.0, |r: &ReportRow<'a>| {
            t(&r.item.1.source.file)
        })
        .off_paper(),
        col("工作表", Kind::Text, 10.0, 20.0, |r: &ReportRow<'a>| {
            t(&r.item.1.source.sheet)
        })
        .off_paper(),
        col("行号", Kind::Number, 6.0, 8.0, |r: &ReportRow<'a>| {
            num(r.item.1.source.row)
        })
        .off_paper(),
    ]
}

pub(super) fn reports_sheet(
    ws: &mut Worksheet,
    ledger: &Ledger,
    st: &Styles,
) -> Result<(), XlsxError> {
    let cols = report_columns();
    let items = || {
        ledger
            .tasks
            .iter()
            .flat_map(|task| task.reports.iter().map(move |r| (task, r)))
    };
    list_sheet(ws, SHEET_REPORTS, &cols, st, ledger, items)
}

// ---------------------------------------------------------------------------
// 问题清单

fn problem_columns<'a>() -> [Column<'a, &'a Problem>; 6] {
    [
        col("严重程度", Kind::Center, 10.0, 10.0, |r: &Row<'a, &'a Problem>| {
            t(r.item.severity.label())
        })
        .highlight(Highlight::Severity)
        .note(
            "错误：数据未被采用，需核实后重新报送或手工处理；警告：数据已采用，请核对；提示：仅作记录。"
                .into(),
        ),
        col("问题类型", Kind::Text, 12.0, 20.0, |r| t(r.item.code.label())),
        col("文件", Kind::Text, 16.0, 40.0, |r| t(&r.item.file)),
        col("工作表", Kind::Text, 10.0, 20.0, |r| {
            t(r.item.sheet.as_deref().unwrap_or(""))
        }),
        col("行", Kind::Number, 6.0, 8.0, |r| match r.item.row {
            Some(row) => num(row),
            None => t(""),
        }),
        col("说明", Kind::Text, 30.0, WIDE, |r| t(&r.item.message)),
    ]
}

pub(super) fn problems_sheet(
    ws: &mut Worksheet,
    ledger: &Ledger,
    st: &Styles,
) -> Result<(), XlsxError> {
    let cols = problem_columns();
    list_sheet(ws, SHEET_PROBLEMS, &cols, st, ledger, || {
        ledger.problems.iter()
    })
}

// ---------------------------------------------------------------------------
// 未归集数据

/// Why a row could not be placed, in words.
fn unplaced_reason(code: Code) -> &'static str {
    match code {
        Code::UnitUnknown => "无法识别填报单位",
        Code::TaskUnknown => "序号不在整改方案中",
        Code::TaskUnmatched => "无法对应到整改任务",
        _ => "未能归集",
    }
}

type UnplacedRow<'a> = Row<'a, &'a Unplaced>;

fn unplaced_columns<'a>() -> [Column<'a, &'a Unplaced>; 9] {
    [
        col("文件", Kind::Text, 16.0, 40.0, |r: &UnplacedRow<'a>| {
            t(&r.item.source.file)
        }),
        col("工作表", Kind::Text, 10.0, 20.0, |r| {
            t(&r.item.source.sheet)
        }),
        col("行号", Kind::Number, 6.0, 8.0, |r| num(r.item.source.row)),
        col("原因", Kind::Text, 14.0, 24.0, |r: &UnplacedRow<'a>| {
            t(unplaced_reason(r.item.code))
        })
        .note(
            "这些数据行已读取，但无法对应到单位或整改任务，未计入任务台账，请人工核对后归集。"
                .into(),
        ),
        col("单位", Kind::Text, 10.0, 24.0, |r| {
            t(r.item.unit.as_deref().unwrap_or(""))
        }),
        col("序号（原文）", Kind::Center, 8.0, 12.0, |r| {
            t(&r.item.id_text)
        }),
        col("具体举措（原文）", Kind::Text, 20.0, 40.0, |r| {
            t(&r.item.measure_text)
        }),
        col("状态（原文）", Kind::Text, 10.0, 16.0, |r| {
            t(&r.item.status_text)
        }),
        col("进展（原文）", Kind::Text, 20.0, WIDE, |r| {
            t(&r.item.progress)
        }),
    ]
}

pub(super) fn unplaced_sheet(
    ws: &mut Worksheet,
    ledger: &Ledger,
    st: &Styles,
) -> Result<(), XlsxError> {
    let cols = unplaced_columns();
    list_sheet(ws, SHEET_UNPLACED, &cols, st, ledger, || {
        ledger.unplaced.iter()
    })
}
