//! Reports whose status contradicts their own progress text: a unit picks 正在推进
//! while it writes 已通过验收, or picks 已完成 while it writes 尚未开工. Such a report is
//! kept as written, flagged with the clause that says why, and counts as 待核实.
//!
//! Conservative on purpose, so a clerk is not asked to check what is plain: a text
//! that both claims completion and says something is unfinished (已完成一期，二期正在
//! 推进) is no contradiction; 长期坚持 never contradicts a completion (已完成并长期坚持).
//! The phrases are the status module's (`model::status`).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::model::status::{COMPLETION_STATEMENTS, PLANNED_CUES, UNFINISHED_CLAIMS};
use crate::model::Status;

/// Which list a phrase comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    /// `COMPLETION_STATEMENTS`.
    Statement,
    /// `UNFINISHED_CLAIMS`.
    Unfinished,
    /// `PLANNED_CUES`.
    Planned,
    /// `NOT_APPLICABLE_PHRASES`.
    NotApplicable,
    /// [`NOTHING_HERE`].
    NothingHere,
    /// [`DONE`].
    Done,
    /// White space (`char::is_whitespace`): a text holding any is searched again
    /// without it.
    White,
}

/// Every phrase the checks look for, each list in its order, in one automaton: a text
/// is searched once for all of them (every occurrence, overlapping) instead of once per
/// list and once per plain word. A phrase in two lists (已完成, 不涉及) is one pattern
/// with both tags.
struct Phrases {
    search: AhoCorasick,
    /// Per pattern: the lists it is in and its place in each.
    tags: Vec<Vec<(List, usize)>>,
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let lists: [(List, &[&str]); 6] = [
        (List::Statement, COMPLETION_STATEMENTS),
        (List::Unfinished, UNFINISHED_CLAIMS),
        (List::Planned, PLANNED_CUES),
        (
            List::NotApplicable,
            crate::model::status::NOT_APPLICABLE_PHRASES,
        ),
        (List::NothingHere, &NOTHING_HERE),
        (List::Done, &DONE),
    ];
    let white: Vec<String> = (0..=0x3000)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace())
        .map(String::from)
        .collect();
    let white: Vec<&str> = white.iter().map(String::as_str).collect();
    let mut patterns: Vec<String> = Vec::new();
    let mut tags: Vec<Vec<(List, usize)>> = Vec::new();
    for (list, phrases) in lists.into_iter().chain([(List::White, &white[..])]) {
        for (i, phrase) in phrases.iter().enumerate() {
            let id = match patterns.iter().position(|p| p == phrase) {
                Some(id) => id,
                None => {
                    patterns.push(phrase.to_string());
                    tags.push(Vec::new());
                    patterns.len() - 1
                }
            };
            tags[id].push((list, i));
        }
    }
    Phrases {
        search: AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("fixed phrase lists build"),
        tags,
    }
});

/// Where the phrases of every list occur in a text, found in one pass.
struct Found<'t> {
    text: &'t str,
    /// (list, place in the list, start, end), every occurrence.
    hits: Vec<(List, usize, usize, usize)>,
}

impl<'t> Found<'t> {
    fn in_text(text: &'t str) -> Found<'t> {
        let mut hits = Vec::new();
        for m in PHRASES.search.find_overlapping_iter(text) {
            for &(list, i) in &PHRASES.tags[m.pattern().as_usize()] {
                hits.push((list, i, m.start(), m.end()));
            }
        }
        Found { text, hits }
    }

    /// The phrases of every list in `text` without its white space (a clause may be
    /// broken across lines), found in one pass; `owned` holds the text when it had white
    /// space to drop (then searched again; most texts have none).
    fn without_white(text: &'t str, owned: &'t mut String) -> Found<'t> {
        let found = Found::in_text(text);
        if !found.any(List::White) {
            return found;
        }
        *owned = text.chars().filter(|c| !c.is_whitespace()).collect();
        Found::in_text(owned)
    }

    /// The occurrences of `list`'s phrases: (place in the list, start, end).
    fn of(&self, list: List) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.hits
            .iter()
            .filter(move |h| h.0 == list)
            .map(|&(_, i, start, end)| (i, start, end))
    }

    /// Whether a phrase of `list` occurs.
    fn any(&self, list: List) -> bool {
        self.of(list).next().is_some()
    }

    /// The first completion statement (in list order) that the text states about the
    /// whole task.
    fn claimed_done(&self) -> Option<&'static str> {
        self.of(List::Statement)
            .filter(|&(_, start, end)| {
                opens_clause(&self.text[..start]) && ends_claim(&self.text[end..])
            })
            .map(|(i, ..)| i)
            .min()
            .map(|i| COMPLETION_STATEMENTS[i])
    }

    /// Every completion statement the text states about the whole task, in text order.
    fn claims(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.of(List::Statement)
            .filter(|&(_, start, end)| {
                opens_clause(&self.text[..start]) && ends_claim(&self.text[end..])
            })
            .map(|(i, ..)| COMPLETION_STATEMENTS[i])
    }

    /// The first phrase that says the work is not finished yet: an unfinished claim (in
    /// list order), else a plan for later (计划 followed by a date or 于/在/今年/明年/下一步).
    fn unfinished(&self) -> Option<&'static str> {
        self.unfinished_where(|_| true)
    }

    /// [`Found::unfinished`], but not a phrase its clause then says was done since
    /// (剩余设施已于9月28日全部拆除, 尚未拆除的3处已于11月拆除: adv50 c 2); 已完成主体工程尚未
    /// 验收 is still unfinished.
    fn unfinished_undone(&self) -> Option<&'static str> {
        // 已 after the phrase in its clause: done since.
        self.unfinished_where(|end| {
            let to = self.text[end..]
                .find(|c: char| "，。；,;\n".contains(c))
                .map_or(self.text.len(), |i| end + i);
            !self.text[end..to].contains('已')
        })
    }

    /// The first unfinished claim (in list order) whose end `keep` accepts, else the
    /// first plan for later whose cue's end it accepts.
    fn unfinished_where(&self, keep: impl Fn(usize) -> bool) -> Option<&'static str> {
        if let Some(i) = self
            .of(List::Unfinished)
            .filter(|&(_, _, end)| keep(end) && !finding_of_none(self.text, end))
            .map(|(i, ..)| i)
            .min()
        {
            return Some(UNFINISHED_CLAIMS[i]);
        }
        self.of(List::Planned)
            .filter(|&(_, _, end)| plans_later(&self.text[end..]) && keep(end))
            .map(|(i, ..)| i)
            .min()
            .map(|i| PLANNED_CUES[i])
    }

    /// The first phrase (in list order) that counts work done: 已完成…80%, 已排查12处,
    /// 已拆除4处 (a figure in its clause). 已完成前期工作, with no figure, is a step
    /// before the start.
    fn started(&self) -> Option<&'static str> {
        self.of(List::Done)
            .filter(|&(_, start, _)| {
                self.text[start..]
                    .split(['，', '。', '；', ',', ';'])
                    .next()
                    .is_some_and(|clause| clause.chars().any(|c| c.is_ascii_digit()))
            })
            .map(|(i, ..)| i)
            .min()
            .map(|i| DONE[i])
    }

    /// Work done named without a figure (已完成辖区河道清理, 已清理河道漂浮物): a [`DONE`]
    /// phrase opening a clause with what was done after it; not a check that found
    /// nothing (已完成自查, 已开展排查), nor in a text saying the task is not the unit's.
    fn work_done(&self) -> Option<&'static str> {
        if self.not_applicable_phrase().is_some() {
            return None;
        }
        self.of(List::Done)
            .filter(|&(i, start, end)| {
                let what = self.text[end..]
                    .split(['，', '。', '；', ',', ';', '：', ':'])
                    .next()
                    .unwrap_or_default();
                DONE[i] != "已排查"
                    && opens_clause(&self.text[..start])
                    && what.chars().count() >= 2
                    && !CHECKS.iter().any(|w| what.contains(w))
            })
            .map(|(i, ..)| i)
            .min()
            .map(|i| DONE[i])
    }

    /// The phrase by which the text says the task does not concern the unit (the first
    /// in list order).
    fn not_applicable_phrase(&self) -> Option<&'static str> {
        self.of(List::NotApplicable)
            .map(|(i, ..)| i)
            .min()
            .map(|i| crate::model::status::NOT_APPLICABLE_PHRASES[i])
    }
}

/// What follows a 计划/预计/力争/争取 that makes it a plan for later: a date, or
/// 于/在/今年/明年/下一步 (not 计划用水).
fn plans_later(rest: &str) -> bool {
    let Some(next) = rest.chars().next() else {
        return false;
    };
    next.is_ascii_digit()
        || "年月于在".contains(next)
        || ["今年", "明年", "下一步"]
            .iter()
            .any(|w| rest.starts_with(w))
}

/// A claim is about the whole task when it opens a clause (or follows the task itself:
/// 该工程, 项目, 全部, a date 已于9月28日), and it is followed by the clause's end or by a
/// word that only restates the task (整改, 任务 …). 已完成前期工作 and 初稿已完成 are steps,
/// not the task; 已完成。 and 该工程已通过验收并投入使用 are the task.
///
/// What may stand before a claim about the whole task.
fn opens_clause(before: &str) -> bool {
    const SUBJECTS: &[&str] = &[
        "该项",
        "该项工作",
        "此项工作",
        "本项工作",
        "该项任务",
        "此项",
        "本项",
        "该工程",
        "该任务",
        "项目",
        "工程",
        "全部",
        "均",
        "现",
    ];
    match before.chars().last() {
        None => true,
        Some(c) if !c.is_alphanumeric() => true,
        Some(c) => {
            SUBJECTS.iter().any(|w| before.ends_with(w))
                || ("日号月底".contains(c) && before.contains("已于"))
        }
    }
}

