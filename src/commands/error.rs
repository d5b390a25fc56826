//! The command layer's own error: a command argument the plan cannot answer.

/// A unit named on the command line that is not one unit of the directory.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error("“{0}”是单位组，请指定其中一个单位")]
    Group(String),
    #[error("“{name}”可能是{}，请写明单位全称", .candidates.join("或"))]
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },
    #[error("单位名录中没有“{0}”")]
    UnknownUnit(String),
}
