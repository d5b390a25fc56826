//! Parsed returns kept between runs (issue 20: a rerun parses only the returns that
//! changed). The cache must never change what a run makes: every ledger built through
//! it equals the ledger built without it, whatever happened to the returns or to the
//! cache file in between, and a rerun's output folder is byte for byte a first run's.

mod common;

use std::path::Path;

use common::{fixture_set, n, plan, rectify_ok, repo, standard_return, std_row, write_workbook, V};
use rectify::plan::Plan;
use rectify::{build_round, build_round_kept, IngestOptions, ReturnsCache, Scope};

/// The ledger of `returns` through the cache in `out` (`write`: this run keeps what it
/// parses), and what the cache did: (files read back, files parsed and kept).
fn cached(plan: &Plan, returns: &Path, out: &Path, write: bool) -> (String, usize, usize) {
    let cache = ReturnsCache::open(out, &IngestOptions::for_plan(plan), write);
    let ledger = build_round_kept(
        plan,
        returns,
        &Scope::Bureau,
        &rectify::Silent,
        Some(&cache),
    );
    (json(&ledger), cache.hits(), cache.stored())
}

/// The ledger of `returns` with no cache at all.
fn uncached(plan: &Plan, returns: &Path) -> String {
    json(&build_round(plan, returns, &Scope::Bureau))
}

fn json(ledger: &rectify::model::Ledger) -> String {
    serde_json::to_string(ledger).unwrap()
}

/// The files `walk` hands to ingest in `dir` (not hidden, not Office lock files).
fn returns_in(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            !name.starts_with('.') && !name.starts_with("~$")
        })
        .count()
}

fn cache_file(out: &Path) -> std::path::PathBuf {
    out.join(rectify::CACHE_DIR).join("returns.bin")
}

fn one_return(dir: &Path, name: &str, progress: &str) {
    let m = common::measure(20);
    write_workbook(
        &dir.join(name),
        &[standard_return(
            "填报单位：区水利局    填报日期：2020年12月3日",
            vec![std_row(n(20.0), &m, progress, "正在推进", V::E)],
        )],
    );
}

#[test]
fn a_rerun_reads_every_return_back_and_builds_the_same_ledger() {
    let returns = tempfile::tempdir().unwrap();
    fixture_set(returns.path());
    let out = tempfile::tempdir().unwrap();
    let plan = plan();
    let want = uncached(&plan, returns.path());
    let files = returns_in(returns.path());
    assert!(files >= 6, "{files} returns");

    // No cache yet: every return is parsed, and kept (the fixture's corrupt file too:
    // its failure is a property of its bytes).
    let (first, hits, stored) = cached(&plan, returns.path(), out.path(), true);
    assert_eq!(first, want);
    assert_eq!((hits, stored), (0, files));
    let kept = std::fs::read(cache_file(out.path())).unwrap();

    // Nothing changed: every return is read back, none parsed, and the cache file is
    // the one this run would write: left as it is (the same file, not rewritten).
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
    let before = inode(&cache_file(out.path()));
    let (again, hits, stored) = cached(&plan, returns.path(), out.path(), true);
    assert_eq!(again, want);
    assert_eq!((hits, stored), (files, 0));
    assert_eq!(std::fs::read(cache_file(out.path())).unwrap(), kept);
    assert_eq!(inode(&cache_file(out.path())), before);
}

/// The cache file a run into an empty folder writes for `returns`.
fn fresh_cache(plan: &Plan, returns: &Path) -> Vec<u8> {
    let out = tempfile::tempdir().unwrap();
    cached(plan, returns, out.path(), true);
    std::fs::read(cache_file(out.path())).unwrap()
}

