//! The consolidated report (整改情况报告.docx): GB/T 9704 structure read back from the
//! package XML, content against the ledger, hostile unit text, templates, determinism,
//! and a real conversion through LibreOffice.

mod common;

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use common::tools;
use common::*;
use quick_xml::events::Event;
use rectify::model::Ledger;
use rectify::{rate_text, report_docx, Templates, REPORT_DOCX};

/// The pipeline's ledger on the shipped demo returns (input/), built once.
fn demo_ledger() -> &'static Ledger {
    static L: OnceLock<Ledger> = OnceLock::new();
    L.get_or_init(|| ledger_for(&repo().join("input/returns")))
}

fn demo_docx() -> &'static [u8] {
    static D: OnceLock<Vec<u8>> = OnceLock::new();
    D.get_or_init(|| report_docx(demo_ledger(), &Templates::default()).unwrap())
}

fn part(docx: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut f = z
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the package"));
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    s
}

fn part_names(docx: &[u8]) -> Vec<String> {
    let z = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    z.file_names().map(|n| n.unwrap().to_string()).collect()
}

/// Paragraph texts of a part: w:t text, w:br as "\n", w:tab as "\t".
fn paragraphs(xml: &str) -> Vec<String> {
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().check_end_names = false;
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_t = false;
    let mut in_r = false;
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == "w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_t = false,
            Event::Text(t) if in_t => cur.push_str(&t),
            Event::GeneralRef(g) if in_t && g.is_char_ref() => {
                cur.push(g.resolve_char_ref().unwrap().unwrap());
            }
            Event::GeneralRef(g) if in_t => {
                let c = match &*g {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                cur.push_str(c);
            }
            Event::Empty(e) if e.name().as_ref() == "w:br" => cur.push('\n'),
            Event::Start(e) if e.name().as_ref() == "w:r" => in_r = true,
            Event::End(e) if e.name().as_ref() == "w:r" => in_r = false,
            // A w:tab in a run is a tab; in w:tabs it is a tab stop.
            Event::Empty(e) if in_r && e.name().as_ref() == "w:tab" => cur.push('\t'),
            Event::End(e) if e.name().as_ref() == "w:p" => out.push(std::mem::take(&mut cur)),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn body_text(docx: &[u8]) -> String {
    paragraphs(&part(docx, "word/document.xml")).join("\n")
}

/// The sectPr elements of document.xml, in order.
fn sections(xml: &str) -> Vec<&str> {
    xml.match_indices("<w:sectPr")
        .map(|(i, _)| {
            let end = xml[i..].find("</w:sectPr>").unwrap();
            &xml[i..i + end]
        })
        .collect()
}

/// Elements `<tag …>` / `<tag …/>` as their opening-tag text.
fn tags<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    xml.match_indices(&open)
        .map(|(i, _)| &xml[i..i + xml[i..].find('>').unwrap() + 1])
        .collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    Some(&tag[i..i + tag[i..].find('"')?])
}

/// The expected headline, from the ledger's summary: the statuses no task has are left
/// out (never “未启动0项”), and the rate is given without its formula.
fn headline(l: &Ledger) -> String {
    let s = &l.summary;
    let mut counts = format!("已完成{}项", s.completed);
    if s.done_late > 0 {
        counts.push_str(&format!("（其中{}项晚于完成时限完成）", s.done_late));
    }
    if s.confirming > 0 {
        counts.push_str(&format!(
            "，已报完成待确认{}项（已报送的单位均已完成，尚待其他单位报送后确认）",
            s.confirming
        ));
    }
    for (label, n) in [
        ("正在推进", s.in_progress),
        ("需长期坚持", s.ongoing),
        ("未启动", s.not_started),
        ("未报送", s.unreported),
        ("待核实", s.unclear),
    ] {
        if n > 0 {
            counts.push_str(&format!("，{label}{n}项"));
        }
    }
    format!(
        // The basis said in words (DOMAIN.md; adv55 b 10: only in the console and the
        // workbook; second review d 7: not as a formula).
        "《整改方案》共明确{}项整改任务，截至{}，{counts}，完成率{}%（按已完成任务数占任务总数的比例计算）。",
        s.total,
        rectify::common::dates::render_date(l.as_of),
        rate_text(s.completion_rate),
    )
}

#[test]
fn page_setup_per_section() {
    let xml = part(demo_docx(), "word/document.xml");
    let secs = sections(&xml);
    assert_eq!(
        secs.len(),
        4,
        "portrait body + landscape 附件1 + portrait 附件2 (a list, not a table) + portrait 版记"
    );
    for (i, s) in secs.iter().enumerate() {
        let sz = tags(s, "w:pgSz")[0];
        let (w, h) = (attr(sz, "w:w").unwrap(), attr(sz, "w:h").unwrap());
        if i != 1 {
            assert_eq!((w, h), ("11906", "16838"));
        } else {
            assert_eq!(
                (w, h),
                ("16838", "11906"),
                "landscape swaps width and height"
            );
            assert_eq!(attr(sz, "w:orient"), Some("landscape"));
        }
        let m = tags(s, "w:pgMar")[0];
        assert_eq!(attr(m, "w:top"), Some("2098"));
        assert_eq!(attr(m, "w:bottom"), Some("1984"));
        assert_eq!(attr(m, "w:left"), Some("1588"));
        assert_eq!(attr(m, "w:right"), Some("1474"));
        let refs = tags(s, "w:footerReference");
        let kinds: Vec<_> = refs.iter().map(|r| attr(r, "w:type").unwrap()).collect();
        assert!(
            kinds.contains(&"default") && kinds.contains(&"even"),
            "{kinds:?}"
        );
        let grid = tags(s, "w:docGrid")[0];
        assert_eq!(attr(grid, "w:linePitch"), Some("579"));
    }
}

#[test]
fn fonts_sizes_spacing_indent() {
    let xml = part(demo_docx(), "word/document.xml");
    let fonts = tags(&xml, "w:rFonts");
    let east: Vec<&str> = fonts.iter().filter_map(|f| attr(f, "w:eastAsia")).collect();
    for f in ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"] {
        assert!(east.contains(&f), "{f} in w:eastAsia");
    }
    assert!(fonts
        .iter()
        .all(|f| attr(f, "w:ascii") == Some("Times New Roman")
            && attr(f, "w:hAnsi") == Some("Times New Roman")));
    let sizes: Vec<&str> = tags(&xml, "w:sz")
        .iter()
        .filter_map(|s| attr(s, "w:val"))
        .collect();
    assert!(sizes.contains(&"44") && sizes.contains(&"32") && sizes.contains(&"21"));
    // Title: 2号 in the title font.
    let title_font = xml.find("w:eastAsia=\"方正小标宋简体\"").unwrap();
    let rpr_start = xml[..title_font].rfind("<w:rPr>").unwrap();
    let rpr_end = title_font + xml[title_font..].find("</w:rPr>").unwrap();
    assert!(xml[rpr_start..rpr_end].contains("<w:sz w:val=\"44\""));
    // Exact line spacing for 22 lines a page, in every body paragraph.
    let spacing = tags(&xml, "w:spacing");
    let exact_579 = spacing
        .iter()
        .filter(|s| attr(s, "w:line") == Some("579") && attr(s, "w:lineRule") == Some("exact"))
        .count();
    assert!(exact_579 > 40, "{exact_579}");
    let not_exact = spacing
        .iter()
        .filter(|s| attr(s, "w:lineRule").is_some_and(|r| r != "exact"))
        .count();
    assert_eq!(not_exact, 0);
    // First-line indent of two 三号 characters.
    let indents = tags(&xml, "w:ind");
    assert!(indents
        .iter()
        .any(|i| attr(i, "w:firstLine") == Some("640")));
    // Defaults carry the body font in w:eastAsia too.
    let styles = part(demo_docx(), "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"仿宋_GB2312\""));
}

#[test]
fn odd_and_even_page_numbers() {
    let d = demo_docx();
    let settings = part(d, "word/settings.xml");
    assert!(settings.contains("<w:evenAndOddHeaders"));
    let names = part_names(d);
    let footers: Vec<_> = names
        .iter()
        .filter(|n| n.starts_with("word/footer"))
        .collect();
    // Odd, even, and the 版记 page's empty one.
    assert_eq!(footers.len(), 3, "{names:?}");
    let rels = part(d, "word/_rels/document.xml.rels");
    let target = |rid: &str| {
        let rel = tags(&rels, "Relationship")
            .into_iter()
            .find(|r| attr(r, "Id") == Some(rid))
            .unwrap_or_else(|| panic!("{rid}"));
        format!("word/{}", attr(rel, "Target").unwrap())
    };
    let doc = part(d, "word/document.xml");
    let sections: Vec<&str> = doc.split("<w:sectPr").skip(1).collect();
    let footer_of = |sect: &str, kind: &str| -> String {
        let r = tags(sect, "w:footerReference")
            .into_iter()
            .find(|r| attr(r, "w:type") == Some(kind))
            .unwrap_or_else(|| panic!("{kind} footer"));
        target(attr(r, "r:id").unwrap())
    };
    let (last, earlier) = sections.split_last().unwrap();
    assert!(!earlier.is_empty());
    // The 版记's page (the last section's even page) has no page number.
    assert!(last.contains("w:val=\"evenPage\""));
    let imprint_footer = part(d, &footer_of(last, "even"));
    assert!(!imprint_footer.contains("PAGE"), "{imprint_footer}");
    assert_eq!(paragraphs(&imprint_footer).join(""), "");
    assert!(!last.contains("<w:titlePg"));
    let mut numbered = std::collections::BTreeSet::new();
    for sect in earlier {
        numbered.insert(footer_of(sect, "default"));
        numbered.insert(footer_of(sect, "even"));
    }
    assert_eq!(numbered.len(), 2, "{numbered:?}");
    let mut aligns = Vec::new();
    for f in &numbered {
        let xml = part(d, f);
        let begin = xml.find("w:fldCharType=\"begin\"").expect("begin");
        let instr = xml.find("<w:instrText").expect("instrText");
        let sep = xml.find("w:fldCharType=\"separate\"").expect("separate");
        let cached = xml[sep..].find(">1</w:t>").expect("cached value") + sep;
        let end = xml.find("w:fldCharType=\"end\"").expect("end");
        assert!(begin < instr && instr < sep && sep < cached && cached < end);
        assert!(xml[instr..sep].contains("PAGE"));
        assert_eq!(paragraphs(&xml).join(""), "— 1 —");
        assert!(xml.contains("w:eastAsia=\"宋体\""));
        assert!(xml.contains("w:val=\"28\""), "4号");
        aligns.push(attr(tags(&xml, "w:jc")[0], "w:val").unwrap().to_string());
    }
    aligns.sort();
    assert_eq!(aligns, ["left", "right"]);
}

#[test]
fn attachment_table_layout() {
    let xml = part(demo_docx(), "word/document.xml");
    // The attachment table, and the 版记's.
    assert_eq!(xml.matches("<w:tbl>").count(), 2);
    let first = &xml[..xml.find("</w:tbl>").unwrap()];
    let grid: Vec<u32> = tags(first, "w:gridCol")
        .iter()
        .map(|g| attr(g, "w:w").unwrap().parse().unwrap())
        .collect();
    assert_eq!(grid.len(), 6);
    assert_eq!(grid.iter().sum::<u32>(), 13776, "landscape text width");
    assert!(tags(&xml, "w:tblLayout")
        .iter()
        .any(|t| attr(t, "w:type") == Some("fixed")));
    let tblw = tags(&xml, "w:tblW")[0];
    assert_eq!(attr(tblw, "w:w"), Some("13776"));
    // tcW on every cell, a paragraph in every cell.
    let mut r = quick_xml::Reader::from_str(first);
    let (mut cells, mut in_tc, mut tcw, mut p) = (0, false, false, false);
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "w:tc" => {
                (in_tc, tcw, p) = (true, false, false);
                cells += 1;
            }
            Event::Empty(e) | Event::Start(e) if in_tc && e.name().as_ref() == "w:tcW" => {
                tcw = true
            }
            Event::Start(e) if in_tc && e.name().as_ref() == "w:p" => p = true,
            Event::End(e) if e.name().as_ref() == "w:tc" => {
                assert!(tcw && p, "cell {cells}: tcW {tcw}, paragraph {p}");
                in_tc = false;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // The header, a banner for each of the 6 重点任务, 6 cells for each of 63 tasks.
    assert_eq!(cells, 6 + 6 + 6 * 63);
    // The header row repeats: the first row, and only it.
    let first_tr = xml.find("<w:tr>").unwrap();
    let header = xml[first_tr..].find("<w:tblHeader").unwrap() + first_tr;
    let second_tr = xml[first_tr + 5..].find("<w:tr>").unwrap() + first_tr + 5;
    assert!(header < second_tr);
    assert_eq!(xml.matches("<w:tblHeader").count(), 1);
    // 重点任务 as banner rows across the table, never a cell merged down its rows; each
    // banner stays with the row below it and never splits.
    assert_eq!(xml.matches("<w:vMerge").count(), 0);
    let l = demo_ledger();
    let banners: Vec<&str> = table_rows(&xml)
        .into_iter()
        .filter(|r| r.contains("<w:gridSpan w:val=\"6\""))
        .collect();
    assert_eq!(banners.len(), l.plan.categories.len());
    for (row, category) in banners.iter().zip(&l.plan.categories) {
        assert_eq!(paragraphs(row).join(""), category.replace(',', "，"));
        assert!(row.contains("<w:cantSplit"), "{category}");
        assert!(row.contains("<w:keepNext"), "{category}");
    }
}

/// The `<w:tr>` elements of the first table (the attachment's), whole.
fn table_rows(xml: &str) -> Vec<&str> {
    let start = xml.find("<w:tbl>").unwrap();
    let end = xml.find("</w:tbl>").unwrap();
    xml[start..end]
        .split("<w:tr>")
        .skip(1)
        .map(|r| &r[..r.find("</w:tr>").unwrap()])
        .collect()
}

/// A row shorter than a third of a landscape page never splits across pages (no page
/// holds only the tail of a short row); a row taller than that may, or it would leave
/// much of a page blank (the attachment's title alone on its page, when the first row
/// does not fit under it; in Word, a row cut off at the page's foot).
#[test]
fn short_rows_never_split_long_rows_may() {
    let l = demo_ledger();
    let xml = part(demo_docx(), "word/document.xml");
    let rows: Vec<&str> = table_rows(&xml)
        .into_iter()
        .skip(1)
        .filter(|r| !r.contains("<w:gridSpan"))
        .collect();
    assert_eq!(rows.len(), l.tasks.len());
    // A third of the landscape text height (5216 twips) in 16 pt table lines: 8 lines.
    // 进展情况, the widest text, is 4876 twips wide: 44 ASCII halves, 22 CJK a line.
    let mut unsplit = 0;
    for row in rows {
        let text = paragraphs(row).join("");
        let tiny = text.chars().count() < 8 * 12;
        let huge = text.chars().count() > 8 * 24 * 3;
        let cant = row.contains("<w:cantSplit");
        // A row that splits leaves no line of a paragraph alone on either page.
        let paras = row.matches("<w:p ").count() + row.matches("<w:p>").count();
        assert_eq!(row.matches("<w:widowControl").count(), paras, "{text}");
        if tiny {
            assert!(cant, "a short row may split: {text}");
        }
        if huge {
            assert!(
                !cant,
                "a row taller than a third of a page may not split: {text}"
            );
        }
        unsplit += cant as usize;
    }
    assert!(unsplit > l.tasks.len() / 2, "{unsplit} rows kept whole");
    assert!(unsplit < l.tasks.len(), "every row kept whole");
}

#[test]
fn no_invalid_characters_and_unpadded_dates() {
    let d = demo_docx();
    for name in part_names(d) {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let xml = part(d, &name);
            assert!(
                xml.chars().all(rectify::common::text::is_xml_char),
                "{name} holds an XML-invalid character"
            );
        }
    }
    let text = body_text(d);
    assert!(text.contains("2020年12月10日"));
    for bad in ["年0", "月0", "-0"] {
        let zero_padded = text
            .match_indices(bad)
            .filter(|(i, _)| {
                let after = text[i + bad.len()..].chars().next();
                after.is_some_and(|c| c.is_ascii_digit())
            })
            .count();
        assert_eq!(zero_padded, 0, "zero-padded date ({bad}) in the report");
    }
}

