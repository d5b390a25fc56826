//! Which unit filed a sheet, and what to tell when that is not clear.
//!
//! In order: our checklist's marker (whatever the title or file name says; a 填报单位
//! line naming another unit wins, with a warning: a unit filled in a copy of another's
//! checklist); on a lead unit's consolidated return (报送表) the unit its marker
//! names for the row, else the row's 填报单位 column, else the lead unit; per row a unit column (单位 / 填报单位, or 责任单位: a lead unit's
//! consolidated return names each row's unit, and the row is that unit's report, not
//! the sender's); the 填报单位 line (the sender); then a Word return's signature, the
//! sheet's title, the sheet name, the file name and a bundle's name. A unit column
//! holding the plan's assignment text (各镇街、区水利局: a list, a group, 等) is no
//! unit column, nor is a 责任单位 column beside the plan's 牵头单位 / 配合单位 columns
//! (a whole-plan copy). Names are resolved through the unit directory (aliases,
//! abbreviations); the ones that do not resolve are listed in the problem, and a row
//! whose unit cell names no known unit is left without a unit.

use super::context::SheetContext;
use super::filing::Filing;
use super::layout::Layout;
use crate::common::marker::{Kind, Marker};
use crate::common::text::{excerpt, one_line};
use crate::ingest::grid::Grid;
use crate::ingest::record::UnitFrom;
use crate::ingest::vocabulary::ColumnKind;
use crate::model::{Code, Problem, Severity};
use crate::plan::{NameMatch, UnitDirectory};

/// A unit as recognised, and where from.
type Found = (String, UnitFrom);

/// The unit decisions of one sheet.
pub(super) struct SheetUnit<'a> {
    units: &'a UnitDirectory,
    /// The unit of our checklist's marker: every row is its.
    marker: Option<Found>,
    /// A 报送表's marker (on its form sheet): the unit of each row.
    rows: Option<&'a Marker>,
    /// The unit that sent the sheet (the 填报单位 line).
    whole_sheet: Option<Found>,
    /// The unit column, asked per row first (a consolidated return).
    column: Option<usize>,
    /// The title, sheet name or file name, for rows the column does not settle.
    fallback: Option<Found>,
    /// Names that did not resolve, described (each once).
    failures: Vec<String>,
    /// Rows (1-based) left without a unit.
    rows_without_unit: Vec<u32>,
    /// The unit column names each row's units one by one (a collection sheet, or a lead
    /// unit's consolidation): a cell naming two or three units (来苏镇、宝峰镇) is a row
    /// of each.
    joint_cells: bool,
    /// Rows (0-based) whose unit cell names several units: the units after the first
    /// (whose the row's record is), and the cell as one line.
    joint_rows: Vec<(usize, Vec<String>, String)>,
    /// The unit of a 填报单位 line below the header: the rows after it are its block.
    block: Option<Found>,
    /// A joint return (填报单位：区水利局、区河长办): the units after the first, whose
    /// reports the sheet's rows are too.
    joint_senders: Vec<String>,
    /// Names read with one character wrong (何梗镇 for 何埂镇), described (each once).
    near: Vec<String>,
    /// The unit the column last named on a row of its own (for a 同上 under it).
    last_in_column: Option<String>,
    /// A unit column naming the sender's villages, communities or sections (观音井村,
    /// 大石社区, 水资源科) and no unit of the directory: the column, and the names.
    subdivisions: Option<(usize, Vec<String>)>,
    /// The unit (else 责任单位) column, when it is not read as each row's unit (the
    /// plan's assignment copied on the task rows): its group lines (各镇街) are the
    /// sender's.
    loose: Option<usize>,
}

