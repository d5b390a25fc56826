//! The top-level error: one variant per layer, each converted with `From` so `?` works
//! across a boundary, each with the Chinese message the user reads and its exit code
//! (2: bad plan, bad command line, or outputs that could not be made). `main` prints it.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::commands::error::CommandError;
use crate::plan::PlanErrors;
use crate::render::RenderError;

/// Why a command did not finish. `Display` is the Chinese message.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line could not be parsed (or asked for help or the version).
    #[error("{}", cli_message(.0))]
    Cli(#[from] clap::Error),
    /// The plan files are wrong: every problem, with file, line and column.
    #[error(transparent)]
    Plan(#[from] PlanErrors),
    /// A command's own argument is wrong (an unknown unit).
    #[error(transparent)]
    Command(#[from] CommandError),
    /// An output could not be rendered or written.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The round named by `--previous` cannot be compared with.
    #[error(transparent)]
    Previous(#[from] crate::rounds::PreviousError),
}

impl Error {
    /// The process exit code: 0 for help and version, 2 for everything else.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Cli(e) if !e.use_stderr() => ExitCode::SUCCESS,
            _ => ExitCode::from(2),
        }
    }

    /// Tell the user: help and version on stdout; the plan's problems as they are (they
    /// carry their own heading); anything else after 错误：.
    pub fn print(&self) {
        match self {
            Error::Cli(e) if !e.use_stderr() => {
                let _ = e.print();
            }
            Error::Plan(e) => eprint!("{e}"),
            e => eprintln!("错误：{e}"),
        }
    }
}

/// A clap error in Chinese: what is wrong, with the argument as typed, then where to
/// find the usage. Help output (also shown when no command is given) is already Chinese.
fn cli_message(e: &clap::Error) -> String {
    match e.kind() {
        _ if !e.use_stderr() => e.render().to_string(),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            format!("命令行有误：缺少命令。\n\n{}", e.render())
        }
        _ => format!(
            "命令行有误：{}。运行 rectify --help 查看用法。",
            cli_problem(e)
        ),
    }
}

fn cli_problem(e: &clap::Error) -> String {
    let text = |k| context_text(e, k);
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let mut s = match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            format!("没有“{}”这个命令", text(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingSubcommand => {
            "缺少命令（run、report、check、checklists、remind、tasks 或 templates）".to_string()
        }
        ErrorKind::MissingRequiredArgument => format!("缺少参数 {arg}"),
        ErrorKind::InvalidValue if value.is_empty() => format!("参数“{arg}”缺少值"),
        ErrorKind::InvalidValue => format!("参数“{arg}”的值“{value}”无效"),
        ErrorKind::ValueValidation => match std::error::Error::source(e) {
            Some(why) => format!("参数“{arg}”的值有误：{why}"),
            None => format!("参数“{arg}”的值“{value}”无效"),
        },
        ErrorKind::NoEquals => format!("参数“{arg}”的值要用“=”连接"),
        ErrorKind::TooManyValues => format!("参数“{arg}”的值“{value}”多余"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数“{arg}”的值个数不对")
        }
        ErrorKind::ArgumentConflict => {
            format!("参数“{arg}”不能与“{}”同时使用", text(ContextKind::PriorArg))
        }
        ErrorKind::InvalidUtf8 => "参数中有无法识别的字符（不是UTF-8编码）".to_string(),
        _ => "无法识别".to_string(),
    };
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .map(text)
        .find(|t| !t.is_empty());
    if let Some(t) = suggested {
        s.push_str(&format!("（是否要用“{t}”？）"));
    }
    let valid = text(ContextKind::ValidValue);
    if !valid.is_empty() {
        s.push_str(&format!("（可用的值：{valid}）"));
    }
    s
}

/// A context value of a clap error as plain text ("" when absent); lists joined with 、.
fn context_text(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}
