//! Full-text search over an article (pure): case-insensitive, Unicode-aware, and typographic
//! quotes and dashes match their plain forms. The index is folded once per article.

use crate::model::{Article, Block, plain_text};

/// Where a hit stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// The lede, shown above the first section.
    Lede {
        block: usize,
    },
    /// A section's title (`block` None) or one of its blocks; `entry` within a list.
    Section {
        section: usize,
        block: Option<usize>,
        entry: Option<usize>,
    },
    Reference(u32),
    Guidance,
}

impl Location {
    /// The section a reader is taken to for this hit, if any.
    pub fn section(self) -> Option<usize> {
        match self {
            Location::Lede { .. } => Some(0),
            Location::Section { section, .. } => Some(section),
            Location::Reference(_) | Location::Guidance => None,
        }
    }
}

/// One match: where it stands and which bytes of the indexed text it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub location: Location,
    unit: usize,
    /// Byte range of the match in the unit's original text.
    range: std::ops::Range<usize>,
}

/// The text around a hit, for a results list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// Byte range of the match within `text`.
    pub matched: std::ops::Range<usize>,
}

struct Unit {
    location: Location,
    text: String,
    /// Where the unit's folded text starts in [`Index::folded`].
    start: usize,
    /// For each folded char whose byte length differs from the original's: its offset in the
    /// unit's folded text and the total length difference up to and including it.
    shifts: Vec<(u32, i32)>,
}

/// The article's searchable text, folded once into one buffer so that a query is a single
/// SIMD substring scan.
pub struct Index {
    folded: String,
    units: Vec<Unit>,
}

/// Separates units in the folded buffer; no folded query contains it.
const SEPARATOR: char = '\u{0}';

/// Folds one char: lower case, typographic quotes and dashes to plain ones, any space to ' '.
/// Always exactly one char, so folded and original texts line up char for char.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return match c {
            '`' => '\'',
            c if c == SEPARATOR || c.is_ascii_whitespace() => ' ',
            c => c.to_ascii_lowercase(),
        };
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c if c.is_whitespace() => ' ',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Appends `text` folded to `out`; returns the length shifts (see [`Unit::shifts`]).
fn fold_into(text: &str, out: &mut String) -> Vec<(u32, i32)> {
    let start = out.len();
    let mut shifts = Vec::new();
    let mut total = 0i32;
    for c in text.chars() {
        let f = fold_char(c);
        let at = out.len() - start;
        out.push(f);
        let diff = c.len_utf8() as i32 - f.len_utf8() as i32;
        if diff != 0 {
            total += diff;
            shifts.push((at as u32, total));
        }
    }
    shifts
}

/// Byte offset in a text of `len` bytes of byte `offset` of its folded form, given the
/// shifts [`fold_into`] returned for it.
fn original_offset(shifts: &[(u32, i32)], len: usize, offset: usize) -> usize {
    let i = shifts.partition_point(|(at, _)| (*at as usize) < offset);
    let shift = if i == 0 { 0 } else { shifts[i - 1].1 };
    (offset as i64 + i64::from(shift)).clamp(0, len as i64) as usize
}

impl Unit {
    /// Byte offset in `text` of byte `offset` of the unit's folded text.
    fn original_offset(&self, offset: usize) -> usize {
        original_offset(&self.shifts, self.text.len(), offset)
    }
}

impl Index {
    pub fn new(article: &Article) -> Self {
        let mut folded = String::new();
        let mut units = Vec::new();
        let mut push = |location, text: String| {
            let start = folded.len();
            let shifts = fold_into(&text, &mut folded);
            folded.push(SEPARATOR);
            units.push(Unit {
                location,
                text,
                start,
                shifts,
            });
        };
        for (block, b) in article.lede.iter().enumerate() {
            for text in block_texts(b) {
                push(Location::Lede { block }, text);
            }
        }
        for (section, s) in article.sections.iter().enumerate() {
            push(
                Location::Section {
                    section,
                    block: None,
                    entry: None,
                },
                s.title.clone(),
            );
            for (block, b) in s.blocks.iter().enumerate() {
                for (entry, text) in block_texts(b).into_iter().enumerate() {
                    let entry = matches!(b, Block::Entries(_)).then_some(entry);
                    push(
                        Location::Section {
                            section,
                            block: Some(block),
                            entry,
                        },
                        text,
                    );
                }
            }
        }
        let g = &article.guidance;
        for f in &g.foods {
            let text = format!(
                "{}: {} ({}; {})",
                f.name,
                plain_text(&f.text),
                f.examples.join(", "),
                f.nutrients.join(", ")
            );
            push(Location::Guidance, text);
        }
        if let Some(b) = &g.biotics {
            for runs in b.passages() {
                push(Location::Guidance, plain_text(runs));
            }
        }
        if let Some(d) = &g.disruptors {
            push(Location::Guidance, plain_text(&d.text));
        }
        if let Some(n) = &g.barrier_note {
            push(Location::Guidance, plain_text(&n.text));
        }
        for r in &article.references {
            let mut text = r.printed.clone();
            for note in &r.notes {
                text.push(' ');
                text.push_str(note);
            }
            push(Location::Reference(r.number), text);
        }
        Self { folded, units }
    }

