//! Struck-through text in .xls returns (BIFF8), read as `xlsx_strike.rs` reads an
//! xlsx's: calamine gives a cell's text without its font. The globals give the fonts
//! (FONT: fStrikeOut), the cell formats using them (XF: ifnt) and the shared strings
//! with struck runs (SST rich text: the runs' fonts); each sheet's cell records give
//! their format (ixfe) and, for a shared string, its index. A workbook with no struck
//! font, nearly all of them, stops after the globals.

use std::collections::HashMap;

use super::biff::{bound_sheet_name, records, sheet_records, u16_at, u32_at};
use crate::ingest::grid::Grid;

/// What a sheet's struck cells become: (0-based row, column) → `None` (struck whole:
/// emptied) or the text of the runs not struck.
pub(super) type Struck = Vec<(usize, usize, Option<String>)>;

/// The struck cells of each sheet, by the sheet's name; empty when no font is struck.
/// `stream`: the Workbook stream (`biff::workbook_stream`).
pub(super) fn struck_cells(stream: &[u8]) -> HashMap<String, Struck> {
    let mut out = HashMap::new();
    let mut fonts: Vec<bool> = Vec::new();
    let mut xf_fonts: Vec<u16> = Vec::new();
    let mut sheets: Vec<(usize, String)> = Vec::new();
    // The SST record and its CONTINUE records, as (offset, length) in the stream.
    let mut sst: Vec<(usize, usize)> = Vec::new();
    let mut in_sst = false;
    let base = stream.as_ptr() as usize;
    records(stream, |id, data| {
        let at = (data.as_ptr() as usize - base, data.len());
        if in_sst && id == 0x003C {
            sst.push(at);
            return true;
        }
        in_sst = false;
        match id {
            // FILEPASS: what follows is encrypted.
            0x002F => return false,
            // FONT: grbit at 2 (fStrikeOut 0x08).
            0x0031 => fonts.push(u16_at(data, 2).is_some_and(|g| g & 0x08 != 0)),
            // XF: ifnt at 0.
            0x00E0 => xf_fonts.push(u16_at(data, 0).unwrap_or(0)),
            0x00FC => {
                sst.push(at);
                in_sst = true;
            }
            0x0085 => {
                if let (Some(p), Some(name)) = (u32_at(data, 0), bound_sheet_name(data)) {
                    sheets.push((p as usize, name));
                }
            }
            _ => {}
        }
        id != 0x000A
    });
    if !fonts.iter().any(|&f| f) {
        return out;
    }
    // Font indices skip 4 (the FONT records are fonts 0–3, 5, 6 …).
    let struck_font = |i: u16| {
        let i = usize::from(i);
        let at = if i >= 4 { i - 1 } else { i };
        fonts.get(at).copied().unwrap_or(false)
    };
    let struck_xf = |ixfe: u16| {
        xf_fonts
            .get(usize::from(ixfe))
            .is_some_and(|&f| struck_font(f))
    };
    let sst: Vec<&[u8]> = sst
        .iter()
        .filter_map(|&(at, len)| stream.get(at..at + len))
        .collect();
    let shared = rich_strings(&sst);
    for (pos, name) in sheets {
        let Some(sheet) = stream.get(pos..) else {
            continue;
        };
        let mut cells: Struck = Vec::new();
        sheet_records(sheet, |id, data| {
            let (Some(rw), Some(col), Some(ixfe)) =
                (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4))
            else {
                return;
            };
            let (rw, col) = (usize::from(rw), usize::from(col));
            match id {
                // LABELSST, LABEL, NUMBER, RK, BOOLERR, FORMULA: rw, col, ixfe.
                // A shared string with runs: its runs' fonts say what is struck, the
                // cell's font the characters before the first run.
                0x00FD | 0x0204 | 0x0203 | 0x027E | 0x0205 | 0x0006 => {
                    let whole = struck_xf(ixfe);
                    let rich = (id == 0x00FD)
                        .then(|| u32_at(data, 6).and_then(|i| shared.get(&i)))
                        .flatten();
                    match rich {
                        Some(s) => {
                            if let Some(kept) = s.kept(whole, &struck_font) {
                                cells.push((rw, col, Some(kept)));
                            }
                        }
                        None if whole => cells.push((rw, col, None)),
                        None => {}
                    }
                }
                // MULRK: rw, colFirst, then (ixfe, RK) six bytes each, colLast last.
                0x00BD => {
                    let recs = data.get(4..data.len().saturating_sub(2)).unwrap_or(&[]);
                    for (i, rec) in recs.chunks_exact(6).enumerate() {
                        if u16_at(rec, 0).is_some_and(struck_xf) {
                            cells.push((rw, col + i, None));
                        }
                    }
                }
                _ => {}
            }
        });
        if !cells.is_empty() {
            out.insert(name, cells);
        }
    }
    out
}

