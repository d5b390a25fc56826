//! Completions carried from the previous round: a unit that reported a task done last
//! round and sends nothing on it this round has not undone it. Its last report stands,
//! marked (`carried_from`), so the task is not called 倒退 or 逾期 and the unit is not
//! chased for work it finished; a report of its own this round, on any status, stands
//! over it as ever.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::dates::render_date;
use crate::model::{Code, Problem, Severity, UnitReport};

/// Put each of `completions` (task id, last round's report) among `by_key` where the
/// unit has no report on the task this round and the task is in `in_scope`; one info per
/// unit names the tasks.
pub(super) fn carry(
    by_key: &mut BTreeMap<(u32, String), Vec<UnitReport>>,
    completions: Vec<(u32, UnitReport)>,
    in_scope: &BTreeSet<u32>,
    problems: &mut Vec<Problem>,
) {
    // Per unit: the tasks carried, and the day of the round each was first counted in.
    let mut told: BTreeMap<String, (Vec<u32>, BTreeSet<chrono::NaiveDate>)> = BTreeMap::new();
    for (id, report) in completions {
        let key = (id, report.unit.clone());
        if !in_scope.contains(&id) || by_key.contains_key(&key) {
            continue;
        }
        let entry = told.entry(report.unit.clone()).or_default();
        entry.0.push(id);
        entry.1.extend(report.carried_from);
        by_key.insert(key, vec![report]);
    }
    for (unit, (mut ids, rounds)) in told {
        ids.sort_unstable();
        let ids: Vec<String> = ids.iter().map(u32::to_string).collect();
        let rounds: Vec<String> = rounds.into_iter().map(render_date).collect();
        problems.push(Problem::new(
            Severity::Info,
            Code::Carried,
            "",
            format!(
                "{unit}本期未报送第{}项，该单位在{}汇总时已报送完成，本期沿用其已完成的报送内容。如情况有变，请该单位重新报送。",
                ids.join("、"),
                rounds.join("、")
            ),
        ));
    }
}
