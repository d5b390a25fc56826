//! The summary workbook (整改台账汇总表.xlsx): read back with calamine and checked sheet by
//! sheet against the ledger; formula injection; byte-identical output; the OOXML
//! validator and LibreOffice accept it.

mod common;

use common::tools::tool_available;

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;

use calamine::{Data, DataType, Range, Reader, Xlsx};
use common::*;
use rectify::model::queries::unit_completed;
use rectify::model::Status;
use rectify::model::{Code, Ledger};
use rectify::{
    workbook_bytes, workbook_headers, SHEET_PROBLEMS, SHEET_REPORTS, SHEET_SUMMARY, SHEET_TASKS,
    SHEET_UNITS, SHEET_UNPLACED, WORKBOOK_XLSX,
};

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).expect("the workbook opens")
}

fn sheet(bytes: &[u8], name: &str) -> Range<Data> {
    open(bytes).worksheet_range(name).expect("sheet exists")
}

/// A cell as text: strings as written, whole numbers without ".0", dates as YYYY-MM-DD.
fn cell(range: &Range<Data>, row: usize, col: usize) -> String {
    match range.get((row, col)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) if f.fract() == 0.0 => format!("{}", *f as i64),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(d @ Data::DateTime(_)) => d.as_date().unwrap().to_string(),
        Some(other) => other.to_string(),
    }
}

fn number(range: &Range<Data>, row: usize, col: usize) -> f64 {
    range
        .get((row, col))
        .and_then(|d| d.as_f64())
        .unwrap_or_else(|| panic!("number at ({row}, {col}): {:?}", range.get((row, col))))
}

fn header(range: &Range<Data>) -> Vec<String> {
    (0..range.width()).map(|c| cell(range, 0, c)).collect()
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn row_of(range: &Range<Data>, col: usize, text: &str, from: usize) -> usize {
    (from..range.height())
        .find(|&r| cell(range, r, col) == text)
        .unwrap_or_else(|| panic!("no row with “{text}” in column {col} from row {from}"))
}

/// The plan's text as the workbook shows it: full-width punctuation beside Chinese
/// (the plan's table has ASCII commas: 科学施策,有效…).
fn plan_text(s: &str) -> String {
    let shown = rectify::punctuated(s).into_owned();
    let b = shown.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if matches!(c, b',' | b';' | b'(' | b')') {
            let cjk_before = shown[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c > '\u{2E80}');
            let cjk_after = shown[i + 1..]
                .chars()
                .next()
                .is_some_and(|c| c > '\u{2E80}');
            assert!(!(cjk_before || cjk_after), "ASCII punctuation in {shown}");
        }
    }
    shown
}

