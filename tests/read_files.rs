//! Integration tests for `read_file` (ingest's format layer): fixtures are built in code.

mod common;

use common::word::{ole_object, with_excel_object, word_package, word_para};

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rectify::{read_file, sniff, Cell, Format, Limits, Merge, ReadErrorKind, ReadOutput};
use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Workbook};
use zip::write::SimpleFileOptions;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn read(p: &Path) -> ReadOutput {
    read_file(p, &Limits::default()).unwrap_or_else(|e| panic!("{p:?}: {e}"))
}

fn kind(p: &Path) -> ReadErrorKind {
    match read_file(p, &Limits::default()) {
        Ok(out) => panic!("{p:?} read as {:?}", out.format),
        Err(e) => {
            // Every message a user reads is Chinese.
            assert!(
                e.to_string()
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{e}"
            );
            e.kind()
        }
    }
}

/// Sheet "进度" with a merged title, a number and a date; sheet "隐藏" hidden.
fn plain_xlsx() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("进度").unwrap();
    ws.merge_range(0, 0, 0, 2, "整改情况表", &XFormat::new())
        .unwrap();
    ws.write_string(1, 0, "序号").unwrap();
    ws.write_string(1, 1, "完成时间").unwrap();
    ws.write_string(1, 2, "金额").unwrap();
    ws.write_number(2, 0, 1.0).unwrap();
    let date = ExcelDateTime::from_ymd(2024, 3, 15).unwrap();
    ws.write_datetime_with_format(2, 1, &date, &XFormat::new().set_num_format("yyyy年m月d日"))
        .unwrap();
    ws.write_number(2, 2, 12.5).unwrap();
    let hidden = wb.add_worksheet();
    hidden.set_name("隐藏").unwrap();
    hidden.write_string(0, 0, "x").unwrap();
    hidden.set_hidden(true);
    wb.save_to_buffer().unwrap()
}

fn check_plain(out: &ReadOutput) {
    assert_eq!(out.format, Format::Xlsx);
    assert_eq!(out.grids.len(), 2);
    let g = &out.grids[0];
    assert_eq!(g.name, "进度");
    assert!(!g.hidden);
    assert_eq!(
        g.merges,
        vec![Merge {
            first_row: 0,
            first_col: 0,
            last_row: 0,
            last_col: 2
        }]
    );
    assert_eq!(g.cell(0, 0), &Cell::Text("整改情况表".into()));
    assert_eq!(
        g.value_through_merge(0, 2),
        &Cell::Text("整改情况表".into())
    );
    assert!(g.cell(0, 2).is_empty());
    assert_eq!(g.cell(2, 0), &Cell::Number(1.0));
    assert_eq!(g.cell(2, 0).text(), "1");
    assert_eq!(
        g.cell(2, 1),
        &Cell::Date(NaiveDate::from_ymd_opt(2024, 3, 15).unwrap())
    );
    assert_eq!(g.cell(2, 1).text(), "2024-03-15");
    assert_eq!(g.cell(2, 2).text(), "12.5");
    assert_eq!(g.cell(99, 99), &Cell::Empty);
    assert!(out.grids[1].hidden);
    assert_eq!(out.grids[1].name, "隐藏");
}

#[test]
fn plain_xlsx_merges_dates_numbers_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "a.xlsx", &plain_xlsx());
    check_plain(&read(&p));
}

#[test]
fn xlsx_under_wrong_extension_is_still_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = plain_xlsx();
    for name in ["renamed.XLS", "renamed.csv", "noext"] {
        let p = write(dir.path(), name, &bytes);
        check_plain(&read(&p));
        assert_eq!(sniff(&p, &bytes, &Limits::default()).unwrap(), Format::Xlsx);
    }
}

#[test]
fn gbk_csv_with_crlf_and_quoted_newline() {
    let dir = tempfile::tempdir().unwrap();
    let text = "序号,单位,整改措施\r\n1,市财政局,\"第一条\r\n第二条\"\r\n2,,已完成\r\n";
    let (gbk, _, bad) = encoding_rs::GBK.encode(text);
    assert!(!bad);
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "fixture must not be UTF-8"
    );
    let p = write(dir.path(), "财政局.csv", &gbk);
    let out = read(&p);
    assert_eq!(out.format, Format::Csv);
    let g = &out.grids[0];
    assert_eq!(g.name, "财政局");
    assert_eq!(g.rows.len(), 3);
    assert_eq!(g.cell(0, 1), &Cell::Text("单位".into()));
    assert_eq!(g.cell(1, 2), &Cell::Text("第一条\r\n第二条".into()));
    assert_eq!(g.cell(2, 1), &Cell::Empty);
    // Numbers stay text in CSV.
    assert_eq!(g.cell(2, 0), &Cell::Text("2".into()));
}

#[test]
fn utf8_bom_csv_and_semicolons() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice("单位;进度;备注\n教育局;50%;无\n卫健委;100%;\n".as_bytes());
    let p = write(dir.path(), "x.CSV", &bytes);
    let g = &read(&p).grids[0];
    assert_eq!(
        g.cell(0, 0),
        &Cell::Text("单位".into()),
        "BOM must be stripped"
    );
    assert_eq!(g.cell(2, 1), &Cell::Text("100%".into()));
    assert_eq!(g.rows[2].len(), 2, "trailing empty field not stored");
}

#[test]
fn tab_separated_with_commas_in_fields() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "单位\t措施\t时限\n甲\t一、完善制度，二、加强培训\t2024年\n乙\t已整改，已销号\t2023年\n";
    let p = write(dir.path(), "t.txt", text.as_bytes());
    let g = &read(&p).grids[0];
    assert_eq!(
        g.cell(1, 1),
        &Cell::Text("一、完善制度，二、加强培训".into())
    );
    assert_eq!(g.cell(2, 2), &Cell::Text("2023年".into()));
}

#[test]
fn utf16le_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "a,b\r\n单位,1\r\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let p = write(dir.path(), "u.csv", &bytes);
    assert_eq!(read(&p).grids[0].cell(1, 0), &Cell::Text("单位".into()));
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "e.xlsx", b"");
    assert_eq!(kind(&p), ReadErrorKind::Empty);
}

#[test]
fn random_bytes_png_pdf_are_not_spreadsheets() {
    let dir = tempfile::tempdir().unwrap();
    // Deterministic pseudo-random bytes (xorshift), zero bytes included.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let p = write(dir.path(), "r.xlsx", &noise);
    assert_eq!(kind(&p), ReadErrorKind::NotSpreadsheet);
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&[0; 64]);
    let p = write(dir.path(), "p.xls", &png);
    let e = read_file(&p, &Limits::default()).unwrap_err();
    assert_eq!(e.kind(), ReadErrorKind::NotSpreadsheet);
    assert!(e.to_string().contains("图片"), "{e}");
    let p = write(dir.path(), "d.csv", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    assert_eq!(kind(&p), ReadErrorKind::NotSpreadsheet);
    // XML that is no spreadsheet is named as such, not parsed as CSV.
    let p = write(
        dir.path(),
        "x.xls",
        b"<?xml version=\"1.0\"?><root><a>1</a></root>",
    );
    let e = read_file(&p, &Limits::default()).unwrap_err();
    assert_eq!(e.kind(), ReadErrorKind::NotSpreadsheet);
    assert!(e.to_string().contains("XML"), "{e}");
}

