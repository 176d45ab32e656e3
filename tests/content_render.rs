//! Markdown rendering: anchors, table of contents, the extensions the guide
//! uses, links, raw HTML, footnotes and plain text for search.

use faultline::content::{render, table_of_contents, ErrorKind, RenderedBody};
use faultline::site_data::TocEntry;

fn rendered(body: &str) -> RenderedBody {
    render("demo", body, 1)
}

fn clean(body: &str) -> RenderedBody {
    let rendered = rendered(body);
    assert!(
        rendered.errors.is_empty(),
        "unexpected errors: {:?}",
        rendered.errors
    );
    rendered
}

#[test]
fn repeated_headings_get_unique_anchors_with_links() {
    let body = clean("## Example\n\ntext\n\n## Example\n\n### Example\n\n## Retry budgets!\n");
    let ids: Vec<&str> = body.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["example", "example-2", "example-3", "retry-budgets"]);
    assert!(body.html.contains(
        "<h2 id=\"example-2\">Example<a class=\"anchor\" href=\"articles/demo/#example-2\" aria-label=\"Link to this section\">#</a></h2>"
    ));
    assert!(body.html.contains("<h3 id=\"example-3\">"));
}

#[test]
fn heading_anchor_uses_plain_text_of_formatted_headings() {
    let body = clean("## The *real* cost of `retry()`\n");
    assert_eq!(body.headings[0].id, "the-real-cost-of-retry");
    assert_eq!(body.headings[0].text, "The real cost of retry()");
    assert!(body.html.contains("<em>real</em>"));
    assert!(body.html.contains("<code>retry()</code>"));
}

#[test]
fn toc_lists_h2_and_h3_in_order() {
    let body = clean("Intro.\n\n## One\n\n### One A\n\n#### Deep\n\n## Two\n");
    let toc = table_of_contents(&body.headings);
    let expected = [(2, "one", "One"), (3, "one-a", "One A"), (2, "two", "Two")];
    let expected: Vec<TocEntry> = expected
        .iter()
        .map(|&(level, id, text)| TocEntry {
            level,
            id: id.to_string(),
            text: text.to_string(),
        })
        .collect();
    assert_eq!(toc, expected);
    assert_eq!(
        body.headings.len(),
        4,
        "h4 keeps an anchor, outside the toc"
    );
}

#[test]
fn h1_in_the_body_is_an_error() {
    let body = rendered("Intro.\n\n# A second title\n");
    assert_eq!(body.errors, [(Some(3), ErrorKind::TitleHeading)]);
}

#[test]
fn tables_task_lists_and_strikethrough_render() {
    let body = clean("| a | b |\n|---|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\n~~old~~ new\n");
    assert!(body.html.contains("<div class=\"table-wrap\">\n<table>"));
    assert!(body.html.contains("<th>a</th>"));
    assert!(body.html.contains("<td style=\"text-align: right\">2</td>"));
    assert!(body.html.contains("</table>\n</div>"));
    assert!(body
        .html
        .contains("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>"));
    assert!(body
        .html
        .contains("<input disabled=\"\" type=\"checkbox\"/>"));
    assert!(body.html.contains("<del>old</del>"));
}

#[test]
fn footnotes_are_numbered_collected_and_base_relative() {
    let body = clean(
        "First claim.[^b] Second claim.[^a] Again.[^b]\n\n[^a]: Source A.\n[^b]: Source B, \"Title\", 2015.\n",
    );
    let html = &body.html;
    // Numbered by first citation: b is 1, a is 2.
    assert!(html.contains(
        "<sup class=\"footnote-ref\" id=\"fnref-1\"><a href=\"articles/demo/#fn-1\" aria-label=\"Source 1\">1</a></sup>"
    ));
    assert!(html.contains("<sup class=\"footnote-ref\" id=\"fnref-2\">"));
    assert!(html.contains("<sup class=\"footnote-ref\" id=\"fnref-1-2\">"));
    let list_start = html
        .find("<section class=\"footnotes\" id=\"footnotes\"")
        .expect("list");
    let list = &html[list_start..];
    let first = list.find("<li id=\"fn-1\"><p>Source B").expect("fn-1");
    let second = list.find("<li id=\"fn-2\"><p>Source A").expect("fn-2");
    assert!(first < second);
    assert!(list.contains("href=\"articles/demo/#fnref-1-2\""));
    assert!(
        !html.contains("href=\"#"),
        "bare fragments break under <base href>"
    );
}

#[test]
fn footnote_mistakes_are_reported() {
    let body = rendered("Cites [^missing].\n\n[^unused]: Nobody cites this.\n");
    assert_eq!(
        body.errors,
        [
            (
                Some(1),
                ErrorKind::FootnoteUndefined {
                    label: "missing".to_string()
                }
            ),
            (
                Some(3),
                ErrorKind::FootnoteUnused {
                    label: "unused".to_string()
                }
            ),
        ]
    );
}

