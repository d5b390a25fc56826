//! xlsb: the zip guards, then calamine's streaming cell reader per worksheet (sparse,
//! under the cell cap). calamine gives no merges for xlsb.

use std::io::Cursor;

use calamine::{Reader, Xlsb};

use super::cells::{grid, skip_note, streamed_rows};
use super::guard;
use super::output::Parsed;
use crate::ingest::error::{InSheet, ReadError};
use crate::ingest::grid::Limits;

pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Parsed, ReadError> {
    guard::zip_package(bytes, limits)?;
    let mut wb: Xlsb<_> = Xlsb::new(Cursor::new(bytes))?;
    let mut out = Parsed::default();
    let sheets = wb.sheets_metadata().to_vec();
    for sheet in &sheets {
        if let Some(note) = skip_note(sheet) {
            out.notes.push(note);
            continue;
        }
        let name = &sheet.name;
        let rows = {
            let mut reader = wb.worksheet_cells_reader(name).in_sheet(name)?;
            streamed_rows(name, limits, || reader.next_cell())?
        };
        out.grids.push(grid(sheet, rows, Vec::new()));
    }
    Ok(out)
}
