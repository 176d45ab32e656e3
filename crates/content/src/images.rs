//! Images: only local files under `content/images/`, copied next to the
//! site data (every asset is served from the site's own origin).

use std::fs;
use std::path::Path;

use super::error::{ContentError, ErrorKind};
use super::escape::escape_html;
use faultline_site_data::IMAGES_DIR;

const EXTENSIONS: [&str; 7] = ["avif", "gif", "jpeg", "jpg", "png", "svg", "webp"];

/// The path below `content/images/` that an image source names.
///
/// Writers may write `images/x.png` (relative to `content/`) or
/// `../images/x.png` (relative to the article, which also previews in
/// editors). Remote images, absolute paths and `..` escapes are rejected.
pub fn image_name(src: &str) -> Result<String, ErrorKind> {
    let invalid = |reason: &str| ErrorKind::InvalidImage {
        src: src.to_string(),
        reason: reason.to_string(),
    };
    let Some(name) = src
        .strip_prefix("images/")
        .or_else(|| src.strip_prefix("../images/"))
    else {
        return Err(invalid(
            "images must be local files written as images/NAME (under content/images/)",
        ));
    };
    let safe_parts = name.split('/').all(|part| {
        !part.is_empty()
            && !part.starts_with('.')
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    });
    if !safe_parts {
        return Err(invalid(
            "use letters, digits, `-`, `_` and `.` in image paths, with no `..`",
        ));
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase());
    if !extension.is_some_and(|extension| EXTENSIONS.contains(&extension.as_str())) {
        return Err(invalid(&format!(
            "the file type must be one of {}",
            EXTENSIONS.join(", ")
        )));
    }
    Ok(name.to_string())
}

/// The `<img>` tag; `src` is base-relative (`data/images/NAME`).
pub fn render(name: &str, alt: &str, title: &str) -> String {
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape_html(title))
    };
    format!(
        "<img src=\"data/{IMAGES_DIR}/{}\" alt=\"{}\"{title} loading=\"lazy\">",
        escape_html(name),
        escape_html(alt)
    )
}

/// Every file below `images_dir` as a `/`-separated relative path, sorted.
/// A missing directory simply has no images.
pub fn list(images_dir: &Path) -> Result<Vec<String>, ContentError> {
    let mut names = Vec::new();
    if images_dir.is_dir() {
        collect(images_dir, "", &mut names)?;
    }
    names.sort();
    Ok(names)
}

fn collect(dir: &Path, prefix: &str, names: &mut Vec<String>) -> Result<(), ContentError> {
    let io_error = |error: std::io::Error| {
        ContentError::new(
            dir,
            None,
            ErrorKind::Io {
                detail: error.to_string(),
            },
        )
    };
    for entry in fs::read_dir(dir).map_err(io_error)? {
        let entry = entry.map_err(io_error)?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with('.') {
            continue;
        }
        let relative = format!("{prefix}{file_name}");
        let file_type = entry.file_type().map_err(io_error)?;
        if file_type.is_dir() {
            collect(&entry.path(), &format!("{relative}/"), names)?;
        } else if file_type.is_file() {
            names.push(relative);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_local_images_only() {
        assert_eq!(image_name("images/queue.svg"), Ok("queue.svg".to_string()));
        assert_eq!(
            image_name("../images/diagrams/chain-1.png"),
            Ok("diagrams/chain-1.png".to_string())
        );
        for src in [
            "https://example.org/x.png",
            "/images/x.png",
            "images/../secret.png",
            "images/.hidden.png",
            "images/x.exe",
            "images/x",
            "images/a b.png",
            "x.png",
        ] {
            assert!(
                matches!(image_name(src), Err(ErrorKind::InvalidImage { .. })),
                "{src}"
            );
        }
    }

    #[test]
    fn renders_base_relative_lazy_images() {
        assert_eq!(
            render("q.svg", "A \"queue\"", ""),
            "<img src=\"data/images/q.svg\" alt=\"A &quot;queue&quot;\" loading=\"lazy\">"
        );
    }
}
