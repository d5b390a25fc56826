//! The one shape of an output, and the one writer.
//!
//! An [`Output`] is a name and a function from a [`Job`] (the ledger, the templates,
//! the output folder, the dates on notices) to the files it makes, each a [`Rendered`]:
//! a path relative to the output folder and either bytes in memory or, for a large
//! output (ledger.json, the workbook), a file already streamed to a staged name in the
//! output folder. [`write_all`] stages what is still in memory, then renames every file
//! into place, in order.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::model::Ledger;
use crate::render::error::RenderError;
use crate::render::manifest::{edited_copy_path, hash_bytes, hash_file, MadeFrom, MANIFEST};
use crate::render::reuse::{Key, Reuse};
use crate::render::templates::Templates;
use crate::render::write::Staged;

/// What every output renders from.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    pub ledger: &'a Ledger,
    pub templates: &'a Templates,
    /// Where the files go; a streamed output stages its file here.
    pub out_dir: &'a Path,
    /// The date on the checklist notices (`--date`; else the plan's notice date).
    pub notice_date: NaiveDate,
    /// The date on the reminders (`--date`; else the ledger's as-of date).
    pub reminder_date: NaiveDate,
    /// The documents of the last run in `out_dir` that may stand (`reuse.rs`); `None`:
    /// every document is rendered.
    pub reuse: Option<&'a Reuse>,
    /// Where to keep this run's ledger as its round (`rounds/<date>.json`, relative to
    /// `out_dir`): a copy of ledger.json, written and made durable with the outputs but
    /// not one of them (not in the manifest, never removed as stale). Only the ledger
    /// output writes it; `None`: no round is kept.
    pub round: Option<&'a str>,
    /// Where the ledger output publishes the ledger's digest once it has worked out
    /// ledger.json's bytes, for the files made from the ledger alone ([`LedgerKeyed`]);
    /// `None`: no digest (every such file is rendered).
    pub digest: Option<&'a LedgerDigest>,
}

impl<'a> Job<'a> {
    /// What every file of the output `name` is made from besides the code (`reuse.rs`):
    /// the ledger (its digest), the templates and the dates on the documents; a render
    /// reads nothing else. `None` until the ledger's digest is known, or when a template
    /// cannot be read.
    pub(super) fn output_key(&self, name: &str) -> Option<Key> {
        let digest = self.digest?.get()?;
        let templates = self.templates.key()?;
        let dates = (self.notice_date, self.reminder_date);
        Some(Key::of(
            "output",
            &(name, digest, templates.as_str(), dates),
        ))
    }

    /// A job with the default dates.
    pub fn new(ledger: &'a Ledger, templates: &'a Templates, out_dir: &'a Path) -> Job<'a> {
        Job {
            ledger,
            templates,
            out_dir,
            notice_date: ledger.plan.notice_date,
            reminder_date: ledger.as_of,
            reuse: None,
            round: None,
            digest: None,
        }
    }
}

/// The ledger's digest: the SHA-256 of ledger.json as this run writes it. The JSON
/// holds every field of the ledger, with its name, so two ledgers with the same digest
/// are the same ledger; and a file rendered from the ledger alone (the workbook) by the
/// same code (the fingerprint in its [`Key`]) is then the same file. Published by the
/// ledger output (`ledger_json.rs`) as soon as it is worked out, read by [`LedgerKeyed`]
/// while the other outputs render.
#[derive(Debug, Default)]
pub struct LedgerDigest(OnceLock<String>);

impl LedgerDigest {
    /// Publish the digest (the first value stands).
    pub fn publish(&self, digest: &str) {
        let _ = self.0.set(digest.to_string());
    }

    /// The digest, once published.
    pub fn get(&self) -> Option<&str> {
        self.0.get().map(String::as_str)
    }

    /// The key of a file of `kind` made from the ledger alone, once the digest is known.
    fn key(&self, kind: &str) -> Option<Key> {
        self.get().map(|digest| Key::of(kind, &digest))
    }