/// An OA system's “导出Excel”: a GB2312 web page named .xls, as Excel's own web page
/// save writes it (conditional comments, `x:` attributes, a hidden row and column).
const OA_EXPORT: &str = r#"<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<title>整改进展</title>
<style>td {mso-number-format:"\@";}</style>
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>
<x:Name>Sheet1</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->
</head>
<body link=blue>
<table border=0 cellpadding=0 cellspacing=0 width=600>
 <col width=40><col width=0 style='display:none'><col width=200 span=2>
 <tr><td colspan=4 class=xl65>区水利局整改进展情况表</td></tr>
 <tr height=0 style='display:none'><td>旧</td><td>旧</td><td>旧</td><td>旧</td></tr>
 <tr><td>序号</td><td>备用</td><td>整改进展</td><td>完成状态</td></tr>
 <tr><td rowspan=2 x:num>5</td><td>&nbsp;</td><td>已建成
  管网<br>3.2公里</td><td><s>正在推进</s>已完成</td></tr>
 <tr><td></td><td>续</td><td x:str>正在推进</td></tr>
</table>
<p>填报人：张三&nbsp;&nbsp;电话：49800000</p>
</body></html>"#;

#[test]
fn a_web_page_named_xls_is_read_as_its_table() {
    let dir = tempfile::tempdir().unwrap();
    let (gb, _, unmappable) = encoding_rs::GBK.encode(OA_EXPORT);
    assert!(!unmappable);
    let p = write(dir.path(), "水利局.xls", &gb);
    let out = read(&p);
    assert_eq!(out.format, Format::Html);
    let g = &out.grids[0];
    assert_eq!(g.name, "整改进展");
    let text = |r: usize, c: usize| g.cell(r, c).text();
    assert_eq!(text(0, 0), "区水利局整改进展情况表");
    assert!(g.merges.contains(&Merge {
        first_row: 0,
        first_col: 0,
        last_row: 0,
        last_col: 3
    }));
    assert_eq!((text(2, 0), text(2, 3)), ("序号".into(), "完成状态".into()));
    // The source file's line break is white space; <br> is a break; struck words out.
    assert_eq!(text(3, 2), "已建成 管网\n3.2公里");
    assert_eq!(text(3, 3), "已完成");
    assert!(g.cell(3, 1).is_empty());
    // The rowspan holds column 0 of the next row: its cells move right.
    assert!(g.merges.contains(&Merge {
        first_row: 3,
        first_col: 0,
        last_row: 4,
        last_col: 0
    }));
    assert_eq!(
        (text(4, 1), text(4, 2), text(4, 3)),
        ("".into(), "续".into(), "正在推进".into())
    );
    assert_eq!(g.hidden_rows, vec![1]);
    assert_eq!(g.hidden_cols, vec![1]);
    // Text outside the table is a paragraph row.
    assert_eq!(text(5, 0), "填报人：张三 电话：49800000");
    assert_eq!(g.paragraphs, vec![5]);
    // UTF-8 without a charset, and a bare table.
    let p = write(
        dir.path(),
        "h.xls",
        "<table><tr><td>单位</td><th>区水利局</th></tr></table>".as_bytes(),
    );
    let out = read(&p);
    assert_eq!(
        (out.format, out.grids[0].cell(0, 1).text()),
        (Format::Html, "区水利局".into())
    );
}

/// Excel's “单个文件网页” (MHTML) named .xls, as OA exports write it too: a MIME header
/// (Excel adds From, Subject and Date lines), a page per sheet. Each page is a sheet;
/// before, the file was read as CSV and said to hold no table.
#[test]
fn a_web_archive_named_xls_is_read_as_its_pages() {
    let page = |title: &str, cell: &str| {
        format!(
            "<html><head><meta charset=utf-8><title>{title}</title></head><body>\
             <table><tr><td>序号</td><td>整改进展</td></tr><tr><td>5</td><td>{cell}</td></tr>\
             </table></body></html>"
        )
    };
    let archive = format!(
        "From: <Saved by Microsoft Excel>\r\nSubject: 整改进展\r\nDate: Thu, 3 Dec 2020 \
         10:00:00 +0800\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; \
         boundary=\"----=_NextPart_X\"\r\n\r\nThis document is a Single File Web Page.\r\n\
         \r\n------=_NextPart_X\r\nContent-Location: file:///C:/X/sheet001.htm\r\n\
         Content-Transfer-Encoding: 8bit\r\nContent-Type: text/html; charset=\"utf-8\"\r\n\
         \r\n{}\r\n------=_NextPart_X\r\nContent-Location: file:///C:/X/sheet002.htm\r\n\
         Content-Transfer-Encoding: 8bit\r\nContent-Type: text/html; charset=\"utf-8\"\r\n\
         \r\n{}\r\n------=_NextPart_X--\r\n",
        page("区司法局", "已开展普法宣传12场。"),
        page("附表", "已完成。")
    );
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "区司法局.xls", archive.as_bytes());
    let out = read(&p);
    assert_eq!(out.format, Format::Html);
    let sheets: Vec<(String, String)> = out
        .grids
        .iter()
        .map(|g| (g.name.clone(), g.cell(1, 1).text()))
        .collect();
    assert_eq!(
        sheets,
        [
            ("区司法局".to_string(), "已开展普法宣传12场。".to_string()),
            ("附表".to_string(), "已完成。".to_string())
        ]
    );
}

/// A Word document whose body is an imported web page (w:altChunk: an OA system's
/// “导出Word”): the page's table is read as the document's. Before, the file was said to
/// be empty.
#[test]
fn a_word_document_of_an_imported_page_is_read_as_that_page() {
    let document = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<w:body><w:altChunk r:id="htmlChunk"/><w:sectPr/></w:body></w:document>"#;
    let page = "<html><head><meta charset=utf-8></head><body><p>填报单位：区司法局</p>                <table><tr><td>序号</td><td>整改进展</td></tr>                <tr><td>61</td><td>已开展普法宣传12场。</td></tr></table></body></html>";
    let letterhead = r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>重庆市永川区司法局</w:t></w:r></w:p></w:hdr>"#;
    let bytes = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", document),
        ("word/header1.xml", letterhead.as_bytes()),
        ("word/afchunk.htm", page.as_bytes()),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "区司法局.docx", &bytes);
    let out = read(&p);
    assert_eq!(out.format, Format::Docx);
    assert_eq!(out.grids.len(), 1, "the empty body is no sheet");
    let g = &out.grids[0];
    // The letterhead stays with the page.
    assert_eq!(g.page_header, "重庆市永川区司法局");
    assert_eq!(g.cell(0, 0).text(), "填报单位：区司法局");
    assert_eq!(
        (g.cell(2, 0).text(), g.cell(2, 1).text()),
        ("61".to_string(), "已开展普法宣传12场。".to_string())
    );
}