#[test]
fn headline_numbers_equal_the_ledger() {
    let l = demo_ledger();
    let text = body_text(demo_docx());
    let h = headline(l);
    assert!(text.contains(&h), "missing headline: {h}");
    let s = &l.summary;
    assert_eq!(s.not_started, 0, "the demo has no task not started");
    assert!(!text.contains("未启动0项"), "{text}");
    assert!(!text.contains("÷"), "no formula in the body: {text}");
    assert!(
        s.confirming > 0,
        "the demo has tasks done by all who answered"
    );
    assert_eq!(status_total(s), s.total);
    assert_eq!(s.total, 63);
    for heading in [
        "一、总体情况",
        "二、整改工作推进情况",
        "三、存在的问题",
        "四、下一步工作打算",
        "特此报告。",
        "附件：",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
    assert!(text.contains(&l.plan.doc_number));
    assert!(text.contains(&format!("{}：", l.plan.addressee)));
}

#[test]
fn every_task_once_in_the_attachment_table() {
    let l = demo_ledger();
    let xml = part(demo_docx(), "word/document.xml");
    let start = xml.find("<w:tbl>").unwrap();
    let end = xml.find("</w:tbl>").unwrap();
    let table = &xml[start..end];
    let rows: Vec<&str> = table
        .split("<w:tr>")
        .skip(1)
        .filter(|r| !r.contains("<w:gridSpan"))
        .collect();
    assert_eq!(rows.len(), 1 + l.tasks.len());
    let header = paragraphs(&format!("<w:tr>{}", rows[0]));
    assert_eq!(
        header,
        [
            "序号",
            "具体举措",
            "完成时限",
            "牵头/责任单位",
            "完成情况",
            "进展情况"
        ]
    );
    let mut ids = Vec::new();
    for row in &rows[1..] {
        let cells = paragraphs(&format!("<w:tr>{row}"));
        ids.push(cells[0].parse::<u32>().unwrap());
    }
    let expected: Vec<u32> = l.tasks.iter().map(|t| t.id).collect();
    assert_eq!(ids, expected);
    // The body no longer repeats the measures: they are in the table only.
    let body = report_body(demo_docx());
    for t in l.tasks.iter().filter(|t| t.measure.chars().count() > 30) {
        assert!(
            !body.contains(&t.measure),
            "task {} repeated in the body",
            t.id
        );
    }
}

/// The text of the report before 附件1 (the letter itself).
fn report_body(docx: &[u8]) -> String {
    let text = body_text(docx);
    let end = text.find("\n附件1\n").expect("附件1 label");
    text[..end].to_string()
}

#[test]
fn the_body_speaks_plainly_and_tells_the_truth_about_statuses() {
    let l = demo_ledger();
    let body = report_body(demo_docx());
    // The bureau is 我局, never named as a unit that failed to report.
    // Returns come from lead, responsible and cooperating units, not lead units alone.
    assert!(body.contains("我局按照要求收集汇总"));
    assert!(!body.contains("收集汇总各牵头单位整改进展"));
    assert!(body.contains("我局已对重庆鼎牛食品有限公司"));
    let collector = &l.plan.collector;
    let three =
        &body[body.find("三、存在的问题").unwrap()..body.find("四、下一步工作打算").unwrap()];
    assert!(!three.contains(collector.as_str()), "{three}");
    // No jargon, no cut measures, no half-width commas between Chinese characters.
    for bad in [
        "未分配单位",
        "记为",
        "unclear",
        "…",
        "已报送进展（",
        "施策,有效",
    ] {
        assert!(!body.contains(bad), "{bad} in the body");
    }
    let t27 = l.task(27).unwrap();
    // A task several towns decide: 二 names the task and how the towns stand, then their
    // work: the town done, and the town behind (宝峰镇 未启动) in its own words.
    assert!(body.contains(&format!("在{}方面，23个镇街中，", t27.short_name)));
    assert!(!body.contains("（正在推进，23个镇街中"), "{body}");
    assert!(body.contains("宝峰镇涉及群众承包地调整"), "{body}");
    // A unit's words naming it further on are told as its report, not without a subject.
    assert!(
        body.contains("据临江河指挥部办公室报送，已成立永川区水污染防治工作领导小组"),
        "{body}"
    );
    // Words opened 据…报送 take no 在…方面 frame as well (石庙污水处理站, task 38).
    assert!(!body.contains("方面，据"), "{body}");
    assert!(
        body.contains("据区住房城乡建委报送，石庙污水处理站溢流原因已查明"),
        "{body}"
    );
    // A unit with no role on a task is not cited (区发展改革委 on task 12, which is
    // overdue: in the overdue list, once, as a task nobody reported on).
    let t12 = l.task(12).unwrap();
    assert!(t12.reported_by_others.is_empty());
    assert!(t12
        .current_reports()
        .any(|r| r.unit == "区发展改革委" && r.role == rectify::plan::Role::Unassigned));
    assert!(t12.overdue);
    assert!(!body.contains("区发展改革委报送了相关进展"), "{body}");
    // Named as the other overdue tasks nobody reported on are: in 三（一） and 三（四）.
    assert_eq!(
        body.matches(t12.short_name.as_str()).count(),
        body.matches(l.task(63).unwrap().short_name.as_str())
            .count(),
    );
    // Results keep their figures and end at a sentence boundary.
    // One unit's tasks are told together under its name, one sentence each, without a
    // status bracket (the part's counts say it); no point holds more than three.
    assert!(body.contains("一是区农业农村委已出台《永川区水产养殖尾水治理工作方案》"));
    assert!(body.contains("明确养殖尾水达标排放要求；"));
    assert!(!body.contains("水产养殖整治政策及尾水处理（已完成）"));
    assert!(body.contains("四是区农业农村委"));
    assert!(body.contains("（一）科学施策，有效降低农业农村污染"));
    // The full list of units that owe reports is 附件2, without the collector.
    let text = body_text(demo_docx());
    let annex2 =
        &text[text.find("\n附件2\n").expect("附件2")..text.find("\n抄送：").expect("版记")];
    assert!(annex2
        .lines()
        .any(|l| l.contains("区商务委") && l.contains("未报送任何进展）")));
    assert!(!annex2.contains(collector.as_str()));
}

#[test]
fn a_doubtful_task_is_awaiting_verification_with_its_reason() {
    let mut l = demo_ledger().clone();
    let t = l.tasks.iter_mut().find(|t| t.id == 26).unwrap();
    t.status = rectify::model::Status::Unclear;
    t.doubts = vec!["区水利局报送正在推进，但进展写明已通过验收".into()];
    let short = t.short_name.clone();
    let docx = report_docx(&l, &Templates::default()).unwrap();
    let body = report_body(&docx);
    assert!(body.contains("部分报送内容待核实"), "heading");
    assert!(
        body.contains(&format!(
            "{short}，区水利局报送正在推进，但进展写明已通过验收"
        )),
        "reason clause"
    );
    // Task 26 is overdue: the overdue list counts it as 待核实.
    let overdue = &body[body
        .find("已超过完成时限但尚未完成的任务")
        .expect("overdue list")..];
    let overdue = &overdue[..overdue.find('。').unwrap()];
    assert!(overdue.contains("（其中待核实"), "{overdue}");
    assert!(overdue.contains(&short), "{overdue}");
}

/// With nothing completed, the next steps do not ask to look back on completed tasks.
#[test]
fn nothing_completed_asks_no_look_back() {
    let empty = rectify::build_ledger(&shipped_plan(), Path::new("/nonexistent"));
    assert_eq!(empty.summary.completed, 0);
    let body = report_body(&report_docx(&empty, &Templates::default()).unwrap());
    assert!(!body.contains("回头看"), "{body}");
    assert!(
        body.contains("持续抓好整改落实，不断改善全区水环境质量。"),
        "{body}"
    );
    // The demo, with tasks completed, still does.
    assert!(report_body(demo_docx()).contains("对已完成的任务开展“回头看”"));
}

/// The report's counts add up: with nothing received, the overdue tasks of 一 are those
/// 三（一） names as the units' plus the bureau's own, and the unreported tasks of 三（二）
/// are those nobody reported on plus the bureau's own (adv51 b 2: 29 against 27, 58 of 63
/// with the other 5 never named).
#[test]
fn the_counts_of_the_problems_add_up_to_the_overall_ones() {
    let empty = rectify::build_ledger(&shipped_plan(), Path::new("/nonexistent"));
    let body =
        report_body(&report_docx(&empty, &Templates::default()).unwrap()).replace('\u{200b}', "");
    let own: Vec<u32> = empty
        .tasks
        .iter()
        .filter(|t| t.awaiting.iter().all(|u| *u == empty.plan.collector))
        .map(|t| t.id)
        .collect();
    let own_overdue: Vec<u32> = empty
        .tasks
        .iter()
        .filter(|t| t.overdue && own.contains(&t.id))
        .map(|t| t.id)
        .collect();
    assert!(own_overdue.len() >= 2 && own.len() > own_overdue.len());
    let list = |ids: &[u32]| {
        ids.iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join("、")
    };
    let overdue_total = empty.tasks.iter().filter(|t| t.overdue).count();
    assert!(
        body.contains(&format!("已超过完成时限的{overdue_total}项")),
        "{body}"
    );
    assert!(
        body.contains(&format!(
            "{}项任务已超过完成时限，{}尚未报送完成情况",
            overdue_total - own_overdue.len(),
            who_silent(&empty)
        )),
        "{body}"
    );
    assert!(
        body.contains(&format!(
            "我局承担的第{}项任务也已超过完成时限，情况见第二部分。",
            list(&own_overdue)
        )),
        "{body}"
    );
    assert!(
        body.contains(&format!(
            "未报送的63项任务中，{}项任务尚未收到任何报送",
            63 - own.len()
        )),
        "{body}"
    );
    assert!(
        body.contains(&format!(
            "其余{}项为我局承担的任务（第{}项），情况见第二部分。",
            own.len(),
            list(&own)
        )),
        "{body}"
    );
}

#[test]
fn hostile_unit_text_stays_plain_text() {
    let mut l = demo_ledger().clone();
    let long = "长".repeat(12_000);
    let nasty = format!(
        "<w:p>&\"标记\" {{{{ x }}}} {{% if %}}\u{1}\u{B}\u{FFFF}\n@h1 不是标题\\n\t末尾{long}"
    );
    let task = l
        .tasks
        .iter_mut()
        .find(|t| t.current_reports().next().is_some())
        .unwrap();
    let id = task.id;
    let r = task.reports.iter_mut().find(|r| !r.superseded).unwrap();
    r.progress = nasty.clone();
    r.unit = "区<水利>局&{{ y }}".into();
    let docx = report_docx(&l, &Templates::default()).unwrap();
    let xml = part(&docx, "word/document.xml");
    for c in ['\u{1}', '\u{B}', '\u{FFFF}'] {
        assert!(!xml.contains(c));
    }
    let expected = "<w:p>&\"标记\" {{ x }} {% if %}\n@h1 不是标题\\n\t末尾";
    let paras = paragraphs(&xml);
    let hits: Vec<&String> = paras
        .iter()
        .filter(|p| p.contains(expected) && p.contains(&long))
        .collect();
    // Once, in the attachment table (the body tells deciders' sentences only).
    assert_eq!(hits.len(), 1, "task {id}");
    assert!(hits[0].starts_with("区<水利>局&{{ y }}"));
    // Nothing became a heading or a block.
    assert!(!paras.iter().any(|p| p == "不是标题"));
    // The rest of the report is still there.
    assert!(body_text(&docx).contains("四、下一步工作打算"));
}

/// A unit's words as offices type them, quoted as a clerk would write them: its own name
/// opening its text said once (区住房城乡建委：区住房城乡建委：…, 该委：… before), half-width
/// marks full-width ((65座）, 形成论证报告.), 。。 once, a text pasted three times over
/// once, N/A never quoted, a sentence left open ended with 。; words claiming more than
/// their status (正在推进 beside 已完成) not told in 二 as done; 同上 under another task's
/// row not that task's words (adv46 b in-text).
#[test]
fn a_units_words_are_quoted_as_a_clerk_would_write_them() {
    let dir = tempfile::tempdir().unwrap();
    let pasted =
        "1.已制定《永川区排水管网排查整治工作方案》，明确责任分工；2.完成城区管网排查156公里。";
    let rows = vec![
        std_row(
            n(37.0),
            &measure(37),
            "区住房城乡建委：已完成调节池扩容，溢流问题已解决",
            "已完成",
            V::D(2020, 11, 30),
        ),
        std_row(
            n(41.0),
            &measure(41),
            "已完成进水情况分析 (65座), 形成论证报告.",
            "已完成",
            V::D(2020, 11, 20),
        ),
        std_row(
            n(40.0),
            &measure(40),
            "已修订《永川区城乡污水处理服务费拨付管理办法》并印发实施,已完成。",
            "正在推进",
            V::E,
        ),
        std_row(n(46.0), &measure(46), "N/A", "未启动", V::E),
        std_row(
            n(33.0),
            &measure(33),
            "（1）委托设计单位编制规划；（2）9月18日区政府批复实施。。",
            "已完成",
            V::D(2020, 9, 18),
        ),
        std_row(n(34.0), &measure(34), "同上", "长期坚持", V::E),
        std_row(n(35.0), &measure(35), &pasted.repeat(3), "长期坚持", V::E),
        // Words that say no more than the status: the task named in 二.
        std_row(
            n(32.0),
            &measure(32),
            "已完成。",
            "已完成",
            V::D(2020, 9, 30),
        ),
    ];
    write_workbook(
        &dir.path().join("区住房城乡建委.xlsx"),
        &[standard_return(
            "填报单位：区住房城乡建委    填报日期：2020年12月4日",
            rows,
        )],
    );
    let l = ledger_for(dir.path());
    let docx = report_docx(&l, &Templates::default()).unwrap();
    let text = body_text(&docx);
    let body = report_body(&docx);
    for absent in [
        "区住房城乡建委：区住房城乡建委",
        "该委：",
        "N/A",
        ".。",
        "。。",
        "(65",
        ", 形成",
    ] {
        assert!(!text.contains(absent), "{absent}: {text}");
    }
    assert!(
        text.contains("区住房城乡建委：已完成调节池扩容，溢流问题已解决。"),
        "{text}"
    );
    assert!(
        text.contains("已完成进水情况分析（65座），形成论证报告。"),
        "{text}"
    );
    assert_eq!(text.matches("完成城区管网排查156公里").count(), 1, "{text}");
    let short = l.task(32).unwrap().short_name.clone();
    assert!(
        body.contains(&format!("在{short}方面，区住房城乡建委已完成。")),
        "{body}"
    );
    // 正在推进 beside 已完成: to be checked (三), not told in 二 as done.
    assert!(
        !body.contains("已修订《永川区城乡污水处理服务费拨付管理办法》"),
        "{body}"
    );
    // 同上 under task 33's row: not 33's words for 34 (which reports no words).
    // (Once in 二, once in 附件1 under task 33.)
    assert_eq!(text.matches("委托设计单位编制规划").count(), 2, "{text}");
    let r34 = l
        .task(34)
        .unwrap()
        .current_reports()
        .next()
        .unwrap()
        .clone();
    assert!(r34.progress.is_empty(), "{r34:?}");
    assert!(l
        .problems
        .iter()
        .any(|p| p.row == Some(r34.source.row) && p.message.contains("两项举措不同")));
}

/// A task several units decide is told with how they stand first (2个责任单位中，已完成1个、
/// 未启动1个), then the one told, and the one still behind in its own words: before, 二
/// named one unit's 已完成 alone while 三 listed the task overdue (adv48 b H1, H2). The
/// same words on two of a unit's tasks are said once (M1); the collector's words opening
/// with its own name read 我局 (M5).
#[test]
fn a_task_several_units_decide_is_told_with_their_tally() {
    let dir = tempfile::tempdir().unwrap();
    let boilerplate = "持续开展相关工作，建立常态化工作机制。";
    let returns = [
        (
            "区住房城乡建委",
            vec![
                std_row(
                    n(37.0),
                    &measure(37),
                    "经排查，已完成调节池扩容和场镇主干管截污改造。",
                    "已完成",
                    V::D(2020, 9, 28),
                ),
                std_row(n(34.0), &measure(34), boilerplate, "长期坚持", V::E),
                std_row(n(39.0), &measure(39), boilerplate, "长期坚持", V::E),
            ],
        ),
        (
            "重庆市永川区惠永水务有限公司",
            vec![std_row(
                n(37.0),
                &measure(37),
                "受资金影响，扩容工程尚未启动。",
                "未启动",
                V::E,
            )],
        ),
        (
            "区生态环境局",
            vec![std_row(
                n(51.0),
                &measure(51),
                "区生态环境局举办镇街执法培训班3期。",
                "长期坚持",
                V::E,
            )],
        ),
    ];
    for (unit, rows) in returns {
        write_workbook(
            &dir.path().join(format!("{unit}.xlsx")),
            &[standard_return(
                &format!("填报单位：{unit}    填报日期：2020年12月4日"),
                rows,
            )],
        );
    }
    let l = ledger_for(dir.path());
    let body = report_body(&report_docx(&l, &Templates::default()).unwrap());
    let short = &l.task(37).unwrap().short_name;
    assert!(
        body.contains(&format!(
            "在{short}方面，2个责任单位中，已完成1个、未启动1个。区住房城乡建委经排查，已完成调节池扩容"
        )),
        "{body}"
    );
    assert!(
        body.contains("；重庆市永川区惠永水务有限公司受资金影响，扩容工程尚未启动。"),
        "{body}"
    );
    assert_eq!(body.matches("建立常态化工作机制").count(), 1, "{body}");
    assert!(body.contains("我局举办镇街执法培训班3期"), "{body}");
    assert!(!body.contains("区生态环境局举办"), "{body}");
}

#[test]
fn two_runs_are_byte_identical() {
    let a = report_docx(demo_ledger(), &Templates::default()).unwrap();
    let b = report_docx(demo_ledger(), &Templates::default()).unwrap();
    assert_eq!(a, b);
    // And the same from a separate thread (ids are explicit, not global counters).
    let c = std::thread::spawn(|| report_docx(demo_ledger(), &Templates::default()).unwrap())
        .join()
        .unwrap();
    assert_eq!(a, c);
}

#[test]
fn templates_override_and_errors_name_file_line_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("report.tera"),
        "@title 测试标题\n@p 共{{ summary.total }}项，{{ plan.addressee }}。\n@landscape\n@table tasks\n",
    )
    .unwrap();
    let docx = report_docx(demo_ledger(), &Templates::new(Some(dir.path()))).unwrap();
    let text = body_text(&docx);
    assert!(
        text.starts_with("测试标题\n共63项，区人大常委会。"),
        "{text}"
    );

    std::fs::write(
        dir.path().join("report.tera"),
        "@title 标题\n@p 第二行\n@p {{ summary.total + }}\n",
    )
    .unwrap();
    let e = report_docx(demo_ledger(), &Templates::new(Some(dir.path())))
        .unwrap_err()
        .to_string();
    assert!(e.contains("report.tera"), "{e}");
    assert!(e.contains("第3行"), "{e}");
    assert!(e.contains("列"), "{e}");

    std::fs::write(dir.path().join("report.tera"), "@p 好\n@bogus 坏\n").unwrap();
    let e = report_docx(demo_ledger(), &Templates::new(Some(dir.path())))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("report.tera") && e.contains("第2行") && e.contains("@bogus"),
        "{e}"
    );
}

#[test]
fn cli_run_and_report_write_the_docx() {
    let input = input_with_returns(|r| {
        std::fs::copy(
            repo().join("input/returns/区水利局.xlsx"),
            r.join("区水利局.xlsx"),
        )
        .unwrap();
    });
    let out = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_rectify");
    let st = Command::new(bin)
        .args(["--input"])
        .arg(input.path())
        .arg("--output")
        .arg(out.path())
        .arg("report")
        .status()
        .unwrap();
    assert!(st.success());
    assert!(out.path().join(REPORT_DOCX).is_file());
    assert!(!out.path().join("ledger.json").exists());
    let st = Command::new(bin)
        .arg("--input")
        .arg(input.path())
        .arg("--output")
        .arg(out.path())
        .arg("run")
        .status()
        .unwrap();
    assert!(st.success());
    assert!(out.path().join("ledger.json").is_file());
    // A broken template: exit 2, message names the file.
    let tpl = tempfile::tempdir().unwrap();
    std::fs::write(tpl.path().join("report.tera"), "@p {% if %}\n").unwrap();
    let o = Command::new(bin)
        .arg("--input")
        .arg(input.path())
        .arg("--output")
        .arg(out.path())
        .arg("--templates")
        .arg(tpl.path())
        .arg("report")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("模板错误") && err.contains("report.tera"),
        "{err}"
    );
}

