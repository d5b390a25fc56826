//! Ingest and merge on returns built in code: every layout habit, date form, status
//! word, unit alias, and the bad files a folder realistically holds.

mod common;

use chrono::NaiveDate;
use common::*;
use rectify::model::Code;
use rectify::model::MatchedBy;
use rectify::model::SkipReason;
use rectify::model::Status;
use rectify::plan::Role;
use rectify::{ingest_file, IngestOptions, Ingested, Limits, UnitFrom};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn ingest_one(path: &std::path::Path) -> Ingested {
    let plan = plan();
    let limits = Limits::default();
    let opts = IngestOptions {
        units: &plan.units,
        limits: &limits,
        default_year: 2020,
        plan_id: "yongchuan-2020-82",
        cache: None,
    };
    let rel = path.file_name().unwrap().to_string_lossy().into_owned();
    ingest_file(path, &rel, &opts)
}

fn codes(ledger: &rectify::model::Ledger) -> Vec<Code> {
    ledger.problems.iter().map(|p| p.code).collect()
}

#[test]
fn standard_layout_with_title_unit_line_categories_spacers_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let cat = "三、综合治理,促进流域生态修复";
    let spec = standard_return(
        "填报单位：重庆市永川区水利局（盖章）        填报日期：2020年12月3日",
        vec![
            vec![
                n(20.0),
                s(cat),
                s(&measure(20)),
                s("2020年12月底"),
                s("已将长征渠引水工程纳入规划纲要。"),
                s("已完成"),
                V::D(2020, 11, 30),
                V::E,
            ],
            vec![
                n(21.0),
                V::E,
                s(&measure(21)),
                s("长期坚持"),
                s("完成小水电清理整改。"),
                s("长期坚持"),
                V::E,
                V::E,
            ],
            vec![],
            vec![
                n(26.0),
                V::E,
                s(&measure(26)),
                s("2020年9月底"),
                s("规划初稿已完成，正在征求意见。"),
                s("正在推进"),
                V::E,
                s("逾期原因：专家评审推迟"),
            ],
        ],
    )
    // The category cell merged down its three task rows (rows 4-7, spacer included).
    .merge(3, 1, 6, 1)
    .text_row(&["填表说明：请如实填写。"])
    .text_row(&["注：完成时间填写实际完成日期。"])
    .text_row(&["填表人：张三", "", "联系电话：49580000"]);
    let path = dir.path().join("水利局进展.xlsx");
    write_workbook(&path, &[spec]);

    let ing = ingest_one(&path);
    assert_eq!(ing.records.len(), 3, "{:?}", ing.skips);
    for r in &ing.records {
        assert_eq!(r.unit.as_deref(), Some("区水利局"));
        assert_eq!(r.unit_from, Some(UnitFrom::FiledCell));
        assert_eq!(r.filed_on, Some(date(2020, 12, 3)));
    }
    assert_eq!(ing.records[0].id, Some(20));
    assert_eq!(ing.records[0].status, Status::Completed);
    assert_eq!(ing.records[0].completed_on, Some(date(2020, 11, 30)));
    assert_eq!(ing.records[0].source.row, 4);
    assert_eq!(ing.records[1].status, Status::Ongoing);
    assert_eq!(ing.records[2].status, Status::InProgress);
    assert_eq!(ing.records[2].source.row, 7);
    assert_eq!(ing.records[2].note, "逾期原因：专家评审推迟");
    let reasons: Vec<SkipReason> = ing.skips.iter().map(|s| s.reason).collect();
    assert_eq!(
        reasons,
        vec![
            SkipReason::Title,
            SkipReason::Title,
            SkipReason::Header,
            SkipReason::Note,
            SkipReason::Note,
            SkipReason::Note
        ]
    );

    let ledger = ledger_for(dir.path());
    let t20 = ledger.task(20).unwrap();
    assert_eq!(t20.status, Status::Completed);
    assert_eq!(t20.reports[0].role, Role::Responsible);
    assert_eq!(t20.reports[0].source.file, "水利局进展.xlsx");
    let t26 = ledger.task(26).unwrap();
    assert_eq!(t26.status, Status::InProgress);
    assert!(t26.overdue, "due 2020-09-30, not completed on 2020-12-10");
    assert!(
        !ledger.task(21).unwrap().overdue,
        "ongoing task reported ongoing"
    );
    let unit = ledger.units.iter().find(|u| u.name == "区水利局").unwrap();
    assert_eq!(unit.reported, vec![20, 21, 26]);
    assert_eq!(unit.missing, vec![18, 23, 24, 48, 49, 53, 55, 57]);
    assert_eq!(unit.files, vec!["水利局进展.xlsx"]);
}

