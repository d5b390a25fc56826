//! The ledger as output/ledger.json (docs/ledger.md), streamed to its staged file: at
//! city scale it is tens of MB that need not sit in memory.

use crate::render::error::RenderError;
use crate::render::files::LEDGER_JSON;
use crate::render::output::{Job, Rendered};

/// The output: ledger.json.
pub fn render(job: &Job) -> Result<Vec<Rendered>, RenderError> {
    let file = Rendered::stream_hashed(job, LEDGER_JSON, |w| job.ledger.write_json(w))
        .map_err(RenderError::write(job.out_dir.join(LEDGER_JSON)))?;
    Ok(vec![file])
}
