//! Full-text search over an article (pure): case-insensitive, Unicode-aware, and typographic
//! quotes and dashes match their plain forms. The index is folded once per article.

use crate::article::model::{Article, Block, plain_text};

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

/// Separates units in the folded buffer; no folded query contains it.
const SEPARATOR: char = '\u{0}';

/// How a query matches the text. In both, case is folded fully (ß matches ss, Σ matches σ
/// and ς), text is compared after compatibility decomposition (é typed as one character or as
/// e and a combining accent match each other, ﬁ matches fi), and typographic quotes and
/// dashes match their plain forms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Accents {
    /// Accents are ignored, as in browsers' find: "e" finds "é", Greek tonos is ignored.
    #[default]
    Ignored,
    /// Accents must match: "e" does not find "é".
    Matched,
}

/// Accents and other marks that are dropped when accents are ignored: the combining
/// diacritical marks that Latin, Greek and Cyrillic letters decompose into, Hebrew points
/// and Arabic vowel marks. The vowel signs of Indic scripts and the kana voicing marks are
/// parts of letters there and are kept.
fn is_accent(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'..='\u{05C7}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}')
}

/// Whether a match ending at byte `end` of `folded` would cut a letter from its marks: with
/// accents matched, "cafe" must not find the first four letters of "café" written as e and a
/// combining accent.
fn cuts_marks(folded: &str, end: usize, accents: Accents) -> bool {
    accents == Accents::Matched
        && folded
            .get(end..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(unicode_normalization::char::is_combining_mark)
}

/// Appends the folded form of `c` to `out`: none, one or several characters.
fn fold_char_into(c: char, accents: Accents, out: &mut String) {
    if c.is_ascii() {
        out.push(match c {
            '`' => '\'',
            c if c == SEPARATOR || c.is_ascii_whitespace() => ' ',
            c => c.to_ascii_lowercase(),
        });
        return;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' => out.push('\''),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => out.push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        c if c.is_whitespace() => out.push(' '),
        c => unicode_normalization::char::decompose_compatible(c, |d| {
            if accents == Accents::Ignored && is_accent(d) {
                return;
            }
            match d {
                // Full case folding where lower-casing is not enough.
                'ß' | 'ẞ' => out.push_str("ss"),
                'ς' => out.push('σ'),
                d => out.extend(d.to_lowercase()),
            }
        }),
    }
}

/// The folded form of `text`, as queries and the index are compared.
pub fn fold(text: &str, accents: Accents) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char_into(c, accents, &mut out);
    }
    out
}

/// Where a character's folded form does not line up byte for byte with the original: its byte
/// ranges in the folded text and in the original. Between two of these, bytes map one to one.
#[derive(Clone, Copy, Debug)]
struct Seg {
    folded: u32,
    folded_end: u32,
    original: u32,
    original_end: u32,
}

/// Appends `text` folded to `out`; returns where the two do not line up (see [`Seg`]),
/// offsets counted from where `text` starts in `out`.
fn fold_into(text: &str, accents: Accents, out: &mut String) -> Vec<Seg> {
    let start = out.len();
    let mut segs = Vec::new();
    let mut one = String::new();
    for (at, c) in text.char_indices() {
        one.clear();
        fold_char_into(c, accents, &mut one);
        let folded = out.len() - start;
        out.push_str(&one);
        let lines_up = one.len() == c.len_utf8() && one.chars().count() == 1;
        if !lines_up {
            segs.push(Seg {
                folded: folded as u32,
                folded_end: (folded + one.len()) as u32,
                original: at as u32,
                original_end: (at + c.len_utf8()) as u32,
            });
        }
    }
    segs
}

/// Byte offset in the original text of byte `offset` of its folded form. An offset inside
/// one character's folded form maps to that character's start (`end` false) or end (`end`
/// true), so that a match always covers whole characters; a dropped accent goes with the
/// letter before it.
fn original_offset(segs: &[Seg], len: usize, offset: usize, end: bool) -> usize {
    let i = segs.partition_point(|s| s.folded_end as usize <= offset);
    if let Some(s) = segs.get(i)
        && (s.folded as usize) < offset
    {
        return if end { s.original_end } else { s.original } as usize;
    }
    let (folded, original) = match i.checked_sub(1).and_then(|i| segs.get(i)) {
        Some(s) => (s.folded_end as usize, s.original_end as usize),
        None => (0, 0),
    };
    (offset - folded + original).min(len)
}

