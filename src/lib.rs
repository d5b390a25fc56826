//! rectify: plan + unit returns → ingest → merge → ledger → documents.
//!
//! Data flows one way through the stages, one folder each:
//! `plan` (the canonical task table and unit directory), `ingest` (files → rows with
//! provenance), `merge` (rows → the ledger), `model` (the ledger: the one model every
//! renderer reads, below every stage), `render` (ledger → files in output/). `common`
//! holds the formats ingest and render share (the checklist marker, dates, text).

pub mod cli;
pub mod commands;
pub mod common;
mod ingest;
pub mod merge;
pub mod model;
pub mod pipeline;
pub mod plan;
pub mod progress;
pub mod render;

// ingest
pub use ingest::{
    classify_status, ingest_bytes, ingest_dir, ingest_file, read_file, sniff, Cell, Format,
    IngestOptions, Ingested, Limits, Merge, ReadErrorKind, ReadOutput, UnitFrom,
};
