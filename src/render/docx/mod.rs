//! Blocks → docx-rs → .docx bytes, laid out to GB/T 9704-2012 (page setup and font
//! sizes in page.rs). Knows blocks, tables, fonts and the page only: the caller passes
//! the fonts and date ([`Setup`]) and the data of every table the blocks place
//! ([`TableData`]); it never sees the ledger.
//!
//! Two steps, kept apart so the finishing pass slots in after docx-rs:
//! 1. [`build_docx`]: blocks + setup + tables → the package's parts exactly as docx-rs
//!    writes them (name → bytes, what unzipping its package gives, without the zip);
//! 2. the finishing pass over those parts (`render::finish::finish_parts`: schema order,
//!    repeated header rows, fonts, core properties, deflate); `render::document` runs
//!    both.
//!
//! Every string is sanitised (`common::text::sanitize`) before it reaches docx-rs; line
//! breaks become `w:br`, tabs `w:tab`. Paragraph ids are explicit and sequential, and the
//! document is built on the calling thread, so two runs give identical bytes.

mod frame;
mod page;
mod table;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, Paragraph, Run,
    RunFonts, Shading, SpecialIndentType, Style, StyleType, Table, TableAlignmentType,
    TableCell as DocxCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use crate::common::text::sanitize;
use crate::plan::meta::Fonts;
use crate::render::blocks::{Block, TableKind};
use crate::render::error::RenderError;
use crate::render::finish::HEADER_ROW_STYLE;
use page::*;

/// Style ids of the 一、 and （一） headings (names "heading 1"/"heading 2", outline
/// levels 0 and 1).
pub const HEADING1_STYLE: &str = "Heading1";
pub const HEADING2_STYLE: &str = "Heading2";

pub use page::LANDSCAPE_TEXT_WIDTH;
/// Lines a cell's text takes at a width: the report table sizes its columns by it and
/// lays out its lists of units.
pub(crate) use table::cell_lines;
pub use table::{TableColumn, TableData, TableRowData};

/// What the page and the runs need besides the blocks: the fonts (plan.toml) and the
/// document's date (its creation and modification time).
#[derive(Debug, Clone, Copy)]
pub struct Setup<'a> {
    pub fonts: &'a Fonts,
    pub date: NaiveDate,
}

/// Build a package from its blocks, as docx-rs writes it (before finishing): its parts
/// by name. `tables` holds the data of every table the blocks place.
pub fn build_docx(
    blocks: &[Block],
    setup: &Setup,
    tables: &[(TableKind, TableData)],
) -> Result<BTreeMap<String, Vec<u8>>, RenderError> {
    Ok(parts(build(blocks, setup, tables)?.build()))
}

/// The document docx-rs is to write.
fn build(
    blocks: &[Block],
    setup: &Setup,
    tables: &[(TableKind, TableData)],
) -> Result<Docx, RenderError> {
    let (signature_right, date_right) = signature_indents(blocks);
    let mut b = Builder {
        fonts: setup.fonts,
        next_id: 0,
        children: Vec::new(),
        signature_right,
        date_right,
        imprint: blocks
            .iter()
            .any(|b| matches!(b, Block::Cc(_) | Block::Imprint(_))),
    };
    let last = b.body(blocks, tables)?;
    Ok(b.package(setup, last))
}