impl<'a> SheetUnit<'a> {
    /// The sheet-wide decisions; a marker whose unit differs from the 填报单位 line is
    /// reported into `problems`.
    pub fn decide(
        grid: &Grid,
        ctx: &SheetContext<'a>,
        layout: &Layout,
        filing: &Filing,
        one_task: bool,
        problems: &mut Vec<Problem>,
    ) -> SheetUnit<'a> {
        let mut failures = Vec::new();
        let mut near = Vec::new();
        let (mut whole_sheet, mut joint_senders) =
            filed_unit(ctx.units, filing, &mut failures, &mut near);
        let rows = ctx
            .marker
            .filter(|m| m.kind == Kind::Consolidated && m.sheet == grid.name);
        let marker = ctx.marker.filter(|_| rows.is_none()).map(|m| {
            failures.clear();
            match whole_sheet.as_ref().filter(|(u, _)| *u != m.unit) {
                // Another unit took this one's checklist and wrote its own name in: the
                // rows are the writer's.
                Some(written) => {
                    problems.push(filled_in_by_another(ctx, &grid.name, &m.unit, &written.0));
                    written.clone()
                }
                None => (m.unit.clone(), UnitFrom::Marker),
            }
        });
        if marker.is_some() {
            joint_senders.clear();
        }
        if let Some(m) = rows {
            // The lead unit consolidated the sheet: rows its marker does not name are
            // its own, unless the row's 填报单位 column says otherwise.
            failures.clear();
            joint_senders.clear();
            whole_sheet = Some((m.unit.clone(), UnitFrom::Marker));
        }
        let fallback = match (&marker, &whole_sheet) {
            (None, None) => fallback(ctx, grid, filing, &mut near),
            _ => None,
        };
        // A town's return by village (填报单位：朱沱镇, its 单位 column 观音井村,
        // 大石社区): the town's rows, each on the part of its work the village's name
        // says (adv52 a 5: refused as rows of no known unit).
        let subdivisions = marker
            .is_none()
            .then(|| whole_sheet.as_ref().or(fallback.as_ref()))
            .flatten()
            .and_then(|_| subdivision_column(grid, layout, ctx.units));
        let (column, joint_cells) = match marker {
            _ if subdivisions.is_some() => (None, false),
            Some(_) => (None, false),
            None => row_unit_column(grid, layout, ctx.units, whole_sheet.is_some(), one_task)
                .map_or((None, false), |(c, joint_cells)| (Some(c), joint_cells)),
        };
        SheetUnit {
            units: ctx.units,
            marker,
            rows,
            whole_sheet,
            column,
            fallback,
            failures,
            rows_without_unit: Vec::new(),
            joint_cells,
            joint_rows: Vec::new(),
            block: None,
            joint_senders,
            near,
            last_in_column: None,
            subdivisions,
            loose: layout
                .col(ColumnKind::Unit)
                .or_else(|| layout.col(ColumnKind::ResponsibleUnit))
                .filter(|_| column.is_none()),
        }
    }

    /// The group (各镇街, 其余镇街) row `r`'s own unit cell names, when the sheet's unit
    /// column is not read as each row's ([`Self::group_row`] when it is). Not a list of
    /// units named one by one (来苏镇、宝峰镇), nor a cell merged down from the row above.
    pub fn group_in_loose_column(&self, grid: &Grid, r: usize) -> Option<String> {
        let t = one_line(&grid.cell(r, self.loose?).text_ref());
        (is_assignment_text(&t, self.units) && joint_units(&t, self.units).is_none()).then_some(t)
    }

    /// The village, community or section of the sender's that row `r` is on, when the
    /// sheet's unit column names those (see [`subdivision_column`]).
    /// So is a village's name on a row under its town's in a consolidation's unit column
    /// (来苏镇 | … over 观音井村 | …): that town's.
    pub fn subdivision(&self, grid: &Grid, r: usize) -> Option<String> {
        if let Some((c, _)) = self.subdivisions.as_ref() {
            let t = one_line(&grid.value_through_merge(r, *c).text_ref());
            return (!t.is_empty() && !names_the_sender(&t)).then_some(t);
        }
        let t = one_line(&grid.cell(r, self.column?).text_ref());
        (self.last_in_column.is_some() && is_subdivision_name(self.units, &t)).then_some(t)
    }

    /// The sheet's note on a unit column read as the sender's villages or sections: the
    /// names (at most three) and how many there are.
    pub fn subdivisions_read(&self) -> Option<(&[String], &str)> {
        let (_, names) = self.subdivisions.as_ref()?;
        let sender = self
            .named_sender()
            .or(self.fallback.as_ref().map(|(u, _)| u.as_str()))?;
        Some((names, sender))
    }

    /// A joint return's units after the first (填报单位：区水利局、区河长办): the rows
    /// the sheet credits to the first are theirs too.
    pub fn joint_senders(&self) -> &[String] {
        &self.joint_senders
    }

    /// A line below the header naming `text` starts a block of rows: a 填报单位 line
    /// (`UnitFrom::FiledCell`: two units' tables stacked on one sheet) or a heading row
    /// over a group of rows (`UnitFrom::Heading`: 二、来苏镇 in a lead unit's
    /// consolidation, its rows reported through the sender). When `text` is a unit of
    /// the directory, the rows after it that do not name their own unit are that unit's.
    /// Not on a checklist, whose marker decides.
    pub fn start_block(&mut self, text: &str, from: UnitFrom) -> bool {
        if self.marker.is_some() || self.rows.is_some() {
            return false;
        }
        match resolve_or_near(self.units, text, &mut self.near) {
            Ok(u) => {
                // A table titled for another unit than the one whose 填报单位 line the
                // sheet bears came through that one, as a heading's rows do.
                let from = match &self.whole_sheet {
                    Some((sender, _)) if from == UnitFrom::Title && *sender != u => {
                        UnitFrom::Heading
                    }
                    _ => from,
                };
                self.block = Some((u, from));
                true
            }
            Err(_) => false,
        }
    }

    /// The unit the sheet names as its sender: our marker's, or the 填报单位 line's.
    pub fn named_sender(&self) -> Option<&str> {
        self.marker
            .as_ref()
            .or(self.whole_sheet.as_ref())
            .map(|(u, _)| u.as_str())
    }

    /// The unit a cell names right under a task's row (来苏镇 in the 序号 or the 具体举措
    /// column under task 39 in a lead unit's consolidation): the cell holds a unit's
    /// name and nothing else. Not on a 报送表, whose marker names each row's unit.
    pub fn named_in_cell(&self, text: &str) -> Option<String> {
        if self.rows.is_some() {
            return None;
        }
        let name = one_line(text);
        (!name.is_empty() && !name.chars().any(|c| c.is_ascii_digit()))
            .then(|| resolve(self.units, &name).ok())
            .flatten()
    }

    /// The unit of row `r`; a row left without one is remembered for [`Self::report`].
    pub fn of_row(&mut self, grid: &Grid, r: usize) -> Option<Found> {
        let marked = self
            .rows
            .and_then(|m| m.unit_at(r))
            .and_then(|u| resolve(self.units, u).ok());
        let unit = match (&self.marker, marked) {
            (Some(m), _) => Some(m.clone()),
            // A 报送表's row: the unit its 填报单位 cell names, when the lead unit wrote
            // or corrected one there (rows inserted, deleted, sorted or retyped leave the
            // marker's list behind), else the marker's.
            (None, Some(u)) => match self.in_column(grid, r) {
                Cell::Named(found) => Some(found),
                Cell::Blank | Cell::Unknown => Some((u, UnitFrom::MarkerRow)),
            },
            (None, None) => match self.in_column(grid, r) {
                Cell::Named(found) => Some(found),
                Cell::Unknown => None,
                Cell::Blank => self
                    .block
                    .clone()
                    .or_else(|| self.whole_sheet.clone())
                    .or_else(|| self.fallback.clone()),
            },
        };
        if unit.is_none() {
            self.rows_without_unit.push(r as u32 + 1);
        }
        unit
    }

    /// Whether row `r`'s unit column names one unit of its own (a consolidation's next
    /// unit on a task), as [`Self::of_row`] would read it.
    /// Whether the row's unit column holds anything (a unit known or not: 双石街道).
    pub fn unit_cell_filled(&self, grid: &Grid, r: usize) -> bool {
        self.column
            .is_some_and(|c| !grid.value_through_merge(r, c).is_empty())
    }

    pub fn names_row_unit(&self, grid: &Grid, r: usize) -> bool {
        let Some(c) = self.column else {
            return false;
        };
        let t = one_line(&grid.value_through_merge(r, c).text_ref());
        !t.is_empty() && !is_assignment_text(&t, self.units) && resolve(self.units, &t).is_ok()
    }

    /// Whether the row's unit column names a group or a list (各镇街) where the column
    /// names each row's unit: a lead unit's line on the units it does not list one by
    /// one, counted as the sender's.
    /// Returns the cell's text, as one line.
    pub fn group_row(&self, grid: &Grid, r: usize) -> Option<String> {
        let c = self.column?;
        let t = one_line(&grid.value_through_merge(r, c).text_ref());
        // A joint row (来苏镇、宝峰镇), recorded when its unit was read, names its units.
        let joint = self.joint_rows.iter().any(|(row, ..)| *row == r);
        (!joint && is_assignment_text(&t, self.units)).then_some(t)
    }

    /// Rows (0-based) whose unit cell names two or three units: the units after the
    /// first, whose reports the row's record is too, and the cell.
    pub fn joint_rows(&self) -> &[(usize, Vec<String>, String)] {
        &self.joint_rows
    }

    /// The unit in the row's unit column; a name that does not resolve is remembered.
    fn in_column(&mut self, grid: &Grid, r: usize) -> Cell {
        let Some(c) = self.column else {
            return Cell::Blank;
        };
        let t = grid.value_through_merge(r, c).text_ref();
        // 同上 (〃) under a row naming its unit: that unit again.
        if super::rows::is_ditto(&t) {
            if let Some(u) = self.last_in_column.clone() {
                return Cell::Named((u, UnitFrom::UnitColumn));
            }
        }
        // Two or three units named together (来苏镇、宝峰镇): a row of each, the record
        // the first's and copied to the others when the sheet is read.
        if let Some((mut named, all)) = joint_units(&t, self.units).filter(|_| self.joint_cells) {
            let first = named.remove(0);
            if !self.joint_rows.iter().any(|(row, ..)| *row == r) {
                self.joint_rows.push((r, named, all));
            }
            return Cell::Named((first, UnitFrom::UnitColumn));
        }
        // Empty, a group or list (各镇街) in a consolidation, or the sender's word for
        // itself (我委, 本单位, 牵头单位): the sender's row.
        if t.trim().is_empty() || is_assignment_text(&t, self.units) || names_the_sender(&t) {
            return Cell::Blank;
        }
        match resolve_or_near(self.units, &t, &mut self.near) {
            Ok(u) => {
                self.last_in_column = Some(u.clone());
                Cell::Named((u, UnitFrom::UnitColumn))
            }
            // A village under its town's row (来苏镇 over 观音井村): the town's part
            // (second review c 11: refused as a unit not in the directory).
            Err(NameMatch::Unknown)
                if self.last_in_column.is_some()
                    && is_subdivision_name(self.units, one_line(&t).trim()) =>
            {
                let town = self.last_in_column.clone().unwrap_or_default();
                Cell::Named((town, UnitFrom::UnitColumn))
            }
            Err(m) => {
                let msg = format!("单位列{}", describe_failure(&t, &m));
                if !self.failures.contains(&msg) {
                    self.failures.push(msg);
                }
                Cell::Unknown
            }
        }
    }

    /// The problem of a sheet with records: rows without a unit (an error), or names
    /// that did not resolve although others did (a warning).
    pub fn report(self, ctx: &SheetContext, sheet: &str) -> Option<Problem> {
        if let Some(&first) = self.rows_without_unit.first() {
            let tried = if self.failures.is_empty() {
                "表中没有“填报单位”，工作表名和文件名也不是单位名称".to_string()
            } else {
                self.failures.join("；")
            };
            // The sheet names its sender: what to mend is the unit column, not a
            // 填报单位 line it has.
            let mend = match self.named_sender() {
                Some(_) => "请在单位列填写名录中的单位名称后重新报送".to_string(),
                None => "请在表头上方填写“填报单位：单位名称”后重新报送".to_string(),
            };
            return Some(
                Problem::new(
                    Severity::Error,
                    Code::UnitUnknown,
                    ctx.file,
                    format!(
                        "无法识别填报单位（{tried}），{}行数据未计入汇总，已列入“未归集”清单。{mend}，或在单位名录中补充该名称。",
                        self.rows_without_unit.len()
                    ),
                )
                .at(Some(sheet), Some(first)),
            );
        }
        if self.failures.is_empty() && self.near.is_empty() {
            return None;
        }
        let mut said = self.near;
        if !self.failures.is_empty() {
            said.push(format!(
                "{}；已按其他信息识别单位",
                self.failures.join("；")
            ));
        }
        Some(
            Problem::new(
                Severity::Warning,
                Code::UnitAmbiguous,
                ctx.file,
                format!("{}。请核实。", said.join("；")),
            )
            .at(Some(sheet), None),
        )
    }
}

