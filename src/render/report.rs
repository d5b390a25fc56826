//! The consolidated report (整改情况报告.docx): ledger → tera context → block language →
//! blocks → `document::blocks_docx`. The wording lives in templates/report.tera
//! (compiled in; `--templates DIR` overrides it); the numbers and lists come from the
//! ledger only. The context is documented in docs/blocks.md; the attachment table is
//! `tasks_table.rs`, the wording of a task's reports `task_text.rs`.

use serde::Serialize;

use crate::common::dates::render_date;
use crate::common::text::excerpt;
use crate::model::{Ledger, Status, TaskEntry, UnitEntry};
use crate::render::blocks::Block;
use crate::render::document::blocks_docx;
use crate::render::error::RenderError;
use crate::render::files::REPORT_DOCX;
use crate::render::output::{Job, Rendered};
use crate::render::task_text::{body_groups, owner, ReportGroup};
use crate::render::templates::{template_blocks, PlanContext, Templates, REPORT_TEMPLATE};

/// The output: 整改情况报告.docx.
pub fn render(job: &Job) -> Result<Vec<Rendered>, RenderError> {
    Ok(vec![Rendered::bytes(
        REPORT_DOCX,
        report_docx(job.ledger, job.templates)?,
    )])
}

/// The report as .docx bytes: template → blocks → `document::blocks_docx`.
pub fn report_docx(ledger: &Ledger, templates: &Templates) -> Result<Vec<u8>, RenderError> {
    blocks_docx(ledger, &report_blocks(ledger, templates)?)
}

/// Render the report template over the ledger and parse the result into blocks.
pub fn report_blocks(ledger: &Ledger, templates: &Templates) -> Result<Vec<Block>, RenderError> {
    template_blocks(templates, REPORT_TEMPLATE, &ReportContext::new(ledger))
}

/// A completion rate as written: one decimal, without a trailing ".0".
pub fn rate_text(rate: f64) -> String {
    let s = format!("{rate:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Strip a leading "一、" numbering from a category name.
pub fn category_name(category: &str) -> &str {
    match category.find('、') {
        Some(i)
            if category[..i]
                .chars()
                .all(|c| "一二三四五六七八九十".contains(c)) =>
        {
            &category[i + '、'.len_utf8()..]
        }
        _ => category,
    }
}

/// Whether a task's status should read "已逾期".
fn status_text(task: &TaskEntry) -> String {
    if task.overdue {
        format!("{}（已逾期）", task.status.label())
    } else {
        task.status.label().to_string()
    }
}

#[derive(Debug, Serialize)]
struct SummaryContext<'a> {
    total: u32,
    completed: u32,
    ongoing: u32,
    in_progress: u32,
    not_started: u32,
    unreported: u32,
    unclear: u32,
    overdue: u32,
    rate: String,
    basis: &'a str,
    units_expected: u32,
    units_reported: u32,
    categories: usize,
}

#[derive(Debug, Serialize)]
struct TaskContext {
    id: u32,
    measure: String,
    /// The first 24 characters, for lists.
    short: String,
    deadline: String,
    owner_label: &'static str,
    owner: String,
    lead: String,
    responsible: String,
    cooperating: String,
    status: &'static str,
    /// The status with （已逾期） when overdue.
    status_text: String,
    overdue: bool,
    awaiting: String,
    groups: Vec<ReportGroup>,
}

impl TaskContext {
    fn new(t: &TaskEntry) -> TaskContext {
        let (owner_label, owner) = owner(t);
        TaskContext {
            id: t.id,
            measure: t.measure.clone(),
            short: excerpt(&t.measure, 24),
            deadline: t.deadline.text.clone(),
            owner_label,
            owner,
            lead: t.assigned_text.lead.clone(),
            responsible: t.assigned_text.responsible.clone(),
            cooperating: t.assigned_text.cooperating.clone(),
            status: t.status.label(),
            status_text: status_text(t),
            overdue: t.overdue,
            awaiting: if t.awaiting.len() > 6 {
                format!("{}等{}个单位", t.awaiting[..6].join("、"), t.awaiting.len())
            } else {
                t.awaiting.join("、")
            },
            groups: body_groups(t),
        }
    }
}

#[derive(Debug, Serialize)]
struct CategoryContext {
    /// 1-based; `{{ c.index | cn_num }}` gives 一, 二 …
    index: usize,
    /// Without its 一、 numbering.
    name: String,
    /// As in the table.
    full: String,
    tasks: Vec<TaskContext>,
}

#[derive(Debug, Serialize)]
struct UnitBrief {
    name: String,
    /// Task ids it owes and has not reported on, joined with 、.
    missing: String,
    missing_count: usize,
}

#[derive(Debug, Serialize)]
struct ConflictBrief {
    id: u32,
    short: String,
    unit: String,
}

#[derive(Debug, Serialize)]
struct Issues {
    overdue: Vec<TaskContext>,
    not_started: Vec<TaskContext>,
    unreported: Vec<TaskContext>,
    unclear: Vec<TaskContext>,
    /// Units that owe reports and sent none.
    silent_units: Vec<UnitBrief>,
    /// Units that reported on some of their tasks but not all.
    partial_units: Vec<UnitBrief>,
    conflicts: Vec<ConflictBrief>,
    /// True when there is nothing to report under 三、.
    none: bool,
}

/// Everything report.tera sees (documented in docs/blocks.md).
#[derive(Debug, Serialize)]
struct ReportContext<'a> {
    plan: PlanContext<'a>,
    as_of: String,
    report_date: String,
    summary: SummaryContext<'a>,
    categories: Vec<CategoryContext>,
    issues: Issues,
}

