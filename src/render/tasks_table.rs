//! The report's attachment table (`@table tasks`): for each 重点任务 a banner row across
//! the table with its title, then one row per task (序号, 具体举措, 完成时限,
//! 牵头/责任单位, 完成情况, 进展情况), as [`TableData`] for the docx writer. A banner
//! rather than a cell merged down the 重点任务's rows: a merged cell shows its text on
//! the first page only, a banner sits right above the rows it names.

use crate::common::numerals::copies_word;
use crate::model::{Ledger, Status, TaskEntry, NO_PROGRESS_WRITTEN};
use crate::render::docx::{TableColumn, TableData, TableRowData};
use crate::render::task_text::{origin_label, owner, report_groups};

/// The columns: header, width on a landscape page (twips; the text width is 13776),
/// centred. 完成时限 at 2000 holds 2020年12月底 on one line and 完成，并长期坚持 on the
/// next (Word and LibreOffice space digits off from Chinese), 牵头/责任单位 at 2400 a
/// role and a unit of up to seven characters (责任：区住房城乡建委), 完成情况 at 1300 its
/// header and （已逾期） unbroken; 进展情况 takes the rest (4376).
const COLUMNS: [(&str, Option<u32>, bool); 6] = [
    ("序号", Some(700), true),
    ("具体举措", Some(3000), false),
    ("完成时限", Some(2000), true),
    ("牵头/责任单位", Some(UNITS_WIDTH), false),
    ("完成情况", Some(1300), true),
    ("进展情况", None, false),
];

/// Every task of the ledger, in order.
pub fn tasks_table(ledger: &Ledger) -> TableData {
    let columns = COLUMNS
        .iter()
        .map(|&(header, landscape_width, center)| TableColumn {
            header: header.to_string(),
            landscape_width,
            center,
        })
        .collect();
    let mut rows = Vec::with_capacity(ledger.tasks.len() + ledger.plan.categories.len());
    let mut prev_category: Option<&str> = None;
    let relayed = relayed_only(ledger);
    let late = late_units(ledger);
    for t in &ledger.tasks {
        if prev_category != Some(t.category.as_str()) {
            rows.push(TableRowData::Banner(t.category.clone()));
        }
        prev_category = Some(&t.category);
        let mut words = progress(
            t,
            (&ledger.plan.collector, &ledger.plan.self_word),
            &relayed,
            &late,
        );
        if let Some(part) = own_part(ledger, t) {
            words.insert(0, part);
        }
        rows.push(TableRowData::Cells(vec![
            vec![t.id.to_string()],
            vec![t.measure.clone()],
            deadline_lines(&t.deadline.text),
            units(t),
            status(t),
            words,
        ]));
    }
    TableData { columns, rows }
}

/// In a lead unit's round, a task it shares with other responsible units and no lead
/// (拦河养鱼: 区水利局 and every town): its status is of the part the round gathers, the
/// rest's progress the bureau's to gather; a line says so before the progress (adv52
/// b3: 已完成 read as the whole task's, where the bureau's report said 已报完成待确认).
fn own_part(ledger: &Ledger, t: &TaskEntry) -> Option<String> {
    let me = ledger.plan.collector.as_str();
    let shared = ledger.plan.tier == crate::model::ledger::Tier::Lead
        && t.lead.is_empty()
        && t.responsible.len() > 1
        && t.responsible.iter().any(|u| u == me);
    shared.then(|| {
        // (The bureau may be one of the others: their progress is its to gather, not
        // theirs to send it; second review d 3.)
        format!(
            "（本项任务由{}个责任单位共同负责，此处为{}负责部分及经{}汇总的进展，其余责任单位的进展由{}汇总）",
            t.responsible.len(),
            ledger.plan.self_word,
            ledger.plan.self_word,
            ledger.plan.bureau
        )
    })
}

/// The units that sent nothing themselves though a consolidation carried rows of theirs
/// (`UnitEntry::sent_nothing` with `via`).
fn relayed_only(ledger: &Ledger) -> Vec<&str> {
    ledger
        .units
        .iter()
        .filter(|u| u.sent_nothing() && !u.via.is_empty())
        .map(|u| u.name.as_str())
        .collect()
}

