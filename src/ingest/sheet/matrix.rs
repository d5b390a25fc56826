//! A table of units by tasks: a lead unit's summary of its partners' answers, one
//! column a task and one row a unit (镇街 | 第28项（河道漂浮物清理） | 第44项（…）, then
//! 来苏镇 | 长期坚持 | 不涉及 …), often under the lead's own table (附：各镇街落实情况),
//! sometimes the whole sheet. A clerk reads each filled cell as that unit's answer on
//! that task: each becomes the unit's report on it, through the sender.
//!
//! The header must name the unit column (镇街, 单位, 责任单位 …) and at least two tasks,
//! each by its number written as a task's (第28项, 任务28, 28号任务, with or without the
//! measure); every row under it names a unit of the directory in that column, to the
//! first row that does not.

use super::task_heading::titled_task;
use crate::common::text::one_line;
use crate::ingest::grid::{Cell, Grid};
use crate::ingest::record::{Record, UnitFrom};
use crate::ingest::vocabulary::{classify_status, status_from_progress};
use crate::model::{Source, Status};
use crate::plan::{NameMatch, UnitDirectory};

/// A units-by-tasks table found on a sheet.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Matrix {
    /// The header row (0-based).
    pub header: usize,
    /// The column naming each row's unit.
    unit_col: usize,
    /// Each task column and its task.
    tasks: Vec<(usize, u32)>,
    /// Each row under the header and the unit it names.
    pub rows: Vec<(usize, String)>,
}

/// The longest header of the unit column (镇街（单位）名称).
const UNIT_LABEL_CHARS: usize = 8;

/// The longest cell read as a status word alone (长期坚持, 已完成（9月）); a longer one is
/// the unit's progress, its status read from its words.
const STATUS_CHARS: usize = 10;

impl Matrix {
    /// The first units-by-tasks table whose header is at or below row `from`.
    pub fn find(grid: &Grid, from: usize, units: &UnitDirectory) -> Option<Matrix> {
        (from..grid.height()).find_map(|r| Matrix::at(grid, r, units))
    }

    /// The table whose header is row `r`, if it is one.
    fn at(grid: &Grid, r: usize, units: &UnitDirectory) -> Option<Matrix> {
        if grid.is_paragraph(r) {
            return None;
        }
        // Most rows are data: their first filled cell names no unit column (checked
        // before the row's texts are gathered).
        let first = (0..grid.row_len(r)).find(|&c| !grid.cell(r, c).is_empty())?;
        match grid.cell(r, first) {
            Cell::Text(t) if is_unit_label(t) => {}
            _ => return None,
        }
        let filled: Vec<(usize, String)> = (0..grid.row_len(r))
            .map(|c| (c, one_line(&grid.cell(r, c).text_ref())))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let ((unit_col, _), rest) = filled.split_first()?;
        if rest.len() < 2 {
            return None;
        }
        let mut tasks = Vec::with_capacity(rest.len());
        for (c, text) in rest {
            let task = titled_task(text)?;
            if tasks.iter().any(|&(_, t)| t == task) {
                return None;
            }
            tasks.push((*c, task));
        }
        let mut rows = Vec::new();
        for x in r + 1..grid.height() {
            if grid.row_is_empty(x) {
                continue;
            }
            let named = one_line(&grid.cell(x, *unit_col).text_ref());
            match units.resolve(&named) {
                NameMatch::Unit(u) if !grid.is_paragraph(x) => rows.push((x, u)),
                _ => break,
            }
        }
        (!rows.is_empty()).then_some(Matrix {
            header: r,
            unit_col: *unit_col,
            tasks,
            rows,
        })
    }

    /// The last row of the table (0-based).
    pub fn last_row(&self) -> usize {
        self.rows.last().map_or(self.header, |&(r, _)| r)
    }

