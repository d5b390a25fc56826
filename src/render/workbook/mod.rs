//! The summary workbook (整改台账汇总表.xlsx): the ledger as six sheets, written with
//! rust_xlsxwriter. Reads only the ledger.
//!
//! - `summary.rs`: 总体情况 (headline numbers, counts by status and by 重点任务, charts);
//! - `lists.rs`: the list sheets (and 进展对比 when there is a previous round), each one
//!   table of column definitions;
//! - `list.rs`: the list writer (two passes: widths, then rows);
//! - `layout.rs`: sheet names, title, formats, widths and print setup.
//!
//! Rules kept here: every text cell is written with `write_string` (a unit's
//! "=HYPERLINK(…)" stays text), values not formulas, strings sanitised and capped at
//! Excel's 32,767 characters (`render::xlsx_common`), column widths measured with
//! unicode-width (autofit is short for CJK), and a fixed creation date (the ledger's
//! `as_of`) so two runs give byte-identical files.

mod layout;
mod list;
mod lists;
mod summary;

use rust_xlsxwriter::{DocProperties, Workbook, Worksheet, XlsxError};

use crate::model::Ledger;
use crate::render::error::RenderError;
use crate::render::files::WORKBOOK_XLSX;
use crate::render::output::{Job, LedgerKeyed, Rendered};
use crate::render::xlsx_common::{excel_date, text};
use layout::{stopped, workbook_title, Styles};
use lists::{
    compare_sheet, problems_sheet, reports_sheet, tasks_sheet, units_sheet, unplaced_sheet,
};
use summary::summary_sheet;

pub use layout::{
    SHEET_COMPARE, SHEET_PROBLEMS, SHEET_REPORTS, SHEET_SUMMARY, SHEET_TASKS, SHEET_UNITS,
    SHEET_UNPLACED,
};
pub use lists::headers;

/// The output: 整改台账汇总表.xlsx, streamed to its staged file (at city scale it is
/// tens of MB that need not sit in memory).
pub fn render(job: &Job) -> Result<Vec<Rendered>, RenderError> {
    // Made from the ledger alone: when the last run's workbook turns out to stand (the
    // ledger's digest comes while this one is written), writing stops and it stays.
    let keyed = LedgerKeyed::new(job, WORKBOOK_XLSX, "workbook");
    let stop = || keyed.stands();
    let file = keyed
        .finish(Rendered::stream(job, WORKBOOK_XLSX, |w| {
            write_workbook_with(job.ledger, w, Styles::new().stopping_when(&stop))
        }))
        .map_err(RenderError::xlsx(WORKBOOK_XLSX))?;
    Ok(vec![file])
}

/// The workbook as bytes.
pub fn workbook_bytes(ledger: &Ledger) -> Result<Vec<u8>, XlsxError> {
    let mut buf = Vec::new();
    write_workbook(ledger, &mut buf)?;
    Ok(buf)
}

/// Write the workbook to `out` as it is zipped.
pub fn write_workbook(ledger: &Ledger, out: impl std::io::Write + Send) -> Result<(), XlsxError> {
    write_workbook_with(ledger, out, Styles::new())
}