/// Every sheet against the ledger.
fn check_against(ledger: &Ledger, bytes: &[u8]) {
    let names = open(bytes).sheet_names();
    assert_eq!(
        names,
        [
            SHEET_SUMMARY,
            SHEET_TASKS,
            SHEET_UNITS,
            SHEET_REPORTS,
            SHEET_PROBLEMS,
            SHEET_UNPLACED
        ]
    );
    let sum = &ledger.summary;

    // 总体情况: indicators, the status table and the category table add up.
    let s = sheet(bytes, SHEET_SUMMARY);
    let ind = row_of(&s, 0, "指标", 0);
    let indicator = |label: &str| number(&s, row_of(&s, 0, label, ind), 1);
    assert_eq!(indicator("任务总数"), f64::from(sum.total));
    assert_eq!(indicator("已完成"), f64::from(sum.completed));
    assert_eq!(indicator("已报完成待确认"), f64::from(sum.confirming));
    assert_eq!(indicator("汇总进展条数"), f64::from(sum.records));
    // Said as the bureau counts what arrived, not as the program read it.
    // Files set aside (a lock file ~$…) are no return: not counted as not summarised.
    let sub = cell(&s, 1, 0);
    if sum.files_failed > 0 {
        let said = format!(
            "收到报送文件 {} 份，汇总 {} 份，{} 份无法打开",
            sum.files_read + sum.files_failed,
            sum.files_read,
            sum.files_failed
        );
        assert!(sub.contains(&said), "{sub}");
    } else {
        assert!(
            sub.contains(&format!("收到并汇总报送文件 {} 份", sum.files_read)),
            "{sub}"
        );
    }
    assert!(!sub.contains("未汇总"), "{sub}");
    for tool_speak in ["读取文件", "读取失败", "数据行", "错误 / 警告"] {
        assert!(
            (0..s.height()).all(|r| !cell(&s, r, 0).contains(tool_speak)),
            "{tool_speak}"
        );
    }
    // A fraction with a percent format (36.5% is 0.365), not 36.5 and a literal “%”.
    assert!((indicator("完成率") - sum.completion_rate / 100.0).abs() < 1e-12);
    assert_eq!(indicator("逾期任务"), f64::from(sum.overdue));
    // Tasks done late are said beside the overdue count, as 附件1 marks them.
    let overdue_note = cell(&s, row_of(&s, 0, "逾期任务", ind), 2);
    assert_eq!(
        overdue_note.contains(&format!("另有{}项逾期完成", sum.done_late)),
        sum.done_late > 0,
        "{overdue_note}"
    );
    assert_eq!(indicator("应报送单位"), f64::from(sum.units_expected));
    // As the report's 一 counts them: every unit expected that sent progress of its own,
    // answering its tasks or not.
    let sent = ledger
        .units
        .iter()
        .filter(|u| !u.expected.is_empty() && u.name != ledger.plan.collector)
        .filter(|u| !u.sent_nothing())
        .count();
    assert!(sent as u32 >= sum.units_reported);
    assert_eq!(indicator("已报送单位"), sent as f64);
    // Units that owe nothing but reported have a row of their own, only when there are any.
    let other = (ind..s.height()).find(|&r| cell(&s, r, 0) == "其他报送单位");
    match sum.units_other {
        0 => assert_eq!(other, None),
        k => assert_eq!(number(&s, other.expect("其他报送单位"), 1), f64::from(k)),
    }
    let rate_row = row_of(&s, 0, "完成率", ind);
    assert!(cell(&s, rate_row, 2).contains(&sum.completion_basis));

    let expected = [
        (Status::Completed, sum.completed),
        (Status::Confirming, sum.confirming),
        (Status::Ongoing, sum.ongoing),
        (Status::InProgress, sum.in_progress),
        (Status::NotStarted, sum.not_started),
        (Status::NotApplicable, sum.not_applicable),
        (Status::Unreported, sum.unreported),
        (Status::Unclear, sum.unclear),
    ];
    let st = row_of(&s, 0, "完成情况", ind);
    for (i, (status, n)) in expected.iter().enumerate() {
        assert_eq!(cell(&s, st + 1 + i, 0), status.label());
        assert_eq!(number(&s, st + 1 + i, 1), f64::from(*n), "{status:?}");
    }
    let st_total = st + 1 + expected.len();
    assert_eq!(cell(&s, st_total, 0), "合计");
    assert_eq!(number(&s, st_total, 1), f64::from(sum.total));
    assert_eq!(sum.total as usize, ledger.tasks.len());

    let cat = row_of(&s, 0, "重点任务", st_total);
    let cat_total = row_of(&s, 0, "合计", cat);
    let categories: Vec<String> = (cat + 1..cat_total).map(|r| cell(&s, r, 0)).collect();
    for c in &ledger.plan.categories {
        assert!(categories.contains(&plan_text(c)), "category {c}");
    }
    let mut tasks_in_categories = 0.0;
    for r in cat + 1..cat_total {
        let n = number(&s, r, 2);
        let by_status: f64 = (3..3 + Status::ALL.len()).map(|c| number(&s, r, c)).sum();
        assert_eq!(n, by_status, "row {r}: statuses add up to the task count");
        let name = cell(&s, r, 0);
        let in_ledger = ledger
            .tasks
            .iter()
            .filter(|t| plan_text(&t.category) == name)
            .count();
        assert_eq!(n, in_ledger as f64, "{name}");
        tasks_in_categories += n;
    }
    assert_eq!(tasks_in_categories, f64::from(sum.total));
    assert_eq!(number(&s, cat_total, 2), f64::from(sum.total));
    for (i, (_, n)) in expected.iter().enumerate() {
        assert_eq!(number(&s, cat_total, 3 + i), f64::from(*n));
    }
    assert_eq!(
        number(&s, cat_total, 3 + Status::ALL.len()),
        f64::from(sum.overdue)
    );

    // 任务台账: one row per task.
    let s = sheet(bytes, SHEET_TASKS);
    assert_eq!(header(&s), workbook_headers(SHEET_TASKS));
    assert_eq!(s.height(), 1 + ledger.tasks.len());
    for (i, t) in ledger.tasks.iter().enumerate() {
        let r = i + 1;
        assert_eq!(cell(&s, r, 0), t.id.to_string());
        // The plan's text whole, no line break typed into it (a clerk filters 责任单位
        // for 凤凰湖产业促进中心 and searches 科学施策): the viewer wraps it.
        assert_eq!(cell(&s, r, 1), plan_text(&t.category));
        assert_eq!(cell(&s, r, 2), plan_text(&t.measure));
        assert_eq!(cell(&s, r, 3), plan_text(&t.deadline.text));
        for c in 1..=6 {
            assert!(!cell(&s, r, c).contains('\n'), "task {} column {c}", t.id);
        }
        assert_eq!(cell(&s, r, 7), t.status.label(), "task {}", t.id);
        let overdue = match (t.overdue, t.done_late) {
            (_, Some(_)) => "逾期完成",
            (true, None) => "是",
            (false, None) => "否",
        };
        assert_eq!(cell(&s, r, 8), overdue, "task {}", t.id);
        // 亮灯: the light; blank for a task that needs none (已完成 …), as its note says.
        let light = match t.light {
            rectify::model::Light::Off => "",
            lit => lit.label(),
        };
        assert_eq!(cell(&s, r, 9), light, "task {}", t.id);
        if matches!(
            t.status,
            rectify::model::Status::Completed | rectify::model::Status::Confirming
        ) {
            assert_eq!(cell(&s, r, 9), "", "task {}", t.id);
        }
        let progress = cell(&s, r, 10);
        let reported = cell(&s, r, 11);
        // A unit with no role on the task is not quoted nor counted as reporting on it
        // (its row is in 报送明细).
        for rep in t
            .current_reports()
            .filter(|r| r.role == rectify::plan::Role::Unassigned)
        {
            if !t.cited_reports().any(|c| c.unit == rep.unit) {
                assert!(!reported.contains(&rep.unit), "task {}: {}", t.id, rep.unit);
                assert!(!progress.contains(&rep.unit), "task {}: {}", t.id, rep.unit);
            }
        }
        for rep in t.cited_reports() {
            assert!(progress.contains(&rep.unit), "task {}: {}", t.id, rep.unit);
            assert!(reported.contains(&rep.unit));
            // A report contradicting its text is marked where it is quoted.
            let marked = format!("{}（{}，", rep.unit, rep.role.label());
            let line = progress
                .lines()
                .find(|l| l.starts_with(&marked))
                .unwrap_or("");
            if rep.doubt.is_some() {
                assert!(line.contains("，待核实）"), "task {}: {line}", t.id);
            } else {
                // The status as read, never the unit's own words (√, 是, 按序时推进):
                // those are in 报送明细.
                let said = format!("{marked}{}）", rep.status.label());
                assert!(line.starts_with(&said), "task {}: {line}", t.id);
            }
        }
        let missing = cell(&s, r, 12);
        for u in &t.awaiting {
            assert!(missing.contains(u.as_str()), "task {}: awaiting {u}", t.id);
        }
        let last = t.cited_reports().filter_map(|r| r.filed_on).max();
        assert_eq!(cell(&s, r, 13), date(last));
    }

    // 单位报送情况: one row per unit.
    let s = sheet(bytes, SHEET_UNITS);
    assert_eq!(header(&s), workbook_headers(SHEET_UNITS));
    assert_eq!(s.height(), 1 + ledger.units.len());
    for (i, u) in ledger.units.iter().enumerate() {
        let r = i + 1;
        assert_eq!(cell(&s, r, 0), u.name);
        assert_eq!(cell(&s, r, 1), u.kind.label());
        assert_eq!(number(&s, r, 2), u.expected.len() as f64);
        // 已报 counts the owed tasks reported: 应报 = 已报 + 未报.
        assert_eq!(
            number(&s, r, 3),
            (u.expected.len() - u.missing.len()) as f64
        );
        // Reports on tasks it does not owe: its own that should go through a lead unit
        // and that it sent itself (what came through the lead unit is no remark), and
        // tasks it has no part in, each said as what it is.
        let (own, others): (Vec<u32>, Vec<u32>) = u
            .reported
            .iter()
            .copied()
            .filter(|id| !u.expected.contains(id))
            .partition(|id| {
                let t = ledger.task(*id).unwrap();
                t.lead.contains(&u.name)
                    || t.responsible.contains(&u.name)
                    || t.cooperating.contains(&u.name)
            });
        let own: Vec<u32> = own
            .into_iter()
            .filter(|id| {
                ledger
                    .task(*id)
                    .unwrap()
                    .current_reports()
                    .any(|r| r.unit == u.name && r.via.as_deref().is_none_or(|v| v == u.name))
            })
            .collect();
        let remark = cell(&s, r, 10);
        // Told by who gathers each task (应经区农业农村委汇总), never the bare 牵头单位
        // (session 57 review b 9).
        for id in &own {
            let gatherers = ledger.task(*id).unwrap().gatherers.join("、");
            assert!(
                remark.contains(&format!("另直接报送了应经{gatherers}汇总的")),
                "{}: {remark}",
                u.name
            );
        }
        assert!(!remark.contains("应经牵头单位汇总"), "{}: {remark}", u.name);
        let listed: Vec<String> = others.iter().map(u32::to_string).collect();
        let said = format!(
            "另报送了未分工的{}项（第{}项）",
            others.len(),
            listed.join("、")
        );
        assert_eq!(
            remark.contains(&said),
            !others.is_empty(),
            "{}: {remark}",
            u.name
        );
        let missing: Vec<String> = u.missing.iter().map(u32::to_string).collect();
        assert_eq!(cell(&s, r, 4), missing.join("、"));
        assert_eq!(number(&s, r, 5), f64::from(unit_completed(ledger, u)));
        // 已完成 is a part of 已报, never more (it counted other tasks too: 来苏镇 已报 2,
        // 已完成 7).
        assert!(number(&s, r, 5) <= number(&s, r, 3), "{}", u.name);
        assert_eq!(cell(&s, r, 6), u.files.join("\n"));
        assert_eq!(cell(&s, r, 7), date(u.last_filed_on));
        // A unit whose file could not be read says so (the fixtures' 区商务委.xlsx is cut).
        let unreadable = ledger.files.iter().any(|f| {
            f.outcome == rectify::model::FileOutcome::Failed && f.unit.as_ref() == Some(&u.name)
        });
        // The reporting chain: how its reports came, and who consolidates them.
        assert_eq!(cell(&s, r, 8).contains("直接报送"), u.direct, "{}", u.name);
        if !u.via.is_empty() {
            assert!(
                cell(&s, r, 8).contains(&format!("经{}汇总", u.via.join("、"))),
                "{}",
                u.name
            );
        }
        // Nothing in yet from a unit that owes the bureau some tasks and a lead unit
        // others: both are said (区卫健委: 53 to the bureau, 39 through 区住房城乡建委).
        if !u.direct && u.via.is_empty() && !u.reports_to.is_empty() {
            let channel = cell(&s, r, 8);
            let through = format!("应经{}汇总", u.reports_to.join("、"));
            assert!(channel.ends_with(&through), "{}: {channel}", u.name);
            assert_eq!(
                channel.starts_with(&format!("{}项应直报，", u.expected.len())),
                !u.expected.is_empty(),
                "{}: {channel}",
                u.name
            );
        }
        assert_eq!(cell(&s, r, 9), u.reports_to.join("、"), "{}", u.name);
        let remark = cell(&s, r, 10);
        assert_eq!(
            remark.contains("文件无法读取，需重新报送"),
            unreadable,
            "{}",
            u.name
        );
        // A file that opened with nothing read and an error saying why (no table, a
        // report to enter by hand) is said so, unless a damaged one is said already.
        let opened = ledger.files.iter().any(|f| {
            f.outcome == rectify::model::FileOutcome::Read
                && f.records == 0
                && f.unit.as_ref() == Some(&u.name)
                && ledger.problems.iter().any(|p| {
                    p.file == f.file
                        && p.severity == rectify::model::Severity::Error
                        && matches!(p.code, Code::NoHeader | Code::ProseReport)
                })
        });
        assert_eq!(
            remark.contains("文件未按填报表填写，进展未能汇总"),
            opened && !unreadable,
            "{}: {remark}",
            u.name
        );
    }

    // 报送明细: one row per report, with its provenance.
    let s = sheet(bytes, SHEET_REPORTS);
    assert_eq!(header(&s), workbook_headers(SHEET_REPORTS));
    let reports: Vec<_> = ledger
        .tasks
        .iter()
        .flat_map(|t| t.reports.iter().map(move |r| (t.id, r)))
        .collect();
    assert_eq!(s.height(), 1 + reports.len());
    for (i, (id, rep)) in reports.iter().enumerate() {
        let r = i + 1;
        assert_eq!(cell(&s, r, 0), id.to_string());
        assert_eq!(cell(&s, r, 1), rep.unit);
        assert_eq!(cell(&s, r, 2), rep.role.label());
        // The status it counts as: 待核实 when it contradicts its text (as the problem
        // list says), the unit's word in 原文状态.
        let counted = rep.counted_status(ledger.as_of);
        assert_eq!(cell(&s, r, 3), counted.label());
        if rep.doubt.is_some() {
            assert_eq!(counted, Status::Unclear);
        }
        assert_eq!(
            cell(&s, r, 4),
            rectify::common::text::sanitize(&rep.status_text)
        );
        assert_eq!(
            cell(&s, r, 5),
            rectify::common::text::sanitize(&rep.progress)
        );
        assert_eq!(cell(&s, r, 6), rectify::common::text::sanitize(&rep.note));
        assert_eq!(cell(&s, r, 7), date(rep.completed_on));
        assert_eq!(cell(&s, r, 8), date(rep.filed_on));
        assert_eq!(cell(&s, r, 9), if rep.superseded { "是" } else { "否" });
        assert_eq!(cell(&s, r, 10), rep.source.file);
        assert_eq!(cell(&s, r, 11), rep.source.sheet);
        assert_eq!(number(&s, r, 12), f64::from(rep.source.row));
    }

    // 问题清单: one row per problem, in words only (the program's codes stay in
    // ledger.json).
    let s = sheet(bytes, SHEET_PROBLEMS);
    assert_eq!(header(&s), workbook_headers(SHEET_PROBLEMS));
    assert_eq!(s.width(), 6, "no code column");
    assert_eq!(s.height(), 1 + ledger.problems.len());
    for (i, p) in ledger.problems.iter().enumerate() {
        let r = i + 1;
        assert_eq!(cell(&s, r, 0), p.severity.label());
        assert_eq!(cell(&s, r, 1), p.code.label());
        assert_eq!(cell(&s, r, 2), p.file);
        assert_eq!(cell(&s, r, 3), p.sheet.clone().unwrap_or_default());
        assert_eq!(
            cell(&s, r, 4),
            p.row.map(|r| r.to_string()).unwrap_or_default()
        );
        assert_eq!(cell(&s, r, 5), rectify::common::text::sanitize(&p.message));
        assert!(
            !p.code.label().is_ascii(),
            "a Chinese name for {:?}",
            p.code
        );
    }

    // 未归集数据: one row per unplaced row.
    let s = sheet(bytes, SHEET_UNPLACED);
    assert_eq!(header(&s), workbook_headers(SHEET_UNPLACED));
    if !ledger.unplaced.is_empty() {
        assert_eq!(s.width(), 9, "no code column");
    }
    assert_eq!(s.height(), 1 + ledger.unplaced.len());
    for (i, u) in ledger.unplaced.iter().enumerate() {
        let r = i + 1;
        assert_eq!(cell(&s, r, 0), u.source.file);
        assert_eq!(cell(&s, r, 1), u.source.sheet);
        assert_eq!(number(&s, r, 2), f64::from(u.source.row));
        assert_eq!(cell(&s, r, 8), rectify::common::text::sanitize(&u.progress));
    }

    assert_no_formulas(bytes);
}