/// One of [`Index::texts`], folded: the text and its location stay in the index, once.
struct Unit {
    /// Where the unit's folded text starts in its folded buffer.
    start: usize,
    /// The byte length of the original text.
    len: usize,
    /// Where the folded text and the original do not line up.
    segs: Vec<Seg>,
}

/// The units of an article folded one way, into one buffer, so that a query is a single SIMD
/// substring scan.
struct Folded {
    buffer: String,
    units: Vec<Unit>,
}

/// The article's searchable text. The accent-ignoring fold is made at once; the
/// accent-matching one on first use.
pub struct Index {
    texts: Vec<(Location, String)>,
    ignored: Folded,
    matched: std::sync::OnceLock<Folded>,
}

impl Unit {
    fn original_offset(&self, offset: usize, end: bool) -> usize {
        original_offset(&self.segs, self.len, offset, end)
    }
}

impl Folded {
    fn new(texts: &[(Location, String)], accents: Accents) -> Self {
        let mut buffer = String::new();
        let mut units = Vec::with_capacity(texts.len());
        for (_, text) in texts {
            let start = buffer.len();
            let segs = fold_into(text, accents, &mut buffer);
            buffer.push(SEPARATOR);
            units.push(Unit {
                start,
                len: text.len(),
                segs,
            });
        }
        Self { buffer, units }
    }
}

impl Index {
    pub fn new(article: &Article) -> Self {
        let mut texts = Vec::new();
        let mut push = |location, text: String| texts.push((location, text));
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
        let ignored = Folded::new(&texts, Accents::Ignored);
        Self {
            texts,
            ignored,
            matched: std::sync::OnceLock::new(),
        }
    }

