//! Renderers: ledger → files in output/. They read only the ledger and never open an
//! input.
//!
//! Every output has one shape ([`Output`]: a name and a function from a [`Job`] to the
//! files it makes) and sits in one list, [`OUTPUTS`]. [`write_outputs`] renders the
//! outputs a command selects with one parallel iterator, then writes them with one
//! writer (`output::write_all`: staged, then renamed), so nothing appears under a final
//! name unless every selected output rendered. File names live in `files.rs`.
//!
//! Adding an output: its module (a `render(&Job) -> Result<Vec<Rendered>, RenderError>`
//! function, its file name in `files.rs`), and one entry in [`OUTPUTS`].
//!
//! The modules: `report.rs` (the report; `task_text.rs` words a task's reports,
//! `tasks_table.rs` is its attachment table), `notice.rs` (notices and reminders),
//! `unit_folders.rs` (checklists/ and reminders/), `checklist.rs` (a unit's form),
//! `consolidated.rs` (a lead unit's 报送表, in its round only),
//! `workbook/` (the summary workbook), `ledger_json.rs`; `templates.rs` (every template
//! and what each sees), `blocks.rs` (the block language), `document.rs` (blocks → a
//! finished docx: `docx/` writes it, `finish/` sets it right), `xlsx_common.rs` (what
//! the two xlsx writers share), `error.rs`, `output.rs` and `write.rs` (the shape and
//! the writer), `manifest.rs` (what the last run wrote) and `reuse.rs` (which of its
//! documents stand as they are).

mod blocks;
mod checklist;
mod consolidated;
mod disk_hashes;
mod document;
mod docx;
mod error;
mod files;
mod finish;
mod ledger_json;
mod line_break;
mod manifest;
mod notice;
mod output;
mod report;
mod reuse;
mod task_text;
mod tasks_table;
mod templates;
mod typography;
mod unit_folders;
mod workbook;
mod write;
mod xlsx_common;

pub use blocks::{parse as parse_blocks, Block};
pub use checklist::{checklist_bytes, filled_checklist_bytes, form_title, Filled, FilledRow};
pub use consolidated::{consolidated_bytes, consolidated_title};
pub use disk_hashes::HASH_MEMO;
pub use document::blocks_docx;
pub use error::RenderError;
pub use files::{
    checklist_files, clean_file_name, consolidated_file, reminder_file, CHECKLISTS_DIR,
    LEDGER_JSON, REMINDERS_DIR, REMINDER_LIST_DOCX, REPORT_DOCX, WORKBOOK_XLSX,
};
pub use finish::{finish_docx, finish_docx_with_stats, schema_findings, DocProps, FinishError};
pub use manifest::MANIFEST;
pub use notice::{notice_blocks, reminder_blocks, reminder_list_blocks};
pub use output::{Job, LedgerDigest, Output, Rendered, Written};
pub use report::{rate_text, report_docx};
pub use reuse::Reuse;
pub use templates::Templates;
pub use templates::{unused_overrides, write_defaults};
pub use typography::punctuated;
pub use workbook::{
    headers as workbook_headers, workbook_bytes, SHEET_COMPARE, SHEET_PROBLEMS, SHEET_REPORTS,
    SHEET_SUMMARY, SHEET_TASKS, SHEET_UNITS, SHEET_UNPLACED,
};
pub use write::remove_uncommitted;

/// Every output, in the order `run` writes them (and lists them).
pub const OUTPUTS: &[Output] = &[
    Output {
        name: "ledger",
        render: ledger_json::render,
    },
    Output {
        name: "workbook",
        render: workbook::render,
    },
    Output {
        name: "report",
        render: report::render,
    },
    Output {
        name: "consolidated",
        render: consolidated::render,
    },
    Output {
        name: "checklists",
        render: unit_folders::checklists,
    },
    Output {
        name: "reminders",
        render: unit_folders::reminders,
    },
];

