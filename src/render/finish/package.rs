//! The zip package: reading, relationships, content types, core properties, theme,
//! and the deterministic re-zip.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::error::FinishError;
use super::memo;
use super::props::DocProps;
use super::xml::{self, Elem, Node, XmlDoc};

pub(super) const CT_PATH: &str = "[Content_Types].xml";
pub(super) const ROOT_RELS: &str = "_rels/.rels";

/// Largest package the pass accepts (uncompressed), against zip bombs.
const MAX_TOTAL: u64 = 256 * 1024 * 1024;

/// Parts by name (no leading slash), directories dropped.
pub(super) struct Package {
    pub parts: BTreeMap<String, Vec<u8>>,
}

impl Package {
    pub fn read(bytes: &[u8]) -> Result<Self, FinishError> {
        let zip_err = |e: zip::result::ZipError| FinishError::Zip(e.to_string());
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(zip_err)?;
        let mut parts = BTreeMap::new();
        let mut total = 0u64;
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).map_err(zip_err)?;
            if f.is_dir() {
                continue;
            }
            total += f.size();
            if total > MAX_TOTAL {
                return Err(FinishError::TooLarge);
            }
            let name = f
                .name()
                .map_err(zip_err)?
                .trim_start_matches('/')
                .to_owned();
            let mut buf = Vec::with_capacity(f.size() as usize);
            f.read_to_end(&mut buf)
                .map_err(|e| FinishError::Zip(e.to_string()))?;
            parts.insert(name, buf);
        }
        Ok(Package { parts })
    }

    pub fn parse(&self, name: &str) -> Result<Option<XmlDoc<'_>>, FinishError> {
        match self.parts.get(name) {
            None => Ok(None),
            Some(b) => xml::parse(b).map(Some).map_err(|e| FinishError::Xml {
                part: name.to_owned(),
                message: e.0,
            }),
        }
    }

    /// Write the package: deflate, entry times fixed at 1980-01-01 00:00, mode 644, and
    /// a fixed order: content types, package relationships, the main part, then the
    /// rest by name.
    pub fn write(&self, main: &str) -> Result<Vec<u8>, FinishError> {
        let zip_err = |e: zip::result::ZipError| FinishError::Zip(e.to_string());
        let mut names: Vec<&String> = self.parts.keys().collect();
        let rank = |n: &str| match n {
            CT_PATH => 0,
            ROOT_RELS => 1,
            n if n == main => 2,
            _ => 3,
        };
        names.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            // Level 6 (zlib's default): within 4% of level 9 in size, a third faster.
            .compression_level(Some(6))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        // Room for the package: deflate makes WordprocessingML about a tenth of its size.
        let size: usize = self.parts.values().map(Vec::len).sum();
        let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size / 8 + 4096)));
        for name in names {
            let data = &self.parts[name];
            match deflated_entry(name, data, options)? {
                Some(entry) => {
                    // The entry as deflated before, copied without deflating again.
                    let mut one = ZipArchive::new(Cursor::new(&entry[..])).map_err(zip_err)?;
                    zip.raw_copy_file(one.by_index_raw(0).map_err(zip_err)?)
                        .map_err(zip_err)?;
                }
                None => {
                    zip.start_file(name.as_str(), options).map_err(zip_err)?;
                    zip.write_all(data)
                        .map_err(|e| FinishError::Zip(e.to_string()))?;
                }
            }
        }
        Ok(zip.finish().map_err(zip_err)?.into_inner())
    }
}

/// The part as a one-entry zip written with `options`, for parts small enough to be
/// remembered: most parts of a notice or reminder (styles, settings, footers,
/// relationships…) are the same bytes in every document of a run, so each is deflated
/// once per thread and its compressed entry copied into every package (the `zip`
/// crate's raw copy: the same bytes as deflating it again; remembered in `memo.rs`).
/// `None` for a part too large to remember.
fn deflated_entry(
    name: &str,
    data: &[u8],
    options: SimpleFileOptions,
) -> Result<Option<std::rc::Rc<Vec<u8>>>, FinishError> {
    if data.len() > memo::MAX_PART {
        return Ok(None);
    }
    if let Some(hit) = memo::deflated(data, name) {
        return Ok(Some(hit));
    }
    let zip_err = |e: zip::result::ZipError| FinishError::Zip(e.to_string());
    let mut one = ZipWriter::new(Cursor::new(Vec::new()));
    one.start_file(name, options).map_err(zip_err)?;
    one.write_all(data)
        .map_err(|e| FinishError::Zip(e.to_string()))?;
    let entry = std::rc::Rc::new(one.finish().map_err(zip_err)?.into_inner());
    memo::remember_deflated(data, name, std::rc::Rc::clone(&entry));
    Ok(Some(entry))
}