/// What may follow a claim about the whole task.
fn ends_claim(after: &str) -> bool {
    let rest = [
        "整改任务",
        "整改工作",
        "整改",
        "该项任务",
        "任务",
        "建设",
        "并",
    ]
    .iter()
    .find_map(|w| after.strip_prefix(w))
    .unwrap_or(after);
    rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
        || COMPLETION_STATEMENTS.iter().any(|c| rest.starts_with(c))
        || rest.starts_with("投入")
}

/// Whether an unfinished claim ending at `end` is a finding of none (尚未发现反弹, 暂未
/// 发现新增问题): nothing left to do, no work unfinished (adv58: 已完成 beside 巡查中尚未
/// 发现反弹 was doubted).
fn finding_of_none(text: &str, end: usize) -> bool {
    text[end..].starts_with("发现")
}

/// Words that count work done when a figure stands in their clause (`Found::started`).
const DONE: [&str; 12] = [
    "已完成",
    "已清掏",
    // 已对2处开垦点位复绿 beside 不涉及 (adv58 a 4).
    "已对",
    "已复绿",
    "已建成",
    "已开展",
    "已排查",
    "已拆除",
    "已清理",
    "已整改",
    "已实施",
    "已改造",
];

/// Work that looks for something, which finding nothing leaves 不涉及 (已完成自查).
const CHECKS: [&str; 9] = [
    "排查", "自查", "核查", "摸排", "调查", "核实", "梳理", "对照", "清查",
];

/// Work under way: beside 不涉及, the task is the unit's after all (one of the
/// unfinished claims).
const UNDERWAY: &str = "正在";

/// Words of a 不涉及 answer's text saying there is nothing to do.
const NOTHING_HERE: [&str; 9] = [
    "未发现",
    "不存在",
    "没有",
    "不涉及",
    "辖区内无",
    "无此",
    "无相关",
    "均无",
    "无需",
];

/// Whether `unit` is the only unit that decides a task (its `deciders`).
pub fn sole_decider(deciders: &[String], unit: &str) -> bool {
    matches!(deciders, [only] if only == unit)
}

/// The doubt about a 不涉及 from the only unit that decides a task: the task was written
/// for it, so the answer is likely a slip (a row filled for another task), to be checked.
pub fn sole_decider_not_applicable(
    status: Status,
    deciders: &[String],
    unit: &str,
) -> Option<String> {
    (status == Status::NotApplicable && sole_decider(deciders, unit))
        .then(|| "报送“不涉及”，但这项任务由该单位单独负责".to_string())
}

/// The first phrase in `text` that says the work is not finished yet.
fn unfinished(text: &str) -> Option<&'static str> {
    Found::in_text(text).unfinished()
}

/// The doubt about a report of 已完成 whose completion date is a plan (完成时间 预计2020
/// 年12月31日, kept in the note as “完成时间：…” by ingest).
pub fn planned_completion(status: Status, note: &str) -> Option<String> {
    if status != Status::Completed {
        return None;
    }
    let (_, written) = note.split_once("完成时间：")?;
    let written = written.lines().next().unwrap_or_default().trim();
    unfinished(written)?;
    Some(format!(
        "报送“{}”，但完成时间写明“{}”",
        status.label(),
        crate::common::text::excerpt(written, 16)
    ))
}

/// The doubt about a report of 已完成 dated after the day it was filed and after the
/// round's as-of date (filed 12月9日, done 12月15日 or 2021年1月, the round closing 12月
/// 10日): the unit cannot have known it done, so neither 已完成 nor 正在推进 is its word.
/// The date as written (`written`, else the day read); months after the round, likely a
/// slip of the year (2029年). A date after the filing day within the round is counted as
/// written and asked about (`merge::as_of`).
pub fn done_after_filing(
    status: Status,
    done: Option<chrono::NaiveDate>,
    written: &str,
    filed: Option<chrono::NaiveDate>,
    as_of: chrono::NaiveDate,
) -> Option<String> {
    use crate::common::dates::render_date;
    let (done, filed) = (done?, filed?);
    if status != Status::Completed || done <= filed || done <= as_of {
        return None;
    }
    // A date in figures alone (2021-01-15, 2021.1.15: a date cell as read) is told as
    // the documents write dates; other words are quoted as written (adv53 b 6).
    let figures = |t: &str| t.chars().all(|c| c.is_ascii_digit() || "-./".contains(c));
    let date = match written.trim() {
        // (No brackets: the report quotes a doubt within its own: adv58 b 4.)
        t if t.is_empty() || figures(t) => render_date(done),
        t => format!("“{}”", crate::common::text::excerpt(t, 20)),
    };
    let slip = if (done - as_of).num_days() > super::as_of::SLIP_DAYS {
        "，可能是年份填写有误"
    } else {
        ""
    };
    Some(format!(
        "报送“{}”，但所填完成时间{date}晚于填报日期{}{slip}",
        status.label(),
        render_date(filed)
    ))
}

/// The doubt about a report of 长期坚持 on a task whose one-off part is past due (2020年9
/// 月底完成，并长期坚持) while its text says that part is still being done (正在制定《…办
/// 法》, 尚未出台, 预计12月底完成): kept up is not yet done, and the task would escape
/// being called late (adv43 c08).
pub fn kept_up_before_done(
    status: Status,
    progress: &str,
    deadline: &crate::plan::Deadline,
    as_of: chrono::NaiveDate,
) -> Option<String> {
    if status != Status::Ongoing || !deadline.ongoing || !deadline.is_past(as_of) {
        return None;
    }
    let text: String = progress.split_whitespace().collect();
    // A phrase of the part not done, else a clause naming work left (尚有2处未拆除, 剩余2处
    // 正在协调拆除, 其余6座正在推进: adv58 a 2).
    let said = match PART_NOT_DONE
        .iter()
        .find(|w| text.contains(*w) && !text.contains(&format!("{w}过")))
    {
        Some(phrase) => clause_from(&text, phrase),
        None => text
            .split(['，', '。', '；', ',', ';'])
            .map(str::trim)
            .find(|c| work_left_in(c))?,
    };
    // The part done after all, said after it (上半年未开展集中整治，9月已全部拆除…: adv58
    // c 8).
    let after = text.find(said).map_or("", |at| &text[at + said.len()..]);
    if after
        .split(['，', '。', '；', ',', ';'])
        .any(|c| !c.contains('未') && WHOLE_DONE_WORDS.iter().any(|w| c.contains(w)))
    {
        return None;
    }
    Some(format!(
        "报送“{}”，但进展情况写明“{}”，完成时限（{}）已过",
        status.label(),
        crate::common::text::excerpt(said, 30),
        deadline
            .text
            .split([',', '，', '并'])
            .next()
            .unwrap_or_default()
            .trim_end_matches("完成")
    ))
}

/// Words saying the whole of the work is done (已全部拆除, 均已完成).
const WHOLE_DONE_WORDS: [&str; 5] = ["已全部", "全部完成", "均已", "已全面完成", "全部拆除"];

/// Words saying the one-off part of a task is not done yet: a deliverable still being
/// drafted or built, not done, or planned for later.
const PART_NOT_DONE: [&str; 29] = [
    // A register not set up, work not begun, a rule still being drawn up (排水信息清单
    // 尚未建立: session 57 review a 5; 还在研究制定中: review c 3). Not 正在进行 and the
    // like, as often said of the part kept up (正在进行常态化巡查: review c 3).
    "研究制定中",
    "制定中",
    "尚未建立",
    "未建立",
    "尚未启动",
    "尚未开展",
    "正在制定",
    "正在编制",
    "正在起草",
    "正在修订",
    "正在修改",
    "正在建设",
    "正在施工",
    "正在改造",
    "正在招标",
    "正在报批",
    "正在审批",
    "正在征求意见",
    "尚未完成",
    "尚未出台",
    "尚未印发",
    "尚未建成",
    "尚未制定",
    "尚未编制",
    "暂未完成",
    "待完成",
    "预计",
    "计划于",
    // After 尚未开展, which it is part of (quoted from the longer).
    "未开展",
];

/// The doubt about a report whose status a 完成进度 beside it contradicts (kept in the
/// note as “完成进度：60%” by ingest): 已完成 at 60%, 正在推进 at 100%, 未启动 at 30%.
/// A 长期坚持 or 不涉及 is no step on that scale, and 正在推进 at 0% only a slow start.
pub fn percent_disagrees(status: Status, note: &str) -> Option<String> {
    let (_, written) = note.split_once(crate::ingest::PERCENT_LABEL)?;
    let written = written.lines().next().unwrap_or_default().trim();
    let said =
        crate::ingest::percent_written(written).and_then(crate::ingest::status_of_percent)?;
    let disagrees = match status {
        Status::Completed => said != Status::Completed,
        Status::InProgress => said == Status::Completed,
        Status::NotStarted => said != Status::NotStarted,
        _ => false,
    };
    disagrees.then(|| format!("报送“{}”，但完成进度为{written}", status.label()))
}