    /// The reports of the table's filled cells, a record each, in row then column
    /// order: the row's unit on the column's task, filed on `filed_on`. Rows that
    /// answer nothing are returned apart.
    pub fn records(
        &self,
        grid: &Grid,
        file: &str,
        filed_on: Option<chrono::NaiveDate>,
        period: Option<chrono::NaiveDate>,
    ) -> (Vec<Record>, Vec<usize>) {
        let mut records = Vec::new();
        let mut unanswered = Vec::new();
        for (r, unit) in &self.rows {
            let before = records.len();
            for &(c, task) in &self.tasks {
                let text = grid.cell(*r, c).text().trim().to_string();
                if text.is_empty() {
                    continue;
                }
                let said = classify_status(&text);
                let (status, status_text, progress) =
                    if said != Status::Unclear && text.chars().count() <= STATUS_CHARS {
                        (said, text, String::new())
                    } else {
                        let status = status_from_progress(&text).unwrap_or(Status::Unclear);
                        (status, String::new(), text)
                    };
                records.push(Record {
                    source: Source {
                        file: file.to_string(),
                        sheet: grid.name.clone(),
                        row: *r as u32 + 1,
                    },
                    unit: Some(unit.clone()),
                    unit_from: Some(UnitFrom::UnitColumn),
                    filed_on,
                    filed_in_month: false,
                    period,
                    id_text: task.to_string(),
                    id: Some(task),
                    measure_text: String::new(),
                    status,
                    status_text,
                    progress,
                    completed_on: None,
                    completed_text: String::new(),
                    note: String::new(),
                    evidence: String::new(),
                    deadline_text: String::new(),
                    hidden: grid.row_hidden(*r),
                    via: None,
                });
            }
            if records.len() == before {
                unanswered.push(*r);
            }
        }
        (records, unanswered)
    }
}

/// Whether a header cell names the column of units: 镇街, 镇（街道）, 单位, 单位名称,
/// 责任单位, 配合单位 … (short, no digits).
fn is_unit_label(text: &str) -> bool {
    // A label's characters are 3 bytes each: a text four times that long, spaces
    // and all, is data.
    if text.len() > 4 * UNIT_LABEL_CHARS * 3 {
        return false;
    }
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.chars().count() <= UNIT_LABEL_CHARS
        && !t.chars().any(|c| c.is_ascii_digit())
        && (t.contains("镇") || t.contains("街道") || t.contains("单位") || t == "镇街")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            name: "Sheet".into(),
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|t| match *t {
                            "" => Cell::Empty,
                            t => Cell::Text(t.into()),
                        })
                        .collect()
                })
                .collect(),
            ..Grid::default()
        }
    }

    fn units() -> UnitDirectory {
        UnitDirectory::from_toml(
            r#"
[[unit]]
name = "来苏镇"
kind = "镇街"
[[unit]]
name = "宝峰镇"
kind = "镇街"
"#,
        )
        .unwrap()
    }

    #[test]
    fn a_table_of_units_by_tasks_gives_a_report_per_filled_cell() {
        let g = grid(&[
            &["附：各镇街落实情况", "", ""],
            &["镇街", "第28项（河道漂浮物清理）", "任务44"],
            &[
                "来苏镇",
                "长期坚持",
                "已建成油水分离装置12套，正在推进其余点位。",
            ],
            &["宝峰镇", "", ""],
            &["合计", "", ""],
        ]);
        let m = Matrix::find(&g, 0, &units()).expect("found");
        assert_eq!(m.header, 1);
        assert_eq!(
            m.rows,
            [(2, "来苏镇".to_string()), (3, "宝峰镇".to_string())]
        );
        let (records, unanswered) = m.records(&g, "汇总.xlsx", None, None);
        assert_eq!(unanswered, [3]);
        let got: Vec<(u32, Option<u32>, Status, &str)> = records
            .iter()
            .map(|r| (r.source.row, r.id, r.status, r.progress.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (3, Some(28), Status::Ongoing, ""),
                (
                    3,
                    Some(44),
                    Status::InProgress,
                    "已建成油水分离装置12套，正在推进其余点位。"
                )
            ]
        );
    }

    #[test]
    fn headers_that_name_no_tasks_or_no_unit_column_are_no_table() {
        let u = units();
        // One task only; a number that is no task's; the same task twice; no unit label.
        for header in [
            ["镇街", "第28项", ""],
            ["镇街", "28", "44"],
            ["镇街", "第28项", "任务28"],
            ["序号", "第28项", "第44项"],
        ] {
            let g = grid(&[&header, &["来苏镇", "长期坚持", "长期坚持"]]);
            assert_eq!(Matrix::find(&g, 0, &u), None, "{header:?}");
        }
        // No row naming a unit under it.
        let g = grid(&[&["镇街", "第28项", "第44项"], &["其他", "长期坚持", ""]]);
        assert_eq!(Matrix::find(&g, 0, &u), None);
    }
}
