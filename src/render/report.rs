//! The consolidated report (整改情况报告): ledger → tera context → block language →
//! blocks. The wording lives in templates/report.tera (compiled in; `--templates DIR`
//! overrides it); the numbers and lists come from the ledger only.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::common::dates::render_date;
use crate::common::text::excerpt;
use crate::model::Status;
use crate::model::{Ledger, TaskEntry, UnitReport};
use crate::plan::Role;
use crate::render::blocks::{self, Block, BlockError};

/// The template the report is rendered from.
pub const REPORT_TEMPLATE: &str = "report.tera";

/// The checklist notice (任务清单通知), one per unit.
pub const NOTICE_TEMPLATE: &str = "notice.tera";
/// The reminder (催报通知), one per unit that still owes reports.
pub const REMINDER_TEMPLATE: &str = "reminder.tera";
/// The list of units that still owe reports (未报送单位清单).
pub const REMINDER_LIST_TEMPLATE: &str = "reminder-list.tera";

/// The default templates, compiled into the binary: (file name, content).
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (REPORT_TEMPLATE, include_str!("../../templates/report.tera")),
    (NOTICE_TEMPLATE, include_str!("../../templates/notice.tera")),
    (
        REMINDER_TEMPLATE,
        include_str!("../../templates/reminder.tera"),
    ),
    (
        REMINDER_LIST_TEMPLATE,
        include_str!("../../templates/reminder-list.tera"),
    ),
];

/// Why the report could not be produced. Messages are Chinese (users read them).
#[derive(Debug)]
pub enum ReportError {
    /// A template could not be read, parsed or rendered.
    Template {
        file: String,
        /// 1-based line and column, when tera knows them.
        line: Option<usize>,
        column: Option<usize>,
        message: String,
        detail: String,
    },
    /// The rendered template is not valid block language.
    Blocks { file: String, error: BlockError },
    /// The templates folder could not be read.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// docx-rs failed to write the package.
    Docx(String),
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::Template {
                file,
                line,
                column,
                message,
                detail,
            } => {
                write!(f, "模板错误：{file}")?;
                if let (Some(l), Some(c)) = (line, column) {
                    write!(f, " 第{l}行第{c}列")?;
                }
                write!(f, "：{message}")?;
                if !detail.is_empty() {
                    write!(f, "\n{detail}")?;
                }
                Ok(())
            }
            ReportError::Blocks { file, error } => write!(f, "模板 {file} 的输出有误：{error}"),
            ReportError::Io { path, error } => {
                write!(f, "无法读取模板文件夹 {}（{error}）", path.display())
            }
            ReportError::Docx(e) => write!(f, "无法生成Word文件（{e}）"),
        }
    }
}

impl std::error::Error for ReportError {}

/// Where the templates come from: the compiled-in defaults, each overridden by a file
/// of the same name in `dir`.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    pub dir: Option<PathBuf>,
}

impl Templates {
    pub fn new(dir: Option<&Path>) -> Templates {
        Templates {
            dir: dir.map(Path::to_path_buf),
        }
    }

    /// (name, shown path, content) of every template, defaults first, overrides after.
    fn sources(&self) -> Result<Vec<(String, String, String)>, ReportError> {
        let mut out: BTreeMap<String, (String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, c)| {
                (
                    n.to_string(),
                    (format!("templates/{n}（内置）"), c.to_string()),
                )
            })
            .collect();
        if let Some(dir) = &self.dir {
            let io = |error| ReportError::Io {
                path: dir.clone(),
                error,
            };
            let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
                .map_err(io)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "tera") && p.is_file())
                .collect();
            entries.sort();
            for p in entries {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                let content = std::fs::read_to_string(&p).map_err(|error| ReportError::Io {
                    path: p.clone(),
                    error,
                })?;
                out.insert(name, (p.display().to_string(), content));
            }
        }
        Ok(out
            .into_iter()
            .map(|(n, (shown, c))| (n, shown, c))
            .collect())
    }
}

/// Render the report template over the ledger and parse the result into blocks.
pub fn report_blocks(ledger: &Ledger, templates: &Templates) -> Result<Vec<Block>, ReportError> {
    template_blocks(templates, REPORT_TEMPLATE, &ReportContext::new(ledger))
}

