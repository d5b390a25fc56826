//! Time ingest alone (a profiling aid): CPU seconds (user + sys) and wall seconds of
//! `ingest_dir` on a returns folder, each of `RUNS` runs (default 3), then the medians:
//! `cargo run --release --example ingest_timing -- INPUT_DIR [RUNS]`.
//! CPU time is the number to compare on a shared machine: wall time waits for a core.
use std::time::Instant;

// The same allocator as the binary, so the numbers match `rectify run`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// User + system CPU seconds of this process so far.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage fills the struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let input = std::path::PathBuf::from(args.next().expect("usage: ingest_timing INPUT_DIR"));
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    let plan = rectify::plan::load_plan(&input).expect("plan");
    let opts = rectify::IngestOptions::for_plan(&plan);
    let (mut cpus, mut walls) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let (c, t) = (cpu_seconds(), Instant::now());
        let ing = rectify::ingest_dir(&input.join("returns"), &opts);
        let (wall, cpu) = (t.elapsed().as_secs_f64(), cpu_seconds() - c);
        println!(
            "ingest  cpu {cpu:>7.3} s  wall {wall:>7.3} s  ({} records, {} problems)",
            ing.records.len(),
            ing.problems.len()
        );
        cpus.push(cpu);
        walls.push(wall);
    }
    println!(
        "median  cpu {:>7.3} s  wall {:>7.3} s",
        median(cpus),
        median(walls)
    );
}
