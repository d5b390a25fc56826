//! One sheet → records and skip entries, one decision per module:
//! - `layout`: where the header is (one or two rows, merged cells) and which column is
//!   which;
//! - `filing`: the 填报单位 / 填报日期 lines around the table, and the title;
//! - `unit`: which unit filed the sheet, per row when the sheet does not say, and the
//!   problem when a unit is not found;
//! - `rows`: whether a row below the header is a record or a skip (Word paragraph,
//!   totals row, note, repeated header, category heading, unfilled task row, a
//!   continuation of the row above), and the record's values.
//!
//! Every non-empty row ends up as a record or a skip entry: a hidden sheet and a sheet
//! without a header are one skip entry each; a continuation row is a skip entry whose
//! text went into the record above.

mod context;
mod filing;
mod form;
mod layout;
mod matrix;
mod prose;
mod rows;
pub(crate) mod statement;
mod task_heading;
mod unit;
mod unit_columns;

pub(crate) use self::context::SheetContext;
use self::filing::Filing;
use self::layout::Layout;
use self::matrix::Matrix;
pub(crate) use self::unit::sender_in_name;
use self::unit::SheetUnit;
use self::unit_columns::UnitColumns;
use crate::common::marker::Marker;
use crate::common::text::{excerpt, one_line};
use crate::ingest::grid::{Cell, Grid};
use crate::ingest::notes::{not_applicable_read, note_words, NotApplicableNote};
use crate::ingest::record::{Ingested, Record, UnitFrom};
use crate::ingest::values::{hyphen_pair, parse_task_ids, sub_item_heads, task_id_of_cell};
use crate::ingest::vocabulary::ColumnKind;
use crate::model::status::Status;
use crate::model::{Code, Problem, Severity, Skip, SkipReason};

/// Whether a sheet holds a table turned on its side (one task a column), which is not
/// read: the file's problem says so.
pub(crate) fn turned_on_its_side(grid: &Grid) -> bool {
    form::turned_on_its_side(grid)
}

/// The cover sheet of a workbook of several sheets (封面: the sender and the date, no
/// table): its lines, for the sheets with the table that do not say them. Not for our
/// own checklist (its marker names the unit).
pub(crate) fn cover_of(grids: &[Grid], default_year: i32) -> Option<filing::Cover> {
    if grids.len() < 2 {
        return None;
    }
    grids.iter().filter(|g| !g.hidden).find_map(|g| {
        let cover = filing::Cover::read(g, default_year)?;
        (Layout::find(g, None).is_none() && form::read(g).is_none()).then_some(cover)
    })
}

/// The date a document without a table is signed on: its last paragraph that is a
/// date alone (2020年12月2日 under the signature), among its last five.
pub(crate) fn signature_date(grids: &[Grid], default_year: i32) -> Option<chrono::NaiveDate> {
    grids.iter().rev().find_map(|g| {
        (0..g.rows.len())
            .rev()
            .filter(|&r| g.filled_cells(r).next().is_some())
            .take(5)
            .find_map(|r| filing::date_only_row(g, r, default_year))
    })
}

