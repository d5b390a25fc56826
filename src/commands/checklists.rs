//! `rectify checklists`: a checklist (xlsx form + docx notice) for every unit that owes
//! reports, in output/checklists/; `rectify remind`: a 催报 notice for every unit that
//! still owes reports and the list of them all, in output/reminders/. Both render
//! everything before writing anything.

use std::path::Path;

use chrono::NaiveDate;

use crate::commands::run::{write, OutputError};
use crate::ledger::Ledger;
use crate::render::checklist::{checklist_bytes, checklist_units};
use crate::render::notice::{
    checklist_file_names, notice_docx, reminder_docx, reminder_file_name, reminder_list_docx,
    reminder_units, REMINDER_LIST_DOCX,
};
use crate::render::report::Templates;

/// The folders under the output folder.
pub const CHECKLISTS_DIR: &str = "checklists";
pub const REMINDERS_DIR: &str = "reminders";

/// Write every unit's checklist; returns the files written, relative to `out_dir`.
pub fn write_checklists(
    ledger: &Ledger,
    out_dir: &Path,
    templates: &Templates,
    date: NaiveDate,
) -> Result<Vec<String>, OutputError> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for unit in checklist_units(ledger) {
        let (xlsx, docx) = checklist_file_names(&unit.name);
        let form = checklist_bytes(ledger, unit).map_err(OutputError::Workbook)?;
        let notice = notice_docx(ledger, unit, templates, date).map_err(OutputError::Report)?;
        files.push((xlsx, form));
        files.push((docx, notice));
    }
    write_all(out_dir, CHECKLISTS_DIR, files)
}

/// Write a reminder for every unit that still owes reports and the list of them all;
/// returns the files written, relative to `out_dir`.
pub fn write_reminders(
    ledger: &Ledger,
    out_dir: &Path,
    templates: &Templates,
    date: NaiveDate,
) -> Result<Vec<String>, OutputError> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for unit in reminder_units(ledger) {
        let bytes = reminder_docx(ledger, unit, templates, date).map_err(OutputError::Report)?;
        files.push((reminder_file_name(&unit.name), bytes));
    }
    let list = reminder_list_docx(ledger, templates, date).map_err(OutputError::Report)?;
    files.push((REMINDER_LIST_DOCX.to_string(), list));
    write_all(out_dir, REMINDERS_DIR, files)
}

fn write_all(
    out_dir: &Path,
    sub: &str,
    files: Vec<(String, Vec<u8>)>,
) -> Result<Vec<String>, OutputError> {
    let dir = out_dir.join(sub);
    let mut written = Vec::new();
    for (name, bytes) in files {
        write(dir.join(&name), &bytes)?;
        written.push(format!("{sub}/{name}"));
    }
    Ok(written)
}