/// The parts of docx-rs's package under the names its zip gives them (docx-rs 0.4.22
/// `zipper::zip`, which `XMLDocx::pack` runs; the unit test below compares the two):
/// the finishing pass reads these instead of unzipping a stored zip of them.
fn parts(x: docx_rs::XMLDocx) -> BTreeMap<String, Vec<u8>> {
    let mut p = BTreeMap::new();
    let mut put = |name: String, bytes: Vec<u8>| {
        p.insert(name, bytes);
    };
    put("[Content_Types].xml".into(), x.content_type);
    put("_rels/.rels".into(), x.rels);
    put("docProps/app.xml".into(), x.doc_props.app);
    put("docProps/core.xml".into(), x.doc_props.core);
    put("docProps/custom.xml".into(), x.doc_props.custom);
    put("word/_rels/document.xml.rels".into(), x.document_rels);
    put("word/document.xml".into(), x.document);
    put("word/styles.xml".into(), x.styles);
    put("word/settings.xml".into(), x.settings);
    put("word/fontTable.xml".into(), x.font_table);
    put("word/comments.xml".into(), x.comments);
    put("word/numbering.xml".into(), x.numberings);
    put("word/commentsExtended.xml".into(), x.comments_extended);
    put("word/footnotes.xml".into(), x.footnotes);
    let mut header_rels = x.header_rels.into_iter();
    for (i, h) in x.headers.into_iter().enumerate() {
        put(format!("word/header{}.xml", i + 1), h);
        if let Some(rels) = header_rels.next() {
            put(format!("word/_rels/header{}.xml.rels", i + 1), rels);
        }
    }
    let mut footer_rels = x.footer_rels.into_iter();
    for (i, f) in x.footers.into_iter().enumerate() {
        put(format!("word/footer{}.xml", i + 1), f);
        if let Some(rels) = footer_rels.next() {
            put(format!("word/_rels/footer{}.xml.rels", i + 1), rels);
        }
    }
    for (id, bytes) in x.media {
        put(format!("word/media/{id}.png"), bytes);
    }
    if let Some(taskpanes) = x.taskpanes {
        put("word/webextensions/taskpanes.xml".into(), taskpanes);
        put(
            "word/webextensions/_rels/taskpanes.xml.rels".into(),
            x.taskpanes_rels,
        );
        for (i, ext) in x.web_extensions.into_iter().enumerate() {
            put(format!("word/webextensions/webextension{}.xml", i + 1), ext);
        }
    }
    let mut item_rels = x.custom_item_rels.into_iter();
    let mut item_props = x.custom_item_props.into_iter();
    for (i, item) in x.custom_items.into_iter().enumerate() {
        let n = i + 1;
        if let Some(rels) = item_rels.next() {
            put(format!("customXml/_rels/item{n}.xml.rels"), rels);
        }
        put(format!("customXml/item{n}.xml"), item);
        if let Some(props) = item_props.next() {
            put(format!("customXml/itemProps{n}.xml"), props);
        }
    }
    p
}

enum Child {
    Para(Box<Paragraph>),
    Table(Box<Table>),
}

struct Builder<'a> {
    fonts: &'a Fonts,
    next_id: u32,
    children: Vec<Child>,
    /// Right indents of 署名 and 成文日期 (see [`signature_indents`]).
    signature_right: i32,
    date_right: i32,
    /// The document ends with a 版记 page (see [`Builder::package`]).
    imprint: bool,
}

/// Whether the blocks after a paragraph are the document's close: blank lines, then
/// the 附件 note or the signature.
fn closes_the_body(rest: &[Block]) -> bool {
    let mut rest = rest.iter().filter(|b| !matches!(b, Block::Blank));
    match rest.next() {
        Some(Block::Signature(_) | Block::Annex(_)) => true,
        // The contact line (联系人：…) is no body text: the paragraph before it goes
        // with it and the signature, or the last page holds only the contact and the
        // signature.
        Some(Block::Para(t)) if is_contact_line(t) => {
            matches!(rest.next(), Some(Block::Signature(_) | Block::Annex(_)))
        }
        _ => false,
    }
}

/// A paragraph giving whom to call (联系人：郑强，联系电话：…).
fn is_contact_line(text: &str) -> bool {
    text.trim_start().starts_with("联系人")
}

/// The width in twips of an attachment's number (1． 12．: half a character a digit,
/// one for the full-width point); 0 for a name without one.
fn annex_number_width(text: &str) -> i32 {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let numbered = digits > 0 && text[digits..].starts_with(['．', '.']);
    if numbered {
        (digits as i32 * BODY_CHAR + 1) / 2 + BODY_CHAR
    } else {
        0
    }
}

/// GB/T 9704 7.3.5: the date sits four characters from the right margin and the
/// signature is centred over it; a signature longer than the date sits two characters
/// from the margin and the date is centred under it. Returns (signature, date) right
/// indents in twips.
fn signature_indents(blocks: &[Block]) -> (i32, i32) {
    let width = |pick: fn(&Block) -> Option<&String>| {
        blocks
            .iter()
            .find_map(pick)
            .map_or(7.0, |t| text_width_chars(t))
    };
    let sig = width(|b| match b {
        Block::Signature(t) => Some(t),
        _ => None,
    });
    let date = width(|b| match b {
        Block::Date(t) => Some(t),
        _ => None,
    });
    let (s, d) = if sig <= date {
        (4.0 + (date - sig) / 2.0, 4.0)
    } else {
        (2.0, 2.0 + (sig - date) / 2.0)
    };
    let twips = |c: f64| (c * BODY_CHAR as f64).round() as i32;
    (twips(s), twips(d))
}

