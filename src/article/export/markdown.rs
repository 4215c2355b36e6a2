//! Markdown that CommonMark, GitHub's dialect, pandoc's own Markdown and markdown-it all read
//! as the same text as the plain-text export: every character that one of them could take for
//! markup is escaped, web addresses become autolinks, and each paragraph is one line.

use super::{Part, Scope, break_tokens, outline, reference_lines};
use crate::article::ident::is_web_url;
use crate::article::markup::Inline;
use crate::article::model::Article;

/// The section or article as Markdown.
pub fn to_markdown(article: &Article, scope: Scope) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for part in outline(article, scope) {
        // Entries that follow each other make one tight list; a blank line ends it.
        let entry = matches!(part, Part::Entry { .. });
        if in_list && !entry {
            out.push('\n');
        }
        in_list = entry;
        match part {
            Part::Heading(level, title) => {
                out.extend(std::iter::repeat_n('#', usize::from(level)));
                out.push(' ');
                out.push_str(&escape(title, false));
                out.push_str("\n\n");
            }
            Part::Paragraph(runs) => {
                out.push_str(&runs_md(runs));
                out.push_str("\n\n");
            }
            Part::Entry {
                term,
                runs,
                details,
            } => {
                out.push('-');
                let term = escape(term, false);
                if !term.is_empty() {
                    out.push_str(&format!(" **{term}:**"));
                }
                let text = runs_md(&runs);
                if !text.is_empty() {
                    out.push(' ');
                    out.push_str(&text);
                }
                out.push('\n');
                for (label, runs) in &details {
                    out.push_str(&format!("  - {label}: {}\n", runs_md(runs)));
                }
            }
            Part::References(refs) => {
                out.push_str("## References\n\n");
                for r in refs {
                    // `\[n\]`, not an ordered list: a list counts on from its first number.
                    out.push_str(&format!(
                        "- \\[{}\\] {}\n",
                        r.number,
                        escape(&r.printed, false)
                    ));
                    for (label, value) in reference_lines(r) {
                        out.push_str(&format!("  - {label}: {}\n", escape(&value, false)));
                    }
                }
                out.push('\n');
            }
            Part::Closing(title) => {
                out.push_str(&format!(
                    "*From the article \u{201c}{}\u{201d}*\n",
                    escape(title, false)
                ));
            }
        }
    }
    if in_list {
        out.push('\n');
    }
    out
}

/// Stands for an emphasis mark while the text is escaped; a private-use character, which
/// article text does not use and `escape` leaves alone.
const EMPHASIS_MARK: char = '\u{F8FF}';

/// A paragraph's runs on one line, citations as escaped `\[n\]`, emphasis as `*…*` and a
/// link as an autolink.
fn runs_md(runs: &[Inline]) -> String {
    let mut text = String::new();
    for run in runs {
        match run {
            Inline::Text(t) => text.extend(t.chars().filter(|c| *c != EMPHASIS_MARK)),
            Inline::Cite(n) => text.push_str(&format!("[{n}]")),
            Inline::Emphasis(t) => {
                text.push(EMPHASIS_MARK);
                text.extend(t.chars().filter(|c| *c != EMPHASIS_MARK));
                text.push(EMPHASIS_MARK);
            }
            // `escape` makes a web address an autolink; one space keeps it apart from the
            // words around it only where the article had one.
            Inline::Link(url) => text.push_str(url),
        }
    }
    escape(&text, true).replace(EMPHASIS_MARK, "*")
}

/// Escapes `text` for a Markdown line: folds breaking whitespace into single spaces, trims it,
/// turns web addresses into autolinks, and backslash-escapes what could be markup. With
/// `line_start`, the text begins a line, where list, heading, quote and table markers count.
pub(crate) fn escape(text: &str, line_start: bool) -> String {
    // No-break spaces at the ends go too: markdown-it drops them there.
    let mut out = String::new();
    for (i, token) in break_tokens(text.trim()).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        token_md(&mut out, token, line_start && i == 0);
    }
    out
}

