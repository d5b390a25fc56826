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
    /// A unit name the directory does not know, with a hint
    /// (`UnitDirectory::did_you_mean`).
    #[error("单位名录中没有“{0}”。{1}")]
    UnknownUnit(String, String),
    #[error("{0}没有牵头的整改任务（也不是无牵头单位任务的责任单位），不需要汇总报送；请把进展直接报送{1}")]
    NotALead(String, String),
    #[error(
        "单位名录中没有“{0}”，无法以该单位身份运行。{1}（--as 后请写单位名称，如 --as 区水利局）"
    )]
    UnknownAs(String, String),
    /// `--output` names the returns folder or a folder inside it.
    #[error("输出文件夹 {} 在报送表文件夹 {} 之内，生成的文件下次会被当作报送表读取。请用 --output 指定报送表文件夹以外的文件夹（如 output）。", .output.display(), .returns.display())]
    OutputInReturns { output: PathBuf, returns: PathBuf },
    /// `--templates` names a folder that is not there.
    #[error("找不到模板文件夹 {}。请检查文件夹名；要修改模板，可先运行 rectify templates {} 生成内置模板。", .0.display(), .0.display())]
    NoTemplates(PathBuf),
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
