//! Formats shared by ingest and render, below both: the checklist marker (written by
//! the checklist renderer, read back by ingest), dates, and text clean-up.

pub mod dates;
pub mod marker;
pub mod os_error;
pub mod text;
