//! A lead unit's consolidation laid out across: a group of columns per unit (来苏镇 |
//! 宝峰镇 over 进展情况 | 完成状态 each, or 区水利局进展情况 | 来苏镇进展情况 | …), the
//! task's own columns (序号, 具体举措, 完成时限) shared. Each group is read as a table of
//! its own with the unit named on every row, so each group's cells are that unit's report
//! on the row's task (adv53 a 1: the groups were read as earlier rounds kept beside this
//! one, the last unit's words credited to the sender, the others' lost to the note).

use super::layout::{header_kind, Layout};
use crate::common::text::one_line;
use crate::ingest::grid::{Cell, Grid};
use crate::ingest::vocabulary::ColumnKind;
use crate::plan::{NameMatch, UnitDirectory};

/// The header a unit column is given in each group's table.
const UNIT_HEADER: &str = "单位";

/// Each unit's group of columns, in the order of the sheet.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct UnitColumns {
    groups: Vec<(String, Vec<usize>)>,
    /// Columns in no group's table: a unit's review of the others (区农业农村委审核意见).
    set_aside: Vec<usize>,
}

/// Words of a column where a unit reviews the others' answers (区农业农村委审核意见,
/// 牵头单位复核): no answer of its own (second review c 5).
const REVIEW_WORDS: [&str; 8] = [
    "审核", "核实", "意见", "复核", "审定", "评价", "核查", "确认",
];

/// The longest answer word left after a unit's name in a group's header (整改进展情况);
/// more (观音井村进展情况 after 来苏镇) names something of the unit's own.
const ANSWER_CHARS: usize = 6;

/// The kinds of column a unit's group holds: what the unit answers.
fn answers(kind: ColumnKind) -> bool {
    use ColumnKind::*;
    matches!(
        kind,
        Progress | Status | StatusYesNo | Percent | CompletedOn | Note | Evidence
    )
}

/// `text` (a header cell) without the one unit of the directory it names, and that unit:
/// 来苏镇进展情况 → (来苏镇, 进展情况), 来苏镇 → (来苏镇, ""). `None` when it names no
/// unit or more than one.
fn unit_named(units: &UnitDirectory, text: &str) -> Option<(String, String)> {
    let (written, at) = units.mentions(text);
    let [range] = at.as_slice() else {
        return None;
    };
    let NameMatch::Unit(unit) = units.resolve(&written[range.clone()]) else {
        return None;
    };
    let rest = format!("{}{}", &written[..range.start], &written[range.end..]);
    Some((unit, rest))
}

impl UnitColumns {
    /// The groups of the header in `layout`: columns whose header names one unit and an
    /// answer (progress, status, date, note), two units or more each with its progress
    /// or its status. `None` when the header has no such groups.
    pub(super) fn find(grid: &Grid, layout: &Layout, units: &UnitDirectory) -> Option<UnitColumns> {
        // Most sheets have one progress and one status column: no groups, and no header
        // searched for units' names (a search of the whole directory per cell).
        let answers_named = (0..grid.width())
            .filter(|&c| {
                matches!(
                    header_kind(&layout.full_header(grid, c)),
                    Some(ColumnKind::Progress | ColumnKind::Status)
                )
            })
            .count();
        if answers_named < 2 {
            return None;
        }
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        let mut answered: Vec<String> = Vec::new();
        let mut set_aside = Vec::new();
        // The group of the column before, for a 完成状态 with no unit named after a
        // unit's 进展情况 (区水利局进展情况 | 完成状态 | 来苏镇进展情况 | 完成状态: second
        // review c 3).
        let mut last: Option<String> = None;
        for c in 0..grid.width() {
            let header = layout.full_header(grid, c);
            let Some((unit, rest)) = unit_named(units, &header) else {
                let follows = header_kind(&header).filter(|k| {
                    matches!(
                        k,
                        ColumnKind::Status
                            | ColumnKind::StatusYesNo
                            | ColumnKind::Percent
                            | ColumnKind::CompletedOn
                    )
                });
                match (last.take(), follows) {
                    (Some(unit), Some(_)) => {
                        if let Some((_, cols)) = groups.iter_mut().find(|(u, _)| *u == unit) {
                            cols.push(c);
                        }
                        last = Some(unit);
                    }
                    _ => last = None,
                }
                continue;
            };
            last = None;
            if REVIEW_WORDS.iter().any(|w| rest.contains(w)) {
                set_aside.push(c);
                continue;
            }
            let Some(kind) = header_kind(&rest).filter(|k| answers(*k)) else {
                continue;
            };
            // A name of the unit's own before the answer (来苏镇观音井村进展情况): not a
            // table of units by columns this reads (second review c 4).
            if rest.chars().count() > ANSWER_CHARS {
                return None;
            }
            last = Some(unit.clone());
            if matches!(kind, ColumnKind::Progress | ColumnKind::Status)
                && !answered.contains(&unit)
            {
                answered.push(unit.clone());
            }
            match groups.iter_mut().find(|(u, _)| *u == unit) {
                Some((_, cols)) => cols.push(c),
                None => groups.push((unit, vec![c])),
            }
        }
        groups.retain(|(u, _)| answered.contains(u));
        (groups.len() >= 2).then_some(UnitColumns { groups, set_aside })
    }

