//! A document of blocks (the report, a notice, a reminder) as .docx bytes: the one
//! place every docx goes through. The ledger gives what the docx writer is passed (the
//! fonts, the date, the data of every table the blocks place); docx-rs writes the
//! package (`docx::build_docx`); the finishing pass (`finish::finish_docx`) sets it
//! right, with the bureau as author and the report date as the (fixed) creation time.

use crate::model::Ledger;
use crate::render::blocks::{Block, TableKind};
use crate::render::docx::{build_docx, Setup, TableData};
use crate::render::error::RenderError;
use crate::render::finish::{finish_docx, DocProps};
use crate::render::tasks_table::tasks_table;

/// The blocks as a finished .docx; its title (core properties) is the text of its
/// @title lines.
pub fn blocks_docx(ledger: &Ledger, blocks: &[Block]) -> Result<Vec<u8>, RenderError> {
    let setup = Setup {
        fonts: &ledger.plan.fonts,
        date: ledger.plan.report_date,
    };
    let raw = build_docx(blocks, &setup, &tables(ledger, blocks))?;
    let title: String = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Title(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    let props = DocProps::new(title, &ledger.plan.collector_full, ledger.plan.report_date);
    Ok(finish_docx(&raw, &props)?)
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
