//! The command layer's own error: a command argument the plan cannot answer, or a
//! folder the command line names that is not there.

use std::path::PathBuf;

use crate::common::os_error::describe;

/// A unit named on the command line that is not one unit of the directory; a returns
/// or templates folder that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error("“{0}”是单位组，请指定其中一个单位")]
    Group(String),
    #[error("“{name}”可能是{}，请写明单位全称", .candidates.join("或"))]
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },
    #[error("单位名录中没有“{0}”")]
    UnknownUnit(String),
    #[error("{0}没有牵头的整改任务（也不是无牵头单位任务的责任单位），不需要汇总报送；请把进展直接报送{1}")]
    NotALead(String, String),
    #[error("单位名录中没有“{0}”，无法以该单位身份运行（--as 后请写单位名称，如 --as 区水利局）")]
    UnknownAs(String),
    /// The returns folder does not exist (or is a file).
    #[error("找不到报送表文件夹 {}。请检查路径（--returns 指定，默认是输入文件夹下的 returns）；还没有收到报送表时，请先建立这个空文件夹。", .0.display())]
    NoReturns(PathBuf),
    /// `rectify serve` could not create the returns folder.
    #[error("无法建立报送表文件夹 {}（{}）。请检查路径和权限。", .path.display(), describe(.source))]
    MakeReturns {
        path: PathBuf,
        source: std::io::Error,
    },
    /// `rectify serve` could not listen.
    #[error("无法在 {addr} 启动网页（{}）。请换一个端口（--port）或地址（--listen）后重试。", describe(.source))]
    ServeBind {
        addr: String,
        source: std::io::Error,
    },
    /// `rectify templates DIR` could not write a template.
    #[error("无法写入模板 {}（{}）。请换一个可写的文件夹。", .path.display(), describe(.source))]
    WriteTemplate {
        path: PathBuf,
        source: std::io::Error,
    },
}
