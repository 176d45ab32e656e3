//! Reading files from `content/`.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::{ContentError, ErrorKind};

pub fn io_error(path: &Path, error: &std::io::Error) -> ContentError {
    ContentError::new(
        path,
        None,
        ErrorKind::Io {
            detail: error.to_string(),
        },
    )
}

/// A text file with `\n` line endings and no byte-order mark.
pub fn read_text(path: &Path) -> Result<String, ContentError> {
    let text = fs::read_to_string(path).map_err(|error| io_error(path, &error))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(text.replace("\r\n", "\n"))
}

/// Files in `dir` with the given extension, as (file stem, path), sorted by
/// name. File names that are not UTF-8 are reported.
pub fn files_with_extension(
    dir: &Path,
    extension: &str,
) -> Result<Vec<(String, PathBuf)>, ContentError> {
    let entries = fs::read_dir(dir).map_err(|error| io_error(dir, &error))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| io_error(dir, &error))?;
        let path = entry.path();
        if !path.is_file() || path.extension().and_then(|ext| ext.to_str()) != Some(extension) {
            continue;
        }
        match path.file_stem().and_then(|stem| stem.to_str()) {
            Some(stem) => files.push((stem.to_string(), path.clone())),
            None => {
                return Err(ContentError::new(
                    &path,
                    None,
                    ErrorKind::InvalidFileName {
                        name: path.display().to_string(),
                        reason: "file names must be UTF-8".to_string(),
                    },
                ))
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Like [`files_with_extension`], but reports a failure into `errors` and
/// returns no files.
pub fn files_or_report(
    dir: &Path,
    extension: &str,
    errors: &mut Vec<ContentError>,
) -> Vec<(String, PathBuf)> {
    files_with_extension(dir, extension).unwrap_or_else(|error| {
        errors.push(error);
        Vec::new()
    })
}

/// The 1-based line of the first occurrence of `needle` in `text`.
pub fn line_of(text: &str, needle: &str) -> Option<usize> {
    let offset = text.find(needle)?;
    Some(text[..offset].matches('\n').count() + 1)
}
