//! A return that answers the whole plan in one sentence instead of progress: 经核查，我局
//! 不涉及该方案中的整改任务。 A unit named in the plan only in passing (a cooperating unit
//! of a few tasks) often answers so, in a letter or under a table left blank. When a file
//! gives no progress, its statement is read as one row answering every task of the unit
//! 不涉及 (序号 全部); the merge gives that row to each of the unit's tasks
//! (`merge::every_task`).

use super::layout::Layout;
use crate::ingest::grid::{Cell, Grid};
use crate::ingest::vocabulary::ColumnKind;
pub(crate) use crate::model::status::no_task_of_ours;

/// What the 序号 and 具体举措 cells of the row standing for the statement hold: words the
/// merge reads as every task of the unit (`merge::every_task::names_every_task`).
pub(crate) const EVERY_TASK_ID: &str = "全部";
pub(crate) const EVERY_TASK_MEASURE: &str = "全部任务";

/// The sheet with its statement that the unit has no task in the plan as a row answering
/// every task 不涉及: under its table's header ([`in_table`]), or, without a table, under
/// a header put in the line above ([`as_table`]). `None` when no line says so where it
/// can be read as a row.
///
/// `rest`: the file gave progress on some tasks; only a statement about the others (我局
/// 不涉及该方案中的其他整改任务) answers the rest, in a table.
pub(crate) fn as_answer(grid: &Grid, rest: bool) -> Option<Grid> {
    // The line first: a file is looked for a table again only when it has one.
    let line = (0..grid.rows.len()).find(|&r| {
        grid.filled_cells(r).nth(1).is_none()
            && no_task_of_ours(&grid.first_text(r)).is_some_and(|said| !rest || of_the_rest(&said))
    })?;
    match Layout::find(grid, None) {
        // (A table with no row filled in: the line under its header may be taken for
        // the header's second row.)
        Some(layout) if line > layout.top => in_table(grid, &layout, line),
        Some(_) => None,
        None if rest => None,
        None => as_table(grid, line),
    }
}

/// Whether a statement speaks of the tasks not answered otherwise (其他, 其余).
fn of_the_rest(said: &str) -> bool {
    ["其他", "其它", "其余", "另外"]
        .iter()
        .any(|w| said.contains(w))
}

/// The `line` below the table's header that says the unit has no task in the plan (a
/// table left blank, 我镇无此项工作任务 in its body or a note under it), written into the
/// table's columns: 全部 | 全部任务 | 不涉及 | the line.
fn in_table(grid: &Grid, layout: &Layout, line: usize) -> Option<Grid> {
    let id = layout.col(ColumnKind::Id);
    let measure = layout.col(ColumnKind::Measure);
    let status = layout.col(ColumnKind::Status);
    let progress = layout.col(ColumnKind::Progress);
    if (id.is_none() && measure.is_none()) || (status.is_none() && progress.is_none()) {
        return None;
    }
    let said = grid.first_text(line);
    let mut out = grid.clone();
    let row = &mut out.rows[line];
    row.clear();
    for (col, text) in [
        (id, EVERY_TASK_ID),
        (measure, EVERY_TASK_MEASURE),
        (status, "不涉及"),
        (progress, said.as_str()),
    ] {
        if let Some(c) = col {
            if row.len() <= c {
                row.resize(c + 1, Cell::Empty);
            }
            row[c] = Cell::Text(text.to_string());
        }
    }
    out.paragraphs.retain(|&r| r != line);
    // The line may be a merged note across the table: its cells are read one by one now.
    out.merges
        .retain(|m| !(m.first_row as usize <= line && line <= m.last_row as usize));
    Some(out)
}

/// A sheet without a table whose text says the unit has no task in the plan, as a
/// table of one row: a header (序号 | 具体举措 | 完成状态 | 整改进展情况) in the line above
/// the statement (the salutation when there is one, as `prose::as_table`), the
/// statement's line the row (全部 | 全部任务 | 不涉及 | the whole paragraph). The other
/// lines stay as they are (the title, the signature and date name the unit and the
/// day). `None` when the statement is the sheet's first line.
fn as_table(grid: &Grid, line: usize) -> Option<Grid> {
    let above = (0..line).filter(|&r| !grid.row_is_empty(r));
    let header = above
        .clone()
        .find(|&r| super::filing::is_salutation(&grid.first_text(r)))
        .or_else(|| above.clone().next_back())?;
    let mut out = grid.clone();
    let text = |s: &str| Cell::Text(s.to_string());
    let said = grid.first_text(line);
    out.rows[header] = ["序号", "具体举措", "完成状态", "整改进展情况"]
        .map(text)
        .to_vec();
    out.rows[line] = [EVERY_TASK_ID, EVERY_TASK_MEASURE, "不涉及", &said]
        .map(text)
        .to_vec();
    out.paragraphs.retain(|&r| r != header && r != line);
    out.table_starts.clear();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter(lines: &[&str]) -> Grid {
        Grid {
            name: "正文".into(),
            rows: lines
                .iter()
                .map(|l| {
                    if l.is_empty() {
                        Vec::new()
                    } else {
                        vec![Cell::Text((*l).into())]
                    }
                })
                .collect(),
            paragraphs: (0..lines.len()).collect(),
            ..Grid::default()
        }
    }

    #[test]
    fn the_statement_becomes_one_row_under_a_header_in_the_salutation() {
        let g = letter(&[
            "区交通局关于水污染防治整改落实情况的报告",
            "区生态环境局：",
            "根据通知要求，我局对照任务分解表逐项核查。",
            "经核查，我局不涉及该方案中的整改任务。",
            "",
            "重庆市永川区交通局",
            "2020年11月30日",
        ]);
        let t = as_answer(&g, false).expect("read as a table");
        let row = |r: usize| -> Vec<String> { t.rows[r].iter().map(|c| c.text()).collect() };
        assert_eq!(row(1), ["序号", "具体举措", "完成状态", "整改进展情况"]);
        assert_eq!(
            row(3),
            [
                "全部",
                "全部任务",
                "不涉及",
                "经核查，我局不涉及该方案中的整改任务。"
            ]
        );
        // The title, the preamble and the signature stay paragraphs where they were.
        assert_eq!(t.paragraphs, vec![0, 2, 4, 5, 6]);
        assert_eq!(row(0), ["区交通局关于水污染防治整改落实情况的报告"]);
        // Nothing to read: a statement on the first line, no statement.
        assert!(as_answer(&letter(&["我局不涉及该方案中的整改任务。"]), false).is_none());
        assert!(as_answer(&letter(&["区交通局", "我局已完成整改任务。"]), false).is_none());
        // Beside progress read, only a statement about the other tasks; and never one
        // without a table.
        assert!(as_answer(&g, true).is_none());
    }
}
