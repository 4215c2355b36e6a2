//! Plain words for the parse errors authors meet most: a straight quote inside a string, a
//! string left open, a missing comma, a value of the wrong shape, a missing field. The parser
//! says where it stopped; these hints look back from there to say why.

use super::position;

/// Field names whose value identifies the item around them, for a message.
const LABELS: [&str; 4] = ["id", "number", "name", "term"];

/// An open bracket and what identifies the item it opens, once seen.
struct Frame {
    at: usize,
    label: Option<String>,
}

/// What the text holds before the place the parser stopped.
#[derive(Default)]
struct Scan {
    stack: Vec<Frame>,
    /// The opening and closing quote of the last string.
    last_string: Option<(usize, usize)>,
    /// The last field name and the depth it stands at.
    last_field: Option<(String, usize)>,
    /// The last character that is not space or comment, and where.
    prev: Option<(usize, char)>,
}

/// Reads `text` up to byte `upto` the way RON does: strings with escapes, comments, brackets.
fn scan(text: &str, upto: usize) -> Scan {
    let mut s = Scan::default();
    let bytes = text.as_bytes();
    // The depth at which a labelling field waits for its value.
    let mut pending: Option<usize> = None;
    let mut i = 0;
    while i < upto.min(text.len()) {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        match c {
            c if c.is_whitespace() => {
                i += len;
                continue;
            }
            '/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(text.len(), |n| i + n);
                continue;
            }
            '/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(text.len(), |n| i + 2 + n + 2);
                continue;
            }
            '"' => {
                let Some(end) = string_end(text, i) else {
                    break;
                };
                if end >= upto {
                    break;
                }
                if pending.take().is_some()
                    && let Some(frame) = s.stack.last_mut()
                {
                    frame.label = Some(text[i..=end].to_owned());
                }
                s.last_string = Some((i, end));
                s.prev = Some((end, '"'));
                i = end + 1;
                continue;
            }
            '(' | '[' | '{' => s.stack.push(Frame { at: i, label: None }),
            ')' | ']' | '}' => {
                s.stack.pop();
            }
            c if c.is_alphanumeric() || c == '_' || c == '-' => {
                let end = text[i..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '-'))
                    .map_or(text.len(), |n| i + n);
                let word = &text[i..end];
                let next = text[end..].trim_start();
                if next.starts_with(':') && !next.starts_with("::") {
                    let depth = s.stack.len();
                    s.last_field = Some((word.to_owned(), depth));
                    if LABELS.contains(&word) {
                        pending = Some(depth);
                    }
                } else if pending.take().is_some()
                    && let Some(frame) = s.stack.last_mut()
                {
                    frame.label = Some(word.to_owned());
                }
                let last = text[i..end].chars().last().unwrap_or(c);
                s.prev = Some((end - last.len_utf8(), last));
                i = end;
                continue;
            }
            _ => {}
        }
        s.prev = Some((i, c));
        i += len;
    }
    s
}

/// The closing quote of the string whose opening quote is at `start`.
fn string_end(text: &str, start: usize) -> Option<usize> {
    let mut escaped = false;
    for (n, c) in text[start + 1..].char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(start + 1 + n),
            _ => escaped = false,
        }
    }
    None
}

/// The shape a field takes, as an example to copy.
fn shape(field: &str) -> Option<String> {
    let f = field;
    Some(match f {
        "notes" | "authors" | "examples" | "nutrients" | "names" => {
            format!("a list of strings: {f}: [\"…\", \"…\"]")
        }
        "cites" => "a list of reference numbers: cites: [1, 2]".to_owned(),
        "number" => "a number, without quotes: number: 3".to_owned(),
        "id" | "title" | "term" | "name" | "printed" | "section" | "source" | "date" | "volume"
        | "issue" | "pages" | "issn" | "doi" | "pmid" | "pmcid" | "url" => {
            format!("a string in double quotes: {f}: \"…\"")
        }
        "description" | "text" | "intro" | "probiotics" | "prebiotics" | "topical" | "pairing" => {
            format!("running text, as one string: {f}: \"Text with a citation [1].\"")
        }
        "blocks" | "lede" => format!(
            "a list of blocks: {f}: [Paragraph(\"…\"), Entries([(term: \"…\", description: \"…\")])]"
        ),
        "sections" => {
            "a list of sections: sections: [(id: \"…\", title: \"…\", blocks: [Paragraph(\"…\")])]"
                .to_owned()
        }
        "foods" => {
            "a list of foods: foods: [(name: \"…\", text: \"…\", section: \"…\")]".to_owned()
        }
        "biotics" => "(probiotics: \"…\", prebiotics: \"…\", topical: \"…\", pairing: \"…\", \
                      section: \"…\")"
            .to_owned(),
        "disruptors" => "(names: [\"…\"], text: \"…\", section: \"…\")".to_owned(),
        "barrier_note" => "(text: \"…\", section: \"…\")".to_owned(),
        _ => return None,
    })
}

