//! Rounds (issue 19): the as-of date filters late returns and late completions; each run
//! is kept under output/rounds/ and compared with the latest earlier round; the report
//! and the workbook state what changed; the warning lights.

mod common;

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;

use calamine::{Reader, Xlsx};
use chrono::NaiveDate;
use common::*;
use rectify::model::{Code, Ledger, Light, Status};
use rectify::{attach_previous, report_docx, workbook_bytes, Templates, SHEET_COMPARE};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, d).unwrap()
}

/// The ledger of `returns` at `as_of`.
fn ledger_at(returns: &Path, as_of: NaiveDate) -> Ledger {
    let mut plan = plan();
    plan.meta.as_of = as_of;
    plan.meta.report_date = as_of;
    rectify::build_ledger(&plan, returns)
}

/// 区农业农村委's return filed on `filed` (12月`filed`日) with rows (task, status, done).
fn nongye(dir: &Path, file: &str, filed: u32, rows: &[(u32, &str, V)]) {
    let rows = rows
        .iter()
        .map(|(id, status, done)| {
            std_row(
                n(*id as f64),
                &measure(*id),
                &format!("第{id}项的进展"),
                status,
                done.clone(),
            )
        })
        .collect();
    write_workbook(
        &dir.join(file),
        &[standard_return(
            &format!("填报单位：区农业农村委    填报日期：2020年12月{filed}日"),
            rows,
        )],
    );
}

/// A folder holding the shipped plan (plan.toml, units.toml, tasks.csv) and no returns.
fn plan_input() -> tempfile::TempDir {
    let input = tempfile::tempdir().unwrap();
    for f in ["plan.toml", "units.toml", "tasks.csv"] {
        std::fs::copy(repo().join("input").join(f), input.path().join(f)).unwrap();
    }
    input
}

/// [`plan_input`] with two empty returns folders in it, r1 and r2, for two rounds.
fn round_input() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let input = plan_input();
    let (first, second) = (input.path().join("r1"), input.path().join("r2"));
    std::fs::create_dir_all(&first).unwrap();
    std::fs::create_dir_all(&second).unwrap();
    (input, first, second)
}