/// [`write_workbook`] with these styles (which may stop it: `Styles::stop_now`).
fn write_workbook_with(
    ledger: &Ledger,
    out: impl std::io::Write + Send,
    styles: Styles,
) -> Result<(), XlsxError> {
    if styles.stop_now() {
        return Err(stopped());
    }
    let mut wb = Workbook::new();
    // Fast deflate: the detail sheets hold tens of MB of XML at city scale; level 1
    // costs ~10% in size and saves most of the time.
    wb.set_zip_compression_level(1);
    let created = excel_date(ledger.as_of).unwrap_or_default();
    wb.set_properties(
        &DocProperties::new()
            .set_title(text(&workbook_title(ledger)))
            .set_author(text(&ledger.plan.collector))
            .set_company(text(&ledger.plan.collector_full))
            .set_creation_datetime(&created),
    );

    // The detail lists can run to 100,000+ rows at city scale: constant-memory
    // worksheets send their rows to a temporary file as they are written, with inline
    // strings. The sheets are filled in parallel (the two long lists each on their own
    // task) and added in a fixed order.
    let [mut reports, mut problems, mut unplaced] = list_sheets(&mut wb, &styles);
    let (short, (reports_done, rest_done)) = rayon::join(
        || -> Result<Vec<Worksheet>, XlsxError> {
            let mut summary = Worksheet::new();
            summary_sheet(&mut summary, ledger, &styles)?;
            let mut tasks = Worksheet::new();
            tasks_sheet(&mut tasks, ledger, &styles)?;
            let mut sheets = vec![summary, tasks];
            if ledger.previous.is_some() {
                let mut compare = Worksheet::new();
                compare_sheet(&mut compare, ledger, &styles)?;
                sheets.push(compare);
            }
            let mut units = Worksheet::new();
            units_sheet(&mut units, ledger, &styles)?;
            sheets.push(units);
            Ok(sheets)
        },
        || {
            rayon::join(
                || reports_sheet(&mut reports, ledger, &styles),
                || {
                    problems_sheet(&mut problems, ledger, &styles)?;
                    unplaced_sheet(&mut unplaced, ledger, &styles)
                },
            )
        },
    );
    reports_done?;
    rest_done?;
    for sheet in short? {
        wb.push_worksheet(sheet);
    }
    wb.push_worksheet(reports);
    wb.push_worksheet(problems);
    wb.push_worksheet(unplaced);

    // Zipping the sheets is the last long step.
    if styles.stop_now() {
        return Err(stopped());
    }
    wb.save_to_writer(out)
}

/// The three list worksheets: constant-memory ones, or, when no temporary file can be
/// made (an unwritable temporary folder), ordinary ones, which hold their rows in memory
/// but write the same sheets.
fn list_sheets(wb: &mut Workbook, st: &Styles) -> [Worksheet; 3] {
    let constant = (|| -> Result<[Worksheet; 3], XlsxError> {
        let sheets = [
            wb.new_worksheet_with_constant_memory()?,
            wb.new_worksheet_with_constant_memory()?,
            wb.new_worksheet_with_constant_memory()?,
        ];
        register_list_formats(wb, st)?;
        Ok(sheets)
    })();
    constant.unwrap_or_else(|_| [Worksheet::new(), Worksheet::new(), Worksheet::new()])
}

