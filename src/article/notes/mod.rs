//! Highlights and notes: what a reader marked in an article, anchored by quote so that it
//! survives the author's edits (the W3C Web Annotation model's text quote and position
//! selectors, as Hypothesis uses them). Pure: no egui, no files; the store is [`store`].
//!
//! A highlight lives in a *unit*: a section's text, or the lede's. A unit's text is what the
//! reader sees of its blocks, citations written `[n]` (see [`unit_text`]); offsets into it
//! are in characters in the stored form and bytes at run time.

pub mod anchor;
pub mod export;
pub mod store;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::article::markup::Inline;
use crate::article::model::{Article, Block, plain_text};

pub use anchor::{Anchored, How};

/// How many characters of context are kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// A highlight's colour. Four, as in Zotero and Foliate; named in exports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    #[default]
    Yellow,
    Green,
    Blue,
    Pink,
}

impl Colour {
    pub const ALL: [Colour; 4] = [Colour::Yellow, Colour::Green, Colour::Blue, Colour::Pink];

    /// The colour's name, lower case: "yellow".
    pub fn name(self) -> &'static str {
        match self {
            Colour::Yellow => "yellow",
            Colour::Green => "green",
            Colour::Blue => "blue",
            Colour::Pink => "pink",
        }
    }

    /// The colour's name for a sentence start: "Yellow".
    pub fn title(self) -> &'static str {
        match self {
            Colour::Yellow => "Yellow",
            Colour::Green => "Green",
            Colour::Blue => "Blue",
            Colour::Pink => "Pink",
        }
    }
}

/// The quoted text and the characters around it when it was highlighted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

/// One highlight, with or without a note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// `urn:uuid:…`, unique across articles; the Web Annotation id.
    pub id: String,
    /// The section's id; absent for the lede (the paragraphs above the first section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    pub quote: Quote,
    /// Where the quote started, in characters into the unit's text: a hint for re-anchoring.
    pub start: usize,
    #[serde(default)]
    pub colour: Colour,
    /// The reader's note; empty for a plain highlight.
    #[serde(default)]
    pub note: String,
    /// RFC 3339 times.
    pub created: String,
    pub modified: String,
}

impl Annotation {
    /// A new highlight of `range` (bytes) in `text`, the unit's text of `section`.
    pub fn new(section: Option<String>, text: &str, range: Range<usize>, colour: Colour) -> Self {
        let now = now();
        Self {
            id: format!("urn:uuid:{}", uuid::Uuid::new_v4()),
            section,
            quote: quote_at(text, range.clone()),
            start: text[..range.start].chars().count(),
            colour,
            note: String::new(),
            created: now.clone(),
            modified: now,
        }
    }

    /// Marks the annotation changed now.
    pub fn touch(&mut self) {
        self.modified = now();
    }
}

/// The current time, RFC 3339 in UTC to the second.
pub fn now() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map_or_else(|_| jiff::Timestamp::now().to_string(), |t| t.to_string())
}

/// The quote for `range` (bytes) of `text`, with its context.
pub fn quote_at(text: &str, range: Range<usize>) -> Quote {
    let before = &text[..range.start];
    let prefix_start = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let after = &text[range.end..];
    let suffix_end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    Quote {
        exact: text[range].to_owned(),
        prefix: before[prefix_start..].to_owned(),
        suffix: after[..suffix_end].to_owned(),
    }
}

/// What a reader can annotate: the lede, a section (its index), or the guidance panel's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Lede,
    Section(usize),
    Guidance,
}

/// The `section` an annotation of the guidance panel's text stores: not a slug, so no
/// section can have it.
pub const GUIDANCE_ID: &str = "#guidance";

