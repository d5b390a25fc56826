//! GB/T 9704-2012 page setup and fonts, in Word units (twips = 1/20 pt, half-points).

use docx_rs::{
    DocGrid, DocGridType, LineSpacing, LineSpacingType, PageMargin, PageOrientationType, PageSize,
    RunFonts, SectionProperty,
};

use crate::plan::meta::Fonts;

/// A4 in twips.
pub const A4_WIDTH: u32 = 11906;
pub const A4_HEIGHT: u32 = 16838;

/// Margins 37/35/28/26 mm (top, bottom, left, right) in twips.
pub const MARGIN_TOP: i32 = 2098;
pub const MARGIN_BOTTOM: i32 = 1984;
pub const MARGIN_LEFT: i32 = 1588;
pub const MARGIN_RIGHT: i32 = 1474;
/// Header distance (no header is used) and footer distance from the page edge: the
/// page number's line starts about 7 mm below the text block (35 mm − 23 mm − its height).
pub const HEADER_DISTANCE: i32 = 851;
pub const FOOTER_DISTANCE: i32 = 1304;

/// Text width in portrait (11906 − 1588 − 1474) and in landscape (16838 − 1588 − 1474):
/// the landscape section keeps the same four margins (top 37, bottom 35, left 28,
/// right 26 mm), so page numbers sit the same distance below the text on every page.
pub const PORTRAIT_TEXT_WIDTH: u32 = A4_WIDTH - (MARGIN_LEFT + MARGIN_RIGHT) as u32;
pub const LANDSCAPE_TEXT_WIDTH: u32 = A4_HEIGHT - (MARGIN_LEFT + MARGIN_RIGHT) as u32;
/// Text height in portrait (225 mm) and in landscape.
pub const PORTRAIT_TEXT_HEIGHT: u32 = A4_HEIGHT - (MARGIN_TOP + MARGIN_BOTTOM) as u32;
pub const LANDSCAPE_TEXT_HEIGHT: u32 = A4_WIDTH - (MARGIN_TOP + MARGIN_BOTTOM) as u32;

/// Fixed line spacing for 22 lines in the 225 mm text block: 12756 / 22 ≈ 579 twips
/// (28.95 pt); also the document grid's line pitch.
pub const LINE_PITCH: i32 = 579;

/// Font sizes in half-points.
pub const SIZE_2HAO: usize = 44; // 二号 22 pt: titles
pub const SIZE_3HAO: usize = 32; // 三号 16 pt: body
pub const SIZE_4HAO: usize = 28; // 四号 14 pt: page numbers
pub const SIZE_5HAO: usize = 21; // 五号 10.5 pt: the attachment table

/// One character of body text (三号, 16 pt) in twips: first-line indents are 2 of them.
pub const BODY_CHAR: i32 = 320;
/// One character of the page-number font (四号, 14 pt) in twips.
pub const PAGE_NUMBER_CHAR: i32 = 280;
/// Fixed line spacing inside the attachment table (16 pt for 五号 text).
pub const TABLE_LINE: i32 = 320;

/// Run fonts: the Chinese name in w:eastAsia, the Latin font for digits and Latin.
pub fn run_fonts(east_asia: &str, fonts: &Fonts) -> RunFonts {
    RunFonts::new()
        .ascii(&fonts.latin)
        .hi_ansi(&fonts.latin)
        .cs(&fonts.latin)
        .east_asia(east_asia)
        .hint("eastAsia")
}

/// Exact body line spacing.
pub fn body_spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(LINE_PITCH)
        .before(0)
        .after(0)
}

pub fn exact_spacing(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
        .before(0)
        .after(0)
}

pub fn margins() -> PageMargin {
    PageMargin::new()
        .top(MARGIN_TOP)
        .bottom(MARGIN_BOTTOM)
        .left(MARGIN_LEFT)
        .right(MARGIN_RIGHT)
        .header(HEADER_DISTANCE)
        .footer(FOOTER_DISTANCE)
        .gutter(0)
}

/// Character spacing of 3号 body runs in twentieths of a point: 16 pt − 0.25 pt =
/// 15.75 pt a character, so the 156 mm text block holds 28 characters (GB/T 9704).
/// Done on the runs rather than with a linesAndChars grid (charSpace −848): LibreOffice
/// lays a negative charSpace out at about 23 characters a line, Word at 28; run spacing
/// gives 28 in both.
pub const BODY_CHAR_SPACING: i32 = -5;

/// The GB/T 9704 line grid: 22 lines (linePitch 579); the 28 characters come from
/// [`BODY_CHAR_SPACING`].
pub fn doc_grid() -> DocGrid {
    DocGrid::new()
        .grid_type(DocGridType::Lines)
        .line_pitch(LINE_PITCH as usize)
}

/// A section that ends before another one (portrait before the landscape attachment,
/// or either before the 版记), referencing the document-level footers: rIdFooter1 for
/// odd pages, `even_footer` for even ones (rIdFooter2, or rIdFooter3 when the last
/// section is the 版记's).
pub fn section_ending(landscape: bool, even_footer: &str) -> SectionProperty {
    let (w, h, orient) = final_page(landscape);
    let mut sp = SectionProperty::new()
        .page_size(PageSize::new().size(w, h))
        .page_margin(margins())
        .doc_grid(doc_grid());
    if let Some(o) = orient {
        sp = sp.page_orient(o);
    }
    sp.footer_reference = Some(docx_rs::FooterReference::new("default", "rIdFooter1"));
    sp.even_footer_reference = Some(docx_rs::FooterReference::new("even", even_footer));
    sp
}

/// Page size of the final section: landscape swaps width and height (the orientation
/// flag alone changes nothing in Word).
pub fn final_page(landscape: bool) -> (u32, u32, Option<PageOrientationType>) {
    if landscape {
        (A4_HEIGHT, A4_WIDTH, Some(PageOrientationType::Landscape))
    } else {
        (A4_WIDTH, A4_HEIGHT, None)
    }
}
