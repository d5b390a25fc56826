//! The docx finishing pass (issue 5): schema order on hand-written fragments, the
//! report-shaped documents docx-rs builds (validator, python-docx, LibreOffice, size,
//! determinism) and a property test over random documents.
//!
//! External tools (see common/tools.rs): openxml-audit, python3 + python-docx,
//! soffice, pdfinfo, pdftotext. Missing tools skip their test, or fail it when CI is set.

#[path = "finish/docs.rs"]
mod docs;
#[path = "common/tools.rs"]
mod tools;

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use rectify::{finish_docx, finish_docx_with_stats, schema_findings, DocProps};

fn props() -> DocProps {
    DocProps::new(
        "重庆市永川区生态环境局关于整改情况的报告",
        "重庆市永川区生态环境局",
        chrono::NaiveDate::from_ymd_opt(2020, 12, 10).unwrap(),
    )
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        if f.is_dir() {
            continue;
        }
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        out.insert(f.name().unwrap().to_string(), b);
    }
    out
}

fn part(bytes: &[u8], name: &str) -> String {
    String::from_utf8(
        unzip(bytes)
            .remove(name)
            .unwrap_or_else(|| panic!("no {name}")),
    )
    .unwrap()
}

/// A docx-rs package with one part replaced by hand-written XML (stored zip).
fn with_parts(replace: &[(&str, String)]) -> Vec<u8> {
    let base = docs::to_bytes(docx_rs::Docx::new().add_paragraph(docx_rs::Paragraph::new()));
    let mut parts = unzip(&base);
    for (n, x) in replace {
        parts.insert(n.to_string(), x.as_bytes().to_vec());
    }
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (n, b) in parts {
        w.start_file(n, o).unwrap();
        w.write_all(&b).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing""#;

/// Finish a package whose document body is `body`; return document.xml.
fn finish_body(body: &str) -> String {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    );
    let out = finish_docx(&with_parts(&[("word/document.xml", doc)]), &props()).unwrap();
    assert_eq!(schema_findings(&out).unwrap(), vec![]);
    part(&out, "word/document.xml")
}

fn finish_part(name: &str, root: &str, inner: &str) -> String {
    let x = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} {W}>{inner}</w:{root}>"#
    );
    let out = finish_docx(&with_parts(&[(name, x)]), &props()).unwrap();
    assert_eq!(schema_findings(&out).unwrap(), vec![]);
    part(&out, name)
}

#[track_caller]
fn contains(hay: &str, needle: &str) {
    assert!(hay.contains(needle), "expected\n  {needle}\nin\n  {hay}");
}

// ---- Reorder on hand-written fragments, one element kind each ----

#[test]
fn ppr_children_in_schema_order() {
    let out = finish_body(
        r#"<w:p><w:pPr><w:jc w:val="center"/><w:rPr><w:b/></w:rPr><w:ind w:firstLine="640"/><w:spacing w:line="579" w:lineRule="exact"/><w:keepNext/><w:pStyle w:val="Body"/></w:pPr></w:p>"#,
    );
    contains(
        &out,
        r#"<w:pPr><w:pStyle w:val="Body"/><w:keepNext/><w:spacing w:line="579" w:lineRule="exact"/><w:ind w:firstLine="640"/><w:jc w:val="center"/><w:rPr><w:b/></w:rPr></w:pPr>"#,
    );
}

#[test]
fn rpr_children_in_schema_order_and_run_content_kept() {
    let out = finish_body(
        r#"<w:p><w:r><w:rPr><w:sz w:val="32"/><w:szCs w:val="32"/><w:b/><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/></w:rPr><w:t>甲</w:t><w:br/><w:t xml:space="preserve"> 乙</w:t></w:r></w:p>"#,
    );
    contains(
        &out,
        r#"<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t>甲</w:t><w:br/><w:t xml:space="preserve"> 乙</w:t></w:r>"#,
    );
}

