//! What a user reads when the command line or the system says no: Chinese, with the
//! argument or path at fault, and exit code 2; help and version still exit 0.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

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
    let empty = dir.path().join("空文件夹");
    std::fs::create_dir(&empty).unwrap();
    let file = dir.path().join("一个文件");
    std::fs::write(&file, "x").unwrap();
    let out = file.join("output");
    let input = repo().join("input");
    refused(
        &[
            "--input",
            input.to_str().unwrap(),
            "--returns",
            empty.to_str().unwrap(),
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
            empty.to_str().unwrap(),
            "--templates",
            missing,
            "report",
        ],
        "找不到模板文件夹",
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

/// A misspelt unit gets the unit it most likely means, on `tasks --unit` and `--as`.
#[test]
fn a_misspelt_unit_gets_the_likely_one() {
    let input = repo().join("input");
    let input = input.to_str().unwrap();
    refused(
        &["--input", input, "tasks", "--unit", "区水力局"],
        "单位名录中没有“区水力局”。是否要写“区水利局”？",
    );
    refused(
        &["--input", input, "--as", "区水力局", "check"],
        "是否要写“区水利局”？",
    );
    // Nothing near: where the names are.
    refused(
        &["--input", input, "tasks", "--unit", "区教委"],
        "units.toml",
    );
}

/// An output folder inside the returns folder would have its documents read as returns
/// by the next run: refused before anything is written.
#[test]
fn an_output_folder_inside_the_returns_folder_is_refused() {
    let input = input_with_returns(|_| {});
    let returns = input.path().join("returns");
    let out = returns.join("结果");
    refused(
        &[
            "--input",
            input.path().to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "run",
        ],
        "在报送表文件夹",
    );
    assert!(!out.exists());
    refused(
        &[
            "--input",
            input.path().to_str().unwrap(),
            "--output",
            returns.to_str().unwrap(),
            "report",
        ],
        "请用 --output 指定报送表文件夹以外的文件夹",
    );
}

/// plan.toml's collector must be a unit of units.toml (else the bureau would be counted
/// among the units it collects from); a near miss names the unit meant.
#[test]
fn a_collector_not_in_the_directory_is_a_plan_error() {
    let input = input_with_returns(|_| {});
    let plan = input.path().join("plan.toml");
    let text = std::fs::read_to_string(&plan).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("collector ") || l.starts_with("collector="))
        .expect("a collector line")
        + 1;
    let edited: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == line {
                "collector = \"区生态局\"\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(&plan, edited).unwrap();
    let o = rectify_in(input.path(), &["check"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "plan.toml 第{line}行：collector（汇总单位）“区生态局”不在单位名录"
        )),
        "{err}"
    );
    assert!(err.contains("是否要写“区生态环境局”？"), "{err}");
}

/// A task table saved by Excel on Chinese Windows (GBK) reads like the UTF-8 one.
#[test]
fn a_gbk_task_table_is_read() {
    let input = input_with_returns(|_| {});
    let csv = std::fs::read_to_string(input.path().join("tasks.csv")).unwrap();
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&csv);
    assert!(!lossy);
    std::fs::write(input.path().join("tasks.csv"), &gbk[..]).unwrap();
    let o = rectify_in(input.path(), &["tasks", "--unit", "区水利局"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("长征渠"), "{out}");
}

/// serve's port and address: what is wrong, in Chinese.
#[test]
fn serve_options_are_checked_in_chinese() {
    refused(&["serve", "--port", "99999"], "端口应为0～65535之间的数字");
    refused(&["serve", "--listen", "1.2.3.4.5"], "不是有效的IP地址");
}

fn rectify_in(input: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rectify"))
        .arg("--input")
        .arg(input)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_reader_that_stops_early_gets_a_quiet_exit() {
    // `rectify tasks | head`: the pipe's reader is gone before anything is written.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = Command::new(env!("CARGO_BIN_EXE_rectify"))
        .arg("--input")
        .arg(repo().join("input"))
        .arg("tasks")
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "nothing on stderr: {err}");
}

#[test]
fn toml_mistakes_name_the_line_and_the_fix() {
    let input = input_with_returns(|_| {});
    let units = std::fs::read_to_string(input.path().join("units.toml")).unwrap();
    let line = units
        .lines()
        .position(|l| l.starts_with("aliases = [\"区环保局\", "))
        .unwrap()
        + 1;
    let broken = units.replacen("\"区环保局\", ", "\"区环保局\"，", 1);
    std::fs::write(input.path().join("units.toml"), broken).unwrap();
    let plan = std::fs::read_to_string(input.path().join("plan.toml")).unwrap();
    std::fs::write(
        input.path().join("plan.toml"),
        plan.replacen("as_of = \"2020-12-10\"", "as_of = 2020-12-10x", 1),
    )
    .unwrap();
    let o = rectify_in(input.path(), &["run"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "units.toml 第{line}行：格式错误：这一行有中文（全角）标点 ， 。"
        )),
        "{err}"
    );
    assert!(err.contains("plan.toml 第"), "{err}");
    for english in ["expected", "invalid", "error"] {
        assert!(!err.contains(english), "{english:?} in {err}");
    }
}

