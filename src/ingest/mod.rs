//! Ingest: unit returns (spreadsheets in any layout) → records with provenance.
//! Knows spreadsheets; knows nothing about Word or the report.
//!
//! `walk` lists the files, `read` turns one file into grids (guarded, isolated),
//! `sheet` turns a grid into records and skip entries.

pub mod error;
pub mod format;
pub mod grid;
pub mod record;
pub mod sheet;
pub mod similarity;
pub mod values;
pub mod vocabulary;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use self::error::{ReadError, ReadErrorKind};
pub use self::format::{read_file, sniff, Format, ReadOutput};
pub use self::grid::{Cell, Grid, Limits, Merge};
use self::record::Ingested;
use self::sheet::{read_sheet, SheetContext};
use crate::common::marker::Marker;
use crate::model::{Code, Problem, Severity};
use crate::model::{FileEntry, FileOutcome};
use crate::plan::UnitDirectory;

/// Options for one ingest run.
pub struct IngestOptions<'a> {
    pub units: &'a UnitDirectory,
    pub limits: &'a Limits,
    pub default_year: i32,
    /// The plan's id: a checklist marker with another id is not trusted.
    pub plan_id: &'a str,
}

impl<'a> IngestOptions<'a> {
    /// The options a plan implies: its units, its limits, the year of its as-of date.
    pub fn for_plan(plan: &'a crate::plan::Plan) -> IngestOptions<'a> {
        IngestOptions {
            units: &plan.units,
            limits: &plan.meta.limits,
            default_year: chrono::Datelike::year(&plan.meta.as_of),
            plan_id: &plan.meta.plan_id,
        }
    }
}

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
    let mut out = Ingested::default();
    let (files, skipped) = match walk(dir) {
        Ok(x) => x,
        Err(e) => {
            out.problems.push(Problem::new(
                Severity::Error,
                Code::FileFailed,
                &dir.display().to_string(),
                format!("无法读取报送表文件夹（{e}）。请检查路径。"),
            ));
            return out;
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
    let parts: Vec<Ingested> = files
        .par_iter()
        .map(|(rel, path)| {
            let part = ingest_file(path, rel, opts);
            progress.file_done();
            part
        })
        .collect();
    progress.finish();
    // One allocation per list (a city-scale run has 100,000+ records).
    out.files
        .reserve_exact(parts.iter().map(|p| p.files.len()).sum());
    out.records
        .reserve_exact(parts.iter().map(|p| p.records.len()).sum());
    out.skips
        .reserve_exact(parts.iter().map(|p| p.skips.len()).sum());
    out.problems
        .reserve_exact(parts.iter().map(|p| p.problems.len()).sum());
    for p in parts {
        out.files.extend(p.files);
        out.records.extend(p.records);
        out.skips.extend(p.skips);
        out.problems.extend(p.problems);
    }
    out.files.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// Relative path with `/` separators.
fn rel_path(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

type Walked = (Vec<(String, PathBuf)>, Vec<(String, String)>);

/// Every regular file under `dir`, sorted; lock files and hidden files set aside with a note.
fn walk(dir: &Path) -> std::io::Result<Walked> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let ft = entry.file_type()?;
            let rel = rel_path(dir, &path);
            if ft.is_dir() {
                if name.starts_with('.') {
                    skipped.push((rel, "隐藏文件夹，已跳过。".to_string()));
                } else {
                    stack.push(path);
                }
            } else if name.starts_with("~$") {
                skipped.push((
                    rel,
                    "Office临时锁定文件（文件正被打开时产生），已跳过。".to_string(),
                ));
            } else if name.starts_with('.') {
                skipped.push((rel, "隐藏文件，已跳过。".to_string()));
            } else if ft.is_file() || path.is_file() {
                files.push((rel, path));
            }
        }
    }
    files.sort();
    skipped.sort();
    Ok((files, skipped))
}

/// The marker of our own checklist, if the file has one that fits this plan: from the
/// marker sheet, else from the defined names. The unit is resolved to its canonical
/// name, and `sheet` is set to the form's sheet as found (a renamed form sheet is the
/// first visible sheet). A marker of another plan or an unknown unit is reported and
/// ignored: the file is then read like any return.
fn find_marker(
    read: &ReadOutput,
    opts: &IngestOptions,
    rel: &str,
    problems: &mut Vec<Problem>,
) -> Option<Marker> {
    let mut m = read
        .grids
        .iter()
        .filter(|g| g.name == crate::common::marker::SHEET)
        .find_map(|g| g.marker())
        .or_else(|| Marker::from_defined_names(&read.defined_names))?;
    if m.plan_id != opts.plan_id {
        problems.push(Problem::new(
            Severity::Warning,
            Code::MarkerMismatch,
            rel,
            format!(
                "此文件是另一份整改方案（方案编号“{}”）的任务清单，已按一般报送表读取。请确认报送的是本次下发的任务清单。",
                crate::common::text::excerpt(&m.plan_id, 40)
            ),
        ));
        return None;
    }
    match opts.units.resolve(&m.unit) {
        crate::plan::NameMatch::Unit(u) => m.unit = u,
        _ => {
            problems.push(Problem::new(
                Severity::Warning,
                Code::MarkerMismatch,
                rel,
                format!(
                    "任务清单标记的单位“{}”不在单位名录中，已按表内信息识别单位。",
                    crate::common::text::excerpt(&m.unit, 40)
                ),
            ));
            return None;
        }
    }
    let visible = || read.grids.iter().filter(|g| !g.hidden);
    if !visible().any(|g| g.name == m.sheet) {
        if let Some(g) = visible().next() {
            m.sheet = g.name.clone();
        }
    }
    Some(m)
}

/// One file, in isolation: any error or panic becomes a problem for this file only.
pub fn ingest_file(path: &Path, rel: &str, opts: &IngestOptions) -> Ingested {
    finish_file(read_file(path, opts.limits), rel, opts)
}

/// One file's bytes, as [`ingest_file`] reads a file (the fuzzing entry point).
pub fn ingest_bytes(rel: &str, bytes: &[u8], opts: &IngestOptions) -> Ingested {
    finish_file(
        format::read_bytes(Path::new(rel), bytes, opts.limits),
        rel,
        opts,
    )
}

fn finish_file(read: Result<ReadOutput, ReadError>, rel: &str, opts: &IngestOptions) -> Ingested {
    let mut out = Ingested::default();
    let stem = Path::new(rel)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut entry = FileEntry {
        file: rel.to_string(),
        format: None,
        outcome: FileOutcome::Read,
        sheets: 0,
        records: 0,
        unit: None,
        filed_on: None,
    };
    match read {
        Err(e) => {
            out.problems.push(
                Problem::new(Severity::Error, e.kind().code(), rel, e.to_string())
                    .at(e.sheet(), None),
            );
            entry.outcome = FileOutcome::Failed;
        }
        Ok(read) => {
            entry.format = Some(read.format.name().to_string());
            for note in &read.notes {
                out.problems.push(Problem::new(
                    Severity::Warning,
                    Code::SheetTooLarge,
                    rel,
                    note,
                ));
            }
            let marker = find_marker(&read, opts, rel, &mut out.problems);
            let ctx = SheetContext {
                file: rel,
                file_stem: &stem,
                units: opts.units,
                default_year: opts.default_year,
                marker: marker.as_ref(),
            };
            for grid in &read.grids {
                entry.sheets += 1;
                // A panic in interpretation is this sheet's problem only.
                let before = out.records.len();
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let mut part = Ingested::default();
                    read_sheet(grid, &ctx, &mut part);
                    part
                }));
                match result {
                    Ok(part) => {
                        out.records.extend(part.records);
                        out.skips.extend(part.skips);
                        out.problems.extend(part.problems);
                    }
                    Err(_) => out.problems.push(
                        Problem::new(
                            Severity::Error,
                            Code::FileFailed,
                            rel,
                            "读取此工作表时出现内部错误，已跳过。请将此文件提供给维护人员。",
                        )
                        .at(Some(&grid.name), None),
                    ),
                }
                debug_assert!(out.records.len() >= before);
            }
            entry.records = out.records.len() as u32;
            entry.unit = out.records.iter().find_map(|r| r.unit.clone());
            entry.filed_on = out.records.iter().filter_map(|r| r.filed_on).max();
            if read
                .grids
                .iter()
                .all(|g| g.rows.iter().all(|r| r.iter().all(|c| c.is_empty())))
            {
                out.problems.push(Problem::new(
                    Severity::Error,
                    Code::FileEmpty,
                    rel,
                    "文件中没有任何内容。请填写后重新报送。",
                ));
            } else if entry.records == 0
                && !out.problems.iter().any(|p| p.code == Code::SheetTooLarge)
            {
                out.problems.push(Problem::new(
                    Severity::Error,
                    Code::NoHeader,
                    rel,
                    "文件中没有找到进展数据（没有含“序号/具体举措”和“整改进展情况/完成状态”表头的工作表）。请使用下发的表格填报。",
                ));
            }
        }
    }
    out.files.push(entry);
    out
}
