//! The lines around a table that say who filed it and when: 填报单位：… and 填报日期：…
//! above the header (the first line above is the sheet's title), or in the note lines
//! below the table (填报人：… 填报日期：…); below a Word return's table, its signature
//! paragraphs (the unit's name, a date on its own). A label counts where it opens a
//! cell or follows a space or punctuation, and is followed by a colon, a space or the
//! cell's end: a numbered 填表说明 line (3. 填报单位请填写全称) is no filing line.

use chrono::NaiveDate;

use super::layout::Layout;
use crate::common::dates::{find_filing_date, month_day_after_label, parse_filing_date};
use crate::ingest::grid::{Cell, Grid};
use crate::ingest::values::filing_date_of_cell;
use crate::ingest::vocabulary::{classify_header, is_note_row};

const UNIT_LABELS: [&str; 4] = ["填报单位", "报送单位", "单位名称", "单位（盖章）"];
const DATE_LABELS: [&str; 6] = [
    "填报日期",
    "填报时间",
    "报送日期",
    "报送时间",
    "填表日期",
    "填表时间",
];
/// Bare labels, counted only where they open a line (日期：2020.12.4): inside a line
/// they are parts of other words (完成时间).
const BARE_DATE_LABELS: [&str; 2] = ["日期", "时间"];
/// Labels that end a value on a line with several (填报单位：区水利局 填报日期：…),
/// besides the date labels.
const NEXT_LABELS: [&str; 5] = ["填报人", "联系人", "联系电话", "审核人", "填报单位"];

/// Words after a month.day pair that make a sheet's name a round's (12.4报送): without
/// one, 附表1.2 is a table's number.
const ROUND_WORDS: [&str; 6] = ["报送", "报", "更新", "修改", "进展", "版"];

/// The month (or day) a sheet's name says its rows report on: 11月, 12月份, 2020年11月,
/// 11月进展, 12.4报送. A workbook with a sheet per month holds one unit's reports on the
/// same tasks month after month; the latest stands (`merge::versions`).
pub(super) fn period_of_sheet_name(name: &str, default_year: i32) -> Option<NaiveDate> {
    let name = name.trim();
    if name.chars().count() > 16 {
        return None;
    }
    if name.contains('月') {
        return find_filing_date(name, Some(default_year));
    }
    let day = crate::common::dates::find_month_dot_day(name, default_year)?;
    let rest = name.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '．');
    (rest.is_empty() || ROUND_WORDS.iter().any(|w| rest.starts_with(w))).then_some(day)
}

/// What the lines around the table say.
#[derive(Debug, Default)]
pub(super) struct Filing {
    /// The text after a 填报单位 label, as written.
    pub unit_text: Option<String>,
    pub filed_on: Option<NaiveDate>,
    /// The first non-empty line above the header.
    pub title: Option<String>,
    /// A Word return's signature: a short paragraph below the table that is neither a
    /// label line nor a date (落款: the unit's name).
    pub signature: Option<String>,
    /// A date on its own below a Word return's table (落款日期).
    signed_on: Option<NaiveDate>,
    /// The filing date is the day the title names (区水利局整改进展情况（12月4日报送）):
    /// the sheet gives no other.
    pub dated_by_title: bool,
    /// A line above the header that is nothing but a unit's name (a Word return's cover
    /// page: 附件2 / 区财政局 / 标题 / 日期): a last source for the sender, after the title.
    pub named_above: Option<String>,
    /// The bracket after the name on a 填报人 or 联系人 line below the table (填报人：张三
    /// （来苏镇农业服务中心）): the last source for the sender, after the file's name.
    pub contact_unit: Option<String>,
}

/// Labels of the line naming who filled the form in (填报人：张三（来苏镇）).
const CONTACT_LABELS: [&str; 3] = ["填报人", "联系人", "经办人"];

/// What a cover sheet says of its workbook's return (封面: 报送单位：重庆市永川区财政局
/// （盖章） / 报送日期：2020年12月3日): a sheet with no table, whose lines the sheets
/// with the table take when they say nothing of their own.
#[derive(Debug, Default, Clone)]
pub(crate) struct Cover {
    /// The text after a 填报单位 / 报送单位 label, or a sealed or bare unit's name.
    pub unit_text: Option<String>,
    pub filed_on: Option<NaiveDate>,
}

