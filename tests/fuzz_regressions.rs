//! Inputs the fuzzers found (tests/fuzz_regressions/, fuzz/ for the targets), replayed
//! the way the fuzz targets use them: each must give problems, never a panic or an
//! internal error.

mod common;

use rectify::model::Code;
use rectify::{ingest_bytes, IngestOptions};

#[test]
fn ingest_crashers_are_now_problems() {
    let plan = common::plan();
    let opts = IngestOptions::for_plan(&plan);
    let dir = common::repo().join("tests/fuzz_regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("ingest-") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        let (&pick, bytes) = data.split_first().unwrap();
        let file = ["return.xlsx", "return.xls", "return.ods", "return.csv"][pick as usize % 4];
        let out = ingest_bytes(file, bytes, &opts);
        assert!(
            !out.problems.iter().any(|p| p.code == Code::FileFailed),
            "{name}: {:?}",
            out.problems
        );
        assert!(
            !out.problems.is_empty() || !out.records.is_empty(),
            "{name}: nothing vanishes"
        );
        n += 1;
    }
    assert!(n >= 1, "the regression inputs are there");
}
