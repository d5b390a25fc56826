//! Decide what a file is from its bytes, never from its extension: a zip package
//! (xlsx, xlsb, ods, docx, another Office document, or a bundle of files), an OLE
//! compound file (xls, a .doc/.wps, or a .ppt/encrypted package), a known binary,
//! markup, or text (CSV).

use std::io::Cursor;
use std::path::Path;

use super::biff;
use super::guard;
use super::output::Format;
use crate::ingest::error::ReadError;
use crate::ingest::grid::Limits;

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";
/// How an RTF document starts.
pub(super) const RTF_MAGIC: &[u8] = b"{\\rtf";

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
    if is_raw_biff(head) {
        return Err(ReadError::OldExcel);
    }
    // A Word document saved as RTF (often named .doc): converted like a .doc.
    if head.starts_with(RTF_MAGIC) {
        return Ok(Format::Doc);
    }
    if let Some((what, archive)) = binary_magic(head) {
        return Err(if archive {
            ReadError::OtherArchive(what)
        } else {
            ReadError::NotSpreadsheet(what)
        });
    }
    // UTF-16 text has NULs; a BOM says it is text.
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Ok(Format::Csv);
    }
    let window = &head[..head.len().min(8192)];
    if window.contains(&0) || control_ratio_too_high(window) {
        return Err(ReadError::NotSpreadsheet("无法识别的二进制文件"));
    }
    // A web page saved as one file (MHTML) is a page, not a message.
    if super::mail::looks_like_web_archive(window) {
        return Ok(Format::Html);
    }
    if super::mail::looks_like_mail(window) {
        return Ok(Format::Mail);
    }
    match markup_kind(window) {
        Some(Markup::Html) => return Ok(Format::Html),
        Some(Markup::Other(what)) => return Err(ReadError::Markup(what)),
        None => {}
    }
    Ok(Format::Csv)
}

/// A workbook of Excel 2.x–4.0 (or 5.0 saved without the OLE container): the file is
/// the BIFF record stream itself, opening with a BOF record (type 0x0009, 0x0209,
/// 0x0409 or 0x0809, 4–16 bytes, a sheet-type word calamine never reads).
fn is_raw_biff(head: &[u8]) -> bool {
    let Some(&[lo, hi, len_lo, len_hi]) = head.get(..4) else {
        return false;
    };
    let len = u16::from_le_bytes([len_lo, len_hi]);
    lo == 0x09 && matches!(hi, 0x00 | 0x02 | 0x04 | 0x08) && (4..=20).contains(&len)
}

/// A format that is no spreadsheet, known by its first bytes: what it is, and whether
/// it is an archive (its files are returns once unpacked).
fn binary_magic(head: &[u8]) -> Option<(&'static str, bool)> {
    const MAGICS: &[(&[u8], &str, bool)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG图片", false),
        (b"\xFF\xD8\xFF", "JPEG图片", false),
        (b"GIF87a", "GIF图片", false),
        (b"GIF89a", "GIF图片", false),
        (b"%PDF", "PDF文件", false),
        (b"Rar!\x1A\x07", "RAR压缩包", true),
        (b"7z\xBC\xAF\x27\x1C", "7z压缩包", true),
        (b"\x1F\x8B", "gzip压缩包", true),
    ];
    MAGICS
        .iter()
        .find(|(m, _, _)| head.starts_with(m))
        .map(|(_, what, archive)| (*what, *archive))
}

/// Many C0 control characters (other than tab, CR, LF, FF) mean binary data.
fn control_ratio_too_high(window: &[u8]) -> bool {
    let controls = window
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n' | 0x0C))
        .count();
    controls * 20 > window.len().max(1)
}

