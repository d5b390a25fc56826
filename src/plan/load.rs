//! Loading and validating the plan: plan.toml, units.toml and the task table
//! (tasks.csv, or tasks.xlsx as the bureau keeps it). One step; every problem found is
//! reported with file, line and column, and nothing is written when the plan is bad.

use std::fmt;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};

use crate::common::os_error::describe;

use super::deadline::Deadline;
use super::meta::PlanMeta;
use super::task::{Assignment, Task};
use super::units::{NameMatch, UnitDirectory};
use super::validated::Plan;

/// The task table's columns, as in the plan's attachment.
pub const TASK_COLUMNS: [&str; 7] = [
    "序号",
    "重点任务",
    "具体举措",
    "完成时限",
    "牵头单位",
    "责任单位",
    "配合单位",
];

/// An optional last column: the task's short name (简称), derived when absent.
pub const SHORT_NAME_COLUMN: &str = "简称";

/// One thing wrong with the plan files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    pub file: String,
    /// 1-based line (CSV/TOML) or row (xlsx).
    pub line: Option<usize>,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, " 第{l}行")?;
        }
        if let Some(c) = &self.column {
            write!(f, "“{c}”列")?;
        }
        write!(f, "：{}", self.message)
    }
}

/// All problems found in the plan files.
#[derive(Debug, Clone)]
pub struct PlanErrors(pub Vec<PlanError>);

