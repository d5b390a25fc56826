//! A bundle: a .zip a unit sends with its returns and its evidence. Each file in it is
//! read like a file of the returns folder, named `bundle.zip/inner.xlsx`, and attributed
//! to its own unit (the bundle's name is the last resort). What holds no progress table
//! (a PDF, an image, a Word document or spreadsheet without one) is listed as evidence,
//! not a problem; a file that should be read and cannot (damaged, encrypted, too large)
//! is a problem like any. A zip inside the bundle is opened too, one level only.
//!
//! The bundle's own entry has the outcome `unpacked` and counts no records; a bundle
//! with no return in it at all is a problem.

use super::error::ReadError;
use super::file::{file_outcome, names_a_return_form, parse, sniffed};
use super::format::bundle::for_each_file;
use super::format::mail::for_each_attachment;
use super::format::{Conversion, Format};
use super::options::IngestOptions;
use super::record::Ingested;
use crate::model::{Code, FileEntry, FileOutcome, Problem, Severity, SkipReason};

/// The bundle at `rel` with its `bytes` (a zip, or an e-mail's attachments: `format`);
/// `nested` when it sits inside another bundle.
pub(super) fn ingest_bundle(
    rel: &str,
    bytes: &[u8],
    format: Format,
    opts: &IngestOptions,
    conversion: Conversion,
    nested: bool,
) -> Ingested {
    let stem = stem_of(rel);
    let mut out = Ingested::default();
    let mut entry = FileEntry {
        file: rel.to_string(),
        format: Some(format.name().to_string()),
        outcome: FileOutcome::Unpacked,
        sheets: 0,
        records: 0,
        unit: None,
        filed_on: None,
    };
    let each = |name: String, taken: Result<Vec<u8>, ReadError>| {
        let inner = format!("{rel}/{name}");
        let part = member(&inner, taken, opts, conversion, nested, &stem);
        out.append(part);
    };
    let listed = match format {
        Format::Mail => for_each_attachment(bytes, opts.limits, each),
        _ => for_each_file(bytes, opts.limits, each),
    };
    let empty_message = match format {
        Format::Mail => "邮件附件中没有找到进展情况表（只有佐证材料，或没有附件）。请把填好的进展情况表作为附件发送，或直接报送表格文件。",
        _ => "压缩包中没有找到进展情况表（只有佐证材料，或是空的）。请把填好的进展情况表放入压缩包，或直接报送表格文件。",
    };
    match listed {
        Err(e) => {
            out.problems.push(
                Problem::new(Severity::Error, e.kind().code(), rel, e.to_string())
                    .at(e.sheet(), None),
            );
            entry.outcome = FileOutcome::Failed;
        }
        // A written report inside has its own error saying what to do.
        Ok(())
            if !out
                .files
                .iter()
                .any(|f| matches!(f.outcome, FileOutcome::Read | FileOutcome::Failed))
                && !out.problems.iter().any(|p| p.code == Code::ProseReport) =>
        {
            out.problems.push(Problem::new(
                Severity::Error,
                Code::NoHeader,
                rel,
                empty_message,
            ));
        }
        Ok(()) => {}
    }
    out.files.push(entry);
    out
}

/// One file of the bundle: set aside, read, listed as evidence, or a problem.
fn member(
    inner: &str,
    taken: Result<Vec<u8>, ReadError>,
    opts: &IngestOptions,
    conversion: Conversion,
    nested: bool,
    bundle_stem: &str,
) -> Ingested {
    if let Some(why) = set_aside(inner) {
        let mut out = Ingested::default();
        out.problems
            .push(Problem::new(Severity::Info, Code::FileSkipped, inner, why));
        out.files.push(entry(inner, None, FileOutcome::Skipped));
        return out;
    }
    let bytes = match taken {
        Ok(b) => b,
        Err(e) => return file_outcome(Err(e), inner, opts, Some(bundle_stem)),
    };
    match sniffed(&bytes, opts) {
        Ok(f @ (Format::Zip | Format::Mail)) if !nested => {
            ingest_bundle(inner, &bytes, f, opts, conversion, true)
        }
        Ok(Format::Zip | Format::Mail) => {
            file_outcome(Err(ReadError::BundleTooDeep), inner, opts, None)
        }
        Ok(format) => {
            let read = parse(format, inner, &bytes, opts, conversion);
            let form = read.as_ref().is_ok_and(|r| names_a_return_form(&r.grids));
            evidence_unless_table(file_outcome(read, inner, opts, Some(bundle_stem)), form)
        }
        Err(ReadError::NotSpreadsheet(what)) if !what.contains("压缩包") => {
            let mut out = Ingested::default();
            out.files.push(entry(inner, None, FileOutcome::Evidence));
            out
        }
        Err(e) => file_outcome(Err(e), inner, opts, None),
    }
}

/// A file read from a bundle with no progress table in it (no header on any sheet) is
/// evidence, unless it names itself a return form (`names_a_return_form`: a 填报单位 line,
/// a 进展情况表 title) and its table was lost (a .doc whose table did not convert, a
/// table pasted as a picture): that one keeps its problem, and its unit is asked again: its rows stay accounted for as skipped sheets, without the problems a
/// return without a table gets.
fn evidence_unless_table(mut part: Ingested, form: bool) -> Ingested {
    let read = part.files.iter().all(|f| f.outcome == FileOutcome::Read);
    let table = part.skips.iter().any(|s| s.reason == SkipReason::Header);
    let empty = part.problems.iter().any(|p| p.code == Code::FileEmpty);
    let lost = form && part.problems.iter().any(|p| p.code == Code::NoHeader);
    if read && !table && !empty && !lost && part.records.is_empty() {
        part.problems
            .retain(|p| !matches!(p.code, Code::NoHeader | Code::SheetSkipped));
        for f in &mut part.files {
            f.outcome = FileOutcome::Evidence;
        }
    }
    part
}

/// Why a file in a bundle is set aside (as in the returns folder, and the folder macOS
/// adds), or `None` to read it.
fn set_aside(inner: &str) -> Option<&'static str> {
    let name = inner.rsplit('/').next().unwrap_or(inner);
    if inner.split('/').any(|p| p == "__MACOSX") {
        Some("压缩时附带的系统文件（__MACOSX），已跳过。")
    } else {
        super::walk::set_aside(name)
    }
}

fn entry(file: &str, format: Option<Format>, outcome: FileOutcome) -> FileEntry {
    FileEntry {
        file: file.to_string(),
        format: format.map(|f| f.name().to_string()),
        outcome,
        sheets: 0,
        records: 0,
        unit: None,
        filed_on: None,
    }
}

/// The file name of `rel` without its extension.
fn stem_of(rel: &str) -> String {
    std::path::Path::new(rel)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
