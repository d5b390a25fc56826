//! The templates: their names, the compiled-in defaults and the `--templates DIR`
//! overrides, rendering one over a context into blocks, the filters they may use
//! (`cn_num`, `title_lines`), and what every template sees besides its own context:
//! `plan` (through [`PlanContext`]) and `status` (each status's label by its machine
//! name: `{{ status.completed }}` is 已完成), so no template spells a status word.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::common::dates::render_date;
use crate::model::{Ledger, Status, Tier};
use crate::render::blocks::{self, Block};
use crate::render::error::RenderError;
use crate::render::reuse::Key;

/// The consolidated report (整改情况报告).
pub const REPORT_TEMPLATE: &str = "report.tera";
/// The checklist notice (任务清单通知), one per unit.
pub const NOTICE_TEMPLATE: &str = "notice.tera";
/// The reminder (催报通知), one per unit that still owes reports.
pub const REMINDER_TEMPLATE: &str = "reminder.tera";
/// The list of units that still owe reports (未报送单位清单).
pub const REMINDER_LIST_TEMPLATE: &str = "reminder-list.tera";

/// The default templates, compiled into the binary: (file name, content).
const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (REPORT_TEMPLATE, include_str!("../../templates/report.tera")),
    (NOTICE_TEMPLATE, include_str!("../../templates/notice.tera")),
    (
        REMINDER_TEMPLATE,
        include_str!("../../templates/reminder.tera"),
    ),
    (
        REMINDER_LIST_TEMPLATE,
        include_str!("../../templates/reminder-list.tera"),
    ),
];

/// Where the templates come from: the compiled-in defaults, each overridden by a file
/// of the same name in `dir`. Read and parsed once, on first use (a run renders 150+
/// documents from the same templates); a failure is not kept, so every document that
/// needs a broken template reports it.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    pub dir: Option<PathBuf>,
    loaded: std::sync::OnceLock<std::sync::Arc<Loaded>>,
    /// [`Templates::key`], worked out once.
    key: std::sync::OnceLock<Option<Key>>,
}

/// The templates read and parsed: their sources (for messages) and the engine.
struct Loaded {
    sources: Vec<Source>,
    tera: tera::Tera,
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded")
            .field("templates", &self.sources.len())
            .finish()
    }
}

/// A template: its name, the path a message shows, and its text.
struct Source {
    name: String,
    shown: String,
    content: String,
}

impl Templates {
    pub fn new(dir: Option<&Path>) -> Templates {
        Templates {
            dir: dir.map(Path::to_path_buf),
            loaded: std::sync::OnceLock::new(),
            key: std::sync::OnceLock::new(),
        }
    }

    /// What the templates say, as a reuse key: every template's name and text (the
    /// defaults, as overridden), read but not parsed. `None` when an override cannot be
    /// read (rendering reports it).
    pub fn key(&self) -> Option<Key> {
        self.key
            .get_or_init(|| {
                let sources = self.sources().ok()?;
                let texts: Vec<(&str, &str)> = sources
                    .iter()
                    .map(|s| (s.name.as_str(), s.content.as_str()))
                    .collect();
                Some(Key::of("templates", &texts))
            })
            .clone()
    }

    /// The sources and the engine, read and parsed on first use.
    fn loaded(&self) -> Result<std::sync::Arc<Loaded>, RenderError> {
        if let Some(l) = self.loaded.get() {
            return Ok(l.clone());
        }
        let sources = self.sources()?;
        let tera = engine(&sources).map_err(|(n, e)| template_error(&shown_in(&sources), &n, e))?;
        let loaded = std::sync::Arc::new(Loaded { sources, tera });
        // Another thread may have loaded the same templates meanwhile: either is right.
        Ok(self.loaded.get_or_init(|| loaded).clone())
    }

    /// Every template, by name: the defaults, replaced by the overrides.
    fn sources(&self) -> Result<Vec<Source>, RenderError> {
        let mut out: BTreeMap<String, (String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, c)| {
                (
                    n.to_string(),
                    (format!("templates/{n}（内置）"), c.to_string()),
                )
            })
            .collect();
        if let Some(dir) = &self.dir {
            for (name, shown, content) in read_overrides(dir)? {
                out.insert(name, (shown, content));
            }
        }
        Ok(out
            .into_iter()
            .map(|(name, (shown, content))| Source {
                name,
                shown,
                content,
            })
            .collect())
    }
}

