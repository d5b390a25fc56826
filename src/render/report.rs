//! The consolidated report (整改情况报告.docx): ledger → tera context → block language →
//! blocks → `document::blocks_docx`. The wording lives in templates/report.tera
//! (compiled in; `--templates DIR` overrides it); the numbers and lists come from the
//! ledger only. The context is documented in docs/blocks.md; the attachment table is
//! `tasks_table.rs`, the wording of a task's reports `task_text.rs`.

use serde::Serialize;

use crate::common::dates::render_date;
use crate::common::numerals::copies_word;
use crate::common::text::planned_clause;
use crate::model::{Ledger, Light, Status, TaskEntry, UnitEntry};
use crate::render::blocks::Block;
use crate::render::document::{blocks_docx, docx_file};
use crate::render::error::RenderError;
use crate::render::files::REPORT_DOCX;
use crate::render::output::{Job, Rendered};
use crate::render::task_text::owner;
use crate::render::task_text::{without_self_word, Nesting};
use crate::render::templates::{template_blocks, PlanContext, Templates, REPORT_TEMPLATE};

/// The output: 整改情况报告.docx.
pub fn render(job: &Job) -> Result<Vec<Rendered>, RenderError> {
    let blocks = report_blocks(job.ledger, job.templates)?;
    Ok(vec![docx_file(job, REPORT_DOCX, &blocks)?])
}

/// The report as .docx bytes: template → blocks → `document::blocks_docx`.
pub fn report_docx(ledger: &Ledger, templates: &Templates) -> Result<Vec<u8>, RenderError> {
    blocks_docx(ledger, &report_blocks(ledger, templates)?)
}

/// Render the report template over the ledger and parse the result into blocks.
pub fn report_blocks(ledger: &Ledger, templates: &Templates) -> Result<Vec<Block>, RenderError> {
    template_blocks(templates, REPORT_TEMPLATE, &ReportContext::new(ledger))
}

/// The yellow light's window in words ([`SummaryContext::soon`]).
fn soon_words(l: &Ledger) -> String {
    use chrono::Datelike;
    let mut dues = l
        .tasks
        .iter()
        .filter(|t| t.light == Light::Yellow)
        .map(|t| t.deadline.due);
    let Some(Some(first)) = dues.next() else {
        return format!("{}天内到期", l.plan.warning_days);
    };
    if !dues.all(|d| d == Some(first)) {
        return format!("{}天内到期", l.plan.warning_days);
    }
    if crate::plan::deadline::last_day_of_month(first.year(), first.month()) == Some(first) {
        format!("{}月底到期", first.month())
    } else {
        format!("{}月{}日前到期", first.month(), first.day())
    }
}

/// A completion rate as written: one decimal (19.0, as the check and the workbook print
/// it: adv51 b 12), none for none or all (0, 100).
pub fn rate_text(rate: f64) -> String {
    let s = format!("{rate:.1}");
    match s.as_str() {
        "0.0" | "100.0" => s[..s.len() - 2].to_string(),
        _ => s,
    }
}

/// Strip a leading "一、" numbering from a category name.
pub fn category_name(category: &str) -> &str {
    match category.find('、') {
        Some(i)
            if category[..i]
                .chars()
                .all(crate::common::numerals::is_small_numeral) =>
        {
            &category[i + '、'.len_utf8()..]
        }
        _ => category,
    }
}

/// The word for a task's deciders in a breakdown: 镇街 when every one is a town.
fn decider_noun(l: &Ledger, t: &TaskEntry) -> &'static str {
    let deciders = t.deciders();
    let all_towns = !deciders.is_empty()
        && deciders.iter().all(|d| {
            l.units
                .iter()
                .any(|u| &u.name == d && u.kind == crate::plan::units::UnitKind::Town)
        });
    if all_towns {
        "镇街"
    } else {
        t.deciders_word()
    }
}

/// The collector writes 我局 (a lead unit 我委, 我镇 …) about itself.
/// `text` with the collector named as it names itself (区农业农村委报“已完成” → 我委报
/// “已完成” in 区农业农村委's report): the full name first, as it holds the short one.
fn collector_as_self(l: &Ledger, text: String) -> String {
    [&l.plan.collector_full, &l.plan.collector]
        .into_iter()
        .filter(|name| !name.is_empty())
        .fold(text, |t, name| t.replace(name.as_str(), &l.plan.self_word))
}

fn who(l: &Ledger, unit: &str) -> String {
    if unit == l.plan.collector {
        l.plan.self_word.clone()
    } else {
        unit.to_string()
    }
}

/// The status as printed: the label, the breakdown when several units decide the task.
fn status_full(l: &Ledger, t: &TaskEntry) -> String {
    match t.breakdown.describe(decider_noun(l, t)) {
        // 已完成, not 已完成，3个单位均已完成.
        Some(_) if t.breakdown.uniform() => t.status.label().to_string(),
        Some(b) => format!("{}，{b}", t.status.label()),
        None => t.status.label().to_string(),
    }
}

/// Words that tell what came of the work (done, accepted, solved) or when it will be.
const RESULT_CUES: [&str; 14] = [
    "已全部",
    "已完成",
    "通过验收",
    "验收",
    "销号",
    "已解决",
    "已建成",
    "投入运行",
    "投入使用",
    "恢复原状",
    "已整改",
    "完工",
    "预计",
    "已印发",
];

/// What ends a sentence in a unit's text: 。！？； (full-width), ; and a line break.
const SENTENCE_ENDS: [char; 6] = ['。', '！', '？', '；', '\n', ';'];

/// The first sentence (two when the first is short) of a unit's text, ended with 。
/// and, when it does not say what came of the work, the first clause after it that
/// does ([`RESULT_CUES`]).
/// A sentence ends at 。！？； or a line break, never inside quotation marks or
/// brackets; its opening clauses that only frame the work (高度重视, 根据…统一部署,
/// 对照整改任务清单, 围绕“…”工作: no figure in them) are left out when a clause of
/// substance follows; one longer than `max` characters is cut at its last clause
/// boundary (，) before `max`, never inside a phrase.
pub fn lead_sentences(text: &str, max: usize) -> String {
    let sentences: Vec<String> = split_outside_quotes(text, &SENTENCE_ENDS)
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    // The first sentence with substance (a framing sentence alone says nothing).
    let Some(at) = (0..sentences.len())
        .find(|&i| !substance(&sentences[i]).is_empty())
        .or((!sentences.is_empty()).then_some(0))
    else {
        return String::new();
    };
    let first = match substance(&sentences[at]) {
        s if s.is_empty() => sentences[at].clone(),
        s => s,
    };
    let mut out = clause_cut(&first, max);
    let mut next = at + 1;
    if out.chars().count() < 16 {
        if let Some(second) = sentences.get(at + 1) {
            if out.chars().count() + second.chars().count() < max {
                out = format!("{out}，{second}");
                next = at + 2;
            }
        }
    }
    // What came of the work, when the cut left it out (共排查出设施14处 | ，已全部拆除;
    // a cause, then 溢流问题已解决): its clause follows, within one and a half `max`.
    if !tells_result(&out) {
        let rest_of_first = first.get(out.len()..).unwrap_or_default();
        if let Some(result) = result_after(rest_of_first, sentences.get(next..).unwrap_or_default())
        {
            if out.chars().count() + result.chars().count() < max + max / 2 {
                out = format!("{}，{result}", out.trim_end_matches(['，', ',']));
            }
        }
    }
    let out = out.trim_end_matches(['，', ',', '、', '：', ':']);
    format!("{out}。")
}

/// Steps before the work itself that 已完成 may name (已完成设计, 已完成招标): no result of
/// the work.
const STEPS_DONE: [&str; 10] = [
    "已完成设计",
    "已完成招标",
    "已完成立项",
    "已完成可研",
    "已完成选址",
    "已完成方案",
    "已完成初步",
    "已完成前期",
    "已完成初稿",
    "已完成调研",
];

/// Whether `text` says what came of the work ([`RESULT_CUES`]): a cue other than a step
/// done before the work (1、已完成设计；2、已完成招标；3、主体工程已完工 told 已完成设计，
/// 已完成招标 and left out the works finished: adv50 b 5).
fn tells_result(text: &str) -> bool {
    RESULT_CUES.iter().any(|w| {
        text.match_indices(w)
            .any(|(at, _)| *w != "已完成" || !STEPS_DONE.iter().any(|s| text[at..].starts_with(s)))
    })
}

/// Clauses that go on from the one before without a subject of their own (预计12月底
/// 完工, 计划…, 已全部拆除): told after another sentence's words, they would say what
/// that sentence's subject will do.
const GOING_ON: [&str; 15] = [
    "预计",
    "计划",
    "目前",
    "剩余",
    "将",
    "力争",
    "争取",
    "确保",
    "已",
    "并",
    "同时",
    "下一步",
    "现",
    "均",
    "全部",
];

/// The words telling what came of the work ([`RESULT_CUES`]) after the part already
/// told: the text that follows it up to the clause with the cue, all of it (never a
/// clause lifted from its context: 计划12月底投入使用 is the platform's, not the
/// monitoring points' told before); else a later sentence up to that clause, when the
/// sentence names its own subject (水质监测预警平台正在建设，计划12月底投入使用).
fn result_after(rest_of_first: &str, later: &[String]) -> Option<String> {
    // Each clause, and whether it opens a sentence.
    let clauses: Vec<(String, bool)> = split_outside_quotes(rest_of_first, &['，', ','])
        .into_iter()
        .map(|c| (c, false))
        .chain(later.iter().flat_map(|s| {
            split_outside_quotes(s, &['，', ','])
                .into_iter()
                .enumerate()
                .map(|(i, c)| (c, i == 0))
        }))
        .map(|(c, opens)| {
            (
                c.trim().trim_start_matches(['…', '.', '·']).to_string(),
                opens,
            )
        })
        .filter(|(c, _)| !c.is_empty())
        .collect();
    let cue = clauses
        .iter()
        .position(|(c, _)| RESULT_CUES.iter().any(|w| c.contains(w)))?;
    let joined = |from: usize| {
        clauses[from..=cue]
            .iter()
            .map(|(c, _)| c.as_str())
            .collect::<Vec<_>>()
            .join("，")
    };
    let opens = (0..=cue).rev().find(|&i| clauses[i].1).unwrap_or(0);
    let on_its_own = opens > 0 && !GOING_ON.iter().any(|w| clauses[opens].0.starts_with(w));
    // The shorter faithful one: the cue's own sentence, or the whole way there.
    Some(joined(if on_its_own { opens } else { 0 }))
}

/// `text` split at any of `marks` outside “…” 《…》 （…） (…) 【…】 ‘…’.
fn split_outside_quotes(text: &str, marks: &[char]) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut open = Nesting::default();
    for c in text.chars() {
        open.step(c);
        if open.is_outside() && marks.contains(&c) {
            parts.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    parts.push(cur);
    parts
}

/// Words of a clause that only frames the work.
const FRAMING: [&str; 13] = [
    "高度重视",
    "工作专班",
    "专题研究",
    "统一部署",
    "整改目标",
    "整改方案要求",
    "整改任务清单",
    "工作实际",
    "工作要求",
    "相关要求",
    "部署要求",
    "安排部署",
    "积极行动",
];

/// How a framing clause opens.
const FRAMING_OPENINGS: [&str; 5] = ["根据", "按照", "对照", "结合", "围绕"];

/// A clause that frames the work without telling any: no figure and no 已 (what was
/// done) outside quotation marks (围绕“…2000米…”工作 quotes the task), and a framing
/// word or opening (after the unit's word for itself).
fn frames_only(clause: &str) -> bool {
    let c = without_self_word(clause.trim());
    let mut open = Nesting::default();
    let tells = c.chars().any(|ch| {
        open.step(ch);
        open.is_outside() && (ch.is_ascii_digit() || ('０'..='９').contains(&ch) || ch == '已')
    });
    !tells
        && (FRAMING.iter().any(|w| c.contains(w))
            || FRAMING_OPENINGS.iter().any(|w| c.starts_with(w)))
}

/// The sentence from its first clause that tells something (the framing clauses before
/// it left out); empty when every clause only frames.
fn substance(sentence: &str) -> String {
    let clauses = split_outside_quotes(sentence, &['，', ',']);
    match clauses.iter().position(|c| !frames_only(c)) {
        Some(0) => sentence.to_string(),
        Some(i) => clauses[i..].join("，"),
        None => String::new(),
    }
}

/// `s` cut at the last clause boundary (，, outside quotation marks) within `max`
/// characters but not in its first eight. When there is none the sentence stays whole
/// (its first clause is long: a title, a list), unless it runs past three times `max`
/// (clauses spliced with commas and no full stop): then it ends with the clause that
/// runs past `max`. Never cut inside a clause.
fn clause_cut(s: &str, max: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= max {
        return s.to_string();
    }
    // Commas outside quotation marks and brackets.
    let mut open = Nesting::default();
    let commas: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter_map(|(i, &c)| {
            open.step(c);
            (open.is_outside() && matches!(c, '，' | ',')).then_some(i)
        })
        .collect();
    let cut = commas
        .iter()
        .rev()
        .find(|&&i| i < max && i >= 8)
        .copied()
        .or_else(|| {
            (chars.len() > 3 * max)
                .then(|| commas.iter().find(|&&i| i >= max).copied())
                .flatten()
        });
    match cut {
        Some(i) => chars[..i].iter().collect(),
        // One long clause: keep it whole rather than cut inside it.
        None => s.to_string(),
    }
}

#[derive(Debug, Serialize)]
struct SummaryContext<'a> {
    total: u32,
    completed: u32,
    confirming: u32,
    ongoing: u32,
    in_progress: u32,
    not_started: u32,
    not_applicable: u32,
    unreported: u32,
    unclear: u32,
    overdue: u32,
    /// Completed tasks done after their deadline.
    done_late: u32,
    /// Tasks by warning light, and the yellow light's window in days.
    red: u32,
    yellow: u32,
    green: u32,
    /// Of the green tasks, those due 长期坚持 alone (no date to be due by).
    green_long_term: u32,
    /// The lit tasks but those reported 长期坚持 and not late (said apart in the report:
    /// they are kept up, not unfinished): how many, and the yellow and green among them
    /// (the red ones are all `red`).
    rest: u32,
    /// What the rest is told apart from, when more than the completed ones: 已完成、已报
    /// 完成待确认、需长期坚持和不涉及 (adv52 d 8: 不涉及 tasks dropped out of the sum
    /// unsaid); empty when only completed tasks are.
    rest_apart: String,
    /// The 长期坚持 tasks some of whose deciders have not reported (需长期坚持的13项任务均在
    /// 持续推进 is said of those who did: 其中2项尚有单位未报送).
    ongoing_partly: u32,
    rest_yellow: u32,
    rest_green: u32,
    rest_green_long_term: u32,
    /// Their statuses as the overview says them: 均未报送, or 未报送3项、正在推进2项 (they
    /// are not 长期坚持, so the sentence says what they are).
    rest_long_term_statuses: String,
    warning_days: u32,
    /// The yellow light's window in words: 12月底到期 when every yellow task is due at
    /// the end of the same month, 12月20日前到期 on the same day, else 30天内到期.
    soon: String,
    rate: String,
    basis: &'a str,
    units_expected: u32,
    units_reported: u32,
    units_silent: u32,
    /// Units that sent progress, none of it on the tasks they owe (neither reported nor
    /// silent).
    units_none_owed: u32,
    /// Their names when three or fewer (`Issues::none_owed_names`), else empty.
    units_none_owed_names: String,
    /// Units that reported though they owe nothing in this round.
    units_other: u32,
    /// Their names joined with 、 when three or fewer, else empty (the count says it;
    /// adv54 b 5: 另有2个单位 without saying which).
    units_other_names: String,
    categories: usize,
}