/// The unit of the 填报单位 line, if it resolves; otherwise its failure is noted. A line
/// naming two or more units of the directory (区水利局、区河长办, 区水利局和区河长办) is a
/// joint return: the first unit, and the others.
fn filed_unit(
    units: &UnitDirectory,
    filing: &Filing,
    failures: &mut Vec<String>,
    near: &mut Vec<String>,
) -> (Option<Found>, Vec<String>) {
    let Some(t) = filing.unit_text.as_deref().filter(|t| !t.trim().is_empty()) else {
        return (None, Vec::new());
    };
    // Two units one in brackets after the other (区水利局（区河长办）: resolving reads the
    // first alone), as written, then several units (a joint return), then a town one
    // character off.
    let found = match bracketed_pair(units, t.trim()) {
        Some((first, second)) => Ok((first, vec![second])),
        None => resolve(units, t).map(|u| (u, Vec::new())),
    }
    .or_else(|m| {
        joint_filers(units, t)
            .map(|mut all| (all.remove(0), all))
            .ok_or(m)
    })
    .or_else(|m| {
        near_town(units, t, &m, near)
            .map(|u| (u, Vec::new()))
            .ok_or(m)
    });
    match found {
        Ok((first, others)) => (Some((first, UnitFrom::FiledCell)), others),
        Err(m) => {
            failures.push(format!("填报单位{}", describe_failure(t, &m)));
            (None, Vec::new())
        }
    }
}