/// No worksheet holds a formula element.
fn assert_no_formulas(bytes: &[u8]) {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if !name.starts_with("xl/worksheets/") {
            continue;
        }
        let mut xml = String::new();
        f.read_to_string(&mut xml).unwrap();
        assert!(
            !xml.contains("<f>") && !xml.contains("<f "),
            "{name} holds a formula"
        );
    }
}

#[test]
fn mixed_fixture_folder_matches_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    fixture_set(dir.path());
    let ledger = ledger_for(dir.path());
    assert!(!ledger.problems.is_empty() && !ledger.unplaced.is_empty());
    let bytes = workbook_bytes(&ledger).unwrap();
    check_against(&ledger, &bytes);
    let s = sheet(&bytes, SHEET_UNITS);
    let r = row_of(&s, 0, "区商务委", 0);
    assert!(
        cell(&s, r, 10).contains("文件无法读取，需重新报送（“区商务委.xlsx”）"),
        "{}",
        cell(&s, r, 10)
    );
}

#[test]
fn shipped_returns_match_the_ledger() {
    let ledger = ledger_for(&repo().join("input").join("returns"));
    assert!(ledger.tasks.iter().map(|t| t.reports.len()).sum::<usize>() > 0);
    // The demo has a report whose status contradicts its text (双石镇 on task 5): the
    // sheets must show it as the problem list does.
    assert!(ledger
        .tasks
        .iter()
        .flat_map(|t| &t.reports)
        .any(|r| r.doubt.is_some() && r.status != Status::Unclear));
    let bytes = workbook_bytes(&ledger).unwrap();
    check_against(&ledger, &bytes);
    // Reporting straight to the bureau: every unit with a task owes progress.
    let s = sheet(&bytes, SHEET_SUMMARY);
    let note = cell(&s, row_of(&s, 0, "应报送单位", 2), 2);
    assert!(note.contains("有任务分工的单位（不含我局）"), "{note}");
}

