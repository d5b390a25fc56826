//! How many lines the plan's texts take in a spreadsheet's narrow columns (重点任务,
//! 具体举措, 完成时限, the units), so their rows are tall enough. The texts themselves
//! are written whole: Excel, WPS and LibreOffice Calc wrap Chinese text at any
//! character, and a clerk filters, searches and copies the text, which a line break
//! typed into it would cut (科学施\n策 is no match for 科学施策).

use super::xlsx_common::{char_width as char_units, column_points, BODY_PT};

/// Points a cell's text keeps clear of the column's edges, in every viewer.
const CELL_PADDING_PT: f64 = 4.0;

/// The lines `text` takes in a column `width` Excel units wide: each of its lines,
/// wrapped where it is wider than the column.
pub(crate) fn line_count(text: &str, width: f64) -> usize {
    let room = line_room(width);
    text.split('\n')
        .map(|l| {
            l.chars()
                .map(char_units)
                .sum::<usize>()
                .div_ceil(room)
                .max(1)
        })
        .sum()
}

/// Display units (a CJK character two) a line may take in a column `width` wide.
fn line_room(width: f64) -> usize {
    let chars = (column_points(width) - CELL_PADDING_PT) / BODY_PT;
    ((chars * 2.0).floor() as usize).max(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_the_wrapping_and_the_texts_own_breaks() {
        assert_eq!(line_count("一、科学施策，有效降低农业农村污染", 12.0), 4);
        assert_eq!(line_count("长期坚持", 12.0), 1);
        assert_eq!(line_count("长期坚持\n并持续推进", 12.0), 2);
        assert_eq!(line_count("", 12.0), 1);
    }
}
