//! A return that answers the whole plan in one sentence instead of progress: 经核查，我局
//! 不涉及该方案中的整改任务。 A unit named in the plan only in passing (a cooperating unit
//! of a few tasks) often answers so, in a letter or under a table left blank. When a file
//! gives no progress, its statement is read as one row answering every task of the unit
//! 不涉及 (序号 全部); the merge gives that row to each of the unit's tasks
//! (`merge::every_task`).

use super::layout::Layout;
use crate::ingest::grid::{Cell, Grid};
use crate::ingest::notes::of_the_rest;
use crate::ingest::vocabulary::ColumnKind;
use crate::model::status::no_task_of_ours;
use crate::model::Status;

/// What the 序号 and 具体举措 cells of the row standing for the statement hold: words the
/// merge reads as every task of the unit (`merge::every_task::names_every_task`).
pub(crate) const EVERY_TASK_ID: &str = "全部";
pub(crate) const EVERY_TASK_MEASURE: &str = "全部任务";

/// The first line of the sheet that says the unit has no task in the plan: a row of one
/// text (one cell, or one text in every cell filled: a note merged across a table).
/// `rest`: the file gave progress on some tasks; only a statement about the others (我局
/// 不涉及该方案中的其他整改任务) answers the rest.
pub(crate) fn line(grid: &Grid, rest: bool) -> Option<usize> {
    (0..grid.rows.len()).find(|&r| {
        let mut texts = grid.filled_cells(r).map(|c| c.text_ref());
        let Some(first) = texts.next() else {
            return false;
        };
        texts.all(|t| t == first)
            && no_task_of_ours(&first).is_some_and(|said| !rest || of_the_rest(&said))
    })
}

/// The sheet with its statement at `line` as a row answering every task 不涉及: under
/// its table's header ([`in_table`]), or, without a table, under a header put in a row
/// inserted above it ([`as_table`]: the second value, the inserted row's index; the rows
/// below it are one further down than in the file). `None` when the statement stands
/// above a table's header (no row there is data) or the table has no columns to hold it.
pub(crate) fn as_answer(grid: &Grid, line: usize) -> Option<(Grid, Option<usize>)> {
    match Layout::find(grid, None) {
        // (A table with no row filled in: the line under its header may be taken for
        // the header's second row.)
        Some(layout) if line > layout.top => in_table(grid, &layout, line).map(|g| (g, None)),
        Some(_) => None,
        None => Some((as_table(grid, line), Some(line))),
    }
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
        (status, Status::NotApplicable.label()),
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
/// table of one row: a header (序号 | 具体举措 | 完成状态 | 整改进展情况) in a row inserted
/// right above the statement, the statement's line the row (全部 | 全部任务 | 不涉及 | the
/// whole paragraph). The other lines stay as they are (the title, the 填报 line, the
/// signature and date name the unit and the day) but the salutation (区生态环境局：),
/// emptied: whom the letter goes to is no unit heading the table.
fn as_table(grid: &Grid, line: usize) -> Grid {
    let text = |s: &str| Cell::Text(s.to_string());
    let said = grid.first_text(line);
    let mut out = grid.clone();
    for r in 0..line {
        if super::filing::is_salutation(&grid.first_text(r)) {
            out.rows[r].clear();
        }
    }
    out.rows[line] = [
        EVERY_TASK_ID,
        EVERY_TASK_MEASURE,
        Status::NotApplicable.label(),
        &said,
    ]
    .map(text)
    .to_vec();
    out.rows.insert(
        line,
        ["序号", "具体举措", "完成状态", "整改进展情况"]
            .map(text)
            .to_vec(),
    );
    // Rows at or below the insertion move one down; the statement and the header are
    // table rows.
    let shift = |r: usize| if r >= line { r + 1 } else { r };
    out.paragraphs = grid
        .paragraphs
        .iter()
        .filter(|&&r| r != line)
        .map(|&r| shift(r))
        .collect();
    for m in &mut out.merges {
        m.first_row = shift(m.first_row as usize) as u32;
        m.last_row = shift(m.last_row as usize) as u32;
    }
    out.hidden_rows = grid
        .hidden_rows
        .iter()
        .map(|&r| shift(r as usize) as u32)
        .collect();
    for c in &mut out.comments {
        c.row = shift(c.row as usize) as u32;
    }
    out.table_starts.clear();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_statement_becomes_one_row_under_a_header_inserted_above_it() {
        let g = Grid::letter(&[
            "区交通局关于水污染防治整改落实情况的报告",
            "区生态环境局：",
            "根据通知要求，我局对照任务分解表逐项核查。",
            "经核查，我局不涉及该方案中的整改任务。",
            "",
            "重庆市永川区交通局",
            "2020年11月30日",
        ]);
        let at = line(&g, false).expect("a statement");
        assert_eq!(at, 3);
        let (t, inserted) = as_answer(&g, at).expect("read as a table");
        assert_eq!(inserted, Some(3));
        let row = |r: usize| -> Vec<String> { t.rows[r].iter().map(|c| c.text()).collect() };
        assert_eq!(row(3), ["序号", "具体举措", "完成状态", "整改进展情况"]);
        assert_eq!(
            row(4),
            [
                "全部",
                "全部任务",
                "不涉及",
                "经核查，我局不涉及该方案中的整改任务。"
            ]
        );
        // The title, the preamble and the signature stay paragraphs, those below one
        // row further down; the salutation is emptied.
        assert_eq!(t.paragraphs, vec![0, 1, 2, 5, 6, 7]);
        assert_eq!(row(0), ["区交通局关于水污染防治整改落实情况的报告"]);
        assert!(t.rows[1].is_empty());
        assert_eq!(row(7), ["2020年11月30日"]);
        // A statement on the first line has a header inserted above it too.
        let first = Grid::letter(&["我局不涉及该方案中的整改任务。", "区交通局"]);
        let (t, inserted) = as_answer(&first, line(&first, false).unwrap()).unwrap();
        assert_eq!(inserted, Some(0));
        assert_eq!(t.rows[1][2].text(), "不涉及");
        // No statement; beside progress read, only a statement about the other tasks.
        assert!(line(&Grid::letter(&["区交通局", "我局已完成整改任务。"]), false).is_none());
        assert!(line(&g, true).is_none());
        let rest = Grid::letter(&["区交通局", "我局不涉及该方案中的其他整改任务。"]);
        assert_eq!(line(&rest, true), Some(1));
        // 另外 (besides) opens a sentence: no word of the other tasks.
        let besides = Grid::letter(&["区交通局", "另外，我局不涉及该方案中的整改任务。"]);
        assert_eq!(line(&besides, true), None);
    }
}
