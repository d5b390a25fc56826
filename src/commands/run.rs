//! `rectify run`: the whole job on one folder: every output of the merged ledger.

use crate::cli::Paths;
use crate::commands::shared::{files_summary, ledger, problems_line, summary_text};
use crate::error::Error;
use crate::plan::Plan;
use crate::render::{write_outputs, Job, Templates, OUTPUTS, SHEET_PROBLEMS};

pub fn run(plan: &Plan, paths: &Paths) -> Result<(), Error> {
    let ledger = ledger(plan, paths);
    print!("{}", summary_text(&ledger));
    let templates = Templates::new(paths.templates.as_deref());
    let job = Job::new(&ledger, &templates, &paths.output);
    let all: Vec<_> = OUTPUTS.iter().collect();
    let written = write_outputs(&job, &all)?;
    let see = format!("详见台账汇总表“{SHEET_PROBLEMS}”或运行 rectify check");
    println!("{}", problems_line(&ledger, &see));
    println!(
        "已写入 {}：{}",
        paths.output.display(),
        files_summary(&written.files)
    );
    for note in written.notes() {
        println!("{note}");
    }
    Ok(())
}
