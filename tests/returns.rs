//! Returns shaped the way units really answer (issue 15): Word tables, 不涉及,
//! consolidated sheets, whole-plan copies, continuation rows, a header below a long
//! 填表说明, percent columns, status in prose, totals and hidden rows, comments, a
//! 填报日期 column, and bundles. Every fixture is built in code.

mod common;

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use common::word::*;
use common::*;
use docx_rs::{Docx, TableRow};
use rectify::model::{Code, FileOutcome, Ledger, Severity, SkipReason, Status};
use rectify::{ingest_file, IngestOptions, Ingested, Limits, UnitFrom};
use rust_xlsxwriter::{Format, Note, Table, TableColumn, TableFunction, Workbook};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn ingest_with(path: &Path, limits: &Limits) -> Ingested {
    let plan = plan();
    let opts = IngestOptions {
        units: &plan.units,
        limits,
        default_year: 2020,
        plan_id: "yongchuan-2020-82",
        cache: None,
    };
    let rel = path.file_name().unwrap().to_string_lossy().into_owned();
    ingest_file(path, &rel, &opts)
}

fn ingest_one(path: &Path) -> Ingested {
    ingest_with(path, &Limits::default())
}

fn problems_in<'a>(ledger: &'a Ledger, file: &str) -> Vec<(Code, &'a str)> {
    ledger
        .problems
        .iter()
        .filter(|p| p.file == file)
        .map(|p| (p.code, p.message.as_str()))
        .collect()
}

fn skip_reasons(ing: &Ingested) -> Vec<SkipReason> {
    ing.skips.iter().map(|s| s.reason).collect()
}

const WORD_HEADER: [&str; 5] = ["序号", "具体举措", "进展情况", "完成状态", "完成时间"];

/// A Word return of 区水利局: title and filing line, a table split across pages into
/// two tables (the second without a header, its status merged down two rows), a cell of
/// two paragraphs, and the signature lines after.
fn water_word_return() -> Vec<u8> {
    let first = table(vec![
        text_row(&WORD_HEADER),
        TableRow::new(vec![
            cell(&["20"]),
            cell(&[&measure(20)]),
            cell(&["已将长征渠引水工程纳入规划纲要。", "已印发实施。"]),
            cell(&["已完成"]),
            cell(&["2020年11月30日"]),
        ]),
        text_row(&["21", &measure(21), "完成小水电清理整改。", "长期坚持", ""]),
    ]);
    let second = table(vec![
        TableRow::new(vec![
            cell(&["23"]),
            cell(&[&measure(23)]),
            cell(&["开展河道巡查。"]),
            merge_start("持续推进"),
            cell(&[]),
        ]),
        TableRow::new(vec![
            cell(&["24"]),
            cell(&[&measure(24)]),
            cell(&["完成河道清漂。"]),
            merge_continue(),
            cell(&[]),
        ]),
    ]);
    docx_bytes(
        Docx::new()
            .add_paragraph(para("永川区水污染防治整改进展情况表"))
            .add_paragraph(para(
                "填报单位：区水利局（盖章）    填报日期：2020年12月3日",
            ))
            .add_table(first)
            .add_paragraph(para(""))
            .add_table(second)
            .add_paragraph(para("填表人：张三  联系电话：49581111"))
            .add_paragraph(para("区水利局"))
            .add_paragraph(para("2020年12月3日")),
    )
}

/// A one-sheet workbook of one task row (序号 | 具体举措 | 整改进展情况 | 完成状态) whose
/// print header and footer `page` sets, saved at `path`.
fn one_row_workbook(
    path: &std::path::Path,
    page: impl FnOnce(&mut rust_xlsxwriter::Worksheet),
    id: u32,
    progress: &str,
    status: &str,
) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    page(ws);
    for (c, h) in ["序号", "具体举措", "整改进展情况", "完成状态"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_number(1, 0, f64::from(id)).unwrap();
    ws.write_string(1, 1, measure(id)).unwrap();
    ws.write_string(1, 2, progress).unwrap();
    ws.write_string(1, 3, status).unwrap();
    wb.save(path).unwrap();
}

#[test]
fn word_return_reads_like_a_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("水利局进展.docx");
    std::fs::write(&path, water_word_return()).unwrap();
    let ing = ingest_one(&path);
    assert_eq!(ing.files[0].format.as_deref(), Some("docx"));
    let ids: Vec<Option<u32>> = ing.records.iter().map(|r| r.id).collect();
    assert_eq!(ids, [Some(20), Some(21), Some(23), Some(24)], "{ing:#?}");
    for r in &ing.records {
        assert_eq!(r.unit.as_deref(), Some("区水利局"));
        assert_eq!(r.unit_from, Some(UnitFrom::FiledCell));
        assert_eq!(r.filed_on, Some(date(2020, 12, 3)));
        assert_eq!(r.source.sheet, "正文");
    }
    let r20 = &ing.records[0];
    assert_eq!(
        r20.progress,
        "已将长征渠引水工程纳入规划纲要。\n已印发实施。"
    );
    assert_eq!(r20.status, Status::Completed);
    assert_eq!(r20.completed_on, Some(date(2020, 11, 30)));
    // Rows count the non-empty paragraphs and the table rows from the top.
    assert_eq!(r20.source.row, 4);
    assert_eq!(ing.records[3].source.row, 7);
    // The merged status applies to both rows it spans.
    assert_eq!(ing.records[2].status, Status::Ongoing);
    assert_eq!(ing.records[3].status, Status::Ongoing);
    assert_eq!(ing.records[3].status_text, "持续推进");
    assert_eq!(
        skip_reasons(&ing),
        [
            SkipReason::Title,
            SkipReason::Title,
            SkipReason::Header,
            SkipReason::Paragraph,
            SkipReason::Paragraph,
            SkipReason::Paragraph
        ]
    );
    assert!(ing.problems.is_empty(), "{:#?}", ing.problems);
}

