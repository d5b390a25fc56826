//! CPU time of writing Word documents (docx-rs build + the finishing pass), a profiling
//! aid: `cargo run --release --example docx_timings -- [INPUT_DIR] [NOTICES] [REPORTS]`
//! (defaults: the shipped demo `input`, 200 notices, 20 reports). Renders the notices
//! of the plan's units in turn and the report, one thread, and prints the thread CPU
//! time per document kind and a hash of all the bytes (equal before and after a
//! change that must keep the output byte-identical).
use std::hash::{Hash, Hasher};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// CPU time of the calling thread, in seconds.
fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid clock id and a pointer to a live timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn main() {
    let mut args = std::env::args().skip(1);
    let input = std::path::PathBuf::from(args.next().unwrap_or_else(|| "input".into()));
    let notices: usize = args.next().map_or(200, |a| a.parse().expect("NOTICES"));
    let reports: usize = args.next().map_or(20, |a| a.parse().expect("REPORTS"));
    let plan = rectify::plan::load_plan(&input).expect("plan");
    let opts = rectify::IngestOptions::for_plan(&plan);
    let ing = rectify::ingest_dir(&input.join("returns"), &opts);
    let ledger = rectify::merge(&plan, ing);
    let templates = rectify::Templates::new(None);
    let date = ledger.plan.report_date;
    let mut hash = std::collections::hash_map::DefaultHasher::new();

    // Blocks first (templates), so the timed loop is the docx alone.
    let blocks: Vec<Vec<rectify::Block>> = ledger
        .units
        .iter()
        .cycle()
        .take(notices)
        .map(|u| rectify::notice_blocks(&ledger, u, &templates, date).expect("notice blocks"))
        .collect();
    let t = thread_cpu();
    let mut bytes = 0usize;
    for b in &blocks {
        let docx = rectify::blocks_docx(&ledger, b).expect("notice");
        bytes += docx.len();
        docx.hash(&mut hash);
    }
    let notice_cpu = thread_cpu() - t;

    let t = thread_cpu();
    for _ in 0..reports {
        let docx = rectify::report_docx(&ledger, &templates).expect("report");
        bytes += docx.len();
        docx.hash(&mut hash);
    }
    let report_cpu = thread_cpu() - t;
    println!(
        "notices {notices:>4}: {notice_cpu:.3} CPU-s ({:.2} ms each)",
        notice_cpu * 1e3 / notices.max(1) as f64
    );
    println!(
        "reports {reports:>4}: {report_cpu:.3} CPU-s ({:.2} ms each)",
        report_cpu * 1e3 / reports.max(1) as f64
    );
    println!(
        "total {:.3} CPU-s, {bytes} bytes, hash {:016x}",
        notice_cpu + report_cpu,
        hash.finish()
    );
    if std::env::var_os("DOCX_BREAKDOWN").is_some() {
        breakdown(&ledger, &blocks);
    }
}

/// Where a notice's time goes, measured on finished notices: unzipping one, zipping its
/// parts again (deflate level 6, as the finishing pass), and the whole finishing pass
/// run again on it (inflate, parse, walk, write, deflate).
fn breakdown(ledger: &rectify::model::Ledger, blocks: &[Vec<rectify::Block>]) {
    use std::io::{Read, Write};
    let docs: Vec<Vec<u8>> = blocks
        .iter()
        .map(|b| rectify::blocks_docx(ledger, b).expect("notice"))
        .collect();
    let unzip = |d: &[u8]| -> Vec<(String, Vec<u8>)> {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(d)).unwrap();
        (0..z.len())
            .map(|i| {
                let mut f = z.by_index(i).unwrap();
                let mut b = Vec::new();
                f.read_to_end(&mut b).unwrap();
                (f.name().unwrap().to_string(), b)
            })
            .collect()
    };
    let t = thread_cpu();
    let parts: Vec<_> = docs.iter().map(|d| unzip(d)).collect();
    println!("  unzip (inflate) {:.3} CPU-s", thread_cpu() - t);
    let sizes: Vec<String> = parts[0]
        .iter()
        .map(|(n, b)| format!("{n} {}", b.len()))
        .collect();
    println!("  parts of one notice: {}", sizes.join(", "));
    let t = thread_cpu();
    for p in &parts {
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(6))
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (n, b) in p {
            z.start_file(n.as_str(), opts).unwrap();
            z.write_all(b).unwrap();
        }
        z.finish().unwrap();
    }
    println!("  zip (deflate 6) {:.3} CPU-s", thread_cpu() - t);
    let props = rectify::DocProps::new("t", "c", ledger.plan.report_date);
    let t = thread_cpu();
    for d in &docs {
        rectify::finish_docx(d, &props).unwrap();
    }
    println!("  finish again    {:.3} CPU-s", thread_cpu() - t);
}
