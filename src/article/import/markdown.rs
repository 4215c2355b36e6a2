//! Markdown (CommonMark, through pulldown-cmark) to an article: `#` is the title, `##` the
//! sections, "Term: text" list items entry lists, and a "References" heading's list the
//! references. What has no place in the format is reported, not dropped silently.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::*;

/// Headings of the guidance part that this program's own Markdown export writes.
const GUIDANCE_HEADINGS: [&str; 4] = [
    "Foods",
    "Probiotics & prebiotics",
    "Everyday disruptors",
    "Retinoids and the skin barrier",
];

/// A Markdown article, read with pulldown-cmark: the first level-1 heading is the title,
/// level-2 headings (or level-1 after the title) start sections, and the list under a
/// "References" heading is the reference list. List items of the form "**Term:** text" are
/// entries. A "Guidance" part as this program exports it is left out.
pub fn from_markdown(text: &str) -> Imported {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut import = MarkdownImport {
        text,
        ..MarkdownImport::default()
    };
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        import.event(event, range.start);
    }
    let mut imported = import.imported;
    finish(&mut imported, import.lede, import.sections);
    if imported.references.is_empty() {
        imported.unplaced.push(
            "no \"References\" heading with a list: the article has no reference list".into(),
        );
    }
    imported
}

/// Which part of the article the text being read belongs to.
#[derive(Clone, Copy, Default, PartialEq)]
enum Part {
    #[default]
    Lede,
    Section,
    Guidance,
    References,
}

/// A Markdown import under way: what has been gathered, and where in the document it is.
#[derive(Default)]
struct MarkdownImport<'t> {
    text: &'t str,
    imported: Imported,
    lede: Vec<String>,
    sections: Vec<(String, Vec<String>)>,
    part: Part,
    /// The text being gathered, in the short form.
    buf: String,
    heading: Option<HeadingLevel>,
    list_depth: usize,
    item_number: Vec<Option<u64>>,
    in_item_text: bool,
    /// Where the text of the open link starts in `buf`, and its address.
    link: Option<(usize, String)>,
    /// An image's alt text is not article text.
    in_image: bool,
    /// Where the open list starts, and how many of its items are not "Term: text".
    list_line: usize,
    plain_items: usize,
}

