//! How the documents word a task: who answers for it, and its current reports told in
//! groups (units with the same role and words told once, a status note for each).
//! Shared by the report's body (`report.rs`) and its attachment table
//! (`tasks_table.rs`).

use chrono::NaiveDate;
use serde::Serialize;

use crate::common::dates::{render_date, render_day, render_month};
use crate::common::text::excerpt;
use crate::model::status::answered_without_progress;
use crate::model::{Status, TaskEntry, UnitReport};
use crate::plan::Role;

/// Consecutive current reports with the same role and the same words, told once:
/// "来苏镇、宝峰镇：完成农田排灌渠系整治。"
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportGroup {
    /// Unit names joined with 、.
    pub units: String,
    /// lead / responsible / cooperating / unassigned
    pub role: &'static str,
    /// 牵头单位 / 责任单位 / 配合单位
    pub role_label: String,
    /// The progress text as reported (line breaks kept).
    pub text: String,
    /// The status as a short note: 已完成，完成时间2020年9月30日 / 报送为“见附件”，待核实…
    pub note: String,
    /// The 完成时限 the units wrote over the plan's (2021年3月底（已申请延期）), empty
    /// when they kept it.
    pub deadline_moved: String,
    /// Several units of a supporting role told in one sentence (names and status
    /// counts); their full text is in the attachment table.
    pub condensed: bool,
    /// Where each unit's report came from: (unit, filing date, file), in `units` order.
    /// Tells apart two reports of one unit that disagree ([`origin_label`]).
    #[serde(skip)]
    pub origins: Vec<(String, Option<NaiveDate>, String)>,
}

/// How the attachment tells one of a unit's disagreeing reports from the others: by
/// the day it was filed when each came on a different day (12月3日报送, 未注明报送日期),
/// else by its file as well (12月4日“区城管局”).
pub fn origin_label(
    task: &TaskEntry,
    unit: &str,
    filed_on: Option<NaiveDate>,
    file: &str,
) -> String {
    let days: Vec<Option<NaiveDate>> = task
        .cited_reports()
        .filter(|r| r.unit == unit)
        .map(|r| r.filed_on)
        .collect();
    let distinct = days.iter().enumerate().all(|(i, d)| !days[..i].contains(d));
    if distinct {
        return match filed_on {
            Some(d) => format!("{}报送", render_day(d)),
            None => "未注明报送日期".to_string(),
        };
    }
    let stem = std::path::Path::new(file)
        .file_stem()
        .map_or(file.into(), |s| s.to_string_lossy());
    format!("{}“{stem}”", filed_on.map(render_day).unwrap_or_default())
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Lead => "lead",
        Role::Responsible => "responsible",
        Role::Cooperating => "cooperating",
        Role::Unassigned => "unassigned",
    }
}

fn report_note(r: &UnitReport) -> String {
    let mut note = match r.status {
        // Only a status cell, and one that says nothing (否, 见附件): what matters to the
        // reader is that no progress was written.
        // 报未完成，未写明具体进展，待核实: what the unit answered, then what is missing
        // (not words a reader could take for the unit's own).
        s @ Status::Unclear if r.progress.trim().is_empty() => {
            format!(
                "{}，{}",
                answered_without_progress(&r.status_text),
                s.label()
            )
        }
        // 否 alone, counted 未启动: what the unit answered, then how it counts (second
        // review d 8: 港桥产业促进中心：未启动。 read as the unit's own words).
        s @ Status::NotStarted
            if r.progress.trim().is_empty()
                && crate::ingest::is_no_answer(&crate::common::text::one_line(&r.status_text)) =>
        {
            format!(
                "{}，按{}统计",
                answered_without_progress(&r.status_text),
                s.label()
            )
        }
        s @ Status::Unclear if !r.status_text.trim().is_empty() => {
            format!("报送为“{}”，{}", excerpt(&r.status_text, 20), s.label())
        }
        s => s.label().to_string(),
    };
    match r.completed_on {
        Some(d) if r.completed_in_month => {
            note.push_str(&format!("，完成时间{}", render_month(d)));
        }
        Some(d) => note.push_str(&format!("，完成时间{}", render_date(d))),
        None => {}
    }
    note
}