#[derive(Debug, Serialize)]
struct TaskContext {
    id: u32,
    measure: String,
    /// The task's short name (简称).
    short: String,
    deadline: String,
    owner_label: &'static str,
    owner: String,
    lead: String,
    responsible: String,
    cooperating: String,
    status: &'static str,
    /// The status with the deciders' breakdown when several decide it.
    status_full: String,
    /// The breakdown alone (empty when one unit decides).
    breakdown: String,
    /// No decider has reported.
    deciders_silent: bool,
    overdue: bool,
    /// Why the task is 待核实, one clause per doubtful report, joined with ；.
    doubt: String,
    /// Non-deciders who reported, joined with 、 (我局 for the collector; at most six
    /// named).
    reported_by_others: String,
    /// Deciders that have not reported, joined with 、 (at most six named).
    awaiting: String,
    /// One or two sentences from a decider's return, the unit named first; empty when
    /// no decider wrote any text.
    result: String,
    /// The deadlines units wrote over the plan's: 来苏镇填报完成时限为“2021年3月底（已申
    /// 请延期）”, joined with ；; empty when none did.
    moved: String,
}

impl TaskContext {
    fn new(l: &Ledger, t: &TaskEntry) -> TaskContext {
        let (owner_label, owner) = owner(t);
        let awaiting: Vec<String> = t.awaiting.iter().map(|u| who(l, u)).collect();
        TaskContext {
            id: t.id,
            measure: t.measure.clone(),
            short: t.short_name.clone(),
            deadline: t.deadline.text.clone(),
            owner_label,
            owner,
            lead: t.assigned_text.lead.clone(),
            responsible: t.assigned_text.responsible.clone(),
            cooperating: t.assigned_text.cooperating.clone(),
            status: t.status.label(),
            status_full: status_full(l, t),
            breakdown: t.tally(decider_noun(l, t)).unwrap_or_default(),
            deciders_silent: t.breakdown.unreported == t.breakdown.deciders,
            overdue: t.overdue,
            doubt: collector_as_self(l, t.doubts.join("；")),
            reported_by_others: at_most_six(
                &t.reported_by_others
                    .iter()
                    .map(|u| who(l, u))
                    .collect::<Vec<_>>(),
                "单位",
            ),
            awaiting: at_most_six(&awaiting, "单位"),
            result: result(l, t),
            moved: (t.current_reports())
                .filter_map(|r| {
                    let moved = r.deadline_moved.as_deref()?;
                    Some(format!("{}填报完成时限为“{moved}”", who(l, &r.unit)))
                })
                .collect::<Vec<_>>()
                .join("；"),
        }
    }
}

/// Names joined with 、 when three or fewer, else empty (a count says it).
fn few_named(names: &[&str]) -> String {
    if names.len() <= 3 {
        names.join("、")
    } else {
        String::new()
    }
}

/// Units joined with 、, at most six named: a longer list is its first six and
/// “等N个单位” (`noun`: 单位, 责任单位 …; a sentence that names thirty units reads as a
/// list, not a report).
pub(super) fn at_most_six<S: AsRef<str>>(names: &[S], noun: &str) -> String {
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    if names.len() > 6 {
        format!("{}等{}个{noun}", names[..6].join("、"), names.len())
    } else {
        names.join("、")
    }
}

/// A decider's words on the task: its name (我局 for the collector) and one or two
/// sentences of its text.
fn result(l: &Ledger, t: &TaskEntry) -> String {
    result_parts(l, t).map_or_else(String::new, |r| r.opened(&who(l, &r.unit)))
}

/// A unit's words as the report quotes them, opened with its name (`spoken`: 我局 for
/// the collector). A text that opens with the unit's name stays as written, and so does
/// one that names the unit further on (not said twice in a sentence); one that
/// opens with a word for itself (我单位高度重视, 我局召开) would read as the collector's
/// own words in the collector's report, so the unit's name takes that word's place.
/// 我区 and 我市 (the district, the city) are the collector's as much as the unit's:
/// that text stays as written.
///
/// A name and a text that read as another word where they meet (我局 + 长征渠… reads 我局长,
/// our director) are kept apart: the collector's own words go without 我局 (the report is
/// its own), another unit's words are opened 据…报送，. So are the words of a sentence
/// with a subject of its own (`own_subject`), which the name would seem to own.
fn said_by(spoken: &str, unit: &str, text: String) -> String {
    let collector = spoken != unit;
    // The collector's words opening with its own name (区生态环境局持续开展…): 我局, as
    // everywhere else in its report.
    if let Some(rest) = text
        .strip_prefix(unit)
        .filter(|r| collector && !r.is_empty())
    {
        return said_by(spoken, unit, rest.to_string());
    }
    if text.starts_with(unit) || text.starts_with("我区") || text.starts_with("我市") {
        return text;
    }
    let rest = without_self_word(&text);
    // A sentence that names the unit further on (已成立领导小组，办公室设在临江河指挥部办公室)
    // would say it twice with the name in front, and without a subject without it: the
    // unit's report, as such (据临江河指挥部办公室报送，已成立…).
    if !collector && rest.contains(unit) {
        return format!("据{unit}报送，{rest}");
    }
    if let Some(after) = after_kind_word(unit, rest).filter(|_| !collector) {
        return format!("{unit}{after}");
    }
    // (The collector's own words with a subject of their own go bare: 我委作坊已关停
    // would read as its own workshop.)
    if !misread_together(spoken, rest) && !own_subject(rest) {
        format!("{spoken}{rest}")
    } else if spoken != unit {
        rest.to_string()
    } else {
        format!("据{spoken}报送，{rest}")
    }
}

/// Words a unit's sentence opens with when the unit is its subject (区水利局联合…,
/// 区住房城乡建委经排查…, 区农业农村委今年以来…).
const SUBJECT_CONTINUES: [&str; 62] = [
    "已",
    "正",
    "将",
    "会同",
    "联合",
    "对",
    "按",
    "依",
    "根据",
    "针对",
    "结合",
    "围绕",
    "在",
    "于",
    "向",
    "把",
    "以",
    "通过",
    "抓",
    "统筹",
    "强化",
    "健全",
    "完成",
    "完善",
    "推",
    "落实",
    "严",
    "实施",
    "组织",
    "建立",
    "建成",
    "制定",
    "出台",
    "印发",
    "编制",
    "启动",
    "召开",
    "牵头",
    "配合",
    "协调",
    "积极",
    "加",
    "多",
    "深入",
    "进一步",
    "坚持",
    "大力",
    "着力",
    "采取",
    "安排",
    "摸",
    "招",
    "今年",
    "目前",
    "截至",
    "经",
    "开展",
    "修订",
    "签发",
    "与",
    "持续",
    "督促",
];

/// The sentence has a subject of its own before its verb (石庙污水处理站溢流原因已查明):
/// the unit's name put before it would read as the thing's owner (区住房城乡建委石庙污水
/// 处理站…).
fn own_subject(text: &str) -> bool {
    // 经区人大常委会专项视察发现，…: another body found it, not the unit (adv51 b 7: 区城市
    // 管理局经区人大常委会专项视察发现 read as the 局 inspected).
    if let Some(rest) = text.strip_prefix('经') {
        if ["区", "市", "省", "中央", "国家", "上级"]
            .iter()
            .any(|w| rest.starts_with(w))
        {
            return true;
        }
    }
    if SUBJECT_CONTINUES.iter().any(|w| text.starts_with(w))
        || !text.starts_with(|c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '《')
    {
        return false;
    }
    let clause = text
        .split(['，', '。', '；', ',', ';', '：'])
        .next()
        .unwrap_or("");
    clause.char_indices().skip(2).any(|(i, _)| {
        // (…企业因资质问题暂停收运: adv51 b 7.)
        [
            "已", "正在", "尚未", "暂未", "仍", "因", "暂停", "未能", "无法",
        ]
        .iter()
        .any(|w| clause[i..].starts_with(w))
    })
}

/// The units owing progress (not the collector) that reported this round, every one of
/// their own returns dated after the day they were to report by (`reports_due`) and by
/// the as-of date, in the units' order. A unit with an undated return is not among them
/// (its day is not known), nor one whose rows only came in another unit's consolidation.
fn reported_late(l: &Ledger) -> Vec<&str> {
    let due = l.plan.reports_due();
    // Each unit's own returns: whether every one is dated late (one pass over the
    // reports).
    let mut all_late: std::collections::HashMap<&str, bool> = std::collections::HashMap::new();
    for r in l
        .tasks
        .iter()
        .flat_map(|t| &t.reports)
        .filter(|r| r.via.is_none())
    {
        let late = r.filed_on.is_some_and(|d| d > due && d <= l.as_of);
        *all_late.entry(r.unit.as_str()).or_insert(true) &= late;
    }
    l.units
        .iter()
        .filter(|u| !u.expected.is_empty() && u.name != l.plan.collector && !u.sent_nothing())
        .filter(|u| all_late.get(u.name.as_str()).copied().unwrap_or(false))
        .map(|u| u.name.as_str())
        .collect()
}

/// What the documents call the deciders of `tasks` together: 牵头单位, 责任单位 (tasks
/// without a lead unit), or 牵头或责任单位 when both kinds are among them.
fn deciders_word_of<'t>(tasks: impl Iterator<Item = &'t TaskEntry>) -> &'static str {
    let words: std::collections::BTreeSet<&str> = tasks.map(TaskEntry::deciders_word).collect();
    if words.len() > 1 {
        "牵头或责任单位"
    } else {
        words.into_iter().next().unwrap_or("责任单位")
    }
}

/// The kinds of body a unit's name ends with, which its words may open with for itself
/// (街道综合执法大队配备… by 中山路街道: its own 综合执法大队).
const UNIT_KIND_WORDS: [&str; 6] = ["街道", "镇", "局", "委", "中心", "公司"];

/// `text` opening with the kind of body `unit` is (街道综合执法大队… by 中山路街道): the
/// text after that word, which the unit's name before it completes (中山路街道综合执法
/// 大队…, not 中山路街道街道…).
///
/// A one-character kind (镇, 局, 委) opens many words of its own (镇区, 镇村, 局部, 委托):
/// its text is taken as the unit's body only when a body's word follows (镇农业服务中心,
/// 局党组, 委领导); 局部河段… by 区水利局 stays 区水利局局部河段…, not 区水利局部河段….
fn after_kind_word<'t>(unit: &str, text: &'t str) -> Option<&'t str> {
    UNIT_KIND_WORDS
        .iter()
        .find(|w| unit.ends_with(**w) && text.starts_with(**w))
        .map(|w| (w.chars().count() == 1, &text[w.len()..]))
        .filter(|(one, rest)| !one || BODY_AFTER_KIND.iter().any(|b| rest.starts_with(b)))
        .map(|(_, rest)| rest)
        .filter(|rest| !rest.is_empty() && !rest.starts_with(['，', ',', '。']))
}

/// Words that, after a one-character kind (镇, 局, 委), name a body of the unit or its
/// people: 镇农业服务中心, 镇政府, 局党组, 委领导.
const BODY_AFTER_KIND: [&str; 16] = [
    "政府",
    "党委",
    "党组",
    "人大",
    "机关",
    "领导",
    "班子",
    "主要负责",
    "分管",
    "农业服务中心",
    "农服中心",
    "综合",
    "规划建设",
    "执法",
    "水利站",
    "水务站",
];

/// Titles a unit's last character and a text's first make together: 局长, 镇长 ….
fn misread_together(name: &str, text: &str) -> bool {
    const TITLES: [&str; 8] = [
        "局长", "委员", "镇长", "院长", "站长", "所长", "处长", "科长",
    ];
    let (Some(last), Some(first)) = (name.chars().last(), text.chars().next()) else {
        return false;
    };
    TITLES.iter().any(|t| {
        let mut c = t.chars();
        c.next() == Some(last) && c.next() == Some(first)
    })
}

/// A further sentence of a unit whose first one named it: without its name or its word
/// for itself.
fn said_again<'t>(unit: &str, text: &'t str) -> &'t str {
    without_self_word(text.strip_prefix(unit).unwrap_or(text))
}

/// Openers of a sentence that say its time span (今年以来开展…).
const TIME_OPENERS: [&str; 4] = ["今年以来", "2020年以来", "截至目前", "目前"];