/// `rectify run` on `returns` at `as_of` into `out`; it must succeed.
fn run_round(input: &Path, returns: &Path, out: &Path, as_of: &str) {
    let o = Command::new(env!("CARGO_BIN_EXE_rectify"))
        .arg("--input")
        .arg(input)
        .arg("--returns")
        .arg(returns)
        .arg("--output")
        .arg(out)
        .args(["--as-of", as_of, "run"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Round one (as of 12月5日) on `first`, then round two (12月10日) on `second`, into
/// `out`: round two's ledger.
fn two_rounds(input: &Path, first: &Path, second: &Path, out: &Path) -> Ledger {
    run_round(input, first, out, "2020-12-05");
    run_round(input, second, out, "2020-12-10");
    serde_json::from_slice(&std::fs::read(out.join(rectify::LEDGER_JSON)).unwrap()).unwrap()
}

/// The 进展对比 row of task `id` in the workbook written into `out`.
fn compare_row(out: &Path, id: u32) -> Vec<calamine::Data> {
    let mut wb = Xlsx::new(Cursor::new(
        std::fs::read(out.join(rectify::WORKBOOK_XLSX)).unwrap(),
    ))
    .unwrap();
    let sheet = wb.worksheet_range(SHEET_COMPARE).unwrap();
    let row = sheet
        .rows()
        .find(|r| shown(&r[0]) == id.to_string())
        .unwrap_or_else(|| panic!("task {id} in 进展对比"));
    row.to_vec()
}

/// A cell as shown: text as written, 9.0 as "9".
fn shown(c: &calamine::Data) -> String {
    c.to_string()
}

/// Paragraph text of a docx: every w:t, paragraphs joined with newlines.
fn docx_text(docx: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        for piece in para.split("<w:t").skip(1) {
            let body = &piece[piece.find('>').unwrap() + 1..];
            if let Some(end) = body.find("</w:t>") {
                out.push_str(&body[..end]);
            }
        }
        out.push('\n');
    }
    out.replace('\u{200B}', "")
}

#[test]
fn a_return_filed_after_the_as_of_date_waits_for_its_round() {
    let dir = tempfile::tempdir().unwrap();
    nongye(dir.path(), "早.xlsx", 3, &[(8, "正在推进", V::E)]);
    nongye(
        dir.path(),
        "晚.xlsx",
        8,
        &[(8, "已完成", V::D(2020, 12, 7))],
    );

    let early = ledger_at(dir.path(), day(12, 5));
    let t = early.task(8).unwrap();
    assert_eq!(t.status, Status::InProgress);
    let current: Vec<_> = t
        .current_reports()
        .map(|r| r.source.file.as_str())
        .collect();
    assert_eq!(current, ["早.xlsx"]);
    assert!(t.reports.iter().all(|r| r.source.file == "早.xlsx"));
    // Nothing lost: the late file's rows are named in an info problem.
    let late: Vec<_> = early
        .problems
        .iter()
        .filter(|p| p.code == Code::FiledAfterAsOf)
        .collect();
    assert_eq!(late.len(), 1, "{late:?}");
    assert_eq!(late[0].file, "晚.xlsx");
    assert!(
        late[0].message.contains("2020年12月8日"),
        "{}",
        late[0].message
    );
    assert!(late[0].message.contains("1行"), "{}", late[0].message);

    let later = ledger_at(dir.path(), day(12, 10));
    assert_eq!(later.task(8).unwrap().status, Status::Completed);
    assert!(later
        .problems
        .iter()
        .all(|p| p.code != Code::FiledAfterAsOf));
}

/// 已完成 dated after the round's as-of date is no completion this round: when the
/// return was filed before that date too (filed 12月4日, done 12月8日, as of 12月5日),
/// the unit said done of a day still to come, and the report is to verify (adv43 c05);
/// once the round's date has passed the day, it counts, as written.
#[test]
fn a_completion_dated_after_the_as_of_date_is_not_yet_a_completion() {
    let dir = tempfile::tempdir().unwrap();
    nongye(dir.path(), "a.xlsx", 4, &[(8, "已完成", V::D(2020, 12, 8))]);
    let early = ledger_at(dir.path(), day(12, 5));
    let t = early.task(8).unwrap();
    assert_eq!(t.status, Status::Unclear);
    // The ledger keeps what the unit wrote.
    assert_eq!(t.reports[0].status, Status::Completed);
    assert!(early
        .problems
        .iter()
        .any(|p| p.code == Code::StatusContradicted
            && p.row.is_some()
            && p.message.contains("晚于填报日期")));
    let later = ledger_at(dir.path(), day(12, 10));
    assert_eq!(later.task(8).unwrap().status, Status::Completed);
}

/// 已完成 with a month and no day (完成时间 2020年12月) on an undated return, read at 12
/// 月10日: done within the month, by all the row says, and counted; a later month is
/// not. Before (adv54 a 2): the month's last day was after the as-of date, and the task
/// counted 正在推进 with a note saying so.
#[test]
fn a_completion_in_the_as_of_month_counts() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = |month: &str| {
        SheetSpec::new("Sheet1")
            .text_row(&["填报单位：区农业农村委"])
            .text_row(&["序号", "具体举措", "进展情况", "完成状态", "完成时间"])
            .text_row(&["8", &measure(8), "规划已印发。", "已完成", month])
    };
    write_workbook(
        &dir.path().join("区农业农村委.xlsx"),
        &[sheet("2020年12月")],
    );
    let l = ledger_at(dir.path(), day(12, 10));
    let t = l.task(8).unwrap();
    assert_eq!(t.status, Status::Completed);
    assert!(t.reports[0].completed_in_month);
    assert!(
        !l.problems
            .iter()
            .any(|p| p.code == Code::CompletedAfterAsOf),
        "{:#?}",
        l.problems
    );
    write_workbook(&dir.path().join("区农业农村委.xlsx"), &[sheet("2021年1月")]);
    let l = ledger_at(dir.path(), day(12, 10));
    assert_eq!(l.task(8).unwrap().status, Status::InProgress);
    assert!(l
        .problems
        .iter()
        .any(|p| p.code == Code::CompletedAfterAsOf));
}

#[test]
fn the_change_set_against_a_known_previous_round() {
    let returns = tempfile::tempdir().unwrap();
    let output = tempfile::tempdir().unwrap();
    nongye(
        returns.path(),
        "一期.xlsx",
        3,
        &[(8, "正在推进", V::E), (9, "已完成", V::D(2020, 12, 1))],
    );
    // Round one.
    let mut first = ledger_at(returns.path(), day(12, 5));
    attach_previous(&mut first, output.path(), None).unwrap();
    assert!(first.previous.is_none() && first.changes.is_none());
    // Kept as `run` keeps it: the ledger's JSON at its round's path.
    let file = rectify::round_path(output.path(), first.as_of);
    assert!(file.ends_with("rounds/2020-12-05.json"));
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, first.to_json()).unwrap();

    // Round two: task 8 completed, task 9 slipped back, 区水利局 reports for the first time.
    nongye(
        returns.path(),
        "二期.xlsx",
        8,
        &[(8, "已完成", V::D(2020, 12, 8)), (9, "正在推进", V::E)],
    );
    let p = plan();
    let water = &p.tasks_of("区水利局")[0].0.id;
    write_workbook(
        &returns.path().join("区水利局.xlsx"),
        &[standard_return(
            "填报单位：区水利局    填报日期：2020年12月9日",
            vec![std_row(
                n(*water as f64),
                &measure(*water),
                "已开展排查",
                "正在推进",
                V::E,
            )],
        )],
    );
    // The collector fills in its own task: not a unit newly reporting to itself.
    let own = p.tasks_of(&p.meta.collector)[0].0.id;
    write_workbook(
        &returns.path().join("我局.xlsx"),
        &[standard_return(
            &format!("填报单位：{}    填报日期：2020年12月9日", p.meta.collector),
            vec![std_row(
                n(own as f64),
                &measure(own),
                "已开展",
                "正在推进",
                V::E,
            )],
        )],
    );
    let mut second = ledger_at(returns.path(), day(12, 10));
    attach_previous(&mut second, output.path(), None).unwrap();
    let previous = second.previous.as_ref().expect("compared with round one");
    assert_eq!(previous.as_of, day(12, 5));
    assert_eq!(previous.file, "rounds/2020-12-05.json");
    let c = second.changes.as_ref().unwrap();
    assert_eq!(c.newly_completed, [8]);
    assert_eq!(c.regressed, [9]);
    assert_eq!(c.newly_reported, ["区水利局"]);
    // Silent in both rounds and still owing: 区经济信息委, and 区商务委, which helps with
    // task 9: a task kept up with no date is never done (its 已完成 in round one counted
    // 长期坚持), so the unit owed its part in both rounds.
    assert!(c.still_missing.contains(&"区经济信息委".to_string()));
    assert!(c.still_missing.contains(&"区商务委".to_string()));
    for reported in ["区农业农村委", "区水利局", &second.plan.collector] {
        assert!(
            !c.still_missing.contains(&reported.to_string()),
            "{reported}"
        );
    }
    // (Task 9 is kept up with no date: its 已完成 counted 长期坚持.)
    assert_eq!(
        second.task(9).unwrap().previous_status,
        Some(Status::Ongoing)
    );
    let points: Vec<_> = second
        .rounds
        .iter()
        .map(|p| (p.as_of, p.completed))
        .collect();
    assert_eq!(
        points,
        [
            (day(12, 5), first.summary.completed),
            (day(12, 10), second.summary.completed)
        ]
    );

    // The report says it in 一 and names the slipped task in 三.
    let text = docx_text(&report_docx(&second, &Templates::default()).unwrap());
    assert!(
        text.contains("较上期（2020年12月5日）新增完成1项，1项进展倒退，新报送进展的单位1个"),
        "{text}"
    );
    assert!(text.contains("部分任务进展倒退"), "{text}");
    let slipped = &second.task(9).unwrap().short_name;
    assert!(
        text.contains(&format!("{slipped}（上期长期坚持，本期正在推进）")),
        "{text}"
    );
    assert!(text.contains("连续两期未报送"));
    // Units silent twice are pressed, with no escalation the bureau did not choose
    // (adv52 b7: the report promised to refer 区纪委监委 and 区检察院 to letters and
    // the rest to the government's 督查室).
    // When every unit silent now was silent then too, it is said of them all.
    let twice = c.still_missing.len();
    let (all, some) = (
        format!("未报送的{twice}个单位（均连续两期未报送，逐一跟踪催报）"),
        format!("其中对连续两期未报送的{twice}个单位逐一跟踪催报"),
    );
    let silent = second
        .units
        .iter()
        .filter(|u| !u.expected.is_empty() && u.name != second.plan.collector)
        .filter(|u| u.sent_nothing())
        .count();
    let said = if silent == twice { &all } else { &some };
    assert!(text.contains(said.as_str()), "{said}\n{text}");
    assert!(!(text.contains(&all) && text.contains(&some)), "{text}");
    assert!(!text.contains("督查室") && !text.contains("函告"), "{text}");
    assert!(!text.contains("予以通报"), "{text}");
    assert!(
        text.contains("区经济信息委（连续两期未报送）"),
        "附件2 marks it"
    );
    // Without a previous round it says nothing of one.
    let text = docx_text(&report_docx(&first, &Templates::default()).unwrap());
    assert!(!text.contains("较上期") && !text.contains("连续两期"));
    // A unit silent twice gets a second reminder, saying so; the first round's is plain.
    let reminder = |l: &Ledger, name: &str| {
        let u = l.units.iter().find(|u| u.name == name).unwrap();
        format!(
            "{:?}",
            rectify::reminder_blocks(l, u, &Templates::default(), day(12, 10)).unwrap()
        )
    };
    let again = reminder(&second, "区经济信息委");
    assert!(
        again.contains("关于再次催报整改任务落实情况的通知"),
        "{again}"
    );
    assert!(
        again.contains("上期（2020年12月5日）汇总时你单位也未报送"),
        "{again}"
    );
    let once = reminder(&first, "区经济信息委");
    assert!(!once.contains("再次"), "{once}");

    // The workbook: 上期状态 in 任务台账, the 进展对比 sheet, the rounds' table.
    let bytes = workbook_bytes(&second).unwrap();
    let mut wb = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert!(wb.sheet_names().contains(&SHEET_COMPARE.to_string()));
    let tasks = wb.worksheet_range(rectify::SHEET_TASKS).unwrap();
    let header: Vec<String> = tasks
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let then_col = header
        .iter()
        .position(|h| h == "上期状态")
        .expect("上期状态");
    let row9 = tasks.rows().find(|r| shown(&r[0]) == "9").unwrap();
    assert_eq!(row9[then_col].to_string(), "长期坚持");
    let compare = wb.worksheet_range(SHEET_COMPARE).unwrap();
    let row9: Vec<String> = compare
        .rows()
        .find(|r| shown(&r[0]) == "9")
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(row9[3..6], ["长期坚持", "正在推进", "进展倒退"]);
    let row8 = compare.rows().find(|r| shown(&r[0]) == "8").unwrap();
    assert_eq!(row8[5].to_string(), "新增完成");
    let summary = wb.worksheet_range(rectify::SHEET_SUMMARY).unwrap();
    assert!(summary
        .rows()
        .flatten()
        .any(|c| shown(c) == "四、各期完成情况"));
    let first_bytes = workbook_bytes(&first).unwrap();
    let wb = Xlsx::new(Cursor::new(first_bytes)).unwrap();
    assert!(!wb.sheet_names().contains(&SHEET_COMPARE.to_string()));
}