/// The current reports of a task, grouped (lead, responsible, cooperating, unassigned:
/// the ledger's order).
pub fn report_groups(task: &TaskEntry) -> Vec<ReportGroup> {
    let mut groups: Vec<(Vec<&UnitReport>, Role, String, String, &str)> = Vec::new();
    for r in task.cited_reports() {
        let text = as_quoted(&r.progress, &r.unit);
        let note = report_note(r);
        let moved = r.deadline_moved.as_deref().unwrap_or_default();
        match groups.last_mut() {
            Some((reports, role, t, n, m))
                if *role == r.role && *t == text && *n == note && *m == moved =>
            {
                if !reports.iter().any(|x| x.unit == r.unit) {
                    reports.push(r);
                }
            }
            _ => groups.push((vec![r], r.role, text, note, moved)),
        }
    }
    groups
        .into_iter()
        .map(|(reports, role, text, note, moved)| ReportGroup {
            units: reports
                .iter()
                .map(|r| r.unit.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            origins: reports
                .iter()
                .map(|r| (r.unit.clone(), r.filed_on, r.source.file.clone()))
                .collect(),
            role: role_name(role),
            role_label: format!("{}单位", role.label()),
            text,
            note,
            deadline_moved: moved.to_string(),
            condensed: false,
        })
        .collect()
}

/// A unit's text as the documents quote it: trimmed, without its own name or its word
/// for itself (我局, 我单位) opening it, and said once when the unit pasted it several
/// times over.
pub fn as_quoted(text: &str, unit: &str) -> String {
    // Its word for itself too (区财政局（配合）：我局已安排… would read as the bureau's
    // in the bureau's report: second review d 6); the documents name the unit.
    let text = said_once(without_self_word(without_own_name(text.trim(), unit)));
    // 无 / 暂无 alone is no words to quote (adv50 b 9: 何埂镇：无。 beside 已完成); the
    // status says what there is.
    if matches!(text.trim_end_matches(['。', '.']), "无" | "暂无" | "没有") {
        return String::new();
    }
    if !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return closed(text);
    }
    closed(&without_foreign_parts(text))
}

/// A text whose （ or “ is left open on a line (2名（镇综合行政执法大队。, 建立“两法衔接
/// 机制。) with it closed at the end of that line, before the stop it ends on (adv50 b 7,
/// d 5): the documents never print a bracket or quotation mark left open.
pub fn closed(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 6);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut nesting = Nesting::default();
        line.chars().for_each(|c| nesting.step(c));
        let missing: String = nesting
            .open()
            .iter()
            .rev()
            .filter_map(|o| match o {
                '（' => Some('）'),
                '“' => Some('”'),
                _ => None,
            })
            .collect();
        let body = line.trim_end_matches(['。', '；', '，', '、', '！', '？', ';', ',']);
        out.push_str(body);
        out.push_str(&missing);
        out.push_str(&line[body.len()..]);
    }
    out
}

/// A text without what a report to the 人大 does not quote: a sentence in English (The
/// project has been included in the provincial plan.) and a path on the unit's computer
/// (C:\Users\admin\Desktop\小水电整改.docx). A text that is nothing else stays.
fn without_foreign_parts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Paths: from a drive letter and :\ to the next space or Chinese punctuation.
    while let Some(at) = rest
        .char_indices()
        .find(|&(i, c)| c.is_ascii_alphabetic() && rest[i + 1..].starts_with(":\\"))
        .map(|(i, _)| i)
    {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let end = after
            .find(|c: char| c.is_whitespace() || "，。；,;）)".contains(c))
            .unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    // English sentences: three words or more, no Chinese, ended by . ! ? or the text.
    let mut kept = String::with_capacity(out.len());
    let mut start = 0;
    let chars: Vec<(usize, char)> = out.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let ends =
            matches!(c, '.' | '!' | '?') && next.is_none_or(|n| n.is_whitespace() || !n.is_ascii());
        if ends || k + 1 == chars.len() {
            let piece = &out[start..i + c.len_utf8()];
            let english = piece.is_ascii()
                && piece
                    .split_whitespace()
                    .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
                    .count()
                    >= 3;
            if !english {
                kept.push_str(piece);
            }
            start = i + c.len_utf8();
        }
    }
    let kept = kept.trim();
    if kept.is_empty() {
        text.to_string()
    } else {
        kept.to_string()
    }
}

