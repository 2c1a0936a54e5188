//! The layering invariant of ARCHITECTURE.md, checked: calculators, file formats, charts, routes
//! and inputs are plain Rust. This test fails if one of them names web or storage code.

use std::fs;
use std::path::{Path, PathBuf};

/// Modules that must stay free of web dependencies, relative to `src/`.
const PLAIN_RUST: &[&str] = &["calc", "chart", "formats", "route.rs", "inputs"];

/// Names that mean a module depends on the browser, the UI or storage.
const FORBIDDEN: &[&str] = &[
    "leptos",
    "web_sys",
    "wasm_bindgen",
    "js_sys",
    "gloo",
    "crate::app",
    "crate::storage",
];

fn rust_files(path: &Path, found: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in fs::read_dir(path).expect("readable source folder") {
            rust_files(&entry.expect("readable entry").path(), found);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        found.push(path.to_path_buf());
    }
}

#[test]
fn plain_rust_modules_import_no_web_code() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for module in PLAIN_RUST {
        let path = src.join(module);
        assert!(
            path.exists(),
            "{} is listed as plain Rust but does not exist",
            path.display()
        );
        rust_files(&path, &mut files);
    }
    assert!(
        files.len() >= 6,
        "expected the calculator files, found {files:?}"
    );

    let mut offences = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("readable source file");
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for word in FORBIDDEN {
                if code.contains(word) {
                    offences.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "web code in plain-Rust modules:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_check_itself_catches_an_import() {
    // Guards the guard: the line filter above must see a real import.
    let line = "use leptos::prelude::*;";
    assert!(!line.trim_start().starts_with("//"));
    assert!(FORBIDDEN.iter().any(|w| line.contains(w)));
}

/// Regression: a damaged saved `headroom.capacity` was backed up, but its notice was passed on
/// as its text alone (`notices.push(notice.message)`), which drops the key of the backup, so the
/// notice had no "Download the unreadable data" button that every other tab's has. A storage
/// notice is passed on whole (`notices.report(notice)`).
#[test]
fn storage_notices_keep_their_download() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app"),
        &mut files,
    );
    assert!(files.len() >= 6, "expected the components, found {files:?}");
    let offences: Vec<String> = files
        .iter()
        .flat_map(|file| {
            let text = fs::read_to_string(file).expect("readable source file");
            text.lines()
                .enumerate()
                .filter(|(_, line)| line.replace(' ', "").contains("push(notice.message"))
                .map(|(n, line)| format!("{}:{}: {}", file.display(), n + 1, line.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        offences.is_empty(),
        "a storage notice passed on without its download:\n{}",
        offences.join("\n")
    );
}
