//! The one model: the ledger every renderer reads, and the types it holds (statuses,
//! problems, provenance). It sits below every stage: ingest, merge and render import it;
//! it imports only the plan's value types.

pub mod ledger;
pub mod problems;
pub mod queries;
pub mod rounds;
pub mod source;
pub mod status;

pub use ledger::*;
pub use problems::{Code, Problem, Severity};
pub use rounds::{Changes, Light, Previous, RoundPoint};
pub use source::{FileEntry, FileOutcome, Skip, SkipReason, Source};
pub use status::{Status, NO_PROGRESS_WRITTEN};