/// A table pasted into Word as an Excel object: the body shows its picture; the
/// workbook is a part of the package (an .xlsx for Excel.Sheet.12, an .xls in an OLE
/// container for Excel.Sheet.8). Its sheets are read as the document's, after the
/// body's title line, with an info saying where the table was. Before: “没有读到表格”.
#[test]
fn a_table_pasted_into_word_as_an_excel_object_is_read_from_the_object() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = with_excel_object(&word_para("填报单位：区经济信息委"), plain_xlsx());
    let out = read(&write(dir.path(), "区经济信息委.docx", &bytes));
    assert_eq!(out.format, Format::Docx);
    let names: Vec<&str> = out.grids.iter().map(|g| g.name.as_str()).collect();
    // The body's lines, then the object's sheets (its hidden one kept hidden, as in a
    // workbook).
    assert_eq!(names, ["正文", "进度", "隐藏"]);
    assert!(!out.grids[1].hidden && out.grids[2].hidden);
    assert_eq!(out.grids[0].cell(0, 0).text(), "填报单位：区经济信息委");
    assert_eq!(out.grids[1].cell(1, 1).text(), "完成时间");
    assert!(
        out.infos.iter().any(|i| i.contains("嵌入的Excel对象")),
        "{:?}",
        out.infos
    );
    assert!(
        out.notes.iter().all(|n| !n.contains("嵌入")),
        "{:?}",
        out.notes
    );

    // Excel 97-2003 (an .xls in an OLE container, oleObject1.bin), and nothing else in
    // the body: the object's sheet is the document's only one.
    let xls = std::fs::read(fixture("xls/standard.xls")).unwrap();
    let bytes = word_package(
        &ole_object("Excel.Sheet.8", "rIdOle1"),
        &[("rIdOle1", "oleObject", "embeddings/oleObject1.bin")],
        &[("word/embeddings/oleObject1.bin", xls)],
    );
    let out = read(&write(dir.path(), "区水利局.docx", &bytes));
    let names: Vec<&str> = out.grids.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Sheet1"]);
    assert!(out.grids[0].rows.len() > 3);

    // An object that does not open: passed over, with a note asking for the table.
    let bytes = word_package(
        &ole_object("Excel.Sheet.12", "rIdOle1"),
        &[(
            "rIdOle1",
            "package",
            "embeddings/Microsoft_Excel_Worksheet.xlsx",
        )],
        &[(
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx",
            plain_xlsx()[..400].to_vec(),
        )],
    );
    let out = read(&write(dir.path(), "区财政局.docx", &bytes));
    assert!(out.grids.iter().all(|g| g.rows.is_empty()));
    assert!(
        out.notes.iter().any(|n| n.contains("无法读取")),
        "{:?}",
        out.notes
    );
}

/// Workbooks a Word document holds that are not the body's object are not its table:
/// a chart's data (the chart's part names it, not the document) beside prose, and an
/// object beside a table of the body's own.
#[test]
fn a_charts_workbook_or_an_object_beside_the_bodys_table_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let chart_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" Target="../embeddings/Microsoft_Excel_Worksheet.xlsx"/></Relationships>"#;
    let bytes = word_package(
        &word_para("今年以来，我局全力推进整改工作，情况如下图。"),
        &[("rId5", "chart", "charts/chart1.xml")],
        &[
            ("word/charts/chart1.xml", b"<c:chartSpace/>".to_vec()),
            (
                "word/charts/_rels/chart1.xml.rels",
                chart_rels.as_bytes().to_vec(),
            ),
            (
                "word/embeddings/Microsoft_Excel_Worksheet.xlsx",
                plain_xlsx(),
            ),
        ],
    );
    let out = read(&write(dir.path(), "情况汇报.docx", &bytes));
    assert_eq!(out.grids.len(), 1);
    assert!(out.infos.is_empty());

    let table = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>整改进展</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:tc><w:p><w:r><w:t>28</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>已完成。</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    let bytes = with_excel_object(table, plain_xlsx());
    let out = read(&write(dir.path(), "区水利局.docx", &bytes));
    assert_eq!(out.grids.len(), 1);
    assert_eq!(out.grids[0].cell(1, 1).text(), "已完成。");
}

/// A document merged in whole (w:altChunk pointing to a .docx part, as document
/// assembly tools and OA “导出Word” merge them): its body is read after the outer
/// document's lines. An import of an import is read; one deeper is not (a package
/// holding itself would never end).
#[test]
fn a_word_document_merged_into_a_word_document_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let inner = word_package(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>整改进展</w:t></w:r></w:p></w:tc></w:tr>\
         <w:tr><w:tc><w:p><w:r><w:t>61</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>已开展巡逻86次。</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        &[],
        &[],
    );
    let wrap = |inner: Vec<u8>, line: &str| {
        word_package(
            &format!("{}<w:altChunk r:id=\"AltChunk1\"/>", word_para(line)),
            &[("AltChunk1", "aFChunk", "/word/afchunk.docx")],
            &[("word/afchunk.docx", inner)],
        )
    };
    let outer = wrap(inner.clone(), "填报单位：区公安局");
    let out = read(&write(dir.path(), "区公安局.docx", &outer));
    let names: Vec<&str> = out.grids.iter().map(|g| g.name.as_str()).collect();
    // Two sheets of one document named alike: the second gets its place.
    assert_eq!(names, ["正文", "正文2"]);
    assert_eq!(out.grids[0].cell(0, 0).text(), "填报单位：区公安局");
    assert_eq!(out.grids[1].cell(1, 1).text(), "已开展巡逻86次。");

    // Imported twice over: read. Three times over: the innermost is not.
    let twice = wrap(wrap(inner.clone(), "第二层"), "第一层");
    let out = read(&write(dir.path(), "twice.docx", &twice));
    assert!(out
        .grids
        .iter()
        .any(|g| g.row_text(1).contains("已开展巡逻")));
    let thrice = wrap(wrap(wrap(inner, "第三层"), "第二层"), "第一层");
    let out = read(&write(dir.path(), "thrice.docx", &thrice));
    assert!(out.grids.iter().any(|g| g.row_text(0).contains("第三层")));
    assert!(!out
        .grids
        .iter()
        .any(|g| g.rows.len() > 1 && g.row_text(1).contains("已开展巡逻")));
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn docx_like_zip_is_word() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"<w:document/>"),
    ]);
    // A Word document whatever its name: read as one sheet (here an empty one).
    let p = write(dir.path(), "report.xlsx", &bytes);
    let out = read(&p);
    assert_eq!(out.format, Format::Docx);
    assert_eq!(out.grids.len(), 1);
    assert!(out.grids[0].rows.is_empty());
    // A plain zip archive is a bundle: not one spreadsheet (ingest reads its files).
    let zip = zip_of(&[("a.txt", b"x")]);
    let p = write(dir.path(), "a.zip", &zip);
    assert_eq!(sniff(&p, &zip, &Limits::default()).unwrap(), Format::Zip);
    assert_eq!(kind(&p), ReadErrorKind::NotSpreadsheet);
}

#[test]
fn truncated_xlsx_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = plain_xlsx();
    let p = write(dir.path(), "t.xlsx", &bytes[..bytes.len() * 2 / 3]);
    assert_eq!(kind(&p), ReadErrorKind::Corrupt);
    // Central directory intact, one entry's data damaged: CRC or inflate fails.
    let mut damaged = bytes.clone();
    for b in damaged[200..600].iter_mut() {
        *b ^= 0x5A;
    }
    let p = write(dir.path(), "d.xlsx", &damaged);
    assert_eq!(kind(&p), ReadErrorKind::Corrupt);
}

