//! Which unit filed a sheet, and what to tell when that is not clear.
//!
//! In order: our checklist's marker (whatever the sheet says; a different 填报单位 is
//! warned about), the 填报单位 line, then per row a unit column, then the sheet's
//! title, the sheet name and the file name. Names are resolved through the unit
//! directory (aliases, abbreviations); the ones that do not resolve are listed in the
//! problem.

use super::context::SheetContext;
use super::filing::Filing;
use super::layout::Layout;
use crate::common::text::excerpt;
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
    /// The unit the whole sheet is for (the marker or the 填报单位 line).
    whole_sheet: Option<Found>,
    /// The unit column, asked per row when the sheet has no unit of its own.
    column: Option<usize>,
    /// The title, sheet name or file name, for rows the column does not settle.
    fallback: Option<Found>,
    /// Names that did not resolve, described (each once).
    failures: Vec<String>,
    /// Rows (1-based) left without a unit.
    rows_without_unit: Vec<u32>,
}

impl<'a> SheetUnit<'a> {
    /// The sheet-wide decisions; a marker whose unit differs from the 填报单位 line is
    /// reported into `problems`.
    pub fn decide(
        grid: &Grid,
        ctx: &SheetContext<'a>,
        layout: &Layout,
        filing: &Filing,
        problems: &mut Vec<Problem>,
    ) -> SheetUnit<'a> {
        let mut failures = Vec::new();
        let mut whole_sheet = filed_unit(ctx.units, filing, &mut failures);
        if let Some(m) = ctx.marker {
            if let Some((written, _)) = whole_sheet.as_ref().filter(|(u, _)| *u != m.unit) {
                problems.push(marker_overrides(ctx, &grid.name, &m.unit, written));
            }
            failures.clear();
            whole_sheet = Some((m.unit.clone(), UnitFrom::Marker));
        }
        let fallback = match whole_sheet {
            Some(_) => None,
            None => fallback(ctx, &grid.name, filing.title.as_deref().unwrap_or("")),
        };
        SheetUnit {
            units: ctx.units,
            whole_sheet,
            column: layout.col(ColumnKind::Unit),
            fallback,
            failures,
            rows_without_unit: Vec::new(),
        }
    }

    /// The unit of row `r`; a row left without one is remembered for [`Self::report`].
    pub fn of_row(&mut self, grid: &Grid, r: usize) -> Option<Found> {
        let unit = self
            .whole_sheet
            .clone()
            .or_else(|| self.in_column(grid, r))
            .or_else(|| self.fallback.clone());
        if unit.is_none() {
            self.rows_without_unit.push(r as u32 + 1);
        }
        unit
    }

    /// The unit in the row's unit column; a name that does not resolve is remembered.
    fn in_column(&mut self, grid: &Grid, r: usize) -> Option<Found> {
        let t = grid.value_through_merge(r, self.column?).text();
        if t.trim().is_empty() {
            return None;
        }
        match resolve(self.units, &t) {
            Ok(u) => Some((u, UnitFrom::UnitColumn)),
            Err(m) => {
                let msg = format!("单位列{}", describe_failure(&t, &m));
                if !self.failures.contains(&msg) {
                    self.failures.push(msg);
                }
                None
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
            return Some(
                Problem::new(
                    Severity::Error,
                    Code::UnitUnknown,
                    ctx.file,
                    format!(
                        "无法识别填报单位（{tried}），{}行数据未计入汇总，已列入“未归集”清单。请在表头上方填写“填报单位：单位名称”后重新报送，或在单位名录中补充该名称。",
                        self.rows_without_unit.len()
                    ),
                )
                .at(Some(sheet), Some(first)),
            );
        }
        if self.failures.is_empty() {
            return None;
        }
        Some(
            Problem::new(
                Severity::Warning,
                Code::UnitAmbiguous,
                ctx.file,
                format!(
                    "{}；已按其他信息识别单位，请核实。",
                    self.failures.join("；")
                ),
            )
            .at(Some(sheet), None),
        )
    }
}

/// The unit of the 填报单位 line, if it resolves; otherwise its failure is noted.
fn filed_unit(units: &UnitDirectory, filing: &Filing, failures: &mut Vec<String>) -> Option<Found> {
    let t = filing
        .unit_text
        .as_deref()
        .filter(|t| !t.trim().is_empty())?;
    match resolve(units, t) {
        Ok(u) => Some((u, UnitFrom::FiledCell)),
        Err(m) => {
            failures.push(format!("填报单位{}", describe_failure(t, &m)));
            None
        }
    }
}

/// The first of the title, the sheet name and the file name that names a unit.
fn fallback(ctx: &SheetContext, sheet: &str, title: &str) -> Option<Found> {
    [
        (title, UnitFrom::Title),
        (sheet, UnitFrom::SheetName),
        (ctx.file_stem, UnitFrom::FileName),
    ]
    .into_iter()
    .filter(|(text, _)| !text.trim().is_empty())
    .find_map(|(text, from)| resolve(ctx.units, text).ok().map(|u| (u, from)))
}

/// Our checklist names one unit, the 填报单位 line another: the marker wins.
fn marker_overrides(ctx: &SheetContext, sheet: &str, unit: &str, written: &str) -> Problem {
    Problem::new(
        Severity::Warning,
        Code::MarkerMismatch,
        ctx.file,
        format!(
            "此表是下发给{unit}的任务清单，但“填报单位”填写的是{written}，已按{unit}计入。如确为{written}报送，请使用其本单位的任务清单。"
        ),
    )
    .at(Some(sheet), None)
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