#[test]
fn word_return_signed_below_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let doc = Docx::new()
        .add_paragraph(para("关于整改任务落实情况的报告"))
        .add_table(table(vec![
            text_row(&WORD_HEADER),
            text_row(&["45", &measure(45), "清掏化粪池126座。", "正在推进", ""]),
        ]))
        .add_paragraph(para("重庆市永川区城市管理局"))
        .add_paragraph(para("2020年12月4日"));
    std::fs::write(dir.path().join("进展情况.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let reports = reports_of(&ledger, 45, "区城市管理局");
    assert_eq!(reports.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(reports[0].filed_on, Some(date(2020, 12, 4)));
    assert!(
        problems_in(&ledger, "进展情况.docx").is_empty(),
        "{:#?}",
        ledger.problems
    );
}

/// The signature laid out the two other ways Word forms do: a borderless one-row table
/// (永川区河长制办公室（盖章） | 2020年12月3日), and the name and date on one line, the
/// date pushed right with spaces. Before: the first return had no unit (its rows went
/// unplaced and the unit was asked to resend), the second no filing date.
#[test]
fn a_signature_in_a_table_or_on_one_line_names_the_unit_and_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let rows = |id: u32| {
        vec![
            text_row(&WORD_HEADER),
            text_row(&[
                &id.to_string(),
                &measure(id),
                "落实河长巡河制度。",
                "长期坚持",
                "",
            ]),
        ]
    };
    let in_table = Docx::new()
        .add_paragraph(para("整改任务进展情况表"))
        .add_table(table(rows(56)))
        .add_paragraph(para(""))
        .add_table(table(vec![text_row(&[
            "永川区河长制办公室（盖章）",
            "2020年12月3日",
        ])]));
    std::fs::write(dir.path().join("进展表.docx"), docx_bytes(in_table)).unwrap();
    let on_one_line = Docx::new()
        .add_paragraph(para("关于整改任务进展情况的报告"))
        .add_table(table(rows(21)))
        .add_paragraph(para("特此报告。"))
        .add_paragraph(para("永川区水利局          2020年12月4日"));
    std::fs::write(dir.path().join("报送材料.docx"), docx_bytes(on_one_line)).unwrap();
    let ledger = ledger_for(dir.path());
    for (id, unit, day, file) in [
        (56, "区河长办", 3, "进展表.docx"),
        (21, "区水利局", 4, "报送材料.docx"),
    ] {
        let reports = reports_of(&ledger, id, unit);
        assert_eq!(reports.len(), 1, "{file}: {:#?}", ledger.problems);
        assert_eq!(reports[0].filed_on, Some(date(2020, 12, day)), "{file}");
        assert!(
            problems_in(&ledger, file).is_empty(),
            "{file}: {:#?}",
            ledger.problems
        );
    }
}

/// A return written as a letter to the bureau: its salutation (区生态环境局：) names the
/// unit it is sent to, the signature under 特此报告。 the unit that sent it. Before: the
/// salutation was read as the title and the rows went to 区生态环境局.
#[test]
fn a_letters_salutation_is_not_its_sender() {
    let dir = tempfile::tempdir().unwrap();
    let doc = Docx::new()
        .add_paragraph(para("区生态环境局："))
        .add_paragraph(para(
            "根据《永川区水污染防治整改方案》要求，现将我局整改任务推进情况报告如下：",
        ))
        .add_table(table(vec![
            text_row(&WORD_HEADER),
            text_row(&["45", &measure(45), "清掏化粪池126座。", "正在推进", ""]),
        ]))
        .add_paragraph(para("特此报告。"))
        .add_paragraph(para("重庆市永川区城市管理局"))
        .add_paragraph(para("2020年12月4日"));
    std::fs::write(dir.path().join("进展报告.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let reports = reports_of(&ledger, 45, "区城市管理局");
    assert_eq!(reports.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(reports[0].filed_on, Some(date(2020, 12, 4)));
    assert!(reports_of(&ledger, 45, "区生态环境局").is_empty());
}

/// The salutation right under the letter's title, over the table (区城市管理局关于…的报告 /
/// 区生态环境局： / the table): whom it is sent to, not a heading naming the table's unit;
/// in Word and in a spreadsheet alike. Before (adv54 a 1): every row went to
/// 区生态环境局, not a unit of the tasks, and the sender's tasks read 未报送. A line
/// naming a unit over the table under a title that is no letter's (汇总表) still heads
/// that unit's rows.
#[test]
fn a_salutation_under_the_title_is_not_the_tables_unit() {
    let dir = tempfile::tempdir().unwrap();
    let doc = Docx::new()
        .add_paragraph(para("关于水污染防治整改工作进展情况的报告"))
        .add_paragraph(para("区生态环境局："))
        .add_table(table(vec![
            text_row(&WORD_HEADER),
            text_row(&["45", &measure(45), "清掏化粪池126座。", "正在推进", ""]),
        ]))
        .add_paragraph(para("区城管局"))
        .add_paragraph(para("2020年12月4日"));
    std::fs::write(dir.path().join("整改进展.docx"), docx_bytes(doc)).unwrap();
    let sheet = |title: &str, above: &str| {
        SheetSpec::new("整改进展")
            .text_row(&[title])
            .text_row(&[above])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"])
            .text_row(&["26", &measure(26), "已印发。", "已完成", "2020-09-28"])
    };
    write_workbook(
        &dir.path().join("整改进展.xlsx"),
        &[sheet("区水利局关于整改进展情况的报告", "区生态环境局：")],
    );
    write_workbook(
        &dir.path().join("汇总.xlsx"),
        &[sheet("区农业农村委牵头任务进展汇总表", "来苏镇：")],
    );
    // A town is never whom a return is sent to: under a report's title too, 宝峰镇： heads
    // the town's rows (second review c 1: they went to the lead).
    write_workbook(
        &dir.path().join("镇街汇总.xlsx"),
        &[sheet(
            "区农业农村委关于镇街整改进展情况的汇总报告",
            "宝峰镇：",
        )],
    );
    let ledger = ledger_for(dir.path());
    assert_eq!(
        reports_of(&ledger, 45, "区城市管理局").len(),
        1,
        "{:#?}",
        ledger.problems
    );
    let on_26: Vec<(&str, &str)> = ledger
        .task(26)
        .unwrap()
        .reports
        .iter()
        .map(|r| (r.unit.as_str(), r.source.file.as_str()))
        .collect();
    assert!(on_26.contains(&("区水利局", "整改进展.xlsx")), "{on_26:?}");
    assert!(on_26.contains(&("来苏镇", "汇总.xlsx")), "{on_26:?}");
    assert!(on_26.contains(&("宝峰镇", "镇街汇总.xlsx")), "{on_26:?}");
    assert!(
        !ledger
            .tasks
            .iter()
            .flat_map(|t| &t.reports)
            .any(|r| r.unit == "区生态环境局"),
        "{:#?}",
        ledger.problems
    );
}

/// The same letter unsigned: the salutation names no sender, so the unit is asked for,
/// not guessed.
#[test]
fn an_unsigned_letter_is_not_the_addressees() {
    let dir = tempfile::tempdir().unwrap();
    let doc = Docx::new()
        .add_paragraph(para("区生态环境局："))
        .add_table(table(vec![
            text_row(&WORD_HEADER),
            text_row(&["45", &measure(45), "清掏化粪池126座。", "正在推进", ""]),
        ]))
        .add_paragraph(para("特此报告。"));
    std::fs::write(dir.path().join("进展报告.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    assert!(reports_of(&ledger, 45, "区生态环境局").is_empty());
    assert!(
        ledger
            .problems
            .iter()
            .any(|p| p.code == Code::UnitUnknown && p.file == "进展报告.docx"),
        "{:#?}",
        ledger.problems
    );
}

/// Who a Word return is from when no 填报单位 line says: not the unit whose notice the
/// opening sentence answers (根据区水利局《…通知》要求，现将我镇…), nor a recipient line
/// above the signature (抄报：区生态环境局), nor the lead a title names (区农业农村委牵头…
/// 情况表) or the unit whose opinion it answers (关于落实区生态环境局…): the file's name
/// or the signature. A title naming the writer before 关于 names it (来苏镇关于配合区水
/// 利局…). Before (adv44 a16, a27, a51–a56, a73): each went to the other unit, the town
/// was sent a reminder.
#[test]
fn a_word_return_is_not_credited_to_a_unit_it_only_mentions() {
    let rows = || {
        table(vec![
            text_row(&WORD_HEADER),
            text_row(&[
                "24",
                &measure(24),
                "已拆除拦河网3处。",
                "已完成",
                "2020年9月20日",
            ]),
        ])
    };
    let cases: Vec<(&str, Docx, Option<&str>)> = vec![
        (
            "来苏镇.docx",
            Docx::new()
                .add_paragraph(para(
                    "根据区水利局《关于报送水污染防治整改进展情况的通知》要求，现将我镇整改进展情况报告如下：",
                ))
                .add_table(rows())
                .add_paragraph(para("2020年12月3日")),
            Some("来苏镇"),
        ),
        // The same, nothing else naming the writer: asked for, not guessed.
        (
            "整改进展.docx",
            Docx::new()
                .add_paragraph(para(
                    "根据区水利局《关于报送水污染防治整改进展情况的通知》要求，现将我镇整改进展情况报告如下：",
                ))
                .add_table(rows()),
            None,
        ),
        (
            "整改进展.docx",
            Docx::new()
                .add_table(rows())
                .add_paragraph(para("抄报：区生态环境局"))
                .add_paragraph(para("永川区来苏镇人民政府（盖章）"))
                .add_paragraph(para("2020年12月3日")),
            Some("来苏镇"),
        ),
        (
            "来苏镇.docx",
            Docx::new()
                .add_paragraph(para("区农业农村委牵头整改任务进展情况表"))
                .add_table(rows()),
            Some("来苏镇"),
        ),
        (
            "来苏镇.docx",
            Docx::new()
                .add_paragraph(para(
                    "关于落实区生态环境局水污染防治工作评议意见整改情况的报告",
                ))
                .add_table(rows()),
            Some("来苏镇"),
        ),
        (
            "整改进展.docx",
            Docx::new()
                .add_paragraph(para("来苏镇关于配合区水利局开展河道整治工作的进展情况"))
                .add_table(rows()),
            Some("来苏镇"),
        ),
    ];
    for (i, (name, doc, unit)) in cases.into_iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), docx_bytes(doc)).unwrap();
        let ledger = ledger_for(dir.path());
        let units: Vec<&str> = ledger.tasks[23]
            .reports
            .iter()
            .map(|r| r.unit.as_str())
            .collect();
        match unit {
            Some(u) => assert_eq!(units, [u], "case {i}: {:#?}", ledger.problems),
            None => {
                assert!(units.is_empty(), "case {i}: {units:?}");
                assert!(ledger.problems.iter().any(|p| p.code == Code::UnitUnknown));
            }
        }
    }
}

/// A table attached under the progress table, set off by its own line: figures (附表：
/// 拦河养鱼整治统计, 序号 1, 2 | 河流名称 | 拆除拦河网 | 完成情况) or a copy of the plan's
/// rows (附件：我镇承担的整改任务, 牵头单位 and 责任单位 columns, no progress): not rows of
/// the return. Before (adv44 a82, a77): 序号 1 and 2 were reports on tasks 1 and 2
/// (来苏镇：已完成 under the aquaculture task), and the plan's rows were read in the
/// progress table's columns (牵头单位 as progress), 25 and 50 turned 待核实.
#[test]
fn a_table_attached_under_the_return_is_not_read_as_progress() {
    let progress = || {
        table(vec![
            text_row(&WORD_HEADER),
            text_row(&[
                "24",
                &measure(24),
                "已拆除拦河网3处。",
                "已完成",
                "2020年9月20日",
            ]),
            text_row(&["27", &measure(27), "清理开垦种植2处。", "正在推进", ""]),
        ])
    };
    let attached = [
        (
            "附表：拦河养鱼整治统计",
            table(vec![
                text_row(&["序号", "河流名称", "拆除拦河网（处）", "完成情况"]),
                text_row(&["1", "临江河", "2", "已完成"]),
                text_row(&["2", "九龙河", "1", "已完成"]),
            ]),
        ),
        (
            "附件：我镇承担的整改任务",
            table(vec![
                text_row(&["序号", "具体举措", "完成时限", "牵头单位", "责任单位"]),
                text_row(&["24", &measure(24), "2020年9月底", "", "区水利局、各镇街"]),
                text_row(&["25", &measure(25), "2020年9月底", "", "区水利局、各镇街"]),
                text_row(&["50", &measure(50), "长期坚持", "", "各镇街"]),
            ]),
        ),
    ];
    for (line, second) in attached {
        let dir = tempfile::tempdir().unwrap();
        let doc = Docx::new()
            .add_paragraph(para("来苏镇整改进展情况表"))
            .add_paragraph(para("填报单位：来苏镇   填报日期：2020年12月3日"))
            .add_table(progress())
            .add_paragraph(para(line))
            .add_table(second);
        std::fs::write(dir.path().join("来苏镇.docx"), docx_bytes(doc)).unwrap();
        let ledger = ledger_for(dir.path());
        let reported: Vec<u32> = ledger
            .tasks
            .iter()
            .filter(|t| t.reports.iter().any(|r| r.unit == "来苏镇"))
            .map(|t| t.id)
            .collect();
        assert_eq!(reported, [24, 27], "{line}: {:#?}", ledger.problems);
        assert_eq!(
            reports_of(&ledger, 24, "来苏镇")[0].status,
            Status::Completed
        );
        assert!(
            ledger.problems.iter().any(|p| p.code == Code::ReadNote
                && p.message
                    .contains(&format!("为“{line}”，是统计或清单材料，不作为进展，未读取"))),
            "{line}: {:#?}",
            ledger.problems
        );
        assert!(ledger.unplaced.is_empty(), "{line}");
    }
}

/// Last month's table and this month's in one Word return, each under a heading naming
/// its month (一、11月进展情况 / 二、12月进展情况, or 截至…11月5日 / 截至…12月3日): the
/// latest month's rows stand, as a sheet per month's do, with one info. Before (adv44
/// a69): the rows were merged as parts of one report and the slower status won, so two
/// tasks the town finished read 正在推进.
#[test]
fn a_word_returns_tables_under_month_headings_stand_by_month() {
    let month = |rows: [(&str, &str, &str); 2]| {
        let mut t = vec![text_row(&WORD_HEADER)];
        for (id, words, status) in rows {
            t.push(text_row(&[
                id,
                &measure(id.parse().unwrap()),
                words,
                status,
                "",
            ]));
        }
        table(t)
    };
    for (earlier, later) in [
        ("一、11月进展情况", "二、12月进展情况"),
        (
            "截至2020年11月5日整改进展情况",
            "截至2020年12月3日整改进展情况",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let doc = Docx::new()
            .add_paragraph(para("来苏镇整改进展情况"))
            .add_paragraph(para("填报单位：来苏镇  填报日期：2020年12月3日"))
            .add_paragraph(para(earlier))
            .add_table(month([
                ("24", "正在拆除拦河网。", "正在推进"),
                ("27", "正在清理。", "正在推进"),
            ]))
            .add_paragraph(para(later))
            .add_table(month([
                ("24", "已拆除拦河网3处。", "已完成"),
                ("27", "清理开垦种植2处。", "已完成"),
            ]));
        std::fs::write(dir.path().join("来苏镇.docx"), docx_bytes(doc)).unwrap();
        let ledger = ledger_for(dir.path());
        for id in [24, 27] {
            let current: Vec<_> = ledger.tasks[id - 1]
                .current_reports()
                .filter(|r| r.unit == "来苏镇")
                .collect();
            assert_eq!(current.len(), 1, "{later}");
            assert_eq!(current[0].status, Status::Completed, "{later} {id}");
        }
        assert!(
            ledger
                .problems
                .iter()
                .any(|p| p.code == Code::Duplicate && p.message.contains("分期填写了进展")),
            "{later}: {:#?}",
            ledger.problems
        );
    }
}

/// Text outside the table saying of a task the table reports another status (另：第24
/// 项已于12月2日全部完成。 under a row saying 正在推进, or a cover letter's 其中第24项已全
/// 部完成，第27项正在推进): the table counts, and the clerk is asked to check. Text that
/// agrees says nothing. Before (adv44 a43, a24): no word of it.
#[test]
fn text_beside_the_table_saying_otherwise_is_flagged() {
    let rows = || {
        table(vec![
            text_row(&WORD_HEADER),
            text_row(&["24", &measure(24), "正在拆除拦河网。", "正在推进", ""]),
            text_row(&["27", &measure(27), "清理开垦种植2处。", "正在推进", ""]),
        ])
    };
    let flagged = |doc: Docx| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("来苏镇.docx"), docx_bytes(doc)).unwrap();
        let ledger = ledger_for(dir.path());
        assert_eq!(
            reports_of(&ledger, 24, "来苏镇")[0].status,
            Status::InProgress
        );
        ledger
            .problems
            .iter()
            .filter(|p| {
                p.code == Code::ProseReport
                    && p.message.contains("与表中第24项填报的“正在推进”不一致")
            })
            .count()
    };
    let head = || {
        Docx::new()
            .add_paragraph(para("来苏镇整改进展情况表"))
            .add_paragraph(para("填报单位：来苏镇  填报日期：2020年12月3日"))
    };
    assert_eq!(
        flagged(
            head()
                .add_table(rows())
                .add_paragraph(para("另：第24项已于12月2日全部完成，拦河网已全部拆除。"))
        ),
        1
    );
    assert_eq!(
        flagged(
            head()
                .add_paragraph(para(
                    "现将进展报送如下，其中第24项已全部完成，第27项正在推进。"
                ))
                .add_table(rows())
        ),
        1
    );
    assert_eq!(
        flagged(
            head()
                .add_table(rows())
                .add_paragraph(para("另：第24项正在推进，预计12月底完成。"))
        ),
        0
    );
}

/// A return titled for one town and signed by another (a neighbour's template kept):
/// the signature stands and the clerk is told both names. A title naming a department
/// (关于区生态环境局…意见的报告, the body addressed) says nothing of the sender. Before
/// (adv44 a70): silent.
#[test]
fn a_title_and_a_signature_naming_two_towns_are_told() {
    let doc = |title: &str| {
        Docx::new()
            .add_paragraph(para(title))
            .add_table(table(vec![
                text_row(&WORD_HEADER),
                text_row(&["24", &measure(24), "已拆除拦河网3处。", "已完成", ""]),
            ]))
            .add_paragraph(para("永川区宝峰镇人民政府"))
            .add_paragraph(para("2020年12月3日"))
    };
    for (title, told) in [
        ("关于来苏镇水污染防治整改进展情况的报告", true),
        (
            "关于区生态环境局水污染防治工作评议意见整改进展情况的报告",
            false,
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("整改进展.docx"), docx_bytes(doc(title))).unwrap();
        let ledger = ledger_for(dir.path());
        assert_eq!(reports_of(&ledger, 24, "宝峰镇").len(), 1, "{title}");
        let said = ledger.problems.iter().any(|p| {
            p.code == Code::UnitAmbiguous
                && p.message
                    .contains("落款为宝峰镇，标题中的单位为来苏镇，已按落款计入宝峰镇")
        });
        assert_eq!(said, told, "{title}: {:#?}", ledger.problems);
    }
}

/// A Word return with a table per status under headings (一、已完成的任务 over the first
/// table, 二、正在推进的任务 between the tables) and no status column: each row takes its
/// heading's status. Before: every row was 待核实.
#[test]
fn a_word_returns_tables_under_status_headings_take_their_status() {
    let dir = tempfile::tempdir().unwrap();
    let header = ["序号", "具体举措", "整改进展情况"];
    let doc = Docx::new()
        .add_paragraph(para("区城市管理局整改任务进展情况"))
        .add_paragraph(para("一、已完成的任务"))
        .add_table(table(vec![
            text_row(&header),
            text_row(&["45", &measure(45), "清掏化粪池126座"]),
        ]))
        .add_paragraph(para("二、正在推进的任务（1项）"))
        .add_table(table(vec![
            text_row(&header),
            text_row(&["43", &measure(43), "管网排查覆盖城区主干道"]),
        ]))
        .add_paragraph(para("重庆市永川区城市管理局"))
        .add_paragraph(para("2020年12月4日"));
    std::fs::write(dir.path().join("进展情况.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let done = reports_of(&ledger, 45, "区城市管理局");
    assert_eq!(done.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(done[0].status, Status::Completed);
    let under_way = reports_of(&ledger, 43, "区城市管理局");
    assert_eq!(under_way.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(under_way[0].status, Status::InProgress);
}

/// A return naming its unit only in the page header (a letterhead in a Word header, an
/// xlsx print header), under a generic file name: the header names the unit. Before,
/// its rows went unassigned.
#[test]
fn a_return_naming_its_unit_only_in_the_page_header_is_that_units() {
    let dir = tempfile::tempdir().unwrap();
    let doc = Docx::new()
        .header(docx_rs::Header::new().add_paragraph(para("重庆市永川区交通局")))
        .add_paragraph(para("整改任务进展情况表"))
        .add_table(table(vec![
            text_row(&WORD_HEADER),
            text_row(&[
                "48",
                &measure(48),
                "完成码头污水收集设施建设3处。",
                "正在推进",
                "",
            ]),
        ]))
        .add_paragraph(para("2020年12月4日"));
    std::fs::write(dir.path().join("整改进展情况表.docx"), docx_bytes(doc)).unwrap();
    one_row_workbook(
        &dir.path().join("整改进展情况.xlsx"),
        |ws| {
            ws.set_header("&L&\"宋体,常规\"&12重庆市永川区朱沱镇人民政府&R第&P页");
        },
        50,
        "明确镇水环境执法人员2名。",
        "长期坚持",
    );
    let ledger = ledger_for(dir.path());
    assert_eq!(
        reports_of(&ledger, 48, "区交通局").len(),
        1,
        "{:#?}",
        ledger.problems
    );
    assert_eq!(
        reports_of(&ledger, 50, "朱沱镇").len(),
        1,
        "{:#?}",
        ledger.problems
    );
    assert!(!ledger.problems.iter().any(|p| p.code == Code::UnitUnknown));
}

/// The filing date written only in a Word return's page footer (填报人：… 联系电话：…
/// 填报日期：2020年12月4日), or an xlsx print footer: the return is dated by it. Before,
/// the footer's text was read for the unit but not for the date (adversarial round 18).
#[test]
fn a_filing_date_in_the_page_footer_dates_the_return() {
    let dir = tempfile::tempdir().unwrap();
    let doc = Docx::new()
        .footer(docx_rs::Footer::new().add_paragraph(para(
            "填报人：李敏    联系电话：49861234    填报日期：2020年12月4日",
        )))
        .add_paragraph(para("填报单位：区财政局"))
        .add_table(table(vec![
            text_row(&WORD_HEADER),
            text_row(&[
                "58",
                &measure(58),
                "已拨付专项资金480万元。",
                "正在推进",
                "",
            ]),
        ]));
    std::fs::write(dir.path().join("区财政局.docx"), docx_bytes(doc)).unwrap();
    one_row_workbook(
        &dir.path().join("朱沱镇.xlsx"),
        |ws| {
            ws.set_footer("&L填报日期：2020年12月3日&R第&P页");
        },
        50,
        "明确镇水环境执法人员2名。",
        "长期坚持",
    );
    let ledger = ledger_for(dir.path());
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2020, m, d);
    let finance = reports_of(&ledger, 58, "区财政局");
    assert_eq!(finance.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(finance[0].filed_on, day(12, 4));
    let town = reports_of(&ledger, 50, "朱沱镇");
    assert_eq!(town.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(town[0].filed_on, day(12, 3));
}

/// The 填报单位 line written in the print header (or a Word text box over the table, read
/// with it) under a generic file name: the label names the unit.
#[test]
fn a_unit_labelled_in_the_page_header_is_the_sender() {
    let dir = tempfile::tempdir().unwrap();
    one_row_workbook(
        &dir.path().join("进展情况表.xlsx"),
        |ws| {
            ws.set_header("&L填报单位：区金融办（盖章）&R填报日期：2020年12月3日");
        },
        60,
        "已出台绿色金融支持政策。",
        "正在推进",
    );
    let ledger = ledger_for(dir.path());
    let r = reports_of(&ledger, 60, "区金融办");
    assert_eq!(r.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(r[0].filed_on, chrono::NaiveDate::from_ymd_opt(2020, 12, 3));
    assert!(!ledger.problems.iter().any(|p| p.code == Code::UnitUnknown));
}

/// A paragraph below a Word return's table reporting a task the table leaves out (另：
/// 第28项…已完成) is not counted, but the clerk is told, quoting it; a paragraph about
/// a task of the table (第45项 as a remark) is not flagged.
#[test]
fn progress_written_below_a_word_table_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let doc = Docx::new()
        .add_paragraph(para("填报单位：区城市管理局    填报日期：2020年12月4日"))
        .add_table(table(vec![
            text_row(&WORD_HEADER),
            text_row(&["45", &measure(45), "清掏化粪池126座。", "正在推进", ""]),
        ]))
        .add_paragraph(para("注：第45项剩余部分正在推进。"))
        .add_paragraph(para("另：第28项管理办法已于9月20日印发实施，已完成。"));
    std::fs::write(dir.path().join("进展情况.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    let flagged: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.file == "进展情况.docx" && p.code == Code::ProseReport)
        .collect();
    assert_eq!(flagged.len(), 1, "{:#?}", ledger.problems);
    assert!(
        flagged[0].message.contains("第28项"),
        "{}",
        flagged[0].message
    );
    assert_eq!(flagged[0].row, Some(5));
}

/// A written report with no table whose task is a heading (一、关于“…”（第60项）) over
/// the paragraphs saying its progress is read as that task's report, its status from the
/// words, the unit from the letterhead and signature (not the salutation), dated by its
/// signature; a cover letter naming the task with nothing said below it is no return.
#[test]
fn a_written_report_with_the_task_as_a_heading_is_read() {
    let letter = |body: &str| {
        Docx::new()
            .add_paragraph(para("关于水污染防治工作评议意见整改落实情况的报告"))
            .add_paragraph(para("区生态环境局："))
            .add_paragraph(para("现将第60项整改任务落实情况报告如下："))
            .add_paragraph(para("一、关于“创新投融资政策”（第60项）"))
            .add_paragraph(para(body))
            .add_paragraph(para("二、下一步工作打算"))
            .add_paragraph(para("继续加大绿色金融支持力度。"))
            .add_paragraph(para("重庆市永川区金融工作办公室"))
            .add_paragraph(para("2020年12月2日"))
    };
    let ledger_of = |body: &str| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("区金融办报告.docx"),
            docx_bytes(letter(body)),
        )
        .unwrap();
        ledger_for(dir.path())
    };
    let ledger = ledger_of("已于2020年9月28日出台实施意见，该项工作已完成。");
    let r = reports_of(&ledger, 60, "区金融办");
    assert_eq!(r.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(r[0].status, Status::Completed);
    assert_eq!(
        r[0].progress,
        "已于2020年9月28日出台实施意见，该项工作已完成。"
    );
    assert_eq!(r[0].filed_on, chrono::NaiveDate::from_ymd_opt(2020, 12, 2));
    assert_eq!(r[0].source.row, 4);
    // The unit counts as having reported.
    let unit = ledger.units.iter().find(|u| u.name == "区金融办").unwrap();
    assert_eq!(unit.reported, [60]);
    assert!(
        ledger
            .problems
            .iter()
            .all(|p| p.severity != Severity::Error),
        "{:#?}",
        ledger.problems
    );
    let read: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::ProseRead)
        .collect();
    assert_eq!(read.len(), 1, "{:#?}", ledger.problems);
    assert!(read[0].message.contains("第60项"), "{}", read[0].message);
    // The lines after the section (下一步工作打算) are no part of it.
    assert!(!r[0].progress.contains("下一步"));

    let ledger = ledger_of("详见附件。");
    assert!(ledger.tasks.iter().all(|t| t.reports.is_empty()));
    assert!(ledger.problems.iter().any(|p| p.code == Code::NoHeader));
}

/// A lead unit's written 报告 sent with its progress table, in one folder (or one
/// bundle): the table is read, and the report is an info to look over, not an error
/// asking for the progress to be re-entered by hand. A report alone at the top of the
/// returns folder, beside other units' tables, stays an error.
#[test]
fn a_written_report_beside_its_table_is_no_error() {
    let report = || {
        Docx::new()
            .add_paragraph(para("关于整改任务进展情况的报告"))
            .add_paragraph(para("（一）第45项化粪池清掏工作正在推进，已清掏126座。"))
    };
    let table = || {
        SheetSpec::new("Sheet1")
            .text_row(&["填报单位：区城市管理局"])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["45", &measure(45), "清掏化粪池126座。", "正在推进"])
    };
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("区城市管理局");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("报告.docx"), docx_bytes(report())).unwrap();
    write_workbook(&folder.join("进展情况表.xlsx"), &[table()]);
    let ledger = ledger_for(dir.path());
    assert_eq!(reports_of(&ledger, 45, "区城市管理局").len(), 1);
    let prose: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.code == Code::ProseReport)
        .collect();
    assert_eq!(prose.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(prose[0].severity, Severity::Info);
    assert!(
        prose[0].message.contains("“进展情况表.xlsx”"),
        "{}",
        prose[0].message
    );

    // The report's own reading of task 45 gave way to the table: counted once.
    assert!(ledger.problems.iter().all(|p| p.code != Code::ProseRead));
    let file = ledger
        .files
        .iter()
        .find(|f| f.file == "区城市管理局/报告.docx")
        .unwrap();
    assert_eq!(file.records, 0);

    // Side by side at the top of the returns folder: nothing ties the two together. The
    // report is read on its own, and as it names no unit, its row is an error to place.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("报告.docx"), docx_bytes(report())).unwrap();
    write_workbook(&dir.path().join("进展情况表.xlsx"), &[table()]);
    let ledger = ledger_for(dir.path());
    assert!(ledger
        .problems
        .iter()
        .any(|p| p.code == Code::ProseRead && p.file == "报告.docx"));
    assert!(ledger
        .problems
        .iter()
        .any(|p| p.code == Code::UnitUnknown && p.file == "报告.docx"));
    assert_eq!(reports_of(&ledger, 45, "区城市管理局").len(), 1);

    // A section of the report on a task the table leaves out (第28项) is read, and the
    // clerk is asked to check it; task 45 is still counted once, from the table.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("区城市管理局");
    std::fs::create_dir(&folder).unwrap();
    let report = report()
        .add_paragraph(para(
            "（二）第28项漂浮物清理考核办法已于2020年9月20日印发，该项任务已完成。",
        ))
        .add_paragraph(para("重庆市永川区城市管理局"))
        .add_paragraph(para("2020年12月4日"));
    std::fs::write(folder.join("报告.docx"), docx_bytes(report)).unwrap();
    write_workbook(&folder.join("进展情况表.xlsx"), &[table()]);
    let ledger = ledger_for(dir.path());
    let r45 = reports_of(&ledger, 45, "区城市管理局");
    assert_eq!(r45.len(), 1, "{r45:#?}");
    assert_eq!(r45[0].source.file, "区城市管理局/进展情况表.xlsx");
    let r28 = reports_of(&ledger, 28, "区城市管理局");
    assert_eq!(r28.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(r28[0].source.file, "区城市管理局/报告.docx");
    assert_eq!(r28[0].status, rectify::model::Status::Completed);
    let said: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.file == "区城市管理局/报告.docx")
        .collect();
    assert!(
        said.iter().any(|p| p.severity == Severity::Warning
            && p.message
                .contains("表中没有的第28项已按报告正文中的任务标题读取")),
        "{said:#?}"
    );
}

/// A .doc made from a .docx by LibreOffice, as old Word saves it.
fn legacy_doc(dir: &Path) -> Option<Vec<u8>> {
    converted_return(dir, "doc")
}

/// The Word return converted by LibreOffice to `format` (doc, rtf).
fn converted_return(dir: &Path, format: &str) -> Option<Vec<u8>> {
    if !tools::available("soffice", &["--version"], "LibreOffice (soffice)") {
        return None;
    }
    let src = dir.join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("old.docx"), water_word_return()).unwrap();
    let out = Command::new("soffice")
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--convert-to", format, "--outdir"])
        .arg(&src)
        .arg(src.join("old.docx"))
        .output()
        .unwrap();
    let doc = src.join(format!("old.{format}"));
    assert!(
        doc.is_file(),
        "soffice made no .{format}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(std::fs::read(doc).unwrap())
}

#[test]
fn legacy_doc_and_wps_are_converted_and_et_reads_as_xls() {
    let work = tempfile::tempdir().unwrap();
    let Some(doc) = legacy_doc(work.path()) else {
        return;
    };
    // Word's RTF saved under .doc, as older systems name it.
    let rtf = converted_return(work.path(), "rtf").unwrap();
    assert!(rtf.starts_with(b"{\\rtf"));
    let input = input_with_returns(|d| {
        std::fs::write(d.join("水利局进展.doc"), &doc).unwrap();
        std::fs::write(d.join("水利局进展（RTF）.doc"), &rtf).unwrap();
        std::fs::write(d.join("水利局进展（WPS）.wps"), &doc).unwrap();
        std::fs::copy(
            repo().join("input/returns/区生态环境局.xls"),
            d.join("区生态环境局.et"),
        )
        .unwrap();
    });
    let ledger = ledger_for(&input.path().join("returns"));
    let format_of = |f: &str| {
        ledger
            .files
            .iter()
            .find(|e| e.file == f)
            .and_then(|e| e.format.clone())
    };
    assert_eq!(format_of("水利局进展.doc").as_deref(), Some("doc"));
    assert_eq!(format_of("水利局进展（WPS）.wps").as_deref(), Some("doc"));
    assert_eq!(format_of("水利局进展（RTF）.doc").as_deref(), Some("doc"));
    assert_eq!(format_of("区生态环境局.et").as_deref(), Some("xls"));
    let r20 = reports_of(&ledger, 20, "区水利局");
    assert_eq!(r20.len(), 3, "one per copy: {:#?}", ledger.problems);
    assert!(r20.iter().all(|r| r.status == Status::Completed));
    assert_eq!(
        r20[0].progress,
        "已将长征渠引水工程纳入规划纲要。\n已印发实施。"
    );
    assert_eq!(
        reports_of(&ledger, 24, "区水利局")[0].status,
        Status::Ongoing
    );
    assert_eq!(
        reports_of(&ledger, 14, "区生态环境局")[0].status,
        Status::Completed
    );
}

#[test]
fn legacy_doc_without_libreoffice_asks_for_docx() {
    let input = input_with_returns(|d| {
        // A legacy Word container: the stream name is all the sniffer needs.
        let mut bytes = vec![0u8; 1536];
        bytes[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        let name: Vec<u8> = "WordDocument"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        bytes[640..640 + name.len()].copy_from_slice(&name);
        bytes[640 + 64] = 26;
        bytes[640 + 66] = 2;
        std::fs::write(d.join("进展.doc"), bytes).unwrap();
    });
    let out = Command::new(env!("CARGO_BIN_EXE_rectify"))
        .args(["check", "--input"])
        .arg(input.path())
        .env("RECTIFY_SOFFICE", "")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("本机没有安装LibreOffice") && text.contains(".docx"),
        "{text}"
    );
}

/// A town's return: 不涉及 written the ways towns write it.
#[test]
fn not_applicable_is_an_answer() {
    let dir = tempfile::tempdir().unwrap();
    let spec = standard_return(
        "填报单位：来苏镇 填报日期：2020年12月5日",
        vec![
            std_row(n(27.0), &measure(27), "我镇不涉及", "", V::E),
            std_row(n(50.0), &measure(50), "经排查，无此项工作。", "/", V::E),
            std_row(n(29.0), &measure(29), "本单位无此项任务", "—", V::E),
            std_row(n(24.0), &measure(24), "不适用", "不涉及", V::E),
            std_row(
                n(56.0),
                &measure(56),
                "已完成整改，不涉及新增用地。",
                "",
                V::E,
            ),
        ],
    );
    write_workbook(&dir.path().join("来苏镇.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    for id in [27, 50, 24] {
        let r = reports_of(&ledger, id, "来苏镇");
        assert_eq!(r[0].status, Status::NotApplicable, "task {id}");
    }
    assert_eq!(reports_of(&ledger, 50, "来苏镇")[0].status_text, "/");
    // Not assigned to 来苏镇 (29 names four towns): 不涉及 is so, and says nothing to
    // count or check; the row is skipped as not the town's, with no warning.
    assert!(reports_of(&ledger, 29, "来苏镇").is_empty());
    assert!(ledger
        .skipped
        .iter()
        .any(|s| s.reason == SkipReason::NotOwed && s.text.contains("第29项")));
    assert!(!ledger.problems.iter().any(|p| p.code == Code::Unassigned));
    assert_eq!(
        reports_of(&ledger, 56, "来苏镇")[0].status,
        Status::Completed,
        "a completion that mentions 不涉及 in passing"
    );
    assert!(
        !ledger
            .problems
            .iter()
            .any(|p| p.code == Code::StatusUnclear),
        "{:#?}",
        ledger.problems
    );
    let town = ledger.units.iter().find(|u| u.name == "来苏镇").unwrap();
    for id in [27, 50, 24, 56] {
        assert!(
            town.reported.contains(&id) && !town.missing.contains(&id),
            "{id}"
        );
    }
    assert_eq!(ledger.task(27).unwrap().breakdown.not_applicable, 1);
    let json = ledger.to_json();
    assert!(json.contains("\"status\": \"not_applicable\""));
}

/// 区农业农村委 collects its co-units' progress into one sheet.
#[test]
fn consolidated_return_rows_are_their_units_reports() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("汇总")
        .text_row(&["各镇街整改进展汇总表"])
        .text_row(&["填报单位：区农业农村委 填报日期：2020年12月6日"])
        .text_row(&["序号", "具体举措", "责任单位", "进展情况", "完成状态"])
        .row(vec![
            n(1.0),
            s(&measure(1)),
            s("区农业农村委"),
            s("出台水产养殖整治政策。"),
            s("已完成"),
        ])
        .text_row(&["", "", "来苏镇", "完成池塘标准化改造3处。", "正在推进"])
        .text_row(&["", "", "宝峰镇人民政府", "尾水处理设施建设中。", "正在推进"])
        .merge(3, 0, 5, 0)
        .merge(3, 1, 5, 1)
        .row(vec![
            n(4.0),
            s(&measure(4)),
            s("区农业农村委"),
            s("推广生态种养。"),
            s("长期坚持"),
        ])
        // Not merged down: the task of the row above.
        .text_row(&["", "", "双石镇", "推广稻渔综合种养。", "长期坚持"])
        .text_row(&["", "", "某某合作社", "配合开展。", "长期坚持"]);
    write_workbook(&dir.path().join("农业农村委汇总.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let unit_of = |id: u32| -> Vec<(String, Status)> {
        ledger
            .task(id)
            .unwrap()
            .reports
            .iter()
            .map(|r| (r.unit.clone(), r.status))
            .collect()
    };
    assert_eq!(
        unit_of(1),
        [
            ("区农业农村委".to_string(), Status::Completed),
            ("来苏镇".to_string(), Status::InProgress),
            ("宝峰镇".to_string(), Status::InProgress),
        ]
    );
    assert_eq!(
        unit_of(4),
        [
            ("区农业农村委".to_string(), Status::Ongoing),
            ("双石镇".to_string(), Status::Ongoing)
        ]
    );
    let r = &reports_of(&ledger, 1, "来苏镇")[0];
    assert_eq!(
        r.source.file, "农业农村委汇总.xlsx",
        "the sender stays in the source"
    );
    assert_eq!(r.source.row, 5);
    assert_eq!(r.filed_on, Some(date(2020, 12, 6)));
    let file = &ledger.files[0];
    assert_eq!(file.unit.as_deref(), Some("区农业农村委"), "the sender");
    // A name that is no unit: its row is not the sender's report.
    assert_eq!(ledger.unplaced.len(), 1);
    assert_eq!(ledger.unplaced[0].source.row, 9);
    assert!(problems_in(&ledger, "农业农村委汇总.xlsx")
        .iter()
        .any(|(c, m)| *c == Code::UnitUnknown && m.contains("某某合作社")));
}

/// A 责任单位 column holding the plan's assignment text names no row's unit: every
/// row is the sender's (“区水利局、各镇街” would otherwise read as 区水利局).
#[test]
fn assignment_text_is_not_a_row_unit() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：来苏镇 填报日期：2020年12月3日"])
        .text_row(&["序号", "具体举措", "责任单位", "整改进展情况", "完成状态"])
        .row(vec![
            n(24.0),
            s(&measure(24)),
            s("区水利局、各镇街"),
            s("完成河道清漂。"),
            s("已完成"),
        ])
        .row(vec![
            n(27.0),
            s(&measure(27)),
            s("各镇街"),
            s("完成农村生活污水治理。"),
            s("正在推进"),
        ]);
    write_workbook(&dir.path().join("来苏镇.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    assert_eq!(reports_of(&ledger, 24, "来苏镇").len(), 1);
    assert_eq!(reports_of(&ledger, 27, "来苏镇").len(), 1);
    assert!(reports_of(&ledger, 24, "区水利局").is_empty());
    assert!(ledger.unplaced.is_empty(), "{:#?}", ledger.unplaced);
    assert!(
        problems_in(&ledger, "来苏镇.xlsx").is_empty(),
        "{:#?}",
        ledger.problems
    );
}

/// 来苏镇 sends back the whole plan table and fills only its own rows.
#[test]
fn whole_plan_copy_counts_only_the_rows_filled() {
    let dir = tempfile::tempdir().unwrap();
    let mut spec = SheetSpec::new("整改任务分解表")
        .text_row(&["填报单位：来苏镇 填报日期：2020年12月5日"])
        .text_row(&[
            "序号",
            "重点任务",
            "具体举措",
            "完成时限",
            "牵头单位",
            "责任单位",
            "配合单位",
            "整改进展情况",
            "完成状态",
        ]);
    let mut rdr = csv::Reader::from_path(repo().join("input/tasks.csv")).unwrap();
    let filled = [
        (1, "完成尾水处理设施2处。", "正在推进"),
        (27, "完成污水治理。", "已完成"),
        (56, "落实河长制。", "长期坚持"),
    ];
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let id: u32 = rec[0].parse().unwrap();
        let (progress, status) = filled
            .iter()
            .find(|(i, _, _)| *i == id)
            .map_or(("", ""), |(_, p, s)| (*p, *s));
        let mut row: Vec<V> = vec![n(f64::from(id))];
        row.extend((1..7).map(|c| s(&rec[c])));
        row.extend([s(progress), s(status)]);
        spec = spec.row(row);
    }
    write_workbook(&dir.path().join("来苏镇.xlsx"), &[spec]);
    let ing = ingest_one(&dir.path().join("来苏镇.xlsx"));
    assert_eq!(ing.records.len(), 3);
    let unfilled = ing
        .skips
        .iter()
        .filter(|s| s.reason == SkipReason::Unfilled)
        .count();
    assert_eq!(unfilled, 60);
    let ledger = ledger_for(dir.path());
    assert!(
        problems_in(&ledger, "来苏镇.xlsx").is_empty(),
        "no warning, no unassigned flag: {:#?}",
        ledger.problems
    );
    let town = ledger.units.iter().find(|u| u.name == "来苏镇").unwrap();
    assert_eq!(town.reported, [1, 27, 56]);
    let expected_missing: Vec<u32> = town
        .expected
        .iter()
        .copied()
        .filter(|id| ![1, 27, 56].contains(id))
        .collect();
    assert_eq!(town.missing, expected_missing);
    assert!(town.missing.contains(&50), "left empty: still missing");
}

/// A whole-plan copy answering 不涉及 on every row that is not the unit's own: those
/// rows are no reports (skipped, `not_owed`), raise no warning and are never cited as
/// the unit's progress. A copy with other units' progress filled in (the bureau's last
/// 台账 sent back) is warned of as a copy, not as wrong numbers. Before, 来苏镇 was
/// credited with 35 reports and cited on tasks that are not its own.
#[test]
fn a_whole_plan_copy_answering_not_applicable_elsewhere_is_not_credited() {
    let plan = common::plan();
    let dir = tempfile::tempdir().unwrap();
    let mut spec = SheetSpec::new("整改任务分解表")
        .text_row(&["填报单位：来苏镇 填报日期：2020年12月5日"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"]);
    let mut not_owed = 0;
    for t in &plan.tasks {
        let role = plan.role_of(t, "来苏镇");
        let (progress, status) = match (t.id, role) {
            (27, _) => ("完成污水治理。", "已完成"),
            (_, rectify::plan::Role::Unassigned) => {
                not_owed += 1;
                ("不涉及", "不涉及")
            }
            _ => ("", ""),
        };
        spec = spec.row(vec![
            n(f64::from(t.id)),
            s(&t.measure),
            s(progress),
            s(status),
        ]);
    }
    assert!(not_owed > 20, "{not_owed}");
    write_workbook(&dir.path().join("来苏镇.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let town = ledger.units.iter().find(|u| u.name == "来苏镇").unwrap();
    assert_eq!(town.reported, [27]);
    let skipped = ledger
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::NotOwed)
        .count();
    assert_eq!(skipped, not_owed);
    // Each says which task and unit, then what the row said (on one line: no space
    // is kept between Chinese characters).
    let first_other = plan
        .tasks
        .iter()
        .find(|t| plan.role_of(t, "来苏镇") == rectify::plan::Role::Unassigned)
        .unwrap();
    let first_skip = ledger
        .skipped
        .iter()
        .find(|s| s.reason == SkipReason::NotOwed)
        .unwrap();
    assert_eq!(
        first_skip.text,
        format!("第{}项来苏镇不涉及", first_other.id)
    );
    assert!(
        !ledger.problems.iter().any(|p| p.code == Code::Unassigned),
        "{:#?}",
        ledger.problems
    );
    assert!(ledger
        .tasks
        .iter()
        .all(|t| !t.reported_by_others.contains(&"来苏镇".to_string())));

    // The bureau's last 台账 sent back by 区水利局 with every row's progress in it.
    let dir = tempfile::tempdir().unwrap();
    let mut spec = SheetSpec::new("整改台账")
        .text_row(&["填报单位：区水利局 填报日期：2020年12月5日"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"]);
    for t in &plan.tasks {
        spec = spec.row(vec![
            n(f64::from(t.id)),
            s(&t.measure),
            s("（11月）工作有序推进。"),
            s("正在推进"),
        ]);
    }
    write_workbook(&dir.path().join("区水利局-整改台账.xlsx"), &[spec]);
    let ledger = ledger_for(dir.path());
    let warning = ledger
        .problems
        .iter()
        .find(|p| p.code == Code::Unassigned)
        .expect("a warning on the rows of other units' tasks");
    assert!(
        warning.message.contains("全表的副本"),
        "{}",
        warning.message
    );
    assert!(
        !warning.message.contains("请核实序号"),
        "{}",
        warning.message
    );
    let first_other = plan
        .tasks
        .iter()
        .find(|t| plan.role_of(t, "区水利局") == rectify::plan::Role::Unassigned)
        .unwrap();
    let first_skip = ledger
        .skipped
        .iter()
        .find(|s| s.reason == SkipReason::NotOwed)
        .expect("the copy's rows on other units' tasks are passed over");
    assert_eq!(
        first_skip.text,
        format!("第{}项区水利局（11月）工作有序推进。", first_other.id)
    );
    assert!(ledger
        .tasks
        .iter()
        .filter(|t| plan.role_of(plan.task(t.id).unwrap(), "区水利局")
            == rectify::plan::Role::Unassigned)
        .all(|t| !t.reported_by_others.contains(&"区水利局".to_string())));
}

#[test]
fn continuation_rows_append_to_the_task_above() {
    let dir = tempfile::tempdir().unwrap();
    let spec = standard_return(
        "填报单位：区水利局 填报日期：2020年12月3日",
        vec![
            std_row(n(20.0), &measure(20), "一是纳入规划纲要。", "已完成", V::E),
            vec![V::E, V::E, V::E, V::E, s("二是完成可研报告。")],
            vec![
                V::E,
                V::E,
                V::E,
                V::E,
                s("三是启动招标。"),
                V::E,
                V::E,
                s("见附件"),
            ],
            std_row(
                n(21.0),
                &measure(21),
                "完成小水电清理整改。",
                "长期坚持",
                V::E,
            ),
        ],
    );
    write_workbook(&dir.path().join("水利局.xlsx"), &[spec]);
    let ing = ingest_one(&dir.path().join("水利局.xlsx"));
    assert_eq!(ing.records.len(), 2, "{:#?}", ing.records);
    assert_eq!(
        ing.records[0].progress,
        "一是纳入规划纲要。\n二是完成可研报告。\n三是启动招标。"
    );
    assert_eq!(ing.records[0].note, "见附件");
    let continued = ing
        .skips
        .iter()
        .filter(|s| s.reason == SkipReason::Continuation)
        .map(|s| s.row)
        .collect::<Vec<_>>();
    assert_eq!(continued, [5, 6]);
    let ledger = ledger_for(dir.path());
    assert!(
        problems_in(&ledger, "水利局.xlsx").is_empty(),
        "{:#?}",
        ledger.problems
    );
    assert!(ledger.unplaced.is_empty());
}

#[test]
fn header_below_a_long_numbered_instruction_block() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        "序号按整改任务分解表填写，不得自行编号",
        "具体举措照抄整改方案原文",
        "填报单位请填写单位全称",
        "完成状态从下拉列表中选择",
        "完成时间填写实际完成日期",
    ];
    let mut spec = SheetSpec::new("进展").text_row(&["填表说明"]);
    for k in 1..=45 {
        spec = spec.row(vec![n(f64::from(k)), s(lines[k as usize % lines.len()])]);
    }
    spec = spec
        .text_row(&["46、填报单位：填写单位全称，不得简写"])
        .text_row(&["47、填报日期：2020年12月10日前报送"])
        .text_row(&["填报单位：区水利局", "", "填报日期：2020年12月3日"])
        .text_row(&STD_HEADER)
        .row(std_row(
            n(20.0),
            &measure(20),
            "已纳入规划纲要。",
            "已完成",
            V::E,
        ))
        .row(std_row(
            n(26.0),
            &measure(26),
            "规划编制中。",
            "正在推进",
            V::E,
        ));
    write_workbook(&dir.path().join("水利局.xlsx"), &[spec]);
    let ing = ingest_one(&dir.path().join("水利局.xlsx"));
    let ids: Vec<Option<u32>> = ing.records.iter().map(|r| r.id).collect();
    assert_eq!(ids, [Some(20), Some(26)]);
    assert_eq!(ing.records[0].source.row, 51);
    assert_eq!(ing.records[0].unit.as_deref(), Some("区水利局"));
    assert_eq!(ing.records[0].unit_from, Some(UnitFrom::FiledCell));
    assert_eq!(ing.records[0].filed_on, Some(date(2020, 12, 3)));
    let notes = ing
        .skips
        .iter()
        .filter(|s| s.reason == SkipReason::Note)
        .count();
    assert_eq!(notes, 48, "填表说明 and its 47 numbered lines");
    assert!(ing.problems.is_empty(), "{:#?}", ing.problems);
}

/// A workbook with percent-formatted numbers and texts, as units type them.
fn percent_workbook(path: &Path, header: &[&str], rows: &[(u32, &str, V, &str)]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let percent = Format::new().set_num_format("0%");
    ws.write_string(0, 0, "填报单位：区水利局 填报日期：2020年12月3日")
        .unwrap();
    for (c, h) in header.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for (i, (id, progress, pct, status)) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write_number(r, 0, f64::from(*id)).unwrap();
        ws.write_string(r, 1, measure(*id)).unwrap();
        ws.write_string(r, 2, *progress).unwrap();
        match pct {
            V::N(x) => {
                ws.write_number_with_format(r, 3, *x, &percent).unwrap();
            }
            V::S(t) => {
                ws.write_string(r, 3, t).unwrap();
            }
            _ => {}
        }
        if !status.is_empty() {
            ws.write_string(r, 4, *status).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn percent_decides_only_without_a_status_column() {
    let dir = tempfile::tempdir().unwrap();
    let with_status = dir.path().join("a.xlsx");
    percent_workbook(
        &with_status,
        &["序号", "具体举措", "整改进展情况", "完成进度", "完成状态"],
        &[(20, "纳入规划纲要。", n(0.6), "已完成")],
    );
    let ing = ingest_one(&with_status);
    assert_eq!(ing.records[0].status, Status::Completed);
    assert_eq!(ing.records[0].status_text, "已完成");
    // The percentage is kept, and the report it contradicts is to be checked.
    assert_eq!(ing.records[0].note, "完成进度：60%");
    let ledger = ledger_for(dir.path());
    let r = &reports_of(&ledger, 20, "区水利局")[0];
    assert_eq!(r.doubt.as_deref(), Some("报送“已完成”，但完成进度为60%"));

    let percent_only = dir.path().join("b.xlsx");
    percent_workbook(
        &percent_only,
        &["序号", "具体举措", "整改进展情况", "完成进度"],
        &[
            (21, "小水电清理。", n(1.0), ""),
            (23, "河道巡查。", n(0.6), ""),
            (24, "清漂。", n(0.0), ""),
            (26, "规划编制。", s("80%"), ""),
            (55, "执法检查。", n(100.0), ""),
        ],
    );
    let ing = ingest_one(&percent_only);
    let got: Vec<(Status, &str)> = ing
        .records
        .iter()
        .map(|r| (r.status, r.status_text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Status::Completed, "100%"),
            (Status::InProgress, "60%"),
            (Status::NotStarted, "0%"),
            (Status::InProgress, "80%"),
            (Status::Completed, "100%"),
        ]
    );
    assert!(ing.problems.is_empty(), "{:#?}", ing.problems);
}

#[test]
fn status_in_prose_after_a_lead_in_and_crosses_without_progress() {
    let dir = tempfile::tempdir().unwrap();
    let prose = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：区水利局 填报日期：2020年12月3日"])
        .text_row(&["序号", "具体举措", "整改进展情况"])
        .row(vec![n(20.0), s(&measure(20)), s("目前正在推进管网建设。")])
        .row(vec![n(21.0), s(&measure(21)), s("现已完成。")])
        .row(vec![n(23.0), s(&measure(23)), s("截至目前，尚未启动。")])
        .row(vec![n(24.0), s(&measure(24)), s("截至11月30日，已完成。")])
        .row(vec![
            n(26.0),
            s(&measure(26)),
            s("截至2020年11月底，正在推进规划编制。"),
        ]);
    write_workbook(&dir.path().join("a.xlsx"), &[prose]);
    let ing = ingest_one(&dir.path().join("a.xlsx"));
    let got: Vec<Status> = ing.records.iter().map(|r| r.status).collect();
    assert_eq!(
        got,
        [
            Status::InProgress,
            Status::Completed,
            Status::NotStarted,
            Status::Completed,
            Status::InProgress
        ]
    );
    assert!(ing.problems.is_empty(), "{:#?}", ing.problems);

    let yes_no = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：区水利局 填报日期：2020年12月3日"])
        .text_row(&["序号", "具体举措", "是否完成", "整改进展情况"])
        .row(vec![n(55.0), s(&measure(55)), s("×"), s("暂未开展")])
        .row(vec![
            n(18.0),
            s(&measure(18)),
            s("×"),
            s("尚未启动相关工作。"),
        ])
        .row(vec![
            n(53.0),
            s(&measure(53)),
            s("×"),
            s("正在施工，尚未完成。"),
        ]);
    write_workbook(&dir.path().join("b.xlsx"), &[yes_no]);
    let ing = ingest_one(&dir.path().join("b.xlsx"));
    let got: Vec<Status> = ing.records.iter().map(|r| r.status).collect();
    assert_eq!(
        got,
        [Status::NotStarted, Status::NotStarted, Status::InProgress]
    );
}

#[test]
fn totals_rows_are_skipped_and_hidden_rows_read() {
    let dir = tempfile::tempdir().unwrap();
    // An Excel table with its total row (汇总, a SUBTOTAL count).
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "填报单位：区水利局 填报日期：2020年12月3日")
        .unwrap();
    let columns = [
        TableColumn::new()
            .set_header("序号")
            .set_total_label("汇总"),
        TableColumn::new().set_header("具体举措"),
        TableColumn::new().set_header("整改进展情况"),
        TableColumn::new()
            .set_header("完成状态")
            .set_total_function(TableFunction::Count),
    ];
    for (i, (id, progress, status)) in [
        (20, "纳入规划纲要。", "已完成"),
        (21, "清理整改。", "长期坚持"),
    ]
    .iter()
    .enumerate()
    {
        let r = 2 + i as u32;
        ws.write_number(r, 0, f64::from(*id)).unwrap();
        ws.write_string(r, 1, measure(*id)).unwrap();
        ws.write_string(r, 2, *progress).unwrap();
        ws.write_string(r, 3, *status).unwrap();
    }
    ws.add_table(
        1,
        0,
        4,
        3,
        &Table::new().set_columns(&columns).set_total_row(true),
    )
    .unwrap();
    wb.save(dir.path().join("table.xlsx")).unwrap();
    let ing = ingest_one(&dir.path().join("table.xlsx"));
    assert_eq!(ing.records.len(), 2, "{:#?}", ing.records);
    assert!(ing
        .skips
        .iter()
        .any(|s| s.reason == SkipReason::Total && s.row == 5));
    assert!(ing.problems.is_empty(), "{:#?}", ing.problems);

    // An autofilter showing 已完成 only: a hidden data row and a hidden 合计 row.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "填报单位：区水利局 填报日期：2020年12月3日")
        .unwrap();
    for (c, h) in ["序号", "具体举措", "整改进展情况", "完成状态"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let rows = [
        (n(23.0), measure(23), "开展河道巡查。", "已完成"),
        (n(24.0), measure(24), "清漂进行中。", "正在推进"),
        (s("合计"), String::new(), "", "2"),
    ];
    for (i, (id, m, progress, status)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        write_cell(ws, r, 0, id);
        ws.write_string(r, 1, m).unwrap();
        ws.write_string(r, 2, *progress).unwrap();
        ws.write_string(r, 3, *status).unwrap();
    }
    ws.autofilter(1, 0, 4, 3).unwrap();
    ws.filter_column(
        3,
        &rust_xlsxwriter::FilterCondition::new().add_list_filter("已完成"),
    )
    .unwrap();
    ws.set_row_hidden(3).unwrap();
    ws.set_row_hidden(4).unwrap();
    wb.save(dir.path().join("filtered.xlsx")).unwrap();
    let bytes = std::fs::read(dir.path().join("filtered.xlsx")).unwrap();
    let sheet = unzip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("hidden=\"1\""), "the rows are hidden");
    let ing = ingest_one(&dir.path().join("filtered.xlsx"));
    let ids: Vec<Option<u32>> = ing.records.iter().map(|r| r.id).collect();
    assert_eq!(ids, [Some(23), Some(24)], "the hidden data row is read");
    assert!(ing
        .skips
        .iter()
        .any(|s| s.reason == SkipReason::Total && s.row == 5));
}

fn unzip_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut out).unwrap();
    out
}

#[test]
fn see_comment_reads_the_comment() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "填报单位：区水利局 填报日期：2020年12月3日")
        .unwrap();
    for (c, h) in ["序号", "具体举措", "整改进展情况", "完成状态"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let rows = [
        (20, "详见批注", "已完成"),
        (21, "见批注", "长期坚持"),
        (23, "详见批注", "持续推进"),
    ];
    for (i, (id, progress, status)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        ws.write_number(r, 0, f64::from(*id)).unwrap();
        ws.write_string(r, 1, measure(*id)).unwrap();
        ws.write_string(r, 2, *progress).unwrap();
        ws.write_string(r, 3, *status).unwrap();
    }
    let note = Note::new("已将长征渠引水工程纳入规划纲要。\n已印发实施。").set_author("张三");
    ws.insert_note(2, 2, &note).unwrap();
    // On the status cell of its row.
    ws.insert_note(
        3,
        3,
        &Note::new("完成小水电清理整改12座。").set_author("李四"),
    )
    .unwrap();
    wb.save(dir.path().join("水利局.xlsx")).unwrap();
    let ing = ingest_one(&dir.path().join("水利局.xlsx"));
    let progress: Vec<&str> = ing.records.iter().map(|r| r.progress.as_str()).collect();
    assert_eq!(
        progress,
        [
            "已将长征渠引水工程纳入规划纲要。\n已印发实施。",
            "完成小水电清理整改12座。",
            "详见批注",
        ]
    );
}

#[test]
fn a_filing_date_column_dates_each_row() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "序号,具体举措,整改进展情况,完成状态,填报单位,填报日期\n\
               20,,规划编制中。,正在推进,区水利局,2020-12-01 10:22:31\n\
               20,,已纳入规划纲要。,已完成,区水利局,2020-12-05 09:00:00\n\
               21,,完成小水电清理整改。,长期坚持,区水利局,2020/12/05\n";
    std::fs::write(dir.path().join("系统导出.csv"), csv).unwrap();
    let ledger = ledger_for(dir.path());
    let r20 = reports_of(&ledger, 20, "区水利局");
    let current: Vec<(&str, Option<NaiveDate>, bool)> = r20
        .iter()
        .map(|r| (r.progress.as_str(), r.filed_on, r.superseded))
        .collect();
    assert_eq!(
        current,
        [
            ("已纳入规划纲要。", Some(date(2020, 12, 5)), false),
            ("规划编制中。", Some(date(2020, 12, 1)), true),
        ]
    );
    assert_eq!(
        reports_of(&ledger, 21, "区水利局")[0].filed_on,
        Some(date(2020, 12, 5))
    );
    let codes: Vec<Code> = ledger.problems.iter().map(|p| p.code).collect();
    assert!(
        !codes.contains(&Code::FilingDateMissing) && !codes.contains(&Code::Conflict),
        "{codes:?}"
    );
}

/// A prose Word document (no table): evidence when it comes in a bundle.
fn prose_docx() -> Vec<u8> {
    docx_bytes(
        Docx::new()
            .add_paragraph(para("关于河道整治工作的情况说明"))
            .add_paragraph(para("我局高度重视，已完成全部整治工作。")),
    )
}

fn xlsx_bytes(sheets: &[SheetSpec]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.xlsx");
    write_workbook(&p, sheets);
    std::fs::read(p).unwrap()
}

#[test]
fn a_bundle_reads_every_return_and_lists_the_evidence() {
    let water = xlsx_bytes(&[standard_return(
        "填报单位：区水利局 填报日期：2020年12月3日",
        vec![std_row(
            n(20.0),
            &measure(20),
            "已纳入规划纲要。",
            "已完成",
            V::E,
        )],
    )]);
    let town = xlsx_bytes(&[SheetSpec::new("Sheet1")
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .row(vec![
            n(27.0),
            s(&measure(27)),
            s("完成污水治理。"),
            s("已完成"),
        ])]);
    let csv = encoding_rs::GBK
        .encode("序号,整改进展情况,完成状态\r\n56,落实河长制。,长期坚持\r\n")
        .0
        .into_owned();
    let deeper = zip_raw(&[(
        gbk("更深.zip"),
        zip_raw(&[(b"a.csv".to_vec(), b"x".to_vec())]),
    )]);
    let nested = zip_raw(&[(gbk("宝峰镇.csv"), csv), (gbk("更深.zip"), deeper)]);
    let bundle = zip_raw(&[
        (gbk("区水利局/水利局进展.xlsx"), water.clone()),
        (gbk("来苏镇进展.xlsx"), town),
        (
            gbk("佐证材料/验收照片.jpg"),
            vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10],
        ),
        (gbk("验收报告.pdf"), b"%PDF-1.4\n%".to_vec()),
        (gbk("情况说明.docx"), prose_docx()),
        (gbk("附件/明细.zip"), nested),
        (gbk("坏表.xlsx"), water[..water.len() / 2].to_vec()),
        (b"__MACOSX/._x.xlsx".to_vec(), b"junk".to_vec()),
    ]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("区水利局报送材料.zip"), bundle).unwrap();
    let ledger = ledger_for(dir.path());
    let b = "区水利局报送材料.zip";
    let outcome = |f: &str| {
        ledger
            .files
            .iter()
            .find(|e| e.file == f)
            .unwrap_or_else(|| panic!("{f}: {:#?}", ledger.files))
            .outcome
    };
    assert_eq!(outcome(b), FileOutcome::Unpacked);
    assert_eq!(
        outcome(&format!("{b}/区水利局/水利局进展.xlsx")),
        FileOutcome::Read
    );
    assert_eq!(outcome(&format!("{b}/来苏镇进展.xlsx")), FileOutcome::Read);
    for evidence in ["佐证材料/验收照片.jpg", "验收报告.pdf", "情况说明.docx"] {
        let f = format!("{b}/{evidence}");
        assert_eq!(outcome(&f), FileOutcome::Evidence, "{f}");
        assert!(
            problems_in(&ledger, &f).is_empty(),
            "{f}: {:#?}",
            ledger.problems
        );
    }
    assert_eq!(
        outcome(&format!("{b}/附件/明细.zip")),
        FileOutcome::Unpacked
    );
    assert_eq!(
        outcome(&format!("{b}/附件/明细.zip/宝峰镇.csv")),
        FileOutcome::Read
    );
    let deep = format!("{b}/附件/明细.zip/更深.zip");
    assert_eq!(outcome(&deep), FileOutcome::Failed);
    assert!(problems_in(&ledger, &deep)
        .iter()
        .any(|(c, m)| *c == Code::FileNotSpreadsheet && m.contains("超过一层")));
    assert_eq!(
        problems_in(&ledger, &format!("{b}/坏表.xlsx"))[0].0,
        Code::FileCorrupt
    );
    assert_eq!(
        outcome(&format!("{b}/__MACOSX/._x.xlsx")),
        FileOutcome::Skipped
    );
    // Each return is attributed to its own unit, its source inside the bundle.
    let r = &reports_of(&ledger, 20, "区水利局")[0];
    assert_eq!(r.source.file, format!("{b}/区水利局/水利局进展.xlsx"));
    let r = &reports_of(&ledger, 27, "来苏镇")[0];
    assert_eq!(r.source.file, format!("{b}/来苏镇进展.xlsx"));
    let r = &reports_of(&ledger, 56, "宝峰镇")[0];
    assert_eq!(r.source.file, format!("{b}/附件/明细.zip/宝峰镇.csv"));
    assert_eq!(r.source.sheet, "宝峰镇");
    assert_eq!(ledger.summary.files_read, 3);
    assert_eq!(ledger.summary.records, 3);
}

/// A Word return in a bundle whose table was lost (a .doc whose table did not convert,
/// a table pasted as a picture) names itself a return form: its title and 填报单位 line
/// are there. It is not evidence: it keeps a problem saying what to do, and its unit is
/// not taken as having sent only supporting material. A supporting document beside it
/// (no title of a form, no 填报单位) stays evidence without a problem.
#[test]
fn a_return_form_without_its_table_in_a_bundle_is_a_problem_not_evidence() {
    let lost = docx_bytes(
        Docx::new()
            .add_paragraph(para("区公安局水污染防治整改任务进展情况表"))
            .add_paragraph(para("填报单位：区公安局      填报日期：2020年12月4日"))
            .add_paragraph(para("联系人：张三  电话：49800000")),
    );
    let bundle = zip_raw(&[
        (gbk("第二批/公安分局.docx"), lost.clone()),
        (gbk("第二批/情况说明.docx"), prose_docx()),
    ]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("第二批报送材料.zip"), bundle).unwrap();
    let ledger = ledger_for(dir.path());
    let file = |f: &str| {
        ledger
            .files
            .iter()
            .find(|e| e.file == format!("第二批报送材料.zip/第二批/{f}"))
            .unwrap_or_else(|| panic!("{f}: {:#?}", ledger.files))
            .clone()
    };
    let form = file("公安分局.docx");
    assert_eq!(form.outcome, FileOutcome::Read);
    assert_eq!(form.unit.as_deref(), Some("区公安局"));
    let said = problems_in(&ledger, &form.file);
    assert!(
        said.iter().any(|(c, m)| *c == Code::NoHeader
            && m.contains("没有读到表格")
            && m.contains("另存为.docx")),
        "{said:?}"
    );
    let evidence = file("情况说明.docx");
    assert_eq!(evidence.outcome, FileOutcome::Evidence);
    assert!(problems_in(&ledger, &evidence.file).is_empty());
    // Sent on its own, the same document gets the same message.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("公安分局.docx"), lost).unwrap();
    let ledger = ledger_for(dir.path());
    assert!(problems_in(&ledger, "公安分局.docx")
        .iter()
        .any(|(c, m)| *c == Code::NoHeader && m.contains("没有读到表格")));
}

#[test]
fn bundle_guards_apply_to_each_file_and_a_bundle_without_returns_is_a_problem() {
    let water = xlsx_bytes(&[standard_return(
        "填报单位：区水利局 填报日期：2020年12月3日",
        vec![std_row(
            n(20.0),
            &measure(20),
            "已纳入规划纲要。",
            "已完成",
            V::E,
        )],
    )]);
    // A file that inflates past the file size limit, in a bundle under it.
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    z.start_file("big.csv", deflate).unwrap();
    std::io::Write::write_all(&mut z, &vec![b' '; 200_000]).unwrap();
    z.start_file("水利局.xlsx", deflate).unwrap();
    std::io::Write::write_all(&mut z, &water).unwrap();
    let bundle = z.finish().unwrap().into_inner();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("材料.zip");
    std::fs::write(&path, &bundle).unwrap();
    let limits = Limits {
        max_file_bytes: 50_000,
        ..Limits::default()
    };
    assert!(bundle.len() < 50_000);
    let ing = ingest_with(&path, &limits);
    let big = ing
        .files
        .iter()
        .find(|f| f.file == "材料.zip/big.csv")
        .unwrap();
    assert_eq!(big.outcome, FileOutcome::Failed);
    assert!(ing
        .problems
        .iter()
        .any(|p| p.file == "材料.zip/big.csv" && p.code == Code::FileTooLarge));
    assert_eq!(ing.records.len(), 1, "the other file is read");

    // Only evidence: the bundle says so.
    let only = zip_raw(&[(gbk("照片.jpg"), vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10])]);
    std::fs::write(dir.path().join("照片.zip"), only).unwrap();
    let ing = ingest_one(&dir.path().join("照片.zip"));
    assert!(
        ing.problems
            .iter()
            .any(|p| p.file == "照片.zip" && p.code == Code::NoHeader),
        "{:#?}",
        ing.problems
    );
}

/// 不涉及 read from a town's return reaches the documents: the workbook's detail sheet,
/// the report's attachment table, and the dropdown of the next checklist.
#[test]
fn not_applicable_shows_in_the_workbook_report_and_checklist() {
    use calamine::Reader;
    let input = input_with_returns(|d| {
        let spec = standard_return(
            "填报单位：来苏镇 填报日期：2020年12月5日",
            vec![std_row(n(50.0), &measure(50), "我镇无此项工作。", "", V::E)],
        );
        write_workbook(&d.join("来苏镇.xlsx"), &[spec]);
    });
    let out = input.path().join("out");
    common::rectify_ok(input.path(), &out, &["run"]);
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook(out.join("整改台账汇总表.xlsx")).unwrap();
    let detail = wb.worksheet_range("报送明细").unwrap();
    let row = detail
        .rows()
        .find(|r| r.iter().any(|c| *c == "来苏镇"))
        .expect("来苏镇's report in 报送明细");
    assert!(row.iter().any(|c| *c == "不涉及"), "{row:?}");
    let report = std::fs::read(out.join("整改情况报告.docx")).unwrap();
    assert!(unzip_part(&report, "word/document.xml").contains("不涉及"));
    let checklist = std::fs::read(out.join("checklists/来苏镇.xlsx")).unwrap();
    assert!(unzip_part(&checklist, "xl/worksheets/sheet1.xml").contains("不涉及"));
}

/// An e-mail saved as a file (.eml) is opened like a bundle: its attachments are read
/// as returns, a GBK file name (RFC 2231) decoded, and a forwarded message's own
/// attachments too. The message itself counts no rows.
#[test]
fn an_email_saved_as_a_file_is_read_by_its_attachments() {
    use base64::Engine;
    let dir = tempfile::tempdir().unwrap();
    let b64 = |bytes: &[u8]| {
        let text = base64::engine::general_purpose::STANDARD.encode(bytes);
        text.as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join("\r\n")
    };
    let workbook = |unit: &str, id: u32, status: &str| {
        let path = dir.path().join("tmp.xlsx");
        write_workbook(
            &path,
            &[SheetSpec::new("Sheet1")
                .text_row(&[&format!("填报单位：{unit}"), "", "填报日期：2020年12月3日"])
                .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
                .text_row(&[&id.to_string(), &measure(id), "按计划推进。", status])],
        );
        let bytes = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        bytes
    };
    // 区交通局整改进展.xlsx in GBK, percent-encoded.
    let (gbk, _, _) = encoding_rs::GBK.encode("区交通局整改进展.xlsx");
    let gbk_name: String = gbk.iter().map(|b| format!("%{b:02X}")).collect();
    let attachment = |disposition: &str, bytes: &[u8]| {
        format!(
            "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\
             Content-Transfer-Encoding: base64\r\n\
             Content-Disposition: attachment;\r\n {disposition}\r\n\r\n{}\r\n",
            b64(bytes)
        )
    };
    let inner = format!(
        "From: slj@example.cn\r\nSubject: progress\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"in\"\r\n\r\n--in\r\n{}--in--\r\n",
        attachment(
            "filename=\"区水利局.xlsx\"",
            &workbook("区水利局", 21, "已完成")
        )
    );
    let mail = format!(
        "From: jtj@example.cn\r\nTo: sthjj@example.cn\r\nSubject: =?utf-8?b?6L2s5Y+R?=\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"out\"\r\n\r\n\
         --out\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n请查收附件。\r\n\
         --out\r\n{}--out\r\nContent-Type: message/rfc822\r\n\r\n{inner}\r\n--out--\r\n",
        attachment(
            &format!("filename*=gbk''{gbk_name}"),
            &workbook("区交通局", 55, "长期坚持")
        )
    );
    std::fs::write(dir.path().join("转发：区交通局整改进展情况.eml"), mail).unwrap();
    let ledger = ledger_for(dir.path());
    let files: Vec<(&str, &str)> = ledger
        .files
        .iter()
        .map(|f| (f.file.as_str(), f.format.as_deref().unwrap_or("")))
        .collect();
    assert!(
        files.contains(&(
            "转发：区交通局整改进展情况.eml/区交通局整改进展.xlsx",
            "xlsx"
        )),
        "{files:?}"
    );
    assert!(
        files.contains(&("转发：区交通局整改进展情况.eml", "mail")),
        "{files:?}"
    );
    assert_eq!(
        reports_of(&ledger, 55, "区交通局")[0].status,
        Status::Ongoing
    );
    assert_eq!(
        reports_of(&ledger, 21, "区水利局")[0].status,
        Status::Completed
    );
    assert!(
        ledger
            .problems
            .iter()
            .all(|p| p.severity != rectify::model::Severity::Error),
        "{:#?}",
        ledger.problems
    );
}

/// A Word status cell listing the options with the unit's pick highlighted, shaded or
/// coloured (已完成/正在推进/未启动 with 正在推进 marked) reads as that option. A cell with
/// every option marked, or a progress text with a number in red, is read as written.
#[test]
fn a_marked_option_among_status_options_is_the_status() {
    use docx_rs::{Paragraph, Run, TableCell};
    let options = |marked: &[&str], mark: fn(Run) -> Run| {
        let mut p = Paragraph::new();
        for (i, option) in ["已完成", "正在推进", "未启动"].into_iter().enumerate() {
            if i > 0 {
                p = p.add_run(Run::new().add_text("/"));
            }
            let run = Run::new().add_text(option);
            p = p.add_run(if marked.contains(&option) {
                mark(run)
            } else {
                run
            });
        }
        TableCell::new().add_paragraph(p)
    };
    let marks: [fn(Run) -> Run; 3] = [
        |r| r.highlight("yellow"),
        |r| r.color("FF0000"),
        |r| r.shading(docx_rs::Shading::new().fill("FFFF00")),
    ];
    for mark in marks {
        let unit = "区水利局";
        let row = |id: u32, marked: &[&str]| {
            TableRow::new(vec![
                cell(&[&id.to_string()]),
                cell(&[&measure(id)]),
                cell(&["按计划推进。"]),
                options(marked, mark),
                cell(&[""]),
            ])
        };
        let doc = Docx::new()
            .add_paragraph(para(&format!(
                "填报单位：{unit}    填报日期：2020年12月4日"
            )))
            .add_table(table(vec![
                text_row(&WORD_HEADER),
                row(20, &["正在推进"]),
                row(21, &["已完成"]),
                row(23, &["已完成", "正在推进", "未启动"]),
            ]));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("进展.docx"), docx_bytes(doc)).unwrap();
        let ledger = ledger_for(dir.path());
        let one = |id| reports_of(&ledger, id, unit)[0].clone();
        assert_eq!(
            (one(20).status, one(20).status_text.as_str()),
            (Status::InProgress, "正在推进")
        );
        assert_eq!(one(21).status, Status::Completed);
        assert_eq!(one(23).status, Status::Unclear, "all marked: no pick");
    }
    // A progress text with a figure in red is kept whole.
    let unit = "区水利局";
    let progress = Paragraph::new()
        .add_run(Run::new().add_text("已清理"))
        .add_run(Run::new().add_text("5处").color("FF0000"))
        .add_run(Run::new().add_text("，正在推进。"));
    let doc = Docx::new()
        .add_paragraph(para(&format!("填报单位：{unit}")))
        .add_table(table(vec![
            text_row(&WORD_HEADER),
            TableRow::new(vec![
                cell(&["20"]),
                cell(&[&measure(20)]),
                TableCell::new().add_paragraph(progress),
                cell(&["正在推进"]),
                cell(&[""]),
            ]),
        ]));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("进展.docx"), docx_bytes(doc)).unwrap();
    let ledger = ledger_for(dir.path());
    assert_eq!(
        reports_of(&ledger, 20, unit)[0].progress,
        "已清理5处，正在推进。"
    );
}

/// A lead unit's bundle with a partner's file in a folder named for the partner
/// (区住房城乡建委报送材料.zip/镇街报送/来苏镇/进展表.xlsx, the table naming no unit):
/// the folder, nearer than the bundle, names the unit. Before, the bundle's name won and
/// the partner's rows clashed with the lead's own as two reports of one unit.
#[test]
fn a_folder_inside_a_bundle_names_its_files_unit_before_the_bundle() {
    let lead = "区住房城乡建委";
    let tmp = tempfile::tempdir().unwrap();
    let table = |unit_line: &str, status: &str| {
        SheetSpec::new("Sheet1")
            .text_row(&[unit_line])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["30", &measure(30), "按要求推进。", status])
    };
    write_workbook(
        &tmp.path().join("lead.xlsx"),
        &[table(&format!("填报单位：{lead}"), "已完成")],
    );
    write_workbook(
        &tmp.path().join("town.xlsx"),
        &[table("整改任务进展情况表", "正在推进")],
    );
    let read = |name: &str| std::fs::read(tmp.path().join(name)).unwrap();
    let bundle = zip_raw(&[
        (gbk("区住房城乡建委汇总表.xlsx"), read("lead.xlsx")),
        (gbk("镇街报送/来苏镇/进展表.xlsx"), read("town.xlsx")),
    ]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("区住房城乡建委报送材料.zip"), bundle).unwrap();
    let ledger = ledger_for(dir.path());
    assert_eq!(reports_of(&ledger, 30, lead)[0].status, Status::Completed);
    let town = reports_of(&ledger, 30, "来苏镇");
    assert_eq!(town.len(), 1, "{:#?}", ledger.problems);
    assert_eq!(town[0].status, Status::InProgress);
    assert!(!ledger.problems.iter().any(|p| p.code == Code::Conflict));
}

