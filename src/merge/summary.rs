//! Step 5: the counts of the ledger's summary, the problems' order, and the plan's
//! metadata as renderers see it.

use chrono::NaiveDate;

use super::scope::Scope;
use crate::model::Tier;
use crate::model::{
    FileEntry, FileOutcome, ImprintInfo, Light, MastheadInfo, PlanInfo, Problem, Severity, Status,
    Summary, TaskEntry, UnitEntry,
};
use crate::plan::meta::Contact;
use crate::plan::Plan;

/// Problems by file, sheet, row, severity and code; exact repeats dropped.
pub(super) fn sort_problems(problems: &mut Vec<Problem>) {
    problems.sort_by(|a, b| {
        (
            a.file.as_str(),
            a.sheet.as_deref(),
            a.row,
            a.severity,
            a.code,
        )
            .cmp(&(
                b.file.as_str(),
                b.sheet.as_deref(),
                b.row,
                b.severity,
                b.code,
            ))
    });
    problems.dedup();
}

/// The ledger's summary counts.
pub(super) fn summarise(
    info: &PlanInfo,
    tasks: &[TaskEntry],
    units: &[UnitEntry],
    files: &[FileEntry],
    problems: &[Problem],
) -> Summary {
    let count = |s: Status| tasks.iter().filter(|t| t.status == s).count() as u32;
    let lit = |l: Light| tasks.iter().filter(|t| t.light == l).count() as u32;
    let total = tasks.len() as u32;
    let completed = count(Status::Completed);
    // The units that sent progress (the collector left out): owing it, or not.
    let (owing, not_owing): (Vec<&UnitEntry>, Vec<&UnitEntry>) = units
        .iter()
        .filter(|u| !u.files.is_empty() && u.name != info.collector)
        .partition(|u| !u.expected.is_empty());
    // Reported: at least one of the tasks it owes (a unit whose return covers only other
    // units' tasks, or whose file could not be read, has not).
    let units_reported = owing
        .iter()
        .filter(|u| u.missing.len() < u.expected.len())
        .count() as u32;
    // Of those owing nothing, the ones whose progress counts somewhere (a partner
    // writing to the bureau, not a unit with no part in the tasks it wrote on: its
    // rows are set aside; second review d 1: 已一并汇总 said of such a unit).
    let units_other = not_owing
        .iter()
        .filter(|u| crate::model::queries::counts_somewhere(tasks, &u.name))
        .count() as u32;
    Summary {
        total,
        completed,
        confirming: count(Status::Confirming),
        ongoing: count(Status::Ongoing),
        in_progress: count(Status::InProgress),
        not_started: count(Status::NotStarted),
        not_applicable: count(Status::NotApplicable),
        unreported: count(Status::Unreported),
        unclear: count(Status::Unclear),
        completion_rate: if total == 0 {
            0.0
        } else {
            (completed as f64 * 1000.0 / total as f64).round() / 10.0
        },
        completion_basis: format!("{}项数÷任务总数（{total}项）", Status::Completed.label()),
        overdue: tasks.iter().filter(|t| t.overdue).count() as u32,
        done_late: tasks.iter().filter(|t| t.done_late.is_some()).count() as u32,
        red: lit(Light::Red),
        yellow: lit(Light::Yellow),
        green: lit(Light::Green),
        // The collector is not counted among the units it collects from.
        units_expected: units
            .iter()
            .filter(|u| !u.expected.is_empty() && u.name != info.collector)
            .count() as u32,
        units_reported,
        units_other,
        files_read: files
            .iter()
            .filter(|f| f.outcome == FileOutcome::Read)
            .count() as u32,
        files_failed: files
            .iter()
            .filter(|f| f.outcome == FileOutcome::Failed)
            .count() as u32,
        files_skipped: files
            .iter()
            .filter(|f| f.outcome == FileOutcome::Skipped)
            .count() as u32,
        // In a lead unit's round, the rows on its own tasks (second review d 3: 173, the
        // whole folder's, beside a 报送明细 of 33).
        records: if info.tier == crate::model::Tier::Lead {
            tasks.iter().map(|t| t.reports.len() as u32).sum()
        } else {
            files.iter().map(|f| f.records).sum()
        },
        errors: problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count() as u32,
        warnings: problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count() as u32,
    }
}

