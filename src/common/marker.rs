//! The marker of our own checklist (`rectify checklists`): which plan, which unit, which
//! tasks in which rows. The renderer writes it twice — a very hidden sheet of key/value
//! rows and workbook defined names — and ingest reads it back, so a checklist is
//! recognised exactly however the unit renames the file, edits the title or re-saves it
//! in WPS or LibreOffice. The format lives here, below both, so that neither stage
//! imports the other.
//!
//! The same marker also sits in a lead unit's consolidated return (报送表, `rectify --as
//! 单位 run`): there every row names the unit that reported it, and the bureau's ingest
//! credits the row to that unit.
//!
//! Sheet `_rectify` (A1 = [`MAGIC`], B1 = version), then one key/value row each:
//! `plan_id`, `unit` (the unit the checklist is for; the lead unit that consolidated a
//! 报送表), `sheet` (the form's sheet name), `first_row` (1-based Excel row of the first
//! task), since version 2 `kind` ([`Kind`]), `tier` ([`Tier`]: who issued the form) and
//! `issuer` (the unit that issued a checklist; the unit a 报送表 is sent to), then one
//! `task` row per form row, in row order: B = the task id, C (version 2, a 报送表) = the
//! unit that reported the row. Every value is written as text. A version 1 marker (no
//! kind, tier or issuer) is a bureau checklist.
//!
//! Defined names: `RECTIFY_VERSION`, `RECTIFY_PLAN`, `RECTIFY_UNIT`, `RECTIFY_SHEET`,
//! `RECTIFY_FIRST_ROW`, `RECTIFY_TASKS` (ids joined with `,`; left out when longer than
//! a string constant may be), since version 2 `RECTIFY_KIND`, `RECTIFY_TIER`,
//! `RECTIFY_ISSUER`; each a string constant. The row units are on the sheet only: a
//! 报送表 known from its names alone is read by its 填报单位 column.

/// The marker sheet's name.
pub const SHEET: &str = "_rectify";
/// A1 of the marker sheet.
pub const MAGIC: &str = "rectify-checklist";
/// The marker format's version (2: kind, tier, issuer and row units; version 1
/// checklists are still read).
pub const VERSION: u32 = 2;

pub const KEY_PLAN: &str = "plan_id";
pub const KEY_UNIT: &str = "unit";
pub const KEY_SHEET: &str = "sheet";
pub const KEY_FIRST_ROW: &str = "first_row";
pub const KEY_TASK: &str = "task";
pub const KEY_KIND: &str = "kind";
pub const KEY_TIER: &str = "tier";
pub const KEY_ISSUER: &str = "issuer";

pub const NAME_VERSION: &str = "RECTIFY_VERSION";
pub const NAME_PLAN: &str = "RECTIFY_PLAN";
pub const NAME_UNIT: &str = "RECTIFY_UNIT";
pub const NAME_SHEET: &str = "RECTIFY_SHEET";
pub const NAME_FIRST_ROW: &str = "RECTIFY_FIRST_ROW";
pub const NAME_TASKS: &str = "RECTIFY_TASKS";
pub const NAME_KIND: &str = "RECTIFY_KIND";
pub const NAME_TIER: &str = "RECTIFY_TIER";
pub const NAME_ISSUER: &str = "RECTIFY_ISSUER";

/// What the marked workbook is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kind {
    /// A checklist sent to `unit` to fill in.
    #[default]
    Checklist,
    /// A lead unit's consolidated return (报送表): `unit` consolidated it, each row
    /// names the unit that reported it.
    Consolidated,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::Checklist => "checklist",
            Kind::Consolidated => "consolidated",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        match s.trim() {
            "checklist" | "" => Some(Kind::Checklist),
            "consolidated" => Some(Kind::Consolidated),
            _ => None,
        }
    }
}

/// Which tier issued a checklist: the bureau (to a lead unit, or to any unit in direct
/// reporting) or a lead unit (to its partners). A 报送表 is the lead tier's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tier {
    #[default]
    Bureau,
    Lead,
}