/// Render template `name` over `context` and parse the result into blocks. Every
/// template (defaults and overrides) is loaded, so one may `{% include %}` another.
pub fn template_blocks<C: Serialize>(
    templates: &Templates,
    name: &str,
    context: &C,
) -> Result<Vec<Block>, ReportError> {
    let sources = templates.sources()?;
    let shown = |name: &str| {
        sources
            .iter()
            .find(|(n, _, _)| n == name)
            .map_or_else(|| name.to_string(), |(_, s, _)| s.clone())
    };
    let mut tera = tera::Tera::new();
    // Filters first, then templates (tera 2 checks filter names when adding templates).
    tera.register_filter("cn_num", |n: i64, _: tera::Kwargs, _: &tera::State| {
        cn_number(n.max(0) as u64)
    });
    tera.register_filter(
        "title_lines",
        |s: &str, kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<Vec<String>> {
            let max = kw.get::<i64>("max")?.unwrap_or(20).max(1) as usize;
            Ok(balanced_lines(s, max))
        },
    );
    tera.set_escape_fn(blocks::escape_to);
    tera.autoescape_on(vec![".tera"]);
    for (name, _, content) in &sources {
        tera.add_raw_template(name, content)
            .map_err(|e| template_error(&shown, name, e))?;
    }
    let context =
        tera::Context::from_serialize(context).map_err(|e| template_error(&shown, name, e))?;
    let text = tera
        .render(name, &context)
        .map_err(|e| template_error(&shown, name, e))?;
    blocks::parse(&text).map_err(|error| ReportError::Blocks {
        file: shown(name),
        error,
    })
}

fn template_error(shown: &dyn Fn(&str) -> String, name: &str, e: tera::Error) -> ReportError {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let file = if r.filename().is_empty() {
                name
            } else {
                r.filename()
            };
            ReportError::Template {
                file: shown(file),
                line: Some(r.span().start_line),
                column: Some(r.span().start_col + 1),
                message: r.message().to_string(),
                detail: e.to_string(),
            }
        }
        _ => ReportError::Template {
            file: shown(name),
            line: None,
            column: None,
            message: e.to_string(),
            detail: String::new(),
        },
    }
}

/// 1 → 一, 12 → 十二, 20 → 二十 (for numbering up to 99).
pub fn cn_number(n: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n % 10) as usize] }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

/// Split a title into the fewest lines of at most `max` characters, as even as possible
/// (a 29-character title at 20 a line: 15 + 14, not 20 + 9).
pub fn balanced_lines(s: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    let n = chars.len().div_ceil(max.max(1));
    let mut lines = Vec::with_capacity(n);
    let mut start = 0;
    for k in 1..n {
        // The ideal break for equal lines, moved to the best word boundary near it.
        let ideal = chars.len() * k / n;
        let lo = (start + 1).max(ideal.saturating_sub(5));
        let hi = (ideal + 5).min(chars.len() - 1).min(start + max);
        let best = (lo..=hi)
            .max_by_key(|&pos| {
                let weight = break_weight(&chars[..pos]) as i64;
                weight * 4 - (pos as i64 - ideal as i64).abs()
            })
            .unwrap_or(ideal);
        lines.push(chars[start..best].iter().collect());
        start = best;
    }
    lines.push(chars[start..].iter().collect());
    lines
}

/// How good a title break after `before` is: after 关于 / 情况 / 意见 / 方案 (the ends of
/// a title's phrases) best, after other word endings less, inside a word not at all.
fn break_weight(before: &[char]) -> u32 {
    let tail: String = before
        .iter()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    match tail.as_str() {
        "关于" | "情况" | "意见" | "方案" | "报告" => 3,
        "工作" | "整改" | "落实" | "常委会" | "防治" => 2,
        _ if tail.ends_with(['、', '，', '和', '及']) => 2,
        _ => 0,
    }
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

/// Consecutive current reports with the same role and the same words, told once:
/// "来苏镇、宝峰镇：完成农田排灌渠系整治。"
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportGroup {
    /// Unit names joined with 、.
    pub units: String,
    /// lead / responsible / cooperating / unassigned
    pub role: &'static str,
    /// 牵头单位 / 责任单位 / 配合单位 / 未分配单位
    pub role_label: String,
    /// The progress text as reported (line breaks kept).
    pub text: String,
    /// The status as a short note: 已完成，完成时间2020年9月30日 / 待核实（“见附件”）…
    pub note: String,
    /// Several units of a supporting role told in one sentence (names and status
    /// counts); their full text is in the attachment table.
    pub condensed: bool,
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Lead => "lead",
        Role::Responsible => "responsible",
        Role::Cooperating => "cooperating",
        Role::Unassigned => "unassigned",
    }
}