/// A minimal OLE file: the magic, then one 128-byte directory entry at 512.
/// This covers the directory-entry byte check only (the name, its length
/// field and the stream type), not a full CFB parse.
fn fake_ole(stream: &str) -> Vec<u8> {
    let mut bytes = vec![0u8; 1536];
    bytes[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let entry = 512 + 128; // second directory entry (the first is Root Entry)
    let name: Vec<u8> = stream
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    bytes[entry..entry + name.len()].copy_from_slice(&name);
    let len = ((stream.encode_utf16().count() + 1) * 2) as u16;
    bytes[entry + 64..entry + 66].copy_from_slice(&len.to_le_bytes());
    bytes[entry + 66] = 2;
    bytes
}

#[test]
fn encrypted_ooxml_and_old_word_in_ole() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "enc.xlsx", &fake_ole("EncryptedPackage"));
    let e = read_file(&p, &Limits::default()).unwrap_err();
    assert_eq!(e.kind(), ReadErrorKind::Encrypted);
    assert!(e.to_string().contains("密码"));
    // A legacy Word document is told apart from a workbook (ingest converts it).
    let doc = fake_ole("WordDocument");
    let p = write(dir.path(), "old.xls", &doc);
    assert_eq!(sniff(&p, &doc, &Limits::default()).unwrap(), Format::Doc);
    // The name inside cell text (not at a directory-entry position) is ignored:
    // this one goes on to the xls parser, which finds no workbook stream.
    let mut bytes = fake_ole("Workbook");
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    bytes[1000..1000 + name.len()].copy_from_slice(&name);
    let p = write(dir.path(), "x.xls", &bytes);
    assert_eq!(kind(&p), ReadErrorKind::Corrupt);
}

/// Entries of a real xlsx, with sheet1.xml replaced by `body` chunks.
fn xlsx_with_sheet_stream(chunk: &[u8], repeats: usize) -> Vec<u8> {
    let base = plain_xlsx();
    let mut src = zip::ZipArchive::new(Cursor::new(base)).unwrap();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_level(Some(1));
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        w.start_file(name.as_str(), opts).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            w.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).unwrap();
            for _ in 0..repeats {
                w.write_all(chunk).unwrap();
            }
            w.write_all(b"</sheetData></worksheet>").unwrap();
        } else {
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            w.write_all(&data).unwrap();
        }
    }
    w.finish().unwrap().into_inner()
}

/// Rich text kept in the sheet as an inline string (openpyxl writes it so): its struck
/// runs are withdrawn words, taken out as in shared strings; a cell struck whole is
/// emptied; an inline string without a strike is read whole.
#[test]
fn struck_runs_of_inline_strings_are_taken_out() {
    let row = r#"<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><strike val="1"/></rPr><t>正在推进</t></r><r><t xml:space="preserve"> 已完成</t></r></is></c><c r="B1" t="inlineStr"><is><r><rPr><strike/></rPr><t>旧的进展</t></r></is></c><c r="C1" t="inlineStr"><is><r><rPr><b/></rPr><t>加粗</t></r><r><t>照常</t></r></is></c></row>"#;
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "inline.xlsx",
        &xlsx_with_sheet_stream(row.as_bytes(), 1),
    );
    let out = read(&p);
    let g = &out.grids[0];
    assert_eq!(g.cell(0, 0), &Cell::Text("已完成".into()));
    assert_eq!(g.cell(0, 1), &Cell::Empty);
    assert_eq!(g.cell(0, 2), &Cell::Text("加粗照常".into()));
    assert!(
        out.notes
            .iter()
            .any(|n| n.contains("2个单元格含删除线文字")),
        "{:?}",
        out.notes
    );
}

/// sheet1.xml inflating to 1.1 GiB (built once, streamed in 1 MiB chunks).
fn bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| {
        let row = br#"<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAA</t></is></c></row>"#;
        let chunk: Vec<u8> = row
            .iter()
            .copied()
            .cycle()
            .take(row.len() * 16384)
            .collect();
        let repeats = (1100 * 1024 * 1024) / chunk.len() + 1;
        xlsx_with_sheet_stream(&chunk, repeats)
    })
}

#[test]
fn zip_bomb_is_refused_quickly() {
    let bytes = bomb();
    assert!(
        bytes.len() < 20 * 1024 * 1024,
        "bomb is {} bytes",
        bytes.len()
    );
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "bomb.xlsx", bytes);
    let t = Instant::now();
    let e = read_file(&p, &Limits::default()).unwrap_err();
    assert_eq!(e.kind(), ReadErrorKind::TooLarge, "{e}");
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
}

/// The same bomb with its size fields patched to claim 4,000 bytes: the
/// declared-size checks pass; the zip reader yields no more than an entry's declared
/// size, so the lie ends in a CRC error (damaged), quickly.
#[test]
fn zip_bomb_with_lying_sizes_is_refused_quickly() {
    let mut bytes = bomb().to_vec();
    let name = b"xl/worksheets/sheet1.xml";
    let claim = 4000u32.to_le_bytes();
    let mut patched = 0;
    // Local header: size at 22; central directory: size at 24.
    for (sig, size_at, name_at) in [(b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)] {
        let mut i = 0;
        while i + name_at + name.len() <= bytes.len() {
            if &bytes[i..i + 4] == sig && &bytes[i + name_at..i + name_at + name.len()] == name {
                bytes[i + size_at..i + size_at + 4].copy_from_slice(&claim);
                patched += 1;
            }
            i += 1;
        }
    }
    assert_eq!(patched, 2);
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "liar.xlsx", &bytes);
    let t = Instant::now();
    // The lying sheet is damaged: the workbook's other sheet still reads, and the note
    // names the sheet skipped.
    let out = read(&p);
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    assert_eq!(out.grids.len(), 1, "{:?}", out.notes);
    assert_eq!(out.grids[0].name, "隐藏");
    assert!(
        out.notes
            .iter()
            .any(|n| n.contains("进度") && n.contains("已损坏")),
        "{:?}",
        out.notes
    );
}

#[test]
fn far_apart_cells_are_refused_without_a_dense_grid() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("数据").unwrap();
    ws.write_string(0, 0, "单位").unwrap();
    ws.write_string(999_999, 16_000, "远处").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "far.xlsx", &wb.save_to_buffer().unwrap());
    let t = Instant::now();
    let e = read_file(&p, &Limits::default()).unwrap_err();
    assert_eq!(e.kind(), ReadErrorKind::TooLarge);
    assert_eq!(e.sheet(), Some("数据"));
    assert!(e.to_string().contains("数据"), "{e}");
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
}

#[test]
fn many_zip_entries_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..60).map(|i| format!("xl/x{i}.xml")).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![("xl/workbook.xml", b"<workbook/>")];
    entries.extend(names.iter().map(|n| (n.as_str(), &b"x"[..])));
    let p = write(dir.path(), "m.xlsx", &zip_of(&entries));
    let limits = Limits {
        max_zip_entries: 50,
        ..Limits::default()
    };
    assert_eq!(
        read_file(&p, &limits).unwrap_err().kind(),
        ReadErrorKind::TooLarge
    );
}

#[test]
fn file_over_size_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "big.csv", &[b'a'; 2048]);
    let limits = Limits {
        max_file_bytes: 1024,
        ..Limits::default()
    };
    assert_eq!(
        read_file(&p, &limits).unwrap_err().kind(),
        ReadErrorKind::TooLarge
    );
    assert_eq!(
        read_file(&dir.path().join("missing.xlsx"), &limits)
            .unwrap_err()
            .kind(),
        ReadErrorKind::Io
    );
}

const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

fn ods_with_table(table_body: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="表1">{table_body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_of(&[
        ("mimetype", ODS_MIME),
        ("content.xml", content.as_bytes()),
        ("META-INF/manifest.xml", b"<manifest/>"),
    ])
}

#[test]
fn ods_small_reads_and_repeats_bomb_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ok = ods_with_table(
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>单位</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2020-09-30"><text:p>2020-09-30</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
    );
    let p = write(dir.path(), "ok.ods", &ok);
    let out = read(&p);
    assert_eq!(out.format, Format::Ods);
    let g = &out.grids[0];
    assert_eq!(g.name, "表1");
    assert_eq!(g.cell(0, 0), &Cell::Text("单位".into()));
    assert_eq!(
        g.cell(0, 1),
        &Cell::Date(NaiveDate::from_ymd_opt(2020, 9, 30).unwrap())
    );
    assert_eq!(g.rows.len(), 1);

    // One non-empty cell repeated over 16,000 columns and 1,000,000 rows:
    // calamine would build ~100 million cells; the pre-scan refuses it.
    let bomb = ods_with_table(
        r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#,
    );
    let p = write(dir.path(), "bomb.ods", &bomb);
    let t = Instant::now();
    let e = read_file(&p, &Limits::default()).unwrap_err();
    assert_eq!(e.kind(), ReadErrorKind::TooLarge);
    assert_eq!(e.sheet(), Some("表1"));
    assert!(t.elapsed() < Duration::from_secs(1));
}

