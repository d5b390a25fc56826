//! Decide what a file is from its bytes, never from its extension: a zip package
//! (xlsx, xlsb, ods, docx, another Office document, or a bundle of files), an OLE
//! compound file (xls, a .doc/.wps, or a .ppt/encrypted package), a known binary,
//! markup, or text (CSV).

use std::io::{Cursor, Read};
use std::path::Path;

use super::guard;
use super::output::Format;
use crate::ingest::error::ReadError;
use crate::ingest::grid::Limits;

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Sniff the format of `path` from its bytes `head`.
///
/// `head` should be the whole file (as `read_file` passes it): for a zip the entry
/// names sit in the central directory at the end. If `head` is a prefix that does not
/// parse as a zip, the file at `path` is read to look again. The zip entry-count guard
/// runs before the central directory is parsed. The extension is never used.
pub fn sniff(path: &Path, head: &[u8], limits: &Limits) -> Result<Format, ReadError> {
    sniff_in(Some(path), head, limits)
}

/// [`sniff`] of a whole file already in memory (nothing is read from disk).
pub(crate) fn sniff_bytes(bytes: &[u8], limits: &Limits) -> Result<Format, ReadError> {
    sniff_in(None, bytes, limits)
}

fn sniff_in(path: Option<&Path>, head: &[u8], limits: &Limits) -> Result<Format, ReadError> {
    if head.is_empty() {
        return Err(ReadError::Empty);
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return sniff_zip(path, head, limits);
    }
    if head.starts_with(&OLE_MAGIC) {
        return sniff_ole(head);
    }
    if let Some(what) = binary_magic(head) {
        return Err(ReadError::NotSpreadsheet(what));
    }
    // UTF-16 text has NULs; a BOM says it is text.
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Ok(Format::Csv);
    }
    let window = &head[..head.len().min(8192)];
    if window.contains(&0) || control_ratio_too_high(window) {
        return Err(ReadError::NotSpreadsheet("无法识别的二进制文件"));
    }
    if let Some(what) = markup_kind(window) {
        return Err(ReadError::Markup(what));
    }
    Ok(Format::Csv)
}

fn binary_magic(head: &[u8]) -> Option<&'static str> {
    const MAGICS: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG图片"),
        (b"\xFF\xD8\xFF", "JPEG图片"),
        (b"GIF87a", "GIF图片"),
        (b"GIF89a", "GIF图片"),
        (b"%PDF", "PDF文件"),
        (b"Rar!\x1A\x07", "RAR压缩包"),
        (b"7z\xBC\xAF\x27\x1C", "7z压缩包"),
        (b"\x1F\x8B", "gzip压缩包"),
        (b"{\\rtf", "RTF文档"),
    ];
    MAGICS
        .iter()
        .find(|(m, _)| head.starts_with(m))
        .map(|(_, what)| *what)
}

/// Many C0 control characters (other than tab, CR, LF, FF) mean binary data.
fn control_ratio_too_high(window: &[u8]) -> bool {
    let controls = window
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n' | 0x0C))
        .count();
    controls * 20 > window.len().max(1)
}

/// HTML or XML saved with a spreadsheet extension (common "xls" exports).
fn markup_kind(window: &[u8]) -> Option<&'static str> {
    let text = String::from_utf8_lossy(window);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if !t.starts_with('<') {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    if lower.contains("urn:schemas-microsoft-com:office:spreadsheet") && !lower.contains("<html") {
        Some("Excel 2003 XML 表格")
    } else if lower.contains("<html") || lower.contains("<table") || lower.starts_with("<!doctype")
    {
        Some("网页（HTML）格式的文件")
    } else if lower.starts_with("<?xml") {
        Some("XML文件")
    } else {
        None
    }
}