/// `text` cut around the clerk's markers (【待补充：…】): each part, and whether it is a
/// marker. A text without one is one part.
fn marked_parts(text: &str) -> Vec<(&str, bool)> {
    const OPEN: &str = crate::render::typography::TO_FILL;
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        let Some(len) = rest[start..].find('】').map(|e| e + '】'.len_utf8()) else {
            break;
        };
        if start > 0 {
            parts.push((&rest[..start], false));
        }
        parts.push((&rest[start..start + len], true));
        rest = &rest[start + len..];
    }
    if !rest.is_empty() || parts.is_empty() {
        parts.push((rest, false));
    }
    parts
}

/// Whether `next` is a block the body writes as a paragraph of its own (one that can
/// carry a page break before it).
fn opens_a_paragraph(next: Option<&Block>) -> bool {
    !matches!(
        next,
        None | Some(
            Block::Landscape
                | Block::Portrait
                | Block::PageBreak
                | Block::Table(_)
                | Block::Masthead(_)
                | Block::DocNumber(_)
                | Block::Cc(_)
                | Block::Imprint(_)
        )
    )
}

/// The document's last section.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LastSection {
    Portrait,
    Landscape,
    /// The 版记's portrait section, starting on an even page.
    Imprint,
}

/// How a paragraph looks.
#[derive(Clone, Copy)]
struct Look<'f> {
    font: &'f str,
    size: usize,
    align: AlignmentType,
    first_line: i32,
    right: i32,
}

impl<'a> Builder<'a> {
    /// Every block in order; returns the document's last section. The 版记 (every
    /// `@cc` and `@imprint`) closes the document wherever the template places it.
    fn body(
        &mut self,
        blocks: &[Block],
        tables: &[(TableKind, TableData)],
    ) -> Result<LastSection, RenderError> {
        let mut landscape = false;
        let upward = blocks
            .iter()
            .any(|b| matches!(b, Block::DocNumber(t) if t.contains('\t')));
        let mut imprint = Vec::new();
        // A page break before the next paragraph (`w:pageBreakBefore`): a paragraph
        // holding only the break, after a table that fills its page, would open a
        // blank page of its own.
        let mut break_before = false;
        for (i, block) in blocks.iter().enumerate() {
            match block {
                Block::Landscape => {
                    self.end_section(false);
                    landscape = true;
                }
                Block::Portrait => {
                    self.end_section(true);
                    landscape = false;
                }
                Block::PageBreak if opens_a_paragraph(blocks.get(i + 1)) => break_before = true,
                Block::Table(kind) => {
                    let data = tables
                        .iter()
                        .find(|(k, _)| k == kind)
                        .map(|(_, d)| d)
                        .ok_or_else(|| RenderError::Docx(format!("缺少表格 {kind:?} 的数据")))?;
                    let (width, height) = if landscape {
                        (LANDSCAPE_TEXT_WIDTH, LANDSCAPE_TEXT_HEIGHT)
                    } else {
                        (PORTRAIT_TEXT_WIDTH, PORTRAIT_TEXT_HEIGHT)
                    };
                    let t = self.table(data, width, height);
                    self.children.push(Child::Table(Box::new(t)));
                }
                Block::Cc(t) => imprint.push((true, t.clone())),
                Block::Imprint(t) => imprint.push((false, t.clone())),
                Block::Masthead(t) => {
                    let p = self.masthead(t, upward);
                    self.children.push(Child::Para(Box::new(p)));
                }
                Block::DocNumber(t) => {
                    let p = self.doc_number(t);
                    self.children.push(Child::Para(Box::new(p)));
                }
                other => {
                    let mut p = self.block_paragraph(other);
                    if std::mem::take(&mut break_before) {
                        p = p.page_break_before(true);
                    }
                    if matches!(other, Block::Para(_)) && closes_the_body(&blocks[i + 1..]) {
                        // GB/T 9704 7.3.5: the signature and date never stand alone on
                        // a page; the last paragraph goes with them.
                        p = p.keep_next(true);
                    }
                    self.children.push(Child::Para(Box::new(p)));
                }
            }
        }
        if !imprint.is_empty() {
            self.imprint(&imprint, landscape);
            return Ok(LastSection::Imprint);
        }
        Ok(if landscape {
            LastSection::Landscape
        } else {
            LastSection::Portrait
        })
    }