/// The deadline with its date on a line of its own (2020年12月底 / 完成，并长期坚持):
/// the date is never broken across lines.
fn deadline_lines(text: &str) -> Vec<String> {
    match crate::plan::deadline::date_and_rest(text) {
        (date, "") => vec![date.to_string()],
        (date, rest) => vec![date.to_string(), rest.to_string()],
    }
}

/// 牵头：… / 责任：… as the table of the plan writes them, else who answers for it; a
/// list of units laid out on lines of the column's width ([`name_lines`]).
fn units(t: &TaskEntry) -> Vec<String> {
    let mut units = Vec::new();
    let a = &t.assigned_text;
    if !a.lead.trim().is_empty() {
        units.extend(name_lines(&format!("牵头：{}", a.lead)));
    }
    if !a.responsible.trim().is_empty() {
        units.extend(name_lines(&format!("责任：{}", a.responsible)));
    }
    if units.is_empty() {
        units.extend(name_lines(&owner(t).1));
    }
    units
}

/// The width of the 牵头/责任单位 column.
const UNITS_WIDTH: u32 = 2400;

/// A list of units (责任：凤凰湖产业促进中心、三教产业促进中心、区住房城乡建委) on lines of the
/// units column, broken after a 、 and never inside a name that fits a line of its own
/// (adv51 b 11: 三教产业促进中 / 心 printed). A name longer than a line wraps as it must.
fn name_lines(text: &str) -> Vec<String> {
    use crate::render::docx::cell_lines;
    let fits = |s: &str| cell_lines(s, UNITS_WIDTH) == 1;
    if fits(text) {
        return vec![text.to_string()];
    }
    // A line holds its names with the 、 after each but the list's last: a line the 、
    // overflows moves its last name down (LibreOffice keeps 、 off a line's start:
    // second review d 10, 区住房城乡建 / 委、).
    let names: Vec<&str> = text.split('、').collect();
    let mut lines = Vec::new();
    let mut line = String::new();
    for (k, name) in names.iter().enumerate() {
        let tail = if k + 1 < names.len() { "、" } else { "" };
        if line.is_empty() {
            // 责任：凤凰湖产业促进中心 longer than a line, the name alone not: the label
            // on a line of its own.
            match name.split_once('：') {
                Some((label, first))
                    if !fits(&format!("{name}{tail}")) && fits(&format!("{first}{tail}")) =>
                {
                    lines.push(format!("{label}："));
                    line.push_str(first);
                }
                _ => line.push_str(name),
            }
        } else if fits(&format!("{line}、{name}{tail}")) {
            line.push('、');
            line.push_str(name);
        } else {
            line.push('、');
            lines.push(std::mem::take(&mut line));
            line.push_str(name);
        }
    }
    lines.push(line);
    lines
}

/// The status, and （已逾期） on a line of its own when overdue (逾期完成 when done
/// after the deadline): a narrow column, so the
/// breakdown and doubts go to the progress column.
fn status(t: &TaskEntry) -> Vec<String> {
    // A label longer than the column's four characters breaks before its 待 (已报完成 /
    // 待确认), not where the column runs out (已报完成待 / 确认).
    let label = t.status.label();
    let mut lines: Vec<String> = match label.char_indices().find(|&(i, c)| c == '待' && i > 0) {
        Some((i, _)) if label.chars().count() > 4 => {
            vec![label[..i].to_string(), label[i..].to_string()]
        }
        _ => vec![label.to_string()],
    };
    if t.overdue {
        lines.push("（已逾期）".to_string());
    }
    if t.done_late.is_some() {
        // Four characters, the column's width: one line.
        lines.push("逾期完成".to_string());
    }
    lines
}

