//! The scale benchmark: `cargo bench --bench scale [-- N ...]` (default N = 50 500 5000;
//! `SCALE_PEER_ONLY=1` for the peer table alone).
//!
//! For each N it writes N synthetic returns (our filled-in checklist with the unit's own
//! tasks, the standard layout, a free layout with a two-row header, GBK CSV and .xls
//! copies; 10–60 rows each in the free layouts), then times the whole
//! `rectify run` (ingest, merge, report, workbook, checklists) as a separate process,
//! and its peak RSS; and the I/O floor: inflating the same files' sheet XML and shared
//! strings (as `unzip -p` would) and reading the CSVs, in one thread. Results go to
//! stdout as a Markdown table (docs/performance.md keeps the measured one).
//!
//! Side by side with the Python peer: with `RECTIFY_PEER` naming `peer_fast.py` (its
//! `make_returns.py` beside it) and `RECTIFY_PEER_PYTHON` a Python with openpyxl,
//! python-docx and XlsxWriter (default `python3`), a second table times the peer and
//! `rectify run` on the same corpus (the peer's `make_returns.py N`), medians of 3, with
//! the ratio per N. Without them (or when the peer cannot run) that table is skipped
//! with a note. The repository never depends on the peer.

// The binary's allocator, so "ingest only" matches what `rectify run` does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use rust_xlsxwriter::{Format, Workbook};

const TITLE: &str = "永川区水污染防治整改进展情况表";
const STATUS: [&str; 8] = [
    "已完成",
    "正在推进",
    "长期坚持",
    "未启动",
    "已办结",
    "推进中",
    "持续推进",
    "基本完成",
];

/// A tiny deterministic generator (xorshift), so every run writes the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Plan {
    /// The ledger of the plan with no returns: what a checklist is made from.
    ledger: rectify::model::Ledger,
    units: Vec<String>,
    /// (id, category, measure, deadline)
    tasks: Vec<(u32, String, String, String)>,
}

fn load_plan() -> Plan {
    let plan = rectify::plan::load_plan(&repo().join("input")).expect("plan loads");
    Plan {
        ledger: rectify::build_ledger(&plan, Path::new("/nonexistent")),
        units: plan
            .expected_units()
            .into_iter()
            .map(String::from)
            .collect(),
        tasks: plan
            .tasks
            .iter()
            .map(|t| {
                (
                    t.id,
                    t.category.clone(),
                    t.measure.clone(),
                    t.deadline.text.clone(),
                )
            })
            .collect(),
    }
}

fn progress_text(rng: &mut Rng, measure: &str) -> String {
    let head: String = measure.chars().take(12).collect();
    let n = 40 + rng.below(200) as usize;
    let filler = "已召开专题会议研究部署，明确责任分工和时间节点，组织开展现场排查，建立问题清单和整改台账，";
    let mut s = format!("围绕“{head}”，");
    while s.chars().count() < n {
        s.push_str(filler);
    }
    s.chars().take(n).collect::<String>() + "。"
}

/// Rows of one return: (id, category, measure, deadline, progress, status, done day).
type Row = (
    u32,
    String,
    String,
    String,
    String,
    &'static str,
    Option<u32>,
);

fn rows_for(rng: &mut Rng, plan: &Plan) -> Vec<Row> {
    let count = 10 + rng.below(51) as usize;
    let mut ids: Vec<usize> = (0..plan.tasks.len()).collect();
    for i in (1..ids.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        ids.swap(i, j);
    }
    let mut ids: Vec<usize> = ids.into_iter().take(count.min(plan.tasks.len())).collect();
    ids.sort();
    ids.into_iter()
        .map(|i| {
            let (id, cat, measure, deadline) = plan.tasks[i].clone();
            let status = STATUS[rng.below(STATUS.len() as u64) as usize];
            let done = (status == "已完成").then(|| 1 + rng.below(28) as u32);
            let progress = progress_text(rng, &measure);
            (id, cat, measure, deadline, progress, status, done)
        })
        .collect()
}

