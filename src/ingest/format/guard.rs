//! Guards that run before any parser sees the bytes: the file's size, a zip package's
//! entry count, declared sizes and compression ratios, an OLE compound file's
//! allocation tables. Each refuses with a [`ReadError`] the unit can act on. (The
//! guards that need a format's own structure live with it: the ODS repeat pre-scan in
//! `ods.rs`, the BIFF record pre-scan in `biff.rs`.)

use std::io::Cursor;

use crate::ingest::error::{ReadError, ZipExcess};
use crate::ingest::grid::Limits;

const MIB: u64 = 1024 * 1024;

/// Refuse a file over `max_file_bytes`.
pub(super) fn file_size(len: u64, limits: &Limits) -> Result<(), ReadError> {
    if len > limits.max_file_bytes {
        return Err(ReadError::FileTooLarge {
            len,
            limit: limits.max_file_bytes,
        });
    }
    Ok(())
}

/// Refuse a zip whose end-of-central-directory record declares more entries than the
/// cap, before the directory is parsed.
pub(super) fn zip_declared_entries(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    match declared_entries(bytes) {
        Some(n) if n > limits.max_zip_entries as u64 => Err(ReadError::TooManyEntries {
            entries: n,
            limit: limits.max_zip_entries,
        }),
        _ => Ok(()),
    }
}

/// Refuse a zip directory with more entries than the cap.
pub(super) fn zip_entry_count(entries: usize, limits: &Limits) -> Result<(), ReadError> {
    if entries > limits.max_zip_entries {
        return Err(ReadError::TooManyEntries {
            entries: entries as u64,
            limit: limits.max_zip_entries,
        });
    }
    Ok(())
}

/// The total entry count from the end-of-central-directory record, without parsing the
/// directory. `None` if not found or zip64 (0xFFFF).
fn declared_entries(bytes: &[u8]) -> Option<u64> {
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

/// Guards on a zip package before calamine opens it: entry count, sum of declared
/// sizes, per-entry declared ratio.
///
/// No inflate pass: the zip crate (the one calamine reads with) never yields more than
/// an entry's declared size — a lying header ends in a CRC error, which calamine reports
/// and we classify as corrupt (tests/read_files.rs
/// `zip_bomb_with_lying_sizes_is_refused_quickly`). So the declared sizes checked here
/// bound what calamine can inflate, and each entry is inflated once.
pub(super) fn zip_package(bytes: &[u8], limits: &Limits) -> Result<ZipPackage, ReadError> {
    zip_declared_entries(bytes, limits)?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    zip_entry_count(archive.len(), limits)?;
    let mut declared_total: u64 = 0;
    let mut seen = std::collections::HashSet::with_capacity(archive.len());
    let mut package = ZipPackage::default();
    for i in 0..archive.len() {
        let f = archive.by_index_raw(i)?;
        declared_total = declared_total.saturating_add(f.size());
        if declared_total > limits.max_uncompressed_bytes {
            return Err(ReadError::Unpacked(ZipExcess::Total {
                limit: limits.max_uncompressed_bytes,
            }));
        }
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        compression_ratio(&name, f.size(), f.compressed_size(), limits)?;
        package.case_twins |= !seen.insert(name.replace('\\', "/").to_ascii_lowercase());
    }
    Ok(package)
}

/// What the zip guard saw of a package's names on its way through them.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct ZipPackage {
    /// Two part names differ only in case. calamine looks parts up case-insensitively
    /// and finds the last of such twins, which may be an empty decoy beside the real
    /// sheet: the xlsx reader then reads the package normalised
    /// (`repair::drop_case_twins`).
    pub case_twins: bool,
}

/// Refuse one entry over 1 MiB that inflates more than `max_compression_ratio` times.
fn compression_ratio(name: &str, size: u64, packed: u64, limits: &Limits) -> Result<(), ReadError> {
    let ratio = size / packed.max(1);
    if size > MIB && ratio > limits.max_compression_ratio {
        return Err(ReadError::Unpacked(ZipExcess::Ratio {
            part: name.to_string(),
            ratio,
            limit: limits.max_compression_ratio,
        }));
    }
    Ok(())
}

/// Refuse an OLE compound file whose allocation tables do not fit it
/// ([`ole_structure_ok`]).
pub(super) fn ole_tables(bytes: &[u8]) -> Result<(), ReadError> {
    ole_structure_ok(bytes).map_err(ReadError::OleDamaged)
}

