//! Finding a quote again in text that may have changed since it was highlighted, in the
//! order Hypothesis uses: the exact quote where it was; else the exact quote elsewhere (the
//! best context, then the nearest); else a fuzzy match between its context within an edit
//! distance bound ([`bound`]), measured with `strsim`'s Levenshtein distance. What none of
//! these finds is orphaned by the caller, never dropped.

use std::ops::Range;

use memchr::memmem;

use super::{CONTEXT_CHARS, Quote};

/// How an annotation was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum How {
    /// The exact quote, where it was.
    Exact,
    /// The exact quote, somewhere else (text was added or removed before it, or it moved).
    Moved,
    /// Text within the edit bound of the quote, between its context.
    Fuzzy,
}

/// A quote found again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchored {
    /// Byte range in the text.
    pub range: Range<usize>,
    pub how: How,
}

/// The most character edits a changed quote may have and still be found: a quarter of its
/// length, at least 2.
pub fn bound(exact: &str) -> usize {
    (exact.chars().count() / 4).max(2)
}

/// How many occurrences of a context are tried, nearest the hint first.
const MAX_CANDIDATES: usize = 8;

/// Finds `quote` in `text`; `start` is where it began, in characters.
pub fn anchor(text: &str, quote: &Quote, start: usize) -> Option<Anchored> {
    if quote.exact.is_empty() {
        return None;
    }
    let hint = byte_of_char(text, start);
    if text[hint..].starts_with(&quote.exact) {
        return Some(Anchored {
            range: hint..hint + quote.exact.len(),
            how: How::Exact,
        });
    }
    if let Some((range, _)) = best_exact(text, quote, Some(hint)) {
        return Some(Anchored {
            range,
            how: How::Moved,
        });
    }
    fuzzy(text, quote, hint).map(|range| Anchored {
        range,
        how: How::Fuzzy,
    })
}

