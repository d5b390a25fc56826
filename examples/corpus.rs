//! The corpus regression runner (issue 18): read every file under a folder alone, as
//! ingest reads a return, and report what became of each: read (sheets, cells),
//! refused (with the reason the user would read), or a panic. Not part of `cargo test`.
//!
//! `cargo run --release --example corpus -- DIR [--tsv OUT.tsv] [--quiet]`
//!
//! Prints the counts (read, refused by reason, panics) and, unless `--quiet`, one line
//! per file that was not read; `--tsv` writes one row per file (path, outcome, kind,
//! sheets, cells, milliseconds, message). docs/corpus.md has the numbers and how the
//! corpora were gathered.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut tsv = None;
    let mut quiet = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--tsv" => tsv = args.next().map(PathBuf::from),
            "--quiet" => quiet = true,
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.expect("usage: corpus DIR [--tsv OUT.tsv] [--quiet]");
    let mut files = Vec::new();
    walk(&dir, &mut files);
    files.sort();
    let limits = rectify::Limits::default();
    let mut rows = Vec::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let (mut read, mut refused, mut panics, mut empty) = (0, 0, 0, 0);
    for path in &files {
        let rel = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .display()
            .to_string();
        let started = Instant::now();
        let result = std::panic::catch_unwind(|| rectify::read_file(path, &limits));
        let ms = started.elapsed().as_millis();
        let (outcome, kind, sheets, cells, message) = match result {
            Err(_) => {
                panics += 1;
                ("panic", "Uncaught".to_string(), 0, 0, String::new())
            }
            Ok(Ok(out)) => {
                let cells: usize = out
                    .grids
                    .iter()
                    .flat_map(|g| g.rows.iter())
                    .flat_map(|r| r.iter())
                    .filter(|c| !c.text().trim().is_empty())
                    .count();
                read += 1;
                if cells == 0 {
                    empty += 1;
                }
                let outcome = if cells == 0 { "read-empty" } else { "read" };
                (
                    outcome,
                    String::new(),
                    out.grids.len(),
                    cells,
                    out.notes.join(" "),
                )
            }
            Ok(Err(e)) => {
                let kind = format!("{:?}", e.kind());
                if kind == "Panic" {
                    panics += 1;
                } else {
                    refused += 1;
                }
                // A caught panic: its message (kept for developers) instead.
                let message = if kind == "Panic" {
                    format!("{e:?}")
                } else {
                    e.to_string()
                };
                *counts
                    .entry(format!("{kind}: {}", reason(&message)))
                    .or_default() += 1;
                ("refused", kind, 0, 0, message)
            }
        };
        if !quiet && outcome != "read" {
            println!("{outcome}\t{kind}\t{rel}\t{}", reason(&message));
        }
        rows.push(format!(
            "{rel}\t{outcome}\t{kind}\t{sheets}\t{cells}\t{ms}\t{}",
            message.replace(['\t', '\n'], " ")
        ));
    }
    println!(
        "\nfiles {}  read {read} (of which no cell: {empty})  refused {refused}  panics {panics}",
        files.len()
    );
    let mut by_count: Vec<_> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (reason, n) in by_count {
        println!("{n:>6}  {reason}");
    }
    if let Some(out) = tsv {
        let mut f = std::fs::File::create(out).expect("tsv");
        writeln!(f, "file\toutcome\tkind\tsheets\tcells\tms\tmessage").unwrap();
        for r in rows {
            writeln!(f, "{r}").unwrap();
        }
    }
}

/// The message up to its first sentence (the reason, without the advice).
fn reason(message: &str) -> String {
    let cut = message.find('。').unwrap_or(message.len());
    message[..cut].to_string()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.is_file() {
            out.push(p);
        }
    }
}
