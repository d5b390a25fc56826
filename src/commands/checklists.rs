//! `rectify checklists`: a checklist (xlsx form + docx notice) for every unit that owes
//! reports, in output/checklists/. Everything renders before anything is written.

use crate::console::sayln;
use chrono::NaiveDate;

use crate::commands::shared::{ledger_before_returns, Round};
use crate::error::Error;
use crate::render::{select, write_outputs, Job, Templates, CHECKLISTS_DIR};

/// The outputs `checklists` writes.
pub const OUTPUTS: [&str; 1] = ["checklists"];

/// `date`: the notices' date (default: the plan's notice date).
pub fn checklists(round: &Round, date: Option<NaiveDate>) -> Result<(), Error> {
    let paths = round.paths;
    let ledger = ledger_before_returns(round)?;
    let templates = Templates::new(paths.templates.as_deref());
    let mut job = Job::new(&ledger, &templates, &paths.output);
    job.notice_date = date.unwrap_or(job.notice_date);
    let written = write_outputs(&job, &select(&OUTPUTS))?;
    let forms = written
        .files
        .iter()
        .filter(|f| f.ends_with(".xlsx"))
        .count();
    let notices = written.files.len() - forms;
    sayln!(
        "应报送单位{forms}个，已写入 {}：填报表{forms}份、通知{notices}份（{}自身的填报表不发通知）。",
        paths.output.join(CHECKLISTS_DIR).display(),
        ledger.plan.self_word,
    );
    for note in written.notes() {
        sayln!("{note}");
    }
    Ok(())
}
