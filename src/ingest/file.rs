//! One file, read or not → its entry in the ledger's file list, its records, skips and
//! problems. Failures stay with the file: a read error is one problem for the file, a
//! panic while interpreting a sheet one problem for that sheet. A bundle (.zip) is
//! handed to `bundle.rs`, which comes back here for each file in it.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;

use super::bundle;
use super::correction;
use super::error::ReadError;
use super::format::{read_sniffed, sniff_bytes, Conversion, Format, ReadOutput};
use super::grid::Grid;
use super::isolate::isolated;
use super::notes::{not_applicable_read, note_words, NotApplicableNote};
use super::options::IngestOptions;
use super::record::{Ingested, Record};
use super::sheet::{read_sheet, sender_in_name, statement, SheetContext};
use super::values::{parse_task_id, task_numbers};
use super::vocabulary::mentions_status;
use crate::common::marker::{self, Marker};
use crate::common::text::{excerpt, one_line};
use crate::model::status::no_task_of_ours;
use crate::model::{Code, FileEntry, FileOutcome, Problem, Severity, SkipReason, Source, Status};
use crate::plan::NameMatch;

/// A file's bytes (the whole file, within the size limit) → what became of it: a
/// bundle's files one by one, or the file read.
pub(super) fn ingest_loaded(
    rel: &str,
    bytes: &[u8],
    opts: &IngestOptions,
    conversion: Conversion,
) -> Ingested {
    match sniffed(bytes, opts) {
        Ok(f @ (Format::Zip | Format::Mail)) => {
            bundle::ingest_bundle(rel, bytes, f, opts, conversion, false)
        }
        Ok(format) => file_outcome(parse(format, rel, bytes, opts, conversion), rel, opts, None),
        Err(e) => file_outcome(Err(e), rel, opts, None),
    }
}

/// The format of `bytes`; a panic in the sniffer is this file's failure.
pub(super) fn sniffed(bytes: &[u8], opts: &IngestOptions) -> Result<Format, ReadError> {
    isolated(|| sniff_bytes(bytes, opts.limits)).unwrap_or_else(|m| Err(ReadError::Panic(m)))
}

/// The grids of `bytes` in `format`; a panic in a parser is this file's failure.
pub(super) fn parse(
    format: Format,
    rel: &str,
    bytes: &[u8],
    opts: &IngestOptions,
    conversion: Conversion,
) -> Result<ReadOutput, ReadError> {
    isolated(|| read_sniffed(format, Path::new(rel), bytes, opts.limits, conversion))
        .unwrap_or_else(|m| Err(ReadError::Panic(m)))
}

/// Kinds of file (as the sniffer names them) that are scans or photos, not returns.
const SCANS: [&str; 4] = ["PDF文件", "JPEG图片", "PNG图片", "GIF图片"];

/// What became of the file at `rel` (relative to the returns folder; inside a bundle
/// `bundle.zip/inner.xlsx`, with the bundle's name as the last resort for the unit).
pub(super) fn file_outcome(
    read: Result<ReadOutput, ReadError>,
    rel: &str,
    opts: &IngestOptions,
    bundle_stem: Option<&str>,
) -> Ingested {
    let mut out = Ingested::default();
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
        // A scan or a photo (a stamped page, evidence) sent beside a return: evidence,
        // with a warning in case it is the only return the unit sent.
        Err(ReadError::NotSpreadsheet(what)) if SCANS.contains(&what) => {
            out.problems.push(Problem::new(
                Severity::Warning,
                Code::FileSkipped,
                rel,
                format!(
                    "这是{what}（扫描件或照片），无法读取其中的文字，已作为佐证材料记录。如为盖章页或佐证材料，无需处理；如这是该单位唯一的报送，请该单位另报可编辑的Excel或Word版本，或按扫描件手工录入。"
                ),
            ));
            entry.outcome = FileOutcome::Evidence;
            entry.unit = named_unit(rel, opts);
        }
        Err(e) => {
            out.problems.push(
                Problem::new(Severity::Error, e.kind().code(), rel, e.to_string())
                    .at(e.sheet(), None),
            );
            entry.outcome = FileOutcome::Failed;
            // Whose file it was, when its name says so: the unit is told it could not
            // be read, not that nothing arrived.
            entry.unit = named_unit(rel, opts);
        }
        Ok(read) => {
            entry.format = Some(read.format.name().to_string());
            entry.sheets = read.grids.len() as u32;
            let (marked, named) = read_sheets(&read, rel, opts, bundle_stem, &mut out);
            if matches!(read.format, Format::Docx | Format::Doc) {
                // A Word document is one “sheet”: the file's own problem (no table, a
                // written report) says what is missing.
                out.problems.retain(|p| p.code != Code::SheetSkipped);
            }
            date_undated_sheets(&mut out, rel, opts.default_year);
            not_applicable_by_note(&read.grids, &mut out, rel);
            entry.records = out.records.len() as u32;
            // A checklist's unit, unless its 填报单位 line names another (the sheet
            // reader credits the rows to that one).
            let has_marker = marked.is_some();
            // A workbook named for one unit whose sheets are each another's (区城管局汇总
            // .xlsx with a sheet per town, no 填报单位 line): that unit's consolidation.
            let by_file = named_unit(rel, opts);
            let gathered_by_file = marked.is_none()
                && named.is_none()
                && by_file.as_ref().is_some_and(|l| others_only(&out, l));
            entry.unit = match marked {
                Some(m) => named.or(Some(m)),
                None if gathered_by_file => by_file.clone(),
                None => sender(&out, named),
            };
            // Nothing read: still whose file it was, when its name says so.
            if entry.unit.is_none() && out.records.is_empty() {
                entry.unit = named_unit(rel, opts);
            }
            if let Some(sender) = &entry.unit {
                // A lead unit's workbook with its own sheet and a sheet per partner
                // (来苏镇, 宝峰镇), the file named for it or marked as its 报送表: the
                // partners' sheets came through it too, not only rows naming their unit.
                let gathered = gathered_by_file
                    || ((has_marker || by_file.as_ref() == Some(sender))
                        && out.records.iter().any(|r| r.unit.as_ref() == Some(sender)));
                for r in out.records.iter_mut() {
                    if (gathered || r.unit_from_row())
                        && r.unit.as_ref().is_some_and(|u| u != sender)
                    {
                        r.via = Some(sender.clone());
                    }
                }
            }
            entry.filed_on = out.records.iter().filter_map(|r| r.filed_on).max();
            // A letter or written report with nothing read: the date it is signed on.
            if out.records.is_empty() && matches!(read.format, Format::Docx | Format::Doc) {
                entry.filed_on =
                    crate::ingest::sheet::signature_date(&read.grids, opts.default_year);
            }
            out.problems
                .extend(nothing_read(&read.grids, read.format, &out, rel));
            let word = matches!(read.format, Format::Docx | Format::Doc);
            if word {
                progress_from_notes_below(&read.grids, &mut out, rel);
            }
            // The texts outside the table, each read once for the passes below.
            let outside = texts_outside_table(&read.grids, &out, word);
            correction::rows_corrected(&mut out, rel);
            correction::apply_corrections(&mut out, rel, &outside, opts.default_year);
            out.problems
                .extend(progress_outside_table(&outside, &out, rel));
            out.problems
                .extend(prose_against_table(&outside, &out, rel));
            out.problems.extend(note_on_a_task(&outside, &out, rel));
            out.problems
                .extend(named_otherwise(rel, opts, entry.unit.as_deref(), &out));
        }
    }
    out.files.push(entry);
    out
}