/// The most rows a cover sheet has.
const COVER_ROWS: usize = 30;

impl Cover {
    /// The cover lines of a sheet (its unit and date lines; not 填表说明), if it has any.
    /// The caller knows the sheet holds no table.
    pub(crate) fn read(grid: &Grid, default_year: i32) -> Option<Cover> {
        let rows: Vec<usize> = (0..grid.rows.len())
            .filter(|&r| !grid.row_is_empty(r))
            .collect();
        if rows.len() > COVER_ROWS {
            return None;
        }
        let mut cover = Cover::default();
        let mut named = None;
        for &r in &rows {
            if is_instruction_line(&grid.first_text(r)) {
                continue;
            }
            if cover.unit_text.is_none() {
                cover.unit_text = labelled_value(grid, r, &UNIT_LABELS).filter(|v| !v.is_empty());
            }
            if named.is_none() {
                named = sealed_name_row(grid, r).or_else(|| named_row(grid, r));
            }
            if cover.filed_on.is_none() {
                cover.filed_on = filed_on_in_row(grid, r, default_year)
                    .or_else(|| date_only_row(grid, r, default_year));
            }
        }
        if cover.unit_text.is_none() {
            cover.unit_text = named;
        }
        (cover.unit_text.is_some() || cover.filed_on.is_some()).then_some(cover)
    }
}

impl Filing {
    /// Read the lines above the header, then, for what is still missing, the note and
    /// label lines below it. `non_empty` lists the sheet's non-empty rows.
    pub fn read(grid: &Grid, layout: &Layout, non_empty: &[usize], default_year: i32) -> Filing {
        let mut filing = Filing::default();
        for &r in non_empty.iter().filter(|&&r| r < layout.top) {
            // 区生态环境局： over a letter: whom it is sent to, not who sent it.
            if only_text(grid, r).is_some_and(is_salutation) {
                continue;
            }
            if filing.title.is_none() {
                filing.title = Some(grid.row_text(r));
            }
            if is_instruction_line(&grid.first_text(r)) {
                continue;
            }
            if filing.unit_text.is_none() {
                filing.unit_text = labelled_value(grid, r, &UNIT_LABELS);
                // 报送单位：区农业农村委（盖章）    2020年12月3日: the date with no label
                // of its own after the name, on one line.
                let dated = filing
                    .unit_text
                    .as_deref()
                    .and_then(|v| name_then_date(v, default_year))
                    .map(|(name, d)| (name.to_string(), d));
                if let Some((name, d)) = dated {
                    filing.unit_text = Some(name);
                    filing.signed_on.get_or_insert(d);
                }
            }
            if filing.filed_on.is_none() {
                filing.filed_on = filed_on_in_row(grid, r, default_year);
            }
            if filing.named_above.is_none() {
                filing.named_above = named_row(grid, r);
            }
            // A date on a line of its own under the title (2020年12月4日), or alone in a
            // cell at the end of the 填报单位 line (填报单位：区农业农村委 | … | 2020年12月4日).
            if filing.title.as_deref() != Some(grid.row_text(r).as_str()) {
                let beside_unit = || {
                    labelled_value(grid, r, &UNIT_LABELS)
                        .and_then(|_| date_cell_in_row(grid, r, default_year))
                };
                if let Some(d) = date_only_row(grid, r, default_year).or_else(beside_unit) {
                    filing.signed_on.get_or_insert(d);
                }
            }
        }
        // A label cell and its value cell taken into the header's top row (填报单位 |
        // 区住房城乡建委 | 联系人 | 张三 above 序号 | 具体举措 …, or a Word return's info
        // table): the value is a name or a date, not another header word.
        if layout.bottom > layout.top {
            let r = layout.top;
            if filing.unit_text.is_none() {
                filing.unit_text = labelled_value(grid, r, &UNIT_LABELS)
                    .filter(|v| !v.is_empty() && classify_header(v).is_none());
            }
            if filing.filed_on.is_none() {
                filing.filed_on = filed_on_in_row(grid, r, default_year);
            }
        }
        // (A 填报单位 label left blank names nobody: the lines below may.)
        let named = filing
            .unit_text
            .as_deref()
            .is_some_and(|u| !u.trim().is_empty());
        if filing.filed_on.is_some() && named && grid.paragraphs.is_empty() {
            return filing;
        }
        for &r in non_empty.iter().filter(|&&r| r > layout.bottom) {
            let first = grid.first_text(r);
            if grid.is_paragraph(r) && !is_note_or_label_row(&first) {
                filing.read_signature(&first, default_year);
                continue;
            }
            // A sealed name alone under a spreadsheet's table (…（盖章）), or a unit's
            // name over the date (重庆市永川区永荣镇人民政府 / 2020年12月3日): the
            // signature.
            if let Some(name) = sealed_name_row(grid, r).or_else(|| {
                let next = non_empty.iter().find(|&&n| n > r);
                next.is_none_or(|&n| date_only_row(grid, n, default_year).is_some())
                    .then(|| named_row(grid, r))
                    .flatten()
            }) {
                filing.read_signature(&name, default_year);
                continue;
            }
            // The name and the date side by side: both.
            if let Some((name, d)) = name_and_date(grid, r, default_year) {
                filing.read_signature(&name, default_year);
                filing.signed_on.get_or_insert(d);
                continue;
            }
            // A spreadsheet's signature date under the table, in whichever column.
            if let Some(d) = date_only_row(grid, r, default_year) {
                filing.signed_on.get_or_insert(d);
                continue;
            }
            if !is_note_or_label_row(&first) {
                continue;
            }
            if filing.contact_unit.is_none() {
                filing.contact_unit = contact_bracket(grid, r);
            }
            if filing.filed_on.is_none() {
                filing.filed_on = filed_on_in_row(grid, r, default_year);
            }
            if filing.unit_text.is_none() {
                filing.unit_text = labelled_value(grid, r, &UNIT_LABELS);
            }
        }
        // A Word return's page footer or header holding the labelled date (填报人：… 填报
        // 日期：2020年12月4日 at the foot of every page).
        if filing.filed_on.is_none() {
            filing.filed_on = grid
                .page_header
                .lines()
                .find_map(|line| labelled_date(line, default_year));
        }
        // … and the labelled unit (填报单位：区金融办（盖章） in a text box over the table).
        if filing.unit_text.is_none() {
            filing.unit_text = grid.page_header.lines().find_map(|line| {
                UNIT_LABELS
                    .iter()
                    .filter_map(|label| value_after_label(line, label))
                    .find(|v| !v.is_empty())
                    .map(str::to_string)
            });
        }
        filing.settle(default_year)
    }

