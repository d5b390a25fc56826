//! `rectify templates DIR`: the built-in templates written into DIR, for a clerk
//! without the source tree to edit and use with `--templates DIR`.

use std::path::Path;

use crate::commands::error::CommandError;
use crate::console::sayln;
use crate::render::write_defaults;

pub fn templates(dir: &Path) -> Result<(), CommandError> {
    let done = write_defaults(dir)
        .map_err(|(path, source)| CommandError::WriteTemplate { path, source })?;
    let names = |paths: &[std::path::PathBuf]| {
        paths
            .iter()
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("、")
    };
    if !done.written.is_empty() {
        sayln!(
            "已把内置模板写入 {}：{}。",
            dir.display(),
            names(&done.written)
        );
    }
    if !done.kept.is_empty() {
        sayln!(
            "{} 中已有 {}，没有覆盖（要换回内置模板，请先删除这些文件）。",
            dir.display(),
            names(&done.kept)
        );
    }
    sayln!(
        "修改后运行 rectify run --templates {} 即可使用（文件名不要改）。",
        dir.display()
    );
    Ok(())
}
