//! The statuses: THE one home of the status vocabulary, shared by ingest, merge, the
//! ledger and every renderer. Their machine names, Chinese labels, the words in returns
//! that mean each, how a unit is asked to choose one (dropdown, prompt, guide), and how
//! advanced each is. Renaming a status, or accepting a new word for one, is an edit
//! here and nowhere else (templates get the labels from their context).
//!
//! Five statuses are answers a unit can give (`REPORTED`): four say how far the work is,
//! and 不涉及 says the task does not concern the unit (an answer, never progress). Three
//! are derived by the tool: `Unreported` (nobody reported on the task), `Unclear` (a
//! text was reported but not recognised, or contradicts itself; the original text is
//! kept elsewhere) and, for a task only, `Confirming` (everyone who answered has
//! finished, others have not answered yet).

use serde::{Deserialize, Serialize};

/// Progress status of a task (see DOMAIN.md, "Progress statuses").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 已完成: the time-bound part of the task is done (also 已完成并长期坚持).
    Completed,
    /// 已报完成待确认: derived for a task, every unit that decides it and answered says
    /// 已完成 (or 不涉及) while others have not answered yet: done by all accounts in,
    /// to be confirmed when the rest report. Never overdue, never counted completed.
    Confirming,
    /// 长期坚持: a long-term task that is being kept up.
    Ongoing,
    /// 正在推进: work is under way but not finished.
    InProgress,
    /// 未启动: work has not started.
    NotStarted,
    /// 不涉及: the task does not concern the unit (我镇不涉及, 无此项工作). An answer:
    /// the unit is not missing, but nothing was done or is owed.
    NotApplicable,
    /// 未报送: derived, no unit reported on the task.
    Unreported,
    /// 待核实: derived, the reported text was not recognised.
    Unclear,
}

/// What the ledger and the documents say of a 待核实 report that holds a status cell
/// and no progress (否, 见附件): the unit wrote nothing of its work.
pub const NO_PROGRESS_WRITTEN: &str = "未写明具体进展";

/// How the documents tell a 待核实 report with a status cell and no progress: what the
/// unit answered, then what is missing (报未完成，未写明具体进展; 只填写“见附件”，未写明
/// 具体进展), so that no reader takes the tool's words for the unit's. A bare no (否, ×,
/// 未完成) is told as 报未完成.
pub fn answered_without_progress(written: &str) -> String {
    let t = written.trim();
    if t.is_empty() {
        return NO_PROGRESS_WRITTEN.to_string();
    }
    const NO: [&str; 8] = ["否", "×", "✗", "✘", "未完成", "N", "No", "NO"];
    if NO.contains(&t) {
        format!("报未完成，{NO_PROGRESS_WRITTEN}")
    } else {
        format!(
            "只填写“{}”，{NO_PROGRESS_WRITTEN}",
            crate::common::text::excerpt(t, 10)
        )
    }
}

impl Status {
    /// Every status, in declaration order.
    pub const ALL: [Status; 8] = [
        Status::Completed,
        Status::Confirming,
        Status::Ongoing,
        Status::InProgress,
        Status::NotStarted,
        Status::NotApplicable,
        Status::Unreported,
        Status::Unclear,
    ];

    /// The canonical statuses a unit can pick.
    pub const REPORTED: [Status; 5] = [
        Status::Completed,
        Status::Ongoing,
        Status::InProgress,
        Status::NotStarted,
        Status::NotApplicable,
    ];

