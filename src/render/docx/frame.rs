//! The 版头 and the 版记 of GB/T 9704-2012 (7.2, 7.4): the parts of an official
//! document around the body, printed when plan.toml asks for them.
//!
//! - 版头: the 发文机关标志 in red title font, centred, its top 35 mm below the top of
//!   the text block (80 mm for an upward document, one with a 签发人); the 发文字号 two
//!   lines below it, centred (upward: left, 签发人 right, each one character in); a red
//!   line the width of the text block 4 mm under the 发文字号.
//! - 版记: 抄送 and 印发机关/印发日期 in 4号 body font, one character in from each side,
//!   between rules the width of the text block (first and last 0.35 mm, between them
//!   0.25 mm), on the last page, which is even, with its last line on the page's last
//!   line. It is built as a borderless-sided table in a final portrait section that
//!   starts on an even page, pushed to the foot by a spacer of known height: Word,
//!   WPS and LibreOffice all lay that out alike (LibreOffice ignores a frame or a
//!   floating table anchored at the page's foot).

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, SpecialIndentType, Tab, TabValueType, Table,
    TableBorder, TableBorderPosition, TableBorders, TableCell as DocxCell, TableCellMargins,
    TableLayoutType, TableRow, WidthType,
};

use super::page::*;
use super::{Builder, Child};

/// Red of the 版头 (GB/T 9704: 红色).
const RED: &str = "FF0000";
/// The mark's top edge below the text block's top: 35 mm, 80 mm upward.
const MARK_TOP: i32 = 1984;
const MARK_TOP_UPWARD: i32 = 4535;
/// The mark's largest size in points (初号); a longer name gets smaller to fit one line.
const MARK_MAX_PT: u32 = 42;
/// The red line: 1.5 pt, 4 mm (11 pt) below the 发文字号.
const RED_LINE_EIGHTHS: usize = 12;
const RED_LINE_GAP_PT: usize = 11;
/// 版记 rules in eighths of a point: 0.35 mm ≈ 1 pt, 0.25 mm ≈ 0.75 pt.
const RULE_THICK: usize = 8;
const RULE_THIN: usize = 6;
/// One 4号 character in twips: the 版记's indents.
const CHAR_4HAO: i32 = 280;
/// A 版记 line: one body line.
const IMPRINT_LINE: u32 = LINE_PITCH as u32;
/// Room left under the 版记 so rounding never pushes it onto another page.
const IMPRINT_SLACK: u32 = 120;

