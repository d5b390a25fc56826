//! `rectify remind`: a 催报 notice for every unit that still owes reports and the list
//! of them all, in output/reminders/. Everything renders before anything is written.

use crate::console::sayln;
use chrono::NaiveDate;

use crate::commands::shared::{ledger, no_returns, Round};
use crate::error::Error;
use crate::render::{select, write_outputs, Job, Templates, REMINDERS_DIR, REMINDER_LIST_DOCX};

/// The outputs `remind` writes.
pub const OUTPUTS: [&str; 1] = ["reminders"];

/// `date`: the reminders' date (default: the ledger's as-of date).
pub fn remind(round: &Round, date: Option<NaiveDate>) -> Result<(), Error> {
    let paths = round.paths;
    let ledger = ledger(round)?;
    if no_returns(&ledger) {
        // The warning is printed; a reminder to every unit would be wrong.
        return Ok(());
    }
    let templates = Templates::new(paths.templates.as_deref());
    let mut job = Job::new(&ledger, &templates, &paths.output);
    job.reminder_date = date.unwrap_or(job.reminder_date);
    let written = write_outputs(&job, &select(&OUTPUTS))?;
    let reminders = written.files.len() - 1;
    sayln!(
        "尚有任务未报送的单位{reminders}个，已写入 {}：催报通知{reminders}份和{REMINDER_LIST_DOCX}。",
        paths.output.join(REMINDERS_DIR).display(),
    );
    for note in written.notes() {
        sayln!("{note}");
    }
    Ok(())
}