/// A text pasted two or more times over, one copy after another (1.已制定…4.下一步…1.已
/// 制定…): one copy. The most copies first: six copies are one, not three of two (adv50
/// b 13).
fn said_once(text: &str) -> &str {
    let chars = text.chars().count();
    for times in (2..=chars / 10).rev() {
        if !chars.is_multiple_of(times) || chars / times < 10 {
            continue;
        }
        let end = text
            .char_indices()
            .nth(chars / times)
            .map_or(text.len(), |(i, _)| i);
        let copy = &text[..end];
        if text.len() == copy.len() * times
            && text
                .as_bytes()
                .chunks(copy.len())
                .all(|c| c == copy.as_bytes())
        {
            return copy;
        }
    }
    text
}

/// Words a unit uses for itself at the start of its text (我单位高度重视, 我局召开 …).
const SELF_WORDS: [&str; 20] = [
    "我单位",
    "本单位",
    "我们",
    "我局",
    "本局",
    "我委",
    "本委",
    "我办",
    "我镇",
    "本镇",
    "我街道",
    "本街道",
    "我中心",
    "我公司",
    "我院",
    "我部",
    "我司",
    "我所",
    "我站",
    "我队",
];

/// `text` without the word its unit opens it with for itself (and the comma after).
pub(crate) fn without_self_word(text: &str) -> &str {
    SELF_WORDS
        .iter()
        .find_map(|w| text.strip_prefix(w))
        .map_or(text, |rest| rest.trim_start_matches(['，', ',', ' ']))
}

/// A unit's text without its own name opening it (区住房城乡建委：已完成调节池扩容): the
/// documents name the unit already (区住房城乡建委：区住房城乡建委：… otherwise).
pub fn without_own_name<'t>(text: &'t str, unit: &str) -> &'t str {
    let short = unit.strip_prefix('区').filter(|s| s.chars().count() >= 2);
    [Some(unit), short]
        .into_iter()
        .flatten()
        .find_map(|name| {
            let rest = text.strip_prefix(name)?.trim_start();
            rest.strip_prefix(['：', ':'])
                .map(str::trim_start)
                .filter(|r| !r.is_empty())
        })
        .unwrap_or(text)
}

/// Who answers for a task, as the table writes it: (label, units).
pub fn owner(task: &TaskEntry) -> (&'static str, String) {
    let t = &task.assigned_text;
    if !t.lead.trim().is_empty() {
        ("牵头单位", t.lead.clone())
    } else if !t.responsible.trim().is_empty() {
        ("责任单位", t.responsible.clone())
    } else {
        ("责任单位", task.responsible.join("、"))
    }
}

/// The quotation marks and brackets open at a point of a text. A closing mark closes
/// its opening one and whatever opened inside it and was left open (a quoted excerpt
/// cut short: “…《永川区…”); a closing mark with no opening one is ignored.
#[derive(Default)]
pub(crate) struct Nesting(Vec<char>);

impl Nesting {
    pub(crate) fn step(&mut self, c: char) {
        let opener = match c {
            '”' => '“',
            '’' => '‘',
            '》' => '《',
            '）' => '（',
            ')' => '(',
            '】' => '【',
            '“' | '‘' | '《' | '（' | '(' | '【' => {
                self.0.push(c);
                return;
            }
            _ => return,
        };
        if let Some(at) = self.0.iter().rposition(|&o| o == opener) {
            self.0.truncate(at);
        }
    }

