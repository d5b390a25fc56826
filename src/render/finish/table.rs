//! Lookups in the generated schema table (`schema.rs`).

use std::sync::OnceLock;

use super::schema::{NAMESPACES, ROOTS, TYPES};

/// A child that is not a WordprocessingML type the table describes.
pub(super) const NO_TYPE: u16 = u16::MAX;

/// One type: its children `(qualified name, slot, child type)` in content-model order,
/// and the attributes it declares.
pub(super) struct SchemaType {
    /// The schema type name (`w:CT_PPr/w:pPr`), for debugging and tests.
    #[allow(dead_code)]
    pub name: &'static str,
    pub children: &'static [(&'static str, u16, u16)],
    pub attrs: &'static [&'static str],
}

/// A type index into the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Ty(u16);

impl Ty {
    pub fn def(self) -> &'static SchemaType {
        &TYPES[usize::from(self.0)]
    }

    /// Slot and type of the child `name` (canonical prefix), when the schema allows it here.
    /// A binary search in the type's children sorted by name (the first entry of a
    /// name, as a scan of the table would find).
    pub fn child(self, name: &str) -> Option<(u16, Option<Ty>)> {
        let sorted = &index()[usize::from(self.0)].children;
        sorted
            .binary_search_by(|(n, _, _)| (*n).cmp(name))
            .ok()
            .map(|i| {
                let (_, slot, ty) = sorted[i];
                (slot, (ty != NO_TYPE).then_some(Ty(ty)))
            })
    }

    pub fn allows_attr(self, name: &str) -> bool {
        self.def().attrs.contains(&name)
    }

    /// Whether this type's content model orders its children at all.
    pub fn is_ordered(self) -> bool {
        index()[usize::from(self.0)].ordered
    }
}

/// A type's children sorted by name, and whether its content model orders them.
struct Indexed {
    children: Vec<(&'static str, u16, u16)>,
    ordered: bool,
}

/// [`Indexed`] for every type of the table, built once per process.
fn index() -> &'static [Indexed] {
    static INDEX: OnceLock<Vec<Indexed>> = OnceLock::new();
    INDEX.get_or_init(|| {
        TYPES
            .iter()
            .map(|t| {
                let mut children = t.children.to_vec();
                // Stable: of two entries with one name, the first in the table stays.
                children.sort_by_key(|c| c.0);
                children.dedup_by_key(|c| c.0);
                Indexed {
                    children,
                    ordered: t.children.iter().any(|c| c.1 != 0),
                }
            })
            .collect()
    })
}

/// The type of a part root element (canonical name such as `w:document`).
pub(super) fn root_type(name: &str) -> Option<Ty> {
    ROOTS.iter().find(|(n, _)| *n == name).map(|&(_, t)| Ty(t))
}

/// The canonical prefix the schema uses for a namespace URI.
pub(super) fn canonical_prefix(uri: &str) -> Option<&'static str> {
    NAMESPACES
        .iter()
        .find(|(p, u)| *u == uri && !p.is_empty())
        .map(|&(p, _)| p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn child_lookup_finds_what_a_scan_finds() {
        for (i, t) in TYPES.iter().enumerate() {
            let ty = Ty(i as u16);
            for &(name, _, _) in t.children {
                let scan = t
                    .children
                    .iter()
                    .find(|(n, _, _)| *n == name)
                    .map(|&(_, slot, c)| (slot, (c != NO_TYPE).then_some(Ty(c))));
                assert_eq!(ty.child(name), scan, "{} / {name}", t.name);
            }
            assert_eq!(ty.child("w:noSuchChild"), None);
        }
    }

    #[test]
    fn ppr_sequence_from_schema() {
        let t = root_type("w:document").unwrap();
        let body = t.child("w:body").unwrap().1.unwrap();
        let p = body.child("w:p").unwrap().1.unwrap();
        let ppr = p.child("w:pPr").unwrap().1.unwrap();
        let slot = |n| ppr.child(n).unwrap().0;
        assert!(slot("w:pStyle") < slot("w:keepNext"));
        assert!(slot("w:spacing") < slot("w:ind"));
        assert!(slot("w:ind") < slot("w:jc"));
        assert!(slot("w:jc") < slot("w:rPr"));
        assert!(slot("w:rPr") < slot("w:sectPr"));
        // A run keeps the order of its content.
        let r = p.child("w:r").unwrap().1.unwrap();
        assert_eq!(r.child("w:t").unwrap().0, r.child("w:fldChar").unwrap().0);
        assert!(r.child("w:rPr").unwrap().0 < r.child("w:t").unwrap().0);
    }

    #[test]
    fn gridcol_declares_only_w() {
        let t = root_type("w:document").unwrap();
        let tbl = t
            .child("w:body")
            .unwrap()
            .1
            .unwrap()
            .child("w:tbl")
            .unwrap()
            .1
            .unwrap();
        let grid = tbl.child("w:tblGrid").unwrap().1.unwrap();
        let col = grid.child("w:gridCol").unwrap().1.unwrap();
        assert!(col.allows_attr("w:w"));
        assert!(!col.allows_attr("w:type"));
    }
}