impl<'a> ReportContext<'a> {
    fn new(l: &'a Ledger) -> ReportContext<'a> {
        let categories = category_contexts(l);
        ReportContext {
            plan: PlanContext::new(l),
            as_of: render_date(l.as_of),
            report_date: render_date(l.plan.report_date),
            summary: SummaryContext::new(l, categories.len()),
            categories,
            issues: Issues::new(l),
        }
    }
}

impl<'a> SummaryContext<'a> {
    fn new(l: &'a Ledger, categories: usize) -> SummaryContext<'a> {
        let s = &l.summary;
        SummaryContext {
            total: s.total,
            completed: s.completed,
            ongoing: s.ongoing,
            in_progress: s.in_progress,
            not_started: s.not_started,
            unreported: s.unreported,
            unclear: s.unclear,
            overdue: s.overdue,
            rate: rate_text(s.completion_rate),
            basis: &s.completion_basis,
            units_expected: s.units_expected,
            units_reported: s.units_reported,
            categories,
        }
    }
}

/// The 重点任务 of the plan, each with its tasks.
fn category_contexts(l: &Ledger) -> Vec<CategoryContext> {
    l.plan
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| CategoryContext {
            index: i + 1,
            name: category_name(c).to_string(),
            full: c.clone(),
            tasks: l
                .tasks
                .iter()
                .filter(|t| &t.category == c)
                .map(TaskContext::new)
                .collect(),
        })
        .collect()
}

impl Issues {
    fn new(l: &Ledger) -> Issues {
        let with = |f: &dyn Fn(&TaskEntry) -> bool| -> Vec<TaskContext> {
            l.tasks
                .iter()
                .filter(|t| f(t))
                .map(TaskContext::new)
                .collect()
        };
        let units = |f: &dyn Fn(&UnitEntry) -> bool| -> Vec<UnitBrief> {
            l.units
                .iter()
                .filter(|u| f(u))
                .map(UnitBrief::new)
                .collect()
        };
        let mut issues = Issues {
            overdue: with(&|t| t.overdue),
            not_started: with(&|t| t.status == Status::NotStarted),
            unreported: with(&|t| t.status == Status::Unreported),
            unclear: with(&|t| t.status == Status::Unclear),
            silent_units: units(&|u| !u.expected.is_empty() && u.reported.is_empty()),
            partial_units: units(&|u| !u.missing.is_empty() && !u.reported.is_empty()),
            conflicts: conflicts(l),
            none: false,
        };
        issues.none = issues.overdue.is_empty()
            && issues.not_started.is_empty()
            && issues.unreported.is_empty()
            && issues.unclear.is_empty()
            && issues.silent_units.is_empty()
            && issues.partial_units.is_empty()
            && issues.conflicts.is_empty();
        issues
    }
}

impl UnitBrief {
    fn new(u: &UnitEntry) -> UnitBrief {
        UnitBrief {
            name: u.name.clone(),
            missing: u
                .missing
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            missing_count: u.missing.len(),
        }
    }
}

/// Units with more than one current report on a task, once per task and unit.
fn conflicts(l: &Ledger) -> Vec<ConflictBrief> {
    let mut conflicts = Vec::new();
    for t in &l.tasks {
        let mut seen: Vec<&str> = Vec::new();
        for r in t.current_reports() {
            let n = t.current_reports().filter(|x| x.unit == r.unit).count();
            if n > 1 && !seen.contains(&r.unit.as_str()) {
                seen.push(&r.unit);
                conflicts.push(ConflictBrief {
                    id: t.id,
                    short: excerpt(&t.measure, 24),
                    unit: r.unit.clone(),
                });
            }
        }
    }
    conflicts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_and_category_names() {
        assert_eq!(rate_text(7.9), "7.9");
        assert_eq!(rate_text(100.0), "100");
        assert_eq!(category_name("一、科学施策,有效降低"), "科学施策,有效降低");
        assert_eq!(category_name("水、气"), "水、气");
    }
}
