//! A large made-up article in RON, for the benchmarks and the size test: many sections of
//! cited paragraphs and lists, generated deterministically rather than checked in.

use crate::article::load::{FILE_NAMES, Texts};

/// Words per paragraph: with the RON around them, 1,000 × 20 paragraphs make about 5 MB.
const WORDS_PER_PARAGRAPH: usize = 16;

const WORDS: [&str; 24] = [
    "microbiome",
    "barrier",
    "skin",
    "gut",
    "inflammation",
    "fibre",
    "probiotic",
    "balance",
    "immune",
    "signalling",
    "diet",
    "stress",
    "acne",
    "rosacea",
    "ferment",
    "repair",
    "collagen",
    "polyphenols",
    "prebiotic",
    "dermatitis",
    "resilience",
    "bacteria",
    "renewal",
    "moisture",
];

/// RON texts of an article with `sections` sections of `paragraphs` paragraphs each,
/// citing `references` references. 1,000 × 20 makes about 5 MB.
pub fn texts(sections: usize, paragraphs: usize, references: u32) -> Texts {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let references = references.max(1);
    let mut article = String::from(
        "(\n    id: \"synthetic\",\n    title: \"A synthetic article\",\n    sections: [\n",
    );
    for s in 0..sections {
        article.push_str(&format!(
            "        (\n            id: \"section-{s}\",\n            title: \"Section {s}: on the {} and the {}\",\n            blocks: [\n",
            WORDS[s % WORDS.len()],
            WORDS[(s * 7 + 3) % WORDS.len()]
        ));
        for p in 0..paragraphs {
            let mut sentence = String::new();
            for w in 0..WORDS_PER_PARAGRAPH {
                let word = WORDS[(next() % WORDS.len() as u64) as usize];
                if w == 0 {
                    let mut c = word.chars();
                    if let Some(first) = c.next() {
                        sentence.extend(first.to_uppercase());
                        sentence.push_str(c.as_str());
                    }
                } else {
                    sentence.push(' ');
                    sentence.push_str(word);
                }
                if w % 12 == 11 {
                    sentence.push_str(". The skin’s");
                }
            }
            let cite = (next() % u64::from(references)) as u32 + 1;
            if p % 10 == 9 {
                article.push_str(&format!(
                    "                Entries([\n                    (term: \"Term {p}\", description: [Text(\"{sentence}. \"), Cite({cite})]),\n                ]),\n"
                ));
            } else {
                article.push_str(&format!(
                    "                Paragraph([Text(\"{sentence}. \"), Cite({cite}), Text(\" More to come.\")]),\n"
                ));
            }
        }
        article.push_str("            ],\n        ),\n");
    }
    article.push_str("    ],\n)\n");
    let mut refs = String::from("[\n");
    for n in 1..=references {
        refs.push_str(&format!(
            "    (number: {n}, authors: [\"Author A\", \"Author B\"], title: \"Reference {n}\", source: \"Journal\", date: \"2024\", doi: \"10.1000/{n}\", url: \"https://example.org/{n}\", printed: \"Author A, Author B. Reference {n}. Journal. 2024. doi: 10.1000/{n}.\"),\n"
        ));
    }
    refs.push_str("]\n");
    Texts {
        names: FILE_NAMES.map(|n| format!("synthetic/{n}")),
        texts: [article, refs, "()".to_owned()],
    }
}
