//! Vocabulary of returns: header synonyms (which column is which), and how a status
//! cell or a progress text is read. The statuses and the words that mean each live in
//! `model::status`; the rules for reading them live here.
//!
//! Matching is on normalised text: NFKC (full-width → ASCII), no whitespace, bracketed
//! hints removed, trailing colon and punctuation removed. Exact matches come first, then
//! a longest-first containment match, so overlapping words resolve to the most specific
//! one (计划完成时间 is a deadline although it contains 完成时间).
//!
//! Status decisions:
//! - 未完成 / 尚未完成 / 没有完成 only say "not completed": work may or may not have
//!   started, so they read `Unclear` (待核实, text kept), never `InProgress` or
//!   `Completed`, unless the progress beside them says how far the work is
//!   (正在施工: `InProgress`; [`not_done_by_progress`]).
//! - A short cell containing a status word next to a negation (未 没 不 无 否 非) that is
//!   not itself part of a not-started word reads `Unclear`.
//! - A cell naming two statuses reads `Unclear`, except completed + ongoing
//!   (已完成，长期坚持), which counts completed as 已完成并长期坚持 does.
//! - 部分完成 / 基本完成 / 初步完成 are in progress; a percentage below 100% is in
//!   progress, 100% is completed, 0% not started.
//! - In an 已完成 tick column, a cross (× ✗ 否) gives `None`: it says "not completed"
//!   without telling whether work started, so other columns decide.
//! - A progress text is read after a lead-in (目前, 现, 截至11月30日，…) as without it; a
//!   short one saying 不涉及 / 无此项工作 and naming no other status is 不涉及; 否 or × beside
//!   a text reporting no progress (暂未开展, 无) is 未启动, beside no text at all 待核实
//!   (否 says "not completed", not whether work started). The phrase lists are
//!   `model::status`'s.
//! - A short status cell's completion that is planned (预计12月底完成, 12月底前完成),
//!   owed (待完成, 原定10月底完成) or of a stage (已完成初稿, 已完成招标) is not
//!   已完成: 正在推进, or 待核实 for the owed.
//! - Not statuses, but read here: totals labels (汇总 合计 小计), and a progress cell
//!   pointing to its comment (详见批注).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use crate::model::status::{
    COMPLETION_CLAIMS, COMPLETION_KEPT_UP, DATED_LEAD_INS, NOT_APPLICABLE_PHRASES,
    NOT_APPLICABLE_TEXT_CHARS, NOT_STARTED_ANYWHERE, NO_PROGRESS_OPENINGS, PARTIAL_STAGES,
    STATUS_DOUBT_CUES, STATUS_LEAD_INS, STATUS_PLAN_CUES, WHOLE_CELL_WORDS,
};
use crate::model::Status;

/// What a column of a return holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnKind {
    /// 序号
    Id,
    /// 重点任务 (category)
    Category,
    /// 具体举措 (measure text)
    Measure,
    /// 完成时限 (deadline copied from the plan; never a status or completion date)
    Deadline,
    /// 整改进展情况 (free progress text)
    Progress,
    /// 完成状态 (a status word)
    Status,
    /// 完成进度 (a percentage: decides the status only when there is no status column)
    Percent,
    /// 是否完成 (是/否)
    StatusYesNo,
    /// 已完成 (ticked with √)
    StatusTick,
    /// 完成时间 (actual completion date)
    CompletedOn,
    /// 填报日期
    FiledOn,
    /// 月份, 报送月份: the month (or round) a row reports on, when one table or one
    /// workbook holds several months' rows of the same tasks
    Period,
    /// 备注
    Note,
    /// 佐证材料
    Evidence,
    /// 单位, 填报单位 …: the unit a row is from
    Unit,
    /// 责任单位: the unit a row is from in a lead unit's consolidated return, or the
    /// plan's assignment text copied (各镇街、区水利局); `sheet::layout` tells which.
    ResponsibleUnit,
    /// 牵头单位, 配合单位: the plan's assignment copied, never the unit a row is from
    Assignment,
    /// 联系人, 电话, 责任人, and an online form's 来源 / 来自IP: who answered and how,
    /// never progress (not read)
    Contact,
    /// 本单位角色
    Role,
    /// 是否涉及 (是/否): 否 says the task is not the unit's (不涉及); 是 says nothing of
    /// its progress
    Applies,
}

/// Header synonyms per column kind.
const HEADER_SYNONYMS: &[(ColumnKind, &[&str])] = &[
    (
        ColumnKind::Id,
        &["序号", "编号", "任务序号", "任务编号", "序"],
    ),
    (
        ColumnKind::Category,
        &["重点任务", "任务类别", "类别", "整改重点"],
    ),
    (
        ColumnKind::Measure,
        &[
            "具体举措",
            "整改任务",
            "任务内容",
            "整改措施",
            "具体任务",
            "整改内容",
            "工作任务",
            "具体措施",
            "任务名称",
            // An online form's question (问卷星, 金山表单): 2、涉及任务.
            "涉及任务",
            "对应任务",
            "所涉任务",
            "整改任务名称",
            // 整改要求 | 整改措施: the plan's requirement, then the unit's measures taken.
            "整改要求",
            "整改事项",
        ],
    ),
    (
        ColumnKind::Deadline,
        &[
            "完成时限",
            "整改时限",
            "时限",
            "完成期限",
            "计划完成时间",
            "预计完成时间",
            "要求完成时间",
            "计划完成时限",
            "时间节点",
            // A deadline the unit moved (调整后完成时限 beside the plan's 完成时限): read as
            // a second deadline column, never as the date the work was done.
            "调整后完成时间",
            "调整完成时间",
            "延期完成时间",
            "延期完成时限",
            "延期时限",
        ],
    ),
    (
        ColumnKind::Progress,
        &[
            "整改进展情况",
            "进展情况",
            "完成情况",
            "工作进展",
            "整改进展",
            "推进情况",
            "整改情况",
            "落实情况",
            "开展情况",
            "进展",
            "目前进展",
            "本月进展",
            "进度情况",
            "整改进度",
            "工作进度",
            "整改成效",
            "工作成效",
            // Beside 整改进展情况 it often holds the status words (办结, 正在办理):
            // then it is promoted to the status column.
            "办理情况",
            // 具体工作措施及成效, 主要做法及成效, 采取的措施及取得的成效: longer than the
            // measure's 整改措施 they contain.
            "成效",
            "措施及成效",
            "做法及成效",
            "取得的成效",
            // 已完成工作 | 下步计划 | 存在问题: the work done, not a tick column.
            "已完成工作",
            "已开展工作",
            "主要工作",
            // A second table for the tasks the unit cooperates on, headed 配合工作情况
            // where the first says 整改进展情况 (adv52 a9: read as a note). Not 工作情况
            // alone (a cover sheet's 工作情况说明, 存在问题及下步工作情况) nor 配合情况 (a
            // column of yes or no: second review c 1, c 7).
            "配合工作情况",
            // 已完成 / 正在推进 as often as a description: promoted to the status column
            // when its cells are status words.
            "整改结果",
            "完成结果",
            "办理结果",
        ],
    ),
    (
        ColumnKind::Status,
        &[
            "完成状态",
            "整改状态",
            "状态",
            "进度状态",
            "完成状况",
            "整改状况",
            "办理状态",
            "办结状态",
            "办结情况",
        ],
    ),
    (
        ColumnKind::Percent,
        &[
            "完成进度",
            "完成比例",
            "完成百分比",
            "进度百分比",
            "完成率",
            "完成进度百分比",
            // 进度: 60% or a status word (已完成), read as 完成进度 is.
            "进度",
        ],
    ),
    (
        ColumnKind::StatusYesNo,
        &[
            "是否完成",
            "是否办结",
            "是否整改到位",
            "完成与否",
            "是否已完成",
            "是否完成整改",
        ],
    ),
    (ColumnKind::StatusTick, &["已完成"]),
    (
        ColumnKind::CompletedOn,
        &[
            "完成时间",
            "实际完成时间",
            "完成日期",
            "办结时间",
            "销号时间",
            "销号日期",
            "实际完成日期",
            "办结日期",
            "完成时点",
            "整改完成时间",
            "整改完成日期",
            // When the work was done (a plan written there, 预计…, is no date of it).
            "整改时间",
        ],
    ),
    (
        ColumnKind::FiledOn,
        &[
            "填报日期",
            "填报时间",
            // An online form's export (问卷星, 腾讯文档, 金山表单): one row per answer.
            "提交时间",
            "提交答卷时间",
            "答题时间",
            "提交日期",
        ],
    ),
    (
        ColumnKind::Period,
        &[
            "月份",
            "报送月份",
            "填报月份",
            "所属月份",
            "统计月份",
            "报告期",
            "期次",
            "报送期次",
        ],
    ),
    (
        ColumnKind::Note,
        &[
            "备注",
            "存在问题",
            "存在的问题",
            "困难和问题",
            "存在困难",
            "未完成原因",
            "下步工作计划",
            "下一步工作计划",
            "下步计划",
            "下一步计划",
            "下一步打算",
            "下步打算",
            "下步措施",
            "下一步措施",
            "工作打算",
            // A lead unit's column on its partners' rows (牵头单位审核意见).
            "审核意见",
        ],
    ),
    (ColumnKind::Evidence, &["佐证材料", "佐证资料", "附件"]),
    (
        ColumnKind::Unit,
        // A town's column in a lead unit's consolidation of its towns (镇街 | 进展).
        &[
            "单位",
            "填报单位",
            "报送单位",
            "单位名称",
            "镇街",
            "镇街名称",
            "街镇",
        ],
    ),
    (
        ColumnKind::ResponsibleUnit,
        &[
            "责任单位",
            "责任部门",
            "责任主体",
            "责任单位名称",
            "责任镇街",
        ],
    ),
    (
        ColumnKind::Assignment,
        &[
            "牵头单位",
            "配合单位",
            "牵头部门",
            "配合部门",
            "协办单位",
            "牵头责任单位",
        ],
    ),
    (
        ColumnKind::Contact,
        &[
            "联系人",
            "联系电话",
            "填报人",
            "电话",
            "责任人",
            "分管领导",
            "分管负责人",
            "经办人",
            "审核人",
            // An online form's export (问卷星): how the answer came, not what it says.
            "所用时间",
            "来源",
            "来源详情",
            "来自IP",
        ],
    ),
    (ColumnKind::Role, &["本单位角色", "角色"]),
    (
        ColumnKind::Applies,
        &["是否涉及", "是否涉及本单位", "涉及与否", "本单位是否涉及"],
    ),
];

/// Longest header (in characters) still matched by containment; longer cells are titles
/// or prose, not headers.
const MAX_CONTAINMENT_HEADER: usize = 16;

