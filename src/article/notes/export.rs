//! Notes out of the reader: a tab-separated list for scripts, Markdown for people, and JSON
//! in the W3C Web Annotation Data Model (text quote and text position selectors), which
//! Hypothesis and other annotation tools read. Pure functions of the article and its notes.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::store::ArticleRef;
use super::{Annotation, Placed, Texts, Unit, reading_order, tsv_field};
use crate::article::model::Article;

/// The notes export formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum NotesFormat {
    #[default]
    Md,
    Json,
}

impl NotesFormat {
    /// The format a file name asks for: JSON for `.json`/`.jsonld`, else Markdown.
    pub fn from_path(path: &std::path::Path) -> Self {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("json" | "jsonld") => NotesFormat::Json,
            _ => NotesFormat::Md,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            NotesFormat::Md => "md",
            NotesFormat::Json => "json",
        }
    }
}

/// The notes in `format`: [`markdown`] or [`web_annotations`].
pub fn render(
    format: NotesFormat,
    article: &Article,
    source: &ArticleRef,
    texts: &Texts,
    notes: &[Annotation],
    placed: &[Placed],
) -> String {
    match format {
        NotesFormat::Md => markdown(article, notes, placed),
        NotesFormat::Json => web_annotations(article, source, texts, notes, placed),
    }
}

/// The name a unit goes by in the list: its section id, `(lede)`, or `orphaned`.
fn unit_name(article: &Article, placed: &Placed, a: &Annotation) -> String {
    match placed {
        Placed::At {
            unit: Unit::Lede, ..
        } => "(lede)".into(),
        Placed::At {
            unit: Unit::Guidance,
            ..
        } => "(guidance)".into(),
        Placed::At { unit, .. } => unit
            .id(article)
            .unwrap_or_else(|| a.section.clone().unwrap_or_default()),
        Placed::Orphaned => "orphaned".into(),
    }
}

/// One `SECTION<TAB>COLOUR<TAB>QUOTE<TAB>NOTE` line per annotation, in reading order; tabs,
/// line breaks and backslashes in the quote and note written `\t`, `\n`, `\\`.
pub fn list(article: &Article, notes: &[Annotation], placed: &[Placed]) -> String {
    let mut out = String::new();
    for i in reading_order(notes, placed) {
        let a = &notes[i];
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            unit_name(article, &placed[i], a),
            a.colour.name(),
            tsv_field(&a.quote.exact),
            tsv_field(&a.note)
        ));
    }
    out
}

/// The reference numbers cited in `text` as `[n]`.
pub fn cited(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        rest = &rest[open + 1..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty()
            && rest[digits.len()..].starts_with(']')
            && let Ok(n) = digits.parse()
        {
            out.push(n);
        }
    }
    out
}

/// A quote with its citations' references written out, for the clipboard ("Copy with
/// citation"): the quote in quotation marks, where it is from, then each cited reference.
pub fn quote_with_citation(article: &Article, unit: Unit, quote: &str) -> String {
    let mut out = format!("“{}”", quote.trim());
    let place = match unit {
        Unit::Lede => String::new(),
        Unit::Guidance => ", guidance".to_owned(),
        Unit::Section(i) => article
            .sections
            .get(i)
            .map(|s| format!(", “{}”", s.title))
            .unwrap_or_default(),
    };
    out.push_str(&format!("\n— {}{place}\n", article.title));
    let numbers: BTreeSet<u32> = cited(quote).into_iter().collect();
    if !numbers.is_empty() {
        out.push('\n');
        for n in numbers {
            if let Some(r) = article.reference(n) {
                out.push_str(&format!("[{n}] {}\n", r.printed.trim()));
            }
        }
    }
    out
}

/// Lines of text as Markdown lines after `lead` (`> ` for a quote), each escaped.
fn md_lines(out: &mut String, lead: &str, text: &str) {
    let lines: Vec<&str> = text.trim().lines().map(str::trim).collect();
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            out.push_str(lead.trim_end());
        } else {
            out.push_str(lead);
            out.push_str(&crate::article::export::markdown_escape(line));
            // A line break inside a paragraph is kept: a backslash is CommonMark's hard break.
            if lines.get(i + 1).is_some_and(|next| !next.is_empty()) {
                out.push('\\');
            }
        }
        out.push('\n');
    }
}

/// A note as one Markdown paragraph per paragraph of it, its line breaks kept (a backslash
/// at a line's end is CommonMark's hard break).
fn note_md(out: &mut String, note: &str) {
    for (i, para) in note.trim().split("\n\n").enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let lines: Vec<String> = para
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(crate::article::export::markdown_escape)
            .collect();
        out.push_str(&lines.join("\\\n"));
        out.push('\n');
    }
}