/// Markup saved with a spreadsheet extension (common "xls" exports).
enum Markup {
    /// A web page: read as its tables.
    Html,
    /// Markup not read (what it is, for the message).
    Other(&'static str),
}

fn markup_kind(window: &[u8]) -> Option<Markup> {
    // Markup starts with '<': a CSV without one is not read as text here.
    memchr::memchr(b'<', window)?;
    let text = String::from_utf8_lossy(window);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if !t.starts_with('<') {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    if lower.contains("urn:schemas-microsoft-com:office:spreadsheet") && !lower.contains("<html") {
        Some(Markup::Other("Excel 2003 XML 表格"))
    } else if lower.contains("<html") || lower.contains("<table") || lower.starts_with("<!doctype")
    {
        Some(Markup::Html)
    } else if lower.starts_with("<?xml") {
        Some(Markup::Other("XML文件"))
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
/// named in the refusal; any other zip is a bundle. Part names are compared with `/`
/// for `\\` (some Chinese software writes backslashes) and ignoring case. A package
/// whose main part is not at its usual place is found by its relationships
/// (`_rels/.rels`, the officeDocument target), an ODS without a mimetype entry by its
/// manifest.
fn classify_zip(mut archive: zip::ZipArchive<Cursor<&[u8]>>) -> Result<Format, ReadError> {
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.to_string()))
        .collect();
    let normal = |n: &str| {
        n.replace('\\', "/")
            .trim_start_matches('/')
            .to_ascii_lowercase()
    };
    let find = |want: &str| names.iter().find(|n| normal(n) == want).cloned();
    let has = |want: &str| find(want).is_some();
    // An ordinary workbook: xl/workbook.xml, and no part the relationships could name
    // as another format's main part. Whatever `_rels/.rels` says, the answer below is
    // xlsx, so it is not inflated (most returns; an inflate costs more than the names).
    if has("xl/workbook.xml")
        && names
            .iter()
            .all(|n| office_part(&normal(n)).is_none_or(|(f, _)| matches!(f, Ok(Format::Xlsx))))
    {
        return Ok(Format::Xlsx);
    }
    if let Some(format) = office_part(&normal(
        &find("_rels/.rels")
            .and_then(|rels| read_part(&mut archive, &rels, 1 << 16))
            .and_then(|x| office_document_target(&x))
            .unwrap_or_default(),
    )) {
        if has(&normal(&format.1)) {
            return format.0;
        }
    }
    for (part, format) in [
        ("xl/workbook.xml", Ok(Format::Xlsx)),
        ("xl/workbook.bin", Ok(Format::Xlsb)),
        ("word/document.xml", Ok(Format::Docx)),
        (
            "ppt/presentation.xml",
            Err(ReadError::NotSpreadsheet("PowerPoint演示文稿")),
        ),
    ] {
        if has(part) {
            return format;
        }
    }
    if has("content.xml") {
        let mime = match find("mimetype") {
            Some(n) => read_part(&mut archive, &n, 200).unwrap_or_default(),
            // No mimetype entry: the manifest's media type of the package root.
            None => find("meta-inf/manifest.xml")
                .and_then(|n| read_part(&mut archive, &n, 1 << 20))
                .and_then(|m| root_media_type(&m))
                .unwrap_or_default(),
        };
        let mime = mime.trim_ascii();
        if mime == ODS_MIME || mime.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") {
            return Ok(Format::Ods);
        }
        if mime.starts_with(b"application/vnd.oasis.opendocument.text") {
            return Err(ReadError::NotSpreadsheet("WPS/OpenOffice文字文档"));
        }
        if !mime.is_empty() {
            return Err(ReadError::NotSpreadsheet("OpenDocument文档（非表格）"));
        }
    }
    if has("contents/content.xml") || names.iter().any(|n| n.ends_with(".ofd")) {
        return Err(ReadError::NotSpreadsheet("OFD版式文件"));
    }
    Ok(Format::Zip)
}

/// The format a main part's name implies (with the name, to check it is there).
fn office_part(target: &str) -> Option<(Result<Format, ReadError>, String)> {
    let format = if target.ends_with(".bin") && target.contains("workbook") {
        Ok(Format::Xlsb)
    } else if target.ends_with(".xml") && target.contains("workbook") {
        Ok(Format::Xlsx)
    } else if target.ends_with("document.xml") {
        Ok(Format::Docx)
    } else if target.ends_with("presentation.xml") {
        Err(ReadError::NotSpreadsheet("PowerPoint演示文稿"))
    } else {
        return None;
    };
    Some((format, target.to_string()))
}

/// At most `limit` bytes of the part called `name`.
fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Option<Vec<u8>> {
    super::zip_entry::read_entry(archive, name, limit).ok()
}

/// The Target of the package relationship of type …/officeDocument.
fn office_document_target(rels: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(rels);
    text.split('<').find_map(|tag| {
        let tag = tag.strip_prefix("Relationship ")?;
        let ty = xml_attr(tag, "Type")?;
        if !ty.ends_with("/officeDocument") {
            return None;
        }
        xml_attr(tag, "Target")
    })
}

/// The media type the ODF manifest gives the package root (`full-path="/"`).
fn root_media_type(manifest: &[u8]) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(manifest);
    text.split('<').find_map(|tag| {
        if !tag.contains("file-entry") || xml_attr(tag, "manifest:full-path")? != "/" {
            return None;
        }
        xml_attr(tag, "manifest:media-type").map(String::into_bytes)
    })
}