fn report_note(r: &UnitReport) -> String {
    let mut note = match r.status {
        Status::Unclear if !r.status_text.trim().is_empty() => {
            format!("状态待核实：“{}”", excerpt(&r.status_text, 20))
        }
        s => s.label().to_string(),
    };
    if let Some(d) = r.completed_on {
        note.push_str(&format!("，完成时间{}", render_date(d)));
    }
    note
}

/// The current reports of a task, grouped (lead, responsible, cooperating, unassigned:
/// the ledger's order).
pub fn report_groups(task: &TaskEntry) -> Vec<ReportGroup> {
    let mut groups: Vec<(Vec<&str>, Role, String, String)> = Vec::new();
    for r in task.current_reports() {
        let text = r.progress.trim().to_string();
        let note = report_note(r);
        match groups.last_mut() {
            Some((units, role, t, n)) if *role == r.role && *t == text && *n == note => {
                if !units.contains(&r.unit.as_str()) {
                    units.push(&r.unit);
                }
            }
            _ => groups.push((vec![&r.unit], r.role, text, note)),
        }
    }
    groups
        .into_iter()
        .map(|(units, role, text, note)| ReportGroup {
            units: units.join("、"),
            role: role_name(role),
            role_label: format!("{}单位", role.label()),
            text,
            note,
            condensed: false,
        })
        .collect()
}

/// The groups the report body tells: the units that decide the task (its lead units,
/// else its responsible units) in full; each other role's units in one sentence with
/// their status counts, since the attachment table carries every unit's text.
pub fn body_groups(task: &TaskEntry) -> Vec<ReportGroup> {
    let deciding = if task.lead.is_empty() {
        Role::Responsible
    } else {
        Role::Lead
    };
    let mut out: Vec<ReportGroup> = report_groups(task)
        .into_iter()
        .filter(|g| g.role == role_name(deciding))
        .collect();
    for role in [Role::Responsible, Role::Cooperating, Role::Unassigned] {
        if role == deciding {
            continue;
        }
        let reports: Vec<&UnitReport> = task.current_reports().filter(|r| r.role == role).collect();
        if reports.is_empty() {
            continue;
        }
        let mut names: Vec<&str> = Vec::new();
        for r in &reports {
            if !names.contains(&r.unit.as_str()) {
                names.push(&r.unit);
            }
        }
        let units = if names.len() > 6 {
            format!("{}等{}个单位", names[..6].join("、"), names.len())
        } else {
            names.join("、")
        };
        let mut counts: Vec<String> = Vec::new();
        for st in [
            Status::Completed,
            Status::Ongoing,
            Status::InProgress,
            Status::NotStarted,
            Status::Unclear,
        ] {
            let k = reports.iter().filter(|r| r.status == st).count();
            if k > 0 {
                counts.push(if names.len() == 1 {
                    st.label().to_string()
                } else {
                    format!("{}{k}个", st.label())
                });
            }
        }
        out.push(ReportGroup {
            units,
            role: role_name(role),
            role_label: format!("{}单位", role.label()),
            text: String::new(),
            note: counts.join("、"),
            condensed: true,
        });
    }
    out
}