#[test]
fn two_row_header_with_merged_cells_and_unit_in_the_next_cell() {
    let dir = tempfile::tempdir().unwrap();
    let spec = two_row_header_sheet()
        .row(vec![
            n(43.0),
            s(&measure(43)),
            s("2020年9月底完成,并长期坚持"),
            s("出台餐厨垃圾管理办法。"),
            s("已完成"),
            s("2020/9/28"),
        ])
        .row(vec![
            n(45.0),
            s(&measure(45)),
            s("2020年12月底"),
            s("已清掏化粪池126座。"),
            s("按序时推进"),
            V::E,
        ]);
    let path = dir.path().join("城管.xlsx");
    write_workbook(&path, &[spec]);
    let ing = ingest_one(&path);
    assert_eq!(ing.records.len(), 2, "{:#?}", ing);
    assert_eq!(ing.records[0].unit.as_deref(), Some("区城市管理局"));
    assert_eq!(ing.records[0].filed_on, Some(date(2020, 12, 4)));
    assert_eq!(ing.records[0].id, Some(43));
    assert_eq!(ing.records[0].progress, "出台餐厨垃圾管理办法。");
    assert_eq!(ing.records[0].completed_on, Some(date(2020, 9, 28)));
    assert_eq!(ing.records[1].status, Status::InProgress);
    assert_eq!(ing.records[1].status_text, "按序时推进");
    let headers = ing
        .skips
        .iter()
        .filter(|s| s.reason == SkipReason::Header)
        .count();
    assert_eq!(headers, 2);
}

#[test]
fn one_sheet_per_unit_and_an_instruction_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let instructions = SheetSpec::new("填表说明")
        .text_row(&["填表说明"])
        .text_row(&["1. 请各镇街如实填写整改进展。"])
        .text_row(&["2. 完成状态从下拉列表中选择。"]);
    let town = |name: &str, status: &str| {
        SheetSpec::new(name)
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .row(vec![
                n(5.0),
                s(&measure(5)),
                s("完成农田排灌渠系整治。"),
                s(status),
            ])
            .row(vec![
                n(22.0),
                s(&measure(22)),
                s("保留冬水田。"),
                s("长期坚持"),
            ])
    };
    let path = dir.path().join("镇街汇总.xlsx");
    write_workbook(
        &path,
        &[
            instructions,
            town("来苏镇", "已完成"),
            town("宝峰镇", "推进中"),
        ],
    );
    let ing = ingest_one(&path);
    assert_eq!(ing.records.len(), 4);
    assert_eq!(ing.records[0].unit.as_deref(), Some("来苏镇"));
    assert_eq!(ing.records[0].unit_from, Some(UnitFrom::SheetName));
    assert_eq!(ing.records[2].unit.as_deref(), Some("宝峰镇"));
    let sheet_skip = ing.skips.iter().find(|s| s.sheet == "填表说明").unwrap();
    assert_eq!(
        (sheet_skip.reason, sheet_skip.rows),
        (SkipReason::NoHeaderSheet, 3)
    );
    assert!(ing
        .problems
        .iter()
        .any(|p| p.code == Code::SheetSkipped && p.sheet.as_deref() == Some("填表说明")));

    let ledger = ledger_for(dir.path());
    // Task 5: lead 区农业农村委 decides and has not reported: the two towns' reports
    // are kept and said, but the task is not reported.
    let t5 = ledger.task(5).unwrap();
    assert_eq!(t5.status, Status::Unreported);
    assert_eq!(t5.awaiting, vec!["区农业农村委"]);
    assert_eq!(t5.reported_by_others, vec!["来苏镇", "宝峰镇"]);
    assert_eq!(
        t5.reports.iter().map(|r| r.role).collect::<Vec<_>>(),
        vec![Role::Responsible; 2]
    );
    // Task 22: the towns only cooperate; 区农业农村委 (responsible) decides.
    let t22 = ledger.task(22).unwrap();
    assert_eq!(t22.status, Status::Unreported);
    assert_eq!(t22.reported_by_others, vec!["来苏镇", "宝峰镇"]);
}