/// An attribute's value in one tag's text (`name="value"` or `name='value'`).
fn xml_attr(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = rest[i + name.len()..].trim_start();
        if before_ok {
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                let quote = v.chars().next()?;
                if quote == '"' || quote == '\'' {
                    let v = &v[1..];
                    return v.find(quote).map(|end| v[..end].to_string());
                }
            }
        }
        rest = &rest[i + name.len()..];
    }
    None
}

/// OLE compound file: xls (WPS's .et too), a legacy Word document (.doc, WPS's .wps),
/// an encrypted Office package, or something else in the same container (a .ppt), or
/// damaged (`guard::ole_tables`). Only the streams of the root storage decide: a
/// workbook with an embedded Word object has a WordDocument stream too, in the
/// object's own storage.
fn sniff_ole(bytes: &[u8]) -> Result<Format, ReadError> {
    let root = biff::root_names(bytes);
    let has = |name: &str| match &root {
        // 2: a stream.
        Some(names) => names
            .iter()
            .any(|(n, kind)| *kind == 2 && n.eq_ignore_ascii_case(name)),
        None => ole_has_stream(bytes, name),
    };
    if has("EncryptedPackage") {
        return Ok(Format::Encrypted);
    }
    if !has("Workbook") && !has("Book") {
        if has("WordDocument") {
            // LibreOffice reads it, not calamine: a damaged one fails its conversion.
            return Ok(Format::Doc);
        }
        if has("PowerPoint Document") {
            return Err(ReadError::NotSpreadsheet("PowerPoint演示文稿（.ppt）"));
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn package(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const RELS_TO_DOCUMENT: &str = r#"<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

    /// A RAR or 7z archive is told to be unpacked, not to be filled in as a table.
    #[test]
    fn other_archives_are_told_to_be_unpacked() {
        let limits = Limits::default();
        for head in [&b"Rar!\x1A\x07\x00rest"[..], &b"7z\xBC\xAF\x27\x1Crest"[..]] {
            let err = sniff_bytes(head, &limits).unwrap_err();
            assert!(matches!(err, ReadError::OtherArchive(_)), "{err:?}");
            assert!(err.to_string().contains("请解压后"), "{err}");
        }
        assert!(matches!(
            sniff_bytes(b"\x89PNG\r\n\x1a\nrest", &limits),
            Err(ReadError::NotSpreadsheet("PNG图片"))
        ));
    }

    /// The shortcut for an ordinary workbook (no `_rels/.rels` inflated) gives what the
    /// relationships would: xlsx when no other main part is there, the part the
    /// relationships name when there is one.
    #[test]
    fn relationships_decide_only_between_main_parts() {
        let limits = Limits::default();
        let workbook = package(&[
            ("_rels/.rels", RELS_TO_DOCUMENT),
            ("xl/workbook.xml", "<workbook/>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships/>"),
        ]);
        assert_eq!(sniff_bytes(&workbook, &limits).unwrap(), Format::Xlsx);
        let both = package(&[
            ("_rels/.rels", RELS_TO_DOCUMENT),
            ("xl/workbook.xml", "<workbook/>"),
            ("word/document.xml", "<document/>"),
        ]);
        assert_eq!(sniff_bytes(&both, &limits).unwrap(), Format::Docx);
        let no_rels = package(&[
            ("xl/workbook.xml", "<workbook/>"),
            ("word/document.xml", "<document/>"),
        ]);
        assert_eq!(sniff_bytes(&no_rels, &limits).unwrap(), Format::Xlsx);
    }
}
