//! Decide what a file is from its bytes, never from its extension.

use std::io::{Cursor, Read};
use std::path::Path;

use crate::ingest::grid::Limits;
use crate::ingest::read::{ReadError, ReadErrorKind};

/// Spreadsheet formats `read_file` can parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    Csv,
}

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Sniff the format of `path` from its bytes `head`.
///
/// `head` should be the whole file (as `read_file` passes it): for a zip the
/// entry names sit in the central directory at the end. If `head` is a prefix
/// that does not parse as a zip, the file at `path` is read to look again.
/// The extension is never used.
pub fn sniff(path: &Path, head: &[u8]) -> Result<Format, ReadError> {
    sniff_with_limits(path, head, &Limits::default())
}

/// `sniff` with explicit limits (the zip entry-count guard runs before the
/// zip central directory is parsed).
pub fn sniff_with_limits(path: &Path, head: &[u8], limits: &Limits) -> Result<Format, ReadError> {
    if head.is_empty() {
        return Err(ReadError::new(
            ReadErrorKind::Empty,
            "文件是空的（0字节），没有任何内容。请检查后重新报送填好的表格。",
        ));
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return sniff_zip(path, head, limits);
    }
    if head.starts_with(&OLE_MAGIC) {
        return sniff_ole(head);
    }
    if let Some(what) = binary_magic(head) {
        return Err(not_spreadsheet(what));
    }
    // UTF-16 text has NULs; a BOM says it is text.
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Ok(Format::Csv);
    }
    let window = &head[..head.len().min(8192)];
    if window.contains(&0) || control_ratio_too_high(window) {
        return Err(not_spreadsheet("无法识别的二进制文件"));
    }
    if let Some(what) = markup_kind(window) {
        return Err(ReadError::new(
            ReadErrorKind::NotSpreadsheet,
            format!(
                "这是{what}，只是扩展名像表格，无法作为表格读取。请用Excel打开后“另存为”Excel工作簿（.xlsx）再报送。"
            ),
        ));
    }
    Ok(Format::Csv)
}

fn not_spreadsheet(what: &str) -> ReadError {
    ReadError::new(
        ReadErrorKind::NotSpreadsheet,
        format!("这是{what}，不是表格文件，无法读取。请按表格格式（Excel .xlsx/.xls 或 CSV）填写后重新报送。"),
    )
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

/// Read the total entry count from the end-of-central-directory record
/// without parsing the directory. `None` if not found or zip64 (0xFFFF).
pub(crate) fn zip_declared_entries(bytes: &[u8]) -> Option<u64> {
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let tail = &bytes[tail_start..];
    let pos = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let rec = &tail[pos..];
    if rec.len() < 22 {
        return None;
    }
    let total = u16::from_le_bytes([rec[10], rec[11]]);
    (total != 0xFFFF).then_some(total as u64)
}

pub(crate) fn corrupt() -> ReadError {
    ReadError::new(
        ReadErrorKind::Corrupt,
        "文件已损坏，无法打开。请用Excel打开确认无误后重新保存，再报送。",
    )
}

pub(crate) fn too_many_entries(n: u64, limit: usize) -> ReadError {
    ReadError::new(
        ReadErrorKind::TooLarge,
        format!("文件内部结构异常（包含{n}个部件，超过上限{limit}个），为安全起见不予读取。请用Excel打开后另存为新文件再报送。"),
    )
}

fn sniff_zip(path: &Path, head: &[u8], limits: &Limits) -> Result<Format, ReadError> {
    if let Some(n) = zip_declared_entries(head) {
        if n > limits.max_zip_entries as u64 {
            return Err(too_many_entries(n, limits.max_zip_entries));
        }
    }
    let archive = match zip::ZipArchive::new(Cursor::new(head)) {
        Ok(a) => a,
        Err(_) => {
            // `head` may be only a prefix: look at the whole file once.
            let whole_len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            if whole_len > head.len() as u64 && whole_len <= limits.max_file_bytes {
                if let Ok(all) = std::fs::read(path) {
                    if all.len() > head.len() {
                        return sniff_zip(path, &all, limits);
                    }
                }
            }
            return Err(corrupt());
        }
    };
    if archive.len() > limits.max_zip_entries {
        return Err(too_many_entries(
            archive.len() as u64,
            limits.max_zip_entries,
        ));
    }
    classify_zip(archive)
}

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
        return Err(not_spreadsheet("Word文档"));
    }
    if has("ppt/presentation.xml") {
        return Err(not_spreadsheet("PowerPoint演示文稿"));
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
            return Err(not_spreadsheet("WPS/OpenOffice文字文档"));
        }
        return Err(not_spreadsheet("OpenDocument文档（非表格）"));
    }
    if has("Contents/Content.xml") || names.iter().any(|n| n.ends_with(".ofd")) {
        return Err(not_spreadsheet("OFD版式文件"));
    }
    Err(ReadError::new(
        ReadErrorKind::NotSpreadsheet,
        "这是压缩包（zip），不是表格文件，无法读取。请解压后直接报送其中的表格文件。",
    ))
}

