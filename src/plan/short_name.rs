//! Short task names (简称): what a sentence calls a task instead of its whole measure
//! (三、存在的问题, notices, reminders). The table's optional 简称 column wins; otherwise
//! the name is derived from the measure: its first clause, whole (a clause ends at
//! punctuation, so no word is ever cut), without a lead-in such as 针对 or 进一步;
//! where two tasks would share a name, each takes its next clause too, and as a last
//! resort its number.

/// Lead-in words a short name does without.
const LEAD_INS: &[&str] = &["针对", "进一步", "认真", "切实", "继续", "严格按照"];

/// Punctuation that ends a clause (full- and half-width).
fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '。' | '：' | ':' | '！' | '？')
}

/// The clauses of a measure, trimmed, empty ones dropped.
fn clauses(measure: &str) -> Vec<&str> {
    measure
        .split(is_clause_end)
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

fn without_lead_in(clause: &str) -> &str {
    LEAD_INS
        .iter()
        .find_map(|w| clause.strip_prefix(w))
        .filter(|rest| rest.chars().count() >= 4)
        .unwrap_or(clause)
}

/// The name from the first `n` clauses of a measure.
fn derived(measure: &str, n: usize) -> String {
    let cs = clauses(measure);
    let Some(first) = cs.first() else {
        return measure.trim().to_string();
    };
    let mut parts = vec![without_lead_in(first)];
    parts.extend(cs.iter().skip(1).take(n.saturating_sub(1)).copied());
    parts.join("，")
}

/// Short names for every task, in order: `given[i]` when not empty, else derived, and
/// unique across the plan. `tasks` is (序号, 具体举措, 简称 as given).
pub fn short_names(tasks: &[(u32, &str, &str)]) -> Vec<String> {
    let mut names: Vec<String> = tasks
        .iter()
        .map(|(_, m, given)| {
            if given.trim().is_empty() {
                derived(m, 1)
            } else {
                given.trim().to_string()
            }
        })
        .collect();
    for round in 2..=3 {
        let dup = duplicates(&names);
        if dup.is_empty() {
            return names;
        }
        for i in dup {
            if tasks[i].2.trim().is_empty() {
                names[i] = derived(tasks[i].1, round);
            }
        }
    }
    for i in duplicates(&names) {
        names[i] = format!("{}（第{}项）", names[i], tasks[i].0);
    }
    names
}

/// Indexes of names that another task also has.
fn duplicates(names: &[String]) -> Vec<usize> {
    (0..names.len())
        .filter(|&i| names.iter().filter(|n| **n == names[i]).count() > 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_win_and_derived_ones_are_whole_clauses() {
        let names = short_names(&[
            (1, "完成城南污水处理厂建设。", ""),
            (2, "针对个别河段拦河养鱼问题,开展自查,立行立改。", ""),
            (
                3,
                "制定出台水产养殖整治相关政策,促进水产养殖健康发展。",
                "水产养殖整治政策",
            ),
            (4, "进一步建立健全考核机制。", ""),
        ]);
        assert_eq!(
            names,
            [
                "完成城南污水处理厂建设",
                "个别河段拦河养鱼问题",
                "水产养殖整治政策",
                "建立健全考核机制"
            ]
        );
    }

    #[test]
    fn names_are_unique() {
        let names = short_names(&[
            (34, "加大巡查力度,督促业主按规范改造阳台。", ""),
            (44, "加大巡查力度,依法查处餐饮店违法行为。", ""),
            (9, "健全部门联动执法机制。", ""),
            (49, "健全部门联动执法机制。", ""),
        ]);
        assert_eq!(names[0], "加大巡查力度，督促业主按规范改造阳台");
        assert_eq!(names[1], "加大巡查力度，依法查处餐饮店违法行为");
        assert_eq!(names[2], "健全部门联动执法机制（第9项）");
        assert_eq!(names[3], "健全部门联动执法机制（第49项）");
    }
}