/// Lights at their boundaries: overdue red; due today or within the window yellow;
/// later green; completed and not-applicable tasks have none.
#[test]
fn lights_at_their_boundaries() {
    let as_of = day(12, 10);
    let due = |m, d| Some(day(m, d));
    assert_eq!(
        Light::of(Status::InProgress, true, due(11, 30), as_of, 30),
        Light::Red
    );
    assert_eq!(
        Light::of(Status::NotStarted, false, due(12, 10), as_of, 30),
        Light::Yellow
    );
    assert_eq!(
        Light::of(
            Status::InProgress,
            false,
            Some(day(12, 10) + chrono::Days::new(30)),
            as_of,
            30
        ),
        Light::Yellow
    );
    assert_eq!(
        Light::of(
            Status::InProgress,
            false,
            Some(day(12, 10) + chrono::Days::new(31)),
            as_of,
            30
        ),
        Light::Green
    );
    assert_eq!(
        Light::of(Status::Unreported, false, None, as_of, 30),
        Light::Green
    );
    assert_eq!(
        Light::of(Status::Completed, false, due(11, 30), as_of, 30),
        Light::Off
    );
    assert_eq!(
        Light::of(Status::NotApplicable, true, due(11, 30), as_of, 30),
        Light::Off
    );
    // On the demo: red is exactly the overdue tasks, and the counts add up.
    let l = ledger_for(&repo().join("input/returns"));
    for t in &l.tasks {
        assert_eq!(t.light == Light::Red, t.overdue, "task {}", t.id);
    }
    let s = &l.summary;
    let lit = l.tasks.iter().filter(|t| t.light != Light::Off).count() as u32;
    assert_eq!(s.red + s.yellow + s.green, lit);
    assert!(s.red > 0);
}

