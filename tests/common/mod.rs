//! Shared test helpers: build return workbooks in code, run the pipeline on a folder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub mod tools;
pub mod word;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use rectify::model::Ledger;
use rectify::plan::{load_plan, Plan};

/// The 23 towns and streets (各镇街), in the unit directory's order.
pub const TOWNS: [&str; 23] = [
    "中山路街道",
    "胜利路街道",
    "南大街街道",
    "茶山竹海街道",
    "大安街道",
    "陈食街道",
    "卫星湖街道",
    "青峰镇",
    "金龙镇",
    "临江镇",
    "何埂镇",
    "松溉镇",
    "仙龙镇",
    "吉安镇",
    "五间镇",
    "来苏镇",
    "宝峰镇",
    "双石镇",
    "红炉镇",
    "永荣镇",
    "三教镇",
    "板桥镇",
    "朱沱镇",
];

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped plan with every unit reporting straight to the bureau
/// (`reporting = "direct"`): what the tests of the one-tier mechanics (checklists for
/// every unit, reminders for every unit) expect.
pub fn plan() -> Plan {
    let mut plan = shipped_plan();
    plan.meta.reporting = rectify::plan::meta::Reporting::Direct;
    plan
}

/// The shipped plan as shipped (`reporting = "lead"`: the lead units consolidate).
pub fn shipped_plan() -> Plan {
    load_plan(&repo().join("input")).expect("shipped plan loads")
}

/// A cell value in a fixture.
#[derive(Clone, Debug)]
pub enum V {
    S(String),
    N(f64),
    /// A real date cell.
    D(u16, u8, u8),
    /// A logical value (TRUE / FALSE).
    B(bool),
    E,
}

pub fn s(t: &str) -> V {
    V::S(t.to_string())
}

pub fn n(x: f64) -> V {
    V::N(x)
}

pub fn write_cell(ws: &mut Worksheet, r: u32, c: u16, v: &V) {
    match v {
        V::S(t) => {
            ws.write_string(r, c, t).unwrap();
        }
        V::N(x) => {
            ws.write_number(r, c, *x).unwrap();
        }
        V::D(y, m, d) => {
            let fmt = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
            let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
            ws.write_datetime_with_format(r, c, &dt, &fmt).unwrap();
        }
        V::B(b) => {
            ws.write_boolean(r, c, *b).unwrap();
        }
        V::E => {}
    }
}

/// One sheet of a return: rows of cells from A1, and merged ranges (r0, c0, r1, c1).
#[derive(Clone, Debug, Default)]
pub struct SheetSpec {
    pub name: String,
    pub rows: Vec<Vec<V>>,
    pub merges: Vec<(u32, u16, u32, u16)>,
    pub hidden: bool,
    /// Rows hidden on the sheet (0-based).
    pub hidden_rows: Vec<u32>,
    /// Columns hidden on the sheet (0-based).
    pub hidden_cols: Vec<u16>,
    /// An autofilter showing only some values of one column.
    pub filter: Option<Filter>,
}

/// An autofilter over (r0, c0, r1, c1) showing only the listed values of column `col`:
/// (range, col, values).
pub type Filter = ((u32, u16, u32, u16), u16, Vec<String>);

impl SheetSpec {
    pub fn new(name: &str) -> SheetSpec {
        SheetSpec {
            name: name.to_string(),
            ..Default::default()
        }
    }

    pub fn row(mut self, cells: Vec<V>) -> SheetSpec {
        self.rows.push(cells);
        self
    }

    pub fn text_row(self, cells: &[&str]) -> SheetSpec {
        self.row(
            cells
                .iter()
                .map(|t| if t.is_empty() { V::E } else { s(t) })
                .collect(),
        )
    }

    pub fn merge(mut self, r0: u32, c0: u16, r1: u32, c1: u16) -> SheetSpec {
        self.merges.push((r0, c0, r1, c1));
        self
    }

    /// Hide row `r` (0-based), as a unit does by hand.
    pub fn hide_row(mut self, r: u32) -> SheetSpec {
        self.hidden_rows.push(r);
        self
    }

    /// Hide column `c` (0-based), as a unit does by hand.
    pub fn hide_col(mut self, c: u16) -> SheetSpec {
        self.hidden_cols.push(c);
        self
    }
}