    /// The Chinese label used in reports and spreadsheets.
    pub const fn label(self) -> &'static str {
        match self {
            Status::Completed => "已完成",
            Status::Confirming => "已报完成待确认",
            Status::Ongoing => "长期坚持",
            Status::InProgress => "正在推进",
            Status::NotStarted => "未启动",
            Status::NotApplicable => "不涉及",
            Status::Unreported => "未报送",
            Status::Unclear => "待核实",
        }
    }

    /// The machine name, identical to the serde name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Completed => "completed",
            Status::Confirming => "confirming",
            Status::Ongoing => "ongoing",
            Status::InProgress => "in_progress",
            Status::NotStarted => "not_started",
            Status::NotApplicable => "not_applicable",
            Status::Unreported => "unreported",
            Status::Unclear => "unclear",
        }
    }

    /// How advanced the status is, for the conservative merge of several reports.
    ///
    /// `Unreported` = 0 and `Unclear` = 1 carry no information about progress and rank
    /// lowest, so any reported word outranks them. Then `NotStarted` = 2 <
    /// `InProgress` = 3 < `Ongoing` = 4 < `Completed` = 5. `Ongoing` sits below
    /// `Completed` because 已完成并长期坚持 counts as completed, while 长期坚持 alone
    /// says the work is being kept up without a finished time-bound part.
    /// `NotApplicable` ranks with `Completed`: nothing is left for the unit to do.
    pub fn advancement(self) -> u8 {
        match self {
            Status::NotApplicable => 5,
            Status::Unreported => 0,
            Status::Unclear => 1,
            Status::NotStarted => 2,
            Status::InProgress => 3,
            Status::Ongoing | Status::Confirming => 4,
            Status::Completed => 5,
        }
    }

    /// The status whose `as_str` or `label` is `s` (exact, after trimming).
    pub fn from_name(s: &str) -> Option<Status> {
        let s = s.trim();
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s || st.label() == s)
    }

    /// True for the statuses a unit can report (`REPORTED`).
    pub fn is_reported(self) -> bool {
        Status::REPORTED.contains(&self)
    }

    /// The words in a status column that mean this status (the label first). The
    /// derived statuses have none. Ingest (`ingest::vocabulary`) matches them exactly or
    /// by containment.
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Status::Completed => COMPLETED_WORDS,
            Status::Ongoing => ONGOING_WORDS,
            Status::InProgress => IN_PROGRESS_WORDS,
            Status::NotStarted => NOT_STARTED_WORDS,
            Status::NotApplicable => NOT_APPLICABLE_WORDS,
            Status::Unreported | Status::Unclear | Status::Confirming => &[],
        }
    }

    /// What the status means, as a unit is told when filling a form.
    pub fn meaning(self) -> &'static str {
        match self {
            Status::Completed => "任务已全部完成",
            Status::Ongoing => "需长期坚持的任务，已取得阶段性成效",
            Status::InProgress => "正在实施，尚未完成",
            Status::NotStarted => "尚未开展",
            Status::NotApplicable => "本单位无此项工作",
            Status::Unreported => "没有单位报送该任务的进展",
            Status::Confirming => "已报送的单位均已完成，尚待未报送的责任单位报送后确认",
            Status::Unclear => "报送的完成状态无法识别，需核实",
        }
    }
}

/// Status words accepted in a status column, by status. The first word is the label.
const COMPLETED_WORDS: &[&str] = &[
    "已完成",
    "完成",
    "已办结",
    "办结",
    "已整改",
    "已整改到位",
    "整改到位",
    "已销号",
    "已验收销号",
    "已完成并长期坚持",
    "已完成并长期保持",
    "已完成并持续推进",
    "全面完成",
    "已全面完成",
    "已完成整改",
    "整改完成",
    "已整改完成",
    "已整改完毕",
    "整改完毕",
    "已落实",
    "已落实到位",
    "已解决",
    "问题已解决",
    "已完结",
    "完结",
    "已完工",
    "已清零",
    "已全部清零",
    "问题已清零",
];

