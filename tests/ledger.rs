//! The merged ledger over a mixed folder: nothing lost, the documented JSON, stable
//! output, and `rectify check`.

mod common;

use std::path::Path;

use common::word;
use std::process::Command;

use calamine::Reader;
use common::*;
use rectify::{ingest_dir, IngestOptions, Limits};

/// Count non-empty rows of every readable sheet independently of the crate's reader:
/// workbooks through calamine, CSV through csv, Word documents from their XML, and the
/// files inside a bundle (.zip) the same way.
fn count_non_empty_rows(dir: &Path) -> usize {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("~$") {
            continue;
        }
        if name.ends_with(".docx") {
            total += word::docx_non_empty_rows(&std::fs::read(&path).unwrap());
            continue;
        }
        if name.ends_with(".zip") {
            let unpacked = tempfile::tempdir().unwrap();
            let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
            for i in 0..zip.len() {
                let mut f = zip.by_index(i).unwrap();
                let base = f.name().unwrap().rsplit('/').next().unwrap().to_string();
                let mut out = std::fs::File::create(unpacked.path().join(base)).unwrap();
                std::io::copy(&mut f, &mut out).unwrap();
            }
            total += count_non_empty_rows(unpacked.path());
            continue;
        }
        if name.ends_with(".csv") {
            let bytes = std::fs::read(&path).unwrap();
            let (text, _, _) = encoding_rs::GBK.decode(&bytes);
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            total += rdr
                .records()
                .filter(|r| r.as_ref().unwrap().iter().any(|f| !f.trim().is_empty()))
                .count();
            continue;
        }
        let Ok(mut wb) = calamine::open_workbook_auto(&path) else {
            continue;
        };
        for sheet in wb.sheet_names() {
            let range = wb.worksheet_range(&sheet).unwrap();
            total += range
                .rows()
                .filter(|row| row.iter().any(|c| !c.to_string().trim().is_empty()))
                .count();
        }
    }
    total
}

#[test]
fn every_non_empty_row_is_a_report_unplaced_or_skipped() {
    let dir = tempfile::tempdir().unwrap();
    fixture_set(dir.path());
    let plan = plan();
    let limits = Limits::default();
    let ing = ingest_dir(
        dir.path(),
        &IngestOptions {
            units: &plan.units,
            limits: &limits,
            default_year: 2020,
            plan_id: "yongchuan-2020-82",
            cache: None,
        },
    );
    let skipped: u32 = ing.skips.iter().map(|s| s.rows).sum();
    let expected = count_non_empty_rows(dir.path());
    assert!(expected > 30, "a meaningful fixture set ({expected} rows)");
    assert_eq!(
        ing.records.len() + skipped as usize,
        expected,
        "records + skipped rows = non-empty rows"
    );
    let records = ing.records.len();
    let ledger = rectify::merge(&plan, ing);
    let reports: usize = ledger.tasks.iter().map(|t| t.reports.len()).sum();
    assert_eq!(
        reports + ledger.unplaced.len(),
        records,
        "every record is a report or unplaced"
    );
    assert_eq!(ledger.summary.records as usize, records);
    // And what the fixture set should give.
    assert_eq!(ledger.summary.files_read, 6);
    assert_eq!(ledger.summary.files_failed, 1);
    assert_eq!(ledger.summary.files_skipped, 1);
    assert_eq!(ledger.unplaced.len(), 2, "{:#?}", ledger.unplaced);
}