/// The deciders' breakdown and the doubts first (when there are), then every current
/// report group as 单位：进展 (or its status note when it has no text). Where the
/// collector itself owes the task and has not filled it in, a marker the clerk fills
/// before sending (【待补充：我局进展】), not 暂未收到报送 about itself.
/// A unit's text as 附件1 prints it (quoted: brackets closed), ended as a sentence: one
/// left open (溢流问题已解决) or on a pause (已增加执法人员2名、、) ends with 。 (adv50 b 7).
fn ended(text: &str) -> String {
    let body = text.trim_end();
    let trimmed = body.trim_end_matches(['、', '，', ',', '；', ';', '：', ':']);
    let needs_stop = trimmed.len() < body.len()
        || trimmed.ends_with(|c: char| {
            ('\u{4E00}'..='\u{9FFF}').contains(&c)
                || c.is_ascii_alphanumeric()
                || c == '）'
                || c == '”'
        });
    if needs_stop {
        format!("{trimmed}。")
    } else {
        body.to_string()
    }
}

/// The units that sent nothing by the as-of date but a return after it, each with how
/// the report tells when (于12月6日报送, or 在统计截止日期后报送 when the return came after
/// the report's own date).
fn late_units(ledger: &Ledger) -> Vec<(&str, String)> {
    ledger
        .units
        .iter()
        .filter_map(|u| {
            let day = crate::render::report::late_known(ledger, u)?;
            let when = format!("于{}报送", crate::common::dates::render_day(day));
            Some((u.name.as_str(), when))
        })
        .collect()
}

/// Of `awaiting` (units awaited on a task), those whose return came after the as-of
/// date, as a clause: 区农业农村委于12月6日报送，纳入下期汇总 (second review d 1: listed
/// as not having reported where 附件2 says they did, late); empty when none.
fn late_among(awaiting: &[&str], late: &[(&str, String)]) -> String {
    let came: Vec<String> = late
        .iter()
        .filter(|(u, _)| awaiting.contains(u))
        .map(|(u, when)| format!("{u}{when}"))
        .collect();
    if came.is_empty() {
        String::new()
    } else {
        format!("{}，纳入下期汇总", came.join("、"))
    }
}

