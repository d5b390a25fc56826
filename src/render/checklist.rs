//! The checklist (任务清单): one workbook per unit that owes reports, the form the unit
//! fills and sends back. Reads only the ledger, through a [`ChecklistInput`]:
//! `units[].expected` gives the unit's tasks, `tasks[]` the measure, deadline and role,
//! `plan` the title and contact, `as_of` the workbook's creation date. The form is built
//! from that value alone, so its hash is the form's reuse key (`reuse.rs`).
//!
//! Sheets: the form (填报表), the instructions (填报说明) and the very hidden marker sheet
//! (`crate::common::marker`), plus the marker as workbook defined names. The form's
//! canonical cells are locked, its input cells unlocked, the sheet protected without a
//! password (filtering, sorting and resizing allowed). The status dropdown, its prompt
//! and the guide's explanation of each status come from `model::status`. Ingest reads
//! the form back like any return; the marker makes the unit and the rows exact.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use serde::Serialize;

use crate::common::dates::render_date;
use crate::common::marker::{self, Marker};
use crate::model::queries::unit_tasks;
use crate::model::status::{choices, choices_explained, dropdown_prompt};
use crate::model::{Ledger, PlanInfo, Status, UnitEntry};
use crate::plan::Role;
use crate::render::line_break::line_count;
use crate::render::reuse::Key;
use crate::render::typography::punctuated;
use crate::render::xlsx_common::{
    base_format, display_width, excel_date, print_width, text, title_format, Measure, BODY_PT,
    DATE_FORMAT, FONT, PAGE_FOOTER, PAPER_A4,
};

/// The form's sheet name.
pub const FORM_SHEET: &str = "填报表";
/// The instructions sheet.
pub const GUIDE_SHEET: &str = "填报说明";

/// The form's columns, in order: header and width (Excel units).
/// The widths add up to one A4 landscape page at 9 pt or more when fitted to the width
/// (`xlsx_common::print_width`; tests/printing.rs measures it from the PDF).
const COLUMNS: [(&str, f64); 10] = [
    ("序号", 5.0),
    ("重点任务", 12.0),
    ("具体举措", 37.0),
    ("完成时限", 13.0),
    ("本单位角色", 7.0),
    ("整改进展情况", 38.0),
    ("完成状态", 10.0),
    ("完成时间", 13.0),
    ("佐证材料", 13.0),
    ("备注", 10.0),
];
pub const COL_ID: u16 = 0;
pub const COL_CATEGORY: u16 = 1;
pub const COL_MEASURE: u16 = 2;
pub const COL_DEADLINE: u16 = 3;
pub const COL_ROLE: u16 = 4;
pub const COL_PROGRESS: u16 = 5;
pub const COL_STATUS: u16 = 6;
pub const COL_COMPLETED: u16 = 7;
pub const COL_EVIDENCE: u16 = 8;
pub const COL_NOTE: u16 = 9;
const LAST_COL: u16 = COL_NOTE;

/// Rows (0-based): title, the 填报单位 line, the header, then one row per task.
pub const TITLE_ROW: u32 = 0;
pub const INFO_ROW: u32 = 1;
pub const HEADER_ROW: u32 = 2;
pub const FIRST_TASK_ROW: u32 = 3;
/// The 填报单位 line: "填报单位：<单位>" (A–C merged), then label and input cells, each
/// input wide enough for what is typed: the date across E–F, the person in H, the phone
/// in J.
pub const COL_UNIT: u16 = 0;
pub const COL_FILED_LABEL: u16 = 3;
pub const COL_FILED_ON: u16 = 4;
const COL_FILED_ON_END: u16 = 5;
pub const COL_PERSON_LABEL: u16 = 6;
pub const COL_PERSON: u16 = 7;
pub const COL_PHONE_LABEL: u16 = 8;
pub const COL_PHONE: u16 = 9;

/// The title of a unit's form.
pub fn form_title(ledger: &Ledger) -> String {
    plan_form_title(&ledger.plan)
}

fn plan_form_title(plan: &PlanInfo) -> String {
    format!("《{}》任务落实情况表", plan.title)
}