impl fmt::Display for PlanErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "整改方案数据有误，未生成任何文件。请修改以下{}处后重新运行：",
            self.0.len()
        )?;
        for e in &self.0 {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PlanErrors {}

fn err(
    file: &Path,
    line: Option<usize>,
    column: Option<&str>,
    message: impl Into<String>,
) -> PlanError {
    PlanError {
        file: file.display().to_string(),
        line,
        column: column.map(str::to_string),
        message: message.into(),
    }
}

/// Load the plan from a folder holding plan.toml, units.toml and tasks.csv (or tasks.xlsx).
pub fn load_plan(dir: &Path) -> Result<Plan, PlanErrors> {
    let mut errors = Vec::new();
    let meta_path = dir.join("plan.toml");
    // The meta with plan.toml's text (a later check names a line of it).
    let meta = match std::fs::read_to_string(&meta_path) {
        Ok(src) => match toml::from_str::<PlanMeta>(&src) {
            Ok(m) => Some((m, src)),
            Err(e) => {
                let (line, message) = super::toml_error::describe(&src, &e);
                errors.push(err(&meta_path, line, None, message));
                None
            }
        },
        Err(e) => {
            errors.push(err(
                &meta_path,
                None,
                None,
                format!("无法读取（{}）", describe(&e)),
            ));
            None
        }
    };
    let units_path = dir.join("units.toml");
    let units = match std::fs::read_to_string(&units_path) {
        Ok(src) => match UnitDirectory::from_toml(&src) {
            Ok(u) => Some(u),
            Err((line, msg)) => {
                errors.push(err(&units_path, line, None, msg));
                None
            }
        },
        Err(e) => {
            errors.push(err(
                &units_path,
                None,
                None,
                format!("无法读取（{}）", describe(&e)),
            ));
            None
        }
    };
    let table_path = task_table_path(dir);
    let tasks = match (&units, &table_path) {
        (Some(units), Some(path)) => match read_table(path) {
            Ok(rows) => match tasks_from_rows(path, &rows, units) {
                Ok(t) => Some(t),
                Err(mut es) => {
                    errors.append(&mut es);
                    None
                }
            },
            Err(e) => {
                errors.push(e);
                None
            }
        },
        (_, None) => {
            errors.push(err(
                &dir.join("tasks.csv"),
                None,
                None,
                "找不到任务分解表（tasks.csv 或 tasks.xlsx）",
            ));
            None
        }
        _ => None,
    };
    let meta = meta.map(|(mut meta, src)| {
        if let Some(units) = &units {
            match units.resolve(&meta.collector) {
                NameMatch::Unit(u) => meta.collector = u,
                _ => errors.push(unknown_collector(&meta_path, &src, &meta.collector, units)),
            }
        }
        meta
    });
    match (meta, units, tasks) {
        (Some(meta), Some(units), Some(tasks)) if errors.is_empty() => {
            Ok(Plan::new(meta, units, tasks))
        }
        _ => Err(PlanErrors(errors)),
    }
}

/// plan.toml's collector is not a unit of units.toml: the run would count the bureau
/// among the units it collects from.
fn unknown_collector(path: &Path, src: &str, name: &str, units: &UnitDirectory) -> PlanError {
    let line = src
        .lines()
        .position(|l| l.trim_start().starts_with("collector") && !l.contains("collector_full"))
        .map(|i| i + 1);
    let hint = units.did_you_mean(name, "请写单位名录（units.toml）中的名称。");
    err(
        path,
        line,
        None,
        format!("collector（汇总单位）“{name}”不在单位名录（units.toml）中。{hint}"),
    )
}

/// When the folder has both tasks.csv and tasks.xlsx: which one is read (tasks.csv),
/// for the user to hear about it.
pub fn task_table_note(dir: &Path) -> Option<String> {
    let [csv, xlsx] = ["tasks.csv", "tasks.xlsx"].map(|n| dir.join(n));
    (csv.is_file() && xlsx.is_file()).then(|| {
        format!(
            "{} 和 {} 都在，使用的是 tasks.csv（tasks.xlsx 没有读取）。如要使用 tasks.xlsx，请把 tasks.csv 删除或改名。",
            csv.display(),
            xlsx.display()
        )
    })
}

fn task_table_path(dir: &Path) -> Option<PathBuf> {
    ["tasks.csv", "tasks.xlsx"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
}

/// A table as (1-based line, cells) rows.
type Rows = Vec<(usize, Vec<String>)>;

fn read_table(path: &Path) -> Result<Rows, PlanError> {
    let is_xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        read_xlsx(path)
    } else {
        read_csv(path)
    }
}

fn read_csv(path: &Path) -> Result<Rows, PlanError> {
    let bytes = std::fs::read(path)
        .map_err(|e| err(path, None, None, format!("无法读取（{}）", describe(&e))))?;
    // UTF-8 (with or without a BOM), else GBK: what Excel on Chinese Windows saves.
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
        Err(_) => {
            match encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(&bytes) {
                Some(t) => t.into_owned(),
                None => return Err(err(
                    path,
                    None,
                    None,
                    "编码无法识别（既不是UTF-8也不是GBK）。请用Excel打开后另存为“CSV UTF-8”格式",
                )),
            }
        }
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            let what = match e.kind() {
                csv::ErrorKind::Io(io) => format!("无法读取（{}）", describe(io)),
                _ => "CSV格式有误（引号不成对或一行中有多余的引号）。请用Excel打开检查后另存为“CSV UTF-8”".to_string(),
            };
            err(path, line, None, what)
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        rows.push((line, rec.iter().map(str::to_string).collect()));
    }
    Ok(rows)
}