/// Read one sheet into `out`. Returns the unit the sheet names as its sender (its
/// 填报单位 line or our marker) when the sheet gave records: a consolidated return whose
/// rows each name their unit is still the sender's.
pub(crate) fn read_sheet(grid: &Grid, ctx: &SheetContext, out: &mut Ingested) -> Option<String> {
    let non_empty: Vec<usize> = (0..grid.rows.len())
        .filter(|&r| !grid.row_is_empty(r))
        .collect();
    if non_empty.is_empty() {
        return None;
    }
    if grid.hidden {
        out.skips
            .push(sheet_skip(grid, ctx, &non_empty, SkipReason::HiddenSheet));
        return None;
    }
    // Our own checklist's form: the marker knows where the tasks start.
    let marker = ctx.marker.filter(|m| m.sheet == grid.name);
    let first_task_row = marker.map(|m| m.first_row as usize - 1);
    let layout = Layout::find(grid, first_task_row.and_then(|r| r.checked_sub(1)));
    // A registration form (labels down the side), read as the table it stands for: on a
    // sheet without a header, or where the "header" found is a form's row (完成状态 |
    // 已完成 | 完成时间 | 2020年10月20日).
    if marker.is_none()
        && layout
            .as_ref()
            .is_none_or(|l| form::answers_a_label(grid, l.top))
    {
        if let Some(forms) = form::read(grid) {
            return read_forms(grid, forms, ctx, out);
        }
    }
    // A table of units by tasks (镇街 | 第28项 | 第44项): under the return's own table,
    // or the sheet's only table.
    if marker.is_none() {
        let from = layout.as_ref().map_or(0, |l| l.top);
        if let Some(m) = Matrix::find(grid, from, ctx.units) {
            let below = layout.as_ref().filter(|l| m.header > l.bottom);
            return read_with_matrix(grid, below, m, &non_empty, ctx, out);
        }
    }
    let Some(layout) = layout else {
        // One small table a task, each under a heading naming the task (任务12：…).
        if let Some(annotated) = marker
            .is_none()
            .then(|| task_heading::annotate(grid))
            .flatten()
            .filter(|a| Layout::find(a, None).is_some() || form::read(a).is_some())
        {
            return read_sheet(&annotated, ctx, out);
        }
        // A written report with no table, one section a task under a heading naming it.
        let sections = if marker.is_none() {
            prose::sections(grid)
        } else {
            Vec::new()
        };
        if let Some(table) = prose::as_table(grid, &sections) {
            let joint = prose::joint_headings(grid);
            out.problems
                .push(prose_read(ctx, &grid.name, &sections, &joint));
            let letter = SheetContext {
                written_report: true,
                ..*ctx
            };
            return read_sheet(&table, &letter, out);
        }
        skip_headerless(grid, ctx, &non_empty, out);
        return None;
    };
    // Two tables side by side under one header row: each read on its own (the lines
    // above the table and the header, shared, are skipped once, with the left table).
    if let Some(second) = layout.second_table_at(grid).filter(|_| marker.is_none()) {
        let left = grid.columns_below(layout.top, 0..second);
        let right = grid.columns_below(layout.top, second..grid.width());
        let sender = read_sheet(&left, ctx, out);
        let mut part = Ingested::default();
        let right_sender = read_sheet(&right, ctx, &mut part);
        // Skip rows are 1-based: those of the table's body stay.
        part.skips.retain(|s| s.row as usize > layout.bottom + 1);
        out.append(part);
        return sender.or(right_sender);
    }
    // A group of columns per unit (来苏镇 | 宝峰镇 over 进展情况 | 完成状态): each group read
    // as its unit's table, the task's columns shared.
    if let Some(across) = marker
        .is_none()
        .then(|| UnitColumns::find(grid, &layout, ctx.units))
        .flatten()
    {
        return read_unit_columns(grid, &layout, &across, ctx, out);
    }
    let mut filing = Filing::read(grid, &layout, &non_empty, ctx.default_year);
    if let Some(cover) = ctx.cover {
        filing.take_cover(cover);
    }
    if is_evidence_list(ctx, &filing, &layout) {
        out.skips
            .push(sheet_skip(grid, ctx, &non_empty, SkipReason::EvidenceList));
        out.problems.push(
            Problem::new(
                Severity::Info,
                Code::SheetSkipped,
                ctx.file,
                "此工作表是佐证材料目录（每行一份材料），不作为进展读取。",
            )
            .at(Some(&grid.name), None),
        );
        return None;
    }
    if layout.is_tally() {
        // A return's own table under the tally (一、总体情况 counted by status, then 二、
        // 具体进展情况 task by task): the tally's rows skipped, the table read.
        if let Some(rest) = without_tally(grid, &layout) {
            for &r in non_empty.iter().filter(|&&r| rest.row_is_empty(r)) {
                out.skips.push(row_skip(grid, ctx, r, SkipReason::Tally));
            }
            return read_sheet(&rest, ctx, out);
        }
        out.skips
            .push(sheet_skip(grid, ctx, &non_empty, SkipReason::Tally));
        out.problems.push(
            Problem::new(
                Severity::Info,
                Code::SheetSkipped,
                ctx.file,
                "此工作表是按完成状态统计任务数的统计表，不含各项任务的进展，未作为进展读取。",
            )
            .at(Some(&grid.name), None),
        );
        return None;
    }
    skip_above_table(grid, ctx, &layout, &non_empty, out);
    // A sheet on one task (titled 任务44：…, or named 第44项) whose 序号 counts its rows
    // 1, 2, 3 (a lead unit's sheet per task, a row per unit): every row is on that task.
    let counted = counted_rows_task(grid, &layout, &non_empty, filing.title.as_deref());
    let mut unit = SheetUnit::decide(
        grid,
        ctx,
        &layout,
        &filing,
        counted.is_some(),
        &mut out.problems,
    );
    // 一、来苏镇 (or 来苏镇整改进展情况表) right above the first table of a lead unit's
    // Word return, under its title and 填报单位 line: that unit's rows, as for the
    // tables after it.
    // So is a table's own first row, merged across it over its header, when the towns'
    // tables were pasted whole (来苏镇整改进展情况, or 填报单位：来苏镇 under the lead's
    // 填报单位 line).
    // The filing date of the block a 填报单位 line below the header started.
    let mut block_filed = None;
    // The sheet's 填报单位 line heads other units' tables, each under a 填报单位 line of
    // its own (a lead unit's consolidation): their rows came through the sender.
    let mut blocks_through_sender = false;
    if let Some(&p) = non_empty.iter().rev().find(|&&x| x < layout.top) {
        let is_title = non_empty.first() == Some(&p);
        match filing::block_filing(grid, p, ctx.default_year) {
            _ if is_title => {}
            // 区生态环境局： under 区城市管理局关于…的报告: whom the letter goes to.
            _ if filing::is_addressee_under_title(grid, &non_empty, p, ctx.units) => {}
            None => {
                // (来苏镇 merged across the first table over its header, as a paragraph.)
                let in_table = || {
                    is_one_cell_row(grid, p)
                        .then(|| rows::heading_name(&grid.first_text(p)))
                        .flatten()
                };
                if let Some(name) = rows::paragraph_heading(grid, p).or_else(in_table) {
                    unit.start_block(&name, UnitFrom::Heading);
                } else if (grid.is_paragraph(p) || is_one_cell_row(grid, p))
                    && names_the_table_below(grid, &non_empty, p)
                {
                    unit.start_block(&grid.first_text(p), UnitFrom::Title);
                }
            }
            // Another 填报单位 line than the sheet's (the first) over the first table:
            // the sender's line heads other units' tables.
            Some((text, filed)) => {
                if filing.unit_text.as_deref().map(str::trim) != Some(text.trim())
                    && unit.start_block(&text, UnitFrom::Heading)
                {
                    block_filed = filed;
                    blocks_through_sender = true;
                }
            }
        }
    }
    let default_year = filing
        .filed_on
        .map_or(ctx.default_year, |d| chrono::Datelike::year(&d));
    // A sheet named by its month (11月, 12.4报送): the period of its rows.
    let sheet_period = filing::period_of_sheet_name(&grid.name, default_year);
    let mut records = 0u32;
    let mut rows_dated = false;
    // The record the next row may continue: its index in `out.records` and the last row
    // it covers (a continuation must be right under it).
    let mut open: Option<(usize, usize)> = None;
    // A consolidation's task rows: the record of the task's own row and the last row of
    // the unbroken run under it (its units' rows, a unit's 未报送 line, an unknown
    // unit's row), so a unit's row after such a line is still on the task (adv58 a 1).
    let mut task_rows: Option<(usize, usize)> = None;
    // The status a group heading over the rows names (一、已完成的任务), if one.
    // A Word return's heading right over the first table counts too.
    let mut group_status: Option<Status> = non_empty
        .iter()
        .rev()
        .find(|&&r| r < layout.top)
        .and_then(|&r| rows::heading_status(&grid.first_text(r)));
    // The month a Word return's heading over a table names (一、11月进展情况 over one
    // table, 二、12月进展情况 over the next): the period of the table's rows, so the
    // latest month's stands as a sheet per month's does.
    let heading_period = |r: usize| {
        (grid.is_paragraph(r) && grid.table_starts.contains(&(r + 1)))
            .then(|| rows::heading_period(&grid.first_text(r), ctx.default_year))
            .flatten()
    };
    let mut block_period: Option<chrono::NaiveDate> = non_empty
        .iter()
        .rev()
        .find(|&&r| r < layout.top)
        .filter(|&&r| r + 1 == layout.top && grid.is_paragraph(r))
        .and_then(|&r| rows::heading_period(&grid.first_text(r), ctx.default_year));
    // Items (1. 2. …) appended to the open record so far.
    let mut items = 0u32;
    // Rows under a task's row opening 第1项：, 第2项： in turn (its items).
    let mut named_items = 0u32;
    // Our own forms' columns are known (a 报送表's 汇总意见 is the tool's own words).
    let for_this_sheet = |mut layout: Layout| {
        if marker.is_some() {
            layout.unnamed.clear();
        }
        layout
    };
    let mut layout = for_this_sheet(layout);
    // The plan's 完成时限 pasted down the status column: every copy is no status.
    let copied = |layout: &Layout| -> Vec<usize> {
        non_empty
            .iter()
            .copied()
            .filter(|&r| r > layout.bottom && rows::deadline_copied(layout, grid, r))
            .collect()
    };
    let mut copies = copied(&layout);
    if copies.len() >= DEADLINE_COLUMN_ROWS {
        layout.status_holds_deadlines = true;
        copies = copied(&layout);
    }
    if let Some(&first) = copies.first() {
        out.problems
            .push(deadlines_in_status(ctx, grid, &layout, first, copies.len()));
    }
    // Status words written down the 完成时限 column (已完成, 正在推进) of a table with no
    // column for the status: the rows' status.
    let no_status_column = layout.col(ColumnKind::Status).is_none()
        && layout.col(ColumnKind::StatusYesNo).is_none()
        && layout.ticks.is_empty();
    let in_deadline = |layout: &Layout, r: usize| {
        r > layout.bottom && rows::status_in_deadline(layout, grid, r).is_some()
    };
    // Once one row has a status word there, 长期坚持 counts as one too: so set, then count.
    layout.deadline_holds_statuses =
        no_status_column && non_empty.iter().any(|&r| in_deadline(&layout, r));
    let statuses_in_deadline: Vec<usize> = if layout.deadline_holds_statuses {
        non_empty
            .iter()
            .copied()
            .filter(|&r| in_deadline(&layout, r))
            .collect()
    } else {
        Vec::new()
    };
    if let Some(&first) = statuses_in_deadline.first() {
        out.problems.push(statuses_in_deadline_note(
            ctx,
            grid,
            &layout,
            first,
            statuses_in_deadline.len(),
        ));
    }
    // The marker's rows tell a row's task only while the form's rows are where it put
    // them: not after a sort, an inserted row or a deleted one.
    let in_place = marker.filter(|m| rows_in_place(grid, &layout, m));
    let first_header_bottom = layout.bottom;
    let first_record = out.records.len();
    // The month the sheet reports on: its title's, else its filing date's (a table
    // below under an earlier month's title is last month's, pasted in).
    let sheet_month = filing
        .title
        .as_deref()
        .and_then(rows::month_named)
        .or(filing.filed_on.map(|d| chrono::Datelike::month(&d)));
    // The task number of the last task row, read or left blank: 21.1, 21.2 under it
    // are its items.
    let mut last_id: Option<u32> = None;
    // A task's row left blank (24 | 针对…拦河养鱼… | | ) and the number its next part
    // would have under it (（1）开展自查 …, （2）拆除设施 …).
    let mut blank_task: Option<(u32, u32)> = None;
    // Headers of unknown columns whose text went into a record's note.
    let mut unnamed_read: Vec<String> = Vec::new();
    // Task rows left blank so far: a statement under them (以上任务均不涉及我街道)
    // answers them.
    let mut blank_rows: Vec<usize> = Vec::new();
    // Tasks whose items the sheet numbers 6-1 … 6-8: 6-7 is an item, not tasks 6 and 7.
    let item_heads = sub_item_heads(
        (non_empty.iter().filter(|&&r| r > layout.bottom)).filter_map(|&r| {
            match layout.cell(grid, r, ColumnKind::Id) {
                Cell::Text(t) => hyphen_pair(t),
                _ => None,
            }
        }),
    );
    // A Word table split across pages: the record of the last row before the next table
    // opened, while that table has had no data row yet (a 续表 line and a repeated
    // header may come between).
    let mut split_from: Option<usize> = None;
    // The record of the last data row read, whatever rows were passed over since.
    let mut last_record: Option<usize> = None;
    // A paragraph other than a 续表 line since that record: the next table is another
    // (任务13： over a table of its own), not the split one continued.
    let mut headed = false;
    // Inside a tally under the table (二、完成情况统计: 任务类别 | 任务数 | 已完成 …):
    // its rows are counts, up to the next table's header.
    let mut in_tally = false;
    for &r in non_empty.iter().filter(|&&r| r > first_header_bottom) {
        if in_tally {
            if Layout::at(grid, r).is_some_and(|l| !l.is_tally()) {
                in_tally = false;
            } else if !grid.is_paragraph(r) && grid.filled_cells(r).count() > 1 {
                out.skips.push(row_skip(grid, ctx, r, SkipReason::Tally));
                continue;
            }
        }
        let mut under = open.filter(|&(_, last)| last + 1 == r);
        // (Empty rows between are spacing: adv58 c 1.)
        let in_group = task_rows
            .filter(|&(_, last)| last < r && (last + 1..r).all(|x| grid.row_is_empty(x)))
            .map(|(i, _)| i);
        if let Some((i, _)) = open {
            last_record = Some(i);
            headed = false;
        }
        if grid.table_starts.contains(&r) {
            split_from = last_record.filter(|_| !headed);
        }
        if grid.is_paragraph(r) && !is_continued_line(&grid.first_text(r)) {
            headed = true;
        }
        open = None;
        if r <= layout.bottom {
            // The lower row of a later block's two-row header.
            out.skips.push(row_skip(grid, ctx, r, SkipReason::Header));
            continue;
        }
        // 附：11月报送情况（供参考）: the rest of the sheet is reference, not a return.
        // A table of an earlier month pasted under this one (11月份整改进展情况 over a
        // header of its own, the sheet being December's): reference too.
        let earlier_table = |text: &str| {
            let next = non_empty.iter().copied().find(|&x| x > r);
            text.chars().count() <= 40
                && rows::month_named(text)
                    .zip(sheet_month)
                    .is_some_and(|(m, now)| m < now)
                && next.is_some_and(|x| {
                    rows::skip_reason(grid, x, &layout) == Some(SkipReason::Header)
                })
        };
        // 附表：拦河养鱼整治统计 / 附件：我镇承担的整改任务清单 over a table of its own:
        // figures or a list supporting the return, not rows of it.
        // So is a copy of the plan's rows (序号 | 具体举措 | 完成时限 | 牵头单位 | 责任单位,
        // no column for progress) under 附件：我镇承担的整改任务.
        let appendix_table = |text: &str| {
            let Some(x) = non_empty.iter().copied().find(|&x| x > r) else {
                return false;
            };
            let table = !grid.is_paragraph(x)
                && (grid.table_starts.contains(&x) || Layout::at(grid, x).is_some());
            table
                && (rows::opens_appendix(text)
                    || (rows::opens_attachment(text) && rows::plan_list_header(grid, x)))
        };
        let (reference, appendix) = if grid.filled_cells(r).count() == 1 {
            let text = grid.first_text(r);
            (
                rows::opens_reference(&text) || earlier_table(&text),
                appendix_table(&text),
            )
        } else {
            (false, false)
        };
        if reference || appendix {
            let rest: Vec<usize> = non_empty.iter().copied().filter(|&x| x >= r).collect();
            for &x in &rest {
                out.skips
                    .push(row_skip(grid, ctx, x, SkipReason::Reference));
            }
            // (A Word document's sheet problems give way to the file's own; the table
            // left unread is said as a reading note.)
            let (what, code) = if reference {
                ("作参考资料", Code::SheetSkipped)
            } else {
                ("是统计或清单材料，不作为进展", Code::ReadNote)
            };
            out.problems.push(
                Problem::new(
                    Severity::Info,
                    code,
                    ctx.file,
                    format!(
                        "工作表“{}”第{}行起为“{}”，{what}，未读取（{}行）。",
                        grid.name,
                        r + 1,
                        excerpt(&grid.first_text(r), 30),
                        rest.len()
                    ),
                )
                .at(Some(&grid.name), Some(r as u32 + 1)),
            );
            break;
        }
        // 宝峰镇整改进展情况 merged across the top of the next pasted table, over its
        // header: that unit's rows.
        if is_one_cell_row(grid, r)
            && names_the_table_below(grid, &non_empty, r)
            && unit.start_block(&grid.first_text(r), UnitFrom::Title)
        {
            out.skips
                .push(row_skip(grid, ctx, r, SkipReason::UnitHeading));
            continue;
        }
        // 二、来苏镇 over a group of rows of a consolidated return: that unit's rows.
        if rows::unit_heading(grid, r, &layout)
            .is_some_and(|name| unit.start_block(&name, UnitFrom::Heading))
        {
            out.skips
                .push(row_skip(grid, ctx, r, SkipReason::UnitHeading));
            continue;
        }
        if let Some(mut reason) = rows::skip_reason(grid, r, &layout) {
            if reason == SkipReason::Unfilled {
                let id = task_id_of_cell(layout.cell(grid, r, ColumnKind::Id)).1;
                if id.is_some() {
                    blank_rows.push(r);
                }
                last_id = id.or(last_id);
                blank_task = id.map(|t| (t, 1));
            }
            if matches!(
                reason,
                SkipReason::Unfilled | SkipReason::Note | SkipReason::Paragraph
            ) && !blank_rows.is_empty()
            {
                // What answers the task rows left blank above: a statement for all of
                // them (以上任务均不涉及我街道), or under a table with nothing else filled in
                // a note naming some by number (说明：第1项、第24项不涉及我镇; with rows
                // filled in, the file's pass over its notes answers those, and tasks the
                // table leaves out).
                let answer = match rows::none_of_these_apply(&grid.row_text(r)) {
                    Some(said) => Some((
                        BlankAnswer::Statement(said),
                        std::mem::take(&mut blank_rows),
                    )),
                    None if records == 0
                        && matches!(reason, SkipReason::Note | SkipReason::Paragraph) =>
                    {
                        let text = grid.first_text(r);
                        NotApplicableNote::of(&text).and_then(|note| {
                            let (named, rest): (Vec<usize>, Vec<usize>) =
                                blank_rows.iter().partition(|&&b| {
                                    task_id_of_cell(layout.cell(grid, b, ColumnKind::Id))
                                        .1
                                        .is_some_and(|id| note.covers(id))
                                });
                            (!named.is_empty()).then(|| {
                                blank_rows = rest;
                                (BlankAnswer::Note(text), named)
                            })
                        })
                    }
                    None => None,
                };
                if let Some((answer, answered)) = answer {
                    let mut taken = Vec::new();
                    for &b in &answered {
                        let mut scratch = Vec::new();
                        let mut v = rows::values(
                            grid,
                            b,
                            &layout,
                            ctx,
                            rows::Around {
                                marker: in_place,
                                default_year,
                                above: None,
                                earlier: &[],
                                filed_by: block_filed.or(filing.filed_on),
                                group_status: None,
                            },
                            &mut scratch,
                        );
                        v.status = Status::NotApplicable;
                        match &answer {
                            BlankAnswer::Statement(said) => v.status_text = said.clone(),
                            BlankAnswer::Note(text) => v.progress = note_words(text).to_string(),
                        }
                        taken.push(v.id.map_or_else(|| v.id_text.clone(), |id| id.to_string()));
                        let found = unit.of_row(grid, b);
                        let filed_on = v.filed_on.or(block_filed).or(filing.filed_on);
                        out.records.push(record_of(
                            v,
                            found,
                            filed_on,
                            block_period.or(sheet_period),
                            None,
                        ));
                        records += 1;
                    }
                    // Those rows are records now, not rows left blank.
                    out.skips.retain(|s| {
                        !(s.reason == SkipReason::Unfilled
                            && s.sheet == grid.name
                            && answered.contains(&(s.row as usize - 1)))
                    });
                    out.problems.push(match answer {
                        BlankAnswer::Statement(said) => {
                            reason = SkipReason::Note;
                            blanket_not_applicable(ctx, grid, r, &said, &answered)
                        }
                        BlankAnswer::Note(text) => {
                            not_applicable_read(ctx.file, &grid.name, r as u32 + 1, &text, &taken)
                        }
                    });
                }
            }
            if matches!(reason, SkipReason::Note | SkipReason::Paragraph) {
                if let Some((text, filed)) = filing::block_filing(grid, r, ctx.default_year) {
                    let from = if blocks_through_sender {
                        UnitFrom::Heading
                    } else {
                        UnitFrom::FiledCell
                    };
                    if unit.start_block(&text, from) {
                        block_filed = filed;
                    }
                } else if reason == SkipReason::Paragraph
                    && names_the_table_below(grid, &non_empty, r)
                {
                    // 附：区河长办整改任务进展情况表 over a table of its own: that unit's rows.
                    unit.start_block(&grid.first_text(r), UnitFrom::Title);
                } else if let Some(name) = rows::paragraph_heading(grid, r) {
                    // 二、宝峰镇 over a table of its own in a lead unit's Word return.
                    unit.start_block(&name, UnitFrom::Heading);
                }
            }
            if reason == SkipReason::CategoryHeading {
                // 一、已完成的任务: the status of the rows under it that give none.
                group_status = rows::heading_status(&grid.first_text(r));
            } else if reason == SkipReason::Paragraph {
                // The same as a paragraph between a Word return's tables.
                if let Some(s) = rows::heading_status(&grid.first_text(r)) {
                    group_status = Some(s);
                }
                if let Some(p) = heading_period(r) {
                    block_period = Some(p);
                }
            }
            if reason == SkipReason::Header {
                let next = Layout::at(grid, r);
                if next.as_ref().is_some_and(Layout::is_tally) {
                    in_tally = true;
                    out.skips.push(row_skip(grid, ctx, r, SkipReason::Tally));
                    continue;
                }
                // A block under a header of its own columns is read by that header.
                if let Some(next) = next.filter(|n| !n.same_columns(&layout)) {
                    layout = for_this_sheet(next);
                    // Another table (its own columns), not the split one continued.
                    split_from = None;
                }
            }
            if reason == SkipReason::Void {
                // Its words are not lost without a word (adv50 c 5).
                out.problems.push(
                    Problem::new(
                        Severity::Warning,
                        Code::ReadNote,
                        ctx.file,
                        "此行注明“作废”或“删除”，未计入汇总。如仍是本期的进展，请删去该字样后重新报送。",
                    )
                    .at(Some(&grid.name), Some(r as u32 + 1)),
                );
            }
            let mut skip = row_skip(grid, ctx, r, reason);
            if reason == SkipReason::Unfilled {
                skip.marked_task = rows::marked_task(grid, r, &layout);
                // 宝峰镇｜未报送 under the task's rows: the run goes on.
                if in_group.is_some()
                    && unit.unit_cell_filled(grid, r)
                    && layout.cell(grid, r, ColumnKind::Id).is_empty()
                    && layout.cell(grid, r, ColumnKind::Measure).is_empty()
                {
                    task_rows = in_group.map(|i| (i, r));
                }
            }
            out.skips.push(skip);
            continue;
        }
        // The first data row of a table continuing a split one, without a 序号: the rest
        // of the row that broke at the page (the tail of its measure and progress).
        if let Some(i) = split_from.take() {
            // Not a row naming its own unit (a consolidation's next unit on the task, in
            // its 单位 column or the 责任单位 column read as one).
            let tail = [ColumnKind::Id, ColumnKind::Unit]
                .iter()
                .all(|&k| layout.cell(grid, r, k).is_empty())
                && !unit.names_row_unit(grid, r);
            if tail {
                let tail = crate::common::text::one_line(
                    &layout.cell(grid, r, ColumnKind::Measure).text_ref(),
                );
                let record = &mut out.records[i];
                record.measure_text.push_str(&tail);
                append_continuation(record, rows::continued_texts(grid, r, &layout));
                out.skips
                    .push(row_skip(grid, ctx, r, SkipReason::Continuation));
                open = Some((i, r));
                continue;
            }
            // A row of its own (宝峰镇's, next on the task): read as right under the last
            // row of the table before, as if the table had not been split.
            under = Some((i, r));
        }
        if let Some((i, _)) = under.filter(|_| rows::is_continuation(grid, r, &layout)) {
            let texts = rows::continued_texts(grid, r, &layout);
            // Not a row whose words open by naming another task: 第10项：… is task 10's.
            // 第1项：, 第2项： in turn under a task's row number its items (review c 1).
            let named = rows::opens_with_task(&texts[0]).map(|(t, _)| t);
            let other_task =
                named.is_some_and(|t| Some(t) != out.records[i].id && t != named_items + 1);
            if !other_task {
                named_items += u32::from(named.is_some());
                append_continuation(&mut out.records[i], texts);
                out.skips
                    .push(row_skip(grid, ctx, r, SkipReason::Continuation));
                open = Some((i, r));
                continue;
            }
        }
        // 1. 2. under a task's row: items of its progress, not tasks 1 and 2.
        if let Some((i, item)) = under.filter(|_| counted.is_none()).and_then(|(i, _)| {
            rows::sub_item(grid, r, &layout, items + 1, out.records[i].id).map(|m| (i, m))
        }) {
            let [progress, note, evidence] = rows::continued_texts(grid, r, &layout);
            let progress = if progress.is_empty() {
                progress
            } else {
                format!("{item}{progress}")
            };
            append_continuation(&mut out.records[i], [progress, note, evidence]);
            out.skips
                .push(row_skip(grid, ctx, r, SkipReason::Continuation));
            open = Some((i, r));
            items += 1;
            continue;
        }
        items = 0;
        named_items = 0;
        let above = out.records[first_record..].last();
        let mut v = rows::values(
            grid,
            r,
            &layout,
            ctx,
            rows::Around {
                marker: in_place,
                default_year,
                above,
                earlier: &out.records[first_record..],
                filed_by: block_filed.or(filing.filed_on),
                group_status,
            },
            &mut out.problems,
        );
        if let Some(task) = counted {
            v.id = Some(task);
            v.id_text = task.to_string();
        }
        // A row inserted into our form under a task's row, with neither 序号 nor measure:
        // a second row of that task (the next row carries the task this position had).
        if let (Some(m), Some((i, _)), None) = (marker, under, in_place) {
            if v.id.is_none()
                && v.id_text.trim().is_empty()
                && v.measure_text.trim().is_empty()
                && next_row_task(grid, &layout, &non_empty, r) == m.task_at(r)
                && m.task_at(r).is_some()
            {
                v.id = out.records[i].id;
            }
        }
        // 21.1, 21.2 under task 21's row: parts of task 21.
        if v.id.is_none() && last_id.is_some() && rows::item_of(&v.id_text) == last_id {
            v.id = last_id;
        }
        // （1）, ①, 1、 … counting up from 1 under a task's row left blank: that task's
        // parts, each with its own words and status, not reports on tasks 1, 2 … (adv50
        // c 1: 拦河养鱼's （1）开展自查 was read as task 1's, task 24 left 未报送).
        match blank_task {
            Some((task, next)) if rows::part_number(&v.id_text) == Some(next) => {
                v.id = Some(task);
                blank_task = Some((task, next + 1));
                // The part's name (开展自查) opens its words; it is no text of the task
                // to check the number against.
                let part = std::mem::take(&mut v.measure_text);
                if !part.trim().is_empty() && !v.progress.trim().is_empty() {
                    v.progress = format!("{}：{}", part.trim(), v.progress.trim_start());
                }
            }
            _ => blank_task = None,
        }
        // 6-7 where the sheet numbers task 6's items 6-1 … 6-8.
        if let Some((head, _)) =
            hyphen_pair(&v.id_text).filter(|(a, _)| v.id.is_none() && item_heads.contains(a))
        {
            v.id = Some(head);
        }
        // No 序号, the measure column citing the plan's numbers (第33、37项): those
        // tasks, as the 序号 column would (adv54 a 4: the row was refused).
        let cited = (v.id.is_none() && v.id_text.trim().is_empty())
            .then(|| crate::ingest::values::cited_tasks_only(&v.measure_text))
            .flatten();
        if let Some(ids) = &cited {
            v.id_text = v.measure_text.trim().to_string();
            if let [id] = ids[..] {
                v.id = Some(id);
                v.measure_text.clear();
            }
        }
        // 来苏镇 in the 序号 or the 具体举措 column right under task 39's row, or opening
        // the row's progress (来苏镇：建成…), with its own progress or status: that unit's
        // report on task 39 (a lead unit's consolidation listing its partners under each
        // task).
        // 来苏镇：…。宝峰镇：… (or 来苏镇、宝峰镇：…, 【来苏镇】…【宝峰镇】…) there: several
        // units' parts in one text, the sender's row on the task above, each unit's part
        // its report when the row is placed (merge::place).
        // The record of the task row right above a row with neither 序号 nor measure of
        // its own: the row is a later line on that task when something says so.
        let task_above = |v: &rows::RowValues| {
            under
                .map(|(i, _)| i)
                .filter(|_| v.id.is_none() && v.id_text.trim().is_empty())
                .filter(|_| v.measure_text.trim().is_empty())
                .filter(|&i| out.records[i].id.is_some())
        };
        let several = task_above(&v)
            .filter(|_| crate::plan::labels::speaks_for_several(&v.progress, ctx.units));
        // The task's row above, or the head of the run of its units' rows this row ends.
        let head = under
            .filter(|&(i, _)| out.records[i].id.is_some())
            .or(in_group.map(|i| (i, r - 1)));
        let own_task = !v.id_text.trim().is_empty() || !v.measure_text.trim().is_empty();
        let partner = head
            .filter(|_| several.is_none())
            .filter(|_| v.id.is_none() && !(v.progress.is_empty() && v.status_text.is_empty()))
            .filter(|&(i, _)| out.records[i].id.is_some())
            .and_then(|(i, _)| partner_named(&unit, &mut v).map(|u| (i, u)));
        if let Some(i) = partner.as_ref().map(|(i, _)| *i).or(several) {
            let above = &out.records[i];
            v.id_text = above.id_text.clone();
            v.id = above.id;
            if v.measure_text.is_empty() {
                v.measure_text = above.measure_text.clone();
            }
        }
        // 二是建立问题清单…｜正在推进 under task 30's 一是… row, with neither 序号 nor
        // measure: the task's next part with its own status, a second row of the same
        // unit on the task (joined when the reports are merged, the slower status
        // counted). It was an unplaced row, its status lost (adv52 a3).
        let alone = partner.is_none() && several.is_none();
        if let Some(i) = task_above(&v).filter(|&i| {
            alone && rows::continues_parts(&out.records[i].progress, &v.progress, ctx.units)
        }) {
            on_task_of(&mut v, &out.records[i]);
        }
        // 大石社区｜排查管网3公里｜正在推进 under task 30's row of a town's return by
        // village: the town's report on that village's part of task 30, the village
        // named before its words (adv52 a 5).
        if let Some(place) = unit.subdivision(grid, r) {
            if !v.progress.trim().is_empty() {
                v.progress = format!("{place}：{}", v.progress.trim_start());
            }
            if let Some(i) = task_above(&v).filter(|_| alone) {
                on_task_of(&mut v, &out.records[i]);
            }
        }
        // 各镇街｜全区23个镇街均已完成摸底…｜正在推进 under task 1's row, the unit column
        // holding the plan's assignment on the task rows (so not each row's unit): the
        // sender's line on the towns, on the task above, in the group's name (adv53 a 5:
        // refused as a row with neither 序号 nor measure).
        if let Some(i) = task_above(&v).filter(|_| alone) {
            if let Some(group) = unit.group_in_loose_column(grid, r) {
                on_task_of(&mut v, &out.records[i]);
                let said = if v.progress.is_empty() {
                    v.status_text.clone()
                } else {
                    std::mem::take(&mut v.progress)
                };
                v.progress = in_the_groups_name(&group, said);
            }
        }
        last_id = v.id.or(last_id);
        // 44（来苏镇）: the task's number with, in a bracket after it, the unit whose row
        // it is (a lead unit's consolidation numbering its partners' rows by the task).
        let in_id =
            v.id.is_some()
                .then(|| unit_after_task_number(&unit, &v.id_text))
                .flatten();
        let found = match partner.map(|(_, u)| u).or(in_id) {
            Some(u) => Some((u, UnitFrom::UnitColumn)),
            // Several units' parts: the sender's, whatever its unit cell lists.
            None if several.is_some() => unit
                .named_sender()
                .map(|u| (u.to_string(), UnitFrom::FiledCell))
                .or_else(|| unit.of_row(grid, r)),
            None => unit.of_row(grid, r),
        };
        // A consolidated return whose 序号 and measure are not merged down over a task's
        // rows: a row naming another unit (or a group: 各镇街) with neither is on the
        // task above.
        let group = unit.group_row(grid, r);
        let names_row = match &found {
            Some((u, UnitFrom::UnitColumn | UnitFrom::MarkerRow)) => Some(u.as_str()),
            _ if group.is_some() => Some(""),
            _ => None,
        };
        // A group's line (其余镇街｜不涉及) is the sender's, in the group's name: its
        // text says whose it is, not the sender's own work on the task.
        let group_line = group.filter(|_| found.is_some() && several.is_none());
        // A row under the plan's 各镇街 filled in by a town (a copy of the plan split by
        // 责任单位): the town's own answer, not a word on the group (adv56 a 9: quoted as
        // 中山路街道：各镇街：开展阳台违规改造巡查…).
        let own_group = |group: &str| {
            let Some((sender, _)) = &found else {
                return false;
            };
            let crate::plan::NameMatch::Group(name) = ctx.units.resolve(group) else {
                return false;
            };
            ctx.units.group(&name).is_some_and(|g| {
                g.members.contains(sender)
                    || (g.open && ctx.units.unit(sender).map(|u| u.kind) == g.kind)
            })
        };
        if let Some(group) = group_line.as_deref().filter(|g| !own_group(g)) {
            let said = if v.progress.is_empty() {
                v.status_text.clone()
            } else {
                std::mem::take(&mut v.progress)
            };
            v.progress = in_the_groups_name(group, said);
        }
        // (The same unit again, 来苏镇 under 来苏镇, is a second row of its own on the
        // task, joined to the first when the reports are merged.)
        if let (Some((i, _)), Some(_)) = (head, names_row) {
            if v.id_text.is_empty() && v.measure_text.is_empty() {
                on_task_of(&mut v, &out.records[i]);
            }
        }
        rows_dated |= v.filed_on.is_some();
        records += 1;
        for (c, header) in &layout.unnamed {
            if grid.cell(r, *c).is_empty() {
                continue;
            }
            // A column with no header is named by its letter (F列).
            let named = if header.is_empty() {
                format!("{UNHEADED}{}列", column_letter(*c))
            } else {
                header.clone()
            };
            if !unnamed_read.contains(&named) {
                unnamed_read.push(named);
            }
        }
        // 23、24 / 第20至21项: one report per task, each by its number alone (the row's
        // measure text, if any, speaks of them together).
        let together = v.id.is_none().then(|| parse_task_ids(&v.id_text)).flatten();
        if together.is_some() && cited.is_some() {
            v.measure_text.clear();
        }
        let filed_on = v.filed_on.or(block_filed).or(filing.filed_on);
        let completed_on = done_by_filing(&v, filed_on, default_year);
        // 【区城市管理局】印发…: the row's own unit tagged, as its partners' rows under it
        // are (【来苏镇】…): the tag is no part of the text.
        let own = found
            .as_ref()
            .map(|(u, _)| u.as_str())
            .or(unit.named_sender());
        if let Some(rest) = own.and_then(|own| own_tag_removed(&unit, &v.progress, own)) {
            v.progress = rest;
        }
        let record = record_of(
            v,
            found,
            filed_on,
            block_period.or(sheet_period),
            completed_on,
        );
        // The rest of the group answering 不涉及 under the sender's own row on the task:
        // a line of the sender's text, not an answer on the sender's behalf (the sender
        // did the work its own row reports).
        if group_line.is_some() && record.status == Status::NotApplicable && record.id.is_some() {
            let own = out.records[first_record..]
                .iter()
                .rposition(|o| o.id == record.id && o.unit == record.unit);
            if let Some(i) = own {
                append_continuation(
                    &mut out.records[first_record + i],
                    [record.progress, record.note, record.evidence],
                );
                out.skips
                    .push(row_skip(grid, ctx, r, SkipReason::Continuation));
                open = Some((first_record + i, r));
                continue;
            }
        }
        match together {
            Some(ids) => {
                for id in ids {
                    out.records.push(Record {
                        id: Some(id),
                        measure_text: String::new(),
                        ..record.clone()
                    });
                }
            }
            None => out.records.push(record),
        }
        open = Some((out.records.len() - 1, r));
        let last = out.records.len() - 1;
        task_rows = if own_task {
            out.records[last].id.map(|_| (last, r))
        } else if unit.unit_cell_filled(grid, r) {
            head.map(|(i, _)| (i, r))
        } else {
            None
        };
    }
    if records == 0 {
        return None;
    }
    for record in &mut out.records[first_record..] {
        rows::measure_before_progress(record);
    }
    refer_forward(out, first_record);
    all_from_an_earlier_period(grid, ctx, &layout, out, first_record);
    yield_hidden_rows(grid, ctx, out, first_record);
    if layout.submissions {
        yield_earlier_submissions(grid, ctx, &layout, out, first_record);
    }
    credit_joint_senders(grid, ctx, &unit, out, first_record);
    credit_joint_rows(grid, ctx, &unit, out, first_record);
    if !unnamed_read.is_empty() {
        out.problems
            .push(unnamed_columns_kept(ctx, &grid.name, &unnamed_read));
    }
    out.problems
        .extend(hidden_answer_columns(grid, &layout, ctx));
    let sender = unit.named_sender().map(str::to_string);
    if let Some((names, sender)) = unit.subdivisions_read() {
        out.problems
            .push(subdivisions_read(ctx, &grid.name, names, sender));
    }
    out.problems.extend(unit.report(ctx, &grid.name));
    if let Some(day) = filing
        .filed_on
        .filter(|_| filing.dated_by_title && !rows_dated)
    {
        out.problems.push(
            Problem::new(
                Severity::Info,
                Code::FilingDateMissing,
                ctx.file,
                format!(
                    "没有填报日期，按标题中的日期（{}）计。",
                    crate::common::dates::render_date(day)
                ),
            )
            .at(Some(&grid.name), None),
        );
    }
    if filing.filed_on.is_none() && !rows_dated {
        out.problems.push(filing_date_missing(ctx, &grid.name));
    }
    sender
}