/// The doubt about a report of 正在推进 or 未启动 whose note says the task is done
/// (备注 已于2020年9月28日全部完成: a template arrived with 正在推进 filled in, and the
/// unit wrote its answer beside it). The reverse, a 已完成 whose remark says work is
/// left, is [`note_reserves_done`].
pub fn note_claims_done(status: Status, note: &str) -> Option<String> {
    if !matches!(status, Status::InProgress | Status::NotStarted) {
        return None;
    }
    // Last round's words kept in the note (前期完成状态：已完成, 上期：已完成) say
    // nothing of this round.
    let this_round: String = note
        .lines()
        .filter(|line| {
            let label = line.split_once(['：', ':']).map_or(*line, |(l, _)| l);
            !crate::ingest::names_earlier_round(label)
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut without_white = String::new();
    let found = Found::without_white(&this_round, &mut without_white);
    let claim = found
        .claimed_done()
        .filter(|_| found.unfinished().is_none())?;
    Some(format!(
        "报送“{}”，但备注写明“{}”",
        status.label(),
        clause_from(found.text, claim)
    ))
}

/// The doubt about a report of 已完成 whose remark says part of the work is still to do
/// (备注 亚冠食品公司尚未办结, 规划尚未经区政府批准，预计12月底前印发, 还有1处因涉诉暂缓拆除):
/// as a progress text saying so beside 已完成 would. Remarks are short and say many things
/// beside the work left (尚未发现反弹, 剩余0处, 原计划12月底完成，已提前完成, 预计年节约用水
/// 10万吨), so a clause counts only when it names work left with its verb or its count
/// and says nothing done ([`work_left_in`]); a remark saying the whole is done (现已全部
/// 拆除) has none. Every line of the note is read but last round's words, the dates and
/// shares ingest keeps (完成时间：…, 完成进度：…) and a pointer's words (adv50 c 2, c 4).
pub fn note_reserves_done(status: Status, note: &str) -> Option<String> {
    const NOT_REMARKS: [&str; 4] = ["完成时间", "完成时间栏填写", "完成进度", "进展情况"];
    if status != Status::Completed {
        return None;
    }
    let remark: Vec<&str> = note
        .lines()
        .filter(|line| {
            let label = line.split_once(['：', ':']).map(|(l, _)| l.trim());
            !label
                .is_some_and(|l| NOT_REMARKS.contains(&l) || crate::ingest::names_earlier_round(l))
        })
        .collect();
    let clauses: Vec<&str> = remark
        .iter()
        .flat_map(|l| l.split(['，', '。', '；', ',', ';']))
        .map(|c| c.trim())
        .map(|c| c.split_once(['：', ':']).map_or(c, |(_, rest)| rest.trim()))
        .filter(|c| !c.is_empty())
        .collect();
    const WHOLE_DONE: [&str; 6] = [
        "已全部",
        "全部完成",
        "均已",
        "已提前完成",
        "已全面完成",
        "全部拆除",
    ];
    if clauses
        .iter()
        .any(|c| !c.contains('未') && WHOLE_DONE.iter().any(|w| c.contains(w)))
    {
        return None;
    }
    let left = clauses
        .iter()
        .find(|c| work_left_in(c) || share_done(c).is_some())?;
    Some(format!(
        "报送“{}”，但备注写明“{}”",
        status.label(),
        crate::common::text::excerpt(left, 30)
    ))
}

/// The doubt about a report of 已完成 whose progress text ends on work still to do, clause
/// by clause as a remark is read ([`work_left_in`]): 已拆除2处，其余1处12月底前拆除;
/// 已下发整改通知书，限期12月底前自行清除; 清理工作已全部完成，尚待复绿 (adv58 a 4). The
/// last clause that says either decides: work left after a whole done (已全部完成，尚待
/// 复绿) is left; a whole done after work left (尚有2处未拆除，现已全部拆除) is done.
pub fn progress_reserves_done(status: Status, progress: &str) -> Option<String> {
    if status != Status::Completed {
        return None;
    }
    let last = progress
        .split(['，', '。', '；', ',', ';', '\n'])
        .map(|c| c.split_whitespace().collect::<String>())
        // (Done but not yet accepted, 未验收 as 待验收, is done: docs/returns.md.)
        .rfind(|c| {
            !c.contains("验收")
                && (work_left_in(c)
                    || (!c.contains('未') && WHOLE_DONE_WORDS.iter().any(|w| c.contains(w))))
        })?;
    work_left_in(&last).then(|| {
        format!(
            "报送“{}”，但进展情况写明“{}”",
            status.label(),
            crate::common::text::excerpt(&last, 30)
        )
    })
}

/// The doubt about a report of 不涉及 whose text counts work done there with the count
/// before it (开垦点位2处已全部复绿, 化粪池3座已清掏): the task is the unit's after all, as
/// with 已对2处…复绿 ([`doubt`]; adv58 c 9). Not where the text says there is nothing to
/// do (未发现, 辖区内无).
pub fn not_applicable_beside_done(status: Status, progress: &str) -> Option<String> {
    const DONE_VERBS: [&str; 8] = [
        "复绿", "拆除", "清理", "清掏", "整改", "完成", "建成", "改造",
    ];
    if status != Status::NotApplicable || NOTHING_HERE.iter().any(|w| progress.contains(w)) {
        return None;
    }
    let clause = progress
        .split(['，', '。', '；', ',', ';', '\n'])
        .map(str::trim)
        .find(|c| {
            let Some(done) = c.find('已') else {
                return false;
            };
            let (before, after) = c.split_at(done);
            before.chars().any(|d| d.is_ascii_digit() && d != '0')
                && DONE_VERBS.iter().any(|v| after.contains(v))
        })?;
    Some(format!(
        "报送“{}”，但进展情况写明“{}”",
        status.label(),
        crate::common::text::excerpt(clause, 30)
    ))
}

/// Whether a clause of a remark names work still to do: a word of work left (尚未, 未完成,
/// 暂缓, 还差, 剩余, 尚有 …) or a plan (预计, 计划, 将于, …前完成) with the work's verb
/// (办结, 拆除, 印发 …) or a count other than 0; and nothing done in it (no 已), no
/// finding (尚未发现反弹), no earlier state (整改前, 原计划), no denial (无未完成内容).
fn work_left_in(c: &str) -> bool {
    const LEFT: [&str; 26] = [
        // 其余1处12月底前拆除, 另有1处需报区政府研究, 尚待复绿, 复绿工作暂停, 1处反弹,
        // 实际为正在推进 (adv58 a 2, a 3, a 4).
        "其余",
        "另有",
        "另外",
        "剩下",
        "尚待",
        "暂停",
        "推迟",
        "反弹",
        "正在推进",
        "未开展",
        "尚未",
        "未完成",
        "暂未",
        "仍未",
        "还未",
        "未拆",
        "未办结",
        "未整改",
        "未验收",
        "未印发",
        "暂缓",
        "还差",
        "剩余",
        "尚有",
        "仍有",
        "还有",
    ];
    const PLANNED: [&str; 7] = ["预计", "计划", "力争", "将于", "拟于", "争取", "限期"];
    const VERBS: [&str; 19] = [
        "完成", "办结", "印发", "批准", "批复", "拆除", "整改", "验收", "建成", "出台", "审批",
        "实施", "销号", "投用", "清除", "清理", "复绿", "推进", "清掏",
    ];
    // A part done (部分完成, 已部分完成): work left, whatever else the clause says.
    if c.contains("部分完成") {
        return true;
    }
    // 2处待复绿, 1处待拆除: work waiting to be done.
    if VERBS.iter().any(|v| c.contains(&format!("待{v}")))
        && !c.contains("待验收")
        && !c.contains('已')
    {
        return true;
    }
    // Not a finding of none (尚未发现反弹; a finding of some, 巡查发现1处反弹, is work
    // left: adv58 c 7), nor a part that is no work of the task (另有1处…不属于拦河养鱼
    // 设施; 其余非河道两岸化粪池纳入常态化清掏: c 6).
    const SET_ASIDE: [&str; 15] = [
        "已",
        "未发现",
        "没有发现",
        "无发现",
        "不属于",
        "不涉及",
        "常态化",
        "整改前",
        "原计划",
        "原预计",
        "原定",
        "无未",
        "无尚未",
        "没有未",
        "继续",
    ];
    if SET_ASIDE.iter().any(|w| c.contains(w)) {
        return false;
    }
    let digits: Vec<char> = c.chars().filter(char::is_ascii_digit).collect();
    let counted = digits.iter().any(|d| *d != '0')
        || c.chars().any(|ch| "一二两三四五六七八九十".contains(ch));
    let only_zero = !digits.is_empty() && digits.iter().all(|d| *d == '0');
    let verb = VERBS.iter().any(|v| c.contains(v));
    let left = LEFT.iter().any(|w| c.contains(w)) && (verb || counted) && !only_zero;
    // 预计12月底前印发, 12月底前完成验收: a completion still to come.
    let planned = verb
        && (PLANNED.iter().any(|w| c.contains(w))
            || VERBS.iter().any(|v| c.contains(&format!("前{v}"))))
        && c.chars()
            .any(|ch| ch.is_ascii_digit() || "年月底".contains(ch));
    left || planned
}

/// The phrase as quoted in the doubt: from `phrase` in `text` to the end of its clause,
/// at most 16 characters, never cut inside a clause (a longer one is quoted to the
/// phrase alone).
fn clause_from<'a>(text: &'a str, phrase: &'a str) -> &'a str {
    let Some(start) = text.find(phrase) else {
        return phrase;
    };
    let rest = &text[start..];
    let end = rest
        .char_indices()
        .find(|(_, c)| "，。；：,.;:！？".contains(*c))
        .map_or(rest.len(), |(i, _)| i);
    let clause = &rest[..end];
    if clause.chars().count() <= 16 {
        clause
    } else {
        phrase
    }
}

/// A 已完成 whose text reports a unit's part unfinished, clause by clause (区城市管理局
/// 已完成; 宝峰镇：正在推进…；双石镇：尚未启动…): the task is not done while a part is
/// not. The doubt names the clause.
pub fn part_unfinished(
    status: Status,
    progress: &str,
    units: &crate::plan::UnitDirectory,
) -> Option<String> {
    if status != Status::Completed {
        return None;
    }
    let (_, clause, _) = crate::plan::labels::unit_clauses(progress, units)
        .into_iter()
        .find(|(_, _, said)| {
            matches!(
                crate::ingest::status_from_progress(said),
                Some(Status::InProgress | Status::NotStarted)
            )
        })?;
    Some(format!(
        "报送“{}”，但进展情况写明“{}”",
        status.label(),
        crate::common::text::excerpt(clause, 30)
    ))
}

/// Whether a 正在推进 text's only claims of completion are of documents issued (已出台
/// 《…》, 已印发) on a task of several parts (its measure more than a sentence or two
/// clauses: 制定出台…政策，…实施…改造，…建设…设施): one part done, the rest under way, no
/// contradiction.
pub fn one_part_of_many(status: Status, progress: &str, measure: &str) -> bool {
    const DOCUMENTS: [&str; 2] = ["已出台", "已印发"];
    if status != Status::InProgress {
        return false;
    }
    let parts = measure
        .split(['。', '；', ';', '，', ','])
        .filter(|p| !p.trim().is_empty())
        .count();
    if parts < 3 {
        return false;
    }
    let mut without_white = String::new();
    let found = Found::without_white(progress, &mut without_white);
    let mut claims = found.claims().peekable();
    claims.peek().is_some() && claims.all(|c| DOCUMENTS.contains(&c))
}

/// The doubt about a report, if its status contradicts its text: a clause such as
/// “报送“正在推进”，但进展情况写明“已通过验收””.
pub fn doubt(status: Status, progress: &str) -> Option<String> {
    // Only these statuses can contradict a text.
    if !matches!(
        status,
        Status::InProgress
            | Status::NotStarted
            | Status::Completed
            | Status::NotApplicable
            | Status::Ongoing
    ) {
        return None;
    }
    let mut without_white = String::new();
    let found = Found::without_white(progress, &mut without_white);
    let text = found.text;
    if text.is_empty() || qualified_under_way(status, text) {
        return None;
    }
    // 不涉及 / 无此项工作 / 辖区内无拦河养鱼 and nothing else, under 已完成 or 长期坚持: the
    // unit says the task is not its own, the status that it did or keeps up the work
    // (adv44 a67: counted done, quoted in the report as a completion).
    let not_ours = || {
        found
            .not_applicable_phrase()
            .filter(|_| found.started().is_none() && found.claimed_done().is_none())
            .filter(|_| opens_not_applicable(text))
    };
    let said = if status == Status::Ongoing {
        not_ours()?
    } else if status == Status::NotApplicable {
        // 不涉及 beside work done or under way (已拆除辖区内拦河设施3处, 正在开展补植):
        // the task is the unit's after all. Not where the text says there is nothing
        // to do (经排查未发现, 辖区内无).
        if found.any(List::NothingHere) {
            return None;
        }
        let underway = found
            .of(List::Unfinished)
            .any(|(i, ..)| UNFINISHED_CLAIMS[i] == UNDERWAY);
        found
            .started()
            .or_else(|| found.claimed_done())
            .or_else(|| underway.then_some(UNDERWAY))
            .or_else(|| found.work_done())?
    } else if let Some(phrase) = (status == Status::Completed)
        .then(|| not_done_after_all(text))
        .flatten()
    {
        phrase
    } else if status == Status::Completed {
        match found
            .unfinished_undone()
            .or_else(|| remainder_left(text))
            .or_else(|| share_done(text))
        {
            Some(phrase) if found.claimed_done().is_none() => phrase,
            _ => not_ours()?,
        }
    } else if let Some(not_ours) = found
        .not_applicable_phrase()
        .filter(|_| crate::ingest::status_from_progress(text) == Some(Status::NotApplicable))
    {
        // (The phrase first: found already, where reading the text's status is a
        // search of its own; most texts have none.)
        // 正在推进 / 未启动 beside 无此项工作: the text says the task is not the unit's.
        not_ours
    } else if let Some(done) = (status == Status::NotStarted)
        .then(|| found.started().or_else(|| under_way(text)))
        .flatten()
    {
        // Work done, even in part (已完成80%, 已排查12处), is work started; so is work
        // under way the text does not take back (主体工程正在施工; adv52 a4).
        done
    } else {
        match found.claimed_done() {
            Some(claim) if found.unfinished().is_none() => claim,
            // 正在推进 or 未启动 beside 已于11月完成: the text read as done (adv44 b15,
            // adv52 a4: also as the last clause, 已配合…纳入规划，已于11月20日完成).
            None if status != Status::Completed && found.unfinished().is_none() => {
                dated_done_clause(text).or_else(|| whole_done_clause(text))?
            }
            _ => return None,
        }
    };
    Some(format!(
        "报送“{}”，但进展情况写明“{}”",
        status.label(),
        clause_from(text, said)
    ))
}

/// Under 正在推进, a completion the text itself qualifies (已完成（附属设施尚在施工）,
/// 除2处外已全部完成, 已完成一半) is no contradiction: the text says the work is under
/// way, as its status does (session 57 review a 3).
fn qualified_under_way(status: Status, text: &str) -> bool {
    status == Status::InProgress && crate::ingest::completion_qualified(text)
}

/// Words that take a completion back whatever else the text claims (已完成，但验收未
/// 通过; 已完成，项目已停工), in the text's last clause: the work is not done (session 57
/// review a 2). Earlier in the text they tell what happened before (首次验收未通过，整改
/// 后…复验合格; 已停工整改的2处，已修复完毕: review c 2).
const TAKEN_BACK: [&str; 6] = [
    "验收未通过",
    "未通过验收",
    "已停工",
    "被叫停",
    "验收不合格",
    // 复查发现反弹2处，正在重新整治 (adv58 a 4).
    "正在重新",
];

/// Steps still being done, said at a clause's end (规划编制中。 方案起草中，…), not in
/// passing (在规划编制中充分征求了意见: review c 2).
const STEP_UNDER_WAY: [&str; 7] = [
    "编制中",
    "起草中",
    "审批中",
    "审核中",
    "报批中",
    "修改中",
    "制定中",
];

/// Why a text says a completion is not done after all, whatever else it claims: a
/// [`TAKEN_BACK`] phrase in its last clause, a [`STEP_UNDER_WAY`] at a clause's end, or
/// a completion it qualifies (已完成（附属设施尚在施工）, 除2处外已全部完成: review c 5).
fn not_done_after_all(text: &str) -> Option<&str> {
    let body = text.trim_end_matches(['。', '.', '；', ';', '，', ',']);
    let last = body
        .rsplit(['，', '。', '；', ',', ';'])
        .next()
        .unwrap_or(body);
    if let Some(w) = TAKEN_BACK.into_iter().find(|w| last.contains(w)) {
        return Some(w);
    }
    let step = STEP_UNDER_WAY.into_iter().find(|w| {
        text.match_indices(w).any(|(at, _)| {
            text[at + w.len()..]
                .chars()
                .next()
                .is_none_or(|c| "，。；、,.;）)".contains(c))
        })
    });
    if step.is_some() {
        return step;
    }
    crate::ingest::completion_qualified(text).then(|| {
        // The clause that qualifies it: the bracket, else the first clause.
        text.find(['（', '('])
            .map(|i| &text[i..])
            .unwrap_or_else(|| {
                text.split(['，', '。', '；', ',', ';'])
                    .next()
                    .unwrap_or(text)
            })
    })
}

/// Words that open a count of what is left (尚有56座未清掏, 仍有3处待整改).
const REMAINDER_CUES: [&str; 4] = ["尚有", "仍有", "还有", "尚存"];

/// A clause that counts work left undone (共412座，已清掏356座，尚有56座未清掏; 仍有3处
/// 待整改): a remainder cue, a figure, then 未 or 待 in the same clause. The cue is
/// returned (its clause is quoted). Without a figure (尚有不足) or a 未/待 it is no count of
/// work left; nor is one a later clause finishes (尚有2处未拆除，现已全部拆除: adv58 a 4).
fn remainder_left(text: &str) -> Option<&'static str> {
    const FINISHED_AFTER: [&str; 4] = ["已全部", "均已", "全部完成", "已全面完成"];
    REMAINDER_CUES.into_iter().find(|cue| {
        text.match_indices(cue).any(|(at, _)| {
            let rest = &text[at + cue.len()..];
            let clause = rest
                .split(['，', '。', '；', ',', ';', '：', ':'])
                .next()
                .unwrap_or_default();
            let figure = clause
                .chars()
                .position(|c| c.is_ascii_digit() || "一二两三四五六七八九十百".contains(c));
            let finished = rest[clause.len()..]
                .split(['，', '。', '；', ',', ';'])
                .any(|c| !c.contains('未') && FINISHED_AFTER.iter().any(|w| c.contains(w)));
            !finished
                && figure.is_some_and(|f| clause.chars().skip(f).any(|c| c == '未' || c == '待'))
        })
    })
}

/// A clause giving the share of the work done as less than the whole (完成90%, 目前完成
/// 总工程量的90%, 已完成年度目标任务的80%; adv53 a 3): a percentage under 100 a few
/// words after 完成 or 进度, nothing between them naming another measure: not a rate
/// (覆盖率92%, 完成率95%（污水收集率）, 处理完成后尾水达标率98%) nor a payment (进度款已支付
/// 80%; second review c 7). The clause is returned (to be quoted).
fn share_done(text: &str) -> Option<&str> {
    const OTHER_MEASURE: [char; 6] = ['率', '款', '付', '后', '、', '及'];
    const WITHIN: usize = 10;
    let mut from = 0;
    for clause in text.split_inclusive(['，', '。', '；', ',', ';', '\n', '、']) {
        let at = from;
        from += clause.len();
        let Some(pct) = clause.find(['%', '％']) else {
            continue;
        };
        let figure: String = clause[..pct]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let Ok(share) = figure.parse::<f64>() else {
            continue;
        };
        let before = &clause[..pct - figure.len()];
        // (A rate of the work itself: 整改率60%, 清掏率60%, 整改完成率81%: adv58 c 7.)
        let said = [
            "完成",
            "进度",
            "整改率",
            "清掏率",
            "清理率",
            "拆除率",
            "整治率",
            "整改完成率",
        ]
        .iter()
        .filter_map(|w| before.rfind(w).map(|at| &before[at + w.len()..]))
        .min_by_key(|between| between.len());
        let of_the_work = said.is_some_and(|between| {
            between.chars().count() <= WITHIN && !between.contains(OTHER_MEASURE)
        });
        if share > 0.0 && share < 100.0 && of_the_work {
            let end = at
                + clause
                    .trim_end_matches(['，', '。', '；', ',', ';', '\n', '、'])
                    .len();
            return Some(&text[at..end]);
        }
    }
    None
}

/// The words of a text that says only that the task is not the unit's (辖区内无拦河养鱼
/// 设施, 不涉及), under 已完成 or 长期坚持: the unit has no part to do, which its status
/// cell put as done or kept up. Read as 不涉及, not doubted: the town that found nothing
/// to clear did not misreport (adv48 b M3; it made the task 待核实 and overdue).
pub fn not_ours_as_done(status: Status, progress: &str) -> Option<String> {
    if !matches!(status, Status::Completed | Status::Ongoing) {
        return None;
    }
    let mut without_white = String::new();
    let found = Found::without_white(progress, &mut without_white);
    let text = found.text;
    if text.is_empty() || found.unfinished().is_some() {
        return None;
    }
    found
        .not_applicable_phrase()
        .filter(|_| found.started().is_none() && found.claimed_done().is_none())
        .filter(|_| opens_not_applicable(text))
        .map(|phrase| clause_from(text, phrase).to_string())
}

/// Whether a text says first, and as a whole, that the task is not the unit's (不涉及,
/// 我镇辖区内无拦河养鱼。): not a lead's account of its own work with a line for the
/// rest of a group (已出台管理办法。其余镇街：不涉及).
fn opens_not_applicable(text: &str) -> bool {
    let first = text
        .split(['。', '；', ';'])
        .find(|c| !c.is_empty())
        .unwrap_or("");
    [first, text]
        .iter()
        .all(|t| crate::ingest::status_from_progress(t) == Some(Status::NotApplicable))
}

/// A clause of `text` that says the work was done on a day (已于11月20日完成): the
/// clause, for the doubt to quote.
fn dated_done_clause(text: &str) -> Option<&str> {
    text.split(['，', '。', '；', ',', ';'])
        .find(|c| reads_done(c))
}

/// A clause of `text` that says all of the work is done, whatever its subject (全区35座
/// 小水电已全部完成清理整改, 已全面完成园区“厂中厂”排查整治): 已全部完成 or 已全面完成
/// with nothing after it, or the work it names ending in 整改, 整治, 任务 or 工作, not a
/// step of it (前期, 初步, 方案, 一期); the clause, for the doubt to quote (adv55 a 3: such
/// texts under 正在推进 or 未完成 were taken at the status's word).
fn whole_done_clause(text: &str) -> Option<&str> {
    const ALL_DONE: [&str; 2] = ["已全部完成", "已全面完成"];
    const WORK: [&str; 4] = ["整改", "整治", "任务", "工作"];
    const STEP: [&str; 13] = [
        "前期", "初步", "方案", "一期", "第一", "阶段", "部分", "年度", "批", "计划", "年", "初稿",
        "草案",
    ];
    // A part or a step named before it: 我委牵头的沟渠整治已全部完成整改, 初稿已全面完成.
    const PART_BEFORE: [&str; 8] = [
        "牵头的",
        "负责的",
        "承担的",
        "初稿",
        "草案",
        "一期",
        "前期",
        "部分",
    ];
    text.split(['，', '。', '；', ',', ';']).find(|c| {
        ALL_DONE.iter().any(|w| {
            c.split_once(w).is_some_and(|(subject, work)| {
                let work = work.trim();
                !PART_BEFORE.iter().any(|p| subject.contains(p))
                    && (work.is_empty()
                        || (WORK.iter().any(|e| work.ends_with(e))
                            && !STEP.iter().any(|s| work.contains(s))))
            })
        })
    })
}

/// Work under way on the ground in a text reported 未启动 (主体工程正在施工，…预计12月20日
/// 完工): the phrase, unless the text says the work itself has not begun, is still being
/// prepared or waits on something (相关前期手续正在办理, 实施方案正在编制，待审定后组织实施,
/// 二期管网工程正在施工，待其完工后统一实施: what a task not started does). 施工中 and
/// 建设中 end their clause (施工中将严格落实…, 纳入…建设中统筹实施 say no such thing).
fn under_way(text: &str) -> Option<&'static str> {
    const WORK: [&str; 13] = [
        "正在施工",
        "正在建设",
        "正在实施",
        "正在整改",
        "正在清理",
        "正在拆除",
        "正在清掏",
        "正在修复",
        "正在改造",
        "正在铺设",
        "正在安装",
        "施工中",
        "建设中",
    ];
    // (未启动 stands for 尚未启动 and 暂未启动, and so on.)
    const NOT_YET: [&str; 15] = [
        "未启动",
        "未开工",
        "未开展",
        "尚未实施",
        "暂未实施",
        "前期",
        "审定",
        "暂不具备",
        "暂缓",
        "后实施",
        "后统一实施",
        "后组织实施",
        "后启动",
        "后开工",
        "拟",
    ];
    if NOT_YET.iter().any(|w| text.contains(w)) {
        return None;
    }
    WORK.into_iter().find(|w| {
        text.match_indices(w).any(|(at, _)| {
            !w.ends_with('中')
                || text[at + w.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| "，。；、,.;".contains(c))
        })
    })
}

