//! `rectify serve` in a real browser: headless Chromium driven through WebDriver
//! (Python selenium, tests/browser/serve_page.py). Opens the page, uploads one return
//! through its file input and drops another on the drop zone, sees both units turn 已报送, downloads the report and checks
//! it is the bytes `rectify run` writes for the same folder. Skipped (with a note) where
//! Chromium, chromedriver or selenium is missing; required on CI (.ci/run installs them).

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use common::repo;
use common::tools::available;

fn have_browser() -> bool {
    let chromium = ["chromium", "chromium-browser"].iter().any(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if !chromium {
        return available(
            "chromium",
            &["--version"],
            "chromium (apt-get install chromium)",
        );
    }
    available(
        "chromedriver",
        &["--version"],
        "chromedriver (apt-get install chromium-driver)",
    ) && available(
        "python3",
        &["-c", "import selenium"],
        "python3 selenium (pip install selenium)",
    )
}

/// The shipped plan files (lead reporting, as shipped) and an empty returns folder.
fn shipped_input() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["plan.toml", "units.toml", "tasks.csv"] {
        std::fs::copy(repo().join("input").join(f), dir.path().join(f)).unwrap();
    }
    std::fs::create_dir_all(dir.path().join("returns")).unwrap();
    dir
}

struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn run_to(input: &Path, output: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_rectify"))
        .arg("--input")
        .arg(input)
        .arg("--output")
        .arg(output)
        .arg("run")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn the_page_takes_two_returns_and_hands_back_runs_report() {
    if !have_browser() {
        return;
    }
    let input = shipped_input();
    let out = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rectify"))
        .arg("--input")
        .arg(input.path())
        .arg("--output")
        .arg(out.path())
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let _server = Killed(child);
    let url = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(url) = line.strip_prefix("网页已启动：") {
            break url.to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});

    let downloads = tempfile::tempdir().unwrap();
    let returns = repo().join("input/returns");
    let o = Command::new("python3")
        .arg(repo().join("tests/browser/serve_page.py"))
        .arg(&url)
        .arg(downloads.path())
        .arg("区财政局,区发展改革委")
        .arg(returns.join("区财政局-整改进展.xlsx"))
        .arg(returns.join("区发展改革委.xlsx"))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "the browser script failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(
        o.stdout
            .rsplit(|b| *b == b'\n')
            .find(|l| !l.is_empty())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(seen["before"]["区财政局"], "未报送", "{seen}");
    assert_eq!(seen["before"]["区发展改革委"], "未报送", "{seen}");
    assert_eq!(seen["after"]["区财政局"], "已报送", "{seen}");
    assert_eq!(seen["after"]["区发展改革委"], "已报送", "{seen}");
    // Each file, picked or dropped, says what was read from it.
    let results = seen["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{seen}");
    for (result, unit) in results.iter().zip(["区财政局", "区发展改革委"]) {
        assert!(
            result
                .as_str()
                .unwrap()
                .contains(&format!("已读取：{unit}，数据")),
            "{seen}"
        );
    }

    let downloaded =
        std::fs::read(seen["report"].as_str().expect("the report downloaded")).unwrap();
    let by_run = tempfile::tempdir().unwrap();
    run_to(input.path(), by_run.path());
    let written = std::fs::read(by_run.path().join("整改情况报告.docx")).unwrap();
    assert!(
        downloaded == written,
        "the downloaded report differs from run's"
    );
}