/// The unit a file's name gives (区水利局.xlsx, 区城管局(2).xlsx), if one.
fn named_unit(rel: &str, opts: &IngestOptions) -> Option<String> {
    let stem = Path::new(rel).file_stem()?.to_string_lossy();
    sender_in_name(opts.units, &stem)
}

/// Whether the file's rows are two or more units' and none of them `unit`'s.
fn others_only(out: &Ingested, unit: &str) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    for r in &out.records {
        match r.unit.as_deref() {
            Some(u) if u == unit => return false,
            Some(u) if !seen.contains(&u) => seen.push(u),
            _ => {}
        }
    }
    seen.len() >= 2
}

/// A file whose name is one unit's while what it says inside credits another, none of
/// whose rows is that unit's: often a unit that took another's return as its own and
/// renamed only the file. The inside wins; the clerk is asked to check.
fn named_otherwise(
    rel: &str,
    opts: &IngestOptions,
    unit: Option<&str>,
    out: &Ingested,
) -> Option<Problem> {
    let unit = unit?;
    let named = named_unit(rel, opts)?;
    if named == unit
        || out
            .records
            .iter()
            .any(|r| r.unit.as_deref() == Some(&*named))
    {
        return None;
    }
    Some(Problem::new(
        Severity::Warning,
        Code::UnitAmbiguous,
        rel,
        format!(
            "文件名是{named}，但表内填写的单位是{unit}，已按表内计入{unit}。如此表实为{named}报送（如沿用了{unit}的表格），请其改正表内单位后重新报送。"
        ),
    ))
}

/// One workbook is sent at one time: the rows of a sheet without a filing date (a
/// sheet per town beside a dated 汇总 sheet) take the file's latest, and its sheets are
/// not warned about a missing date.
fn date_undated_sheets(out: &mut Ingested, rel: &str, default_year: i32) {
    let Some(latest) = out.records.iter().filter_map(|r| r.filed_on).max() else {
        // No sheet dated: the date in the file's name (区水利局（12.4修改）.xlsx), said.
        if let Some((day, folder, month_only)) = (!out.records.is_empty())
            .then(|| date_in_file_name(rel, default_year))
            .flatten()
        {
            for r in &mut out.records {
                r.filed_on = Some(day);
                r.filed_in_month = month_only;
            }
            out.problems.retain(|p| {
                !(p.code == Code::FilingDateMissing && p.severity == Severity::Warning)
            });
            out.problems.push(Problem::new(
                Severity::Info,
                Code::FilingDateMissing,
                rel,
                format!(
                    "文件中没有填报日期，按{}中的{}计。",
                    folder.map_or("文件名".to_string(), |f| format!("“{f}”")),
                    if month_only {
                        format!("月份（{}）", crate::common::dates::render_month(day))
                    } else {
                        format!("日期（{}）", crate::common::dates::render_date(day))
                    }
                ),
            ));
        }
        return;
    };
    // A row of an undated sheet saying otherwise than a dated sheet's row of the same
    // unit and task (a draft or worksheet left beside the filled form): left undated, so
    // that the dated sheet's stands over it (`merge::versions`, a draft sheet).
    let dated: Vec<(&Option<String>, Option<u32>, &str, _)> = out
        .records
        .iter()
        .filter(|r| r.filed_on.is_some())
        .map(|r| (&r.unit, r.id, r.source.sheet.as_str(), r.content_key()))
        .collect();
    let drafts: Vec<bool> = out
        .records
        .iter()
        .map(|r| {
            r.filed_on.is_none()
                && r.id.is_some()
                && dated.iter().any(|(unit, id, sheet, content)| {
                    **unit == r.unit
                        && *id == r.id
                        && *sheet != r.source.sheet
                        && *content != r.content_key()
                })
        })
        .collect();
    for (r, draft) in out.records.iter_mut().zip(drafts) {
        if r.filed_on.is_none() && !draft {
            r.filed_on = Some(latest);
        }
    }
    out.problems
        .retain(|p| !(p.code == Code::FilingDateMissing && p.severity == Severity::Warning));
}

