//! One file on disk → in-memory grids, safely, or a classified [`ReadError`].
//!
//! Order of work: the size from metadata, the bytes read once, the format sniffed from
//! the bytes (`sniff.rs`, never the extension), then the format's own module: its guards
//! that need no parser (`guard.rs`: zip directory and declared sizes, OLE allocation
//! tables; the ODS repeat pre-scan in `ods.rs`, the BIFF pre-scan in `biff.rs`), then
//! the parse from memory (calamine for the workbooks, `cells.rs` turning its cells into
//! ours under the cell cap). The whole parse runs isolated (`ingest/isolate.rs`).
//!
//! A format is one module with a `read` function returning `Parsed` (`output.rs`), one
//! variant of [`Format`] with its ledger name, and one arm in [`read_sniffed`]'s
//! dispatch; the sniffer decides when the bytes are that format. Word returns (`docx`,
//! legacy `doc` converted by LibreOffice) are one sheet each; a bundle (`Zip`) is no
//! sheet at all: `bundle.rs` hands its files out, and `ingest` reads each.

mod biff;
mod biff_old;
mod biff_strike;
pub(crate) mod bundle;
mod cells;
mod csv;
mod decrypt;
mod doc;
pub(crate) mod docx;
mod guard;
mod html;
pub(crate) mod mail;
mod ods;
mod output;
mod repair;
mod sniff;
mod xls;
mod xls_repair;
mod xlsb;
mod xlsx;
mod xlsx_merges;
mod xlsx_number_formats;
mod xlsx_strike;
mod xml;
mod zip_entry;

use std::io::Read;
use std::path::Path;

use crate::ingest::error::{ReadError, ReadErrorKind};
use crate::ingest::grid::Limits;
use crate::ingest::isolate::isolated;

pub(crate) use self::doc::{converter_stamp, Conversion};
pub use self::output::{Format, ReadOutput};
pub use self::sniff::sniff;
pub(crate) use self::sniff::sniff_bytes;

/// Read one file into grids. Never panics out; every failure is classified. A bundle
/// (.zip) is refused here (`ReadError::Archive`): ingest reads its files one by one.
pub fn read_file(path: &Path, limits: &Limits) -> Result<ReadOutput, ReadError> {
    let bytes = read_within_limit(path, limits)?;
    isolated(|| read_bytes(path, &bytes, limits, Conversion::Allowed))
        .unwrap_or_else(|m| Err(ReadError::Panic(m)))
}

/// The file's bytes, refused over `max_file_bytes` (from metadata first, then as read:
/// the file may grow in between).
pub(crate) fn read_within_limit(path: &Path, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    guard::file_size(meta.len(), limits)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)?
        .take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)?;
    guard::file_size(bytes.len() as u64, limits)?;
    Ok(bytes)
}

/// Sniff, guard and parse bytes already in memory (the whole file). `path` names the
/// CSV grid.
pub(crate) fn read_bytes(
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
    conversion: Conversion,
) -> Result<ReadOutput, ReadError> {
    let format = match sniff_bytes(bytes, limits) {
        // A BIFF5/8 record stream saved without its OLE container: calamine reads it
        // once put in one. Older BIFF (Excel 2.x–4.0) it cannot read.
        Err(ReadError::OldExcel) => return read_old_excel(path, bytes, limits, conversion),
        other => other?,
    };
    read_sniffed(format, path, bytes, limits, conversion)
}

/// A workbook of Excel 5.0 or older saved as a bare record stream: BIFF5/8 put in an
/// OLE container for calamine, BIFF2–4 read by `biff_old.rs`; 这是旧版Excel格式 when
/// neither reads it.
fn read_old_excel(
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
    conversion: Conversion,
) -> Result<ReadOutput, ReadError> {
    if let Some(contained) = xls_repair::contained(bytes) {
        return read_sniffed(Format::Xls, path, &contained, limits, conversion)
            .map_err(|_| ReadError::OldExcel);
    }
    if !biff_old::is_old_biff(bytes) {
        return Err(ReadError::OldExcel);
    }
    let parsed = biff_old::read(bytes, limits).map_err(|e| match e.kind() {
        ReadErrorKind::TooLarge => e,
        _ => ReadError::OldExcel,
    })?;
    Ok(ReadOutput {
        format: Format::Xls,
        grids: parsed.grids,
        notes: parsed.notes,
        infos: parsed.infos,
        defined_names: parsed.defined_names,
    })
}

/// Guard and parse bytes whose format is known.
pub(crate) fn read_sniffed(
    format: Format,
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
    conversion: Conversion,
) -> Result<ReadOutput, ReadError> {
    let parsed = match format {
        Format::Xlsx => xlsx::read(bytes, limits)?,
        Format::Xlsb => xlsb::read(bytes, limits)?,
        Format::Xls => xls::read(bytes, limits)?,
        Format::Ods => ods::read(bytes, limits)?,
        Format::Csv => csv::read(path, bytes, limits)?,
        Format::Docx => docx::read(bytes, limits)?,
        Format::Html => html::read(bytes, limits)?,
        Format::Doc => doc::read(bytes, limits, conversion)?,
        Format::Zip | Format::Mail => return Err(ReadError::Archive),
        Format::Encrypted => {
            // Opened with the built-in password, or refused: then read as what it is.
            let plain = decrypt::package(bytes)?;
            return match sniff_bytes(&plain, limits)? {
                inner @ (Format::Xlsx | Format::Xlsb | Format::Docx) => {
                    read_sniffed(inner, path, &plain, limits, conversion)
                }
                _ => Err(ReadError::Encrypted),
            };
        }
    };
    Ok(ReadOutput {
        format,
        grids: parsed.grids,
        notes: parsed.notes,
        infos: parsed.infos,
        defined_names: parsed.defined_names,
    })
}
