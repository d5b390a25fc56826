//! What several commands do alike: read and merge the returns (with a progress bar on a
//! terminal), and tell the user about the ledger and the files written.

use std::collections::BTreeMap;

use crate::cli::Paths;
use crate::commands::error::CommandError;
use crate::common::dates::render_date;
use crate::ingest::{IngestOptions, ReturnsCache};
use crate::merge::Scope;
use crate::model::{Code, Ledger, Problem, Severity, Status};
use crate::pipeline::build_round_carrying;
use crate::plan::Plan;
use crate::progress::Bar;
use crate::rounds::attach_previous;

/// What a command works on: the plan, the folders, and whose round (`--as`).
pub struct Round<'a> {
    pub plan: &'a Plan,
    pub paths: &'a Paths,
    pub scope: &'a Scope,
    /// Whether the command writes to the output folder, and so keeps the returns it
    /// parses there for the next run (`ingest/cache.rs`); one that does not still reads
    /// what earlier runs kept.
    pub writes_output: bool,
}

fn build(round: &Round, dir: &std::path::Path) -> Ledger {
    let opts = IngestOptions::for_plan(round.plan);
    let cache = ReturnsCache::open(&round.paths.output, &opts, round.writes_output);
    let completions = crate::rounds::earlier_completions(
        &round.paths.output,
        round.plan.meta.as_of,
        round.paths.previous.as_deref(),
    );
    build_round_carrying(
        round.plan,
        dir,
        round.scope,
        &Bar::for_stderr(),
        Some(&cache),
        completions,
    )
}

/// The ledger of the returns in `paths`, merged against the plan and compared with the
/// previous round (`--previous`, checked by `execute`, or the latest in output/rounds/).
/// A returns folder that is not there is an error (a mistyped `--returns` would
/// otherwise report every unit as silent); an empty one is warned about on stderr.
pub fn ledger(round: &Round) -> Result<Ledger, CommandError> {
    let dir = round.paths.returns_dir();
    if !dir.is_dir() {
        return Err(CommandError::NoReturns(dir));
    }
    let mut ledger = build(round, &dir);
    compare_with_previous(&mut ledger, round.paths);
    if no_returns(&ledger) {
        eprintln!(
            "警告：报送表文件夹 {} 中没有任何文件，所有单位都按未报送统计，不生成催报通知。请检查是否放对了文件夹。",
            dir.display()
        );
    }
    Ok(ledger)
}

/// The ledger for the checklists, which go out before any return comes back: the
/// returns folder may be missing unless `--returns` names it.
pub fn ledger_before_returns(round: &Round) -> Result<Ledger, CommandError> {
    let dir = round.paths.returns_dir();
    if round.paths.returns.is_some() && !dir.is_dir() {
        return Err(CommandError::NoReturns(dir));
    }
    Ok(build(round, &dir))
}

/// Whether the returns folder held no file at all (reminders would go to every unit).
pub fn no_returns(ledger: &Ledger) -> bool {
    ledger.files.is_empty()
}

/// Compare with the previous round; an unreadable one is a warning in the problems.
fn compare_with_previous(ledger: &mut Ledger, paths: &Paths) {
    if let Err(e) = attach_previous(ledger, &paths.output, paths.previous.as_deref()) {
        ledger.problems.push(Problem::new(
            Severity::Warning,
            Code::PreviousRound,
            "",
            e.to_string(),
        ));
    }
}

/// A short summary of the merged returns: files, statuses, units.
pub fn summary_text(ledger: &Ledger) -> String {
    let s = &ledger.summary;
    let mut out = String::new();
    out.push_str(&format!(
        "读取报送文件{}个（无法读取{}个，跳过{}个），数据{}行。\n",
        s.files_read, s.files_failed, s.files_skipped, s.records
    ));
    // Every status a task can have, so the counts add up to the total (adv56 b 10: the
    // 已报完成待确认 tasks were left out); the two that are often none only when some.
    let counts: Vec<String> = [
        (Status::Completed, s.completed, true),
        (Status::Confirming, s.confirming, false),
        (Status::InProgress, s.in_progress, true),
        (Status::Ongoing, s.ongoing, true),
        (Status::NotStarted, s.not_started, true),
        (Status::NotApplicable, s.not_applicable, false),
        (Status::Unclear, s.unclear, true),
        (Status::Unreported, s.unreported, true),
    ]
    .into_iter()
    .filter(|(_, n, always)| *always || *n > 0)
    .map(|(st, n, _)| format!("{}{n}项", st.label()))
    .collect();
    let counts = counts.join("，");
    out.push_str(&format!(
        "截至{}，{}项任务：{counts}；完成率{:.1}%（{}）；逾期{}项。\n",
        render_date(ledger.as_of),
        s.total,
        s.completion_rate,
        s.completion_basis,
        s.overdue
    ));
    out.push_str(&units_line(ledger));
    out
}

