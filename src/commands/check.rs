//! `rectify check`: read and merge the returns, print the summary and the problems
//! grouped by file, write nothing. With `--strict`, exit 1 when there are errors.

use std::process::ExitCode;

use crate::cli::Paths;
use crate::commands::shared::{ledger, problems_text, summary_text};
use crate::plan::Plan;

pub fn check(plan: &Plan, paths: &Paths, strict: bool) -> ExitCode {
    let ledger = ledger(plan, paths);
    print!("{}", summary_text(&ledger));
    print!("{}", problems_text(&ledger));
    if strict && ledger.summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
