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
mod serve;
mod shared;
mod tasks;
mod templates;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::error::Error;
use crate::merge::Scope;
use crate::plan::{load_plan, task_table_note, Plan};
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
    let scope = scope(&plan, cli.as_unit.as_deref())?;
    // A lead unit's round is counted at the day it reports to the bureau (its report's
    // date, by default its deadline): returns filed later belong to the bureau's count.
    let report_day = match &cli.command {
        Command::Run { date } | Command::Report { date } => *date,
        _ => None,
    };
    let as_of = cli.round.as_of.or_else(|| {
        scope
            .lead()
            .map(|_| report_day.unwrap_or(plan.meta.return_deadline))
    });
    if let Some(as_of) = as_of {
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
    let writes_output = !matches!(cli.command, Command::Check { .. } | Command::Tasks { .. });
    if writes_output {
        check_output_folder(paths)?;
    }
    if let Some(dir) = &paths.templates {
        if !dir.is_dir() {
            return Err(CommandError::NoTemplates(dir.clone()).into());
        }
        for warning in unused_overrides(dir) {
            eprintln!("警告：{warning}");
        }
    }
    let round = shared::Round {
        plan: &plan,
        paths,
        scope: &scope,
        writes_output,
    };
    match cli.command {
        Command::Tasks { unit, json } => tasks::tasks(&plan, unit.as_deref(), json)?,
        Command::Check { strict } => return check::check(&round, strict),
        Command::Checklists { date } => checklists::checklists(&round, date)?,
        Command::Remind { date } => remind::remind(&round, date)?,
        Command::Run { date } => run::run(&round, date)?,
        Command::Report { date } => report::report(&round, date)?,
        Command::Serve { port, listen } => serve::serve(&round, port, listen, run::run_ledger)?,
        Command::Templates { .. } => unreachable!("handled before the plan is loaded"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The output folder must not be the returns folder or inside it: the next run would
/// read the report, the workbook and the checklists as returns.
fn check_output_folder(paths: &crate::cli::Paths) -> Result<(), CommandError> {
    let returns = paths.returns_dir();
    let (Some(r), Some(o)) = (absolute(&returns), absolute(&paths.output)) else {
        return Ok(());
    };
    if o.starts_with(&r) {
        return Err(CommandError::OutputInReturns {
            output: paths.output.clone(),
            returns,
        });
    }
    Ok(())
}

/// `path` made absolute with its existing part's links resolved (the rest, not yet
/// made, appended as written).
fn absolute(path: &std::path::Path) -> Option<std::path::PathBuf> {
    let full = std::path::absolute(path).ok()?;
    let mut existing = full.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return Some(rest.iter().rev().fold(real, |p, part| p.join(part)));
        }
        rest.push(existing.file_name()?.to_os_string());
        existing = existing.parent()?;
    }
}

/// The round `--as` asks for: the bureau's, or the named lead unit's (one unit of the
/// directory that decides at least one task).
fn scope(plan: &Plan, as_unit: Option<&str>) -> Result<Scope, CommandError> {
    let Some(name) = as_unit else {
        return Ok(Scope::Bureau);
    };
    let unit = tasks::resolve_unit(plan, name).map_err(|e| match e {
        CommandError::UnknownUnit(n, hint) => CommandError::UnknownAs(n, hint),
        e => e,
    })?;
    if unit == plan.meta.collector {
        return Ok(Scope::Bureau);
    }
    if plan.tasks_led_by(&unit).is_empty() {
        return Err(CommandError::NotALead(unit, plan.meta.collector.clone()));
    }
    Ok(Scope::Lead(unit))
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
