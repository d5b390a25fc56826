//! A written report (报告, no table) sent beside a progress table, in one bundle or one
//! unit's folder: a lead unit's 报告 and its 汇总表, as the notice asks for. The table is
//! read; the report is then no error to re-enter by hand, only a note to look it over.

use crate::model::{Code, FileEntry, FileOutcome, Problem, Severity};

/// Turn the error on a written report into an info when a table read with records sits
/// in the same bundle or folder (not the returns folder itself, where every unit's
/// files sit side by side).
pub(super) fn beside_a_table(files: &[FileEntry], problems: &mut [Problem]) {
    for p in problems
        .iter_mut()
        .filter(|p| p.code == Code::ProseReport && p.severity == Severity::Error)
    {
        let Some(folder) = parent(&p.file) else {
            continue;
        };
        let table = files.iter().find(|f| {
            f.outcome == FileOutcome::Read && f.records > 0 && parent(&f.file) == Some(folder)
        });
        if let Some(table) = table {
            let name = table.file.rsplit('/').next().unwrap_or(&table.file);
            p.severity = Severity::Info;
            p.message = format!(
                "这是与进展表“{name}”一同报送的文字报告，进展已按该表汇总，报告正文未逐项读取。如报告写有表中没有的任务，请人工核对后补录。"
            );
        }
    }
}

/// The bundle or folder a file sits in, `None` at the top of the returns folder.
fn parent(path: &str) -> Option<&str> {
    path.rsplit_once('/').map(|(folder, _)| folder)
}
