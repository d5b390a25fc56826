//! The stages wired together: plan → ingest → merge → ledger.

use std::path::Path;

use crate::ingest::{ingest_dir_with_progress, IngestOptions, Progress, Silent};
use crate::merge::merge;
use crate::model::Ledger;
use crate::plan::Plan;

/// Read every return under `returns` and merge it against the plan.
pub fn build_ledger(plan: &Plan, returns: &Path) -> Ledger {
    build_ledger_with_progress(plan, returns, &Silent)
}

/// [`build_ledger`], telling `progress` as files are read.
pub fn build_ledger_with_progress(plan: &Plan, returns: &Path, progress: &dyn Progress) -> Ledger {
    let opts = IngestOptions::for_plan(plan);
    let ingested = if returns.is_dir() {
        ingest_dir_with_progress(returns, &opts, progress)
    } else {
        Default::default()
    };
    merge(plan, ingested)
}