/// 应报送单位…个，已报送…个, and the units that sent nothing (the collector is not
/// among the units it collects from: its own part is a warning of its own).
fn units_line(ledger: &Ledger) -> String {
    let s = &ledger.summary;
    let silent: Vec<&str> = ledger
        .units
        .iter()
        .filter(|u| !u.expected.is_empty() && u.sent_nothing())
        .filter(|u| u.name != ledger.plan.collector)
        .map(|u| u.name.as_str())
        .collect();
    let mut out = format!(
        "应报送单位{}个，已报送{}个",
        s.units_expected,
        crate::model::queries::units_sent(ledger)
    );
    if s.units_other > 0 {
        out.push_str(&format!(
            "，另有{}个单位不在应报送之列也报送了进展",
            s.units_other
        ));
    }
    out.push('。');
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

/// Every problem, grouped by file.
pub fn problems_text(ledger: &Ledger) -> String {
    if ledger.problems.is_empty() {
        return "没有发现问题。\n".to_string();
    }
    let mut out = format!(
        "\n问题{}条（错误{}条，警告{}条，提示{}条）：\n",
        ledger.problems.len(),
        ledger.count_problems(Severity::Error),
        ledger.count_problems(Severity::Warning),
        ledger.count_problems(Severity::Info)
    );
    let mut by_file: BTreeMap<&str, Vec<&Problem>> = BTreeMap::new();
    for p in &ledger.problems {
        by_file.entry(p.file.as_str()).or_default().push(p);
    }
    for (file, ps) in by_file {
        out.push_str(&format!("\n{file}\n"));
        for p in ps {
            out.push_str(&format!(
                "  [{}] {}{}\n",
                p.severity.label(),
                at(p),
                p.message
            ));
        }
    }
    out
}

/// 工作表“…”第…行, and a space, when the problem has a place in its file.
fn at(p: &Problem) -> String {
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
    at
}

/// The problem count line after a run: 问题…条（错误…条，警告…条），`see`。
pub fn problems_line(ledger: &Ledger, see: &str) -> String {
    let mut line = format!(
        "问题{}条（错误{}条，警告{}条），{see}。",
        ledger.problems.len(),
        ledger.summary.errors,
        ledger.summary.warnings
    );
    // The bureau's own tasks left empty: a line of its own, or the report goes up
    // saying 未报送 of the bureau's own work.
    if let Some(p) = ledger
        .problems
        .iter()
        .find(|p| p.code == crate::model::Code::CollectorMissing)
    {
        // Filled in the report by hand, the counts computed from it (未报送N项) stay.
        line.push_str(&format!(
            "\n注意：{}填报表为 checklists/{}，填好后与各单位报送表放在一起；直接在报告中填写不会更新报告中的统计数字。",
            p.message,
            crate::render::checklist_files(&ledger.plan.collector).0
        ));
    }
    line
}

/// The files written, for a message: top-level files by name, folders by count
/// ("checklists/（104个文件）").
pub fn files_summary(files: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut folders: Vec<(&str, usize)> = Vec::new();
    for f in files {
        match f.split_once('/') {
            Some((dir, _)) => match folders.iter_mut().find(|(d, _)| *d == dir) {
                Some((_, n)) => *n += 1,
                None => folders.push((dir, 1)),
            },
            None => parts.push(f.clone()),
        }
    }
    parts.extend(
        folders
            .into_iter()
            .map(|(d, n)| format!("{d}/（{n}个文件）")),
    );
    parts.join("、")
}
