//! `rectify report`: only the report (整改情况报告.docx).

use chrono::NaiveDate;

use crate::commands::shared::{files_summary, ledger, problems_line, summary_text, Round};
use crate::console::{say, sayln};
use crate::error::Error;
use crate::render::{select, write_outputs, Job, Templates};

/// The outputs `report` writes.
pub const OUTPUTS: [&str; 1] = ["report"];

/// `date`: the report's date (default: the plan's report date; a lead unit's, its
/// return deadline).
pub fn report(round: &Round, date: Option<NaiveDate>) -> Result<(), Error> {
    let paths = round.paths;
    let mut ledger = ledger(round)?;
    ledger.plan.report_date = date.unwrap_or(ledger.plan.report_date);
    say!("{}", summary_text(&ledger));
    let templates = Templates::new(paths.templates.as_deref());
    let job = Job::new(&ledger, &templates, &paths.output);
    let written = write_outputs(&job, &select(&OUTPUTS))?;
    sayln!("{}", problems_line(&ledger, "运行 rectify check 查看"));
    sayln!(
        "已写入 {}：{}",
        paths.output.display(),
        files_summary(&written.files)
    );
    for note in written.notes() {
        sayln!("{note}");
    }
    Ok(())
}