pub fn write_workbook(path: &Path, sheets: &[SheetSpec]) {
    let mut wb = Workbook::new();
    for spec in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&spec.name).unwrap();
        for (r, row) in spec.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let covered = spec.merges.iter().any(|&(r0, c0, r1, c1)| {
                    (r as u32) >= r0
                        && (r as u32) <= r1
                        && (c as u16) >= c0
                        && (c as u16) <= c1
                        && !((r as u32) == r0 && (c as u16) == c0)
                });
                if !covered {
                    write_cell(ws, r as u32, c as u16, v);
                }
            }
        }
        for &(r0, c0, r1, c1) in &spec.merges {
            let top_left = spec
                .rows
                .get(r0 as usize)
                .and_then(|row| row.get(c0 as usize))
                .cloned()
                .unwrap_or(V::E);
            let text = match top_left {
                V::S(t) => t,
                V::N(x) => x.to_string(),
                _ => String::new(),
            };
            ws.merge_range(r0, c0, r1, c1, &text, &Format::new())
                .unwrap();
        }
        if let Some(((r0, c0, r1, c1), col, values)) = &spec.filter {
            ws.autofilter(*r0, *c0, *r1, *c1).unwrap();
            let mut condition = rust_xlsxwriter::FilterCondition::new();
            for v in values {
                condition = condition.add_list_filter(v.as_str());
            }
            ws.filter_column(*col, &condition).unwrap();
        }
        for &r in &spec.hidden_rows {
            ws.set_row_hidden(r).unwrap();
        }
        for &c in &spec.hidden_cols {
            ws.set_column_hidden(c).unwrap();
        }
        if spec.hidden {
            ws.set_hidden(true);
        }
    }
    wb.save(path).unwrap();
}

/// The standard header of our layout.
pub const STD_HEADER: [&str; 8] = [
    "序号",
    "重点任务",
    "具体举措",
    "完成时限",
    "整改进展情况",
    "完成状态",
    "完成时间",
    "备注",
];

/// A return in the standard layout: title, 填报单位 line, header, data rows.
pub fn standard_return(unit_line: &str, rows: Vec<Vec<V>>) -> SheetSpec {
    let mut spec = SheetSpec::new("Sheet1")
        .text_row(&["永川区水污染防治整改进展情况表"])
        .merge(0, 0, 0, 7)
        .text_row(&[unit_line])
        .merge(1, 0, 1, 7)
        .text_row(&STD_HEADER);
    for r in rows {
        spec = spec.row(r);
    }
    spec
}

/// A data row of the standard layout.
pub fn std_row(id: V, measure: &str, progress: &str, status: &str, done: V) -> Vec<V> {
    vec![
        id,
        V::E,
        s(measure),
        V::E,
        s(progress),
        s(status),
        done,
        V::E,
    ]
}

/// Write `unit`'s return to `path`: the standard layout, one row on task `id` (正在推进,
/// with `progress`).
pub fn one_row_return(path: &Path, unit: &str, id: u32, progress: &str) {
    let row = std_row(n(id.into()), &measure(id), progress, "正在推进", V::E);
    write_workbook(
        path,
        &[standard_return(&format!("填报单位：{unit}"), vec![row])],
    );
}

/// Under the shipped plan's lead reporting: a unit that decides no task (it owes the
/// bureau nothing, its partners' lead units collect from it), and a task it is named on.
pub fn cooperating_unit(plan: &Plan) -> (String, u32) {
    let owing = rectify::build_ledger(plan, Path::new("/nonexistent"));
    let unit = owing
        .units
        .iter()
        .find(|u| u.expected.is_empty() && !u.reports_to.is_empty())
        .expect("a unit that only cooperates");
    let id = plan.tasks_of(&unit.name)[0].0.id;
    (unit.name.clone(), id)
}

/// A return of `unit` filed on `day` (填报日期), rows of 序号 | 具体举措 | 整改进展情况 |
/// 完成状态, written to `path`.
pub fn write_dated_return(path: &Path, unit: &str, day: &str, rows: &[&[&str]]) {
    let mut spec = SheetSpec::new("Sheet1")
        .text_row(&[
            &format!("填报单位：{unit}"),
            "",
            &format!("填报日期：{day}"),
        ])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"]);
    for row in rows {
        spec = spec.text_row(row);
    }
    write_workbook(path, &[spec]);
}

pub fn ledger_for(dir: &Path) -> Ledger {
    rectify::build_ledger(&plan(), dir)
}

pub fn measure(id: u32) -> String {
    plan().task(id).unwrap().measure.clone()
}

