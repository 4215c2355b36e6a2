//! The article as plain data: sections of blocks of inline runs, numbered references and the
//! guidance panel's items. Knows nothing of egui or files; `load` builds it and checks it.

use serde::{Deserialize, Serialize};

use crate::article::markup::Inline;

/// A whole article: what `article.ron`, `references.ron` and `guidance.ron` describe together.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    pub id: String,
    pub title: String,
    /// The paragraphs before the first section.
    pub lede: Vec<Block>,
    /// Sections in reading order.
    pub sections: Vec<Section>,
    /// References in the order the article lists them.
    pub references: Vec<Reference>,
    pub guidance: Guidance,
}

/// The contents of `article.ron`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleFile {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub lede: Vec<Block>,
    pub sections: Vec<Section>,
}

/// One titled part of the article, shown as one page of the reader.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// A slug: lower-case ASCII letters, digits and single hyphens.
    pub id: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// A paragraph or a list of term/description entries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Block {
    Paragraph(#[serde(with = "crate::article::markup::runs")] Vec<Inline>),
    Entries(Vec<Entry>),
}

/// A term and its description, such as a skin condition or a food.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub term: String,
    #[serde(with = "crate::article::markup::runs")]
    pub description: Vec<Inline>,
}

/// One entry of the reference list. `printed` is the citation exactly as the article prints it;
/// the other fields take it apart so that the reader can show links. Only `number` and `printed`
/// are needed: identifiers left out are found in `printed` (see [`crate::article::ident`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub number: u32,
    #[serde(default)]
    pub authors: Vec<String>,
    /// When absent, taken from `printed` without its identifiers.
    #[serde(default)]
    pub title: String,
    /// The journal or site.
    #[serde(default)]
    pub source: Option<String>,
    /// A year or a date, as printed.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub volume: Option<String>,
    #[serde(default)]
    pub issue: Option<String>,
    #[serde(default)]
    pub pages: Option<String>,
    #[serde(default)]
    pub issn: Option<String>,
    #[serde(default)]
    pub doi: Option<String>,
    #[serde(default)]
    pub pmid: Option<String>,
    #[serde(default)]
    pub pmcid: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    pub printed: String,
    /// Flaws in the data, shown discreetly beside the reference.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The contents of `guidance.ron`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    #[serde(default)]
    pub foods: Vec<Food>,
    #[serde(default)]
    pub biotics: Option<Biotics>,
    #[serde(default)]
    pub disruptors: Option<Disruptors>,
    #[serde(default)]
    pub barrier_note: Option<Note>,
}

impl Guidance {
    /// Whether there is nothing to show: no foods and none of the other parts.
    pub fn is_empty(&self) -> bool {
        self.foods.is_empty()
            && self.biotics.is_none()
            && self.disruptors.is_none()
            && self.barrier_note.is_none()
    }
}

/// A food the article recommends.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Food {
    pub name: String,
    #[serde(default)]
    pub examples: Vec<String>,
    #[serde(default)]
    pub nutrients: Vec<String>,
    /// What the article says the food does.
    #[serde(with = "crate::article::markup::runs")]
    pub text: Vec<Inline>,
    /// References behind the advice.
    #[serde(default)]
    pub cites: Vec<u32>,
    /// The id of the section the food comes from.
    pub section: String,
}

/// Probiotics, prebiotics, topical probiotics and the advice on pairing them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Biotics {
    #[serde(default, with = "crate::article::markup::runs")]
    pub intro: Vec<Inline>,
    #[serde(with = "crate::article::markup::runs")]
    pub probiotics: Vec<Inline>,
    #[serde(with = "crate::article::markup::runs")]
    pub prebiotics: Vec<Inline>,
    #[serde(with = "crate::article::markup::runs")]
    pub topical: Vec<Inline>,
    #[serde(with = "crate::article::markup::runs")]
    pub pairing: Vec<Inline>,
    pub section: String,
}

/// The everyday things the article says upset the microbiome.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disruptors {
    pub names: Vec<String>,
    #[serde(with = "crate::article::markup::runs")]
    pub text: Vec<Inline>,
    pub section: String,
}

/// A short passage of the article with the section it comes from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    #[serde(with = "crate::article::markup::runs")]
    pub text: Vec<Inline>,
    pub section: String,
}

