//! Writes a deterministic, realistic demo set of progress returns (填报表) for
//! the 63 tasks of 永川府办发〔2020〕82号 into a folder.
//!
//! Usage: `cargo run --example make_demo_returns -- input/returns [--staging DIR]`
//!
//! Every return exercises one or more of the sheet habits described in
//! shared/DOMAIN.md. Two returns (区生态环境局, 区河长办) end up as .xls and
//! .ods; Rust cannot write those formats, so with `--staging DIR` they are
//! written there as .xlsx for `scripts/convert-demo-formats.sh` to convert.
//! Without `--staging` they are skipped. The set is described in
//! examples/README-demo-returns.md.

use anyhow::{bail, Context, Result};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const TITLE: &str = "永川区水污染防治整改进展情况表";

// ---------------------------------------------------------------- the plan

struct Task {
    id: u32,
    category: String,
    measure: String,
    deadline: String,
    lead: Vec<String>,
    responsible: Vec<String>,
    cooperating: Vec<String>,
}

struct Plan {
    tasks: Vec<Task>,
}

/// The members of the groups the task table names, from `input/units.toml` (the same
/// directory rectify loads).
struct Groups {
    towns: Vec<String>,
    centres: Vec<String>,
}

impl Groups {
    fn load(input: &Path) -> Result<Groups> {
        let plan = rectify::plan::load_plan(input).map_err(|e| anyhow::anyhow!("{e}"))?;
        let members = |name: &str| -> Result<Vec<String>> {
            Ok(plan
                .units
                .group(name)
                .with_context(|| format!("units.toml has no group {name}"))?
                .members
                .clone())
        };
        Ok(Groups {
            towns: members("各镇街")?,
            centres: members("各产业促进中心")?,
        })
    }
}

/// Splits a 、-separated unit list and expands the group names. Unlike the plan's
/// strict reading, 相关镇街 and a trailing 等区级部门及各镇街 count every town here: the
/// demo has towns report on such tasks, which ingest must accept.
fn expand(list: &str, groups: &Groups) -> Vec<String> {
    let mut out = Vec::new();
    for raw in list.split('、').map(str::trim).filter(|s| !s.is_empty()) {
        let mut item = raw;
        let mut add_towns = false;
        if let Some(head) = item.strip_suffix("等区级部门及各镇街") {
            item = head;
            add_towns = true;
        } else if let Some(head) = item.strip_suffix('等') {
            item = head;
        }
        match item {
            "各镇街" | "相关镇街" => add_towns = true,
            "各产业促进中心" => out.extend(groups.centres.iter().cloned()),
            "区市场管理局" => out.push("区市场监管局".to_string()),
            _ => out.push(item.to_string()),
        }
        if add_towns {
            out.extend(groups.towns.iter().cloned());
        }
    }
    out
}

