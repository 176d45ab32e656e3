//! `content/checklist.toml`, validated by the checklist module itself.

use std::path::{Path, PathBuf};

use super::error::{ContentError, ErrorKind};
use super::source::read_text;
use faultline_checklist::Checklist;

/// The checklist and where it came from (for cross-reference errors).
#[derive(Debug, Clone)]
pub struct LoadedChecklist {
    pub checklist: Checklist,
    pub path: PathBuf,
    /// The TOML text, to point errors at the line of an item.
    pub text: String,
}

pub fn load(path: &Path) -> Result<LoadedChecklist, ContentError> {
    let text = read_text(path)?;
    match Checklist::from_toml_str(&text) {
        Ok(checklist) => Ok(LoadedChecklist {
            checklist,
            path: path.to_path_buf(),
            text,
        }),
        Err(error) => Err(ContentError::new(
            path,
            None,
            ErrorKind::InvalidChecklist {
                detail: error.to_string(),
            },
        )),
    }
}
