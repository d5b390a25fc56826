//! CSV/TSV: bytes → text (BOM, UTF-8, GB18030) → the delimiter that fits → one grid
//! of text cells named after the file. Interpreting numbers and dates is left to the
//! sheet reader.

use std::path::Path;

use super::output::Parsed;
use crate::common::text::visible;
use crate::ingest::error::ReadError;
use crate::ingest::grid::{Cell, Grid, Limits};

/// Candidate delimiters, in order of preference on a tie.
const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];
/// Records looked at to choose the delimiter.
const SNIFF_RECORDS: usize = 30;

/// Decode bytes to text: BOM (UTF-8, UTF-16LE/BE), else strict UTF-8, else
/// GB18030 (a superset of GBK and GB2312).
pub(super) fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            text.into_owned()
        }
    }
}

/// Pick the delimiter giving the most consistent field count (> 1) over the
/// first records. Falls back to a comma.
fn sniff_delimiter(text: &str) -> u8 {
    let mut best = (b',', 0usize, 0usize); // (delimiter, records agreeing, fields)
    for &d in &DELIMITERS {
        // A delimiter the text never holds splits no record (one field each): it cannot
        // win, and building a reader for it costs more than looking.
        if memchr::memchr(d, text.as_bytes()).is_none() {
            continue;
        }
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(d)
            .from_reader(text.as_bytes());
        let mut counts: Vec<usize> = Vec::with_capacity(SNIFF_RECORDS);
        // One record reused, as bytes: `text` is UTF-8 already, and only the field
        // counts matter here.
        let mut r = csv::ByteRecord::new();
        for _ in 0..SNIFF_RECORDS {
            match rdr.read_byte_record(&mut r) {
                Ok(true) => {
                    // Blank lines say nothing about the delimiter.
                    if r.len() == 1 && blank(&r[0]) {
                        continue;
                    }
                    counts.push(r.len());
                }
                Ok(false) | Err(_) => break,
            }
        }
        // Most frequent field count above 1 and how many records have it.
        let mut mode = (0usize, 0usize); // (agreeing, fields)
        for &c in &counts {
            if c < 2 {
                continue;
            }
            let agreeing = counts.iter().filter(|&&x| x == c).count();
            if (agreeing, c) > mode {
                mode = (agreeing, c);
            }
        }
        if (mode.0, mode.1) > (best.1, best.2) {
            best = (d, mode.0, mode.1);
        }
    }
    best.0
}

/// A field of only whitespace (Unicode's, as `str::trim` has it).
fn blank(field: &[u8]) -> bool {
    std::str::from_utf8(field).is_ok_and(|f| f.trim().is_empty())
}

/// The file's one grid, named after the file's stem.
pub(super) fn read(path: &Path, bytes: &[u8], limits: &Limits) -> Result<Parsed, ReadError> {
    Ok(Parsed {
        grids: vec![grid(bytes, &grid_name(path), limits)?],
        ..Parsed::default()
    })
}

/// Parse CSV bytes into one grid named `name`. Every non-empty field is `Cell::Text`.
fn grid(bytes: &[u8], name: &str, limits: &Limits) -> Result<Grid, ReadError> {
    let text = decode(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut cells: u64 = 0;
    let mut record = csv::StringRecord::new();
    while rdr.read_record(&mut record)? {
        cells += record.len() as u64;
        if cells > limits.max_cells_per_sheet {
            return Err(ReadError::CsvCells {
                limit: limits.max_cells_per_sheet,
            });
        }
        rows.push(row(&record));
    }
    while rows.last().is_some_and(|r| r.is_empty()) {
        rows.pop();
    }
    Ok(Grid {
        name: name.to_string(),
        rows,
        ..Grid::default()
    })
}

/// One record as cells, without trailing empty ones.
fn row(record: &csv::StringRecord) -> Vec<Cell> {
    let mut row: Vec<Cell> = record
        .iter()
        .map(|f| {
            let f = visible(unguarded(f));
            if f.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(f.into_owned())
            }
        })
        .collect();
    while matches!(row.last(), Some(Cell::Empty)) {
        row.pop();
    }
    row
}

/// A field as its value: office systems export `="21"` (a formula giving the text) to
/// keep Excel from turning 序号 and dates into numbers.
fn unguarded(field: &str) -> &str {
    field
        .strip_prefix("=\"")
        .and_then(|f| f.strip_suffix('"'))
        .filter(|inner| !inner.contains('"'))
        .unwrap_or(field)
}

/// The grid name for a CSV file: its stem.
fn grid_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guarded_fields_read_as_their_text() {
        let g = grid(
            "序号,进展\n=\"21\",已完成\n=\"2020-12-04\",=SUM(A1)\n".as_bytes(),
            "x",
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(g.cell(1, 0).text(), "21");
        assert_eq!(g.cell(2, 0).text(), "2020-12-04");
        assert_eq!(g.cell(2, 1).text(), "=SUM(A1)");
    }
}
