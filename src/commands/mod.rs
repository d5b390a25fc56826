//! One module per command; each returns its output and leaves exit codes to main.

pub mod check;
pub mod checklists;
pub mod run;
pub mod tasks;
