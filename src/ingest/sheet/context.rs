//! What a sheet reader knows about its file and the plan.

use super::filing::Cover;
use crate::common::marker::Marker;
use crate::plan::UnitDirectory;

/// What a sheet reader needs to know about its file and the plan.
#[derive(Clone, Copy)]
pub(crate) struct SheetContext<'a> {
    /// Path relative to the returns folder.
    pub file: &'a str,
    /// The file name without extension (a last resort for the unit).
    pub file_stem: &'a str,
    /// For a file inside a bundle (.zip), the bundle's name without extension (the very
    /// last resort for the unit).
    pub bundle_stem: Option<&'a str>,
    pub units: &'a UnitDirectory,
    /// The year a date without one (9月底) belongs to.
    pub default_year: i32,
    /// The file's checklist marker (our own checklist), unit already canonical.
    pub marker: Option<&'a Marker>,
    /// The workbook's cover sheet's unit and date lines ([`cover_of`](super::cover_of)).
    pub cover: Option<&'a Cover>,
    /// The sheet is a written report's sections read as a table (`prose::as_table`): a
    /// warning speaks of its paragraphs, not of a form's columns.
    pub written_report: bool,
}