/// Whether a text no claim phrase matched says, in one clause, that the work was done
/// on a day (已于11月完成, 已于9月28日全部完成。): not a part's completion (管网铺设已完
/// 成), which leaves the rest open.
fn reads_done(text: &str) -> bool {
    // 已于, not 于 alone: 于12月底完成 is as often a plan.
    let t = text.trim_end_matches(['。', '.']);
    let Some(rest) = t.strip_prefix("已于") else {
        return false;
    };
    let Some(when) = ["全部完成", "已完成", "完成"]
        .iter()
        .find_map(|w| rest.strip_suffix(w))
    else {
        return false;
    };
    !when.is_empty()
        && when.chars().count() <= 12
        && !when.contains(['，', ',', '；', ';', '、', '前'])
        // (Whether it names a day or month at all: any year reads 11月.)
        && crate::common::dates::find_date_in_text(when, Some(2000)).is_some()
}

/// The checks as written before they shared one search (three passes of three
/// automatons and a search per plain word): the reference the one-pass [`Found`] must
/// agree with.
#[cfg(test)]
mod by_list {
    use std::borrow::Cow;
    use std::sync::LazyLock;

    use aho_corasick::AhoCorasick;

    use super::{clause_from, ends_claim, opens_clause, NOTHING_HERE};
    use crate::model::status::{COMPLETION_STATEMENTS, PLANNED_CUES, UNFINISHED_CLAIMS};
    use crate::model::Status;

