//! What parses but is still wrong: empty titles and sections, bad or repeated ids, citations
//! of references that do not exist, links that cannot be opened, repeated or uncited
//! references. Errors stop the article from loading; warnings are for its author.

use std::collections::{HashMap, HashSet};

use super::locate::Locator;
use super::parse::position;
use super::*;
use crate::article::ident::is_web_url;

/// True for `lower-case-words-and-1-digits`.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

pub(super) fn cites(runs: &[Inline]) -> impl Iterator<Item = u32> + '_ {
    runs.iter().filter_map(Inline::cite)
}

pub(super) fn block_cites(blocks: &[Block]) -> Vec<u32> {
    blocks
        .iter()
        .flat_map(Block::inline_runs)
        .flat_map(cites)
        .collect()
}

pub(super) fn is_empty_block(block: &Block) -> bool {
    match block {
        Block::Paragraph(runs) => runs.is_empty(),
        Block::Entries(entries) => entries.is_empty(),
    }
}

/// Fills in what a reference leaves to its printed citation (title, DOI, PMID, PMCID, ISSN,
/// URL), writes each identifier in its canonical form, and warns of identifiers that are
/// malformed or that contradict the printed citation.
pub(super) fn complete_references(
    references: &mut [Reference],
    name: &str,
    text: &str,
) -> Vec<Problem> {
    use crate::article::ident::{self, Kind};
    let mut problems = Vec::new();
    let mut loc = Locator::new(name, text);
    for r in references.iter_mut() {
        let anchor = loc.advance(&format!("number: {}", r.number));
        let what = format!("reference {}", r.number);
        if r.title.trim().is_empty() {
            r.title = ident::title_guess(&r.printed);
        }
        for kind in Kind::ALL {
            let printed = ident::find(kind, &r.printed);
            let field = r.ident_mut(kind);
            let Some(value) = field.clone() else {
                *field = printed;
                continue;
            };
            let at = loc
                .find_from(anchor.unwrap_or(0), &format!("{}: \"", kind.field()))
                .map(|o| o + kind.field().len() + 2)
                .or(anchor);
            match ident::normalise(kind, &value) {
                Ok(canonical) => {
                    if let Some(p) = printed.filter(|p| !p.eq_ignore_ascii_case(&canonical)) {
                        problems.push(loc.problem(
                            at,
                            Severity::Warning,
                            format!(
                                "{what}: {} \"{value}\" differs from the {} in \"printed\" ({p})",
                                kind.field(),
                                kind.name()
                            ),
                        ));
                    }
                    *field = Some(canonical);
                }
                // A web address that is not one is an error, reported by `validate`.
                Err(_) if kind == Kind::Url => {}
                Err(_) => {
                    let instead = printed.as_ref().map_or_else(String::new, |p| {
                        format!("; the one in \"printed\", {p}, is used instead")
                    });
                    problems.push(loc.problem(
                        at,
                        Severity::Warning,
                        format!(
                            "{what}: {} \"{value}\" is not a {} ({}){}",
                            kind.field(),
                            kind.name(),
                            kind.example(),
                            if instead.is_empty() {
                                ", so it is not linked".to_owned()
                            } else {
                                instead
                            }
                        ),
                    ));
                    *field = printed;
                }
            }
        }
    }
    problems
}

/// An error for each link among `runs` that is not an http or https address, and a warning
/// for text such as `<ftp://…>` that looks like a link but is shown as text.
pub(super) fn link_problems<'a>(
    loc: &Locator,
    what: &str,
    runs: impl Iterator<Item = &'a Inline>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for run in runs {
        match run {
            Inline::Link(url) if !is_web_url(url) => problems.push(
                loc.problem(
                    loc.find_from(0, &format!("\"{url}\""))
                        .or_else(|| loc.find_from(0, url)),
                    Severity::Error,
                    format!(
                        "{what} links to \"{url}\", but only http and https addresses are allowed"
                    ),
                ),
            ),
            Inline::Text(text) => {
                for looks in link_lookalikes(text) {
                    problems.push(loc.problem(
                        loc.find_from(0, looks),
                        Severity::Warning,
                        format!(
                            "{what}: {looks} is shown as text, not as a link: only http and \
                             https addresses become links"
                        ),
                    ));
                }
            }
            _ => {}
        }
    }
    problems
}

