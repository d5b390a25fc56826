//! One sheet → records: find the header (one or two rows, merged cells), read the
//! 填报单位 / 填报日期 lines, decide the unit, and turn every non-empty row into a record
//! or a skip entry.

use chrono::NaiveDate;

use super::grid::{Cell, Grid};
use super::record::{Ingested, Record, UnitFrom};
use super::values::{parse_task_id, task_id_from_number};
use super::vocabulary::{
    classify_header, classify_status, classify_tick, classify_yes_no, is_note_row,
    status_from_progress, ColumnKind,
};
use crate::common::dates::{date_from_serial, find_date_in_text, parse_date_text};
use crate::common::marker::Marker;
use crate::common::text::{excerpt, one_line};
use crate::model::Status;
use crate::model::{Code, Problem, Severity};
use crate::model::{Skip, SkipReason, Source};
use crate::plan::{NameMatch, UnitDirectory};

/// How far down a header may be.
const HEADER_SCAN_ROWS: usize = 20;

/// What a sheet reader needs to know about its file and the plan.
pub struct SheetContext<'a> {
    /// Path relative to the returns folder.
    pub file: &'a str,
    /// The file name without extension (a last resort for the unit).
    pub file_stem: &'a str,
    pub units: &'a UnitDirectory,
    /// The year a date without one (9月底) belongs to.
    pub default_year: i32,
    /// The file's checklist marker (our own checklist), unit already canonical.
    pub marker: Option<&'a Marker>,
}

/// The columns found in the header.
#[derive(Debug, Default)]
struct Layout {
    /// First and last header row (0-based).
    top: usize,
    bottom: usize,
    columns: Vec<(ColumnKind, usize)>,
}

impl Layout {
    fn col(&self, kind: ColumnKind) -> Option<usize> {
        self.columns
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, c)| *c)
    }
}

fn row_len(grid: &Grid, r: usize) -> usize {
    grid.rows.get(r).map_or(0, Vec::len)
}

fn raw_row_is_empty(grid: &Grid, r: usize) -> bool {
    grid.rows
        .get(r)
        .is_none_or(|row| row.iter().all(Cell::is_empty))
}

fn row_text(grid: &Grid, r: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in 0..row_len(grid, r) {
        let t = one_line(&grid.cell(r, c).text());
        if !t.is_empty() && parts.last() != Some(&t) {
            parts.push(t);
        }
    }
    parts.join(" ")
}

/// Header kinds of one row; a unit column only for 单位 / 填报单位 (a copied 牵头单位 /
/// 责任单位 column names the plan's units, not the one filing).
fn header_kinds(grid: &Grid, r: usize, width: usize) -> Vec<Option<ColumnKind>> {
    (0..width)
        .map(|c| {
            let text = grid.value_through_merge(r, c).text();
            // "填报单位：…" and "填报日期：" are labels of the lines above a table, not
            // column names: header cells carry no colon.
            if text.contains(':') || text.contains('：') {
                return None;
            }
            let kind = classify_header(&text)?;
            if kind == ColumnKind::FiledOn {
                return None;
            }
            if kind == ColumnKind::Unit && ["牵头", "责任", "配合"].iter().any(|w| text.contains(w))
            {
                return None;
            }
            Some(kind)
        })
        .collect()
}

fn distinct(kinds: &[Option<ColumnKind>]) -> usize {
    let mut seen: Vec<ColumnKind> = Vec::new();
    for k in kinds.iter().flatten() {
        if !seen.contains(k) {
            seen.push(*k);
        }
    }
    seen.len()
}

fn qualifies(kinds: &[Option<ColumnKind>]) -> bool {
    use ColumnKind::*;
    let has = |ks: &[ColumnKind]| kinds.iter().flatten().any(|k| ks.contains(k));
    has(&[Id, Measure]) && has(&[Progress, Status, StatusYesNo, StatusTick, CompletedOn])
}

