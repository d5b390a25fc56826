//! The ledger: THE model every renderer reads, written as output/ledger.json
//! (documented in docs/ledger.md). Built by `merge`; renderers never see inputs.

use std::io::Write;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::problems::{Code, Problem, Severity};
use super::rounds::{Changes, Light, Previous, RoundPoint};
use super::source::{FileEntry, Skip, Source};
use super::status::Status;
use crate::plan::meta::{Contact, Fonts, Reporting};
use crate::plan::{Deadline, Role, UnitKind};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ledger {
    pub as_of: NaiveDate,
    pub plan: PlanInfo,
    pub summary: Summary,
    pub tasks: Vec<TaskEntry>,
    pub units: Vec<UnitEntry>,
    pub files: Vec<FileEntry>,
    pub problems: Vec<Problem>,
    /// Rows that were read but could not be tied to a unit or a task.
    pub unplaced: Vec<Unplaced>,
    /// Non-empty rows passed over (titles, headers, notes), with the reason.
    pub skipped: Vec<Skip>,
    /// The round this one is compared with (`output/rounds/`, or `--previous`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Previous>,
    /// What changed since `previous`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
    /// Completed tasks per round, every stored round up to this one, by date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<RoundPoint>,
}

/// What renderers need to know about the plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanInfo {
    pub title: String,
    pub short_title: String,
    pub doc_number: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub plan_id: String,
    pub collector: String,
    pub collector_full: String,
    pub addressee: String,
    /// How the collector calls itself in its documents: 我局 for the bureau; a lead
    /// unit's round (`--as`) 我委 / 我局 / 我镇 … (units.toml `self_word`, or from the name).
    #[serde(default = "default_self_word")]
    pub self_word: String,
    /// plan.toml `reporting`: through the lead units (`lead`) or straight (`direct`).
    #[serde(default)]
    pub reporting: Reporting,
    /// Whose round this ledger is: the bureau's, or a lead unit's (`--as`), in which
    /// `collector` is the lead unit and `bureau` the one it reports to.
    #[serde(default)]
    pub tier: Tier,
    /// The bureau (plan.toml `collector`); the same as `collector` in its own round.
    #[serde(default)]
    pub bureau: String,
    pub report_date: NaiveDate,
    pub return_deadline: NaiveDate,
    /// In a lead unit's round, the date its partners report to it by (before its own
    /// `return_deadline` to the bureau); none in the bureau's round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_deadline: Option<NaiveDate>,
    /// The date on the checklist notices.
    pub notice_date: NaiveDate,
    pub contact: Contact,
    pub fonts: Fonts,
    /// A task due within this many days of the as-of date gets a 黄灯.
    #[serde(default = "default_warning_days")]
    pub warning_days: u32,
    /// 重点任务, in table order.
    pub categories: Vec<String>,
    /// The 版头 to print (plan.toml `[masthead]` with `print = true`), defaults filled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masthead: Option<MastheadInfo>,
    /// The 版记 to print (plan.toml `[imprint]`), defaults filled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imprint: Option<ImprintInfo>,
}

impl PlanInfo {
    /// The date the units this round's documents go to report to its collector by.
    pub fn reports_due(&self) -> NaiveDate {
        self.partner_deadline.unwrap_or(self.return_deadline)
    }
}

fn default_warning_days() -> u32 {
    30
}

/// The 版头 as printed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MastheadInfo {
    /// 发文机关标志.
    pub mark: String,
    /// 发文字号.
    pub doc_number: String,
    /// 签发人 (an upward document), empty when none.
    pub signer: String,
}

/// The 版记 as printed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ImprintInfo {
    /// 抄送机关, in order (may be empty).
    pub cc: Vec<String>,
    /// 印发机关.
    pub printer: String,
    /// 印发日期.
    pub date: NaiveDate,
}

fn default_self_word() -> String {
    "我局".to_string()
}

