//! Checklists and reminders (issue 7): generate every unit's checklist, fill it as the
//! unit would, ingest it back and compare; LibreOffice re-saves; the XML of protection,
//! dropdowns and the marker; openxml-audit; reminders against the ledger.
//!
//! Filling: rust_xlsxwriter cannot edit a file, so a filled return is the checklist
//! regenerated with the unit's input (`rectify::filled_checklist_bytes`): the
//! same bytes the form has, plus what the unit typed into the unlocked cells.

mod common;

use common::tools::tool_available;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use chrono::NaiveDate;

use rectify::model::queries::{role_of, units_missing, units_owing};
use rectify::model::status::choices;
use rectify::model::Status;
use rectify::model::{Code, Severity};
use rectify::model::{Ledger, MatchedBy, UnitEntry};
use rectify::{
    checklist_bytes, filled_checklist_bytes, notice_blocks, reminder_blocks, reminder_file,
    reminder_list_blocks, select, write_outputs, Block, Filled, FilledRow, Job, RenderError,
    Templates, REMINDER_LIST_DOCX,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// What `rectify checklists --date DATE` writes into `out`.
fn write_checklists(
    l: &Ledger,
    out: &Path,
    t: &Templates,
    date: NaiveDate,
) -> Result<Vec<String>, RenderError> {
    let mut job = Job::new(l, t, out);
    job.notice_date = date;
    write_outputs(&job, &select(&["checklists"])).map(|w| w.files)
}

/// What `rectify remind --date DATE` writes into `out`.
fn write_reminders(
    l: &Ledger,
    out: &Path,
    t: &Templates,
    date: NaiveDate,
) -> Result<Vec<String>, RenderError> {
    let mut job = Job::new(l, t, out);
    job.reminder_date = date;
    write_outputs(&job, &select(&["reminders"])).map(|w| w.files)
}

/// The ledger with no returns: what `rectify checklists` renders from.
fn blank_ledger() -> &'static Ledger {
    static L: OnceLock<Ledger> = OnceLock::new();
    L.get_or_init(|| {
        let empty = tempfile::tempdir().unwrap();
        common::ledger_for(empty.path())
    })
}

fn unit<'a>(ledger: &'a Ledger, name: &str) -> &'a UnitEntry {
    ledger.units.iter().find(|u| u.name == name).unwrap()
}

/// What unit number `i` types: statuses cycle through the dropdown's words; completed
/// tasks get a date; some rows carry evidence and notes, some line breaks.
fn fill_for(u: &UnitEntry, i: usize) -> Filled {
    let mut rows = BTreeMap::new();
    for (k, id) in u.expected.iter().enumerate() {
        let words = choices();
        let mut word = words[(i + k) % words.len()];
        // 不涉及 from the only unit a task was written for is to be checked: not a clean
        // return.
        let sole = blank_ledger()
            .task(*id)
            .is_some_and(|t| t.deciders() == [u.name.clone()]);
        if sole && word == Status::NotApplicable.label() {
            word = words[(i + k + 1) % words.len()];
        }
        // Nor is 长期坚持 on a task due once (counted 正在推进, the unit asked).
        let due_once = blank_ledger()
            .task(*id)
            .is_some_and(|t| t.deadline.due.is_some() && !t.deadline.ongoing);
        if due_once && word == Status::Ongoing.label() {
            word = Status::InProgress.label();
        }
        rows.insert(
            *id,
            FilledRow {
                progress: format!("{}第{id}项：已开展排查整治。\n下一步继续推进。", u.name),
                status: word.to_string(),
                completed_on: (word == Status::Completed.label())
                    .then(|| date(2020, 9 + (k % 3) as u32, 10 + k as u32 % 18)),
                evidence: if k % 2 == 0 {
                    format!("佐证材料{id}.pdf")
                } else {
                    String::new()
                },
                note: if k % 3 == 0 {
                    "无".to_string()
                } else {
                    String::new()
                },
            },
        );
    }
    Filled {
        filed_on: Some(date(2020, 12, 1 + (i % 5) as u32)),
        person: "张三".into(),
        phone: "49581234".into(),
        rows,
        ..Default::default()
    }
}

fn status_of(word: &str) -> Status {
    Status::from_name(word).expect("a dropdown word is a status label")
}

/// Every expected task of `u` has exactly one current report from `u`, equal to `f`.
fn assert_reports_equal(ledger: &Ledger, u: &UnitEntry, f: &Filled, file: &str) {
    for id in &u.expected {
        let task = ledger.task(*id).unwrap();
        let mine: Vec<_> = task.reports.iter().filter(|r| r.unit == u.name).collect();
        assert_eq!(mine.len(), 1, "{} task {id}: {mine:?}", u.name);
        let r = mine[0];
        let want = &f.rows[id];
        assert!(!r.superseded);
        assert_eq!(r.role, role_of(task, &u.name), "{} task {id}", u.name);
        assert_eq!(r.status, status_of(&want.status), "{} task {id}", u.name);
        assert_eq!(r.status_text, want.status);
        assert_eq!(r.progress, want.progress);
        assert_eq!(r.completed_on, want.completed_on, "{} task {id}", u.name);
        assert_eq!(r.evidence, want.evidence);
        assert_eq!(r.note, want.note);
        assert_eq!(r.filed_on, f.filed_on);
        assert_eq!(r.matched_by, MatchedBy::Id);
        assert_eq!(r.source.file, file);
    }
    let entry = unit(ledger, &u.name);
    assert!(entry.missing.is_empty(), "{}: {:?}", u.name, entry.missing);
    assert_eq!(entry.reported, u.expected, "{}", u.name);
}

/// No errors or warnings; the only infos are none at all (our instructions sheet and
/// marker sheet are passed over silently, but counted in `skipped`). The collector's
/// own missing tasks (a warning for the clerk) are expected when it did not fill its form.
fn assert_clean(ledger: &Ledger) {
    let noisy: Vec<_> = ledger
        .problems
        .iter()
        .filter(|p| p.severity != Severity::Info || p.code != Code::FileSkipped)
        // The bureau's own tasks left empty are a note to its clerk, not about a file;
        // so is its own 已完成 that the units under it, filled in at random here, overrule.
        .filter(|p| p.code != Code::CollectorMissing)
        .filter(|p| {
            !(p.code == Code::Conflict
                && p.message
                    .starts_with(&format!("{}对第", ledger.plan.collector))
                && p.message.contains("已按“正在推进”汇总"))
        })
        // The random fill's 已完成 on a task kept up with no date: counted 长期坚持, said
        // so (a note on the answer, not on reading the form).
        .filter(|p| {
            !(p.severity == Severity::Info
                && p.code == Code::ReadNote
                && p.message.ends_with(common::KEPT_UP_NOTE))
        })
        .collect();
    assert!(noisy.is_empty(), "{noisy:#?}");
    assert!(ledger.unplaced.is_empty(), "{:#?}", ledger.unplaced);
}

fn returns_dir(dir: &Path) -> PathBuf {
    let r = dir.join("returns");
    std::fs::create_dir_all(&r).unwrap();
    r
}

#[test]
fn every_checklist_round_trips_through_ingest() {
    let blank = blank_ledger();
    let units = units_owing(blank);
    assert_eq!(
        units.len(),
        52,
        "every unit owing a report gets a checklist"
    );
    let dir = tempfile::tempdir().unwrap();
    let returns = returns_dir(dir.path());
    let mut fills = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let f = fill_for(u, i);
        // Units rename the file: a neutral name, so only the marker can tell the unit.
        let name = format!("return-{i:02}.xlsx");
        std::fs::write(
            returns.join(&name),
            filled_checklist_bytes(blank, u, &f).unwrap(),
        )
        .unwrap();
        fills.push((u.name.clone(), f, name));
    }
    let ledger = common::ledger_for(&returns);
    assert_clean(&ledger);
    for (name, f, file) in &fills {
        assert_reports_equal(&ledger, unit(blank, name), f, file);
    }
    // The instructions and marker sheets are accounted for as skipped, never lost.
    for (_, _, file) in &fills {
        let reasons: BTreeSet<String> = ledger
            .skipped
            .iter()
            .filter(|s| &s.file == file)
            .map(|s| format!("{:?}", s.reason))
            .collect();
        assert!(reasons.contains("HiddenSheet"), "{file}: {reasons:?}");
        assert!(reasons.contains("NoHeaderSheet"), "{file}: {reasons:?}");
    }
    // 52 units, the collector among them: it is not counted among the units it
    // collects from.
    assert_eq!(ledger.summary.units_reported, 51);
    assert_eq!(ledger.summary.units_expected, 51);
    assert_eq!(ledger.summary.unreported, 0);
}

#[test]
fn an_edited_checklist_is_still_recognised_exactly() {
    let blank = blank_ledger();
    let u = unit(blank, "来苏镇");
    let mut f = fill_for(u, 1);
    f.title = Some("来苏镇整改进展（修改后）".into());
    f.blank_ids = true;
    f.unit_text = Some("来苏镇人民政府（盖章）".into());
    let dir = tempfile::tempdir().unwrap();
    let returns = returns_dir(dir.path());
    let file = "新建 Microsoft Excel 工作表.xlsx";
    std::fs::write(
        returns.join(file),
        filled_checklist_bytes(blank, u, &f).unwrap(),
    )
    .unwrap();
    let ledger = common::ledger_for(&returns);
    assert_clean(&ledger);
    assert_reports_equal(&ledger, u, &f, file);
}

/// A unit that fills in a copy of another unit's checklist and writes its own name in
/// 填报单位 (towns share most tasks) has sent its own return: the rows are the writer's,
/// with a warning, and the checklist's unit keeps its own return.
#[test]
fn a_checklist_filled_in_under_another_units_name_counts_for_the_writer_with_a_warning() {
    let blank = blank_ledger();
    let u = unit(blank, "宝峰镇");
    let dir = tempfile::tempdir().unwrap();
    let returns = returns_dir(dir.path());
    // 宝峰镇's own return, filed first.
    let mut own = fill_for(u, 0);
    own.filed_on = Some(date(2020, 12, 3));
    std::fs::write(
        returns.join("宝峰镇.xlsx"),
        filled_checklist_bytes(blank, u, &own).unwrap(),
    )
    .unwrap();
    // 来苏镇 fills in 宝峰镇's checklist a day later, under its own name.
    let mut copy = fill_for(u, 2);
    copy.unit_text = Some("来苏镇".into());
    copy.filed_on = Some(date(2020, 12, 4));
    std::fs::write(
        returns.join("a.xlsx"),
        filled_checklist_bytes(blank, u, &copy).unwrap(),
    )
    .unwrap();
    let ledger = common::ledger_for(&returns);
    assert_reports_equal(&ledger, u, &own, "宝峰镇.xlsx");
    let file = ledger.files.iter().find(|f| f.file == "a.xlsx").unwrap();
    assert_eq!(file.unit.as_deref(), Some("来苏镇"));
    for id in &u.expected {
        let by_copy: Vec<&str> = ledger
            .task(*id)
            .unwrap()
            .current_reports()
            .filter(|r| r.source.file == "a.xlsx")
            .map(|r| r.unit.as_str())
            .collect();
        assert_eq!(by_copy, ["来苏镇"], "task {id}");
    }
    let p = ledger
        .problems
        .iter()
        .find(|p| p.code == Code::MarkerMismatch)
        .expect("a warning");
    assert_eq!(p.severity, Severity::Warning);
    assert!(p.message.contains("已按来苏镇计入"), "{}", p.message);
}

