//! East-Asian font table entries and the document language.

use std::collections::BTreeSet;

use super::order::{unescape, unescape_cow};
use super::xml::{Elem, Node};

/// A font-table entry: name, alternate name, charset (hex), family, pitch.
/// Charset 86 is GB2312 (134), what Word writes for Simplified Chinese fonts.
type FontInfo = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// Fonts of the GB/T 9704 presets (_GB2312 and _GBK) and their usual neighbours. The
/// alternate name is the face Word or WPS may fall back to.
const KNOWN_FONTS: &[FontInfo] = &[
    ("仿宋_GB2312", "仿宋", "86", "modern", "fixed"),
    ("楷体_GB2312", "楷体", "86", "modern", "fixed"),
    ("黑体", "SimHei", "86", "modern", "fixed"),
    ("宋体", "SimSun", "86", "auto", "variable"),
    ("仿宋", "FangSong", "86", "modern", "fixed"),
    ("楷体", "KaiTi", "86", "modern", "fixed"),
    ("方正小标宋简体", "方正小标宋_GBK", "86", "script", "fixed"),
    ("方正小标宋_GBK", "方正小标宋简体", "86", "script", "fixed"),
    ("方正仿宋_GBK", "仿宋_GB2312", "86", "script", "fixed"),
    ("方正楷体_GBK", "楷体_GB2312", "86", "script", "fixed"),
    ("方正黑体_GBK", "黑体", "86", "script", "fixed"),
    ("Times New Roman", "", "00", "roman", "variable"),
];

/// Whether a character is CJK (ideographs, CJK punctuation, full-width forms).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF | 0x20000..=0x3134F)
}

/// Font names used in `rFonts` attributes (ascii, hAnsi, eastAsia, cs) and whether any
/// text (`w:t`) holds CJK characters.
#[derive(Debug, Default)]
pub(super) struct Usage {
    pub fonts: BTreeSet<String>,
    pub cjk_text: bool,
}

impl Usage {
    /// Add what another part uses.
    pub fn add(&mut self, other: &Usage) {
        self.fonts.extend(other.fonts.iter().cloned());
        self.cjk_text |= other.cjk_text;
    }

    pub fn scan(&mut self, e: &Elem, w: &str) {
        let local = e.name.strip_prefix(w).and_then(|n| n.strip_prefix(':'));
        match local {
            Some("rFonts") => {
                for (k, v) in &e.attrs {
                    let key = k.strip_prefix(w).and_then(|n| n.strip_prefix(':'));
                    if matches!(key, Some("ascii" | "hAnsi" | "eastAsia" | "cs")) {
                        let name = unescape_cow(v);
                        if !name.trim().is_empty() && !self.fonts.contains(name.as_ref()) {
                            self.fonts.insert(name.into_owned());
                        }
                    }
                }
            }
            Some("t") if !self.cjk_text => {
                self.cjk_text = e.children.iter().any(|n| match n {
                    Node::Raw(r) => String::from_utf8_lossy(r).chars().any(is_cjk),
                    Node::Elem(_) => false,
                });
            }
            _ => {}
        }
        for c in e.elems() {
            self.scan(c, w);
        }
    }
}

/// Add a `w:font` entry for every used font the table lacks.
pub(super) fn complete_font_table(fonts_root: &mut Elem, w: &str, used: &BTreeSet<String>) {
    let n = |l: &str| format!("{w}:{l}");
    let present: BTreeSet<String> = fonts_root
        .elems()
        .filter(|f| f.name == n("font"))
        .filter_map(|f| f.get_attr(&n("name")).map(unescape))
        .collect();
    for name in used.difference(&present) {
        let (alt, charset, family, pitch) = match KNOWN_FONTS.iter().find(|k| k.0 == name) {
            Some(&(_, alt, cs, fam, pitch)) => (alt, cs, fam, pitch),
            None if name.chars().any(is_cjk) => ("", "86", "auto", "variable"),
            None => ("", "00", "auto", "variable"),
        };
        let mut font = Elem::new(&n("font")).attr(&n("name"), name);
        if !alt.is_empty() {
            font.children
                .push(Node::Elem(Elem::new(&n("altName")).attr(&n("val"), alt)));
        }
        for (l, v) in [("charset", charset), ("family", family), ("pitch", pitch)] {
            font.children
                .push(Node::Elem(Elem::new(&n(l)).attr(&n("val"), v)));
        }
        fonts_root.children.push(Node::Elem(font));
    }
}

/// Set the default language in the document defaults: `w:eastAsia="zh-CN"` (Latin
/// text stays en-US for proofing) unless the styles already set a language.
pub(super) fn set_default_lang(styles_root: &mut Elem, w: &str) {
    let n = |l: &str| format!("{w}:{l}");
    let rpr = styles_root
        .first_or_insert(&n("docDefaults"))
        .first_or_insert(&n("rPrDefault"))
        .first_or_insert(&n("rPr"));
    if rpr.first(&n("lang")).is_none() {
        rpr.children.push(Node::Elem(
            Elem::new(&n("lang"))
                .attr(&n("val"), "en-US")
                .attr(&n("eastAsia"), "zh-CN"),
        ));
    }
}