/// The date a file's name gives (区水利局（12月4日）, 整改进展2020.12.3, 区水利局（12.4修改）,
/// 区水利局进展1130): a written date of a day, else a month.day pair of plausible numbers
/// not inside a longer number, else four digits of a month and day, else a month
/// (区水利局12月进展: its first day, and `true`: the day is not known). A day wins over
/// the round's month before it (区水利局12月整改进展情况（2020年12月3日）). A name without a
/// date takes its folder's or bundle's, the nearest first (11月份/区水利局.xlsx, 区水利局
/// （12月3日报送）.zip/进展表.xlsx): then with that folder's or bundle's name.
fn date_in_file_name(rel: &str, default_year: i32) -> Option<(NaiveDate, Option<&str>, bool)> {
    use crate::common::dates::{
        find_compact_month_day, find_day_date, find_filing_date, find_month_dot_day,
    };
    let in_name = |name: &str| {
        find_day_date(name, Some(default_year))
            .or_else(|| find_month_dot_day(name, default_year))
            .or_else(|| find_compact_month_day(name, default_year))
            .map(|d| (d, false))
            .or_else(|| find_filing_date(name, Some(default_year)).map(|d| (d, true)))
    };
    let mut names = rel.split(['/', '\\']).rev();
    let stem = Path::new(names.next()?)
        .file_stem()?
        .to_string_lossy()
        .into_owned();
    if let Some((day, month_only)) = in_name(&stem) {
        return Some((day, None, month_only));
    }
    names.find_map(|folder| {
        let lower = folder.to_ascii_lowercase();
        let name = [".zip", ".rar", ".7z"]
            .iter()
            .find_map(|ext| {
                lower
                    .ends_with(ext)
                    .then(|| &folder[..folder.len() - ext.len()])
            })
            .unwrap_or(folder);
        in_name(name).map(|(day, month_only)| (day, Some(folder), month_only))
    })
}

/// The unit that sent the file (after the marker's): the first a sheet names by its
/// 填报单位 line (also when its rows each name their own unit: a lead unit's
/// consolidation, perhaps beside a sheet per town), else the first a sheet stands for
/// as a whole (signature, title, sheet or file name), else the first named by a row's
/// unit column.
fn sender(out: &Ingested, named: Option<String>) -> Option<String> {
    let sheet_wide = |r: &&super::record::Record| !r.unit_from_row();
    named
        .or_else(|| {
            out.records
                .iter()
                .filter(sheet_wide)
                .find_map(|r| r.unit.clone())
        })
        .or_else(|| out.records.iter().find_map(|r| r.unit.clone()))
}

/// Every sheet of the file into `out`, after the reader's notes. Returns the unit of
/// the file's marker (our checklist's unit, the lead unit of a 报送表), if it has one,
/// and the first unit a sheet with records names as its sender.
fn read_sheets(
    read: &ReadOutput,
    rel: &str,
    opts: &IngestOptions,
    bundle_stem: Option<&str>,
    out: &mut Ingested,
) -> (Option<String>, Option<String>) {
    for note in &read.notes {
        out.problems
            .push(Problem::new(Severity::Warning, Code::ReadNote, rel, note));
    }
    for info in &read.infos {
        out.problems
            .push(Problem::new(Severity::Info, Code::ReadNote, rel, info));
    }
    let marker = find_marker(read, opts, rel, &mut out.problems);
    let stem = Path::new(rel)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let cover = marker
        .is_none()
        .then(|| crate::ingest::sheet::cover_of(&read.grids, opts.default_year))
        .flatten();
    let ctx = SheetContext {
        file: rel,
        file_stem: &stem,
        bundle_stem,
        units: opts.units,
        default_year: opts.default_year,
        marker: marker.as_ref(),
        cover: cover.as_ref(),
        written_report: false,
    };
    let mut named = None;
    for grid in &read.grids {
        let sender = read_isolated(grid, &ctx, out);
        named = named.or(sender);
    }
    // Each hidden sheet read as shown, once. Beside progress on the sheets shown (a
    // month before, or a task not on the shown sheet) it is not read, and the clerk is
    // told which tasks it holds (adv54 a: only ledger.json's skipped list said). With no
    // progress on any sheet shown, a sheet hidden by mistake (the form hidden, its
    // instructions left) is the return after all.
    let shown_gave = !out.records.is_empty();
    for grid in read.grids.iter().filter(|g| g.hidden) {
        let shown = Grid {
            hidden: false,
            ..grid.clone()
        };
        let mut part = Ingested::default();
        let sender = read_isolated(&shown, &ctx, &mut part);
        if part.records.is_empty() {
            continue;
        }
        if shown_gave {
            let mut ids: Vec<u32> = part.records.iter().filter_map(|r| r.id).collect();
            ids.sort_unstable();
            ids.dedup();
            let tasks = if ids.is_empty() {
                String::new()
            } else {
                let ids: Vec<String> = ids.iter().map(u32::to_string).collect();
                format!("（第{}项）", ids.join("、"))
            };
            out.problems.push(
                Problem::new(
                    Severity::Info,
                    Code::ReadNote,
                    rel,
                    format!(
                        "此工作表已隐藏，其中{}行进展{tasks}未读取。如为本次报送的内容，请该单位取消隐藏后重新报送。",
                        part.records.len()
                    ),
                )
                .at(Some(&grid.name), None),
            );
            continue;
        }
        out.skips
            .retain(|s| !(s.sheet == grid.name && s.reason == SkipReason::HiddenSheet));
        out.problems.push(
            Problem::new(
                Severity::Warning,
                Code::ReadNote,
                rel,
                "此工作表已隐藏，其他工作表中没有进展数据，已读取该隐藏工作表。请核实其内容是否为本次报送的进展。".to_string(),
            )
            .at(Some(&grid.name), None),
        );
        out.append(part);
        named = named.or(sender);
    }
    // A statement that the unit has no task in the plan (我局不涉及该方案中的整改任务, in
    // a letter or under a table left blank; beside rows filled in, 不涉及其他整改任务)
    // is its answer on all of them (the others), one row (`sheet::statement`).
    let rest = out.records.iter().any(|r| !is_statement_row(r));
    for grid in read.grids.iter().filter(|g| !g.hidden) {
        let Some(line) = statement::line(grid, rest) else {
            continue;
        };
        if rest {
            if answer_the_rest(grid, line, rel, out) {
                break;
            }
            continue;
        }
        let Some((answer, inserted)) = statement::as_answer(grid, line) else {
            continue;
        };
        let mut part = Ingested::default();
        let sender = read_isolated(&answer, &ctx, &mut part);
        if part.records.is_empty() {
            continue;
        }
        if let Some(at) = inserted {
            back_to_file_rows(&mut part, &grid.name, at as u32 + 1);
        }
        // What the first reading of the sheet gave and said is given and said again.
        out.records.retain(|r| r.source.sheet != grid.name);
        out.skips.retain(|s| s.sheet != grid.name);
        out.problems
            .retain(|p| p.sheet.as_deref() != Some(grid.name.as_str()));
        out.append(part);
        named = named.or(sender);
        break;
    }
    (marker.map(|m| m.unit), named)
}