/// Rows hidden in an .xls (ROW records with fDyZero) are the grid's hidden rows.
#[test]
fn xls_hidden_rows_are_recorded() {
    let p =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xls/hidden_rows.xls");
    let out = read(&p);
    assert_eq!(out.format, Format::Xls);
    assert_eq!(out.grids[0].name, "进展");
    assert_eq!(out.grids[0].hidden_rows, [1, 3]);
}

/// Struck-through text in an .xls is withdrawn as in an xlsx: cells in a struck font
/// are empty, struck runs of a shared string are cut (also past the string table's first
/// record), with the note (adv52 a1: WPS and LibreOffice .xls read 正在推进已完成).
#[test]
fn xls_struck_text_is_withdrawn() {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xls/struck.xls");
    let out = read(&p);
    let g = &out.grids[0];
    assert_eq!(g.cell(0, 1), &Cell::Text("已完成".into()));
    assert!(
        g.cell(1, 0).is_empty() && g.cell(1, 1).is_empty(),
        "{:?}",
        g.rows[1]
    );
    assert_eq!(g.cell(2, 1), &Cell::Text("正在推进".into()));
    assert_eq!(g.cell(4, 0), &Cell::Text("填充文字0000号内容".into()));
    assert_eq!(g.cell(604, 0), &Cell::Text("本月已完成".into()));
    assert!(
        out.notes
            .iter()
            .any(|n| n.contains("有4个单元格含删除线文字，已视为删除")),
        "{:?}",
        out.notes
    );
    // A workbook without a struck font is read as it is.
    let plain =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xls/standard.xls");
    assert!(read(&plain).notes.iter().all(|n| !n.contains("删除线")));
}

/// Columns hidden in an .xls (COLINFO with fHidden, by hand or a collapsed outline
/// group) are the grid's hidden columns; so are an xlsx's (`<col hidden="1">`).
#[test]
fn xls_and_xlsx_hidden_columns_are_recorded() {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/xls/hidden_columns.xls");
    let out = read(&p);
    assert_eq!(out.format, Format::Xls);
    assert_eq!(out.grids[0].hidden_cols, [1, 3, 4]);
    assert_eq!(out.grids[0].cell(1, 4), &Cell::Text("E2".into()));
    assert!(out.grids[0].hidden_rows.is_empty());

    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("cols.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for c in 0..6u16 {
        ws.write_string(0, c, format!("c{c}")).unwrap();
    }
    ws.set_column_hidden(2).unwrap();
    ws.set_column_hidden(5).unwrap();
    wb.save(&p).unwrap();
    let g = &read(&p).grids[0];
    assert_eq!(g.hidden_cols, [2, 5]);
    assert!(g.col_hidden(5) && !g.col_hidden(4) && !g.col_hidden(usize::MAX));
}

/// Columns hidden in an .ods (table:table-column with table:visibility="collapse",
/// repeats counted, in a header-columns group too) are the grid's hidden columns.
#[test]
fn ods_hidden_columns_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let cells: String = (0..6)
        .map(|c| format!(r#"<table:table-cell office:value-type="string"><text:p>c{c}</text:p></table:table-cell>"#))
        .collect();
    let body = format!(
        r#"<table:table-header-columns><table:table-column/></table:table-header-columns><table:table-column table:visibility="collapse" table:number-columns-repeated="2"/><table:table-column/><table:table-column table:visibility="collapse"/><table:table-column table:number-columns-repeated="1020"/><table:table-row>{cells}</table:table-row>"#
    );
    let p = write(dir.path(), "cols.ods", &ods_with_table(&body));
    let g = &read(&p).grids[0];
    assert_eq!(g.hidden_cols, [1, 2, 4]);
    assert_eq!(g.cell(0, 5), &Cell::Text("c5".into()));
}

/// Rows hidden by hand in an .ods (table:visibility="collapse", repeats counted) are
/// the grid's hidden rows, as in xlsx; rows a filter hides ("filter") and empty hidden
/// rows are not.
#[test]
fn ods_hidden_rows_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let row = |attrs: &str, text: &str| {
        format!(
            r#"<table:table-row{attrs}><table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell></table:table-row>"#
        )
    };
    let body = [
        row("", "a"),
        row(r#" table:visibility="collapse""#, "b"),
        r#"<table:table-row table:visibility="collapse"><table:table-cell/></table:table-row>"#
            .to_string(),
        row(
            r#" table:visibility="collapse" table:number-rows-repeated="2""#,
            "c",
        ),
        row(r#" table:visibility="filter""#, "d"),
        row("", "e"),
    ]
    .concat();
    let p = write(dir.path(), "hidden.ods", &ods_with_table(&body));
    let g = &read(&p).grids[0];
    assert_eq!(g.hidden_rows, [1, 3, 4]);
    assert_eq!(g.cell(6, 0), &Cell::Text("e".into()));
}

/// Struck-through text in an .ods is withdrawn, as in an xlsx: a cell whose style strikes
/// it is empty, a struck span is cut from its cell (last month's 正在推进 struck beside
/// 已完成), and a note says how many cells lost text (adv52 a1: an .ods saved by
/// LibreOffice or WPS read 正在推进已完成, a struck row was merged into the task).
#[test]
fn ods_struck_text_is_withdrawn() {
    let dir = tempfile::tempdir().unwrap();
    let cell = |style: &str, inner: &str| {
        format!(
            r#"<table:table-cell{style} office:value-type="string"><text:p>{inner}</text:p></table:table-cell>"#
        )
    };
    let struck_style = r#" table:style-name="ce1""#;
    let rows = [
        format!(
            "<table:table-row>{}{}</table:table-row>",
            cell("", "3"),
            cell(
                "",
                r#"<text:span text:style-name="T1">正在推进</text:span> 已完成"#
            )
        ),
        format!(
            "<table:table-row>{}{}</table:table-row>",
            cell(struck_style, "30"),
            cell(struck_style, "正在推进")
        ),
        format!(
            "<table:table-row>{}{}{}</table:table-row>",
            cell("", "31"),
            cell("", "正在推进"),
            cell("", "旧状态")
        ),
    ]
    .concat();
    // The third column struck as a whole (its default cell style), as LibreOffice writes
    // a struck column (second review c 3).
    let rows = format!(
        r#"<table:table-column table:number-columns-repeated="2"/><table:table-column table:default-cell-style-name="ce1"/>{rows}"#
    );
    // LibreOffice writes a span's strike with the line-through type alone.
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:automatic-styles><style:style style:name="ce1" style:family="table-cell"><style:text-properties style:text-line-through-style="solid" style:text-line-through-type="single"/></style:style><style:style style:name="T1" style:family="text"><style:text-properties style:text-line-through-type="single"/></style:style><style:style style:name="T2" style:family="text"><style:text-properties style:text-line-through-style="none"/></style:style></office:automatic-styles><office:body><office:spreadsheet><table:table table:name="表1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let bytes = zip_of(&[
        ("mimetype", ODS_MIME),
        ("content.xml", content.as_bytes()),
        ("META-INF/manifest.xml", b"<manifest/>"),
    ]);
    let p = write(dir.path(), "struck.ods", &bytes);
    let out = read(&p);
    let g = &out.grids[0];
    assert_eq!(g.cell(0, 1), &Cell::Text("已完成".into()));
    assert!(g.cell(1, 0).is_empty() && g.cell(1, 1).is_empty(), "{g:?}");
    assert_eq!(g.cell(2, 1), &Cell::Text("正在推进".into()));
    assert!(g.cell(2, 2).is_empty(), "{g:?}");
    assert!(
        out.notes
            .iter()
            .any(|n| n.contains("有4个单元格含删除线文字，已视为删除")),
        "{:?}",
        out.notes
    );
}

