//! Notes under a return's table (说明：第1项、第24项不涉及我镇。) that answer task rows
//! left blank: which tasks they say are none of the unit's, and the info that says
//! they were read so. Shared by the sheet reader (a table with nothing filled in) and
//! the file's pass over its notes (a table with other rows filled in).

use crate::common::text::excerpt;
use crate::ingest::values::task_numbers;
use crate::model::{Code, Problem, Severity, Status};

/// What a note under a table answers as none of the unit's tasks.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NotApplicableNote {
    /// The tasks it names (说明：第1项、第24项不涉及我镇。).
    Named(Vec<u32>),
    /// Every task but those it names (除第27项、第50项外，我镇承担的其余任务均不涉及。).
    AllBut(Vec<u32>),
}

impl NotApplicableNote {
    /// What a note's text answers, `None` when it answers no task.
    pub(crate) fn of(text: &str) -> Option<NotApplicableNote> {
        if let Some(except) = not_applicable_except(text) {
            return Some(NotApplicableNote::AllBut(except));
        }
        let ids = not_applicable_ids(text);
        (!ids.is_empty()).then_some(NotApplicableNote::Named(ids))
    }

    /// Whether it answers task `id` (a blank row of it) as none of the unit's.
    pub(crate) fn covers(&self, id: u32) -> bool {
        match self {
            NotApplicableNote::Named(ids) => ids.contains(&id),
            NotApplicableNote::AllBut(ids) => !ids.contains(&id),
        }
    }
}

/// Whether a clause says something is none of the unit's (不涉及, 无此项任务 …).
fn says_not_applicable(clause: &str) -> bool {
    Status::NotApplicable
        .words()
        .iter()
        .any(|w| clause.contains(w))
}

/// The tasks a note says are none of the unit's: a clause naming them by number (第1项、
/// 第24项, 第1、24项) and saying 不涉及 (or another not-applicable word), and no other
/// status.
fn not_applicable_ids(text: &str) -> Vec<u32> {
    let other = |clause: &str| clause.contains("已完成") || clause.contains("正在");
    text.split(['。', '；', ';'])
        // 除第27项外，其余均不涉及: the tasks named are the ones that are the unit's.
        .filter(|sentence| not_applicable_except(sentence).is_none())
        .flat_map(|sentence| {
            // 第5项已完成，第1项不涉及我镇: a sentence saying both, taken clause by clause.
            if other(sentence) {
                sentence.split(['，', ',']).collect::<Vec<_>>()
            } else {
                vec![sentence]
            }
        })
        .filter(|clause| says_not_applicable(clause) && !other(clause))
        .flat_map(task_numbers)
        .collect()
}

/// The tasks a note excepts when it says the unit's other tasks are none of its own
/// (除第27项、第50项外，我镇承担的其余任务均不涉及): those named between 除 and 外, when a
/// sentence says so; `None` for any other note.
fn not_applicable_except(text: &str) -> Option<Vec<u32>> {
    text.split(['。', '；', ';']).find_map(|sentence| {
        let (_, after) = sentence.split_once('除')?;
        let (named, rest) = after.split_once('外')?;
        let ids = task_numbers(named);
        // 其余任务均不涉及, 我镇无其他整改任务.
        let says_rest = of_the_rest(rest)
            && (says_not_applicable(rest) || crate::model::status::no_task_of_ours(rest).is_some());
        (says_rest && !ids.is_empty()).then_some(ids)
    })
}

/// Whether a text speaks of the unit's tasks not answered otherwise (其余, 其他).
pub(crate) fn of_the_rest(text: &str) -> bool {
    ["其余", "其他", "其它", "剩余"]
        .iter()
        .any(|w| text.contains(w))
}

/// A note's words without its label (说明：, 备注：, 注：).
pub(crate) fn note_words(text: &str) -> &str {
    ["说明", "备注", "注"]
        .iter()
        .find_map(|l| text.strip_prefix(l)?.strip_prefix(['：', ':']))
        .unwrap_or(text)
        .trim()
}

/// The info on a note read as the 不涉及 of the task rows it names (`taken`, ids).
pub(crate) fn not_applicable_read(
    file: &str,
    sheet: &str,
    row: u32,
    text: &str,
    taken: &[String],
) -> Problem {
    Problem::new(
        Severity::Info,
        Code::ReadNote,
        file,
        format!(
            "表下说明“{}”写明第{}项不涉及，这些任务的空白行已按“不涉及”计入。如有误，请该单位在表中逐项填写后重新报送。",
            excerpt(text, 40),
            taken.join("、")
        ),
    )
    .at(Some(sheet), Some(row))
}

#[cfg(test)]
mod tests {
    use super::{not_applicable_except, not_applicable_ids, note_words};

    #[test]
    fn a_note_excepting_tasks_answers_the_others() {
        let note = "说明：除第27项、第50项外，我镇承担的其余任务均不涉及。";
        assert_eq!(not_applicable_except(note), Some(vec![27, 50]));
        assert_eq!(
            not_applicable_except("说明：除第24、27项外，我镇无其他整改任务。"),
            Some(vec![24, 27])
        );
        // Not the tasks it names.
        assert!(not_applicable_ids(note).is_empty());
        assert_eq!(
            not_applicable_except("说明：第1项、第24项不涉及我镇。"),
            None
        );
    }

    #[test]
    fn tasks_a_note_says_are_none_of_the_units() {
        assert_eq!(
            not_applicable_ids("说明：我镇无水产养殖场，第1项、第24项不涉及我镇。"),
            [1, 24]
        );
        assert_eq!(
            not_applicable_ids("经核查，第1项、第24项我镇均不涉及，第27项已完成整治。"),
            [1, 24]
        );
        assert_eq!(
            not_applicable_ids("说明：第5项已完成，第1项不涉及我镇。"),
            [1]
        );
        assert!(not_applicable_ids("说明：第5项已完成，资料后补。").is_empty());
    }

    #[test]
    fn a_notes_label_is_not_its_words() {
        assert_eq!(note_words("说明：第1项不涉及我镇。"), "第1项不涉及我镇。");
        assert_eq!(note_words("第1、24项无此项工作。"), "第1、24项无此项工作。");
    }
}