#[test]
fn renumbered_rows_are_matched_by_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let first_clause = |id: u32| {
        measure(id)
            .split(['，', ',', '。', ';', '；'])
            .next()
            .unwrap()
            .to_string()
    };
    let spec = standard_return(
        "填报单位：永川区住建委 填报日期：2020年12月6日",
        vec![
            std_row(
                n(1.0),
                &first_clause(33),
                "海绵城市专项规划已获批复。",
                "已完成",
                V::D(2020, 9, 25),
            ),
            std_row(
                n(2.0),
                &measure(41),
                "完成22座污水处理厂（站）进水分析。",
                "已完成",
                s("2020年10月30日"),
            ),
            std_row(
                n(3.0),
                &first_clause(30),
                "建立排水信息清单。",
                "已完成并长期坚持",
                V::E,
            ),
            // A short phrase copied word for word from task 34 only.
            std_row(
                n(4.0),
                "督促业主按规范改造阳台",
                "开展阳台改造巡查。",
                "长期坚持",
                V::E,
            ),
            // On a renumbered sheet a number without text says nothing.
            std_row(n(5.0), "", "其他工作。", "已完成", V::E),
        ],
    );
    let path = dir.path().join("住建委.xlsx");
    write_workbook(&path, &[spec]);
    let ledger = ledger_for(dir.path());
    for id in [33, 41, 30] {
        let rs = reports_of(&ledger, id, "区住房城乡建委");
        assert_eq!(rs.len(), 1, "task {id}");
        assert_eq!(rs[0].matched_by, MatchedBy::Text, "task {id}");
        assert_eq!(rs[0].status, Status::Completed, "task {id}");
    }
    assert_eq!(
        reports_of(&ledger, 34, "区住房城乡建委")[0].status,
        Status::Ongoing
    );
    assert!(
        ledger.task(1).unwrap().reports.is_empty(),
        "序号1 was the unit's own numbering"
    );
    assert!(
        ledger.task(5).unwrap().reports.is_empty(),
        "序号5 was the unit's own numbering"
    );
    assert_eq!(ledger.unplaced.len(), 1);
    assert_eq!(
        (ledger.unplaced[0].source.row, ledger.unplaced[0].code),
        (8, Code::TaskUnmatched)
    );
    // One warning for the sheet, naming each row tied by its text (not one a row).
    let warned: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::TaskTextMismatch)
        .collect();
    assert_eq!(warned.len(), 1, "{warned:#?}");
    assert_eq!(warned[0].row, Some(4), "at the first row named");
    for said in [
        "序号“1”为第33项",
        "序号“2”为第41项",
        "序号“3”为第30项",
        "序号“4”为第34项",
    ] {
        assert!(
            warned[0].message.contains(said),
            "{said}: {}",
            warned[0].message
        );
    }
}

/// The bureau's return of `rows` in the standard layout (filed 2020年12月1日), read.
fn bureau_rows(dir: &std::path::Path, rows: Vec<Vec<V>>) -> Ingested {
    let path = dir.join("生态环境局.xlsx");
    write_workbook(
        &path,
        &[standard_return(
            "填报单位：区生态环境局 填报日期：2020年12月1日",
            rows,
        )],
    );
    ingest_one(&path)
}

#[test]
fn every_date_form_reads_as_the_same_day() {
    let dir = tempfile::tempdir().unwrap();
    let forms: Vec<V> = vec![
        s("2020年9月30日"),
        s("2020.9.30"),
        s("2020-9-30"),
        s("2020/9/30"),
        s("20200930"),
        s("9月底"),
        s("２０２０年９月３０日"),
        V::D(2020, 9, 30),
        n(44104.0),
    ];
    let tasks = [14, 48, 51, 52, 53, 59, 61, 62, 21];
    let rows = forms
        .into_iter()
        .zip(tasks)
        .map(|(d, id)| std_row(n(id as f64), &measure(id), "已完成。", "已完成", d))
        .collect();
    let ing = bureau_rows(dir.path(), rows);
    assert_eq!(ing.records.len(), 9);
    for r in &ing.records {
        assert_eq!(
            r.completed_on,
            Some(date(2020, 9, 30)),
            "{:?}",
            r.completed_text
        );
    }
    assert!(!ing.problems.iter().any(|p| p.code == Code::DateUnreadable));
}