/// Whether a record is a return's statement that the unit has no task in the plan read
/// as a row of its own (a note merged across a blank table, the sentence in its progress
/// column), not progress.
fn is_statement_row(r: &Record) -> bool {
    r.id.is_none()
        && [&r.id_text, &r.measure_text, &r.progress]
            .iter()
            .any(|t| no_task_of_ours(t).is_some())
}

/// The statement at `line` that the unit has no task in the plan but those its rows
/// answer (我局不涉及该方案中的其他整改任务), beside the sheet's rows: one more record of the
/// sheet's unit answering every task 不涉及 (the merge leaves out the tasks its rows
/// answer). False when no row names the sheet's unit as a whole (a consolidated return).
fn answer_the_rest(grid: &Grid, line: usize, rel: &str, out: &mut Ingested) -> bool {
    let Some(base) = out
        .records
        .iter()
        .find(|r| r.source.sheet == grid.name && r.unit.is_some() && !r.unit_from_row())
    else {
        return false;
    };
    let row = line as u32 + 1;
    let record = Record {
        id_text: statement::EVERY_TASK_ID.to_string(),
        measure_text: statement::EVERY_TASK_MEASURE.to_string(),
        status_text: Status::NotApplicable.label().to_string(),
        via: None,
        ..not_applicable_row(
            base,
            Source {
                file: rel.to_string(),
                sheet: grid.name.clone(),
                row,
            },
            grid.first_text(line),
        )
    };
    out.records.push(record);
    // The line is a record now, not a row passed over.
    out.skips
        .retain(|s| !(s.sheet == grid.name && s.row == row && s.rows <= 1));
    true
}

/// A record of `model`'s unit (its filing date, period, unit) answering 不涉及 in
/// `said` at `source`, with no task yet, nor anything else of the model's row.
fn not_applicable_row(model: &Record, source: Source, said: String) -> Record {
    Record {
        source,
        id_text: String::new(),
        id: None,
        measure_text: String::new(),
        status: Status::NotApplicable,
        status_text: String::new(),
        progress: said,
        completed_on: None,
        completed_text: String::new(),
        note: String::new(),
        evidence: String::new(),
        deadline_text: String::new(),
        hidden: false,
        ..model.clone()
    }
}

/// A sheet read with a header row inserted at 1-based `row` ([`statement::as_answer`]):
/// its rows below are one further down than in the file, and the header is none of its.
fn back_to_file_rows(part: &mut Ingested, sheet: &str, row: u32) {
    part.skips.retain(|s| !(s.sheet == sheet && s.row == row));
    let back = |r: &mut u32| {
        if *r > row {
            *r -= 1;
        }
    };
    for r in &mut part.records {
        if r.source.sheet == sheet {
            back(&mut r.source.row);
        }
    }
    for s in &mut part.skips {
        if s.sheet == sheet {
            back(&mut s.row);
        }
    }
    for p in &mut part.problems {
        if p.sheet.as_deref() == Some(sheet) {
            if let Some(r) = &mut p.row {
                back(r);
            }
        }
    }
}

/// One sheet into `out`; a panic while interpreting it is this sheet's problem only.
/// Returns the unit the sheet names as its sender ([`read_sheet`]).
fn read_isolated(grid: &Grid, ctx: &SheetContext, out: &mut Ingested) -> Option<String> {
    let result = isolated(|| {
        let mut part = Ingested::default();
        let sender = read_sheet(grid, ctx, &mut part);
        (part, sender)
    });
    match result {
        Ok((part, sender)) => {
            out.append(part);
            sender
        }
        Err(_) => {
            out.problems.push(
                Problem::new(
                    Severity::Error,
                    Code::FileFailed,
                    ctx.file,
                    "读取此工作表时出现内部错误，已跳过。请将此文件提供给维护人员。",
                )
                .at(Some(&grid.name), None),
            );
            None
        }
    }
}

