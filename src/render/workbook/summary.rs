//! 总体情况: the workbook's first sheet. A title, then three tables (一、主要指标,
//! 二、按完成情况统计, 三、按重点任务统计), the column widths, and two charts below them
//! (statuses by 重点任务, and the share of each status). Each is one function here.

use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartFont, ChartFormat, ChartLegendPosition, ChartPoint, ChartSolidFill,
    ChartType, Color, Format, Worksheet, XlsxError,
};

use super::layout::{column_width, print_setup, row_height, workbook_title, Styles};
use super::layout::{DEFAULT_ROW_PT, PRINT_MARGIN_IN, PRINT_MARGIN_V_IN};
use super::layout::{SHEET_PROBLEMS, SHEET_SUMMARY};
use crate::common::dates::render_date;
use crate::model::{Ledger, Status, TaskEntry};
use crate::render::typography::punctuated;
use crate::render::xlsx_common::{display_width, page_rows_points, text, Measure};

/// The last column the title, subtitle and notes span (A 重点任务 / 指标, B 简称 / 数值,
/// C.. counts).
const LAST_COL: u16 = 11;

/// The width of the indicators' 说明 (columns C to the last, 8 each: `widths`).
const NOTE_WIDTH: f64 = 8.0 * (LAST_COL - 1) as f64;
/// Widest the 重点任务 and 简称 columns grow (Excel units); longer names wrap.
const CATEGORY_MAX: f64 = 30.0;
const SHORT_MAX: f64 = 20.0;
/// The first status column of the 重点任务 table (after 重点任务, 简称, 任务数).
const FIRST_STATUS_COL: u16 = 3;
/// The width of the count columns (任务数, each status, 逾期, 完成率).
const COUNT_WIDTH: f64 = 8.0;

/// Data rows of a table (first and last, 0-based).
#[derive(Clone, Copy)]
struct Span {
    first: u32,
    last: u32,
}

/// The 重点任务 table as written: its data rows and height.
struct CategoryTable {
    rows: Span,
    /// Its height from heading to total, in points.
    points: f64,
}

pub(super) fn summary_sheet(
    ws: &mut Worksheet,
    ledger: &Ledger,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_SUMMARY)?;
    // The widths first: the page's height, the rule's lines and so where each chart goes
    // depend on them.
    let all = widths(ws, ledger)?;
    let page = page_rows_points(&all, PRINT_MARGIN_IN, PRINT_MARGIN_V_IN);
    let sub_points = heading(ws, ledger, st, all.iter().sum())?;
    let (r, indicator_points) = indicators(ws, ledger, st, 3)?;
    // (The title, its line and the blank rows between the tables.)
    let top = 30.0 + sub_points + 2.0 * DEFAULT_ROW_PT + indicator_points;
    let status_row = r + 2;
    let (statuses, rule_row, status_points) = status_table(ws, ledger, st, status_row)?;
    let rule = rule_note();
    let lines = Measure::of(&rule).wrapped_lines(all.iter().sum());
    ws.set_row_height(rule_row, row_height(lines))?;
    let status_points = status_points + row_height(lines);
    // Printed, each table with its chart and none cut by a page (adv53 b 8: 二 broke
    // after three rows; a chart cut by a page break printed its legend alone on the next
    // page): 一 (with 二 when both fit); 二 and, under it, the pie of the same counts;
    // 三 and its column chart; 四 and its line. A chart goes on a page of its own when
    // even its smallest size does not fit under its table (adv54 b 9: the summary took
    // five pages, three of them a third full).
    let mut breaks = Vec::new();
    let on_page = if top + status_points + chart_room(CHART_MIN_PT) <= page {
        top + status_points
    } else {
        breaks.push(status_row);
        status_points
    };
    let mut r = rule_row;
    if !ledger.tasks.is_empty() {
        let (pie_pt, own_page) = chart_height(page, on_page, CHART_MAX_PT);
        let pie_row = rule_row + 2;
        if own_page {
            breaks.push(pie_row);
        }
        ws.insert_chart(pie_row, 0, &status_pie(statuses, pie_pt))?;
        r = pie_row + rows_under(pie_pt);
    }
    let category_row = r + 2;
    breaks.push(category_row);
    let (categories, mut r) = category_table(ws, ledger, st, category_row)?;
    if categories.rows.last >= categories.rows.first {
        let (chart_pt, own_page) = chart_height(page, categories.points, CHART_MAX_PT);
        let chart_row = r + 2;
        if own_page {
            breaks.push(chart_row);
        }
        let chart = category_chart(categories.rows, width_px(&all), chart_pt);
        ws.insert_chart(chart_row, 0, &chart)?;
        r = chart_row + rows_under(chart_pt);
    }
    if ledger.rounds.len() >= 2 {
        // 四、各期完成情况 and its line below it, on a page of their own.
        let rounds_row = r + 2;
        breaks.push(rounds_row);
        let rows = rounds_table(ws, ledger, st, rounds_row)?;
        ws.insert_chart(rows.last + 2, 0, &rounds_chart(rows))?;
    }
    ws.set_page_breaks(&breaks)?;
    // One page wide, as many pages tall as it takes: a page-high fit shrank the text to
    // 6 pt.
    print_setup(ws, &workbook_title(ledger), None, &all)?;
    Ok(())
}

