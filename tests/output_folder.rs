//! The output folder stays clean (issue 17): files an earlier run wrote and this run does
//! not are removed, only the tool's own (known from the manifest); a file the clerk
//! edited is kept beside as a dated copy and the run says so.

mod common;

use std::path::Path;

use rectify::model::Ledger;
use rectify::{
    filled_checklist_bytes, reminder_file, select, write_outputs, Filled, FilledRow, Job,
    Templates, Written, MANIFEST, OUTPUTS, REPORT_DOCX,
};

fn run(ledger: &Ledger, out: &Path, names: &[&str]) -> Written {
    let t = Templates::new(None);
    let job = Job::new(ledger, &t, out);
    write_outputs(&job, &select(names)).unwrap()
}

/// Every task of `unit` filled as completed: the unit's whole return.
fn full_return(blank: &Ledger, unit: &str, returns: &Path) {
    let u = blank.units.iter().find(|u| u.name == unit).unwrap();
    let mut f = Filled::default();
    for id in &u.expected {
        f.rows.insert(
            *id,
            FilledRow {
                progress: "已按要求完成整改并通过验收。".into(),
                status: "已完成".into(),
                ..FilledRow::default()
            },
        );
    }
    std::fs::write(
        returns.join(format!("{unit}.xlsx")),
        filled_checklist_bytes(blank, u, &f).unwrap(),
    )
    .unwrap();
}

#[test]
fn a_second_run_after_a_unit_reports_leaves_no_stale_reminder() {
    let returns = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let blank = common::ledger_for(returns.path());
    let reminder = out.path().join("reminders").join(reminder_file("区水利局"));
    let w = run(&blank, out.path(), &["reminders"]);
    assert!(reminder.is_file());
    assert!(w.removed.is_empty());
    assert!(out.path().join(MANIFEST).is_file());
    // Something of the clerk's in the same folder: never touched.
    let own = out.path().join("reminders").join("我的备忘.txt");
    std::fs::write(&own, "自己的文件").unwrap();

    full_return(&blank, "区水利局", returns.path());
    let after = common::ledger_for(returns.path());
    assert!(after
        .units
        .iter()
        .any(|u| u.name == "区水利局" && u.missing.is_empty()));
    let w = run(&after, out.path(), &["reminders"]);
    assert!(!reminder.exists(), "the stale reminder is removed");
    assert_eq!(
        w.removed,
        vec![format!("reminders/{}", reminder_file("区水利局"))]
    );
    assert!(w.notes().iter().any(|n| n.contains("已删除")));
    assert!(own.is_file(), "a file the tool did not write stays");
    // Other units' reminders are still there.
    assert!(out
        .path()
        .join("reminders")
        .join(reminder_file("区发展改革委"))
        .is_file());
}

#[test]
fn outputs_a_command_did_not_select_are_left_alone() {
    let returns = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let blank = common::ledger_for(returns.path());
    let all: Vec<&str> = OUTPUTS.iter().map(|o| o.name).collect();
    run(&blank, out.path(), &all);
    let w = run(&blank, out.path(), &["reminders"]);
    assert!(w.removed.is_empty());
    assert!(out.path().join(REPORT_DOCX).is_file());
    // And the manifest still knows the report: removing it stays possible later.
    let m = std::fs::read_to_string(out.path().join(MANIFEST)).unwrap();
    assert!(m.contains(REPORT_DOCX));
}

#[test]
fn an_edited_report_survives_a_rerun_as_a_dated_copy() {
    let returns = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let blank = common::ledger_for(returns.path());
    run(&blank, out.path(), &["report"]);
    let report = out.path().join(REPORT_DOCX);
    let fresh = std::fs::read(&report).unwrap();
    std::fs::write(&report, b"clerk's edits").unwrap();

    let w = run(&blank, out.path(), &["report"]);
    assert_eq!(
        std::fs::read(&report).unwrap(),
        fresh,
        "a new report is written"
    );
    assert_eq!(w.kept_edits.len(), 1);
    let (orig, copy) = &w.kept_edits[0];
    assert_eq!(orig, REPORT_DOCX);
    assert!(copy.starts_with("整改情况报告（修改稿") && copy.ends_with("）.docx"));
    assert_eq!(
        std::fs::read(out.path().join(copy)).unwrap(),
        b"clerk's edits"
    );
    assert!(w.notes().iter().any(|n| n.contains(copy.as_str())));

    // A third run: the copy is the clerk's, never touched; nothing more is kept.
    let w = run(&blank, out.path(), &["report"]);
    assert!(w.kept_edits.is_empty() && w.removed.is_empty());
    assert!(out.path().join(copy).is_file());
}

#[test]
fn an_edited_stale_file_is_kept_not_removed() {
    let returns = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let blank = common::ledger_for(returns.path());
    run(&blank, out.path(), &["reminders"]);
    let reminder = out.path().join("reminders").join(reminder_file("区水利局"));
    std::fs::write(&reminder, b"edited").unwrap();
    full_return(&blank, "区水利局", returns.path());
    let after = common::ledger_for(returns.path());
    let w = run(&after, out.path(), &["reminders"]);
    assert!(w.removed.is_empty());
    assert_eq!(w.kept_edits.len(), 1);
    assert_eq!(
        std::fs::read(out.path().join(&w.kept_edits[0].1)).unwrap(),
        b"edited"
    );
}

#[test]
fn an_unreadable_manifest_removes_nothing() {
    let returns = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let blank = common::ledger_for(returns.path());
    run(&blank, out.path(), &["reminders"]);
    std::fs::write(out.path().join(MANIFEST), b"{not json").unwrap();
    full_return(&blank, "区水利局", returns.path());
    let after = common::ledger_for(returns.path());
    let w = run(&after, out.path(), &["reminders"]);
    assert!(w.removed.is_empty());
    assert!(out
        .path()
        .join("reminders")
        .join(reminder_file("区水利局"))
        .is_file());
}

#[test]
fn the_collector_gets_no_notice_and_no_reminder() {
    let returns = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let blank = common::ledger_for(returns.path());
    let collector = blank.plan.collector.clone();
    assert!(blank
        .units
        .iter()
        .any(|u| u.name == collector && !u.missing.is_empty()));
    let w = run(&blank, out.path(), &["checklists", "reminders"]);
    assert!(w
        .files
        .iter()
        .all(|f| !f.contains(&format!("{collector}.docx"))));
    assert!(w.files.contains(&format!("checklists/{collector}.xlsx")));
}
