//! Printing (issue 17): body text prints at 9 pt or more, measured from the PDF
//! LibreOffice makes of each spreadsheet (tests/tools/pdf_font_sizes.py, PyMuPDF), not
//! from the settings. Skipped when soffice or PyMuPDF is missing (.ci/run installs them).

mod common;

use std::path::Path;
use std::process::Command;

use common::tools::tool_available;
use rectify::{checklist_bytes, workbook_bytes};

/// (page, size, text) of every span of `pdf`.
fn spans(pdf: &Path) -> Vec<(u32, f64, String)> {
    spans_with(pdf, &[])
}

/// (page, points between the span's right end and the paper's edge, text).
fn right_room(pdf: &Path) -> Vec<(u32, f64, String)> {
    spans_with(pdf, &["--right"])
}

fn spans_with(pdf: &Path, flags: &[&str]) -> Vec<(u32, f64, String)> {
    let out = Command::new("python3")
        .arg(common::repo().join("tests/tools/pdf_font_sizes.py"))
        .args(flags)
        .arg(pdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut p = l.splitn(3, '\t');
            Some((
                p.next()?.parse().ok()?,
                p.next()?.parse().ok()?,
                p.next()?.to_string(),
            ))
        })
        .collect()
}

fn has_pymupdf() -> bool {
    Command::new("python3")
        .args(["-c", "import pymupdf"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn to_pdf(dir: &Path, file: &str, bytes: &[u8]) -> std::path::PathBuf {
    std::fs::write(dir.join(file), bytes).unwrap();
    convert(dir, &[file.to_string()], None);
    dir.join(file).with_extension("pdf")
}

/// LibreOffice converts `files` of `dir` to PDF there, with a profile of its own when
/// given one (tests may run it at the same time).
fn convert(dir: &Path, files: &[String], profile: Option<&Path>) {
    let mut cmd = Command::new("soffice");
    if let Some(p) = profile {
        cmd.arg(format!("-env:UserInstallation=file://{}", p.display()));
    }
    let st = cmd
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(files.iter().map(|f| dir.join(f)))
        .env(
            "FONTCONFIG_FILE",
            common::repo().join("tests/fontconfig/fonts.conf"),
        )
        .output()
        .unwrap();
    assert!(st.status.success());
}

#[test]
fn the_checklist_form_and_the_workbook_lists_print_at_9_pt_or_more() {
    if !tool_available("soffice", "--version") || !has_pymupdf() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = common::input_with_returns(|r| {
        for entry in std::fs::read_dir(common::repo().join("input/returns")).unwrap() {
            let p = entry.unwrap().path();
            std::fs::copy(&p, r.join(p.file_name().unwrap())).unwrap();
        }
    });
    let ledger = common::ledger_for(&input.path().join("returns"));
    let u = ledger.units.iter().find(|u| u.name == "区水利局").unwrap();
    let form = to_pdf(
        dir.path(),
        "form.xlsx",
        &checklist_bytes(&ledger, u).unwrap(),
    );
    let form_spans = spans(&form);
    assert!(form_spans.iter().any(|s| s.2.contains("具体举措")));
    // 填报说明 keeps a margin: its text does not run to the paper's edge (its column
    // was wider than the page, which LibreOffice prints unscaled).
    let guide_page = form_spans
        .iter()
        .find(|s| s.2.starts_with("填报说明"))
        .map(|s| s.0)
        .expect("填报说明 printed");
    let edge: Vec<_> = right_room(&form)
        .into_iter()
        .filter(|s| s.0 == guide_page && s.1 < 28.0)
        .collect();
    assert!(edge.is_empty(), "printed to the edge: {edge:?}");
    // Every line of 填报说明 prints whole: not hidden by a row too low for its wrapped
    // lines.
    let printed: String = form_spans
        .iter()
        .flat_map(|s| s.2.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    let guide = {
        use calamine::{Reader, Xlsx};
        let bytes = checklist_bytes(&ledger, u).unwrap();
        let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        wb.worksheet_range("填报说明").unwrap()
    };
    let mut lines = 0;
    for cell in guide.rows().filter_map(|r| r.first()) {
        let want: String = cell
            .to_string()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if want.is_empty() {
            continue;
        }
        lines += 1;
        assert!(printed.contains(&want), "cut in print: {want}");
    }
    assert!(lines >= 5, "{lines}");
    let small: Vec<_> = form_spans.iter().filter(|s| s.1 < 9.0).collect();
    let t = rectify::Templates::default();
    let date = ledger.as_of;
    for (name, blocks) in [
        (
            "notice.docx",
            rectify::notice_blocks(&ledger, u, &t, date).unwrap(),
        ),
        (
            "reminder.docx",
            rectify::reminder_blocks(&ledger, u, &t, date).unwrap(),
        ),
    ] {
        let pdf = to_pdf(
            dir.path(),
            name,
            &rectify::blocks_docx(&ledger, &blocks).unwrap(),
        );
        let sp = spans(&pdf);
        assert!(sp.len() > 20);
        let tiny: Vec<_> = sp.iter().filter(|s| s.1 < 9.0).collect();
        assert!(tiny.is_empty(), "{name}: {tiny:?}");
    }
    assert!(
        small.is_empty(),
        "form text under 9 pt: {:?}",
        &small[..small.len().min(5)]
    );

    let wb = to_pdf(dir.path(), "wb.xlsx", &workbook_bytes(&ledger).unwrap());
    let wb_spans = spans(&wb);
    // Every sheet: the summary (with its charts), 任务台账, 单位报送情况, 报送明细, 问题清单.
    let small: Vec<_> = wb_spans.iter().filter(|s| s.1 < 9.0).collect();
    assert!(wb_spans.len() > 1000);
    for sheet_text in ["主要指标", "具体举措", "应报任务数", "原文状态", "问题类型"]
    {
        assert!(
            wb_spans.iter().any(|s| s.2.contains(sheet_text)),
            "{sheet_text} printed"
        );
    }
    assert!(
        small.is_empty(),
        "workbook text under 9 pt: {:?}",
        &small[..small.len().min(5)]
    );

    // 总体情况 prints no table cut by a page: 二 with its total and the rule under it
    // on one page (adv53 b 8: 二 broke after three rows, the rule was a cell comment
    // that does not print); 三's wrapped header whole; 亮灯's value on one line.
    let page_of = |text: &str| -> u32 {
        wb_spans
            .iter()
            .find(|s| s.2.contains(text))
            .unwrap_or_else(|| panic!("{text} printed"))
            .0
    };
    let heading = |text: &str| -> u32 {
        wb_spans
            .iter()
            .find(|s| s.2.trim() == text)
            .unwrap_or_else(|| panic!("{text} printed"))
            .0
    };
    let two = heading("二、按完成情况统计");
    assert_eq!(page_of("注：任务状态由"), two);
    assert!(
        wb_spans
            .iter()
            .any(|s| s.0 == two && s.2.trim() == "待核实"),
        "二's last status row on its page"
    );
    let three = heading("三、按重点任务统计");
    assert!(wb_spans
        .iter()
        .any(|s| s.0 == three && s.2.contains("待确认")));
    let s = &ledger.summary;
    page_of(&format!("红{}/黄{}/绿{}", s.red, s.yellow, s.green));
    // 任务台账, 单位报送情况 and 报送明细 print one page wide: every page with a sheet's first
    // header also has its last printed one (before, 进展情况 printed on the page after
    // 具体举措). 任务台账's lookup columns are left off paper.
    let pages_with = |text: &str| -> std::collections::BTreeSet<u32> {
        wb_spans
            .iter()
            .filter(|s| s.2 == text)
            .map(|s| s.0)
            .collect()
    };
    // 报送明细 too, its source columns (来源文件, 工作表, 行号) left off paper (its
    // pages alternated between the reports and where they were read).
    for (first, last) in [
        ("具体举措", "进展情况"),
        ("应报任务数", "情况说明"),
        ("原文状态", "是否已被替代"),
    ] {
        let (a, b) = (pages_with(first), pages_with(last));
        assert!(a.len() > 1, "{first}: {a:?}");
        assert_eq!(a, b, "{first} / {last}");
    }
    assert!(pages_with("未报送单位").is_empty());
    // The column chart prints whole: its legend on its title's page (it printed alone
    // at the top of the next page).
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&wb)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let legend = [
        "已完成",
        "已报完成待确认",
        "长期坚持",
        "正在推进",
        "未启动",
        "不涉及",
        "未报送",
        "待核实",
    ];
    let pages: Vec<&str> = text.split('\u{c}').collect();
    // The page with a line that is `what` alone (a heading or a chart's title; the
    // indicators' notes cite 二 by name).
    let page_with = |what: &str| -> usize {
        pages
            .iter()
            .position(|p| p.lines().any(|l| l.trim() == what))
            .unwrap_or_else(|| panic!("{what} printed"))
    };
    // Each table shares its page with its chart, and the summary takes three pages
    // (adv54 b 9: five, the charts each on a page of their own).
    assert_eq!(
        page_with("任务完成情况分布"),
        page_with("二、按完成情况统计")
    );
    assert_eq!(
        page_with("各重点任务完成情况"),
        page_with("三、按重点任务统计")
    );
    assert_eq!(
        page_with("三、按重点任务统计"),
        2,
        "the summary's third page"
    );
    let chart_page = pages[page_with("各重点任务完成情况")];
    // Every entry of the legend on the chart's page (on one line or two).
    let words: Vec<&str> = chart_page.split_whitespace().collect();
    for entry in legend {
        assert!(words.contains(&entry), "{entry}: {chart_page}");
    }
}

/// GB/T 9704: the signature and date never stand alone on a page (nor with only the
/// contact line), and a heading never ends a page, in any reminder the demo sends
/// (LibreOffice's layout; six reminders had the signature alone on their second page
/// before the last paragraph was kept with it, ten the contact line and the signature).
#[test]
fn no_signature_alone_and_no_heading_last_on_a_page() {
    if !tool_available("soffice", "--version") || !has_pymupdf() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ledger = rectify::build_ledger(
        &common::shipped_plan(),
        &common::repo().join("input/returns"),
    );
    let t = rectify::Templates::default();
    let mut files = Vec::new();
    // The reminders (one LibreOffice pass over ~45 documents takes most of a minute;
    // the notices share the reminders' closing blocks).
    for u in rectify::model::queries::units_to_remind(&ledger) {
        let blocks = rectify::reminder_blocks(&ledger, u, &t, ledger.as_of).unwrap();
        let name = format!("reminder-{}.docx", u.name);
        let bytes = rectify::blocks_docx(&ledger, &blocks).unwrap();
        std::fs::write(dir.path().join(&name), bytes).unwrap();
        files.push(name);
    }
    // A profile of its own: the other test may run LibreOffice at the same time.
    convert(dir.path(), &files, Some(&dir.path().join("profile")));
    let signature = ledger.plan.collector_full.clone();
    let c = &ledger.plan.contact;
    let contact = format!(
        "联系人：{}，联系电话：{}，电子邮箱：{}。",
        c.name, c.phone, c.email
    );
    let is_page_number = |s: &str| {
        let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        t.starts_with('—') && t.ends_with('—')
    };
    let heading = |s: &str| {
        let s = s.trim();
        s.chars().count() < 20
            && (s.starts_with('（') || s.chars().nth(1) == Some('、'))
            && "一二三四五六七八九十（".contains(s.chars().next().unwrap_or(' '))
    };
    for f in &files {
        let pdf = dir.path().join(f).with_extension("pdf");
        let sp = spans(&pdf);
        let pages = sp.iter().map(|s| s.0).max().unwrap();
        for page in 1..=pages {
            let texts: Vec<&str> = sp
                .iter()
                .filter(|s| s.0 == page && !is_page_number(&s.2))
                .map(|s| s.2.trim())
                .filter(|s| !s.is_empty())
                .collect();
            if page == pages && pages > 1 {
                // What is left of the page without the signature and its date.
                let all: String = texts
                    .concat()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                // Nor with only the contact line (联系人：…): no body text.
                let rest = all.replacen(&signature, "", 1).replacen(&contact, "", 1);
                let rest: String = rest
                    .chars()
                    .filter(|c| !c.is_ascii_digit() && !"年月日".contains(*c))
                    .collect();
                assert!(
                    !rest.is_empty(),
                    "{f}: signature alone on page {page}: {all}"
                );
            }
            if page < pages {
                let last = texts.last().unwrap();
                assert!(!heading(last), "{f}: page {page} ends with {last}");
            }
        }
    }
}
