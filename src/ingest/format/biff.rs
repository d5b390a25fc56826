//! A pre-scan of an .xls workbook's records, before calamine reads it (both checks come
//! from the ingest fuzzer):
//! - calamine builds each sheet as a dense grid sized by the farthest cell, so one cell
//!   record at the far corner of the BIFF8 grid (65,536 × 256) costs over a gigabyte:
//!   every cell record's row and column give each sheet's extent, and a sheet over
//!   `max_cells_per_sheet` refuses the file;
//! - calamine indexes a few records without checking their length (BOF, BoundSheet8,
//!   Lbl, MergeCells and others): such a record too short for what calamine reads
//!   marks the file as damaged.
//!
//! The Workbook stream is read through the OLE chains (validated first by
//! `guard::ole_tables`, when the sniffer took the file for an xls).

use crate::ingest::grid::HiddenLines;
/// What the scan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Scan {
    /// The largest extent (rows × columns, from A1) of any sheet.
    pub max_cells: u64,
    /// The first record too short for calamine: (record type, length).
    pub short_record: Option<(u16, usize)>,
    /// The globals hold a FILEPASS record: what follows is encrypted (and was not
    /// scanned: its bytes mean nothing until decrypted).
    pub encrypted: bool,
}

/// FILEPASS: the workbook is encrypted from the next record on ([MS-XLS] 2.4.117).
const FILEPASS: u16 = 0x002F;

/// Whether calamine would read past the end of this record (the parts it reads without
/// a length check, calamine 0.38's `src/xls.rs`).
fn too_short(id: u16, data: &[u8]) -> bool {
    let len = data.len();
    let u16_at = |o: usize| {
        data.get(o..o + 2)
            .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as usize)
    };
    match id {
        // BOF, FilePass, CodePage, DateMode, ExternSheet: a u16 first.
        0x0809 | FILEPASS | 0x0042 | 0x0022 | 0x0017 => len < 2,
        // BoundSheet8: stream position, state, type.
        0x0085 => len < 6,
        // Lbl: name length at 3, formula length at 4, name from 14, formula at the end.
        0x0018 => len < 14 || u16_at(4) > len,
        // MergeCells: a count, then 8 bytes per range.
        0x00E5 => len < 2 || 2 + 8 * u16_at(0) > len,
        _ => false,
    }
}

/// Scan the workbook stream's records as calamine reads them: the globals up to their
/// EOF, then each sheet from the position its BoundSheet8 record gives, up to the
/// sheet's EOF (embedded substreams, such as charts, skipped as calamine skips them).
/// None when the stream cannot be found (calamine then reports the file itself).
pub(super) fn scan(bytes: &[u8]) -> Option<Scan> {
    let stream = workbook_stream(bytes)?;
    // The first record calamine would misread: (type, length).
    let mut short_record = None;
    let mut flag = |id: u16, len: usize| {
        short_record.get_or_insert((id, len));
    };
    let mut positions = Vec::new();
    let mut encrypted = false;
    records(&stream, |id, data| {
        if id == FILEPASS {
            encrypted = true;
            return false;
        }
        if too_short(id, data) {
            flag(id, data.len());
        }
        if id == 0x0085 {
            if let Some(p) = u32_at(data, 0) {
                positions.push(p as usize);
            }
        }
        id != 0x000A
    });
    if encrypted {
        return Some(Scan {
            max_cells: 0,
            short_record: None,
            encrypted,
        });
    }
    let mut worst: u64 = 0;
    for pos in positions {
        // calamine slices the stream at the position without a check.
        let Some(sheet) = stream.get(pos..) else {
            flag(0x0085, 0);
            continue;
        };
        let (mut rows, mut cols) = (0u64, 0u64);
        sheet_records(sheet, |id, data| {
            if too_short(id, data) {
                flag(id, data.len());
            }
            let u16_at = |o: usize| {
                data.get(o..o + 2)
                    .map(|b| u16::from_le_bytes([b[0], b[1]]) as u64)
            };
            match id {
                // DIMENSIONS: calamine reserves rows × columns cells from it.
                0x0200 => match dimensions_cells(data) {
                    Some(Some(n)) => worst = worst.max(n),
                    Some(None) => flag(id, data.len()),
                    None => {}
                },
                // NUMBER, RK, LABELSST, LABEL, BLANK, BOOLERR, FORMULA, RSTRING: row, col.
                0x0203 | 0x027E | 0x00FD | 0x0204 | 0x0201 | 0x0205 | 0x0006 | 0x00D6 => {
                    if let (Some(r), Some(c)) = (u16_at(0), u16_at(2)) {
                        rows = rows.max(r + 1);
                        cols = cols.max(c + 1);
                    }
                }
                // MULRK, MULBLANK: row, first column, …, last column (the final 2 bytes).
                0x00BD | 0x00BE if data.len() >= 6 => {
                    if let (Some(r), Some(c)) = (u16_at(0), u16_at(data.len() - 2)) {
                        rows = rows.max(r + 1);
                        cols = cols.max(c + 1);
                    }
                }
                _ => {}
            }
        });
        worst = worst.max(rows * cols);
    }
    Some(Scan {
        max_cells: worst,
        short_record,
        encrypted,
    })
}

