//! The per-unit outputs, a folder each: checklists/ (every unit that owes reports: its
//! form, `checklist.rs`, and its notice, `notice.rs`) and reminders/ (every unit that
//! still owes reports: its reminder; and the list of them all). The units render in
//! parallel, one document per thread at a time; the files are in unit order. A document
//! the last run made from the same inputs, still unchanged, is left as it is
//! (`reuse.rs`).

use rayon::prelude::*;

use crate::model::queries::{units_owing, units_to_remind};
use crate::render::checklist::ChecklistInput;
use crate::render::document::docx_file;
use crate::render::error::RenderError;
use crate::render::files::{
    checklist_files, in_dir, reminder_file, CHECKLISTS_DIR, REMINDERS_DIR, REMINDER_LIST_DOCX,
};
use crate::render::notice::{notice_blocks, reminder_blocks, reminder_list_blocks};
use crate::render::output::{Job, Rendered};

/// The output: checklists/<单位>.xlsx and checklists/<单位>.docx for every unit that
/// owes reports. The collector (the bureau itself) gets its form but no notice: it does
/// not write to itself.
pub fn checklists(job: &Job) -> Result<Vec<Rendered>, RenderError> {
    let per_unit: Vec<Result<Vec<Rendered>, RenderError>> = units_owing(job.ledger)
        .par_iter()
        .map(|unit| {
            let (xlsx, docx) = checklist_files(&unit.name);
            let input = ChecklistInput::new(job.ledger, unit);
            let form = Rendered::document(job, in_dir(CHECKLISTS_DIR, &xlsx), input.key(), || {
                input.render().map_err(RenderError::xlsx(&xlsx))
            })?;
            let mut files = vec![form];
            if unit.name != job.ledger.plan.collector {
                let blocks = notice_blocks(job.ledger, unit, job.templates, job.notice_date)?;
                files.push(docx_file(job, in_dir(CHECKLISTS_DIR, &docx), &blocks)?);
            }
            Ok(files)
        })
        .collect();
    let mut files = Vec::with_capacity(per_unit.len() * 2);
    for unit in per_unit {
        files.extend(unit?);
    }
    Ok(files)
}

/// The output: reminders/催报通知-<单位>.docx for every unit that still owes reports
/// (in lead reporting also every lead unit whose partners' progress is missing), then
/// reminders/未报送单位清单.docx.
pub fn reminders(job: &Job) -> Result<Vec<Rendered>, RenderError> {
    let mut files: Vec<Rendered> = units_to_remind(job.ledger)
        .par_iter()
        .map(|unit| {
            let blocks = reminder_blocks(job.ledger, unit, job.templates, job.reminder_date)?;
            docx_file(
                job,
                in_dir(REMINDERS_DIR, &reminder_file(&unit.name)),
                &blocks,
            )
        })
        .collect::<Result<_, RenderError>>()?;
    let list = reminder_list_blocks(job.ledger, job.templates, job.reminder_date)?;
    files.push(docx_file(
        job,
        in_dir(REMINDERS_DIR, REMINDER_LIST_DOCX),
        &list,
    )?);
    Ok(files)
}
