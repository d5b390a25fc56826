//! Uploads: each file saved into the returns folder under its own sanitised name, never
//! overwriting (a same-named file gets a suffix), never outside the folder, and within
//! the ingest limits (plan.toml `[limits]`): `max_file_bytes` per file,
//! `max_zip_entries` files and `max_uncompressed_bytes` bytes per request.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use axum::extract::multipart::{Field, Multipart};

use crate::common::os_error::describe;
use crate::plan::meta::Limits;
use crate::render::clean_file_name;

/// Names Windows refuses as file names whatever their extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Longest saved name, in bytes (well under every file system's 255).
const MAX_NAME_BYTES: usize = 150;

/// A file name as sent by a browser (perhaps with a folder path, perhaps hostile) made
/// safe to save in the returns folder: its last path component without control
/// characters, cleaned as an output file name is (`render::files::clean_file_name`:
/// refused characters become `_`, no leading or trailing dots and spaces, so no hidden
/// file and no `..`); not a reserved device name; at most 150 bytes, keeping the
/// extension. Never empty.
pub fn sanitize_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    // Control characters are dropped (a browser's name has no meaningful ones), then
    // the rest cleaned as every output file name is.
    let last: String = last.chars().filter(|c| !c.is_control()).collect();
    let mut name = clean_file_name(&last);
    if name.is_empty() {
        name = "未命名文件".to_string();
    }
    let stem_upper = name.split('.').next().unwrap_or("").trim().to_uppercase();
    if RESERVED.contains(&stem_upper.as_str()) {
        name.insert(0, '_');
    }
    if name.len() > MAX_NAME_BYTES {
        let (stem, ext) = split_ext(&name);
        let ext = if ext.len() > 20 { "" } else { ext };
        let mut cut = MAX_NAME_BYTES - ext.len();
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        name = format!("{}{ext}", &stem[..cut]);
    }
    name
}

/// `name.xlsx` → (`name`, `.xlsx`); no extension → (`name`, ``).
fn split_ext(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    }
}

/// The `n`th candidate name: `name.xlsx`, `name (2).xlsx`, `name (3).xlsx`, …
fn candidate(name: &str, n: u32) -> String {
    if n == 1 {
        return name.to_string();
    }
    let (stem, ext) = split_ext(name);
    format!("{stem} ({n}){ext}")
}

/// Create a new file in `dir` for `name`, never replacing one: the first free name of
/// `name`, `name (2)`, … (created exclusively, so no race can overwrite either).
fn create_free(dir: &Path, name: &str) -> std::io::Result<(String, File)> {
    for n in 1..10_000 {
        let saved = candidate(name, n);
        let path = dir.join(&saved);
        debug_assert!(path.parent() == Some(dir));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((saved, f)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        ErrorKind::AlreadyExists,
        "too many files of one name",
    ))
}

/// What became of one uploaded file.
#[derive(Debug)]
pub struct Saved {
    /// The name the browser sent.
    pub sent: String,
    /// The name saved under, relative to the returns folder; `None` when refused.
    pub saved: Option<String>,
    /// Why it was refused (Chinese).
    pub refused: Option<String>,
}

fn mib(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

/// Save every file of `multipart` into `dir`, within `limits`. A malformed or
/// oversized request ends the reading; what was saved stays and the rest is reported.
pub async fn save_all(mut multipart: Multipart, dir: &Path, limits: &Limits) -> Vec<Saved> {
    let mut out = Vec::new();
    let mut total: u64 = 0;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                out.push(Saved {
                    sent: String::new(),
                    saved: None,
                    refused: Some(format!(
                        "上传的数据不完整或格式有误，未能全部接收（{}）。请重新拖入文件；一次上传的文件合计不能超过{}。",
                        e.body_text(),
                        mib(limits.max_uncompressed_bytes)
                    )),
                });
                break;
            }
        };
        let Some(sent) = field.file_name().map(str::to_string) else {
            continue; // not a file field
        };
        if out.len() >= limits.max_zip_entries {
            out.push(Saved {
                sent,
                saved: None,
                refused: Some(format!(
                    "一次最多上传{}个文件，其余文件未保存，请分批上传。",
                    limits.max_zip_entries
                )),
            });
            break;
        }
        let saved = save_one(field, &sent, dir, limits, &mut total).await;
        let stop = saved.refused.is_some()
            && saved.saved.is_none()
            && total > limits.max_uncompressed_bytes;
        out.push(saved);
        if stop {
            break;
        }
    }
    out
}

