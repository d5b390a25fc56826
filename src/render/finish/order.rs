//! The schema walk over one WordprocessingML part: children into content-model order,
//! undeclared WordprocessingML attributes and empty misplaced elements removed,
//! header rows marked, drawing ids renumbered.

use std::borrow::Cow;

use super::table::{canonical_prefix, root_type, Ty};
use super::xml::{Elem, Node};

/// The WordprocessingML namespace.
pub(super) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Paragraph style id that marks a table header row (see [`is_header_row`]).
pub const HEADER_ROW_STYLE: &str = "TableHeader";

/// The header-row convention shared with the report renderer (docx-rs 0.4.22 cannot
/// write `w:tblHeader`): a row whose first cell's first paragraph has the paragraph style
/// [`HEADER_ROW_STYLE`] is a header row, repeated on every page.
/// `w` is the prefix the part binds to the WordprocessingML namespace.
pub(super) fn is_header_row(tr: &Elem, w: &str) -> bool {
    let n = |local: &str| format!("{w}:{local}");
    tr.first(&n("tc"))
        .and_then(|tc| tc.first(&n("p")))
        .and_then(|p| p.first(&n("pPr")))
        .and_then(|ppr| ppr.first(&n("pStyle")))
        .and_then(|s| s.get_attr(&n("val")))
        .is_some_and(|v| v == HEADER_ROW_STYLE)
}

/// What the walk counts, for tests and the log.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WalkStats {
    pub reordered: usize,
    pub attrs_removed: usize,
    pub elems_removed: usize,
    pub header_rows: usize,
    pub doc_prs: usize,
}

pub(super) struct Walk<'a> {
    /// In-scope namespace declarations (prefix, uri); "" is the default namespace.
    scope: Vec<(String, String)>,
    next_doc_pr: &'a mut u32,
    pub stats: WalkStats,
}

impl<'a> Walk<'a> {
    pub fn new(next_doc_pr: &'a mut u32) -> Self {
        Walk {
            scope: vec![("xml".into(), "http://www.w3.org/XML/1998/namespace".into())],
            next_doc_pr,
            stats: WalkStats::default(),
        }
    }

    fn uri(&self, prefix: &str) -> Option<&str> {
        self.scope
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, u)| u.as_str())
    }

    /// The name with the prefix the schema table uses for its namespace.
    /// Borrowed when the name already uses the table's prefix (docx-rs always does).
    fn canon<'q>(&self, qname: &'q str, is_attr: bool) -> Cow<'q, str> {
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (p, l),
            None if is_attr => return Cow::Borrowed(qname),
            None => ("", qname),
        };
        match self.uri(prefix).and_then(canonical_prefix) {
            Some(cp) if cp == prefix => Cow::Borrowed(qname),
            Some(cp) => Cow::Owned(format!("{cp}:{local}")),
            None => Cow::Borrowed(qname),
        }
    }

    fn push_scope(&mut self, e: &Elem) -> usize {
        let mark = self.scope.len();
        for (k, v) in &e.attrs {
            if k == "xmlns" {
                self.scope.push((String::new(), unescape(v)));
            } else if let Some(p) = k.strip_prefix("xmlns:") {
                self.scope.push((p.to_owned(), unescape(v)));
            }
        }
        mark
    }

    /// Walk a part from its root; returns false when the root is not a part the
    /// schema table knows (the part is then left alone).
    pub fn part(&mut self, root: &mut Elem) -> bool {
        let mark = self.push_scope(root);
        let ty = root_type(&self.canon(&root.name, false));
        self.scope.truncate(mark);
        match ty {
            Some(ty) => {
                self.elem(root, Some(ty));
                true
            }
            None => false,
        }
    }

    fn elem(&mut self, e: &mut Elem, ty: Option<Ty>) {
        let mark = self.push_scope(e);
        let name = self.canon(&e.name, false).into_owned();
        match name.as_str() {
            "w:tr" => {
                let w = self.w_prefix();
                if is_header_row(e, &w) {
                    mark_header(e, &w);
                    self.stats.header_rows += 1;
                }
            }
            "wp:docPr" => {
                *self.next_doc_pr += 1;
                e.set_attr("id", self.next_doc_pr.to_string());
                self.stats.doc_prs += 1;
            }
            _ => {}
        }
        if let Some(ty) = ty {
            let before = e.attrs.len();
            let keep: Vec<bool> = e
                .attrs
                .iter()
                .map(|(k, _)| {
                    let c = self.canon(k, true);
                    !c.starts_with("w:") || ty.allows_attr(&c)
                })
                .collect();
            let mut it = keep.iter();
            e.attrs
                .retain(|_| *it.next().expect("one flag per attribute"));
            self.stats.attrs_removed += before - e.attrs.len();
        }
        // Children: walk, drop what must go, then sort by slot.
        let mut slots: Vec<Option<u16>> = Vec::with_capacity(e.children.len());
        let mut drop = Vec::with_capacity(e.children.len());
        for child in e.children.iter_mut() {
            let Node::Elem(c) = child else {
                slots.push(None);
                drop.push(false);
                continue;
            };
            let cname = self.canon(&c.name, false);
            let info = ty.and_then(|t| t.child(&cname));
            let is_w = cname.starts_with("w:");
            let is_props = matches!(&*cname, "w:rPr" | "w:pPr");
            self.elem(c, info.and_then(|i| i.1));
            let misplaced = ty.is_some() && info.is_none() && is_w;
            let empty_props = is_props && c.is_empty();
            // An element the schema does not allow here is dropped (docx-rs writes e.g.
            // w:tblW and w:tblLayout into a table style's tblPr, which has neither).
            drop.push(misplaced || empty_props);
            slots.push(info.map(|i| i.0));
        }
        if drop.iter().any(|d| *d) {
            let mut it = drop.iter();
            let mut it2 = drop.iter();
            e.children.retain(|_| !*it.next().expect("flag"));
            slots.retain(|_| !*it2.next().expect("flag"));
            self.stats.elems_removed += drop.iter().filter(|d| **d).count();
        }
        if ty.is_some_and(|t| t.is_ordered()) && e.children.len() > 1 {
            // Unknown children and text keep their place after the preceding child.
            let mut prev = 0u16;
            let keys: Vec<u16> = slots
                .iter()
                .map(|s| {
                    prev = s.unwrap_or(prev);
                    prev
                })
                .collect();
            if keys.windows(2).any(|k| k[0] > k[1]) {
                let mut tagged: Vec<(u16, Node)> = keys
                    .into_iter()
                    .zip(std::mem::take(&mut e.children))
                    .collect();
                tagged.sort_by_key(|(k, _)| *k);
                e.children = tagged.into_iter().map(|(_, n)| n).collect();
                self.stats.reordered += 1;
            }
        }
        self.scope.truncate(mark);
    }

    fn w_prefix(&self) -> String {
        self.scope
            .iter()
            .rev()
            .find(|(_, u)| u == W_NS)
            .map(|(p, _)| p.clone())
            .unwrap_or_else(|| "w".into())
    }
}