#[test]
fn a_checklist_of_another_plan_is_read_as_an_ordinary_return() {
    let mut other = blank_ledger().clone();
    other.plan.plan_id = "another-plan".into();
    let u = unit(&other, "区水利局").clone();
    let f = fill_for(&u, 0);
    let dir = tempfile::tempdir().unwrap();
    let returns = returns_dir(dir.path());
    std::fs::write(
        returns.join("b.xlsx"),
        filled_checklist_bytes(&other, &u, &f).unwrap(),
    )
    .unwrap();
    let ledger = common::ledger_for(&returns);
    assert!(ledger
        .problems
        .iter()
        .any(|p| p.code == Code::MarkerMismatch));
    // Still read: the 填报单位 cell and the 序号 column are there.
    assert_reports_equal(&ledger, &u, &f, "b.xlsx");
}

// ---------------------------------------------------------------------------
// LibreOffice

/// Convert every file in `files` with soffice to `to` (xlsx / pdf) into `out`.
fn soffice(work: &Path, to: &str, out: &Path, files: &[PathBuf]) {
    let profile = work.join("lo-profile");
    let o = Command::new("soffice")
        .env(
            "FONTCONFIG_FILE",
            common::repo().join("tests/fontconfig/fonts.conf"),
        )
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--convert-to", to, "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .unwrap();
    for f in files {
        let made = out.join(f.file_name().unwrap()).with_extension(to);
        assert!(
            made.exists(),
            "soffice made no {to} of {}: {}{}",
            f.display(),
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

fn zip_part(path: &Path, part: &str) -> String {
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    z.by_name(part).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn checklists_resaved_by_libreoffice_ingest_exactly() {
    if !tool_available("soffice", "--version") {
        return;
    }
    let blank = blank_ledger();
    let dir = tempfile::tempdir().unwrap();
    let filled_dir = dir.path().join("filled");
    std::fs::create_dir_all(&filled_dir).unwrap();
    let picks = ["区水利局", "来苏镇", "重庆市永川区惠永水务有限公司"];
    let mut fills = Vec::new();
    let mut paths = Vec::new();
    for (i, name) in picks.iter().enumerate() {
        let u = unit(blank, name);
        let mut f = fill_for(u, i);
        // One of them also loses its 序号 column before the re-save.
        f.blank_ids = i == 1;
        let path = filled_dir.join(format!("u{i}.xlsx"));
        std::fs::write(&path, filled_checklist_bytes(blank, u, &f).unwrap()).unwrap();
        fills.push((u, f, format!("u{i}.xlsx")));
        paths.push(path);
    }
    let returns = returns_dir(dir.path());
    soffice(dir.path(), "xlsx", &returns, &paths);

    // What survived: the hidden marker sheet, the defined names, protection and
    // validations.
    let resaved = returns.join("u0.xlsx");
    let wbxml = zip_part(&resaved, "xl/workbook.xml");
    assert!(
        wbxml.contains(r#"name="_rectify""#) && wbxml.contains(r#"state="hidden""#),
        "{wbxml}"
    );
    assert!(wbxml.contains("RECTIFY_PLAN") && wbxml.contains("RECTIFY_TASKS"));
    let sheet = zip_part(&resaved, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<sheetProtection"), "protection kept");
    assert!(sheet.contains(r#"type="list""#), "dropdown kept");

    let ledger = common::ledger_for(&returns);
    assert_clean(&ledger);
    for (u, f, file) in &fills {
        assert_reports_equal(&ledger, u, f, file);
    }

    // Saved as .ods (the 序号-less one): the hidden marker sheet survives there too.
    let ods_dir = dir.path().join("ods");
    soffice(dir.path(), "ods", &ods_dir, &paths[1..2]);
    let ledger = common::ledger_for(&ods_dir);
    assert_clean(&ledger);
    assert_reports_equal(&ledger, fills[1].0, &fills[1].1, "u1.ods");
}

#[test]
fn the_marker_alone_suffices_when_the_marker_sheet_is_gone() {
    // A unit that unhides and deletes the marker sheet in WPS/LibreOffice still leaves
    // the defined names; simulate by dropping the sheet from a LibreOffice re-save is
    // not possible headless, so check the names directly on our own file.
    let blank = blank_ledger();
    let u = unit(blank, "区财政局");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.xlsx");
    std::fs::write(&path, checklist_bytes(blank, u).unwrap()).unwrap();
    let read = rectify::read_file(&path, &rectify::Limits::default()).unwrap();
    let from_names =
        rectify::common::marker::Marker::from_defined_names(&read.defined_names).unwrap();
    let from_sheet = read.grids.iter().find_map(|g| g.marker()).unwrap();
    assert_eq!(from_names, from_sheet);
    assert_eq!(from_sheet.unit, "区财政局");
    assert_eq!(from_sheet.tasks, u.expected);
}

// ---------------------------------------------------------------------------
// The XML

#[test]
fn protection_dropdown_and_unlocked_cells_are_in_the_xml() {
    let blank = blank_ledger();
    let u = unit(blank, "区水利局");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.xlsx");
    std::fs::write(&path, checklist_bytes(blank, u).unwrap()).unwrap();
    let sheet = zip_part(&path, "xl/worksheets/sheet1.xml");
    let wb = zip_part(&path, "xl/workbook.xml");
    let styles = zip_part(&path, "xl/styles.xml");

    // Protected without a password; filtering, sorting and resizing allowed.
    let prot = sheet
        .split("<sheetProtection")
        .nth(1)
        .and_then(|s| s.split("/>").next())
        .expect("sheetProtection");
    assert!(!prot.contains("password"), "{prot}");
    for allowed in [
        r#"formatColumns="0""#,
        r#"formatRows="0""#,
        r#"sort="0""#,
        r#"autoFilter="0""#,
    ] {
        assert!(prot.contains(allowed), "{allowed} in {prot}");
    }
    assert!(sheet.contains("<autoFilter"));
    // The dropdown of the canonical words and the date validation with its message.
    assert!(sheet.contains(r#"type="list""#));
    assert!(
        sheet.contains(&format!(
            "\"{}\"",
            rectify::model::status::choices().join(",")
        )),
        "{sheet}"
    );
    assert!(sheet.contains(r#"type="date""#));
    assert!(sheet.contains("请输入日期，如2020年9月30日"));
    // The 填报日期 cell's prompt is its own, not 完成时间's (尚未完成的请留空).
    let validation_of = |cell: &str| -> &str {
        sheet
            .split("<dataValidation ")
            .skip(1)
            .find(|v| v.contains(&format!(r#"sqref="{cell}""#)))
            .and_then(|v| v.split("</dataValidation>").next())
            .unwrap_or_else(|| panic!("a validation on {cell}"))
    };
    let filed = validation_of("E2");
    assert!(filed.contains(r#"promptTitle="填报日期""#), "{filed}");
    assert!(!filed.contains("尚未完成"), "{filed}");
    assert!(sheet.contains(r#"promptTitle="完成时间""#));
    // Unlocked input cells: a cell format with locked="0", used by the input columns.
    assert!(styles.contains(r#"locked="0""#));
    let unlocked: Vec<usize> = styles
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("<xf ")
        .skip(1)
        .enumerate()
        .filter(|(_, xf)| xf.split("</xf>").next().unwrap().contains(r#"locked="0""#))
        .map(|(i, _)| i)
        .collect();
    let style_of = |cell: &str| -> usize {
        let at = sheet.find(&format!(r#"<c r="{cell}""#)).unwrap();
        let rest = &sheet[at..];
        let tag = &rest[..rest.find('>').unwrap()];
        tag.split(r#"s=""#)
            .nth(1)
            .and_then(|s| s.split('"').next())
            .map_or(0, |s| s.parse().unwrap())
    };
    // Row 4 is the first task: F (进展) G (状态) H (时间) I (佐证) J (备注) are input;
    // A–E are locked. E2:F2 (填报日期, merged), H2 (填报人), J2 (联系电话) are input.
    for cell in ["F4", "G4", "H4", "I4", "J4", "E2", "F2", "H2", "J2"] {
        assert!(unlocked.contains(&style_of(cell)), "{cell} unlocked");
    }
    assert!(
        sheet.contains(r#"<mergeCell ref="E2:F2"/>"#),
        "the date input is wide"
    );
    for cell in ["A4", "B4", "C4", "D4", "E4", "A2", "A3"] {
        assert!(!unlocked.contains(&style_of(cell)), "{cell} locked");
    }
    // The marker: a very hidden sheet and defined names.
    assert!(wb.contains(r#"name="_rectify""#) && wb.contains(r#"state="veryHidden""#));
    for n in [
        "RECTIFY_PLAN",
        "RECTIFY_UNIT",
        "RECTIFY_VERSION",
        "RECTIFY_TASKS",
    ] {
        assert!(wb.contains(n), "{n}");
    }
    // Print setup: A4 landscape, header rows repeated.
    assert!(sheet.contains(r#"paperSize="9""#) && sheet.contains(r#"orientation="landscape""#));
    assert!(wb.contains("_xlnm.Print_Titles"));
}

#[test]
fn openxml_audit_finds_nothing_in_a_checklist_workbook() {
    if !tool_available("openxml-audit", "--help") {
        return;
    }
    let blank = blank_ledger();
    let dir = tempfile::tempdir().unwrap();
    for (i, name) in ["区水利局", "来苏镇"].iter().enumerate() {
        let u = unit(blank, name);
        let path = dir.path().join(format!("{i}.xlsx"));
        std::fs::write(
            &path,
            filled_checklist_bytes(blank, u, &fill_for(u, i)).unwrap(),
        )
        .unwrap();
        let (n, out) = common::tools::audit(&path);
        assert_eq!(n, 0, "{out}");
    }
}

/// The notice and reminder .docx go through `render::blocks_docx` and the finishing
/// pass, like the report: no findings.
#[test]
fn openxml_audit_finds_nothing_in_a_notice() {
    if !tool_available("openxml-audit", "--help") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = write_checklists(
        blank_ledger(),
        dir.path(),
        &Templates::default(),
        date(2020, 11, 20),
    )
    .unwrap();
    let docx = files.iter().find(|f| f.ends_with("来苏镇.docx")).unwrap();
    let (n, out) = common::tools::audit(&dir.path().join(docx));
    assert_eq!(n, 0, "{out}");
}

// ---------------------------------------------------------------------------
// Notices and reminders

fn block_text(blocks: &[Block]) -> String {
    format!("{blocks:?}")
}

/// The task ids a notice names ("第12项").
fn task_refs(text: &str) -> BTreeSet<u32> {
    let mut out = BTreeSet::new();
    for part in text.split('第').skip(1) {
        let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() && part[digits.len()..].starts_with('项') {
            out.insert(digits.parse().unwrap());
        }
    }
    out
}

/// One `Templates` value reads and parses the templates once and renders every document
/// from them: each notice is the same as with a fresh value, overrides included; a
/// broken override is reported by every document, not only the first.
#[test]
fn one_templates_value_renders_as_fresh_ones_do() {
    let l = blank_ledger();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("notice.tera"),
        "@title 通知\n@p 请{{ unit_full }}填报（{{ file }}）。\n",
    )
    .unwrap();
    let shared = Templates::new(Some(dir.path()));
    let units = units_owing(l);
    assert!(units.len() > 2);
    for u in &units {
        let once = notice_blocks(l, u, &shared, date(2020, 11, 20)).unwrap();
        let fresh =
            notice_blocks(l, u, &Templates::new(Some(dir.path())), date(2020, 11, 20)).unwrap();
        assert_eq!(once, fresh, "{}", u.name);
        let text = block_text(&once);
        assert!(
            text.contains("填报（") && !text.contains("关于报送整改任务落实情况的通知"),
            "the override is used: {text}"
        );
    }
    std::fs::write(dir.path().join("notice.tera"), "{% if %}").unwrap();
    let broken = Templates::new(Some(dir.path()));
    for u in units.iter().take(2) {
        assert!(
            notice_blocks(l, u, &broken, date(2020, 11, 20)).is_err(),
            "{}",
            u.name
        );
    }
}

#[test]
fn a_notice_names_exactly_the_units_tasks_and_the_return_details() {
    // The test plan (every unit reports straight) and the shipped one (through leads).
    let shipped = rectify::build_ledger(
        &common::shipped_plan(),
        std::path::Path::new("/nonexistent"),
    );
    let mut told_of_leads = 0;
    for (l, u) in units_owing(blank_ledger())
        .into_iter()
        .map(|u| (blank_ledger(), u))
        .chain(units_owing(&shipped).into_iter().map(|u| (&shipped, u)))
    {
        let b = notice_blocks(l, u, &Templates::default(), date(2020, 11, 20)).unwrap();
        let full = block_text(&b);
        // The tasks reported to lead units are told apart, after the unit's own list.
        let (text, via) = match full.find("此外，你单位") {
            Some(at) => {
                let end = at + full[at..].find("不再单独报送").unwrap();
                (
                    format!("{}{}", &full[..at], &full[end..]),
                    full[at..end].to_string(),
                )
            }
            None => (full.clone(), String::new()),
        };
        let want: BTreeSet<u32> = u.expected.iter().copied().collect();
        assert_eq!(task_refs(&text), want, "{}", u.name);
        // Every other task the unit has a role on that a lead unit (not the bureau)
        // gathers is in the paragraph on lead units, and none of its own.
        let via_ids: BTreeSet<u32> = via
            .split(['第', '、', '项'])
            .filter_map(|p| p.parse().ok())
            .collect();
        let others: BTreeSet<u32> = l
            .tasks
            .iter()
            .filter(|t| {
                t.lead
                    .iter()
                    .chain(&t.responsible)
                    .chain(&t.cooperating)
                    .any(|x| *x == u.name)
                    && !want.contains(&t.id)
                    && !t.gathered_by(&u.name)
                    && t.lead
                        .iter()
                        .chain(&t.responsible)
                        .any(|g| t.gathered_by(g) && *g != l.plan.collector)
            })
            .map(|t| t.id)
            .collect();
        assert_eq!(via_ids, others, "{}: {via}", u.name);
        told_of_leads += usize::from(!via.is_empty());
        assert!(text.contains("2020年12月5日"), "return deadline");
        assert!(text.contains(&l.plan.contact.phone) && text.contains(&l.plan.contact.name));
        assert!(text.contains(&l.plan.collector_full));
        assert!(text.contains(&l.plan.doc_number));
    }
    assert!(
        told_of_leads > 20,
        "towns are told of their tasks under lead units: {told_of_leads}"
    );
}

#[test]
fn reminders_list_exactly_the_units_and_tasks_the_ledger_shows_missing() {
    let input = common::input_with_returns(|r| {
        for entry in std::fs::read_dir(common::repo().join("input/returns")).unwrap() {
            let p = entry.unwrap().path();
            std::fs::copy(&p, r.join(p.file_name().unwrap())).unwrap();
        }
    });
    let ledger = common::ledger_for(&input.path().join("returns"));
    let owing: Vec<&UnitEntry> = ledger
        .units
        .iter()
        .filter(|u| !u.missing.is_empty() && u.name != ledger.plan.collector)
        .collect();
    assert!(!owing.is_empty() && owing.len() < ledger.units.len());
    assert_eq!(
        units_missing(&ledger)
            .iter()
            .map(|u| &u.name)
            .collect::<Vec<_>>(),
        owing.iter().map(|u| &u.name).collect::<Vec<_>>()
    );
    let templates = Templates::default();
    for u in &owing {
        let text = block_text(&reminder_blocks(&ledger, u, &templates, ledger.as_of).unwrap());
        // The tasks still to report, the unit's 红灯 tasks (overdue, not completed),
        // which the reminder names even when reported, and the answers to check.
        let want: BTreeSet<u32> = u
            .missing
            .iter()
            .copied()
            .chain(red_tasks(&ledger, u))
            .chain(u.to_verify.iter().map(|v| v.task))
            .collect();
        assert_eq!(task_refs(&text), want, "{}", u.name);
        let to = if u.full_name.is_empty() {
            &u.name
        } else {
            &u.full_name
        };
        assert!(
            text.contains(&format!("To(\"{to}：\")")),
            "{}: {text}",
            u.name
        );
    }
    let list = block_text(&reminder_list_blocks(&ledger, &templates, ledger.as_of).unwrap());
    for u in &ledger.units {
        if u.expected.is_empty() || u.name == ledger.plan.collector {
            continue;
        }
        let named = list.contains(&format!("{}、", u.name))
            || list.contains(&format!("{}（", u.name))
            || list.contains(&format!("{}。", u.name));
        assert_eq!(named, !u.missing.is_empty(), "{} in the list", u.name);
    }
    // Its counts are the report's: the collector is not among the units expected.
    let s = &ledger.summary;
    let listed = rectify::model::queries::units_missing(&ledger).len();
    let counts = format!(
        "应报送单位{}个，已报送{}个，其中已全部报送{}个；尚有{listed}个单位未报送或未报全",
        s.units_expected,
        // Every unit that sent progress, part of what it owes or none of it.
        ledger
            .units
            .iter()
            .filter(|u| !u.expected.is_empty() && u.name != ledger.plan.collector)
            .filter(|u| !u.sent_nothing())
            .count(),
        s.units_expected as usize - listed
    );
    // Signed and dated as the bureau's own document.
    let tail: Vec<String> = reminder_list_blocks(&ledger, &templates, ledger.as_of)
        .unwrap()
        .iter()
        .rev()
        .take(2)
        .map(|b| format!("{b:?}"))
        .collect();
    assert_eq!(
        tail,
        [
            format!(
                "Date(\"{}\")",
                rectify::common::dates::render_date(ledger.as_of)
            ),
            format!("Signature(\"{}\")", ledger.plan.collector_full),
        ]
    );
    assert!(list.contains(&counts), "{counts}\n{list}");

    // The files: one reminder per owing unit and the list, nothing else.
    let out = tempfile::tempdir().unwrap();
    let files = write_reminders(&ledger, out.path(), &templates, ledger.as_of).unwrap();
    let mut want: Vec<String> = owing
        .iter()
        .map(|u| format!("reminders/{}", reminder_file(&u.name)))
        .collect();
    want.push(format!("reminders/{REMINDER_LIST_DOCX}"));
    assert_eq!(files, want);
    for f in &files {
        assert!(out.path().join(f).is_file(), "{f}");
    }
}

#[test]
fn checklists_writes_two_files_per_unit_and_is_deterministic() {
    let l = blank_ledger();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let t = Templates::default();
    let fa = write_checklists(l, a.path(), &t, date(2020, 11, 20)).unwrap();
    let fb = write_checklists(l, b.path(), &t, date(2020, 11, 20)).unwrap();
    // A form and a notice per unit; the collector (the bureau) gets its form only.
    assert_eq!(fa.len(), 2 * 52 - 1);
    assert!(fa.contains(&format!("checklists/{}.xlsx", l.plan.collector)));
    assert!(!fa.contains(&format!("checklists/{}.docx", l.plan.collector)));
    assert_eq!(fa, fb);
    for f in &fa {
        assert!(f.starts_with("checklists/"));
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap(),
            "{f} byte-identical"
        );
    }
    assert!(a.path().join("checklists/来苏镇.xlsx").is_file());
    assert!(a.path().join("checklists/来苏镇.docx").is_file());
}

#[test]
fn notices_fit_two_pages_in_libreoffice_three_for_the_longest_one_for_one_task() {
    if !tool_available("soffice", "--version") || !tool_available("pdfinfo", "-v") {
        return;
    }
    let l = blank_ledger();
    let dir = tempfile::tempdir().unwrap();
    let t = Templates::default();
    let files = write_checklists(l, dir.path(), &t, date(2020, 11, 20)).unwrap();
    // A unit with one task: its notice, without headings, is one page.
    let one = l
        .units
        .iter()
        .find(|u| u.expected.len() == 1)
        .expect("a unit with one task");
    let one_file = format!("{}.docx", one.name);
    // A 镇街 (the most tasks) and a 区级部门.
    let picks: Vec<PathBuf> = ["卫星湖街道.docx", "区水利局.docx", one_file.as_str()]
        .iter()
        .map(|n| {
            let f = files.iter().find(|f| f.ends_with(*n)).unwrap();
            dir.path().join(f)
        })
        .collect();
    let pdf_dir = dir.path().join("pdf");
    soffice(dir.path(), "pdf", &pdf_dir, &picks);
    for p in &picks {
        let pdf = pdf_dir.join(p.file_name().unwrap()).with_extension("pdf");
        let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
        let pages: u32 = String::from_utf8_lossy(&info.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        // Whole short task names (never cut) and the 附件 line make the notice of a
        // 镇街 with 27 tasks run onto a third page; a 区级部门's stays within two.
        let most = if p.ends_with("卫星湖街道.docx") {
            3
        } else if p.ends_with(&one_file) {
            1
        } else {
            2
        };
        assert!(
            (1..=most).contains(&pages),
            "{}: {pages} pages",
            p.display()
        );
    }
}

#[test]
fn rows_left_blank_stay_missing_and_are_reminded() {
    let blank = blank_ledger();
    let u = unit(blank, "区水利局");
    let mut f = fill_for(u, 0);
    let half = u.expected.len() / 2;
    let left_blank: Vec<u32> = u.expected[half..].to_vec();
    for id in &left_blank {
        f.rows.remove(id);
    }
    let dir = tempfile::tempdir().unwrap();
    let returns = returns_dir(dir.path());
    std::fs::write(
        returns.join("w.xlsx"),
        filled_checklist_bytes(blank, u, &f).unwrap(),
    )
    .unwrap();
    let ledger = common::ledger_for(&returns);
    assert_clean(&ledger);
    let entry = unit(&ledger, "区水利局");
    assert_eq!(entry.missing, left_blank);
    assert_eq!(entry.reported, u.expected[..half].to_vec());
    let unfilled = ledger
        .skipped
        .iter()
        .filter(|s| format!("{:?}", s.reason) == "Unfilled")
        .count();
    assert_eq!(unfilled, left_blank.len());
    let text =
        block_text(&reminder_blocks(&ledger, entry, &Templates::default(), ledger.as_of).unwrap());
    let want: BTreeSet<u32> = left_blank
        .iter()
        .copied()
        .chain(red_tasks(&ledger, entry))
        .collect();
    assert_eq!(task_refs(&text), want);
}

/// The tasks a unit owes a report on that have a 红灯, but for those whose red light
/// is the other units': the unit's own current report says 已完成 or 不涉及.
fn red_tasks(ledger: &Ledger, unit: &rectify::model::UnitEntry) -> Vec<u32> {
    use rectify::model::Status;
    ledger
        .tasks
        .iter()
        .filter(|t| t.light == rectify::model::Light::Red && unit.expected.contains(&t.id))
        .filter(|t| {
            !t.reports.iter().any(|r| {
                r.unit == unit.name
                    && !r.superseded
                    && r.doubt.is_none()
                    && matches!(r.status, Status::Completed | Status::NotApplicable)
            })
        })
        .map(|t| t.id)
        .collect()
}

/// A unit that reported its part of an overdue task done is not told to hurry on it,
/// though the task stays red for the units that have not.
#[test]
fn a_reminder_does_not_hurry_a_unit_on_a_task_it_reported_done() {
    let ledger = common::ledger_for(&common::repo().join("input/returns"));
    let mut seen = 0;
    for u in &ledger.units {
        let done_red: Vec<u32> = ledger
            .tasks
            .iter()
            .filter(|t| t.light == rectify::model::Light::Red && u.expected.contains(&t.id))
            .filter(|t| {
                t.reports.iter().any(|r| {
                    r.unit == u.name
                        && !r.superseded
                        && r.doubt.is_none()
                        && r.status == rectify::model::Status::Completed
                })
            })
            .map(|t| t.id)
            .collect();
        if done_red.is_empty() || u.missing.is_empty() {
            continue;
        }
        seen += 1;
        let text =
            block_text(&reminder_blocks(&ledger, u, &Templates::default(), ledger.as_of).unwrap());
        let refs = task_refs(&text);
        for id in done_red {
            assert!(!refs.contains(&id), "{}: task {id} in {text}", u.name);
        }
    }
    assert!(seen > 0, "the demo has a unit done on a red task it owes");
}

#[test]
fn a_unit_whose_file_could_not_be_read_is_told_which_file_why_and_how_to_resend() {
    let input = common::input_with_returns(|r| {
        let bytes = checklist_bytes(blank_ledger(), unit(blank_ledger(), "区水利局")).unwrap();
        std::fs::write(r.join("区水利局.xlsx"), &bytes[..bytes.len() / 2]).unwrap();
    });
    let ledger = common::ledger_for(&input.path().join("returns"));
    let u = unit(&ledger, "区水利局");
    let t = Templates::default();
    let text = block_text(&reminder_blocks(&ledger, u, &t, ledger.as_of).unwrap());
    assert!(!text.contains("尚未收到"), "{text}");
    assert!(text.contains("文件“区水利局.xlsx”无法读取（"), "{text}");
    assert!(
        text.contains("重新报送时请直接使用下发的Excel填报表"),
        "{text}"
    );
    // A unit that sent nothing still gets the plain words.
    let other = unit(&ledger, "区发展改革委");
    let text = block_text(&reminder_blocks(&ledger, other, &t, ledger.as_of).unwrap());
    assert!(
        text.contains("我局尚未收到你单位报送的整改进展情况"),
        "{text}"
    );
    assert!(!text.contains("无法读取"));
}

/// A unit whose only file opened but held nothing to read (a Word document with no
/// table; a written report naming several tasks in a line) is not told that nothing
/// arrived, nor that its file is damaged: the reminder names the file and what it was.
#[test]
fn a_unit_whose_file_held_no_table_is_told_so_not_that_nothing_arrived() {
    use common::word::{docx_bytes, para};
    let input = common::input_with_returns(|r| {
        let doc = |lines: &[&str]| {
            let mut d = docx_rs::Docx::new();
            for l in lines {
                d = d.add_paragraph(para(l));
            }
            docx_bytes(d)
        };
        std::fs::write(
            r.join("区水利局.docx"),
            doc(&["关于整改情况的说明", "我局高度重视，认真落实整改任务。"]),
        )
        .unwrap();
        std::fs::write(
            r.join("区城市管理局.docx"),
            doc(&[
                "关于整改情况的报告",
                "区生态环境局：",
                "第23、53、55项任务均已完成。",
            ]),
        )
        .unwrap();
    });
    let ledger = common::ledger_for(&input.path().join("returns"));
    let t = Templates::default();
    let text_of = |name: &str| {
        let u = unit(&ledger, name);
        block_text(&reminder_blocks(&ledger, u, &t, ledger.as_of).unwrap())
    };
    let water = text_of("区水利局");
    assert!(!water.contains("尚未收到"), "{water}");
    assert!(
        water.contains(
            "你单位报送的文件“区水利局.docx”中没有找到进展情况表，其中的进展情况未能汇总"
        ),
        "{water}"
    );
    // Not the advice for a damaged or encrypted file.
    assert!(!water.contains("不要加密"), "{water}");
    let city = text_of("区城市管理局");
    assert!(
        city.contains("文件“区城市管理局.docx”是文字报告，未按下发的填报表逐项填写"),
        "{city}"
    );
    // Still no progress from either: the list of units owing reports keeps them.
    for name in ["区水利局", "区城市管理局"] {
        assert!(unit(&ledger, name).reported.is_empty());
    }
}

#[test]
fn the_reminder_date_is_also_the_status_date() {
    let l = blank_ledger();
    let u = unit(l, "区水利局");
    let t = Templates::default();
    let text = block_text(&reminder_blocks(l, u, &t, date(2020, 12, 1)).unwrap());
    assert!(text.contains("截至2020年12月1日"), "{text}");
    assert!(!text.contains(&format!(
        "截至{}",
        rectify::common::dates::render_date(l.as_of)
    )));
    let list = block_text(&reminder_list_blocks(l, &t, date(2020, 12, 1)).unwrap());
    assert!(!list.contains(&format!(
        "截至{}",
        rectify::common::dates::render_date(l.as_of)
    )));
}

#[test]
fn notices_name_their_attachment_address_full_names_and_use_short_names() {
    let l = blank_ledger();
    let t = Templates::default();
    for name in ["区水利局", "来苏镇"] {
        let u = unit(l, name);
        assert!(!u.full_name.is_empty() && u.full_name != u.name, "{name}");
        for blocks in [
            notice_blocks(l, u, &t, date(2020, 11, 20)).unwrap(),
            reminder_blocks(l, u, &t, date(2020, 11, 20)).unwrap(),
        ] {
            let text = block_text(&blocks);
            assert!(text.contains(&format!("{}：", u.full_name)), "{text}");
            assert!(!text.contains('…'), "no cut-off measure: {text}");
            for id in &u.expected {
                let task = l.tasks.iter().find(|x| x.id == *id).unwrap();
                if text.contains(&format!("第{id}项")) {
                    assert!(
                        text.contains(&format!("第{id}项“{}”", task.short_name)),
                        "{id}: {text}"
                    );
                }
            }
        }
        let notice = notice_blocks(l, u, &t, date(2020, 11, 20)).unwrap();
        let text = block_text(&notice);
        assert!(
            text.contains(&format!("附件：{name}任务落实情况表")),
            "{notice:?}"
        );
        // A letter's words: no file name or tool talk, one way of addressing the unit,
        // and the contact last, after what the unit must do.
        for tool in [".xlsx", "改名", "你们"] {
            assert!(!text.contains(tool), "{tool}: {text}");
        }
        let contact = text.find("联系人：").expect("a contact");
        for before in ["报送要求", "请于"] {
            assert!(text.find(before).unwrap() < contact, "{text}");
        }
        if let Some(lead) = text.find("请收集汇总") {
            assert!(lead < contact, "{text}");
        }
        // One task reported through another unit is 该项任务, several 这些任务.
        if let Some(at) = text.find("此外，你单位") {
            let end = at + text[at..].find("不再单独报送").unwrap();
            let n = text[at..end]
                .split(['第', '、', '项'])
                .filter(|p| p.parse::<u32>().is_ok())
                .count();
            let word = if n == 1 {
                "该项任务的进展"
            } else {
                "这些任务的进展"
            };
            assert!(text.contains(word), "{text}");
        }
    }
}

#[test]
fn a_form_filled_with_long_texts_and_a_typed_date_reads_back_exactly() {
    let blank = blank_ledger();
    let u = unit(blank, "区水利局");
    let long = "按照方案要求，已完成河道沿线排污口排查整治，共排查排污口126个，整治完成118个，其余8个纳入2021年计划，同步建立长效巡查机制，每月开展一次联合巡查。".repeat(3);
    assert!(long.chars().count() > 200);
    let mut f = Filled {
        filed_on: Some(date(2020, 12, 3)),
        person: "欧阳晓明".into(),
        phone: "023-49581234".into(),
        ..Default::default()
    };
    for id in &u.expected {
        f.rows.insert(
            *id,
            FilledRow {
                progress: long.clone(),
                status: "正在推进".into(),
                completed_on: None,
                evidence: "排查台账、整治照片、巡查记录（共三册）".into(),
                note: "部分排污口涉及企业搬迁，需协调区经济信息委".into(),
            },
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let returns = returns_dir(dir.path());
    let bytes = filled_checklist_bytes(blank, u, &f).unwrap();
    std::fs::write(returns.join("水利局.xlsx"), &bytes).unwrap();
    let ledger = common::ledger_for(&returns);
    assert_reports_equal(&ledger, u, &f, "水利局.xlsx");
    // The rows are tall enough for the long text (no cut at four lines).
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    z.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    let row4 = &sheet[sheet.find(r#"<row r="4""#).unwrap()..];
    let ht: f64 = row4
        .split(r#"ht=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(ht >= 15.0 * 9.0, "row height {ht} for a long entry");
}

/// In lead reporting a notice asks a unit to consolidate only the units it collects
/// from: on the tasks it decides (as lead, or as a responsible unit where the task has
/// no lead), the others but its fellow deciders; towns sharing a task are never told to
/// collect from one another.
#[test]
fn a_notice_names_as_partners_only_the_units_the_unit_collects_from() {
    let ledger = rectify::build_ledger(
        &common::shipped_plan(),
        &common::repo().join("input/returns"),
    );
    assert_eq!(ledger.plan.reporting, rectify::plan::meta::Reporting::Lead);
    let mut checked = 0;
    for u in &ledger.units {
        let text = block_text(
            &notice_blocks(&ledger, u, &Templates::default(), date(2020, 11, 20)).unwrap(),
        );
        let Some(start) = text.find("请收集汇总") else {
            continue;
        };
        let rest = &text[start + "请收集汇总".len()..];
        let list = &rest[..rest.find("的进展情况").unwrap()];
        // The towns of a long list are a group (各镇街（23个）, 除…外的20个镇街): the
        // units named one by one are checked.
        let named = list
            .split("各镇街（")
            .next()
            .unwrap()
            .split('除')
            .next()
            .unwrap();
        for name in named.split(['、', '和']).filter(|n| !n.is_empty()) {
            let collects = ledger.tasks.iter().any(|t| {
                let deciders = if t.lead.is_empty() {
                    &t.responsible
                } else {
                    &t.lead
                };
                u.expected.contains(&t.id)
                    && deciders.contains(&u.name)
                    && !deciders.iter().any(|d| d == name)
                    && t.lead
                        .iter()
                        .chain(&t.responsible)
                        .chain(&t.cooperating)
                        .any(|x| x == name)
            });
            assert!(collects, "{} told to collect from {name}", u.name);
            checked += 1;
        }
    }
    assert!(checked > 0);
}

/// An overdue task the unit has not reported on is not called unfinished: the reminder
/// asks for its progress; one it reported as not done is the one it is told to hurry.
/// A unit that sent progress, none of it on the tasks it owes, is not told nothing came.
#[test]
fn a_reminder_asks_for_unreported_overdue_tasks_and_hurries_reported_ones() {
    let ledger = common::ledger_for(&common::repo().join("input/returns"));
    let t = Templates::default();
    let (mut asked, mut hurried) = (0, 0);
    for u in ledger.units.iter().filter(|u| !u.missing.is_empty()) {
        let blocks = reminder_blocks(&ledger, u, &t, ledger.as_of).unwrap();
        let text = block_text(&blocks);
        let sentence = |tail: &str| {
            blocks
                .iter()
                .map(|b| format!("{b:?}"))
                .find(|p| p.contains(tail))
                .map(|p| task_refs(&p))
                .unwrap_or_default()
        };
        // Unreported overdue tasks are listed under their deadline marked 已逾期, and the
        // requirements ask for their completion (once, not a list of them again).
        let asking: Vec<u32> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p),
                _ => None,
            })
            .flat_map(|p| p.split(['；', '。']))
            .filter(|part| part.ends_with("，已逾期）"))
            .flat_map(task_refs)
            .collect();
        if !asking.is_empty() {
            assert!(
                text.contains("已逾期的任务，请写明完成情况；尚未完成的，写明预计完成时间"),
                "{}: {text}",
                u.name
            );
        }
        // Its own tasks are hurried; those it cooperates on, it is asked to go on helping.
        let hurrying_own = sentence("已超过完成时限仍未完成");
        let helping = sentence("请继续配合加快推进");
        let hurrying: BTreeSet<u32> = hurrying_own.union(&helping).copied().collect();
        for id in red_tasks(&ledger, u) {
            let task = ledger.tasks.iter().find(|x| x.id == id).unwrap();
            let reported = task.current_reports().any(|r| r.unit == u.name);
            if u.to_verify.iter().any(|v| v.task == id) {
                // Its answer is in question: asked about, not hurried.
                assert!(!hurrying.contains(&id), "{}: {text}", u.name);
            } else if reported {
                let cooperating = role_of(task, &u.name) == rectify::plan::Role::Cooperating;
                let (said, not) = if cooperating {
                    (&helping, &hurrying_own)
                } else {
                    (&hurrying_own, &helping)
                };
                assert!(
                    said.contains(&id) && !not.contains(&id) && !asking.contains(&id),
                    "{}: {text}",
                    u.name
                );
                hurried += 1;
            } else {
                assert!(
                    asking.contains(&id) && !hurrying.contains(&id),
                    "{}: {text}",
                    u.name
                );
                asked += 1;
            }
        }
        if u.reported.is_empty() && !u.files.is_empty() {
            assert!(
                text.contains("已收到你单位报送的进展"),
                "{}: {text}",
                u.name
            );
            assert!(!text.contains("已报送0项"), "{}: {text}", u.name);
        }
    }
    assert!(
        asked > 0 && hurried > 0,
        "the demo has both ({asked}, {hurried})"
    );
}

/// Where several responsible units share a task without a lead (各镇街), none gathers
/// the others' progress: no town is told to collect or chase a district bureau's part.
#[test]
fn a_shared_task_without_a_lead_is_gathered_by_nobody() {
    let ledger = common::ledger_for(&common::repo().join("input/returns"));
    let t = Templates::default();
    let shared: Vec<&rectify::model::TaskEntry> = ledger
        .tasks
        .iter()
        .filter(|t| t.lead.is_empty() && t.responsible.len() > 1)
        .collect();
    assert!(!shared.is_empty());
    for task in &shared {
        for u in &task.responsible {
            assert!(!task.gathered_by(u), "{u} on {}", task.id);
        }
    }
    let town = unit(&ledger, "中山路街道");
    assert!(shared.iter().any(|t| town.expected.contains(&t.id)));
    for blocks in [
        notice_blocks(&ledger, town, &t, ledger.as_of).unwrap(),
        reminder_blocks(&ledger, town, &t, ledger.as_of).unwrap(),
    ] {
        let text = block_text(&blocks);
        for bureau in ["区河长办", "区农业农村委", "区委编办"] {
            assert!(!text.contains(bureau), "{bureau}: {text}");
        }
    }
    // A task without a lead and with one responsible unit (a department) is that
    // unit's to gather.
    let sole = ledger
        .tasks
        .iter()
        .find(|t| {
            t.lead.is_empty()
                && t.responsible.len() == 1
                && t.responsible[0].starts_with('区')
                && !t.cooperating.is_empty()
        })
        .expect("a task with one responsible department and no lead");
    assert!(sole.gathered_by(&sole.responsible[0]));
}

/// A task with two lead units (task 18: 区经济信息委、区水利局) is gathered by the
/// first named: its partners are told one unit to report to, and only that lead is
/// told to collect from them. Before, both leads were told to collect, and the
/// partners were told to report to the first.
#[test]
fn a_task_with_two_lead_units_is_gathered_by_the_first() {
    let plan = common::shipped_plan();
    let ledger = rectify::build_ledger(&plan, Path::new("/nonexistent"));
    let two: Vec<_> = ledger.tasks.iter().filter(|t| t.lead.len() == 2).collect();
    assert!(!two.is_empty());
    let t = Templates::default();
    for task in two {
        assert_eq!(task.gatherers, task.lead[..1], "task {}", task.id);
        let second = &task.lead[1];
        // The partners of this task that the second lead gathers on no other task.
        let gathered_elsewhere = |p: &String| {
            ledger.tasks.iter().any(|o| {
                o.id != task.id && o.gathered_by(second) && o.named_units().any(|n| n == p)
            })
        };
        let partners: Vec<&String> = task
            .responsible
            .iter()
            .chain(&task.cooperating)
            .filter(|p| !gathered_elsewhere(p))
            .collect();
        assert!(!partners.is_empty(), "task {}", task.id);
        let text =
            block_text(&notice_blocks(&ledger, unit(&ledger, second), &t, ledger.as_of).unwrap());
        let collect = text.split("请收集汇总").nth(1).unwrap_or("");
        let collect = collect.split("的进展情况").next().unwrap_or("");
        for p in partners {
            assert!(
                !collect.contains(p.as_str()),
                "{second} told to collect {p}: {collect}"
            );
        }
    }
}

/// A town that is a task's only responsible unit does not gather a district
/// department's part (卫星湖街道 and the 区农业农村委 on task 2, 何埂镇 on task 3): the
/// town is not told to collect and chase the 区农业农村委, nor the 区农业农村委 to
/// report through a town; both report to the bureau. Before, the notices ran the
/// chain upside down.
#[test]
fn a_town_does_not_gather_a_district_departments_part() {
    let plan = common::shipped_plan();
    let ledger = rectify::build_ledger(&plan, &common::repo().join("input/returns"));
    let kind = |u: &str| plan.units.unit(u).map(|u| u.kind);
    let mut seen = 0;
    for task in &ledger.tasks {
        let town_decides = task.lead.is_empty()
            && task.responsible.len() == 1
            && kind(&task.responsible[0]) == Some(rectify::plan::units::UnitKind::Town);
        let department_partner = task
            .cooperating
            .iter()
            .any(|u| kind(u) == Some(rectify::plan::units::UnitKind::Department));
        if !(town_decides && department_partner) {
            continue;
        }
        seen += 1;
        let town = &task.responsible[0];
        assert!(
            task.gatherers.is_empty(),
            "task {}: {:?}",
            task.id,
            task.gatherers
        );
        for partner in task
            .cooperating
            .iter()
            .filter(|u| kind(u) == Some(rectify::plan::units::UnitKind::Department))
        {
            assert!(
                unit(&ledger, partner).expected.contains(&task.id),
                "{partner} on {}",
                task.id
            );
        }
        let t = Templates::default();
        let text =
            block_text(&notice_blocks(&ledger, unit(&ledger, town), &t, ledger.as_of).unwrap());
        assert!(!text.contains("请收集汇总"), "{town}: {text}");
    }
    assert!(seen >= 2, "{seen}");
    let t = Templates::default();
    let text = block_text(
        &notice_blocks(&ledger, unit(&ledger, "区农业农村委"), &t, ledger.as_of).unwrap(),
    );
    assert!(
        !text.contains("报卫星湖街道") && !text.contains("报何埂镇"),
        "{text}"
    );
}

/// The contact line is a paragraph of its own in notices and reminders: inside the
/// 报送要求 sentence the e-mail address, which cannot break, stretched the justified line
/// before it (环 境 局 （ 联 系 人 ：).
#[test]
fn the_contact_is_a_paragraph_of_its_own() {
    let ledger = common::ledger_for(&common::repo().join("input/returns"));
    let c = &ledger.plan.contact;
    assert!(
        !c.name.is_empty() && !c.email.is_empty(),
        "the demo has a contact"
    );
    let want = format!(
        "联系人：{}，联系电话：{}，电子邮箱：{}。",
        c.name, c.phone, c.email
    );
    let t = Templates::default();
    let u = ledger.units.iter().find(|u| !u.missing.is_empty()).unwrap();
    for blocks in [
        rectify::notice_blocks(&ledger, u, &t, ledger.as_of).unwrap(),
        reminder_blocks(&ledger, u, &t, ledger.as_of).unwrap(),
    ] {
        assert!(
            blocks.iter().any(|b| *b == Block::Para(want.clone())),
            "{blocks:?}"
        );
        assert!(!format!("{blocks:?}").contains("（联系人："));
        // Set flush left: justified, the address (which cannot break) ran onto the next
        // line and the line before it was spread to the margin (联 系 人 ： 郑 强 ，).
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.docx");
        std::fs::write(&path, rectify::blocks_docx(&ledger, &blocks).unwrap()).unwrap();
        let xml = zip_part(&path, "word/document.xml");
        let para = xml
            .split("<w:p ")
            .find(|p| p.contains(c.email.as_str()))
            .expect("the contact paragraph");
        assert!(
            para.contains(r#"<w:jc w:val="left" />"#) || para.contains(r#"<w:jc w:val="left"/>"#),
            "{para}"
        );
    }
}

/// A lead unit is told every partner it must chase: no list cut to 等30个单位; the towns
/// of a long list said as a group (各镇街（23个）, 除来苏镇…外的20个镇街).
#[test]
fn partner_lists_name_every_unit_to_chase() {
    // The shipped plan: lead units gather their partners' progress.
    let l = rectify::build_ledger(
        &common::shipped_plan(),
        &common::repo().join("input").join("returns"),
    );
    let t = Templates::default();
    let mut grouped = 0;
    for u in l.units.iter().filter(|u| !u.expected.is_empty()) {
        for blocks in [
            notice_blocks(&l, u, &t, date(2020, 11, 20)).unwrap(),
            reminder_blocks(&l, u, &t, date(2020, 12, 10)).unwrap(),
        ] {
            let text = block_text(&blocks);
            assert!(!cuts_a_list(&text), "{}: {text}", u.name);
            // Tasks lacking the same units share one line: no list of units twice.
            for b in &blocks {
                let Block::Para(p) = b else { continue };
                if !p.contains("请督促上述单位") {
                    continue;
                }
                let lists: Vec<&str> = p
                    .split('；')
                    .map(|entry| entry.rsplit_once("”：").map_or(entry, |(_, l)| l))
                    .map(|l| l.split('。').next().unwrap())
                    .collect();
                let mut seen = BTreeSet::new();
                for list in &lists {
                    assert!(seen.insert(*list), "{}: {list} twice in {p}", u.name);
                }
            }
            grouped += text.matches("各镇街（").count() + text.matches("个镇街").count();
        }
    }
    assert!(grouped > 0, "the demo's lead units gather from the towns");
    // Four towns left out of 23 are still a group, not 19 names.
    let housing = l.units.iter().find(|u| u.name == "区住房城乡建委").unwrap();
    let text = block_text(&reminder_blocks(&l, housing, &t, date(2020, 12, 10)).unwrap());
    assert!(
        text.contains("除中山路街道、来苏镇、宝峰镇、双石镇外的19个镇街"),
        "{text}"
    );
    assert!(!text.contains("胜利路街道、南大街街道"), "{text}");
}

/// Whether a text cuts a list short: 等 followed by a count of units (等30个单位).
fn cuts_a_list(text: &str) -> bool {
    text.match_indices('等').any(|(i, _)| {
        let rest = &text[i + '等'.len_utf8()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        !digits.is_empty() && rest[digits.len()..].starts_with("个单位")
    })
}

/// A notice lists a role's tasks by their 序号, as an office does, each with its own
/// deadline in brackets in the plan's words (第1项“…”（2020年12月底完成，并长期坚持）；
/// 第4项“…”（2020年9月底前完成）…): not grouped under deadline phrases, which put the
/// numbers out of order, nor restated (9月底 as 9月30日, 长期保持 as 长期坚持).
#[test]
fn a_notice_lists_tasks_by_number_each_with_its_deadline() {
    let ledger = common::ledger_for(&common::repo().join("input/returns"));
    let templates = Templates::default();
    let mut lists = 0;
    // Task 36, due 2020年11月底完成,并长期保持, in the words of the plan.
    let mut kept_up_as_written = 0;
    for u in units_owing(&ledger) {
        let blocks = notice_blocks(&ledger, u, &templates, date(2020, 11, 20)).unwrap();
        for b in &blocks {
            let Block::Para(text) = b else { continue };
            let Some((head, list)) = text.split_once("项：第").filter(|_| text.contains("任务"))
            else {
                continue;
            };
            if !head.ends_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            lists += 1;
            let items: Vec<&str> = list.trim_end_matches('。').split('；').collect();
            let count: usize = head
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .chars()
                .rev()
                .collect::<String>()
                .parse()
                .unwrap();
            assert_eq!(items.len(), count, "{}: {text}", u.name);
            let ids: Vec<u32> = std::iter::once(format!("第{}", items[0]))
                .chain(items[1..].iter().map(|i| i.to_string()))
                .map(|i| *task_refs(&i).first().unwrap())
                .collect();
            assert!(ids.windows(2).all(|w| w[0] < w[1]), "{}: {text}", u.name);
            for (item, id) in items.iter().zip(&ids) {
                let t = ledger.task(*id).unwrap();
                let deadline = &item[item.rfind('（').unwrap()..];
                let plan = t
                    .deadline
                    .text
                    .replace(',', "，")
                    .replace("完成并长期", "完成，并长期");
                assert!(
                    deadline.starts_with(&format!("（{plan}")),
                    "{}: {item}",
                    u.name
                );
                if !plan.contains("长期") {
                    assert!(
                        deadline.contains(&format!("{plan}前完成")),
                        "{}: {item}",
                        u.name
                    );
                }
                kept_up_as_written += usize::from(deadline.contains("11月底完成，并长期保持"));
            }
        }
    }
    assert!(lists > 40, "{lists}");
    assert!(kept_up_as_written >= 1);
}

/// A reminder to a unit that reports some tasks through lead units counts only the
/// tasks it owes the bureau directly, and says so (来苏镇: 7 of its 26); the 报送要求
/// line is a sentence, without the file's name (the form was sent with the notice).
#[test]
fn a_reminder_counts_the_tasks_owed_directly_in_those_words() {
    let ledger = rectify::build_ledger(
        &common::shipped_plan(),
        &common::repo().join("input/returns"),
    );
    let templates = Templates::default();
    let mut partial = 0;
    for u in ledger.units.iter().filter(|u| !u.missing.is_empty()) {
        let text = block_text(&reminder_blocks(&ledger, u, &templates, ledger.as_of).unwrap());
        assert!(text.contains("在下发的填报表中填写"), "{}: {text}", u.name);
        assert!(!text.contains(".xlsx）中"), "{}: {text}", u.name);
        let reported = u.expected.len() - u.missing.len();
        if reported == 0 {
            continue;
        }
        let via = ledger.tasks.iter().any(|t| {
            t.named_units().any(|n| *n == u.name)
                && !u.expected.contains(&t.id)
                && !t.gathered_by(&u.name)
        });
        // One wording whether or not some of its tasks go through a lead unit.
        let said = format!(
            "你单位应向我局报送的{}项任务中，已报送{reported}项",
            u.expected.len()
        );
        assert!(text.contains(&said), "{}: {said}\n{text}", u.name);
        partial += usize::from(via);
    }
    assert!(
        partial > 0,
        "no partial reporter with tasks through lead units"
    );
}

/// A reminder never calls a task its deciders report done 已逾期 (凤凰湖产业促进中心,
/// a cooperating unit of task 14, was told the bureau's own closed case was overdue),
/// nor asks a unit that only helps with it for it: the task is owed no longer.
#[test]
fn reminders_do_not_call_a_completed_task_overdue() {
    let ledger = common::ledger_for(&common::repo().join("input/returns"));
    let plan = common::shipped_plan();
    let templates = Templates::default();
    // Some helper was named on a completed task, past due, and sent nothing on it.
    let mut helpers_let_off = 0;
    for u in &ledger.units {
        for (t, _) in plan.tasks_of(&u.name) {
            let entry = ledger.task(t.id).unwrap();
            if entry.status == Status::Completed && !entry.deciders().contains(&u.name) {
                assert!(!u.missing.contains(&t.id), "{} owes {}", u.name, t.id);
                helpers_let_off += usize::from(
                    entry.deadline.is_past(ledger.as_of) && !u.reported.contains(&t.id),
                );
            }
        }
    }
    assert!(
        helpers_let_off > 0,
        "the demo has a completed task past due with helpers"
    );
    for u in ledger.units.iter().filter(|u| !u.missing.is_empty()) {
        let text = block_text(&reminder_blocks(&ledger, u, &templates, ledger.as_of).unwrap());
        for clause in text.split(['；', '。']) {
            for id in task_refs(clause) {
                let t = ledger.task(id).unwrap();
                if t.status != Status::Completed || !t.deadline.is_past(ledger.as_of) {
                    continue;
                }
                assert!(!clause.contains("已逾期"), "{}: {clause}", u.name);
            }
        }
    }
}

/// A filled checklist, saved again after the unit moved its rows: a second row inserted
/// under task 20 (no 序号, no measure, a status of its own), then rows sorted with one
/// row's 序号 and measure cleared. The form's positions no longer tell the tasks: the
/// inserted row is task 20's second row (task 21 keeps its 已完成), and the cleared row
/// is not given the task whose place it took.
#[test]
fn rows_moved_in_a_checklist_keep_their_own_tasks() {
    use common::V;
    let blank = blank_ledger();
    let u = unit(blank, "区水利局");
    let mut f = fill_for(u, 0);
    for (id, row) in f.rows.iter_mut() {
        row.status = if *id == 21 {
            "已完成"
        } else {
            "长期坚持"
        }
        .into();
        row.progress = format!("第{id}项的进展");
    }
    let bytes = filled_checklist_bytes(blank, u, &f).unwrap();
    let text = |v: &V| match v {
        V::S(s) => s.clone(),
        V::N(x) => x.to_string(),
        _ => String::new(),
    };
    // The header row, and the columns of 序号, measure, progress and status.
    let find = |rows: &Vec<Vec<V>>| {
        let header = rows
            .iter()
            .position(|r| r.iter().any(|c| text(c) == "整改进展情况"))
            .unwrap();
        let col = |w: &str| rows[header].iter().position(|c| text(c) == w).unwrap();
        (
            header,
            col("序号"),
            col("具体举措"),
            col("整改进展情况"),
            col("完成状态"),
        )
    };

    // A row inserted under task 20.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("区水利局.xlsx");
    common::resaved(&bytes, &path, |rows| {
        let (header, id, _, progress, status) = find(rows);
        let at = (header + 1..rows.len())
            .find(|&r| text(&rows[r][id]) == "20")
            .unwrap();
        let mut extra = vec![V::E; rows[at].len()];
        extra[progress] = V::S("二是争取项目前期经费500万元".into());
        extra[status] = V::S("正在推进".into());
        rows.insert(at + 1, extra);
    });
    let ledger = common::ledger_for(dir.path());
    let r = common::reports_of(&ledger, 21, "区水利局");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].status, Status::Completed, "{}", r[0].progress);
    let r20: Vec<String> = ledger
        .task(20)
        .unwrap()
        .current_reports()
        .map(|r| r.progress.clone())
        .collect();
    assert!(
        r20.iter().any(|p| p.contains("二是争取项目前期经费")),
        "{r20:?}"
    );

    // Rows sorted (task 21's row last), its 序号 and measure cleared.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("区水利局.xlsx");
    common::resaved(&bytes, &path, |rows| {
        let (header, id, measure, _, _) = find(rows);
        let at = (header + 1..rows.len())
            .find(|&r| text(&rows[r][id]) == "21")
            .unwrap();
        let mut row = rows.remove(at);
        row[id] = V::E;
        row[measure] = V::E;
        let last = (header + 1..rows.len())
            .rev()
            .find(|&r| !text(&rows[r][id]).is_empty())
            .unwrap();
        rows.insert(last + 1, row);
    });
    let ledger = common::ledger_for(dir.path());
    for t in &ledger.tasks {
        for r in t.current_reports() {
            assert!(
                !r.progress.contains("第21项") || t.id == 21,
                "task 21's row credited to task {}",
                t.id
            );
        }
    }
    assert!(ledger
        .problems
        .iter()
        .any(|p| p.code == Code::TaskUnmatched && p.severity == Severity::Error));
}

/// The text of a unit's form's 填报说明 sheet, one line a row.
fn guide_text(ledger: &Ledger, name: &str) -> String {
    use calamine::{Reader, Xlsx};
    let bytes = checklist_bytes(ledger, unit(ledger, name)).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("填报说明").unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The instructions sheet counts the unit's tasks by the roles it has: 共7项（牵头2项、
/// 责任5项）, or 共2项（配合任务） for one role alone; never a role with 0项.
#[test]
fn the_instructions_count_only_the_roles_the_unit_has() {
    let blank = blank_ledger();
    let guide = |name: &str| guide_text(blank, name);
    let one_role = guide("区交通局");
    assert!(one_role.contains("项（配合任务）"), "{one_role}");
    for name in ["区交通局", "区水利局", "来苏镇"] {
        let text = guide(name);
        assert!(!text.contains("0项"), "{name}: {text}");
        assert!(text.contains("共"), "{name}");
    }
    let several = guide("区水利局");
    assert!(
        several.contains("（牵头") && several.contains("项、"),
        "{several}"
    );
    // A unit with tasks other units gather (the shipped plan's chain) is not told the
    // form lists all it 承担: the count says what it sends the bureau, and the rest is
    // named apart, as the notice does (宝峰镇: 7 here, 19 through lead units).
    let empty = tempfile::tempdir().unwrap();
    let chained = rectify::build_ledger(&common::shipped_plan(), empty.path());
    let guide = |name: &str| guide_text(&chained, name);
    let via = |u: &UnitEntry| -> usize {
        rectify::model::queries::tasks_via_leads(&chained, &u.name, &u.expected)
            .iter()
            .map(|(_, ids)| ids.len())
            .sum()
    };
    let town = unit(&chained, "宝峰镇");
    assert!(via(town) > 0);
    let text = guide("宝峰镇");
    assert!(
        text.contains(&format!(
            "中宝峰镇承担并直接报送区生态环境局的整改任务，共{}项",
            town.expected.len()
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "宝峰镇另承担的{}项任务由其他单位汇总报送",
            via(town)
        )),
        "{text}"
    );
    // One that reports all its tasks itself keeps the short line.
    let direct = chained
        .units
        .iter()
        .find(|u| !u.expected.is_empty() && via(u) == 0)
        .unwrap();
    let text = guide(&direct.name);
    assert!(
        text.contains(&format!("中{}承担的整改任务，共", direct.name)),
        "{text}"
    );
}

/// The plan's texts in the form's narrow columns are written whole, with full-width
/// punctuation, and wrapped by the viewer: a line break typed into them would travel
/// with the text a unit copies into its own report (科学施\n策). Each row is tall enough
/// for its measure's lines.
#[test]
fn the_forms_plan_texts_are_written_whole() {
    use calamine::{Data, Reader, Xlsx};
    let blank = blank_ledger();
    for name in ["区农业农村委", "来苏镇", "区水利局"] {
        let u = unit(blank, name);
        let bytes = checklist_bytes(blank, u).unwrap();
        let sheet_xml = {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
            let mut xml = String::new();
            std::io::Read::read_to_string(
                &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
                &mut xml,
            )
            .unwrap();
            xml
        };
        let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = wb.worksheet_range("填报表").unwrap();
        let mut rows = 0;
        for (i, row) in range.rows().enumerate().skip(3) {
            let Some(Data::Float(id)) = row.first() else {
                continue;
            };
            let task = blank.tasks.iter().find(|t| t.id == *id as u32).unwrap();
            let shown = |c: usize| row[c].to_string();
            let plan = |s: &str| rectify::punctuated(s).into_owned();
            assert_eq!(shown(1), plan(&task.category), "{name} {id}");
            assert_eq!(shown(2), plan(&task.measure), "{name} {id}");
            assert_eq!(shown(3), plan(&task.deadline.text), "{name} {id}");
            // The row's height (points) holds the measure's characters at 12 or so a
            // line of 15 pt.
            let r = range.start().unwrap().0 as usize + i + 1;
            let at = sheet_xml.find(&format!("<row r=\"{r}\"")).unwrap();
            let tag = &sheet_xml[at..at + sheet_xml[at..].find('>').unwrap()];
            let ht: f64 = tag
                .split("ht=\"")
                .nth(1)
                .and_then(|h| h.split('"').next())
                .and_then(|h| h.parse().ok())
                .unwrap_or_else(|| panic!("{name} {id}: {tag}"));
            let chars = shown(2).chars().count() as f64;
            let lines = (chars / 17.0).ceil();
            assert!(
                ht >= (lines + 1.0) * 15.0,
                "{name} {id}: {ht} pt for {chars}"
            );
            rows += 1;
        }
        assert!(rows > 0, "{name}");
    }
}

/// A unit that has reported every task it owes, one answer in doubt (已完成 beside a
/// text saying the work goes on), is asked to check it: a 核实 notice naming the task
/// and why, not a 催报. A unit with a task missing and an answer of 否 alone is told
/// both, and not told to hurry the task whose answer is in question.
#[test]
fn a_unit_whose_answers_need_checking_is_asked_to_check_them() {
    let unit = "区发展改革委";
    let empty = tempfile::tempdir().unwrap();
    let blank = common::ledger_for(empty.path());
    let expected = blank
        .units
        .iter()
        .find(|u| u.name == unit)
        .map(|u| u.expected.clone())
        .unwrap();
    assert!(!expected.is_empty());
    let first = expected[0];
    let rows: Vec<_> = expected
        .iter()
        .map(|&id| {
            let (progress, status) = if id == first {
                ("规划纲要草案正在征求意见，尚未提交审议。", "已完成")
            } else {
                ("已印发实施。", "已完成")
            };
            common::std_row(
                common::n(f64::from(id)),
                &common::measure(id),
                progress,
                status,
                common::V::E,
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    common::write_workbook(
        &dir.path().join(format!("{unit}.xlsx")),
        &[common::standard_return(
            &format!("填报单位：{unit}    填报日期：2020年12月4日"),
            rows,
        )],
    );
    let ledger = common::ledger_for(dir.path());
    let u = ledger.units.iter().find(|u| u.name == unit).unwrap();
    assert!(u.missing.is_empty(), "{:?}", u.missing);
    assert_eq!(u.to_verify.len(), 1, "{:?}", u.to_verify);
    assert_eq!(u.to_verify[0].task, first);
    assert!(rectify::model::queries::units_to_remind(&ledger)
        .iter()
        .any(|r| r.name == unit));
    let text =
        block_text(&reminder_blocks(&ledger, u, &Templates::default(), ledger.as_of).unwrap());
    for said in [
        "关于核实整改任务落实情况的通知".to_string(),
        format!(
            "{}项任务均已报送，其中1项的报送内容需要核实",
            expected.len()
        ),
        "需核实的报送内容（1项）".to_string(),
        format!("第{first}项“"),
        "报送“已完成”，但进展情况".to_string(),
        // By a date: three working days after the notice's (never 收到本通知后…).
        format!("请于{}前将核实更正后的填报表报送我局", {
            use chrono::Datelike;
            let mut d = ledger.as_of;
            let mut left = 3;
            while left > 0 {
                d = d.succ_opt().unwrap();
                if d.weekday().number_from_monday() <= 5 {
                    left -= 1;
                }
            }
            format!("{}年{}月{}日", d.year(), d.month(), d.day())
        }),
    ] {
        assert!(text.contains(&said), "{said}\n{text}");
    }
    assert!(
        !text.contains("催报") && !text.contains("需报送的任务") && !text.contains("收到本通知后"),
        "{text}"
    );

    // The shipped returns: every unit with answers to check is told of them, and never
    // told to hurry a task whose answer is in question.
    let ledger = common::ledger_for(&common::repo().join("input/returns"));
    let mut checked = 0;
    for u in ledger.units.iter().filter(|u| !u.to_verify.is_empty()) {
        let blocks = reminder_blocks(&ledger, u, &Templates::default(), ledger.as_of).unwrap();
        let text = block_text(&blocks);
        assert!(text.contains("需核实的报送内容"), "{}: {text}", u.name);
        let hurry = text
            .split('。')
            .find(|s| s.contains("已超过完成时限仍未完成，请加快推进"))
            .unwrap_or("");
        for v in &u.to_verify {
            assert!(
                text.contains(&v.why.replace("该单位", "你单位")),
                "{}: {text}",
                u.name
            );
            assert!(
                !hurry.contains(&format!("第{}项", v.task)),
                "{}: {hurry}",
                u.name
            );
        }
        checked += 1;
    }
    assert!(checked >= 2, "the demo has units with answers to check");
}

/// A reminder marks every passed due date of a task not known done 已逾期, also one every
/// decider that answered reports done (已报完成待确认), whose part from this unit is still
/// owed: to the unit, both are its part past due. Before, 中山路街道 read 第25、27项
/// marked 已逾期 and 第24项, due the same day, unmarked, then 已过完成时限 (a clerk read
/// the two words as two kinds of lateness). A task no decider has answered, that the
/// units helping with it report done, is not called late: the mark names who reports it
/// done and asks the unit to confirm (adv43 c01: 三峰环保 was told 第19项 was overdue
/// while 区城市管理局 reported the pool accepted on 9月28日). To a unit only helping with
/// a task some deciders report done, it is 已过完成时限 with who reports it done: its own
/// part is not late, and the report does not count the task late (session 57 review b 3).
#[test]
fn a_reminder_marks_every_passed_due_date_by_the_tasks_state() {
    use rectify::model::Status;
    let l = rectify::build_ledger(
        &common::shipped_plan(),
        &common::repo().join("input/returns"),
    );
    let mut confirming_seen = 0;
    let mut confirm_asked = 0;
    let mut helper_told = 0;
    for u in rectify::model::queries::units_to_remind(&l) {
        let text = block_text(&reminder_blocks(&l, u, &Templates::default(), l.as_of).unwrap());
        for t in l
            .tasks
            .iter()
            .filter(|t| u.missing.contains(&t.id) && t.deadline.due.is_some_and(|d| d < l.as_of))
        {
            let at = text.find(&format!("第{}项“", t.id)).unwrap();
            // The mark closes the task's own deadline, in its brackets after its name.
            let after = &text[at..];
            let phrase = &after[after.find('”').unwrap()..];
            let phrase = &phrase[..phrase.find('）').unwrap() + '）'.len_utf8()];
            let want = match t.status {
                Status::Completed | Status::NotApplicable => "",
                Status::Confirming if t.breakdown.completed == 0 => {
                    confirm_asked += 1;
                    "报送已完成，请确认）"
                }
                // To a unit only helping with it, not late (session 57 review b 3).
                Status::Confirming if !t.deciders().contains(&u.name) => {
                    helper_told += 1;
                    "，已过完成时限，据"
                }
                _ => "，已逾期）",
            };
            if want.is_empty() {
                assert!(
                    !phrase.contains("，已"),
                    "{} task {}: {phrase}",
                    u.name,
                    t.id
                );
            } else {
                assert!(phrase.contains(want), "{} task {}: {phrase}", u.name, t.id);
            }
            confirming_seen += usize::from(t.status == Status::Confirming);
        }
    }
    assert!(
        confirming_seen > confirm_asked + helper_told && confirm_asked > 0 && helper_told > 0,
        "the shipped returns remind units of all three kinds of such a task"
    );
}

/// A unit whose reports are all on tasks it does not owe the bureau directly (中山路街道
/// sent its parts of tasks the lead units gather) is told which arrived, not only that
/// "部分进展" did: it would read that as its return having been ignored (clerk review 28
/// #12); and that those were tasks its lead units gather, told apart from the ones it owes
/// the bureau directly (adv51 b 9: 已收到…7项, but 7项均尚未报送 read as a contradiction).
#[test]
fn a_reminder_names_the_tasks_received_when_none_is_owed() {
    let ledger = rectify::build_ledger(
        &common::shipped_plan(),
        &common::repo().join("input/returns"),
    );
    let town = unit(&ledger, "中山路街道");
    assert!(!town.reported.is_empty());
    assert!(town.reported.iter().all(|id| !town.expected.contains(id)));
    let ids: Vec<String> = town.reported.iter().map(u32::to_string).collect();
    let text =
        block_text(&reminder_blocks(&ledger, town, &Templates::default(), ledger.as_of).unwrap());
    assert!(
        text.contains(&format!(
            "我局已收到你单位报送的第{}项任务进展（这些任务由牵头单位或责任单位汇总报送，你单位的进展已一并汇总），但你单位应直接向我局报送的{}项任务均尚未报送",
            ids.join("、"),
            town.expected.len()
        )),
        "{text}"
    );
    assert!(!text.contains("部分进展"), "{text}");
}

/// A unit that only cooperates on an overdue task, and reported its part under way, is
/// asked in its reminder to go on helping the responsible units, not told its task is
/// late (区河长办 on 第27项, which the towns are responsible for).
#[test]
fn a_cooperating_unit_on_an_overdue_task_is_asked_to_go_on_helping() {
    let input = common::input_with_returns(|r| {
        let sheet = common::SheetSpec::new("Sheet1")
            .text_row(&["填报单位：区河长办", "", "", "填报日期：2020年12月4日"])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&[
                "27",
                &common::measure(27),
                "已清理违规种植312亩，个别镇街因涉及承包地协调进度较慢。",
                "正在推进",
            ]);
        common::write_workbook(&r.join("区河长办.xlsx"), &[sheet]);
    });
    let l = common::ledger_for(&input.path().join("returns"));
    let u = l.units.iter().find(|u| u.name == "区河长办").unwrap();
    let text = block_text(&reminder_blocks(&l, u, &Templates::default(), l.as_of).unwrap());
    assert!(
        text.contains("你单位配合的第27项“河道边和消落带开垦种植问题整治”任务已超过完成时限，23个责任单位均未报完成，请继续配合加快推进。"),
        "{text}"
    );
    assert!(!text.contains("你单位承担的第27项"), "{text}");
}

/// A reminder on an overdue task the unit reports still going does not ask again for
/// the completion date the unit gave (预计12月底报批): it quotes it and asks that it be
/// kept; without one, it asks for it.
#[test]
fn an_overdue_task_with_a_planned_date_is_not_asked_for_it_again() {
    let plan = common::shipped_plan();
    let (unit, id) = ("区水利局", 26);
    let t = plan.task(id).unwrap();
    assert!(
        t.deadline.due.is_some_and(|d| d < plan.meta.as_of),
        "task 26 is overdue"
    );
    let text_for = |progress: &str| {
        let dir = tempfile::tempdir().unwrap();
        common::one_row_return(&dir.path().join("区水利局.xlsx"), unit, id, progress);
        let ledger = common::ledger_for(dir.path());
        let u = ledger.units.iter().find(|u| u.name == unit).unwrap();
        block_text(&reminder_blocks(&ledger, u, &Templates::default(), ledger.as_of).unwrap())
    };
    let text = text_for("规划初稿已完成，正在按专家意见修改完善，预计12月底报批。");
    assert!(
        text.contains(
            "已超过完成时限仍未完成（你单位报“预计12月底报批”），请加快推进，确保按所报时间完成。"
        ),
        "{text}"
    );
    assert!(text.contains("已报送的任务无需重复报送。"), "{text}");
    let text = text_for("规划初稿已完成，正在按专家意见修改完善。");
    assert!(
        text.contains("已超过完成时限仍未完成，请加快推进，并在本次报送时写明预计完成时间。"),
        "{text}"
    );
    // The task asked for is already reported: the closing does not tell the unit to
    // send nothing more on it (adv50 b 11).
    assert!(
        text.contains("已报送的任务，除第26项需写明预计完成时间外，无需重复报送。"),
        "{text}"
    );
}

/// A cooperating unit is told how far the deciders of its overdue task are behind: the
/// towns responsible for 第27项 that have not reported it done, counted.
#[test]
fn a_cooperating_unit_is_told_how_many_deciders_are_behind() {
    let input = common::input_with_returns(|r| {
        common::write_dated_return(
            &r.join("区河长办.xlsx"),
            "区河长办",
            "2020年12月4日",
            &[&[
                "27",
                &common::measure(27),
                "已清理违规种植312亩。",
                "正在推进",
            ]],
        );
        // One town done, one under way: the task stays overdue.
        for (town, progress, status) in [
            ("来苏镇", "已清理违规种植20亩，整治完毕。", "已完成"),
            ("宝峰镇", "已清理违规种植8亩，其余正在协调。", "正在推进"),
        ] {
            common::write_dated_return(
                &r.join(format!("{town}.xlsx")),
                town,
                "2020年12月4日",
                &[&["27", &common::measure(27), progress, status]],
            );
        }
    });
    let l = common::ledger_for(&input.path().join("returns"));
    let towns = l.task(27).unwrap().deciders().len();
    let u = l.units.iter().find(|u| u.name == "区河长办").unwrap();
    let text = block_text(&reminder_blocks(&l, u, &Templates::default(), l.as_of).unwrap());
    assert!(
        text.contains(&format!(
            "第27项“河道边和消落带开垦种植问题整治”任务已超过完成时限，{towns}个责任单位中尚有{}个未报完成，请继续配合加快推进。",
            towns - 1
        )),
        "{text}"
    );
}

/// A report to check on an overdue task says the task is overdue, and the requirements
/// then ask when it will be done; one on a task not yet due says neither.
#[test]
fn a_report_to_check_on_an_overdue_task_says_it_is_overdue() {
    let input = common::input_with_returns(|r| {
        common::write_dated_return(
            &r.join("港桥产业促进中心.xlsx"),
            "港桥产业促进中心",
            "2020年12月4日",
            &[
                &["25", &common::measure(25), "", "见附件"],
                &["46", &common::measure(46), "", "见附件"],
            ],
        );
    });
    let l = common::ledger_for(&input.path().join("returns"));
    let u = l
        .units
        .iter()
        .find(|u| u.name == "港桥产业促进中心")
        .unwrap();
    let checked: Vec<u32> = u.to_verify.iter().map(|v| v.task).collect();
    assert!(
        checked.contains(&25) && checked.contains(&46),
        "{checked:?}"
    );
    let text = block_text(&reminder_blocks(&l, u, &Templates::default(), l.as_of).unwrap());
    assert!(
        text.contains(
            "第25项“河道整治中砍伐竹林等问题整改”（2020年9月底完成，并长期坚持，已逾期）："
        ),
        "{text}"
    );
    assert!(
        text.contains("第46项“排水监管和污水处理人才队伍建设”：报送的完成情况“见附件”无法判断"),
        "{text}"
    );
    assert!(
        text.contains("已逾期的任务，请写明完成情况；尚未完成的，写明预计完成时间。"),
        "{text}"
    );
}

/// A unit whose only file held rows on other units' tasks (a copy of the whole table
/// filled in where others' rows were), or arrived after the round's as-of date, is told
/// what arrived, not that nothing did (adv43 c03, c05: 区金融办 read “我局尚未收到你单位
/// 报送的整改进展情况” beside a file of 46 rows, and again beside a return of 12月12日).
#[test]
fn a_unit_whose_file_counted_for_nothing_is_told_what_arrived() {
    let input = common::input_with_returns(|r| {
        // 区金融办 owes task 60 alone: twelve rows on other units' tasks.
        let mut copy = common::SheetSpec::new("整改台账")
            .text_row(&["填报单位：区金融办", "", "", "填报日期：2020年12月4日"])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"]);
        for id in 1..=12u32 {
            copy = copy.text_row(&[&id.to_string(), &common::measure(id), "已完成。", "已完成"]);
        }
        common::write_workbook(&r.join("区金融办.xlsx"), &[copy]);
        let late = common::SheetSpec::new("进展")
            .text_row(&["填报单位：区检察院", "", "", "填报日期：2020年12月12日"])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["61", &common::measure(61), "建立衔接机制。", "已完成"]);
        common::write_workbook(&r.join("区检察院.xlsx"), &[late]);
        // 区公安局 owes tasks 55 and 61; its late return holds 61 alone.
        let late = common::SheetSpec::new("进展")
            .text_row(&["填报单位：区公安局", "", "", "填报日期：2020年12月12日"])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["61", &common::measure(61), "建立衔接机制。", "已完成"]);
        common::write_workbook(&r.join("区公安局.xlsx"), &[late]);
    });
    let ledger = common::ledger_for(&input.path().join("returns"));
    let t = Templates::default();
    let text_of = |name: &str| {
        let u = unit(&ledger, name);
        block_text(&reminder_blocks(&ledger, u, &t, ledger.as_of).unwrap())
    };
    let finance = text_of("区金融办");
    assert!(!finance.contains("尚未收到"), "{finance}");
    assert!(
        finance.contains("已收到你单位报送的“区金融办.xlsx”，但其中所填均为其他单位承担的任务"),
        "{finance}"
    );
    let procuratorate = text_of("区检察院");
    assert!(!procuratorate.contains("尚未收到"), "{procuratorate}");
    assert!(
        procuratorate
            .contains("已收到你单位12月12日报送的进展，因晚于本期统计截止日期，将纳入下期汇总"),
        "{procuratorate}"
    );
    assert!(
        procuratorate.contains("你单位12月12日报送的材料中已有的任务无需重复报送"),
        "{procuratorate}"
    );
    // Written once that return had come: dated no earlier than it (adv47 b: a reminder
    // dated 12月5日 told of a return of 12月9日).
    assert!(
        procuratorate.contains("截至2020年12月12日")
            && !procuratorate.contains("截至2020年12月10日"),
        "{procuratorate}"
    );
    // The late return holds every task 区检察院 owes: no reminder asks for them again
    // (adv48 b H4); 区公安局's holds one of two, and its reminder asks for the other.
    let reminded: Vec<&str> = rectify::model::queries::units_to_remind(&ledger)
        .iter()
        .map(|u| u.name.as_str())
        .collect();
    assert!(!reminded.contains(&"区检察院"), "{reminded:?}");
    let police = unit(&ledger, "区公安局");
    assert_eq!(police.late, [61], "{police:#?}");
    assert!(reminded.contains(&"区公安局"), "{reminded:?}");
    let police = text_of("区公安局");
    assert!(police.contains("第55项"), "{police}");
    assert!(!police.contains("第61项"), "{police}");
}

/// A reminder speaks to the unit: why its answer is to be checked says 你单位, not 该单位
/// (adv53 b 6: 报送“不涉及”，但该单位是这项任务唯一的牵头或责任单位, in a letter to it).
#[test]
fn a_reminder_tells_the_unit_of_itself_as_you() {
    let dir = tempfile::tempdir().unwrap();
    common::write_workbook(
        &dir.path().join("区发展改革委.xlsx"),
        &[common::standard_return(
            "填报单位：区发展改革委",
            vec![common::std_row(
                common::n(47.0),
                &common::measure(47),
                "",
                "不涉及",
                common::V::E,
            )],
        )],
    );
    let ledger = common::ledger_for(dir.path());
    let u = ledger
        .units
        .iter()
        .find(|u| u.name == "区发展改革委")
        .unwrap();
    assert!(
        u.to_verify
            .iter()
            .any(|v| v.why.contains("由该单位单独负责")),
        "{:?}",
        u.to_verify
    );
    let text =
        block_text(&reminder_blocks(&ledger, u, &Templates::default(), ledger.as_of).unwrap());
    assert!(
        text.contains("报送“不涉及”，但这项任务由你单位单独负责") && !text.contains("该单位"),
        "{text}"
    );
}
