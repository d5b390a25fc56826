//! Task, Role and the unit lists of one task.

use serde::{Deserialize, Serialize};

use super::deadline::Deadline;
use super::units::UnitKind;

/// A unit's role on a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Lead,
    Responsible,
    Cooperating,
    /// The unit reported on a task it has no role in.
    Unassigned,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Lead => "牵头",
            Role::Responsible => "责任",
            Role::Cooperating => "配合",
            Role::Unassigned => "无分工",
        }
    }

    pub const ASSIGNED: [Role; 3] = [Role::Lead, Role::Responsible, Role::Cooperating];
}

/// One of a task's three unit lists (牵头单位 / 责任单位 / 配合单位).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// Canonical unit names, groups expanded, in the table's order, no duplicates.
    pub units: Vec<String>,
    /// Open groups named here (相关镇街): any unit of their kind may report.
    pub open_groups: Vec<String>,
    /// A trailing 等 / 等区级部门及各镇街, kept as written and never turned into names.
    pub note: Option<String>,
    /// The cell as written in the table.
    pub text: String,
}

impl Assignment {
    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.open_groups.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: u32,
    /// 重点任务, e.g. `一、科学施策,有效降低农业农村污染`.
    pub category: String,
    /// 具体举措.
    pub measure: String,
    /// 简称: the table's, or derived from the measure (`plan::short_name`); unique.
    pub short_name: String,
    pub deadline: Deadline,
    pub lead: Assignment,
    pub responsible: Assignment,
    pub cooperating: Assignment,
    /// The units that gather the other units' progress on the task ([`gatherers`]).
    pub gatherers: Vec<String>,
}

impl Task {
    pub fn assignment(&self, role: Role) -> Option<&Assignment> {
        match role {
            Role::Lead => Some(&self.lead),
            Role::Responsible => Some(&self.responsible),
            Role::Cooperating => Some(&self.cooperating),
            Role::Unassigned => None,
        }
    }

    /// The unit's role on this task: the first list that names it (lead, responsible,
    /// cooperating), then an open group of its kind as cooperating.
    pub fn role_of(&self, unit: &str, in_open_group: impl Fn(&str) -> bool) -> Role {
        for role in Role::ASSIGNED {
            if self
                .assignment(role)
                .is_some_and(|a| a.units.iter().any(|u| u == unit))
            {
                return role;
            }
        }
        for role in Role::ASSIGNED {
            if let Some(a) = self.assignment(role) {
                if a.open_groups.iter().any(|g| in_open_group(g)) {
                    return role;
                }
            }
        }
        Role::Unassigned
    }

    /// The units whose reports decide the task's status: its lead units, or where the
    /// table names none, its responsible units.
    pub fn deciders(&self) -> &[String] {
        deciders(&self.lead.units, &self.responsible.units)
    }

    /// What the documents call its deciders ([`deciders_word`]).
    pub fn deciders_word(&self) -> &'static str {
        deciders_word(&self.lead.units)
    }

    /// Whether `unit` gathers the task's progress from its partners ([`gatherers`]).
    pub fn gathered_by(&self, unit: &str) -> bool {
        self.gatherers.iter().any(|g| g == unit)
    }

    /// Every unit named on the task (each once, lead first), with its role.
    pub fn expected_units(&self) -> Vec<(&str, Role)> {
        let mut out: Vec<(&str, Role)> = Vec::new();
        for role in Role::ASSIGNED {
            if let Some(a) = self.assignment(role) {
                for u in &a.units {
                    if !out.iter().any(|(n, _)| n == u) {
                        out.push((u, role));
                    }
                }
            }
        }
        out
    }
}

/// The units that decide a task: its lead units, or where it names none, its
/// responsible units. The plan's task and the ledger's entry both answer by this.
pub fn deciders<'a>(lead: &'a [String], responsible: &'a [String]) -> &'a [String] {
    if lead.is_empty() {
        responsible
    } else {
        lead
    }
}

/// What the documents call a task's deciders: 牵头单位, or 责任单位 for a task without a
/// lead unit (24个责任单位中…, 牵头单位区水利局尚未报完成).
pub fn deciders_word(lead: &[String]) -> &'static str {
    if lead.is_empty() {
        "责任单位"
    } else {
        "牵头单位"
    }
}

/// The unit that gathers a task's progress from its partners: its first lead unit, or
/// its only responsible unit (a list of one, or none). Several responsible units
/// sharing a task without a lead (各镇街) each answer for themselves; a company is never
/// asked to gather the departments that oversee it, nor a town or an industrial park's
/// centre a district department among its partners (卫星湖街道 and the 区农业农村委 on
/// task 2 both report to the collector). Where no unit gathers a task, its partners
/// report to the collector themselves.
pub fn gatherers(
    lead: &[String],
    responsible: &[String],
    cooperating: &[String],
    kind: impl Fn(&str) -> Option<UnitKind>,
) -> Vec<String> {
    if lead.is_empty() && responsible.len() != 1 {
        return Vec::new();
    }
    let deciders = deciders(lead, responsible);
    let department_partner = responsible
        .iter()
        .chain(cooperating)
        .filter(|u| !deciders.contains(u))
        .any(|u| kind(u) == Some(UnitKind::Department));
    deciders
        .iter()
        .filter(|u| match kind(u) {
            Some(UnitKind::Company) => false,
            Some(UnitKind::Town | UnitKind::Centre) => !department_partner,
            _ => true,
        })
        // Two lead units (区经济信息委、区水利局): the first named gathers, so a partner
        // is told one unit to report to, and the two leads are not both told to collect.
        .take(1)
        .cloned()
        .collect()
}