/// Whose round a ledger is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// The bureau's round: every task of the plan.
    #[default]
    Bureau,
    /// A lead unit's round (`rectify --as 单位`): the tasks it leads (or, without a
    /// lead, is responsible for), its partners' returns, and its consolidated return.
    Lead,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    pub total: u32,
    pub completed: u32,
    /// 已报完成待确认: everyone who answered has finished, others still to answer.
    #[serde(default)]
    pub confirming: u32,
    pub ongoing: u32,
    pub in_progress: u32,
    pub not_started: u32,
    pub not_applicable: u32,
    pub unreported: u32,
    pub unclear: u32,
    /// completed ÷ total × 100, one decimal.
    pub completion_rate: f64,
    /// The basis of the rate, in words.
    pub completion_basis: String,
    pub overdue: u32,
    /// Completed tasks done after their deadline (`TaskEntry::done_late`).
    #[serde(default)]
    pub done_late: u32,
    /// Tasks by warning light at the as-of date.
    #[serde(default)]
    pub red: u32,
    #[serde(default)]
    pub yellow: u32,
    #[serde(default)]
    pub green: u32,
    /// Units that owe progress in this round (the collector left out).
    pub units_expected: u32,
    /// Of those, the units that sent progress on at least one task they owe: never
    /// more than `units_expected`.
    pub units_reported: u32,
    /// Units that sent progress though they owe none in this round (under lead
    /// reporting, a partner writing to the bureau instead of its lead unit; a unit
    /// without tasks): their reports are counted, the units are not among the above.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub units_other: u32,
    pub files_read: u32,
    pub files_failed: u32,
    pub files_skipped: u32,
    pub records: u32,
    pub errors: u32,
    pub warnings: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AssignedText {
    pub lead: String,
    pub responsible: String,
    pub cooperating: String,
}

