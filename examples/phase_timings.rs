//! Time each stage of `rectify run` on a folder (a profiling aid):
//! `cargo run --release --example phase_timings -- INPUT_DIR`.
use std::time::Instant;

// The same allocator as the binary, so the numbers match `rectify run`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// (current, peak) resident memory of this process in MiB.
fn rss() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    format!("rss {} MiB, peak {} MiB", get("VmRSS:"), get("VmHWM:"))
}

fn main() {
    let input = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: phase_timings INPUT_DIR"),
    );
    let t = Instant::now();
    let plan = rectify::plan::load_plan(&input).expect("plan");
    println!("plan      {:>8.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let opts = rectify::IngestOptions::for_plan(&plan);
    let ing = rectify::ingest_dir(&input.join("returns"), &opts);
    println!(
        "ingest    {:>8.3} s  ({} records; {})",
        t.elapsed().as_secs_f64(),
        ing.records.len(),
        rss()
    );
    let t = Instant::now();
    let ledger = rectify::merge(&plan, ing);
    println!(
        "merge     {:>8.3} s  ({})",
        t.elapsed().as_secs_f64(),
        rss()
    );
    let t = Instant::now();
    let json = ledger.to_json();
    println!(
        "json      {:>8.3} s  ({} bytes)",
        t.elapsed().as_secs_f64(),
        json.len()
    );
    let templates = rectify::Templates::new(None);
    let out = tempfile_dir();
    let job = rectify::Job::new(&ledger, &templates, &out);
    // Each output alone (the streamed ones stage a file, removed when dropped).
    for output in rectify::OUTPUTS {
        let t = Instant::now();
        let files = (output.render)(&job).expect(output.name);
        let bytes: usize = files
            .iter()
            .filter_map(|f| f.content())
            .map(<[u8]>::len)
            .sum();
        println!(
            "{:<10}{:>8.3} s  ({} files, {} bytes in memory; {})",
            output.name,
            t.elapsed().as_secs_f64(),
            files.len(),
            bytes,
            rss()
        );
    }
    let t = Instant::now();
    let all: Vec<_> = rectify::OUTPUTS.iter().collect();
    rectify::write_outputs(&job, &all).expect("run outputs");
    println!(
        "run output{:>8.3} s  (all of the above, as `run` writes them)",
        t.elapsed().as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&out);
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rectify-phase-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
