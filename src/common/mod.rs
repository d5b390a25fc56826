//! Formats shared by ingest and render, below both: the checklist marker (written by
//! the checklist renderer, read back by ingest), dates, text clean-up, and disk hints.

pub mod dates;
pub mod disk;
pub mod marker;
pub mod os_error;
pub mod text;
