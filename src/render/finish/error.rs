//! Why a docx could not be finished.

/// Why a docx could not be finished. Messages are for the user (Chinese).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FinishError {
    #[error("生成的 docx 不是有效的 zip 文件：{0}")]
    Zip(String),
    #[error("生成的 docx 过大（解压后超过 256 MB），已停止处理")]
    TooLarge,
    #[error("生成的 docx 缺少部件 {0}")]
    MissingPart(String),
    #[error("生成的 docx 中 {part} 的 XML 无法解析：{message}")]
    Xml { part: String, message: String },
}