/// A date written in the right form that does not exist says why, instead of asking
/// for the form the unit already used; a text that is no date keeps the form's example.
#[test]
fn a_date_that_does_not_exist_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let forms = [
        ("2020年11月31日", "不是实际存在的日期（11月只有30天）"),
        ("2020.13.5", "不是实际存在的日期（没有13月）"),
        ("2021-02-29", "不是实际存在的日期（2021年2月只有28天）"),
        ("11月31日", "不是实际存在的日期（11月只有30天）"),
        ("验收后", "无法识别为日期"),
    ];
    let tasks = [14, 48, 51, 52, 53];
    let rows = forms
        .iter()
        .zip(tasks)
        .map(|((d, _), id)| std_row(n(id as f64), &measure(id), "已完成。", "已完成", s(d)))
        .collect();
    let ing = bureau_rows(dir.path(), rows);
    let said: Vec<&str> = ing
        .problems
        .iter()
        .filter(|p| p.code == Code::DateUnreadable)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(said.len(), forms.len(), "{said:?}");
    for ((text, what), message) in forms.iter().zip(&said) {
        assert!(
            message.contains(&format!("完成时间“{text}”{what}")),
            "{message}"
        );
        let asks_for_form = message.contains("请按“2020年9月30日”格式填写");
        assert_eq!(asks_for_form, what.starts_with("无法识别"), "{message}");
    }
    assert!(ing.records.iter().all(|r| r.completed_on.is_none()));
}

#[test]
fn a_deadline_column_is_never_a_status_or_completion_date() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：区财政局  填报日期：2020年12月2日"])
        .text_row(&["序号", "具体举措", "完成时限", "整改进展情况"])
        .row(vec![
            n(58.0),
            s(&measure(58)),
            s("长期坚持"),
            s("建立预算绩效评估机制。"),
        ]);
    let path = dir.path().join("财政局.xlsx");
    write_workbook(&path, &[spec]);
    let ing = ingest_one(&path);
    assert_eq!(ing.records.len(), 1);
    assert_eq!(
        ing.records[0].status,
        Status::Unclear,
        "长期坚持 here is the deadline"
    );
    assert_eq!(ing.records[0].completed_on, None);
}

#[test]
fn status_words_map_to_the_canonical_statuses() {
    let words = [
        ("已完成", Status::Completed),
        ("完成", Status::Completed),
        ("已办结", Status::Completed),
        ("已整改", Status::Completed),
        ("已整改到位", Status::Completed),
        ("已销号", Status::Completed),
        ("已验收销号", Status::Completed),
        ("已完成并长期坚持", Status::Completed),
        ("长期坚持", Status::Ongoing),
        ("持续推进", Status::Ongoing),
        ("常态化推进", Status::Ongoing),
        ("持续整改", Status::Ongoing),
        ("正在推进", Status::InProgress),
        ("推进中", Status::InProgress),
        ("正在整改", Status::InProgress),
        ("按序时推进", Status::InProgress),
        ("基本完成", Status::InProgress),
        ("达序时进度", Status::InProgress),
        ("进度滞后", Status::InProgress),
        ("未启动", Status::NotStarted),
        ("尚未开展", Status::NotStarted),
        ("未开展", Status::NotStarted),
        ("见附件", Status::Unclear),
        ("详见附件3", Status::Unclear),
    ];
    let dir = tempfile::tempdir().unwrap();
    let rows = words
        .iter()
        .map(|(w, _)| std_row(n(20.0), "", "进展见正文。", w, V::E))
        .collect();
    let path = dir.path().join("words.xlsx");
    write_workbook(
        &path,
        &[standard_return(
            "填报单位：区水利局 填报日期：2020年12月3日",
            rows,
        )],
    );
    let ing = ingest_one(&path);
    assert_eq!(ing.records.len(), words.len());
    for (r, (w, st)) in ing.records.iter().zip(words) {
        assert_eq!(r.status, st, "{w}");
        assert_eq!(r.status_text, w, "the original words are kept");
    }
    // 是/否 in 是否完成, √ in an 已完成 column.
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：区水利局"])
        .text_row(&["序号", "具体举措", "整改进展情况", "是否完成"])
        .row(vec![n(20.0), V::E, s("已纳入规划。"), s("是")])
        .row(vec![n(21.0), V::E, V::E, s("否")]);
    let yes_no = dir.path().join("yesno.xlsx");
    write_workbook(&yes_no, &[spec]);
    let ing = ingest_one(&yes_no);
    assert_eq!(
        ing.records.iter().map(|r| r.status).collect::<Vec<_>>(),
        // 否 with no progress: not started (DOMAIN.md).
        vec![Status::Completed, Status::NotStarted]
    );
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：区水利局"])
        .text_row(&["序号", "具体举措", "整改进展情况", "已完成"])
        .row(vec![n(20.0), V::E, s("已纳入规划。"), s("√")])
        .row(vec![n(26.0), V::E, s("已完成初稿。"), s("✓")]);
    let tick = dir.path().join("tick.xlsx");
    write_workbook(&tick, &[spec]);
    let ing = ingest_one(&tick);
    assert_eq!(
        ing.records.iter().map(|r| r.status).collect::<Vec<_>>(),
        vec![Status::Completed; 2]
    );
}