#[test]
fn a_unit_that_owes_nothing_has_its_own_indicator() {
    let plan = shipped_plan();
    let (partner, id) = cooperating_unit(&plan);
    let dir = tempfile::tempdir().unwrap();
    one_row_return(&dir.path().join("配合单位.xlsx"), &partner, id, "正在整改");
    let ledger = rectify::build_ledger(&plan, dir.path());
    assert_eq!(ledger.summary.units_other, 1);
    assert_eq!(ledger.summary.units_reported, 0);
    let bytes = workbook_bytes(&ledger).unwrap();
    check_against(&ledger, &bytes);
    let s = sheet(&bytes, SHEET_SUMMARY);
    // Under lead reporting the bureau expects progress from each task's deciders.
    let note = cell(&s, row_of(&s, 0, "应报送单位", 2), 2);
    assert!(
        note.contains("牵头单位（无牵头单位时为责任单位）"),
        "{note}"
    );
    assert!(
        cell(&s, 1, 0).contains("已报送 0 个，另有 1 个单位也报送了进展"),
        "{}",
        cell(&s, 1, 0)
    );
}

#[test]
fn no_returns_gives_empty_lists() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = ledger_for(dir.path());
    let bytes = workbook_bytes(&ledger).unwrap();
    check_against(&ledger, &bytes);
}

