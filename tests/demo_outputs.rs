//! The shipped demo's outputs, byte for byte: `rectify run` on `input/` must write exactly
//! the files listed in `tests/data/demo-outputs.sha256`, with those contents.
//!
//! The output folder's manifest is left out: besides the files' hashes it holds each
//! document's reuse key, which includes a fingerprint of the source code, so it changes
//! with every commit (tests/reuse.rs checks it). So is the cache of parsed returns
//! (`.rectify-cache/`), whose keys include the same fingerprint (tests/returns_cache.rs).
//!
//! A refactor must leave this list untouched. A change that means to alter the documents
//! regenerates it (`RECTIFY_BLESS=1 cargo test --test demo_outputs`) and says so in its
//! commit, so every change to what a clerk receives is visible in review.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use common::repo;

const LIST: &str = "tests/data/demo-outputs.sha256";

/// Every file under `dir` (relative, `/`-separated) with its SHA-256, in path order;
/// the manifest and the cache left out.
fn checksums(dir: &Path) -> BTreeMap<String, String> {
    common::tree(dir)
        .into_iter()
        .filter(|(rel, _)| rel != rectify::MANIFEST && !rel.starts_with(rectify::CACHE_DIR))
        .map(|(rel, bytes)| {
            let digest = Sha256::digest(&bytes);
            (rel, digest.iter().map(|b| format!("{b:02x}")).collect())
        })
        .collect()
}

fn render(map: &BTreeMap<String, String>) -> String {
    map.iter().map(|(f, h)| format!("{h}  {f}\n")).collect()
}

fn parse(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| l.split_once("  "))
        .map(|(h, f)| (f.to_string(), h.to_string()))
        .collect()
}

#[test]
fn demo_outputs_are_byte_identical_to_the_recorded_list() {
    let out = tempfile::tempdir().unwrap();
    common::rectify_ok(&repo().join("input"), out.path(), &["run"]);
    let got = checksums(out.path());
    let list = repo().join(LIST);
    if std::env::var_os("RECTIFY_BLESS").is_some() {
        std::fs::write(&list, render(&got)).unwrap();
        return;
    }
    let want = parse(&std::fs::read_to_string(&list).expect("the recorded list exists"));
    let mut diffs = Vec::new();
    for (f, h) in &want {
        match got.get(f) {
            None => diffs.push(format!("missing: {f}")),
            Some(g) if g != h => diffs.push(format!("changed: {f}")),
            _ => {}
        }
    }
    diffs.extend(
        got.keys()
            .filter(|f| !want.contains_key(*f))
            .map(|f| format!("new: {f}")),
    );
    assert!(
        diffs.is_empty(),
        "the demo's outputs differ from {LIST} ({} files):\n{}\n\
         If the change is intended, regenerate the list with \
         RECTIFY_BLESS=1 cargo test --test demo_outputs",
        diffs.len(),
        diffs.join("\n")
    );
}