/// A row read as a later line of the task on the row `above`: that task's number and
/// measure.
fn on_task_of(v: &mut rows::RowValues, above: &Record) {
    v.id_text = above.id_text.clone();
    v.id = above.id;
    v.measure_text = above.measure_text.clone();
}

/// A sheet with a group of columns per unit ([`UnitColumns`]): each group's table read
/// in turn, what is the same in each (the lines above the header, a row's skip, a note
/// on the sheet) kept once; the clerk is told how the sheet was read.
fn read_unit_columns(
    grid: &Grid,
    layout: &Layout,
    across: &UnitColumns,
    ctx: &SheetContext,
    out: &mut Ingested,
) -> Option<String> {
    let mut sender = None;
    let (skips, problems) = (out.skips.len(), out.problems.len());
    for (k, _) in across.units().enumerate() {
        let mut part = Ingested::default();
        let table = across.table(grid, layout, ctx.units, k);
        sender = sender.or(read_sheet(&table, ctx, &mut part));
        part.skips.retain(|s| {
            !out.skips[skips..]
                .iter()
                .any(|o| o.row == s.row && o.reason == s.reason && o.sheet == s.sheet)
        });
        part.problems
            .retain(|p| !out.problems[problems..].contains(p));
        out.append(part);
    }
    let units: Vec<&str> = across.units().collect();
    out.problems.push(
        Problem::new(
            Severity::Info,
            Code::ReadNote,
            ctx.file,
            format!(
                "此表按单位分列填写（{}各占一组列），已按各单位分别计入。",
                units.join("、")
            ),
        )
        .at(Some(&grid.name), None),
    );
    sender
}

