//! Which writing systems an article uses where the fonts may not cover them, and where each
//! first appears, for "no installed font covers Devanagari (article.ron:12:9)". Pure: the caller
//! says which characters are covered.

use unicode_script::{Script, UnicodeScript};

/// A writing system an article uses, at its first character that `covered` refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uncovered {
    /// The script's name, such as "Devanagari", or "Emoji".
    pub script: String,
    /// The first character of it, as written.
    pub sample: char,
    /// Which of the texts, and the byte offset in it.
    pub text: usize,
    pub offset: usize,
}

/// The script a reader would name for `c`.
pub fn script_name(c: char) -> String {
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown if u32::from(c) >= 0x1F000 => {
            "Emoji".to_owned()
        }
        Script::Common | Script::Inherited | Script::Unknown => "symbols".to_owned(),
        script => script.full_name().replace('_', " "),
    }
}

/// Every character of `texts` that may need a font beyond ASCII: not ASCII, not a space or
/// control character, and not a variation selector or joiner (which draw nothing).
pub fn needs_font(c: char) -> bool {
    !c.is_ascii()
        && !c.is_whitespace()
        && !c.is_control()
        && !matches!(u32::from(c), 0xFE00..=0xFE0F | 0x200B..=0x200F | 0x2060..=0x206F | 0xFEFF)
}

/// One entry per script with a character `covered` refuses, at its first such character, in
/// the order the texts use them.
pub fn uncovered(texts: &[&str], mut covered: impl FnMut(char) -> bool) -> Vec<Uncovered> {
    let mut out: Vec<Uncovered> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (text, t) in texts.iter().enumerate() {
        for (offset, c) in t.char_indices() {
            if !needs_font(c) || !seen.insert(c) || covered(c) {
                continue;
            }
            let script = script_name(c);
            if !out.iter().any(|u| u.script == script) {
                out.push(Uncovered {
                    script,
                    sample: c,
                    text,
                    offset,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_is_named_once_at_its_first_character() {
        let texts = ["Latin é, हिन्दी and हिं", "微生物 🦠 and عربي"];
        let found = uncovered(&texts, |c| c.is_alphabetic() && c.script() == Script::Latin);
        let names: Vec<&str> = found.iter().map(|u| u.script.as_str()).collect();
        assert_eq!(names, ["Devanagari", "Han", "Emoji", "Arabic"]);
        assert_eq!(found[0].sample, 'ह');
        assert_eq!((found[0].text, found[0].offset), (0, 10));
        assert_eq!(found[1].text, 1);
    }
}