#[test]
fn a_changed_new_or_removed_return_is_followed() {
    let returns = tempfile::tempdir().unwrap();
    let dir = returns.path();
    one_return(dir, "区水利局.xlsx", "已完成河道清淤3公里");
    fixture_set(dir);
    let out = tempfile::tempdir().unwrap();
    let plan = plan();
    let files = returns_in(dir);
    cached(&plan, dir, out.path(), true);

    // The unit sends its return again with another text: that file is parsed again,
    // the others read back, and the ledger says what the new file says.
    one_return(
        dir,
        "区水利局.xlsx",
        "已完成河道清淤5公里，剩余河段12月底前完成",
    );
    let (got, hits, stored) = cached(&plan, dir, out.path(), true);
    assert_eq!(got, uncached(&plan, dir));
    assert!(got.contains("剩余河段12月底前完成"));
    assert!(!got.contains("已完成河道清淤3公里"));
    assert_eq!((hits, stored), (files - 1, 1));
    // Whatever the history, the cache file is the one a first run writes.
    assert_eq!(
        std::fs::read(cache_file(out.path())).unwrap(),
        fresh_cache(&plan, dir)
    );

    // A file renamed is another file (its path is part of what it says: the unit by
    // its name, the source of every fact).
    std::fs::rename(dir.join("区水利局.xlsx"), dir.join("区水利局-更新.xlsx")).unwrap();
    let (got, hits, stored) = cached(&plan, dir, out.path(), true);
    assert_eq!(got, uncached(&plan, dir));
    assert!(got.contains("区水利局-更新.xlsx"));
    assert_eq!((hits, stored), (files - 1, 1));
    assert_eq!(
        std::fs::read(cache_file(out.path())).unwrap(),
        fresh_cache(&plan, dir)
    );

    // A removed file is gone from the ledger, and from the cache file: a run keeps
    // only what it read.
    let before = std::fs::metadata(cache_file(out.path())).unwrap().len();
    std::fs::remove_file(dir.join("区水利局-更新.xlsx")).unwrap();
    let (got, hits, stored) = cached(&plan, dir, out.path(), true);
    assert_eq!(got, uncached(&plan, dir));
    assert!(!got.contains("区水利局-更新.xlsx"));
    assert_eq!((hits, stored), (files - 1, 0));
    assert!(std::fs::metadata(cache_file(out.path())).unwrap().len() < before);
    assert_eq!(
        std::fs::read(cache_file(out.path())).unwrap(),
        fresh_cache(&plan, dir)
    );

    // A new file at the end of the folder's order: the others' results are copied over
    // as they were and the new one added.
    one_return(dir, "龙水湖.xlsx", "新增报送");
    let (got, hits, stored) = cached(&plan, dir, out.path(), true);
    assert_eq!(got, uncached(&plan, dir));
    assert_eq!((hits, stored), (files - 1, 1));
    assert_eq!(
        std::fs::read(cache_file(out.path())).unwrap(),
        fresh_cache(&plan, dir)
    );
}

/// The fixture set of returns, run once into an empty output folder through the cache:
/// (returns, output folder, how many returns).
fn kept_fixture(plan: &Plan) -> (tempfile::TempDir, tempfile::TempDir, usize) {
    let returns = tempfile::tempdir().unwrap();
    fixture_set(returns.path());
    let out = tempfile::tempdir().unwrap();
    cached(plan, returns.path(), out.path(), true);
    let files = returns_in(returns.path());
    (returns, out, files)
}

#[test]
fn another_plan_reads_every_return_again() {
    let plan = plan();
    let (returns, out, files) = kept_fixture(&plan);

    // A unit's new alias changes how returns are read (who sent a file): nothing kept
    // for the old directory is used.
    let input = tempfile::tempdir().unwrap();
    for f in ["plan.toml", "tasks.csv"] {
        std::fs::copy(repo().join("input").join(f), input.path().join(f)).unwrap();
    }
    let units = std::fs::read_to_string(repo().join("input/units.toml")).unwrap();
    let edited = units.replacen(
        "full_name = \"重庆市永川区水利局\"\naliases = []",
        "full_name = \"重庆市永川区水利局\"\naliases = [\"水利局本级\"]",
        1,
    );
    assert_ne!(edited, units, "units.toml names 区水利局");
    std::fs::write(input.path().join("units.toml"), edited).unwrap();
    let other = rectify::plan::load_plan(input.path()).unwrap();
    let (got, hits, stored) = cached(&other, returns.path(), out.path(), true);
    assert_eq!(got, uncached(&other, returns.path()));
    assert_eq!((hits, stored), (0, files));

    // Limits are part of it too.
    let mut strict = plan.clone();
    strict.meta.limits.max_cells_per_sheet = 50;
    let (got, hits, _) = cached(&strict, returns.path(), out.path(), false);
    assert_eq!(got, uncached(&strict, returns.path()));
    assert_eq!(hits, 0);
}

