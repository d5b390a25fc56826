//! A small XML tree read with quick-xml's streaming reader and written back verbatim:
//! names, attribute values and text keep their escaped form, so nothing is re-escaped
//! or normalised except what the pass changes.

use quick_xml::events::Event;
use quick_xml::Reader;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Node {
    Elem(Elem),
    /// Text, references, CDATA, comments, processing instructions: raw bytes as read.
    Raw(Vec<u8>),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Elem {
    /// Qualified name as written (`w:pPr`).
    pub name: String,
    /// Attributes `(qualified name, escaped value)` in document order.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

/// A parsed part: what precedes the root (declaration etc., raw) and the root.
#[derive(Clone, Debug)]
pub(super) struct XmlDoc {
    pub prolog: Vec<u8>,
    pub root: Elem,
}

impl Elem {
    pub fn new(name: &str) -> Self {
        Elem {
            name: name.to_owned(),
            ..Elem::default()
        }
    }

    /// Builder: add an attribute (the value is escaped here).
    pub fn attr(mut self, name: &str, value: &str) -> Self {
        self.attrs.push((
            name.to_owned(),
            quick_xml::escape::escape(value).into_owned(),
        ));
        self
    }

    pub fn get_attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn set_attr(&mut self, name: &str, escaped: String) {
        match self.attrs.iter_mut().find(|(n, _)| n == name) {
            Some(a) => a.1 = escaped,
            None => self.attrs.push((name.to_owned(), escaped)),
        }
    }

    pub fn elems(&self) -> impl Iterator<Item = &Elem> {
        self.children.iter().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Raw(_) => None,
        })
    }

    pub fn elems_mut(&mut self) -> impl Iterator<Item = &mut Elem> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Raw(_) => None,
        })
    }

    pub fn first(&self, name: &str) -> Option<&Elem> {
        self.elems().find(|e| e.name == name)
    }

    pub fn first_mut(&mut self, name: &str) -> Option<&mut Elem> {
        self.elems_mut().find(|e| e.name == name)
    }

    /// The first child `name`, created (appended) when missing.
    pub fn first_or_insert(&mut self, name: &str) -> &mut Elem {
        if self.first(name).is_none() {
            self.children.push(Node::Elem(Elem::new(name)));
        }
        self.first_mut(name).expect("just inserted")
    }

    pub fn is_empty(&self) -> bool {
        self.attrs.is_empty() && self.children.is_empty()
    }
}

#[derive(Debug)]
pub(super) struct ParseError(pub String);

/// Parse one part.
pub(super) fn parse(bytes: &[u8]) -> Result<XmlDoc, ParseError> {
    let mut reader = Reader::from_reader(bytes);
    {
        let c = reader.config_mut();
        c.trim_text(false);
        c.check_end_names = true;
        c.expand_empty_elements = false;
    }
    let err = |e: &dyn std::fmt::Display, pos: u64| ParseError(format!("{e}（位置 {pos}）"));
    let mut prolog = Vec::new();
    let mut stack: Vec<Elem> = Vec::new();
    let mut root: Option<Elem> = None;
    loop {
        let pos = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| err(&e, pos))?;
        let raw: Option<Vec<u8>> = match &ev {
            Event::Start(_) | Event::Empty(_) | Event::End(_) | Event::Eof => None,
            Event::Text(t) => Some(t.as_bytes().to_vec()),
            Event::GeneralRef(r) => Some(wrap(b"&", r, b";")),
            Event::CData(t) => Some(wrap(b"<![CDATA[", t, b"]]>")),
            Event::Comment(t) => Some(wrap(b"<!--", t, b"-->")),
            Event::Decl(d) => Some(wrap(b"<?", d, b"?>")),
            Event::PI(p) => Some(wrap(b"<?", p, b"?>")),
            Event::DocType(t) => Some(wrap(b"<!DOCTYPE ", t, b">")),
        };
        if let Some(raw) = raw {
            match stack.last_mut() {
                Some(parent) => parent.children.push(Node::Raw(raw)),
                None if root.is_none() => prolog.extend_from_slice(&raw),
                None => {} // trailing whitespace or comments after the root
            }
            continue;
        }
        match ev {
            Event::Start(s) | Event::Empty(s) if root.is_some() && stack.is_empty() => {
                let _ = s;
                return Err(ParseError("根元素之后还有元素".into()));
            }
            Event::Start(s) => stack.push(start(&s).map_err(|e| err(&e, pos))?),
            Event::Empty(s) => {
                let e = start(&s).map_err(|e| err(&e, pos))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Elem(e)),
                    None => root = Some(e),
                }
            }
            Event::End(_) => {
                let e = stack
                    .pop()
                    .ok_or_else(|| ParseError("多余的结束标签".into()))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Elem(e)),
                    None => root = Some(e),
                }
            }
            Event::Eof => break,
            _ => unreachable!("raw events handled above"),
        }
    }
    if !stack.is_empty() {
        return Err(ParseError("元素没有结束标签".into()));
    }
    let root = root.ok_or_else(|| ParseError("没有根元素".into()))?;
    Ok(XmlDoc { prolog, root })
}