/// Returns in the forms of issue 15: a Word return split into two tables with signature
/// lines, a consolidated sheet, a whole-plan copy, continuation and totals rows, and a
/// bundle holding a return, a Word document without a table and a PDF.
fn real_world_set(dir: &Path) {
    use docx_rs::{Docx, TableRow};
    use word::*;
    let m = |id: u32| measure(id);
    let doc = Docx::new()
        .add_paragraph(para("永川区水污染防治整改进展情况表"))
        .add_paragraph(para("填报单位：区水利局    填报日期：2020年12月3日"))
        .add_table(table(vec![
            text_row(&["序号", "具体举措", "进展情况", "完成状态"]),
            TableRow::new(vec![
                cell(&["20"]),
                cell(&[&m(20)]),
                cell(&["纳入规划纲要。", "已印发。"]),
                merge_start("已完成"),
            ]),
        ]))
        .add_paragraph(para(""))
        .add_table(table(vec![TableRow::new(vec![
            cell(&["24"]),
            cell(&[&m(24)]),
            cell(&["完成清漂。"]),
            merge_continue(),
        ])]))
        .add_paragraph(para("区水利局"))
        .add_paragraph(para("2020年12月3日"));
    std::fs::write(dir.join("水利局.docx"), docx_bytes(doc)).unwrap();

    let consolidated = SheetSpec::new("汇总")
        .text_row(&["填报单位：区农业农村委 填报日期：2020年12月6日"])
        .text_row(&["序号", "具体举措", "责任单位", "进展情况", "完成状态"])
        .row(vec![
            n(1.0),
            s(&m(1)),
            s("区农业农村委"),
            s("出台政策。"),
            s("已完成"),
        ])
        .text_row(&["", "", "来苏镇", "改造池塘3处。", "正在推进"])
        .merge(2, 0, 3, 0)
        .merge(2, 1, 3, 1)
        .text_row(&["", "", "", "另建设尾水设施1处。"])
        .text_row(&["合计", "", "", "", "2"]);
    write_workbook(&dir.join("农业农村委.xlsx"), &[consolidated]);

    let mut copy = SheetSpec::new("分解表")
        .text_row(&["填报单位：宝峰镇 填报日期：2020年12月5日"])
        .text_row(&[
            "序号",
            "具体举措",
            "牵头单位",
            "责任单位",
            "整改进展情况",
            "完成状态",
        ]);
    for id in 1..=12u32 {
        let (p, st) = if id == 5 {
            ("完成排灌渠系整治。", "已完成")
        } else {
            ("", "")
        };
        copy = copy.row(vec![
            n(f64::from(id)),
            s(&m(id)),
            s("区农业农村委"),
            s("各镇街"),
            s(p),
            s(st),
        ]);
    }
    write_workbook(&dir.join("宝峰镇.xlsx"), &[copy]);

    let inner = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：双石镇"])
        .text_row(&["序号", "整改进展情况", "完成状态"])
        .row(vec![n(27.0), s("完成污水治理。"), s("已完成")]);
    let tmp = tempfile::tempdir().unwrap();
    write_workbook(&tmp.path().join("inner.xlsx"), &[inner]);
    let prose = docx_bytes(
        Docx::new()
            .add_paragraph(para("情况说明"))
            .add_paragraph(para("已完成整治。")),
    );
    let bundle = zip_raw(&[
        (
            b"shuangshi.xlsx".to_vec(),
            std::fs::read(tmp.path().join("inner.xlsx")).unwrap(),
        ),
        (b"note.docx".to_vec(), prose),
        (b"report.pdf".to_vec(), b"%PDF-1.4\n".to_vec()),
    ]);
    std::fs::write(dir.join("双石镇材料.zip"), bundle).unwrap();
}

#[test]
fn every_non_empty_row_is_accounted_for_in_the_real_world_forms() {
    let dir = tempfile::tempdir().unwrap();
    real_world_set(dir.path());
    let plan = plan();
    let ing = ingest_dir(dir.path(), &IngestOptions::for_plan(&plan));
    let skipped: u32 = ing.skips.iter().map(|s| s.rows).sum();
    let expected = count_non_empty_rows(dir.path());
    assert!(expected > 25, "a meaningful fixture set ({expected} rows)");
    assert_eq!(
        ing.records.len() + skipped as usize,
        expected,
        "records + skipped rows = non-empty rows: {:#?}",
        ing.skips
    );
    let records = ing.records.len();
    assert_eq!(records, 6, "{:#?}", ing.records);
    let ledger = rectify::merge(&plan, ing);
    let reports: usize = ledger.tasks.iter().map(|t| t.reports.len()).sum();
    assert_eq!(reports + ledger.unplaced.len(), records);
    assert!(ledger.unplaced.is_empty(), "{:#?}", ledger.unplaced);
    let reasons: std::collections::BTreeSet<String> = ledger
        .skipped
        .iter()
        .map(|s| format!("{:?}", s.reason))
        .collect();
    for r in [
        "Continuation",
        "Total",
        "Unfilled",
        "Paragraph",
        "NoHeaderSheet",
    ] {
        assert!(reasons.contains(r), "{r} in {reasons:?}");
    }
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rectify"))
}

fn run_in(input: &Path, out: &Path, threads: &str) -> std::process::Output {
    bin()
        .args(["run", "--input"])
        .arg(input)
        .arg("--output")
        .arg(out)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap()
}

