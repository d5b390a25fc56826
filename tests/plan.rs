//! The canonical plan: every task of the seed's table, deadlines, unit resolution,
//! and clear errors for a broken table.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
mod common;

use common::TOWNS;
use rectify::plan::{load_plan, NameMatch, Plan};

const CENTRES: [&str; 3] = ["凤凰湖产业促进中心", "三教产业促进中心", "港桥产业促进中心"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn plan() -> Plan {
    load_plan(&repo().join("input")).expect("shipped plan loads")
}

/// The seed's table (a copy of the attachment's parse, carried by the test).
fn seed_rows() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(repo().join("tests/data/seed_tasks.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Expand a seed cell independently of the crate: split on 、, groups, the one
/// misspelt unit, and a trailing 等… dropped but for a group joined by 及
/// (等区级部门及各镇街).
fn expand(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut toks: Vec<&str> = Vec::new();
    for tok in cell.split('、').filter(|t| !t.is_empty()) {
        let mut parts = tok.split('等');
        toks.push(parts.next().unwrap());
        if let Some((_, joined)) = parts.next().and_then(|rest| rest.split_once('及')) {
            toks.push(joined);
        }
    }
    for tok in toks {
        let names: Vec<&str> = match tok {
            "各镇街" => TOWNS.to_vec(),
            "各产业促进中心" => CENTRES.to_vec(),
            "相关镇街" => vec![],
            "区市场管理局" => vec!["区市场监管局"],
            t => vec![t],
        };
        for n in names {
            if !out.iter().any(|o| o == n) {
                out.push(n.to_string());
            }
        }
    }
    out
}

#[test]
fn all_63_tasks_equal_the_seed_table() {
    let plan = plan();
    let seed = seed_rows();
    assert_eq!(plan.tasks.len(), 63);
    assert_eq!(seed.len(), 63);
    for (t, row) in plan.tasks.iter().zip(&seed) {
        assert_eq!(t.id.to_string(), row[0]);
        assert_eq!(t.category, row[1], "task {}", t.id);
        assert_eq!(t.measure, row[2], "task {}", t.id);
        assert_eq!(t.deadline.text, row[3], "task {}", t.id);
        assert_eq!(t.lead.text, row[4], "task {}", t.id);
        assert_eq!(t.responsible.text, row[5], "task {}", t.id);
        assert_eq!(t.cooperating.text, row[6], "task {}", t.id);
        assert_eq!(t.lead.units, expand(&row[4]), "lead of task {}", t.id);
        assert_eq!(
            t.responsible.units,
            expand(&row[5]),
            "responsible of task {}",
            t.id
        );
        assert_eq!(
            t.cooperating.units,
            expand(&row[6]),
            "cooperating of task {}",
            t.id
        );
    }
    assert_eq!(plan.categories().len(), 6);
    // The canonical text keeps the table's typo.
    assert!(plan.task(32).unwrap().measure.contains("还请老账"));
}

#[test]
fn open_group_and_and_others_notes() {
    let plan = plan();
    let t7 = plan.task(7).unwrap();
    assert_eq!(t7.cooperating.units, vec!["区生态环境局"]);
    assert_eq!(t7.cooperating.open_groups, vec!["相关镇街"]);
    assert_eq!(plan.role_of(t7, "来苏镇"), rectify::plan::Role::Cooperating);
    assert_eq!(
        plan.role_of(t7, "区水利局"),
        rectify::plan::Role::Unassigned
    );
    let t48 = plan.task(48).unwrap();
    assert_eq!(t48.cooperating.note.as_deref(), Some("等区级部门及各镇街"));
    // ……区住房城乡建委等区级部门及各镇街: the five departments, then the 23 towns.
    assert_eq!(t48.cooperating.units[4], "区住房城乡建委");
    assert_eq!(t48.cooperating.units[5..], TOWNS);
    let t49 = plan.task(49).unwrap();
    assert_eq!(t49.cooperating.note.as_deref(), Some("等"));
    // Task 1: 各镇街 expands to the 23 镇街.
    assert_eq!(plan.task(1).unwrap().responsible.units, TOWNS.to_vec());
    // Task 10 spells 区市场监管局 as 区市场管理局.
    assert!(plan
        .task(10)
        .unwrap()
        .cooperating
        .units
        .contains(&"区市场监管局".to_string()));
}

#[test]
fn every_deadline_phrase_parses() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
    let expected = [
        ("2020年9月底", d(2020, 9, 30), false),
        ("2020年10月底", d(2020, 10, 31), false),
        ("2020年12月底", d(2020, 12, 31), false),
        ("2021年12月底", d(2021, 12, 31), false),
        ("2020年9月底完成,并长期坚持", d(2020, 9, 30), true),
        ("2020年9月底完成并长期坚持", d(2020, 9, 30), true),
        ("2020年11月底完成,并长期保持", d(2020, 11, 30), true),
        ("2020年12月底完成,并长期坚持", d(2020, 12, 31), true),
        ("2020年12月底完成并长期坚持", d(2020, 12, 31), true),
        ("长期坚持", None, true),
    ];
    let plan = plan();
    let mut seen = std::collections::BTreeSet::new();
    for t in &plan.tasks {
        let (_, due, ongoing) = expected
            .iter()
            .find(|(text, _, _)| *text == t.deadline.text)
            .unwrap_or_else(|| panic!("unexpected phrase {}", t.deadline.text));
        assert_eq!(
            (t.deadline.due, t.deadline.ongoing),
            (*due, *ongoing),
            "task {}",
            t.id
        );
        seen.insert(t.deadline.text.clone());
    }
    assert_eq!(
        seen.len(),
        expected.len(),
        "every phrase of the table is covered"
    );
}

#[test]
fn unit_aliases_resolve() {
    let plan = plan();
    let unit = |s: &str| NameMatch::Unit(s.to_string());
    let cases = [
        ("区住房城乡建委", "区住房城乡建委"),
        ("重庆市永川区住房和城乡建设委员会", "区住房城乡建委"),
        ("永川区住建委", "区住房城乡建委"),
        ("住房城乡建委", "区住房城乡建委"),
        ("区住建委", "区住房城乡建委"),
        ("区城管局", "区城市管理局"),
        ("区经信委", "区经济信息委"),
        ("重庆市永川区经济和信息化委员会", "区经济信息委"),
        ("区发改委", "区发展改革委"),
        ("区发展和改革委员会", "区发展改革委"),
        ("区卫生健康委", "区卫健委"),
        ("区卫生健康委员会", "区卫健委"),
        ("区市场管理局", "区市场监管局"),
        ("重庆市永川区市场监督管理局", "区市场监管局"),
        ("重庆市永川区来苏镇人民政府", "来苏镇"),
        ("来苏镇政府", "来苏镇"),
        ("重庆市永川区人民政府中山路街道办事处", "中山路街道"),
        ("中山路街道办事处", "中山路街道"),
        ("何埂镇", "何埂镇"),
        (" 区水利局 ", "区水利局"),
        ("区水利\n局", "区水利局"),
        ("区生态环境局（盖章）", "区生态环境局"),
        ("区生态环境局(盖章)", "区生态环境局"),
        (
            "重庆市永川区三峰环保发电有限公司",
            "重庆市永川区三峰环保发电有限公司",
        ),
        ("惠永水务公司", "重庆市永川区惠永水务有限公司"),
        // The companies by their one word (adv54 a: 惠永公司 was unknown).
        ("惠永公司", "重庆市永川区惠永水务有限公司"),
        ("渝西公司", "重庆市渝西水务有限公司"),
        ("三峰公司", "重庆市永川区三峰环保发电有限公司"),
        ("环投公司", "重庆环投永川分公司"),
        ("区农业农村委员会", "区农业农村委"),
        // A place name alone that starts one unit's name.
        ("港桥", "港桥产业促进中心"),
        ("凤凰湖", "凤凰湖产业促进中心"),
        ("来苏", "来苏镇"),
        // Short forms offices use, and names inside file names.
        ("区市监局", "区市场监管局"),
        ("区编委办", "区委编办"),
        // The bureau's name before the 2019 reform (区交通委员会).
        ("区交委", "区交通局"),
        ("区城管执法局", "区城市管理局"),
        ("临江河流域综合治理指挥部办公室", "临江河指挥部办公室"),
        ("附件1-区农委", "区农业农村委"),
        ("附件2：区市监局整改情况", "区市场监管局"),
        // A town without its 镇 opening a file's name before a date or a form's word
        // (adv50 a 7: 来苏12月进展 named nobody, 来苏 alone did).
        ("来苏12月进展", "来苏镇"),
        ("宝峰整改进展情况", "宝峰镇"),
        ("中山路12.3报送", "中山路街道"),
    ];
    for (raw, canonical) in cases {
        assert_eq!(plan.units.resolve(raw), unit(canonical), "{raw:?}");
    }
    // Not a place's name inside other words (来苏 is no unit in 来苏山庄).
    assert_eq!(plan.units.resolve("来苏山庄整改进展"), NameMatch::Unknown);
    assert_eq!(
        plan.units.resolve("各镇街"),
        NameMatch::Group("各镇街".into())
    );
    assert_eq!(plan.units.group("各镇街").unwrap().members, TOWNS.to_vec());
}

/// Units named after one place: a town and the bodies whose names start with its
/// name without 镇 (either way round); none for a department.
#[test]
fn units_of_one_place_are_known() {
    let plan = plan();
    assert_eq!(plan.units.same_place("三教镇"), ["三教产业促进中心"]);
    assert_eq!(plan.units.same_place("三教产业促进中心"), ["三教镇"]);
    assert_eq!(plan.units.same_place("临江河指挥部办公室"), ["临江镇"]);
    assert!(plan.units.same_place("区水利局").is_empty());
    // The usual short forms of the centres' names.
    for (written, unit) in [
        ("三教产促中心", "三教产业促进中心"),
        ("凤凰湖产促中心", "凤凰湖产业促进中心"),
        ("港桥工业园区", "港桥产业促进中心"),
        ("永川区港桥工业园区管委会", "港桥产业促进中心"),
    ] {
        assert_eq!(
            plan.units.resolve(written),
            NameMatch::Unit(unit.into()),
            "{written}"
        );
    }
    assert!(plan.units.same_place("来苏镇").is_empty());
    assert!(plan.units.same_place("不存在的单位").is_empty());
    // A name given only in brackets (a file's name), and the units' full names.
    for (written, unit) in [
        ("整改任务进展情况表（区水利局）", "区水利局"),
        ("附件2 整改进展情况表【区财政局】", "区财政局"),
        ("中共重庆市永川区纪律检查委员会", "区纪委监委"),
        ("临江河综合整治指挥部", "临江河指挥部办公室"),
    ] {
        assert_eq!(
            plan.units.resolve(written),
            NameMatch::Unit(unit.into()),
            "{written}"
        );
    }
    // Two units in brackets: neither is guessed.
    assert_eq!(
        plan.units.resolve("进展表（区水利局）（区财政局）"),
        NameMatch::Unknown
    );
}

#[test]
fn unknown_and_ambiguous_names_are_not_guessed() {
    let plan = plan();
    assert_eq!(plan.units.resolve("区教委"), NameMatch::Unknown);
    // A two-character name (农委) counts inside a text only after 区.
    assert_eq!(plan.units.resolve("农委会议纪要"), NameMatch::Unknown);
    // Two units named together: neither is guessed (区水利局 was).
    assert!(matches!(
        plan.units.resolve("区农委、区水利局"),
        NameMatch::Ambiguous(_)
    ));
    assert_eq!(
        plan.units.resolve("何梗镇"),
        NameMatch::Unknown,
        "梗 is not 埂"
    );
    assert_eq!(plan.units.resolve(""), NameMatch::Unknown);
    // A short name starting several units' names is not guessed; a town written
    // without its 镇 is the town.
    assert_eq!(plan.units.resolve("区农"), NameMatch::Unknown);
    assert_eq!(plan.units.resolve("三教"), NameMatch::Unit("三教镇".into()));
    match plan.units.resolve("区水利局、区财政局") {
        NameMatch::Ambiguous(mut c) => {
            c.sort();
            let mut expected = vec!["区水利局".to_string(), "区财政局".to_string()];
            expected.sort();
            assert_eq!(c, expected);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn expected_units_cover_every_named_unit() {
    let plan = plan();
    let expected = plan.expected_units();
    assert_eq!(expected.len(), 52);
    let water: Vec<u32> = plan
        .tasks_of("区水利局")
        .iter()
        .map(|(t, _)| t.id)
        .collect();
    assert_eq!(water, vec![18, 20, 21, 23, 24, 26, 48, 49, 53, 55, 57]);
}

// ---- the binary: broken tables give a clear error and exit status 2 -------------

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rectify"))
}

/// A copy of the shipped input with tasks.csv edited by `edit`.
fn broken_input(edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["plan.toml", "units.toml"] {
        std::fs::copy(repo().join("input").join(f), dir.path().join(f)).unwrap();
    }
    let csv = std::fs::read_to_string(repo().join("input/tasks.csv")).unwrap();
    std::fs::write(dir.path().join("tasks.csv"), edit(csv)).unwrap();
    dir
}

fn run_on(input: &Path) -> (i32, String, Vec<String>) {
    let out_dir = input.join("out");
    let out = bin()
        .args(["run", "--input"])
        .arg(input)
        .arg("--output")
        .arg(&out_dir)
        .output()
        .unwrap();
    let written = std::fs::read_dir(&out_dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        written,
    )
}

fn replace_line(csv: &str, line: usize, f: impl Fn(&str) -> String) -> String {
    csv.lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == line { f(l) } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn broken_tables_name_row_and_column() {
    type Edit = Box<dyn Fn(String) -> String>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "missing column",
            Box::new(|c: String| c.replacen("完成时限,", "", 1)),
            "第1行“完成时限”列：缺少此列",
        ),
        (
            "duplicate id",
            Box::new(|c: String| replace_line(&c, 4, |l| l.replacen("3,", "2,", 1))),
            "第4行“序号”列：序号2重复",
        ),
        (
            "empty measure",
            Box::new(|c: String| replace_line(&c, 9, |_| "8,,,2020年9月底,,区农业农村委,".into())),
            "第9行“具体举措”列：为空",
        ),
        (
            "bad deadline",
            Box::new(|c: String| c.replacen("2021年12月底", "明年", 1)),
            "第3行“完成时限”列：无法识别“明年”",
        ),
        (
            "unknown unit",
            Box::new(|c: String| c.replacen("何埂镇,区农业农村委", "何梗镇,区农业农村委", 1)),
            "第4行“责任单位”列：单位“何梗镇”不在单位名录",
        ),
    ];
    for (name, edit, expected) in cases {
        let dir = broken_input(edit);
        let (code, stderr, written) = run_on(dir.path());
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stderr.contains("tasks.csv"), "{name}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{name}: expected {expected:?} in {stderr}"
        );
        assert!(
            written.is_empty(),
            "{name}: nothing is written, found {written:?}"
        );
    }
}

/// The seed table as the bureau keeps it in a workbook (title row, merged category
/// cells); `cell(ws, row, task_index)` may write a row's 完成时限 itself (returns true).
fn write_seed_xlsx(
    path: &Path,
    deadline: impl Fn(&mut rust_xlsxwriter::Worksheet, u32, usize) -> bool,
) {
    let seed = seed_rows();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "整改任务分解表").unwrap();
    let header = [
        "序号",
        "重点任务",
        "具体举措",
        "完成时限",
        "牵头单位",
        "责任单位",
        "配合单位",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let mut last_cat = String::new();
    for (i, row) in seed.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write_number(r, 0, row[0].parse::<f64>().unwrap())
            .unwrap();
        if row[1] != last_cat {
            ws.write_string(r, 1, &row[1]).unwrap();
            last_cat = row[1].clone();
        }
        for (c, text) in row.iter().enumerate().skip(2) {
            if c == 3 && deadline(ws, r, i) {
                continue;
            }
            if !text.is_empty() {
                ws.write_string(r, c as u16, text).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn deadlines_written_as_excel_dates_are_read() {
    // 完成时限 as a date cell, as 2020/12/31 and as 2020-12-31: all read as the date.
    let dir = broken_input(|c| c);
    std::fs::remove_file(dir.path().join("tasks.csv")).unwrap();
    write_seed_xlsx(&dir.path().join("tasks.xlsx"), |ws, r, i| {
        match i {
            0 => {
                let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2020, 12, 31).unwrap();
                let f = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d");
                ws.write_datetime_with_format(r, 3, &date, &f).unwrap();
            }
            1 => {
                ws.write_string(r, 3, "2020/12/31").unwrap();
            }
            2 => {
                ws.write_string(r, 3, "2020-12-31").unwrap();
            }
            _ => return false,
        }
        true
    });
    let plan = load_plan(dir.path()).expect("dates are accepted");
    for id in 1..=3 {
        let d = &plan.task(id).unwrap().deadline;
        assert_eq!(
            d.due,
            chrono::NaiveDate::from_ymd_opt(2020, 12, 31),
            "task {id}"
        );
        assert_eq!(d.text, "2020年12月31日", "task {id}");
    }
}

#[test]
fn both_task_tables_present_says_which_is_used() {
    let dir = broken_input(|c| c);
    write_seed_xlsx(&dir.path().join("tasks.xlsx"), |_, _, _| false);
    std::fs::create_dir(dir.path().join("returns")).unwrap();
    let out = bin()
        .args(["tasks", "--input"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("使用的是 tasks.csv（tasks.xlsx 没有读取）"),
        "{err}"
    );
    std::fs::remove_file(dir.path().join("tasks.csv")).unwrap();
    let out = bin()
        .args(["tasks", "--input"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.stderr.is_empty(), "one table, no note");
}

#[test]
fn the_task_table_also_loads_from_xlsx() {
    // The bureau keeps the table as a workbook: title row, merged category cells.
    let dir = broken_input(|c| c);
    std::fs::remove_file(dir.path().join("tasks.csv")).unwrap();
    write_seed_xlsx(&dir.path().join("tasks.xlsx"), |_, _, _| false);
    let from_xlsx = load_plan(dir.path()).expect("xlsx table loads");
    // The xlsx has no 简称 column: its short names are derived, everything else is equal.
    let without_names = |tasks: &[rectify::plan::Task]| -> Vec<rectify::plan::Task> {
        tasks
            .iter()
            .cloned()
            .map(|mut t| {
                t.short_name.clear();
                t
            })
            .collect()
    };
    assert_eq!(
        without_names(&from_xlsx.tasks),
        without_names(&plan().tasks)
    );
    let derived: std::collections::BTreeSet<&str> = from_xlsx
        .tasks
        .iter()
        .map(|t| t.short_name.as_str())
        .collect();
    assert_eq!(derived.len(), 63, "derived short names are unique");
    assert_eq!(
        from_xlsx.task(42).unwrap().short_name,
        "完成城南污水处理厂建设"
    );
    assert_eq!(
        from_xlsx.task(24).unwrap().short_name,
        "个别河段拦河养鱼问题"
    );
}

#[test]
fn the_shipped_table_gives_every_task_a_short_name() {
    let plan = plan();
    let names: std::collections::BTreeSet<&str> =
        plan.tasks.iter().map(|t| t.short_name.as_str()).collect();
    assert_eq!(names.len(), 63, "the 简称 column names every task once");
    assert_eq!(plan.task(42).unwrap().short_name, "城南污水处理厂建设");
    for t in &plan.tasks {
        let n = t.short_name.chars().count();
        assert!((4..=20).contains(&n), "task {}: {}", t.id, t.short_name);
        assert!(!t.short_name.contains('…'), "task {}", t.id);
    }
}

#[test]
fn tasks_json_has_the_documented_shape() {
    let out = bin()
        .args(["tasks", "--json", "--input"])
        .arg(repo().join("input"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tasks = v.as_array().unwrap();
    assert_eq!(tasks.len(), 63);
    let t1 = &tasks[0];
    assert_eq!(t1["id"], 1);
    assert_eq!(t1["deadline"]["due"], "2020-12-31");
    assert_eq!(t1["deadline"]["ongoing"], true);
    assert_eq!(t1["lead"], serde_json::json!(["区农业农村委"]));
    assert_eq!(t1["responsible"].as_array().unwrap().len(), 23);
    assert_eq!(t1["assigned_text"]["responsible"], "各镇街");
    assert_eq!(tasks[3]["deadline"]["due"], serde_json::Value::Null);

    let out = bin()
        .args(["tasks", "--unit", "重庆市永川区水利局", "--input"])
        .arg(repo().join("input"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("区水利局：共11项任务（牵头1项，责任7项，配合3项）"),
        "{text}"
    );
    let out = bin()
        .args(["tasks", "--unit", "区教委", "--input"])
        .arg(repo().join("input"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("单位名录中没有“区教委”"));
}
