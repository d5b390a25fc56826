//! The output folder's manifest: which files each output wrote on the last run, with
//! their SHA-256, kept in `output/.rectify-manifest.json`.
//!
//! The writer uses it to keep the folder clean and the clerk's edits safe:
//! - a file an output wrote before and does not write now (a reminder for a unit that
//!   has since reported) is removed — only files in the manifest, never anything else;
//! - a file the tool wrote whose bytes have changed since (the clerk edited the report)
//!   is not overwritten or removed: it is renamed beside itself with a dated name
//!   (`整改情况报告（修改稿2020-12-01）.docx`) and the run says so.
//!
//! It also says what each document was made from: the SHA-256 of its inputs and of the
//! code that renders it (its key, `reuse.rs`). A rerun reuses a document whose key is
//! unchanged and whose file still has the hash the manifest gives, instead of rendering
//! it again; and what each output as a whole was made from (the ledger's digest, the
//! templates, the dates: `output::last_output`), so a rerun with the same inputs
//! renders none of it.
//!
//! Outputs a command did not select keep their entries untouched (`remind` does not
//! forget the report). A missing or unreadable manifest counts as empty: nothing is
//! removed or reused, files are overwritten as before.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The manifest's file name in the output folder.
pub const MANIFEST: &str = ".rectify-manifest.json";

/// Output name → (path relative to the output folder → SHA-256 hex); for the files
/// made from a known set of inputs, output name → (path → key); and for an output whose
/// inputs as a whole are known, output name → that key and its files in order.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Manifest {
    version: u32,
    outputs: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    keys: BTreeMap<String, BTreeMap<String, String>>,
    /// Output name → what all its files were made from (`output::Job::output_key`) and
    /// their paths in the order the output made them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    made_from: BTreeMap<String, MadeFrom>,
}

/// What every file of an output was made from, as one key, and the files in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct MadeFrom {
    pub key: String,
    pub files: Vec<String>,
}

impl Manifest {
    pub fn load(out_dir: &Path) -> Manifest {
        std::fs::read(out_dir.join(MANIFEST))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// The files `output` wrote last time.
    pub fn files(&self, output: &str) -> Option<&BTreeMap<String, String>> {
        self.outputs.get(output)
    }

    /// Every file of every output.
    pub fn all_files(&self) -> impl Iterator<Item = &str> {
        self.outputs
            .values()
            .flat_map(|f| f.keys().map(String::as_str))
    }

    /// The content hash of the file at `path`, when the last run wrote it.
    pub fn hash(&self, path: &str) -> Option<&str> {
        self.outputs
            .values()
            .find_map(|files| files.get(path))
            .map(String::as_str)
    }

    /// The key of the document at `path` and its content hash, when the last run
    /// wrote it from known inputs.
    pub fn key_and_hash(&self, path: &str) -> Option<(&str, &str)> {
        self.keys.iter().find_map(|(output, keys)| {
            let key = keys.get(path)?;
            let hash = self.outputs.get(output)?.get(path)?;
            Some((key.as_str(), hash.as_str()))
        })
    }

    /// What all the files of `output` were made from and their order, when the last
    /// run recorded it.
    pub fn made_from(&self, output: &str) -> Option<&MadeFrom> {
        self.made_from.get(output)
    }

    /// The key of the document at `path` of `output`, when it was made from known
    /// inputs.
    pub fn key(&self, output: &str, path: &str) -> Option<&str> {
        self.keys.get(output)?.get(path).map(String::as_str)
    }

    /// Record what `output` wrote now: each file's hash, the keys of those made from
    /// known inputs, and what all of them were made from (`None`: not known, and
    /// whatever the last run recorded no longer holds).
    pub fn set(
        &mut self,
        output: &str,
        files: BTreeMap<String, String>,
        keys: BTreeMap<String, String>,
        made_from: Option<MadeFrom>,
    ) {
        self.version = 2;
        self.outputs.insert(output.to_string(), files);
        if keys.is_empty() {
            self.keys.remove(output);
        } else {
            self.keys.insert(output.to_string(), keys);
        }
        match made_from {
            Some(m) => self.made_from.insert(output.to_string(), m),
            None => self.made_from.remove(output),
        };
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = serde_json::to_vec_pretty(self).unwrap_or_default();
        b.push(b'\n');
        b
    }
}

/// SHA-256 of a file's content (None when it cannot be read).
pub(super) fn hash_file(path: &Path) -> Option<String> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Some(hex(&h.finalize()))
}

/// SHA-256 of bytes in memory (the same as [`hash_file`] of a file holding them).
pub(super) fn hash_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub(super) fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where an edited copy of `path` goes: `<stem>（修改稿YYYY-MM-DD）.<ext>` beside it, the
/// date being the day it was last changed (UTC), with `-2`, `-3`… when that name is taken.
pub(super) fn edited_copy_path(path: &Path) -> PathBuf {
    let date = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .map(|t| {
            chrono::DateTime::<chrono::Utc>::from(t)
                .date_naive()
                .to_string()
        })
        .unwrap_or_else(|_| "未知日期".to_string());
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let candidate = dir.join(format!("{stem}（修改稿{date}{suffix}）{ext}"));
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}