#[test]
fn a_damaged_cache_file_is_passed_over() {
    let plan = plan();
    let (returns, out, files) = kept_fixture(&plan);
    let want = uncached(&plan, returns.path());
    let good = std::fs::read(cache_file(out.path())).unwrap();

    let damaged: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("cut short", good[..good.len() / 2].to_vec()),
        ("footer gone", good[..good.len() - 3].to_vec()),
        ("index changed", {
            let mut b = good.clone();
            let i = b.len() - 40;
            b[i] ^= 1;
            b
        }),
        ("not ours", b"PK\x03\x04 not a cache file at all".to_vec()),
        ("zeros", vec![0; good.len()]),
    ];
    for (what, bytes) in damaged {
        std::fs::write(cache_file(out.path()), &bytes).unwrap();
        let (got, hits, _) = cached(&plan, returns.path(), out.path(), false);
        assert_eq!(got, want, "{what}");
        assert_eq!(hits, 0, "{what}: nothing read back");
    }

    // One result damaged so that it still reads as a result (区水利局's 初稿已完成 now
    // says 终稿已完成): its checksum gives it away, that file is parsed again, the others
    // are read back.
    let (from, to) = ("初稿已完成".as_bytes(), "终稿已完成".as_bytes());
    let at = good
        .windows(from.len())
        .position(|w| w == from)
        .expect("the cache holds 区水利局's progress text");
    let mut one = good.clone();
    one[at..at + to.len()].copy_from_slice(to);
    std::fs::write(cache_file(out.path()), &one).unwrap();
    let (got, hits, stored) = cached(&plan, returns.path(), out.path(), true);
    assert_eq!(got, want);
    assert_eq!((hits, stored), (files - 1, 1));
    // And the file written after it is whole again.
    assert_eq!(std::fs::read(cache_file(out.path())).unwrap(), good);
}

#[test]
fn a_rerun_writes_what_a_first_run_writes_and_check_writes_nothing() {
    let input = repo().join("input");
    let out = tempfile::tempdir().unwrap();

    // `check` only looks: no cache is made in an output folder it is pointed at.
    let looked = tempfile::tempdir().unwrap();
    rectify_ok(&input, looked.path(), &["check"]);
    assert!(!looked.path().join(rectify::CACHE_DIR).exists());

    rectify_ok(&input, out.path(), &["run"]);
    let first = common::tree(out.path());
    assert!(first.contains_key(&format!("{}/returns.bin", rectify::CACHE_DIR)));
    rectify_ok(&input, out.path(), &["run"]);
    let again = common::tree(out.path());
    let fresh = tempfile::tempdir().unwrap();
    rectify_ok(&input, fresh.path(), &["run"]);
    let fresh = common::tree(fresh.path());
    assert_eq!(
        again.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    // All the same bytes but the memo of output hashes, which holds file times.
    let memo = format!("{}/{}", rectify::CACHE_DIR, rectify::HASH_MEMO);
    let differ: Vec<&String> = again
        .keys()
        .filter(|f| **f != memo && again[*f] != fresh[*f])
        .collect();
    assert!(
        differ.is_empty(),
        "a rerun differs from a first run: {differ:?}"
    );

    // `check` after a run reads what the run kept and leaves it as it is.
    let before = std::fs::metadata(cache_file(out.path()))
        .unwrap()
        .modified()
        .unwrap();
    rectify_ok(&input, out.path(), &["check"]);
    let after = std::fs::metadata(cache_file(out.path()))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
}