/// Everything a unit's form shows: the plan, the as-of date (the workbook's creation
/// date), the unit, and its tasks (the plan's columns and the unit's role on each). The
/// form is built from this alone.
#[derive(Debug, Serialize)]
pub struct ChecklistInput<'a> {
    plan: &'a PlanInfo,
    as_of: NaiveDate,
    unit: &'a str,
    tasks: Vec<FormTask<'a>>,
    /// How many more of the unit's tasks other units gather (not on this form).
    elsewhere: usize,
}

/// One task of a unit's form.
#[derive(Debug, Serialize)]
struct FormTask<'a> {
    id: u32,
    category: &'a str,
    measure: &'a str,
    deadline: &'a str,
    role: Role,
}

impl<'a> ChecklistInput<'a> {
    pub fn new(ledger: &'a Ledger, unit: &'a UnitEntry) -> ChecklistInput<'a> {
        ChecklistInput {
            plan: &ledger.plan,
            as_of: ledger.as_of,
            unit: &unit.name,
            tasks: unit_tasks(ledger, &unit.name, &unit.expected)
                .into_iter()
                .map(|t| FormTask {
                    id: t.task.id,
                    category: &t.task.category,
                    measure: &t.task.measure,
                    deadline: &t.task.deadline.text,
                    role: t.role,
                })
                .collect(),
            elsewhere: crate::model::queries::tasks_via_leads(ledger, &unit.name, &unit.expected)
                .iter()
                .map(|(_, ids)| ids.len())
                .sum(),
        }
    }

    /// What the form is made from, as a reuse key.
    pub fn key(&self) -> Key {
        Key::of("checklist", self)
    }

    /// The form as .xlsx bytes.
    pub fn render(&self) -> Result<Vec<u8>, XlsxError> {
        build(self, None)
    }

    /// The marker written into the form.
    fn marker(&self) -> Marker {
        Marker {
            version: marker::VERSION,
            plan_id: self.plan.plan_id.clone(),
            unit: self.unit.to_string(),
            sheet: FORM_SHEET.to_string(),
            first_row: FIRST_TASK_ROW + 1,
            tasks: self.tasks.iter().map(|t| t.id).collect(),
            kind: marker::Kind::Checklist,
            tier: tier_of(self.plan),
            issuer: self.plan.collector.clone(),
            units: Vec::new(),
        }
    }
}

/// What a unit typed into its form. Used by tests (and demos) to produce a filled copy
/// exactly as the unit would send it back.
#[doc(hidden)]
#[derive(Debug, Clone, Default)]
pub struct Filled {
    pub filed_on: Option<NaiveDate>,
    pub person: String,
    pub phone: String,
    /// The unit rewrote the title.
    pub title: Option<String>,
    /// The unit overwrote the 填报单位 cell.
    pub unit_text: Option<String>,
    /// The unit emptied the 序号 column.
    pub blank_ids: bool,
    pub rows: BTreeMap<u32, FilledRow>,
}

#[doc(hidden)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilledRow {
    pub progress: String,
    pub status: String,
    pub completed_on: Option<NaiveDate>,
    pub evidence: String,
    pub note: String,
}

/// The tier a checklist or 报送表 of this ledger's round is marked with.
pub fn marker_tier(ledger: &Ledger) -> marker::Tier {
    tier_of(&ledger.plan)
}

fn tier_of(plan: &PlanInfo) -> marker::Tier {
    match plan.tier {
        crate::model::Tier::Bureau => marker::Tier::Bureau,
        crate::model::Tier::Lead => marker::Tier::Lead,
    }
}

/// A unit's checklist as .xlsx bytes.
pub fn checklist_bytes(ledger: &Ledger, unit: &UnitEntry) -> Result<Vec<u8>, XlsxError> {
    ChecklistInput::new(ledger, unit).render()
}

/// A unit's checklist as the unit fills it in (tests).
#[doc(hidden)]
pub fn filled_checklist_bytes(
    ledger: &Ledger,
    unit: &UnitEntry,
    filled: &Filled,
) -> Result<Vec<u8>, XlsxError> {
    build(&ChecklistInput::new(ledger, unit), Some(filled))
}