/// `late`: the units whose return came after the as-of date ([`late_units`]).
fn progress(
    t: &TaskEntry,
    (collector, self_word): (&str, &str),
    relayed_only: &[&str],
    late: &[(&str, String)],
) -> Vec<String> {
    let mut lines = Vec::new();
    let groups = report_groups(t);
    let own_missing = t.awaits(collector);
    // Nothing in and the collector's own part still to write: no count of units that
    // have not reported (it would count the collector among them).
    // Nothing in at all: one line says so (4个责任单位均暂未报送。), not a count of units
    // and then 暂未收到报送 again.
    let nothing_in = groups.is_empty();
    // The count is of the units that decide the task, named by their role on every row
    // alike (24个责任单位中…, 2个牵头单位均长期坚持), also where others' reports are listed
    // below it.
    let noun = t.deciders_word();
    // Only units that do not decide the task reported: the line below says whose
    // report is awaited, and the count (2个责任单位均未报送) would say it twice (adv50 d 8).
    let others_only = t.status == Status::Unreported
        || (t.status == Status::Confirming && t.awaiting.len() == t.deciders().len());
    let no_decider_in = others_only && t.awaiting.len() == t.deciders().len();
    if let Some(b) = t.tally(noun).filter(|_| !nothing_in && !no_decider_in) {
        lines.push(format!("（{b}）"));
    }
    // A doubt that a unit wrote no progress is its line's own note (单位：报未完成，
    // 未写明具体进展，待核实。): not said twice.
    let mut doubts: Vec<String> = t
        .doubts
        .iter()
        .filter(|d| {
            !groups.iter().any(|g| {
                g.text.is_empty()
                    && d.strip_prefix(g.units.as_str())
                        .is_some_and(|why| why.ends_with(NO_PROGRESS_WRITTEN))
            })
        })
        .cloned()
        .collect();
    // A unit's reports that disagree are both printed below: the reader is told they
    // are being checked, not left to pick one.
    let in_conflict = t.units_in_conflict();
    for &unit in &in_conflict {
        let copies = t.current_reports().filter(|r| r.unit == unit).count();
        doubts.push(format!(
            "{unit}报送了{}份内容不一致的材料，正在核实",
            copies_word(copies)
        ));
    }
    // A count of work done smaller than the unit's earlier report: its line below is
    // not told as settled.
    for r in t.current_reports() {
        if let Some(fell) = &r.figure_fell {
            doubts.push(format!("{}报送的{fell}，正在核实", r.unit));
        }
    }
    if !doubts.is_empty() {
        lines.push(format!("（{}）", doubts.join("；")));
    }
    if own_missing {
        lines.push(format!(
            "{}：{self_word}进展】",
            crate::render::typography::TO_FILL
        ));
    }
    if groups.is_empty() {
        let others: Vec<&str> = t
            .awaiting
            .iter()
            .map(String::as_str)
            .filter(|u| *u != collector)
            .collect();
        // Deciders whose return came after the as-of date: not told as silent (附件2
        // says they reported late; adv53 b 4).
        let came_late: Vec<String> = late
            .iter()
            .filter(|(u, _)| others.contains(u))
            .map(|(u, when)| format!("{u}{when}"))
            .collect();
        if !own_missing && !came_late.is_empty() {
            let whom = if t.breakdown.deciders > 1 {
                format!("{}个{noun}均", t.breakdown.deciders)
            } else {
                String::new()
            };
            lines.push(format!(
                "{whom}未在统计截止日期前报送（{}，纳入下期汇总）。",
                came_late.join("；")
            ));
        } else if !own_missing && t.breakdown.deciders > 1 {
            lines.push(format!("{}个{noun}均暂未报送。", t.breakdown.deciders));
        } else if !own_missing {
            lines.push("暂未收到报送。".to_string());
        } else if !others.is_empty() {
            lines.push(format!("{}暂未报送。", others.join("、")));
        }
    } else if others_only && t.awaiting.len() < t.deciders().len() {
        let awaited: Vec<&str> = t
            .awaiting
            .iter()
            .map(String::as_str)
            .filter(|u| *u != collector)
            .collect();
        // Some deciders answered 不涉及, the rest have not reported: those are awaited,
        // and the lines below are the answers in (adv52 b1: a 不涉及 was listed among
        // the units yet to report, then quoted as another unit's).
        if !awaited.is_empty() {
            let (came, silent): (Vec<&str>, Vec<&str>) = awaited
                .iter()
                .partition(|u| late.iter().any(|(l, _)| l == *u));
            let mut said = Vec::new();
            if !silent.is_empty() {
                said.push(format!(
                    "{}尚未报送",
                    crate::render::report::at_most_six(&silent, noun)
                ));
            }
            // (A clause of its own before 以下 when a late one is told.)
            let pause = if came.is_empty() { "，" } else { "；" };
            if !came.is_empty() {
                said.push(late_among(&came, late));
            }
            lines.push(format!(
                "（{}{pause}以下为已报送单位的情况）",
                said.join("，")
            ));
        }
    } else if others_only {
        // Only units that do not decide the task reported (a cooperating unit reporting
        // it done, 已报完成待确认): say whose report is awaited.
        let awaited: Vec<&str> = t.awaiting.iter().map(String::as_str).collect();
        let came = late_among(&awaited, late);
        let silent: Vec<&str> = awaited
            .iter()
            .copied()
            .filter(|u| !late.iter().any(|(l, _)| l == u))
            .collect();
        // The silent ones named apart from the late ones (second review d 6: 区住房城乡
        // 建委、…尚未报送，其中区住房城乡建委于12月7日报送 said it both ways).
        let said = if came.is_empty() {
            format!("{}尚未报送", t.assigned_text.deciders())
        } else if silent.is_empty() {
            came.clone()
        } else {
            format!(
                "{}尚未报送；{came}",
                crate::render::report::at_most_six(&silent, noun)
            )
        };
        let pause = if came.is_empty() { "，" } else { "；" };
        lines.push(format!("（{said}{pause}以下为其他单位报送的相关进展）"));
    }
    lines.extend(groups.into_iter().map(|g| {
        let text = if g.text.is_empty() {
            format!("{}。", g.note)
        } else {
            ended(&g.text)
        };
        // A cooperating unit's part is marked so: the 牵头/责任单位 column does not name it.
        let role = if g.role == "cooperating" {
            "（配合）"
        } else {
            ""
        };
        // A unit that sent nothing itself (附件2 lists it so) is quoted from the
        // consolidation that carried its row: 卫星湖街道（据区城市管理局汇总）：….
        // Each of a unit's disagreeing reports is told apart by its day (or file):
        // 区财政局（12月3日报送）：….
        // (Each name, and whether it carries the 配合 mark itself.)
        let named: Vec<(String, bool)> = g
            .origins
            .iter()
            .map(|(u, filed_on, file)| {
                let current = t.current_reports().find(|r| r.unit == *u);
                let via = current
                    .and_then(|r| r.via.as_deref())
                    .filter(|_| relayed_only.contains(&u.as_str()));
                // Last round's completion, the unit silent on it this round.
                let carried = current.is_some_and(|r| r.carried_from.is_some());
                match via {
                    _ if carried => (
                        format!(
                            "{u}（{}，本期未再报送）",
                            filed_on.map_or("上期报送".to_string(), |d| format!(
                                "{}报送",
                                crate::common::dates::render_day(d)
                            ))
                        ),
                        false,
                    ),
                    // In the collector's own report every such row came through it.
                    Some(v) if v == collector => (u.clone(), false),
                    // A cooperating unit's mark said with it: 双石镇（配合，据…汇总）.
                    Some(v) if !role.is_empty() => (format!("{u}（配合，据{v}汇总）"), true),
                    Some(v) => (format!("{u}（据{v}汇总）"), false),
                    None if in_conflict.contains(&u.as_str()) => (
                        format!("{u}（{}）", origin_label(t, u, *filed_on, file)),
                        false,
                    ),
                    None => (u.clone(), false),
                }
            })
            .collect();
        let role = if named.iter().all(|(_, marked)| *marked) {
            ""
        } else {
            role
        };
        let names: Vec<String> = named.into_iter().map(|(n, _)| n).collect();
        let mut line = format!(
            "{}{role}：{}",
            joined_names(&names),
            without_annex_refs(&text)
        );
        // A report held 待核实 says so after its words, with the status it gave
        // (adv55 b 4: 双石镇's 已完成 beside 剩余…计划12月底前完成 was quoted as any other).
        // (Held by a doubt, its status stays as written; an unreadable status cell is
        // quoted by the note. Not a report that wrote no status: nothing to quote.)
        let held = g.origins.iter().find_map(|(u, ..)| {
            t.current_reports().find(|r| {
                r.unit == *u
                    && !r.status_text.trim().is_empty()
                    && (r.doubt.is_some() || r.status == Status::Unclear)
            })
        });
        if let Some(r) = held.filter(|_| !g.text.is_empty()) {
            let written = crate::common::text::excerpt(&r.status_text, 20);
            // Words that are the status itself (不涉及 under 不涉及) are not quoted twice:
            // 何埂镇：报送“不涉及”，待核实。 (adv58 b 4: 何埂镇：不涉及（报送为“不涉及”，待核
            // 实）。)
            line = if g.text.trim().trim_end_matches(['。', '.']) == r.status_text.trim() {
                format!(
                    "{}：报送“{written}”，{}。",
                    line.split_once('：').map_or(line.as_str(), |(who, _)| who),
                    Status::Unclear.label()
                )
            } else {
                format!(
                    "{}（报送为“{written}”，{}）。",
                    line.trim_end_matches('。'),
                    Status::Unclear.label()
                )
            };
        }
        // A deadline the unit moved: said, the plan's still in the 完成时限 column.
        if !g.deadline_moved.is_empty() {
            line.push_str(&format!("（完成时限填报为“{}”）", g.deadline_moved));
        }
        line
    }));
    lines
}

