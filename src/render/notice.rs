//! Notices to units, in the report's GB/T 9704 layout: the checklist notice (任务清单
//! 通知, templates/notice.tera), the reminder (催报通知, templates/reminder.tera) and the
//! list of units that still owe reports (未报送单位清单, templates/reminder-list.tera).
//! Ledger → context → template → blocks → `render::document::blocks_docx`, like the
//! report; the contexts are documented in docs/blocks.md.

use chrono::NaiveDate;
use serde::Serialize;

use crate::common::dates::render_date;
use crate::common::text::planned_clause;
use crate::model::queries::{
    named_on, partners_missing, role_of, tasks_via_leads, unit_tasks, units_missing,
    unreadable_files, Unreadable,
};
use crate::model::{Code, Ledger, Light, Status, TaskEntry, UnitEntry};
use crate::plan::{Role, UnitKind};
use crate::render::blocks::Block;
use crate::render::error::RenderError;
use crate::render::files::checklist_files;
use crate::render::templates::{
    template_blocks, PlanContext, Templates, NOTICE_TEMPLATE, REMINDER_LIST_TEMPLATE,
    REMINDER_TEMPLATE,
};

/// How long a task's short name is in notices (characters).
const SHORT: usize = 12;

#[derive(Debug, Serialize)]
struct ContactContext<'a> {
    name: &'a str,
    phone: &'a str,
    email: &'a str,
}