    /// The units, in the order of their groups.
    pub(super) fn units(&self) -> impl Iterator<Item = &str> {
        self.groups.iter().map(|(u, _)| u.as_str())
    }

    /// The table of group `k`: the other groups' columns emptied, its own header cells
    /// without the unit's name, and a unit column after the last naming the unit on every
    /// row below the header that has a task's cells or the group's.
    pub(super) fn table(
        &self,
        grid: &Grid,
        layout: &Layout,
        units: &UnitDirectory,
        k: usize,
    ) -> Grid {
        let (unit, own) = &self.groups[k];
        let grouped: Vec<usize> = self
            .groups
            .iter()
            .flat_map(|(_, c)| c.clone())
            .chain(self.set_aside.iter().copied())
            .collect();
        let width = grid.width();
        let mut table = grid.clone();
        // A unit's name merged over its group's columns: each header cell written out.
        table.merges.retain(|m| {
            let in_header =
                m.first_row as usize >= layout.top && m.last_row as usize <= layout.bottom;
            !(in_header && (m.first_col..=m.last_col).any(|c| grouped.contains(&(c as usize))))
        });
        let set = |table: &mut Grid, r: usize, c: usize, cell: Cell| {
            if table.rows[r].len() <= c {
                if cell == Cell::Empty {
                    return;
                }
                table.rows[r].resize(c + 1, Cell::Empty);
            }
            table.rows[r][c] = cell;
        };
        for r in layout.top..=layout.bottom {
            for &c in &grouped {
                let text = one_line(&grid.value_through_merge(r, c).text_ref());
                let kept = if own.contains(&c) {
                    match unit_named(units, &text).filter(|(u, _)| u == unit) {
                        Some((_, rest)) => rest,
                        None => text,
                    }
                } else {
                    String::new()
                };
                let cell = if kept.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(kept)
                };
                set(&mut table, r, c, cell);
            }
        }
        set(
            &mut table,
            layout.bottom,
            width,
            Cell::Text(UNIT_HEADER.to_string()),
        );
        let task_cols: Vec<usize> = [ColumnKind::Id, ColumnKind::Measure]
            .iter()
            .filter_map(|k| layout.col(*k))
            .collect();
        for r in layout.bottom + 1..grid.height() {
            if grid.is_paragraph(r) {
                continue;
            }
            let filled = |c: &usize| !grid.value_through_merge(r, *c).is_empty();
            let named = task_cols.iter().any(filled) || own.iter().any(filled);
            for &c in grouped.iter().filter(|c| !own.contains(c)) {
                set(&mut table, r, c, Cell::Empty);
            }
            if named {
                set(&mut table, r, width, Cell::Text(unit.clone()));
            }
        }
        table
    }
}