impl AssignedText {
    /// The deciders as the plan's table writes them ([`TaskEntry::deciders`]: the lead
    /// units, or where there are none the responsible units): 各镇街 stays 各镇街.
    pub fn deciders(&self) -> &str {
        if self.lead.trim().is_empty() {
            self.responsible.trim()
        } else {
            self.lead.trim()
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskEntry {
    pub id: u32,
    pub category: String,
    pub measure: String,
    /// A short name for the task (the table's 简称, or derived from the measure), used
    /// where a sentence names the task.
    pub short_name: String,
    pub deadline: Deadline,
    pub lead: Vec<String>,
    pub responsible: Vec<String>,
    pub cooperating: Vec<String>,
    /// The units that gather the other units' progress on the task
    /// (`plan::task::gatherers`).
    #[serde(default)]
    pub gatherers: Vec<String>,
    pub assigned_text: AssignedText,
    pub status: Status,
    pub overdue: bool,
    /// For a completed task, the day it was done when that is after its deadline (the
    /// latest completion date its deciders gave): done, but late.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_late: Option<NaiveDate>,
    /// The warning light at the as-of date (红灯 overdue, 黄灯 due soon, 绿灯 on time).
    #[serde(default)]
    pub light: Light,
    /// The status in the previous round, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_status: Option<Status>,
    /// How the units that decide the task answered (the basis of `status`).
    pub breakdown: Breakdown,
    /// Units that decide the status (lead, else responsible) and have not reported.
    pub awaiting: Vec<String>,
    /// Units with a role but not a deciding one (cooperating, or responsible under a
    /// lead) whose current report is on the task: said in words when no decider has
    /// reported. A unit with no role on the task is not cited.
    pub reported_by_others: Vec<String>,
    /// Why the task is 待核实, one clause per doubtful report (empty otherwise).
    pub doubts: Vec<String>,
    /// Every report on the task, current ones first (lead, responsible, cooperating,
    /// unassigned; then unit order), superseded ones after.
    pub reports: Vec<UnitReport>,
}

impl TaskEntry {
    /// Every decider (two or more) answered 不涉及 and the task is 待核实 for it
    /// (`merge::task_status::decide`: the plan gave them the task).
    pub fn not_applicable_to_check(&self) -> bool {
        let b = &self.breakdown;
        self.status == Status::Unclear && b.deciders > 1 && b.not_applicable == b.deciders
    }

    /// How its deciders stand ([`Breakdown::describe`]); where all of them report the
    /// work done on a task that never ends, that the task goes on all the same (3个责任
    /// 单位均报已完成，该项任务需长期坚持: not 均已完成 beside the status 长期坚持; second
    /// review d 7).
    pub fn tally(&self, noun: &str) -> Option<String> {
        let b = &self.breakdown;
        // Every decider answered 不涉及 and the task is checked: its doubt says so (a
        // tally of 均不涉及 beside it would state it as fact; second review d 3).
        if self.not_applicable_to_check() {
            return None;
        }
        let all_done = b.deciders > 1 && b.count(Status::Completed) == b.deciders;
        if all_done && self.status == Status::Ongoing {
            return Some(format!(
                "{}个{noun}均报{}，该项任务需{}",
                b.deciders,
                Status::Completed.label(),
                Status::Ongoing.label()
            ));
        }
        b.describe(noun)
    }

    pub fn current_reports(&self) -> impl Iterator<Item = &UnitReport> {
        self.reports.iter().filter(|r| !r.superseded)
    }

    /// The units with two or more current reports on the task that disagree (the merge
    /// keeps both when it cannot tell which stands: 报送了内容不同的多条进展), in the order
    /// of their first report.
    pub fn units_in_conflict(&self) -> Vec<&str> {
        let mut units: Vec<&str> = Vec::new();
        for r in self.current_reports() {
            if !units.contains(&r.unit.as_str())
                && self.current_reports().filter(|x| x.unit == r.unit).count() > 1
            {
                units.push(&r.unit);
            }
        }
        units
    }

    /// The current reports of units with a role on the task: what the documents cite. A
    /// unit with none (区发展改革委 writing on task 12) is kept in the ledger and the
    /// workbook's 报送明细, not quoted as the task's progress.
    pub fn cited_reports(&self) -> impl Iterator<Item = &UnitReport> {
        self.current_reports()
            .filter(|r| r.role != crate::plan::Role::Unassigned)
    }

    /// The units whose reports decide the task's status: its lead units, or where it
    /// has none, its responsible units (as `plan::Task::deciders`).
    pub fn deciders(&self) -> &[String] {
        crate::plan::task::deciders(&self.lead, &self.responsible)
    }

    /// What the documents call the deciders: 牵头单位, or 责任单位 for a task without a
    /// lead unit (24个责任单位中…, 牵头单位区水利局尚未报完成).
    pub fn deciders_word(&self) -> &'static str {
        crate::plan::task::deciders_word(&self.lead)
    }

    /// Whether the task still waits on `unit`'s report (one of its deciders that has
    /// not reported): for the collector, its own progress still to fill in.
    pub fn awaits(&self, unit: &str) -> bool {
        self.awaiting.iter().any(|u| u == unit)
    }

    /// Every unit the task names: its lead, responsible, then cooperating units (a unit
    /// named in two roles comes twice).
    pub fn named_units(&self) -> impl Iterator<Item = &String> {
        self.lead
            .iter()
            .chain(&self.responsible)
            .chain(&self.cooperating)
    }

    /// Whether `unit` gathers the other units' progress on the task
    /// (`plan::task::gatherers`).
    pub fn gathered_by(&self, unit: &str) -> bool {
        self.gatherers.iter().any(|g| g == unit)
    }
}

/// How a row was tied to its task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// 序号, confirmed by the measure text where the row has one.
    Id,
    /// The measure text (no usable 序号, or a renumbered one).
    Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitReport {
    pub unit: String,
    pub role: Role,
    pub status: Status,
    pub status_text: String,
    pub progress: String,
    pub completed_on: Option<NaiveDate>,
    /// The unit wrote a month and no day for its completion (2020年10月):
    /// `completed_on` is the month's last day, and the report names the month.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub completed_in_month: bool,
    pub filed_on: Option<NaiveDate>,
    /// The month (or day) the report is on, when its row or sheet says (a 月份 column,
    /// a sheet named 11月); absent from the ledger when neither does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<NaiveDate>,
    pub superseded: bool,
    pub matched_by: MatchedBy,
    pub note: String,
    pub evidence: String,
    pub source: Source,
    /// Set when the status the unit picked contradicts its own progress text (says 正在
    /// 推进 while the text says 已通过验收 …): the clause saying why. Such a report
    /// counts as 待核实 for the task's status.
    pub doubt: Option<String>,
    /// The 完成时限 the unit wrote, when it moves the plan's later (2021年3月底（已申请
    /// 延期）): said beside its progress in the report; the plan's deadline still counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_moved: Option<String>,
    /// The unit whose consolidated return carried this report (a lead unit's 报送表,
    /// or a return with a 单位 column), when not the reporting unit itself.
    #[serde(default)]
    pub via: Option<String>,
    /// A consolidated row set aside for the unit's own return, which said otherwise on
    /// the same day (`superseded` too): the consolidating unit (`via`) is asked to check
    /// its row.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gave_way: bool,
    /// A count of work done smaller than in the unit's earlier report (`figure_fell`), as
    /// the documents say it: 已清掏数量由560座减为356座. The figure is being checked with the
    /// unit, so the report does not tell this text as fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure_fell: Option<String>,
    /// A completion reported in an earlier round (the as-of date of the round it was
    /// first counted in) on which the unit sent nothing this round: it stands, and the
    /// documents say whence it comes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<NaiveDate>,
}

impl UnitReport {
    /// Whether a lead unit's consolidation carried this responsible unit's row (its
    /// answer on the task when the lead wrote none of its own): not a cooperating
    /// unit's row, which answers nothing.
    pub fn carried_for(&self, lead: &str) -> bool {
        self.via.as_deref() == Some(lead) && self.role == crate::plan::Role::Responsible
    }

    /// The status the report counts as at `as_of`: 待核实 when its status contradicts
    /// its text; 正在推进 when it says 已完成 with a completion date after `as_of` (not
    /// yet a completion in this round); else its status.
    /// The completion is dated after `as_of`: not one a month written without a day
    /// names where `as_of` falls in that month (完成时间 2020年12月 at 12月10日, the
    /// return undated: done by all it says; adv54 a 2).
    pub fn completed_after(&self, as_of: NaiveDate) -> bool {
        self.completed_on.is_some_and(|d| {
            d > as_of
                && !(self.completed_in_month
                    && chrono::Datelike::with_day(&d, 1).is_some_and(|m| m <= as_of))
        })
    }

    pub fn counted_status(&self, as_of: NaiveDate) -> Status {
        if self.doubt.is_some() {
            Status::Unclear
        } else if self.status == Status::Completed && self.completed_after(as_of) {
            Status::InProgress
        } else {
            self.status
        }
    }
}

/// How the units that decide a task (its lead units, else its responsible units)
/// answered: one count per status of their current reports, and those not yet heard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    /// Units that decide the task.
    pub deciders: u32,
    pub completed: u32,
    pub ongoing: u32,
    pub in_progress: u32,
    pub not_started: u32,
    pub not_applicable: u32,
    pub unclear: u32,
    /// Deciders with no current report.
    pub unreported: u32,
}

impl Breakdown {
    /// How many deciders answered with `status` (`Unreported`: not heard from).
    pub fn count(&self, status: Status) -> u32 {
        match status {
            Status::Completed => self.completed,
            // A task's status, never one decider's answer.
            Status::Confirming => 0,
            Status::Ongoing => self.ongoing,
            Status::InProgress => self.in_progress,
            Status::NotStarted => self.not_started,
            Status::NotApplicable => self.not_applicable,
            Status::Unclear => self.unclear,
            Status::Unreported => self.unreported,
        }
    }