/// Who answers for a task, as the table writes it: (label, units).
pub fn owner(task: &TaskEntry) -> (&'static str, String) {
    let t = &task.assigned_text;
    if !t.lead.trim().is_empty() {
        ("牵头单位", t.lead.clone())
    } else if !t.responsible.trim().is_empty() {
        ("责任单位", t.responsible.clone())
    } else {
        ("责任单位", task.responsible.join("、"))
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

/// The plan as every template sees it (`plan.…`): the report, notices, reminders.
#[derive(Debug, Serialize)]
pub(crate) struct PlanContext<'a> {
    title: &'a str,
    short_title: &'a str,
    /// The title without its final 方案: "…评议意见整改".
    subject: &'a str,
    doc_number: &'a str,
    issuer: &'a str,
    issued_on: String,
    collector: &'a str,
    collector_full: &'a str,
    addressee: &'a str,
}

impl<'a> PlanContext<'a> {
    pub(crate) fn new(l: &'a Ledger) -> PlanContext<'a> {
        let p = &l.plan;
        PlanContext {
            title: &p.title,
            short_title: &p.short_title,
            subject: p.title.strip_suffix("方案").unwrap_or(&p.title),
            doc_number: &p.doc_number,
            issuer: &p.issuer,
            issued_on: render_date(p.issued_on),
            collector: &p.collector,
            collector_full: &p.collector_full,
            addressee: &p.addressee,
        }
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
        let p = &l.plan;
        let s = &l.summary;
        let categories: Vec<CategoryContext> = p
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
            .collect();
        let with = |f: &dyn Fn(&TaskEntry) -> bool| -> Vec<TaskContext> {
            l.tasks
                .iter()
                .filter(|t| f(t))
                .map(TaskContext::new)
                .collect()
        };
        let brief = |u: &crate::model::UnitEntry| UnitBrief {
            name: u.name.clone(),
            missing: u
                .missing
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            missing_count: u.missing.len(),
        };
        let silent_units: Vec<UnitBrief> = l
            .units
            .iter()
            .filter(|u| !u.expected.is_empty() && u.reported.is_empty())
            .map(brief)
            .collect();
        let partial_units: Vec<UnitBrief> = l
            .units
            .iter()
            .filter(|u| !u.missing.is_empty() && !u.reported.is_empty())
            .map(brief)
            .collect();
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
        let issues = Issues {
            overdue: with(&|t| t.overdue),
            not_started: with(&|t| t.status == Status::NotStarted),
            unreported: with(&|t| t.status == Status::Unreported),
            unclear: with(&|t| t.status == Status::Unclear),
            silent_units,
            partial_units,
            conflicts,
            none: false,
        };
        let none = issues.overdue.is_empty()
            && issues.not_started.is_empty()
            && issues.unreported.is_empty()
            && issues.unclear.is_empty()
            && issues.silent_units.is_empty()
            && issues.partial_units.is_empty()
            && issues.conflicts.is_empty();
        ReportContext {
            plan: PlanContext::new(l),
            as_of: render_date(l.as_of),
            report_date: render_date(p.report_date),
            summary: SummaryContext {
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
                categories: categories.len(),
            },
            categories,
            issues: Issues { none, ..issues },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names() {
        assert_eq!(cn_number(1), "一");
        assert_eq!(cn_number(10), "十");
        assert_eq!(cn_number(14), "十四");
        assert_eq!(cn_number(20), "二十");
        assert_eq!(cn_number(63), "六十三");
        assert_eq!(rate_text(7.9), "7.9");
        assert_eq!(balanced_lines("一二三四五", 2), ["一", "二三", "四五"]);
        let even = balanced_lines(&"字".repeat(29), 20);
        assert_eq!(
            even.iter().map(|l| l.chars().count()).collect::<Vec<_>>(),
            [14, 15]
        );
        // Breaks fall at the ends of a title's phrases, not inside a word.
        assert_eq!(
            balanced_lines(
                "关于区人大常委会水污染防治工作情况评议意见整改情况的报告",
                20
            ),
            [
                "关于区人大常委会水污染防治工作情况",
                "评议意见整改情况的报告"
            ]
        );
        assert_eq!(
            balanced_lines(
                "区人大常委会水污染防治工作情况评议意见整改任务落实情况台账",
                24
            ),
            [
                "区人大常委会水污染防治工作情况",
                "评议意见整改任务落实情况台账"
            ]
        );
        assert_eq!(rate_text(100.0), "100");
        assert_eq!(category_name("一、科学施策,有效降低"), "科学施策,有效降低");
        assert_eq!(category_name("水、气"), "水、气");
    }
}