struct Styles {
    title: Format,
    label: Format,
    unit: Format,
    input: Format,
    input_date: Format,
    header: Format,
    fixed: Format,
    fixed_centre: Format,
    cell: Format,
    cell_centre: Format,
    cell_date: Format,
    guide_title: Format,
    guide: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = base_format();
        let boxed = base.clone().set_border(FormatBorder::Thin);
        let fixed = boxed.clone().set_background_color("F2F2F2");
        let input = boxed.clone().set_unlocked().set_align(FormatAlign::Top);
        Styles {
            title: title_format(),
            label: base.clone().set_align(FormatAlign::Right),
            unit: base.clone().set_bold(),
            input: base
                .clone()
                .set_unlocked()
                .set_border_bottom(FormatBorder::Thin),
            input_date: base
                .clone()
                .set_unlocked()
                .set_border_bottom(FormatBorder::Thin)
                .set_num_format(DATE_FORMAT),
            header: boxed
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color("D9D9D9"),
            fixed_centre: fixed.clone().set_align(FormatAlign::Center),
            fixed,
            cell: input.clone(),
            cell_centre: input.clone().set_align(FormatAlign::Center),
            cell_date: input
                .set_align(FormatAlign::Center)
                .set_num_format(DATE_FORMAT),
            guide_title: Format::new()
                .set_font_name(FONT)
                .set_bold()
                .set_font_size(14),
            guide: Format::new()
                .set_font_name(FONT)
                .set_font_size(BODY_PT)
                .set_text_wrap(),
        }
    }
}

fn build(c: &ChecklistInput, filled: Option<&Filled>) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    let created = excel_date(c.as_of).unwrap_or_default();
    wb.set_properties(
        &DocProperties::new()
            .set_title(text(&format!("{}（{}）", plan_form_title(c.plan), c.unit)))
            .set_author(text(&c.plan.collector))
            .set_company(text(&c.plan.collector_full))
            .set_creation_datetime(&created),
    );
    form_sheet(wb.add_worksheet(), c, &st, filled)?;
    guide_sheet(wb.add_worksheet(), c, &st)?;
    let m = c.marker();
    marker_sheet(wb.add_worksheet(), &m)?;
    for (name, value) in m.defined_names() {
        // A string constant holds at most 255 characters; a longer value (a unit with
        // very many tasks) is left to the marker sheet.
        let quoted = format!("=\"{}\"", value.replace('"', "\"\""));
        if value.chars().count() <= 255 {
            wb.define_name(name, &quoted)?;
        }
    }
    wb.save_to_buffer()
}

fn form_sheet(
    ws: &mut Worksheet,
    c: &ChecklistInput,
    st: &Styles,
    filled: Option<&Filled>,
) -> Result<(), XlsxError> {
    let tasks = &c.tasks;
    ws.set_name(FORM_SHEET)?;
    for (c, (_, w)) in COLUMNS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let title = filled
        .and_then(|f| f.title.clone())
        .unwrap_or_else(|| plan_form_title(c.plan));
    ws.merge_range(TITLE_ROW, 0, TITLE_ROW, LAST_COL, &text(&title), &st.title)?;
    ws.set_row_height(TITLE_ROW, 36)?;
    info_row(ws, c.unit, st, filled)?;
    for (c, (h, _)) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &st.header)?;
    }
    ws.set_row_height(HEADER_ROW, 30)?;
    for (i, t) in tasks.iter().enumerate() {
        task_row(ws, FIRST_TASK_ROW + i as u32, t, st, filled)?;
    }
    let last = FIRST_TASK_ROW + tasks.len().max(1) as u32 - 1;
    validations(ws, last)?;
    // Filter, frozen header, protection without a password.
    ws.autofilter(HEADER_ROW, 0, last, LAST_COL)?;
    ws.set_freeze_panes(FIRST_TASK_ROW, 0)?;
    ws.protect_with_options(&protection());
    print_setup(ws)?;
    ws.set_active(true);
    Ok(())
}

