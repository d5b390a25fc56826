//! Parsed returns kept between runs, so a rerun parses again only the returns that
//! changed.
//!
//! What ingest makes of one file (its entries, records, skips and problems) depends on
//! the file's bytes, its path in the returns folder, the plan's units, limits, year and
//! id, the code, and for a legacy Word return the converter that would read it. The
//! [`ReturnsCache`] keys each file's result by a SHA-256 of all of these and keeps the
//! results in one file in the output folder (`.rectify-cache/returns.bin`). On the next
//! run a file whose key is there is not parsed: its result is read back, and it is the
//! value the parse would give (the same inputs through the same code), so the ledger and
//! every output are byte for byte those of a run without the cache
//! (tests/returns_cache.rs).
//!
//! Only a result that is a function of those inputs is kept: a file that failed for a
//! reason outside its bytes (a read error, a converter that failed or ran out of time,
//! a parser panic: `Code::FileFailed`) is parsed again next time. Each result carries a
//! checksum, and so does the index; a damaged, cut short or foreign cache file, or a
//! damaged result, is passed over and the files are parsed. A run that writes makes a
//! new cache file holding the results of the files it read, in path order (the others
//! are dropped; the same returns give the same bytes), on a thread of its own while
//! ingest goes on, and renames it over the old one while the returns are merged; a
//! command that only looks (`rectify check`) reads and writes nothing. Everything here
//! is best effort: when the folder cannot be read or written, the files are parsed as
//! without a cache.
//!
//! One file, not one per return: creating and renaming thousands of small files costs
//! more on some file systems than parsing the returns (0.2 ms a call here).
//!
//! The file: the magic, then the results one after another (each its CRC-32, its
//! length and its postcard bytes), then the index (per result: its key, where it starts,
//! its length), then the footer (where the index starts, the index's CRC-32, the magic).

use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};

use crate::common::FINGERPRINT;
use crate::ingest::format::converter_stamp;
use crate::ingest::options::IngestOptions;
use crate::ingest::record::Ingested;
use crate::model::Code;

pub use crate::common::CACHE_DIR;

/// The cache file in [`CACHE_DIR`].
const CACHE_FILE: &str = "returns.bin";

/// The start and the end of the file: the format's name and version.
const MAGIC: &[u8; 8] = b"RCTFYPR1";

/// A result's header: CRC-32 and length of its payload.
const HEADER: usize = 8;

/// An index entry: key, start of the result, payload length.
const INDEX_ENTRY: usize = 32 + 8 + 4;

/// The footer: start of the index, CRC-32 of the index, the magic.
const FOOTER: usize = 8 + 4 + 8;

type CacheKey = [u8; 32];

/// Where each kept result starts in the last run's file, and its payload's length.
type Index = HashMap<CacheKey, (u64, u32)>;

/// Parsed returns of the last run in one output folder, and what this run does with
/// them.
#[derive(Debug)]
pub struct ReturnsCache {
    /// The last run's cache file and its index (none when there is no whole one).
    old: Option<Arc<OldFile>>,
    index: Index,
    /// Whether this run keeps what it parses for the next one.
    write: bool,
    dir: PathBuf,
    /// SHA-256 of everything but the file that a file's result depends on.
    salt: [u8; 32],
    buffers: Arc<Buffers>,
    hits: AtomicUsize,
    stored: AtomicUsize,
}

/// The last run's cache file, open.
#[derive(Debug)]
struct OldFile {
    /// Closed (`None`) once the next file replaces it: Windows cannot replace an open
    /// file.
    file: Mutex<Option<std::fs::File>>,
    /// How many results it holds, and where they end (the index starts).
    count: usize,
    end: u64,
}

/// Record buffers the writer hands back once it has written them, for the next results:
/// a city-scale run makes 100+ MB of records, and new memory for each was the kernel
/// zeroing fresh pages, two thirds of the cost of keeping a result.
#[derive(Debug, Default)]
struct Buffers(Mutex<Vec<Vec<u8>>>);

