//! Plain text to an article: the first line is the title, short lines without a full stop are
//! headings, blank lines part paragraphs, and a "References" heading starts the numbered list.

use super::*;

/// A line of plain text that reads as a heading: short, mostly capitalised words, no
/// sentence stop, no citation.
pub(super) fn is_heading_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 100 || t.ends_with(['.', ',', ';', ':']) {
        return false;
    }
    if crate::article::markup::parse(t)
        .iter()
        .any(|r| r.cite().is_some())
    {
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