/// The demo as README runs it: two rounds (12月5日, then plan.toml's 12月10日); the
/// second is compared with the first, and the report, workbook and ledger.json say so.
#[test]
fn the_demo_in_two_rounds() {
    let out = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_rectify"))
            .current_dir(repo())
            .arg("--output")
            .arg(out.path())
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    run(&["--as-of", "2020-12-05", "run"]);
    assert!(out.path().join("rounds/2020-12-05.json").is_file());
    let said = run(&["run"]);
    assert!(said.contains("与上期（2020年12月5日）相比"), "{said}");
    assert!(out.path().join("rounds/2020-12-10.json").is_file());
    assert!(out.path().join("rounds/2020-12-05.json").is_file(), "kept");
    // A round is a record beside the outputs, not one of them: not in the manifest (so
    // never removed as stale), not in the list of files written.
    let manifest = std::fs::read_to_string(out.path().join(".rectify-manifest.json")).unwrap();
    assert!(
        manifest.contains("ledger.json") && !manifest.contains("rounds/"),
        "{manifest}"
    );
    let written = said.lines().find(|l| l.starts_with("已写入")).unwrap();
    assert!(!written.contains("rounds"), "{written}");
    // The round is the run's ledger.json, byte for byte.
    assert_eq!(
        std::fs::read(out.path().join("rounds/2020-12-10.json")).unwrap(),
        std::fs::read(out.path().join(rectify::LEDGER_JSON)).unwrap()
    );
    let ledger: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join(rectify::LEDGER_JSON)).unwrap())
            .unwrap();
    assert_eq!(ledger["previous"]["as_of"], "2020-12-05");
    let changes = &ledger["changes"];
    let count = |k: &str| changes[k].as_array().map_or(0, Vec::len);
    assert!(count("newly_completed") > 0, "{changes}");
    assert!(count("newly_reported") > 0, "{changes}");
    let text = docx_text(&std::fs::read(out.path().join(rectify::REPORT_DOCX)).unwrap());
    assert!(text.contains("较上期（2020年12月5日）新增完成"), "{text}");
    // A task 已报完成待确认 then that a responsible unit's report now puts in question is
    // told (adv52 b2: 河道整治中砍伐竹林 turned 待核实 and overdue, and the comparison
    // said nothing of it).
    let then: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("rounds/2020-12-05.json")).unwrap())
            .unwrap();
    let status_of = |l: &serde_json::Value, id: u64| {
        l["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .map(|t| t["status"].as_str().unwrap().to_string())
            .unwrap()
    };
    let unconfirmed: Vec<u64> = changes["unconfirmed"]
        .as_array()
        .expect("the demo has such a task")
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    for &id in &unconfirmed {
        assert_eq!(status_of(&then, id), "confirming");
        let now = status_of(&ledger, id);
        assert!(
            ["in_progress", "not_started", "unclear"].contains(&now.as_str()),
            "{id}: {now}"
        );
        let short = ledger["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()["short_name"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(text.contains(&short), "{short}");
    }
    assert!(
        text.contains(&format!(
            "{}项上期已报完成待确认的任务本期未能确认完成（",
            unconfirmed.len()
        )),
        "{text}"
    );
    assert!(said.contains(&format!(
        "上期已完成或已报完成待确认、本期未能确认完成{}项",
        unconfirmed.len()
    )));
    let wb = Xlsx::new(Cursor::new(
        std::fs::read(out.path().join(rectify::WORKBOOK_XLSX)).unwrap(),
    ))
    .unwrap();
    assert!(wb.sheet_names().contains(&SHEET_COMPARE.to_string()));
    // A previous round that is not earlier is refused, in Chinese, with exit 2.
    let o = Command::new(env!("CARGO_BIN_EXE_rectify"))
        .current_dir(repo())
        .arg("--output")
        .arg(out.path())
        .args(["--as-of", "2020-12-05", "--previous"])
        .arg(out.path().join("rounds/2020-12-10.json"))
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("不早于本期"));
}

