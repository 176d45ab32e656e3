//! Markdown body → HTML, with everything the build needs to check and index
//! on the side (headings, links, images, simulator figures, plain text).
//!
//! pulldown-cmark parses; this module rewrites the event stream (headings get
//! unique ids and an anchor link, links are resolved to base-relative hrefs,
//! raw HTML is rejected, footnotes and simulator blocks are rendered here)
//! and pulldown-cmark's HTML writer prints the rest.

use pulldown_cmark::{
    html, BrokenLink, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag,
    TagEnd,
};

use super::anchors::AnchorAllocator;
use super::error::ErrorKind;
use super::escape::escape_html;
use super::footnotes::{Footnotes, FOOTNOTES_ID};
use super::front_matter::LineError;
use super::images;
use super::lines::LineIndex;
use super::links::{parse_link, LinkTarget};
use super::raw_html::{self, RawHtml};
use super::reading_time::count_words;
use super::simulator_block;
use super::sweep_block;
use super::toc::Heading;
use faultline_site_data::SimulatorEmbed;

/// Search heading of the footnote list.
const FOOTNOTES_HEADING: &str = "Sources";

/// The Markdown dialect of the guide. Heading attributes (`{#id}`) stay off:
/// anchors always follow the documented rule, so links can be predicted.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// A link found in the body, checked once every article is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkUse {
    pub target: LinkTarget,
    pub line: usize,
}

/// An image found in the body (`name` is below `content/images/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageUse {
    pub name: String,
    pub line: usize,
}

/// The plain text under one heading (or before the first one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionText {
    pub anchor: Option<String>,
    pub heading: Option<String>,
    pub text: String,
}

/// A rendered body and what was found in it.
#[derive(Debug, Default)]
pub struct RenderedBody {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkUse>,
    pub images: Vec<ImageUse>,
    pub embeds: Vec<SimulatorEmbed>,
    pub sections: Vec<SectionText>,
    /// Prose words (code blocks and footnotes excluded).
    pub word_count: u32,
    pub errors: Vec<LineError>,
}

/// Renders the body of article `slug`; `body_line` is the file line on which
/// the body starts (for error messages).
pub fn render(slug: &str, body: &str, body_line: usize) -> RenderedBody {
    let lines = LineIndex::new(body, body_line);
    let mut broken_references: Vec<(usize, String)> = Vec::new();
    let mut renderer = Renderer::new(slug);
    {
        let on_broken_link = |link: BrokenLink<'_>| {
            // Only the explicit `[text][label]` and `[label][]` forms are
            // surely meant as links; a bare `[word]` is often just text.
            if matches!(link.link_type, LinkType::Reference | LinkType::Collapsed) {
                let label = link.reference.to_string();
                broken_references.push((link.span.start, label));
            }
            None
        };
        let parser = Parser::new_with_broken_link_callback(body, options(), Some(on_broken_link));
        for (event, range) in parser.into_offset_iter() {
            renderer.event(event, lines.line(range.start));
        }
    }
    let mut rendered = renderer.finish();
    for (offset, label) in broken_references {
        let kind = ErrorKind::UndefinedLinkReference { label };
        rendered.errors.push((Some(lines.line(offset)), kind));
    }
    rendered.errors.sort_by_key(|(line, _)| *line);
    rendered
}

struct OpenHeading<'a> {
    level: u8,
    line: usize,
    events: Vec<Event<'a>>,
    text: String,
}

struct OpenCode {
    language: String,
    line: usize,
    text: String,
}

struct OpenImage {
    destination: String,
    title: String,
    alt: String,
    line: usize,
}

struct OpenFootnote<'a> {
    label: String,
    line: usize,
    events: Vec<Event<'a>>,
}

/// Which text a piece of plain text belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TextKind {
    /// Counts as reading words and is searchable.
    Prose,
    /// Searchable only (code).
    Code,
}