/// Take the struck text out of `grid` ([`struck_cells`]); how many cells lost text.
pub(super) fn apply(cells: &Struck, grid: &mut Grid) -> usize {
    let mut changed = 0;
    for (r, c, kept) in cells {
        let Some(cell) = grid.rows.get_mut(*r).and_then(|row| row.get_mut(*c)) else {
            continue;
        };
        if cell.is_empty() {
            continue;
        }
        *cell = super::xlsx_strike::kept_cell(kept.as_deref().unwrap_or(""));
        changed += 1;
    }
    changed
}

/// The SST's strings with runs (rich text), by index.
fn rich_strings(chunks: &[&[u8]]) -> HashMap<u32, RichString> {
    let mut out = HashMap::new();
    let mut r = Continued {
        chunks,
        chunk: 0,
        pos: 8,
    };
    let Some(count) = chunks.first().and_then(|c| u32_at(c, 4)) else {
        return out;
    };
    for i in 0..count {
        let Some(s) = r.rich_string() else {
            break;
        };
        if !s.runs.is_empty() {
            out.insert(i, s);
        }
    }
    out
}

/// A string of the SST: its UTF-16 units and its runs (first character, font).
struct RichString {
    units: Vec<u16>,
    runs: Vec<(u16, u16)>,
}

impl RichString {
    /// The text not struck, the characters before the first run in the cell's font
    /// (`struck_at_first`); `None` when nothing is struck.
    fn kept(&self, struck_at_first: bool, struck_font: &dyn Fn(u16) -> bool) -> Option<String> {
        let mut kept = Vec::with_capacity(self.units.len());
        let mut struck = struck_at_first;
        let mut runs = self.runs.iter().peekable();
        for (at, &u) in self.units.iter().enumerate() {
            while let Some(&&(ich, f)) = runs.peek() {
                if usize::from(ich) > at {
                    break;
                }
                struck = struck_font(f);
                runs.next();
            }
            if !struck {
                kept.push(u);
            }
        }
        (kept.len() < self.units.len()).then(|| String::from_utf16_lossy(&kept))
    }
}

/// The SST record's data and its CONTINUE records', read across their bounds.
struct Continued<'a> {
    chunks: &'a [&'a [u8]],
    chunk: usize,
    pos: usize,
}

impl Continued<'_> {
    /// The next byte, moving to the next record at a record's end.
    fn byte(&mut self) -> Option<u8> {
        loop {
            let c = self.chunks.get(self.chunk)?;
            if let Some(&b) = c.get(self.pos) {
                self.pos += 1;
                return Some(b);
            }
            self.chunk += 1;
            self.pos = 0;
        }
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }

    /// An XLUnicodeRichExtendedString: characters split over a record bound go on
    /// after a new flags byte (one- or two-byte characters).
    fn rich_string(&mut self) -> Option<RichString> {
        let cch = usize::from(self.u16()?);
        let flags = self.byte()?;
        let mut high = flags & 0x01 != 0;
        let runs = if flags & 0x08 != 0 { self.u16()? } else { 0 };
        let ext = if flags & 0x04 != 0 { self.u32()? } else { 0 };
        let mut units = Vec::with_capacity(cch);
        while units.len() < cch {
            let c = *self.chunks.get(self.chunk)?;
            if self.pos >= c.len() {
                self.chunk += 1;
                self.pos = 0;
                high = self.chunks.get(self.chunk)?.first()? & 0x01 != 0;
                self.pos = 1;
                continue;
            }
            if high {
                let b = c.get(self.pos..self.pos + 2)?;
                units.push(u16::from_le_bytes([b[0], b[1]]));
                self.pos += 2;
            } else {
                units.push(u16::from(c[self.pos]));
                self.pos += 1;
            }
        }
        let mut list = Vec::with_capacity(usize::from(runs));
        for _ in 0..runs {
            list.push((self.u16()?, self.u16()?));
        }
        for _ in 0..ext {
            self.byte()?;
        }
        Some(RichString { units, runs: list })
    }
}