/// The tallest a chart under a table is drawn (points), and the smallest it may shrink to
/// so it shares its table's page.
const CHART_MAX_PT: f64 = 270.0;
const CHART_MIN_PT: f64 = 150.0;

/// The points a chart of `pt` takes under a table: the blank row above it and a margin
/// below.
fn chart_room(pt: f64) -> f64 {
    2.0 * DEFAULT_ROW_PT + pt + 20.0
}

/// A chart's height under a table that fills `on_page` points of a `page`: as tall as
/// `max` when it fits, shorter down to [`CHART_MIN_PT`]; else `max` on a page of its own
/// (true).
fn chart_height(page: f64, on_page: f64, max: f64) -> (f64, bool) {
    let room = page - on_page - chart_room(0.0);
    if room >= CHART_MIN_PT {
        ((room.min(max) / 3.0).floor() * 3.0, false)
    } else {
        (max, true)
    }
}

/// The rows a chart of `pt` points covers (default-height rows), and one more.
fn rows_under(pt: f64) -> u32 {
    (pt / DEFAULT_ROW_PT).ceil() as u32 + 1
}

/// The width in pixels of columns `widths` (Excel's: 7 px a character and 5 of padding):
/// the column chart as wide as the table above it, its labels level.
fn width_px(widths: &[f64]) -> u32 {
    widths.iter().map(|w| (w * 7.0 + 5.0).trunc() as u32).sum()
}

/// A chart's height in pixels from points (96 px to 72 pt).
fn px(pt: f64) -> u32 {
    (pt * 4.0 / 3.0).round() as u32
}

/// Rows 0–1: the title and the line of counts under it, wrapped across the sheet's
/// `width` (second review d 1: a lead's longer line was cut at both ends); returns the
/// line's height in points.
fn heading(ws: &mut Worksheet, ledger: &Ledger, st: &Styles, width: f64) -> Result<f64, XlsxError> {
    let sum = &ledger.summary;
    ws.merge_range(0, 0, 0, LAST_COL, &text(&workbook_title(ledger)), &st.title)?;
    ws.set_row_height(0, 30)?;
    let other = if sum.units_other > 0 {
        format!("，另有 {} 个单位也报送了进展", sum.units_other)
    } else {
        String::new()
    };
    // The files as the bureau counts what arrived: the returns received, those summarised
    // and those that would not open. Files set aside (an Office lock file ~$…, a hidden
    // system file) are no return and are not counted here (问题清单 lists them).
    let files = if sum.files_failed > 0 {
        format!(
            "收到报送文件 {} 份，汇总 {} 份，{} 份无法打开（见“{SHEET_PROBLEMS}”）",
            sum.files_read + sum.files_failed,
            sum.files_read,
            sum.files_failed
        )
    } else {
        format!("收到并汇总报送文件 {} 份", sum.files_read)
    };
    let sub = format!(
        "统计截止：{}    应报送单位 {} 个，已报送 {} 个{other}    {files}",
        render_date(ledger.as_of),
        sum.units_expected,
        crate::model::queries::units_sent(ledger),
    );
    let sub = text(&sub);
    ws.merge_range(1, 0, 1, LAST_COL, &sub, &st.subtitle)?;
    let lines = Measure::of(&sub).wrapped_lines(width);
    if lines > 1 {
        ws.set_row_height(1, row_height(lines))?;
        return Ok(row_height(lines));
    }
    Ok(DEFAULT_ROW_PT)
}