/// The byte offset of character `n` of `text`, or its end.
pub fn byte_of_char(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// The occurrence of the exact quote whose surroundings best match its context (characters
/// in common, up to the context's length either side), the nearest `hint` among equals; and
/// its score.
pub fn best_exact(text: &str, quote: &Quote, hint: Option<usize>) -> Option<(Range<usize>, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    for at in memmem::find_iter(text.as_bytes(), quote.exact.as_bytes()) {
        let end = at + quote.exact.len();
        let score =
            common_suffix(&text[..at], &quote.prefix) + common_prefix(&text[end..], &quote.suffix);
        let distance = hint.map_or(0, |h| h.abs_diff(at));
        let better = match best {
            None => true,
            Some((s, d, _)) => score > s || (score == s && distance < d),
        };
        if better {
            best = Some((score, distance, at));
        }
    }
    best.map(|(score, _, at)| (at..at + quote.exact.len(), score))
}

/// Characters `a` ends with that `b` ends with too.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Characters `a` starts with that `b` starts with too.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The last `n` characters of `s`.
fn tail(s: &str, n: usize) -> &str {
    let at = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if n == 0 { "" } else { &s[at..] }
}

/// The first `n` characters of `s`.
fn head(s: &str, n: usize) -> &str {
    &s[..byte_of_char(s, n)]
}

/// Where a context occurs, nearest `hint` first: the end of each `prefix` occurrence, or the
/// start of each `suffix` one.
fn nearest(text: &str, needle: &str, after: bool, hint: usize) -> Vec<usize> {
    let mut at: Vec<usize> = memmem::find_iter(text.as_bytes(), needle.as_bytes())
        .map(|i| if after { i + needle.len() } else { i })
        .collect();
    at.sort_by_key(|i| i.abs_diff(hint));
    at.truncate(MAX_CANDIDATES);
    at
}

/// A changed quote: the text between its (unchanged) context, or beside one side of it, that
/// is within [`bound`] edits of the quote. The fewest edits win, then the nearest the hint.
fn fuzzy(text: &str, quote: &Quote, hint: usize) -> Option<Range<usize>> {
    let exact = &quote.exact;
    let chars = exact.chars().count();
    let bound = bound(exact);
    let mut best: Option<(usize, usize, Range<usize>)> = None;
    let consider = |range: Range<usize>, best: &mut Option<(usize, usize, Range<usize>)>| {
        let candidate = &text[range.clone()];
        if candidate.trim().is_empty() {
            return;
        }
        let n = candidate.chars().count();
        if n.abs_diff(chars) > bound {
            return;
        }
        let d = strsim::levenshtein(exact, candidate);
        let far = range.start.abs_diff(hint);
        if d <= bound
            && best
                .as_ref()
                .is_none_or(|(bd, bf, _)| (d, far) < (*bd, *bf))
        {
            *best = Some((d, far, range));
        }
    };
    // The longest context first; shorter ones where an edit reached into it.
    for context in [CONTEXT_CHARS, 12, 6] {
        let p = tail(&quote.prefix, context);
        let s = head(&quote.suffix, context);
        // A quote that began or ended its unit stays pinned to that edge: the author adding
        // text there and rewording the quote too orphans it (an unchanged quote is found
        // exactly before this).
        let starts = if quote.prefix.is_empty() {
            vec![0]
        } else if p.chars().count() < context.min(quote.prefix.chars().count()) {
            continue;
        } else {
            nearest(text, p, true, hint)
        };
        let ends = if quote.suffix.is_empty() {
            vec![text.len()]
        } else {
            nearest(text, s, false, hint + exact.len())
        };
        // Both sides found: the text between them is the quote, within the bound or not at
        // all; a shorter piece beside one side would be a wrong anchor.
        let mut paired = false;
        for &st in &starts {
            for &en in &ends {
                if en >= st && en - st <= exact.len() * 4 + 400 {
                    paired = true;
                    consider(st..en, &mut best);
                }
            }
        }
        if paired {
            break;
        }
        // One side found: try each length within the bound from it.
        for &st in &starts {
            let ends = text[st..]
                .char_indices()
                .map(|(i, _)| st + i)
                .chain(std::iter::once(text.len()))
                .skip(chars.saturating_sub(bound))
                .take(2 * bound + 1);
            for en in ends {
                consider(st..en, &mut best);
            }
        }
        for &en in &ends {
            let starts = text[..en]
                .char_indices()
                .rev()
                .map(|(i, _)| i)
                .skip(chars.saturating_sub(bound + 1))
                .take(2 * bound + 1);
            for st in starts {
                consider(st..en, &mut best);
            }
        }
        if best.is_some() {
            break;
        }
    }
    best.map(|(_, _, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::notes::quote_at;

    fn quote(text: &str, exact: &str) -> (Quote, usize) {
        let at = text.find(exact).unwrap();
        (
            quote_at(text, at..at + exact.len()),
            text[..at].chars().count(),
        )
    }

    #[test]
    fn the_exact_quote_where_it_was() {
        let text = "The gut and the skin talk to each other through the immune system.";
        let (q, start) = quote(text, "talk to each other");
        let a = anchor(text, &q, start).unwrap();
        assert_eq!(a.how, How::Exact);
        assert_eq!(&text[a.range], "talk to each other");
    }

    #[test]
    fn text_added_before_moves_the_anchor_with_it() {
        let text = "The gut and the skin talk to each other.";
        let (q, start) = quote(text, "the skin");
        let edited = "A new opening sentence. The gut and the skin talk to each other.";
        let a = anchor(edited, &q, start).unwrap();
        assert_eq!(a.how, How::Moved);
        assert_eq!(&edited[a.range], "the skin");
    }

    #[test]
    fn a_repeated_quote_is_told_apart_by_its_context() {
        let text = "Fibre feeds the gut. Sleep repairs the skin. Fibre feeds the skin.";
        let at = text.rfind("Fibre feeds").unwrap();
        let q = quote_at(text, at..at + "Fibre feeds".len());
        let edited = format!("Intro. {text}");
        let a = anchor(&edited, &q, 0).unwrap();
        assert_eq!(a.range.start, at + "Intro. ".len());
    }

    #[test]
    fn a_reworded_quote_is_found_within_the_bound() {
        let text = "Studies suggest that a diet rich in fibre supports a balanced microbiome and calmer skin.";
        let (q, start) = quote(text, "a diet rich in fibre supports a balanced microbiome");
        let edited = "Studies suggest that a diet high in fibre supports a balanced microbiome and calmer skin.";
        let a = anchor(edited, &q, start).unwrap();
        assert_eq!(a.how, How::Fuzzy);
        assert_eq!(
            &edited[a.range],
            "a diet high in fibre supports a balanced microbiome"
        );
    }

    #[test]
    fn a_rewritten_quote_is_not_found() {
        let text = "Studies suggest that a diet rich in fibre supports a balanced microbiome and calmer skin.";
        let (q, start) = quote(text, "a diet rich in fibre");
        let edited = "Studies suggest that sleep matters most and calmer skin.";
        assert_eq!(anchor(edited, &q, start), None);
    }

    #[test]
    fn contexts_at_the_ends_of_the_text() {
        let text = "Probiotics help.";
        let (q, start) = quote(text, "Probiotics");
        let a = anchor("Probiotica help.", &q, start).unwrap();
        assert_eq!(a.how, How::Fuzzy);
        assert_eq!(a.range, 0..10);
        let (q, start) = quote(text, "help.");
        let a = anchor("Probiotics helps.", &q, start).unwrap();
        assert_eq!(&"Probiotics helps."[a.range], "helps.");
    }

    #[test]
    fn helpers() {
        assert_eq!(tail("abcdé", 2), "dé");
        assert_eq!(tail("ab", 5), "ab");
        assert_eq!(tail("ab", 0), "");
        assert_eq!(head("éab", 2), "éa");
        assert_eq!(byte_of_char("éa", 1), 2);
        assert_eq!(byte_of_char("éa", 9), 3);
    }
}
