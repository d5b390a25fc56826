//! Excel 2.x–4.0 workbooks (BIFF2, BIFF3, BIFF4): a bare record stream, no OLE
//! container. calamine reads BIFF5 and BIFF8 only; these few records are all a return
//! needs, so they are read here: the cell values (numbers, integers, RK numbers, text,
//! booleans, errors, formulas' cached results), which numbers are dates (through the
//! cell's format), the code page and the 1904 date system. A BIFF4 workbook (several
//! sheets in one stream) gives one grid per sheet, named from its BUNDLESHEET records.
//!
//! Record layouts from [MS-XLS]'s predecessors as OpenOffice's "Excel File Format"
//! documents them: each record is a type (u16), a length (u16) and that many bytes;
//! a cell record starts with its row and column (u16 each).

use super::cells::{serial_date, Sparse};
use super::output::Parsed;
use crate::ingest::error::ReadError;
use crate::ingest::grid::{Cell, Grid, Limits};

// Records of BIFF2 (the BIFF3/4 forms add 0x0200 to the type, some 0x0400).
const BOF: [u16; 3] = [0x0009, 0x0209, 0x0409];
const EOF: u16 = 0x000A;
const INTEGER2: u16 = 0x0002;
const NUMBER2: u16 = 0x0003;
const LABEL2: u16 = 0x0004;
const BOOLERR2: u16 = 0x0005;
const FORMULA2: u16 = 0x0006;
const STRING2: u16 = 0x0007;
const NUMBER: u16 = 0x0203;
const LABEL: u16 = 0x0204;
const BOOLERR: u16 = 0x0205;
const FORMULA3: u16 = 0x0206;
const FORMULA4: u16 = 0x0406;
const STRING: u16 = 0x0207;
const RK: u16 = 0x027E;
const FORMAT2: u16 = 0x001E;
const FORMAT4: u16 = 0x041E;
const XF3: u16 = 0x0243;
const XF4: u16 = 0x0443;
const CODEPAGE: u16 = 0x0042;
const DATEMODE: u16 = 0x0022;
const BUNDLESHEET: u16 = 0x008F;

/// Whether the bytes open with a BIFF2–4 BOF record.
pub(super) fn is_old_biff(bytes: &[u8]) -> bool {
    bytes
        .get(..2)
        .is_some_and(|b| BOF.contains(&u16::from_le_bytes([b[0], b[1]])))
}