/// Where a citation stands: which section, and its order among that section's citations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CitePlace {
    pub section: usize,
    /// Counts the section's citation markers from 0, in reading order.
    pub ordinal: usize,
    pub number: u32,
}

impl Block {
    /// The inline runs of the block, entry descriptions one after another.
    pub fn inline_runs(&self) -> Box<dyn Iterator<Item = &[Inline]> + '_> {
        match self {
            Block::Paragraph(runs) => Box::new(std::iter::once(runs.as_slice())),
            Block::Entries(entries) => Box::new(entries.iter().map(|e| e.description.as_slice())),
        }
    }
}

impl Section {
    /// The numbers this section cites, in reading order, repeats included.
    pub fn citations(&self) -> impl Iterator<Item = u32> + '_ {
        self.blocks
            .iter()
            .flat_map(Block::inline_runs)
            .flat_map(|runs| runs.iter())
            .filter_map(Inline::cite)
    }
}

impl Biotics {
    /// The passages in the order the panel shows them: intro, probiotics, prebiotics,
    /// topical probiotics, pairing.
    pub fn passages(&self) -> [&[Inline]; 5] {
        [
            &self.intro,
            &self.probiotics,
            &self.prebiotics,
            &self.topical,
            &self.pairing,
        ]
    }
}

impl Guidance {
    /// How many items the panel shows: foods, the four biotics topics, disruptors, the note.
    pub fn item_count(&self) -> usize {
        self.foods.len()
            + self.biotics.as_ref().map_or(0, |_| 4)
            + self.disruptors.as_ref().map_or(0, |d| d.names.len())
            + usize::from(self.barrier_note.is_some())
    }
}

impl Reference {
    /// `https://doi.org/...` for the DOI, if there is one.
    pub fn doi_url(&self) -> Option<String> {
        self.doi.as_ref().map(|d| format!("https://doi.org/{d}"))
    }

    pub fn pubmed_url(&self) -> Option<String> {
        self.pmid
            .as_ref()
            .map(|p| format!("https://pubmed.ncbi.nlm.nih.gov/{p}/"))
    }

    pub fn pmc_url(&self) -> Option<String> {
        self.pmcid
            .as_ref()
            .map(|p| format!("https://pmc.ncbi.nlm.nih.gov/articles/{p}/"))
    }

    /// Authors joined for display: "A, B and C".
    pub fn authors_line(&self) -> String {
        match self.authors.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }

    /// Source, volume(issue), pages and date in one line, the parts that exist.
    pub fn source_line(&self) -> String {
        let mut parts = Vec::new();
        if let Some(source) = &self.source {
            parts.push(source.clone());
        }
        let mut vol = String::new();
        if let Some(v) = &self.volume {
            vol.push_str(v);
        }
        if let Some(i) = &self.issue {
            vol.push_str(&format!("({i})"));
        }
        if let Some(p) = &self.pages {
            if !vol.is_empty() {
                vol.push(':');
            }
            vol.push_str(p);
        }
        if !vol.is_empty() {
            parts.push(vol);
        }
        if let Some(d) = &self.date {
            parts.push(d.clone());
        }
        parts.join(", ")
    }

    /// The identifier field of a kind.
    pub fn ident_mut(&mut self, kind: crate::article::ident::Kind) -> &mut Option<String> {
        use crate::article::ident::Kind;
        match kind {
            Kind::Doi => &mut self.doi,
            Kind::Pmid => &mut self.pmid,
            Kind::Pmcid => &mut self.pmcid,
            Kind::Issn => &mut self.issn,
            Kind::Url => &mut self.url,
        }
    }

    /// Every link the reference carries, labelled, in a fixed order.
    pub fn links(&self) -> Vec<(&'static str, String)> {
        let mut links = Vec::new();
        if let Some(u) = self.doi_url() {
            links.push(("DOI", u));
        }
        if let Some(u) = self.pubmed_url() {
            links.push(("PubMed", u));
        }
        if let Some(u) = self.pmc_url() {
            links.push(("PMC", u));
        }
        if let Some(u) = &self.url {
            links.push(("Link", u.clone()));
        }
        links
    }
}

impl Article {
    pub fn section_index(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }

    pub fn reference(&self, number: u32) -> Option<&Reference> {
        self.references.iter().find(|r| r.number == number)
    }