/// The rows hidden by hand on each sheet (ROW records with fDyZero) and its hidden
/// columns (COLINFO with fHidden), 0-based, ascending, by the sheet's name; the rows of
/// a sheet with a filter set (FILTERMODE) are left out: rows a filter hides are read as
/// shown, as in xlsx. `stream`: the Workbook stream ([`workbook_stream`]).
pub(super) fn hidden_lines(stream: &[u8]) -> std::collections::HashMap<String, HiddenLines> {
    let mut out = std::collections::HashMap::new();
    let mut sheets: Vec<(usize, String)> = Vec::new();
    records(stream, |id, data| {
        if id == FILEPASS {
            return false;
        }
        if id == 0x0085 {
            if let (Some(p), Some(name)) = (u32_at(data, 0), bound_sheet_name(data)) {
                sheets.push((p as usize, name));
            }
        }
        id != 0x000A
    });
    for (pos, name) in sheets {
        let Some(sheet) = stream.get(pos..) else {
            continue;
        };
        let (mut lines, mut filtered) = (HiddenLines::default(), false);
        sheet_records(sheet, |id, data| {
            let u16_at = |i: usize| data.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
            match id {
                // FILTERMODE: a filter hides rows.
                0x009B => filtered = true,
                // ROW: rw at 0, grbit at 12 (fDyZero 0x20: the row is hidden).
                0x0208 => {
                    if let (Some(rw), Some(grbit)) = (u16_at(0), u16_at(12)) {
                        if grbit & 0x20 != 0 {
                            lines.rows.push(u32::from(rw));
                        }
                    }
                }
                // COLINFO: colFirst at 0, colLast at 2, options at 8 (fHidden 0x01); a
                // sheet has 256 columns, the last COLINFO often runs to 255 or past it.
                0x007D => {
                    if let (Some(first), Some(last), Some(options)) =
                        (u16_at(0), u16_at(2), u16_at(8))
                    {
                        if options & 1 != 0 && first <= last {
                            lines
                                .cols
                                .extend(u32::from(first)..=u32::from(last.min(255)));
                        }
                    }
                }
                _ => {}
            }
        });
        if filtered {
            lines.rows.clear();
        }
        if !lines.rows.is_empty() || !lines.cols.is_empty() {
            for l in [&mut lines.rows, &mut lines.cols] {
                l.sort_unstable();
                l.dedup();
            }
            out.insert(name, lines);
        }
    }
    out
}