/// Words that are a status as a whole status cell only: a work built, a policy issued
/// (已建成, 已出台: 已完成), a plan kept to (按计划推进: 正在推进). Progress texts open
/// with them too (已出台管理办法, 已建成3座, 按计划推进相关工作), where they say what
/// was done or how, so they are no words of a status inside a longer text.
pub const WHOLE_CELL_WORDS: &[(Status, &[&str])] = &[
    (
        Status::Completed,
        &[
            "已建成",
            "已建成投用",
            "建成投用",
            "已建成投运",
            "建成投运",
            "已出台",
            "已印发",
            "已制定",
            "已批复",
            "已投运",
            "已投用",
            "已建立",
            "已竣工",
            "已通过验收",
            "已验收",
            "已整治",
            "已整治到位",
            "已清理",
            "已清理到位",
        ],
    ),
    (Status::Ongoing, &["持续落实", "长期"]),
    (
        Status::InProgress,
        &[
            "按计划推进",
            "按计划实施",
            "进展顺利",
            "正在收尾",
            "基本建成",
            "主体完工",
            "主体已完工",
            "正在完善",
        ],
    ),
];
const ONGOING_WORDS: &[&str] = &[
    "长期坚持",
    "持续推进",
    "常态化推进",
    "持续整改",
    "长期推进",
    "常态化",
    "长期保持",
    "持续开展",
    "持续实施",
    "持续办理",
    "持续抓好",
    "长效推进",
];
const IN_PROGRESS_WORDS: &[&str] = &[
    "正在推进",
    "推进中",
    "正在整改",
    "按序时推进",
    "基本完成",
    "整改中",
    "正在实施",
    "进行中",
    "正在进行",
    "序时推进",
    "按序时进度推进",
    // On schedule, or behind it: under way either way (adv53 a 9).
    "达序时进度",
    "达到序时进度",
    "滞后",
    "进度滞后",
    "滞后于序时进度",
    "部分完成",
    "初步完成",
    "阶段性完成",
    "正在加快推进",
    "加快推进",
    "已启动",
    "实施中",
    "办理中",
    "正在办理",
    "在推进",
    "正常推进",
    "按月推进",
    "稳步推进",
    "有序推进",
    "待审定",
    "待审批",
    "审批中",
    "报批中",
    "尚未全部完成",
    "未全部完成",
    "落实中",
    "推进落实中",
    // Work named under way (摸排中, 整改中, 协调中).
    "摸排中",
    "排查中",
    "整治中",
    "协调中",
    "拆除中",
    "清理中",
    "修复中",
    "编制中",
    // Building started (已开工建设, 正在施工), not finished.
    "已开工",
    "已开工建设",
    "正在施工",
    "施工中",
    "已进场施工",
    "正在建设",
    "建设中",
    // Late, the unit asking for more time: not done, still worked on.
    "延期",
    "已申请延期",
    "申请延期",
    "延期推进",
];
const NOT_STARTED_WORDS: &[&str] = &[
    "未启动",
    "尚未开展",
    "未开展",
    "尚未启动",
    "未开工",
    "暂未启动",
    "未开始",
    "尚未开始",
    "还没有开始",
    "还未开始",
    "还未启动",
    "还没有启动",
];

/// Phrases that claim completion when they open a progress text and the claim stands
/// alone (已完成。 已全面完成整改，…; not 已完成前期工作): ingest reads such a text as
/// 已完成 (`ingest::vocabulary::status_from_progress`).
pub const COMPLETION_CLAIMS: &[&str] = &[
    "已全面完成",
    "已全部完成",
    "全部完成",
    "已按期完成",
    "已按时完成",
    "已整改到位",
    "已验收销号",
    "已完成",
    "已办结",
    "已销号",
    "全面完成",
    "已整改完成",
    "已整改完毕",
    "已全部整改到位",
    "已全面整改到位",
    "已全部整改完毕",
];

/// What may follow a completion claim and leave it standing: 已完成并长期坚持.
pub const COMPLETION_KEPT_UP: &[&str] = &["并长期坚持", "并长期保持"];

/// Not-started words that say so anywhere in a progress text when no other status word
/// is there (因资金原因，该项工作尚未开展。).
pub const NOT_STARTED_ANYWHERE: &[&str] = &["尚未开展", "尚未启动"];

const NOT_APPLICABLE_WORDS: &[&str] = &[
    "不涉及",
    "无此项工作",
    "不适用",
    "本单位无此项任务",
    "无此项任务",
    "本单位不涉及",
    "我镇不涉及",
    "我街道不涉及",
    "我单位不涉及",
    "未涉及",
    "无此情况",
    "无此问题",
    "无该问题",
    "不存在该问题",
    "不存在此问题",
    "与我单位无关",
    "没有涉及",
    "不存在",
    // Nothing to rectify here (the unit checked): no task of its own, not a completion.
    "无需整改",
    "无需整治",
    "不需整改",
    "不需要整改",
    "NA",
    "na",
];

