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
    fn first<'e, 'a>(e: &'e Elem<'a>, w: &str, local: &str) -> Option<&'e Elem<'a>> {
        e.elems().find(|c| is_qname(&c.name, w, local))
    }
    first(tr, w, "tc")
        .and_then(|tc| first(tc, w, "p"))
        .and_then(|p| first(p, w, "pPr"))
        .and_then(|ppr| first(ppr, w, "pStyle"))
        .and_then(|s| {
            s.attrs
                .iter()
                .find(|(k, _)| is_qname(k, w, "val"))
                .map(|(_, v)| v.as_ref())
        })
        .is_some_and(|v| v == HEADER_ROW_STYLE)
}

/// Whether `name` is `{w}:{local}` (without making that string).
fn is_qname(name: &str, w: &str, local: &str) -> bool {
    name.len() == w.len() + 1 + local.len()
        && name.starts_with(w)
        && name.as_bytes()[w.len()] == b':'
        && name.ends_with(local)
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

impl WalkStats {
    /// Add another walk's counts.
    pub fn add(&mut self, s: &WalkStats) {
        self.reordered += s.reordered;
        self.attrs_removed += s.attrs_removed;
        self.elems_removed += s.elems_removed;
        self.header_rows += s.header_rows;
        self.doc_prs += s.doc_prs;
    }
}

/// A namespace declaration in scope: its prefix ("" for the default namespace), the
/// schema table's prefix for its URI, and whether it is WordprocessingML.
struct Decl {
    prefix: String,
    canonical: Option<&'static str>,
    is_w: bool,
}

/// What the walk notes about a child before sorting: its slot in the content model
/// (none when the schema does not place it) and whether it is dropped.
#[derive(Clone, Copy)]
struct Seen {
    slot: Option<u16>,
    drop: bool,
}

/// Children lists up to this length are sorted in place (a stable insertion sort);
/// longer ones through a tagged copy.
const SORT_IN_PLACE: usize = 16;

pub(super) struct Walk<'n> {
    /// In-scope namespace declarations, innermost last.
    scope: Vec<Decl>,
    next_doc_pr: &'n mut u32,
    /// [`Seen`] for the children of every element being walked (each element's from
    /// where it started), so no element needs its own vector.
    seen: Vec<Seen>,
    /// Sort keys of one children list.
    keys: Vec<u16>,
    /// Whether the prefix `w` is bound to WordprocessingML here (the table's prefix for
    /// it), so that names starting `w:` are canonical as written: nearly every name.
    w_canonical: bool,
    pub stats: WalkStats,
}

impl<'n> Walk<'n> {
    pub fn new(next_doc_pr: &'n mut u32) -> Self {
        let xml = "http://www.w3.org/XML/1998/namespace";
        Walk {
            scope: vec![Decl {
                prefix: "xml".into(),
                canonical: canonical_prefix(xml),
                is_w: false,
            }],
            next_doc_pr,
            seen: Vec::new(),
            keys: Vec::new(),
            w_canonical: false,
            stats: WalkStats::default(),
        }
    }

    /// Drop the declarations from `mark` on (leaving an element).
    fn pop_scope(&mut self, mark: usize) {
        if self.scope.len() > mark {
            self.scope.truncate(mark);
            self.w_canonical = self.canonical("w") == Some("w");
        }
    }

