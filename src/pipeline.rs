//! The stages wired together: plan → ingest → merge → ledger.

use std::path::Path;

use crate::ingest::{ingest_dir_kept, IngestOptions, Progress, ReturnsCache, Silent};
use crate::merge::{merge_carrying, Scope};
use crate::model::{Ledger, UnitReport};
use crate::plan::Plan;

/// Read every return under `returns` and merge it against the plan.
pub fn build_ledger(plan: &Plan, returns: &Path) -> Ledger {
    build_ledger_with_progress(plan, returns, &Silent)
}

/// [`build_ledger`], telling `progress` as files are read.
pub fn build_ledger_with_progress(plan: &Plan, returns: &Path, progress: &dyn Progress) -> Ledger {
    build_round_with_progress(plan, returns, &Scope::Bureau, progress)
}

/// The ledger of one round: the bureau's, or a lead unit's (`rectify --as`).
pub fn build_round(plan: &Plan, returns: &Path, scope: &Scope) -> Ledger {
    build_round_with_progress(plan, returns, scope, &Silent)
}

/// [`build_round`], telling `progress` as files are read.
pub fn build_round_with_progress(
    plan: &Plan,
    returns: &Path,
    scope: &Scope,
    progress: &dyn Progress,
) -> Ledger {
    build_round_kept(plan, returns, scope, progress, None)
}

/// [`build_round_with_progress`], with the returns parsed by earlier runs into the same
/// output folder read back from `cache` instead of parsed again, and this run's kept
/// there for the next (`ingest/cache.rs`; [`ReturnsCache::open`] it with
/// [`IngestOptions::for_plan`]): the same ledger.
pub fn build_round_kept(
    plan: &Plan,
    returns: &Path,
    scope: &Scope,
    progress: &dyn Progress,
    cache: Option<&ReturnsCache>,
) -> Ledger {
    build_round_carrying(plan, returns, scope, progress, cache, Vec::new())
}

/// [`build_round_kept`], with the completions the previous round counted standing for
/// units that send nothing on those tasks (`merge::merge_carrying`).
pub fn build_round_carrying(
    plan: &Plan,
    returns: &Path,
    scope: &Scope,
    progress: &dyn Progress,
    cache: Option<&ReturnsCache>,
    completions: Vec<(u32, UnitReport)>,
) -> Ledger {
    let opts = IngestOptions {
        cache,
        ..IngestOptions::for_plan(plan)
    };
    let (ingested, writing) = if returns.is_dir() {
        ingest_dir_kept(returns, &opts, progress)
    } else {
        Default::default()
    };
    // The next run's cache is finished while the returns are merged.
    let ledger = merge_carrying(plan, ingested, scope, completions);
    if let Some(w) = writing {
        // A cache that could not be written (even a panic there) is a slower next run.
        let _ = w.join();
    }
    ledger
}