/// A unit that reported a task done last round and sends nothing on it this round has
/// not undone it: last round's report stands, marked, the task still done (not 倒退,
/// not 逾期), the unit not chased for it, the report's attachment saying whence the
/// words come, and the clerk told. A task it left unfinished last round is chased as
/// before. Before (adv44 c01): 生态环境保护纳入“十四五”规划 was 上期已完成，本期未报送,
/// listed as 倒退 and overdue, and the unit was sent a reminder for it.
#[test]
fn last_rounds_completion_stands_for_a_unit_silent_on_it() {
    let (input, first, second) = round_input();
    nongye(
        &first,
        "区农业农村委.xlsx",
        3,
        &[(8, "已完成", V::D(2020, 9, 25)), (9, "正在推进", V::E)],
    );
    // Round two: another unit's return only.
    write_workbook(
        &second.join("区水利局.xlsx"),
        &[standard_return(
            "填报单位：区水利局    填报日期：2020年12月9日",
            vec![std_row(
                n(20.0),
                &measure(20),
                "已开展排查",
                "正在推进",
                V::E,
            )],
        )],
    );
    let out = tempfile::tempdir().unwrap();
    let ledger = two_rounds(input.path(), &first, &second, out.path());
    let t8 = ledger.task(8).unwrap();
    assert_eq!(t8.status, Status::Completed);
    let r = t8.current_reports().next().unwrap();
    assert_eq!(
        (r.unit.as_str(), r.carried_from, r.filed_on),
        ("区农业农村委", Some(day(12, 5)), Some(day(12, 3)))
    );
    assert!(!ledger.changes.as_ref().unwrap().regressed.contains(&8));
    // Unfinished last round: nothing carried, chased; not reported again, which is not
    // 进展倒退 (adv46 in-miss: 19 tasks told as gone back when their units were silent).
    assert_eq!(ledger.task(9).unwrap().status, Status::Unreported);
    let changes = ledger.changes.as_ref().unwrap();
    assert!(changes.regressed.is_empty(), "{changes:?}");
    assert_eq!(changes.no_longer_reported, [9]);
    let unit = ledger
        .units
        .iter()
        .find(|u| u.name == "区农业农村委")
        .unwrap();
    assert!(
        unit.missing.contains(&9) && !unit.missing.contains(&8),
        "{:?}",
        unit.missing
    );
    assert!(ledger.problems.iter().any(|p| p.code == Code::Carried
        && p.message
            .contains("区农业农村委本期未报送第8项，该单位在2020年12月5日汇总时已报送完成")));
    let text = docx_text(&std::fs::read(out.path().join(rectify::REPORT_DOCX)).unwrap());
    assert!(
        text.contains("区农业农村委（12月3日报送，本期未再报送）：第8项的进展"),
        "{text}"
    );
    assert!(
        text.contains("1项上期已报送进展、本期未再报送") && !text.contains("倒退"),
        "{text}"
    );
    let row = compare_row(out.path(), 9);
    assert!(row.iter().any(|c| shown(c) == "本期未报送"), "{row:?}");
    let reminder =
        docx_text(&std::fs::read(out.path().join("reminders/催报通知-区农业农村委.docx")).unwrap());
    assert!(
        reminder.contains("第9项") && !reminder.contains("第8项"),
        "{reminder}"
    );
}

