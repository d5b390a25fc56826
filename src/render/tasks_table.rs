//! The report's attachment table (`@table tasks`): for each 重点任务 a banner row across
//! the table with its title, then one row per task (序号, 具体举措, 完成时限,
//! 牵头/责任单位, 完成情况, 进展情况), as [`TableData`] for the docx writer. A banner
//! rather than a cell merged down the 重点任务's rows: a merged cell shows its text on
//! the first page only, a banner sits right above the rows it names.

use crate::model::{Ledger, Status, TaskEntry};
use crate::render::docx::{TableColumn, TableData, TableRowData};
use crate::render::task_text::{owner, report_groups};

/// The columns: header, width on a landscape page (twips; the text width is 13776),
/// centred. 完成情况 at 1150 holds its header on one line; 进展情况 takes the rest (5326).
const COLUMNS: [(&str, Option<u32>, bool); 6] = [
    ("序号", Some(700), true),
    ("具体举措", Some(3600), false),
    ("完成时限", Some(1200), true),
    ("牵头/责任单位", Some(1800), false),
    ("完成情况", Some(1150), true),
    ("进展情况", None, false),
];

/// Every task of the ledger, in order.
pub fn tasks_table(ledger: &Ledger) -> TableData {
    let columns = COLUMNS
        .iter()
        .map(|&(header, landscape_width, center)| TableColumn {
            header: header.to_string(),
            landscape_width,
            center,
        })
        .collect();
    let mut rows = Vec::with_capacity(ledger.tasks.len() + ledger.plan.categories.len());
    let mut prev_category: Option<&str> = None;
    for t in &ledger.tasks {
        if prev_category != Some(t.category.as_str()) {
            rows.push(TableRowData::Banner(t.category.clone()));
        }
        prev_category = Some(&t.category);
        rows.push(TableRowData::Cells(vec![
            vec![t.id.to_string()],
            vec![t.measure.clone()],
            vec![t.deadline.text.clone()],
            units(t),
            status(t),
            progress(t),
        ]));
    }
    TableData { columns, rows }
}

/// 牵头：… / 责任：… as the table of the plan writes them, else who answers for it.
fn units(t: &TaskEntry) -> Vec<String> {
    let mut units = Vec::new();
    let a = &t.assigned_text;
    if !a.lead.trim().is_empty() {
        units.push(format!("牵头：{}", a.lead));
    }
    if !a.responsible.trim().is_empty() {
        units.push(format!("责任：{}", a.responsible));
    }
    if units.is_empty() {
        units.push(owner(t).1);
    }
    units
}

/// The status, and （已逾期） on a line of its own when overdue: a narrow column, so the
/// breakdown and doubts go to the progress column.
fn status(t: &TaskEntry) -> Vec<String> {
    let mut lines = vec![t.status.label().to_string()];
    if t.overdue {
        lines.push("（已逾期）".to_string());
    }
    lines
}

/// The deciders' breakdown and the doubts first (when there are), then every current
/// report group as 单位：进展 (or its status note when it has no text).
fn progress(t: &TaskEntry) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(b) = t.breakdown.describe("单位") {
        lines.push(format!("（{b}）"));
    }
    if !t.doubts.is_empty() {
        lines.push(format!("（{}）", t.doubts.join("；")));
    }
    let groups = report_groups(t);
    if groups.is_empty() {
        lines.push("暂未收到报送。".to_string());
    } else if t.status == Status::Unreported {
        // Only units that do not decide the task reported: say whose report is awaited.
        lines.push(format!(
            "（{}尚未报送，以下为其他单位报送的相关进展）",
            t.assigned_text.deciders()
        ));
    }
    lines.extend(groups.into_iter().map(|g| {
        let text = if g.text.is_empty() { g.note } else { g.text };
        format!("{}：{}", g.units, text)
    }));
    lines
}
