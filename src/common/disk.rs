//! The disk: hints to the kernel about files the run has written.

use std::fs::File;

/// A large file just written starts going to disk now, while the run goes on, so the
/// outputs' one sync before their renames (`render/write.rs`, `sync_all_staged`) has
/// less left to wait for: a staged output, the parsed-returns cache.
/// Only a hint (Linux `sync_file_range`, asynchronous): it makes nothing durable.
pub fn start_writeback(f: &File) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        const LARGE: u64 = 1 << 20;
        if f.metadata().is_ok_and(|m| m.len() >= LARGE) {
            // SAFETY: a file descriptor we own, open for the call; the whole file.
            unsafe { libc::sync_file_range(f.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE) };
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = f;
}