/// A task whose status is lower only because a unit reported on it for the first time
/// (大安街道 正在推进 beside 金龙镇's 长期坚持) has not gone back: nobody's word did
/// (adv47 b: 工业园区污水管网建设 was told as 倒退 when 港桥 first reported).
#[test]
fn a_first_word_lowering_a_task_is_no_regression() {
    let (input, first, second) = round_input();
    // Task 29: four towns responsible, no lead.
    let town = |dir: &Path, unit: &str, day: u32, status: &str| {
        write_workbook(
            &dir.join(format!("{unit}.xlsx")),
            &[standard_return(
                &format!("填报单位：{unit}    填报日期：2020年12月{day}日"),
                vec![std_row(n(29.0), &measure(29), "开展巡查。", status, V::E)],
            )],
        );
    };
    for dir in [&first, &second] {
        town(dir, "金龙镇", 3, "长期坚持");
    }
    town(&second, "大安街道", 8, "正在推进");
    // Task 60 (区金融办 alone): nothing in round one, 未启动 in round two.
    write_workbook(
        &second.join("区金融办.xlsx"),
        &[standard_return(
            "填报单位：区金融办    填报日期：2020年12月8日",
            vec![std_row(n(60.0), &measure(60), "尚未开展。", "未启动", V::E)],
        )],
    );
    let out = tempfile::tempdir().unwrap();
    let ledger = two_rounds(input.path(), &first, &second, out.path());
    // A first word after nothing is no progress (adv50 b 4: 未报送 → 未启动 read 有进展).
    let t60 = ledger.task(60).unwrap();
    assert_eq!(
        (t60.previous_status, t60.status),
        (Some(Status::Unreported), Status::NotStarted)
    );
    let row = compare_row(out.path(), 60);
    assert!(row.iter().any(|c| shown(c) == "首次报送"), "{row:?}");
    let t = ledger.task(29).unwrap();
    assert_eq!(t.previous_status, Some(Status::Ongoing));
    assert_eq!(t.status, Status::InProgress);
    let changes = ledger.changes.as_ref().unwrap();
    assert!(!changes.regressed.contains(&29), "{changes:?}");
    let row = compare_row(out.path(), 29);
    assert!(row.iter().any(|c| shown(c) == "状态变化"), "{row:?}");

    // The same unit's word going back is 倒退.
    let third = input.path().join("r3");
    std::fs::create_dir_all(&third).unwrap();
    town(&third, "金龙镇", 9, "正在推进");
    let out = tempfile::tempdir().unwrap();
    let ledger = two_rounds(input.path(), &first, &third, out.path());
    assert!(ledger.changes.as_ref().unwrap().regressed.contains(&29));
}

/// A task 已完成 then that is not now, though no unit's own word went back (a
/// responsible unit's first report says the work goes on; a completion now in doubt),
/// is told beside the ones gone back, so the fall in 已完成 adds up: every task done
/// then and not now is gone back, unconfirmed or no longer reported. Before (adv54 b
/// 1): 已完成 fell by 14 where 一 told 13 gone back and nothing else.
#[test]
fn a_completion_lost_without_going_back_is_told() {
    let (input, first, second) = round_input();
    let nongye = |dir: &Path, day: u32, eight: &str| {
        write_workbook(
            &dir.join("区农业农村委.xlsx"),
            &[standard_return(
                &format!("填报单位：区农业农村委    填报日期：2020年12月{day}日"),
                vec![
                    std_row(n(1.0), &measure(1), "已出台整治政策。", "已完成", V::E),
                    std_row(n(8.0), &measure(8), eight, "已完成", V::E),
                ],
            )],
        );
    };
    nongye(&first, 3, "专项规划已印发。");
    nongye(&second, 8, "专项规划编制仍未完成。");
    // Task 1 (各镇街 responsible): 宝峰镇's first word.
    write_workbook(
        &second.join("宝峰镇.xlsx"),
        &[standard_return(
            "填报单位：宝峰镇    填报日期：2020年12月8日",
            vec![std_row(
                n(1.0),
                &measure(1),
                "尾水处理设施正在建设。",
                "正在推进",
                V::E,
            )],
        )],
    );
    let out = tempfile::tempdir().unwrap();
    let ledger = two_rounds(input.path(), &first, &second, out.path());
    let changes = ledger.changes.as_ref().unwrap();
    for id in [1, 8] {
        let t = ledger.task(id).unwrap();
        assert_eq!(t.previous_status, Some(Status::Completed), "task {id}");
        assert_ne!(t.status, Status::Completed, "task {id}");
        assert!(changes.unconfirmed.contains(&id), "{id}: {changes:?}");
        assert!(!changes.regressed.contains(&id), "{id}: {changes:?}");
        let row = compare_row(out.path(), id);
        assert!(row.iter().any(|c| shown(c) == "未能确认完成"), "{row:?}");
    }
    // Every task done then and not now is told one way or another.
    for t in &ledger.tasks {
        if t.previous_status == Some(Status::Completed) && t.status != Status::Completed {
            assert!(
                changes.regressed.contains(&t.id)
                    || changes.unconfirmed.contains(&t.id)
                    || changes.no_longer_reported.contains(&t.id),
                "task {}: {changes:?}",
                t.id
            );
        }
    }
    let text = docx_text(&std::fs::read(out.path().join(rectify::REPORT_DOCX)).unwrap());
    let (one, eight) = (ledger.task(1).unwrap(), ledger.task(8).unwrap());
    let said = format!(
        "2项上期已完成的任务本期未能确认完成（{}，本期为{}；{}，本期为{}）",
        one.short_name,
        one.status.label(),
        eight.short_name,
        eight.status.label()
    );
    assert!(text.contains(&said), "{said}\n{text}");
}

