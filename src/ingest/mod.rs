//! Ingest: unit returns (spreadsheets in any layout, Word tables, bundles of them) →
//! records with provenance. Reads returns; knows nothing about the report or any output.
//! How each form of return is read, and the choices made: docs/returns.md.
//!
//! - `walk`: the returns folder → the files to read (and the ones set aside);
//! - `format`: one file → grids, guarded and isolated (the sniffer picks the format, one
//!   module per format), or a `ReadError` (`error`);
//! - `file`: a file's grids → its ledger entry, records and problems (our checklist's
//!   marker found here);
//! - `bundle`: a .zip of returns and evidence → each file in it through `file`;
//! - `cache`: what earlier runs made of each file, kept by its bytes and everything
//!   else the result depends on, so a rerun parses only the returns that changed;
//! - `sheet`: one grid → records and skip entries (header, filing lines, unit, rows);
//! - below them: `options` (what a run is told), `grid` (cells and sheets in memory),
//!   `values` (cell → task id, date), `vocabulary` (header synonyms, how status cells
//!   and progress texts are read), `notes` (a note under a table answering tasks 不涉及
//!   by number), `correction` (a 更正说明 under a table correcting a row), `record` (what
//!   ingest produces);
//! - `similarity` (measure text against the plan's measures) is merge's matcher.

mod bundle;
mod cache;
mod correction;
mod error;
mod file;
mod format;
mod grid;
pub(crate) mod isolate;
mod notes;
mod options;
pub(crate) mod record;
mod sheet;
pub(crate) mod similarity;
pub(crate) mod unchanged;
pub(crate) mod values;
mod vocabulary;
mod walk;

use std::path::Path;

use rayon::prelude::*;

use self::cache::{Keep, Writer};
use self::format::Conversion;
use crate::model::{Code, FileEntry, FileOutcome, Problem, Severity};

pub use self::cache::{ReturnsCache, CACHE_DIR};
pub use self::error::ReadErrorKind;
pub use self::format::{read_file, sniff, Format, ReadOutput};
pub use self::grid::{Cell, Limits, Merge};
pub use self::options::IngestOptions;
pub use self::record::{Ingested, IngestedParts, UnitFrom};
#[cfg(test)]
pub(crate) use self::sheet::statement::{EVERY_TASK_ID, EVERY_TASK_MEASURE};
pub(crate) use self::vocabulary::completion_qualified;
pub use self::vocabulary::{
    classify_status, is_no_answer, is_status_placeholder, names_earlier_round, percent_written,
    says_not_reported, status_from_progress, status_of_percent, PERCENT_LABEL,
};

/// Told how far ingest has got (a progress bar in the CLI; nothing in tests).
pub trait Progress: Sync {
    /// The number of files to read.
    fn start(&self, _files: usize) {}
    /// One more file read.
    fn file_done(&self) {}
    fn finish(&self) {}
}

/// No progress reporting.
pub struct Silent;

impl Progress for Silent {}

/// Read every return under `dir` (recursively). Files are read in parallel, each in
/// isolation; the result is in path order whatever the thread count.
pub fn ingest_dir(dir: &Path, opts: &IngestOptions) -> Ingested {
    ingest_dir_with_progress(dir, opts, &Silent)
}

/// [`ingest_dir`], telling `progress` as files are read.
pub fn ingest_dir_with_progress(
    dir: &Path,
    opts: &IngestOptions,
    progress: &dyn Progress,
) -> Ingested {
    ingest_dir_kept(dir, opts, progress).0.into()
}

/// Files read between two hand-overs to the cache writer.
const CACHE_BATCH: usize = 256;