/// `line:col` of a byte offset.
fn at(text: &str, offset: usize) -> String {
    let (line, col) = position(text, offset);
    format!("{line}:{col}")
}

/// A better place and message for the parse error `code` at byte `offset`, where one of the
/// common mistakes explains it.
pub(super) fn explain(text: &str, offset: usize, code: &ron::Error) -> Option<(usize, String)> {
    use ron::Error as E;
    if matches!(
        code,
        E::Eof | E::ExpectedStringEnd | E::ExceededRecursionLimit | E::NoSuchEnumVariant { .. }
    ) {
        return None;
    }
    let s = scan(text, offset);
    let here = text.get(offset..)?.chars().next()?;
    let line_of = |o: usize| position(text, o).0;

    // A string ended just before something that cannot follow a string.
    if let (Some((open, close)), Some((prev, '"'))) = (s.last_string, s.prev)
        && prev == close
        && !matches!(here, ',' | ')' | ']' | '}' | ':')
    {
        let inner = &text[open + 1..close];
        if inner.contains('\n') {
            return Some((
                open,
                format!(
                    "this string is never closed: its closing \" is missing, so it runs on to \
                     line {}; close it where the text ends",
                    line_of(close)
                ),
            ));
        }
        if line_of(close) == line_of(offset) {
            return Some((
                close,
                format!(
                    "a straight quote \" inside the string that starts at {} ends it early; \
                     for a quotation mark in the text write ” (or “…”), or \\\"",
                    at(text, open)
                ),
            ));
        }
    }

    // Two items without a comma between them.
    if matches!(code, E::ExpectedComma)
        || (s.prev.is_some_and(|(_, c)| matches!(c, ')' | ']' | '"'))
            && line_of(s.prev.map_or(0, |p| p.0)) < line_of(offset)
            && (here.is_alphabetic() || matches!(here, '(' | '"')))
    {
        let (prev, c) = s.prev?;
        let after = prev + c.len_utf8();
        return Some((
            after,
            format!(
                "a comma is missing here, between this item and the next one (line {}): \
                 items in a list are separated by commas",
                line_of(offset)
            ),
        ));
    }

    // Paragraph(["text"]): a bare string in a list of runs.
    if matches!(code, E::ExpectedIdentifier)
        && here == '"'
        && s.prev.is_some_and(|(_, c)| matches!(c, '[' | ','))
    {
        return Some((
            offset,
            "a list of runs holds Text(\"…\") and Cite(n), not bare strings: write the text \
             as one string without the brackets, Paragraph(\"Text [1].\"), or wrap it in \
             Text(\"…\")"
                .to_owned(),
        ));
    }

    // A field with a value of the wrong shape.
    if let (Some((field, depth)), Some((_, ':'))) = (&s.last_field, s.prev)
        && *depth == s.stack.len()
        && !matches!(
            code,
            E::MissingStructField { .. }
                | E::NoSuchStructField { .. }
                | E::DuplicateStructField { .. }
        )
        && let Some(shape) = shape(field)
    {
        let value = offset + (text[offset..].len() - text[offset..].trim_start().len());
        return Some((value, format!("`{field}` takes {shape}")));
    }

    // A missing field: name the item it is missing from.
    if let E::MissingStructField { field, outer } = code {
        let frame = s.stack.last()?;
        let which = match outer.as_deref() {
            Some(kind @ ("Section" | "Reference" | "Food" | "Entry")) => {
                let kind = kind.to_lowercase();
                frame
                    .label
                    .as_deref()
                    .map_or_else(|| format!("a {kind}"), |l| format!("{kind} {l}"))
            }
            Some("Biotics") => "the probiotics and prebiotics".to_owned(),
            Some("Disruptors") => "the disruptors".to_owned(),
            Some("Note") => "the barrier note".to_owned(),
            _ => return None,
        };
        let example = shape(field).map_or_else(String::new, |s| format!("; it takes {s}"));
        // At the item's opening bracket, where the field is to be added; the parser stopped at
        // its closing one.
        return Some((
            frame.at,
            format!(
                "missing field \"{field}\" in {which} (up to line {}){example}",
                line_of(offset)
            ),
        ));
    }
    None
}