#[test]
fn unit_aliases_in_returns() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "a.xlsx",
            "填报单位：重庆市永川区住房和城乡建设委员会（盖章）",
            "区住房城乡建委",
            33,
        ),
        (
            "b.xlsx",
            "填报单位：重庆市永川区人民政府中山路街道办事处",
            "中山路街道",
            31,
        ),
        ("c.xlsx", "填报单位： 区水利局 ", "区水利局", 26),
        ("d.xlsx", "填报单位：区水利\n局", "区水利局", 20),
        (
            "e.xlsx",
            "填报单位：重庆市永川区何埂镇人民政府（盖章）",
            "何埂镇",
            3,
        ),
    ];
    for (file, line, _, id) in cases {
        let spec = standard_return(
            line,
            vec![std_row(n(id as f64), "", "已落实。", "已完成", V::E)],
        );
        write_workbook(&dir.path().join(file), &[spec]);
    }
    let ledger = ledger_for(dir.path());
    for (file, _, unit, id) in cases {
        let rs = reports_of(&ledger, id, unit);
        assert_eq!(rs.len(), 1, "{file}: {unit} on task {id}");
        assert_eq!(rs[0].source.file, file);
    }
    assert!(ledger.unplaced.is_empty());
}

#[test]
fn unit_from_the_file_name_and_no_unit_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .row(vec![n(58.0), V::E, s("建立绩效评估机制。"), s("已完成")]);
    write_workbook(
        &dir.path().join("区财政局-整改进展.xlsx"),
        std::slice::from_ref(&spec),
    );
    write_workbook(&dir.path().join("进展情况表.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let rs = reports_of(&ledger, 58, "区财政局");
    assert_eq!(rs.len(), 1);
    assert_eq!(rs[0].source.file, "区财政局-整改进展.xlsx");
    assert_eq!(ledger.unplaced.len(), 1);
    assert_eq!(ledger.unplaced[0].source.file, "进展情况表.xlsx");
    assert_eq!(ledger.unplaced[0].code, Code::UnitUnknown);
    let p = ledger
        .problems
        .iter()
        .find(|p| p.code == Code::UnitUnknown)
        .unwrap();
    assert_eq!(p.file, "进展情况表.xlsx");
    assert_eq!(p.row, Some(2));
    assert!(p.message.contains("填报单位"), "{}", p.message);
}

#[test]
fn unassigned_rows_give_one_warning_per_file_and_unit() {
    // 区水利局 has no role in tasks 1, 2, 3: three rows, one warning listing the ids.
    let dir = tempfile::tempdir().unwrap();
    let spec = standard_return(
        "填报单位：区水利局 填报日期：2020年12月3日",
        vec![
            std_row(n(3.0), &measure(3), "协助推进。", "正在推进", V::E),
            std_row(n(1.0), &measure(1), "协助完成尾水治理。", "已完成", V::E),
            std_row(n(2.0), &measure(2), "协助建设。", "正在推进", V::E),
        ],
    );
    write_workbook(&dir.path().join("水利.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let warnings: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::Unassigned)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = warnings[0];
    assert_eq!(w.file, "水利.xlsx");
    assert!(
        w.sheet.is_some(),
        "all rows on one sheet: the sheet is named"
    );
    assert_eq!(w.row, None, "three rows: no single row");
    assert!(
        w.message
            .starts_with("区水利局不是第1、2、3项的牵头、责任或配合单位，这3条进展已保留"),
        "{}",
        w.message
    );
    // Every row is still kept as an unassigned report.
    for id in 1..=3 {
        assert_eq!(reports_of(&ledger, id, "区水利局").len(), 1, "task {id}");
    }
}

#[test]
fn unknown_task_numbers_and_unassigned_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let spec = standard_return(
        "填报单位：区水利局 填报日期：2020年12月3日",
        vec![
            std_row(n(88.0), "", "无此任务。", "已完成", V::E),
            std_row(n(1.0), &measure(1), "协助完成尾水治理。", "已完成", V::E),
            std_row(s("第20项"), "", "已纳入规划纲要。", "已完成", V::E),
        ],
    );
    write_workbook(&dir.path().join("水利.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert_eq!(ledger.unplaced.len(), 1);
    assert_eq!(ledger.unplaced[0].code, Code::TaskUnknown);
    assert_eq!(ledger.unplaced[0].source.row, 4);
    let t1 = ledger.task(1).unwrap();
    assert_eq!(t1.reports.len(), 1);
    assert_eq!(t1.reports[0].role, Role::Unassigned);
    assert_eq!(
        t1.status,
        Status::Unreported,
        "an unassigned report decides nothing"
    );
    let unassigned: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::Unassigned)
        .collect();
    assert_eq!(unassigned.len(), 1);
    assert_eq!(unassigned[0].row, Some(5), "one row: the warning is at it");
    assert!(
        unassigned[0].message.contains("不是第1项"),
        "{}",
        unassigned[0].message
    );
    assert_eq!(
        reports_of(&ledger, 20, "区水利局").len(),
        1,
        "第20项 is task 20"
    );
}

#[test]
fn a_later_filing_supersedes_and_equal_dates_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let write = |file: &str, date: &str, status: &str| {
        let spec = standard_return(
            &format!("填报单位：区水利局 填报日期：{date}"),
            vec![std_row(
                n(26.0),
                "",
                &format!("规划编制{status}。"),
                status,
                V::E,
            )],
        );
        write_workbook(&dir.path().join(file), &[spec]);
    };
    write("第一次.xlsx", "2020年12月2日", "正在推进");
    write("第二次.xlsx", "2020年12月8日", "已完成");
    let ledger = ledger_for(dir.path());
    let t = ledger.task(26).unwrap();
    assert_eq!(t.reports.len(), 2);
    let current: Vec<_> = t.current_reports().collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].source.file, "第二次.xlsx");
    assert_eq!(t.status, Status::Completed);
    assert!(t
        .reports
        .iter()
        .any(|r| r.superseded && r.source.file == "第一次.xlsx"));
    assert!(!codes(&ledger).contains(&Code::Conflict));

    // Same date, different content, names that say nothing of which came last: a
    // conflict; the least advanced stands.
    std::fs::rename(dir.path().join("第二次.xlsx"), dir.path().join("甲.xlsx")).unwrap();
    write("另一份.xlsx", "2020年12月8日", "正在推进");
    let ledger = ledger_for(dir.path());
    let t = ledger.task(26).unwrap();
    assert_eq!(t.current_reports().count(), 2);
    assert_eq!(t.status, Status::InProgress);
    let conflict = ledger
        .problems
        .iter()
        .find(|p| p.code == Code::Conflict)
        .unwrap();
    assert!(
        conflict.message.contains("甲.xlsx") && conflict.message.contains("另一份.xlsx"),
        "{}",
        conflict.message
    );

    // The same day, a second and a third sending named so: the last of the series
    // stands.
    std::fs::remove_file(dir.path().join("另一份.xlsx")).unwrap();
    std::fs::rename(dir.path().join("甲.xlsx"), dir.path().join("第二次.xlsx")).unwrap();
    write("第三次.xlsx", "2020年12月8日", "正在推进");
    let ledger = ledger_for(dir.path());
    let t = ledger.task(26).unwrap();
    let current: Vec<_> = t.current_reports().collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].source.file, "第三次.xlsx");
    assert!(!codes(&ledger).contains(&Code::Conflict));
}

