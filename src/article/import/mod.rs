//! Plain text and Markdown articles to an article folder: headings become sections, `[n]`
//! markers citations, "Term: description" runs entry lists, and the numbered list after
//! "References" the reference list. No guidance is made up. Pure: text in, model out;
//! [`write_folder`] writes the files.

use crate::article::ident::slug;
use crate::article::model::{ArticleFile, Block, Entry, Reference, Section, plain_text};

mod folder;
mod markdown;
mod text;

pub use folder::{article_ron, references_ron, write_folder};
pub use markdown::from_markdown;
pub use text::from_text;

/// What an import made, and what it could not place.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    pub article: ArticleFile,
    pub references: Vec<Reference>,
    /// One line for each thing that was left out or changed in kind, with its line number.
    pub unplaced: Vec<String>,
}

impl Imported {
    /// How many entry lists, entries and citations the sections hold.
    pub fn counts(&self) -> (usize, usize, usize) {
        let blocks = || self.article.sections.iter().flat_map(|s| &s.blocks);
        let lists: Vec<&Vec<Entry>> = blocks()
            .filter_map(|b| match b {
                Block::Entries(e) => Some(e),
                Block::Paragraph(_) => None,
            })
            .collect();
        let citations = self
            .article
            .sections
            .iter()
            .map(|s| s.citations().count())
            .sum::<usize>()
            + self
                .article
                .lede
                .iter()
                .flat_map(Block::inline_runs)
                .flatten()
                .filter(|r| r.cite().is_some())
                .count();
        (lists.len(), lists.iter().map(|l| l.len()).sum(), citations)
    }
}

/// Headings that start the reference list.
fn is_references_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').trim().to_lowercase();
    matches!(
        t.as_str(),
        "references" | "reference list" | "sources" | "bibliography" | "works cited" | "citations"
    )
}

/// Gives each section a unique slug id.
fn name_sections(sections: &mut [Section]) {
    let mut seen = std::collections::HashSet::new();
    for (i, s) in sections.iter_mut().enumerate() {
        let base = match slug(&s.title) {
            b if b.is_empty() => format!("section-{}", i + 1),
            b => b,
        };
        let mut id = base.clone();
        let mut n = 2;
        while !seen.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        s.id = id;
    }
}

/// "Term: description", where the term is a few words that do not end a sentence.
fn split_entry(text: &str) -> Option<(&str, &str)> {
    let (term, rest) = text.split_once(": ")?;
    let words = term.split_whitespace().count();
    let first = term.chars().next()?;
    (words <= 6
        && term.chars().count() <= 48
        && first.is_uppercase()
        && !term.contains(['.', '[', ']', '*', '<', '?', '!'])
        && !rest.trim().is_empty())
    .then_some((term.trim(), rest.trim()))
}

/// Paragraph texts (short form) to blocks: runs of two or more "Term: description"
/// paragraphs become one entry list.
fn blocks(paragraphs: Vec<String>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < paragraphs.len() {
        let run = paragraphs[i..]
            .iter()
            .take_while(|p| split_entry(p).is_some())
            .count();
        if run >= 2 {
            let entries = paragraphs[i..i + run]
                .iter()
                .filter_map(|p| split_entry(p))
                .map(|(term, description)| Entry {
                    term: plain_text(&crate::article::markup::parse(term)),
                    description: crate::article::markup::parse(description),
                })
                .collect();
            out.push(Block::Entries(entries));
            i += run;
        } else {
            out.push(Block::Paragraph(crate::article::markup::parse(
                &paragraphs[i],
            )));
            i += 1;
        }
    }
    out
}

/// A numbered reference line: `1. text`, `1) text`, `[1] text`, `1.text`.
fn reference_line(line: &str) -> Option<(u32, &str)> {
    let t = line.trim_start();
    let (number, rest) = if let Some(r) = t.strip_prefix('[') {
        let (n, rest) = r.split_once(']')?;
        (n, rest)
    } else {
        let end = t.find(|c: char| !c.is_ascii_digit())?;
        let rest = &t[end..];
        let rest = rest.strip_prefix(['.', ')'])?;
        (&t[..end], rest)
    };
    let n: u32 = number.trim().parse().ok()?;
    let printed = rest.trim();
    (n > 0 && !printed.is_empty()).then_some((n, printed))
}

fn reference(number: u32, printed: &str) -> Reference {
    Reference {
        number,
        printed: printed.to_owned(),
        ..Reference::default()
    }
}

/// Escapes what the short form would read as marks, leaving `[` and `]` so that `[n]`
/// markers stay citations.
fn keep_text(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if matches!(c, '*' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Builds the article from the lede and the sections' paragraphs, and names what is missing.
fn finish(imported: &mut Imported, lede: Vec<String>, sections: Vec<(String, Vec<String>)>) {
    let article = &mut imported.article;
    article.id = match slug(&article.title) {
        s if s.is_empty() => "article".to_owned(),
        s => s,
    };
    if article.title.is_empty() {
        imported.unplaced.push("no title found".to_owned());
    }
    article.lede = blocks(lede);
    for (title, paragraphs) in sections {
        if paragraphs.is_empty() {
            imported.unplaced.push(format!(
                "heading \"{title}\" has no text under it: left out"
            ));
            continue;
        }
        article.sections.push(Section {
            id: String::new(),
            title,
            blocks: blocks(paragraphs),
        });
    }
    name_sections(&mut article.sections);
    if article.sections.is_empty() {
        imported
            .unplaced
            .push("no section headings found".to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::text::is_heading_line;
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("What is the Gut-Skin Axis?"),
            "what-is-the-gut-skin-axis"
        );
        assert_eq!(slug("Café & Crème"), "cafe-creme");
        assert_eq!(slug("微生物"), "");
    }

    #[test]
    fn reference_lines() {
        assert_eq!(reference_line("6.Amr Molla, X"), Some((6, "Amr Molla, X")));
        assert_eq!(reference_line("[12] A. B."), Some((12, "A. B.")));
        assert_eq!(reference_line("2021 was a year"), None);
    }

    #[test]
    fn headings_in_plain_text() {
        assert!(is_heading_line("Probiotics vs. Prebiotics: What’s Better?"));
        assert!(is_heading_line(
            "Why Skin Renewal is Key for Clear, Glowing Skin"
        ));
        assert!(!is_heading_line(
            "Here are a few of our favourite gut-skin friendly foods:"
        ));
        assert!(!is_heading_line(
            "Find out what formulas are suitable for your skin."
        ));
    }

    #[test]
    fn a_wrapped_text_article() {
        let text = "A Title Here\n\nIntro text that\nwraps [1].\n\nFirst Section Heading\n\n\
                    Alpha: one.\nBeta: two [2].\n\nPlain words.\n\nReferences\n1. Ref one.\n\
                    doi: 10.1000/x\n2. Ref two.\n";
        let imported = from_text(text);
        assert_eq!(imported.article.title, "A Title Here");
        assert_eq!(imported.article.sections.len(), 1);
        assert_eq!(imported.references.len(), 2);
        assert_eq!(imported.references[0].printed, "Ref one. doi: 10.1000/x");
        assert_eq!(imported.counts(), (0, 0, 2));
    }
}
