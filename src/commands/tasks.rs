//! `rectify tasks`: the plan, grouped by category, or one unit's tasks by role.

use crate::console::say;
use serde::Serialize;

use crate::commands::error::CommandError;
use crate::plan::{NameMatch, Plan, Role, Task};

/// Print the plan's tasks: all of them, or one unit's by role; as text or JSON.
pub fn tasks(plan: &Plan, unit: Option<&str>, json: bool) -> Result<(), CommandError> {
    let unit = unit.map(|u| resolve_unit(plan, u)).transpose()?;
    let out = match (json, &unit) {
        (true, u) => self::json(plan, u.as_deref()),
        (false, Some(u)) => unit_text(plan, u),
        (false, None) => text(plan),
    };
    say!("{out}");
    Ok(())
}

/// What `rectify tasks --json` prints per task.
#[derive(Debug, Serialize)]
pub struct TaskJson<'a> {
    pub id: u32,
    pub category: &'a str,
    pub measure: &'a str,
    pub deadline: &'a crate::plan::Deadline,
    pub lead: &'a [String],
    pub responsible: &'a [String],
    pub cooperating: &'a [String],
    pub assigned_text: AssignedText<'a>,
}

#[derive(Debug, Serialize)]
pub struct AssignedText<'a> {
    pub lead: &'a str,
    pub responsible: &'a str,
    pub cooperating: &'a str,
}

impl<'a> From<&'a Task> for TaskJson<'a> {
    fn from(t: &'a Task) -> Self {
        TaskJson {
            id: t.id,
            category: &t.category,
            measure: &t.measure,
            deadline: &t.deadline,
            lead: &t.lead.units,
            responsible: &t.responsible.units,
            cooperating: &t.cooperating.units,
            assigned_text: AssignedText {
                lead: &t.lead.text,
                responsible: &t.responsible.text,
                cooperating: &t.cooperating.text,
            },
        }
    }
}

/// Resolve a unit given on the command line, or say why not.
pub(super) fn resolve_unit(plan: &Plan, name: &str) -> Result<String, CommandError> {
    match plan.units.resolve(name) {
        NameMatch::Unit(u) => Ok(u),
        NameMatch::Group(g) => Err(CommandError::Group(g)),
        NameMatch::Ambiguous(candidates) => Err(CommandError::Ambiguous {
            name: name.to_string(),
            candidates,
        }),
        NameMatch::Unknown => Err(CommandError::UnknownUnit(
            name.to_string(),
            plan.units.did_you_mean(
                name,
                "请写单位名录（输入文件夹中的 units.toml）中的单位名称或简称。",
            ),
        )),
    }
}

/// The tasks as JSON (all, or one unit's).
fn json(plan: &Plan, unit: Option<&str>) -> String {
    let tasks: Vec<TaskJson> = match unit {
        Some(u) => plan
            .tasks_of(u)
            .into_iter()
            .map(|(t, _)| t.into())
            .collect(),
        None => plan.tasks.iter().map(TaskJson::from).collect(),
    };
    serde_json::to_string_pretty(&tasks).unwrap_or_default() + "\n"
}

fn roles_line(t: &Task) -> String {
    let mut parts = Vec::new();
    for role in Role::ASSIGNED {
        let a = t.assignment(role).expect("assigned role");
        if a.text.is_empty() {
            continue;
        }
        let mut s = format!("{}：{}", role.label(), a.text);
        if a.units.len() > 1 && a.units.len() != a.text.split('、').count() {
            s.push_str(&format!("（共{}个单位）", a.units.len()));
        }
        parts.push(s);
    }
    parts.join("；")
}

fn deadline_line(t: &Task) -> String {
    let d = &t.deadline;
    match (d.due, d.ongoing) {
        (Some(due), true) => format!(
            "{}（{}前完成，此后长期坚持）",
            d.text,
            crate::common::dates::render_date(due)
        ),
        (Some(due), false) => format!(
            "{}（{}前完成）",
            d.text,
            crate::common::dates::render_date(due)
        ),
        (None, _) => format!("{}（无截止日期）", d.text),
    }
}

/// The plan grouped by category.
fn text(plan: &Plan) -> String {
    let mut out = format!(
        "{}（{}）共{}项整改任务\n",
        plan.meta.title,
        plan.meta.doc_number,
        plan.tasks.len()
    );
    for cat in plan.categories() {
        let tasks: Vec<&Task> = plan.tasks.iter().filter(|t| t.category == cat).collect();
        out.push_str(&format!("\n{cat}（{}项）\n", tasks.len()));
        for t in tasks {
            out.push_str(&format!("  {}. {}\n", t.id, t.measure));
            out.push_str(&format!("     完成时限：{}\n", deadline_line(t)));
            out.push_str(&format!("     {}\n", roles_line(t)));
        }
    }
    out
}

/// One unit's tasks, by role.
fn unit_text(plan: &Plan, unit: &str) -> String {
    let tasks = plan.tasks_of(unit);
    let count = |r: Role| tasks.iter().filter(|(_, role)| *role == r).count();
    let mut out = format!(
        "{unit}：共{}项任务（牵头{}项，责任{}项，配合{}项）\n",
        tasks.len(),
        count(Role::Lead),
        count(Role::Responsible),
        count(Role::Cooperating)
    );
    for role in Role::ASSIGNED {
        let of_role: Vec<&Task> = tasks
            .iter()
            .filter(|(_, r)| *r == role)
            .map(|(t, _)| *t)
            .collect();
        if of_role.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}单位（{}项）\n", role.label(), of_role.len()));
        for t in of_role {
            out.push_str(&format!(
                "  {}. {}\n     完成时限：{}\n",
                t.id,
                t.measure,
                deadline_line(t)
            ));
        }
    }
    let open: Vec<u32> = plan
        .tasks
        .iter()
        .filter(|t| {
            Role::ASSIGNED.iter().any(|r| {
                t.assignment(*r)
                    .is_some_and(|a| a.open_groups.iter().any(|g| plan.in_open_group(unit, g)))
            })
        })
        .map(|t| t.id)
        .collect();
    if !open.is_empty() {
        let ids: Vec<String> = open.iter().map(u32::to_string).collect();
        out.push_str(&format!(
            "\n另：第{}项由“相关镇街”配合，如涉及本单位可一并报送。\n",
            ids.join("、")
        ));
    }
    out
}