/// Most buffers kept for reuse: the records of a few batches of files in flight.
const SPARE_BUFFERS: usize = 1024;

impl Buffers {
    /// An empty buffer, one handed back when there is one.
    fn take(&self) -> Vec<u8> {
        let mut spare = self.0.lock().unwrap_or_else(|p| p.into_inner());
        spare.pop().unwrap_or_default()
    }

    fn give(&self, mut buffer: Vec<u8>) {
        buffer.clear();
        let mut spare = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if spare.len() < SPARE_BUFFERS {
            spare.push(buffer);
        }
    }
}

/// One file's result as the next run's cache file will hold it: a record of the last
/// run's file (where it starts, its payload's length), or a new one.
#[derive(Debug)]
pub(crate) struct Keep {
    key: CacheKey,
    record: Record,
}

/// The next run's cache file being written, on a thread of its own.
#[derive(Debug)]
pub(crate) struct Writer {
    batches: std::sync::mpsc::SyncSender<Vec<Keep>>,
    thread: std::thread::JoinHandle<()>,
}

impl Writer {
    /// Results for the file, after those already handed over.
    pub(crate) fn send(&self, batch: Vec<Keep>) {
        // The thread stops taking batches only when the file cannot be written.
        let _ = self.batches.send(batch);
    }

    /// No more results: the file is finished and put in place by the time the handle
    /// joins.
    pub(crate) fn finish(self) -> std::thread::JoinHandle<()> {
        drop(self.batches);
        self.thread
    }
}

/// Where a kept result's bytes are.
#[derive(Debug)]
enum Record {
    /// In the last run's file: where its record starts, its payload's length.
    Old(u64, u32),
    /// Made by this run: the whole record.
    New(Vec<u8>),
}

impl ReturnsCache {
    /// The cache in `out_dir` for a run with `opts`: `write` to keep what this run parses
    /// for the next one (through [`ReturnsCache::writer`]), else only read.
    pub fn open(out_dir: &Path, opts: &IngestOptions, write: bool) -> ReturnsCache {
        let dir = out_dir.join(CACHE_DIR);
        let (old, index) = match open_old(&dir.join(CACHE_FILE)) {
            Some((old, index)) => (Some(Arc::new(old)), index),
            None => (None, HashMap::new()),
        };
        ReturnsCache {
            old,
            index,
            write,
            dir,
            salt: salt(opts),
            buffers: Arc::default(),
            hits: AtomicUsize::new(0),
            stored: AtomicUsize::new(0),
        }
    }

    /// What ingest makes of the file at `rel` holding `bytes`: the kept result when
    /// there is one, else `parse()`; and, when this run writes, the result as the next
    /// cache file keeps it (none for a result that may not be kept).
    pub(crate) fn through(
        &self,
        rel: &str,
        bytes: &[u8],
        parse: impl FnOnce() -> Ingested,
    ) -> (Ingested, Option<Keep>) {
        let key = self.key(rel, bytes);
        if let Some((part, at)) = self.load(&key, rel) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            let keep = self.write.then_some(Keep {
                key,
                record: Record::Old(at.0, at.1),
            });
            return (part, keep);
        }
        let part = parse();
        let keep = (self.write && keepable(&part))
            .then(|| encode(&part, self.buffers.take()))
            .flatten()
            .map(|record| {
                self.stored.fetch_add(1, Ordering::Relaxed);
                Keep {
                    key,
                    record: Record::New(record),
                }
            });
        (part, keep)
    }

    /// The writer of the next run's cache file, which will hold the results handed to
    /// it (this run's files, in path order) and nothing else, in place of the last
    /// run's; `None` when this run only reads.
    pub(crate) fn writer(&self) -> Option<Writer> {
        if !self.write {
            return None;
        }
        // Two batches in flight at most: a city-scale run keeps 100+ MB of results.
        let (batches, received) = std::sync::mpsc::sync_channel::<Vec<Keep>>(2);
        let (old, dir, buffers) = (self.old.clone(), self.dir.clone(), self.buffers.clone());
        let thread = std::thread::spawn(move || {
            // A cache that could not be put in place is only a slower next run; the file
            // stays as it was.
            drop(write_file(
                &dir,
                old.as_deref(),
                &buffers,
                received.iter().flatten(),
            ));
        });
        Some(Writer { batches, thread })
    }

    /// Files whose result was read back instead of parsed.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// Files whose result this run parsed and will keep.
    pub fn stored(&self) -> usize {
        self.stored.load(Ordering::Relaxed)
    }

    fn key(&self, rel: &str, bytes: &[u8]) -> CacheKey {
        let mut h = Sha256::new();
        h.update(self.salt);
        h.update(rel.as_bytes());
        h.update([0]);
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
        h.finalize().into()
    }

    /// The kept result for `key`, when it is there, whole, and for `rel`; with where its
    /// record starts and its payload's length.
    fn load(&self, key: &CacheKey, rel: &str) -> Option<(Ingested, (u64, u32))> {
        let &(start, length) = self.index.get(key)?;
        let record = read_record(self.old.as_deref()?, start, length, self.buffers.take())?;
        let part = decode(&record);
        self.buffers.give(record);
        let part = part?;
        // The key holds the path; a result for another file would be a damaged one that
        // passed the checksum.
        part.files
            .first()
            .is_some_and(|f| f.file == rel)
            .then_some((part, (start, length)))
    }
}

