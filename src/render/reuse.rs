//! Documents of the last run that can stand as they are.
//!
//! A checklist, a notice, a reminder or the report is made from a value that holds
//! everything it shows (`checklist::ChecklistInput`, `document::DocxInput`): its builder
//! reads nothing else. The document's [`Key`] is the SHA-256 of that value and of the
//! code that renders it (`build.rs`'s fingerprint of the source, the templates shipped
//! with it and `Cargo.lock`). The manifest keeps each document's key beside its content
//! hash. On the next run a document whose key is the same, and whose file still has the
//! content hash the manifest gives (not edited, not deleted), is neither rendered nor
//! written again: the same inputs through the same code give the same bytes, so the
//! file is what a fresh render would write. Anything else (another plan, another date on
//! the notice, another template, a new build, a changed or missing file, no manifest) is
//! rendered as on a first run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::common::FINGERPRINT;
use crate::render::disk_hashes::DiskHashes;
use crate::render::manifest::{hash_file, Manifest};

/// What a document is made from, as a SHA-256 (hex): the code, the kind of document and
/// its inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key(String);

impl Key {
    /// The key of a document of `kind` made from `inputs` (serialised as JSON, straight
    /// into the hash).
    pub fn of(kind: &str, inputs: &impl Serialize) -> Key {
        let mut h = Sha256::new();
        h.update(FINGERPRINT.as_bytes());
        h.update([0]);
        h.update(kind.as_bytes());
        h.update([0]);
        // Serialising plain data into a hash cannot fail; if it ever did, the key would
        // only be one no manifest holds (nothing reused).
        if serde_json::to_writer(&mut h, inputs).is_err() {
            h.update(b"\0unserialisable");
        }
        Key(crate::render::manifest::hex(&h.finalize()))
    }

    /// A key as the manifest recorded it.
    pub(super) fn recorded(key: &str) -> Key {
        Key(key.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the last run left in an output folder: its manifest (each file's hash, each
/// document's key; the writer updates a copy of it), and the hash each of its files has
/// on disk now, worked out once ([`Reuse::on_disk`]; [`Reuse::hash_all`] does it for
/// every file while the outputs render), from the memo of hashes when the file has not
/// been written since (`disk_hashes.rs`).
#[derive(Debug, Default)]
pub struct Reuse {
    dir: PathBuf,
    manifest: Manifest,
    disk: BTreeMap<String, OnceLock<Option<String>>>,
    memo: DiskHashes,
}

impl Reuse {
    /// What the manifest in `out_dir` says (nothing when there is none).
    pub fn load(out_dir: &Path) -> Reuse {
        let manifest = Manifest::load(out_dir);
        let disk = manifest
            .all_files()
            .map(|path| (path.to_string(), OnceLock::new()))
            .collect();
        Reuse {
            dir: out_dir.to_path_buf(),
            manifest,
            disk,
            memo: DiskHashes::load(out_dir),
        }
    }

    /// The hash of the file at `path` (relative to the output folder) when the memo
    /// knows it (not written since the memo was made), without reading the file.
    pub fn remembered(&self, path: &str) -> Option<&str> {
        self.memo.get(&self.dir, path)
    }

    /// The folder's manifest as the last run left it.
    pub(super) fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The SHA-256 of the file at `path` (relative to the output folder) as it is now,
    /// `None` when it cannot be read. Hashed once per run.
    pub fn on_disk(&self, path: &str) -> Option<String> {
        let hash = |p: &str| match self.remembered(p) {
            Some(h) => Some(h.to_string()),
            None => hash_file(&self.dir.join(p)),
        };
        match self.disk.get(path) {
            Some(once) => once.get_or_init(|| hash(path)).clone(),
            None => hash(path),
        }
    }

    /// Hash every file the last run wrote, largest first (at city scale ledger.json is
    /// hundreds of MB): run beside the rendering, so the writer's check for edited files
    /// finds them done.
    pub fn hash_all(&self) {
        let mut paths: Vec<(u64, &String)> = self
            .disk
            .keys()
            .map(|p| {
                let size = std::fs::metadata(self.dir.join(p)).map_or(0, |m| m.len());
                (size, p)
            })
            .collect();
        paths.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        for (_, p) in paths {
            self.on_disk(p);
        }
    }

    /// Keep the memo of hashes for the next run (`disk_hashes.rs`): `now`, the files
    /// this run wrote or found as it would write them (path relative to the output
    /// folder, content hash), and those the memo knew, untouched since.
    pub(super) fn save_memo<'p>(&self, now: impl IntoIterator<Item = (&'p str, &'p str)>) {
        let mut memo = self.memo.untouched(&self.dir);
        for (path, hash) in now {
            if !hash.is_empty() {
                memo.set(&self.dir, path, hash);
            }
        }
        // A rerun that wrote nothing has nothing new to remember.
        if memo != self.memo {
            memo.save(&self.dir);
        }
    }

    /// The content hash the manifest gives the file at `path` (relative to the output
    /// folder), when the last run wrote it.
    pub fn last_hash(&self, path: &str) -> Option<&str> {
        self.manifest.hash(path)
    }

    /// Whether the file at `path` (relative to the output folder) is one the last run
    /// wrote with the content hash `hash`, still unchanged: a file made again with the
    /// same bytes can be left as it is.
    pub fn holds(&self, path: &str, hash: &str) -> bool {
        self.manifest.hash(path) == Some(hash) && self.on_disk(path).as_deref() == Some(hash)
    }

    /// The content hash of the file at `path` (relative to the output folder) when the
    /// last run wrote it from inputs with this `key` and its bytes are still the ones it
    /// wrote; `None` when it must be rendered.
    pub fn unchanged(&self, path: &str, key: &Key) -> Option<String> {
        let (last_key, hash) = self.manifest.key_and_hash(path)?;
        if last_key != key.as_str() {
            return None;
        }
        (self.on_disk(path).as_deref() == Some(hash)).then(|| hash.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_by_kind_and_inputs() {
        let a = Key::of("notice", &("区水利局", 3));
        assert_eq!(a, Key::of("notice", &("区水利局", 3)));
        assert_ne!(a, Key::of("reminder", &("区水利局", 3)));
        assert_ne!(a, Key::of("notice", &("区水利局", 4)));
        assert_eq!(a.as_str().len(), 64);
    }
}