/// The file-level problem of a file read without records: nothing in it at all, a
/// table with nothing filled in, or no sheet with a header.
fn nothing_read(grids: &[Grid], format: Format, out: &Ingested, rel: &str) -> Option<Problem> {
    if grids
        .iter()
        .all(|g| (0..g.rows.len()).all(|r| g.row_is_empty(r)))
    {
        return Some(Problem::new(
            Severity::Error,
            Code::FileEmpty,
            rel,
            "文件中没有任何内容。请填写后重新报送。",
        ));
    }
    // An evidence list sent on its own says so itself (its sheet's note).
    if !out.records.is_empty()
        || out
            .skips
            .iter()
            .any(|s| s.reason == SkipReason::EvidenceList)
    {
        return None;
    }
    if let Some(said) = no_tasks_statement(grids) {
        return Some(Problem::new(
            Severity::Warning,
            Code::NothingFilled,
            rel,
            format!(
                "此文件称“{}”，没有填写任何任务的进展，相关任务仍为未报送。请核实该单位在《整改方案》中的分工：确有任务的，请其逐项填报（不涉及的任务完成状态填“不涉及”）。",
                excerpt(&said, 30)
            ),
        ));
    }
    if out.skips.iter().any(|s| s.reason == SkipReason::Header) {
        return Some(Problem::new(
            Severity::Warning,
            Code::NothingFilled,
            rel,
            "表格中的任务行都没有填写进展，没有计入任何报送，相关任务仍为未报送。如已有进展，请填写后重新报送。",
        ));
    }
    let word = matches!(format, Format::Docx | Format::Doc);
    if let Some(said) = word.then(|| reported_in_prose(grids)).flatten() {
        // Tables there, but none read as a progress table: not "no table".
        let tables = grids.iter().any(|g| {
            (0..g.rows.len()).any(|r| !g.is_paragraph(r) && g.filled_cells(r).nth(1).is_some())
        });
        let what = if tables {
            "Word文档中的表格未能识别为进展表（没有“序号/具体举措”列，各表上方也没有写明第几项任务），文中写有进展"
        } else {
            "Word文档中没有进展表格，是文字形式的情况报告"
        };
        return Some(Problem::new(
            Severity::Error,
            Code::ProseReport,
            rel,
            format!(
                "{what}（如“{}”），其中的进展未能自动汇总。请人工核对后补录，或请该单位用下发的填报表重新报送。",
                excerpt(&said, 30)
            ),
        ));
    }
    let header = unread_header(grids);
    let message = if grids.iter().any(crate::ingest::sheet::turned_on_its_side) {
        "表格为横向排列（每列一项任务），无法逐项读取，没有计入汇总。请该单位使用下发的填报表（每行一项任务）重新报送。".to_string()
    } else if let Some(header) = header {
        // A table was there, its columns not those of progress (adv56 a 3: a Word
        // table's unread header was told as a picture).
        format!(
            "{}的表头为“{header}”，其中没有识别出进展列（“整改进展情况”“完成状态”等），没有计入汇总。请人工补录，或请该单位把进展填入下发填报表的“整改进展情况”“完成状态”列后重新报送。",
            if word { "Word文档中表格" } else { "表格" }
        )
    } else if word && names_a_return_form(grids) {
        "Word文档有进展情况表的标题或填报单位、填报日期，但其中没有读到表格（表格可能是图片，或.doc格式的表格未能转换），没有计入汇总。请该单位把表格另存为.docx或Excel文件后重新报送。".to_string()
    } else if word {
        "Word文档中没有找到进展表格（应含“序号/具体举措”和“整改进展情况/完成状态”列的表格）。如这是情况报告或佐证材料，请另附进展情况表。".to_string()
    } else {
        "文件中没有找到进展数据（没有含“序号/具体举措”和“整改进展情况/完成状态”表头的工作表）。请使用下发的表格填报。".to_string()
    };
    Some(Problem::new(Severity::Error, Code::NoHeader, rel, message))
}

/// The header of a table not read as a progress table: the first row (of the first
/// 60 of a sheet) with three cells or more, one of them naming the task (序号, 具体举措),
/// its cells as written (序号｜整改任务｜完成时限｜工作说明), for the clerk to see which
/// columns were there.
fn unread_header(grids: &[Grid]) -> Option<String> {
    use super::vocabulary::{classify_header, ColumnKind};
    grids.iter().find_map(|g| {
        (0..g.rows.len().min(60)).find_map(|r| {
            if g.is_paragraph(r) {
                return None;
            }
            let cells: Vec<String> = g
                .filled_cells(r)
                .map(|c| one_line(&c.text_ref()))
                .filter(|t| !t.is_empty())
                .collect();
            let names_task = cells.iter().any(|t| {
                matches!(
                    classify_header(t),
                    Some(ColumnKind::Id | ColumnKind::Measure)
                )
            });
            (cells.len() >= 3 && names_task).then(|| {
                let shown: Vec<String> = cells.iter().take(8).map(|t| excerpt(t, 12)).collect();
                shown.join("｜")
            })
        })
    })
}

