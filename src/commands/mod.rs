//! One module per command; they never import each other (what several share is in
//! `shared.rs`). [`execute`] loads the plan and runs the command the command line
//! names; every failure comes back as a [`crate::error::Error`], which `main` prints
//! and turns into an exit code.

mod check;
mod checklists;
pub(crate) mod error;
mod remind;
mod report;
mod run;
mod shared;
mod tasks;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::error::Error;
use crate::plan::load_plan;

pub use error::CommandError;

/// Run the command of `cli`: 0 when done, 1 when `check --strict` found errors.
pub fn execute(cli: Cli) -> Result<ExitCode, Error> {
    let plan = load_plan(&cli.paths.input)?;
    let paths = &cli.paths;
    match cli.command {
        Command::Tasks { unit, json } => tasks::tasks(&plan, unit.as_deref(), json)?,
        Command::Check { strict } => return Ok(check::check(&plan, paths, strict)),
        Command::Checklists { date } => checklists::checklists(&plan, paths, date)?,
        Command::Remind { date } => remind::remind(&plan, paths, date)?,
        Command::Run => run::run(&plan, paths)?,
        Command::Report => report::report(&plan, paths)?,
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_command_selects_existing_outputs() {
        for names in [
            &super::report::OUTPUTS[..],
            &super::checklists::OUTPUTS[..],
            &super::remind::OUTPUTS[..],
        ] {
            assert_eq!(crate::render::select(names).len(), names.len());
        }
    }
}
