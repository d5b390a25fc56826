//! What reading a file gives: the format it was and its grids, and what a format's
//! reader returns to the dispatch.

use crate::ingest::grid::Grid;

/// The formats ingest reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    Csv,
    /// A Word document (.docx, or a WPS document saved as one).
    Docx,
    /// A legacy Word document (.doc, .wps): converted to .docx with LibreOffice.
    Doc,
    /// A web page (an HTML table), whatever its name: an OA system's “Excel” export.
    Html,
    /// A zip that is no Office package: a bundle of returns and evidence.
    Zip,
    /// An e-mail saved as a file (.eml): its attachments read like a bundle's files.
    Mail,
    /// An encrypted Office package (OLE container with an EncryptedPackage stream):
    /// read as the package inside when it opens with Excel's built-in password, so the
    /// ledger names the inner format; never a ledger name itself.
    Encrypted,
}

impl Format {
    /// The format's fixed name, as the ledger writes it (`files[].format`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
            Format::Docx => "docx",
            Format::Doc => "doc",
            Format::Html => "html",
            Format::Zip => "zip",
            Format::Mail => "mail",
            Format::Encrypted => "encrypted",
        }
    }
}

/// The grids of one file.
#[derive(Debug, Clone)]
pub struct ReadOutput {
    pub format: Format,
    pub grids: Vec<Grid>,
    /// Chinese notes for the reader of the log (e.g. a chart sheet skipped).
    pub notes: Vec<String>,
    /// Chinese notes that ask nothing of the unit (where a table was found: an
    /// embedded object, an imported document): information for the clerk.
    pub infos: Vec<String>,
    /// Workbook defined names (name, formula text), where the format has them.
    pub defined_names: Vec<(String, String)>,
}

/// What a format's `read` returns: [`ReadOutput`] without the format.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    pub grids: Vec<Grid>,
    pub notes: Vec<String>,
    pub infos: Vec<String>,
    pub defined_names: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::Format;

    #[test]
    fn names_are_the_ledger_names() {
        // The ledger once wrote the lower-cased `Debug` name: the fixed names are those.
        for f in [
            Format::Xlsx,
            Format::Xlsb,
            Format::Xls,
            Format::Ods,
            Format::Csv,
            Format::Docx,
            Format::Doc,
            Format::Html,
            Format::Zip,
            Format::Mail,
            Format::Encrypted,
        ] {
            assert_eq!(f.name(), format!("{f:?}").to_lowercase());
        }
    }
}