/// Pieces of text in angle brackets with a scheme, `<ftp://x>` or `<mailto:a@b>`, which an
/// author meant as links but the short form leaves as text.
pub(super) fn link_lookalikes(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else { break };
        let inside = &after[..end];
        let scheme = inside.split_once(':').map(|(s, _)| s);
        let is_scheme = scheme.is_some_and(|s| {
            s.len() > 1
                && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
        if is_scheme && !inside.contains(char::is_whitespace) {
            out.push(&rest[start..start + end + 2]);
        }
        rest = &after[end + 1..];
    }
    out
}

/// Every semantic problem in a parsed article: errors and warnings, in file order.
pub(super) fn validate(article: &Article, files: &Texts) -> Vec<Problem> {
    let mut problems = Vec::new();
    let known: HashSet<u32> = article.references.iter().map(|r| r.number).collect();
    let mut cited: HashSet<u32> = HashSet::new();
    let [an, rn, gn] = &files.names;
    let [at, rt, gt] = &files.texts;
    let mut acc = Seen {
        known: &known,
        cited: &mut cited,
        problems: &mut problems,
    };
    article_problems(article, &mut Locator::new(an, at), &mut acc);
    guidance_problems(article, &mut Locator::new(gn, gt), &mut acc);
    reference_problems(
        article,
        &mut Locator::new(rn, rt),
        rt,
        &cited,
        &mut problems,
    );
    problems
}

/// What the checks of the article and guidance files share: the reference numbers there are,
/// those cited so far, and the problems found.
struct Seen<'a> {
    known: &'a HashSet<u32>,
    cited: &'a mut HashSet<u32>,
    problems: &'a mut Vec<Problem>,
}

