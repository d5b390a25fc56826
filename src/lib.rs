//! rectify: plan + unit returns → ingest → merge → ledger → documents.
//!
//! Data flows one way through the stages, one folder each:
//! `plan` (the canonical task table and unit directory), `ingest` (files → rows with
//! provenance), `merge` (rows → the ledger), `ledger` (the one model every renderer reads),
//! `render` (ledger → files in output/).

pub mod ingest;
pub mod plan;
pub mod status;
pub mod text;