    /// The content hash of the file of `kind` at `path` the last run left (`reuse`),
    /// when it was made from this ledger and is unchanged since: what this run would
    /// write. `None` while the digest is unknown.
    fn last_made(&self, reuse: &Reuse, path: &str, kind: &str) -> Option<String> {
        reuse.unchanged(path, &self.key(kind)?)
    }
}

/// A file made from the ledger alone (the workbook), rendered before the ledger's
/// digest is known: the ledger output works it out meanwhile. Its key is its kind and the
/// digest. As soon as the digest is published, [`LedgerKeyed::stands`] tells whether
/// the last run left this file from the same key, unchanged since: the renderer may
/// then stop, and [`LedgerKeyed::finish`] leaves that file in place. Otherwise the file
/// is rendered as on a first run (the key is recorded for the next run).
pub struct LedgerKeyed<'j, 'a> {
    job: &'j Job<'a>,
    path: &'static str,
    kind: &'static str,
    /// The last run's file and its content hash, when it stands; decided once the
    /// digest is known.
    last: OnceLock<Option<String>>,
}

impl<'j, 'a> LedgerKeyed<'j, 'a> {
    pub fn new(job: &'j Job<'a>, path: &'static str, kind: &'static str) -> Self {
        LedgerKeyed {
            job,
            path,
            kind,
            last: OnceLock::new(),
        }
    }

    /// The content hash of the last run's file when it is what this run would write:
    /// `None` while the digest is unknown, or when it must be rendered.
    fn last(&self) -> Option<&str> {
        let digest = self.job.digest?;
        digest.get()?;
        self.last
            .get_or_init(|| digest.last_made(self.job.reuse?, self.path, self.kind))
            .as_deref()
    }

    /// Whether the last run's file stands (rendering may stop). Cheap: called as rows
    /// are written.
    pub fn stands(&self) -> bool {
        self.last().is_some()
    }

    /// The output's file: the last run's when it stands (whatever the renderer
    /// returned: it may have stopped), else what the renderer made, keyed by the
    /// ledger's digest.
    pub fn finish<E>(&self, rendered: Result<Rendered, E>) -> Result<Rendered, E> {
        if let Some(hash) = self.last() {
            return Ok(Rendered {
                path: self.path.to_string(),
                body: Body::Unchanged(hash.to_string()),
                key: None,
                by_ledger: Some(self.kind),
                record: false,
            });
        }
        rendered.map(|r| Rendered {
            by_ledger: Some(self.kind),
            ..r
        })
    }
}

/// Every file the output `name` made on the last run, left as it is, when the last run
/// made them all from what this run makes them from ([`Job::output_key`]: the same
/// ledger, templates and dates) and none has changed since: a render would make the
/// same files, so none is rendered, not even to work out its key. `None` otherwise, or
/// while the ledger's digest is not known.
pub(super) fn last_output(job: &Job, name: &str) -> Option<Vec<Rendered>> {
    let reuse = job.reuse?;
    let manifest = reuse.manifest();
    let made = manifest.made_from(name)?;
    if made.key != job.output_key(name)?.as_str() {
        return None;
    }
    let hashes = manifest.files(name)?;
    if hashes.len() != made.files.len() {
        return None;
    }
    made.files
        .iter()
        .map(|path| {
            let hash = hashes.get(path)?;
            (reuse.on_disk(path).as_deref() == Some(hash.as_str())).then(|| Rendered {
                path: path.clone(),
                body: Body::Unchanged(hash.clone()),
                key: manifest.key(name, path).map(Key::recorded),
                by_ledger: None,
                record: false,
            })
        })
        .collect()
}

/// One output: what it is called (commands select outputs by it) and how it renders.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub name: &'static str,
    pub render: fn(&Job) -> Result<Vec<Rendered>, RenderError>,
}

/// A file an output made: its path relative to the output folder, its content, and for
/// a document made from known inputs, their key (`reuse.rs`).
#[derive(Debug)]
pub struct Rendered {
    path: String,
    body: Body,
    key: Option<Key>,
    /// Made from the ledger alone: its key is this kind and the ledger's digest
    /// ([`LedgerKeyed`]), worked out by the writer.
    by_ledger: Option<&'static str>,
    /// A record kept beside the outputs (the round file, [`Job::round`]): written with
    /// them, but not listed, not in the manifest, never removed as stale.
    record: bool,
}

#[derive(Debug)]
enum Body {
    Bytes(Vec<u8>),
    /// A staged file, and its content hash when it was worked out while writing.
    Staged(Staged, Option<String>),
    /// The file the last run wrote is what this run would write: left in place. Holds
    /// its content hash.
    Unchanged(String),
}

impl Rendered {
    /// A file held in memory.
    pub fn bytes(path: impl Into<String>, bytes: Vec<u8>) -> Rendered {
        Rendered {
            path: path.into(),
            body: Body::Bytes(bytes),
            key: None,
            by_ledger: None,
            record: false,
        }
    }

