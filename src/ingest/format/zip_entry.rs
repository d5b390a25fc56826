//! One entry of a zip package held in memory, inflated by this thread's own inflater.
//!
//! The zip crate's reader builds a fresh decompressor (its state and a 32 KiB window,
//! zeroed) and a buffer for every entry it opens; the parts read besides calamine's (the
//! relationships, each sheet's XML, the shared strings and styles for struck text, a
//! document's body) are a dozen small entries a return, and that setting up cost as
//! much as the inflating (5% of a run at N = 5,000, docs/performance.md, Session 30).
//! Here the entry's compressed bytes are inflated by one `flate2::Decompress` per
//! thread, reset between entries. What comes out is what the zip crate's reader gives:
//! the same bytes, the same CRC check, `limit` cutting as `Read::take` does.

use std::cell::RefCell;
use std::io::{Cursor, Read};

use flate2::{Decompress, FlushDecompress, Status};
use zip::result::{ZipError, ZipResult};
use zip::{CompressionMethod, ZipArchive};

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

thread_local! {
    /// This thread's inflater and a scratch buffer for an entry's compressed bytes.
    static INFLATER: RefCell<(Decompress, Vec<u8>)> =
        RefCell::new((Decompress::new(false), Vec::new()));
}

/// At most `limit` bytes of the entry called `name` (found as `ZipArchive::by_name`
/// finds it). `Err(FileNotFound)` when there is none; an entry that does not inflate or
/// fails its CRC is an error, as from the zip crate's reader.
pub(crate) fn read_entry(zip: &mut Archive<'_>, name: &str, limit: u64) -> ZipResult<Vec<u8>> {
    let index = zip.index_for_name(name).ok_or(ZipError::FileNotFound)?;
    read_entry_at(zip, index, limit)
}

/// At most `limit` bytes of the entry at `index`, as [`read_entry`].
pub(crate) fn read_entry_at(zip: &mut Archive<'_>, index: usize, limit: u64) -> ZipResult<Vec<u8>> {
    let mut raw = zip.by_index_raw(index)?;
    let method = raw.compression();
    if raw.encrypted()
        || !matches!(
            method,
            CompressionMethod::Stored | CompressionMethod::Deflated
        )
    {
        // Not ours to read: the zip crate's own reader decides (and refuses) as before.
        drop(raw);
        return read_by_crate(zip, index, limit);
    }
    let size = raw.size();
    let crc = raw.crc32();
    if method == CompressionMethod::Stored {
        let mut out = Vec::with_capacity(size.min(limit).min(64 << 20) as usize);
        (&mut raw).take(limit).read_to_end(&mut out)?;
        if ((out.len() as u64) < limit || size <= limit) && crc32fast::hash(&out) != crc {
            return Err(damaged("CRC32 checksum failed"));
        }
        return Ok(out);
    }
    INFLATER.with(|cell| {
        let (inflater, input) = &mut *cell.borrow_mut();
        input.clear();
        raw.read_to_end(input)?;
        inflate(inflater, input, size, limit, crc)
    })
}

/// Inflate `input` (raw deflate) into at most `limit` bytes and, as the zip crate's
/// reader does, never more than the declared `size`: a size that lies low (a zip bomb
/// passing the declared-size checks) ends the entry early, and its CRC then fails.
fn inflate(
    inflater: &mut Decompress,
    input: &[u8],
    size: u64,
    limit: u64,
    crc: u32,
) -> ZipResult<Vec<u8>> {
    inflater.reset(false);
    let cap = size.min(limit);
    let mut out: Vec<u8> = Vec::with_capacity(cap.min(64 << 20) as usize);
    while (out.len() as u64) < cap {
        if out.len() == out.capacity() {
            let more = (cap - out.len() as u64).min(out.capacity().max(4096) as u64);
            out.reserve_exact(more as usize);
        }
        let consumed = inflater.total_in() as usize;
        let produced = inflater.total_out();
        let status = inflater
            .decompress_vec(&input[consumed..], &mut out, FlushDecompress::Finish)
            .map_err(|_| damaged("invalid deflate stream"))?;
        match status {
            Status::StreamEnd => break,
            Status::Ok | Status::BufError => {
                // Room to write and nothing read nor written: the stream is cut short.
                if inflater.total_in() as usize == consumed && inflater.total_out() == produced {
                    return Err(damaged("truncated deflate stream"));
                }
            }
        }
    }
    if out.len() as u64 > cap {
        out.truncate(cap as usize);
    }
    if ((out.len() as u64) < limit || size <= limit) && crc32fast::hash(&out) != crc {
        return Err(damaged("CRC32 checksum failed"));
    }
    Ok(out)
}