/// The cache file of `kept`: the magic, the records in order, the index in key order,
/// the footer; written under a temporary name, then renamed over the last one.
///
/// As long as the results are the last file's own, in its order from its start, nothing
/// is written: when they all are (a rerun with the same returns) the last file is the
/// one this run would write and stays as it is; when they stop being so (a return
/// added, changed or removed) the new file starts with the last one's records up to
/// there, copied by the kernel, and goes on from there.
fn write_file(
    dir: &Path,
    old: Option<&OldFile>,
    buffers: &Buffers,
    kept: impl Iterator<Item = Keep>,
) -> std::io::Result<()> {
    let mut file: Option<std::io::BufWriter<tempfile::NamedTempFile>> = None;
    let mut at = MAGIC.len() as u64;
    let mut index = Vec::new();
    for Keep { key, record } in kept {
        if file.is_none() {
            if let Record::Old(start, length) = record {
                if start == at {
                    index.push((key, at, length));
                    at += HEADER as u64 + u64::from(length);
                    continue;
                }
            }
            file = Some(start_file(dir, old, at)?);
        }
        let record = match record {
            Record::New(bytes) => bytes,
            Record::Old(start, length) => old
                .and_then(|f| read_record(f, start, length, buffers.take()))
                .ok_or_else(|| std::io::Error::other("the last cache file changed"))?,
        };
        let Some(out) = file.as_mut() else {
            unreachable!("the file was started above");
        };
        out.write_all(&record)?;
        index.push((key, at, (record.len() - HEADER) as u32));
        at += record.len() as u64;
        buffers.give(record);
    }
    let mut file = match file {
        Some(f) => f,
        // Every result of the last file, in its order, and nothing else.
        None if old.is_some_and(|o| o.count == index.len() && o.end == at) => return Ok(()),
        None => start_file(dir, old, at)?,
    };
    // In key order: the index is the same whatever order the files came in.
    index.sort_unstable_by_key(|e| e.0);
    let mut bytes = Vec::with_capacity(4 + index.len() * INDEX_ENTRY);
    bytes.extend_from_slice(&(index.len() as u32).to_le_bytes());
    for (key, start, length) in &index {
        bytes.extend_from_slice(key);
        bytes.extend_from_slice(&start.to_le_bytes());
        bytes.extend_from_slice(&length.to_le_bytes());
    }
    file.write_all(&bytes)?;
    file.write_all(&at.to_le_bytes())?;
    file.write_all(&crc32fast::hash(&bytes).to_le_bytes())?;
    file.write_all(MAGIC)?;
    let tmp = file.into_inner().map_err(|e| e.into_error())?;
    crate::common::disk::start_writeback(tmp.as_file());
    // Every record is read by now (ingest is over when the last batch arrives).
    if let Some(old) = old {
        old.file.lock().unwrap_or_else(|p| p.into_inner()).take();
    }
    tmp.persist(dir.join(CACHE_FILE)).map_err(|e| e.error)?;
    Ok(())
}