/// The value of an indicator: a number in a format, or text.
enum Value<'f> {
    Number(f64, &'f Format),
    Text(String),
}

/// 一、主要指标: (label, value, note) of each headline number.
fn indicator_rows<'f>(ledger: &Ledger, st: &'f Styles) -> Vec<(&'static str, Value<'f>, String)> {
    let sum = &ledger.summary;
    let n = |v: u32| Value::Number(v.into(), &st.number);
    let done = Status::Completed.label();
    let mut rows = vec![
        ("任务总数", n(sum.total), "整改方案确定的具体举措".into()),
        (
            done,
            n(sum.completed),
            format!(
                "牵头单位（无牵头单位时为责任单位）均报送“{done}”（或“{}”）的任务；\
                 状态的判定规则见本表“二、按完成情况统计”下的注",
                Status::NotApplicable.label(),
            ),
        ),
        (
            Status::Confirming.label(),
            n(sum.confirming),
            format!(
                "已报送的牵头单位（无牵头单位时为责任单位）均报“{done}”，其余尚未报送的任务\
                 （或牵头、责任单位均未报送，已报送的配合单位均报“{done}”），\
                 待其余单位报送后确认；不计入{done}和逾期"
            ),
        ),
        (
            "完成率",
            // Stored as a fraction (0.365) with a percent format: Excel computes with it.
            Value::Number(sum.completion_rate / 100.0, &st.percent),
            format!("计算口径：{}", sum.completion_basis),
        ),
        (
            "逾期任务",
            n(sum.overdue),
            format!(
                "完成时限早于统计截止日（{}）且未完成的任务（不含{}）{}",
                render_date(ledger.as_of),
                Status::Confirming.label(),
                if sum.done_late > 0 {
                    format!(
                        "；另有{}项逾期完成（见任务台账“是否逾期”列）",
                        sum.done_late
                    )
                } else {
                    String::new()
                }
            ),
        ),
        (
            "亮灯",
            Value::Text(light_value(ledger)),
            format!(
                "按统计截止日判定未完成任务的亮灯：红灯为已逾期，黄灯为{}天内到期，绿灯为其余未到完成时限或需长期坚持的任务；已完成、已报完成待确认的不亮灯",
                ledger.plan.warning_days
            ),
        ),
        (
            "应报送单位",
            n(sum.units_expected),
            expected_note(ledger),
        ),
        (
            "已报送单位",
            n(crate::model::queries::units_sent(ledger)),
            format!(
                "应报送单位中报送了进展的单位，含应报任务尚未报全的单位（不含{}）",
                ledger.plan.self_word
            ),
        ),
        (
            "汇总进展条数",
            n(sum.records),
            "从各报送表中汇总的任务进展条数（一项任务可有多个单位报送）".into(),
        ),
        (
            "待处理问题",
            Value::Text(format!("{} / {}", sum.errors, sum.warnings)),
            format!(
                "须处理的错误 {} 条（如文件无法打开）/ 须核实的警告 {} 条，详见“{}”工作表",
                sum.errors, sum.warnings, SHEET_PROBLEMS
            ),
        ),
    ];
    // Units that owe nothing but reported: a row of their own, after 已报送单位, only
    // when there are any (so 已报送 never exceeds 应报送).
    if sum.units_other > 0 {
        let at = rows
            .iter()
            .position(|r| r.0 == "已报送单位")
            .map_or(rows.len(), |i| i + 1);
        rows.insert(
            at,
            (
                "其他报送单位",
                n(sum.units_other),
                "不在应报送之列（如应向牵头单位报送的配合单位）但报送了进展的单位，其进展已一并汇总".into(),
            ),
        );
    }
    rows
}