/// Every worksheet of the stream as a grid.
pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Parsed, ReadError> {
    let mut state = State::default();
    let mut sheets: Vec<(Sparse, String)> = Vec::new();
    let mut current: Option<(Sparse, String)> = None;
    let mut pending_string: Option<(u16, u16)> = None;
    let mut i = 0usize;
    while i + 4 <= bytes.len() {
        let id = u16::from_le_bytes([bytes[i], bytes[i + 1]]);
        let len = u16::from_le_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        let data = bytes.get(i + 4..i + 4 + len).ok_or(ReadError::Corrupt)?;
        i += 4 + len;
        if BOF.contains(&id) {
            // Sheet type: 0x0010 a worksheet; 0x0100 a BIFF4 workbook's globals.
            let kind = u16_at(data, 2).unwrap_or(0x0010);
            if kind == 0x0010 {
                current = Some((Sparse::new(), state.sheet_name(sheets.len())));
            }
            continue;
        }
        if id == EOF {
            sheets.extend(current.take());
            continue;
        }
        if state.header(id, data) {
            continue;
        }
        let Some((sheet, name)) = current.as_mut() else {
            continue;
        };
        let name = name.as_str();
        if let Some((r, c)) = pending_string.take() {
            if id == STRING || id == STRING2 {
                let text = state.string(data, id == STRING2);
                sheet.push(name, r.into(), c.into(), Cell::Text(text), limits)?;
                continue;
            }
        }
        let Some((r, c)) = u16_at(data, 0).zip(u16_at(data, 2)) else {
            continue;
        };
        let cell = match id {
            INTEGER2 => u16_at(data, 7).map(|v| state.number(f64::from(v), data, true)),
            NUMBER2 => f64_at(data, 7).map(|v| state.number(v, data, true)),
            NUMBER => f64_at(data, 6).map(|v| state.number(v, data, false)),
            RK => u32_at(data, 6).map(|v| state.number(rk(v), data, false)),
            LABEL2 => Some(Cell::Text(state.string(data.get(7..).unwrap_or(&[]), true))),
            LABEL => Some(Cell::Text(
                state.string(data.get(6..).unwrap_or(&[]), false),
            )),
            BOOLERR2 => bool_or_error(data.get(7..)),
            BOOLERR => bool_or_error(data.get(6..)),
            FORMULA2 | FORMULA3 | FORMULA4 => {
                let at = if id == FORMULA2 { 7 } else { 6 };
                match data.get(at..at + 8) {
                    // A special result: string (in the next STRING record), bool,
                    // error or empty.
                    Some(v) if v[6..8] == [0xFF, 0xFF] => match v[0] {
                        0 => {
                            pending_string = Some((r, c));
                            None
                        }
                        1 => Some(Cell::Bool(v[2] != 0)),
                        2 => Some(Cell::Error(error_text(v[2]).into())),
                        _ => None,
                    },
                    Some(v) => {
                        let value = f64::from_le_bytes(v.try_into().unwrap_or([0; 8]));
                        Some(state.number(value, data, id == FORMULA2))
                    }
                    None => None,
                }
            }
            _ => None,
        };
        if let Some(cell) = cell {
            sheet.push(name, r.into(), c.into(), cell, limits)?;
        }
    }
    // A stream cut before its EOF: what was read still counts.
    sheets.extend(current.take());
    if sheets.is_empty() {
        return Err(ReadError::OldExcel);
    }
    let mut out = Parsed::default();
    for (sheet, name) in sheets {
        let rows = sheet.into_rows(&name, limits)?;
        out.grids.push(Grid {
            name,
            rows,
            ..Grid::default()
        });
    }
    out.notes.push(
        "这是旧版Excel格式（Excel 4.0或更早），已读取其中的数据；今后请另存为Excel工作簿（.xlsx）再报送。"
            .to_string(),
    );
    Ok(out)
}

/// What the stream's header records say: code page, date system, formats, cell
/// formats (XF), sheet names.
#[derive(Default)]
struct State {
    codepage: Option<u16>,
    is_1904: bool,
    /// Whether each format (in the order of the FORMAT records) shows a date.
    formats: Vec<bool>,
    /// Each XF's format index (BIFF3/4).
    xf_formats: Vec<u16>,
    names: Vec<String>,
}

impl State {
    /// Take in a header record; `true` when it was one.
    fn header(&mut self, id: u16, data: &[u8]) -> bool {
        match id {
            CODEPAGE => self.codepage = u16_at(data, 0),
            DATEMODE => self.is_1904 = u16_at(data, 0) == Some(1),
            FORMAT2 => {
                let text = self.string(data, true);
                self.formats.push(is_date_format(&text));
            }
            // BIFF4: two unused bytes first; formats are numbered in order, too.
            FORMAT4 => {
                let text = self.string(data.get(2..).unwrap_or(&[]), true);
                self.formats.push(is_date_format(&text));
            }
            XF3 | XF4 => self
                .xf_formats
                .push(data.get(1).copied().unwrap_or(0).into()),
            BUNDLESHEET => {
                // Stream position (u32), options (u16), then the name (a byte length
                // and its bytes).
                let name = self.string(data.get(6..).unwrap_or(&[]), true);
                self.names.push(name);
            }
            _ => return false,
        }
        true
    }

    fn sheet_name(&self, k: usize) -> String {
        self.names
            .get(k)
            .filter(|n| !n.is_empty())
            .cloned()
            .unwrap_or_else(|| format!("Sheet{}", k + 1))
    }

