//! Staged files: written under a temporary name beside their final path, renamed into
//! place only when every output has rendered, removed if dropped before that. So a
//! killed or failed run never leaves a truncated file, or a half-new set of files,
//! under the final names.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

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
            tmp: dir.join(format!(".{name}.tmp-{}", std::process::id())),
            path: path.to_path_buf(),
            committed: false,
        };
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
        }
    }
}