/// Who owes progress in this round, for the 应报送单位 indicator.
fn expected_note(ledger: &Ledger) -> String {
    use crate::model::Tier;
    use crate::plan::meta::Reporting;
    let p = &ledger.plan;
    let who = match (p.tier, p.reporting) {
        (Tier::Lead, _) => "本单位牵头任务的责任单位、配合单位",
        (Tier::Bureau, Reporting::Lead) => {
            "各任务的牵头单位（无牵头单位时为责任单位）；配合单位的进展由牵头单位或唯一的责任单位汇总，无单位汇总的（如多个责任单位共同承担的任务）由配合单位直接报送"
        }
        (Tier::Bureau, Reporting::Direct) => "有任务分工的单位",
    };
    format!("本期应报送进展的单位：{who}（不含{}）", p.self_word)
}

/// 一、主要指标 from row `r`; returns its last row and its height in points.
fn indicators(
    ws: &mut Worksheet,
    ledger: &Ledger,
    st: &Styles,
    mut r: u32,
) -> Result<(u32, f64), XlsxError> {
    ws.write_string_with_format(r, 0, "一、主要指标", &st.section)?;
    let mut points = 2.0 * DEFAULT_ROW_PT;
    r += 1;
    ws.write_string_with_format(r, 0, "指标", &st.header)?;
    ws.write_string_with_format(r, 1, "数值", &st.header)?;
    ws.merge_range(r, 2, r, LAST_COL, "说明", &st.header)?;
    for (label, value, note) in indicator_rows(ledger, st) {
        r += 1;
        ws.write_string_with_format(r, 0, label, &st.text)?;
        match value {
            Value::Number(v, fmt) => ws.write_number_with_format(r, 1, v, fmt)?,
            Value::Text(s) => ws.write_string_with_format(r, 1, s, &st.center)?,
        };
        let note = text(&note);
        ws.merge_range(r, 2, r, LAST_COL, &note, &st.text)?;
        // A merged cell does not grow its row: room for every wrapped line of the note
        // across the merged columns (see `widths`).
        let lines = Measure::of(&note).wrapped_lines(NOTE_WIDTH);
        if lines > 1 {
            ws.set_row_height(r, row_height(lines))?;
            points += row_height(lines);
        } else {
            points += DEFAULT_ROW_PT;
        }
    }
    Ok((r, points))
}

/// The 亮灯 indicator's value (红7/黄11/绿19): the 数值 column is made wide enough for
/// it on one line (adv53 b 8: printed 红7 / 黄11 / 绿 / 19).
fn light_value(ledger: &Ledger) -> String {
    let sum = &ledger.summary;
    format!("红{}/黄{}/绿{}", sum.red, sum.yellow, sum.green)
}

/// 二、按完成情况统计 from row `r`: a row per status, the total, and under them the rule
/// that decides a task's status (printed: the 任务台账's note on it is not); returns the
/// status rows, the last row (the rule's) and the height in points but the rule's.
fn status_table(
    ws: &mut Worksheet,
    ledger: &Ledger,
    st: &Styles,
    mut r: u32,
) -> Result<(Span, u32, f64), XlsxError> {
    ws.write_string_with_format(r, 0, "二、按完成情况统计", &st.section)?;
    r += 1;
    for (c, h) in ["完成情况", "任务数", "占比"].iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &st.header)?;
    }
    let first = r + 1;
    let all: Vec<&TaskEntry> = ledger.tasks.iter().collect();
    let total = all.len() as u32;
    for s in Status::ALL {
        r += 1;
        let n = count_status(&all, s);
        ws.write_string_with_format(r, 0, s.label(), &st.text)?;
        ws.write_number_with_format(r, 1, n, &st.number)?;
        ws.write_number_with_format(r, 2, share(n, total), &st.percent)?;
    }
    let rows = Span { first, last: r };
    r += 1;
    ws.write_string_with_format(r, 0, "合计", &st.total_text)?;
    ws.write_number_with_format(r, 1, total, &st.total_number)?;
    ws.write_number_with_format(r, 2, share(total, total), &st.total_rate)?;
    r += 1;
    ws.merge_range(r, 0, r, LAST_COL, &rule_note(), &st.note)?;
    // (Without the rule's row, whose height `summary_sheet` sets.)
    let points = (Status::ALL.len() as f64 + 3.0) * DEFAULT_ROW_PT;
    Ok((rows, r, points))
}