/// Every record of one sheet's substream, from its BOF up to and including its EOF, to
/// `f`: the BOF of an embedded substream (a chart) too, but not what is inside it.
pub(super) fn sheet_records(sheet: &[u8], mut f: impl FnMut(u16, &[u8])) {
    let (mut seen_bof, mut depth) = (false, 0usize);
    records(sheet, |id, data| {
        if depth > 0 {
            match id {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            return true;
        }
        f(id, data);
        match id {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => return false,
            _ => {}
        }
        true
    });
}

/// A BoundSheet8 record's sheet name (ShortXLUnicodeString at 6: a length, a flag for
/// two-byte characters, then the characters).
pub(super) fn bound_sheet_name(data: &[u8]) -> Option<String> {
    let (&cch, &flags) = (data.get(6)?, data.get(7)?);
    let chars = data.get(8..)?;
    if flags & 1 == 1 {
        let units: Vec<u16> = chars
            .get(..usize::from(cch) * 2)?
            .chunks_exact(2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        String::from_utf16(&units).ok()
    } else {
        Some(
            chars
                .get(..usize::from(cch))?
                .iter()
                .map(|&b| char::from(b))
                .collect(),
        )
    }
}

/// The cells calamine reserves for a DIMENSIONS record (calamine 0.38 `parse_dimensions`
/// and the `reserve` after it): `None` when calamine ignores the record (a length it
/// does not read), `Some(None)` when its range is inverted (calamine's subtraction
/// would overflow).
fn dimensions_cells(data: &[u8]) -> Option<Option<u64>> {
    let u16_at = |o: usize| u32::from(u16::from_le_bytes([data[o], data[o + 1]]));
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(data, 0)?, u32_at(data, 4)?, u16_at(8), u16_at(10)),
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let ((r0, c0), (r1, c1)) = if rl >= 1 && cl >= 1 {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    if r1 < r0 || c1 < c0 {
        return Some(None);
    }
    let rows = u64::from(r1 - r0) + 1;
    let cols = u64::from(c1 - c0) + 1;
    Some(Some(rows.saturating_mul(cols)))
}

/// Each record (type, data) of a BIFF record sequence until `f` says stop or a record
/// runs past the end (where calamine stops with an error).
pub(super) fn records(stream: &[u8], mut f: impl FnMut(u16, &[u8]) -> bool) {
    let mut i = 0usize;
    while i + 4 <= stream.len() {
        let id = u16::from_le_bytes([stream[i], stream[i + 1]]);
        let len = u16::from_le_bytes([stream[i + 2], stream[i + 3]]) as usize;
        let Some(data) = stream.get(i + 4..i + 4 + len) else {
            return;
        };
        if !f(id, data) {
            return;
        }
        i += 4 + len;
    }
}

pub(super) fn u16_at(b: &[u8], o: usize) -> Option<u16> {
    b.get(o..o + 2).map(|x| u16::from_le_bytes([x[0], x[1]]))
}

pub(super) fn u32_at(b: &[u8], o: usize) -> Option<u32> {
    b.get(o..o + 4)
        .map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
}

/// An OLE file's sector size, FAT and directory stream.
struct Ole<'a> {
    bytes: &'a [u8],
    size: usize,
    fat: Vec<u32>,
    dir: Vec<u8>,
}

impl<'a> Ole<'a> {
    fn open(bytes: &'a [u8]) -> Option<Ole<'a>> {
        let shift = u16::from_le_bytes([*bytes.get(0x1E)?, *bytes.get(0x1F)?]);
        if !(shift == 9 || shift == 12) {
            return None;
        }
        let size = 1usize << shift;
        let mut ole = Ole {
            bytes,
            size,
            fat: Vec::new(),
            dir: Vec::new(),
        };
        // The FAT from the header's first 109 entries.
        let fat_count = u32_at(bytes, 0x2C)? as usize;
        for k in 0..fat_count.min(109) {
            let s = ole.sector(u32_at(bytes, 0x4C + 4 * k)?)?;
            ole.fat.extend(
                s.chunks_exact(4)
                    .map(|e| u32::from_le_bytes([e[0], e[1], e[2], e[3]])),
            );
        }
        ole.dir = ole.chain(u32_at(bytes, 0x30)?, bytes.len())?;
        Some(ole)
    }

    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let bytes: &'a [u8] = self.bytes;
        bytes.get((id as usize + 1) * self.size..(id as usize + 2) * self.size)
    }

    /// A chain of sectors from `start`, at most `limit` bytes.
    fn chain(&self, start: u32, limit: usize) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0;
        while id < 0xFFFF_FFFA {
            steps += 1;
            if steps > self.fat.len() + 1 || out.len() >= limit {
                break;
            }
            out.extend_from_slice(self.sector(id)?);
            id = *self.fat.get(id as usize)?;
        }
        out.truncate(limit);
        Some(out)
    }

    /// The directory entries (128 bytes each).
    fn entries(&self) -> impl Iterator<Item = &[u8]> {
        self.dir.chunks_exact(128)
    }
}

/// The decoded name of a directory entry (UTF-16LE, up to the first NUL).
fn entry_name(e: &[u8]) -> String {
    char::decode_utf16(
        e[..64]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]])),
    )
    .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
    .take_while(|c| *c != '\0')
    .collect()
}

/// The names (and types: 1 storage, 2 stream, 5 root) of every directory entry, those
/// inside embedded objects' storages included. None when the directory cannot be read.
pub(super) fn entry_names(bytes: &[u8]) -> Option<Vec<(String, u8)>> {
    let ole = Ole::open(bytes)?;
    Some(ole.entries().map(|e| (entry_name(e), e[66])).collect())
}

/// The names of the streams and storages directly in the root storage (not those of
/// an embedded object's storage): the root's child and that child's siblings, a
/// red-black tree linked by the left (offset 68) and right (72) sibling ids. None when
/// the directory cannot be read.
pub(super) fn root_names(bytes: &[u8]) -> Option<Vec<(String, u8)>> {
    let ole = Ole::open(bytes)?;
    let entries: Vec<&[u8]> = ole.entries().collect();
    let root = entries.first()?;
    let mut out = Vec::new();
    let mut stack = vec![u32_at(root, 76)?];
    let mut seen = vec![false; entries.len()];
    while let Some(id) = stack.pop() {
        let Some(e) = entries.get(id as usize) else {
            continue;
        };
        if std::mem::replace(&mut seen[id as usize], true) {
            continue;
        }
        out.push((entry_name(e), e[66]));
        stack.extend([u32_at(e, 68)?, u32_at(e, 72)?]);
    }
    Some(out)
}