/// article.ron: the title, the lede's and each section's ids and citations, right-to-left
/// text, and links.
fn article_problems(article: &Article, loc: &mut Locator<'_>, acc: &mut Seen<'_>) {
    if article.title.trim().is_empty() {
        acc.problems.push(loc.problem(
            loc.find_from(0, "title"),
            Severity::Error,
            "the article has no title".into(),
        ));
    }
    if article.sections.is_empty() {
        acc.problems.push(loc.problem(
            loc.find_from(0, "sections"),
            Severity::Error,
            "the article has no sections".into(),
        ));
    }
    let lede = block_cites(&article.lede);
    // Each citation is looked for after the one before it, so that a repeated number is
    // placed where it stands.
    let mut cursor = 0;
    for n in &lede {
        acc.cited.insert(*n);
        let found = loc.find_cite(cursor, *n);
        if let Some(f) = found {
            cursor = f + 1;
        }
        if !acc.known.contains(n) {
            let at = found;
            acc.problems.push(loc.problem(
                at,
                Severity::Error,
                format!("the lede cites [{n}], but there is no reference {n}"),
            ));
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, section) in article.sections.iter().enumerate() {
        let id = section.id.as_str();
        let anchor = loc.advance(&format!("\"{id}\""));
        let what = if id.is_empty() {
            format!("section {}", i + 1)
        } else {
            format!("section \"{id}\"")
        };
        if id.is_empty() {
            acc.problems.push(loc.problem(
                anchor,
                Severity::Error,
                format!("{what} has an empty id"),
            ));
        } else if !is_slug(id) {
            acc.problems.push(loc.problem(
                anchor,
                Severity::Error,
                format!("{what}: the id must be lower-case letters, digits and single hyphens, like \"gut-health\""),
            ));
        }
        if let Some(first) = seen.insert(id, i)
            && !id.is_empty()
        {
            acc.problems.push(loc.problem(
                anchor,
                Severity::Error,
                format!("{what} repeats the id of section {}", first + 1),
            ));
        }
        if section.title.trim().is_empty() {
            acc.problems
                .push(loc.problem(anchor, Severity::Error, format!("{what} has no title")));
        }
        if section.blocks.is_empty() {
            acc.problems.push(loc.problem(
                anchor,
                Severity::Error,
                format!("{what} is empty: it has no paragraphs"),
            ));
        } else if section.blocks.iter().any(is_empty_block) {
            acc.problems.push(loc.problem(
                anchor,
                Severity::Error,
                format!("{what} has an empty paragraph or list"),
            ));
        }
        let mut cursor = anchor.unwrap_or(0);
        for n in section.citations() {
            acc.cited.insert(n);
            let found = loc.find_cite(cursor, n);
            if let Some(f) = found {
                cursor = f + 1;
            }
            if !acc.known.contains(&n) {
                let at = found.or(anchor);
                acc.problems.push(loc.problem(
                    at,
                    Severity::Error,
                    format!("{what} cites [{n}], but there is no reference {n}"),
                ));
            }
        }
    }

    // Right-to-left text is shown, but not everything about it is right yet: say so once.
    let rtl = article
        .lede
        .iter()
        .chain(article.sections.iter().flat_map(|s| &s.blocks))
        .flat_map(Block::inline_runs)
        .find(|runs| crate::article::model::is_right_to_left(runs));
    if let Some(runs) = rtl {
        let text = crate::article::model::plain_text(runs);
        let start: String = text.trim().chars().take(12).collect();
        acc.problems.push(
            loc.problem(
                loc.find_from(0, &start),
                Severity::Warning,
                "right-to-left paragraphs (Arabic, Hebrew…) are right-aligned and each line reads \
             right to left, but their citation markers are shown after the paragraph, and a \
             full stop at a line's end may be drawn on its right (see the README)"
                    .to_owned(),
            ),
        );
    }
    for section in &article.sections {
        let what = format!("section \"{}\"", section.id);
        let links = section.blocks.iter().flat_map(Block::inline_runs).flatten();
        acc.problems.extend(link_problems(loc, &what, links));
    }
    let lede = article.lede.iter().flat_map(Block::inline_runs).flatten();
    acc.problems.extend(link_problems(loc, "the lede", lede));
}

/// guidance.ron: links in its passages, and the sections and references each item names.
fn guidance_problems(article: &Article, gloc: &mut Locator<'_>, acc: &mut Seen<'_>) {
    let g = &article.guidance;
    let mut passages: Vec<&[Inline]> = g.foods.iter().map(|f| f.text.as_slice()).collect();
    if let Some(b) = &g.biotics {
        passages.extend(b.passages());
    }
    passages.extend(g.disruptors.iter().map(|d| d.text.as_slice()));
    passages.extend(g.barrier_note.iter().map(|n| n.text.as_slice()));
    acc.problems.extend(link_problems(
        gloc,
        "the guidance",
        passages.into_iter().flatten(),
    ));
    let g = &article.guidance;
    let mut guidance_links: Vec<(String, Option<usize>, &str, Vec<u32>)> = Vec::new();
    for food in &g.foods {
        let anchor = gloc.advance(&format!("\"{}\"", food.name));
        let mut numbers: Vec<u32> = cites(&food.text).collect();
        numbers.extend(&food.cites);
        guidance_links.push((
            format!("food \"{}\"", food.name),
            anchor,
            &food.section,
            numbers,
        ));
    }
    if let Some(b) = &g.biotics {
        let anchor = gloc.advance("biotics");
        let numbers = b.passages().into_iter().flat_map(cites).collect();
        guidance_links.push((
            "the probiotics and prebiotics".into(),
            anchor,
            &b.section,
            numbers,
        ));
    }
    if let Some(d) = &g.disruptors {
        let anchor = gloc.advance("disruptors");
        guidance_links.push((
            "the disruptors".into(),
            anchor,
            &d.section,
            cites(&d.text).collect(),
        ));
    }
    if let Some(n) = &g.barrier_note {
        let anchor = gloc.advance("barrier_note");
        guidance_links.push((
            "the barrier note".into(),
            anchor,
            &n.section,
            cites(&n.text).collect(),
        ));
    }
    for (what, anchor, section, numbers) in guidance_links {
        if article.section_index(section).is_none() {
            let at = gloc
                .find_from(anchor.unwrap_or(0), &format!("\"{section}\""))
                .or(anchor);
            acc.problems.push(gloc.problem(
                at,
                Severity::Error,
                format!("{what} links to section \"{section}\", which the article does not have"),
            ));
        }
        for n in numbers {
            acc.cited.insert(n);
            if !acc.known.contains(&n) {
                acc.problems.push(gloc.problem(
                    anchor,
                    Severity::Error,
                    format!("{what} cites [{n}], but there is no reference {n}"),
                ));
            }
        }
    }
}

/// references.ron: numbers, empty citations, addresses, and references never cited or
/// repeated.
fn reference_problems(
    article: &Article,
    rloc: &mut Locator<'_>,
    rt: &str,
    cited: &HashSet<u32>,
    problems: &mut Vec<Problem>,
) {
    // Where each number was first seen: its line, for a repeat's message.
    let mut by_number: HashMap<u32, Option<usize>> = HashMap::new();
    let mut by_text: HashMap<String, u32> = HashMap::new();
    for r in &article.references {
        let anchor = rloc.advance(&format!("number: {}", r.number));
        let what = format!("reference {}", r.number);
        if r.number == 0 {
            problems.push(rloc.problem(
                anchor,
                Severity::Error,
                "reference numbers start at 1".into(),
            ));
        }
        let line = |offset: Option<usize>| offset.map(|o| position(rt, o).0);
        match by_number.get(&r.number) {
            Some(first) => {
                let lines = match (line(*first), line(anchor)) {
                    (Some(a), Some(b)) => format!(" (line {a} and line {b})"),
                    _ => String::new(),
                };
                problems.push(rloc.problem(
                    anchor,
                    Severity::Error,
                    format!("{what} appears twice{lines}: give each reference its own number"),
                ));
            }
            None => {
                by_number.insert(r.number, anchor);
            }
        }
        if r.printed.trim().is_empty() {
            problems.push(rloc.problem(
                anchor,
                Severity::Error,
                format!("{what} has an empty \"printed\" citation"),
            ));
        }
        if let Some(url) = &r.url
            && !is_web_url(url)
        {
            let at = rloc.find_from(anchor.unwrap_or(0), "url").or(anchor);
            problems.push(rloc.problem(
                at,
                Severity::Error,
                format!("{what} has url \"{url}\", but only http and https addresses are allowed"),
            ));
        }
        if !cited.contains(&r.number) {
            problems.push(rloc.problem(
                anchor,
                Severity::Warning,
                format!("{what} is never cited"),
            ));
        }
        let key: String = r
            .printed
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if let Some(first) = by_text.get(&key) {
            problems.push(rloc.problem(
                anchor,
                Severity::Warning,
                format!("{what} repeats reference {first}"),
            ));
        } else {
            by_text.insert(key, r.number);
        }
    }
}