/// The guidance panel's running texts, in the order the panel draws them: each food's text,
/// the probiotics and prebiotics passages, the disruptors' text, the barrier note.
pub fn guidance_runs(g: &crate::article::model::Guidance) -> Vec<&[Inline]> {
    let mut out: Vec<&[Inline]> = g.foods.iter().map(|f| f.text.as_slice()).collect();
    if let Some(b) = &g.biotics {
        out.extend(b.passages());
    }
    if let Some(d) = &g.disruptors {
        out.push(&d.text);
    }
    if let Some(n) = &g.barrier_note {
        out.push(&n.text);
    }
    out.retain(|r| !r.is_empty());
    out
}

/// The text of the guidance panel's passages, as [`unit_text`] makes a section's.
pub fn guidance_text(g: &crate::article::model::Guidance) -> UnitText {
    let mut out = UnitText::default();
    for runs in guidance_runs(g) {
        if !out.text.is_empty() {
            out.text.push_str("\n\n");
        }
        out.starts.push(out.text.len());
        out.text.push_str(&plain_text(runs));
    }
    out
}

/// A unit's text as the reader sees it, and where each of its drawn pieces starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitText {
    pub text: String,
    /// The byte offset of each piece, in drawing order: a paragraph's runs; an entry's term,
    /// then its description.
    pub starts: Vec<usize>,
}

/// The pieces of `blocks` in drawing order.
pub enum Piece<'a> {
    Runs(&'a [Inline]),
    Term(&'a str),
}

/// Every piece of `blocks`, in the order the article draws them.
pub fn pieces(blocks: &[Block]) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(runs) => out.push(Piece::Runs(runs)),
            Block::Entries(entries) => {
                for e in entries {
                    out.push(Piece::Term(&e.term));
                    out.push(Piece::Runs(&e.description));
                }
            }
        }
    }
    out
}

/// The text of `blocks`: pieces separated by a blank line, an entry's term and description
/// by a line break.
pub fn unit_text(blocks: &[Block]) -> UnitText {
    let mut out = UnitText::default();
    let mut after_term = false;
    for piece in pieces(blocks) {
        if !out.text.is_empty() {
            out.text.push_str(if after_term { "\n" } else { "\n\n" });
        }
        out.starts.push(out.text.len());
        match piece {
            Piece::Runs(runs) => {
                out.text.push_str(&plain_text(runs));
                after_term = false;
            }
            Piece::Term(term) => {
                out.text.push_str(term);
                after_term = true;
            }
        }
    }
    out
}

impl Unit {
    /// The unit an annotation names, if the article has it.
    pub fn of(article: &Article, section: Option<&str>) -> Option<Unit> {
        match section {
            None => Some(Unit::Lede),
            Some(GUIDANCE_ID) => Some(Unit::Guidance),
            Some(id) => article.section_index(id).map(Unit::Section),
        }
    }

    /// The section id stored for this unit.
    pub fn id(self, article: &Article) -> Option<String> {
        match self {
            Unit::Lede => None,
            Unit::Section(i) => article.sections.get(i).map(|s| s.id.clone()),
            Unit::Guidance => Some(GUIDANCE_ID.to_owned()),
        }
    }

    /// The section shown for this unit (the lede is shown above the first section); none
    /// for the guidance panel.
    pub fn section(self) -> Option<usize> {
        match self {
            Unit::Lede => Some(0),
            Unit::Section(i) => Some(i),
            Unit::Guidance => None,
        }
    }

    /// Every unit of `article` in reading order.
    pub fn all(article: &Article) -> impl Iterator<Item = Unit> {
        std::iter::once(Unit::Lede)
            .chain((0..article.sections.len()).map(Unit::Section))
            .chain(std::iter::once(Unit::Guidance))
    }
}

/// Text the reader has selected: from `anchor` (where the selection began) to `head` (where
/// it ends now), byte offsets into the unit's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub unit: Unit,
    pub anchor: usize,
    pub head: usize,
}

impl Selection {
    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }

    pub fn is_empty(&self) -> bool {
        self.anchor == self.head
    }
}

