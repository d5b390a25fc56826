//! Struck-through text in xlsx returns: words a unit withdrew (last month's 正在推进
//! struck beside this month's 已完成, a row struck out), as Word's strike is read in
//! `docx.rs`. calamine gives a cell's text without its font, so the parts are read
//! here: the styles whose font is struck (`xl/styles.xml`: a `<font>` with `<strike/>`,
//! the `<cellXfs>` entries using it), the cells of a sheet with such a style, and the
//! shared strings with struck runs (rich text). Workbooks with no struck font and no
//! struck run, nearly all of them, cost one byte search of each part.

use std::collections::{HashMap, HashSet};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::xml::{attr, push_ref};
use crate::ingest::grid::{Cell, Grid};

/// What of a workbook is struck through.
#[derive(Debug, Default)]
pub(super) struct Strikes {
    /// Cell style indices (`s` of a `<c>`) whose font is struck.
    styles: HashSet<u32>,
    /// Shared strings with struck runs: the whole text (as calamine gives it) → the
    /// text of the runs not struck.
    shared: HashMap<String, String>,
}

impl Strikes {
    /// From the styles part and the shared strings part (either may be missing).
    pub(super) fn read(styles: Option<&[u8]>, shared: Option<&[u8]>) -> Strikes {
        let has = |xml: &&[u8]| memchr::memmem::find(xml, b"strike").is_some();
        Strikes {
            styles: styles.filter(has).map(struck_styles).unwrap_or_default(),
            shared: shared.filter(has).map(struck_runs).unwrap_or_default(),
        }
    }

    /// The cells (0-based row, column) of a sheet's XML whose style is struck; none
    /// without a parse when no style is.
    pub(super) fn struck_cells(&self, sheet_xml: &[u8]) -> Vec<(usize, usize)> {
        if self.styles.is_empty() {
            return Vec::new();
        }
        cells_with_styles(sheet_xml, &self.styles)
    }

    /// Blank the `struck` cells of `grid` ([`Self::struck_cells`]) and take the struck
    /// runs out of its texts: the shared strings' and the sheet's own inline strings'
    /// (`inline`, [`struck_runs`] of the sheet's XML). Returns how many cells lost text.
    pub(super) fn apply(
        &self,
        struck: &[(usize, usize)],
        inline: &HashMap<String, String>,
        grid: &mut Grid,
    ) -> usize {
        let mut changed = 0;
        for &(r, c) in struck {
            if let Some(cell) = grid.rows.get_mut(r).and_then(|row| row.get_mut(c)) {
                if !cell.is_empty() {
                    *cell = Cell::Empty;
                    changed += 1;
                }
            }
        }
        if !self.shared.is_empty() || !inline.is_empty() {
            for cell in grid.rows.iter_mut().flatten() {
                let Cell::Text(t) = cell else { continue };
                let kept = self
                    .shared
                    .get(t.as_str())
                    .or_else(|| inline.get(t.as_str()));
                if let Some(kept) = kept {
                    *cell = kept_cell(kept);
                    changed += 1;
                }
            }
        }
        changed
    }
}

/// A cell that lost its struck text: what is left of it (`kept`, trimmed), or empty.
/// (The xls and ods readers take struck text out with it too.)
pub(super) fn kept_cell(kept: &str) -> Cell {
    match kept.trim() {
        "" => Cell::Empty,
        kept => Cell::Text(kept.to_string()),
    }
}

/// The note for a sheet whose struck text was taken out (`count` cells).
pub(super) fn struck_note(sheet: &str, count: usize) -> String {
    format!(
        "工作表“{sheet}”中有{count}个单元格含删除线文字，已视为删除，未读取。如这些内容仍有效，请该单位去掉删除线后重新报送。"
    )
}

/// Whether a `<strike>` / `<b>`-style toggle element is on (no `val`, or val not 0/false).
fn on(e: &quick_xml::events::BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false"))
}

/// The `<cellXfs>` indices whose `fontId` names a struck font.
fn struck_styles(xml: &[u8]) -> HashSet<u32> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut in_fonts, mut in_xfs) = (false, false);
    let mut fonts: Vec<bool> = Vec::new();
    let mut xf_fonts: Vec<Option<usize>> = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(_) => return HashSet::new(),
        };
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "fonts" => in_fonts = true,
                "cellXfs" => in_xfs = true,
                "font" if in_fonts => fonts.push(false),
                "strike" if in_fonts => {
                    if let Some(last) = fonts.last_mut() {
                        *last = on(&e);
                    }
                }
                "xf" if in_xfs => {
                    xf_fonts.push(attr(&e, "fontId").and_then(|f| f.parse().ok()));
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "fonts" => in_fonts = false,
                "cellXfs" => in_xfs = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    xf_fonts
        .iter()
        .enumerate()
        .filter(|(_, f)| f.is_some_and(|f| fonts.get(f).copied().unwrap_or(false)))
        .map(|(i, _)| i as u32)
        .collect()
}

