//! rectify: plan + unit returns → ingest → merge → ledger → documents.
//!
//! Data flows one way through the stages, one folder each:
//! `plan` (the canonical task table and unit directory), `ingest` (files → rows with
//! provenance), `merge` (rows → the ledger), `model` (the ledger: the one model every
//! renderer reads, below every stage), `render` (ledger → files in output/). `common`
//! holds the formats ingest and render share (the checklist marker, dates, text).
//! docs/architecture.md says where each concept lives.
//!
//! The public surface is the plan and the model (what a ledger is made of), `common`,
//! and the names below that tests, benchmarks, examples and fuzz targets use; every
//! stage's insides are private.

mod cli;
mod commands;
pub mod common;
mod console;
mod error;
mod ingest;
mod merge;
pub mod model;
mod pipeline;
pub mod plan;
mod progress;
mod render;
mod rounds;
mod serve;

// the stages wired together, and merge on its own
pub use merge::{merge, merge_parts, merge_scoped, Scope};
pub use pipeline::{
    build_ledger, build_ledger_with_progress, build_round, build_round_kept,
    build_round_with_progress,
};

// ingest
pub use ingest::{
    classify_status, ingest_bytes, ingest_dir, ingest_file, read_file, sniff, Cell, Format,
    IngestOptions, Ingested, Limits, Merge, Progress, ReadErrorKind, ReadOutput, ReturnsCache,
    Silent, UnitFrom, CACHE_DIR,
};

// rounds
pub use rounds::{attach_previous, round_file, round_path, ROUNDS_DIR};

// commands: what main.rs runs
pub use cli::Cli;
pub use commands::{execute, CommandError};
pub use error::Error;
pub use serve::sanitize_name as sanitize_upload_name;

// render
pub use render::{
    blocks_docx, checklist_bytes, checklist_files, consolidated_bytes, consolidated_file,
    consolidated_title, filled_checklist_bytes, finish_docx, finish_docx_with_stats, form_title,
    notice_blocks, parse_blocks, punctuated, rate_text, reminder_blocks, reminder_file,
    reminder_list_blocks, remove_uncommitted, report_docx, schema_findings, select, workbook_bytes,
    workbook_headers, write_outputs, Block, DocProps, Filled, FilledRow, FinishError, Job, Output,
    RenderError, Rendered, Templates, Written, CHECKLISTS_DIR, HASH_MEMO, LEDGER_JSON, MANIFEST,
    OUTPUTS, REMINDERS_DIR, REMINDER_LIST_DOCX, REPORT_DOCX, SHEET_COMPARE, SHEET_PROBLEMS,
    SHEET_REPORTS, SHEET_SUMMARY, SHEET_TASKS, SHEET_UNITS, SHEET_UNPLACED, WORKBOOK_XLSX,
};
