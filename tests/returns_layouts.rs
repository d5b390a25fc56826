//! More layouts units really send: a 完成情况 column beside 整改进展情况 holding words
//! the vocabulary does not know, a unit's own 整改措施 column beside the plan's, other
//! filing-date labels, signature blocks under a spreadsheet table, whole-plan copies
//! answering 无 on rows that are not the unit's, 任务23 as a task number, and 辖区内无
//! as 不涉及. Every fixture is built in code.

mod common;

use chrono::NaiveDate;
use common::*;
use rectify::model::{Code, Severity, SkipReason, Status};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A return of `unit` with the header `header` and rows of texts (numbers as text).
fn sheet(unit: &str, header: &[&str], rows: &[Vec<String>]) -> SheetSpec {
    let mut spec = SheetSpec::new("进展情况")
        .text_row(&[&format!("填报单位：{unit}"), "", "填报日期：2020年12月4日"])
        .text_row(header);
    for row in rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        spec = spec.text_row(&cells);
    }
    spec
}

/// The ledger of one return of `unit` ([`sheet`]) in a folder of its own.
fn read_one(unit: &str, header: &[&str], rows: &[Vec<String>]) -> rectify::model::Ledger {
    let dir = tempfile::tempdir().unwrap();
    write_workbook(
        &dir.path().join(format!("{unit}.xlsx")),
        &[sheet(unit, header, rows)],
    );
    ledger_for(dir.path())
}

/// How many rows were skipped as header rows.
fn header_rows(ledger: &rectify::model::Ledger) -> usize {
    ledger
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Header)
        .count()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// Rows of (序号, progress, status) with the task's measure between.
fn progress_rows(cells: &[(&str, &str, &str)]) -> Vec<Vec<String>> {
    cells
        .iter()
        .map(|(id, prog, st)| row(&[id, &measure(id.parse().unwrap()), prog, st]))
        .collect()
}

/// The one current report on task `id`.
fn only_report(ledger: &rectify::model::Ledger, id: u32) -> rectify::model::UnitReport {
    let r: Vec<_> = ledger.task(id).unwrap().current_reports().collect();
    assert_eq!(r.len(), 1, "task {id}");
    r[0].clone()
}

/// Whether the ledger has a problem of `code`.
fn raised(ledger: &rectify::model::Ledger, code: Code) -> bool {
    ledger.problems.iter().any(|p| p.code == code)
}

/// Whether the ledger has a problem of `code` whose message holds `words`.
fn said(ledger: &rectify::model::Ledger, code: Code, words: &str) -> bool {
    ledger
        .problems
        .iter()
        .any(|p| p.code == code && p.message.contains(words))
}

/// The units with a current report on task `id`, in the ledger's order.
fn units_on(ledger: &rectify::model::Ledger, id: u32) -> Vec<String> {
    ledger
        .task(id)
        .unwrap()
        .current_reports()
        .map(|r| r.unit.clone())
        .collect()
}

/// 完成情况 holds status words, one of them a bare 未完成: it is still the status
/// column, on either side of 整改进展情况, and the progress column is read; 未完成
/// beside work under way is 正在推进, its text kept (adv54 a 7: it read 待核实).
#[test]
fn a_status_column_named_like_progress_keeps_both_columns() {
    for (unit, status_first) in [("松溉镇", true), ("朱沱镇", false)] {
        let dir = tempfile::tempdir().unwrap();
        let header: Vec<&str> = if status_first {
            vec!["序号", "具体举措", "完成情况", "整改进展情况"]
        } else {
            vec!["序号", "具体举措", "整改进展情况", "完成情况"]
        };
        let rows: Vec<Vec<String>> = [
            ("1", "已完成", "完成尾水处理设施2处。"),
            ("4", "正在推进", "推广测土配方施肥0.8万亩。"),
            ("27", "未完成", "清理开垦点位5处，尚有2处未清理。"),
            ("24", "办理中", "拆除拦河设施3处。"),
        ]
        .iter()
        .map(|(id, st, prog)| {
            let m = measure(id.parse().unwrap());
            if status_first {
                row(&[id, &m, st, prog])
            } else {
                row(&[id, &m, prog, st])
            }
        })
        .collect();
        write_workbook(
            &dir.path().join(format!("{unit}.xlsx")),
            &[sheet(unit, &header, &rows)],
        );
        let ledger = ledger_for(dir.path());
        let one = |id| reports_of(&ledger, id, unit)[0].clone();
        assert_eq!(one(1).status, Status::Completed, "{unit}");
        assert_eq!(one(1).progress, "完成尾水处理设施2处。", "{unit}");
        assert_eq!(one(4).status, Status::InProgress);
        assert_eq!(one(24).status, Status::InProgress, "办理中");
        let not_done = one(27);
        assert_eq!(not_done.status, Status::InProgress);
        assert_eq!(not_done.status_text, "未完成");
        assert_eq!(not_done.progress, "清理开垦点位5处，尚有2处未清理。");
    }
}

/// A 完成情况 column of 是 / 否 beside the progress column reads as 是否完成.
#[test]
fn a_yes_no_column_named_like_progress_is_a_yes_no_column() {
    let dir = tempfile::tempdir().unwrap();
    let header = ["序号", "具体举措", "进展情况", "完成情况"];
    let rows = vec![
        row(&["29", &measure(29), "每周清理水白菜，累计清漂860吨。", "是"]),
        row(&[
            "1",
            &measure(1),
            "完成池塘改造40亩，尾水设施建设正在推进。",
            "否",
        ]),
    ];
    write_workbook(
        &dir.path().join("大安街道.xlsx"),
        &[sheet("大安街道", &header, &rows)],
    );
    let ledger = ledger_for(dir.path());
    let r29 = &reports_of(&ledger, 29, "大安街道")[0];
    assert_eq!(r29.status, Status::Completed);
    assert_eq!(r29.progress, "每周清理水白菜，累计清漂860吨。");
    assert_eq!(
        reports_of(&ledger, 1, "大安街道")[0].status,
        Status::InProgress
    );
}

/// A 是否完成 column of Excel logical values (a check box linked to its cell): TRUE
/// is 是, FALSE is 否. They read “完成状态“TRUE”无法识别” before, 待核实.
#[test]
fn logical_values_in_a_yes_no_column_answer_it() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["序号", "具体举措", "进展情况", "是否完成"])
        .row(vec![
            n(29.0),
            s(&measure(29)),
            s("每周清理水白菜，累计清漂860吨。"),
            V::B(true),
        ])
        .row(vec![
            n(1.0),
            s(&measure(1)),
            s("完成池塘改造40亩，尾水设施建设正在推进。"),
            V::B(false),
        ]);
    write_workbook(&dir.path().join("大安街道.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert_eq!(
        reports_of(&ledger, 29, "大安街道")[0].status,
        Status::Completed
    );
    assert_eq!(
        reports_of(&ledger, 1, "大安街道")[0].status,
        Status::InProgress
    );
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
}

/// The unit's own 整改措施 beside the plan's 整改任务 is kept (in the report's note,
/// under its header); a second progress column adds to the progress.
#[test]
fn a_second_column_of_a_kind_is_read_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let header = [
        "序号",
        "整改任务",
        "整改措施",
        "工作进展",
        "推进情况",
        "完成状态",
    ];
    let rows = vec![row(&[
        "1",
        &measure(1),
        "督促业主建设三级沉淀池",
        "完成池塘改造8口。",
        "尾水设施正在调试。",
        "正在推进",
    ])];
    write_workbook(
        &dir.path().join("何埂镇.xlsx"),
        &[sheet("何埂镇", &header, &rows)],
    );
    let ledger = ledger_for(dir.path());
    let r = &reports_of(&ledger, 1, "何埂镇")[0];
    assert_eq!(r.progress, "完成池塘改造8口。\n尾水设施正在调试。");
    assert_eq!(r.note, "整改措施：督促业主建设三级沉淀池");
    assert_eq!(r.status, Status::InProgress);
}

/// 填表日期, 报送时间 and 日期： date a return; the later of two returns stands.
#[test]
fn other_filing_date_labels_date_the_return() {
    let dir = tempfile::tempdir().unwrap();
    for (file, line, status, progress) in [
        (
            "区财政局.xlsx",
            "填表日期：2020年12月2日",
            "正在推进",
            "办法正在征求意见。",
        ),
        (
            "区财政局（更新）.xlsx",
            "报送时间：2020年12月8日",
            "已完成",
            "办法已印发实施。",
        ),
    ] {
        let spec = SheetSpec::new("Sheet")
            .text_row(&["填报单位：区财政局", "", line])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["58", &measure(58), progress, status]);
        write_workbook(&dir.path().join(file), &[spec]);
    }
    let spec = SheetSpec::new("Sheet")
        .text_row(&["单位：区河长办", "", "日期：2020.12.4"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .text_row(&["56", &measure(56), "开展巡河120次。", "长期坚持"]);
    write_workbook(&dir.path().join("区河长办.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let finance = reports_of(&ledger, 58, "区财政局");
    let current: Vec<_> = finance.iter().filter(|r| !r.superseded).collect();
    assert_eq!(current.len(), 1, "{finance:#?}");
    assert_eq!(current[0].status, Status::Completed);
    assert_eq!(current[0].filed_on, Some(date(2020, 12, 8)));
    assert!(!ledger.problems.iter().any(|p| p.code == Code::Conflict));
    assert_eq!(
        reports_of(&ledger, 56, "区河长办")[0].filed_on,
        Some(date(2020, 12, 4))
    );
}

/// Signature blocks under a spreadsheet table are notes, never data rows: contact
/// lines, a sealed name, a unit's name over a date; the date dates the return.
#[test]
fn signature_rows_under_a_spreadsheet_table_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, u32, Vec<Vec<&str>>); 3] = [
        (
            "区发展改革委",
            47,
            vec![vec!["填报人：周平", "", "联系电话：49823456"]],
        ),
        (
            "区金融办",
            60,
            vec![vec![
                "分管领导：吴刚",
                "填报人：郑丽",
                "联系电话：13908312345",
            ]],
        ),
        (
            "区河长办",
            56,
            vec![
                vec!["", "", "区河长办（盖章）"],
                vec!["", "", "2020年12月4日"],
            ],
        ),
    ];
    for (unit, id, signature) in &cases {
        let mut spec = SheetSpec::new("进展情况")
            .text_row(&[&format!("填报单位：{unit}")])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&[&id.to_string(), &measure(*id), "已按要求推进。", "正在推进"])
            .text_row(&[]);
        for line in signature {
            spec = spec.text_row(line);
        }
        write_workbook(&dir.path().join(format!("{unit}.xlsx")), &[spec]);
    }
    // A unit's plain name over a date, under the progress column.
    let spec = SheetSpec::new("进展情况")
        .text_row(&["填报单位：区经济信息委"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .text_row(&["12", &measure(12), "已按要求推进。", "正在推进"])
        .text_row(&[])
        .text_row(&["", "", "区经济信息委"])
        .text_row(&["", "", "2020年12月3日"]);
    write_workbook(&dir.path().join("区经济信息委.xlsx"), &[spec]);
    // The name in the 序号 column and the date beside it, right under the table.
    let spec = SheetSpec::new("进展情况")
        .text_row(&["填报单位：区纪委监委"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .text_row(&["63", &measure(63), "已按要求推进。", "正在推进"])
        .text_row(&["区纪委监委", "", "2020年12月4日"]);
    write_workbook(&dir.path().join("区纪委监委.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert!(ledger.unplaced.is_empty(), "{:#?}", ledger.unplaced);
    assert_eq!(
        reports_of(&ledger, 63, "区纪委监委")[0].filed_on,
        Some(date(2020, 12, 4)),
        "a name and a date on one line date the return"
    );
    assert!(
        !ledger
            .problems
            .iter()
            .any(|p| matches!(p.code, Code::TaskUnmatched | Code::StatusUnclear)),
        "{:#?}",
        ledger.problems
    );
    for (unit, id, _) in &cases {
        assert_eq!(reports_of(&ledger, *id, unit).len(), 1, "{unit}");
    }
    assert_eq!(
        reports_of(&ledger, 12, "区经济信息委")[0].filed_on,
        Some(date(2020, 12, 3)),
        "the signature's date dates an undated return"
    );
    let notes = ledger
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Note)
        .count();
    assert_eq!(notes, 7, "{:#?}", ledger.skipped);
}

/// A whole-plan copy that answers 无 with a slash on the rows that are not the
/// unit's: those rows are unfilled, not reports.
#[test]
fn whole_plan_copy_answering_none_counts_only_the_real_rows() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan();
    let mut spec = SheetSpec::new("板桥镇")
        .text_row(&["填报单位：板桥镇 填报日期：2020年12月4日"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"]);
    for task in &plan.tasks {
        let id = task.id.to_string();
        spec = if task.id == 24 {
            spec.text_row(&[&id, &task.measure, "拆除拦河设施2处。", "已完成"])
        } else {
            spec.text_row(&[&id, &task.measure, "无", "/"])
        };
    }
    write_workbook(&dir.path().join("板桥镇.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let town = ledger.units.iter().find(|u| u.name == "板桥镇").unwrap();
    assert_eq!(town.reported, vec![24]);
    assert!(
        !ledger
            .problems
            .iter()
            .any(|p| matches!(p.code, Code::StatusUnclear | Code::Unassigned)),
        "{:#?}",
        ledger.problems
    );
    let unfilled = ledger
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Unfilled)
        .count();
    assert_eq!(unfilled, plan.tasks.len() - 1);
}

/// 任务23 names task 23; 我街道辖区内无… alone reads 不涉及.
#[test]
fn task_word_numbers_and_nothing_in_the_area_answers() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("进展情况")
        .text_row(&["填报单位：大安街道 填报日期：2020年12月4日"])
        .text_row(&["序号", "整改进展情况", "完成状态"])
        .text_row(&["任务24", "经排查，我街道辖区内无拦河养鱼问题。", "/"])
        .text_row(&["任务29", "每周清理水白菜。", "长期坚持"]);
    write_workbook(&dir.path().join("大安街道.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert!(ledger.unplaced.is_empty(), "{:#?}", ledger.unplaced);
    assert_eq!(
        reports_of(&ledger, 24, "大安街道")[0].status,
        Status::NotApplicable
    );
    assert_eq!(
        reports_of(&ledger, 29, "大安街道")[0].status,
        Status::Ongoing
    );
}

/// A task split over two rows of one table (序号 merged down, a part of the work on
/// each): one report with both texts and the less advanced status (but 已完成 and
/// 长期坚持 on a task due by a date then kept up: 已完成), no conflict; the second row
/// stays in the ledger as superseded. Two files saying different things on
/// the same day are still a conflict.
#[test]
fn two_rows_of_one_table_on_a_task_are_one_report() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("进展情况")
        .text_row(&["填报单位：区交通局 填报日期：2020年12月4日"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .text_row(&["55", &measure(55), "开展联合检查12次。", "正在推进"])
        .text_row(&["", "", "设置警示标志8处。", "已完成"])
        .merge(2, 0, 3, 0)
        .merge(2, 1, 3, 1);
    write_workbook(&dir.path().join("区交通局.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let all = reports_of(&ledger, 55, "区交通局");
    assert_eq!(all.len(), 2, "{all:#?}");
    let current: Vec<_> = all.iter().filter(|r| !r.superseded).collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].progress, "开展联合检查12次。\n设置警示标志8处。");
    assert_eq!(current[0].status, Status::InProgress);
    assert_eq!(current[0].source.row, 3);
    assert!(!ledger.problems.iter().any(|p| p.code == Code::Conflict));
    assert!(ledger
        .problems
        .iter()
        .any(|p| p.code == Code::Duplicate && p.message.contains("已合并为一条")));

    // On a task due by a date and kept up after it (2020年9月底完成并长期坚持), 已完成 on
    // one row and 长期坚持 on the other is 已完成并长期坚持: completed, its date kept.
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("进展情况")
        .text_row(&["填报单位：区城管局 填报日期：2020年12月4日"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"])
        .text_row(&[
            "28",
            &measure(28),
            "考核办法已印发。",
            "已完成",
            "2020年9月25日",
        ])
        .text_row(&["", "", "每月考核通报。", "长期坚持", ""])
        .merge(2, 0, 3, 0)
        .merge(2, 1, 3, 1);
    write_workbook(&dir.path().join("区城管局.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let current: Vec<_> = reports_of(&ledger, 28, "区城市管理局")
        .into_iter()
        .filter(|r| !r.superseded)
        .collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].status, Status::Completed);
    assert_eq!(current[0].completed_on, Some(date(2020, 9, 25)));
    assert!(ledger
        .problems
        .iter()
        .any(|p| p.code == Code::Duplicate && p.message.contains("按已完成并长期坚持计为已完成")));

    // On a task kept up with no date (长期坚持), the part done is a part: 长期坚持.
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("进展情况")
        .text_row(&["填报单位：区城管局 填报日期：2020年12月4日"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .text_row(&["44", &measure(44), "专项检查已完成。", "已完成"])
        .text_row(&["", "", "每月巡查。", "长期坚持"])
        .merge(2, 0, 3, 0)
        .merge(2, 1, 3, 1);
    write_workbook(&dir.path().join("区城管局.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let current: Vec<_> = reports_of(&ledger, 44, "区城市管理局")
        .into_iter()
        .filter(|r| !r.superseded)
        .collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].status, Status::Ongoing);

    // The same two texts in two files of the same day: versions that disagree.
    let dir = tempfile::tempdir().unwrap();
    for (file, progress, status) in [
        ("区交通局.xlsx", "开展联合检查12次。", "长期坚持"),
        ("区交通局（补充）.xlsx", "设置警示标志8处。", "已完成"),
    ] {
        let spec = SheetSpec::new("进展情况")
            .text_row(&["填报单位：区交通局 填报日期：2020年12月4日"])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["55", &measure(55), progress, status]);
        write_workbook(&dir.path().join(file), &[spec]);
    }
    let ledger = ledger_for(dir.path());
    assert!(ledger.problems.iter().any(|p| p.code == Code::Conflict));
}

/// A lead unit's consolidation: each task's rows name one unit each in 责任单位 (序号
/// merged down, or left blank under the first row), one row names a group (各镇街：其余
/// 镇街…); or the sheet keeps the plan's 牵头单位 column beside it. The rows are their
/// units' reports; the group row is the lead's own.
#[test]
fn a_consolidation_with_a_group_row_or_the_plans_lead_column_reads_each_rows_unit() {
    let lead = "区农业农村委";
    let task = plan()
        .tasks
        .into_iter()
        .find(|t| t.lead.units == [lead] && t.responsible.units.len() >= 3)
        .expect("a task 区农业农村委 leads with towns responsible");
    let towns: Vec<String> = task.responsible.units[..2].to_vec();
    let id = task.id.to_string();
    for (merged, plan_lead_column) in [(true, false), (false, false), (true, true)] {
        let dir = tempfile::tempdir().unwrap();
        let mut header = vec!["序号", "具体举措", "责任单位", "整改进展情况", "完成状态"];
        if plan_lead_column {
            header.insert(2, "牵头单位");
        }
        let mut spec = SheetSpec::new("汇总表")
            .text_row(&[&format!("填报单位：{lead} 填报日期：2020年12月6日")])
            .text_row(&header);
        let rows = [
            (lead, "印发实施方案。", "正在推进"),
            (towns[0].as_str(), "完成池塘改造120亩。", "已完成"),
            (towns[1].as_str(), "完成池塘改造80亩。", "正在推进"),
            ("各镇街", "其余镇街均已完成排查。", "已完成"),
        ];
        for (i, (unit, progress, status)) in rows.iter().enumerate() {
            let (idc, m) = if i == 0 || !merged {
                (id.as_str(), task.measure.as_str())
            } else {
                ("", "")
            };
            let mut cells = vec![idc, m, unit, progress, status];
            if plan_lead_column {
                cells.insert(2, lead);
            }
            spec = spec.text_row(&cells);
        }
        if merged {
            spec = spec.merge(2, 0, 5, 0).merge(2, 1, 5, 1);
        }
        write_workbook(&dir.path().join("汇总表.xlsx"), &[spec]);
        let ledger = ledger_for(dir.path());
        let case = format!("merged {merged}, plan's lead column {plan_lead_column}");
        assert!(ledger.unplaced.is_empty(), "{case}: {:#?}", ledger.unplaced);
        for (town, status) in [
            (&towns[0], Status::Completed),
            (&towns[1], Status::InProgress),
        ] {
            let r = reports_of(&ledger, task.id, town);
            assert_eq!(r.len(), 1, "{case}: {town}");
            assert_eq!(r[0].status, status, "{case}");
            assert_eq!(r[0].via.as_deref(), Some(lead), "{case}");
        }
        let own: Vec<_> = reports_of(&ledger, task.id, lead)
            .into_iter()
            .filter(|r| !r.superseded)
            .collect();
        assert_eq!(own.len(), 1, "{case}");
        assert_eq!(
            own[0].progress, "印发实施方案。\n其余镇街均已完成排查。",
            "{case}"
        );
        assert!(
            !ledger.problems.iter().any(|p| matches!(
                p.code,
                Code::Conflict | Code::UnitUnknown | Code::TaskUnmatched
            )),
            "{case}: {:#?}",
            ledger.problems
        );
    }
}

/// A lead unit's consolidation whose unit cells carry the partner's contact after the
/// name (来苏镇 and a line （联系人：张伟 138…）, 宝峰镇（李静，4980…）): each row is that
/// partner's. Before, the line break and the comma read as a list of units, the unit
/// column was taken for the plan's assignment and every row went to the lead.
#[test]
fn a_contact_after_a_partners_name_leaves_the_name() {
    let lead = "区农业农村委";
    let task = plan()
        .tasks
        .into_iter()
        .find(|t| t.lead.units == [lead] && t.responsible.units.len() >= 2)
        .unwrap();
    let towns = &task.responsible.units[..2];
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("汇总表")
        .text_row(&[&format!("填报单位：{lead}")])
        .text_row(&["序号", "具体举措", "责任单位", "整改进展情况", "完成状态"])
        .text_row(&[
            &task.id.to_string(),
            &task.measure,
            &format!("{lead}（牵头）"),
            "全区已完成86座。",
            "正在推进",
        ])
        .text_row(&[
            "",
            "",
            &format!("{}\n（联系人：张伟 13896012345）", towns[0]),
            "完成观音井村设施建设。",
            "已完成",
        ])
        .text_row(&[
            "",
            "",
            &format!("{}（李静，49801234）", towns[1]),
            "设施正在建设。",
            "正在推进",
        ]);
    write_workbook(&dir.path().join(format!("{lead}汇总.xlsx")), &[spec]);
    let ledger = ledger_for(dir.path());
    let lead_report = &reports_of(&ledger, task.id, lead)[0];
    assert_eq!(lead_report.progress, "全区已完成86座。");
    let first = &reports_of(&ledger, task.id, &towns[0])[0];
    assert_eq!(
        (first.status, first.progress.as_str()),
        (Status::Completed, "完成观音井村设施建设。")
    );
    let second = &reports_of(&ledger, task.id, &towns[1])[0];
    assert_eq!(
        (second.status, second.progress.as_str()),
        (Status::InProgress, "设施正在建设。")
    );
}

/// A lead unit's consolidation that lists its partners under each task: their names in
/// the 序号 column (39 | measure | …, then 来苏镇 | | …), in the 具体举措 column (| 来苏镇 |
/// …), or opening the progress (| | 来苏镇：建成…). Each such row is that unit's report on
/// the task above, through the lead, its text without the name; the next numbered row
/// is a task of the lead's own, and the signature under the table is no report.
#[test]
fn partner_names_under_a_task_are_the_partners_reports() {
    let lead = "区农业农村委";
    let tasks: Vec<_> = plan()
        .tasks
        .into_iter()
        .filter(|t| t.lead.units == [lead] && t.responsible.units.len() >= 2)
        .collect();
    let (task, next) = (&tasks[0], &tasks[1]);
    let towns: Vec<String> = task.responsible.units[..2].to_vec();
    let texts = ["完成观音井村设施建设。", "设施正在建设。"];
    for shape in ["序号", "具体举措", "进展"] {
        let partner_row = |town: &str, text: &str, status: &str, date: &str| -> Vec<String> {
            let cells = match shape {
                "序号" => [town.to_string(), String::new(), text.to_string()],
                "具体举措" => [String::new(), town.to_string(), text.to_string()],
                _ => [String::new(), String::new(), format!("{town}：{text}")],
            };
            cells
                .into_iter()
                .chain([status.to_string(), date.to_string()])
                .collect()
        };
        let first = partner_row(&towns[0], texts[0], "已完成", "2020年10月30日");
        let second = partner_row(&towns[1], texts[1], "正在推进", "");
        let first: Vec<&str> = first.iter().map(String::as_str).collect();
        let second: Vec<&str> = second.iter().map(String::as_str).collect();
        let dir = tempfile::tempdir().unwrap();
        let spec = SheetSpec::new("汇总表")
            .text_row(&[
                &format!("填报单位：{lead}"),
                "",
                "",
                "填报日期：2020年12月6日",
            ])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"])
            .text_row(&[
                &task.id.to_string(),
                &task.measure,
                "全区已完成86座。",
                "正在推进",
                "",
            ])
            .text_row(&first)
            .text_row(&second)
            .text_row(&[
                &next.id.to_string(),
                &next.measure,
                "开展巡查4次。",
                "长期坚持",
                "",
            ])
            .text_row(&[lead, "", "", "2020年12月6日", ""]);
        write_workbook(&dir.path().join(format!("{lead}.xlsx")), &[spec]);
        let ledger = ledger_for(dir.path());
        assert!(
            ledger.unplaced.is_empty(),
            "{shape}: {:#?}",
            ledger.unplaced
        );
        assert!(
            !ledger
                .problems
                .iter()
                .any(|p| matches!(p.code, Code::TaskUnmatched | Code::UnitUnknown)),
            "{shape}: {:#?}",
            ledger.problems
        );
        let first = reports_of(&ledger, task.id, &towns[0]);
        assert_eq!(first.len(), 1, "{shape}: {:#?}", ledger.tasks);
        assert_eq!(first[0].status, Status::Completed, "{shape}");
        assert_eq!(first[0].completed_on, Some(date(2020, 10, 30)), "{shape}");
        assert_eq!(first[0].progress, texts[0], "{shape}");
        assert_eq!(first[0].via.as_deref(), Some(lead), "{shape}");
        let second = reports_of(&ledger, task.id, &towns[1]);
        assert_eq!(second.len(), 1, "{shape}");
        assert_eq!(second[0].status, Status::InProgress, "{shape}");
        assert_eq!(second[0].progress, texts[1], "{shape}");
        assert_eq!(second[0].via.as_deref(), Some(lead), "{shape}");
        let own = reports_of(&ledger, task.id, lead);
        assert_eq!(own.len(), 1, "{shape}");
        assert_eq!(own[0].progress, "全区已完成86座。", "{shape}");
        assert_eq!(units_on(&ledger, next.id), [lead], "{shape}");
        assert_eq!(
            only_report(&ledger, next.id).status,
            Status::Ongoing,
            "{shape}"
        );
    }
}

/// Task rows a unit answered with a mark alone (/ in every column, 无 and 无) stay
/// unreported, and the unit is told once per sheet how to say 不涉及 (adv51 a 3: passed
/// over without a word, and the unit reminded of tasks it had answered). A row of a task
/// that is not the unit's is not named.
#[test]
fn task_rows_answered_with_a_mark_alone_are_told_of() {
    let ledger = read_one(
        "红炉镇",
        &[
            "序号",
            "具体举措",
            "整改进展情况",
            "完成状态",
            "完成时间",
            "备注",
        ],
        &[
            row(&[
                "24",
                &measure(24),
                "拆除拦河养鱼设施1处。",
                "已完成",
                "",
                "",
            ]),
            row(&["25", &measure(25), "", "/", "/", "/"]),
            row(&["27", &measure(27), "无", "无", "", ""]),
            row(&["14", &measure(14), "无", "", "", ""]),
        ],
    );
    let told: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::NothingFilled)
        .collect();
    assert_eq!(told.len(), 1, "{:#?}", ledger.problems);
    assert!(
        told[0].message.starts_with(
            "第25、27项只填写了“/”“无”等符号，没有进展情况，按未报送统计。如这些任务不涉及红炉镇"
        ),
        "{}",
        told[0].message
    );
    assert_eq!(told[0].row, Some(4));
    let u = ledger.units.iter().find(|u| u.name == "红炉镇").unwrap();
    assert!(u.missing.contains(&25) && u.missing.contains(&27));
}

/// A lead's consolidation saying 已全部完成 over towns its own rows list as still at work
/// or not started: the task is 正在推进, and the clerk is told at the lead's row (adv51
/// a 4: counted 正在推进 without a word). A lead's 已完成 for its part, not claiming the
/// whole, over a town at work is told nothing (its own part).
#[test]
fn a_leads_whole_done_over_its_towns_at_work_is_warned_of() {
    let lead = "区农业农村委";
    let task = plan()
        .tasks
        .into_iter()
        .find(|t| t.lead.units == [lead] && t.responsible.units.len() >= 2)
        .unwrap();
    let towns: Vec<String> = task.responsible.units[..2].to_vec();
    let ledger_of = |lead_text: &str| {
        let dir = tempfile::tempdir().unwrap();
        let spec = SheetSpec::new("汇总表")
            .text_row(&[
                &format!("填报单位：{lead}"),
                "",
                "",
                "填报日期：2020年12月6日",
            ])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"])
            .text_row(&[&task.id.to_string(), &task.measure, lead_text, "已完成", ""])
            .text_row(&[&towns[0], "", "剩余2处正在修复。", "正在推进", ""])
            .text_row(&[&towns[1], "", "尚未开展摸排。", "未启动", ""]);
        write_workbook(&dir.path().join(format!("{lead}.xlsx")), &[spec]);
        ledger_for(dir.path())
    };
    let ledger = ledger_of("全区摸排已全部完成，破损管网已修复。");
    assert_eq!(ledger.task(task.id).unwrap().status, Status::InProgress);
    let warned: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::Conflict)
        .collect();
    assert_eq!(warned.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(warned[0].row, Some(3));
    for words in [
        &format!("{lead}对第{}项报“已完成”（“全区摸排已全部完成", task.id),
        &format!("{}报“正在推进”，{}报“未启动”", towns[0], towns[1]),
    ] {
        assert!(
            warned[0].message.contains(words.as_str()),
            "{}",
            warned[0].message
        );
    }
    let ledger = ledger_of("牵头制定了工作方案。");
    assert_eq!(ledger.task(task.id).unwrap().status, Status::InProgress);
    assert!(!raised(&ledger, Code::Conflict), "{:#?}", ledger.problems);
}

/// A lead unit's workbook with a sheet per task (titled 任务44：…, or only named 第28项),
/// its rows numbered 1, 2, 3 … one per unit (责任单位 column): every row is on the
/// sheet's task, each its unit's report; the numbers count rows, they are not tasks 1–3.
#[test]
fn a_sheet_per_task_numbering_its_unit_rows_reads_them_on_its_task() {
    let lead = "区农业农村委";
    let tasks: Vec<_> = plan()
        .tasks
        .into_iter()
        .filter(|t| t.lead.units == [lead] && t.responsible.units.len() >= 2 && t.id > 3)
        .collect();
    let (a, b) = (&tasks[0], &tasks[1]);
    let header = ["序号", "责任单位", "工作进展", "完成状态"];
    let titled = SheetSpec::new(&format!("第{}项", a.id))
        .text_row(&[&format!("任务{}：{}（牵头单位：{lead}）", a.id, a.measure)])
        .text_row(&[&format!("填报单位：{lead}"), "", "填报日期：2020年12月4日"])
        .text_row(&header)
        .text_row(&["1", lead, "印发工作方案。", "已完成"])
        .text_row(&["2", &a.responsible.units[0], "完成排查。", "长期坚持"])
        .text_row(&["3", &a.responsible.units[1], "正在整治。", "正在推进"]);
    let named = SheetSpec::new(&format!("第{}项", b.id))
        .text_row(&[&format!("填报单位：{lead}"), "", "填报日期：2020年12月4日"])
        .text_row(&header)
        .text_row(&["1", lead, "督促镇街落实。", "长期坚持"])
        .text_row(&["2", &b.responsible.units[1], "已全部完成。", "已完成"]);
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("牵头任务汇总.xlsx"), &[titled, named]);
    let ledger = ledger_for(dir.path());
    let mut want_a = vec![lead.to_string()];
    want_a.extend(a.responsible.units[..2].iter().cloned());
    let mut got_a = units_on(&ledger, a.id);
    got_a.sort();
    want_a.sort();
    assert_eq!(got_a, want_a, "{:#?}", ledger.problems);
    let mut got_b = units_on(&ledger, b.id);
    got_b.sort();
    let mut want_b = vec![lead.to_string(), b.responsible.units[1].clone()];
    want_b.sort();
    assert_eq!(got_b, want_b);
    for id in 1..=3 {
        assert!(
            ledger.task(id).unwrap().current_reports().next().is_none(),
            "task {id}"
        );
    }
    let town = reports_of(&ledger, a.id, &a.responsible.units[1]);
    assert_eq!(town[0].status, Status::InProgress);
    assert_eq!(town[0].via.as_deref(), Some(lead));
    assert!(!raised(&ledger, Code::Unassigned), "{:#?}", ledger.problems);
    assert!(!raised(&ledger, Code::Conflict));
}

/// The row right under the header is data even when its 序号 is blank and one of its
/// cells (已完成) is a word that heads a tick column: a second header row is made of
/// header words, not of a task's measure, dates and progress.
#[test]
fn a_first_row_without_a_number_is_not_a_second_header_row() {
    let unit = "区河长办";
    let rows = vec![
        row(&[
            "",
            &measure(49),
            "已完成",
            "2020-09-20",
            "已印发联合执法工作机制。",
        ]),
        row(&["55", &measure(55), "正在推进", "", "河长巡河制度持续落实。"]),
    ];
    let header = ["序号", "具体举措", "完成状态", "完成时间", "整改进展情况"];
    let ledger = read_one(unit, &header, &rows);
    let first = reports_of(&ledger, 49, unit);
    assert_eq!(first.len(), 1, "{:?}", ledger.skipped);
    assert_eq!(first[0].status, Status::Completed);
    assert_eq!(first[0].completed_on, Some(date(2020, 9, 20)));
    assert_eq!(first[0].progress, "已印发联合执法工作机制。");
    assert_eq!(reports_of(&ledger, 55, unit)[0].status, Status::InProgress);
    assert_eq!(header_rows(&ledger), 1, "{:?}", ledger.skipped);
}

/// A lead unit's workbook: a 汇总 sheet under its 填报单位 line whose rows each name a
/// town, and a sheet per town titled with the town's name. The file is the lead unit's
/// (it is not reminded as silent), and the towns' rows came through it.
#[test]
fn a_consolidation_with_a_sheet_per_town_is_the_lead_units_file() {
    let dir = tempfile::tempdir().unwrap();
    let lead = "区住房城乡建委";
    let towns = ["青峰镇", "金龙镇", "临江镇"];
    let mut summary = SheetSpec::new("汇总")
        .text_row(&[&format!("{lead}牵头整改任务进展汇总表")])
        .text_row(&[
            &format!("填报单位：{lead}"),
            "",
            "",
            "",
            "填报日期：2020年12月4日",
        ])
        .text_row(&["序号", "具体举措", "单位", "整改进展情况", "完成状态"]);
    let m = measure(30);
    for (i, town) in towns.iter().enumerate() {
        let (id, text) = if i == 0 { ("30", m.as_str()) } else { ("", "") };
        summary = summary.text_row(&[id, text, town, "已完成乡镇管网排查。", "已完成"]);
    }
    let mut sheets = vec![summary];
    for town in towns {
        sheets.push(
            SheetSpec::new(town)
                .text_row(&[&format!("{town}整改任务进展情况表")])
                .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
                .text_row(&["30", &m, "已完成乡镇管网排查。", "已完成"]),
        );
    }
    write_workbook(
        &dir.path().join(format!("{lead}牵头任务汇总.xlsx")),
        &sheets,
    );
    let ledger = ledger_for(dir.path());
    assert_eq!(
        ledger.files[0].unit.as_deref(),
        Some(lead),
        "{:?}",
        ledger.files
    );
    for town in towns {
        let r = reports_of(&ledger, 30, town);
        assert!(!r.is_empty(), "{town}");
        assert!(r.iter().all(|r| r.status == Status::Completed), "{town}");
    }
    let via: Vec<_> = ledger.tasks[29]
        .reports
        .iter()
        .filter(|r| !r.superseded)
        .map(|r| r.via.as_deref())
        .collect();
    assert!(via.contains(&Some(lead)), "{via:?}");
    let unit = ledger.units.iter().find(|u| u.name == lead).unwrap();
    assert!(!unit.files.is_empty(), "{unit:?}");
}

/// A tick column per status (已完成 / 正在推进 / 未启动): the column holding the mark
/// (√ ✓ ● 是) is the status; ticks in two columns read 待核实 naming both; the mark is
/// never taken for progress text.
#[test]
fn tick_columns_one_per_status() {
    let unit = "区水利局";
    let header = [
        "序号",
        "具体举措",
        "整改进展情况",
        "已完成",
        "正在推进",
        "未启动",
    ];
    let rows = vec![
        row(&["20", &measure(20), "项目已纳入储备库。", "", "√", ""]),
        row(&["21", &measure(21), "27座电站全部整改。", "✓", "", ""]),
        row(&["23", &measure(23), "规划编制中。", "", "", "●"]),
        row(&["24", &measure(24), "拆除设施14处。", "是", "", ""]),
        row(&["26", &measure(26), "已开展排查。", "√", "√", ""]),
    ];
    let ledger = read_one(unit, &header, &rows);
    let one = |id| reports_of(&ledger, id, unit)[0].clone();
    assert_eq!(
        (one(20).status, one(20).status_text.as_str()),
        (Status::InProgress, "正在推进")
    );
    assert_eq!(one(20).progress, "项目已纳入储备库。");
    assert_eq!(one(21).status, Status::Completed);
    assert_eq!(one(23).status, Status::NotStarted);
    assert_eq!(one(24).status, Status::Completed);
    let both = one(26);
    assert_eq!(both.status, Status::Unclear);
    assert_eq!(both.status_text, "已完成、正在推进均已勾选");
}

/// A Word form's status cell printing its options with boxes, the unit ticking one (the
/// box before or after the word, ☑ ■ √ for ticked, □ for not): the ticked option is the
/// status. 阶段性完成 is not 已完成.
#[test]
fn an_oa_systems_excel_export_that_is_a_web_page_is_read_as_a_return() {
    let dir = tempfile::tempdir().unwrap();
    let page = format!(
        "<html><head><meta charset=\"gbk\"><title>导出数据</title></head><body>\
         <table border=1><tr><td colspan=4>区城市管理局整改进展情况表</td></tr>\
         <tr><td>序号</td><td>具体举措</td><td>整改进展情况</td><td>完成状态</td></tr>\
         <tr><td>28</td><td>{}</td><td>已完成建设。<br>11月30日通过验收。</td><td>已完成</td></tr>\
         <tr><td>43</td><td>{}</td><td>按计划推进。</td><td>正在推进</td></tr>\
         </table><p>填报日期：2020年12月4日</p></body></html>",
        measure(28),
        measure(43)
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&page);
    std::fs::write(dir.path().join("导出数据.xls"), &gbk).unwrap();
    let ledger = ledger_for(dir.path());
    let unit = "区城市管理局";
    let done = &reports_of(&ledger, 28, unit)[0];
    assert_eq!(done.status, Status::Completed);
    assert_eq!(done.progress, "已完成建设。\n11月30日通过验收。");
    assert_eq!(done.source.sheet, "导出数据");
    assert_eq!(done.source.row, 3);
    assert_eq!(reports_of(&ledger, 43, unit)[0].status, Status::InProgress);
    assert_eq!(ledger.files[0].format.as_deref(), Some("html"));
    assert_eq!(
        ledger.files[0].filed_on,
        NaiveDate::from_ymd_opt(2020, 12, 4)
    );
}

/// A docx's document.xml with its first table moved into a text box, as Word saves a
/// table pasted into a 文本框 (the drawing's box, then a VML copy for older readers).
fn table_into_text_box(docx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            let xml = String::from_utf8(data).unwrap();
            let (start, end) = (
                xml.find("<w:tbl>").unwrap(),
                xml.find("</w:tbl>").unwrap() + 8,
            );
            let table = &xml[start..end];
            let boxed = format!(
                "<w:p><w:r><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">\
                 <mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>\
                 <w:txbxContent>{table}<w:p/></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>\
                 </wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>\
                 <w:txbxContent>{table}<w:p/></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>\
                 </mc:AlternateContent></w:r></w:p>"
            );
            data = format!("{}{boxed}{}", &xml[..start], &xml[end..]).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The Word table the text-box tests put in a box: tasks 28 (已完成) and 43 (正在推进).
fn boxed_task_table() -> docx_rs::Table {
    use common::word::*;
    let mut rows = vec![text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])];
    for (id, status) in [(28, "已完成"), (43, "正在推进")] {
        rows.push(text_row(&[
            &id.to_string(),
            &measure(id),
            "按计划推进。",
            status,
        ]));
    }
    table(rows)
}

#[test]
fn a_word_return_whose_table_sits_in_a_text_box_is_read_once() {
    use common::word::*;
    let dir = tempfile::tempdir().unwrap();
    let unit = "区城市管理局";
    let doc = docx_rs::Docx::new()
        .add_paragraph(para(&format!(
            "填报单位：{unit}    填报日期：2020年12月4日"
        )))
        .add_table(boxed_task_table());
    let bytes = table_into_text_box(&docx_bytes(doc));
    std::fs::write(dir.path().join("进展情况表.docx"), bytes).unwrap();
    let ledger = ledger_for(dir.path());
    // Each row once (not again from the box's fallback copy), the unit from the line above.
    assert_eq!(reports_of(&ledger, 28, unit).len(), 1);
    assert_eq!(reports_of(&ledger, 28, unit)[0].status, Status::Completed);
    assert_eq!(reports_of(&ledger, 43, unit)[0].status, Status::InProgress);
    assert_eq!(ledger.files[0].records, 2, "{:?}", ledger.problems);
}

/// The return's table in a text box and, in the body, only a one-row table of the
/// filing line (填报单位 | … | 填报日期 | …): the box's table is read, with the unit
/// and date of the body's. Before, the body's small table hid the box: “没有读到表格”.
#[test]
fn a_text_box_table_beside_a_small_table_in_the_body_is_read() {
    use common::word::*;
    let dir = tempfile::tempdir().unwrap();
    let unit = "区城市管理局";
    let doc = docx_rs::Docx::new()
        .add_paragraph(para("整改任务进展情况表"))
        .add_table(boxed_task_table())
        .add_table(table(vec![text_row(&[
            "填报单位",
            unit,
            "填报日期",
            "2020年12月4日",
        ])]));
    let bytes = table_into_text_box(&docx_bytes(doc));
    std::fs::write(dir.path().join("进展情况表.docx"), bytes).unwrap();
    let ledger = ledger_for(dir.path());
    let one = |id| reports_of(&ledger, id, unit);
    assert_eq!(one(28).len(), 1, "{:#?}", ledger.problems);
    assert_eq!(
        (one(28)[0].status, one(28)[0].filed_on),
        (Status::Completed, Some(date(2020, 12, 4)))
    );
    assert_eq!(one(43)[0].status, Status::InProgress);
    assert!(!raised(&ledger, Code::NoHeader), "{:#?}", ledger.problems);
}

#[test]
fn a_status_cell_with_boxed_options_reads_the_ticked_one() {
    use common::word::*;
    let dir = tempfile::tempdir().unwrap();
    let unit = "区城市管理局";
    let mut rows = vec![text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])];
    for (id, status) in [
        (28, "☑已完成 □正在推进 □未启动"),
        (43, "□已完成 ■正在推进 □未启动"),
        (44, "□已完成 □正在推进 √长期坚持"),
        (45, "已完成□ 未完成☑"),
        (57, "阶段性完成"),
    ] {
        rows.push(text_row(&[
            &id.to_string(),
            &measure(id),
            "按计划推进。",
            status,
        ]));
    }
    let doc = docx_rs::Docx::new()
        .add_paragraph(para(&format!(
            "填报单位：{unit}    填报日期：2020年12月4日"
        )))
        .add_table(table(rows));
    std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let one = |id| reports_of(&ledger, id, unit)[0].clone();
    assert_eq!(
        (one(28).status, one(28).status_text.as_str()),
        (Status::Completed, "已完成")
    );
    assert_eq!(one(43).status, Status::InProgress);
    assert_eq!(one(44).status, Status::Ongoing);
    // 未完成 says neither in progress nor not started: checked by the clerk, its word kept.
    assert_eq!(
        (one(45).status, one(45).status_text.as_str()),
        (Status::Unclear, "未完成")
    );
    assert_eq!(one(57).status, Status::InProgress);
}

/// One row on several tasks (23、24 / 第20至21项 / 25⏎26 on lines of their own) is a
/// report on each; an item of a task (29-1, 29-2) and a category number before the
/// task's ((五)49) are that task.
#[test]
fn a_row_on_several_tasks_reports_each_and_items_are_their_task() {
    let unit = "区水利局";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&["23、24", "", "拦河设施和沿岸植被一并整治。", "正在推进"]),
        row(&["第20至21项", "", "项目储备和电站整改同步推进。", "正在推进"]),
        row(&[
            "25\n26",
            "",
            "沿岸竹林补植和消落带排查同步开展。",
            "正在推进",
        ]),
        row(&["55-1", "", "河长巡河制度落实。", "长期坚持"]),
        row(&["55-2", "", "巡河记录按月归档。", "长期坚持"]),
        row(&["（五）53", "", "执法考核制度已印发。", "已完成"]),
    ];
    let ledger = read_one(unit, &header, &rows);
    for id in [20, 21, 23, 24, 25, 26] {
        let r = reports_of(&ledger, id, unit);
        assert_eq!(r.len(), 1, "task {id}: {:?}", ledger.unplaced);
        assert_eq!(r[0].status, Status::InProgress);
    }
    assert!(reports_of(&ledger, 23, unit)[0]
        .progress
        .contains("拦河设施"));
    let items = reports_of(&ledger, 55, unit);
    assert!(!items.is_empty(), "{:?}", ledger.unplaced);
    assert!(items.iter().all(|r| r.status == Status::Ongoing));
    assert_eq!(reports_of(&ledger, 53, unit)[0].status, Status::Completed);
    assert!(ledger.unplaced.is_empty(), "{:?}", ledger.unplaced);
    let errors: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::TaskUnmatched || p.code == Code::TaskTextMismatch)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// 完成时间 written as a plan (预计2020年12月底) is not a completion date: the row has
/// none, the plan is kept in the note, and no warning calls it unreadable.
#[test]
fn a_planned_date_is_not_a_completion_date() {
    let unit = "区财政局";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    let rows = vec![row(&[
        "58",
        &measure(58),
        "绩效评估办法正在征求意见。",
        "正在推进",
        "预计2020年12月底",
    ])];
    let ledger = read_one(unit, &header, &rows);
    let r = &reports_of(&ledger, 58, unit)[0];
    assert_eq!(r.completed_on, None);
    assert!(r.note.contains("预计2020年12月底"), "{r:?}");
    assert!(
        ledger
            .problems
            .iter()
            .all(|p| p.code != Code::DateUnreadable),
        "{:?}",
        ledger.problems
    );
}

/// A unit answering with a written report (no table: 一、关于第33项…已完成…, 二、关于
/// 第42项…) is read section by section, on its own or inside a bundle: each heading's
/// task with its words, the status read from them, and one warning per file naming the
/// tasks so read; a cover letter in a bundle stays evidence. A report naming several
/// tasks in one line (第23、53、55项均已完成) cannot be split: an error to enter it by hand.
#[test]
fn a_written_report_without_a_table_is_read_section_by_section() {
    use common::word::*;
    let prose = || {
        docx_bytes(
            docx_rs::Docx::new()
                .add_paragraph(para("关于整改任务落实情况的报告"))
                .add_paragraph(para("区生态环境局："))
                .add_paragraph(para(
                    "一、关于第33项“排水信息清单”任务。已完成，已建立全区排水信息清单。",
                ))
                .add_paragraph(para(
                    "二、关于第42项任务。正在推进，城南污水处理厂已通水调试。",
                ))
                .add_paragraph(para("三、关于第35项任务。已排查管网，部分破损。")),
        )
    };
    let cover = docx_bytes(
        docx_rs::Docx::new()
            .add_paragraph(para("报送说明"))
            .add_paragraph(para("现将我单位材料报送贵局，请查收。")),
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("临江河指挥部办公室情况报告.docx"), prose()).unwrap();
    let bundle = zip_raw(&[
        (gbk("区住房城乡建委情况报告.docx"), prose()),
        (gbk("报送说明.docx"), cover),
    ]);
    std::fs::write(dir.path().join("报送材料.zip"), bundle).unwrap();
    let ledger = ledger_for(dir.path());
    for unit in ["临江河指挥部办公室", "区住房城乡建委"] {
        let done = reports_of(&ledger, 33, unit);
        assert_eq!(done.len(), 1, "{unit}: {:#?}", ledger.problems);
        assert_eq!(done[0].status, Status::Completed);
        assert_eq!(done[0].progress, "已完成，已建立全区排水信息清单。");
        assert_eq!(done[0].source.row, 3);
        let ongoing = reports_of(&ledger, 42, unit);
        assert_eq!(ongoing.len(), 1, "{unit}");
        assert_eq!(ongoing[0].status, Status::InProgress);
    }
    let read: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::ProseRead)
        .map(|p| p.file.as_str())
        .collect();
    assert_eq!(
        read,
        [
            "临江河指挥部办公室情况报告.docx",
            "报送材料.zip/区住房城乡建委情况报告.docx"
        ],
        "{:?}",
        ledger.problems
    );
    let p = ledger
        .problems
        .iter()
        .find(|p| p.code == Code::ProseRead)
        .unwrap();
    assert_eq!(p.severity, Severity::Warning);
    assert!(p.message.contains("第33、42、35项"), "{}", p.message);
    // A section whose status does not read is named by its task and words, as the
    // clerk finds it in the letter (adv51 a 2).
    assert!(
        said(
            &ledger,
            Code::StatusUnclear,
            "第35项的段落“已排查管网，部分破损。”没有写明完成情况"
        ),
        "{:#?}",
        ledger.problems
    );
    // Nothing left to enter by hand, and no unit taken from the salutation.
    assert!(
        ledger.problems.iter().all(|p| !matches!(
            p.code,
            Code::ProseReport | Code::SheetSkipped | Code::NoHeader | Code::UnitAmbiguous
        )),
        "{:?}",
        ledger.problems
    );
    assert!(reports_of(&ledger, 33, "区生态环境局").is_empty());
    assert!(ledger
        .problems
        .iter()
        .all(|p| !p.file.ends_with("报送说明.docx")));

    // Several tasks in one line: not split, the clerk enters it.
    let dir = tempfile::tempdir().unwrap();
    let joint = docx_bytes(
        docx_rs::Docx::new()
            .add_paragraph(para("关于整改任务落实情况的报告"))
            .add_paragraph(para("区生态环境局："))
            .add_paragraph(para("第23、53、55项任务均已完成，已通过验收。")),
    );
    std::fs::write(dir.path().join("区城市管理局情况报告.docx"), joint).unwrap();
    let ledger = ledger_for(dir.path());
    let p = ledger
        .problems
        .iter()
        .find(|p| p.code == Code::ProseReport)
        .expect("flagged to enter by hand");
    assert_eq!(p.severity, Severity::Error);
    assert!(p.message.contains("请人工核对后补录"), "{}", p.message);
    assert!(ledger.tasks.iter().all(|t| t.reports.is_empty()));
}

/// A written report whose only name of its unit is its signature, under a 下一步工作打算
/// section: the list heading is no signature, the unit is the one signed; a heading of two
/// tasks (2.关于第23、24项) is not read into the section above it, and the warning names it.
#[test]
fn a_written_report_signed_after_its_plans_is_the_signers() {
    use common::word::*;
    let dir = tempfile::tempdir().unwrap();
    let mut doc = docx_rs::Docx::new();
    for line in [
        "关于河堰修复工作的报告",
        "区生态环境局：",
        "1.关于第23项",
        "我镇已修复河堰3处，加固河堤0.8公里，该项工作已完成。",
        "2.关于第24、27项",
        "拦河养鱼设施已拆除，开垦种植已清理，均已完成。",
        "二、下一步工作打算",
        "继续做好河道日常巡查。",
        "特此报告。",
        "何埂镇人民政府",
        "2020年12月3日",
    ] {
        doc = doc.add_paragraph(para(line));
    }
    std::fs::write(dir.path().join("整改情况报告.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let r = reports_of(&ledger, 23, "何埂镇");
    assert_eq!(r.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(r[0].status, Status::Completed);
    assert_eq!(
        r[0].progress,
        "我镇已修复河堰3处，加固河堤0.8公里，该项工作已完成。"
    );
    assert!(
        !raised(&ledger, Code::UnitUnknown),
        "{:#?}",
        ledger.problems
    );
    assert!(reports_of(&ledger, 24, "何埂镇").is_empty());
    let p = ledger
        .problems
        .iter()
        .find(|p| p.code == Code::ProseRead)
        .unwrap();
    assert!(
        p.message.contains("将第24、27项写在同一标题下"),
        "{}",
        p.message
    );
}

/// A note under the table answering tasks by number as none of the unit's (说明：…第1项、
/// 第24项不涉及我镇。), their rows left blank: those rows read 不涉及, with the note's
/// words; the rows the table answers keep their answers, and the clerk is told.
#[test]
fn a_note_saying_tasks_do_not_apply_answers_their_blank_rows() {
    let dir = tempfile::tempdir().unwrap();
    let note = "说明：我镇无水产养殖场和拦河养鱼情况，第1项、第24项、第4项不涉及我镇。";
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：松溉镇", "", "", "填报日期：2020年12月4日"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .text_row(&["1", &measure(1), "", ""])
        .text_row(&["4", &measure(4), "推广测土配方施肥0.8万亩。", "长期坚持"])
        .text_row(&["24", &measure(24), "", ""])
        .text_row(&[note]);
    write_workbook(&dir.path().join("松溉镇.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    for (id, row) in [(1, 3), (24, 5)] {
        let r = reports_of(&ledger, id, "松溉镇");
        assert_eq!(r.len(), 1, "{id}: {:#?}", ledger.problems);
        assert_eq!(r[0].status, Status::NotApplicable);
        assert_eq!(r[0].source.row, row);
        assert!(
            r[0].progress.starts_with("我镇无水产养殖场"),
            "{}",
            r[0].progress
        );
    }
    // The table's own answer stands.
    assert_eq!(only_report(&ledger, 4).status, Status::Ongoing);
    let said: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::ReadNote && p.row == Some(6))
        .collect();
    assert_eq!(said.len(), 1, "{:#?}", ledger.problems);
    assert!(
        said[0].message.contains("第1、24项不涉及"),
        "{}",
        said[0].message
    );
    // Every row accounted for once: the blank rows are reports now, not skips.
    assert!(ledger
        .skipped
        .iter()
        .all(|s| s.reason != SkipReason::Unfilled));

    // A note naming a task with another status is not a 不涉及.
    assert!(ledger.units.iter().any(|u| u.name == "松溉镇"));
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：松溉镇", "", "", "填报日期：2020年12月4日"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .text_row(&["1", &measure(1), "", ""])
        .text_row(&["4", &measure(4), "推广测土配方施肥0.8万亩。", "长期坚持"])
        .text_row(&["说明：第1项已完成，资料后补。"]);
    write_workbook(&dir.path().join("松溉镇.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert!(reports_of(&ledger, 1, "松溉镇").is_empty());
}

/// A table with nothing filled in and a note under it answering some tasks 不涉及 by
/// number (a town with little to do sends the form back blank): those rows read 不涉及,
/// the unit's and the filing date its lines give; the task the note says is done stays
/// unfilled and the note is flagged for it.
#[test]
fn a_note_under_a_blank_table_answers_the_tasks_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let note = "说明：经核查，第1项、第24项我镇均不涉及，第27项已完成整治。";
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：双石镇", "", "", "填报日期：2020年12月3日"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .text_row(&["1", &measure(1), "", ""])
        .text_row(&["24", &measure(24), "", ""])
        .text_row(&["27", &measure(27), "", ""])
        .text_row(&[note]);
    write_workbook(&dir.path().join("报送表.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    for (id, row) in [(1, 3), (24, 4)] {
        let r = reports_of(&ledger, id, "双石镇");
        assert_eq!(r.len(), 1, "{id}: {:#?}", ledger.problems);
        assert_eq!(r[0].status, Status::NotApplicable);
        assert_eq!(r[0].source.row, row);
        assert_eq!(r[0].filed_on, chrono::NaiveDate::from_ymd_opt(2020, 12, 3));
        assert!(r[0].progress.starts_with("经核查"), "{}", r[0].progress);
    }
    assert!(reports_of(&ledger, 27, "双石镇").is_empty());
    assert!(ledger
        .skipped
        .iter()
        .any(|s| s.reason == SkipReason::Unfilled && s.row == 5));
    let codes: Vec<Code> = ledger
        .problems
        .iter()
        .filter(|p| p.row == Some(6))
        .map(|p| p.code)
        .collect();
    assert!(
        codes.contains(&Code::ReadNote) && codes.contains(&Code::ProseReport),
        "{:#?}",
        ledger.problems
    );
    // Not told that nothing was filled in: two tasks were answered.
    assert!(
        !ledger
            .problems
            .iter()
            .any(|p| p.message.contains("都没有填写进展")),
        "{:#?}",
        ledger.problems
    );
}

/// A second block under a header of its own columns (二、我局配合的任务 with 牵头单位
/// and 配合工作开展情况) is read by its own header, not the first block's.
#[test]
fn a_second_block_with_its_own_header_is_read_by_it() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "区水利局";
    let spec = SheetSpec::new("进展")
        .text_row(&[
            &format!("填报单位：{unit}"),
            "",
            "",
            "填报日期：2020年12月4日",
        ])
        .text_row(&["一、我局牵头（负责）的任务"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"])
        .text_row(&[
            "26",
            &measure(26),
            "专项规划已印发。",
            "已完成",
            "2020年12月1日",
        ])
        .text_row(&["二、我局配合的任务"])
        .text_row(&[
            "序号",
            "具体举措",
            "牵头单位",
            "配合工作开展情况",
            "完成状态",
        ])
        .text_row(&[
            "49",
            &measure(49),
            "区河长办",
            "参与联合执法5次。",
            "长期坚持",
        ])
        .text_row(&[
            "57",
            &measure(57),
            "临江河指挥部办公室",
            "参加联席会议2次。",
            "正在推进",
        ]);
    write_workbook(&dir.path().join(format!("{unit}.xlsx")), &[spec]);
    let ledger = ledger_for(dir.path());
    let one = |id| reports_of(&ledger, id, unit)[0].clone();
    assert_eq!(one(26).status, Status::Completed);
    assert_eq!(one(26).completed_on, Some(date(2020, 12, 1)));
    assert_eq!(
        (one(49).status, one(49).progress.as_str()),
        (Status::Ongoing, "参与联合执法5次。")
    );
    assert_eq!(one(57).status, Status::InProgress);
    let noise: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| matches!(p.code, Code::StatusUnclear | Code::DateUnreadable))
        .collect();
    assert!(noise.is_empty(), "{noise:?}");
}

/// With the status cell left empty, a progress text that says it plainly gives the
/// status: 该项工作已全面完成 / 已完成80% / 目前正在加快推进.
#[test]
fn an_empty_status_cell_takes_what_the_progress_says() {
    let unit = "区住房城乡建委";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&["46", &measure(46), "该项工作已全面完成。", ""]),
        row(&["40", &measure(40), "截至11月底，已完成80%", ""]),
        row(&["31", &measure(31), "目前正在加快推进，预计12月底前完成", ""]),
        row(&["38", &measure(38), "付费管理制度修订完成80%", ""]),
    ];
    let ledger = read_one(unit, &header, &rows);
    let one = |id| reports_of(&ledger, id, unit)[0].status;
    assert_eq!(one(46), Status::Completed);
    assert_eq!(one(40), Status::InProgress);
    assert_eq!(one(31), Status::InProgress);
    assert_eq!(one(38), Status::InProgress);
}

/// A table without 序号 whose first rows copy the plan's 完成时限 (长期坚持) and say a
/// status (正在推进): status words sit in them, but beside a task's measure they are
/// data rows, never a second header row.
#[test]
fn status_words_beside_a_measure_do_not_make_a_header_row() {
    let unit = "区公安局";
    let header = ["具体举措", "完成时限", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&[&measure(61), "长期坚持", "建立案件移送机制。", "正在推进"]),
        row(&[&measure(53), "长期坚持", "开展联合巡查。", "已完成"]),
    ];
    let ledger = read_one(unit, &header, &rows);
    assert_eq!(reports_of(&ledger, 61, unit)[0].status, Status::InProgress);
    assert_eq!(reports_of(&ledger, 53, unit)[0].status, Status::Completed);
    assert_eq!(header_rows(&ledger), 1, "{:?}", ledger.skipped);
}

/// A table with no 填报单位 line whose sealed name under it (重庆市永川区卫生健康委员会
/// （盖章）) says whose it is: the unit is the seal's, not unknown.
#[test]
fn a_sealed_name_under_the_table_names_the_unit() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["整改任务进展情况表"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .text_row(&["53", &measure(53), "开展医疗机构污水监测。", "正在推进"])
        .text_row(&[])
        .text_row(&["", "", "重庆市永川区卫生健康委员会（盖章）"])
        .text_row(&["", "", "2020年12月2日"]);
    write_workbook(&dir.path().join("整改进展表.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert!(ledger.unplaced.is_empty(), "{:?}", ledger.unplaced);
    let r = &reports_of(&ledger, 53, "区卫健委")[0];
    assert_eq!(r.filed_on, Some(date(2020, 12, 2)));
    assert_eq!(ledger.files[0].unit.as_deref(), Some("区卫健委"));
}

/// A workbook dated on one sheet (汇总, under its 填报日期) and not on the others (a
/// sheet per town): every sheet's rows carry the workbook's date, and no sheet is
/// warned about a missing one.
#[test]
fn a_workbook_dated_on_one_sheet_dates_its_other_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let lead = "区住房城乡建委";
    let summary = SheetSpec::new("汇总")
        .text_row(&[
            &format!("填报单位：{lead}"),
            "",
            "",
            "填报日期：2020年12月4日",
        ])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .text_row(&["30", &measure(30), "已建立排水信息清单。", "已完成"]);
    let town = SheetSpec::new("青峰镇")
        .text_row(&["青峰镇整改任务进展情况表"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .text_row(&["34", &measure(34), "开展阳台改造巡查5次。", "正在推进"]);
    write_workbook(
        &dir.path().join(format!("{lead}牵头任务汇总.xlsx")),
        &[summary, town],
    );
    let ledger = ledger_for(dir.path());
    let r = &reports_of(&ledger, 34, "青峰镇")[0];
    assert_eq!(r.filed_on, Some(date(2020, 12, 4)));
    assert!(
        ledger
            .problems
            .iter()
            .all(|p| p.code != Code::FilingDateMissing),
        "{:?}",
        ledger.problems
    );
}

/// A unit's later return says less than its earlier one (已完成 in November, 正在推进 in
/// December): the later stands, and the clerk is warned to check, naming both.
#[test]
fn a_later_return_stepping_back_from_done_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "区水利局";
    for (day, file, status, text) in [
        (
            "2020年11月5日",
            "区水利局（11月）.xlsx",
            "已完成",
            "已纳入规划纲要。",
        ),
        (
            "2020年12月4日",
            "区水利局（12月）.xlsx",
            "正在推进",
            "纳入的是征求意见稿。",
        ),
    ] {
        write_dated_return(
            &dir.path().join(file),
            unit,
            day,
            &[&["20", &measure(20), text, status]],
        );
    }
    let ledger = ledger_for(dir.path());
    let current: Vec<_> = reports_of(&ledger, 20, unit)
        .into_iter()
        .filter(|r| !r.superseded)
        .collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].status, Status::InProgress);
    let warned: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::SteppedBack)
        .collect();
    assert_eq!(warned.len(), 1, "{:?}", ledger.problems);
    let m = &warned[0].message;
    assert!(
        m.contains("2020年11月5日报“已完成”") && m.contains("2020年12月4日报“正在推进”"),
        "{m}"
    );
    assert_eq!(warned[0].file, "区水利局（12月）.xlsx");
    // The unit is asked to explain, in its notice.
    let u = ledger.units.iter().find(|u| u.name == unit).unwrap();
    let asked: Vec<_> = u.to_verify.iter().filter(|v| v.task == 20).collect();
    assert_eq!(asked.len(), 1, "{:?}", u.to_verify);
    assert_eq!(
        asked[0].why,
        "你单位2020年11月5日曾报“已完成”，2020年12月4日改报“正在推进”，请说明情况"
    );
}

/// A later return that says only 同上月 or 无新进展，同上月 keeps the unit's earlier
/// words, and its status when the later left the status blank; the clerk is told. A
/// later return with real words stands as ever. Before, “同上月” replaced November's
/// progress in the report, and the blank status read 待核实.
#[test]
fn a_later_return_saying_same_as_last_month_keeps_the_earlier_words() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "区水利局";
    let rows = |month: &str| -> Vec<[&str; 3]> {
        match month {
            "11" => vec![
                ["20", "已签订合作框架协议。", "正在推进"],
                ["21", "27座小水电站已全部完成整改。", "已完成"],
                ["23", "修复河堰4处。", "长期坚持"],
                ["56", "巡河4200余次。", "长期坚持"],
            ],
            _ => vec![
                ["20", "无新进展，同上月。", ""],
                ["21", "同上月。", ""],
                ["23", "同上月", "长期坚持"],
                ["56", "巡河5100余次。", "长期坚持"],
            ],
        }
    };
    for (month, day) in [("11", "2020年11月2日"), ("12", "2020年12月3日")] {
        let filled: Vec<[String; 4]> = rows(month)
            .iter()
            .map(|[id, text, status]| {
                [
                    id.to_string(),
                    measure(id.parse().unwrap()),
                    text.to_string(),
                    status.to_string(),
                ]
            })
            .collect();
        let filled: Vec<Vec<&str>> = filled
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let filled: Vec<&[&str]> = filled.iter().map(Vec::as_slice).collect();
        write_dated_return(
            &dir.path().join(format!("{unit}（{month}月）.xlsx")),
            unit,
            day,
            &filled,
        );
    }
    let ledger = ledger_for(dir.path());
    let current = |id: u32| {
        let now: Vec<_> = reports_of(&ledger, id, unit)
            .into_iter()
            .filter(|r| !r.superseded)
            .collect();
        assert_eq!(now.len(), 1, "{id}");
        now[0].clone()
    };
    let r20 = current(20);
    assert_eq!(
        (r20.progress.as_str(), r20.status),
        ("已签订合作框架协议。", Status::InProgress)
    );
    assert_eq!(r20.source.file, "区水利局（12月）.xlsx");
    assert!(
        r20.note.contains("沿用2020年11月2日报送的进展"),
        "{}",
        r20.note
    );
    // 已完成 kept: no warning that the later return stepped back from it.
    assert_eq!(current(21).status, Status::Completed);
    assert!(
        !raised(&ledger, Code::SteppedBack),
        "{:#?}",
        ledger.problems
    );
    let r23 = current(23);
    assert_eq!(
        (r23.progress.as_str(), r23.status),
        ("修复河堰4处。", Status::Ongoing)
    );
    assert_eq!(current(56).progress, "巡河5100余次。");
    let told: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.message.contains("已沿用其2020年11月2日报送的进展"))
        .collect();
    assert_eq!(told.len(), 3, "{:#?}", ledger.problems);
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
}

/// Progress typed into the 具体举措 cell under the plan's words (…\n进展：12家…), the
/// progress column left blank: the words after 进展： are the progress. Before, the
/// report had no progress and the unit's words were lost without a word.
#[test]
fn progress_typed_under_the_measure_is_the_progress() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&[
            "16",
            &format!("{}\n进展：12家食品加工企业已完善预处理设施。", measure(16)),
            "",
            "已完成",
        ]),
        row(&["17", &measure(17), "在线监控已联网。", "已完成"]),
    ];
    let ledger = read_one("三教产业促进中心", &header, &rows);
    let r16 = only_report(&ledger, 16);
    assert_eq!(r16.progress, "12家食品加工企业已完善预处理设施。");
    assert_eq!(r16.status, Status::Completed);
    assert_eq!(only_report(&ledger, 17).progress, "在线监控已联网。");
    assert!(
        !raised(&ledger, Code::TaskTextMismatch),
        "{:#?}",
        ledger.problems
    );
}

/// A completed row whose completion date is only in its text (已于2020年9月25日完成整改)
/// takes that date; a row not completed takes none from its text.
#[test]
fn a_completion_date_written_in_the_progress_text_is_read() {
    let unit = "区住房城乡建委";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&[
            "38",
            &measure(38),
            "已于2020年9月25日完成提标改造。",
            "已完成",
        ]),
        row(&["40", &measure(40), "计划于12月31日完成修订。", "正在推进"]),
        // A completed task's text opening with the day the work was done.
        row(&[
            "39",
            &measure(39),
            "已于2020年9月28日将集聚点污水处理设施纳入统一运维。",
            "已完成",
        ]),
        // Not completed: the day something started is no completion.
        row(&[
            "41",
            &measure(41),
            "已于2020年10月8日启动管网排查。",
            "正在推进",
        ]),
    ];
    let ledger = read_one(unit, &header, &rows);
    assert_eq!(
        reports_of(&ledger, 38, unit)[0].completed_on,
        Some(date(2020, 9, 25))
    );
    assert_eq!(reports_of(&ledger, 40, unit)[0].completed_on, None);
    assert_eq!(
        reports_of(&ledger, 39, unit)[0].completed_on,
        Some(date(2020, 9, 28))
    );
    assert_eq!(reports_of(&ledger, 41, unit)[0].completed_on, None);
}

/// A file named for one unit whose inside names another (a unit took another's return
/// and renamed only the file) counts for the unit inside, with a warning naming both;
/// a copy's suffix (区商务委 (1)) is no such disagreement.
#[test]
fn a_file_named_for_another_unit_than_its_inside_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = [row(&[
        "9",
        "",
        "配合开展私屠滥宰联合执法检查6次。",
        "长期坚持",
    ])];
    write_workbook(
        &dir.path().join("区市场监管局.xlsx"),
        &[sheet("区商务委", &header, &rows)],
    );
    write_workbook(
        &dir.path().join("区商务委 (1).xlsx"),
        &[sheet("区商务委", &header, &rows)],
    );
    let ledger = ledger_for(dir.path());
    let warned: Vec<(&str, &str)> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::UnitAmbiguous)
        .map(|p| (p.file.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert_eq!(warned[0].0, "区市场监管局.xlsx");
    assert!(
        warned[0].1.contains("文件名是区市场监管局")
            && warned[0].1.contains("已按表内计入区商务委"),
        "{}",
        warned[0].1
    );
    let file = ledger
        .files
        .iter()
        .find(|f| f.file == "区市场监管局.xlsx")
        .unwrap();
    assert_eq!(file.unit.as_deref(), Some("区商务委"));
}

/// A unit numbers its rows 1, 2, 3 … in 序号 and gives the plan's number in a column of
/// its own (方案序号, 对应序号, 任务编号 …): each row is the task that column names.
#[test]
fn the_plans_number_beside_the_units_own_numbering_names_the_task() {
    for plan_header in [
        "方案序号",
        "对应序号",
        "任务编号",
        "整改任务序号",
        "方案中的序号",
    ] {
        let header = ["序号", plan_header, "工作进展", "完成状态"];
        let rows = [
            row(&["1", "6", "农委第6项进展。", "长期坚持"]),
            row(&["2", "54", "农委第54项进展。", "正在推进"]),
            row(&["3", "1", "农委第1项进展。", "已完成"]),
        ];
        let ledger = read_one("区农业农村委", &header, &rows);
        for id in [6, 54, 1] {
            let t = ledger.task(id).unwrap();
            let r: Vec<&str> = t.current_reports().map(|r| r.progress.as_str()).collect();
            assert_eq!(
                r,
                [format!("农委第{id}项进展。")],
                "{plan_header}: task {id}"
            );
        }
        for id in [2, 3] {
            assert_eq!(
                ledger.task(id).unwrap().current_reports().count(),
                0,
                "{plan_header}"
            );
        }
    }
}

/// A lead unit's consolidation names its own rows in its words for itself (我委, 本单位,
/// 牵头单位): those rows are the sender's, not rows without a unit.
#[test]
fn the_senders_word_for_itself_in_the_unit_column_is_the_sender() {
    let header = ["序号", "具体举措", "单位", "整改进展情况", "完成状态"];
    let rows = [
        row(&["1", "", "我委", "农委出台水产养殖整治政策。", "正在推进"]),
        row(&["1", "", "来苏镇", "来苏镇建成尾水设施3处。", "已完成"]),
        row(&["4", "", "本单位", "推广绿色种植45万亩。", "长期坚持"]),
        row(&["4", "", "双石镇", "双石镇推广测土配方。", "长期坚持"]),
        row(&["11", "", "牵头单位", "印发管理办法。", "已完成"]),
        row(&[
            "11",
            "",
            "红炉镇（责任单位）",
            "红炉镇已建立机制。",
            "已完成",
        ]),
    ];
    let ledger = read_one("区农业农村委", &header, &rows);
    assert!(ledger.unplaced.is_empty(), "{:#?}", ledger.unplaced);
    let unit_of = |id: u32, progress: &str| {
        ledger
            .task(id)
            .unwrap()
            .current_reports()
            .find(|r| r.progress == progress)
            .map(|r| r.unit.clone())
    };
    assert_eq!(
        unit_of(1, "农委出台水产养殖整治政策。").as_deref(),
        Some("区农业农村委")
    );
    assert_eq!(
        unit_of(4, "推广绿色种植45万亩。").as_deref(),
        Some("区农业农村委")
    );
    assert_eq!(
        unit_of(11, "印发管理办法。").as_deref(),
        Some("区农业农村委")
    );
    assert_eq!(
        unit_of(1, "来苏镇建成尾水设施3处。").as_deref(),
        Some("来苏镇")
    );
    assert_eq!(unit_of(11, "红炉镇已建立机制。").as_deref(), Some("红炉镇"));
    assert!(
        ledger.problems.iter().all(|p| p.code != Code::UnitUnknown),
        "{:#?}",
        ledger.problems
    );
}

/// A list of the evidence sent (佐证材料目录: 序号 | 佐证材料名称 | 对应整改任务 | 完成情况说明),
/// beside the return in a bundle or on its own, is evidence: none of its rows becomes a
/// report (its 序号 1, 2 … are not tasks 1, 2 …), and it is no error.
#[test]
fn an_evidence_list_is_evidence_not_progress() {
    let dir = tempfile::tempdir().unwrap();
    let list = SheetSpec::new("Sheet")
        .text_row(&["区水利局整改佐证材料目录"])
        .text_row(&["序号", "佐证材料名称", "对应整改任务", "完成情况说明"])
        .text_row(&[
            "1",
            "小水电清理整改销号表",
            "第21项小水电清理整改",
            "已销号",
        ])
        .text_row(&[
            "2",
            "消落带规划编制合同",
            "第26项水库消落带治理专项规划",
            "合同已签订",
        ]);
    write_workbook(&dir.path().join("佐证材料目录.xlsx"), &[list]);
    write_workbook(
        &dir.path().join("区水利局.xlsx"),
        &[sheet(
            "区水利局",
            &["序号", "具体举措", "整改进展情况", "完成状态"],
            &[row(&["21", "", "小水电清理整改全部完成。", "已完成"])],
        )],
    );
    let ledger = ledger_for(dir.path());
    let from_list: Vec<u32> = ledger
        .tasks
        .iter()
        .filter(|t| {
            t.reports
                .iter()
                .any(|r| r.source.file == "佐证材料目录.xlsx")
        })
        .map(|t| t.id)
        .collect();
    assert!(from_list.is_empty(), "{from_list:?}");
    assert_eq!(ledger.task(21).unwrap().status, Status::Completed);
    assert!(
        ledger
            .problems
            .iter()
            .filter(|p| p.file == "佐证材料目录.xlsx")
            .all(|p| p.severity == Severity::Info),
        "{:#?}",
        ledger.problems
    );
    assert!(ledger
        .skipped
        .iter()
        .any(|s| s.file == "佐证材料目录.xlsx" && s.reason == SkipReason::EvidenceList));
}

/// Rows numbered 1. 2. or （一）（二） with only progress text under a task's row are items
/// of that task's progress, not reports on tasks 1 and 2; a next task's plain number
/// (8) under them is a task again.
#[test]
fn numbered_items_under_a_task_are_its_progress() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = [
        row(&["7", "", "对两家公司开展调查，具体如下：", "已完成"]),
        row(&["1.", "", "正绿农产品有限公司：已立案；", ""]),
        row(&["2.", "", "亚冠食品有限公司：已处罚款5万元。", ""]),
        row(&["8", "", "布点规划已印发。", "已完成"]),
        row(&["（一）", "", "城区：完成排查。", ""]),
        row(&["（二）", "", "乡镇：完成排查85%。", ""]),
    ];
    let ledger = read_one("区农业农村委", &header, &rows);
    for id in [1, 2] {
        assert_eq!(ledger.task(id).unwrap().reports.len(), 0, "task {id}");
    }
    let progress = |id: u32| {
        ledger
            .task(id)
            .unwrap()
            .current_reports()
            .map(|r| r.progress.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        progress(7),
        ["对两家公司开展调查，具体如下：\n1.正绿农产品有限公司：已立案；\n2.亚冠食品有限公司：已处罚款5万元。"]
    );
    assert_eq!(
        progress(8),
        ["布点规划已印发。\n（一）城区：完成排查。\n（二）乡镇：完成排查85%。"]
    );
    assert!(ledger.unplaced.is_empty(), "{:#?}", ledger.unplaced);
}

/// A unit that answers it has no task (a letter: 经核查，我院无相关整改任务; a table whose
/// one row says 我镇无此项工作任务; a Word letter saying 我办不涉及该方案中的整改任务) has
/// answered every task the plan gives it 不涉及: it is no longer unreported, and one note
/// a file quotes it and names the tasks. A task it alone decides is 待核实, said in that
/// note (not a warning a task).
#[test]
fn an_answer_of_no_tasks_counts_as_not_applicable_on_every_task_of_the_unit() {
    use common::word::*;
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    let letter = |title: &str, body: &str, signed: &str| {
        docx_bytes(
            docx_rs::Docx::new()
                .add_paragraph(para(title))
                .add_paragraph(para("区生态环境局："))
                .add_paragraph(para(body))
                .add_paragraph(para(signed))
                .add_paragraph(para("2020年12月3日")),
        )
    };
    std::fs::write(
        dir.path().join("区检察院.docx"),
        letter(
            "关于整改方案任务落实情况的说明",
            "根据整改方案要求，经核查，我院无相关整改任务。特此说明。",
            "重庆市永川区人民检察院",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("情况说明.docx"),
        letter(
            "区金融办关于水污染防治整改任务落实情况的报告",
            "经认真核查，我办不涉及该方案中的整改任务。",
            "重庆市永川区金融工作办公室",
        ),
    )
    .unwrap();
    write_workbook(
        &dir.path().join("来苏镇.xlsx"),
        &[SheetSpec::new("Sheet")
            .text_row(&["填报单位：来苏镇", "", "填报日期：2020年12月3日"])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["我镇无此项工作任务"])],
    );
    let ledger = ledger_for(dir.path());
    for (file, unit, said) in [
        (
            "区检察院.docx",
            "区检察院",
            "区检察院称“我院无相关整改任务”",
        ),
        (
            "情况说明.docx",
            "区金融办",
            "区金融办称“我办不涉及该方案中的整改任务”",
        ),
        ("来苏镇.xlsx", "来苏镇", "来苏镇称“我镇无此项工作任务”"),
    ] {
        let mine: Vec<_> = ledger.problems.iter().filter(|p| p.file == file).collect();
        let owed: Vec<u32> = plan.tasks_of(unit).iter().map(|(t, _)| t.id).collect();
        assert!(!owed.is_empty(), "{unit}");
        // One note, quoting the clause and naming every task.
        let notes: Vec<_> = mine
            .iter()
            .filter(|p| p.code == Code::NotApplicableStatement)
            .collect();
        assert_eq!(notes.len(), 1, "{mine:#?}");
        assert!(notes[0].message.contains(said), "{}", notes[0].message);
        for id in &owed {
            assert!(
                notes[0].message.contains(&id.to_string()),
                "{id}: {}",
                notes[0].message
            );
            let r = reports_of(&ledger, *id, unit);
            assert_eq!(r.len(), 1, "{unit} on {id}");
            assert_eq!(r[0].status, Status::NotApplicable, "{unit} on {id}");
            assert_eq!(r[0].source.file, file);
        }
        assert!(
            mine.iter()
                .all(|p| p.severity != Severity::Error && p.code != Code::NothingFilled),
            "{mine:#?}"
        );
        let f = ledger.files.iter().find(|f| f.file == file).unwrap();
        assert_eq!(f.unit.as_deref(), Some(unit));
        let entry = ledger.units.iter().find(|u| u.name == unit).unwrap();
        assert!(entry.missing.is_empty(), "{unit}: {:?}", entry.missing);
        // Not a row of it left unplaced.
        assert!(
            ledger.unplaced.iter().all(|u| u.source.file != file),
            "{:#?}",
            ledger.unplaced
        );
    }
    // 区金融办 alone decides task 60: 待核实, said once in the note, not again per task.
    assert_eq!(plan.task(60).unwrap().deciders(), ["区金融办"]);
    assert_eq!(ledger.task(60).unwrap().status, Status::Unclear);
    let jinrong: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.file == "情况说明.docx")
        .collect();
    assert!(
        jinrong.iter().any(|p| p.severity == Severity::Warning
            && p.message.contains("仅由该单位负责，暂按“待核实”计")),
        "{jinrong:#?}"
    );
    assert!(
        jinrong.iter().all(|p| p.code != Code::StatusContradicted),
        "{jinrong:#?}"
    );
    // 区检察院 is one of three responsible units on task 61: its 不涉及 leaves the task
    // to the other two (unreported here), no doubt about it; the clerk is asked to check
    // its part all the same (a warning).
    assert_eq!(ledger.task(61).unwrap().status, Status::Unreported);
    assert!(said(
        &ledger,
        Code::NotApplicableStatement,
        "《整改方案》明确该单位为第61项的牵头或责任单位，请与该单位核实其分工"
    ));
}

/// The bureau's own task (48, 水污染防治规划编制: 区生态环境局 responsible) reported done
/// only by the units that help with it: not 已报完成待确认 on their word while the
/// bureau's own entry is missing (adv46/47 b); their words are still cited.
#[test]
fn the_bureaus_own_task_is_not_reported_done_on_its_helpers_word() {
    let plan = plan();
    assert_eq!(
        plan.task(48).unwrap().deciders(),
        std::slice::from_ref(&plan.meta.collector)
    );
    let ledger = read_one(
        "区水利局",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[row(&[
            "48",
            &measure(48),
            "已配合完成水利部分的编制。",
            "已完成",
        ])],
    );
    let t = ledger.task(48).unwrap();
    assert_eq!(t.status, Status::Unreported);
    assert_eq!(t.reported_by_others, ["区水利局"]);
}

/// A Word return's 报送单位 line with the date after the name and no label of its own
/// (报送单位：区农业农村委（盖章）    2020年12月3日): that is the filing date, and the name
/// is the unit. Before (adv46 d14) the return had no filing date, and a warning.
/// A return with no 填报单位 whose file name names both the unit it goes to and the unit
/// that sends it (区生态环境局牵头任务进展情况（来苏镇）, 来苏镇-报区生态环境局): it is the
/// sender's, with no warning that the file names another unit. A name that names only the
/// unit it goes to (报区生态环境局-整改进展) credits nobody: the bureau's own tasks are
/// not counted from a town's return.
#[test]
fn a_file_name_naming_where_a_return_goes_credits_the_sender() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let spec = || {
        SheetSpec::new("Sheet1")
            .text_row(&["整改进展情况表"])
            .text_row(&["", "", "填报日期：2020年12月3日"])
            .text_row(&header)
            .text_row(&["48", &measure(48), "已提供辖区基础资料。", "已完成"])
            .text_row(&["24", &measure(24), "拆除2处。", "已完成"])
    };
    for (name, sender) in [
        ("区生态环境局牵头任务进展情况（来苏镇）", "来苏镇"),
        ("来苏镇-报区生态环境局", "来苏镇"),
        ("关于报送区水利局牵头任务进展的函（来苏镇）", "来苏镇"),
        ("宝峰镇报区水利局", "宝峰镇"),
        ("宝峰镇报送区水利局整改进展", "宝峰镇"),
        // The form's owner before a bracket naming who filled it in (adv49 c 2).
        ("区水利局负责任务进展（红炉镇）", "红炉镇"),
        ("区水利局整改任务填报表（朱沱镇）", "朱沱镇"),
        ("关于区水利局交办事项办理情况（宝峰镇）", "宝峰镇"),
        ("区水利局牵头任务进展情况（吉安镇填报）", "吉安镇"),
        // The unit worked with, several addressees, a salutation.
        ("配合区河长办整改进展（来苏镇）", "来苏镇"),
        ("板桥镇-报区水利局、区生态环境局", "板桥镇"),
        ("来苏镇报区水利局和区河长办", "来苏镇"),
        ("区生态环境局：红炉镇整改进展", "红炉镇"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        write_workbook(&dir.path().join(format!("{name}.xlsx")), &[spec()]);
        let ledger = ledger_for(dir.path());
        assert_eq!(ledger.files[0].unit.as_deref(), Some(sender), "{name}");
        assert_eq!(units_on(&ledger, 24), vec![sender.to_string()], "{name}");
        assert!(reports_of(&ledger, 48, "区生态环境局").is_empty(), "{name}");
        assert!(
            !raised(&ledger, Code::UnitAmbiguous),
            "{name}: {:#?}",
            ledger.problems
        );
    }
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("报区生态环境局-整改进展.xlsx"), &[spec()]);
    let ledger = ledger_for(dir.path());
    assert!(reports_of(&ledger, 48, "区生态环境局").is_empty());
    assert!(raised(&ledger, Code::UnitUnknown));
    // A lead's form with its name alone still reads as the lead's, as before.
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("区水利局牵头任务进展情况.xlsx"), &[spec()]);
    assert_eq!(
        ledger_for(dir.path()).files[0].unit.as_deref(),
        Some("区水利局")
    );
}

/// 填报日期：12.3 (a month and day without a year, as clerks type it): after the label it
/// is a date of the plan's year, on the filing line above the table, in the cell beside
/// the label, and in a Word return's signature below its table. Without a label the same
/// text is a number (12.3 in a progress text is not a date).
#[test]
fn a_month_and_day_after_a_filing_label_is_the_filing_date() {
    use common::word::*;
    let unit = "区水利局";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    for (label, beside) in [
        ("填报日期：12.3", ""),
        ("填报时间：12/3", ""),
        ("填报日期：", "12.3"),
        ("报送日期：12.03", ""),
    ] {
        let spec = SheetSpec::new("进展情况")
            .text_row(&[&format!("填报单位：{unit}"), "", label, beside])
            .text_row(&header)
            .text_row(&["21", &measure(21), "已完成改造", "已完成"]);
        let dir = tempfile::tempdir().unwrap();
        write_workbook(&dir.path().join("进展.xlsx"), &[spec]);
        let ledger = ledger_for(dir.path());
        let r = only_report(&ledger, 21);
        assert_eq!(r.filed_on, Some(date(2020, 12, 3)), "{label}{beside}");
        assert!(!raised(&ledger, Code::FilingDateMissing), "{label}{beside}");
    }
    let doc = docx_rs::Docx::new()
        .add_paragraph(para("区农业农村委整改任务进展情况表"))
        .add_table(table(vec![
            text_row(&["序号", "具体举措", "进展情况", "完成状态"]),
            text_row(&["8", &measure(8), "规划已印发。", "已完成"]),
        ]))
        .add_paragraph(para("填报单位：区农业农村委    填报日期：12.3"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("进展.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    assert_eq!(only_report(&ledger, 8).filed_on, Some(date(2020, 12, 3)));
}

/// 填报日期： beside the number 2020.12 (Excel keeps 2020.12 typed into a cell as a
/// number): the return was filed in December, on its first day as the same text reads,
/// not its last (which put it after the as-of date and held the whole return back:
/// adv56 a 1). A completion date typed so is the month's end, as ever.
#[test]
fn a_year_and_month_typed_as_a_number_is_filed_on_the_months_first_day() {
    let unit = "区水利局";
    let spec = SheetSpec::new("进展情况")
        .row(vec![
            s(&format!("填报单位：{unit}")),
            V::E,
            s("填报日期："),
            n(2020.12),
        ])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"])
        .row(vec![
            n(21.0),
            s(&measure(21)),
            s("已完成改造"),
            s("已完成"),
            n(2020.11),
        ]);
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("进展.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let r = only_report(&ledger, 21);
    assert_eq!(r.filed_on, Some(date(2020, 12, 1)));
    assert_eq!(r.completed_on, Some(date(2020, 11, 30)));
    assert!(
        !raised(&ledger, Code::FiledAfterAsOf),
        "{:#?}",
        ledger.problems
    );
}

#[test]
fn a_date_after_the_unit_on_its_line_is_the_filing_date() {
    use common::word::*;
    for line in [
        "报送单位：区农业农村委（盖章）                    2020年12月3日",
        "填报单位：区农业农村委    2020.12.3",
    ] {
        let doc = docx_rs::Docx::new()
            .add_paragraph(para("区农业农村委整改任务进展情况表"))
            .add_paragraph(para(line))
            .add_table(table(vec![
                text_row(&["序号", "具体举措", "进展情况", "完成状态"]),
                text_row(&["8", &measure(8), "规划已印发。", "已完成"]),
            ]));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("进展.docx"), docx_bytes(doc)).unwrap();
        let ledger = ledger_for(dir.path());
        let r = only_report(&ledger, 8);
        assert_eq!(r.unit, "区农业农村委", "{line}");
        assert_eq!(r.filed_on, Some(date(2020, 12, 3)), "{line}");
        assert!(
            !raised(&ledger, Code::FilingDateMissing),
            "{line}: {:#?}",
            ledger.problems
        );
    }
}

/// A unit that only helps with tasks saying it leads or is responsible for none (我局无
/// 牵头或负责的整改任务; 该方案中无需我办牵头或负责落实的整改任务，我办仅配合…) says
/// something true that leaves its part open: the tasks it helps with are not 不涉及, it
/// still owes them, and the note says so. Before (adv46 d19, n01) each was 不涉及.
#[test]
fn no_task_to_lead_or_hold_leaves_the_tasks_a_unit_helps_with_owed() {
    use common::word::*;
    let plan = plan();
    for (unit, body) in [
        ("区司法局", "经核查，我局无牵头或负责的整改任务。"),
        (
            "区委编办",
            "该方案中无需我办牵头或负责落实的整改任务，我办仅配合各镇街做好基层执法人员编制保障工作。",
        ),
    ] {
        let owed: Vec<(u32, rectify::plan::Role)> =
            plan.tasks_of(unit).iter().map(|(t, r)| (t.id, *r)).collect();
        assert!(
            !owed.is_empty()
                && owed
                    .iter()
                    .all(|(_, r)| *r == rectify::plan::Role::Cooperating),
            "{unit}: {owed:?}"
        );
        let dir = tempfile::tempdir().unwrap();
        let doc = docx_rs::Docx::new()
            .add_paragraph(para(&format!("{unit}关于整改任务落实情况的说明")))
            .add_paragraph(para("区生态环境局："))
            .add_paragraph(para(body))
            .add_paragraph(para(unit))
            .add_paragraph(para("2020年12月3日"));
        std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
        let ledger = ledger_for(dir.path());
        for (id, _) in &owed {
            assert!(reports_of(&ledger, *id, unit).is_empty(), "{unit} on {id}");
        }
        let entry = ledger.units.iter().find(|u| u.name == unit).unwrap();
        assert_eq!(
            entry.missing,
            owed.iter().map(|(id, _)| *id).collect::<Vec<_>>()
        );
        let note = ledger
            .problems
            .iter()
            .find(|p| p.code == Code::NotApplicableStatement)
            .expect("a note");
        assert!(
            note.message.contains(&format!("该单位是第{}项任务的配合单位", owed[0].0))
                && note.message.contains("仍需报送配合工作进展"),
            "{}",
            note.message
        );
    }
}

/// Beside rows filled in, a note 我局不涉及该方案中的其他整改任务 answers the unit's other
/// tasks 不涉及, and the rows stand; a statement above a blank table's header is no answer
/// (nothing read under the header): the clerk is told, the tasks stay unreported.
#[test]
fn a_statement_of_the_other_tasks_answers_them_and_one_above_the_header_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    write_workbook(
        &dir.path().join("区交通局.xlsx"),
        &[SheetSpec::new("Sheet")
            .text_row(&["填报单位：区交通局", "", "填报日期：2020年12月3日"])
            .text_row(&header)
            .text_row(&["48", &measure(48), "已配合完成规划编制", "已完成"])
            .text_row(&["说明：我局不涉及该方案中的其他整改任务。"])],
    );
    write_workbook(
        &dir.path().join("区卫健委.xlsx"),
        &[SheetSpec::new("Sheet")
            .text_row(&["填报单位：区卫健委", "", "填报日期：2020年12月3日"])
            .text_row(&["经核查，我委不涉及该方案中的整改任务。"])
            .text_row(&header)],
    );
    let ledger = ledger_for(dir.path());
    let plan = plan();
    assert_eq!(
        plan.tasks_of("区交通局")
            .iter()
            .map(|(t, _)| t.id)
            .collect::<Vec<_>>(),
        [48, 55]
    );
    let r48 = reports_of(&ledger, 48, "区交通局");
    assert_eq!(r48.len(), 1);
    assert_eq!(r48[0].status, Status::Completed);
    let r55 = reports_of(&ledger, 55, "区交通局");
    assert_eq!(r55.len(), 1);
    assert_eq!(r55[0].status, Status::NotApplicable);
    // Only cooperating on task 55: nothing for the clerk to check (an info).
    let note: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::NotApplicableStatement)
        .collect();
    assert_eq!(note.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(note[0].severity, Severity::Info);
    assert_eq!(
        note[0].message,
        "区交通局称“我局不涉及该方案中的其他整改任务”，已按该单位在《整改方案》中承担的第55项任务计为“不涉及”。"
    );
    let weijian: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.file == "区卫健委.xlsx")
        .collect();
    assert!(
        weijian
            .iter()
            .any(|p| p.code == Code::NothingFilled
                && p.message.contains("我委不涉及该方案中的整改任务")),
        "{weijian:#?}"
    );
    assert!(ledger
        .tasks
        .iter()
        .all(|t| t.current_reports().all(|r| r.unit != "区卫健委")));
}

/// The same report sent twice on one day, once with 持续推进 and once with 长期坚持 (a
/// lead unit's 报送表 writes the form's term for the unit's word) is one report, not a
/// conflict; other statuses on the same text are.
#[test]
fn the_same_status_in_other_words_is_no_conflict() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let conflicts = |second: &str| {
        let dir = tempfile::tempdir().unwrap();
        for (file, status) in [("a.xlsx", "持续推进"), ("b.xlsx", second)] {
            write_workbook(
                &dir.path().join(file),
                &[sheet(
                    "区水利局",
                    &header,
                    &[row(&["23", "", "河堰修复12处。", status])],
                )],
            );
        }
        let ledger = ledger_for(dir.path());
        let current = ledger.task(23).unwrap().current_reports().count();
        let conflict = ledger.problems.iter().any(|p| p.code == Code::Conflict);
        (current, conflict)
    };
    assert_eq!(conflicts("长期坚持"), (1, false));
    assert!(conflicts("正在推进").1);
}

/// An extension written in the status or 完成时间 cell (延期至2021年6月底完成, 因疫情顺延至
/// 2021年3月) moves the task's deadline as one written under 完成时限 does: the report
/// keeps it and the clerk is asked to check it; a later date as a plan (预计…完成) does not.
#[test]
fn an_extension_in_the_status_or_date_cell_is_a_moved_deadline() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    let rows = vec![
        row(&[
            "24",
            &measure(24),
            "受汛期影响推迟。",
            "延期至2021年6月底完成",
            "",
        ]),
        row(&[
            "20",
            &measure(20),
            "正在办理用地手续。",
            "正在推进",
            "因疫情顺延至2021年3月",
        ]),
        row(&[
            "26",
            &measure(26),
            "正在编制。",
            "正在推进，预计2021年3月底前完成",
            "",
        ]),
    ];
    let ledger = read_one("区水利局", &header, &rows);
    assert_eq!(
        only_report(&ledger, 24).deadline_moved.as_deref(),
        Some("延期至2021年6月底完成")
    );
    assert_eq!(
        only_report(&ledger, 20).deadline_moved.as_deref(),
        Some("因疫情顺延至2021年3月")
    );
    let plan = only_report(&ledger, 26);
    assert_eq!(plan.status, Status::InProgress);
    assert_eq!(plan.deadline_moved, None);
    assert_eq!(
        ledger
            .problems
            .iter()
            .filter(|p| p.code == Code::DeadlineChanged)
            .count(),
        2,
        "{:#?}",
        ledger.problems
    );
}

/// A 序号 in Chinese numerals in brackets (（二十三）) beside the measure of that very task
/// is that task, with nothing to check; beside another task's measure the measure decides
/// and the clerk is asked to check, as before.
#[test]
fn a_chinese_numeral_that_agrees_with_its_measure_needs_no_check() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&["（二十三）", &measure(23), "已完成排查。", "已完成"]),
        row(&["（二十五）", &measure(26), "正在施工。", "正在推进"]),
    ];
    let ledger = read_one("区水利局", &header, &rows);
    assert_eq!(only_report(&ledger, 23).status, Status::Completed);
    assert_eq!(only_report(&ledger, 26).status, Status::InProgress);
    let checks: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::TaskMatchedByText)
        .collect();
    assert_eq!(checks.len(), 1, "{checks:#?}");
    assert!(
        checks[0].message.contains("（二十五）"),
        "{}",
        checks[0].message
    );
}

/// A table with no measure column numbered in Chinese numerals (十二, （十八）): each row
/// is the task it numbers, with a warning to check; without a number it reads there is
/// still nothing to go by, and 十二 beside measure text still goes by the text.
#[test]
fn chinese_numerals_alone_number_the_tasks_of_a_table_without_measures() {
    let header = ["序号", "工作进展情况", "完成状态"];
    let rows = [
        row(&["十二", "淘汰落后产能企业6家。", "长期坚持"]),
        row(&["（十八）", "重点企业水重复利用率达到92%。", "长期坚持"]),
        row(&["", "另有一行没有序号。", "正在推进"]),
    ];
    let ledger = read_one("区经济信息委", &header, &rows);
    for (id, text) in [
        (12, "淘汰落后产能企业6家。"),
        (18, "重点企业水重复利用率达到92%。"),
    ] {
        let t = ledger.task(id).unwrap();
        let got: Vec<&str> = t.current_reports().map(|r| r.progress.as_str()).collect();
        assert_eq!(got, [text], "task {id}");
    }
    let warned: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::TaskMatchedByNumeral)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert!(warned[0].contains("已按第12项"), "{}", warned[0]);
    // The row without a number is still unplaced, not guessed.
    assert_eq!(ledger.unplaced.len(), 1);
    assert_eq!(ledger.unplaced[0].progress, "另有一行没有序号。");

    // With measure text the text decides, as before: 二 beside task 3's measure is task 3.
    let header = ["序号", "具体举措", "工作进展情况", "完成状态"];
    let ledger = read_one(
        "区经济信息委",
        &header,
        &[row(&["二", &measure(3), "第3项进展。", "正在推进"])],
    );
    assert_eq!(ledger.task(3).unwrap().current_reports().count(), 1);
    assert_eq!(ledger.task(2).unwrap().current_reports().count(), 0);
}

/// 否 in a 是否完成 column with no progress text is 未启动 (DOMAIN.md), as beside 无; no
/// warning: the answer is understood (adv55 b 6: it was 待核实, and the report asked
/// the unit to verify an answer it had given).
#[test]
fn no_alone_is_not_started() {
    let header = ["序号", "具体举措", "整改进展情况", "是否完成"];
    let rows = [
        row(&["3", &measure(3), "", "否"]),
        row(&["5", &measure(5), "无", "否"]),
        row(&["6", &measure(6), "/", "×"]),
    ];
    let ledger = read_one("何埂镇", &header, &rows);
    for id in [3, 5, 6] {
        let statuses: Vec<Status> = ledger
            .task(id)
            .unwrap()
            .current_reports()
            .map(|r| r.status)
            .collect();
        assert_eq!(statuses, [Status::NotStarted], "task {id}");
    }
    assert!(
        !ledger
            .problems
            .iter()
            .any(|p| p.code == Code::StatusUnclear),
        "{:?}",
        ledger.problems
    );
}

/// A status cell whose completion is planned (预计12月底完成, 12月底前完成), of a stage
/// (已完成初稿) or owed (待完成) is not counted 已完成.
#[test]
fn a_planned_or_partial_completion_in_the_status_cell_is_not_completed() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let cases = [
        (20, "预计12月底完成", Status::InProgress),
        (21, "12月底前完成", Status::InProgress),
        (23, "已完成初稿编制", Status::InProgress),
        (26, "待完成", Status::Unclear),
        (53, "已按期完成", Status::Completed),
    ];
    let rows: Vec<Vec<String>> = cases
        .iter()
        .map(|(id, st, _)| row(&[&id.to_string(), &measure(*id), "相关工作有序开展。", st]))
        .collect();
    let ledger = read_one("区水利局", &header, &rows);
    for (id, st, want) in cases {
        let got: Vec<Status> = ledger
            .task(id)
            .unwrap()
            .current_reports()
            .map(|r| r.status)
            .collect();
        assert_eq!(got, [want], "{st}");
    }
}

/// Everyday headers: 目前进展 is the progress; 存在问题 and 下一步打算 are kept as notes
/// under their header; 21（牵头） is task 21.
#[test]
fn everyday_progress_and_problem_headers_are_read() {
    for progress_header in ["目前进展", "进展", "本月进展", "进度情况", "整改进度"]
    {
        let header = [
            "序号",
            progress_header,
            "完成状态",
            "存在问题",
            "下一步打算",
        ];
        let rows = [row(&[
            "21（牵头）",
            "小水电站整改已完成27座。",
            "正在推进",
            "资金未全部到位。",
            "12月底前完成剩余整改。",
        ])];
        let ledger = read_one("区水利局", &header, &rows);
        let r: Vec<_> = ledger.task(21).unwrap().current_reports().collect();
        assert_eq!(r.len(), 1, "{progress_header}: {:?}", ledger.unplaced);
        assert_eq!(
            r[0].progress, "小水电站整改已完成27座。",
            "{progress_header}"
        );
        assert_eq!(r[0].status, Status::InProgress, "{progress_header}");
        assert_eq!(
            r[0].note, "存在问题：资金未全部到位。\n下一步打算：12月底前完成剩余整改。",
            "{progress_header}"
        );
    }
}

/// A status column left empty beside 完成进度: the percentage decides, written with
/// words around it too (约60%, 100%（已验收）).
#[test]
fn the_percentage_decides_when_the_status_cell_is_empty() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成进度"];
    let rows = [
        row(&["20", &measure(20), "前期工作有序推进。", "", "约60%"]),
        row(&["21", &measure(21), "整改工作已结束。", "", "100%（已验收）"]),
        row(&["23", &measure(23), "河堰修复有序推进。", "", "90%以上"]),
    ];
    let ledger = read_one("区水利局", &header, &rows);
    for (id, want) in [
        (20, Status::InProgress),
        (21, Status::Completed),
        (23, Status::InProgress),
    ] {
        let got: Vec<Status> = ledger
            .task(id)
            .unwrap()
            .current_reports()
            .map(|r| r.status)
            .collect();
        assert_eq!(got, [want], "task {id}");
    }
    assert!(!raised(&ledger, Code::StatusUnclear));
}

/// The bureau's own collection sheet, one row per unit, one cell naming two units: the
/// column still names each row's unit; the joint row is each named unit's report, with
/// an info (before, the one joint cell made every row the sender's).
#[test]
fn a_collection_sheet_with_a_joint_row_keeps_each_rows_unit() {
    let header = ["序号", "单位", "工作进展", "完成状态"];
    let rows = [
        row(&["21", "区水利局", "小水电清理整改全部完成。", "已完成"]),
        row(&["22", "区农业农村委", "保留冬水田1.2万亩。", "长期坚持"]),
        row(&["28", "区城市管理局", "考核办法已印发。", "已完成"]),
        row(&["33", "区住房城乡建委", "规划已通过专家评审。", "已完成"]),
        row(&[
            "55",
            "区水利局、区农业农村委",
            "联合开展水源地巡查4次。",
            "长期坚持",
        ]),
    ];
    let ledger = read_one("区生态环境局", &header, &rows);
    for (id, unit) in [
        (21, "区水利局"),
        (22, "区农业农村委"),
        (28, "区城市管理局"),
        (33, "区住房城乡建委"),
    ] {
        let units: Vec<&str> = ledger
            .task(id)
            .unwrap()
            .current_reports()
            .map(|r| r.unit.as_str())
            .collect();
        assert_eq!(units, [unit], "task {id}");
    }
    let mut joint: Vec<&str> = ledger
        .task(55)
        .unwrap()
        .reports
        .iter()
        .map(|r| r.unit.as_str())
        .collect();
    joint.sort_unstable();
    assert_eq!(joint, ["区农业农村委", "区水利局"]);
    let said = ledger
        .problems
        .iter()
        .find(|p| p.code == Code::UnitAmbiguous)
        .expect("an info on the joint row");
    assert_eq!(said.severity, Severity::Info);
    assert!(
        said.message.contains("第7行") && said.message.contains("“区水利局、区农业农村委”），该行"),
        "{}",
        said.message
    );
}

/// 填报单位 and 填报日期 as a label cell beside a value cell, right above the header
/// (read with it as a two-row header before): the unit and the date are read.
#[test]
fn a_label_cell_beside_its_value_above_the_header_names_the_unit() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["整改任务进展情况表"])
        .text_row(&[
            "填报单位",
            "区住房城乡建委（盖章）",
            "填报时间",
            "2020年12月3日",
        ])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .text_row(&["33", &measure(33), "规划已批复。", "已完成"]);
    write_workbook(&dir.path().join("报送表.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let r: Vec<_> = ledger.task(33).unwrap().current_reports().collect();
    assert_eq!(r.len(), 1, "{:?}", ledger.unplaced);
    assert_eq!(r[0].unit, "区住房城乡建委");
    assert_eq!(r[0].filed_on, Some(date(2020, 12, 3)));
    // A header whose unit column is headed 填报单位 takes no header word for a unit.
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：区水利局"])
        .text_row(&["序号", "填报单位", "整改进展情况", "完成状态"])
        .text_row(&["", "", "进展", "状态"])
        .text_row(&["21", "区水利局", "小水电整改完成。", "已完成"]);
    write_workbook(&dir.path().join("进展.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert_eq!(units_on(&ledger, 21), ["区水利局"]);
}

/// Dates in Chinese numerals (二〇二〇年十二月三日, 2020年十二月四日) read as dates, and a
/// filing date with only a month (2020年12月) is the month's first day: the return is
/// in the round. Before, the numerals were no date (填报日期 "not found"), and the month
/// read as 12月31日, after the round's date, which left the return out.
#[test]
fn chinese_numeral_dates_and_a_filing_month_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    for (unit, filed, id, done) in [
        (
            "区财政局",
            "二〇二〇年十二月三日",
            58,
            "二〇二〇年九月二十五日",
        ),
        ("区金融办", "2020年12月", 60, ""),
        ("区水利局", "2020年十二月四日", 21, "2020年10月"),
    ] {
        let spec = SheetSpec::new("Sheet1")
            .text_row(&[
                &format!("填报单位：{unit}"),
                "",
                &format!("填报日期：{filed}"),
            ])
            .text_row(&header)
            .text_row(&[&id.to_string(), &measure(id), "已办结。", "已完成", done]);
        write_workbook(&dir.path().join(format!("{unit}.xlsx")), &[spec]);
    }
    let ledger = ledger_for(dir.path());
    let report = |id: u32| {
        let r = only_report(&ledger, id);
        (r.filed_on, r.completed_on)
    };
    assert_eq!(
        report(58),
        (Some(date(2020, 12, 3)), Some(date(2020, 9, 25)))
    );
    assert_eq!(report(60), (Some(date(2020, 12, 1)), None));
    // A completion month still reads as the month's end.
    assert_eq!(
        report(21),
        (Some(date(2020, 12, 4)), Some(date(2020, 10, 31)))
    );
    assert!(!ledger
        .problems
        .iter()
        .any(|p| p.code == Code::FilingDateMissing || p.code == Code::FiledAfterAsOf));
}

/// Other everyday wordings: 不涉及 as 未涉及 / 无此情况 / 不存在该问题, or a short progress
/// text saying the town has none of it (我镇无…, 与我镇无关); 在推进 / 正常推进 / 按月推进
/// under way; 已落实 / 已整改完毕 done, also opening a progress text after 该问题. Before,
/// each was 待核实 with a warning asking the unit to refill it.
#[test]
fn everyday_status_wordings_are_read() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = progress_rows(&[
        ("1", "我镇无水产养殖池塘。", "/"),
        ("24", "本镇无拦河养鱼现象。", ""),
        ("56", "此项工作与我镇无关。", ""),
        ("30", "", "不存在该问题"),
        ("35", "", "无此情况"),
        ("11", "", "未涉及"),
        ("4", "按要求开展。", "在推进"),
        ("5", "按要求开展。", "正常推进"),
        ("50", "按要求开展。", "按月推进"),
        ("27", "按要求开展。", "已落实"),
        ("28", "该问题已整改到位，考核机制已建立。", ""),
        ("34", "已整改完毕，排水户日常巡查。", ""),
    ]);
    let ledger = read_one("仙龙镇", &header, &rows);
    let status = |id: u32| only_report(&ledger, id).status;
    for id in [1, 24, 56, 30, 35, 11] {
        assert_eq!(status(id), Status::NotApplicable, "task {id}");
    }
    for id in [4, 5, 50] {
        assert_eq!(status(id), Status::InProgress, "task {id}");
    }
    for id in [27, 28, 34] {
        assert_eq!(status(id), Status::Completed, "task {id}");
    }
    assert!(!raised(&ledger, Code::StatusUnclear));
}

/// A 完成情况 column beside 整改进展情况 whose cells list the options with one ticked
/// (☑已完成 □正在推进 □未启动) is the status column, however long the list. Before, the
/// options were appended to the progress and every row was 待核实.
#[test]
fn a_completion_column_of_ticked_options_is_the_status() {
    let header = ["序号", "具体举措", "整改进展情况", "完成情况"];
    let rows = progress_rows(&[
        ("21", "小水电站清理整改。", "☑已完成 □正在推进 □未启动"),
        ("26", "初稿编制中。", "□已完成 ☑正在推进 □未启动"),
        ("55", "每月开展水质监测。", "☑长期坚持 □正在推进 □未启动"),
    ]);
    let ledger = read_one("区水利局", &header, &rows);
    let report = |id: u32| {
        let r = only_report(&ledger, id);
        (r.status, r.progress)
    };
    assert_eq!(
        report(21),
        (Status::Completed, "小水电站清理整改。".to_string())
    );
    assert_eq!(report(26).0, Status::InProgress);
    assert_eq!(report(55).0, Status::Ongoing);
}

/// Tick columns with a check typed in a Wingdings font: the cell holds ü (or P, R in
/// Wingdings 2), which a spreadsheet reader sees as the letter. Before, each row was
/// 待核实 with "完成状态（空）".
#[test]
fn a_wingdings_check_letter_in_a_tick_column_ticks_it() {
    let header = [
        "序号",
        "具体举措",
        "整改进展情况",
        "已完成",
        "正在推进",
        "未启动",
    ];
    let rows: Vec<Vec<String>> = [
        ("43", "每日清运。", 0, "ü"),
        ("44", "联合执法检查。", 1, "P"),
        ("45", "采购准备中。", 2, "R"),
    ]
    .iter()
    .map(|(id, prog, col, mark)| {
        let mut r = row(&[id, &measure(id.parse().unwrap()), prog, "", "", ""]);
        r[3 + col] = mark.to_string();
        r
    })
    .collect();
    let ledger = read_one("区城市管理局", &header, &rows);
    let status = |id: u32| only_report(&ledger, id).status;
    assert_eq!(status(43), Status::Completed);
    assert_eq!(status(44), Status::InProgress);
    assert_eq!(status(45), Status::NotStarted);
}

/// Two units' tables stacked on one sheet, each under its own title and 填报单位 line:
/// the second block's rows are the second unit's, dated by its line. Before, its line
/// was skipped as a note and every row went to the first unit (凤凰湖's 已完成 on task
/// 13 merged with 三教's 正在推进).
#[test]
fn a_second_units_block_on_one_sheet_is_that_units() {
    let dir = tempfile::tempdir().unwrap();
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let mut spec = SheetSpec::new("Sheet1");
    for (unit, filed, rows) in [
        (
            "凤凰湖产业促进中心",
            "2020年12月3日",
            [(13, "已完成"), (15, "长期坚持")],
        ),
        (
            "三教产业促进中心",
            "2020年12月4日",
            [(13, "正在推进"), (16, "已完成")],
        ),
    ] {
        spec = spec
            .text_row(&[&format!("{unit}整改任务进展情况表")])
            .text_row(&[
                &format!("填报单位：{unit}"),
                "",
                "",
                &format!("填报日期：{filed}"),
            ])
            .text_row(&header);
        for (id, st) in rows {
            spec = spec.text_row(&[&id.to_string(), &measure(id), "按计划推进。", st]);
        }
        spec = spec.text_row(&[]);
    }
    write_workbook(&dir.path().join("产业促进中心进展汇总.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let mut on_13: Vec<(String, Status, Option<NaiveDate>)> = ledger
        .task(13)
        .unwrap()
        .current_reports()
        .map(|r| (r.unit.clone(), r.status, r.filed_on))
        .collect();
    on_13.sort();
    assert_eq!(
        on_13,
        [
            (
                "三教产业促进中心".to_string(),
                Status::InProgress,
                Some(date(2020, 12, 4))
            ),
            (
                "凤凰湖产业促进中心".to_string(),
                Status::Completed,
                Some(date(2020, 12, 3))
            ),
        ]
    );
    assert_eq!(units_on(&ledger, 16), ["三教产业促进中心"]);
}

/// A sheet updated month by month, one progress and one status column per month: the
/// latest month's columns are read (a column naming no month counts as the latest), the
/// earlier months' kept as notes under their headers. Before, the first (oldest)
/// column decided: 已完成 in 12月 read 正在推进 from 11月.
#[test]
fn the_latest_months_columns_are_read() {
    let header = [
        "序号",
        "具体举措",
        "11月进展情况",
        "11月完成状态",
        "12月进展情况",
        "完成状态",
    ];
    // 序号 and the measure, then `rest`.
    let task_row = |id: u32, rest: &[&str]| -> Vec<String> {
        [id.to_string(), measure(id)]
            .into_iter()
            .chain(rest.iter().map(|t| t.to_string()))
            .collect()
    };
    let rows = vec![
        task_row(
            33,
            &["规划编制中。", "正在推进", "专项规划已批复印发。", "已完成"],
        ),
        task_row(37, &["", "未启动", "扩容工程已开工建设。", "正在推进"]),
    ];
    let ledger = read_one("区住房城乡建委", &header, &rows);
    let r33 = only_report(&ledger, 33);
    assert_eq!(r33.status, Status::Completed);
    assert_eq!(r33.progress, "专项规划已批复印发。");
    assert!(
        r33.note.contains("11月进展情况：规划编制中。"),
        "{}",
        r33.note
    );
    assert_eq!(only_report(&ledger, 37).status, Status::InProgress);
    // Progress columns only, 10月 to 12月: the 12月 text decides.
    let header = [
        "序号",
        "具体举措",
        "10月进展情况",
        "11月进展情况",
        "12月进展情况",
    ];
    let rows = vec![task_row(
        26,
        &[
            "正在推进，确定编制单位。",
            "正在推进，初稿编制中。",
            "已完成，规划已印发。",
        ],
    )];
    let ledger = read_one("区水利局", &header, &rows);
    let r = only_report(&ledger, 26);
    assert_eq!(r.status, Status::Completed);
    assert_eq!(r.progress, "已完成，规划已印发。");

    // A row finished in 10月 and left blank in 11月 (nothing changed): read from 10月,
    // the note saying so. Before, it was 待核实 with no progress.
    let header = [
        "序号",
        "具体举措",
        "10月进展情况",
        "10月完成状态",
        "11月进展情况",
        "11月完成状态",
    ];
    let rows = vec![
        task_row(26, &["专项规划已印发实施。", "已完成", "", ""]),
        task_row(
            20,
            &["已对接。", "正在推进", "已签订合作协议。", "正在推进"],
        ),
    ];
    let ledger = read_one("区水利局", &header, &rows);
    let r = only_report(&ledger, 26);
    assert_eq!(
        (r.status, r.progress.as_str()),
        (Status::Completed, "专项规划已印发实施。")
    );
    assert_eq!(r.note, "11月进展情况未填写，按10月进展情况计");
    let r = only_report(&ledger, 20);
    assert_eq!(r.progress, "已签订合作协议。");
    assert!(r.note.contains("10月进展情况：已对接。"), "{}", r.note);

    // So too under 上期 | 本期 (the form sent out with last period's answers filled in):
    // a row left blank this period is read from 上期, said in the note (adv56 a 5: an
    // empty 待核实 report, told its status was not filled in).
    let header = [
        "序号",
        "具体举措",
        "上期进展情况（11月）",
        "上期完成状态",
        "本期进展情况",
        "本期完成状态",
    ];
    let rows = vec![
        task_row(26, &["规划正在编制。", "正在推进", "", ""]),
        task_row(
            21,
            &["完成28座。", "正在推进", "35座全部完成清理整改。", "已完成"],
        ),
    ];
    let ledger = read_one("区水利局", &header, &rows);
    let r = only_report(&ledger, 26);
    assert_eq!(
        (r.status, r.progress.as_str()),
        (Status::InProgress, "规划正在编制。")
    );
    assert!(
        r.note.starts_with("本期进展情况未填写，按上期"),
        "{}",
        r.note
    );
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
    let r = only_report(&ledger, 21);
    assert_eq!(r.status, Status::Completed);
    assert!(
        r.note.contains("上期进展情况（11月）：完成28座。"),
        "{}",
        r.note
    );
    assert!(
        !raised(&ledger, Code::NothingFilled),
        "{:#?}",
        ledger.problems
    );
    // 同上期 / 无变化 under 本期, its status blank, says the same (second review c 8);
    // every row so is no new report, said once (c 7).
    let rows = vec![
        task_row(26, &["规划正在编制。", "正在推进", "同上期", ""]),
        task_row(21, &["完成28座。", "正在推进", "", ""]),
    ];
    let ledger = read_one("区水利局", &header, &rows);
    let r = only_report(&ledger, 26);
    assert_eq!(
        (r.status, r.progress.as_str()),
        (Status::InProgress, "规划正在编制。")
    );
    assert!(
        r.note.starts_with("本期进展情况填写“同上期”，按上期"),
        "{}",
        r.note
    );
    let whole: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::NothingFilled)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(whole.len(), 1, "{:#?}", ledger.problems);
    assert!(whole[0].contains("2行的本期进展均未填写"), "{}", whole[0]);

    // Quarters are periods as months are: the latest quarter's text is the progress,
    // the earlier kept in the note. Before, the two were joined and 三季度's 正在开展
    // contradicted 已完成.
    let header = [
        "序号",
        "具体举措",
        "三季度进展情况",
        "第四季度进展情况",
        "完成状态",
    ];
    let rows = vec![task_row(
        47,
        &[
            "正在开展前期研究。",
            "已将生态环境保护作为专章纳入规划。",
            "已完成",
        ],
    )];
    let ledger = read_one("区发展改革委", &header, &rows);
    let r = only_report(&ledger, 47);
    assert_eq!(
        (r.status, r.progress.as_str()),
        (Status::Completed, "已将生态环境保护作为专章纳入规划。")
    );
    assert!(
        r.note.contains("三季度进展情况：正在开展前期研究。"),
        "{}",
        r.note
    );
}

/// Two tables side by side under one header row (tasks in A–D and again in F–I): each
/// row gives two reports, each with its own status. Before, the right table's columns
/// were read as a second progress column of the left one: its tasks were lost and its
/// text went to the left task.
#[test]
fn two_tables_side_by_side_are_both_read() {
    let dir = tempfile::tempdir().unwrap();
    let half = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let header: Vec<&str> = half
        .iter()
        .chain([""].iter())
        .chain(half.iter())
        .copied()
        .collect();
    let mut spec = SheetSpec::new("来苏镇")
        .text_row(&["填报单位：来苏镇", "", "", "填报日期：2020年12月3日"])
        .text_row(&header);
    for ((a, sa), (b, sb)) in [
        ((1, "正在推进"), (27, "已完成")),
        ((4, "长期坚持"), (35, "未启动")),
    ] {
        spec = spec.text_row(&[
            &a.to_string(),
            &measure(a),
            &format!("第{a}项进展。"),
            sa,
            "",
            &b.to_string(),
            &measure(b),
            &format!("第{b}项进展。"),
            sb,
        ]);
    }
    write_workbook(&dir.path().join("来苏镇.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    for (id, st) in [
        (1, Status::InProgress),
        (27, Status::Completed),
        (4, Status::Ongoing),
        (35, Status::NotStarted),
    ] {
        let r: Vec<_> = ledger.task(id).unwrap().current_reports().collect();
        assert_eq!(r.len(), 1, "task {id}");
        assert_eq!(
            (r[0].unit.as_str(), r[0].status, r[0].progress.as_str()),
            ("来苏镇", st, format!("第{id}项进展。").as_str()),
            "task {id}"
        );
        assert_eq!(r[0].filed_on, Some(date(2020, 12, 3)));
    }
}

/// An online form's export (问卷星, 腾讯文档): one row per answer, 序号 numbering the
/// answers, a 提交答卷时间 column, and the task as the option picked (21.小水电清理整改,
/// 【3】…, 第29项 …, several joined by ┋). Each answer is on its task, dated by its
/// submission, and a later answer supersedes an earlier one. Before, the answer numbers
/// 1, 2, 3 … were read as tasks 1, 2, 3 …, silently.
#[test]
fn an_online_form_export_reads_the_task_picked_and_the_submission_time() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("Sheet1")
        .text_row(&[
            "序号",
            "提交答卷时间",
            "1、填报单位",
            "2、涉及任务",
            "3、完成情况",
            "4、具体进展",
        ])
        .text_row(&[
            "1",
            "2020/12/1 10:00:00",
            "区水利局",
            "21.小水电清理整改",
            "正在推进",
            "推进中。",
        ])
        .text_row(&[
            "2",
            "2020/12/2 10:00:00",
            "区水利局",
            "26.水库消落带治理专项规划┋55.饮用水全过程监管",
            "正在推进",
            "编制中。",
        ])
        .text_row(&[
            "3",
            "2020/12/3 09:00:00",
            "何埂镇",
            "【3】何埂镇杨开科养殖场鱼塘尾水处理设施",
            "正在推进",
            "主体完工。",
        ])
        .text_row(&[
            "4",
            "2020/12/4 16:45:00",
            "区水利局",
            "21.小水电清理整改",
            "已完成",
            "全部完成。",
        ]);
    write_workbook(&dir.path().join("问卷星导出.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let current = |id: u32| -> Vec<(String, Status, Option<NaiveDate>)> {
        ledger
            .task(id)
            .unwrap()
            .current_reports()
            .map(|r| (r.unit.clone(), r.status, r.filed_on))
            .collect()
    };
    assert_eq!(
        current(21),
        [(
            "区水利局".to_string(),
            Status::Completed,
            Some(date(2020, 12, 4))
        )]
    );
    for id in [26, 55] {
        assert_eq!(units_on(&ledger, id), ["区水利局"], "task {id}");
    }
    assert_eq!(units_on(&ledger, 3), ["何埂镇"]);
    for id in [1, 2, 4] {
        assert!(units_on(&ledger, id).is_empty(), "task {id}");
    }
}

/// The warning for a row whose status cannot be told says why: the sheet has no status
/// column, or the unit left the cell empty. Before, both read "完成状态（空）无法识别",
/// about a cell that did not exist.
#[test]
fn an_unclear_status_warning_says_whether_the_column_is_missing_or_empty() {
    let messages = |header: &[&str], rows: &[Vec<String>]| -> Vec<String> {
        read_one("区水利局", header, rows)
            .problems
            .iter()
            .filter(|p| p.code == Code::StatusUnclear)
            .map(|p| p.message.clone())
            .collect()
    };
    let no_column = messages(
        &["序号", "具体举措", "整改进展情况"],
        // (按计划推进。 alone would say 正在推进: a text that gives no status.)
        &[row(&["21", &measure(21), "已召开专题会议研究。"])],
    );
    assert_eq!(no_column.len(), 1);
    assert!(
        no_column[0].starts_with("表中没有完成状态列"),
        "{no_column:?}"
    );
    let empty = messages(
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[row(&["21", &measure(21), "已召开专题会议研究。", ""])],
    );
    assert_eq!(empty.len(), 1);
    assert!(empty[0].starts_with("完成状态未填写"), "{empty:?}");
}

/// A unit that hides last month's rows and types this month's below them: each task's
/// visible row is its report and the hidden one is skipped (with one info naming the
/// rows); a task whose only row is hidden (a filter hides rows from view only) is still
/// read. Before, the hidden 正在推进 row was combined with the visible 已完成 one and the
/// task read 正在推进.
#[test]
fn a_hidden_row_yields_to_a_visible_row_of_the_same_task() {
    let unit = "区住房城乡建委";
    let rows = progress_rows(&[
        ("33", "规划编制中。", "正在推进"),
        ("33", "专项规划已批复印发。", "已完成"),
        ("37", "暂未启动。", "未启动"),
        ("37", "扩容工程已开工。", "正在推进"),
        ("38", "溢流问题已解决。", "已完成"),
    ]);
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    // Rows 3, 5 and 7 (0-based 2, 4, 6): the first row of 33 and 37, and 38's only row.
    let spec = sheet(unit, &header, &rows)
        .hide_row(2)
        .hide_row(4)
        .hide_row(6);
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join(format!("{unit}.xlsx")), &[spec]);
    let ledger = ledger_for(dir.path());
    let r33 = only_report(&ledger, 33);
    assert_eq!(r33.status, Status::Completed);
    assert_eq!(r33.progress, "专项规划已批复印发。");
    assert_eq!(r33.source.row, 4);
    let r37 = only_report(&ledger, 37);
    assert_eq!(r37.status, Status::InProgress);
    assert_eq!(r37.progress, "扩容工程已开工。");
    let r38 = only_report(&ledger, 38);
    assert_eq!(r38.status, Status::Completed);
    assert_eq!(r38.source.row, 7);
    let hidden: Vec<u32> = ledger
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::HiddenRow)
        .map(|s| s.row)
        .collect();
    assert_eq!(hidden, [3, 5]);
    let info: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.message.contains("已隐藏"))
        .collect();
    assert_eq!(info.len(), 2, "{info:?}");
    assert!(info[0].message.contains("第3、5行"), "{}", info[0].message);
    // The hidden row read (38's only row) is warned of: the unit may have hidden it to
    // drop it (adv50 a 5).
    assert_eq!(info[1].severity, Severity::Warning);
    assert_eq!(info[1].row, Some(7));
    assert!(
        info[1]
            .message
            .contains("已隐藏的1行（第38项）已按所填内容计入"),
        "{}",
        info[1].message
    );
    // Shown, the same rows are one report per task, combined as before.
    let shown = read_one(unit, &header, &rows);
    assert_eq!(only_report(&shown, 33).status, Status::InProgress);
}

/// A row the unit marked void (（此行作废）, 删除 in the note), hidden or not, is no
/// report: a skip entry, the task left unreported (adv50 a 5: （此行作废） read as 未启动
/// and quoted in 附件1).
#[test]
fn a_row_marked_void_is_no_report() {
    let ledger = read_one(
        "区河长办",
        &["序号", "具体举措", "整改进展情况", "完成状态", "备注"],
        &[
            row(&["25", &measure(25), "（此行作废）", "未启动", ""]),
            row(&["26", &measure(26), "已编制初稿。", "正在推进", "删除"]),
            row(&["55", &measure(55), "每月巡查。", "长期坚持", ""]),
            row(&["56", &measure(56), "作废单据已清理。", "已完成", ""]),
        ],
    );
    let void: Vec<u32> = ledger
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Void)
        .map(|s| s.row)
        .collect();
    assert_eq!(void, [3, 4]);
    // Each is warned of at its row (adv50 c 5: dropped with no problem listed).
    let warned: Vec<Option<u32>> = ledger
        .problems
        .iter()
        .filter(|p| p.message.contains("注明“作废”或“删除”"))
        .map(|p| p.row)
        .collect();
    assert_eq!(warned, [Some(3), Some(4)]);
    assert!(ledger.task(25).unwrap().current_reports().next().is_none());
    assert!(ledger.task(26).unwrap().current_reports().next().is_none());
    assert_eq!(only_report(&ledger, 55).status, Status::Ongoing);
    // A text that only mentions 作废 is a report.
    assert_eq!(only_report(&ledger, 56).status, Status::Completed);
}

/// Status columns headed 完成状况 or 办理状态 are read as the status; a 办理情况 column
/// beside 整改进展情况 holding status words is the status column. Before, the status was
/// dropped and the row read 待核实 with "表中没有完成状态列".
#[test]
fn other_status_headers_are_read() {
    for (header, word, status) in [
        ("完成状况", "已完成", Status::Completed),
        ("办理状态", "正在推进", Status::InProgress),
        ("办理情况", "长期坚持", Status::Ongoing),
    ] {
        let ledger = read_one(
            "区水利局",
            &["序号", "具体举措", "整改进展情况", header],
            &progress_rows(&[("21", "按计划推进相关工作。", word)]),
        );
        assert_eq!(only_report(&ledger, 21).status, status, "{header}");
        assert!(!raised(&ledger, Code::StatusUnclear), "{header}");
    }
}

/// A lead unit's consolidation grouped by unit, a heading row over each group and no
/// unit column (二、来苏镇 merged across the table; 双石镇： in the first column): each
/// group's rows are its unit's, reported through the lead. Before, every row was the
/// lead's: its three rows on task 30 were merged into one 未启动 and the towns stayed
/// unreported.
#[test]
fn a_unit_heading_row_starts_that_units_rows() {
    let lead = "区住房城乡建委";
    let mut spec = SheetSpec::new("汇总")
        .text_row(&["区住房城乡建委牵头任务进展情况汇总表"])
        .text_row(&[
            &format!("填报单位：{lead}"),
            "",
            "",
            "填报日期：2020年12月4日",
        ])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"]);
    let mut r = 3;
    for (heading, merged, rows) in [
        (
            "一、区住房城乡建委",
            true,
            [(30, "正在推进"), (33, "已完成")],
        ),
        ("二、来苏镇", true, [(30, "已完成"), (34, "长期坚持")]),
        ("双石镇：", false, [(30, "未启动"), (35, "正在推进")]),
    ] {
        spec = spec.text_row(&[heading]);
        if merged {
            spec = spec.merge(r, 0, r, 3);
        }
        r += 1;
        for (id, st) in rows {
            spec = spec.text_row(&[&id.to_string(), &measure(id), "按计划推进。", st]);
            r += 1;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("区住房城乡建委汇总.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let mut on_30: Vec<(String, Status, Option<String>)> = ledger
        .task(30)
        .unwrap()
        .current_reports()
        .map(|r| (r.unit.clone(), r.status, r.via.clone()))
        .collect();
    on_30.sort();
    assert_eq!(
        on_30,
        [
            (lead.to_string(), Status::InProgress, None),
            (
                "双石镇".to_string(),
                Status::NotStarted,
                Some(lead.to_string())
            ),
            (
                "来苏镇".to_string(),
                Status::Completed,
                Some(lead.to_string())
            ),
        ]
    );
    assert_eq!(units_on(&ledger, 34), ["来苏镇"]);
    assert_eq!(units_on(&ledger, 35), ["双石镇"]);
    let headings = ledger
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::UnitHeading)
        .count();
    assert_eq!(headings, 3);
    // A category heading naming no unit is still a category heading.
    let ledger = read_one(
        "区水利局",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["一、全面排查"]),
            row(&["21", &measure(21), "已完成整改。", "已完成"]),
        ],
    );
    assert!(ledger
        .skipped
        .iter()
        .any(|s| s.reason == SkipReason::CategoryHeading));
    assert_eq!(units_on(&ledger, 21), ["区水利局"]);
}

/// A category heading laid out inside the table as offices do: its number alone in the
/// 序号 cell and its name merged across the columns beside it (一 | 科学施策… over
/// 具体举措…完成时间), in a workbook and in a Word table. It is a heading, skipped with no
/// problem; before, the merged name filled the progress and date columns and the row
/// was an unplaced record with an error and two warnings.
#[test]
fn a_category_heading_merged_beside_its_number_is_a_heading() {
    use common::word::*;
    let check = |ledger: &rectify::model::Ledger| {
        let headings = ledger
            .skipped
            .iter()
            .filter(|s| s.reason == SkipReason::CategoryHeading)
            .count();
        assert_eq!(headings, 2, "{:?}", ledger.skipped);
        assert!(ledger.unplaced.is_empty(), "{:?}", ledger.unplaced);
        assert!(
            ledger.problems.iter().all(|p| p.row.is_none()),
            "{:?}",
            ledger.problems
        );
        assert_eq!(only_report(ledger, 8).status, Status::Completed);
        assert_eq!(only_report(ledger, 22).status, Status::Ongoing);
    };
    let header = ["序号", "具体举措", "进展情况", "完成状态", "完成时间"];
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：区农业农村委", "", "", "填报日期：2020年12月3日"])
        .text_row(&header)
        .text_row(&["一", "科学施策，有效降低农业农村污染"])
        .merge(2, 1, 2, 4)
        .text_row(&[
            "8",
            &measure(8),
            "规划已编制完成并印发。",
            "已完成",
            "2020年9月20日",
        ])
        .text_row(&["三", "综合治理，促进流域生态修复"])
        .merge(4, 1, 4, 4)
        .text_row(&[
            "22",
            &measure(22),
            "全区保留冬水田5.6万亩。",
            "长期坚持",
            "",
        ]);
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("区农业农村委.xlsx"), &[spec]);
    check(&ledger_for(dir.path()));

    let heading =
        |n: &str, name: &str| docx_rs::TableRow::new(vec![cell(&[n]), cell(&[name]).grid_span(4)]);
    let doc = docx_rs::Docx::new()
        .add_paragraph(para("填报单位：区农业农村委    填报日期：2020年12月3日"))
        .add_table(table(vec![
            text_row(&header),
            heading("一、", "科学施策，有效降低农业农村污染"),
            text_row(&[
                "8",
                &measure(8),
                "规划已编制完成并印发。",
                "已完成",
                "2020年9月20日",
            ]),
            heading("（三）", "综合治理，促进流域生态修复"),
            text_row(&[
                "22",
                &measure(22),
                "全区保留冬水田5.6万亩。",
                "长期坚持",
                "",
            ]),
        ]));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("区农业农村委.docx"), docx_bytes(doc)).unwrap();
    check(&ledger_for(dir.path()));
}

/// A lead unit's consolidation listing partners that sent it nothing (未报送, （未反馈）,
/// 暂未收到该镇材料。 with no status): those partners have not reported, and are still
/// owed. Before, each was a 待核实 report, counted as reported.
#[test]
fn a_partner_marked_not_reported_has_not_reported() {
    let ledger = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "责任单位", "整改进展情况", "完成状态"],
        &[
            row(&["34", &measure(34), "来苏镇", "开展巡查12次。", "长期坚持"]),
            row(&["", "", "双石镇", "未报送", ""]),
            row(&["", "", "仙龙镇", "（未反馈）", ""]),
            row(&["", "", "红炉镇", "暂未收到该镇材料。", ""]),
            // As of a day, in the progress and the status both.
            row(&["", "", "宝峰镇", "截至12月3日未报送进展情况", "未报送"]),
            row(&["", "", "吉安镇", "截至目前，尚未报送材料", ""]),
        ],
    );
    assert_eq!(units_on(&ledger, 34), ["来苏镇"]);
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
    let unfilled = ledger
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Unfilled)
        .count();
    assert_eq!(unfilled, 5);
}

/// Last month's table pasted under this month's, below 附：11月报送情况（供参考）: the
/// rest of the sheet is reference, skipped with one info. Before, its rows were read
/// as this month's: 21 and 26 fell from 已完成 to 正在推进, and task 20 got a report.
#[test]
fn a_reference_block_below_the_table_is_not_read() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let mut rows = progress_rows(&[
        ("21", "28座全部完成。", "已完成"),
        ("26", "规划已印发。", "已完成"),
    ]);
    rows.push(row(&[]));
    rows.push(row(&["附：11月报送情况（供参考）"]));
    rows.push(row(&header));
    rows.extend(progress_rows(&[
        ("21", "剩余2座整改中。", "正在推进"),
        ("26", "初稿编制中。", "正在推进"),
        ("20", "积极争取纳入规划。", "正在推进"),
    ]));
    let ledger = read_one("区水利局", &header, &rows);
    assert_eq!(only_report(&ledger, 21).status, Status::Completed);
    assert_eq!(only_report(&ledger, 26).progress, "规划已印发。");
    assert!(ledger.task(20).unwrap().current_reports().next().is_none());
    let reference = ledger
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Reference)
        .count();
    assert_eq!(reference, 5);
    assert!(ledger
        .problems
        .iter()
        .any(|p| p.message.contains("作参考资料，未读取（5行）")));
}

/// A template sent with 正在推进 filled in on every row, the unit's answer written in
/// 备注 (已于2020年9月28日全部完成): the report counts as 待核实, with why. Before, it
/// was a plain 正在推进.
#[test]
fn a_note_saying_done_beside_in_progress_is_doubted() {
    let ledger = read_one(
        "区水利局",
        &["序号", "具体举措", "整改进展情况", "完成状态", "备注"],
        &[
            row(&[
                "21",
                &measure(21),
                "小水电清理整改。",
                "正在推进",
                "已于2020年9月28日全部完成",
            ]),
            row(&[
                "20",
                &measure(20),
                "争取纳入规划。",
                "正在推进",
                "待上级批复",
            ]),
        ],
    );
    let r21 = only_report(&ledger, 21);
    assert!(
        r21.doubt.as_deref().is_some_and(|d| d.contains("备注写明")),
        "{r21:?}"
    );
    assert_eq!(ledger.task(21).unwrap().status, Status::Unclear);
    assert!(only_report(&ledger, 20).doubt.is_none());
}

/// 同上 in a consolidation's 填报单位 column is the unit named above it (adv49 a7: the
/// row was lost as a unit not in the directory, with advice to add 同上 to it).
#[test]
fn ditto_in_the_unit_column_is_the_unit_above() {
    let spec = SheetSpec::new("汇总")
        .text_row(&[
            "填报单位：区住房城乡建委",
            "",
            "",
            "填报日期：2020年12月4日",
        ])
        .text_row(&["填报单位", "序号", "具体举措", "整改进展情况", "完成状态"])
        .text_row(&[
            "区住房城乡建委",
            "30",
            &measure(30),
            "建立排水信息清单。",
            "已完成",
        ])
        .text_row(&[
            "区住房城乡建委",
            "35",
            &measure(35),
            "摸排管网。",
            "正在推进",
        ])
        .text_row(&[
            "来苏镇",
            "30",
            &measure(30),
            "完成管网排查12公里。",
            "已完成",
        ])
        .text_row(&["同上", "35", &measure(35), "修复2处。", "正在推进"])
        .text_row(&[
            "宝峰镇",
            "30",
            &measure(30),
            "完成管网排查14公里。",
            "已完成",
        ]);
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("区住房城乡建委汇总.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let r = reports_of(&ledger, 35, "来苏镇");
    assert_eq!(r.len(), 1, "{:#?}", ledger.task(35).unwrap().reports);
    assert_eq!(r[0].progress, "修复2处。");
    assert!(
        !raised(&ledger, Code::UnitUnknown),
        "{:#?}",
        ledger.problems
    );
}

/// Ditto marks (同上, 〃) in the status or progress cell say what the row above says.
/// Before, each was a 待核实 with the progress 同上. Progress copied from another
/// task's row is read with a note (adv43 b17: it was silent).
#[test]
fn ditto_marks_repeat_the_row_above() {
    let ledger = read_one(
        "来苏镇",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["1", &measure(1), "已建成尾水处理设施3处。", "已完成"]),
            row(&["4", &measure(4), "同上", "〃"]),
            row(&["24", &measure(24), "本镇无拦河养鱼。", "不涉及"]),
            row(&["27", &measure(27), "本镇无开垦种植。", "同上"]),
        ],
    );
    // Task 1's account is not task 4's (their measures differ): the words are not
    // copied, and the unit is asked for task 4's (adv46 b in-text: 海绵城市规划's words
    // were quoted for 阳台违规改造巡查). Nor is the row's 〃 status, which came with
    // them: 待核实, said once (adv49 a8: task 4 was counted 已完成 with no words of its
    // own while its 同上 progress was refused).
    let r4 = only_report(&ledger, 4);
    assert_eq!((r4.status, r4.progress.as_str()), (Status::Unclear, ""));
    assert!(said(
        &ledger,
        Code::ReadNote,
        "第4项的进展和完成状态均填写“同上”，但上一行是第1项，两项举措不同，未按上一行读取，本项记为“待核实”"
    ));
    // Progress refused, status written: the status stands.
    let own_status = read_one(
        "来苏镇",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["1", &measure(1), "已建成尾水处理设施3处。", "已完成"]),
            row(&["4", &measure(4), "同上", "长期坚持"]),
            row(&["5", &measure(5), "已完成排灌体系建设。", "已完成"]),
            row(&["11", &measure(11), "同上一项", "同上一项"]),
        ],
    );
    assert_eq!(only_report(&own_status, 4).status, Status::Ongoing);
    assert!(said(
        &own_status,
        Code::ReadNote,
        "第4项的进展填写“同上”，但上一行是第1项，两项举措不同，未按上一行的进展读取"
    ));
    // 同上一项 is a ditto mark too.
    let r11 = only_report(&own_status, 11);
    assert!(
        r11.status == Status::Unclear && r11.status_text.is_empty(),
        "{r11:?}"
    );
    assert!(said(
        &own_status,
        Code::ReadNote,
        "第11项的进展和完成状态均填写“同上一项”"
    ));
    // The row above with no words to copy (详见附件1, taken out as a pointer) on another
    // task: its 已完成 is not this task's either (adv52 a2: task 44 was counted 已完成
    // from task 43's row, silently).
    let pointer_above = read_one(
        "永荣镇",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["43", &measure(43), "详见附件1", "已完成"]),
            row(&["44", &measure(44), "同上。", "同上"]),
        ],
    );
    let r44 = only_report(&pointer_above, 44);
    assert_eq!((r44.status, r44.progress.as_str()), (Status::Unclear, ""));
    assert!(said(
        &pointer_above,
        Code::ReadNote,
        "第44项的进展和完成状态均填写“同上。”，但上一行是第43项，两项举措不同"
    ));
    let r27 = only_report(&ledger, 27);
    assert_eq!(
        (r27.status, r27.progress.as_str()),
        (Status::NotApplicable, "本镇无开垦种植。")
    );
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
    assert!(!said(&ledger, Code::ReadNote, "第27项的进展"));
    // Another task's account copied word for word, the two measures alike (双石 and
    // 石庙's overflow), is read, with a note: worth a look.
    let ledger = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["37", &measure(37), "已查明溢流原因并完成整改。", "已完成"]),
            row(&["38", &measure(38), "同上", "已完成"]),
        ],
    );
    assert_eq!(
        only_report(&ledger, 38).progress,
        "已查明溢流原因并完成整改。"
    );
    assert!(said(
        &ledger,
        Code::ReadNote,
        "第38项的进展填写“同上”，已按上一行（第37项）的进展读取"
    ));
}

/// Items numbered 21.1, 21.2 under task 21's row (left blank, or filled) are parts of
/// task 21: one report, the least advanced status, both texts. Before, each was
/// refused as an unknown number and task 21 had no report.
#[test]
fn decimal_items_under_a_task_are_parts_of_it() {
    let ledger = read_one(
        "区水利局",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["21", &measure(21), "", ""]),
            row(&["21.1", "小水电站退出", "退出类12座已完成。", "已完成"]),
            row(&["21.2", "小水电站整改", "整改类16座剩余2座。", "正在推进"]),
            row(&["24", &measure(24), "拦河设施已拆除。", "已完成"]),
            row(&["1.2", "小水电站整改", "另一行。", "正在推进"]),
        ],
    );
    let r21 = only_report(&ledger, 21);
    assert_eq!(r21.status, Status::InProgress);
    assert_eq!(r21.progress, "退出类12座已完成。\n整改类16座剩余2座。");
    assert_eq!(only_report(&ledger, 24).status, Status::Completed);
    // An item number not under its task is not guessed.
    assert!(ledger.task(1).unwrap().current_reports().next().is_none());
    assert_eq!(ledger.unplaced.len(), 1);
}

/// Parts of a task (30-1, 30-2, 30-3), one done, one under way, one not started: the
/// task has started and is 正在推进, not 未启动 (adv50 a 2: the report listed it among the
/// tasks not started while quoting the work done). All parts not started stay 未启动.
#[test]
fn a_part_not_started_beside_parts_under_way_is_work_under_way() {
    let ledger = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["30", &measure(30), "", ""]),
            row(&[
                "30-1",
                "建立全区排水信息清单",
                "已录入排水户2146户。",
                "已完成",
            ]),
            row(&[
                "30-2",
                "强化乡镇污水管网排查",
                "已完成18个镇街排查。",
                "正在推进",
            ]),
            row(&["30-3", "分类制定整改方案", "待排查完成后制定。", "未启动"]),
            row(&["31", &measure(31), "", ""]),
            row(&["31-1", "第一部分", "尚未开展。", "未启动"]),
            row(&["31-2", "第二部分", "暂未开展。", "未启动"]),
            // A part with no status beside a part done (adv50 c 3: counted 已完成).
            row(&["34", &measure(34), "", ""]),
            row(&["34-1", "第一部分", "排查阳台354户。", "已完成"]),
            row(&["34-2", "第二部分", "相关工作", ""]),
        ],
    );
    assert_eq!(only_report(&ledger, 34).status, Status::Unclear);
    assert!(said(&ledger, Code::Duplicate, "完成状态计为“待核实”"));
    let r30 = only_report(&ledger, 30);
    assert_eq!(r30.status, Status::InProgress);
    assert_eq!(r30.status_text, "已完成、正在推进、未启动");
    assert!(said(&ledger, Code::Duplicate, "完成状态计为“正在推进”"));
    assert_eq!(only_report(&ledger, 31).status, Status::NotStarted);
}

/// Parts numbered （1）（2）, ①②, 1 2 under a task's row left blank are that task's parts,
/// each with its name, words and status, not reports on tasks 1 and 2 (adv50 c 1:
/// 拦河养鱼's （1）开展自查 was task 1's, and task 24 未报送). A task's row left blank
/// followed by the next task's number is two tasks, as before.
#[test]
fn parts_numbered_under_a_blank_task_row_are_its_parts() {
    let ledger = read_one(
        "区水利局",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["21", &measure(21), "", ""]),
            row(&["①", "退出类电站", "9座退出类电站已全部拆除。", "已完成"]),
            row(&["②", "整改类电站", "18座整改类电站已完成12座。", "正在推进"]),
            row(&["24", &measure(24), "", ""]),
            row(&["（1）", "开展自查", "排查出拦河养鱼设施14处。", "已完成"]),
            row(&[
                "（2）",
                "拆除设施",
                "已拆除10处，剩余4处正在拆除。",
                "正在推进",
            ]),
            row(&["25", &measure(25), "", ""]),
            row(&["26", &measure(26), "规划初稿已完成。", "正在推进"]),
        ],
    );
    for id in [1, 2] {
        assert!(ledger.task(id).unwrap().reports.is_empty(), "task {id}");
    }
    let r21 = only_report(&ledger, 21);
    assert_eq!(r21.status, Status::InProgress);
    assert!(
        r21.progress.starts_with("退出类电站：9座"),
        "{}",
        r21.progress
    );
    let r24 = only_report(&ledger, 24);
    assert_eq!(r24.status, Status::InProgress);
    assert_eq!(
        r24.progress,
        "开展自查：排查出拦河养鱼设施14处。\n拆除设施：已拆除10处，剩余4处正在拆除。"
    );
    assert!(
        !raised(&ledger, Code::TaskTextMismatch),
        "{:#?}",
        ledger.problems
    );
    assert!(ledger.task(25).unwrap().reports.is_empty());
    assert_eq!(only_report(&ledger, 26).status, Status::InProgress);
}

/// Status codes keyed in the header (完成状态（1.已完成 2.正在推进 3.未启动 4.长期坚持）)
/// read as the words they stand for. Before, every row was 待核实.
#[test]
fn status_codes_read_by_the_headers_key() {
    let ledger = read_one(
        "区水利局",
        &[
            "序号",
            "具体举措",
            "整改进展情况",
            "完成状态（1.已完成 2.正在推进 3.未启动 4.长期坚持）",
        ],
        &progress_rows(&[
            ("21", "28座全部完成。", "1"),
            ("26", "初稿编制中。", "2"),
            ("53", "制度起草中。", "3"),
            ("55", "常态化巡查。", "4"),
            ("23", "河堰修复推进中。", "5"),
        ]),
    );
    assert_eq!(only_report(&ledger, 21).status, Status::Completed);
    assert_eq!(only_report(&ledger, 26).status, Status::InProgress);
    assert_eq!(only_report(&ledger, 53).status, Status::NotStarted);
    assert_eq!(only_report(&ledger, 55).status, Status::Ongoing);
    // A code the key does not give stays 待核实.
    assert_eq!(only_report(&ledger, 23).status, Status::Unclear);
}

/// Two returns of one unit with no 填报日期, dated only by their file names (区水利局
/// （12.3）, 区水利局（12.4修改）): the later one stands, with an info saying where the
/// date came from. Before, neither was dated and the two were a conflict.
#[test]
fn a_date_in_the_file_name_dates_an_undated_return() {
    let dir = tempfile::tempdir().unwrap();
    for (name, status) in [
        ("区水利局（12.3）", "正在推进"),
        ("区水利局（12.4修改）", "已完成"),
        ("区财政局v1.2", "已完成"),
    ] {
        let unit = name.split(['（', 'v']).next().unwrap();
        let id = if unit == "区水利局" { 21 } else { 58 };
        let spec = SheetSpec::new("Sheet1")
            .text_row(&[&format!("填报单位：{unit}")])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&[&id.to_string(), &measure(id), "按计划推进。", status]);
        write_workbook(&dir.path().join(format!("{name}.xlsx")), &[spec]);
    }
    let ledger = ledger_for(dir.path());
    let r21 = only_report(&ledger, 21);
    assert_eq!(
        (r21.status, r21.filed_on),
        (Status::Completed, Some(date(2020, 12, 4)))
    );
    assert!(!raised(&ledger, Code::Conflict));
    // A version number is no date.
    assert_eq!(only_report(&ledger, 58).filed_on, None);
    assert!(ledger
        .problems
        .iter()
        .any(|p| p.message.contains("按文件名中的日期（2020年12月4日）计")));

    // The round's month before the day in one name: the day (before, 12月 gave 12月1日).
    let dir = tempfile::tempdir().unwrap();
    for (name, day) in [
        (
            "区水利局11月份整改进展情况（2020.11.30报）",
            date(2020, 11, 30),
        ),
        (
            "区水利局12月整改进展情况（2020年12月3日）",
            date(2020, 12, 3),
        ),
        ("区财政局12月进展", date(2020, 12, 1)),
    ] {
        let unit = &name[..name.find("局").unwrap() + "局".len()];
        let id = if unit == "区水利局" { 21 } else { 58 };
        let spec = SheetSpec::new("Sheet1")
            .text_row(&[&format!("填报单位：{unit}")])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&[&id.to_string(), &measure(id), name, "正在推进"]);
        write_workbook(&dir.path().join(format!("{name}.xlsx")), &[spec]);
        let ledger = ledger_for(dir.path());
        let filed = reports_of(&ledger, id, unit)
            .into_iter()
            .find(|r| r.progress == name)
            .unwrap()
            .filed_on;
        assert_eq!(filed, Some(day), "{name}");
    }
}

/// An undated return whose name gives a month alone (来苏镇12月份整改进展) was filed some
/// day of that month: a completion within the month is no completion after filing
/// (adv50 a 6: 完成时间“2020年12月3日”晚于填报日期2020年12月1日, twice), and the clerk is
/// told the month, not a day the name never gave.
#[test]
fn a_month_in_the_file_name_dates_a_return_by_its_month() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：来苏镇"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"])
        .text_row(&[
            "27",
            &measure(27),
            "已清理开垦点位5处。",
            "已完成",
            "2020年12月3日",
        ])
        .text_row(&[
            "28",
            &measure(28),
            "已补植复绿。",
            "已完成",
            "2020年12月6日",
        ]);
    write_workbook(&dir.path().join("来苏镇12月份整改进展.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert!(
        said(
            &ledger,
            Code::FilingDateMissing,
            "按文件名中的月份（2020年12月）计"
        ),
        "{:#?}",
        ledger.problems
    );
    assert!(
        !raised(&ledger, Code::CompletedAfterFiling),
        "{:#?}",
        ledger.problems
    );
    let r = only_report(&ledger, 27);
    assert_eq!((r.status, r.doubt.as_deref()), (Status::Completed, None));
    assert_eq!(r.filed_on, Some(date(2020, 12, 1)));
    assert_eq!(only_report(&ledger, 28).status, Status::Completed);
}

/// Undated returns of one unit whose names give the date another way: four digits of
/// month and day (区水利局进展1130 / 1203), the folder of the round (11月份/, 12月份/
/// holding files of the same name) or the bundle they came in (区财政局（12月3日报送）.zip):
/// the later one stands and no conflict is raised. Before, each pair was undated and a
/// conflict, and the earlier status could be shown.
#[test]
fn a_date_in_a_compact_name_a_folder_or_a_bundle_dates_an_undated_return() {
    let spec = |unit: &str, id: u32, status: &str| {
        SheetSpec::new("Sheet1")
            .text_row(&[&format!("填报单位：{unit}")])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&[&id.to_string(), &measure(id), status, status])
    };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_workbook(
        &root.join("区水利局进展1130.xlsx"),
        &[spec("区水利局", 21, "正在推进")],
    );
    write_workbook(
        &root.join("区水利局进展1203.xlsx"),
        &[spec("区水利局", 21, "已完成")],
    );
    for (folder, status) in [("11月份", "正在推进"), ("12月份", "已完成")] {
        std::fs::create_dir(root.join(folder)).unwrap();
        write_workbook(
            &root.join(folder).join("区司法局.xlsx"),
            &[spec("区司法局", 61, status)],
        );
    }
    let scratch = tempfile::tempdir().unwrap();
    for (bundle, status) in [
        ("区财政局（11月30日报送）", "正在推进"),
        ("区财政局（12月3日报送）", "已完成"),
    ] {
        let sheet = scratch.path().join(format!("{bundle}.xlsx"));
        write_workbook(&sheet, &[spec("区财政局", 58, status)]);
        let bytes = std::fs::read(&sheet).unwrap();
        let zip = common::word::zip_raw(&[(b"progress.xlsx".to_vec(), bytes)]);
        std::fs::write(root.join(format!("{bundle}.zip")), zip).unwrap();
    }
    let ledger = ledger_for(root);
    for (id, day) in [
        (21, date(2020, 12, 3)),
        (61, date(2020, 12, 1)),
        (58, date(2020, 12, 3)),
    ] {
        let r = only_report(&ledger, id);
        assert_eq!(
            (r.status, r.filed_on),
            (Status::Completed, Some(day)),
            "task {id}"
        );
    }
    assert!(!raised(&ledger, Code::Conflict), "{:#?}", ledger.problems);
    // The clerk is told where each date came from.
    for words in [
        "按“12月份”中的月份（2020年12月）计",
        "按文件名中的日期（2020年12月3日）计",
    ] {
        assert!(said(&ledger, Code::FilingDateMissing, words), "{words}");
    }
}

/// A return filed as 三教 (the place), which the directory reads as 三教镇, whose tasks
/// are all 三教产业促进中心's: its rows are the centre's, with a warning, and the file
/// is listed as the centre's. A 三教 return on the town's own tasks, or on tasks of
/// both, stays the town's. Before, 16 and 17 were the town's (not counted) and the
/// centre stayed 未报送.
#[test]
fn a_place_name_return_goes_to_the_unit_of_that_place_owning_its_tasks() {
    let dir = tempfile::tempdir().unwrap();
    for (file, ids) in [
        ("三教", &[16, 17][..]),
        ("三教镇进展", &[1]),
        ("三教汇总", &[1, 16]),
    ] {
        let rows: Vec<Vec<String>> = ids
            .iter()
            .map(|id| row(&[&id.to_string(), &measure(*id), "已按计划完成。", "已完成"]))
            .collect();
        write_workbook(
            &dir.path().join(format!("{file}.xlsx")),
            &[sheet(
                "三教",
                &["序号", "具体举措", "整改进展情况", "完成状态"],
                &rows,
            )],
        );
    }
    let ledger = ledger_for(dir.path());
    let units_of = |file: &str| -> Vec<String> {
        let mut u: Vec<String> = ledger
            .tasks
            .iter()
            .flat_map(|t| t.reports.iter())
            .filter(|r| r.source.file == format!("{file}.xlsx"))
            .map(|r| r.unit.clone())
            .collect();
        u.dedup();
        u
    };
    assert_eq!(units_of("三教"), ["三教产业促进中心"]);
    assert_eq!(units_of("三教镇进展"), ["三教镇"]);
    assert_eq!(units_of("三教汇总"), ["三教镇"]);
    assert_eq!(
        reports_of(&ledger, 16, "三教产业促进中心")[0].status,
        Status::Completed
    );
    let file = |name: &str| ledger.files.iter().find(|f| f.file == name).unwrap();
    assert_eq!(file("三教.xlsx").unit.as_deref(), Some("三教产业促进中心"));
    assert_eq!(file("三教汇总.xlsx").unit.as_deref(), Some("三教镇"));
    let moved: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::UnitAmbiguous)
        .collect();
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert_eq!(moved[0].file, "三教.xlsx");
    assert!(moved[0].message.contains("已计入三教产业促进中心"));
    // The mixed return keeps the town, and its row on 16 is not counted.
    assert!(ledger
        .problems
        .iter()
        .any(|p| p.code == Code::Unassigned && p.file == "三教汇总.xlsx"));
}

/// A column whose header the tool does not know (督导组意见) is never dropped: a
/// report's text there is kept in its note under the header, with one info for the
/// sheet; a row with text only there reports nothing. 具体工作措施及成效 is the
/// progress. Before, both columns' text vanished.
#[test]
fn an_unknown_column_is_kept_in_the_note() {
    let header = [
        "序号",
        "具体举措",
        "具体工作措施及成效",
        "完成状态",
        "督导组意见",
    ];
    let rows = vec![
        row(&[
            "21",
            &measure(21),
            "28座电站全部完成整改。",
            "已完成",
            "已现场核查",
        ]),
        row(&["26", &measure(26), "规划送审中。", "正在推进", ""]),
        row(&["55", &measure(55), "", "", "请尽快报送"]),
    ];
    let ledger = read_one("区水利局", &header, &rows);
    let r21 = only_report(&ledger, 21);
    assert_eq!(r21.progress, "28座电站全部完成整改。");
    assert_eq!(r21.note, "督导组意见：已现场核查");
    assert_eq!(only_report(&ledger, 26).note, "");
    assert_eq!(ledger.task(55).unwrap().current_reports().count(), 0);
    let infos: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::ColumnUnknown)
        .collect();
    assert_eq!(infos.len(), 1, "{infos:?}");
    assert!(
        infos[0].message.contains("“督导组意见”"),
        "{}",
        infos[0].message
    );
}

/// The months in a two-row header's upper row, merged over each month's 进展情况 |
/// 完成状态, and 截至 headers (截至11月底工作进展 | 截至12月4日工作进展): the latest
/// month's columns are read, the earlier month's kept in the note under its full
/// header. Before, the first (November) status decided and both texts were joined.
#[test]
fn months_in_the_upper_header_row_and_up_to_dates_pick_the_latest() {
    let dir = tempfile::tempdir().unwrap();
    let mut spec = SheetSpec::new("进展情况")
        .text_row(&["填报单位：区水利局", "", "", "填报日期：2020年12月4日"])
        .text_row(&["序号", "具体举措", "11月份", "", "12月份", ""])
        .text_row(&["", "", "进展情况", "完成状态", "进展情况", "完成状态"])
        .merge(1, 0, 2, 0)
        .merge(1, 1, 2, 1)
        .merge(1, 2, 1, 3)
        .merge(1, 4, 1, 5);
    for (id, nov, nov_st, dec, dec_st) in [
        (
            21,
            "剩余2座正在拆除。",
            "正在推进",
            "28座全部完成整改。",
            "已完成",
        ),
        (26, "初稿编制中。", "正在推进", "规划已印发。", "已完成"),
    ] {
        spec = spec.text_row(&[&id.to_string(), &measure(id), nov, nov_st, dec, dec_st]);
    }
    write_workbook(&dir.path().join("区水利局.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let r21 = only_report(&ledger, 21);
    assert_eq!(r21.status, Status::Completed);
    assert_eq!(r21.progress, "28座全部完成整改。");
    assert_eq!(
        r21.note,
        "11月份进展情况：剩余2座正在拆除。\n11月份完成状态：正在推进"
    );
    assert_eq!(only_report(&ledger, 26).status, Status::Completed);

    let header = [
        "序号",
        "具体举措",
        "截至11月底工作进展",
        "截至12月4日工作进展",
        "完成状态",
    ];
    let rows = vec![row(&[
        "33",
        &measure(33),
        "规划送审中。",
        "规划已印发实施。",
        "已完成",
    ])];
    let ledger = read_one("区住房城乡建委", &header, &rows);
    let r33 = only_report(&ledger, 33);
    assert_eq!(r33.progress, "规划已印发实施。");
    assert_eq!(r33.note, "截至11月底工作进展：规划送审中。");
}

/// A lead unit's consolidation whose unit column says 来苏镇等12个镇街 or 其余镇街: a
/// line on a group of units, the lead's own, never 来苏镇's report alone nor an unknown
/// unit. A row naming one town stays that town's. Before, 来苏镇 got 已完成 for twelve
/// towns and 其余镇街 was refused.
#[test]
fn a_unit_and_others_in_the_unit_column_is_the_senders_line() {
    for unit_header in ["单位", "责任单位"] {
        let header = ["序号", "具体举措", unit_header, "整改进展情况", "完成状态"];
        a_unit_and_others(&header);
    }
}

fn a_unit_and_others(header: &[&str]) {
    let rows = vec![
        row(&[
            "34",
            &measure(34),
            "区住房城乡建委",
            "开展巡查。",
            "正在推进",
        ]),
        row(&[
            "34",
            &measure(34),
            "来苏镇等12个镇街",
            "已完成阳台排污排查。",
            "已完成",
        ]),
        row(&["34", &measure(34), "其余镇街", "正在排查。", "正在推进"]),
        row(&["34", &measure(34), "双石镇", "巡查8次。", "长期坚持"]),
    ];
    let ledger = read_one("区住房城乡建委", header, &rows);
    assert!(reports_of(&ledger, 34, "来苏镇").is_empty());
    let town = reports_of(&ledger, 34, "双石镇");
    assert_eq!(town.len(), 1);
    assert_eq!(town[0].via.as_deref(), Some("区住房城乡建委"));
    let own: Vec<_> = ledger
        .task(34)
        .unwrap()
        .current_reports()
        .filter(|r| r.unit == "区住房城乡建委")
        .collect();
    assert_eq!(own.len(), 1);
    assert!(
        own[0].progress.contains("已完成阳台排污排查。"),
        "{}",
        own[0].progress
    );
    assert!(!raised(&ledger, Code::UnitUnknown));
}

/// A lead unit's consolidation with a line for the rest of a group under its own row
/// (其余镇街｜不涉及, 其他镇街｜均无此项工作): the line is part of the lead's text, in the
/// group's name, and its 不涉及 is the group's answer, not the lead's. Before, the
/// lead's text read “已出台餐厨垃圾管理办法\n不涉及”, and the lead, the task's only
/// decider, was doubted for answering 不涉及 on its own task. A group line that reports
/// work keeps the group's name too.
#[test]
fn a_group_line_under_the_leads_row_speaks_in_the_groups_name() {
    let lead = "区城市管理局";
    let header = ["序号", "具体举措", "单位", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&[
            "43",
            &measure(43),
            lead,
            "已出台餐厨垃圾管理办法。",
            "已完成",
        ]),
        row(&["", "", "中山路街道", "建立清运台账。", "已完成"]),
        row(&["", "", "其余镇街", "不涉及", "不涉及"]),
        row(&["28", &measure(28), lead, "已印发考核办法。", "已完成"]),
        row(&["", "", "其他镇街", "均无此项工作", ""]),
        row(&["34", &measure(34), lead, "开展巡查。", "正在推进"]),
        row(&["", "", "来苏镇等12个镇街", "已完成阳台排污排查。", "已完成"]),
    ];
    let ledger = read_one(lead, &header, &rows);
    let own = |id: u32| -> Vec<rectify::model::UnitReport> {
        ledger
            .task(id)
            .unwrap()
            .current_reports()
            .filter(|r| r.unit == lead)
            .cloned()
            .collect()
    };
    let t43 = own(43);
    assert_eq!(t43.len(), 1, "{t43:#?}");
    assert_eq!(t43[0].status, Status::Completed);
    assert_eq!(
        t43[0].progress,
        "已出台餐厨垃圾管理办法。\n其余镇街：不涉及"
    );
    let t28 = own(28);
    assert_eq!(t28.len(), 1, "{t28:#?}");
    assert_eq!(t28[0].progress, "已印发考核办法。\n其他镇街：均无此项工作");
    assert_eq!(ledger.task(43).unwrap().status, Status::Completed);
    assert!(
        ledger
            .task(34)
            .unwrap()
            .reports
            .iter()
            .any(|r| r.unit == lead
                && r.progress
                    .contains("来苏镇等12个镇街：已完成阳台排污排查。")),
        "{:#?}",
        ledger.task(34).unwrap().reports
    );
    assert!(
        !ledger.problems.iter().any(|p| matches!(
            p.code,
            Code::StatusContradicted | Code::Duplicate
        ) && p.row.is_some_and(|r| r < 8)),
        "{:#?}",
        ledger.problems
    );
    let folded = ledger
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Continuation)
        .count();
    assert_eq!(folded, 2, "{:#?}", ledger.skipped);
}

/// 已完成 with a completion month, or part of one, that holds the day the return was
/// filed (2020年12月, 12月上旬, filed on 12月4日) is done by that day: not on the 31st,
/// after the round's date, as 正在推进. The plan's deadline copied under 完成时间
/// (2020年12月底完成,并长期坚持) is no completion date. A completion month after the
/// filing month stays as written. Before, tasks 30 and 32 read 正在推进, one of them red.
#[test]
fn a_completion_month_that_holds_the_filing_day_is_done_by_it() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("进展情况")
        .text_row(&[
            "填报单位：区住房城乡建委",
            "",
            "",
            "",
            "填报日期：2020年12月4日",
        ])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"])
        .row(vec![
            s("30"),
            s(&measure(30)),
            s("已完成改造。"),
            s("已完成"),
            s("2020年12月"),
        ])
        .row(vec![
            s("32"),
            s(&measure(32)),
            s("已完成清掏。"),
            s("已完成"),
            s("12月上旬"),
        ])
        .row(vec![
            s("35"),
            s(&measure(35)),
            s("已完成修复。"),
            s("已完成"),
            s("2020年12月底完成,并长期坚持"),
        ])
        .row(vec![
            s("33"),
            s(&measure(33)),
            s("已完成建设。"),
            s("已完成"),
            s("2021年1月"),
        ]);
    write_workbook(&dir.path().join("区住房城乡建委.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let filed = NaiveDate::from_ymd_opt(2020, 12, 4);
    for id in [30, 32] {
        let r = only_report(&ledger, id);
        assert_eq!(r.completed_on, filed, "task {id}");
        assert_eq!(
            r.counted_status(ledger.as_of),
            Status::Completed,
            "task {id}"
        );
    }
    assert_eq!(only_report(&ledger, 35).completed_on, None);
    assert_eq!(
        only_report(&ledger, 33).completed_on,
        NaiveDate::from_ymd_opt(2021, 1, 31)
    );
    // 已完成 in a month after the filing day and the round's date: to verify, the
    // message quoting what the unit wrote, not the day it was read as.
    assert_eq!(
        only_report(&ledger, 33).counted_status(ledger.as_of),
        Status::Unclear
    );
    let late: Vec<u32> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::StatusContradicted)
        .filter_map(|p| p.row)
        .collect();
    assert_eq!(late, vec![6], "{:#?}", ledger.problems);
    assert!(ledger
        .problems
        .iter()
        .any(|p| p.code == Code::StatusContradicted && p.message.contains("“2021年1月”")));
}

/// A lead unit's consolidation of its towns whose unit column is headed 镇街 or 责任镇街:
/// the towns' rows are theirs, on the task above, and a town still at work keeps the
/// lead's 已完成 from closing the task. Before, the column was unknown, the town rows
/// unmatched, and task 5 read 已完成. 办结情况 is a status column (已办结).
#[test]
fn a_towns_column_headed_镇街_names_each_rows_unit() {
    let lead = "区农业农村委";
    let task = plan()
        .tasks
        .into_iter()
        .find(|t| t.lead.units == [lead] && t.responsible.units.len() >= 3)
        .expect("a task 区农业农村委 leads with towns responsible");
    let towns = &task.responsible.units[..2];
    let id = task.id.to_string();
    for unit_header in ["镇街", "责任镇街"] {
        let header = ["序号", "具体举措", unit_header, "整改进展情况", "完成状态"];
        let rows = vec![
            row(&[&id, &task.measure, lead, "印发实施方案。", "已完成"]),
            row(&["", "", &towns[0], "完成改造120亩。", "已完成"]),
            row(&["", "", &towns[1], "整修2公里，剩余1公里。", "正在推进"]),
        ];
        let ledger = read_one(lead, &header, &rows);
        assert!(
            ledger.unplaced.is_empty(),
            "{unit_header}: {:#?}",
            ledger.unplaced
        );
        let r = reports_of(&ledger, task.id, &towns[1]);
        assert_eq!(r.len(), 1, "{unit_header}");
        assert_eq!(r[0].status, Status::InProgress);
        assert_eq!(r[0].via.as_deref(), Some(lead));
        assert_ne!(
            ledger.task(task.id).unwrap().status,
            Status::Completed,
            "{unit_header}"
        );
        assert!(!raised(&ledger, Code::ColumnUnknown), "{unit_header}");
    }
    let header = ["序号", "整改任务", "办理情况", "办结情况"];
    let t60 = plan().task(60).unwrap().clone();
    let unit = &t60.deciders()[0];
    let ledger = read_one(
        unit,
        &header,
        &[row(&[
            "60",
            &t60.measure,
            "已出台引导社会资本参与办法。",
            "已办结",
        ])],
    );
    assert_eq!(only_report(&ledger, 60).status, Status::Completed);
}

/// A first task row without a 序号 whose cells are short (巡查监测信息公开 | 已完成 |
/// 已完成) is data: 已完成 under 整改进展情况 and 完成状态 is the row's answer, not the
/// header of a tick column. Before, the row joined the header, its task went missing,
/// and the next row's 长期坚持 was read under a column named 已完成 (待核实).
#[test]
fn a_short_first_row_of_status_words_is_data_not_a_second_header_row() {
    let header = ["整改任务", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&["巡查监测信息公开", "已完成", "已完成"]),
        row(&["农村居民集聚点生活污水处理设施", "配合", "长期坚持"]),
    ];
    let ledger = read_one("区卫健委", &header, &rows);
    assert_eq!(header_rows(&ledger), 1, "{:#?}", ledger.skipped);
    let reports: Vec<_> = ledger
        .tasks
        .iter()
        .flat_map(|t| t.current_reports())
        .filter(|r| r.unit == "区卫健委")
        .collect();
    assert_eq!(reports.len(), 2, "{reports:#?}");
    assert!(reports.iter().any(|r| r.status == Status::Completed));
    assert!(reports.iter().any(|r| r.status == Status::Ongoing));
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
    // A real second header row (11月 | 12月 under 工作进展, 是否完成 | 完成时间 under
    // 完成情况) still joins the header.
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("进展情况")
        .text_row(&["填报单位：区城市管理局 填报日期：2020年12月3日"])
        .text_row(&["序号", "具体举措", "工作进展", "", "完成情况", ""])
        .text_row(&["", "", "11月", "12月", "是否完成", "完成时间"])
        .text_row(&[
            "45",
            &measure(45),
            "清掏200座。",
            "清掏380座，全部完成。",
            "是",
            "2020年12月1日",
        ])
        .merge(1, 2, 1, 3)
        .merge(1, 4, 1, 5)
        .merge(1, 0, 2, 0)
        .merge(1, 1, 2, 1);
    write_workbook(&dir.path().join("区城市管理局.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert_eq!(header_rows(&ledger), 2, "{:#?}", ledger.skipped);
    assert_eq!(only_report(&ledger, 45).status, Status::Completed);
}

/// 长期 / 持续 in 完成时间 on a task that goes on is an answer, not an unreadable date;
/// 2020.9 typed as a number reads as the same text does. Before, both were warned about.
#[test]
fn ongoing_words_and_number_dates_in_the_completion_column() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("进展情况")
        .text_row(&["填报单位：区水利局", "", "", "", "填报日期：2020年12月4日"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"])
        .row(vec![
            s("55"),
            s(&measure(55)),
            s("持续开展巡查。"),
            s("长期坚持"),
            s("长期"),
        ])
        .row(vec![
            s("21"),
            s(&measure(21)),
            s("28座全部完成整改。"),
            s("已完成"),
            n(2020.9),
        ]);
    write_workbook(&dir.path().join("区水利局.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert!(
        !raised(&ledger, Code::DateUnreadable),
        "{:?}",
        ledger.problems
    );
    let r21 = only_report(&ledger, 21);
    assert_eq!(
        r21.completed_on.map(|d| chrono::Datelike::month(&d)),
        Some(9)
    );
}

/// A 月份 column: one unit's rows on the same tasks month after month in one table.
/// The latest month's row stands (not the least advanced of the rows, as for a task
/// split over rows), and a later month saying less than an earlier one is warned of.
#[test]
fn rows_of_several_months_in_one_table_are_versions() {
    let unit = "区水利局";
    let header = ["序号", "具体举措", "月份", "完成状态", "整改进展情况"];
    let m = |id: u32| measure(id);
    let rows = vec![
        row(&["20", &m(20), "11月", "正在推进", "可研报告编制中"]),
        row(&["20", &m(20), "12月", "已完成", "可研报告已通过审查"]),
        row(&["26", &m(26), "11月份", "已完成", "专项规划已印发"]),
        row(&["26", &m(26), "12月份", "正在推进", "专项规划修编中"]),
    ];
    let ledger = read_one(unit, &header, &rows);
    let r20 = only_report(&ledger, 20);
    assert_eq!(r20.status, Status::Completed);
    assert_eq!(r20.progress, "可研报告已通过审查");
    assert_eq!(r20.period, Some(date(2020, 12, 1)));
    // The month is the row's period, not a note.
    assert!(r20.note.is_empty(), "{}", r20.note);
    assert_eq!(only_report(&ledger, 26).status, Status::InProgress);
    assert!(!raised(&ledger, Code::Conflict));
    let back: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::SteppedBack)
        .collect();
    assert_eq!(back.len(), 1, "{:?}", ledger.problems);
    assert!(
        back[0].message.contains("第26项11月报“已完成”")
            && back[0].message.contains("12月报“正在推进”"),
        "{}",
        back[0].message
    );
    let said: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.message.contains("已按最近一期（12月）汇总"))
        .collect();
    assert_eq!(said.len(), 1, "{:?}", ledger.problems);
    assert!(
        said[0].message.contains("第20、26项"),
        "{}",
        said[0].message
    );
}

/// A workbook with a sheet per month (11月, 12月) and no filing date: the latest
/// month's sheet stands; no conflict is raised. A sheet named by its day (12.4报送)
/// works the same way; a table's number (附表1.2) is no period.
#[test]
fn a_sheet_per_month_is_a_version_each() {
    let unit = "区水利局";
    for (earlier, later) in [("11月", "12月"), ("11.30报送", "12.4报送")] {
        let dir = tempfile::tempdir().unwrap();
        let month = |name: &str, status: &str, text: &str| {
            SheetSpec::new(name)
                .text_row(&[&format!("填报单位：{unit}")])
                .text_row(&["序号", "具体举措", "完成状态", "整改进展情况"])
                .text_row(&["20", &measure(20), status, text])
        };
        // The later sheet first: the order of the sheets does not decide.
        write_workbook(
            &dir.path().join("整改进展.xlsx"),
            &[
                month(later, "已完成", "可研报告已通过审查"),
                month(earlier, "正在推进", "可研报告编制中"),
            ],
        );
        let ledger = ledger_for(dir.path());
        let r = only_report(&ledger, 20);
        assert_eq!(r.status, Status::Completed, "{later}");
        assert_eq!(r.source.sheet, later);
        assert!(!raised(&ledger, Code::Conflict), "{:?}", ledger.problems);
    }
    let dir = tempfile::tempdir().unwrap();
    let table = |name: &str, status: &str| {
        SheetSpec::new(name)
            .text_row(&[&format!("填报单位：{unit}")])
            .text_row(&["序号", "具体举措", "完成状态", "整改进展情况"])
            .text_row(&["20", &measure(20), status, status])
    };
    write_workbook(
        &dir.path().join("整改进展.xlsx"),
        &[table("附表1.1", "正在推进"), table("附表1.2", "已完成")],
    );
    assert!(raised(&ledger_for(dir.path()), Code::Conflict));
}

/// Two returns of one unit, neither dated, the second named 修改版: the corrected one
/// stands, and the clerk is told which file was set aside.
#[test]
fn a_corrected_return_stands_over_the_first() {
    let unit = "区水利局";
    let dir = tempfile::tempdir().unwrap();
    for (file, status, text) in [
        ("区水利局整改进展.xlsx", "正在推进", "可研报告编制中"),
        (
            "区水利局整改进展（修改版）.xlsx",
            "已完成",
            "可研报告已通过审查",
        ),
    ] {
        let spec = SheetSpec::new("Sheet1")
            .text_row(&[&format!("填报单位：{unit}")])
            .text_row(&["序号", "具体举措", "完成状态", "整改进展情况"])
            .text_row(&["20", &measure(20), status, text]);
        write_workbook(&dir.path().join(file), &[spec]);
    }
    let ledger = ledger_for(dir.path());
    let r = only_report(&ledger, 20);
    assert_eq!(r.status, Status::Completed);
    assert_eq!(r.source.file, "区水利局整改进展（修改版）.xlsx");
    assert!(!raised(&ledger, Code::Conflict), "{:?}", ledger.problems);
    assert!(
        ledger
            .problems
            .iter()
            .any(|p| p.file == "区水利局整改进展（修改版）.xlsx"
                && p.message
                    .contains("“区水利局整改进展.xlsx”中的进展不再计入")),
        "{:?}",
        ledger.problems
    );
}

/// A return that names no unit inside, in a folder named after its unit (the clerk
/// saved each unit's mail in a folder of its own): the folder names the unit.
#[test]
fn a_returns_folder_named_after_a_unit_names_its_files_unit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("区住建委")).unwrap();
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["整改进展情况表"])
        .text_row(&["序号", "具体举措", "完成状态", "整改进展情况"])
        .text_row(&["38", &measure(38), "正在推进", "已改造管网2公里"]);
    write_workbook(&dir.path().join("区住建委/整改进展表.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert_eq!(units_on(&ledger, 38), ["区住房城乡建委"]);
    assert!(!raised(&ledger, Code::UnitUnknown), "{:?}", ledger.problems);
}

/// A unit's return copying the plan's 责任单位 column, one unit to a row: the rows are
/// the sender's (区财政局's funding on task 45), never the report of the unit the cell
/// names, which would close a task its decider never reported on.
#[test]
fn a_copied_responsible_unit_column_does_not_credit_the_named_unit() {
    let header = ["序号", "具体举措", "责任单位", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&[
            "45",
            &measure(45),
            "区城市管理局",
            "已拨付化粪池清掏经费200万元",
            "已完成",
        ]),
        row(&[
            "58",
            &measure(58),
            "区财政局",
            "已建立绩效评估机制",
            "已完成",
        ]),
    ];
    let ledger = read_one("区财政局", &header, &rows);
    assert_eq!(units_on(&ledger, 45), ["区财政局"]);
    assert_eq!(units_on(&ledger, 58), ["区财政局"]);
    assert_ne!(ledger.task(45).unwrap().status, Status::Completed);
}

/// 整改进展情况 beside 完成情况, the progress texts short and some of them reading as a
/// status (已全部完成清掏): the column whose cells are all status words is the status
/// column, whichever comes first.
#[test]
fn of_two_progress_like_columns_the_one_of_status_words_is_the_status() {
    let header = ["序号", "具体举措", "时间节点", "整改进展情况", "完成情况"];
    let rows = vec![
        row(&[
            "45",
            &measure(45),
            "2020年12月底",
            "已全部完成清掏",
            "已完成",
        ]),
        row(&[
            "43",
            &measure(43),
            "2020年9月底",
            "已出台管理办法",
            "已完成",
        ]),
    ];
    let ledger = read_one("区城市管理局", &header, &rows);
    for (id, text) in [(45, "已全部完成清掏"), (43, "已出台管理办法")] {
        let r = only_report(&ledger, id);
        assert_eq!(r.status, Status::Completed, "{id}");
        assert_eq!(r.progress, text);
        // 时间节点 is the plan's deadline copied, not a note.
        assert!(r.note.is_empty(), "{}", r.note);
    }
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:?}",
        ledger.problems
    );
}

/// Last round's 整改进展情况 | 完成状态 left in place and this round's pair added on the
/// right, no month named: the right pair is read, the left kept in the note as 前期….
#[test]
fn a_pair_of_columns_repeated_for_a_new_round_reads_the_right_one() {
    let header = [
        "序号",
        "具体举措",
        "整改进展情况",
        "完成状态",
        "整改进展情况",
        "完成状态",
    ];
    let rows = vec![row(&[
        "8",
        &measure(8),
        "规划初稿已完成",
        "正在推进",
        "规划已经区政府批准印发",
        "已完成",
    ])];
    let ledger = read_one("区农业农村委", &header, &rows);
    let r = only_report(&ledger, 8);
    assert_eq!(r.status, Status::Completed);
    assert_eq!(r.progress, "规划已经区政府批准印发");
    assert_eq!(
        r.note,
        "前期整改进展情况：规划初稿已完成\n前期完成状态：正在推进"
    );
}

/// 不涉及 answers: the only unit a task was written for answering 不涉及 is to be
/// checked (待核实), not a task closed; 正在推进 beside 无此项工作 is a contradiction;
/// 否 or 无 in 完成状态 beside a text saying there is nothing to do, and 辖区内未发现, are
/// 不涉及; a task every decider answered 不涉及 is to be checked too, and held to its
/// deadline (adv54 b 2; it was 不涉及 and not overdue).
#[test]
fn not_applicable_answers_are_read_and_doubted_as_a_clerk_would() {
    let header = ["序号", "具体举措", "完成状态", "整改进展情况"];
    // 区水利局 alone is responsible for task 20.
    let ledger = read_one(
        "区水利局",
        &header,
        &[row(&["20", &measure(20), "不涉及", ""])],
    );
    let r = only_report(&ledger, 20);
    assert_eq!(r.status, Status::NotApplicable);
    assert!(
        r.doubt.as_deref().is_some_and(|d| d.contains("单独负责")),
        "{:?}",
        r.doubt
    );
    assert_eq!(ledger.task(20).unwrap().status, Status::Unclear);

    // 金龙镇 is one of four towns deciding task 29, one of 24 on task 24.
    let town = "金龙镇";
    let ledger = read_one(
        town,
        &header,
        &[
            row(&["29", &measure(29), "正在推进", "无此项工作"]),
            row(&["24", &measure(24), "", "经排查，辖区内未发现拦河养鱼现象"]),
            row(&["35", &measure(35), "否", "辖区内无此类工程"]),
            row(&["34", &measure(34), "无", "不涉及我镇"]),
        ],
    );
    let doubt = reports_of(&ledger, 29, town)[0].doubt.clone();
    assert!(
        doubt.as_deref().is_some_and(|d| d.contains("无此项工作")),
        "{doubt:?}"
    );
    for id in [24, 35, 34] {
        let r = &reports_of(&ledger, id, town)[0];
        assert_eq!(r.status, Status::NotApplicable, "{id}: {}", r.status_text);
        assert!(r.doubt.is_none(), "{id}: {:?}", r.doubt);
    }

    // Both deciders of task 37 (due 2020年9月底) answer 不涉及: checked, and overdue.
    let dir = tempfile::tempdir().unwrap();
    for unit in ["区住房城乡建委", "重庆市永川区惠永水务有限公司"] {
        let spec = SheetSpec::new("Sheet1")
            .text_row(&[&format!("填报单位：{unit}"), "", "填报日期：2020年12月4日"])
            .text_row(&header)
            .text_row(&["37", &measure(37), "不涉及", ""]);
        write_workbook(&dir.path().join(format!("{unit}.xlsx")), &[spec]);
    }
    let t = ledger_for(dir.path()).task(37).unwrap().clone();
    assert_eq!(t.status, Status::Unclear);
    assert!(t.overdue);
}

/// Three undated returns of one unit: the first, an update (（更新）) and a final one
/// (最终版): the final one stands over both, no conflict.
#[test]
fn a_final_return_stands_over_an_update() {
    let unit = "区水利局";
    let dir = tempfile::tempdir().unwrap();
    for (file, status) in [
        ("区水利局.xlsx", "未启动"),
        ("区水利局（更新）.xlsx", "正在推进"),
        ("区水利局-最终版.xlsx", "已完成"),
    ] {
        let spec = SheetSpec::new("Sheet1")
            .text_row(&[&format!("填报单位：{unit}")])
            .text_row(&["序号", "具体举措", "完成状态", "整改进展情况"])
            .text_row(&["20", &measure(20), status, "长征渠引水工程"]);
        write_workbook(&dir.path().join(file), &[spec]);
    }
    let ledger = ledger_for(dir.path());
    let r = only_report(&ledger, 20);
    assert_eq!(r.source.file, "区水利局-最终版.xlsx");
    assert!(!raised(&ledger, Code::Conflict), "{:?}", ledger.problems);
}

/// A 是否涉及 column: 否 with the other cells empty or "/" is the unit's 不涉及, not a row
/// left blank; 是 beside a progress text leaves the status to the other columns; 否
/// beside 已完成 contradicts itself and reads 待核实.
#[test]
fn a_no_under_is_it_ours_is_not_applicable() {
    let header = ["序号", "具体举措", "是否涉及", "整改进展情况", "完成状态"];
    let ledger = read_one(
        "临江镇",
        &header,
        &[
            row(&["24", &measure(24), "否", "", ""]),
            row(&["25", &measure(25), "是", "已清淤2公里", "正在推进"]),
            row(&["27", &measure(27), "否", "已拆除3处", "已完成"]),
            row(&["52", &measure(52), "否", "/", "/"]),
        ],
    );
    for id in [24, 52] {
        let r = only_report(&ledger, id);
        assert_eq!(r.status, Status::NotApplicable, "{id}: {}", r.status_text);
    }
    assert_eq!(only_report(&ledger, 25).status, Status::InProgress);
    let r = only_report(&ledger, 27);
    assert_eq!(r.status, Status::Unclear, "{}", r.status_text);
    assert!(r.status_text.contains("是否涉及：否"), "{}", r.status_text);
    assert!(
        !ledger
            .problems
            .iter()
            .any(|p| p.message.contains("是否涉及") && p.code == Code::ColumnUnknown),
        "{:?}",
        ledger.problems
    );
}

/// A statement under the table that none of its tasks concern the unit (以上任务均不涉及
/// 我街道, in a spreadsheet row; 说明：…上述任务均不涉及, in a paragraph under a Word
/// table) is the unit's 不涉及 on the task rows it left blank: the unit has answered, and
/// an info quotes the statement. A row it did fill keeps its own answer; an instruction
/// (表中不涉及的任务请填写“不涉及”) answers nothing.
#[test]
fn a_statement_under_the_table_answers_its_blank_rows() {
    use common::word::*;
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let ledger = read_one(
        "南大街街道",
        &header,
        &[
            row(&["24", &measure(24), "", ""]),
            row(&["25", &measure(25), "已清淤2公里", "正在推进"]),
            row(&["27", &measure(27), "/", ""]),
            row(&["以上任务均不涉及我街道。", "", "", ""]),
        ],
    );
    for id in [24, 27] {
        let r = only_report(&ledger, id);
        assert_eq!(r.status, Status::NotApplicable, "{id}");
        assert_eq!(r.status_text, "以上任务均不涉及我街道");
    }
    assert_eq!(only_report(&ledger, 25).status, Status::InProgress);
    assert!(raised(&ledger, Code::NotApplicableStatement));
    assert!(
        !raised(&ledger, Code::NothingFilled),
        "{:?}",
        ledger.problems
    );

    // A Word table with every row blank, and the statement in a paragraph below it.
    let dir = tempfile::tempdir().unwrap();
    let unit = "胜利路街道";
    let mut rows = vec![text_row(&header)];
    for id in [24, 27] {
        rows.push(text_row(&[&id.to_string(), &measure(id), "", ""]));
    }
    let doc = docx_rs::Docx::new()
        .add_paragraph(para(&format!(
            "填报单位：{unit}    填报日期：2020年12月4日"
        )))
        .add_table(table(rows))
        .add_paragraph(para(
            "说明：我街道为城区街道，辖区内无拦河养鱼问题，上述任务均不涉及。",
        ));
    std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    for id in [24, 27] {
        assert_eq!(
            only_report(&ledger, id).status,
            Status::NotApplicable,
            "{id}"
        );
    }
    assert!(
        !raised(&ledger, Code::NothingFilled),
        "{:?}",
        ledger.problems
    );

    // An instruction under a blank table is no answer.
    let ledger = read_one(
        "南大街街道",
        &header,
        &[
            row(&["24", &measure(24), "", ""]),
            row(&["注：表中不涉及的任务请填写“不涉及”。", "", "", ""]),
        ],
    );
    assert!(ledger.task(24).unwrap().current_reports().next().is_none());
    assert!(
        raised(&ledger, Code::NothingFilled),
        "{:?}",
        ledger.problems
    );
}

/// The return's sheet hidden by mistake, its instructions sheet left visible: with no
/// progress on any sheet shown, the hidden one is read, with a warning naming it. A
/// hidden sheet beside a visible return (last month's) is still not read, and the
/// clerk is told so.
#[test]
fn a_hidden_return_sheet_is_read_when_nothing_else_is() {
    let unit = "区城市管理局";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let guide = SheetSpec::new("填表说明")
        .text_row(&["填表说明"])
        .text_row(&["1.请逐项填写整改进展。"]);
    let mut hidden = sheet(
        unit,
        &header,
        &progress_rows(&[("43", "已建成餐厨垃圾处理厂", "已完成")]),
    );
    hidden.hidden = true;
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join(format!("{unit}.xlsx")), &[guide, hidden]);
    let ledger = ledger_for(dir.path());
    assert_eq!(only_report(&ledger, 43).status, Status::Completed);
    assert!(
        ledger
            .problems
            .iter()
            .any(|p| p.code == Code::ReadNote && p.message.contains("已隐藏")),
        "{:?}",
        ledger.problems
    );
    assert!(!ledger
        .skipped
        .iter()
        .any(|s| s.reason == SkipReason::HiddenSheet));

    // Last month's sheet hidden beside this month's: only the visible one counts.
    let mut old = sheet(
        unit,
        &header,
        &progress_rows(&[("43", "正在建设", "正在推进")]),
    );
    old.name = "11月".into();
    old.hidden = true;
    let now = sheet(unit, &header, &progress_rows(&[("43", "已建成", "已完成")]));
    let dir = tempfile::tempdir().unwrap();
    // The first sheet of a workbook cannot be hidden: last month's comes second.
    write_workbook(&dir.path().join(format!("{unit}.xlsx")), &[now, old]);
    let ledger = ledger_for(dir.path());
    assert_eq!(only_report(&ledger, 43).status, Status::Completed);
    assert!(ledger
        .skipped
        .iter()
        .any(|s| s.reason == SkipReason::HiddenSheet));
    // … and the clerk is told what it holds, not only ledger.json (adv54 a).
    assert!(
        ledger.problems.iter().any(|p| p.severity == Severity::Info
            && p.sheet.as_deref() == Some("11月")
            && p.message == "此工作表已隐藏，其中1行进展（第43项）未读取。如为本次报送的内容，请该单位取消隐藏后重新报送。"),
        "{:#?}",
        ledger.problems
    );
}

/// A header naming the progress and then the plan (进展情况及下步打算) is the progress
/// column, not a note: 否 beside 已清掏326座 is work under way, and the report has the
/// text. A 进度 column of status words gives the status.
#[test]
fn progress_and_plan_in_one_header_is_the_progress() {
    let ledger = read_one(
        "区城市管理局",
        &["序号", "工作任务", "进展情况及下步打算", "是否完成"],
        &[row(&[
            "45",
            &measure(45),
            "已清掏326座，下步继续清掏",
            "否",
        ])],
    );
    let r = only_report(&ledger, 45);
    assert_eq!(r.status, Status::InProgress, "{}", r.status_text);
    assert_eq!(r.progress, "已清掏326座，下步继续清掏");

    let ledger = read_one(
        "区金融办",
        &["序号", "具体举措", "落实情况", "进度"],
        &[row(&[
            "60",
            &measure(60),
            "已出台绿色金融支持政策",
            "已完成",
        ])],
    );
    assert_eq!(only_report(&ledger, 60).status, Status::Completed);
    assert!(
        !raised(&ledger, Code::ColumnUnknown),
        "{:?}",
        ledger.problems
    );
}

/// Versions by name: an undated 初稿 beside the dated return is set aside (not a
/// conflict whose least advanced status is the draft's); a return sent again (v2,
/// 第2次报送) stands over the first; 更新 inside a content word (更新改造) marks no
/// version; a 更正 file dated before an unmarked return that says otherwise is set aside
/// by the date, with a warning naming both.
#[test]
fn versions_named_by_drafts_resends_and_corrections() {
    let unit = "区水利局";
    let write = |dir: &std::path::Path, file: &str, date: &str, status: &str, text: &str| {
        let spec = SheetSpec::new("Sheet1")
            .text_row(&[&format!("填报单位：{unit}"), "", date])
            .text_row(&["序号", "具体举措", "完成状态", "整改进展情况"])
            .text_row(&["20", &measure(20), status, text]);
        write_workbook(&dir.join(file), &[spec]);
    };
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "区水利局.xlsx",
        "填报日期：2020年12月3日",
        "正在推进",
        "可研报告编制中",
    );
    write(
        dir.path(),
        "区水利局（初稿）.xlsx",
        "",
        "未启动",
        "尚未开展",
    );
    let ledger = ledger_for(dir.path());
    let r = only_report(&ledger, 20);
    assert_eq!(r.source.file, "区水利局.xlsx");
    assert!(!raised(&ledger, Code::Conflict), "{:?}", ledger.problems);
    assert!(ledger
        .problems
        .iter()
        .any(|p| p.message.contains("注明为初稿")));

    for again in ["区水利局v2.xlsx", "区水利局第2次报送.xlsx"] {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "区水利局.xlsx",
            "",
            "正在推进",
            "可研报告编制中",
        );
        write(dir.path(), again, "", "已完成", "可研报告已通过审查");
        let ledger = ledger_for(dir.path());
        assert_eq!(only_report(&ledger, 20).source.file, again);
        assert!(!raised(&ledger, Code::Conflict), "{:?}", ledger.problems);
    }

    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "区水利局-河道更新改造进展.xlsx",
        "",
        "正在推进",
        "可研报告编制中",
    );
    write(
        dir.path(),
        "区水利局.xlsx",
        "",
        "已完成",
        "可研报告已通过审查",
    );
    assert!(raised(&ledger_for(dir.path()), Code::Conflict));

    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "区水利局.xlsx",
        "填报日期：2020年12月5日",
        "已完成",
        "可研报告已通过审查",
    );
    write(
        dir.path(),
        "区水利局（更正）.xlsx",
        "填报日期：2020年12月4日",
        "正在推进",
        "经复核，可研报告尚未通过审查",
    );
    let ledger = ledger_for(dir.path());
    assert_eq!(only_report(&ledger, 20).source.file, "区水利局.xlsx");
    assert!(
        ledger.problems.iter().any(|p| p.code == Code::SteppedBack
            && p.message.contains("“区水利局（更正）.xlsx”注明为更正版本")),
        "{:?}",
        ledger.problems
    );
}

/// An autofilter left on (完成状态 = 已完成) hides a task's 正在推进 sub-row by its value,
/// not by its age: the hidden row is read with the visible one, and the task is under
/// way. A row hidden by hand beside a visible one of the same task is still the older
/// version.
#[test]
fn rows_a_filter_hides_are_read() {
    let unit = "区水利局";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = &[
        ("21", "已完成23座电站生态流量改造", "已完成"),
        ("21", "剩余2座正在改造，预计12月底完成", "正在推进"),
    ];
    let mut spec = sheet(unit, &header, &progress_rows(rows));
    // Rows 3–4 (0-based): the data under the header in row 2.
    spec.filter = Some(((1, 0, 3, 3), 3, vec!["已完成".into()]));
    spec.hidden_rows = vec![3];
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join(format!("{unit}.xlsx")), &[spec]);
    let ledger = ledger_for(dir.path());
    let r = only_report(&ledger, 21);
    assert_eq!(r.status, Status::InProgress, "{}", r.progress);
    assert!(r.progress.contains("剩余2座"), "{}", r.progress);

    let spec = sheet(unit, &header, &progress_rows(rows)).hide_row(3);
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join(format!("{unit}.xlsx")), &[spec]);
    let ledger = ledger_for(dir.path());
    assert_eq!(only_report(&ledger, 21).status, Status::Completed);
}

/// 同上 in the 完成时间 column is the row above's date, as 同上 in the status column is
/// its status (adv50 a 9: the date was lost, with a warning that 同上 is no date).
#[test]
fn ditto_in_the_completion_date_is_the_date_above() {
    let ledger = read_one(
        "来苏镇",
        &["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"],
        &[
            row(&[
                "27",
                &measure(27),
                "已清理开垦点位5处。",
                "已完成",
                "2020-10-05",
            ]),
            row(&["28", &measure(28), "已补植复绿300米。", "同上", "同上"]),
            // Under 正在推进 the date above is no completion (adv50 c 8).
            row(&["30", &measure(30), "管网排查正在开展。", "正在推进", "同上"]),
        ],
    );
    let r = only_report(&ledger, 28);
    assert_eq!(r.status, Status::Completed);
    assert_eq!(r.completed_on, Some(date(2020, 10, 5)));
    assert_eq!(only_report(&ledger, 30).completed_on, None);
    assert!(
        !raised(&ledger, Code::DateUnreadable),
        "{:#?}",
        ledger.problems
    );
}

/// A completion dated in a year before the plan's (2019年11月30日 for a plan of 2020年9月
/// 23日) is warned of as a likely slip of the year, and counted as written; one weeks
/// before the plan was issued is not (adv50 a 8).
#[test]
fn a_completion_in_a_year_before_the_plan_is_warned_of() {
    let ledger = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"],
        &[
            row(&[
                "35",
                &measure(35),
                "已修复管网1400米。",
                "已完成",
                "2019-11-30",
            ]),
            row(&[
                "37",
                &measure(37),
                "已完成调节池扩容。",
                "已完成",
                "2020-09-15",
            ]),
        ],
    );
    assert!(
        said(
            &ledger,
            Code::DateUnreadable,
            "完成时间“2019-11-30”早于整改方案印发日期"
        ),
        "{:#?}",
        ledger.problems
    );
    assert_eq!(only_report(&ledger, 35).status, Status::Completed);
    assert!(!ledger
        .problems
        .iter()
        .any(|p| p.message.contains("2020-09-15") || p.message.contains("2020年9月15日")));
}

/// Status read from the words offices close a text on: …，该项已完成。 and 此项已完成
/// (the task), 该项工作已完成，今后长期坚持 (done and kept up), a count done with the rest
/// planned (under way), and 长效推进 in the status cell (adv51 a 2, a 5, a 6).
#[test]
fn texts_closing_on_this_task_done_or_the_rest_planned() {
    let ledger = read_one(
        "区城管局",
        &["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"],
        &[
            row(&["28", &measure(28), "已印发考核办法，该项已完成。", "", ""]),
            row(&["45", &measure(45), "已清掏356座，此项已完成。", "", ""]),
            row(&[
                "43",
                &measure(43),
                "已建立联动执法机制，该项工作已完成，今后长期坚持。",
                "",
                "",
            ]),
            row(&[
                "19",
                &measure(19),
                "已清理开垦点位4处，剩余1处已约谈当事人，计划12月中旬完成。",
                "",
                "",
            ]),
            row(&["57", &measure(57), "已建立联席会议制度。", "长效推进", ""]),
        ],
    );
    for (id, status) in [
        (28, Status::Completed),
        (45, Status::Completed),
        (43, Status::Completed),
        (19, Status::InProgress),
        (57, Status::Ongoing),
    ] {
        assert_eq!(only_report(&ledger, id).status, status, "task {id}");
    }
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
}

/// A 完成时间 cell and a text naming another day the work was done (已于2020年10月15日
/// 完成 beside 2020-11-20) are warned of at the row; the cell's day stands. Not a month's
/// end typed for 9月底 beside 已于9月28日全部拆除, nor a text naming the cell's day too.
#[test]
fn a_completion_day_the_text_contradicts_is_warned_of() {
    let ledger = read_one(
        "区城管局",
        &["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"],
        &[
            row(&[
                "43",
                &measure(43),
                "建立餐厨垃圾清运监管机制，该项工作已于2020年10月15日完成。",
                "已完成",
                "2020-11-20",
            ]),
            row(&[
                "28",
                &measure(28),
                "漂浮物设施已于9月28日全部拆除。",
                "已完成",
                "2020-09-30",
            ]),
            row(&[
                "45",
                &measure(45),
                "已于9月10日完成清掏招标，已于11月20日完成清掏。",
                "已完成",
                "2020-11-20",
            ]),
            // By that day; a later step in the cell's month (second review c 3, c 4).
            row(&[
                "44",
                &measure(44),
                "已于2020年10月15日前完成摸排。",
                "已完成",
                "2020-10-10",
            ]),
            row(&[
                "19",
                &measure(19),
                "已于2020年10月15日完成方案制定，11月底完成全部拆除。",
                "已完成",
                "2020-11-30",
            ]),
        ],
    );
    let contradicted: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::DateContradicted)
        .collect();
    assert_eq!(contradicted.len(), 1, "{contradicted:#?}");
    assert!(
        contradicted[0]
            .message
            .contains("完成时间填写为2020年11月20日，进展情况写明的日期为2020年10月15日"),
        "{}",
        contradicted[0].message
    );
    assert_eq!(contradicted[0].row, Some(3));
    assert_eq!(
        only_report(&ledger, 43).completed_on,
        Some(date(2020, 11, 20))
    );
}

/// Everyday words of units' status cells and progress texts, and completion dates
/// written short: each read as a clerk reads it, without a warning.
#[test]
fn everyday_status_words_and_short_dates() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    let ledger = read_one(
        "区住房城乡建委",
        &header,
        &[
            row(&["30", &measure(30), "问题已处理", "已解决", "9.30"]),
            row(&["32", &measure(32), "方案已报区政府", "待审定", ""]),
            row(&["33", &measure(33), "", "还没有开始", ""]),
            row(&["34", &measure(34), "N/A", "", ""]),
            row(&["35", &measure(35), "此项不是我单位任务", "", ""]),
            row(&["36", &measure(36), "持续巡查", "长期坚持", "年底前"]),
            row(&["37", &measure(37), "已建成", "已完成", "20.9.30"]),
        ],
    );
    let expect = [
        (30, Status::Completed),
        (32, Status::InProgress),
        (33, Status::NotStarted),
        (34, Status::NotApplicable),
        (35, Status::NotApplicable),
        (36, Status::Ongoing),
        (37, Status::Completed),
    ];
    for (id, status) in expect {
        let r = only_report(&ledger, id);
        assert_eq!(r.status, status, "{id}: {} {}", r.status_text, r.progress);
    }
    assert_eq!(
        only_report(&ledger, 30).completed_on,
        Some(date(2020, 9, 30))
    );
    assert_eq!(
        only_report(&ledger, 37).completed_on,
        Some(date(2020, 9, 30))
    );
    assert!(
        !raised(&ledger, Code::StatusUnclear) && !raised(&ledger, Code::DateUnreadable),
        "{:?}",
        ledger.problems
    );
}

/// A lead unit's consolidation whose first row on a task is its own summary, its unit
/// cell 汇总 or 全区: the lead unit's report, not a row of an unknown unit.
#[test]
fn a_summary_row_in_a_consolidation_is_the_lead_units() {
    let ledger = read_one(
        "区农业农村委",
        &["序号", "具体举措", "单位", "整改进展情况", "完成状态"],
        &[
            row(&[
                "11",
                &measure(11),
                "汇总",
                "全区畜禽养殖场整治完成",
                "已完成",
            ]),
            row(&["", "", "何埂镇", "完成2家养殖场整治", "已完成"]),
            row(&["4", &measure(4), "全区", "推广测土配方施肥", "长期坚持"]),
        ],
    );
    assert_eq!(units_on(&ledger, 11), ["区农业农村委", "何埂镇"]);
    assert_eq!(units_on(&ledger, 4), ["区农业农村委"]);
    assert!(!raised(&ledger, Code::UnitUnknown), "{:?}", ledger.problems);
}

/// Tasks named by the plan's own 简称 (the names the tool prints in its documents), by a
/// 第N项 opening the measure text, or by a short name found in one task's measure only.
#[test]
fn tasks_named_by_short_names() {
    let plan = common::shipped_plan();
    let short = |id: u32| plan.task(id).unwrap().short_name.clone();
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let ledger = read_one(
        "区水利局",
        &header,
        &[
            row(&["", &short(24), "拆除网箱3处", "已完成"]),
            row(&["", "第23项 河堰修复", "修复河堰12处", "长期坚持"]),
            row(&["", "循环用水", "推广循环用水", "长期坚持"]),
            row(&["26", &short(26), "规划已印发", "已完成"]),
        ],
    );
    assert_eq!(only_report(&ledger, 24).progress, "拆除网箱3处");
    assert_eq!(only_report(&ledger, 23).progress, "修复河堰12处");
    assert_eq!(only_report(&ledger, 18).progress, "推广循环用水");
    assert_eq!(only_report(&ledger, 26).progress, "规划已印发");
    assert!(ledger.unplaced.is_empty(), "{:?}", ledger.unplaced);
    // Only the unit's own short name is doubted; the plan's names are not.
    let warned: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| matches!(p.code, Code::TaskTextMismatch | Code::TaskMatchedByText))
        .map(|p| p.row)
        .collect();
    assert_eq!(warned, [Some(5)], "{:?}", ledger.problems);
}

/// A Word return's text outside its table rows that reports a task the table does not:
/// the body of a 报告 above the table, and a note row merged across the table. Neither
/// is counted, and the clerk is warned, as for a paragraph below the table.
#[test]
fn progress_written_outside_a_word_table_is_flagged() {
    use common::word::*;
    let unit = "区水利局";
    let table_of = |rows: Vec<docx_rs::TableRow>| {
        let mut all = vec![text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])];
        all.extend(rows);
        table(all)
    };
    let task_row = |id: u32| text_row(&[&id.to_string(), &measure(id), "按计划推进。", "正在推进"]);
    let warned = |doc: docx_rs::Docx| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
        let ledger = ledger_for(dir.path());
        ledger
            .problems
            .iter()
            .filter(|p| p.code == Code::ProseReport)
            .map(|p| p.message.clone())
            .collect::<Vec<_>>()
    };
    let above = docx_rs::Docx::new()
        .add_paragraph(para("区水利局关于整改进展情况的报告"))
        .add_paragraph(para("区生态环境局："))
        .add_paragraph(para(
            "二、具体情况。第26项水库消落带治理专项规划已编制完成并通过专家评审，已完成。",
        ))
        .add_paragraph(para("填报日期：2020年12月4日"))
        .add_table(table_of(vec![task_row(20), task_row(21)]));
    let w = warned(above);
    assert!(w.iter().any(|m| m.contains("第26项")), "{w:?}");

    let note = docx_rs::TableRow::new(vec![docx_rs::TableCell::new()
        .add_paragraph(para("备注：第23、53、55项为长期坚持任务，均按要求推进。"))
        .grid_span(4)]);
    let inside = docx_rs::Docx::new()
        .add_paragraph(para("填报单位：区水利局    填报日期：2020年12月4日"))
        .add_table(table_of(vec![task_row(20), note]));
    let w = warned(inside);
    assert!(w.iter().any(|m| m.contains("第23、53、55项")), "{w:?}");

    // A note on tasks the table does report: no warning.
    let note = docx_rs::TableRow::new(vec![docx_rs::TableCell::new()
        .add_paragraph(para("备注：第20项正在推进。"))
        .grid_span(4)]);
    let reported = docx_rs::Docx::new()
        .add_paragraph(para("填报单位：区水利局    填报日期：2020年12月4日"))
        .add_table(table_of(vec![task_row(20), note]));
    assert!(warned(reported).is_empty());
}

/// 整改要求 | 整改措施 | 完成情况: the plan's requirement is the measure, and the unit's
/// measures beside it, never taken for the measure, are its progress (the 完成情况 of
/// status words its status; adv54 a 3: they were kept in the note, the progress empty).
#[test]
fn a_requirement_column_is_the_measure() {
    let ledger = read_one(
        "区委编办",
        &["序号", "整改要求", "整改措施", "完成情况"],
        &[row(&["50", &measure(50), "已核定编制", "已完成"])],
    );
    let r = only_report(&ledger, 50);
    assert_eq!(r.progress, "已核定编制", "{r:?}");
    assert_eq!(r.status, Status::Completed, "{r:?}");
    assert!(
        !raised(&ledger, Code::TaskTextMismatch),
        "{:?}",
        ledger.problems
    );
}

/// A registration form (登记表): labels down the side, one task a form. One sheet a task,
/// as a unit sends when each task's form goes to a different officer: each sheet is
/// that task's report, at the row of its status, and every row of the form is accounted
/// for (the record, or a form-field skip).
#[test]
fn a_registration_form_per_sheet_is_read_as_its_task() {
    let dir = tempfile::tempdir().unwrap();
    let forms = [
        (
            20,
            "长征渠引水工程已纳入规划纲要",
            "已完成",
            "2020年10月20日",
        ),
        (21, "小水电清理整改推进中，已完成70%", "正在推进", ""),
        (26, "专项规划已编制完成", "已完成", "2020年9月28日"),
    ];
    let expected = [Status::Completed, Status::InProgress, Status::Completed];
    let sheets: Vec<SheetSpec> = forms
        .iter()
        .map(|(id, progress, status, done)| {
            SheetSpec::new(&format!("第{id}项"))
                .text_row(&["整改任务进展情况登记表"])
                .text_row(&["填报单位", "区水利局"])
                .text_row(&["任务序号", &id.to_string()])
                .text_row(&["具体举措", &measure(*id)])
                .text_row(&["整改进展情况", progress])
                .text_row(&["完成状态：", status])
                .text_row(&["完成时间", done])
                .text_row(&["填报日期", "2020年12月5日"])
        })
        .collect();
    write_workbook(&dir.path().join("区水利局.xlsx"), &sheets);
    let ledger = ledger_for(dir.path());
    for ((id, progress, _, done), status) in forms.into_iter().zip(expected) {
        let r = only_report(&ledger, id);
        assert_eq!(r.unit, "区水利局", "{id}");
        assert_eq!(r.status, status, "{id}");
        assert_eq!(r.progress, progress);
        assert_eq!(
            r.completed_on,
            rectify::common::dates::parse_date_text(done, None)
        );
        assert_eq!(r.filed_on, Some(date(2020, 12, 5)));
        assert_eq!(r.matched_by, rectify::model::MatchedBy::Id, "{id}");
        assert_eq!(
            (r.source.sheet.as_str(), r.source.row),
            (&*format!("第{id}项"), 6)
        );
    }
    // Eight rows a sheet: the record's, the title's and six form fields.
    for (id, ..) in forms {
        let sheet = format!("第{id}项");
        let skips: Vec<_> = ledger.skipped.iter().filter(|s| s.sheet == sheet).collect();
        assert_eq!(skips.len(), 7, "{skips:#?}");
        assert_eq!(skips[0].reason, SkipReason::Title);
        assert!(skips[1..].iter().all(|s| s.reason == SkipReason::FormField));
    }
    assert!(
        ledger.problems.iter().all(|p| p.severity != Severity::Error
            && p.code != Code::SheetSkipped
            && p.code != Code::TaskTextMismatch),
        "{:#?}",
        ledger.problems
    );
}

/// Forms one under another: in a Word document, one table a task with two label–value
/// pairs a row (完成状态 | 已完成 | 完成时间 | …, which is no header), and in a sheet,
/// forms parted by blank rows, one answering 不涉及.
#[test]
fn registration_forms_one_under_another_are_each_a_report() {
    use common::word::*;
    let dir = tempfile::tempdir().unwrap();
    let mut doc = docx_rs::Docx::new()
        .add_paragraph(para("区水利局整改任务落实情况登记表"))
        .add_paragraph(para("填报单位（盖章）：区水利局"));
    for (id, progress, status, done) in [
        (23, "已加固河堤2处，持续开展支流治理", "长期坚持", ""),
        (24, "已拆除拦河养鱼设施5处", "已完成", "2020年9月25日"),
    ] {
        doc = doc
            .add_table(table(vec![
                text_row(&["任务序号", &id.to_string(), "完成时限", "2020年9月底"]),
                text_row(&["具体举措", "", "", ""]),
                text_row(&["整改进展情况", progress, "", ""]),
                text_row(&["完成状态", status, "完成时间", done]),
            ]))
            .add_paragraph(para(""));
    }
    doc = doc.add_paragraph(para("2020年12月6日"));
    std::fs::write(dir.path().join("区水利局.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let r = only_report(&ledger, 23);
    assert_eq!((r.unit.as_str(), r.status), ("区水利局", Status::Ongoing));
    assert_eq!(r.source.row, 6);
    let r = only_report(&ledger, 24);
    assert_eq!(r.status, Status::Completed);
    assert_eq!(r.completed_on, Some(date(2020, 9, 25)));
    assert_eq!(r.filed_on, Some(date(2020, 12, 6)));
    assert!(
        ledger
            .problems
            .iter()
            .all(|p| p.severity != Severity::Error),
        "{:#?}",
        ledger.problems
    );

    let dir = tempfile::tempdir().unwrap();
    let mut spec = SheetSpec::new("进展")
        .text_row(&["来苏镇整改任务进展"])
        .text_row(&["填报日期：2020年12月4日"]);
    for (id, progress, status) in [
        (24, "", "不涉及"),
        (27, "已清理河道边种植12处", "已完成"),
        (28, "漂浮物考核机制已建立，每月考核", "长期坚持"),
    ] {
        spec = spec
            .text_row(&["序号", &id.to_string()])
            .text_row(&["整改进展情况", progress])
            .text_row(&["完成状态", status])
            .text_row(&[]);
    }
    write_workbook(&dir.path().join("来苏镇.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let statuses: Vec<(Status, u32)> = [24, 27, 28]
        .iter()
        .map(|&id| {
            let r = only_report(&ledger, id);
            assert_eq!(r.unit, "来苏镇");
            (r.status, r.source.row)
        })
        .collect();
    assert_eq!(
        statuses,
        [
            (Status::NotApplicable, 5),
            (Status::Completed, 9),
            (Status::Ongoing, 13)
        ]
    );
    // 2 title lines and 6 form fields.
    assert_eq!(ledger.skipped.len(), 8, "{:#?}", ledger.skipped);
}

/// A whole-plan copy whose 完成状态 column holds the plan's 完成时限, pasted down it: no
/// cell of it is a status (not 长期坚持, not 2020年9月底完成并长期坚持 read as planned).
/// Rows with progress are read from their text, rows with only the deadline are
/// unfilled, and one warning says what the column holds. A single 长期坚持 beside the
/// deadline 长期坚持 elsewhere is the unit's status.
#[test]
fn deadlines_pasted_into_the_status_column_are_no_status() {
    let header = ["序号", "具体举措", "完成时限", "整改进展情况", "完成状态"];
    let deadline = |id: u32| plan().task(id).unwrap().deadline.text.clone();
    let progress = [
        (24, "已完成整改，拆除拦河设施3处。"),
        (25, "正在推进河道整治工程自查。"),
    ];
    let rows: Vec<Vec<String>> = [1, 4, 24, 25, 27, 34]
        .iter()
        .map(|&id| {
            let text = progress
                .iter()
                .find(|(i, _)| *i == id)
                .map_or("", |(_, t)| t);
            row(&[
                &id.to_string(),
                &measure(id),
                &deadline(id),
                text,
                &deadline(id),
            ])
        })
        .collect();
    assert_eq!(deadline(34), "长期坚持", "an undated deadline among them");
    let ledger = read_one("来苏镇", &header, &rows);
    assert_eq!(only_report(&ledger, 24).status, Status::Completed);
    assert_eq!(only_report(&ledger, 25).status, Status::InProgress);
    for id in [1, 4, 27, 34] {
        assert!(
            ledger.task(id).unwrap().current_reports().next().is_none(),
            "{id}"
        );
    }
    let said: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.message.contains("完成状态填写的是该行的完成时限"))
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(said.len(), 1, "{:#?}", ledger.problems);
    assert!(said[0].starts_with("6行"), "{}", said[0]);

    // One 长期坚持 under the deadline 长期坚持: the unit's own answer.
    let ledger = read_one(
        "来苏镇",
        &header,
        &[row(&[
            "34",
            &measure(34),
            "长期坚持",
            "每月开展阳台排污巡查。",
            "长期坚持",
        ])],
    );
    assert_eq!(only_report(&ledger, 34).status, Status::Ongoing);
    assert!(!ledger
        .problems
        .iter()
        .any(|p| p.message.contains("完成时限（如")));
}

/// A drop-down's prompt left in the status cell (请选择, --请选择--) is nothing picked:
/// a row with nothing else is unfilled (the task stays missing and is reminded), a row
/// with progress is read from its text.
#[test]
fn a_drop_down_prompt_left_in_place_is_no_status() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let ledger = read_one(
        "区农业农村委",
        &header,
        &[
            row(&["1", &measure(1), "已完成，政策已出台。", "请选择"]),
            row(&["2", &measure(2), "", "--请选择--"]),
            row(&["3", &measure(3), "", "【请选择】"]),
            row(&["4", &measure(4), "长期坚持推广测土配方施肥。", "长期坚持"]),
        ],
    );
    assert_eq!(only_report(&ledger, 1).status, Status::Completed);
    assert_eq!(only_report(&ledger, 4).status, Status::Ongoing);
    for id in [2, 3] {
        assert!(
            ledger.task(id).unwrap().current_reports().next().is_none(),
            "{id}"
        );
        let unit = ledger
            .units
            .iter()
            .find(|u| u.name == "区农业农村委")
            .unwrap();
        assert!(
            unit.missing.contains(&id) || !unit.expected.contains(&id),
            "{id}"
        );
    }
    assert_eq!(
        ledger
            .skipped
            .iter()
            .filter(|s| s.reason == SkipReason::Unfilled)
            .count(),
        2
    );
}

/// A status cell dating the work (2020年9月完成, 2020.9.30, 9月底已完成) on a return
/// filed after that date: done then, not a plan (正在推进) or unreadable (待核实). A
/// month still open on the filing day, or a plan's words, keep their reading.
#[test]
fn a_status_cell_dating_the_work_before_the_filing_day_is_done_then() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let ledger = read_one(
        "区经济信息委",
        &header,
        &[
            row(&[
                "12",
                &measure(12),
                "产业结构调整方案已印发。",
                "2020年9月完成",
            ]),
            row(&["13", &measure(13), "巡查制度已建立。", "2020.9.30"]),
            row(&["15", &measure(15), "园区管网已建成。", "9月底已完成"]),
            row(&["16", &measure(16), "排污许可核发推进中。", "2020年12月完成"]),
            row(&["17", &measure(17), "正在编制。", "预计2020年11月完成"]),
        ],
    );
    for (id, day) in [(12, 30), (13, 30), (15, 30)] {
        let r = only_report(&ledger, id);
        assert_eq!(
            (r.status, r.completed_on),
            (Status::Completed, Some(date(2020, 9, day))),
            "{id}"
        );
    }
    // Filed 12月4日: December is not over, 预计 is a plan.
    assert_ne!(only_report(&ledger, 16).status, Status::Completed);
    assert_ne!(only_report(&ledger, 17).status, Status::Completed);
    assert!(
        !ledger
            .problems
            .iter()
            .any(|p| p.code == Code::StatusUnclear && p.row.is_some_and(|r| r <= 5)),
        "{:#?}",
        ledger.problems
    );
}

/// A table turned on its side (one task a column) is not a registration form: none of
/// its columns is read as the form's value (before, the first task's column was read
/// and the others dropped), and the file's error says why nothing was read.
#[test]
fn a_table_turned_on_its_side_is_named_not_half_read() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("整改进展")
        .text_row(&["填报单位：区城市管理局", "", "填报日期：2020年12月4日"])
        .text_row(&["序号", "28", "43", "44"])
        .text_row(&["整改进展情况", "已建立考核机制", "正在排查", "已开展巡查"])
        .text_row(&["完成状态", "已完成", "正在推进", "长期坚持"]);
    write_workbook(&dir.path().join("区城市管理局.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    for id in [28, 43, 44] {
        assert!(
            ledger.task(id).unwrap().current_reports().next().is_none(),
            "{id}"
        );
    }
    let error = ledger
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .expect("an error for the file");
    assert!(
        error.message.contains("横向排列（每列一项任务）"),
        "{}",
        error.message
    );
}

/// Units named in a progress text by clause. A lead unit's 已完成 over a text saying a
/// town's part is under way or not started (宝峰镇：正在推进…；双石镇：尚未启动) is 待核实,
/// as it would be with the towns on rows of their own; a text that is another unit's
/// progress (区卫健委：已完成…, copied from the bureau's 台账) is kept and warned of.
#[test]
fn units_named_clause_by_clause_in_a_progress_text() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let ledger = read_one(
        "区城市管理局",
        &header,
        &[
            row(&[
                "28",
                &measure(28),
                "区城市管理局：已完成。\n来苏镇：已完成。\n宝峰镇：正在推进临江河宝峰段清漂，预计12月中旬完成。",
                "已完成",
            ]),
            row(&["43", &measure(43), "区城市管理局：已完成排查。", "已完成"]),
            row(&["44", &measure(44), "已开展巡查；来苏镇：已完成。", "长期坚持"]),
        ],
    );
    // A group's part (各镇街) is no unit's report: the lead's 已完成 is doubted.
    let lead = read_one(
        "区住房城乡建委",
        &header,
        &[row(&[
            "30",
            &measure(30),
            "区住房城乡建委：已完成。\n各镇街：正在推进雨污分流改造。",
            "已完成",
        ])],
    );
    let r = only_report(&lead, 30);
    assert!(
        r.doubt.as_deref().is_some_and(|d| d.contains("各镇街")),
        "{:?}",
        r.doubt
    );
    // The lead's text town by town is each town's report through it
    // (a_leads_text_town_by_town_is_each_towns_report): 宝峰镇's part is under way.
    let t28 = ledger.task(28).unwrap();
    let baofeng: Vec<_> = t28
        .current_reports()
        .filter(|r| r.unit == "宝峰镇")
        .collect();
    assert_eq!(baofeng.len(), 1, "{:#?}", t28.reports);
    assert_eq!(baofeng[0].status, Status::InProgress);
    assert_ne!(t28.status, Status::Completed);
    assert!(only_report(&ledger, 43).doubt.is_none());
    // The lead's own words before a town's (已开展巡查；来苏镇：…) are its own report.
    let lead44 = reports_of(&ledger, 44, "区城市管理局");
    assert_eq!(lead44.len(), 1);
    assert_eq!(
        (
            lead44[0].progress.as_str(),
            lead44[0].status,
            lead44[0].doubt.is_none()
        ),
        ("已开展巡查。", Status::Ongoing, true)
    );
    assert_eq!(
        reports_of(&ledger, 44, "来苏镇")[0].status,
        Status::Completed
    );
    assert!(
        !raised(&ledger, Code::UnitAmbiguous),
        "{:#?}",
        ledger.problems
    );

    let ledger = read_one(
        "区水利局",
        &header,
        &[row(&[
            "53",
            &measure(53),
            "区卫健委：已完成饮用水水源水质信息公开。",
            "已完成",
        ])],
    );
    assert_eq!(only_report(&ledger, 53).unit, "区水利局");
    let warned: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::UnitAmbiguous)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(warned.len(), 1, "{:#?}", ledger.problems);
    assert!(
        warned[0].contains("写的可能是区卫健委的进展"),
        "{}",
        warned[0]
    );
}

/// A lead unit's consolidation giving its partners' progress town by town in the text:
/// lines in one cell (来苏镇：已完成…；宝峰镇：正在推进…；何埂镇：尚未启动。) or one
/// sub-row a town (来苏镇：… with its status beside it). Each town's words are its
/// report through the lead, with the status they state; the towns are not chased for
/// the task. Before (adv46 d08, d09) all of it was the lead's, and the towns stayed 未报送.
/// A text naming a unit with no part in the task, or a group (各镇街：…), stays the
/// lead's.
/// A consolidation's row under a task's row whose text gives several towns' progress
/// (来苏镇：…。宝峰镇：…, 来苏镇、宝峰镇：…, 【来苏镇】…【宝峰镇】…), its unit cell blank,
/// a group or a list: each town's part is that town's report through the sender. Before,
/// the first town took the whole text (and the second town's status), or the row was
/// lost as one without a task number. Task 24 has no lead: 区水利局, a department among
/// its responsible units, collects it as a lead does. A part that states no status, the
/// row giving none, is 待核实 and said.
#[test]
fn a_consolidations_row_on_several_towns_is_each_towns_report() {
    use common::word::*;
    let header = ["序号", "具体举措", "填报单位", "整改进展情况", "完成状态"];
    let ledger_of = |unit_cell: &str, text: &str| {
        let doc = docx_rs::Docx::new()
            .add_paragraph(para("填报单位：区水利局   填报日期：2020年12月4日"))
            .add_table(table(vec![
                text_row(&header),
                text_row(&[
                    "24",
                    &measure(24),
                    "区水利局",
                    "共排查14处，已全部拆除。",
                    "已完成",
                ]),
                text_row(&["", "", unit_cell, text, ""]),
                text_row(&["21", &measure(21), "区水利局", "已完成改造。", "已完成"]),
                text_row(&["", "", "各镇街", "镇街配合开展巡查。", "长期坚持"]),
            ]));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("区水利局汇总.docx"), docx_bytes(doc)).unwrap();
        ledger_for(dir.path())
    };
    let on_24 = |ledger: &rectify::model::Ledger| {
        let mut out: Vec<(String, Status, Option<String>, String)> = ledger
            .task(24)
            .unwrap()
            .current_reports()
            .map(|r| (r.unit.clone(), r.status, r.via.clone(), r.progress.clone()))
            .collect();
        out.sort();
        out
    };
    let via = || Some("区水利局".to_string());
    let lead = (
        "区水利局".to_string(),
        Status::Completed,
        None,
        "共排查14处，已全部拆除。".to_string(),
    );
    for unit_cell in ["", "各镇街", "来苏镇、宝峰镇"] {
        for text in [
            "来苏镇：拆除2处，已完成。宝峰镇：正在协调拆除1处。",
            "【来苏镇】拆除2处，已完成。【宝峰镇】正在协调拆除1处。",
        ] {
            let ledger = ledger_of(unit_cell, text);
            assert_eq!(
                on_24(&ledger),
                [
                    lead.clone(),
                    (
                        "宝峰镇".to_string(),
                        Status::InProgress,
                        via(),
                        "正在协调拆除1处。".to_string()
                    ),
                    (
                        "来苏镇".to_string(),
                        Status::Completed,
                        via(),
                        "拆除2处，已完成。".to_string()
                    ),
                ],
                "[{unit_cell}] {text}"
            );
            assert!(
                !raised(&ledger, Code::TaskUnmatched),
                "{:#?}",
                ledger.problems
            );
        }
    }
    // A list before one colon: each unit listed has the words.
    let ledger = ledger_of(
        "各镇街",
        "来苏镇、宝峰镇：已完成拆除。双石镇：正在协调拆除1处。",
    );
    let units: Vec<(String, Status)> = on_24(&ledger)
        .into_iter()
        .map(|(u, s, ..)| (u, s))
        .collect();
    assert_eq!(
        units,
        [
            ("区水利局".to_string(), Status::Completed),
            ("双石镇".to_string(), Status::InProgress),
            ("宝峰镇".to_string(), Status::Completed),
            ("来苏镇".to_string(), Status::Completed),
        ]
    );
    // A town's words that state no status, the row's status blank: 待核实, with a warning
    // naming the town. (With the unit cell blank too, the row continues the lead's row
    // above, whose status stands for a part that states none, as in one cell.)
    let ledger = ledger_of("各镇街", "来苏镇：组织开展排查。宝峰镇：正在协调拆除1处。");
    let laisu = reports_of(&ledger, 24, "来苏镇");
    assert_eq!(laisu[0].status, Status::Unclear, "{:#?}", on_24(&ledger));
    assert!(
        ledger.problems.iter().any(|p| p.code == Code::StatusUnclear
            && p.message
                .contains("来苏镇的进展（“组织开展排查。”）没有写明是否完成")),
        "{:#?}",
        ledger.problems
    );
}

/// A status below a text that says all of the work is done (正在推进 or 未完成 beside 已全
/// 部完成…整改) is 待核实, the warning quoting what the unit wrote (adv55 a 3: taken at the
/// status's word); a step of the work done (已全部完成前期调研) is not.
#[test]
fn a_status_below_a_text_saying_all_is_done_is_doubted() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let ledger = read_one(
        "区水利局",
        &header,
        &[
            row(&[
                "21",
                &measure(21),
                "全区35座小水电已全部完成清理整改，生态基流下泄设施全部安装到位。",
                "正在推进",
            ]),
            row(&[
                "26",
                &measure(26),
                "已全面完成水库消落带排查整治，关停违法养殖3处。",
                "未完成",
            ]),
            row(&[
                "24",
                &measure(24),
                "已全部完成前期调研工作，正在编制方案。",
                "正在推进",
            ]),
        ],
    );
    let held = |id: u32| {
        let r = reports_of(&ledger, id, "区水利局");
        r[0].doubt.clone()
    };
    assert!(held(21).is_some_and(|d| d.starts_with("报送“正在推进”")));
    assert!(
        held(26).is_some_and(|d| d.starts_with("报送“未完成”")),
        "{:?}",
        held(26)
    );
    assert_eq!(held(24), None);
    assert_eq!(ledger.task(21).unwrap().status, Status::Unclear);
}

/// A lead's consolidation with 完成状态 merged over a task's rows: a town's row that wrote
/// no progress is not answered by the lead's status above it (adv55 a 6: 金龙镇's blank
/// row, only 详见附件 in 备注, was credited 长期坚持); a town's row with progress takes it.
#[test]
fn a_status_merged_down_from_the_leads_row_is_no_answer_for_a_blank_town_row() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = common::SheetSpec::new("Sheet1")
        .text_row(&[
            "填报单位：区住房城乡建委",
            "",
            "",
            "填报日期：2020年12月5日",
            "",
            "",
        ])
        .text_row(&[
            "序号",
            "具体举措",
            "填报单位",
            "整改进展情况",
            "完成状态",
            "备注",
        ])
        .text_row(&[
            "39",
            &measure(39),
            "区住房城乡建委",
            "全区建成农村居民集聚点污水处理设施86处。",
            "长期坚持",
            "",
        ])
        .text_row(&["", "", "来苏镇", "建成集聚点污水处理设施6处。", "", ""])
        .text_row(&["", "", "金龙镇", "", "", "详见附件"])
        .merge(2, 0, 4, 0)
        .merge(2, 1, 4, 1)
        .merge(2, 4, 4, 4);
    common::write_workbook(&dir.path().join("区住房城乡建委汇总.xlsx"), &[sheet]);
    let ledger = ledger_for(dir.path());
    let status_of = |unit: &str| {
        let r = reports_of(&ledger, 39, unit);
        assert_eq!(
            r.len(),
            1,
            "{unit}: {:#?}",
            ledger.task(39).unwrap().reports
        );
        r[0].status
    };
    assert_eq!(status_of("区住房城乡建委"), Status::Ongoing);
    assert_eq!(status_of("来苏镇"), Status::Ongoing);
    assert_eq!(status_of("金龙镇"), Status::Unclear);
    assert!(
        ledger
            .problems
            .iter()
            .any(|p| p.code == Code::StatusUnclear && p.row == Some(5)),
        "{:#?}",
        ledger.problems
    );
}

/// A lead's parts numbered (1.来苏镇：…), a part 同上 (the part before it), a part 无进展
/// (no work started): each read as the lead means it (second review c 2, c 6: the numbered
/// cell stayed the lead's, 同上。 and 无进展。 took the row's 正在推进). The rest of a group
/// given only a mark (其余镇街：/) stays the lead's words: 其他镇街：无 says the rest have
/// nothing to report.
#[test]
fn numbered_parts_ditto_and_no_progress_in_a_leads_cell() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let ledger = read_one(
        "区农业农村委",
        &header,
        &[row(&[
            "1",
            &measure(1),
            "出台方案。\n1.来苏镇：建成6处。\n2.宝峰镇：同上\n3.朱沱镇：无进展。\n其余镇街：/",
            "正在推进",
        ])],
    );
    let of = |unit: &str| {
        let r = reports_of(&ledger, 1, unit);
        assert_eq!(r.len(), 1, "{unit}: {r:#?}");
        (r[0].status, r[0].progress.clone())
    };
    assert_eq!(of("来苏镇"), (Status::InProgress, "建成6处。".into()));
    assert_eq!(of("宝峰镇"), (Status::InProgress, "建成6处。".into()));
    assert_eq!(of("朱沱镇"), (Status::NotStarted, "无进展。".into()));
    assert_eq!(
        of("区农业农村委"),
        (Status::InProgress, "出台方案。其余镇街：/。".into())
    );
}

/// Towns written short in a lead's cell (来苏：…。宝峰：…。中山路：…): each its own part,
/// as 来苏镇：… is (adv56 a 4: the whole cell stayed the lead's, the towns 未报送 and
/// chased). A short name that is no town's (永川：) is no label.
#[test]
fn towns_written_short_in_a_leads_cell_are_each_their_own_part() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let ledger = read_one(
        "区城市管理局",
        &header,
        &[row(&[
            "28",
            &measure(28),
            "已印发考核办法。来苏：已建立清漂队伍，已完成。宝峰：清漂船正在采购。双石：未启动。",
            "",
        ])],
    );
    let of = |unit: &str| {
        let r = reports_of(&ledger, 28, unit);
        assert_eq!(r.len(), 1, "{unit}: {r:#?}");
        (r[0].status, r[0].progress.clone())
    };
    assert_eq!(
        of("来苏镇"),
        (Status::Completed, "已建立清漂队伍，已完成。".into())
    );
    assert_eq!(
        of("宝峰镇"),
        (Status::InProgress, "清漂船正在采购。".into())
    );
    assert_eq!(of("双石镇"), (Status::NotStarted, "未启动。".into()));
    assert_eq!(of("区城市管理局").1, "已印发考核办法。");
    let ledger = read_one(
        "区城市管理局",
        &header,
        &[row(&[
            "28",
            &measure(28),
            "永川：已建立清漂队伍。",
            "正在推进",
        ])],
    );
    assert_eq!(reports_of(&ledger, 28, "区城市管理局").len(), 1);
}

/// A lead's cell of towns' parts that also says something of the rest (其他镇街：正在推进):
/// the towns named are still each their own report, the rest the lead's words (adv55 a 1:
/// the whole cell was the lead's, the towns 未报送, no message). A town given only a mark
/// (双石镇：/) is no report of it, and said (a 2: counted 正在推进 from the row's cell);
/// a town's part whose words give its status keeps no 原文状态 of the row's (a 10).
#[test]
fn towns_parts_beside_the_rest_of_the_towns_and_a_mark() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let ledger = read_one(
        "区农业农村委",
        &header,
        &[row(&[
            "1",
            &measure(1),
            "出台方案。\n来苏镇：建成6处。\n宝峰镇：不涉及。\n双石镇：/\n其他镇街：正在推进。",
            "正在推进",
        ])],
    );
    let of = |unit: &str| {
        let r = reports_of(&ledger, 1, unit);
        assert_eq!(r.len(), 1, "{unit}: {r:#?}");
        (r[0].status, r[0].progress.clone(), r[0].status_text.clone())
    };
    assert_eq!(
        of("来苏镇"),
        (Status::InProgress, "建成6处。".into(), "正在推进".into())
    );
    assert_eq!(
        of("宝峰镇"),
        (Status::NotApplicable, "不涉及。".into(), String::new())
    );
    let (status, words, _) = of("区农业农村委");
    assert_eq!(status, Status::InProgress);
    assert!(
        words.contains("出台方案。") && words.contains("其他镇街：正在推进。"),
        "{words}"
    );
    assert!(reports_of(&ledger, 1, "双石镇").is_empty());
    assert!(
        ledger
            .problems
            .iter()
            .any(|p| p.code == Code::NothingFilled
                && p.message.contains("双石镇只填写了“/”“无”等符号")),
        "{:#?}",
        ledger.problems
    );
}

/// More of a consolidation's rows on several towns (adv49 c, d): a phrase holding a
/// town's name before a colon (督促来苏镇、宝峰镇：, 宝峰镇反映：) is no label, and the row
/// stays the sender's with no warning that it is a town's; the lead's closing sentence
/// (下一步，我局…) or a group's (其余镇街…) is not the last town's; a town whose words
/// contradict the row's status (尚未拆除 under 已完成) is 待核实, its doubt saying whose
/// status it was; towns that only cooperate (task 23) are each credited, the department
/// keeping the row as its own answer.
#[test]
fn a_consolidations_town_parts_are_told_apart_from_the_leads_words() {
    use common::word::*;
    let ledger_of = |id: u32, unit_cell: &str, text: &str, status: &str| {
        let doc = docx_rs::Docx::new()
            .add_paragraph(para("填报单位：区水利局   填报日期：2020年12月4日"))
            .add_table(table(vec![
                text_row(&["序号", "具体举措", "填报单位", "整改进展情况", "完成状态"]),
                text_row(&[&id.to_string(), &measure(id), unit_cell, text, status]),
            ]));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("区水利局汇总.docx"), docx_bytes(doc)).unwrap();
        ledger_for(dir.path())
    };
    let units_of = |ledger: &rectify::model::Ledger, id: u32| {
        let mut u: Vec<(String, Status)> = ledger
            .task(id)
            .unwrap()
            .current_reports()
            .map(|r| (r.unit.clone(), r.status))
            .collect();
        u.sort();
        u
    };
    let own = |s: Status| vec![("区水利局".to_string(), s)];
    for text in [
        "督促来苏镇、宝峰镇：限期拆除拦河设施，正在推进。",
        "宝峰镇反映：来苏镇已拆除2处，正在推进。",
        "除来苏镇外，其余镇街：均正在拆除。",
    ] {
        let ledger = ledger_of(24, "区水利局", text, "正在推进");
        assert_eq!(units_of(&ledger, 24), own(Status::InProgress), "{text}");
        assert!(
            !raised(&ledger, Code::UnitAmbiguous),
            "{text}: {:#?}",
            ledger.problems
        );
    }
    let ledger = ledger_of(
        24,
        "各镇街",
        "来苏镇：已拆除2处，已完成。宝峰镇：已拆除1处，已完成。下一步，我局将持续开展巡查。",
        "",
    );
    assert_eq!(
        reports_of(&ledger, 24, "宝峰镇")[0].progress,
        "已拆除1处，已完成。"
    );
    assert_eq!(
        reports_of(&ledger, 24, "宝峰镇")[0].status,
        Status::Completed
    );
    let ledger = ledger_of(24, "各镇街", "来苏镇：已完成。其余镇街正在排查。", "");
    let laisu = reports_of(&ledger, 24, "来苏镇");
    assert_eq!(
        (laisu[0].status, laisu[0].progress.as_str()),
        (Status::Completed, "已完成。")
    );
    let ledger = ledger_of(
        24,
        "各镇街",
        "来苏镇、双石镇：已全部拆除，已完成。宝峰镇：尚未拆除。",
        "已完成",
    );
    let baofeng = &reports_of(&ledger, 24, "宝峰镇")[0];
    assert_eq!(baofeng.status, Status::Unclear);
    assert_eq!(
        baofeng.doubt.as_deref(),
        Some("进展写明“尚未拆除”，区水利局汇总时填写的完成状态为“已完成”")
    );
    assert_eq!(
        reports_of(&ledger, 24, "双石镇")[0].status,
        Status::Completed
    );
    // Task 23: the towns cooperate.
    let ledger = ledger_of(
        23,
        "各镇街",
        "来苏镇：完成清淤5条，长期坚持。宝峰镇：加固河堤900米，正在推进。",
        "长期坚持",
    );
    assert_eq!(
        units_of(&ledger, 23),
        [
            ("区水利局".to_string(), Status::Ongoing),
            ("宝峰镇".to_string(), Status::InProgress),
            ("来苏镇".to_string(), Status::Ongoing),
        ]
    );
    assert_eq!(
        reports_of(&ledger, 23, "来苏镇")[0].via.as_deref(),
        Some("区水利局")
    );
}

/// A consolidation's 填报单位 column naming towns one by one and two together, however few
/// its rows (adv49 c 1: three rows were all credited to the lead), and the same town on
/// two rows under a task (adv49 c 6: the second row and every row after it were lost as
/// rows without a task number).
#[test]
fn a_consolidations_unit_column_is_read_on_few_rows_and_repeated_units() {
    let header = ["序号", "具体举措", "填报单位", "整改进展情况", "完成状态"];
    let spec = SheetSpec::new("汇总")
        .text_row(&["填报单位：区农业农村委", "", "", "填报日期：2020年12月4日"])
        .text_row(&header)
        .text_row(&[
            "1",
            &measure(1),
            "来苏镇、宝峰镇",
            "完成池塘改造。",
            "正在推进",
        ])
        .text_row(&[
            "4",
            &measure(4),
            "宝峰镇",
            "推广测土配方施肥1万亩。",
            "长期坚持",
        ])
        .text_row(&[
            "5",
            &measure(5),
            "双石镇",
            "完成沟渠整治3公里。",
            "正在推进",
        ]);
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("区农业农村委汇总.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert_eq!(units_on(&ledger, 1), ["来苏镇", "宝峰镇"]);
    assert_eq!(units_on(&ledger, 4), ["宝峰镇"]);
    assert_eq!(units_on(&ledger, 5), ["双石镇"]);

    let spec = SheetSpec::new("汇总")
        .text_row(&["填报单位：区农业农村委", "", "", "填报日期：2020年12月4日"])
        .text_row(&header)
        .text_row(&[
            "4",
            &measure(4),
            "区农业农村委",
            "推广测土配方施肥60万亩。",
            "长期坚持",
        ])
        .text_row(&["", "", "来苏镇", "推广测土配方施肥2万亩。", "长期坚持"])
        .text_row(&["", "", "来苏镇", "另推广水肥一体化100亩。", "长期坚持"])
        .text_row(&["", "", "宝峰镇", "推广测土配方施肥1万亩。", "长期坚持"]);
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("区农业农村委汇总.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let mut on_4 = units_on(&ledger, 4);
    on_4.sort();
    assert_eq!(on_4, ["区农业农村委", "宝峰镇", "来苏镇"]);
    assert!(
        reports_of(&ledger, 4, "来苏镇")[0]
            .progress
            .contains("另推广水肥一体化100亩"),
        "{:#?}",
        ledger.task(4).unwrap().reports
    );
    assert!(
        !raised(&ledger, Code::TaskUnmatched),
        "{:#?}",
        ledger.problems
    );
}

#[test]
fn a_leads_text_town_by_town_is_each_towns_report() {
    use common::word::*;
    let header = ["序号", "具体举措", "责任单位", "整改进展情况", "完成状态"];
    let ledger_of = |rows: Vec<docx_rs::TableRow>| {
        let mut all = vec![text_row(&header)];
        all.extend(rows);
        let doc = docx_rs::Docx::new()
            .add_paragraph(para("填报单位：区农业农村委   填报日期：2020年12月4日"))
            .add_table(table(all));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("区农业农村委汇总.docx"), docx_bytes(doc)).unwrap();
        ledger_for(dir.path())
    };
    let reports = |ledger: &rectify::model::Ledger, id: u32| {
        let mut out: Vec<(String, Status, Option<String>, String)> = ledger
            .task(id)
            .unwrap()
            .current_reports()
            .map(|r| (r.unit.clone(), r.status, r.via.clone(), r.progress.clone()))
            .collect();
        out.sort();
        out
    };
    // (unit, status, through the lead, words)
    let rep = |unit: &str, status: Status, via: bool, text: &str| {
        (
            unit.to_string(),
            status,
            via.then(|| "区农业农村委".to_string()),
            text.to_string(),
        )
    };
    let ledger = ledger_of(vec![
        text_row(&[
            "1",
            &measure(1),
            "各镇街",
            "来苏镇：正在推进池塘标准化改造；\n宝峰镇：已全部完成尾水处理设施建设；\n何埂镇：尚未启动。",
            "",
        ]),
        text_row(&[
            "4",
            &measure(4),
            "各镇街",
            "区农业农村委：已制定推广方案。来苏镇：正在推进水肥一体化建设。",
            "正在推进",
        ]),
    ]);
    assert_eq!(
        reports(&ledger, 1),
        [
            rep("何埂镇", Status::NotStarted, true, "尚未启动。"),
            rep(
                "宝峰镇",
                Status::Completed,
                true,
                "已全部完成尾水处理设施建设。"
            ),
            rep(
                "来苏镇",
                Status::InProgress,
                true,
                "正在推进池塘标准化改造。"
            ),
        ]
    );
    // The lead's own words are its own; a part stating no status takes the row's.
    assert_eq!(
        reports(&ledger, 4),
        [
            rep(
                "区农业农村委",
                Status::InProgress,
                false,
                "已制定推广方案。"
            ),
            rep(
                "来苏镇",
                Status::InProgress,
                true,
                "正在推进水肥一体化建设。"
            ),
        ]
    );
    // Every part stated its status: the row's warning that it had none is moot.
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
    let town = ledger.units.iter().find(|u| u.name == "何埂镇").unwrap();
    assert!(!town.missing.contains(&1), "{:?}", town.missing);

    // One sub-row a town, the 序号 merged down over them.
    let sub = |first: bool, text: &str, status: &str| {
        let merged = |above: &str| {
            if first {
                merge_start(above)
            } else {
                merge_continue()
            }
        };
        docx_rs::TableRow::new(vec![
            merged("1"),
            merged(&measure(1)),
            cell(&["各镇街"]),
            cell(&[text]),
            cell(&[status]),
        ])
    };
    let ledger = ledger_of(vec![
        sub(true, "来苏镇：完成池塘标准化改造12口。", "已完成"),
        sub(false, "宝峰镇：尾水处理设施正在建设。", "正在推进"),
    ]);
    assert_eq!(
        reports(&ledger, 1),
        [
            rep("宝峰镇", Status::InProgress, true, "尾水处理设施正在建设。"),
            rep(
                "来苏镇",
                Status::Completed,
                true,
                "完成池塘标准化改造12口。"
            ),
        ]
    );
    assert!(
        !raised(&ledger, Code::UnitAmbiguous),
        "{:#?}",
        ledger.problems
    );

    // A town the lead says sent nothing (宝峰镇：未报送) has no report, and a note says
    // why (adv48 a01: it was counted 已完成).
    let ledger = ledger_of(vec![text_row(&[
        "1",
        &measure(1),
        "各镇街",
        "来苏镇：已完成池塘改造。宝峰镇：未报送。",
        "已完成",
    ])]);
    assert_eq!(
        reports(&ledger, 1),
        [rep("来苏镇", Status::Completed, true, "已完成池塘改造。")]
    );
    assert!(
        said(&ledger, Code::ReadNote, "宝峰镇未报送"),
        "{:#?}",
        ledger.problems
    );
    // The lead answered with its towns' words alone, and not every town's: what they
    // say is done waits for the rest.
    assert_eq!(ledger.task(1).unwrap().status, Status::Confirming);
    // The lead's own sentences, before the first town's or after a town's words (我委…,
    // 其余镇街…), are the lead's, not the town's before them (adv48 a02).
    let ledger = ledger_of(vec![text_row(&[
        "1",
        &measure(1),
        "各镇街",
        "我委已印发推广方案。来苏镇：已完成池塘改造。宝峰镇：已完成。其余镇街正在推进。",
        "正在推进",
    ])]);
    assert_eq!(
        reports(&ledger, 1),
        [
            rep(
                "区农业农村委",
                Status::InProgress,
                false,
                "我委已印发推广方案。其余镇街正在推进。"
            ),
            rep("宝峰镇", Status::Completed, true, "已完成。"),
            rep("来苏镇", Status::Completed, true, "已完成池塘改造。"),
        ]
    );

    // Towns' parts typed on one line, a space between them (adv48 a07: one town's).
    let ledger = ledger_of(vec![text_row(&[
        "1",
        &measure(1),
        "各镇街",
        "来苏镇：已完成池塘改造 宝峰镇：尾水处理设施正在建设",
        "",
    ])]);
    assert_eq!(
        reports(&ledger, 1),
        [
            rep("宝峰镇", Status::InProgress, true, "尾水处理设施正在建设。"),
            rep("来苏镇", Status::Completed, true, "已完成池塘改造。"),
        ]
    );

    // 区水利局 has no part in task 1 and 各镇街 is a group: the lead's words.
    for text in ["区水利局：已完成。", "各镇街：正在推进池塘改造。"] {
        let ledger = ledger_of(vec![text_row(&[
            "1",
            &measure(1),
            "各镇街",
            text,
            "正在推进",
        ])]);
        assert_eq!(units_on(&ledger, 1), ["区农业农村委"], "{text}");
    }
    // The rest of a group after a town's part (其余镇街：) is the lead's words, not more of
    // 来苏镇's (adv47 a03), and 来苏镇's part is its own (adv55 a 1: all the lead's).
    let ledger = ledger_of(vec![text_row(&[
        "1",
        &measure(1),
        "各镇街",
        "来苏镇：已完成池塘改造；其余镇街：正在推进。",
        "正在推进",
    ])]);
    let mut units = units_on(&ledger, 1);
    units.sort();
    assert_eq!(units, ["区农业农村委", "来苏镇"]);
    let laisu = reports_of(&ledger, 1, "来苏镇");
    assert_eq!(laisu[0].progress, "已完成池塘改造。");
    assert_eq!(
        reports_of(&ledger, 1, "区农业农村委")[0].progress,
        "其余镇街：正在推进。"
    );
}

/// A Word return whose progress cell says 详见批注 and whose text is in a Word comment
/// (批注) on that cell: the comment is the progress, as in a spreadsheet (before, the
/// progress read 详见批注 and the comment was lost).
#[test]
fn a_word_cells_comment_is_read_where_the_cell_points_to_it() {
    use common::word::*;
    use docx_rs::{Comment, Paragraph, Run, TableCell, TableRow};
    let dir = tempfile::tempdir().unwrap();
    let said = "每季度公开饮用水水质监测信息，已公开4期。";
    let comment = Comment::new(1).author("区卫健委").add_paragraph(para(said));
    let pointing = Paragraph::new()
        .add_comment_start(comment)
        .add_run(Run::new().add_text("详见批注"))
        .add_comment_end(1);
    let doc = docx_rs::Docx::new()
        .add_paragraph(para("填报单位：区卫健委    填报日期：2020年12月4日"))
        .add_table(table(vec![
            text_row(&["序号", "具体举措", "整改进展情况", "完成状态"]),
            TableRow::new(vec![
                cell(&["53"]),
                cell(&[&measure(53)]),
                TableCell::new().add_paragraph(pointing),
                cell(&["长期坚持"]),
            ]),
        ]));
    std::fs::write(dir.path().join("区卫健委.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let r = only_report(&ledger, 53);
    assert_eq!(r.progress, said);
    assert_eq!(r.status, Status::Ongoing);
}

/// A completion date after the return was filed, on a row not reported done, is when
/// the unit plans to finish: kept in the note, not the completion date (the workbook
/// showed 完成时间 2021-06-30 for a 正在推进 row). A completion date years before the
/// plan, or months after the round's date on a 已完成 row (then 待核实), is warned of as
/// a slip of the year.
#[test]
fn completion_dates_after_the_filing_day_or_years_before_the_plan() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    let ledger = read_one(
        "区水利局",
        &header,
        &[
            row(&[
                "20",
                &measure(20),
                "正在协调纳入规划。",
                "正在推进",
                "2021年6月底",
            ]),
            row(&[
                "26",
                &measure(26),
                "规划已编制。",
                "已完成",
                "2020年9月28日",
            ]),
            row(&[
                "55",
                &measure(55),
                "水质监管已加强。",
                "已完成",
                "2002-09-30",
            ]),
            row(&[
                "24",
                &measure(24),
                "拦河设施已拆除。",
                "已完成",
                "2029年9月30日",
            ]),
        ],
    );
    let r = only_report(&ledger, 20);
    assert_eq!(r.completed_on, None);
    assert!(r.note.contains("完成时间：2021年6月底"), "{}", r.note);
    assert_eq!(
        only_report(&ledger, 26).completed_on,
        Some(date(2020, 9, 28))
    );
    assert_eq!(
        only_report(&ledger, 55).completed_on,
        Some(date(2002, 9, 30))
    );
    let slips: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.message.contains("可能是年份填写有误"))
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(slips.len(), 2, "{:#?}", ledger.problems);
    assert!(slips[0].contains("2002-09-30"), "{}", slips[0]);
    // Years after the round's date (and the filing day): a slip too, warned of, and
    // the report to verify (not under way: the unit said done).
    assert_eq!(
        only_report(&ledger, 24).counted_status(ledger.as_of),
        Status::Unclear
    );
    let late = ledger
        .problems
        .iter()
        .find(|p| p.code == Code::StatusContradicted && p.row == Some(6))
        .unwrap();
    assert_eq!(late.severity, Severity::Warning);
    assert!(late.message.contains("“2029年9月30日”"), "{}", late.message);
    assert!(
        late.message.contains("可能是年份填写有误"),
        "{}",
        late.message
    );
}

/// One Word document carrying a second unit's table under a title naming it (附：区河长办
/// 整改任务进展情况表), with no 填报单位 line: that table's rows are the named unit's
/// (before, 区河长办's 已完成 on task 49 was credited to the sender as a co-operator and
/// 区河长办 stayed missing).
#[test]
fn a_second_units_table_under_its_title_in_one_word_document_is_that_units() {
    use common::word::*;
    let dir = tempfile::tempdir().unwrap();
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let doc = docx_rs::Docx::new()
        .add_paragraph(para("区水利局整改任务进展情况表"))
        .add_paragraph(para("填报单位：区水利局    填报日期：2020年12月4日"))
        .add_table(table(vec![
            text_row(&header),
            text_row(&["24", &measure(24), "已拆除拦河设施5处。", "已完成"]),
        ]))
        .add_paragraph(para(
            "附：区河长办整改任务进展情况表（区河长办设在我局，一并报送）",
        ))
        .add_table(table(vec![
            text_row(&header),
            text_row(&["56", &measure(56), "河长制各项制度已落实。", "长期坚持"]),
        ]));
    std::fs::write(dir.path().join("区水利局.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    assert_eq!(only_report(&ledger, 24).unit, "区水利局");
    assert_eq!(units_on(&ledger, 56), ["区河长办"]);
    assert!(!raised(&ledger, Code::Unassigned), "{:#?}", ledger.problems);
}

/// 不涉及 where units put it beside a dashed status: a short 备注 saying there is nothing
/// of the kind (我镇无此类情况), or 不涉及 under 完成时间 (which is then no unreadable
/// date).
#[test]
fn not_applicable_in_the_note_or_the_completion_column() {
    let header = [
        "序号",
        "具体举措",
        "整改进展情况",
        "完成状态",
        "完成时间",
        "备注",
    ];
    let ledger = read_one(
        "双石镇",
        &header,
        &[
            row(&["27", &measure(27), "/", "/", "/", "我镇无此类情况"]),
            row(&["28", &measure(28), "", "", "不涉及", ""]),
            row(&[
                "34",
                &measure(34),
                "已开展巡查。",
                "/",
                "",
                "巡查中发现部分问题",
            ]),
        ],
    );
    for id in [27, 28] {
        assert_eq!(
            only_report(&ledger, id).status,
            Status::NotApplicable,
            "{id}"
        );
    }
    assert_ne!(only_report(&ledger, 34).status, Status::NotApplicable);
    assert!(
        !raised(&ledger, Code::DateUnreadable),
        "{:#?}",
        ledger.problems
    );
}

/// A 完成时限 the unit moved, written over the plan's (2021年3月底（已申请延期）) or in
/// an added 调整后完成时限 column, is kept: the report's table says it beside the unit's
/// progress, the overdue list names it, and a warning asks the clerk to check the
/// extension; the plan's deadline still decides 逾期. The plan's deadline copied (in
/// another spelling) and an empty adjusted cell move nothing, and the added column's
/// text is not taken for a note.
#[test]
fn a_deadline_the_unit_moved_is_reported_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    // Task 3 is 何埂镇's, due 2020年12月底; task 5 every 镇街's, 2020年12月底完成,并长期坚持.
    let edited = [
        row(&[
            "3",
            &measure(3),
            "2021年3月底（已申请延期）",
            "设施主体已完工，正在调试。",
            "正在推进",
        ]),
        row(&[
            "5",
            &measure(5),
            "2020年12月31日",
            "排灌渠系整治完成80%。",
            "正在推进",
        ]),
    ];
    write_workbook(
        &dir.path().join("何埂镇.xlsx"),
        &[sheet(
            "何埂镇",
            &["序号", "具体举措", "完成时限", "整改进展情况", "完成状态"],
            &edited,
        )],
    );
    // Task 8 is 区农业农村委's, due 2020年9月底 (overdue at the round's date); task 7 too,
    // 2020年12月底, its adjusted cell left empty.
    let added = [
        row(&[
            "8",
            &measure(8),
            "2020年9月底",
            "2021年6月底",
            "规划已完成初稿，正在征求意见。",
            "正在推进",
        ]),
        row(&[
            "7",
            &measure(7),
            "2020年12月底",
            "",
            "已立案调查。",
            "正在推进",
        ]),
    ];
    write_workbook(
        &dir.path().join("区农业农村委.xlsx"),
        &[sheet(
            "区农业农村委",
            &[
                "序号",
                "具体举措",
                "完成时限",
                "调整后完成时限",
                "整改进展情况",
                "完成状态",
            ],
            &added,
        )],
    );
    let ledger = ledger_for(dir.path());
    let moved = |id: u32, unit: &str| reports_of(&ledger, id, unit)[0].deadline_moved.clone();
    assert_eq!(
        moved(3, "何埂镇").as_deref(),
        Some("2021年3月底（已申请延期）")
    );
    assert_eq!(moved(5, "何埂镇"), None, "the plan's deadline copied");
    assert_eq!(moved(8, "区农业农村委").as_deref(), Some("2021年6月底"));
    assert_eq!(moved(7, "区农业农村委"), None, "adjusted cell left empty");
    let r8 = reports_of(&ledger, 8, "区农业农村委")[0].clone();
    assert!(!r8.note.contains("2021年6月底"), "not a note: {}", r8.note);
    assert!(
        ledger.task(8).unwrap().overdue,
        "the plan's deadline still counts"
    );
    let warned: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::DeadlineChanged)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert!(warned
        .iter()
        .any(|m| m.contains("何埂镇填报第3项的完成时限为“2021年3月底（已申请延期）”")));
    assert!(warned.iter().any(|m| m.contains("方案规定为“2020年9月底”")));
    assert!(!raised(&ledger, Code::ColumnUnknown));

    let docx = rectify::report_docx(&ledger, &rectify::Templates::default()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip::ZipArchive::new(std::io::Cursor::new(docx))
            .unwrap()
            .by_name("word/document.xml")
            .unwrap(),
        &mut xml,
    )
    .unwrap();
    let text: String = xml
        .split('<')
        .filter_map(|piece| {
            piece.strip_prefix("w:t>").or_else(|| {
                piece
                    .split_once("w:t xml:space=\"preserve\">")
                    .map(|(_, t)| t)
            })
        })
        .collect();
    assert!(
        text.contains(
            "何埂镇：设施主体已完工，正在调试。（完成时限填报为“2021年3月底（已申请延期）”）"
        ),
        "the table's line"
    );
    assert!(
        text.contains("（区农业农村委填报完成时限为“2021年6月底”）"),
        "the overdue list"
    );
}

/// A sheet that numbers a task's items 6-1 … 6-8 reads 6-7 and 6-8 as items of task 6
/// too, not as the ranges 6–7 and 6–8 (which would report task 7 and task 8); a lone
/// 20-21 on another sheet is still tasks 20 and 21.
#[test]
fn hyphenated_item_numbers_are_items_of_their_task() {
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<Vec<String>> = (1..=8)
        .map(|i| {
            row(&[
                &format!("6-{i}"),
                "",
                &format!("第{i}项措施已落实。"),
                "正在推进",
            ])
        })
        .collect();
    write_workbook(
        &dir.path().join("区农业农村委.xlsx"),
        &[sheet(
            "区农业农村委",
            &["序号", "具体举措", "整改进展情况", "完成状态"],
            &rows,
        )],
    );
    let ledger = ledger_for(dir.path());
    let on6 = reports_of(&ledger, 6, "区农业农村委");
    let text: String = on6.iter().map(|r| r.progress.clone()).collect();
    for i in 1..=8 {
        assert!(
            text.contains(&format!("第{i}项措施已落实。")),
            "item {i}: {text}"
        );
    }
    for other in [7, 8] {
        assert!(
            reports_of(&ledger, other, "区农业农村委").is_empty(),
            "6-{other} is no report on task {other}"
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        row(&["19", &measure(19), "已完成整治。", "已完成"]),
        row(&["20-21", "", "两项一并推进。", "正在推进"]),
    ];
    write_workbook(
        &dir.path().join("区水利局.xlsx"),
        &[sheet(
            "区水利局",
            &["序号", "具体举措", "整改进展情况", "完成状态"],
            &rows,
        )],
    );
    let ledger = ledger_for(dir.path());
    for id in [20, 21] {
        assert_eq!(
            units_on(&ledger, id),
            vec!["区水利局".to_string()],
            "task {id}"
        );
    }
}

/// A lead unit's workbook, named for it, with its own sheet and a sheet per partner
/// (named 来苏镇, 宝峰镇): the partners' reports came through the lead unit (`via`), as
/// rows naming their unit in one sheet do. A workbook named for no unit that gathers
/// two units' sheets (a clerk's merge) makes neither the other's carrier.
#[test]
fn partner_sheets_in_a_lead_units_workbook_came_through_it() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = || {
        progress_rows(&[
            ("1", "推进尾水治理。", "正在推进"),
            ("5", "整治排灌渠系。", "正在推进"),
        ])
    };
    let partner = |town: &str| {
        let mut spec = SheetSpec::new(town).text_row(&header);
        for r in rows() {
            let cells: Vec<&str> = r.iter().map(String::as_str).collect();
            spec = spec.text_row(&cells);
        }
        spec
    };
    let dir = tempfile::tempdir().unwrap();
    write_workbook(
        &dir.path().join("区农业农村委.xlsx"),
        &[
            sheet("区农业农村委", &header, &rows()),
            partner("来苏镇"),
            partner("宝峰镇"),
        ],
    );
    let ledger = ledger_for(dir.path());
    for id in [1, 5] {
        let lead = reports_of(&ledger, id, "区农业农村委");
        assert_eq!(lead.len(), 1);
        assert_eq!(lead[0].via, None);
        for town in ["来苏镇", "宝峰镇"] {
            let r = reports_of(&ledger, id, town);
            assert_eq!(r.len(), 1, "task {id} {town}");
            assert_eq!(
                r[0].via.as_deref(),
                Some("区农业农村委"),
                "task {id} {town}"
            );
        }
    }
    let town = ledger.units.iter().find(|u| u.name == "来苏镇").unwrap();
    assert_eq!(town.via, vec!["区农业农村委".to_string()]);

    let dir = tempfile::tempdir().unwrap();
    write_workbook(
        &dir.path().join("汇总.xlsx"),
        &[partner("来苏镇"), partner("宝峰镇")],
    );
    let ledger = ledger_for(dir.path());
    for town in ["来苏镇", "宝峰镇"] {
        let r = reports_of(&ledger, 1, town);
        assert_eq!(r.len(), 1, "{town}");
        assert_eq!(r[0].via, None, "{town}");
    }
}

/// The bureau's whole 台账 sent back with the rows that are not the unit's hidden (a
/// filter, or rows hidden by hand): the hidden rows on other units' tasks are passed over
/// (one info, no 未分工 warning, nothing said of their statuses), the unit's own visible
/// rows read; a hidden row on a task of its own is the copy's too (passed over, with a
/// warning naming it: the unit is asked to unhide it if it is this round's).
#[test]
fn hidden_rows_of_other_units_tasks_in_a_sent_back_ledger_are_passed_over() {
    let unit = "何埂镇";
    let plan = plan();
    let role = |id: u32| plan.role_of(plan.task(id).unwrap(), unit);
    let ids: Vec<u32> = (1..=20).collect();
    let rows: Vec<Vec<String>> = ids
        .iter()
        .map(|&id| {
            let text = format!("第{id}项的进展。");
            row(&[&id.to_string(), &measure(id), &text, "进展顺利，待验收"])
        })
        .collect();
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let mut spec = sheet(unit, &header, &rows);
    let own: Vec<u32> = ids
        .iter()
        .copied()
        .filter(|&id| role(id) != rectify::plan::Role::Unassigned)
        .collect();
    assert!(own.contains(&3) && own.len() < 10, "{own:?}");
    // Rows start under the 填报单位 line and the header (0-based row 2 is task 1); task
    // 3's row is hidden too: a task of its own, passed over with the copy.
    for &id in &ids {
        if !own.contains(&id) || id == 3 {
            spec = spec.hide_row(id + 1);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("整改台账（何埂镇更新）.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let with_reports: Vec<u32> = ledger
        .tasks
        .iter()
        .filter(|t| t.current_reports().any(|r| r.unit == unit))
        .map(|t| t.id)
        .collect();
    let visible: Vec<u32> = own.iter().copied().filter(|&id| id != 3).collect();
    assert_eq!(with_reports, visible);
    let passed = ledger
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::HiddenOther)
        .count();
    assert_eq!(passed, ids.len() - own.len());
    let copy: Vec<u32> = ledger
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::HiddenCopy)
        .map(|s| s.row - 2)
        .collect();
    assert_eq!(copy, [3]);
    assert!(
        ledger.problems.iter().any(|p| p.code == Code::Unassigned
            && p.severity == Severity::Warning
            && p.message.contains("（第3项）是何埂镇承担的任务")),
        "{:#?}",
        ledger.problems
    );
    let infos: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::Unassigned)
        .map(|p| p.message.as_str())
        .collect();
    // One info on the other units' rows, one warning on its own hidden row; no warning
    // of progress on tasks not the unit's.
    assert_eq!(infos.len(), 2, "{infos:?}");
    assert!(
        infos
            .iter()
            .any(|i| i.contains(&format!("表中已隐藏的{passed}行"))),
        "{infos:?}"
    );
    // Statuses were said to be unclear only on the rows read.
    let unclear: Vec<u32> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::StatusUnclear)
        .filter_map(|p| p.row)
        .collect();
    assert_eq!(unclear.len(), visible.len(), "{unclear:?}");
}

/// The whole table sent back with last round's words in every row and the rows not
/// filled this round hidden: a hidden row on a task the unit cooperates on, leads or is
/// responsible for is the copy's old words too (passed over, one warning each naming
/// them), not the unit's progress (adv42 c11, adv43 b59: last round's 该项工作已全部完成。
/// was counted a completion).
#[test]
fn hidden_rows_of_a_copy_on_tasks_the_unit_helps_with_are_passed_over() {
    let unit = "区水利局";
    let plan = plan();
    let role = |id: u32| plan.role_of(plan.task(id).unwrap(), unit);
    use rectify::plan::Role;
    assert_eq!(role(48), Role::Cooperating);
    assert_eq!(role(24), Role::Responsible);
    let filled = [20, 21, 23, 26, 55];
    let rows: Vec<Vec<String>> = (1..=63)
        .map(|id: u32| {
            let (text, status) = if filled.contains(&id) {
                ("本期进展。", "正在推进")
            } else {
                ("该项工作已全部完成。", "已完成")
            };
            row(&[&id.to_string(), &measure(id), text, status])
        })
        .collect();
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let mut spec = sheet(unit, &header, &rows);
    for id in 1..=63u32 {
        if !filled.contains(&id) {
            spec = spec.hide_row(id + 1);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("区水利局整改进展.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert!(reports_of(&ledger, 48, unit).is_empty());
    assert!(reports_of(&ledger, 24, unit).is_empty());
    assert_eq!(reports_of(&ledger, 20, unit).len(), 1);
    let copy: Vec<u32> = ledger
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::HiddenCopy)
        // Under the 填报单位 line and the header: task 1 on row 3.
        .map(|s| s.row - 2)
        .collect();
    let own: Vec<u32> = (1..=63)
        .filter(|&id| !filled.contains(&id) && role(id) != Role::Unassigned)
        .collect();
    assert!(own.contains(&24) && own.contains(&48), "{own:?}");
    assert_eq!(copy, own);
    let warned: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::Unassigned && p.severity == Severity::Warning)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert!(warned[0].contains("是区水利局承担的任务"), "{}", warned[0]);
    assert!(warned[1].contains("是区水利局配合的任务"), "{}", warned[1]);
}

/// A 完成时间 written as a span (2020年9月—11月, 9月至11月) dates the work by the span's
/// end; a date beside a status that is not done (正在推进, 未启动) is no completion: it
/// stays in the note under its header, and the report never says 正在推进，完成时间….
#[test]
fn a_completion_span_ends_the_work_and_undone_rows_have_no_completion_date() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    let rows = vec![
        row(&[
            "3",
            &measure(3),
            "尾水处理设施已建成。",
            "已完成",
            "2020年9月—11月",
        ]),
        row(&["5", &measure(5), "排灌渠系整治。", "已完成", "9月至10月"]),
        row(&[
            "11",
            &measure(11),
            "正在推进整治。",
            "正在推进",
            "2020年10月",
        ]),
    ];
    let ledger = read_one("何埂镇", &header, &rows);
    assert_eq!(
        only_report(&ledger, 3).completed_on,
        Some(date(2020, 11, 30))
    );
    assert_eq!(
        only_report(&ledger, 5).completed_on,
        Some(date(2020, 10, 31))
    );
    let r11 = only_report(&ledger, 11);
    assert_eq!(r11.status, Status::InProgress);
    assert_eq!(r11.completed_on, None);
    assert!(r11.note.contains("完成时间：2020年10月"), "{}", r11.note);
}

/// A unit whose only return is dated before this round's notice (plan.toml
/// notice_date 2020-11-20) is warned of, its progress still counted; a unit that also
/// sent a return dated after the notice is not.
#[test]
fn a_unit_whose_latest_return_predates_the_notice_is_warned_of() {
    let dated = |unit: &str, on: &str, text: &str| {
        SheetSpec::new("进展情况")
            .text_row(&[&format!("填报单位：{unit}"), "", &format!("填报日期：{on}")])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["3", &measure(3), text, "正在推进"])
    };
    let dir = tempfile::tempdir().unwrap();
    write_workbook(
        &dir.path().join("何埂镇.xlsx"),
        &[dated("何埂镇", "2020年11月5日", "设施建设中。")],
    );
    write_workbook(
        &dir.path().join("卫星湖街道（11月）.xlsx"),
        &[dated("卫星湖街道", "2020年11月5日", "设施选址中。")],
    );
    write_workbook(
        &dir.path().join("卫星湖街道（12月）.xlsx"),
        &[dated("卫星湖街道", "2020年12月4日", "设施建设中。")]
            .map(|s| s.text_row(&["2", &measure(2), "设施建设中。", "正在推进"])),
    );
    use common::word::{docx_bytes, para};
    // A letter dated before the notice with nothing read from it: no progress counted,
    // so no warning that it was.
    let letter = docx_rs::Docx::new()
        .add_paragraph(para("区生态环境局："))
        .add_paragraph(para("我局正在整理进展情况，近期报送。"))
        .add_paragraph(para("区水利局"))
        .add_paragraph(para("2020年11月2日"));
    std::fs::write(dir.path().join("区水利局.docx"), docx_bytes(letter)).unwrap();
    let ledger = ledger_for(dir.path());
    let letter = ledger
        .files
        .iter()
        .find(|f| f.file == "区水利局.docx")
        .unwrap();
    assert_eq!(letter.filed_on, Some(date(2020, 11, 2)));
    let warned: Vec<&rectify::model::Problem> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::FiledBeforeNotice)
        .collect();
    assert_eq!(warned.len(), 1, "{warned:#?}");
    assert_eq!(warned[0].file, "何埂镇.xlsx");
    assert!(
        warned[0].message.contains("早于本轮通知日期2020年11月20日"),
        "{}",
        warned[0].message
    );
    assert_eq!(reports_of(&ledger, 3, "何埂镇")[0].progress, "设施建设中。");
}

/// A Word table split across pages where a row broke in two: the second table opens
/// with the rest of that row (no 序号; the tail of the measure and of the progress),
/// with or without a 续表 line or the header repeated. The tail joins its row, and no
/// row is lost or left unmatched.
#[test]
fn a_word_row_split_across_two_tables_is_one_row() {
    use common::word::*;
    let unit = "区城市管理局";
    let (m43, m44) = (measure(43), measure(44));
    let cut = m43.char_indices().nth(m43.chars().count() / 2).unwrap().0;
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    for between in ["", "续表", "header"] {
        let dir = tempfile::tempdir().unwrap();
        let first = table(vec![
            text_row(&header),
            text_row(&["28", &measure(28), "排查完成。", "已完成"]),
            text_row(&["43", &m43[..cut], "管理办法已起草，", "正在推进"]),
        ]);
        let mut rest = vec![
            text_row(&["", &m43[cut..], "正在征求意见。", ""]),
            text_row(&["44", &m44, "长期坚持巡查。", "长期坚持"]),
        ];
        if between == "header" {
            rest.insert(0, text_row(&header));
        }
        let mut doc = docx_rs::Docx::new()
            .add_paragraph(para(&format!(
                "填报单位：{unit}    填报日期：2020年12月4日"
            )))
            .add_table(first);
        if between == "续表" {
            doc = doc.add_paragraph(para("续表"));
        }
        let doc = doc.add_table(table(rest));
        std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
        let ledger = ledger_for(dir.path());
        assert!(
            ledger.unplaced.is_empty(),
            "{between}: {:#?}",
            ledger.unplaced
        );
        assert!(
            !ledger
                .problems
                .iter()
                .any(|p| p.severity == Severity::Error),
            "{between}: {:#?}",
            ledger.problems
        );
        let r43 = reports_of(&ledger, 43, unit);
        assert_eq!(r43.len(), 1, "{between}");
        assert_eq!(
            r43[0].progress, "管理办法已起草，\n正在征求意见。",
            "{between}"
        );
        assert_eq!(r43[0].status, Status::InProgress, "{between}");
        assert_eq!(reports_of(&ledger, 44, unit).len(), 1, "{between}");
    }
}

/// A lead unit's consolidation in a Word table split across pages, the second table
/// opening with the next town's row on the task above (no 序号; the town in the 责任单位
/// column, its own progress and status): that town's report, not the tail of the row
/// before (adv48 a03: 宝峰镇's row was joined to 来苏镇's and lost).
#[test]
fn a_towns_row_opening_a_split_word_table_is_its_own() {
    use common::word::*;
    let unit = "区城市管理局";
    let header = ["序号", "具体举措", "责任单位", "整改进展情况", "完成状态"];
    for repeated in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let first = table(vec![
            text_row(&header),
            text_row(&[
                "44",
                &measure(44),
                unit,
                "检查餐饮店3200余家次。",
                "长期坚持",
            ]),
            text_row(&["", "", "来苏镇", "检查218家次。", "长期坚持"]),
        ]);
        let mut rest = vec![
            text_row(&["", "", "宝峰镇", "督促安装油水分离器8套。", "正在推进"]),
            text_row(&["", "", "双石镇", "已完成排查。", "已完成"]),
        ];
        if repeated {
            rest.insert(0, text_row(&header));
        }
        let doc = docx_rs::Docx::new()
            .add_paragraph(para(&format!(
                "填报单位：{unit}    填报日期：2020年12月4日"
            )))
            .add_table(first)
            .add_table(table(rest));
        std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
        let ledger = ledger_for(dir.path());
        assert!(
            ledger.unplaced.is_empty(),
            "{repeated}: {:#?}",
            ledger.unplaced
        );
        assert_eq!(
            reports_of(&ledger, 44, "来苏镇")[0].progress,
            "检查218家次。",
            "{repeated}"
        );
        let town = reports_of(&ledger, 44, "宝峰镇");
        assert_eq!(town.len(), 1, "{repeated}");
        assert_eq!(town[0].status, Status::InProgress, "{repeated}");
        assert_eq!(town[0].progress, "督促安装油水分离器8套。", "{repeated}");
        assert_eq!(
            reports_of(&ledger, 44, "双石镇")[0].status,
            Status::Completed
        );
    }
}

/// Struck-through text in a workbook is withdrawn, as in Word: a status cell whose old
/// word is struck beside the new one reads the new one; a row struck out whole is no
/// report; a note says how many cells had struck text.
#[test]
fn struck_through_text_in_a_workbook_is_not_read() {
    use rust_xlsxwriter::{Format, Workbook};
    let unit = "区城市管理局";
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("进展情况").unwrap();
    let struck = Format::new().set_font_strikethrough();
    let plain = Format::new();
    ws.write_string(0, 0, format!("填报单位：{unit}")).unwrap();
    ws.write_string(0, 2, "填报日期：2020年12月4日").unwrap();
    for (c, h) in ["序号", "具体举措", "整改进展情况", "完成状态"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    ws.write_string(2, 0, "28").unwrap();
    ws.write_string(2, 1, measure(28)).unwrap();
    ws.write_string(2, 2, "排查完成。").unwrap();
    ws.write_string(2, 3, "已完成").unwrap();
    ws.write_string(3, 0, "43").unwrap();
    ws.write_string(3, 1, measure(43)).unwrap();
    ws.write_rich_string(
        3,
        2,
        &[(&struck, "正在起草。"), (&plain, "管理办法已印发。")],
    )
    .unwrap();
    ws.write_rich_string(3, 3, &[(&struck, "正在推进"), (&plain, " 已完成")])
        .unwrap();
    for (c, text) in ["44", &measure(44), "长期坚持巡查。", "长期坚持"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(4, c as u16, *text, &struck)
            .unwrap();
    }
    book.save(dir.path().join(format!("{unit}.xlsx"))).unwrap();
    let ledger = ledger_for(dir.path());
    assert_eq!(only_report(&ledger, 28).status, Status::Completed);
    let r43 = only_report(&ledger, 43);
    assert_eq!(
        (r43.status, r43.status_text.as_str()),
        (Status::Completed, "已完成")
    );
    assert_eq!(r43.progress, "管理办法已印发。");
    assert!(reports_of(&ledger, 44, unit).is_empty());
    let notes: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::ReadNote)
        .map(|p| p.message.as_str())
        .collect();
    assert!(
        notes.iter().any(|m| m.contains("有6个单元格含删除线文字")),
        "{notes:?}"
    );
}

/// A joint return (填报单位：区水利局、区河长办, one table for both): each row is both
/// units' report, not a file refused for naming two units.
#[test]
fn a_joint_return_of_two_units_reports_for_both() {
    let dir = tempfile::tempdir().unwrap();
    let rows = progress_rows(&[
        ("55", "河长巡河制度落实。", "长期坚持"),
        ("56", "执法检查已开展。", "正在推进"),
    ]);
    write_workbook(
        &dir.path().join("区水利局 区河长办联合报送.xlsx"),
        &[sheet(
            "区水利局、区河长办",
            &["序号", "具体举措", "整改进展情况", "完成状态"],
            &rows,
        )],
    );
    let ledger = ledger_for(dir.path());
    assert!(ledger.unplaced.is_empty(), "{:#?}", ledger.unplaced);
    for unit in ["区水利局", "区河长办"] {
        for id in [55, 56] {
            assert_eq!(reports_of(&ledger, id, unit).len(), 1, "{unit} {id}");
        }
    }
    let said: Vec<(rectify::model::Severity, &str)> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::UnitAmbiguous)
        .map(|p| (p.severity, p.message.as_str()))
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(said[0].0, Severity::Info);
    assert!(
        said[0]
            .1
            .contains("为区水利局、区河长办联合报送，表中2行进展已分别计入各单位"),
        "{}",
        said[0].1
    );
}

/// A second Word table with columns of its own (no 序号 column) is not the first one
/// continued: its first row is a report of its own, not the tail of the last task row.
#[test]
fn a_second_word_table_with_its_own_columns_continues_nothing() {
    use common::word::*;
    let unit = "区城市管理局";
    let dir = tempfile::tempdir().unwrap();
    let doc = docx_rs::Docx::new()
        .add_paragraph(para(&format!(
            "填报单位：{unit}    填报日期：2020年12月4日"
        )))
        .add_table(table(vec![
            text_row(&["序号", "具体举措", "整改进展情况", "完成状态"]),
            text_row(&["43", &measure(43), "管理办法已印发。", "已完成"]),
        ]))
        .add_table(table(vec![
            text_row(&["具体举措", "整改进展情况", "完成状态"]),
            text_row(&[&measure(44), "长期坚持巡查。", "长期坚持"]),
        ]));
    std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let r43 = reports_of(&ledger, 43, unit);
    assert_eq!(r43.len(), 1);
    assert_eq!(r43[0].progress, "管理办法已印发。");
    let r44 = reports_of(&ledger, 44, unit);
    assert_eq!(r44.len(), 1, "{:#?}", ledger.unplaced);
    assert_eq!(r44[0].status, Status::Ongoing);
}

/// A Word return written one small table a task, the task named in a heading above
/// each (任务28：, 第44项, 43.建立…), the table holding only the answer: as labels down
/// the side or as a header and a row. Each table is that task's report; the headings
/// and labels are accounted for as skipped rows. A heading numbered as a list item
/// names its task by the measure it quotes (a unit numbers its own tasks 1..n): in a
/// prose report, a table under 2、加强… is tied to no task.
#[test]
fn word_tables_under_task_headings_report_on_the_task_named() {
    use common::word::*;
    let dir = tempfile::tempdir().unwrap();
    let unit = "区城管局";
    let label_form = |progress: &str, status: &str| {
        table(vec![
            text_row(&["整改进展情况", progress]),
            text_row(&["完成状态", status]),
            text_row(&["备注", ""]),
        ])
    };
    let answer_table = |progress: &str, status: &str| {
        table(vec![
            text_row(&["整改进展情况", "完成状态"]),
            text_row(&[progress, status]),
        ])
    };
    let doc = docx_rs::Docx::new()
        .add_paragraph(para("区城市管理局水污染防治整改任务进展情况"))
        .add_paragraph(para("填报单位：区城市管理局    填报日期：2020年12月4日"))
        .add_paragraph(para("任务28："))
        .add_table(label_form("漂浮物监管考核办法已印发，每月通报。", "已完成"))
        .add_paragraph(para("第44项"))
        .add_table(label_form(
            "开展餐饮油污专项检查3次，查处12家。",
            "长期坚持",
        ))
        .add_paragraph(para(&format!("43.{}", measure(43))))
        .add_table(answer_table("餐厨垃圾清运监管办法正在起草。", "正在推进"))
        .add_paragraph(para(&format!("（45）{}", measure(45))))
        .add_table(answer_table("化粪池清掏已完成80%。", "正在推进"));
    std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let one = |id| {
        let r = reports_of(&ledger, id, "区城市管理局");
        assert_eq!(
            r.len(),
            1,
            "task {id}: {:?} {:?}",
            ledger.unplaced,
            ledger.problems
        );
        r[0].clone()
    };
    assert_eq!(one(28).status, Status::Completed);
    assert!(one(28).progress.contains("漂浮物监管考核办法"));
    assert_eq!(one(44).status, Status::Ongoing);
    assert!(one(44).progress.contains("查处12家"));
    assert_eq!(one(43).status, Status::InProgress);
    assert!(one(45).progress.contains("化粪池清掏"));
    assert!(ledger.unplaced.is_empty(), "{:?}", ledger.unplaced);
    assert!(!raised(&ledger, Code::NoHeader), "{:?}", ledger.problems);
    assert!(
        !raised(&ledger, Code::TaskTextMismatch),
        "{:?}",
        ledger.problems
    );
    // Every non-empty row is a report or a skipped row: 4 reports, and the title, the
    // filing line, 4 headings, 2 header rows and the other label rows skipped.
    let rows =
        docx_non_empty_rows(&std::fs::read(dir.path().join(format!("{unit}.docx"))).unwrap());
    assert_eq!(4 + ledger.skipped.len(), rows, "{:?}", ledger.skipped);

    // A prose report numbered 1、2、 with a table answering under no task heading.
    let dir = tempfile::tempdir().unwrap();
    let doc = docx_rs::Docx::new()
        .add_paragraph(para("区城市管理局关于水污染防治整改工作的情况报告"))
        .add_paragraph(para("1、我局高度重视整改工作，成立了领导小组。"))
        .add_paragraph(para("2、加强餐饮油污巡查，查处违法行为12起。"))
        .add_table(answer_table("各项工作有序推进。", "正在推进"));
    std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    assert!(ledger.tasks.iter().all(|t| t.reports.is_empty()));
    assert!(
        raised(&ledger, Code::NoHeader) || raised(&ledger, Code::TaskUnmatched),
        "{:?}",
        ledger.problems
    );

    // A report whose table names no task, the progress in the text: the clerk is told
    // the table was not read, not that there is no table.
    let dir = tempfile::tempdir().unwrap();
    let doc = docx_rs::Docx::new()
        .add_paragraph(para("区城市管理局关于水污染防治整改工作的情况报告"))
        .add_table(answer_table("各项工作有序推进。", "正在推进"))
        .add_paragraph(para("第44项：开展餐饮油污专项检查3次，已完成。"));
    std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let said = ledger
        .problems
        .iter()
        .find(|p| p.code == Code::ProseReport)
        .unwrap_or_else(|| panic!("{:?}", ledger.problems));
    assert!(
        said.message.starts_with("Word文档中的表格未能识别为进展表"),
        "{}",
        said.message
    );
}

/// A lead unit's consolidation naming two towns in one 责任单位 cell (来苏镇、宝峰镇, or
/// with a space between) beside rows of single towns: the row is each town's report
/// (before, the joint cell was the lead's own line, and both towns stayed unreported).
/// The plan's assignment copied (各镇街, 来苏镇等12个镇街) is still the lead's line.
#[test]
fn a_consolidation_row_naming_two_towns_reports_for_each() {
    let header = ["序号", "具体举措", "责任单位", "整改进展情况", "完成状态"];
    let rows = [
        row(&[
            "1",
            &measure(1),
            "来苏镇、宝峰镇",
            "两镇尾水处理设施已建成。",
            "已完成",
        ]),
        row(&[
            "1",
            &measure(1),
            "双石镇",
            "尾水处理设施正在建设。",
            "正在推进",
        ]),
        row(&["1", &measure(1), "其余镇街", "不涉及。", "不涉及"]),
        row(&[
            "4",
            &measure(4),
            "来苏镇 宝峰镇",
            "推广测土配方施肥。",
            "长期坚持",
        ]),
        row(&["4", &measure(4), "双石镇", "推广水肥一体化。", "长期坚持"]),
    ];
    let ledger = read_one("区农业农村委", &header, &rows);
    let status_of = |id: u32, unit: &str| {
        let r = reports_of(&ledger, id, unit);
        assert_eq!(
            r.len(),
            1,
            "task {id} {unit}: {:?}",
            ledger.task(id).unwrap().reports
        );
        r[0].status
    };
    assert_eq!(status_of(1, "来苏镇"), Status::Completed);
    assert_eq!(status_of(1, "宝峰镇"), Status::Completed);
    assert_eq!(status_of(1, "双石镇"), Status::InProgress);
    assert_eq!(status_of(4, "来苏镇"), Status::Ongoing);
    assert_eq!(status_of(4, "宝峰镇"), Status::Ongoing);
    assert!(reports_of(&ledger, 1, "来苏镇")[0]
        .progress
        .starts_with("两镇尾水处理"));
    let said = ledger
        .problems
        .iter()
        .find(|p| p.code == Code::UnitAmbiguous)
        .expect("an info on the joint rows");
    assert!(
        said.message.contains("第3、6行") && said.message.contains("“来苏镇、宝峰镇”"),
        "{}",
        said.message
    );
    assert!(ledger.unplaced.is_empty(), "{:?}", ledger.unplaced);
}

/// A return dated only in its title (区水利局整改进展情况（12月4日报送）) is filed that
/// day, with an info: of two returns, the one whose title names the later day stands. A
/// title naming a month only (11月份) dates nothing: the sheet is still warned about.
#[test]
fn a_title_naming_the_day_dates_the_return() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "区水利局";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let one = |title: &str, progress: &str, status: &str| {
        SheetSpec::new("Sheet1")
            .text_row(&[title])
            .text_row(&header)
            .text_row(&["21", &measure(21), progress, status])
    };
    write_workbook(
        &dir.path().join("区水利局-a.xlsx"),
        &[one(
            "区水利局整改进展情况（12月4日报送）",
            "清理整改全部完成。",
            "已完成",
        )],
    );
    write_workbook(
        &dir.path().join("区水利局-b.xlsx"),
        &[one(
            "区水利局整改进展情况表（截至2020年11月20日）",
            "正在清理整改。",
            "正在推进",
        )],
    );
    let ledger = ledger_for(dir.path());
    let current: Vec<_> = ledger.task(21).unwrap().current_reports().collect();
    assert_eq!(current.len(), 1, "{:?}", ledger.task(21).unwrap().reports);
    assert_eq!(current[0].status, Status::Completed);
    assert_eq!(current[0].filed_on, Some(date(2020, 12, 4)));
    assert!(!raised(&ledger, Code::Conflict), "{:?}", ledger.problems);
    let infos: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::FilingDateMissing)
        .map(|p| p.message.as_str())
        .collect();
    assert!(
        infos.contains(&"没有填报日期，按标题中的日期（2020年12月4日）计。"),
        "{infos:?}"
    );
    assert!(ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::FilingDateMissing)
        .all(|p| p.severity == Severity::Info));

    let dir = tempfile::tempdir().unwrap();
    write_workbook(
        &dir.path().join(format!("{unit}.xlsx")),
        &[one(
            "区水利局2020年11月份整改进展情况",
            "正在清理整改。",
            "正在推进",
        )],
    );
    let ledger = ledger_for(dir.path());
    assert_eq!(only_report(&ledger, 21).filed_on, None);
    assert!(ledger
        .problems
        .iter()
        .any(|p| p.code == Code::FilingDateMissing && p.severity == Severity::Warning));
}

/// A return with no status column whose progress texts state the status at their end
/// (…，该项工作已于10月底完成。 …，目前正在加快推进。 …，长期坚持。): each reads that
/// status, and no row is called unclear.
#[test]
fn a_status_concluding_the_progress_text_is_read() {
    let header = ["序号", "具体举措", "整改进展情况"];
    let rows = [
        row(&[
            "31",
            &measure(31),
            "老旧小区雨污分流改造15个，目前正在加快推进。",
        ]),
        row(&[
            "41",
            &measure(41),
            "对3个进水浓度不高的镇街完成论证，该项工作已于10月底完成。",
        ]),
        row(&[
            "44",
            &measure(44),
            "落实巡查人员，每月检查餐饮店，长期坚持。",
        ]),
        row(&["46", &measure(46), "一期培训正在推进，二期尚未启动。"]),
    ];
    let ledger = read_one("区住建委", &header, &rows);
    assert_eq!(only_report(&ledger, 31).status, Status::InProgress);
    let done = only_report(&ledger, 41);
    assert_eq!(done.status, Status::Completed);
    assert_eq!(done.completed_on, Some(date(2020, 10, 31)));
    assert_eq!(only_report(&ledger, 44).status, Status::Ongoing);
    // Clauses that disagree: the clerk checks.
    assert_eq!(only_report(&ledger, 46).status, Status::Unclear);
    let unclear: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::StatusUnclear)
        .collect();
    assert_eq!(unclear.len(), 1, "{unclear:?}");
    assert_eq!(unclear[0].row, Some(6));
}

/// A lead unit's Word return with a table per town, each under a paragraph naming the
/// town (一、来苏镇 / 宝峰镇： / 宝峰镇整改进展情况表), the first right under the title
/// and 填报单位 line: each table is its town's, come through the lead unit, not the
/// lead's own rows folded into one.
#[test]
fn word_tables_under_town_headings_are_the_towns_reports() {
    use common::word::*;
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    for (first, second) in [
        ("一、来苏镇", "二、宝峰镇"),
        ("来苏镇：", "宝峰镇："),
        ("来苏镇整改进展情况表", "宝峰镇整改进展情况表"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let town_table = |progress: &str, status: &str| {
            table(vec![
                text_row(&header),
                text_row(&["56", &measure(56), progress, status]),
            ])
        };
        let doc = docx_rs::Docx::new()
            .add_paragraph(para("区河长办牵头任务各镇街进展汇总"))
            .add_paragraph(para("填报单位：区河长办    填报日期：2020年12月5日"))
            .add_paragraph(para(first))
            .add_table(town_table("来苏镇河长巡河。", "长期坚持"))
            .add_paragraph(para(second))
            .add_table(town_table("宝峰镇河长制工作已落实。", "已完成"));
        std::fs::write(dir.path().join("区河长办汇总.docx"), docx_bytes(doc)).unwrap();
        let ledger = ledger_for(dir.path());
        let of = |unit: &str| {
            let r = reports_of(&ledger, 56, unit);
            assert_eq!(
                r.len(),
                1,
                "{first} {unit}: {:?}",
                ledger.task(56).unwrap().reports
            );
            r[0].clone()
        };
        assert_eq!(of("来苏镇").status, Status::Ongoing, "{first}");
        assert_eq!(of("宝峰镇").status, Status::Completed, "{first}");
        for town in ["来苏镇", "宝峰镇"] {
            assert_eq!(of(town).via.as_deref(), Some("区河长办"), "{first} {town}");
        }
        assert!(reports_of(&ledger, 56, "区河长办").is_empty(), "{first}");
    }
}

/// Headers units write for the status and the completion date: 完成与否 (已完成 /
/// 正在推进 / 是 / 否), 整改结果 beside the progress (status words: the status column),
/// 整改时间 and 完成时点 (the day the work was done).
#[test]
fn status_and_completion_headers_in_other_words() {
    for (status_header, date_header) in [
        ("完成与否", "整改时间"),
        ("整改结果", "完成时点"),
        ("是否已完成", "整改完成时间"),
    ] {
        let header = [
            "序号",
            "具体举措",
            "整改进展情况",
            status_header,
            date_header,
        ];
        let rows = [
            row(&[
                "21",
                &measure(21),
                "完成42座小水电清理整改。",
                "已完成",
                "2020年9月25日",
            ]),
            row(&["26", &measure(26), "规划正在报批。", "正在推进", ""]),
        ];
        let ledger = read_one("区水利局", &header, &rows);
        let done = only_report(&ledger, 21);
        assert_eq!(done.status, Status::Completed, "{status_header}");
        assert_eq!(done.completed_on, Some(date(2020, 9, 25)), "{date_header}");
        assert_eq!(
            only_report(&ledger, 26).status,
            Status::InProgress,
            "{status_header}"
        );
        assert!(
            !raised(&ledger, Code::StatusUnclear),
            "{:?}",
            ledger.problems
        );
    }
    // 整改结果 holding what was achieved is the progress, not a status.
    let header = ["序号", "具体举措", "整改结果"];
    let rows = [row(&[
        "21",
        &measure(21),
        "完成42座小水电清理整改，已全部完成。",
    ])];
    let ledger = read_one("区水利局", &header, &rows);
    let r = only_report(&ledger, 21);
    assert_eq!(r.status, Status::Completed);
    assert!(r.progress.starts_with("完成42座"), "{r:?}");
}

/// A spreadsheet signed under its table without a seal: the unit's name over the date
/// (重庆市永川区永荣镇人民政府 / 2020年12月3日) or beside it, in any column, and no
/// 填报单位 line, sheet or file name naming the unit: the signature names it.
#[test]
fn an_unsealed_signature_under_a_spreadsheet_names_the_unit() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    for signature in [
        vec![
            vec!["", "", "重庆市永川区永荣镇人民政府", ""],
            vec!["", "", "2020年12月3日", ""],
        ],
        vec![
            vec!["", "", "", "永荣镇人民政府"],
            vec!["", "", "", "2020年12月3日"],
        ],
        vec![vec!["", "", "永荣镇人民政府", "2020年12月3日"]],
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut spec = SheetSpec::new("Sheet1")
            .text_row(&["水污染防治整改任务进展情况表"])
            .text_row(&header)
            .text_row(&["24", &measure(24), "拆除网箱。", "已完成"])
            .text_row(&[]);
        for line in &signature {
            spec = spec.text_row(line);
        }
        write_workbook(&dir.path().join("附件2.xlsx"), &[spec]);
        let ledger = ledger_for(dir.path());
        let r = reports_of(&ledger, 24, "永荣镇");
        assert_eq!(r.len(), 1, "{signature:?}: {:?}", ledger.unplaced);
        assert_eq!(r[0].filed_on, Some(date(2020, 12, 3)), "{signature:?}");
        assert!(ledger.unplaced.is_empty());
    }
}

/// A town written with one character wrong (何梗镇 for 何埂镇) is that town, with a
/// warning naming both; a name one character off two towns, or off a department, is
/// still not guessed.
#[test]
fn a_town_written_with_one_character_wrong_is_that_town() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = [row(&[
        "3",
        &measure(3),
        "尾水处理设施主体完工，正在调试。",
        "正在推进",
    ])];
    let ledger = read_one("何梗镇人民政府", &header, &rows);
    assert_eq!(
        reports_of(&ledger, 3, "何埂镇").len(),
        1,
        "{:?}",
        ledger.unplaced
    );
    let warned = ledger
        .problems
        .iter()
        .find(|p| p.code == Code::UnitAmbiguous)
        .expect("a warning");
    assert!(
        warned
            .message
            .contains("“何梗镇人民政府”与名录中的何埂镇相差一字"),
        "{}",
        warned.message
    );
    // 区房管局 is one character off 区城管局 (an alias), but no town: not guessed.
    let ledger = read_one("区房管局", &header, &rows);
    assert!(ledger.task(3).unwrap().reports.is_empty());
    assert!(raised(&ledger, Code::UnitUnknown), "{:?}", ledger.problems);
}

/// 已完成 with a completion date after the day the return was filed (filed 12月4日,
/// done 12月8日): counted as written, the clerk asked whether it is a planned date. A
/// completion on or before the filing day raises nothing.
#[test]
fn a_completion_dated_after_the_filing_day_is_questioned() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    let rows = [
        row(&["24", &measure(24), "拆除网箱。", "已完成", "2020年12月8日"]),
        row(&["27", &measure(27), "清理完毕。", "已完成", "2020年12月4日"]),
    ];
    let ledger = read_one("胜利路街道", &header, &rows);
    assert_eq!(only_report(&ledger, 24).status, Status::Completed);
    let asked: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::CompletedAfterFiling)
        .collect();
    assert_eq!(asked.len(), 1, "{:?}", ledger.problems);
    assert_eq!(asked[0].row, Some(3));
    assert!(
        asked[0].message.contains("晚于填报日期2020年12月4日"),
        "{}",
        asked[0].message
    );
}

/// 已完成 dated after the filing day and after the round's as-of date (filed 12月4日,
/// done 12月15日, the round closing 12月10日): neither done (the report cannot say so)
/// nor 正在推进 (the unit said done, and the report would call an overdue task not
/// done against the unit's own words): 待核实, the unit asked about the date (adv43
/// c05: before, 正在推进 with an info only, and the report listed the task as overdue).
#[test]
fn a_completion_dated_after_the_filing_day_and_the_round_is_to_verify() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    let rows = [row(&[
        "63",
        &measure(63),
        "已制定《永川区水环境损害责任追究实施细则》。",
        "已完成",
        "2020年12月15日",
    ])];
    let ledger = read_one("区纪委监委", &header, &rows);
    assert!(ledger.as_of < date(2020, 12, 15));
    let t = ledger.task(63).unwrap();
    assert_eq!(t.status, Status::Unclear, "{:?}", t.reports);
    assert!(
        t.doubts
            .iter()
            .any(|d| d.contains("晚于填报日期2020年12月4日")),
        "{:?}",
        t.doubts
    );
    let asked: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::StatusContradicted)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(asked.len(), 1, "{:#?}", ledger.problems);
    assert!(
        asked[0].contains("所填完成时间“2020年12月15日”"),
        "{}",
        asked[0]
    );
    assert!(
        !raised(&ledger, Code::CompletedAfterAsOf),
        "{:#?}",
        ledger.problems
    );
    // A date in figures (a date cell, 2020-12-15) is told as the documents write dates,
    // not quoted as figures (adv53 b 6).
    let mut rows = rows;
    rows[0][4] = "2020-12-15".into();
    let ledger = read_one("区纪委监委", &header, &rows);
    let t = ledger.task(63).unwrap();
    assert!(
        t.doubts
            .iter()
            .any(|d| d.contains("所填完成时间2020年12月15日晚于填报日期2020年12月4日")),
        "{:?}",
        t.doubts
    );
}

/// A lead unit's workbook named for it (区城管局汇总.xlsx) holding only a sheet per town,
/// no 填报单位 line: the file is the lead unit's, each town's report came through it, and
/// the clerk is not told the file was "filled in by" a town. A file named for one unit
/// with one other unit's rows is still questioned.
#[test]
fn a_workbook_named_for_a_lead_with_only_town_sheets_is_the_leads() {
    let dir = tempfile::tempdir().unwrap();
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let sheets: Vec<SheetSpec> = [
        ("来苏镇", "每日清漂。", "长期坚持"),
        ("宝峰镇", "建立清漂考核机制。", "已完成"),
    ]
    .iter()
    .map(|(town, progress, status)| {
        SheetSpec::new(town)
            .text_row(&header)
            .text_row(&["28", &measure(28), progress, status])
    })
    .collect();
    write_workbook(&dir.path().join("区城管局汇总.xlsx"), &sheets);
    let ledger = ledger_for(dir.path());
    assert_eq!(ledger.files[0].unit.as_deref(), Some("区城市管理局"));
    for town in ["来苏镇", "宝峰镇"] {
        let r = reports_of(&ledger, 28, town);
        assert_eq!(r.len(), 1, "{town}");
        assert_eq!(r[0].via.as_deref(), Some("区城市管理局"), "{town}");
    }
    assert!(
        !raised(&ledger, Code::UnitAmbiguous),
        "{:?}",
        ledger.problems
    );

    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("区城管局汇总.xlsx"), &sheets[..1]);
    let ledger = ledger_for(dir.path());
    assert_eq!(reports_of(&ledger, 28, "来苏镇")[0].via, None);
    assert!(
        raised(&ledger, Code::UnitAmbiguous),
        "{:?}",
        ledger.problems
    );
}

/// An office keeps last period's status beside this one's to show the change (本期完成状态
/// | 上期完成状态): 上期 (上次, 上轮 …) is the earlier column wherever it stands, 本期 the
/// latest. Before, neither named a month and the rightmost, last period's, was read.
#[test]
fn this_periods_column_is_read_not_last_periods_beside_it() {
    let unit = "区城市管理局";
    for (earlier, now) in [("上期", "本期"), ("上次", "本次"), ("前期", "本期")] {
        let header = [
            "序号".to_string(),
            "具体举措".to_string(),
            format!("{now}进展情况"),
            format!("{now}完成状态"),
            format!("{earlier}完成状态"),
        ];
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let rows = progress_rows(&[("43", "已于9月25日完成改造。", "已完成")]);
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|mut r| {
                r.push("正在推进".to_string());
                r
            })
            .collect();
        let ledger = read_one(unit, &header, &rows);
        let r = only_report(&ledger, 43);
        assert_eq!(r.status, Status::Completed, "{earlier}/{now}");
        assert!(
            r.note.contains(&format!("{earlier}完成状态：正在推进")),
            "{}",
            r.note
        );
    }
}

/// Last round's 整改进展情况 | 完成状态 pair kept in hidden columns beside this round's:
/// the shown pair is read wherever the hidden one stands (right or left), the hidden one
/// kept in the notes as 前期…, with one info. Before, the rightmost pair won even hidden.
#[test]
fn a_hidden_pair_of_answer_columns_gives_way_to_the_shown_one() {
    let unit = "区水利局";
    let header = [
        "序号",
        "具体举措",
        "整改进展情况",
        "完成状态",
        "整改进展情况",
        "完成状态",
    ];
    let now = ("《消落带治理专项规划》已经区政府审定印发", "已完成");
    let then = ("已委托设计单位编制规划，形成初稿", "正在推进");
    for hidden_right in [true, false] {
        let (left, right) = if hidden_right {
            (now, then)
        } else {
            (then, now)
        };
        let rows = [row(&["26", &measure(26), left.0, left.1, right.0, right.1])];
        let hidden = if hidden_right { [4, 5] } else { [2, 3] };
        let spec = sheet(unit, &header, &rows)
            .hide_col(hidden[0])
            .hide_col(hidden[1]);
        let dir = tempfile::tempdir().unwrap();
        write_workbook(&dir.path().join(format!("{unit}.xlsx")), &[spec]);
        let ledger = ledger_for(dir.path());
        let r = only_report(&ledger, 26);
        assert_eq!(r.status, Status::Completed, "hidden right {hidden_right}");
        assert!(r.progress.contains("审定印发"), "{}", r.progress);
        assert!(r.note.contains("前期整改进展情况：已委托"), "{}", r.note);
        assert!(
            said(&ledger, Code::ReadNote, "隐藏列的内容按前期情况记入备注"),
            "{:?}",
            ledger.problems
        );
    }
    // Without hiding, the rightmost pair is this round's, as before.
    let rows = [row(&["26", &measure(26), now.0, now.1, then.0, then.1])];
    let ledger = read_one(unit, &header, &rows);
    assert_eq!(only_report(&ledger, 26).status, Status::InProgress);
    assert!(!said(&ledger, Code::ReadNote, "隐藏列"));
}

/// The only 完成状态 column hidden: still read (nothing else answers), and the clerk
/// told it is hidden, so a contradiction with the text can be traced to it.
#[test]
fn a_hidden_status_column_standing_alone_is_read_and_named() {
    let unit = "区发展改革委";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = progress_rows(&[("47", "规划纲要（草案）已起草，正在征求意见", "正在推进")]);
    let spec = sheet(unit, &header, &rows).hide_col(3);
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join(format!("{unit}.xlsx")), &[spec]);
    let ledger = ledger_for(dir.path());
    assert_eq!(only_report(&ledger, 47).status, Status::InProgress);
    assert!(
        said(&ledger, Code::ReadNote, "“完成状态”列是隐藏列"),
        "{:?}",
        ledger.problems
    );
}

/// A date in the status cell after its word (已完成（11月30日通过验收）) is the completion
/// date when no 完成时间 is given; a half year planned beside 正在推进 (2021年上半年) is a
/// plan, kept in the note, with no warning that it does not read as a date.
#[test]
fn a_date_in_the_status_cell_and_a_planned_half_year_read_as_written() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    let ledger = read_one(
        "临江河指挥部办公室",
        &header,
        &[
            row(&[
                "42",
                &measure(42),
                "主体工程已完工，10月20日通水调试，11月30日通过环保验收。",
                "已完成（11月30日通过验收）",
                "",
            ]),
            row(&[
                "57",
                &measure(57),
                "已成立统筹调度中心，联席会议制度草案已形成。",
                "正在推进",
                "2021年上半年",
            ]),
            row(&[
                "31",
                &measure(31),
                "老城区雨污分流改造完成管网18.6公里。",
                "已完成（预计12月31日验收）",
                "",
            ]),
        ],
    );
    let r = only_report(&ledger, 42);
    assert_eq!(r.status, Status::Completed);
    assert_eq!(
        r.completed_on,
        chrono::NaiveDate::from_ymd_opt(2020, 11, 30)
    );
    let r = only_report(&ledger, 57);
    assert_eq!(r.status, Status::InProgress);
    assert_eq!(r.completed_on, None);
    assert!(r.note.contains("2021年上半年"), "{}", r.note);
    // A planned day after the status word is no completion date.
    assert_eq!(only_report(&ledger, 31).completed_on, None);
    assert!(
        !raised(&ledger, Code::DateUnreadable),
        "{:?}",
        ledger.problems
    );
}

/// A progress cell that only points elsewhere (见附件, 详见上表) is no progress: the
/// words go to the note, so no document quotes “见附件” as a unit's progress, and the
/// clerk is told once what to do (an unclear status already says so, once).
#[test]
fn progress_that_points_to_an_attachment_is_not_quoted_as_progress() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let ledger = read_one(
        "区住房城乡建委",
        &header,
        &progress_rows(&[
            ("39", "详见附件3。", "长期坚持"),
            ("40", "详见上表", ""),
            (
                "30",
                "排水管网清单已建立，编制完成附件所列的整改方案",
                "正在推进",
            ),
        ]),
    );
    let r = only_report(&ledger, 39);
    assert_eq!(r.status, Status::Ongoing);
    assert_eq!(r.progress, "");
    assert!(r.note.contains("进展情况：详见附件3"), "{}", r.note);
    let r = only_report(&ledger, 40);
    assert_eq!(r.status, Status::Unclear);
    assert_eq!(r.progress, "");
    assert!(only_report(&ledger, 30).progress.contains("附件所列"));
    let pointing: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::ProseReport)
        .collect();
    assert_eq!(pointing.len(), 1, "{:?}", ledger.problems);
    assert!(
        pointing[0].message.contains("只写了“详见附件3。”"),
        "{}",
        pointing[0].message
    );
    assert_eq!(pointing[0].row, Some(3));
}

/// An 更新版 file whose 填报日期 was left from the old form (12月3日, before the first
/// file's 12月5日) while it reports a completion on 12月6日, after both: the update
/// stands, with one warning saying why. Without that completion the later date stands.
#[test]
fn an_update_whose_filing_date_was_left_from_the_old_form_stands() {
    let unit = "区城市管理局";
    let write = |dir: &std::path::Path, file: &str, date: &str, rows: &[[&str; 4]]| {
        let mut spec = SheetSpec::new("Sheet1")
            .text_row(&[
                &format!("填报单位：{unit}"),
                "",
                &format!("填报日期：{date}"),
            ])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"]);
        for [id, text, status, done] in rows {
            spec = spec.text_row(&[id, &measure(id.parse().unwrap()), text, status, done]);
        }
        write_workbook(&dir.join(file), &[spec]);
    };
    let first = [[
        "45",
        "城区化粪池清掏326座，镇街清掏正在推进。",
        "正在推进",
        "",
    ]];
    for (done, update_stands) in [("2020年12月6日", true), ("2020年12月2日", false)] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "区城市管理局.xlsx", "2020年12月5日", &first);
        write(
            dir.path(),
            "区城市管理局（更新版）.xlsx",
            "2020年12月3日",
            &[[
                "45",
                "城区及镇街化粪池清掏全部完成，共512座。",
                "已完成",
                done,
            ]],
        );
        let ledger = ledger_for(dir.path());
        let r = only_report(&ledger, 45);
        assert_eq!(r.status == Status::Completed, update_stands, "{done}");
        assert_eq!(
            said(&ledger, Code::SteppedBack, "填报日期应是沿用了旧表"),
            update_stands,
            "{:?}",
            ledger.problems
        );
    }
}

/// A form's worked example left in is no report: a 示例 row under the header, a row
/// whose progress opens （填写示例）, a row saying 此行为示例. Before, the example matched
/// task 21 by its measure text and counted it 已完成 for the unit.
#[test]
fn a_forms_worked_example_left_in_is_not_a_report() {
    let unit = "区水利局";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "备注"];
    for example in [
        row(&[
            "示例",
            &measure(21),
            "全区XX座小水电站已全部完成整改。",
            "已完成",
            "",
        ]),
        row(&[
            "21",
            &measure(21),
            "（填写示例）全区XX座小水电站已完成整改。",
            "已完成",
            "",
        ]),
        row(&[
            "",
            &measure(21),
            "全区XX座小水电站已完成整改。",
            "已完成",
            "此行为示例，请勿删除",
        ]),
    ] {
        let mut rows = vec![example];
        rows.extend(progress_rows(&[(
            "20",
            "可研报告已完成，正在争取立项。",
            "正在推进",
        )]));
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|mut r| {
                r.resize(5, String::new());
                r
            })
            .collect();
        let ledger = read_one(unit, &header, &rows);
        assert!(reports_of(&ledger, 21, unit).is_empty(), "{:?}", rows[0]);
        assert_eq!(only_report(&ledger, 20).status, Status::InProgress);
        assert!(ledger
            .skipped
            .iter()
            .any(|s| s.reason == SkipReason::Example));
    }
    // A real row is read, whatever its text holds of the word 示例 (示范, 示例工程 …).
    let rows = progress_rows(&[("21", "已建成示例工程3处，全面完成整改。", "已完成")]);
    let ledger = read_one(unit, &header[..4], &rows);
    assert_eq!(only_report(&ledger, 21).status, Status::Completed);
}

/// A form's hint row left under the header (填写方案中的序号 | 照抄方案原文 | 填写：已完成/
/// 正在推进…) is a note, not a second header row. Before, its texts became the column
/// names: the 完成状态 answers went to the note and a row marked 已完成 read 待核实.
#[test]
fn a_forms_hint_row_under_the_header_is_a_note() {
    let unit = "区住房城乡建委";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    let mut rows = vec![row(&[
        "填写方案中的序号",
        "照抄方案原文",
        "简要填写工作措施及成效",
        "填写：已完成/正在推进/长期坚持/未启动",
        "已完成的填写完成时间",
    ])];
    rows.push(row(&[
        "31",
        &measure(31),
        "新城片区雨污分流改造完成65%。",
        "正在推进",
        "",
    ]));
    rows.push(row(&[
        "36",
        &measure(36),
        "已查明原因，完成截污改造。",
        "已完成",
        "2020年11月20日",
    ]));
    let ledger = read_one(unit, &header, &rows);
    let done = only_report(&ledger, 36);
    assert_eq!(done.status, Status::Completed);
    assert_eq!(done.completed_on, NaiveDate::from_ymd_opt(2020, 11, 20));
    assert_eq!(done.note, "");
    assert_eq!(only_report(&ledger, 31).status, Status::InProgress);
    assert_eq!(header_rows(&ledger), 1);
    assert!(ledger
        .skipped
        .iter()
        .any(|s| s.reason == SkipReason::Note && s.text.contains("照抄方案原文")));
    assert!(!ledger
        .problems
        .iter()
        .any(|p| p.message.contains("完成状态列")));
    // A report whose progress and note both speak of filling in is still a report.
    let rows = vec![row(&[
        "36",
        "已按要求填写排查台账。",
        "已完成",
        "台账已填报",
    ])];
    let ledger = read_one(unit, &["序号", "整改进展情况", "完成状态", "备注"], &rows);
    assert_eq!(only_report(&ledger, 36).status, Status::Completed);
}

/// A printed statistical form numbers its columns under the header (1 2 3 … or 栏次 |
/// 1 | 2 …): that row is part of the header. Before, 1 read as task 1 with progress “4”.
#[test]
fn a_row_numbering_the_columns_under_the_header_is_no_report() {
    let unit = "区农业农村委";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    for numbers in [
        row(&["1", "2", "3", "4", "5"]),
        row(&["栏次", "1", "2", "3", "4"]),
        row(&["0", "1", "", "3", "4"]),
    ] {
        let mut rows = vec![numbers.clone()];
        let mut done = row(&["7", &measure(7), "已建成。", "已完成", "2020年10月15日"]);
        done.truncate(5);
        rows.push(done);
        let ledger = read_one(unit, &header, &rows);
        assert!(reports_of(&ledger, 1, unit).is_empty(), "{numbers:?}");
        let skip = ledger
            .skipped
            .iter()
            .find(|s| s.reason == SkipReason::ColumnNumbers)
            .unwrap_or_else(|| panic!("{numbers:?}: {:?}", ledger.skipped));
        assert!(
            !ledger.problems.iter().any(|p| p.row == Some(skip.row)),
            "{numbers:?}: {:?}",
            ledger.problems
        );
        assert_eq!(only_report(&ledger, 7).status, Status::Completed);
    }
}

/// A form's date alone in a cell at the end of the 填报单位 line, without a 填报日期 label,
/// dates the return (as a date on a line of its own does).
#[test]
fn a_date_alone_at_the_end_of_the_unit_line_is_the_filing_date() {
    let unit = "区农业农村委";
    for date_cell in [s("2020年12月4日"), V::D(2020, 12, 4)] {
        let dir = tempfile::tempdir().unwrap();
        let mut done = row(&["7", &measure(7), "已建成。", "已完成"]);
        done.truncate(4);
        let cells: Vec<&str> = done.iter().map(String::as_str).collect();
        let spec = SheetSpec::new("Sheet1")
            .text_row(&[&format!("{unit}整改任务推进情况")])
            .row(vec![
                V::S(format!("填报单位：{unit}")),
                V::E,
                V::E,
                date_cell,
            ])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&cells);
        write_workbook(&dir.path().join(format!("{unit}.xlsx")), &[spec]);
        let ledger = ledger_for(dir.path());
        assert_eq!(only_report(&ledger, 7).filed_on, Some(date(2020, 12, 4)));
        assert!(!ledger
            .problems
            .iter()
            .any(|p| p.code == Code::FilingDateMissing));
    }
}

/// An online form's export (问卷星, 腾讯问卷) lists every submission: a unit correcting its
/// answer the same afternoon submits again. The last submission stands, by its time of
/// day; the earlier is skipped with one info. Before, the two were joined as one split
/// row and the slower status (正在推进) won.
#[test]
fn a_units_later_submission_of_an_online_form_replaces_its_earlier_one() {
    let header = [
        "序号",
        "提交时间",
        "所用时间",
        "1、填报单位",
        "2、任务序号",
        "3、整改进展情况",
        "4、完成状态",
        "5、完成时间",
    ];
    let rows = [
        row(&[
            "1",
            "2020/12/3 16:40:09",
            "150秒",
            "宝峰镇",
            "24",
            "拦河网箱5处已全部拆除。",
            "已完成",
            "2020/12/2",
        ]),
        row(&[
            "2",
            "2020/12/3 11:20:40",
            "250秒",
            "来苏镇",
            "24",
            "拆除拦河网箱3处。",
            "已完成",
            "2020/9/20",
        ]),
        row(&[
            "3",
            "2020/12/3 10:05:12",
            "320秒",
            "宝峰镇",
            "24",
            "正在拆除拦河网箱。",
            "正在推进",
            "",
        ]),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut spec = SheetSpec::new("数据").text_row(&header);
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        spec = spec.text_row(&cells);
    }
    write_workbook(&dir.path().join("整改进展填报_数据导出.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    // Listed newest first here: the time decides, not the row.
    let r = reports_of(&ledger, 24, "宝峰镇");
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(
        (r[0].status, r[0].completed_on),
        (Status::Completed, Some(date(2020, 12, 2)))
    );
    assert_eq!(r[0].progress, "拦河网箱5处已全部拆除。");
    assert_eq!(
        reports_of(&ledger, 24, "来苏镇")[0].status,
        Status::Completed
    );
    let skip = ledger
        .skipped
        .iter()
        .find(|s| s.reason == SkipReason::Resubmitted)
        .expect("the earlier submission is skipped");
    assert_eq!(skip.row, 4);
    assert!(said(&ledger, Code::Duplicate, "已按最后一次提交读取"));
}

/// Last month's table pasted under this month's, under a title of its own naming its
/// month (11月份整改进展情况) and its header repeated, in a sheet filed in December: it
/// is reference, not this round's report. Before, its rows joined this month's as split
/// rows and the slower (stale) status won.
#[test]
fn an_earlier_months_table_pasted_below_is_reference() {
    let unit = "区水利局";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let now = progress_rows(&[
        ("20", "可研报告已完成，正在争取立项。", "正在推进"),
        ("26", "专项规划已编制完成并印发实施。", "已完成"),
    ]);
    let then = progress_rows(&[
        ("20", "正在开展前期研究。", "未启动"),
        ("26", "规划初稿已完成，正在征求意见。", "正在推进"),
    ]);
    for (below, earlier) in [
        ("11月份整改进展情况", true),
        ("12月份整改进展情况（补充）", false),
    ] {
        let mut rows = now.clone();
        rows.push(row(&[]));
        rows.push(row(&[below]));
        rows.push(row(&header));
        rows.extend(then.clone());
        let ledger = read_one(unit, &header, &rows);
        let referenced = ledger
            .skipped
            .iter()
            .any(|s| s.reason == SkipReason::Reference);
        assert_eq!(referenced, earlier, "{below}");
        if earlier {
            assert_eq!(only_report(&ledger, 20).status, Status::InProgress);
            assert_eq!(only_report(&ledger, 26).status, Status::Completed);
            assert!(!only_report(&ledger, 26).progress.contains("初稿"));
        }
    }
}

/// Offices sharing their staff sign as one with the other in brackets (填报单位：区水利局
/// （区河长办）): a joint return of both, as 区水利局、区河长办 is. A bracket naming no
/// unit of its own (（盖章）) is no second unit. Before, every row went to 区水利局 and
/// 区河长办 stayed missing on its own tasks.
#[test]
fn a_unit_named_in_brackets_after_another_files_jointly_with_it() {
    let rows = progress_rows(&[
        ("49", "开展联合执法12次。", "已完成"),
        ("56", "全区河长巡河4200余次。", "长期坚持"),
    ]);
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let ledger = read_one("区水利局（区河长办）", &header, &rows);
    assert_eq!(reports_of(&ledger, 49, "区河长办").len(), 1);
    assert_eq!(
        reports_of(&ledger, 56, "区河长办")[0].status,
        Status::Ongoing
    );
    assert!(said(
        &ledger,
        Code::UnitAmbiguous,
        "区水利局、区河长办联合报送"
    ));
    let ledger = read_one("区水利局（盖章）", &header, &rows);
    assert_eq!(reports_of(&ledger, 49, "区水利局").len(), 1);
    assert!(reports_of(&ledger, 49, "区河长办").is_empty());
    assert!(!said(&ledger, Code::UnitAmbiguous, "联合报送"));
}

/// A workbook whose sender and date are only on its cover sheet (封面: 报送单位 / 报送日期,
/// or 填报单位 / 填报日期, or the sealed name alone): the data sheet's rows are the
/// cover's unit's, filed that day.
#[test]
fn a_cover_sheet_names_the_sender_and_the_date() {
    let unit = "区财政局";
    for (unit_line, date_line) in [
        (
            "报送单位：重庆市永川区财政局（盖章）",
            "报送日期：2020年12月3日",
        ),
        ("填报单位：区财政局", "填报日期：2020年12月3日"),
        ("重庆市永川区财政局（盖章）", "2020年12月3日"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let cover = SheetSpec::new("封面")
            .text_row(&["附件2"])
            .text_row(&["水污染防治整改任务进展情况表"])
            .text_row(&[unit_line])
            .text_row(&[date_line]);
        let data = SheetSpec::new("进展情况")
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["58", &measure(58), "专项资金已拨付到位。", "已完成"])
            .text_row(&["45", &measure(45), "正在安排资金。", "正在推进"]);
        write_workbook(&dir.path().join("整改进展情况表.xlsx"), &[cover, data]);
        let ledger = ledger_for(dir.path());
        assert_eq!(
            reports_of(&ledger, 58, unit).len(),
            1,
            "{unit_line}: {:#?}",
            ledger.problems
        );
        let r = reports_of(&ledger, 45, unit)[0];
        assert_eq!(r.status, Status::InProgress);
        assert_eq!(r.filed_on, Some(date(2020, 12, 3)), "{unit_line}");
        assert!(!raised(&ledger, Code::UnitUnknown), "{unit_line}");
        assert_eq!(ledger.files[0].unit.as_deref(), Some(unit));
    }
}

/// A Word return with a cover page (附件2 / the unit's name / the title / the date) and
/// no 填报单位 line: the name alone on its line above the table is the sender.
#[test]
fn a_word_cover_page_naming_the_unit_is_the_sender() {
    use common::word::*;
    let dir = tempfile::tempdir().unwrap();
    let mut rows = vec![text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])];
    for (id, status) in [(58, "已完成"), (45, "正在推进")] {
        rows.push(text_row(&[
            &id.to_string(),
            &measure(id),
            "按计划推进。",
            status,
        ]));
    }
    let doc = docx_rs::Docx::new()
        .add_paragraph(para("附件2"))
        .add_paragraph(para("区财政局"))
        .add_paragraph(para("水污染防治整改任务进展情况"))
        .add_paragraph(para("2020年12月3日"))
        .add_table(table(rows));
    std::fs::write(dir.path().join("附件2.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    assert_eq!(
        reports_of(&ledger, 58, "区财政局").len(),
        1,
        "{:#?}",
        ledger.problems
    );
    assert!(!raised(&ledger, Code::UnitUnknown));
}

/// A second sheet counting the tasks by status (完成情况统计: 序号 | 完成状态 | 任务数 |
/// 占比) is the unit's summary, not reports on tasks 1, 2 and 3.
#[test]
fn a_sheet_counting_tasks_by_status_is_no_report() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "区农业农村委";
    let data = sheet(
        unit,
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &progress_rows(&[
            ("7", "已出台管理办法。", "已完成"),
            ("54", "正在建设平台。", "正在推进"),
        ]),
    );
    let tally = SheetSpec::new("完成情况统计")
        .text_row(&["区农业农村委整改任务完成情况统计"])
        .text_row(&["序号", "完成状态", "任务数（项）", "占比"])
        .text_row(&["1", "已完成", "1", "50%"])
        .text_row(&["2", "正在推进", "1", "50%"])
        .text_row(&["3", "未启动", "0", "0%"])
        .text_row(&["合计", "", "2", "100%"]);
    write_workbook(&dir.path().join(format!("{unit}.xlsx")), &[data, tally]);
    let ledger = ledger_for(dir.path());
    for id in [1, 2, 3] {
        assert!(reports_of(&ledger, id, unit).is_empty(), "task {id}");
    }
    assert_eq!(only_report(&ledger, 7).status, Status::Completed);
    assert!(ledger
        .skipped
        .iter()
        .any(|s| s.reason == SkipReason::Tally && s.sheet == "完成情况统计"));
    assert!(ledger
        .problems
        .iter()
        .all(|p| p.severity != Severity::Error));
}

/// Rows grouped under headings naming their status (一、已完成的任务（2项） / 二、正在推进
/// 的任务 / 三、长期坚持的任务), with no status column: each row takes its heading's
/// status, and the first heading is no second header row.
#[test]
fn a_heading_naming_a_status_gives_it_to_the_rows_under_it() {
    let unit = "区水利局";
    let ledger = read_one(
        unit,
        &["序号", "具体举措", "整改进展情况", "完成时间"],
        &[
            row(&["一、已完成的任务（2项）"]),
            row(&[
                "21",
                &measure(21),
                "全区27座小水电站清理整改通过市级验收。",
                "2020年9月28日",
            ]),
            row(&["26", &measure(26), "专项规划印发实施。", "2020年11月20日"]),
            row(&["二、正在推进的任务（1项）"]),
            row(&["20", &measure(20), "可研报告编制，争取纳入规划。", ""]),
            row(&["三、长期坚持的任务"]),
            row(&["23", &measure(23), "今年修复河堰5处。", ""]),
        ],
    );
    let status = |id| only_report(&ledger, id).status;
    assert_eq!(status(21), Status::Completed);
    assert_eq!(
        only_report(&ledger, 21).completed_on,
        Some(date(2020, 9, 28))
    );
    assert_eq!(status(26), Status::Completed);
    assert_eq!(status(20), Status::InProgress);
    assert_eq!(status(23), Status::Ongoing);
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
    // The header only: the heading is no second header row.
    assert_eq!(header_rows(&ledger), 1);
}

/// 一 typed as a dash in the status cell is no answer: the progress text decides.
#[test]
fn a_dash_typed_as_yi_in_the_status_cell_is_no_answer() {
    let ledger = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &progress_rows(&[("40", "正在推进，每月开展运行质量监管。", "一")]),
    );
    assert_eq!(only_report(&ledger, 40).status, Status::InProgress);
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
}

/// A column headed just 任务, holding the tasks' 简称: the table is found and each row
/// placed by the name (adversarial round 18: header_bare_renwu read nothing).
#[test]
fn a_column_headed_renwu_names_the_task() {
    let plan = common::plan();
    let short = |id: u32| plan.task(id).unwrap().short_name.clone();
    let ledger = read_one(
        "区水利局",
        &["任务", "进展情况", "完成状态", "完成时间"],
        &[
            row(&[&short(20), "已纳入“十四五”规划前期研究。", "正在推进", ""]),
            row(&[
                &short(21),
                "已完成小水电清理整改。",
                "已完成",
                "2020年9月28日",
            ]),
        ],
    );
    assert_eq!(only_report(&ledger, 20).status, Status::InProgress);
    assert_eq!(only_report(&ledger, 21).status, Status::Completed);
    assert!(ledger.unplaced.is_empty(), "{:#?}", ledger.unplaced);
}

/// 不涉及 said in other words in the status cell (我镇无此类问题, 无该项任务) or in the
/// progress beside a slash (不存在此类情况): the task is not the town's, not 待核实.
#[test]
fn a_town_saying_the_task_is_not_its_own_in_other_words() {
    let ledger = read_one(
        "宝峰镇",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &progress_rows(&[
            ("25", "", "我镇无此类问题"),
            ("27", "不存在此类情况", "/"),
            ("24", "", "无该项任务"),
        ]),
    );
    for id in [24, 25, 27] {
        assert_eq!(
            only_report(&ledger, id).status,
            Status::NotApplicable,
            "{id}"
        );
    }
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
}

/// No status column; each progress text opens with its status as a tag: 【已完成】….
#[test]
fn a_status_tag_opening_the_progress_is_the_status() {
    let ledger = read_one(
        "区市场监管局",
        &["序号", "具体举措", "整改进展情况"],
        &[
            row(&[
                "10",
                &common::measure(10),
                "【已完成】石脚迹村家禽宰杀作坊已于9月关停。",
            ]),
            row(&[
                "13",
                &common::measure(13),
                "【正在推进】已排查工业园区企业42家。",
            ]),
        ],
    );
    assert_eq!(only_report(&ledger, 10).status, Status::Completed);
    assert_eq!(only_report(&ledger, 13).status, Status::InProgress);
}

/// A column per status and no progress column, the unit's text written under the column
/// that says its status (已完成（填写完成情况） | 未完成（填写进展情况））: the text is the
/// progress, the column the status (under 未完成: under way, or what the text says).
/// Before, the rows with text under 未完成 were skipped as unfilled, silently, and the
/// one under 已完成 lost its text (adversarial round 18).
#[test]
fn text_written_under_a_status_column_is_the_progress() {
    let ledger = read_one(
        "区生态环境局",
        &[
            "序号",
            "具体举措",
            "已完成（填写完成情况）",
            "未完成（填写进展情况）",
        ],
        &[
            row(&[
                "14",
                &measure(14),
                "已对鼎牛食品公司立案处罚，罚款20万元，雨污管网已整改。",
                "",
            ]),
            row(&["59", &measure(59), "", "生态补偿办法已起草，正在征求意见。"]),
            row(&["51", &measure(51), "", "已开展镇街执法培训3期，持续开展。"]),
        ],
    );
    let done = only_report(&ledger, 14);
    assert_eq!(done.status, Status::Completed);
    assert!(done.progress.contains("鼎牛"), "{}", done.progress);
    let drafting = only_report(&ledger, 59);
    assert_eq!(drafting.status, Status::InProgress);
    assert!(drafting.progress.contains("征求意见"));
    let training = only_report(&ledger, 51);
    assert!(
        matches!(training.status, Status::InProgress | Status::Ongoing),
        "{:?}",
        training.status
    );
    assert!(training.progress.contains("3期"));
    // A tick in such a column is still a tick.
    let ticked = read_one(
        "区生态环境局",
        &["序号", "具体举措", "已完成", "正在推进"],
        &[
            row(&["14", &measure(14), "√", ""]),
            row(&["59", &measure(59), "", "√"]),
        ],
    );
    assert_eq!(only_report(&ticked, 14).status, Status::Completed);
    assert_eq!(only_report(&ticked, 59).status, Status::InProgress);
}

/// A Word table headed 具体举措及整改进展情况 with the plan's measure on one row and the
/// unit's 进展情况：… on the row under it (序号 and status merged down both): the
/// measure's words are not the progress. Before, the report quoted the plan's measure
/// above the unit's words.
#[test]
fn a_measure_row_with_its_progress_row_under_it_keeps_the_measure_out() {
    use common::word::*;
    use docx_rs::TableRow;
    let dir = tempfile::tempdir().unwrap();
    let unit = "区水利局";
    let mut rows = vec![text_row(&[
        "序号",
        "具体举措及整改进展情况",
        "完成状态",
        "完成时间",
    ])];
    for (id, progress, status) in [
        (21, "27座小水电站已全部完成整改。", "已完成"),
        (55, "完成12个水源地规范化建设。", "长期坚持"),
    ] {
        rows.push(TableRow::new(vec![
            merge_start(&id.to_string()),
            cell(&[&measure(id)]),
            merge_start(status),
            cell(&[]),
        ]));
        rows.push(TableRow::new(vec![
            merge_continue(),
            cell(&[&format!("进展情况：{progress}")]),
            merge_continue(),
            cell(&[]),
        ]));
    }
    let doc = docx_rs::Docx::new()
        .add_paragraph(para(&format!(
            "填报单位：{unit}    填报日期：2020年12月3日"
        )))
        .add_table(table(rows));
    std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let one = |id| reports_of(&ledger, id, unit)[0].clone();
    assert_eq!(
        (one(21).progress.as_str(), one(21).status),
        ("27座小水电站已全部完成整改。", Status::Completed)
    );
    assert_eq!(
        (one(55).progress.as_str(), one(55).status),
        ("完成12个水源地规范化建设。", Status::Ongoing)
    );
}

/// A Word return with no table, its rows typed with tabs (序号⇥具体举措⇥整改进展情况…,
/// a tab pressed twice to line a column up): read as the table it stands for. Lines of
/// two texts between tabs alone (填报单位⇥填报日期, 联系人⇥电话) are not a table.
/// Before, the file was “没有读到表格”, its progress lost.
#[test]
fn a_table_typed_with_tabs_in_word_is_read() {
    use common::word::*;
    let dir = tempfile::tempdir().unwrap();
    let unit = "区金融办";
    let doc = docx_rs::Docx::new()
        .add_paragraph(para("整改任务进展情况表"))
        .add_paragraph(tabbed_para(&format!(
            "填报单位：{unit}\t\t填报日期：2020年12月4日"
        )))
        .add_paragraph(tabbed_para("序号\t具体举措\t\t整改进展情况\t完成状态"))
        .add_paragraph(tabbed_para(&format!(
            "60\t{}\t设立生态环保产业基金2亿元。\t长期坚持",
            measure(60).chars().take(12).collect::<String>()
        )))
        .add_paragraph(tabbed_para("联系人：张三\t电话：49581111"));
    std::fs::write(dir.path().join("进展情况.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let r = only_report(&ledger, 60);
    assert_eq!(
        (r.unit.as_str(), r.progress.as_str(), r.status),
        (unit, "设立生态环保产业基金2亿元。", Status::Ongoing)
    );
    assert_eq!(ledger.files[0].records, 1, "{:#?}", ledger.problems);
    assert!(!raised(&ledger, Code::NoHeader), "{:#?}", ledger.problems);

    // Two lines of two texts each: paragraphs, as before (a prose report's lines).
    let prose = tempfile::tempdir().unwrap();
    let doc = docx_rs::Docx::new()
        .add_paragraph(tabbed_para(&format!(
            "填报单位：{unit}\t填报日期：2020年12月4日"
        )))
        .add_paragraph(tabbed_para("联系人：张三\t电话：49581111"));
    std::fs::write(prose.path().join("进展情况.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(prose.path());
    assert_eq!(ledger.files[0].records, 0);
}

/// A lead unit's consolidation numbering its partners' rows by the task with the unit
/// in a bracket (44（来苏镇）, 28(双石镇)): each such row is that unit's report, not the
/// lead's. Before, the rows were merged into the lead's report with an info only, and
/// the towns stayed 未报送.
#[test]
fn a_unit_in_brackets_after_the_task_number_is_that_units_row() {
    let lead = "区城市管理局";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&["44", &measure(44), "检查餐饮店1260家次。", "长期坚持"]),
        row(&["44（来苏镇）", "", "检查场镇餐饮店86家。", "长期坚持"]),
        row(&["28", &measure(28), "出台漂浮物考核办法。", "长期坚持"]),
        row(&["28(双石镇)", "", "落实河道保洁员18名。", "正在推进"]),
        // A bracket naming no unit: the lead's own row on the task.
        row(&["43（续）", &measure(43), "日均收运120吨。", "已完成"]),
    ];
    let ledger = read_one(lead, &header, &rows);
    let one = |id, unit| {
        let r = reports_of(&ledger, id, unit);
        assert_eq!(
            r.len(),
            1,
            "{unit} on {id}: {:#?}",
            ledger.tasks[id as usize - 1]
        );
        (r[0].progress.clone(), r[0].status)
    };
    assert_eq!(
        one(44, lead),
        ("检查餐饮店1260家次。".into(), Status::Ongoing)
    );
    assert_eq!(
        one(44, "来苏镇"),
        ("检查场镇餐饮店86家。".into(), Status::Ongoing)
    );
    assert_eq!(
        one(28, "双石镇"),
        ("落实河道保洁员18名。".into(), Status::InProgress)
    );
    assert_eq!(one(43, lead), ("日均收运120吨。".into(), Status::Completed));
    assert!(!raised(&ledger, Code::Duplicate), "{:#?}", ledger.problems);
}

/// A Word return opening with a table counting its tasks by status (序号 | 任务类别 |
/// 任务数 | 已完成 | 正在推进 | 长期坚持), its own table of tasks under it, or the other
/// way round: the counts are no reports (their 1, 2, 3 are no tasks), the tasks are read.
/// Before, the count rows were read as tick columns: 正在推进 on task 1 from its count of
/// 1, and 待核实 on tasks 2 and 3.
#[test]
fn a_table_of_counts_by_status_beside_the_tasks_is_no_report() {
    use common::word::*;
    let unit = "区农业农村委";
    let counts = || {
        table(vec![
            text_row(&[
                "序号",
                "任务类别",
                "任务数",
                "已完成",
                "正在推进",
                "长期坚持",
            ]),
            text_row(&["1", "牵头任务", "4", "0", "1", "3"]),
            text_row(&["2", "负责任务", "7", "3", "0", "4"]),
            text_row(&["3", "配合任务", "5", "1", "1", "3"]),
            text_row(&["", "合计", "16", "4", "2", "10"]),
        ])
    };
    let tasks = || {
        table(vec![
            text_row(&["序号", "具体举措", "整改进展情况", "完成状态"]),
            text_row(&["6", &measure(6), "屠宰厂由9家减至6家。", "长期坚持"]),
            text_row(&["7", &measure(7), "已立案查处并结案。", "已完成"]),
        ])
    };
    for counts_first in [true, false] {
        let mut doc = docx_rs::Docx::new().add_paragraph(para(&format!(
            "填报单位：{unit}    填报日期：2020年12月3日"
        )));
        let (first, second) = if counts_first {
            (counts(), tasks())
        } else {
            (tasks(), counts())
        };
        doc = doc
            .add_paragraph(para("一、总体情况"))
            .add_table(first)
            .add_paragraph(para("二、具体情况"))
            .add_table(second);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
        let ledger = ledger_for(dir.path());
        for id in [1, 2, 3] {
            assert!(
                reports_of(&ledger, id, unit).is_empty(),
                "task {id}, {counts_first}"
            );
        }
        assert_eq!(only_report(&ledger, 6).status, Status::Ongoing);
        assert_eq!(only_report(&ledger, 7).status, Status::Completed);
        let tally_rows = ledger
            .skipped
            .iter()
            .filter(|s| s.reason == SkipReason::Tally)
            .count();
        assert_eq!(tally_rows, 5, "{counts_first}: {:#?}", ledger.skipped);
        assert!(
            !raised(&ledger, Code::StatusUnclear),
            "{:#?}",
            ledger.problems
        );
    }
}

/// A 完成时间 column holding the plan's deadline and an 实际完成时间 column on the right:
/// the actual date is the completion date, the plan's words are no date of the unit's.
/// Before, the first column was read (“2020年9月底” gave 9月30日) and the actual date
/// was dropped without a word.
#[test]
fn an_actual_completion_column_beats_a_completion_column_of_deadlines() {
    let header = [
        "序号",
        "具体举措",
        "完成时间",
        "整改进展情况",
        "完成状态",
        "实际完成时间",
    ];
    let rows = vec![
        row(&[
            "26",
            &measure(26),
            "2020年9月底",
            "规划已印发实施。",
            "已完成",
            "2020年9月25日",
        ]),
        row(&[
            "20",
            &measure(20),
            "2020年12月底",
            "已签订合作协议。",
            "正在推进",
            "",
        ]),
    ];
    let ledger = read_one("区水利局", &header, &rows);
    let r26 = only_report(&ledger, 26);
    assert_eq!(
        (r26.status, r26.completed_on),
        (Status::Completed, Some(date(2020, 9, 25)))
    );
    let r20 = only_report(&ledger, 20);
    assert_eq!((r20.status, r20.completed_on), (Status::InProgress, None));
    assert!(!r20.note.contains("2020年12月底"), "{}", r20.note);
    assert!(
        !raised(&ledger, Code::DateUnreadable),
        "{:#?}",
        ledger.problems
    );
}

/// A Word table with no status column whose progress cells end in labelled lines
/// (完成状态：已完成 / 完成时间：2020年9月25日): those lines are the row's status and
/// date, not progress. A 完成情况： line is the unit's progress and stays.
#[test]
fn status_and_date_lines_inside_a_progress_cell_are_read() {
    use common::word::*;
    use docx_rs::TableRow;
    let unit = "区财政局";
    let mut rows = vec![text_row(&["序号", "具体举措", "工作推进情况", "备注"])];
    for (id, lines) in [
        (
            58,
            vec![
                "对12个项目开展绩效评价。",
                "完成状态：已完成",
                "完成时间：2020年9月25日",
            ],
        ),
        (
            45,
            vec![
                "拨付清掏经费860万元。",
                "完成情况：已清掏150座。",
                "完成状态： 正在推进",
            ],
        ),
    ] {
        rows.push(TableRow::new(vec![
            cell(&[&id.to_string()]),
            cell(&[&measure(id)]),
            cell(&lines),
            cell(&[]),
        ]));
    }
    let doc = docx_rs::Docx::new()
        .add_paragraph(para(&format!(
            "填报单位：{unit}    填报日期：2020年12月4日"
        )))
        .add_table(table(rows));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let one = |id| reports_of(&ledger, id, unit)[0].clone();
    let r58 = one(58);
    assert_eq!(
        (r58.progress.as_str(), r58.status, r58.completed_on),
        (
            "对12个项目开展绩效评价。",
            Status::Completed,
            Some(date(2020, 9, 25))
        )
    );
    let r45 = one(45);
    assert_eq!(
        (r45.progress.as_str(), r45.status),
        (
            "拨付清掏经费860万元。\n完成情况：已清掏150座。",
            Status::InProgress
        )
    );
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );

    // A 完成进度 column that gives a status stands over such a line; the line still
    // leaves the progress.
    let ledger = read_one(
        unit,
        &["序号", "具体举措", "整改进展情况", "完成进度"],
        &[row(&[
            "58",
            &measure(58),
            "开展绩效评价。\n完成状态：已完成",
            "60%",
        ])],
    );
    let r58 = only_report(&ledger, 58);
    assert_eq!(
        (r58.progress.as_str(), r58.status),
        ("开展绩效评价。", Status::InProgress)
    );
}

/// Progress and status filled in each other's columns (长期坚持 under 整改进展情况, the
/// account under 完成状态): read the right way round, each row with an info. A status
/// with words after it (已完成，11月30日通过验收) beside a short progress is left as it is.
#[test]
fn progress_and_status_filled_in_each_others_columns_are_read_the_right_way() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&[
            "28",
            &measure(28),
            "长期坚持",
            "出台漂浮物考核办法，每月考核通报。",
        ]),
        row(&[
            "45",
            &measure(45),
            "已完成。",
            "完成河道两岸化粪池清掏150座，购置清掏车2台。",
        ]),
        row(&["43", &measure(43), "已完成。", "已完成，11月30日通过验收。"]),
    ];
    let ledger = read_one("区城市管理局", &header, &rows);
    let r28 = only_report(&ledger, 28);
    assert_eq!(
        (r28.status, r28.progress.as_str()),
        (Status::Ongoing, "出台漂浮物考核办法，每月考核通报。")
    );
    let r45 = only_report(&ledger, 45);
    assert_eq!(
        (r45.status, r45.progress.as_str()),
        (
            Status::Completed,
            "完成河道两岸化粪池清掏150座，购置清掏车2台。"
        )
    );
    let r43 = only_report(&ledger, 43);
    assert_eq!(
        (r43.status, r43.progress.as_str()),
        (Status::Completed, "已完成。")
    );
    let swapped = ledger
        .problems
        .iter()
        .filter(|p| p.message.contains("已对调读取"))
        .count();
    assert_eq!(swapped, 2, "{:#?}", ledger.problems);
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
}

/// A Word table whose progress cells say 详见后附说明, the progress in numbered
/// paragraphs under it (1.第20项：…): each row takes its paragraph's words, an info says
/// so, and no warning asks for them to be typed in by hand. A pointer with no paragraph
/// for its task keeps its warning.
#[test]
fn progress_pointing_to_paragraphs_under_the_table_is_read_from_them() {
    use common::word::*;
    let unit = "区水利局";
    let doc = docx_rs::Docx::new()
        .add_paragraph(para(&format!(
            "填报单位：{unit}    填报日期：2020年12月3日"
        )))
        .add_table(table(vec![
            text_row(&["序号", "具体举措", "整改进展情况", "完成状态"]),
            text_row(&["20", &measure(20), "详见后附说明", "正在推进"]),
            text_row(&["23", &measure(23), "详见后附说明", "长期坚持"]),
            text_row(&["21", &measure(21), "详见附件", "已完成"]),
        ]))
        .add_paragraph(para("附：具体进展情况说明"))
        .add_paragraph(para("1.第20项：已与大足、荣昌签订合作框架协议。"))
        .add_paragraph(para("2.第23项：修复河堰4处。"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let r20 = only_report(&ledger, 20);
    assert_eq!(
        (r20.progress.as_str(), r20.status),
        ("已与大足、荣昌签订合作框架协议。", Status::InProgress)
    );
    assert!(!r20.note.contains("详见"), "{}", r20.note);
    assert_eq!(only_report(&ledger, 23).progress, "修复河堰4处。");
    assert!(only_report(&ledger, 21).progress.is_empty());
    let asked: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::ProseReport)
        .collect();
    assert_eq!(asked.len(), 1, "only task 21's pointer: {asked:#?}");
    assert!(asked[0].message.contains("详见附件"));
    assert!(said(
        &ledger,
        Code::ReadNote,
        "已按表格下方第7行的说明文字汇总"
    ));
}

/// A measure column filled by a lookup formula that found nothing (#N/A): no text of the
/// task, so no warning that the measure and the 序号 disagree. Before, each row warned.
#[test]
fn a_lookup_error_in_the_measure_column_is_no_measure() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "区生态环境局";
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, format!("填报单位：{unit}")).unwrap();
    for (c, h) in ["序号", "具体举措", "整改进展情况", "完成状态"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for (r, id) in [(2u32, 51u32), (3, 62)] {
        ws.write_number(r, 0, f64::from(id)).unwrap();
        ws.write_formula(
            r,
            1,
            rust_xlsxwriter::Formula::new(format!("=VLOOKUP(A{},任务!A:C,3,0)", r + 1))
                .set_result("#N/A"),
        )
        .unwrap();
        ws.write_string(r, 2, "每月通报。").unwrap();
        ws.write_string(r, 3, "长期坚持").unwrap();
    }
    wb.save(dir.path().join(format!("{unit}.xlsx"))).unwrap();
    let ledger = ledger_for(dir.path());
    assert_eq!(only_report(&ledger, 51).status, Status::Ongoing);
    assert_eq!(only_report(&ledger, 62).status, Status::Ongoing);
    assert!(
        !raised(&ledger, Code::TaskTextMismatch),
        "{:#?}",
        ledger.problems
    );
}

/// A row answering 同第24项 / 同序号24 (the same as the sheet's row on task 24, not the
/// row above): it takes that row's words, status and date. Before, both read 待核实.
#[test]
fn a_row_saying_same_as_another_tasks_row_takes_that_rows_answer() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    let rows = vec![
        row(&[
            "24",
            &measure(24),
            "拆除拦河养鱼设施2处。",
            "已完成",
            "2020年9月20日",
        ]),
        row(&["56", &measure(56), "巡河1800人次。", "长期坚持", ""]),
        row(&["25", &measure(25), "同第24项", "同第24项", ""]),
        row(&["27", &measure(27), "同序号24。", "同序号24", "同序号24"]),
        // A pointer to the row (详见第24项, 与第24项相同) is its words too: the report
        // would print 详见第24项 as the unit's progress (adv47 b05).
        row(&["1", &measure(1), "详见第24项。", "已完成", ""]),
        row(&["4", &measure(4), "与第24项相同", "已完成", ""]),
    ];
    let ledger = read_one("来苏镇", &header, &rows);
    for id in [1, 4] {
        assert_eq!(
            only_report(&ledger, id).progress,
            "拆除拦河养鱼设施2处。",
            "task {id}"
        );
    }
    for id in [25, 27] {
        let r = only_report(&ledger, id);
        assert_eq!(
            (r.progress.as_str(), r.status),
            ("拆除拦河养鱼设施2处。", Status::Completed),
            "task {id}"
        );
    }
    assert_eq!(
        only_report(&ledger, 27).completed_on,
        Some(date(2020, 9, 20))
    );
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
    assert!(
        !raised(&ledger, Code::DateUnreadable),
        "{:#?}",
        ledger.problems
    );
}

/// Two returns of one unit with the same 填报日期 inside (December's made from November's
/// file, its date left as it was), their names naming the months (区水利局整改进展（11月）
/// and …（12月）): the December file's stands, and an info asks the clerk to check the
/// dates. Before, the two were a conflict and November's status could be shown.
#[test]
fn a_month_in_the_names_of_two_returns_filed_the_same_day_orders_them() {
    let dir = tempfile::tempdir().unwrap();
    for (month, status) in [("11月", "正在推进"), ("12月", "已完成")] {
        let spec = SheetSpec::new("Sheet1")
            .text_row(&["填报单位：区水利局", "", "填报日期：2020年11月30日"])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["26", &measure(26), status, status]);
        write_workbook(
            &dir.path().join(format!("区水利局整改进展（{month}）.xlsx")),
            &[spec],
        );
    }
    let ledger = ledger_for(dir.path());
    assert_eq!(only_report(&ledger, 26).status, Status::Completed);
    assert!(!raised(&ledger, Code::Conflict), "{:#?}", ledger.problems);
    assert!(
        said(&ledger, Code::Duplicate, "文件名注明为12月"),
        "{:#?}",
        ledger.problems
    );
}

/// A Word return whose table is an Excel object pasted into it (the body shows the
/// object's picture; the workbook is inside the document), the unit and date on the
/// lines above it: the object's rows are the unit's reports, with an info saying where
/// they came from. Before: no table read, an error asking the unit to send it again.
#[test]
fn a_word_return_with_its_table_as_an_embedded_excel_object_is_read() {
    use common::word::{with_excel_object, word_para};
    let dir = tempfile::tempdir().unwrap();
    let unit = "区经济信息委";
    let mut object =
        SheetSpec::new("Sheet1").text_row(&["序号", "具体举措", "整改进展情况", "完成状态"]);
    for (id, progress, status) in [
        (12, "推动12家企业转型升级。", "长期坚持"),
        (18, "6家企业完成改造。", "已完成"),
    ] {
        object = object.text_row(&[&id.to_string(), &measure(id), progress, status]);
    }
    let workbook = dir.path().join("object.xlsx");
    write_workbook(&workbook, &[object]);
    let body = format!(
        "{}{}",
        word_para(&format!("{unit}整改任务进展情况表")),
        word_para("填报单位：重庆市永川区经济和信息化委员会    填报日期：2020年12月4日"),
    );
    let bytes = with_excel_object(&body, std::fs::read(&workbook).unwrap());
    std::fs::remove_file(&workbook).unwrap();
    std::fs::write(dir.path().join(format!("{unit}.docx")), bytes).unwrap();
    let ledger = ledger_for(dir.path());
    assert_eq!(reports_of(&ledger, 12, unit)[0].status, Status::Ongoing);
    assert_eq!(reports_of(&ledger, 18, unit)[0].status, Status::Completed);
    assert_eq!(ledger.files[0].records, 2, "{:?}", ledger.problems);
    assert_eq!(ledger.files[0].filed_on, Some(date(2020, 12, 4)));
    assert!(said(&ledger, Code::ReadNote, "嵌入的Excel对象"));
    assert!(!raised(&ledger, Code::NoHeader));
}

/// A Word status cell holding a small table of the options, each beside a cell for its
/// mark (已完成 | √, 正在推进 | , 长期坚持 | ): the marked option is the status, and
/// the option list is not glued into the progress. A nested table of other rows (a
/// town and its progress) keeps each row's texts on one line of the cell.
#[test]
fn a_status_cell_holding_a_table_of_options_reads_the_marked_one() {
    use common::word::*;
    let dir = tempfile::tempdir().unwrap();
    let unit = "区生态环境局";
    let options = |marked: &str| {
        table(
            ["已完成", "正在推进", "长期坚持"]
                .iter()
                .map(|o| text_row(&[o, if *o == marked { "√" } else { "" }]))
                .collect(),
        )
    };
    let towns = table(vec![
        text_row(&["来苏镇", "已建成污水管网3公里。"]),
        text_row(&["宝峰镇", "正在施工。"]),
    ]);
    let mut rows = vec![text_row(&[
        "序号",
        "具体举措",
        "整改进展情况",
        "完成情况（请勾选）",
    ])];
    for (id, progress, marked) in [
        (51, "举办培训班3期。", "长期坚持"),
        (62, "办法已起草。", "正在推进"),
    ] {
        rows.push(docx_rs::TableRow::new(vec![
            cell(&[&id.to_string()]),
            cell(&[&measure(id)]),
            cell(&[progress]),
            docx_rs::TableCell::new().add_table(options(marked)),
        ]));
    }
    rows.push(docx_rs::TableRow::new(vec![
        cell(&["28"]),
        cell(&[&measure(28)]),
        docx_rs::TableCell::new().add_table(towns),
        docx_rs::TableCell::new().add_table(options("正在推进")),
    ]));
    let doc = docx_rs::Docx::new()
        .add_paragraph(para(&format!(
            "填报单位：{unit}    填报日期：2020年12月3日"
        )))
        .add_table(table(rows));
    std::fs::write(dir.path().join(format!("{unit}.docx")), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let r51 = &reports_of(&ledger, 51, unit)[0];
    assert_eq!(r51.status, Status::Ongoing);
    assert_eq!(r51.progress, "举办培训班3期。");
    assert_eq!(reports_of(&ledger, 62, unit)[0].status, Status::InProgress);
    let r28 = &reports_of(&ledger, 28, unit)[0];
    assert_eq!(r28.status, Status::InProgress);
    assert!(
        r28.progress.contains("来苏镇 已建成污水管网3公里。"),
        "{}",
        r28.progress
    );
}

/// A lead unit's summary of its towns' answers as a table of units by tasks (镇街 |
/// 第28项（…） | 第44项（…）, a town a row), under the lead's own rows or as a sheet of
/// its own: each filled cell is that town's report on that task, through the lead. A
/// town that answered nothing is not a report. Before: the header row was read as the
/// lead's report on task 28 and each town's row was unplaced.
#[test]
fn a_table_of_towns_by_tasks_gives_each_town_its_reports() {
    let dir = tempfile::tempdir().unwrap();
    let lead = "区城市管理局";
    let matrix = |spec: SheetSpec| {
        spec.text_row(&[
            "镇街",
            "第28项（河道漂浮物清理）",
            "第44项（餐饮店油水分离）",
        ])
        .text_row(&["来苏镇", "长期坚持", "不涉及"])
        .text_row(&["宝峰镇", "已建立河道巡查制度，每周清理一次。", "长期坚持"])
        .text_row(&["双石镇", "", ""])
    };
    let own = sheet(
        lead,
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &progress_rows(&[("28", "出台考核办法。", "长期坚持")]),
    )
    .text_row(&[])
    .text_row(&["附：各镇街落实情况"]);
    write_workbook(&dir.path().join("汇总.xlsx"), &[matrix(own)]);
    let alone = SheetSpec::new("镇街情况").text_row(&[
        "填报单位：区城市管理局",
        "",
        "填报日期：2020年12月5日",
    ]);
    write_workbook(&dir.path().join("镇街情况.xlsx"), &[matrix(alone)]);
    let ledger = ledger_for(dir.path());
    let from = |file: &str, id: u32, unit: &str| -> Vec<Status> {
        reports_of(&ledger, id, unit)
            .iter()
            .filter(|r| r.source.file == file)
            .map(|r| r.status)
            .collect()
    };
    for file in ["汇总.xlsx", "镇街情况.xlsx"] {
        assert_eq!(from(file, 28, "来苏镇"), [Status::Ongoing], "{file}");
        assert_eq!(from(file, 44, "来苏镇"), [Status::NotApplicable], "{file}");
        assert_eq!(from(file, 44, "宝峰镇"), [Status::Ongoing], "{file}");
        assert!(from(file, 28, "双石镇").is_empty(), "{file}");
        let f = ledger.files.iter().find(|f| f.file == file).unwrap();
        assert_eq!(f.unit.as_deref(), Some(lead), "{file}");
    }
    let baofeng = reports_of(&ledger, 28, "宝峰镇");
    assert!(baofeng
        .iter()
        .all(|r| r.progress == "已建立河道巡查制度，每周清理一次。"
            && r.via.as_deref() == Some(lead)));
    // The lead's own row on 28 is its own, not the header's.
    let own: Vec<_> = reports_of(&ledger, 28, lead);
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].progress, "出台考核办法。");
    assert!(ledger.unplaced.is_empty(), "{:?}", ledger.unplaced);
    assert!(said(&ledger, Code::ReadNote, "按单位、按任务填写的汇总表"));
}

/// The lead's form as each town filled it, in a folder named for the town, the file and
/// its title still the lead's (区城市管理局牵头任务进展情况表), 填报单位 left blank: each
/// file is its folder's town's. Before: both were the lead's, superseding each other,
/// and the towns were chased.
#[test]
fn a_leads_form_filled_by_a_town_in_its_own_folder_is_the_towns() {
    let dir = tempfile::tempdir().unwrap();
    let lead = "区城市管理局";
    for (town, progress) in [("来苏镇", "每日巡河清漂。"), ("宝峰镇", "签订清漂协议。")]
    {
        let folder = dir.path().join("镇街报送").join(town);
        std::fs::create_dir_all(&folder).unwrap();
        let spec = SheetSpec::new("Sheet1")
            .text_row(&["区城市管理局牵头任务进展情况表"])
            .text_row(&["填报单位：", "", "填报日期：2020年12月1日"])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["28", &measure(28), progress, "长期坚持"]);
        write_workbook(
            &folder.join(format!("{lead}牵头任务进展情况表.xlsx")),
            &[spec],
        );
    }
    let ledger = ledger_for(dir.path());
    assert_eq!(
        reports_of(&ledger, 28, "来苏镇")[0].progress,
        "每日巡河清漂。"
    );
    assert_eq!(
        reports_of(&ledger, 28, "宝峰镇")[0].progress,
        "签订清漂协议。"
    );
    assert!(reports_of(&ledger, 28, lead).is_empty());
    assert!(!raised(&ledger, Code::SteppedBack));
}

/// 否 under 是否按期完成 says the task was not done on time: beside a completion date
/// already past, or a text saying it is done, the task is done (late); beside work
/// under way or a planned date it is not. Before: every 否 read 正在推进, the date in
/// the note.
#[test]
fn no_under_done_on_time_beside_a_past_completion_is_done_late() {
    let ledger = read_one(
        "区水利局",
        &[
            "序号",
            "具体举措",
            "整改进展情况",
            "是否按期完成",
            "完成时间",
        ],
        &[
            row(&[
                "26",
                &measure(26),
                "规划于2020年10月20日经区政府批复印发，较计划推迟20天。",
                "否",
                "2020年10月20日",
            ]),
            row(&["21", &measure(21), "小水电站清理整改工作已完成。", "否", ""]),
            row(&[
                "20",
                &measure(20),
                "已与大足区对接2次，正在争取纳入规划。",
                "否",
                "预计2020年12月底",
            ]),
            row(&[
                "23",
                &measure(23),
                "已完成河堰修复。",
                "是",
                "2020年9月28日",
            ]),
        ],
    );
    let r26 = only_report(&ledger, 26);
    assert_eq!(r26.status, Status::Completed);
    assert_eq!(r26.completed_on, Some(date(2020, 10, 20)));
    assert_eq!(only_report(&ledger, 21).status, Status::Completed);
    assert_eq!(only_report(&ledger, 20).status, Status::InProgress);
    assert_eq!(only_report(&ledger, 23).status, Status::Completed);
}

/// 否 under 是否按期完成 beside a text dating the work done without 已 (…，于10月20日
/// 完成。) or a note saying it was done late (逾期完成; 因市级要求调整，延期完成) is done,
/// late; a note planning a delay (预计延期完成) is not. With nothing written, the warning
/// asks the question the column asked, not whether the work is done (adv56 a 2: all
/// read 正在推进, the report calling the task overdue beside "于10月20日完成").
#[test]
fn no_under_done_on_time_beside_a_dated_text_or_a_late_note_is_done_late() {
    let ledger = read_one(
        "区发展改革委",
        &["序号", "具体举措", "整改进展情况", "是否按期完成", "备注"],
        &[
            row(&[
                "47",
                &measure(47),
                "生态环境保护内容已纳入规划纲要（草案），于10月20日完成。",
                "否",
                "",
            ]),
            row(&[
                "12",
                &measure(12),
                "已纳入规划纲要（草案）。",
                "否",
                "逾期完成",
            ]),
            row(&[
                "41",
                &measure(41),
                "论证报告已形成。",
                "否",
                "因市级要求调整，延期完成",
            ]),
            row(&["48", &measure(48), "规划正在编制。", "否", "预计延期完成"]),
            row(&["60", &measure(60), "", "否", ""]),
        ],
    );
    let steps = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "整改进展情况", "是否按期完成", "备注"],
        &[
            // A step done, or a start, is not the task done (second review c 1); more
            // time asked for or granted is not work done late (c 2).
            row(&["37", &measure(37), "扩容工程已于9月15日开工。", "否", ""]),
            row(&[
                "35",
                &measure(35),
                "摸排已于11月25日完成，修复方案待审批。",
                "否",
                "",
            ]),
            row(&[
                "33",
                &measure(33),
                "规划初稿已于10月20日完成编制，正在报批。",
                "否",
                "",
            ]),
            row(&[
                "32",
                &measure(32),
                "管理办法已起草。",
                "否",
                "经批准延期完成",
            ]),
            row(&[
                "40",
                &measure(40),
                "已开展运行质量监管。",
                "否",
                "需延期完成",
            ]),
            // The cell says it beside its 否 (c 4).
            row(&["38", &measure(38), "管网改造已完成。", "否（逾期完成）", ""]),
            row(&["30", &measure(30), "清单已建立。", "否，11月15日完成", ""]),
        ],
    );
    for id in [37, 35, 33, 32, 40] {
        assert_eq!(only_report(&steps, id).status, Status::InProgress, "{id}");
    }
    for id in [38, 30] {
        assert_eq!(only_report(&steps, id).status, Status::Completed, "{id}");
    }
    let r47 = only_report(&ledger, 47);
    assert_eq!(r47.status, Status::Completed);
    assert_eq!(r47.completed_on, Some(date(2020, 10, 20)));
    assert_eq!(only_report(&ledger, 12).status, Status::Completed);
    assert_eq!(only_report(&ledger, 41).status, Status::Completed);
    assert_eq!(only_report(&ledger, 48).status, Status::InProgress);
    assert_eq!(only_report(&ledger, 60).status, Status::Unclear);
    let told: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::StatusUnclear)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(told[0].starts_with("“是否按期完成”填写“否”"), "{}", told[0]);
    // Other words for the same question (c 5).
    for header in ["是否在规定时限内完成", "是否按计划完成"] {
        let ledger = read_one(
            "区发展改革委",
            &["序号", "具体举措", "整改进展情况", header],
            &[
                row(&["60", &measure(60), "", "否"]),
                row(&[
                    "47",
                    &measure(47),
                    "已纳入纲要（草案），于10月20日完成。",
                    "否",
                ]),
            ],
        );
        assert_eq!(only_report(&ledger, 60).status, Status::Unclear, "{header}");
        assert_eq!(
            only_report(&ledger, 47).status,
            Status::Completed,
            "{header}"
        );
    }
    assert!(told[0].contains("已逾期完成还是仍在推进"), "{}", told[0]);
    assert!(!told[0].contains("（未完成）"), "{}", told[0]);
}

/// A day in the status cell (已完成（11月20日）) beside a 完成时间 cell of a month alone
/// (2020年12月底: the plan's 完成时限 copied down the column): the day is the completion,
/// the month kept in the note. Before: done on 12月31日, after the round's cut-off, so
/// counted as 正在推进.
#[test]
fn a_day_in_the_status_cell_stands_over_a_month_in_the_date_column() {
    let ledger = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"],
        &[
            row(&[
                "32",
                &measure(32),
                "管理办法已印发实施。",
                "已完成（11月20日）",
                "2020年12月底",
            ]),
            row(&[
                "41",
                &measure(41),
                "形成论证报告。",
                "已完成",
                "2020年10月底",
            ]),
            row(&[
                "40",
                &measure(40),
                "正在征求意见。",
                "已完成（10月28日）",
                "2020年10月15日",
            ]),
        ],
    );
    let r32 = only_report(&ledger, 32);
    assert_eq!(r32.completed_on, Some(date(2020, 11, 20)));
    assert!(r32.note.contains("2020年12月底"), "{}", r32.note);
    // No day in the status: the month's end, as before; a day in the date column stands.
    assert_eq!(
        only_report(&ledger, 41).completed_on,
        Some(date(2020, 10, 31))
    );
    assert_eq!(
        only_report(&ledger, 40).completed_on,
        Some(date(2020, 10, 15))
    );
}

/// Remarks typed in a column with no header beside the table are the unit's words: kept
/// in the row's note as written, with one info naming the column by its letter (and,
/// beside a headed column the tool does not know, both). Before: dropped silently.
#[test]
fn text_in_a_column_with_no_header_is_kept_in_the_note() {
    let ledger = read_one(
        "区城市管理局",
        &[
            "序号",
            "具体举措",
            "整改进展情况",
            "完成状态",
            "督导意见",
            "",
        ],
        &[
            row(&[
                "43",
                &measure(43),
                "建立收运台账。",
                "已完成",
                "",
                "11月20日已通过现场验收",
            ]),
            row(&[
                "45",
                &measure(45),
                "已清掏化粪池328座。",
                "正在推进",
                "加快进度",
                "",
            ]),
        ],
    );
    assert_eq!(only_report(&ledger, 43).note, "11月20日已通过现场验收");
    assert_eq!(only_report(&ledger, 45).note, "督导意见：加快进度");
    assert!(said(
        &ledger,
        Code::ColumnUnknown,
        "“督导意见”列不是进展表的常用列，其内容已按列名记入备注；F列没有列名"
    ));
}

/// The template's 本月进展情况 / 完成状态 still holding last round's answer, the unit's
/// 12月进展情况 / 12月完成状态 added beside them, the title naming 12月: the December pair
/// is read, the other kept in the note. Before: the pair under no month was taken as the
/// latest, and last month's words were quoted.
#[test]
fn a_pair_named_for_the_returns_month_stands_over_one_under_this_month() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["区水利局整改任务进展情况表（12月）"])
        .text_row(&["填报单位：区水利局", "", "填报日期：2020年12月3日"])
        .text_row(&[
            "序号",
            "具体举措",
            "本月进展情况",
            "完成状态",
            "12月进展情况",
            "12月完成状态",
        ])
        .text_row(&[
            "26",
            &measure(26),
            "规划初稿已完成。",
            "正在推进",
            "规划已经区政府批复印发。",
            "已完成",
        ]);
    write_workbook(&dir.path().join("区水利局.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let r = only_report(&ledger, 26);
    assert_eq!(r.status, Status::Completed);
    assert_eq!(r.progress, "规划已经区政府批复印发。");
    assert!(r.note.contains("规划初稿已完成。"), "{}", r.note);

    // A title naming no month: the pair under no month stays the one read.
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["区水利局整改任务进展情况表"])
        .text_row(&["填报单位：区水利局"])
        .text_row(&[
            "序号",
            "具体举措",
            "本月进展情况",
            "完成状态",
            "10月进展情况",
            "10月完成状态",
        ])
        .text_row(&[
            "26",
            &measure(26),
            "规划已经区政府批复印发。",
            "已完成",
            "规划初稿已完成。",
            "正在推进",
        ]);
    write_workbook(&dir.path().join("区水利局.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert_eq!(only_report(&ledger, 26).status, Status::Completed);
}

/// A December return whose 填报日期 says 2019年12月3日, the plan issued in September 2020:
/// a slip of the year, read as 2020年12月3日 (the records, the file's entry) with one
/// warning, so December's return stands over November's. Before: it was the older one,
/// and November's words were quoted.
#[test]
fn a_filing_date_before_the_plan_was_issued_is_a_slip_of_the_year() {
    let dir = tempfile::tempdir().unwrap();
    for (file, filed, progress, status) in [
        (
            "区水利局（11月）.xlsx",
            "2020年11月30日",
            "规划初稿已完成。",
            "正在推进",
        ),
        (
            "区水利局（12月）.xlsx",
            "2019年12月3日",
            "规划已经区政府批复印发。",
            "已完成",
        ),
    ] {
        let spec = SheetSpec::new("Sheet1")
            .text_row(&["填报单位：区水利局", "", &format!("填报日期：{filed}")])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["26", &measure(26), progress, status]);
        write_workbook(&dir.path().join(file), &[spec]);
    }
    let ledger = ledger_for(dir.path());
    let current: Vec<_> = ledger.task(26).unwrap().current_reports().collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].status, Status::Completed);
    assert_eq!(current[0].filed_on, Some(date(2020, 12, 3)));
    let entry = ledger
        .files
        .iter()
        .find(|f| f.file == "区水利局（12月）.xlsx")
        .unwrap();
    assert_eq!(entry.filed_on, Some(date(2020, 12, 3)));
    assert!(said(
        &ledger,
        Code::DateUnreadable,
        "填报日期写为2019年12月3日"
    ));
    assert!(!raised(&ledger, Code::SteppedBack));
}

/// A 完成时间 cell giving both dates (计划：2020年12月底 / 实际：2020年11月20日) is done on
/// the actual one, the cell kept in the note; a completed row with no 完成时间 whose 备注
/// opens with the day (2020年9月28日已销号) is done that day. Before: no date either way.
#[test]
fn actual_dates_beside_planned_ones_and_in_the_note_are_read() {
    let ledger = read_one(
        "区住房城乡建委",
        &[
            "序号",
            "具体举措",
            "整改进展情况",
            "完成状态",
            "完成时间",
            "备注",
        ],
        &[
            row(&[
                "32",
                &measure(32),
                "办法已印发。",
                "已完成",
                "计划：2020年12月底\n实际：2020年11月20日",
                "",
            ]),
            row(&[
                "41",
                &measure(41),
                "形成论证报告。",
                "已完成",
                "",
                "2020年9月28日已销号",
            ]),
            row(&[
                "40",
                &measure(40),
                "正在征求意见。",
                "正在推进",
                "计划：2020年12月底\n实际：",
                "",
            ]),
        ],
    );
    let r32 = only_report(&ledger, 32);
    assert_eq!(r32.completed_on, Some(date(2020, 11, 20)));
    assert!(
        r32.note
            .contains("计划：2020年12月底；实际：2020年11月20日"),
        "{}",
        r32.note
    );
    assert_eq!(
        only_report(&ledger, 41).completed_on,
        Some(date(2020, 9, 28))
    );
    assert_eq!(only_report(&ledger, 40).completed_on, None);
}

/// A lead's consolidation tagging each text with its unit (【区城市管理局】… on its own
/// row, 【来苏镇】… on the partners' rows under it, 序号 and measure blank): each partner
/// row is that unit's report on the task above, and the tags are no part of the texts.
/// A lone √ in 完成状态 is done. Before: the partners' rows were unplaced errors, the
/// lead's text kept its tag, and √ read 待核实.
#[test]
fn partner_rows_tagged_with_their_unit_in_brackets_are_theirs() {
    let ledger = read_one(
        "区城市管理局",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&[
                "44",
                &measure(44),
                "【区城市管理局】检查城区餐饮店1260家次。",
                "长期坚持",
            ]),
            row(&["", "", "【来苏镇】督促安装油水分离器9台。", "正在推进"]),
            row(&["", "", "【宝峰镇】立案查处1件。", "√"]),
        ],
    );
    let lead = reports_of(&ledger, 44, "区城市管理局");
    assert_eq!(lead[0].progress, "检查城区餐饮店1260家次。");
    let laisu = reports_of(&ledger, 44, "来苏镇");
    assert_eq!(laisu[0].progress, "督促安装油水分离器9台。");
    assert_eq!(laisu[0].status, Status::InProgress);
    let baofeng = reports_of(&ledger, 44, "宝峰镇");
    assert_eq!(baofeng[0].status, Status::Completed);
    assert!(ledger.unplaced.is_empty(), "{:?}", ledger.unplaced);
}

/// One cell merged across 整改进展情况, 完成状态 and 完成时间 (已完成。2020年9月25日，…经区
/// 政府批复实施。): the text is the progress, its opening words the status. Before: the
/// whole text was read as a status word and was 待核实.
#[test]
fn a_cell_merged_across_progress_and_status_reads_its_status_from_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：区住房城乡建委", "", "填报日期：2020年12月3日"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"])
        .text_row(&[
            "33",
            &measure(33),
            "已完成。2020年9月25日，专项规划经区政府批复实施。",
            "",
            "",
        ])
        .merge(2, 2, 2, 4)
        .text_row(&["37", &measure(37), "管网改造工程完成60%。", "正在推进", ""]);
    write_workbook(&dir.path().join("区住房城乡建委.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let r33 = only_report(&ledger, 33);
    assert_eq!(r33.status, Status::Completed);
    assert!(
        r33.progress.starts_with("已完成。2020年9月25日"),
        "{}",
        r33.progress
    );
    assert_eq!(only_report(&ledger, 37).status, Status::InProgress);
    assert!(!raised(&ledger, Code::StatusUnclear));
}

/// Tick columns headed by a status word with an instruction to tick it (完成（打√）,
/// 长期坚持（打√）): the ticked column is the status. Before: 完成（打√） named no column
/// and the row ticked there was 待核实.
#[test]
fn a_status_word_asking_for_a_tick_heads_a_tick_column() {
    let ledger = read_one(
        "区城市管理局",
        &[
            "序号",
            "具体举措",
            "整改进展情况",
            "完成（打√）",
            "长期坚持（打√）",
        ],
        &[
            row(&["43", &measure(43), "监管办法已印发实施。", "√", ""]),
            row(&["44", &measure(44), "检查餐饮店1260家次。", "", "√"]),
        ],
    );
    assert_eq!(only_report(&ledger, 43).status, Status::Completed);
    assert_eq!(only_report(&ledger, 44).status, Status::Ongoing);
}

/// A table with no status column whose progress is a log by month (9月：…；10月：…；
/// 11月：…该项工作已完成。): the last entry gives the status. Before: the log named
/// both work under way and completion and the row was 待核实.
#[test]
fn a_progress_log_by_month_takes_its_status_from_the_last_entry() {
    let ledger = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "工作进展情况", "完成时间"],
        &[
            row(&[
                "33",
                &measure(33),
                "9月：完成规划初稿编制，正在征求意见；\n10月：规划通过专家评审；\n11月：规划经区政府批复实施，该项工作已完成。",
                "2020年11月20日",
            ]),
            row(&[
                "37",
                &measure(37),
                "9月：已完成溢流原因排查；\n10月：正在实施管网改造工程；\n11月：改造工程完成60%。",
                "",
            ]),
        ],
    );
    let r33 = only_report(&ledger, 33);
    assert_eq!(r33.status, Status::Completed);
    assert!(
        r33.progress.starts_with("9月：完成规划初稿编制"),
        "{}",
        r33.progress
    );
    assert_eq!(only_report(&ledger, 37).status, Status::InProgress);
    assert!(!raised(&ledger, Code::StatusUnclear));
}

/// A completion date typed as 9.28 is a number in the cell: read as 9月28日 of the
/// plan's year. 10.1 may be 10月1日 or 10月10日 (the cell drops the 0 of 10.10): kept as
/// written, and the unit is told both days. Before: every such number was unreadable.
/// 2020.1 may be 2020.10 typed (adv43 b04): the unit is told both months.
#[test]
fn a_completion_date_typed_as_month_dot_day_is_read_from_the_number() {
    let unit = "区水利局";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    let mut spec = SheetSpec::new("进展情况")
        .text_row(&[&format!("填报单位：{unit}"), "", "填报日期：2020年12月4日"])
        .text_row(&header);
    for (id, on) in [(20, 9.28), (21, 11.15), (26, 10.1), (55, 2020.1)] {
        spec = spec.row(vec![
            n(id as f64),
            s(&measure(id)),
            s("已按要求完成"),
            s("已完成"),
            n(on),
        ]);
    }
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join(format!("{unit}.xlsx")), &[spec]);
    let ledger = ledger_for(dir.path());
    let on = |m, d| NaiveDate::from_ymd_opt(2020, m, d);
    assert_eq!(only_report(&ledger, 20).completed_on, on(9, 28));
    assert_eq!(only_report(&ledger, 21).completed_on, on(11, 15));
    assert_eq!(only_report(&ledger, 26).completed_on, None);
    let warnings: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::DateUnreadable)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].contains("可能是10月1日，也可能是10月10日"),
        "{}",
        warnings[0]
    );
    // 2020.10 typed into a number cell is 2020.1: October or January, the unit is told.
    assert_eq!(only_report(&ledger, 55).completed_on, None);
    assert!(
        warnings[1].contains("“2020.1”可能是2020年10月，也可能是2020年1月"),
        "{}",
        warnings[1]
    );
}

/// A return with no status column whose 完成时限 column holds the units' statuses
/// (已完成, 正在推进, 长期坚持) instead of deadlines: each row's status is read from it,
/// with one note for the sheet, and no deadline is taken from those cells. A real
/// deadline (2020年12月底前) and a deadline-like phrase (年底前完成) on the same sheet stay
/// deadlines. Before: every such row was 待核实.
#[test]
fn status_words_written_under_the_deadline_are_the_rows_status() {
    let unit = "区水利局";
    let header = ["序号", "具体举措", "完成时限", "整改进展情况"];
    let rows = vec![
        row(&["20", &measure(20), "已完成", "可研报告已通过审查"]),
        row(&["21", &measure(21), "正在推进", "剩余2座电站正在改造"]),
        row(&["23", &measure(23), "长期坚持", "按要求持续开展巡查"]),
        row(&["48", &measure(48), "2021年6月底", "正在编制实施方案"]),
        row(&["49", &measure(49), "年底前完成", "正在开展前期工作"]),
    ];
    let ledger = read_one(unit, &header, &rows);
    assert_eq!(only_report(&ledger, 20).status, Status::Completed);
    assert_eq!(only_report(&ledger, 21).status, Status::InProgress);
    assert_eq!(only_report(&ledger, 23).status, Status::Ongoing);
    let r48 = only_report(&ledger, 48);
    assert_eq!(r48.status, Status::InProgress, "from its progress text");
    assert_eq!(r48.deadline_moved.as_deref(), Some("2021年6月底"));
    assert_ne!(only_report(&ledger, 49).status, Status::Completed);
    assert!(only_report(&ledger, 20).deadline_moved.is_none());
    let notes: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.message.contains("不是完成时限"))
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].message.contains("有3行"), "{}", notes[0].message);
    let unclear: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::StatusUnclear)
        .collect();
    assert!(unclear.is_empty(), "{unclear:?}");
}

/// The plan's 长期坚持 copied into 完成时限 on a sheet whose other rows keep the plan's
/// deadlines is a deadline, not a status.
#[test]
fn a_copied_long_term_deadline_is_no_status() {
    let unit = "区水利局";
    let header = ["序号", "具体举措", "完成时限", "整改进展情况"];
    let rows = vec![
        row(&["23", &measure(23), "长期坚持", "按要求持续开展巡查"]),
        row(&["48", &measure(48), "2020年12月底", "正在编制实施方案"]),
    ];
    let ledger = read_one(unit, &header, &rows);
    assert_ne!(only_report(&ledger, 23).status, Status::Ongoing);
    assert!(!ledger
        .problems
        .iter()
        .any(|p| p.message.contains("不是完成时限")));
}

/// A completion dated by its month (2020年10月, 2020.10) is kept as a month: the ledger
/// marks it, so the report says 2020年10月, not the month's last day. A day (10月20日) or
/// a month's end written as such (10月底) names its day.
#[test]
fn a_completion_month_without_a_day_is_kept_as_a_month() {
    let unit = "区水利局";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    let rows = vec![
        row(&[
            "20",
            &measure(20),
            "可研报告已通过审查",
            "已完成",
            "2020年10月",
        ]),
        row(&["21", &measure(21), "生态流量改造已完成", "已完成", "2020.9"]),
        row(&["23", &measure(23), "巡查已完成", "已完成", "10月20日"]),
        row(&["26", &measure(26), "专项规划已印发", "已完成", "9月底"]),
    ];
    let ledger = read_one(unit, &header, &rows);
    let on = |m, d| NaiveDate::from_ymd_opt(2020, m, d);
    let r20 = only_report(&ledger, 20);
    assert_eq!(
        (r20.completed_on, r20.completed_in_month),
        (on(10, 31), true)
    );
    let r21 = only_report(&ledger, 21);
    assert_eq!(
        (r21.completed_on, r21.completed_in_month),
        (on(9, 30), true)
    );
    let r23 = only_report(&ledger, 23);
    assert_eq!(
        (r23.completed_on, r23.completed_in_month),
        (on(10, 20), false)
    );
    let r26 = only_report(&ledger, 26);
    assert_eq!(
        (r26.completed_on, r26.completed_in_month),
        (on(9, 30), false)
    );
}

/// A completion month named in the progress text with no 完成时间 column (于9月全部完成
/// 拆除) is kept as a month too: 2020年9月 in the report, not 9月30日. A day there (已于9月
/// 25日完成) and 于11月底 (a month's end written as such) name their day.
#[test]
fn a_completion_month_in_the_text_is_kept_as_a_month() {
    let unit = "区水利局";
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&["20", &measure(20), "于9月全部完成拆除。", "已完成"]),
        row(&["21", &measure(21), "已于9月25日完成整改。", "已完成"]),
        row(&["23", &measure(23), "已于11月底全部整改完毕。", "已完成"]),
    ];
    let ledger = read_one(unit, &header, &rows);
    let on = |m, d| NaiveDate::from_ymd_opt(2020, m, d);
    let got = |id| {
        let r = only_report(&ledger, id);
        (r.completed_on, r.completed_in_month)
    };
    assert_eq!(got(20), (on(9, 30), true));
    assert_eq!(got(21), (on(9, 25), false));
    assert_eq!(got(23), (on(11, 30), false));
}

/// A completion typed as a date and formatted as a month (2020年10月: the cell holds
/// 2020-10-01) is the month the unit showed, as if typed as text: not the 1st.
#[test]
fn a_date_cell_shown_as_a_month_is_read_as_that_month() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let unit = "区水利局";
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("进展情况").unwrap();
    ws.write_string(0, 0, format!("填报单位：{unit}")).unwrap();
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let month = Format::new().set_num_format("yyyy\"年\"m\"月\"");
    let day = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    for (r, (id, format)) in [(20u32, &month), (26, &day)].into_iter().enumerate() {
        let r = r as u32 + 2;
        ws.write_number(r, 0, id).unwrap();
        ws.write_string(r, 1, measure(id)).unwrap();
        ws.write_string(r, 2, "已按要求完成").unwrap();
        ws.write_string(r, 3, "已完成").unwrap();
        let on = ExcelDateTime::from_ymd(2020, 10, 1).unwrap();
        ws.write_datetime_with_format(r, 4, &on, format).unwrap();
    }
    wb.save(dir.path().join(format!("{unit}.xlsx"))).unwrap();
    let ledger = ledger_for(dir.path());
    let on = |m, d| NaiveDate::from_ymd_opt(2020, m, d);
    let r20 = only_report(&ledger, 20);
    assert_eq!(
        (r20.completed_on, r20.completed_in_month),
        (on(10, 31), true)
    );
    let r26 = only_report(&ledger, 26);
    assert_eq!(
        (r26.completed_on, r26.completed_in_month),
        (on(10, 1), false)
    );
}

/// A 完成状态 column answered with numbers formatted as percentages (the unit sees
/// 100% and 60%; the cells hold 1 and 0.6) reads as those percentages: 100% is done,
/// 60% under way. Before, both read 待核实 and the message quoted “1” and “0.6”.
#[test]
fn percentages_formatted_in_the_status_column_read_as_shown() {
    use rust_xlsxwriter::{Format, Workbook};
    let unit = "区经济信息委";
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, format!("填报单位：{unit}")).unwrap();
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let whole = Format::new().set_num_format("0%");
    let tenths = Format::new().set_num_format("0.0%");
    for (r, (id, value, format)) in [
        (12u32, 1.0, &whole),
        (18, 0.6, &whole),
        (20, 0.455, &tenths),
    ]
    .into_iter()
    .enumerate()
    {
        let r = r as u32 + 2;
        ws.write_number(r, 0, id).unwrap();
        ws.write_string(r, 1, measure(id)).unwrap();
        ws.write_string(r, 2, "按要求推进").unwrap();
        ws.write_number_with_format(r, 3, value, format).unwrap();
    }
    wb.save(dir.path().join(format!("{unit}.xlsx"))).unwrap();
    let ledger = ledger_for(dir.path());
    let got: Vec<(Status, String)> = [12, 18, 20]
        .into_iter()
        .map(|id| {
            let r = only_report(&ledger, id);
            (r.status, r.status_text)
        })
        .collect();
    assert_eq!(
        got,
        [
            (Status::Completed, "100%".to_string()),
            (Status::InProgress, "60%".to_string()),
            (Status::InProgress, "45.5%".to_string()),
        ]
    );
    assert!(!ledger.problems.iter().any(|p| p.message.contains("“0.6”")));
}

/// 未完成 in a 是否完成 or 完成状态 column says only "not done"; beside progress saying
/// the work is under way (正在施工，预计12月底完工) it is 正在推进. Beside a text that
/// does not say how far, it stays 待核实 (a_status_column_named_like_progress_keeps_both_columns).
#[test]
fn not_done_beside_work_under_way_is_in_progress() {
    let unit = "凤凰湖产业促进中心";
    for status_header in ["是否完成", "完成状态"] {
        let header = [
            "序号",
            "具体举措",
            "整改进展情况",
            status_header,
            "完成时间",
        ];
        let rows = vec![
            row(&[
                "15",
                &measure(15),
                "新建园区污水管网2.3公里，正在施工，预计12月底完工。",
                "未完成",
                "",
            ]),
            row(&[
                "42",
                &measure(42),
                "配合完成厂外配套管网建设。",
                "已完成",
                "2020年9月20日",
            ]),
            row(&[
                "36",
                &measure(36),
                "已查明原因，正在实施截污工程。",
                "未完成",
                "",
            ]),
        ];
        let ledger = read_one(unit, &header, &rows);
        for (id, status) in [
            (15, Status::InProgress),
            (42, Status::Completed),
            (36, Status::InProgress),
        ] {
            let r = only_report(&ledger, id);
            assert_eq!(r.status, status, "{status_header} {id}");
        }
        assert_eq!(only_report(&ledger, 15).status_text, "未完成");
        assert!(
            !ledger
                .problems
                .iter()
                .any(|p| p.message.contains("“未完成”")),
            "{status_header}"
        );
    }
}

/// A 完成情况 column beside 整改进展情况 holding status words is the status column, also
/// when one of its cells dates the completion (已于2020年9月25日完成: longer than a status
/// word, but its date does not count). Before, that one cell made it a second progress
/// column and every status read from the text, a completion as 待核实.
#[test]
fn a_dated_status_cell_keeps_its_column_a_status_column() {
    let unit = "区城市管理局";
    let header = ["序号", "具体举措", "完成情况", "整改进展情况"];
    let rows = vec![
        row(&[
            "28",
            &measure(28),
            "已于2020年9月25日完成",
            "印发长效监管考核办法，按月考核。",
        ]),
        row(&["43", &measure(43), "长期坚持", "每月开展巡查。"]),
        row(&["45", &measure(45), "正在推进", "清掏化粪池126座。"]),
    ];
    let ledger = read_one(unit, &header, &rows);
    let done = only_report(&ledger, 28);
    assert_eq!(done.status, Status::Completed);
    assert_eq!(done.status_text, "已于2020年9月25日完成");
    assert_eq!(done.completed_on, NaiveDate::from_ymd_opt(2020, 9, 25));
    assert_eq!(done.progress, "印发长效监管考核办法，按月考核。");
    assert_eq!(only_report(&ledger, 43).status_text, "长期坚持");
    assert_eq!(only_report(&ledger, 45).status_text, "正在推进");
    assert!(!ledger
        .problems
        .iter()
        .any(|p| p.message.contains("完成状态列")));
}

/// A table with no status column: the status is read from texts that state it after
/// their subject (…扩容工程正在推进，预计…; …专项规划已编制完成，于…印发实施; 已建立…机制，
/// 并长期坚持), with the day a dated clause says the work was done; none is left 待核实.
#[test]
fn a_status_stated_after_the_subject_is_read_without_a_status_column() {
    let unit = "区住房城乡建委";
    let header = ["序号", "具体举措", "整改进展情况"];
    let rows = vec![
        row(&[
            "33",
            &measure(33),
            "海绵城市建设专项规划已编制完成，于2020年9月25日经区政府常务会审议通过并印发实施。",
        ]),
        row(&[
            "37",
            &measure(37),
            "双石污水处理厂扩容工程正在推进，预计2021年3月底前完成。",
        ]),
        row(&["40", &measure(40), "水质监测预警体系建设正在有序推进中。"]),
        row(&["46", &measure(46), "已建立排水监管长效机制，并长期坚持。"]),
    ];
    let ledger = read_one(unit, &header, &rows);
    let status = |id| only_report(&ledger, id).status;
    assert_eq!(status(33), Status::Completed);
    assert_eq!(
        only_report(&ledger, 33).completed_on,
        NaiveDate::from_ymd_opt(2020, 9, 25)
    );
    assert_eq!(status(37), Status::InProgress);
    assert_eq!(status(40), Status::InProgress);
    assert_eq!(status(46), Status::Completed);
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:?}",
        ledger.problems
    );
}

/// A count of work done that shrinks between a unit's returns (12月3日 已清掏化粪池560座,
/// 12月4日 已清掏356座) is warned about, naming both figures and dates; the later return
/// stands. A count that grows, a count of other work, or a share, is not.
#[test]
fn a_count_of_work_done_that_shrinks_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "区城市管理局";
    for (day, file, t45, t44) in [
        (
            "2020年12月3日",
            "区城市管理局（3日）.xlsx",
            "已清掏化粪池560座，剩余120座正在清掏。",
            "已查处违法行为30起，已完成80%。",
        ),
        (
            "2020年12月4日",
            "区城市管理局（4日）.xlsx",
            "已完成河道两岸化粪池排查，共412座，已清掏356座。",
            "累计查处违法行为46起，已完成60%，已拆除招牌3块。",
        ),
    ] {
        write_dated_return(
            &dir.path().join(file),
            unit,
            day,
            &[
                &["45", &measure(45), t45, "正在推进"],
                &["44", &measure(44), t44, "正在推进"],
            ],
        );
    }
    let ledger = ledger_for(dir.path());
    let current: Vec<_> = reports_of(&ledger, 45, unit)
        .into_iter()
        .filter(|r| !r.superseded)
        .collect();
    assert_eq!(current.len(), 1);
    assert!(current[0].progress.contains("356座"));
    // The documents are told the change (the report does not quote the figure as fact).
    assert_eq!(
        current[0].figure_fell.as_deref(),
        Some("已清掏数量由560座减为356座")
    );
    assert!(reports_of(&ledger, 44, unit)
        .iter()
        .all(|r| r.figure_fell.is_none()));
    let warned: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::FigureFell)
        .collect();
    assert_eq!(warned.len(), 1, "{:?}", ledger.problems);
    let m = &warned[0].message;
    assert!(
        m.contains("第45项2020年12月4日报送的已清掏数量（356座）少于2020年12月3日报送的（560座"),
        "{m}"
    );
    assert_eq!(warned[0].severity, Severity::Warning);
    assert_eq!(warned[0].file, "区城市管理局（4日）.xlsx");
    // The unit is asked to check the figures in its notice; not of the count that grew.
    let u = ledger.units.iter().find(|u| u.name == unit).unwrap();
    let asked: Vec<_> = u
        .to_verify
        .iter()
        .map(|v| (v.task, v.why.as_str()))
        .collect();
    assert_eq!(
        asked,
        [(
            45,
            "你单位2020年12月3日报送的已清掏数量为560座，2020年12月4日报送的为356座，请说明两个数字的统计口径，或更正有误的数字"
        )]
    );
}

/// Without a status column, a text whose words of a status take each other back (已全部
/// 完成，尚有3处未整改) is 待核实 with a warning saying so, not one saying the text has no
/// status words; a text with none gets that one.
#[test]
fn a_text_taking_its_completion_back_is_unclear_and_said_so() {
    let unit = "区水利局";
    let header = ["序号", "具体举措", "整改进展情况"];
    let rows = vec![
        row(&["20", &measure(20), "已全部完成，尚有3处未整改。"]),
        row(&["21", &measure(21), "今年开展巡查12次，发现问题5个。"]),
    ];
    let ledger = read_one(unit, &header, &rows);
    assert_eq!(only_report(&ledger, 20).status, Status::Unclear);
    assert_eq!(only_report(&ledger, 21).status, Status::Unclear);
    let message = |row: u32| {
        ledger
            .problems
            .iter()
            .find(|p| p.code == Code::StatusUnclear && p.row == Some(row))
            .map(|p| p.message.clone())
            .unwrap()
    };
    let r20 = only_report(&ledger, 20).source.row;
    let r21 = only_report(&ledger, 21).source.row;
    assert!(
        message(r20).contains("前后不一致或不够明确"),
        "{}",
        message(r20)
    );
    assert!(
        message(r21).contains("也没有写明完成情况"),
        "{}",
        message(r21)
    );
}

/// A 说明 row under a spreadsheet's table reporting a task the table leaves out (说明：
/// 第5项已于11月完成…) is not counted, and the clerk is told, quoting it, as for a Word
/// return; a note on tasks the table has, or with no progress, says nothing.
#[test]
fn a_note_under_a_spreadsheet_reporting_another_task_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    write_dated_return(
        &dir.path().join("区农业农村委.xlsx"),
        "区农业农村委",
        "2020年12月3日",
        &[
            &["1", &measure(1), "已出台方案。", "已完成"],
            &["4", &measure(4), "正在推广。", "正在推进"],
            &[""],
            &["说明：第4项正在推进。"],
            &["说明：第5项已于2020年11月完成全区农田排灌沟渠摸底调查，整治工作正在推进。"],
            &["备注：第6项请见下期报送。"],
        ],
    );
    let ledger = ledger_for(dir.path());
    assert!(ledger.task(5).unwrap().reports.is_empty());
    let flagged: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::ProseReport)
        .collect();
    assert_eq!(flagged.len(), 1, "{:?}", ledger.problems);
    assert_eq!(flagged[0].severity, Severity::Warning);
    assert_eq!(flagged[0].row, Some(7));
    assert!(
        flagged[0].message.contains("第5项已于2020年11月完成")
            && flagged[0].message.contains("未计入汇总"),
        "{}",
        flagged[0].message
    );
}

/// Last round's status kept beside this round's (a 完成状态（上月） or 上期完成状态 column,
/// a 备注 of 上期：已完成): last round's 已完成 beside this round's 正在推进 is a step
/// back to show, not a contradiction to send back (adv43 b21, b21c, b40: before, 待核实
/// and “备注写明“已完成”……请该单位核实后重新报送”, for a note the tool itself wrote).
#[test]
fn last_rounds_status_beside_this_rounds_is_no_contradiction() {
    for earlier in ["完成状态（上月）", "上期完成状态"] {
        let header = ["序号", "具体举措", "整改进展情况", earlier, "完成状态"];
        let rows = vec![row(&[
            "55",
            &measure(55),
            "小水电整改正在验收。",
            "已完成",
            "正在推进",
        ])];
        let ledger = read_one("区水利局", &header, &rows);
        let r = only_report(&ledger, 55);
        assert_eq!(r.status, Status::InProgress, "{earlier}");
        assert_eq!(
            ledger.task(55).unwrap().status,
            Status::InProgress,
            "{earlier}"
        );
        assert!(r.note.contains(earlier), "{earlier}: {}", r.note);
        assert!(
            !raised(&ledger, Code::StatusContradicted),
            "{:#?}",
            ledger.problems
        );
    }
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "备注"];
    let rows = vec![row(&[
        "55",
        &measure(55),
        "小水电整改正在验收。",
        "正在推进",
        "上期：已完成",
    ])];
    let ledger = read_one("区水利局", &header, &rows);
    assert_eq!(only_report(&ledger, 55).status, Status::InProgress);
    assert!(
        !raised(&ledger, Code::StatusContradicted),
        "{:#?}",
        ledger.problems
    );
    // This round's note saying the work is done still contradicts 正在推进.
    let rows = vec![row(&[
        "55",
        &measure(55),
        "小水电整改正在验收。",
        "正在推进",
        "已于2020年11月30日全部完成。",
    ])];
    let ledger = read_one("区水利局", &header, &rows);
    assert!(
        raised(&ledger, Code::StatusContradicted),
        "{:#?}",
        ledger.problems
    );
}

/// A workbook with the filled form and a worksheet left beside it (Sheet1 without a
/// 填报日期, or a sheet named 草稿) saying otherwise on the same tasks: the form's rows
/// stand, the other sheet's are set aside with one info, and no error asks the unit to
/// resend (adv43 b42, b42b: before, two “内容不同的多条进展” errors and the draft's
/// 正在推进 counted).
#[test]
fn a_draft_sheet_beside_the_filled_form_gives_way() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    for (draft_name, draft_dated) in [("Sheet1", false), ("草稿", true)] {
        let form = SheetSpec::new("填报表")
            .text_row(&["填报单位：何埂镇", "", "填报日期：2020年12月3日"])
            .text_row(&header)
            .text_row(&["24", &measure(24), "已拆除拦河设施2处。", "已完成"])
            .text_row(&["50", &measure(50), "执法人员已增加。", "长期坚持"]);
        let draft = SheetSpec::new(draft_name)
            .text_row(&[
                "填报单位：何埂镇",
                "",
                if draft_dated {
                    "填报日期：2020年12月3日"
                } else {
                    ""
                },
            ])
            .text_row(&header)
            .text_row(&["24", &measure(24), "正在拆除。", "正在推进"])
            .text_row(&["50", &measure(50), "执法人员已增加。", "长期坚持"]);
        let dir = tempfile::tempdir().unwrap();
        write_workbook(&dir.path().join("何埂镇.xlsx"), &[form, draft]);
        let ledger = ledger_for(dir.path());
        let r = only_report(&ledger, 24);
        assert_eq!(r.source.sheet, "填报表", "{draft_name}");
        assert_eq!(r.status, Status::Completed, "{draft_name}");
        assert!(
            !ledger
                .problems
                .iter()
                .any(|p| p.severity == Severity::Error && p.code == Code::Duplicate),
            "{draft_name}: {:#?}",
            ledger.problems
        );
        assert!(
            ledger.problems.iter().any(|p| p.code == Code::Duplicate
                && p.message
                    .contains(&format!("工作表“{draft_name}”未填写填报日期或注明为草稿"))),
            "{draft_name}: {:#?}",
            ledger.problems
        );
    }
}

/// Two rounds kept as two sheets of one workbook, named by words rather than months
/// (第一次报送 / 第二次报送, 初报 / 更新, Sheet1 / Sheet1 (2), 本期 / 上期), dated alike or
/// the later left undated: the later sheet stands, with one info. Before (adv44 b16):
/// an undated later sheet was set aside as a worksheet, sheets dated alike were a
/// conflict error asking the unit to resend.
#[test]
fn sheets_named_as_rounds_are_taken_in_their_order() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let sheet = |name: &str, dated: bool, done: bool| {
        let m = measure(26);
        let (words, status) = if done {
            ("规划已印发实施。", "已完成")
        } else {
            ("正在编制规划。", "正在推进")
        };
        SheetSpec::new(name)
            .text_row(&[
                "填报单位：区水利局",
                "",
                if dated {
                    "填报日期：2020年11月20日"
                } else {
                    ""
                },
            ])
            .text_row(&header)
            .text_row(&["26", &m, words, status])
    };
    for (older, newer, newer_dated, newer_first) in [
        ("第一次报送", "第二次报送", false, false),
        ("第一次报送", "第二次报送", true, false),
        ("初报", "更新", true, false),
        ("Sheet1", "Sheet1 (2)", true, false),
        ("上期", "本期", true, true),
    ] {
        let (a, b) = (sheet(older, true, false), sheet(newer, newer_dated, true));
        let sheets = if newer_first { [b, a] } else { [a, b] };
        let dir = tempfile::tempdir().unwrap();
        write_workbook(&dir.path().join("区水利局.xlsx"), &sheets);
        let ledger = ledger_for(dir.path());
        let r = only_report(&ledger, 26);
        assert_eq!(
            (r.source.sheet.as_str(), r.status),
            (newer, Status::Completed),
            "{older}/{newer}"
        );
        assert!(
            !ledger
                .problems
                .iter()
                .any(|p| p.severity == Severity::Error),
            "{older}/{newer}: {:#?}",
            ledger.problems
        );
        assert!(
            ledger.problems.iter().any(|p| p.code == Code::Duplicate
                && p.message.contains(&format!(
                    "按工作表名称，第26项已按较新的工作表“{newer}”汇总，工作表“{older}”中的进展不再计入"
                ))),
            "{older}/{newer}: {:#?}",
            ledger.problems
        );
    }
}

/// A note under the table excepting the tasks the unit does answer (说明：除第27项、第50项
/// 外，我镇承担的其余任务均不涉及。): its blank rows are 不涉及, the tasks it names keep
/// their rows' answers and are never read as 不涉及 (adv43 a16: before, the note was read
/// as naming 27 and 50 not applicable, and the blank rows stayed unanswered).
#[test]
fn a_note_excepting_some_tasks_answers_the_blank_rest() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&["24", &measure(24), "", ""]),
        row(&["25", &measure(25), "", ""]),
        row(&[
            "27",
            &measure(27),
            "已清理开垦种植4处，正在复绿。",
            "正在推进",
        ]),
        row(&["50", &measure(50), "配备执法人员4名。", "长期坚持"]),
        row(&["说明：除第27项、第50项外，我镇承担的其余任务均不涉及。"]),
    ];
    let ledger = read_one("来苏镇", &header, &rows);
    for id in [24, 25] {
        assert_eq!(
            only_report(&ledger, id).status,
            Status::NotApplicable,
            "task {id}"
        );
    }
    assert_eq!(only_report(&ledger, 27).status, Status::InProgress);
    assert_eq!(only_report(&ledger, 50).status, Status::Ongoing);
    // Nothing filled in: the same.
    let rows = vec![
        row(&["24", &measure(24), "", ""]),
        row(&["27", &measure(27), "", ""]),
        row(&["说明：除第27项外，我镇承担的其余任务均不涉及。"]),
    ];
    let ledger = read_one("来苏镇", &header, &rows);
    assert_eq!(only_report(&ledger, 24).status, Status::NotApplicable);
    assert!(ledger.task(27).unwrap().reports.is_empty());
}

/// Two units' reports on a task in the same words, each in a file of its own (a town's
/// form built from its neighbour's): kept as each unit's, the one that looks copied
/// flagged (the words name the other unit, or its role is the lesser); the same words
/// from three or more units are a wording handed round, not flagged (adv43 b20, b11).
#[test]
fn the_same_words_from_two_units_are_flagged_as_copied() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let dir = tempfile::tempdir().unwrap();
    let said = "何埂镇综合执法大队已增加执法人员2名。";
    let handed = "按照区城市管理局统一部署，持续开展河道巡查。";
    for town in ["何埂镇", "临江镇", "松溉镇"] {
        let mut rows = vec![row(&["27", &measure(27), handed, "长期坚持"])];
        if town != "松溉镇" {
            rows.push(row(&["50", &measure(50), said, "长期坚持"]));
        }
        write_workbook(
            &dir.path().join(format!("{town}.xlsx")),
            &[sheet(town, &header, &rows)],
        );
    }
    let ledger = ledger_for(dir.path());
    assert_eq!(ledger.task(50).unwrap().current_reports().count(), 2);
    let flagged: Vec<&rectify::model::Problem> = ledger
        .problems
        .iter()
        .filter(|p| p.message.contains("一字不差"))
        .collect();
    assert_eq!(flagged.len(), 1, "{flagged:#?}");
    assert_eq!(flagged[0].file, "临江镇.xlsx");
    assert!(
        flagged[0].message.contains("可能沿用了何埂镇的表格"),
        "{}",
        flagged[0].message
    );
}

/// A day typed over the 完成时限 column of a form without a 完成时间 column, on a row
/// reported done (2020年9月28日 where the plan says 2020年9月底完成，并长期坚持): the day it
/// was done. The plan's deadline copied there is no completion date (adv43 b47: before,
/// the day was dropped).
#[test]
fn a_day_typed_over_the_deadline_column_dates_a_completion() {
    let header = ["序号", "具体举措", "完成时限", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&[
            "24",
            &measure(24),
            "2020年9月28日",
            "已拆除拦河设施2处。",
            "已完成",
        ]),
        row(&[
            "27",
            &measure(27),
            "2020年9月底完成，并长期坚持",
            "已整治开垦点。",
            "已完成",
        ]),
    ];
    let ledger = read_one("陈食街道", &header, &rows);
    assert_eq!(
        only_report(&ledger, 24).completed_on,
        Some(date(2020, 9, 28))
    );
    assert_eq!(only_report(&ledger, 27).completed_on, None);
}

/// 已完成 or 长期坚持 beside a text saying only that the task is not the unit's (不涉及,
/// 无此项工作, 辖区内无拦河养鱼) is 不涉及, as the text says, with a note: the unit has no
/// part to do. Before (adv44 a67) it was counted done and quoted among the completions;
/// then (adv48 b M3) it was 待核实, which made the task 待核实 and overdue in the report.
#[test]
fn done_or_kept_up_beside_not_applicable_words_is_not_applicable() {
    let ledger = read_one(
        "来苏镇",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["24", &measure(24), "我镇辖区内无拦河养鱼", "已完成"]),
            row(&["25", &measure(25), "不涉及", "已完成"]),
            row(&["50", &measure(50), "无此项工作", "长期坚持"]),
            row(&[
                "27",
                &measure(27),
                "已清理开垦种植4处，已全部复绿。",
                "已完成",
            ]),
        ],
    );
    for id in [24, 25, 50] {
        let r = only_report(&ledger, id);
        assert!(r.doubt.is_none(), "{id}: {r:#?}");
        assert_eq!(r.status, Status::NotApplicable, "{id}");
        assert_ne!(ledger.task(id).unwrap().status, Status::Unclear, "{id}");
    }
    assert!(said(
        &ledger,
        Code::NotApplicableStatement,
        "对第50项报送“长期坚持”，进展情况写明“无此项工作”，按“不涉及”统计"
    ));
    assert_eq!(only_report(&ledger, 27).status, Status::Completed);
    assert!(only_report(&ledger, 27).doubt.is_none());
}

/// A blank status beside a text that speaks of completion without settling the task
/// (已完成规划编制) is to verify, and the unit is told the text was read, not that it
/// said nothing of completion. Before (adv44 a32): "进展情况也没有写明完成情况".
#[test]
fn a_blank_status_beside_words_of_completion_is_told_as_such() {
    let ledger = read_one(
        "区农业农村委",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["8", &measure(8), "已完成规划编制", ""]),
            row(&["9", &measure(9), "今年开展执法检查12次。", ""]),
        ],
    );
    let message = |id: u32| {
        let row = only_report(&ledger, id).source.row;
        ledger
            .problems
            .iter()
            .find(|p| p.code == Code::StatusUnclear && p.row == Some(row))
            .map(|p| p.message.clone())
            .unwrap()
    };
    assert_eq!(only_report(&ledger, 8).status, Status::Unclear);
    assert!(
        message(8).contains("进展情况“已完成规划编制”不足以确定整项任务的完成情况"),
        "{}",
        message(8)
    );
    assert!(message(9).contains("也没有写明完成情况"), "{}", message(9));
}

/// 是否完成 against the text: 否 beside 已全部完成 is told as the two disagreeing, not as
/// progress missing; 进行中 beside 已于11月完成 is to verify, as 已完成 beside 正在推进
/// is. Before (adv44 b15): "但没有写明进展" for the first, nothing for the second.
#[test]
fn a_yes_no_answer_against_the_text_is_told_so() {
    let ledger = read_one(
        "区生态环境局",
        &["序号", "具体举措", "整改进展情况", "是否完成"],
        &[
            row(&["59", &measure(59), "已全部完成。", "否"]),
            row(&["61", &measure(61), "已于11月完成", "进行中"]),
        ],
    );
    assert_eq!(only_report(&ledger, 59).status, Status::Unclear);
    assert!(said(
        &ledger,
        Code::StatusUnclear,
        "填写“否”（未完成），但进展情况写明“已全部完成。”，两者不一致"
    ));
    assert!(!said(&ledger, Code::StatusUnclear, "没有写明进展"));
    assert!(only_report(&ledger, 61).doubt.is_some());
    // The bureau's own report: counted as written in its own round, its clerk told at
    // the row (second review d 4: its report asked it to check with itself).
    assert_eq!(ledger.task(61).unwrap().status, Status::InProgress);
    assert!(said(
        &ledger,
        Code::StatusContradicted,
        "报告中按所填的“正在推进”计"
    ));
}

/// Letters saying the unit has no task in the plan in words of their own (none before a
/// task: 方案中无我单位牵头或责任的任务, 暂无, 为零, 整改事项) are its 不涉及 on every task;
/// a letter of the lead role alone (无牵头任务) with its other work done is no such
/// answer. A status cell saying the task is not the unit's (非我镇任务, 不属我镇任务,
/// 不是我单位职责) is 不涉及, and so is 已完成 beside such a text.
#[test]
fn no_task_in_the_units_own_words_and_not_ours_in_a_status_cell() {
    use common::word::*;
    let dir = tempfile::tempdir().unwrap();
    let letter = |body: &str, signed: &str| {
        docx_bytes(
            docx_rs::Docx::new()
                .add_paragraph(para("关于整改方案任务落实情况的报告"))
                .add_paragraph(para("区生态环境局："))
                .add_paragraph(para(body))
                .add_paragraph(para(signed))
                .add_paragraph(para("2020年12月3日")),
        )
    };
    for (file, body, signed) in [
        (
            "a.docx",
            "经对照，方案中无我单位牵头或责任的任务。",
            "永川区委编办",
        ),
        (
            "b.docx",
            "我街道暂无该方案整改任务。",
            "永川区中山路街道办事处",
        ),
        (
            "c.docx",
            "方案中涉及我镇的整改任务为零。",
            "永川区青峰镇人民政府",
        ),
        (
            "d.docx",
            "我局无牵头任务，配合任务均已完成。",
            "重庆市永川区交通局",
        ),
    ] {
        std::fs::write(dir.path().join(file), letter(body, signed)).unwrap();
    }
    write_workbook(
        &dir.path().join("来苏镇.xlsx"),
        &[SheetSpec::new("Sheet")
            .text_row(&["填报单位：来苏镇", "", "填报日期：2020年12月3日"])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["24", &measure(24), "", "非我镇任务"])
            .text_row(&["25", &measure(25), "", "不属我镇任务"])
            .text_row(&["27", &measure(27), "非我镇任务", "已完成"])],
    );
    let ledger = ledger_for(dir.path());
    let plan = plan();
    for unit in ["中山路街道", "青峰镇"] {
        for (t, _) in plan.tasks_of(unit) {
            let r = reports_of(&ledger, t.id, unit);
            assert_eq!(r.len(), 1, "{unit} on {}", t.id);
            assert_eq!(r[0].status, Status::NotApplicable, "{unit} on {}", t.id);
        }
    }
    // The lead role alone, or the lead and responsible roles from a unit that only
    // helps (区委编办 cooperates on task 50): not read as 不涉及 on the tasks it helps
    // with (no_task_to_lead_or_hold_leaves_the_tasks_a_unit_helps_with_owed).
    for unit in ["区交通局", "区委编办"] {
        for (t, _) in plan.tasks_of(unit) {
            assert!(
                reports_of(&ledger, t.id, unit).is_empty(),
                "{unit} on {}",
                t.id
            );
        }
    }
    for id in [24, 25] {
        assert_eq!(
            reports_of(&ledger, id, "来苏镇")[0].status,
            Status::NotApplicable,
            "{id}"
        );
    }
    let r27 = reports_of(&ledger, 27, "来苏镇");
    assert!(r27[0].doubt.is_none(), "{r27:#?}");
    assert_eq!(r27[0].status, Status::NotApplicable);
}

/// The shapes a whole-return statement comes in: a workbook whose first row is the
/// sentence; the sentence under a 填报 line (its date kept); a note merged across a
/// blank table right under its header; and, beside a Word table, a cover letter's
/// 方案中其余任务我镇均不涉及 above the table (the other tasks 不涉及, the rows stand). The
/// rows named are the file's rows.
#[test]
fn a_whole_return_statement_in_the_shapes_offices_send_it() {
    use common::word::*;
    let dir = tempfile::tempdir().unwrap();
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    write_workbook(
        &dir.path().join("青峰镇.xlsx"),
        &[SheetSpec::new("Sheet1")
            .text_row(&["我镇无相关工作任务。"])
            .text_row(&["青峰镇人民政府"])],
    );
    write_workbook(
        &dir.path().join("金龙镇.xlsx"),
        &[SheetSpec::new("Sheet1")
            .text_row(&["填报单位：金龙镇    填报日期：2020年12月3日"])
            .text_row(&["我镇无相关工作任务。"])],
    );
    write_workbook(
        &dir.path().join("五间镇.xlsx"),
        &[SheetSpec::new("Sheet1")
            .text_row(&["填报单位：五间镇", "", "填报日期：2020年12月3日"])
            .text_row(&header)
            .text_row(&["经认真对照，我镇不涉及该方案中的整改任务。"])
            .merge(2, 0, 2, 3)],
    );
    let doc = docx_rs::Docx::new()
        .add_paragraph(para("区生态环境局："))
        .add_paragraph(para(
            "现将我镇整改任务落实情况报告如下，方案中其余任务我镇均不涉及。",
        ))
        .add_paragraph(para("填报单位：吉安镇    填报日期：2020年12月3日"))
        .add_table(table(vec![
            text_row(&header),
            text_row(&["24", &measure(24), "已拆除拦河设施3处", "已完成"]),
        ]));
    std::fs::write(dir.path().join("吉安镇.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let plan = plan();
    for (unit, file, row) in [
        ("青峰镇", "青峰镇.xlsx", 1),
        ("金龙镇", "金龙镇.xlsx", 2),
        ("五间镇", "五间镇.xlsx", 3),
    ] {
        for (t, _) in plan.tasks_of(unit) {
            let r = reports_of(&ledger, t.id, unit);
            assert_eq!(r.len(), 1, "{unit} on {}", t.id);
            assert_eq!(r[0].status, Status::NotApplicable, "{unit} on {}", t.id);
            assert_eq!((r[0].source.file.as_str(), r[0].source.row), (file, row));
        }
        assert!(
            ledger
                .problems
                .iter()
                .filter(|p| p.file == file)
                .all(|p| p.severity != Severity::Error),
            "{:#?}",
            ledger.problems
        );
    }
    // The 填报 line above the sentence gave the day.
    let jinlong = reports_of(&ledger, 24, "金龙镇");
    assert_eq!(jinlong[0].filed_on, NaiveDate::from_ymd_opt(2020, 12, 3));
    // 吉安镇: its row stands, its other tasks 不涉及 from the letter's line 2.
    let r24 = reports_of(&ledger, 24, "吉安镇");
    assert_eq!(r24.len(), 1);
    assert_eq!(r24[0].status, Status::Completed);
    for (t, _) in plan.tasks_of("吉安镇") {
        if t.id != 24 {
            let r = reports_of(&ledger, t.id, "吉安镇");
            assert_eq!(r.len(), 1, "吉安镇 on {}", t.id);
            assert_eq!(r[0].status, Status::NotApplicable);
            assert_eq!(r[0].source.row, 2);
        }
    }
}

/// A lead unit's workbook whose first sheet counts its partners' tasks by status (镇街 |
/// 任务数 | 已完成 | 正在推进 …, a row a town) beside a sheet per town: the count sheet is
/// a tally, no reports on tasks 1, 2, 3; the towns' rows are their reports.
#[test]
fn a_lead_units_count_of_its_partners_tasks_is_no_report() {
    let dir = tempfile::tempdir().unwrap();
    let counts = SheetSpec::new("汇总")
        .text_row(&["填报单位：区农业农村委", "", "", "填报日期：2020年12月3日"])
        .text_row(&[
            "序号",
            "镇街",
            "任务数",
            "已完成",
            "正在推进",
            "长期坚持",
            "未启动",
            "不涉及",
        ])
        .text_row(&["1", "来苏镇", "2", "1", "1", "0", "0", "0"])
        .text_row(&["2", "宝峰镇", "2", "0", "2", "0", "0", "0"]);
    let town = |name: &str, status: &str| {
        SheetSpec::new(name)
            .text_row(&[&format!("填报单位：{name}"), "", "填报日期：2020年12月3日"])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["1", &measure(1), "已完成布点规划排查", status])
            .text_row(&["4", &measure(4), "正在推进畜禽粪污治理", "正在推进"])
    };
    write_workbook(
        &dir.path().join("区农业农村委.xlsx"),
        &[counts, town("来苏镇", "已完成"), town("宝峰镇", "正在推进")],
    );
    let ledger = ledger_for(dir.path());
    assert!(ledger
        .skipped
        .iter()
        .any(|s| s.reason == SkipReason::Tally && s.sheet == "汇总"));
    for id in [2, 3] {
        assert!(
            ledger.task(id).unwrap().current_reports().next().is_none(),
            "{id}"
        );
    }
    assert_eq!(
        reports_of(&ledger, 1, "来苏镇")[0].status,
        Status::Completed
    );
    assert_eq!(
        reports_of(&ledger, 1, "宝峰镇")[0].status,
        Status::InProgress
    );
    assert!(
        ledger
            .problems
            .iter()
            .all(|p| p.sheet.as_deref() != Some("汇总") || p.severity == Severity::Info),
        "{:#?}",
        ledger.problems
    );
}

/// 不涉及 has nothing completed: a completion date beside it (the deadline copied into
/// 完成时间) is not the report's.
#[test]
fn a_not_applicable_row_has_no_completion_date() {
    let ledger = read_one(
        "来苏镇",
        &["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"],
        &[
            row(&["24", &measure(24), "", "不涉及", "2020年9月30日"]),
            row(&["25", &measure(25), "已拆除", "已完成", "2020年9月30日"]),
        ],
    );
    let na = only_report(&ledger, 24);
    assert_eq!(na.status, Status::NotApplicable);
    assert_eq!(na.completed_on, None);
    assert_eq!(
        only_report(&ledger, 25).completed_on,
        NaiveDate::from_ymd_opt(2020, 9, 30)
    );
}

/// The month or day a completion was said in words (于9月全部完成拆除 in the status cell,
/// 已于11月底全部整改完毕 in the text) is the completion date.
#[test]
fn a_completion_said_with_its_month_in_words_is_dated() {
    let ledger = read_one(
        "来苏镇",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["24", &measure(24), "", "于9月全部完成拆除"]),
            row(&[
                "25",
                &measure(25),
                "该问题已于11月底全部整改完毕。",
                "已完成",
            ]),
        ],
    );
    let r24 = only_report(&ledger, 24);
    assert_eq!(r24.status, Status::Completed);
    assert_eq!(r24.completed_on, NaiveDate::from_ymd_opt(2020, 9, 30));
    assert_eq!(
        only_report(&ledger, 25).completed_on,
        NaiveDate::from_ymd_opt(2020, 11, 30)
    );
}

/// The same lead unit's Word return with the towns' tables pasted whole: each table's
/// first row is its title merged across the table (来苏镇整改进展情况, or 填报单位：来苏镇),
/// then the header. Each table is its town's, come through the lead unit; a unit's own
/// return titled inside its table stays the unit's own.
#[test]
fn word_tables_titled_inside_for_each_town_are_the_towns_reports() {
    use common::word::*;
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let titled = |title: &str, rows: Vec<docx_rs::TableRow>| {
        let mut all = vec![docx_rs::TableRow::new(vec![cell(&[title]).grid_span(4)])];
        all.push(text_row(&header));
        all.extend(rows);
        table(all)
    };
    for (first, second) in [
        ("来苏镇整改进展情况", "宝峰镇整改进展情况"),
        ("填报单位：来苏镇", "填报单位：宝峰镇"),
        ("来苏镇整改任务落实情况表", "宝峰镇整改任务落实情况表"),
        ("来苏镇", "宝峰镇"),
        ("一、来苏镇", "二、宝峰镇"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let doc = docx_rs::Docx::new()
            .add_paragraph(para("区住房城乡建委牵头任务各镇街落实情况"))
            .add_paragraph(para("填报单位：区住房城乡建委    填报日期：2020年12月6日"))
            .add_table(titled(
                first,
                vec![
                    text_row(&["30", &measure(30), "完成场镇管网排查12.3公里。", "已完成"]),
                    text_row(&["35", &measure(35), "修复破损管网0.8公里。", "已完成"]),
                ],
            ))
            .add_table(titled(
                second,
                vec![
                    text_row(&["30", &measure(30), "场镇管网排查已完成80%。", "正在推进"]),
                    text_row(&["35", &measure(35), "摸排工作正在开展。", "正在推进"]),
                ],
            ));
        std::fs::write(dir.path().join("区住建委汇总.docx"), docx_bytes(doc)).unwrap();
        let ledger = ledger_for(dir.path());
        for task in [30, 35] {
            let of = |unit: &str| {
                let r = reports_of(&ledger, task, unit);
                assert_eq!(
                    r.len(),
                    1,
                    "{first} {unit} {task}: {:?}\n{:?}",
                    ledger.task(task).unwrap().reports,
                    ledger.problems
                );
                r[0].clone()
            };
            assert_eq!(of("来苏镇").status, Status::Completed, "{first}");
            assert_eq!(of("宝峰镇").status, Status::InProgress, "{first}");
            for town in ["来苏镇", "宝峰镇"] {
                assert_eq!(of(town).via.as_deref(), Some("区住房城乡建委"), "{first}");
            }
            assert!(
                reports_of(&ledger, task, "区住房城乡建委").is_empty(),
                "{first} {task}"
            );
        }
        assert!(
            !raised(&ledger, Code::TaskTextMismatch),
            "{first}: {:?}",
            ledger.problems
        );
    }
    // A town's own return, its title inside the table: its own rows, not come through
    // anyone.
    for (para_line, title) in [
        (
            Some("填报单位：来苏镇    填报日期：2020年12月6日"),
            "来苏镇整改进展情况",
        ),
        (None, "来苏镇整改进展情况"),
        (Some("来苏镇整改任务进展情况"), "填报单位：来苏镇"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = docx_rs::Docx::new();
        if let Some(p) = para_line {
            doc = doc.add_paragraph(para(p));
        }
        doc = doc.add_table(titled(
            title,
            vec![text_row(&[
                "30",
                &measure(30),
                "完成场镇管网排查12.3公里。",
                "已完成",
            ])],
        ));
        std::fs::write(dir.path().join("来苏镇.docx"), docx_bytes(doc)).unwrap();
        let ledger = ledger_for(dir.path());
        let r = reports_of(&ledger, 30, "来苏镇");
        assert_eq!(
            r.len(),
            1,
            "{title}: {:?}",
            ledger.task(30).unwrap().reports
        );
        assert_eq!(r[0].via, None, "{title}");
        assert_eq!(r[0].status, Status::Completed, "{title}");
    }
}

/// A lead unit's Word consolidation numbering its partners' rows under the task's own
/// (28, then 28-1 来苏镇, 28-2 宝峰镇; or 28.1, 28（1）) with the unit under 责任单位 as
/// under 单位: each partner's row is that partner's report through the lead, the task's
/// first row the lead's own. Before, under 责任单位 the distinct numbers hid the
/// consolidation and every row was folded into the lead's report.
#[test]
fn partners_rows_numbered_under_the_task_name_their_unit() {
    use common::word::*;
    for column in ["责任单位", "单位"] {
        for numbering in ["{n}-{k}", "{n}.{k}", "{n}（{k}）"] {
            let dir = tempfile::tempdir().unwrap();
            let mut rows = vec![text_row(&[
                "序号",
                "具体举措",
                column,
                "整改进展情况",
                "完成状态",
            ])];
            for (n, own, towns) in [
                (
                    28,
                    ("已制定考核办法。", "已完成"),
                    [
                        ("组建清漂队伍。", "长期坚持"),
                        ("落实保洁员12名。", "已完成"),
                    ],
                ),
                (
                    44,
                    ("立案5件。", "长期坚持"),
                    [
                        ("排查餐饮店32家。", "正在推进"),
                        ("排查餐饮店20家，全部整改。", "已完成"),
                    ],
                ),
            ] {
                rows.push(text_row(&[
                    &n.to_string(),
                    &measure(n),
                    "区城市管理局",
                    own.0,
                    own.1,
                ]));
                for (k, (town, (progress, status))) in
                    ["来苏镇", "宝峰镇"].iter().zip(towns).enumerate()
                {
                    let id = numbering
                        .replace("{n}", &n.to_string())
                        .replace("{k}", &(k + 1).to_string());
                    rows.push(text_row(&[&id, "", town, progress, status]));
                }
            }
            let doc = docx_rs::Docx::new()
                .add_paragraph(para("区城市管理局牵头整改任务进展汇总表"))
                .add_paragraph(para("填报单位：区城市管理局    填报日期：2020年12月5日"))
                .add_table(table(rows));
            std::fs::write(dir.path().join("区城市管理局汇总.docx"), docx_bytes(doc)).unwrap();
            let ledger = ledger_for(dir.path());
            let case = format!("{column} {numbering}");
            let of = |task: u32, unit: &str| {
                let r = reports_of(&ledger, task, unit);
                assert_eq!(
                    r.len(),
                    1,
                    "{case} {unit} {task}: {:?}",
                    ledger.task(task).unwrap().reports
                );
                r[0].clone()
            };
            assert_eq!(of(28, "区城市管理局").status, Status::Completed, "{case}");
            assert_eq!(of(28, "来苏镇").status, Status::Ongoing, "{case}");
            assert_eq!(of(44, "区城市管理局").status, Status::Ongoing, "{case}");
            assert_eq!(of(44, "来苏镇").status, Status::InProgress, "{case}");
            assert_eq!(of(44, "宝峰镇").status, Status::Completed, "{case}");
            assert_eq!(
                of(44, "宝峰镇").via.as_deref(),
                Some("区城市管理局"),
                "{case}"
            );
            assert_eq!(of(44, "区城市管理局").via, None, "{case}");
            assert!(
                !raised(&ledger, Code::Duplicate),
                "{case}: {:?}",
                ledger.problems
            );
        }
    }
}

/// A unit numbering its own rows 1, 2, 3 … and writing its own short form of each
/// measure: the rows whose text is no clear match for any task of the whole plan are
/// tied to the unit's own task they are clearly closest to (加大阳台违规改造巡查力度: 34;
/// 杨家河暗渠生活污水排入问题, the task's 简称 but for 整改: 36), with a warning, as a
/// row without a 序号 is. Before, the numbers were distrusted and those rows left out.
#[test]
fn own_numbering_ties_a_units_short_forms_to_its_own_tasks() {
    let header = ["序号", "整改任务", "整改进展情况", "完成状态"];
    let items = [
        (30, "建立全区排水信息清单，强化乡镇污水管网排查", "已完成"),
        (31, "加快老城区、城乡结合部、老旧小区管网改造", "正在推进"),
        (32, "建立完善排水管网整治工程建设管理办法", "已完成"),
        (34, "加大阳台违规改造巡查力度", "长期坚持"),
        (36, "杨家河暗渠生活污水排入问题", "已完成"),
        (37, "双石污水处理厂污水溢流", "已完成"),
        // Words of none of the unit's tasks: still left out, and said so.
        (0, "加强干部队伍作风建设", "已完成"),
    ];
    let rows: Vec<Vec<String>> = items
        .iter()
        .enumerate()
        .map(|(i, (_, m, st))| row(&[&(i + 1).to_string(), m, "按计划推进。", st]))
        .collect();
    let ledger = read_one("区住房城乡建委", &header, &rows);
    for (id, measure, status) in items.iter().filter(|(id, ..)| *id > 0) {
        let r = reports_of(&ledger, *id, "区住房城乡建委");
        assert_eq!(r.len(), 1, "{measure}: {:?}", ledger.problems);
        assert_eq!(r[0].status.label(), *status, "{measure}");
    }
    // The rows tied by a close match each say so; the clear ones are named in one
    // warning for the sheet.
    assert!(
        ledger.problems.iter().any(|p| p.row == Some(3)
            && p.message.contains("第3行序号“1”为第30项")
            && p.message.contains("第8行序号“6”为第37项")),
        "{:?}",
        ledger.problems
    );
    for (row, id) in [(6, 34), (7, 36)] {
        assert!(
            ledger.problems.iter().any(|p| p.row == Some(row)
                && p.severity == Severity::Warning
                && p.message.contains("自行编号")
                && p.message.contains(&format!("第{id}项"))),
            "row {row}: {:?}",
            ledger.problems
        );
    }
    assert_eq!(ledger.unplaced.len(), 1, "{:?}", ledger.unplaced);
    assert_eq!(ledger.unplaced[0].source.row, 9);
    assert!(
        ledger.problems.iter().any(|p| p.row == Some(9)
            && p.severity == Severity::Error
            && p.message.contains("加强干部队伍作风建设")),
        "{:?}",
        ledger.problems
    );
}

/// null, none, / typed in the progress cell are the cell left empty, not words to quote
/// in the report (adv46 b1: “一是区住房城乡建委已建立…；null；…”). (N/A says 不涉及.)
#[test]
fn null_and_na_in_the_progress_cell_are_no_progress() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows = vec![
        row(&["30", &measure(30), "null", "已完成"]),
        row(&["31", &measure(31), "None", "正在推进"]),
        row(&["32", &measure(32), "/", "已完成"]),
        row(&["33", &measure(33), "NULL。", "已完成"]),
        row(&["34", &measure(34), "无", "正在推进"]),
    ];
    let ledger = read_one("区住房城乡建委", &header, &rows);
    for (id, status) in [
        (30, Status::Completed),
        (31, Status::InProgress),
        (32, Status::Completed),
        (33, Status::Completed),
    ] {
        let r = only_report(&ledger, id);
        assert_eq!((r.status, r.progress.as_str()), (status, ""), "task {id}");
    }
    // 无 stays the unit's word.
    assert_eq!(only_report(&ledger, 34).progress, "无");
}

/// 持续推进中 on a task due once (a plan due 2020年9月底) is 正在推进: the work goes on,
/// it is not kept up for good (adv48 a04: counted 长期坚持). On a task kept up for good
/// (长期坚持) it stays 长期坚持.
#[test]
fn goes_on_on_a_task_due_once_is_under_way() {
    let ledger = read_one(
        "区水利局",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&[
                "26",
                &measure(26),
                "规划编制招标已完成，正在编制。",
                "持续推进中",
            ]),
            row(&["23", &measure(23), "今年实施河堰修复12处。", "持续推进"]),
        ],
    );
    let r26 = only_report(&ledger, 26);
    assert_eq!(r26.status, Status::InProgress);
    assert!(r26.doubt.is_none(), "{r26:#?}");
    assert_eq!(only_report(&ledger, 23).status, Status::Ongoing);
}

/// 详见第35项 on the row above task 35's: that row's words, status and date, as when the
/// row named comes first, and no warning that the status is missing (adv48 a05: 待核实,
/// the pointer not followed).
#[test]
fn a_pointer_to_a_task_below_is_followed() {
    let said = "完成场镇封盖河道周边污水管网摸排，修复破损管网320米。";
    let ledger = read_one(
        "来苏镇",
        &["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"],
        &[
            row(&["34", &measure(34), "详见第35项", "", ""]),
            row(&["35", &measure(35), said, "已完成", "2020年12月3日"]),
        ],
    );
    let r34 = only_report(&ledger, 34);
    assert_eq!(r34.progress, said);
    assert_eq!(r34.status, Status::Completed);
    assert_eq!(r34.completed_on, Some(date(2020, 12, 3)));
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
    // In a lead's consolidation, another unit's row on task 35 is not the one meant.
    let ledger = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "责任单位", "整改进展情况", "完成状态"],
        &[
            row(&["34", &measure(34), "来苏镇", "详见第35项", ""]),
            row(&["34", &measure(34), "宝峰镇", "开展巡查6次。", "长期坚持"]),
            row(&["35", &measure(35), "宝峰镇", said, "已完成"]),
            row(&["35", &measure(35), "双石镇", "正在修复。", "正在推进"]),
        ],
    );
    let r34 = reports_of(&ledger, 34, "来苏镇");
    assert_eq!(r34.len(), 1, "{:#?}", ledger.task(34));
    assert_ne!(r34[0].progress, said);
}

/// A 配合工作情况 column (the table of the tasks a unit cooperates on) is the progress
/// (adv52 a9: its words went to the note, the report showing none of the work).
#[test]
fn a_cooperation_column_is_the_progress() {
    let ledger = read_one(
        "区农业农村委",
        &[
            "序号",
            "具体举措",
            "牵头/责任单位",
            "配合工作情况",
            "完成状态",
        ],
        &[row(&[
            "2",
            &measure(2),
            "卫星湖街道",
            "指导卫星湖街道完成尾水处理设施设计方案。",
            "正在推进",
        ])],
    );
    let r = only_report(&ledger, 2);
    assert_eq!(r.progress, "指导卫星湖街道完成尾水处理设施设计方案。");
    assert!(r.note.is_empty(), "{r:?}");
}

/// A task's parts on rows of their own (一是… over 二是…), each with its status, the
/// later rows without 序号 or measure: one report on the task, the slower status, no
/// row lost (adv52 a3: 二是…｜正在推进 was an unplaced row, task 30 stayed 已完成), and
/// no warning that a part left blank gave no status when the next part gives it.
#[test]
fn parts_on_rows_of_their_own_keep_their_status() {
    let ledger = read_one(
        "陈食街道",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&[
                "30",
                &measure(30),
                "一是完成场镇污水管网排查12公里；",
                "已完成",
            ]),
            row(&[
                "",
                "",
                "二是建立问题清单18项，已分类制定整改方案。",
                "正在推进",
            ]),
            row(&["35", &measure(35), "一是摸排封盖河道周边管网1400米；", ""]),
            row(&[
                "",
                "",
                "二是发现破损点位6处，已修复2处，其余正在施工。",
                "正在推进",
            ]),
        ],
    );
    let r30 = only_report(&ledger, 30);
    assert_eq!(r30.status, Status::InProgress);
    assert!(r30.progress.contains("二是建立问题清单18项"), "{r30:?}");
    let r35 = only_report(&ledger, 35);
    assert_eq!(r35.status, Status::InProgress);
    assert!(r35.progress.starts_with("一是摸排"), "{r35:?}");
    assert!(
        !raised(&ledger, Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
    assert!(
        !ledger
            .problems
            .iter()
            .any(|p| p.severity == Severity::Error),
        "{:#?}",
        ledger.problems
    );
    // A row of its own words under a task's row (no enumeration) is not taken for a
    // part of it.
    let apart = read_one(
        "陈食街道",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["30", &measure(30), "完成场镇污水管网排查12公里。", "已完成"]),
            row(&["", "", "建立问题清单18项。", "正在推进"]),
        ],
    );
    assert_eq!(only_report(&apart, 30).status, Status::Completed);
    // Not a part naming a task of its own, nor a unit's row in a consolidation (second
    // review c 2, c 8: task 33 turned 正在推进 from task 37's row; 宝峰镇's and 双石镇's
    // rows joined 区农业农村委's own).
    let own_task = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&[
                "33",
                &measure(33),
                "1、海绵城市建设专项规划已印发。",
                "已完成",
            ]),
            row(&[
                "",
                "",
                "2、第37项：双石污水处理厂正在实施截污改造。",
                "正在推进",
            ]),
        ],
    );
    assert_eq!(only_report(&own_task, 33).status, Status::Completed);
    let towns = read_one(
        "区农业农村委",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&[
                "1",
                &measure(1),
                "1、来苏镇：已建成尾水处理设施6处。",
                "已完成",
            ]),
            row(&["", "", "2、宝峰镇：尾水处理设施正在建设。", "正在推进"]),
        ],
    );
    let lead = towns
        .task(1)
        .unwrap()
        .current_reports()
        .find(|r| r.unit == "区农业农村委");
    assert!(
        lead.is_none_or(|r| !r.progress.contains("宝峰镇：尾水处理设施")),
        "{lead:?}"
    );
}

/// A cover sheet's table (序号 | 项目 | 工作情况说明: 总体情况, 存在问题, 下步打算) is no
/// progress table, whatever its header's words (second review c 1: 工作情况 read as a
/// progress column made it data, its 下步打算 row task 3's report).
#[test]
fn a_cover_sheets_table_is_not_progress() {
    let dir = tempfile::tempdir().unwrap();
    let cover = SheetSpec::new("报送说明")
        .text_row(&["填报单位：何埂镇", "", "填报日期：2020年12月4日"])
        .text_row(&["序号", "项目", "工作情况说明"])
        .text_row(&["1", "总体情况", "我镇承担整改任务26项。"])
        .text_row(&[
            "3",
            "下步打算",
            "12月底前完成杨开科养殖场尾水处理设施建设。",
        ]);
    let data = sheet(
        "何埂镇",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[row(&[
            "3",
            &measure(3),
            "主体已完工，正在调试。",
            "正在推进",
        ])],
    );
    write_workbook(&dir.path().join("何埂镇.xlsx"), &[cover, data]);
    let ledger = ledger_for(dir.path());
    let r3 = only_report(&ledger, 3);
    assert_eq!(
        (r3.status, r3.progress.as_str()),
        (Status::InProgress, "主体已完工，正在调试。")
    );
}

/// 已完成 on a task kept up with no date to be done by (完成时限 长期坚持) is counted
/// 长期坚持, with a note (adv52 a6: counted done, raising the completion rate by tasks
/// that never end); on a task due by a date and kept up after it, 已完成 stays done.
#[test]
fn done_on_a_task_that_never_ends_is_kept_up() {
    let ledger = read_one(
        "区农业农村委",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["6", &measure(6), "2020年未新增屠宰厂点。", "已完成"]),
            row(&["8", &measure(8), "布点专项规划已印发实施。", "已完成"]),
        ],
    );
    let plan = plan();
    assert!(plan.task(6).unwrap().deadline.due.is_none());
    assert!(plan.task(8).unwrap().deadline.due.is_some());
    // The unit's word stands in its report; the task counts it 长期坚持.
    let r6 = only_report(&ledger, 6);
    assert_eq!(
        (r6.status, r6.status_text.as_str()),
        (Status::Completed, "已完成")
    );
    assert!(said(
        &ledger,
        Code::ReadNote,
        "区农业农村委对第6项报送“已完成”，该项任务的完成时限为“长期坚持”，按“长期坚持”统计。"
    ));
    assert_eq!(only_report(&ledger, 8).status, Status::Completed);
    assert_eq!(ledger.task(6).unwrap().status, Status::Ongoing);
    // Two deciders of such a task, one 已完成 and one 长期坚持: the task is kept up, and
    // its tally says what each answered (adv53 b 2: （2个牵头单位均长期坚持） over
    // 区经济信息委's 已完成).
    let dir = tempfile::tempdir().unwrap();
    for (unit, status) in [("区经济信息委", "已完成"), ("区水利局", "长期坚持")] {
        write_workbook(
            &dir.path().join(format!("{unit}.xlsx")),
            &[sheet(
                unit,
                &["序号", "具体举措", "整改进展情况", "完成状态"],
                &[row(&[
                    "18",
                    &measure(18),
                    "已组织园区企业完成循环用水改造。",
                    status,
                ])],
            )],
        );
    }
    let both = ledger_for(dir.path());
    let t18 = both.task(18).unwrap();
    assert!(plan.task(18).unwrap().deadline.is_long_term_only());
    assert_eq!(t18.status, Status::Ongoing);
    assert_eq!(
        t18.breakdown.describe("牵头单位").as_deref(),
        Some("2个牵头单位中，已完成1个、长期坚持1个")
    );
    // Both 已完成: the tally says the task goes on all the same (second review d 7:
    // 均已完成 beside the status 长期坚持).
    let dir = tempfile::tempdir().unwrap();
    for unit in ["区经济信息委", "区水利局"] {
        write_workbook(
            &dir.path().join(format!("{unit}.xlsx")),
            &[sheet(
                unit,
                &["序号", "具体举措", "整改进展情况", "完成状态"],
                &[row(&[
                    "18",
                    &measure(18),
                    "已组织园区企业完成循环用水改造。",
                    "已完成",
                ])],
            )],
        );
    }
    let both = ledger_for(dir.path());
    let t18 = both.task(18).unwrap();
    assert_eq!(t18.status, Status::Ongoing);
    assert_eq!(
        t18.tally("牵头单位").as_deref(),
        Some("2个牵头单位均报已完成，该项任务需长期坚持")
    );
}

/// A town's return by village: 填报单位 names the town, its 单位 column the villages
/// and communities the work was done in (观音井村, 大石社区), none a unit of the
/// directory. The rows are the town's, each village named before its words, the rows
/// under a task's row without 序号 on that task (adv52 a 5: all four rows were refused
/// as rows of no known unit, with advice to fill the 填报单位 that was filled).
#[test]
fn a_towns_return_by_village_is_the_towns() {
    let header = ["序号", "具体举措", "单位", "整改进展情况", "完成状态"];
    let ledger = read_one(
        "朱沱镇",
        &header,
        &[
            row(&[
                "30",
                &measure(30),
                "观音井村",
                "完成村内污水管网排查2公里。",
                "已完成",
            ]),
            row(&[
                "",
                "",
                "大石社区",
                "排查管网3公里，建立问题清单5项。",
                "正在推进",
            ]),
            row(&["", "", "黄瓜山村", "尚未开展。", "未启动"]),
            row(&[
                "35",
                &measure(35),
                "来苏社区",
                "摸排封盖河道管网1400米。",
                "正在推进",
            ]),
        ],
    );
    let r30 = only_report(&ledger, 30);
    assert_eq!(r30.unit, "朱沱镇");
    assert_eq!(r30.status, Status::InProgress);
    assert!(
        r30.progress
            .starts_with("观音井村：完成村内污水管网排查2公里。")
            && r30.progress.contains("大石社区：排查管网3公里")
            && r30.progress.contains("黄瓜山村：尚未开展。"),
        "{r30:?}"
    );
    let r35 = only_report(&ledger, 35);
    assert_eq!(
        (r35.unit.as_str(), r35.status),
        ("朱沱镇", Status::InProgress)
    );
    assert!(r35.progress.starts_with("来苏社区："), "{r35:?}");
    assert!(
        said(
            &ledger,
            Code::ReadNote,
            "观音井村、大石社区、黄瓜山村等4个村（社区）"
        ) && said(&ledger, Code::ReadNote, "已作为朱沱镇的报送计入"),
        "{:#?}",
        ledger.problems
    );
    assert!(
        !ledger
            .problems
            .iter()
            .any(|p| p.severity == Severity::Error),
        "{:#?}",
        ledger.problems
    );
    // Each village on a row numbered with the task: one report on it all the same.
    let numbered = read_one(
        "朱沱镇",
        &header,
        &[
            row(&[
                "30",
                &measure(30),
                "观音井村",
                "完成村内污水管网排查2公里。",
                "已完成",
            ]),
            row(&[
                "30",
                &measure(30),
                "大石社区",
                "排查管网3公里。",
                "正在推进",
            ]),
        ],
    );
    let r = only_report(&numbered, 30);
    assert_eq!(r.status, Status::InProgress);
    assert!(r.progress.contains("大石社区：排查管网3公里。"), "{r:?}");
    // The town as a whole among its villages (全镇) keeps the rule, and a cell naming two
    // villages counts each once (second review c 11).
    let whole = read_one(
        "朱沱镇",
        &header,
        &[
            row(&["30", &measure(30), "观音井村", "完成排查2公里。", "已完成"]),
            row(&["", "", "观音井村、汉东村", "建立问题清单5项。", "正在推进"]),
            row(&["", "", "全镇", "全镇共排查12公里。", "正在推进"]),
        ],
    );
    let r = only_report(&whole, 30);
    assert!(
        r.progress.contains("全镇：全镇共排查12公里。")
            || r.progress.contains("全镇共排查12公里。"),
        "{r:?}"
    );
    assert!(
        said(&whole, Code::ReadNote, "观音井村、汉东村2个村（社区）"),
        "{:#?}",
        whole.problems
    );
    assert!(!whole.problems.iter().any(|p| p.severity == Severity::Error));
    // Villages under their town's row in a lead's consolidation: the town's parts.
    let lead = read_one(
        "区住房城乡建委",
        &header,
        &[
            row(&[
                "30",
                &measure(30),
                "来苏镇",
                "全镇完成排查12公里。",
                "正在推进",
            ]),
            row(&["", "", "观音井村", "完成排查2公里。", "已完成"]),
            row(&["", "", "汉东村", "问题清单在建。", "正在推进"]),
        ],
    );
    let r: Vec<_> = lead.task(30).unwrap().current_reports().cloned().collect();
    assert_eq!(r.len(), 1, "{r:#?}");
    assert_eq!(
        (r[0].unit.as_str(), r[0].status),
        ("来苏镇", Status::InProgress)
    );
    assert!(r[0].progress.contains("观音井村：完成排查2公里。"), "{r:?}");
    assert!(
        !lead.problems.iter().any(|p| p.severity == Severity::Error),
        "{:#?}",
        lead.problems
    );
    // A bureau's sections (水环境科, 执法支队) likewise.
    let sections = read_one(
        "区生态环境局",
        &header,
        &[row(&[
            "30",
            &measure(30),
            "水环境科",
            "督促各镇街完成管网排查。",
            "已完成",
        ])],
    );
    assert_eq!(only_report(&sections, 30).unit, "区生态环境局");
    assert!(
        said(&sections, Code::ReadNote, "水环境科下属单位"),
        "{:#?}",
        sections.problems
    );
    // A column naming units of the directory is each row's unit as before: a village
    // among them is not read as the sender's.
    let mixed = read_one(
        "区住房城乡建委",
        &header,
        &[
            row(&["30", &measure(30), "来苏镇", "完成场镇管网排查。", "已完成"]),
            row(&["", "", "观音井村", "完成村内管网排查。", "已完成"]),
        ],
    );
    assert!(
        !said(&mixed, Code::ReadNote, "村（社区）"),
        "{:#?}",
        mixed.problems
    );
    // A name that is neither a unit nor a village is refused with advice on the column,
    // not on the 填报单位 line the sheet has.
    let unknown = read_one(
        "区住房城乡建委",
        &header,
        &[
            row(&["30", &measure(30), "来苏镇", "完成场镇管网排查。", "已完成"]),
            row(&["31", &measure(31), "李四", "完成管网改造。", "已完成"]),
        ],
    );
    assert!(
        said(&unknown, Code::UnitUnknown, "“李四”不在单位名录中")
            && said(
                &unknown,
                Code::UnitUnknown,
                "请在单位列填写名录中的单位名称后重新报送"
            )
            && !said(&unknown, Code::UnitUnknown, "请在表头上方填写"),
        "{:#?}",
        unknown.problems
    );
    assert!(
        !mixed
            .task(30)
            .unwrap()
            .current_reports()
            .any(|r| r.unit == "区住房城乡建委" && r.progress.contains("观音井村")),
        "{:#?}",
        mixed.task(30)
    );
}

/// A task's second row whose measure part holds header words (制定整改措施，解决污水溢流
/// 问题, task 38's own wording) is data: its 正在推进 counts and the rows below keep the
/// sheet's header (adv53 a 2: read as a second header, task 38 stayed 已完成 and task
/// 33's progress went to the note). Its text fits tasks 37 and 38 alike: under task 38's
/// row it is task 38's.
#[test]
fn a_second_row_with_header_words_is_data_on_the_task_above() {
    let ledger = read_one(
        "区住房城乡建委",
        &[
            "序号",
            "具体举措",
            "完成时限",
            "整改进展情况",
            "完成状态",
            "完成时间",
        ],
        &[
            row(&[
                "38",
                "查找石庙污水处理站经常污水溢流原因",
                "2020年9月底",
                "已查明原因。",
                "已完成",
                "2020-09-20",
            ]),
            row(&[
                "",
                "制定整改措施，解决污水溢流问题",
                "",
                "截流井改造正在施工。",
                "正在推进",
                "",
            ]),
            row(&[
                "33",
                "完成海绵城市建设专项规划编制。",
                "2020年9月底",
                "规划已批复。",
                "已完成",
                "2020-09-18",
            ]),
        ],
    );
    let r38 = only_report(&ledger, 38);
    assert_eq!(r38.status, Status::InProgress, "{r38:?}");
    assert!(r38.progress.contains("截流井改造正在施工"), "{r38:?}");
    assert!(
        said(&ledger, Code::TaskMatchedByText, "按上一行的第38项计入"),
        "{:#?}",
        ledger.problems
    );
    let r33 = only_report(&ledger, 33);
    assert_eq!(
        (r33.status, r33.progress.as_str(), r33.completed_on),
        (Status::Completed, "规划已批复。", Some(date(2020, 9, 18)))
    );
    assert!(
        !ledger
            .skipped
            .iter()
            .any(|s| s.reason == SkipReason::Header && s.row > 4),
        "{:#?}",
        ledger.skipped
    );
    // Its own words naming what one of the two alone names (石庙, task 38's) decide,
    // over the row above (second review c 1); a row tied by its text is no row above
    // for the next (c 2: a chain of ties).
    let named = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&[
                "37",
                &measure(37),
                "双石污水处理厂已完成管网改造。",
                "已完成",
            ]),
            row(&[
                "",
                "查找污水溢流原因，制定整改措施，解决污水溢流问题。",
                "石庙污水处理站扩容改造正在施工。",
                "正在推进",
            ]),
            row(&[
                "",
                "查找污水溢流原因，制定整改措施，解决污水溢流问题。",
                "扩容改造正在施工。",
                "正在推进",
            ]),
        ],
    );
    assert_eq!(only_report(&named, 37).status, Status::Completed);
    assert_eq!(only_report(&named, 38).status, Status::InProgress);
    assert!(said(
        &named,
        Code::TaskMatchedByText,
        "按进展情况计入第38项"
    ));
    assert!(
        said(&named, Code::TaskUnmatched, "都相近，无法确定"),
        "{:#?}",
        named.problems
    );
    // A header repeated down the sheet is one, commas and all (second review c 9).
    let repeated = read_one(
        "区农业农村委",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["1", &measure(1), "已完成池塘改造3200亩。", "已完成"]),
            row(&[
                "序号",
                "具体举措",
                "整改进展情况，含存在问题",
                "完成状态（已完成，正在推进）",
            ]),
            row(&["5", &measure(5), "完成沟渠整治。", "已完成"]),
        ],
    );
    assert!(
        !repeated
            .problems
            .iter()
            .any(|p| p.severity == Severity::Error),
        "{:#?}",
        repeated.problems
    );
    assert_eq!(only_report(&repeated, 5).status, Status::Completed);
    // The same text under no task's row is still undecided between the two.
    let alone = read_one(
        "区住房城乡建委",
        &[
            "序号",
            "具体举措",
            "完成时限",
            "整改进展情况",
            "完成状态",
            "完成时间",
        ],
        &[row(&[
            "",
            "制定整改措施，解决污水溢流问题",
            "",
            "截流井改造正在施工。",
            "正在推进",
            "",
        ])],
    );
    assert!(
        said(&alone, Code::TaskUnmatched, "都相近，无法确定"),
        "{:#?}",
        alone.problems
    );
}

/// A lead unit's consolidation laid out across, a group of columns per unit: 来苏镇 |
/// 宝峰镇 | 双石镇 merged over 进展情况 | 完成状态 each (a two-row header), or flat headers
/// 区水利局进展情况 | 来苏镇进展情况 …. Each group is its unit's report on the row's task,
/// through the sender, the sender's own group its own (adv53 a 1: the groups were read as
/// earlier rounds, the last unit's 未启动 credited to the sender, the others in its note).
#[test]
fn a_consolidation_with_a_group_of_columns_per_unit_reads_each_units() {
    let dir = tempfile::tempdir().unwrap();
    let mut spec = SheetSpec::new("汇总")
        .text_row(&[
            "填报单位：区农业农村委",
            "",
            "",
            "",
            "填报日期：2020年12月4日",
        ])
        .text_row(&[
            "序号",
            "具体举措",
            "完成时限",
            "来苏镇",
            "",
            "宝峰镇",
            "",
            "双石镇",
            "",
        ])
        .text_row(&[
            "",
            "",
            "",
            "进展情况",
            "完成状态",
            "进展情况",
            "完成状态",
            "进展情况",
            "完成状态",
        ])
        .text_row(&[
            "1",
            &measure(1),
            "2020年12月底完成,并长期坚持",
            "完成尾水处理设施建设3处。",
            "正在推进",
            "完成尾水处理设施建设2处。",
            "已完成",
            "尚未开展。",
            "未启动",
        ]);
    for (c0, c1) in [(3, 4), (5, 6), (7, 8)] {
        spec = spec.merge(1, c0, 1, c1);
    }
    for c in 0..3 {
        spec = spec.merge(1, c, 2, c);
    }
    write_workbook(&dir.path().join("区农业农村委牵头任务汇总.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let of = |l: &rectify::model::Ledger, id: u32, unit: &str| {
        let r: Vec<_> = l
            .task(id)
            .unwrap()
            .current_reports()
            .filter(|r| r.unit == unit)
            .cloned()
            .collect();
        assert_eq!(r.len(), 1, "{unit} on task {id}: {:#?}", l.task(id));
        r[0].clone()
    };
    for (unit, status, words) in [
        ("来苏镇", Status::InProgress, "完成尾水处理设施建设3处。"),
        ("宝峰镇", Status::Completed, "完成尾水处理设施建设2处。"),
        ("双石镇", Status::NotStarted, "尚未开展。"),
    ] {
        let r = of(&ledger, 1, unit);
        assert_eq!((r.status, r.progress.as_str()), (status, words), "{r:?}");
        assert_eq!(r.via.as_deref(), Some("区农业农村委"), "{r:?}");
        assert!(r.note.is_empty(), "{r:?}");
    }
    assert!(units_on(&ledger, 1).iter().all(|u| u != "区农业农村委"));
    assert!(said(
        &ledger,
        Code::ReadNote,
        "来苏镇、宝峰镇、双石镇各占一组列"
    ));
    // Flat headers naming each unit, the sender's own group among them.
    let dir = tempfile::tempdir().unwrap();
    write_workbook(
        &dir.path().join("区水利局牵头任务汇总.xlsx"),
        &[SheetSpec::new("汇总")
            .text_row(&["填报单位：区水利局", "", "", "", "填报日期：2020年12月4日"])
            .text_row(&[
                "序号",
                "具体举措",
                "区水利局进展情况",
                "区水利局完成状态",
                "来苏镇进展情况",
                "来苏镇完成状态",
            ])
            .text_row(&[
                "24",
                &measure(24),
                "拆除14处。",
                "已完成",
                "尚未开展自查。",
                "未启动",
            ])],
    );
    let flat = ledger_for(dir.path());
    // A 完成状态 with no unit named after a unit's 进展情况 is that unit's (second review
    // c 3), and a unit's review column is no unit's answer (c 5).
    let dir2 = tempfile::tempdir().unwrap();
    write_workbook(
        &dir2.path().join("区水利局牵头任务汇总.xlsx"),
        &[SheetSpec::new("汇总")
            .text_row(&["填报单位：区水利局", "", "", "", "填报日期：2020年12月4日"])
            .text_row(&[
                "序号",
                "具体举措",
                "区水利局进展情况",
                "完成状态",
                "来苏镇进展情况",
                "完成状态",
                "区水利局审核意见",
            ])
            .text_row(&[
                "24",
                &measure(24),
                "拆除14处。",
                "已完成",
                "尚未开展自查。",
                "未启动",
                "属实",
            ])],
    );
    let unnamed = ledger_for(dir2.path());
    assert_eq!(of(&unnamed, 24, "区水利局").status, Status::Completed);
    let town = of(&unnamed, 24, "来苏镇");
    assert_eq!((town.status, town.note.as_str()), (Status::NotStarted, ""));
    let own = of(&flat, 24, "区水利局");
    assert_eq!((own.status, own.via.as_deref()), (Status::Completed, None));
    let town = of(&flat, 24, "来苏镇");
    assert_eq!(
        (town.status, town.progress.as_str(), town.via.as_deref()),
        (Status::NotStarted, "尚未开展自查。", Some("区水利局"))
    );
}

/// 长期坚持 picked on a task due once (完成海绵城市建设专项规划编制, 2020年9月底): the task
/// is done or not yet, so the unit is asked and the task is 待核实 meanwhile (adv53 a 4:
/// counted among the tasks kept up); words saying it is done say so in the unit's word.
#[test]
fn kept_up_on_a_task_due_once_is_under_way_and_asked_about() {
    let plan = plan();
    assert!(!plan.task(33).unwrap().deadline.ongoing);
    let ledger = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["33", &measure(33), "规划编制正在按程序推进。", "长期坚持"]),
            row(&["41", &measure(41), "该项工作已全部完成。", "长期坚持"]),
        ],
    );
    let r33 = only_report(&ledger, 33);
    assert_eq!(
        (r33.status, r33.doubt.as_deref()),
        (
            Status::InProgress,
            Some("报送“长期坚持”，但该项任务的完成时限为“2020年9月底”，须按期完成")
        )
    );
    // 待核实 until the unit says which it meant (second review d 5), told at the row.
    assert_eq!(ledger.task(33).unwrap().status, Status::Unclear);
    assert!(
        said(
            &ledger,
            Code::StatusContradicted,
            "区住房城乡建委对第33项报送“长期坚持”，但该项任务的完成时限为“2020年9月底”，须按期完成"
        ),
        "{:#?}",
        ledger.problems
    );
    // 持续推进 there is under way, nothing to ask.
    let goes_on = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[row(&[
            "33",
            &measure(33),
            "规划编制正在按程序推进。",
            "持续推进中",
        ])],
    );
    assert_eq!(goes_on.task(33).unwrap().status, Status::InProgress);
    let r41 = only_report(&ledger, 41);
    assert_eq!(
        r41.doubt.as_deref(),
        Some("报送“长期坚持”，但进展情况写明“已全部完成”"),
        "{r41:?}"
    );
    assert_eq!(ledger.task(41).unwrap().status, Status::Unclear);
    // A completion date filled in beside it: a completion in question, not 正在推进
    // (second review c 10).
    let dated = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"],
        &[row(&[
            "33",
            &measure(33),
            "规划已编制。",
            "长期坚持",
            "2020年9月20日",
        ])],
    );
    let r33 = only_report(&dated, 33);
    assert!(
        r33.doubt
            .as_deref()
            .is_some_and(|d| d.contains("但填写了完成时间2020年9月20日，")),
        "{r33:?}"
    );
    assert_eq!(dated.task(33).unwrap().status, Status::Unclear);
}

/// A lead's table whose 责任单位 column holds the plan's assignment on its task rows
/// (区农业农村委、各镇街), so not each row's unit: a row under task 1's naming 各镇街,
/// with neither 序号 nor measure, is the lead's line on the towns, on task 1 (adv53 a 5:
/// refused as a row with neither), and the task is under way while they are. A town its
/// lead lists as 未报送 after chasing (经多次催报，仍未报送｜未报送) has not reported
/// (adv53 a 7: an error and an unreadable status).
#[test]
fn a_leads_line_on_its_towns_and_a_town_not_reported() {
    let ledger = read_one(
        "区农业农村委",
        &["序号", "具体举措", "责任单位", "整改进展情况", "完成状态"],
        &[
            row(&[
                "1",
                &measure(1),
                "区农业农村委",
                "已出台尾水治理指导意见。",
                "已完成",
            ]),
            row(&[
                "",
                "",
                "各镇街",
                "全区15个镇街已建成尾水处理设施。",
                "正在推进",
            ]),
            row(&[
                "4",
                &measure(4),
                "区农业农村委、各镇街",
                "推广测土配方施肥58万亩。",
                "长期坚持",
            ]),
            row(&[
                "9",
                &measure(9),
                "区农业农村委、区商务委、区市场监管局",
                "联合执法24次。",
                "长期坚持",
            ]),
        ],
    );
    let r1 = only_report(&ledger, 1);
    assert_eq!(
        (r1.unit.as_str(), r1.status),
        ("区农业农村委", Status::InProgress)
    );
    // (Its words name the towns: no 各镇街： before them.)
    assert!(
        r1.progress.ends_with("\n全区15个镇街已建成尾水处理设施。"),
        "{r1:?}"
    );
    assert!(
        !ledger
            .problems
            .iter()
            .any(|p| p.severity == Severity::Error),
        "{:#?}",
        ledger.problems
    );
    let chased = read_one(
        "区水利局",
        &["序号", "具体举措", "填报单位", "整改进展情况", "完成状态"],
        &[
            row(&["24", &measure(24), "区水利局", "拆除设施14处。", "已完成"]),
            row(&["", "", "来苏镇", "拆除2处。", "已完成"]),
            row(&["", "", "临江镇", "经多次催报，仍未报送。", "未报送"]),
        ],
    );
    assert!(!units_on(&chased, 24).contains(&"临江镇".to_string()));
    assert!(
        !chased
            .problems
            .iter()
            .any(|p| p.severity == Severity::Error || p.code == Code::StatusUnclear),
        "{:#?}",
        chased.problems
    );
}

/// The same return sent twice (朱沱镇.xlsx and 朱沱镇(1).xlsx), a task on two rows in
/// each: one copy counts, its rows combined, an info (second review c 12: an error
/// that the unit sent rows that disagree, although the files were the same).
#[test]
fn a_return_sent_twice_with_a_task_on_two_rows_counts_once() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["朱沱镇.xlsx", "朱沱镇(1).xlsx"] {
        write_workbook(
            &dir.path().join(name),
            &[sheet(
                "朱沱镇",
                &["序号", "具体举措", "整改进展情况", "完成状态"],
                &[
                    row(&["30", &measure(30), "一是完成排查12公里；", "已完成"]),
                    row(&[
                        "",
                        "",
                        "二是建立问题清单18项，正在分类制定方案。",
                        "正在推进",
                    ]),
                ],
            )],
        );
    }
    let ledger = ledger_for(dir.path());
    let r = only_report(&ledger, 30);
    assert_eq!(r.status, Status::InProgress);
    assert!(!raised(&ledger, Code::Conflict), "{:#?}", ledger.problems);
    assert!(
        said(
            &ledger,
            Code::Duplicate,
            "重复报送（每份2行），内容相同，只计一次"
        ),
        "{:#?}",
        ledger.problems
    );
    // Copies that differ are still told as rows that disagree.
    write_workbook(
        &dir.path().join("朱沱镇(1).xlsx"),
        &[sheet(
            "朱沱镇",
            &["序号", "具体举措", "整改进展情况", "完成状态"],
            &[
                row(&["30", &measure(30), "一是完成排查12公里；", "已完成"]),
                row(&["", "", "二是建立问题清单18项，已全部完成。", "已完成"]),
            ],
        )],
    );
    assert!(raised(&ledger_for(dir.path()), Code::Conflict));
}

/// A row with no 序号 whose measure column only cites the plan's numbers (第33、37项,
/// 第30项) is those tasks', each. Before (adv54 a 4): refused (举措内容“第33、37项”与方案
/// 中的任务都不相符). (An item 34.1 is task 34's where its text says so; one not under
/// its task is not guessed from the number: `decimal_items_under_a_task_are_parts_of_it`.)
#[test]
fn a_cited_task_number_names_its_tasks() {
    let ledger = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["", "第33、37项", "已完成排查和整改。", "已完成"]),
            row(&["", "第30项。", "清单已建立。", "已完成"]),
            row(&["34.1", &measure(34), "开展巡查12次。", "长期坚持"]),
        ],
    );
    for id in [33, 37, 30] {
        let r = only_report(&ledger, id);
        assert_eq!(r.status, Status::Completed, "{id}");
        assert!(!r.progress.contains("第33"), "{id}: {}", r.progress);
    }
    assert_eq!(only_report(&ledger, 34).status, Status::Ongoing);
    assert!(
        !raised(&ledger, Code::TaskUnmatched),
        "{:#?}",
        ledger.problems
    );
}

/// A row with no 序号 whose measure is a word or two (饮用水): the unit's one task that
/// holds it, with a warning; a word several of its tasks hold, or none, is refused with
/// what was written (not told as no text at all). Before (adv54 a 6): refused as
/// 没有序号，也没有举措内容可供对应.
#[test]
fn a_one_word_measure_names_the_units_one_task_holding_it() {
    // 区水利局: 饮用水 is in task 55 alone among its tasks; 河道 in several.
    let ledger = read_one(
        "区水利局",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["", "饮用水", "持续监管。", "长期坚持"]),
            row(&["", "河道", "持续清理。", "长期坚持"]),
        ],
    );
    assert_eq!(only_report(&ledger, 55).status, Status::Ongoing);
    assert!(
        ledger
            .problems
            .iter()
            .any(|p| p.severity == Severity::Warning
                && p.message.contains("“饮用水”只见于本单位承担的第55项")),
        "{:#?}",
        ledger.problems
    );
    assert!(
        ledger
            .problems
            .iter()
            .any(|p| p.code == Code::TaskUnmatched && p.message.contains("举措内容“河道”过短")),
        "{:#?}",
        ledger.problems
    );
}

/// 整改措施 beside 整改任务 with no progress column: the unit's words on what it did, its
/// progress, whether the status has a column of its own (完成状态), is written in a
/// column read as progress (整改进度 of 已完成), or has none (read from the text).
/// Before (adv54 a 3): the text was read as more of the measure (progress empty), and
/// with no status column the table was not found at all.
#[test]
fn a_measures_column_beside_the_task_is_the_progress() {
    let done = "规划已于9月28日印发实施。";
    for header in [
        &["序号", "整改任务", "整改措施", "完成状态"][..],
        &["序号", "整改任务", "整改措施", "整改进度"][..],
        &["序号", "整改任务", "整改措施"][..],
    ] {
        let mut cells = vec!["26", "水库消落带治理专项规划", done, "已完成"];
        cells.truncate(header.len());
        let ledger = read_one("区水利局", header, &[row(&cells)]);
        let r = only_report(&ledger, 26);
        assert_eq!(r.progress, done, "{header:?}");
        assert_eq!(r.status, Status::Completed, "{header:?}");
    }
}

/// 未完成 in 完成状态 is read as 否 is: under way beside words on the work, 未启动 with
/// no words (DOMAIN.md; 待核实 in sessions 54–55). Before (adv54 a 7): 完成状态“未完成”
/// 无法识别.
#[test]
fn not_completed_in_the_status_column_is_read_as_a_no() {
    let ledger = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["46", &measure(46), "按计划推进人才引进工作。", "未完成"]),
            row(&["30", &measure(30), "", "未完成"]),
        ],
    );
    assert_eq!(only_report(&ledger, 46).status, Status::InProgress);
    assert_eq!(only_report(&ledger, 30).status, Status::NotStarted);
    assert!(
        !said(&ledger, Code::StatusUnclear, "无法识别"),
        "{:#?}",
        ledger.problems
    );
}

/// A 进展情况 column of short sentences (初稿已完成，正在修改; 已全部完成整改), the only
/// column holding progress, is the progress, not a status column: the task is 正在推进
/// by its words, and the measures column beside the plan's task is no progress. Before
/// (second review c 3): read as status, 已完成 made the overdue task done, and
/// 具体措施 (the plan's measure) was quoted as the unit's progress.
#[test]
fn short_progress_sentences_are_no_status_column() {
    let ledger = read_one(
        "区水利局",
        &["序号", "任务内容", "具体措施", "完成时限", "进展情况"],
        &[
            row(&[
                "26",
                "消落带规划",
                &measure(26),
                "2020年9月底",
                "初稿已完成，正在修改",
            ]),
            row(&[
                "21",
                "小水电",
                &measure(21),
                "2020年9月底",
                "已全部完成整改",
            ]),
        ],
    );
    let r = only_report(&ledger, 26);
    assert_eq!(r.status, Status::InProgress, "{r:?}");
    assert_eq!(r.progress, "初稿已完成，正在修改");
    assert_eq!(only_report(&ledger, 21).progress, "已全部完成整改");
}

/// A table whose only column of words is headed 情况说明 (序号 | 整改任务 | 完成时限 |
/// 情况说明): that column is the progress, in a workbook and in a Word table. A table
/// whose columns still hold no progress is refused naming the header it has, not told
/// as a picture (adv56 a 3: the whole return was lost, the Word one with the wrong
/// cause).
#[test]
fn a_column_headed_explanation_is_the_progress_when_there_is_none() {
    use common::word::*;
    let ledger = read_one(
        "区城市管理局",
        &["序号", "整改任务", "完成时限", "情况说明"],
        &[row(&[
            "28",
            &measure(28),
            "2020年9月底",
            "已印发考核办法，每月考核通报，该项工作已完成。",
        ])],
    );
    let r = only_report(&ledger, 28);
    assert_eq!(r.status, Status::Completed);
    assert!(r.progress.starts_with("已印发考核办法"), "{}", r.progress);
    // Beside a progress column it is not read as the progress.
    let ledger = read_one(
        "区城市管理局",
        &["序号", "整改任务", "整改进展情况", "情况说明"],
        &[row(&[
            "28",
            &measure(28),
            "已印发考核办法。",
            "考核每月一次",
        ])],
    );
    assert_eq!(only_report(&ledger, 28).progress, "已印发考核办法。");
    // Nor in a list of supporting documents, whose 说明 tells of a document (second
    // review c 6: its rows 1 and 2 were read as reports on tasks 1 and 2).
    let ledger = read_one(
        "区住房城乡建委",
        &["序号", "对应任务", "材料名称", "说明"],
        &[
            row(&["1", "第33项", "海绵城市专项规划批复", "区政府已批复印发"]),
            row(&[
                "2",
                "第37项",
                "扩容工程竣工验收报告",
                "工程已完工并通过验收",
            ]),
        ],
    );
    assert!(
        ledger.tasks.iter().all(|t| t.reports.is_empty()),
        "{:#?}",
        ledger.tasks
    );

    let word = |last: &str| {
        let doc = docx_rs::Docx::new()
            .add_paragraph(para("区市场监管局整改任务进展情况表"))
            .add_paragraph(para("填报单位：区市场监管局"))
            .add_table(table(vec![
                text_row(&["序号", "整改任务", "完成时限", last]),
                text_row(&["13", &measure(13), "2020年9月底", "已开展排查186家。"]),
            ]));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("进展.docx"), docx_bytes(doc)).unwrap();
        ledger_for(dir.path())
    };
    let ledger = word("情况说明");
    assert_eq!(only_report(&ledger, 13).progress, "已开展排查186家。");
    let ledger = word("工作亮点");
    let refused: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::NoHeader)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(refused.len(), 1, "{:#?}", ledger.problems);
    assert!(
        refused[0].contains("表头为“序号｜整改任务｜完成时限｜工作亮点”"),
        "{}",
        refused[0]
    );
    assert!(!refused[0].contains("图片"), "{}", refused[0]);
}

/// A row whose words say its work is part of another task's (该项工作已纳入第30项一并推
/// 进, 结合第35项工作统筹开展, 与第35项合并实施，进展情况见第35项), its status blank: the
/// status of that task's row, above or below, the row's own words kept, an info saying
/// so in place of the warning that it gave no status (adv56 a 6: all 待核实, told the
/// status and text said nothing). An account naming another task in passing keeps its
/// own reading.
#[test]
fn a_row_pointing_to_another_tasks_row_takes_its_status() {
    let ledger = read_one(
        "区住房城乡建委",
        &["序号", "具体举措", "整改进展情况", "完成状态"],
        &[
            row(&["30", &measure(30), "已建立排水设施信息清单。", "已完成"]),
            row(&["32", &measure(32), "该项工作已纳入第30项一并推进。", ""]),
            row(&["34", &measure(34), "结合第35项工作统筹开展。", ""]),
            row(&[
                "35",
                &measure(35),
                "正在实施修复，完成修复12处。",
                "正在推进",
            ]),
            row(&[
                "39",
                &measure(39),
                "与第35项合并实施，进展情况见第35项。",
                "",
            ]),
            row(&[
                "41",
                &measure(41),
                "按照第30项建立的排水设施信息清单，组织各镇街对辖区排水设施开展全面排查。",
                "",
            ]),
        ],
    );
    let of = |id: u32| {
        let r = only_report(&ledger, id);
        (r.status, r.progress.clone())
    };
    assert_eq!(
        of(32),
        (Status::Completed, "该项工作已纳入第30项一并推进。".into())
    );
    assert_eq!(of(34).0, Status::InProgress);
    assert_eq!(of(39).0, Status::InProgress);
    assert_eq!(of(41).0, Status::Unclear);
    let told: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.message.contains("按第"))
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(told.len(), 3, "{told:#?}");
    assert!(
        told.iter()
            .any(|m| m.contains("按第30项的完成状态（已完成）计")),
        "{told:#?}"
    );
    let unclear: Vec<u32> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::StatusUnclear)
        .filter_map(|p| p.row)
        .collect();
    assert_eq!(unclear.len(), 1, "{:#?}", ledger.problems);
}

/// A town's copy of the plan split by 责任单位, its answer on the row under 各镇街: the
/// town's own words, not a word on the group (adv56 a 9: quoted as 中山路街道：各镇街：开展
/// 阳台违规改造巡查…). A department's row under 其余镇街 is its word on those towns, named so.
#[test]
fn a_towns_answer_under_its_own_group_is_its_own_words() {
    let header = ["序号", "具体举措", "责任单位", "整改进展情况", "完成状态"];
    let ledger = read_one(
        "中山路街道",
        &header,
        &[
            row(&["31", &measure(31), "区住房城乡建委", "", ""]),
            row(&[
                "31",
                &measure(31),
                "中山路街道",
                "老城区雨污分流改造完成80%。",
                "正在推进",
            ]),
            row(&[
                "34",
                &measure(34),
                "各镇街",
                "开展阳台违规改造巡查，发现问题12处。",
                "正在推进",
            ]),
        ],
    );
    let r = only_report(&ledger, 34);
    assert_eq!(r.unit, "中山路街道");
    assert_eq!(r.progress, "开展阳台违规改造巡查，发现问题12处。");
    assert_eq!(
        only_report(&ledger, 31).progress,
        "老城区雨污分流改造完成80%。"
    );
}

/// A status cell naming a completion that is near, partial or taken back (年内完成,
/// 即将完成, 已完成一半, 已完成主体工程, 已完成（附属设施尚在施工）) is 正在推进; one
/// that says done and under way at once (已完成，整改中) is 待核实; a note on how the
/// work went (完成情况良好) is no status (session 57 review a 1: all read 已完成).
#[test]
fn a_completion_near_partial_or_qualified_in_a_status_cell_is_not_done() {
    let ledger = read_one(
        "区农业农村委",
        &["序号", "整改任务", "完成状态", "整改进展情况"],
        &[
            row(&["8", &measure(8), "年内完成", "规划已报市农业农村委审核。"]),
            row(&["7", &measure(7), "已完成一半", "已调查1家企业。"]),
            row(&["3", &measure(3), "已完成（附属设施尚在施工）", ""]),
            row(&["6", &measure(6), "即将完成", "正在起草。"]),
            row(&["10", &measure(10), "已完成，整改中", "取缔工作推进中。"]),
            row(&["22", &measure(22), "完成情况良好", "全区常态化开展。"]),
            row(&["9", &measure(9), "已完成主体工程", "设备正在安装。"]),
        ],
    );
    for id in [8, 7, 3, 6, 9] {
        assert_eq!(only_report(&ledger, id).status, Status::InProgress, "{id}");
    }
    assert_eq!(only_report(&ledger, 10).status, Status::Unclear);
    assert_eq!(only_report(&ledger, 22).status, Status::Unclear);
}

/// 已完成 beside words saying a step is still to come (编制中, 待批复, 暂缓出台, 施工单
/// 位已进场, 待区政府常务会审议后印发, 已纳入2021年计划) or taking the completion back
/// (已完成，但验收未通过) is doubted, counted 待核实 (session 57 review a 2: all counted
/// done, quoted so in the report). Approval already given (经区政府批复后印发实施) is none.
#[test]
fn a_completion_beside_a_step_to_come_is_doubted() {
    let ledger = read_one(
        "区农业农村委",
        &["序号", "整改任务", "完成状态", "整改进展情况"],
        &[
            row(&["8", &measure(8), "已完成", "规划编制中。"]),
            row(&["7", &measure(7), "已完成", "处理意见已报区政府，待批复。"]),
            row(&["3", &measure(3), "已完成", "经研究，相关设施暂缓建设。"]),
            row(&["6", &measure(6), "已完成", "施工单位已进场。"]),
            row(&["10", &measure(10), "已完成", "已完成，但验收未通过。"]),
            row(&["22", &measure(22), "已完成", "已纳入2021年计划。"]),
            row(&[
                "9",
                &measure(9),
                "已完成",
                "已完成并经区政府批复后印发实施。",
            ]),
        ],
    );
    for id in [8, 7, 3, 6, 10, 22] {
        let r = only_report(&ledger, id);
        assert!(r.doubt.is_some(), "{id}: {}", r.progress);
    }
    // Where the unit alone decides the task, the task is 待核实.
    for id in [8, 7, 6, 10] {
        assert_eq!(ledger.task(id).unwrap().status, Status::Unclear, "{id}");
    }
    assert_eq!(only_report(&ledger, 9).doubt, None);
    assert_eq!(ledger.task(9).unwrap().status, Status::Ongoing);
}

/// With no status column, a completion the text itself qualifies is 正在推进, and not
/// doubted as a contradiction: an exception (除2处外已全部完成), work left in brackets
/// (已完成（部分路段尚在施工）), a share (已完成整改工作的80%). 未启动的2处… names the
/// places, not the task's status. A problem count brought to nought (已全部清零) is done
/// (session 57 review a 3, a 9, a 12).
#[test]
fn a_qualified_completion_in_the_progress_is_under_way() {
    let ledger = read_one(
        "区农业农村委",
        &["序号", "整改任务", "整改进展情况"],
        &[
            row(&["8", &measure(8), "除2处外已全部完成。"]),
            row(&["7", &measure(7), "已完成（部分企业尚在整改）。"]),
            row(&["3", &measure(3), "已完成整改工作的80%。"]),
            row(&["10", &measure(10), "未启动的2处作坊已全部取缔。"]),
            row(&["6", &measure(6), "两家企业违法问题已全部清零。"]),
        ],
    );
    for id in [8, 7, 3] {
        let r = only_report(&ledger, id);
        assert_eq!(r.status, Status::InProgress, "{id}");
        assert_eq!(r.doubt, None, "{id}");
    }
    assert_ne!(only_report(&ledger, 10).status, Status::NotStarted);
    assert_eq!(only_report(&ledger, 6).status, Status::Completed);
}

/// A 进度 column (read as 完成进度) holding sentences is the progress when there is none
/// (目前进度, 整改落实进度): its status is read from the sentence, not from an opening
/// 已完成; a share alone beside them (80%) still gives its status (session 56 review
/// c 9, session 57 review a 6: 已完成立案调查，正在等待处罚决定 read 已完成, its text lost).
#[test]
fn a_progress_column_headed_like_a_share_is_the_progress() {
    for (header, status_col) in [("进度", false), ("目前进度", false), ("整改落实进度", true)]
    {
        let mut head = vec!["序号", "整改任务", header];
        if status_col {
            head.push("完成状态");
        }
        let mut rows = vec![
            row(&["7", &measure(7), "已完成立案调查，正在等待处罚决定。"]),
            row(&["8", &measure(8), "80%"]),
        ];
        if status_col {
            rows[0].push("正在推进".into());
            rows[1].push("正在推进".into());
        }
        let ledger = read_one("区农业农村委", &head, &rows);
        let r = only_report(&ledger, 7);
        assert_eq!(r.status, Status::InProgress, "{header}");
        assert!(r.progress.starts_with("已完成立案调查"), "{header}: {r:?}");
        assert!(!r.note.contains("已完成立案调查"), "{header}: {}", r.note);
        assert_eq!(
            only_report(&ledger, 8).status,
            Status::InProgress,
            "{header}"
        );
    }
}

/// A row under task 9's with only its progress cell filled, opening by naming another
/// task (第10项：…, 另：第10项已于…), is that task's report, not more of task 9's words
/// (session 57 review a 4: appended to task 9, task 10 left 未报送 and chased).
#[test]
fn a_row_naming_another_task_under_a_tasks_row_is_that_tasks() {
    for line in [
        "第10项：已于9月18日会同卫星湖街道依法取缔石脚迹村家禽宰杀作坊。",
        "另：第10项已于9月18日依法取缔石脚迹村家禽宰杀作坊。",
    ] {
        let ledger = read_one(
            "区农业农村委",
            &["序号", "整改任务", "整改进展情况", "完成状态"],
            &[
                row(&["9", &measure(9), "开展联合执法12次。", "长期坚持"]),
                row(&["", "", line, ""]),
            ],
        );
        let nine = only_report(&ledger, 9);
        assert_eq!(nine.progress, "开展联合执法12次。", "{line}");
        let ten = only_report(&ledger, 10);
        assert!(ten.progress.starts_with("已于9月18日"), "{}", ten.progress);
        assert_eq!(ten.status, Status::Completed, "{line}");
    }
    // A continuation naming its own task, or none, is still more of the row's words.
    let ledger = read_one(
        "区农业农村委",
        &["序号", "整改任务", "整改进展情况", "完成状态"],
        &[
            row(&["9", &measure(9), "开展联合执法12次。", "长期坚持"]),
            row(&["", "", "查处私屠滥宰案件3起。", ""]),
        ],
    );
    assert!(only_report(&ledger, 9)
        .progress
        .contains("查处私屠滥宰案件3起"));
    assert!(ledger.task(10).unwrap().reports.is_empty());
}

/// A task written twice in one table with another task's row between, one row 已完成
/// and the other 正在推进, is two answers that contradict each other: 待核实, with a
/// warning and the report told why (session 57 review b 1: counted 正在推进 and
/// overdue while the report quoted the row saying it was done). Adjacent rows are parts
/// of the task, the slower status counted.
#[test]
fn a_task_written_twice_apart_with_opposite_statuses_is_to_verify() {
    let ledger = read_one(
        "区发展改革委",
        &["序号", "整改任务", "整改进展情况", "完成状态"],
        &[
            row(&[
                "47",
                &measure(47),
                "已将生态环境保护作为专章纳入规划纲要。",
                "已完成",
            ]),
            row(&[
                "12",
                &measure(12),
                "争取中央预算内投资项目5个。",
                "长期坚持",
            ]),
            row(&[
                "47",
                &measure(47),
                "规划纲要尚在编制，专章正在起草。",
                "正在推进",
            ]),
        ],
    );
    let r = only_report(&ledger, 47);
    assert_eq!(r.status, Status::Unclear);
    assert_eq!(
        r.doubt.as_deref(),
        Some("分两处报送“已完成”和“正在推进”，相互矛盾")
    );
    assert_eq!(ledger.task(47).unwrap().status, Status::Unclear);
    assert!(
        said(&ledger, Code::Duplicate, "相互矛盾"),
        "{:#?}",
        ledger.problems
    );
    let ledger = read_one(
        "区发展改革委",
        &["序号", "整改任务", "整改进展情况", "完成状态"],
        &[
            row(&[
                "47",
                &measure(47),
                "已将生态环境保护作为专章纳入规划纲要。",
                "已完成",
            ]),
            row(&[
                "47",
                &measure(47),
                "规划纲要尚在编制，专章正在起草。",
                "正在推进",
            ]),
        ],
    );
    assert_eq!(only_report(&ledger, 47).status, Status::InProgress);
    assert!(!said(&ledger, Code::Duplicate, "相互矛盾"));
}

/// The doubts of 已完成 beside a step to come, narrowed (session 57 review c 2, c 5,
/// c 6): a past step (首次验收未通过，整改后…复验合格; 已停工整改的2处，已…修复完毕), a
/// period ended (公示期满无异议), work kept up (下一步仍需加强日常巡查) or a step named in
/// passing (在规划编制中充分征求了意见) raise none; a completion the text qualifies
/// (（附属设施尚在施工）), an approval still to come (报区政府审定后印发) and work put
/// into next year's plan (列入2021年计划) do.
#[test]
fn a_completion_beside_a_past_step_is_not_doubted() {
    let ledger = read_one(
        "区农业农村委",
        &["序号", "整改任务", "完成状态", "整改进展情况"],
        &[
            row(&[
                "8",
                &measure(8),
                "已完成",
                "规划通过专家评审，公示期满无异议，已报区政府备案。",
            ]),
            row(&[
                "7",
                &measure(7),
                "已完成",
                "已依法查处。下一步仍需加强日常巡查，防止问题反弹。",
            ]),
            row(&[
                "10",
                &measure(10),
                "已完成",
                "首次验收未通过，整改后于2020年9月28日复验合格。",
            ]),
            row(&[
                "6",
                &measure(6),
                "已完成",
                "在规划编制中充分征求了各镇街意见，已于2020年9月25日印发实施。",
            ]),
            row(&[
                "22",
                &measure(22),
                "已完成",
                "因质量问题已停工整改的2处，已另行委托修复完毕。",
            ]),
            row(&[
                "3",
                &measure(3),
                "已完成",
                "处理设施已完成（附属设施尚在施工）。",
            ]),
            row(&[
                "9",
                &measure(9),
                "已完成",
                "管理办法已完成，报区政府审定后印发。",
            ]),
            row(&[
                "54",
                &measure(54),
                "已完成",
                "摸排已完成，修复工程已列入2021年计划实施。",
            ]),
        ],
    );
    for id in [8, 7, 10, 6, 22] {
        let r = only_report(&ledger, id);
        assert_eq!(r.doubt, None, "{id}: {}", r.progress);
    }
    for id in [3, 9, 54] {
        let r = only_report(&ledger, id);
        assert!(r.doubt.is_some(), "{id}: {}", r.progress);
    }
}

/// A status cell of 已完成 with a clause on how the work went is 已完成; one with work
/// left in brackets (已完成（待印发）) is under way; rows under a task's row opening 第1项：
/// 第2项：… in turn are its items, not tasks 1 and 2 (session 57 review c 1, c 5, c 7).
#[test]
fn items_numbered_under_a_tasks_row_and_status_remarks_stay_with_the_task() {
    let ledger = read_one(
        "区农业农村委",
        &["序号", "整改任务", "完成状态", "整改进展情况"],
        &[
            row(&["8", &measure(8), "已完成，完成情况良好", "规划已印发。"]),
            row(&["7", &measure(7), "已完成（待印发）", "处理意见已起草。"]),
            row(&["11", &measure(11), "正在推进", "分两项推进："]),
            row(&["", "", "", "第1项：管理办法已于11月印发。"]),
            row(&["", "", "", "第2项：镇街网格化监管体系正在建立。"]),
        ],
    );
    assert_eq!(only_report(&ledger, 8).status, Status::Completed);
    assert_eq!(only_report(&ledger, 7).status, Status::InProgress);
    let r = only_report(&ledger, 11);
    assert!(r.progress.contains("第2项：镇街网格化"), "{}", r.progress);
    assert!(ledger.task(1).unwrap().reports.is_empty());
    assert!(ledger.task(2).unwrap().reports.is_empty());
}

/// A correction under the table (更正说明：上表第45项完成状态误填，应为“已完成”。, in
/// the 具体举措 column or the first) is the unit's own word on its row: a plain status
/// is applied and the clerk told, any other correction is a warning quoting it (adv57
/// c 10: it was skipped as a task row left blank, the row counted 正在推进).
#[test]
fn a_correction_under_the_table_is_read_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    write_dated_return(
        &dir.path().join("区城市管理局.xlsx"),
        "区城市管理局",
        "2020年12月4日",
        &[
            &[
                "45",
                &measure(45),
                "已完成河道两岸化粪池清掏326座。",
                "正在推进",
            ],
            &[
                "43",
                &measure(43),
                "已建立餐厨垃圾清运长效监管机制。",
                "已完成",
            ],
            &["", "更正说明：上表第45项完成状态误填，应为“已完成”。"],
            &["勘误：第43项完成时间应为2020年11月20日。"],
        ],
    );
    let ledger = ledger_for(dir.path());
    let r45 = only_report(&ledger, 45);
    assert_eq!(r45.status, Status::Completed);
    assert!(
        said(
            &ledger,
            Code::ReadNote,
            "第45项的完成状态已按更正由“正在推进”改为“已完成”"
        ),
        "{:#?}",
        ledger.problems
    );
    // The date correction is not applied, but the clerk is asked to check it.
    let flagged: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::ProseReport)
        .collect();
    assert_eq!(flagged.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(flagged[0].severity, Severity::Warning);
    assert!(
        flagged[0].message.contains("更正了第43项的填报")
            && flagged[0].message.contains("完成时间应为2020年11月20日"),
        "{}",
        flagged[0].message
    );
    assert_eq!(only_report(&ledger, 43).status, Status::Completed);
}

/// A correction naming a task written on two rows, or one the table leaves out, is not
/// applied to either: a warning.
#[test]
fn a_correction_that_names_no_single_row_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write_dated_return(
        &dir.path().join("区城市管理局.xlsx"),
        "区城市管理局",
        "2020年12月4日",
        &[
            &["45", &measure(45), "已完成清掏326座。", "正在推进"],
            &["43", &measure(43), "已建立机制。", "已完成"],
            &["说明：第44项完成状态误填，应为“已完成”。"],
        ],
    );
    let ledger = ledger_for(dir.path());
    assert!(ledger.task(44).unwrap().reports.is_empty());
    assert!(
        said(&ledger, Code::ProseReport, "更正了第44项的填报"),
        "{:#?}",
        ledger.problems
    );
    assert_eq!(only_report(&ledger, 45).status, Status::InProgress);
}

/// A sentence alone under the table in the 序号 column naming a task and its progress
/// (另：第27项已于12月3日全部完成。) is a note read as one: the clerk is told it differs
/// from the table (adv58 a 5: skipped as a task row left blank, no one told).
#[test]
fn a_sentence_in_the_number_column_under_the_table_is_a_note() {
    let dir = tempfile::tempdir().unwrap();
    write_dated_return(
        &dir.path().join("红炉镇.xlsx"),
        "红炉镇",
        "2020年12月4日",
        &[
            &["24", &measure(24), "已拆除拦河养鱼设施4处。", "已完成"],
            &["27", &measure(27), "正在清理开垦点位。", "正在推进"],
            &[""],
            &["另：第27项已于12月3日全部完成。"],
        ],
    );
    let ledger = ledger_for(dir.path());
    let note = ledger
        .skipped
        .iter()
        .find(|s| s.row == 6)
        .expect("the sentence's row is recorded");
    assert_eq!(note.reason, SkipReason::Note);
    assert!(
        said(
            &ledger,
            Code::ProseReport,
            "与表中第27项填报的“正在推进”不一致"
        ),
        "{:#?}",
        ledger.problems
    );
}

/// A row marked as a correction (序号 24（更正）, 备注 更正上报) replaces the row above
/// it on the same task: no contradiction between the two (adv58 a 8: 分两处报送…相互
/// 矛盾, 待核实).
#[test]
fn a_row_marked_as_a_correction_replaces_the_row_above() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "备注"];
    let rows = vec![
        row(&["24", &measure(24), "已拆除拦河养鱼设施4处。", "已完成", ""]),
        row(&["25", &measure(25), "已补植竹林1.5公里。", "正在推进", ""]),
        row(&[
            "24（更正）",
            &measure(24),
            "经复核，尚有1处拦河设施因涉诉未拆除。",
            "正在推进",
            "更正上报",
        ]),
    ];
    let ledger = read_one("宝峰镇", &header, &rows);
    let r = only_report(&ledger, 24);
    assert_eq!(r.status, Status::InProgress);
    assert!(r.doubt.is_none(), "{:?}", r.doubt);
    assert!(r.progress.contains("涉诉未拆除") && !r.progress.contains("4处"));
    let set_aside = ledger
        .skipped
        .iter()
        .find(|s| s.reason == SkipReason::Corrected)
        .expect("the corrected row is recorded");
    assert!(set_aside.text.contains("4处"), "{}", set_aside.text);
    assert!(
        said(
            &ledger,
            Code::ReadNote,
            &format!("原第{}行的填报已被取代", set_aside.row)
        ),
        "{:#?}",
        ledger.problems
    );
}

/// 已完成 whose text or remark ends on work still to do is doubted, the clause quoted
/// (adv58 a 3, a 4): the rest planned (其余1处12月底前拆除, 限期12月底前自行清除), left (另有
/// 1处需报区政府研究, 尚待复绿 after 已全部完成), paused (复绿工作暂停), undone again (正在
/// 重新整治), a share (整改率60%); remarks 部分完成, 1处反弹, 另有1处在协调中. A whole done
/// after the work left (尚有2处未拆除，现已全部拆除) and a completion awaiting acceptance
/// stay done.
#[test]
fn a_completion_whose_words_end_on_work_left_is_doubted() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态", "备注"];
    let doubted = [
        (
            "已拆除2处，其余1处12月底前拆除。",
            "",
            "其余1处12月底前拆除",
        ),
        (
            "已下发整改通知书，限期12月底前自行清除。",
            "",
            "限期12月底前自行清除",
        ),
        (
            "已清理3处，另有1处需报区政府研究。",
            "",
            "另有1处需报区政府研究",
        ),
        ("清理工作已全部完成，尚待复绿。", "", "尚待复绿"),
        ("因群众反对，复绿工作暂停。", "", "复绿工作暂停"),
        (
            "已完成整改，但12月2日复查发现反弹2处，正在重新整治。",
            "",
            "正在重新整治",
        ),
        ("已清理。整改率60%。", "", "整改率60%"),
        ("已清理开垦点位。", "部分完成", "部分完成"),
        ("已清理开垦点位。", "1处反弹", "1处反弹"),
        ("已清理开垦点位。", "另有1处在协调中", "另有1处在协调中"),
        // adv58 c 7: rates of the work, a rebound found, work put off.
        ("已清掏。清掏率60%。", "", "清掏率60%"),
        ("已清理。整改完成率81%。", "", "整改完成率81%"),
        ("已清理。11月巡查发现1处反弹。", "", "11月巡查发现1处反弹"),
        (
            "已清理，复绿工作推迟到明年开春。",
            "",
            "复绿工作推迟到明年开春",
        ),
    ];
    for (progress, note, quoted) in doubted {
        let rows = vec![row(&["27", &measure(27), progress, "已完成", note])];
        let ledger = read_one("宝峰镇", &header, &rows);
        let r = only_report(&ledger, 27);
        let doubt = r.doubt.clone().unwrap_or_default();
        assert!(doubt.contains(quoted), "{progress} / {note}: {doubt}");
    }
    let done = [
        ("尚有2处未拆除，现已全部拆除，已于11月20日完成复绿。", ""),
        ("已全部清理完毕并复绿，待验收。", ""),
        ("已清理辖区河道开垦点位，其余河段由区水利局负责。", ""),
        // adv58 c 6: no work of the task left, a finding of none.
        ("已全部清理，另有1处经区水利局现场核实不属于开垦点位。", ""),
        ("已全部清理，其余非河道开垦点位纳入常态化巡查。", ""),
        ("已全部清理，巡查中尚未发现反弹。", ""),
    ];
    for (progress, note) in done {
        let rows = vec![row(&["27", &measure(27), progress, "已完成", note])];
        let ledger = read_one("宝峰镇", &header, &rows);
        let r = only_report(&ledger, 27);
        assert_eq!(r.doubt, None, "{progress}");
    }
}

/// 长期坚持 on a task whose one-off part is past due (2020年9月底完成并长期坚持) while
/// the text names work left (尚有2处未拆除, 剩余2处正在协调拆除, 计划12月底前完成拆除,
/// 未开展, 其余6座正在推进) is doubted, the deadline quoted without 并长期坚持 (adv58 a 2).
#[test]
fn kept_up_beside_work_left_on_a_past_due_part_is_doubted() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    for (progress, quoted) in [
        ("已拆除5处，尚有2处未拆除。", "尚有2处未拆除"),
        ("剩余2处正在协调拆除。", "剩余2处正在协调拆除"),
        ("计划12月底前完成拆除。", "计划"),
        ("未开展。", "未开展"),
        ("已拆除3处，其余2处正在推进。", "其余2处正在推进"),
        // adv58 c 8.
        (
            "已拆除3处，另外2处正在做养殖户思想工作。",
            "另外2处正在做养殖户思想工作",
        ),
        ("已拆除3处，2处待复绿。", "2处待复绿"),
        ("已拆除3处，剩下2处明年春季拆除。", "剩下2处明年春季拆除"),
    ] {
        let rows = vec![row(&["24", &measure(24), progress, "长期坚持"])];
        let ledger = read_one("宝峰镇", &header, &rows);
        let r = only_report(&ledger, 24);
        let doubt = r.doubt.clone().unwrap_or_default();
        assert!(
            doubt.contains(quoted) && doubt.contains("完成时限（2020年9月底）已过"),
            "{progress}: {doubt}"
        );
    }
    let rows = vec![row(&[
        "24",
        &measure(24),
        "已全部拆除，常态化开展巡查。",
        "长期坚持",
    ])];
    let ledger = read_one("宝峰镇", &header, &rows);
    assert_eq!(only_report(&ledger, 24).doubt, None);
    // Work not done at first and done since, or never there (adv58 c 8).
    for progress in [
        "上半年受疫情影响未开展集中整治，9月已全部拆除拦河养鱼设施3处，现常态化巡查。",
        "已全部拆除，今年未开展过拦河养鱼。",
    ] {
        let rows = vec![row(&["24", &measure(24), progress, "长期坚持"])];
        let ledger = read_one("宝峰镇", &header, &rows);
        assert_eq!(only_report(&ledger, 24).doubt, None, "{progress}");
    }
}

/// 不涉及 beside work done on the unit's ground (已对2处开垦点位复绿) is doubted: the task
/// is the unit's after all (adv58 a 4).
#[test]
fn not_applicable_beside_work_done_there_is_doubted() {
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    // The count before 已 (adv58 c 9).
    for progress in ["开垦点位2处已全部复绿。", "化粪池3座已清掏。"] {
        let rows = vec![row(&["27", &measure(27), progress, "不涉及"])];
        let ledger = read_one("南大街街道", &header, &rows);
        assert!(only_report(&ledger, 27).doubt.is_some(), "{progress}");
    }
    let rows = vec![row(&[
        "27",
        &measure(27),
        "经排查，辖区内未发现开垦种植。",
        "不涉及",
    ])];
    let ledger = read_one("南大街街道", &header, &rows);
    assert_eq!(only_report(&ledger, 27).doubt, None);
    let rows = vec![row(&[
        "27",
        &measure(27),
        "已对2处开垦点位复绿。",
        "不涉及",
    ])];
    let ledger = read_one("南大街街道", &header, &rows);
    let r = only_report(&ledger, 27);
    assert!(r.doubt.unwrap_or_default().contains("已对2处开垦点位复绿"));
}

/// Corrections as units word them (正确为, 序号45“正在推进”应为“已完成”) are applied, the
/// status quoted as corrected and a day of completion given kept; a note correcting last
/// round's return (上期报表第45项误填为…) is not applied to this table (adv58 c 2, c 3,
/// c 4, d 6).
#[test]
fn corrections_worded_otherwise_are_applied_and_last_rounds_are_not() {
    let cases = [
        (
            "注：第45项完成状态填写错误，正确为已完成。",
            Status::Completed,
        ),
        ("更正：序号45“正在推进”应为“已完成”。", Status::Completed),
        (
            "说明：上期报表第45项误填为“正在推进”，应为“未启动”，现已开展清掏。",
            Status::InProgress,
        ),
    ];
    for (note, want) in cases {
        let dir = tempfile::tempdir().unwrap();
        write_dated_return(
            &dir.path().join("区城市管理局.xlsx"),
            "区城市管理局",
            "2020年12月4日",
            &[
                &["45", &measure(45), "已清掏化粪池326座。", "正在推进"],
                &["43", &measure(43), "已建立监管机制。", "已完成"],
                &[note],
            ],
        );
        let ledger = ledger_for(dir.path());
        let r = only_report(&ledger, 45);
        assert_eq!(r.status, want, "{note}");
        if want == Status::Completed {
            assert_eq!(r.status_text, "已完成", "{note}");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    write_dated_return(
        &dir.path().join("区城市管理局.xlsx"),
        "区城市管理局",
        "2020年12月4日",
        &[
            &["45", &measure(45), "已清掏化粪池326座。", "正在推进"],
            &["更正说明：第45项完成状态应为已完成（原误填为正在推进），完成时间2020年11月30日。"],
        ],
    );
    let ledger = ledger_for(dir.path());
    let r = only_report(&ledger, 45);
    assert_eq!(r.status, Status::Completed);
    assert_eq!(
        r.completed_on,
        chrono::NaiveDate::from_ymd_opt(2020, 11, 30),
        "{r:?}"
    );
    assert!(r.doubt.is_none(), "{:?}", r.doubt);
}

/// Notes under a table that go against its rows are flagged: on several tasks at once
/// (另：第27项、第45项均已完成。), or naming work left or done without a status word (另：
/// 第24项仍有1处拦河设施未拆除。 under 已完成) (adv58 c 5). A note that explains a row
/// (注：第19项为配合事项…) is not.
#[test]
fn notes_under_a_table_against_its_rows_are_flagged() {
    let cases = [
        (
            "另：第27项、第45项均已完成。",
            "与表中第27项填报的“正在推进”不一致",
        ),
        ("另：第24项仍有1处拦河设施未拆除。", "写有第24项的情况"),
        ("注：第27项为本镇自查事项。", ""),
    ];
    for (note, flagged) in cases {
        let dir = tempfile::tempdir().unwrap();
        write_dated_return(
            &dir.path().join("临江镇.xlsx"),
            "临江镇",
            "2020年12月4日",
            &[
                &["24", &measure(24), "已拆除拦河养鱼设施2处。", "已完成"],
                &["27", &measure(27), "正在清理开垦点位。", "正在推进"],
                &["45", &measure(45), "清掏服务正在采购。", "未启动"],
                &[""],
                &[note],
            ],
        );
        let ledger = ledger_for(dir.path());
        let warned: Vec<&str> = ledger
            .problems
            .iter()
            .filter(|p| p.code == Code::ProseReport)
            .map(|p| p.message.as_str())
            .collect();
        if flagged.is_empty() {
            assert!(warned.is_empty(), "{note}: {warned:?}");
        } else {
            assert!(
                warned.len() == 1 && warned[0].contains(flagged),
                "{note}: {warned:?}"
            );
        }
    }
}
