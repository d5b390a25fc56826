//! The ledger as output/ledger.json (docs/ledger.md), streamed to its staged file: at
//! city scale it is tens of MB that need not sit in memory. In `run`, also this round's
//! record (`rounds/<date>.json`, `Job::round`), a copy of it.

use crate::render::error::RenderError;
use crate::render::files::LEDGER_JSON;
use crate::render::output::{Job, Rendered};

/// The output: ledger.json.
pub fn render(job: &Job) -> Result<Vec<Rendered>, RenderError> {
    let file = Rendered::stream_hashed(job, LEDGER_JSON, |w| job.ledger.write_json(w))
        .map_err(RenderError::write(job.out_dir.join(LEDGER_JSON)))?;
    // The round kept for the next run's comparison is the same JSON.
    let round = match job.round {
        Some(path) => Rendered::record_copy(job, path, &file)
            .map_err(RenderError::write(job.out_dir.join(path)))?,
        None => None,
    };
    Ok(std::iter::once(file).chain(round).collect())
}
