//! A rerun leaves a document as the last run wrote it when it would come out the same
//! (issue 20: checklists, notices, reminders and the report are reused when what they
//! are made from has not changed; ledger.json and the workbook when the ledger has not),
//! and never leaves a stale or edited one: every rerun ends with exactly the bytes a
//! first run into an empty folder writes.

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::repo;
use sha2::Digest;

/// A copy of the shipped input folder (plan, units, tasks, returns).
fn input_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("input"), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

fn run(input: &Path, out: &Path, extra: &[&str]) -> String {
    let args: Vec<&str> = std::iter::once("run")
        .chain(extra.iter().copied())
        .collect();
    let o = common::rectify_ok(input, out, &args);
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every file under `dir` (relative path → bytes) but the cache's (what a run keeps
/// only to make the next one faster: the memo of hashes holds file times).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut all = common::tree(dir);
    all.retain(|f, _| !f.starts_with(rectify::CACHE_DIR));
    all
}

/// Every file under `dir` with its inode: a file renamed into place gets a new one.
fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    files(dir)
        .into_keys()
        .map(|rel| {
            let ino = std::fs::metadata(dir.join(&rel)).unwrap().ino();
            (rel, ino)
        })
        .collect()
}

/// The files whose inode is the same in both maps (left in place).
fn kept(before: &BTreeMap<String, u64>, after: &BTreeMap<String, u64>) -> Vec<String> {
    after
        .iter()
        .filter(|(f, ino)| before.get(*f) == Some(ino))
        .map(|(f, _)| f.clone())
        .collect()
}

/// What a first run into an empty folder writes for `input` (and `extra` options).
fn fresh(input: &Path, extra: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    run(input, out.path(), extra);
    files(out.path())
}

fn assert_same_files(got: &BTreeMap<String, Vec<u8>>, want: &BTreeMap<String, Vec<u8>>) {
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(got), names(want), "the same files");
    let differ: Vec<&String> = got.keys().filter(|f| got[*f] != want[*f]).collect();
    assert!(
        differ.is_empty(),
        "files differ from a fresh run: {differ:?}"
    );
}

/// The dated copies of files edited by hand (`…（修改稿YYYY-MM-DD）…`).
fn edited_copies(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    files
        .keys()
        .filter(|f| f.contains("修改稿"))
        .cloned()
        .collect()
}

fn is_document(rel: &str) -> bool {
    rel.starts_with("checklists/") || rel.starts_with("reminders/") || rel == "整改情况报告.docx"
}

/// The text of a docx's main part.
fn docx_text(path: &Path) -> String {
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut s).unwrap();
    s
}

#[test]
fn a_rerun_leaves_every_document_in_place_and_writes_what_a_first_run_writes() {
    let input = input_copy();
    let out = tempfile::tempdir().unwrap();
    let first = run(input.path(), out.path(), &[]);
    assert!(!first.contains("完全相同"), "{first}");
    let before = inodes(out.path());
    let said = run(input.path(), out.path(), &[]);
    let after = inodes(out.path());
    let documents: Vec<String> = after.keys().filter(|f| is_document(f)).cloned().collect();
    assert!(documents.len() > 100, "{} documents", documents.len());
    let left = kept(&before, &after);
    assert_eq!(
        left.iter().filter(|f| is_document(f)).count(),
        documents.len(),
        "every checklist, notice, reminder and the report stay in place"
    );
    // The ledger did not change: ledger.json and the workbook made from it stay too.
    for f in [rectify::LEDGER_JSON, rectify::WORKBOOK_XLSX] {
        assert!(left.contains(&f.to_string()), "{f} stays in place");
    }
    assert!(
        said.contains(&format!(
            "其中{}个文件与上次生成的完全相同",
            documents.len() + 2
        )),
        "{said}"
    );
    // This round's record is written again (the same bytes as ledger.json).
    let round = after
        .keys()
        .find(|f| f.starts_with("rounds/"))
        .expect("a round file");
    assert_eq!(
        std::fs::read(out.path().join(round)).unwrap(),
        std::fs::read(out.path().join(rectify::LEDGER_JSON)).unwrap()
    );
    // The manifest's hash of ledger.json (worked out while it was written) is its
    // SHA-256.
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join(rectify::MANIFEST)).unwrap())
            .unwrap();
    let json = std::fs::read(out.path().join(rectify::LEDGER_JSON)).unwrap();
    let sha: String = sha2::Sha256::digest(&json)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(m["outputs"]["ledger"]["ledger.json"], sha.as_str());
    assert_same_files(&files(out.path()), &fresh(input.path(), &[]));
    // Once more: nothing is new at all, so nothing is written, synced or renamed, not
    // even the manifest or the memo of hashes.
    let stamp = |rel: &str| {
        let m = std::fs::metadata(out.path().join(rel)).unwrap();
        (m.ino(), m.mtime(), m.mtime_nsec())
    };
    let memo = format!("{}/{}", rectify::CACHE_DIR, rectify::HASH_MEMO);
    let before = (inodes(out.path()), stamp(rectify::MANIFEST), stamp(&memo));
    run(input.path(), out.path(), &[]);
    assert_eq!(inodes(out.path()), before.0, "every file stays in place");
    assert_eq!(
        stamp(rectify::MANIFEST),
        before.1,
        "the manifest is not written"
    );
    assert_eq!(stamp(&memo), before.2, "the memo is not written");
}