impl<'a> ContactContext<'a> {
    fn new(ledger: &'a Ledger) -> ContactContext<'a> {
        let c = &ledger.plan.contact;
        ContactContext {
            name: &c.name,
            phone: &c.phone,
            email: &c.email,
        }
    }
}

/// One task in a notice.
#[derive(Debug, Serialize)]
pub struct NoticeTask {
    pub id: u32,
    /// The measure's first clause, at most 12 characters.
    pub short: String,
    pub measure: String,
    /// The deadline as written in the table.
    pub deadline_text: String,
    /// The deadline as a phrase: 2020年12月31日前完成，并长期坚持 / 长期坚持.
    pub deadline: String,
    /// The due date has passed on the ledger's as-of date and the task is not done.
    pub past_due: bool,
    /// What a reminder says of a due date passed on a task not known done: 已逾期 (the
    /// unit's part is past due); where those who answered report it done (已报完成待确认),
    /// who says so (据区城市管理局报送已完成，请确认); or nothing.
    pub past_mark: String,
    /// 牵头 / 责任 / 配合.
    pub role: &'static str,
    /// When the task is done, as the unit's own current report plans it (预计12月底报批),
    /// or empty: a reminder does not ask again for what it gave. Read for `red_open`
    /// alone, the tasks a reminder hurries.
    pub planned: String,
    /// Of a task the unit only cooperates on, whose deciders are behind: who has not
    /// reported it done (23个责任单位中尚有20个未报完成 / 23个责任单位均未报完成 / 牵头单位区水利局
    /// 尚未报完成), or empty. Read for `red_helping` alone.
    pub behind: String,
}

/// Tasks with the same deadline phrase, in task order.
#[derive(Debug, Serialize)]
pub struct DeadlineGroup {
    pub deadline: String,
    pub past_due: bool,
    /// The tasks' [`NoticeTask::past_mark`] (a group splits where it differs).
    pub past_mark: String,
    pub tasks: Vec<NoticeTask>,
}

/// A unit's tasks of one role.
#[derive(Debug, Serialize)]
pub struct RoleGroup {
    /// lead / responsible / cooperating
    pub role: &'static str,
    /// 牵头 / 责任 / 配合
    pub label: &'static str,
    pub count: usize,
    pub deadlines: Vec<DeadlineGroup>,
    /// The same tasks in task order, each with its deadline (how an office lists them:
    /// by 序号).
    pub tasks: Vec<NoticeTask>,
}

#[derive(Debug, Serialize)]
struct UnitNoticeContext<'a> {
    plan: PlanContext<'a>,
    contact: ContactContext<'a>,
    unit: &'a str,
    /// The unit's official full name (units.toml), how the notice addresses it.
    unit_full: &'a str,
    /// The checklist file sent with the notice.
    file: String,
    /// The 附件 line's name of the form: 区水利局任务落实情况表 (one line).
    attachment: String,
    /// For a reminder: the unit's files that arrived but could not be read, and why.
    unreadable: Vec<UnreadableFile>,
    /// Some of them did not open (damaged, encrypted): the unit is told how to send a
    /// file that opens.
    damaged: bool,
    /// For a reminder to a unit with no report: its files that were read but held only
    /// rows on other units' tasks (a copy of the whole table), by name.
    others_only: Vec<String>,
    /// For a reminder to a unit with no report: the day its latest return filed after
    /// the as-of date came in (12月12日: counted next round), or empty.
    late_on: String,
    date: String,
    as_of: String,
    return_deadline: String,
    /// For a reminder in a lead unit's round: the lead unit's own deadline to the bureau
    /// while it is still ahead (a partner is never given until after it); empty
    /// otherwise.
    resend_by: String,
    /// For a reminder in a lead unit's round on or after that deadline: resend at once.
    resend_now: bool,
    /// For a reminder: the day to answer by, three working days after its date (a
    /// date, not 收到本通知后3个工作日内: units log deadlines by the day).
    reply_by: String,
    /// For a reminder to a unit whose progress another unit gathers: the day to send it
    /// to that unit, a working day before `reply_by` (the gatherer's own day to answer),
    /// so that it has a day to put the parts together.
    partner_reply_by: String,
    /// Tasks in the notice (all of the unit's, or the missing ones for a reminder).
    total: usize,
    /// For a reminder: the unit sent nothing at all.
    silent: bool,
    /// The 序号 of the tasks the unit reported on, joined with 、 (30、31、34): a reminder
    /// to a unit whose reports are all on tasks it does not owe the collector says what
    /// arrived, not only that something did.
    reported_ids: String,
    /// For a reminder: the unit owes the collector no task and gathers no partner's
    /// progress (it is reminded because a file it sent could not be read).
    owes_nothing: bool,
    /// The units the unit reports its progress through (lead reporting), joined with 、.
    reports_to: String,
    /// The tasks the plan gives the unit in any role (第9项, 第9、12项), empty if none.
    own_tasks: String,
    /// For a reminder: the previous round's date (2020年12月5日) when the unit sent
    /// nothing then either (连续两期未报送), else empty.
    silent_since: String,
    /// For a reminder: tasks the unit owes in all, and has reported.
    expected: usize,
    reported: usize,
    groups: Vec<RoleGroup>,
    tasks: Vec<NoticeTask>,
    /// The unit's tasks (any it owes a report on) that are overdue and not completed
    /// (红灯) at the ledger's as-of date.
    red: Vec<NoticeTask>,
    /// Of those, the ones the unit has reported on (its part not done) and the ones it
    /// has not: the first are told to hurry, the second to report.
    red_open: Vec<NoticeTask>,
    /// Of `red_open`, in a reminder, the tasks the unit only cooperates on: it is asked
    /// to go on helping, not told its task is late (moved out of `red_open`).
    red_helping: Vec<NoticeTask>,
    red_unreported: Vec<NoticeTask>,
    /// A reminder lists a task marked 已逾期 (`red_unreported`, or a task 已报完成待确认
    /// whose part from the unit is owed).
    marks_overdue: bool,
    /// In lead reporting, the units whose progress a lead unit consolidates on the
    /// notice's tasks, joined with 、 (shortened past six names).
    partners: String,
    /// The unit leads every task it gathers progress on (牵头); otherwise some are tasks
    /// without a lead that it is the only responsible unit of (负责汇总).
    leads_all: bool,
    /// For a reminder in lead reporting: the partners whose progress is still missing,
    /// a line per set of units (tasks lacking the same units share one).
    partners_missing: Vec<PartnersMissing>,
    /// How many tasks `partners_missing` covers.
    partners_missing_tasks: usize,
    /// For a reminder: the unit's reports to check (待核实), each with why.
    to_verify: Vec<VerifyLine>,
    /// For a reminder: nothing is missing and no file failed; only reports to check
    /// (the notice asks to verify, not for reports).
    verify_only: bool,
    /// The tasks of the notice the unit gathers its partners' progress on: 上述任务 when
    /// it is all of them, else 第63项 / 第1、4、11项; empty when none.
    gathered: String,
    /// How many tasks `gathered` names.
    gathered_count: usize,
    /// What the unit is on them: 牵头, 负责汇总 (tasks without a lead unit), or
    /// 牵头或负责汇总.
    gather_word: &'static str,
    /// The date of the collector's checklist notice (plan.toml `notice_date`) when it
    /// is before this document's date: the notice that set the return deadline. Empty
    /// otherwise (the notice itself, or no earlier notice known).
    noticed_on: String,
    /// In lead reporting, the unit's other tasks: those a lead unit gathers, reported
    /// to that lead (a town told of its 4 tasks to report here is told of the 22 it
    /// reports to the leads too). One entry per lead.
    via_leads: Vec<ViaLead>,
    /// How many tasks `via_leads` lists in all.
    via_leads_count: usize,
    /// Who gathers them: 牵头单位, 责任单位 (tasks without a lead unit), or both.
    via_word: &'static str,
    /// The one unit gathering them when there is one (请按区水利局的要求), else empty.
    via_lead: String,
}

/// A report to check, as a reminder names it: 第25项“…”：只填写“否”，未写明进展.
#[derive(Debug, Serialize)]
pub struct VerifyLine {
    pub id: u32,
    pub short: String,
    pub why: String,
    /// The deadline phrase when the task is past due and not done (the line then says
    /// 已逾期 and the requirements ask when it will be done), else empty.
    pub overdue_deadline: String,
}

/// The tasks a unit reports to one lead unit, not to the collector.
#[derive(Debug, Serialize)]
pub struct ViaLead {
    pub lead: String,
    /// 第1、4、11项.
    pub ids: String,
    pub count: usize,
}

/// [`tasks_via_leads`] as the notice names them.
fn via_leads(via_tasks: Vec<(String, Vec<u32>)>) -> Vec<ViaLead> {
    via_tasks
        .into_iter()
        .map(|(lead, v)| ViaLead {
            ids: task_list(&v),
            count: v.len(),
            lead,
        })
        .collect()
}

