//! xlsb: the zip guards, then calamine's streaming cell reader per worksheet (sparse,
//! under the cell cap). calamine gives no merges for xlsb.

use std::io::Cursor;

use calamine::{Reader, Xlsb};

use super::cells::{grid, skip_note, streamed_rows};
use super::guard;
use super::output::Parsed;
use super::repair::{self, Kind, Sheets};
use crate::ingest::error::{InSheet, ReadError};
use crate::ingest::grid::Limits;

pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Parsed, ReadError> {
    guard::zip_package(bytes, limits)?;
    repair::read_tolerant(bytes, Kind::Xlsb, |b, sheets| {
        read_package(b, limits, sheets)
    })
}

fn read_package(bytes: &[u8], limits: &Limits, tolerance: Sheets) -> Result<Parsed, ReadError> {
    let mut wb: Xlsb<_> = Xlsb::new(Cursor::new(bytes))?;
    let mut out = Parsed::default();
    let sheets = wb.sheets_metadata().to_vec();
    let mut skipped = false;
    for sheet in &sheets {
        if let Some(note) = skip_note(sheet) {
            out.notes.push(note);
            continue;
        }
        let name = &sheet.name;
        let rows = (wb.worksheet_cells_reader(name).in_sheet(name))
            .and_then(|mut reader| streamed_rows(name, limits, || reader.next_cell()));
        let Some(rows) =
            repair::sheet_or_skip(rows, name, tolerance, &mut out.notes, &mut skipped)?
        else {
            continue;
        };
        out.grids.push(grid(sheet, rows, Vec::new()));
    }
    if skipped && out.grids.is_empty() {
        return Err(ReadError::Corrupt);
    }
    Ok(out)
}
