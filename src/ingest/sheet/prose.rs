//! A written report with no table (情况报告, a letter): one section a task, each under a
//! heading naming it (一、关于“…”（第60项）, 第12项：…), its progress in the paragraphs
//! below. The sections are turned into the table the reader looks for: the heading's
//! row gets the task number and the section's paragraphs (序号 | 整改进展情况), and a
//! header row is put in the salutation (区生态环境局：) or, in a report without one, the
//! line above the first heading. Row numbers are kept, so every record names the
//! heading's row.
//!
//! Only a document with no table is read so: a table, even a small one, is the unit's
//! answer and is read as one. A line naming several tasks (第23、53、55项均按要求推进)
//! is no section: it stays a paragraph and is flagged as progress outside a table.

use super::filing::is_salutation;
use super::task_heading::{list_mark, titled_task};
use crate::common::text::one_line;
use crate::ingest::grid::{Cell, Grid};
use crate::ingest::values::task_numbers;
use crate::ingest::vocabulary::mentions_status;

/// A line this short without a full stop is a heading (二、下一步工作打算), a signature or
/// a date, not progress.
const HEADING_CHARS: usize = 25;

/// One task's section: the heading's row, the task, the section's lines (rows), and
/// the progress (the lines joined).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Section {
    pub row: usize,
    pub task: u32,
    pub lines: Vec<usize>,
    pub progress: String,
}

/// The task sections of a document with no table, in order; empty when it has a table
/// or no section that says a status. A section saying none (its task's heading over a
/// paragraph with no status word) is kept, to be read as 待核实, when others say one.
pub(super) fn sections(grid: &Grid) -> Vec<Section> {
    let lines: Vec<usize> = (0..grid.height())
        .filter(|&r| !grid.row_is_empty(r))
        .collect();
    if lines.is_empty() || lines.iter().any(|&r| !grid.is_paragraph(r)) {
        return Vec::new();
    }
    let text = |r: usize| one_line(&grid.first_text(r)).trim().to_string();
    let mut out: Vec<Section> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let head = text(lines[i]);
        let Some(task) = single_task(&head) else {
            i += 1;
            continue;
        };
        // The paragraphs below, up to the next heading, signature, date or closing.
        let mut j = i + 1;
        while j < lines.len() && is_body(&text(lines[j]), &head) {
            j += 1;
        }
        // 第12项：已完成…: what the heading line says itself, then the paragraphs.
        let said = words_after_heading(&head);
        let progress: Vec<String> = (mentions_status(&said) || j == i + 1)
            .then_some(said)
            .into_iter()
            .chain(
                lines[i + 1..j]
                    .iter()
                    .map(|&r| text(r))
                    // （一）主要做法: a sub-heading, no progress of its own.
                    .filter(|t| !is_sub_heading(t)),
            )
            .filter(|t| !t.is_empty())
            .collect();
        let progress = progress.join("\n");
        if !progress.is_empty() && !out.iter().any(|s| s.task == task) {
            out.push(Section {
                row: lines[i],
                task,
                lines: lines[i..j].to_vec(),
                progress,
            });
        }
        i = j.max(i + 1);
    }
    // Only the heading of the first section may open the document: the header row goes
    // in a line above it.
    if out.first().is_some_and(|s| s.row == lines[0])
        || !out.iter().any(|s| mentions_status(&s.progress))
    {
        return Vec::new();
    }
    out
}

/// The headings of a document with no table that name several tasks (一、关于第24、27项
/// …): one paragraph for them all, not split; the rows and the tasks, for the clerk.
pub(super) fn joint_headings(grid: &Grid) -> Vec<(usize, Vec<u32>)> {
    (0..grid.height())
        .filter(|&r| grid.is_paragraph(r))
        .filter_map(|r| {
            let t = one_line(&grid.first_text(r));
            is_joint_heading(&t).then(|| (r, task_numbers(&t)))
        })
        .collect()
}

