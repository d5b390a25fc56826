//! `rectify run`: the whole job on one folder.

use std::path::Path;

use crate::ledger::Ledger;
use crate::render::{workbook, write_atomic};

/// Every file `run` writes, relative to the output folder.
pub const LEDGER_JSON: &str = "ledger.json";

/// Write the outputs of a merged ledger into `out_dir`; returns the files written.
pub fn write_outputs(ledger: &Ledger, out_dir: &Path) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(out_dir)?;
    write_atomic(&out_dir.join(LEDGER_JSON), ledger.to_json().as_bytes())?;
    let mut written = vec![LEDGER_JSON.to_string()];
    let xlsx = workbook::workbook_bytes(ledger)
        .map_err(|e| std::io::Error::other(format!("生成{}失败：{e}", workbook::FILE_NAME)))?;
    write_atomic(&out_dir.join(workbook::FILE_NAME), &xlsx)?;
    written.push(workbook::FILE_NAME.to_string());
    Ok(written)
}
