//! The one error of the ingest layer: why a file could not be read.
//!
//! Each variant's `Display` is the Chinese message the unit reads: what is wrong and
//! what to do. [`ReadError::kind`] classifies it (the problem code follows from the
//! kind), [`ReadError::sheet`] names the sheet when one sheet is the cause. The parsers'
//! own errors convert with `From`, so the format readers use `?`; a parser error about
//! one sheet takes the sheet's name with [`InSheet::in_sheet`].
//!
//! This module sits at the bottom of ingest: it imports nothing from it.

use std::io;

use calamine::{OdsError, XlsError, XlsbError, XlsxError};

use crate::model::Code;

/// What went wrong, for the caller to decide how to report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadErrorKind {
    Empty,
    NotSpreadsheet,
    Encrypted,
    Corrupt,
    TooLarge,
    /// A legacy Word document whose conversion failed or timed out.
    Conversion,
    Io,
    Panic,
}

impl ReadErrorKind {
    /// The problem code a file failing this way gets.
    pub fn code(self) -> Code {
        match self {
            ReadErrorKind::Empty => Code::FileEmpty,
            ReadErrorKind::NotSpreadsheet => Code::FileNotSpreadsheet,
            ReadErrorKind::Encrypted => Code::FileEncrypted,
            ReadErrorKind::Corrupt => Code::FileCorrupt,
            ReadErrorKind::TooLarge => Code::FileTooLarge,
            ReadErrorKind::Conversion | ReadErrorKind::Io | ReadErrorKind::Panic => {
                Code::FileFailed
            }
        }
    }
}