/// The 填报单位 line: the unit (prefilled, locked), then the date, person and phone to
/// fill in.
fn info_row(
    ws: &mut Worksheet,
    unit: &str,
    st: &Styles,
    filled: Option<&Filled>,
) -> Result<(), XlsxError> {
    let unit_text = filled
        .and_then(|f| f.unit_text.clone())
        .unwrap_or_else(|| unit.to_string());
    ws.merge_range(
        INFO_ROW,
        COL_UNIT,
        INFO_ROW,
        COL_FILED_LABEL - 1,
        &text(&format!("填报单位：{unit_text}")),
        &st.unit,
    )?;
    ws.write_string_with_format(INFO_ROW, COL_FILED_LABEL, "填报日期：", &st.label)?;
    ws.merge_range(
        INFO_ROW,
        COL_FILED_ON,
        INFO_ROW,
        COL_FILED_ON_END,
        "",
        &st.input_date,
    )?;
    match filled.and_then(|f| f.filed_on).and_then(excel_date) {
        Some(d) => ws.write_datetime_with_format(INFO_ROW, COL_FILED_ON, &d, &st.input_date)?,
        None => ws.write_blank(INFO_ROW, COL_FILED_ON, &st.input_date)?,
    };
    ws.write_string_with_format(INFO_ROW, COL_PERSON_LABEL, "填报人：", &st.label)?;
    ws.write_string_with_format(
        INFO_ROW,
        COL_PERSON,
        text(filled.map_or("", |f| &f.person)),
        &st.input,
    )?;
    ws.write_string_with_format(INFO_ROW, COL_PHONE_LABEL, "联系电话：", &st.label)?;
    ws.write_string_with_format(
        INFO_ROW,
        COL_PHONE,
        text(filled.map_or("", |f| &f.phone)),
        &st.input,
    )?;
    ws.set_row_height(INFO_ROW, 24)?;
    Ok(())
}

/// One task's row: the canonical cells (grey, locked), then the input cells (empty, or
/// what the unit typed).
fn task_row(
    ws: &mut Worksheet,
    r: u32,
    task: &FormTask,
    st: &Styles,
    filled: Option<&Filled>,
) -> Result<(), XlsxError> {
    if filled.is_some_and(|f| f.blank_ids) {
        ws.write_blank(r, COL_ID, &st.fixed_centre)?;
    } else {
        ws.write_number_with_format(r, COL_ID, task.id, &st.fixed_centre)?;
    }
    // The plan's text with full-width punctuation (the plan's table has ASCII commas),
    // whole: the viewer wraps it (a unit copies the measure into its own report).
    let plan_text = |s: &str| text(&punctuated(s)).to_string();
    let measure = plan_text(task.measure);
    ws.write_string_with_format(r, COL_CATEGORY, plan_text(task.category), &st.fixed)?;
    ws.write_string_with_format(r, COL_MEASURE, &measure, &st.fixed)?;
    ws.write_string_with_format(r, COL_DEADLINE, plan_text(task.deadline), &st.fixed)?;
    ws.write_string_with_format(r, COL_ROLE, task.role.label(), &st.fixed_centre)?;
    let row = filled.and_then(|f| f.rows.get(&task.id));
    let s = |f: fn(&FilledRow) -> &String| text(row.map_or("", |x| f(x)));
    ws.write_string_with_format(r, COL_PROGRESS, s(|x| &x.progress), &st.cell)?;
    ws.write_string_with_format(r, COL_STATUS, s(|x| &x.status), &st.cell_centre)?;
    match row.and_then(|x| x.completed_on).and_then(excel_date) {
        Some(d) => ws.write_datetime_with_format(r, COL_COMPLETED, &d, &st.cell_date)?,
        None => ws.write_blank(r, COL_COMPLETED, &st.cell_date)?,
    };
    ws.write_string_with_format(r, COL_EVIDENCE, s(|x| &x.evidence), &st.cell)?;
    ws.write_string_with_format(r, COL_NOTE, s(|x| &x.note), &st.cell)?;
    ws.set_row_height(r, row_height(&measure, row))?;
    Ok(())
}

/// The status dropdown (the statuses a unit can pick, `model::status`), and dates in
/// 完成时间 and 填报日期.
fn validations(ws: &mut Worksheet, last: u32) -> Result<(), XlsxError> {
    let status = DataValidation::new()
        .allow_list_strings(&choices())?
        .set_input_title("完成状态")?
        .set_input_message(dropdown_prompt())?
        .set_error_title("完成状态有误")?
        .set_error_message(format!(
            "{}情况说明请写在“整改进展情况”或“备注”列。",
            dropdown_prompt()
        ))?;
    ws.add_data_validation(FIRST_TASK_ROW, COL_STATUS, last, COL_STATUS, &status)?;
    let completed = date_validation("完成时间", "尚未完成的请留空。")?;
    ws.add_data_validation(
        FIRST_TASK_ROW,
        COL_COMPLETED,
        last,
        COL_COMPLETED,
        &completed,
    )?;
    let filed = date_validation("填报日期", "")?;
    ws.add_data_validation(INFO_ROW, COL_FILED_ON, INFO_ROW, COL_FILED_ON, &filed)?;
    Ok(())
}

