//! What a user reads when the command line or the system says no: Chinese, with the
//! argument or path at fault, and exit code 2; help and version still exit 0.

mod common;

use std::process::{Command, Output};

use common::*;

fn rectify(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rectify"))
        .args(args)
        .output()
        .unwrap()
}

/// Exit 2, and stderr says `want`, with none of clap's or the system's English.
fn refused(args: &[&str], want: &str) {
    let o = rectify(args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(want), "{args:?}: want {want:?} in {err}");
    for english in ["error:", "unexpected", "Usage:", "os error", "No such file"] {
        assert!(!err.contains(english), "{args:?}: {english:?} in {err}");
    }
}

#[test]
fn command_line_errors_are_chinese_and_name_the_argument() {
    refused(&["--foo", "run"], "不认识的参数“--foo”");
    refused(&["run", "extra"], "不认识的参数“extra”");
    refused(&["runn"], "没有“runn”这个命令（是否要用“run”？）");
    refused(&["checklists", "--date", "明天"], "“明天”不是日期");
    refused(&["checklists", "--date"], "参数“--date <日期>”缺少值");
    refused(&[], "缺少命令");
}

#[test]
fn help_and_version_still_succeed() {
    for args in [["--help"], ["-V"]] {
        let o = rectify(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(!o.stdout.is_empty() && o.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn system_errors_are_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("没有这个文件夹");
    let missing = missing.to_str().unwrap();
    refused(
        &["--input", missing, "run"],
        "无法读取（找不到文件或文件夹）",
    );

    // The output folder lies under a file.
    let file = dir.path().join("一个文件");
    std::fs::write(&file, "x").unwrap();
    let out = file.join("output");
    let input = repo().join("input");
    refused(
        &[
            "--input",
            input.to_str().unwrap(),
            "--returns",
            missing,
            "--output",
            out.to_str().unwrap(),
            "report",
        ],
        "无法写入",
    );
    refused(
        &[
            "--input",
            input.to_str().unwrap(),
            "--returns",
            missing,
            "--templates",
            missing,
            "report",
        ],
        "无法读取模板文件夹",
    );
}

#[test]
fn an_unknown_unit_is_refused_in_chinese() {
    let input = repo().join("input");
    refused(
        &[
            "--input",
            input.to_str().unwrap(),
            "tasks",
            "--unit",
            "区教委",
        ],
        "单位名录中没有“区教委”",
    );
}