/// The current reports of a unit on a task.
pub fn reports_of<'a>(
    ledger: &'a Ledger,
    id: u32,
    unit: &str,
) -> Vec<&'a rectify::model::UnitReport> {
    ledger
        .task(id)
        .unwrap()
        .reports
        .iter()
        .filter(|r| r.unit == unit)
        .collect()
}

/// The head of a free-layout return (区城管局): title, a 填报单位/填报日期 line, and a
/// two-row header whose first three columns are merged down and whose 整改落实情况 is
/// merged across the three columns below it. Data rows start at row 4.
pub fn two_row_header_sheet() -> SheetSpec {
    SheetSpec::new("进展")
        .text_row(&["区城市管理局整改落实情况表"])
        .text_row(&["填报单位：", "区城管局", "", "填报日期：", "2020.12.4"])
        .text_row(&["序号", "具体举措", "完成时限", "整改落实情况", "", ""])
        .text_row(&["", "", "", "整改进展情况", "完成状态", "完成时间"])
        .merge(2, 0, 3, 0)
        .merge(2, 1, 3, 1)
        .merge(2, 2, 3, 2)
        .merge(2, 3, 2, 5)
}

/// A mixed folder of returns: standard layout with notes, two-row header, a combined
/// workbook with an instruction sheet, renumbered rows, a GBK CSV, an unknown unit,
/// a corrupt file and a lock file.
pub fn fixture_set(dir: &Path) {
    let m = |id: u32| measure(id);
    let std1 = standard_return(
        "填报单位：区水利局（盖章）    填报日期：2020年12月3日",
        vec![
            std_row(
                n(20.0),
                &m(20),
                "已纳入规划纲要。",
                "已完成",
                V::D(2020, 11, 30),
            ),
            vec![],
            std_row(n(26.0), &m(26), "初稿已完成。", "正在推进", V::E),
            std_row(n(88.0), "", "不存在的任务。", "已完成", V::E),
            std_row(n(1.0), &m(1), "配合开展尾水治理。", "持续推进", V::E),
        ],
    )
    .text_row(&["填表说明：完成状态请从下拉列表选择。"])
    .text_row(&["填表人：李四", "", "联系电话：49581111"]);
    write_workbook(&dir.join("区水利局.xlsx"), &[std1]);

    let two_row = two_row_header_sheet()
        .text_row(&["四、查漏补缺,切实增强污水收集处理能力"])
        .merge(4, 0, 4, 5)
        .row(vec![
            n(43.0),
            s(&m(43)),
            s("2020年9月底完成,并长期坚持"),
            s("出台管理办法。"),
            s("已完成"),
            s("2020/9/28"),
        ])
        .row(vec![
            n(45.0),
            s(&m(45)),
            s("2020年12月底"),
            s("清掏化粪池126座。"),
            s("按序时推进"),
            V::E,
        ])
        .text_row(&["合计", "2项"]);
    write_workbook(&dir.join("城管局进展.xlsx"), &[two_row]);

    let instructions = SheetSpec::new("填表说明")
        .text_row(&["填表说明"])
        .text_row(&["1. 请各镇街如实填写整改进展。"]);
    let town = |name: &str| {
        SheetSpec::new(name)
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .row(vec![
                n(5.0),
                s(&m(5)),
                s("完成农田排灌渠系整治。"),
                s("已完成"),
            ])
            .row(vec![n(22.0), s(&m(22)), s("保留冬水田。"), s("长期坚持")])
    };
    let hidden = SheetSpec {
        hidden: true,
        ..SheetSpec::new("隐藏").text_row(&["内部备注"])
    };
    write_workbook(
        &dir.join("镇街汇总.xlsx"),
        &[instructions, town("来苏镇"), town("宝峰镇"), hidden],
    );

    let first_clause = |id: u32| {
        m(id)
            .split(['，', ',', '。', ';', '；'])
            .next()
            .unwrap()
            .to_string()
    };
    let renum = standard_return(
        "填报单位：重庆市永川区住房和城乡建设委员会（盖章） 填报日期：2020年12月6日",
        vec![
            std_row(
                n(1.0),
                &first_clause(33),
                "海绵城市专项规划已获批复。",
                "已完成",
                V::D(2020, 9, 25),
            ),
            std_row(
                n(2.0),
                &m(41),
                "完成进水分析。",
                "已完成",
                s("2020年10月30日"),
            ),
        ],
    );
    write_workbook(&dir.join("住建委.xlsx"), &[renum]);

    let csv = "永川区水污染防治整改进展情况表,,,,,\r\n\
               填报单位：区财政局（盖章）    填报日期：2020年12月7日,,,,,\r\n\
               序号,具体举措,完成时限,整改进展情况,完成状态,完成时间\r\n\
               58,充分发挥财政资金保障和引导作用,2020年9月底完成,并长期坚持,\"建立绩效评估机制。\r\n已印发办法。\",已完成,2020/9/20\r\n\
               45,优先完成河道两岸化粪池清掏,2020年12月底,安排资金300万元,正在推进,\r\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(csv);
    std::fs::write(dir.join("财政局.csv"), &bytes).unwrap();

    let nobody = SheetSpec::new("Sheet1")
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .row(vec![n(58.0), V::E, s("建立绩效评估机制。"), s("已完成")]);
    write_workbook(&dir.join("进展情况表.xlsx"), &[nobody]);

    let bytes = std::fs::read(dir.join("区水利局.xlsx")).unwrap();
    std::fs::write(dir.join("区商务委.xlsx"), &bytes[..bytes.len() / 2]).unwrap();
    std::fs::write(dir.join("~$区水利局.xlsx"), b"\x05user").unwrap();
}