/// A unit's later return saying the work was done on a day before its earlier return,
/// filed after that day, said it was under way: the later counts, and the clerk is
/// asked. Before (adv54 a 8): the earlier word was set aside without a word.
#[test]
fn done_before_a_later_word_of_work_under_way_is_questioned() {
    let dir = tempfile::tempdir().unwrap();
    write_dated_return(
        &dir.path().join("何埂镇12月2日.xlsx"),
        "何埂镇",
        "2020年12月2日",
        &[&[
            "3",
            &measure(3),
            "尾水处理设施正在建设，预计12月底完工。",
            "正在推进",
        ]],
    );
    write_dated_return(
        &dir.path().join("何埂镇12月4日.xlsx"),
        "何埂镇",
        "2020年12月4日",
        &[&[
            "3",
            &measure(3),
            "尾水处理设施已于2020年11月20日建成投用。",
            "已完成",
        ]],
    );
    let ledger = ledger_for(dir.path());
    let t = ledger.task(3).unwrap();
    assert_eq!(t.status, Status::Completed);
    assert!(
        ledger.problems.iter().any(|p| p.code == Code::Conflict
            && p.severity == Severity::Warning
            && p.message
                .starts_with("何埂镇于2020年12月2日报送第3项为“正在推进”")
            && p.message.contains("完成时间2020年11月20日，早于前者")),
        "{:#?}",
        ledger.problems
    );
    // Done after the earlier word: no contradiction.
    write_dated_return(
        &dir.path().join("何埂镇12月4日.xlsx"),
        "何埂镇",
        "2020年12月4日",
        &[&[
            "3",
            &measure(3),
            "尾水处理设施已于2020年12月3日建成投用。",
            "已完成",
        ]],
    );
    let ledger = ledger_for(dir.path());
    assert!(
        !ledger
            .problems
            .iter()
            .any(|p| p.message.contains("早于前者")),
        "{:#?}",
        ledger.problems
    );
}
