//! `rectify checklists`: a checklist (xlsx form + docx notice) for every unit that owes
//! reports, in output/checklists/. Everything renders before anything is written.

use chrono::NaiveDate;

use crate::cli::Paths;
use crate::commands::shared::ledger;
use crate::error::Error;
use crate::plan::Plan;
use crate::render::{select, write_outputs, Job, Templates, CHECKLISTS_DIR};

/// The outputs `checklists` writes.
pub const OUTPUTS: [&str; 1] = ["checklists"];

/// `date`: the notices' date (default: the plan's notice date).
pub fn checklists(plan: &Plan, paths: &Paths, date: Option<NaiveDate>) -> Result<(), Error> {
    let ledger = ledger(plan, paths);
    let templates = Templates::new(paths.templates.as_deref());
    let mut job = Job::new(&ledger, &templates, &paths.output);
    job.notice_date = date.unwrap_or(job.notice_date);
    let files = write_outputs(&job, &select(&OUTPUTS))?;
    println!(
        "应报送单位{}个，已写入 {}：任务清单{}份（每个单位一份填报表和一份通知）。",
        files.len() / 2,
        paths.output.join(CHECKLISTS_DIR).display(),
        files.len() / 2
    );
    Ok(())
}