/// Shared strings (`<si>` of the shared strings part) or inline strings (`<is>` of a
/// sheet) with a struck run: whole text → text of the runs not struck.
pub(super) fn struck_runs(xml: &[u8]) -> HashMap<String, String> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = HashMap::new();
    // Inside <si>: (whole, kept, any struck); inside a run: struck; inside <t> (not of
    // a phonetic run).
    let mut si: Option<(String, String, bool)> = None;
    let mut run_struck = false;
    let (mut in_t, mut phonetic) = (false, false);
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(_) => return HashMap::new(),
        };
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                // A shared string, or a cell's inline string (t="inlineStr").
                "si" | "is" => si = Some(Default::default()),
                "r" => run_struck = false,
                "strike" => run_struck = on(&e),
                "rPh" => phonetic = true,
                "t" => in_t = !phonetic,
                _ => {}
            },
            Event::Text(t) if in_t => add(&mut si, run_struck, &t.xml10_content()),
            Event::GeneralRef(g) if in_t => {
                let mut text = String::new();
                push_ref(&mut text, &g);
                add(&mut si, run_struck, &text);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_t = false,
                "rPh" => phonetic = false,
                "r" => run_struck = false,
                "si" | "is" => {
                    if let Some((whole, kept, true)) = si.take() {
                        out.insert(whole, kept);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// Text of a shared string's run: to the whole text, and to the kept text unless struck.
fn add(si: &mut Option<(String, String, bool)>, struck: bool, text: &str) {
    if let Some((whole, kept, any)) = si.as_mut() {
        whole.push_str(text);
        if struck {
            *any = true;
        } else {
            kept.push_str(text);
        }
    }
}

/// The cells (0-based row, column) of a sheet whose style is one of `styles`.
pub(super) fn cells_with_styles(xml: &[u8], styles: &HashSet<u32>) -> Vec<(usize, usize)> {
    styled_cells(xml, |s| styles.contains(&s).then_some(()))
        .into_iter()
        .map(|(r, c, ())| (r, c))
        .collect()
}

/// The cells (0-based row, column) of a sheet with what `pick` gives for their style
/// (`None`: not wanted).
pub(super) fn styled_cells<T>(
    xml: &[u8],
    pick: impl Fn(u32) -> Option<T>,
) -> Vec<(usize, usize, T)> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "c" => {
                let picked = attr(&e, "s")
                    .and_then(|s| s.parse::<u32>().ok())
                    .and_then(&pick);
                if let Some(value) = picked {
                    if let Some((r, c)) = attr(&e, "r").and_then(|r| cell_ref(&r)) {
                        out.push((r, c, value));
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// `B5` → (4, 1).
fn cell_ref(r: &str) -> Option<(usize, usize)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    let col = letters.bytes().try_fold(0usize, |acc, b| {
        b.is_ascii_uppercase()
            .then(|| acc * 26 + (b - b'A' + 1) as usize)
    })?;
    let row: usize = digits.parse().ok()?;
    (col >= 1 && row >= 1).then(|| (row - 1, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn struck_fonts_give_their_cell_styles() {
        let xml = br#"<styleSheet><fonts count="3"><font><sz val="11"/></font><font><strike/><sz val="11"/></font><font><strike val="0"/></font></fonts>
            <cellStyleXfs><xf fontId="1"/></cellStyleXfs>
            <cellXfs><xf fontId="0"/><xf fontId="1" applyFont="1"/><xf fontId="2"/><xf fontId="1"/></cellXfs></styleSheet>"#;
        let mut got: Vec<u32> = struck_styles(xml).into_iter().collect();
        got.sort_unstable();
        assert_eq!(got, [1, 3]);
    }

    #[test]
    fn struck_runs_are_taken_out_of_shared_strings() {
        let xml = "<sst><si><t>已完成</t></si><si><r><rPr><strike/></rPr><t>正在推进</t></r><r><t xml:space=\"preserve\"> 已完成</t></r></si>\
            <si><r><rPr><strike val=\"0\"/></rPr><t>未删</t></r></si><si><r><rPr><strike/></rPr><t>全删&amp;</t></r></si></sst>";
        let got = struck_runs(xml.as_bytes());
        assert_eq!(got.len(), 2);
        assert_eq!(got["正在推进 已完成"], " 已完成");
        assert_eq!(got["全删&"], "");
    }

    #[test]
    fn cells_of_struck_styles_are_found() {
        let xml = br#"<worksheet><sheetData><row r="2"><c r="A2" s="1" t="s"><v>0</v></c><c r="B2" s="2"><v>3</v></c><c r="AA10" s="1"/></row></sheetData></worksheet>"#;
        let styles: HashSet<u32> = [1].into_iter().collect();
        assert_eq!(cells_with_styles(xml, &styles), [(1, 0), (9, 26)]);
        assert_eq!(cell_ref("B5"), Some((4, 1)));
    }
}