fn sniff_zip(path: Option<&Path>, head: &[u8], limits: &Limits) -> Result<Format, ReadError> {
    guard::zip_declared_entries(head, limits)?;
    let archive = match zip::ZipArchive::new(Cursor::new(head)) {
        Ok(a) => a,
        Err(_) => {
            let Some(path) = path else {
                return Err(ReadError::Corrupt);
            };
            // `head` may be only a prefix: look at the whole file once.
            let whole_len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            if whole_len > head.len() as u64 && whole_len <= limits.max_file_bytes {
                if let Ok(all) = std::fs::read(path) {
                    if all.len() > head.len() {
                        return sniff_zip(Some(path), &all, limits);
                    }
                }
            }
            return Err(ReadError::Corrupt);
        }
    };
    guard::zip_entry_count(archive.len(), limits)?;
    classify_zip(archive)
}

/// The package by its parts: a workbook part makes it xlsx or xlsb, a document part a
/// Word return, the mimetype an ODS; other Office, OpenDocument and OFD packages are
/// named in the refusal; any other zip is a bundle.
fn classify_zip(mut archive: zip::ZipArchive<Cursor<&[u8]>>) -> Result<Format, ReadError> {
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.to_string()))
        .collect();
    let has = |want: &str| names.iter().any(|n| n.eq_ignore_ascii_case(want));
    if has("xl/workbook.xml") {
        return Ok(Format::Xlsx);
    }
    if has("xl/workbook.bin") {
        return Ok(Format::Xlsb);
    }
    if has("word/document.xml") {
        return Ok(Format::Docx);
    }
    if has("ppt/presentation.xml") {
        return Err(ReadError::NotSpreadsheet("PowerPoint演示文稿"));
    }
    if has("content.xml") && has("mimetype") {
        let mut mime = Vec::new();
        if let Ok(f) = archive.by_name("mimetype") {
            let _ = f.take(200).read_to_end(&mut mime);
        }
        let mime = mime.trim_ascii();
        if mime == ODS_MIME {
            return Ok(Format::Ods);
        }
        if mime.starts_with(b"application/vnd.oasis.opendocument.text") {
            return Err(ReadError::NotSpreadsheet("WPS/OpenOffice文字文档"));
        }
        return Err(ReadError::NotSpreadsheet("OpenDocument文档（非表格）"));
    }
    if has("Contents/Content.xml") || names.iter().any(|n| n.ends_with(".ofd")) {
        return Err(ReadError::NotSpreadsheet("OFD版式文件"));
    }
    Ok(Format::Zip)
}

/// OLE compound file: xls (WPS's .et too), a legacy Word document (.doc, WPS's .wps),
/// or something else in the same container (an encrypted Office package, a .ppt), or
/// damaged (`guard::ole_tables`).
fn sniff_ole(bytes: &[u8]) -> Result<Format, ReadError> {
    if ole_has_stream(bytes, "EncryptedPackage") {
        return Err(ReadError::Encrypted);
    }
    if ole_has_stream(bytes, "WordDocument") {
        // LibreOffice reads it, not calamine: a damaged one fails its conversion.
        return Ok(Format::Doc);
    }
    if ole_has_stream(bytes, "PowerPoint Document") {
        return Err(ReadError::NotSpreadsheet("PowerPoint演示文稿（.ppt）"));
    }
    guard::ole_tables(bytes)?;
    Ok(Format::Xls)
}

/// Whether the OLE file has a stream called `name`, looked up in the directory entries
/// without a CFB parser: a directory entry is 128 bytes, starts at a multiple of 128 in
/// the file (sectors are 512 or 4096 bytes, sector n at (n+1)·size), holds the UTF-16LE
/// name at offset 0, the name length in bytes (with NUL) at 64 and the object type
/// (2 = stream) at 66. All three must match, so a cell text that happens to contain the
/// name does not count. The whole buffer is searched (directory sectors may be anywhere
/// in the file).
fn ole_has_stream(bytes: &[u8], name: &str) -> bool {
    let utf16: Vec<u8> = name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let name_len = ((name.encode_utf16().count() + 1) * 2) as u16;
    // Directory entries never sit in the 512-byte header.
    let mut off = 512;
    while off + 128 <= bytes.len() {
        let entry = &bytes[off..off + 128];
        if entry.starts_with(&utf16)
            && u16::from_le_bytes([entry[64], entry[65]]) == name_len
            && entry[66] == 2
        {
            return true;
        }
        off += 128;
    }
    false
}
