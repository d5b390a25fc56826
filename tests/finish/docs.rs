//! Test documents built with docx-rs the way the report renderer builds them:
//! GB/T 9704 styles and fonts, exact line spacing, tables with merges, a
//! portrait → landscape section break, odd/even PAGE footers and images.

use docx_rs::*;

pub const FANGSONG: &str = "仿宋_GB2312";
pub const KAITI: &str = "楷体_GB2312";
pub const HEITI: &str = "黑体";
pub const XIAOBIAOSONG: &str = "方正小标宋简体";
pub const GBK_FONTS: [&str; 4] = [
    "方正小标宋_GBK",
    "方正仿宋_GBK",
    "方正楷体_GBK",
    "方正黑体_GBK",
];
pub const LATIN: &str = "Times New Roman";
/// The header row of the report-like document's landscape attachment table.
pub const ATTACHMENT_HEADS: [&str; 6] = [
    "序号",
    "重点任务",
    "具体举措",
    "完成时限",
    "责任单位",
    "进展情况",
];

/// 1×1 PNG.
pub const PNG: [u8; 67] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

pub fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .east_asia(east_asia)
        .hint("eastAsia")
}

pub fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
}

pub fn body(text: &str, font: &str) -> Paragraph {
    Paragraph::new()
        .line_spacing(exact(579))
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .align(AlignmentType::Both)
        .add_run(Run::new().fonts(fonts(font)).size(32).add_text(text))
}

/// "— 1 —" with a complete PAGE field, as GB/T 9704 wants it.
pub fn page_footer(align: AlignmentType) -> Footer {
    let r = |t: Run| t.fonts(fonts("宋体")).size(28);
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(align)
            .add_run(r(Run::new()).add_text("— "))
            .add_run(r(Run::new()).add_field_char(FieldCharType::Begin, false))
            .add_run(r(Run::new()).add_instr_text(InstrText::Unsupported("PAGE".into())))
            .add_run(r(Run::new()).add_field_char(FieldCharType::Separate, false))
            .add_run(r(Run::new()).add_text("1"))
            .add_run(r(Run::new()).add_field_char(FieldCharType::End, false))
            .add_run(r(Run::new()).add_text(" —")),
    )
}

pub fn cell(text: &str, width: usize, header: bool) -> TableCell {
    let mut p = Paragraph::new().align(AlignmentType::Center);
    if header {
        p = p.style("TableHeader");
    }
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(p.add_run(Run::new().fonts(fonts(FANGSONG)).size(21).add_text(text)))
}

pub fn styles(docx: Docx, gbk: bool) -> Docx {
    let (title, body_font, kai, hei) = if gbk {
        (GBK_FONTS[0], GBK_FONTS[1], GBK_FONTS[2], GBK_FONTS[3])
    } else {
        (XIAOBIAOSONG, FANGSONG, KAITI, HEITI)
    };
    docx.default_fonts(fonts(body_font))
        .default_size(32)
        .add_style(
            Style::new("Title1", StyleType::Paragraph)
                .name("公文标题")
                .fonts(fonts(title))
                .size(44)
                .align(AlignmentType::Center)
                .line_spacing(exact(579)),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .fonts(fonts(hei))
                .size(32)
                .outline_lvl(0)
                .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("heading 2")
                .fonts(fonts(kai))
                .size(32)
                .bold(),
        )
        .add_style(
            Style::new("TableHeader", StyleType::Paragraph)
                .name("表头")
                .fonts(fonts(hei))
                .size(21)
                .align(AlignmentType::Center),
        )
        .add_style(
            Style::new("LedgerTable", StyleType::Table)
                .name("台账表格")
                .layout(TableLayoutType::Fixed),
        )
}

/// A report-shaped document with everything the renderer uses.
pub fn report(rows: usize, gbk: bool) -> Docx {
    report_opts(rows, gbk, true)
}

