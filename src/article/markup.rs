//! The short form of running text: one string in place of a run list.
//!
//! In `"The gut [1] and *C. acnes* <https://example.org>"`, `[n]` is a citation (also
//! `[n, m]` and `[n–m]`), `*…*` is emphasis, `<https://…>` is a link, and a backslash makes the
//! next `[`, `]`, `*`, `<`, `>` or `\` plain text. Anything that is not one of these marks is
//! plain text, so parsing never fails: `[see below]` and `2 * 3` stay as written.

/// A run of running text. In the files a whole run list may also be written as one string
/// (see the module docs): `"text [1] *emphasis* <https://example.org>"`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Inline {
    Text(String),
    /// A citation marker `[n]`.
    Cite(u32),
    /// Emphasised text, such as a species name, shown in italics.
    Emphasis(String),
    /// A web address shown as a link.
    Link(String),
}

impl Inline {
    /// The reference number, for a citation.
    pub fn cite(&self) -> Option<u32> {
        match self {
            Inline::Cite(n) => Some(*n),
            _ => None,
        }
    }
}

/// The widest range `[n–m]` may span; a wider one is taken as plain text.
const MAX_RANGE: u32 = 100;

/// The runs a short-form string stands for. Adjacent text is one run.
pub fn parse(text: &str) -> Vec<Inline> {
    let mut runs = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '\\' => match after.chars().next() {
                Some(next) if is_mark(next) => {
                    plain.push(next);
                    rest = &after[next.len_utf8()..];
                    continue;
                }
                _ => plain.push('\\'),
            },
            '[' => {
                if let Some((numbers, used)) = citations(after) {
                    flush(&mut plain, &mut runs);
                    runs.extend(numbers.into_iter().map(Inline::Cite));
                    rest = &after[used..];
                    continue;
                }
                plain.push('[');
            }
            '*' => {
                if let Some((inner, used)) = emphasis(after) {
                    flush(&mut plain, &mut runs);
                    runs.push(Inline::Emphasis(inner));
                    rest = &after[used..];
                    continue;
                }
                plain.push('*');
            }
            '<' => {
                if let Some((url, used)) = link(after) {
                    flush(&mut plain, &mut runs);
                    runs.push(Inline::Link(url.to_owned()));
                    rest = &after[used..];
                    continue;
                }
                plain.push('<');
            }
            c => plain.push(c),
        }
        rest = after;
    }
    flush(&mut plain, &mut runs);
    runs
}

/// The short form of `runs`, if it reads back as the same runs (after [`normalize`]).
pub fn write(runs: &[Inline]) -> Option<String> {
    let mut out = String::new();
    let mut i = 0;
    while i < runs.len() {
        let run = &runs[i];
        i += 1;
        match run {
            Inline::Text(t) => escape_into(&mut out, t),
            Inline::Cite(n) => {
                // Citations side by side are one marker: [1, 2], and [3–5] for a run of three
                // or more.
                let mut group = vec![*n];
                while let Some(Inline::Cite(m)) = runs.get(i) {
                    group.push(*m);
                    i += 1;
                }
                out.push('[');
                out.push_str(&group_text(&group));
                out.push(']');
            }
            Inline::Emphasis(t) => {
                out.push('*');
                escape_into(&mut out, t);
                out.push('*');
            }
            Inline::Link(url) => {
                out.push('<');
                out.push_str(url);
                out.push('>');
            }
        }
    }
    (parse(&out) == normalize(runs.to_vec())).then_some(out)
}

/// "1, 2" or "3–5, 8" for citations side by side.
fn group_text(numbers: &[u32]) -> String {
    let mut parts = Vec::new();
    let mut k = 0;
    while k < numbers.len() {
        let mut end = k;
        while end + 1 < numbers.len() && numbers[end + 1] == numbers[end] + 1 {
            end += 1;
        }
        if end - k >= 2 {
            parts.push(format!("{}–{}", numbers[k], numbers[end]));
            k = end + 1;
        } else {
            parts.push(numbers[k].to_string());
            k += 1;
        }
    }
    parts.join(", ")
}

/// Merges adjacent text runs and drops empty ones, so that a run list and the string written
/// for it load to the same runs.
pub fn normalize(runs: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(runs.len());
    for run in runs {
        match (out.last_mut(), run) {
            (_, Inline::Text(t)) if t.is_empty() => {}
            (Some(Inline::Text(last)), Inline::Text(t)) => last.push_str(&t),
            (_, run) => out.push(run),
        }
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(c, '[' | ']' | '*' | '<' | '>' | '\\')
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        if is_mark(c) {
            out.push('\\');
        }
        out.push(c);
    }
}

fn flush(plain: &mut String, runs: &mut Vec<Inline>) {
    if !plain.is_empty() {
        runs.push(Inline::Text(std::mem::take(plain)));
    }
}

/// After a `[`: the numbers of `1]`, `1, 2]`, `1; 2]`, `3–5]` (en dash or hyphen), and the
/// bytes used, through the `]`.
fn citations(text: &str) -> Option<(Vec<u32>, usize)> {
    let end = text.find(']')?;
    let inside = &text[..end];
    let mut numbers = Vec::new();
    for part in inside.split([',', ';']) {
        let part = part.trim_matches(' ');
        match part.split_once(['–', '-', '—']) {
            Some((a, b)) => {
                let (a, b) = (number(a.trim_matches(' '))?, number(b.trim_matches(' '))?);
                if b <= a || b - a > MAX_RANGE {
                    return None;
                }
                numbers.extend(a..=b);
            }
            None => numbers.push(number(part)?),
        }
    }
    Some((numbers, end + 1))
}

