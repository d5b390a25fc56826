//! .xls workbooks calamine refuses though their data is fine, normalised in memory.
//!
//! calamine stops at a code page it has no table for (a Mac Central European workbook
//! saved by Excel 5.0 for the Mac declares 10029; Quattro Pro and Excel 2.x–4.x write the
//! Apple and Windows code pages as 32768 and 32769). Excel and LibreOffice read such a
//! file with the nearest table they have. Here the workbook stream is copied with its
//! CODEPAGE record set to the nearest code page calamine knows and put in a fresh
//! compound file holding just that stream (all calamine reads), with a note that a few
//! characters may show wrongly. `docs/upstream/calamine-tolerant-packages.md` proposes
//! the fallback to calamine itself.

use std::io::{Cursor, Read, Write};

use super::biff;

/// BIFF CODEPAGE record ([MS-XLS] 2.4.52).
const CODEPAGE: u16 = 0x0042;
/// BOF of BIFF5 and BIFF8 (the version, 0x0500 or 0x0600, follows).
const BOF: u16 = 0x0809;
/// What BIFF8 (Excel 97 and later) always declares: its strings are Unicode, and
/// calamine decodes them by the declared code page.
const UTF16: u16 = 1200;

/// The workbook rebuilt with a code page calamine can decode, and the note saying so;
/// `None` when its code page is known (or there is none) and nothing else applies.
pub(super) fn workbook(bytes: &[u8]) -> Option<(Vec<u8>, String)> {
    let mut stream = biff::workbook_stream(bytes)?;
    let mut at = None;
    let mut offset = 0usize;
    let mut biff8 = false;
    biff::records(&stream, |id, data| {
        if id == BOF && offset == 0 {
            biff8 = data.get(..2) == Some(&[0x00, 0x06]);
        }
        if id == CODEPAGE && data.len() >= 2 {
            at = Some((offset + 4, u16::from_le_bytes([data[0], data[1]])));
            return false;
        }
        offset += 4 + data.len();
        true
    });
    let (pos, declared) = at?;
    if codepage::to_encoding(declared).is_some() {
        return None;
    }
    let nearest = if biff8 { UTF16 } else { nearest(declared) };
    stream[pos..pos + 2].copy_from_slice(&nearest.to_le_bytes());
    let note = format!(
        "文件声明的文字编码（代码页{declared}）无法识别，已按最接近的西文编码读取，个别字符可能显示不正确，请核对。"
    );
    Some((compound_file(&stream)?, note))
}

/// The workbook with only its own workbook stream, when an embedded object's storage
/// holds one too (an Excel chart or sheet pasted into it): calamine takes the first
/// stream of the name anywhere in the directory, "Workbook" before "Book", and may read
/// the embedded one, often empty, instead of the file's own. `None` when there is one.
pub(super) fn own_workbook_only(bytes: &[u8]) -> Option<Vec<u8>> {
    let is_book = |(n, t): &(String, u8)| {
        *t == 2 && (n.eq_ignore_ascii_case("Workbook") || n.eq_ignore_ascii_case("Book"))
    };
    if biff::entry_names(bytes)?
        .iter()
        .filter(|e| is_book(e))
        .count()
        < 2
    {
        return None;
    }
    let own = biff::root_names(bytes)?
        .into_iter()
        .filter(is_book)
        // "Workbook" (BIFF8) before "Book" (BIFF5), as Excel saves both for the two.
        .min_by_key(|(n, _)| n.len() == 4)?;
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let mut stream = Vec::new();
    file.open_stream(format!("/{}", own.0))
        .ok()?
        .take(bytes.len() as u64)
        .read_to_end(&mut stream)
        .ok()?;
    compound_file(&stream)
}

/// A BIFF5 or BIFF8 record stream saved bare (no OLE container, as some exporters
/// write it) put in a compound file; `None` for older BIFF, which calamine cannot read.
pub(super) fn contained(bytes: &[u8]) -> Option<Vec<u8>> {
    let version = bytes.get(4..6)?;
    if bytes.get(..2)? != BOF.to_le_bytes() || !matches!(version, [0x00, 0x05 | 0x06]) {
        return None;
    }
    compound_file(bytes)
}

/// The nearest code page calamine decodes for a BIFF5 or older workbook (a BIFF8 one
/// gets UTF-16, which is what its strings are): the Apple ones to Mac Roman, the rest
/// to Windows Western (1252).
fn nearest(declared: u16) -> u16 {
    match declared {
        // 32768 is Apple Roman as Excel 2.x–4.x and Quattro write it.
        32768 | 10000..=10099 => 10000,
        _ => 1252,
    }
}

/// A compound file holding the `Workbook` stream, and a small one beside it: calamine
/// refuses a root without a mini stream ("EmptyRootDir"), which a file of one large
/// stream would have.
fn compound_file(stream: &[u8]) -> Option<Vec<u8>> {
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).ok()?;
    for (name, data) in [("/Workbook", stream), ("/Padding", &[0u8; 64][..])] {
        let mut s = file.create_stream(name).ok()?;
        s.write_all(data).ok()?;
    }
    file.flush().ok()?;
    Some(file.into_inner().into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_code_pages_map_to_the_nearest_known() {
        assert!(codepage::to_encoding(10029).is_none());
        assert_eq!(nearest(10029), 10000);
        assert_eq!(nearest(32768), 10000);
        assert_eq!(nearest(32769), 1252);
        assert!(codepage::to_encoding(nearest(10029)).is_some());
        assert!(codepage::to_encoding(nearest(32769)).is_some());
    }
}