/// A new cache file in `dir` holding the first `len` bytes of the last one (the magic
/// and the records up to there; just the magic when there is no last file).
fn start_file(
    dir: &Path,
    old: Option<&OldFile>,
    len: u64,
) -> std::io::Result<std::io::BufWriter<tempfile::NamedTempFile>> {
    std::fs::create_dir_all(dir)?;
    remove_abandoned(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(".returns-")
        .tempfile_in(dir)?;
    match old {
        Some(old) if len > MAGIC.len() as u64 => {
            let mut guard = old.file.lock().unwrap_or_else(|p| p.into_inner());
            let from = guard
                .as_mut()
                .ok_or_else(|| std::io::Error::other("the last cache file is closed"))?;
            from.seek(SeekFrom::Start(0))?;
            // File to file: the kernel copies (copy_file_range on Linux).
            let copied = std::io::copy(&mut from.take(len), tmp.as_file_mut())?;
            if copied != len {
                return Err(std::io::Error::other("the last cache file changed"));
            }
        }
        _ => tmp.write_all(MAGIC)?,
    }
    Ok(std::io::BufWriter::with_capacity(1 << 16, tmp))
}

/// The record at `start` of the last run's file, read into `record`.
fn read_record(old: &OldFile, start: u64, length: u32, mut record: Vec<u8>) -> Option<Vec<u8>> {
    record.clear();
    record.resize(HEADER + length as usize, 0);
    let mut file = old.file.lock().unwrap_or_else(|p| p.into_inner());
    let file = file.as_mut()?;
    file.seek(SeekFrom::Start(start)).ok()?;
    file.read_exact(&mut record).ok()?;
    Some(record)
}

/// The hash of everything besides the file that a file's result depends on.
fn salt(opts: &IngestOptions) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(MAGIC);
    h.update(FINGERPRINT.as_bytes());
    h.update([0]);
    // Plain data into a hash cannot fail to serialise; if it ever did, the salt would
    // only match no kept result (everything parsed).
    for part in [
        serde_json::to_vec(opts.units),
        serde_json::to_vec(opts.limits),
    ] {
        h.update(part.unwrap_or_else(|_| b"\0unserialisable".to_vec()));
        h.update([0]);
    }
    h.update(opts.default_year.to_le_bytes());
    h.update(opts.plan_id.as_bytes());
    h.update([0]);
    h.update(converter_stamp().as_bytes());
    h.finalize().into()
}

/// The last run's cache file and its index, when the file is there and whole.
fn open_old(path: &Path) -> Option<(OldFile, Index)> {
    let mut file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    if len < (MAGIC.len() + FOOTER) as u64 {
        return None;
    }
    let mut magic = [0; 8];
    file.read_exact(&mut magic).ok()?;
    let mut footer = [0; FOOTER];
    file.seek(SeekFrom::End(-(FOOTER as i64))).ok()?;
    file.read_exact(&mut footer).ok()?;
    let (start, rest) = footer.split_first_chunk::<8>()?;
    let (crc, end_magic) = rest.split_first_chunk::<4>()?;
    if &magic != MAGIC || end_magic != MAGIC {
        return None;
    }
    let start = u64::from_le_bytes(*start);
    let index_len = len.checked_sub(FOOTER as u64)?.checked_sub(start)?;
    if start < MAGIC.len() as u64 || index_len < 4 {
        return None;
    }
    let mut bytes = vec![0; usize::try_from(index_len).ok()?];
    file.seek(SeekFrom::Start(start)).ok()?;
    file.read_exact(&mut bytes).ok()?;
    if crc32fast::hash(&bytes) != u32::from_le_bytes(*crc) {
        return None;
    }
    let (count, entries) = bytes.split_first_chunk::<4>()?;
    let count = u32::from_le_bytes(*count) as usize;
    if entries.len() != count.checked_mul(INDEX_ENTRY)? {
        return None;
    }
    let mut index = HashMap::with_capacity(count);
    for e in entries.chunks_exact(INDEX_ENTRY) {
        let (key, rest) = e.split_first_chunk::<32>()?;
        let (at, length) = rest.split_first_chunk::<8>()?;
        let at = u64::from_le_bytes(*at);
        let length = u32::from_le_bytes(length.try_into().ok()?);
        // Every result lies between the magic and the index.
        if at < MAGIC.len() as u64 || at + HEADER as u64 + u64::from(length) > start {
            return None;
        }
        index.insert(*key, (at, length));
    }
    let old = OldFile {
        file: Mutex::new(Some(file)),
        count,
        end: start,
    };
    Some((old, index))
}