/// Phrases of a short progress text that say the task does not concern the unit
/// (我镇不涉及此项工作, 经排查，本街道无此项任务, 不适用): with no status picked (or
/// “/”, “—”), ingest reads such a text as 不涉及 when it names no other status
/// (`ingest::vocabulary::status_from_progress`).
pub const NOT_APPLICABLE_PHRASES: &[&str] = &[
    "不是本单位任务",
    "不是我单位任务",
    "不是我镇任务",
    "不是我街道任务",
    "非本单位任务",
    "不涉及",
    "未涉及",
    "不适用",
    "无此项",
    "无该项",
    "无此类",
    "无相关任务",
    "无相关工作",
    "无此任务",
    "无该任务",
    "辖区内无",
    "辖区无",
    "辖区内没有",
    "辖区内不存在",
    // 经排查，辖区内未发现拦河养鱼现象: checked, nothing there.
    "辖区内未发现",
    "辖区未发现",
    "经排查未发现",
    "经排查,未发现",
    "无此情况",
    "无该类情况",
    "未发现此类",
    "不在我镇辖区",
    "不在本辖区",
    "不在我街道辖区",
    "不存在该问题",
    "不存在此问题",
    "不存在此类情况",
    "不存在此类问题",
    "不存在该情况",
    "不存在此情况",
    "无关",
    "我镇无",
    "本镇无",
    "我街道无",
    "本街道无",
    "我单位无",
    "本单位无",
    // 非我镇任务, 非本单位工作, 不属我镇职能, 不是我单位职责: not the unit's task.
    "非我单位",
    "非我镇",
    "非我街道",
    "非我局",
    "非我委",
    "非我办",
    "非我中心",
    "非我公司",
    "非本单位",
    "非本镇",
    "非本街道",
    "不属我",
    "不是我单位",
    "不是我镇",
    "不是我街道",
    "不是我局",
    "不是我委",
    "不是本单位",
    // 此项不属于我镇职责范围: not the unit's duty (非我单位职责 is 非我单位's, above).
    "不属于我",
    "不属于本单位",
    "不属于本镇",
    "不属于本街道",
];

/// The longest progress text (in characters) read as 不涉及 by its phrase: a longer
/// text reports something else and mentions the words in passing.
pub const NOT_APPLICABLE_TEXT_CHARS: usize = 40;

/// Words that may open a progress text before its status phrase without changing it
/// (目前正在推进, 现已完成, 截至目前，尚未启动). A dated lead-in (截至11月30日，) is
/// [`DATED_LEAD_INS`] followed by a date.
pub const STATUS_LEAD_INS: &[&str] = &[
    "截至目前",
    "截止目前",
    "到目前为止",
    "截至当前",
    "截止当前",
    "目前",
    "当前",
    "现阶段",
    "现",
    "该项整改任务",
    "此项整改任务",
    "该项整改工作",
    "此项整改工作",
    "该项整改",
    "此项整改",
    "该项工作",
    "该项任务",
    "此项工作",
    "此项任务",
    "本项整改",
    "本项工作",
    "本项任务",
    "该整改任务",
    "该任务",
    "该问题",
    "此问题",
    // Alone, after every longer lead-in it opens (…，该项已完成。: adv51 a 2).
    "该项",
    "此项",
    "本项",
];

/// Words that open a dated lead-in: 截至2020年11月30日， 截止11月底，.
pub const DATED_LEAD_INS: &[&str] = &["截至", "截止", "到"];

/// Openings of a progress text that reports no progress (暂未开展, 尚未启动相关工作):
/// beside a cross in a 是否完成 column the task has not started, unless the text also
/// says something is under way (已, 正在, or an in-progress word).
pub const NO_PROGRESS_OPENINGS: &[&str] = &["暂未", "尚未", "还未", "暂无", "未"];

