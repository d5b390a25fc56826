//! `rectify run`: the whole job on one folder; `rectify report`: only the report.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::ledger::Ledger;
use crate::render::report::{ReportError, Templates};
use crate::render::{report_docx, workbook, write_atomic, REPORT_DOCX};

/// Every file `run` writes, relative to the output folder.
pub const LEDGER_JSON: &str = "ledger.json";

/// Why outputs could not be written. Messages are Chinese.
#[derive(Debug)]
pub enum OutputError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    Report(ReportError),
    Workbook(rust_xlsxwriter::XlsxError),
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::Io { path, error } => {
                write!(f, "无法写入 {}（{error}）", path.display())
            }
            OutputError::Report(e) => write!(f, "{e}"),
            OutputError::Workbook(e) => write!(f, "生成{}失败：{e}", workbook::FILE_NAME),
        }
    }
}

impl std::error::Error for OutputError {}

pub(crate) fn write(path: PathBuf, bytes: &[u8]) -> Result<(), OutputError> {
    write_atomic(&path, bytes).map_err(|error| OutputError::Io { path, error })
}

/// Write the outputs of a merged ledger into `out_dir`; returns the files written.
/// The report is rendered before anything is written, so a template error leaves the
/// folder as it was.
pub fn write_outputs(
    ledger: &Ledger,
    out_dir: &Path,
    templates: &Templates,
) -> Result<Vec<String>, OutputError> {
    // Render everything before writing anything.
    let report = report_docx(ledger, templates).map_err(OutputError::Report)?;
    let xlsx = workbook::workbook_bytes(ledger).map_err(OutputError::Workbook)?;
    write(out_dir.join(LEDGER_JSON), ledger.to_json().as_bytes())?;
    write(out_dir.join(REPORT_DOCX), &report)?;
    write(out_dir.join(workbook::FILE_NAME), &xlsx)?;
    Ok(vec![
        LEDGER_JSON.to_string(),
        REPORT_DOCX.to_string(),
        workbook::FILE_NAME.to_string(),
    ])
}

/// `rectify report`: write only the report.
pub fn write_report(
    ledger: &Ledger,
    out_dir: &Path,
    templates: &Templates,
) -> Result<Vec<String>, OutputError> {
    let report = report_docx(ledger, templates).map_err(OutputError::Report)?;
    write(out_dir.join(REPORT_DOCX), &report)?;
    Ok(vec![REPORT_DOCX.to_string()])
}
