//! The returns folder → the files to read, in path order, and the ones set aside
//! (hidden files and folders, Office lock files) with the reason.

use std::path::{Path, PathBuf};

/// Files to read (relative path, full path) and files set aside (relative path, why).
pub(super) type Walked = (Vec<(String, PathBuf)>, Vec<(String, String)>);

/// Every regular file under `dir`, sorted; lock files and hidden files set aside with a
/// note.
pub(super) fn walk(dir: &Path) -> std::io::Result<Walked> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let ft = entry.file_type()?;
            let rel = rel_path(dir, &path);
            if ft.is_dir() {
                if name.starts_with('.') {
                    skipped.push((rel, "隐藏文件夹，已跳过。".to_string()));
                } else {
                    stack.push(path);
                }
            } else if let Some(why) = set_aside(&name) {
                skipped.push((rel, why.to_string()));
            } else if ft.is_file() || path.is_file() {
                files.push((rel, path));
            }
        }
    }
    files.sort();
    skipped.sort();
    Ok((files, skipped))
}

/// Why a file called `name` is set aside, in the returns folder or a bundle: an Office
/// lock file, a hidden file, a file Windows writes beside pictures and folders
/// (Thumbs.db, desktop.ini); `None` to read it.
pub(super) fn set_aside(name: &str) -> Option<&'static str> {
    if name.starts_with("~$") {
        Some("Office临时锁定文件（文件正被打开时产生），已跳过。")
    } else if name.starts_with('.') {
        Some("隐藏文件，已跳过。")
    } else if ["thumbs.db", "ehthumbs.db", "desktop.ini"]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n))
    {
        Some("Windows系统文件（缩略图缓存或文件夹设置），已跳过。")
    } else if name.starts_with('~') && ends_with_ignore_case(name, ".tmp") {
        Some("Word或Excel保存时产生的临时文件，已跳过。")
    } else if ends_with_ignore_case(name, ".lnk") {
        Some("Windows快捷方式，不是文件本身，已跳过。如所指的报送表未在文件夹中，请将原文件放入。")
    } else {
        None
    }
}

fn ends_with_ignore_case(name: &str, suffix: &str) -> bool {
    name.len() >= suffix.len()
        && name
            .get(name.len() - suffix.len()..)
            .is_some_and(|end| end.eq_ignore_ascii_case(suffix))
}

/// Relative path with `/` separators.
fn rel_path(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::set_aside;

    #[test]
    fn system_files_are_set_aside_and_returns_are_read() {
        for name in [
            "~$区水利局.xlsx",
            ".~lock.x.xlsx#",
            "Thumbs.db",
            "DESKTOP.INI",
            "~WRL0003.tmp",
            "~WRD1234.TMP",
            "区水利局.xlsx.lnk",
        ] {
            assert!(set_aside(name).is_some(), "{name}");
        }
        for name in [
            "区水利局.xlsx",
            "thumbs.xlsx",
            "桌面.ini.xlsx",
            "区水利局.tmp.xlsx",
        ] {
            assert!(set_aside(name).is_none(), "{name}");
        }
    }
}