#[test]
fn gbk_csv_with_crlf_and_quoted_newlines() {
    let dir = tempfile::tempdir().unwrap();
    let text = "永川区水污染防治整改进展情况表,,,,,\r\n\
                填报单位：区城市管理局（盖章）    填报日期：2020年12月7日,,,,,\r\n\
                序号,具体举措,完成时限,整改进展情况,完成状态,完成时间\r\n\
                28,建立河道漂浮物长效监管考核机制,2020年9月底完成并长期坚持,\"已印发考核办法。\r\n每月考核一次。\",已完成并长期坚持,2020/9/20\r\n\
                44,加大巡查力度,长期坚持,开展联合执法12次,常态化推进,\r\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(dir.path().join("城管局.csv"), &bytes).unwrap();
    let ing = ingest_one(&dir.path().join("城管局.csv"));
    assert_eq!(ing.records.len(), 2, "{:#?}", ing.problems);
    let r = &ing.records[0];
    assert_eq!(r.unit.as_deref(), Some("区城市管理局"));
    assert_eq!(r.filed_on, Some(date(2020, 12, 7)));
    assert_eq!(r.progress, "已印发考核办法。\n每月考核一次。");
    assert_eq!(r.status, Status::Completed);
    assert_eq!(r.completed_on, Some(date(2020, 9, 20)));
    assert_eq!(r.source.row, 4);
    assert_eq!(ing.records[1].status, Status::Ongoing);
}

