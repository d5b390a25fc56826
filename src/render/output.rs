//! The one shape of an output, and the one writer.
//!
//! An [`Output`] is a name and a function from a [`Job`] (the ledger, the templates,
//! the output folder, the dates on notices) to the files it makes, each a [`Rendered`]:
//! a path relative to the output folder and either bytes in memory or, for a large
//! output (ledger.json, the workbook), a file already streamed to a staged name in the
//! output folder. [`write_all`] stages what is still in memory, then renames every file
//! into place, in order.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use crate::model::Ledger;
use crate::render::error::RenderError;
use crate::render::templates::Templates;
use crate::render::write::Staged;

/// What every output renders from.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    pub ledger: &'a Ledger,
    pub templates: &'a Templates,
    /// Where the files go; a streamed output stages its file here.
    pub out_dir: &'a Path,
    /// The date on the checklist notices (`--date`; else the plan's notice date).
    pub notice_date: NaiveDate,
    /// The date on the reminders (`--date`; else the ledger's as-of date).
    pub reminder_date: NaiveDate,
}

impl<'a> Job<'a> {
    /// A job with the default dates.
    pub fn new(ledger: &'a Ledger, templates: &'a Templates, out_dir: &'a Path) -> Job<'a> {
        Job {
            ledger,
            templates,
            out_dir,
            notice_date: ledger.plan.notice_date,
            reminder_date: ledger.as_of,
        }
    }
}

/// One output: what it is called (commands select outputs by it) and how it renders.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub name: &'static str,
    pub render: fn(&Job) -> Result<Vec<Rendered>, RenderError>,
}

/// A file an output made: its path relative to the output folder, and its content.
#[derive(Debug)]
pub struct Rendered {
    path: String,
    body: Body,
}

#[derive(Debug)]
enum Body {
    Bytes(Vec<u8>),
    Staged(Staged),
}

impl Rendered {
    /// A file held in memory.
    pub fn bytes(path: impl Into<String>, bytes: Vec<u8>) -> Rendered {
        Rendered {
            path: path.into(),
            body: Body::Bytes(bytes),
        }
    }

    /// A file streamed to a staged name beside `path` in the job's output folder now
    /// (it need not sit in memory), renamed into place by the writer.
    pub fn stream<E: From<std::io::Error>>(
        job: &Job,
        path: &str,
        fill: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<(), E>,
    ) -> Result<Rendered, E> {
        let staged = Staged::write(&job.out_dir.join(path), fill)?;
        Ok(Rendered {
            path: path.to_string(),
            body: Body::Staged(staged),
        })
    }

    /// The path relative to the output folder.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The content, when it is held in memory.
    pub fn content(&self) -> Option<&[u8]> {
        match &self.body {
            Body::Bytes(b) => Some(b),
            Body::Staged(_) => None,
        }
    }
}

/// Write `files` into `out_dir`: every file held in memory to a staged name first, then
/// every file renamed into place, in order. Returns their paths. A failure before the
/// renames leaves the folder as it was (the staged files are removed).
pub fn write_all(out_dir: &Path, files: Vec<Rendered>) -> Result<Vec<String>, RenderError> {
    let mut staged = Vec::with_capacity(files.len());
    for f in files {
        let file = match f.body {
            Body::Staged(s) => s,
            Body::Bytes(bytes) => {
                let path = out_dir.join(&f.path);
                Staged::write(&path, |w| w.write_all(&bytes)).map_err(RenderError::write(&path))?
            }
        };
        staged.push((f.path, file));
    }
    let mut written = Vec::with_capacity(staged.len());
    for (name, file) in staged {
        let path = file.path().to_path_buf();
        file.commit().map_err(RenderError::write(path))?;
        written.push(name);
    }
    Ok(written)
}
