//! What the page shows, computed once per run from the ledger: the status of every unit
//! expected this round, the task table, the problems grouped by file, and what each
//! uploaded file gave. Serialised to JSON for the page's script; every label is Chinese
//! and taken from the model (`Status::label`, `Light::label`, `Severity::label`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::common::dates::render_date;
use crate::model::queries::{partners_missing, unreadable_files};
use crate::model::{FileEntry, FileOutcome, Ledger, Light, Problem, Status, Tier};

/// The whole page's data.
#[derive(Debug, Serialize)]
pub struct State<'a> {
    pub title: &'a str,
    pub collector: &'a str,
    pub as_of: String,
    /// 本局汇总 or 牵头单位汇总（区水利局）.
    pub round: String,
    /// The last run failed: why (the page keeps showing the last good state).
    pub error: Option<String>,
    pub summary: Vec<Count>,
    pub units: Vec<UnitView<'a>>,
    pub tasks: Vec<TaskView<'a>>,
    pub problems: Vec<FileProblems<'a>>,
    pub files: Vec<FileView<'a>>,
    pub documents: Vec<DocumentView>,
}

#[derive(Debug, Serialize)]
pub struct Count {
    pub label: &'static str,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct UnitView<'a> {
    pub name: &'a str,
    /// `reported`, `partly`, `none`, `unreadable`.
    pub state: &'static str,
    pub state_label: &'static str,
    /// 向区住房城乡建委报送 / 经区水利局汇总.
    pub tier: String,
    pub expected: usize,
    pub reported: usize,
    pub files: &'a [String],
    pub last_filed_on: Option<String>,
    pub unreadable: Vec<String>,
    pub tasks: Vec<UnitTaskView<'a>>,
    pub red: usize,
    pub yellow: usize,
    /// A reminder text exists for the unit (it still owes something).
    pub remind: bool,
}

#[derive(Debug, Serialize)]
pub struct UnitTaskView<'a> {
    pub id: u32,
    pub short: &'a str,
    pub light: &'static str,
    pub light_label: &'static str,
    pub status_label: &'static str,
    /// The unit has a current report on the task.
    pub reported: bool,
}

#[derive(Debug, Serialize)]
pub struct TaskView<'a> {
    pub id: u32,
    pub category: &'a str,
    pub short: &'a str,
    pub measure: &'a str,
    pub deadline: &'a str,
    pub status: &'static str,
    pub status_label: &'static str,
    pub light: &'static str,
    pub light_label: &'static str,
    pub overdue: bool,
    pub deciders: String,
    pub breakdown: String,
    pub awaiting: String,
    pub doubts: &'a [String],
    pub sources: Vec<SourceView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct SourceView<'a> {
    pub unit: &'a str,
    pub status_label: &'static str,
    pub filed_on: Option<String>,
    pub place: String,
    pub superseded: bool,
}

#[derive(Debug, Serialize)]
pub struct FileProblems<'a> {
    /// The file, or 其他 for problems of no one file.
    pub file: &'a str,
    pub items: Vec<ProblemView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ProblemView<'a> {
    pub severity: &'static str,
    pub severity_label: &'static str,
    pub at: String,
    pub message: &'a str,
}

#[derive(Debug, Serialize)]
pub struct FileView<'a> {
    pub file: &'a str,
    pub outcome: &'static str,
    pub outcome_label: &'static str,
    pub unit: Option<&'a str>,
    pub records: u32,
    pub filed_on: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DocumentView {
    pub key: &'static str,
    pub label: String,
    pub href: String,
}

fn light_key(l: Light) -> &'static str {
    match l {
        Light::Red => "red",
        Light::Yellow => "yellow",
        Light::Green => "green",
        Light::Off => "off",
    }
}

fn date(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(render_date)
}

/// The words for a file's outcome.
pub fn outcome_label(o: FileOutcome) -> &'static str {
    match o {
        FileOutcome::Read => "已读取",
        FileOutcome::Evidence => "佐证材料",
        FileOutcome::Unpacked => "压缩包，已解开",
        FileOutcome::Skipped => "已跳过",
        FileOutcome::Failed => "无法读取",
    }
}

