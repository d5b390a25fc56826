//! rectify: parse the command line, run one command, map errors to exit codes
//! (0 done, 1 `check --strict` found errors, 2 bad plan, command line or outputs).

use std::process::ExitCode;

use clap::Parser;

use rectify::{execute, Cli, Error};

/// mimalloc: ingest and the renderers make millions of small strings across two
/// threads; it is faster than the system allocator here and hands freed memory back,
/// which keeps peak RSS down at city scale (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Ctrl-C: no temporary file of the run is left behind (no destructor runs then);
    // files already in place keep the last complete run's content or this one's.
    let _ = ctrlc::set_handler(|| {
        if rectify::remove_uncommitted() > 0 {
            eprintln!("\n已中断：未写完的文件已删除，重新运行即可。");
        } else {
            eprintln!("\n已中断。");
        }
        std::process::exit(130);
    });
    match Cli::try_parse().map_err(Error::from).and_then(execute) {
        Ok(code) => code,
        Err(e) => {
            e.print();
            e.exit_code()
        }
    }
}