/// The word around byte `at` of `text` (letters, digits, apostrophes and inner hyphens): what
/// a double-click selects.
pub fn word_at(text: &str, at: usize) -> Range<usize> {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '_');
    let at = at.min(text.len());
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| at + i);
    start..end
}

/// The next (`forward`) or previous word boundary from `at`, as Ctrl+Shift+arrows move.
pub fn word_step(text: &str, at: usize, forward: bool) -> usize {
    if forward {
        let rest = &text[at..];
        let skip_space = rest.len() - rest.trim_start().len();
        let word = rest[skip_space..]
            .find(char::is_whitespace)
            .unwrap_or(rest.len() - skip_space);
        at + skip_space + word
    } else {
        let before = text[..at].trim_end();
        before.rfind(char::is_whitespace).map_or(0, |i| i + 1)
    }
}

/// The next or previous character boundary from `at`.
pub fn char_step(text: &str, at: usize, forward: bool) -> usize {
    if forward {
        text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
    } else {
        text[..at]
            .chars()
            .next_back()
            .map_or(at, |c| at - c.len_utf8())
    }
}

/// The texts of every unit of an article, built once per article.
#[derive(Clone, Debug, Default)]
pub struct Texts {
    pub lede: UnitText,
    pub sections: Vec<UnitText>,
    pub guidance: UnitText,
}

impl Texts {
    pub fn new(article: &Article) -> Self {
        Self {
            lede: unit_text(&article.lede),
            sections: article
                .sections
                .iter()
                .map(|s| unit_text(&s.blocks))
                .collect(),
            guidance: guidance_text(&article.guidance),
        }
    }

    pub fn get(&self, unit: Unit) -> Option<&UnitText> {
        match unit {
            Unit::Lede => Some(&self.lede),
            Unit::Guidance => Some(&self.guidance),
            Unit::Section(i) => self.sections.get(i),
        }
    }
}

/// Where an annotation stands in the article now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placed {
    /// Found: in this unit, at this byte range of its text.
    At {
        unit: Unit,
        range: Range<usize>,
        how: How,
    },
    /// Its text is gone from the article; the annotation is kept as it was.
    Orphaned,
}

impl Placed {
    pub fn unit(&self) -> Option<Unit> {
        match self {
            Placed::At { unit, .. } => Some(*unit),
            Placed::Orphaned => None,
        }
    }
}

/// Places every annotation in the article: in its own unit first, else by exact quote in
/// another unit (a paragraph moved to another section). Never drops one.
pub fn place_all(article: &Article, texts: &Texts, notes: &[Annotation]) -> Vec<Placed> {
    notes.iter().map(|a| place(article, texts, a)).collect()
}

/// Places one annotation (see [`place_all`]).
pub fn place(article: &Article, texts: &Texts, a: &Annotation) -> Placed {
    let home = Unit::of(article, a.section.as_deref());
    if let Some(unit) = home
        && let Some(t) = texts.get(unit)
        && let Some(found) = anchor::anchor(&t.text, &a.quote, a.start)
    {
        return Placed::At {
            unit,
            range: found.range,
            how: found.how,
        };
    }
    // Moved to another section: the exact quote, best context first.
    let mut best: Option<(usize, Unit, Range<usize>)> = None;
    for unit in Unit::all(article).filter(|u| Some(*u) != home) {
        let Some(t) = texts.get(unit) else { continue };
        if let Some((range, score)) = anchor::best_exact(&t.text, &a.quote, None)
            && best.as_ref().is_none_or(|(s, ..)| score > *s)
        {
            best = Some((score, unit, range));
        }
    }
    match best {
        Some((_, unit, range)) => Placed::At {
            unit,
            range,
            how: How::Moved,
        },
        None => Placed::Orphaned,
    }
}

