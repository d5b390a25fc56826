//! A bundle: a .zip a unit sends with its returns and evidence. Its files are handed
//! out one at a time, in name order, each under the guards: the zip's own (entry count,
//! declared sizes, compression ratio) first, then per file the file size limit and, for
//! what it holds, its format's guards. Names written by Chinese Windows are GBK without
//! the UTF-8 flag: a name that is not UTF-8 is decoded as GB18030.

use std::io::Cursor;

use super::guard;
use crate::ingest::error::ReadError;
use crate::ingest::grid::Limits;

/// Each file of the bundle `bytes` (not folders), by its decoded path inside the
/// bundle, in path order: its bytes, or why they could not be taken out.
pub(crate) fn for_each_file(
    bytes: &[u8],
    limits: &Limits,
    mut each: impl FnMut(String, Result<Vec<u8>, ReadError>),
) -> Result<(), ReadError> {
    guard::zip_package(bytes, limits)?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))?;
    let mut names: Vec<(String, usize)> = Vec::new();
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i)?;
        if entry.is_dir() {
            continue;
        }
        let name = decode_name(entry.name_raw());
        if !name.is_empty() {
            names.push((name, i));
        }
    }
    names.sort();
    for (name, i) in names {
        let taken = take_out(&mut zip, i, limits);
        each(name, taken);
    }
    Ok(())
}

/// One file's bytes, within the file size limit.
fn take_out(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    i: usize,
    limits: &Limits,
) -> Result<Vec<u8>, ReadError> {
    let raw = zip.by_index_raw(i)?;
    if raw.encrypted() {
        return Err(ReadError::Encrypted);
    }
    guard::file_size(raw.size(), limits)?;
    drop(raw);
    let out = super::zip_entry::read_entry_at(zip, i, limits.max_file_bytes + 1)
        .map_err(|_| ReadError::Corrupt)?;
    guard::file_size(out.len() as u64, limits)?;
    if out.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(out)
}

/// A file name inside a zip as text: UTF-8 when it is, else GBK (GB18030); `\` as `/`,
/// no empty, `.` or `..` parts.
fn decode_name(raw: &[u8]) -> String {
    let text = match std::str::from_utf8(raw) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::GB18030.decode(raw).0.into_owned(),
    };
    text.replace('\\', "/")
        .split('/')
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::decode_name;

    #[test]
    fn gbk_and_utf8_names() {
        let (gbk, _, _) = encoding_rs::GBK.encode("材料/区水利局进展.xlsx");
        assert_eq!(decode_name(&gbk), "材料/区水利局进展.xlsx");
        assert_eq!(decode_name("进展.xlsx".as_bytes()), "进展.xlsx");
        assert_eq!(decode_name(b"..\\a\\.\\b.csv"), "a/b.csv");
    }
}
