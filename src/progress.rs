//! The progress bar on stderr: shown only when stderr is a terminal and the run has
//! enough files to take a while; silent otherwise (pipes, CI, tests).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::ingest::Progress;

/// Below this many files a run takes well under a second: no bar.
const MIN_FILES_FOR_BAR: usize = 200;

pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    /// A bar that draws on stderr only if it is a terminal.
    pub fn for_stderr() -> Bar {
        let bar = ProgressBar::hidden();
        Bar { bar }
    }
}

impl Progress for Bar {
    fn start(&self, files: usize) {
        if files < MIN_FILES_FOR_BAR || !std::io::stderr().is_terminal() {
            return;
        }
        self.bar.set_length(files as u64);
        self.bar.set_style(
            ProgressStyle::with_template("读取报送表 {bar:40} {pos}/{len} 个文件 {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        self.bar.set_draw_target(ProgressDrawTarget::stderr());
    }

    fn file_done(&self) {
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