/// Task numbers as a notice names them together: 第63项, 第1、4、11项.
pub(crate) fn task_list(ids: &[u32]) -> String {
    let numbers: Vec<String> = ids.iter().map(u32::to_string).collect();
    format!("第{}项", numbers.join("、"))
}

/// Tasks of a lead unit's whose missing partners are the same units, and those units:
/// one line for 第30、35项 when both lack the same 19 towns.
#[derive(Debug, Serialize)]
pub struct PartnersMissing {
    /// The first task's id and short name.
    pub id: u32,
    pub short: String,
    /// Every task of the line: 第30项“排水信息清单”、第35项“封盖河道周边污水管网摸排修复”.
    pub tasks: String,
    pub ids: Vec<u32>,
    /// Unit names joined with 、.
    pub units: String,
}

/// [`partners_missing`] a line per set of units, in the order of each set's first task.
fn partners_missing_lines(ledger: &Ledger, unit: &UnitEntry) -> Vec<PartnersMissing> {
    let mut lines: Vec<PartnersMissing> = Vec::new();
    for (t, units) in partners_missing(ledger, unit) {
        let units = names_text(ledger, &units);
        let short = notice_task(ledger, t, &unit.name).short;
        let task = format!("第{}项“{short}”", t.id);
        match lines.iter_mut().find(|l| l.units == units) {
            Some(line) => {
                line.tasks.push('、');
                line.tasks.push_str(&task);
                line.ids.push(t.id);
            }
            None => lines.push(PartnersMissing {
                id: t.id,
                short,
                tasks: task,
                ids: vec![t.id],
                units,
            }),
        }
    }
    lines
}

/// The most towns a group leaves out by name (除中山路街道、来苏镇、宝峰镇、双石镇外的
/// 19个镇街): past that, naming the towns themselves is shorter to read.
const MAX_LEFT_OUT: usize = 6;

/// Names joined with 、, every unit named (a lead unit must know whom to chase); the
/// towns of a long list said as a group: 各镇街 when all are there, 除来苏镇、宝峰镇、
/// 双石镇外的20个镇街 when a few are not (up to [`MAX_LEFT_OUT`], fewer than half), else
/// each named.
fn names_text(ledger: &Ledger, names: &[&str]) -> String {
    if names.len() <= 6 {
        return names.join("、");
    }
    let is_town = |n: &str| {
        ledger
            .units
            .iter()
            .any(|u| u.name == n && u.kind == UnitKind::Town)
    };
    let (towns, others): (Vec<&str>, Vec<&str>) = names.iter().partition(|n| is_town(n));
    let all_towns: Vec<&str> = ledger
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::Town)
        .map(|u| u.name.as_str())
        .collect();
    let left_out: Vec<&str> = all_towns
        .iter()
        .copied()
        .filter(|t| !towns.contains(t))
        .collect();
    let town_text = if towns.len() < 4 {
        towns.join("、")
    } else if left_out.is_empty() {
        format!("各镇街（{}个）", towns.len())
    } else if left_out.len() <= MAX_LEFT_OUT && left_out.len() * 2 < towns.len() {
        format!("除{}外的{}个镇街", left_out.join("、"), towns.len())
    } else {
        towns.join("、")
    };
    match (others.is_empty(), town_text.is_empty()) {
        (true, _) => town_text,
        (false, true) => others.join("、"),
        (false, false) => format!("{}和{}", others.join("、"), town_text),
    }
}

/// The units whose progress `unit` consolidates on the tasks `ids`, in task order, each
/// once: on a task it gathers ([`TaskEntry::gathered_by`]), the task's other units but
/// its fellow deciders (they report their own part) and the collector.
fn partners_of<'a>(ledger: &'a Ledger, unit: &str, ids: &[u32]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for t in ledger.tasks.iter().filter(|t| ids.contains(&t.id)) {
        if !t.gathered_by(unit) {
            continue;
        }
        let deciders = t.deciders();
        for u in t.named_units() {
            if !deciders.contains(u) && *u != ledger.plan.collector && !out.contains(&u.as_str()) {
                out.push(u);
            }
        }
    }
    out
}

/// A file a unit sent that could not be read.
#[derive(Debug, Serialize)]
pub struct UnreadableFile {
    pub file: String,
    /// Why, in Chinese: the error's reason alone (for a file that did not open).
    pub reason: String,
    /// What happened to it, in Chinese, after the file's name: 无法读取（文件已损坏，
    /// 无法打开） (the error the clerk also sees in 问题清单, its reason alone), or, for a
    /// file that opened with nothing read, 是文字报告，未按下发的填报表填写.
    pub said: String,
    /// It opened; only what it holds could not be read.
    pub opened: bool,
}

impl UnreadableFile {
    fn new(u: &Unreadable) -> UnreadableFile {
        // The reason, not what to do about it (the notice says that itself).
        let reason = u.reason.split('。').next().unwrap_or_default().to_string();
        let said = match (u.opened, u.code) {
            (true, Some(Code::ProseReport)) => "是文字报告，未按下发的填报表逐项填写".to_string(),
            (true, _) => "中没有找到进展情况表".to_string(),
            (false, _) => format!("无法读取（{reason}）"),
        };
        UnreadableFile {
            file: u.file.to_string(),
            reason,
            said,
            opened: u.opened,
        }
    }
}