/// Where an output starts among the renders: the longest first (the workbook's detail
/// sheet and the report each keep one core busy for most of the output phase at scale),
/// so neither waits behind the short ones and both cores stay busy to the end; but the
/// ledger right after the workbook: its digest tells the workbook early whether the last
/// run's stands (`output::LedgerKeyed`).
fn render_rank(name: &str) -> usize {
    const LONGEST_FIRST: [&str; 6] = [
        "workbook",
        "ledger",
        "report",
        "checklists",
        "reminders",
        "consolidated",
    ];
    LONGEST_FIRST
        .iter()
        .position(|n| *n == name)
        .unwrap_or(LONGEST_FIRST.len())
}

/// Whether the output `name` may stand as the last run left it, as a whole, when it is
/// made from the same inputs (`output::last_output`): every output but the ledger,
/// which works out the digest that tells.
fn may_stand_whole(name: &str) -> bool {
    name != "ledger"
}

/// The outputs called `names`, in list order.
///
/// # Panics
/// On a name not in [`OUTPUTS`] (a command's mistake, caught by its tests).
pub fn select(names: &[&str]) -> Vec<&'static Output> {
    for n in names {
        assert!(
            OUTPUTS.iter().any(|o| o.name == *n),
            "no output is called {n}"
        );
    }
    OUTPUTS.iter().filter(|o| names.contains(&o.name)).collect()
}

/// Render `outputs` in parallel, the longest first (`render_rank`), each output's files
/// staged as soon as it has rendered; then write every file they made into the job's
/// output folder (one sync, then renamed in list order; a document the last run made
/// from the same inputs, unchanged since, is left as it is: `reuse.rs`), keeping the
/// folder's manifest: files these outputs wrote last time and not now are removed,
/// files edited since are kept as dated copies (`manifest.rs`). Returns what was
/// written, left, removed and kept. If any output fails, nothing is renamed into place
/// and its staged files are removed.
pub fn write_outputs(job: &Job, outputs: &[&Output]) -> Result<Written, RenderError> {
    // Temporary files an interrupted run left behind go first.
    write::sweep_leftovers(job.out_dir);
    // Documents the last run wrote from the same inputs stand as they are (`reuse.rs`);
    // the files it left are hashed beside the rendering, for that and for the writer's
    // check for edits.
    let reuse = Reuse::load(job.out_dir);
    let reuse = job.reuse.unwrap_or(&reuse);
    // The ledger output publishes the ledger's digest for the files made from the ledger
    // alone (`output::LedgerKeyed`).
    let digest = LedgerDigest::default();
    let job = &Job {
        reuse: Some(reuse),
        digest: Some(&digest),
        ..*job
    };
    let mut rendered: Vec<Option<Result<Vec<output::StagedFile>, RenderError>>> =
        outputs.iter().map(|_| None).collect();
    let mut tasks: Vec<(&Output, &mut Option<_>)> =
        outputs.iter().copied().zip(&mut rendered).collect();
    tasks.sort_by_key(|(o, _)| render_rank(o.name));
    rayon::scope_fifo(|s| {
        for (o, slot) in tasks {
            // Each output's files are staged as soon as it has rendered.
            s.spawn_fifo(move |_| {
                // An output the last run made from the same inputs, untouched since,
                // stands as a whole: nothing of it is rendered.
                let last = may_stand_whole(o.name)
                    .then(|| output::last_output(job, o.name))
                    .flatten();
                let files = match last {
                    Some(files) => Ok(files),
                    None => (o.render)(job),
                };
                *slot = Some(files.and_then(|files| output::stage(job.out_dir, files)));
            });
        }
        s.spawn_fifo(|_| reuse.hash_all());
    });
    let mut groups = Vec::with_capacity(outputs.len());
    for (o, r) in outputs.iter().zip(rendered) {
        // What its files were made from, once the ledger's digest is known.
        let made_from = may_stand_whole(o.name)
            .then(|| job.output_key(o.name))
            .flatten();
        groups.push((o.name, r.expect("every output rendered")?, made_from));
    }
    output::write_all(job.out_dir, groups, reuse, &digest)
}