/// The note on a unit column read as the sender's villages, communities or sections
/// (`names`, in order): whose rows they are and how they were counted.
fn subdivisions_read(ctx: &SheetContext, sheet: &str, names: &[String], sender: &str) -> Problem {
    let noun = if unit::all_villages(names) {
        "村（社区）"
    } else {
        "下属单位"
    };
    let listed = if names.len() > 3 {
        format!("{}等{}个{noun}", names[..3].join("、"), names.len())
    } else {
        format!(
            "{}{}",
            names.join("、"),
            if names.len() > 1 {
                format!("{}个{noun}", names.len())
            } else {
                noun.to_string()
            }
        )
    };
    Problem::new(
        Severity::Info,
        Code::ReadNote,
        ctx.file,
        format!(
            "单位列填写的是{listed}，不在单位名录中，已作为{sender}的报送计入，各行进展前注明了所填名称。"
        ),
    )
    .at(Some(sheet), None)
}

/// The task of a sheet titled for one task (任务44：…) or named for it (第44项) whose
/// 序号 column counts its rows 1, 2, 3 … in order, with no measure beside them: a row
/// counter, not task numbers.
fn counted_rows_task(
    grid: &Grid,
    layout: &Layout,
    non_empty: &[usize],
    title: Option<&str>,
) -> Option<u32> {
    if !layout.has(ColumnKind::Id) {
        return None;
    }
    let task = title
        .and_then(task_heading::titled_task)
        .or_else(|| task_heading::titled_task(&grid.name))?;
    let mut count = 0;
    for &r in non_empty.iter().filter(|&&r| r > layout.bottom) {
        let measure = layout.cell(grid, r, ColumnKind::Measure);
        if !measure.is_empty() {
            return None;
        }
        match task_id_of_cell(layout.cell(grid, r, ColumnKind::Id)) {
            (_, Some(n)) if n == count + 1 => count = n,
            (_, Some(_)) => return None,
            (text, None) if text.trim().is_empty() => {}
            // A note or a signature under the table ends the count.
            (_, None) if count > 0 => break,
            (_, None) => return None,
        }
    }
    (count > 0).then_some(task)
}