    /// The package: styles, footers, the body, and the final section's page.
    fn package(mut self, setup: &Setup, last: LastSection) -> Docx {
        let fonts = self.fonts;
        let date = format!("{}T00:00:00Z", setup.date.format("%Y-%m-%d"));
        let mut docx = Docx::new()
            .default_fonts(run_fonts(&fonts.body, fonts))
            .default_size(SIZE_3HAO)
            .default_line_spacing(body_spacing())
            .add_style(
                Style::new(HEADER_ROW_STYLE, StyleType::Paragraph)
                    .name("Table Header")
                    .size(SIZE_5HAO),
            )
            // Real heading styles (outline levels 0 and 1) so Word's navigation pane,
            // pandoc and python-docx find 一、 and （一）; the runs keep their fonts.
            .add_style(
                Style::new(HEADING1_STYLE, StyleType::Paragraph)
                    .name("heading 1")
                    .fonts(run_fonts(&fonts.heading1, fonts))
                    .size(SIZE_3HAO)
                    .outline_lvl(0),
            )
            .add_style(
                Style::new(HEADING2_STYLE, StyleType::Paragraph)
                    .name("heading 2")
                    .fonts(run_fonts(&fonts.heading2, fonts))
                    .size(SIZE_3HAO)
                    .outline_lvl(1),
            )
            .add_style(
                Style::new("RectifyBody", StyleType::Paragraph)
                    .name("Rectify Body")
                    .size(SIZE_3HAO),
            )
            .created_at(&date)
            .updated_at(&date);
        let odd = self.page_number_paragraph(true);
        let even = self.page_number_paragraph(false);
        // Document-level footers (rIdFooter1 default/odd, rIdFooter2 even; sets
        // evenAndOddHeaders): a non-final Section would keep only one of them.
        docx = docx.footer(Footer::new().add_paragraph(odd));
        if self.imprint {
            // GB/T 9704 7.5: the 版记 page carries no page number. It is the even page
            // of the last section, whose even footer (rIdFooter2) is empty; the earlier
            // sections' even pages use the numbered one, stored as rIdFooter3 (the
            // first-page slot, without titlePg, so never shown as a first page).
            let blank = self.paragraph();
            docx = docx
                .even_footer(Footer::new().add_paragraph(blank))
                .first_footer(Footer::new().add_paragraph(even));
            docx.document.section_property.title_pg = false;
        } else {
            docx = docx.even_footer(Footer::new().add_paragraph(even));
        }
        for c in self.children {
            docx = match c {
                Child::Para(p) => docx.add_paragraph(*p),
                Child::Table(t) => docx.add_table(*t),
            };
        }
        let (w, h, orient) = final_page(last == LastSection::Landscape);
        docx = docx.page_size(w, h).page_margin(margins());
        if let Some(o) = orient {
            docx = docx.page_orient(o);
        }
        docx.document = docx.document.doc_grid(doc_grid());
        if last == LastSection::Imprint {
            docx.document.section_property.section_type = Some(docx_rs::SectionType::EvenPage);
        }
        docx
    }

    /// A new paragraph with the next explicit id (w14:paraId, 8 hex digits, < 0x80000000).
    fn paragraph(&mut self) -> Paragraph {
        self.next_id += 1;
        Paragraph::new().id(format!("{:08X}", self.next_id))
    }

    /// A run of `text`: sanitised, set in Chinese typography (`typography::typeset`), "\n" as a line break, "\t" as a tab.
    /// The text as runs: line breaks and tabs kept; a clerk's marker (【待补充：…】) in
    /// a run of its own, highlighted yellow, so it is not signed over unseen.
    fn runs(&self, mut p: Paragraph, text: &str, font: &str, size: usize) -> Paragraph {
        let text = crate::render::typography::typeset(&sanitize(text));
        for (part, marked) in marked_parts(&text) {
            let mut run = Run::new().fonts(run_fonts(font, self.fonts)).size(size);
            if size == SIZE_3HAO {
                run = run.character_spacing(BODY_CHAR_SPACING);
            }
            if marked {
                run = run.highlight("yellow");
            }
            for (i, line) in part.split('\n').enumerate() {
                if i > 0 {
                    run = run.add_break(BreakType::TextWrapping);
                }
                for (j, piece) in line.split('\t').enumerate() {
                    if j > 0 {
                        run = run.add_tab();
                    }
                    if !piece.is_empty() {
                        run = run.add_text(piece);
                    }
                }
            }
            p = p.add_run(run);
        }
        p
    }

