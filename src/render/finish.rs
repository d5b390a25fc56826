//! The finishing pass for every docx the tool writes (bytes of a docx in, bytes out).
//!
//! docx-rs 0.4.22 writes elements out of schema order and lacks several parts; Word may
//! then offer to repair the file. The pass, driven by a table generated from the Open
//! XML SDK schema data (`finish/schema.rs`, see `tools/gen_finish_schema.py`):
//! - sorts the children of every WordprocessingML element into its content-model order
//!   (pPr, rPr, sectPr, tblPr, trPr, tcPr, style, settings, numbering levels,
//!   docDefaults, …), keeping the order of runs, text and other repeated content;
//! - removes WordprocessingML attributes the schema does not declare (`w:type` on
//!   `w:gridCol`), WordprocessingML elements the parent does not allow (`w:rPr` in a
//!   style's or numbering level's `w:pPr`, `w:tblW`/`w:tblLayout` in a table style's
//!   `w:tblPr`), and empty `w:rPr`/`w:pPr`;
//! - marks header rows with `w:tblHeader` (rule: `HEADER_ROW_STYLE`);
//! - numbers `wp:docPr` ids 1, 2, 3… across the package;
//! - writes docProps/core.xml from [`DocProps`];
//! - adds font-table entries (alternate name, charset 86…) for every font used;
//! - sets `w:lang w:eastAsia="zh-CN"` in the document defaults when text is Chinese;
//! - adds a theme part when there is none;
//! - re-zips with deflate, fixed entry times (1980-01-01 00:00) and a fixed entry order,
//!   so the same input gives the same bytes.
//!
//! XML is read with quick-xml's streaming reader into a small tree that borrows from
//! the part's bytes (`xml.rs`) and written back verbatim (no regex over XML). A document docx-rs builds comes in as
//! its parts (`finish_parts`), without a zip round trip.

mod error;
mod fonts;
mod memo;
mod order;
mod package;
mod props;
mod schema;
mod table;
mod xml;

pub use error::FinishError;
pub use order::{WalkStats, HEADER_ROW_STYLE};
pub use props::DocProps;

use std::collections::BTreeMap;
use std::rc::Rc;

use package::{Package, CT_PATH, ROOT_RELS};

const REL_BASE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Finish a docx: see the module documentation.
pub fn finish_docx(docx: &[u8], props: &DocProps) -> Result<Vec<u8>, FinishError> {
    finish_docx_with_stats(docx, props).map(|(b, _)| b)
}

/// [`finish_docx`], also returning what the schema walk changed. The steps in order:
/// open the package, add a font table if missing, scan the WordprocessingML parts (fonts
/// used, Chinese text), walk every part in schema order (completing the font table and
/// the language first), add a theme if missing, write the core properties, and zip.
/// Parts other than the main document are parsed and walked once per thread and bytes
/// (`memo`): the same bytes in the same context finish to the same bytes.
pub fn finish_docx_with_stats(
    docx: &[u8],
    props: &DocProps,
) -> Result<(Vec<u8>, WalkStats), FinishError> {
    finish_package(Package::read(docx)?, props)
}

/// [`finish_docx`] of a package given as its parts (name → bytes, as they would be
/// unzipped), without a zip round trip: docx-rs's parts go straight in.
pub(crate) fn finish_parts(
    parts: BTreeMap<String, Vec<u8>>,
    props: &DocProps,
) -> Result<Vec<u8>, FinishError> {
    finish_package(Package { parts }, props).map(|(b, _)| b)
}

fn finish_package(pkg: Package, props: &DocProps) -> Result<(Vec<u8>, WalkStats), FinishError> {
    let mut p = Parts::open(pkg)?;
    let font_table = p.ensure_font_table();
    let styles = package::rel_target(&p.main_rels, &p.main, "styles");
    let (wml, usage) = p.scan()?;
    let (stats, finished) = p.walk(wml, &usage, &font_table, styles.as_deref())?;
    for (name, done) in finished {
        // The main document is its own (not remembered): moved, not copied.
        let bytes = Rc::try_unwrap(done).map_or_else(|rc| rc.bytes.clone(), |f| f.bytes);
        p.pkg.parts.insert(name, bytes);
    }
    p.ensure_theme();
    p.core_properties(props);
    Ok((p.close()?, stats))
}

/// Parts finished by the walk: name and result.
type Finished = Vec<(String, Rc<memo::Finished>)>;

/// The package being finished and the relationship parts every step reads.
struct Parts {
    pkg: Package,
    types: xml::XmlDoc<'static>,
    root_rels: xml::XmlDoc<'static>,
    /// The main document part (word/document.xml).
    main: String,
    main_rels_path: String,
    main_rels: xml::XmlDoc<'static>,
    main_rels_changed: bool,
}

/// A WordprocessingML part: its name and, when parsed, its tree and the prefix it
/// binds to the WordprocessingML namespace.
struct WmlPart<'p> {
    name: &'p str,
    parsed: Option<(xml::XmlDoc<'p>, String)>,
}