/// The partner a row right under a task's row names, taken out of the row's values: its
/// 序号 cell holding a unit's name (来苏镇); else, 序号 blank, its 具体举措 cell doing so;
/// else, both blank, its progress opening with a unit's name and a colon (来苏镇：建成…,
/// the name taken off the text) or in 【】 (【来苏镇】建成…).
fn partner_named(unit: &SheetUnit, v: &mut rows::RowValues) -> Option<String> {
    if !v.id_text.trim().is_empty() {
        return unit.named_in_cell(&v.id_text);
    }
    if !v.measure_text.trim().is_empty() {
        let u = unit.named_in_cell(&v.measure_text)?;
        v.measure_text.clear();
        return Some(u);
    }
    let text = v.progress.trim_start();
    // 【来苏镇】建成… (a WPS summary's tag), else 来苏镇：建成….
    let (name, rest) = unit_tag(text)
        .or_else(|| text.split_once(['：', ':']))
        .filter(|(name, rest)| {
            name.chars().count() <= UNIT_PREFIX_CHARS && !rest.trim().is_empty()
        })?;
    let u = unit.named_in_cell(name)?;
    v.progress = rest.trim_start().to_string();
    Some(u)
}

/// The tag opening a text (【来苏镇】建成…) and the text after it.
fn unit_tag(text: &str) -> Option<(&str, &str)> {
    text.trim_start()
        .strip_prefix(['【', '['])?
        .split_once(['】', ']'])
}

/// `progress` without a 【unit】 tag opening it that names `own`, if it has one.
fn own_tag_removed(unit: &SheetUnit, progress: &str, own: &str) -> Option<String> {
    let (name, rest) = unit_tag(progress)?;
    (!rest.trim().is_empty() && unit.named_in_cell(name).as_deref() == Some(own))
        .then(|| rest.trim_start().to_string())
}

/// The unit named in a bracket after a task's number in a 序号 cell (44（来苏镇）,
/// 28(双石镇)), if the bracket holds a unit's name and nothing else.
fn unit_after_task_number(unit: &SheetUnit, id_text: &str) -> Option<String> {
    let t = one_line(id_text);
    let rest = t
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start();
    if rest.len() == t.len() {
        return None;
    }
    let inner = rest.strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?;
    unit.named_in_cell(inner)
}

/// The longest unit name read before a colon opening a row's progress.
const UNIT_PREFIX_CHARS: usize = 30;

/// Whether Word paragraph `r` is the title of the table right under it (附：区河长办整改
/// 任务进展情况表, 区河长办整改进展表): a short line naming a 表, the next row a header.
fn names_the_table_below(grid: &Grid, non_empty: &[usize], r: usize) -> bool {
    let text = grid.first_text(r);
    let t = text.trim_end_matches(['：', ':', '。']);
    let titled = t.chars().count() <= TABLE_TITLE_CHARS
        && (t.ends_with('表') || t.ends_with("情况") || t.contains("情况表"));
    titled
        && non_empty
            .iter()
            .find(|&&x| x > r)
            .is_some_and(|&next| !grid.is_paragraph(next) && Layout::at(grid, next).is_some())
}

/// Whether row `r` is a table's row with one cell filled (a title merged across it).
fn is_one_cell_row(grid: &Grid, r: usize) -> bool {
    !grid.is_paragraph(r) && grid.filled_cells(r).nth(1).is_none()
}

/// The longest line read as a table's title.
const TABLE_TITLE_CHARS: usize = 60;

/// Rows whose status cell repeats a dated 完成时限 from which the status column is
/// taken to hold the plan's deadlines (长期坚持 there then too).
const DEADLINE_COLUMN_ROWS: usize = 3;

/// The note that `rows` rows (the first `first`) have their status written under 完成时限.
fn statuses_in_deadline_note(
    ctx: &SheetContext,
    grid: &Grid,
    layout: &Layout,
    first: usize,
    rows: usize,
) -> Problem {
    let header = layout
        .col(ColumnKind::Deadline)
        .map(|c| one_line(&layout.header_text(grid, c)))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "完成时限".to_string());
    let (at, count) = row_or_count(first, rows);
    let many = if at.is_some() {
        count
    } else {
        format!("有{count}")
    };
    Problem::new(
        Severity::Info,
        Code::ReadNote,
        ctx.file,
        format!(
            "“{}”列{many}填写的是完成情况（如“已完成”“正在推进”），不是完成时限，已按完成状态计入。",
            excerpt(&header, 12)
        ),
    )
    .at(Some(&grid.name), at)
}