fn read_xlsx(path: &Path) -> Result<Rows, PlanError> {
    let mut wb = calamine::open_workbook_auto(path)
        .map_err(|_| {
            err(
                path,
                None,
                None,
                "无法打开（文件已损坏、已加密或不是.xlsx工作簿）。请用Excel打开后另存为.xlsx，或改用tasks.csv",
            )
        })?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or_else(|| err(path, None, None, "工作簿中没有工作表"))?
        .map_err(|_| {
            err(
                path,
                None,
                None,
                "无法读取第一个工作表（可能已损坏）。请用Excel打开后另存为.xlsx",
            )
        })?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let mut cells = vec![String::new(); c0 as usize];
        cells.extend(row.iter().map(|d| match d {
            Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
            // A date cell (完成时限 typed as a date): written the plan's way.
            Data::DateTime(dt) => match dt.as_datetime() {
                Some(t) => t.format("%Y年%-m月%-d日").to_string(),
                None => d.to_string(),
            },
            Data::DateTimeIso(s) => {
                match chrono::NaiveDate::parse_from_str(&s[..s.len().min(10)], "%Y-%m-%d") {
                    Ok(t) => t.format("%Y年%-m月%-d日").to_string(),
                    Err(_) => s.clone(),
                }
            }
            other => other.to_string(),
        }));
        rows.push((r0 as usize + i + 1, cells));
    }
    Ok(rows)
}