    fn styled(&mut self, text: &str, look: Look) -> Paragraph {
        let p = self
            .paragraph()
            .align(look.align)
            .line_spacing(body_spacing())
            .indent(
                None,
                (look.first_line != 0).then_some(SpecialIndentType::FirstLine(look.first_line)),
                (look.right != 0).then_some(look.right),
                None,
            );
        self.runs(p, text, look.font, look.size)
    }

    fn block_paragraph(&mut self, block: &Block) -> Paragraph {
        let f = self.fonts;
        let body = |font, first_line| Look {
            font,
            size: SIZE_3HAO,
            align: AlignmentType::Both,
            first_line,
            right: 0,
        };
        let indent = 2 * BODY_CHAR;
        match block {
            // Off the document grid: a 2号 line is one line of the 28.95 pt grid, as in
            // Word (exact spacing), not two, as LibreOffice and WPS snap a character
            // taller than the grid's.
            Block::Title(t) | Block::AttachmentTitle(t) => self
                .styled(
                    t,
                    Look {
                        font: &f.title,
                        size: SIZE_2HAO,
                        align: AlignmentType::Center,
                        first_line: 0,
                        right: 0,
                    },
                )
                .snap_to_grid(false),
            Block::To(t) => self.styled(t, body(&f.body, 0)),
            // A heading stays with the text under it (never last on a page).
            Block::Heading(1, t) => self
                .styled(t, body(&f.heading1, indent))
                .style(HEADING1_STYLE)
                .keep_next(true),
            Block::Heading(2, t) => self
                .styled(t, body(&f.heading2, indent))
                .style(HEADING2_STYLE)
                .keep_next(true),
            // A paragraph with a long word that cannot break (an e-mail address, a web
            // address) is set flush left: justified, the line before the word would be
            // stretched to the margin (联 系 人 ： 郑 强 ，).
            Block::Para(t) if has_unbreakable_word(t) => self.styled(
                t,
                Look {
                    align: AlignmentType::Left,
                    ..body(&f.body, indent)
                },
            ),
            Block::Heading(_, t) | Block::Para(t) => self.styled(t, body(&f.body, indent)),
            Block::Attachment(t) => self.styled(
                t,
                Look {
                    align: AlignmentType::Left,
                    ..body(&f.heading1, 0)
                },
            ),
            Block::Date(t) => self.styled(
                t,
                Look {
                    align: AlignmentType::Right,
                    right: self.date_right,
                    ..body(&f.body, 0)
                },
            ),
            Block::Signature(t) => {
                let right = self.signature_right;
                self.styled(
                    t,
                    Look {
                        align: AlignmentType::Right,
                        right,
                        ..body(&f.body, 0)
                    },
                )
                .keep_next(true)
            }
            // 附件说明 (GB/T 9704 7.3.4): "附件：1．…" with the "2．…" line below it under
            // "1．" (2 characters of indent plus the 3 of 附件：), and every wrapped line
            // under the first character of its attachment's name.
            Block::Annex(t) => {
                let label = 3 * BODY_CHAR;
                let rest = t.strip_prefix("附件：").unwrap_or(t);
                let number = annex_number_width(rest);
                let first = if t.starts_with("附件") { label } else { 0 };
                let p = self.styled(t, body(&f.body, 0));
                p.indent(
                    Some(indent + label + number),
                    Some(SpecialIndentType::Hanging(first + number)),
                    None,
                    None,
                )
                .keep_next(true)
            }
            Block::Blank => self.styled("", body(&f.body, 0)).keep_next(true),
            Block::PageBreak => {
                let p = self.paragraph().line_spacing(body_spacing());
                p.add_run(Run::new().add_break(BreakType::Page))
            }
            Block::Landscape
            | Block::Portrait
            | Block::Table(_)
            | Block::Masthead(_)
            | Block::DocNumber(_)
            | Block::Cc(_)
            | Block::Imprint(_) => unreachable!("handled by Builder::body"),
        }
    }

