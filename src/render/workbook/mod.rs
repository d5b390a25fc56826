//! The summary workbook (整改台账汇总表.xlsx): the ledger as six sheets, written with
//! rust_xlsxwriter. Reads only the ledger.
//!
//! - `summary.rs`: 总体情况 (headline numbers, counts by status and by 重点任务, charts);
//! - `lists.rs`: the list sheets (and 进展对比 when there is a previous round), each one
//!   table of column definitions;
//! - `list.rs`: the list writer (two passes: widths, then rows);
//! - `layout.rs`: sheet names, title, formats, widths and print setup.
//!
//! Rules kept here: every text cell is written with `write_string` (a unit's
//! "=HYPERLINK(…)" stays text), values not formulas, strings sanitised and capped at
//! Excel's 32,767 characters (`render::xlsx_common`), column widths measured with
//! unicode-width (autofit is short for CJK), and a fixed creation date (the ledger's
//! `as_of`) so two runs give byte-identical files.

mod layout;
mod list;
mod lists;
mod summary;

use rust_xlsxwriter::{DocProperties, Workbook, Worksheet, XlsxError};

use crate::model::Ledger;
use crate::render::error::RenderError;
use crate::render::files::WORKBOOK_XLSX;
use crate::render::output::{Job, Rendered};
use crate::render::xlsx_common::{excel_date, text};
use layout::{workbook_title, Styles};
use lists::{
    compare_sheet, problems_sheet, reports_sheet, tasks_sheet, units_sheet, unplaced_sheet,
};
use summary::summary_sheet;

pub use layout::{
    SHEET_COMPARE, SHEET_PROBLEMS, SHEET_REPORTS, SHEET_SUMMARY, SHEET_TASKS, SHEET_UNITS,
    SHEET_UNPLACED,
};
pub use lists::headers;

/// The output: 整改台账汇总表.xlsx, streamed to its staged file (at city scale it is
/// tens of MB that need not sit in memory).
pub fn render(job: &Job) -> Result<Vec<Rendered>, RenderError> {
    let file = Rendered::stream(job, WORKBOOK_XLSX, |w| write_workbook(job.ledger, w))
        .map_err(RenderError::xlsx(WORKBOOK_XLSX))?;
    Ok(vec![file])
}

/// The workbook as bytes.
pub fn workbook_bytes(ledger: &Ledger) -> Result<Vec<u8>, XlsxError> {
    let mut buf = Vec::new();
    write_workbook(ledger, &mut buf)?;
    Ok(buf)
}

/// Write the workbook to `out` as it is zipped.
pub fn write_workbook(ledger: &Ledger, out: impl std::io::Write + Send) -> Result<(), XlsxError> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    // Fast deflate: the detail sheets hold tens of MB of XML at city scale; level 1
    // costs ~10% in size and saves most of the time.
    wb.set_zip_compression_level(1);
    let created = excel_date(ledger.as_of).unwrap_or_default();
    wb.set_properties(
        &DocProperties::new()
            .set_title(text(&workbook_title(ledger)))
            .set_author(text(&ledger.plan.collector))
            .set_company(text(&ledger.plan.collector_full))
            .set_creation_datetime(&created),
    );

    // The detail lists can run to 100,000+ rows at city scale: constant-memory
    // worksheets send their rows to a temporary file as they are written, with inline
    // strings. The sheets are filled in parallel (the two long lists each on their own
    // task) and added in a fixed order.
    let [mut reports, mut problems, mut unplaced] = list_sheets(&mut wb, &styles);
    let (short, (reports_done, rest_done)) = rayon::join(
        || -> Result<Vec<Worksheet>, XlsxError> {
            let mut summary = Worksheet::new();
            summary_sheet(&mut summary, ledger, &styles)?;
            let mut tasks = Worksheet::new();
            tasks_sheet(&mut tasks, ledger, &styles)?;
            let mut sheets = vec![summary, tasks];
            if ledger.previous.is_some() {
                let mut compare = Worksheet::new();
                compare_sheet(&mut compare, ledger, &styles)?;
                sheets.push(compare);
            }
            let mut units = Worksheet::new();
            units_sheet(&mut units, ledger, &styles)?;
            sheets.push(units);
            Ok(sheets)
        },
        || {
            rayon::join(
                || reports_sheet(&mut reports, ledger, &styles),
                || {
                    problems_sheet(&mut problems, ledger, &styles)?;
                    unplaced_sheet(&mut unplaced, ledger, &styles)
                },
            )
        },
    );
    reports_done?;
    rest_done?;
    for sheet in short? {
        wb.push_worksheet(sheet);
    }
    wb.push_worksheet(reports);
    wb.push_worksheet(problems);
    wb.push_worksheet(unplaced);

    wb.save_to_writer(out)
}

/// The three list worksheets: constant-memory ones, or, when no temporary file can be
/// made (an unwritable temporary folder), ordinary ones, which hold their rows in memory
/// but write the same sheets.
fn list_sheets(wb: &mut Workbook, st: &Styles) -> [Worksheet; 3] {
    let constant = (|| -> Result<[Worksheet; 3], XlsxError> {
        let sheets = [
            wb.new_worksheet_with_constant_memory()?,
            wb.new_worksheet_with_constant_memory()?,
            wb.new_worksheet_with_constant_memory()?,
        ];
        register_list_formats(wb, st)?;
        Ok(sheets)
    })();
    constant.unwrap_or_else(|_| [Worksheet::new(), Worksheet::new(), Worksheet::new()])
}

/// Constant-memory worksheets share the workbook's format table, where a format gets
/// its index on first use. Registering every format the lists write, in a fixed order,
/// before the lists are filled in parallel keeps the indices (and so the file) the
/// same from run to run: the fill threads only look formats up.
fn register_list_formats(wb: &mut Workbook, st: &Styles) -> Result<(), XlsxError> {
    let mut scratch = wb.new_worksheet_with_constant_memory()?;
    for (c, fmt) in [&st.header, &st.text, &st.center, &st.number, &st.date]
        .into_iter()
        .enumerate()
    {
        scratch.write_blank(0, c as u16, fmt)?;
    }
    Ok(())
}