/// Constant-memory worksheets share the workbook's format table, where a format gets
/// its index on first use. Registering every format the lists write, in a fixed order,
/// before the lists are filled in parallel keeps the indices (and so the file) the
/// same from run to run: the fill threads only look formats up.
fn register_list_formats(wb: &mut Workbook, st: &Styles) -> Result<(), XlsxError> {
    let mut scratch = wb.new_worksheet_with_constant_memory()?;
    for (c, fmt) in [&st.header, &st.text, &st.center, &st.number, &st.date]
        .into_iter()
        .enumerate()
    {
        scratch.write_blank(0, c as u16, fmt)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn demo_ledger() -> Ledger {
        let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("input");
        let plan = crate::plan::load_plan(&input).unwrap();
        crate::pipeline::build_ledger(&plan, &input.join("returns"))
    }

    #[test]
    fn a_workbook_told_to_stop_stops_and_one_never_told_is_the_same_workbook() {
        let mut ledger = demo_ledger();
        // A detail list long enough to be asked as its rows are written (every 64).
        let copies: Vec<_> = ledger.tasks[0].reports.clone();
        while ledger.tasks.iter().map(|t| t.reports.len()).sum::<usize>() < 1200 {
            ledger.tasks[0].reports.extend(copies.iter().cloned());
        }
        let whole = workbook_bytes(&ledger).unwrap();
        // Never told to stop: the same bytes as without a stop. It is asked as it
        // begins, as each list begins, as the rows are written (every 64) and before
        // the sheets are zipped.
        let asked = AtomicUsize::new(0);
        let never = || {
            asked.fetch_add(1, Ordering::Relaxed);
            false
        };
        let mut out = Vec::new();
        write_workbook_with(&ledger, &mut out, Styles::new().stopping_when(&never)).unwrap();
        assert_eq!(out, whole);
        let asks = asked.load(Ordering::Relaxed);
        assert!(asks >= 1200 / 64, "asked {asks} times");
        // Told to stop at any of those points: it stops, with the error that means
        // "stopped", and writes nothing (the lists filled in parallel may each ask
        // once more before they see it).
        for stop_at in 0..asks {
            let asked = AtomicUsize::new(0);
            let stop = || asked.fetch_add(1, Ordering::Relaxed) == stop_at;
            let mut out = Vec::new();
            let err = write_workbook_with(&ledger, &mut out, Styles::new().stopping_when(&stop))
                .unwrap_err();
            assert!(
                matches!(&err, XlsxError::IoError(e) if e.kind() == std::io::ErrorKind::Interrupted),
                "{err:?}"
            );
            assert!(out.is_empty());
            assert!(asked.load(Ordering::Relaxed) > stop_at);
        }
    }

    #[test]
    fn the_last_runs_workbook_stands_once_the_ledgers_digest_says_so() {
        use crate::render::{select, write_outputs, LedgerDigest, Reuse, Templates};
        let ledger = demo_ledger();
        let templates = Templates::new(None);
        let out = tempfile::tempdir().unwrap();
        let first = Job::new(&ledger, &templates, out.path());
        write_outputs(&first, &select(&["ledger", "workbook"])).unwrap();
        let json = std::fs::read(out.path().join(crate::render::LEDGER_JSON)).unwrap();
        let digest_of = |bytes: &[u8]| {
            use sha2::Digest;
            crate::render::manifest::hex(&sha2::Sha256::digest(bytes))
        };
        let stopped_render: Result<Rendered, XlsxError> = Err(stopped());
        let reuse = Reuse::load(out.path());
        let last_hash = reuse.last_hash(WORKBOOK_XLSX).unwrap().to_string();

        let digest = LedgerDigest::default();
        let job = Job {
            reuse: Some(&reuse),
            digest: Some(&digest),
            ..first
        };
        let keyed = LedgerKeyed::new(&job, WORKBOOK_XLSX, "workbook");
        // The digest not yet known: the workbook is written to the end, and a stop
        // would be an error.
        assert!(!keyed.stands());
        assert!(keyed.finish(Err::<Rendered, _>(stopped())).is_err());
        // Known and the same: the last run's workbook stands, however the render ended.
        digest.publish(&digest_of(&json));
        assert!(keyed.stands());
        let kept = keyed.finish(stopped_render).unwrap();
        assert_eq!(kept.content_hash(), Some(last_hash.as_str()));
        // A render that starts once the digest is known stops at once: nothing staged.
        let files = render(&job).unwrap();
        assert_eq!(files[0].content_hash(), Some(last_hash.as_str()));
        assert!(files[0].content().is_none());
        let names: Vec<String> = std::fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.contains(".tmp-")), "{names:?}");

        // Another ledger: the workbook is made.
        let other = LedgerDigest::default();
        other.publish(&digest_of(b"another ledger"));
        let job_other = Job {
            digest: Some(&other),
            ..job
        };
        assert!(!LedgerKeyed::new(&job_other, WORKBOOK_XLSX, "workbook").stands());
        // The same ledger, but the workbook edited since: made again.
        std::fs::write(out.path().join(WORKBOOK_XLSX), b"edited").unwrap();
        let edited = Reuse::load(out.path());
        let job_edited = Job {
            reuse: Some(&edited),
            ..job
        };
        assert!(!LedgerKeyed::new(&job_edited, WORKBOOK_XLSX, "workbook").stands());
    }
}
