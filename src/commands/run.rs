//! `rectify run`: the whole job on one folder; `rectify report`: only the report.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Ledger;
use crate::render::report::{ReportError, Templates};
use crate::render::{report_docx, workbook, write_atomic, Staged, REPORT_DOCX};

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
///
/// Everything is rendered before anything appears under its final name, so a template
/// error leaves the folder as it was. The documents render in parallel; the two large
/// outputs, ledger.json and the workbook, stream to staged temporary files (tens of MB
/// each at city scale that need not sit in memory), renamed into place only once every
/// render succeeded.
pub fn write_outputs(
    ledger: &Ledger,
    out_dir: &Path,
    templates: &Templates,
) -> Result<Vec<String>, OutputError> {
    let json_path = out_dir.join(LEDGER_JSON);
    let xlsx_path = out_dir.join(workbook::FILE_NAME);
    let ((json, xlsx), rendered) = rayon::join(
        || {
            rayon::join(
                || Staged::write(&json_path, |w| ledger.write_json(w)),
                || Staged::write(&xlsx_path, |w| workbook::write_workbook(ledger, w)),
            )
        },
        || render_documents(ledger, templates),
    );
    let files = rendered?;
    let xlsx = xlsx.map_err(OutputError::Workbook)?;
    let json = json.map_err(|error| OutputError::Io {
        path: json_path.clone(),
        error,
    })?;
    json.commit().map_err(|error| OutputError::Io {
        path: json_path,
        error,
    })?;
    xlsx.commit().map_err(|error| OutputError::Io {
        path: xlsx_path,
        error,
    })?;
    let mut written = vec![LEDGER_JSON.to_string(), workbook::FILE_NAME.to_string()];
    written.extend(super::checklists::write_all(out_dir, files)?);
    Ok(written)
}

/// The documents `run` writes besides ledger.json and the workbook, rendered in
/// parallel, in a fixed order: report, checklists, reminders.
fn render_documents(
    ledger: &Ledger,
    templates: &Templates,
) -> Result<Vec<super::checklists::Rendered>, OutputError> {
    let (report, (checklists, reminders)) = rayon::join(
        || report_docx(ledger, templates).map_err(OutputError::Report),
        || {
            rayon::join(
                || super::checklists::render_checklists(ledger, templates, ledger.plan.notice_date),
                || super::checklists::render_reminders(ledger, templates, ledger.as_of),
            )
        },
    );
    let mut files = vec![(REPORT_DOCX.to_string(), report?)];
    files.extend(checklists?);
    files.extend(reminders?);
    Ok(files)
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

/// The files written, for a message: top-level files by name, folders by count
/// ("checklists/（104个文件）").
pub fn files_summary(files: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut folders: Vec<(&str, usize)> = Vec::new();
    for f in files {
        match f.split_once('/') {
            Some((dir, _)) => match folders.iter_mut().find(|(d, _)| *d == dir) {
                Some((_, n)) => *n += 1,
                None => folders.push((dir, 1)),
            },
            None => parts.push(f.clone()),
        }
    }
    parts.extend(
        folders
            .into_iter()
            .map(|(d, n)| format!("{d}/（{n}个文件）")),
    );
    parts.join("、")
}