    /// Every match of `query` in reading order: lede, sections, guidance, references.
    /// An empty or blank query finds nothing.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let needle = fold(query.trim());
        if needle.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        let mut unit = 0;
        for start in memchr::memmem::find_iter(self.folded.as_bytes(), needle.as_bytes()) {
            // Hits come in order, so the unit only ever moves forward.
            while self.units.get(unit + 1).is_some_and(|u| u.start <= start) {
                unit += 1;
            }
            let Some(u) = self.units.get(unit) else {
                break;
            };
            let from = start - u.start;
            let range = u.original_offset(from)..u.original_offset(from + needle.len());
            hits.push(Hit {
                location: u.location,
                unit,
                range,
            });
        }
        hits
    }

    /// The text around a hit, cut at word boundaries, the match marked.
    pub fn snippet(&self, hit: &Hit) -> Snippet {
        let text = self.units.get(hit.unit).map_or("", |u| u.text.as_str());
        let (s, e) = (hit.range.start, hit.range.end);
        let before = text.get(..s).unwrap_or("");
        let after = text.get(e..).unwrap_or("");
        let lead_start = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let mut lead = before.get(lead_start..).unwrap_or("").to_owned();
        let tail_end = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(i, _)| i);
        let mut tail = after.get(..tail_end).unwrap_or("").to_owned();
        if lead_start > 0 {
            // Start at a word boundary.
            if let Some(i) = lead.find(' ') {
                lead = lead[i + 1..].to_owned();
            }
            lead.insert(0, '…');
        }
        if tail_end < after.len() {
            if let Some(i) = tail.rfind(' ') {
                tail.truncate(i);
            }
            tail.push('…');
        }
        let flat = |t: &str| t.replace(char::is_whitespace, " ");
        let lead = flat(&lead);
        let matched_text = flat(text.get(s..e).unwrap_or(""));
        let matched = lead.len()..lead.len() + matched_text.len();
        Snippet {
            text: format!("{lead}{matched_text}{}", flat(&tail)),
            matched,
        }
    }
}

/// The plain texts of a block: one for a paragraph, one per entry ("Term: description").
pub fn block_texts(block: &Block) -> Vec<String> {
    match block {
        Block::Paragraph(runs) => vec![plain_text(runs)],
        Block::Entries(entries) => entries
            .iter()
            .map(|e| format!("{}: {}", e.term, plain_text(&e.description)))
            .collect(),
    }
}

const CONTEXT_CHARS: usize = 40;

/// Byte ranges in `text` where `query` matches, folded as the index folds. For highlighting.
pub fn match_ranges(text: &str, query: &str) -> Vec<std::ops::Range<usize>> {
    let needle = fold(query.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    let mut folded = String::with_capacity(text.len());
    let shifts = fold_into(text, &mut folded);
    let original = |o| original_offset(&shifts, text.len(), o);
    memchr::memmem::find_iter(folded.as_bytes(), needle.as_bytes())
        .map(|start| original(start)..original(start + needle.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inline, Section};

    fn article(text: &str) -> Article {
        Article {
            sections: vec![Section {
                id: "s".into(),
                title: "Title".into(),
                blocks: vec![Block::Paragraph(vec![Inline::Text(text.into())])],
            }],
            ..Article::default()
        }
    }

    #[test]
    fn case_and_typographic_quotes_are_folded() {
        let index = Index::new(&article("Your skin’s barrier. SKIN–deep."));
        assert_eq!(index.search("skin's").len(), 1);
        assert_eq!(index.search("SKIN").len(), 2);
        assert_eq!(index.search("skin-deep").len(), 1);
    }

    #[test]
    fn unicode_case_folds() {
        let index = Index::new(&article("ÉCLAIR and Straße"));
        assert_eq!(index.search("éclair").len(), 1);
        assert_eq!(index.search("STRASSE").len(), 0);
        assert_eq!(index.search("straße").len(), 1);
    }

    #[test]
    fn no_hits_and_blank_queries_find_nothing() {
        let index = Index::new(&article("abc"));
        assert!(index.search("xyz").is_empty());
        assert!(index.search("  ").is_empty());
    }

    #[test]
    fn snippets_cut_at_words_and_mark_the_match() {
        let long = format!("{} needle {}", "word ".repeat(30), "tail ".repeat(30));
        let index = Index::new(&article(&long));
        let hits = index.search("NEEDLE");
        assert_eq!(hits.len(), 1);
        let snippet = index.snippet(&hits[0]);
        assert_eq!(&snippet.text[snippet.matched.clone()], "needle");
        assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
        assert!(snippet.text.chars().count() < 100);
        assert_eq!(hits[0].location.section(), Some(0));
    }

    #[test]
    fn matches_after_typographic_characters_map_back_to_the_original_text() {
        let index = Index::new(&article("It’s the skin’s “barrier” — really"));
        let hits = index.search("barrier\" - really");
        assert_eq!(hits.len(), 1);
        let snippet = index.snippet(&hits[0]);
        assert_eq!(&snippet.text[snippet.matched.clone()], "barrier” — really");
        let hits = index.search("skin's");
        assert_eq!(
            index.snippet(&hits[0]).text,
            "It’s the skin’s “barrier” — really"
        );
    }

    #[test]
    fn match_ranges_point_into_the_original_text() {
        let text = "It’s skin’s";
        let ranges = match_ranges(text, "'s");
        assert_eq!(ranges.len(), 2);
        assert_eq!(&text[ranges[0].clone()], "’s");
    }
}