    /// What the workbook's cover sheet says, where the sheet says nothing of its own
    /// (its unit, its date: a day its title names is weaker than the cover's date).
    pub fn take_cover(&mut self, cover: &Cover) {
        if self.unit_text.is_none() {
            self.unit_text = cover.unit_text.clone();
        }
        if self.filed_on.is_none() || self.dated_by_title {
            if let Some(d) = cover.filed_on {
                self.filed_on = Some(d);
                self.dated_by_title = false;
            }
        }
    }

    /// A signature paragraph below a Word return's table: a date on its own is the
    /// filing date when no label gave one; the first other short line is the signature.
    /// A closing (特此报告。此致 敬礼！) is no signature.
    fn read_signature(&mut self, text: &str, default_year: i32) {
        if let Some(d) = parse_filing_date(text, Some(default_year)) {
            self.signed_on.get_or_insert(d);
            return;
        }
        // The name and the date on one line (永川区水利局      2020年12月3日, the spaces
        // that pushed the date right perhaps gone): both.
        if let Some((name, d)) = name_then_date(text, default_year) {
            self.signed_on.get_or_insert(d);
            if self.signature.is_none() {
                self.signature = Some(name.to_string());
            }
            return;
        }
        if self.signature.is_none()
            && text.chars().count() <= SIGNATURE_CHARS
            && !is_closing(text)
            && !is_salutation(text)
            && !is_list_heading(text)
            && !is_addressee_line(text)
        {
            self.signature = Some(text.to_string());
        }
    }