#[test]
fn bad_files_become_problems_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let good = standard_return(
        "填报单位：区水利局 填报日期：2020年12月3日",
        vec![std_row(n(26.0), "", "规划编制完成。", "已完成", V::E)],
    );
    write_workbook(&dir.path().join("good.xlsx"), &[good]);
    // Corrupt: a truncated workbook.
    let bytes = std::fs::read(dir.path().join("good.xlsx")).unwrap();
    std::fs::write(dir.path().join("corrupt.xlsx"), &bytes[..bytes.len() / 2]).unwrap();
    // A Word document without a table in the folder (a report in prose).
    {
        let f = std::fs::File::create(dir.path().join("说明.docx")).unwrap();
        let mut z = zip::ZipWriter::new(f);
        z.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(
            &mut z,
            "<w:document><w:body><w:p><w:r><w:t>我单位整改情况说明</w:t></w:r></w:p></w:body></w:document>".as_bytes(),
        )
        .unwrap();
        z.finish().unwrap();
    }
    // An image, an empty file, an Office lock file, a hidden file.
    std::fs::write(
        dir.path().join("photo.jpg"),
        [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'],
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.xlsx"), b"").unwrap();
    std::fs::write(dir.path().join("~$good.xlsx"), b"\x05user").unwrap();
    std::fs::write(dir.path().join(".DS_Store"), b"junk").unwrap();
    // A real password-protected workbook (encrypted once with msoffcrypto-tool, password 1234).
    std::fs::copy(
        repo().join("tests/fixtures/encrypted.xlsx"),
        dir.path().join("locked.xlsx"),
    )
    .unwrap();

    let ledger = ledger_for(dir.path());
    assert_eq!(
        reports_of(&ledger, 26, "区水利局").len(),
        1,
        "the good file is read"
    );
    let code_of = |file: &str| {
        ledger
            .problems
            .iter()
            .filter(|p| p.file == file)
            .map(|p| p.code)
            .collect::<Vec<_>>()
    };
    assert_eq!(code_of("corrupt.xlsx"), vec![Code::FileCorrupt]);
    assert_eq!(
        code_of("说明.docx"),
        vec![Code::NoHeader],
        "a Word document is read; without a table it has no progress (one problem: the file's)"
    );
    // A photo or a scan is evidence, with a warning (it may be the unit's only return).
    assert_eq!(code_of("photo.jpg"), vec![Code::FileSkipped]);
    let photo = ledger.files.iter().find(|f| f.file == "photo.jpg").unwrap();
    assert_eq!(photo.outcome, rectify::model::FileOutcome::Evidence);
    let warned = ledger
        .problems
        .iter()
        .find(|p| p.file == "photo.jpg")
        .unwrap();
    assert_eq!(warned.severity, rectify::model::Severity::Warning);
    assert!(
        warned.message.contains("扫描件或照片"),
        "{}",
        warned.message
    );
    assert_eq!(code_of("empty.xlsx"), vec![Code::FileEmpty]);
    assert_eq!(code_of("~$good.xlsx"), vec![Code::FileSkipped]);
    assert_eq!(code_of(".DS_Store"), vec![Code::FileSkipped]);
    assert_eq!(code_of("locked.xlsx"), vec![Code::FileEncrypted]);
    for p in &ledger.problems {
        assert!(
            p.message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "Chinese message: {}",
            p.message
        );
    }
    assert_eq!(ledger.files.len(), 8);
}

/// The three rows of tests/fixtures/README.md, however the format stores them.
fn assert_fixture_rows(ing: &Ingested, first_data_row: u32) {
    assert_eq!(ing.records.len(), 3, "{:#?}", ing.problems);
    let expect = [
        (20, Status::Completed, Some(date(2020, 11, 30))),
        (21, Status::Ongoing, None),
        (26, Status::InProgress, None),
    ];
    for (i, (r, (id, status, done))) in ing.records.iter().zip(expect).enumerate() {
        assert_eq!(r.unit.as_deref(), Some("区水利局"));
        assert_eq!(r.filed_on, Some(date(2020, 12, 3)));
        assert_eq!(r.id, Some(id));
        assert_eq!(r.status, status);
        assert_eq!(r.completed_on, done);
        assert_eq!(r.source.row, first_data_row + i as u32);
        assert_eq!(r.source.sheet, "Sheet1");
    }
    assert!(ing.records[0].progress.starts_with("长征渠引水工程已纳入"));
    assert_eq!(ing.records[2].measure_text, "编制水库消落带治理专项规划。");
}

#[test]
fn xls_and_ods_returns_made_by_libreoffice() {
    let fixtures = repo().join("tests/fixtures");
    let ing = ingest_one(&fixtures.join("xls/standard.xls"));
    assert_eq!(ing.files[0].format.as_deref(), Some("xls"));
    assert_fixture_rows(&ing, 4);
    let ing = ingest_one(&fixtures.join("ods/standard.ods"));
    assert_eq!(ing.files[0].format.as_deref(), Some("ods"));
    assert_fixture_rows(&ing, 4);
    let ing = ingest_one(&fixtures.join("xls/two_row_header.xls"));
    assert_fixture_rows(&ing, 5);
    assert_eq!(
        ing.skips
            .iter()
            .filter(|s| s.reason == SkipReason::Header)
            .count(),
        2
    );

    // The real format wins over the extension: an .xls named .xlsx, an .ods named .CSV.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures.join("xls/standard.xls"),
        dir.path().join("renamed.xlsx"),
    )
    .unwrap();
    std::fs::copy(
        fixtures.join("ods/standard.ods"),
        dir.path().join("RENAMED.CSV"),
    )
    .unwrap();
    let ledger = ledger_for(dir.path());
    assert_eq!(
        ledger
            .files
            .iter()
            .map(|f| f.format.as_deref())
            .collect::<Vec<_>>(),
        vec![Some("ods"), Some("xls")]
    );
    assert_eq!(ledger.task(20).unwrap().reports.len(), 2);
}

