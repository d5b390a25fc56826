//! The lines around a table that say who filed it and when: 填报单位：… and 填报日期：…
//! above the header (the first line above is the sheet's title), or in the note lines
//! below the table (填报人：… 填报日期：…).

use chrono::NaiveDate;

use super::layout::Layout;
use crate::common::dates::find_date_in_text;
use crate::ingest::grid::Grid;
use crate::ingest::values::date_of_cell;
use crate::ingest::vocabulary::is_note_row;

const UNIT_LABELS: [&str; 4] = ["填报单位", "报送单位", "单位名称", "单位（盖章）"];
const DATE_LABELS: [&str; 3] = ["填报日期", "填报时间", "报送日期"];
/// Labels that end a value on a line with several (填报单位：区水利局 填报日期：…).
const NEXT_LABELS: [&str; 7] = [
    "填报日期",
    "填报时间",
    "填报人",
    "联系人",
    "联系电话",
    "审核人",
    "填报单位",
];

/// What the lines around the table say.
#[derive(Debug, Default)]
pub(super) struct Filing {
    /// The text after a 填报单位 label, as written.
    pub unit_text: Option<String>,
    pub filed_on: Option<NaiveDate>,
    /// The first non-empty line above the header.
    pub title: Option<String>,
}

impl Filing {
    /// Read the lines above the header, then, for what is still missing, the note and
    /// label lines below it. `non_empty` lists the sheet's non-empty rows.
    pub fn read(grid: &Grid, layout: &Layout, non_empty: &[usize], default_year: i32) -> Filing {
        let mut filing = Filing::default();
        for &r in non_empty.iter().filter(|&&r| r < layout.top) {
            if filing.unit_text.is_none() {
                filing.unit_text = labelled_value(grid, r, &UNIT_LABELS);
            }
            if filing.filed_on.is_none() {
                filing.filed_on = filed_on_in_row(grid, r, default_year);
            }
            if filing.title.is_none() {
                filing.title = Some(grid.row_text(r));
            }
        }
        if filing.filed_on.is_some() && filing.unit_text.is_some() {
            return filing;
        }
        for &r in non_empty.iter().filter(|&&r| r > layout.bottom) {
            if !is_note_or_label_row(&grid.first_text(r)) {
                continue;
            }
            if filing.filed_on.is_none() {
                filing.filed_on = filed_on_in_row(grid, r, default_year);
            }
            if filing.unit_text.is_none() {
                filing.unit_text = labelled_value(grid, r, &UNIT_LABELS);
            }
        }
        filing
    }
}

/// Whether a row below the header is a note, signature or total line, or a 填报单位 /
/// 填报日期 line, judged by its first text: not a task row.
pub(super) fn is_note_or_label_row(first_text: &str) -> bool {
    is_note_row(first_text)
        || DATE_LABELS
            .iter()
            .chain(UNIT_LABELS.iter())
            .any(|l| first_text.starts_with(l))
}

/// The value after a label such as 填报单位： in a row: in the same cell, or in the next
/// non-empty cell. Stops at the next label on the line.
fn labelled_value(grid: &Grid, r: usize, labels: &[&str]) -> Option<String> {
    let width = grid.row_len(r);
    for c in 0..width {
        let text = grid.cell(r, c).text();
        for label in labels {
            let Some(pos) = text.find(label) else {
                continue;
            };
            let after = text[pos + label.len()..].trim_start_matches([':', '：', ' ', '\u{3000}']);
            let value = cut_at_next_label(after);
            if !value.trim().is_empty() {
                return Some(value.trim().to_string());
            }
            // The value sits in the next non-empty cell.
            for c2 in c + 1..width {
                let t = grid.cell(r, c2).text();
                if !t.trim().is_empty() {
                    return Some(cut_at_next_label(&t).trim().to_string());
                }
            }
        }
    }
    None
}

fn cut_at_next_label(s: &str) -> &str {
    let end = NEXT_LABELS
        .iter()
        .filter_map(|next| s.find(next))
        .min()
        .unwrap_or(s.len());
    &s[..end]
}

/// The filing date on a row with a 填报日期 label: in the label's cell, or the next
/// non-empty cell (a real date cell).
fn filed_on_in_row(grid: &Grid, r: usize, default_year: i32) -> Option<NaiveDate> {
    for c in 0..grid.row_len(r) {
        let text = grid.cell(r, c).text();
        for label in DATE_LABELS {
            if let Some(pos) = text.find(label) {
                let after = &text[pos + label.len()..];
                if let Some(d) = find_date_in_text(after, Some(default_year)) {
                    return Some(d);
                }
                for c2 in c + 1..grid.row_len(r) {
                    let cell = grid.cell(r, c2);
                    if !cell.is_empty() {
                        return date_of_cell(cell, default_year);
                    }
                }
            }
        }
    }
    None
}