    /// A document made from inputs whose key is `key`: when the job's output folder
    /// holds the file the last run made from the same key, unchanged since, it stays
    /// as it is and `render` is not called; otherwise `render` makes it.
    pub fn document<E>(
        job: &Job,
        path: impl Into<String>,
        key: Key,
        render: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Rendered, E> {
        let path = path.into();
        let body = match job.reuse.and_then(|r| r.unchanged(&path, &key)) {
            Some(hash) => Body::Unchanged(hash),
            None => Body::Bytes(render()?),
        };
        Ok(Rendered {
            path,
            body,
            key: Some(key),
            by_ledger: None,
            record: false,
        })
    }

    /// A file streamed to a staged name beside `path` in the job's output folder now
    /// (it need not sit in memory), renamed into place by the writer.
    pub fn stream<E: From<std::io::Error>>(
        job: &Job,
        path: &str,
        fill: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<(), E>,
    ) -> Result<Rendered, E> {
        let staged = Staged::write_unsynced(&job.out_dir.join(path), fill)?;
        Ok(Rendered {
            path: path.to_string(),
            body: Body::Staged(staged, None),
            key: None,
            by_ledger: None,
            record: false,
        })
    }

    /// [`Rendered::stream`] for a file written front to back (no seeking), hashed as it
    /// is written: the writer need not read a large file back to hash it.
    pub fn stream_hashed(
        job: &Job,
        path: &str,
        fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<Rendered> {
        let mut hash = None;
        let staged = Staged::write_unsynced(&job.out_dir.join(path), |w| {
            // Buffered above the hash, so it is fed in large pieces.
            let mut tee = std::io::BufWriter::with_capacity(1 << 16, HashTee::new(w));
            fill(&mut tee)?;
            hash = Some(tee.into_inner().map_err(|e| e.into_error())?.finish());
            Ok::<(), std::io::Error>(())
        })?;
        Ok(Rendered {
            path: path.to_string(),
            body: Body::Staged(staged, hash),
            key: None,
            by_ledger: None,
            record: false,
        })
    }

    /// The file the last run left at `path`, whose content hash is `hash`: what this
    /// run would write, left in place.
    pub fn unchanged(path: &str, hash: String) -> Rendered {
        Rendered {
            path: path.to_string(),
            body: Body::Unchanged(hash),
            key: None,
            by_ledger: None,
            record: false,
        }
    }

    /// A record ([`Job::round`]) at `path` holding the same bytes as `of`, a file this
    /// run has just staged or left as the last run wrote it: copied by the kernel (at
    /// city scale it is hundreds of MB), not made a second time. `None` when `of` is
    /// held in memory.
    pub fn record_copy(job: &Job, path: &str, of: &Rendered) -> std::io::Result<Option<Rendered>> {
        let from = match &of.body {
            Body::Staged(from, _) => from.staged_path().to_path_buf(),
            Body::Unchanged(_) => job.out_dir.join(&of.path),
            Body::Bytes(_) => return Ok(None),
        };
        let staged = Staged::write_unsynced(&job.out_dir.join(path), |w| {
            let mut from = std::fs::File::open(&from)?;
            std::io::copy(&mut from, w).map(drop)
        })?;
        Ok(Some(Rendered {
            path: path.to_string(),
            body: Body::Staged(staged, of.content_hash().map(String::from)),
            key: None,
            by_ledger: None,
            record: true,
        }))
    }

    /// Its content hash, when it was worked out while writing or is the last run's.
    pub fn content_hash(&self) -> Option<&str> {
        match &self.body {
            Body::Staged(_, hash) => hash.as_deref(),
            Body::Unchanged(hash) => Some(hash),
            Body::Bytes(_) => None,
        }
    }

    /// The path relative to the output folder.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The content, when it is held in memory.
    pub fn content(&self) -> Option<&[u8]> {
        match &self.body {
            Body::Bytes(b) => Some(b),
            Body::Staged(..) | Body::Unchanged(_) => None,
        }
    }
}

/// What the writer did: the files written (relative to the output folder, in order,
/// including those left as the last run wrote them), of those the ones left unchanged,
/// the files of an earlier run it removed because no output writes them now, and the
/// edited files it kept beside as dated copies (original path, copy path).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Written {
    pub files: Vec<String>,
    pub unchanged: Vec<String>,
    pub removed: Vec<String>,
    pub kept_edits: Vec<(String, String)>,
}

impl Written {
    /// What a command tells the user besides the files written (Chinese, one line each).
    pub fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.unchanged.is_empty() {
            out.push(format!(
                "其中{}个文件与上次生成的完全相同，保留原文件，未重新写入。",
                self.unchanged.len()
            ));
        }
        if !self.removed.is_empty() {
            out.push(format!(
                "已删除上次生成、本次不再生成的文件{}个：{}",
                self.removed.len(),
                self.removed.join("、")
            ));
        }
        for (orig, copy) in &self.kept_edits {
            out.push(format!(
                "注意：{orig} 在上次生成后被修改过，修改后的文件已另存为 {copy}，原位置已写入新生成的文件。"
            ));
        }
        out
    }
}