impl Builder<'_> {
    /// The 发文机关标志: red, title font, centred, as large as fits on one line up to 初号.
    pub(super) fn masthead(&mut self, text: &str, upward: bool) -> Paragraph {
        let chars = super::text_width_chars(text).max(1.0);
        let fit = (PORTRAIT_TEXT_WIDTH as f64 / 20.0 / chars).floor() as u32;
        let pt = fit.clamp(16, MARK_MAX_PT);
        let size = (pt * 2) as usize;
        let p = self
            .paragraph()
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line((pt * 20 * 6 / 5) as i32)
                    .before(if upward { MARK_TOP_UPWARD } else { MARK_TOP } as u32)
                    .after(0),
            )
            .snap_to_grid(false);
        let run = Run::new()
            .fonts(run_fonts(&self.fonts.title, self.fonts))
            .size(size)
            .color(RED)
            .add_text(crate::common::text::sanitize(text));
        p.add_run(run)
    }

    /// 发文字号 (and 签发人 after a tab) over the red line.
    pub(super) fn doc_number(&mut self, text: &str) -> Paragraph {
        let (number, signer) = match text.split_once('\t') {
            Some((n, s)) => (n.trim(), Some(s.trim())),
            None => (text.trim(), None),
        };
        let mut p = self
            .paragraph()
            .line_spacing(body_spacing())
            .keep_next(true);
        // Only the bottom rule (the default border set draws all four sides).
        p.property = p.property.set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(RED_LINE_EIGHTHS)
                    .space(RED_LINE_GAP_PT)
                    .color(RED),
            ),
        );
        let body = self.fonts.body.clone();
        match signer {
            None => self.runs(p.align(AlignmentType::Center), number, &body, SIZE_3HAO),
            Some(name) => {
                // Tabs rather than indents: a paragraph border spans the indents, the
                // red line must span the text block.
                let p = p
                    .add_tab(Tab::new().val(TabValueType::Left).pos(BODY_CHAR as usize))
                    .add_tab(
                        Tab::new()
                            .val(TabValueType::Right)
                            .pos(PORTRAIT_TEXT_WIDTH as usize - BODY_CHAR as usize),
                    );
                let p = self.runs(p, &format!("\t{number}\t签发人："), &body, SIZE_3HAO);
                let kai = self.fonts.heading2.clone();
                self.runs(p, name, &kai, SIZE_3HAO)
            }
        }
    }

    /// Close the document with the 版记: end the current section, then a portrait
    /// section that starts on an even page, a spacer, and the 版记 at the page's foot.
    pub(super) fn imprint(&mut self, blocks: &[(bool, String)], landscape: bool) {
        self.end_section(landscape);
        let width = PORTRAIT_TEXT_WIDTH;
        let inner = width - 2 * CHAR_4HAO as u32;
        let mut rows = Vec::new();
        let mut height = 0;
        let n = blocks.len();
        for (i, (is_cc, text)) in blocks.iter().enumerate() {
            let lines = if *is_cc {
                // 抄送： hangs: wrapped lines start under the first name.
                let per_line = (inner - 3 * CHAR_4HAO as u32) / CHAR_4HAO as u32;
                let rest = super::text_width_chars(text) - 3.0;
                ((rest.max(1.0) / per_line as f64).ceil() as u32).max(1)
            } else {
                1
            };
            let row_height = lines * IMPRINT_LINE;
            height += row_height;
            let p = self
                .paragraph()
                .snap_to_grid(false)
                .line_spacing(exact_spacing(IMPRINT_LINE as i32))
                .keep_next(i + 1 < n);
            let p = if *is_cc {
                p.indent(
                    Some(CHAR_4HAO + 3 * CHAR_4HAO),
                    Some(SpecialIndentType::Hanging(3 * CHAR_4HAO)),
                    Some(CHAR_4HAO),
                    None,
                )
            } else {
                p.indent(Some(CHAR_4HAO), None, Some(CHAR_4HAO), None)
                    .add_tab(
                        Tab::new()
                            .val(TabValueType::Right)
                            .pos(width as usize - CHAR_4HAO as usize),
                    )
            };
            let body = self.fonts.body.clone();
            let p = self.runs(p, text, &body, SIZE_4HAO);
            let cell = DocxCell::new()
                .width(width as usize, WidthType::Dxa)
                .add_paragraph(p);
            rows.push(
                TableRow::new(vec![cell])
                    .row_height(row_height as f32)
                    .height_rule(docx_rs::HeightRule::Exact)
                    .cant_split(),
            );
        }
        let text_height = PORTRAIT_TEXT_HEIGHT;
        let spacer = text_height.saturating_sub(height + IMPRINT_SLACK).max(20);
        let p = self
            .paragraph()
            .snap_to_grid(false)
            .line_spacing(exact_spacing(spacer as i32));
        self.children.push(Child::Para(Box::new(p)));
        let rule = |pos, size| {
            TableBorder::new(pos)
                .border_type(BorderType::Single)
                .size(size)
                .color("000000")
        };
        let borders = TableBorders::with_empty()
            .set(rule(TableBorderPosition::Top, RULE_THICK))
            .set(rule(TableBorderPosition::Bottom, RULE_THICK))
            .set(rule(TableBorderPosition::InsideH, RULE_THIN));
        let table = Table::new(rows)
            .set_grid(vec![width as usize])
            .layout(TableLayoutType::Fixed)
            .width(width as usize, WidthType::Dxa)
            .margins(TableCellMargins::new().margin(0, 0, 0, 0))
            .set_borders(borders);
        self.children.push(Child::Table(Box::new(table)));
    }
}