/// The notes as Markdown: a heading per section in reading order, each quote a blockquote,
/// its note below it and its colour named; orphaned notes after them; then the references
/// the quotes cite.
pub fn markdown(article: &Article, notes: &[Annotation], placed: &[Placed]) -> String {
    let mut out = format!(
        "# Notes on “{}”\n\n",
        crate::article::export::markdown_escape(&article.title)
    );
    if notes.is_empty() {
        out.push_str("No highlights or notes yet.\n");
        return out;
    }
    let mut heading: Option<Option<Unit>> = None;
    let mut numbers = BTreeSet::new();
    for i in reading_order(notes, placed) {
        let a = &notes[i];
        let unit = placed[i].unit();
        if heading != Some(unit) {
            heading = Some(unit);
            let title = super::group_title(article, unit);
            out.push_str(&format!(
                "## {}\n\n",
                crate::article::export::markdown_escape(&title)
            ));
            if unit.is_none() {
                out.push_str(
                    "Their text is no longer in the article; they are kept as they were.\n\n",
                );
            }
        }
        md_lines(&mut out, "> ", &a.quote.exact);
        out.push('\n');
        numbers.extend(cited(&a.quote.exact));
        if !a.note.trim().is_empty() {
            note_md(&mut out, &a.note);
            out.push('\n');
        }
        let what = if a.note.trim().is_empty() {
            "highlight"
        } else {
            "highlight with a note"
        };
        let day = a.modified.get(..10).unwrap_or(&a.modified);
        out.push_str(&format!("*{} {what}, {day}*\n\n", a.colour.title()));
    }
    let refs: Vec<_> = numbers
        .into_iter()
        .filter_map(|n| article.reference(n))
        .collect();
    if !refs.is_empty() {
        out.push_str("## References\n\n");
        for r in refs {
            out.push_str(&format!(
                "- \\[{}\\] {}\n",
                r.number,
                crate::article::export::markdown_escape(r.printed.trim())
            ));
        }
    }
    out
}

/// The notes as a W3C Web Annotation collection (JSON-LD): each highlight an `Annotation`
/// whose target is the section (`SOURCE#SECTION-ID`, `#lede` for the lede) with a
/// `TextQuoteSelector` and, where it is placed, a `TextPositionSelector` (in characters);
/// the note a commenting `TextualBody`, the colour a tagging one.
pub fn web_annotations(
    article: &Article,
    source: &ArticleRef,
    texts: &Texts,
    notes: &[Annotation],
    placed: &[Placed],
) -> String {
    let base = source.uri();
    let items: Vec<Value> = reading_order(notes, placed)
        .into_iter()
        .map(|i| {
            let a = &notes[i];
            let fragment = match &placed[i] {
                Placed::At { unit, .. } => unit.id(article),
                Placed::Orphaned => a.section.clone(),
            }
            .map_or_else(|| "lede".into(), |id| id.trim_start_matches('#').to_owned());
            let mut selectors = vec![json!({
                "type": "TextQuoteSelector",
                "exact": a.quote.exact,
                "prefix": a.quote.prefix,
                "suffix": a.quote.suffix,
            })];
            if let Placed::At { unit, range, .. } = &placed[i]
                && let Some(t) = texts.get(*unit)
            {
                let start = t.text[..range.start].chars().count();
                let end = start + t.text[range.clone()].chars().count();
                selectors.push(json!({
                    "type": "TextPositionSelector",
                    "start": start,
                    "end": end,
                }));
            }
            let mut body = Vec::new();
            if !a.note.trim().is_empty() {
                body.push(json!({
                    "type": "TextualBody",
                    "value": a.note,
                    "format": "text/plain",
                    "purpose": "commenting",
                }));
            }
            body.push(json!({
                "type": "TextualBody",
                "value": a.colour.name(),
                "purpose": "tagging",
            }));
            json!({
                "id": a.id,
                "type": "Annotation",
                "motivation": if a.note.trim().is_empty() { "highlighting" } else { "commenting" },
                "created": a.created,
                "modified": a.modified,
                "body": body,
                "target": {
                    "source": format!("{base}#{fragment}"),
                    "selector": selectors,
                },
            })
        })
        .collect();
    let doc = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("{base}#annotations"),
        "type": "AnnotationCollection",
        "label": format!("Notes on “{}”", article.title),
        "total": items.len(),
        "first": {
            "id": format!("{base}#annotations-page-1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_in_a_quote() {
        assert_eq!(cited("gut [4] and skin [10], [x] [2"), [4, 10]);
    }

    #[test]
    fn a_quote_with_its_citation_names_the_article_and_the_references() {
        let article = crate::article::load::load_embedded().unwrap().article;
        let text = quote_with_citation(&article, Unit::Section(1), "dermatologic conditions. [3]");
        assert!(text.starts_with("“dermatologic conditions. [3]”\n— The Gut-Skin Axis"));
        assert!(text.contains("“How Gut Health Affects Acne"));
        let r3 = article.reference(3).unwrap();
        assert!(
            text.ends_with(&format!("[3] {}\n", r3.printed.trim())),
            "{text}"
        );
    }

    #[test]
    fn formats_from_names() {
        assert_eq!(NotesFormat::from_path("a.JSON".as_ref()), NotesFormat::Json);
        assert_eq!(NotesFormat::from_path("a.md".as_ref()), NotesFormat::Md);
        assert_eq!(NotesFormat::from_path("a".as_ref()), NotesFormat::Md);
    }
}