/// soffice → PDF → pdftotext: the title, the headline and "— 2 —" are on the pages.
#[test]
fn libreoffice_renders_the_report() {
    let Some(soffice) = which("soffice") else {
        if std::env::var_os("CI").is_some() {
            panic!("soffice is required in CI (libreoffice-writer-nogui)");
        }
        eprintln!("跳过：未安装 soffice（LibreOffice），未做PDF转换检查");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join(REPORT_DOCX);
    std::fs::write(&docx, demo_docx()).unwrap();
    let pdf = to_pdf(&soffice, &docx, dir.path());
    let text = pdftotext(&pdf);
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let l = demo_ledger();
    assert!(
        flat.contains(&format!("{}关于", l.plan.collector_full)),
        "title"
    );
    assert!(flat.contains("情况的报告"));
    let h: String = headline(l).chars().filter(|c| !c.is_whitespace()).collect();
    assert!(flat.contains(&h), "headline on the page: {h}");
    // pdftotext drops the thin spaces around the number.
    assert!(flat.contains("—2—"), "page number 2");
    assert!(flat.contains("附件"));
}

fn which(cmd: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(cmd))
            .find(|p| p.is_file())
    })
}

fn to_pdf(soffice: &Path, docx: &Path, out: &Path) -> std::path::PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let fonts = repo().join("tests/fontconfig/fonts.conf");
    let o = Command::new(soffice)
        .env("FONTCONFIG_FILE", &fonts)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        // The blank page a section starting on an even page brings is printed: keep it
        // in the PDF (LibreOffice leaves such pages out by default).
        .args([
            "--headless",
            "--convert-to",
            r#"pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}"#,
            "--outdir",
        ])
        .arg(out)
        .arg(docx)
        .output()
        .unwrap();
    let pdf = out.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(
        pdf.is_file(),
        "soffice made no PDF (exit {:?}): {}{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    pdf
}

fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed with soffice");
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

/// The report the demo returns give is schema-valid: openxml-audit finds nothing,
/// python-docx reads its two sections and the attachment table.
#[test]
fn the_finished_report_passes_openxml_audit_and_python_docx() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(REPORT_DOCX);
    std::fs::write(&path, demo_docx()).unwrap();
    if tools::has_audit() {
        let (n, detail) = tools::audit(&path);
        assert_eq!(n, 0, "openxml-audit findings: {detail}");
    }
    if tools::available(
        "python3",
        &["-c", "import docx"],
        "python-docx (pip install python-docx)",
    ) {
        // 4 sections (body, 附件1 landscape, 附件2, 版记); 70 rows: the header, 6 banners, 63 tasks.
        let script = "import sys, docx\nd = docx.Document(sys.argv[1])\nprint(len(d.sections), int(d.sections[1].page_width > d.sections[1].page_height), len(d.tables), len(d.tables[0].rows), d.core_properties.author)";
        let out = Command::new("python3")
            .args(["-c", script])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            "4 1 2 70 重庆市永川区生态环境局"
        );
    }
}

/// The demo report's pages through LibreOffice, as pdftotext gives them (split at form
/// feeds); None when soffice is missing outside CI.
fn demo_pdf_pages() -> Option<&'static Vec<String>> {
    demo_pdf().map(|(_, pages)| pages)
}

/// The demo report as a PDF through LibreOffice (its path) and its pages' text.
fn demo_pdf() -> Option<(&'static Path, &'static Vec<String>)> {
    static P: OnceLock<Option<(tempfile::TempDir, std::path::PathBuf, Vec<String>)>> =
        OnceLock::new();
    P.get_or_init(|| {
        let Some(soffice) = which("soffice") else {
            if std::env::var_os("CI").is_some() {
                panic!("soffice is required in CI (libreoffice-writer-nogui)");
            }
            eprintln!("跳过：未安装 soffice（LibreOffice），未做PDF页数检查");
            return None;
        };
        let dir = tempfile::tempdir().unwrap();
        let docx = dir.path().join(REPORT_DOCX);
        std::fs::write(&docx, demo_docx()).unwrap();
        let pdf = to_pdf(&soffice, &docx, dir.path());
        let pages = pdftotext(&pdf).split('\u{c}').map(str::to_string).collect();
        Some((dir, pdf, pages))
    })
    .as_ref()
    .map(|(_, pdf, pages)| (pdf.as_path(), pages))
}

/// The body (everything before the page that opens with 附件) fits on nine pages: a
/// report of the length a 区人大常委会 reads, the detail in 附件1. (Eight until the
/// body told what came of each task's work and named the reports to verify: its
/// closing block, kept with 特此报告 and room for the seal, moved to a ninth page.)
#[test]
fn the_demo_body_is_at_most_nine_pages() {
    let Some(pages) = demo_pdf_pages() else {
        return;
    };
    let body = pages
        .iter()
        .position(|p| p.trim_start().starts_with("附件"))
        .expect("a page opens with 附件");
    assert!(
        body >= 4,
        "the body has {body} pages: too short to be whole"
    );
    assert!(body <= 9, "the body has {body} pages, at most 9 wanted");
}

/// GB/T 9704: a body line holds 28 characters. Lines of the body pages made only of
/// Chinese characters and full-width punctuation never exceed 28 (a compressed
/// punctuation mark at the line's end aside), and the full ones hold exactly 28.
#[test]
fn a_body_line_holds_28_characters() {
    let Some(pages) = demo_pdf_pages() else {
        return;
    };
    let mut counts = Vec::new();
    for page in &pages[1..4] {
        for line in page.lines() {
            let t = line.trim();
            if !t.is_empty() && t.chars().all(|c| c as u32 >= 0x2E80) {
                // A line may end in a compressed (hanging) punctuation mark.
                let t = t.trim_end_matches(['，', '。', '；', '、', '：']);
                counts.push(t.chars().count());
            }
        }
    }
    assert!(counts.len() >= 10, "too few pure Chinese lines: {counts:?}");
    assert!(counts.iter().all(|&n| n <= 28), "{counts:?}");
    assert!(
        counts.iter().filter(|&&n| n == 28).count() >= 8,
        "full lines hold 28 characters: {counts:?}"
    );
}

