//! `rectify check`: a short Chinese summary of the merged returns and the problems,
//! grouped by file.

use std::collections::BTreeMap;

use crate::model::Ledger;
use crate::model::Severity;
use crate::model::Status;

pub fn summary_text(ledger: &Ledger) -> String {
    let s = &ledger.summary;
    let mut out = String::new();
    out.push_str(&format!(
        "读取报送文件{}个（无法读取{}个，跳过{}个），数据{}行。\n",
        s.files_read, s.files_failed, s.files_skipped, s.records
    ));
    out.push_str(&format!(
        "截至{}，{}项任务：{}{}项，{}{}项，{}{}项，{}{}项，{}{}项，{}{}项；完成率{:.1}%（{}）；逾期{}项。\n",
        crate::common::dates::render_date(ledger.as_of),
        s.total,
        Status::Completed.label(),
        s.completed,
        Status::InProgress.label(),
        s.in_progress,
        Status::Ongoing.label(),
        s.ongoing,
        Status::NotStarted.label(),
        s.not_started,
        Status::Unclear.label(),
        s.unclear,
        Status::Unreported.label(),
        s.unreported,
        s.completion_rate,
        s.completion_basis,
        s.overdue
    ));
    let silent: Vec<&str> = ledger
        .units
        .iter()
        .filter(|u| !u.expected.is_empty() && u.files.is_empty())
        .map(|u| u.name.as_str())
        .collect();
    out.push_str(&format!(
        "应报送单位{}个，已报送{}个。",
        s.units_expected, s.units_reported
    ));
    if silent.is_empty() {
        out.push('\n');
    } else {
        out.push_str(&format!(
            "未报送的{}个单位：{}\n",
            silent.len(),
            silent.join("、")
        ));
    }
    out
}

pub fn problems_text(ledger: &Ledger) -> String {
    let mut out = String::new();
    if ledger.problems.is_empty() {
        out.push_str("没有发现问题。\n");
        return out;
    }
    out.push_str(&format!(
        "\n问题{}条（错误{}条，警告{}条，提示{}条）：\n",
        ledger.problems.len(),
        ledger.count_problems(Severity::Error),
        ledger.count_problems(Severity::Warning),
        ledger.count_problems(Severity::Info)
    ));
    let mut by_file: BTreeMap<&str, Vec<&crate::model::Problem>> = BTreeMap::new();
    for p in &ledger.problems {
        by_file.entry(p.file.as_str()).or_default().push(p);
    }
    for (file, ps) in by_file {
        out.push_str(&format!("\n{file}\n"));
        for p in ps {
            let mut at = String::new();
            if let Some(sh) = &p.sheet {
                at.push_str(&format!("工作表“{sh}”"));
            }
            if let Some(r) = p.row {
                at.push_str(&format!("第{r}行"));
            }
            if !at.is_empty() {
                at.push(' ');
            }
            out.push_str(&format!("  [{}] {at}{}\n", p.severity.label(), p.message));
        }
    }
    out
}
