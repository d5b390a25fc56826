//! External tools the document tests use when installed: openxml-audit (PyPI),
//! python3 with python-docx, LibreOffice (soffice) and poppler-utils (pdfinfo,
//! pdftotext). Without a tool a test prints a skip note, unless the environment
//! variable CI is set: then a missing tool fails the test.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

pub fn available(cmd: &str, probe: &[&str], what: &str) -> bool {
    let ok = Command::new(cmd)
        .args(probe)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("CI: {what} is required for this test but is not installed");
        }
        eprintln!("skipped: {what} is not installed");
    }
    ok
}

pub fn has_audit() -> bool {
    available(
        "openxml-audit",
        &["--help"],
        "openxml-audit (pip install openxml-audit)",
    )
}

/// openxml-audit findings (errors + warnings) and its headline.
pub fn audit(path: &Path) -> (u64, String) {
    let out = Command::new("openxml-audit")
        .args(["-o", "json", "-m", "0"])
        .arg(path)
        .output()
        .expect("run openxml-audit");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "openxml-audit output is not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let r = &v[0];
    let n =
        r["error_count"].as_u64().unwrap_or(u64::MAX) + r["warning_count"].as_u64().unwrap_or(0);
    let mut detail = r["verdict"]["headline"].as_str().unwrap_or("").to_owned();
    if let Some(errs) = r["errors"].as_array() {
        for e in errs.iter().take(10) {
            detail.push_str(&format!(
                "\n  {} {} {}",
                e["part_uri"], e["path"], e["description"]
            ));
        }
    }
    (n, detail)
}

/// `available` with one probe argument, named after the command.
pub fn tool_available(name: &str, probe: &str) -> bool {
    available(name, &[probe], name)
}
