//! Arbitrary bytes as a return (xlsx, xls, ods, csv: the format is sniffed from the
//! bytes; the first byte picks the file name's extension). Ingest must never panic,
//! not even inside its own isolation (a caught panic counts as a crash here), and must
//! stay within its limits.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rectify::{ingest_bytes, IngestOptions};
use rectify::plan::Plan;
use rectify::model::Code;

fn plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../input");
        rectify::plan::load_plan(&input).expect("plan loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = ["return.xlsx", "return.xls", "return.ods", "return.csv"][pick as usize % 4];
    let plan = plan();
    let mut limits = plan.meta.limits.clone();
    // Small limits keep each execution fast; the guards are what is being tested.
    limits.max_uncompressed_bytes = 16 << 20;
    limits.max_cells_per_sheet = 200_000;
    let opts = IngestOptions { limits: &limits, ..IngestOptions::for_plan(plan) };
    let out = ingest_bytes(name, bytes, &opts);
    for p in &out.problems {
        assert!(p.code != Code::FileFailed, "internal error: {}", p.message);
    }
    // Every record has provenance inside the file.
    for r in &out.records {
        assert!(r.source.row >= 1);
    }
});
