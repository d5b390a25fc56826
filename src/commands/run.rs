//! `rectify run`: the whole job on one folder.

use std::path::Path;

use crate::ledger::Ledger;
use crate::render::write_atomic;

/// Every file `run` writes, relative to the output folder.
pub const LEDGER_JSON: &str = "ledger.json";

/// Write the outputs of a merged ledger into `out_dir`; returns the files written.
pub fn write_outputs(ledger: &Ledger, out_dir: &Path) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(out_dir)?;
    write_atomic(&out_dir.join(LEDGER_JSON), ledger.to_json().as_bytes())?;
    Ok(vec![LEDGER_JSON.to_string()])
}
