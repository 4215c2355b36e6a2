//! Finding where a parsed value stands in its file, for a message's `line:col`: a cursor that
//! moves forward through the text as the values are visited in file order.

use super::*;

/// How far past the previous citation the next one is looked for, in bytes.
pub(super) const CITE_WINDOW: usize = 64 * 1024;

/// Finds the source text of items the parser has already accepted, so that a semantic
/// problem can point at a line. Walks forward, item by item, as the file is written.
pub(super) struct Locator<'a> {
    name: &'a str,
    text: &'a str,
    cursor: usize,
}

impl<'a> Locator<'a> {
    pub(super) fn new(name: &'a str, text: &'a str) -> Self {
        Self {
            name,
            text,
            cursor: 0,
        }
    }

    /// Moves to the next occurrence of `needle` and returns its offset.
    pub(super) fn advance(&mut self, needle: &str) -> Option<usize> {
        let found = self.find_from(self.cursor, needle)?;
        self.cursor = found + needle.len();
        Some(found)
    }

    pub(super) fn find_from(&self, from: usize, needle: &str) -> Option<usize> {
        self.text.get(from..)?.find(needle).map(|i| i + from)
    }

    /// The first citation of reference `n` from `from`, written either way: `Cite(n)`, or
    /// `[n]`, `[n, …]`, `[…, n]` or `[n–…]` in a string; the offset of its number.
    pub(super) fn find_cite(&self, from: usize, n: u32) -> Option<usize> {
        let digits = n.to_string();
        // Citations are looked for in order, each soon after the one before: searching a
        // bounded stretch keeps a 5 MB article linear. Within it, each place the number
        // stands is checked for the forms around it, so the search stops at the first
        // citation instead of reading the whole stretch once for each form.
        let end = self.text.len().min(from + CITE_WINDOW);
        let end = (end..=self.text.len())
            .find(|&e| self.text.is_char_boundary(e))
            .unwrap_or(self.text.len());
        let mut at = from;
        while let Some(i) = self.text.get(at..end)?.find(digits.as_str()) {
            let start = at + i;
            let (before, after) = (&self.text[..start], &self.text[start + digits.len()..]);
            let cited = (before.ends_with("Cite(") && after.starts_with(')'))
                || (before.ends_with('[') && after.starts_with([']', ',', ';', '–', '-']))
                || (before.ends_with(',') && after.starts_with(']'))
                || (before.ends_with(", ") && after.starts_with([']', ',']))
                || (before.ends_with("; ") && after.starts_with(']'));
            if cited {
                return Some(start);
            }
            at = start + digits.len();
        }
        None
    }

    pub(super) fn problem(
        &self,
        offset: Option<usize>,
        severity: Severity,
        message: String,
    ) -> Problem {
        Problem {
            file: self.name.to_owned(),
            at: offset.map(|o| position(self.text, o)),
            message,
            severity,
        }
    }
}