/// Where a sheet-wide note points: the one row (1-based) when there is one, else the
/// sheet, with the count said (“3行”).
fn row_or_count(first: usize, rows: usize) -> (Option<u32>, String) {
    if rows == 1 {
        (Some(first as u32 + 1), String::new())
    } else {
        (None, format!("{rows}行"))
    }
}

/// The warning for status cells that repeat their row's 完成时限: read as no status.
fn deadlines_in_status(
    ctx: &SheetContext,
    grid: &Grid,
    layout: &Layout,
    first: usize,
    rows: usize,
) -> Problem {
    let deadline = excerpt(
        &crate::common::text::one_line(&layout.cell(grid, first, ColumnKind::Deadline).text_ref()),
        24,
    );
    let id = task_id_of_cell(layout.cell(grid, first, ColumnKind::Id)).0;
    let example = if id.is_empty() {
        format!("“{deadline}”")
    } else {
        format!("第{id}项“{deadline}”")
    };
    let (at, many) = row_or_count(first, rows);
    Problem::new(
        Severity::Warning,
        Code::StatusUnclear,
        ctx.file,
        format!(
            "{many}完成状态填写的是该行的完成时限（如{example}），不是完成状态，未按完成状态读取：写了进展的按进展文字判断，只有完成时限的行按未填写计。请在完成状态列填写“已完成”“正在推进”等。"
        ),
    )
    .at(Some(&grid.name), at)
}

/// The record of a row's values, with what the sheet adds to them: the row's unit, its
/// filing date, the sheet's month (for a row giving none) and its completion date.
fn record_of(
    v: rows::RowValues,
    found: Option<(String, UnitFrom)>,
    filed_on: Option<chrono::NaiveDate>,
    sheet_period: Option<chrono::NaiveDate>,
    completed_on: Option<chrono::NaiveDate>,
) -> Record {
    let (unit, unit_from) = found.unzip();
    Record {
        source: v.source,
        unit,
        unit_from,
        filed_on,
        filed_in_month: false,
        period: v.period.or(sheet_period),
        id_text: v.id_text,
        id: v.id,
        measure_text: v.measure_text,
        status: v.status,
        status_text: v.status_text,
        progress: v.progress,
        completed_on,
        completed_text: v.completed_text,
        note: v.note,
        evidence: v.evidence,
        deadline_text: v.deadline_text,
        hidden: false,
        via: None,
    }
}

/// Whether the rows of our form are still where its marker put them: every row whose
/// 序号 is one of the form's tasks sits at that task's position. A 序号 the unit wrote
/// that is not on the form (its own numbering) says nothing either way.
fn rows_in_place(grid: &Grid, layout: &Layout, m: &Marker) -> bool {
    let first = (m.first_row as usize)
        .saturating_sub(1)
        .max(layout.bottom + 1);
    (first..grid.rows.len()).all(|r| {
        match task_id_of_cell(layout.cell(grid, r, ColumnKind::Id)).1 {
            Some(id) if m.tasks.contains(&id) => m.task_at(r) == Some(id),
            _ => true,
        }
    })
}

/// The task number written on the next non-empty row after `r`.
fn next_row_task(grid: &Grid, layout: &Layout, non_empty: &[usize], r: usize) -> Option<u32> {
    let next = non_empty.iter().find(|&&x| x > r)?;
    task_id_of_cell(layout.cell(grid, *next, ColumnKind::Id)).1
}

/// What answers task rows left blank above it (the rows read as 不涉及).
enum BlankAnswer {
    /// A statement for all of them (以上任务均不涉及我街道): the rows' status text.
    Statement(String),
    /// A note naming some by number (说明：第1项、第24项不涉及我镇): the rows' progress.
    Note(String),
}

/// The info on a statement under a table (以上任务均不涉及我街道) read as the answer of
/// the task rows above it left blank.
fn blanket_not_applicable(
    ctx: &SheetContext,
    grid: &Grid,
    r: usize,
    said: &str,
    rows: &[usize],
) -> Problem {
    let list: Vec<String> = rows.iter().map(|r| (r + 1).to_string()).collect();
    Problem::new(
        Severity::Info,
        Code::NotApplicableStatement,
        ctx.file,
        format!(
            "此行称“{}”，上方未填写进展的第{}行已按“不涉及”计入。",
            excerpt(said, 30),
            list.join("、")
        ),
    )
    .at(Some(&grid.name), Some(r as u32 + 1))
}

/// The answer columns (status, progress, completion date) hidden on the sheet: one
/// read because no shown column of its kind stands beside it (the unit may have hidden
/// this round's answer by mistake, or left last round's in it), or several passed over
/// for the shown ones of their kind and kept in the notes as 前期… (last round's pair
/// put out of sight). One info for each case.
fn hidden_answer_columns(grid: &Grid, layout: &Layout, ctx: &SheetContext) -> Vec<Problem> {
    use ColumnKind::{CompletedOn, Progress, Status, StatusYesNo};
    if grid.hidden_cols.is_empty() {
        return Vec::new();
    }
    let header = |c: usize| {
        format!(
            "“{}”",
            crate::ingest::vocabulary::normalise_header(&layout.header_text(grid, c))
        )
    };
    let answers = [Progress, Status, StatusYesNo, CompletedOn];
    let read: Vec<String> = answers
        .iter()
        .filter_map(|&k| layout.col(k))
        .filter(|&c| grid.col_hidden(c))
        .map(header)
        .collect();
    let passed: Vec<String> = grid
        .hidden_cols
        .iter()
        .map(|&c| c as usize)
        .filter(|&c| {
            layout
                .note_label(c)
                .is_some_and(crate::ingest::names_earlier_round)
        })
        .map(header)
        .collect();
    let mut out = Vec::new();
    let info = |message: String| {
        Problem::new(Severity::Info, Code::ReadNote, ctx.file, message).at(Some(&grid.name), None)
    };
    if !read.is_empty() {
        out.push(info(format!(
            "工作表“{}”的{}列是隐藏列，表中没有同名的未隐藏列，仍按其内容读取。如该列是以前的旧内容，请该单位删除该列、填写本轮情况后重新报送。",
            grid.name,
            read.join("")
        )));
    }
    if !passed.is_empty() {
        out.push(info(format!(
            "工作表“{}”的{}列是隐藏列，已按同名的未隐藏列读取本轮情况，隐藏列的内容按前期情况记入备注。",
            grid.name,
            passed.join("")
        )));
    }
    out
}

/// The columns whose header the tool does not know, kept in the records' notes.
fn unnamed_columns_kept(ctx: &SheetContext, sheet: &str, headers: &[String]) -> Problem {
    let (unheaded, named): (Vec<&String>, Vec<&String>) =
        headers.iter().partition(|h| h.starts_with(UNHEADED));
    let named: Vec<String> = named.iter().map(|h| format!("“{h}”")).collect();
    let letters: Vec<&str> = unheaded
        .iter()
        .map(|h| h.trim_start_matches(UNHEADED))
        .collect();
    let message = match (named.is_empty(), letters.is_empty()) {
        (false, true) => format!(
            "工作表“{sheet}”的{}列不是进展表的常用列，其内容已按列名记入备注。如其中有完成状态或进展，请核实。",
            named.join("、")
        ),
        (true, _) => format!(
            "工作表“{sheet}”的{}没有列名，其中的内容已记入备注。如其中有完成状态或进展，请核实。",
            letters.join("、")
        ),
        (false, false) => format!(
            "工作表“{sheet}”的{}列不是进展表的常用列，其内容已按列名记入备注；{}没有列名，其中的内容也已记入备注。如其中有完成状态或进展，请核实。",
            named.join("、"),
            letters.join("、")
        ),
    };
    Problem::new(Severity::Info, Code::ColumnUnknown, ctx.file, message).at(Some(sheet), None)
}

/// What marks a column with no header among the headers read (then its letter: F列).
const UNHEADED: &str = "\u{1}";

/// A column's letter as Excel shows it (0 → A, 26 → AA).
fn column_letter(c: usize) -> String {
    let mut n = c + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A joint return (填报单位：区水利局、区河长办): the rows the sheet credits to its first
/// unit by that line are the other units' reports too, with one info.
fn credit_joint_senders(
    grid: &Grid,
    ctx: &SheetContext,
    unit: &SheetUnit,
    out: &mut Ingested,
    first: usize,
) {
    let joint = unit.joint_senders();
    if joint.is_empty() {
        return;
    }
    let sender = unit.named_sender().map(str::to_string);
    let theirs = credit_others(out, first, |r| {
        (r.unit == sender && r.unit_from == Some(UnitFrom::FiledCell)).then_some(joint)
    });
    let all: Vec<&str> = sender.iter().chain(joint).map(String::as_str).collect();
    out.problems.push(
        Problem::new(
            Severity::Info,
            Code::UnitAmbiguous,
            ctx.file,
            format!(
                "工作表“{}”为{}联合报送，表中{}行进展已分别计入各单位。",
                grid.name,
                all.join("、"),
                theirs
            ),
        )
        .at(Some(&grid.name), None),
    );
}

/// Each record from `first` on copied for every unit `others_of` gives it (a report of
/// those units too), the copies for each unit in record order; how many records were
/// copied.
fn credit_others<'u>(
    out: &mut Ingested,
    first: usize,
    others_of: impl Fn(&Record) -> Option<&'u [String]>,
) -> usize {
    let picked: Vec<(usize, &[String])> = (first..out.records.len())
        .filter_map(|i| others_of(&out.records[i]).map(|others| (i, others)))
        .collect();
    let most = picked.iter().map(|(_, o)| o.len()).max().unwrap_or(0);
    let mut copies = Vec::new();
    for k in 0..most {
        for &(i, others) in &picked {
            if let Some(u) = others.get(k) {
                copies.push(Record {
                    unit: Some(u.clone()),
                    ..out.records[i].clone()
                });
            }
        }
    }
    out.records.extend(copies);
    picked.len()
}

