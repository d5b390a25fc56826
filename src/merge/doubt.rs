//! Reports whose status contradicts their own progress text: a unit picks 正在推进
//! while it writes 已通过验收, or picks 已完成 while it writes 尚未开工. Such a report is
//! kept as written, flagged with the clause that says why, and counts as 待核实.
//!
//! Conservative on purpose, so a clerk is not asked to check what is plain: a text
//! that both claims completion and says something is unfinished (已完成一期，二期正在
//! 推进) is no contradiction; 长期坚持 never contradicts a completion (已完成并长期坚持).
//! The phrases are the status module's (`model::status`).

use crate::model::status::{COMPLETION_STATEMENTS, PLANNED_CUE, UNFINISHED_CLAIMS};
use crate::model::Status;

/// Whether `claim` appears in `text` as a statement about the whole task: it opens a
/// clause (or follows the task itself: 该工程, 项目, 全部, a date 已于9月28日), and it is
/// followed by the clause's end or by a word that only restates the task (整改, 任务 …).
/// 已完成前期工作 and 初稿已完成 are steps, not the task; 已完成。 and 该工程已通过验收并投入
/// 使用 are the task.
fn stated(text: &str, claim: &str) -> bool {
    text.match_indices(claim)
        .any(|(i, _)| opens_clause(&text[..i]) && ends_claim(&text[i + claim.len()..]))
}

/// What may stand before a claim about the whole task.
fn opens_clause(before: &str) -> bool {
    const SUBJECTS: &[&str] = &[
        "该项",
        "该工程",
        "该任务",
        "项目",
        "工程",
        "全部",
        "均",
        "现",
    ];
    match before.chars().last() {
        None => true,
        Some(c) if !c.is_alphanumeric() => true,
        Some(c) => {
            SUBJECTS.iter().any(|w| before.ends_with(w))
                || ("日号月底".contains(c) && before.contains("已于"))
        }
    }
}

/// What may follow a claim about the whole task.
fn ends_claim(after: &str) -> bool {
    let rest = [
        "整改任务",
        "整改工作",
        "整改",
        "该项任务",
        "任务",
        "建设",
        "并",
    ]
    .iter()
    .find_map(|w| after.strip_prefix(w))
    .unwrap_or(after);
    rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
        || COMPLETION_STATEMENTS.iter().any(|c| rest.starts_with(c))
        || rest.starts_with("投入")
}

/// The first phrase in `text` that says the work is not finished yet.
fn unfinished(text: &str) -> Option<&str> {
    if let Some(p) = UNFINISHED_CLAIMS.iter().find(|c| text.contains(*c)) {
        return Some(p);
    }
    text.match_indices(PLANNED_CUE).find_map(|(i, cue)| {
        let rest = &text[i + cue.len()..];
        let next = rest.chars().next()?;
        let planned = next.is_ascii_digit()
            || "年月于在".contains(next)
            || ["今年", "明年", "下一步"]
                .iter()
                .any(|w| rest.starts_with(w));
        planned.then(|| &text[i..i + cue.len()])
    })
}

/// The phrase as quoted in the doubt: from `phrase` in `text` to the end of its clause,
/// at most 16 characters, never cut inside a clause (a longer one is quoted to the
/// phrase alone).
fn clause_from<'a>(text: &'a str, phrase: &'a str) -> &'a str {
    let Some(start) = text.find(phrase) else {
        return phrase;
    };
    let rest = &text[start..];
    let end = rest
        .char_indices()
        .find(|(_, c)| "，。；：,.;:！？".contains(*c))
        .map_or(rest.len(), |(i, _)| i);
    let clause = &rest[..end];
    if clause.chars().count() <= 16 {
        clause
    } else {
        phrase
    }
}

/// The doubt about a report, if its status contradicts its text: a clause such as
/// “报送“正在推进”，但进展情况写明“已通过验收””.
pub fn doubt(status: Status, progress: &str) -> Option<String> {
    let text: String = progress.chars().filter(|c| !c.is_whitespace()).collect();
    if text.is_empty() {
        return None;
    }
    let claims_done = COMPLETION_STATEMENTS.iter().find(|c| stated(&text, c));
    let said = match (status, claims_done, unfinished(&text)) {
        (Status::InProgress | Status::NotStarted, Some(claim), None) => *claim,
        (Status::Completed, None, Some(phrase)) => phrase,
        _ => return None,
    };
    Some(format!(
        "报送“{}”，但进展情况写明“{}”",
        status.label(),
        clause_from(&text, said)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contradictions_are_doubts() {
        assert_eq!(
            doubt(Status::InProgress, "该工程已通过验收并投入使用。").as_deref(),
            Some("报送“正在推进”，但进展情况写明“已通过验收并投入使用”")
        );
        assert!(doubt(Status::NotStarted, "已完成。").is_some());
        assert_eq!(
            doubt(Status::Completed, "尚未开工，计划明年实施").as_deref(),
            Some("报送“已完成”，但进展情况写明“尚未开工”")
        );
        assert_eq!(
            doubt(
                Status::Completed,
                "完成清淤15公里，剩余沟渠整治计划12月底前完成。"
            )
            .as_deref(),
            Some("报送“已完成”，但进展情况写明“剩余沟渠整治计划12月底前完成”")
        );
        assert_eq!(
            doubt(
                Status::Completed,
                "完成清淤15公里，下一步计划12月底前完成。"
            )
            .as_deref(),
            Some("报送“已完成”，但进展情况写明“计划12月底前完成”")
        );
    }

    #[test]
    fn plain_reports_are_not() {
        assert_eq!(doubt(Status::InProgress, "已完成前期工作，正在施工"), None);
        assert_eq!(doubt(Status::InProgress, "已完成一期，二期正在推进"), None);
        assert_eq!(doubt(Status::InProgress, "已完成前期调研"), None);
        assert_eq!(doubt(Status::InProgress, "初稿已完成。"), None);
        assert!(doubt(Status::InProgress, "该工程已通过验收。").is_some());
        assert!(doubt(Status::NotStarted, "已于9月28日通过验收。").is_some());
        assert_eq!(doubt(Status::Completed, "已完成整改，正在开展回头看"), None);
        assert_eq!(doubt(Status::Ongoing, "已完成，并长期坚持"), None);
        assert_eq!(doubt(Status::Completed, "已于9月底建成投用"), None);
        assert_eq!(doubt(Status::Completed, "严格执行计划用水制度"), None);
        assert_eq!(doubt(Status::InProgress, ""), None);
    }
}