/// Whether a document names itself a progress return: a line beginning 填报单位 or 填报
/// 日期, or a short title ending in 进展情况表 / 进展表 / 情况表 / 报送表 (a supporting
/// document, 佐证材料, has neither).
pub(super) fn names_a_return_form(grids: &[Grid]) -> bool {
    const TITLES: [&str; 4] = ["进展情况表", "进展表", "情况表", "报送表"];
    grids.iter().any(|g| {
        (0..g.rows.len()).any(|r| {
            g.filled_cells(r).any(|cell| {
                let t: String = one_line(&cell.text_ref())
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                t.starts_with("填报单位")
                    || t.starts_with("填报日期")
                    || (t.chars().count() <= 40 && TITLES.iter().any(|w| t.ends_with(w)))
            })
        })
    })
}

/// A unit's answer that it has nothing to report (我院无相关整改任务, 我镇不涉及该方案
/// 中的整改任务) beside a table left blank: the first clause saying so
/// (`model::status::no_task_of_ours`; without a table it is read as the unit's answer).
fn no_tasks_statement(grids: &[Grid]) -> Option<String> {
    grids.iter().find_map(|g| {
        (0..g.rows.len()).find_map(|r| {
            g.filled_cells(r)
                .find_map(|cell| no_task_of_ours(&cell.text_ref()))
        })
    })
}

/// The first paragraph of a document without a table that reports on a task: it names
/// one (第12项) and says a status (已完成, 正在推进 …), or it is a heading naming one
/// (一、关于“…”（第60项）) and the next paragraph, naming none, says the status. `None`
/// for a cover letter or evidence.
fn reported_in_prose(grids: &[Grid]) -> Option<String> {
    grids.iter().find_map(|g| {
        let lines: Vec<String> = (0..g.rows.len())
            .map(|r| g.first_text(r))
            .filter(|t| !t.trim().is_empty())
            .collect();
        lines.iter().enumerate().find_map(|(i, t)| {
            if !names_a_task(t) {
                return None;
            }
            if mentions_status(t) {
                return Some(t.clone());
            }
            let next = lines.get(i + 1)?;
            (!names_a_task(next) && mentions_status(next)).then(|| t.clone())
        })
    })
}

/// Text of a return outside its table rows that reports a task the table does not: a
/// paragraph below it (另：第45项…已清掏326座，正在推进), the body of a 报告 above it
/// (二、具体情况。第26项…已完成), a note row merged across it (备注：第23、53、55项…均按要求
/// 推进), a 说明 row under a spreadsheet's table (说明：第5项已于11月完成…). Skipped as
/// paragraphs, titles (in a Word return: a spreadsheet's titles name the table) or
/// notes, their progress is not counted, so the clerk is told, quoting the first (one
/// warning per file).
fn progress_outside_table(outside: &[Outside], out: &Ingested, rel: &str) -> Option<Problem> {
    let read: BTreeSet<u32> = out.records.iter().filter_map(|r| r.id).collect();
    let skip = outside.iter().find(|o| {
        let ids = task_numbers(&o.text);
        !o.correction
            && !ids.is_empty()
            && mentions_status(&o.text)
            && ids.iter().any(|id| !read.contains(id))
    })?;
    let text = &skip.text;
    Some(
        Problem::new(
            Severity::Warning,
            Code::ProseReport,
            rel,
            format!(
                "表格以外的文字中报送了任务进展（“{}”），未计入汇总。请人工核对后补录，或请该单位将其填入表格后重新报送。",
                excerpt(text, 40)
            ),
        )
        .at(Some(&skip.sheet), Some(skip.row)),
    )
}

/// A row of a return skipped as text outside its table, with its text, and whether that
/// text corrects a row of the table (`correction::is_correction`).
pub(super) struct Outside {
    pub sheet: String,
    pub row: u32,
    pub text: String,
    pub correction: bool,
}

/// The rows of a return skipped as text outside its table (paragraphs, notes, and in a
/// Word return the lines above the table), each with its text.
fn texts_outside_table(grids: &[Grid], out: &Ingested, word: bool) -> Vec<Outside> {
    out.skips
        .iter()
        .filter(move |s| {
            matches!(s.reason, SkipReason::Paragraph | SkipReason::Note)
                || (word && s.reason == SkipReason::Title)
        })
        .filter_map(|s| {
            let grid = grids.iter().find(|g| g.name == s.sheet)?;
            let text = grid.row_text(s.row as usize - 1);
            Some(Outside {
                sheet: s.sheet.clone(),
                row: s.row,
                correction: correction::is_correction(&text),
                text,
            })
        })
        .collect()
}

/// Text of a return outside its table rows that says of a task the table reports a
/// status other than the table's (另：第24项已于12月2日全部完成。 under a row saying
/// 正在推进; a cover letter above the table saying 第27项正在推进 where the row says 已完
/// 成): the table's answer counts, and the clerk is asked to check, quoting the text
/// (one warning per file). Only a text on one task, whose status reads plainly.
fn prose_against_table(outside: &[Outside], out: &Ingested, rel: &str) -> Option<Problem> {
    outside
        .iter()
        .filter(|o| !o.correction)
        .find_map(|o| {
            let (s, text) = (o, &o.text);
            // Each part naming one task, read from the task on (其中第24项已全部完成，第27项
            // 正在推进: two parts; a clause naming no task belongs to the part before it).
            let mut parts: Vec<String> = Vec::new();
            for clause in text.split(['；', ';', '。', '，', ',']) {
                match parts.last_mut() {
                    Some(last) if task_numbers(clause).is_empty() => {
                        last.push('，');
                        last.push_str(clause);
                    }
                    _ => parts.push(clause.to_string()),
                }
            }
            parts
                .iter()
                // 第27项、第45项均已完成: each task named, the same status (adv58 c 5).
                .flat_map(|part| {
                    let said = part.find('第').and_then(|from| {
                        crate::ingest::vocabulary::status_from_progress(&part[from..])
                            .filter(|s| !matches!(s, Status::Unclear))
                    });
                    task_numbers(part)
                        .into_iter()
                        .filter_map(move |id| Some((id, said?)))
                })
                .find_map(|(id, said)| {
                    let row = out
                        .records
                        .iter()
                        .find(|r| r.id == Some(id) && r.status != Status::Unclear)?;
                    (row.status != said).then(|| {
                        Problem::new(
                            Severity::Warning,
                            Code::ProseReport,
                            rel,
                            format!(
                                "表格以外的文字写明“{}”，与表中第{id}项填报的“{}”不一致，汇总按表中填报计。请与该单位核实。",
                                excerpt(text, 40),
                                row.status.label()
                            ),
                        )
                        .at(Some(&s.sheet), Some(s.row))
                    })
                })
        })
}