/// The headings are real styles with outline levels: python-docx sees "Heading 1" for
/// 一、 and "Heading 2" for （一）; the page-number digits are 宋体; 附件说明 hangs under
/// the attachment's name; an attachment's title stands on its page's third line.
#[test]
fn heading_styles_page_number_font_annex_and_attachment_title() {
    let doc = part(demo_docx(), "word/document.xml");
    let styles = part(demo_docx(), "word/styles.xml");
    assert!(styles.contains(r#"w:styleId="Heading1"><w:name w:val="heading 1"/>"#));
    assert!(styles.contains(r#"<w:outlineLvl w:val="0"/>"#));
    assert!(styles.contains(r#"<w:outlineLvl w:val="1"/>"#));
    let footer = part(demo_docx(), "word/footer1.xml");
    assert!(
        footer.contains(r#"w:ascii="宋体" w:hAnsi="宋体""#),
        "{footer}"
    );
    let texts = paragraphs(&doc);
    let a = texts.iter().position(|t| t == "附件1").expect("附件1");
    assert_eq!(texts[a + 1], "", "line 2 blank");
    assert!(texts[a + 2].starts_with("区人大常委会"), "title on line 3");
    // 附件说明 (GB/T 9704 7.3.4): wrapped lines under the first character of the name,
    // 2 + 3 (附件：) + 1.5 (1．) characters in; the 2．line under 1．, its own wrapped
    // lines under its name too.
    let annex = doc.find("附件：1．").expect("附件说明");
    let p_start = doc[..annex].rfind("<w:p ").unwrap();
    assert!(
        doc[p_start..annex].contains(r#"w:left="2080""#)
            && doc[p_start..annex].contains(r#"w:hanging="1440""#),
        "{}",
        &doc[p_start..annex]
    );
    let second = doc.find("2．未报送").expect("the second attachment");
    let p_start = doc[..second].rfind("<w:p ").unwrap();
    assert!(
        doc[p_start..second].contains(r#"w:left="2080""#)
            && doc[p_start..second].contains(r#"w:hanging="480""#),
        "{}",
        &doc[p_start..second]
    );
    if tools::available(
        "python3",
        &["-c", "import docx"],
        "python-docx (pip install python-docx)",
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(REPORT_DOCX);
        std::fs::write(&path, demo_docx()).unwrap();
        let script = "import sys, docx\nd = docx.Document(sys.argv[1])\nfor p in d.paragraphs:\n    if p.style is not None and p.style.name.startswith('Heading'):\n        print(p.style.name, p.text)";
        let out = Command::new("python3")
            .args(["-c", script])
            .arg(&path)
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&out.stdout);
        assert!(out.contains("Heading 1 一、总体情况"), "{out}");
        assert!(out.contains("Heading 1 四、下一步工作打算"), "{out}");
        assert!(
            out.contains("Heading 2 （一）科学施策，有效降低农业农村污染"),
            "{out}"
        );
    }
}

/// plan.toml `[imprint]` gives the 版记, its defaults filled: 印发机关 the collector's
/// office, 印发日期 the report date. `[masthead]` with `print = false` gives no 版头.
#[test]
fn plan_toml_imprint_defaults_and_masthead_off() {
    let l = demo_ledger();
    let i = l.plan.imprint.as_ref().expect("the demo asks for a 版记");
    assert_eq!(i.cc, ["区人民政府办公室"]);
    assert_eq!(i.printer, format!("{}办公室", l.plan.collector_full));
    assert_eq!(i.date, l.plan.report_date);
    assert!(l.plan.masthead.is_none(), "print = false");
    let xml = part(demo_docx(), "word/document.xml");
    assert!(!xml.contains("FF0000"), "no red without a 版头");
}

/// GB/T 9704 7.4: the 版记 closes the document on an even page, 抄送 and 印发 one
/// character in, between a thick rule, a thin one and a thick one the width of the
/// text block, its last line on the page's last line.
#[test]
fn the_imprint_closes_the_report_at_the_foot_of_an_even_page() {
    let xml = part(demo_docx(), "word/document.xml");
    let last_tbl = xml.rfind("<w:tbl>").unwrap();
    let table = &xml[last_tbl..xml.rfind("</w:tbl>").unwrap()];
    assert_eq!(
        paragraphs(table),
        [
            "抄送：区人民政府办公室。",
            "重庆市永川区生态环境局办公室\t2020年12月10日印发"
        ]
    );
    let borders =
        &table[table.find("<w:tblBorders>").unwrap()..table.find("</w:tblBorders>").unwrap()];
    let size = |edge: &str| {
        tags(borders, &format!("w:{edge}"))
            .first()
            .and_then(|t| attr(t, "w:sz"))
            .map(str::to_string)
    };
    assert_eq!(size("top").as_deref(), Some("8"), "0.35 mm");
    assert_eq!(size("bottom").as_deref(), Some("8"), "0.35 mm");
    assert_eq!(size("insideH").as_deref(), Some("6"), "0.25 mm");
    for side in ["left", "right", "insideV"] {
        assert!(
            size(side).is_none()
                || tags(borders, &format!("w:{side}"))[0].contains("\"nil\"")
                || tags(borders, &format!("w:{side}"))[0].contains("\"none\""),
            "{side}: {borders}"
        );
    }
    // The final section is portrait and starts on an even page.
    let final_sect = &xml[xml.rfind("<w:sectPr").unwrap()..];
    assert!(
        final_sect.contains("<w:type w:val=\"evenPage\""),
        "{final_sect}"
    );
    let pg = tags(final_sect, "w:pgSz")[0];
    assert_eq!(attr(pg, "w:w"), Some("11906"));
    let Some((pdf, pages)) = demo_pdf() else {
        return;
    };
    let last = pages.iter().rposition(|p| !p.trim().is_empty()).unwrap();
    assert_eq!((last + 1) % 2, 0, "the 版记 is on page {}", last + 1);
    let text = &pages[last];
    assert!(text.contains("抄送：区人民政府办公室"), "{text}");
    assert!(text.contains("印发"), "{text}");
    assert!(
        !text.contains("特此报告"),
        "the 版记 has its page to itself"
    );
    // Its last line sits on the text block's last line: within a line (28.95 pt) of
    // the bottom margin (35 mm from the page's foot).
    let o = Command::new("pdftotext")
        .args([
            "-bbox",
            "-f",
            &(last + 1).to_string(),
            "-l",
            &(last + 1).to_string(),
        ])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let bbox = String::from_utf8(o.stdout).unwrap();
    let page_h: f64 = attr(tags(&bbox, "page")[0], "height")
        .unwrap()
        .parse()
        .unwrap();
    let y_of = |word: &str| -> f64 {
        let w = bbox
            .lines()
            .find(|l| l.contains(&format!(">{word}")))
            .unwrap_or_else(|| panic!("{word}: {bbox}"));
        attr(w.trim(), "yMax").unwrap().parse().unwrap()
    };
    let text_bottom = page_h - 35.0 / 25.4 * 72.0;
    let y = y_of("重庆市永川区生态环境局办公室");
    assert!(
        y <= text_bottom + 1.0 && y > text_bottom - 29.0,
        "印发 line ends at {y:.1} pt, the text block at {text_bottom:.1} pt"
    );
}

/// GB/T 9704 7.2: with `[masthead] print = true` the report opens with the red
/// 发文机关标志, the 发文字号 (and, for an upward document, 签发人 in 楷体) over a red
/// line; the title then drops the organ's name, which the mark carries.
#[test]
fn masthead_when_the_plan_asks_for_it() {
    let mut l = demo_ledger().clone();
    let render = |l: &Ledger| {
        part(
            &report_docx(l, &Templates::default()).unwrap(),
            "word/document.xml",
        )
    };
    for signer in ["", "张三"] {
        l.plan.masthead = Some(rectify::model::MastheadInfo {
            mark: "重庆市永川区生态环境局文件".into(),
            doc_number: "永环文〔2020〕86号".into(),
            signer: signer.into(),
        });
        let xml = render(&l);
        let paras: Vec<&str> = xml.split("<w:p ").skip(1).collect();
        let mark = paras[0];
        assert_eq!(
            paragraphs(&format!("<w:p {mark}")).join(""),
            "重庆市永川区生态环境局文件"
        );
        assert!(mark.contains("<w:color w:val=\"FF0000\""), "red mark");
        // 35 mm from the text block's top, 80 mm for an upward document.
        let before = attr(tags(mark, "w:spacing")[0], "w:before").unwrap();
        assert_eq!(before, if signer.is_empty() { "1984" } else { "4535" });
        let num = paras
            .iter()
            .find(|p| p.contains("永环文"))
            .expect("发文字号");
        let text = paragraphs(&format!("<w:p {num}")).join("");
        if signer.is_empty() {
            assert_eq!(text, "永环文〔2020〕86号");
        } else {
            assert_eq!(text, "\t永环文〔2020〕86号\t签发人：张三");
            assert!(
                num.contains("w:eastAsia=\"楷体_GB2312\""),
                "the name in 楷体"
            );
        }
        let line = tags(num, "w:bottom")[0];
        assert_eq!(attr(line, "w:color"), Some("FF0000"));
        for side in ["w:top", "w:left", "w:right"] {
            assert!(
                !num.contains(&format!("<{side} w:val=\"single\"")),
                "{side}"
            );
        }
        let body = body_text_of(&xml);
        assert!(!body.contains(&format!("{}\n关于", l.plan.collector_full)));
    }
    if tools::has_audit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(REPORT_DOCX);
        std::fs::write(&path, report_docx(&l, &Templates::default()).unwrap()).unwrap();
        let (n, detail) = tools::audit(&path);
        assert_eq!(n, 0, "openxml-audit findings with a 版头: {detail}");
    }
    l.plan.imprint = None;
    let xml = render(&l);
    assert_eq!(xml.matches("<w:tbl>").count(), 1, "no 版记 table");
    assert!(!xml.contains("evenPage"));
}

/// Paragraph texts of a document part joined with newlines.
fn body_text_of(xml: &str) -> String {
    paragraphs(xml).join("\n")
}

/// Under lead reporting a partner owes the bureau nothing; one that writes to the bureau
/// anyway is counted apart, so the report never says more units reported than were
/// expected (应报送45个，已报送49个), and says what the extra ones are, by name when few
/// (adv54 b 5: 另有1个单位 without saying which).
#[test]
fn a_unit_that_owes_nothing_is_not_counted_among_those_expected() {
    let plan = shipped_plan();
    let owing = rectify::build_ledger(&plan, Path::new("/nonexistent"));
    let (partner, on) = cooperating_unit(&plan);
    let lead = owing
        .units
        .iter()
        .find(|u| !u.expected.is_empty() && u.name != owing.plan.collector)
        .expect("a unit that owes progress");
    let dir = tempfile::tempdir().unwrap();
    for (unit, id) in [(&partner, on), (&lead.name, lead.expected[0])] {
        let path = dir.path().join(format!("{unit}.xlsx"));
        one_row_return(&path, unit, id, "已完成排查，正在整改");
    }
    let l = rectify::build_ledger(&plan, dir.path());
    let s = &l.summary;
    assert_eq!((s.units_reported, s.units_other), (1, 1), "{s:?}");
    assert_eq!(s.units_expected, owing.summary.units_expected);
    let silent = s.units_expected - 1;
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let how = if lead.expected.len() == 1 {
        "且已报全"
    } else {
        "，但尚有任务未报送"
    };
    let said = format!(
        "应报送进展的{}个单位中，1个已报送{how}；{silent}个未报送任何进展（名单见附件2）；另有{partner}不在应报送之列，也报送了进展，已一并汇总。",
        s.units_expected
    );
    assert!(text.contains(&said), "{said}\n{text}");
    // A unit owing nothing that wrote on a task it has no part in: its row is set aside,
    // so it is not among those whose progress 已一并汇总 (second review d 1).
    let (idle, off) = owing
        .units
        .iter()
        .filter(|u| u.expected.is_empty() && u.name != partner)
        .find_map(|u| {
            let t = plan
                .tasks
                .iter()
                .find(|t| plan.role_of(t, &u.name) == rectify::plan::Role::Unassigned)?;
            Some((u.name.clone(), t.id))
        })
        .expect("a unit owing nothing");
    one_row_return(
        &dir.path().join(format!("{idle}.xlsx")),
        &idle,
        off,
        "配合开展相关工作。",
    );
    let l = rectify::build_ledger(&plan, dir.path());
    assert_eq!(l.summary.units_other, 1, "{:?}", l.summary);
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    assert!(text.contains(&said), "{said}\n{text}");
    assert!(!text.contains(&format!("{idle}不在应报送之列")), "{text}");
    // Without such a unit the sentence says nothing of it.
    assert!(!body_text(demo_docx()).contains("不在应报送之列"));
    assert_eq!(demo_ledger().summary.units_other, 0);
}

/// Seven towns report on a task its lead unit has not: the sentence names six of them and
/// counts the rest, and the closing asks the units that sent nothing or only part of what
/// they owe to report, in those words (not “尚未报送的N个单位” beside “尚有2个单位未报送”).
#[test]
fn long_unit_lists_are_cut_and_partial_units_are_called_so() {
    let plan = plan();
    let task = plan
        .tasks
        .iter()
        .find(|t| !t.lead.units.is_empty() && t.responsible.units.len() >= 7)
        .expect("a task with a lead unit and seven responsible units");
    let towns: Vec<String> = task.responsible.units[..7].to_vec();
    let dir = tempfile::tempdir().unwrap();
    for town in &towns {
        one_row_return(
            &dir.path().join(format!("{town}.xlsx")),
            town,
            task.id,
            "已排查整改",
        );
    }
    let l = rectify::build_ledger(&plan, dir.path());
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let named = towns[..6].join("、");
    assert!(
        text.contains(&format!(
            "“{}”一项，{named}等7个单位报送了相关进展，但该任务的牵头单位尚未报送。",
            task.short_name
        )),
        "{text}"
    );
    assert!(text.contains("和未报全的"), "{text}");
    assert!(!text.contains("督促尚未报送的"), "{text}");
}

/// Another unit naming the bureau in its text (已会同区生态环境局…): the bureau's own
/// report says 我局, as it does everywhere else in its body. The attachment's verbatim
/// quote keeps the unit's words.
#[test]
fn the_bureau_named_in_another_units_text_is_我局_in_the_body() {
    let plan = plan();
    let unit = "区水利局";
    let id = plan.tasks_led_by(unit)[0].id;
    let dir = tempfile::tempdir().unwrap();
    let said = "已会同区生态环境局开展联合检查3次。";
    one_row_return(&dir.path().join("区水利局.xlsx"), unit, id, said);
    let l = rectify::build_ledger(&plan, dir.path());
    assert_eq!(l.plan.self_word, "我局");
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    assert!(text.contains("区水利局已会同我局开展联合检查3次"), "{text}");
    assert_eq!(
        text.matches("会同区生态环境局").count(),
        text.matches("区水利局：已会同区生态环境局").count(),
        "{text}"
    );
}

/// A unit writes of itself as 我局: quoted in the bureau's report that would be the
/// bureau speaking, so the report puts the unit's name in its place.
#[test]
fn a_units_own_我局_is_quoted_as_its_name() {
    let plan = plan();
    let unit = "区水利局";
    let id = plan.tasks_led_by(unit)[0].id;
    let dir = tempfile::tempdir().unwrap();
    let said = "我局召开专题会议3次，已完成河道排查。";
    one_row_return(&dir.path().join("区水利局.xlsx"), unit, id, said);
    let l = rectify::build_ledger(&plan, dir.path());
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    assert!(
        text.contains("区水利局召开专题会议3次，已完成河道排查"),
        "{text}"
    );
    // Only the attachment's verbatim quote, under the unit's name, keeps its words.
    let verbatim = text.matches("我局召开").count();
    assert_eq!(
        text.matches("区水利局：我局召开").count(),
        verbatim,
        "{text}"
    );
    // Framing words (我局高度重视，成立工作专班) give way to what was done.
    let dir = tempfile::tempdir().unwrap();
    let said = "我局高度重视，成立工作专班，已完成河道排查12处。";
    one_row_return(&dir.path().join("区水利局.xlsx"), unit, id, said);
    let l = rectify::build_ledger(&plan, dir.path());
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    assert!(text.contains("区水利局已完成河道排查12处。"), "{text}");
}

/// The units named after the tasks nobody reported on are those tasks' units only (not
/// the units of tasks others reported on); more than three tasks reported on only by
/// others are one sentence listing them, not a sentence each.
#[test]
fn unreported_tasks_name_their_own_units_and_others_only_tasks_are_grouped() {
    let plan = plan();
    // A unit reports on four tasks it cooperates on, not yet due, whose deciders say
    // nothing (an overdue one is told in 三（一）).
    let reporter = "来苏镇";
    let owing = rectify::build_ledger(&plan, std::path::Path::new("/nonexistent"));
    let others: Vec<&rectify::plan::Task> = plan
        .tasks
        .iter()
        .filter(|t| {
            !t.lead.units.iter().any(|u| u == reporter)
                && !t.responsible.units.iter().any(|u| u == reporter)
                && t.cooperating.units.iter().any(|u| u == reporter)
                && !owing.task(t.id).unwrap().overdue
        })
        .take(4)
        .collect();
    assert_eq!(others.len(), 4);
    let dir = tempfile::tempdir().unwrap();
    for (i, t) in others.iter().enumerate() {
        one_row_return(
            &dir.path().join(format!("{reporter}{i}.xlsx")),
            reporter,
            t.id,
            "已配合开展排查",
        );
    }
    let l = rectify::build_ledger(&plan, dir.path());
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let shorts: Vec<&str> = others.iter().map(|t| t.short_name.as_str()).collect();
    assert!(
        text.contains(&format!(
            "另有4项任务已有其他单位报送相关进展，但任务的责任单位尚未报送：{}。",
            shorts.join("、")
        )),
        "{text}"
    );
    assert!(!text.contains("但该任务的责任单位尚未报送"), "{text}");
    // The units listed after the unreported tasks owe one of them.
    let start = text
        .find("项任务尚未收到任何报送")
        .expect("unreported tasks");
    let sentence = &text[start..start + text[start..].find('。').unwrap()];
    if let Some(i) = sentence.find("涉及责任单位") {
        let names = &sentence[i + "涉及责任单位".len()..];
        let names = names.split('等').next().unwrap();
        // Towns are counted, not named (和23个镇街).
        for name in names.split(['、', '和']).filter(|n| !n.ends_with("个镇街")) {
            let name = if name == l.plan.self_word {
                l.plan.collector.as_str()
            } else {
                name
            };
            assert!(
                l.tasks
                    .iter()
                    .any(|t| t.status == rectify::model::Status::Unreported
                        && t.reported_by_others.is_empty()
                        && t.awaiting.iter().any(|u| u == name)),
                "{name} owes no unreported task: {sentence}"
            );
        }
        for t in &others {
            for lead in &t.lead.units {
                let owes_unreported = l.tasks.iter().any(|x| {
                    x.status == rectify::model::Status::Unreported
                        && x.reported_by_others.is_empty()
                        && x.awaiting.contains(lead)
                });
                if !owes_unreported {
                    assert!(!names.contains(lead.as_str()), "{lead}: {sentence}");
                }
            }
        }
    }
}

/// The green light covers every task neither overdue nor due soon; most of them are due
/// 长期坚持 with no date at all, so the overview does not call them “尚未到期”: it
/// counts the long-term ones apart, and names no light (红灯 is office jargon). Tasks
/// reported 长期坚持 (and not late) are kept up, not unfinished: the overview counts the
/// rest apart from them and the completed ones, and its numbers add up.
#[test]
fn the_green_light_says_which_tasks_have_no_due_date() {
    use rectify::model::{Light, Status};
    let l = demo_ledger();
    let kept_up =
        |t: &&rectify::model::TaskEntry| t.status == Status::Ongoing && t.light != Light::Red;
    let green: Vec<_> = l
        .tasks
        .iter()
        .filter(|t| t.light == Light::Green)
        .filter(|t| !kept_up(t))
        .collect();
    let long_term = green
        .iter()
        .filter(|t| t.deadline.due.is_none() && t.deadline.ongoing)
        .count();
    assert!(
        long_term > 0 && long_term < green.len(),
        "the demo has both kinds"
    );
    let text = body_text(demo_docx());
    // They are not reported 长期坚持 (those were left out): their statuses are said, and
    // add up.
    let said = format!("，未设完成时限的长期任务{long_term}项（");
    let (_, after) = text.split_once(&said).expect(&said);
    let (statuses, after) = after.split_once('）').unwrap();
    let mut counted = 0;
    for s in Status::ALL {
        let n = green
            .iter()
            .filter(|t| t.deadline.due.is_none() && t.deadline.ongoing && t.status == s)
            .count();
        if n > 0 {
            assert!(
                statuses.contains(&format!("{}{n}项", s.label()))
                    || statuses == format!("均{}", s.label()),
                "{statuses}"
            );
            counted += n;
        }
    }
    assert_eq!(counted, long_term, "{statuses}");
    assert!(
        statuses.contains("项、") || statuses.starts_with('均'),
        "{statuses}"
    );
    assert!(
        after.starts_with(&format!("，尚未到期的{}项", green.len() - long_term)),
        "{after}"
    );
    let said = format!("项），尚未到期的{}项", green.len() - long_term);
    assert!(text.contains(&said), "{said}\n{text}");
    let rest = l
        .tasks
        .iter()
        .filter(|t| t.light != Light::Off)
        .filter(|t| !kept_up(t))
        .count();
    let red = l.tasks.iter().filter(|t| t.light == Light::Red).count();
    let yellow = rest - red - green.len();
    assert!(
        l.summary.ongoing > 0,
        "the demo has tasks reported 长期坚持"
    );
    // The demo's tasks due soon are all due at the end of December: said so, not as the
    // warning window's days.
    let dues: std::collections::BTreeSet<_> = l
        .tasks
        .iter()
        .filter(|t| t.light == Light::Yellow)
        .map(|t| t.deadline.due)
        .collect();
    assert_eq!(
        dues.into_iter().collect::<Vec<_>>(),
        [chrono::NaiveDate::from_ymd_opt(2020, 12, 31)]
    );
    assert!(l.summary.confirming > 0);
    let opening = format!(
        "除已完成、已报完成待确认和需长期坚持的任务外，其余{rest}项任务中，已超过完成时限的{red}项，12月底到期的{yellow}项"
    );
    assert!(text.contains(&opening), "{opening}\n{text}");
    assert!(!text.contains("天内到期"), "{text}");
    // No traffic-light jargon in a report sent up.
    for light in ["红灯", "黄灯", "绿灯", "亮灯"] {
        assert!(!text.contains(light), "{light}: {text}");
    }
}

/// A task whose deciders have not reported, though other units sent related progress,
/// reads 未报送 in 附件1 with a line saying whose report is awaited before the others'
/// texts: the status never seems to contradict the progress beside it.
#[test]
fn an_unreported_task_with_others_progress_says_whose_report_is_awaited() {
    let l = partner_alone_on_task_25();
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let mut seen = 0;
    for t in &l.tasks {
        if t.status != rectify::model::Status::Unreported || t.cited_reports().next().is_none() {
            continue;
        }
        seen += 1;
        let a = &t.assigned_text;
        let who = if a.lead.trim().is_empty() {
            &a.responsible
        } else {
            &a.lead
        };
        let line = format!("（{}尚未报送，以下为其他单位报送的相关进展）", who.trim());
        assert!(text.contains(&line), "task {}: {line}", t.id);
        // Said once: no count of the deciders saying they have not reported before it
        // (adv50 d 8: （2个责任单位均未报送）（…尚未报送，…）).
        assert!(
            !text.contains(&format!("均未报送）\n{line}")),
            "task {}",
            t.id
        );
    }
    assert_eq!(seen, 1, "task 25");
}

/// A task one of whose two responsible units answered 不涉及, the other silent, a
/// cooperating unit reporting: 附件1 names only the silent unit as awaited, and the
/// 不涉及 answer is not among "other units'" progress (adv52 b1: 凤凰湖产业促进中心 was
/// listed as yet to report in the line above its own 不涉及).
#[test]
fn a_not_applicable_decider_is_not_awaited_in_the_attachment() {
    let dir = tempfile::tempdir().unwrap();
    let returns = dir.path();
    write_dated_return(
        &returns.join("凤凰湖产业促进中心.xlsx"),
        "凤凰湖产业促进中心",
        "2020年12月5日",
        &[&[
            "36",
            &measure(36),
            "经核实，辖区内无杨家河暗渠相关管网。",
            "不涉及",
        ]],
    );
    one_row_return(
        &returns.join("临江河指挥部办公室.xlsx"),
        "临江河指挥部办公室",
        36,
        "会同有关单位查明暗渠污水来源。",
    );
    let l = rectify::build_ledger(&plan(), returns);
    let t = l.task(36).unwrap();
    assert_eq!(t.status, rectify::model::Status::Unreported);
    assert_eq!(t.awaiting, ["区新城建管委"]);
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    assert!(
        text.contains("（区新城建管委尚未报送，以下为已报送单位的情况）"),
        "{text}"
    );
    assert!(
        !text.contains("凤凰湖产业促进中心、区新城建管委尚未报送"),
        "{text}"
    );
    // With neither answering, both are awaited, and the reports in are others'.
    let dir = tempfile::tempdir().unwrap();
    one_row_return(
        &dir.path().join("临江河指挥部办公室.xlsx"),
        "临江河指挥部办公室",
        36,
        "会同有关单位查明暗渠污水来源。",
    );
    let l = rectify::build_ledger(&plan(), dir.path());
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    assert!(
        text.contains("（凤凰湖产业促进中心、区新城建管委尚未报送，以下为其他单位报送的相关进展）"),
        "{text}"
    );
}

/// 不涉及 answers in the overview: a task some of whose deciders answered 不涉及, the rest
/// silent, is not among those nothing was received on (adv52 d 2), and the tasks 一
/// tells apart from the rest name 不涉及 when there are such (adv52 d 8: they dropped out
/// of the sum unsaid).
#[test]
fn not_applicable_answers_are_counted_as_received() {
    let dir = tempfile::tempdir().unwrap();
    let returns = dir.path();
    write_dated_return(
        &returns.join("金龙镇.xlsx"),
        "金龙镇",
        "2020年12月5日",
        &[&["50", &measure(50), "本镇无此项工作。", "不涉及"]],
    );
    for unit in ["凤凰湖产业促进中心", "区新城建管委"] {
        write_dated_return(
            &returns.join(format!("{unit}.xlsx")),
            unit,
            "2020年12月5日",
            &[&["36", &measure(36), "辖区内无杨家河暗渠。", "不涉及"]],
        );
    }
    // The bureau's own answer on its own task stands (every decider of task 36 answering
    // 不涉及 is to be checked: status_rule.rs).
    write_dated_return(
        &returns.join("区生态环境局.xlsx"),
        "区生态环境局",
        "2020年12月5日",
        &[&["51", &measure(51), "本年度培训已纳入其他专项。", "不涉及"]],
    );
    let l = rectify::build_ledger(&plan(), returns);
    assert_eq!(
        l.task(50).unwrap().status,
        rectify::model::Status::Unreported
    );
    assert_eq!(l.task(36).unwrap().status, rectify::model::Status::Unclear);
    assert_eq!(
        l.task(51).unwrap().status,
        rectify::model::Status::NotApplicable
    );
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let short = &l.task(50).unwrap().short_name;
    let nothing = text
        .split("项任务尚未收到任何报送：")
        .nth(1)
        .map(|s| s.split('。').next().unwrap().to_string())
        .unwrap_or_default();
    assert!(!nothing.contains(short.as_str()), "{nothing}");
    assert!(
        text.contains(&format!(
            "项任务部分责任单位报不涉及，其余责任单位尚未报送：{short}"
        )),
        "{text}"
    );
    assert!(text.contains("除已完成和不涉及的任务外，其余"), "{text}");
}

/// An overdue task no decider has reported on is not called unfinished: it is named
/// apart, as awaiting its responsible unit's report.
#[test]
fn overdue_tasks_nobody_reported_are_named_apart_from_unfinished_ones() {
    let l = demo_ledger();
    let body = report_body(&report_docx(l, &Templates::default()).unwrap());
    let section = |start: &str| -> String {
        let from = &body[body.find(start).unwrap_or_else(|| panic!("{start}"))..];
        from[..from.find('。').unwrap()].to_string()
    };
    let unfinished = section("已超过完成时限但尚未完成的任务");
    let apart = section("项任务已超过完成时限，责任单位尚未报送完成情况");
    // Those whose reporting units all finished are named apart too (the test above).
    let overdue: Vec<_> = l.tasks.iter().filter(|t| t.overdue).collect();
    assert!(overdue
        .iter()
        .any(|t| t.status == rectify::model::Status::Unreported));
    for t in overdue {
        let (is_in, not_in) = if t.status == rectify::model::Status::Unreported {
            (&apart, &unfinished)
        } else {
            (&unfinished, &apart)
        };
        assert!(is_in.contains(&t.short_name), "{}: {is_in}", t.short_name);
        assert!(
            !not_in.contains(&t.short_name),
            "{}: {not_in}",
            t.short_name
        );
    }
}

/// An overdue task whose deciders that reported all say 已完成 (others not heard from)
/// is not called "尚未完成": part three names it in a section of its own (not under 逾期
/// 未完成), waiting on the others, with the breakdown. Before, a task whose four
/// reporting towns had all finished was listed as 已超过完成时限但尚未完成 beside an
/// annex row quoting their completions.
#[test]
fn an_overdue_task_waiting_only_on_silent_units_is_not_called_unfinished() {
    let l = demo_ledger();
    let waiting: Vec<_> = l
        .tasks
        .iter()
        .filter(|t| t.status == rectify::model::Status::Confirming && t.deadline.is_past(l.as_of))
        .collect();
    // 已报完成待确认: never overdue, never lit.
    assert!(waiting.iter().all(|t| !t.overdue));
    assert!(!waiting.is_empty(), "the demo has such a task");
    let text = body_text(demo_docx());
    let unfinished = text
        .split('。')
        .find(|s| s.contains("已超过完成时限但尚未完成的任务"))
        .unwrap();
    let awaiting = text
        .split('。')
        .find(|s| s.contains("已报送的单位均报已完成，尚待未报送的责任单位报送后确认"))
        .unwrap();
    // Under a heading of its own, not the overdue one.
    let overdue_heading = text.find("部分任务逾期未完成").unwrap();
    let own_heading = text.find("部分已报完成的任务待确认").unwrap();
    let at = text.find("尚待未报送的责任单位报送后确认").unwrap();
    assert!(overdue_heading < own_heading && own_heading < at, "{text}");
    for t in waiting {
        assert!(
            !unfinished.contains(&t.short_name),
            "{}: {unfinished}",
            t.short_name
        );
        // The deciders' breakdown, or (one silent decider, a partner reporting it done)
        // who reported it done.
        // The deciders named by their role (镇街 when all are towns).
        let noun = if t.lead.is_empty() {
            "责任单位"
        } else {
            "牵头单位"
        };
        let said: Vec<String> = match t.breakdown.describe(noun) {
            Some(breakdown) => [
                format!("{}（{breakdown}）", t.short_name),
                format!(
                    "{}（{}）",
                    t.short_name,
                    t.breakdown.describe("镇街").unwrap()
                ),
            ]
            .to_vec(),
            None => vec![format!(
                "{}（{}报已完成，",
                t.short_name,
                t.reported_by_others.join("、")
            )],
        };
        assert!(
            said.iter().any(|s| awaiting.contains(s)),
            "{said:?}: {awaiting}"
        );
    }
}

/// A unit that reported, but none of the tasks it owes (中山路街道 sent other tasks'
/// progress), is not called 部分未报送: the report counts it apart and 附件2 says so;
/// the reminders' list gives it a group of its own.
#[test]
fn a_unit_that_reported_none_of_its_own_tasks_is_not_called_partial() {
    // As shipped (lead units consolidate): 中山路街道 owes 4 tasks, and sent others'.
    let l = &rectify::build_ledger(&shipped_plan(), &repo().join("input/returns"));
    let none_owed: Vec<_> = l
        .units
        .iter()
        .filter(|u| {
            !u.reported.is_empty()
                && !u.expected.is_empty()
                && u.missing.len() == u.expected.len()
                && u.name != l.plan.collector
        })
        .collect();
    assert!(!none_owed.is_empty(), "the demo has such a unit");
    let text = body_text(&report_docx(l, &Templates::default()).unwrap());
    // 一 and 三（四） count it among the units that sent progress and still owe some task
    // (what it sent may be its own tasks' progress owed through a lead: not "not its
    // tasks", nor "reported nothing").
    let silent = l
        .units
        .iter()
        .filter(|u| !u.expected.is_empty() && u.sent_nothing() && u.name != l.plan.collector)
        .count();
    let owing = l
        .units
        .iter()
        .filter(|u| !u.missing.is_empty() && u.name != l.plan.collector)
        .count();
    assert!(
        text.contains(&format!(
            "尚有{silent}个单位未报送任何进展，{}个单位尚有任务未报送（名单见附件2）。",
            owing - silent
        )),
        "{text}"
    );
    assert!(!text.contains("应直接报送"), "{text}");
    let list = format!(
        "{:?}",
        rectify::reminder_list_blocks(l, &Templates::default(), l.as_of).unwrap()
    );
    let group = list
        .split("部分未报送的单位")
        .next()
        .unwrap()
        .split("已报送进展但应向我局报送的任务均未报送的单位")
        .nth(1)
        .expect("a group of its own");
    for u in none_owed {
        assert!(
            text.contains(&format!("{}（应向我局报送的任务均未报送）", u.name)),
            "{}",
            u.name
        );
        assert!(group.contains(&u.name), "{}: {list}", u.name);
    }
}

/// 附件2 names every unit that owes reports once, units owing the same tasks in the
/// same state in one entry (13 towns silent on tasks 24, 25, 27 and 50 were 13 entries
/// repeating the same four task names).
#[test]
fn annex_two_groups_units_owing_the_same_tasks() {
    let l = &rectify::build_ledger(&shipped_plan(), &repo().join("input/returns"));
    let text = body_text(&report_docx(l, &Templates::default()).unwrap());
    let annex = text.rsplit("未报送进展的单位及任务清单").next().unwrap();
    let entries: Vec<&str> = annex
        .lines()
        .filter(|p| p.contains('．') && (p.contains("项）") || p.contains("项，配合）")))
        .collect();
    let owing: Vec<_> = rectify::model::queries::units_missing(l)
        .into_iter()
        .filter(|u| u.name != l.plan.collector)
        .collect();
    assert!(entries.len() < owing.len(), "{entries:#?}");
    for u in &owing {
        let holding: Vec<&&str> = entries
            .iter()
            .filter(|e| {
                let names = e.split('：').next().unwrap();
                let names = names.split_once('．').unwrap().1;
                let names = names.split('（').next().unwrap();
                names.split('、').any(|n| n == u.name)
            })
            .collect();
        assert_eq!(holding.len(), 1, "{}: {entries:#?}", u.name);
        // Its tasks, those it decides and those it cooperates on (…（第48项，配合）).
        let said: String = holding[0].chars().filter(|c| *c != '\u{200b}').collect();
        let mut listed: Vec<u32> = said
            .split("（第")
            .skip(1)
            .flat_map(|part| {
                part.split('项')
                    .next()
                    .unwrap()
                    .split('、')
                    .map(|n| n.parse::<u32>().unwrap())
            })
            .collect();
        listed.sort_unstable();
        assert_eq!(listed, u.missing, "{}: {said}", u.name);
    }
}

/// The collector's own tasks it has not filled in carry a marker for the clerk, in the
/// attachment's row and in the body (三), never 暂未收到报送 about itself; no other row
/// has one.
#[test]
fn the_collectors_own_empty_tasks_are_marked_to_fill_in() {
    let l = demo_ledger();
    let own: Vec<u32> = l
        .tasks
        .iter()
        .filter(|t| t.awaiting.contains(&l.plan.collector))
        .map(|t| t.id)
        .collect();
    assert!(!own.is_empty(), "the demo's bureau leaves tasks empty");
    let xml = part(demo_docx(), "word/document.xml");
    let start = xml.find("<w:tbl>").unwrap();
    let end = xml.find("</w:tbl>").unwrap();
    for row in xml[start..end].split("<w:tr>").skip(1) {
        let cells = paragraphs(&format!("<w:tr>{row}"));
        let Some(id) = cells.first().and_then(|c| c.parse::<u32>().ok()) else {
            continue;
        };
        let text = cells.join("\n");
        assert_eq!(
            text.contains("【待补充：我局进展】"),
            own.contains(&id),
            "{id}: {text}"
        );
        if own.contains(&id) {
            assert!(!text.contains("暂未收到报送。"), "{id}: {text}");
            // The collector is not counted among the units that have not reported.
            assert!(!text.contains("均未报送"), "{id}: {text}");
        }
    }
    // Each marker is a run of its own, highlighted, so the clerk sees it.
    for (at, _) in xml.match_indices("【待补充") {
        let run = &xml[xml[..at].rfind("<w:r>").unwrap()..at];
        assert!(run.contains("<w:highlight w:val=\"yellow\""), "{run}");
        let rest = &xml[at..];
        let closes = rest.find('】').unwrap();
        assert!(
            !rest[..closes].contains("</w:r>"),
            "one run: {}",
            &rest[..closes]
        );
        assert!(
            rest[closes..].starts_with("】</w:t></w:r>"),
            "{}",
            &rest[..closes + 20]
        );
    }
    let ids: Vec<String> = own.iter().map(u32::to_string).collect();
    // A paragraph of its own (where the clerk writes the bureau's progress), not a
    // clause among other units' failures to report. Without the zero-width breaks the
    // writer puts after 、 between numbers.
    // Nothing of the software in it (how to fill it in is the run's message).
    let marker = format!("【待补充：我局承担的第{}项任务进展】", ids.join("、"));
    let paras: Vec<String> = paragraphs(&part(demo_docx(), "word/document.xml"))
        .into_iter()
        .map(|p| p.replace('\u{200B}', ""))
        .collect();
    assert!(paras.contains(&marker), "{paras:#?}");
}

/// Two tasks that only the same non-deciding units reported on: one sentence names both,
/// not the same sentence twice.
#[test]
fn tasks_only_the_same_others_reported_on_are_told_in_one_sentence() {
    let plan = plan();
    let with_lead: Vec<_> = plan
        .tasks
        .iter()
        .filter(|t| !t.lead.units.is_empty() && t.responsible.units.contains(&"来苏镇".into()))
        .take(2)
        .collect();
    assert_eq!(
        with_lead.len(),
        2,
        "two led tasks 来苏镇 is responsible for"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut spec = SheetSpec::new("Sheet1")
        .text_row(&["填报单位：来苏镇", "", "填报日期：2020年12月4日"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"]);
    for t in &with_lead {
        spec = spec.text_row(&[&t.id.to_string(), &t.measure, "已排查整改", "正在推进"]);
    }
    write_workbook(&dir.path().join("来苏镇.xlsx"), &[spec]);
    let l = rectify::build_ledger(&plan, dir.path());
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let sentence = format!(
        "{}、{}等2项任务，来苏镇报送了相关进展，但这些任务的牵头单位尚未报送。",
        with_lead[0].short_name, with_lead[1].short_name
    );
    assert!(text.contains(&sentence), "{sentence}\n{text}");
    assert_eq!(text.matches("报送了相关进展").count(), 1, "{text}");
}

/// A unit that owes tasks and sent progress only on others (a town reporting, to the
/// bureau, tasks it should send through its lead units, none of those it owes the
/// bureau) is not counted 已报送: the report says it apart, and the counts add up.
#[test]
fn a_unit_that_sent_none_of_what_it_owes_is_not_counted_as_reported() {
    let plan = shipped_plan();
    let blank = rectify::build_ledger(&plan, Path::new("/nonexistent"));
    let town = blank
        .units
        .iter()
        .find(|u| u.name == "中山路街道")
        .expect("中山路街道 owes the bureau tasks");
    let other = plan
        .tasks
        .iter()
        .find(|t| {
            plan.role_of(t, &town.name) != rectify::plan::Role::Unassigned
                && !town.expected.contains(&t.id)
        })
        .expect("a task of 中山路街道's it reports through a lead unit");
    let dir = tempfile::tempdir().unwrap();
    one_row_return(
        &dir.path().join("中山路街道.xlsx"),
        &town.name,
        other.id,
        "已完成排查",
    );
    let l = rectify::build_ledger(&plan, dir.path());
    assert_eq!(l.summary.units_reported, 0, "{:?}", l.summary);
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    // 一 counts it among the units that sent progress but still owe tasks, as does 三（四）;
    // 附件2 says what it owes.
    let said = format!(
        "应报送进展的{}个单位中，1个已报送，但尚有任务未报送；{}个未报送任何进展（名单见附件2）。",
        l.summary.units_expected,
        l.summary.units_expected - 1,
    );
    assert!(text.contains(&said), "{said}\n{text}");
    let said = format!(
        "尚有{}个单位未报送任何进展，1个单位尚有任务未报送（名单见附件2）。",
        l.summary.units_expected - 1,
    );
    assert!(text.contains(&said), "{said}\n{text}");
    assert!(
        text.contains(&format!("{}（应向我局报送的任务均未报送）", town.name)),
        "{text}"
    );
}

/// Who 三（一） and 四 say has not reported on the overdue tasks nothing came in on: the
/// lead units where every such task has them, the responsible units where none does, or
/// both (adv55 b 1: 责任单位尚未报送 of a task whose responsible units had reported).
fn who_silent(l: &rectify::model::Ledger) -> &'static str {
    use rectify::model::Status;
    let silent: Vec<_> = l
        .tasks
        .iter()
        .filter(|t| {
            t.overdue
                && t.status == Status::Unreported
                && !t.awaiting.iter().all(|u| *u == l.plan.collector)
        })
        .collect();
    match (
        silent.iter().any(|t| !t.lead.is_empty()),
        silent.iter().any(|t| t.lead.is_empty()),
    ) {
        (true, true) => "牵头或责任单位",
        (true, false) => "牵头单位",
        _ => "责任单位",
    }
}

/// A task past due whose lead unit is silent while its responsible units reported is told
/// as the lead's to report, not the responsible units'.
#[test]
fn an_overdue_task_whose_lead_is_silent_is_the_leads_to_report() {
    let input = common::input_with_returns(|r| {
        // Task 30 (due 2020年9月底): the lead 区住房城乡建委 silent, a responsible town done.
        common::write_dated_return(
            &r.join("来苏镇.xlsx"),
            "来苏镇",
            "2020年12月4日",
            &[&["30", &common::measure(30), "已完成排查建档。", "已完成"]],
        );
    });
    let l = common::ledger_for(&input.path().join("returns"));
    let t = l.task(30).unwrap();
    assert!(t.overdue && t.lead == ["区住房城乡建委"], "{t:?}");
    assert_eq!(who_silent(&l), "牵头或责任单位");
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let three = &text[text.find("三、存在的问题").unwrap()..text.find("四、下一步").unwrap()];
    assert!(
        three.contains("项任务已超过完成时限，牵头或责任单位尚未报送完成情况："),
        "{three}"
    );
    assert!(!three.contains("，责任单位尚未报送完成情况"), "{three}");
}

/// 四（一） asks for what each overdue task needs, as 三（一） describes them: the ones
/// still unfinished finished, the ones every reporting unit has finished confirmed by
/// the others' reports, the ones nobody has answered for reported; never "尽快完成整改"
/// of a task its units call finished.
#[test]
fn next_steps_for_overdue_tasks_follow_what_each_needs() {
    use rectify::model::Status;
    let l = demo_ledger();
    let overdue: Vec<_> = l.tasks.iter().filter(|t| t.overdue).collect();
    let unreported = overdue
        .iter()
        .filter(|t| t.status == Status::Unreported)
        .count();
    let awaiting = l
        .tasks
        .iter()
        .filter(|t| t.status == Status::Confirming && t.deadline.is_past(l.as_of))
        .count();
    let unfinished = overdue.len() - unreported;
    assert!(
        unreported > 0 && awaiting > 0 && unfinished > 0,
        "the demo has all three: {unfinished} {awaiting} {unreported}"
    );
    let text = body_text(demo_docx());
    let next = &text[text.find("四、下一步工作打算").expect("part four")..];
    for said in [
        // (The 待核实 among them checked first: `overdue_tasks_to_verify_are_checked_before_pressed`.)
        format!("对已超过完成时限但尚未完成的{unfinished}项任务，"),
        "督促责任单位明确完成时间".to_string(),
        format!("对已报送单位均已完成、已过完成时限的{awaiting}项任务，督促其他责任单位尽快报送，核实后确认完成。"),
        format!("对{}尚未报送完成情况的{unreported}项逾期任务，督促尽快报送", who_silent(l)),
    ] {
        assert!(next.contains(&said), "{said}\n{next}");
    }
    assert!(
        !next.contains("项逾期任务，督促责任单位明确完成时间"),
        "{next}"
    );
}

/// A unit's unclear answer given without text reads in the attachment as what it
/// answered and what is missing (报未完成，未写明具体进展，待核实。), not as the form's
/// field (完成状态填写…) nor as the bare answer (报送为“否”).
#[test]
fn an_unclear_answer_without_text_reads_as_reported() {
    use rectify::model::Status;
    let l = demo_ledger();
    let (task, report) = l
        .tasks
        .iter()
        .flat_map(|t| t.current_reports().map(move |r| (t, r)))
        .find(|(_, r)| {
            r.status == Status::Unclear && r.progress.trim().is_empty() && !r.status_text.is_empty()
        })
        .expect("the demo has one");
    let text = body_text(demo_docx());
    // What it answered, then what is missing: 区X：报未完成，未写明具体进展，待核实。
    let said = format!(
        "{}：{}，待核实。",
        report.unit,
        rectify::model::status::answered_without_progress(&report.status_text)
    );
    assert!(said.contains("，未写明具体进展，待核实。"), "{said}");
    assert!(
        !text.contains(&format!("报送为“{}”", report.status_text.trim())),
        "{text}"
    );
    assert!(text.contains(&said), "task {}: {said}", task.id);
    assert!(!text.contains("完成状态填写"), "{text}");
}

/// A task of the bureau's own that nobody has reported yet is listed with the others
/// nobody reported, but 我局 is never among the units named as not having reported: a
/// report it signs does not say so of itself (its tasks have their 待补充 line).
#[test]
fn the_units_owing_unreported_tasks_never_name_the_bureau() {
    let l = demo_ledger();
    let owes = |unit: &str| {
        l.tasks.iter().any(|t| {
            t.status == rectify::model::Status::Unreported
                && t.reported_by_others.is_empty()
                && t.awaiting.iter().any(|u| u == unit)
        })
    };
    assert!(
        owes(&l.plan.collector),
        "the shipped input leaves the bureau's tasks open"
    );
    let text = body_text(demo_docx());
    let start = text.find("项任务尚未收到任何报送：").unwrap();
    let sentence = &text[start..start + text[start..].find('。').unwrap()];
    assert!(sentence.contains("，涉及责任单位"), "{sentence}");
    assert!(!sentence.contains(&l.plan.self_word), "{sentence}");
}

/// The attachment's 完成情况 column (four characters wide) breaks 已报完成待确认 before
/// its 待, as a clerk would: 已报完成 / 待确认, never 已报完成待 / 确认.
#[test]
fn a_long_status_breaks_before_its_wait_in_the_attachment() {
    let l = demo_ledger();
    let xml = part(demo_docx(), "word/document.xml");
    let rows = table_rows(&xml);
    let mut seen = 0;
    for t in l
        .tasks
        .iter()
        .filter(|t| t.status == rectify::model::Status::Confirming)
    {
        let row = rows
            .iter()
            .find(|r| paragraphs(r).first().map(String::as_str) == Some(&t.id.to_string()))
            .unwrap_or_else(|| panic!("row of task {}", t.id));
        let lines = paragraphs(row);
        let at = lines
            .iter()
            .position(|p| p == "已报完成")
            .unwrap_or_else(|| panic!("{lines:?}"));
        assert_eq!(lines[at + 1], "待确认", "{lines:?}");
        seen += 1;
    }
    assert!(seen > 0, "the demo has tasks to be confirmed");
}

/// 一 counts every 未报送 task; 三（四） lists those nobody reported on. When the two
/// differ (a task only others reported on is told elsewhere), 三（四） says of how many
/// its list is a part, so 10 in one place and 8 in the other do not read as two counts
/// of one thing.
#[test]
fn the_unreported_tasks_listed_say_of_how_many_they_are_a_part() {
    use rectify::model::Status;
    // In the demo every 未报送 task is one nobody reported on: the list is all of them.
    let l = demo_ledger();
    let text = body_text(demo_docx());
    assert!(
        text.contains(&format!(
            "。{}项任务尚未收到任何报送：",
            l.summary.unreported
        )),
        "{text}"
    );
    assert!(
        !text.contains(&format!("未报送的{}项任务中", l.summary.unreported)),
        "{text}"
    );
    let l = partner_alone_on_task_25();
    // Tasks only the collector decides (第14项…) are its 【待补充】 lines, not tasks on
    // which it received nothing (adv50 b 12).
    let own = |t: &rectify::model::TaskEntry| t.awaiting.iter().all(|u| *u == l.plan.collector);
    let nobody = l
        .tasks
        .iter()
        .filter(|t| t.status == Status::Unreported && t.reported_by_others.is_empty())
        .filter(|t| !own(t))
        .count();
    let owned = l
        .tasks
        .iter()
        .filter(|t| t.status == Status::Unreported && own(t))
        .count();
    assert!(owned > 0);
    assert_eq!(nobody + owned + 1, l.summary.unreported as usize);
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    // (Many tasks are counted, not listed: session 57 review b 7.)
    let said = format!(
        "未报送的{}项任务中，{nobody}项任务尚未收到任何报送{}",
        l.summary.unreported,
        if nobody > 30 { "，" } else { "：" }
    );
    assert!(text.contains(&said), "{said}\n{text}");
}

/// The attachment's rows as (序号, the row's paragraphs joined by line breaks).
fn attachment_rows(xml: &str) -> Vec<(u32, String)> {
    let start = xml.find("<w:tbl>").unwrap();
    let end = xml.find("</w:tbl>").unwrap();
    xml[start..end]
        .split("<w:tr>")
        .skip(1)
        .filter_map(|row| {
            let cells = paragraphs(&format!("<w:tr>{row}"));
            let id = cells.first()?.parse::<u32>().ok()?;
            Some((id, cells.join("\n")))
        })
        .collect()
}

/// A row nobody reported on says so once (4个责任单位均暂未报送。), not a count of units
/// and then 暂未收到报送 again; a unit that wrote only a bare answer is told once
/// (单位：未写明具体进展，待核实。), not again in the row's doubts.
#[test]
fn an_attachment_row_says_each_thing_once() {
    let l = demo_ledger();
    let rows = attachment_rows(&part(demo_docx(), "word/document.xml"));
    let mut silent_many = 0;
    let mut silent_deciders = 0;
    for t in &l.tasks {
        let (_, text) = rows.iter().find(|(id, _)| *id == t.id).unwrap();
        let many = t.breakdown.deciders > 1;
        if t.current_reports().next().is_none() && !t.awaits(&l.plan.collector) {
            let said = if many {
                silent_many += 1;
                let noun = if t.lead.is_empty() {
                    "责任单位"
                } else {
                    "牵头单位"
                };
                format!("{}个{noun}均暂未报送。", t.breakdown.deciders)
            } else {
                "暂未收到报送。".to_string()
            };
            assert!(text.ends_with(&said), "{}: {text}", t.id);
            assert!(!text.contains("均未报送）"), "{}: {text}", t.id);
        }
        // The deciders counted are named by their role on every row alike.
        if many {
            assert!(
                !text.contains("个单位中") && !text.contains("个单位均"),
                "{}: {text}",
                t.id
            );
        }
        assert!(
            text.matches("未写明具体进展").count() <= 1,
            "{}: {text}",
            t.id
        );
        // 已报完成待确认 on a partner's word alone (task 19): whose report is awaited.
        if t.status == rectify::model::Status::Confirming && t.awaiting.len() == t.deciders().len()
        {
            silent_deciders += 1;
            assert!(
                text.contains("尚未报送，以下为其他单位报送的相关进展"),
                "{}: {text}",
                t.id
            );
        }
    }
    assert!(silent_deciders > 0, "the demo's task 19");
    // A cooperating unit's part says so (the 牵头/责任单位 column does not name it).
    let t19 = &rows.iter().find(|(id, _)| *id == 19).unwrap().1;
    assert!(t19.contains("区城市管理局（配合）："), "{t19}");
    for (id, text) in &rows {
        let t = l.task(*id).unwrap();
        for r in t.cited_reports() {
            if text.contains(&format!("{}（配合）：", r.unit)) {
                assert!(t.cooperating.contains(&r.unit), "{id}: {}", r.unit);
            }
        }
    }
    assert!(
        silent_many > 0,
        "the demo has tasks several units owe, all silent"
    );
    assert!(rows
        .iter()
        .any(|(_, t)| t.contains("，未写明具体进展，待核实。")));
}

/// 附件2 lists apart the tasks a unit owes as a cooperating unit (配合…, as the plan
/// names it: a 责任单位 under a lead is no 配合单位, adv44 c05), and says once, in one
/// plain line, that such a unit reports its part to the bureau itself (the rule that
/// decides it is the workbook's note, not the report's).
#[test]
fn annex_two_marks_what_a_unit_owes_as_a_cooperating_unit() {
    let l = demo_ledger();
    let text = body_text(demo_docx());
    let annex2 =
        &text[text.find("\n附件2\n").expect("附件2")..text.find("\n抄送：").expect("版记")];
    assert!(
        annex2.contains("下列注明“配合”的任务，由该单位作为配合单位直接向我局报送配合情况。"),
        "{annex2}"
    );
    let mut cooperating = 0;
    for line in annex2
        .lines()
        .filter(|l| l.contains("项）") || l.contains("项，配合）"))
    {
        // 4．区水利局：…（第53项）；…（第48项，配合）。
        let (names, list) = line.split_once('：').unwrap();
        let names = names.split_once('．').unwrap().1;
        let names = names.split('（').next().unwrap();
        for part in list.trim_end_matches('。').split('；') {
            let as_partner = part.ends_with("项，配合）");
            let ids: Vec<u32> = part[part.rfind("（第").unwrap() + "（第".len()..]
                .trim_end_matches("项，配合）")
                .trim_end_matches("项）")
                .split('、')
                .map(|n| n.trim_matches('\u{200b}').parse().unwrap())
                .collect();
            for unit in names.split('、') {
                for id in &ids {
                    let t = l.task(*id).unwrap();
                    assert_eq!(
                        t.cooperating.iter().any(|d| d == unit),
                        as_partner,
                        "{unit} on task {id}: {line}"
                    );
                    cooperating += usize::from(as_partner);
                }
            }
        }
    }
    assert!(cooperating > 0, "the demo has cooperating units to chase");
    assert!(
        annex2.lines().any(|l| l.contains("区市场监管局")
            && l.contains("未报送任何进展）：")
            && l.ends_with("项，配合）。")),
        "{annex2}"
    );
}

/// A task done after its deadline (城南污水处理厂: due 9月底, 通水调试 on 12月6日) is
/// 已完成 with 逾期完成 under it in 附件1, and 一 says how many of the completed
/// tasks were late; a task done in time has no such mark.
#[test]
fn a_task_done_after_its_deadline_says_so() {
    let l = demo_ledger();
    let late: Vec<u32> = l
        .tasks
        .iter()
        .filter(|t| t.done_late.is_some())
        .map(|t| t.id)
        .collect();
    assert_eq!(late, [42], "the demo's one late completion");
    let t = l.task(42).unwrap();
    assert!(t.done_late.unwrap() > t.deadline.due.unwrap());
    assert_eq!(l.summary.done_late, 1);
    let rows = attachment_rows(&part(demo_docx(), "word/document.xml"));
    for (id, text) in &rows {
        let task = l.task(*id).unwrap();
        assert_eq!(
            text.contains("\n逾期完成"),
            task.done_late.is_some(),
            "{id}: {text}"
        );
    }
    let text = body_text(demo_docx());
    assert!(
        text.contains("已完成22项（其中1项晚于完成时限完成）"),
        "{text}"
    );
}

/// The ledger of one return: 区城市管理局 cooperating on task 25 (正在推进), whose
/// responsible units say nothing.
fn partner_alone_on_task_25() -> Ledger {
    let dir = tempfile::tempdir().unwrap();
    one_row_return(
        &dir.path().join("区城市管理局.xlsx"),
        "区城市管理局",
        25,
        "配合开展排查。",
    );
    rectify::build_ledger(&plan(), dir.path())
}

/// A completion the unit dated by its month alone (2020年10月) is said as the month in
/// the attachment (where a report without progress text is told by its status note),
/// not as the month's last day, which the unit never wrote.
#[test]
fn a_completion_month_is_said_as_the_month() {
    let mut l = demo_ledger().clone();
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2020, m, d).unwrap();
    let (id, unit) = l
        .tasks
        .iter_mut()
        .find_map(|t| {
            let id = t.id;
            let r = t
                .reports
                .iter_mut()
                .find(|r| !r.superseded && r.status == rectify::model::Status::Completed)?;
            r.completed_on = Some(day(10, 31));
            r.completed_in_month = true;
            r.progress.clear();
            Some((id, r.unit.clone()))
        })
        .expect("a completed report");
    let docx = report_docx(&l, &Templates::default()).unwrap();
    let text = body_text(&docx);
    assert!(
        text.contains(&format!("{unit}：已完成，完成时间2020年10月。")),
        "task {id}, {unit}"
    );
    assert!(
        !text.contains("完成时间2020年10月31日"),
        "task {id}, {unit}"
    );
}

/// Full-width digits a unit typed (３２０万元) are printed as the report's own digits;
/// the ledger keeps them as written.
#[test]
fn full_width_digits_from_a_return_print_half_width() {
    let mut l = demo_ledger().clone();
    let (id, unit) = l
        .tasks
        .iter_mut()
        .find_map(|t| {
            let id = t.id;
            let r = t
                .reports
                .iter_mut()
                .find(|r| !r.superseded && !r.progress.is_empty())?;
            r.progress = "已拨付清掏经费３２０万元，达标率９５．５％。".to_string();
            Some((id, r.unit.clone()))
        })
        .expect("a report with progress");
    let docx = report_docx(&l, &Templates::default()).unwrap();
    let text = body_text(&docx);
    assert!(
        text.contains("已拨付清掏经费320万元，达标率95.5%。"),
        "task {id}, {unit}"
    );
    assert!(!text.contains('３'), "task {id}, {unit}");
}

/// A unit's two current returns on a task it alone decides, saying different things
/// (listed in 三 as to be checked), are not quoted in 二 as fact; its one return on
/// another task is.
#[test]
fn conflicting_returns_are_not_told_as_fact() {
    let input = common::input_with_returns(|r| {
        for (file, said) in [
            (
                "区财政局.xlsx",
                "已印发《永川区水污染防治专项资金管理办法》。",
            ),
            (
                "区财政局-整改进展.xlsx",
                "已印发《永川区生态环境专项资金绩效评价办法》。",
            ),
        ] {
            let sheet = common::SheetSpec::new("Sheet1")
                .text_row(&["填报单位：区财政局", "", "", "填报日期：2020年12月3日"])
                .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
                .text_row(&["58", &common::measure(58), said, "已完成"]);
            common::write_workbook(&r.join(file), &[sheet]);
        }
    });
    let l = common::ledger_for(&input.path().join("returns"));
    let t = l.task(58).unwrap();
    assert_eq!(t.current_reports().count(), 2, "{:#?}", t.reports);
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let (body, annex) = text.split_once("\n附件1").unwrap();
    // 三 names the unit and the task; both read 已完成, so nothing is said of the counts.
    assert!(
        body.contains(&format!(
            "区财政局对{}任务报送了两份内容不一致的材料，具体内容正在与该单位核实。",
            t.short_name
        )),
        "{body}"
    );
    assert!(!body.contains("最不利"), "{body}");
    // 四 says they are checked.
    assert!(
        body.contains("对区财政局报送不一致的内容，与该单位核实后更正。"),
        "{body}"
    );
    assert!(!body.contains("专项资金管理办法"), "{body}");
    assert!(!body.contains("绩效评价办法"), "{body}");
    // Both stay in the attachment, for the clerk to check, marked as being checked.
    assert!(annex.contains("专项资金管理办法") && annex.contains("绩效评价办法"));
    assert!(
        annex.contains("（区财政局报送了两份内容不一致的材料，正在核实）"),
        "{annex}"
    );
    // Filed the same day: each line says which file it is from.
    assert!(
        annex.contains("区财政局（12月3日“区财政局”）：已印发《永川区水污染防治专项资金管理办法》")
            && annex.contains("区财政局（12月3日“区财政局-整改进展”）：已印发《永川区生态环境专项资金绩效评价办法》"),
        "{annex}"
    );
    // The unit is asked which stands, what each says quoted, in its notice.
    let u = l.units.iter().find(|u| u.name == "区财政局").unwrap();
    assert_eq!(u.to_verify.len(), 1, "{:?}", u.to_verify);
    assert_eq!(u.to_verify[0].task, 58);
    assert!(
        u.to_verify[0].why.contains("专项资金管理办法")
            && u.to_verify[0].why.contains("绩效评价办法")
            && u.to_verify[0].why.contains("以哪一份为准"),
        "{:?}",
        u.to_verify
    );
    let notice = format!(
        "{:?}",
        rectify::reminder_blocks(&l, u, &Templates::default(), l.as_of).unwrap()
    );
    assert!(notice.contains("第58项"), "{notice}");
    assert!(notice.contains("需核实的报送内容（1项）"), "{notice}");
}

/// Conflicting returns that give different statuses: 三 says the task is counted by
/// the slower one until checked.
#[test]
fn conflicting_statuses_are_counted_by_the_slower_until_checked() {
    let input = common::input_with_returns(|r| {
        for (file, said, status) in [
            ("区财政局.xlsx", "已印发专项资金管理办法。", "已完成"),
            (
                "区财政局-整改进展.xlsx",
                "绩效评价办法正在起草。",
                "正在推进",
            ),
        ] {
            let sheet = common::SheetSpec::new("Sheet1")
                .text_row(&["填报单位：区财政局", "", "", "填报日期：2020年12月3日"])
                .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
                .text_row(&["58", &common::measure(58), said, status]);
            common::write_workbook(&r.join(file), &[sheet]);
        }
    });
    let l = common::ledger_for(&input.path().join("returns"));
    let t = l.task(58).unwrap();
    assert_eq!(t.status, rectify::model::Status::InProgress);
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let body = text.split("\n附件1").next().unwrap();
    // The one conflict: its task named once (adv55 b 7: 对A报送了两份…，其中A的完成情况
    // 不一致).
    assert!(
        body.contains(&format!(
            "区财政局对{}任务报送了两份内容不一致的材料，完成情况说法不一，暂按进展较慢的一份统计，",
            t.short_name
        )),
        "{body}"
    );
    let said = body
        .lines()
        .find(|p| p.contains("内容不一致的材料"))
        .unwrap();
    assert_eq!(said.matches(t.short_name.as_str()).count(), 1, "{said}");
}

/// A count of work done smaller than in the unit's earlier return (已清掏560座, then
/// 已清掏356座) is not told in 二 as fact: 三 says it is being checked, both figures named,
/// and 附件1 quotes the latest text with the same note. A count that grew is told as usual.
#[test]
fn a_count_that_fell_is_not_quoted_until_checked() {
    let input = common::input_with_returns(|r| {
        for (file, day, t45, t44) in [
            (
                "区城市管理局（3日）.xlsx",
                "填报日期：2020年12月3日",
                "已清掏化粪池560座，剩余120座正在清掏。",
                "已查处违法行为30起。",
            ),
            (
                "区城市管理局（4日）.xlsx",
                "填报日期：2020年12月4日",
                "已完成河道两岸化粪池排查，共412座，已清掏356座。",
                "已查处违法行为46起。",
            ),
        ] {
            let sheet = common::SheetSpec::new("Sheet1")
                .text_row(&["填报单位：区城市管理局", "", "", day])
                .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
                .text_row(&["45", &common::measure(45), t45, "正在推进"])
                .text_row(&["44", &common::measure(44), t44, "正在推进"]);
            common::write_workbook(&r.join(file), &[sheet]);
        }
    });
    let l = common::ledger_for(&input.path().join("returns"));
    let fell: Vec<_> = l
        .tasks
        .iter()
        .flat_map(|t| t.current_reports())
        .filter_map(|r| r.figure_fell.as_deref())
        .collect();
    assert_eq!(fell, ["已清掏数量由560座减为356座"]);
    let short = &l.task(45).unwrap().short_name;
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let (body, annex) = text.split_once("\n附件1").unwrap();
    assert!(!body.contains("已清掏356座"), "{body}");
    assert!(
        body.contains(&format!(
            "区城市管理局对{short}报送的已清掏数量由560座减为356座，正在与该单位核实统计口径。"
        )),
        "{body}"
    );
    assert!(
        body.contains("对区城市管理局报送不一致的内容，与该单位核实后更正。"),
        "{body}"
    );
    // The count that grew (30 → 46) is told.
    assert!(body.contains("46起"), "{body}");
    assert!(
        annex.contains("（区城市管理局报送的已清掏数量由560座减为356座，正在核实）")
            && annex.contains("已清掏356座"),
        "{annex}"
    );
}

/// Two current returns of a unit with the same words and different statuses are a
/// conflict like any other: 三 names it and 二 does not quote the words as fact.
#[test]
fn the_same_words_under_two_statuses_are_not_quoted_as_fact() {
    let input = common::input_with_returns(|r| {
        for (file, status) in [
            ("区财政局.xlsx", "已完成"),
            ("区财政局-整改进展.xlsx", "正在推进"),
        ] {
            let sheet = common::SheetSpec::new("Sheet1")
                .text_row(&["填报单位：区财政局", "", "", "填报日期：2020年12月3日"])
                .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
                .text_row(&[
                    "58",
                    &common::measure(58),
                    "专项资金管理办法已报区政府审定。",
                    status,
                ]);
            common::write_workbook(&r.join(file), &[sheet]);
        }
    });
    let l = common::ledger_for(&input.path().join("returns"));
    let t = l.task(58).unwrap();
    assert_eq!(t.units_in_conflict(), ["区财政局"]);
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let (body, annex) = text.split_once("\n附件1").unwrap();
    assert!(body.contains("暂按进展较慢的一份统计"), "{body}");
    assert!(!body.contains("已报区政府审定"), "{body}");
    assert!(annex.contains("已报区政府审定"), "{annex}");
}

/// A unit's disagreeing returns filed on different days (one undated) are told apart in
/// the attachment by the day, not left as two lines under one name.
#[test]
fn disagreeing_returns_are_told_apart_by_their_day() {
    let input = common::input_with_returns(|r| {
        let dated = common::SheetSpec::new("Sheet1")
            .text_row(&["填报单位：区财政局", "", "", "填报日期：2020年12月3日"])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["58", &common::measure(58), "已印发绩效评价办法。", "已完成"]);
        common::write_workbook(&r.join("区财政局.xlsx"), &[dated]);
        let undated = common::SheetSpec::new("Sheet1")
            .text_row(&["填报单位：区财政局"])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&[
                "58",
                &common::measure(58),
                "已印发专项资金管理办法。",
                "已完成",
            ]);
        common::write_workbook(&r.join("区财政局-整改进展.xlsx"), &[undated]);
    });
    let l = common::ledger_for(&input.path().join("returns"));
    let t = l.task(58).unwrap();
    assert_eq!(t.units_in_conflict(), ["区财政局"], "{:#?}", t.reports);
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let annex = text.split_once("\n附件1").unwrap().1;
    assert!(
        annex.contains("区财政局（12月3日报送）：已印发绩效评价办法。")
            && annex.contains("区财政局（未注明报送日期）：已印发专项资金管理办法。"),
        "{annex}"
    );
}

/// A task past its deadline and not done is told in 二 with when its unit plans to have
/// it done, from the rest of the unit's sentence; a task not yet due is told as before.
#[test]
fn a_late_task_is_told_with_its_planned_date() {
    let progress = "已委托专业设计单位编制专项规划，规划初稿已完成并征求相关部门意见，正在按专家意见修改完善，预计12月底报批。";
    let input = common::input_with_returns(|r| {
        common::write_dated_return(
            &r.join("区水利局.xlsx"),
            "区水利局",
            "2020年12月4日",
            &[&["26", &common::measure(26), progress, "正在推进"]],
        );
    });
    let l = common::ledger_for(&input.path().join("returns"));
    assert!(l.task(26).unwrap().overdue);
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let body = text.split_once("\n附件1").unwrap().0;
    assert!(
        body.contains("规划初稿已完成并征求相关部门意见，正在按专家意见修改完善，预计12月底报批。"),
        "{body}"
    );
    // The same words on the report of a task not yet due: its first sentence only.
    let mut l = l.clone();
    for t in &mut l.tasks {
        t.overdue = false;
    }
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let body = text.split_once("\n附件1").unwrap().0;
    assert!(!body.contains("预计12月底报批"), "{body}");
    assert!(
        body.contains("规划初稿已完成并征求相关部门意见。"),
        "{body}"
    );
}

/// A lead unit's workbook with a sheet per town and no row of its own on the task (each
/// sheet under the lead's 填报单位 line, a 责任单位 column naming the town): the rows are
/// the towns', the lead has answered through them (the task is 正在推进, not 未报送,
/// and the lead is not listed as silent), and 二 tells the towns' work as its
/// consolidation. A cooperating unit's row carried the same way answers nothing.
#[test]
fn a_leads_sheet_per_town_answers_the_task() {
    let input = common::input_with_returns(|r| {
        let town = |name: &str, progress: &str, status: &str, coop: &[&str]| {
            let mut s = common::SheetSpec::new(name)
                .text_row(&[
                    "填报单位：区农业农村委（汇总）",
                    "",
                    "",
                    "填报日期：2020年12月4日",
                ])
                .text_row(&["序号", "具体举措", "整改进展情况", "完成状态", "责任单位"])
                .text_row(&["1", &common::measure(1), progress, status, name]);
            if !coop.is_empty() {
                s = s.text_row(coop);
            }
            s
        };
        common::write_workbook(
            &r.join("区农业农村委汇总各镇街进展.xlsx"),
            &[
                town("何埂镇", "尾水处理设施已全部建成。", "已完成", &[]),
                town("临江镇", "完成池塘改造20口。", "正在推进", &[]),
            ],
        );
        // Task 6: 区农业农村委 responsible, 区生态环境局 cooperating; only the helper's
        // row, on a sheet of its own.
        let helper = common::SheetSpec::new("区生态环境局")
            .text_row(&[
                "填报单位：区农业农村委（汇总）",
                "",
                "",
                "填报日期：2020年12月4日",
            ])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态", "责任单位"])
            .text_row(&[
                "6",
                &common::measure(6),
                "配合开展执法检查15次。",
                "长期坚持",
                "区生态环境局",
            ]);
        common::write_workbook(&r.join("区农业农村委配合情况.xlsx"), &[helper]);
    });
    let l = common::ledger_for(&input.path().join("returns"));
    let t = l.task(1).unwrap();
    let units: Vec<&str> = t.current_reports().map(|r| r.unit.as_str()).collect();
    assert_eq!(units, ["临江镇", "何埂镇"], "{:#?}", t.reports);
    assert!(t
        .current_reports()
        .all(|r| r.via.as_deref() == Some("区农业农村委")));
    assert_eq!(t.status, rectify::model::Status::InProgress);
    assert!(t.awaiting.is_empty(), "{:?}", t.awaiting);
    assert!(!l
        .problems
        .iter()
        .any(|p| p.severity == rectify::model::Severity::Error));
    // The helper's row alone: the task still waits on its responsible unit.
    let six = l.task(6).unwrap();
    assert_eq!(six.status, rectify::model::Status::Unreported);
    assert_eq!(six.awaiting, ["区农业农村委"]);
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let (body, annex) = text.split_once("\n附件1").unwrap();
    assert!(
        body.contains("在水产养殖整治政策及尾水处理方面，据区农业农村委汇总，临江镇完成池塘改造20口；何埂镇尾水处理设施已全部建成。"),
        "{body}"
    );
    // Said of task 6 (the helper's row only), not of task 1.
    assert_eq!(
        annex
            .matches("区农业农村委尚未报送，以下为其他单位报送的相关进展")
            .count(),
        1,
        "{annex}"
    );
}

/// A lead unit's consolidation with its own row on a task and its towns' rows under it
/// (a 单位 column): the lead's 已完成 is its own part; a town it lists as 正在推进 keeps
/// the task 正在推进 by the lead's own account, with nothing to reconcile (adv42 c08:
/// before, 待核实, the lead asked to reconcile its own two rows). A town's separate
/// return saying so still contradicts the lead (tests/status_rule.rs).
#[test]
fn a_leads_own_row_and_its_towns_rows_give_the_task_its_status() {
    let input = common::input_with_returns(|r| {
        let sheet = common::SheetSpec::new("汇总")
            .text_row(&[
                "填报单位：区城市管理局",
                "",
                "",
                "",
                "填报日期：2020年12月4日",
            ])
            .text_row(&["序号", "具体举措", "单位", "整改进展情况", "完成状态"])
            .text_row(&[
                "28",
                &common::measure(28),
                "区城市管理局",
                "已印发《河道漂浮物长效监管考核办法》。",
                "已完成",
            ])
            .text_row(&["", "", "何埂镇", "已落实河道漂浮物考核。", "已完成"])
            .text_row(&["", "", "临江镇", "正在建立镇级考核机制。", "正在推进"]);
        common::write_workbook(&r.join("区城市管理局汇总.xlsx"), &[sheet]);
    });
    let l = common::ledger_for(&input.path().join("returns"));
    let t = l.task(28).unwrap();
    let mut units: Vec<&str> = t.current_reports().map(|r| r.unit.as_str()).collect();
    units.sort_unstable();
    assert_eq!(
        units,
        ["临江镇", "何埂镇", "区城市管理局"],
        "{:#?}",
        t.reports
    );
    assert_eq!(
        t.status,
        rectify::model::Status::InProgress,
        "{:?}",
        t.doubts
    );
    assert!(t.doubts.is_empty(), "{:?}", t.doubts);
    let lead = l.units.iter().find(|u| u.name == "区城市管理局").unwrap();
    assert!(
        lead.to_verify.iter().all(|v| v.task != 28),
        "{:?}",
        lead.to_verify
    );
}

/// A lead's consolidation, 序号 and measure on the task's first row only: a town's
/// 未报送 line, a row of a unit not in the directory, or a blank row, does not cut the
/// towns below from the task (adv58 a 1: 红炉镇 and 五间镇 were refused as rows with neither 序号 nor
/// measure, the task counted 已完成 over 五间镇's 正在推进).
#[test]
fn a_towns_unreported_line_does_not_cut_the_towns_below_from_the_task() {
    for between in [
        ["宝峰镇", "未报送", ""],
        ["双石街道", "已建立清漂台账。", "已完成"],
    ] {
        let input = common::input_with_returns(|r| {
            let sheet = common::SheetSpec::new("汇总")
                .text_row(&[
                    "填报单位：区城市管理局",
                    "",
                    "",
                    "",
                    "填报日期：2020年12月4日",
                ])
                .text_row(&["序号", "具体举措", "单位", "整改进展情况", "完成状态"])
                .text_row(&[
                    "28",
                    &common::measure(28),
                    "区城市管理局",
                    "已印发《河道漂浮物监管考核办法》。",
                    "已完成",
                ])
                .text_row(&["", "", "来苏镇", "已组建清漂队伍。", "已完成"])
                .text_row(&["", "", between[0], between[1], between[2]])
                // (A blank row between is spacing: adv58 c 1.)
                .text_row(&[""])
                .text_row(&["", "", "红炉镇", "已建立清漂机制。", "已完成"])
                .text_row(&["", "", "五间镇", "清漂船正在采购。", "正在推进"]);
            common::write_workbook(&r.join("区城市管理局汇总.xlsx"), &[sheet]);
        });
        let l = common::ledger_for(&input.path().join("returns"));
        let t = l.task(28).unwrap();
        let units: Vec<&str> = t.current_reports().map(|r| r.unit.as_str()).collect();
        for town in ["红炉镇", "五间镇"] {
            assert!(units.contains(&town), "{between:?}: {units:?}");
        }
        assert_eq!(t.status, rectify::model::Status::InProgress, "{between:?}");
    }
}

/// A lead's own 长期坚持 over a town its consolidation lists as 未启动 is no task kept up
/// everywhere: 正在推进 (adv58 b 2: told 均在持续推进 with 大安街道 未启动 nowhere said).
/// On a task kept up with no date, a town 正在推进 under it is work going on: 长期坚持.
#[test]
fn a_leads_kept_up_over_a_town_not_started_is_under_way() {
    for (town_status, want) in [
        ("未启动", rectify::model::Status::InProgress),
        ("正在推进", rectify::model::Status::Ongoing),
    ] {
        let input = common::input_with_returns(|r| {
            let sheet = common::SheetSpec::new("汇总")
                .text_row(&[
                    "填报单位：区住房城乡建委",
                    "",
                    "",
                    "",
                    "填报日期：2020年12月4日",
                ])
                .text_row(&["序号", "具体举措", "单位", "整改进展情况", "完成状态"])
                .text_row(&[
                    "34",
                    &common::measure(34),
                    "区住房城乡建委",
                    "联合各镇街开展阳台污水错接专项巡查。",
                    "长期坚持",
                ])
                .text_row(&["", "", "中山路街道", "已排查小区58个。", "长期坚持"])
                .text_row(&["", "", "大安街道", "阳台污水巡查。", town_status]);
            common::write_workbook(&r.join("区住建委阳台巡查汇总.xlsx"), &[sheet]);
        });
        let l = common::ledger_for(&input.path().join("returns"));
        let t = l.task(34).unwrap();
        assert!(t.current_reports().any(|r| r.unit == "大安街道"));
        assert_eq!(t.status, want, "{town_status}: {:?}", t.doubts);
    }
}

/// The report gives one count for the tasks coming due (一 and 四 both: before, 四
/// counted the 长期坚持 tasks due then too, 12 in 一 and 14 in 四), and says the 长期坚持
/// tasks go on only of the units that reported (其中2项尚有单位未报送).
#[test]
fn the_tasks_coming_due_are_counted_once_and_long_term_ones_not_overstated() {
    let l = demo_ledger();
    let text = body_text(demo_docx());
    let counts: Vec<&str> = text
        // 12月底到期的N项 (not 尚未到期的).
        .match_indices("底到期的")
        .map(|(i, w)| {
            let rest = &text[i + w.len()..];
            &rest[..rest.find('项').unwrap()]
        })
        .collect();
    assert!(counts.len() >= 2, "{text}");
    assert!(counts.iter().all(|c| *c == counts[0]), "{counts:?}");
    let partly = l
        .tasks
        .iter()
        .filter(|t| t.status == rectify::model::Status::Ongoing && t.breakdown.unreported > 0)
        .count();
    assert!(partly > 0, "the demo has such a task");
    assert!(
        text.contains(&format!("均在持续推进（其中{partly}项尚有单位未报送）。")),
        "{text}"
    );
}

/// A 不涉及 tells no work done: a unit's letter saying it has no task in the plan
/// (区金融办, the only unit on task 60) is not quoted in 二 as the task's result, and the
/// task is in 三 as one to check. Two units answering 不涉及 in the same words are no
/// copied progress.
#[test]
fn a_not_applicable_answer_is_not_told_as_work_done_nor_as_a_copy() {
    use common::word::*;
    let dir = tempfile::tempdir().unwrap();
    let letter = |title: &str, signed: &str| {
        docx_bytes(
            docx_rs::Docx::new()
                .add_paragraph(para(title))
                .add_paragraph(para("区生态环境局："))
                .add_paragraph(para(
                    "经认真核查，我单位不涉及该方案中的整改任务。特此报告。",
                ))
                .add_paragraph(para(signed))
                .add_paragraph(para("2020年12月3日")),
        )
    };
    for (file, title, signed) in [
        (
            "区金融办.docx",
            "区金融办关于整改任务落实情况的报告",
            "重庆市永川区金融工作办公室",
        ),
        (
            "区交通局.docx",
            "区交通局关于整改任务落实情况的报告",
            "重庆市永川区交通局",
        ),
        (
            "区公安局.docx",
            "区公安局关于整改任务落实情况的报告",
            "重庆市永川区公安局",
        ),
    ] {
        std::fs::write(dir.path().join(file), letter(title, signed)).unwrap();
    }
    let l = ledger_for(dir.path());
    assert_eq!(l.task(60).unwrap().status, rectify::model::Status::Unclear);
    // 区交通局 and 区公安局 both cooperate on task 55, in the same words.
    for unit in ["区交通局", "区公安局"] {
        assert_eq!(reports_of(&l, 55, unit).len(), 1, "{unit}");
    }
    assert!(
        !l.problems.iter().any(|p| p.message.contains("一字不差")),
        "{:#?}",
        l.problems
    );
    let body = report_body(&report_docx(&l, &Templates::default()).unwrap());
    let two = &body[body.find("二、").unwrap()..body.find("三、存在的问题").unwrap()];
    assert!(!two.contains("不涉及"), "{two}");
    let three = &body[body.find("三、存在的问题").unwrap()..];
    assert!(three.contains("投融资政策创新和全民治水"), "{three}");
}

/// A unit's progress written as numbered points (1.…；2.…, 一是…二是…, （1）, ①, 1、, 一、)
/// is quoted in 二 without its marks: no 一是区水利局1.长征渠…, no 一是 inside 一是.
#[test]
fn numbered_points_of_a_units_progress_are_quoted_without_their_marks() {
    let dir = tempfile::tempdir().unwrap();
    let header = ["序号", "具体举措", "整改进展情况", "完成状态"];
    let rows: Vec<(u32, &str, &str)> =
        vec![
        (
            20,
            "1.长征渠引水工程已纳入成渝双城经济圈水利项目储备库；\n2.已纳入区“十四五”水利规划。",
            "已完成",
        ),
        (
            21,
            "一是全区27座小水电站已全部完成清理整改；二是建立小水电生态流量监管机制。",
            "已完成",
        ),
        (23, "（1）实施河堰修复12处；（2）加固河堤8.6公里。", "长期坚持"),
        (24, "1、会同各镇街排查拦河养鱼设施14处；2、已全部拆除。", "已完成"),
        (26, "①规划初稿已完成；②正在征求意见，预计12月底报批。", "正在推进"),
        (55, "一、已完成15个水源地保护区划定；二、设置标志牌120块。", "已完成"),
    ];
    let mut spec = SheetSpec::new("Sheet")
        .text_row(&["填报单位：区水利局", "", "填报日期：2020年12月4日"])
        .text_row(&header);
    for (id, progress, status) in &rows {
        spec = spec.text_row(&[&id.to_string(), &measure(*id), progress, status]);
    }
    write_workbook(&dir.path().join("区水利局.xlsx"), &[spec]);
    let l = ledger_for(dir.path());
    let body = report_body(&report_docx(&l, &Templates::default()).unwrap());
    let two = &body[body.find("二、").unwrap()..body.find("三、存在的问题").unwrap()];
    for quoted in [
        "长征渠引水工程已纳入成渝双城经济圈水利项目储备库",
        "全区27座小水电站已全部完成清理整改",
        "实施河堰修复12处",
        "会同各镇街排查拦河养鱼设施14处",
        "规划初稿已完成",
        "已完成15个水源地保护区划定",
    ] {
        assert!(two.contains(quoted), "{quoted}: {two}");
    }
    for marked in [
        "1.长征渠",
        "2.已纳入",
        "一是全区",
        "二是建立",
        "（1）实施",
        "1、会同",
        "2、已全部",
        "①规划",
        "②正在",
        "一、已完成",
        "二、设置",
    ] {
        assert!(!two.contains(marked), "{marked}: {two}");
    }
}

/// Every unit has reported all it owes, while leads still lack some partners' progress
/// (a reporting chain): 一 says so beside 均已报送全部任务进展, as the reminders to the
/// leads do; the list of units still owing says they are all in, without 尚有0个单位…涉及任务
/// 0项 (adv48 b M4).
#[test]
fn all_units_in_while_leads_lack_partners_is_said() {
    let mut l = demo_ledger().clone();
    l.plan.reporting = rectify::plan::meta::Reporting::Lead;
    for u in l.units.iter_mut() {
        u.missing.clear();
        if u.reported.is_empty() {
            u.reported = u.expected.clone();
        }
        u.direct = true;
    }
    let mut lacking: Vec<u32> = l
        .units
        .iter()
        .flat_map(|u| rectify::model::queries::partners_missing(&l, u))
        .map(|(t, _)| t.id)
        .collect();
    lacking.sort_unstable();
    lacking.dedup();
    assert!(!lacking.is_empty());
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let said = format!(
        "均已报送全部任务进展；另有{}项任务的责任单位、配合单位进展尚未汇总齐全。",
        lacking.len()
    );
    assert!(text.contains(&said), "{said}\n{text}");
    let date = chrono::NaiveDate::from_ymd_opt(2020, 12, 10).unwrap();
    let list = rectify::reminder_list_blocks(&l, &Templates::default(), date).unwrap();
    let list = format!("{list:?}");
    assert!(list.contains("均已报全。"), "{list}");
    assert!(!list.contains("尚有0个"), "{list}");
    // With units still owing, 附件2 lists them and 一 adds nothing of the partners.
    assert!(!body_text(demo_docx()).contains("尚未汇总齐全"));
}

/// A part whose tasks nobody reported reads 均未报送 (not 共有整改任务11项，未报送11项),
/// and a part with one point tells it without 一是 (adv48 b L1, L4).
#[test]
fn a_part_says_all_unreported_once_and_one_point_without_a_number() {
    let dir = tempfile::tempdir().unwrap();
    write_workbook(
        &dir.path().join("区财政局.xlsx"),
        &[standard_return(
            "填报单位：区财政局    填报日期：2020年12月4日",
            vec![std_row(
                n(58.0),
                &measure(58),
                "已印发《永川区水污染防治专项资金管理办法》。",
                "已完成",
                V::D(2020, 11, 20),
            )],
        )],
    );
    let l = ledger_for(dir.path());
    let body = report_body(&report_docx(&l, &Templates::default()).unwrap());
    let first = l.plan.categories[0].clone();
    let total = l.tasks.iter().filter(|t| t.category == first).count();
    assert!(
        body.contains(&format!("该方面共有整改任务{total}项，均未报送。")),
        "{body}"
    );
    assert!(!body.contains("是区财政局"), "{body}");
    assert!(
        body.contains("区财政局已印发《永川区水污染防治专项资金管理办法》"),
        "{body}"
    );
}

/// A town heard of only through its lead's consolidation (双石镇 on the tasks 区农业农村委
/// gathers): 附件1 quotes it as the lead's consolidation carried it, its part on a task it
/// cooperates on marked once (双石镇（配合，据区农业农村委汇总）, not （据…汇总）（配合）), and
/// 附件2 says it sent nothing itself, as its reminder does
/// (a_town_heard_of_only_through_its_lead_sent_nothing_itself); in the lead's own report
/// no row says it came through the lead (adv49 d 6).
#[test]
fn a_town_heard_of_through_its_lead_is_told_so() {
    let spec = SheetSpec::new("汇总")
        .text_row(&["填报单位：区农业农村委", "", "", "填报日期：2020年12月4日"])
        .text_row(&["序号", "具体举措", "填报单位", "整改进展情况", "完成状态"])
        .text_row(&["1", &measure(1), "区农业农村委", "政策已出台。", "正在推进"])
        .text_row(&["", "", "双石镇", "已完成标准化改造693亩。", "正在推进"])
        .text_row(&[
            "22",
            &measure(22),
            "区农业农村委",
            "全区保留冬水田4.6万亩。",
            "长期坚持",
        ])
        .text_row(&["", "", "双石镇", "辖区保留冬水田3400亩。", "长期坚持"]);
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("区农业农村委汇总.xlsx"), &[spec]);
    // The plan as shipped: the towns report these tasks through their lead.
    let l = rectify::build_ledger(&shipped_plan(), dir.path());
    let body = body_text(&report_docx(&l, &Templates::default()).unwrap());
    assert!(
        body.contains("双石镇（据区农业农村委汇总）：已完成标准化改造693亩。"),
        "{body}"
    );
    assert!(
        body.contains("双石镇（配合，据区农业农村委汇总）：辖区保留冬水田3400亩。"),
        "{body}"
    );
    let annex = body.rsplit("未报送进展的单位及任务清单").next().unwrap();
    assert!(annex.contains("双石镇（未报送任何进展）"), "{annex}");

    let lead = rectify::build_round(
        &shipped_plan(),
        dir.path(),
        &rectify::Scope::Lead("区农业农村委".into()),
    );
    let body = body_text(&report_docx(&lead, &Templates::default()).unwrap());
    assert!(body.contains("双石镇："), "{body}");
    assert!(!body.contains("据区农业农村委汇总"), "{body}");
}

/// A report dated before some late returns came (signed 12月5日, returns of 12月6–9日 in
/// the folder) does not tell of them, which it cannot know (second review d 2 left
/// 统计截止日期后报送; adv54 b 5); one dated after them tells their days.
#[test]
fn a_report_tells_a_late_returns_day_only_when_dated_after_it() {
    let mut plan = shipped_plan();
    let day = |d| chrono::NaiveDate::from_ymd_opt(2020, 12, d).unwrap();
    plan.meta.as_of = day(5);
    plan.meta.report_date = day(5);
    let l = rectify::build_ledger(&plan, &repo().join("input/returns"));
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    // Signed before the return came: it cannot tell of it (adv54 b 5: 统计截止日期后报送
    // in a report dated the day before the return); the unit is among the silent.
    assert!(!text.contains("纳入下期汇总"), "{text}");
    assert!(!text.contains("12月6日报送"), "{text}");
    assert!(text.contains("区发展改革委（未报送任何进展）："), "{text}");
    plan.meta.report_date = day(10);
    let l = rectify::build_ledger(&plan, &repo().join("input/returns"));
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    assert!(
        text.contains("区发展改革委（12月6日报送，晚于统计截止日期，纳入下期汇总）"),
        "{text}"
    );
}

/// The bureau's own return counts whatever day it is dated, as a lead unit's does in its
/// round: with the as-of date before it (12月5日; the shipped 区生态环境局.xls is dated
/// 12月9日), the bureau's tasks are not told as tasks whose responsible unit has not
/// reported (adv50 d 2), while another unit's late return still waits for its round.
#[test]
fn the_bureaus_own_return_counts_whatever_its_date() {
    use rectify::model::Status;
    let mut plan = shipped_plan();
    plan.meta.as_of = chrono::NaiveDate::from_ymd_opt(2020, 12, 5).unwrap();
    let l = rectify::build_ledger(&plan, &repo().join("input/returns"));
    let t14 = l.task(14).unwrap();
    assert!(
        t14.current_reports().any(|r| r.unit == plan.meta.collector),
        "{t14:?}"
    );
    assert_ne!(t14.status, Status::Unreported);
    // 区发展改革委's return of 12月6日 is next round's.
    let fgw = l.units.iter().find(|u| u.name == "区发展改革委").unwrap();
    assert!(fgw.sent_nothing());
    // A task only a cooperating unit reported done (已报完成待确认, 第37项 this round)
    // says once whose report is awaited (adv50 d 8).
    assert!(l
        .tasks
        .iter()
        .any(|t| t.status == Status::Confirming && t.awaiting.len() == t.deciders().len()));
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    assert!(text.contains("以下为其他单位报送的相关进展"), "{text}");
    assert!(!text.contains("均未报送）\n（"), "{text}");
    // In 三, that task says who reported it done beside the responsible units' silence
    // (adv51 b 1: 已报送的单位均报已完成 … （2个责任单位均未报送）), and the unreported
    // tasks of 三 add up: a task past due that only others reported on is pointed to
    // where the overdue ones are named (adv51 b 3: 22 told as 18 + 3).
    assert!(
        text.contains("双石污水处理厂溢流问题整改（双石镇报已完成，2个责任单位均未报送）"),
        "{text}"
    );
    let unreported = l
        .tasks
        .iter()
        .filter(|t| t.status == Status::Unreported)
        .count();
    let others_overdue = l
        .tasks
        .iter()
        .filter(|t| t.status == Status::Unreported && t.overdue && !t.reported_by_others.is_empty())
        .count();
    assert!(others_overdue > 0);
    assert!(
        text.contains(&format!(
            "另有{others_overdue}项逾期任务已有其他单位报送相关进展，情况见本部分第（一）项。"
        )),
        "{text}"
    );
    let said = |words: &str| -> usize {
        let at = text
            .find(words)
            .unwrap_or_else(|| panic!("{words}: {text}"));
        let digits: String = text[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.chars().rev().collect::<String>().parse().unwrap()
    };
    let none = said("项任务尚未收到任何报送");
    let others = said("项任务，中山路街道");
    assert_eq!(none + others + others_overdue, unreported, "{text}");
}

/// 四 has the overdue tasks that are 待核实 checked before it presses for a date: the
/// demo's one overdue 待核实 task (水产养殖整治政策及尾水处理: the lead's 已完成 beside a
/// town's 正在推进) is not told to 倒排工期 with the rest. Before (second review d 4): a
/// task its unit said was not its own was told to draw up a schedule.
#[test]
fn overdue_tasks_to_verify_are_checked_before_pressed() {
    let l = demo_ledger();
    let unclear = l
        .tasks
        .iter()
        .filter(|t| t.overdue && t.status == rectify::model::Status::Unclear)
        .count();
    let overdue = l
        .tasks
        .iter()
        .filter(|t| t.overdue && t.status != rectify::model::Status::Unreported)
        .count();
    assert!(unclear > 0 && unclear < overdue, "{unclear} of {overdue}");
    let text = body_text(demo_docx());
    let said = format!(
        "对已超过完成时限但尚未完成的{overdue}项任务，其中待核实的{unclear}项先核实完成情况，其余督促责任单位明确完成时间"
    );
    assert!(text.contains(&said), "{said}\n{text}");
}

/// A report held 待核实 by its own words (双石镇's 已完成 beside 剩余沟渠整治计划12月底前
/// 完成) says so in 附件1 after its words, with the status it gave: quoted like any other
/// before (adv55 b 4), though 问题清单 and the unit's reminder raised it.
#[test]
fn a_doubted_report_is_marked_where_annex_one_quotes_it() {
    let l = demo_ledger();
    let doubted: Vec<_> = l
        .tasks
        .iter()
        .flat_map(|t| t.current_reports())
        .filter(|r| r.doubt.is_some() && !r.progress.trim().is_empty())
        .collect();
    assert!(!doubted.is_empty(), "the demo has a doubted report");
    let text = body_text(demo_docx());
    let annex = text.split_once("\n附件1").unwrap().1;
    for r in doubted {
        let tail = format!("（报送为“{}”，待核实）。", r.status_text.trim());
        assert!(
            annex
                .lines()
                .any(|line| line.starts_with(r.unit.as_str()) && line.ends_with(&tail)),
            "{}: {tail}",
            r.unit
        );
    }
}

/// 否 with nothing written beside it counts 未启动 (DOMAIN.md), and 附件1 says what the unit
/// answered and how it counts, not 港桥产业促进中心：未启动。 as if the unit wrote it (second
/// review d 8); 二 quotes nothing of a report whose words are 无 alone (second review c 1:
/// 在…方面，区水利局 with nothing after it).
#[test]
fn a_bare_no_is_told_as_answered_and_a_bare_none_is_not_quoted() {
    let input = common::input_with_returns(|r| {
        common::write_dated_return(
            &r.join("港桥产业促进中心.xlsx"),
            "港桥产业促进中心",
            "2020年12月4日",
            &[&["25", &common::measure(25), "", "否"]],
        );
        common::write_dated_return(
            &r.join("区水利局.xlsx"),
            "区水利局",
            "2020年12月4日",
            &[&["26", &common::measure(26), "无", "未启动"]],
        );
    });
    let l = common::ledger_for(&input.path().join("returns"));
    let statuses: Vec<_> = l
        .task(25)
        .unwrap()
        .current_reports()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [rectify::model::Status::NotStarted]);
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let (body, annex) = text.split_once("\n附件1").unwrap();
    assert!(
        annex.contains("港桥产业促进中心：报未完成，未写明具体进展，按未启动统计。"),
        "{annex}"
    );
    assert!(
        !body.contains("区水利局二是") && !body.contains("方面，区水利局\n"),
        "{body}"
    );
    assert!(
        !body.contains("在水库消落带治理专项规划方面，区水利局"),
        "{body}"
    );
}

/// 三's 部分单位未按时报送 names the units whose every return came after the day to report
/// by, though by the as-of date: counted this round, not on time (second review b 11:
/// only the silent ones were told). Not a unit on time, nor one whose return came after
/// the as-of date (told as 纳入下期汇总).
#[test]
fn units_that_reported_after_the_deadline_are_named() {
    let input = common::input_with_returns(|r| {
        for (unit, day, id) in [
            ("区财政局", "2020年12月3日", 58),
            ("区水利局", "2020年12月8日", 26),
            ("区金融办", "2020年12月12日", 60),
        ] {
            common::write_dated_return(
                &r.join(format!("{unit}.xlsx")),
                unit,
                day,
                &[&[
                    &id.to_string(),
                    &common::measure(id),
                    "已开展相关工作。",
                    "正在推进",
                ]],
            );
        }
    });
    let l = common::ledger_for(&input.path().join("returns"));
    assert_eq!(l.plan.reports_due().to_string(), "2020-12-05");
    let body = report_body(&report_docx(&l, &Templates::default()).unwrap());
    let said = body
        .lines()
        .find(|p| p.contains("的报送时限才报送"))
        .unwrap_or_else(|| panic!("{body}"));
    // The paragraph's last sentence: only the unit late by the as-of date.
    let last = said.trim_end_matches('。').rsplit('。').next().unwrap();
    assert_eq!(last, "区水利局超过12月5日的报送时限才报送", "{said}");
}

/// A unit's words that do not say what they are of (相关政策尚未出台，工作尚未启动), and a
/// task not started: 二 names the task (adv56 b 4: 五是据区金融办报送，相关政策尚未出台，
/// which task nobody could tell). Words that say it (区财政局已印发…办法) are told as
/// before.
#[test]
fn words_pointing_back_to_their_task_are_told_with_the_task_named() {
    let dir = tempfile::tempdir().unwrap();
    let returns = dir.path();
    write_dated_return(
        &returns.join("区金融办.xlsx"),
        "区金融办",
        "2020年12月5日",
        &[&[
            "60",
            &measure(60),
            "相关政策尚未出台，工作尚未启动。",
            "未启动",
        ]],
    );
    write_dated_return(
        &returns.join("区财政局.xlsx"),
        "区财政局",
        "2020年12月5日",
        &[&[
            "58",
            &measure(58),
            "已印发《永川区水污染防治专项资金管理办法》。",
            "已完成",
        ]],
    );
    // A few words say no more which work they are of (second review c 12).
    write_dated_return(
        &returns.join("区纪委监委.xlsx"),
        "区纪委监委",
        "2020年12月5日",
        &[&["63", &measure(63), "细则已印发实施。", "已完成"]],
    );
    let l = rectify::build_ledger(&plan(), returns);
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let few = &l.task(63).unwrap().short_name;
    assert!(
        text.contains(&format!("是在{few}方面，区纪委监委细则已印发实施。"))
            || text.contains(&format!(
                "是在{few}方面，据区纪委监委报送，细则已印发实施。"
            )),
        "{text}"
    );
    let short = &l.task(60).unwrap().short_name;
    assert!(
        text.contains(&format!(
            "是在{short}方面，据区金融办报送，相关政策尚未出台，工作尚未启动。"
        )),
        "{text}"
    );
    assert!(
        text.contains("是区财政局已印发《永川区水污染防治专项资金管理办法》。"),
        "{text}"
    );
}

/// Every report counted 待核实 is named in 三（三）, also one on a task whose status other
/// units decide: 附件1 marks 双石镇's 已完成 beside a plan for 12月底 待核实, and the body
/// says so too (session 57 review b 4: 三 named only tasks whose status was 待核实).
#[test]
fn the_section_on_what_to_verify_names_every_doubted_report() {
    let l = demo_ledger();
    let body = report_body(demo_docx());
    let section = &body[body.find("部分报送内容待核实").expect("三（三）")..];
    let section = &section[..section.find("\n（").unwrap_or(section.len())];
    let mut named = 0;
    for t in l
        .tasks
        .iter()
        .filter(|t| t.status != rectify::model::Status::Unclear)
    {
        for r in t.current_reports().filter(|r| r.doubt.is_some()) {
            let clause = format!(
                "{}对{}任务{}",
                r.unit,
                t.short_name,
                r.doubt.as_ref().unwrap()
            );
            assert!(section.contains(&clause), "{clause}\n{section}");
            named += 1;
        }
    }
    assert!(
        named > 0,
        "the demo has a doubted report on a task others decide"
    );
    assert!(section.contains("暂按待核实计"), "{section}");
}

/// With no return at all, 三 says how many tasks and units are missing and points to the
/// attachment, not a sentence naming 58 tasks and 45 units (session 57 review b 7: 20
/// lines across two pages): so for more than 30 tasks.
#[test]
fn with_nothing_reported_the_missing_tasks_are_counted_not_listed() {
    let dir = tempfile::tempdir().unwrap();
    let l = ledger_for(dir.path());
    let docx = report_docx(&l, &Templates::default()).unwrap();
    let body = report_body(&docx);
    let line = body
        .lines()
        .find(|p| p.contains("尚未收到任何报送"))
        .expect("三 says tasks are missing");
    assert!(
        line.contains("涉及45个责任单位（任务清单见附件1）"),
        "{line}"
    );
    assert!(line.chars().count() < 150, "{line}");
    let first = l.tasks.iter().find(|t| !t.short_name.is_empty()).unwrap();
    assert!(!line.contains(&first.short_name), "{line}");
}

/// Tasks past due that every decider that answered reports done or 不涉及 are said so:
/// 已报送的单位均报已完成或不涉及, not 均报已完成 beside a breakdown counting 不涉及 1个
/// (session 57 review d 5).
#[test]
fn awaiting_tasks_with_a_not_applicable_answer_say_so() {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(repo().join("input/returns")).unwrap() {
        let f = f.unwrap();
        if f.file_type().unwrap().is_file() {
            std::fs::copy(f.path(), dir.path().join(f.file_name())).unwrap();
        }
    }
    let with_na = |l: &Ledger| {
        l.tasks.iter().any(|t| {
            t.status == rectify::model::Status::Confirming
                && t.deadline.is_past(l.as_of)
                && t.breakdown.not_applicable > 0
        })
    };
    let body = |l: &Ledger| report_body(&report_docx(l, &Templates::default()).unwrap());
    let before = ledger_for(dir.path());
    assert!(!with_na(&before));
    assert!(body(&before).contains("已报送的单位均报已完成，"));
    write_dated_return(
        &dir.path().join("青峰镇.xlsx"),
        "青峰镇",
        "2020年12月3日",
        &[&["24", &measure(24), "本镇辖区内无拦河养鱼设施。", "不涉及"]],
    );
    let after = ledger_for(dir.path());
    assert!(with_na(&after), "青峰镇's 不涉及 counts on task 24");
    assert!(body(&after).contains("已报送的单位均报已完成或不涉及，"));
}

/// A report held 待核实 is told in 二 as the unit's word (据松溉镇报送，该镇…), not as the
/// report's finding; 附件1 does not quote a 不涉及 twice (何埂镇：报送“不涉及”，待核实。),
/// and a doubt about a date puts no brackets inside the annex's own (adv58 b 4, b 5).
#[test]
fn a_doubted_report_is_told_as_the_units_word() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    let sheet = common::SheetSpec::new("Sheet1")
        .text_row(&["填报单位：松溉镇", "", "填报日期：2020年12月4日"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态", "完成时间"])
        .text_row(&[
            "50",
            &common::measure(50),
            "已增加执法人员2名。",
            "已完成",
            "2020年12月25日",
        ]);
    common::write_workbook(&r.join("松溉镇.xlsx"), &[sheet]);
    common::write_dated_return(
        &r.join("何埂镇.xlsx"),
        "何埂镇",
        "2020年12月4日",
        &[&["3", &common::measure(3), "不涉及", "不涉及"]],
    );
    let l = common::ledger_for(r);
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    assert!(
        text.contains("据松溉镇报送，该镇已增加执法人员2名"),
        "{text}"
    );
    assert!(!text.contains("。松溉镇已增加执法人员2名"), "{text}");
    assert!(text.contains("何埂镇：报送“不涉及”，待核实。"), "{text}");
    assert!(!text.contains("（报送为“不涉及”"), "{text}");
    assert!(text.contains("晚于填报日期2020年12月4日"), "{text}");
    assert!(!text.contains("））"), "{text}");
}

/// 四（一）加快逾期任务整改 says what is done about the writer's own overdue tasks too: a
/// round where only those are overdue printed the heading over an empty paragraph (adv58
/// d 4), and the bureau's own were left out of it (b 1).
#[test]
fn the_plan_for_overdue_tasks_names_the_writers_own() {
    let dir = tempfile::tempdir().unwrap();
    let l = common::ledger_for(dir.path());
    let text = body_text(&report_docx(&l, &Templates::default()).unwrap());
    let at = text.find("加快逾期任务整改").expect("the heading");
    let next = text[at..].lines().nth(1).unwrap_or_default();
    assert!(
        next.contains("我局承担的") && next.contains("逾期任务，尽快补充进展情况"),
        "{next}"
    );
}