/// A heading naming several tasks (一、关于第24、27项…, 2.第23、24项：…): opened by a
/// list mark, 关于 or 第, not a lead-in listing the tasks reported (现将第20、21项…).
fn is_joint_heading(line: &str) -> bool {
    let t = line.trim();
    let opens = list_level(t).is_some() || t.starts_with("关于") || t.starts_with('第');
    opens && single_task(t).is_none() && t.chars().count() <= 80 && task_numbers(t).len() >= 2
}

/// The task a heading names, when it names one only (not …（第24项、第27项）).
fn single_task(line: &str) -> Option<u32> {
    let id = titled_task(line)?;
    task_numbers(line).iter().all(|n| *n == id).then_some(id)
}

/// A line of a section's progress: a sentence, or a sub-heading of a lower level than
/// the section's (（一）主要做法 under 一、关于第49项); not a heading of its own (a
/// task's, a list item's short title: 二、下一步工作打算), a signature, a date or a
/// closing (特此报告。).
fn is_body(line: &str, head: &str) -> bool {
    if single_task(line).is_some() || is_closing_formula(line) || is_joint_heading(line) {
        return false;
    }
    let n = line.chars().count();
    if n > HEADING_CHARS || line.ends_with(['。', '；', ';']) {
        return true;
    }
    list_level(head).is_some_and(|h| list_level(line).is_some_and(|l| l > h))
}

/// A section's sub-heading (（一）主要做法, 2.下一步打算): a list mark and a short title,
/// no sentence.
fn is_sub_heading(line: &str) -> bool {
    let n = crate::common::dates::nfkc(line.trim());
    let Some((_, title)) = list_mark(&n) else {
        return false;
    };
    line.chars().count() <= SUB_HEADING_CHARS
        && !line.ends_with(['。', '；', ';', '！', '!'])
        // （二）完成情况 is a title; （二）已完成 an answer.
        && crate::ingest::status_from_progress(title).is_none()
}

/// The longest line read as a section's sub-heading.
const SUB_HEADING_CHARS: usize = 12;

/// 特此报告。 此致 敬礼！: how a letter closes, no progress.
fn is_closing_formula(line: &str) -> bool {
    const CLOSINGS: [&str; 5] = ["特此报告", "特此函告", "特此说明", "此致", "敬礼"];
    let t = line.trim().trim_end_matches(['。', '！', '!', '：', ':']);
    CLOSINGS.contains(&t)
}

/// The level of a list mark opening a line (`task_heading::list_mark`): 1 for 一、, 2
/// for （一）, 3 for 1. / 1、, 4 for （1）; `None` without one.
fn list_level(line: &str) -> Option<u8> {
    list_mark(&crate::common::dates::nfkc(line.trim())).map(|(level, _)| level)
}

/// What a heading line says after its task number (第12项：已完成… → 已完成…); empty
/// when it names the task in a bracket at its end, or says nothing more.
fn words_after_heading(head: &str) -> String {
    let Some(at) = head.find('第') else {
        return String::new();
    };
    let rest = &head[at + '第'.len_utf8()..];
    let Some(end) = rest.find(['项', '条']) else {
        return String::new();
    };
    let said = rest[end + '项'.len_utf8()..]
        .trim_start_matches(|c: char| c.is_whitespace() || "：:，,、。.任务".contains(c));
    // 第60项“创新投融资政策…”。我办于…: the measure quoted is no progress.
    let said = said
        .strip_prefix('“')
        .and_then(|q| q.split_once('”'))
        .map_or(said, |(_, after)| after);
    // …”任务。已完成: the word 任务 after the quote.
    let said = said.trim_start_matches(|c: char| c.is_whitespace() || "：:，,、。.".contains(c));
    let said = said
        .strip_prefix("任务")
        .unwrap_or(said)
        .trim_start_matches(|c: char| c.is_whitespace() || "：:，,、。.".contains(c))
        .trim();
    // …（第60项）: the bracket's close is no words.
    if said.chars().all(|c| !c.is_alphanumeric()) {
        return String::new();
    }
    // 第23项：河堰修复和河堤加固。今年以来…: the task's title before the progress.
    if let Some((title, rest)) = said.split_once('。') {
        let titled = title.chars().count() <= TITLE_CHARS
            && !title.chars().any(|c| c.is_ascii_digit())
            && !mentions_status(title)
            && !rest.trim().is_empty();
        if titled {
            return rest.trim().to_string();
        }
    }
    said.to_string()
}