/// The rule deciding a task's status, as the note under 二 prints it.
fn rule_note() -> String {
    format!("注：{}", crate::model::status::rule_explained())
}

/// 三、按重点任务统计 from row `r`: a row per 重点任务 and the total; returns the table
/// and its last row.
fn category_table(
    ws: &mut Worksheet,
    ledger: &Ledger,
    st: &Styles,
    mut r: u32,
) -> Result<(CategoryTable, u32), XlsxError> {
    ws.write_string_with_format(r, 0, "三、按重点任务统计", &st.section)?;
    r += 1;
    let mut headers: Vec<&str> = vec!["重点任务", "简称", "任务数"];
    headers.extend(Status::ALL.iter().map(|s| s.label()));
    headers.extend(["逾期", "完成率"]);
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &st.header)?;
    }
    // A label wider than its count's column (已报完成待确认) wraps: room for its lines
    // (adv53 b 8: cut to one line).
    let header_lines = headers[2..]
        .iter()
        .map(|h| Measure::of(h).wrapped_lines(COUNT_WIDTH))
        .max()
        .unwrap_or(1);
    ws.set_row_height(r, row_height(header_lines))?;
    let mut table = CategoryTable {
        rows: Span {
            first: r + 1,
            last: r,
        },
        // The heading and the header row.
        points: DEFAULT_ROW_PT + row_height(header_lines),
    };
    for cat in categories(ledger) {
        r += 1;
        let tasks: Vec<&TaskEntry> = ledger.tasks.iter().filter(|t| t.category == cat).collect();
        let cat_text = text(&punctuated(&cat));
        ws.write_string_with_format(r, 0, &cat_text, &st.text)?;
        let short = text(&category_short(&cat));
        ws.write_string_with_format(r, 1, &short, &st.center)?;
        // A name wider than its column's cap wraps at the cap: room for every line.
        let lines = Measure::of(&cat_text)
            .wrapped_lines(CATEGORY_MAX)
            .max(Measure::of(&short).wrapped_lines(SHORT_MAX));
        ws.set_row_height(r, row_height(lines))?;
        table.points += row_height(lines);
        counts_row(ws, r, &tasks, &st.number, &st.percent)?;
    }
    table.rows.last = r;
    table.points += DEFAULT_ROW_PT;
    r += 1;
    ws.write_string_with_format(r, 0, "合计", &st.total_text)?;
    ws.write_string_with_format(r, 1, "", &st.total_text)?;
    let all: Vec<&TaskEntry> = ledger.tasks.iter().collect();
    counts_row(ws, r, &all, &st.total_number, &st.total_rate)?;
    Ok((table, r))
}

/// From column C of row `r`: the tasks, their count per status, overdue, and the
/// completion rate.
fn counts_row(
    ws: &mut Worksheet,
    r: u32,
    tasks: &[&TaskEntry],
    number: &Format,
    rate: &Format,
) -> Result<(), XlsxError> {
    let n = tasks.len() as u32;
    ws.write_number_with_format(r, 2, n, number)?;
    let mut c = FIRST_STATUS_COL;
    for s in Status::ALL {
        ws.write_number_with_format(r, c, count_status(tasks, s), number)?;
        c += 1;
    }
    let overdue = tasks.iter().filter(|t| t.overdue).count() as u32;
    ws.write_number_with_format(r, c, overdue, number)?;
    let done = count_status(tasks, Status::Completed);
    ws.write_number_with_format(r, c + 1, share(done, n), rate)?;
    Ok(())
}