fn outcome_key(o: FileOutcome) -> &'static str {
    match o {
        FileOutcome::Read => "read",
        FileOutcome::Evidence => "evidence",
        FileOutcome::Unpacked => "unpacked",
        FileOutcome::Skipped => "skipped",
        FileOutcome::Failed => "failed",
    }
}

/// 工作表“…”第…行, where a problem has a place in its file.
pub fn place(p: &Problem) -> String {
    let mut at = String::new();
    if let Some(sh) = &p.sheet {
        at.push_str(&format!("工作表“{sh}”"));
    }
    if let Some(r) = p.row {
        at.push_str(&format!("第{r}行"));
    }
    at
}

pub fn problem_view(p: &Problem) -> ProblemView<'_> {
    ProblemView {
        severity: match p.severity {
            crate::model::Severity::Error => "error",
            crate::model::Severity::Warning => "warning",
            crate::model::Severity::Info => "info",
        },
        severity_label: p.severity.label(),
        at: place(p),
        message: &p.message,
    }
}

pub fn file_view(f: &FileEntry) -> FileView<'_> {
    FileView {
        file: &f.file,
        outcome: outcome_key(f.outcome),
        outcome_label: outcome_label(f.outcome),
        unit: f.unit.as_deref(),
        records: f.records,
        filed_on: date(f.filed_on),
    }
}

/// The page's data for `ledger` (the last run's), with `error` when the last run failed.
pub fn state<'a>(
    ledger: &'a Ledger,
    error: Option<String>,
    documents: Vec<DocumentView>,
) -> State<'a> {
    let s = &ledger.summary;
    let summary = [
        ("任务", format!("{}项", s.total)),
        (Status::Completed.label(), format!("{}项", s.completed)),
        ("完成率", format!("{:.1}%", s.completion_rate)),
        ("逾期", format!("{}项", s.overdue)),
        ("应报送单位", format!("{}个", s.units_expected)),
        (
            "已报送单位",
            format!("{}个", crate::model::queries::units_sent(ledger)),
        ),
        ("其他报送单位", format!("{}个", s.units_other)),
        (
            "报送文件",
            format!("{}个", s.files_read + s.files_failed + s.files_skipped),
        ),
        ("错误 / 警告", format!("{}条 / {}条", s.errors, s.warnings)),
    ]
    .into_iter()
    // Units that reported though they owe nothing: shown only when there are any.
    .filter(|(label, _)| *label != "其他报送单位" || s.units_other > 0)
    .map(|(label, value)| Count { label, value })
    .collect();
    let round = match ledger.plan.tier {
        Tier::Bureau => format!("{}汇总", ledger.plan.collector),
        Tier::Lead => format!(
            "牵头单位汇总（{}，报送{}）",
            ledger.plan.collector, ledger.plan.bureau
        ),
    };
    State {
        title: &ledger.plan.title,
        collector: &ledger.plan.collector,
        as_of: render_date(ledger.as_of),
        round,
        error,
        summary,
        units: units(ledger),
        tasks: ledger.tasks.iter().map(|t| task_view(ledger, t)).collect(),
        problems: problems_by_file(&ledger.problems),
        files: ledger.files.iter().map(file_view).collect(),
        documents,
    }
}