/// Cells merged in an .ods (a cell spanning rows or columns, covered cells after it) are
/// the grid's merges, as an xlsx's are: a progress merged down over three tasks is each
/// task's. Before, calamine gave none and the rows below read as unfilled.
#[test]
fn ods_merged_cells_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let text = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let covered = "<table:covered-table-cell/>";
    let body = [
        format!(
            r#"<table:table-row><table:table-cell table:number-columns-spanned="3" office:value-type="string"><text:p>整改进展情况表</text:p></table:table-cell>{covered}{covered}</table:table-row>"#
        ),
        format!(
            r#"<table:table-row>{}<table:table-cell table:number-rows-spanned="3" office:value-type="string"><text:p>三项一并推进。</text:p></table:table-cell>{}</table:table-row>"#,
            text("43"),
            text("正在推进")
        ),
        format!("<table:table-row>{}{covered}{}</table:table-row>", text("44"), text("")),
        format!("<table:table-row>{}{covered}</table:table-row>", text("45")),
    ]
    .concat();
    let p = write(dir.path(), "merged.ods", &ods_with_table(&body));
    let g = &read(&p).grids[0];
    let merge = |first_row, first_col, last_row, last_col| Merge {
        first_row,
        first_col,
        last_row,
        last_col,
    };
    assert_eq!(g.merges, [merge(0, 0, 0, 2), merge(1, 1, 3, 1)]);
    assert_eq!(g.value_through_merge(3, 1).text(), "三项一并推进。");
    assert_eq!(g.cell(3, 0).text(), "45");
}

#[test]
fn cell_text_and_emptiness() {
    assert_eq!(Cell::Number(12.0).text(), "12");
    assert_eq!(Cell::Number(-3.0).text(), "-3");
    assert_eq!(Cell::Number(0.1).text(), "0.1");
    assert!(Cell::Text(" \u{3000} ".into()).is_empty());
    assert!(!Cell::Number(0.0).is_empty());
    let dt = NaiveDate::from_ymd_opt(2024, 1, 2)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap();
    assert_eq!(Cell::DateTime(dt).text(), "2024-01-02 09:30");
    let l: Limits = serde_json::from_str(r#"{"max_cells_per_sheet": 10}"#).unwrap();
    assert_eq!(l.max_cells_per_sheet, 10);
    assert_eq!(l.max_zip_entries, 5000);
}

// ---------------------------------------------------------------- issue 18

#[test]
fn default_password_xlsx_opens_and_a_real_password_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Excel encrypts with "VelvetSweatshop" when only the structure is protected.
    let locked = msoffice_crypto::encrypt_ooxml(&plain_xlsx(), "VelvetSweatshop").unwrap();
    let p = write(dir.path(), "structure.xlsx", &locked);
    let out = read(&p);
    assert_eq!(out.format, Format::Xlsx);
    check_plain(&out);
    let locked = msoffice_crypto::encrypt_ooxml(&plain_xlsx(), "秘密123").unwrap();
    let p = write(dir.path(), "secret.xlsx", &locked);
    assert_eq!(kind(&p), ReadErrorKind::Encrypted);
}

/// The standard .xls fixture with the globals' second record turned into FILEPASS.
fn xls_with_filepass() -> Vec<u8> {
    let mut bytes = std::fs::read(fixture("xls/standard.xls")).unwrap();
    let bof = bytes
        .windows(6)
        .position(|w| w == [0x09, 0x08, 0x10, 0x00, 0x00, 0x06])
        .expect("globals BOF");
    let next = bof + 4 + 16;
    bytes[next..next + 2].copy_from_slice(&0x002Fu16.to_le_bytes());
    bytes
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn encrypted_xls_is_told_encrypted_not_damaged() {
    // Everything after FILEPASS is ciphertext: the pre-scan stops there.
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "enc.xls", &xls_with_filepass());
    let e = read_file(&p, &Limits::default()).unwrap_err();
    assert_eq!(e.kind(), ReadErrorKind::Encrypted, "{e}");
    assert!(e.to_string().contains("文件已加密"), "{e}");
}

/// An OLE file with the given streams (paths; storages made as needed).
fn ole_with(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut c =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    for (path, data) in streams {
        if let Some((storage, _)) = path.rsplit_once('/') {
            if !c.exists(storage) {
                c.create_storage_all(storage).unwrap();
            }
        }
        c.create_stream(path).unwrap().write_all(data).unwrap();
    }
    c.flush().unwrap();
    c.into_inner().into_inner()
}

#[test]
fn only_the_root_streams_decide_an_ole_format() {
    let standard = std::fs::read(fixture("xls/standard.xls")).unwrap();
    let mut book = cfb::CompoundFile::open(Cursor::new(standard)).unwrap();
    let mut workbook = Vec::new();
    book.open_stream("/Workbook")
        .unwrap()
        .read_to_end(&mut workbook)
        .unwrap();
    // A workbook with an embedded Word object: its WordDocument sits in the object's
    // storage, not the root.
    let bytes = ole_with(&[
        ("/Workbook", &workbook),
        ("/MBD0001A2B3/WordDocument", b"not a spreadsheet"),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "with-object.xls", &bytes);
    assert_eq!(sniff(&p, &bytes, &Limits::default()).unwrap(), Format::Xls);
    let out = read(&p);
    assert!(!out.grids.is_empty() && !out.grids[0].rows.is_empty());
    // A Word document at the root is still one.
    let doc = ole_with(&[("/WordDocument", b"x"), ("/1Table", b"y")]);
    assert_eq!(sniff(&p, &doc, &Limits::default()).unwrap(), Format::Doc);
}

/// `plain_xlsx` with every part renamed by `rename`.
fn renamed_xlsx(rename: impl Fn(&str) -> String) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(plain_xlsx())).unwrap();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = rename(&f.name().unwrap());
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        w.start_file(name.as_str(), SimpleFileOptions::default())
            .unwrap();
        w.write_all(&data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn zip_layouts_are_decided_by_their_parts_not_one_fixed_name() {
    let dir = tempfile::tempdir().unwrap();
    // Backslashes in the part names (some Chinese software writes them).
    let bytes = renamed_xlsx(|n| n.replace('/', "\\"));
    let p = write(dir.path(), "backslash.xlsx", &bytes);
    assert_eq!(sniff(&p, &bytes, &Limits::default()).unwrap(), Format::Xlsx);
    // An ODS without its mimetype entry: the manifest says what it is.
    let content = br#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="T1"><table:table-row><table:table-cell><text:p>ID</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let manifest = br#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let ods = zip_of(&[
        ("content.xml", content),
        ("META-INF/manifest.xml", manifest),
    ]);
    let p = write(dir.path(), "no-mimetype.ods", &ods);
    assert_eq!(sniff(&p, &ods, &Limits::default()).unwrap(), Format::Ods);
    // The workbook found through _rels/.rels, not at xl/workbook.xml.
    let rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="book/workbook.xml"/></Relationships>"#;
    let moved = zip_of(&[("_rels/.rels", rels), ("book/workbook.xml", b"<workbook/>")]);
    let p = write(dir.path(), "moved.xlsx", &moved);
    assert_eq!(sniff(&p, &moved, &Limits::default()).unwrap(), Format::Xlsx);
}