    /// For each reference number, every place in the sections that cites it, in reading
    /// order. One pass over the article, so that panels need not search it every frame.
    pub fn citation_index(&self) -> std::collections::HashMap<u32, Vec<CitePlace>> {
        let mut index: std::collections::HashMap<u32, Vec<CitePlace>> = Default::default();
        for (section, s) in self.sections.iter().enumerate() {
            for (ordinal, number) in s.citations().enumerate() {
                index.entry(number).or_default().push(CitePlace {
                    section,
                    ordinal,
                    number,
                });
            }
        }
        index
    }

    /// The sorted, distinct reference numbers the given section cites.
    pub fn section_citations(&self, section: usize) -> Vec<u32> {
        let mut numbers: Vec<u32> = self
            .sections
            .get(section)
            .map(|s| s.citations().collect())
            .unwrap_or_default();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }
}

/// Plain text of inline runs, as a reader sees it: citations written as `[n]`, emphasis
/// without its marks, a link as its address.
pub fn plain_text(runs: &[Inline]) -> String {
    let mut out = String::new();
    for run in runs {
        match run {
            Inline::Text(t) | Inline::Emphasis(t) | Inline::Link(t) => out.push_str(t),
            Inline::Cite(n) => out.push_str(&format!("[{n}]")),
        }
    }
    out
}

/// Whether a title or other plain text reads right to left (see [`is_right_to_left`]).
pub fn is_right_to_left_text(text: &str) -> bool {
    unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl
}

/// Whether running text reads right to left: its first strong character is Arabic, Hebrew or
/// another right-to-left script (the Unicode bidi algorithm's paragraph direction).
pub fn is_right_to_left(runs: &[Inline]) -> bool {
    runs.iter()
        .find_map(|run| match run {
            Inline::Text(t) | Inline::Emphasis(t) | Inline::Link(t) => {
                match unicode_bidi::get_base_direction(t.as_str()) {
                    unicode_bidi::Direction::Mixed => None,
                    direction => Some(direction == unicode_bidi::Direction::Rtl),
                }
            }
            Inline::Cite(_) => None,
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Reference {
        Reference {
            number: 1,
            authors: vec!["A".into(), "B".into(), "C".into()],
            title: "T".into(),
            source: Some("J".into()),
            date: Some("2020".into()),
            volume: Some("3".into()),
            issue: Some("4".into()),
            pages: Some("5-6".into()),
            doi: Some("10.1/x".into()),
            pmid: Some("9".into()),
            ..Reference::default()
        }
    }

    #[test]
    fn the_first_strong_character_sets_the_direction() {
        let rtl = crate::article::markup::parse("[1] يؤثر ميكروبيوم الأمعاء (gut) على صحة الجلد.");
        assert!(is_right_to_left(&rtl));
        assert!(is_right_to_left(&crate::article::markup::parse(
            "מיקרוביום המעי"
        )));
        assert!(!is_right_to_left(&crate::article::markup::parse(
            "The gut (الأمعاء) [1]"
        )));
        assert!(!is_right_to_left(&crate::article::markup::parse(
            "[1] 2024"
        )));
    }

    #[test]
    fn reference_lines_join_the_parts_that_exist() {
        let r = reference();
        assert_eq!(r.authors_line(), "A, B and C");
        assert_eq!(r.source_line(), "J, 3(4):5-6, 2020");
        let labels: Vec<_> = r.links().into_iter().map(|(l, _)| l).collect();
        assert_eq!(labels, ["DOI", "PubMed"]);
        assert_eq!(r.doi_url().as_deref(), Some("https://doi.org/10.1/x"));
    }

    #[test]
    fn cited_in_counts_ordinals_per_section() {
        let article = Article {
            sections: vec![Section {
                id: "a".into(),
                title: "A".into(),
                blocks: vec![
                    Block::Paragraph(vec![Inline::Cite(2), Inline::Cite(1)]),
                    Block::Entries(vec![Entry {
                        term: "t".into(),
                        description: vec![Inline::Cite(1)],
                    }]),
                ],
            }],
            ..Article::default()
        };
        let places = &article.citation_index()[&1];
        assert_eq!(places.len(), 2);
        assert_eq!(places[0].ordinal, 1);
        assert_eq!(places[1].ordinal, 2);
        assert_eq!(article.section_citations(0), [1, 2]);
    }
}