/// Why a return could not be read. The message (`Display`) is Chinese and says what is
/// wrong and what the unit should do.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    // ------------------------------------------------------------ the file itself
    #[error("这不是一个文件（可能是文件夹），无法读取。请报送表格文件本身。")]
    NotAFile,
    #[error("找不到该文件，可能已被移动或删除。请重新报送。")]
    NotFound,
    #[error("没有权限读取该文件。请检查文件权限或重新复制一份后报送。")]
    PermissionDenied,
    #[error("读取文件时出错（{}）。请重新复制或下载该文件后再试。", crate::common::os_error::describe(.0))]
    Io(io::Error),
    /// A parser panicked (caught: the file fails, the run goes on). The panic's
    /// message is kept for the developer (Debug), never shown to the user.
    #[error("读取文件时程序内部出错（文件内容可能异常）。请用Excel打开后另存为新的.xlsx文件再报送；如仍不行请联系汇总人员。")]
    Panic(String),
    #[error("文件是空的（0字节），没有任何内容。请检查后重新报送填好的表格。")]
    Empty,

    // ------------------------------------------------------------ not a spreadsheet
    /// Another kind of file (the payload says which: PNG图片, Word文档 …).
    #[error(
        "这是{0}，不是表格文件，无法读取。请按表格格式（Excel .xlsx/.xls、CSV，或带表格的Word .docx）填写后重新报送。"
    )]
    NotSpreadsheet(&'static str),
    /// Excel 2.x–5.0 (BIFF2–5): calamine reads BIFF8 (Excel 97 and later) only.
    #[error("这是旧版Excel格式（Excel 5.0或更早），无法读取。请用Excel或WPS打开后“另存为”Excel工作簿（.xlsx）再报送。")]
    OldExcel,
    /// HTML or XML saved with a spreadsheet extension (the payload says which).
    #[error("这是{0}，只是扩展名像表格，无法作为表格读取。请用Excel打开后“另存为”Excel工作簿（.xlsx）再报送。")]
    Markup(&'static str),
    /// A zip that is no Office or OpenDocument package (read as a bundle by ingest; this
    /// is what reading it as one spreadsheet says).
    #[error("这是压缩包（zip），不是表格文件，无法读取。请解压后直接报送其中的表格文件。")]
    Archive,
    /// An archive of a kind not read (RAR, 7z, gzip: the payload says which): its files
    /// are returns once unpacked.
    #[error(
        "这是{0}，本程序只能直接读取zip压缩包。请解压后把其中的表格文件放入报送文件夹再运行。"
    )]
    OtherArchive(&'static str),
    /// A zip inside a zip inside the bundle: one level is read, no more.
    #[error("这是压缩包中的压缩包里又套的压缩包（超过一层），没有读取。请解压后直接报送其中的表格文件。")]
    BundleTooDeep,

    // ------------------------------------------------------------ legacy Word
    /// A .doc / .wps and no LibreOffice to convert it with.
    #[error("这是旧版Word文档（.doc/.wps），本机没有安装LibreOffice，无法转换读取。请用Word或WPS另存为.docx，或把表格复制到Excel（.xlsx）后重新报送。")]
    LegacyWord,
    #[error("旧版Word文档（.doc/.wps）转换为.docx失败，无法读取。请用Word或WPS打开后另存为.docx（或把表格复制到Excel）再报送。")]
    ConversionFailed,
    #[error("旧版Word文档（.doc/.wps）转换超过{seconds}秒仍未完成，已停止。请用Word或WPS另存为.docx后重新报送。")]
    ConversionTimeout { seconds: u64 },

    // ------------------------------------------------------------ encrypted or damaged
    #[error("文件已加密（设置了打开密码），无法读取。请取消密码后重新报送。")]
    Encrypted,
    #[error("文件已损坏，无法打开。请用Excel打开确认无误后重新保存，再报送。")]
    Corrupt,
    /// An OLE compound file whose allocation tables do not fit it (the payload says how).
    #[error("文件已损坏（{0}），无法打开。请用Excel打开确认无误后重新保存，再报送。")]
    OleDamaged(&'static str),
    /// An .xls record too short for what calamine reads from it.
    #[error("文件已损坏（内部记录0x{id:04X}异常，{len}字节），无法读取。请重新导出或另存为.xlsx后重新报送。")]
    XlsRecordTooShort { id: u16, len: usize },
    #[error("工作表“{0}”已损坏，无法读取。请用Excel打开确认无误后重新保存，再报送。")]
    SheetCorrupt(String),
    #[error("CSV文件第{line}行格式有误，无法读取。请用Excel打开检查后另存为.xlsx再报送。")]
    CsvSyntax { line: u64 },

    // ------------------------------------------------------------ over a limit
    #[error("文件太大（{:.1} MB，上限 {:.0} MB），不予读取。请删除与报送无关的工作表、图片等内容后重新报送。", mib(.len), mib(.limit))]
    FileTooLarge { len: u64, limit: u64 },
    #[error("文件内部结构异常（包含{entries}个部件，超过上限{limit}个），为安全起见不予读取。请用Excel打开后另存为新文件再报送。")]
    TooManyEntries { entries: u64, limit: usize },
    #[error("文件解压后内容过大或结构异常（{0}），为安全起见不予读取。请用Excel打开后另存为新的.xlsx文件，删除无关内容后重新报送。")]
    Unpacked(ZipExcess),
    /// A sheet's extent from A1 over the cell cap.
    #[error("工作表“{sheet}”的内容范围过大（{rows}行×{cols}列，超过{limit}个单元格的上限），通常是远处有多余的内容或格式。请删除该表中多余的行列（或把数据复制到新表）后重新报送。")]
    SheetExtent {
        sheet: String,
        rows: u64,
        cols: u64,
        limit: u64,
    },
    /// More non-empty cells in a sheet than the cap (a sheet XML can repeat positions).
    #[error("工作表“{sheet}”的单元格过多（超过{limit}个），无法读取。请删除与报送无关的内容后重新报送。")]
    SheetCells { sheet: String, limit: u64 },
    /// An .xls sheet calamine would allocate densely over the cap (the BIFF pre-scan).
    #[error("表格范围过大（约{cells}个单元格，上限{limit}个），无法读取。请删除无关的行列或另存为.xlsx后重新报送。")]
    XlsExtent { cells: u64, limit: u64 },
    #[error(
        "CSV文件内容过多（超过{limit}个单元格），无法读取。请只保留需要报送的内容后重新报送。"
    )]
    CsvCells { limit: u64 },
}

/// Which zip limit a package exceeds (the detail inside [`ReadError::Unpacked`]).
#[derive(Debug, thiserror::Error)]
pub enum ZipExcess {
    /// The declared sizes of all entries add up to more than the budget (bytes).
    #[error("解压后超过{} MB", .limit / MIB)]
    Total { limit: u64 },
    /// One large entry inflates more than the ratio allows.
    #[error("部件“{part}”压缩比{ratio}:1，超过上限{limit}:1")]
    Ratio {
        part: String,
        ratio: u64,
        limit: u64,
    },
}

const MIB: u64 = 1024 * 1024;

/// Bytes as (fractional) MiB, for the size messages.
fn mib(bytes: &u64) -> f64 {
    *bytes as f64 / MIB as f64
}