/// Phrases anywhere in a progress text that state the work is finished (the status
/// should then be 已完成): merge checks them against the status a unit picked
/// (`merge::doubt`).
pub const COMPLETION_STATEMENTS: &[&str] = &[
    "已完成",
    "已全面完成",
    "已全部完成",
    "全部完成",
    "已按期完成",
    "已通过验收",
    "通过验收",
    "已验收",
    "已竣工",
    "已建成",
    "建成投用",
    "已投入使用",
    "已投入运行",
    "已投运",
    "已办结",
    "已整改到位",
    "已销号",
    "已出台",
    "已印发",
];

/// Phrases in a progress text that say the work is not finished yet.
pub const UNFINISHED_CLAIMS: &[&str] = &[
    "尚未",
    "正在",
    "剩余",
    "拟于",
    "将于",
    "推进中",
    "未完成",
    "暂未",
    "待完成",
    "进行中",
    "实施中",
    "建设中",
    "施工中",
    // Not yet, in other words (adv53 a 3); each with what is not yet done, so that 仍未
    // 发现反弹 or 还没来得及报送 is no unfinished work (second review c 6, c 8).
    "仍未完成",
    "仍未完工",
    "仍未建成",
    "仍未整改",
    "仍未落实",
    "仍未拆除",
    "仍未开工",
    "仍未启动",
    "仍未出台",
    "仍未印发",
    "还未完成",
    "还未完工",
    "还未建成",
    "还未建立",
    "还未出台",
    "还未印发",
    "还未开工",
    "还未启动",
    "还未整改",
    "还未落实",
    "还没有完成",
    "还没有完工",
    "还没有建成",
    "还没有建立",
    "还没有开工",
    "还没有启动",
    "还没完成",
    "还没完工",
    "未完工",
    "即将完成",
    "即将完工",
    "即将建成",
    "即将竣工",
    "还差",
    // A step still to come: approval, a start, work put off (session 57 review a 2,
    // narrowed by review c 2: 公示期满, 仍需加强日常巡查 and 首次验收未通过 are no
    // step to come; drafting 编制中 and the like are `merge::doubt::not_done_after_all`'s,
    // at a clause's end).
    "公示期内",
    "尚在公示",
    "待批复",
    "待审议",
    "待审批",
    "待审定",
    "审定后印发",
    "报批阶段",
    "待区政府",
    "待区委",
    "待市级",
    "待上级",
    "暂缓",
    "尚需",
    "已进场",
    "纳入2021年",
    "列入2021年",
    "纳入明年",
    "列入明年",
];

/// A plan for later (计划12月底前完成, 预计2020年12月底完成, 力争于明年实施) also says
/// the work is unfinished: one of these words followed by a date or 于/在/今年/明年/下一步
/// (not 计划用水).
pub const PLANNED_CUES: &[&str] = &["计划", "预计", "力争", "争取"];

/// Words that make a completion in a short status cell a plan, not a fact (预计12月底完成,
/// 力争年底前完成, 确保按期完成, 拟于12月完成): the work is under way.
pub const STATUS_PLAN_CUES: &[&str] =
    &["预计", "计划", "力争", "争取", "确保", "拟于", "拟", "将于"];

/// Words that make a completion in a short status cell doubtful (待完成, 需市级审批后完成,
/// 原定10月底完成: not done, and nothing says whether work started).
pub const STATUS_DOUBT_CUES: &[&str] = &["待", "需", "原定", "原计划", "尚需", "仍需"];

/// Stages of a task that 已完成 may name in a status cell (已完成初稿, 已完成招标,
/// 已完成前期工作): a step done, the task under way.
pub const PARTIAL_STAGES: &[&str] = &[
    "初稿",
    "招标",
    "前期",
    "阶段性",
    "部分",
    "设计",
    "立项",
    "选址",
    "可研",
    "征求意见",
    "采购",
    "摸排",
    "调查",
    "初步",
    "方案编制",
    "编制初稿",
    "第一阶段",
    "一期",
    "一半",
    "主体",
    "招投标",
    "前置",
];

/// The labels a unit picks from (a form's dropdown), in order, as a constant.
pub const CHOICES: [&str; 5] = [
    Status::REPORTED[0].label(),
    Status::REPORTED[1].label(),
    Status::REPORTED[2].label(),
    Status::REPORTED[3].label(),
    Status::REPORTED[4].label(),
];

