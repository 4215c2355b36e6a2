//! Plain text: headings underlined to their display width, lines wrapped at a width that only
//! a single unbreakable token may pass, references with a hanging indent.

use unicode_width::UnicodeWidthStr;

use super::{Part, Scope, break_tokens, is_break_space, outline, reference_lines};
use crate::article::markup::Inline;
use crate::article::model::Article;

/// The section or article as plain text, wrapped at `width` columns (0: unwrapped).
pub fn to_text(article: &Article, scope: Scope, width: usize) -> String {
    let mut out = String::new();
    for part in outline(article, scope) {
        match part {
            Part::Heading(level, title) => {
                let lines = wrap(&tokens(title), width, "", "");
                let widest = lines.lines().map(UnicodeWidthStr::width).max();
                out.push_str(&lines);
                out.push('\n');
                let rule = match level {
                    1 => '=',
                    2 => '-',
                    _ => '~',
                };
                out.extend(std::iter::repeat_n(rule, widest.unwrap_or(0)));
                out.push_str("\n\n");
            }
            Part::Paragraph(runs) => {
                out.push_str(&wrap(&words(None, runs), width, "", ""));
                out.push_str("\n\n");
            }
            Part::Entry {
                term,
                runs,
                details,
            } => {
                out.push_str(&wrap(&words(Some(term), &runs), width, "", ""));
                out.push('\n');
                for (label, runs) in &details {
                    out.push_str(&wrap(&words(Some(label), runs), width, "    ", "    "));
                    out.push('\n');
                }
                out.push('\n');
            }
            Part::References(refs) => {
                out.push_str("References\n----------\n\n");
                for r in refs {
                    let marker = format!("[{}] ", r.number);
                    let indent = " ".repeat(marker.width());
                    out.push_str(&wrap(&tokens(&r.printed), width, &marker, &indent));
                    out.push('\n');
                    for (label, value) in reference_lines(r) {
                        let line = tokens(&format!("{label}: {value}"));
                        out.push_str(&wrap(&line, width, &indent, &indent));
                        out.push('\n');
                    }
                }
                out.push('\n');
            }
            Part::Closing(title) => {
                let title = title.trim();
                let line = tokens(&format!("From the article \u{201c}{title}\u{201d}"));
                out.push_str(&wrap(&line, width, "", ""));
                out.push('\n');
            }
        }
    }
    out
}

/// Splits text where a line may break; no-break spaces stay inside their token, but not at
/// the ends of the text (as Markdown readers drop them there).
fn tokens(text: &str) -> Vec<String> {
    split_breaks(text.trim())
}

fn split_breaks(text: &str) -> Vec<String> {
    break_tokens(text).map(str::to_owned).collect()
}

/// Splits runs into tokens, with each citation marker joined to the word before it by a
/// space inside the token, so that wrapping never separates the two. An entry's term comes
/// first, followed by a colon.
fn words(term: Option<&str>, runs: &[Inline]) -> Vec<String> {
    let mut words = Vec::new();
    if let Some(term) = term {
        words = tokens(term);
        if let Some(last) = words.last_mut() {
            last.push(':');
        }
    }
    words.extend(run_words(runs));
    words
}

fn run_words(runs: &[Inline]) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    // Whether the last word may still grow (no break seen after it).
    let mut open = false;
    for run in runs {
        // Emphasis keeps its marks, as plain text writes it; a link is its address.
        let marked;
        let run = match run {
            Inline::Emphasis(t) => {
                marked = Inline::Text(format!("*{t}*"));
                &marked
            }
            Inline::Link(url) => {
                marked = Inline::Text(url.clone());
                &marked
            }
            run => run,
        };
        match run {
            Inline::Text(t) => {
                let starts_with_space = t.starts_with(is_break_space);
                for (i, w) in split_breaks(t).into_iter().enumerate() {
                    match words.last_mut() {
                        Some(last) if i == 0 && open && !starts_with_space => last.push_str(&w),
                        _ => words.push(w),
                    }
                }
                open = !t.ends_with(is_break_space) && (open || !t.is_empty());
            }
            Inline::Cite(n) => {
                match words.last_mut() {
                    Some(last) if open => last.push_str(&format!("[{n}]")),
                    Some(last) => last.push_str(&format!(" [{n}]")),
                    None => words.push(format!("[{n}]")),
                }
                open = true;
            }
            // Made text above.
            Inline::Emphasis(_) | Inline::Link(_) => {}
        }
    }
    // No-break spaces at the ends of a paragraph go, as in `tokens`.
    while let Some(first) = words.first_mut() {
        *first = first.trim_start().to_owned();
        if !first.is_empty() {
            break;
        }
        words.remove(0);
    }
    while let Some(last) = words.last_mut() {
        *last = last.trim_end().to_owned();
        if !last.is_empty() {
            break;
        }
        words.pop();
    }
    words
}

/// Greedy wrap at `width` display columns (0: one line). The first line starts with `first`,
/// the others with `indent`. A token is never split, so only a token wider than the line
/// passes the width.
fn wrap(words: &[String], width: usize, first: &str, indent: &str) -> String {
    let mut out = String::from(first);
    let mut line = first.width();
    let mut empty = true;
    for w in words {
        let len = w.width();
        if !empty && width > 0 && line + 1 + len > width {
            out.push('\n');
            out.push_str(indent);
            line = indent.width();
        } else if !empty {
            out.push(' ');
            line += 1;
        }
        out.push_str(w);
        line += len;
        empty = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(words: &[&str]) -> Vec<String> {
        words.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn emphasis_keeps_its_marks_and_a_link_is_its_address() {
        let runs =
            crate::article::markup::parse("See *L. reuteri* [2] and <https://example.org/x>.");
        assert_eq!(
            run_words(&runs).join(" "),
            "See *L. reuteri* [2] and https://example.org/x."
        );
    }

    #[test]
    fn wrap_is_greedy_and_never_splits_words() {
        assert_eq!(wrap(&w(&["aaa", "bb", "cccc"]), 6, "", ""), "aaa bb\ncccc");
        assert_eq!(wrap(&w(&["aaaaaaaaaa", "b"]), 4, "", ""), "aaaaaaaaaa\nb");
        assert_eq!(wrap(&w(&["a", "b"]), 0, "", ""), "a b");
    }

    #[test]
    fn wrap_counts_display_columns_and_indents_what_follows() {
        // Each of these CJK characters takes two columns.
        assert_eq!(wrap(&w(&["中文", "中文"]), 8, "", ""), "中文\n中文");
        assert_eq!(
            wrap(&w(&["aa", "bb", "cc"]), 7, "[1] ", "    "),
            "[1] aa\n    bb\n    cc"
        );
    }

    #[test]
    fn a_citation_sticks_to_the_word_before_it() {
        let runs = [
            Inline::Text("one two. ".into()),
            Inline::Cite(4),
            Inline::Text(" three".into()),
        ];
        let words = words(None, &runs);
        assert_eq!(words, w(&["one", "two. [4]", "three"]));
        assert_eq!(wrap(&words, 8, "", ""), "one\ntwo. [4]\nthree");
    }

    #[test]
    fn no_break_spaces_are_kept_and_do_not_break() {
        let runs = [Inline::Text("10\u{a0}mg a\tb".into())];
        assert_eq!(words(None, &runs), w(&["10\u{a0}mg", "a", "b"]));
    }

    #[test]
    fn entries_start_with_their_term() {
        let runs = [Inline::Text("Red patches.".into())];
        assert_eq!(
            words(Some("Atopic dermatitis"), &runs),
            w(&["Atopic", "dermatitis:", "Red", "patches."])
        );
    }
}