/// Sector ids at or above this are markers (free, end of chain, FAT/DIFAT sector).
const OLE_SPECIAL: u32 = 0xFFFF_FFFA;

/// Check an OLE compound file's allocation tables before calamine follows them:
/// every sector id in the header, the FAT and the directory must lie inside the file,
/// and every stream size must fit in it. calamine trusts these numbers (it resizes a
/// buffer to a sector id × sector size, and slices by them), so a damaged or crafted
/// file could otherwise take gigabytes or panic. Found by fuzzing. The error says what
/// does not fit (Chinese, shown inside the message).
fn ole_structure_ok(bytes: &[u8]) -> Result<(), &'static str> {
    let ole = OleTables::read(bytes)?;
    let mini_sectors = ole.check_directory()?;
    ole.check_mini_fat(mini_sectors)?;
    // The mini stream itself lives in whole sectors: it must fit in the file.
    if mini_sectors as usize * 64 > bytes.len() {
        return Err("小扇区数据超出文件范围");
    }
    Ok(())
}

const INCOMPLETE_HEADER: &str = "文件头不完整";

/// An OLE compound file's header and allocation table (FAT), every sector id in them
/// checked to lie inside the file.
struct OleTables<'a> {
    bytes: &'a [u8],
    /// Sector size: 512 or 4096 bytes; sector n starts at (n+1)·size.
    size: usize,
    /// Sectors in the file after the header.
    sectors: u32,
    /// FAT sectors the header declares.
    fat_count: u32,
    /// The FAT from the header's first 109 FAT sectors.
    fat: Vec<u32>,
}

impl<'a> OleTables<'a> {
    /// The header's sector size and sector ids, then the FAT sectors it names (the
    /// first 109; more are in DIFAT sectors, whose ids the header check covers).
    fn read(bytes: &'a [u8]) -> Result<OleTables<'a>, &'static str> {
        let size: usize = match u16_at(bytes, 0x1E).ok_or(INCOMPLETE_HEADER)? {
            9 => 512,
            12 => 4096,
            _ => return Err("扇区大小无效"),
        };
        if bytes.len() < size * 2 {
            return Err("文件过短");
        }
        let mut ole = OleTables {
            bytes,
            size,
            sectors: (bytes.len() - size).div_ceil(size) as u32,
            fat_count: 0,
            fat: Vec::new(),
        };
        for field in [0x30, 0x3C, 0x44] {
            if !ole.valid(u32_at(bytes, field).ok_or(INCOMPLETE_HEADER)?) {
                return Err("文件头中的扇区编号超出文件范围");
            }
        }
        ole.fat_count = u32_at(bytes, 0x2C).ok_or(INCOMPLETE_HEADER)?;
        if ole.fat_count > ole.sectors {
            return Err("分配表数量超出文件范围");
        }
        for k in 0..(ole.fat_count.min(109) as usize) {
            let id = u32_at(bytes, 0x4C + 4 * k).ok_or(INCOMPLETE_HEADER)?;
            if id >= ole.sectors {
                return Err("分配表扇区超出文件范围");
            }
            let data = ole.sector(id).ok_or("分配表扇区超出文件范围")?;
            for next in u32s(data) {
                if !ole.valid(next) {
                    return Err("分配表中的扇区编号超出文件范围");
                }
                ole.fat.push(next);
            }
        }
        Ok(ole)
    }

