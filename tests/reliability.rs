//! Reliability of a whole run: atomic output under a kill, byte-identical output
//! whatever the thread count, inputs never changed, and problem messages that say
//! where and what to do.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::*;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rectify"))
}

/// A bigger folder: the mixed fixture set plus copies of the demo returns.
fn big_input() -> tempfile::TempDir {
    input_with_returns(|d| {
        fixture_set(d);
        for k in 0..6 {
            let sub = d.join(format!("第{k}批"));
            std::fs::create_dir_all(&sub).unwrap();
            for e in std::fs::read_dir(repo().join("input/returns")).unwrap() {
                let p = e.unwrap().path();
                std::fs::copy(&p, sub.join(p.file_name().unwrap())).unwrap();
            }
        }
    })
}

fn run(input: &Path, out: &Path, threads: &str) {
    let o = bin()
        .args(["run", "--input"])
        .arg(input)
        .arg("--output")
        .arg(out)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn output_is_byte_identical_with_one_or_two_threads() {
    let input = big_input();
    let a = input.path().join("out-1");
    let b = input.path().join("out-2");
    run(input.path(), &a, "1");
    run(input.path(), &b, "2");
    // All but the memo of output hashes, which holds file times.
    let memo = format!("{}/{}", rectify::CACHE_DIR, rectify::HASH_MEMO);
    let (mut ta, mut tb) = (tree(&a), tree(&b));
    ta.remove(&memo).expect("a memo of hashes");
    tb.remove(&memo);
    assert!(
        ta.len() > 100,
        "ledger, report, workbook, checklists and reminders ({})",
        ta.len()
    );
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (name, bytes) in &ta {
        assert!(bytes == &tb[name], "{name} differs between 1 and 2 threads");
    }
}

#[test]
fn inputs_are_never_changed() {
    let input = big_input();
    let before = tree(input.path());
    let stamps: Vec<std::time::SystemTime> = before
        .keys()
        .map(|k| {
            std::fs::metadata(input.path().join(k))
                .unwrap()
                .modified()
                .unwrap()
        })
        .collect();
    run(input.path(), &input.path().join("out"), "2");
    let after: BTreeMap<String, Vec<u8>> = tree(input.path())
        .into_iter()
        .filter(|(k, _)| !k.starts_with("out/"))
        .collect();
    assert!(before == after, "the input folder is unchanged");
    for (k, t) in before.keys().zip(stamps) {
        assert_eq!(
            std::fs::metadata(input.path().join(k))
                .unwrap()
                .modified()
                .unwrap(),
            t,
            "{k}"
        );
    }
}

/// A file under a final name is complete: a zip that opens, or JSON that parses.
fn complete(path: &Path) -> bool {
    let bytes = std::fs::read(path).unwrap();
    let name = path.to_string_lossy();
    if name.ends_with(".json") {
        serde_json::from_slice::<serde_json::Value>(&bytes).is_ok()
    } else if name.ends_with(".docx") || name.ends_with(".xlsx") {
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).is_ok()
    } else {
        true
    }
}

#[test]
fn a_killed_run_leaves_no_truncated_file_under_a_final_name() {
    let input = big_input();
    let mut saw_partial_run = false;
    for (k, delay_ms) in [150u64, 20, 60, 300, 450, 600, 800, 1000]
        .into_iter()
        .enumerate()
    {
        let out: PathBuf = input.path().join(format!("out{k}"));
        // A previous complete run's files must survive a killed one too.
        if k == 0 {
            run(input.path(), &out, "2");
        }
        let mut child = bin()
            .args(["run", "--input"])
            .arg(input.path())
            .arg("--output")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        saw_partial_run |= !status.success();
        if !out.exists() {
            continue;
        }
        for name in tree(&out).keys() {
            let path = out.join(name);
            let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
            if file_name.starts_with('.') && file_name.contains(".tmp-") {
                continue; // a temporary name, never a final one
            }
            assert!(
                complete(&path),
                "{name} is truncated after a kill at {delay_ms} ms"
            );
        }
    }
    assert!(
        saw_partial_run,
        "at least one run was killed before it finished"
    );
}

#[test]
fn every_problem_names_its_file_and_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    fixture_set(dir.path());
    for e in std::fs::read_dir(repo().join("input/returns")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(
            &p,
            dir.path()
                .join(format!("demo-{}", p.file_name().unwrap().to_string_lossy())),
        )
        .unwrap();
    }
    let ledger = ledger_for(dir.path());
    assert!(ledger.problems.len() > 20);
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for p in &ledger.problems {
        // The bureau's own empty tasks are about no file.
        let about_a_file = p.code != rectify::model::Code::CollectorMissing;
        assert_eq!(!p.file.is_empty(), about_a_file, "{p:?}");
        assert!(cjk(&p.message), "Chinese: {}", p.message);
        let row_level = matches!(
            p.code,
            rectify::model::Code::StatusUnclear
                | rectify::model::Code::DateUnreadable
                | rectify::model::Code::TaskUnknown
                | rectify::model::Code::TaskUnmatched
                | rectify::model::Code::TaskMatchedByText
                | rectify::model::Code::TaskTextMismatch
                | rectify::model::Code::Unassigned
        );
        if row_level {
            assert!(p.sheet.is_some() && p.row.is_some(), "sheet and row: {p:?}");
        }
        if p.severity != rectify::model::Severity::Info {
            assert!(p.message.contains('请'), "says what to do: {}", p.message);
        }
    }
}

/// A template error in `run` while ledger.json and the workbook are already streaming
/// to their staged files: exit 2, the previous run's files unchanged, and no staged
/// temporary file left behind.
#[test]
fn a_failed_render_leaves_the_output_folder_as_it_was() {
    let input = input_with_returns(fixture_set);
    let out = input.path().join("out");
    run(input.path(), &out, "2");
    let before = tree(&out);
    assert!(before.contains_key("ledger.json") && before.contains_key("整改台账汇总表.xlsx"));
    let tpl = tempfile::tempdir().unwrap();
    std::fs::write(tpl.path().join("report.tera"), "@p {% if %}\n").unwrap();
    let o = bin()
        .args(["run", "--input"])
        .arg(input.path())
        .arg("--output")
        .arg(&out)
        .arg("--templates")
        .arg(tpl.path())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let after = tree(&out);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "no file added or removed (no staged temporary file left)"
    );
    assert!(after == before, "every file keeps its bytes");
}
