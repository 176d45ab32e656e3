//! Writing the built site to the output directory.
//!
//! Idempotent: a file whose bytes are unchanged is not touched (so file
//! watchers do not rebuild for nothing), and files written by a
//! previous build that this build no longer produces (a renamed article,
//! a deleted preset) are removed. Only files listed in the previous build's
//! manifest are ever removed, so pointing `--out` at the wrong directory
//! cannot delete anything else.

use std::fs;
use std::path::{Component, Path};

use serde::{Deserialize, Serialize};

use super::error::{ContentError, ErrorKind};
use super::site::Site;
use super::source::io_error;

/// Lists the files the last build wrote (relative to the output directory).
pub const MANIFEST_PATH: &str = "manifest.json";

#[derive(Serialize, Deserialize, Default)]
struct Manifest {
    files: Vec<String>,
}

/// What [`write_site`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Total size of the site's files.
    pub bytes: u64,
}

pub fn write_site(site: &Site, out_dir: &Path) -> Result<WriteReport, ContentError> {
    let files = site.files().map_err(|error| {
        ContentError::new(
            out_dir,
            None,
            ErrorKind::Io {
                detail: format!("cannot serialise the site data: {error}"),
            },
        )
    })?;
    let previous = read_manifest(&out_dir.join(MANIFEST_PATH));

    let mut report = WriteReport::default();
    for (relative, bytes) in &files {
        report.bytes += bytes.len() as u64;
        if write_if_changed(&out_dir.join(relative), bytes)? {
            report.written += 1;
        } else {
            report.unchanged += 1;
        }
    }
    for relative in previous.files {
        if files.contains_key(&relative) || !is_safe_relative(&relative) {
            continue;
        }
        let path = out_dir.join(&relative);
        if path.is_file() {
            fs::remove_file(&path).map_err(|error| io_error(&path, &error))?;
            report.removed += 1;
        }
    }
    let manifest = Manifest {
        files: files.keys().cloned().collect(),
    };
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    write_if_changed(&out_dir.join(MANIFEST_PATH), &manifest_bytes)?;
    Ok(report)
}

/// A missing or unreadable manifest means nothing to clean up.
fn read_manifest(path: &Path) -> Manifest {
    fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// A plain relative path with no `..`: safe to delete below the output dir.
fn is_safe_relative(relative: &str) -> bool {
    let path = Path::new(relative);
    !relative.is_empty()
        && path
            .components()
            .all(|component| matches!(component, Component::Normal(_)))
}

/// Writes through a temporary file and a rename, so a reader never sees a
/// half-written file. Returns whether anything was written.
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool, ContentError> {
    if fs::read(path).is_ok_and(|existing| existing == bytes) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|error| io_error(parent, &error))?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = Path::new(&temporary);
    fs::write(temporary, bytes).map_err(|error| io_error(temporary, &error))?;
    fs::rename(temporary, path).map_err(|error| io_error(path, &error))?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_removable() {
        assert!(is_safe_relative("articles/a.json"));
        assert!(!is_safe_relative("../a.json"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("articles/../../a"));
        assert!(!is_safe_relative(""));
    }
}
