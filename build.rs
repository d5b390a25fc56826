//! The render fingerprint: one SHA-256 over the source (`src/`), the default templates
//! (`templates/`) and `Cargo.lock` (the versions of docx-rs, rust_xlsxwriter…), passed
//! to the crate as `RECTIFY_RENDER_FINGERPRINT`.
//!
//! A document the last run wrote is reused only when it was made from the same inputs
//! by the same code (`render::output::Reuse`); this value is "the same code". It is a
//! hash of the source, not of the build, so the same checkout gives the same output
//! folder manifest on every machine.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut all = Vec::new();
    for dir in ["src", "templates"] {
        files(&root.join(dir), &mut all);
        println!("cargo:rerun-if-changed={dir}");
    }
    all.push(root.join("Cargo.lock"));
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut rel: Vec<(String, PathBuf)> = all
        .into_iter()
        .map(|p| {
            let r = p
                .strip_prefix(&root)
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            (r, p)
        })
        .collect();
    rel.sort();
    let mut h = Sha256::new();
    for (name, path) in rel {
        // A file that cannot be read still counts, by its name.
        let bytes = std::fs::read(&path).unwrap_or_default();
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=RECTIFY_RENDER_FINGERPRINT={hex}");
}