#[test]
fn sectpr_in_paragraph_and_body() {
    let sect = r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:footerReference w:type="default" r:id="rId9"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:footerReference w:type="even" r:id="rId8"/><w:docGrid w:type="lines" w:linePitch="579"/><w:cols w:space="425"/></w:sectPr>"#;
    let want = r#"<w:sectPr><w:footerReference w:type="default" r:id="rId9"/><w:footerReference w:type="even" r:id="rId8"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>"#;
    let out = finish_body(&format!(
        r#"<w:p><w:pPr>{sect}<w:jc w:val="left"/></w:pPr></w:p>{sect}"#
    ));
    contains(
        &out,
        &format!(r#"<w:p><w:pPr><w:jc w:val="left"/>{want}</w:pPr></w:p>{want}"#),
    );
}

const CELL: &str = r#"<w:tc><w:tcPr><w:tcW w:w="800" w:type="dxa"/></w:tcPr><w:p/></w:tc>"#;

#[test]
fn tblpr_grid_and_gridcol_attributes() {
    let out = finish_body(&format!(
        r#"<w:tbl><w:tblGrid><w:gridCol w:w="800" w:type="dxa"/></w:tblGrid><w:tblPr><w:tblLayout w:type="fixed"/><w:jc w:val="center"/><w:tblW w:w="800" w:type="dxa"/><w:tblStyle w:val="T"/></w:tblPr><w:tr>{CELL}</w:tr></w:tbl><w:p/>"#
    ));
    contains(
        &out,
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="T"/><w:tblW w:w="800" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="800"/></w:tblGrid>"#,
    );
}

#[test]
fn tcpr_children_in_schema_order() {
    let out = finish_body(
        r#"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="800"/><w:gridCol w:w="800"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:vAlign w:val="center"/><w:tcBorders><w:bottom w:val="single" w:sz="4"/><w:top w:val="single" w:sz="8"/></w:tcBorders><w:vMerge w:val="restart"/><w:gridSpan w:val="2"/><w:tcW w:w="1600" w:type="dxa"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl><w:p/>"#,
    );
    contains(
        &out,
        r#"<w:tcPr><w:tcW w:w="1600" w:type="dxa"/><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/><w:tcBorders><w:top w:val="single" w:sz="8"/><w:bottom w:val="single" w:sz="4"/></w:tcBorders><w:vAlign w:val="center"/></w:tcPr>"#,
    );
}

#[test]
fn header_rows_get_tblheader_and_trpr_goes_first() {
    let head = r#"<w:tc><w:p><w:pPr><w:pStyle w:val="TableHeader"/></w:pPr><w:r><w:t>序号</w:t></w:r></w:p></w:tc>"#;
    let out = finish_body(&format!(
        r#"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="800"/></w:tblGrid><w:tr>{head}</w:tr><w:tr>{head}<w:trPr><w:cantSplit/></w:trPr></w:tr><w:tr>{CELL}</w:tr></w:tbl><w:p/>"#
    ));
    contains(
        &out,
        &format!(r#"<w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr>"#),
    );
    contains(
        &out,
        &format!(r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>"#),
    );
    contains(&out, &format!(r#"<w:tr>{CELL}</w:tr>"#));
    assert_eq!(out.matches("tblHeader").count(), 2);
}

#[test]
fn style_and_doc_defaults() {
    let out = finish_part(
        "word/styles.xml",
        "styles",
        r#"<w:docDefaults><w:pPrDefault><w:pPr><w:rPr/></w:pPr></w:pPrDefault><w:rPrDefault><w:rPr><w:sz w:val="32"/><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="H1"><w:rPr><w:b/></w:rPr><w:pPr><w:rPr/><w:outlineLvl w:val="0"/><w:jc w:val="center"/></w:pPr><w:qFormat/><w:basedOn w:val="Normal"/><w:name w:val="heading 1"/></w:style>"#,
    );
    contains(
        &out,
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>"#,
    );
    contains(
        &out,
        r#"<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"#,
    );
}

#[test]
fn chinese_text_sets_east_asian_language() {
    let styles = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#;
    let doc = |t: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:body></w:document>"#
        )
    };
    let zh = finish_docx(
        &with_parts(&[
            ("word/styles.xml", styles.into()),
            ("word/document.xml", doc("整改情况")),
        ]),
        &props(),
    )
    .unwrap();
    contains(
        &part(&zh, "word/styles.xml"),
        r#"<w:rPr><w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>"#,
    );
    let en = finish_docx(
        &with_parts(&[
            ("word/styles.xml", styles.into()),
            ("word/document.xml", doc("report")),
        ]),
        &props(),
    )
    .unwrap();
    assert!(!part(&en, "word/styles.xml").contains("w:lang"));
}

#[test]
fn settings_in_schema_order() {
    let out = finish_part(
        "word/settings.xml",
        "settings",
        r#"<w:defaultTabStop w:val="840"/><w:zoom w:percent="100"/><w:compat><w:useFELayout/></w:compat><w:evenAndOddHeaders/>"#,
    );
    contains(
        &out,
        r#"<w:zoom w:percent="100"/><w:defaultTabStop w:val="840"/><w:evenAndOddHeaders/><w:compat><w:useFELayout/></w:compat>"#,
    );
}

#[test]
fn numbering_levels_in_schema_order() {
    let out = finish_part(
        "word/numbering.xml",
        "numbering",
        r#"<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:lvlJc w:val="left"/><w:start w:val="1"/><w:pPr><w:rPr/><w:ind w:left="420" w:hanging="420"/></w:pPr><w:rPr/><w:lvlText w:val="%1."/><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#,
    );
    contains(
        &out,
        r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl>"#,
    );
}

#[test]
fn font_table_gets_east_asian_entries() {
    let out = finish_docx(&docs::to_bytes(docs::report(2, true)), &props()).unwrap();
    let ft = part(&out, "word/fontTable.xml");
    for f in docs::GBK_FONTS {
        contains(&ft, &format!(r#"<w:font w:name="{f}"><w:altName"#));
    }
    contains(
        &ft,
        r#"<w:font w:name="方正仿宋_GBK"><w:altName w:val="仿宋_GB2312"/><w:charset w:val="86"/>"#,
    );
    contains(
        &ft,
        r#"<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/>"#,
    );
    let out = finish_docx(&docs::to_bytes(docs::report(2, false)), &props()).unwrap();
    let ft = part(&out, "word/fontTable.xml");
    for f in [docs::FANGSONG, docs::KAITI, docs::HEITI, docs::XIAOBIAOSONG] {
        contains(&ft, &format!(r#"<w:font w:name="{f}">"#));
    }
}

#[test]
fn doc_pr_ids_unique_core_props_and_theme() {
    let (out, stats) =
        finish_docx_with_stats(&docs::to_bytes(docs::report(3, false)), &props()).unwrap();
    assert_eq!(stats.doc_prs, 2);
    assert_eq!(stats.header_rows, 1);
    let doc = part(&out, "word/document.xml");
    contains(&doc, r#"<wp:docPr id="1""#);
    contains(&doc, r#"<wp:docPr id="2""#);
    let core = part(&out, "docProps/core.xml");
    contains(&core, "<dc:title>重庆市永川区生态环境局关于整改情况的报告</dc:title><dc:creator>重庆市永川区生态环境局</dc:creator><cp:lastModifiedBy>重庆市永川区生态环境局</cp:lastModifiedBy>");
    contains(&core, ">2020-12-10T00:00:00Z</dcterms:created>");
    contains(
        &part(&out, "word/_rels/document.xml.rels"),
        r#"relationships/theme" Target="theme/theme1.xml""#,
    );
    contains(
        &part(&out, "[Content_Types].xml"),
        r#"PartName="/word/theme/theme1.xml""#,
    );
    assert!(part(&out, "word/theme/theme1.xml").contains("<a:theme"));
    // Escaping in properties.
    let mut p = props();
    p.title = "A & B <测试>".into();
    let out = finish_docx(&docs::to_bytes(docs::report(1, false)), &p).unwrap();
    contains(
        &part(&out, "docProps/core.xml"),
        "<dc:title>A &amp; B &lt;测试&gt;</dc:title>",
    );
}

#[test]
fn errors_are_chinese() {
    let e = finish_docx(b"not a zip", &props()).unwrap_err();
    assert!(e.to_string().contains("不是有效的 zip"), "{e}");
    let bad = with_parts(&[("word/document.xml", "<w:document><w:body>".into())]);
    let e = finish_docx(&bad, &props()).unwrap_err();
    assert!(
        e.to_string().contains("word/document.xml 的 XML 无法解析"),
        "{e}"
    );
}

// ---- Whole documents ----

fn samples() -> Vec<(&'static str, Vec<u8>)> {
    let letter = docs::styles(docx_rs::Docx::new(), false)
        .add_paragraph(docs::body("区人大常委会：", docs::FANGSONG))
        .add_paragraph(docs::body("特此报告。", docs::FANGSONG))
        .footer(docs::page_footer(docx_rs::AlignmentType::Right));
    vec![
        ("report-gb2312", docs::to_bytes(docs::report(63, false))),
        ("report-gbk", docs::to_bytes(docs::report(63, true))),
        ("letter", docs::to_bytes(letter)),
    ]
}

#[test]
fn finished_documents_are_in_schema_order_deterministic_and_small() {
    for (name, raw) in samples() {
        assert!(
            !schema_findings(&raw).unwrap().is_empty(),
            "{name}: docx-rs output already in order?"
        );
        let out = finish_docx(&raw, &props()).unwrap();
        assert_eq!(schema_findings(&out).unwrap(), vec![], "{name}");
        assert_eq!(
            out,
            finish_docx(&raw, &props()).unwrap(),
            "{name}: not deterministic"
        );
        // Finishing is idempotent in content.
        let again = finish_docx(&out, &props()).unwrap();
        assert_eq!(
            unzip(&again),
            unzip(&out),
            "{name}: second pass changed parts"
        );
        if name.starts_with("report") {
            assert!(
                raw.len() >= 5 * out.len(),
                "{name}: {} → {} bytes",
                raw.len(),
                out.len()
            );
        }
        eprintln!("{name}: {} → {} bytes", raw.len(), out.len());
    }
}

/// Documents whose other parts are the same bytes but finish differently: the styles
/// with and without Chinese text, the font table with different fonts, a footer drawing
/// (the same footer bytes) after 0, 1 or 2 drawings in the body.
fn look_alikes() -> Vec<Vec<u8>> {
    use docx_rs::Docx;
    let letter = |text: &str, font: &str| {
        docs::to_bytes(
            docs::styles(Docx::new(), false)
                .add_paragraph(docs::body(text, font))
                .footer(docs::page_footer(docx_rs::AlignmentType::Right)),
        )
    };
    let drawing = r#"<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="9" name="图片"/></wp:inline></w:drawing></w:r></w:p>"#;
    let pics = |n: usize| {
        let x = |root: &str, inner: &str| {
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} {W}>{inner}</w:{root}>"#
            )
        };
        with_parts(&[
            (
                "word/document.xml",
                x(
                    "document",
                    &format!("<w:body>{}</w:body>", drawing.repeat(n)),
                ),
            ),
            ("word/footer9.xml", x("ftr", drawing)),
        ])
    };
    vec![
        letter("区人大常委会：", docs::FANGSONG),
        letter("Dear committee,", docs::LATIN),
        letter("特此报告。", "方正楷体_GBK"),
        pics(0),
        pics(2),
        pics(1),
        docs::to_bytes(docs::report(3, false)),
    ]
}

#[test]
fn remembered_parts_finish_as_a_fresh_pass() {
    // Each document on a thread of its own: nothing remembered from another document.
    let raws = look_alikes();
    let fresh: Vec<Vec<u8>> = raws
        .iter()
        .map(|raw| {
            let raw = raw.clone();
            std::thread::spawn(move || finish_docx(&raw, &props()).unwrap())
                .join()
                .unwrap()
        })
        .collect();
    // All on this thread, forwards then backwards: later ones reuse earlier parts.
    for i in (0..raws.len()).chain((0..raws.len()).rev()) {
        assert!(
            finish_docx(&raws[i], &props()).unwrap() == fresh[i],
            "document {i} differs when finished after others"
        );
    }
    // The footer drawing is numbered after the body's.
    for (i, id) in [(3, 1), (4, 3), (5, 2)] {
        contains(
            &part(&fresh[i], "word/footer9.xml"),
            &format!(r#"<wp:docPr id="{id}""#),
        );
    }
    // The styles: Chinese text sets the East-Asian language, Latin text does not.
    contains(&part(&fresh[0], "word/styles.xml"), r#"w:eastAsia="zh-CN""#);
    assert!(!part(&fresh[1], "word/styles.xml").contains(r#"w:eastAsia="zh-CN""#));
    // The font table lists the fonts each document uses.
    contains(&part(&fresh[2], "word/fontTable.xml"), "方正楷体_GBK");
    assert!(!part(&fresh[0], "word/fontTable.xml").contains("方正楷体_GBK"));
}

#[test]
fn zip_entries_fixed_order_and_time() {
    let out = finish_docx(&docs::to_bytes(docs::report(3, false)), &props()).unwrap();
    let mut z = zip::ZipArchive::new(Cursor::new(&out)).unwrap();
    let names: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    assert_eq!(
        &names[..3],
        ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
    );
    let mut rest = names[3..].to_vec();
    rest.sort();
    assert_eq!(rest, names[3..]);
    for i in 0..z.len() {
        let f = z.by_index(i).unwrap();
        assert_eq!(f.compression(), zip::CompressionMethod::Deflated);
        assert_eq!(f.last_modified(), Some(zip::DateTime::default()));
    }
}

fn write_temp(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn openxml_audit_finds_nothing_in_finished_documents() {
    if !tools::has_audit() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, raw) in samples() {
        let before = tools::audit(&write_temp(dir.path(), &format!("{name}-raw.docx"), &raw));
        let out = finish_docx(&raw, &props()).unwrap();
        let after = tools::audit(&write_temp(dir.path(), &format!("{name}.docx"), &out));
        eprintln!(
            "{name}: openxml-audit {} findings before, {} after",
            before.0, after.0
        );
        assert!(before.0 > 0);
        assert_eq!(after.0, 0, "{name}: {}", after.1);
    }
}

const PY_READ: &str = r#"
import json, sys
from docx import Document
d = Document(sys.argv[1])
out = {
  "sections": [[s.orientation == 1, s.page_width, s.page_height, s.top_margin, s.bottom_margin, s.left_margin, s.right_margin] for s in d.sections],
  "even_odd": d.settings.odd_and_even_pages_header_footer,
  "tables": [[len(t.rows), len(t.columns)] for t in d.tables],
  "east_asia": d.styles.element.xpath("string(w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:eastAsia)"),
  "title": d.core_properties.title, "author": d.core_properties.author,
  "first_cell": d.tables[0].cell(0, 0).text if d.tables else None,
  "paragraphs": len(d.paragraphs),
}
print(json.dumps(out))
"#;

#[test]
fn python_docx_reads_sections_margins_fonts_tables() {
    if !tools::available(
        "python3",
        &["-c", "import docx"],
        "python-docx (pip install python-docx)",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = finish_docx(&docs::to_bytes(docs::report(20, false)), &props()).unwrap();
    let path = write_temp(dir.path(), "report.docx", &out);
    let o = std::process::Command::new("python3")
        .current_dir(dir.path())
        .args(["-c", PY_READ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let emu = |twips: i64| serde_json::json!(twips * 635);
    let s = &v["sections"];
    assert_eq!(s.as_array().unwrap().len(), 2, "{v}");
    assert_eq!(
        s[0],
        serde_json::json!([
            false,
            emu(11906),
            emu(16838),
            emu(2098),
            emu(1984),
            emu(1588),
            emu(1474)
        ])
    );
    assert_eq!(
        s[1],
        serde_json::json!([
            true,
            emu(16838),
            emu(11906),
            emu(1588),
            emu(1474),
            emu(2098),
            emu(1984)
        ])
    );
    assert_eq!(v["even_odd"], true);
    assert_eq!(v["tables"], serde_json::json!([[21, 6]]));
    assert_eq!(v["east_asia"], docs::FANGSONG);
    assert_eq!(v["title"], props().title);
    assert_eq!(v["author"], props().creator);
    assert_eq!(v["first_cell"], "序号");
}

/// Convert with LibreOffice; page count and text of the PDF.
fn pdf(dir: &std::path::Path, name: &str, docx: &[u8]) -> (u32, String) {
    let path = write_temp(dir, &format!("{name}.docx"), docx);
    let profile = dir.join(format!("lo-{name}"));
    let st = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&path)
        .output()
        .unwrap();
    let pdf = dir.join(format!("{name}.pdf"));
    assert!(
        pdf.exists(),
        "LibreOffice did not convert {name}: {}",
        String::from_utf8_lossy(&st.stderr)
    );
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    let pages = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap();
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    (pages, String::from_utf8_lossy(&text.stdout).into_owned())
}

#[test]
fn libreoffice_renders_the_same_pages_and_text() {
    if !tools::available("soffice", &["--version"], "LibreOffice (soffice)")
        || !tools::available("pdfinfo", &["-v"], "poppler-utils (pdfinfo)")
        || !tools::available("pdftotext", &["-v"], "poppler-utils (pdftotext)")
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // Without a marked header row the pass must not change the rendering at all.
    let raw = docs::to_bytes(docs::report_opts(40, false, false));
    let out = finish_docx(&raw, &props()).unwrap();
    let (p0, t0) = pdf(dir.path(), "before", &raw);
    let (p1, t1) = pdf(dir.path(), "after", &out);
    eprintln!("LibreOffice, no header row: {p0} pages before, {p1} after");
    assert!(p0 >= 3);
    assert_eq!(p0, p1);
    assert_eq!(t0, t1);
    assert!(t1.contains("整改情况"));
    // With a marked header row the row repeats on every page of the table (the point
    // of w:tblHeader): more header lines, possibly more pages, nothing else changes.
    let raw = docs::to_bytes(docs::report_opts(40, false, true));
    let out = finish_docx(&raw, &props()).unwrap();
    let (p0, t0) = pdf(dir.path(), "before-h", &raw);
    let (p1, t1) = pdf(dir.path(), "after-h", &out);
    eprintln!("LibreOffice, header row: {p0} pages before, {p1} after");
    assert!(p1 >= p0);
    assert!(t1.matches("具体举措").count() > t0.matches("具体举措").count());
    let strip = |t: &str| {
        t.lines()
            .filter(|l| {
                let l = l.trim();
                !docs::ATTACHMENT_HEADS.iter().any(|h| h.contains(l))
            })
            .filter(|l| !l.trim().is_empty() && !l.contains('—') && !l.contains('\u{c}'))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    // pdftotext orders cell text around page breaks differently, and rows split at
    // other page breaks show pieces of a cell on two pages: every line of the text
    // before must still be there after (multiset inclusion).
    let mut after = strip(&t1);
    for line in strip(&t0) {
        let i = after.iter().position(|l| *l == line);
        assert!(i.is_some(), "line lost after the pass: {line}");
        after.swap_remove(i.unwrap());
    }
}

// ---- Property test: anything the renderer can produce comes out valid ----

mod prop {
    use super::*;
    use docx_rs::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    pub enum Block {
        Para {
            style: Option<usize>,
            font: usize,
            size: usize,
            bold: bool,
            align: usize,
            indent: bool,
            keep: bool,
            text: String,
            page_break: bool,
        },
        Table {
            cols: usize,
            rows: Vec<Vec<(String, u8)>>,
            header: bool,
        },
        Image,
        Landscape,
    }

    const STYLES: [&str; 4] = ["Title1", "Heading1", "Heading2", "TableHeader"];
    const FONTS: [&str; 10] = [
        "仿宋_GB2312",
        "楷体_GB2312",
        "黑体",
        "方正小标宋简体",
        "方正小标宋_GBK",
        "方正仿宋_GBK",
        "方正楷体_GBK",
        "方正黑体_GBK",
        "宋体",
        "Times New Roman",
    ];

    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 \u{4e00}-\u{9fa5}\u{3000}-\u{303f}\u{ff01}-\u{ff5e}&<>\"'%—…①②\u{1F600}]{0,30}"
    }

    pub fn block() -> impl Strategy<Value = Block> {
        prop_oneof![
            6 => (proptest::option::of(0..STYLES.len()), 0..FONTS.len(), 20usize..45, any::<bool>(), 0usize..4, any::<bool>(), any::<bool>(), text(), proptest::bool::weighted(0.1))
                .prop_map(|(style, font, size, bold, align, indent, keep, text, page_break)| Block::Para { style, font, size, bold, align, indent, keep, text, page_break }),
            2 => (1usize..6, any::<bool>()).prop_flat_map(|(cols, header)| {
                proptest::collection::vec(proptest::collection::vec((text(), 0u8..6), cols), 1..6)
                    .prop_map(move |rows| Block::Table { cols, rows, header })
            }),
            1 => Just(Block::Image),
            1 => Just(Block::Landscape),
        ]
    }

    pub fn build(blocks: &[Block]) -> Docx {
        let mut d = docs::styles(Docx::new(), false)
            .footer(docs::page_footer(AlignmentType::Right))
            .even_footer(docs::page_footer(AlignmentType::Left));
        let aligns = [
            AlignmentType::Left,
            AlignmentType::Center,
            AlignmentType::Right,
            AlignmentType::Both,
        ];
        for b in blocks {
            match b {
                Block::Para {
                    style,
                    font,
                    size,
                    bold,
                    align,
                    indent,
                    keep,
                    text,
                    page_break,
                } => {
                    let mut r = Run::new()
                        .fonts(docs::fonts(FONTS[*font]))
                        .size(*size)
                        .add_text(text.clone());
                    if *bold {
                        r = r.bold();
                    }
                    if *page_break {
                        r = r.add_break(BreakType::Page);
                    }
                    let mut p = Paragraph::new()
                        .line_spacing(docs::exact(579))
                        .align(aligns[*align])
                        .keep_next(*keep)
                        .add_run(r);
                    if let Some(s) = style {
                        p = p.style(STYLES[*s]);
                    }
                    if *indent {
                        p = p.indent(None, Some(SpecialIndentType::FirstLine(640)), None, None);
                    }
                    d = d.add_paragraph(p);
                }
                Block::Table { cols, rows, header } => {
                    let w = 9000 / cols;
                    let mut trs = Vec::new();
                    for (ri, row) in rows.iter().enumerate() {
                        let mut cells = Vec::new();
                        let mut c = 0;
                        while c < *cols {
                            let (t, kind) = &row[c];
                            let mut cell = docs::cell(t, w, *header && ri == 0);
                            match kind {
                                0 if c + 1 < *cols => {
                                    cell = docs::cell(t, 2 * w, *header && ri == 0).grid_span(2);
                                    c += 1;
                                }
                                1 => {
                                    cell = cell.vertical_merge(if ri == 0 {
                                        VMergeType::Restart
                                    } else {
                                        VMergeType::Continue
                                    })
                                }
                                2 => {
                                    cell = cell.set_borders(
                                        TableCellBorders::new().set(
                                            TableCellBorder::new(TableCellBorderPosition::Bottom)
                                                .size(8),
                                        ),
                                    )
                                }
                                _ => {}
                            }
                            cells.push(cell);
                            c += 1;
                        }
                        trs.push(TableRow::new(cells));
                    }
                    d = d.add_table(
                        Table::new(trs)
                            .set_grid(vec![w; *cols])
                            .width(w * cols, WidthType::Dxa)
                            .layout(TableLayoutType::Fixed),
                    );
                }
                Block::Image => {
                    d =
                        d.add_paragraph(Paragraph::new().add_run(
                            Run::new().add_image(Pic::new(&docs::PNG).size(457200, 457200)),
                        ));
                }
                Block::Landscape => {
                    let mut s = SectionProperty::new()
                        .page_size(PageSize::new().width(11906).height(16838));
                    s.footer_reference = Some(FooterReference::new("default", "rIdFooter1"));
                    s.even_footer_reference = Some(FooterReference::new("even", "rIdFooter2"));
                    d = d.add_paragraph(Paragraph::new().section_property(s));
                }
            }
        }
        d.page_size(16838, 11906)
            .page_orient(PageOrientationType::Landscape)
    }

    /// Well-formed XML in every part.
    fn well_formed(bytes: &[u8]) {
        for (name, b) in unzip(bytes) {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                let mut r = quick_xml::Reader::from_reader(&b[..]);
                r.config_mut().check_end_names = true;
                let mut depth = 0i64;
                loop {
                    match r.read_event() {
                        Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                        Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                        Ok(quick_xml::events::Event::Eof) => break,
                        Ok(_) => {}
                        Err(e) => panic!("{name}: {e}"),
                    }
                }
                assert_eq!(depth, 0, "{name}");
            }
        }
    }

    fn doc_pr_ids(bytes: &[u8]) -> Vec<String> {
        let doc = part(bytes, "word/document.xml");
        doc.split("<wp:docPr id=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_owned())
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn any_renderable_document_comes_out_valid(blocks in proptest::collection::vec(block(), 0..25)) {
            let raw = docs::to_bytes(build(&blocks));
            let out = finish_docx(&raw, &props()).unwrap();
            well_formed(&out);
            prop_assert_eq!(schema_findings(&out).unwrap(), vec![]);
            let ids = doc_pr_ids(&out);
            let mut uniq = ids.clone();
            uniq.sort();
            uniq.dedup();
            prop_assert_eq!(ids.len(), uniq.len());
            prop_assert_eq!(ids.len(), blocks.iter().filter(|b| matches!(b, Block::Image)).count());
            prop_assert_eq!(finish_docx(&raw, &props()).unwrap(), out);
        }
    }

    #[test]
    fn random_documents_pass_openxml_audit() {
        if !tools::has_audit() {
            return;
        }
        use proptest::strategy::ValueTree;
        use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
        let mut runner = TestRunner::new_with_rng(
            Config::default(),
            TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
        );
        let dir = tempfile::tempdir().unwrap();
        let strat = proptest::collection::vec(block(), 5..30);
        for i in 0..6 {
            let blocks = strat.new_tree(&mut runner).unwrap().current();
            let out = finish_docx(&docs::to_bytes(build(&blocks)), &props()).unwrap();
            let (n, detail) =
                tools::audit(&write_temp(dir.path(), &format!("random{i}.docx"), &out));
            assert_eq!(n, 0, "random document {i}: {detail}\n{blocks:?}");
        }
    }
}