const INJECTIONS: [&str; 4] = [
    "=HYPERLINK(\"http://evil.example/\",\"点击查看\")",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(1,2)",
];

#[test]
fn formula_like_text_stays_text() {
    let input = input_with_returns(|dir| {
        let rows = INJECTIONS
            .iter()
            .zip([20u32, 26, 43, 45])
            .map(|(text, id)| std_row(n(f64::from(id)), &measure(id), text, "正在推进", V::E))
            .collect();
        let spec = standard_return("填报单位：区水利局    填报日期：2020年12月3日", rows);
        write_workbook(&dir.join("=cmd|'calc'!A0.xlsx"), &[spec]);
    });
    let ledger = ledger_for(&input.path().join("returns"));
    let bytes = workbook_bytes(&ledger).unwrap();
    check_against(&ledger, &bytes);

    let details = sheet(&bytes, SHEET_REPORTS);
    let progress: Vec<String> = (1..details.height())
        .map(|r| cell(&details, r, 5))
        .collect();
    for text in INJECTIONS {
        assert!(
            progress.iter().any(|p| p == text),
            "{text} read back as text"
        );
    }
    for r in 1..details.height() {
        assert!(matches!(details.get((r, 5)), Some(Data::String(_))));
        assert_eq!(cell(&details, r, 10), "=cmd|'calc'!A0.xlsx");
    }
    let tasks = sheet(&bytes, SHEET_TASKS);
    let merged: String = (1..tasks.height()).map(|r| cell(&tasks, r, 10)).collect();
    assert!(
        merged.contains("区水利局（责任，正在推进）：=HYPERLINK("),
        "{merged}"
    );
    // calamine sees no formula anywhere.
    let mut wb = open(&bytes);
    for name in wb.sheet_names() {
        let formulas = wb.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name} holds a formula"
        );
    }
}

