//! Link destinations: which forms are allowed, what `href` each becomes, and
//! whether it points at something that exists.
//!
//! Every `href` the renderer writes is relative to the site base (no leading
//! slash) because the site may be served under a sub-path with `<base href>`.
//! Same-page `#anchor` links are rewritten to `articles/SLUG#anchor` for the
//! same reason: a bare fragment would resolve against the base, not the page.

use std::collections::{BTreeMap, BTreeSet};

use super::error::ErrorKind;

/// Where a link in an article points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// `article:SLUG` or `article:SLUG#anchor`.
    Article {
        slug: String,
        anchor: Option<String>,
    },
    /// `#anchor` within the same article.
    SamePage { anchor: String },
    /// `checklist:ITEM_ID`.
    Checklist { id: String },
    /// `preset:PRESET_ID`.
    Preset { id: String },
    /// `http://`, `https://` or `mailto:`.
    External { url: String },
}

impl LinkTarget {
    /// The `href`, relative to the site base; `from_slug` is the article the
    /// link is in.
    pub fn href(&self, from_slug: &str) -> String {
        match self {
            LinkTarget::Article { slug, anchor: None } => format!("articles/{slug}/"),
            LinkTarget::Article {
                slug,
                anchor: Some(anchor),
            } => format!("articles/{slug}/#{anchor}"),
            LinkTarget::SamePage { anchor } => format!("articles/{from_slug}/#{anchor}"),
            LinkTarget::Checklist { id } => format!("checklist/?item={id}"),
            LinkTarget::Preset { id } => format!("simulator/?preset={id}"),
            LinkTarget::External { url } => url.clone(),
        }
    }

    /// CSS class telling the page (and the reader) what kind of link it is.
    pub fn class(&self) -> &'static str {
        match self {
            LinkTarget::Article { .. } | LinkTarget::SamePage { .. } => "link-article",
            LinkTarget::Checklist { .. } => "link-checklist",
            LinkTarget::Preset { .. } => "link-preset",
            LinkTarget::External { .. } => "link-external",
        }
    }
}

/// Parses a Markdown link destination. Anything that is not one of our
/// schemes, `http(s)://` or `mailto:` is rejected (allow-list, so
/// `javascript:`, `data:`, `file:` and relative paths all fail).
pub fn parse_link(destination: &str) -> Result<LinkTarget, ErrorKind> {
    let url = destination.trim();
    let forbidden = |reason: &str| ErrorKind::ForbiddenLink {
        url: url.to_string(),
        reason: reason.to_string(),
    };
    if url.is_empty() {
        return Err(forbidden("the link has no destination"));
    }
    if let Some(anchor) = url.strip_prefix('#') {
        if anchor.is_empty() {
            return Err(forbidden("`#` needs a heading anchor after it"));
        }
        return Ok(LinkTarget::SamePage {
            anchor: anchor.to_string(),
        });
    }
    let Some((scheme, rest)) = split_scheme(url) else {
        return Err(forbidden(
            "relative links do not work on the site: use article:SLUG, checklist:ITEM_ID, preset:PRESET_ID or a full https:// URL",
        ));
    };
    match scheme.to_ascii_lowercase().as_str() {
        "article" => {
            let (slug, anchor) = match rest.split_once('#') {
                Some((slug, anchor)) => (slug, Some(anchor)),
                None => (rest, None),
            };
            if slug.is_empty() {
                return Err(forbidden("`article:` needs a slug"));
            }
            if anchor == Some("") {
                return Err(forbidden("`#` needs a heading anchor after it"));
            }
            Ok(LinkTarget::Article {
                slug: slug.to_string(),
                anchor: anchor.map(str::to_string),
            })
        }
        "checklist" if !rest.is_empty() => Ok(LinkTarget::Checklist {
            id: rest.to_string(),
        }),
        "preset" if !rest.is_empty() => Ok(LinkTarget::Preset {
            id: rest.to_string(),
        }),
        "checklist" | "preset" => Err(forbidden("the link names no id")),
        "http" | "https" => match rest.strip_prefix("//") {
            Some(host) if !host.is_empty() && !host.starts_with('/') => Ok(LinkTarget::External {
                url: url.to_string(),
            }),
            _ => Err(forbidden("a web link needs `//` and a host name")),
        },
        "mailto" if !rest.is_empty() => Ok(LinkTarget::External {
            url: url.to_string(),
        }),
        "mailto" => Err(forbidden("`mailto:` needs an address")),
        "javascript" | "vbscript" | "data" => Err(forbidden(
            "scripts and inline data are never allowed in links",
        )),
        _ => Err(forbidden(
            "only http(s), mailto, article:, checklist: and preset: links are allowed",
        )),
    }
}

