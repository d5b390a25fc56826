//! Ingest: unit returns (spreadsheets in any layout) → rows with provenance.
//! Knows spreadsheets; knows nothing about Word or the report.

pub mod csv_read;
pub mod grid;
pub mod read;
pub mod similarity;
pub mod sniff;
pub mod values;
pub mod vocabulary;
