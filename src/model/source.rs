//! Provenance: where every fact came from (file, sheet, row), what happened to each
//! file, and the rows passed over. Written by ingest, kept in the ledger.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a fact came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    /// Relative to the returns folder, `/`-separated.
    pub file: String,
    pub sheet: String,
    /// 1-based row, as Excel shows it.
    pub row: u32,
}

/// Why a non-empty row is not a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// Title rows and the 填报单位 / 填报日期 line above the header.
    Title,
    Header,
    CategoryHeading,
    /// 填表说明, 注：, 填表人, 合计 and the like.
    Note,
    /// A sheet with no recognisable header (instructions).
    NoHeaderSheet,
    HiddenSheet,
    /// A task row whose input cells (progress, status, dates, evidence, note) are all
    /// empty: our checklist's rows a unit left blank, the rows of a whole-plan copy that
    /// are not the unit's. Not a report (the task stays missing for the unit).
    Unfilled,
    /// A row with only progress text right under a task row: its text was appended to
    /// that row's progress.
    Continuation,
    /// A totals row (汇总, 合计, 小计), often a SUBTOTAL formula of an Excel table.
    Total,
    /// A paragraph of a Word return below its table (signature, date, notes).
    Paragraph,
    /// A lead unit's round (`--as`): a report on a task the unit does not lead,
    /// left to the bureau.
    OutOfScope,
    /// A list of the evidence sent (佐证材料目录): one material per row, no progress.
    EvidenceList,
    /// A sheet counting the tasks by status (完成情况统计: 序号 | 完成状态 | 任务数 |
    /// 占比): the unit's summary of its progress, no report on a task.
    Tally,
    /// A row hidden on the sheet whose task a visible row of the same unit also
    /// reports: the older version.
    HiddenRow,
    /// A row naming the unit whose rows follow (二、来苏镇) in a consolidated return.
    UnitHeading,
    /// A row hidden on the sheet, on a task its unit has no role in: the rows of a copy
    /// of the whole table (the bureau's 台账 sent back) the unit hid to show its own.
    HiddenOther,
    /// A row on a task the unit has no role in that is no report of its own: 不涉及 (a
    /// whole-plan copy answering every row that is not the unit's), or any row of a
    /// copy of the whole table filled in on other units' tasks (warned of).
    NotOwed,
    /// A row from a line setting off reference material (附：11月报送情况（供参考）) to
    /// the end of the sheet.
    Reference,
    /// A label row of a registration form (登记表: 完成状态 | 已完成, labels down the
    /// side) whose value went into the form's record.
    FormField,
    /// A form's worked example left in (序号 示例, （填写示例）全区XX座…, 此行为示例):
    /// no unit's report.
    Example,
    /// A row numbering the columns under the header (栏次 | 1 | 2 | 3 …, as printed
    /// statistical forms have).
    ColumnNumbers,
    /// An online form's answer on a task the same unit answered again later (问卷星's
    /// export lists every submission): the later one is read.
    Resubmitted,
    /// A row hidden on the sheet, on a task of the unit's own (lead, responsible or
    /// cooperating), in a copy of the whole table whose rows on other units' tasks the
    /// unit hid (`HiddenOther`): the copy's old words, not the unit's progress (warned
    /// of).
    HiddenCopy,
    /// A row the unit marked void (此行作废, 删除 in its progress, status or note).
    Void,
    /// A row a later row of the same table corrects (24（更正） or 备注 更正上报 on the
    /// same task below it).
    Corrected,
}

impl SkipReason {
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::Title => "标题或填报信息行",
            SkipReason::Header => "表头行",
            SkipReason::CategoryHeading => "类别标题行",
            SkipReason::Note => "说明或落款行",
            SkipReason::NoHeaderSheet => "无表头的工作表（如填表说明）",
            SkipReason::HiddenSheet => "隐藏的工作表",
            SkipReason::Unfilled => "未填写进展的任务行",
            SkipReason::Continuation => "上一行进展的续行（已并入上一行）",
            SkipReason::Total => "合计或汇总行",
            SkipReason::Paragraph => "表格后的段落（落款、日期、说明）",
            SkipReason::OutOfScope => "不属于本单位牵头汇总的任务",
            SkipReason::EvidenceList => "佐证材料目录（不含进展）",
            SkipReason::Tally => "按完成状态统计任务数的统计表（不含进展）",
            SkipReason::HiddenRow => "已隐藏的行（同一任务另有未隐藏的行）",
            SkipReason::UnitHeading => "单位标题行（其下各行为该单位的进展）",
            SkipReason::HiddenOther => "已隐藏的行（不是本单位承担的任务）",
            SkipReason::Reference => "附带的参考内容（如上期报送情况）",
            SkipReason::NotOwed => "非本单位承担的任务行（“不涉及”或全表副本）",
            SkipReason::FormField => "登记表中的一栏（已并入该任务的记录）",
            SkipReason::Example => "填写示例行",
            SkipReason::ColumnNumbers => "表头下的栏次编号行",
            SkipReason::Resubmitted => "同一单位之后再次提交的答卷已取代的答卷",
            SkipReason::HiddenCopy => "已隐藏的行（全表副本中的原有内容）",
            SkipReason::Void => "注明作废的行",
            SkipReason::Corrected => "已被同表中注明更正的行取代的行",
        }
    }
}

/// Non-empty rows passed over, with the reason. `rows` counts the rows it covers: one
/// for a row, all non-empty rows for a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skip {
    pub file: String,
    pub sheet: String,
    /// The row, or the first non-empty row of a skipped sheet.
    pub row: u32,
    pub rows: u32,
    pub reason: SkipReason,
    /// The row's text, shortened.
    pub text: String,
    /// The task of a task row left unfilled that still holds a mark in an input column
    /// (/, 无, —): a unit answering that it has nothing on the task, in its way. (Always
    /// written: the returns cache's postcard has no field names to skip by.)
    #[serde(default)]
    pub marked_task: Option<u32>,
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub file: String,
    /// xlsx / xls / xlsb / ods / csv / docx / doc / zip, when it could be told.
    pub format: Option<String>,
    pub outcome: FileOutcome,
    pub sheets: u32,
    pub records: u32,
    pub unit: Option<String>,
    #[serde(default, with = "crate::common::dates::compact")]
    pub filed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileOutcome {
    /// A return, read.
    Read,
    /// A file inside a bundle that holds no progress table (a PDF, an image, a Word
    /// document or spreadsheet without one): listed as evidence, not a problem.
    Evidence,
    /// A bundle (.zip) whose files are listed after it as `bundle.zip/inner.xlsx`.
    Unpacked,
    Skipped,
    Failed,
}