/// The header: the first row (within the first 20) naming an id or measure column and a
/// progress or status column, with the row below when that continues the header. With
/// `last_header_row` (our checklist: the marker knows its rows) the header ends there.
fn find_layout(grid: &Grid, last_header_row: Option<usize>) -> Option<Layout> {
    let width = (0..grid.rows.len())
        .map(|r| row_len(grid, r))
        .max()
        .unwrap_or(0);
    for top in 0..grid.rows.len().min(HEADER_SCAN_ROWS) {
        let upper = header_kinds(grid, top, width);
        if distinct(&upper) < 2 && !qualifies(&upper) {
            // A two-row header needs at least two header words on its top row too
            // (序号 and 具体举措 merged down), so a single word is not a start.
            continue;
        }
        let lower = if top + 1 < grid.rows.len() && last_header_row.is_none_or(|l| top < l) {
            header_kinds(grid, top + 1, width)
        } else {
            vec![None; width]
        };
        // The row below belongs to the header when it names columns and holds no
        // task number of its own.
        let lower_is_header = lower.iter().flatten().count() >= 1
            && !(0..width).any(|c| {
                upper[c] == Some(ColumnKind::Id)
                    && matches!(grid.cell(top + 1, c), Cell::Number(_))
                    || matches!(grid.cell(top + 1, c), Cell::Text(t) if upper[c] == Some(ColumnKind::Id) && parse_task_id(t).is_some())
            });
        let (kinds, bottom) = if lower_is_header {
            let combined: Vec<Option<ColumnKind>> =
                (0..width).map(|c| lower[c].or(upper[c])).collect();
            (combined, top + 1)
        } else {
            (upper, top)
        };
        if !qualifies(&kinds) {
            continue;
        }
        let mut columns: Vec<(ColumnKind, usize)> = Vec::new();
        for (c, k) in kinds.iter().enumerate() {
            if let Some(k) = k {
                if !columns.iter().any(|(kk, _)| kk == k) {
                    columns.push((*k, c));
                }
            }
        }
        let mut layout = Layout {
            top,
            bottom,
            columns,
        };
        promote_status_like_progress(grid, &mut layout, &kinds);
        return Some(layout);
    }
    None
}

/// With no status column, a second progress-like column (完成情况) whose cells are all
/// short status words is the status column.
fn promote_status_like_progress(grid: &Grid, layout: &mut Layout, kinds: &[Option<ColumnKind>]) {
    use ColumnKind::*;
    if layout
        .columns
        .iter()
        .any(|(k, _)| matches!(k, Status | StatusYesNo | StatusTick))
    {
        return;
    }
    let progress_cols: Vec<usize> = kinds
        .iter()
        .enumerate()
        .filter(|(_, k)| **k == Some(Progress))
        .map(|(c, _)| c)
        .collect();
    for &c in &progress_cols {
        let values: Vec<String> = (layout.bottom + 1..grid.rows.len())
            .map(|r| one_line(&grid.cell(r, c).text()))
            .filter(|t| !t.is_empty())
            .collect();
        let status_like = !values.is_empty()
            && values.iter().all(|v| {
                v.chars().count() <= 10 && classify_status(v) != crate::model::Status::Unclear
            });
        if status_like {
            layout.columns.retain(|(k, _)| *k != Progress);
            layout.columns.push((Status, c));
            if let Some(&other) = progress_cols.iter().find(|&&o| o != c) {
                layout.columns.push((Progress, other));
            }
            return;
        }
    }
}