/// One BIFF record: type, length, data.
fn biff_record(id: u16, data: &[u8]) -> Vec<u8> {
    let mut out = id.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
    out
}

/// A BIFF3/4 cell record's head: row, column, XF index.
fn biff_cell(row: u16, col: u16, xf: u16) -> Vec<u8> {
    [row, col, xf]
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .collect()
}

/// Class 6: an Excel 4.0 worksheet (BIFF4, a bare record stream) as a Chinese Excel
/// 4.0 saved it: GBK text, a date through its cell format, an RK integer, a formula's
/// text result. calamine reads none of BIFF2–4; rectify reads them.
#[test]
fn an_excel_4_worksheet_is_read() {
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let label = |row, col, text: &str| {
        let mut d = biff_cell(row, col, 0);
        let bytes = gbk(text);
        d.extend((bytes.len() as u16).to_le_bytes());
        d.extend(bytes);
        biff_record(0x0204, &d)
    };
    let format = |text: &str| {
        let mut d = vec![0, 0, text.len() as u8];
        d.extend(text.as_bytes());
        biff_record(0x041E, &d)
    };
    let mut s = biff_record(0x0409, &[0x00, 0x00, 0x10, 0x00, 0x00, 0x00]);
    s.extend(biff_record(0x0042, &936u16.to_le_bytes()));
    s.extend(format("General"));
    s.extend(format("yyyy/m/d"));
    // XF 0 shows format 0, XF 1 format 1 (the format index is the XF's second byte).
    s.extend(biff_record(0x0443, &[0, 0, 0, 0]));
    s.extend(biff_record(0x0443, &[0, 1, 0, 0]));
    s.extend(label(0, 0, "区水利局"));
    let mut date = biff_cell(0, 1, 1);
    date.extend(44166.0f64.to_le_bytes());
    s.extend(biff_record(0x0203, &date));
    let mut rk = biff_cell(1, 0, 0);
    rk.extend(((20u32 << 2) | 2).to_le_bytes());
    s.extend(biff_record(0x027E, &rk));
    // A formula whose result is text: the result bytes say "string", the text follows
    // in a STRING record.
    let mut formula = biff_cell(1, 1, 0);
    formula.extend([0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0]);
    s.extend(biff_record(0x0406, &formula));
    let done = gbk("已完成");
    let mut string = (done.len() as u16).to_le_bytes().to_vec();
    string.extend(done);
    s.extend(biff_record(0x0207, &string));
    s.extend(biff_record(0x000A, &[]));

    let dir = tempfile::tempdir().unwrap();
    let out = read(&write(dir.path(), "excel4.xls", &s));
    assert_eq!(out.format, Format::Xls);
    let g = &out.grids[0];
    assert_eq!(g.cell(0, 0), &Cell::Text("区水利局".into()));
    assert_eq!(
        g.cell(0, 1),
        &Cell::Date(NaiveDate::from_ymd_opt(2020, 12, 1).unwrap())
    );
    assert_eq!(g.cell(1, 0), &Cell::Number(20.0));
    assert_eq!(g.cell(1, 1), &Cell::Text("已完成".into()));
    assert!(
        out.notes.iter().any(|n| n.contains("旧版Excel格式")),
        "{:?}",
        out.notes
    );

    // The same stream cut inside a record: told 旧版Excel格式, never half read.
    let p = write(dir.path(), "cut.xls", &s[..s.len() - 20]);
    let e = read_file(&p, &Limits::default()).unwrap_err();
    assert_eq!(e.kind(), ReadErrorKind::NotSpreadsheet);
    assert!(e.to_string().starts_with("这是旧版Excel格式"), "{e}");
}

/// `plain_xlsx` with each part passed through `edit` (name, bytes) → new bytes.
fn edited_xlsx(edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    common::edit_zip(&plain_xlsx(), edit, &[])
}

fn replaced(data: Vec<u8>, from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8(data).unwrap();
    assert!(text.contains(from), "fixture: {from:?} not in {text}");
    text.replacen(from, to, 1).into_bytes()
}

/// Class 5 of issue 18: packages an office suite opens though calamine alone refuses
/// them. Each is normalised in memory and read in full.
#[test]
fn packages_calamine_refuses_are_normalised_and_read() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        // Every XML part in UTF-16 (big-endian, with a byte-order mark).
        (
            "utf16.xlsx",
            edited_xlsx(|name, data| {
                if !(name.ends_with(".xml") || name.ends_with(".rels")) {
                    return data;
                }
                let text = String::from_utf8(data)
                    .unwrap()
                    .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
                let mut out = vec![0xFE, 0xFF];
                out.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
                out
            }),
        ),
        // A sheet state Excel does not write ("show").
        (
            "state.xlsx",
            edited_xlsx(|name, data| {
                if name == "xl/workbook.xml" {
                    replaced(data, "sheetId=\"1\"", "sheetId=\"1\" state=\"show\"")
                } else {
                    data
                }
            }),
        ),
        // A dimension that is no cell range ("1:4").
        (
            "dimension.xlsx",
            edited_xlsx(|name, data| {
                if name == "xl/worksheets/sheet1.xml" {
                    replaced(
                        data,
                        "<dimension ref=\"A1:C3\"/>",
                        "<dimension ref=\"1:3\"/>",
                    )
                } else {
                    data
                }
            }),
        ),
        // A document type declaring an entity (the "billion laughs" shape) in the
        // shared strings: dropped unexpanded, as Excel does.
        (
            "doctype.xlsx",
            edited_xlsx(|name, data| {
                if name == "xl/sharedStrings.xml" {
                    let text = String::from_utf8(data).unwrap();
                    let (decl, rest) = text.split_once("?>").unwrap();
                    format!(
                        "{decl}?><!DOCTYPE sst [<!ENTITY a \"x\"><!ENTITY b \"&a;&a;&a;\">]>{}",
                        rest.replacen("序号", "序号&b;", 1)
                    )
                    .into_bytes()
                } else {
                    data
                }
            }),
        ),
    ];
    for (name, bytes) in cases {
        let p = write(dir.path(), name, &bytes);
        let out = read_file(&p, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_plain(&out);
    }
}

#[test]
fn a_sheet_without_content_or_a_macro_sheet_does_not_fail_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    // A third sheet in workbook.xml with an empty relationship id (written by some
    // tools): dropped; the two real sheets read.
    let orphan = edited_xlsx(|name, data| {
        if name == "xl/workbook.xml" {
            replaced(
                data,
                "</sheets>",
                "<sheet name=\"孤立\" sheetId=\"9\" r:id=\"\"/></sheets>",
            )
        } else {
            data
        }
    });
    let p = write(dir.path(), "orphan.xlsx", &orphan);
    check_plain(&read(&p));

    // The hidden second sheet turned into an Excel 4.0 macro sheet: skipped with a
    // note naming it; the first sheet reads.
    let macro_sheet = edited_xlsx(|name, data| {
        if name == "xl/_rels/workbook.xml.rels" {
            replaced(
                data,
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml",
                "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet\" Target=\"worksheets/sheet2.xml",
            )
        } else {
            data
        }
    });
    let p = write(dir.path(), "macro.xlsm", &macro_sheet);
    only_the_first_sheet_read(&read(&p), "宏表");
}