#[test]
fn template_errors_are_chinese_and_say_what_to_do() {
    let input = input_with_returns(|_| {});
    let tpl = tempfile::tempdir().unwrap();
    for (body, want) in [
        ("{% if x %}abc", "可能少了结束标记"),
        ("{{ plan.title | nosuch }}", "没有名为“nosuch”的过滤器"),
        ("{{ nosuch }}", "没有名为“nosuch”的变量（可用的有："),
    ] {
        std::fs::write(tpl.path().join("report.tera"), body).unwrap();
        let o = rectify_in(
            input.path(),
            &["--templates", tpl.path().to_str().unwrap(), "report"],
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(want), "{body}: {err}");
        assert!(err.contains("rectify templates"), "{err}");
        for english in ["Unexpected", "Unknown", "Variable", "error:"] {
            assert!(!err.contains(english), "{english:?} in {err}");
        }
    }
}

#[test]
fn a_missing_returns_folder_is_an_error_and_an_empty_one_a_warning() {
    let input = input_with_returns(|_| {});
    let out = tempfile::tempdir().unwrap();
    let missing = input.path().join("没有这个文件夹");
    let args = |returns: &Path, cmd: &str| {
        rectify_in(
            input.path(),
            &[
                "--returns",
                returns.to_str().unwrap(),
                "--output",
                out.path().to_str().unwrap(),
                cmd,
            ],
        )
    };
    for cmd in ["run", "remind", "check", "checklists"] {
        let o = args(&missing, cmd);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {err}");
        assert!(err.contains("找不到报送表文件夹"), "{cmd}: {err}");
    }
    // The checklists go out before any return: the default folder may be missing.
    std::fs::remove_dir(input.path().join("returns")).unwrap();
    let o = rectify_in(
        input.path(),
        &["--output", out.path().to_str().unwrap(), "checklists"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::create_dir(input.path().join("returns")).unwrap();

    let empty = input.path().join("returns");
    for cmd in ["run", "remind"] {
        let o = args(&empty, cmd);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{cmd}: {err}");
        assert!(err.contains("中没有任何文件"), "{cmd}: {err}");
        assert!(
            !out.path().join("reminders").exists(),
            "{cmd}: no reminder is written"
        );
    }
    assert!(
        out.path().join("ledger.json").is_file(),
        "run wrote the rest"
    );
}

#[test]
fn misnamed_templates_are_warned_about() {
    let input = input_with_returns(|_| {});
    let tpl = tempfile::tempdir().unwrap();
    std::fs::write(tpl.path().join("reprot.tera"), "@p x\n").unwrap();
    std::fs::write(tpl.path().join("notice.tera.bak"), "x").unwrap();
    let o = rectify_in(
        input.path(),
        &["--templates", tpl.path().to_str().unwrap(), "tasks"],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("警告：模板文件夹中的 reprot.tera 不对应任何模板"),
        "{err}"
    );
    assert!(err.contains("report.tera"), "{err}");
    assert_eq!(err.matches("警告").count(), 1, "{err}");
}

#[test]
fn the_templates_command_writes_the_built_in_templates() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("模板");
    // Needs no plan: run from a folder without input/.
    let o = Command::new(env!("CARGO_BIN_EXE_rectify"))
        .current_dir(dir.path())
        .args(["templates", "模板"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for name in [
        "report.tera",
        "notice.tera",
        "reminder.tera",
        "reminder-list.tera",
    ] {
        let shipped = std::fs::read_to_string(repo().join("templates").join(name)).unwrap();
        let written = std::fs::read_to_string(target.join(name)).unwrap();
        assert_eq!(written, shipped, "{name}");
        assert!(said.contains(name), "{said}");
    }
    // An edited template is never overwritten.
    std::fs::write(target.join("report.tera"), "edited").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_rectify"))
        .current_dir(dir.path())
        .args(["templates", "模板"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(
        std::fs::read_to_string(target.join("report.tera")).unwrap(),
        "edited"
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("没有覆盖"));
}

/// A lead unit's round is counted at its report's date (`--date`, else the plan's
/// return deadline), not at the bureau's as-of date; `--as-of` still decides.
#[test]
fn a_lead_units_round_is_counted_at_its_own_date() {
    let input = repo().join("input");
    let input = input.to_str().unwrap();
    let said = |args: &[&str]| {
        let out = rectify(args);
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let lead = said(&["--input", input, "--as", "区水利局", "check"]);
    assert!(lead.contains("截至2020年12月5日"), "{lead}");
    let bureau = said(&["--input", input, "check"]);
    assert!(bureau.contains("截至2020年12月10日"), "{bureau}");
    let chosen = said(&[
        "--input",
        input,
        "--as",
        "区水利局",
        "--as-of",
        "2020-12-08",
        "check",
    ]);
    assert!(chosen.contains("截至2020年12月8日"), "{chosen}");
}

/// The console's counts of tasks by status add up to the total: 已报完成待确认 (and 不涉及,
/// when some) among them (adv56 b 10: 22 + 14 + 13 + 0 + 1 + 9 of 63).
#[test]
fn the_console_counts_of_tasks_add_up_to_the_total() {
    let input = repo().join("input");
    let out = rectify(&["--input", input.to_str().unwrap(), "check"]);
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = said
        .lines()
        .find(|l| l.starts_with("截至"))
        .unwrap_or_else(|| panic!("{said}"));
    let (total, rest) = line
        .split_once("项任务：")
        .unwrap_or_else(|| panic!("{line}"));
    let total: u32 = total.rsplit('，').next().unwrap().parse().unwrap();
    let counts = rest.split('；').next().unwrap();
    let sum: u32 = counts
        .split('，')
        .map(|c| {
            let digits: String = c.chars().filter(char::is_ascii_digit).collect();
            digits.parse::<u32>().unwrap_or_else(|_| panic!("{c}"))
        })
        .sum();
    assert!(counts.contains("已报完成待确认"), "{line}");
    assert_eq!(sum, total, "{line}");
}