    /// The filing date: a labelled one, else the signature's date, else a day the title
    /// names.
    fn settle(mut self, default_year: i32) -> Filing {
        if self.filed_on.is_none() {
            self.filed_on = self.signed_on;
        }
        if self.filed_on.is_none() {
            self.filed_on = self
                .title
                .as_deref()
                .and_then(|t| day_in_title(t, default_year));
            self.dated_by_title = self.filed_on.is_some();
        }
        self
    }
}

/// A day a title names (（2020年12月4日）, （截至11月30日）, 12月4日报送): a date to the
/// day; a month (11月份进展情况) is the round's, not a day the sheet was filed.
fn day_in_title(title: &str, default_year: i32) -> Option<NaiveDate> {
    let first = find_filing_date(title, Some(default_year))?;
    // A month alone reads as its first day here and its last there.
    (crate::common::dates::find_date_in_text(title, Some(default_year)) == Some(first))
        .then_some(first)
}

/// The date of a row whose only content is one date (a date cell, or a text that is a
/// date and nothing else): a signature's date.
pub(super) fn date_only_row(grid: &Grid, r: usize, default_year: i32) -> Option<NaiveDate> {
    let mut cells = grid.filled_cells(r);
    let cell = cells.next()?;
    if cells.next().is_some() {
        return None;
    }
    date_alone(cell, default_year)
}

/// The date a cell holds as its whole value (a date cell, or text that is a whole date;
/// a number is no date here).
fn date_alone(cell: &Cell, default_year: i32) -> Option<NaiveDate> {
    match cell {
        Cell::Text(t) => parse_filing_date(t.trim(), Some(default_year)),
        Cell::Number(_) => None,
        other => filing_date_of_cell(other, default_year),
    }
}

/// The last cell of row `r` that holds only a date (a date cell, or text that is a
/// whole date).
fn date_cell_in_row(grid: &Grid, r: usize, default_year: i32) -> Option<NaiveDate> {
    (0..grid.row_len(r))
        .rev()
        .find_map(|c| date_alone(grid.cell(r, c), default_year))
}

/// The row's one filled cell, when it is a text: trimmed.
fn only_text(grid: &Grid, r: usize) -> Option<&str> {
    let mut cells = grid.filled_cells(r);
    let Cell::Text(t) = cells.next()? else {
        return None;
    };
    cells.next().is_none().then(|| t.trim())
}

/// The one text of a row that is a sealed name (重庆市永川区卫生健康委员会（盖章）), without
/// the seal words.
fn sealed_name_row(grid: &Grid, r: usize) -> Option<String> {
    let name = without_seal(only_text(grid, r)?)?;
    (!name.is_empty() && name.chars().count() <= SIGNATURE_CHARS).then(|| name.to_string())
}

/// A sealed name without its seal words (重庆市永川区卫生健康委员会（盖章） → …委员会);
/// `None` for a text without a seal.
fn without_seal(t: &str) -> Option<&str> {
    ["（盖章）", "(盖章)", "（章）", "(章)", "盖章"]
        .iter()
        .find_map(|seal| t.strip_suffix(seal))
        .map(str::trim)
}

/// The one text of a row that reads as a unit's name (ends as one does: 局, 委, 镇,
/// 人民政府 …), short: a signature without its seal.
fn named_row(grid: &Grid, r: usize) -> Option<String> {
    let t = only_text(grid, r)?;
    (reads_as_unit_name(t) && !t.contains(['：', ':'])).then(|| t.to_string())
}

/// A short text ending as a unit's name does (…局, …委, …人民政府): a signature's name.
fn reads_as_unit_name(t: &str) -> bool {
    t.chars().count() <= SIGNATURE_CHARS && t.ends_with(UNIT_NAME_ENDINGS)
}

/// A letter's salutation, alone on its line: the name of the unit it is sent to and a
/// colon (区生态环境局：, 区水利局:).
pub(super) fn is_salutation(t: &str) -> bool {
    t.trim()
        .strip_suffix(['：', ':'])
        .is_some_and(|name| reads_as_unit_name(name.trim()) && !name.contains(['：', ':']))
}

