//! A 完成时限 a unit moved: its return gives a task a later deadline than the plan's
//! (2021年3月底（已申请延期）written over 2020年12月底, or an added 调整后完成时限
//! column). The plan's deadline still decides 逾期 (an extension is the government's to
//! grant, not the unit's to write); the report's table says what the unit wrote, and a
//! warning asks the clerk to check the extension.

use std::collections::BTreeMap;

use crate::common::dates::find_date_in_text;
use crate::common::text::{compact_nfkc, excerpt, one_line};
use crate::model::{Code, Problem, Severity, UnitReport};
use crate::plan::{Deadline, Plan};

/// Words that ask for more time, with or without a date (已申请延期, 顺延至明年).
const EXTENSION_WORDS: &[&str] = &["延期", "推迟", "延后", "顺延", "延长"];

/// The deadline `written` on a unit's row, when it moves the plan's `deadline` later:
/// a date after the plan's due date, or words asking for an extension. The plan's text
/// copied (in any spelling: 2020/12/31 for 2020年12月底), an earlier date (the day the
/// work was done, put in the wrong column), a deadline with no date (长期坚持) and a
/// placeholder are none.
pub(super) fn moved_deadline(written: &str, deadline: &Deadline) -> Option<String> {
    let text = one_line(written);
    // The plan's text copied as it is, by far the most common: no need to compare keys.
    if text.is_empty() || text == deadline.text {
        return None;
    }
    let key = |s: &str| -> String {
        compact_nfkc(s)
            .chars()
            .filter(|c| !c.is_ascii_punctuation() && !"，。、；：（）".contains(*c))
            .collect()
    };
    if key(&text) == key(&deadline.text) {
        return None;
    }
    let year = deadline.due.map(|d| chrono::Datelike::year(&d));
    let later = match (find_date_in_text(&text, year), deadline.due) {
        (Some(date), Some(due)) => date > due,
        _ => false,
    };
    let asks = EXTENSION_WORDS.iter().any(|w| text.contains(w));
    (later || asks).then_some(text)
}

/// A deadline moved in a cell that is not the 完成时限 (the status, the 完成时间): only in
/// words asking for more time (延期至2021年6月底完成, 因疫情顺延至2021年3月); a later date
/// alone there is a plan (预计2021年3月底完成), not a deadline moved.
pub(super) fn extension_asked(written: &str, deadline: &Deadline) -> Option<String> {
    EXTENSION_WORDS
        .iter()
        .any(|w| written.contains(w))
        .then(|| moved_deadline(written, deadline))
        .flatten()
}

/// One warning per current report that moved its task's deadline.
pub(super) fn warnings(plan: &Plan, by_task: &BTreeMap<u32, Vec<UnitReport>>) -> Vec<Problem> {
    let mut out = Vec::new();
    for (id, reports) in by_task {
        let Some(task) = plan.task(*id) else {
            continue;
        };
        for r in reports.iter().filter(|r| !r.superseded) {
            let Some(moved) = &r.deadline_moved else {
                continue;
            };
            out.push(
                Problem::new(
                    Severity::Warning,
                    Code::DeadlineChanged,
                    &r.source.file,
                    format!(
                        "{}填报第{id}项的完成时限为“{}”，方案规定为“{}”。汇总仍按方案规定的时限判断是否逾期，报告附件中注明了该单位填报的时限。请核实延期是否经批准；已批准的，请在任务分解表（tasks.csv）中修改该项完成时限后重新运行。",
                        r.unit,
                        excerpt(moved, 30),
                        task.deadline.text
                    ),
                )
                .at(Some(&r.source.sheet), Some(r.source.row)),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(text: &str) -> Deadline {
        Deadline::parse(text).unwrap()
    }

    #[test]
    fn a_later_date_or_an_extension_is_a_moved_deadline() {
        let plan = dl("2020年12月底");
        for moved in [
            "2021年3月底（已申请延期）",
            "2021年6月30日",
            "2021.3.31",
            "已申请延期",
            "申请延期至明年汛期前",
        ] {
            assert_eq!(
                moved_deadline(moved, &plan).as_deref(),
                Some(moved),
                "{moved}"
            );
        }
    }

    #[test]
    fn a_status_cell_moves_the_deadline_only_in_words_asking_for_time() {
        let plan = dl("2020年12月底");
        assert_eq!(
            extension_asked("延期至2021年6月底完成", &plan).as_deref(),
            Some("延期至2021年6月底完成")
        );
        assert!(extension_asked("因疫情顺延至2021年3月", &plan).is_some());
        // A plan, or a status: no deadline moved.
        assert_eq!(
            extension_asked("正在推进，预计2021年3月底前完成", &plan),
            None
        );
        assert_eq!(extension_asked("已完成", &plan), None);
    }

    #[test]
    fn the_plans_deadline_copied_or_an_earlier_date_is_none() {
        let plan = dl("2020年12月底完成,并长期坚持");
        for same in [
            "",
            "  ",
            "2020年12月底完成，并长期坚持",
            "2020年12月底",
            "2020/12/31",
            "2020年12月31日",
            "12月底",
            // The day the work was done, put under 完成时限.
            "2020年10月15日",
            "长期坚持",
            "见方案",
        ] {
            assert_eq!(moved_deadline(same, &plan), None, "{same}");
        }
        // A task kept up with no date: a date written there moves nothing.
        assert_eq!(moved_deadline("2021年3月底", &dl("长期坚持")), None);
    }
}