    /// The schema table's prefix for the namespace `prefix` is bound to.
    fn canonical(&self, prefix: &str) -> Option<&'static str> {
        self.scope
            .iter()
            .rev()
            .find(|d| d.prefix == prefix)
            .and_then(|d| d.canonical)
    }

    /// The name with the prefix the schema table uses for its namespace.
    /// Borrowed when the name already uses the table's prefix (docx-rs always does).
    fn canon<'q>(&self, qname: &'q str, is_attr: bool) -> Cow<'q, str> {
        if self.w_canonical && qname.starts_with("w:") {
            return Cow::Borrowed(qname);
        }
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (p, l),
            None if is_attr => return Cow::Borrowed(qname),
            None => ("", qname),
        };
        match self.canonical(prefix) {
            Some(cp) if cp == prefix => Cow::Borrowed(qname),
            Some(cp) => Cow::Owned(format!("{cp}:{local}")),
            None => Cow::Borrowed(qname),
        }
    }

    fn push_scope(&mut self, e: &Elem) -> usize {
        let mark = self.scope.len();
        for (k, v) in &e.attrs {
            let prefix = if k == "xmlns" {
                ""
            } else if let Some(p) = k.strip_prefix("xmlns:") {
                p
            } else {
                continue;
            };
            let uri = unescape(v);
            self.scope.push(Decl {
                prefix: prefix.to_owned(),
                canonical: canonical_prefix(&uri),
                is_w: uri == W_NS,
            });
        }
        if self.scope.len() > mark {
            self.w_canonical = self.canonical("w") == Some("w");
        }
        mark
    }

    /// Walk a part from its root; returns false when the root is not a part the
    /// schema table knows (the part is then left alone).
    pub fn part(&mut self, root: &mut Elem) -> bool {
        let mark = self.push_scope(root);
        let ty = root_type(&self.canon(&root.name, false));
        self.pop_scope(mark);
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
        let (is_tr, is_doc_pr) = {
            let name = self.canon(&e.name, false);
            (name == "w:tr", name == "wp:docPr")
        };
        if is_tr {
            let w = self.w_prefix();
            if is_header_row(e, &w) {
                mark_header(e, &w);
                self.stats.header_rows += 1;
            }
        } else if is_doc_pr {
            *self.next_doc_pr += 1;
            e.set_attr("id", self.next_doc_pr.to_string());
            self.stats.doc_prs += 1;
        }
        if let Some(ty) = ty {
            let before = e.attrs.len();
            e.attrs.retain(|(k, _)| {
                let c = self.canon(k, true);
                !c.starts_with("w:") || ty.allows_attr(&c)
            });
            self.stats.attrs_removed += before - e.attrs.len();
        }
        // Children: walk, drop what must go, then sort by slot.
        let base = self.seen.len();
        for child in e.children.iter_mut() {
            let Node::Elem(c) = child else {
                self.seen.push(Seen {
                    slot: None,
                    drop: false,
                });
                continue;
            };
            let (info, is_w, is_props) = {
                let cname = self.canon(&c.name, false);
                (
                    ty.and_then(|t| t.child(&cname)),
                    cname.starts_with("w:"),
                    matches!(&*cname, "w:rPr" | "w:pPr"),
                )
            };
            self.elem(c, info.and_then(|i| i.1));
            let misplaced = ty.is_some() && info.is_none() && is_w;
            let empty_props = is_props && c.is_empty();
            // An element the schema does not allow here is dropped (docx-rs writes e.g.
            // w:tblW and w:tblLayout into a table style's tblPr, which has neither).
            self.seen.push(Seen {
                slot: info.map(|i| i.0),
                drop: misplaced || empty_props,
            });
        }
        let dropped = self.seen[base..].iter().filter(|s| s.drop).count();
        if dropped > 0 {
            let mut it = self.seen[base..].iter();
            e.children.retain(|_| !it.next().expect("flag").drop);
            let mut at = 0;
            self.seen.retain(|s| {
                at += 1;
                at <= base || !s.drop
            });
            self.stats.elems_removed += dropped;
        }
        if ty.is_some_and(|t| t.is_ordered()) && e.children.len() > 1 {
            // Unknown children and text keep their place after the preceding child.
            let mut prev = 0u16;
            self.keys.clear();
            self.keys.extend(self.seen[base..].iter().map(|s| {
                prev = s.slot.unwrap_or(prev);
                prev
            }));
            if self.keys.windows(2).any(|k| k[0] > k[1]) {
                sort_by_keys(&mut e.children, &mut self.keys);
                self.stats.reordered += 1;
            }
        }
        self.seen.truncate(base);
        self.pop_scope(mark);
    }

    fn w_prefix(&self) -> String {
        self.scope
            .iter()
            .rev()
            .find(|d| d.is_w)
            .map(|d| d.prefix.clone())
            .unwrap_or_else(|| "w".into())
    }
}

/// Sort `children` stably by `keys` (one key per child).
fn sort_by_keys(children: &mut Vec<Node>, keys: &mut [u16]) {
    if children.len() <= SORT_IN_PLACE {
        for i in 1..keys.len() {
            let mut j = i;
            while j > 0 && keys[j - 1] > keys[j] {
                keys.swap(j - 1, j);
                children.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let mut tagged: Vec<(u16, Node)> = keys.iter().copied().zip(std::mem::take(children)).collect();
    tagged.sort_by_key(|(k, _)| *k);
    *children = tagged.into_iter().map(|(_, n)| n).collect();
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
    unescape_cow(v).into_owned()
}

/// [`unescape`], borrowed when there is nothing to unescape.
pub(super) fn unescape_cow(v: &str) -> Cow<'_, str> {
    quick_xml::escape::unescape(v).unwrap_or(Cow::Borrowed(v))
}

/// Check a part against the schema table: children out of content-model order and
/// WordprocessingML attributes the schema does not declare. Returns one line per
/// finding (path and what is wrong); empty when the part is in order.
pub(super) fn check(root: &Elem) -> Vec<String> {
    let mut next = 0u32;
    let mut walk = Walk::new(&mut next);
    let mark = walk.push_scope(root);
    let ty = root_type(&walk.canon(&root.name, false));
    walk.pop_scope(mark);
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
        self.pop_scope(mark);
    }
}
