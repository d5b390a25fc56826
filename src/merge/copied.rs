//! Progress copied from another unit's return: a town building its form from a
//! neighbour's, a whole-table copy reused with the other unit's words left in. The same
//! words from two units on one task, each in a file of its own, neither carrying the
//! other's: kept as each unit's report, the clerk told which looks copied.

use std::collections::BTreeMap;

use crate::model::{Code, Problem, Severity, Status, TaskEntry, UnitReport};
use crate::plan::Role;

/// The shortest progress text compared (已完成。 and the like are said by many).
const MIN_CHARS: usize = 12;

/// One warning per pair of units whose current reports on a task say the same words,
/// when no third unit says them too (a wording the lead handed round is no copy).
pub(super) fn copied_progress(tasks: &[TaskEntry]) -> Vec<Problem> {
    let mut out = Vec::new();
    for t in tasks {
        let mut by_text: BTreeMap<&str, Vec<&UnitReport>> = BTreeMap::new();
        for r in t.current_reports() {
            let text = r.progress.trim();
            if text.chars().count() >= MIN_CHARS {
                by_text.entry(text).or_default().push(r);
            }
        }
        for (text, reports) in by_text {
            let [a, b] = reports[..] else {
                continue;
            };
            // A report on a task its unit has no role in is warned of already and
            // counts for nothing.
            if a.unit == b.unit
                || a.source.file == b.source.file
                || a.via.is_some()
                || b.via.is_some()
                || a.role == Role::Unassigned
                || b.role == Role::Unassigned
                // Nothing to do, in the same words: no copied progress.
                || (a.status == Status::NotApplicable && b.status == Status::NotApplicable)
            {
                continue;
            }
            let (copy, original) = copy_of(a, b, text);
            out.push(
                Problem::new(
                    Severity::Warning,
                    Code::UnitAmbiguous,
                    &copy.source.file,
                    format!(
                        "{}对第{}项报送的进展与{}报送的一字不差（“{}”），可能沿用了{}的表格，已计入{}。请与{}核实。",
                        copy.unit,
                        t.id,
                        original.unit,
                        crate::common::text::excerpt(text, 30),
                        original.unit,
                        copy.unit,
                        copy.unit
                    ),
                )
                .at(Some(&copy.source.sheet), Some(copy.source.row)),
            );
        }
    }
    out
}

/// Of two reports saying the same words, the one that looks copied and the original:
/// the one whose words name the other unit is the original (何埂镇综合执法大队…); else
/// the unit of the lesser role on the task copied; else the later in order.
fn copy_of<'r>(
    a: &'r UnitReport,
    b: &'r UnitReport,
    text: &str,
) -> (&'r UnitReport, &'r UnitReport) {
    let names = |r: &UnitReport| text.contains(r.unit.as_str());
    let rank = |r: &UnitReport| match r.role {
        Role::Lead => 0,
        Role::Responsible => 1,
        Role::Cooperating | Role::Unassigned => 2,
    };
    if names(a) != names(b) {
        return if names(a) { (b, a) } else { (a, b) };
    }
    if rank(a) > rank(b) {
        (a, b)
    } else {
        (b, a)
    }
}
