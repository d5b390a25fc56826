//! One module per command; each returns its output and leaves exit codes to main.

pub mod tasks;
