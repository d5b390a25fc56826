//! The marker of our own checklist (`rectify checklists`): which plan, which unit, which
//! tasks in which rows. The renderer writes it twice — a very hidden sheet of key/value
//! rows and workbook defined names — and ingest reads it back, so a checklist is
//! recognised exactly however the unit renames the file, edits the title or re-saves it
//! in WPS or LibreOffice. The format lives here, below both, so that neither stage
//! imports the other.
//!
//! Sheet `_rectify` (A1 = [`MAGIC`], B1 = version), then one key/value row each:
//! `plan_id`, `unit`, `sheet` (the form's sheet name), `first_row` (1-based Excel row of
//! the first task), then one `task` row per form row, in row order. Every value is
//! written as text.
//!
//! Defined names: `RECTIFY_VERSION`, `RECTIFY_PLAN`, `RECTIFY_UNIT`, `RECTIFY_SHEET`,
//! `RECTIFY_FIRST_ROW`, `RECTIFY_TASKS` (ids joined with `,`), each a string constant.

/// The marker sheet's name.
pub const SHEET: &str = "_rectify";
/// A1 of the marker sheet.
pub const MAGIC: &str = "rectify-checklist";
/// The marker format's version.
pub const VERSION: u32 = 1;

pub const KEY_PLAN: &str = "plan_id";
pub const KEY_UNIT: &str = "unit";
pub const KEY_SHEET: &str = "sheet";
pub const KEY_FIRST_ROW: &str = "first_row";
pub const KEY_TASK: &str = "task";

pub const NAME_VERSION: &str = "RECTIFY_VERSION";
pub const NAME_PLAN: &str = "RECTIFY_PLAN";
pub const NAME_UNIT: &str = "RECTIFY_UNIT";
pub const NAME_SHEET: &str = "RECTIFY_SHEET";
pub const NAME_FIRST_ROW: &str = "RECTIFY_FIRST_ROW";
pub const NAME_TASKS: &str = "RECTIFY_TASKS";

/// What a checklist says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub version: u32,
    pub plan_id: String,
    /// The canonical unit name the checklist was made for.
    pub unit: String,
    /// The form's sheet name.
    pub sheet: String,
    /// 1-based Excel row of the first task row.
    pub first_row: u32,
    /// Task ids in row order.
    pub tasks: Vec<u32>,
}

impl Marker {
    /// The marker sheet's rows, as written (every cell text).
    pub fn sheet_rows(&self) -> Vec<Vec<String>> {
        let mut rows = vec![
            vec![MAGIC.to_string(), self.version.to_string()],
            vec![KEY_PLAN.to_string(), self.plan_id.clone()],
            vec![KEY_UNIT.to_string(), self.unit.clone()],
            vec![KEY_SHEET.to_string(), self.sheet.clone()],
            vec![KEY_FIRST_ROW.to_string(), self.first_row.to_string()],
        ];
        rows.extend(
            self.tasks
                .iter()
                .map(|id| vec![KEY_TASK.to_string(), id.to_string()]),
        );
        rows
    }

    /// (name, value) of the defined names; values are plain strings (the writer quotes them).
    pub fn defined_names(&self) -> Vec<(&'static str, String)> {
        vec![
            (NAME_VERSION, self.version.to_string()),
            (NAME_PLAN, self.plan_id.clone()),
            (NAME_UNIT, self.unit.clone()),
            (NAME_SHEET, self.sheet.clone()),
            (NAME_FIRST_ROW, self.first_row.to_string()),
            (NAME_TASKS, join_ids(&self.tasks)),
        ]
    }