impl ReadError {
    /// The class of failure (decides the problem code).
    pub fn kind(&self) -> ReadErrorKind {
        use ReadError::*;
        match self {
            NotAFile | NotFound | PermissionDenied | Io(_) => ReadErrorKind::Io,
            Panic(_) => ReadErrorKind::Panic,
            Empty => ReadErrorKind::Empty,
            NotSpreadsheet(_) | OldExcel | Markup(_) | Archive | OtherArchive(_)
            | BundleTooDeep | LegacyWord => ReadErrorKind::NotSpreadsheet,
            ConversionFailed | ConversionTimeout { .. } => ReadErrorKind::Conversion,
            Encrypted => ReadErrorKind::Encrypted,
            Corrupt
            | OleDamaged(_)
            | XlsRecordTooShort { .. }
            | SheetCorrupt(_)
            | CsvSyntax { .. } => ReadErrorKind::Corrupt,
            FileTooLarge { .. }
            | TooManyEntries { .. }
            | Unpacked(_)
            | SheetExtent { .. }
            | SheetCells { .. }
            | XlsExtent { .. }
            | CsvCells { .. } => ReadErrorKind::TooLarge,
        }
    }

    /// The sheet concerned, when one sheet is the cause.
    pub fn sheet(&self) -> Option<&str> {
        match self {
            ReadError::SheetCorrupt(sheet)
            | ReadError::SheetExtent { sheet, .. }
            | ReadError::SheetCells { sheet, .. } => Some(sheet),
            _ => None,
        }
    }
}

/// A parser's error while reading one sheet: that sheet is damaged (the error names it,
/// as `.context()` would).
pub(crate) trait InSheet<T> {
    fn in_sheet(self, sheet: &str) -> Result<T, ReadError>;
}

impl<T, E> InSheet<T> for Result<T, E> {
    fn in_sheet(self, sheet: &str) -> Result<T, ReadError> {
        self.map_err(|_| ReadError::SheetCorrupt(sheet.to_string()))
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::NotFound => ReadError::NotFound,
            io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            _ => ReadError::Io(e),
        }
    }
}

/// A package the zip reader refuses is damaged.
impl From<zip::result::ZipError> for ReadError {
    fn from(_: zip::result::ZipError) -> Self {
        ReadError::Corrupt
    }
}

/// XML that does not parse is damaged.
impl From<quick_xml::Error> for ReadError {
    fn from(_: quick_xml::Error) -> Self {
        ReadError::Corrupt
    }
}

impl From<csv::Error> for ReadError {
    fn from(e: csv::Error) -> Self {
        ReadError::CsvSyntax {
            line: e.position().map(|p| p.line()).unwrap_or(0),
        }
    }
}

/// calamine's workbook errors: a password means encrypted, anything else damaged.
macro_rules! from_workbook_error {
    ($($error:ident),*) => {$(
        impl From<$error> for ReadError {
            fn from(e: $error) -> Self {
                match e {
                    $error::Password => ReadError::Encrypted,
                    _ => ReadError::Corrupt,
                }
            }
        }
    )*};
}

from_workbook_error!(XlsxError, XlsbError, XlsError, OdsError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_carry_their_numbers() {
        let e = ReadError::FileTooLarge {
            len: 60 * MIB + MIB / 2,
            limit: 50 * MIB,
        };
        assert_eq!(
            e.to_string(),
            "文件太大（60.5 MB，上限 50 MB），不予读取。请删除与报送无关的工作表、图片等内容后重新报送。"
        );
        assert_eq!(
            ReadError::XlsRecordTooShort { id: 0xE5, len: 3 }.to_string(),
            "文件已损坏（内部记录0x00E5异常，3字节），无法读取。请重新导出或另存为.xlsx后重新报送。"
        );
        assert_eq!(
            ReadError::Unpacked(ZipExcess::Total { limit: 256 * MIB }).to_string(),
            "文件解压后内容过大或结构异常（解压后超过256 MB），为安全起见不予读取。请用Excel打开后另存为新的.xlsx文件，删除无关内容后重新报送。"
        );
    }

    #[test]
    fn a_sheet_error_names_its_sheet_once() {
        let e = ReadError::SheetCells {
            sheet: "数据".into(),
            limit: 10,
        };
        assert_eq!(e.kind(), ReadErrorKind::TooLarge);
        assert_eq!(e.sheet(), Some("数据"));
        assert_eq!(
            e.to_string(),
            "工作表“数据”的单元格过多（超过10个），无法读取。请删除与报送无关的内容后重新报送。"
        );
        assert_eq!(ReadError::Corrupt.sheet(), None);
    }

    #[test]
    fn parser_errors_convert_by_kind() {
        let missing = io::Error::from(io::ErrorKind::NotFound);
        assert!(matches!(ReadError::from(missing), ReadError::NotFound));
        assert!(matches!(
            ReadError::from(calamine::XlsxError::Password),
            ReadError::Encrypted
        ));
        assert_eq!(
            ReadError::from(calamine::XlsError::Password).kind().code(),
            Code::FileEncrypted
        );
    }
}