/// The longest first sentence after a heading's task number read as the task's title.
const TITLE_CHARS: usize = 15;

/// The document as a table: a header (序号 | 整改进展情况) in the line above the first
/// section, each section's heading row its task and progress, the rest of its lines
/// emptied (their text is the record's). Lines outside the sections stay paragraphs
/// (the title, the salutation, the signature and date, 下一步工作打算).
pub(super) fn as_table(grid: &Grid, sections: &[Section]) -> Option<Grid> {
    let first = sections.first()?;
    // The salutation (区生态环境局：) when there is one: whom the letter is sent to, it
    // must not read as the name of a unit heading the table. The lines between it and
    // the first section (现将…报告如下：) are paragraphs in the table.
    let above = (0..first.row).filter(|&r| !grid.row_is_empty(r));
    let header = above
        .clone()
        .find(|&r| is_salutation(&grid.first_text(r)))
        .or_else(|| above.clone().next_back())?;
    let mut out = grid.clone();
    let text = |s: &str| Cell::Text(s.to_string());
    out.rows[header] = vec![text("序号"), text("整改进展情况")];
    let mut tabled = vec![header];
    for s in sections {
        out.rows[s.row] = vec![text(&s.task.to_string()), text(&s.progress)];
        for &r in &s.lines[1..] {
            out.rows[r].clear();
        }
        tabled.push(s.row);
    }
    out.paragraphs.retain(|r| !tabled.contains(r));
    // One table: no row of it opens another.
    out.table_starts.clear();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_naming_a_task_and_its_paragraphs() {
        let g = Grid::letter(&[
            "重庆市永川区金融工作办公室",
            "区生态环境局：",
            "现将第60项整改任务落实情况报告如下：",
            "一、关于“创新投融资政策”（第60项）",
            "我办积极对接金融机构，推动绿色信贷产品创新，该项工作已完成。",
            "今年以来共投放贷款3.2亿元。",
            "二、下一步工作打算",
            "继续加大绿色金融支持力度，长期坚持。",
            "重庆市永川区金融工作办公室",
            "2020年12月2日",
        ]);
        let s = sections(&g);
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!((s[0].row, s[0].task), (3, 60));
        assert_eq!(s[0].lines, vec![3, 4, 5]);
        assert!(s[0].progress.ends_with("共投放贷款3.2亿元。"));
        let t = as_table(&g, &s).unwrap();
        // The header in the salutation; the lead-in a paragraph of the table.
        assert_eq!(t.first_text(1), "序号");
        assert!(t.is_paragraph(2));
        assert_eq!(t.first_text(3), "60");
        assert!(t.row_is_empty(4) && t.row_is_empty(5));
        assert!(!t.is_paragraph(1) && !t.is_paragraph(3));
        assert!(t.is_paragraph(6) && t.is_paragraph(9));
    }

    #[test]
    fn sub_headings_and_a_title_are_no_progress() {
        let g = Grid::letter(&[
            "区水利局关于整改进展情况的报告",
            "区生态环境局：",
            "三、第23项：河堰修复和河堤加固。今年以来共修复河堰12处，该项工作长期坚持。",
            "四、关于第26项（水库消落带治理专项规划）",
            "（一）主要做法",
            "委托设计单位编制专项规划。",
            "（二）完成情况",
            "规划已于9月28日印发实施，该项任务已完成。",
            "（三）已完成",
            "特此报告。",
        ]);
        let s = sections(&g);
        assert_eq!(
            s.iter()
                .map(|s| (s.task, s.progress.as_str()))
                .collect::<Vec<_>>(),
            [
                (23, "今年以来共修复河堰12处，该项工作长期坚持。"),
                (
                    26,
                    "委托设计单位编制专项规划。\n规划已于9月28日印发实施，该项任务已完成。\n（三）已完成"
                )
            ]
        );
    }

    #[test]
    fn a_heading_line_that_says_it_all() {
        let g = Grid::letter(&[
            "区城管局关于整改情况的报告",
            "第12项：已完成城区12座公厕改造。",
            "第13项：正在推进，预计12月底完成。",
            "区城管局",
        ]);
        let s = sections(&g);
        assert_eq!(
            s.iter()
                .map(|s| (s.task, s.progress.as_str()))
                .collect::<Vec<_>>(),
            [
                (12, "已完成城区12座公厕改造。"),
                (13, "正在推进，预计12月底完成。")
            ]
        );
    }

    #[test]
    fn a_heading_quoting_its_measure_then_its_progress() {
        let g = Grid::letter(&[
            "区金融办关于整改落实情况的报告",
            "（一）关于第60项“创新投融资政策”。我办于2020年9月28日出台实施意见，目前已完成。",
            "2020年12月2日",
        ]);
        let s = sections(&g);
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(
            s[0].progress,
            "我办于2020年9月28日出台实施意见，目前已完成。"
        );
    }

    #[test]
    fn sections_numbered_in_digits_and_headings_of_several_tasks() {
        let g = Grid::letter(&[
            "区水利局关于整改进展的报告",
            "区生态环境局：",
            "现将我局牵头的第20、23、24、55项整改进展报告如下：",
            "1.第20项：已完成。长征渠引水工程已纳入项目库。",
            "2.关于第23、24项",
            "河堰修复12处，拦河养鱼设施已全部拆除，均已完成。",
            "3.关于第55项",
            "（1）主要做法",
            "已完成全区12处水源地保护区划定，长期坚持巡查。",
            "特此报告。",
            "区水利局",
        ]);
        let s = sections(&g);
        assert_eq!(
            s.iter()
                .map(|s| (s.task, s.progress.as_str()))
                .collect::<Vec<_>>(),
            [
                (20, "已完成。长征渠引水工程已纳入项目库。"),
                (55, "已完成全区12处水源地保护区划定，长期坚持巡查。"),
            ]
        );
        // The heading of two tasks is said, the lead-in listing four is not.
        assert_eq!(joint_headings(&g), [(4, vec![23, 24])]);
        // Two tasks in a bracket at the heading's end: not the first one's section.
        let g = Grid::letter(&[
            "临江镇整改情况报告",
            "一、拦河养鱼和消落带开垦种植整治（第24项、第27项）",
            "我镇不涉及拦河养鱼问题；消落带开垦种植问题已清理3处，正在推进整治。",
            "二、关于第50项",
            "已增加专职执法人员1名，此项工作长期坚持。",
        ]);
        assert_eq!(
            sections(&g).iter().map(|s| s.task).collect::<Vec<_>>(),
            [50]
        );
        assert_eq!(joint_headings(&g), [(1, vec![24, 27])]);
    }

    #[test]
    fn no_sections_in_a_table_or_a_cover_letter() {
        // A cover letter: names a task, says no status.
        let g = Grid::letter(&["区城管局：", "第12项", "详见附件。", "区城管局"]);
        assert!(sections(&g).is_empty());
        // A table anywhere: read as a table, not as prose.
        let mut g = Grid::letter(&["标题", "一、第12项", "已完成改造。", "x"]);
        g.paragraphs.pop();
        assert!(sections(&g).is_empty());
        // The first line is the heading: no line above it for the header.
        let g = Grid::letter(&["第12项", "已完成改造。"]);
        assert!(sections(&g).is_empty());
    }
}