    /// Whether every decider is in one state (all 已完成, or none heard from).
    pub fn uniform(&self) -> bool {
        self.sole_state().is_some()
    }

    /// The one state every decider is in, if they are all in one.
    fn sole_state(&self) -> Option<Status> {
        (self.deciders > 0)
            .then(|| {
                Status::ALL
                    .into_iter()
                    .find(|s| self.count(*s) == self.deciders)
            })
            .flatten()
    }

    /// Add one decider's answer.
    pub fn add(&mut self, status: Status) {
        let slot = match status {
            // A task's status, never one decider's answer: as what it stands for.
            Status::Completed | Status::Confirming => &mut self.completed,
            Status::Ongoing => &mut self.ongoing,
            Status::InProgress => &mut self.in_progress,
            Status::NotStarted => &mut self.not_started,
            Status::NotApplicable => &mut self.not_applicable,
            Status::Unclear => &mut self.unclear,
            Status::Unreported => &mut self.unreported,
        };
        *slot += 1;
    }

    /// The breakdown in words, for a task several units decide:
    /// “23个镇街中，已完成2个、未启动1个，20个未报送”. `noun` names the deciders (镇街,
    /// 单位). `None` for a task one unit decides (its status says it all).
    pub fn describe(&self, noun: &str) -> Option<String> {
        if self.deciders < 2 {
            return None;
        }
        // 3个单位均已完成 (4个单位均未报送), not 3个单位中已完成3个.
        if let Some(all) = self.sole_state() {
            return Some(format!("{}个{noun}均{}", self.deciders, all.label()));
        }
        let answered: Vec<String> = Status::ALL
            .into_iter()
            .filter(|s| *s != Status::Unreported)
            .filter(|s| self.count(*s) > 0)
            .map(|s| format!("{}{}个", s.label(), self.count(s)))
            .collect();
        // 中， not 中: “3个单位中长期坚持2个” read as 中长期.
        let mut text = format!("{}个{noun}中，", self.deciders);
        text.push_str(&answered.join("、"));
        if self.unreported > 0 {
            text.push_str(&format!(
                "，{}个{}",
                self.unreported,
                Status::Unreported.label()
            ));
        }
        Some(text)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitEntry {
    pub name: String,
    /// The official full name (units.toml `full_name`; the name when none is given):
    /// how notices address the unit.
    #[serde(default)]
    pub full_name: String,
    pub kind: UnitKind,
    /// Tasks the unit owes a report on.
    pub expected: Vec<u32>,
    /// Tasks it reported on (including ones it was not assigned), by a row of its own
    /// or by sending other units' rows on the task (a lead unit's consolidation).
    pub reported: Vec<u32>,
    pub missing: Vec<u32>,
    /// Of `missing`, the tasks a return of its filed after the as-of date holds (by the
    /// 序号 written): counted next round, and not asked for again by a reminder.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub late: Vec<u32>,
    /// A return of its filed after the as-of date has rows with no 序号 (their tasks
    /// known only once matched, next round): it may hold tasks of `missing` beyond
    /// `late`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub late_unnumbered: bool,
    /// The files of its rows and the files it sent with other units' rows.
    pub files: Vec<String>,
    pub last_filed_on: Option<NaiveDate>,
    /// The units that consolidate this unit's progress in the reporting chain: in lead
    /// reporting, the lead units of the tasks it does not decide; in a lead unit's
    /// round, that lead unit (for every partner). Empty when it reports straight.
    #[serde(default)]
    pub reports_to: Vec<String>,
    /// The units whose consolidated returns carried reports of this unit.
    #[serde(default)]
    pub via: Vec<String>,
    /// Some of its reports came in files of its own (not only through another unit).
    #[serde(default)]
    pub direct: bool,
    /// The current reports it sent that need checking with it (its own rows in files
    /// of its own, and others' rows its consolidation carried, their unit named in
    /// `why`): a status that contradicts its text, or none that reads (待核实). Task
    /// order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to_verify: Vec<ToVerify>,
}

/// A report a unit is asked to check: the task, and why (报送“正在推进”，但进展情况写明
/// “已完成”; 只填写“否”，未写明进展).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToVerify {
    pub task: u32,
    pub why: String,
}

impl UnitEntry {
    /// It sent nothing itself: no report at all, or only reports another unit's
    /// consolidated return carried, none on a task it owes (a town whose only row came
    /// in its lead unit's 汇总表, on a task that lead gathers). Told as 未报送任何进展.
    pub fn sent_nothing(&self) -> bool {
        self.reported.is_empty()
            || (!self.direct
                && !self.via.is_empty()
                && !self.expected.is_empty()
                && self.missing.len() == self.expected.len())
    }