impl MarkdownImport<'_> {
    fn line_of(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())]
            .matches('\n')
            .count()
            + 1
    }

    /// Adds a paragraph (white space folded) to the lede or the current section.
    fn push_paragraph(&mut self, p: &str) {
        let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
        if p.is_empty() {
            return;
        }
        match self.part {
            Part::Lede => self.lede.push(p),
            Part::Section => {
                if let Some((_, ps)) = self.sections.last_mut() {
                    ps.push(p);
                }
            }
            Part::Guidance | Part::References => {}
        }
    }

    fn event(&mut self, event: Event<'_>, at: usize) {
        // Text counts inside headings, paragraphs and top-level list items, not in nested
        // lists (the export's DOI, Link and Note lines under a reference).
        let collecting = self.heading.is_some() || self.list_depth <= 1 || self.in_item_text;
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some(level);
                self.buf.clear();
            }
            Event::End(TagEnd::Heading(level)) => self.heading_end(level, at),
            Event::Start(Tag::Paragraph) if self.list_depth == 0 => self.buf.clear(),
            Event::End(TagEnd::Paragraph) => {
                if self.list_depth == 0 {
                    let p = std::mem::take(&mut self.buf);
                    self.push_paragraph(&p);
                } else {
                    self.buf.push(' ');
                }
            }
            Event::Start(Tag::List(start)) => {
                self.list_depth += 1;
                self.item_number.push(start);
                if self.list_depth == 1 {
                    self.list_line = self.line_of(at);
                    self.plain_items = 0;
                }
            }
            Event::End(TagEnd::List(_)) => self.list_end(),
            Event::Start(Tag::Item) => {
                if self.list_depth == 1 {
                    self.buf.clear();
                    self.in_item_text = true;
                } else if self.list_depth == 2 {
                    // A nested list (the export's DOI/Link/Note lines): the item's own text
                    // ends here.
                    self.in_item_text = false;
                }
            }
            Event::End(TagEnd::Item) if self.list_depth == 1 => self.item_end(at),
            Event::Text(t) | Event::Code(t) if collecting && !self.in_image => {
                self.buf.push_str(&keep_text(&t));
            }
            Event::SoftBreak | Event::HardBreak => self.buf.push(' '),
            Event::Start(Tag::Emphasis | Tag::Strong)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong)
                if collecting =>
            {
                self.buf.push('*');
            }
            Event::Start(Tag::Link { dest_url, .. }) if collecting => {
                self.link = Some((self.buf.len(), dest_url.to_string()));
            }
            Event::End(TagEnd::Link) => self.link_end(),
            Event::Html(h) | Event::InlineHtml(h) => {
                let line = self.line_of(at);
                self.imported
                    .unplaced
                    .push(format!("line {line}: HTML left out: {}", h.trim()));
            }
            Event::Start(Tag::Image { .. }) => {
                self.in_image = true;
                let line = self.line_of(at);
                self.imported
                    .unplaced
                    .push(format!("line {line}: an image left out"));
            }
            Event::End(TagEnd::Image) => self.in_image = false,
            _ => {}
        }
    }

    /// A heading ends: the title, a section, the guidance or references part, or (below
    /// level 2) a paragraph in italics.
    fn heading_end(&mut self, level: HeadingLevel, at: usize) {
        self.heading = None;
        let title = plain_text(&crate::article::markup::parse(&std::mem::take(
            &mut self.buf,
        )))
        .trim()
        .to_owned();
        let line = self.line_of(at);
        match level {
            HeadingLevel::H1 if self.imported.article.title.is_empty() => {
                self.imported.article.title = title;
            }
            HeadingLevel::H1 | HeadingLevel::H2 => {
                if is_references_heading(&title) {
                    self.part = Part::References;
                } else if title == "Guidance" {
                    self.part = Part::Guidance;
                } else {
                    self.part = Part::Section;
                    self.sections.push((title, Vec::new()));
                }
            }
            _ if self.part == Part::Guidance && GUIDANCE_HEADINGS.contains(&title.as_str()) => {}
            _ => {
                if is_references_heading(&title) {
                    self.part = Part::References;
                    return;
                }
                self.imported.unplaced.push(format!(
                    "line {line}: heading \"{title}\" is below level 2; kept as a paragraph"
                ));
                self.push_paragraph(&format!("*{title}*"));
            }
        }
    }

    fn list_end(&mut self) {
        self.list_depth = self.list_depth.saturating_sub(1);
        self.item_number.pop();
        if self.list_depth == 0 && self.plain_items > 0 && self.part != Part::References {
            self.imported.unplaced.push(format!(
                "line {}: {} list items without a \"Term:\" became paragraphs",
                self.list_line, self.plain_items
            ));
        }
    }

    /// A top-level list item ends: a reference in the references part, else an entry or a
    /// paragraph.
    fn item_end(&mut self, at: usize) {
        let number = self.item_number.last_mut().and_then(|n| {
            let here = *n;
            if let Some(k) = n.as_mut() {
                *k += 1;
            }
            here
        });
        let item = std::mem::take(&mut self.buf)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        self.in_item_text = false;
        if self.part != Part::References {
            let item = term_item(&item);
            if split_entry(&item).is_none() {
                self.plain_items += 1;
            }
            self.push_paragraph(&item);
            return;
        }
        let unescaped = plain_text(&crate::article::markup::parse(&item));
        let parsed = reference_line(&unescaped).or_else(|| {
            number
                .and_then(|n| u32::try_from(n).ok())
                .map(|n| (n, unescaped.trim()))
        });
        match parsed {
            Some((n, printed)) => self.imported.references.push(reference(n, printed)),
            None => {
                let line = self.line_of(at);
                self.imported.unplaced.push(format!(
                    "line {line}: a reference without a number: {unescaped}"
                ));
            }
        }
    }

    /// A link ends. An autolink's text is its address: it becomes <url>; other links keep
    /// their text, followed by the address.
    fn link_end(&mut self) {
        if let Some((start, url)) = self.link.take()
            && crate::article::ident::is_web_url(&url)
            && start <= self.buf.len()
        {
            if self.buf[start..] == keep_text(&url) {
                self.buf.truncate(start);
                self.buf.push_str(&format!("<{url}>"));
            } else {
                self.buf.push_str(&format!(" <{url}>"));
            }
        }
    }
}

/// A list item "**Term:** text" arrives as "*Term:* text"; the entry split wants "Term: text".
fn term_item(item: &str) -> String {
    if let Some(rest) = item.strip_prefix('*')
        && let Some((term, text)) = rest.split_once(":* ").or_else(|| rest.split_once("*: "))
    {
        return format!("{term}: {text}");
    }
    item.to_owned()
}
