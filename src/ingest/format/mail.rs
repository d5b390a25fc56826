//! An e-mail saved as a file (.eml: a unit's message saved from the mail client, or
//! forwarded as an attachment): its attachments are the returns, read like a bundle's
//! files. A message attached inside it (a forward) gives its attachments too, one
//! level down.

use mail_parser::{Message, MessageParser, MimeHeaders};

use super::guard;
use crate::ingest::error::ReadError;
use crate::ingest::grid::Limits;

/// How deep attached messages are opened (a forward of a forward).
const MAX_NESTING: usize = 2;

/// Each attachment of the message `bytes`, by its file name (a second of the same name
/// numbered: 区水利局(2).xlsx), in name order: its bytes, or why they could not be
/// taken.
pub(crate) fn for_each_attachment(
    bytes: &[u8],
    limits: &Limits,
    mut each: impl FnMut(String, Result<Vec<u8>, ReadError>),
) -> Result<(), ReadError> {
    guard::file_size(bytes.len() as u64, limits)?;
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or(ReadError::Corrupt)?;
    let mut files: Vec<(String, &[u8])> = Vec::new();
    attachments(&message, 0, &mut files);
    let mut named: Vec<(String, &[u8])> = Vec::with_capacity(files.len());
    for (name, data) in files {
        let mut unique = name.clone();
        let mut n = 1;
        while named.iter().any(|(u, _)| *u == unique) {
            n += 1;
            unique = numbered(&name, n);
        }
        named.push((unique, data));
    }
    named.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, data) in named {
        let taken = guard::file_size(data.len() as u64, limits).and_then(|()| {
            if data.is_empty() {
                Err(ReadError::Empty)
            } else {
                Ok(data.to_vec())
            }
        });
        each(name, taken);
    }
    Ok(())
}

/// The attachments of `message` (and of the messages attached to it), with their names.
fn attachments<'m>(message: &'m Message<'m>, depth: usize, out: &mut Vec<(String, &'m [u8])>) {
    for part in message.attachments() {
        if let Some(inner) = part.message() {
            if depth < MAX_NESTING {
                attachments(inner, depth + 1, out);
            }
            continue;
        }
        let name = part
            .attachment_name()
            .map(|n| n.trim().replace(['/', '\\'], "_"))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "附件".to_string());
        out.push((name, part.contents()));
    }
}

/// `name` with `(n)` before its extension: 区水利局.xlsx → 区水利局(2).xlsx.
fn numbered(name: &str, n: usize) -> String {
    match name.rfind('.') {
        Some(dot) if dot > 0 => format!("{}({n}){}", &name[..dot], &name[dot..]),
        _ => format!("{name}({n})"),
    }
}

/// Whether `window` (the start of a text file) is an e-mail's header: header lines
/// (Name: value) up to the first blank line, among them MIME-Version or Content-Type
/// and a sender, recipient, subject or date.
pub(crate) fn looks_like_mail(window: &[u8]) -> bool {
    matches!(header_kind(window), Some((true, true, false)))
}

/// Whether `window` opens a web page saved as one file (MHTML: Excel's “单个文件网页”, an
/// OA system's export, often named .xls or .doc): a MIME header whose type is
/// multipart/related. Excel writes From, Subject and Date lines too (“Saved by
/// Microsoft Excel”), so the envelope does not tell it from a message.
pub(crate) fn looks_like_web_archive(window: &[u8]) -> bool {
    matches!(header_kind(window), Some((true, _, true)))
}

/// The pages of a web archive (its text/html parts: a workbook's sheets, each a page),
/// decoded, in order; `None` when `bytes` is no web archive or holds no page.
pub(crate) fn web_archive_pages(bytes: &[u8]) -> Option<Vec<String>> {
    let head = &bytes[..bytes.len().min(8192)];
    if !looks_like_web_archive(head) {
        return None;
    }
    let message = MessageParser::default().parse(bytes)?;
    let pages: Vec<String> = message
        .parts
        .iter()
        .filter_map(|part| match &part.body {
            mail_parser::PartType::Html(page) => Some(page.to_string()),
            _ => None,
        })
        .collect();
    (!pages.is_empty()).then_some(pages)
}

/// The header block at the top of `window`: (MIME lines, envelope lines, a
/// multipart/related type), or `None` when it is no header.
fn header_kind(window: &[u8]) -> Option<(bool, bool, bool)> {
    // Read as bytes, line by line: a header's names are ASCII, and a GBK table (most
    // CSV returns) is refused at its first line without decoding the whole window.
    let mut window = window;
    while let Some(rest) = window.strip_prefix("\u{feff}".as_bytes()) {
        window = rest;
    }
    let mut mime = false;
    let mut envelope = false;
    let mut related = false;
    for line in window.split(|&b| b == b'\n').take(200) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if is_blank(line) {
            break;
        }
        // A folded line continues the header above it.
        if line.starts_with(b" ") || line.starts_with(b"\t") {
            continue;
        }
        let colon = memchr::memchr(b':', line)?;
        let name = &line[..colon];
        if name.is_empty() || !name.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-') {
            return None;
        }
        match name.to_ascii_lowercase().as_slice() {
            b"content-type" => {
                mime = true;
                related |= line[colon + 1..]
                    .to_ascii_lowercase()
                    .windows(17)
                    .any(|w| w == b"multipart/related");
            }
            b"mime-version" => mime = true,
            b"from" | b"to" | b"subject" | b"date" | b"received" | b"message-id"
            | b"return-path" => envelope = true,
            _ => {}
        }
    }
    Some((mime, envelope, related))
}

/// A line of nothing but white space (any Unicode space, as `str::trim` takes).
fn is_blank(line: &[u8]) -> bool {
    if line.is_ascii() {
        line.iter().all(|&b| char::from(b).is_whitespace())
    } else {
        String::from_utf8_lossy(line).trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAIL: &str = "From: =?UTF-8?B?5Yy65rC05Yip5bGA?= <slj@example.cn>\r\n\
To: sthjj@example.cn\r\n\
Subject: =?UTF-8?B?5pW05pS56L+b5bGV?=\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b1\"\r\n\
\r\n\
--b1\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
\r\n\
see attached\r\n\
--b1\r\n\
Content-Type: application/octet-stream; name=\"a.csv\"\r\n\
Content-Disposition: attachment; filename=\"a.csv\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
MSwy\r\n\
--b1\r\n\
Content-Type: application/octet-stream\r\n\
Content-Disposition: attachment; filename=\"a.csv\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
Myw0\r\n\
--b1--\r\n";

    #[test]
    fn attachments_come_out_by_name_the_second_numbered() {
        let mut seen = Vec::new();
        for_each_attachment(MAIL.as_bytes(), &Limits::default(), |name, bytes| {
            seen.push((name, bytes.unwrap()));
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                ("a(2).csv".to_string(), b"3,4".to_vec()),
                ("a.csv".to_string(), b"1,2".to_vec())
            ]
        );
    }

    #[test]
    fn a_mail_header_is_told_from_a_csv() {
        assert!(looks_like_mail(MAIL.as_bytes()));
        assert!(!looks_like_mail(
            "序号,具体举措,完成状态\n1,a,已完成\n".as_bytes()
        ));
        assert!(!looks_like_mail(b"Subject: only\r\n\r\nbody"));
        assert!(!looks_like_mail(
            "填报单位: 区水利局\nMIME-Version: 1.0\n".as_bytes()
        ));
    }
}
