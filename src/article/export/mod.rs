//! A section, or the whole article, as plain text or Markdown: pure functions over one
//! outline, so that both formats hold the same things. Files are written by
//! [`crate::article::write`].

use std::borrow::Cow;
use std::path::Path;

use crate::article::markup::Inline;
use crate::article::model::{Article, Block, Reference};

mod markdown;
mod text;

pub use markdown::to_markdown;

/// One line of plain text escaped for Markdown (see the notes export).
pub fn markdown_escape(text: &str) -> String {
    markdown::escape(text, true)
}
pub use text::to_text;

/// The output formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Txt,
    Md,
}

impl Format {
    /// The format a file name's extension asks for; text unless it ends in `.md`/`.markdown`.
    pub fn from_path(path: &Path) -> Self {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => Format::Md,
            _ => Format::Txt,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
        }
    }
}

/// `path` with the extension of `format`, where its extension is a text or Markdown one or
/// missing; any other extension is left as the user typed it.
pub fn with_extension(path: &Path, format: Format) -> std::path::PathBuf {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let ours = matches!(ext.as_deref(), Some("txt" | "text" | "md" | "markdown"));
    if ext.is_none() || (ours && Format::from_path(path) != format) {
        path.with_extension(format.extension())
    } else {
        path.to_path_buf()
    }
}

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Section(usize),
    Article,
}

/// The default line width of text exports.
pub const DEFAULT_WIDTH: usize = 80;

/// Renders `scope` of the article. `width` 0 leaves text lines unwrapped (Markdown lines are
/// never wrapped).
pub fn render(article: &Article, scope: Scope, format: Format, width: usize) -> String {
    match format {
        Format::Txt => to_text(article, scope, width),
        Format::Md => to_markdown(article, scope),
    }
}

