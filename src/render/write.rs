//! Staged files: written under a temporary name beside their final path, renamed into
//! place only when every output has rendered, removed if dropped before that. So a
//! killed or failed run never leaves a truncated file, or a half-new set of files,
//! under the final names.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files of this run not yet committed or dropped: removed by
/// [`remove_uncommitted`] when the run is interrupted (Ctrl-C), as no destructor runs
/// then.
static UNCOMMITTED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn track(tmp: &Path) {
    if let Ok(mut live) = UNCOMMITTED.lock() {
        live.push(tmp.to_path_buf());
    }
}

fn untrack(tmp: &Path) {
    if let Ok(mut live) = UNCOMMITTED.lock() {
        live.retain(|p| p != tmp);
    }
}

/// Remove every temporary file of this run not yet renamed into place (the Ctrl-C
/// handler calls it before the process exits); how many there were.
pub fn remove_uncommitted() -> usize {
    let Ok(live) = UNCOMMITTED.lock() else {
        return 0;
    };
    for tmp in live.iter() {
        let _ = std::fs::remove_file(tmp);
    }
    live.len()
}

/// The temporary name of `final_name` for process `pid`: `.名称.tmp-PID`.
fn tmp_name(final_name: &str, pid: u32) -> String {
    format!(".{final_name}.tmp-{pid}")
}

/// The process a temporary file of ours belongs to, from its name.
fn tmp_owner(name: &str) -> Option<u32> {
    let (head, pid) = name.rsplit_once(".tmp-")?;
    (head.starts_with('.') && head.len() > 1)
        .then(|| pid.parse().ok())
        .flatten()
}

/// Remove the temporary files an earlier run left in `dir` and its sub-folders (it was
/// killed, or the machine stopped, before it could): those of processes no longer
/// running. Returns how many were removed.
pub fn sweep_leftovers(dir: &Path) -> usize {
    fn alive(pid: u32) -> bool {
        if pid == std::process::id() {
            return true;
        }
        // A zombie (killed, not yet reaped) is gone too.
        #[cfg(target_os = "linux")]
        {
            std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
                let state = stat
                    .rsplit_once(')')
                    .and_then(|(_, rest)| rest.trim_start().chars().next());
                !matches!(state, Some('Z' | 'X'))
            })
        }
        #[cfg(not(target_os = "linux"))]
        {
            false
        }
    }
    fn walk(dir: &Path, depth: usize, removed: &mut usize) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let Ok(kind) = e.file_type() else { continue };
            let name = e.file_name().to_string_lossy().into_owned();
            if kind.is_dir() && depth > 0 {
                walk(&e.path(), depth - 1, removed);
            } else if kind.is_file()
                && tmp_owner(&name).is_some_and(|pid| !alive(pid))
                && std::fs::remove_file(e.path()).is_ok()
            {
                *removed += 1;
            }
        }
    }
    let mut removed = 0;
    walk(dir, 3, &mut removed);
    removed
}

/// A file written under a temporary name beside its final path, renamed into place by
/// [`Staged::commit`]; dropped without a commit, the temporary file is removed. Lets a
/// large output stream to disk while other outputs are still being rendered, and
/// appear only once they all succeeded.
#[must_use = "a staged file is removed unless committed"]
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    path: PathBuf,
    committed: bool,
}

impl Staged {
    /// Write the temporary file with a streaming writer (flushed, not synced: a set of
    /// files is made durable together by [`sync_all_staged`] before any is committed);
    /// `fill`'s error type only needs to take I/O errors.
    pub fn write_unsynced<E: From<std::io::Error>>(
        path: &Path,
        fill: impl FnOnce(&mut BufWriter<File>) -> Result<(), E>,
    ) -> Result<Staged, E> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let staged = Staged {
            tmp: dir.join(tmp_name(&name, std::process::id())),
            path: path.to_path_buf(),
            committed: false,
        };
        track(&staged.tmp);
        let f = File::create(&staged.tmp)?;
        let mut w = BufWriter::with_capacity(1 << 20, f);
        fill(&mut w)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        crate::common::disk::start_writeback(&f);
        Ok(staged)
    }

    /// The temporary file (its content, before the commit).
    pub fn staged_path(&self) -> &Path {
        &self.tmp
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Rename the file into place.
    pub fn commit(mut self) -> std::io::Result<()> {
        std::fs::rename(&self.tmp, &self.path)?;
        self.committed = true;
        untrack(&self.tmp);
        Ok(())
    }
}

/// Make every staged file in `dir` durable before any is renamed into place: on Linux
/// one `syncfs` of the folder's file system instead of an fsync per file (a run writes
/// 150+ files); elsewhere, or if that fails, each file synced.
pub fn sync_all_staged<'a>(
    dir: &Path,
    staged: impl IntoIterator<Item = &'a Staged>,
) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        if let Ok(d) = File::open(dir) {
            // SAFETY: syncfs on a file descriptor we own and keep open for the call.
            if unsafe { libc::syncfs(d.as_raw_fd()) } == 0 {
                return Ok(());
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
    for s in staged {
        File::open(&s.tmp)?.sync_all()?;
    }
    Ok(())
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
            untrack(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_temporary_names_of_ours_are_owned() {
        assert_eq!(tmp_owner(&tmp_name("整改情况报告.docx", 4242)), Some(4242));
        assert_eq!(tmp_owner(".ledger.json.tmp-17"), Some(17));
        assert_eq!(
            tmp_owner("ledger.json.tmp-17"),
            None,
            "not hidden: a user's file"
        );
        assert_eq!(tmp_owner(".tmp-17"), None);
        assert_eq!(tmp_owner(".报告.tmp-abc"), None);
        assert_eq!(tmp_owner("整改情况报告.docx"), None);
    }

    /// A file left by a process that is gone is removed, in sub-folders too; this
    /// process's own, and anything not named like ours, stay.
    #[test]
    fn leftovers_of_a_killed_run_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("reminders");
        std::fs::create_dir_all(&sub).unwrap();
        // The largest pid Linux hands out is below 2^22: this one is not running.
        let gone = tmp_name("催报通知-区水利局.docx", 4_194_999);
        let mine = tmp_name("ledger.json", std::process::id());
        for (d, name) in [
            (&sub, gone.as_str()),
            (&dir.path().to_path_buf(), mine.as_str()),
        ] {
            std::fs::write(d.join(name), b"x").unwrap();
        }
        std::fs::write(dir.path().join("说明.tmp-1.txt"), b"x").unwrap();
        assert_eq!(sweep_leftovers(dir.path()), 1);
        assert!(!sub.join(&gone).exists());
        assert!(dir.path().join(&mine).exists());
        assert!(dir.path().join("说明.tmp-1.txt").exists());
    }
}