#[test]
fn ledger_json_has_the_documented_names_and_is_stable() {
    let input = input_with_returns(fixture_set);
    let out1 = input.path().join("out1");
    let out2 = input.path().join("out2");
    let r1 = run_in(input.path(), &out1, "1");
    assert!(
        r1.status.success(),
        "{}",
        String::from_utf8_lossy(&r1.stderr)
    );
    let r2 = run_in(input.path(), &out2, "2");
    assert!(r2.status.success());
    let a = std::fs::read(out1.join("ledger.json")).unwrap();
    let b = std::fs::read(out2.join("ledger.json")).unwrap();
    assert!(
        a == b,
        "same input, different thread count: identical bytes"
    );

    let v: serde_json::Value = serde_json::from_slice(&a).unwrap();
    assert_eq!(v["as_of"], "2020-12-10");
    let tasks = v["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 63);
    for key in [
        "id",
        "category",
        "measure",
        "deadline",
        "lead",
        "responsible",
        "cooperating",
        "status",
        "overdue",
        "reports",
    ] {
        assert!(tasks[0].get(key).is_some(), "tasks[].{key}");
    }
    for key in ["text", "due", "ongoing"] {
        assert!(tasks[0]["deadline"].get(key).is_some(), "deadline.{key}");
    }
    let t20 = tasks.iter().find(|t| t["id"] == 20).unwrap();
    assert_eq!(t20["status"], "completed");
    let rep = &t20["reports"][0];
    for key in [
        "unit",
        "role",
        "status",
        "status_text",
        "progress",
        "completed_on",
        "filed_on",
        "superseded",
        "source",
    ] {
        assert!(rep.get(key).is_some(), "reports[].{key}");
    }
    assert_eq!(rep["unit"], "区水利局");
    assert_eq!(rep["role"], "responsible");
    assert_eq!(rep["completed_on"], "2020-11-30");
    assert_eq!(rep["filed_on"], "2020-12-03");
    assert_eq!(
        rep["source"],
        serde_json::json!({"file": "区水利局.xlsx", "sheet": "Sheet1", "row": 4})
    );
    let t26 = tasks.iter().find(|t| t["id"] == 26).unwrap();
    assert_eq!(
        (t26["status"].as_str(), t26["overdue"].as_bool()),
        (Some("in_progress"), Some(true))
    );
    let t2 = tasks.iter().find(|t| t["id"] == 2).unwrap();
    assert_eq!(t2["status"], "unreported");
    let unit = v["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == "区城市管理局")
        .unwrap();
    for key in ["name", "expected", "reported", "missing", "files"] {
        assert!(unit.get(key).is_some(), "units[].{key}");
    }
    assert_eq!(unit["reported"], serde_json::json!([43, 45]));
    let problems = v["problems"].as_array().unwrap();
    for key in ["severity", "code", "file", "sheet", "row", "message"] {
        assert!(problems[0].get(key).is_some(), "problems[].{key}");
    }
    assert!(problems
        .iter()
        .any(|p| p["code"] == "file_corrupt" && p["file"] == "区商务委.xlsx"));
    assert!(problems
        .iter()
        .any(|p| p["code"] == "task_unknown" && p["row"] == 7));
}

#[test]
fn check_prints_a_summary_and_strict_fails_on_errors() {
    let input = input_with_returns(fixture_set);
    let out = bin()
        .args(["check", "--input"])
        .arg(input.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("读取报送文件6个（无法读取1个，跳过1个）"),
        "{text}"
    );
    assert!(text.contains("63项任务"), "{text}");
    assert!(text.contains("未报送的"), "{text}");
    assert!(
        text.contains("区商务委.xlsx\n  [错误]"),
        "problems grouped by file: {text}"
    );
    assert!(
        !input.path().join("output").exists(),
        "check writes nothing"
    );
    let strict = bin()
        .args(["check", "--strict", "--input"])
        .arg(input.path())
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));

    // A clean folder: strict passes.
    let clean = input_with_returns(|d| {
        let spec = standard_return(
            "填报单位：区水利局 填报日期：2020年12月3日",
            vec![std_row(
                n(20.0),
                &measure(20),
                "已纳入规划纲要。",
                "已完成",
                V::D(2020, 11, 30),
            )],
        );
        write_workbook(&d.join("区水利局.xlsx"), &[spec]);
    });
    let strict = bin()
        .args(["check", "--strict", "--input"])
        .arg(clean.path())
        .output()
        .unwrap();
    assert_eq!(
        strict.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&strict.stdout)
    );
}

#[test]
fn read_limits_come_from_plan_toml() {
    let input = input_with_returns(fixture_set);
    let plan_toml = std::fs::read_to_string(input.path().join("plan.toml")).unwrap();
    let lowered = plan_toml.replace("max_file_bytes = 52428800", "max_file_bytes = 2000");
    assert_ne!(plan_toml, lowered);
    std::fs::write(input.path().join("plan.toml"), lowered).unwrap();
    let plan = rectify::plan::load_plan(input.path()).unwrap();
    assert_eq!(plan.meta.limits.max_file_bytes, 2000);
    let ledger = rectify::build_ledger(&plan, &input.path().join("returns"));
    let too_large: Vec<&str> = ledger
        .problems
        .iter()
        .filter(|p| p.code == rectify::model::Code::FileTooLarge)
        .map(|p| p.file.as_str())
        .collect();
    assert!(too_large.contains(&"区水利局.xlsx"), "{too_large:?}");
    // A limits section with a typo is a plan error, not silently ignored.
    let typo = plan_toml.replace("max_file_bytes", "max_file_byte");
    std::fs::write(input.path().join("plan.toml"), typo).unwrap();
    let err = rectify::plan::load_plan(input.path())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("plan.toml") && err.contains("max_file_byte"),
        "{err}"
    );
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    // 210 returns: enough for the bar on a terminal (see src/progress.rs), but a pipe
    // gets nothing.
    let input = input_with_returns(|d| {
        for i in 0..210 {
            let csv = format!(
                "填报单位：区水利局\n序号,整改进展情况,完成状态\n{},第{i}次报送。,正在推进\n",
                20 + i % 3
            );
            std::fs::write(d.join(format!("r{i:03}.csv")), csv).unwrap();
        }
    });
    let out = bin()
        .args(["check", "--input"])
        .arg(input.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("读取报送文件210个"));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
