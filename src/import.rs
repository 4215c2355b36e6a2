//! Plain text and Markdown articles to an article folder: headings become sections, `[n]`
//! markers citations, "Term: description" runs entry lists, and the numbered list after
//! "References" the reference list. No guidance is made up. Pure: text in, model out;
//! [`write_folder`] writes the files.

use std::path::Path;

use crate::model::{ArticleFile, Block, Entry, Reference, Section, plain_text};

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

/// A slug for an id: lower-case ASCII words joined by hyphens, accents dropped, at most
/// about 48 characters, cut at a word.
pub fn slug(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.nfkd() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if !unicode_normalization::char::is_combining_mark(c) && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let mut out = String::new();
    for w in words {
        if !out.is_empty() && out.len() + 1 + w.len() > 48 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w);
    }
    out
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
                    term: plain_text(&crate::markup::parse(term)),
                    description: crate::markup::parse(description),
                })
                .collect();
            out.push(Block::Entries(entries));
            i += run;
        } else {
            out.push(Block::Paragraph(crate::markup::parse(&paragraphs[i])));
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

/// A line of plain text that reads as a heading: short, mostly capitalised words, no
/// sentence stop, no citation.
fn is_heading_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 100 || t.ends_with(['.', ',', ';', ':']) {
        return false;
    }
    if crate::markup::parse(t).iter().any(|r| r.cite().is_some()) {
        return false;
    }
    let words: Vec<&str> = t
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    if words.is_empty() {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    capitalised * 10 >= words.len() * 7
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

/// A plain-text article: the first line is the title; short title-case lines without a final
/// stop are section headings; the numbered list after a "References" line is the reference
/// list. A paragraph is one line, or, in a file wrapped at 100 columns or less, the lines
/// between blank lines.
pub fn from_text(text: &str) -> Imported {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    let wrapped = lines.iter().all(|(_, l)| l.chars().count() <= 100)
        && lines
            .windows(2)
            .any(|w| !w[0].1.trim().is_empty() && !w[1].1.trim().is_empty());
    let mut imported = Imported::default();
    // Paragraphs and headings (true) in order.
    let mut items: Vec<(String, bool)> = Vec::new();
    let mut current: Option<String> = None;
    let refs_at = lines
        .iter()
        .rposition(|(_, l)| is_references_heading(l) && l.trim().len() < 40);
    let body = &lines[..refs_at.unwrap_or(lines.len())];
    for (_, line) in body {
        let t = line.trim();
        let heading = !t.is_empty() && is_heading_line(t) && current.is_none();
        if (t.is_empty() || heading || !wrapped)
            && let Some(p) = current.take()
        {
            items.push((p, false));
        }
        if t.is_empty() {
            continue;
        }
        if heading {
            items.push((t.to_owned(), true));
            continue;
        }
        match &mut current {
            Some(p) => {
                p.push(' ');
                p.push_str(t);
            }
            None => current = Some(t.to_owned()),
        }
        if !wrapped && let Some(p) = current.take() {
            items.push((p, false));
        }
    }
    items.extend(current.take().map(|p| (p, false)));
    // The title: the first line.
    let mut rest = items.into_iter();
    if let Some((title, _)) = rest.next() {
        imported.article.title = title;
    }
    let mut lede = Vec::new();
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for (text, heading) in rest {
        if heading {
            sections.push((text, Vec::new()));
        } else {
            let text = keep_text(&text);
            match sections.last_mut() {
                Some((_, paragraphs)) => paragraphs.push(text),
                None => lede.push(text),
            }
        }
    }
    finish(&mut imported, lede, sections);
    if let Some(at) = refs_at {
        let mut last: Option<Reference> = None;
        for (n, line) in &lines[at + 1..] {
            if line.trim().is_empty() {
                continue;
            }
            match reference_line(line) {
                Some((number, printed)) => {
                    imported.references.extend(last.take());
                    last = Some(reference(number, printed));
                }
                None => match &mut last {
                    // A reference wrapped onto the next line.
                    Some(r) => {
                        r.printed.push(' ');
                        r.printed.push_str(line.trim());
                    }
                    None => imported.unplaced.push(format!(
                        "line {n}: not a numbered reference: {}",
                        line.trim()
                    )),
                },
            }
        }
        imported.references.extend(last);
    } else {
        imported
            .unplaced
            .push("no \"References\" line: the article has no reference list".to_owned());
    }
    imported
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
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

    #[derive(PartialEq)]
    enum Part {
        Lede,
        Section,
        Guidance,
        References,
    }

    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut imported = Imported::default();
    let mut lede: Vec<String> = Vec::new();
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    let mut part = Part::Lede;
    // The text being gathered (short form) and what it belongs to.
    let mut buf = String::new();
    let mut heading: Option<HeadingLevel> = None;
    let mut list_depth = 0usize;
    let mut item_number: Vec<Option<u64>> = Vec::new();
    let mut in_item_text = false;
    // Where the text of the open link starts in `buf`, and its address.
    let mut link: Option<(usize, String)> = None;
    // An image's alt text is not article text.
    let mut in_image = false;
    // Where the open list starts, and how many of its items are not "Term: text".
    let mut list_line = 0;
    let mut plain_items = 0;
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;

    let push_paragraph = |p: String,
                          part: &Part,
                          lede: &mut Vec<String>,
                          sections: &mut Vec<(String, Vec<String>)>| {
        let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
        if p.is_empty() {
            return;
        }
        match part {
            Part::Lede => lede.push(p),
            Part::Section => {
                if let Some((_, ps)) = sections.last_mut() {
                    ps.push(p);
                }
            }
            Part::Guidance | Part::References => {}
        }
    };

    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        // Text counts inside headings, paragraphs and top-level list items, not in nested
        // lists (the export's DOI, Link and Note lines under a reference).
        let collecting = heading.is_some() || list_depth <= 1 || in_item_text;
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(level);
                buf.clear();
            }
            Event::End(TagEnd::Heading(level)) => {
                heading = None;
                let title = plain_text(&crate::markup::parse(&std::mem::take(&mut buf)))
                    .trim()
                    .to_owned();
                let line = line_of(range.start);
                match level {
                    HeadingLevel::H1 if imported.article.title.is_empty() => {
                        imported.article.title = title;
                    }
                    HeadingLevel::H1 | HeadingLevel::H2 => {
                        if is_references_heading(&title) {
                            part = Part::References;
                        } else if title == "Guidance" {
                            part = Part::Guidance;
                        } else {
                            part = Part::Section;
                            sections.push((title, Vec::new()));
                        }
                    }
                    _ if part == Part::Guidance && GUIDANCE_HEADINGS.contains(&title.as_str()) => {}
                    _ => {
                        if is_references_heading(&title) {
                            part = Part::References;
                            continue;
                        }
                        imported.unplaced.push(format!(
                            "line {line}: heading \"{title}\" is below level 2; kept as a paragraph"
                        ));
                        push_paragraph(format!("*{title}*"), &part, &mut lede, &mut sections);
                    }
                }
            }
            Event::Start(Tag::Paragraph) if list_depth == 0 => buf.clear(),
            Event::End(TagEnd::Paragraph) => {
                if list_depth == 0 {
                    push_paragraph(std::mem::take(&mut buf), &part, &mut lede, &mut sections);
                } else {
                    buf.push(' ');
                }
            }
            Event::Start(Tag::List(start)) => {
                list_depth += 1;
                item_number.push(start);
                if list_depth == 1 {
                    list_line = line_of(range.start);
                    plain_items = 0;
                }
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                item_number.pop();
                if list_depth == 0 && plain_items > 0 && part != Part::References {
                    imported.unplaced.push(format!(
                        "line {list_line}: {} list items without a \"Term:\" became paragraphs",
                        plain_items
                    ));
                }
            }
            Event::Start(Tag::Item) => {
                if list_depth == 1 {
                    buf.clear();
                    in_item_text = true;
                } else if list_depth == 2 {
                    // A nested list (the export's DOI/Link/Note lines): the item's own text
                    // ends here.
                    in_item_text = false;
                }
            }
            Event::End(TagEnd::Item) if list_depth == 1 => {
                let number = item_number.last_mut().and_then(|n| {
                    let here = *n;
                    if let Some(k) = n.as_mut() {
                        *k += 1;
                    }
                    here
                });
                let item = std::mem::take(&mut buf)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                in_item_text = false;
                match part {
                    Part::References => {
                        let unescaped = plain_text(&crate::markup::parse(&item));
                        let parsed = reference_line(&unescaped).or_else(|| {
                            number
                                .and_then(|n| u32::try_from(n).ok())
                                .map(|n| (n, unescaped.trim()))
                        });
                        match parsed {
                            Some((n, printed)) => {
                                imported.references.push(reference(n, printed));
                            }
                            None => imported.unplaced.push(format!(
                                "line {}: a reference without a number: {unescaped}",
                                line_of(range.start)
                            )),
                        }
                    }
                    _ => {
                        let item = term_item(&item);
                        if split_entry(&item).is_none() {
                            plain_items += 1;
                        }
                        push_paragraph(item, &part, &mut lede, &mut sections);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) if collecting && !in_image => {
                buf.push_str(&keep_text(&t));
            }
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            Event::Start(Tag::Emphasis | Tag::Strong)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong)
                if collecting =>
            {
                buf.push('*');
            }
            Event::Start(Tag::Link { dest_url, .. }) if collecting => {
                link = Some((buf.len(), dest_url.to_string()));
            }
            Event::End(TagEnd::Link) => {
                // An autolink's text is its address: it becomes <url>; other links keep
                // their text, followed by the address.
                if let Some((start, url)) = link.take()
                    && crate::load::is_web_url(&url)
                    && start <= buf.len()
                {
                    if buf[start..] == keep_text(&url) {
                        buf.truncate(start);
                        buf.push_str(&format!("<{url}>"));
                    } else {
                        buf.push_str(&format!(" <{url}>"));
                    }
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                imported.unplaced.push(format!(
                    "line {}: HTML left out: {}",
                    line_of(range.start),
                    h.trim()
                ));
            }
            Event::Start(Tag::Image { .. }) => {
                in_image = true;
                imported
                    .unplaced
                    .push(format!("line {}: an image left out", line_of(range.start)));
            }
            Event::End(TagEnd::Image) => in_image = false,
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::BlockQuote(_)) => {}
            _ => {}
        }
    }
    finish(&mut imported, lede, sections);
    if imported.references.is_empty() {
        imported.unplaced.push(
            "no \"References\" heading with a list: the article has no reference list".into(),
        );
    }
    imported
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

/// Writes `article.ron` and `references.ron` into `dir`, made if missing. Refuses a folder
/// that already holds an article, so that nothing of the user's is overwritten.
pub fn write_folder(dir: &Path, imported: &Imported) -> Result<(), String> {
    if dir.join("article.ron").exists() || dir.join("references.ron").exists() {
        return Err(format!(
            "{} already holds an article; choose a new folder",
            dir.display()
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    let article = article_ron(&imported.article)?;
    let references = references_ron(&imported.references);
    for (name, text) in [("article.ron", article), ("references.ron", references)] {
        let path = dir.join(name);
        crate::export::write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// `article.ron` text, running text in the short form.
pub fn article_ron(article: &ArticleFile) -> Result<String, String> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("    ".to_owned());
    let body = ron::ser::to_string_pretty(article, config).map_err(|e| e.to_string())?;
    Ok(format!(
        "// The article: its title, lede and sections in reading order.\n\
         // Running text is one string: [n] cites reference n, *…* is emphasis,\n\
         // <https://…> is a link, and \\\\[ a plain bracket.\n{body}\n"
    ))
}

/// `references.ron` text: each reference as its number and printed citation; the reader
/// finds DOI, PubMed, PMC and web links in the printed text.
pub fn references_ron(references: &[Reference]) -> String {
    let mut out = String::from(
        "// The references, numbered as the article numbers them. `printed` is the citation as\n\
         // the article prints it; DOI, PMID, PMCID, ISSN and URL are found in it. Fields such\n\
         // as authors, title, source and date may be added; see the README.\n[\n",
    );
    for r in references {
        let printed = ron::to_string(&r.printed).unwrap_or_else(|_| "\"\"".to_owned());
        out.push_str(&format!(
            "    (\n        number: {},\n        printed: {printed},\n    ),\n",
            r.number
        ));
    }
    out.push_str("]\n");
    out
}

#[cfg(test)]
mod tests {
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