/// Locked cells stay; filtering, sorting and resizing are allowed.
fn protection() -> ProtectionOptions {
    ProtectionOptions {
        select_locked_cells: true,
        select_unlocked_cells: true,
        format_columns: true,
        format_rows: true,
        use_autofilter: true,
        sort: true,
        ..ProtectionOptions::default()
    }
}

/// A4 landscape, one page wide at 9 pt or more, header rows repeated, page numbers.
fn print_setup(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_paper_size(PAPER_A4);
    ws.set_landscape();
    let widths: Vec<f64> = COLUMNS.iter().map(|(_, w)| *w).collect();
    print_width(ws, &widths, 0.5, 3)?;
    ws.set_repeat_rows(0, HEADER_ROW)?;
    ws.set_margins(0.5, 0.5, 0.7, 0.7, 0.3, 0.3);
    ws.set_footer(PAGE_FOOTER);
    Ok(())
}

/// Room for the measure and for what was typed (each wrapped in its column), and at
/// least five lines to write progress in. Viewers do not grow a row on opening, so the
/// height is set; Excel and WPS still grow it while the unit types.
fn row_height(measure: &str, filled: Option<&FilledRow>) -> f64 {
    let lines = |s: &str, col: u16| Measure::of(s).wrapped_lines(COLUMNS[col as usize].1);
    // A line in hand for the viewer's own wrapping of the whole text (and LibreOffice's
    // taller CJK lines), as the workbook's lists keep.
    let wrapped = line_count(measure, COLUMNS[COL_MEASURE as usize].1);
    let mut n = (wrapped + wrapped.div_ceil(3)).max(5);
    if let Some(f) = filled {
        n = n
            .max(lines(&f.progress, COL_PROGRESS))
            .max(lines(&f.evidence, COL_EVIDENCE))
            .max(lines(&f.note, COL_NOTE));
    }
    (n as f64 * 15.0 + 6.0).min(409.0)
}

/// A date cell's validation: its prompt titled `title`, the error text ending with
/// `empty_note` (what to do when there is no date yet).
fn date_validation(title: &str, empty_note: &str) -> Result<DataValidation, XlsxError> {
    let from = ExcelDateTime::from_ymd(2020, 1, 1)?;
    let to = ExcelDateTime::from_ymd(2030, 12, 31)?;
    DataValidation::new()
        .allow_date(DataValidationRule::Between(from, to))
        .set_input_title(title)?
        .set_input_message("请输入日期，如2020年9月30日")?
        .set_error_title("日期有误")?
        .set_error_message(format!(
            "请输入2020年1月1日至2030年12月31日之间的日期，如2020年9月30日（也可输入2020-9-30）。{empty_note}"
        ))
        .map(|v| v.set_error_style(DataValidationErrorStyle::Stop))
}

/// The 填报说明 column's width, in characters.
const GUIDE_WIDTH: f64 = 86.0;

