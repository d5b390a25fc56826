//! The canonical plan: tasks, deadlines, the unit directory and the plan's metadata.
//! Depends on nothing above it in the pipeline.

pub mod deadline;
pub mod labels;
pub mod load;
pub mod meta;
pub mod short_name;
pub mod task;
mod toml_error;
pub mod units;
mod validated;

pub use deadline::Deadline;
pub use load::{load_plan, task_table_note, PlanError, PlanErrors};
pub use meta::PlanMeta;
pub use task::{Assignment, Role, Task};
pub use units::{NameMatch, UnitDirectory, UnitKind};
pub use validated::Plan;