#[test]
fn control_characters_and_overlong_cells() {
    let dir = tempfile::tempdir().unwrap();
    fixture_set(dir.path());
    let mut ledger = ledger_for(dir.path());
    ledger.tasks[0].measure = "测".repeat(40_000);
    ledger.tasks[1].measure = "一\u{1}二\u{B}三\u{FFFF}四\r\n五".to_string();
    let bytes = workbook_bytes(&ledger).unwrap();
    let s = sheet(&bytes, SHEET_TASKS);
    let long = cell(&s, 1, 2);
    assert!(long.encode_utf16().count() <= 32_767);
    assert!(long.starts_with("测测测"));
    assert!(long.ends_with("已截断）"));
    assert_eq!(cell(&s, 2, 2), "一二三四\n五");
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    fixture_set(dir.path());
    let a = workbook_bytes(&ledger_for(dir.path())).unwrap();
    let b = workbook_bytes(&ledger_for(dir.path())).unwrap();
    assert!(a == b, "same ledger, same bytes");
}

#[test]
fn rectify_run_writes_the_workbook_identically_twice() {
    let input = input_with_returns(fixture_set);
    let run = |out: &Path| {
        let status = Command::new(env!("CARGO_BIN_EXE_rectify"))
            .arg("--input")
            .arg(input.path())
            .arg("--output")
            .arg(out)
            .arg("run")
            .output()
            .unwrap();
        assert!(status.status.success(), "{status:?}");
        std::fs::read(out.join(WORKBOOK_XLSX)).expect("workbook written")
    };
    let first = run(&input.path().join("out1"));
    let second = run(&input.path().join("out2"));
    assert!(first == second, "two runs give byte-identical workbooks");
    assert!(input.path().join("out1").join("ledger.json").exists());
}

