//! A small XML tree read with quick-xml's streaming reader and written back verbatim:
//! names, attribute values and text keep their escaped form, so nothing is re-escaped
//! or normalised except what the pass changes.
//!
//! The tree borrows from the part's bytes: names, attribute values and text are slices
//! of the input (`Cow::Borrowed`), owned only where the pass makes or changes them, and
//! each element's children are collected once, into a vector of their exact size. A
//! report's main document has some 30,000 elements and 35,000 attributes at N = 50; a
//! string per name and value was most of the pass's cost.

use std::borrow::Cow;

use quick_xml::events::Event;
use quick_xml::Reader;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Node<'a> {
    Elem(Elem<'a>),
    /// Text, references, CDATA, comments, processing instructions: raw bytes as read.
    Raw(Cow<'a, [u8]>),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Elem<'a> {
    /// Qualified name as written (`w:pPr`).
    pub name: Cow<'a, str>,
    /// Attributes `(qualified name, escaped value)` in document order.
    pub attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    pub children: Vec<Node<'a>>,
}

/// A parsed part: what precedes the root (declaration etc., raw) and the root.
#[derive(Clone, Debug)]
pub(super) struct XmlDoc<'a> {
    pub prolog: Cow<'a, [u8]>,
    pub root: Elem<'a>,
}

impl XmlDoc<'_> {
    /// The same tree, owning all its text.
    pub fn into_owned(self) -> XmlDoc<'static> {
        XmlDoc {
            prolog: Cow::Owned(self.prolog.into_owned()),
            root: self.root.into_owned(),
        }
    }
}

impl<'a> Elem<'a> {
    pub fn new(name: &str) -> Elem<'static> {
        Elem {
            name: Cow::Owned(name.to_owned()),
            ..Elem::default()
        }
    }

    /// Builder: add an attribute (the value is escaped here).
    pub fn attr(mut self, name: &str, value: &str) -> Self {
        self.attrs.push((
            Cow::Owned(name.to_owned()),
            Cow::Owned(quick_xml::escape::escape(value).into_owned()),
        ));
        self
    }

    /// The same element, owning all its text.
    pub fn into_owned(self) -> Elem<'static> {
        Elem {
            name: Cow::Owned(self.name.into_owned()),
            attrs: self
                .attrs
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), Cow::Owned(v.into_owned())))
                .collect(),
            children: self
                .children
                .into_iter()
                .map(|n| match n {
                    Node::Elem(e) => Node::Elem(e.into_owned()),
                    Node::Raw(r) => Node::Raw(Cow::Owned(r.into_owned())),
                })
                .collect(),
        }
    }

    pub fn get_attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_ref())
    }

    pub fn set_attr(&mut self, name: &str, escaped: String) {
        match self.attrs.iter_mut().find(|(n, _)| n == name) {
            Some(a) => a.1 = Cow::Owned(escaped),
            None => self
                .attrs
                .push((Cow::Owned(name.to_owned()), Cow::Owned(escaped))),
        }
    }

    pub fn elems(&self) -> impl Iterator<Item = &Elem<'a>> {
        self.children.iter().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Raw(_) => None,
        })
    }

    pub fn elems_mut(&mut self) -> impl Iterator<Item = &mut Elem<'a>> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Raw(_) => None,
        })
    }

    pub fn first(&self, name: &str) -> Option<&Elem<'a>> {
        self.elems().find(|e| e.name == name)
    }

    pub fn first_mut(&mut self, name: &str) -> Option<&mut Elem<'a>> {
        self.elems_mut().find(|e| e.name == name)
    }

    /// The first child `name`, created (appended) when missing.
    pub fn first_or_insert(&mut self, name: &str) -> &mut Elem<'a> {
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

