//! A table as the docx writer takes it: columns (header, width, alignment) and rows of
//! cells, each cell lines of text or part of a cell merged down its column. The writer
//! knows nothing of what the table lists.

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableColumn {
    pub header: String,
    /// Its width on a landscape page, in twips; scaled to the page the table is on.
    /// `None`: what the other columns leave (the last column).
    pub landscape_width: Option<u32>,
    /// Centred (else left-aligned).
    pub center: bool,
}

/// One data cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableCell {
    /// Lines of text, one paragraph each.
    Lines(Vec<String>),
    /// The first cell of a run merged down the column, with its lines.
    MergeStart(Vec<String>),
    /// A cell merged into the one above.
    MergeContinue,
}

/// A table: columns, and rows of one cell per column. The header row repeats on every
/// page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableData {
    pub columns: Vec<TableColumn>,
    pub rows: Vec<Vec<TableCell>>,
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