fn wrap(open: &[u8], body: &str, close: &[u8]) -> Vec<u8> {
    [open, body.as_bytes(), close].concat()
}

fn start(s: &quick_xml::events::BytesStart) -> Result<Elem, quick_xml::Error> {
    let name = s.name().into_inner().to_owned();
    let mut attrs = Vec::new();
    for a in s.attributes() {
        let a = a.map_err(quick_xml::Error::from)?;
        let key = a.key.into_inner().to_owned();
        let mut value = a.value.into_owned();
        if value.contains('"') {
            value = value.replace('"', "&quot;");
        }
        attrs.push((key, value));
    }
    Ok(Elem {
        name,
        attrs,
        children: Vec::new(),
    })
}

/// Serialise a part. Parts without a declaration get the standard one.
pub(super) fn write(doc: &XmlDoc) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    if doc.prolog.is_empty() {
        out.extend_from_slice(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    } else {
        out.extend_from_slice(&doc.prolog);
    }
    write_elem(&doc.root, &mut out);
    out
}

fn write_elem(e: &Elem, out: &mut Vec<u8>) {
    out.push(b'<');
    out.extend_from_slice(e.name.as_bytes());
    for (k, v) in &e.attrs {
        out.push(b' ');
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(b"=\"");
        out.extend_from_slice(v.as_bytes());
        out.push(b'"');
    }
    if e.children.is_empty() {
        out.extend_from_slice(b"/>");
        return;
    }
    out.push(b'>');
    for c in &e.children {
        match c {
            Node::Elem(c) => write_elem(c, out),
            Node::Raw(r) => out.extend_from_slice(r),
        }
    }
    out.extend_from_slice(b"</");
    out.extend_from_slice(e.name.as_bytes());
    out.push(b'>');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_escapes() {
        let src = r#"<?xml version="1.0"?><a:x xmlns:a="u" k='say "hi"' j="&amp;&lt;"><b/>t &amp; &#x4E2D;<![CDATA[<>]]><!--c--></a:x>"#;
        let doc = parse(src.as_bytes()).unwrap();
        let out = String::from_utf8(write(&doc)).unwrap();
        assert_eq!(
            out,
            r#"<?xml version="1.0"?><a:x xmlns:a="u" k="say &quot;hi&quot;" j="&amp;&lt;"><b/>t &amp; &#x4E2D;<![CDATA[<>]]><!--c--></a:x>"#
        );
    }

    #[test]
    fn rejects_broken_xml() {
        assert!(parse(b"<a><b></a>").is_err());
        assert!(parse(b"<a>").is_err());
        assert!(parse(b"").is_err());
    }
}