/// Write a workbook whose sheet XML inflates past 1 GiB, without holding it in memory.
fn write_zip_bomb(path: &std::path::Path) {
    use std::io::Write;
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let parts: [(&str, &str); 3] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
    ];
    for (name, body) in parts {
        z.start_file(name, opts).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.start_file("xl/_rels/workbook.xml.rels", opts).unwrap();
    z.write_all(br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#).unwrap();
    z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    z.write_all(br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..1100 {
        z.write_all(&chunk).unwrap();
    }
    z.write_all(b"</sheetData></worksheet>").unwrap();
    z.finish().unwrap();
}

/// Peak resident memory of this process so far (VmHWM), in MiB.
fn peak_rss_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

#[test]
fn a_zip_bomb_in_the_folder_is_refused_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    write_zip_bomb(&dir.path().join("bomb.xlsx"));
    assert!(
        std::fs::metadata(dir.path().join("bomb.xlsx"))
            .unwrap()
            .len()
            < 8 << 20
    );
    let good = standard_return(
        "填报单位：区水利局 填报日期：2020年12月3日",
        vec![std_row(n(26.0), "", "规划编制完成。", "已完成", V::E)],
    );
    write_workbook(&dir.path().join("good.xlsx"), &[good]);
    let ledger = ledger_for(dir.path());
    let p = ledger
        .problems
        .iter()
        .find(|p| p.file == "bomb.xlsx")
        .unwrap();
    assert_eq!(p.code, Code::FileTooLarge, "{}", p.message);
    assert_eq!(reports_of(&ledger, 26, "区水利局").len(), 1);
    // Tests share the process: the bound is generous but far below 1 GiB of XML.
    assert!(peak_rss_mib() < 512, "peak RSS {} MiB", peak_rss_mib());
}

/// A return whose second sheet is damaged: the progress sheet still counts, and the
/// ledger's problem list says which sheet was skipped, under 读取说明 (not as a size
/// problem, not as "nothing found").
#[test]
fn a_damaged_extra_sheet_is_skipped_and_said_so_while_the_return_counts() {
    let dir = tempfile::tempdir().unwrap();
    let progress = standard_return(
        "填报单位：区水利局    填报日期：2020年12月3日",
        vec![std_row(
            n(20.0),
            &measure(20),
            "已纳入规划纲要。",
            "已完成",
            V::E,
        )],
    );
    let notes = SheetSpec::new("填表说明").text_row(&["请如实填写。"]);
    let whole = dir.path().join("whole.xlsx");
    write_workbook(&whole, &[progress, notes]);
    // Cut the second sheet's XML short.
    let cut = edit_zip(
        &std::fs::read(&whole).unwrap(),
        |name, mut data| {
            if name == "xl/worksheets/sheet2.xml" {
                data.truncate(data.len() / 2);
                data.extend_from_slice(b"<c r=\"");
            }
            data
        },
        &[],
    );
    std::fs::remove_file(&whole).unwrap();
    std::fs::write(dir.path().join("水利局进展.xlsx"), cut).unwrap();

    let ledger = ledger_for(dir.path());
    assert_eq!(ledger.task(20).unwrap().status, Status::Completed);
    let notes: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.file == "水利局进展.xlsx")
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].code, Code::ReadNote);
    assert_eq!(notes[0].code.label(), "读取说明");
    assert!(
        notes[0].message.contains("填表说明") && notes[0].message.contains("已跳过"),
        "{}",
        notes[0].message
    );
}