/// The content hash (SHA-256, as the manifest keeps) of what `fill` writes, without
/// writing it anywhere.
pub fn hash_of(
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<String> {
    // Buffered above the hash, so it is fed in large pieces.
    let mut tee = std::io::BufWriter::with_capacity(1 << 16, HashTee::new(std::io::sink()));
    fill(&mut tee)?;
    Ok(tee.into_inner().map_err(|e| e.into_error())?.finish())
}

/// A writer that hashes what passes through it (SHA-256, as the manifest keeps).
struct HashTee<W> {
    inner: W,
    hash: sha2::Sha256,
}

impl<W: Write> HashTee<W> {
    fn new(inner: W) -> HashTee<W> {
        HashTee {
            inner,
            hash: sha2::Sha256::default(),
        }
    }

    /// The hash of everything written, as hex.
    fn finish(self) -> String {
        use sha2::Digest;
        crate::render::manifest::hex(&self.hash.finalize())
    }
}

impl<W: Write> Write for HashTee<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use sha2::Digest;
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Path relative to the output folder → a hash.
type Paths = BTreeMap<String, String>;

/// A file of an output once staged ([`stage`]): what the writer places.
pub(super) struct StagedFile {
    path: String,
    /// `None`: the file the last run wrote stands as it is.
    file: Option<Staged>,
    /// Its content hash (empty when not known: a record copied from a file whose hash
    /// was not worked out; the manifest does not keep records).
    hash: String,
    key: Option<Key>,
    by_ledger: Option<&'static str>,
    record: bool,
}

/// Stage every file of an output (one held in memory written under a temporary name),
/// each with its content hash, in parallel: called as each output finishes rendering,
/// so its files are written and hashed while the other outputs still render. A file
/// not committed by [`write_all`] is removed when dropped.
pub(super) fn stage(out_dir: &Path, files: Vec<Rendered>) -> Result<Vec<StagedFile>, RenderError> {
    files
        .into_par_iter()
        .map(|f| {
            let (file, hash) = match f.body {
                Body::Bytes(bytes) => {
                    let path = out_dir.join(&f.path);
                    let staged = Staged::write_unsynced(&path, |w| w.write_all(&bytes))
                        .map_err(RenderError::write(&path))?;
                    (Some(staged), hash_bytes(&bytes))
                }
                Body::Staged(s, known) => {
                    let hash = match known {
                        Some(hash) => hash,
                        None if f.record => String::new(),
                        None => hash_file(s.staged_path()).unwrap_or_default(),
                    };
                    (Some(s), hash)
                }
                Body::Unchanged(hash) => (None, hash),
            };
            Ok(StagedFile {
                path: f.path,
                file,
                hash,
                key: f.key,
                by_ledger: f.by_ledger,
                record: f.record,
            })
        })
        .collect()
}

/// Write each output's staged files into `out_dir`: the updated manifest
/// (`manifest.rs`) is staged with them and one sync makes them all durable; then files
/// the clerk edited since the last run are moved aside to dated copies, every file is
/// renamed into place in order (a document left as the last run wrote it, `reuse.rs`,
/// stays as it is), files the same outputs wrote last time and do not write now are
/// removed, and the manifest is renamed into place last. A failure before the renames
/// leaves the folder as it was (the staged files are removed). `last`: what the last
/// run left in the folder (perhaps already hashed); `digest`: the ledger's, for the
/// keys of files made from the ledger alone. Each output comes with its key as a whole
/// (`Job::output_key`), recorded in the manifest with its files' order.
pub(super) fn write_all(
    out_dir: &Path,
    outputs: Vec<(&str, Vec<StagedFile>, Option<Key>)>,
    last: &Reuse,
    digest: &LedgerDigest,
) -> Result<Written, RenderError> {
    // Each file in order: its path, and its staged file (`None`: left as it is).
    let mut placed: Vec<(String, Option<Staged>)> = Vec::new();
    // Records (`Job::round`): renamed into place with the outputs, nothing more.
    let mut records: Vec<Staged> = Vec::new();
    // Their paths and content hashes (when known), for the memo of hashes.
    let mut record_hashes: Vec<(String, String)> = Vec::new();
    // Per output: its name, each file's content hash, each document's key, and what
    // all its files were made from.
    let mut groups: Vec<(&str, Paths, Paths, Option<MadeFrom>)> = Vec::new();
    for (name, files, made_from) in outputs {
        let mut hashes = BTreeMap::new();
        let mut keys = BTreeMap::new();
        let mut order = Vec::with_capacity(files.len());
        for f in files {
            if f.record {
                record_hashes.push((f.path, f.hash));
                records.extend(f.file);
                continue;
            }
            let key = f.key.or_else(|| digest.key(f.by_ledger?));
            let (mut file, mut hash) = (f.file, f.hash);
            // A file made from the ledger alone that was finished before the ledger's
            // digest came: when the last run's stands after all (the same key: the same
            // bytes), it stays in place and this one is dropped, as if the render had
            // stopped in time. The outcome does not hang on the threads' timing.
            if let (Some(_), Some(kind)) = (&file, f.by_ledger) {
                if let Some(last_hash) = digest.last_made(last, &f.path, kind) {
                    (file, hash) = (None, last_hash);
                }
            }
            hashes.insert(f.path.clone(), hash);
            if let Some(k) = key {
                keys.insert(f.path.clone(), k.as_str().to_string());
            }
            order.push(f.path.clone());
            placed.push((f.path, file));
        }
        let made_from = made_from.map(|key| MadeFrom {
            key: key.as_str().to_string(),
            files: order,
        });
        groups.push((name, hashes, keys, made_from));
    }
    // The manifest as it will be, staged with the files.
    let mut manifest = last.manifest().clone();
    for (name, hashes, keys, made_from) in &groups {
        manifest.set(name, hashes.clone(), keys.clone(), made_from.clone());
    }
    let manifest_path = out_dir.join(MANIFEST);
    // Every file left as the last run wrote it and the manifest as the last run left it
    // (read when the run began): nothing to write, sync or rename (a rerun with the same
    // returns). With the same manifest no file is stale; with every file left in place
    // none was edited.
    let nothing_new = placed.iter().all(|(_, s)| s.is_none()) && records.is_empty();
    let manifest_file = if nothing_new && manifest == *last.manifest() {
        None
    } else {
        let bytes = manifest.to_bytes();
        let staged = Staged::write_unsynced(&manifest_path, |w| w.write_all(&bytes))
            .map_err(RenderError::write(&manifest_path))?;
        // One sync for every staged file, before the first rename.
        let files = placed.iter().filter_map(|(_, s)| s.as_ref());
        crate::render::write::sync_all_staged(out_dir, files.chain(&records).chain([&staged]))
            .map_err(RenderError::write(out_dir))?;
        Some(staged)
    };
    let mut written = Written::default();
    let left: BTreeSet<&str> = placed
        .iter()
        .filter(|(_, s)| s.is_none())
        .map(|(p, _)| p.as_str())
        .collect();
    let now: BTreeSet<&String> = groups.iter().flat_map(|(_, h, ..)| h.keys()).collect();
    let mut stale = Vec::new();
    for (name, hashes, ..) in &groups {
        let Some(before) = last.manifest().files(name) else {
            continue;
        };
        for (path, old_hash) in before {
            if left.contains(path.as_str()) {
                // Checked unchanged when it was found reusable.
                continue;
            }
            let full = out_dir.join(path);
            let Some(disk) = last.on_disk(path) else {
                continue;
            };
            if disk != *old_hash {
                // Edited since the tool wrote it: keep the clerk's copy.
                let copy = edited_copy_path(&full);
                std::fs::rename(&full, &copy).map_err(RenderError::write(&full))?;
                let rel = copy
                    .strip_prefix(out_dir)
                    .unwrap_or(&copy)
                    .to_string_lossy()
                    .replace('\\', "/");
                written.kept_edits.push((path.clone(), rel));
            } else if !hashes.contains_key(path) && !now.contains(path) {
                stale.push(path.clone());
            }
        }
    }
    for (name, file) in placed {
        match file {
            Some(file) => {
                let path = file.path().to_path_buf();
                file.commit().map_err(RenderError::write(path))?;
            }
            None => written.unchanged.push(name.clone()),
        }
        written.files.push(name);
    }
    for file in records {
        let path = file.path().to_path_buf();
        file.commit().map_err(RenderError::write(path))?;
    }
    for path in stale {
        let full = out_dir.join(&path);
        std::fs::remove_file(&full).map_err(RenderError::write(&full))?;
        if let Some(dir) = full.parent().filter(|d| *d != out_dir) {
            // Only succeeds when the folder is now empty.
            let _ = std::fs::remove_dir(dir);
        }
        written.removed.push(path);
    }
    if let Some(file) = manifest_file {
        file.commit().map_err(RenderError::write(&manifest_path))?;
    }
    // The next run need not read these files again to know their hashes.
    let now = groups
        .iter()
        .flat_map(|(_, hashes, ..)| hashes.iter())
        .chain(record_hashes.iter().map(|(p, h)| (p, h)));
    last.save_memo(now.map(|(p, h)| (p.as_str(), h.as_str())));
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{select, write_outputs};

    #[test]
    fn an_output_made_from_the_same_inputs_and_untouched_stands_as_a_whole() {
        let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("input");
        let plan = crate::plan::load_plan(&input).unwrap();
        let ledger = crate::pipeline::build_ledger(&plan, &input.join("returns"));
        let templates = Templates::new(None);
        let out = tempfile::tempdir().unwrap();
        let first = Job::new(&ledger, &templates, out.path());
        write_outputs(&first, &select(&["ledger", "checklists", "reminders"])).unwrap();
        let reuse = Reuse::load(out.path());
        let digest = LedgerDigest::default();
        let job = Job {
            reuse: Some(&reuse),
            digest: Some(&digest),
            ..first
        };
        // The ledger's digest not yet known: nothing is known to stand.
        assert!(last_output(&job, "checklists").is_none());
        let json = std::fs::read(out.path().join(crate::render::LEDGER_JSON)).unwrap();
        digest.publish(&hash_bytes(&json));
        // Known, and the same: every file stands, in the order the output made them,
        // with each document's key and content hash as the last run recorded them.
        let files = last_output(&job, "checklists").expect("the checklists stand");
        let manifest = reuse.manifest();
        let made = manifest.made_from("checklists").unwrap();
        assert!(files.len() > 40, "{}", files.len());
        let paths: Vec<&str> = files.iter().map(Rendered::path).collect();
        assert_eq!(paths, made.files);
        assert!(paths[0].ends_with(".xlsx") && paths[1].ends_with(".docx"));
        for f in &files {
            assert!(f.content().is_none());
            assert_eq!(f.content_hash(), manifest.hash(f.path()));
            assert_eq!(
                f.key.as_ref().map(Key::as_str),
                manifest.key("checklists", f.path())
            );
        }
        // Other dates on the documents: made again.
        let later = Job {
            reminder_date: first.reminder_date.succ_opt().unwrap(),
            ..job
        };
        assert!(last_output(&later, "reminders").is_none());
        assert!(last_output(&later, "checklists").is_none());
        // Other templates: made again.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notice.tera"), "@p 另一份通知。\n").unwrap();
        let other = Templates::new(Some(dir.path()));
        let edited_templates = Job {
            templates: &other,
            ..job
        };
        assert!(last_output(&edited_templates, "checklists").is_none());
        // Another ledger: made again.
        let another = LedgerDigest::default();
        another.publish(&hash_bytes(b"another ledger"));
        let another_ledger = Job {
            digest: Some(&another),
            ..job
        };
        assert!(last_output(&another_ledger, "checklists").is_none());
        // One file edited since: the output is made again (each document then stands
        // or not by its own key).
        assert!(last_output(&job, "reminders").is_some());
        let reminder = out
            .path()
            .join(&manifest.made_from("reminders").unwrap().files[0]);
        std::fs::write(&reminder, b"edited").unwrap();
        let reuse = Reuse::load(out.path());
        let edited = Job {
            reuse: Some(&reuse),
            ..job
        };
        assert!(last_output(&edited, "reminders").is_none());
        assert!(last_output(&edited, "checklists").is_some());
    }
}