/// A task that passed its deadline unfinished since the previous round is said so:
/// 新增逾期 in the changes, the report's comparison sentence and the workbook's 进展对比.
/// Before (adv44 c01): 进展对比 said 无变化 and the report said nothing of it.
#[test]
fn a_task_overdue_since_the_last_round_is_new_overdue() {
    let returns = tempfile::tempdir().unwrap();
    let output = tempfile::tempdir().unwrap();
    // 第36项 is due 2020年11月底; 凤凰湖产业促进中心 says it is at work on 11月8日.
    write_workbook(
        &returns.path().join("凤凰湖产业促进中心.xlsx"),
        &[standard_return(
            "填报单位：凤凰湖产业促进中心    填报日期：2020年11月8日",
            vec![
                std_row(
                    n(36.0),
                    &measure(36),
                    "正在排查暗渠排口。",
                    "正在推进",
                    V::E,
                ),
                // Due 2020年9月底: 已完成 then (the others not heard: 已报完成待确认).
                std_row(
                    n(25.0),
                    &measure(25),
                    "已对砍伐河段补植复绿。",
                    "已完成",
                    V::D(2020, 9, 20),
                ),
            ],
        )],
    );
    // Later, its 已完成 beside words of work under way: 待核实, overdue, but not newly so
    // (its deadline was long past at the first round) (adv48 b M2).
    write_workbook(
        &returns.path().join("凤凰湖产业促进中心（更新）.xlsx"),
        &[standard_return(
            "填报单位：凤凰湖产业促进中心    填报日期：2020年12月5日",
            vec![std_row(
                n(25.0),
                &measure(25),
                "补植复绿正在推进。",
                "已完成",
                V::E,
            )],
        )],
    );
    let mut first = ledger_at(returns.path(), day(11, 10));
    attach_previous(&mut first, output.path(), None).unwrap();
    assert!(!first.task(36).unwrap().overdue);
    let file = rectify::round_path(output.path(), first.as_of);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, first.to_json()).unwrap();
    let mut second = ledger_at(returns.path(), day(12, 10));
    attach_previous(&mut second, output.path(), None).unwrap();
    let t = second.task(36).unwrap();
    assert!(t.overdue);
    assert_eq!(t.previous_status, Some(t.status));
    let changes = second.changes.as_ref().unwrap();
    assert!(second.task(25).unwrap().overdue);
    assert!(!first.task(25).unwrap().overdue);
    assert_eq!(changes.newly_overdue, [36]);
    assert!(changes.regressed.is_empty());
    let text = docx_text(&report_docx(&second, &Templates::default()).unwrap());
    assert!(
        text.contains(&format!("新增逾期1项（{}）", t.short_name)),
        "{text}"
    );
    let mut wb = Xlsx::new(Cursor::new(workbook_bytes(&second).unwrap())).unwrap();
    let sheet = wb.worksheet_range(SHEET_COMPARE).unwrap();
    let row = sheet
        .rows()
        .find(|r| shown(&r[0]) == "36")
        .expect("task 36 in 进展对比");
    assert!(row.iter().any(|c| shown(c) == "新增逾期"), "{row:?}");
}