    pub(crate) fn is_outside(&self) -> bool {
        self.0.is_empty()
    }

    /// The marks still open, innermost last.
    pub(crate) fn open(&self) -> &[char] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::{as_quoted, said_once, without_own_name};

    /// A text pasted over and over is said once, however many times it was pasted.
    #[test]
    fn a_text_pasted_many_times_is_said_once() {
        let one = "按照区里统一部署，扎实推进整治工作，取得了阶段性成效。";
        for times in [1, 2, 3, 4, 6, 7] {
            assert_eq!(said_once(&one.repeat(times)), one, "{times}");
        }
        assert_eq!(
            as_quoted("与区生态环境局建立“两法衔接机制。", "区公安局"),
            "与区生态环境局建立“两法衔接机制”。"
        );
        assert_eq!(
            as_quoted("尚未开展，待上级部署（详见附件", "x"),
            "尚未开展，待上级部署（详见附件）"
        );
        assert_eq!(
            as_quoted("已建（含“河长制”）3处。\n二、存在问题（略", "x"),
            "已建（含“河长制”）3处。\n二、存在问题（略）"
        );
        assert_eq!(as_quoted("无。", "何埂镇"), "");
        assert_eq!(as_quoted("暂无", "何埂镇"), "");
        // A text whose halves differ is as written.
        let two = format!("{one}下一步将持续巡查，防止反弹。");
        assert_eq!(said_once(&two), two);
    }

    #[test]
    fn english_sentences_and_paths_are_not_quoted() {
        assert_eq!(
            as_quoted(
                "The project has been included in the provincial plan. 已纳入储备库",
                "x"
            ),
            "已纳入储备库"
        );
        assert_eq!(
            as_quoted(
                "已完成小水电清理整改27座，详见附件C:\\Users\\admin\\Desktop\\小水电整改.docx",
                "x"
            ),
            "已完成小水电清理整改27座，详见附件"
        );
        // Latin words inside Chinese, and a text that is only English, stay.
        for kept in [
            "完成PPP项目入库，COD削减5%。",
            "Done as planned.",
            "已上传至OA系统",
        ] {
            assert_eq!(as_quoted(kept, "x"), kept);
        }
    }

    #[test]
    fn a_text_pasted_over_again_is_quoted_once() {
        let once = "1.已制定工作方案，明确责任分工；2.完成城区管网排查156公里。";
        assert_eq!(as_quoted(&once.repeat(3), "区住房城乡建委"), once);
        assert_eq!(as_quoted(&once.repeat(2), "区住房城乡建委"), once);
        // Short repeats are words (好好), and a text repeated in part stays.
        assert_eq!(as_quoted("已完成已完成", "x"), "已完成已完成");
        let part = format!("{once}{}", once.chars().take(5).collect::<String>());
        assert_eq!(as_quoted(&part, "x"), part);
    }

    #[test]
    fn a_text_loses_its_own_units_name_and_keeps_others() {
        let unit = "区住房城乡建委";
        assert_eq!(
            without_own_name("区住房城乡建委：已完成调节池扩容", unit),
            "已完成调节池扩容"
        );
        assert_eq!(without_own_name("住房城乡建委: 已完成", unit), "已完成");
        // Another unit's name, a name not followed by a colon, or nothing after it.
        for kept in ["来苏镇：已完成", "区住房城乡建委已完成", "区住房城乡建委："]
        {
            assert_eq!(without_own_name(kept, unit), kept);
        }
        // Its word for itself, as quoted beside its name (second review d 6); the
        // district's (我区) stays.
        assert_eq!(
            as_quoted("我局已安排化粪池清掏资金480万元。", "区财政局"),
            "已安排化粪池清掏资金480万元。"
        );
        assert_eq!(
            as_quoted("我区已建成设施32座。", "区财政局"),
            "我区已建成设施32座。"
        );
    }
}