/// Units told together, their shared note said once: 来苏镇、宝峰镇（据区农业农村委汇总）,
/// not the note after each.
fn joined_names(names: &[String]) -> String {
    let note = |n: &str| n.find('（').map(|i| n[i..].to_string());
    match names.first().and_then(|n| note(n)) {
        Some(shared) if names.len() > 1 && names.iter().all(|n| n.ends_with(&shared)) => {
            let bare: Vec<&str> = names.iter().map(|n| &n[..n.len() - shared.len()]).collect();
            format!("{}{shared}", bare.join("、"))
        }
        _ => names.join("、"),
    }
}

/// A unit's text without its pointers to its own attachments (具体情况详见附件3, 见附表1):
/// the report has no such 附件. A text that is nothing but the pointer stays as written.
pub fn without_annex_refs(text: &str) -> String {
    let is_ref = |clause: &str| {
        let c = clause.trim().trim_end_matches(['。', '.', '）', ')']);
        let c = c.trim_start_matches(['（', '(']);
        let c = c
            .strip_prefix("具体情况")
            .or_else(|| c.strip_prefix("具体内容"))
            .or_else(|| c.strip_prefix("具体"))
            .unwrap_or(c);
        let Some(rest) = ["详见", "请见", "参见", "见"]
            .iter()
            .find_map(|w| c.strip_prefix(w))
        else {
            return false;
        };
        let Some(n) = rest
            .strip_prefix("附件")
            .or_else(|| rest.strip_prefix("附表"))
        else {
            return false;
        };
        n.chars()
            .all(|ch| ch.is_ascii_digit() || "一二三四五六七八九十、".contains(ch))
    };
    // （详见附件1） inside a clause: the bracket goes.
    let mut unbracketed = String::new();
    let mut rest = text;
    while let Some(open) = rest.find(['（', '(']) {
        let after = &rest[open..];
        let close = after
            .find(['）', ')'])
            .map(|i| i + after[i..].chars().next().unwrap().len_utf8());
        match close {
            Some(end) if is_ref(&after[..end]) => {
                unbracketed.push_str(&rest[..open]);
                rest = &after[end..];
            }
            _ => {
                let step = open + after.chars().next().unwrap().len_utf8();
                unbracketed.push_str(&rest[..step]);
                rest = &rest[step..];
            }
        }
    }
    unbracketed.push_str(rest);
    let mut out = String::new();
    for clause in unbracketed.split_inclusive(['，', '。', '；', '\n']) {
        if !is_ref(clause) {
            out.push_str(clause);
        } else if !clause.ends_with(['，', '；', '\n']) && out.ends_with('，') {
            // 建设中，具体情况详见附件3。 → 建设中。 (also at the text's end)
            out.pop();
            out.push('。');
        }
    }
    if out.trim().is_empty() {
        text.to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod deadline_tests {
    use super::deadline_lines;

    #[test]
    fn the_date_of_a_deadline_stands_on_its_own_line() {
        let lines = |t: &str| deadline_lines(t);
        assert_eq!(
            lines("2020年12月底完成,并长期坚持"),
            ["2020年12月底", "完成,并长期坚持"]
        );
        assert_eq!(lines("2020年9月30日前完成"), ["2020年9月30日前", "完成"]);
        assert_eq!(lines("2020年12月底"), ["2020年12月底"]);
        assert_eq!(lines("2020年12月31日前"), ["2020年12月31日前"]);
        assert_eq!(lines("长期坚持"), ["长期坚持"]);
    }
}

#[cfg(test)]
mod width_tests {
    use super::*;
    use crate::render::docx::{cell_lines, LANDSCAPE_TEXT_WIDTH};

    /// A deadline, a role with a unit of seven characters and a status each take one
    /// line, so that no unit's name is broken across lines (区农业农 / 村委).
    #[test]
    fn short_cells_take_one_line() {
        let table = TableData {
            columns: COLUMNS
                .iter()
                .map(|&(header, landscape_width, center)| TableColumn {
                    header: header.to_string(),
                    landscape_width,
                    center,
                })
                .collect(),
            rows: Vec::new(),
        };
        let w = table.widths(LANDSCAPE_TEXT_WIDTH, LANDSCAPE_TEXT_WIDTH);
        assert_eq!(w.iter().sum::<u32>(), LANDSCAPE_TEXT_WIDTH);
        for (i, text) in [
            (0, "序号"),
            (0, "63"),
            (2, "2020年12月底"),
            (2, "2021年12月底"),
            (2, "完成，并长期坚持"),
            (2, "完成时限"),
            (3, "牵头：区农业农村委"),
            (3, "责任：区住房城乡建委"),
            (4, "完成情况"),
            (4, "长期坚持"),
            (4, "（已逾期）"),
        ] {
            assert_eq!(cell_lines(text, w[i]), 1, "{text} in {} twips", w[i]);
        }
        assert!(w[5] > w[1], "进展情况 is the widest column: {w:?}");
        assert_eq!(w[3], super::UNITS_WIDTH);
    }

    /// A list of units breaks after its 、, never inside a name (adv51 b 11).
    #[test]
    fn unit_lists_break_between_names() {
        let lines = super::name_lines("责任：凤凰湖产业促进中心、三教产业促进中心、区住房城乡建委");
        assert_eq!(
            lines,
            [
                "责任：",
                "凤凰湖产业促进中心、",
                "三教产业促进中心、",
                "区住房城乡建委"
            ]
            .map(String::from)
            .to_vec(),
            "{lines:?}"
        );
        assert_eq!(super::name_lines("牵头：区水利局"), ["牵头：区水利局"]);
        // Each line fits with its 、 (second review d 10).
        for line in super::name_lines("责任：区住房城乡建委、重庆市渝西水务有限公司、区水利局")
        {
            if line.chars().count() <= 11 {
                assert_eq!(
                    crate::render::docx::cell_lines(&line, super::UNITS_WIDTH),
                    1,
                    "{line}"
                );
            }
        }
    }
}

#[cfg(test)]
mod annex_tests {
    use super::without_annex_refs;

    #[test]
    fn a_units_pointers_to_its_own_attachments_are_left_out() {
        for (text, want) in [
            (
                "配合推进城南污水处理厂建设，具体情况详见附件3。",
                "配合推进城南污水处理厂建设。",
            ),
            ("已完成清掏356座（详见附件1）。", "已完成清掏356座。"),
            ("已完成清掏356座。见附表2。", "已完成清掏356座。"),
            ("已完成清掏356座，见附件", "已完成清掏356座。"),
            ("详见附件3", "详见附件3"),
            (
                "已印发《附件管理办法》，见附件说明。",
                "已印发《附件管理办法》，见附件说明。",
            ),
        ] {
            assert_eq!(without_annex_refs(text), want, "{text}");
        }
    }
}

#[cfg(test)]
mod names_tests {
    use super::joined_names;

    #[test]
    fn a_note_shared_by_every_unit_is_said_once() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            joined_names(&names(&[
                "来苏镇（据区农业农村委汇总）",
                "宝峰镇（据区农业农村委汇总）"
            ])),
            "来苏镇、宝峰镇（据区农业农村委汇总）"
        );
        assert_eq!(
            joined_names(&names(&["来苏镇（据区农业农村委汇总）", "宝峰镇"])),
            "来苏镇（据区农业农村委汇总）、宝峰镇"
        );
        assert_eq!(
            joined_names(&names(&["来苏镇", "宝峰镇"])),
            "来苏镇、宝峰镇"
        );
    }
}

#[cfg(test)]
mod ending_tests {
    use super::ended;

    /// A unit's text ends as a sentence in 附件1, whatever it was left on.
    #[test]
    fn a_units_text_ends_as_a_sentence() {
        assert_eq!(ended("溢流问题已解决"), "溢流问题已解决。");
        assert_eq!(ended("已完成。"), "已完成。");
        assert_eq!(ended("已增加执法人员2名、、"), "已增加执法人员2名。");
        assert_eq!(ended("开展巡查，"), "开展巡查。");
        assert_eq!(
            ended("已增加执法人员2名（镇综合行政执法大队）"),
            "已增加执法人员2名（镇综合行政执法大队）。"
        );
        assert_eq!(
            ended("建成设施32座（含提标改造）。"),
            "建成设施32座（含提标改造）。"
        );
        assert_eq!(ended("是否完成？"), "是否完成？");
    }
}