/// Two or more distinct units of the directory, one per part of `text` split at 、 ， ,
/// / or spaces, else also at 和 与 及 (a name with 和 in it, 区人力资源和社会保障局, stays
/// whole when the first split reads); 联合 / 联合报送 after them dropped. `None` unless
/// every part is one.
fn joint_filers(units: &UnitDirectory, text: &str) -> Option<Vec<String>> {
    let text = text
        .trim()
        .trim_end_matches("联合报送")
        .trim_end_matches("联合");
    let split = |seps: &[char]| -> Option<Vec<String>> {
        let parts: Vec<&str> = text
            .split(seps)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() < 2 {
            return None;
        }
        let mut found: Vec<String> = Vec::new();
        for p in parts {
            let u = resolve(units, p).ok()?;
            if found.contains(&u) {
                return None;
            }
            found.push(u);
        }
        Some(found)
    };
    const LIST: &[char] = &['、', '，', ',', '/', ' ', '\u{3000}'];
    const WORDS: &[char] = &['、', '，', ',', '/', ' ', '\u{3000}', '和', '与', '及'];
    split(LIST).or_else(|| split(WORDS))
}

/// Two units of the directory written one in brackets after the other, as offices that
/// share their staff sign (区水利局（区河长办）): both. Not a bracket naming no unit of
/// its own (区水利局（盖章）, 区农业农村委（区畜牧中心）).
fn bracketed_pair(units: &UnitDirectory, text: &str) -> Option<(String, String)> {
    let inner = text.strip_suffix('）').or_else(|| text.strip_suffix(')'))?;
    let open = inner.rfind(['（', '('])?;
    let (outer, inner) = (&inner[..open], &inner[open..]);
    let inner = inner.trim_start_matches(['（', '(']);
    let (a, b) = (
        resolve(units, outer.trim()).ok()?,
        resolve(units, inner.trim()).ok()?,
    );
    (a != b).then_some((a, b))
}

/// What a row's unit cell says.
enum Cell {
    /// Empty, or no unit column: the sheet's unit.
    Blank,
    Named(Found),
    /// A name that is no unit of the directory.
    Unknown,
}

/// Distinct units named one to a cell that make a unit column a collection's.
const MANY_UNITS: usize = 4;