    /// It sent progress itself, but on none of the tasks it owes (other units' tasks, or
    /// tasks it does not owe): neither silent nor 部分未报送.
    pub fn reported_none_owed(&self) -> bool {
        !self.sent_nothing()
            && !self.expected.is_empty()
            && self.missing.len() == self.expected.len()
    }
}

/// A row kept out of the tasks, with why.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unplaced {
    pub source: Source,
    pub code: Code,
    pub unit: Option<String>,
    pub id_text: String,
    pub measure_text: String,
    pub status_text: String,
    pub progress: String,
}

impl Ledger {
    pub fn task(&self, id: u32) -> Option<&TaskEntry> {
        self.tasks.iter().find(|t| t.id == id)
    }

    pub fn count_problems(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }

    /// Serialise as written to ledger.json: serde_json's pretty form (two-space
    /// indent), a newline at the end.
    pub fn write_json(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        // serde_json writes a few bytes at a time: into a concrete buffer here, not
        // through `dyn Write` call by call (a quarter of the time at city scale).
        let mut buf = std::io::BufWriter::with_capacity(1 << 16, w);
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, Indented::default());
        self.serialize(&mut ser)?;
        buf.write_all(b"\n")?;
        buf.flush()
    }

    /// The same as a string (for tests and small ledgers).
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        self.write_json(&mut out).expect("the ledger serialises");
        String::from_utf8(out).expect("JSON is UTF-8")
    }
}

