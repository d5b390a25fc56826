//! Step 1a: a return filed under a place's name (三教) that the directory read as the
//! 镇街 (三教镇), though every task on it is another unit's of that place (三教产业促进
//! 中心): the rows are that unit's, with a warning. Only where the sheet as a whole named
//! the unit (its 填报单位 line, signature, title, sheet or file name), never where our
//! checklist's marker or the row itself did.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::ingest::record::{Record, UnitFrom};
use crate::merge::match_task::TaskMatch;
use crate::model::{Code, FileEntry, Problem, Severity};
use crate::plan::{Plan, Role};

/// A unit read from a sheet of a file, taken for another unit of the same place.
pub(super) struct Moved {
    pub file: String,
    pub from: String,
    pub to: String,
}

/// The task ids of a sheet's rows of one unit, and the rows.
type SheetRows<'r> = (BTreeSet<u32>, Vec<&'r mut Record>);

/// Move the rows of every (file, sheet, unit) whose tasks are all another unit's of
/// the same place, and only that unit's, to it; one warning per sheet moved.
pub(super) fn reassign<'r>(
    plan: &Plan,
    records: impl Iterator<Item = (&'r mut Record, &'r Option<TaskMatch>)>,
    problems: &mut Vec<Problem>,
) -> Vec<Moved> {
    let twinned: HashSet<&str> = plan
        .units
        .units()
        .iter()
        .map(|u| u.name.as_str())
        .filter(|u| !plan.units.same_place(u).is_empty())
        .collect();
    // (file, sheet, unit) → the task ids, and the records to move.
    let mut sheets: BTreeMap<(String, String, String), SheetRows<'r>> = BTreeMap::new();
    for (rec, m) in records {
        let Some(unit) = rec.unit.as_deref().filter(|u| twinned.contains(u)) else {
            continue;
        };
        if !by_the_sheet(rec.unit_from) {
            continue;
        }
        let key = (
            rec.source.file.clone(),
            rec.source.sheet.clone(),
            unit.to_string(),
        );
        let entry = sheets.entry(key).or_default();
        if let Some(TaskMatch::Found { id, .. }) = m {
            entry.0.insert(*id);
        }
        entry.1.push(rec);
    }
    let mut moved = Vec::new();
    for ((file, sheet, unit), (ids, recs)) in sheets {
        let Some(to) = owner_instead(plan, &unit, &ids) else {
            continue;
        };
        for rec in recs {
            rec.unit = Some(to.to_string());
        }
        problems.push(moved_warning(&file, &sheet, &unit, to, &ids));
        moved.push(Moved {
            file,
            from: unit,
            to: to.to_string(),
        });
    }
    moved
}

/// The files' units after [`reassign`]: a file whose unit was moved on a sheet is the
/// new unit's.
pub(super) fn relabel(files: &mut [FileEntry], moved: &[Moved]) {
    for m in moved {
        for f in files
            .iter_mut()
            .filter(|f| f.file == m.file && f.unit.as_deref() == Some(&m.from))
        {
            f.unit = Some(m.to.clone());
        }
    }
}

/// Whether the sheet as a whole named the row's unit (not a marker, not the row).
fn by_the_sheet(from: Option<UnitFrom>) -> bool {
    matches!(
        from,
        Some(
            UnitFrom::FiledCell
                | UnitFrom::Signature
                | UnitFrom::Title
                | UnitFrom::PageHeader
                | UnitFrom::SheetName
                | UnitFrom::FileName
        )
    )
}

/// The one unit of `unit`'s place that has a role on every task of `ids`, when `unit`
/// has a role on none of them.
fn owner_instead<'p>(plan: &'p Plan, unit: &str, ids: &BTreeSet<u32>) -> Option<&'p str> {
    let tasks: Vec<_> = ids.iter().filter_map(|id| plan.task(*id)).collect();
    if tasks.is_empty()
        || tasks
            .iter()
            .any(|t| plan.role_of(t, unit) != Role::Unassigned)
    {
        return None;
    }
    let owners: Vec<&str> = plan
        .units
        .same_place(unit)
        .into_iter()
        .filter(|u| tasks.iter().all(|t| plan.role_of(t, u) != Role::Unassigned))
        .collect();
    match owners[..] {
        [one] => Some(one),
        _ => None,
    }
}

fn moved_warning(file: &str, sheet: &str, from: &str, to: &str, ids: &BTreeSet<u32>) -> Problem {
    let ids = ids
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join("、");
    Problem::new(
        Severity::Warning,
        Code::UnitAmbiguous,
        file,
        format!(
            "此表的单位名称读作{from}，但表中第{ids}项都是{to}的任务，{from}均不承担，已计入{to}。如确为{from}报送，请核实序号后重新报送。"
        ),
    )
    .at(Some(sheet), None)
}