/// The column naming each row's unit: a 单位 / 填报单位 column, else a 责任单位 column.
/// Not when its cells hold the plan's assignment (a list, a group, 等), nor a 责任单位
/// column beside the plan's 牵头单位 / 配合单位 columns (a whole-plan copy), unless the
/// table is a lead unit's consolidation: its rows name single units, several on one
/// task (each task's rows, 序号 merged down or left blank under the first). Then a
/// group row among them (各镇街：其余镇街均已完成) is the sender's.
///
/// Nor a 责任单位 column of a sheet whose 填报单位 line names its sender (`sender_named`),
/// one unit to a row and task: the plan's 责任单位 copied beside the sender's own work
/// on each task (区财政局 writing 已拨付经费 on the row whose 责任单位 is 区城市管理局).
///
/// Returns the column and whether it names each row's units one by one: a collection of
/// many units' rows (at least [`MANY_UNITS`] named one to a cell) or a lead unit's
/// consolidation. There a cell naming two or three units (来苏镇、宝峰镇) is a row of
/// each, not the plan's assignment.
fn row_unit_column(
    grid: &Grid,
    layout: &Layout,
    units: &UnitDirectory,
    sender_named: bool,
    one_task: bool,
) -> Option<(usize, bool)> {
    let unit_col = layout.col(ColumnKind::Unit);
    let c = unit_col.or_else(|| layout.col(ColumnKind::ResponsibleUnit))?;
    let mut assignment = 0;
    // Of those, cells on a row under a task's row without a 序号 of its own (各镇街 under
    // the sender's row on the task): a consolidation's group lines, where the plan's
    // assignment copied stands on the task's own row.
    let mut under_tasks = 0;
    let mut single = 0;
    // Cells naming two or three units one by one: the plan's assignment copied, or a
    // consolidation's row on those units together.
    let mut joint = 0;
    let mut distinct: Vec<String> = Vec::new();
    // Task of each single-unit row: its 序号, or the last one above it.
    let mut task = String::new();
    let mut tasks: Vec<String> = Vec::new();
    for r in layout.bottom + 1..grid.rows.len() {
        // On a sheet of one task the 序号 counts rows (`counted_rows_task`).
        let id = one_line(&layout.cell(grid, r, ColumnKind::Id).text_ref());
        let own_number = !id.is_empty();
        if !id.is_empty() && !one_task {
            // A partner's row numbered under the task's (28-1, 28.1, 28（1）) is on it.
            let digits = id.find(|c: char| !c.is_ascii_digit()).unwrap_or(id.len());
            task = if digits > 0 {
                id[..digits].to_string()
            } else {
                id
            };
        }
        let t = one_line(&grid.value_through_merge(r, c).text_ref());
        if t.is_empty() {
            continue;
        }
        if let Some((named, _)) = joint_units(&t, units) {
            joint += 1;
            for u in named {
                if !distinct.contains(&u) {
                    distinct.push(u);
                }
            }
            if !tasks.contains(&task) {
                tasks.push(task.clone());
            }
        } else if is_assignment_text(&t, units) {
            assignment += 1;
            under_tasks += usize::from(!own_number && !task.is_empty());
        } else if let NameMatch::Unit(u) = units.resolve(&t) {
            single += 1;
            if !distinct.contains(&u) {
                distinct.push(u);
            }
            if !tasks.contains(&task) {
                tasks.push(task.clone());
            }
        }
    }
    // Several rows of one task naming units one by one: a consolidation, with group
    // lines (其余镇街, 来苏镇等12个镇街) among them as often as not.
    // A row naming two towns together is such a row too.
    let named = single + joint;
    // A sheet named for the one unit every row names (a lead unit's workbook of a sheet
    // per town, each under the lead's 填报单位 line): that unit's rows, not the plan's
    // assignment copied.
    let sheet_of_its_unit = single >= 1
        && assignment + joint == 0
        && matches!(units.resolve(&grid.name), NameMatch::Unit(u) if distinct.len() == 1 && distinct[0] == u);
    let group_lines = single >= 1 && assignment >= 1 && under_tasks == assignment;
    // A 填报单位 column naming units one by one and two together (来苏镇、宝峰镇 | 宝峰镇 |
    // 双石镇), no group among them: each row's units, however few the rows.
    let filers = unit_col.is_some() && single >= 1 && joint >= 1 && assignment == 0;
    let consolidation = sheet_of_its_unit
        || group_lines
        || filers
        || (single >= 1 && named >= 2 && named > tasks.len() && named >= assignment);
    // A collection sheet of many units (the bureau's own, one row per unit and task),
    // a joint row or two among them (区水利局、区农业农村委): the column is each row's.
    let collection = distinct.len() >= MANY_UNITS && single >= 3 * (assignment + joint);
    if unit_col.is_none() && layout.has(ColumnKind::Assignment) && !consolidation {
        return None;
    }
    if unit_col.is_none() && sender_named && !consolidation && !collection {
        return None;
    }
    (assignment + joint == 0 || consolidation || collection)
        .then_some((c, consolidation || collection))
}

/// A unit cell in the sender's words for itself: 我委, 我局, 本单位, 我镇（牵头）, and
/// 牵头单位 in a lead unit's consolidation.
fn names_the_sender(text: &str) -> bool {
    let t: String = one_line(text)
        .split(['（', '('])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // 汇总, 全区, 合计: the lead unit's own line over the whole task (its sum of the units
    // below).
    matches!(
        t.as_str(),
        "牵头单位" | "汇总" | "全区" | "合计" | "总体" | "总体情况" | "全区情况" | "全区汇总"
    ) || (t.starts_with(['我', '本']) && (2..=4).contains(&t.chars().count()))
}

/// How the name of a village or a community ends (观音井村, 大石社区, 胜利居委会).
const VILLAGE_ENDINGS: &[&str] = &["村", "社区", "居委会", "村委会", "村委", "组"];

/// How the name of a section of a unit ends (水资源科, 执法大队, 河道管理站, 农业服务中心).
const SECTION_ENDINGS: &[&str] = &["科", "股", "室", "队", "所", "站", "中心"];

/// A unit's words for the whole of it or its own office among its villages' rows (全镇,
/// 镇本级, 各村（社区）): the sender's rows too (second review c 11).
const SENDER_AS_A_WHOLE: &[&str] = &[
    "全镇",
    "全街道",
    "全乡",
    "本级",
    "镇本级",
    "街道本级",
    "乡本级",
    "镇政府",
    "街道办事处",
    "各村",
    "各社区",
    "各村社区",
    "各村（社区）",
    "各村(社区)",
    "各村居",
    "全局",
    "局本级",
];

/// A village's, a community's or a section's name ([`VILLAGE_ENDINGS`],
/// [`SECTION_ENDINGS`]) that is no
/// unit of the directory.
fn is_subdivision_name(units: &UnitDirectory, name: &str) -> bool {
    (2..=12).contains(&name.chars().count())
        && VILLAGE_ENDINGS
            .iter()
            .chain(SECTION_ENDINGS)
            .any(|e| name.ends_with(e))
        && matches!(units.resolve(name), NameMatch::Unknown)
}

/// Whether every name is a village's or a community's (none a section's).
pub(super) fn all_villages(names: &[String]) -> bool {
    names
        .iter()
        .all(|n| VILLAGE_ENDINGS.iter().any(|e| n.ends_with(e)))
}