/// Row `r` is a letter's 主送机关 (区生态环境局： right under a title such as 区城市管理局
/// 关于…的报告 or 关于…情况的汇报): whom the return is sent to, never a heading naming
/// the unit whose table follows (来苏镇： over a town's rows in a consolidation). The
/// addressee is a unit that gathers returns, never a town: 来苏镇： under 区农业农村委关于
/// 镇街…的汇总报告 heads the town's rows (second review c 1, c 2).
pub(super) fn is_addressee_under_title(
    grid: &Grid,
    non_empty: &[usize],
    r: usize,
    units: &crate::plan::UnitDirectory,
) -> bool {
    let Some(above) = non_empty.iter().rev().find(|&&x| x < r) else {
        return false;
    };
    let title = grid.row_text(*above);
    let Some(line) = only_text(grid, r).filter(|t| is_salutation(t)) else {
        return false;
    };
    let name = line.trim().trim_end_matches(['：', ':']).trim();
    let town = match units.resolve(name) {
        crate::plan::NameMatch::Unit(u) => units
            .unit(&u)
            .is_some_and(|u| u.kind == crate::plan::units::UnitKind::Town),
        _ => false,
    };
    !town && (title.contains("关于") || ["报告", "汇报"].iter().any(|w| title.contains(w)))
}

/// A line naming whom the return goes to, or who signed it off (抄报：区生态环境局,
/// 报送：…, 上报：…, 呈报：…, 报：…, 送：…, 签发：张三): not the sender's name. 报送单位：
/// 来苏镇 is the sender's label and stays one.
fn is_addressee_line(t: &str) -> bool {
    let t = t.trim_start();
    [
        "抄报", "抄送", "主送", "报送", "上报", "呈报", "呈送", "报", "送", "签发", "发送",
    ]
    .iter()
    .any(|label| {
        t.strip_prefix(label)
            .is_some_and(|rest| rest.starts_with(['：', ':']))
    })
}

/// A heading of a letter's list (二、下一步工作打算, （三）存在问题, 3.工作计划): opened
/// by a list mark, no signature.
fn is_list_heading(t: &str) -> bool {
    super::task_heading::list_mark(&crate::common::dates::nfkc(t.trim())).is_some()
}

/// A letter's closing line: a sentence (特此报告。), or the formula 此致 / 敬礼！.
fn is_closing(t: &str) -> bool {
    let t = t.trim();
    t.ends_with(['。', '！', '!', '；', ';', '：', ':']) || matches!(t, "此致" | "敬礼")
}

/// A signature's seal: …（盖章）, …（章）.
pub(super) fn is_sealed(t: &str) -> bool {
    t.contains("盖章") || t.ends_with("（章）") || t.ends_with("(章)")
}

/// How a unit's name ends (局, 委, 办, 镇, 街道, 公司, 中心 …): a short line ending so
/// beside a date is a signature.
const UNIT_NAME_ENDINGS: [char; 12] = [
    '局', '委', '办', '镇', '道', '司', '心', '院', '府', '会', '部', '室',
];

/// A signature line with the unit's name and the date side by side (区经济信息委 |
/// 2020年12月4日, the name perhaps in the 序号 column, perhaps sealed: 永川区河长制办公室
/// （盖章） | 2020年12月3日): the name and the date.
pub(super) fn name_and_date(
    grid: &Grid,
    r: usize,
    default_year: i32,
) -> Option<(String, NaiveDate)> {
    let texts: Vec<String> = grid
        .filled_cells(r)
        .map(|cell| {
            let t = cell.text();
            let t = t.trim();
            without_seal(t).unwrap_or(t).to_string()
        })
        .collect();
    let [a, b] = &texts[..] else {
        return None;
    };
    let date = |t: &str| parse_filing_date(t, Some(default_year));
    if reads_as_unit_name(a) {
        Some((a.clone(), date(b)?))
    } else if reads_as_unit_name(b) {
        Some((b.clone(), date(a)?))
    } else {
        None
    }
}

/// A line that is a unit's name, then a date and nothing else (永川区水利局2020年12月3日,
/// 区河长办（盖章） 2020年12月3日): the name, without its seal, and the date.
fn name_then_date(text: &str, default_year: i32) -> Option<(&str, NaiveDate)> {
    let t = text.trim();
    t.char_indices()
        .filter(|(_, c)| c.is_ascii_digit() || *c == '二')
        .find_map(|(i, _)| {
            let name = t[..i].trim();
            let name = without_seal(name).unwrap_or(name);
            let d = parse_filing_date(t[i..].trim(), Some(default_year))?;
            reads_as_unit_name(name).then_some((name, d))
        })
}