/// The first clause of a measure, at most `max` characters.
pub fn short_measure(measure: &str, max: usize) -> String {
    let first = measure
        .split(['，', ',', '。', '；', ';', '：', ':'])
        .map(str::trim)
        .find(|s| !s.is_empty())
        .unwrap_or("");
    crate::common::text::excerpt(first, max)
}

/// The deadline in the plan's own words, as a deadline: 2020年9月底 reads 2020年9月底前完成,
/// 2020年11月底完成,并长期保持 stays as written but for its comma (a notice quotes the
/// plan; it does not restate 9月底 as 9月30日 nor 长期保持 as 长期坚持). One written in figures
/// (2020/12/31) reads 2020年12月31日前完成.
fn deadline_phrase(t: &TaskEntry) -> String {
    // The plan writes both 9月底完成,并长期坚持 and 9月底完成并长期坚持: one form in a
    // notice, the comma full-width.
    let text = t
        .deadline
        .text
        .trim()
        .replace(',', "，")
        .replace("完成并长期", "完成，并长期");
    let Some(due) = t.deadline.due else {
        return if text.is_empty() {
            "未明确完成时限".to_string()
        } else {
            text
        };
    };
    if text.contains('年') && text.contains('月') {
        if text.contains("完成") {
            return text;
        }
        if !t.deadline.ongoing {
            let before = if text.ends_with('前') { "" } else { "前" };
            return format!("{text}{before}完成");
        }
    }
    let kept = if text.contains("保持") {
        "并长期保持"
    } else {
        "并长期坚持"
    };
    if t.deadline.ongoing {
        format!("{}前完成，{kept}", render_date(due))
    } else {
        format!("{}前完成", render_date(due))
    }
}

fn role_key(r: Role) -> &'static str {
    match r {
        Role::Lead => "lead",
        Role::Responsible => "responsible",
        Role::Cooperating => "cooperating",
        Role::Unassigned => "unassigned",
    }
}

/// [`NoticeTask::past_mark`] of `t`. A task its deciders report done while some are
/// silent (已报完成待确认) is 已逾期 to a silent one: its own part is past due and not
/// reported. One no decider has answered, that the units helping with it report done
/// (区城市管理局: 渗漏液应急收集池已于9月28日通过验收), is not called late to the unit
/// that owes it (the work may well have been done on time): the mark names who reports
/// it done and asks the unit to confirm.
fn past_mark(ledger: &Ledger, t: &TaskEntry) -> String {
    match t.status {
        _ if t.deadline.due.is_none_or(|d| d >= ledger.as_of) => String::new(),
        Status::Completed | Status::NotApplicable => String::new(),
        Status::Confirming if t.breakdown.completed == 0 => {
            let done = done_by(ledger, t);
            if done.is_empty() {
                PAST_DUE.to_string()
            } else {
                format!("{done}，请确认")
            }
        }
        _ => PAST_DUE.to_string(),
    }
}

/// Who reports `t` done, as a reminder says it (据凤凰湖产业促进中心报送已完成, 据X等4个
/// 单位报送已完成); empty when none does.
fn done_by(ledger: &Ledger, t: &TaskEntry) -> String {
    let mut done: Vec<&str> = Vec::new();
    for r in t.current_reports() {
        if r.counted_status(ledger.as_of) == Status::Completed && !done.contains(&r.unit.as_str()) {
            done.push(&r.unit);
        }
    }
    match done.len() {
        0 => String::new(),
        1..=3 => format!("据{}报送已完成", done.join("、")),
        n => format!("据{}等{n}个单位报送已完成", done[0]),
    }
}

fn notice_task(ledger: &Ledger, t: &TaskEntry, unit: &str) -> NoticeTask {
    let mut mark = past_mark(ledger, t);
    // To a unit that only helps with a task some deciders report done, others silent:
    // no part of its own is late, and the report does not count the task late (session
    // 57 review b 3: 第36项…（2020年11月底完成，并长期保持，已逾期） to 区住房城乡建委).
    if mark == PAST_DUE && t.status == Status::Confirming && role_of(t, unit) == Role::Cooperating {
        mark = format!("已过完成时限，{}", done_by(ledger, t));
    }
    NoticeTask {
        id: t.id,
        short: task_short(t),
        measure: t.measure.clone(),
        deadline_text: t.deadline.text.clone(),
        deadline: deadline_phrase(t),
        // Not of a task its deciders report done (or all that answered, 已报完成待确认):
        // the unit is asked for its part, not told the task is late.
        past_due: mark == PAST_DUE && t.status != Status::Confirming,
        past_mark: mark,
        role: role_of(t, unit).label(),
        planned: String::new(),
        behind: String::new(),
    }
}

/// Who of `t`'s deciders has not reported it done, as a reminder to a cooperating unit
/// says it: 牵头单位区水利局尚未报完成, 23个责任单位中尚有20个未报完成; empty when all have.
fn deciders_behind(t: &TaskEntry) -> String {
    let word = t.deciders_word();
    let b = &t.breakdown;
    let behind = b.deciders.saturating_sub(b.completed + b.not_applicable);
    match t.deciders() {
        _ if behind == 0 => String::new(),
        [one] => format!("{word}{one}尚未报完成"),
        all if behind as usize == all.len() => format!("{}个{word}均未报完成", all.len()),
        all => format!("{}个{word}中尚有{behind}个未报完成", all.len()),
    }
}

