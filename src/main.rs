//! rectify: parse the command line, run one command, map errors to exit codes
//! (0 done, 1 `check --strict` found errors, 2 bad plan or command line).

use std::process::ExitCode;

use clap::Parser;

use rectify::cli::{Cli, Command};
use rectify::commands;
use rectify::plan::load_plan;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!(
                "错误：命令行有误。运行 rectify --help 查看用法。\n{}",
                e.render()
            );
            return ExitCode::from(2);
        }
    };
    let plan = match load_plan(&cli.paths.input) {
        Ok(p) => p,
        Err(e) => {
            eprint!("{e}");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Tasks { unit, json } => {
            let unit = match unit
                .map(|u| commands::tasks::resolve_unit(&plan, &u))
                .transpose()
            {
                Ok(u) => u,
                Err(msg) => {
                    eprintln!("错误：{msg}");
                    return ExitCode::from(2);
                }
            };
            let out = match (json, &unit) {
                (true, u) => commands::tasks::json(&plan, u.as_deref()),
                (false, Some(u)) => commands::tasks::unit_text(&plan, u),
                (false, None) => commands::tasks::text(&plan),
            };
            print!("{out}");
            ExitCode::SUCCESS
        }
        Command::Run | Command::Check { .. } => {
            println!(
                "已读取整改方案：{}项任务，{}个重点任务类别，{}个单位（{}个单位有报送任务）。",
                plan.tasks.len(),
                plan.categories().len(),
                plan.units.units().len(),
                plan.expected_units().len()
            );
            ExitCode::SUCCESS
        }
    }
}
