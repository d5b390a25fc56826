//! Step 0: the round's as-of date. A return filed after it belongs to a later round:
//! its rows are kept out of this one, each file and sheet named in an info problem so
//! nothing is lost. A completion dated after it is not yet a completion: the row is
//! kept and counts as 正在推进 (`task_status::effective`), with an info problem.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::common::dates::render_date;
use crate::ingest::record::Record;
use crate::model::{Code, Problem, Severity, Status};

/// The records of this round; the late ones become problems.
pub(super) fn this_round(
    records: Vec<Record>,
    as_of: NaiveDate,
    problems: &mut Vec<Problem>,
) -> Vec<Record> {
    // (file, sheet) → (filing date, rows) of the late rows.
    let mut late: BTreeMap<(String, String), (NaiveDate, Vec<u32>)> = BTreeMap::new();
    let mut kept = Vec::with_capacity(records.len());
    for r in records {
        match r.filed_on {
            Some(d) if d > as_of => {
                late.entry((r.source.file.clone(), r.source.sheet.clone()))
                    .or_insert_with(|| (d, Vec::new()))
                    .1
                    .push(r.source.row);
            }
            _ => {
                if r.status == Status::Completed {
                    if let Some(done) = r.completed_on.filter(|d| *d > as_of) {
                        problems.push(
                            Problem::new(
                                Severity::Info,
                                Code::CompletedAfterAsOf,
                                &r.source.file,
                                format!(
                                    "填报的完成日期{}晚于本期统计截止日期{}，本期按“{}”统计。",
                                    render_date(done),
                                    render_date(as_of),
                                    Status::InProgress.label()
                                ),
                            )
                            .at(Some(&r.source.sheet), Some(r.source.row)),
                        );
                    }
                }
                kept.push(r);
            }
        }
    }
    for ((file, sheet), (filed, rows)) in late {
        let first = rows.iter().min().copied();
        problems.push(
            Problem::new(
                Severity::Info,
                Code::FiledAfterAsOf,
                &file,
                format!(
                    "填报日期{}晚于本期统计截止日期{}，其中{}行进展本期不计入，将在下一期汇总时计入（第{}行）。",
                    render_date(filed),
                    render_date(as_of),
                    rows.len(),
                    join_rows(&rows)
                ),
            )
            .at(Some(&sheet), first),
        );
    }
    kept
}

/// 3、4、5 → "3–5"; gaps joined with 、.
fn join_rows(rows: &[u32]) -> String {
    let mut rows = rows.to_vec();
    rows.sort_unstable();
    rows.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
            j += 1;
        }
        parts.push(if j > i {
            format!("{}–{}", rows[i], rows[j])
        } else {
            rows[i].to_string()
        });
        i = j + 1;
    }
    parts.join("、")
}

#[cfg(test)]
mod tests {
    use super::join_rows;

    #[test]
    fn rows_as_ranges() {
        assert_eq!(join_rows(&[5, 3, 4, 9, 11, 12]), "3–5、9、11–12");
        assert_eq!(join_rows(&[7]), "7");
    }
}
