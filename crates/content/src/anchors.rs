//! Heading anchors and slugs.
//!
//! The anchor rule (team brief): the heading text lower-cased,
//! non-alphanumerics replaced by `-`, runs collapsed, trimmed; a repeated
//! heading gets `-2`, `-3`, ... so every id on a page is unique.

use std::collections::HashSet;

/// Anchor used when a heading has no letters or digits at all.
const FALLBACK_ANCHOR: &str = "section";

/// `## Retry budgets` → `retry-budgets`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// A kebab-case identifier: lower-case ASCII letters and digits in groups
/// joined by single dashes (article slugs, preset ids, item names).
pub fn is_kebab(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Ids the renderer uses itself (footnotes); headings never take them.
pub fn is_reserved(id: &str) -> bool {
    fn digits(text: &str) -> bool {
        !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
    }
    if id == "footnotes" {
        return true;
    }
    if let Some(rest) = id.strip_prefix("fn-") {
        return digits(rest);
    }
    if let Some(rest) = id.strip_prefix("fnref-") {
        return match rest.split_once('-') {
            Some((number, repeat)) => digits(number) && digits(repeat),
            None => digits(rest),
        };
    }
    false
}

/// Hands out unique anchors for one page.
#[derive(Debug, Default)]
pub struct AnchorAllocator {
    used: HashSet<String>,
}

impl AnchorAllocator {
    /// The anchor for a heading with this text, unique on the page.
    pub fn allocate(&mut self, heading_text: &str) -> String {
        let mut base = slugify(heading_text);
        if base.is_empty() {
            base = FALLBACK_ANCHOR.to_string();
        }
        let mut candidate = base.clone();
        let mut repeat = 2u32;
        while is_reserved(&candidate) || self.used.contains(&candidate) {
            candidate = format!("{base}-{repeat}");
            repeat += 1;
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_follows_the_anchor_rule() {
        assert_eq!(slugify("Retry budgets"), "retry-budgets");
        assert_eq!(
            slugify("  Timeouts, retries & backoff!  "),
            "timeouts-retries-backoff"
        );
        assert_eq!(slugify("Don’t retry `POST`"), "don-t-retry-post");
        assert_eq!(slugify("CQRS: 2 models"), "cqrs-2-models");
        assert_eq!(slugify("?!"), "");
    }

    #[test]
    fn repeated_headings_get_numbered() {
        let mut anchors = AnchorAllocator::default();
        assert_eq!(anchors.allocate("Example"), "example");
        assert_eq!(anchors.allocate("Example"), "example-2");
        assert_eq!(anchors.allocate("example!"), "example-3");
        assert_eq!(anchors.allocate("Example 2"), "example-2-2");
        assert_eq!(anchors.allocate("***"), "section");
        assert_eq!(anchors.allocate("Footnotes"), "footnotes-2");
        assert_eq!(anchors.allocate("Fn 1"), "fn-1-2");
    }

    #[test]
    fn kebab_case() {
        assert!(is_kebab("sync-vs-async"));
        assert!(is_kebab("a1"));
        assert!(!is_kebab("Sync"));
        assert!(!is_kebab("sync--async"));
        assert!(!is_kebab("-sync"));
        assert!(!is_kebab(""));
    }
}