fn number(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// After a `*`: the emphasised text up to the next `*` and the bytes used. The text must not
/// start or end with a space, as in Markdown, so that `2 * 3 * 4` stays plain.
fn emphasis(text: &str) -> Option<(String, usize)> {
    let first = text.chars().next()?;
    if first.is_whitespace() || first == '*' {
        return None;
    }
    let mut inner = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.clone().next() {
                Some((_, next)) if is_mark(next) => {
                    inner.push(next);
                    chars.next();
                }
                _ => inner.push('\\'),
            },
            '*' => {
                if inner.ends_with(char::is_whitespace) {
                    return None;
                }
                return Some((inner, i + 1));
            }
            c => inner.push(c),
        }
    }
    None
}

/// After a `<`: a web address up to `>` and the bytes used.
fn link(text: &str) -> Option<(&str, usize)> {
    let end = text.find('>')?;
    let url = &text[..end];
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    (web && !url.contains(char::is_whitespace) && !url.contains('<')).then_some((url, end + 1))
}

/// Serde for a run list written either way: a string in the short form, or a list of runs.
/// Written back as a string where that reads back the same.
pub mod runs {
    use std::fmt;

    use serde::de::{self, SeqAccess, Visitor};
    use serde::ser::SerializeSeq;
    use serde::{Deserializer, Serializer};

    use super::Inline;

    pub fn serialize<S: Serializer>(runs: &[Inline], serializer: S) -> Result<S::Ok, S::Error> {
        match super::write(runs) {
            Some(text) => serializer.serialize_str(&text),
            None => {
                let mut seq = serializer.serialize_seq(Some(runs.len()))?;
                for run in runs {
                    seq.serialize_element(run)?;
                }
                seq.end()
            }
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Inline>, D::Error> {
        deserializer.deserialize_any(RunsVisitor)
    }

    struct RunsVisitor;

    impl<'de> Visitor<'de> for RunsVisitor {
        type Value = Vec<Inline>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(
                "running text: a string such as \"Text with a citation [1].\", \
                 or a list of runs such as [Text(\"Text \"), Cite(1)]",
            )
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            Ok(super::parse(text))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut runs = Vec::new();
            while let Some(run) = seq.next_element::<Inline>()? {
                runs.push(run);
            }
            Ok(super::normalize(runs))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Inline::{Cite, Emphasis, Link, Text};

    fn t(s: &str) -> Inline {
        Text(s.into())
    }

    #[test]
    fn citations_in_every_form() {
        assert_eq!(parse("a [1] b"), [t("a "), Cite(1), t(" b")]);
        assert_eq!(parse("a [1, 2]"), [t("a "), Cite(1), Cite(2)]);
        assert_eq!(parse("[3–5]"), [Cite(3), Cite(4), Cite(5)]);
        assert_eq!(parse("[3-4; 7]"), [Cite(3), Cite(4), Cite(7)]);
        assert_eq!(parse("[1][2]"), [Cite(1), Cite(2)]);
    }

    #[test]
    fn brackets_that_are_not_citations_stay_text() {
        for s in [
            "[see below]",
            "[1",
            "[]",
            "[5–3]",
            "[1–500]",
            "[ 1a]",
            "a]b",
            "[-1]",
        ] {
            assert_eq!(parse(s), [t(s)], "{s}");
        }
        assert_eq!(parse(r"\[1]"), [t("[1]")]);
        assert_eq!(parse(r"a\b"), [t(r"a\b")]);
    }

    #[test]
    fn emphasis_and_links() {
        assert_eq!(
            parse("*C. acnes* and <https://example.org/x?a=1>."),
            [
                Emphasis("C. acnes".into()),
                t(" and "),
                Link("https://example.org/x?a=1".into()),
                t(".")
            ]
        );
        for s in [
            "2 * 3 * 4",
            "*open",
            "* a*",
            "<not a link>",
            "<https://a b>",
            "a < b > c",
        ] {
            assert_eq!(parse(s), [t(s)], "{s}");
        }
        assert_eq!(parse(r"*a\*b*"), [Emphasis("a*b".into())]);
    }

    #[test]
    fn writing_reads_back_the_same_runs() {
        let runs = vec![
            t("Text with [brackets], * stars, <angles> and \\ "),
            Cite(1),
            Cite(2),
            t(" then "),
            Emphasis("L. reuteri".into()),
            t(" "),
            Link("https://doi.org/10.1/x".into()),
        ];
        let text = write(&runs).unwrap();
        assert_eq!(parse(&text), runs);
        // Emphasis around spaces has no short form.
        assert_eq!(write(&[Emphasis(" a".into())]), None);
        assert_eq!(write(&[t("a"), t("b")]).as_deref(), Some("ab"));
        let cites = [Cite(1), Cite(2), Cite(4), Cite(5), Cite(6), Cite(9)];
        assert_eq!(write(&cites).as_deref(), Some("[1, 2, 4–6, 9]"));
        assert_eq!(parse("[1, 2, 4–6, 9]"), cites);
    }

    #[test]
    fn both_forms_deserialize_to_the_same_runs() {
        #[derive(serde::Deserialize)]
        struct P(#[serde(with = "runs")] Vec<Inline>);
        let short: P = ron::from_str(r#"P("Gut [1] *x*")"#).unwrap();
        let long: P =
            ron::from_str(r#"P([Text("Gut "), Text(""), Cite(1), Text(" "), Emphasis("x")])"#)
                .unwrap();
        assert_eq!(short.0, long.0);
    }
}