    /// The relationship of the numbered even-page footer (see [`Builder::package`]).
    fn even_footer_rid(&self) -> &'static str {
        if self.imprint {
            "rIdFooter3"
        } else {
            "rIdFooter2"
        }
    }

    /// End the current part (portrait or landscape): its last paragraph carries the
    /// part's sectPr (a table cannot, so an empty paragraph is added after one).
    fn end_section(&mut self, landscape: bool) {
        let last_is_para = matches!(self.children.last(), Some(Child::Para(_)));
        if !last_is_para {
            let p = self.paragraph().line_spacing(body_spacing());
            self.children.push(Child::Para(Box::new(p)));
        }
        if let Some(Child::Para(p)) = self.children.pop() {
            let p = p.section_property(section_ending(landscape, self.even_footer_rid()));
            self.children.push(Child::Para(Box::new(p)));
        }
    }

    /// "— N —" in 4号 宋体 with a complete PAGE field; odd pages right, even pages left,
    /// one character in from the margin.
    fn page_number_paragraph(&mut self, odd: bool) -> Paragraph {
        let fonts = self.fonts;
        let run = || {
            // The digits too are 宋体: ascii/hAnsi in the page-number font.
            Run::new()
                .fonts(
                    RunFonts::new()
                        .ascii(&fonts.page_number)
                        .hi_ansi(&fonts.page_number)
                        .cs(&fonts.page_number)
                        .east_asia(&fonts.page_number)
                        .hint("eastAsia"),
                )
                .size(SIZE_4HAO)
        };
        let (align, left, right) = if odd {
            (AlignmentType::Right, None, Some(PAGE_NUMBER_CHAR))
        } else {
            (AlignmentType::Left, Some(PAGE_NUMBER_CHAR), None)
        };
        self.paragraph()
            .align(align)
            .indent(left, None, right, None)
            .add_run(run().add_text("— "))
            .add_run(run().add_field_char(FieldCharType::Begin, false))
            .add_run(run().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
            .add_run(run().add_field_char(FieldCharType::Separate, false))
            .add_run(run().add_text("1"))
            .add_run(run().add_field_char(FieldCharType::End, false))
            .add_run(run().add_text(" —"))
    }

    /// A table cell: fixed width, one paragraph per text line group, never empty.
    fn cell(&mut self, texts: &[String], width: u32, look: CellLook) -> DocxCell {
        let heading = matches!(look, CellLook::Header | CellLook::Banner);
        let fonts = self.fonts;
        let font = if heading {
            &fonts.heading1
        } else {
            &fonts.body
        };
        let mut cell = DocxCell::new()
            .width(width as usize, WidthType::Dxa)
            .vertical_align(if heading {
                VAlignType::Center
            } else {
                VAlignType::Top
            });
        let none = [String::new()];
        let texts = if texts.is_empty() { &none[..] } else { texts };
        for t in texts {
            let mut p = self.paragraph();
            if look == CellLook::Header {
                // The finishing pass repeats a row whose first paragraph has this style.
                p = p.style(HEADER_ROW_STYLE);
            }
            if look == CellLook::Banner {
                p = p.keep_next(true);
            }
            if matches!(look, CellLook::Left | CellLook::Centred) {
                // A row that may split across pages leaves no line of a paragraph
                // alone at the foot of one page or the head of the next.
                p = p.widow_control(true);
            }
            let p = p
                .align(if matches!(look, CellLook::Header | CellLook::Centred) {
                    AlignmentType::Center
                } else {
                    AlignmentType::Left
                })
                .snap_to_grid(false)
                .line_spacing(exact_spacing(TABLE_LINE));
            cell = cell.add_paragraph(self.runs(p, t, font, SIZE_5HAO));
        }
        cell
    }

    /// A table: the header row (marked for repetition), then the data rows. A row
    /// shorter than half the page's text height never splits across pages (so no page
    /// holds only the tail of a short row); a taller one may. A banner row stays with
    /// the row below it.
    fn table(&mut self, data: &TableData, width: u32, text_height: u32) -> Table {
        let widths = data.widths(width, LANDSCAPE_TEXT_WIDTH);
        let header_cells: Vec<DocxCell> = data
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, &w)| self.cell(std::slice::from_ref(&c.header), w, CellLook::Header))
            .collect();
        let mut rows = vec![TableRow::new(header_cells)];
        // A row up to a third of a page is kept whole; a taller one may split, so that
        // the first rows still fit under the attachment's title on its page.
        let max_unsplit_lines = text_height / 3 / TABLE_LINE as u32;
        for row in &data.rows {
            let r = match row {
                TableRowData::Cells(cells) => {
                    let docx_cells = cells
                        .iter()
                        .zip(&widths)
                        .zip(&data.columns)
                        .map(|((lines, &w), c)| {
                            let look = if c.center {
                                CellLook::Centred
                            } else {
                                CellLook::Left
                            };
                            self.cell(lines, w, look)
                        })
                        .collect();
                    let r = TableRow::new(docx_cells);
                    if table::row_lines(cells, &widths) <= max_unsplit_lines {
                        r.cant_split()
                    } else {
                        r
                    }
                }
                TableRowData::Banner(text) => {
                    let cell = self
                        .cell(std::slice::from_ref(text), width, CellLook::Banner)
                        .grid_span(widths.len())
                        .shading(Shading::new().fill(BANNER_FILL));
                    TableRow::new(vec![cell]).cant_split()
                }
            };
            rows.push(r);
        }
        Table::new(rows)
            .set_grid(widths.iter().map(|&c| c as usize).collect())
            .layout(TableLayoutType::Fixed)
            .width(width as usize, WidthType::Dxa)
            .align(TableAlignmentType::Center)
    }
}