/// Validate the table's rows into tasks.
fn tasks_from_rows(
    path: &Path,
    rows: &Rows,
    units: &UnitDirectory,
) -> Result<Vec<Task>, Vec<PlanError>> {
    let mut errors = Vec::new();
    // The header: the first row naming 序号 (after optional title rows).
    let Some(h) = rows
        .iter()
        .take(10)
        .position(|(_, cells)| cells.iter().any(|c| c.trim() == "序号"))
    else {
        return Err(vec![err(
            path,
            Some(1),
            None,
            format!("找不到表头（应含：{}）", TASK_COLUMNS.join("、")),
        )]);
    };
    let (header_line, header) = &rows[h];
    let mut col = [0usize; 7];
    for (k, name) in TASK_COLUMNS.iter().enumerate() {
        match header
            .iter()
            .position(|c| crate::common::text::compact_nfkc(c) == *name)
        {
            Some(i) => col[k] = i,
            None => errors.push(err(path, Some(*header_line), Some(name), "缺少此列")),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let short_col = header
        .iter()
        .position(|c| crate::common::text::compact_nfkc(c) == SHORT_NAME_COLUMN);
    let mut given_short: Vec<String> = Vec::new();
    let mut tasks: Vec<Task> = Vec::new();
    let mut category = String::new();
    for (line, cells) in &rows[h + 1..] {
        let cell = |k: usize| cells.get(col[k]).map(|s| s.trim()).unwrap_or("");
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = Some(*line);
        let before = errors.len();
        let id = match cell(0).parse::<u32>() {
            Ok(n) if n > 0 => n,
            _ => {
                errors.push(err(
                    path,
                    line,
                    Some("序号"),
                    format!("“{}”不是正整数", cell(0)),
                ));
                0
            }
        };
        if id > 0 && tasks.iter().any(|t| t.id == id) {
            errors.push(err(path, line, Some("序号"), format!("序号{id}重复")));
        }
        // 重点任务 is merged down its tasks in Excel: an empty cell continues the last one.
        if !cell(1).is_empty() {
            category = cell(1).to_string();
        } else if category.is_empty() {
            errors.push(err(
                path,
                line,
                Some("重点任务"),
                "为空（第一项任务必须写明重点任务）",
            ));
        }
        let measure = cell(2).to_string();
        if measure.is_empty() {
            errors.push(err(path, line, Some("具体举措"), "为空"));
        }
        let deadline = Deadline::parse(cell(3));
        if deadline.is_none() {
            errors.push(err(
                path,
                line,
                Some("完成时限"),
                format!(
                    "无法识别“{}”（可写：2020年9月底、2020年12月31日、2020/12/31、2020年12月底完成,并长期坚持、长期坚持）",
                    cell(3)
                ),
            ));
        }
        let mut roles = Vec::new();
        for (k, column) in TASK_COLUMNS.iter().enumerate().skip(4) {
            match parse_assignment(cell(k), units) {
                Ok(a) => roles.push(a),
                Err(msgs) => {
                    for m in msgs {
                        errors.push(err(path, line, Some(column), m));
                    }
                    roles.push(Assignment::default());
                }
            }
        }
        if roles[0].is_empty() && roles[1].is_empty() && errors.len() == before {
            errors.push(err(
                path,
                line,
                Some("责任单位"),
                "牵头单位和责任单位都为空",
            ));
        }
        if let (Some(deadline), true) = (deadline, errors.len() == before) {
            let mut roles = roles.into_iter();
            given_short.push(
                short_col
                    .and_then(|k| cells.get(k))
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default(),
            );
            let lead = roles.next().unwrap_or_default();
            let responsible = roles.next().unwrap_or_default();
            let cooperating = roles.next().unwrap_or_default();
            let gatherers =
                super::task::gatherers(&lead.units, &responsible.units, &cooperating.units, |u| {
                    units.unit(u).map(|u| u.kind)
                });
            tasks.push(Task {
                id,
                category: category.clone(),
                measure,
                short_name: String::new(),
                deadline,
                lead,
                responsible,
                cooperating,
                gatherers,
            });
        }
    }
    if tasks.is_empty() && errors.is_empty() {
        errors.push(err(path, None, None, "任务分解表中没有任务"));
    }
    let keyed: Vec<(u32, &str, &str)> = tasks
        .iter()
        .zip(&given_short)
        .map(|(t, g)| (t.id, t.measure.as_str(), g.as_str()))
        .collect();
    let names = super::short_name::short_names(&keyed);
    for (t, name) in tasks.iter_mut().zip(names) {
        t.short_name = name;
    }
    if errors.is_empty() {
        Ok(tasks)
    } else {
        Err(errors)
    }
}

/// Parse one unit cell: names separated by 、 (or ，；), groups expanded, a trailing
/// 等… kept as a note. Unknown and ambiguous names are errors.
pub fn parse_assignment(text: &str, units: &UnitDirectory) -> Result<Assignment, Vec<String>> {
    let mut a = Assignment {
        text: text.trim().to_string(),
        ..Assignment::default()
    };
    let mut errors = Vec::new();
    let tokens: Vec<&str> = text
        .split(['、', '，', ',', '；', ';', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    let n = tokens.len();
    let mut names: Vec<&str> = Vec::with_capacity(n + 1);
    for (i, token) in tokens.into_iter().enumerate() {
        let mut name = token;
        // A trailing 等 / 等区级部门 on the last name is a note, never names; a unit or
        // group joined to it by 及 / 和 (等区级部门及各镇街) is named too.
        if i + 1 == n {
            if let Some(pos) = token.find('等') {
                if matches!(
                    units.resolve(&token[..pos]),
                    NameMatch::Unit(_) | NameMatch::Group(_)
                ) {
                    name = &token[..pos];
                    let note = &token[pos..];
                    a.note = Some(note.to_string());
                    let joined = ["以及", "及", "和"]
                        .iter()
                        .find_map(|w| note.rfind(w).map(|at| &note[at + w.len()..]));
                    if let Some(more) = joined.filter(|m| {
                        matches!(units.resolve(m), NameMatch::Unit(_) | NameMatch::Group(_))
                    }) {
                        names.push(name);
                        name = more;
                    }
                }
            }
        }
        names.push(name);
    }
    for name in names {
        match units.resolve(name) {
            NameMatch::Unit(u) => push_unique(&mut a.units, u),
            NameMatch::Group(g) => {
                let group = units.group(&g).expect("resolved group exists");
                if group.open {
                    push_unique(&mut a.open_groups, g);
                } else {
                    for m in &group.members {
                        push_unique(&mut a.units, m.clone());
                    }
                }
            }
            NameMatch::Ambiguous(c) => {
                errors.push(format!("“{name}”可能是{}，请写明单位全称", c.join("或")))
            }
            NameMatch::Unknown => errors.push(format!("单位“{name}”不在单位名录（units.toml）中")),
        }
    }
    if errors.is_empty() {
        Ok(a)
    } else {
        Err(errors)
    }
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}