/// The heading annotations are grouped under: the section's title, "Introduction" for the
/// lede, or "Orphaned notes" (None).
pub fn group_title(article: &Article, unit: Option<Unit>) -> String {
    match unit {
        Some(Unit::Lede) => "Introduction".to_owned(),
        Some(Unit::Guidance) => "Guidance".to_owned(),
        Some(Unit::Section(s)) => article
            .sections
            .get(s)
            .map_or_else(String::new, |s| s.title.clone()),
        None => "Orphaned notes".to_owned(),
    }
}

/// The order of annotations for reading: by unit, then place in it; orphans last, oldest
/// first.
pub fn reading_order(notes: &[Annotation], placed: &[Placed]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..notes.len()).collect();
    let key = |i: &usize| match placed.get(*i) {
        Some(Placed::At { unit, range, .. }) => {
            let u = match unit {
                Unit::Lede => 0,
                Unit::Section(s) => s + 1,
                Unit::Guidance => usize::MAX,
            };
            (0, u, range.start, notes[*i].created.clone())
        }
        _ => (1, 0, 0, notes[*i].created.clone()),
    };
    order.sort_by_key(key);
    order
}

/// Text with tabs, line breaks and backslashes written as `\t`, `\n` and `\\`: one field of
/// a tab-separated line.
pub fn tsv_field(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_keeps_32_characters_either_side() {
        let text = "é".repeat(40) + "QUOTE" + &"ü".repeat(40);
        let start = text.find('Q').unwrap();
        let q = quote_at(&text, start..start + 5);
        assert_eq!(q.exact, "QUOTE");
        assert_eq!(q.prefix, "é".repeat(32));
        assert_eq!(q.suffix, "ü".repeat(32));
        let q = quote_at("ab", 0..1);
        assert_eq!((q.prefix.as_str(), q.suffix.as_str()), ("", "b"));
    }

    #[test]
    fn unit_text_is_what_the_reader_sees() {
        let article = crate::article::load::load_embedded().unwrap().article;
        let t = unit_text(&article.sections[1].blocks);
        assert!(t.text.contains("[3]"), "{}", t.text);
        assert_eq!(t.starts[0], 0);
        assert!(!t.text.contains('*'));
        let all = Texts::new(&article);
        assert_eq!(all.sections.len(), article.sections.len());
    }

    #[test]
    fn words_and_steps() {
        let t = "the skin’s barrier, well-fed";
        assert_eq!(&t[word_at(t, 6)], "skin’s");
        assert_eq!(&t[word_at(t, t.len())], "well-fed");
        assert_eq!(word_step(t, 0, true), 3);
        assert_eq!(word_step(t, 3, true), "the skin’s".len());
        assert_eq!(word_step(t, 4, false), 0);
        assert_eq!(char_step("é", 0, true), 2);
        assert_eq!(char_step("é", 2, false), 0);
    }

    #[test]
    fn tsv_fields_keep_one_line() {
        assert_eq!(tsv_field("a\tb\nc\\"), "a\\tb\\nc\\\\");
    }

    #[test]
    fn an_annotation_is_placed_in_its_section_or_found_in_another() {
        let article = crate::article::load::load_embedded().unwrap().article;
        let texts = Texts::new(&article);
        let t = &texts.sections[2].text;
        let start = t.find(' ').unwrap() + 1;
        let a = Annotation::new(
            Some(article.sections[2].id.clone()),
            t,
            start..start + 20,
            Colour::Green,
        );
        assert!(matches!(
            place(&article, &texts, &a),
            Placed::At {
                unit: Unit::Section(2),
                how: How::Exact,
                ..
            }
        ));
        let mut moved = a.clone();
        moved.section = Some(article.sections[0].id.clone());
        assert!(matches!(
            place(&article, &texts, &moved),
            Placed::At {
                unit: Unit::Section(2),
                how: How::Moved,
                ..
            }
        ));
        let mut gone = a;
        gone.quote.exact = "nothing like this is in the article at all".into();
        gone.quote.prefix.clear();
        gone.quote.suffix.clear();
        assert_eq!(place(&article, &texts, &gone), Placed::Orphaned);
    }
}
