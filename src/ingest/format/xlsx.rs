//! xlsx: the zip guards, then calamine's streaming cell reader per worksheet (sparse,
//! under the cell cap), the merged regions (`xlsx_merges.rs`, calamine as the fallback)
//! and the cell comments (`xlsx_merges.rs`). Defined names are kept (our checklist's marker may be one).

use std::io::Cursor;

use calamine::{Reader, Xlsx};

use super::cells::{grid, merges_from, skip_note, streamed_rows};
use super::guard;
use super::output::Parsed;
use super::repair::{self, Kind, Sheets};
use super::xlsx_merges::SheetParts;
use crate::ingest::error::{InSheet, ReadError};
use crate::ingest::grid::{Limits, Merge};

pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Parsed, ReadError> {
    let package = guard::zip_package(bytes, limits)?;
    let read = |b: &[u8], sheets| read_package(b, limits, sheets);
    if package.case_twins {
        if let Some(fixed) = repair::package(bytes, Kind::Xlsx) {
            return repair::read_tolerant(&fixed, Kind::Xlsx, read);
        }
    }
    repair::read_tolerant(bytes, Kind::Xlsx, read)
}

fn read_package(bytes: &[u8], limits: &Limits, tolerance: Sheets) -> Result<Parsed, ReadError> {
    let mut parts = SheetParts::open(bytes);
    // The parts calamine and `SheetParts` both read, inflated once (`stored_copy`).
    let copy = parts.as_mut().and_then(|p| p.stored_copy());
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(copy.as_deref().unwrap_or(bytes)))?;
    let mut out = Parsed {
        defined_names: wb.defined_names().to_vec(),
        ..Parsed::default()
    };
    let sheets = wb.sheets_metadata().to_vec();
    let styles = parts.as_mut().map(|p| p.styles()).unwrap_or_default();
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
        let facts = parts
            .as_mut()
            .map(|p| p.merges_and_hidden_rows(name, &styles))
            .unwrap_or_default();
        let merges = merges(&mut wb, facts.merges, name, &mut out.notes);
        let mut grid = grid(sheet, rows, merges);
        grid.set_hidden(facts.hidden);
        grid.page_header = facts.page_header;
        if let Some(p) = parts.as_mut() {
            grid.comments = p.comments(name);
        }
        super::xlsx_number_formats::apply(&facts.shown, &mut grid);
        let struck = styles
            .strikes
            .apply(&facts.struck, &facts.struck_inline, &mut grid);
        if struck > 0 {
            out.notes
                .push(super::xlsx_strike::struck_note(name, struck));
        }
        out.grids.push(grid);
    }
    if skipped && out.grids.is_empty() {
        return Err(ReadError::Corrupt);
    }
    Ok(out)
}

/// The sheet's merged regions: `ours` (from the `<mergeCells>` element alone), else from
/// calamine (a second parse of the whole sheet); none, with a note, when neither reads.
fn merges(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    ours: Option<Vec<Merge>>,
    name: &str,
    notes: &mut Vec<String>,
) -> Vec<Merge> {
    match ours {
        Some(m) => Ok(m),
        None => wb.merge_cells_by_sheet_name(name).map(|d| merges_from(&d)),
    }
    .unwrap_or_else(|_| {
        notes.push(format!(
            "工作表“{name}”的合并单元格信息无法读取，已按未合并处理。"
        ));
        Vec::new()
    })
}