    /// Every text the index holds: the running text, titles, guidance and references.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.texts.iter().map(|(_, t)| t.as_str())
    }

    fn folded(&self, accents: Accents) -> &Folded {
        match accents {
            Accents::Ignored => &self.ignored,
            Accents::Matched => self
                .matched
                .get_or_init(|| Folded::new(&self.texts, Accents::Matched)),
        }
    }

    /// Every match of `query` in reading order: lede, sections, guidance, references; accents
    /// ignored. An empty or blank query finds nothing.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_with(query, Accents::Ignored)
    }

    /// Every match of `query`, with accents ignored or matched.
    pub fn search_with(&self, query: &str, accents: Accents) -> Vec<Hit> {
        let needle = fold(query.trim(), accents);
        if needle.is_empty() {
            return Vec::new();
        }
        let folded = self.folded(accents);
        let mut hits = Vec::new();
        let mut unit = 0;
        for start in memchr::memmem::find_iter(folded.buffer.as_bytes(), needle.as_bytes()) {
            if cuts_marks(&folded.buffer, start + needle.len(), accents) {
                continue;
            }
            // Hits come in order, so the unit only ever moves forward.
            while folded.units.get(unit + 1).is_some_and(|u| u.start <= start) {
                unit += 1;
            }
            let Some(u) = folded.units.get(unit) else {
                break;
            };
            let from = start - u.start;
            let range =
                u.original_offset(from, false)..u.original_offset(from + needle.len(), true);
            let Some((location, _)) = self.texts.get(unit) else {
                break;
            };
            hits.push(Hit {
                location: *location,
                unit,
                range,
            });
        }
        hits
    }

    /// The text around a hit, cut at word boundaries, the match marked.
    pub fn snippet(&self, hit: &Hit) -> Snippet {
        let text = self.texts.get(hit.unit).map_or("", |(_, t)| t.as_str());
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

/// Byte ranges in `text` where `query` matches, folded as the index folds. For highlighting:
/// the ranges cover whole characters of the original text, accents included.
pub fn match_ranges(text: &str, query: &str, accents: Accents) -> Vec<std::ops::Range<usize>> {
    let needle = fold(query.trim(), accents);
    if needle.is_empty() {
        return Vec::new();
    }
    let mut folded = String::with_capacity(text.len());
    let segs = fold_into(text, accents, &mut folded);
    let original = |o, end| original_offset(&segs, text.len(), o, end);
    memchr::memmem::find_iter(folded.as_bytes(), needle.as_bytes())
        .filter(|start| !cuts_marks(&folded, start + needle.len(), accents))
        .map(|start| original(start, false)..original(start + needle.len(), true))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::markup::Inline;
    use crate::article::model::Section;

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
        assert_eq!(index.search("straße").len(), 1);
    }

    /// The hits of `query` in `text`, as the matched original text.
    fn found(text: &str, query: &str, accents: Accents) -> Vec<String> {
        let index = Index::new(&article(text));
        index
            .search_with(query, accents)
            .iter()
            .map(|h| {
                let s = index.snippet(h);
                s.text[s.matched].to_owned()
            })
            .collect()
    }

    #[test]
    fn sharp_s_folds_to_ss_both_ways() {
        assert_eq!(found("Straße", "STRASSE", Accents::Ignored), ["Straße"]);
        assert_eq!(found("STRASSE", "straße", Accents::Ignored), ["STRASSE"]);
        assert_eq!(found("GROẞ", "groß", Accents::Matched), ["GROẞ"]);
        // A match may start inside what ß folds to: it covers the whole ß.
        assert_eq!(found("Straße", "se", Accents::Ignored), ["ße"]);
    }

    #[test]
    fn greek_capitals_find_accented_lower_case_and_final_sigma() {
        assert_eq!(
            found("μικροβίωμα", "ΜΙΚΡΟΒΙΩΜΑ", Accents::Ignored),
            ["μικροβίωμα"]
        );
        assert_eq!(found("ΟΔΟΣ", "οδος", Accents::Ignored), ["ΟΔΟΣ"]);
        assert_eq!(found("οδός", "ΟΔΟΣ", Accents::Ignored), ["οδός"]);
        // With accents matched, the tonos counts.
        assert!(found("μικροβίωμα", "ΜΙΚΡΟΒΙΩΜΑ", Accents::Matched).is_empty());
    }

    #[test]
    fn composed_and_decomposed_accents_are_the_same_text() {
        let composed = "caf\u{e9}";
        let decomposed = "cafe\u{301}";
        for accents in [Accents::Ignored, Accents::Matched] {
            assert_eq!(found(composed, decomposed, accents), [composed]);
            assert_eq!(found(decomposed, composed, accents), [decomposed]);
        }
        // The highlight covers the combining accent too.
        let ranges = match_ranges(decomposed, "cafe", Accents::Ignored);
        assert_eq!(ranges.len(), 1);
        assert_eq!(ranges[0], 0..decomposed.len());
    }

    #[test]
    fn accents_are_ignored_by_default_and_matched_on_request() {
        assert_eq!(
            found("Café crème", "cafe creme", Accents::Ignored),
            ["Café crème"]
        );
        assert!(found("Café", "cafe", Accents::Matched).is_empty());
        assert_eq!(
            found("resume résumé", "résumé", Accents::Matched),
            ["résumé"]
        );
        assert_eq!(
            found("resume résumé", "résumé", Accents::Ignored),
            ["resume", "résumé"]
        );
    }

    #[test]
    fn compatibility_forms_fold_and_other_scripts_keep_their_marks() {
        assert_eq!(found("ﬁbre", "fibre", Accents::Ignored), ["ﬁbre"]);
        // Devanagari vowel signs are part of the letter, not accents.
        assert!(found("किताब", "कताब", Accents::Ignored).is_empty());
        assert_eq!(found("किताब", "किताब", Accents::Ignored), ["किताब"]);
        // Japanese voiced kana match whether composed or not.
        assert_eq!(found("が", "\u{304b}\u{3099}", Accents::Ignored), ["が"]);
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
        let ranges = match_ranges(text, "'s", Accents::Ignored);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&text[ranges[0].clone()], "’s");
    }
}