fn write_standard(path: &Path, unit: &str, filed_day: u32, rows: &[Row]) {
    let mut wb = Workbook::new();
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2020, 12, 1).unwrap()),
    );
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    ws.merge_range(0, 0, 0, 7, TITLE, &Format::new()).unwrap();
    ws.merge_range(
        1,
        0,
        1,
        7,
        &format!("填报单位：{unit}（盖章）    填报日期：2020年12月{filed_day}日"),
        &Format::new(),
    )
    .unwrap();
    let header = [
        "序号",
        "重点任务",
        "具体举措",
        "完成时限",
        "整改进展情况",
        "完成状态",
        "完成时间",
        "备注",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (i, (id, cat, measure, deadline, progress, status, done)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_number(r, 0, *id as f64).unwrap();
        ws.write_string(r, 1, cat).unwrap();
        ws.write_string(r, 2, measure).unwrap();
        ws.write_string(r, 3, deadline).unwrap();
        ws.write_string(r, 4, progress).unwrap();
        ws.write_string(r, 5, *status).unwrap();
        if let Some(d) = done {
            let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(2020, 11, *d as u8).unwrap();
            ws.write_datetime_with_format(r, 6, &dt, &date).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn write_two_row_header(path: &Path, unit: &str, filed_day: u32, rows: &[Row]) {
    let mut wb = Workbook::new();
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2020, 12, 1).unwrap()),
    );
    let ws = wb.add_worksheet();
    ws.set_name("整改进展").unwrap();
    ws.write_string(0, 0, format!("{unit}整改落实情况表"))
        .unwrap();
    ws.write_string(1, 0, "填报单位：").unwrap();
    ws.write_string(1, 1, unit).unwrap();
    ws.write_string(1, 3, "填报日期：").unwrap();
    ws.write_string(1, 4, format!("2020.12.{filed_day}"))
        .unwrap();
    for (c, h) in ["序号", "具体举措", "完成时限"].iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_string(2, 3, "整改落实情况").unwrap();
    for (c, h) in ["整改进展情况", "完成状态", "完成时间"].iter().enumerate() {
        ws.write_string(3, 3 + c as u16, *h).unwrap();
    }
    for (i, (id, _, measure, deadline, progress, status, done)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        ws.write_string(r, 0, format!("{id}")).unwrap();
        ws.write_string(r, 1, measure).unwrap();
        ws.write_string(r, 2, deadline).unwrap();
        ws.write_string(r, 3, progress).unwrap();
        ws.write_string(r, 4, *status).unwrap();
        if let Some(d) = done {
            ws.write_string(r, 5, format!("2020/11/{d}")).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn write_csv(path: &Path, unit: &str, filed_day: u32, rows: &[Row]) {
    let mut text = format!(
        "{TITLE},,,,,,\r\n填报单位：{unit}（盖章）    填报日期：2020年12月{filed_day}日,,,,,,\r\n"
    );
    text.push_str("序号,重点任务,具体举措,完成时限,整改进展情况,完成状态,完成时间\r\n");
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    for (id, cat, measure, deadline, progress, status, done) in rows {
        let done = done.map(|d| format!("2020/11/{d}")).unwrap_or_default();
        text.push_str(&format!(
            "{id},{},{},{},{},{status},{done}\r\n",
            q(cat),
            q(measure),
            q(deadline),
            q(progress)
        ));
    }
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(path, &bytes).unwrap();
}

/// Write N returns into `dir`; returns the number of data rows.
fn make_returns(n: usize, dir: &Path, plan: &Plan) -> usize {
    std::fs::create_dir_all(dir).unwrap();
    let xls = std::fs::read(repo().join("tests/fixtures/xls/standard.xls")).unwrap();
    let mut rows_total = 0;
    for i in 0..n {
        let mut rng =
            Rng(0x9E37_79B9_7F4A_7C15 ^ (i as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
        let unit = &plan.units[i % plan.units.len()];
        let round = i / plan.units.len() + 1;
        let filed_day = 1 + (round as u32 - 1) % 9;
        let stem = if round == 1 {
            unit.clone()
        } else {
            format!("{unit}-第{round}轮")
        };
        match i % 10 {
            0 => {
                // An .xls return (the fixture: 3 rows of 区水利局).
                std::fs::write(dir.join(format!("{stem}.xls")), &xls).unwrap();
                rows_total += 3;
            }
            1 => {
                let rows = rows_for(&mut rng, plan);
                rows_total += rows.len();
                write_csv(&dir.join(format!("{stem}.csv")), unit, filed_day, &rows);
            }
            2 | 3 => {
                let rows = rows_for(&mut rng, plan);
                rows_total += rows.len();
                write_two_row_header(&dir.join(format!("{stem}.xlsx")), unit, filed_day, &rows);
            }
            4..=6 => {
                // Our own checklist, filled in: the unit's own tasks.
                let entry = plan.ledger.units.iter().find(|u| &u.name == unit).unwrap();
                let mut filled = rectify::Filled {
                    filed_on: chrono::NaiveDate::from_ymd_opt(2020, 12, filed_day),
                    person: "张三".into(),
                    phone: "49580000".into(),
                    ..Default::default()
                };
                for &id in &entry.expected {
                    let measure = &plan.tasks.iter().find(|t| t.0 == id).unwrap().2;
                    let status = STATUS[rng.below(4) as usize];
                    filled.rows.insert(
                        id,
                        rectify::FilledRow {
                            progress: progress_text(&mut rng, measure),
                            status: status.into(),
                            completed_on: (status == "已完成")
                                .then(|| {
                                    chrono::NaiveDate::from_ymd_opt(
                                        2020,
                                        11,
                                        1 + rng.below(28) as u32,
                                    )
                                })
                                .flatten(),
                            ..Default::default()
                        },
                    );
                }
                rows_total += filled.rows.len();
                let bytes = rectify::filled_checklist_bytes(&plan.ledger, entry, &filled).unwrap();
                std::fs::write(dir.join(format!("{stem}.xlsx")), bytes).unwrap();
            }
            _ => {
                let rows = rows_for(&mut rng, plan);
                rows_total += rows.len();
                write_standard(&dir.join(format!("{stem}.xlsx")), unit, filed_day, &rows);
            }
        }
    }
    rows_total
}

/// Each file of a returns folder with its lower-case extension.
fn each_return(dir: &Path, mut f: impl FnMut(&Path, &str)) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        f(&path, &ext);
    }
}

/// Inflate every xlsx's sheet XML and shared strings and read every CSV, in one thread.
fn floor(dir: &Path) -> f64 {
    let start = Instant::now();
    let mut sink = vec![0u8; 1 << 16];
    each_return(dir, |path, ext| {
        if ext == "csv" || ext == "xls" {
            let _ = std::fs::read(path).unwrap();
        } else if ext == "xlsx" {
            let f = std::fs::File::open(path).unwrap();
            let mut z = zip::ZipArchive::new(f).unwrap();
            for i in 0..z.len() {
                let mut e = z.by_index(i).unwrap();
                let name = e.name().map(|n| n.to_string()).unwrap_or_default();
                if name.starts_with("xl/worksheets/") || name == "xl/sharedStrings.xml" {
                    while e.read(&mut sink).unwrap() > 0 {}
                }
            }
        }
    });
    start.elapsed().as_secs_f64()
}

/// The floor as the example and `../shared/perf/floor.sh` take it: `unzip -p`
/// of every xlsx's sheet XML and shared strings to /dev/null (one process per file),
/// and reading every CSV/xls. `None` without `unzip`.
fn unzip_floor(dir: &Path) -> Option<f64> {
    Command::new("unzip").arg("-v").output().ok()?;
    let start = Instant::now();
    each_return(dir, |path, ext| {
        if ext == "csv" || ext == "xls" {
            let _ = std::fs::read(path).unwrap();
        } else if ext == "xlsx" {
            // Exit 11 (a pattern matched nothing) is fine.
            let _ = Command::new("unzip")
                .arg("-p")
                .arg(path)
                .args(["xl/worksheets/*.xml", "xl/sharedStrings.xml"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status();
        }
    });
    Some(start.elapsed().as_secs_f64())
}

/// Run `rectify run` as a child process; (seconds, peak RSS of that child in MiB).
fn time_run(bin: &Path, input: &Path, out: &Path) -> (f64, f64) {
    let mut cmd = Command::new(bin);
    cmd.args(["run", "--input"])
        .arg(input)
        .arg("--output")
        .arg(out);
    time_child(cmd)
}

/// Run a child process to the end; (seconds, its peak RSS in MiB). Panics if it fails.
fn time_child(mut cmd: Command) -> (f64, f64) {
    let start = Instant::now();
    #[allow(clippy::zombie_processes)] // reaped by wait4 below
    let child = cmd.stdout(std::process::Stdio::null()).spawn().unwrap();
    let mut status = 0;
    // SAFETY: wait4 on our own child with valid pointers; it reaps the child and
    // fills its resource usage (ru_maxrss in KiB on Linux).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let secs = start.elapsed().as_secs_f64();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    (secs, usage.ru_maxrss as f64 / 1024.0)
}

/// A copy of an input folder (hard links where possible) without its last return in
/// name order.
fn copy_input_but_last(input: &Path, to: &Path) {
    std::fs::create_dir_all(to.join("returns")).unwrap();
    for f in ["plan.toml", "units.toml", "tasks.csv"] {
        std::fs::copy(input.join(f), to.join(f)).unwrap();
    }
    let mut returns: Vec<PathBuf> = std::fs::read_dir(input.join("returns"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    returns.sort();
    returns.pop();
    for r in returns {
        let dest = to.join("returns").join(r.file_name().unwrap());
        if std::fs::hard_link(&r, &dest).is_err() {
            std::fs::copy(&r, &dest).unwrap();
        }
    }
}

/// Median of 3 (seconds, peak RSS), by time.
fn median3(mut f: impl FnMut(usize) -> (f64, f64)) -> (f64, f64) {
    let mut runs: Vec<(f64, f64)> = (1..=3).map(&mut f).collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    runs[1]
}

/// The Python peer (`RECTIFY_PEER` = peer_fast.py, `RECTIFY_PEER_PYTHON`), when it
/// can run here: (python, peer_fast.py, make_returns.py).
fn peer() -> Result<(PathBuf, PathBuf, PathBuf), String> {
    let script = PathBuf::from(
        std::env::var_os("RECTIFY_PEER")
            .ok_or("RECTIFY_PEER is not set (the path of peer_fast.py)")?,
    );
    let python = std::env::var_os("RECTIFY_PEER_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3"));
    let make = script.with_file_name("make_returns.py");
    if !script.is_file() || !make.is_file() {
        return Err(format!(
            "{} or make_returns.py beside it is missing",
            script.display()
        ));
    }
    let ok = Command::new(&python)
        .args(["-c", "import openpyxl, docx, xlsxwriter"])
        .stderr(std::process::Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        return Err(format!(
            "{} cannot import openpyxl, docx and xlsxwriter",
            python.display()
        ));
    }
    Ok((python, script, make))
}

/// The peer table: the peer's corpus of N returns, timed under peer_fast.py and under
/// `rectify run` (one warm-up each, then medians of 3), the ratio per N. rectify is
/// timed three ways: a first run into an empty folder; a rerun into the same folder with
/// the same returns (its documents reused, `render/reuse.rs`); and a rerun after one more
/// return arrived (the folder holding the run without it).
fn peer_table(bin: &Path, sizes: &[usize]) {
    let (python, script, make) = match peer() {
        Ok(p) => p,
        Err(why) => {
            println!("\nPeer comparison skipped: {why}.");
            return;
        }
    };
    println!(
        "\nSide by side with {} on its own corpus (make_returns.py N), medians of 3:\n",
        script.display()
    );
    println!("| N | rows | peer_fast.py | peer peak RSS | rectify run, empty folder | rectify peak RSS | peer ÷ rectify | rerun, same returns | peer ÷ rerun | rerun, one more return | peer ÷ that |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for &n in sizes {
        let work = tempfile::tempdir().unwrap();
        let input = work.path().join("input");
        for f in ["plan.toml", "units.toml", "tasks.csv"] {
            std::fs::create_dir_all(&input).unwrap();
            std::fs::copy(repo().join("input").join(f), input.join(f)).unwrap();
        }
        let returns = input.join("returns");
        let status = Command::new(&python)
            .arg(&make)
            .arg(n.to_string())
            .arg(&returns)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "make_returns.py failed");
        // The truth file is not a return.
        let truth = returns.join("manifest.json");
        let rows = std::fs::read_to_string(&truth)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| {
                v.get("files")?.as_array().map(|fs| {
                    fs.iter()
                        .filter_map(|f| f.get("rows")?.as_u64())
                        .sum::<u64>()
                })
            })
            .unwrap_or(0);
        let _ = std::fs::remove_file(&truth);
        let peer_run = |k: usize| {
            let mut cmd = Command::new(&python);
            cmd.arg(&script)
                .arg(&returns)
                .arg(work.path().join(format!("peer{k}")));
            time_child(cmd)
        };
        let _ = peer_run(0);
        let (peer_s, peer_rss) = median3(peer_run);
        let _ = time_run(bin, &input, &work.path().join("out0"));
        let (secs, rss) = median3(|k| time_run(bin, &input, &work.path().join(format!("out{k}"))));
        // The same folder again, nothing changed.
        let (again, _) = median3(|_| time_run(bin, &input, &work.path().join("out1")));
        // One more return: the folder holds the run without the last file.
        let fewer = work.path().join("fewer");
        copy_input_but_last(&input, &fewer);
        let (one_more, _) = median3(|k| {
            let out = work.path().join(format!("more{k}"));
            let _ = time_run(bin, &fewer, &out);
            time_run(bin, &input, &out)
        });
        println!(
            "| {n} | {rows} | {peer_s:.2} s | {peer_rss:.0} MiB | {secs:.2} s | {rss:.0} MiB | **{:.1}×** | {again:.2} s | **{:.1}×** | {one_more:.2} s | **{:.1}×** |",
            peer_s / secs,
            peer_s / again,
            peer_s / one_more
        );
    }
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if args.is_empty() {
        vec![50, 500, 5000]
    } else {
        args
    };
    let status = Command::new("cargo")
        .args(["build", "--release", "--quiet", "--bin", "rectify"])
        .current_dir(repo())
        .status()
        .unwrap();
    assert!(status.success());
    let bin = repo().join("target/release/rectify");
    // The target first: side by side with the peer, on its corpus.
    peer_table(&bin, &sizes);
    if std::env::var_os("SCALE_PEER_ONLY").is_some() {
        return;
    }
    println!("\nOn the bench's own corpus (mixed layouts, GBK CSV, .xls):\n");
    let plan = load_plan();
    let full_plan = rectify::plan::load_plan(&repo().join("input")).expect("plan loads");
    println!("| N files | rows | rectify run | files/s | rows/s | peak RSS | ingest only | ingest, 1 thread | floor (1 thread) | run ÷ floor | ingest ÷ floor | ingest 1 thread ÷ floor | `unzip -p` floor | ingest ÷ `unzip -p` floor |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in sizes {
        let work = tempfile::tempdir().unwrap();
        // SCALE_KEEP=DIR keeps each corpus as DIR/N (input folder with returns/), for
        // profiling.
        let input = match std::env::var_os("SCALE_KEEP") {
            Some(dir) => {
                let d = PathBuf::from(dir).join(n.to_string());
                let _ = std::fs::remove_dir_all(&d);
                d
            }
            None => work.path().join("input"),
        };
        for f in ["plan.toml", "units.toml", "tasks.csv"] {
            std::fs::create_dir_all(&input).unwrap();
            std::fs::copy(repo().join("input").join(f), input.join(f)).unwrap();
        }
        let returns = input.join("returns");
        let rows = make_returns(n, &returns, &plan);
        let floor_s = {
            let mut f: Vec<f64> = (0..3).map(|_| floor(&returns)).collect();
            f.sort_by(f64::total_cmp);
            f[1]
        };
        let unzip_s = unzip_floor(&returns);
        // Ingest alone, in this process, median of 3: on all threads, and on one (to
        // compare per core with the one-thread floor).
        let opts = rectify::IngestOptions::for_plan(&full_plan);
        let ingest = || {
            let mut t: Vec<f64> = (0..3)
                .map(|_| {
                    let start = Instant::now();
                    let out = rectify::ingest_dir(&returns, &opts);
                    assert!(!out.records.is_empty());
                    start.elapsed().as_secs_f64()
                })
                .collect();
            t.sort_by(f64::total_cmp);
            t[1]
        };
        let ingest_s = ingest();
        let ingest_1_s = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(ingest);
        // Warm the page cache once, then measure the median of 3 runs.
        let _ = time_run(&bin, &input, &work.path().join("out0"));
        let mut runs: Vec<(f64, f64)> = (1..=3)
            .map(|k| time_run(&bin, &input, &work.path().join(format!("out{k}"))))
            .collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (secs, rss) = runs[1];
        println!(
            "| {n} | {rows} | {secs:.2} s | {:.0} | {:.0} | {rss:.0} MiB | {ingest_s:.2} s | {ingest_1_s:.2} s | {floor_s:.3} s | {:.1}× | {:.1}× | {:.1}× | {} | {} |",
            n as f64 / secs,
            rows as f64 / secs,
            secs / floor_s,
            ingest_s / floor_s,
            ingest_1_s / floor_s,
            unzip_s.map_or("n/a".to_string(), |u| format!("{u:.2} s")),
            unzip_s.map_or("n/a".to_string(), |u| format!("{:.2}×", ingest_s / u)),
        );
    }
}
