//! A table as the docx writer takes it: columns (header, width, alignment) and rows,
//! each either one cell of text lines per column or a banner row across the whole
//! width (a group's title). The writer knows nothing of what the table lists.

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TableColumn {
    pub header: String,
    /// Its width on a landscape page, in twips; scaled to the page the table is on.
    /// `None`: what the other columns leave (the last column).
    pub landscape_width: Option<u32>,
    /// Centred (else left-aligned).
    pub center: bool,
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum TableRowData {
    /// One cell per column, each lines of text (one paragraph a line).
    Cells(Vec<Vec<String>>),
    /// One cell across every column: the title of the rows below it, kept with the
    /// next row.
    Banner(String),
}

/// A table: columns, and rows. The header row repeats on every page.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct TableData {
    pub columns: Vec<TableColumn>,
    pub rows: Vec<TableRowData>,
}

impl TableData {
    /// The column widths for a text width of `width` twips: each column's landscape
    /// width scaled, and what they leave to the one column without a width.
    pub fn widths(&self, width: u32, landscape_width: u32) -> Vec<u32> {
        let scaled: Vec<Option<u32>> = self
            .columns
            .iter()
            .map(|c| c.landscape_width.map(|w| w * width / landscape_width))
            .collect();
        let rest = width - scaled.iter().flatten().sum::<u32>();
        scaled.into_iter().map(|w| w.unwrap_or(rest)).collect()
    }
}

/// Twips of one 五号 (10.5 pt) CJK character, the table's text size.
const CHAR: u32 = 210;
/// Word's default cell margins, left and right (108 twips each).
const CELL_MARGINS: u32 = 216;

/// About how many lines `text` takes in a cell `width` twips wide: CJK characters one
/// 五号 character each, ASCII half. An estimate (no line-breaking rules), used only to
/// decide whether a row may split across pages.
pub fn cell_lines(text: &str, width: u32) -> u32 {
    use unicode_width::UnicodeWidthStr;
    let per_line = (width.saturating_sub(CELL_MARGINS) * 2 / CHAR).max(1) as usize;
    let halves = plain_width(text).unwrap_or_else(|| text.width());
    // Word and LibreOffice space digits and letters off from Chinese (about a quarter
    // of a character at each meeting: half a half).
    let spaced = halves + autospaces(text).div_ceil(2);
    spaced.div_ceil(per_line).max(1) as u32
}

/// Places where an ASCII letter or digit meets a CJK ideograph (2020年: one).
pub(super) fn autospaces(text: &str) -> usize {
    let cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let mut count = 0;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev {
            if (p.is_ascii_alphanumeric() && cjk(c)) || (cjk(p) && c.is_ascii_alphanumeric()) {
                count += 1;
            }
        }
        prev = Some(c);
    }
    count
}

/// The display width of text made only of printable ASCII, dashes, quotes and
/// ellipses (1), CJK ideographs, punctuation and full-width forms (2): the usual text of
/// a cell, measured without unicode-width's tables (a few percent of writing the
/// report). `None` for any other character; the unit tests hold it to unicode-width.
fn plain_width(text: &str) -> Option<usize> {
    text.chars().try_fold(0usize, |w, c| match c {
        ' '..='~' | '\u{2014}' | '\u{2018}'..='\u{201D}' | '\u{2026}' => Some(w + 1),
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{FF01}'..='\u{FF5E}' => Some(w + 2),
        _ => None,
    })
}

/// About how tall a row of cells is, in lines: its tallest cell.
pub fn row_lines(cells: &[Vec<String>], widths: &[u32]) -> u32 {
    cells
        .iter()
        .zip(widths)
        .map(|(lines, &w)| lines.iter().map(|t| cell_lines(t, w)).sum::<u32>().max(1))
        .max()
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_follow_the_cell_width() {
        // 3000 twips less margins hold 13 五号 characters a line.
        assert_eq!(cell_lines("", 3000), 1);
        assert_eq!(cell_lines(&"水".repeat(13), 3000), 1);
        assert_eq!(cell_lines(&"水".repeat(14), 3000), 2);
        assert_eq!(cell_lines(&"a".repeat(26), 3000), 1);
        assert_eq!(cell_lines(&"a".repeat(27), 3000), 2);
    }

    #[test]
    fn plain_width_is_unicode_width() {
        use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
        let plain = (' '..='~')
            .chain('\u{4E00}'..='\u{9FFF}')
            .chain('\u{FF01}'..='\u{FF5E}');
        for c in plain {
            let w = c.width().unwrap_or(0);
            assert_eq!(plain_width(&c.to_string()), Some(w), "{c:?}");
        }
        let text = "整改（第1批）: 完成率100%，“Done”……【已完成】。";
        assert_eq!(plain_width(text), Some(text.width()));
        assert_eq!(plain_width("a\nb"), None);
        assert_eq!(plain_width("〇"), None);
    }

    proptest::proptest! {
        #[test]
        fn plain_width_agrees_on_strings(s in "[ -~\u{2014}\u{2018}-\u{201D}\u{2026}\u{3001}-\u{3003}\u{3008}-\u{3011}\u{4E00}-\u{9FFF}\u{FF01}-\u{FF5E}]{0,40}") {
            use unicode_width::UnicodeWidthStr;
            proptest::prop_assert_eq!(plain_width(&s), Some(s.width()));
        }
    }

    #[test]
    fn a_row_is_as_tall_as_its_tallest_cell() {
        let cells = vec![
            vec!["1".to_string()],
            vec!["水".repeat(30), "水".repeat(3)],
            vec!["已完成".to_string()],
        ];
        assert_eq!(row_lines(&cells, &[700, 3000, 1150]), 4);
    }
}
