//! Raw HTML policy.
//!
//! Articles are Markdown only: raw HTML (block or inline) is an error, so a
//! stray `<script>` or `<iframe>` can never reach the page, and the rendered
//! HTML the web app injects stays trustworthy. The renderer also escapes the
//! rejected markup as text, so even output written despite errors is inert.
//! HTML comments are the one exception: they are dropped silently, because
//! writers use them for notes to each other and they never render anyway.

/// Longest excerpt of rejected markup quoted in an error message.
const EXCERPT_CHARS: usize = 60;

/// What to do with a piece of raw HTML from the Markdown parser.
#[derive(Debug, PartialEq, Eq)]
pub enum RawHtml {
    /// An HTML comment: drop it.
    Comment,
    /// Anything else: reject it (and render it as escaped text).
    Rejected { excerpt: String },
}

/// Classifies one inline HTML event or one whole HTML block.
pub fn classify(html: &str) -> RawHtml {
    let trimmed = html.trim();
    let is_one_comment = trimmed.starts_with("<!--")
        && trimmed.ends_with("-->")
        && trimmed.find("-->") == Some(trimmed.len() - 3);
    if is_one_comment {
        return RawHtml::Comment;
    }
    let first_line = trimmed.lines().next().unwrap_or_default();
    let mut excerpt: String = first_line.chars().take(EXCERPT_CHARS).collect();
    if first_line.chars().count() > EXCERPT_CHARS || trimmed.lines().nth(1).is_some() {
        excerpt.push('…');
    }
    RawHtml::Rejected { excerpt }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_dropped_and_everything_else_rejected() {
        assert_eq!(classify("<!-- note for reviewers -->\n"), RawHtml::Comment);
        assert_eq!(classify("<!--\nmulti\nline\n-->"), RawHtml::Comment);
        assert_eq!(
            classify("<script>alert(1)</script>"),
            RawHtml::Rejected {
                excerpt: "<script>alert(1)</script>".to_string()
            }
        );
        assert_eq!(
            classify("<!-- a --><img src=x onerror=alert(1)>"),
            RawHtml::Rejected {
                excerpt: "<!-- a --><img src=x onerror=alert(1)>".to_string()
            }
        );
        assert_eq!(
            classify("<div>\nhello\n</div>"),
            RawHtml::Rejected {
                excerpt: "<div>…".to_string()
            }
        );
    }
}
