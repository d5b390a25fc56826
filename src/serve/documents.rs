//! Downloads: the files `run` wrote into the output folder, by a fixed key (never a
//! path from the request), the checklists and reminders folders as one .zip each, and
//! a unit's reminder as plain text to paste into WeChat or an e-mail.

use std::io::Write;
use std::path::Path;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::model::{Ledger, Tier};
use crate::render::{
    consolidated_file, reminder_blocks, Block, Templates, CHECKLISTS_DIR, REMINDERS_DIR,
    REPORT_DOCX, WORKBOOK_XLSX,
};

use super::view::DocumentView;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What can be downloaded in this round, in the order the page lists it.
pub fn documents(ledger: &Ledger) -> Vec<DocumentView> {
    let mut out = vec![
        DocumentView {
            key: "report",
            label: REPORT_DOCX.to_string(),
            href: "/download/report".to_string(),
        },
        DocumentView {
            key: "workbook",
            label: WORKBOOK_XLSX.to_string(),
            href: "/download/workbook".to_string(),
        },
    ];
    if ledger.plan.tier == Tier::Lead {
        out.push(DocumentView {
            key: "consolidated",
            label: consolidated_file(&ledger.plan.collector),
            href: "/download/consolidated".to_string(),
        });
    }
    out.push(DocumentView {
        key: "checklists",
        label: "各单位任务清单（填报表和通知，一个压缩包）".to_string(),
        href: "/download/checklists".to_string(),
    });
    out.push(DocumentView {
        key: "reminders",
        label: "催报通知和未报送单位清单（一个压缩包）".to_string(),
        href: "/download/reminders".to_string(),
    });
    out
}

fn not_found(what: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{what}还没有生成（或已被移走）。请先上传报送表或点“重新汇总”。"),
    )
        .into_response()
}

/// `attachment; filename*=UTF-8''…` (RFC 6266 / 5987), with an ASCII fallback.
fn disposition(name: &str) -> String {
    let mut enc = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            enc.push(b as char);
        } else {
            enc.push_str(&format!("%{b:02X}"));
        }
    }
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    format!("attachment; filename=\"rectify.{ext}\"; filename*=UTF-8''{enc}")
}

fn file_response(bytes: Vec<u8>, name: &str, mime: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (header::CONTENT_DISPOSITION, disposition(name)),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// The files of one folder of the output folder (not below it), zipped, by name.
fn zip_folder(dir: &Path) -> std::io::Result<Option<Vec<u8>>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(None);
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.'))
        .collect();
    files.sort();
    if files.is_empty() {
        return Ok(None);
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for name in files {
        let bytes = std::fs::read(dir.join(&name))?;
        zip.start_file(name.as_str(), options)
            .map_err(std::io::Error::other)?;
        zip.write_all(&bytes)?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(Some(cursor.into_inner()))
}

/// GET /download/{key}: one of [`documents`].
pub fn download(output: &Path, ledger: Option<&Ledger>, key: &str) -> Response {
    let read = |name: &str, mime: &str| match std::fs::read(output.join(name)) {
        Ok(bytes) => file_response(bytes, name, mime),
        Err(_) => not_found(name),
    };
    let zipped = |dir: &str, label: &str| match zip_folder(&output.join(dir)) {
        Ok(Some(bytes)) => file_response(bytes, &format!("{label}.zip"), "application/zip"),
        Ok(None) => not_found(label),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!(
                "无法读取{label}（{}）",
                crate::common::os_error::describe(&e)
            ),
        )
            .into_response(),
    };
    match key {
        "report" => read(REPORT_DOCX, DOCX),
        "workbook" => read(WORKBOOK_XLSX, XLSX),
        "consolidated" => match ledger {
            Some(l) if l.plan.tier == Tier::Lead => {
                read(&consolidated_file(&l.plan.collector), XLSX)
            }
            _ => not_found("报送表"),
        },
        "checklists" => zipped(CHECKLISTS_DIR, "各单位任务清单"),
        "reminders" => zipped(REMINDERS_DIR, "催报通知"),
        _ => (StatusCode::NOT_FOUND, "没有这个文件。").into_response(),
    }
}

/// A unit's reminder (the words of its 催报通知) as plain text: the title on one line,
/// then the addressee, the paragraphs, the signature and the date, each on its own line.
pub fn reminder_text(ledger: &Ledger, templates: &Templates, unit: &str) -> Option<String> {
    let u = ledger.units.iter().find(|u| u.name == unit)?;
    let blocks = reminder_blocks(ledger, u, templates, ledger.as_of).ok()?;
    let mut lines: Vec<String> = Vec::new();
    let mut title: Vec<String> = Vec::new();
    for b in blocks {
        match b {
            Block::Title(t) | Block::AttachmentTitle(t) => title.push(t),
            other => {
                if !title.is_empty() {
                    lines.push(title.concat());
                    title.clear();
                }
                match other {
                    Block::To(t)
                    | Block::Heading(_, t)
                    | Block::Para(t)
                    | Block::Annex(t)
                    | Block::Signature(t)
                    | Block::Date(t)
                    | Block::Attachment(t) => lines.push(t),
                    Block::Blank => lines.push(String::new()),
                    _ => {}
                }
            }
        }
    }
    if !title.is_empty() {
        lines.push(title.concat());
    }
    // No blank lines at the ends, none doubled.
    let mut out = String::new();
    let mut blank = true;
    for l in lines {
        let l = l.trim_end();
        if l.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
        } else {
            out.push_str(l);
            out.push('\n');
            blank = false;
        }
    }
    Some(out.trim_end().to_string() + "\n")
}
