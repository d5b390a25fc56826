//! The ledger as output/ledger.json (docs/ledger.md), streamed to its staged file: at
//! city scale it is tens of MB that need not sit in memory. In `run`, also this round's
//! record (`rounds/<date>.json`, `Job::round`), a copy of it.

use crate::render::error::RenderError;
use crate::render::files::LEDGER_JSON;
use crate::render::output::{hash_of, Job, Rendered};

/// The output: ledger.json. Its content hash is the ledger's digest, published for the
/// files made from the ledger alone (`output::LedgerKeyed`). When the last run wrote
/// ledger.json, the digest is worked out first, without writing the file: if the file
/// that run left has it (unchanged since), it stays as it is, and the workbook learns
/// early that its own may stand.
pub fn render(job: &Job) -> Result<Vec<Rendered>, RenderError> {
    let path = job.out_dir.join(LEDGER_JSON);
    let rerun = job.reuse.filter(|r| r.last_hash(LEDGER_JSON).is_some());
    let known = match rerun {
        Some(reuse) => {
            let digest =
                hash_of(|w| job.ledger.write_json(w)).map_err(RenderError::write(&path))?;
            publish(job, &digest);
            reuse.holds(LEDGER_JSON, &digest).then_some(digest)
        }
        None => None,
    };
    let file = match known {
        Some(digest) => Rendered::unchanged(LEDGER_JSON, digest),
        None => {
            let file = Rendered::stream_hashed(job, LEDGER_JSON, |w| job.ledger.write_json(w))
                .map_err(RenderError::write(&path))?;
            if let Some(hash) = file.content_hash() {
                publish(job, hash);
            }
            file
        }
    };
    // The round kept for the next run's comparison is the same JSON: copied, unless
    // the file there is known to hold it already (`disk_hashes.rs`).
    let round = match job.round {
        Some(path) if !round_stands(job, path, &file) => Rendered::record_copy(job, path, &file)
            .map_err(RenderError::write(job.out_dir.join(path)))?,
        _ => None,
    };
    Ok(std::iter::once(file).chain(round).collect())
}

/// Whether the round file at `path` holds what `ledger` (this run's ledger.json) holds,
/// by the memo of hashes: not written since the memo was made, with the same hash.
fn round_stands(job: &Job, path: &str, ledger: &Rendered) -> bool {
    let memo = job.reuse.and_then(|r| r.remembered(path));
    memo.is_some() && memo == ledger.content_hash()
}

/// Tell the outputs made from the ledger alone its digest.
fn publish(job: &Job, digest: &str) {
    if let Some(d) = job.digest {
        d.publish(digest);
    }
}
