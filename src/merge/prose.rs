//! A written report (报告, no table) sent beside a progress table, in one bundle or one
//! unit's folder: a lead unit's 报告 and its 汇总表, as the notice asks for. The table is
//! read; the report is then no error to re-enter by hand, only a note to look it over.
//! A report read section by section (`prose_read`) beside such a table gives way to it:
//! its records on the table's tasks are set aside, so the unit's progress is counted
//! once, from its table; a section on a task the table leaves out is kept.

use std::collections::BTreeSet;

use crate::ingest::record::Record;
use crate::model::{Code, FileEntry, FileOutcome, Problem, Severity};

/// The records of a written report read section by section, when a table read with
/// records sits beside it (`beside_a_table`'s rule): those on tasks a table beside it
/// reports are dropped, its warning made the note that the table was counted instead.
/// A section on a task no table beside it reports (住建委's 报告 on 第33项 beside a table
/// of 第30项) is kept, and the note names it for the clerk to check.
pub(super) fn give_way_to_tables(
    records: &mut [Vec<Record>],
    files: &mut [FileEntry],
    problems: &mut [Problem],
) {
    let prose: Vec<String> = problems
        .iter()
        .filter(|p| p.code == Code::ProseRead)
        .map(|p| p.file.clone())
        .collect();
    for file in &prose {
        let Some(table) = table_beside(files, file, &prose).map(str::to_string) else {
            continue;
        };
        // The tasks the tables beside the report (in its bundle or folder) report.
        let folder = parent(file);
        let tabled: BTreeSet<u32> = records
            .iter()
            .flatten()
            .filter(|r| {
                r.source.file != *file
                    && parent(&r.source.file) == folder
                    && !prose.contains(&r.source.file)
            })
            .filter_map(|r| r.id)
            .collect();
        let mut kept: BTreeSet<u32> = BTreeSet::new();
        let mut count = 0u32;
        for part in records.iter_mut() {
            part.retain(|r| {
                if r.source.file != *file {
                    return true;
                }
                let keep = r.id.is_some_and(|id| !tabled.contains(&id));
                if keep {
                    kept.extend(r.id);
                    count += 1;
                }
                keep
            });
        }
        if let Some(f) = files.iter_mut().find(|f| f.file == *file) {
            f.records = count;
        }
        for p in problems
            .iter_mut()
            .filter(|p| p.file == *file && p.code == Code::ProseRead)
        {
            if kept.is_empty() {
                p.code = Code::ProseReport;
                p.severity = Severity::Info;
                p.message = written_beside(&table);
            } else {
                let ids: Vec<String> = kept.iter().map(u32::to_string).collect();
                p.message = format!(
                    "这是与进展表“{table}”一同报送的文字报告，进展已按该表汇总；表中没有的第{}项已按报告正文中的任务标题读取，完成状态按正文文字判断。请核对读取结果；如有出入，请该单位在进展表中补充后重新报送。",
                    ids.join("、")
                );
            }
            p.row = None;
        }
    }
}

/// The name of the first file with records in the folder or bundle of `file` (not the
/// returns folder itself, where every unit's files sit side by side) that is not one of
/// `besides` (written reports read section by section).
fn table_beside<'f>(files: &'f [FileEntry], file: &str, besides: &[String]) -> Option<&'f str> {
    let folder = parent(file)?;
    files
        .iter()
        .find(|f| {
            f.outcome == FileOutcome::Read
                && f.records > 0
                && parent(&f.file) == Some(folder)
                && !besides.contains(&f.file)
        })
        .map(|f| f.file.rsplit('/').next().unwrap_or(&f.file))
}

fn written_beside(table: &str) -> String {
    format!(
        "这是与进展表“{table}”一同报送的文字报告，进展已按该表汇总，报告正文未逐项读取。如报告写有表中没有的任务，请人工核对后补录。"
    )
}

/// Turn the error on a written report into an info when a table read with records sits
/// in the same bundle or folder (not the returns folder itself, where every unit's
/// files sit side by side).
pub(super) fn beside_a_table(files: &[FileEntry], problems: &mut [Problem]) {
    for p in problems
        .iter_mut()
        .filter(|p| p.code == Code::ProseReport && p.severity == Severity::Error)
    {
        if let Some(table) = table_beside(files, &p.file, &[]) {
            p.severity = Severity::Info;
            p.message = written_beside(table);
        }
    }
}

/// The bundle or folder a file sits in, `None` at the top of the returns folder.
fn parent(path: &str) -> Option<&str> {
    path.rsplit_once('/').map(|(folder, _)| folder)
}
