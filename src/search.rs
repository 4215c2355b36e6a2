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

/// One match, with a snippet of the text around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub location: Location,
    pub snippet: String,
    /// Byte range of the match within `snippet`.
    pub matched: std::ops::Range<usize>,
}

struct Unit {
    location: Location,
    text: String,
    /// `text` folded char for char, so that char positions agree.
    folded: String,
}

/// The article's searchable text, folded once.
pub struct Index {
    units: Vec<Unit>,
}

/// Folds one char: lower case, typographic quotes and dashes to plain ones, any space to ' '.
/// Always exactly one char, so folded and original texts line up char for char.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' | '`' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c if c.is_whitespace() => ' ',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

impl Index {
    pub fn new(article: &Article) -> Self {
        let mut units = Vec::new();
        let mut push = |location, text: String| {
            let folded = fold(&text);
            units.push(Unit {
                location,
                text,
                folded,
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
            for runs in [
                &b.intro,
                &b.probiotics,
                &b.prebiotics,
                &b.topical,
                &b.pairing,
            ] {
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
        Self { units }
    }

    /// Every match of `query` in reading order: lede, sections, guidance, references.
    /// An empty or blank query finds nothing.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let needle = fold(query.trim());
        if needle.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for unit in &self.units {
            let mut from = 0;
            while let Some(i) = unit.folded.get(from..).and_then(|s| s.find(&needle)) {
                let start = from + i;
                let end = start + needle.len();
                hits.push(snippet(unit, start, end));
                from = end;
            }
        }
        hits
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

/// Byte offset in `text` of the char at the same index as byte `offset` in `folded`.
fn original_offset(unit: &Unit, offset: usize) -> usize {
    let chars = unit.folded.get(..offset).map_or(0, |s| s.chars().count());
    unit.text
        .char_indices()
        .nth(chars)
        .map_or(unit.text.len(), |(i, _)| i)
}

const CONTEXT_CHARS: usize = 40;

fn snippet(unit: &Unit, start: usize, end: usize) -> Hit {
    let text = &unit.text;
    let (s, e) = (original_offset(unit, start), original_offset(unit, end));
    let before = text.get(..s).unwrap_or("");
    let after = text.get(e..).unwrap_or("");
    let mut lead: String = before
        .chars()
        .rev()
        .take(CONTEXT_CHARS)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let mut tail: String = after.chars().take(CONTEXT_CHARS).collect();
    if lead.len() < before.len() {
        // Start at a word boundary.
        if let Some(i) = lead.find(' ') {
            lead = lead[i + 1..].to_owned();
        }
        lead.insert(0, '…');
    }
    if tail.len() < after.len() {
        if let Some(i) = tail.rfind(' ') {
            tail.truncate(i);
        }
        tail.push('…');
    }
    let matched_text = text.get(s..e).unwrap_or("");
    let flat = |t: &str| t.replace(char::is_whitespace, " ");
    let lead = flat(&lead);
    let snippet = format!("{lead}{}{}", flat(matched_text), flat(&tail));
    let matched = lead.len()..lead.len() + flat(matched_text).len();
    Hit {
        location: unit.location,
        snippet,
        matched,
    }
}

/// Byte ranges in `text` where `query` matches, folded as the index folds. For highlighting.
pub fn match_ranges(text: &str, query: &str) -> Vec<std::ops::Range<usize>> {
    let needle = fold(query.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    let folded = fold(text);
    let unit = Unit {
        location: Location::Guidance,
        text: text.to_owned(),
        folded,
    };
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(i) = unit.folded.get(from..).and_then(|s| s.find(&needle)) {
        let start = from + i;
        let end = start + needle.len();
        ranges.push(original_offset(&unit, start)..original_offset(&unit, end));
        from = end;
    }
    ranges
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
        let hits = Index::new(&article(&long)).search("NEEDLE");
        assert_eq!(hits.len(), 1);
        let hit = &hits[0];
        assert_eq!(&hit.snippet[hit.matched.clone()], "needle");
        assert!(hit.snippet.starts_with('…') && hit.snippet.ends_with('…'));
        assert!(hit.snippet.chars().count() < 100);
        assert_eq!(hit.location.section(), Some(0));
    }

    #[test]
    fn match_ranges_point_into_the_original_text() {
        let text = "It’s skin’s";
        let ranges = match_ranges(text, "'s");
        assert_eq!(ranges.len(), 2);
        assert_eq!(&text[ranges[0].clone()], "’s");
    }
}