/// serde_json's `PrettyFormatter` with a two-space indent, byte for byte, but writing
/// each line break and its indent in one call instead of one per level.
#[derive(Default)]
struct Indented {
    depth: usize,
    has_value: bool,
}

impl Indented {
    /// `,` (when `comma`), a line break and the indent of the current depth.
    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W, comma: bool) -> std::io::Result<()> {
        const SPACES: [u8; 64] = [b' '; 64];
        w.write_all(if comma { b",\n" } else { b"\n" })?;
        let mut left = self.depth * 2;
        while left > 0 {
            let n = left.min(SPACES.len());
            w.write_all(&SPACES[..n])?;
            left -= n;
        }
        Ok(())
    }

    /// An array or object begins: one level deeper, nothing in it yet.
    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, mark: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(mark)
    }

    /// It ends: its closing mark on a line of its own unless it was empty.
    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, mark: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w, false)?;
        }
        w.write_all(mark)
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(w, !first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(w, !first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Whether a count is zero (left out of ledger.json, as it reads back).
fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[cfg(test)]
mod json_tests {
    use super::*;

    /// The same bytes as serde_json's pretty writer, on values of every shape (empty and
    /// nested containers, deep nesting past one run of spaces) and on the demo ledger.
    #[test]
    fn indented_writes_what_serde_jsons_pretty_writer_writes() {
        let deep = (0..40).fold(
            serde_json::json!("底"),
            |v, i| serde_json::json!({ format!("k{i}"): [v, [], {}, 1.5, null, "a\"b\n"] }),
        );
        let values = [
            serde_json::json!([]),
            serde_json::json!({}),
            serde_json::json!([[], {}, [[]], {"a": {}}, {"b": [1, {"c": []}]}]),
            deep,
        ];
        for v in values {
            let mut ours = Vec::new();
            let mut ser = serde_json::Serializer::with_formatter(&mut ours, Indented::default());
            v.serialize(&mut ser).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string_pretty(&v).unwrap()
            );
        }
        let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("input");
        let plan = crate::plan::load_plan(&input).unwrap();
        let ledger = crate::pipeline::build_ledger(&plan, &input.join("returns"));
        let want = serde_json::to_string_pretty(&ledger).unwrap() + "\n";
        assert!(ledger.tasks.iter().any(|t| !t.reports.is_empty()));
        assert_eq!(ledger.to_json(), want);
    }
}

#[cfg(test)]
mod breakdown_tests {
    use super::*;

    #[test]
    fn a_breakdown_all_in_one_state_says_all() {
        let mut b = Breakdown::default();
        assert_eq!(b.describe("单位"), None);
        b.deciders = 4;
        (0..4).for_each(|_| b.add(Status::Unreported));
        assert_eq!(b.describe("单位").as_deref(), Some("4个单位均未报送"));
        let mut b = Breakdown {
            deciders: 3,
            ..Breakdown::default()
        };
        (0..3).for_each(|_| b.add(Status::Completed));
        assert!(b.uniform());
        assert_eq!(b.describe("单位").as_deref(), Some("3个单位均已完成"));
        b.add(Status::InProgress);
        b.deciders = 4;
        assert!(!b.uniform());
        assert_eq!(
            b.describe("镇街").as_deref(),
            Some("4个镇街中，已完成3个、正在推进1个")
        );
    }
}
