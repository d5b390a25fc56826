//! `rectify checklists`: a checklist (xlsx form + docx notice) for every unit that owes
//! reports, in output/checklists/; `rectify remind`: a 催报 notice for every unit that
//! still owes reports and the list of them all, in output/reminders/. Both render
//! everything before writing anything.

use std::path::Path;

use rayon::prelude::*;

use chrono::NaiveDate;

use crate::commands::run::{write, OutputError};
use crate::model::Ledger;
use crate::render::checklist::{checklist_bytes, checklist_units};
use crate::render::notice::{
    checklist_file_names, notice_docx, reminder_docx, reminder_file_name, reminder_list_docx,
    reminder_units, REMINDER_LIST_DOCX,
};
use crate::render::report::Templates;

/// The folders under the output folder.
pub const CHECKLISTS_DIR: &str = "checklists";
pub const REMINDERS_DIR: &str = "reminders";

/// A rendered file: its path relative to the output folder, and its bytes.
pub type Rendered = (String, Vec<u8>);

/// Write every unit's checklist; returns the files written, relative to `out_dir`.
pub fn write_checklists(
    ledger: &Ledger,
    out_dir: &Path,
    templates: &Templates,
    date: NaiveDate,
) -> Result<Vec<String>, OutputError> {
    write_all(out_dir, render_checklists(ledger, templates, date)?)
}

/// Every unit's checklist form and notice, rendered (in parallel, one document per
/// thread at a time; the result is in unit order), relative to the output folder.
pub fn render_checklists(
    ledger: &Ledger,
    templates: &Templates,
    date: NaiveDate,
) -> Result<Vec<Rendered>, OutputError> {
    let per_unit: Vec<Result<[Rendered; 2], OutputError>> = checklist_units(ledger)
        .par_iter()
        .map(|unit| {
            let (xlsx, docx) = checklist_file_names(&unit.name);
            let form = checklist_bytes(ledger, unit).map_err(OutputError::Workbook)?;
            let notice = notice_docx(ledger, unit, templates, date).map_err(OutputError::Report)?;
            Ok([
                (format!("{CHECKLISTS_DIR}/{xlsx}"), form),
                (format!("{CHECKLISTS_DIR}/{docx}"), notice),
            ])
        })
        .collect();
    let mut files = Vec::new();
    for pair in per_unit {
        files.extend(pair?);
    }
    Ok(files)
}

/// Write a reminder for every unit that still owes reports and the list of them all;
/// returns the files written, relative to `out_dir`.
pub fn write_reminders(
    ledger: &Ledger,
    out_dir: &Path,
    templates: &Templates,
    date: NaiveDate,
) -> Result<Vec<String>, OutputError> {
    write_all(out_dir, render_reminders(ledger, templates, date)?)
}

/// The reminders and the list of units that still owe reports, rendered.
pub fn render_reminders(
    ledger: &Ledger,
    templates: &Templates,
    date: NaiveDate,
) -> Result<Vec<Rendered>, OutputError> {
    let mut files: Vec<Rendered> = reminder_units(ledger)
        .par_iter()
        .map(|unit| {
            let bytes =
                reminder_docx(ledger, unit, templates, date).map_err(OutputError::Report)?;
            Ok((
                format!("{REMINDERS_DIR}/{}", reminder_file_name(&unit.name)),
                bytes,
            ))
        })
        .collect::<Result<_, OutputError>>()?;
    let list = reminder_list_docx(ledger, templates, date).map_err(OutputError::Report)?;
    files.push((format!("{REMINDERS_DIR}/{REMINDER_LIST_DOCX}"), list));
    Ok(files)
}

/// Write rendered files (paths relative to `out_dir`); returns their paths.
pub fn write_all(
    out_dir: &Path,
    files: Vec<(String, Vec<u8>)>,
) -> Result<Vec<String>, OutputError> {
    let mut written = Vec::new();
    for (name, bytes) in files {
        write(out_dir.join(&name), &bytes)?;
        written.push(name);
    }
    Ok(written)
}