/// The labels a unit picks from (a form's dropdown), in order.
pub fn choices() -> Vec<&'static str> {
    Status::REPORTED.iter().map(|s| s.label()).collect()
}

/// The choices as a list in a sentence: 已完成、长期坚持、正在推进、未启动.
pub fn choices_listed() -> String {
    choices().join("、")
}

/// The choices as alternatives in a sentence: 已完成、长期坚持、正在推进或未启动.
pub fn choices_or() -> String {
    let c = choices();
    match c.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}或{last}", rest.join("、")),
        _ => c.join(""),
    }
}

/// A form's dropdown prompt: 请从下拉列表中选择：已完成、长期坚持、正在推进、未启动。
pub fn dropdown_prompt() -> String {
    format!("请从下拉列表中选择：{}。", choices_listed())
}

/// Each choice with its meaning, for a form's instructions:
/// 已完成（任务已全部完成）、长期坚持（…）、正在推进（…）、未启动（尚未开展）.
pub fn choices_explained() -> String {
    Status::REPORTED
        .iter()
        .map(|s| format!("{}（{}）", s.label(), s.meaning()))
        .collect::<Vec<_>>()
        .join("、")
}

/// How a task's status is decided, in Chinese for the clerk (the workbook's notes; the
/// same rule as `merge::task_status`, docs/ledger.md).
pub fn rule_explained() -> String {
    use Status::*;
    format!(
        "任务状态由牵头单位（无牵头单位时为责任单位）的报送决定，配合单位的报送一般不计入：\
         各单位均报“{done}”（或“{na}”）才计为{done}；已答复的单位均为“{done}”或“{ongoing}”（至少一个“{ongoing}”）时计为{ongoing}；\
         已答复的单位均为“{done}”（或“{na}”）而其余单位未报送时计为{cf}；\
         已答复的单位均为“{ns}”时计为{ns}；部分单位未报送或各单位进度不一时计为{ip}；\
         均未报送时为{ur}，但已报送的配合单位均报“{done}”时计为{cf}；有单位报送的状态与其进展情况矛盾，各单位均报“{na}”（与方案分工不符），或牵头单位报“{done}”而其下责任单位自行报送“{ip}”“{ns}”时为{uc}；\
         牵头单位报“{done}”而其汇总的责任单位有“{ip}”“{ns}”的，或报“{ongoing}”而有“{ns}”的，计为{ip}。\
         完成时限为“{ongoing}”的任务，报“{done}”按“{ongoing}”计；须按期完成的任务报“{ongoing}”的，为{uc}。",
        done = Completed.label(),
        cf = Confirming.label(),
        na = NotApplicable.label(),
        ongoing = Ongoing.label(),
        ns = NotStarted.label(),
        ip = InProgress.label(),
        ur = Unreported.label(),
        uc = Unclear.label(),
    )
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Phrases that say by themselves that the unit has no task (我院无相关整改任务).
const NO_TASKS: [&str; 9] = [
    "无相关整改任务",
    "无相关任务",
    "无此项工作任务",
    "无此项任务",
    "无整改任务",
    "无承担任务",
    "没有相关任务",
    "未承担相关任务",
    "未承担整改任务",
];

/// Words naming the plan or its tasks as a whole, beside a not-applicable phrase (我局
/// 不涉及该方案中的整改任务, 我镇不涉及相关工作).
const WHOLE_PLAN: [&str; 13] = [
    "方案",
    "整改任务",
    "相关任务",
    "相关工作",
    "任何任务",
    "各项任务",
    "全部任务",
    "所列任务",
    "上述任务",
    "以上任务",
    "本次整改",
    "此次整改",
    "评议意见",
];

/// Words of an instruction or a condition (不涉及的单位请回复“不涉及”, 如不涉及…):
/// no answer.
const NOT_AN_ANSWER: [&str; 8] = ["请", "填", "如", "若", "应", "可", "除", "是否"];

/// Words of work done or under way: a text saying them reports progress on some task
/// (无牵头任务，配合任务已完成), whatever else it says.
const WORK_REPORTED: [&str; 7] = [
    "已完成",
    "均已",
    "已于",
    "正在",
    "已开展",
    "已实施",
    "推进中",
];

/// The clause of `text` that says the unit has no task in the plan at all: one of
/// [`NO_TASKS`], a not-applicable phrase naming the plan as a whole, or a word of none
/// before a word of task ([`lacks_tasks`]). `None` for a text naming a task (第12项: a
/// note on some tasks, read elsewhere), an instruction or an exception, a text reporting
/// work, or a long text (a report's body).
pub fn no_task_of_ours(text: &str) -> Option<String> {
    let t = crate::common::text::one_line(text);
    if t.chars().count() > 200
        || (t.contains('第') && t.contains('项'))
        || WORK_REPORTED.iter().any(|w| t.contains(w))
    {
        return None;
    }
    t.split(['，', '。', '；', ',', ';', '！', '：', ':'])
        .map(str::trim)
        .find(|c| {
            c.chars().count() <= 40
                && !NOT_AN_ANSWER.iter().any(|w| c.contains(w))
                && (NO_TASKS.iter().any(|p| c.contains(p))
                    || (NOT_APPLICABLE_PHRASES.iter().any(|p| c.contains(p))
                        && WHOLE_PLAN.iter().any(|w| c.contains(w)))
                    || lacks_tasks(c))
        })
        .map(str::to_string)
}

/// A clause saying the unit has no task in the plan in words of its own: 无, 没有 or 暂无
/// before its last 任务 or 事项 (方案中无我单位牵头或责任的任务, 我镇在该方案中没有整改任务,
/// 该方案中无我街道需落实的整改事项), or 为零 after it (涉及我街道的整改任务为零); the clause
/// naming the plan or the unit itself (我镇, 本单位). Not a clause of the lead role alone
/// (无牵头任务: its other tasks may be its own).
fn lacks_tasks(c: &str) -> bool {
    let Some(task) = ["任务", "事项"].iter().filter_map(|w| c.rfind(w)).max() else {
        return false;
    };
    let none_before = ["无", "没有", "暂无"]
        .iter()
        .any(|w| c.find(w).is_some_and(|i| i < task));
    let zero_after = ["为零", "为0"].iter().any(|w| c[task..].contains(w));
    let lead_only = c.contains("牵头") && !["责任", "负责"].iter().any(|w| c.contains(w));
    (none_before || zero_after)
        && !lead_only
        && (WHOLE_PLAN.iter().any(|w| c.contains(w)) || c.contains('我') || c.contains("本单位"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_about_the_whole_plan_is_found_and_instructions_are_not() {
        for (text, clause) in [
            (
                "经认真核查，我局不涉及该方案中的整改任务。",
                "我局不涉及该方案中的整改任务",
            ),
            ("经核查，我院无相关整改任务。", "我院无相关整改任务"),
            ("我镇不涉及相关工作，特此报告。", "我镇不涉及相关工作"),
            (
                "对照整改任务分解表，方案所列任务均不涉及我中心",
                "方案所列任务均不涉及我中心",
            ),
            // None before a task, in the unit's own words.
            (
                "经对照，方案中无我单位牵头或责任的任务。",
                "方案中无我单位牵头或责任的任务",
            ),
            ("我镇在该方案中没有整改任务。", "我镇在该方案中没有整改任务"),
            (
                "经核实，整改任务分解表中没有我镇的任务。",
                "整改任务分解表中没有我镇的任务",
            ),
            ("我办在本次整改中无具体任务。", "我办在本次整改中无具体任务"),
            (
                "方案中涉及我街道的整改任务为零。",
                "方案中涉及我街道的整改任务为零",
            ),
            ("我街道暂无该方案整改任务。", "我街道暂无该方案整改任务"),
            (
                "该方案中无我街道需落实的整改事项。",
                "该方案中无我街道需落实的整改事项",
            ),
            // Not the unit's task, in a clause naming the plan.
            ("方案所列任务非我镇职责范围", "方案所列任务非我镇职责范围"),
        ] {
            assert_eq!(no_task_of_ours(text).as_deref(), Some(clause), "{text}");
        }
        for text in [
            // An instruction to whoever fills the table.
            "不涉及本方案任务的单位请回复“不涉及”。",
            "如不涉及相关任务，完成状态填写“不涉及”",
            // Some tasks by number: a note read elsewhere.
            "第12项、第24项不涉及我镇",
            // An exception: the rest are the unit's.
            "除第5项外，其余方案任务不涉及",
            // One task's matter, not the plan.
            "我镇辖区内无拦河养鱼现象",
            // Progress.
            "我局已完成整改任务",
            // The lead role alone, or work beside it.
            "我镇无牵头任务",
            "方案中无我单位牵头或责任的任务，配合任务均已完成",
            // No task named, nor the plan or the unit.
            "无人机巡查任务",
        ] {
            assert_eq!(no_task_of_ours(text), None, "{text}");
        }
    }

    #[test]
    fn an_answer_without_progress_is_told_as_answered() {
        assert_eq!(answered_without_progress("否"), "报未完成，未写明具体进展");
        assert_eq!(answered_without_progress(" × "), "报未完成，未写明具体进展");
        assert_eq!(
            answered_without_progress("见附件"),
            "只填写“见附件”，未写明具体进展"
        );
        assert_eq!(answered_without_progress(""), "未写明具体进展");
    }

    #[test]
    fn labels_and_names() {
        let expected = [
            (Status::Completed, "已完成", "completed"),
            (Status::Ongoing, "长期坚持", "ongoing"),
            (Status::InProgress, "正在推进", "in_progress"),
            (Status::NotStarted, "未启动", "not_started"),
            (Status::NotApplicable, "不涉及", "not_applicable"),
            (Status::Unreported, "未报送", "unreported"),
            (Status::Unclear, "待核实", "unclear"),
        ];
        for (st, label, name) in expected {
            assert_eq!(st.label(), label);
            assert_eq!(st.as_str(), name);
            assert_eq!(st.to_string(), label);
            assert_eq!(Status::from_name(name), Some(st));
            assert_eq!(Status::from_name(label), Some(st));
        }
        assert_eq!(Status::from_name("done"), None);
    }

    #[test]
    fn serde_names_match_as_str() {
        for st in Status::ALL {
            let json = serde_json::to_string(&st).unwrap();
            assert_eq!(json, format!("\"{}\"", st.as_str()));
            let back: Status = serde_json::from_str(&json).unwrap();
            assert_eq!(back, st);
        }
    }

    #[test]
    fn advancement_order() {
        use Status::*;
        let order = [
            Unreported, Unclear, NotStarted, InProgress, Ongoing, Completed,
        ];
        for w in order.windows(2) {
            assert!(
                w[0].advancement() < w[1].advancement(),
                "{:?} < {:?}",
                w[0],
                w[1]
            );
        }
        let best = [InProgress, Unclear, Completed, NotStarted]
            .into_iter()
            .max_by_key(|s| s.advancement());
        assert_eq!(best, Some(Completed));
    }

    #[test]
    fn sentences_list_the_choices() {
        assert_eq!(
            choices(),
            ["已完成", "长期坚持", "正在推进", "未启动", "不涉及"]
        );
        assert_eq!(choices_or(), "已完成、长期坚持、正在推进、未启动或不涉及");
        assert_eq!(
            dropdown_prompt(),
            "请从下拉列表中选择：已完成、长期坚持、正在推进、未启动、不涉及。"
        );
        assert!(choices_explained().starts_with("已完成（任务已全部完成）、长期坚持（"));
        for s in Status::REPORTED {
            assert_eq!(
                s.words()[0],
                s.label(),
                "{s:?}: the label is the first word"
            );
        }
    }

    #[test]
    fn the_rule_in_chinese_names_every_status() {
        let rule = rule_explained();
        for s in Status::ALL {
            assert!(rule.contains(s.label()), "{s:?} in {rule}");
        }
        assert!(rule.contains("配合单位的报送一般不计入"));
    }

    #[test]
    fn reported_set() {
        assert_eq!(Status::REPORTED.len(), 5);
        assert!(Status::Completed.is_reported());
        assert!(!Status::Unclear.is_reported());
        assert!(!Status::Unreported.is_reported());
    }
}