#[test]
fn links_become_base_relative_hrefs() {
    let body = clean(
        "[a](article:other#why) [b](checklist:api.versioning) [c](preset:retry-storm) [d](#here) [e](https://example.org/x?a=1&b=2 \"T\")\n\n## Here\n",
    );
    let html = &body.html;
    assert!(html.contains("<a href=\"articles/other/#why\" class=\"link-article\">a</a>"));
    assert!(
        html.contains("<a href=\"checklist/?item=api.versioning\" class=\"link-checklist\">b</a>")
    );
    assert!(html.contains("<a href=\"simulator/?preset=retry-storm\" class=\"link-preset\">c</a>"));
    assert!(html.contains("<a href=\"articles/demo/#here\" class=\"link-article\">d</a>"));
    assert!(html.contains(
        "<a href=\"https://example.org/x?a=1&amp;b=2\" class=\"link-external\" title=\"T\" rel=\"noopener noreferrer\">e</a>"
    ));
    assert_eq!(body.links.len(), 5);
    assert!(!html.contains("href=\"/"), "no root-relative hrefs");
}

#[test]
fn javascript_links_and_raw_html_are_rejected_and_inert() {
    let body = rendered(
        "[x](javascript:alert(1))\n\n<script>alert(1)</script>\n\nInline <b onclick=\"x\">bold</b>.\n\n<!-- a comment is fine -->\n",
    );
    let kinds: Vec<&ErrorKind> = body.errors.iter().map(|(_, kind)| kind).collect();
    assert!(
        matches!(kinds[0], ErrorKind::ForbiddenLink { url, .. } if url == "javascript:alert(1)")
    );
    assert!(matches!(kinds[1], ErrorKind::RawHtml { html } if html == "<script>alert(1)</script>"));
    assert!(matches!(kinds[2], ErrorKind::RawHtml { html } if html == "<b onclick=\"x\">"));
    assert!(matches!(kinds[3], ErrorKind::RawHtml { html } if html == "</b>"));
    assert_eq!(kinds.len(), 4);
    assert!(!body.html.contains("javascript:"));
    assert!(!body.html.contains("<script"));
    assert!(!body.html.contains("<b "));
    assert!(body.html.contains("&lt;script&gt;"));
    assert!(!body.html.contains("comment"));
}

#[test]
fn code_blocks_are_escaped_and_simulator_blocks_become_figures() {
    let body = clean(
        "```toml\nkey = \"<b>\"\n```\n\n```simulator\npreset = \"retry-storm\"\ncaption = \"Retries pile up.\"\n```\n",
    );
    assert!(body
        .html
        .contains("<pre><code class=\"language-toml\">key = &quot;&lt;b&gt;&quot;\n</code></pre>"));
    assert!(body
        .html
        .contains("<figure class=\"sim-embed\" data-preset=\"retry-storm\">"));
    assert!(body.html.contains("Open this scenario in the simulator"));
    assert_eq!(body.embeds.len(), 1);
    assert_eq!(body.embeds[0].caption, "Retries pile up.");
}

#[test]
fn images_are_local_and_lazy() {
    let body = clean("![A queue](images/queue.svg)\n");
    assert!(body
        .html
        .contains("<img src=\"data/images/queue.svg\" alt=\"A queue\" loading=\"lazy\">"));
    assert_eq!(body.images[0].name, "queue.svg");
    let remote = rendered("![x](https://example.org/x.png)\n");
    assert!(matches!(
        remote.errors.as_slice(),
        [(Some(1), ErrorKind::InvalidImage { .. })]
    ));
}

#[test]
fn sections_hold_plain_text_for_search_and_words_are_counted() {
    let body = clean(
        "Intro *words* here.[^s]\n\n## Budgets\n\nKeep retries `capped`.\n\n```text\nnot counted\n```\n\n[^s]: Source text.\n",
    );
    let sections: Vec<(Option<&str>, &str)> = body
        .sections
        .iter()
        .map(|s| (s.anchor.as_deref(), s.text.as_str()))
        .collect();
    assert_eq!(
        sections,
        [
            (None, "Intro words here."),
            (Some("budgets"), "Keep retries capped. not counted"),
            (Some("footnotes"), "Source text."),
        ]
    );
    // Prose words: "Intro words here." + "Budgets" + "Keep retries capped."
    assert_eq!(body.word_count, 7);
}

#[test]
fn errors_carry_file_lines_after_front_matter() {
    let body = render("demo", "Line one.\n\n[bad](ftp://x)\n", 12);
    assert!(matches!(
        body.errors.as_slice(),
        [(Some(14), ErrorKind::ForbiddenLink { .. })]
    ));
}
