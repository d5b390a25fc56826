//! A pre-scan of an .xls workbook's cell records, before calamine reads it: calamine
//! builds each sheet as a dense grid sized by the farthest cell, so one cell record at
//! the far corner of the BIFF8 grid (65,536 × 256) costs over a gigabyte (found by the
//! ingest fuzzer). Here the Workbook stream is read through the OLE chains (validated
//! first by `sniff::ole_structure_ok`) and every cell record's row and column give each
//! sheet's extent; a sheet over `max_cells_per_sheet` refuses the file.

/// The largest extent (rows × columns, from A1) of any sheet, or None when the stream
/// cannot be found (calamine then reports the file itself).
pub fn max_sheet_cells(bytes: &[u8]) -> Option<u64> {
    let stream = workbook_stream(bytes)?;
    let mut worst: u64 = 0;
    let (mut rows, mut cols) = (0u64, 0u64);
    let mut i = 0usize;
    while i + 4 <= stream.len() {
        let id = u16::from_le_bytes([stream[i], stream[i + 1]]);
        let len = u16::from_le_bytes([stream[i + 2], stream[i + 3]]) as usize;
        let data = stream.get(i + 4..i + 4 + len)?;
        let u16_at = |o: usize| {
            data.get(o..o + 2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]) as u64)
        };
        match id {
            // BOF: a new sheet (or the globals) starts.
            0x0809 => {
                rows = 0;
                cols = 0;
            }
            // NUMBER, RK, LABELSST, LABEL, BLANK, BOOLERR, FORMULA, RSTRING: row, col.
            0x0203 | 0x027E | 0x00FD | 0x0204 | 0x0201 | 0x0205 | 0x0006 | 0x00D6 => {
                if let (Some(r), Some(c)) = (u16_at(0), u16_at(2)) {
                    rows = rows.max(r + 1);
                    cols = cols.max(c + 1);
                }
            }
            // MULRK, MULBLANK: row, first column, …, last column (the final 2 bytes).
            0x00BD | 0x00BE if len >= 6 => {
                if let (Some(r), Some(c)) = (u16_at(0), u16_at(len - 2)) {
                    rows = rows.max(r + 1);
                    cols = cols.max(c + 1);
                }
            }
            _ => {}
        }
        worst = worst.max(rows * cols);
        i += 4 + len;
    }
    Some(worst)
}

fn u32_at(b: &[u8], o: usize) -> Option<u32> {
    b.get(o..o + 4)
        .map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
}

/// The Workbook (or Book) stream's bytes, following the FAT or the mini FAT.
fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let shift = u16::from_le_bytes([*bytes.get(0x1E)?, *bytes.get(0x1F)?]);
    let size = 1usize << shift;
    if !(size == 512 || size == 4096) {
        return None;
    }
    let sector = |id: u32| bytes.get((id as usize + 1) * size..(id as usize + 2) * size);
    // The FAT from the header's first 109 entries.
    let fat_count = u32_at(bytes, 0x2C)? as usize;
    let mut fat: Vec<u32> = Vec::new();
    for k in 0..fat_count.min(109) {
        let s = sector(u32_at(bytes, 0x4C + 4 * k)?)?;
        fat.extend(
            s.chunks_exact(4)
                .map(|e| u32::from_le_bytes([e[0], e[1], e[2], e[3]])),
        );
    }
    let chain = |start: u32, limit: usize| -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0;
        while id < 0xFFFF_FFFA {
            steps += 1;
            if steps > fat.len() + 1 || out.len() >= limit {
                break;
            }
            out.extend_from_slice(sector(id)?);
            id = *fat.get(id as usize)?;
        }
        out.truncate(limit);
        Some(out)
    };
    let dir = chain(u32_at(bytes, 0x30)?, bytes.len())?;
    let cutoff = u32_at(bytes, 0x38)? as usize;
    let mut root: Option<(u32, usize)> = None;
    let mut book: Option<(u32, usize)> = None;
    for e in dir.chunks_exact(128) {
        let name_len = (u16::from_le_bytes([e[64], e[65]]) as usize).min(64);
        let name: String = char::decode_utf16(
            e[..name_len]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]])),
        )
        .filter_map(Result::ok)
        .filter(|c| *c != '\0')
        .collect();
        let start = u32_at(e, 116)?;
        let len = (u32_at(e, 120)? as usize).min(bytes.len());
        match (e[66], name.as_str()) {
            (5, _) if root.is_none() => root = Some((start, len)),
            (2, "Workbook" | "Book") if book.is_none() => book = Some((start, len)),
            _ => {}
        }
    }
    let (start, len) = book?;
    if len >= cutoff {
        return chain(start, len);
    }
    // A small stream: 64-byte sectors in the mini stream, chained by the mini FAT.
    let (root_start, root_len) = root?;
    let mini = chain(root_start, root_len)?;
    let minifat_bytes = chain(u32_at(bytes, 0x3C)?, bytes.len())?;
    let minifat: Vec<u32> = minifat_bytes
        .chunks_exact(4)
        .map(|e| u32::from_le_bytes([e[0], e[1], e[2], e[3]]))
        .collect();
    let mut out = Vec::new();
    let mut id = start;
    let mut steps = 0;
    while id < 0xFFFF_FFFA && out.len() < len {
        steps += 1;
        if steps > minifat.len() + 1 {
            break;
        }
        out.extend_from_slice(mini.get(id as usize * 64..(id as usize + 1) * 64)?);
        id = *minifat.get(id as usize)?;
    }
    out.truncate(len);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
    }

    #[test]
    fn the_extent_of_real_workbooks() {
        // tests/fixtures/README.md: used ranges A1:F6 and A1:G7.
        assert_eq!(
            max_sheet_cells(&fixture("tests/fixtures/xls/standard.xls")),
            Some(36)
        );
        assert_eq!(
            max_sheet_cells(&fixture("tests/fixtures/xls/two_row_header.xls")),
            Some(49)
        );
    }

    #[test]
    fn a_far_corner_cell_is_seen() {
        let bytes = fixture("tests/fuzz_regressions/ingest-xls-dense-range-oom.bin");
        assert!(max_sheet_cells(&bytes[1..]).unwrap() > 2_000_000);
    }

    #[test]
    fn garbage_gives_no_answer_rather_than_a_panic() {
        assert_eq!(max_sheet_cells(b"not an ole file"), None);
        assert_eq!(max_sheet_cells(&[0u8; 1024]), None);
    }
}