/// [`report`], with or without a marked header row.
pub fn report_opts(rows: usize, gbk: bool, header_row: bool) -> Docx {
    let (title_font, body_font) = if gbk {
        (GBK_FONTS[0], GBK_FONTS[1])
    } else {
        (XIAOBIAOSONG, FANGSONG)
    };
    let margin = PageMargin::new()
        .top(2098)
        .bottom(1984)
        .left(1588)
        .right(1474)
        .header(851)
        .footer(992);
    let mut docx = styles(Docx::new(), gbk)
        .footer(page_footer(AlignmentType::Right))
        .even_footer(page_footer(AlignmentType::Left));
    docx = docx.add_paragraph(
        Paragraph::new()
            .style("Title1")
            .line_spacing(exact(579))
            .add_run(
                Run::new()
                    .fonts(fonts(title_font))
                    .size(44)
                    .add_text("重庆市永川区生态环境局关于整改情况的报告"),
            ),
    );
    docx = docx.add_paragraph(body("区人大常委会：", body_font));
    for i in 0..8 {
        docx = docx.add_paragraph(body(
            &format!("（{i}）《整改方案》共明确63项整改任务，截至2020年12月10日，已完成41项，正在推进15项，需长期坚持7项，完成率65.1%。Times New Roman 123."),
            body_font,
        ));
    }
    docx = docx.add_paragraph(
        Paragraph::new().style("Heading1").keep_next(true).add_run(
            Run::new()
                .fonts(fonts(HEITI))
                .bold()
                .add_text("一、总体情况"),
        ),
    );
    docx = docx.add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_image(Pic::new(&PNG).size(914400, 914400)))
            .add_run(Run::new().add_image(Pic::new(&PNG).size(457200, 457200))),
    );
    // End of the portrait part: page break, then a paragraph carrying the section.
    docx = docx.add_paragraph(
        Paragraph::new().add_run(Run::new().add_text("特此报告。").add_break(BreakType::Page)),
    );
    let portrait = SectionProperty::new()
        .page_size(PageSize::new().width(11906).height(16838))
        .page_margin(margin)
        .doc_grid(DocGrid::new().grid_type(DocGridType::Lines).line_pitch(579));
    let mut portrait = portrait;
    portrait.footer_reference = Some(FooterReference::new("default", "rIdFooter1"));
    portrait.even_footer_reference = Some(FooterReference::new("even", "rIdFooter2"));
    docx = docx.add_paragraph(
        Paragraph::new()
            .section_property(portrait)
            .add_run(Run::new().fonts(fonts(HEITI)).add_text("附件")),
    );
    // Landscape attachment table.
    let widths = [800usize, 2200, 5000, 1800, 2200, 2000];
    let mut table_rows = vec![TableRow::new(
        ATTACHMENT_HEADS
            .iter()
            .zip(widths)
            .map(|(h, w)| cell(h, w, header_row))
            .collect(),
    )];
    for r in 0..rows {
        let mut cells = vec![cell(&(r + 1).to_string(), widths[0], false)];
        let mut c1 = cell("（一）水污染防治", widths[1], false);
        c1 = if r % 3 == 0 {
            c1.vertical_merge(VMergeType::Restart)
        } else {
            c1.vertical_merge(VMergeType::Continue)
        };
        cells.push(c1);
        if r % 4 == 1 {
            cells.push(
                cell(
                    "加快推进临江河流域综合治理，长期坚持",
                    widths[2] + widths[3],
                    false,
                )
                .grid_span(2),
            );
        } else {
            cells.push(cell("完成城镇污水处理厂提标改造", widths[2], false));
            cells.push(cell("2020年12月底", widths[3], false));
        }
        cells.push(cell("区住房城乡建委、区城管局", widths[4], false));
        cells.push(cell("已完成", widths[5], false).set_borders(
            TableCellBorders::new().set(TableCellBorder::new(TableCellBorderPosition::Top).size(8)),
        ));
        table_rows.push(TableRow::new(cells));
    }
    let table = Table::new(table_rows)
        .style("LedgerTable")
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center);
    docx = docx.add_table(table);
    docx.page_size(16838, 11906)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(
            PageMargin::new()
                .top(1588)
                .bottom(1474)
                .left(2098)
                .right(1984)
                .header(851)
                .footer(992),
        )
}

pub fn to_bytes(docx: Docx) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).expect("docx-rs pack");
    out.into_inner()
}
