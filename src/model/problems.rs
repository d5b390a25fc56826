//! Problems: everything the run found wrong or noteworthy, each naming file, sheet and
//! row, saying in Chinese what is wrong and what to do. Codes are stable (docs/ledger.md).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Data could not be used: a file, sheet or row is not in the ledger.
    Error,
    /// Data was used, but a person should check it.
    Warning,
    /// For the record (a lock file skipped, an instruction sheet passed over).
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// Problem codes. The serde names are the codes written to ledger.json.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    // Files
    FileSkipped,
    FileEmpty,
    FileNotSpreadsheet,
    FileEncrypted,
    FileCorrupt,
    FileTooLarge,
    FileFailed,
    // Sheets
    SheetSkipped,
    /// What a reader says of a file it did read: a damaged sheet skipped (the others
    /// read), a chart or macro sheet skipped, merged cells unreadable, an unknown code
    /// page read with the nearest one.
    ReadNote,
    NoHeader,
    /// A column whose header the tool does not know: its text kept in the notes.
    ColumnUnknown,
    /// A Word document with no table whose text reports progress (第12项…已完成): a
    /// written report, to be entered by hand.
    ProseReport,
    /// A Word document with no table, read section by section: each under a heading
    /// naming its task (一、关于“…”（第60项）), its status read from the words.
    ProseRead,
    /// A table found, but none of its task rows filled in.
    NothingFilled,
    // Units and dates of a return
    UnitUnknown,
    UnitAmbiguous,
    FilingDateMissing,
    /// A unit's latest return is dated before this round's notice: likely last round's
    /// file sent again.
    FiledBeforeNotice,
    /// A checklist marker that does not fit this plan or its unit directory.
    MarkerMismatch,
    // Rows
    TaskUnknown,
    TaskUnmatched,
    TaskMatchedByText,
    /// A bare Chinese-numeral 序号 (十二) on a row with no measure text, read as the task.
    TaskMatchedByNumeral,
    TaskTextMismatch,
    StatusUnclear,
    /// The status a unit picked contradicts its own progress text.
    StatusContradicted,
    DateUnreadable,
    /// A 完成时间 cell and the progress text name different days the work was done.
    DateContradicted,
    Unassigned,
    /// A statement under a table (以上任务均不涉及我街道) read as the 不涉及 of the task
    /// rows above it left blank; or a return saying the unit has no task in the plan
    /// (我局不涉及该方案中的整改任务) read as its 不涉及 on each of its tasks.
    NotApplicableStatement,
    // Merge
    Conflict,
    Duplicate,
    /// A later return says less than an earlier one of the same unit (已完成, then
    /// 正在推进): the later stands, the clerk checks.
    SteppedBack,
    /// A count of work done (已清掏化粪池560座) is smaller in a unit's later return than
    /// in its earlier one (已清掏356座): the later stands, the clerk checks the figures.
    FigureFell,
    /// A unit wrote a 完成时限 other than the plan's (2021年3月底（已申请延期）, or an
    /// added 调整后完成时限 column): the plan's still counts, the clerk checks the
    /// extension.
    DeadlineChanged,
    /// Tasks of the collector (the bureau itself) with no progress in its own return.
    CollectorMissing,
    // Rounds
    /// Rows of a return filed after the round's as-of date: not counted in this round.
    FiledAfterAsOf,
    /// A completion dated after the as-of date: counted as 正在推进 in this round.
    CompletedAfterAsOf,
    /// 已完成 with a completion date after the return's filing date (and not after the
    /// as-of date): a date planned, or a slip; counted as written, the clerk asked.
    CompletedAfterFiling,
    /// The previous round could not be read: no comparison made.
    PreviousRound,
    /// A unit's return, under a newer date, repeats its last round's word for word with
    /// tasks still unfinished: likely last round's file sent again; the clerk asks.
    SameAsLastRound,
    /// A unit that reported a task done last round and sent nothing on it this round:
    /// last round's report stands (`reports[].carried_from`).
    Carried,
}