/// When `unit`'s own current report on `t` says the work will be done
/// ([`planned_clause`]), or empty.
fn planned_by(t: &TaskEntry, unit: &str) -> String {
    t.current_reports()
        .filter(|r| r.unit == unit)
        .find_map(|r| planned_clause(&r.progress).map(str::to_string))
        .unwrap_or_default()
}

/// A reminder's mark on a task past its due date and not done.
const PAST_DUE: &str = "已逾期";

/// The task's short name as notices give it: 简称, else whole clauses of its measure.
fn task_short(t: &TaskEntry) -> String {
    if t.short_name.trim().is_empty() {
        short_measure(&t.measure, SHORT)
    } else {
        t.short_name.clone()
    }
}

/// The tasks `ids` of `unit`, grouped by role (牵头, 责任, 配合), then by deadline phrase
/// (and, for a reminder, `past_due`: a task its deciders report done is not called
/// late), the phrases in date order and 长期坚持 last, ties in order of first appearance.
fn role_groups(ledger: &Ledger, unit: &str, ids: &[u32], split_past_due: bool) -> Vec<RoleGroup> {
    let tasks = unit_tasks(ledger, unit, ids);
    Role::ASSIGNED
        .iter()
        .filter_map(|&role| {
            let mine: Vec<&TaskEntry> = tasks
                .iter()
                .filter(|t| t.role == role)
                .map(|t| t.task)
                .collect();
            if mine.is_empty() {
                return None;
            }
            let mut deadlines: Vec<(Option<NaiveDate>, DeadlineGroup)> = Vec::new();
            for t in &mine {
                let nt = notice_task(ledger, t, unit);
                match deadlines.iter_mut().find(|(_, g)| {
                    g.deadline == nt.deadline && (!split_past_due || g.past_mark == nt.past_mark)
                }) {
                    Some((_, g)) => {
                        g.past_due &= nt.past_due;
                        g.tasks.push(nt);
                    }
                    None => deadlines.push((
                        t.deadline.due,
                        DeadlineGroup {
                            deadline: nt.deadline.clone(),
                            past_due: nt.past_due,
                            past_mark: if split_past_due {
                                nt.past_mark.clone()
                            } else {
                                String::new()
                            },
                            tasks: vec![nt],
                        },
                    )),
                }
            }
            deadlines.sort_by_key(|(due, _)| (due.is_none(), *due));
            let deadlines = deadlines.into_iter().map(|(_, g)| g).collect();
            let mut tasks: Vec<NoticeTask> =
                mine.iter().map(|t| notice_task(ledger, t, unit)).collect();
            tasks.sort_by_key(|t| t.id);
            Some(RoleGroup {
                role: role_key(role),
                label: role.label(),
                count: mine.len(),
                deadlines,
                tasks,
            })
        })
        .collect()
}