/// How a table cell is set.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CellLook {
    /// The header row: heading font, centred, repeated on every page.
    Header,
    /// A banner across the table: heading font, left, kept with the next row.
    Banner,
    Centred,
    Left,
}

/// The banner rows' light grey fill (prints as a pale band on any printer).
const BANNER_FILL: &str = "F2F2F2";

/// Display width in characters of body text: CJK 1, ASCII ½.
fn text_width_chars(s: &str) -> f64 {
    use unicode_width::UnicodeWidthStr;
    // With the quarter character Word and LibreOffice put where digits meet Chinese.
    s.width() as f64 / 2.0 + table::autospaces(s) as f64 / 4.0
}

/// The longest run of Latin letters, digits and address punctuation a line can end
/// before without stretching much: a longer one (283782263@qq.com) cannot break, and a
/// justified line before it is spread across the page.
const UNBREAKABLE_CHARS: usize = 12;

/// Whether `text` holds a word of more than [`UNBREAKABLE_CHARS`] that cannot break.
fn has_unbreakable_word(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || "@._-/:%".contains(c)))
        .any(|w| w.len() > UNBREAKABLE_CHARS && w.contains(['@', '/', '.']))
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use super::*;
    use crate::plan::meta::FontSettings;

    /// docx-rs's parts as [`build_docx`] hands them on are exactly what unzipping the
    /// package docx-rs packs gives (names and bytes).
    #[test]
    fn an_address_that_cannot_break_is_set_flush_left() {
        assert!(has_unbreakable_word(
            "联系人：郑强，联系电话：49584707，电子邮箱：283782263@qq.com。"
        ));
        assert!(has_unbreakable_word("网址：https://www.cqyc.gov.cn/"));
        assert!(!has_unbreakable_word("联系电话：49584707，2020.12.05"));
        assert!(!has_unbreakable_word(
            "按照《整改方案》要求，各单位应于2020年12月5日前报送。"
        ));
    }

    /// A signature longer than its date sits two characters from the margin with the
    /// date centred under it, the date's width counting the space set where its digits
    /// meet Chinese (2020年12月10日: 7 characters and 5 quarter-character spaces).
    #[test]
    fn the_date_is_centred_under_a_longer_signature() {
        let blocks = [
            Block::Signature("重庆市永川区生态环境局".into()),
            Block::Date("2020年12月10日".into()),
        ];
        let (sig, date) = signature_indents(&blocks);
        assert_eq!(sig, 2 * BODY_CHAR);
        // 2 + (11 − 8.25) / 2 = 3.375 characters.
        assert_eq!(date, (3.375 * BODY_CHAR as f64).round() as i32);
        assert_eq!(annex_number_width("1．整改任务清单"), BODY_CHAR * 3 / 2);
        assert_eq!(annex_number_width("整改任务清单"), 0);
    }

    #[test]
    fn parts_are_the_packed_package() {
        let fonts = FontSettings::default().resolve();
        let setup = Setup {
            fonts: &fonts,
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        };
        let blocks = vec![
            Block::Title("关于整改情况的报告".into()),
            Block::To("区政府：".into()),
            Block::Heading(1, "一、总体情况".into()),
            Block::Para("正文\t第一行\n第二行 & \"引号\" <尖括号>".into()),
            Block::Annex("附件：1．整改任务清单".into()),
            Block::Signature("区生态环境局".into()),
            Block::Date("2026年3月1日".into()),
            Block::Landscape,
            Block::Attachment("附件".into()),
            Block::Table(TableKind::Tasks),
            Block::Cc("抄送：区人大".into()),
            Block::Imprint("区生态环境局办公室 2026年3月1日印发".into()),
        ];
        let table = TableData {
            columns: vec![
                TableColumn {
                    header: "序号".into(),
                    landscape_width: Some(700),
                    center: true,
                },
                TableColumn {
                    header: "进展".into(),
                    landscape_width: None,
                    center: false,
                },
            ],
            rows: vec![
                TableRowData::Banner("一、水污染".into()),
                TableRowData::Cells(vec![vec!["1".into()], vec!["甲".into(), "乙".into()]]),
            ],
        };
        let tables = [(TableKind::Tasks, table)];
        let parts = build_docx(&blocks, &setup, &tables).unwrap();

        let mut packed = Cursor::new(Vec::new());
        build(&blocks, &setup, &tables)
            .unwrap()
            .pack(&mut packed)
            .unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(packed.into_inner())).unwrap();
        let mut unzipped = BTreeMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            if f.is_dir() {
                continue;
            }
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            unzipped.insert(f.name().unwrap().to_string(), b);
        }
        assert!(parts.contains_key("word/footer2.xml"));
        assert_eq!(
            parts.keys().collect::<Vec<_>>(),
            unzipped.keys().collect::<Vec<_>>()
        );
        assert!(parts == unzipped, "same names, different bytes");
    }

    /// `@pagebreak` before a paragraph is that paragraph's `w:pageBreakBefore`, not a
    /// paragraph holding a break (which, after a table filling its page, made a blank
    /// page); `@portrait` ends the landscape section.
    #[test]
    fn a_page_break_starts_the_next_paragraph_and_portrait_ends_landscape() {
        let fonts = FontSettings::default().resolve();
        let setup = Setup {
            fonts: &fonts,
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        };
        let table = TableData {
            columns: vec![TableColumn {
                header: "序号".into(),
                landscape_width: None,
                center: true,
            }],
            rows: vec![TableRowData::Cells(vec![vec!["1".into()]])],
        };
        let tables = [(TableKind::Tasks, table)];
        let xml = |blocks: &[Block]| {
            let parts = build_docx(blocks, &setup, &tables).unwrap();
            String::from_utf8(parts["word/document.xml"].clone()).unwrap()
        };
        let doc = xml(&[
            Block::Para("正文".into()),
            Block::Landscape,
            Block::Table(TableKind::Tasks),
            Block::PageBreak,
            Block::Attachment("附件2".into()),
        ]);
        assert!(!doc.contains("w:type=\"page\""), "{doc}");
        let label = doc.find("附件2").unwrap();
        let para = doc[..label].rfind("<w:p ").unwrap();
        assert!(doc[para..label].contains("<w:pageBreakBefore"), "{doc}");
        // A break before a table keeps its paragraph: a table has no pageBreakBefore.
        let doc = xml(&[
            Block::Para("正文".into()),
            Block::PageBreak,
            Block::Table(TableKind::Tasks),
        ]);
        assert!(doc.contains("w:type=\"page\""), "{doc}");
        let doc = xml(&[
            Block::Para("正文".into()),
            Block::Landscape,
            Block::Table(TableKind::Tasks),
            Block::Portrait,
            Block::Attachment("附件2".into()),
        ]);
        assert_eq!(doc.matches("<w:sectPr").count(), 3, "{doc}");
        assert_eq!(doc.matches("w:orient=\"landscape\"").count(), 1, "{doc}");
    }
}
