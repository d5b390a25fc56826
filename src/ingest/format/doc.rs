//! Legacy Word returns (.doc, and WPS's .wps, the same format inside; also RTF, often
//! saved as .doc): a copy is
//! converted to .docx by LibreOffice (`soffice --headless --convert-to docx`) in a
//! temporary folder, with a profile of its own and a time limit (`max_convert_seconds`),
//! then read as a Word return (`docx.rs`). Conversions run one at a time.
//!
//! The program is `soffice` (or `libreoffice`) on the PATH, or the one the environment
//! variable `RECTIFY_SOFFICE` names (empty: never convert). Without one the file is a
//! problem asking for .docx or .xlsx.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::output::Parsed;
use super::{docx, guard};
use crate::ingest::error::ReadError;
use crate::ingest::grid::Limits;

/// Whether reading may start a converter (not on fuzz input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Conversion {
    Allowed,
    Refused,
}

/// The environment variable naming the converter (empty: none).
const CONVERTER_VAR: &str = "RECTIFY_SOFFICE";

/// One LibreOffice at a time: each takes hundreds of megabytes.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

pub(super) fn read(
    bytes: &[u8],
    limits: &Limits,
    conversion: Conversion,
) -> Result<Parsed, ReadError> {
    let program = match conversion {
        Conversion::Allowed => converter().ok_or(ReadError::LegacyWord)?,
        Conversion::Refused => return Err(ReadError::LegacyWord),
    };
    let converted = convert(&program, bytes, limits)?;
    guard::file_size(converted.len() as u64, limits)?;
    docx::read(&converted, limits)
}

/// The converter: `RECTIFY_SOFFICE` if set (empty: none), else `soffice` or
/// `libreoffice` on the PATH.
fn converter() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os(CONVERTER_VAR) {
        return (!named.is_empty()).then(|| PathBuf::from(named));
    }
    let path = std::env::var_os("PATH")?;
    ["soffice", "libreoffice"].iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// Which converter a run would start, as text: its path, size and modification time
/// (`-` when there is none). Part of the parsed-returns cache's key (`ingest/cache.rs`):
/// a legacy Word return read without a converter, or with another one, is read again.
pub(crate) fn converter_stamp() -> String {
    let Some(program) = converter() else {
        return "-".to_string();
    };
    let meta = std::fs::metadata(&program).ok();
    let modified = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!(
        "{}\0{}\0{modified}",
        program.display(),
        meta.map_or(0, |m| m.len())
    )
}

/// Convert `bytes` (a .doc) to .docx bytes with `program`.
fn convert(program: &Path, bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = tempfile::Builder::new().prefix("rectify-doc-").tempdir()?;
    // LibreOffice reads an RTF document by its extension.
    let name = if bytes.starts_with(super::sniff::RTF_MAGIC) {
        "return.rtf"
    } else {
        "return.doc"
    };
    let input = dir.path().join(name);
    std::fs::write(&input, bytes)?;
    let out_dir = dir.path().join("out");
    let mut profile = OsString::from("-env:UserInstallation=file://");
    profile.push(dir.path().join("profile"));
    let mut command = Command::new(program);
    command
        .arg("--headless")
        .arg("--norestore")
        .arg("--nolockcheck")
        .arg(profile)
        .args(["--convert-to", "docx", "--outdir"])
        .arg(&out_dir)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().map_err(|_| ReadError::ConversionFailed)?;
    let deadline = Instant::now() + Duration::from_secs(limits.max_convert_seconds);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() >= deadline {
            stop(&mut child);
            return Err(ReadError::ConversionTimeout {
                seconds: limits.max_convert_seconds,
            });
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = out_dir.join("return.docx");
    if !status.success() || !output.is_file() {
        return Err(ReadError::ConversionFailed);
    }
    let mut converted = Vec::new();
    std::fs::File::open(&output)?
        .take(limits.max_file_bytes + 1)
        .read_to_end(&mut converted)?;
    Ok(converted)
}

/// Stop a converter that ran out of time, and whatever it started (its process group).
fn stop(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pid) = i32::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals the process group the child leads
        // (`process_group(0)` above); it touches no memory of ours.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}
