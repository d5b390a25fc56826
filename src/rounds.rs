//! Rounds on disk: every `run` records its ledger as `output/rounds/<as_of>.json`, and
//! every run compares its ledger with the latest earlier round there (or the file
//! `--previous` names): the ledger gains `previous`, `changes`, each task's
//! `previous_status` and the trend `rounds`. The comparison itself is
//! `model::rounds::compare`; this module only finds, reads and writes the files.
//!
//! The output cleanup never touches `rounds/` (it removes only files of its manifest),
//! and rerunning a date replaces that date's round.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::model::rounds::{compare, history, resent_unchanged, RoundReports, RoundSnapshot};
use crate::model::{Code, Ledger, Previous, Problem, Severity, UnitReport};

/// The folder of the rounds inside the output folder.
pub const ROUNDS_DIR: &str = "rounds";

/// Why an explicitly named previous round cannot be used.
#[derive(Debug, thiserror::Error)]
#[error(
    "上期汇总文件“{path}”无法读取：{reason}。请指定本工具写出的 rounds/日期.json 或 ledger.json"
)]
pub struct PreviousError {
    pub path: String,
    pub reason: String,
}

/// The file of the round of `as_of`.
pub fn round_path(output: &Path, as_of: NaiveDate) -> PathBuf {
    output.join(round_file(as_of))
}

/// The file of the round of `as_of`, relative to the output folder. `run` keeps its
/// ledger there (the same JSON as ledger.json) through the ledger output
/// (`render::Job::round`), made durable and renamed into place with the outputs.
pub fn round_file(as_of: NaiveDate) -> String {
    format!("{ROUNDS_DIR}/{}.json", as_of.format("%Y-%m-%d"))
}

/// The stored rounds before `as_of`, by date.
fn earlier_rounds(output: &Path, as_of: NaiveDate) -> Vec<(NaiveDate, PathBuf)> {
    let Ok(dir) = std::fs::read_dir(output.join(ROUNDS_DIR)) else {
        return Vec::new();
    };
    let mut found: Vec<(NaiveDate, PathBuf)> = dir
        .flatten()
        .filter_map(|e| {
            let path = e.path();
            let stem = path.file_stem()?.to_str()?;
            let date = NaiveDate::parse_from_str(stem, "%Y-%m-%d").ok()?;
            (path.extension()? == "json" && date < as_of).then_some((date, path))
        })
        .collect();
    found.sort();
    found
}

fn load(path: &Path) -> Result<RoundSnapshot, String> {
    let bytes = std::fs::read(path).map_err(|e| crate::common::os_error::describe(&e))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        let why = if e.is_eof() {
            "文件不完整"
        } else if e.is_syntax() {
            "内容已损坏或不是JSON文件"
        } else {
            "缺少或多出了内容"
        };
        format!("不是本工具写出的汇总结果（{why}，第{}行处）", e.line())
    })
}

/// Check a `--previous` file before the run: readable as a round, and earlier than
/// `as_of`.
pub fn check_previous(path: &Path, as_of: NaiveDate) -> Result<(), PreviousError> {
    load_previous(path, as_of).map(drop)
}

/// Read the round `--previous` names; it must be earlier than `as_of`.
fn load_previous(path: &Path, as_of: NaiveDate) -> Result<RoundSnapshot, PreviousError> {
    let refused = |reason| PreviousError {
        path: path.display().to_string(),
        reason,
    };
    let snap = load(path).map_err(refused)?;
    if snap.as_of >= as_of {
        return Err(refused(format!(
            "它的统计截止日期{}不早于本期（{}）",
            crate::common::dates::render_date(snap.as_of),
            crate::common::dates::render_date(as_of)
        )));
    }
    Ok(snap)
}

/// The completions the previous round counted (`explicit`, else the latest stored
/// round before `as_of`), to stand for units that send nothing on them this round.
/// A round that cannot be read carries nothing ([`attach_previous`] warns of it).
pub fn earlier_completions(
    output: &Path,
    as_of: NaiveDate,
    explicit: Option<&Path>,
) -> Vec<(u32, UnitReport)> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => earlier_rounds(output, as_of).pop().map(|(_, p)| p),
    };
    let Some(bytes) = path.and_then(|p| std::fs::read(p).ok()) else {
        return Vec::new();
    };
    match serde_json::from_slice::<RoundReports>(&bytes) {
        Ok(round) if round.as_of < as_of => round.completions(),
        _ => Vec::new(),
    }
}

/// How `path` is named in the ledger: relative to the output folder when inside it.
fn shown(path: &Path, output: &Path) -> String {
    path.strip_prefix(output)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Compare `ledger` with its previous round: `explicit` (`--previous`) or the latest
/// stored round before its as-of date. A stored round that cannot be read is a warning
/// in the ledger's problems; an explicit one is an error.
pub fn attach_previous(
    ledger: &mut Ledger,
    output: &Path,
    explicit: Option<&Path>,
) -> Result<(), PreviousError> {
    let stored = earlier_rounds(output, ledger.as_of);
    let mut points = Vec::new();
    let mut latest: Option<(RoundSnapshot, String)> = None;
    for (_, path) in &stored {
        match load(path) {
            Ok(snap) => {
                points.push(snap.point());
                latest = Some((snap, shown(path, output)));
            }
            Err(reason) => ledger.problems.push(Problem::new(
                Severity::Warning,
                Code::PreviousRound,
                "",
                format!(
                    "上期汇总文件“{}”无法读取：{reason}，本期不与它比较。",
                    shown(path, output)
                ),
            )),
        }
    }
    if let Some(path) = explicit {
        let snap = load_previous(path, ledger.as_of)?;
        points.push(snap.point());
        latest = Some((snap, path.display().to_string()));
    }
    ledger.rounds = history(&points, ledger);
    let Some((snap, file)) = latest else {
        return Ok(());
    };
    let before = snap.statuses();
    for t in &mut ledger.tasks {
        t.previous_status = before.get(&t.id).copied();
    }
    ledger.changes = Some(compare(&snap, ledger));
    let resent = resent_unchanged(&snap, ledger);
    ledger.problems.extend(resent);
    ledger.previous = Some(Previous {
        as_of: snap.as_of,
        file,
    });
    Ok(())
}
