//! What the pass remembers per thread about the parts it has finished, by their bytes.
//!
//! Every notice and reminder of a run carries the same styles, settings, numbering,
//! footers, footnotes and comments parts, byte for byte; only the main document differs.
//! Finishing a part is a function of its bytes and of a little context (the fonts the
//! whole package uses, for the font table; whether its text is Chinese, for the styles;
//! the first free drawing id), so the pass keeps, per part bytes, what it scanned (fonts
//! used, Chinese text) and its finished bytes per context, and parses and walks a part
//! only the first time. The result is the same bytes as a fresh walk by construction.
//! It also keeps each part's deflated zip entry (`package.rs`), so a part shared by
//! every document is deflated once per thread.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use super::fonts::Usage;
use super::order::WalkStats;

/// The memo is emptied when the parts it holds pass this size.
const MAX_TOTAL: usize = 8 * 1024 * 1024;
/// Parts larger than this are not remembered.
pub(super) const MAX_PART: usize = 256 * 1024;

/// What finishing a part depends on besides its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Ctx {
    /// Drawing ids given so far in the package (the part's first is one more).
    pub doc_pr_start: u32,
    /// For the font table: every font the package uses.
    pub fonts: Option<BTreeSet<String>>,
    /// For the styles part: the package's text is Chinese (the default language is set).
    pub lang: bool,
}

/// A part finished in one context.
#[derive(Debug)]
pub(super) struct Finished {
    pub bytes: Vec<u8>,
    pub stats: WalkStats,
}

/// What the pass learnt from a part's bytes.
#[derive(Debug)]
pub(super) struct Scan {
    /// None when the part is not a WordprocessingML part the schema table knows (left
    /// as it is).
    pub wml: Option<WmlScan>,
}

#[derive(Debug)]
pub(super) struct WmlScan {
    /// The fonts the part uses and whether its text is Chinese.
    pub usage: Usage,
    pub finished: Vec<(Ctx, Rc<Finished>)>,
}

/// A part's name, and a zip holding the part as its one entry.
type NamedEntry = (String, Rc<Vec<u8>>);

#[derive(Default)]
struct Memo {
    parts: HashMap<Vec<u8>, Scan>,
    /// Part bytes → the zip entries made of them.
    deflated: HashMap<Vec<u8>, Vec<NamedEntry>>,
    bytes: usize,
}

impl Memo {
    /// Room for `size` more bytes: everything is forgotten when the memo would pass
    /// [`MAX_TOTAL`].
    fn make_room(&mut self, size: usize) {
        if self.bytes + size > MAX_TOTAL {
            *self = Memo::default();
        }
        self.bytes += size;
    }
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// Run `f` on the scan of `bytes` when remembered.
pub(super) fn with_scan<T>(bytes: &[u8], f: impl FnOnce(&Scan) -> T) -> Option<T> {
    MEMO.with(|m| m.borrow().parts.get(bytes).map(f))
}

/// Remember the scan of `bytes` (a part up to [`MAX_PART`]).
pub(super) fn remember_scan(bytes: &[u8], scan: Scan) {
    if bytes.len() > MAX_PART {
        return;
    }
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        m.make_room(bytes.len());
        m.parts.insert(bytes.to_vec(), scan);
    })
}

/// The zip entry of the part `name` with these `bytes`, when remembered.
pub(super) fn deflated(bytes: &[u8], name: &str) -> Option<Rc<Vec<u8>>> {
    MEMO.with(|m| {
        let m = m.borrow();
        let entries = m.deflated.get(bytes)?;
        entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, e)| Rc::clone(e))
    })
}

/// Remember the zip entry of the part `name` with these `bytes` (a part up to
/// [`MAX_PART`]).
pub(super) fn remember_deflated(bytes: &[u8], name: &str, entry: Rc<Vec<u8>>) {
    if bytes.len() > MAX_PART {
        return;
    }
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        m.make_room(name.len() + bytes.len() + entry.len());
        m.deflated
            .entry(bytes.to_vec())
            .or_default()
            .push((name.to_string(), entry));
    })
}

/// The part's finished bytes in `ctx`, when remembered.
pub(super) fn finished(bytes: &[u8], ctx: &Ctx) -> Option<Rc<Finished>> {
    MEMO.with(|m| {
        let m = m.borrow();
        let wml = m.parts.get(bytes)?.wml.as_ref()?;
        wml.finished
            .iter()
            .find(|(c, _)| c == ctx)
            .map(|(_, f)| Rc::clone(f))
    })
}

/// Remember the part's finished bytes in `ctx` (when its scan is remembered).
pub(super) fn remember_finished(bytes: &[u8], ctx: Ctx, finished: Rc<Finished>) {
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        let size = finished.bytes.len();
        if m.bytes + size > MAX_TOTAL {
            return; // emptied at the next scan
        }
        if let Some(wml) = m.parts.get_mut(bytes).and_then(|s| s.wml.as_mut()) {
            wml.finished.push((ctx, finished));
            m.bytes += size;
        }
    })
}
