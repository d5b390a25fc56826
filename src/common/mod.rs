//! Formats shared by ingest and render, below both: the checklist marker (written by
//! the checklist renderer, read back by ingest), dates, Chinese numerals, text clean-up,
//! disk hints, and
//! the fingerprint of the code.

pub mod dates;
pub mod disk;
pub mod marker;
pub mod numerals;
pub mod os_error;
pub mod text;

/// SHA-256 of the source, the default templates and Cargo.lock (`build.rs`): "the same
/// code". Part of every key of work kept between runs: a reused document
/// (`render/reuse.rs`), a return's parsed result (`ingest/cache.rs`).
pub const FINGERPRINT: &str = env!("RECTIFY_RENDER_FINGERPRINT");

/// The folder, relative to the output folder, of what a run keeps only to make the next
/// one faster (the parsed returns, `ingest/cache.rs`; the output files' hashes,
/// `render/disk_hashes.rs`): safe to delete, then everything is read again.
pub const CACHE_DIR: &str = ".rectify-cache";