/// A further sentence of a point without the time span an earlier one said already
/// (…培训镇街执法人员210人次；今年以来开展… reads …；开展…).
fn without_time_said<'t>(before: &[String], text: &'t str) -> &'t str {
    TIME_OPENERS
        .iter()
        .find(|w| text.starts_with(**w) && before.iter().any(|b| b.contains(**w)))
        .map_or(text, |w| {
            let rest = text[w.len()..].trim_start_matches(['，', ',', ' ']);
            if rest.is_empty() {
                text
            } else {
                rest
            }
        })
}

/// The longest text (in characters, its full stop aside) that says no more than a
/// status word (已完成, 正在推进中): told with its task named.
const BARE_STATUS_CHARS: usize = 6;

/// The results of one 重点任务's tasks as points (see `CategoryContext::points`).
fn points(l: &Ledger, entries: &[&TaskEntry]) -> Vec<String> {
    // (unit for grouping, or None for a task several units decide; the fragments)
    let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for t in entries {
        let Some(said) = result_parts(l, t) else {
            continue;
        };
        let spoken = who(l, &said.unit);
        if said.carried {
            // A consolidation's places: the task named, as they do not say it.
            groups.push((
                None,
                vec![format!("在{}方面，{}", t.short_name, said.opened(&spoken))],
            ));
            continue;
        }
        // A task several deciders answer (the task named, not its status tally: 二
        // tells the work, 三 and 附件1 the counts), or words that say no more than a
        // status (已完成。: nobody could tell which work is done): a point of its own.
        let bare_status =
            said.text.trim_end_matches(['。', '.']).chars().count() <= BARE_STATUS_CHARS;
        let tally = t.tally(decider_noun(l, t));
        if let Some(tally) = &tally {
            // Several deciders: how they stand first, so no one unit seems to answer for
            // all (23个镇街均已完成。中山路街道…), then the one told, and one still at
            // work when the one told is done (adv48 b H1, H2).
            let mut point = format!("在{}方面，{tally}。{}", t.short_name, said.opened(&spoken));
            if let Some((unit, words)) = &said.behind {
                let words = said_by(&who(l, unit), unit, words.clone());
                point = format!("{}；{words}", point.trim_end_matches(['。', '.']));
            }
            groups.push((None, vec![point]));
            continue;
        }
        if bare_status {
            let body = said.opened(&spoken);
            // 据…报送 opens with its own frame: not 在…方面 as well.
            groups.push((
                None,
                vec![if body.starts_with('据') {
                    body
                } else {
                    format!("在{}方面，{body}", t.short_name)
                }],
            ));
            continue;
        }
        // Words that do not say what they are of (相关政策尚未出台，工作尚未启动; 该项工作
        // 正在推进), and work not started, which says nothing done to name it by: a point
        // of its own, the task named (adv56 b 4: 五是据区金融办报送，相关政策尚未出台).
        let short = said.text.trim_end_matches(['。', '.']).chars().count() <= SHORT_TEXT_CHARS;
        if t.status == Status::NotStarted || refers_back(&said.text) || short {
            groups.push((
                None,
                vec![format!("在{}方面，{}", t.short_name, said.opened(&spoken))],
            ));
            continue;
        }
        // At most three sentences to a point, so a point stays readable.
        match groups
            .iter_mut()
            .find(|(u, f)| u.as_deref() == Some(&said.unit) && f.len() < 3)
        {
            Some((_, fragments)) => {
                let again = said_again(&said.unit, &said.text);
                let again = without_time_said(fragments, again);
                // The same words on two tasks (a unit's boilerplate: 持续开展相关工作，
                // 建立常态化工作机制) are said once (adv48 b M1).
                let bare = |f: &str| f.trim_end_matches(['。', '.', '；']).to_string();
                if !fragments
                    .iter()
                    .any(|f| bare(said_again(&said.unit, f)) == bare(again))
                {
                    fragments.push(again.to_string());
                }
            }
            None => {
                let first = said.opened(&spoken);
                groups.push((Some(said.unit), vec![first]));
            }
        }
    }
    groups
        .into_iter()
        .map(|(_, fragments)| {
            let n = fragments.len();
            fragments
                .into_iter()
                .enumerate()
                .map(|(i, f)| {
                    if i + 1 < n {
                        // 国家项目.；would print 。； (typography makes the point 。).
                        format!("{}；", f.trim_end_matches(['。', '.']))
                    } else {
                        f
                    }
                })
                .collect()
        })
        .collect()
}

/// The longest text (in characters, its full stop aside) told with its task named: a
/// few words (我局已依法处罚，整改完毕; 规划已印发实施) do not say which work they are of
/// (second review c 12).
const SHORT_TEXT_CHARS: usize = 14;

/// Whether a text opens with a word pointing back to its task (相关政策, 该项工作, 此项,
/// 上述, 本项): read apart from the task it names nothing.
fn refers_back(text: &str) -> bool {
    ["相关", "该项", "此项", "该工作", "上述", "本项"]
        .iter()
        .any(|w| text.trim_start().starts_with(w))
}

/// What the report tells of a task: the reporting decider and one sentence of its text
/// (ended with 。), or its progress place by place when its text lists it so.
struct Said {
    unit: String,
    text: String,
    /// `text` tells several places' progress (来苏镇已完成…；宝峰镇正在推进…).
    by_place: bool,
    /// The task is 已报完成待确认 (the units that answered report it done, others have
    /// not answered), or the words told are held 待核实: they are told as the unit's
    /// report (据区水利局报送，…), not as the report's own finding.
    unconfirmed: bool,
    /// `text` is a decider's consolidation of its partners' rows, with no row of its own
    /// ([`carried_parts`]).
    carried: bool,
    /// Another decider whose part is still under way or not started, while `unit`'s is
    /// done or kept up: its name and its words (the task is not told as done by one).
    behind: Option<(String, String)>,
}

impl Said {
    /// The sentence opened with the unit's name (`spoken`: 我局 for the collector). A
    /// listing place by place is the unit's consolidation: 据区农业农村委汇总，来苏镇…
    /// (the collector's own needs no opening).
    fn opened(&self, spoken: &str) -> String {
        match self.by_place {
            true if spoken != self.unit => self.text.clone(),
            true => format!("据{spoken}汇总，{}", self.text),
            false => {
                let said = said_by(spoken, &self.unit, self.text.clone());
                match said.strip_prefix(self.unit.as_str()) {
                    // The unit the subject of its sentence: 据区水利局报送，该局会同…
                    Some(rest) if self.unconfirmed && spoken == self.unit => {
                        format!("据{spoken}报送，{}{rest}", this_unit(&self.unit))
                    }
                    _ => said,
                }
            }
        }
    }
}

/// How a sentence names a unit just named: 该局, 该委, 该镇, 该街道, 该中心; 该单位 for
/// other names.
fn this_unit(unit: &str) -> String {
    if let Some(w) = ["街道", "中心", "公司"]
        .iter()
        .find(|w| unit.ends_with(**w))
    {
        return format!("该{w}");
    }
    match unit.chars().last() {
        Some(c @ ('局' | '委' | '办' | '镇' | '院' | '部' | '所' | '站' | '队')) => {
            format!("该{c}")
        }
        _ => "该单位".to_string(),
    }
}

fn result_parts(l: &Ledger, t: &TaskEntry) -> Option<Said> {
    let deciders = t.deciders();
    // A unit with two current reports on the task that say different things, or a count
    // of work done smaller than its earlier report's (listed in 三 as to be checked), is
    // not quoted as fact.
    let in_conflict = t.units_in_conflict();
    // Of the deciders with words that tell something, the one furthest on (the first
    // of those alike): another behind it is told after it (`behind`). Before, the
    // first decider was told, though it said only 正在推进。 or 暂未启动 beside a
    // co-lead's work done (adv50 d 1).
    let told = |r: &&crate::model::UnitReport| {
        deciders.contains(&r.unit)
            // 不涉及 tells no work done.
            && r.status != Status::NotApplicable
            && !r.progress.trim().is_empty()
            && r.figure_fell.is_none()
            // Words claiming more than their own status (报送“正在推进”，但进展情况写明
            // “已完成”) are listed in 三 to be checked, not told here as done. Words
            // telling less (报送“已完成”，但…正在推进) are the work as it stands.
            && (r.doubt.is_none() || r.status == Status::Completed)
            && !in_conflict.contains(&r.unit.as_str())
    };
    // Each decider considered with its words as quoted (made once).
    // (Not words the documents do not quote: 无 alone printed 在…方面，区水利局 with
    // nothing after it, second review c 1.)
    let candidates: Vec<Candidate> = t
        .current_reports()
        .filter(told)
        .map(|r| (r, quoted_words(r)))
        .filter(|(_, words)| !words.trim().trim_end_matches(['。', '.']).is_empty())
        .collect();
    // (A status word alone is told when no decider says more: 区住房城乡建委已完成。)
    let Some((r, words)) = candidates
        .iter()
        .filter(|(_, words)| tells_something(words))
        .fold(None, furthest)
        .or_else(|| candidates.iter().fold(None, furthest))
    else {
        // Only a decider with no row of its own is told by its consolidation; one whose
        // own rows are in question (above) is not quoted at all.
        let own = t.current_reports().any(|r| deciders.contains(&r.unit));
        return if own { None } else { carried_parts(t) };
    };
    let progress = with_task_named(words, &t.short_name);
    let (text, by_place) = match places_told(&progress) {
        Some(told) => (told, true),
        None if t.overdue => (
            with_planned_date(lead_sentences(&progress, 34), &progress),
            false,
        ),
        None => (lead_sentences(&progress, 34), false),
    };
    // Another unit naming the collector (已会同区生态环境局…): in the collector's own
    // report, 我局.
    let in_own_words = |unit: &str, text: String| {
        if unit == l.plan.collector {
            return text;
        }
        collector_as_self(l, text)
    };
    let text = in_own_words(&r.unit, text);
    // The first decider behind the one told (未启动, 正在推进 beside its 已完成), with words.
    let behind = matches!(r.status, Status::Completed | Status::Ongoing)
        .then(|| {
            t.current_reports()
                .filter(|b| {
                    b.unit != r.unit
                        && deciders.contains(&b.unit)
                        && matches!(b.status, Status::InProgress | Status::NotStarted)
                        && b.doubt.is_none()
                        && b.figure_fell.is_none()
                        && !in_conflict.contains(&b.unit.as_str())
                })
                .map(|b| (b, quoted_words(b)))
                .find(|(_, words)| tells_something(words))
        })
        .flatten()
        .map(|(b, words)| {
            let words = lead_sentences(&with_task_named(&words, &t.short_name), 34);
            (b.unit.clone(), in_own_words(&b.unit, words))
        });
    Some(Said {
        unit: r.unit.clone(),
        text,
        by_place,
        // Words held 待核实 are the unit's to be checked, not the report's finding
        // (adv58 b 5: 松溉镇已增加执法人员2名。 told as fact beside its doubt in 三).
        unconfirmed: t.status == Status::Confirming || r.doubt.is_some(),
        carried: false,
        behind,
    })
}

/// A decider's report with its words as quoted.
type Candidate<'r> = (&'r crate::model::UnitReport, String);

/// Of `best` and `c`, the one further on (`best` when alike): folded over candidates,
/// the first of those furthest on.
fn furthest<'c, 'r>(
    best: Option<&'c Candidate<'r>>,
    c: &'c Candidate<'r>,
) -> Option<&'c Candidate<'r>> {
    match best {
        Some(b) if b.0.status.advancement() >= c.0.status.advancement() => Some(b),
        _ => Some(c),
    }
}

/// Whether a unit's words tell something of the work: not nothing, not one of the
/// model's status words alone (正在推进。, 基本完成，, 已完成).
fn tells_something(words: &str) -> bool {
    let bare = words
        .trim()
        .trim_end_matches(['。', '，', ',', '.', '；', '！']);
    !(bare.is_empty() || Status::ALL.iter().any(|s| s.words().contains(&bare)))
}

/// Bare status words a text may open with, and what they say of the task's work.
const BARE_OPENINGS: [(&str, &str); 12] = [
    ("未启动", "尚未启动"),
    ("尚未启动", "尚未启动"),
    ("暂未启动", "尚未启动"),
    ("尚未开展", "尚未开展"),
    ("暂未开展", "尚未开展"),
    ("正在推进中", "正在推进"),
    ("正在推进", "正在推进"),
    ("推进中", "正在推进"),
    ("基本完成", "基本完成"),
    ("已完成", "已完成"),
    ("已全部完成", "已全部完成"),
    ("长期坚持", "长期坚持推进"),
];

/// A text opening with a bare status word before more (未启动，待区政府研究。): the task
/// named as its subject (产业结构调整和布局优化工作尚未启动，待区政府研究。), for the unit's
/// name before it would read as the unit's own state (区经济信息委未启动: adv50 b 5).
fn with_task_named(text: &str, short: &str) -> String {
    // Steps done before the work (已完成设计，已完成招标): the work they are of (卫星湖水花
    // 鱼合作社鱼塘尾水处理设施已完成设计，…; adv50 d 6: 卫星湖街道已完成设计).
    if STEPS_DONE.iter().any(|s| text.starts_with(s)) {
        return format!("{short}{text}");
    }
    let Some((rest, said)) = BARE_OPENINGS.iter().find_map(|(w, said)| {
        text.strip_prefix(w)
            .and_then(|r| r.strip_prefix(['，', ',']))
            .filter(|r| !r.trim().is_empty())
            .map(|r| (r, *said))
    }) else {
        return text.to_string();
    };
    let work = if short.ends_with("工作") {
        ""
    } else {
        "工作"
    };
    format!("{short}{work}{said}，{rest}")
}

/// A report's words as 二 quotes them: cleaned for quoting, without 附件 references or
/// list marks.
fn quoted_words(r: &crate::model::UnitReport) -> String {
    let words = crate::render::task_text::as_quoted(&r.progress, &r.unit);
    without_list_marks(&crate::render::tasks_table::without_annex_refs(&words))
}

/// The most characters [`with_planned_date`] adds.
const PLANNED_ADDED: usize = 45;