/// Last round's return sent again with only its 填报日期 changed: every task's progress
/// word for word as before, tasks still unfinished (one overdue): a warning naming the
/// unit, both dates and the unfinished tasks. Not for a unit that sent news on one task,
/// nor for the same file read again (its date unchanged), nor for a unit whose tasks
/// are all done. Before (adv45 b18) nothing was said.
#[test]
fn last_rounds_return_sent_again_under_a_new_date_is_questioned() {
    let input = plan_input();
    // Task 8 was due by the end of September: overdue unless done.
    let rows_then = [(8, "正在推进", V::E), (9, "正在推进", V::E)];
    type Rows<'a> = &'a [(u32, &'a str, V)];
    let cases: [(&str, u32, Rows, bool); 4] = [
        ("resent", 9, &rows_then, true),
        ("same file", 3, &rows_then, false),
        (
            "news",
            9,
            &[(8, "已完成", V::D(2020, 12, 8)), (9, "正在推进", V::E)],
            false,
        ),
        (
            "done",
            9,
            &[(8, "已完成", V::E), (9, "已完成", V::E)],
            false,
        ),
    ];
    for (case, filed, rows_now, warned) in cases {
        let (first, second) = (input.path().join("r1"), input.path().join("r2"));
        for d in [&first, &second] {
            let _ = std::fs::remove_dir_all(d);
            std::fs::create_dir_all(d).unwrap();
        }
        // Round one: the units' November return (done tasks compared too in "done").
        let rows_before: &[(u32, &str, V)] = if case == "done" {
            &[(8, "已完成", V::E), (9, "已完成", V::E)]
        } else {
            &rows_then
        };
        nongye(&first, "区农业农村委.xlsx", 3, rows_before);
        nongye(&second, "区农业农村委.xlsx", filed, rows_now);
        let out = tempfile::tempdir().unwrap();
        let ledger = two_rounds(input.path(), &first, &second, out.path());
        let found: Vec<&str> = ledger
            .problems
            .iter()
            .filter(|p| p.code == Code::SameAsLastRound)
            .map(|p| p.message.as_str())
            .collect();
        if warned {
            assert_eq!(found.len(), 1, "{case}: {:?}", ledger.problems);
            let overdue = ledger.task(8).unwrap().overdue;
            assert!(overdue, "task 8 is overdue at 12月10日");
            assert!(
                found[0].starts_with("区农业农村委2020年12月9日报送的2项任务进展，与其上期（2020年12月3日）报送的逐字相同")
                    && found[0].contains("第8、9项仍未完成，其中第8项已逾期"),
                "{}",
                found[0]
            );
        } else {
            assert!(found.is_empty(), "{case}: {found:?}");
        }
    }
}

/// A unit whose return came after this round's cut-off has sent it: it is not counted
/// among the units silent two rounds running, which 四 says are followed up (adv52 d 1:
/// 附件2 said 统计截止日期后报送 beside units the report chased as silent twice).
#[test]
fn a_late_return_is_not_silence_twice() {
    let returns = tempfile::tempdir().unwrap();
    let output = tempfile::tempdir().unwrap();
    let first = ledger_at(returns.path(), day(12, 5));
    let file = rectify::round_path(output.path(), first.as_of);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, first.to_json()).unwrap();
    let p = plan();
    let unit = "区经济信息委";
    let id = p.tasks_of(unit)[0].0.id;
    write_workbook(
        &returns.path().join(format!("{unit}.xlsx")),
        &[standard_return(
            &format!("填报单位：{unit}    填报日期：2020年12月12日"),
            vec![std_row(
                n(id as f64),
                &measure(id),
                "已开展",
                "正在推进",
                V::E,
            )],
        )],
    );
    let mut second = ledger_at(returns.path(), day(12, 10));
    attach_previous(&mut second, output.path(), None).unwrap();
    let u = second.units.iter().find(|u| u.name == unit).unwrap();
    assert!(u.late.contains(&id), "{u:?}");
    let c = second.changes.as_ref().unwrap();
    assert!(!c.still_missing.contains(&unit.to_string()), "{c:?}");
    assert!(c.still_missing.contains(&"区卫健委".to_string()), "{c:?}");
}

/// A unit silent in round one that owes nothing in round two (区市场监管局 helps with task
/// 13, done by its three responsible units since) is named apart, so the silent of two
/// rounds add up: those silent then = those silent twice + those reporting since + those
/// released (adv56 b 3: 38 silent then, 4 reporting since, 33 silent now, one unsaid).
#[test]
fn a_unit_no_longer_owing_is_told_so_the_silent_of_two_rounds_add_up() {
    let input = plan_input();
    let returns = repo().join("input").join("returns");
    let out = tempfile::tempdir().unwrap();
    run_round(input.path(), &returns, out.path(), "2020-12-05");
    let first: Ledger =
        serde_json::from_slice(&std::fs::read(out.path().join(rectify::LEDGER_JSON)).unwrap())
            .unwrap();
    run_round(input.path(), &returns, out.path(), "2020-12-10");
    let second: Ledger =
        serde_json::from_slice(&std::fs::read(out.path().join(rectify::LEDGER_JSON)).unwrap())
            .unwrap();
    let c = second.changes.as_ref().unwrap();
    assert_eq!(c.released, ["区市场监管局"], "{c:?}");
    assert!(c.released_done);
    let silent = |l: &Ledger| {
        l.units
            .iter()
            .filter(|u| !u.expected.is_empty() && u.name != l.plan.collector)
            .filter(|u| u.sent_nothing())
            .count()
    };
    // Every unit silent then is silent twice, reporting now, late, or released.
    let late_now = second
        .units
        .iter()
        .filter(|u| !u.late.is_empty() && u.sent_nothing())
        .count();
    let since = c
        .newly_reported
        .iter()
        .filter(|u| {
            first
                .units
                .iter()
                .any(|f| &f.name == *u && !f.expected.is_empty())
        })
        .count();
    assert_eq!(
        silent(&first),
        c.still_missing.len() + since + c.released.len() + late_now,
        "{c:?}"
    );
    let text = docx_text(&std::fs::read(out.path().join(rectify::REPORT_DOCX)).unwrap());
    assert!(
        text.contains("区市场监管局上期未报送，因应由其报送的任务已完成，本期不再列入应报送单位。"),
        "{text}"
    );
}