#[test]
fn a_changed_plan_renders_its_documents_again() {
    let input = input_copy();
    let out = tempfile::tempdir().unwrap();
    run(input.path(), out.path(), &[]);
    let before = inodes(out.path());
    let plan = input.path().join("plan.toml");
    let toml = std::fs::read_to_string(&plan).unwrap();
    let phone = toml
        .lines()
        .find_map(|l| l.strip_prefix("phone = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("plan.toml has a contact phone")
        .to_string();
    std::fs::write(&plan, toml.replace(&phone, "023-49999999")).unwrap();
    run(input.path(), out.path(), &[]);
    let after = inodes(out.path());
    let left = kept(&before, &after);
    // Every notice and form names the contact: none may stay.
    let stale: Vec<&String> = left
        .iter()
        .filter(|f| f.starts_with("checklists/"))
        .collect();
    assert!(stale.is_empty(), "kept with the old phone: {stale:?}");
    let notice = out.path().join("checklists").join("区水利局.docx");
    assert!(docx_text(&notice).contains("023-49999999"));
    assert_same_files(&files(out.path()), &fresh(input.path(), &[]));
}

#[test]
fn another_report_date_or_template_renders_the_documents_again() {
    let input = input_copy();
    let out = tempfile::tempdir().unwrap();
    run(input.path(), out.path(), &[]);

    // Another date on the report (`run --date`): it is on every Word document.
    let before = inodes(out.path());
    run(input.path(), out.path(), &["--date", "2020-12-03"]);
    let after = inodes(out.path());
    let left = kept(&before, &after);
    assert!(!left.iter().any(|f| f.ends_with(".docx")), "{left:?}");
    assert_same_files(
        &files(out.path()),
        &fresh(input.path(), &["--date", "2020-12-03"]),
    );

    // A changed template: the documents it makes change, and say what it says now.
    let templates = tempfile::tempdir().unwrap();
    let t = templates.path().to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_rectify"))
        .args(["templates", t])
        .output()
        .unwrap();
    assert!(o.status.success());
    let notice: PathBuf = templates.path().join("notice.tera");
    let text = std::fs::read_to_string(&notice).unwrap();
    std::fs::write(&notice, format!("{text}\n@p 请各单位高度重视。\n")).unwrap();
    let before = inodes(out.path());
    let opts = ["--templates", t, "--date", "2020-12-03"];
    run(input.path(), out.path(), &opts);
    let after = inodes(out.path());
    let left = kept(&before, &after);
    assert!(
        !left
            .iter()
            .any(|f| f.starts_with("checklists/") && f.ends_with(".docx")),
        "{left:?}"
    );
    assert!(
        left.iter().any(|f| f.starts_with("reminders/")),
        "reminders do not use notice.tera"
    );
    assert!(
        docx_text(&out.path().join("checklists").join("区水利局.docx"))
            .contains("请各单位高度重视")
    );
    assert_same_files(&files(out.path()), &fresh(input.path(), &opts));
}

#[test]
fn a_document_another_command_rewrote_is_made_again_by_the_next_run() {
    let input = input_copy();
    let out = tempfile::tempdir().unwrap();
    run(input.path(), out.path(), &[]);
    let report = out.path().join(rectify::REPORT_DOCX);
    let first = std::fs::read(&report).unwrap();
    // `report` alone, with another date: the report is rewritten, the ledger is not.
    let o = common::rectify_ok(
        input.path(),
        out.path(),
        &["report", "--date", "2020-12-03"],
    );
    assert!(o.status.success());
    assert_ne!(std::fs::read(&report).unwrap(), first);
    // The run after it has the same ledger, templates and dates as the first: its
    // report is the first run's again, not the one `report` left.
    run(input.path(), out.path(), &[]);
    assert_eq!(std::fs::read(&report).unwrap(), first);
    assert_same_files(&files(out.path()), &fresh(input.path(), &[]));
}

#[test]
fn an_edited_deleted_or_differently_keyed_document_is_made_again() {
    let input = input_copy();
    let out = tempfile::tempdir().unwrap();
    run(input.path(), out.path(), &[]);
    let dir = out.path().join("checklists");
    // The clerk edits one notice, deletes one form.
    std::fs::write(dir.join("区水利局.docx"), b"edited by hand").unwrap();
    std::fs::remove_file(dir.join("区财政局.xlsx")).unwrap();
    // The manifest says another form was made from other inputs (another build of the
    // tool, say).
    let manifest = out.path().join(rectify::MANIFEST);
    let mut m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
    let key = &mut m["keys"]["checklists"]["checklists/区发展改革委.xlsx"];
    assert!(key.is_string(), "the manifest keeps each form's key");
    *key = serde_json::Value::String("0".repeat(64));
    std::fs::write(&manifest, serde_json::to_vec(&m).unwrap()).unwrap();
    let before = inodes(out.path());

    let said = run(input.path(), out.path(), &[]);
    assert!(said.contains("修改稿"), "the edit is kept aside: {said}");
    let after = inodes(out.path());
    let left = kept(&before, &after);
    assert!(!left.contains(&"checklists/区发展改革委.xlsx".to_string()));
    assert!(left.contains(&"checklists/区发展改革委.docx".to_string()));
    // What the folder now holds: a fresh run's files, and the clerk's copy beside.
    let mut got = files(out.path());
    let copies = edited_copies(&got);
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(got.remove(&copies[0]).unwrap(), b"edited by hand");
    assert_same_files(&got, &fresh(input.path(), &[]));
}

#[test]
fn a_new_return_renders_again_only_what_it_changes() {
    let input = input_copy();
    let out = tempfile::tempdir().unwrap();
    // The first round without one unit's return.
    let held = tempfile::tempdir().unwrap();
    let file = "区财政局-整改进展.xlsx";
    std::fs::rename(
        input.path().join("returns").join(file),
        held.path().join(file),
    )
    .unwrap();
    let first = run(input.path(), out.path(), &[]);
    assert!(first.contains("区财政局"), "listed as missing: {first}");
    let reminder = "reminders/催报通知-区财政局.docx";
    assert!(out.path().join(reminder).is_file());
    let before = inodes(out.path());

    // Its return arrives.
    std::fs::rename(
        held.path().join(file),
        input.path().join("returns").join(file),
    )
    .unwrap();
    run(input.path(), out.path(), &[]);
    let after = inodes(out.path());
    assert!(!out.path().join(reminder).exists(), "its reminder is gone");
    let left = kept(&before, &after);
    // The forms and notices do not depend on the returns: all stay.
    let checklists = after
        .keys()
        .filter(|f| f.starts_with("checklists/"))
        .count();
    assert_eq!(
        left.iter().filter(|f| f.starts_with("checklists/")).count(),
        checklists
    );
    // The report and the list of units that owe reports change, and so do the ledger
    // and the workbook.
    assert!(!left.contains(&"整改情况报告.docx".to_string()));
    for f in [rectify::LEDGER_JSON, rectify::WORKBOOK_XLSX] {
        assert!(!left.contains(&f.to_string()), "{f} is written again");
    }
    assert!(!left.contains(&"reminders/未报送单位清单.docx".to_string()));
    // Byte for byte what a first run of this round writes.
    let fresh_out = tempfile::tempdir().unwrap();
    copy_dir(&out.path().join("rounds"), &fresh_out.path().join("rounds"));
    run(input.path(), fresh_out.path(), &[]);
    assert_same_files(&files(out.path()), &files(fresh_out.path()));
}

#[test]
fn an_edited_deleted_or_differently_keyed_workbook_or_ledger_is_made_again() {
    let input = input_copy();
    let want = fresh(input.path(), &[]);
    let manifest_of = |out: &Path| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(out.join(rectify::MANIFEST)).unwrap()).unwrap()
    };
    type Change = fn(&Path, &mut serde_json::Value);
    let changes: [(&str, Change); 5] = [
        ("the workbook edited", |out, _| {
            std::fs::write(out.join(rectify::WORKBOOK_XLSX), b"edited by hand").unwrap()
        }),
        ("the workbook deleted", |out, _| {
            std::fs::remove_file(out.join(rectify::WORKBOOK_XLSX)).unwrap()
        }),
        ("the workbook made from another ledger", |_, m| {
            let key = &mut m["keys"]["workbook"][rectify::WORKBOOK_XLSX];
            assert!(key.is_string(), "the manifest keeps the workbook's key");
            *key = serde_json::Value::String("0".repeat(64));
        }),
        ("ledger.json edited", |out, _| {
            std::fs::write(out.join(rectify::LEDGER_JSON), b"{}\n").unwrap()
        }),
        ("ledger.json recorded with another hash", |_, m| {
            let hash = &mut m["outputs"]["ledger"][rectify::LEDGER_JSON];
            assert!(hash.is_string());
            *hash = serde_json::Value::String("0".repeat(64));
        }),
    ];
    for (what, change) in changes {
        let out = tempfile::tempdir().unwrap();
        run(input.path(), out.path(), &[]);
        let mut m = manifest_of(out.path());
        change(out.path(), &mut m);
        std::fs::write(
            out.path().join(rectify::MANIFEST),
            serde_json::to_vec(&m).unwrap(),
        )
        .unwrap();
        let before = inodes(out.path());
        let said = run(input.path(), out.path(), &[]);
        let left = kept(&before, &inodes(out.path()));
        let (changed, other) = if what.contains("workbook") {
            (rectify::WORKBOOK_XLSX, rectify::LEDGER_JSON)
        } else {
            (rectify::LEDGER_JSON, rectify::WORKBOOK_XLSX)
        };
        assert!(!left.contains(&changed.to_string()), "{what}: made again");
        // The ledger is the same: the other file stands (the workbook's key is the
        // ledger's digest, worked out afresh, not read from the file).
        assert!(left.contains(&other.to_string()), "{what}: {other} stays");
        let mut got = files(out.path());
        let copies = edited_copies(&got);
        // A file that is not what the manifest says the last run wrote counts as edited
        // by hand: kept aside.
        if what.contains("edited") || what.contains("another hash") {
            assert!(
                said.contains("修改稿"),
                "{what}: the edit is kept aside: {said}"
            );
            assert_eq!(copies.len(), 1, "{what}: {copies:?}");
            got.remove(&copies[0]);
        } else {
            assert!(copies.is_empty(), "{what}: {copies:?}");
        }
        assert_same_files(&got, &want);
    }
}