impl Parts {
    fn open(pkg: Package) -> Result<Parts, FinishError> {
        let missing = |p: &str| FinishError::MissingPart(p.to_owned());
        let types = pkg
            .parse(CT_PATH)?
            .ok_or_else(|| missing(CT_PATH))?
            .into_owned();
        let root_rels = pkg
            .parse(ROOT_RELS)?
            .ok_or_else(|| missing(ROOT_RELS))?
            .into_owned();
        let main = package::rel_target(&root_rels, "", "officeDocument")
            .ok_or_else(|| missing("word/document.xml"))?;
        if !pkg.parts.contains_key(&main) {
            return Err(missing(&main));
        }
        let main_rels_path = package::rels_path(&main);
        let main_rels = pkg
            .parse(&main_rels_path)?
            .map_or_else(package::empty_rels, xml::XmlDoc::into_owned);
        Ok(Parts {
            pkg,
            types,
            root_rels,
            main,
            main_rels_path,
            main_rels,
            main_rels_changed: false,
        })
    }

    /// The font table part, created when missing.
    fn ensure_font_table(&mut self) -> String {
        if let Some(t) = package::rel_target(&self.main_rels, &self.main, "fontTable") {
            return t;
        }
        let path = sibling(&self.main, "fontTable.xml");
        self.pkg
            .parts
            .insert(path.clone(), package::FONT_TABLE_XML.as_bytes().to_vec());
        package::add_rel(
            &mut self.main_rels,
            &format!("{REL_BASE}/fontTable"),
            "fontTable.xml",
        );
        package::ensure_content_type(
            &mut self.types,
            &path,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
        );
        self.main_rels_changed = true;
        path
    }

    /// The WordprocessingML parts (those whose root is in the schema table), the main
    /// document first (so its drawings get the first ids), then by name; and what they
    /// use. A part is parsed here unless its scan is remembered.
    fn scan(&self) -> Result<(Vec<WmlPart<'_>>, fonts::Usage), FinishError> {
        let mut names: Vec<&String> = self
            .pkg
            .parts
            .keys()
            .filter(|n| n.ends_with(".xml") && *n != CT_PATH && !n.starts_with("docProps/"))
            .collect();
        names.sort_by_key(|n| *n != &self.main); // stable: the rest stay by name
        let mut usage = fonts::Usage::default();
        let mut wml = Vec::new();
        for name in names {
            let bytes = &self.pkg.parts[name];
            let remember = *name != self.main;
            if remember {
                let known = memo::with_scan(bytes, |s| s.wml.as_ref().map(|w| usage.add(&w.usage)));
                if let Some(is_wml) = known {
                    if is_wml.is_some() {
                        wml.push(WmlPart { name, parsed: None });
                    }
                    continue;
                }
            }
            let doc = self.pkg.parse(name)?.expect("listed part");
            let Some(w) = wml_prefix(&doc.root) else {
                if remember {
                    memo::remember_scan(bytes, memo::Scan { wml: None });
                }
                continue;
            };
            let mut own = fonts::Usage::default();
            own.scan(&doc.root, &w);
            usage.add(&own);
            if remember {
                let scan = memo::WmlScan {
                    usage: own,
                    finished: Vec::new(),
                };
                memo::remember_scan(bytes, memo::Scan { wml: Some(scan) });
            }
            wml.push(WmlPart {
                name,
                parsed: Some((doc, w)),
            });
        }
        Ok((wml, usage))
    }

    /// Walk every part into schema order; returns what changed and each part's
    /// finished bytes (put back by the caller). The font table gets an entry for every
    /// font used, and the styles the East-Asian language when the text is Chinese,
    /// before their walk.
    fn walk(
        &self,
        wml: Vec<WmlPart>,
        usage: &fonts::Usage,
        font_table: &str,
        styles: Option<&str>,
    ) -> Result<(WalkStats, Finished), FinishError> {
        let mut next_doc_pr = 0u32;
        let mut stats = WalkStats::default();
        let mut out = Vec::with_capacity(wml.len());
        for part in wml {
            let ctx = memo::Ctx {
                doc_pr_start: next_doc_pr,
                fonts: (part.name == font_table).then(|| usage.fonts.clone()),
                lang: usage.cjk_text && Some(part.name) == styles,
            };
            let bytes = &self.pkg.parts[part.name];
            let remember = part.name != self.main;
            let known = if remember {
                memo::finished(bytes, &ctx)
            } else {
                None
            };
            let done = match known {
                Some(done) => done,
                None => {
                    let done = Rc::new(self.finish_part(part.parsed, part.name, &ctx)?);
                    if remember {
                        memo::remember_finished(bytes, ctx, Rc::clone(&done));
                    }
                    done
                }
            };
            next_doc_pr += done.stats.doc_prs as u32;
            stats.add(&done.stats);
            out.push((part.name.to_owned(), done));
        }
        Ok((stats, out))
    }