/// The longest paragraph (in characters) taken as a signature.
const SIGNATURE_CHARS: usize = 30;

/// A line of 填表说明 above a table: a note (填表说明：…, 注：…) or a numbered line
/// (1. … 2、… （3）…, or a number in a cell of its own before the text).
pub(super) fn is_instruction_line(first_text: &str) -> bool {
    if is_note_row(first_text) {
        return true;
    }
    let t = first_text.trim().trim_start_matches(['（', '(']);
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0
        && t[digits..]
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '、' | '.' | '．' | '）' | ')' | '，'))
}

/// Whether a row below the header is a note, signature or total line, or a 填报单位 /
/// 填报日期 line, judged by its first text: not a task row.
pub(super) fn is_note_or_label_row(first_text: &str) -> bool {
    is_note_row(first_text)
        || DATE_LABELS
            .iter()
            .chain(UNIT_LABELS.iter())
            .any(|l| first_text.starts_with(l))
        || opens_with_bare_date_label(first_text)
}

/// 日期：… or 时间：… opening a line (a colon after the label).
fn opens_with_bare_date_label(text: &str) -> bool {
    let t = text.trim_start();
    BARE_DATE_LABELS.iter().any(|l| {
        t.strip_prefix(l)
            .is_some_and(|rest| rest.trim_start().starts_with([':', '：']))
    })
}

/// A 填报单位 line below a table's header, which starts a block of another unit's rows
/// (two units' tables stacked on one sheet or in one document): the unit written and
/// the line's filing date.
pub(super) fn block_filing(
    grid: &Grid,
    r: usize,
    default_year: i32,
) -> Option<(String, Option<NaiveDate>)> {
    let unit = labelled_value(grid, r, &UNIT_LABELS)?;
    Some((unit, filed_on_in_row(grid, r, default_year)))
}

/// The value after a label such as 填报单位： in a row: in the same cell, or in the next
/// non-empty cell. Stops at the next label on the line.
fn labelled_value(grid: &Grid, r: usize, labels: &[&str]) -> Option<String> {
    let width = grid.row_len(r);
    for c in 0..width {
        let text = grid.cell(r, c).text();
        for label in labels {
            let Some(value) = value_after_label(&text, label) else {
                continue;
            };
            if !value.is_empty() {
                return Some(value.to_string());
            }
            // The value sits in the next non-empty cell.
            for c2 in c + 1..width {
                let t = grid.cell(r, c2).text();
                if !t.trim().is_empty() {
                    return Some(cut_at_next_label(&t).trim().to_string());
                }
            }
        }
    }
    None
}

/// The bracket after a 填报人 / 联系人 name on row `r` (填报人：张三（来苏镇农业服务中心）
/// → 来苏镇农业服务中心), if one.
fn contact_bracket(grid: &Grid, r: usize) -> Option<String> {
    (0..grid.row_len(r)).find_map(|c| {
        let text = grid.cell(r, c).text();
        CONTACT_LABELS.iter().find_map(|label| {
            let value = value_after_label(&text, label)?;
            let inner = value.split_once(['（', '('])?.1;
            let inner = inner.split([')', '）']).next()?.trim();
            (!inner.is_empty()).then(|| inner.to_string())
        })
    })
}

/// The text after `label` in `text` where the label is a label: followed (after an
/// optional bracket such as （盖章）) by a colon; or opening the text or following a space
/// or punctuation, and followed by a space, a digit (填报日期2020.12.3) or the end. The colon and spaces are not part of the
/// value.
fn label_value<'t>(text: &'t str, label: &str) -> Option<&'t str> {
    text.match_indices(label).find_map(|(pos, _)| {
        let opens = text[..pos]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || !c.is_alphanumeric());
        let mut after = &text[pos + label.len()..];
        if let Some(inner) = after.strip_prefix(['（', '(']) {
            if let Some(end) = inner.find(['）', ')']) {
                after = &inner[end + inner[end..].chars().next()?.len_utf8()..];
            }
        }
        let next = after.chars().next();
        let colon = matches!(next, Some(':' | '：'));
        let ends =
            next.is_none_or(|c| c.is_whitespace() || colon || crate::common::text::is_any_digit(c));
        // Run on after a value without a space (…区水利局填报日期：…): the colon says it.
        ((opens && ends) || colon)
            .then(|| after.trim_start_matches([':', '：', ' ', '\u{3000}', '\t']))
    })
}

