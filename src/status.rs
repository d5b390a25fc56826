//! The canonical progress status of a task, shared by ingest, merge, ledger and renderers.
//!
//! Four statuses are words a unit can report (`REPORTED`); two are derived by the tool:
//! `Unreported` (nobody reported on the task) and `Unclear` (a text was reported but not
//! recognised; the original text is kept elsewhere).

use serde::{Deserialize, Serialize};

/// Progress status of a task (see DOMAIN.md, "Progress statuses").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 已完成: the time-bound part of the task is done (also 已完成并长期坚持).
    Completed,
    /// 长期坚持: a long-term task that is being kept up.
    Ongoing,
    /// 正在推进: work is under way but not finished.
    InProgress,
    /// 未启动: work has not started.
    NotStarted,
    /// 未报送: derived, no unit reported on the task.
    Unreported,
    /// 待核实: derived, the reported text was not recognised.
    Unclear,
}

impl Status {
    /// Every status, in declaration order.
    pub const ALL: [Status; 6] = [
        Status::Completed,
        Status::Ongoing,
        Status::InProgress,
        Status::NotStarted,
        Status::Unreported,
        Status::Unclear,
    ];

    /// The canonical statuses a unit can pick.
    pub const REPORTED: [Status; 4] = [
        Status::Completed,
        Status::Ongoing,
        Status::InProgress,
        Status::NotStarted,
    ];

    /// The Chinese label used in reports and spreadsheets.
    pub fn label(self) -> &'static str {
        match self {
            Status::Completed => "已完成",
            Status::Ongoing => "长期坚持",
            Status::InProgress => "正在推进",
            Status::NotStarted => "未启动",
            Status::Unreported => "未报送",
            Status::Unclear => "待核实",
        }
    }

    /// The machine name, identical to the serde name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Completed => "completed",
            Status::Ongoing => "ongoing",
            Status::InProgress => "in_progress",
            Status::NotStarted => "not_started",
            Status::Unreported => "unreported",
            Status::Unclear => "unclear",
        }
    }

    /// How advanced the status is, for the conservative merge of several reports.
    ///
    /// `Unreported` = 0 and `Unclear` = 1 carry no information about progress and rank
    /// lowest, so any reported word outranks them. Then `NotStarted` = 2 <
    /// `InProgress` = 3 < `Ongoing` = 4 < `Completed` = 5. `Ongoing` sits below
    /// `Completed` because 已完成并长期坚持 counts as completed, while 长期坚持 alone
    /// says the work is being kept up without a finished time-bound part.
    pub fn advancement(self) -> u8 {
        match self {
            Status::Unreported => 0,
            Status::Unclear => 1,
            Status::NotStarted => 2,
            Status::InProgress => 3,
            Status::Ongoing => 4,
            Status::Completed => 5,
        }
    }

    /// The status whose `as_str` or `label` is `s` (exact, after trimming).
    pub fn from_name(s: &str) -> Option<Status> {
        let s = s.trim();
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s || st.label() == s)
    }

    /// True for the statuses a unit can report (`REPORTED`).
    pub fn is_reported(self) -> bool {
        Status::REPORTED.contains(&self)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_names() {
        let expected = [
            (Status::Completed, "已完成", "completed"),
            (Status::Ongoing, "长期坚持", "ongoing"),
            (Status::InProgress, "正在推进", "in_progress"),
            (Status::NotStarted, "未启动", "not_started"),
            (Status::Unreported, "未报送", "unreported"),
            (Status::Unclear, "待核实", "unclear"),
        ];
        for (st, label, name) in expected {
            assert_eq!(st.label(), label);
            assert_eq!(st.as_str(), name);
            assert_eq!(st.to_string(), label);
            assert_eq!(Status::from_name(name), Some(st));
            assert_eq!(Status::from_name(label), Some(st));
        }
        assert_eq!(Status::from_name("done"), None);
    }

    #[test]
    fn serde_names_match_as_str() {
        for st in Status::ALL {
            let json = serde_json::to_string(&st).unwrap();
            assert_eq!(json, format!("\"{}\"", st.as_str()));
            let back: Status = serde_json::from_str(&json).unwrap();
            assert_eq!(back, st);
        }
    }

    #[test]
    fn advancement_order() {
        use Status::*;
        let order = [
            Unreported, Unclear, NotStarted, InProgress, Ongoing, Completed,
        ];
        for w in order.windows(2) {
            assert!(
                w[0].advancement() < w[1].advancement(),
                "{:?} < {:?}",
                w[0],
                w[1]
            );
        }
        let best = [InProgress, Unclear, Completed, NotStarted]
            .into_iter()
            .max_by_key(|s| s.advancement());
        assert_eq!(best, Some(Completed));
    }

    #[test]
    fn reported_set() {
        assert_eq!(Status::REPORTED.len(), 4);
        assert!(Status::Completed.is_reported());
        assert!(!Status::Unclear.is_reported());
        assert!(!Status::Unreported.is_reported());
    }
}
