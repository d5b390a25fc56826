//! xls (BIFF8 in an OLE compound file, whose tables the sniffer has checked): calamine
//! parses every sheet into a dense range as the workbook opens, so there is no sparse
//! path. The BIFF pre-scan (`biff.rs`) refuses, before calamine allocates, a sheet whose
//! extent is over the cell cap and a record calamine would read past; our grid is then
//! built from the range's used cells.

use std::io::Cursor;

use calamine::{Reader, Xls};

use super::biff;
use super::cells::{grid, merges_from, range_to_rows, skip_note};
use super::decrypt;
use super::guard;
use super::output::Parsed;
use super::xls_repair;
use crate::ingest::error::{InSheet, ReadError};
use crate::ingest::grid::Limits;

pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Parsed, ReadError> {
    let own;
    let bytes = match xls_repair::own_workbook_only(bytes) {
        Some(b) => {
            own = b;
            &own[..]
        }
        None => bytes,
    };
    if prescan(bytes, limits)? == Encryption::Encrypted {
        // Encrypted: opened as Excel opens it when only the built-in password was set
        // (a protected structure); a real password stays refused.
        let plain = decrypt::workbook(bytes)?;
        guard::ole_tables(&plain)?;
        if prescan(&plain, limits)? == Encryption::Encrypted {
            return Err(ReadError::Encrypted);
        }
        return parse(&plain, limits);
    }
    match parse(bytes, limits) {
        Err(ReadError::Corrupt) => match xls_repair::workbook(bytes) {
            Some((fixed, note)) => {
                let mut parsed = parse(&fixed, limits).map_err(|_| ReadError::Corrupt)?;
                parsed.notes.insert(0, note);
                Ok(parsed)
            }
            None => Err(ReadError::Corrupt),
        },
        other => other,
    }
}

/// Whether the workbook stream is encrypted (a FILEPASS record in its globals).
#[derive(Debug, PartialEq, Eq)]
enum Encryption {
    Plain,
    Encrypted,
}

/// calamine's read of a workbook the pre-scan passed.
fn parse(bytes: &[u8], limits: &Limits) -> Result<Parsed, ReadError> {
    let mut wb: Xls<_> = Xls::new(Cursor::new(bytes))?;
    let mut out = Parsed::default();
    let sheets = wb.sheets_metadata().to_vec();
    for sheet in &sheets {
        if let Some(note) = skip_note(sheet) {
            out.notes.push(note);
            continue;
        }
        let name = &sheet.name;
        let range = wb.worksheet_range(name).in_sheet(name)?;
        let rows = range_to_rows(name, &range, limits)?;
        drop(range);
        let merges = wb
            .merge_cells_by_sheet_name(name)
            .map(|d| merges_from(&d))
            .unwrap_or_default();
        out.grids.push(grid(sheet, rows, merges));
    }
    // The Workbook stream read once for the hidden lines and the struck text.
    let (mut hidden, mut struck) = biff::workbook_stream(bytes)
        .map(|stream| {
            (
                biff::hidden_lines(&stream),
                super::biff_strike::struck_cells(&stream),
            )
        })
        .unwrap_or_default();
    for g in &mut out.grids {
        if let Some(lines) = hidden.remove(&g.name) {
            g.set_hidden(lines);
        }
        // Struck-through text: words the unit withdrew, as in an xlsx.
        if let Some(cells) = struck.remove(&g.name) {
            let count = super::biff_strike::apply(&cells, g);
            if count > 0 {
                out.notes
                    .push(super::xlsx_strike::struck_note(&g.name, count));
            }
        }
    }
    Ok(out)
}

/// The BIFF pre-scan's verdict: encrypted (nothing after FILEPASS is scanned), a
/// record too short for calamine, or a sheet calamine would build over the cell cap. A
/// workbook stream the scan cannot find is left to calamine to report.
fn prescan(bytes: &[u8], limits: &Limits) -> Result<Encryption, ReadError> {
    let Some(scan) = biff::scan(bytes) else {
        return Ok(Encryption::Plain);
    };
    if scan.encrypted {
        return Ok(Encryption::Encrypted);
    }
    if let Some((id, len)) = scan.short_record {
        return Err(ReadError::XlsRecordTooShort { id, len });
    }
    if scan.max_cells > limits.max_cells_per_sheet {
        return Err(ReadError::XlsExtent {
            cells: scan.max_cells,
            limit: limits.max_cells_per_sheet,
        });
    }
    Ok(Encryption::Plain)
}