async fn save_one(
    mut field: Field<'_>,
    sent: &str,
    dir: &Path,
    limits: &Limits,
    total: &mut u64,
) -> Saved {
    let name = sanitize_name(sent);
    let refuse = |why: String| Saved {
        sent: sent.to_string(),
        saved: None,
        refused: Some(why),
    };
    let (saved, mut file) = match create_free(dir, &name) {
        Ok(x) => x,
        Err(e) => return refuse(format!("无法保存到报送表文件夹（{}）。", describe(&e))),
    };
    let path: PathBuf = dir.join(&saved);
    let mut len: u64 = 0;
    let why = loop {
        match field.chunk().await {
            Ok(Some(bytes)) => {
                len += bytes.len() as u64;
                *total += bytes.len() as u64;
                if len > limits.max_file_bytes {
                    break Some(format!(
                        "文件超过{}的上限，未保存。请检查是否放错了文件；确需报送时请删除无关内容后重新保存再上传。",
                        mib(limits.max_file_bytes)
                    ));
                }
                if *total > limits.max_uncompressed_bytes {
                    break Some(format!(
                        "一次上传的文件合计超过{}，此文件及之后的文件未保存，请分批上传。",
                        mib(limits.max_uncompressed_bytes)
                    ));
                }
                if let Err(e) = file.write_all(&bytes) {
                    break Some(format!("无法保存到报送表文件夹（{}）。", describe(&e)));
                }
            }
            Ok(None) => break None,
            Err(e) => {
                break Some(format!(
                    "上传中断，文件未保存（{}）。请重新上传。",
                    e.body_text()
                ))
            }
        }
    };
    let why = why.or_else(|| {
        file.sync_all()
            .err()
            .map(|e| format!("无法保存到报送表文件夹（{}）。", describe(&e)))
    });
    drop(file);
    match why {
        None => Saved {
            sent: sent.to_string(),
            saved: Some(saved),
            refused: None,
        },
        Some(why) => {
            let _ = std::fs::remove_file(&path);
            refuse(why)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_in_the_folder() {
        assert_eq!(sanitize_name("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_name("..\\..\\boot.ini"), "boot.ini");
        assert_eq!(sanitize_name(".."), "未命名文件");
        assert_eq!(sanitize_name(".hidden.xlsx"), "hidden.xlsx");
        assert_eq!(sanitize_name("a\u{0}b:c?.xlsx"), "ab_c_.xlsx");
        assert_eq!(sanitize_name("con.xlsx"), "_con.xlsx");
        assert_eq!(sanitize_name("区水利局 /进展.xlsx "), "进展.xlsx");
        assert_eq!(sanitize_name("文件夹/区水利局.xlsx"), "区水利局.xlsx");
        let long = format!("{}.xlsx", "长".repeat(200));
        let s = sanitize_name(&long);
        assert!(s.len() <= MAX_NAME_BYTES && s.ends_with(".xlsx"), "{s}");
    }

    #[test]
    fn suffixes_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let (a, _) = create_free(dir.path(), "x.xlsx").unwrap();
        let (b, _) = create_free(dir.path(), "x.xlsx").unwrap();
        let (c, _) = create_free(dir.path(), "x").unwrap();
        let (d, _) = create_free(dir.path(), "x").unwrap();
        assert_eq!((a.as_str(), b.as_str()), ("x.xlsx", "x (2).xlsx"));
        assert_eq!((c.as_str(), d.as_str()), ("x", "x (2)"));
    }
}
