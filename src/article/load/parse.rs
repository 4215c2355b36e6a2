//! RON text to serde types, with RON's errors turned into plain, located messages (and a hint
//! for the common mistakes, see [`super::hints`]); line and column from byte offsets and back.

use serde::de::DeserializeOwned;

use super::*;

/// Parses one RON text, with a located, plain error.
pub fn parse<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, Problem> {
    if text.trim().is_empty() {
        return Err(error(name, Some((1, 1)), "the file is empty"));
    }
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT);
    options.from_str(text).map_err(|e| {
        let mut at = (e.span.start.line, e.span.start.col);
        // Text after the end: point at it, not at the space before it.
        if matches!(e.code, ron::Error::TrailingCharacters)
            && let Some(o) = offset_of(text, at)
        {
            let rest = &text[o..];
            at = position(text, o + (rest.len() - rest.trim_start().len()));
        }
        let stop = (e.span.end.line, e.span.end.col);
        let end = position(text, text.trim_end().len());
        let at_end = !matches!(e.code, ron::Error::TrailingCharacters)
            && (stop.0 > end.0 || (stop.0 == end.0 && stop.1 + 1 >= end.1));
        if !at_end
            && let Some((offset, message)) =
                offset_of(text, at).and_then(|offset| hints::explain(text, offset, &e.code))
        {
            return error(name, Some(position(text, offset)), &message);
        }
        let message = match e.code {
            ron::Error::Eof
            | ron::Error::Message(_)
            | ron::Error::MissingStructField { .. }
            | ron::Error::NoSuchStructField { .. }
            | ron::Error::NoSuchEnumVariant { .. }
            | ron::Error::DuplicateStructField { .. } => ron_message(&e.code),
            // The parser stopped where the text stops: say so, not just what it wanted next.
            ref code if at_end => {
                format!(
                    "unexpected end of file: the file looks truncated ({})",
                    ron_message(code)
                )
            }
            ron::Error::TrailingCharacters => "there is more text after the end of the file's \
                 last closing bracket: remove it, or look for a bracket closed too early"
                .to_owned(),
            // Cite("3"): the number of a citation is not a string.
            ron::Error::ExpectedInteger if char_at(text, at) == Some('"') => format!(
                "{}: a number is written without quotes, as in Cite(3), not Cite(\"3\")",
                ron_message(&e.code)
            ),
            ref code => ron_message(code),
        };
        error(name, Some(at), &message)
    })
}

pub(super) fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn ron_message(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::NoSuchStructField {
            expected, found, ..
        } => format!(
            "unknown field \"{found}\", expected one of {}",
            quoted(expected)
        ),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "unknown kind \"{found}\", expected one of {}",
            quoted(expected)
        ),
        E::MissingStructField { field, outer } => match outer.as_deref().map(type_name) {
            Some(o) => format!("missing field \"{field}\" in {o}"),
            None => format!("missing field \"{field}\""),
        },
        E::ExpectedStringEnd => {
            "a string starts here but never ends: a closing \" is missing, or the file is truncated"
                .to_owned()
        }
        E::ExpectedIdentifier => {
            "expected the name of a kind of block or inline here, like Paragraph or Text".to_owned()
        }
        E::DuplicateStructField { field, .. } => format!("field \"{field}\" is given twice"),
        E::Eof => "unexpected end of file: the file looks truncated".to_owned(),
        E::ExceededRecursionLimit => {
            format!("nesting is deeper than the limit of {RECURSION_LIMIT} levels")
        }
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

/// The reader's name for a type of the model.
pub(super) fn type_name(name: &str) -> &str {
    match name {
        "ArticleFile" => "the article",
        "Section" => "a section",
        "Entry" => "an entry",
        "Reference" => "a reference",
        "Guidance" => "the guidance",
        "Food" => "a food",
        "Biotics" => "the probiotics and prebiotics",
        "Disruptors" => "the disruptors",
        "Note" => "the barrier note",
        other => other,
    }
}

/// The character at a 1-based line and column (in characters), if there is one.
pub(super) fn char_at(text: &str, at: (usize, usize)) -> Option<char> {
    text.get(offset_of(text, at)?..)?
        .chars()
        .next()
        .filter(|c| *c != '\n')
}

/// The byte offset of a 1-based line and column (in characters); a column past the line's
/// end is its end.
pub(super) fn offset_of(text: &str, (line, col): (usize, usize)) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = text.get(start..)?.split('\n').next()?;
    Some(
        start
            + rest
                .char_indices()
                .nth(col.checked_sub(1)?)
                .map_or(rest.len(), |(i, _)| i),
    )
}

/// Line and column (1-based, in characters) of a byte offset.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, col)
}
