//! `rectify check`: read and merge the returns, print the summary and the problems
//! grouped by file, write nothing. With `--strict`, exit 1 when there are errors.

use crate::console::say;
use std::process::ExitCode;

use crate::commands::shared::{ledger, problems_text, summary_text, Round};
use crate::error::Error;

pub fn check(round: &Round, strict: bool) -> Result<ExitCode, Error> {
    let ledger = ledger(round)?;
    say!("{}", summary_text(&ledger));
    say!("{}", problems_text(&ledger));
    Ok(if strict && ledger.summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