#[test]
fn the_memo_of_hashes_spares_reading_untouched_files_and_never_hides_a_change() {
    let input = input_copy();
    let want = fresh(input.path(), &[]);
    let memo_path = |out: &Path| out.join(rectify::CACHE_DIR).join(rectify::HASH_MEMO);
    let out = tempfile::tempdir().unwrap();
    run(input.path(), out.path(), &[]);
    let memo: serde_json::Value =
        serde_json::from_slice(&std::fs::read(memo_path(out.path())).unwrap()).unwrap();
    // Every output file and this round's record are remembered with their hash.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join(rectify::MANIFEST)).unwrap())
            .unwrap();
    let workbook = &memo["files"][rectify::WORKBOOK_XLSX];
    assert_eq!(
        workbook[1],
        manifest["outputs"]["workbook"][rectify::WORKBOOK_XLSX],
        "{memo}"
    );
    let rounds: Vec<String> = files(out.path())
        .into_keys()
        .filter(|f| f.starts_with("rounds/"))
        .collect();
    assert_eq!(rounds.len(), 1);
    assert_eq!(
        memo["files"][&rounds[0]][1],
        manifest["outputs"]["ledger"][rectify::LEDGER_JSON]
    );

    // The memo is what a rerun believes of a file not written since: told that the
    // workbook has another hash, it takes the file for one edited by hand.
    let mut told = memo.clone();
    told["files"][rectify::WORKBOOK_XLSX][1] = serde_json::Value::String("0".repeat(64));
    std::fs::write(memo_path(out.path()), serde_json::to_vec(&told).unwrap()).unwrap();
    let said = run(input.path(), out.path(), &[]);
    assert!(said.contains("修改稿"), "{said}");
    let mut got = files(out.path());
    got.retain(|f, _| !f.contains("修改稿"));
    assert_same_files(&got, &want);

    // A file written since (another size, time or inode than remembered) is read
    // again: the memo's hash is not used.
    let out = tempfile::tempdir().unwrap();
    run(input.path(), out.path(), &[]);
    let memo: serde_json::Value =
        serde_json::from_slice(&std::fs::read(memo_path(out.path())).unwrap()).unwrap();
    let mut stale = memo.clone();
    stale["files"][rectify::WORKBOOK_XLSX] =
        serde_json::json!(["1:0.000000000:0:0", "0".repeat(64)]);
    std::fs::write(memo_path(out.path()), serde_json::to_vec(&stale).unwrap()).unwrap();
    let before = inodes(out.path());
    let said = run(input.path(), out.path(), &[]);
    assert!(!said.contains("修改稿"), "{said}");
    assert!(kept(&before, &inodes(out.path())).contains(&rectify::WORKBOOK_XLSX.to_string()));

    // No memo (the cache folder deleted): every file is hashed, and the rerun still
    // leaves them all in place.
    std::fs::remove_dir_all(out.path().join(rectify::CACHE_DIR)).unwrap();
    let before = inodes(out.path());
    run(input.path(), out.path(), &[]);
    let left = kept(&before, &inodes(out.path()));
    for f in [
        rectify::LEDGER_JSON,
        rectify::WORKBOOK_XLSX,
        "整改情况报告.docx",
    ] {
        assert!(left.contains(&f.to_string()), "{f} stays");
    }
    assert_same_files(&files(out.path()), &want);
}

#[test]
fn the_workbook_stays_in_place_even_when_it_was_finished_before_the_ledgers_digest() {
    // On one thread the workbook renders to its end before the ledger output starts
    // (the longest first): it cannot stop early, and the writer keeps the last run's
    // file instead (the same key, so the same bytes).
    let input = input_copy();
    let out = tempfile::tempdir().unwrap();
    let one_thread = |out: &Path| {
        let o = Command::new(env!("CARGO_BIN_EXE_rectify"))
            .args(["--input"])
            .arg(input.path())
            .arg("--output")
            .arg(out)
            .arg("run")
            .env("RAYON_NUM_THREADS", "1")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    one_thread(out.path());
    let before = inodes(out.path());
    one_thread(out.path());
    let left = kept(&before, &inodes(out.path()));
    for f in [rectify::WORKBOOK_XLSX, rectify::LEDGER_JSON] {
        assert!(left.contains(&f.to_string()), "{f} stays in place");
    }
    assert_same_files(&files(out.path()), &fresh(input.path(), &[]));
}
