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
mod templates;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::error::Error;
use crate::plan::{load_plan, task_table_note};
use crate::render::unused_overrides;

pub use error::CommandError;

/// Run the command of `cli`: 0 when done, 1 when `check --strict` found errors.
pub fn execute(cli: Cli) -> Result<ExitCode, Error> {
    let paths = &cli.paths;
    if let Command::Templates { dir } = &cli.command {
        // Needs no plan: a clerk may want the templates before anything else.
        templates::templates(dir)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut plan = load_plan(&paths.input)?;
    if let Some(as_of) = cli.round.as_of {
        // The round's date: what counts, what is overdue, and the report's date.
        plan.meta.as_of = as_of;
        plan.meta.report_date = as_of;
    }
    if let Some(previous) = &paths.previous {
        crate::rounds::check_previous(previous, plan.meta.as_of)?;
    }
    if let Some(note) = task_table_note(&paths.input) {
        eprintln!("提示：{note}");
    }
    if let Some(dir) = &paths.templates {
        for warning in unused_overrides(dir) {
            eprintln!("警告：{warning}");
        }
    }
    match cli.command {
        Command::Tasks { unit, json } => tasks::tasks(&plan, unit.as_deref(), json)?,
        Command::Check { strict } => return check::check(&plan, paths, strict),
        Command::Checklists { date } => checklists::checklists(&plan, paths, date)?,
        Command::Remind { date } => remind::remind(&plan, paths, date)?,
        Command::Run => run::run(&plan, paths)?,
        Command::Report => report::report(&plan, paths)?,
        Command::Templates { .. } => unreachable!("handled before the plan is loaded"),
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