    static STATEMENTS: LazyLock<AhoCorasick> = LazyLock::new(|| phrases(COMPLETION_STATEMENTS));
    static UNFINISHED: LazyLock<AhoCorasick> = LazyLock::new(|| phrases(UNFINISHED_CLAIMS));
    static NOT_APPLICABLE: LazyLock<AhoCorasick> =
        LazyLock::new(|| phrases(crate::model::status::NOT_APPLICABLE_PHRASES));

    fn phrases(list: &[&str]) -> AhoCorasick {
        AhoCorasick::new(list).expect("fixed phrase lists build")
    }

    /// The first completion statement (in list order) that `text` states about the whole
    /// task.
    pub(super) fn claimed_done(text: &str) -> Option<&'static str> {
        STATEMENTS
            .find_overlapping_iter(text)
            .filter(|m| opens_clause(&text[..m.start()]) && ends_claim(&text[m.end()..]))
            .map(|m| m.pattern().as_usize())
            .min()
            .map(|i| COMPLETION_STATEMENTS[i])
    }

    fn started(text: &str) -> Option<&'static str> {
        super::DONE.iter().copied().find(|w| {
            text.match_indices(w).any(|(i, _)| {
                text[i..]
                    .split(['，', '。', '；', ',', ';'])
                    .next()
                    .is_some_and(|clause| clause.chars().any(|c| c.is_ascii_digit()))
            })
        })
    }

    fn work_done(text: &str) -> Option<&'static str> {
        if not_applicable_phrase(text).is_some() {
            return None;
        }
        super::DONE.iter().copied().find(|w| {
            *w != "已排查"
                && text.match_indices(w).any(|(i, _)| {
                    let what = text[i + w.len()..]
                        .split(['，', '。', '；', ',', ';', '：', ':'])
                        .next()
                        .unwrap_or_default();
                    super::opens_clause(&text[..i])
                        && what.chars().count() >= 2
                        && !super::CHECKS.iter().any(|c| what.contains(c))
                })
        })
    }

    fn not_applicable_phrase(text: &str) -> Option<&'static str> {
        // The first phrase in list order that the text contains, in one pass over it.
        NOT_APPLICABLE
            .find_overlapping_iter(text)
            .map(|m| m.pattern().as_usize())
            .min()
            .map(|i| crate::model::status::NOT_APPLICABLE_PHRASES[i])
    }

    pub(super) fn unfinished(text: &str) -> Option<&str> {
        unfinished_where(text, |_| true)
    }

    /// Whether the clause after `end` says the work was done since (已 before its end).
    fn done_since(text: &str, end: usize) -> bool {
        let to = text[end..]
            .find(|c: char| "，。；,;\n".contains(c))
            .map_or(text.len(), |j| end + j);
        text[end..to].contains('已')
    }

    /// [`unfinished`], but not a phrase its clause then says was done since.
    pub(super) fn unfinished_undone(text: &str) -> Option<&str> {
        unfinished_where(text, |end| !done_since(text, end))
    }

    /// The first unfinished claim (in list order) or plan for later whose end `keep`
    /// accepts.
    fn unfinished_where(text: &str, keep: impl Fn(usize) -> bool) -> Option<&str> {
        let first = UNFINISHED
            .find_overlapping_iter(text)
            .filter(|m| keep(m.end()) && !super::finding_of_none(text, m.end()))
            .map(|m| m.pattern().as_usize())
            .min();
        if let Some(i) = first {
            return Some(UNFINISHED_CLAIMS[i]);
        }
        PLANNED_CUES.iter().find_map(|cue| {
            text.match_indices(cue).find_map(|(i, cue)| {
                let rest = &text[i + cue.len()..];
                let next = rest.chars().next()?;
                let planned = next.is_ascii_digit()
                    || "年月于在".contains(next)
                    || ["今年", "明年", "下一步"]
                        .iter()
                        .any(|w| rest.starts_with(w));
                (planned && keep(i + cue.len())).then(|| &text[i..i + cue.len()])
            })
        })
    }

    pub(super) fn doubt(status: Status, progress: &str) -> Option<String> {
        // Only these statuses can contradict a text.
        if !matches!(
            status,
            Status::InProgress
                | Status::NotStarted
                | Status::Completed
                | Status::NotApplicable
                | Status::Ongoing
        ) {
            return None;
        }
        // Whitespace is dropped (a clause may be broken across lines); most texts have none.
        let text: Cow<str> = if progress.contains(char::is_whitespace) {
            Cow::Owned(progress.chars().filter(|c| !c.is_whitespace()).collect())
        } else {
            Cow::Borrowed(progress)
        };
        if text.is_empty() || super::qualified_under_way(status, &text) {
            return None;
        }
        let not_ours = || {
            not_applicable_phrase(&text)
                .filter(|_| started(&text).is_none() && claimed_done(&text).is_none())
                .filter(|_| super::opens_not_applicable(&text))
        };
        let said = if status == Status::Ongoing {
            not_ours()?
        } else if status == Status::NotApplicable {
            // 不涉及 beside work done or under way (已拆除辖区内拦河设施3处, 正在开展补植):
            // the task is the unit's after all. Not where the text says there is nothing
            // to do (经排查未发现, 辖区内无).
            if NOTHING_HERE.iter().any(|w| text.contains(w)) {
                return None;
            }
            started(&text)
                .or_else(|| claimed_done(&text))
                .or_else(|| text.contains("正在").then_some("正在"))
                .or_else(|| work_done(&text))?
        } else if let Some(phrase) = (status == Status::Completed)
            .then(|| super::not_done_after_all(&text))
            .flatten()
        {
            phrase
        } else if status == Status::Completed {
            match unfinished_undone(&text)
                .or_else(|| super::remainder_left(&text))
                .or_else(|| super::share_done(&text))
            {
                Some(phrase) if claimed_done(&text).is_none() => phrase,
                _ => not_ours()?,
            }
        } else if let Some(not_ours) = not_applicable_phrase(&text)
            .filter(|_| crate::ingest::status_from_progress(&text) == Some(Status::NotApplicable))
        {
            // (The phrase first: a plain search, where reading the text's status is not;
            // most texts have none.)
            // 正在推进 / 未启动 beside 无此项工作: the text says the task is not the unit's.
            not_ours
        } else if let Some(done) = (status == Status::NotStarted)
            .then(|| started(&text).or_else(|| super::under_way(&text)))
            .flatten()
        {
            // Work done, even in part (已完成80%, 已排查12处), is work started.
            done
        } else {
            match claimed_done(&text) {
                Some(claim) if unfinished(&text).is_none() => claim,
                None if status != Status::Completed && unfinished(&text).is_none() => {
                    super::dated_done_clause(&text).or_else(|| super::whole_done_clause(&text))?
                }
                _ => return None,
            }
        };
        Some(format!(
            "报送“{}”，但进展情况写明“{}”",
            status.label(),
            clause_from(&text, said)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_up_is_doubted_while_the_one_off_part_is_still_being_done() {
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2020, m, d).unwrap();
        let due_sept = crate::plan::Deadline::parse("2020年9月底完成，并长期坚持").unwrap();
        let drafting = "正在制定《永川区餐厨垃圾收运处置管理办法》，已完成征求意见。";
        assert_eq!(
            kept_up_before_done(Status::Ongoing, drafting, &due_sept, day(12, 10)).as_deref(),
            Some("报送“长期坚持”，但进展情况写明“正在制定”，完成时限（2020年9月底）已过")
        );
        // A survey under way and a register not set up (session 57 review a 5).
        let survey = "乡镇污水管网排查正在进行，已排查管网约60%，排水信息清单尚未建立。";
        assert_eq!(
            kept_up_before_done(Status::Ongoing, survey, &due_sept, day(12, 10)).as_deref(),
            Some("报送“长期坚持”，但进展情况写明“尚未建立”，完成时限（2020年9月底）已过")
        );
        // The mechanism set up, the part kept up under way: no doubt (review c 3).
        for kept in [
            "已建立餐厨垃圾清运长效监管机制，目前正在进行常态化巡查。",
            "小水电清理整改已全部完成，正在建立生态流量长效监管平台的二期功能。",
        ] {
            assert_eq!(
                kept_up_before_done(Status::Ongoing, kept, &due_sept, day(12, 10)),
                None,
                "{kept}"
            );
        }
        // Kept up with work going on: no doubt.
        let patrols = "正在常态化开展巡查，尚未发现新增问题。";
        assert_eq!(
            kept_up_before_done(Status::Ongoing, patrols, &due_sept, day(12, 10)),
            None
        );
        // The one-off part not yet due, or no such part, or another status: none.
        assert_eq!(
            kept_up_before_done(Status::Ongoing, drafting, &due_sept, day(9, 20)),
            None
        );
        let only_kept_up = crate::plan::Deadline::parse("长期坚持").unwrap();
        assert_eq!(
            kept_up_before_done(Status::Ongoing, drafting, &only_kept_up, day(12, 10)),
            None
        );
        assert_eq!(
            kept_up_before_done(Status::InProgress, drafting, &due_sept, day(12, 10)),
            None
        );
    }

    #[test]
    fn a_document_issued_is_one_part_of_a_task_of_several() {
        let many = "制定出台水产养殖整治相关政策,促进水产养殖健康发展。做好水产养殖尾水处理,实施水产养殖池塘标准化改造。";
        let text = "已出台《永川区水产养殖尾水治理工作方案》，完成池塘标准化改造1200亩。";
        assert!(doubt(Status::InProgress, text).is_some());
        assert!(one_part_of_many(Status::InProgress, text, many));
        // A task that is the document alone: 已出台 beside 正在推进 is a contradiction.
        assert!(!one_part_of_many(
            Status::InProgress,
            text,
            "制定出台水产养殖整治相关政策。"
        ));
        // A claim about the whole task is one whatever the task.
        assert!(!one_part_of_many(
            Status::InProgress,
            "已出台方案，该项工作已完成。",
            many
        ));
        assert!(!one_part_of_many(Status::NotStarted, text, many));
    }

    #[test]
    fn the_not_applicable_phrase_is_the_first_in_list_order() {
        let list = crate::model::status::NOT_APPLICABLE_PHRASES;
        let by_search = |t: &str| list.iter().copied().find(|p| t.contains(p));
        let mut texts: Vec<String> = list.iter().map(|p| format!("经核实，{p}。")).collect();
        texts.push(format!("{}，{}", list[list.len() - 1], list[0]));
        texts.push("正在推进清淤工作".to_string());
        for t in &texts {
            assert_eq!(
                Found::in_text(t).not_applicable_phrase(),
                by_search(t),
                "{t}"
            );
        }
    }

    /// The rule as first written, one search per phrase: the one-pass search must give
    /// the same doubt on every text.
    fn doubt_by_phrase(status: Status, progress: &str) -> Option<String> {
        let text: String = progress.chars().filter(|c| !c.is_whitespace()).collect();
        if text.is_empty() || super::qualified_under_way(status, &text) {
            return None;
        }
        let stated = |claim: &str| {
            text.match_indices(claim)
                .any(|(i, _)| opens_clause(&text[..i]) && ends_claim(&text[i + claim.len()..]))
        };
        let claims_done = COMPLETION_STATEMENTS.iter().find(|c| stated(c));
        let unfinished = UNFINISHED_CLAIMS
            .iter()
            .find(|c| text.contains(*c))
            .copied()
            .or_else(|| unfinished(&text));
        // Under 已完成, a phrase its clause then says was done since (剩余…已拆除) is none.
        let unfinished_undone = by_list::unfinished_undone(&text);
        if let Some(back) = (status == Status::Completed)
            .then(|| super::not_done_after_all(&text))
            .flatten()
        {
            return Some(format!(
                "报送“{}”，但进展情况写明“{}”",
                status.label(),
                clause_from(&text, back)
            ));
        }
        if status == Status::NotStarted {
            if let Some(done) = Found::in_text(&text).started().or_else(|| under_way(&text)) {
                return Some(format!(
                    "报送“{}”，但进展情况写明“{}”",
                    status.label(),
                    clause_from(&text, done)
                ));
            }
        }
        let said = match (status, claims_done, unfinished) {
            (Status::InProgress | Status::NotStarted, Some(claim), None) => *claim,
            (Status::Completed, None, Some(_)) if unfinished_undone.is_some() => {
                unfinished_undone.unwrap_or_default()
            }
            (Status::Completed, None, _) if share_done(&text).is_some() => {
                share_done(&text).unwrap_or_default()
            }
            (Status::InProgress | Status::NotStarted, None, None)
                if dated_done_clause(&text).is_some() =>
            {
                dated_done_clause(&text).unwrap_or_default()
            }
            (Status::InProgress | Status::NotStarted, None, None)
                if whole_done_clause(&text).is_some() =>
            {
                whole_done_clause(&text).unwrap_or_default()
            }
            _ => return None,
        };
        Some(format!(
            "报送“{}”，但进展情况写明“{}”",
            status.label(),
            clause_from(&text, said)
        ))
    }

    /// Every phrase with every text before and after it.
    fn around(before: &[&str], phrases: &[&str], after: &[&str]) -> Vec<String> {
        let mut texts = Vec::new();
        for b in before {
            for p in phrases {
                for a in after {
                    texts.push(format!("{b}{p}{a}"));
                }
            }
        }
        texts
    }

    /// A status that says less than the text (adv52 a4): 未启动 beside work on the ground
    /// under way or a day it was done, 正在推进 beside 该项工作已全部完成; not 未启动 beside
    /// its preparations (前期手续正在办理, 方案正在编制，待审定后组织实施).
    #[test]
    fn a_status_below_its_text() {
        let said = |s, t| doubt(s, t).unwrap_or_default();
        assert!(said(
            Status::NotStarted,
            "渗漏液备用应急收集池主体工程正在施工，已完成土方开挖和池体浇筑，预计12月20日完工。"
        )
        .ends_with("写明“正在施工”"));
        assert!(said(
            Status::NotStarted,
            "已配合区水利局将长征渠引水工程纳入规划，已于11月20日完成。"
        )
        .ends_with("写明“已于11月20日完成”"));
        assert!(said(
            Status::InProgress,
            "已将生态环境保护纳入规划纲要，该项工作已全部完成。"
        )
        .ends_with("写明“已全部完成”"));
        // All of the work done, whatever its subject (adv55 a 3); not a step or the
        // year's part of it.
        assert!(said(
            Status::InProgress,
            "全区35座小水电已全部完成清理整改，生态基流下泄设施全部安装到位。"
        )
        .ends_with("写明“全区35座小水电已全部完成清理整改”"));
        assert!(said(
            Status::InProgress,
            "已全面完成园区“厂中厂”排查整治，关停违法企业3家。"
        )
        .ends_with("写明“已全面完成园区“厂中厂”排查整治”"));
        for fine in [
            "已全部完成前期调研工作，正在编制方案。",
            "已全面完成产业结构调整年度任务，布局优化持续推进。",
            "已全部完成一期整改，二期正在施工。",
            "已全部完成排查，发现问题12处。",
            // Second review c 7.
            "已全部完成第二批整改。",
            "已全部完成2020年计划的集聚点污水设施建设任务。",
            "我委牵头的沟渠整治已全部完成整改。",
        ] {
            assert_eq!(doubt(Status::InProgress, fine), None, "{fine}");
        }
        assert!(
            said(Status::NotStarted, "主体工程正在施工，尚未完工。").ends_with("写明“正在施工”")
        );
        assert!(said(Status::NotStarted, "截污管网施工中。").ends_with("写明“施工中”"));
        for fine in [
            "相关前期手续正在办理，暂不具备实施条件。",
            "实施方案正在编制，待审定后组织实施。",
            "项目尚未开工，正在施工招标。",
            "因资金未落实，工作暂未开展。",
            // Second review c 5.
            "因选址调整暂缓，相邻片区的二期管网工程正在施工，待其完工后统一实施。",
            "计划明年3月开工，施工中将严格落实扬尘防治措施。",
            "拟纳入“十四五”污水处理设施建设中统筹实施。",
            "区城管局正在整改的考核办法另行报送，本项待区政府审定。",
        ] {
            assert_eq!(doubt(Status::NotStarted, fine), None, "{fine}");
        }
    }

    #[test]
    fn one_pass_gives_the_doubts_of_one_search_per_phrase() {
        let before = ["", "该工程", "初稿", "已于9月28日", "，", "项目整体"];
        let after = [
            "",
            "。",
            "前期工作",
            "整改任务",
            "并投入使用",
            "，二期正在推进",
            "计划12月底",
        ];
        let phrases: Vec<&str> = COMPLETION_STATEMENTS
            .iter()
            .chain(UNFINISHED_CLAIMS)
            .copied()
            .chain(["计划于明年", "计划", "已完成已通过验收", "尚未已完成"])
            .collect();
        let mut texts = around(&before, &phrases, &after);
        for p in &phrases {
            for q in &phrases {
                texts.push(format!("{p}，{q}。"));
                texts.push(format!("该工程{p}{q}"));
            }
        }
        let mut doubts = 0;
        for t in &texts {
            // 不涉及's own rule is newer than the reference (its own test below).
            for s in Status::ALL
                .into_iter()
                .filter(|s| *s != Status::NotApplicable)
            {
                let want = doubt_by_phrase(s, t);
                doubts += usize::from(want.is_some());
                assert_eq!(doubt(s, t), want, "{s:?} {t}");
            }
        }
        assert!(doubts > 100, "the texts include contradictions: {doubts}");
    }

    #[test]
    fn one_search_for_every_list_gives_what_a_search_per_list_gave() {
        let phrases: Vec<&str> = COMPLETION_STATEMENTS
            .iter()
            .chain(UNFINISHED_CLAIMS)
            .chain(PLANNED_CUES)
            .chain(crate::model::status::NOT_APPLICABLE_PHRASES)
            .chain(&NOTHING_HERE)
            .chain(&DONE)
            .copied()
            .collect();
        let before = ["", "该工程", "已于9月28日", "，", "经排查", "辖区内"];
        let after = [
            "",
            "。",
            "12处",
            "80%，",
            "前期工作",
            "整改任务",
            "于明年",
            "用水",
            "下一步实施",
            "，二期正在推进",
        ];
        let mut texts = around(&before, &phrases, &after);
        for p in &phrases {
            for q in &phrases {
                texts.push(format!("{p}，{q}3处。"));
                texts.push(format!("该项 {p}{q}"));
            }
            // White space inside a phrase (a cell's line break, a full-width space).
            let mut chars = p.chars();
            let first = chars.next().unwrap();
            let rest: String = chars.collect();
            texts.push(format!("该工程{first}\n{rest}。"));
            texts.push(format!("{first}\u{3000}{rest}12处"));
        }
        let mut doubts = 0;
        for t in &texts {
            assert_eq!(
                Found::in_text(t).claimed_done(),
                by_list::claimed_done(t),
                "{t}"
            );
            assert_eq!(unfinished(t), by_list::unfinished(t), "{t}");
            for s in Status::ALL {
                let want = by_list::doubt(s, t);
                doubts += usize::from(want.is_some());
                assert_eq!(doubt(s, t), want, "{s:?} {t}");
            }
        }
        assert!(doubts > 1000, "the texts include contradictions: {doubts}");
    }

    /// adv50 c 2: work left that the clause then says was done since is no doubt.
    #[test]
    fn work_left_then_done_is_no_doubt() {
        for done in [
            "剩余设施已于9月28日全部拆除。",
            "排查设施14处，尚未拆除的3处已于11月拆除。",
        ] {
            assert_eq!(doubt(Status::Completed, done), None, "{done}");
        }
        for left in [
            "已完成主体工程尚未验收。",
            "已完成18个镇街排查，剩余5个镇街正在排查。",
        ] {
            assert!(doubt(Status::Completed, left).is_some(), "{left}");
        }
    }

    #[test]
    fn contradictions_are_doubts() {
        assert_eq!(
            doubt(Status::InProgress, "该工程已通过验收并投入使用。").as_deref(),
            Some("报送“正在推进”，但进展情况写明“已通过验收并投入使用”")
        );
        assert!(doubt(Status::NotStarted, "已完成。").is_some());
        assert_eq!(
            doubt(Status::Completed, "尚未开工，计划明年实施").as_deref(),
            Some("报送“已完成”，但进展情况写明“尚未开工”")
        );
        assert_eq!(
            doubt(
                Status::Completed,
                "完成清淤15公里，剩余沟渠整治计划12月底前完成。"
            )
            .as_deref(),
            Some("报送“已完成”，但进展情况写明“剩余沟渠整治计划12月底前完成”")
        );
        assert_eq!(
            doubt(
                Status::Completed,
                "河道两岸化粪池共412座，已清掏356座，尚有56座未清掏。"
            )
            .as_deref(),
            Some("报送“已完成”，但进展情况写明“尚有56座未清掏”")
        );
        assert_eq!(
            doubt(Status::Completed, "已整改15处，仍有3处待整改").as_deref(),
            Some("报送“已完成”，但进展情况写明“仍有3处待整改”")
        );
        for done in [
            "已清掏412座，尚有部分群众反映的问题已一并解决",
            "已全部完成，还有2处为新增点位已纳入日常管护",
        ] {
            assert_eq!(doubt(Status::Completed, done), None, "{done}");
        }
        assert_eq!(doubt(Status::InProgress, "尚有56座未清掏"), None);
        assert_eq!(
            doubt(
                Status::Completed,
                "完成清淤15公里，下一步计划12月底前完成。"
            )
            .as_deref(),
            Some("报送“已完成”，但进展情况写明“计划12月底前完成”")
        );
        // A forecast is no completion; work under way neither.
        assert_eq!(
            doubt(Status::Completed, "预计12月底完成纳入规划。").as_deref(),
            Some("报送“已完成”，但进展情况写明“预计12月底完成纳入规划”")
        );
        assert!(doubt(Status::Completed, "力争于明年建成。").is_some());
        assert!(doubt(Status::Completed, "河堰修复工程进行中。").is_some());
        assert!(doubt(Status::Completed, "预计投资500万元，已全面完成。").is_none());
        // Work done in part is work started.
        assert_eq!(
            doubt(Status::NotStarted, "已完成小水电清理整改80%。").as_deref(),
            Some("报送“未启动”，但进展情况写明“已完成小水电清理整改80%”")
        );
        assert!(doubt(Status::NotStarted, "尚未开展，计划明年实施。").is_none());
        assert!(doubt(Status::NotStarted, "前期调研中。").is_none());
        // Other ways of saying the work is not finished, and a share of it done (adv53
        // a 3: all read 已完成).
        for (text, quoted) in [
            ("截流井改造还没有完工。", "还没有完工"),
            ("截流井改造仍未完工。", "仍未完工"),
            ("截流井改造未完工。", "未完工"),
            ("长效机制还未建立。", "还未建立"),
            ("工程即将完成。", "即将完成"),
            ("截流井改造还差最后一段。", "还差最后一段"),
            ("完成90%。", "完成90%"),
            ("目前完成总工程量的90%。", "目前完成总工程量的90%"),
            ("已完成年度目标任务的80%，", "已完成年度目标任务的80%"),
        ] {
            assert_eq!(
                doubt(Status::Completed, text),
                Some(format!("报送“已完成”，但进展情况写明“{quoted}”")),
                "{text}"
            );
        }
        for done in [
            "已完成，完成率100%。",
            "污水收集率达85%，已全面完成整改。",
            "已完成，群众满意度95%",
            // Rates and payments are no share of the work (second review c 7).
            "已完工，进度款已支付80%",
            "完成池塘标准化改造3200亩、覆盖率92%",
            "完成率95%（污水收集率）",
            "处理完成后尾水达标率98%",
            // Nothing found is no work left (second review c 6).
            "目前仍未发现反弹",
            "还未发现问题",
            "还没有发现超标情况",
            "已建立机制，即将开展第二轮巡查",
        ] {
            assert_eq!(doubt(Status::Completed, done), None, "{done}");
        }
        // Nor do such words hide a completion beside 正在推进 (second review c 8).
        for claimed in ["已全部完成。仍未发现反弹。", "已完成，还没来得及报送。"]
        {
            assert!(doubt(Status::InProgress, claimed).is_some(), "{claimed}");
        }
    }

    #[test]
    fn a_planned_completion_date_is_a_doubt_on_a_completion() {
        assert_eq!(
            planned_completion(Status::Completed, "完成时间：预计2020年12月31日").as_deref(),
            Some("报送“已完成”，但完成时间写明“预计2020年12月31日”")
        );
        assert_eq!(
            planned_completion(Status::InProgress, "完成时间：预计2020年12月31日"),
            None
        );
        assert_eq!(planned_completion(Status::Completed, "无"), None);
    }

    /// 正在推进 beside a text saying the work was done on a day (已于11月完成) is a doubt;
    /// beside a part done (管网铺设已完成) or a plan (于12月底前完成), not.
    #[test]
    fn in_progress_beside_work_done_on_a_day_is_a_doubt() {
        assert_eq!(
            doubt(Status::InProgress, "已于11月完成").as_deref(),
            Some("报送“正在推进”，但进展情况写明“已于11月完成”")
        );
        assert!(doubt(Status::InProgress, "已于9月28日全部完成。").is_some());
        for fine in [
            "管网铺设已完成",
            "计划于12月底前完成",
            "将于12月底完成",
            "于12月底前完成",
        ] {
            assert_eq!(doubt(Status::InProgress, fine), None, "{fine}");
        }
    }

    /// 已完成 or 长期坚持 beside a text saying the task is not the unit's (不涉及, 无此项
    /// 工作, 辖区内无…) is a doubt; beside work done, or work and nothing left, not.
    #[test]
    fn done_or_kept_up_beside_not_applicable_is_a_doubt() {
        assert_eq!(
            doubt(Status::Completed, "不涉及").as_deref(),
            Some("报送“已完成”，但进展情况写明“不涉及”")
        );
        assert_eq!(
            doubt(Status::Ongoing, "无此项工作").as_deref(),
            Some("报送“长期坚持”，但进展情况写明“无此项工作”")
        );
        assert!(doubt(Status::Completed, "我镇辖区内无拦河养鱼").is_some());
        for fine in [
            "已拆除拦河网3处，辖区内已无拦河养鱼。",
            "已完成排查，辖区内无拦河养鱼。",
            "常态化开展巡查，无新增问题。",
        ] {
            assert_eq!(doubt(Status::Completed, fine), None, "{fine}");
            assert_eq!(doubt(Status::Ongoing, fine), None, "{fine}");
        }
        assert_eq!(doubt(Status::Ongoing, "已建立长效机制。"), None);
    }

    /// 不涉及 beside work done or under way is a doubt; beside nothing found, not.
    #[test]
    fn not_applicable_beside_work_is_a_doubt() {
        assert_eq!(
            doubt(Status::NotApplicable, "已拆除辖区内拦河设施3处。").as_deref(),
            Some("报送“不涉及”，但进展情况写明“已拆除辖区内拦河设施3处”")
        );
        assert!(doubt(Status::NotApplicable, "正在开展竹林补植。").is_some());
        assert!(doubt(Status::NotApplicable, "已完成。").is_some());
        // Work done named without a figure.
        assert_eq!(
            doubt(Status::NotApplicable, "已完成辖区河道清理。").as_deref(),
            Some("报送“不涉及”，但进展情况写明“已完成辖区河道清理”")
        );
        assert!(doubt(Status::NotApplicable, "已清理河道漂浮物").is_some());
        for plain in [
            "经排查，辖区内未发现拦河养鱼。",
            "辖区内无化工企业。",
            "本单位不涉及此项任务。",
            "",
            "无",
            // A check that found nothing, or work said not to be the unit's.
            "已完成自查。",
            "已开展排查，辖区内无此类问题。",
            "已完成辖区内排查整治",
            "已完成核实，该项非我镇任务。",
        ] {
            assert_eq!(doubt(Status::NotApplicable, plain), None, "{plain}");
        }
    }

    #[test]
    fn a_percentage_beside_the_status_can_contradict_it() {
        let d = |status, note: &str| percent_disagrees(status, note);
        assert_eq!(
            d(Status::Completed, "备注\n完成进度：60%").as_deref(),
            Some("报送“已完成”，但完成进度为60%")
        );
        assert!(d(Status::InProgress, "完成进度：100%").is_some());
        assert!(d(Status::NotStarted, "完成进度：30%").is_some());
        assert!(d(Status::Completed, "完成进度：100%").is_none());
        assert!(d(Status::InProgress, "完成进度：0%").is_none());
        assert!(d(Status::InProgress, "完成进度：80%").is_none());
        assert!(d(Status::Ongoing, "完成进度：60%").is_none());
        assert!(d(Status::Completed, "完成进度：见附件").is_none());
        assert!(d(Status::Completed, "").is_none());
    }

    /// adv50 a 1, c 2, c 4: a 已完成 whose remark says part of the work is still to do;
    /// not one whose remark says something else beside it.
    #[test]
    fn a_remark_taking_back_a_completion_is_a_doubt() {
        let d = |note: &str| note_reserves_done(Status::Completed, note);
        assert_eq!(
            d("亚冠食品公司尚未办结").as_deref(),
            Some("报送“已完成”，但备注写明“亚冠食品公司尚未办结”")
        );
        assert_eq!(
            d("规划已编制，预计12月底前印发").as_deref(),
            Some("报送“已完成”，但备注写明“预计12月底前印发”")
        );
        for left in [
            "备注：共12处，尚有3处未拆除",
            "还有1处因涉诉暂缓拆除",
            "12月底前完成验收",
            "其中1处未拆",
            "还差2处",
            "存在问题：尚有3处未拆除",
            "下步打算：12月底前拆除剩余3处",
            "未完成原因：尚有3处未拆除",
        ] {
            assert!(d(left).is_some(), "{left}");
        }
        for not_left in [
            "下步打算：将于明年开展回头看",
            "前期完成状态：正在推进",
            "已销号",
            "已全部完成，尚未发现反弹",
            "原计划12月底完成，已提前完成",
            "尚未发现反弹",
            "该项无未完成内容",
            "计划12月底前完成的任务已提前完成",
            "尚未发现新增拦河养鱼",
            "剩余0处",
            "已全部拆除，无尚未拆除设施",
            "原计划9月底完成，因疫情延期至11月完成",
            "预计年节约用水10万吨",
            "计划明年继续巩固提升",
            "已于12月1日印发（原预计12月底前印发）",
            "整改前尚有3处未拆除，现已全部拆除",
            "剩余设施已于9月28日全部拆除",
            "尚未拆除的3处已于11月拆除",
            "完成时间：2020年12月底",
            "",
        ] {
            assert_eq!(d(not_left), None, "{not_left}");
        }
        assert!(note_reserves_done(Status::InProgress, "亚冠食品公司尚未办结").is_none());
    }

    #[test]
    fn work_under_way_on_a_task_the_text_calls_not_ours_is_a_doubt() {
        assert_eq!(
            doubt(Status::InProgress, "无此项工作").as_deref(),
            Some("报送“正在推进”，但进展情况写明“无此项工作”")
        );
        assert!(doubt(Status::NotStarted, "我镇不涉及此项任务").is_some());
        assert!(doubt(Status::InProgress, "辖区内无此类问题，持续开展巡查").is_none());
        let one = ["区水利局".to_string()];
        assert!(sole_decider_not_applicable(Status::NotApplicable, &one, "区水利局").is_some());
        assert!(sole_decider_not_applicable(Status::NotApplicable, &one, "来苏镇").is_none());
        assert!(sole_decider_not_applicable(Status::InProgress, &one, "区水利局").is_none());
    }

    #[test]
    fn plain_reports_are_not() {
        assert_eq!(doubt(Status::InProgress, "已完成前期工作，正在施工"), None);
        assert_eq!(doubt(Status::InProgress, "已完成一期，二期正在推进"), None);
        assert_eq!(doubt(Status::InProgress, "已完成前期调研"), None);
        assert_eq!(doubt(Status::InProgress, "初稿已完成。"), None);
        assert!(doubt(Status::InProgress, "该工程已通过验收。").is_some());
        assert!(doubt(Status::NotStarted, "已于9月28日通过验收。").is_some());
        assert_eq!(doubt(Status::Completed, "已完成整改，正在开展回头看"), None);
        assert_eq!(doubt(Status::Ongoing, "已完成，并长期坚持"), None);
        assert_eq!(doubt(Status::Completed, "已于9月底建成投用"), None);
        assert_eq!(doubt(Status::Completed, "严格执行计划用水制度"), None);
        assert_eq!(doubt(Status::InProgress, ""), None);
    }
}
