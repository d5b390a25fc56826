//! A document of blocks (the report, a notice, a reminder) as .docx bytes: the one
//! place every docx goes through. The ledger gives what the docx writer is passed (the
//! fonts, the date, the data of every table the blocks place), gathered in a
//! [`DocxInput`]; docx-rs writes the package's parts (`docx::build_docx`); the finishing
//! pass (`finish::finish_parts`) sets them right and zips them, with the bureau as author and the report date
//! as the (fixed) creation time.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::Ledger;
use crate::plan::meta::Fonts;
use crate::render::blocks::{Block, TableKind};
use crate::render::docx::{build_docx, Setup, TableData};
use crate::render::error::RenderError;
use crate::render::finish::{finish_parts, DocProps};
use crate::render::output::{Job, Rendered};
use crate::render::reuse::Key;
use crate::render::tasks_table::tasks_table;

/// Everything a docx is made from: its blocks, the fonts, the date (creation time and
/// the writer's date), the author, and the data of every table the blocks place. The
/// document is built from this alone, so its [`Key`] covers every input.
#[derive(Debug, Serialize)]
pub struct DocxInput<'a> {
    blocks: &'a [Block],
    fonts: &'a Fonts,
    date: NaiveDate,
    author: &'a str,
    tables: Vec<(TableKind, TableData)>,
}

impl<'a> DocxInput<'a> {
    pub fn new(ledger: &'a Ledger, blocks: &'a [Block]) -> DocxInput<'a> {
        DocxInput {
            blocks,
            fonts: &ledger.plan.fonts,
            date: ledger.plan.report_date,
            author: &ledger.plan.collector_full,
            tables: tables(ledger, blocks),
        }
    }

    /// What the document is made from, as a reuse key.
    pub fn key(&self) -> Key {
        Key::of("docx", self)
    }

    /// The blocks as a finished .docx; its title (core properties) is the text of its
    /// @title lines.
    pub fn render(&self) -> Result<Vec<u8>, RenderError> {
        let setup = Setup {
            fonts: self.fonts,
            date: self.date,
        };
        let parts = build_docx(self.blocks, &setup, &self.tables)?;
        let title: String = self
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Title(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        let props = DocProps::new(title, self.author, self.date);
        Ok(finish_parts(parts, &props)?)
    }
}

/// The blocks as a finished .docx ([`DocxInput::render`]).
pub fn blocks_docx(ledger: &Ledger, blocks: &[Block]) -> Result<Vec<u8>, RenderError> {
    DocxInput::new(ledger, blocks).render()
}

/// The blocks as the file at `path` of the job's output folder: the file the last run
/// made from the same input when it is still there unchanged, else rendered.
pub fn docx_file(
    job: &Job,
    path: impl Into<String>,
    blocks: &[Block],
) -> Result<Rendered, RenderError> {
    let input = DocxInput::new(job.ledger, blocks);
    Rendered::document(job, path, input.key(), || input.render())
}

/// The data of every table the blocks place.
fn tables(ledger: &Ledger, blocks: &[Block]) -> Vec<(TableKind, TableData)> {
    let places = |kind| blocks.contains(&Block::Table(kind));
    let mut out = Vec::new();
    if places(TableKind::Tasks) {
        out.push((TableKind::Tasks, tasks_table(ledger)));
    }
    out
}