fn unit_context<'a>(
    ledger: &'a Ledger,
    unit: &'a UnitEntry,
    ids: &[u32],
    date: NaiveDate,
    reminder: bool,
) -> UnitNoticeContext<'a> {
    // A reminder mentioning a return that came after the round's date is dated no
    // earlier than that return (it was written once the return had come).
    let late = late_return(ledger, unit);
    let date = match late {
        Some(day) if reminder => date.max(day),
        _ => date,
    };
    let tasks = unit_tasks(ledger, &unit.name, ids);
    let via_tasks = tasks_via_leads(ledger, &unit.name, ids);
    let via_word = gatherers_word(ledger, &via_tasks);
    let via = via_leads(via_tasks);
    let (gathered, gathered_count, gather_word) = gathered_text(ledger, &unit.name, ids);
    let red = red_tasks(ledger, unit);
    // In a lead unit's round, its own deadline to the bureau: a partner is never given
    // until after it.
    let lead_due = ledger
        .plan
        .partner_deadline
        .map(|_| ledger.plan.return_deadline);
    let (red_open, red_unreported): (Vec<&TaskEntry>, Vec<&TaskEntry>) =
        red.iter().partition(|t| reported_on(t, &unit.name));
    let unreadable: Vec<UnreadableFile> = unreadable_files(ledger, &unit.name)
        .iter()
        .map(UnreadableFile::new)
        .collect();
    let notice_tasks = |ts: &[&TaskEntry]| -> Vec<NoticeTask> {
        ts.iter()
            .map(|t| notice_task(ledger, t, &unit.name))
            .collect()
    };
    UnitNoticeContext {
        plan: PlanContext::new(ledger),
        contact: ContactContext::new(ledger),
        unit: &unit.name,
        unit_full: if unit.full_name.is_empty() {
            &unit.name
        } else {
            &unit.full_name
        },
        file: checklist_files(&unit.name).0,
        attachment: format!("{}任务落实情况表", unit.name),
        damaged: unreadable.iter().any(|u| !u.opened),
        unreadable,
        others_only: files_of_others_tasks(ledger, unit),
        late_on: late
            .map(crate::common::dates::render_day)
            .unwrap_or_default(),
        date: render_date(date),
        // The status date is the notice's date when one was given (`--date`).
        as_of: render_date(date),
        return_deadline: render_date(ledger.plan.reports_due()),
        resend_by: lead_due
            .filter(|due| date < *due)
            .map(render_date)
            .unwrap_or_default(),
        resend_now: lead_due.is_some_and(|due| date >= due),
        reply_by: render_date(working_days_after(date, REPLY_WORKING_DAYS)),
        partner_reply_by: render_date(working_days_after(date, REPLY_WORKING_DAYS - 1)),
        total: tasks.len(),
        silent: unit.sent_nothing(),
        // What it sent itself: not a row another unit's consolidation carried for it.
        reported_ids: unit
            .reported
            .iter()
            .filter(|id| {
                ledger.task(**id).is_some_and(|t| {
                    t.current_reports()
                        .any(|r| r.unit == unit.name && r.via.is_none())
                })
            })
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join("、"),
        owes_nothing: unit.expected.is_empty() && partners_missing(ledger, unit).is_empty(),
        reports_to: unit.reports_to.join("、"),
        own_tasks: {
            let ids = named_on(ledger, &unit.name);
            if ids.is_empty() {
                String::new()
            } else {
                task_list(&ids)
            }
        },
        silent_since: match (&ledger.previous, &ledger.changes) {
            (Some(p), Some(c)) if c.still_missing.contains(&unit.name) => render_date(p.as_of),
            _ => String::new(),
        },
        expected: unit.expected.len(),
        reported: unit.expected.len() - unit.missing.len(),
        groups: role_groups(ledger, &unit.name, ids, reminder),
        tasks: tasks
            .iter()
            .map(|t| notice_task(ledger, t.task, &unit.name))
            .collect(),
        red: notice_tasks(&red),
        red_open: red_open
            .iter()
            .map(|t| NoticeTask {
                planned: planned_by(t, &unit.name),
                ..notice_task(ledger, t, &unit.name)
            })
            .collect(),
        red_helping: Vec::new(),
        marks_overdue: false,
        red_unreported: notice_tasks(&red_unreported),
        partners: names_text(ledger, &partners_of(ledger, &unit.name, ids)),
        leads_all: ledger
            .tasks
            .iter()
            .filter(|t| t.gathered_by(&unit.name))
            .all(|t| t.lead.contains(&unit.name)),
        partners_missing: Vec::new(),
        partners_missing_tasks: 0,
        to_verify: Vec::new(),
        verify_only: false,
        gathered,
        gathered_count,
        gather_word,
        // Only a unit that was sent the notice (a unit that owes the bureau nothing
        // directly got none) is reminded of it.
        noticed_on: if ledger.plan.notice_date < date && !unit.expected.is_empty() {
            render_date(ledger.plan.notice_date)
        } else {
            String::new()
        },
        via_leads_count: via.iter().map(|v| v.count).sum(),
        via_word,
        via_lead: match &via[..] {
            [one] => one.lead.clone(),
            _ => String::new(),
        },
        via_leads: via,
    }
}

/// The tasks `ids` that `unit` gathers its partners' progress on, as a notice names
/// them, how many, and what the unit is to them (牵头, 负责汇总 for tasks without a lead
/// unit, or both): 上述任务 when every one, else 第63项 / 第1、4、11项; empty when none or none
/// has a partner to gather from.
fn gathered_text(ledger: &Ledger, unit: &str, ids: &[u32]) -> (String, usize, &'static str) {
    let gathered: Vec<u32> = ids
        .iter()
        .copied()
        .filter(|&id| !partners_of(ledger, unit, &[id]).is_empty())
        .collect();
    let text = if gathered.is_empty() {
        String::new()
    } else if gathered.len() == ids.len() && ids.len() > 1 {
        "上述任务".to_string()
    } else {
        task_list(&gathered)
    };
    let leads = gathered
        .iter()
        .filter(|&&id| {
            ledger
                .task(id)
                .is_some_and(|t| t.lead.iter().any(|l| l == unit))
        })
        .count();
    let word = match leads {
        0 => "负责汇总",
        n if n == gathered.len() => "牵头",
        _ => "牵头或负责汇总",
    };
    (text, gathered.len(), word)
}

/// Who gathers the tasks a unit reports through another unit ([`tasks_via_leads`]):
/// 牵头单位; 责任单位 for tasks that have no lead unit (卫星湖街道 gathers task 2); both
/// when both occur.
fn gatherers_word(ledger: &Ledger, via_tasks: &[(String, Vec<u32>)]) -> &'static str {
    let (mut leads, mut others) = (false, false);
    for (gatherer, tasks) in via_tasks {
        for id in tasks {
            match ledger.task(*id) {
                Some(t) if t.lead.contains(gatherer) => leads = true,
                _ => others = true,
            }
        }
    }
    match (leads, others) {
        (true, true) => "牵头单位（无牵头单位的为责任单位）",
        (false, true) => "责任单位",
        _ => "牵头单位",
    }
}