/// Rows whose unit cell names two or three units (来苏镇、宝峰镇 in a lead unit's
/// consolidation): each unit's report, with one info naming the rows.
fn credit_joint_rows(
    grid: &Grid,
    ctx: &SheetContext,
    unit: &SheetUnit,
    out: &mut Ingested,
    first: usize,
) {
    let joint = unit.joint_rows();
    if joint.is_empty() {
        return;
    }
    credit_others(out, first, |record| {
        let on = joint
            .iter()
            .find(|(r, ..)| *r as u32 + 1 == record.source.row)?;
        (record.unit_from == Some(UnitFrom::UnitColumn)).then_some(on.1.as_slice())
    });
    let rows: Vec<String> = joint.iter().map(|(r, ..)| (r + 1).to_string()).collect();
    let cells: Vec<&str> = joint.iter().map(|(.., cell)| cell.as_str()).collect();
    let mut said: Vec<&str> = Vec::new();
    for c in cells {
        if !said.contains(&c) {
            said.push(c);
        }
    }
    out.problems.push(
        Problem::new(
            Severity::Info,
            Code::UnitAmbiguous,
            ctx.file,
            format!(
                "工作表“{}”第{}行的单位列同时写有几个单位（“{}”），{}的进展已分别计入所列各单位。",
                grid.name,
                rows.join("、"),
                said.join("”“"),
                if rows.len() == 1 {
                    "该行"
                } else {
                    "这些行"
                }
            ),
        )
        .at(Some(&grid.name), None),
    );
}

/// Rows hidden on the sheet that report a task which a visible row of the same unit
/// also reports: an older version the unit hid (last month's rows kept above this
/// month's). They become skip entries, with one info for the sheet; a hidden row that is
/// its task's only row is read like any other (a filter hides rows only from view), and
/// marked hidden: the merge passes over a hidden row on another unit's task.
/// The task a record of this sheet answers, as rows of one unit are compared: its number,
/// else its measure text; with the unit.
fn unit_and_task(r: &Record) -> Option<(Option<String>, String)> {
    let task = match r.id {
        Some(id) => id.to_string(),
        None => r.measure_text.split_whitespace().collect::<String>(),
    };
    (!task.is_empty()).then(|| (r.unit.clone(), task))
}

/// An online form's export lists every submission: a unit correcting its answer submits
/// again, the same day as often as not. Of one unit's answers on one task the last
/// submitted (by the 提交时间 to the second, else the later row) is read; the earlier are
/// skipped, with one info for the sheet.
fn yield_earlier_submissions(
    grid: &Grid,
    ctx: &SheetContext,
    layout: &Layout,
    out: &mut Ingested,
    first: usize,
) {
    let submitted = |r: &Record| {
        let cell = layout.cell(grid, r.source.row as usize - 1, ColumnKind::FiledOn);
        match cell {
            Cell::DateTime(dt) => Some(*dt),
            Cell::Date(d) => d.and_hms_opt(0, 0, 0),
            other => {
                let t = crate::common::text::one_line(&other.text_ref());
                [
                    "%Y/%m/%d %H:%M:%S",
                    "%Y-%m-%d %H:%M:%S",
                    "%Y/%m/%d %H:%M",
                    "%Y-%m-%d %H:%M",
                ]
                .iter()
                .find_map(|f| chrono::NaiveDateTime::parse_from_str(t.trim(), f).ok())
            }
        }
    };
    let records = &out.records[first..];
    let mut latest: std::collections::HashMap<_, usize> = std::collections::HashMap::new();
    let times: Vec<_> = records.iter().map(submitted).collect();
    let all_timed = times.iter().all(Option::is_some);
    for (i, r) in records.iter().enumerate() {
        let Some(key) = unit_and_task(r) else {
            continue;
        };
        let order = |j: usize| {
            (
                if all_timed { times[j] } else { None },
                records[j].source.row,
            )
        };
        latest
            .entry(key)
            .and_modify(|k| {
                if order(i) > order(*k) {
                    *k = i;
                }
            })
            .or_insert(i);
    }
    let kept: std::collections::HashSet<usize> = latest.values().copied().collect();
    let mut rows = take_records(out, first, |i, r| {
        unit_and_task(r).is_some() && !kept.contains(&i)
    });
    if rows.is_empty() {
        return;
    }
    rows.sort_unstable();
    skip_yielded_rows(
        grid,
        ctx,
        out,
        &rows,
        SkipReason::Resubmitted,
        "的答卷，同一单位对同一任务之后又提交了答卷，已按最后一次提交读取，之前的答卷未计入。",
    );
}

/// Takes out the records from `first` on that `gives_way` picks (by their index from
/// `first`): the rows they came from (0-based), each once, in record order.
fn take_records(
    out: &mut Ingested,
    first: usize,
    gives_way: impl Fn(usize, &Record) -> bool,
) -> Vec<usize> {
    let mut rows: Vec<usize> = Vec::new();
    for (i, r) in out.records.split_off(first).into_iter().enumerate() {
        if gives_way(i, &r) {
            let row = r.source.row as usize - 1;
            if !rows.contains(&row) {
                rows.push(row);
            }
        } else {
            out.records.push(r);
        }
    }
    rows
}

/// Rows whose records gave way to others of the sheet (0-based, ascending): skipped
/// with `reason`, and one info “工作表“…”第3、5行{why}”.
fn skip_yielded_rows(
    grid: &Grid,
    ctx: &SheetContext,
    out: &mut Ingested,
    rows: &[usize],
    reason: SkipReason,
    why: &str,
) {
    let list: Vec<String> = rows.iter().map(|r| (r + 1).to_string()).collect();
    for &r in rows {
        out.skips.push(row_skip(grid, ctx, r, reason));
    }
    out.problems.push(
        Problem::new(
            Severity::Info,
            Code::Duplicate,
            ctx.file,
            format!("工作表“{}”第{}行{why}", grid.name, list.join("、")),
        )
        .at(Some(&grid.name), Some(rows[0] as u32 + 1)),
    );
}

fn yield_hidden_rows(grid: &Grid, ctx: &SheetContext, out: &mut Ingested, first: usize) {
    if grid.hidden_rows.is_empty() {
        return;
    }
    let hidden = |r: &Record| grid.row_hidden(r.source.row as usize - 1);
    let key = unit_and_task;
    let shown: std::collections::HashSet<_> = out.records[first..]
        .iter()
        .filter(|r| !hidden(r))
        .filter_map(key)
        .collect();
    for r in &mut out.records[first..] {
        r.hidden = hidden(r);
    }
    let rows = take_records(out, first, |_, r| {
        r.hidden && key(r).is_some_and(|k| shown.contains(&k))
    });
    if rows.is_empty() {
        return;
    }
    skip_yielded_rows(
        grid,
        ctx,
        out,
        &rows,
        SkipReason::HiddenRow,
        "已隐藏，所填任务在未隐藏的行中另有填写，已按未隐藏的行读取，隐藏行未计入。",
    );
}

/// The completion date of a 已完成 row: a month or part of one that holds the day the
/// return was filed (2020年12月, 12月上旬, filed on 12月4日) means done by that day, not
/// on the span's last day, which may lie after the round's date and count the task as
/// still under way.
fn done_by_filing(
    v: &rows::RowValues,
    filed_on: Option<chrono::NaiveDate>,
    default_year: i32,
) -> Option<chrono::NaiveDate> {
    let done = v.completed_on?;
    let Some(filed) = filed_on.filter(|f| v.status == Status::Completed && *f < done) else {
        return Some(done);
    };
    match crate::common::dates::parse_date_span(&v.completed_text, Some(default_year)) {
        Some((first, last)) if first <= filed && last == done => Some(filed),
        _ => Some(done),
    }
}

/// A group line's text with the group's name before it (其余镇街：不涉及), unless the
/// text names its subject itself (其余镇街均已完成排查: the group's last two characters,
/// 镇街, 单位, 部门).
fn in_the_groups_name(group: &str, said: String) -> String {
    let kind = &group[group.char_indices().rev().nth(1).map_or(0, |(i, _)| i)..];
    if said.is_empty() || said.contains(group) || said.contains(kind) {
        said
    } else {
        format!("{group}：{said}")
    }
}

/// Append a continuation row's texts (progress, note, evidence) to the record above,
/// each on a new line.
/// 详见第35项 on a row above task 35's (the row a pointer names read after it): that
/// row's words, and its status and completion when the row gives none, as for a row
/// named above (`rows::values`); the row's warning that it gave no status is moot
/// (adv48 a05).
fn refer_forward(out: &mut Ingested, first: usize) {
    for i in 0..out.records.len() - first {
        let Some(id) = rows::same_as_task(&out.records[first + i].progress) else {
            point_forward(out, first, i);
            continue;
        };
        let records = &mut out.records[first..];
        // The same unit's row (a consolidation's rows are several units').
        let Some(j) = (i + 1..records.len())
            .find(|&j| records[j].id == Some(id) && records[j].unit == records[i].unit)
        else {
            continue;
        };
        let (before, after) = records.split_at_mut(j);
        let (r, named) = (&mut before[i], &after[0]);
        r.progress = named.progress.clone();
        if r.status == Status::Unclear && r.status_text.trim().is_empty() {
            r.status = named.status;
            r.status_text = named.status_text.clone();
            if r.completed_on.is_none() && r.completed_text.is_empty() {
                r.completed_on = named.completed_on;
                r.completed_text = named.completed_text.clone();
            }
            out.problems
                .retain(|p| !p.is_on_row(Code::StatusUnclear, &r.source));
        }
    }
}

/// A sheet every row of which left this period's columns blank (or 同上期) and was read
/// from an earlier period's (本期 blank beside a filled 上期 throughout: the form sent
/// back unfilled, or last period's return sent again): one warning, as no row is new
/// (second review c 7: each row only noted it, and nobody chased the unit).
fn all_from_an_earlier_period(
    grid: &Grid,
    ctx: &SheetContext,
    layout: &Layout,
    out: &mut Ingested,
    first: usize,
) {
    let rows: Vec<usize> = out.records[first..]
        .iter()
        .filter(|r| r.source.sheet == grid.name)
        .map(|r| r.source.row as usize - 1)
        .collect();
    if rows.len() < 2 || !rows.iter().all(|&r| layout.for_row(grid, r).is_some()) {
        return;
    }
    out.problems.push(
        Problem::new(
            Severity::Warning,
            Code::NothingFilled,
            ctx.file,
            format!(
                "此表{}行的本期进展均未填写，已全部按上期（或前一个月）的进展计入，本期实际上没有报送新的进展。请与该单位核实，如有新进展请填写后重新报送。",
                rows.len()
            ),
        )
        .at(Some(&grid.name), None),
    );
}