impl Tier {
    pub fn key(self) -> &'static str {
        match self {
            Tier::Bureau => "bureau",
            Tier::Lead => "lead",
        }
    }

    fn parse(s: &str) -> Option<Tier> {
        match s.trim() {
            "bureau" | "" => Some(Tier::Bureau),
            "lead" => Some(Tier::Lead),
            _ => None,
        }
    }
}

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
    pub kind: Kind,
    pub tier: Tier,
    /// The unit that issued a checklist, or the unit a 报送表 is sent to (empty in a
    /// version 1 marker).
    pub issuer: String,
    /// A 报送表's rows: the unit that reported each (parallel to `tasks`; empty for a
    /// checklist or when read from the defined names).
    pub units: Vec<String>,
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
            vec![KEY_KIND.to_string(), self.kind.key().to_string()],
            vec![KEY_TIER.to_string(), self.tier.key().to_string()],
            vec![KEY_ISSUER.to_string(), self.issuer.clone()],
        ];
        rows.extend(self.tasks.iter().enumerate().map(|(i, id)| {
            let mut row = vec![KEY_TASK.to_string(), id.to_string()];
            if let Some(u) = self.units.get(i).filter(|u| !u.is_empty()) {
                row.push(u.clone());
            }
            row
        }));
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
            (NAME_KIND, self.kind.key().to_string()),
            (NAME_TIER, self.tier.key().to_string()),
            (NAME_ISSUER, self.issuer.clone()),
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
            kind: Kind::Checklist,
            tier: Tier::Bureau,
            issuer: String::new(),
            units: Vec::new(),
        };
        for r in 1..height {
            let key = cell(r, 0);
            let value = cell(r, 1).trim().to_string();
            match key.trim() {
                KEY_PLAN => m.plan_id = value,
                KEY_UNIT => m.unit = value,
                KEY_SHEET => m.sheet = value,
                KEY_FIRST_ROW => m.first_row = value.parse().ok()?,
                KEY_KIND => m.kind = Kind::parse(&value)?,
                KEY_TIER => m.tier = Tier::parse(&value)?,
                KEY_ISSUER => m.issuer = value,
                KEY_TASK => {
                    m.tasks.push(value.parse().ok()?);
                    m.units.push(cell(r, 2).trim().to_string());
                }
                _ => {}
            }
        }
        if m.units.iter().all(String::is_empty) {
            m.units.clear();
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
        let tasks = get(NAME_TASKS).unwrap_or_default();
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
            kind: Kind::parse(&get(NAME_KIND).unwrap_or_default())?,
            tier: Tier::parse(&get(NAME_TIER).unwrap_or_default())?,
            issuer: get(NAME_ISSUER).unwrap_or_default(),
            units: Vec::new(),
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

    /// On a 报送表, the unit that reported the row on a 0-based grid row (`None` on a
    /// checklist, or when the marker came from the defined names).
    pub fn unit_at(&self, row0: usize) -> Option<&str> {
        let first0 = self.first_row as usize - 1;
        row0.checked_sub(first0)
            .and_then(|i| self.units.get(i))
            .map(String::as_str)
            .filter(|u| !u.is_empty())
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
            kind: Kind::Checklist,
            tier: Tier::Lead,
            issuer: "区生态环境局".into(),
            units: Vec::new(),
        }
    }

    fn rows_cell(rows: &[Vec<String>]) -> impl Fn(usize, usize) -> String + '_ {
        |r, c| {
            rows.get(r)
                .and_then(|row| row.get(c))
                .cloned()
                .unwrap_or_default()
        }
    }

    #[test]
    fn version_1_checklists_still_read() {
        // As written by version 1: no kind, tier or issuer.
        let rows: Vec<Vec<String>> = [
            &["rectify-checklist", "1"][..],
            &["plan_id", "p-1"],
            &["unit", "区水利局"],
            &["sheet", "填报表"],
            &["first_row", "4"],
            &["task", "5"],
            &["task", "12"],
        ]
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
        let m = Marker::from_sheet(SHEET, rows.len(), rows_cell(&rows)).unwrap();
        assert_eq!(m.version, 1);
        assert_eq!((m.kind, m.tier), (Kind::Checklist, Tier::Bureau));
        assert_eq!(m.tasks, vec![5, 12]);
        assert!(m.units.is_empty());
        let names: Vec<(String, String)> = [
            ("RECTIFY_VERSION", "1"),
            ("RECTIFY_PLAN", "p-1"),
            ("RECTIFY_UNIT", "区水利局"),
            ("RECTIFY_SHEET", "填报表"),
            ("RECTIFY_FIRST_ROW", "4"),
            ("RECTIFY_TASKS", "5,12"),
        ]
        .iter()
        .map(|(n, v)| (n.to_string(), format!("\"{v}\"")))
        .collect();
        let m = Marker::from_defined_names(&names).unwrap();
        assert_eq!(
            (m.kind, m.tier, m.tasks),
            (Kind::Checklist, Tier::Bureau, vec![5, 12])
        );
    }

    #[test]
    fn consolidated_rows_name_their_units() {
        let m = Marker {
            kind: Kind::Consolidated,
            units: vec!["区水利局".into(), "来苏镇".into(), "区水利局".into()],
            ..sample()
        };
        let rows = m.sheet_rows();
        let back = Marker::from_sheet(SHEET, rows.len(), rows_cell(&rows)).unwrap();
        assert_eq!(back, m);
        assert_eq!(back.unit_at(4), Some("来苏镇"));
        assert_eq!(back.unit_at(6), None);
        assert_eq!(back.task_at(4), Some(12));
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