/// For a unit with no report: its files read this round whose rows were all on other
/// units' tasks (a copy of the whole table), by name.
fn files_of_others_tasks(ledger: &Ledger, unit: &UnitEntry) -> Vec<String> {
    if !unit.reported.is_empty() {
        return Vec::new();
    }
    ledger
        .files
        .iter()
        .filter(|f| {
            f.unit.as_deref() == Some(unit.name.as_str())
                && f.records > 0
                && f.filed_on.is_none_or(|d| d <= ledger.as_of)
        })
        .map(|f| f.file.clone())
        .collect()
}

/// For a unit that sent nothing this round: the day its latest return filed after the
/// as-of date came in (12月12日), if one did.
pub(crate) fn late_return(ledger: &Ledger, unit: &UnitEntry) -> Option<NaiveDate> {
    // Its late return holds none of the tasks it owes this round (a lead's 报送表 of
    // its own tasks, read in another lead's round): nothing of it comes next round
    // either (second review d 2).
    if !unit.sent_nothing() || (unit.late.is_empty() && !unit.late_unnumbered) {
        return None;
    }
    ledger
        .files
        .iter()
        .filter(|f| f.unit.as_deref() == Some(unit.name.as_str()))
        .filter_map(|f| f.filed_on.filter(|d| *d > ledger.as_of))
        .max()
}

/// The unit's red tasks: overdue, not completed, its own part not done.
fn red_tasks<'l>(ledger: &'l Ledger, unit: &UnitEntry) -> Vec<&'l TaskEntry> {
    ledger
        .tasks
        .iter()
        .filter(|t| {
            t.light == Light::Red && unit.expected.contains(&t.id) && !own_part_done(t, &unit.name)
        })
        .collect()
}

/// Whether `unit` has a current report on the task.
fn reported_on(task: &TaskEntry, unit: &str) -> bool {
    task.current_reports().any(|r| r.unit == unit)
}

/// Whether `unit`'s current report on the task says its part is done (已完成, 不涉及):
/// the task's red light is then the other units', and the unit is not told to hurry.
fn own_part_done(task: &TaskEntry, unit: &str) -> bool {
    task.current_reports().any(|r| {
        r.unit == unit
            && r.doubt.is_none()
            && matches!(r.status, Status::Completed | Status::NotApplicable)
    })
}

/// The checklist notice of one unit, as blocks.
pub fn notice_blocks(
    ledger: &Ledger,
    unit: &UnitEntry,
    templates: &Templates,
    date: NaiveDate,
) -> Result<Vec<Block>, RenderError> {
    let ctx = unit_context(ledger, unit, &unit.expected, date, false);
    template_blocks(templates, NOTICE_TEMPLATE, &ctx)
}

/// The reminder of one unit (its missing tasks), as blocks.
pub fn reminder_blocks(
    ledger: &Ledger,
    unit: &UnitEntry,
    templates: &Templates,
    date: NaiveDate,
) -> Result<Vec<Block>, RenderError> {
    // What a return after the as-of date holds is not asked for again.
    let owed: Vec<u32> = unit
        .missing
        .iter()
        .copied()
        .filter(|id| !unit.late.contains(id))
        .collect();
    let mut ctx = unit_context(ledger, unit, &owed, date, true);
    ctx.partners_missing = partners_missing_lines(ledger, unit);
    ctx.partners_missing_tasks = ctx.partners_missing.iter().map(|p| p.ids.len()).sum();
    ctx.to_verify = unit
        .to_verify
        .iter()
        .filter_map(|v| {
            let t = ledger.task(v.task)?;
            let overdue = past_mark(ledger, t) == PAST_DUE;
            Some(VerifyLine {
                id: v.task,
                short: task_short(t),
                // The letter speaks to the unit: 你单位, not 该单位 (adv53 b 6).
                why: v.why.replace("该单位", "你单位"),
                overdue_deadline: if overdue {
                    deadline_phrase(t)
                } else {
                    String::new()
                },
            })
        })
        .collect();
    // A task whose answer is to be checked is not one the unit is told to hurry: its
    // answer (否, a contradiction) is asked about first.
    ctx.red_open
        .retain(|t| !unit.to_verify.iter().any(|v| v.task == t.id));
    // Tasks listed 已逾期 (also those 已报完成待确认 whose part from the unit is owed):
    // the requirements ask for their completion.
    ctx.marks_overdue = ctx
        .groups
        .iter()
        .flat_map(|g| &g.tasks)
        .any(|t| t.past_mark == PAST_DUE)
        || ctx.to_verify.iter().any(|v| !v.overdue_deadline.is_empty());
    (ctx.red_helping, ctx.red_open) = std::mem::take(&mut ctx.red_open)
        .into_iter()
        .partition(|t| t.role == Role::Cooperating.label());
    for helping in &mut ctx.red_helping {
        if let Some(t) = ledger.task(helping.id) {
            helping.behind = deciders_behind(t);
        }
    }
    ctx.verify_only = ctx.total == 0
        && ctx.partners_missing.is_empty()
        && ctx.unreadable.is_empty()
        && !ctx.to_verify.is_empty();
    template_blocks(templates, REMINDER_TEMPLATE, &ctx)
}