    /// Read the marker sheet, given its name, its height and its cells' text (row,
    /// column; 0-based). `None` unless A1 is the magic word and plan, unit and first row
    /// are present.
    pub fn from_sheet(
        name: &str,
        height: usize,
        cell: impl Fn(usize, usize) -> String,
    ) -> Option<Marker> {
        if name != SHEET || cell(0, 0).trim() != MAGIC {
            return None;
        }
        let version = cell(0, 1).trim().parse().ok()?;
        let mut m = Marker {
            version,
            plan_id: String::new(),
            unit: String::new(),
            sheet: String::new(),
            first_row: 0,
            tasks: Vec::new(),
        };
        for r in 1..height {
            let key = cell(r, 0);
            let value = cell(r, 1).trim().to_string();
            match key.trim() {
                KEY_PLAN => m.plan_id = value,
                KEY_UNIT => m.unit = value,
                KEY_SHEET => m.sheet = value,
                KEY_FIRST_ROW => m.first_row = value.parse().ok()?,
                KEY_TASK => m.tasks.push(value.parse().ok()?),
                _ => {}
            }
        }
        m.complete()
    }

    /// Read the defined names (as calamine gives them: the formula text, a string
    /// constant in quotes).
    pub fn from_defined_names(names: &[(String, String)]) -> Option<Marker> {
        let get = |key: &str| -> Option<String> {
            names
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(key))
                .map(|(_, v)| unquote(v))
        };
        let tasks = get(NAME_TASKS)?;
        let m = Marker {
            version: get(NAME_VERSION)?.parse().ok()?,
            plan_id: get(NAME_PLAN)?,
            unit: get(NAME_UNIT)?,
            sheet: get(NAME_SHEET).unwrap_or_default(),
            first_row: get(NAME_FIRST_ROW)?.parse().ok()?,
            tasks: if tasks.trim().is_empty() {
                Vec::new()
            } else {
                tasks
                    .split(',')
                    .map(|t| t.trim().parse().ok())
                    .collect::<Option<Vec<u32>>>()?
            },
        };
        m.complete()
    }

    fn complete(self) -> Option<Marker> {
        (!self.plan_id.is_empty() && !self.unit.is_empty() && self.first_row > 0).then_some(self)
    }

    /// The task the form put on a 0-based grid row, if the row is one of the form's.
    pub fn task_at(&self, row0: usize) -> Option<u32> {
        let first0 = self.first_row as usize - 1;
        row0.checked_sub(first0)
            .and_then(|i| self.tasks.get(i))
            .copied()
    }
}

fn join_ids(ids: &[u32]) -> String {
    ids.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

/// `="abc"` / `"abc"` / `abc` → `abc` (a doubled quote inside is one quote).
fn unquote(v: &str) -> String {
    let v = v.trim().trim_start_matches('=').trim();
    match v.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Marker {
        Marker {
            version: VERSION,
            plan_id: "p-1".into(),
            unit: "区水利局".into(),
            sheet: "填报表".into(),
            first_row: 4,
            tasks: vec![5, 12, 22],
        }
    }

    #[test]
    fn sheet_round_trip() {
        let m = sample();
        let rows = m.sheet_rows();
        let cell = |r: usize, c: usize| -> String {
            rows.get(r)
                .and_then(|row| row.get(c))
                .cloned()
                .unwrap_or_default()
        };
        assert_eq!(Marker::from_sheet(SHEET, rows.len(), cell), Some(m.clone()));
        assert_eq!(Marker::from_sheet("Sheet1", rows.len(), cell), None);
        assert_eq!(m.task_at(3), Some(5));
        assert_eq!(m.task_at(5), Some(22));
        assert_eq!(m.task_at(6), None);
        assert_eq!(m.task_at(2), None);
    }

    #[test]
    fn names_round_trip() {
        let m = sample();
        let names: Vec<(String, String)> = m
            .defined_names()
            .into_iter()
            .map(|(n, v)| (n.to_string(), format!("\"{v}\"")))
            .collect();
        assert_eq!(Marker::from_defined_names(&names), Some(m));
        assert_eq!(unquote("=\"a\"\"b\""), "a\"b");
    }
}
