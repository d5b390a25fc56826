//! Writes the xlsx sources of the .xls/.ods test fixtures (Rust cannot write
//! those formats; scripts/convert-demo-formats.sh converts them with
//! LibreOffice). Usage: `cargo run --example make_test_fixtures -- DIR`.
//!
//! Writes DIR/standard.xlsx and DIR/two_row_header.xlsx. Their content is
//! described cell by cell in tests/fixtures/README.md: keep the two in step.

use anyhow::{bail, Context, Result};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};
use std::path::{Path, PathBuf};

struct Task {
    category: String,
    measure: String,
    deadline: String,
}

fn load(id: u32) -> Result<Task> {
    let mut rdr = csv::Reader::from_path("input/tasks.csv").context("input/tasks.csv")?;
    for rec in rdr.records() {
        let rec = rec?;
        if rec[0].trim() == id.to_string() {
            return Ok(Task {
                category: rec[1].to_string(),
                measure: rec[2].to_string(),
                deadline: rec[3].to_string(),
            });
        }
    }
    bail!("task {id} not in input/tasks.csv")
}

/// A year-month-day date.
type Ymd = (u16, u8, u8);

/// (序号, 整改进展情况, 完成状态, 完成时间)
const ROWS: [(u32, &str, &str, Option<Ymd>); 3] = [
    (
        20,
        "长征渠引水工程已纳入《重庆市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（征求意见稿）》。",
        "已完成",
        Some((2020, 11, 30)),
    ),
    (
        21,
        "全区27座小水电站已完成清理整改，生态流量实行实时监管。",
        "长期坚持",
        None,
    ),
    (
        26,
        "《永川区水库消落带治理专项规划》初稿已完成，正在征求意见。",
        "正在推进",
        None,
    ),
];

struct Fmts {
    title: Format,
    header: Format,
    cell: Format,
    date: Format,
}

fn fmts() -> Fmts {
    let boxed = Format::new()
        .set_font_name("宋体")
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    Fmts {
        title: Format::new()
            .set_font_name("宋体")
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center),
        header: boxed.clone().set_bold().set_align(FormatAlign::Center),
        date: boxed.clone().set_num_format("yyyy-mm-dd"),
        cell: boxed,
    }
}

fn book() -> Result<Workbook> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2020, 12, 3)?.and_hms(9, 0, 0)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    Ok(wb)
}

/// Writes the data rows from `first_row`, columns starting at `measure_col`
/// (序号 is always column A).
fn data(ws: &mut Worksheet, f: &Fmts, first_row: u32, measure_col: u16) -> Result<()> {
    for (i, (id, progress, status, date)) in ROWS.iter().enumerate() {
        let t = load(*id)?;
        let r = first_row + i as u32;
        let c = measure_col;
        ws.write_number_with_format(r, 0, *id as f64, &f.cell)?;
        ws.write_string_with_format(r, c, &t.measure, &f.cell)?;
        ws.write_string_with_format(r, c + 1, &t.deadline, &f.cell)?;
        ws.write_string_with_format(r, c + 2, *progress, &f.cell)?;
        ws.write_string_with_format(r, c + 3, *status, &f.cell)?;
        match date {
            Some((y, m, d)) => {
                ws.write_datetime_with_format(
                    r,
                    c + 4,
                    ExcelDateTime::from_ymd(*y, *m, *d)?,
                    &f.date,
                )?;
            }
            None => {
                ws.write_blank(r, c + 4, &f.cell)?;
            }
        }
    }
    Ok(())
}

fn standard(dir: &Path) -> Result<()> {
    let f = fmts();
    let mut wb = book()?;
    let ws = wb.add_worksheet().set_name("Sheet1")?;
    ws.merge_range(0, 0, 0, 5, "永川区水污染防治整改进展情况表", &f.title)?;
    ws.write_string(
        1,
        0,
        "填报单位：区水利局（盖章）    填报日期：2020年12月3日",
    )?;
    let header = [
        "序号",
        "具体举措",
        "完成时限",
        "整改进展情况",
        "完成状态",
        "完成时间",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &f.header)?;
    }
    data(ws, &f, 3, 1)?;
    wb.save(dir.join("standard.xlsx"))?;
    Ok(())
}

fn two_row_header(dir: &Path) -> Result<()> {
    let f = fmts();
    let mut wb = book()?;
    let ws = wb.add_worksheet().set_name("Sheet1")?;
    ws.merge_range(0, 0, 0, 6, "永川区水污染防治整改进展情况表", &f.title)?;
    ws.write_string(
        1,
        0,
        "填报单位：区水利局（盖章）    填报日期：2020年12月3日",
    )?;
    for (c, h) in ["序号", "重点任务", "具体举措", "完成时限"]
        .iter()
        .enumerate()
    {
        ws.merge_range(2, c as u16, 3, c as u16, h, &f.header)?;
    }
    ws.merge_range(2, 4, 2, 6, "整改落实情况", &f.header)?;
    for (c, h) in ["整改进展情况", "完成状态", "完成时间"].iter().enumerate() {
        ws.write_string_with_format(3, 4 + c as u16, *h, &f.header)?;
    }
    data(ws, &f, 4, 2)?;
    let category = load(20)?.category;
    ws.merge_range(4, 1, 6, 1, &category, &f.cell)?;
    wb.save(dir.join("two_row_header.xlsx"))?;
    Ok(())
}

fn main() -> Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .context("usage: make_test_fixtures DIR")?,
    );
    std::fs::create_dir_all(&dir)?;
    standard(&dir)?;
    two_row_header(&dir)?;
    println!("standard.xlsx\ntwo_row_header.xlsx");
    Ok(())
}