/// Every file under `dir` (relative path → bytes).
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Copy the shipped plan files into a fresh input folder with `returns/` made by `fill`.
pub fn input_with_returns(fill: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["plan.toml", "units.toml", "tasks.csv"] {
        std::fs::copy(repo().join("input").join(f), dir.path().join(f)).unwrap();
    }
    // Direct reporting, as `plan()`.
    let toml = std::fs::read_to_string(dir.path().join("plan.toml")).unwrap();
    std::fs::write(
        dir.path().join("plan.toml"),
        toml.replace("reporting = \"lead\"", "reporting = \"direct\""),
    )
    .unwrap();
    let returns = dir.path().join("returns");
    std::fs::create_dir_all(&returns).unwrap();
    fill(&returns);
    dir
}

/// A zip package with each entry passed through `edit` (name, bytes) → new bytes, in
/// its order; `extra` entries appended.
pub fn edit_zip(
    bytes: &[u8],
    edit: impl Fn(&str, Vec<u8>) -> Vec<u8>,
    extra: &[(&str, &[u8])],
) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    use zip::write::SimpleFileOptions;
    let mut src = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut put = |name: &str, data: &[u8]| {
        w.start_file(name, SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    };
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        put(&name, &edit(&name, data));
    }
    for (name, data) in extra {
        put(name, data);
    }
    w.finish().unwrap().into_inner()
}

/// `rectify --input INPUT --output OUT ARGS…`, which must succeed.
pub fn rectify_ok(input: &Path, out: &Path, args: &[&str]) -> std::process::Output {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_rectify"))
        .arg("--input")
        .arg(input)
        .arg("--output")
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// One of our forms (a checklist, a 报送表) as a unit's clerk may save it again: every
/// cell's value, the marker sheet hidden, after `edit` changed the main sheet's rows.
pub fn resaved(bytes: &[u8], path: &Path, mut edit: impl FnMut(&mut Vec<Vec<V>>)) {
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut specs = Vec::new();
    for (i, name) in wb.sheet_names().into_iter().enumerate() {
        let range = wb.worksheet_range(&name).unwrap();
        let mut rows: Vec<Vec<V>> = range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Data::Empty => V::E,
                        Data::String(s) => V::S(s.clone()),
                        Data::Float(x) => V::N(*x),
                        Data::Int(x) => V::N(*x as f64),
                        other => V::S(other.to_string()),
                    })
                    .collect()
            })
            .collect();
        if i == 0 {
            edit(&mut rows);
        }
        let mut spec = SheetSpec::new(&name);
        spec.rows = rows;
        spec.hidden = name == "_rectify";
        specs.push(spec);
    }
    write_workbook(path, &specs);
}

/// The tasks of a summary by status, added up (不涉及 aside, as the report counts them):
/// equal to its total when every task is accounted for.
pub fn status_total(s: &rectify::model::Summary) -> u32 {
    s.completed
        + s.confirming
        + s.ongoing
        + s.in_progress
        + s.not_started
        + s.unreported
        + s.unclear
}

/// The end of the note that a 已完成 on a task kept up with no date (完成时限 长期坚持)
/// counts 长期坚持: the random fills give such answers.
pub const KEPT_UP_NOTE: &str = "该项任务的完成时限为“长期坚持”，按“长期坚持”统计。";