/// The `.tera` files of `dir` that replace no template (a misspelt name would otherwise
/// leave the built-in one in use without a word): one Chinese warning each.
pub fn unused_overrides(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tera") && p.is_file())
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| !DEFAULT_TEMPLATES.iter().any(|(d, _)| d == n))
        .collect();
    names.sort();
    let known: Vec<&str> = DEFAULT_TEMPLATES.iter().map(|(n, _)| *n).collect();
    names
        .into_iter()
        .map(|n| {
            format!(
                "模板文件夹中的 {n} 不对应任何模板，没有使用（模板文件名应为：{}）。如是要修改其中一个，请把文件改成那个名字。",
                known.join("、")
            )
        })
        .collect()
}

/// Write every built-in template into `dir` (created if needed), for the user to edit
/// and pass back with `--templates`. An existing file of the same name is left alone
/// (the user's edits are never overwritten).
/// A failure names the path it concerns.
pub fn write_defaults(dir: &Path) -> Result<Written, (PathBuf, std::io::Error)> {
    std::fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e))?;
    let mut out = Written::default();
    for (name, content) in DEFAULT_TEMPLATES {
        let path = dir.join(name);
        if path.exists() {
            out.kept.push(path);
            continue;
        }
        std::fs::write(&path, content).map_err(|e| (path.clone(), e))?;
        out.written.push(path);
    }
    Ok(out)
}

/// What [`write_defaults`] did: the templates written and the existing ones kept.
#[derive(Debug, Default)]
pub struct Written {
    pub written: Vec<PathBuf>,
    pub kept: Vec<PathBuf>,
}

/// The `.tera` files of `dir`, in name order: (name, shown path, content).
fn read_overrides(dir: &Path) -> Result<Vec<(String, String, String)>, RenderError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| RenderError::Templates { path, source }
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tera") && p.is_file())
        .collect();
    entries.sort();
    entries
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let content = std::fs::read_to_string(&p).map_err(io(&p))?;
            Ok((name, p.display().to_string(), content))
        })
        .collect()
}

/// Render template `name` over `context` and parse the result into blocks. Every
/// template (defaults and overrides) is loaded, so one may `{% include %}` another.
pub fn template_blocks<C: Serialize>(
    templates: &Templates,
    name: &str,
    context: &C,
) -> Result<Vec<Block>, RenderError> {
    let loaded = templates.loaded()?;
    let shown = shown_in(&loaded.sources);
    let tera = &loaded.tera;
    let mut context =
        tera::Context::from_serialize(context).map_err(|e| template_error(&shown, name, e))?;
    context.insert("status", &status_labels());
    let text = tera
        .render(name, &context)
        .map_err(|e| template_error(&shown, name, e))?;
    blocks::parse(&text).map_err(|source| RenderError::Blocks {
        file: shown(name),
        source,
    })
}

/// The path a message shows for template `name`.
fn shown_in(sources: &[Source]) -> impl Fn(&str) -> String + '_ {
    |name: &str| {
        sources
            .iter()
            .find(|s| s.name == name)
            .map_or_else(|| name.to_string(), |s| s.shown.clone())
    }
}

/// tera with the filters and every template; a template that does not parse comes
/// back with its name.
fn engine(sources: &[Source]) -> Result<tera::Tera, (String, tera::Error)> {
    let mut tera = tera::Tera::new();
    // Filters first, then templates (tera 2 checks filter names when adding templates).
    tera.register_filter("cn_num", |n: i64, _: tera::Kwargs, _: &tera::State| {
        cn_number(n.max(0) as u64)
    });
    tera.register_filter(
        "title_lines",
        |s: &str, kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<Vec<String>> {
            let max = kw.get::<i64>("max")?.unwrap_or(20).max(1) as usize;
            Ok(balanced_lines(s, max))
        },
    );
    tera.set_escape_fn(blocks::escape_to);
    tera.autoescape_on(vec![".tera"]);
    for s in sources {
        tera.add_raw_template(&s.name, &s.content)
            .map_err(|e| (s.name.clone(), e))?;
    }
    Ok(tera)
}

/// `status` in every template: each status's label by its machine name.
fn status_labels() -> BTreeMap<&'static str, &'static str> {
    Status::ALL
        .iter()
        .map(|s| (s.as_str(), s.label()))
        .collect()
}