/// Three days before the lead unit's own deadline, so that it has time to gather; a
/// Saturday or Sunday moved back to the Friday.
fn partner_deadline(lead_deadline: NaiveDate) -> NaiveDate {
    use chrono::{Datelike, Weekday};
    let d = lead_deadline - chrono::Days::new(3);
    match d.weekday() {
        Weekday::Sat => d - chrono::Days::new(1),
        Weekday::Sun => d - chrono::Days::new(2),
        _ => d,
    }
}

/// What renderers need to know about the plan. In a lead unit's round the lead unit
/// is the collector, writes to the bureau, and files its return by the plan's
/// return deadline; its contact is units.toml's for it (none when not given).
pub(super) fn plan_info(plan: &Plan, scope: &Scope) -> PlanInfo {
    let meta = &plan.meta;
    let self_word = |name: &str| {
        plan.units
            .unit(name)
            .map_or_else(|| crate::plan::units::self_word(name), |u| u.self_word())
    };
    let mut info = PlanInfo {
        title: meta.title.clone(),
        short_title: meta.short_title.clone(),
        doc_number: meta.doc_number.clone(),
        issuer: meta.issuer.clone(),
        issued_on: meta.issued_on,
        plan_id: meta.plan_id.clone(),
        collector: meta.collector.clone(),
        collector_full: meta.collector_full.clone(),
        addressee: meta.addressee.clone(),
        self_word: self_word(&meta.collector),
        reporting: meta.reporting,
        tier: Tier::Bureau,
        bureau: meta.collector.clone(),
        report_date: meta.report_date,
        return_deadline: meta.return_deadline,
        partner_deadline: None,
        notice_date: meta.notice_date.unwrap_or(meta.as_of),
        contact: meta.contact.clone(),
        fonts: meta.fonts.resolve(),
        warning_days: meta.warning_days,
        categories: plan.categories().into_iter().map(str::to_string).collect(),
        masthead: meta
            .masthead
            .as_ref()
            .filter(|m| m.print)
            .map(|m| MastheadInfo {
                mark: m
                    .mark
                    .clone()
                    .unwrap_or_else(|| format!("{}文件", meta.collector_full)),
                doc_number: m.doc_number.clone(),
                signer: m.signer.clone().unwrap_or_default(),
            }),
        imprint: meta.imprint.as_ref().map(|i| ImprintInfo {
            cc: i.cc.clone(),
            printer: i
                .printer
                .clone()
                .unwrap_or_else(|| format!("{}办公室", meta.collector_full)),
            date: i.print_date.unwrap_or(meta.report_date),
        }),
    };
    if let Some(lead) = scope.lead() {
        let unit = plan.units.unit(lead);
        info.tier = Tier::Lead;
        info.collector = lead.to_string();
        info.collector_full = unit
            .map(|u| u.full_name.trim())
            .filter(|f| !f.is_empty())
            .unwrap_or(lead)
            .to_string();
        info.self_word = self_word(lead);
        info.addressee = meta.collector.clone();
        info.report_date = meta.return_deadline;
        info.partner_deadline = Some(
            meta.partner_deadline
                .unwrap_or_else(|| partner_deadline(meta.return_deadline)),
        );
        // Its own contact when units.toml gives one; else none (never the bureau's).
        info.contact = unit.and_then(|u| u.contact.clone()).unwrap_or(Contact {
            name: String::new(),
            phone: String::new(),
            email: String::new(),
        });
        // The bureau's 版头 and 版记 are not the lead unit's.
        info.masthead = None;
        info.imprint = None;
    }
    info
}