/// `scheme:rest` when `url` starts with a URL scheme (RFC 3986 letters).
fn split_scheme(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let valid = starts_with_letter
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

/// Everything a link may point at, known once every file has been read.
#[derive(Debug, Default)]
pub struct LinkTargets {
    /// Article slug → the anchors of its headings.
    pub articles: BTreeMap<String, BTreeSet<String>>,
    pub checklist_items: BTreeSet<String>,
    pub presets: BTreeSet<String>,
}

impl LinkTargets {
    /// Checks that the target exists; `from_slug` is the linking article.
    pub fn check(&self, target: &LinkTarget, from_slug: &str) -> Result<(), ErrorKind> {
        match target {
            LinkTarget::Article { slug, anchor } => {
                let anchors = self
                    .articles
                    .get(slug)
                    .ok_or_else(|| ErrorKind::UnknownArticle { slug: slug.clone() })?;
                match anchor {
                    Some(anchor) if !anchors.contains(anchor) => Err(ErrorKind::UnknownAnchor {
                        slug: slug.clone(),
                        anchor: anchor.clone(),
                    }),
                    _ => Ok(()),
                }
            }
            LinkTarget::SamePage { anchor } => {
                let known = self
                    .articles
                    .get(from_slug)
                    .is_some_and(|anchors| anchors.contains(anchor));
                if known {
                    Ok(())
                } else {
                    Err(ErrorKind::UnknownAnchor {
                        slug: from_slug.to_string(),
                        anchor: anchor.clone(),
                    })
                }
            }
            LinkTarget::Checklist { id } => self.check_checklist_item(id),
            LinkTarget::Preset { id } => self.check_preset(id),
            LinkTarget::External { .. } => Ok(()),
        }
    }

    pub fn check_article(&self, slug: &str) -> Result<(), ErrorKind> {
        if self.articles.contains_key(slug) {
            Ok(())
        } else {
            Err(ErrorKind::UnknownArticle {
                slug: slug.to_string(),
            })
        }
    }

    pub fn check_checklist_item(&self, id: &str) -> Result<(), ErrorKind> {
        if self.checklist_items.contains(id) {
            Ok(())
        } else {
            Err(ErrorKind::UnknownChecklistItem { id: id.to_string() })
        }
    }

    pub fn check_preset(&self, id: &str) -> Result<(), ErrorKind> {
        if self.presets.contains(id) {
            Ok(())
        } else {
            Err(ErrorKind::UnknownPreset { id: id.to_string() })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_forbidden(destination: &str) -> bool {
        matches!(
            parse_link(destination),
            Err(ErrorKind::ForbiddenLink { .. })
        )
    }

    #[test]
    fn our_schemes_become_base_relative_hrefs() {
        let cases = [
            ("article:sync-vs-async", "articles/sync-vs-async/"),
            (
                "article:sync-vs-async#retry-budgets",
                "articles/sync-vs-async/#retry-budgets",
            ),
            ("#why", "articles/here/#why"),
            (
                "checklist:resilience.timeouts",
                "checklist/?item=resilience.timeouts",
            ),
            ("preset:retry-storm", "simulator/?preset=retry-storm"),
            ("https://example.org/a?b=c", "https://example.org/a?b=c"),
            ("mailto:team@example.org", "mailto:team@example.org"),
        ];
        for (destination, href) in cases {
            let target = parse_link(destination).expect(destination);
            assert_eq!(target.href("here"), href, "{destination}");
            assert!(!target.href("here").starts_with('/'));
        }
    }

    #[test]
    fn dangerous_and_relative_links_are_rejected() {
        for destination in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,hi",
            "vbscript:x",
            "file:///etc/passwd",
            "ftp://example.org",
            "other-article.md",
            "/articles/sync-vs-async",
            "//evil.example",
            "http:/nohost",
            "https://",
            "article:",
            "article:slug#",
            "checklist:",
            "#",
            "",
        ] {
            assert!(
                is_forbidden(destination),
                "{destination:?} should be rejected"
            );
        }
    }

    #[test]
    fn checks_targets_exist() {
        let mut targets = LinkTargets::default();
        targets.articles.insert(
            "sync-vs-async".to_string(),
            BTreeSet::from(["why".to_string()]),
        );
        targets.checklist_items.insert("api.versioning".to_string());
        targets.presets.insert("retry-storm".to_string());
        let check = |destination: &str| {
            let target = parse_link(destination).expect(destination);
            targets.check(&target, "sync-vs-async")
        };
        assert_eq!(check("article:sync-vs-async#why"), Ok(()));
        assert_eq!(check("#why"), Ok(()));
        assert_eq!(check("checklist:api.versioning"), Ok(()));
        assert_eq!(check("preset:retry-storm"), Ok(()));
        assert_eq!(
            check("article:nope"),
            Err(ErrorKind::UnknownArticle {
                slug: "nope".to_string()
            })
        );
        assert_eq!(
            check("article:sync-vs-async#nope"),
            Err(ErrorKind::UnknownAnchor {
                slug: "sync-vs-async".to_string(),
                anchor: "nope".to_string()
            })
        );
        assert_eq!(
            check("checklist:api.nope"),
            Err(ErrorKind::UnknownChecklistItem {
                id: "api.nope".to_string()
            })
        );
        assert_eq!(
            check("preset:nope"),
            Err(ErrorKind::UnknownPreset {
                id: "nope".to_string()
            })
        );
    }
}