/// A tera error as the user reads it: the file, line and column, what is wrong and
/// what to do in Chinese (tera's English is translated, never shown), and tera's
/// excerpt of the line with the place marked.
fn template_error(shown: &dyn Fn(&str) -> String, name: &str, e: tera::Error) -> RenderError {
    let full = e.to_string();
    // tera's text: "error: <message>" (or the bare message), then the excerpt.
    let (first, excerpt) = match full.split_once('\n') {
        Some((first, rest)) => (first, rest.to_string()),
        None => (full.as_str(), String::new()),
    };
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let (what, report) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) => ("语法有误", Some(r)),
        tera::ErrorKind::RenderingError(r) => ("无法生成", Some(r)),
        _ => ("有误", None),
    };
    let message = report.map_or(first, |r| r.message());
    let file = match report {
        Some(r) if !r.filename().is_empty() => r.filename(),
        _ => name,
    };
    let excerpt = if excerpt.trim_start().starts_with("-->") {
        excerpt
    } else {
        String::new()
    };
    RenderError::Template {
        file: shown(file),
        line: report.map(|r| r.span().start_line),
        column: report.map(|r| r.span().start_col + 1),
        message: format!(
            "{what}：{}。请改正后重新运行；要对照原样，可运行 rectify templates 新文件夹 取得内置模板",
            tera_message_in_chinese(message)
        ),
        detail: excerpt,
    }
}

/// tera's message (English) in Chinese, with the names it quotes.
fn tera_message_in_chinese(message: &str) -> String {
    let quoted: Vec<&str> = message
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s)
        .collect();
    let q = |i: usize| quoted.get(i).copied().unwrap_or("");
    if message.starts_with("Unexpected end of input") {
        "模板在这里提前结束了，可能少了结束标记（如 {% endif %}、{% endfor %} 或 }}）".into()
    } else if message.starts_with("Found `") {
        format!("这里不应出现“{}”，写法有误", q(0))
    } else if message.starts_with("Unknown filter") {
        format!(
            "没有名为“{}”的过滤器（本工具提供 cn_num、title_lines，其余见 tera 文档）",
            q(0)
        )
    } else if message.starts_with("Variable `") {
        let available = message
            .split_once("Available variables: ")
            .map(|(_, v)| {
                v.trim_end_matches('.')
                    .split(", ")
                    .collect::<Vec<_>>()
                    .join("、")
            })
            .unwrap_or_default();
        if available.is_empty() {
            format!("没有名为“{}”的变量", q(0))
        } else {
            format!("没有名为“{}”的变量（可用的有：{available}）", q(0))
        }
    } else if message.starts_with("Unknown template") {
        format!(
            "找不到模板“{}”（只能引用内置模板或模板文件夹中的 .tera 文件）",
            q(0)
        )
    } else if message.contains("not found") || message.contains("not exist") {
        match quoted.first() {
            Some(name) => format!("“{name}”不存在"),
            None => "引用的内容不存在".into(),
        }
    } else {
        "写法不符合模板语法，请对照内置模板检查这一处".into()
    }
}

/// The plan as every template sees it (`plan.…`): the report, notices, reminders.
#[derive(Debug, Serialize)]
pub(crate) struct PlanContext<'a> {
    title: &'a str,
    short_title: &'a str,
    /// The title without its final 方案: "…评议意见整改".
    subject: &'a str,
    doc_number: &'a str,
    issuer: &'a str,
    issued_on: String,
    collector: &'a str,
    collector_full: &'a str,
    addressee: &'a str,
    /// The 版头 when plan.toml asks for it: `mark`, `doc_number`, `signer` (may be empty).
    masthead: Option<&'a crate::model::MastheadInfo>,
    /// The 版记 when plan.toml asks for it.
    imprint: Option<ImprintContext<'a>>,
    /// How the collector calls itself: 我局; in a lead unit's round 我委 / 我镇 ….
    self_word: &'a str,
    /// The bureau (plan.toml `collector`), whom a lead unit reports to.
    bureau: &'a str,
    /// A lead unit's round (`rectify --as`): the collector is the lead unit.
    lead_tier: bool,
    /// In a lead unit's round, what it is to its tasks: 牵头 when it leads every one,
    /// else 牵头或负责 (some it answers for as a responsible unit, no lead named).
    lead_word: &'static str,
    /// The bureau's round in lead reporting: checklists and reminders go to lead units,
    /// which consolidate their partners' progress.
    chain: bool,
}