/// One piece of an export, in reading order. Both formats render the same list.
#[derive(Debug)]
pub(crate) enum Part<'a> {
    /// Level 1 is the export's title, 2 a section (or the guidance), 3 a part of the guidance.
    Heading(u8, &'a str),
    Paragraph(&'a [Inline]),
    /// "Term: description", with detail lines ("Examples: …") under it.
    Entry {
        term: &'a str,
        runs: Cow<'a, [Inline]>,
        details: Vec<(&'static str, Cow<'a, [Inline]>)>,
    },
    /// The references cited in the export, each with its links and data-quality notes.
    References(Vec<&'a Reference>),
    /// The line that names the article the export comes from.
    Closing(&'a str),
}

/// What the export of `scope` holds: for a section, what its page shows (the first page also
/// shows the article's title and lede); for the article, every section and the guidance.
pub(crate) fn outline(article: &Article, scope: Scope) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    match scope {
        Scope::Section(i) => {
            if let Some(s) = article.sections.get(i) {
                if i == 0 {
                    parts.push(Part::Heading(1, &article.title));
                    blocks(&mut parts, &article.lede);
                    parts.push(Part::Heading(2, &s.title));
                } else {
                    parts.push(Part::Heading(1, &s.title));
                }
                blocks(&mut parts, &s.blocks);
            }
        }
        Scope::Article => {
            parts.push(Part::Heading(1, &article.title));
            blocks(&mut parts, &article.lede);
            for s in &article.sections {
                parts.push(Part::Heading(2, &s.title));
                blocks(&mut parts, &s.blocks);
            }
            guidance(&mut parts, article);
        }
    }
    let mut numbers: Vec<u32> = parts.iter().flat_map(Part::citations).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let cited: Vec<&Reference> = numbers
        .iter()
        .filter_map(|n| article.reference(*n))
        .collect();
    if !cited.is_empty() {
        parts.push(Part::References(cited));
    }
    parts.push(Part::Closing(&article.title));
    parts
}

fn blocks<'a>(parts: &mut Vec<Part<'a>>, blocks: &'a [Block]) {
    for block in blocks {
        match block {
            Block::Paragraph(runs) => parts.push(Part::Paragraph(runs)),
            Block::Entries(entries) => parts.extend(entries.iter().map(|e| Part::Entry {
                // Markdown's `**…**` cannot start or end at a space, even a no-break one.
                term: e.term.trim(),
                runs: Cow::Borrowed(&e.description),
                details: Vec::new(),
            })),
        }
    }
}

/// The guidance panel, in the order and with the headings the panel shows.
fn guidance<'a>(parts: &mut Vec<Part<'a>>, article: &'a Article) {
    let g = &article.guidance;
    if g.item_count() == 0 {
        return;
    }
    parts.push(Part::Heading(2, "Guidance"));
    if !g.foods.is_empty() {
        parts.push(Part::Heading(3, "Foods"));
        for food in &g.foods {
            let mut details = Vec::new();
            if !food.examples.is_empty() {
                let text = Inline::Text(food.examples.join(", "));
                details.push(("Examples", Cow::Owned(vec![text])));
            }
            if !food.nutrients.is_empty() {
                let text = Inline::Text(food.nutrients.join(", "));
                details.push(("Key nutrients", Cow::Owned(vec![text])));
            }
            if !food.cites.is_empty() {
                let mut runs = Vec::new();
                for (i, n) in food.cites.iter().enumerate() {
                    if i > 0 {
                        runs.push(Inline::Text(" ".into()));
                    }
                    runs.push(Inline::Cite(*n));
                }
                details.push(("Sources", Cow::Owned(runs)));
            }
            parts.push(Part::Entry {
                term: food.name.trim(),
                runs: Cow::Borrowed(&food.text),
                details,
            });
        }
    }
    if let Some(b) = &g.biotics {
        parts.push(Part::Heading(3, "Probiotics & prebiotics"));
        if !b.intro.is_empty() {
            parts.push(Part::Paragraph(&b.intro));
        }
        for (term, runs) in [
            ("Probiotics", &b.probiotics),
            ("Prebiotics", &b.prebiotics),
            ("Topical probiotics", &b.topical),
            ("Pairing a supplement with a topical", &b.pairing),
        ] {
            parts.push(Part::Entry {
                term,
                runs: Cow::Borrowed(runs),
                details: Vec::new(),
            });
        }
    }
    if let Some(d) = &g.disruptors {
        parts.push(Part::Heading(3, "Everyday disruptors"));
        parts.push(Part::Entry {
            term: "Disruptors",
            runs: Cow::Owned(vec![Inline::Text(d.names.join(", "))]),
            details: Vec::new(),
        });
        parts.push(Part::Paragraph(&d.text));
    }
    if let Some(n) = &g.barrier_note {
        parts.push(Part::Heading(3, "Retinoids and the skin barrier"));
        parts.push(Part::Paragraph(&n.text));
    }
}

impl Part<'_> {
    /// The reference numbers this part cites, in order, repeats included.
    fn citations(&self) -> Vec<u32> {
        let runs: Vec<&[Inline]> = match self {
            Part::Paragraph(runs) => vec![runs],
            Part::Entry { runs, details, .. } => std::iter::once(runs.as_ref())
                .chain(details.iter().map(|(_, d)| d.as_ref()))
                .collect(),
            _ => Vec::new(),
        };
        runs.into_iter()
            .flatten()
            .filter_map(Inline::cite)
            .collect()
    }
}

/// What an export says of one reference after its printed citation: each link the window
/// shows, labelled, then each data-quality note.
pub(crate) fn reference_lines(r: &Reference) -> Vec<(&'static str, String)> {
    let mut lines: Vec<(&'static str, String)> = r.links();
    lines.extend(r.notes.iter().map(|n| ("Note", n.trim().to_owned())));
    lines
}

/// The pieces of `text` between whitespace that may break a line; no-break spaces stay inside
/// their piece. Both formats split text this way, so that they hold the same words.
pub(crate) fn break_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_break_space).filter(|t| !t.is_empty())
}

/// Whitespace that may break a line. No-break spaces are kept as they are.
pub(crate) fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{feff}')
}