/// Remove bracketed parts: (…) […] 【…】 〔…〕 <…> 《…》 is kept (titles of documents).
fn strip_brackets(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '<' | '〈' => depth += 1,
            ')' | ']' | '】' | '〕' | '>' | '〉' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The characters of `text` in NFKC that `keep` keeps. Text already in NFKC (the quick
/// check says so for most cells: Chinese, ASCII) is filtered as it stands, without the
/// decomposition and recomposition.
fn nfkc_filtered(text: &str, keep: impl Fn(char) -> bool) -> String {
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        text.chars().filter(|&c| keep(c)).collect()
    } else {
        text.nfkc().filter(|&c| keep(c)).collect()
    }
}

/// Normalise a header cell: NFKC, no whitespace, bracketed hints removed, leading
/// required-field marks (* ※) and trailing colon / punctuation removed.
pub fn normalise_header(text: &str) -> String {
    let n: String = nfkc_filtered(text, |c| !c.is_whitespace());
    let stripped = strip_brackets(&n);
    // A header that is nothing but a bracketed word (【备注】) keeps the word.
    let n = if stripped.is_empty() {
        n.chars()
            .filter(|c| !"()[]【】〔〕<>〈〉".contains(*c))
            .collect()
    } else {
        stripped
    };
    n.trim_start_matches(['*', '※', '★'])
        .trim_end_matches([':', '*', '※', '。', '.', ',', ';', '、'])
        .to_string()
}

/// Which column a header cell names, if any.
///
/// Remembered per thread by text: every data row asks it of its first cell (a header
/// repeated inside the table), the returns of one template share their header texts,
/// and normalising a text with full-width brackets costs a microsecond or more.
pub fn classify_header(text: &str) -> Option<ColumnKind> {
    /// Texts remembered per thread; the memo starts again when full.
    const MEMO_TEXTS: usize = 4096;
    thread_local! {
        static MEMO: RefCell<HashMap<Box<str>, Option<ColumnKind>>> = RefCell::default();
    }
    // Prose (a progress cell in the rows scanned for a header) is never a header, even
    // with a long bracketed hint: neither normalised nor remembered.
    if text.len() > MAX_HEADER_BYTES {
        return None;
    }
    // A sentence (另有一行没有序号。) is not a header cell, whatever words it holds.
    if text.trim_end().ends_with(['。', '；', ';']) {
        return None;
    }
    MEMO.with_borrow_mut(|memo| {
        if let Some(kind) = memo.get(text) {
            return *kind;
        }
        let kind = classify_header_text(text);
        if memo.len() >= MEMO_TEXTS {
            memo.clear();
        }
        memo.insert(text.into(), kind);
        kind
    })
}

/// Tick columns beside 已完成 (a synonym of its own): one per status, the box ticked
/// under the one that applies. Whole headers only: 未完成原因 is not a tick column.
const TICK_HEADERS: &[&str] = &[
    "正在推进",
    "推进中",
    "未启动",
    "未完成",
    "长期坚持",
    "不涉及",
];

/// [`classify_header`] worked out (for a text of at most `MAX_HEADER_BYTES`).
fn classify_header_text(text: &str) -> Option<ColumnKind> {
    classify_header_words(text).or_else(|| ticked_status_header(text))
}

/// A status word with an instruction to tick it (完成（打√）, 已办结（请勾选）): a tick
/// column of that status, whatever the word.
fn ticked_status_header(text: &str) -> Option<ColumnKind> {
    const TICK_ASKED: [&str; 5] = ["打√", "打勾", "勾选", "划√", "画√"];
    if !TICK_ASKED.iter().any(|w| text.contains(w)) {
        return None;
    }
    let word: String = normalise_header(text)
        .chars()
        .take_while(|c| !"（(【[".contains(*c))
        .collect();
    let word = word.trim();
    (!word.is_empty()
        && word.chars().count() <= 6
        && !matches!(classify_status(word), Status::Unclear))
    .then_some(ColumnKind::StatusTick)
}

/// The column a header's words name ([`classify_header_text`] but for tick requests).
fn classify_header_words(text: &str) -> Option<ColumnKind> {
    let h = normalise_header(text);
    if h.is_empty() {
        return None;
    }
    let synonyms = &*SYNONYMS;
    if let Some(kind) = synonyms.exact.get(h.as_str()) {
        return Some(*kind);
    }
    if TICK_HEADERS.contains(&h.as_str()) {
        return Some(ColumnKind::StatusTick);
    }
    // 是否按期完成, 是否已完成, 是否销号 …: a yes/no completion column.
    if h.starts_with("是否")
        && ["完成", "办结", "到位", "销号"]
            .iter()
            .any(|w| h.contains(w))
    {
        return Some(ColumnKind::StatusYesNo);
    }
    if h.chars().count() > MAX_CONTAINMENT_HEADER {
        return None;
    }
    match contained_kind(&h) {
        Some(ColumnKind::Note) if progress_before_note(&h) => Some(ColumnKind::Progress),
        kind => kind,
    }
}

/// The column a normalised header names by containing a synonym of two or more
/// characters: the longest wins; between equally long ones, the later one (the head
/// noun of a Chinese phrase comes last: 单位角色 is a role); on a full tie, the first
/// listed.
fn contained_kind(h: &str) -> Option<ColumnKind> {
    let synonyms = &*SYNONYMS;
    let mut best: Option<((usize, usize), usize)> = None;
    for m in synonyms.contained.find_overlapping_iter(h) {
        let id = m.pattern().as_usize();
        let rank = (synonyms.chars[id], m.end());
        if best.is_none_or(|(r, b)| rank > r || (rank == r && id < b)) {
            best = Some((rank, id));
        }
    }
    best.map(|(_, id)| synonyms.kinds[id])
}

/// Whether a header names the progress before a note's words (进展情况及下步打算,
/// 目前进展情况及下一步工作打算): the progress column, with the plan after it.
fn progress_before_note(h: &str) -> bool {
    let synonyms = &*SYNONYMS;
    let mut progress_end: Option<usize> = None;
    let mut note_start: Option<usize> = None;
    for m in synonyms.contained.find_overlapping_iter(h) {
        match synonyms.kinds[m.pattern().as_usize()] {
            ColumnKind::Progress => {
                progress_end = Some(progress_end.map_or(m.end(), |e| e.min(m.end())))
            }
            ColumnKind::Note => {
                note_start = Some(note_start.map_or(m.start(), |s| s.max(m.start())))
            }
            _ => {}
        }
    }
    matches!((progress_end, note_start), (Some(e), Some(s)) if e <= s)
}

/// Longest header cell (in UTF-8 bytes) that is classified at all.
const MAX_HEADER_BYTES: usize = 400;

/// [`HEADER_SYNONYMS`] as lookups: exact words, and an automaton over the words of two
/// or more characters for containment (one pass over a cell instead of a search per
/// word).
struct Synonyms {
    exact: HashMap<&'static str, ColumnKind>,
    contained: AhoCorasick,
    kinds: Vec<ColumnKind>,
    chars: Vec<usize>,
}

/// Headers read only when a cell says exactly this: as a part of a longer header they
/// would take it over (任务 is in 任务完成情况, 任务数, 牵头任务).
const EXACT_ONLY_HEADERS: &[(&str, ColumnKind)] = &[
    // A column of the tasks' 简称 or names, headed just 任务.
    ("任务", ColumnKind::Measure),
];

static SYNONYMS: LazyLock<Synonyms> = LazyLock::new(|| {
    let mut exact: HashMap<&str, ColumnKind> = EXACT_ONLY_HEADERS.iter().copied().collect();
    let (mut words, mut kinds, mut chars) = (Vec::new(), Vec::new(), Vec::new());
    for (kind, list) in HEADER_SYNONYMS {
        for w in list.iter() {
            exact.entry(*w).or_insert(*kind);
            let len = w.chars().count();
            if len >= 2 {
                words.push(*w);
                kinds.push(*kind);
                chars.push(len);
            }
        }
    }
    let contained = AhoCorasick::new(&words).expect("header synonyms build an automaton");
    Synonyms {
        exact,
        contained,
        kinds,
        chars,
    }
});

/// Longest status cell (in characters) read by containment; longer text is prose.
const MAX_CONTAINMENT_STATUS: usize = 16;

/// Negation characters: a status word next to one of these is not that status.
const NEGATIONS: &[char] = &['未', '没', '不', '无', '否', '非'];

/// Normalise a status cell to a matching key: NFKC, no whitespace, no punctuation.
fn status_key(text: &str) -> String {
    nfkc_filtered(text, |c| c.is_alphanumeric() || c == '%')
}

/// Words naming an earlier round (上期完成状态, 完成状态（上月）, 上期：已完成).
const EARLIER_ROUND: [&str; 7] = ["上月", "上个月", "上期", "上一期", "上次", "上轮", "前期"];

/// Whether a header or a note's label names an earlier round (上期完成状态, 完成状态（上
/// 月）, 前期完成状态): last round's words, not this round's.
pub fn names_earlier_round(text: &str) -> bool {
    EARLIER_ROUND.iter().any(|w| text.contains(w))
}

/// Whether a header opens with an earlier round's word (上期完成状态 beside 本期完成状态).
pub(crate) fn opens_with_earlier_round(text: &str) -> bool {
    EARLIER_ROUND.iter().any(|w| text.starts_with(w))
}

/// How a 完成进度 that did not decide the status is kept in a record's note (read back
/// by `merge::doubt::percent_disagrees`).
pub const PERCENT_LABEL: &str = "完成进度：";

/// Percentage form: "100%" → Completed, "0%" → NotStarted, 1–99% → InProgress.
fn status_from_percent(key: &str) -> Option<Status> {
    let num = key.strip_suffix('%')?;
    let v: f64 = num.parse().ok()?;
    if !(0.0..=100.0).contains(&v) {
        return None;
    }
    Some(if v >= 100.0 {
        Status::Completed
    } else if v <= 0.0 {
        Status::NotStarted
    } else {
        Status::InProgress
    })
}

fn exact_status(key: &str) -> Option<Status> {
    Status::REPORTED
        .into_iter()
        .find(|&s| s.words().contains(&key))
        .or_else(|| {
            WHOLE_CELL_WORDS
                .iter()
                .find(|(_, words)| words.contains(&key))
                .map(|&(status, _)| status)
        })
}

/// A cell of clauses (初稿已完成，正在修改) that are not each a status word as a whole
/// (已完成，长期坚持 is two): a sentence of progress, however short.
pub fn is_clauses_of_progress(text: &str) -> bool {
    let parts: Vec<&str> = text
        .split(['，', ',', '。', '；', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() > 1 && parts.iter().any(|p| exact_status(&status_key(p)).is_none())
}

/// Classify the text of a status column (完成状态 …). Unrecognised or blank → `Unclear`.
pub fn classify_status(text: &str) -> Status {
    let status = classify_status_words(text);
    if status == Status::Completed
        && completion_qualified(&nfkc_filtered(text, |c| !c.is_whitespace()))
    {
        return Status::InProgress;
    }
    // 我镇无此类问题, 无该项任务: a short cell saying the task is not the unit's, in words
    // the status vocabulary lacks (its 无 would read as a negation).
    if status == Status::Unclear && says_not_applicable(&status_key(text)) {
        return Status::NotApplicable;
    }
    status
}

/// [`classify_status`] by the status words alone.
fn classify_status_words(text: &str) -> Status {
    let key = status_key(text);
    if key.is_empty() {
        return Status::Unclear;
    }
    // 45.5%: the key drops the point, so the percentage is read from the text.
    let percent = || {
        key.chars()
            .all(|c| c.is_ascii_digit() || c == '%')
            .then(|| {
                status_from_percent(&nfkc_filtered(text, |c| {
                    c.is_ascii_digit() || c == '.' || c == '%'
                }))
            })
            .flatten()
    };
    if let Some(s) = exact_status(&key).or_else(percent) {
        return s;
    }
    if let Some(s) = status_of_clauses(text) {
        return s;
    }
    // 完成情况良好: a word on how the work went, no status.
    if key.contains("完成情况") {
        return Status::Unclear;
    }
    let chars: Vec<char> = key.chars().collect();
    // A date's digits do not count (正在推进，预计2021年3月底前完成 is a short answer).
    if chars.iter().filter(|c| !c.is_ascii_digit()).count() > MAX_CONTAINMENT_STATUS {
        return Status::Unclear;
    }
    // Greedy longest-first: mark the characters each matched word covers.
    let mut words: Vec<(&str, Status)> = Status::REPORTED
        .into_iter()
        .flat_map(|s| s.words().iter().map(move |w| (*w, s)))
        .collect();
    words.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
    let mut covered = vec![false; chars.len()];
    let mut found: Vec<Status> = Vec::new();
    for (w, s) in words {
        let wc: Vec<char> = w.chars().collect();
        let mut i = 0;
        while i + wc.len() <= chars.len() {
            if chars[i..i + wc.len()] == wc[..] && !covered[i..i + wc.len()].iter().any(|&c| c) {
                covered[i..i + wc.len()].iter_mut().for_each(|c| *c = true);
                if !found.contains(&s) {
                    found.push(s);
                }
                i += wc.len();
            } else {
                i += 1;
            }
        }
    }
    // A negation outside the matched words (未完成, 没有完成, 不再推进) voids the match.
    let negated = chars
        .iter()
        .zip(&covered)
        .any(|(c, &cov)| !cov && NEGATIONS.contains(c));
    if negated {
        return Status::Unclear;
    }
    // A completion planned or owed (预计12月底完成, 12月底前完成, 待完成) or a stage of
    // the task done (已完成初稿): not completed.
    if found.contains(&Status::Completed) {
        if let Some(s) = completion_not_yet(&key, &found) {
            return s;
        }
    }
    // A percentage below 100 next to 完成 (完成80%) is not completed.
    if found == [Status::Completed] {
        if let Some(p) = percent_in(&key) {
            if p < 100.0 {
                return Status::InProgress;
            }
        }
    }
    // 正在推进（完成80%）: the share done says the same as the word.
    if found.len() == 2
        && found.contains(&Status::InProgress)
        && found.contains(&Status::Completed)
        && percent_in(&key).is_some_and(|p| p < 100.0)
    {
        return Status::InProgress;
    }
    match found.as_slice() {
        [s] => *s,
        [a, b] if [*a, *b].contains(&Status::Completed) && [*a, *b].contains(&Status::Ongoing) => {
            Status::Completed
        }
        _ => Status::Unclear,
    }
}

/// A short status cell of two or more clauses each a status (已完成，整改中; 正在推进，
/// 预计12月底完成): their status read clause by clause, so words across the comma do
/// not run into one (已完成整改 + 中). Clauses that agree give their status, a
/// completion kept up is a completion, a completion beside work under way or not
/// started is unclear (session 57 review a 1). `None` when a clause is no status.
fn status_of_clauses(text: &str) -> Option<Status> {
    // (A clause on how the work went, 完成情况良好, says no status: left out.)
    let parts: Vec<&str> = text
        .split(['，', ',', '；', ';', '。'])
        .map(str::trim)
        .filter(|p| !status_key(p).is_empty() && !p.contains("完成情况"))
        .collect();
    if parts.len() == 1 && text.contains("完成情况") {
        return Some(classify_status_words(parts[0]));
    }
    if parts.len() < 2 {
        return None;
    }
    let mut found: Vec<Status> = Vec::new();
    for p in parts {
        let s = classify_status_words(p);
        if s == Status::Unclear {
            return None;
        }
        if !found.contains(&s) {
            found.push(s);
        }
    }
    Some(match found.as_slice() {
        [s] => *s,
        [a, b] if [*a, *b].contains(&Status::Completed) && [*a, *b].contains(&Status::Ongoing) => {
            Status::Completed
        }
        // 已完成阶段性任务，长期坚持 and the like: read as a whole.
        [a, b] if [*a, *b].contains(&Status::InProgress) && [*a, *b].contains(&Status::Ongoing) => {
            return None
        }
        _ => Status::Unclear,
    })
}

/// Words before a 完成 saying it is near or due soon (即将完成, 近期完成, 年内完成,
/// 接近完成): not done yet, under way.
const NEAR_CUES: [&str; 6] = ["即将", "近期", "年内", "接近", "尽快", "马上"];

/// For a short status cell naming a completion (`found` holds `Completed`): the status
/// when that completion is not a fact. A plan (预计 / 力争 / 确保 …, or a bare 完成 after
/// a time: 12月底前完成, 年底完成) is under way; an owed one (待 / 需 / 原定 …) is
/// unclear unless the cell also says under way; 已完成 of a stage (初稿, 招标, 前期工作)
/// is under way.
fn completion_not_yet(key: &str, found: &[Status]) -> Option<Status> {
    // Each 完成 that is not stated done (已完成, 已全部完成, 已按期完成): what comes before
    // it says whether it is planned or owed.
    let mut planned = false;
    for (i, _) in key.match_indices("完成") {
        let before = &key[..i];
        // 已 earlier in the clause states it done (已于9月底完成, 已提前完成, 已全部完成).
        let clause = before
            .rsplit([',', '，', ';', '；'])
            .next()
            .unwrap_or(before);
        let done =
            clause.contains('已') || ["全面", "提前", "如期"].iter().any(|w| before.ends_with(w));
        if done {
            continue;
        }
        if STATUS_DOUBT_CUES.iter().any(|c| before.contains(c)) {
            return Some(if found.contains(&Status::InProgress) {
                Status::InProgress
            } else {
                Status::Unclear
            });
        }
        planned |= STATUS_PLAN_CUES.iter().any(|c| before.contains(c))
            || NEAR_CUES.iter().any(|c| before.ends_with(c))
            || ["月", "年底", "前", "底", "日"]
                .iter()
                .any(|w| before.ends_with(w));
    }
    if planned {
        return Some(Status::InProgress);
    }
    let staged = key.match_indices("完成").any(|(i, w)| {
        let after = &key[i + w.len()..];
        PARTIAL_STAGES.iter().any(|s| after.starts_with(s))
    });
    // 已完成阶段性任务，长期坚持: a stage done of a task kept up.
    staged.then_some(if found.contains(&Status::Ongoing) {
        Status::Ongoing
    } else {
        Status::InProgress
    })
}

/// The percentage a short cell writes with words around it (约60%, 90%以上,
/// 100%（已验收）): the first number directly followed by %.
pub fn percent_written(text: &str) -> Option<f64> {
    let key = status_key(text);
    (key.chars().count() <= MAX_CONTAINMENT_STATUS)
        .then(|| percent_in(&key))
        .flatten()
}

/// The first number directly followed by % in `key`.
fn percent_in(key: &str) -> Option<f64> {
    let pos = key.find('%')?;
    let before = &key[..pos];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    before[start..].parse().ok()
}

/// Progress text that says nothing: blank, 无, 暂无, /, -, —.
fn says_nothing(text: &str) -> bool {
    let key = status_key(text);
    key.is_empty() || ["无", "暂无", "略", "空"].contains(&key.as_str())
}

/// A cell's yes, upper-cased: 是, Y, YES, and TRUE (an Excel logical value: a check box
/// linked to its cell).
const YES_WORDS: [&str; 4] = ["是", "Y", "YES", "TRUE"];
/// A cell's no, upper-cased: 否, N, NO, FALSE.
const NO_WORDS: [&str; 4] = ["否", "N", "NO", "FALSE"];

/// Whether a cell holds only a yes or no answer (是 / 否, a tick or a cross).
pub fn is_yes_no_word(text: &str) -> bool {
    let upper = status_key(text).to_uppercase();
    YES_WORDS.contains(&upper.as_str())
        || NO_WORDS.contains(&upper.as_str())
        || (upper.is_empty() && text.contains(['√', '✓', '✔', '☑', '×', '✗', '✘']))
}

/// Words that say only "not completed" (未完成, 尚未完成), as a status cell's answer.
const NOT_DONE_WORDS: [&str; 6] = [
    "未完成",
    "尚未完成",
    "没有完成",
    "还未完成",
    "暂未完成",
    "未全部完成",
];

/// The status of a 未完成 answer (work may or may not have started) from the progress
/// beside it, when that says the work is under way, not started or standing
/// (未完成 beside 正在施工，预计12月底完工 is under way). The unit has said the task
/// is not done, so a clause saying so is enough: the progress's status, else the one
/// status its short clauses state, plans (预计12月底完工) left out. `None` for another
/// cell, or a progress text that does not say (尚有2处未清理) or claims completion.
pub fn not_done_by_progress(text: &str, progress: &str) -> Option<Status> {
    if !NOT_DONE_WORDS.contains(&status_key(text).as_str()) {
        return None;
    }
    let by_clauses = || {
        let mut said = progress
            .split(['，', '。', '；', ',', ';', '\n'])
            .map(str::trim)
            .filter(|c| {
                !c.is_empty()
                    && c.chars().count() <= MAX_CONTAINMENT_STATUS
                    && !STATUS_PLAN_CUES.iter().any(|p| c.contains(p))
            })
            .map(classify_status)
            .filter(|s| *s != Status::Unclear);
        let first = said.next()?;
        said.all(|s| s == first).then_some(first)
    };
    status_from_progress(progress)
        .or_else(by_clauses)
        .filter(|s| matches!(s, Status::InProgress | Status::NotStarted | Status::Ongoing))
}

/// The status option a unit marked in a paragraph listing the options (已完成/正在推进/
/// 未启动, 已完成 正在推进 未启动, 已完成□正在推进□): the one option its marked runs
/// (highlighted, shaded, coloured) cover, when every part of the paragraph is a status
/// option, two or more different ones, and exactly one is marked. `None` otherwise: a
/// progress text with a number in red is left as written. The reader of Word returns
/// gives the paragraph and the byte ranges of its marked runs (`format/docx.rs`).
pub fn marked_status_option(text: &str, marked: &[std::ops::Range<usize>]) -> Option<String> {
    if marked.is_empty() || text.chars().count() > 40 {
        return None;
    }
    let is_separator = |c: char| c.is_whitespace() || "/／、|｜,，;；□☐■◇○".contains(c);
    let mut parts: Vec<(std::ops::Range<usize>, Status)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_separator(c), start) {
            (false, None) => start = Some(i),
            (true, Some(from)) => {
                let status = classify_status(&text[from..i]);
                if status == Status::Unclear {
                    return None;
                }
                parts.push((from..i, status));
                start = None;
            }
            _ => {}
        }
    }
    let distinct = parts
        .iter()
        .map(|(_, s)| *s)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    if parts.len() < 2 || distinct < 2 {
        return None;
    }
    let covered = |r: &std::ops::Range<usize>| {
        let bytes: usize = marked
            .iter()
            .map(|m| m.end.min(r.end).saturating_sub(m.start.max(r.start)))
            .sum();
        bytes * 2 > r.len()
    };
    let mut chosen = parts.iter().filter(|(r, _)| covered(r));
    let (range, _) = chosen.next()?;
    chosen
        .next()
        .is_none()
        .then(|| text[range.clone()].to_string())
}

/// Classify a 是否完成 column: 是 / 已完成 → Completed. 否 (or ×) → NotStarted when the
/// progress text is blank, says nothing, or reports no progress (暂未开展, 尚未…); otherwise the status the progress text clearly states
/// (in progress, ongoing, not started); otherwise `InProgress` (not completed, and the
/// unit describes work done). A 否 whose progress text
/// claims completion is contradictory → `Unclear`. Other words go through
/// [`classify_status`]; a blank cell falls back to the progress text.
pub fn classify_yes_no(text: &str, progress: &str) -> Status {
    // 否（正在推进）, 否，预计12月底完成, 是/长期: the answer and the status beside it.
    if let Some((yes, rest)) = annotated_answer(text) {
        let beside = if rest.starts_with("长期") {
            Status::Ongoing
        } else {
            classify_status(rest)
        };
        return match (yes, beside) {
            (true, Status::Ongoing) => Status::Ongoing,
            (true, Status::InProgress | Status::NotStarted) => Status::Unclear,
            (true, _) => Status::Completed,
            (false, s @ (Status::InProgress | Status::NotStarted | Status::Ongoing)) => s,
            // Not done, and a word the status list does not know (a plan, a reason).
            (false, _) => Status::InProgress,
        };
    }
    let key = status_key(text);
    let upper = key.to_uppercase();
    if YES_WORDS.contains(&upper.as_str())
        || matches!(upper.as_str(), "已" | "对")
        || text.contains(['√', '✓', '✔', '☑'])
    {
        return Status::Completed;
    }
    if is_no_answer(text) {
        // 否 beside 见附件: what it points to was not read (second review c 4).
        if refers_elsewhere(progress) {
            return Status::Unclear;
        }
        // 否 alone, or beside 无 or 暂未开展, is not started (DOMAIN.md: 否 in a 是否完成
        // column with no progress text; adv55 b 6: it was 待核实).
        if status_key(progress).is_empty()
            || says_nothing(progress)
            || reports_no_progress(progress)
        {
            return Status::NotStarted;
        }
        // 否 beside a description of the work: not completed, under way. A progress
        // text that claims completion contradicts it: unclear.
        return match status_from_progress(progress) {
            Some(Status::Completed) => Status::Unclear,
            None => Status::InProgress,
            Some(s) => s,
        };
    }
    if key.is_empty() {
        return status_from_progress(progress).unwrap_or(Status::Unclear);
    }
    // 未完成 beside 正在施工: under way, as the text says.
    not_done_by_progress(text, progress).unwrap_or_else(|| classify_status(text))
}

/// A 是否完成 answer with words after it (否（正在推进）, 是/长期): whether it is 是, and
/// the words.
fn annotated_answer(text: &str) -> Option<(bool, &str)> {
    let t = text.trim();
    let (yes, rest) = match t.chars().next()? {
        '是' => (true, &t['是'.len_utf8()..]),
        '否' => (false, &t['否'.len_utf8()..]),
        _ => return None,
    };
    let rest = rest
        .strip_prefix([
            '（', '(', '，', ',', '/', '、', '；', ';', '：', ':', '-', ' ',
        ])?
        .trim_end_matches(['）', ')', '。'])
        .trim();
    (!rest.is_empty()).then_some((yes, rest))
}

/// Whether a 是否完成 cell answers no: 否 N NO X 未, or only a cross (× ✗ ✘).
pub fn is_no_answer(text: &str) -> bool {
    let key = status_key(text);
    let upper = key.to_uppercase();
    NO_WORDS.contains(&upper.as_str())
        || matches!(upper.as_str(), "X" | "未" | "未完成" | "没完成")
        || (key.is_empty() && text.contains(['×', '✗', '✘']))
}

/// Marks that tick a box or a column: check marks, a checked or crossed box (Word's
/// check box shows ☒ when checked), a filled square or dot.
const TICKED: &[char] = &['√', '✓', '✔', '☑', '☒', '■', '●', '▣', '✅', '◼', '⬛'];
/// Empty boxes and rings: an option not ticked.
const UNTICKED: &[char] = &['□', '☐', '○', '◯', '◻', '⬜'];

/// Whether a cell of a tick column (已完成 / 正在推进 / 未启动 columns) ticks it: a
/// mark of [`TICKED`], or 是 / Y / 1 / 对.
pub fn is_tick_mark(text: &str) -> bool {
    if text.contains(TICKED) {
        return true;
    }
    let key = status_key(text).to_uppercase();
    // Ü Þ P R: a check mark typed in a Wingdings font (ü, þ) or Wingdings 2 (P, R), which
    // a spreadsheet reader sees as the letter.
    YES_WORDS.contains(&key.as_str()) || matches!(key.as_str(), "1" | "对" | "Ü" | "Þ" | "P" | "R")
}

/// Whether a cell lists options with boxes (☑已完成 □正在推进 □未启动, 是（ ）否（√）): two
/// boxes or more, one of them empty.
pub fn lists_options(text: &str) -> bool {
    option_boxes(&bracket_boxes(text)).is_some()
}

fn is_box(c: &char) -> bool {
    TICKED.contains(c) || UNTICKED.contains(c)
}

/// Where the boxes are in a cell's characters ([`bracket_boxes`]) when it lists options:
/// two boxes or more, one of them empty.
fn option_boxes(chars: &[char]) -> Option<Vec<usize>> {
    let boxes: Vec<usize> = (0..chars.len()).filter(|&i| is_box(&chars[i])).collect();
    (boxes.len() >= 2 && boxes.iter().any(|&i| UNTICKED.contains(&chars[i]))).then_some(boxes)
}

/// The one option ticked in a cell that lists options with boxes, as forms print them
/// (☑已完成 □正在推进 □未启动, or 已完成□ 未完成☑ with the boxes after): the ticked
/// option's words. `None` when the cell has fewer than two boxes, or no option or more
/// than one is ticked.
pub fn ticked_option(text: &str) -> Option<String> {
    let chars = bracket_boxes(text);
    let boxes = option_boxes(&chars)?;
    // The boxes come before their options unless the text ends with a box and does not
    // start with one.
    let first = chars.iter().position(|c| !c.is_whitespace())?;
    let last = chars.iter().rposition(|c| !c.is_whitespace())?;
    let after = !is_box(&chars[first]) && is_box(&chars[last]);
    let mut ticked = boxes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| TICKED.contains(&chars[b]));
    let (k, &b) = ticked.next()?;
    if ticked.next().is_some() {
        return None;
    }
    let span = if after {
        let start = if k == 0 { 0 } else { boxes[k - 1] + 1 };
        start..b
    } else {
        b + 1..boxes.get(k + 1).copied().unwrap_or(chars.len())
    };
    let label: String = chars[span].iter().collect();
    let label = label
        .trim()
        .trim_matches(['，', ',', '；', ';', '、'])
        .trim();
    (!label.is_empty()).then(|| label.to_string())
}