/// The 版记 as the template sees it.
#[derive(Debug, Serialize)]
pub(crate) struct ImprintContext<'a> {
    /// 抄送机关 joined with ，, empty when none.
    cc: String,
    printer: &'a str,
    /// 印发日期 in the 2020年12月10日 form.
    date: String,
}

impl<'a> PlanContext<'a> {
    pub(crate) fn new(l: &'a Ledger) -> PlanContext<'a> {
        let p = &l.plan;
        PlanContext {
            title: &p.title,
            short_title: &p.short_title,
            subject: p.title.strip_suffix("方案").unwrap_or(&p.title),
            doc_number: &p.doc_number,
            issuer: &p.issuer,
            issued_on: render_date(p.issued_on),
            collector: &p.collector,
            collector_full: &p.collector_full,
            addressee: &p.addressee,
            masthead: p.masthead.as_ref(),
            imprint: p.imprint.as_ref().map(|i| ImprintContext {
                cc: i.cc.join("，"),
                printer: &i.printer,
                date: render_date(i.date),
            }),
            self_word: &p.self_word,
            bureau: &p.bureau,
            lead_tier: p.tier == Tier::Lead,
            lead_word: crate::model::queries::lead_word(l),
            chain: crate::model::queries::chain(l),
        }
    }
}

/// 1 → 一, 12 → 十二, 20 → 二十 (for numbering up to 99).
pub fn cn_number(n: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n % 10) as usize] }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

/// Split a title into the fewest lines of at most `max` characters, as even as possible
/// (a 29-character title at 20 a line: 15 + 14, not 20 + 9).
pub fn balanced_lines(s: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    let n = chars.len().div_ceil(max.max(1));
    let mut lines = Vec::with_capacity(n);
    let mut start = 0;
    for k in 1..n {
        // The ideal break for equal lines, moved to the best word boundary near it.
        let ideal = chars.len() * k / n;
        let lo = (start + 1).max(ideal.saturating_sub(5));
        let hi = (ideal + 5).min(chars.len() - 1).min(start + max);
        let best = (lo..=hi)
            .max_by_key(|&pos| {
                let weight = break_weight(&chars[..pos]) as i64;
                weight * 4 - (pos as i64 - ideal as i64).abs()
            })
            .unwrap_or(ideal);
        lines.push(chars[start..best].iter().collect());
        start = best;
    }
    lines.push(chars[start..].iter().collect());
    lines
}

/// How good a title break after `before` is: after 关于 / 情况 / 意见 / 方案 (the ends of
/// a title's phrases) best, after other word endings less, inside a word not at all.
fn break_weight(before: &[char]) -> u32 {
    let tail: String = before
        .iter()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    match tail.as_str() {
        "关于" | "情况" | "意见" | "方案" | "报告" => 3,
        "工作" | "整改" | "落实" | "常委会" | "防治" => 2,
        _ if tail.ends_with(['、', '，', '和', '及']) => 2,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_title_lines() {
        assert_eq!(cn_number(1), "一");
        assert_eq!(cn_number(10), "十");
        assert_eq!(cn_number(14), "十四");
        assert_eq!(cn_number(20), "二十");
        assert_eq!(cn_number(63), "六十三");
        assert_eq!(balanced_lines("一二三四五", 2), ["一", "二三", "四五"]);
        let even = balanced_lines(&"字".repeat(29), 20);
        assert_eq!(
            even.iter().map(|l| l.chars().count()).collect::<Vec<_>>(),
            [14, 15]
        );
        // Breaks fall at the ends of a title's phrases, not inside a word.
        assert_eq!(
            balanced_lines(
                "关于区人大常委会水污染防治工作情况评议意见整改情况的报告",
                20
            ),
            [
                "关于区人大常委会水污染防治工作情况",
                "评议意见整改情况的报告"
            ]
        );
        assert_eq!(
            balanced_lines(
                "区人大常委会水污染防治工作情况评议意见整改任务落实情况台账",
                24
            ),
            [
                "区人大常委会水污染防治工作情况",
                "评议意见整改任务落实情况台账"
            ]
        );
    }

    #[test]
    fn every_template_sees_the_status_labels() {
        let labels = status_labels();
        for s in Status::ALL {
            assert_eq!(labels[s.as_str()], s.label());
        }
    }
}