    /// The part `name` finished in `ctx` (parsed here unless the scan kept its tree):
    /// the font table completed with every font used, the styles given the East-Asian
    /// language, then walked into schema order.
    fn finish_part(
        &self,
        parsed: Option<(xml::XmlDoc<'_>, String)>,
        name: &str,
        ctx: &memo::Ctx,
    ) -> Result<memo::Finished, FinishError> {
        let bytes = &self.pkg.parts[name];
        let (mut doc, w) = match parsed {
            Some(parsed) => parsed,
            None => {
                let doc = self.pkg.parse(name)?.expect("listed part");
                let w = wml_prefix(&doc.root).expect("scanned as WordprocessingML");
                (doc, w)
            }
        };
        if let Some(used) = &ctx.fonts {
            fonts::complete_font_table(&mut doc.root, &w, used);
        }
        if ctx.lang {
            fonts::set_default_lang(&mut doc.root, &w);
        }
        let mut next = ctx.doc_pr_start;
        let mut walk = order::Walk::new(&mut next);
        walk.part(&mut doc.root);
        Ok(memo::Finished {
            stats: walk.stats,
            bytes: xml::write_sized(&doc, bytes.len() + 256),
        })
    }

    /// A theme part, added when missing.
    fn ensure_theme(&mut self) {
        if package::rel_target(&self.main_rels, &self.main, "theme").is_some() {
            return;
        }
        let path = (1..)
            .map(|i| sibling(&self.main, &format!("theme/theme{i}.xml")))
            .find(|p| !self.pkg.parts.contains_key(p))
            .expect("a free name");
        let rel_target = path.rsplit_once('/').map_or(path.as_str(), |(_, f)| f);
        package::add_rel(
            &mut self.main_rels,
            &format!("{REL_BASE}/theme"),
            &format!("theme/{rel_target}"),
        );
        package::ensure_content_type(
            &mut self.types,
            &path,
            "application/vnd.openxmlformats-officedocument.theme+xml",
        );
        self.pkg
            .parts
            .insert(path, package::THEME_XML.as_bytes().to_vec());
        self.main_rels_changed = true;
    }

    /// docProps/core.xml from `props` (and its relationship when missing).
    fn core_properties(&mut self, props: &DocProps) {
        let core = match package::rel_target(&self.root_rels, "", "core-properties") {
            Some(c) => c,
            None => {
                package::add_rel(
                    &mut self.root_rels,
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                    "docProps/core.xml",
                );
                self.pkg
                    .parts
                    .insert(ROOT_RELS.into(), xml::write(&self.root_rels));
                "docProps/core.xml".to_owned()
            }
        };
        package::ensure_content_type(
            &mut self.types,
            &core,
            "application/vnd.openxmlformats-package.core-properties+xml",
        );
        self.pkg.parts.insert(core, package::core_xml(props));
    }

    /// The relationship and content-type parts written back, and the package zipped.
    fn close(mut self) -> Result<Vec<u8>, FinishError> {
        if self.main_rels_changed {
            self.pkg
                .parts
                .insert(self.main_rels_path, xml::write(&self.main_rels));
        }
        self.pkg
            .parts
            .insert(CT_PATH.into(), xml::write(&self.types));
        self.pkg.write(&self.main)
    }
}

/// Check every WordprocessingML part of a docx against the schema table: children
/// out of order, undeclared WordprocessingML attributes, elements a parent does not
/// allow. Returns `(part, finding)` pairs; empty when the package is in order. The
/// finished output of [`finish_docx`] always passes; tests use it on random documents.
pub fn schema_findings(docx: &[u8]) -> Result<Vec<(String, String)>, FinishError> {
    let pkg = Package::read(docx)?;
    let mut out = Vec::new();
    for name in pkg.parts.keys() {
        if !name.ends_with(".xml") || name == CT_PATH || name.starts_with("docProps/") {
            continue;
        }
        let doc = pkg.parse(name)?.expect("listed part");
        if wml_prefix(&doc.root).is_some() {
            out.extend(
                order::check(&doc.root)
                    .into_iter()
                    .map(|f| (name.clone(), f)),
            );
        }
    }
    Ok(out)
}

/// `word/document.xml` + `x.xml` → `word/x.xml`.
fn sibling(part: &str, name: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{name}"),
        None => name.to_owned(),
    }
}

/// The prefix bound to the WordprocessingML namespace when `root` is a
/// WordprocessingML part root the schema table knows.
fn wml_prefix(root: &xml::Elem) -> Option<String> {
    let (prefix, local) = root.name.split_once(':').unwrap_or(("", &root.name));
    let decl = if prefix.is_empty() {
        "xmlns".to_owned()
    } else {
        format!("xmlns:{prefix}")
    };
    let uri = root.get_attr(&decl)?;
    (uri == order::W_NS && table::root_type(&format!("w:{local}")).is_some())
        .then(|| prefix.to_owned())
}
