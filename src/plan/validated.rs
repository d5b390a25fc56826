//! The validated plan every later stage reads: tasks, the unit directory and the
//! plan's metadata, with the questions asked of them (a task by id, a unit's role and
//! tasks). Built only by `load`.

use super::meta::PlanMeta;
use super::task::{Role, Task};
use super::units::UnitDirectory;

/// The validated plan every later stage reads.
#[derive(Debug, Clone)]
pub struct Plan {
    pub meta: PlanMeta,
    pub units: UnitDirectory,
    pub tasks: Vec<Task>,
}

impl Plan {
    pub fn new(meta: PlanMeta, units: UnitDirectory, tasks: Vec<Task>) -> Plan {
        Plan { meta, units, tasks }
    }

    pub fn task(&self, id: u32) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// Categories (重点任务) in table order.
    pub fn categories(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for t in &self.tasks {
            if !out.contains(&t.category.as_str()) {
                out.push(&t.category);
            }
        }
        out
    }

    /// Is `unit` a member of the kind an open group admits?
    pub fn in_open_group(&self, unit: &str, group: &str) -> bool {
        let Some(g) = self.units.group(group) else {
            return false;
        };
        match (g.kind, self.units.unit(unit)) {
            (Some(kind), Some(u)) => u.kind == kind,
            _ => false,
        }
    }

    /// A unit's role on a task.
    pub fn role_of(&self, task: &Task, unit: &str) -> Role {
        task.role_of(unit, |g| self.in_open_group(unit, g))
    }

    /// The tasks a unit owes a report on, with its role, in task order.
    pub fn tasks_of(&self, unit: &str) -> Vec<(&Task, Role)> {
        self.tasks
            .iter()
            .filter_map(|t| {
                t.expected_units()
                    .into_iter()
                    .find(|(u, _)| *u == unit)
                    .map(|(_, r)| (t, r))
            })
            .collect()
    }

    /// The tasks `unit` decides (see [`Task::deciders`]): those it leads and, where a
    /// task names no lead, those it is responsible for. In table order. A lead unit's
    /// round (`--as`) covers these tasks; in lead reporting the collector expects a
    /// return on them from `unit`.
    pub fn tasks_led_by(&self, unit: &str) -> Vec<&Task> {
        self.tasks
            .iter()
            .filter(|t| t.deciders().iter().any(|d| d == unit))
            .collect()
    }

    /// Units that owe at least one report, in directory order.
    pub fn expected_units(&self) -> Vec<&str> {
        self.units
            .units()
            .iter()
            .map(|u| u.name.as_str())
            .filter(|u| {
                self.tasks
                    .iter()
                    .any(|t| t.expected_units().iter().any(|(n, _)| n == u))
            })
            .collect()
    }
}
