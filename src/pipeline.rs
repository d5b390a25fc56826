//! The stages wired together: plan → ingest → merge → ledger.

use std::path::Path;

use crate::ingest::{ingest_dir_with_progress, IngestOptions, Progress, Silent};
use crate::merge::{merge_scoped, Scope};
use crate::model::Ledger;
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
    let opts = IngestOptions::for_plan(plan);
    let ingested = if returns.is_dir() {
        ingest_dir_with_progress(returns, &opts, progress)
    } else {
        Default::default()
    };
    merge_scoped(plan, ingested, scope)
}