    /// A sector id inside the file, or a marker.
    fn valid(&self, id: u32) -> bool {
        id < self.sectors || id >= OLE_SPECIAL
    }

    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize + 1) * self.size;
        self.bytes
            .get(start..(start + self.size).min(self.bytes.len()))
    }

    /// The sector after `id` in its chain; `None` where the FAT this check holds ends
    /// (a file with more than 109 FAT sectors): the chain is followed no further.
    fn next(&self, id: u32, beyond: &'static str) -> Result<Option<u32>, &'static str> {
        match self.fat.get(id as usize) {
            Some(&next) => Ok(Some(next)),
            None if self.fat_count as usize > 109 => Ok(None),
            None => Err(beyond),
        }
    }

    /// Follow the directory's chain (bounded) and check each entry's start and size.
    /// Gives the number of 64-byte sectors of the mini stream.
    fn check_directory(&self) -> Result<u32, &'static str> {
        // Streams under the cutoff (4096) live in the mini stream.
        let cutoff = u32_at(self.bytes, 0x38).ok_or(INCOMPLETE_HEADER)? as usize;
        let mut mini_sectors: u32 = 0;
        let mut id = u32_at(self.bytes, 0x30).ok_or(INCOMPLETE_HEADER)?;
        let mut steps = 0;
        while id < OLE_SPECIAL {
            steps += 1;
            if steps > self.sectors {
                return Err("目录链循环");
            }
            let data = self.sector(id).ok_or("目录扇区超出文件范围")?;
            // The first directory entry is the root (readers take it as such).
            if steps == 1 && data.get(66) != Some(&5) {
                return Err("目录的第一项不是根目录");
            }
            for entry in data.chunks_exact(128) {
                self.check_entry(entry, cutoff, &mut mini_sectors)?;
            }
            match self.next(id, "目录链超出分配表")? {
                Some(next) => id = next,
                None => break,
            }
        }
        Ok(mini_sectors)
    }

    /// Streams and the root (which holds the mini stream, whose size it sets in
    /// `mini_sectors`) must fit in the file.
    fn check_entry(
        &self,
        entry: &[u8],
        cutoff: usize,
        mini_sectors: &mut u32,
    ) -> Result<(), &'static str> {
        let kind = entry[66];
        if kind == 0 {
            return Ok(());
        }
        let start = u32::from_le_bytes([entry[116], entry[117], entry[118], entry[119]]);
        let len = u32::from_le_bytes([entry[120], entry[121], entry[122], entry[123]]) as usize;
        if kind == 5 {
            *mini_sectors = self.mini_stream_sectors(start, len);
        }
        let start_ok = if kind == 2 && len < cutoff {
            start < *mini_sectors || start >= OLE_SPECIAL
        } else {
            self.valid(start)
        };
        if (kind == 2 || kind == 5) && (len > self.bytes.len() || !start_ok) {
            return Err("数据流的位置或大小超出文件范围");
        }
        Ok(())
    }

    /// The mini stream holds what its own chain holds, whatever the root's size says.
    fn mini_stream_sectors(&self, start: u32, len: usize) -> u32 {
        let mut chain = 0usize;
        let mut sid = start;
        while sid < OLE_SPECIAL && chain <= self.sectors as usize {
            chain += 1;
            sid = self.fat.get(sid as usize).copied().unwrap_or(OLE_SPECIAL);
        }
        (len.div_ceil(64)).min(chain * self.size / 64) as u32
    }

    /// The mini FAT (chains of the small streams): every entry inside the mini stream.
    fn check_mini_fat(&self, mini_sectors: u32) -> Result<(), &'static str> {
        let mut id = u32_at(self.bytes, 0x3C).ok_or(INCOMPLETE_HEADER)?;
        let mut steps = 0;
        while id < OLE_SPECIAL {
            steps += 1;
            if steps > self.sectors {
                return Err("小扇区分配表链循环");
            }
            let data = self.sector(id).ok_or("小扇区分配表超出文件范围")?;
            if u32s(data).any(|next| next >= mini_sectors && next < OLE_SPECIAL) {
                return Err("小扇区分配表中的编号超出范围");
            }
            match self.next(id, "小扇区分配表链超出分配表")? {
                Some(next) => id = next,
                None => break,
            }
        }
        Ok(())
    }
}

fn u16_at(bytes: &[u8], o: usize) -> Option<u16> {
    bytes
        .get(o..o + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], o: usize) -> Option<u32> {
    bytes
        .get(o..o + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The little-endian u32s of a sector.
fn u32s(data: &[u8]) -> impl Iterator<Item = u32> + '_ {
    data.chunks_exact(4)
        .map(|e| u32::from_le_bytes([e[0], e[1], e[2], e[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honest_repetitive_sheets_pass_the_ratio_guard_and_bombs_do_not() {
        let limits = Limits::default();
        // The largest honest ratios measured (docs/corpus.md): 121:1 and 139:1.
        assert!(compression_ratio("sheet1.xml", 57_032_955, 57_032_955 / 121, &limits).is_ok());
        assert!(compression_ratio("sheet1.bin", 112_041_239, 112_041_239 / 139, &limits).is_ok());
        // A deflate bomb (about 1,000:1) still is refused.
        assert!(compression_ratio("sheet1.xml", 1 << 30, (1 << 30) / 1000, &limits).is_err());
    }
}