/// A unit in the list of units that owe reports.
#[derive(Debug, Serialize)]
pub struct OwingUnit {
    pub name: String,
    /// Missing task ids joined with 、.
    pub missing: String,
    pub missing_count: usize,
    pub expected_count: usize,
    /// The day a return it sent after the as-of date came in (12月6日), when it sent
    /// nothing this round: counted next round (adv50 b 3: listed as silent, unexplained).
    pub late_on: String,
}

#[derive(Debug, Serialize)]
struct ListContext<'a> {
    plan: PlanContext<'a>,
    contact: ContactContext<'a>,
    date: String,
    as_of: String,
    return_deadline: String,
    units_expected: usize,
    /// Units that sent progress on any task (the report's 已报送: the silent ones left
    /// out).
    units_reported: usize,
    /// Units with every expected task reported.
    units_complete: usize,
    /// Distinct tasks some unit still owes.
    task_count: usize,
    /// Sent nothing / sent progress, none of it on the tasks owed / sent part.
    silent: Vec<OwingUnit>,
    /// Of the units that sent nothing this round, those whose return came after the
    /// as-of date (counted next round): listed apart, not as having sent nothing (adv50
    /// d 4).
    late: Vec<OwingUnit>,
    none_owed: Vec<OwingUnit>,
    partial: Vec<OwingUnit>,
    units: Vec<OwingUnit>,
    /// More than one of the lists above has units: they are numbered （一）（二）.
    numbered: bool,
}

impl OwingUnit {
    fn new(ledger: &Ledger, u: &UnitEntry) -> OwingUnit {
        OwingUnit {
            late_on: late_return(ledger, u)
                .map(crate::common::dates::render_day)
                .unwrap_or_default(),
            name: u.name.clone(),
            missing: u
                .missing
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            missing_count: u.missing.len(),
            expected_count: u.expected.len(),
        }
    }
}

impl<'a> ListContext<'a> {
    fn new(ledger: &'a Ledger, date: NaiveDate) -> ListContext<'a> {
        let owing = units_missing(ledger);
        let mut tasks: Vec<u32> = owing.iter().flat_map(|u| u.missing.clone()).collect();
        tasks.sort_unstable();
        tasks.dedup();
        // The collector is neither expected nor reminded (as in the report's count).
        let expected = ledger
            .units
            .iter()
            .filter(|u| !u.expected.is_empty() && u.name != ledger.plan.collector)
            .count();
        let briefs = |f: fn(&UnitEntry) -> bool| -> Vec<OwingUnit> {
            owing
                .iter()
                .filter(|u| f(u))
                .map(|u| OwingUnit::new(ledger, u))
                .collect()
        };
        let (late, silent): (Vec<OwingUnit>, Vec<OwingUnit>) = briefs(UnitEntry::sent_nothing)
            .into_iter()
            .partition(|u| !u.late_on.is_empty());
        let none_owed = briefs(UnitEntry::reported_none_owed);
        let partial = briefs(|u| !u.sent_nothing() && !u.reported_none_owed());
        let numbered = [silent.len(), late.len(), none_owed.len(), partial.len()]
            .iter()
            .filter(|n| **n > 0)
            .count()
            > 1;
        ListContext {
            plan: PlanContext::new(ledger),
            contact: ContactContext::new(ledger),
            date: render_date(date),
            as_of: render_date(date),
            return_deadline: render_date(ledger.plan.reports_due()),
            units_expected: expected,
            units_reported: crate::model::queries::units_sent(ledger) as usize,
            units_complete: expected - owing.len(),
            task_count: tasks.len(),
            silent,
            late,
            none_owed,
            partial,
            units: briefs(|_| true),
            numbered,
        }
    }
}

/// The list of all units that still owe reports, as blocks.
pub fn reminder_list_blocks(
    ledger: &Ledger,
    templates: &Templates,
    date: NaiveDate,
) -> Result<Vec<Block>, RenderError> {
    let ctx = ListContext::new(ledger, date);
    template_blocks(templates, REMINDER_LIST_TEMPLATE, &ctx)
}

/// Working days a reminder gives a unit to answer.
const REPLY_WORKING_DAYS: u32 = 3;

/// The day `n` working days (Monday to Friday) after `date`.
fn working_days_after(date: NaiveDate, n: u32) -> NaiveDate {
    use chrono::{Datelike, Weekday};
    let mut day = date;
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().unwrap_or(day);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_measures() {
        assert_eq!(short_measure("完善农田排灌体系。", 16), "完善农田排灌体系");
        assert_eq!(
            short_measure("制定出台水产养殖整治相关政策,促进水产养殖健康发展。", 16),
            "制定出台水产养殖整治相关政策"
        );
        assert_eq!(short_measure(&"字".repeat(20), 16).chars().count(), 17);
    }

    #[test]
    fn three_working_days_skip_the_weekend() {
        let d = |m, day| NaiveDate::from_ymd_opt(2020, m, day).unwrap();
        // Thursday 10 December → Tuesday 15 December; Monday → Thursday; Saturday → Wednesday.
        assert_eq!(working_days_after(d(12, 10), 3), d(12, 15));
        assert_eq!(working_days_after(d(12, 7), 3), d(12, 10));
        assert_eq!(working_days_after(d(12, 12), 3), d(12, 16));
    }
}