/// [`ingest_dir_with_progress`], through the cache when `opts` has one, the records in
/// parts (file by file); with the thread writing the next run's cache file, when this
/// run writes one (join it to be sure the file is in place).
pub(crate) fn ingest_dir_kept(
    dir: &Path,
    opts: &IngestOptions,
    progress: &dyn Progress,
) -> (IngestedParts, Option<std::thread::JoinHandle<()>>) {
    let mut parts_out = IngestedParts::default();
    let out = &mut parts_out.rest;
    let (files, skipped) = match walk::walk(dir) {
        Ok(x) => x,
        Err(e) => {
            out.problems.push(Problem::new(
                Severity::Error,
                Code::FileFailed,
                &dir.display().to_string(),
                format!(
                    "无法读取报送表文件夹（{}）。请检查路径。",
                    crate::common::os_error::describe(&e)
                ),
            ));
            return (parts_out, None);
        }
    };
    for (rel, why) in skipped {
        out.problems
            .push(Problem::new(Severity::Info, Code::FileSkipped, &rel, why));
        out.files.push(FileEntry {
            file: rel,
            format: None,
            outcome: FileOutcome::Skipped,
            sheets: 0,
            records: 0,
            unit: None,
            filed_on: None,
        });
    }
    progress.start(files.len());
    let writer = opts.cache.and_then(ReturnsCache::writer);
    // With a cache file to write, the files are read in batches, each batch's results
    // handed to the writer in path order when it ends: the records of a few batches are
    // held, not those of every file.
    let batch = match writer {
        Some(_) => CACHE_BATCH,
        None => files.len().max(1),
    };
    let mut parts = Vec::with_capacity(files.len());
    for files in files.chunks(batch) {
        let (read, kept): (Vec<Ingested>, Vec<Option<Keep>>) = files
            .par_iter()
            .map(|(rel, path)| {
                let part = ingest_file_kept(path, rel, opts);
                progress.file_done();
                part
            })
            .unzip();
        parts.extend(read);
        if let Some(w) = &writer {
            w.send(kept.into_iter().flatten().collect());
        }
    }
    progress.finish();
    append_all(&mut parts_out, parts);
    parts_out.rest.files.sort_by(|a, b| a.file.cmp(&b.file));
    (parts_out, writer.map(Writer::finish))
}

/// Append the files' parts in order, one allocation per list; the records stay in
/// their parts (a city-scale run has 100,000+: `IngestedParts`), empty ones left out.
fn append_all(out: &mut IngestedParts, parts: Vec<Ingested>) {
    let rest = &mut out.rest;
    rest.files
        .reserve_exact(parts.iter().map(|p| p.files.len()).sum());
    rest.skips
        .reserve_exact(parts.iter().map(|p| p.skips.len()).sum());
    rest.problems
        .reserve_exact(parts.iter().map(|p| p.problems.len()).sum());
    out.records.reserve_exact(parts.len());
    for p in parts {
        rest.files.extend(p.files);
        if !p.records.is_empty() {
            out.records.push(p.records);
        }
        rest.skips.extend(p.skips);
        rest.problems.extend(p.problems);
    }
}

/// One file, in isolation: any error or panic becomes a problem for this file only. A
/// bundle (.zip) gives an entry for itself and one for each file in it.
pub fn ingest_file(path: &Path, rel: &str, opts: &IngestOptions) -> Ingested {
    ingest_file_kept(path, rel, opts).0
}

/// [`ingest_file`], through the cache when `opts` has one: with the result as the next
/// cache file keeps it.
fn ingest_file_kept(path: &Path, rel: &str, opts: &IngestOptions) -> (Ingested, Option<Keep>) {
    match format::read_within_limit(path, opts.limits) {
        Ok(bytes) => {
            let parse = || file::ingest_loaded(rel, &bytes, opts, Conversion::Allowed);
            match opts.cache {
                Some(cache) => cache.through(rel, &bytes, parse),
                None => (parse(), None),
            }
        }
        Err(e) => (file::file_outcome(Err(e), rel, opts, None), None),
    }
}

/// One file's bytes, as [`ingest_file`] reads a file (the fuzzing entry point), except
/// that a legacy Word document is not converted (no program is started on fuzz input).
pub fn ingest_bytes(rel: &str, bytes: &[u8], opts: &IngestOptions) -> Ingested {
    file::ingest_loaded(rel, bytes, opts, Conversion::Refused)
}