/// Parse one part. The tree borrows from `bytes`.
pub(super) fn parse(bytes: &[u8]) -> Result<XmlDoc<'_>, ParseError> {
    let err = |e: &dyn std::fmt::Display, pos: u64| ParseError(format!("{e}（位置 {pos}）"));
    let src = std::str::from_utf8(bytes).map_err(|e| err(&e, e.valid_up_to() as u64))?;
    let mut reader = Reader::from_reader(bytes);
    {
        let c = reader.config_mut();
        c.trim_text(false);
        c.check_end_names = true;
        c.expand_empty_elements = false;
    }
    let mut prolog: Cow<[u8]> = Cow::Borrowed(b"");
    // The open elements, and where each one's children start in `pending`: the
    // children of every open element, in order, moved into their element's own vector
    // (of their exact size) when it ends.
    let mut stack: Vec<(Elem, usize)> = Vec::new();
    let mut pending: Vec<Node> = Vec::new();
    let mut attrs = Vec::new();
    let mut root: Option<Elem> = None;
    loop {
        let pos = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| err(&e, pos))?;
        let raw: Option<Cow<[u8]>> = match &ev {
            Event::Start(_) | Event::Empty(_) | Event::End(_) | Event::Eof => None,
            Event::Text(t) => Some(span(src, t, b"", b"")),
            Event::GeneralRef(r) => Some(span(src, r, b"&", b";")),
            Event::CData(t) => Some(span(src, t, b"<![CDATA[", b"]]>")),
            Event::Comment(t) => Some(span(src, t, b"<!--", b"-->")),
            Event::Decl(d) => Some(span(src, d, b"<?", b"?>")),
            Event::PI(p) => Some(span(src, p, b"<?", b"?>")),
            Event::DocType(t) => Some(Cow::Owned(wrap(b"<!DOCTYPE ", t, b">"))),
        };
        if let Some(raw) = raw {
            if !stack.is_empty() {
                pending.push(Node::Raw(raw));
            } else if root.is_none() {
                if prolog.is_empty() {
                    prolog = raw;
                } else {
                    prolog.to_mut().extend_from_slice(&raw);
                }
            } // else: trailing whitespace or comments after the root
            continue;
        }
        match ev {
            Event::Start(_) | Event::Empty(_) if root.is_some() && stack.is_empty() => {
                return Err(ParseError("根元素之后还有元素".into()));
            }
            Event::Start(s) => {
                let e = start(src, &s, &mut attrs).map_err(|e| err(&e, pos))?;
                stack.push((e, pending.len()));
            }
            Event::Empty(s) => {
                let e = start(src, &s, &mut attrs).map_err(|e| err(&e, pos))?;
                match stack.is_empty() {
                    false => pending.push(Node::Elem(e)),
                    true => root = Some(e),
                }
            }
            Event::End(_) => {
                let (mut e, from) = stack
                    .pop()
                    .ok_or_else(|| ParseError("多余的结束标签".into()))?;
                e.children = pending.drain(from..).collect();
                match stack.is_empty() {
                    false => pending.push(Node::Elem(e)),
                    true => root = Some(e),
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

/// `s` as a slice of `src` when it is one (quick-xml hands out slices of its input).
fn rebase<'a>(src: &'a str, s: &str) -> Option<&'a str> {
    let start = (s.as_ptr() as usize).checked_sub(src.as_ptr() as usize)?;
    let b = src.get(start..start.checked_add(s.len())?)?;
    (b.as_ptr() == s.as_ptr()).then_some(b)
}

/// The raw bytes of an event whose content `body` is written between `open` and
/// `close`: borrowed from `src` when they stand there as such, else made.
fn span<'a>(src: &'a str, body: &str, open: &[u8], close: &[u8]) -> Cow<'a, [u8]> {
    let whole = rebase(src, body).and_then(|b| {
        let start = (b.as_ptr() as usize - src.as_ptr() as usize).checked_sub(open.len())?;
        let w = src
            .as_bytes()
            .get(start..start + open.len() + b.len() + close.len())?;
        (w.starts_with(open) && w.ends_with(close)).then_some(w)
    });
    match whole {
        Some(w) => Cow::Borrowed(w),
        None => Cow::Owned(wrap(open, body, close)),
    }
}

fn wrap(open: &[u8], body: &str, close: &[u8]) -> Vec<u8> {
    [open, body.as_bytes(), close].concat()
}

/// A slice of `src` borrowed, anything else copied.
fn borrow<'a>(src: &'a str, s: &str) -> Cow<'a, str> {
    match rebase(src, s) {
        Some(b) => Cow::Borrowed(b),
        None => Cow::Owned(s.to_owned()),
    }
}

/// An element from its start tag; `scratch` collects the attributes, which are then
/// moved into a vector of their exact size.
fn start<'a>(
    src: &'a str,
    s: &quick_xml::events::BytesStart,
    scratch: &mut Vec<(Cow<'a, str>, Cow<'a, str>)>,
) -> Result<Elem<'a>, String> {
    let name = borrow(src, s.name().into_inner());
    scratch.clear();
    let mut it = s.attributes();
    // Duplicates are checked below, on the few attributes of a tag.
    it.with_checks(false);
    for a in it {
        let a = a.map_err(|e| e.to_string())?;
        let key = borrow(src, a.key.into_inner());
        let value = match &a.value {
            v if v.contains('"') => Cow::Owned(v.replace('"', "&quot;")),
            Cow::Borrowed(v) => borrow(src, v),
            Cow::Owned(v) => Cow::Owned(v.clone()),
        };
        scratch.push((key, value));
    }
    for (i, (k, _)) in scratch.iter().enumerate().skip(1) {
        if scratch[..i].iter().any(|(p, _)| p == k) {
            return Err(format!("属性 {k} 重复"));
        }
    }
    Ok(Elem {
        name,
        attrs: exact(scratch),
        children: Vec::new(),
    })
}

/// The items of `scratch` moved into a vector of their exact size (`scratch` keeps
/// its room for the next element).
pub(super) fn exact<T>(scratch: &mut Vec<T>) -> Vec<T> {
    let mut v = Vec::with_capacity(scratch.len());
    v.append(scratch);
    v
}

/// Serialise a part. Parts without a declaration get the standard one.
pub(super) fn write(doc: &XmlDoc) -> Vec<u8> {
    write_sized(doc, 4096)
}

/// [`write`] into a buffer made with room for `capacity` bytes.
pub(super) fn write_sized(doc: &XmlDoc, capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity);
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