fn guide_sheet(ws: &mut Worksheet, c: &ChecklistInput, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name(GUIDE_SHEET)?;
    // Narrower than a portrait A4 page's printable width: LibreOffice prints the sheet
    // unscaled, whatever the fit-to-width setting says.
    ws.set_column_width(0, GUIDE_WIDTH)?;
    ws.write_string_with_format(0, 0, "填报说明", &st.guide_title)?;
    ws.set_row_height(0, 24)?;
    for (i, l) in guide_lines(c).iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string_with_format(r, 0, text(l), &st.guide)?;
        let rows = (display_width(l) as f64 / (GUIDE_WIDTH * 0.9))
            .ceil()
            .max(1.0);
        ws.set_row_height(r, rows * 15.0 + 6.0)?;
    }
    // Portrait, fitted to the page width.
    ws.set_paper_size(PAPER_A4);
    ws.set_margins(0.6, 0.6, 0.75, 0.75, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// What the form lists, as its 填报说明 says (after 中): the unit's tasks and how many. When
/// units gather some of its tasks, the notice says it has more: the form must not call
/// these all it 承担.
fn what_it_lists(c: &ChecklistInput, n: usize, by_role: &str) -> String {
    if c.elsewhere == 0 {
        format!("{}承担的整改任务，共{n}项{by_role}", c.unit)
    } else {
        format!(
            "{}承担并直接报送{}的整改任务，共{n}项{by_role}；{}另承担的{}项任务由其他单位汇总报送，不在本表内，请按通知要求报送相应单位",
            c.unit, c.plan.collector, c.unit, c.elsewhere,
        )
    }
}

/// The instructions, numbered: what the form lists, how to choose a status, dates,
/// what to write, what not to touch, where and when to send it.
fn guide_lines(c: &ChecklistInput) -> [String; 6] {
    let tasks = &c.tasks;
    let count = |r: Role| tasks.iter().filter(|t| t.role == r).count();
    let p = c.plan;
    let mut contact = format!("联系人：{}，电话：{}", p.contact.name, p.contact.phone);
    if !p.contact.email.trim().is_empty() {
        contact.push_str(&format!("，邮箱：{}", p.contact.email));
    }
    if p.contact.name.trim().is_empty() {
        // A lead unit's round: its own contact is not in the plan.
        contact = format!("{}汇总后统一报送{}", p.collector, p.bureau);
    }
    let headers = |cols: &[(&str, f64)], open: &str, close: &str| -> Vec<String> {
        cols.iter()
            .map(|(h, _)| format!("{open}{h}{close}"))
            .collect()
    };
    let inputs = headers(&COLUMNS[COL_PROGRESS as usize..], "“", "”").concat();
    let fixed = headers(&COLUMNS[..=COL_ROLE as usize], "", "").join("、");
    // 共7项（牵头2项、责任5项）; one role alone: 共1项（配合任务）.
    let roles: Vec<(Role, usize)> = [Role::Lead, Role::Responsible, Role::Cooperating]
        .into_iter()
        .map(|r| (r, count(r)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let by_role = match roles[..] {
        [] => String::new(),
        [(r, _)] => format!("（{}任务）", r.label()),
        _ => format!(
            "（{}）",
            roles
                .iter()
                .map(|(r, n)| format!("{}{n}项", r.label()))
                .collect::<Vec<_>>()
                .join("、")
        ),
    };
    [
        format!(
            "1. 本表列出《{}》（{}）中{}。请逐项填写{inputs}，并在表格上方填写填报日期、填报人和联系电话。",
            p.title,
            p.doc_number,
            what_it_lists(c, tasks.len(), &by_role),
        ),
        format!("2. 完成状态请从下拉列表中选择：{}。", choices_explained()),
        format!(
            "3. 完成时间：{}的任务填写实际完成日期，如2020年9月30日；尚未完成的请留空。",
            Status::Completed.label()
        ),
        "4. 整改进展情况请写明已采取的措施、取得的成效和下一步安排；配合单位请写明本单位配合开展的工作。佐证材料列出文件、照片等材料的名称，材料另行报送。".to_string(),
        format!("5. 灰色单元格（{fixed}）为下发内容，已锁定，请勿修改；请勿增删行列或复制到其他表格填写。文件可以改名，不影响汇总。"),
        format!(
            "6. 请于{}前将本表（Excel格式）报送{}。{}。",
            render_date(p.reports_due()),
            p.collector,
            contact
        ),
    ]
}

fn marker_sheet(ws: &mut Worksheet, m: &Marker) -> Result<(), XlsxError> {
    ws.set_name(marker::SHEET)?;
    for (r, row) in m.sheet_rows().iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, text(v))?;
        }
    }
    ws.set_very_hidden(true);
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn status_choices_fit_a_list_validation() {
        // An ASCII comma would split an item; the list holds at most 255 characters.
        let choices = crate::model::status::choices();
        assert!(choices.join(",").chars().count() <= 255);
        assert!(choices.iter().all(|w| !w.contains(',')));
    }
}