/// The Workbook (or Book) stream's bytes, following the FAT or the mini FAT.
pub(super) fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let ole = Ole::open(bytes)?;
    let size = ole.size;
    let chain = |start: u32, limit: usize| ole.chain(start, limit);
    // Find the stream as calamine does (its `src/cfb.rs`): the directory's first entry is the root
    // (it holds the mini stream); a stream is found by name, case-insensitively,
    // "Workbook" before "Book", whatever the entry's type; its name is the 64 bytes
    // decoded up to the first NUL; its length is 32 bits with 512-byte sectors and 64
    // with 4096; under 4096 bytes it lives in the mini stream.
    let entry = |e: &[u8]| -> Option<(String, u32, usize)> {
        let name = entry_name(e);
        let start = u32_at(e, 116)?;
        let len = if size == 512 {
            u32_at(e, 120)? as u64
        } else {
            u64::from(u32_at(e, 120)?) | (u64::from(u32_at(e, 124)?) << 32)
        };
        Some((name, start, usize::try_from(len).ok()?.min(bytes.len())))
    };
    let entries: Vec<(String, u32, usize)> = ole.entries().filter_map(entry).collect();
    let root = entries.first().map(|(_, s, l)| (*s, *l));
    let book = ["Workbook", "Book"].iter().find_map(|want| {
        entries
            .iter()
            .find(|(n, _, _)| n.eq_ignore_ascii_case(want))
            .map(|(_, s, l)| (*s, *l))
    });
    let (start, len) = book?;
    if len >= 4096 {
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
            scan(&fixture("tests/fixtures/xls/standard.xls")).map(|s| s.max_cells),
            Some(36)
        );
        assert_eq!(
            scan(&fixture("tests/fixtures/xls/two_row_header.xls")).map(|s| s.max_cells),
            Some(49)
        );
    }

    #[test]
    fn a_far_corner_cell_is_seen() {
        let bytes = fixture("tests/fuzz_regressions/ingest-xls-dense-range-oom.bin");
        assert!(scan(&bytes[1..]).unwrap().max_cells > 2_000_000);
    }

    #[test]
    fn real_workbooks_have_no_short_record() {
        for f in [
            "tests/fixtures/xls/standard.xls",
            "tests/fixtures/xls/two_row_header.xls",
            "input/returns/区生态环境局.xls",
        ] {
            assert_eq!(scan(&fixture(f)).unwrap().short_record, None, "{f}");
        }
    }

    #[test]
    fn records_calamine_would_overrun() {
        assert!(too_short(0x00E5, &[]));
        assert!(too_short(0x00E5, &[2, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        assert!(!too_short(0x00E5, &[1, 0, 0, 0, 1, 0, 0, 0, 2, 0]));
        assert!(too_short(0x0018, &[0; 13]));
        assert!(too_short(
            0x0018,
            &[0, 0, 0, 1, 200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 65]
        ));
        assert!(!too_short(
            0x0018,
            &[0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 65, 9]
        ));
        assert!(too_short(0x0809, &[6]));
        assert!(too_short(0x0085, &[0; 5]));
        assert!(!too_short(0x0203, &[]));
    }

    #[test]
    fn dimensions_as_calamine_reads_them() {
        // BIFF8: rows 0..1_000_000 (u32), columns 0..10.
        let mut d = Vec::new();
        d.extend(0u32.to_le_bytes());
        d.extend(1_000_000u32.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d.extend(10u16.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        assert_eq!(dimensions_cells(&d), Some(Some(10_000_000)));
        // An inverted range: calamine's end - start would overflow.
        let mut inv = d.clone();
        inv[0..4].copy_from_slice(&5_000_000u32.to_le_bytes());
        assert_eq!(dimensions_cells(&inv), Some(None));
        // A length calamine does not read.
        assert_eq!(dimensions_cells(&[0; 12]), None);
    }

    /// LibreOffice's BIFF8 of a sheet 进展 with rows 2 and 4 hidden
    /// (tests/fixtures/xls/hidden_rows.xls).
    #[test]
    fn hidden_rows_by_sheet_name() {
        let lines = |f: &str| hidden_lines(&workbook_stream(&fixture(f)).unwrap());
        let got = lines("tests/fixtures/xls/hidden_rows.xls");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got["进展"].rows, [1, 3]);
        assert!(got["进展"].cols.is_empty());
        assert!(lines("tests/fixtures/xls/standard.xls").is_empty());
    }

    #[test]
    fn garbage_gives_no_answer_rather_than_a_panic() {
        assert_eq!(scan(b"not an ole file"), None);
        assert_eq!(scan(&[0u8; 1024]), None);
    }
}