/// One whitespace-free token: any web address in it becomes an autolink, the rest is escaped.
fn token_md(out: &mut String, token: &str, first: bool) {
    let start = token
        .find("https://")
        .or_else(|| token.find("http://"))
        .or_else(|| token.find("HTTPS://"))
        .or_else(|| token.find("HTTP://"));
    if let Some(start) = start {
        let (before, rest) = token.split_at(start);
        // An autolink ends before `<`, `>`, a backslash or a backtick.
        let end = rest.find(['<', '>', '\\', '`']).unwrap_or(rest.len());
        let url = rest[..end].trim_end_matches(|c: char| {
            matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | ')' | ']'
            ) || !c.is_ascii()
        });
        let url = &url[..entity_start(url)];
        if is_web_url(url) {
            plain_md(out, before, first);
            out.push('<');
            out.push_str(url);
            out.push('>');
            plain_md(out, &rest[url.len()..], false);
            return;
        }
    }
    plain_md(out, token, first);
}

/// Where an entity reference such as `&amp;` (or `&amp` at the end) starts in `url`, which some
/// parsers would decode even inside an autolink; the end of `url` if there is none.
fn entity_start(url: &str) -> usize {
    for (i, _) in url.match_indices('&') {
        let name: String = url[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
            .collect();
        let after = &url[i + 1 + name.len()..];
        if !name.is_empty() && (after.is_empty() || after.starts_with(';')) {
            return i;
        }
    }
    url.len()
}

/// The abbreviations after which pandoc's smart punctuation puts a no-break space in place of
/// the space (pandoc's data file `abbreviations`). An escaped final stop keeps the space.
const PANDOC_ABBREVIATIONS: &[&str] = &[
    "aet.", "aetat.", "al.", "Apr.", "Aug.", "bk.", "Bros.", "c.", "Capt.", "cf.", "ch.", "chap.",
    "chs.", "Co.", "col.", "Corp.", "cp.", "d.", "Dec.", "Dr.", "e.g.", "ed.", "eds.", "esp.",
    "f.", "fasc.", "Feb.", "ff.", "fig.", "fl.", "fol.", "fols.", "Fr.", "Gen.", "Gov.", "Hon.",
    "i.e.", "ill.", "Inc.", "incl.", "Jan.", "Jr.", "Jul.", "Jun.", "Ltd.", "M.A.", "M.D.", "Mar.",
    "Mr.", "Mrs.", "Ms.", "n.", "n.b.", "nn.", "No.", "Nov.", "Oct.", "p.", "Ph.D.", "pp.",
    "Pres.", "Prof.", "pt.", "q.v.", "Rep.", "Rev.", "s.v.", "s.vv.", "saec.", "sec.", "Sen.",
    "Sep.", "Sept.", "Sgt.", "Sr.", "St.", "univ.", "viz.", "vol.", "vs.",
];

/// True when `text` ends in one of pandoc's abbreviations, as a word of its own.
fn ends_in_abbreviation(text: &str) -> bool {
    text.ends_with('.')
        && PANDOC_ABBREVIATIONS.iter().any(|a| {
            text.strip_suffix(a)
                .is_some_and(|before| !before.ends_with(char::is_alphanumeric))
        })
}

/// Escapes a run with no whitespace and no web address.
fn plain_md(out: &mut String, text: &str, first: bool) {
    let chars: Vec<char> = text.chars().collect();
    let list_marker = first && list_marker_len(&chars);
    let abbreviation = ends_in_abbreviation(text);
    // GitHub's autolinker takes `www.` and all that follows, backslashes included: a stop
    // written as an entity keeps it from starting.
    let maybe_www = text.len() >= 4 && text.contains(['w', 'W']);
    let www: Vec<usize> = (0..chars.len())
        .filter(|_| maybe_www)
        .filter(|&i| {
            chars
                .get(i..i + 4)
                .is_some_and(|w| w[..3].iter().all(|c| c.eq_ignore_ascii_case(&'w')) && w[3] == '.')
                && (i == 0 || !chars[i - 1].is_alphanumeric())
        })
        .map(|i| i + 3)
        .collect();
    for (i, &c) in chars.iter().enumerate() {
        if www.contains(&i) {
            out.push_str("&#46;");
            continue;
        }
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        let escape = match c {
            // Emphasis, code, links, raw HTML, entities, tables, strike-through, pandoc's
            // sub- and superscripts, math, citations, attributes, and smart quotes.
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '^' | '$' | '@' | '{'
            | '}' | '\'' | '"' | '#' => true,
            // `_` inside a word is never emphasis; elsewhere it may be.
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            // pandoc's smart punctuation makes dashes of `--` and an ellipsis of `...`.
            '-' => (first && i == 0) || prev == Some('-') || next == Some('-'),
            '.' => {
                prev == Some('.')
                    || next == Some('.')
                    || ((list_marker || abbreviation) && i + 1 == chars.len())
            }
            ')' => list_marker && i + 1 == chars.len(),
            '(' => first && i == 0,
            // Markers that count only at the start of a line.
            '+' | '=' | ':' | '%' => first && i == 0,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// True when a line's first token could be read as an ordered-list marker by some dialect:
/// `1.`, `2023.`, `1)`, `a.`, `iv)`, `(a)`, `#.`.
fn list_marker_len(chars: &[char]) -> bool {
    let body = match chars {
        ['(', rest @ .., ')'] => rest,
        [rest @ .., '.' | ')'] => rest,
        _ => return false,
    };
    !body.is_empty() && body.iter().all(|c| c.is_ascii_alphanumeric() || *c == '#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_and_links_survive_as_markdown() {
        let runs = crate::article::markup::parse(
            "Species such as *L. reuteri* [2] are named; see <https://example.org/a_b>.",
        );
        let md = runs_md(&runs);
        assert_eq!(
            md,
            "Species such as *L. reuteri* \\[2\\] are named; see <https://example.org/a_b>."
        );
        // A CommonMark parser reads one emphasis and one link.
        use pulldown_cmark::{Event, Parser, Tag};
        let events: Vec<Event> = Parser::new(&md).collect();
        let em = events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Emphasis)))
            .count();
        let links = events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Link { .. })))
            .count();
        assert_eq!((em, links), (1, 1), "{events:?}");
    }

    #[test]
    fn markup_is_escaped_and_words_keep_their_underscores() {
        assert_eq!(escape("a*b_[c]", false), "a\\*b\\_\\[c\\]");
        assert_eq!(escape("_x_ snake_case", false), "\\_x\\_ snake_case");
        assert_eq!(
            escape("H~2~O $x^2$ @key &amp;", false),
            "H\\~2\\~O \\$x\\^2\\$ \\@key \\&amp;"
        );
        assert_eq!(
            escape("a--b ... don't", false),
            "a\\-\\-b \\.\\.\\. don\\'t"
        );
        assert_eq!(
            escape("A vs. B, (e.g. C) Cavs. D", false),
            "A vs\\. B, (e.g\\. C) Cavs. D"
        );
    }

    #[test]
    fn line_starts_that_make_lists_headings_or_quotes_are_escaped() {
        assert_eq!(escape("1. one", true), "1\\. one");
        assert_eq!(escape("2023. A year", true), "2023\\. A year");
        assert_eq!(escape("(a) b", true), "\\(a\\) b");
        assert_eq!(escape("- x", true), "\\- x");
        assert_eq!(escape("+ x", true), "\\+ x");
        assert_eq!(escape("=== x", true), "\\=== x");
        assert_eq!(escape("# x", true), "\\# x");
        assert_eq!(escape("> x", true), "\\> x");
        assert_eq!(escape("Is 1. ok", true), "Is 1. ok");
    }

    #[test]
    fn web_addresses_become_autolinks_without_escapes() {
        assert_eq!(
            escape("Available from: https://e.org/a_b~c.", false),
            "Available from: <https://e.org/a_b~c>."
        );
        assert_eq!(escape("(https://e.org/x)", false), "(<https://e.org/x>)");
    }

    #[test]
    fn whitespace_folds_but_no_break_spaces_stay() {
        assert_eq!(escape(" a\t\n b\u{a0}c ", false), "a b\u{a0}c");
    }
}
