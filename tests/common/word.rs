//! Word returns and zip bundles built in code: docx-rs for the documents, a small
//! stored-zip writer for bundles (raw entry names: GBK as Chinese Windows writes them),
//! and an independent count of a document's non-empty rows.

#![allow(dead_code)]

use std::io::Cursor;

use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow, VMergeType};

/// A paragraph of one run.
pub fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

/// A table cell with one paragraph per text (none: an empty cell).
pub fn cell(paragraphs: &[&str]) -> TableCell {
    let mut c = TableCell::new();
    for p in paragraphs {
        c = c.add_paragraph(para(p));
    }
    c
}

/// A cell starting a vertical merge.
pub fn merge_start(text: &str) -> TableCell {
    cell(&[text]).vertical_merge(VMergeType::Restart)
}

/// A cell continuing the vertical merge above.
pub fn merge_continue() -> TableCell {
    TableCell::new().vertical_merge(VMergeType::Continue)
}

/// A row of one-paragraph cells.
pub fn text_row(texts: &[&str]) -> TableRow {
    TableRow::new(texts.iter().map(|t| cell(&[t])).collect())
}

pub fn table(rows: Vec<TableRow>) -> Table {
    Table::new(rows)
}

/// The document as .docx bytes.
pub fn docx_bytes(doc: Docx) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    doc.build().pack(&mut buf).unwrap();
    buf.into_inner()
}

/// A zip of stored entries with the names exactly as given (no UTF-8 flag: a GBK name
/// is written the way Chinese Windows writes it).
pub fn zip_raw(entries: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let header = |sig: &[u8], central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(sig);
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags: no UTF-8 flag
            h.extend_from_slice(&0u16.to_le_bytes()); // stored
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&0u16.to_le_bytes()); // comment
                h.extend_from_slice(&0u16.to_le_bytes()); // disk
                h.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
                h.extend_from_slice(&0u32.to_le_bytes()); // external attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name);
            h
        };
        out.extend(header(b"PK\x03\x04", false));
        out.extend_from_slice(data);
        central.extend(header(b"PK\x01\x02", true));
    }
    let start = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A name as GBK bytes.
pub fn gbk(name: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(name).0.into_owned()
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Non-empty rows of a .docx counted from its XML, independently of rectify's reader:
/// body paragraphs with text, and rows of top-level tables with text in a cell.
pub fn docx_non_empty_rows(bytes: &[u8]) -> usize {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut tables, mut in_t, mut text, mut count) = (0usize, false, false, 0usize);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => match e.local_name().as_ref() {
                "tbl" => tables += 1,
                "t" => in_t = true,
                "tr" if tables == 1 => text = false,
                "p" if tables == 0 => text = false,
                _ => {}
            },
            Event::Text(t) if in_t && !t.xml10_content().trim().is_empty() => text = true,
            Event::End(e) => match e.local_name().as_ref() {
                "tbl" => tables -= 1,
                "t" => in_t = false,
                "tr" if tables == 1 && text => count += 1,
                "p" if tables == 0 && text => {
                    count += 1;
                    text = false;
                }
                _ => {}
            },
            Event::Eof => return count,
            _ => {}
        }
    }
}

/// A paragraph of texts with a tab between each two (`\t` in `line`), as a table typed
/// without a Word table.
pub fn tabbed_para(line: &str) -> Paragraph {
    let mut run = Run::new();
    for (i, text) in line.split('\t').enumerate() {
        if i > 0 {
            run = run.add_tab();
        }
        run = run.add_text(text);
    }
    Paragraph::new().add_run(run)
}

/// A Word package of `body` (WordprocessingML inside `<w:body>`), the document's
/// relationships `rels` (id, type's last segment, target) and extra `parts`.
pub fn word_package(body: &str, rels: &[(&str, &str, &str)], parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
 xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:v="urn:schemas-microsoft-com:vml">
<w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let rels: String = rels
        .iter()
        .map(|(id, kind, target)| {
            format!(
                r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>"#
            )
        })
        .collect();
    let rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
    );
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
    ];
    entries.extend(parts.iter().map(|(n, b)| (*n, b.as_slice())));
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

pub fn word_para(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// An embedded OLE object's paragraph: its picture and the object (r:id `rid`).
pub fn ole_object(prog_id: &str, rid: &str) -> String {
    format!(
        r#"<w:p><w:r><w:object><v:shape id="s1" o:ole=""><v:imagedata r:id="rIdPic"/></v:shape><o:OLEObject Type="Embed" ProgID="{prog_id}" ShapeID="s1" r:id="{rid}"/></w:object></w:r></w:p>"#
    )
}

/// A Word package of `body` with an Excel object after it: the workbook `xlsx` embedded
/// (word/embeddings/Microsoft_Excel_Worksheet.xlsx) and shown by its picture.
pub fn with_excel_object(body: &str, xlsx: Vec<u8>) -> Vec<u8> {
    word_package(
        &format!("{body}{}", ole_object("Excel.Sheet.12", "rIdOle1")),
        &[(
            "rIdOle1",
            "package",
            "embeddings/Microsoft_Excel_Worksheet.xlsx",
        )],
        &[("word/embeddings/Microsoft_Excel_Worksheet.xlsx", xlsx)],
    )
}