/// The relationships part of a part: `word/document.xml` → `word/_rels/document.xml.rels`.
pub(super) fn rels_path(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// Resolve a relationship target against the folder of its source part.
pub(super) fn resolve(source: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_owned();
    }
    let mut segs: Vec<&str> = match source.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    for s in target.split('/') {
        match s {
            "." | "" => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

/// Target (package path) of the first relationship whose type ends with `/{kind}`.
pub(super) fn rel_target(rels: &XmlDoc, source: &str, kind: &str) -> Option<String> {
    rels.root
        .elems()
        .filter(|r| {
            r.get_attr("Type")
                .is_some_and(|t| t.rsplit('/').next() == Some(kind))
                && r.get_attr("TargetMode") != Some("External")
        })
        .find_map(|r| r.get_attr("Target"))
        .map(|t| resolve(source, &super::order::unescape(t)))
}

/// Add a relationship with a fresh id; `target` is relative to the source.
pub(super) fn add_rel(rels: &mut XmlDoc, rel_type: &str, target: &str) {
    let ids: Vec<String> = rels
        .root
        .elems()
        .filter_map(|r| r.get_attr("Id").map(str::to_owned))
        .collect();
    let id = (1..)
        .map(|i| format!("rIdFinish{i}"))
        .find(|id| !ids.contains(id))
        .expect("an unused id");
    rels.root.children.push(Node::Elem(
        Elem::new("Relationship")
            .attr("Id", &id)
            .attr("Type", rel_type)
            .attr("Target", target),
    ));
}

pub(super) fn empty_rels() -> XmlDoc<'static> {
    XmlDoc {
        prolog: std::borrow::Cow::Borrowed(&[]),
        root: Elem::new("Relationships").attr(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/relationships",
        ),
    }
}

/// Make sure `[Content_Types].xml` gives `part` the content type `ct`.
pub(super) fn ensure_content_type(types: &mut XmlDoc, part: &str, ct: &str) {
    let pn = format!("/{part}");
    let has = types.root.elems().any(|e| {
        e.name == "Override"
            && e.get_attr("PartName").map(super::order::unescape) == Some(pn.clone())
    });
    if !has {
        types.root.children.push(Node::Elem(
            Elem::new("Override")
                .attr("PartName", &pn)
                .attr("ContentType", ct),
        ));
    }
}

/// docProps/core.xml from the plan's properties: title, creator, last modified by, and
/// fixed created/modified times for reproducible output.
pub(super) fn core_xml(props: &DocProps) -> Vec<u8> {
    let esc = |s: &str| quick_xml::escape::escape(s).into_owned();
    let when = props.created.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator>",
            "<cp:lastModifiedBy>{lmb}</cp:lastModifiedBy><cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = esc(&props.title),
        creator = esc(&props.creator),
        lmb = esc(&props.last_modified_by),
        when = when,
    )
    .into_bytes()
}

/// A minimal Office theme (the validator requires a theme part for a main document).
/// Minor (body) and major (heading) fonts follow GB/T 9704: 仿宋_GB2312 and 黑体.
pub(super) const THEME_XML: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements>"#,
    r#"<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>"#,
    r#"<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1>"#,
    r#"<a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>"#,
    r#"<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink>"#,
    r#"<a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>"#,
    r#"<a:fontScheme name="Office"><a:majorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="黑体"/></a:majorFont>"#,
    r#"<a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="仿宋_GB2312"/></a:minorFont></a:fontScheme>"#,
    r#"<a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>"#,
    r#"<a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>"#,
    r#"<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>"#,
    r#"<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme>"#,
    r#"</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#
);

pub(super) const FONT_TABLE_XML: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_targets() {
        assert_eq!(
            resolve("word/document.xml", "styles.xml"),
            "word/styles.xml"
        );
        assert_eq!(
            resolve("word/document.xml", "/docProps/core.xml"),
            "docProps/core.xml"
        );
        assert_eq!(
            resolve("word/document.xml", "../customXml/a.xml"),
            "customXml/a.xml"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            rels_path("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
    }
}