/// The unit column (单位, else 责任单位) of a sheet whose sender is known, when every
/// name in it (beside the sender's words for itself) is a village, a community or a
/// section ([`is_subdivision_name`]) and none resolves to a unit or a group of the
/// directory: the sender's rows, by the part of its work each name says. Returns the
/// column and its distinct names in order.
fn subdivision_column(
    grid: &Grid,
    layout: &Layout,
    units: &UnitDirectory,
) -> Option<(usize, Vec<String>)> {
    let c = layout
        .col(ColumnKind::Unit)
        .or_else(|| layout.col(ColumnKind::ResponsibleUnit))?;
    let mut names: Vec<String> = Vec::new();
    for r in layout.bottom + 1..grid.rows.len() {
        let t = one_line(&grid.value_through_merge(r, c).text_ref());
        if t.is_empty() || names_the_sender(&t) || SENDER_AS_A_WHOLE.contains(&t.as_str()) {
            continue;
        }
        let parts: Vec<&str> = t
            .split(['、', '，', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty()
            || !parts.iter().all(|p| is_subdivision_name(units, p))
            || !matches!(units.resolve(&t), NameMatch::Unknown)
        {
            return None;
        }
        for p in parts {
            if !names.iter().any(|n| n == p) {
                names.push(p.to_string());
            }
        }
    }
    (!names.is_empty()).then_some((c, names))
}

/// A cell naming two or three units of the directory, one by one and no group
/// (区水利局、区农业农村委, 来苏镇 宝峰镇): the units' names and the cell as one line.
fn joint_units(text: &str, units: &UnitDirectory) -> Option<(Vec<String>, String)> {
    let names: Vec<&str> = text
        .split(['、', '，', ',', '；', ';', '/', '\n', ' ', '\u{3000}'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if !(2..=3).contains(&names.len()) || text.trim_end().ends_with('等') {
        return None;
    }
    let resolved: Vec<String> = names
        .iter()
        .map(|n| match units.resolve(n) {
            NameMatch::Unit(u) => Some(u),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let distinct = resolved
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    (distinct == resolved.len()).then(|| (resolved, names.join("、")))
}

/// The plan's assignment as written: several units (、，；/ or a line break between
/// names), a group (各镇街), a list ending in 等, a unit and others (来苏镇等12个镇街,
/// 区水利局等部门), or the rest of a group (其余镇街, 其他单位): never one unit's row.
fn is_assignment_text(text: &str, units: &UnitDirectory) -> bool {
    let t = without_contact(text).trim();
    if t.is_empty() {
        return false;
    }
    let names = t
        .split(['、', '，', ',', '；', ';', '/', '\n'])
        .filter(|p| !p.trim().is_empty())
        .count();
    let the_rest = ["其余", "其他", "剩余", "另外"]
        .iter()
        .any(|w| t.starts_with(w))
        && ["镇街", "单位", "部门", "街道", "镇"]
            .iter()
            .any(|w| t.ends_with(w));
    names > 1
        || t.find('等').is_some_and(|i| i > 0)
        || the_rest
        || matches!(units.resolve(t), NameMatch::Group(_))
}

/// A unit cell without the contact written after the name (来苏镇\n（联系人：张伟
/// 138…）, 宝峰镇（李静，4980…）): the name alone. A cell with no contact is returned
/// as it is.
fn without_contact(text: &str) -> &str {
    let Some(at) = text.find(['（', '(', '\n']) else {
        return text;
    };
    let (name, rest) = text.split_at(at);
    let digits = rest
        .split(|c: char| !c.is_ascii_digit() && c != '-')
        .map(|run| run.chars().filter(char::is_ascii_digit).count())
        .max()
        .unwrap_or(0);
    let contact = ["联系", "电话", "手机"].iter().any(|w| rest.contains(w)) || digits >= 7;
    if contact && !name.trim().is_empty() {
        name.trim_end()
    } else {
        text
    }
}

/// The first of a Word return's signature, the title, a line of the page header, the
/// sheet name, the file name, the name of the bundle it came in and the names of the
/// folders it sits in (区住建委/整改进展表.xlsx), nearest first, that names a unit.
fn fallback(
    ctx: &SheetContext,
    grid: &Grid,
    filing: &Filing,
    near: &mut Vec<String>,
) -> Option<Found> {
    let sheet = grid.name.as_str();
    // The page header's lines (重庆市永川区交通局 over 第1页), after the title.
    let header = grid
        .page_header
        .lines()
        .map(|line| (line, UnitFrom::PageHeader));
    let folders = || {
        std::path::Path::new(ctx.file)
            .parent()
            .into_iter()
            .flat_map(|p| p.iter().rev())
            .map(|name| (name.to_str().unwrap_or(""), UnitFrom::FileName))
    };
    let sources = [
        (
            filing.signature.as_deref().unwrap_or(""),
            UnitFrom::Signature,
        ),
        (filing.title.as_deref().unwrap_or(""), UnitFrom::Title),
        (filing.named_above.as_deref().unwrap_or(""), UnitFrom::Title),
    ]
    .into_iter()
    .chain(header)
    .chain([
        (sheet, UnitFrom::SheetName),
        (ctx.file_stem, UnitFrom::FileName),
    ])
    // The folders nearest first: inside a bundle (区住建委报送材料.zip/镇街报送/来苏镇/
    // 进展表.xlsx) its folders come before the bundle's own name, a folder of the path.
    .chain(folders())
    .chain([(ctx.bundle_stem.unwrap_or(""), UnitFrom::FileName)])
    // 填报人：张三（来苏镇农业服务中心） under the table: the last word on it.
    .chain([(
        filing.contact_unit.as_deref().unwrap_or(""),
        UnitFrom::Signature,
    )])
    .filter(|(text, _)| !text.trim().is_empty());
    // Names as written first, then one written with a character wrong.
    let mut misses = Vec::new();
    // A name that may be another unit's: taken only when nothing later names one.
    let mut deferred: Option<Found> = None;
    for (text, from) in sources {
        // 来苏镇关于配合区水利局开展…的报告: the unit before 关于 is the sender.
        let subject = text
            .split_once("关于")
            .filter(|(before, _)| !before.contains('《') && !names_another_unit(before))
            .and_then(|(before, _)| resolve(ctx.units, before).ok());
        // 区生态环境局牵头任务进展（来苏镇）, 来苏镇-报区生态环境局: the unit the return
        // goes to is not the one that sends it. What names only units it goes to is
        // passed over.
        let subject = match subject {
            Some(u) => Some(u),
            None => match without_addressees(ctx.units, text) {
                Some(rest) => match resolve(ctx.units, &rest) {
                    Ok(u) => Some(u),
                    Err(_) => continue,
                },
                None => None,
            },
        };
        let by_subject = subject.is_some();
        match subject.map_or_else(|| resolve(ctx.units, text), Ok) {
            // 根据区水利局《…通知》要求，现将我镇…: the unit whose notice it answers,
            // never the writer.
            Ok(_) if !by_subject && answers_a_notice(text) => {}
            // The lead's form as a partner filled it (来苏镇/区城市管理局牵头任务进展情况
            // 表.xlsx, its 填报单位 left blank): a title or name saying whose tasks the
            // form lists (X牵头…) does not say who filled it; a line naming the unit
            // whose opinion it answers or the one it helps (配合区水利局…) does not
            // either. A later source (the file name, a folder) naming a unit does.
            Ok(u) if !by_subject && names_another_unit(text) => {
                deferred.get_or_insert((u, from));
            }
            Ok(u) => {
                if from == UnitFrom::Signature {
                    near.extend(title_names_another_town(ctx, filing, &u));
                }
                return Some((u, from));
            }
            Err(m) => misses.push((text, from, m)),
        }
    }
    if deferred.is_some() {
        return deferred;
    }
    misses
        .into_iter()
        .find_map(|(text, from, m)| near_town(ctx.units, text, &m, near).map(|u| (u, from)))
}

/// The unit a file's name says sent it (区水利局.xlsx, 来苏镇-报区生态环境局.xlsx,
/// 区水利局牵头任务进展（来苏镇）.xlsx → 来苏镇), if one: not a unit it is addressed to,
/// nor the lead whose form it is when no other unit is named (区水利局牵头任务进展.xlsx
/// says whose tasks, not who filled them).
pub(crate) fn sender_in_name(units: &UnitDirectory, name: &str) -> Option<String> {
    let (written, mentions) = units.mentions(name);
    match addressees_taken_out(&written, &mentions) {
        Some(rest) => resolve(units, &rest).ok(),
        None => {
            let lead_form = mentions
                .iter()
                .any(|r| written[r.end..].starts_with("牵头"));
            (!lead_form).then(|| resolve(units, name).ok()).flatten()
        }
    }
}

/// Characters that, just before a unit's name (区 between allowed), make it the unit a
/// return goes to: 报区生态环境局, 报送区水利局, 致…, 呈…, 向…, 给…, 至….
const TO_UNIT: [char; 7] = ['报', '送', '致', '呈', '向', '给', '至'];

/// Words that, just before a unit's name, make it the unit the writer works with or
/// answers (配合区河长办…, 按照区水利局要求…), not the writer.
const WITH_UNIT: [&str; 7] = ["配合", "协助", "会同", "按照", "根据", "依据", "落实"];

/// Words that, just after a unit's name, make the text that unit's form or business
/// (区水利局牵头任务…, 区水利局交办事项…), not its return, when another unit is named.
const FORM_OF_UNIT: [&str; 3] = ["牵头", "交办", "负责"];

/// `text` with the units it is addressed to taken out, when it names any: a unit after
/// [`TO_UNIT`] or [`WITH_UNIT`] (来苏镇-报区生态环境局, 报区生态环境局-整改进展, 配合区河长办
/// …), others listed with it (报区水利局、区生态环境局), one opening the text with a
/// colon (区生态环境局：红炉镇整改进展); and, beside a unit that is none of these, a unit
/// whose form or business it is ([`FORM_OF_UNIT`]: 区水利局牵头任务进展情况（来苏镇）), or
/// any unit outside a closing bracket that names the one unit in it (区水利局整改任务
/// 填报表（朱沱镇）: the bracket names who filled the form in). `None` when nothing is
/// taken out (then a lead's name alone stays for [`fallback`]'s later sources to settle).
fn without_addressees(units: &UnitDirectory, text: &str) -> Option<String> {
    let (written, mentions) = units.mentions(text);
    addressees_taken_out(&written, &mentions)
}

/// [`without_addressees`] on a text's compact form and the places it names units
/// (`UnitDirectory::mentions`).
fn addressees_taken_out(written: &str, mentions: &[std::ops::Range<usize>]) -> Option<String> {
    if mentions.is_empty() {
        return None;
    }
    let cued = |r: &std::ops::Range<usize>| {
        let before = &written[..r.start];
        let before = before.strip_suffix('区').unwrap_or(before);
        before.ends_with(TO_UNIT)
            || WITH_UNIT.iter().any(|w| before.ends_with(w))
            || (before.is_empty() && written[r.end..].starts_with(['：', ':']))
    };
    // Addressed: cued, or listed right after a unit addressed (、和及与 between).
    let mut addressed: Vec<bool> = Vec::with_capacity(mentions.len());
    for (i, r) in mentions.iter().enumerate() {
        let listed = i > 0
            && addressed[i - 1]
            && matches!(
                written[mentions[i - 1].end..r.start].trim_start_matches('区'),
                "、" | "和" | "及" | "与" | "、区" | "和区" | "及区" | "与区"
            );
        addressed.push(cued(r) || listed);
    }
    let form_of =
        |r: &std::ops::Range<usize>| FORM_OF_UNIT.iter().any(|w| written[r.end..].starts_with(w));
    // The one unit in a bracket closing the text (…（朱沱镇）, …（吉安镇填报）).
    let in_closing_bracket = |r: &std::ops::Range<usize>| {
        let open = written[..r.start].rfind(['(', '（']);
        open.is_some_and(|o| !written[o..r.start].contains([')', '）']))
            && written[r.end..].find([')', '）']).is_some_and(|c| {
                let after = &written[r.end + c..];
                after
                    .trim_start_matches([')', '）'])
                    .trim_matches(|ch: char| ch.is_ascii_digit() || "-_.".contains(ch))
                    .is_empty()
            })
    };
    let bracketed: Vec<usize> = (0..mentions.len())
        .filter(|&i| !addressed[i] && in_closing_bracket(&mentions[i]))
        .collect();
    let sender_in_bracket = bracketed.len() == 1;
    let others = (0..mentions.len())
        .filter(|&i| !addressed[i] && !form_of(&mentions[i]))
        .count();
    let taken: Vec<&std::ops::Range<usize>> = (0..mentions.len())
        .filter(|&i| {
            addressed[i]
                || (others > 0 && form_of(&mentions[i]))
                || (sender_in_bracket && !bracketed.contains(&i))
        })
        .map(|i| &mentions[i])
        .collect();
    if taken.is_empty() {
        return None;
    }
    let mut rest = String::with_capacity(written.len());
    let mut at = 0;
    for r in taken {
        rest.push_str(&written[at..r.start]);
        rest.push('-');
        at = r.end;
    }
    rest.push_str(&written[at..]);
    Some(rest)
}

/// A return signed by town `signed` under a title naming another town (a neighbour's
/// template kept): the signature stands, and the clerk is told. Not a title naming a
/// department, often the one addressed (关于区生态环境局…意见).
fn title_names_another_town(ctx: &SheetContext, filing: &Filing, signed: &str) -> Option<String> {
    let town = |name: &str| {
        ctx.units
            .unit(name)
            .is_some_and(|x| x.kind == crate::plan::units::UnitKind::Town)
    };
    let titled = filing
        .title
        .as_deref()
        .filter(|t| town(signed) && !names_another_unit(t))
        .and_then(|t| resolve(ctx.units, t).ok())
        .filter(|t| t != signed && town(t))?;
    Some(format!(
        "落款为{signed}，标题中的单位为{titled}，已按落款计入{signed}"
    ))
}

/// A title or line that names a unit other than its writer: the lead whose tasks a form
/// lists (区农业农村委牵头…), the unit whose notice or opinion it answers (根据…要求,
/// 关于落实…意见), the one it works with (配合…), or any sentence in which the writer
/// speaks of itself (现将我镇…).
fn names_another_unit(text: &str) -> bool {
    const WORDS: [&str; 10] = [
        "牵头", "根据", "按照", "依据", "落实", "配合", "协助", "转发", "要求", "通知",
    ];
    WORDS.iter().any(|w| text.contains(w)) || speaks_of_itself(text)
}

/// A sentence in which the writer speaks of itself (现将我镇…, 本单位…).
fn speaks_of_itself(text: &str) -> bool {
    const SELF: [&str; 9] = [
        "我镇",
        "我局",
        "我委",
        "我单位",
        "我街道",
        "我中心",
        "我办",
        "我公司",
        "本单位",
    ];
    SELF.iter().any(|w| text.contains(w))
}

/// The opening of a reply to a notice (根据区水利局《…》要求，现将我镇…报告如下): the
/// unit it names sent the notice.
fn answers_a_notice(text: &str) -> bool {
    ["根据", "按照", "依据"].iter().any(|w| text.starts_with(w)) && speaks_of_itself(text)
}

/// Our checklist names one unit, the 填报单位 line another (a unit filled in a copy of
/// another's checklist): what the unit wrote wins, so the checklist's unit keeps its own
/// return.
fn filled_in_by_another(ctx: &SheetContext, sheet: &str, unit: &str, written: &str) -> Problem {
    Problem::new(
        Severity::Warning,
        Code::MarkerMismatch,
        ctx.file,
        format!(
            "此表是下发给{unit}的任务清单，但“填报单位”填写的是{written}，已按{written}计入（{written}可能沿用了{unit}的任务清单，表中任务按{written}的分工核对）。如确为{unit}报送，请其改正“填报单位”后重新报送。"
        ),
    )
    .at(Some(sheet), None)
}

pub(super) fn resolve(units: &UnitDirectory, text: &str) -> Result<String, NameMatch> {
    match units.resolve(text) {
        NameMatch::Unit(u) => Ok(u),
        other => Err(other),
    }
}

/// [`resolve`], else the town `text` names with one character wrong.
fn resolve_or_near(
    units: &UnitDirectory,
    text: &str,
    near: &mut Vec<String>,
) -> Result<String, NameMatch> {
    resolve(units, text).or_else(|m| near_town(units, text, &m, near).ok_or(m))
}

/// The town `text` names with one character wrong (何梗镇 → 何埂镇), when resolving it
/// as written found no unit at all (`missed`); the clerk is told, once per name.
fn near_town(
    units: &UnitDirectory,
    text: &str,
    missed: &NameMatch,
    near: &mut Vec<String>,
) -> Option<String> {
    if !matches!(missed, NameMatch::Unknown) {
        return None;
    }
    let unit = units.near_town(text)?;
    let said = format!(
        "“{}”与名录中的{unit}相差一字，已按{unit}计入",
        excerpt(text, 30)
    );
    if !near.contains(&said) {
        near.push(said);
    }
    Some(unit)
}

fn describe_failure(text: &str, m: &NameMatch) -> String {
    match m {
        NameMatch::Ambiguous(c) => format!("“{}”可能是{}", excerpt(text, 30), c.join("或")),
        NameMatch::Group(g) => format!("“{}”是单位组“{g}”，不是一个单位", excerpt(text, 30)),
        _ => format!("“{}”不在单位名录中", excerpt(text, 30)),
    }
}