/// Only 进度 read; a note names 隐藏 and says `why`.
fn only_the_first_sheet_read(out: &ReadOutput, why: &str) {
    assert_eq!(out.grids.len(), 1);
    assert_eq!(out.grids[0].name, "进度");
    assert!(
        out.notes
            .iter()
            .any(|n| n.contains("隐藏") && n.contains(why)),
        "{:?}",
        out.notes
    );
}

#[test]
fn a_sheet_that_cannot_be_read_is_skipped_with_a_note_when_another_reads() {
    let dir = tempfile::tempdir().unwrap();
    // The hidden sheet's XML cut short: the visible sheet still reads, and the note
    // names the sheet that did not.
    let bytes = edited_xlsx(|name, data| {
        if name == "xl/worksheets/sheet2.xml" {
            let keep = data.len() * 2 / 3;
            let mut d = data[..keep].to_vec();
            d.extend_from_slice(b"<c r=\"B1\" t=\"s\"><v>x</v></c><c r=\"");
            d
        } else {
            data
        }
    });
    let p = write(dir.path(), "half.xlsx", &bytes);
    only_the_first_sheet_read(&read(&p), "已跳过");
}

#[test]
fn ods_with_whitespace_between_cells_or_no_mimetype_reads_and_a_password_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let pretty = ods_with_table(
        "\n  <table:table-row>\n    <table:table-cell office:value-type=\"string\"><text:p>单位</text:p></table:table-cell>\n    <table:table-cell office:value-type=\"string\"><text:p>区水利局</text:p></table:table-cell>\n  </table:table-row>\n",
    );
    let p = write(dir.path(), "pretty.ods", &pretty);
    let out = read(&p);
    assert_eq!(out.grids[0].cell(0, 1), &Cell::Text("区水利局".into()));

    // The same package without its mimetype entry.
    let mut src = zip::ZipArchive::new(Cursor::new(pretty)).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        entries.push((f.name().unwrap().to_string(), data));
    }
    let manifest = br#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#;
    let content = &entries.iter().find(|(n, _)| n == "content.xml").unwrap().1;
    let bare = zip_of(&[
        ("content.xml", content),
        ("META-INF/manifest.xml", manifest),
    ]);
    let p = write(dir.path(), "bare.ods", &bare);
    let out = read(&p);
    assert_eq!(out.grids[0].cell(0, 0), &Cell::Text("单位".into()));

    // Saved with a password: the manifest says how content.xml is encrypted.
    let encrypted_manifest = br#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>"#;
    let locked = zip_of(&[
        ("mimetype", ODS_MIME),
        ("content.xml", b"\x8a\x13\xff garbage"),
        ("META-INF/manifest.xml", encrypted_manifest),
    ]);
    let p = write(dir.path(), "locked.ods", &locked);
    assert_eq!(kind(&p), ReadErrorKind::Encrypted);
}

/// Class 5: a code page calamine has no table for (Excel 5.0 for the Mac writes 10029,
/// Quattro and Excel 2.x–4.x write 32769) no longer fails the workbook: it is read with
/// the nearest table, and a note says a few characters may show wrongly.
#[test]
fn an_xls_with_an_unknown_code_page_is_read_with_a_note() {
    let standard = std::fs::read(fixture("xls/standard.xls")).unwrap();
    let at = standard
        .windows(4)
        .position(|w| w == [0x42, 0x00, 0x02, 0x00])
        .expect("CODEPAGE record");
    let dir = tempfile::tempdir().unwrap();
    let expected = read(&write(dir.path(), "standard.xls", &standard));
    for declared in [10029u16, 32769] {
        let mut bytes = standard.clone();
        bytes[at + 4..at + 6].copy_from_slice(&declared.to_le_bytes());
        let p = write(dir.path(), &format!("cp{declared}.xls"), &bytes);
        let out = read(&p);
        assert_eq!(out.format, Format::Xls);
        assert_eq!(out.grids.len(), expected.grids.len());
        for (got, want) in out.grids.iter().zip(&expected.grids) {
            assert_eq!(got.rows, want.rows);
        }
        assert!(
            out.notes
                .iter()
                .any(|n| n.contains(&format!("代码页{declared}"))),
            "{:?}",
            out.notes
        );
    }
}

/// Class 6: a BIFF8 record stream saved bare, without its OLE container, is put in one
/// and read (calamine reads BIFF5 and BIFF8 in a container); the same bytes claiming an
/// older BIFF version stay 这是旧版Excel格式.
#[test]
fn a_bare_biff8_stream_is_read_and_older_biff_is_told_old_excel() {
    let standard = std::fs::read(fixture("xls/standard.xls")).unwrap();
    let mut book = cfb::CompoundFile::open(Cursor::new(standard.clone())).unwrap();
    let mut stream = Vec::new();
    book.open_stream("/Workbook")
        .unwrap()
        .read_to_end(&mut stream)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let expected = read(&write(dir.path(), "standard.xls", &standard));
    let p = write(dir.path(), "bare.xls", &stream);
    let out = read(&p);
    assert_eq!(out.format, Format::Xls);
    assert_eq!(out.grids.len(), expected.grids.len());
    assert_eq!(out.grids[0].rows, expected.grids[0].rows);

    let mut older = stream.clone();
    older[4..6].copy_from_slice(&0x0400u16.to_le_bytes());
    let p = write(dir.path(), "older.xls", &older);
    let e = read_file(&p, &Limits::default()).unwrap_err();
    assert!(e.to_string().contains("旧版Excel格式"), "{e}");
}

/// Class 7: two sheet parts whose names differ only in case. calamine looks parts up
/// case-insensitively and took the last one, an empty decoy, so the workbook read as
/// empty; the part the relationships name is read.
#[test]
fn a_sheet_part_beside_a_twin_differing_in_case_is_the_one_read() {
    let decoy: &[u8] = br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#;
    let bytes = common::edit_zip(
        &plain_xlsx(),
        |_, data| data,
        &[("xl/worksheets/Sheet1.xml", decoy)],
    );
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "twins.xlsx", &bytes);
    check_plain(&read(&p));
}

/// Class 7: an .xls whose own Workbook stream sits beside an embedded object's (a sheet
/// pasted as an object). calamine takes the first stream of the name anywhere in the
/// directory and read the embedded workbook; the file's own is read.
#[test]
fn an_xls_with_an_embedded_workbook_reads_its_own() {
    let stream_of = |name: &str| {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let mut book = cfb::CompoundFile::open(Cursor::new(bytes)).unwrap();
        let mut stream = Vec::new();
        book.open_stream("/Workbook")
            .unwrap()
            .read_to_end(&mut stream)
            .unwrap();
        stream
    };
    let own = stream_of("xls/standard.xls");
    let embedded = stream_of("xls/two_row_header.xls");
    let bytes = ole_with(&[("/MBD0001/Workbook", &embedded), ("/Workbook", &own)]);
    let dir = tempfile::tempdir().unwrap();
    let expected = read(&write(
        dir.path(),
        "standard.xls",
        &std::fs::read(fixture("xls/standard.xls")).unwrap(),
    ));
    let p = write(dir.path(), "with-object.xls", &bytes);
    let out = read(&p);
    assert_eq!(out.grids[0].rows, expected.grids[0].rows);
}