/// OLE compound file: xls, or something else in the same container.
///
/// The stream names are looked up in the directory entries without a CFB
/// parser: a directory entry is 128 bytes, starts at a multiple of 128 in
/// the file (sectors are 512 or 4096 bytes, sector n at (n+1)·size), holds the
/// UTF-16LE name at offset 0, the name length in bytes (with NUL) at 64 and
/// the object type (2 = stream) at 66. All three must match, so a cell
/// text that happens to contain the name does not count. The whole buffer is
/// searched (directory sectors may be anywhere in the file).
fn sniff_ole(bytes: &[u8]) -> Result<Format, ReadError> {
    if ole_has_stream(bytes, "EncryptedPackage") {
        return Err(ReadError::new(
            ReadErrorKind::Encrypted,
            "文件已加密（设置了打开密码），无法读取。请取消密码后重新报送。",
        ));
    }
    if ole_has_stream(bytes, "WordDocument") {
        return Err(not_spreadsheet("Word文档（.doc）"));
    }
    if ole_has_stream(bytes, "PowerPoint Document") {
        return Err(not_spreadsheet("PowerPoint演示文稿（.ppt）"));
    }
    if let Err(why) = ole_structure_ok(bytes) {
        return Err(ReadError::new(
            ReadErrorKind::Corrupt,
            format!("文件已损坏（{why}），无法打开。请用Excel打开确认无误后重新保存，再报送。"),
        ));
    }
    Ok(Format::Xls)
}

/// Sector ids at or above this are markers (free, end of chain, FAT/DIFAT sector).
const OLE_SPECIAL: u32 = 0xFFFF_FFFA;

