//! The options of one ingest run: the plan's units, limits, year and id, and the cache
//! of parsed returns.

use crate::ingest::cache::ReturnsCache;
use crate::ingest::grid::Limits;
use crate::plan::UnitDirectory;

/// Options for one ingest run.
pub struct IngestOptions<'a> {
    pub units: &'a UnitDirectory,
    pub limits: &'a Limits,
    pub default_year: i32,
    /// The plan's id: a checklist marker with another id is not trusted.
    pub plan_id: &'a str,
    /// Parsed returns of earlier runs (`cache.rs`); `None`: every file is parsed.
    pub cache: Option<&'a ReturnsCache>,
}

impl<'a> IngestOptions<'a> {
    /// The options a plan implies: its units, its limits, the year of its as-of date.
    pub fn for_plan(plan: &'a crate::plan::Plan) -> IngestOptions<'a> {
        IngestOptions {
            units: &plan.units,
            limits: &plan.meta.limits,
            default_year: chrono::Datelike::year(&plan.meta.as_of),
            plan_id: &plan.meta.plan_id,
            cache: None,
        }
    }
}
