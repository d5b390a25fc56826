//! Arbitrary text as the block language a template produces: parsing never panics, and
//! whatever parses renders to a docx that the finishing pass accepts.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rectify::model::Ledger;

fn ledger() -> &'static Ledger {
    static LEDGER: OnceLock<Ledger> = OnceLock::new();
    LEDGER.get_or_init(|| {
        let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../input");
        let plan = rectify::plan::load_plan(&input).expect("plan loads");
        rectify::build_ledger(&plan, std::path::Path::new("/nonexistent"))
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let Ok(blocks) = rectify::parse_blocks(src) else { return };
    rectify::blocks_docx(ledger(), &blocks).expect("docx-rs builds it and the finishing pass accepts it");
});