/// The long lists are constant-memory worksheets backed by temporary files; with no
/// writable temporary folder the run still writes the whole workbook (ordinary
/// worksheets instead), every sheet matching the ledger.
#[test]
fn without_a_writable_temporary_folder_the_workbook_is_complete() {
    let input = input_with_returns(fixture_set);
    let out = input.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_rectify"))
        .arg("--input")
        .arg(input.path())
        .arg("--output")
        .arg(&out)
        .arg("run")
        .env("TMPDIR", input.path().join("no such folder"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(out.join(WORKBOOK_XLSX)).expect("workbook written");
    let ledger = ledger_for(&input.path().join("returns"));
    check_against(&ledger, &bytes);
}

// ---------------------------------------------------------------------------
// External tools: fail in CI when missing, else skip with a note.

fn sample_workbook(dir: &Path) -> std::path::PathBuf {
    let returns = dir.join("returns");
    std::fs::create_dir_all(&returns).unwrap();
    fixture_set(&returns);
    let ledger = ledger_for(&returns);
    let path = dir.join(WORKBOOK_XLSX);
    std::fs::write(&path, workbook_bytes(&ledger).unwrap()).unwrap();
    path
}

#[test]
fn openxml_audit_finds_nothing() {
    if !tool_available("openxml-audit", "--help") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = sample_workbook(dir.path());
    let out = Command::new("openxml-audit")
        .args(["-o", "json", "-m", "0"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("openxml-audit json ({e}): {stdout}"));
    let findings = findings(&json);
    assert_eq!(findings, 0, "openxml-audit: {stdout}");
    assert!(out.status.success(), "openxml-audit: {stdout}");
}

/// Errors plus warnings openxml-audit reports: `[{file, error_count, warning_count, errors}]`.
fn findings(json: &serde_json::Value) -> usize {
    let files = json
        .as_array()
        .expect("openxml-audit json is a list of files");
    assert!(!files.is_empty());
    files
        .iter()
        .map(|f| {
            let count = |k: &str| {
                f.get(k)
                    .and_then(|v| v.as_u64())
                    .unwrap_or_else(|| panic!("no {k} in {f}")) as usize
            };
            assert_eq!(f.get("valid").and_then(|v| v.as_bool()), Some(true), "{f}");
            count("error_count") + count("warning_count")
        })
        .sum()
}

#[test]
fn libreoffice_converts_it_to_pdf() {
    if !tool_available("soffice", "--version") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = sample_workbook(dir.path());
    let profile = dir.path().join("lo-profile");
    let out = Command::new("soffice")
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .unwrap();
    let pdf = path.with_extension("pdf");
    assert!(
        pdf.exists() && std::fs::metadata(&pdf).unwrap().len() > 1000,
        "soffice made no PDF: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The summary's title says 整改 once, and every indicator's 说明 (one merged cell
/// across ten 8-wide columns, which does not grow its row) has a row tall enough for
/// its wrapped lines: LibreOffice printed the long ones over the rows below.
#[test]
fn the_summary_title_and_its_notes_read_whole() {
    use unicode_width::UnicodeWidthStr;
    let ledger = ledger_for(&repo().join("input/returns"));
    let bytes = workbook_bytes(&ledger).unwrap();
    let summary = sheet(&bytes, SHEET_SUMMARY);
    let title = cell(&summary, 0, 0);
    assert!(title.ends_with("整改台账汇总表"), "{title}");
    assert_eq!(title.matches("整改").count(), 1, "{title}");
    // The summary is the first sheet; its rows' heights.
    let mut xml = String::new();
    zip::ZipArchive::new(Cursor::new(bytes.clone()))
        .unwrap()
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let height = |r: usize| -> f64 {
        let tag = format!("<row r=\"{}\"", r + 1);
        let Some(at) = xml.find(&tag) else {
            return 15.0;
        };
        let row = &xml[at..at + xml[at..].find('>').unwrap()];
        row.split("ht=\"")
            .nth(1)
            .map(|h| h[..h.find('"').unwrap()].parse().unwrap())
            .unwrap_or(15.0)
    };
    let first = row_of(&summary, 0, "指标", 0) + 1;
    let mut long = 0;
    for r in first..summary.height() {
        if cell(&summary, r, 0).is_empty() {
            break;
        }
        let note = cell(&summary, r, 2);
        // 78 width units hold about 70 columns of text (two per Chinese character).
        let lines = note.width().div_ceil(70).max(1);
        if lines > 1 {
            long += 1;
        }
        assert!(
            height(r) >= lines as f64 * 15.0,
            "row {}: {lines} lines in {} pt: {note}",
            r + 1,
            height(r)
        );
    }
    assert!(long >= 2, "the demo has long notes");
    // A sheet too wide for one page would print a row's right-hand part (the progress)
    // on the page after its left-hand part: over, then down. In the demo none is: 报送
    // 明细, which was, leaves its source columns off paper and prints one page wide.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
    let mut across = 0;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if !f.name().unwrap().starts_with("xl/worksheets/sheet") {
            continue;
        }
        let mut xml = String::new();
        f.read_to_string(&mut xml).unwrap();
        let Some(at) = xml.find("<pageSetup") else {
            continue;
        };
        let setup = &xml[at..at + xml[at..].find("/>").unwrap()];
        if setup.contains("scale=") {
            across += 1;
            assert!(setup.contains("pageOrder=\"overThenDown\""), "{setup}");
        }
    }
    assert_eq!(across, 0, "every sheet prints one page wide");
}

/// 总体情况's line under the title wraps when it is longer than the sheet is wide, its
/// row tall enough for its lines: a lead unit's round, with 另有4个单位也报送了进展,
/// printed it cut at both ends (second review d 1).
#[test]
fn the_summary_line_under_the_title_wraps_when_long() {
    let plan = common::shipped_plan();
    let returns = common::repo().join("input/returns");
    let l = rectify::build_round(&plan, &returns, &rectify::Scope::Lead("区水利局".into()));
    assert!(l.summary.units_other > 0);
    let bytes = workbook_bytes(&l).unwrap();
    let range = sheet(&bytes, SHEET_SUMMARY);
    let line = cell(&range, 1, 0);
    assert!(line.contains("另有") && line.chars().count() > 90, "{line}");
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    z.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let row = &xml[xml.find("<row r=\"2\"").expect("row 2")..];
    let row = &row[..row.find('>').unwrap()];
    assert!(row.contains("customHeight=\"1\""), "{row}");
    let ht: f64 = row
        .split("ht=\"")
        .nth(1)
        .and_then(|h| h.split('"').next())
        .and_then(|h| h.parse().ok())
        .unwrap();
    assert!(ht >= 30.0, "{row}");
}