impl Plan {
    fn load(path: &Path, groups: &Groups) -> Result<Plan> {
        let mut rdr = csv::Reader::from_path(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut tasks = Vec::new();
        for rec in rdr.records() {
            let rec = rec?;
            tasks.push(Task {
                id: rec[0].trim().parse().context("bad 序号")?,
                category: rec[1].to_string(),
                measure: rec[2].to_string(),
                deadline: rec[3].to_string(),
                lead: expand(&rec[4], groups),
                responsible: expand(&rec[5], groups),
                cooperating: expand(&rec[6], groups),
            });
        }
        if tasks.len() != 63 {
            bail!("expected 63 tasks, found {}", tasks.len());
        }
        Ok(Plan { tasks })
    }

    fn task(&self, id: u32) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    fn assigned(&self, unit: &str, id: u32) -> bool {
        self.task(id).is_some_and(|t| {
            t.lead
                .iter()
                .chain(&t.responsible)
                .chain(&t.cooperating)
                .any(|u| u == unit)
        })
    }

    /// Fails unless every row is one of the unit's real tasks (rows marked
    /// `stray` are the deliberate exceptions).
    fn check(&self, unit: &str, rows: &[Row]) -> Result<()> {
        for r in rows {
            if !r.stray && !self.assigned(unit, r.id) {
                bail!("{unit} is not assigned task {}", r.id);
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- rows

#[derive(Clone)]
enum D {
    None,
    /// A real date cell.
    Cell(u16, u8, u8),
    /// A text cell.
    Text(&'static str),
    /// A plain number (20200930, or an Excel serial without date format).
    Num(f64),
}

#[derive(Clone)]
struct Row {
    id: u32,
    /// 序号 as written when it differs from the plan's id (renumbered rows).
    no: Option<u32>,
    measure: Option<String>,
    deadline: Option<String>,
    progress: String,
    status: String,
    date: D,
    note: String,
    /// Deliberately not one of the unit's tasks (or not in the plan at all).
    stray: bool,
}

fn r(id: u32, status: &str, date: D, progress: &str) -> Row {
    Row {
        id,
        no: None,
        measure: None,
        deadline: None,
        progress: progress.to_string(),
        status: status.to_string(),
        date,
        note: String::new(),
        stray: false,
    }
}

impl Row {
    fn note(mut self, note: &str) -> Row {
        self.note = note.to_string();
        self
    }
}

// ---------------------------------------------------------------- layouts

#[derive(Clone, Copy, PartialEq)]
enum Col {
    No,
    Category,
    Measure(&'static str),
    Deadline,
    Progress(&'static str),
    Status(&'static str),
    Date(&'static str),
    Note,
}

impl Col {
    fn label(self) -> &'static str {
        match self {
            Col::No => "序号",
            Col::Category => "重点任务",
            Col::Deadline => "完成时限",
            Col::Note => "备注",
            Col::Measure(s) | Col::Progress(s) | Col::Status(s) | Col::Date(s) => s,
        }
    }
    fn width(self) -> f64 {
        match self {
            Col::No => 6.0,
            Col::Category => 16.0,
            Col::Measure(_) => 44.0,
            Col::Deadline => 16.0,
            Col::Progress(_) => 56.0,
            Col::Status(_) => 12.0,
            Col::Date(_) => 15.0,
            Col::Note => 14.0,
        }
    }
}

struct Layout {
    title: String,
    /// Cells of the 填报单位 row: one entry is merged across the sheet.
    unit_row: Vec<(u16, String)>,
    blank_before_header: bool,
    cols: Vec<Col>,
    /// 整改落实情况 over 整改进展情况|完成状态|完成时间, other headers merged down.
    two_row_header: bool,
    merge_category: bool,
    /// Blank rows after these data rows (0-based).
    spacer_after: Vec<usize>,
    notes: Vec<String>,
    date_format: &'static str,
}

fn standard_cols() -> Vec<Col> {
    vec![
        Col::No,
        Col::Category,
        Col::Measure("具体举措"),
        Col::Deadline,
        Col::Progress("整改进展情况"),
        Col::Status("完成状态"),
        Col::Date("完成时间"),
        Col::Note,
    ]
}

fn unit_line(unit: &str, filed: &str) -> Vec<(u16, String)> {
    vec![(0, format!("填报单位：{unit}    填报日期：{filed}"))]
}

impl Layout {
    fn new(title: &str, unit_row: Vec<(u16, String)>, cols: Vec<Col>) -> Layout {
        Layout {
            title: title.to_string(),
            unit_row,
            blank_before_header: false,
            cols,
            two_row_header: false,
            merge_category: false,
            spacer_after: Vec::new(),
            notes: Vec::new(),
            date_format: "yyyy年m月d日",
        }
    }
}

struct Fmts {
    title: Format,
    plain: Format,
    header: Format,
    cell: Format,
    center: Format,
    note: Format,
}

fn fmts() -> Fmts {
    let base = Format::new().set_font_name("宋体").set_font_size(11);
    let boxed = base
        .clone()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    Fmts {
        title: base
            .clone()
            .set_font_name("方正小标宋_GBK")
            .set_font_size(18)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        plain: base.clone().set_align(FormatAlign::VerticalCenter),
        header: boxed.clone().set_bold().set_align(FormatAlign::Center),
        cell: boxed.clone(),
        center: boxed.set_align(FormatAlign::Center),
        note: base.set_text_wrap(),
    }
}

fn write_sheet(ws: &mut Worksheet, plan: &Plan, lay: &Layout, rows: &[Row]) -> Result<()> {
    let f = fmts();
    let last = lay.cols.len() as u16 - 1;
    for (c, col) in lay.cols.iter().enumerate() {
        ws.set_column_width(c as u16, col.width())?;
    }
    ws.merge_range(0, 0, 0, last, &lay.title, &f.title)?;
    ws.set_row_height(0, 36)?;
    let mut r: u32 = 1;
    if !lay.unit_row.is_empty() {
        if lay.unit_row.len() == 1 {
            ws.merge_range(1, 0, 1, last, &lay.unit_row[0].1, &f.plain)?;
        } else {
            for (c, s) in &lay.unit_row {
                ws.write_string_with_format(1, *c, s, &f.plain)?;
            }
        }
        ws.set_row_height(1, 30)?;
        r = 2;
    }
    if lay.blank_before_header {
        r += 1;
    }
    if lay.two_row_header {
        let first = lay
            .cols
            .iter()
            .position(|c| matches!(c, Col::Progress(_)))
            .context("two-row header needs a progress column")?;
        let lastg = lay
            .cols
            .iter()
            .rposition(|c| matches!(c, Col::Date(_) | Col::Status(_)))
            .context("two-row header needs a status or date column")?;
        for (c, col) in lay.cols.iter().enumerate() {
            if (first..=lastg).contains(&c) {
                ws.write_string_with_format(r + 1, c as u16, col.label(), &f.header)?;
            } else {
                ws.merge_range(r, c as u16, r + 1, c as u16, col.label(), &f.header)?;
            }
        }
        ws.merge_range(r, first as u16, r, lastg as u16, "整改落实情况", &f.header)?;
        r += 2;
    } else {
        for (c, col) in lay.cols.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, col.label(), &f.header)?;
        }
        r += 1;
    }
    let date_fmt = f.center.clone().set_num_format(lay.date_format);
    let mut placed = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let task = plan.task(row.id);
        for (c, col) in lay.cols.iter().enumerate() {
            let c = c as u16;
            match col {
                Col::No => {
                    ws.write_number_with_format(r, c, row.no.unwrap_or(row.id) as f64, &f.center)?;
                }
                Col::Category => {
                    let s = task.map(|t| t.category.as_str()).unwrap_or("");
                    ws.write_string_with_format(r, c, s, &f.cell)?;
                }
                Col::Measure(_) => {
                    let s = row
                        .measure
                        .as_deref()
                        .or(task.map(|t| t.measure.as_str()))
                        .unwrap_or("");
                    ws.write_string_with_format(r, c, s, &f.cell)?;
                }
                Col::Deadline => {
                    let s = row
                        .deadline
                        .as_deref()
                        .or(task.map(|t| t.deadline.as_str()))
                        .unwrap_or("");
                    ws.write_string_with_format(r, c, s, &f.center)?;
                }
                Col::Progress(_) => {
                    ws.write_string_with_format(r, c, &row.progress, &f.cell)?;
                }
                Col::Status(_) => {
                    ws.write_string_with_format(r, c, &row.status, &f.center)?;
                }
                Col::Date(_) => match &row.date {
                    D::None => {
                        ws.write_blank(r, c, &f.center)?;
                    }
                    D::Cell(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d)?;
                        ws.write_datetime_with_format(r, c, &dt, &date_fmt)?;
                    }
                    D::Text(s) => {
                        ws.write_string_with_format(r, c, *s, &f.center)?;
                    }
                    D::Num(n) => {
                        ws.write_number_with_format(r, c, *n, &f.center)?;
                    }
                },
                Col::Note => {
                    ws.write_string_with_format(r, c, &row.note, &f.cell)?;
                }
            }
        }
        placed.push((r, task.map(|t| t.category.clone()).unwrap_or_default()));
        r += 1;
        if lay.spacer_after.contains(&i) {
            r += 1;
        }
    }
    if lay.merge_category {
        if let Some(c) = lay.cols.iter().position(|c| *c == Col::Category) {
            let mut i = 0;
            while i < placed.len() {
                let mut j = i;
                while j + 1 < placed.len()
                    && placed[j + 1].1 == placed[i].1
                    && placed[j + 1].0 == placed[j].0 + 1
                {
                    j += 1;
                }
                if j > i {
                    ws.merge_range(
                        placed[i].0,
                        c as u16,
                        placed[j].0,
                        c as u16,
                        &placed[i].1,
                        &f.center,
                    )?;
                }
                i = j + 1;
            }
        }
    }
    if !lay.notes.is_empty() {
        r += 1;
        for note in &lay.notes {
            ws.merge_range(r, 0, r, last, note, &f.note)?;
            r += 1;
        }
    }
    Ok(())
}

fn workbook(filed: (u16, u8, u8)) -> Result<Workbook> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(filed.0, filed.1, filed.2)?.and_hms(9, 30, 0)?;
    let props = DocProperties::new()
        .set_author("Administrator")
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    Ok(wb)
}

struct Out {
    dir: PathBuf,
    staging: Option<PathBuf>,
    written: Vec<String>,
    covered: BTreeSet<u32>,
}

impl Out {
    fn save(&mut self, wb: &mut Workbook, name: &str, rows: &[&[Row]]) -> Result<()> {
        wb.save(self.dir.join(name))?;
        self.record(name, rows);
        Ok(())
    }
    fn record(&mut self, name: &str, rows: &[&[Row]]) {
        for row in rows.iter().flat_map(|r| r.iter()) {
            if !row.stray {
                self.covered.insert(row.id);
            }
        }
        self.written.push(name.to_string());
    }
}

/// Writes one single-sheet return in `lay`.
fn single(
    out: &mut Out,
    plan: &Plan,
    name: &str,
    filed: (u16, u8, u8),
    unit: &str,
    lay: &Layout,
    rows: &[Row],
) -> Result<()> {
    plan.check(unit, rows)?;
    let mut wb = workbook(filed)?;
    write_sheet(wb.add_worksheet().set_name("整改进展")?, plan, lay, rows)?;
    out.save(&mut wb, name, &[rows])
}

// ---------------------------------------------------------------- a simple LCG

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

// ---------------------------------------------------------------- the returns

fn agriculture(out: &mut Out, plan: &Plan) -> Result<()> {
    let rows = vec![
        r(1, "已完成并长期坚持", D::Cell(2020, 11, 20), "已出台《永川区水产养殖尾水治理工作方案》《关于促进水产养殖业绿色发展的实施意见》，明确养殖尾水达标排放要求。全区完成池塘标准化改造3200亩，建成尾水处理设施46处、底排污设施18套，推广稻渔综合种养1.2万亩。下一步将持续开展生态健康养殖示范创建。"),
        r(4, "长期坚持", D::None, "2020年完成测土配方施肥技术推广86万亩次，技术覆盖率达92%；推广有机肥替代化肥2.1万亩，化肥使用量较上年减少1.3%。在茶叶、柑橘等经济作物基地新建水肥一体化设施3200亩。"),
        r(5, "正在推进", D::None, "已完成全区农田排灌沟渠摸底调查，梳理需整治沟渠186公里。结合高标准农田建设，已新建及整治排灌沟渠142公里、新建蓄水池38口，剩余工程正在加紧施工，预计12月底前完工。"),
        r(6, "长期坚持", D::None, "严格执行生猪定点屠宰厂“只减不增”要求，2020年未新增屠宰厂点，全区保留生猪定点屠宰厂6家。编制屠宰厂布点规划时充分衔接流域水环境承载能力，对临近河道的2家屠宰场提出限期迁建要求。"),
        r(7, "已办结", D::Cell(2020, 10, 16), "已会同区生态环境局、相关镇街对正绿农产品有限公司、亚冠食品有限公司未批先建问题开展调查，依法下达责令改正通知书2份。两家企业已停止建设并补办环评审批手续，案件已办结。"),
        r(8, "已完成", D::Cell(2020, 9, 28), "委托专业机构编制完成《永川区生猪屠宰厂（场）布点专项规划（2020—2025年）》，经专家评审并报区政府同意后印发实施。"),
        r(9, "常态化推进", D::None, "联合区商务委、区市场监管局、区生态环境局建立联合执法工作机制，今年以来开展联合执法检查21次，查处私屠滥宰案件4件、肥水养鱼案件3件，移送公安机关1件。"),
        r(10, "已整改到位", D::Cell(2020, 9, 25), "会同卫星湖街道、区市场监管局对石脚迹村家禽宰杀作坊依法查处，没收宰杀工具，作坊已于9月关停取缔。现场已完成清理消毒，周边沟渠水质恢复正常。"),
        r(11, "基本完成", D::None, "已印发《永川区分散式畜禽养殖污染防治长效管理办法》，明确镇街属地管理责任和巡查频次。21个镇街已建立分散养殖户台账3860户，剩余2个镇街正在完善台账信息。"),
        r(22, "持续推进", D::None, "将冬水田保护纳入耕地地力保护补贴政策，2020年全区保留冬水田4.6万亩。指导镇街因地制宜实施冬水田蓄水，有效补充枯水期河道水源。"),
        r(54, "按序时推进", D::None, "已在9个重点水产养殖镇街布设水质监测点32个，每季度开展一次养殖水体监测。今年以来开展渔业执法检查56次，查处违规养殖行为5起。水质监测预警平台正在建设，计划12月底投入使用。"),
    ];
    let lay = Layout::new(
        TITLE,
        unit_line("区农业农村委（盖章）", "2020年12月5日"),
        standard_cols(),
    );
    single(
        out,
        plan,
        "区农业农村委.xlsx",
        (2020, 12, 5),
        "区农业农村委",
        &lay,
        &rows,
    )
}

fn housing(out: &mut Out, plan: &Plan) -> Result<()> {
    let rows = vec![
        r(30, "已完成", D::Text("2020年9月30日"), "已建立全区排水信息清单，录入排水户2146户、排水管网1285公里。督促各镇街完成场镇污水管网排查，建立问题清单、责任清单，分类制定整改方案23个。"),
        r(31, "正在推进", D::None, "配合临江河指挥部办公室推进老城区雨污分流改造，已完成萱花路、人民大道等片区管网改造18.6公里，修复破损及错接漏接点位312处。智慧排水系统一期平台已完成招标，正在开展设备安装。"),
        r(32, "已完成并长期坚持", D::Text("2020年11月27日"), "已印发《永川区排水管网工程建设管理办法（试行）》，对管材选用、施工质量、竣工验收实行全过程监管。严格落实环保“三同时”制度，新建小区污水设施未经验收不得办理竣工验收备案。"),
        r(33, "已完成", D::Text("2020年9月18日"), "《永川区海绵城市建设专项规划（2020—2035年）》已编制完成，经区规委会审议通过，9月18日由区政府批复实施。"),
        r(34, "长期坚持", D::None, "联合各镇街开展阳台污水错接专项巡查，今年以来排查住宅小区236个，督促整改阳台违规改造1420户，对拒不整改的3户移交综合执法部门处理。"),
        r(35, "推进中", D::None, "已摸排工程封盖河道周边污水管网46.3公里，发现破损、缺失点位87处，已完成补建修复69处。剩余18处正在施工，计划12月底前全部完成。"),
        r(37, "已销号", D::Text("2020年9月29日"), "经排查，双石污水处理厂溢流系进水量超设计规模及场镇雨污混流所致。已完成调节池扩容和场镇主干管截污改造，溢流问题已解决，经区级验收同意销号。"),
        r(38, "正在推进", D::None, "石庙污水处理站溢流原因已查明，主要为管网雨水混入及设备老化。已更换提升泵2台；截流管网改造工程因征地协调进度滞后，目前完成工程量的70%，预计2021年1月完工。"),
        r(39, "持续推进", D::None, "2020年已建成农村居民集聚点污水处理设施32座，新增处理能力1860吨/日，已建设施全部纳入第三方统一运维。"),
        r(40, "已完成", D::Text("2020年11月30日"), "已修订《永川区城乡污水处理服务费拨付管理办法》，将出水水质达标率、运行负荷率纳入考核，按月考核、按季付费，考核结果与服务费直接挂钩。"),
        r(41, "已完成", D::Text("2020年10月28日"), "已对全区65座污水处理厂（站）进水情况逐一分析，对进水量不足、浓度偏低的12个镇街完成收水情况论证，形成论证报告并提出管网完善措施。"),
        r(46, "按序时推进", D::None, "已招录排水监管专业技术人员6名，举办污水处理运维培训班4期、培训280人次，建立运维人员持证上岗和年度考核制度。"),
        r(48, "已完成", D::Text("2020年10月15日"), "已按区生态环境局要求报送城乡污水处理设施建设规划内容，纳入全区水污染防治规划。").note("配合事项"),
    ];
    let mut lay = Layout::new(
        TITLE,
        unit_line("重庆市永川区住房和城乡建设委员会（盖章）", "2020年12月7日"),
        standard_cols(),
    );
    lay.two_row_header = true;
    lay.merge_category = true;
    single(
        out,
        plan,
        "永川区住建委整改进展情况.xlsx",
        (2020, 12, 7),
        "区住房城乡建委",
        &lay,
        &rows,
    )
}

fn city_management(out: &mut Out, plan: &Plan) -> Result<()> {
    let rows = vec![
        r(19, "已完成", D::Text("2020.9.28"), "督促重庆市永川区三峰环保发电有限公司建成芋荷湾生活垃圾填埋场渗漏液备用应急收集池，容积2000立方米，已于9月28日通过验收。").note("配合事项"),
        r(28, "已完成", D::Text("2020.9.30"), "已印发《永川区河道漂浮物清理长效监管考核办法》，将漂浮物清理纳入镇街城乡环境综合整治月度考核，每月通报考核结果。"),
        r(43, "已完成", D::Text("2020-9-30"), "已出台《永川区餐厨垃圾收运处置管理办法》，全区1860家餐饮单位签订餐厨垃圾收运协议，日均收运餐厨垃圾65吨，实现城区收运全覆盖。"),
        r(44, "长期坚持", D::None, "开展餐饮油污直排专项整治，今年以来检查餐饮店3200余家次，督促安装油水分离装置426套，立案查处违法排放行为37起。"),
        r(45, "正在推进", D::None, "已完成河道两岸化粪池排查，共412座，已清掏356座。通过政府购买服务引入2家专业清掏公司，新购置吸污车3台，剩余化粪池计划12月底前清掏完毕。"),
    ];
    let mut lay = Layout::new(
        TITLE,
        unit_line("永川区城管局", "2020年12月4日"),
        vec![
            Col::No,
            Col::Measure("具体举措"),
            Col::Deadline,
            Col::Progress("整改进展情况"),
            Col::Status("完成状态"),
            Col::Date("完成时间"),
            Col::Note,
        ],
    );
    lay.blank_before_header = true;
    lay.spacer_after = vec![0, 2];
    lay.notes = vec![
        "填表说明：1.完成状态填写已完成、正在推进、长期坚持或未启动；2.已完成的事项请注明完成时间。".into(),
        "注：第19项为配合事项，牵头单位为重庆市永川区三峰环保发电有限公司。".into(),
        "填表人：张三    联系电话：023-49812345    审核人：李四".into(),
    ];
    single(
        out,
        plan,
        "区城管局.xlsx",
        (2020, 12, 4),
        "区城市管理局",
        &lay,
        &rows,
    )
}

fn water(out: &mut Out, plan: &Plan) -> Result<()> {
    let rows = vec![
        r(18, "长期坚持", D::None, "联合区经济信息委推广工业节水技术，指导12家重点用水企业实施循环用水、串联用水改造，工业用水重复利用率提高到89%。严格执行计划用水和超定额累进加价制度。"),
        r(20, "正在推进", D::None, "长征渠引水工程已纳入成渝地区双城经济圈重大水利项目储备库。已与大足、荣昌联合向市水利局报送项目建议，积极争取纳入全市“十四五”规划纲要，前期工作正在推进。"),
        r(21, "已完成", D::Text("2020/9/30"), "全区纳入清理整改的小水电站27座已全部完成整改，其中退出9座、整改18座。保留电站均已安装生态流量泄放设施和在线监控，实现生态流量实时监管。"),
        r(23, "持续推进", D::None, "今年实施河堰修复12处、河堤加固8.6公里，对临江河、九龙河支流小沟渠开展清淤整治23条，完成投资3600万元。"),
        r(24, "已完成", D::Num(20200930.0), "会同各镇街开展拦河养鱼专项排查，共排查出拦河养鱼设施14处，已全部拆除，河道恢复原状。建立常态化巡查机制，防止问题反弹。"),
        r(26, "基本完成", D::None, "已委托专业设计单位编制《永川区水库消落带治理专项规划》，规划初稿已完成并征求相关部门意见，正在按专家意见修改完善，预计12月底报批。"),
        r(55, "已完成并长期坚持", D::Text("2020/9/25"), "已完成全区15个集中式饮用水水源地保护区划定和标志设置，对水厂出厂水、末梢水开展季度检测，水质达标率100%；对水源地上游2处排污口完成整治。"),
    ];
    plan.check("区水利局", &rows)?;
    let mut lay = Layout::new(
        TITLE,
        vec![
            (0, "填报单位：".into()),
            (1, "区水利局 ".into()),
            (4, "填报日期：".into()),
            (5, "2020年12月3日".into()),
        ],
        vec![
            Col::No,
            Col::Measure("具体举措"),
            Col::Deadline,
            Col::Progress("整改进展情况"),
            Col::Status("完成状态"),
            Col::Date("完成时间"),
            Col::Note,
        ],
    );
    lay.date_format = "yyyy/m/d";
    let mut wb = workbook((2020, 12, 3))?;
    let guide = wb.add_worksheet().set_name("填表说明")?;
    guide.set_column_width(0, 90)?;
    let lines = [
        "填表说明",
        "一、本表按《永川区水污染防治问题整改方案》（永川府办发〔2020〕82号）附件整改任务分解表填报，序号与分解表一致。",
        "二、“整改进展情况”请简要填写已采取的措施、取得的成效和下一步打算，不超过200字。",
        "三、“完成状态”请填写：已完成、正在推进、长期坚持、未启动。",
        "四、已完成的事项请在“完成时间”栏填写具体完成日期，并附佐证材料。",
        "五、请于2020年12月5日前将加盖公章的纸质件及电子件报区生态环境局。",
    ];
    for (i, line) in lines.iter().enumerate() {
        guide.write_string(i as u32, 0, *line)?;
    }
    write_sheet(wb.add_worksheet().set_name("整改进展")?, plan, &lay, &rows)?;
    out.save(&mut wb, "区水利局.xlsx", &[&rows])?;

    // The lock file Excel leaves beside an open workbook: a length-prefixed
    // user name, padded, then the name again in UTF-16LE, 165 bytes in all.
    let user = "zhangsan";
    let mut lock = vec![user.len() as u8];
    lock.extend_from_slice(user.as_bytes());
    lock.resize(55, b' ');
    lock.extend_from_slice(&[user.len() as u8, 0]);
    for u in user.encode_utf16() {
        lock.extend_from_slice(&u.to_le_bytes());
    }
    lock.resize(165, b' ');
    std::fs::write(out.dir.join("~$区水利局.xlsx"), lock)?;
    out.record("~$区水利局.xlsx", &[]);
    Ok(())
}

fn town_rows(town: &str, rng: &mut Lcg) -> Vec<Row> {
    let mut n = |lo, hi| rng.range(lo, hi);
    let mut rows = vec![
        r(1, "已完成", D::Cell(2020, 11, n(10, 28) as u8), &format!("辖区现有水产养殖池塘{}亩，已完成标准化改造{}亩，建成尾水处理设施{}处。督促养殖户落实生态健康养殖，养殖尾水经处理后达标排放。", n(900, 2400), n(300, 800), n(2, 6))),
        r(4, "长期坚持", D::None, &format!("配合区农业农村委推广测土配方施肥{}亩，在柑橘、茶叶基地推广水肥一体化设施{}亩。", n(12, 40) * 1000, n(60, 300))),
        r(5, "正在推进", D::None, &format!("完成农田排灌沟渠清淤整治{}公里，新建蓄水池{}口，剩余沟渠整治计划12月底前完成。", n(4, 15), n(1, 6))),
        r(11, "已完成", D::Cell(2020, 11, n(2, 25) as u8), &format!("已建立分散式畜禽养殖户台账{}户，落实村级巡查员{}名，每月开展一次巡查。", n(80, 260), n(8, 20))),
        r(22, "长期坚持", D::None, &format!("辖区保留冬水田{}亩，引导农户蓄水保田，补给枯水期河道水源。", n(12, 35) * 100)),
        r(23, "持续推进", D::None, &format!("完成辖区小沟渠清淤整治{}条，加固河堤{}米，对污染较重的支流沟渠实施截污。", n(3, 9), n(2, 9) * 100)),
        r(24, "已完成", D::Cell(2020, 9, n(15, 30) as u8), &format!("开展拦河养鱼自查，发现拦河养鱼设施{}处，已全部拆除，河道恢复原状。建立镇村两级巡查机制，防止问题反弹。", n(1, 3))),
        r(27, "已完成并长期坚持", D::Cell(2020, 9, n(20, 30) as u8), &format!("开展河道边、水库消落带开垦种植排查，清理违规种植{}亩，补植复绿河岸{}米。", n(10, 60), n(3, 12) * 100)),
        r(28, "已完成", D::Cell(2020, 9, n(10, 30) as u8), &format!("组建清漂队伍{}支、保洁员{}名，落实河道漂浮物日常清理，纳入村（社区）月度考核。", n(2, 5), n(10, 30))),
        r(30, "已完成", D::Cell(2020, 9, n(20, 30) as u8), &format!("完成场镇污水管网排查{}公里，建立问题清单{}项，已分类制定整改方案。", n(5, 18), n(6, 20))),
        r(34, "长期坚持", D::None, &format!("排查场镇居民阳台改造{}户，督促整改违规改造{}户。", n(120, 400), n(10, 45))),
        r(35, "推进中", D::None, &format!("摸排封盖河道周边管网{}米，发现破损点位{}处，已修复{}处，其余正在施工。", n(8, 30) * 100, n(6, 12), n(2, 5))),
        r(43, "已完成", D::Cell(2020, 9, n(20, 30) as u8), &format!("辖区{}家餐饮单位全部纳入餐厨垃圾收运体系，实现日产日清。", n(40, 160))),
        r(44, "长期坚持", D::None, &format!("检查场镇餐饮店{}家次，督促安装油水分离装置{}套。", n(60, 300), n(5, 30))),
        r(45, "正在推进", D::None, &format!("排查河道两岸化粪池{}座，已清掏{}座。", n(20, 40), n(10, 19))),
        r(56, "长期坚持", D::None, &format!("镇村两级河长累计巡河{}次，发现并解决问题{}个，开展污水乱排、岸线乱占、河道乱建“三乱”专项整治。", n(300, 900), n(10, 40))),
    ];
    // Per-town differences, as the three towns reported them.
    for row in rows.iter_mut() {
        match (town, row.id) {
            ("来苏镇", 45) => {
                row.status = "未启动".into();
                row.progress =
                    "清掏服务采购程序尚未完成，化粪池清掏工作未启动，计划12月中旬开展。".into();
            }
            ("宝峰镇", 27) => {
                row.status = "尚未开展".into();
                row.date = D::None;
                row.progress =
                    "涉及群众承包地调整，需与村社协商补偿方案，清理工作尚未开展。".into();
            }
            ("宝峰镇", 1) => {
                row.status = "基本完成".into();
                row.date = D::None;
            }
            ("双石镇", 35) => row.status = "持续整改".into(),
            ("双石镇", 5) => {
                row.status = "已完成".into();
                row.date = D::Cell(2020, 11, 30);
            }
            _ => {}
        }
    }
    if town == "双石镇" {
        let mut row = r(
            37,
            "已完成",
            D::Cell(2020, 9, 29),
            "配合区住房城乡建委完成场镇主干管截污改造1.2公里，双石污水处理厂溢流问题已解决。",
        );
        row.note = "配合事项".into();
        rows.insert(12, row);
    }
    rows
}

fn towns(out: &mut Out, plan: &Plan) -> Result<()> {
    let mut wb = workbook((2020, 12, 6))?;
    let mut rng = Lcg(20201206);
    let cols = vec![
        Col::No,
        Col::Measure("具体举措"),
        Col::Deadline,
        Col::Progress("整改进展情况"),
        Col::Status("完成状态"),
        Col::Date("完成时间"),
        Col::Note,
    ];
    let mut all = Vec::new();
    for town in ["来苏镇", "宝峰镇", "双石镇"] {
        let rows = town_rows(town, &mut rng);
        plan.check(town, &rows)?;
        let mut lay = Layout::new(
            &format!("{town}水污染防治整改任务进展情况"),
            Vec::new(),
            cols.clone(),
        );
        lay.date_format = "yyyy/m/d";
        write_sheet(wb.add_worksheet().set_name(town)?, plan, &lay, &rows)?;
        all.push(rows);
    }
    let refs: Vec<&[Row]> = all.iter().map(|v| v.as_slice()).collect();
    out.save(
        &mut wb,
        "镇街整改进展汇总（来苏镇、宝峰镇、双石镇）.xlsx",
        &refs,
    )
}

/// The measure's first clause, as a unit shortens it.
fn first_clause(s: &str) -> String {
    let end = s.find([',', '，', '。', ';', '；']).unwrap_or(s.len());
    s[..end].to_string()
}

fn zhongshan(out: &mut Out, plan: &Plan) -> Result<()> {
    let mut rows = vec![
        r(30, "已完成", D::Cell(2020, 9, 26), "完成辖区排水管网排查32.6公里，建立问题清单、责任清单各41项，已分类制定整改方案。"),
        r(31, "正在推进", D::None, "配合实施老城区雨污分流改造，辖区渝西大道、玉屏路片区改造管网6.2公里，完成老旧小区雨污分流改造9个，剩余4个小区正在施工。"),
        r(34, "长期坚持", D::None, "组织社区网格员开展阳台污水排查，排查小区58个，督促整改阳台违规改造312户。"),
        r(35, "推进中", D::None, "已摸排临江河封盖段周边管网3.8公里，发现破损点位12处，已修复9处，剩余3处12月底前完成。"),
        r(43, "已完成", D::Cell(2020, 9, 18), "辖区412家餐饮单位全部签订餐厨垃圾收运协议，实现收运全覆盖。"),
        r(44, "长期坚持", D::None, "联合区城管局开展餐饮油污直排巡查，检查餐饮店860家次，督促整改48家。"),
        r(56, "长期坚持", D::None, "落实街道、社区两级河长18名，今年以来巡河620次，发现并整改问题27个。"),
    ];
    for (i, row) in rows.iter_mut().enumerate() {
        row.no = Some(i as u32 + 1);
        if matches!(row.id, 30 | 31 | 56) {
            row.measure = plan.task(row.id).map(|t| first_clause(&t.measure));
        }
    }
    let lay = Layout::new(
        "中山路街道水污染防治整改任务完成情况",
        unit_line("重庆市永川区人民政府中山路街道办事处", "2020年12月1日"),
        vec![
            Col::No,
            Col::Measure("整改任务"),
            Col::Deadline,
            Col::Progress("整改进展"),
            Col::Status("完成情况"),
            Col::Date("完成时间"),
        ],
    );
    single(
        out,
        plan,
        "中山路街道整改情况.xlsx",
        (2020, 12, 1),
        "中山路街道",
        &lay,
        &rows,
    )
}

fn gangqiao(out: &mut Out, plan: &Plan) -> Result<()> {
    let rows = vec![
        r(13, "是", D::Text("9月底"), "已建立园区巡查制度，每周开展一次入园企业排查，严格执行产业准入负面清单。今年以来拒绝不符合准入要求项目3个，未发现“厂中厂”违法排污行为。"),
        r(15, "否", D::None, "港桥园区污水管网二期工程已完成8.2公里，剩余3.5公里正在施工；对园区42家涉水企业开展排污监督检查，分散企业废水收集率达到91%。"),
        r(18, "否", D::None, "推动园区3家企业实施中水回用改造，园区工业用水重复利用率达到82%。"),
        r(25, "否", D::None, ""),
    ];
    let lay = Layout::new(
        TITLE,
        unit_line("港桥产业促进中心", "2020年12月9日"),
        vec![
            Col::No,
            Col::Measure("具体举措"),
            Col::Deadline,
            Col::Status("是否完成"),
            Col::Progress("进展情况"),
            Col::Date("完成时间"),
        ],
    );
    single(
        out,
        plan,
        "港桥产业促进中心.xlsx",
        (2020, 12, 9),
        "港桥产业促进中心",
        &lay,
        &rows,
    )
}

fn fenghuanghu(out: &mut Out, plan: &Plan) -> Result<()> {
    let rows = vec![
        r(13, "√", D::Num(44104.0), "已开展园区“厂中厂”专项排查，排查企业186家，发现并取缔食品加工、洗涤类“厂中厂”5家，建立入园项目环保准入联审机制。"),
        r(15, "", D::None, "持续推进园区污水管网建设，今年新建管网6.8公里，园区企业废水收集率提高至95%；会同区生态环境局开展排污监督检查26次。").note("长期坚持"),
        r(18, "", D::None, "推动园区5家企业开展循环用水改造，实现工业废水回收再利用，园区水重复利用率达87%。").note("持续推进"),
        r(25, "√", D::Text("2020-9-30"), "已完成园区内河道自查，对砍伐沿岸植被的2处河段实施补植复绿，常态化开展河道清淤保洁。"),
        r(31, "", D::None, "园区内雨污分流改造已完成管网改造4.6公里，错接混接点位整改完成85%。").note("正在推进"),
        r(36, "√", D::Cell(2020, 11, 25), "经排查，杨家河暗渠污水系沿线3处小区管网错接及1处管网破损所致，已完成错接改造和管道修复，旱天暗渠已无污水流出。"),
        r(42, "", D::None, "配合临江河指挥部办公室推进城南污水处理厂建设，具体情况详见附件3。").note("详见附件3"),
    ];
    let mut lay = Layout::new(
        TITLE,
        unit_line("凤凰湖产业促进中心（盖章）", "2020年12月4日"),
        vec![
            Col::No,
            Col::Measure("具体举措"),
            Col::Deadline,
            Col::Progress("整改进展情况"),
            Col::Status("已完成"),
            Col::Date("完成时间"),
            Col::Note,
        ],
    );
    lay.date_format = "yyyy-m-d";
    single(
        out,
        plan,
        "凤凰湖产业促进中心.xlsx",
        (2020, 12, 4),
        "凤凰湖产业促进中心",
        &lay,
        &rows,
    )
}

/// A CSV saved by Excel/WPS on Chinese Windows: GBK, no BOM, CRLF, merged
/// cells flattened to the first cell, multi-line cells quoted.
fn sanjiao_csv(out: &mut Out, plan: &Plan) -> Result<()> {
    let rows: Vec<(u32, &str, &str, &str)> = vec![
        (13, "已完成", "2020/9/30", "已组织对园区企业开展“厂中厂”排查，排查企业97家，取缔违规洗涤作坊2家，落实产业准入联审制度。"),
        (15, "长期坚持", "", "完善园区污水管网4.3公里，园区企业废水收集率提高到93%，按月开展排污监督检查。"),
        (16, "已完成", "20200930", "督促板桥食品片区21家食品加工企业完善废水预处理设施；\n板桥食品园区污水处理厂改造工程已完工，出水稳定达到一级A标准。"),
        (17, "已完成", "2020/9/28", "板桥食品片区污水处理厂在线监测、视频监控设施已安装完成，9月28日与市、区两级生态环境局监控平台联网。"),
        (18, "持续推进", "", "推动园区4家食品企业实施冷却水循环利用改造，年节约用水约12万吨。"),
        (25, "已整改", "2020/9/26", "已完成园区河道自查，未发现砍伐沿岸竹林问题，常态化开展河道清淤保洁。"),
    ];
    let check: Vec<Row> = rows.iter().map(|x| r(x.0, x.1, D::None, x.3)).collect();
    plan.check("三教产业促进中心", &check)?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record([
        "三教产业促进中心水污染防治整改进展情况表",
        "",
        "",
        "",
        "",
        "",
        "",
    ])?;
    w.write_record([
        "填报单位：三教产业促进中心（盖章）",
        "",
        "",
        "",
        "填报日期：2020年12月3日",
        "",
        "",
    ])?;
    w.write_record([
        "序号",
        "具体举措",
        "完成时限",
        "整改进展情况",
        "完成状态",
        "完成时间",
        "备注",
    ])?;
    for (id, status, date, progress) in &rows {
        let t = plan.task(*id).context("task")?;
        w.write_record([
            &id.to_string(),
            &t.measure,
            &t.deadline,
            *progress,
            *status,
            *date,
            "",
        ])?;
    }
    w.write_record([
        "填表人：王五  联系电话：13896012345",
        "",
        "",
        "",
        "",
        "",
        "",
    ])?;
    let text = String::from_utf8(w.into_inner()?)?;
    let (bytes, _, lossy) = encoding_rs::GBK.encode(&text);
    if lossy {
        bail!("the CSV text has characters GBK cannot encode");
    }
    let name = "三教产业促进中心整改进展.csv";
    std::fs::write(out.dir.join(name), &bytes)?;
    out.record(name, &[&check]);
    Ok(())
}

fn linjianghe(out: &mut Out, plan: &Plan) -> Result<()> {
    let early = vec![
        r(31, "正在推进", D::None, "已制定《临江河流域城区雨污分流改造实施方案》，完成老城区及城乡结合部管网改造21.3公里，修复破损及错接漏接点位420处。智慧排水系统已完成方案设计，正在开展招标。"),
        r(42, "正在推进", D::None, "城南污水处理厂主体工程已完工，设备安装调试完成90%。因配套进厂管网施工受征地影响，通水调试推迟，预计12月上旬完成。"),
        r(57, "推进中", D::None, "区级水污染防治统筹机构组建方案已报区委编办审核，联席会议制度文件正在征求各成员单位意见。"),
    ];
    let late = vec![
        r(31, "正在推进", D::None, "已制定《临江河流域城区雨污分流改造实施方案》，完成老城区及城乡结合部管网改造23.8公里，修复破损及错接漏接点位468处。智慧排水系统已完成招标，正在开展设备安装调试。"),
        r(36, "已完成", D::Cell(2020, 11, 25), "会同凤凰湖产业促进中心、区新城建管委查明杨家河暗渠污水来源，督促完成3处错接改造和1处管道修复。").note("配合事项"),
        r(42, "已完成", D::Cell(2020, 12, 6), "城南污水处理厂已于12月6日完成通水调试并投入试运行，设计处理规模5万吨/日，出水达到一级A标准。"),
        r(57, "已完成并长期坚持", D::Cell(2020, 12, 7), "已成立永川区水污染防治工作领导小组，办公室设在临江河指挥部办公室；印发《永川区水污染防治联席会议制度》，12月7日召开第一次联席会议，建立问题交办、督办、销号工作机制。"),
    ];
    let unit = "临江河指挥部办公室";
    let lay = Layout::new(
        TITLE,
        unit_line("临江河指挥部办公室", "2020年12月2日"),
        standard_cols(),
    );
    single(
        out,
        plan,
        "临江河指挥部办公室整改进展（12月2日）.xlsx",
        (2020, 12, 2),
        unit,
        &lay,
        &early,
    )?;
    let lay = Layout::new(
        TITLE,
        unit_line("临江河指挥部办公室（盖章）", "2020年12月8日"),
        standard_cols(),
    );
    single(
        out,
        plan,
        "临江河指挥部办公室整改进展（12月8日更新）.xlsx",
        (2020, 12, 8),
        unit,
        &lay,
        &late,
    )
}

fn finance(out: &mut Out, plan: &Plan) -> Result<()> {
    let rows = vec![
        r(45, "已完成", D::Cell(2020, 10, 20), "已安排化粪池清掏及清掏设备购置资金480万元，资金已拨付到位。"),
        r(58, "已完成", D::Cell(2020, 9, 27), "已印发《永川区水污染防治专项资金管理办法》，建立项目资金事前绩效评估和事后绩效评价机制。2020年安排水污染防治资金2.36亿元，对12个项目开展绩效评价。"),
    ];
    plan.check("区财政局", &rows)?;
    let cols = [
        Col::No,
        Col::Measure("具体举措"),
        Col::Deadline,
        Col::Progress("整改进展情况"),
        Col::Status("完成状态"),
        Col::Date("完成时间"),
    ];
    // No title, no 填报单位 row: the header is the first row of Sheet1.
    let f = fmts();
    let mut wb = workbook((2020, 12, 3))?;
    let ws = wb.add_worksheet();
    let date_fmt = f.center.clone().set_num_format("yyyy/m/d");
    for (c, col) in cols.iter().enumerate() {
        ws.set_column_width(c as u16, col.width())?;
        ws.write_string_with_format(0, c as u16, col.label(), &f.header)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let t = plan.task(row.id).context("task")?;
        let x = i as u32 + 1;
        ws.write_number_with_format(x, 0, row.id as f64, &f.center)?;
        ws.write_string_with_format(x, 1, &t.measure, &f.cell)?;
        ws.write_string_with_format(x, 2, &t.deadline, &f.center)?;
        ws.write_string_with_format(x, 3, &row.progress, &f.cell)?;
        ws.write_string_with_format(x, 4, &row.status, &f.center)?;
        if let D::Cell(y, m, d) = row.date {
            ws.write_datetime_with_format(x, 5, &ExcelDateTime::from_ymd(y, m, d)?, &date_fmt)?;
        }
    }
    out.save(&mut wb, "区财政局-整改进展.xlsx", &[&rows])
}

fn development(out: &mut Out, plan: &Plan) -> Result<()> {
    let mut stray_plan = r(
        12,
        "持续推进",
        D::None,
        "围绕产业结构调整，2020年争取中央预算内投资项目5个，支持凤凰湖、港桥园区基础设施建设。",
    );
    stray_plan.stray = true;
    let mut stray_none = r(
        88,
        "已完成",
        D::Cell(2020, 10, 30),
        "已完成长江经济带发展负面清单落实情况自查，形成自查报告报市发展改革委。",
    );
    stray_none.stray = true;
    stray_none.measure = Some("开展长江经济带发展负面清单落实情况自查。".into());
    stray_none.deadline = Some("2020年10月底".into());
    let rows = vec![
        stray_plan,
        r(20, "正在推进", D::None, "配合区水利局将长征渠引水工程纳入我区“十四五”重大项目库，并积极向市发展改革委争取纳入全市“十四五”规划纲要。").note("配合事项"),
        r(47, "已完成", D::Cell(2020, 9, 30), "已将生态环境保护作为专章纳入《永川区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（征求意见稿）》，明确水环境质量改善目标和重点任务。"),
        stray_none,
    ];
    let lay = Layout::new(
        TITLE,
        vec![
            (0, "填报单位：重庆市永川区发展\n和改革委员会（盖章）".into()),
            (4, "填报日期：2020年12月6日".into()),
        ],
        standard_cols(),
    );
    single(
        out,
        plan,
        "区发展改革委.xlsx",
        (2020, 12, 6),
        "区发展改革委",
        &lay,
        &rows,
    )
}

/// 区生态环境局: converted to .xls by scripts/convert-demo-formats.sh.
fn ecology(out: &mut Out, plan: &Plan, staging: &Path) -> Result<()> {
    let rows = vec![
        r(14, "已完成", D::Text("２０２０年９月２５日"), "已对重庆鼎牛食品有限公司将高浓度废水排入园区雨水管网行为立案查处，处罚款20万元，责令企业完成雨污管网改造，并移送公安机关行政拘留1人。"),
        r(48, "正在推进", D::None, "《永川区“十四五”水生态环境保护规划》已完成初稿，正在征求区级部门和镇街意见，计划12月底前报区政府审定。"),
        r(51, "长期坚持", D::None, "今年以来举办镇街生态环境执法培训班3期，培训镇街执法人员210人次，组织镇街执法人员跟班学习42人次。"),
        r(52, "长期坚持", D::None, "今年以来开展涉水企业执法检查1260家次，立案查处环境违法案件58件，罚款386万元，其中查处偷排漏排案件9件。"),
        r(59, "已完成", D::Text("２０２０年９月３０日"), "已印发《永川区集中式饮用水水源地生态补偿办法（试行）》，2020年向水源地保护区所在镇街拨付生态补偿资金650万元。"),
        r(61, "常态化推进", D::None, "与区公安局、区检察院建立案件移送、联席会商、信息共享机制，今年以来向公安机关移送环境违法案件6件，联合挂牌督办2件。"),
    ];
    plan.check("区生态环境局", &rows)?;
    let mut lay = Layout::new(
        TITLE,
        unit_line("区生态环境局（盖章）", "2020年12月9日"),
        standard_cols(),
    );
    lay.merge_category = true;
    let mut wb = workbook((2020, 12, 9))?;
    write_sheet(wb.add_worksheet().set_name("整改进展")?, plan, &lay, &rows)?;
    wb.save(staging.join("区生态环境局.xlsx"))?;
    out.record("区生态环境局.xls", &[&rows]);
    Ok(())
}

/// 区河长办: converted to .ods by scripts/convert-demo-formats.sh.
fn river_chief(out: &mut Out, plan: &Plan, staging: &Path) -> Result<()> {
    let rows = vec![
        r(24, "已完成", D::Cell(2020, 9, 30), "会同区水利局督促各镇街拆除拦河养鱼设施14处，河道已恢复原状。").note("配合事项"),
        r(27, "正在推进", D::None, "指导镇街开展河道边、水库消落带开垦种植清理，已清理违规种植312亩，个别镇街因涉及承包地协调进度较慢。").note("配合事项"),
        r(49, "已完成", D::Cell(2020, 9, 30), "已印发《永川区水环境联合执法工作机制》，建立河长办牵头、部门联动、镇街配合的联合执法格局，今年以来开展联合执法行动14次。"),
        r(56, "长期坚持", D::None, "签发第3号总河长令，组织开展“三乱”专项整治行动，共排查问题236个，已整改228个；全区各级河长累计巡河2.1万余次。"),
    ];
    plan.check("区河长办", &rows)?;
    let lay = Layout::new(
        TITLE,
        unit_line("区河长办", "2020年12月8日"),
        standard_cols(),
    );
    let mut wb = workbook((2020, 12, 8))?;
    write_sheet(wb.add_worksheet().set_name("整改进展")?, plan, &lay, &rows)?;
    wb.save(staging.join("区河长办.xlsx"))?;
    out.record("区河长办.ods", &[&rows]);
    Ok(())
}

/// 区商务委: a truncated xlsx, as a broken e-mail attachment leaves it.
fn commerce_corrupt(out: &mut Out, plan: &Plan) -> Result<()> {
    let rows = vec![r(9, "长期坚持", D::None, "配合开展私屠滥宰联合执法检查。")];
    plan.check("区商务委", &rows)?;
    let lay = Layout::new(
        TITLE,
        unit_line("区商务委", "2020年12月2日"),
        standard_cols(),
    );
    let mut wb = workbook((2020, 12, 2))?;
    write_sheet(wb.add_worksheet(), plan, &lay, &rows)?;
    let bytes = wb.save_to_buffer()?;
    std::fs::write(out.dir.join("区商务委.xlsx"), &bytes[..bytes.len() / 3])?;
    out.record("区商务委.xlsx", &[]);
    Ok(())
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut staging = None;
    while let Some(a) = args.next() {
        if a == "--staging" {
            staging = Some(PathBuf::from(
                args.next().context("--staging needs a folder")?,
            ));
        } else if dir.is_none() {
            dir = Some(PathBuf::from(a));
        } else {
            bail!("usage: make_demo_returns OUT_DIR [--staging DIR]");
        }
    }
    let dir = dir.context("usage: make_demo_returns OUT_DIR [--staging DIR]")?;
    std::fs::create_dir_all(&dir)?;
    let groups = Groups::load(Path::new("input"))?;
    let plan = Plan::load(Path::new("input/tasks.csv"), &groups)?;
    let mut out = Out {
        dir,
        staging: staging.clone(),
        written: Vec::new(),
        covered: BTreeSet::new(),
    };
    agriculture(&mut out, &plan)?;
    housing(&mut out, &plan)?;
    city_management(&mut out, &plan)?;
    water(&mut out, &plan)?;
    towns(&mut out, &plan)?;
    zhongshan(&mut out, &plan)?;
    gangqiao(&mut out, &plan)?;
    fenghuanghu(&mut out, &plan)?;
    sanjiao_csv(&mut out, &plan)?;
    linjianghe(&mut out, &plan)?;
    finance(&mut out, &plan)?;
    development(&mut out, &plan)?;
    commerce_corrupt(&mut out, &plan)?;
    match out.staging.clone() {
        Some(st) => {
            std::fs::create_dir_all(&st)?;
            ecology(&mut out, &plan, &st)?;
            river_chief(&mut out, &plan, &st)?;
        }
        None => eprintln!(
            "note: no --staging folder: 区生态环境局 (.xls) and 区河长办 (.ods) not written"
        ),
    }
    for name in &out.written {
        println!("{name}");
    }
    let missing: Vec<String> = (1..=63)
        .filter(|id| !out.covered.contains(id))
        .map(|id| id.to_string())
        .collect();
    eprintln!(
        "{} files; {} of 63 tasks reported on by an assigned unit; none for: {}",
        out.written.len(),
        out.covered.len(),
        missing.join(" ")
    );
    Ok(())
}