struct Renderer<'a> {
    slug: &'a str,
    anchors: AnchorAllocator,
    out: Vec<Event<'a>>,
    heading: Option<OpenHeading<'a>>,
    code: Option<OpenCode>,
    image: Option<OpenImage>,
    html_block: Option<(String, usize)>,
    footnote: Option<OpenFootnote<'a>>,
    footnotes: Footnotes<'a>,
    footnote_text: String,
    section: SectionText,
    prose: String,
    /// Consecutive plain text events (the parser splits text at brackets)
    /// and the line of each piece: checked for unresolved `[^label]`.
    literal: String,
    literal_lines: Vec<(usize, usize)>,
    result: RenderedBody,
}

impl<'a> Renderer<'a> {
    fn new(slug: &'a str) -> Renderer<'a> {
        Renderer {
            slug,
            anchors: AnchorAllocator::default(),
            out: Vec::new(),
            heading: None,
            code: None,
            image: None,
            html_block: None,
            footnote: None,
            footnotes: Footnotes::default(),
            footnote_text: String::new(),
            section: SectionText {
                anchor: None,
                heading: None,
                text: String::new(),
            },
            prose: String::new(),
            literal: String::new(),
            literal_lines: Vec::new(),
            result: RenderedBody::default(),
        }
    }

    fn error(&mut self, line: usize, kind: ErrorKind) {
        self.result.errors.push((Some(line), kind));
    }

    /// Sends an output event to whatever is open: a heading, a footnote
    /// definition, or the body.
    fn emit(&mut self, event: Event<'a>) {
        if let Some(heading) = &mut self.heading {
            heading.events.push(event);
        } else if let Some(footnote) = &mut self.footnote {
            footnote.events.push(event);
        } else {
            self.out.push(event);
        }
    }

    fn emit_html(&mut self, html: String) {
        self.emit(Event::InlineHtml(CowStr::from(html)));
    }

    /// Records plain text for the table of contents, search and word count.
    fn text(&mut self, text: &str, kind: TextKind) {
        if let Some(heading) = &mut self.heading {
            heading.text.push_str(text);
        } else if self.footnote.is_some() {
            self.footnote_text.push_str(text);
        } else {
            self.section.text.push_str(text);
            if kind == TextKind::Prose {
                self.prose.push_str(text);
            }
        }
    }

    fn event(&mut self, event: Event<'a>, line: usize) {
        match &event {
            Event::Text(text) if self.code.is_none() && self.html_block.is_none() => {
                self.literal_lines.push((self.literal.len(), line));
                self.literal.push_str(text);
            }
            _ => self.check_literal_citations(),
        }
        if self.image.is_some() {
            return self.image_event(event);
        }
        if let Some(code) = &mut self.code {
            match event {
                Event::Text(text) => code.text.push_str(&text),
                Event::End(TagEnd::CodeBlock) => self.end_code_block(),
                _ => {}
            }
            return;
        }
        if let Some((html, _)) = &mut self.html_block {
            match event {
                Event::Html(text) | Event::Text(text) => html.push_str(&text),
                Event::End(TagEnd::HtmlBlock) => self.end_html_block(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.start_heading(level, line),
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some(OpenCode {
                    language,
                    line,
                    text: String::new(),
                });
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                self.image = Some(OpenImage {
                    destination: dest_url.to_string(),
                    title: title.to_string(),
                    alt: String::new(),
                    line,
                });
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => self.start_link(link_type, &dest_url, &title, line),
            Event::End(TagEnd::Link) => self.emit_html("</a>".to_string()),
            Event::Start(Tag::HtmlBlock) => self.html_block = Some((String::new(), line)),
            Event::Html(html) | Event::InlineHtml(html) => self.inline_html(&html, line),
            Event::FootnoteReference(label) => {
                let html = self.footnotes.reference(&label, line, self.slug);
                self.emit_html(html);
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.footnote_text.push(' ');
                self.footnote = Some(OpenFootnote {
                    label: label.to_string(),
                    line,
                    events: Vec::new(),
                });
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(footnote) = self.footnote.take() {
                    self.footnotes
                        .define(&footnote.label, footnote.events, footnote.line);
                }
            }
            Event::Start(Tag::Table(alignments)) => {
                // A wrapper lets wide tables scroll instead of the page.
                self.emit(Event::Html(CowStr::Borrowed(
                    "<div class=\"table-wrap\">\n",
                )));
                self.emit(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                self.emit(Event::End(TagEnd::Table));
                self.emit(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::Text(text) => {
                self.text(&text, TextKind::Prose);
                self.emit(Event::Text(text));
            }
            Event::Code(code) => {
                self.text(&code, TextKind::Prose);
                self.emit(Event::Code(code));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.text(" ", TextKind::Prose);
                self.emit(event);
            }
            Event::End(end) => {
                if is_block_end(end) {
                    // Block and cell ends separate words in the plain text.
                    self.text(" ", TextKind::Prose);
                }
                self.emit(event);
            }
            other => self.emit(other),
        }
    }

    /// With footnotes on, the parser leaves a citation whose definition is
    /// missing as literal text, so look for `[^label]` in plain text.
    fn check_literal_citations(&mut self) {
        let literal = std::mem::take(&mut self.literal);
        let lines = std::mem::take(&mut self.literal_lines);
        let mut searched = 0;
        while let Some(found) = literal[searched..].find("[^") {
            let start = searched + found;
            let label_start = start + 2;
            let Some(length) = literal[label_start..].find(']') else {
                break;
            };
            searched = label_start + length;
            let label = &literal[label_start..searched];
            if label.is_empty() || label.contains(char::is_whitespace) {
                continue;
            }
            let line = lines
                .iter()
                .take_while(|(offset, _)| *offset <= start)
                .last()
                .map_or(0, |(_, line)| *line);
            let label = label.to_string();
            self.error(line, ErrorKind::FootnoteUndefined { label });
        }
    }

    fn start_heading(&mut self, level: HeadingLevel, line: usize) {
        let level = heading_number(level);
        if level == 1 {
            self.error(line, ErrorKind::TitleHeading);
        }
        self.heading = Some(OpenHeading {
            level,
            line,
            events: Vec::new(),
            text: String::new(),
        });
    }

    fn end_heading(&mut self) {
        let Some(heading) = self.heading.take() else {
            return;
        };
        let text = heading
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let id = self.anchors.allocate(&text);
        let level = heading.level;
        self.emit_html(format!("<h{level} id=\"{id}\">"));
        for event in heading.events {
            self.emit(event);
        }
        self.emit_html(format!(
            "<a class=\"anchor\" href=\"articles/{}/#{id}\" aria-label=\"Link to this section\">#</a></h{level}>\n",
            self.slug
        ));
        self.prose.push(' ');
        self.prose.push_str(&text);
        self.prose.push(' ');
        let finished = std::mem::replace(
            &mut self.section,
            SectionText {
                anchor: Some(id.clone()),
                heading: Some(text.clone()),
                text: String::new(),
            },
        );
        self.push_section(finished);
        self.result.headings.push(Heading {
            level,
            id,
            text,
            line: heading.line,
        });
    }

    /// Keeps a finished section for search (an empty introduction is dropped).
    fn push_section(&mut self, mut section: SectionText) {
        section.text = collapse_whitespace(&section.text);
        if section.anchor.is_some() || !section.text.is_empty() {
            self.result.sections.push(section);
        }
    }

    fn end_code_block(&mut self) {
        let Some(code) = self.code.take() else {
            return;
        };
        if code.language == simulator_block::LANGUAGE {
            match simulator_block::parse(&code.text) {
                Ok(embed) => {
                    self.result.links.push(LinkUse {
                        target: LinkTarget::Preset {
                            id: embed.preset.clone(),
                        },
                        line: code.line,
                    });
                    self.text(&format!(" {} ", embed.caption), TextKind::Prose);
                    self.emit(Event::Html(CowStr::from(simulator_block::render(&embed))));
                    self.result.embeds.push(embed);
                }
                Err(kind) => self.error(code.line, kind),
            }
            return;
        }
        if code.language == sweep_block::LANGUAGE {
            match sweep_block::parse(&code.text) {
                Ok(block) => {
                    self.result.links.push(LinkUse {
                        target: LinkTarget::Preset {
                            id: block.figure.preset.clone(),
                        },
                        line: code.line,
                    });
                    self.text(&format!(" {} ", block.caption), TextKind::Prose);
                    self.emit(Event::Html(CowStr::from(sweep_block::render(&block))));
                }
                Err(kind) => self.error(code.line, kind),
            }
            return;
        }
        self.text(&format!(" {} ", code.text), TextKind::Code);
        let class = if code.language.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{}\"", escape_html(&code.language))
        };
        self.emit(Event::Html(CowStr::from(format!(
            "<pre><code{class}>{}</code></pre>\n",
            escape_html(&code.text)
        ))));
    }

    fn image_event(&mut self, event: Event<'a>) {
        let Some(image) = &mut self.image else {
            return;
        };
        match event {
            Event::Text(text) | Event::Code(text) => image.alt.push_str(&text),
            Event::SoftBreak | Event::HardBreak => image.alt.push(' '),
            Event::End(TagEnd::Image) => {
                let Some(image) = self.image.take() else {
                    return;
                };
                match images::image_name(&image.destination) {
                    Ok(name) => {
                        let alt = image.alt.trim();
                        let html = images::render(&name, alt, &image.title);
                        self.text(&format!(" {alt} "), TextKind::Prose);
                        self.emit_html(html);
                        self.result.images.push(ImageUse {
                            name,
                            line: image.line,
                        });
                    }
                    Err(kind) => self.error(image.line, kind),
                }
            }
            _ => {}
        }
    }

    fn start_link(&mut self, link_type: LinkType, destination: &str, title: &str, line: usize) {
        let target = if link_type == LinkType::Email {
            Ok(LinkTarget::External {
                url: format!("mailto:{destination}"),
            })
        } else {
            parse_link(destination)
        };
        let title = if title.is_empty() {
            String::new()
        } else {
            format!(" title=\"{}\"", escape_html(title))
        };
        match target {
            Ok(target) => {
                let href = escape_html(&target.href(self.slug));
                let rel = if matches!(target, LinkTarget::External { .. }) {
                    " rel=\"noopener noreferrer\""
                } else {
                    ""
                };
                let html = format!(
                    "<a href=\"{href}\" class=\"{}\"{title}{rel}>",
                    target.class()
                );
                self.emit_html(html);
                self.result.links.push(LinkUse { target, line });
            }
            Err(kind) => {
                self.error(line, kind);
                self.emit_html("<a>".to_string());
            }
        }
    }

    fn inline_html(&mut self, html: &str, line: usize) {
        if let RawHtml::Rejected { excerpt } = raw_html::classify(html) {
            self.error(line, ErrorKind::RawHtml { html: excerpt });
            self.text(html, TextKind::Prose);
            self.emit(Event::Text(CowStr::from(html.to_string())));
        }
    }

    fn end_html_block(&mut self) {
        let Some((html, line)) = self.html_block.take() else {
            return;
        };
        if let RawHtml::Rejected { excerpt } = raw_html::classify(&html) {
            self.error(line, ErrorKind::RawHtml { html: excerpt });
            self.text(&format!(" {html} "), TextKind::Prose);
            self.emit(Event::Start(Tag::Paragraph));
            self.emit(Event::Text(CowStr::from(html)));
            self.emit(Event::End(TagEnd::Paragraph));
        }
    }

    fn finish(mut self) -> RenderedBody {
        self.check_literal_citations();
        if let Some(heading) = self.heading.take() {
            // The parser always closes headings; keep their text regardless.
            self.out.extend(heading.events);
        }
        let last = std::mem::replace(
            &mut self.section,
            SectionText {
                anchor: None,
                heading: None,
                text: String::new(),
            },
        );
        self.push_section(last);
        let (footnotes_html, footnote_errors) = self.footnotes.finish(self.slug);
        if !footnotes_html.is_empty() {
            self.result.sections.push(SectionText {
                anchor: Some(FOOTNOTES_ID.to_string()),
                heading: Some(FOOTNOTES_HEADING.to_string()),
                text: collapse_whitespace(&self.footnote_text),
            });
        }
        self.result.errors.extend(footnote_errors);

        let mut html = String::new();
        html::push_html(&mut html, self.out.into_iter());
        html.push_str(&footnotes_html);
        self.result.html = html;
        self.result.word_count = count_words(&self.prose);
        self.result
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Ends of elements that separate words (inline ends such as emphasis do
/// not: `micro*services*` is one word).
fn is_block_end(end: TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