    /// A string: its length (one byte in BIFF2 and FORMAT records, two bytes else), then
    /// its bytes in the workbook's code page.
    fn string(&self, data: &[u8], byte_length: bool) -> String {
        let (len, from) = if byte_length {
            (data.first().copied().unwrap_or(0) as usize, 1)
        } else {
            (u16_at(data, 0).unwrap_or(0) as usize, 2)
        };
        let bytes = data.get(from..(from + len).min(data.len())).unwrap_or(&[]);
        let encoding = self
            .codepage
            .and_then(|cp| {
                codepage::to_encoding(match cp {
                    // Excel 2.x–4.0 write Apple Roman and Windows Western so.
                    32768 => 10000,
                    32769 => 1252,
                    cp => cp,
                })
            })
            .unwrap_or(encoding_rs::WINDOWS_1252);
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    }

    /// A number, as a date when the cell's format shows one. The cell's format: in
    /// BIFF2 the low 6 bits of its second attribute byte (a format index); in BIFF3/4 its
    /// XF index (at 4), whose XF names the format.
    fn number(&self, value: f64, data: &[u8], biff2: bool) -> Cell {
        let format = if biff2 {
            data.get(5).map(|b| (b & 0x3F) as usize)
        } else {
            u16_at(data, 4)
                .and_then(|xf| self.xf_formats.get(xf as usize))
                .map(|&f| f as usize)
        };
        let dated = format.is_some_and(|f| {
            self.formats
                .get(f)
                .copied()
                // Without FORMAT records: Excel's built-in date formats 14–22.
                .unwrap_or((14..=22).contains(&f))
        });
        if dated && value >= 0.0 {
            serial_date(value, self.is_1904)
        } else {
            Cell::Number(value)
        }
    }
}

/// Whether a number format shows a date or time: a y, m, d or h outside quoted text,
/// escapes and [colour] sections.
fn is_date_format(format: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    let mut escaped = false;
    for ch in format.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match ch {
            '"' => quoted = !quoted,
            '\\' if !quoted => escaped = true,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// A BOOLERR value: a byte, then 1 when it is an error code.
fn bool_or_error(data: Option<&[u8]>) -> Option<Cell> {
    let d = data?;
    let value = *d.first()?;
    Some(if d.get(1) == Some(&1) {
        Cell::Error(error_text(value).into())
    } else {
        Cell::Bool(value != 0)
    })
}

fn error_text(code: u8) -> &'static str {
    match code {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        _ => "#N/A",
    }
}

/// An RK number: 30 bits of an integer or of a double's high bits, ×100 when bit 0.
fn rk(v: u32) -> f64 {
    let value = if v & 2 != 0 {
        f64::from((v as i32) >> 2)
    } else {
        f64::from_bits(u64::from(v & 0xFFFF_FFFC) << 32)
    };
    if v & 1 != 0 {
        value / 100.0
    } else {
        value
    }
}

fn u16_at(b: &[u8], o: usize) -> Option<u16> {
    b.get(o..o + 2).map(|x| u16::from_le_bytes([x[0], x[1]]))
}

fn u32_at(b: &[u8], o: usize) -> Option<u32> {
    b.get(o..o + 4)
        .map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
}

fn f64_at(b: &[u8], o: usize) -> Option<f64> {
    b.get(o..o + 8)
        .map(|x| f64::from_le_bytes(x.try_into().unwrap_or([0; 8])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rk_numbers() {
        // Integer 5, ×100: 0.05; the double 1.0 from its high bits.
        assert_eq!(rk((5 << 2) | 2), 5.0);
        assert_eq!(rk((5 << 2) | 3), 0.05);
        assert_eq!(rk((1.0f64.to_bits() >> 32) as u32), 1.0);
    }

    #[test]
    fn date_formats() {
        assert!(is_date_format("yyyy\"年\"m\"月\"d\"日\""));
        assert!(is_date_format("m/d/yy"));
        assert!(is_date_format("h:mm"));
        assert!(!is_date_format("General"));
        assert!(!is_date_format("#,##0.00_);[Red](#,##0.00)"));
        assert!(!is_date_format("0\"天\""));
        assert!(!is_date_format("\"day\" 0"));
    }
}