/// The characters of a cell with options in brackets turned into boxes, as forms typed
/// without box characters write them: 是（ ）否（√）, 已完成[ ] 正在推进[×] → 是□否☑,
/// 已完成□ 正在推进☑. A bracket holding nothing is an empty box, one holding a single
/// mark (√ × x * ●) a ticked one; other brackets stay as written.
fn bracket_boxes(text: &str) -> Vec<char> {
    const MARKS: &[char] = &[
        '√', '✓', '✔', '×', 'x', 'X', '✗', '✘', '*', '●', '■', '☑', '☒',
    ];
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let close = match chars[i] {
            '（' => Some('）'),
            '(' => Some(')'),
            '[' => Some(']'),
            '【' => Some('】'),
            _ => None,
        };
        if let Some(close) = close {
            if let Some(len) = chars[i + 1..].iter().take(5).position(|&c| c == close) {
                let inner: Vec<char> = chars[i + 1..i + 1 + len]
                    .iter()
                    .copied()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let boxed = match inner[..] {
                    [] => Some('□'),
                    [m] if MARKS.contains(&m) => Some('☑'),
                    _ => None,
                };
                if let Some(b) = boxed {
                    out.push(b);
                    i += len + 2;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Classify an 已完成 tick column: √ ✓ ✔ ☑ 是 Y → Completed; blank → None; a cross
/// (× ✗ 否 N) → None (not completed, but whether work started is for other columns to
/// say); a recognised status word → that status; anything else → None.
pub fn classify_tick(text: &str) -> Option<Status> {
    if is_tick_mark(text) {
        return Some(Status::Completed);
    }
    if status_key(text).is_empty() {
        return None;
    }
    match classify_status(text) {
        Status::Unclear => None,
        s => Some(s),
    }
}

/// Whether `rest` (text following a completion phrase) ends the claim: end of text,
/// punctuation, or a word that only restates the whole task (整改, 该项任务 …).
fn completion_claim_ends(rest: &str) -> bool {
    const RESTATING: &[&str] = &[
        "问题整改",
        "整改任务",
        "该项任务",
        "该项整改",
        "整改工作",
        "整改",
        "任务",
    ];
    let rest = rest.trim_start();
    let rest = RESTATING
        .iter()
        .chain(COMPLETION_KEPT_UP)
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    // 已完成并经区政府批复, 已全部完成并通过验收: what followed the work done, unless it
    // is still to come (并正在验收, 并将于12月报批, 并待审批).
    if let Some(more) = rest.strip_prefix(['并', '且']) {
        let clause = more
            .split([',', '。', ';', '，', '；'])
            .next()
            .unwrap_or(more);
        return !crate::model::status::UNFINISHED_CLAIMS
            .iter()
            .chain(crate::model::status::PLANNED_CUES)
            .chain(&["将", "待", "拟", "需"])
            .any(|w| clause.contains(w));
    }
    match rest.chars().next() {
        None => true,
        Some(c) => !c.is_alphanumeric(),
    }
}

/// The status a free progress text clearly states, or `None`. Conservative:
/// - completed only when the text opens with a completion claim that stands alone
///   (已完成。 已全面完成整改， 已于2020年9月30日完成 …), not 已完成前期工作;
/// - ongoing / in progress / not started when the text opens with such a word;
/// - not started when it contains 尚未开展 / 尚未启动 and no other status word;
/// - the whole text being a status word;
/// - each of these after a lead-in (目前 现 截至目前 截至11月30日，…);
/// - not applicable (不涉及) when a short text says so (我镇不涉及此项工作, 经排查，
///   本街道无此项任务) and names no other status;
/// - else the status a short last clause states as the text's conclusion (…，该项工作
///   已于10月底完成。 …，目前正在加快推进。 …，长期坚持。);
/// - in a log kept by month (9月：…；10月：…；11月：…), what its last entry states.
pub fn status_from_progress(text: &str) -> Option<Status> {
    let n: String = nfkc_filtered(text, |c| !c.is_whitespace());
    if n.is_empty() {
        return None;
    }
    log_entry(&n)
        .and_then(status_of_entry)
        .or_else(|| status_of_entry(&n))
}

/// The last entry of a progress log kept by month (9月：…；10月：…；11月：…已完成。):
/// the text after its last month marker, when the text opens with one and has two or
/// more. `n` is NFKC without whitespace, so the lines run together.
fn log_entry(n: &str) -> Option<&str> {
    // Cheap bail-out: a log opens with its first month.
    if !n.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut last = month_marker(n)?;
    let mut markers = 1;
    for (i, c) in n.char_indices() {
        if matches!(c, ';' | '。' | ',') {
            let at = i + c.len_utf8();
            if let Some(len) = month_marker(&n[at..]) {
                last = at + len;
                markers += 1;
            }
        }
    }
    (markers >= 2).then(|| &n[last..]).filter(|e| !e.is_empty())
}

/// The length of a month marker opening `s` (9月: 10月份: 11月20日: 2020年11月:), colon
/// included.
fn month_marker(s: &str) -> Option<usize> {
    fn digits(s: &str, most: usize) -> usize {
        let d = s.bytes().take_while(u8::is_ascii_digit).count();
        if d <= most {
            d
        } else {
            0
        }
    }
    let mut at = 0;
    let year = digits(s, 4);
    if year == 4 && s[4..].starts_with('年') {
        at = 4 + '年'.len_utf8();
    }
    let month = digits(&s[at..], 2);
    if month == 0 || !s[at + month..].starts_with('月') {
        return None;
    }
    at += month + '月'.len_utf8();
    let day = digits(&s[at..], 2);
    if day > 0 {
        let rest = &s[at + day..];
        let unit = ['日', '号'].into_iter().find(|u| rest.starts_with(*u))?;
        at += day + unit.len_utf8();
    }
    if s[at..].starts_with('份') {
        at += '份'.len_utf8();
    }
    s[at..].starts_with(':').then_some(at + 1)
}

/// The status a text (NFKC, no whitespace) or one entry of a log states.
fn status_of_entry(e: &str) -> Option<Status> {
    bracket_tag(e).or_else(|| {
        opening_status(e)
            .or_else(|| completed_and_kept_up(e))
            .or_else(|| concluding_status(e))
            .or_else(|| closing_claim(e))
            .or_else(|| says_not_applicable(e).then_some(Status::NotApplicable))
            .or_else(|| completed_percent(e))
            .or_else(|| subject_status(e))
            .or_else(|| done_with_its_object(e))
            .map(|s| match s {
                Status::Completed if completion_qualified(e) => Status::InProgress,
                s => s,
            })
            .filter(|s| match s {
                Status::Completed => !work_left_after_first(e),
                Status::InProgress => !claims_task_done_after_first(e),
                _ => true,
            })
            .or_else(|| counted_with_rest_planned(e))
    })
}

/// Words after a 完成 naming the share or part of the work done (已完成一半, 已完成主体
/// 工程, 已完成招投标): a step, not the task.
const SHARE_DONE: [&str; 7] = ["一半", "过半", "大部分", "大半", "主体", "招投标", "大头"];

/// Words in brackets after a completion that leave work to do (已完成（附属设施尚在施
/// 工）, 已完成（部分路段正在施工）).
const WORK_LEFT_IN_BRACKETS: [&str; 13] = [
    "尚在",
    "正在",
    "仍在",
    "尚未",
    "未完成",
    "剩余",
    "还有",
    "尚有",
    "待印发",
    "待审",
    "待批",
    "待出台",
    "待实施",
];

/// Whether a completion `n` (NFKC, no whitespace) states is qualified so the task is
/// still under way (session 57 review a 1, a 3): a share or part done (已完成一半), an
/// exception (除圣水湖片区42座外已全部完成), or work left named in brackets (已完成（附
/// 属设施尚在施工）).
pub(crate) fn completion_qualified(n: &str) -> bool {
    let share = n.match_indices("完成").any(|(i, w)| {
        let after = &n[i + w.len()..];
        SHARE_DONE.iter().any(|s| after.starts_with(s))
    });
    let except = n.starts_with('除') && n.contains('外');
    let bracketed = n.split(['(', '（', '[', '【']).skip(1).any(|part| {
        let inner = part.split([')', '）', ']', '】']).next().unwrap_or(part);
        WORK_LEFT_IN_BRACKETS.iter().any(|w| inner.contains(w))
    });
    share || except || bracketed
}

/// A count of work done, then the rest planned (已清理开垦点位4处，剩余1处已约谈当事人，
/// 计划12月中旬完成。): under way (adv51 a 5). Not when a clause claims the whole task
/// done (已全部完成，尚有3处未整改: a claim taken back, to check).
fn counted_with_rest_planned(n: &str) -> Option<Status> {
    let all: Vec<&str> = clauses(n).collect();
    let first = strip_lead_in(all.first()?).unwrap_or(all[0]);
    let counted = first.starts_with('已') && first.chars().any(|c| c.is_ascii_digit());
    let rest_at = all.iter().position(|c| {
        WORK_LEFT[..4]
            .iter()
            .chain(&["其余", "另有", "剩下"])
            .any(|w| c.contains(w))
    })?;
    // When the rest will be done (计划12月中旬完成, 预计年底前完工).
    let planned = all[rest_at..]
        .iter()
        .any(|c| STATUS_PLAN_CUES.iter().any(|w| c.contains(w)));
    let claimed = all
        .iter()
        .any(|c| claims_task_done(c) || c.contains("全部"));
    (counted && rest_at > 0 && planned && !claimed).then_some(Status::InProgress)
}

/// Whether a clause after the first claims the whole task done (正在推进…，该项工作已全部
/// 完成。): a text saying both, to check (待核实).
fn claims_task_done_after_first(n: &str) -> bool {
    clauses(n).skip(1).any(claims_task_done)
}

/// Whether a clause claims the task done as a whole (该项工作已全部完成, 已完成): a
/// completion claim after at most a lead-in, not a part's (管网铺设已完成).
fn claims_task_done(c: &str) -> bool {
    let c = strip_lead_in(c).unwrap_or(c);
    opening_status(c) == Some(Status::Completed)
}

/// Words of a clause saying some of the work is still to do (剩余2处, 尚有3处未整改,
/// 仍有…).
const WORK_LEFT: [&str; 6] = ["剩余", "尚有", "仍有", "还有", "未整改", "未完成"];

/// Whether a clause after the first says work is left or under way (已全部完成，尚有3处
/// 未整改。 已完成整改，剩余2处正在整改。): a claim of completion that the text itself
/// takes back, to check (待核实).
fn work_left_after_first(n: &str) -> bool {
    clauses(n)
        .skip(1)
        .any(|c| names_work_under_way(c) || WORK_LEFT.iter().any(|w| c.contains(w)))
}

/// The clauses of `n` (NFKC, no whitespace), split at ， 。 ； ！.
fn clauses(n: &str) -> impl Iterator<Item = &str> {
    n.split([',', '。', ';', '!', '，', '；', '！'])
        .filter(|c| !c.is_empty())
}

/// Whether a clause names work not started (未启动, 尚未开展).
fn names_not_started(c: &str) -> bool {
    Status::NotStarted
        .words()
        .iter()
        .chain(NOT_STARTED_ANYWHERE)
        .any(|w| c.contains(w))
}

/// Whether a clause names work under way: 正在 (not describing a thing: 正在建设的项目)
/// or an in-progress word (推进中, 基本完成, 已开工).
fn names_work_under_way(c: &str) -> bool {
    let going = c
        .match_indices("正在")
        .any(|(i, w)| !c[i + w.len()..].contains('的'));
    going
        || Status::InProgress.words().iter().any(|w| {
            c.match_indices(w)
                .any(|(i, w)| !c[i + w.len()..].starts_with('的'))
        })
}

/// Words of a clause that keeps done work up (并长期坚持, 长期坚持开展巡查, 并将常态化
/// 开展): not 持续推进, which also says work is still under way.
const KEPT_UP_WORDS: [&str; 3] = ["长期坚持", "长期保持", "常态化"];

/// Whether a clause keeps the work up ([`KEPT_UP_WORDS`] after a joining word).
fn keeps_up(c: &str) -> bool {
    let c = [
        "下一步将",
        "下步将",
        "今后将",
        "后续将",
        "今后",
        "下一步",
        "后续",
        "并将",
        "并",
        "且",
        "将",
    ]
    .iter()
    .find_map(|w| c.strip_prefix(w))
    .unwrap_or(c);
    KEPT_UP_WORDS.iter().any(|w| c.starts_with(w))
}

/// A text whose first clause is work done and whose later clause keeps it up
/// (已建立分散式畜禽养殖长效管理机制，并长期坚持。 已完成饮用水源保护区划定，长期坚持开展
/// 水源地巡查。): 已完成并长期坚持, which counts as completed; ongoing when the work done
/// is a part or a stage, or no completion (已完成阶段性任务，长期坚持。 开展巡查12次，并长期
/// 坚持。). Neither when a clause names work under way or not started.
fn completed_and_kept_up(n: &str) -> Option<Status> {
    let all: Vec<&str> = clauses(n).collect();
    let (first, rest) = all.split_first()?;
    let first = strip_lead_in(first).unwrap_or(first);
    if !rest.iter().any(|c| keeps_up(c)) {
        return None;
    }
    let done_words = WHOLE_CELL_WORDS
        .iter()
        .filter(|(s, _)| *s == Status::Completed)
        .flat_map(|(_, words)| words.iter());
    let done = std::iter::once(&"已完成")
        .chain(done_words)
        .any(|w| first.starts_with(w) || first.ends_with(w));
    let busy = all
        .iter()
        .any(|c| names_work_under_way(c) || names_not_started(c));
    if busy {
        return None;
    }
    // 已建立联动执法机制，该项工作已完成，今后长期坚持: the task claimed done before it
    // is kept up (adv51 a 2).
    let claimed = rest
        .iter()
        .take_while(|c| !keeps_up(c))
        .any(|c| claims_task_done(c));
    if claimed {
        return Some(Status::Completed);
    }
    Some(if done && !PART_WORDS.iter().any(|w| first.contains(w)) {
        Status::Completed
    } else {
        Status::Ongoing
    })
}

/// Words between 已 and 完成 that make the completion a part's or a stage's (已基本完成,
/// 已部分完成) or deny it (已…未完成).
const NOT_WHOLE_COMPLETION: [&str; 6] = ["基本", "部分", "初步", "阶段", "未", "尚"];

/// Words a clause closes on when the work it names is done (…已编制完成, 已于11月完工,
/// 养殖场已取缔, 设施已建成投用), longest first where one ends another.
const DONE_ENDINGS: [&str; 23] = [
    "完成",
    "完毕",
    "通过专家评审",
    "通过评审",
    "通过验收",
    "完工",
    "竣工验收",
    "竣工",
    "验收合格",
    "建成投用",
    "建成投运",
    "全部建成",
    "建成",
    "投入使用",
    "投用",
    "投运",
    "取缔",
    "拆除",
    "关停",
    "印发实施",
    "印发",
    "出台",
    "销号",
];

/// A clause closing on completion after its subject (…专项规划已编制完成, 管网已于10月底
/// 改造完成, …工作已完成): the subject, possibly empty.
fn completed_close(c: &str) -> Option<&str> {
    if let Some(before) = CLOSING_CLAIMS.iter().find_map(|w| c.strip_suffix(w)) {
        return Some(before);
    }
    let body = DONE_ENDINGS.iter().find_map(|w| c.strip_suffix(w))?;
    if let Some(at) = body.rfind('已') {
        let middle = &body[at + '已'.len_utf8()..];
        return (middle.chars().count() <= 14
            && !NOT_WHOLE_COMPLETION.iter().any(|w| middle.contains(w)))
        .then_some(&body[..at]);
    }
    // 该工程于2020年10月底完成: a day, nothing else, between 于 and 完成.
    let at = body.rfind('于')?;
    let day = &body[at + '于'.len_utf8()..];
    (day.starts_with(|c: char| c.is_ascii_digit())
        && day
            .chars()
            .all(|c| c.is_ascii_digit() || "年月日号底末初中前.-/".contains(c)))
    .then_some(&body[..at])
}

/// Whether the words before a completion claim leave it the task's: they name no part
/// or stage (一期, 初稿, 其中), no negation, no other work under way or not started.
fn whole_task_subject(before: &str) -> bool {
    let other = [Status::InProgress, Status::NotStarted]
        .iter()
        .flat_map(|s| s.words().iter())
        .any(|w| before.contains(w));
    // 无 is too often a word's own (无害化): only the plain negations.
    let negated = before.contains(['未', '没', '不']);
    !other && !negated && !before.contains("正在") && !PART_WORDS.iter().any(|w| before.contains(w))
}

/// Words of a clause on what is planned, not done (预计12月底完成, 力争年底前完成).
const PLAN_WORDS: [&str; 11] = [
    "预计",
    "计划",
    "力争",
    "争取",
    "拟",
    "将于",
    "确保",
    "下一步",
    "下步",
    "后续",
    "待",
];

/// The status a text's clauses state after their subjects, when nothing else says
/// otherwise (双石污水处理厂扩容工程正在推进，预计2021年3月底前完成。 水质监测预警体系建设
/// 正在有序推进中。 海绵城市专项规划已编制完成，于2020年9月25日印发实施。):
/// - in progress when a clause names work under way and none names work not started
///   or claims the whole task done (…正在推进，其中现状调查已完成; 部分河段已整治完成，
///   其余河段正在推进);
/// - completed when the first clause closes on the whole task's completion and no
///   clause names work under way, planned or not started.
fn subject_status(n: &str) -> Option<Status> {
    let all: Vec<&str> = clauses(n).collect();
    let (first, rest) = all.split_first()?;
    let first = strip_lead_in(first).unwrap_or(first);
    if all.iter().any(|c| names_not_started(c)) {
        return None;
    }
    let planned = |c: &str| PLAN_WORDS.iter().any(|w| c.contains(w));
    let whole_done = |c: &str| {
        let c = strip_lead_in(c).unwrap_or(c);
        opening_status(c) == Some(Status::Completed)
            || completed_close(c).is_some_and(|s| whole_task_subject(s) && !planned(c))
    };
    if all.iter().any(|c| names_work_under_way(c)) {
        // A part done beside work under way (管网铺设已完成，设备正在安装) is progress;
        // the task claimed done beside it is a contradiction.
        return (!all.iter().any(|c| claims_task_done(c))).then_some(Status::InProgress);
    }
    let busy = rest.iter().any(|c| planned(c) || c.contains('未'));
    // 已完成…编制，于10月28日通过专家评审: the work done, then the step closing it.
    let closed_after = || first.starts_with("已完成") && rest.iter().any(|c| whole_done(c));
    ((whole_done(first) || removed_outright(first) || closed_after()) && !busy)
        .then_some(Status::Completed)
}

/// Words of an object done that make it a step of the work, not the work (已完成初步
/// 排查, 已完成实施方案编制, 已完成招标, 已完成规划编制: drafted, not yet approved).
const STEP_WORDS: [&str; 15] = [
    "编制",
    "初步",
    "前期",
    "初稿",
    "方案",
    "招标",
    "设计",
    "可研",
    "立项",
    "选址",
    "调研",
    "摸底",
    "排查",
    "摸排",
    "征求意见",
];

/// A text saying the work named after its completion claim is done, and nothing else
/// (已全面完成辖区河道清漂。 已按时限完成河道“清四乱”工作。 …，并建立长效机制。): the object is
/// short, names no part or step and no count (已完成排查12处 may be a part), and no clause
/// names work under way, planned or not done.
fn done_with_its_object(n: &str) -> Option<Status> {
    const CLAIMS: [&str; 6] = [
        "已全面完成",
        "已全部完成",
        "已按时限完成",
        "已按期完成",
        "已按时完成",
        "已完成",
    ];
    let all: Vec<&str> = clauses(n).collect();
    let (first, rest) = all.split_first()?;
    let first = strip_lead_in(first).unwrap_or(first);
    let object = CLAIMS.iter().find_map(|w| first.strip_prefix(w))?;
    let plain = (2..=20).contains(&object.chars().count())
        && !object.contains(|c: char| c.is_ascii_digit() || c == '%')
        && !PART_WORDS
            .iter()
            .chain(&STEP_WORDS)
            .any(|w| object.contains(w));
    let busy = |c: &str| {
        names_work_under_way(c)
            || names_not_started(c)
            || PLAN_WORDS.iter().any(|w| c.contains(w))
            || c.contains(['未', '尚'])
    };
    (plain && !all.iter().any(|c| busy(c)) && rest.len() <= 1).then_some(Status::Completed)
}

/// Verbs of work that ends by what it does to its object (取缔 a workshop, 拆除 a
/// structure): done once said done.
const REMOVAL_VERBS: [&str; 5] = ["取缔", "关停", "关闭", "拆除", "封堵"];

/// A clause saying a thing was removed outright: 已 (于<day>, 会同…, 依法) then a
/// [`REMOVAL_VERBS`] verb and its object, without a count (已依法取缔石脚迹村家禽宰杀作坊;
/// not 已拆除违规设施3处, which may be part of the work) and nothing between 已 and the
/// verb making it a part's (已部分拆除).
fn removed_outright(c: &str) -> bool {
    let Some(body) = c.strip_prefix('已') else {
        return false;
    };
    REMOVAL_VERBS.iter().any(|v| {
        body.find(v).is_some_and(|at| {
            let (before, object) = (&body[..at], &body[at + v.len()..]);
            before.chars().count() <= 24
                && !NOT_WHOLE_COMPLETION.iter().any(|w| before.contains(w))
                && !object.is_empty()
                && !object
                    .chars()
                    .any(|c| c.is_ascii_digit() || "一二三四五六七八九十两".contains(c))
                && !PART_WORDS.iter().any(|w| object.contains(w))
        })
    })
}

/// A status word in brackets opening the text, as a tag: 【已完成】…, [正在推进]….
fn bracket_tag(n: &str) -> Option<Status> {
    const PAIRS: [(char, char); 5] = [
        ('【', '】'),
        ('[', ']'),
        ('〔', '〕'),
        ('(', ')'),
        ('〖', '〗'),
    ];
    let (open, close) = PAIRS.iter().find(|(o, _)| n.starts_with(*o))?;
    let inner = &n[open.len_utf8()..];
    let tag = &inner[..inner.find(*close)?];
    exact_status(&status_key(tag))
}

/// The status `n` states by its opening, after up to two lead-ins (目前 截至11月30日，);
/// a text opening with work under way (正在起草…, 正在摸排…) is in progress.
fn opening_status(n: &str) -> Option<Status> {
    let once = strip_lead_in(n);
    let twice = once.and_then(strip_lead_in);
    stated_status(n)
        .or_else(|| once.and_then(stated_status))
        .or_else(|| twice.and_then(stated_status))
        .or_else(|| {
            let body = twice.or(once).unwrap_or(n);
            body.starts_with("正在").then_some(Status::InProgress)
        })
}

/// Claims that close a one-clause text on the task's completion (…编制工作已完成。).
const CLOSING_CLAIMS: [&str; 11] = [
    "已完成",
    "已清零",
    "已全部清零",
    "已全部完成",
    "已全面完成",
    "已办结",
    "已整改到位",
    "已整改完毕",
    "已全部整改到位",
    "已全面整改到位",
    "已全部整改完毕",
];

/// Words before a closing claim that make it a part's or a stage's (一期工程已完成,
/// 初稿已完成, 部分已完成): not the task's.
const PART_WORDS: [&str; 12] = [
    "一期", "二期", "首期", "初稿", "前期", "部分", "阶段", "招标", "设计", "其中", "主体", "土建",
];

/// The completion a text of one clause closes on (海绵城市专项规划编制工作已完成。: a
/// whole text, not the last clause of a longer one),
/// unless what comes before names a part, a stage, a negation or other work under way.
fn closing_claim(n: &str) -> Option<Status> {
    let body = n.trim_end_matches([',', '。', ';', '!', '.']);
    if body.contains([',', '。', ';', '!', '，', '；']) {
        return None;
    }
    let before = CLOSING_CLAIMS.iter().find_map(|w| body.strip_suffix(w))?;
    (!before.is_empty() && whole_task_subject(before)).then_some(Status::Completed)
}

/// The longest last clause read as a text's conclusion.
const LAST_CLAUSE_CHARS: usize = 16;

/// The status a text's short last clause states as its conclusion (…，该项工作已于10月
/// 底完成。 …，正在安装设备。), unless the text before it says otherwise: not started
/// after any word of progress (一期正在推进，二期尚未启动), completed after work under
/// way or not started (二期正在施工，一期已完成), ongoing after not started.
fn concluding_status(n: &str) -> Option<Status> {
    let (before, clause) = last_clause(n)?;
    let said = opening_status(clause)?;
    let names = |statuses: &[Status]| {
        statuses
            .iter()
            .flat_map(|s| s.words().iter())
            .any(|w| before.contains(w))
    };
    let contradicted = match said {
        Status::NotStarted => names_progress(before),
        Status::Completed => {
            before.contains("正在") || names(&[Status::InProgress, Status::NotStarted])
        }
        Status::Ongoing => names(&[Status::NotStarted]),
        _ => false,
    };
    (!contradicted).then_some(said)
}

/// A text of two or more clauses (split at ， 。 ； ！) cut before its last, when that
/// is short: the text before it, and the clause.
fn last_clause(n: &str) -> Option<(&str, &str)> {
    let body = n.trim_end_matches([',', '。', ';', '!', '.']);
    let cut = body.rfind([',', '。', ';', '!'])?;
    let (before, last) = (&body[..cut], &body[cut..]);
    let last = last.trim_start_matches([',', '。', ';', '!']);
    // A date's digits count as nothing (该项任务已于2020年9月25日完成 is as short as
    // 该项任务已于9月25日完成).
    let chars = last.chars().filter(|c| !c.is_ascii_digit()).count();
    (!before.is_empty() && !last.is_empty() && chars <= LAST_CLAUSE_CHARS).then_some((before, last))
}

/// 完成80% / 修订完成80% / 已完成100% / 80%: the share a text says is done, as a status.
fn completed_percent(n: &str) -> Option<Status> {
    // A share alone (80%), as a 进度 column of sentences holds it beside them.
    if let Some(digits) = n.strip_suffix('%') {
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return status_of_percent(digits.parse().ok()?);
        }
    }
    n.match_indices("完成").find_map(|(i, w)| {
        let rest = &n[i + w.len()..];
        // 完成整改工作的80%: the share of a named work, within a short clause.
        let rest = rest
            .char_indices()
            .take(12)
            .take_while(|(_, c)| !matches!(c, ',' | '。' | ';' | '，' | '；'))
            .find(|(_, c)| *c == '的')
            .map_or(rest, |(j, c)| &rest[j + c.len_utf8()..]);
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter(|&end| end > 0 && rest[end..].starts_with('%'))?;
        status_of_percent(rest[..digits].parse().ok()?)
    })
}

/// The status `n` (NFKC, no whitespace) states by its opening or as a whole.
fn stated_status(n: &str) -> Option<Status> {
    if n.is_empty() {
        return None;
    }
    let key = status_key(n);
    if let Some(s) = exact_status(&key) {
        return Some(s);
    }
    for w in COMPLETION_CLAIMS {
        if let Some(rest) = n.strip_prefix(w) {
            if completion_claim_ends(rest) {
                return Some(Status::Completed);
            }
        }
    }
    // 已于2020年9月30日完成
    // 已于9月全部整改到位, 已于11月底全部整改完毕
    if let Some(rest) = n.strip_prefix("已于") {
        let done = ["完成", "整改到位", "整改完毕", "清理完毕"]
            .iter()
            .filter_map(|w| rest.find(w).map(|pos| (pos, w.len())))
            .min();
        if let Some((pos, len)) = done {
            let date_part = &rest[..pos];
            let date_part = ["全部", "全面"]
                .iter()
                .find_map(|w| date_part.strip_suffix(w))
                .unwrap_or(date_part);
            let datey = !date_part.is_empty()
                && date_part
                    .chars()
                    .all(|c| c.is_ascii_digit() || "年月日号底末前.-/".contains(c));
            if datey && completion_claim_ends(&rest[pos + len..]) {
                return Some(Status::Completed);
            }
        }
    }
    for s in [Status::NotStarted, Status::InProgress, Status::Ongoing] {
        let mut words: Vec<&str> = s.words().to_vec();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        // Not a word used of a noun (未启动的2处开垦点已全部复绿: session 57 review a 9).
        if words
            .iter()
            .any(|w| n.starts_with(w) && !n[w.len()..].starts_with('的'))
        {
            // "部分完成" and the like open in-progress texts; "未开展" a not-started one.
            return Some(s);
        }
    }
    if NOT_STARTED_ANYWHERE.iter().any(|w| n.contains(w))
        && ![Status::Completed, Status::Ongoing, Status::InProgress]
            .iter()
            .flat_map(|s| s.words().iter())
            .any(|w| n.contains(w))
    {
        return Some(Status::NotStarted);
    }
    None
}

/// How a unit names itself at the head of its progress (我委将长期坚持…).
const SELF_SUBJECTS: [&str; 9] = [
    "我委",
    "我局",
    "我镇",
    "我办",
    "我街道",
    "我单位",
    "本单位",
    "我中心",
    "我公司",
];

/// A consolidation's word for a partner that sent nothing (未报送, 未反馈, 暂未收到该镇
/// 材料): the partner has not reported, whoever wrote it.
pub fn says_not_reported(t: &str) -> bool {
    // 截至12月3日未报送进展情况: as of a day, the same word.
    let t = without_lead_in(t);
    // 经多次催报，仍未报送: the chasing told before it, the same word (adv53 a 7).
    let t = match t.rsplit_once(['，', ',']) {
        Some((before, last)) if before.contains('催') => last.trim(),
        _ => t,
    };
    let t = t.trim_start_matches(['暂', '尚', '还', '仍']);
    let word = ["进展情况", "相关材料", "进展", "材料", "情况"]
        .iter()
        .find_map(|w| t.strip_suffix(w).filter(|rest| rest.starts_with('未')))
        .unwrap_or(t);
    if matches!(
        word,
        "未报送" | "未反馈" | "未上报" | "未报" | "未提供" | "未报送材料" | "未报送进展"
    ) {
        return true;
    }
    t.chars().count() <= 16
        && (t.starts_with("未收到") || t.starts_with("未接到"))
        && ["材料", "报送", "反馈", "进展", "资料"]
            .iter()
            .any(|w| t.contains(w))
}

/// `text` without its lead-in and the punctuation after it ([`strip_lead_in`]): 截至12月3日
/// 未报送 → 未报送. `text` itself when it has none.
pub(crate) fn without_lead_in(text: &str) -> &str {
    let t = text.trim();
    strip_lead_in(t).unwrap_or(t)
}

/// `n` without its lead-in (目前, 现, 截至目前, 截至11月30日, …) and the punctuation
/// after it; `None` when it has none.
fn strip_lead_in(n: &str) -> Option<&str> {
    fn trim(s: &str) -> Option<&str> {
        let rest = s.trim_start_matches([',', ':', '、', ';', '.', '。', '，', '：']);
        (!rest.is_empty()).then_some(rest)
    }
    if let Some(rest) = STATUS_LEAD_INS.iter().find_map(|w| n.strip_prefix(w)) {
        return trim(rest);
    }
    // 我委将长期坚持…, 我局已完成…: the unit naming itself; 将 only before going on.
    if let Some(rest) = SELF_SUBJECTS.iter().find_map(|w| n.strip_prefix(w)) {
        let rest = rest
            .strip_prefix('将')
            .filter(|r| {
                ["长期坚持", "长期保持", "持续", "常态化"]
                    .iter()
                    .any(|w| r.starts_with(w))
            })
            .unwrap_or(rest);
        return trim(rest);
    }
    let rest = DATED_LEAD_INS.iter().find_map(|w| n.strip_prefix(w))?;
    let date_end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || "年月日号底末初中下上旬.-/".contains(*c)))
        .map_or(rest.len(), |(i, _)| i);
    if date_end == 0 {
        return None;
    }
    let rest = &rest[date_end..];
    let rest = ["为止", "止", "前"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    trim(rest)
}

/// A short text saying the task does not concern the unit, naming no other status; or
/// a longer answer ([`answers_not_applicable`]).
fn says_not_applicable(n: &str) -> bool {
    let chars = n.chars().count();
    (chars <= NOT_APPLICABLE_TEXT_CHARS
        && NOT_APPLICABLE_PHRASES.iter().any(|p| n.contains(p))
        && !names_progress(n))
        || (chars <= NOT_APPLICABLE_ANSWER_CHARS && answers_not_applicable(n))
}

/// The longest text read as an answer of 不涉及 by one of its clauses.
const NOT_APPLICABLE_ANSWER_CHARS: usize = 80;

/// Openings of a clause on what the unit will go on doing (今后将持续加强巡查): no
/// status of the task.
const INTENTION_OPENINGS: [&str; 7] =
    ["今后", "下一步", "下步", "后续", "将持续", "将继续", "持续"];

/// An answer of 不涉及 in a few clauses (经全面排查，我镇辖区内各河段均不存在拦河养鱼
/// 的情况，本项任务我镇不涉及，今后将持续加强巡查。): one short clause says the task
/// does not concern the unit (its phrase not describing something else: 不涉及的镇街做好
/// 配合), and no clause but the unit's intentions names progress.
fn answers_not_applicable(n: &str) -> bool {
    let clauses = || {
        n.split([',', '。', ';', '!', '.', '，', '；'])
            .filter(|c| !c.is_empty())
    };
    let says_so = |c: &str| {
        c.chars().count() <= LAST_CLAUSE_CHARS
            && NOT_APPLICABLE_PHRASES.iter().any(|p| {
                c.match_indices(p)
                    .any(|(i, p)| !c[i + p.len()..].starts_with('的'))
            })
    };
    let intention = |c: &str| INTENTION_OPENINGS.iter().any(|w| c.starts_with(w));
    // Work done or under way (已拆除网箱3处, 正在配合排查); having checked is the
    // finding itself (已全面排查).
    let works = |c: &str| {
        names_progress(c)
            || c.contains("正在")
            || (c.contains('已') && !CHECKING.iter().any(|w| c.contains(w)))
    };
    clauses().any(says_so) && clauses().all(|c| intention(c) || !works(c))
}

/// Words of checking, whose 已 (已全面排查) is the finding of an answer of 不涉及.
const CHECKING: [&str; 5] = ["排查", "核查", "摸排", "核实", "调查"];

/// Whether `n` names a status of progress (a word of completed, ongoing, in progress or
/// not started, or a completion claim).
fn names_progress(n: &str) -> bool {
    [
        Status::Completed,
        Status::Ongoing,
        Status::InProgress,
        Status::NotStarted,
    ]
    .iter()
    .flat_map(|s| s.words().iter())
    .chain(COMPLETION_CLAIMS)
    .any(|w| n.contains(w))
}

/// Whether `text` names a status anywhere (a word of any reported status or a
/// completion claim): a paragraph of a written report that says how a task stands.
pub fn mentions_status(text: &str) -> bool {
    let n: String = nfkc_filtered(text, |c| !c.is_whitespace());
    names_progress(&n) || Status::NotApplicable.words().iter().any(|w| n.contains(w))
}

/// A progress text that reports no progress: it opens (after a lead-in) with 暂未 /
/// 尚未 / 还未 / 暂无 / 未 and says nothing is under way (no 已, 正在, in-progress or
/// ongoing word).
fn reports_no_progress(text: &str) -> bool {
    let n: String = nfkc_filtered(text, |c| !c.is_whitespace());
    let body = strip_lead_in(&n).unwrap_or(&n);
    NO_PROGRESS_OPENINGS.iter().any(|w| body.starts_with(w))
        && !n.contains('已')
        && !n.contains("正在")
        && ![Status::InProgress, Status::Ongoing]
            .iter()
            .flat_map(|s| s.words().iter())
            .any(|w| n.contains(w))
}

/// A status cell that holds only a dash or slash (“/”, “—”, “-”), or a drop-down list's
/// prompt left in place (请选择, --请选择--, 【请下拉选择】): nothing picked.
pub fn is_status_placeholder(text: &str) -> bool {
    const MARKS: &str = "/／\\-－—–_~～、.。·…";
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    if t.chars().all(|c| c.is_whitespace() || MARKS.contains(c)) {
        return true;
    }
    // 一 typed as a dash (the key beside it on a Chinese keyboard), alone in the cell.
    if t.chars().all(|c| c == '一') && t.chars().count() <= 2 {
        return true;
    }
    let prompt = t.trim_matches(|c: char| {
        c.is_whitespace() || MARKS.contains(c) || "()（）[]【】<>〈〉《》".contains(c)
    });
    matches!(
        prompt,
        "请选择" | "选择" | "请下拉选择" | "下拉选择" | "点击选择" | "请点击选择"
    )
}

/// The status a percentage gives (100 → completed, 1–99 → in progress, 0 → not
/// started); `None` outside 0..=100.
pub fn status_of_percent(p: f64) -> Option<Status> {
    if !p.is_finite() || !(0.0..=100.0).contains(&p) {
        return None;
    }
    Some(if p >= 100.0 {
        Status::Completed
    } else if p <= 0.0 {
        Status::NotStarted
    } else {
        Status::InProgress
    })
}

/// Labels of a totals row (Excel's table total row writes 汇总).
const TOTALS_WORDS: &[&str] = &["汇总", "合计", "小计", "总计", "共计", "总数"];

/// Whether a cell's text labels a totals row: a totals word alone, or with a count
/// (合计：2项, 小计(3)).
pub fn is_totals_label(text: &str) -> bool {
    let key = status_key(text);
    TOTALS_WORDS.iter().any(|w| {
        key.strip_prefix(w).is_some_and(|rest| {
            rest.trim_end_matches(['项', '个', '条', '家', '处'])
                .chars()
                .all(|c| c.is_ascii_digit())
        })
    })
}

/// Whether a progress cell only points elsewhere for its content (见附件, 详见附件3,
/// 详见上表, 具体情况见报告, 另附): the words are not progress, and nothing they point
/// to was read. Not 详见批注 (`refers_to_comment`: the comment is read).
pub fn refers_elsewhere(text: &str) -> bool {
    if text.len() > 60 || text.contains("批注") {
        return false;
    }
    let key = status_key(text);
    let n = key.chars().count();
    if n == 0 || n > 12 {
        return false;
    }
    const POINTERS: [&str; 6] = ["见", "另附", "附后", "附件", "附表", "后附"];
    const PLACES: [&str; 9] = [
        "附件", "附表", "上表", "下表", "报告", "材料", "说明", "另附", "附后",
    ];
    POINTERS.iter().any(|w| key.contains(w))
        && PLACES.iter().any(|w| key.contains(w))
        // 已完成，见附件 says a status too; the words around must be pointing only.
        && !["完成", "推进", "坚持", "启动", "涉及"].iter().any(|w| key.contains(w))
}

/// Whether a progress cell only points to the cell's comment (详见批注, 见批注).
pub fn refers_to_comment(text: &str) -> bool {
    if text.len() > 60 || !text.contains("批注") {
        return false;
    }
    let key = status_key(text);
    key.contains("批注") && key.chars().count() <= 12
}

/// Whether a row is a note, signature or total line rather than a task row, judged by
/// its first non-empty text.
pub fn is_note_row(text: &str) -> bool {
    let n: String = nfkc_filtered(text, |c| !c.is_whitespace());
    const OPENINGS: &[&str] = &[
        "填表说明",
        "填报说明",
        "更正说明",
        "更正:",
        "勘误",
        "补充说明",
        "说明:",
        "注:",
        "备注:",
        "附注:",
        "填表人",
        "填报人",
        "制表人",
        "经办人",
        "审核人",
        "联系人",
        "联系电话",
        "电话:",
        "单位负责人",
        "负责人:",
        "分管领导",
        "主要领导",
        "签发人",
        "合计",
        "小计",
        "总计",
    ];
    // （填报说明：…） in a bracket, as a form's instruction row often is.
    let n = n.trim_start_matches(['(', '[', '【']);
    OPENINGS.iter().any(|w| n.starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_of_progress_are_no_status_words() {
        assert!(is_clauses_of_progress("初稿已完成，正在修改"));
        assert!(!is_clauses_of_progress("已完成，长期坚持"));
        assert!(!is_clauses_of_progress("已完成"));
        assert!(!is_clauses_of_progress("正在推进。"));
    }

    #[test]
    fn note_rows_open_with_a_note_word_maybe_in_a_bracket() {
        assert!(is_note_row("填报说明：完成状态请从下拉菜单中选择"));
        assert!(is_note_row("（填报说明：完成状态请从下拉菜单中选择）"));
        assert!(is_note_row("【注：未完成的不填】"));
        assert!(!is_note_row("（一）加强工业污染防治"));
        assert!(!is_note_row("出台说明文件"));
    }

    #[test]
    fn a_log_by_month_is_read_by_its_last_entry() {
        assert_eq!(
            status_from_progress(
                "9月：完成规划初稿编制，正在征求意见；\n10月：规划通过专家评审；\n11月：规划经区政府批复实施，该项工作已完成。"
            ),
            Some(Status::Completed)
        );
        assert_eq!(
            status_from_progress(
                "9月：已完成溢流原因排查；\n10月：正在实施管网改造工程；\n11月：改造工程完成60%。"
            ),
            Some(Status::InProgress)
        );
        assert_eq!(
            status_from_progress("10月20日：已完成招标；11月份：正在施工。"),
            Some(Status::InProgress)
        );
        // One dated opening is a lead-in, not a log.
        assert_eq!(log_entry("11月:已完成。"), None);
        // A month inside a clause is not a marker.
        assert_eq!(log_entry("9月完成初稿;10月:已完成。"), None);
    }

    #[test]
    fn a_status_tag_in_brackets_opens_the_text() {
        assert_eq!(
            status_from_progress("【已完成】已关停作坊2家。"),
            Some(Status::Completed)
        );
        assert_eq!(
            status_from_progress("【长期坚持】每月巡查。"),
            Some(Status::Ongoing)
        );
        assert_eq!(
            status_from_progress("[正在推进]已完成招标。"),
            Some(Status::InProgress)
        );
        // Brackets holding anything else say nothing of the status.
        assert_eq!(status_from_progress("【第一季度】开展巡查"), None);
    }

    #[test]
    fn a_status_cell_saying_the_task_is_not_the_units() {
        for cell in [
            "我镇无此类问题",
            "无该项任务",
            "本单位无此项工作",
            "不存在此类情况",
        ] {
            assert_eq!(classify_status(cell), Status::NotApplicable, "{cell}");
        }
        // A negation of a status word stays unclear.
        assert_eq!(classify_status("未完成"), Status::Unclear);
        assert_eq!(
            status_from_progress("经核实，不存在此类情况。"),
            Some(Status::NotApplicable)
        );
    }
    use ColumnKind::{
        Category, CompletedOn, Contact, Deadline, Evidence, FiledOn, Id, Measure, Note, Period,
        Progress, Role, StatusTick, StatusYesNo, Unit,
    };

    #[test]
    fn the_ticked_option_of_a_boxed_list() {
        let t = |s: &str| ticked_option(s);
        assert_eq!(t("☑已完成 □正在推进 □未启动").as_deref(), Some("已完成"));
        assert_eq!(t("已完成□ 未完成☑").as_deref(), Some("未完成"));
        assert_eq!(
            t("□已完成，■正在推进，□未启动").as_deref(),
            Some("正在推进")
        );
        assert_eq!(t("☑已完成 ☑正在推进 □未启动"), None, "two ticked");
        assert_eq!(t("□已完成 □正在推进"), None, "none ticked");
        assert_eq!(t("√"), None, "a mark, not options");
        assert_eq!(
            t("√已完成 √正在推进"),
            None,
            "no empty box: not a form's options"
        );
        // Options in brackets, as forms typed without box characters write them.
        assert_eq!(t("是（ ）否（√）").as_deref(), Some("否"));
        assert_eq!(t("是(√) 否( )").as_deref(), Some("是"));
        assert_eq!(
            t("已完成（√）正在推进（ ）未启动（ ）").as_deref(),
            Some("已完成")
        );
        assert_eq!(t("已完成[ ] 正在推进[×]").as_deref(), Some("正在推进"));
        assert_eq!(t("已完成（验收）"), None, "a bracket of words is no box");
        assert_eq!(
            classify_yes_no(&t("是（ ）否（√）").unwrap(), "办法报审中。"),
            Status::InProgress
        );
        assert!(is_tick_mark(" √ ") && is_tick_mark("是") && is_tick_mark("1"));
        assert!(!is_tick_mark("×") && !is_tick_mark("否") && !is_tick_mark("□"));
    }

    /// The quick check's shortcut gives what full NFKC gives, on text that is already
    /// normal and on text that is not (full-width, circled numbers, compatibility
    /// ideographs, a combining accent).
    #[test]
    fn remembered_header_kinds_are_the_worked_out_ones() {
        let texts: Vec<String> = [
            "序号",
            "序 号",
            "具体举措：",
            "整改进展情况（必填）",
            "3",
            "区水利局",
        ]
        .iter()
        .map(|t| t.to_string())
        // Past the memo's size, so it starts again on the way.
        .chain((0..5000).map(|i| format!("完成时间{i}（年月日）")))
        .collect();
        for round in 0..2 {
            for t in &texts {
                assert_eq!(classify_header(t), classify_header_text(t), "{t} {round}");
            }
        }
        assert_eq!(
            classify_header("完成时间（年月日）"),
            Some(ColumnKind::CompletedOn)
        );
        assert_eq!(
            classify_header("完成时间（年月日）"),
            Some(ColumnKind::CompletedOn)
        );
    }

    #[test]
    fn nfkc_shortcut_matches_full_normalisation() {
        for text in [
            "完成时限",
            " 序 号 ",
            "ＡＢＣ１２３：",
            "①已完成",
            "\u{F900}\u{2F00}进展",
            "e\u{301}tat 100％",
            "【备注】",
            "",
        ] {
            let keep = |c: char| !c.is_whitespace();
            let full: String = text.nfkc().filter(|&c| keep(c)).collect();
            assert_eq!(nfkc_filtered(text, keep), full, "{text:?}");
        }
    }

    /// The containment rule as first written: a search per synonym.
    fn contained_kind_reference(h: &str) -> Option<ColumnKind> {
        let mut best: Option<((usize, usize), ColumnKind)> = None;
        for (kind, words) in HEADER_SYNONYMS {
            for w in words.iter() {
                let len = w.chars().count();
                if len < 2 {
                    continue;
                }
                if let Some(pos) = h.rfind(w) {
                    let rank = (len, pos + w.len());
                    if best.is_none_or(|(r, _)| rank > r) {
                        best = Some((rank, *kind));
                    }
                }
            }
        }
        best.map(|(_, k)| k)
    }

    #[test]
    fn automaton_agrees_with_a_search_per_synonym() {
        let words: Vec<&str> = HEADER_SYNONYMS
            .iter()
            .flat_map(|(_, w)| w.iter().copied())
            .collect();
        let affixes = [
            "",
            "本单位",
            "情况",
            "（必填）",
            "*",
            "：",
            "计划",
            "实际",
            "是否",
            "说明",
        ];
        let mut checked = 0;
        for (i, a) in words.iter().enumerate() {
            // Every word alone, with affixes, and paired with a neighbour both ways.
            let b = words[(i * 7 + 3) % words.len()];
            for x in affixes {
                for text in [
                    format!("{x}{a}"),
                    format!("{a}{x}"),
                    format!("{a}{b}"),
                    format!("{b}{x}{a}"),
                    format!("{x}{a}{x}"),
                ] {
                    assert_eq!(
                        contained_kind(&text),
                        contained_kind_reference(&text),
                        "{text}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn every_header_synonym() {
        for (kind, words) in HEADER_SYNONYMS {
            for w in words.iter() {
                assert_eq!(classify_header(w), Some(*kind), "{w}");
            }
        }
    }

    #[test]
    fn header_normalisation() {
        assert_eq!(classify_header(" 序 号 "), Some(Id));
        assert_eq!(classify_header("序\n号"), Some(Id));
        // A sentence holding a header word is progress, not a header cell.
        assert_eq!(classify_header("另有一行没有序号。"), None);
        assert_eq!(classify_header("备注；"), None);
        assert_eq!(classify_header("具体举措："), Some(Measure));
        assert_eq!(classify_header("具体举措:"), Some(Measure));
        assert_eq!(classify_header("整改进展情况（必填）"), Some(Progress));
        assert_eq!(classify_header("完成时间(单位：年月日)"), Some(CompletedOn));
        assert_eq!(classify_header("*完成状态"), Some(ColumnKind::Status));
        assert_eq!(classify_header("【备注】"), Some(Note));
        assert_eq!(classify_header("备注【选填】"), Some(Note));
        assert_eq!(
            classify_header("\u{3000}责任单位\u{3000}"),
            Some(ColumnKind::ResponsibleUnit)
        );
        assert_eq!(classify_header("\u{3000}填报单位\u{3000}"), Some(Unit));
        assert_eq!(classify_header(""), None);
        assert_eq!(classify_header("  "), None);
    }

    #[test]
    fn header_overlaps() {
        // Work and its results, though the measure's 整改措施 or a tick column's 已完成
        // is in the words; a lead unit's 审核意见 is a note, not its name.
        for h in [
            "具体工作措施及成效",
            "整改措施及成效",
            "主要做法及成效",
            "采取的措施及取得的成效",
            "已完成工作",
        ] {
            assert_eq!(classify_header(h), Some(Progress), "{h}");
        }
        assert_eq!(classify_header("牵头单位审核意见"), Some(Note));
        // The progress with the plan after it is the progress; the plan alone a note.
        for h in [
            "目前进展情况及下一步工作打算",
            "进展情况及下步打算",
            "整改情况及存在问题",
        ] {
            assert_eq!(classify_header(h), Some(Progress), "{h}");
        }
        for h in ["下步打算", "存在问题及下步打算", "下一步工作计划"] {
            assert_eq!(classify_header(h), Some(Note), "{h}");
        }
        assert_eq!(classify_header("进度"), Some(ColumnKind::Percent));
        assert_eq!(classify_header("整改要求"), Some(Measure));
        assert_eq!(classify_header("整改事项"), Some(Measure));
        // Who answered, not what: never progress.
        for h in ["责任人", "分管领导", "来自IP"] {
            assert_eq!(classify_header(h), Some(ColumnKind::Contact), "{h}");
        }
        assert_eq!(classify_header("销号时间"), Some(CompletedOn));
        assert_eq!(classify_header("完成时限"), Some(Deadline));
        for moved in [
            "调整后完成时限",
            "调整后完成时间",
            "延期完成时间",
            "延期后完成时限",
        ] {
            assert_eq!(classify_header(moved), Some(Deadline), "{moved}");
        }
        assert_eq!(classify_header("计划完成时间"), Some(Deadline));
        assert_eq!(classify_header("预计完成时间"), Some(Deadline));
        assert_eq!(classify_header("实际完成时间"), Some(CompletedOn));
        assert_eq!(classify_header("完成时间"), Some(CompletedOn));
        assert_eq!(classify_header("完成情况"), Some(Progress));
        assert_eq!(classify_header("完成状态"), Some(ColumnKind::Status));
        assert_eq!(classify_header("完成进度"), Some(ColumnKind::Percent));
        assert_eq!(classify_header("完成进度（%）"), Some(ColumnKind::Percent));
        assert_eq!(classify_header("完成比例"), Some(ColumnKind::Percent));
        assert_eq!(
            classify_header("整改进展情况（截至11月底）"),
            Some(Progress)
        );
        assert_eq!(
            classify_header("整改进展情况(截至2020年11月30日)"),
            Some(Progress)
        );
        assert_eq!(classify_header("截至11月底整改进展情况"), Some(Progress));
        assert_eq!(classify_header("是否完成"), Some(StatusYesNo));
        assert_eq!(classify_header("是否按期完成"), Some(StatusYesNo));
        assert_eq!(classify_header("是否已完成"), Some(StatusYesNo));
        assert_eq!(classify_header("是否销号"), Some(StatusYesNo));
        assert_eq!(classify_header("已完成"), Some(StatusTick));
        assert_eq!(classify_header("已完成(打√)"), Some(StatusTick));
        assert_eq!(classify_header("本单位角色"), Some(Role));
        assert_eq!(classify_header("单位角色"), Some(Role));
        assert_eq!(classify_header("配合单位"), Some(ColumnKind::Assignment));
        assert_eq!(classify_header("牵头单位"), Some(ColumnKind::Assignment));
        assert_eq!(
            classify_header("责任部门"),
            Some(ColumnKind::ResponsibleUnit)
        );
        assert_eq!(classify_header("单位名称"), Some(Unit));
        assert_eq!(classify_header("联系人及电话"), Some(Contact));
        assert_eq!(classify_header("填报单位"), Some(Unit));
        assert_eq!(classify_header("填报日期"), Some(FiledOn));
        assert_eq!(classify_header("月份"), Some(Period));
        assert_eq!(classify_header("时间节点"), Some(Deadline));
        assert_eq!(classify_header("完成时间节点"), Some(Deadline));
        assert_eq!(classify_header("报送月份"), Some(Period));
        // A month in a progress header is that column's month, not a period column.
        assert_eq!(classify_header("11月份进展情况"), Some(Progress));
        assert_eq!(classify_header("填报人"), Some(Contact));
        assert_eq!(classify_header("具体整改措施"), Some(Measure));
        assert_eq!(classify_header("重点任务"), Some(Category));
        assert_eq!(classify_header("整改重点"), Some(Category));
        assert_eq!(classify_header("整改时限"), Some(Deadline));
        assert_eq!(classify_header("整改状态"), Some(ColumnKind::Status));
        assert_eq!(classify_header("佐证材料（附件）"), Some(Evidence));
        assert_eq!(classify_header("原序号"), Some(Id));
    }

    #[test]
    fn header_non_matches() {
        assert_eq!(classify_header("金额(单位：万元)"), None);
        assert_eq!(classify_header("问题"), None);
        assert_eq!(classify_header("序列"), None);
        // A title row is not a header even if it contains a synonym.
        assert_eq!(
            classify_header("永川区水污染防治整改任务整改进展情况汇总表"),
            None
        );
    }

    #[test]
    fn status_exact_words() {
        for s in Status::REPORTED {
            for w in s.words() {
                assert_eq!(classify_status(w), s, "{w}");
            }
        }
        assert!(Status::Unclear.words().is_empty());
        assert!(Status::Unreported.words().is_empty());
        assert_eq!(classify_status("已完成并长期坚持"), Status::Completed);
        assert_eq!(classify_status("基本完成"), Status::InProgress);
        // Building started is under way; not started stays so.
        assert_eq!(classify_status("已开工建设"), Status::InProgress);
        assert_eq!(classify_status("正在施工"), Status::InProgress);
        assert_eq!(classify_status("未开工建设"), Status::NotStarted);
        assert_eq!(classify_status("尚未开工"), Status::NotStarted);
        // Words units write that are no labels of ours.
        for (word, status) in [
            ("已完结", Status::Completed),
            ("已完工", Status::Completed),
            ("已建成投用", Status::Completed),
            ("建成投运", Status::Completed),
            ("已出台", Status::Completed),
            ("已印发。", Status::Completed),
            ("已制定", Status::Completed),
            ("已批复", Status::Completed),
            ("已投运", Status::Completed),
            ("已建立", Status::Completed),
            ("按计划推进", Status::InProgress),
            ("持续实施", Status::Ongoing),
            ("已竣工", Status::Completed),
            ("已通过验收", Status::Completed),
            ("已验收", Status::Completed),
            ("持续办理", Status::Ongoing),
            ("持续抓好", Status::Ongoing),
            ("进展顺利", Status::InProgress),
            ("正在收尾", Status::InProgress),
            // Built or finished in the main, not yet done.
            ("基本建成", Status::InProgress),
            ("主体完工", Status::InProgress),
            ("非我单位职责", Status::NotApplicable),
            ("此项不属于我镇职责范围", Status::NotApplicable),
            ("非我单位任务", Status::NotApplicable),
            ("不属我镇任务", Status::NotApplicable),
            ("非我镇职能", Status::NotApplicable),
            ("不是我单位职责", Status::NotApplicable),
            ("已完成初步排查", Status::InProgress),
            ("已整治", Status::Completed),
            ("已清理", Status::Completed),
            ("持续落实", Status::Ongoing),
            ("长期", Status::Ongoing),
            ("正在完善", Status::InProgress),
            ("没有涉及", Status::NotApplicable),
            ("无该类情况", Status::NotApplicable),
            ("不存在", Status::NotApplicable),
            ("未发现此类问题", Status::NotApplicable),
            ("不在我镇辖区", Status::NotApplicable),
            ("非我镇任务。", Status::NotApplicable),
            ("此项非我街道任务", Status::NotApplicable),
            ("落实中", Status::InProgress),
            ("延期", Status::InProgress),
            ("已申请延期", Status::InProgress),
            ("已申请延期。", Status::InProgress),
        ] {
            assert_eq!(classify_status(word), status, "{word}");
        }
    }

    #[test]
    fn status_normalisation_and_containment() {
        assert_eq!(classify_status(" 已完成。"), Status::Completed);
        assert_eq!(classify_status("已 完 成；"), Status::Completed);
        assert_eq!(classify_status("已完成（已验收）"), Status::Completed);
        assert_eq!(classify_status("已完成，并长期坚持"), Status::Completed);
        assert_eq!(classify_status("已完成,需长期坚持"), Status::Completed);
        assert_eq!(classify_status("持续推进中"), Status::Ongoing);
        assert_eq!(classify_status("正在推进（二期）"), Status::InProgress);
        assert_eq!(classify_status("正在推进（完成80%）"), Status::InProgress);
        assert_eq!(classify_status("正在推进（已完成100%）"), Status::Unclear);
        assert_eq!(classify_status("大部分完成"), Status::InProgress);
        assert_eq!(classify_status("完成80%"), Status::InProgress);
        assert_eq!(classify_status("100%"), Status::Completed);
        assert_eq!(classify_status("60%"), Status::InProgress);
        assert_eq!(classify_status("0%"), Status::NotStarted);
        assert_eq!(classify_status("暂未启动"), Status::NotStarted);
        assert_eq!(classify_status("尚未开展。"), Status::NotStarted);
    }

    #[test]
    fn a_completion_planned_owed_or_of_a_stage_is_not_completed() {
        for w in [
            "预计12月底完成",
            "力争年底前完成",
            "12月底前完成",
            "年底完成",
            "确保按期完成",
            "已完成初稿编制",
            "已完成招标",
            "已完成前期工作",
            "已完成阶段性任务",
            "正在推进，预计12月底完成",
            "正在推进，待验收后完成",
            // A stage done and the next under way.
            "已完成一期，二期正在推进",
            // A planned date's digits do not make the answer prose.
            "正在推进，预计2021年3月底前完成",
        ] {
            assert_eq!(classify_status(w), Status::InProgress, "{w}");
        }
        // A stage done of a task the unit keeps up.
        assert_eq!(
            classify_status("已完成阶段性任务，长期坚持"),
            Status::Ongoing
        );
        for w in [
            "待完成",
            "需市级审批后完成",
            "原定10月底完成",
            "原计划9月底完成",
        ] {
            assert_eq!(classify_status(w), Status::Unclear, "{w}");
        }
        for w in [
            "已完成",
            "已按期完成",
            "已全部完成",
            "已完成，待验收",
            "已完成整改",
            "完成",
            "已完成并长期坚持",
            "全面完成",
            "已于9月底完成",
            "已提前完成",
            "提前完成",
        ] {
            assert_eq!(classify_status(w), Status::Completed, "{w}");
        }
    }

    #[test]
    fn nothing_to_rectify_is_not_applicable() {
        for w in ["无需整改", "无需整治", "不需要整改", "无需整改。"] {
            assert_eq!(classify_status(w), Status::NotApplicable, "{w}");
        }
        // 整改 said done is still done.
        assert_eq!(classify_status("已整改"), Status::Completed);
    }

    #[test]
    fn not_done_reads_by_the_progress_beside_it() {
        let by = not_done_by_progress;
        assert_eq!(
            by("未完成", "新建管网2.3公里，正在施工，预计12月底完工。"),
            Some(Status::InProgress)
        );
        assert_eq!(by("尚未完成", "暂未开展。"), Some(Status::NotStarted));
        // The text says nothing of how far, or claims completion: no status.
        assert_eq!(by("未完成", "清理开垦点位5处，尚有2处未清理。"), None);
        assert_eq!(by("未完成", "已全面完成整改。"), None);
        // Words in the progress, not the answer, decide only after a 未完成.
        assert_eq!(by("已完成", "正在施工。"), None);
        assert_eq!(classify_yes_no("未完成", "正在施工。"), Status::InProgress);
        assert_eq!(classify_yes_no("未完成", ""), Status::NotStarted);
        assert_eq!(classify_yes_no("否", "详见附件"), Status::Unclear);
    }

    #[test]
    fn status_negations() {
        for w in [
            "未完成",
            "尚未完成",
            "没有完成",
            "未整改",
            "未整改到位",
            "未全面完成",
            "不再推进",
            "无法完成",
        ] {
            assert_eq!(classify_status(w), Status::Unclear, "{w}");
        }
    }

    #[test]
    fn status_unclear() {
        for w in [
            "",
            "   ",
            "见附件",
            "详见附件3",
            "一期已完成，二期未启动",
            "√",
            "是",
            "150%",
            "该项任务已于2020年9月底前全部完成并通过验收销号",
        ] {
            assert_eq!(classify_status(w), Status::Unclear, "{w:?}");
        }
    }

    #[test]
    fn yes_no() {
        // An answer with the status beside it.
        assert_eq!(classify_yes_no("否（正在推进）", ""), Status::InProgress);
        assert_eq!(
            classify_yes_no("否，预计12月底完成", ""),
            Status::InProgress
        );
        assert_eq!(classify_yes_no("否(未启动)", ""), Status::NotStarted);
        assert_eq!(classify_yes_no("是/长期", ""), Status::Ongoing);
        assert_eq!(classify_yes_no("是（长期坚持）", ""), Status::Ongoing);
        assert_eq!(classify_yes_no("是（已验收）", ""), Status::Completed);
        assert_eq!(classify_yes_no("是（正在推进）", ""), Status::Unclear);
        assert_eq!(classify_yes_no("是", ""), Status::Completed);
        assert_eq!(classify_yes_no(" 是 ", "见附件"), Status::Completed);
        assert_eq!(classify_yes_no("已完成", ""), Status::Completed);
        assert_eq!(classify_yes_no("√", ""), Status::Completed);
        // 否 alone: not started.
        assert_eq!(classify_yes_no("否", ""), Status::NotStarted);
        assert_eq!(classify_yes_no("×", ""), Status::NotStarted);
        assert_eq!(classify_yes_no("x", " "), Status::NotStarted);
        assert_eq!(classify_yes_no("否", "无"), Status::NotStarted);
        assert_eq!(classify_yes_no("×", "暂无"), Status::NotStarted);
        assert_eq!(classify_yes_no("否", "无"), Status::NotStarted);
        assert_eq!(classify_yes_no("否", "/"), Status::NotStarted);
        // Excel's logical values (a check box linked to the cell) answer yes or no.
        assert_eq!(classify_yes_no("TRUE", ""), Status::Completed);
        assert_eq!(
            classify_yes_no("FALSE", "正在推进管网建设"),
            Status::InProgress
        );
        assert!(is_yes_no_word("FALSE") && is_tick_mark("TRUE") && !is_tick_mark("FALSE"));
        assert_eq!(
            classify_yes_no("否", "正在推进管网建设，已完成60%"),
            Status::InProgress
        );
        assert_eq!(classify_yes_no("否", "持续推进河长制"), Status::Ongoing);
        assert_eq!(classify_yes_no("否", "尚未开展"), Status::NotStarted);
        assert_eq!(classify_yes_no("否", "已完成。"), Status::Unclear);
        // 否 beside a description of work under way: in progress.
        assert_eq!(classify_yes_no("否", "已完成前期调研"), Status::InProgress);
        assert_eq!(
            classify_yes_no("否", "管网建设已完工一半"),
            Status::InProgress
        );
        assert_eq!(classify_yes_no("", "已完成。"), Status::Completed);
        assert_eq!(classify_yes_no("", ""), Status::Unclear);
        assert_eq!(classify_yes_no("正在推进", ""), Status::InProgress);
        assert_eq!(classify_yes_no("见附件", ""), Status::Unclear);
    }

    #[test]
    fn tick() {
        for t in ["√", "✓", "✔", "☑", "是", "Y", "y", " √ ", "已完成"] {
            assert_eq!(classify_tick(t), Some(Status::Completed), "{t}");
        }
        for t in ["", "  ", "×", "✗", "否", "N", "见附件"] {
            assert_eq!(classify_tick(t), None, "{t:?}");
        }
        assert_eq!(classify_tick("正在推进"), Some(Status::InProgress));
    }

    #[test]
    fn progress_text() {
        assert_eq!(status_from_progress("已完成。"), Some(Status::Completed));
        assert_eq!(status_from_progress("已完成"), Some(Status::Completed));
        assert_eq!(
            status_from_progress("已全面完成整改，建立长效机制。"),
            Some(Status::Completed)
        );
        assert_eq!(
            status_from_progress("已于2020年9月30日完成，并通过验收。"),
            Some(Status::Completed)
        );
        // 完成问题整改: the task's rectification restated.
        assert_eq!(
            status_from_progress("我镇已于2020年9月28日完成问题整改。"),
            Some(Status::Completed)
        );
        assert_eq!(
            status_from_progress("已完成整改任务。"),
            Some(Status::Completed)
        );
        // The unit naming itself first (adv43 a03: 待核实 before); 将 only before going on.
        assert_eq!(
            status_from_progress("该项工作我委将长期坚持，每季度开展一次运行质量检查。"),
            Some(Status::Ongoing)
        );
        assert_eq!(
            status_from_progress("我局已全面完成整改，建立长效机制。"),
            Some(Status::Completed)
        );
        assert_ne!(
            status_from_progress("我局将于12月底前完成。"),
            Some(Status::Completed)
        );
        // What followed the work done, joined by 并 (adv43 a03: 待核实 before).
        for text in ["已全部完成并经区政府批复。", "目前已完成并经区政府批复。"]
        {
            assert_eq!(
                status_from_progress(text),
                Some(Status::Completed),
                "{text}"
            );
        }
        // … unless it is still to come.
        for text in ["已完成并正在组织验收。", "已完成并将于12月报区政府审批。"]
        {
            assert_ne!(
                status_from_progress(text),
                Some(Status::Completed),
                "{text}"
            );
        }
        // The conclusion after the steps: under way.
        assert_eq!(
            status_from_progress("已完成前期工作，正在施工"),
            Some(Status::InProgress)
        );
        assert_eq!(
            status_from_progress("正在推进管网建设"),
            Some(Status::InProgress)
        );
        // Work under way named by its verb; a one-clause text closing on completion.
        for (text, said) in [
            (
                "正在起草排水管网整治工程建设管理办法。",
                Some(Status::InProgress),
            ),
            ("目前正在摸排封盖河道污水管网。", Some(Status::InProgress)),
            ("海绵城市专项规划编制工作已完成。", Some(Status::Completed)),
            ("无害化处理设施建设已全部完成", Some(Status::Completed)),
            ("规划初稿已完成。", None),
            ("一期工程已完成。", None),
            ("尚未招标，设计已完成。", None),
            ("管网未改造已完成", None),
            // A problem count brought to nought: the work done.
            ("两家企业违法问题已全部清零。", Some(Status::Completed)),
            ("已清零", Some(Status::Completed)),
            ("部分问题已清零，其余正在整改", Some(Status::InProgress)),
            ("80%", Some(Status::InProgress)),
            ("100%", Some(Status::Completed)),
        ] {
            assert_eq!(status_from_progress(text), said, "{text}");
        }
        assert_eq!(
            status_from_progress("基本完成，剩余扫尾"),
            Some(Status::InProgress)
        );
        assert_eq!(
            status_from_progress("持续推进河长制工作"),
            Some(Status::Ongoing)
        );
        assert_eq!(status_from_progress("长期坚持"), Some(Status::Ongoing));
        assert_eq!(status_from_progress("尚未开展"), Some(Status::NotStarted));
        assert_eq!(
            status_from_progress("因资金原因，该项工作尚未开展。"),
            Some(Status::NotStarted)
        );
        assert_eq!(status_from_progress("一期正在推进，二期尚未启动"), None);
        assert_eq!(
            status_from_progress("建成污水管网5公里，已完成"),
            Some(Status::Completed)
        );
        assert_eq!(status_from_progress("未完成"), None);
        assert_eq!(status_from_progress(""), None);
        assert_eq!(status_from_progress("见附件"), None);
    }

    /// The status a text concludes with, after what was done.
    #[test]
    fn progress_concluded_in_the_last_clause() {
        for (text, want) in [
            (
                "已完成全区污水处理厂进水情况分析，该项工作已于10月底完成。",
                Status::Completed,
            ),
            (
                "老旧小区雨污分流改造15个，目前正在加快推进。",
                Status::InProgress,
            ),
            (
                "联合区农业农村委依法取缔宰杀作坊，该项工作已完成。",
                Status::Completed,
            ),
            // adv50 a 3: the task restated as 该项整改, and a date with its year (the
            // digits made the clause too long to be a conclusion).
            (
                "两法衔接联席会议制度已建立，该项整改已完成。",
                Status::Completed,
            ),
            (
                "已对鼎牛食品公司立案查处，该项任务已于2020年9月25日完成。",
                Status::Completed,
            ),
            (
                "已印发生态补偿办法，本项任务已于2020年9月27日完成。",
                Status::Completed,
            ),
            ("已完成方案编制，该项整改正在推进。", Status::InProgress),
            ("落实保洁员15名，每日清漂，长期坚持。", Status::Ongoing),
            ("主体工程已完工，正在安装设备。", Status::InProgress),
            ("一期已完成；目前正在推进二期", Status::InProgress),
            ("完成排查，目前已全面完成整改", Status::Completed),
            // A part done and another under way: the task is under way.
            ("二期正在施工，一期已完成", Status::InProgress),
            // A long last clause is no conclusion, but it names work under way.
            (
                "完成排查，正在按照区政府要求加快推进管网建设和雨污分流改造工作",
                Status::InProgress,
            ),
        ] {
            assert_eq!(status_from_progress(text), Some(want), "{text}");
        }
        for text in [
            // The earlier clauses say otherwise.
            "一期正在推进，二期尚未启动",
            "尚未开工建设，长期坚持巡查",
            // A step done, a share done, a plan: no conclusion about the task.
            "完成排查15处，其中3处已完成",
            "排查封盖河道周边管网8.6公里，修复工作已完成",
            "已完成方案编制，确保12月底前完成",
        ] {
            assert_eq!(status_from_progress(text), None, "{text}");
        }
    }

    /// The status a clause states after its subject (…工程正在推进, …规划已编制完成), and
    /// work done kept up (已建立…机制，并长期坚持).
    #[test]
    fn progress_stated_after_a_subject() {
        for (text, want) in [
            (
                "双石污水处理厂扩容工程正在推进，预计2021年3月底前完成。",
                Status::InProgress,
            ),
            ("水质监测预警体系建设正在有序推进中。", Status::InProgress),
            (
                "规划编制工作正在推进，其中现状调查已完成，第二阶段工作正在开展。",
                Status::InProgress,
            ),
            (
                "我镇河堰修复工作正在推进，已修复河堰3处，剩余2处预计12月底完成。",
                Status::InProgress,
            ),
            ("部分河段已整治完成，其余河段正在推进。", Status::InProgress),
            ("管网改造已基本完成。", Status::InProgress),
            (
                "海绵城市专项规划已编制完成，于2020年9月25日经区政府常务会审议通过并印发实施。",
                Status::Completed,
            ),
            ("已编制完成，于2020年9月25日印发。", Status::Completed),
            ("污水管网已于2020年10月底前改造完成。", Status::Completed),
            ("该工程于2020年10月底完成", Status::Completed),
            (
                "已建立分散式畜禽养殖长效管理机制，并长期坚持。",
                Status::Completed,
            ),
            (
                "已完成饮用水源保护区划定，长期坚持开展水源地巡查。",
                Status::Completed,
            ),
            (
                "已完成阶段性任务，长期坚持。2020年未新增屠宰厂点。",
                Status::Ongoing,
            ),
            ("开展巡查12次，并长期坚持。", Status::Ongoing),
            // The task claimed done, then kept up (adv51 a 2).
            (
                "已建立联动执法机制，该项工作已完成，今后长期坚持。",
                Status::Completed,
            ),
            ("已印发考核办法，该项已完成。", Status::Completed),
            ("已清掏356座，此项已完成。", Status::Completed),
            // A count done, the rest planned (adv51 a 5).
            (
                "已清理开垦点位4处，剩余1处已约谈当事人，计划12月中旬完成。",
                Status::InProgress,
            ),
            ("已修复管网2处，尚有1处预计年底前完工。", Status::InProgress),
            ("已整改12处，其余3处计划12月底完成。", Status::InProgress),
            ("已拆除2处，另有1处计划12月底前拆除。", Status::InProgress),
            (
                "已建立三级长效管理机制，落实网格员46名。下一步将长期坚持。",
                Status::Completed,
            ),
            // Work named done by the word it closes on.
            ("尾水处理设施已建成投用。", Status::Completed),
            ("已于2020年11月完工。", Status::Completed),
            ("作坊已依法取缔。", Status::Completed),
            ("已清理完毕。", Status::Completed),
            ("论证报告已通过专家评审。", Status::Completed),
            // A thing removed outright, its object named.
            (
                "已于2020年9月18日会同卫星湖街道依法取缔石脚迹村家禽宰杀作坊，并对相关责任人进行了处理。",
                Status::Completed,
            ),
            ("已拆除违规建筑。", Status::Completed),
            // The work done, then the step that closed it.
            (
                "已完成收水情况论证报告编制，于2020年10月28日通过专家评审。",
                Status::Completed,
            ),
            // A part done beside work under way: under way.
            ("管网铺设已完成，设备正在安装。", Status::InProgress),
        ] {
            assert_eq!(status_from_progress(text), Some(want), "{text}");
        }
        for text in [
            // Under way and the whole task done: a contradiction to check.
            "管网改造正在推进，该项工作已全部完成。",
            // 正在 describing a thing, not the work.
            "针对正在建设的项目，加强监管。",
            // Done, but something is not; a plan; a stage.
            "管网已改造完成，但仍有2处未接通。",
            "该工程预计于2020年12月底完成",
            "其中3处已整治完成",
            "已完成阶段性任务，正在推进，尚未启动二期",
            // A main part done, what is next, a plan.
            "主体工程已完成，下一步进行设备安装。",
            "沉淀池、过滤坝等主体工程已完成。",
            "拟于2020年12月底前完成。",
            "将于12月底前完成。",
            // A claim the text itself takes back.
            "正在推进排水管网建设工程质量监管，该项工作已全部完成。",
            "已全部完成，尚有3处未整改。",
            "已完成整改，剩余2处正在整改。",
            // Removals counted (maybe part of the work), or a part's.
            "已关停养殖场2家。",
            "已拆除违规设施3处。",
            "已部分拆除违规建筑。",
            "已拆除一期围挡。",
            // Done, then a step that is not.
            "已完成论证报告编制，拟于12月底通过专家评审。",
        ] {
            assert_eq!(status_from_progress(text), None, "{text}");
        }
    }

    #[test]
    fn progress_after_a_lead_in() {
        for (text, want) in [
            ("目前正在推进管网建设", Status::InProgress),
            ("现已完成。", Status::Completed),
            ("现正在整改", Status::InProgress),
            ("截至目前，尚未启动。", Status::NotStarted),
            ("截至11月30日，已完成。", Status::Completed),
            ("截至2020年11月底，正在推进规划编制。", Status::InProgress),
            ("截止目前已完成", Status::Completed),
            ("截至11月底，目前正在推进", Status::InProgress),
        ] {
            assert_eq!(status_from_progress(text), Some(want), "{text}");
        }
        // A lead-in before a step, not the task: still nothing to read.
        assert_eq!(status_from_progress("目前已完成前期工作"), None);
    }

    /// The work named after its completion claim, done and nothing else said (no status
    /// column beside it: adv45 F3), and 全部整改到位 after a subject or a month.
    #[test]
    fn work_said_done_with_its_object_is_completed() {
        for text in [
            "已全面完成辖区河道清漂。",
            "已按时限完成河道“清四乱”工作。",
            "已全面完成辖区河道清漂，并建立长效机制。",
            "辖区内河道“四乱”问题（12处）已全部整改到位。",
            "排查拦河设施3处，已于9月全部整改到位。",
            "排查拦河设施3处，已全部整改到位。",
        ] {
            assert_eq!(
                status_from_progress(text),
                Some(Status::Completed),
                "{text}"
            );
        }
        // A step, a part, a count, or more to do: not the task done.
        for text in [
            "已完成初步排查。",
            "已完成实施方案编制。",
            "已完成排查12处。",
            "已完成一期工程。",
            "已完成河道清漂，下一步将建立长效机制。",
            "已完成河道清漂，尚有2处未清理。",
        ] {
            assert_ne!(
                status_from_progress(text),
                Some(Status::Completed),
                "{text}"
            );
        }
        assert_eq!(status_from_progress("现场检查发现问题3处"), None);
    }

    #[test]
    fn not_applicable_in_progress_text() {
        for text in [
            "我镇不涉及",
            "经排查，我镇辖区内无此项工作。",
            "本单位无此项任务",
            "不适用",
            "本街道无此类企业，不涉及该项任务。",
        ] {
            assert_eq!(
                status_from_progress(text),
                Some(Status::NotApplicable),
                "{text}"
            );
        }
        assert_eq!(
            status_from_progress("已完成整改，不涉及新增用地。"),
            Some(Status::Completed)
        );
        assert_eq!(
            status_from_progress("正在推进，不涉及的村社做好配合"),
            Some(Status::InProgress)
        );
        // Long prose that mentions the words in passing is not an answer of 不涉及.
        let long = "加强污水处理厂运行管理，对进水水质水量实时监控，督促各污水处理厂稳定达标排放，不涉及的镇街做好配合。";
        assert_eq!(status_from_progress(long), None);
        // A longer answer: findings, a clause of 不涉及, what the unit will keep doing.
        for text in [
            "经全面排查，我镇辖区内各河段均不存在拦河养鱼的情况，本项任务我镇不涉及，今后将持续加强巡查。",
            "经组织人员对辖区内河道、水库逐一排查，未发现开垦种植现象，该项任务我街道不涉及；下一步将加强日常巡查，发现一处整治一处。",
            "我镇已全面排查辖区内河段，本项任务我镇不涉及。今后将持续加强巡查。",
        ] {
            assert_eq!(
                status_from_progress(text),
                Some(Status::NotApplicable),
                "{text}"
            );
        }
        // A clause of 不涉及 beside work done or under way is no such answer.
        for text in [
            "经全面排查，我镇辖区内各河段基本不涉及拦河养鱼问题，已督促业主拆除网箱3处，今后将持续加强巡查。",
            "经排查，本项任务我镇不涉及，目前正在配合区农业农村委开展全区拦河养鱼排查整治，今后将持续加强巡查。",
            "经排查，部分村社不涉及，其余村社的整治工作正在推进，下一步将加强巡查。",
        ] {
            assert_ne!(
                status_from_progress(text),
                Some(Status::NotApplicable),
                "{text}"
            );
        }
    }

    #[test]
    fn a_cross_beside_no_progress_is_not_started() {
        assert_eq!(classify_yes_no("×", "暂未开展"), Status::NotStarted);
        assert_eq!(
            classify_yes_no("×", "尚未启动相关工作。"),
            Status::NotStarted
        );
        assert_eq!(classify_yes_no("否", "目前暂无进展"), Status::NotStarted);
        assert_eq!(
            classify_yes_no("×", "正在施工，尚未完成。"),
            Status::InProgress
        );
        assert_eq!(
            classify_yes_no("×", "尚未完成，已完成主体工程"),
            Status::InProgress
        );
    }

    #[test]
    fn placeholders_totals_and_comment_references() {
        for t in ["/", "—", "——", "-", " / ", "、", "一", "一一"] {
            assert!(is_status_placeholder(t), "{t:?}");
        }
        for t in ["", "√", "×", "无", "不涉及"] {
            assert!(!is_status_placeholder(t), "{t:?}");
        }
        for t in ["汇总", "合计", "合计：", "合计：2项", "小计(3)", "总 计"] {
            assert!(is_totals_label(t), "{t}");
        }
        for t in ["汇总整理各单位报表", "合计划", "序号"] {
            assert!(!is_totals_label(t), "{t}");
        }
        for t in ["详见批注", "见批注", "具体情况详见批注。"] {
            assert!(refers_to_comment(t), "{t}");
        }
        assert!(!refers_to_comment(
            "已完成，批注中的问题已整改到位，并通过区级验收和市级复核。"
        ));
        assert_eq!(status_of_percent(100.0), Some(Status::Completed));
        assert_eq!(status_of_percent(0.0), Some(Status::NotStarted));
        assert_eq!(status_of_percent(35.5), Some(Status::InProgress));
        assert_eq!(status_of_percent(150.0), None);
    }

    #[test]
    fn note_rows() {
        for t in [
            "填表说明：1.请如实填写",
            "说明：本表",
            "说明:本表",
            "注：",
            "注:时限",
            "备注：",
            "填表人：张三",
            "审核人：李四",
            "联系人：王五 电话：123",
            "单位负责人：",
            "合计",
            "小计",
            "总 计",
            " 注：以上",
        ] {
            assert!(is_note_row(t), "{t}");
        }
        for t in [
            "1",
            "序号",
            "说明书编制",
            "注重实效",
            "备注",
            "制定出台水产养殖整治相关政策",
            "",
        ] {
            assert!(!is_note_row(t), "{t}");
        }
    }

    #[test]
    fn progress_pointing_elsewhere() {
        for yes in [
            "见附件",
            "详见附件3",
            "详见附件。",
            "详见上表",
            "具体情况见报告",
            "另附",
            "见附表1",
            "（见附件二）",
        ] {
            assert!(refers_elsewhere(yes), "{yes}");
        }
        for no in [
            "详见批注",
            "已完成，见附件",
            "已完成全部整改工作，验收材料已报区住房城乡建委备案",
            "",
            "编制完成附件所列12个项目的实施方案并报区政府审定",
        ] {
            assert!(!refers_elsewhere(no), "{no}");
        }
    }
}