/// An overdue task's sentence with when the unit plans to have the work done, when the
/// sentence told leaves it out: what a reader asks first of a late task. The rest of a
/// sentence told in part, up to its date (…规划初稿已完成并征求相关部门意见，正在按专家意见
/// 修改完善，预计12月底报批。), or another sentence whole (…主要为管网雨水混入及设备老化；
/// 截流管网改造工程…，预计2021年1月完工。); nothing when that would be long.
fn with_planned_date(told: String, progress: &str) -> String {
    if planned_clause(&told).is_some() {
        return told;
    }
    let base = told.trim_end_matches('。');
    let sentences = split_outside_quotes(progress, &SENTENCE_ENDS);
    for sentence in sentences.iter().map(|s| s.trim()) {
        let Some(clause) = planned_clause(sentence) else {
            continue;
        };
        // `clause` is a slice of `sentence`: the sentence up to the end of its date.
        let end = clause.as_ptr() as usize - sentence.as_ptr() as usize + clause.len();
        let upto = &sentence[..end];
        let added = match upto.find(base) {
            Some(at) if at + base.len() < end => upto[at + base.len()..].to_string(),
            Some(_) => return told,
            None => format!("；{upto}"),
        };
        if added.chars().count() > PLANNED_ADDED {
            return told;
        }
        return format!("{base}{added}。");
    }
    told
}

/// What a decider's consolidation tells of a task it carried its partners' rows on and
/// wrote no row of its own for (a sheet per town): told place by place, as its listing
/// in one cell would be (据区农业农村委汇总，临江镇完成池塘改造20口；何埂镇…).
fn carried_parts(t: &TaskEntry) -> Option<Said> {
    let deciders = t.deciders();
    let lead = deciders
        .iter()
        .find(|d| t.current_reports().any(|r| r.carried_for(d)))?;
    let texts: Vec<(&str, String)> = t
        .current_reports()
        .filter(|r| r.carried_for(lead) && r.figure_fell.is_none())
        .filter(|r| r.status != Status::NotApplicable && !r.progress.trim().is_empty())
        .filter_map(|r| {
            // Its first sentence, as a listing in one cell is told.
            let text =
                without_list_marks(&crate::render::tasks_table::without_annex_refs(&r.progress));
            let first = split_outside_quotes(&text, &SENTENCE_ENDS)
                .into_iter()
                .map(|s| s.trim().to_string())
                .find(|s| !s.is_empty())?;
            Some((r.unit.as_str(), first))
        })
        .collect();
    if texts.is_empty() {
        return None;
    }
    let places: Vec<(&str, &str)> = texts.iter().map(|(u, x)| (*u, x.as_str())).collect();
    let text = tell_places(&places);
    Some(Said {
        unit: lead.to_string(),
        text,
        by_place: true,
        unconfirmed: t.status == Status::Confirming,
        carried: true,
        behind: None,
    })
}

/// The most places a listing place by place names in the report's sentence.
const PLACES_TOLD: usize = 4;

/// A text listing progress place by place, as a lead unit consolidating its partners
/// writes it in one cell (来苏镇：已完成尾水处理设施建设3处；宝峰镇：正在推进…；双石镇：
/// 未启动。), told as one sentence: each place and the first clause of its part, the
/// label's colon dropped (来苏镇已完成…；宝峰镇正在推进…；双石镇未启动。); beyond
/// [`PLACES_TOLD`] places, the count. `None` unless the text opens with such a place and
/// names two or more.
fn places_told(text: &str) -> Option<String> {
    let pieces = split_outside_quotes(text, &['。', '；', ';', '\n']);
    let mut pieces = pieces.iter().map(|p| p.trim()).filter(|p| !p.is_empty());
    let first = place_label(pieces.next()?)?;
    let places: Vec<(&str, &str)> = std::iter::once(first)
        .chain(pieces.filter_map(place_label))
        .collect();
    if places.len() < 2 {
        return None;
    }
    Some(tell_places(&places))
}

/// Places and their progress told as one sentence (来苏镇已完成…；宝峰镇正在推进…。): each
/// place and the first clause of its part; beyond [`PLACES_TOLD`] places, the count.
fn tell_places(places: &[(&str, &str)]) -> String {
    let told: Vec<String> = places
        .iter()
        .take(PLACES_TOLD)
        .map(|(name, rest)| {
            let part = clause_cut(rest, 20);
            let part = part.trim_end_matches(['，', ',', '、', '：', ':']);
            // 来苏镇已完成 reads on; 来苏镇：3处 keeps its colon.
            let joined = part.starts_with(|c: char| ('\u{4e00}'..='\u{9fff}').contains(&c));
            format!("{name}{}{part}", if joined { "" } else { "：" })
        })
        .collect();
    let all_towns = places
        .iter()
        .all(|(name, _)| name.ends_with(['镇', '乡']) || name.ends_with("街道"));
    let noun = if all_towns { "镇街" } else { "单位" };
    if places.len() > PLACES_TOLD {
        format!(
            "共{}个{noun}报送进展，其中{}等。",
            places.len(),
            told.join("；")
        )
    } else {
        format!("{}。", told.join("；"))
    }
}

/// A piece of a text opened by a place's or a unit's name and a colon (来苏镇：…,
/// 区水务集团:…): the name and the rest.
fn place_label(piece: &str) -> Option<(&str, &str)> {
    const ENDINGS: [&str; 14] = [
        "镇",
        "乡",
        "街道",
        "村",
        "社区",
        "局",
        "委",
        "办",
        "中心",
        "公司",
        "集团",
        "园区",
        "指挥部",
        "区",
    ];
    let (name, rest) = piece.split_once(['：', ':'])?;
    let (name, rest) = (name.trim(), rest.trim());
    let n = name.chars().count();
    ((2..=10).contains(&n)
        && name.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && ENDINGS.iter().any(|e| name.ends_with(e))
        && !rest.is_empty())
    .then_some((name, rest))
}

#[derive(Debug, Serialize)]
struct CategoryContext {
    /// 1-based; `{{ c.index | cn_num }}` gives 一, 二 …
    index: usize,
    /// Without its 一、 numbering.
    name: String,
    /// As in the table.
    full: String,
    total: usize,
    completed: usize,
    confirming: usize,
    ongoing: usize,
    in_progress: usize,
    not_started: usize,
    unreported: usize,
    unclear: usize,
    not_applicable: usize,
    tasks: Vec<TaskContext>,
    /// The tasks with a result to tell (`result` not empty).
    results: Vec<TaskContext>,
    /// The results told in 二 as 一是…二是…: one sentence per task, the tasks one unit
    /// decides grouped by that unit, at most three to a point (its name once, the sentences
    /// joined with ；); a task
    /// several units decide keeps its short name and breakdown in front of its sentence.
    points: Vec<String>,
}

#[derive(Debug, Serialize)]
struct UnitBrief {
    name: String,
    /// Task ids it owes and has not reported on, joined with 、.
    missing: String,
    /// The short names of those tasks, joined with 、.
    missing_names: String,
    missing_count: usize,
    /// Of those, the tasks it leads or is responsible for, and the ones it owes as a
    /// cooperating unit (配合 in 附件2, as the plan and its notices call it).
    owned: Listed,
    cooperated: Listed,
    /// It reported nothing at all.
    silent: bool,
    /// It reported, but none of the tasks it owes (only other units' or tasks it does
    /// not owe): not 部分未报送.
    none_owed: bool,
    /// It owed a report in the previous round too and sent none in either.
    twice: bool,
    /// It sent nothing this round, but a return after the as-of date (12月6日): counted
    /// next round.
    late_on: String,
}

/// Tasks of one kind a unit owes and has not reported on: ids and short names, each
/// joined with 、 (empty when none).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
struct Listed {
    ids: String,
    names: String,
}

/// The tasks `u` owes and has not reported on that it leads or is responsible for
/// (`owning`), or those it owes as a cooperating unit (no unit gathers its part: it
/// reports it to the bureau). A 责任单位 under a lead is no 配合单位 (adv44 c05: the
/// towns responsible for 第34、35、39项 were listed as 配合).
fn listed(l: &Ledger, u: &UnitEntry, owning: bool) -> Listed {
    let tasks: Vec<&TaskEntry> = u
        .missing
        .iter()
        .filter_map(|id| l.task(*id))
        .filter(|t| t.cooperating.contains(&u.name) != owning)
        .collect();
    let join = |f: &dyn Fn(&TaskEntry) -> String| {
        tasks.iter().map(|t| f(t)).collect::<Vec<_>>().join("、")
    };
    Listed {
        ids: join(&|t| t.id.to_string()),
        names: join(&|t| t.short_name.clone()),
    }
}

/// Units of 附件2 that owe the same tasks in the same state.
#[derive(Debug, Serialize)]
struct MissingGroup {
    /// The units' names, joined with 、.
    names: String,
    count: usize,
    /// 连续两期未报送, 未报送任何进展, 应向我局报送的任务均未报送, or empty (some tasks
    /// reported).
    state: String,
    missing: String,
    missing_names: String,
    owned: Listed,
    cooperated: Listed,
}

