//! `rectify run`: the whole job on one folder: every output of the merged ledger.

use chrono::NaiveDate;

use crate::commands::shared::{
    files_summary, ledger, no_returns, problems_line, summary_text, Round,
};
use crate::console::{say, sayln};
use crate::error::Error;
use crate::model::{Ledger, Tier};
use crate::render::{consolidated_file, write_outputs, Job, Templates, OUTPUTS, SHEET_PROBLEMS};

/// The reminders output (left out when the returns folder is empty).
const REMINDERS: &str = "reminders";

/// `date`: the report's date, in a lead unit's round also the 报送表's filing date
/// (default: the plan's report date; a lead unit's, its return deadline).
pub fn run(round: &Round, date: Option<NaiveDate>) -> Result<(), Error> {
    run_ledger(round, date).map(drop)
}

/// [`run`], handing back the ledger it wrote (`rectify serve` shows it).
pub fn run_ledger(round: &Round, date: Option<NaiveDate>) -> Result<Ledger, Error> {
    let paths = round.paths;
    let mut ledger = ledger(round)?;
    ledger.plan.report_date = date.unwrap_or(ledger.plan.report_date);
    say!("{}", summary_text(&ledger));
    let templates = Templates::new(paths.templates.as_deref());
    // The ledger output also keeps this run's ledger as its round.
    let round_file = crate::rounds::round_file(ledger.as_of);
    let job = Job {
        round: Some(&round_file),
        ..Job::new(&ledger, &templates, &paths.output)
    };
    // No return at all: no reminder goes to every unit (the warning said why).
    let all: Vec<_> = OUTPUTS
        .iter()
        .filter(|o| !(no_returns(&ledger) && o.name == REMINDERS))
        .collect();
    let written = write_outputs(&job, &all)?;
    let round_path = crate::rounds::round_path(&paths.output, ledger.as_of);
    let see = format!("详见台账汇总表“{SHEET_PROBLEMS}”或运行 rectify check");
    sayln!("{}", problems_line(&ledger, &see));
    sayln!(
        "已写入 {}：{}",
        paths.output.display(),
        files_summary(&written.files)
    );
    if ledger.plan.tier == Tier::Lead {
        sayln!(
            "报送表 {}：请核对、审签后连同整改情况报告报送{}。",
            consolidated_file(&ledger.plan.collector),
            ledger.plan.bureau
        );
    }
    for note in written.notes() {
        sayln!("{note}");
    }
    sayln!(
        "本期汇总结果已存为 {}，下期运行时据此比较进展。",
        round_path.display()
    );
    if let (Some(p), Some(c)) = (&ledger.previous, &ledger.changes) {
        let unconfirmed = if c.unconfirmed.is_empty() {
            String::new()
        } else {
            format!(
                "，上期已完成或已报完成待确认、本期未能确认完成{}项",
                c.unconfirmed.len()
            )
        };
        let released = if c.released.is_empty() {
            String::new()
        } else {
            format!(
                "，上期未报送、本期不再列入应报送单位{}个（{}）",
                c.released.len(),
                c.released.join("、")
            )
        };
        sayln!(
            "与上期（{}）相比：新增完成{}项，进展倒退{}项{unconfirmed}，本期未再报送{}项，新增逾期{}项，新报送单位{}个，连续两期未报送单位{}个{released}。",
            crate::common::dates::render_date(p.as_of),
            c.newly_completed.len(),
            c.regressed.len(),
            c.no_longer_reported.len(),
            c.newly_overdue.len(),
            c.newly_reported.len(),
            c.still_missing.len()
        );
    }
    Ok(ledger)
}
