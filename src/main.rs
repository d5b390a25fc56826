//! rectify: parse the command line, run one command, map errors to exit codes
//! (0 done, 1 `check --strict` found errors, 2 bad plan or command line).

use std::process::ExitCode;

use clap::Parser;

use rectify::cli::{Cli, Command};
use rectify::commands;
use rectify::pipeline::build_ledger_with_progress;
use rectify::plan::load_plan;
use rectify::progress::Bar;
use rectify::render::report::Templates;

/// mimalloc: ingest and the renderers make millions of small strings across two
/// threads; it is faster than the system allocator here and hands freed memory back,
/// which keeps peak RSS down at city scale (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        Command::Check { strict } => {
            let ledger =
                build_ledger_with_progress(&plan, &cli.paths.returns_dir(), &Bar::for_stderr());
            print!("{}", commands::check::summary_text(&ledger));
            print!("{}", commands::check::problems_text(&ledger));
            if strict && ledger.summary.errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Checklists { date } | Command::Remind { date } => {
            let remind = matches!(cli.command, Command::Remind { .. });
            let ledger =
                build_ledger_with_progress(&plan, &cli.paths.returns_dir(), &Bar::for_stderr());
            let templates = Templates::new(cli.paths.templates.as_deref());
            let out = &cli.paths.output;
            let date = date.unwrap_or(if remind {
                ledger.as_of
            } else {
                ledger.plan.notice_date
            });
            let written = if remind {
                commands::checklists::write_reminders(&ledger, out, &templates, date)
            } else {
                commands::checklists::write_checklists(&ledger, out, &templates, date)
            };
            match written {
                Ok(files) => {
                    if remind {
                        println!(
                            "尚有任务未报送的单位{}个，已写入 {}：催报通知{}份和{}。",
                            files.len() - 1,
                            out.join(commands::checklists::REMINDERS_DIR).display(),
                            files.len() - 1,
                            rectify::render::notice::REMINDER_LIST_DOCX
                        );
                    } else {
                        println!(
                            "应报送单位{}个，已写入 {}：任务清单{}份（每个单位一份填报表和一份通知）。",
                            files.len() / 2,
                            out.join(commands::checklists::CHECKLISTS_DIR).display(),
                            files.len() / 2
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("错误：{e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Run | Command::Report => {
            let report_only = matches!(cli.command, Command::Report);
            let ledger =
                build_ledger_with_progress(&plan, &cli.paths.returns_dir(), &Bar::for_stderr());
            print!("{}", commands::check::summary_text(&ledger));
            let templates = Templates::new(cli.paths.templates.as_deref());
            let out = &cli.paths.output;
            let written = if report_only {
                commands::run::write_report(&ledger, out, &templates)
            } else {
                commands::run::write_outputs(&ledger, out, &templates)
            };
            match written {
                Ok(files) => {
                    let see = if report_only {
                        "运行 rectify check 查看"
                    } else {
                        "详见台账汇总表“问题清单”或运行 rectify check"
                    };
                    println!(
                        "问题{}条（错误{}条，警告{}条），{see}。",
                        ledger.problems.len(),
                        ledger.summary.errors,
                        ledger.summary.warnings
                    );
                    println!(
                        "已写入 {}：{}",
                        out.display(),
                        commands::run::files_summary(&files)
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("错误：{e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}