/// [`refer_forward`] for a row whose words point to a task read below it (该项工作已纳入
/// 第35项一并推进, `rows::points_to_task`) and give no status: that row's status, the
/// row's own words kept, the warning that it gave none replaced by an info saying whose
/// status it took.
fn point_forward(out: &mut Ingested, first: usize, i: usize) {
    let records = &out.records[first..];
    let r = &records[i];
    if r.status != Status::Unclear || !r.status_text.trim().is_empty() {
        return;
    }
    let Some(to) = rows::points_to_task(&r.progress) else {
        return;
    };
    let Some(named) = records[i + 1..]
        .iter()
        .find(|n| n.id == Some(to) && n.unit == r.unit && n.status != Status::Unclear)
    else {
        return;
    };
    let status = named.status;
    let told = rows::status_of_task_pointed_to(&r.source, &r.progress, to, status);
    let source = r.source.clone();
    out.records[first + i].status = status;
    out.problems
        .retain(|p| !p.is_on_row(Code::StatusUnclear, &source));
    out.problems.push(told);
}

fn append_continuation(record: &mut Record, texts: [String; 3]) {
    let [progress, note, evidence] = texts;
    for (field, text) in [
        (&mut record.progress, progress),
        (&mut record.note, note),
        (&mut record.evidence, evidence),
    ] {
        if text.is_empty() {
            continue;
        }
        if !field.is_empty() {
            field.push('\n');
        }
        field.push_str(&text);
    }
}

/// A list of the evidence a unit sends (佐证材料目录: 序号 | 佐证材料名称 | 对应整改任务 |
/// 说明): named so in its title or file name, and each row's subject is the material (its
/// column before any progress column). Its rows are not progress.
fn is_evidence_list(ctx: &SheetContext, filing: &Filing, layout: &Layout) -> bool {
    const NAMES: [&str; 6] = [
        "佐证材料",
        "佐证资料",
        "证明材料",
        "材料目录",
        "材料清单",
        "附件目录",
    ];
    let Some(evidence) = layout.col(ColumnKind::Evidence) else {
        return false;
    };
    let first = layout
        .col(ColumnKind::Progress)
        .is_none_or(|p| evidence < p);
    let title = filing.title.as_deref().unwrap_or_default();
    first
        && NAMES
            .iter()
            .any(|n| title.contains(n) || ctx.file_stem.contains(n))
}

/// A sheet of registration forms: read as their table, each label row accounted for as
/// the form's (the header's row too: its label is the form's, not a header's).
fn read_forms(
    grid: &Grid,
    forms: form::Forms,
    ctx: &SheetContext,
    out: &mut Ingested,
) -> Option<String> {
    let first_skip = out.skips.len();
    let sender = read_sheet(&forms.table, ctx, out);
    for skip in &mut out.skips[first_skip..] {
        if skip.row as usize == forms.header + 1 && skip.reason == SkipReason::Header {
            *skip = row_skip(grid, ctx, forms.header, SkipReason::FormField);
        }
    }
    for &r in &forms.folded {
        out.skips
            .push(row_skip(grid, ctx, r, SkipReason::FormField));
    }
    sender
}

/// A sheet holding a table of units by tasks ([`Matrix`]): the return's own table
/// (`layout`, when the matrix is under it) read without the matrix's rows, then a
/// report per filled cell, dated as the sheet is. A sheet of the matrix alone is the
/// unit's its 填报单位 line names.
fn read_with_matrix(
    grid: &Grid,
    layout: Option<&Layout>,
    m: Matrix,
    non_empty: &[usize],
    ctx: &SheetContext,
    out: &mut Ingested,
) -> Option<String> {
    let mut above = Layout::default();
    (above.top, above.bottom) = (m.header, m.header);
    let sender = match layout {
        Some(_) => {
            let mut rest = grid.clone();
            for r in m.header..=m.last_row() {
                rest.rows[r].clear();
            }
            let sender = read_sheet(&rest, ctx, out);
            out.skips
                .push(row_skip(grid, ctx, m.header, SkipReason::Header));
            sender
        }
        None => {
            skip_above_table(grid, ctx, &above, non_empty, out);
            None
        }
    };
    let mut filing = Filing::read(grid, layout.unwrap_or(&above), non_empty, ctx.default_year);
    if let Some(cover) = ctx.cover {
        filing.take_cover(cover);
    }
    let default_year = filing
        .filed_on
        .map_or(ctx.default_year, |d| chrono::Datelike::year(&d));
    let period = filing::period_of_sheet_name(&grid.name, default_year);
    let (records, unanswered) = m.records(grid, ctx.file, filing.filed_on, period);
    for r in unanswered {
        out.skips.push(row_skip(grid, ctx, r, SkipReason::Unfilled));
    }
    out.problems.push(
        Problem::new(
            Severity::Info,
            Code::ReadNote,
            ctx.file,
            format!(
                "工作表“{}”第{}行起是按单位、按任务填写的汇总表，每个填写了的格子已计为该行单位对该列任务的报送（{}条）。",
                grid.name,
                m.header + 1,
                records.len()
            ),
        )
        .at(Some(&grid.name), Some(m.header as u32 + 1)),
    );
    out.records.extend(records);
    if layout.is_none() && filing.filed_on.is_none() {
        out.problems.push(filing_date_missing(ctx, &grid.name));
    }
    sender.or_else(|| unit::resolve(ctx.units, filing.unit_text.as_deref()?).ok())
}

/// The sheet with the tally under `tally` blanked out (its header and rows, up to the
/// next table's header, but the lines of one text between: 二、具体进展情况), when a
/// table of the return's own columns follows it; `None` when none does.
fn without_tally(grid: &Grid, tally: &Layout) -> Option<Grid> {
    let next = (tally.bottom + 1..grid.height())
        .find(|&r| Layout::at(grid, r).is_some_and(|l| !l.is_tally()))?;
    let mut rest = grid.clone();
    for r in tally.top..next {
        if !grid.is_paragraph(r) && grid.filled_cells(r).count() > 1 {
            rest.rows[r].clear();
        }
    }
    // The tally's own header row, whatever it holds.
    rest.rows[tally.top].clear();
    Some(rest)
}

/// A sheet without a header is passed over as instructions; outside our own checklist
/// (whose instructions sheet is expected) the unit is told.
fn skip_headerless(grid: &Grid, ctx: &SheetContext, non_empty: &[usize], out: &mut Ingested) {
    out.skips
        .push(sheet_skip(grid, ctx, non_empty, SkipReason::NoHeaderSheet));
    if ctx.marker.is_some() {
        return;
    }
    let message = if form::turned_on_its_side(grid) {
        "此工作表的表格为横向排列（每列一项任务），无法逐项读取，未计入汇总。请使用下发的表格，每行填写一项任务后重新报送。"
    } else {
        "此工作表没有可识别的表头（应含“序号”或“具体举措”，以及“整改进展情况”或“完成状态”等列），按说明页跳过。如这是报送数据，请使用下发的表头。"
    };
    out.problems.push(
        Problem::new(Severity::Info, Code::SheetSkipped, ctx.file, message)
            .at(Some(&grid.name), None),
    );
}

/// The warning on a written report read section by section: which tasks, that the
/// status was read from the words, and the headings naming several tasks at once, not
/// split (to enter by hand).
fn prose_read(
    ctx: &SheetContext,
    sheet: &str,
    sections: &[prose::Section],
    joint: &[(usize, Vec<u32>)],
) -> Problem {
    let list = |ids: Vec<String>| ids.join("、");
    let mut message = format!(
        "此文件是文字形式的情况报告，没有进展表格。已按正文中的任务标题读取第{}项的进展，完成状态按正文文字判断。",
        list(sections.iter().map(|s| s.task.to_string()).collect())
    );
    for (row, ids) in joint {
        message.push_str(&format!(
            "第{}行将第{}项写在同一标题下，未能分项读取，请人工核对后补录。",
            row + 1,
            list(ids.iter().map(u32::to_string).collect())
        ));
    }
    message.push_str("请核对读取结果；如有出入，请该单位用下发的填报表重新报送。");
    Problem::new(Severity::Warning, Code::ProseRead, ctx.file, message)
        .at(Some(sheet), Some(sections[0].row as u32 + 1))
}

/// The title, filing and instruction lines above the header, then the header rows.
fn skip_above_table(
    grid: &Grid,
    ctx: &SheetContext,
    layout: &Layout,
    non_empty: &[usize],
    out: &mut Ingested,
) {
    for &r in non_empty.iter().filter(|&&r| r < layout.top) {
        let reason = if filing::is_instruction_line(&grid.first_text(r)) {
            SkipReason::Note
        } else {
            SkipReason::Title
        };
        out.skips.push(row_skip(grid, ctx, r, reason));
    }
    for &r in non_empty
        .iter()
        .filter(|&&r| r >= layout.top && r <= layout.bottom)
    {
        out.skips.push(row_skip(grid, ctx, r, SkipReason::Header));
    }
}

fn filing_date_missing(ctx: &SheetContext, sheet: &str) -> Problem {
    Problem::new(
        Severity::Warning,
        Code::FilingDateMissing,
        ctx.file,
        "没有找到填报日期。同一单位报送多份时无法判断先后，请在表头上方填写“填报日期：2020年12月5日”。",
    )
    .at(Some(sheet), None)
}

/// A line saying the table goes on from the page before: 续表, （续）, 续上表.
fn is_continued_line(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c.is_whitespace() || "()（）:：".contains(c));
    t == "续" || t.starts_with("续表") || t.starts_with("续上表")
}

/// A whole sheet passed over: its first non-empty row, counting all of them.
fn sheet_skip(grid: &Grid, ctx: &SheetContext, non_empty: &[usize], reason: SkipReason) -> Skip {
    Skip {
        rows: non_empty.len() as u32,
        ..row_skip(grid, ctx, non_empty[0], reason)
    }
}

/// One row passed over, with its text shortened.
fn row_skip(grid: &Grid, ctx: &SheetContext, r: usize, reason: SkipReason) -> Skip {
    Skip {
        file: ctx.file.to_string(),
        sheet: grid.name.clone(),
        row: r as u32 + 1,
        rows: 1,
        reason,
        text: excerpt(&grid.row_text(r), 40),
        marked_task: None,
    }
}