/// Text outside the table on a task the table reports, whose status cannot be read
/// from it but whose words go against the row's (另：第24项仍有1处拦河设施未拆除。 under
/// 已完成; 另：第27项剩余1处已于12月3日复绿。 under 正在推进): not counted, so the clerk is
/// asked to read it against the row (one warning per file, not for a row another warning
/// already names; adv58 c 5: passed over in silence).
fn note_on_a_task(outside: &[Outside], out: &Ingested, rel: &str) -> Option<Problem> {
    let read: BTreeSet<u32> = out.records.iter().filter_map(|r| r.id).collect();
    let flagged = |sheet: &str, row: u32| {
        out.problems.iter().any(|p| {
            matches!(p.code, Code::ProseReport | Code::ReadNote)
                && p.sheet.as_deref() == Some(sheet)
                && p.row == Some(row)
        })
    };
    // Words of work left, against a row saying done; of work done, against one not.
    const LEFT: [&str; 10] = [
        "仍有",
        "尚有",
        "还有",
        "剩余",
        "其余",
        "尚未",
        "未完成",
        "暂停",
        "反弹",
        "正在",
    ];
    const DONE: [&str; 5] = ["已于", "已全部", "全部完成", "已完成", "已复绿"];
    let against = |id: u32, text: &str| {
        out.records
            .iter()
            .filter(|r| r.id == Some(id))
            .any(|r| match r.status {
                Status::Completed | Status::Ongoing | Status::NotApplicable => {
                    LEFT.iter().any(|w| text.contains(w))
                }
                Status::InProgress | Status::NotStarted => DONE.iter().any(|w| text.contains(w)),
                _ => false,
            })
    };
    let skip = outside.iter().find(|s| {
        let text = &s.text;
        let ids = task_numbers(text);
        !ids.is_empty()
            && ids.iter().all(|id| read.contains(id))
            && ids.iter().any(|&id| against(id, text))
            && !flagged(&s.sheet, s.row)
            && text.find('第').is_none_or(|from| {
                crate::ingest::vocabulary::status_from_progress(&text[from..])
                    .is_none_or(|s| s == Status::Unclear)
            })
    })?;
    let text = &skip.text;
    let ids: Vec<String> = task_numbers(text).iter().map(u32::to_string).collect();
    Some(
        Problem::new(
            Severity::Warning,
            Code::ProseReport,
            rel,
            format!(
                "表格以外的文字写有第{}项的情况（“{}”），未计入该项进展。请对照表中该项的填报人工核对，如有出入请与该单位核实。",
                ids.join("、"),
                excerpt(text, 40)
            ),
        )
        .at(Some(&skip.sheet), Some(skip.row)),
    )
}

/// The task number a row skipped as left blank opens with.
fn blank_row_task(grid: &Grid, skip: &crate::model::Skip) -> Option<u32> {
    parse_task_id(&grid.first_text(skip.row as usize - 1))
}

/// A note under a table answering tasks by number as none of the unit's (说明：…第1项、
/// 第24项不涉及我镇。), where those tasks' rows are left blank: each such row is read as
/// 不涉及, its progress the note's words, and an info says so. A task the note names
/// without a row on the sheet gets its report at the note's row. A task the table
/// answers keeps its answer; a sheet of several units' rows is left as it is.
fn not_applicable_by_note(grids: &[Grid], out: &mut Ingested, rel: &str) {
    let notes: Vec<(String, u32, String, Vec<u32>)> = out
        .skips
        .iter()
        .filter(|s| matches!(s.reason, SkipReason::Note | SkipReason::Paragraph))
        .filter_map(|s| {
            let grid = grids.iter().find(|g| g.name == s.sheet)?;
            let text = grid.first_text(s.row as usize - 1);
            let ids = match NotApplicableNote::of(&text)? {
                NotApplicableNote::Named(ids) => ids,
                // 除第27项外，其余均不涉及: the sheet's task rows left blank but those.
                note @ NotApplicableNote::AllBut(_) => out
                    .skips
                    .iter()
                    .filter(|b| b.sheet == s.sheet && b.reason == SkipReason::Unfilled)
                    .filter_map(|b| blank_row_task(grid, b))
                    .filter(|&id| note.covers(id))
                    .collect(),
            };
            (!ids.is_empty()).then(|| (s.sheet.clone(), s.row, text, ids))
        })
        .collect();
    for (sheet, note_row, text, ids) in notes {
        // The sheet's first record lends the new ones its unit and dates; a sheet of
        // several units' rows is left as it is.
        let mut on_sheet = out.records.iter().filter(|r| r.source.sheet == sheet);
        let Some(model) = on_sheet.next().cloned() else {
            continue;
        };
        if on_sheet.any(|r| r.unit != model.unit) {
            continue;
        }
        let grid = grids.iter().find(|g| g.name == sheet);
        let said = note_words(&text);
        let mut taken = Vec::new();
        for id in ids {
            if out
                .records
                .iter()
                .any(|r| r.source.sheet == sheet && r.id == Some(id))
            {
                continue;
            }
            // The task's own row, left blank.
            let blank = out.skips.iter().position(|s| {
                s.sheet == sheet
                    && s.reason == SkipReason::Unfilled
                    && grid.is_some_and(|g| blank_row_task(g, s) == Some(id))
            });
            let row = match blank {
                Some(i) => out.skips.remove(i).row,
                None => note_row,
            };
            // In row order among the sheet's records.
            let at = out
                .records
                .iter()
                .position(|r| r.source.sheet == sheet && r.source.row > row)
                .or_else(|| {
                    out.records
                        .iter()
                        .rposition(|r| r.source.sheet == sheet)
                        .map(|i| i + 1)
                })
                .unwrap_or(out.records.len());
            out.records.insert(
                at,
                Record {
                    id_text: id.to_string(),
                    id: Some(id),
                    ..not_applicable_row(
                        &model,
                        Source {
                            file: model.source.file.clone(),
                            sheet: sheet.clone(),
                            row,
                        },
                        said.to_string(),
                    )
                },
            );
            taken.push(id.to_string());
        }
        if taken.is_empty() {
            continue;
        }
        out.problems
            .push(not_applicable_read(rel, &sheet, note_row, &text, &taken));
    }
}