/// Every unit expected this round (the collector aside), then in lead reporting the
/// partners whose progress the lead units consolidate.
fn units(ledger: &Ledger) -> Vec<UnitView<'_>> {
    let chain = crate::model::queries::chain(ledger);
    let to = match ledger.plan.tier {
        Tier::Bureau => format!("向{}报送", ledger.plan.collector),
        Tier::Lead => format!("向{}报送", ledger.plan.collector),
    };
    let mut out = Vec::new();
    for u in &ledger.units {
        if u.name == ledger.plan.collector {
            continue;
        }
        let owes = !u.expected.is_empty();
        let partner = chain && !owes && !u.reports_to.is_empty();
        if !owes && !partner {
            continue;
        }
        let unreadable: Vec<String> = unreadable_files(ledger, &u.name)
            .into_iter()
            .map(|f| f.file.to_string())
            .collect();
        let ids: &[u32] = if owes { &u.expected } else { &u.reported };
        let done = if owes {
            u.expected.len() - u.missing.len()
        } else {
            u.reported.len()
        };
        let (state, state_label) = if owes && u.missing.is_empty() || !owes && done > 0 {
            ("reported", "已报送")
        } else if done > 0 {
            ("partly", "部分报送")
        } else if !unreadable.is_empty() {
            ("unreadable", "文件无法读取")
        } else {
            ("none", "未报送")
        };
        let tasks: Vec<UnitTaskView> = ledger
            .tasks
            .iter()
            .filter(|t| ids.contains(&t.id))
            .map(|t| UnitTaskView {
                id: t.id,
                short: &t.short_name,
                light: light_key(t.light),
                light_label: t.light.label(),
                status_label: t.status.label(),
                reported: u.reported.contains(&t.id),
            })
            .collect();
        let remind = owes && (!u.missing.is_empty() || !partners_missing(ledger, u).is_empty());
        out.push(UnitView {
            name: &u.name,
            state,
            state_label,
            tier: if partner {
                format!("经{}汇总", u.reports_to.join("、"))
            } else {
                to.clone()
            },
            expected: if owes { u.expected.len() } else { 0 },
            reported: done,
            files: &u.files,
            last_filed_on: date(u.last_filed_on),
            unreadable,
            red: tasks.iter().filter(|t| t.light == "red").count(),
            yellow: tasks.iter().filter(|t| t.light == "yellow").count(),
            tasks,
            remind,
        });
    }
    // The units owing the collector first, then the partners (a stable sort keeps the
    // directory order within each).
    out.sort_by_key(|u| u.tier.starts_with('经'));
    out
}

fn task_view<'a>(ledger: &'a Ledger, t: &'a crate::model::TaskEntry) -> TaskView<'a> {
    let b = &t.breakdown;
    let parts: Vec<String> = [
        (Status::Completed, b.completed),
        (Status::Ongoing, b.ongoing),
        (Status::InProgress, b.in_progress),
        (Status::NotStarted, b.not_started),
        (Status::NotApplicable, b.not_applicable),
        (Status::Unclear, b.unclear),
        (Status::Unreported, b.unreported),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(s, n)| format!("{}{n}", s.label()))
    .collect();
    let deciders: Vec<&str> = t.deciders().iter().map(String::as_str).collect();
    let _ = ledger;
    TaskView {
        id: t.id,
        category: &t.category,
        short: &t.short_name,
        measure: &t.measure,
        deadline: &t.deadline.text,
        status: t.status.as_str(),
        status_label: t.status.label(),
        light: light_key(t.light),
        light_label: t.light.label(),
        overdue: t.overdue,
        deciders: deciders.join("、"),
        breakdown: format!("{}个单位决定：{}", b.deciders, parts.join("，")),
        awaiting: t.awaiting.join("、"),
        doubts: &t.doubts,
        sources: t
            .reports
            .iter()
            .map(|r| SourceView {
                unit: &r.unit,
                status_label: r.status.label(),
                filed_on: date(r.filed_on),
                place: format!(
                    "{} 工作表“{}”第{}行",
                    r.source.file, r.source.sheet, r.source.row
                ),
                superseded: r.superseded,
            })
            .collect(),
    }
}

/// The problems grouped by file, in the ledger's order (by file, sheet, row).
pub fn problems_by_file(problems: &[Problem]) -> Vec<FileProblems<'_>> {
    let mut by_file: BTreeMap<&str, Vec<ProblemView>> = BTreeMap::new();
    for p in problems {
        by_file
            .entry(p.file.as_str())
            .or_default()
            .push(problem_view(p));
    }
    by_file
        .into_iter()
        .map(|(file, items)| FileProblems {
            file: if file.is_empty() { "其他" } else { file },
            items,
        })
        .collect()
}