/// Add `<w:tblHeader/>` to the row's `w:trPr`, creating it when missing (the walk then
/// moves both into place).
fn mark_header(tr: &mut Elem, w: &str) {
    let trpr_name = format!("{w}:trPr");
    if tr.first(&trpr_name).is_none() {
        tr.children.insert(0, Node::Elem(Elem::new(&trpr_name)));
    }
    let trpr = tr.first_mut(&trpr_name).expect("present");
    let th = format!("{w}:tblHeader");
    if trpr.first(&th).is_none() {
        trpr.children.push(Node::Elem(Elem::new(&th)));
    }
}

pub(super) fn unescape(v: &str) -> String {
    quick_xml::escape::unescape(v)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| v.to_owned())
}

/// Check a part against the schema table: children out of content-model order and
/// WordprocessingML attributes the schema does not declare. Returns one line per
/// finding (path and what is wrong); empty when the part is in order.
pub(super) fn check(root: &Elem) -> Vec<String> {
    let mut next = 0u32;
    let mut walk = Walk::new(&mut next);
    let mark = walk.push_scope(root);
    let ty = root_type(&walk.canon(&root.name, false));
    walk.scope.truncate(mark);
    let mut out = Vec::new();
    if let Some(ty) = ty {
        walk.check_elem(root, ty, &format!("/{}", root.name), &mut out);
    }
    out
}

impl Walk<'_> {
    fn check_elem(&mut self, e: &Elem, ty: Ty, path: &str, out: &mut Vec<String>) {
        let mark = self.push_scope(e);
        for (k, _) in &e.attrs {
            let c = self.canon(k, true);
            if c.starts_with("w:") && !ty.allows_attr(&c) {
                out.push(format!("{path}: 未声明的属性 {k}"));
            }
        }
        let mut last = 0u16;
        for (i, c) in e.elems().enumerate() {
            let cname = self.canon(&c.name, false);
            let cpath = format!("{path}/{}[{i}]", c.name);
            match ty.child(&cname) {
                Some((slot, cty)) => {
                    if slot < last {
                        out.push(format!("{cpath}: 顺序不符合架构"));
                    }
                    last = last.max(slot);
                    if let Some(cty) = cty {
                        self.check_elem(c, cty, &cpath, out);
                    }
                }
                None if cname.starts_with("w:") => out.push(format!("{cpath}: 此处不允许该元素")),
                None => {}
            }
        }
        self.scope.truncate(mark);
    }
}