/// The value after a label such as 填报单位： in a row: in the same cell, or in the next
/// non-empty cell. Stops at the next label on the line.
fn labelled_value(grid: &Grid, r: usize, labels: &[&str]) -> Option<String> {
    let width = row_len(grid, r);
    for c in 0..width {
        let text = grid.cell(r, c).text();
        for label in labels {
            let Some(pos) = text.find(label) else {
                continue;
            };
            let after = text[pos + label.len()..].trim_start_matches([':', '：', ' ', '\u{3000}']);
            let value = cut_at_next_label(after);
            if !value.trim().is_empty() {
                return Some(value.trim().to_string());
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

fn cut_at_next_label(s: &str) -> &str {
    let mut end = s.len();
    for next in [
        "填报日期",
        "填报时间",
        "填报人",
        "联系人",
        "联系电话",
        "审核人",
        "填报单位",
    ] {
        if let Some(p) = s.find(next) {
            end = end.min(p);
        }
    }
    &s[..end]
}

const UNIT_LABELS: [&str; 4] = ["填报单位", "报送单位", "单位名称", "单位（盖章）"];
const DATE_LABELS: [&str; 3] = ["填报日期", "填报时间", "报送日期"];

fn date_of_cell(cell: &Cell, default_year: i32) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => Some(*d),
        Cell::DateTime(dt) => Some(dt.date()),
        // 20200930 typed into a number cell, or an Excel serial.
        Cell::Number(n) if (19_000_101.0..=21_001_231.0).contains(n) && n.fract() == 0.0 => {
            parse_date_text(&format!("{}", *n as i64), Some(default_year))
        }
        Cell::Number(n) => date_from_serial(*n),
        Cell::Text(t) => parse_date_text(t, Some(default_year))
            .or_else(|| find_date_in_text(t, Some(default_year))),
        _ => None,
    }
}

/// The filing date on a row with a 填报日期 label.
fn filed_on_in_row(grid: &Grid, r: usize, default_year: i32) -> Option<NaiveDate> {
    for c in 0..row_len(grid, r) {
        let text = grid.cell(r, c).text();
        for label in DATE_LABELS {
            if let Some(pos) = text.find(label) {
                let after = &text[pos + label.len()..];
                if let Some(d) = find_date_in_text(after, Some(default_year)) {
                    return Some(d);
                }
                // The date in the next non-empty cell (a real date cell).
                for c2 in c + 1..row_len(grid, r) {
                    let cell = grid.cell(r, c2);
                    if !cell.is_empty() {
                        return date_of_cell(cell, default_year);
                    }
                }
            }
        }
    }
    None
}

fn resolve(units: &UnitDirectory, text: &str) -> Result<String, NameMatch> {
    match units.resolve(text) {
        NameMatch::Unit(u) => Ok(u),
        other => Err(other),
    }
}

fn describe_failure(text: &str, m: &NameMatch) -> String {
    match m {
        NameMatch::Ambiguous(c) => format!("“{}”可能是{}", excerpt(text, 30), c.join("或")),
        NameMatch::Group(g) => format!("“{}”是单位组“{g}”，不是一个单位", excerpt(text, 30)),
        _ => format!("“{}”不在单位名录中", excerpt(text, 30)),
    }
}

/// Read one sheet into `out`.
pub fn read_sheet(grid: &Grid, ctx: &SheetContext, out: &mut Ingested) {
    let sheet = grid.name.as_str();
    let non_empty: Vec<usize> = (0..grid.rows.len())
        .filter(|&r| !raw_row_is_empty(grid, r))
        .collect();
    if non_empty.is_empty() {
        return;
    }
    let skip_sheet = |out: &mut Ingested, reason: SkipReason| {
        out.skips.push(Skip {
            file: ctx.file.to_string(),
            sheet: sheet.to_string(),
            row: non_empty[0] as u32 + 1,
            rows: non_empty.len() as u32,
            reason,
            text: excerpt(&row_text(grid, non_empty[0]), 40),
        });
    };
    if grid.hidden {
        skip_sheet(out, SkipReason::HiddenSheet);
        return;
    }
    // Our own checklist's form: the marker knows where the tasks start.
    let marker_rows = ctx.marker.filter(|m| m.sheet == sheet);
    let first_task_row = marker_rows.map(|m| m.first_row as usize - 1);
    let Some(layout) = find_layout(grid, first_task_row.and_then(|r| r.checked_sub(1))) else {
        skip_sheet(out, SkipReason::NoHeaderSheet);
        if ctx.marker.is_some() {
            // The instructions sheet of our own checklist: nothing to tell.
            return;
        }
        out.problems.push(
            Problem::new(
                Severity::Info,
                Code::SheetSkipped,
                ctx.file,
                "此工作表没有可识别的表头（应含“序号”或“具体举措”，以及“整改进展情况”或“完成状态”等列），按说明页跳过。如这是报送数据，请使用下发的表头。",
            )
            .at(Some(sheet), None),
        );
        return;
    };

    // Rows above the header: title, 填报单位, 填报日期.
    let mut filed_unit_text: Option<String> = None;
    let mut filed_on: Option<NaiveDate> = None;
    let mut title_text: Option<String> = None;
    for &r in non_empty.iter().filter(|&&r| r < layout.top) {
        if filed_unit_text.is_none() {
            filed_unit_text = labelled_value(grid, r, &UNIT_LABELS);
        }
        if filed_on.is_none() {
            filed_on = filed_on_in_row(grid, r, ctx.default_year);
        }
        if title_text.is_none() {
            title_text = Some(row_text(grid, r));
        }
        out.skips
            .push(skip_row(ctx, sheet, r, SkipReason::Title, grid));
    }
    for &r in non_empty
        .iter()
        .filter(|&&r| r >= layout.top && r <= layout.bottom)
    {
        out.skips
            .push(skip_row(ctx, sheet, r, SkipReason::Header, grid));
    }
    // Notes below the table may carry the filing date (填报人：… 填报日期：…).
    if filed_on.is_none() || filed_unit_text.is_none() {
        for &r in non_empty.iter().filter(|&&r| r > layout.bottom) {
            let first = first_text(grid, r);
            if is_note_row(&first)
                || DATE_LABELS
                    .iter()
                    .chain(UNIT_LABELS.iter())
                    .any(|l| first.starts_with(l))
            {
                if filed_on.is_none() {
                    filed_on = filed_on_in_row(grid, r, ctx.default_year);
                }
                if filed_unit_text.is_none() {
                    filed_unit_text = labelled_value(grid, r, &UNIT_LABELS);
                }
            }
        }
    }
    let default_year = filed_on.map_or(ctx.default_year, |d| chrono::Datelike::year(&d));

    // The sheet's unit: 填报单位 cell, then (per row) a unit column, then the title,
    // the sheet name and the file name.
    let mut failures: Vec<String> = Vec::new();
    let mut sheet_unit: Option<(String, UnitFrom)> = None;
    if let Some(t) = filed_unit_text.as_deref().filter(|t| !t.trim().is_empty()) {
        match resolve(ctx.units, t) {
            Ok(u) => sheet_unit = Some((u, UnitFrom::FiledCell)),
            Err(m) => failures.push(format!("填报单位{}", describe_failure(t, &m))),
        }
    }
    // Our own checklist: the marker names the unit, whatever the sheet says.
    if let Some(m) = ctx.marker {
        if let Some((written, _)) = sheet_unit.as_ref().filter(|(u, _)| *u != m.unit) {
            out.problems.push(
                Problem::new(
                    Severity::Warning,
                    Code::MarkerMismatch,
                    ctx.file,
                    format!(
                        "此表是下发给{}的任务清单，但“填报单位”填写的是{written}，已按{}计入。如确为{written}报送，请使用其本单位的任务清单。",
                        m.unit, m.unit
                    ),
                )
                .at(Some(sheet), None),
            );
        }
        failures.clear();
        sheet_unit = Some((m.unit.clone(), UnitFrom::Marker));
    }

    let unit_col = layout.col(ColumnKind::Unit);
    let mut fallback: Option<(String, UnitFrom)> = None;
    if sheet_unit.is_none() {
        let candidates = [
            (title_text.as_deref().unwrap_or(""), UnitFrom::Title),
            (sheet, UnitFrom::SheetName),
            (ctx.file_stem, UnitFrom::FileName),
        ];
        for (text, from) in candidates {
            if text.trim().is_empty() {
                continue;
            }
            if let Ok(u) = resolve(ctx.units, text) {
                fallback = Some((u, from));
                break;
            }
        }
    }

    let mut records_here = 0u32;
    let mut rows_without_unit: Vec<u32> = Vec::new();
    for &r in non_empty.iter().filter(|&&r| r > layout.bottom) {
        let first = first_text(grid, r);
        if is_note_row(&first)
            || DATE_LABELS
                .iter()
                .chain(UNIT_LABELS.iter())
                .any(|l| first.starts_with(l))
        {
            out.skips
                .push(skip_row(ctx, sheet, r, SkipReason::Note, grid));
            continue;
        }
        // A header repeated inside the table (a pasted second block): its first cell is
        // a header word. Only then classify the whole row (cheap for data rows).
        if classify_header(&first).is_some() && {
            let kinds = header_kinds(grid, r, row_len(grid, r));
            distinct(&kinds) >= 2 && qualifies(&kinds)
        } {
            out.skips
                .push(skip_row(ctx, sheet, r, SkipReason::Header, grid));
            continue;
        }
        let get = |kind: ColumnKind| -> &Cell {
            match layout.col(kind) {
                Some(c) => grid.value_through_merge(r, c),
                None => &Cell::Empty,
            }
        };
        let text_of = |kind: ColumnKind| one_line_keep_breaks(&get(kind).text());
        let id_cell = get(ColumnKind::Id);
        let measure_text = text_of(ColumnKind::Measure);
        let progress = text_of(ColumnKind::Progress);
        let completed_cell = get(ColumnKind::CompletedOn);
        // A task row of our checklist the unit left blank: not a report (the task
        // stays missing for the unit).
        if marker_rows.is_some_and(|m| m.task_at(r).is_some())
            && [
                ColumnKind::Progress,
                ColumnKind::Status,
                ColumnKind::CompletedOn,
                ColumnKind::Evidence,
                ColumnKind::Note,
            ]
            .iter()
            .all(|k| get(*k).is_empty())
        {
            out.skips
                .push(skip_row(ctx, sheet, r, SkipReason::Unfilled, grid));
            continue;
        }
        // A category heading: one text across the row (often merged), no number.
        if is_category_heading(grid, r) {
            out.skips
                .push(skip_row(ctx, sheet, r, SkipReason::CategoryHeading, grid));
            continue;
        }
        let (id_text, mut id) = match id_cell {
            Cell::Number(n) => (Cell::Number(*n).text(), task_id_from_number(*n)),
            Cell::Empty => (String::new(), None),
            other => {
                let t = one_line(&other.text());
                let id = parse_task_id(&t);
                (t, id)
            }
        };
        // A 序号 emptied or overwritten on our checklist: the row's position tells
        // (merge still checks it against the measure text on the row).
        if let Some(m) = marker_rows {
            if id.is_none_or(|i| !m.tasks.contains(&i)) {
                if let Some(at) = m.task_at(r) {
                    id = Some(at);
                }
            }
        }
        let source = Source {
            file: ctx.file.to_string(),
            sheet: sheet.to_string(),
            row: r as u32 + 1,
        };
        let (status, status_text) = read_status(&layout, grid, r, &progress);
        if status == Status::Unclear {
            let shown = if status_text.is_empty() {
                "（空）".to_string()
            } else {
                format!("“{}”", excerpt(&status_text, 20))
            };
            out.problems.push(
                Problem::new(
                    Severity::Warning,
                    Code::StatusUnclear,
                    ctx.file,
                    format!(
                        "完成状态{shown}无法识别，记为“{}”。请填写：{}。",
                        Status::Unclear.label(),
                        crate::model::status::choices_or()
                    ),
                )
                .at(Some(sheet), Some(source.row)),
            );
        }
        let completed_text = one_line(&completed_cell.text());
        let completed_on =
            date_of_cell(completed_cell, default_year).filter(|_| !completed_text.is_empty());
        if completed_on.is_none() && !completed_text.is_empty() && !is_placeholder(&completed_text)
        {
            out.problems.push(
                Problem::new(
                    Severity::Warning,
                    Code::DateUnreadable,
                    ctx.file,
                    format!(
                        "完成时间“{}”无法识别为日期，已保留原文。请按“2020年9月30日”格式填写。",
                        excerpt(&completed_text, 20)
                    ),
                )
                .at(Some(sheet), Some(source.row)),
            );
        }
        // The unit of this row.
        let mut unit = sheet_unit.clone();
        if unit.is_none() {
            if let Some(c) = unit_col {
                let t = grid.value_through_merge(r, c).text();
                if !t.trim().is_empty() {
                    match resolve(ctx.units, &t) {
                        Ok(u) => unit = Some((u, UnitFrom::UnitColumn)),
                        Err(m) => {
                            let msg = format!("单位列{}", describe_failure(&t, &m));
                            if !failures.contains(&msg) {
                                failures.push(msg);
                            }
                        }
                    }
                }
            }
        }
        if unit.is_none() {
            unit = fallback.clone();
        }
        if unit.is_none() {
            rows_without_unit.push(source.row);
        }
        records_here += 1;
        out.records.push(Record {
            source,
            unit: unit.as_ref().map(|(u, _)| u.clone()),
            unit_from: unit.as_ref().map(|(_, f)| *f),
            filed_on,
            id_text,
            id,
            measure_text,
            status,
            status_text,
            progress,
            completed_on,
            completed_text,
            note: text_of(ColumnKind::Note),
            evidence: text_of(ColumnKind::Evidence),
        });
    }

    if records_here > 0 {
        if !rows_without_unit.is_empty() {
            let tried = if failures.is_empty() {
                "表中没有“填报单位”，工作表名和文件名也不是单位名称".to_string()
            } else {
                failures.join("；")
            };
            out.problems.push(
                Problem::new(
                    Severity::Error,
                    Code::UnitUnknown,
                    ctx.file,
                    format!(
                        "无法识别填报单位（{tried}），{}行数据未计入汇总，已列入“未归集”清单。请在表头上方填写“填报单位：单位名称”后重新报送，或在单位名录中补充该名称。",
                        rows_without_unit.len()
                    ),
                )
                .at(Some(sheet), rows_without_unit.first().copied()),
            );
        } else if !failures.is_empty() {
            out.problems.push(
                Problem::new(
                    Severity::Warning,
                    Code::UnitAmbiguous,
                    ctx.file,
                    format!("{}；已按其他信息识别单位，请核实。", failures.join("；")),
                )
                .at(Some(sheet), None),
            );
        }
        if filed_on.is_none() {
            out.problems.push(
                Problem::new(
                    Severity::Warning,
                    Code::FilingDateMissing,
                    ctx.file,
                    "没有找到填报日期。同一单位报送多份时无法判断先后，请在表头上方填写“填报日期：2020年12月5日”。",
                )
                .at(Some(sheet), None),
            );
        }
    }
}

/// Keep line breaks inside a cell as single newlines, trim the ends.
fn one_line_keep_breaks(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_placeholder(s: &str) -> bool {
    matches!(s, "/" | "-" | "—" | "——" | "无" | "暂无" | "\\")
}

fn first_text(grid: &Grid, r: usize) -> String {
    (0..row_len(grid, r))
        .map(|c| one_line(&grid.cell(r, c).text()))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

fn is_category_heading(grid: &Grid, r: usize) -> bool {
    // Cheap test first (most rows are data): the first non-empty cell must open with a
    // Chinese numeral, possibly in brackets.
    let opens_with_numeral = (0..row_len(grid, r))
        .map(|c| grid.cell(r, c))
        .find(|cell| !cell.is_empty())
        .is_some_and(|cell| match cell {
            // (A necessary condition only: the full test below decides.)
            Cell::Text(t) => t
                .chars()
                .find(|c| !c.is_whitespace() && !matches!(c, '（' | '('))
                .is_some_and(|c| "一二三四五六七八九十".contains(c)),
            _ => false,
        });
    if !opens_with_numeral {
        return false;
    }
    let texts: Vec<String> = (0..row_len(grid, r))
        .map(|c| one_line(&grid.cell(r, c).text()))
        .filter(|t| !t.is_empty())
        .collect();
    let Some(first) = texts.first() else {
        return false;
    };
    let distinct = texts.iter().all(|t| t == first);
    let numeral = first
        .trim_start_matches(['（', '('])
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    distinct && numeral > 0 && {
        let rest: String = first
            .trim_start_matches(['（', '('])
            .chars()
            .skip(numeral)
            .collect();
        rest.starts_with('、') || rest.starts_with('）') || rest.starts_with(')')
    }
}

fn read_status(layout: &Layout, grid: &Grid, r: usize, progress: &str) -> (Status, String) {
    let text = |c: usize| one_line(&grid.value_through_merge(r, c).text());
    if let Some(c) = layout.col(ColumnKind::Status) {
        let t = text(c);
        if !t.is_empty() {
            return (classify_status(&t), t);
        }
    }
    if let Some(c) = layout.col(ColumnKind::StatusYesNo) {
        let t = text(c);
        if !t.is_empty() {
            return (classify_yes_no(&t, progress), t);
        }
    }
    if let Some(c) = layout.col(ColumnKind::StatusTick) {
        let t = text(c);
        if let Some(s) = classify_tick(&t) {
            return (s, t);
        }
        if !t.is_empty() {
            return (Status::Unclear, t);
        }
    }
    // No status column filled: a bare status word in 备注 (units put it there when
    // the form has only a tick column), then a progress text that says it plainly.
    if let Some(c) = layout.col(ColumnKind::Note) {
        let t = text(c);
        if t.chars().count() <= 10 {
            let s = classify_status(&t);
            if s != Status::Unclear {
                return (s, t);
            }
        }
    }
    match status_from_progress(progress) {
        Some(s) => (s, String::new()),
        None => (Status::Unclear, String::new()),
    }
}

fn skip_row(ctx: &SheetContext, sheet: &str, r: usize, reason: SkipReason, grid: &Grid) -> Skip {
    Skip {
        file: ctx.file.to_string(),
        sheet: sheet.to_string(),
        row: r as u32 + 1,
        rows: 1,
        reason,
        text: excerpt(&row_text(grid, r), 40),
    }
}