/// Widths: A holds the 重点任务 names (wrapped), B their short names, the rest short
/// numbers. B is wide enough for the 亮灯 value on one line too.
fn widths(ws: &mut Worksheet, ledger: &Ledger) -> Result<Vec<f64>, XlsxError> {
    let (mut widest_category, mut widest_short) =
        (display_width("重点任务"), display_width("简称"));
    for cat in categories(ledger) {
        widest_category = widest_category.max(display_width(&text(&punctuated(&cat))));
        widest_short = widest_short.max(display_width(&text(&category_short(&cat))));
    }
    let mut all = vec![
        column_width(widest_category, 12.0, CATEGORY_MAX),
        column_width(
            widest_short.max(display_width(&light_value(ledger))),
            12.0,
            SHORT_MAX,
        ),
    ];
    all.extend((2..=LAST_COL).map(|_| COUNT_WIDTH));
    for (c, w) in all.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(all)
}

/// Stacked columns: the statuses of each 重点任务.
fn category_chart(rows: Span, width: u32, pt: f64) -> Chart {
    let mut chart = Chart::new(ChartType::ColumnStacked);
    for (i, s) in Status::ALL.into_iter().enumerate() {
        let c = FIRST_STATUS_COL + i as u16;
        chart
            .add_series()
            .set_name((SHEET_SUMMARY, rows.first - 1, c))
            .set_categories((SHEET_SUMMARY, rows.first, 1, rows.last, 1))
            .set_values((SHEET_SUMMARY, rows.first, c, rows.last, c))
            .set_format(&mut fill(status_colour(s)))
            .set_gap(60);
    }
    titles(&mut chart, "各重点任务完成情况", "", "任务数");
    // The legend on the right: at the bottom its two lines and the axis's name took
    // half of a chart sized to share its table's page.
    chart
        .legend()
        .set_position(ChartLegendPosition::Right)
        .set_font(&chart_font());
    chart.set_width(width).set_height(px(pt));
    chart
}

/// 四、各期完成情况 from row `r`: one row per round (统计截止日期, 已完成, 任务总数).
fn rounds_table(
    ws: &mut Worksheet,
    ledger: &Ledger,
    st: &Styles,
    mut r: u32,
) -> Result<Span, XlsxError> {
    ws.write_string_with_format(r, 0, "四、各期完成情况", &st.section)?;
    r += 1;
    for (c, h) in ["统计截止日期", "已完成", "任务总数"]
        .into_iter()
        .enumerate()
    {
        ws.write_string_with_format(r, c as u16, h, &st.header)?;
    }
    let first = r + 1;
    for p in &ledger.rounds {
        r += 1;
        ws.write_string_with_format(r, 0, render_date(p.as_of), &st.center)?;
        ws.write_number_with_format(r, 1, p.completed, &st.number)?;
        ws.write_number_with_format(r, 2, p.total, &st.number)?;
    }
    Ok(Span { first, last: r })
}

/// A line of completed tasks per round.
fn rounds_chart(rows: Span) -> Chart {
    let mut chart = Chart::new(ChartType::Line);
    chart
        .add_series()
        .set_name("已完成任务数")
        .set_categories((SHEET_SUMMARY, rows.first, 0, rows.last, 0))
        .set_values((SHEET_SUMMARY, rows.first, 1, rows.last, 1))
        .set_data_label(ChartDataLabel::new().show_value().set_font(&chart_font()));
    titles(&mut chart, "各期已完成任务数", "统计截止日期", "任务数");
    chart.legend().set_hidden();
    chart.set_width(720).set_height(320);
    chart
}

/// A chart's title and axis names (none when empty), in the chart fonts.
fn titles(chart: &mut Chart, title: &str, x: &str, y: &str) {
    chart.title().set_name(title).set_font(&chart_font_bold());
    let x_axis = chart.x_axis();
    if !x.is_empty() {
        x_axis.set_name(x).set_name_font(&chart_font());
    }
    x_axis.set_font(&chart_font());
    chart
        .y_axis()
        .set_name(y)
        .set_name_font(&chart_font())
        .set_font(&chart_font());
}