/// The value a `label` in `text` gives, up to the next label on the line, trimmed
/// (empty when the value sits in the next cell).
fn value_after_label<'t>(text: &'t str, label: &str) -> Option<&'t str> {
    label_value(text, label).map(|after| cut_at_next_label(after).trim())
}

fn cut_at_next_label(s: &str) -> &str {
    let end = NEXT_LABELS
        .iter()
        .chain(DATE_LABELS.iter())
        .filter_map(|next| s.find(next))
        .min()
        .unwrap_or(s.len());
    &s[..end]
}

/// The date after a 填报日期 label in one line of text (the label and the date both in it).
fn labelled_date(text: &str, default_year: i32) -> Option<NaiveDate> {
    DATE_LABELS
        .iter()
        .filter_map(|label| label_value(text, label))
        .find_map(|after| labelled_value_date(after, default_year))
}

/// The date a labelled value gives: any date form, or a month and day with no year
/// (填报日期：12.3), which only a label makes a date.
fn labelled_value_date(after: &str, default_year: i32) -> Option<NaiveDate> {
    find_filing_date(after, Some(default_year))
        .or_else(|| month_day_after_label(after, default_year))
}

/// The filing date on a row with a 填报日期 label: in the label's cell, or the next
/// non-empty cell (a real date cell).
fn filed_on_in_row(grid: &Grid, r: usize, default_year: i32) -> Option<NaiveDate> {
    for c in 0..grid.row_len(r) {
        let text = grid.cell(r, c).text();
        let bare = opens_with_bare_date_label(&text).then_some(text.trim_start());
        let labelled = DATE_LABELS
            .iter()
            .filter_map(|label| label_value(&text, label))
            .chain(bare.and_then(|t| BARE_DATE_LABELS.iter().find_map(|l| label_value(t, l))));
        for after in labelled {
            if let Some(d) = labelled_value_date(after, default_year) {
                return Some(d);
            }
            for c2 in c + 1..grid.row_len(r) {
                let cell = grid.cell(r, c2);
                if !cell.is_empty() {
                    return filing_date_of_cell(cell, default_year).or_else(|| match cell {
                        Cell::Text(t) => month_day_after_label(t, default_year),
                        _ => None,
                    });
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{cut_at_next_label, is_instruction_line, label_value};

    #[test]
    fn labels_are_labels_only_where_they_label() {
        fn unit(t: &str) -> Option<&str> {
            label_value(t, "填报单位").map(|v| cut_at_next_label(v).trim())
        }
        assert_eq!(
            unit("填报单位：区水利局 填报日期：2020年12月3日"),
            Some("区水利局")
        );
        assert_eq!(
            unit("填报单位：区水利局填报日期：2020年12月3日"),
            Some("区水利局")
        );
        assert_eq!(unit("填报单位（盖章）：区水利局"), Some("区水利局"));
        assert_eq!(unit("填报单位 区水利局"), Some("区水利局"));
        assert_eq!(unit("填报单位"), Some(""));
        assert_eq!(unit("填报单位请填写单位全称"), None);
        assert_eq!(unit("3、填报单位请填写单位全称"), None);
        fn date(t: &str) -> Option<&str> {
            label_value(t, "填报日期")
        }
        assert_eq!(
            date("区水利局填报日期：2020年12月3日"),
            Some("2020年12月3日")
        );
        assert_eq!(date("填报日期2020.12.3"), Some("2020.12.3"));
        assert_eq!(date("请按时报送，填报日期按实际填写"), None);
    }

    #[test]
    fn numbered_lines_are_instructions() {
        for t in [
            "1. 序号按方案填写",
            "2、不得改动",
            "（3）完成状态",
            "12",
            "填表说明",
            "注：以上",
        ] {
            assert!(is_instruction_line(t), "{t}");
        }
        for t in [
            "填报单位：区水利局",
            "永川区整改进展情况表",
            "2020年12月3日",
            "",
        ] {
            assert!(!is_instruction_line(t), "{t}");
        }
    }
}