/// Rows of a Word table whose progress only points elsewhere (详见后附说明), with the
/// progress in paragraphs outside the table, one a task (1.第20项：已签订合作协议…):
/// each such row takes its paragraph's words (after 第N项), the warning that asked for
/// them to be typed in by hand is dropped, and an info names the paragraph.
fn progress_from_notes_below(grids: &[Grid], out: &mut Ingested, rel: &str) {
    const POINTED: &str = "进展情况：";
    let mut filled = Vec::new();
    for record in &mut out.records {
        let Some(id) = record.id.filter(|_| record.progress.is_empty()) else {
            continue;
        };
        let Some(pointer) = record
            .note
            .lines()
            .find_map(|l| l.strip_prefix(POINTED))
            .map(str::to_string)
        else {
            continue;
        };
        let Some(grid) = grids.iter().find(|g| g.name == record.source.sheet) else {
            continue;
        };
        let found = out
            .skips
            .iter()
            .filter(|s| s.sheet == grid.name && s.reason == SkipReason::Paragraph)
            .find_map(|s| {
                let text = grid.first_text(s.row as usize - 1);
                (task_numbers(&text) == [id]).then(|| (s.row, words_after_task_number(&text)))
            });
        let Some((row, words)) = found.filter(|(_, w)| !w.is_empty()) else {
            continue;
        };
        record.progress = words;
        let kept: Vec<&str> = record
            .note
            .lines()
            .filter(|l| l.strip_prefix(POINTED) != Some(pointer.as_str()))
            .collect();
        record.note = kept.join("\n");
        filled.push((record.source.clone(), id, row, pointer));
    }
    for (source, id, row, pointer) in filled {
        // The paragraph is the row's progress now, not a paragraph passed over.
        for skip in out
            .skips
            .iter_mut()
            .filter(|s| s.sheet == source.sheet && s.row == row)
        {
            skip.reason = SkipReason::Continuation;
        }
        out.problems.retain(|p| {
            !(p.code == Code::ProseReport
                && p.sheet.as_deref() == Some(source.sheet.as_str())
                && p.row == Some(source.row))
        });
        out.problems.push(
            Problem::new(
                Severity::Info,
                Code::ReadNote,
                rel,
                format!(
                    "第{id}项进展情况填写“{}”，已按表格下方第{row}行的说明文字汇总。",
                    excerpt(&pointer, 20)
                ),
            )
            .at(Some(&source.sheet), Some(source.row)),
        );
    }
}

/// A paragraph's words after the task number it names (1.第20项：已签订… gives 已签订…).
fn words_after_task_number(text: &str) -> String {
    let Some(at) = text.find('第') else {
        return String::new();
    };
    let rest = &text[at + '第'.len_utf8()..];
    let Some(end) = rest.find(['项', '条']) else {
        return String::new();
    };
    rest[end + '项'.len_utf8()..]
        .trim_start_matches(|c: char| c.is_whitespace() || "：:，,、。.".contains(c))
        .trim()
        .to_string()
}

/// 第12项 / 第12条 somewhere in the text.
fn names_a_task(t: &str) -> bool {
    !task_numbers(t).is_empty()
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
        .filter(|g| g.name == marker::SHEET)
        .find_map(|g| g.marker())
        .or_else(|| Marker::from_defined_names(&read.defined_names))?;
    if m.plan_id != opts.plan_id {
        problems.push(Problem::new(
            Severity::Warning,
            Code::MarkerMismatch,
            rel,
            format!(
                "此文件是另一份整改方案（方案编号“{}”）的任务清单，已按一般报送表读取。请确认报送的是本次下发的任务清单。",
                excerpt(&m.plan_id, 40)
            ),
        ));
        return None;
    }
    match opts.units.resolve(&m.unit) {
        NameMatch::Unit(u) => m.unit = u,
        _ => {
            problems.push(Problem::new(
                Severity::Warning,
                Code::MarkerMismatch,
                rel,
                format!(
                    "任务清单标记的单位“{}”不在单位名录中，已按表内信息识别单位。",
                    excerpt(&m.unit, 40)
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
