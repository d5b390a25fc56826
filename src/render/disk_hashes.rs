//! The content hashes of the output folder's files, remembered between runs by their
//! metadata (`.rectify-cache/output-hashes.json`).
//!
//! A rerun checks every file the last run wrote against the manifest's hash (`reuse.rs`:
//! a document is reused, an edited one kept aside), which used to mean reading and
//! hashing all of them: at city scale ledger.json alone is tens of MB. A file whose size,
//! modification time (to the nanosecond) and inode are what they were when its hash was
//! taken has not been written since, so its hash is taken from here instead (what git's
//! index does). Any write changes the modification time; an editor that saves through a
//! new file changes the inode. Only a program that rewrites a file in place with the
//! same length and then sets its modification time back could go unseen. On systems
//! without inodes (Windows) nothing is remembered and every file is hashed.
//!
//! Only a cache: a missing, unreadable or foreign file means every file is hashed. It
//! is written after the outputs are in place, not synced.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::CACHE_DIR;

/// The memo's file in [`CACHE_DIR`].
pub const HASH_MEMO: &str = "output-hashes.json";

/// Path relative to the output folder → (its metadata as [`stamp`] gives it, its
/// SHA-256 then).
#[derive(Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub(super) struct DiskHashes {
    files: BTreeMap<String, (String, String)>,
}

impl DiskHashes {
    /// The memo the last run left in `out_dir` (empty when there is none).
    pub fn load(out_dir: &Path) -> DiskHashes {
        std::fs::read(out_dir.join(CACHE_DIR).join(HASH_MEMO))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// The hash of the file at `rel` in `out_dir`, when it has not been written since it
    /// was remembered.
    pub fn get(&self, out_dir: &Path, rel: &str) -> Option<&str> {
        let (was, hash) = self.files.get(rel)?;
        (stamp(&out_dir.join(rel))? == *was).then_some(hash.as_str())
    }

    /// The entries whose file has not been written since.
    pub fn untouched(&self, out_dir: &Path) -> DiskHashes {
        let files = self
            .files
            .iter()
            .filter(|(rel, _)| self.get(out_dir, rel).is_some())
            .map(|(rel, v)| (rel.clone(), v.clone()))
            .collect();
        DiskHashes { files }
    }

    /// Remember that the file at `rel` in `out_dir`, as it is now, has the content hash
    /// `hash`.
    pub fn set(&mut self, out_dir: &Path, rel: &str, hash: &str) {
        match stamp(&out_dir.join(rel)) {
            Some(now) => {
                self.files.insert(rel.to_string(), (now, hash.to_string()));
            }
            None => {
                self.files.remove(rel);
            }
        }
    }

    /// Write the memo into `out_dir` (a failure only makes the next run slower).
    pub fn save(&self, out_dir: &Path) {
        let dir = out_dir.join(CACHE_DIR);
        let Ok(bytes) = serde_json::to_vec(self) else {
            return;
        };
        let _ = crate::render::write::Staged::write_unsynced(&dir.join(HASH_MEMO), |w| {
            std::io::Write::write_all(w, &bytes)
        })
        .and_then(|staged| staged.commit());
    }
}

/// A file's size, modification time (nanoseconds) and inode: what changes when it is
/// written. `None` where there are no inodes, or when it cannot be read.
#[cfg(unix)]
fn stamp(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(path).ok()?;
    m.is_file().then(|| {
        format!(
            "{}:{}.{:09}:{}:{}",
            m.len(),
            m.mtime(),
            m.mtime_nsec(),
            m.dev(),
            m.ino()
        )
    })
}

#[cfg(not(unix))]
fn stamp(_path: &Path) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_hash_stands_until_the_file_is_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("a.txt"), b"first").unwrap();
        let mut memo = DiskHashes::default();
        memo.set(out, "a.txt", "h1");
        memo.save(out);
        let memo = DiskHashes::load(out);
        assert_eq!(memo.get(out, "a.txt"), Some("h1"));
        assert_eq!(memo.get(out, "b.txt"), None);
        // Written again, even with the same length: forgotten.
        // (Past the clock tick file times are taken at.)
        std::thread::sleep(std::time::Duration::from_millis(50));
        std::fs::write(out.join("a.txt"), b"other").unwrap();
        assert_eq!(memo.get(out, "a.txt"), None);
        // Replaced by another file: forgotten.
        let mut memo = DiskHashes::default();
        memo.set(out, "a.txt", "h2");
        std::fs::write(out.join("new.txt"), b"other").unwrap();
        std::fs::rename(out.join("new.txt"), out.join("a.txt")).unwrap();
        assert_eq!(memo.get(out, "a.txt"), None);
        // Removed: forgotten.
        memo.set(out, "a.txt", "h3");
        std::fs::remove_file(out.join("a.txt")).unwrap();
        assert_eq!(memo.get(out, "a.txt"), None);
        // A damaged memo is an empty one.
        std::fs::write(out.join(CACHE_DIR).join(HASH_MEMO), b"{not json").unwrap();
        assert!(DiskHashes::load(out).files.is_empty());
    }
}