/// Check an OLE compound file's allocation tables before calamine follows them:
/// every sector id in the header, the FAT and the directory must lie inside the file,
/// and every stream size must fit in it. calamine trusts these numbers (it resizes a
/// buffer to a sector id × sector size, and slices by them), so a damaged or crafted
/// file could otherwise take gigabytes or panic. Found by fuzzing.
pub(crate) fn ole_structure_ok(bytes: &[u8]) -> Result<(), &'static str> {
    let u16_at = |o: usize| {
        bytes
            .get(o..o + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    let u32_at = |o: usize| {
        bytes
            .get(o..o + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let shift = u16_at(0x1E).ok_or("文件头不完整")?;
    let size: usize = match shift {
        9 => 512,
        12 => 4096,
        _ => return Err("扇区大小无效"),
    };
    if bytes.len() < size * 2 {
        return Err("文件过短");
    }
    let sectors = (bytes.len() - size).div_ceil(size) as u32;
    let valid = |id: u32| id < sectors || id >= OLE_SPECIAL;
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize + 1) * size;
        bytes.get(start..(start + size).min(bytes.len()))
    };
    for field in [0x30, 0x3C, 0x44] {
        if !valid(u32_at(field).ok_or("文件头不完整")?) {
            return Err("文件头中的扇区编号超出文件范围");
        }
    }
    let fat_count = u32_at(0x2C).ok_or("文件头不完整")?;
    if fat_count > sectors {
        return Err("分配表数量超出文件范围");
    }
    // The FAT sectors named in the header (the first 109; more are in DIFAT sectors,
    // whose ids were checked above).
    let mut fat: Vec<u32> = Vec::new();
    for k in 0..(fat_count.min(109) as usize) {
        let id = u32_at(0x4C + 4 * k).ok_or("文件头不完整")?;
        if id >= sectors {
            return Err("分配表扇区超出文件范围");
        }
        let data = sector(id).ok_or("分配表扇区超出文件范围")?;
        for e in data.chunks_exact(4) {
            let next = u32::from_le_bytes([e[0], e[1], e[2], e[3]]);
            if !valid(next) {
                return Err("分配表中的扇区编号超出文件范围");
            }
            fat.push(next);
        }
    }
    // The directory: follow its chain (bounded), check each entry's start and size.
    // Streams under the cutoff (4096) live in the mini stream, in 64-byte sectors.
    let cutoff = u32_at(0x38).ok_or("文件头不完整")? as usize;
    let mut mini_sectors: u32 = 0;
    let mut id = u32_at(0x30).ok_or("文件头不完整")?;
    let mut steps = 0;
    while id < OLE_SPECIAL {
        steps += 1;
        if steps > sectors {
            return Err("目录链循环");
        }
        let data = sector(id).ok_or("目录扇区超出文件范围")?;
        // The first directory entry is the root (readers take it as such).
        if steps == 1 && data.get(66) != Some(&5) {
            return Err("目录的第一项不是根目录");
        }
        for entry in data.chunks_exact(128) {
            let kind = entry[66];
            if kind == 0 {
                continue;
            }
            let start = u32::from_le_bytes([entry[116], entry[117], entry[118], entry[119]]);
            let len = u32::from_le_bytes([entry[120], entry[121], entry[122], entry[123]]) as usize;
            // Streams and the root (which holds the mini stream) must fit in the file.
            if kind == 5 {
                // The mini stream holds what its own chain holds, whatever the size says.
                let mut chain = 0usize;
                let mut sid = start;
                while sid < OLE_SPECIAL && chain <= sectors as usize {
                    chain += 1;
                    sid = fat.get(sid as usize).copied().unwrap_or(OLE_SPECIAL);
                }
                mini_sectors = (len.div_ceil(64)).min(chain * size / 64) as u32;
            }
            let start_ok = if kind == 2 && len < cutoff {
                start < mini_sectors || start >= OLE_SPECIAL
            } else {
                valid(start)
            };
            if (kind == 2 || kind == 5) && (len > bytes.len() || !start_ok) {
                return Err("数据流的位置或大小超出文件范围");
            }
        }
        id = match fat.get(id as usize) {
            Some(&next) => next,
            None if fat_count as usize > 109 => break,
            None => return Err("目录链超出分配表"),
        };
    }
    // The mini FAT (chains of the small streams): every entry inside the mini stream.
    let mut id = u32_at(0x3C).ok_or("文件头不完整")?;
    let mut steps = 0;
    while id < OLE_SPECIAL {
        steps += 1;
        if steps > sectors {
            return Err("小扇区分配表链循环");
        }
        let data = sector(id).ok_or("小扇区分配表超出文件范围")?;
        for e in data.chunks_exact(4) {
            let next = u32::from_le_bytes([e[0], e[1], e[2], e[3]]);
            if next >= mini_sectors && next < OLE_SPECIAL {
                return Err("小扇区分配表中的编号超出范围");
            }
        }
        id = match fat.get(id as usize) {
            Some(&next) => next,
            None if fat_count as usize > 109 => break,
            None => return Err("小扇区分配表链超出分配表"),
        };
    }
    // The mini stream itself lives in whole sectors: it must fit in the file.
    if mini_sectors as usize * 64 > bytes.len() {
        return Err("小扇区数据超出文件范围");
    }
    Ok(())
}

pub(crate) fn ole_has_stream(bytes: &[u8], name: &str) -> bool {
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