/// `self_word`: how the collector names itself (我局).
fn missing_groups(units: &[UnitBrief], self_word: &str) -> Vec<MissingGroup> {
    let state = |u: &UnitBrief| {
        if u.silent && !u.late_on.is_empty() {
            // Its return came after the as-of date (adv50 b 3: called silent, and no
            // reminder said otherwise).
            format!("{}，纳入下期汇总", u.late_on)
        } else if u.twice {
            "连续两期未报送".to_string()
        } else if u.silent {
            "未报送任何进展".to_string()
        } else if u.none_owed {
            // What it sent may be its part of a task it reports through its lead unit.
            format!("应向{self_word}报送的任务均未报送")
        } else {
            String::new()
        }
    };
    let mut groups: Vec<(Vec<&str>, &UnitBrief)> = Vec::new();
    for u in units {
        match groups.iter_mut().find(|(_, first)| {
            first.owned == u.owned && first.cooperated == u.cooperated && state(first) == state(u)
        }) {
            Some((names, _)) => names.push(&u.name),
            None => groups.push((vec![&u.name], u)),
        }
    }
    groups
        .into_iter()
        .map(|(names, first)| MissingGroup {
            count: names.len(),
            names: names.join("、"),
            state: state(first),
            missing: first.missing.clone(),
            missing_names: first.missing_names.clone(),
            owned: first.owned.clone(),
            cooperated: first.cooperated.clone(),
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
struct ConflictBrief {
    id: u32,
    short: String,
    unit: String,
    /// Its reports on the task give the same status (the counts stand whichever is
    /// right).
    same_status: bool,
    /// How many current reports the unit has on it.
    copies: usize,
}

#[derive(Debug, Serialize)]
struct Issues {
    overdue: Vec<TaskContext>,
    /// The overdue tasks split: those a decider reported on (not completed), and those
    /// no decider has (not known to be unfinished: named apart).
    overdue_reported: Vec<TaskContext>,
    /// Every task of `overdue_reported` is the collector's alone (a lead unit's own task
    /// in its round): 四 says it will set the date itself, not that it will press the
    /// responsible unit (adv50 d 3).
    overdue_all_own: bool,
    /// Tasks past their deadline whose deciders that reported all say 已完成 (已报完成
    /// 待确认, not overdue by status), waiting on the others.
    overdue_awaiting: Vec<TaskContext>,
    /// Some deciders of an `overdue_awaiting` task answered 不涉及: those that reported
    /// 均报已完成或不涉及 (session 57 review d 5).
    overdue_awaiting_na: bool,
    overdue_unreported: Vec<TaskContext>,
    /// Who has not reported on `overdue_unreported`: 牵头单位, 责任单位 (tasks without a
    /// lead unit), or 牵头或责任单位 (adv55 b 1: 责任单位尚未报送 where the responsible units
    /// had reported and the lead had not).
    overdue_unreported_who: &'static str,
    /// Of `overdue_reported`, those 待核实: 四 has them checked before pressing for a
    /// date (second review d 4: 倒排工期 for a task its unit says is not its own).
    overdue_unclear: usize,
    /// Of `overdue_reported`, those not 正在推进 by status: 其中待核实1项、未启动1项
    /// (empty when all are under way).
    overdue_statuses: String,
    not_started: Vec<TaskContext>,
    /// Tasks no decider reported on, split: those only non-deciders reported on, and
    /// those nobody reported on.
    others_only: Vec<TaskContext>,
    /// Whose report `others_only` waits on, as `overdue_unreported_who` (second review
    /// d 2: 责任单位 where the lead was silent and its towns had reported).
    others_only_who: &'static str,
    /// `others_only` in runs of tasks the same units reported on and whose owners are
    /// named the same way (牵头单位 / 责任单位): one sentence each.
    others_only_groups: Vec<OthersGroup>,
    unreported: Vec<TaskContext>,
    /// Tasks still 未报送 on which some deciders answered 不涉及 (the rest silent, nobody
    /// else reporting): not tasks nothing was received on (adv52 d 2).
    not_applicable_partly: Vec<TaskContext>,
    /// Tasks no decider reported on, past their deadline, that others reported on: told
    /// among the overdue ones (三（一）), counted in 三（二）'s 未报送 by a pointer there.
    others_overdue_count: usize,
    /// Tasks whose only report awaited is the collector's own (第14、48项): its 【待补充】
    /// line in 二, and in 三 a pointer so the counts add up (adv51 b 2); empty when none.
    own_unreported: String,
    own_unreported_count: usize,
    /// Of them, those past their deadline (第14、59项), for 三（一）; empty when none.
    own_overdue: String,
    unclear: Vec<TaskContext>,
    /// `unclear` as 三 tells them, a clause each: 水产养殖整治政策及尾水处理，区农业农村委
    /// 报送“不涉及”，但这项任务由该单位单独负责; tasks one unit's report
    /// doubts for the same reason told together (区农业农村委对A、B等6项任务报送“不涉及”，
    /// 但这些任务由该单位单独负责; adv54 b 3: 43 clauses repeating one
    /// sentence).
    unclear_said: Vec<String>,
    /// One unit's doubted report on a task whose status others decide (双石镇 reports
    /// 已完成 while its text plans the rest for 12月底): a clause each, as 附件1 marks it
    /// 待核实 (session 57 review b 4: 三 left it out).
    parts_to_verify: Vec<String>,
    /// Units (never the collector) that owe reports: every one, for 附件2.
    units_missing: Vec<UnitBrief>,
    /// Some unit of 附件2 owes tasks as a cooperating unit: the attachment says why.
    cooperating_marked: bool,
    /// `units_missing` grouped for 附件2: units owing the same tasks in the same state
    /// (18 towns silent on tasks 24, 25, 27, 50) in one entry, in first-appearance order.
    missing_groups: Vec<MissingGroup>,
    /// How many of them reported nothing, and how many reported part.
    silent_count: usize,
    /// Of them, those whose return came after the as-of date: named when three or
    /// fewer, else counted (其中区纪委监委在统计截止日期后报送…).
    late_said: String,
    /// Units whose every return came after the day they were to report by and by the
    /// as-of date (counted this round, but not on time): named, at most six (second
    /// review b 11: 部分单位未按时报送 named only the silent ones).
    late_in: String,
    /// The day they were to report by (12月5日).
    late_in_due: String,
    /// Units that reported, none of it on the tasks they owe.
    none_owed_count: usize,
    /// Their names joined with 、 when three or fewer, else empty (the count says it).
    none_owed_names: String,
    partial_count: usize,
    /// Units that sent progress but still owe some task (`partial_count` and
    /// `none_owed_count` together): 尚有任务未报送.
    incomplete_count: usize,
    /// Tasks whose lead (or the unit gathering them) still lacks partners' progress, in
    /// a reporting chain: the reminders chase them through the lead, so 一 does not say
    /// every unit has reported everything without saying so.
    partners_missing_tasks: usize,
    /// Those tasks' short names (at most six, then 等N项任务), and the units that gather
    /// them (the leads to press), for 三 and 四 when no unit owes a report of its own.
    partners_missing_names: String,
    partners_gatherers: String,
    /// The units that decide a task nobody decided has reported on (named in 三).
    leads_missing: String,
    leads_missing_count: usize,
    /// Of them, those whose return came after the as-of date, as a clause: 其中区住房
    /// 城乡建委在统计截止日期后报送，纳入下期汇总 (empty when none; second review d 1).
    leads_late: String,
    /// Of the units awaited on `overdue_unreported`, those whose return came after the
    /// as-of date, each with the tasks it answers, as a sentence for 三（一）: 其中，区住房
    /// 城乡建委（海绵城市建设专项规划、…）已在统计截止日期后报送，纳入下期汇总。 (empty
    /// when none: the list says 责任单位尚未报送 of units that did report, late).
    overdue_unreported_late: String,
    /// The collector's own tasks it has not filled in yet (第53、62项), for a marker
    /// the clerk fills before sending; empty when none.
    own_missing: String,
    conflicts: Vec<ConflictBrief>,
    /// The same by unit, in the order of first conflict: {unit, shorts (、-joined),
    /// count}.
    conflict_units: Vec<ConflictUnit>,
    /// How many reports each conflict has, as the text says it: 两 when every one has
    /// two, else 多.
    conflict_copies: &'static str,
    /// The conflicts whose reports give different statuses (the task counted by the
    /// slower one until checked).
    conflicts_differ: Vec<ConflictBrief>,
    /// Every conflict gives different statuses: the sentence does not name the tasks a
    /// second time (adv55 b 7: 区水利局对A报送了两份…，其中A的完成情况不一致).
    conflicts_all_differ: bool,
    /// Counts of work done that fell between a unit's reports: {unit, short, said
    /// (已清掏数量由560座减为356座)}, in task order.
    figures_fell: Vec<FigureFellBrief>,
    /// The units of `conflict_units` and `figures_fell`, each once, joined with 、 (四 says
    /// their reports are checked), and how many.
    differing_units: String,
    differing_count: usize,
    /// Tasks to keep up (需长期坚持 or long-term deadlines), short names joined with 、.
    ongoing_names: String,
    ongoing_count: usize,
    /// True when there is nothing to report under 三、.
    none: bool,
}

/// Tasks only non-deciders reported on, the same units on each (中山路街道、来苏镇…
/// on 阳台违规改造排污巡查 and 封盖河道周边污水管网摸排修复).
#[derive(Debug, Serialize)]
struct OthersGroup {
    /// Short names joined with 、.
    shorts: String,
    count: usize,
    reported_by_others: String,
    /// 牵头单位 or 责任单位: who has not reported.
    owner_label: &'static str,
}

/// [`OthersGroup`]s of `tasks`, in order: a task joins the group of the same reporters
/// and owner word, wherever it is.
fn others_groups(tasks: &[TaskContext]) -> Vec<OthersGroup> {
    let mut groups: Vec<OthersGroup> = Vec::new();
    for t in tasks {
        match groups.iter_mut().find(|g| {
            g.reported_by_others == t.reported_by_others && g.owner_label == t.owner_label
        }) {
            Some(g) => {
                g.shorts.push('、');
                g.shorts.push_str(&t.short);
                g.count += 1;
            }
            None => groups.push(OthersGroup {
                shorts: t.short.clone(),
                count: 1,
                reported_by_others: t.reported_by_others.clone(),
                owner_label: t.owner_label,
            }),
        }
    }
    groups
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
    /// The change since the previous round; absent without one.
    rounds: Option<RoundsContext>,
}

/// What changed since the previous round, as the report says it.
#[derive(Debug, Serialize)]
struct RoundsContext {
    /// The previous round's date (2020年12月5日).
    previous: String,
    newly_completed: usize,
    /// Short names of the newly completed tasks, joined with 、.
    newly_completed_names: String,
    /// Tasks less advanced than then, each with `then` (the status then).
    regressed: Vec<RegressedContext>,
    /// Tasks reported on then and by nobody now.
    no_longer_reported: usize,
    newly_reported: usize,
    /// Tasks overdue now that were not then: how many, and their short names joined
    /// with 、.
    newly_overdue: usize,
    newly_overdue_names: String,
    /// Tasks 已完成 or 已报完成待确认 then and not now, none gone back
    /// (`Changes::unconfirmed`), each with its status then and now.
    unconfirmed: Vec<RegressedContext>,
    /// Their status then, when all had the same (已完成); else empty (each says its own).
    unconfirmed_then: &'static str,
    /// Units that owed a report in both rounds and sent none, joined with 、.
    still_missing: String,
    still_missing_count: usize,
    /// Units silent then that owe nothing now (`Changes::released`), joined with 、,
    /// and whether the tasks they owed on are all done now.
    released: String,
    released_done: bool,
}

#[derive(Debug, Serialize)]
struct RegressedContext {
    short: String,
    then: &'static str,
    now: &'static str,
}

impl RoundsContext {
    fn new(l: &Ledger) -> Option<RoundsContext> {
        let (previous, changes) = (l.previous.as_ref()?, l.changes.as_ref()?);
        let short = |id: &u32| l.task(*id).map(|t| t.short_name.clone());
        Some(RoundsContext {
            previous: render_date(previous.as_of),
            newly_completed: changes.newly_completed.len(),
            newly_completed_names: changes
                .newly_completed
                .iter()
                .filter_map(short)
                .collect::<Vec<_>>()
                .join("、"),
            regressed: changes
                .regressed
                .iter()
                .filter_map(|id| l.task(*id))
                .map(|t| RegressedContext {
                    short: t.short_name.clone(),
                    then: t.previous_status.map_or("", |s| s.label()),
                    now: t.status.label(),
                })
                .collect(),
            unconfirmed: changes
                .unconfirmed
                .iter()
                .filter_map(|id| l.task(*id))
                .map(|t| RegressedContext {
                    short: t.short_name.clone(),
                    then: t.previous_status.unwrap_or(Status::Confirming).label(),
                    now: t.status.label(),
                })
                .collect(),
            unconfirmed_then: {
                let then: Vec<Status> = changes
                    .unconfirmed
                    .iter()
                    .filter_map(|id| l.task(*id))
                    .map(|t| t.previous_status.unwrap_or(Status::Confirming))
                    .collect();
                match then.first() {
                    Some(first) if then.iter().all(|s| s == first) => first.label(),
                    _ => "",
                }
            },
            no_longer_reported: changes.no_longer_reported.len(),
            newly_reported: changes.newly_reported.len(),
            newly_overdue: changes.newly_overdue.len(),
            newly_overdue_names: changes
                .newly_overdue
                .iter()
                .filter_map(short)
                .collect::<Vec<_>>()
                .join("、"),
            still_missing: changes.still_missing.join("、"),
            still_missing_count: changes.still_missing.len(),
            released: changes.released.join("、"),
            released_done: changes.released_done,
        })
    }
}

impl<'a> ReportContext<'a> {
    fn new(l: &'a Ledger) -> ReportContext<'a> {
        let categories = category_contexts(l);
        let issues = Issues::new(l);
        ReportContext {
            plan: PlanContext::new(l),
            as_of: render_date(l.as_of),
            report_date: render_date(l.plan.report_date),
            summary: SummaryContext::new(
                l,
                categories.len(),
                issues.silent_count as u32,
                issues.none_owed_count as u32,
                issues.none_owed_names.clone(),
            ),
            categories,
            issues,
            rounds: RoundsContext::new(l),
        }
    }
}

impl<'a> SummaryContext<'a> {
    fn new(
        l: &'a Ledger,
        categories: usize,
        units_silent: u32,
        units_none_owed: u32,
        units_none_owed_names: String,
    ) -> SummaryContext<'a> {
        let s = &l.summary;
        // The tasks the overview counts as the rest (not done, not kept up in time).
        let rest_of = |which: &dyn Fn(&TaskEntry) -> bool| -> Vec<&TaskEntry> {
            l.tasks
                .iter()
                .filter(|t| t.light != Light::Off)
                .filter(|t| t.light == Light::Red || t.status != Status::Ongoing)
                .filter(|t| which(t))
                .collect()
        };
        let rest = |which: &dyn Fn(&TaskEntry) -> bool| rest_of(which).len() as u32;
        let long_term = |t: &TaskEntry| t.light == Light::Green && t.deadline.is_long_term_only();
        SummaryContext {
            total: s.total,
            completed: s.completed,
            confirming: s.confirming,
            done_late: s.done_late,
            ongoing: s.ongoing,
            in_progress: s.in_progress,
            not_started: s.not_started,
            not_applicable: s.not_applicable,
            unreported: s.unreported,
            unclear: s.unclear,
            overdue: s.overdue,
            red: s.red,
            yellow: s.yellow,
            green: s.green,
            green_long_term: l
                .tasks
                .iter()
                .filter(|t| t.light == Light::Green && t.deadline.is_long_term_only())
                .count() as u32,
            rest: rest(&|_| true),
            rest_apart: {
                let mut apart = vec![Status::Completed.label().to_string()];
                if s.confirming > 0 {
                    apart.push(Status::Confirming.label().to_string());
                }
                if s.ongoing > 0 {
                    apart.push(format!("需{}", Status::Ongoing.label()));
                }
                if s.not_applicable > 0 {
                    apart.push(Status::NotApplicable.label().to_string());
                }
                match apart.split_last() {
                    Some((last, first)) if !first.is_empty() => {
                        format!("{}和{last}", first.join("、"))
                    }
                    _ => String::new(),
                }
            },
            ongoing_partly: l
                .tasks
                .iter()
                .filter(|t| t.status == Status::Ongoing && t.breakdown.unreported > 0)
                .count() as u32,
            rest_yellow: rest(&|t| t.light == Light::Yellow),
            rest_green: rest(&|t| t.light == Light::Green),
            rest_green_long_term: rest(&long_term),
            rest_long_term_statuses: {
                let statuses: Vec<Status> = rest_of(&long_term).iter().map(|t| t.status).collect();
                statuses_said(&statuses)
            },
            warning_days: l.plan.warning_days,
            soon: soon_words(l),
            rate: rate_text(s.completion_rate),
            basis: &s.completion_basis,
            units_expected: s.units_expected,
            units_reported: s.units_reported,
            units_silent,
            units_none_owed,
            units_none_owed_names,
            units_other: s.units_other,
            units_other_names: few_named(
                &l.units
                    .iter()
                    .filter(|u| {
                        !u.files.is_empty()
                            && u.name != l.plan.collector
                            && u.expected.is_empty()
                            && crate::model::queries::counts_somewhere(&l.tasks, &u.name)
                    })
                    .map(|u| u.name.as_str())
                    .collect::<Vec<_>>(),
            ),
            categories,
        }
    }
}

/// Statuses counted as a sentence says them, in the order of `Status::ALL`: 均未报送 when
/// they are all one (未报送 when there is one), else 未报送3项、正在推进2项.
fn statuses_said(statuses: &[Status]) -> String {
    let counts: Vec<(Status, usize)> = Status::ALL
        .iter()
        .map(|s| (*s, statuses.iter().filter(|x| *x == s).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    match counts[..] {
        [] => String::new(),
        [(s, 1)] => s.label().to_string(),
        [(s, _)] => format!("均{}", s.label()),
        _ => counts
            .iter()
            .map(|(s, n)| format!("{}{n}项", s.label()))
            .collect::<Vec<_>>()
            .join("、"),
    }
}

/// The 重点任务 of the plan, each with its tasks and counts.
fn category_contexts(l: &Ledger) -> Vec<CategoryContext> {
    l.plan
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let entries: Vec<&TaskEntry> = l.tasks.iter().filter(|t| &t.category == c).collect();
            let count = |s: Status| entries.iter().filter(|t| t.status == s).count();
            let tasks: Vec<TaskContext> = entries.iter().map(|t| TaskContext::new(l, t)).collect();
            let results = entries
                .iter()
                .map(|t| TaskContext::new(l, t))
                .filter(|t| !t.result.is_empty())
                .collect();
            let points = points(l, &entries);
            CategoryContext {
                index: i + 1,
                name: category_name(c).to_string(),
                full: c.clone(),
                total: entries.len(),
                completed: count(Status::Completed),
                confirming: count(Status::Confirming),
                ongoing: count(Status::Ongoing),
                in_progress: count(Status::InProgress),
                not_started: count(Status::NotStarted),
                unreported: count(Status::Unreported),
                unclear: count(Status::Unclear),
                not_applicable: count(Status::NotApplicable),
                tasks,
                results,
                points,
            }
        })
        .collect()
}

impl Issues {
    fn new(l: &Ledger) -> Issues {
        let with = |f: &dyn Fn(&TaskEntry) -> bool| -> Vec<TaskContext> {
            l.tasks
                .iter()
                .filter(|t| f(t))
                .map(|t| TaskContext::new(l, t))
                .collect()
        };
        // Tasks whose gathering unit still lacks partners' progress, and those units.
        let mut partners_missing: Vec<u32> = Vec::new();
        let mut gatherers: Vec<String> = Vec::new();
        for u in &l.units {
            let missing = crate::model::queries::partners_missing(l, u);
            if !missing.is_empty() {
                gatherers.push(u.name.clone());
            }
            partners_missing.extend(missing.iter().map(|(t, _)| t.id));
        }
        partners_missing.sort_unstable();
        partners_missing.dedup();
        let units_missing: Vec<UnitBrief> = l
            .units
            .iter()
            .filter(|u| u.name != l.plan.collector && !u.missing.is_empty())
            .map(|u| UnitBrief::new(l, u))
            .collect();
        // A task some of whose deciders answered 不涉及, the rest silent.
        let answered_not_applicable = |t: &TaskEntry| {
            t.current_reports()
                .any(|r| r.status == Status::NotApplicable)
        };
        let mut leads: Vec<String> = Vec::new();
        // The units owing the tasks nobody reported on (the sentence names them after
        // those tasks; a task others reported on has its own sentence). Never 我局: a
        // report signed by it does not list it among those who have not reported (its
        // own tasks have their 待补充 line in section 二).
        for t in l.tasks.iter().filter(|t| {
            t.status == Status::Unreported
                && t.reported_by_others.is_empty()
                && !answered_not_applicable(t)
        }) {
            for u in &t.awaiting {
                if *u != l.plan.collector && !leads.contains(u) {
                    leads.push(u.clone());
                }
            }
        }
        // Whether a unit's return came after the as-of date (told by 附件2's list: a
        // late unit sent nothing by the as-of date).
        let came_late = |u: &str| {
            units_missing
                .iter()
                .any(|b| b.name == u && !b.late_on.is_empty())
        };
        // Of them, those whose return came after the as-of date.
        let leads_late = {
            let late: Vec<&str> = leads
                .iter()
                .map(String::as_str)
                .filter(|u| came_late(u))
                .collect();
            if late.is_empty() {
                String::new()
            } else {
                format!("其中{}在统计截止日期后报送，纳入下期汇总", late.join("、"))
            }
        };
        // A task only the collector's own part of which is awaited: its 【待补充】 line
        // says so; it is not told as one nobody reported on (adv50 b 12).
        let only_own_awaited = |t: &TaskEntry| t.awaiting.iter().all(|u| *u == l.plan.collector);
        // Overdue, and no decider but the collector's others has reported: 三（一）'s
        // list of tasks the units have not reported on.
        let overdue_silent =
            |t: &TaskEntry| t.overdue && t.status == Status::Unreported && !only_own_awaited(t);
        // No decider has reported, others have: named in 三（二）, or, overdue, in the
        // overdue list with who reported (and pointed to from 三（二）).
        let by_others =
            |t: &TaskEntry| t.status == Status::Unreported && !t.reported_by_others.is_empty();
        let others_silent = |t: &TaskEntry| by_others(t) && !t.overdue && !only_own_awaited(t);
        // Of the units awaited on the overdue tasks nothing came in on, those whose
        // return came after the as-of date (told by 附件2's list, as above).
        let overdue_unreported_late = {
            // Each late unit with the tasks it answers (second review d 9: 上述任务中，
            // X、Y在…报送 left the reader to guess which).
            let mut late: Vec<(&str, Vec<&str>)> = Vec::new();
            for t in l.tasks.iter().filter(|t| overdue_silent(t)) {
                for u in &t.awaiting {
                    if !came_late(u) {
                        continue;
                    }
                    match late.iter_mut().find(|(n, _)| n == u) {
                        Some((_, shorts)) => shorts.push(&t.short_name),
                        None => late.push((u, vec![&t.short_name])),
                    }
                }
            }
            let named: Vec<String> = late
                .iter()
                .map(|(u, shorts)| {
                    let tasks = if shorts.len() > 3 {
                        format!("{}等{}项", shorts[..3].join("、"), shorts.len())
                    } else {
                        shorts.join("、")
                    };
                    format!("{u}（{tasks}）")
                })
                .collect();
            if named.is_empty() {
                String::new()
            } else {
                format!(
                    "其中，{}已在统计截止日期后报送，纳入下期汇总。",
                    named.join("、")
                )
            }
        };
        let ongoing: Vec<String> = l
            .tasks
            .iter()
            .filter(|t| t.status == Status::Ongoing)
            .map(|t| t.short_name.clone())
            .collect();
        let others_only = with(&others_silent);
        let own: Vec<&TaskEntry> = l
            .tasks
            .iter()
            .filter(|t| t.status == Status::Unreported && only_own_awaited(t))
            .collect();
        let own_overdue: Vec<u32> = own.iter().filter(|t| t.overdue).map(|t| t.id).collect();
        let own: Vec<u32> = own.iter().map(|t| t.id).collect();
        let conflicts = conflicts(l);
        let conflict_units = conflict_units(&conflicts);
        let figures_fell = figures_fell(l);
        // The units whose reports 四 says are checked, each once.
        let mut differing: Vec<&str> = Vec::new();
        for u in conflict_units
            .iter()
            .map(|c| c.unit.as_str())
            .chain(figures_fell.iter().map(|f| f.unit.as_str()))
        {
            if !differing.contains(&u) {
                differing.push(u);
            }
        }
        let (differing_units, differing_count) = (differing.join("、"), differing.len());
        let mut issues = Issues {
            overdue: with(&|t| t.overdue),
            overdue_reported: with(&|t| t.overdue && t.status != Status::Unreported),
            overdue_all_own: l
                .tasks
                .iter()
                .filter(|t| t.overdue && t.status != Status::Unreported)
                .all(|t| t.deciders() == std::slice::from_ref(&l.plan.collector)),
            // Not overdue by status (reported done by all who answered), but past due.
            overdue_awaiting: with(&|t| {
                t.status == Status::Confirming && t.deadline.is_past(l.as_of)
            }),
            overdue_awaiting_na: l.tasks.iter().any(|t| {
                t.status == Status::Confirming
                    && t.deadline.is_past(l.as_of)
                    && t.breakdown.not_applicable > 0
            }),
            // (Not a task only the collector's own part of which is awaited: its
            // 【待补充】 line says so.)
            overdue_unreported: with(&overdue_silent),
            overdue_unreported_who: deciders_word_of(l.tasks.iter().filter(|t| overdue_silent(t))),
            others_only_who: deciders_word_of(l.tasks.iter().filter(|t| others_silent(t))),
            overdue_unclear: l
                .tasks
                .iter()
                .filter(|t| t.overdue && t.status == Status::Unclear)
                .count(),
            overdue_statuses: {
                let counts: Vec<String> = [Status::Unclear, Status::NotStarted, Status::Ongoing]
                    .iter()
                    .filter_map(|s| {
                        let n = l
                            .tasks
                            .iter()
                            .filter(|t| t.overdue && t.status == *s)
                            .count();
                        (n > 0).then(|| format!("{}{n}项", s.label()))
                    })
                    .collect();
                if counts.is_empty() {
                    String::new()
                } else {
                    format!("其中{}", counts.join("、"))
                }
            },
            not_started: with(&|t| t.status == Status::NotStarted),
            others_only_groups: others_groups(&others_only),
            others_only,
            unreported: with(&|t| {
                t.status == Status::Unreported
                    && t.reported_by_others.is_empty()
                    && !only_own_awaited(t)
                    && !answered_not_applicable(t)
            }),
            not_applicable_partly: with(&|t| {
                t.status == Status::Unreported
                    && t.reported_by_others.is_empty()
                    && !only_own_awaited(t)
                    && answered_not_applicable(t)
            }),
            others_overdue_count: l
                .tasks
                .iter()
                .filter(|t| by_others(t) && t.overdue && !only_own_awaited(t))
                .count(),
            own_unreported_count: own.len(),
            own_unreported: task_numbers(&own),
            own_overdue: task_numbers(&own_overdue),
            unclear: with(&|t| t.status == Status::Unclear),
            unclear_said: unclear_said(l),
            parts_to_verify: parts_to_verify(l),
            silent_count: units_missing.iter().filter(|u| u.silent).count(),
            // 其中区纪委监委, 其中4个单位, or 均 when every silent unit sent late.
            late_said: {
                let silent = units_missing.iter().filter(|u| u.silent).count();
                let late: Vec<&str> = units_missing
                    .iter()
                    .filter(|u| u.silent && !u.late_on.is_empty())
                    .map(|u| u.name.as_str())
                    .collect();
                match late.len() {
                    0 => String::new(),
                    n if n == silent => "均".to_string(),
                    1..=3 => format!("其中{}", late.join("、")),
                    n => format!("其中{n}个单位"),
                }
            },
            late_in: at_most_six(&reported_late(l), "单位"),
            late_in_due: crate::common::dates::render_day(l.plan.reports_due()),
            none_owed_count: units_missing.iter().filter(|u| u.none_owed).count(),
            none_owed_names: few_named(
                &units_missing
                    .iter()
                    .filter(|u| u.none_owed)
                    .map(|u| u.name.as_str())
                    .collect::<Vec<_>>(),
            ),
            partial_count: units_missing
                .iter()
                .filter(|u| !u.silent && !u.none_owed)
                .count(),
            incomplete_count: units_missing.iter().filter(|u| !u.silent).count(),
            missing_groups: missing_groups(&units_missing, &l.plan.self_word),
            cooperating_marked: units_missing.iter().any(|u| !u.cooperated.ids.is_empty()),
            units_missing,
            partners_missing_tasks: partners_missing.len(),
            partners_missing_names: {
                let names: Vec<&str> = partners_missing
                    .iter()
                    .filter_map(|&id| l.task(id))
                    .map(|t| t.short_name.as_str())
                    .collect();
                if names.len() > 6 {
                    format!("{}等{}项任务", names[..6].join("、"), names.len())
                } else {
                    names.join("、")
                }
            },
            partners_gatherers: name_units(l, &gatherers),
            leads_missing_count: leads.len(),
            leads_late,
            overdue_unreported_late,
            leads_missing: name_units(l, &leads),
            own_missing: task_numbers(
                &l.tasks
                    .iter()
                    .filter(|t| t.awaits(&l.plan.collector))
                    .map(|t| t.id)
                    .collect::<Vec<_>>(),
            ),
            conflict_units,
            conflicts_differ: conflicts
                .iter()
                .filter(|c| !c.same_status)
                .cloned()
                .collect(),
            conflicts_all_differ: conflicts.iter().all(|c| !c.same_status),
            conflict_copies: copies_word(conflicts.iter().map(|c| c.copies).max().unwrap_or(2)),
            conflicts,
            figures_fell,
            differing_units,
            differing_count,
            ongoing_count: ongoing.len(),
            ongoing_names: ongoing
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join("、"),
            none: false,
        };
        issues.none = issues.overdue.is_empty()
            && issues.overdue_awaiting.is_empty()
            && issues.not_started.is_empty()
            && issues.unreported.is_empty()
            && issues.others_only.is_empty()
            && issues.unclear.is_empty()
            && issues.units_missing.is_empty()
            && issues.conflicts.is_empty()
            && issues.figures_fell.is_empty();
        issues
    }
}

impl UnitBrief {
    fn new(l: &Ledger, u: &UnitEntry) -> UnitBrief {
        UnitBrief {
            name: u.name.clone(),
            missing: u
                .missing
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            missing_names: u
                .missing
                .iter()
                .filter_map(|id| l.task(*id))
                .map(|t| t.short_name.clone())
                .collect::<Vec<_>>()
                .join("、"),
            owned: listed(l, u, true),
            cooperated: listed(l, u, false),
            missing_count: u.missing.len(),
            silent: u.sent_nothing(),
            none_owed: u.reported_none_owed(),
            twice: l
                .changes
                .as_ref()
                .is_some_and(|c| c.still_missing.contains(&u.name)),
            late_on: late_known(l, u)
                .map(|d| {
                    format!(
                        "{}报送，晚于统计截止日期",
                        crate::common::dates::render_day(d)
                    )
                })
                .unwrap_or_default(),
        }
    }
}

/// Task numbers named together (第14、59项), or nothing for no task.
fn task_numbers(ids: &[u32]) -> String {
    if ids.is_empty() {
        String::new()
    } else {
        crate::render::notice::task_list(ids)
    }
}

/// The day a unit's return came after the as-of date, if it did and the document is
/// dated no earlier (a report signed on 12月5日 knows nothing of a return of 12月6日:
/// the unit is told as silent there; adv54 b 5).
pub(crate) fn late_known(l: &Ledger, u: &crate::model::UnitEntry) -> Option<chrono::NaiveDate> {
    crate::render::notice::late_return(l, u).filter(|day| *day <= l.plan.report_date)
}

/// The 待核实 tasks as 三 tells them ([`Issues::unclear_said`]), in task order, a group
/// where its first task stands.
/// [`Issues::parts_to_verify`]: 农田排灌体系任务，双石镇报送“已完成”，但进展情况写明…
fn parts_to_verify(l: &Ledger) -> Vec<String> {
    let mut said = Vec::new();
    for t in l.tasks.iter().filter(|t| t.status != Status::Unclear) {
        // (Not the writer's own: it is no unit to check with, its clerk is told at the
        // row; adv58 d 2, d 3: 我局对…报送“已完成”…需与该单位核实.)
        for r in t.current_reports().filter(|r| r.unit != l.plan.collector) {
            if let Some(doubt) = &r.doubt {
                let clause = if doubt.starts_with("报送") {
                    format!("{}对{}任务{}", r.unit, t.short_name, doubt)
                } else {
                    format!("{}任务，{}{}", t.short_name, r.unit, doubt)
                };
                said.push(collector_as_self(l, clause));
            }
        }
    }
    said
}

fn unclear_said(l: &Ledger) -> Vec<String> {
    let unclear: Vec<&TaskEntry> = l
        .tasks
        .iter()
        .filter(|t| t.status == Status::Unclear)
        .collect();
    // A task's one doubt as the unit's name and the reason after it.
    let split = |t: &TaskEntry| -> Option<(String, String)> {
        let [doubt] = t.doubts.as_slice() else {
            return None;
        };
        let unit = t
            .current_reports()
            .map(|r| r.unit.as_str())
            .filter(|u| doubt.starts_with(u))
            .max_by_key(|u| u.len())?;
        // What the unit did (报送“不涉及”…, 未写明完成情况), not a list of units going on
        // (区经济信息委、区水利局均报送…).
        let why = &doubt[unit.len()..];
        why.starts_with(['报', '未', '只'])
            .then(|| (unit.to_string(), why.to_string()))
    };
    // Else the one doubt whole (区经济信息委、区水利局均报送“不涉及”…), under no unit.
    let split = |t: &TaskEntry| {
        split(t).or_else(|| match t.doubts.as_slice() {
            [doubt] => Some((String::new(), doubt.clone())),
            _ => None,
        })
    };
    let keys: Vec<Option<(String, String)>> = unclear.iter().map(|t| split(t)).collect();
    let mut said = Vec::new();
    for (i, t) in unclear.iter().enumerate() {
        let alike: Vec<usize> = keys[i]
            .as_ref()
            .map(|k| {
                (0..unclear.len())
                    .filter(|&j| keys[j].as_ref() == Some(k))
                    .collect()
            })
            .unwrap_or_default();
        match &keys[i] {
            Some((unit, why)) if alike.len() > 1 => {
                if alike[0] != i {
                    continue;
                }
                let shorts: Vec<&str> = alike
                    .iter()
                    .map(|&j| unclear[j].short_name.as_str())
                    .collect();
                let tasks = if shorts.len() > 6 {
                    format!("{}等{}项任务", shorts[..6].join("、"), shorts.len())
                } else {
                    format!("{}{}项任务", shorts.join("、"), shorts.len())
                };
                let why = why
                    .replace("这项任务", "这些任务")
                    .replace("该项任务", "这些任务");
                said.push(collector_as_self(
                    l,
                    if unit.is_empty() {
                        format!("{tasks}，{why}")
                    } else {
                        format!("{unit}对{tasks}{why}")
                    },
                ));
            }
            _ => {
                let doubt = collector_as_self(l, t.doubts.join("；"));
                said.push(if doubt.is_empty() {
                    t.short_name.clone()
                } else {
                    format!("{}，{doubt}", t.short_name)
                });
            }
        }
    }
    said
}

/// Units named for the clerk to chase: every unit but the towns by name, the towns
/// counted (“区经济信息委、区金融办和18个镇街”).
fn name_units(l: &Ledger, units: &[String]) -> String {
    let is_town = |n: &String| {
        l.units
            .iter()
            .any(|u| &u.name == n && u.kind == crate::plan::units::UnitKind::Town)
    };
    let named: Vec<&str> = units
        .iter()
        .filter(|u| !is_town(u))
        .map(String::as_str)
        .collect();
    let towns = units.iter().filter(|u| is_town(u)).count();
    let mut text = named.join("、");
    if towns > 0 {
        if !text.is_empty() {
            text.push('和');
        }
        text.push_str(&format!("{towns}个镇街"));
    }
    text
}

/// A unit's conflicts: the tasks it reported twice in different words.
#[derive(Debug, Serialize)]
struct ConflictUnit {
    unit: String,
    /// The tasks' short names joined with 、.
    shorts: String,
    count: usize,
}

/// `conflicts` gathered by unit, in the order of each unit's first.
fn conflict_units(conflicts: &[ConflictBrief]) -> Vec<ConflictUnit> {
    let mut units: Vec<ConflictUnit> = Vec::new();
    for c in conflicts {
        match units.iter_mut().find(|u| u.unit == c.unit) {
            Some(u) => {
                u.shorts.push('、');
                u.shorts.push_str(&c.short);
                u.count += 1;
            }
            None => units.push(ConflictUnit {
                unit: c.unit.clone(),
                shorts: c.short.clone(),
                count: 1,
            }),
        }
    }
    units
}

/// A count of work done that fell between a unit's reports on a task.
#[derive(Debug, Serialize)]
struct FigureFellBrief {
    unit: String,
    short: String,
    said: String,
}

/// The current reports whose count of work done fell (`UnitReport::figure_fell`), in task
/// order.
fn figures_fell(l: &Ledger) -> Vec<FigureFellBrief> {
    l.tasks
        .iter()
        .flat_map(|t| {
            t.current_reports()
                .filter(|r| r.unit != l.plan.collector)
                .filter_map(|r| {
                    Some(FigureFellBrief {
                        said: r.figure_fell.clone()?,
                        unit: who(l, &r.unit),
                        short: t.short_name.clone(),
                    })
                })
        })
        .collect()
}

/// Units with more than one current report on a task, once per task and unit.
fn conflicts(l: &Ledger) -> Vec<ConflictBrief> {
    let mut conflicts = Vec::new();
    for t in &l.tasks {
        // (The writer's own two reports are its clerk's to settle, told at the rows, not a
        // unit it checks with: adv58 d 3.)
        for unit in t
            .units_in_conflict()
            .into_iter()
            .filter(|u| *u != l.plan.collector)
        {
            let statuses: Vec<_> = t
                .current_reports()
                .filter(|r| r.unit == unit)
                .map(|r| r.status)
                .collect();
            conflicts.push(ConflictBrief {
                id: t.id,
                short: t.short_name.clone(),
                unit: who(l, unit),
                same_status: statuses.iter().all(|s| *s == statuses[0]),
                copies: statuses.len(),
            });
        }
    }
    conflicts
}

/// A unit's text without the marks numbering its points (1.、1、、（1）、①、一是、一、),
/// where a point starts (the text's start, or after 。；， or a line break): quoted in the
/// report's own 一是…二是…, they would number points inside points (一是区水利局1.长征渠…).
/// A number that is a figure stays (1.5公里, 3处).
pub(crate) fn without_list_marks(text: &str) -> String {
    use crate::common::numerals::{is_numeral, is_small_numeral};
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
    let c: Vec<char> = text.chars().collect();
    // The length of a mark at `i`, 0 when none.
    let mark_at = |i: usize| -> usize {
        let at = |k: usize| c.get(i + k).copied();
        if at(0).is_some_and(|ch| CIRCLED.contains(ch)) {
            return 1;
        }
        // （1） (1) （一）
        if matches!(at(0), Some('（' | '(')) {
            let n = (1..4)
                .take_while(|&k| at(k).is_some_and(is_numeral))
                .count();
            if n > 0 && matches!(at(n + 1), Some('）' | ')')) {
                return n + 2;
            }
            return 0;
        }
        // 1. 1、 1） 12．
        let digits = (0..3)
            .take_while(|&k| at(k).is_some_and(|ch| ch.is_ascii_digit()))
            .count();
        if digits > 0 {
            return match (at(digits), at(digits + 1)) {
                (Some('.' | '．'), next) if !next.is_some_and(|ch| ch.is_ascii_digit()) => {
                    digits + 1
                }
                (Some('、' | '）' | ')'), _) => digits + 1,
                _ => 0,
            };
        }
        // 一是 二是 … 十是, 一、 二、
        let numerals = (0..2)
            .take_while(|&k| at(k).is_some_and(is_small_numeral))
            .count();
        if numerals > 0 {
            return match (at(numerals), at(numerals + 1)) {
                // 是否: a question, not 一是.
                (Some('是'), Some('否')) => 0,
                (Some('是' | '、'), _) => numerals + 1,
                _ => 0,
            };
        }
        0
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut point_start = true;
    while i < c.len() {
        if point_start {
            // Spaces before a mark, then the mark and the spaces after it.
            let mut k = i;
            while c.get(k).is_some_and(|ch| ch.is_whitespace()) {
                k += 1;
            }
            let n = mark_at(k);
            if n > 0 {
                out.extend(&c[i..k]);
                i = k + n;
                while c.get(i).is_some_and(|ch| ch.is_whitespace() && *ch != '\n') {
                    i += 1;
                }
                point_start = false;
                continue;
            }
        }
        let ch = c[i];
        out.push(ch);
        point_start = matches!(ch, '。' | '；' | ';' | '，' | ',' | '\n' | '：' | ':');
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marks_numbering_a_units_points_go_and_figures_stay() {
        for (text, plain) in [
            (
                "1.长征渠引水工程已纳入项目储备库；\n2.全区27座小水电站已全部完成清理整改。",
                "长征渠引水工程已纳入项目储备库；\n全区27座小水电站已全部完成清理整改。",
            ),
            (
                "一是规划初稿已完成；二是正在征求意见。",
                "规划初稿已完成；正在征求意见。",
            ),
            (
                "（1）实施河堰修复12处，（2）加固河堤8.6公里。",
                "实施河堰修复12处，加固河堤8.6公里。",
            ),
            (
                "①规划初稿已完成，②正在征求意见",
                "规划初稿已完成，正在征求意见",
            ),
            (
                "一、已完成15个水源地保护区划定。",
                "已完成15个水源地保护区划定。",
            ),
            (
                "1、会同各镇街排查拦河养鱼设施14处，2、已全部拆除。",
                "会同各镇街排查拦河养鱼设施14处，已全部拆除。",
            ),
            // Figures, and numerals that are words, stay.
            ("1.5公里河道已完成清淤。", "1.5公里河道已完成清淤。"),
            ("3处已拆除，一期工程已完工。", "3处已拆除，一期工程已完工。"),
            ("十是否完成", "十是否完成"),
            ("已完成（1处），共2.3万元", "已完成（1处），共2.3万元"),
        ] {
            assert_eq!(without_list_marks(text), plain, "{text}");
        }
    }

    #[test]
    fn a_late_tasks_sentence_says_when_it_will_be_done() {
        // The rest of the sentence told in part, up to its date.
        assert_eq!(
            with_planned_date(
                "规划初稿已完成并征求相关部门意见。".to_string(),
                "规划初稿已完成并征求相关部门意见，正在按专家意见修改完善，预计12月底报批，争取早日印发。"
            ),
            "规划初稿已完成并征求相关部门意见，正在按专家意见修改完善，预计12月底报批。"
        );
        // Another sentence, whole.
        assert_eq!(
            with_planned_date(
                "溢流原因已查明，主要为管网雨水混入。".to_string(),
                "溢流原因已查明，主要为管网雨水混入。已更换提升泵2台；截流管网改造完成70%，预计2021年1月完工。"
            ),
            "溢流原因已查明，主要为管网雨水混入；截流管网改造完成70%，预计2021年1月完工。"
        );
        // Said already, none given, or too long to add: as told.
        for (told, progress) in [
            ("工程预计12月底完工。", "工程预计12月底完工。"),
            ("正在推进。", "正在推进，进度滞后。"),
            (
                "正在推进。",
                "正在推进。因征地协调、资金拨付、施工许可办理、管线迁改等多方面原因进度严重滞后，目前完成工程量的70%，预计2021年1月完工。",
            ),
        ] {
            assert_eq!(with_planned_date(told.to_string(), progress), told);
        }
    }

    #[test]
    fn progress_listed_place_by_place_is_told_place_by_place() {
        let text = "来苏镇：已完成尾水处理设施建设3处；宝峰镇：正在推进池塘标准化改造，完成60%，预计12月底完成；双石镇：3处正在施工。";
        assert_eq!(
            places_told(text).unwrap(),
            "来苏镇已完成尾水处理设施建设3处；宝峰镇正在推进池塘标准化改造，完成60%；双石镇：3处正在施工。"
        );
        // Lines instead of ；, and more places than told: the count and the first four.
        let lines = "来苏镇：已完成。\n宝峰镇：已完成。\n双石镇：已完成。\n临江镇：已完成。\n吉安镇：正在推进。";
        assert_eq!(
            places_told(lines).unwrap(),
            "共5个镇街报送进展，其中来苏镇已完成；宝峰镇已完成；双石镇已完成；临江镇已完成等。"
        );
        // One place, a text not opened by a place, or a label that is not a place: as
        // before.
        for plain in [
            "来苏镇：已完成尾水处理设施建设3处。",
            "全区已完成；来苏镇：已完成；宝峰镇：已完成。",
            "工作进展：已完成；存在问题：无。",
        ] {
            assert_eq!(places_told(plain), None, "{plain}");
        }
        // The lead's consolidation opens with 据…汇总; the collector's own needs none.
        let said = Said {
            unit: "区农业农村委".into(),
            text: places_told(text).unwrap(),
            by_place: true,
            unconfirmed: false,
            carried: false,
            behind: None,
        };
        assert!(said
            .opened("区农业农村委")
            .starts_with("据区农业农村委汇总，来苏镇已完成"));
        assert!(said.opened("我委").starts_with("来苏镇已完成"));
    }

    /// A time span said in a point is not said again in its next sentence.
    #[test]
    fn a_time_span_said_once_in_a_point() {
        let before = [
            "我局已完成初稿".to_string(),
            "今年以来举办培训班3期".to_string(),
        ];
        assert_eq!(
            without_time_said(&before, "今年以来开展执法检查1260家次。"),
            "开展执法检查1260家次。"
        );
        assert_eq!(
            without_time_said(&before, "今年以来，开展执法检查。"),
            "开展执法检查。"
        );
        // Said first here, or another span: kept.
        assert_eq!(
            without_time_said(&before[..1], "今年以来开展执法检查。"),
            "今年以来开展执法检查。"
        );
        assert_eq!(
            without_time_said(&before, "截至目前排查236个。"),
            "截至目前排查236个。"
        );
    }

    /// A task 已报完成待确认 is told as the unit's report, not the report's own finding:
    /// 据区水利局报送，该局…, the unit's name not repeated.
    #[test]
    fn an_unconfirmed_completion_is_told_as_reported() {
        let said = |text: &str| Said {
            unit: "区水利局".into(),
            text: text.into(),
            by_place: false,
            unconfirmed: true,
            carried: false,
            behind: None,
        };
        assert_eq!(
            said("区水利局会同各镇街开展拦河养鱼专项排查，已全部拆除。").opened("区水利局"),
            "据区水利局报送，该局会同各镇街开展拦河养鱼专项排查，已全部拆除。"
        );
        assert_eq!(
            said("我局已拆除拦河养鱼设施14处。").opened("区水利局"),
            "据区水利局报送，该局已拆除拦河养鱼设施14处。"
        );
        // A sentence with a subject of its own is opened 据…报送 already.
        assert_eq!(
            said("长征渠引水工程已入库。").opened("区水利局"),
            "据区水利局报送，长征渠引水工程已入库。"
        );
        assert_eq!(this_unit("凤凰湖产业促进中心"), "该中心");
        assert_eq!(this_unit("卫星湖街道"), "该街道");
        assert_eq!(this_unit("临江河指挥部办公室"), "该单位");
        // The collector's own words stay its own.
        let mut own = said("已拆除拦河养鱼设施14处。");
        own.unit = "区生态环境局".into();
        assert_eq!(
            own.opened("我局"),
            said_by("我局", "区生态环境局", own.text.clone())
        );
    }

    #[test]
    fn a_units_word_for_itself_becomes_its_name() {
        for (text, said) in [
            ("我局高度重视，成立专班。", "区水利局高度重视，成立专班。"),
            ("我单位，已完成。", "区水利局已完成。"),
            ("区水利局已完成。", "区水利局已完成。"),
            ("成立专班。", "区水利局成立专班。"),
            ("我区已建成。", "我区已建成。"),
        ] {
            assert_eq!(said_by("区水利局", "区水利局", text.into()), said, "{text}");
        }
        // The collector speaks of itself as 我局 anyway.
        assert_eq!(
            said_by("我局", "区生态环境局", "我单位已完成。".into()),
            "我局已完成。"
        );
        for text in ["我局召开会议。", "区水利局召开会议。", "召开会议。"] {
            assert_eq!(said_again("区水利局", text), "召开会议。", "{text}");
        }
        // A sentence naming the unit itself further on: not named in front again, nor
        // left without a subject (adv48 b H3), but told as the unit's report.
        let unit = "临江河指挥部办公室";
        assert_eq!(
            said_by(
                unit,
                unit,
                "已成立领导小组，办公室设在临江河指挥部办公室。".into()
            ),
            "据临江河指挥部办公室报送，已成立领导小组，办公室设在临江河指挥部办公室。"
        );
        // The collector's words opening with its own name: 我局 (adv48 b M5).
        assert_eq!(
            said_by(
                "我局",
                "区生态环境局",
                "区生态环境局持续开展执法检查。".into()
            ),
            "我局持续开展执法检查。"
        );
        // 局 + 长征渠 would read 局长: kept apart.
        assert_eq!(
            said_by("区水利局", "区水利局", "长征渠引水工程已入库。".into()),
            "据区水利局报送，长征渠引水工程已入库。"
        );
        // A sentence with a subject of its own: the name would seem to own it.
        for (text, said) in [
            (
                "石庙污水处理站溢流原因已查明。",
                "据区住房城乡建委报送，石庙污水处理站溢流原因已查明。",
            ),
            (
                "双石污水处理厂正在扩容。",
                "据区住房城乡建委报送，双石污水处理厂正在扩容。",
            ),
            (
                "经排查，溢流原因已查明。",
                "区住房城乡建委经排查，溢流原因已查明。",
            ),
            ("联合各镇街开展排查。", "区住房城乡建委联合各镇街开展排查。"),
            ("严格执行准入要求。", "区住房城乡建委严格执行准入要求。"),
            ("已完成改造。", "区住房城乡建委已完成改造。"),
            ("2020年建成设施32座。", "区住房城乡建委2020年建成设施32座。"),
            (
                "双石污水处理厂雨季溢流问题尚未解决。",
                "据区住房城乡建委报送，双石污水处理厂雨季溢流问题尚未解决。",
            ),
            // Another body found it; a thing's own doing (adv51 b 7).
            (
                "经区人大常委会专项视察发现，部分管网破损。",
                "据区住房城乡建委报送，经区人大常委会专项视察发现，部分管网破损。",
            ),
            (
                "收运企业因资质问题暂停收运。",
                "据区住房城乡建委报送，收运企业因资质问题暂停收运。",
            ),
        ] {
            let unit = "区住房城乡建委";
            assert_eq!(said_by(unit, unit, text.into()), said, "{text}");
        }
        // Words opening with the kind of body the unit is, for itself: the name completes
        // them (not 中山路街道街道…).
        for (unit, text, said) in [
            (
                "中山路街道",
                "街道综合执法大队配备水环境执法人员3名。",
                "中山路街道综合执法大队配备水环境执法人员3名。",
            ),
            (
                "来苏镇",
                "镇农业服务中心已完成排查。",
                "来苏镇农业服务中心已完成排查。",
            ),
            ("区水利局", "局党组专题研究。", "区水利局党组专题研究。"),
            // A one-character kind that opens a word of its own (局部, 委托, 镇区) is
            // not the unit's body: the name is not merged into it (区水利局部…); the
            // words keep their own subject, or the unit's name stands whole before them.
            (
                "区水利局",
                "局部河段已完成清淤。",
                "据区水利局报送，局部河段已完成清淤。",
            ),
            (
                "区农业农村委",
                "委托第三方开展监测。",
                "区农业农村委委托第三方开展监测。",
            ),
            (
                "来苏镇",
                "镇区污水管网已建成。",
                "据来苏镇报送，镇区污水管网已建成。",
            ),
        ] {
            assert_eq!(said_by(unit, unit, text.into()), said, "{text}");
        }
        // The collector's own words with a subject of their own go bare (adv49 d 7: 我委
        // 作坊已关停取缔 read as the commission's own workshop).
        assert_eq!(
            said_by("我局", "区生态环境局", "《规划》已完成初稿。".into()),
            "《规划》已完成初稿。"
        );
        assert_eq!(
            said_by("我委", "区农业农村委", "作坊已关停取缔。".into()),
            "作坊已关停取缔。"
        );
        assert_eq!(
            said_by("我局", "区水利局", "长征渠引水工程已入库。".into()),
            "长征渠引水工程已入库。"
        );
        assert_eq!(
            said_by("我局", "区生态环境局", "与区公安局建立机制。".into()),
            "我局与区公安局建立机制。"
        );
    }

    #[test]
    fn rates_and_category_names() {
        assert_eq!(rate_text(7.9), "7.9");
        assert_eq!(rate_text(100.0), "100");
        assert_eq!(rate_text(0.0), "0");
        assert_eq!(rate_text(19.04), "19.0");
        assert_eq!(category_name("一、科学施策,有效降低"), "科学施策,有效降低");
        assert_eq!(category_name("水、气"), "水、气");
    }

    #[test]
    fn sentences_end_at_boundaries_and_keep_figures() {
        let t = "全区完成池塘标准化改造3200亩，建成尾水处理设施46处。下一步将持续开展。";
        assert_eq!(
            lead_sentences(t, 60),
            "全区完成池塘标准化改造3200亩，建成尾水处理设施46处。"
        );
        let long = "已新建及整治排灌沟渠142公里，新建蓄水池38口，剩余工程正在加紧施工，预计12月底前完工，并同步开展验收准备工作和资料整理归档工作";
        let cut = lead_sentences(long, 40);
        assert!(long.starts_with(cut.trim_end_matches('。')), "{cut}");
        // Cut at the limit, and the clause telling when it will be done follows.
        assert!(
            cut.chars().count() <= 80 && cut.ends_with("施工，预计12月底前完工。"),
            "{cut}"
        );
        // A result left out by the cut or in a later sentence is told.
        assert_eq!(
            lead_sentences(
                "会同各镇街开展拦河养鱼专项排查，共排查出拦河养鱼设施14处，已全部拆除，河道恢复原状。",
                34
            ),
            "会同各镇街开展拦河养鱼专项排查，共排查出拦河养鱼设施14处，已全部拆除。"
        );
        assert_eq!(
            lead_sentences(
                "经排查，溢流系进水量超设计规模及场镇雨污混流所致。目前溢流问题已解决，经区级验收同意销号。",
                34
            ),
            "经排查，溢流系进水量超设计规模及场镇雨污混流所致，目前溢流问题已解决。"
        );
        assert_eq!(
            with_task_named("未启动，待区政府研究。", "产业结构调整和布局优化"),
            "产业结构调整和布局优化工作尚未启动，待区政府研究。"
        );
        assert_eq!(
            with_task_named("已完成，经区政府批复实施。", "排水规划编制工作"),
            "排水规划编制工作已完成，经区政府批复实施。"
        );
        assert_eq!(with_task_named("已完成。", "x"), "已完成。");
        assert_eq!(
            with_task_named("已完成设计，已完成招标。", "尾水处理设施"),
            "尾水处理设施已完成设计，已完成招标。"
        );
        assert_eq!(
            with_task_named("正在推进中，已完成选址。", "尾水处理设施"),
            "尾水处理设施工作正在推进，已完成选址。"
        );
        assert!(!tells_something("正在推进。"));
        assert!(!tells_something("基本完成，"));
        assert!(!tells_something(""));
        assert!(tells_something("已完成设计，已完成招标。"));
        assert!(tells_something("会同各镇街开展排查。"));
        // Steps done before the work (设计, 招标) are no result: the works finished
        // follow (adv50 b 5: 何埂镇已完成设计，已完成招标。).
        assert_eq!(
            lead_sentences("已完成设计；已完成招标；主体工程已完工，正在调试。", 34),
            "已完成设计，已完成招标，主体工程已完工。"
        );
        // A result clause is never lifted out of its sentence: a plan told after other
        // words comes with its own subject, or not at all.
        assert_eq!(
            lead_sentences(
                "已在9个重点水产养殖镇街布设水质监测点32个，每季度开展一次养殖水体监测。……水质监测预警平台正在建设，计划12月底投入使用。",
                34
            ),
            "已在9个重点水产养殖镇街布设水质监测点32个，水质监测预警平台正在建设，计划12月底投入使用。"
        );
        assert_eq!(
            lead_sentences(
                "石庙污水处理站溢流原因已查明，主要为管网雨水混入及设备老化。已更换提升泵2台；截流管网改造工程因征地协调进度滞后，目前完成工程量的70%，预计2021年1月完工。",
                34
            ),
            "石庙污水处理站溢流原因已查明，主要为管网雨水混入及设备老化。"
        );
        assert_eq!(
            lead_sentences(
                "排查河道12条，清理漂浮物30吨。另有2处河段因涉及征地拆迁和群众补偿问题，正在协调区级有关部门和所在镇街加快整治。预计12月底完工。",
                34
            ),
            "排查河道12条，清理漂浮物30吨。"
        );
        assert_eq!(lead_sentences("短句。第二句也在", 60), "短句，第二句也在。");
        // A clause boundary only in the first eight characters: a sentence up to three
        // times the limit stays whole; clauses spliced with commas past that end with
        // the clause that runs past the limit.
        let whole = "委托专业机构编制完成《永川区生猪屠宰厂（场）布点专项规划（2020—2025年）》，经专家评审并报区政府同意后印发实施";
        assert_eq!(lead_sentences(whole, 34), format!("{whole}。"));
        let spliced = "我单位高度重视，围绕“针对部门及镇街排水监管人员严重不足以及污水处理人才缺乏的问题”开展工作，召开专题推进会议140次，投入整改资金200万元，严防问题反弹回潮，进一步压实各方责任，下一步将持续加强督导检查，严格落实河长制工作要求";
        // The framing clauses (高度重视, 围绕“…”开展工作) give way to the figures.
        assert_eq!(
            lead_sentences(spliced, 34),
            "召开专题推进会议140次，投入整改资金200万元，严防问题反弹回潮。"
        );
        // A sentence that only frames gives way to the next; none is cut inside quotes.
        assert_eq!(
            lead_sentences("我局高度重视，成立工作专班。已完成排查12处，整改9处。", 60),
            "已完成排查12处，整改9处。"
        );
        assert_eq!(
            lead_sentences("围绕“优先完成清掏。加强监管”要求，已清掏化粪池356座。", 60),
            "已清掏化粪池356座。"
        );
        assert_eq!(
            lead_sentences("开展“清四乱；两违”专项行动；拆除违建3处。", 60),
            "开展“清四乱；两违”专项行动，拆除违建3处。"
        );
        let quoted = "制定出台《永川区河道管理办法（试行）》，明确河道保洁、巡查、考核要求，建立健全长效管理机制和考核办法，落实经费保障";
        let cut = lead_sentences(quoted, 20);
        assert!(
            cut.starts_with("制定出台《永川区河道管理办法（试行）》"),
            "{cut}"
        );
        assert_eq!(
            cut.matches('《').count(),
            cut.matches('》').count(),
            "{cut}"
        );
        let one = "围绕针对部门及镇街排水监管人员严重不足以及污水处理人才缺乏的问题开展工作";
        assert_eq!(lead_sentences(one, 20), format!("{one}。"));
        assert_eq!(lead_sentences("", 60), "");
    }

    /// One task is 未报送, not 均未报送 (adv44 c03: 未设完成时限的长期任务1项（均未报送）).
    #[test]
    fn statuses_of_one_task_are_not_said_as_all() {
        use crate::model::Status::{InProgress, Unreported};
        assert_eq!(statuses_said(&[Unreported]), "未报送");
        assert_eq!(statuses_said(&[Unreported, Unreported]), "均未报送");
        assert_eq!(
            statuses_said(&[InProgress, Unreported, Unreported]),
            "正在推进1项、未报送2项"
        );
    }
}
