//! Renderers: ledger → files in output/. They read only the ledger and never open an
//! input. Every file is written atomically (a temporary name in the same folder, then
//! a rename), so a killed run never leaves a truncated file under a final name.

pub mod blocks;
pub mod checklist;
pub mod docx;
pub mod finish;
pub mod notice;
pub mod report;
pub mod workbook;

use std::io::Write;
use std::path::Path;

use crate::model::Ledger;
use report::{ReportError, Templates};

/// The consolidated report's file name in the output folder.
pub const REPORT_DOCX: &str = "整改情况报告.docx";

/// The consolidated report (整改情况报告) as .docx bytes: template → blocks →
/// [`blocks_docx`].
pub fn report_docx(ledger: &Ledger, templates: &Templates) -> Result<Vec<u8>, ReportError> {
    let blocks = report::report_blocks(ledger, templates)?;
    blocks_docx(ledger, &blocks)
}

/// Any document of blocks (the report, a notice, a reminder) as .docx bytes: docx-rs
/// (`docx::build_docx`), then the finishing pass (`finish::finish_docx`). The one place
/// every docx goes through; its title (core properties) is the text of its @title lines.
pub fn blocks_docx(ledger: &Ledger, blocks: &[blocks::Block]) -> Result<Vec<u8>, ReportError> {
    let raw = docx::build_docx(ledger, blocks)?;
    let title: String = blocks
        .iter()
        .filter_map(|b| match b {
            blocks::Block::Title(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    finish_document(&raw, &title, ledger)
}

/// The finishing pass with the bureau as author and the report date as the (fixed)
/// creation time.
pub fn finish_document(raw: &[u8], title: &str, ledger: &Ledger) -> Result<Vec<u8>, ReportError> {
    let props = finish::DocProps::new(title, &ledger.plan.collector_full, ledger.plan.report_date);
    finish::finish_docx(raw, &props).map_err(|e| ReportError::Docx(e.to_string()))
}

/// Write `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Write `path` atomically with a streaming writer (the ledger's JSON is written this
/// way rather than built as one string first).
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    Staged::write(path, |w| fill(w))?.commit()
}

/// A file written under a temporary name beside its final path, renamed into place by
/// [`Staged::commit`]; dropped without a commit, the temporary file is removed. Lets a
/// large output stream to disk while other outputs are still being rendered, and
/// appear only once they all succeeded.
#[must_use = "a staged file is removed unless committed"]
pub struct Staged {
    tmp: std::path::PathBuf,
    path: std::path::PathBuf,
    committed: bool,
}

impl Staged {
    /// Write the temporary file (flushed and synced) with a streaming writer; `fill`'s
    /// error type only needs to take I/O errors.
    pub fn write<E: From<std::io::Error>>(
        path: &Path,
        fill: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<(), E>,
    ) -> Result<Staged, E> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let staged = Staged {
            tmp: dir.join(format!(".{name}.tmp-{}", std::process::id())),
            path: path.to_path_buf(),
            committed: false,
        };
        let f = std::fs::File::create(&staged.tmp)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
        fill(&mut w)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        Ok(staged)
    }

    /// Rename the file into place.
    pub fn commit(mut self) -> std::io::Result<()> {
        std::fs::rename(&self.tmp, &self.path)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// A unit name as a file name: the characters Windows and other systems refuse
/// (`/ \ : * ? " < > |` and control characters) become `_`, and leading or trailing
/// dots and spaces go. Never empty.
pub fn file_stem(name: &str) -> String {
    let s: String = crate::common::text::sanitize(name)
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let s = s.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if s.is_empty() {
        "_".to_string()
    } else {
        s.to_string()
    }
}
