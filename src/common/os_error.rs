//! Operating-system errors in Chinese: `std::io::Error` says "No such file or directory
//! (os error 2)"; a user reads "找不到文件或文件夹". Every layer that shows an I/O error to
//! the user words it here.

use std::io::{Error, ErrorKind};

/// What went wrong, as a short Chinese phrase ("没有访问权限"); an error the table does
/// not know keeps its system code ("系统错误，错误码 5").
pub fn describe(e: &Error) -> String {
    match phrase(e.kind()) {
        Some(p) => p.to_string(),
        None => match e.raw_os_error() {
            Some(code) => format!("系统错误，错误码 {code}"),
            None => format!("系统错误：{e}"),
        },
    }
}

fn phrase(kind: ErrorKind) -> Option<&'static str> {
    use ErrorKind::*;
    Some(match kind {
        NotFound => "找不到文件或文件夹",
        PermissionDenied => "没有访问权限",
        AlreadyExists => "文件已存在",
        IsADirectory => "这是一个文件夹，不是文件",
        NotADirectory => "路径中有一项不是文件夹",
        DirectoryNotEmpty => "文件夹不是空的",
        ReadOnlyFilesystem => "磁盘或文件夹是只读的",
        StorageFull => "磁盘空间不足",
        QuotaExceeded => "超出磁盘配额",
        FileTooLarge => "文件过大",
        ResourceBusy => "文件或设备正被占用",
        ExecutableFileBusy => "文件正在运行，无法写入",
        CrossesDevices => "不能跨磁盘移动文件",
        InvalidFilename => "文件名无效或过长",
        TooManyLinks => "链接过多",
        InvalidInput => "参数无效",
        InvalidData => "数据无效",
        UnexpectedEof => "文件意外结束（可能不完整）",
        WriteZero => "无法写入数据",
        TimedOut => "操作超时",
        Interrupted => "操作被中断",
        OutOfMemory => "内存不足",
        Unsupported => "系统不支持该操作",
        WouldBlock => "资源暂时不可用",
        BrokenPipe => "输出管道已关闭",
        NotSeekable => "无法在文件中定位",
        Deadlock => "文件锁死锁",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_in_chinese_and_unknown_ones_keep_their_code() {
        let not_found = std::fs::read("/nonexistent/rectify").unwrap_err();
        assert_eq!(describe(&not_found), "找不到文件或文件夹");
        assert_eq!(
            describe(&Error::from(ErrorKind::PermissionDenied)),
            "没有访问权限"
        );
        assert_eq!(
            describe(&Error::from_raw_os_error(99_999)),
            "系统错误，错误码 99999"
        );
    }
}
