//! The render layer's one error type: why an output could not be made or written.
//! Every message is Chinese; a template error names the file, line and column.

use std::path::PathBuf;

use crate::common::os_error::describe;
use crate::render::blocks::BlockError;
use crate::render::finish::FinishError;

/// Why an output could not be rendered or written.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template could not be parsed or rendered.
    #[error("模板错误：{file}{}：{message}{}", at(*.line, *.column), detail_text(.detail))]
    Template {
        /// The template as the user knows it (a path, or `templates/x.tera（内置）`).
        file: String,
        /// 1-based line and column, when tera knows them.
        line: Option<usize>,
        column: Option<usize>,
        message: String,
        detail: String,
    },
    /// The rendered template is not valid block language.
    #[error("模板 {file} 的输出有误：{source}")]
    Blocks { file: String, source: BlockError },
    /// The templates folder, or a template in it, could not be read.
    #[error("无法读取模板文件夹 {}（{}）", .path.display(), describe(.source))]
    Templates {
        path: PathBuf,
        source: std::io::Error,
    },
    /// docx-rs could not write the package.
    #[error("无法生成Word文件（{0}）")]
    Docx(String),
    /// The finishing pass refused the package docx-rs wrote.
    #[error("无法生成Word文件（{0}）")]
    Finish(#[from] FinishError),
    /// rust_xlsxwriter could not write a workbook.
    #[error("生成{file}失败：{}", xlsx_text(.source))]
    Xlsx {
        file: String,
        source: rust_xlsxwriter::XlsxError,
    },
    /// A file could not be written into the output folder.
    #[error("无法写入 {}（{}）", .path.display(), describe(.source))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl RenderError {
    /// An xlsx error of the file `file` (as the user knows it).
    pub fn xlsx(file: impl Into<String>) -> impl FnOnce(rust_xlsxwriter::XlsxError) -> RenderError {
        let file = file.into();
        move |source| RenderError::Xlsx { file, source }
    }

    /// An I/O error writing `path`.
    pub fn write(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> RenderError {
        let path = path.into();
        move |source| RenderError::Write { path, source }
    }
}

/// " 第3行第5列" when the position is known.
fn at(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(" 第{l}行第{c}列"),
        _ => String::new(),
    }
}

/// tera's own report (the offending line, marked), on the next line.
fn detail_text(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!("\n{detail}")
    }
}

/// An xlsx error in words: an I/O error in Chinese, anything else (a limit of the
/// format the writer enforces) with rust_xlsxwriter's own text.
fn xlsx_text(e: &rust_xlsxwriter::XlsxError) -> String {
    match e {
        rust_xlsxwriter::XlsxError::IoError(io) => describe(io),
        other => format!("内部错误（{other}）"),
    }
}