/// A read error, as the zip crate's reader reports an entry that does not inflate or
/// fails its checksum (an I/O error of kind `InvalidData`).
fn damaged(what: &str) -> ZipError {
    ZipError::Io(std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        what.to_string(),
    ))
}

/// The zip crate's own reader, for entries this module does not inflate.
fn read_by_crate(zip: &mut Archive<'_>, index: usize, limit: u64) -> ZipResult<Vec<u8>> {
    let entry = zip.by_index(index)?;
    let mut out = Vec::with_capacity(entry.size().min(limit).min(64 << 20) as usize);
    entry.take(limit).read_to_end(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn package(entries: &[(&str, &[u8], CompressionMethod)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data, method) in entries {
            w.start_file(
                *name,
                SimpleFileOptions::default().compression_method(*method),
            )
            .unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn by_crate(bytes: &[u8], name: &str, limit: u64) -> ZipResult<Vec<u8>> {
        let mut zip = ZipArchive::new(Cursor::new(bytes))?;
        let mut out = Vec::new();
        zip.by_name(name)?.take(limit).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn reads_what_the_crate_reads() {
        let big: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("<c r=\"A{i}\"><v>{}</v></c>", i * 7).into_bytes())
            .collect();
        let bytes = package(&[
            ("a.xml", b"<x>stored</x>", CompressionMethod::Stored),
            ("xl/b.xml", &big, CompressionMethod::Deflated),
            ("empty.xml", b"", CompressionMethod::Deflated),
        ]);
        let mut zip = ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        for name in ["a.xml", "xl/b.xml", "empty.xml"] {
            for limit in [0, 5, 200, 1 << 20, u64::MAX] {
                assert_eq!(
                    read_entry(&mut zip, name, limit).unwrap(),
                    by_crate(&bytes, name, limit).unwrap(),
                    "{name} at {limit}"
                );
            }
        }
        assert!(matches!(
            read_entry(&mut zip, "missing.xml", u64::MAX),
            Err(ZipError::FileNotFound)
        ));
    }

    #[test]
    fn a_declared_size_is_never_passed() {
        let text: Vec<u8> = b"<row/>".repeat(10_000);
        let mut bytes = package(&[("s.xml", &text, CompressionMethod::Deflated)]);
        // Declare 4,000 bytes in the local header (size at 22) and the central directory
        // (size at 24), as a zip bomb passing the size checks would.
        for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let i = bytes.windows(4).position(|w| w == sig).unwrap();
            bytes[i + at..i + at + 4].copy_from_slice(&4000u32.to_le_bytes());
        }
        let mut zip = ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        assert!(read_entry(&mut zip, "s.xml", u64::MAX).is_err());
        assert!(by_crate(&bytes, "s.xml", u64::MAX).is_err());
        // Cut by a smaller limit first, it reads as the crate's reader reads it.
        assert_eq!(
            read_entry(&mut zip, "s.xml", 100).unwrap(),
            by_crate(&bytes, "s.xml", 100).unwrap()
        );
    }

    #[test]
    fn a_damaged_entry_is_an_error_not_other_bytes() {
        let text: Vec<u8> = b"<sst>".repeat(5000);
        let mut bytes = package(&[("s.xml", &text, CompressionMethod::Deflated)]);
        // Flip a byte inside the compressed data (the local header is 30 + 5 bytes).
        bytes[40] ^= 0x55;
        let mut zip = ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        assert!(read_entry(&mut zip, "s.xml", u64::MAX).is_err());
        assert!(by_crate(&bytes, "s.xml", u64::MAX).is_err());
    }
}
