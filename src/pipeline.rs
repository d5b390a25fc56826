//! The stages wired together: plan → ingest → merge → ledger.

use std::path::Path;

use chrono::Datelike;

use crate::ingest::{ingest_dir, IngestOptions};
use crate::ledger::Ledger;
use crate::merge::merge;
use crate::plan::Plan;

/// Read every return under `returns` and merge it against the plan.
pub fn build_ledger(plan: &Plan, returns: &Path) -> Ledger {
    let opts = IngestOptions {
        units: &plan.units,
        limits: &plan.meta.limits,
        default_year: plan.meta.as_of.year(),
        plan_id: &plan.meta.plan_id,
    };
    let ingested = if returns.is_dir() {
        ingest_dir(returns, &opts)
    } else {
        Default::default()
    };
    merge(plan, ingested)
}