/// A pie of the tasks by status.
fn status_pie(rows: Span, pt: f64) -> Chart {
    let mut pie = Chart::new(ChartType::Pie);
    let points: Vec<ChartPoint> = Status::ALL
        .into_iter()
        .map(|s| ChartPoint::new().set_format(&mut fill(status_colour(s))))
        .collect();
    pie.add_series()
        .set_name("任务数")
        .set_categories((SHEET_SUMMARY, rows.first, 0, rows.last, 0))
        .set_values((SHEET_SUMMARY, rows.first, 1, rows.last, 1))
        .set_points(&points)
        .set_data_label(
            ChartDataLabel::new()
                .show_value()
                .show_percentage()
                .set_separator('\n')
                .set_font(&chart_font()),
        );
    pie.title()
        .set_name("任务完成情况分布")
        .set_font(&chart_font_bold());
    pie.legend()
        .set_position(ChartLegendPosition::Right)
        .set_font(&chart_font());
    pie.set_width(480).set_height(px(pt));
    pie
}

/// Chart text: 宋体 at body size, so it prints at 9 pt or more too.
fn chart_font() -> ChartFont {
    let mut f = ChartFont::new();
    f.set_name(crate::render::xlsx_common::FONT)
        .set_size(crate::render::xlsx_common::BODY_PT);
    f
}

fn chart_font_bold() -> ChartFont {
    let mut f = chart_font();
    f.set_bold();
    f
}

fn fill(rgb: &str) -> ChartFormat {
    let mut format = ChartFormat::new();
    format.set_solid_fill(ChartSolidFill::new().set_color(Color::from(rgb)));
    format
}

fn status_colour(s: Status) -> &'static str {
    match s {
        Status::Completed => "70AD47",
        Status::Confirming => "A9D18E",
        Status::Ongoing => "5B9BD5",
        Status::InProgress => "FFC000",
        Status::NotStarted => "ED7D31",
        Status::NotApplicable => "D9D9D9",
        Status::Unreported => "A5A5A5",
        Status::Unclear => "7030A0",
    }
}

/// A short label for a 重点任务 (`一、科学施策,有效…` → `一、科学施策`), for the chart
/// axis: its first clause whole.
///
/// A heading without a clause break (六、不断健全水污染防治保障体系) keeps its numbering and
/// the four characters it ends on, the thing it names (六、保障体系), when its first
/// clause is longer than [`SHORT_CLAUSE`]: the others are four-character phrases
/// (一、科学施策), and a long label squeezed the chart's axis.
fn category_short(category: &str) -> String {
    let s = crate::common::text::one_line(category.trim());
    let cut = s
        .find([',', '，', '；', ';', '。'])
        .map_or(s.as_str(), |i| &s[..i]);
    let (number, words) = match cut.split_once('、') {
        Some((n, w)) if n.chars().count() <= 3 => (Some(n), w),
        _ => (None, cut),
    };
    let chars: Vec<char> = words.chars().collect();
    if chars.len() <= SHORT_CLAUSE {
        return cut.to_string();
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    match number {
        Some(n) => format!("{n}、{tail}"),
        None => tail,
    }
}

/// The longest first clause of a 重点任务 kept whole as its short label.
const SHORT_CLAUSE: usize = 8;

/// The 重点任务 in plan order, then any a task names that the plan list lacks.
fn categories(ledger: &Ledger) -> Vec<String> {
    let mut out: Vec<String> = ledger.plan.categories.clone();
    for t in &ledger.tasks {
        if !out.contains(&t.category) {
            out.push(t.category.clone());
        }
    }
    out
}

fn count_status(tasks: &[&TaskEntry], s: Status) -> u32 {
    tasks.iter().filter(|t| t.status == s).count() as u32
}

/// n ÷ total as a fraction (0 when there is nothing to divide).
fn share(n: u32, total: u32) -> f64 {
    if total == 0 {
        0.0
    } else {
        f64::from(n) / f64::from(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_category() {
        assert_eq!(
            category_short("一、科学施策,有效降低农业农村污染"),
            "一、科学施策"
        );
        // No clause break, and long: the numbering and the thing it names.
        assert_eq!(
            category_short("六、不断健全水污染防治保障体系"),
            "六、保障体系"
        );
        // Short enough whole, with or without numbering.
        assert_eq!(category_short("七、加强组织领导"), "七、加强组织领导");
        assert_eq!(category_short("强化督查考核问责"), "强化督查考核问责");
        assert_eq!(category_short("全面加强水生态环境保护修复"), "保护修复");
    }
}