impl Code {
    /// The problem's kind in Chinese, as the clerk reads it (the workbook's 问题清单).
    pub fn label(self) -> &'static str {
        match self {
            Code::FileSkipped => "文件已跳过",
            Code::FileEmpty => "空文件",
            Code::FileNotSpreadsheet => "不是表格文件",
            Code::FileEncrypted => "文件已加密",
            Code::FileCorrupt => "文件已损坏",
            Code::FileTooLarge => "文件过大",
            Code::FileFailed => "文件无法读取",
            Code::SheetSkipped => "工作表已跳过",
            Code::ReadNote => "读取说明",
            Code::NoHeader => "未找到表头",
            Code::ColumnUnknown => "未识别的列",
            Code::ProseReport => "文字报告需人工录入",
            Code::ProseRead => "从文字报告读取",
            Code::NothingFilled => "未填写任何进展",
            Code::UnitUnknown => "无法识别填报单位",
            Code::UnitAmbiguous => "填报单位不明确",
            Code::MarkerMismatch => "任务清单与单位不符",
            Code::FilingDateMissing => "缺少填报日期",
            Code::FiledBeforeNotice => "填报日期早于通知",
            Code::TaskUnknown => "序号不在方案中",
            Code::TaskUnmatched => "无法对应整改任务",
            Code::TaskMatchedByText => "按举措文字对应任务",
            Code::TaskMatchedByNumeral => "中文数字序号",
            Code::TaskTextMismatch => "序号与举措文字不符",
            Code::StatusUnclear => "完成状态不明确",
            Code::StatusContradicted => "状态与进展不符",
            Code::DateUnreadable => "日期无法识别",
            Code::DateContradicted => "完成时间与进展不符",
            Code::Unassigned => "非责任单位报送",
            Code::NotApplicableStatement => "按说明记为不涉及",
            Code::Conflict => "报送内容冲突",
            Code::Duplicate => "重复报送",
            Code::SteppedBack => "进展倒退",
            Code::FigureFell => "累计数减少",
            Code::DeadlineChanged => "完成时限变更",
            Code::FiledAfterAsOf => "晚于统计截止日期报送",
            Code::CompletedAfterAsOf => "完成日期晚于统计截止日期",
            Code::SameAsLastRound => "与上期报送相同",
            Code::CompletedAfterFiling => "完成日期晚于填报日期",
            Code::PreviousRound => "上期汇总无法读取",
            Code::Carried => "沿用上期完成情况",
            Code::CollectorMissing => "我局任务未填写",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Code::FileSkipped => "file_skipped",
            Code::FileEmpty => "file_empty",
            Code::FileNotSpreadsheet => "file_not_spreadsheet",
            Code::FileEncrypted => "file_encrypted",
            Code::FileCorrupt => "file_corrupt",
            Code::FileTooLarge => "file_too_large",
            Code::FileFailed => "file_failed",
            Code::SheetSkipped => "sheet_skipped",
            Code::ReadNote => "read_note",
            Code::NoHeader => "no_header",
            Code::ColumnUnknown => "column_unknown",
            Code::ProseReport => "prose_report",
            Code::ProseRead => "prose_read",
            Code::NothingFilled => "nothing_filled",
            Code::UnitUnknown => "unit_unknown",
            Code::UnitAmbiguous => "unit_ambiguous",
            Code::MarkerMismatch => "marker_mismatch",
            Code::FilingDateMissing => "filing_date_missing",
            Code::FiledBeforeNotice => "filed_before_notice",
            Code::TaskUnknown => "task_unknown",
            Code::TaskUnmatched => "task_unmatched",
            Code::TaskMatchedByText => "task_matched_by_text",
            Code::TaskMatchedByNumeral => "task_matched_by_numeral",
            Code::TaskTextMismatch => "task_text_mismatch",
            Code::StatusUnclear => "status_unclear",
            Code::StatusContradicted => "status_contradicted",
            Code::DateUnreadable => "date_unreadable",
            Code::DateContradicted => "date_contradicted",
            Code::Unassigned => "unassigned",
            Code::NotApplicableStatement => "not_applicable_statement",
            Code::Conflict => "conflict",
            Code::Duplicate => "duplicate",
            Code::SteppedBack => "stepped_back",
            Code::FigureFell => "figure_fell",
            Code::DeadlineChanged => "deadline_changed",
            Code::FiledAfterAsOf => "filed_after_as_of",
            Code::CompletedAfterAsOf => "completed_after_as_of",
            Code::SameAsLastRound => "same_as_last_round",
            Code::CompletedAfterFiling => "completed_after_filing",
            Code::PreviousRound => "previous_round",
            Code::Carried => "carried",
            Code::CollectorMissing => "collector_missing",
        }
    }
}

/// One problem, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    pub code: Code,
    /// Path relative to the returns folder, `/`-separated.
    pub file: String,
    pub sheet: Option<String>,
    /// 1-based, as Excel shows it.
    pub row: Option<u32>,
    /// Chinese: what is wrong and what to do.
    pub message: String,
}

impl Problem {
    pub fn new(severity: Severity, code: Code, file: &str, message: impl Into<String>) -> Problem {
        Problem {
            severity,
            code,
            file: file.to_string(),
            sheet: None,
            row: None,
            message: message.into(),
        }
    }

    pub fn at(mut self, sheet: Option<&str>, row: Option<u32>) -> Problem {
        self.sheet = sheet.map(str::to_string);
        self.row = row;
        self
    }

    /// Whether the problem is of `code` and on the row `source` names.
    pub fn is_on_row(&self, code: Code, source: &crate::model::Source) -> bool {
        self.code == code
            && self.file == source.file
            && self.sheet.as_deref() == Some(source.sheet.as_str())
            && self.row == Some(source.row)
    }

    /// "文件 工作表“X” 第N行" — where it is, for messages.
    pub fn location(&self) -> String {
        let mut s = self.file.clone();
        if let Some(sh) = &self.sheet {
            s.push_str(&format!(" 工作表“{sh}”"));
        }
        if let Some(r) = self.row {
            s.push_str(&format!(" 第{r}行"));
        }
        s
    }
}
