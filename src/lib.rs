//! rectify: plan + unit returns → ingest → merge → ledger → documents.
//!
//! Data flows one way through the stages, one folder each:
//! `plan` (the canonical task table and unit directory), `ingest` (files → rows with
//! provenance), `merge` (rows → the ledger), `ledger` (the one model every renderer reads),
//! `render` (ledger → files in output/).

pub mod cli;
pub mod commands;
pub mod ingest;
pub mod ledger;
pub mod merge;
pub mod pipeline;
pub mod plan;
pub mod problems;
pub mod progress;
pub mod render;
pub mod status;
pub mod text;

/// A date as Chinese documents write it: 2020年9月30日, no zero padding.
pub fn render_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}