/// Remove the cache files of runs that stopped before putting theirs in place (left
/// for a day: another run may be writing one now).
fn remove_abandoned(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let day = std::time::Duration::from_secs(24 * 60 * 60);
    for e in entries.flatten() {
        let stale = e
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .is_some_and(|t| t.elapsed().is_ok_and(|age| age > day));
        if stale && e.file_name().to_string_lossy().starts_with(".returns-") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Whether `part` is a function of the file's bytes and the key's other inputs alone.
fn keepable(part: &Ingested) -> bool {
    !part.files.is_empty() && part.problems.iter().all(|p| p.code != Code::FileFailed)
}

/// A result's record, made in `record` (emptied first): CRC-32 and length of the
/// payload, the payload (postcard).
// Out of line, so an instruction count can name it (docs/performance.md).
#[inline(never)]
fn encode(part: &Ingested, mut record: Vec<u8>) -> Option<Vec<u8>> {
    record.clear();
    record.extend_from_slice(&[0; HEADER]);
    let mut record = postcard::to_extend(part, record).ok()?;
    let length = u32::try_from(record.len() - HEADER).ok()?;
    let crc = crc32fast::hash(&record[HEADER..]);
    record[..4].copy_from_slice(&crc.to_le_bytes());
    record[4..HEADER].copy_from_slice(&length.to_le_bytes());
    Some(record)
}

/// The result in a record, when the record is whole.
#[inline(never)]
fn decode(record: &[u8]) -> Option<Ingested> {
    let (crc, rest) = record.split_first_chunk::<4>()?;
    let (length, payload) = rest.split_first_chunk::<4>()?;
    if payload.len() != u32::from_le_bytes(*length) as usize
        || crc32fast::hash(payload) != u32::from_le_bytes(*crc)
    {
        return None;
    }
    match postcard::take_from_bytes::<Ingested>(payload) {
        Ok((part, [])) => Some(part),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FileEntry, FileOutcome, Problem, Severity};

    fn part(file: &str) -> Ingested {
        Ingested {
            files: vec![FileEntry {
                file: file.to_string(),
                format: Some("xlsx".into()),
                outcome: FileOutcome::Read,
                sheets: 1,
                records: 0,
                unit: Some("区水利局".into()),
                filed_on: chrono::NaiveDate::from_ymd_opt(2020, 11, 30),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn a_record_reads_back_as_written_and_damage_is_refused() {
        let p = part("a.xlsx");
        let bytes = encode(&p, b"a buffer used before".to_vec()).unwrap();
        assert_eq!(decode(&bytes), Some(p));
        // Cut short, one byte changed, trailing bytes.
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        for i in [0, 5, 9, bytes.len() - 1] {
            let mut bad = bytes.clone();
            bad[i] ^= 0x20;
            assert_eq!(decode(&bad), None, "byte {i} changed");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
    }

    #[test]
    fn a_failed_file_is_not_kept() {
        let mut p = part("a.xlsx");
        assert!(keepable(&p));
        p.problems.push(Problem::new(
            Severity::Error,
            Code::FileFailed,
            "a.xlsx",
            "x",
        ));
        assert!(!keepable(&p));
        assert!(!keepable(&Ingested::default()));
    }
}
