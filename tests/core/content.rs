//! The shipped article is the seed text, verbatim, and every kind of broken file gets a
//! located, plain error instead of a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use gut_skin_viewer::article::load::{self, FILE_NAMES};
use gut_skin_viewer::article::model::plain_text;
use gut_skin_viewer::article::search::block_texts;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn content_dir() -> PathBuf {
    root().join("content/gut-skin-axis")
}

#[test]
fn the_embedded_article_is_exactly_the_one_in_content() {
    for (name, embedded) in FILE_NAMES.iter().zip(load::EMBEDDED) {
        let on_disk = std::fs::read_to_string(content_dir().join(name)).unwrap();
        assert_eq!(on_disk, embedded, "{name} differs from the embedded copy");
    }
    let from_disk = load::load_path(&content_dir()).unwrap().article;
    assert_eq!(from_disk, load::load_embedded().unwrap().article);
}

#[test]
fn the_short_form_loads_to_the_same_article_as_the_run_lists() {
    // tests/data/long-form is the shipped article as it was written before the short form:
    // every paragraph a list of Text(…) and Cite(n) runs.
    let long = load::load_path(&root().join("tests/data/long-form")).unwrap();
    let short = load::load_path(&content_dir()).unwrap();
    assert_eq!(short.article, long.article);
    let runs = |dir: &Path, pattern: &str| {
        FILE_NAMES
            .iter()
            .map(|n| {
                std::fs::read_to_string(dir.join(n))
                    .unwrap()
                    .matches(pattern)
                    .count()
            })
            .sum::<usize>()
    };
    assert_eq!(runs(&content_dir(), "Text("), 0);
    assert_eq!(runs(&content_dir(), "Cite("), 0);
    assert!(runs(&root().join("tests/data/long-form"), "Cite(") > 0);
}

/// The seed's lines before "References:", and the reference lines after it.
fn seed() -> (Vec<String>, Vec<String>) {
    let text = std::fs::read_to_string(root().join("tests/data/seed-gut-skin-axis.txt")).unwrap();
    let (body, refs) = text.split_once("\nReferences:\n").unwrap();
    let lines = |s: &str| {
        s.lines()
            .map(str::trim_end)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    (lines(body), lines(refs))
}

/// Every line of text the article shows, as the seed writes it.
fn article_lines() -> Vec<String> {
    let article = load::load_embedded().unwrap().article;
    let mut lines = vec![article.title.clone()];
    lines.extend(article.lede.iter().flat_map(block_texts));
    for s in &article.sections {
        lines.push(s.title.clone());
        lines.extend(s.blocks.iter().flat_map(block_texts));
    }
    lines
}

#[test]
fn every_line_of_the_seed_is_in_the_article_verbatim_and_in_order() {
    let (seed, _) = seed();
    assert_eq!(article_lines(), seed);
}

#[test]
fn every_sentence_of_the_seed_appears_in_the_loaded_article() {
    let (seed, _) = seed();
    let all = article_lines().join("\n");
    let mut count = 0;
    for line in &seed {
        for sentence in line.split_inclusive(['.', '?', '!']) {
            let sentence = sentence.trim();
            if sentence.len() > 3 {
                assert!(all.contains(sentence), "missing: {sentence}");
                count += 1;
            }
        }
    }
    assert!(count >= 75, "only {count} sentences checked");
}

#[test]
fn every_reference_is_kept_as_printed_with_its_identifiers() {
    let (_, refs) = seed();
    let article = load::load_embedded().unwrap().article;
    assert_eq!(refs.len(), article.references.len());
    for (i, (line, r)) in refs.iter().zip(&article.references).enumerate() {
        let number = (i + 1) as u32;
        assert_eq!(r.number, number);
        let (n, printed) = line.split_once('.').unwrap();
        assert_eq!(n, number.to_string());
        assert_eq!(r.printed, printed.trim_start(), "reference {number}");
        for id in [&r.doi, &r.pmid, &r.pmcid, &r.url, &r.issn]
            .into_iter()
            .flatten()
        {
            assert!(
                line.contains(id.as_str()),
                "reference {number}: {id} is not in the seed"
            );
        }
        // Every identifier the seed line carries is in a field.
        for word in line.split_whitespace().skip(1) {
            let word = word.trim_end_matches(['.', ',', ';']);
            if word.starts_with("http") {
                let is_doi_link = r.doi_url().is_some_and(|d| d == word);
                assert!(
                    r.url.as_deref() == Some(word) || is_doi_link,
                    "reference {number}: {word}"
                );
            }
            if word.starts_with("10.") {
                assert_eq!(r.doi.as_deref(), Some(word), "reference {number}");
            }
        }
    }
    let notes = |n: u32| article.reference(n).unwrap().notes.join(" ");
    assert!(notes(3).contains("reference 2"));
    assert!(notes(4).contains("Gut Microbes, 2022"));
    assert!(notes(7).contains("placeholder"));
    assert!(notes(2).contains("ScienceDirect") && notes(3).contains("ScienceDirect"));
}

#[test]
fn the_guidance_quotes_the_article() {
    let article = load::load_embedded().unwrap().article;
    let all = article_lines().join("\n");
    let g = &article.guidance;
    let mut passages: Vec<String> = g.foods.iter().map(|f| plain_text(&f.text)).collect();
    let b = g.biotics.as_ref().unwrap();
    for runs in b.passages() {
        passages.push(plain_text(runs));
    }
    passages.push(plain_text(&g.disruptors.as_ref().unwrap().text));
    passages.push(plain_text(&g.barrier_note.as_ref().unwrap().text));
    for p in passages {
        for sentence in p.split_inclusive(['.', '?', '!']) {
            let sentence = sentence.trim();
            if !sentence.is_empty() {
                assert!(
                    all.contains(sentence),
                    "guidance says what the article does not: {sentence}"
                );
            }
        }
    }
    let names: Vec<&str> = g.foods.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Berries",
            "Leafy greens",
            "Salmon and other omega-3-rich fish",
            "Bone broth"
        ]
    );
    assert_eq!(
        g.disruptors.as_ref().unwrap().names,
        [
            "Antibiotics",
            "Chronic stress",
            "Processed foods",
            "Low fibre diets"
        ]
    );
}

/// An article folder: the real content with one file replaced by a broken fixture.
fn broken(case: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for name in FILE_NAMES {
        std::fs::copy(content_dir().join(name), dir.path().join(name)).unwrap();
    }
    let fixtures = root().join("tests/data/broken");
    let mut replaced = None;
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_owned();
        if let Some(rest) = file.strip_prefix(&format!("{case}.")) {
            std::fs::copy(&path, dir.path().join(rest)).unwrap();
            replaced = Some(dir.path().join(rest));
        }
    }
    let replaced = replaced.unwrap_or_else(|| panic!("no fixture for {case}"));
    (dir, replaced)
}

/// Loads a broken case and returns its error lines, with the temp folder shown as `DIR`.
fn errors(case: &str) -> Vec<String> {
    let (dir, _) = broken(case);
    let result = std::panic::catch_unwind(|| load::load_path(dir.path()));
    let Ok(result) = result else {
        panic!("{case}: the loader panicked");
    };
    let err = result.expect_err(case);
    let prefix = dir.path().display().to_string();
    err.errors()
        .map(|p| p.to_string().replace(&prefix, "DIR"))
        .collect()
}

fn assert_error(case: &str, expected: &str) {
    let errors = errors(case);
    assert!(
        errors.iter().any(|e| e == expected),
        "{case}: expected\n  {expected}\namong\n  {}",
        errors.join("\n  ")
    );
}

#[test]
fn broken_files_get_located_plain_errors() {
    assert_error(
        "unknown-field",
        "DIR/article.ron:3:5: unknown field \"titel\", expected one of \"id\", \"title\", \"lede\", \"sections\"",
    );
    assert_error(
        "missing-field",
        "DIR/article.ron:4:1: missing field \"title\" in the article",
    );
    assert_error("empty", "DIR/article.ron:1:1: the file is empty");
    assert_error(
        "truncated",
        "DIR/article.ron:10:26: a string starts here but never ends: a closing \" is missing, or the file is truncated",
    );
    assert_error(
        "not-utf8",
        "DIR/article.ron:3:17: the file is not UTF-8 text (binary data?)",
    );
    assert_error(
        "binary-garbage",
        "DIR/references.ron:1:1: the file is not UTF-8 text (binary data?)",
    );
    assert_error(
        "unresolved-citation",
        "DIR/article.ron:10:53: section \"one\" cites [42], but there is no reference 42",
    );
    assert_error(
        "duplicate-section",
        "DIR/article.ron:7:14: section \"one\" repeats the id of section 1",
    );
    assert_error(
        "bad-slug",
        "DIR/article.ron:5:14: section \"Not A Slug\": the id must be lower-case letters, digits and single hyphens, like \"gut-health\"",
    );
    assert_error(
        "empty-section",
        "DIR/article.ron:6:14: section \"two\" is empty: it has no paragraphs",
    );
    assert_error(
        "unknown-variant",
        "DIR/article.ron:5:44: unknown kind \"Paragraf\", expected one of \"Paragraph\", \"Entries\"",
    );
    assert_error(
        "guidance-bad-section",
        "DIR/guidance.ron:65:18: the probiotics and prebiotics links to section \"probiotics\", which the article does not have",
    );
    assert_error(
        "bad-url",
        "DIR/references.ron:95:9: reference 7 has url \"file:///etc/passwd\", but only http and https addresses are allowed",
    );
}

#[test]
fn the_mistakes_authors_make_get_a_place_and_a_hint() {
    assert_error(
        "straight-quote",
        "DIR/article.ron:9:53: a straight quote \" inside the string that starts at 9:27 ends it \
         early; for a quotation mark in the text write ” (or “…”), or \\\"",
    );
    assert_error(
        "unclosed-string",
        "DIR/article.ron:9:27: this string is never closed: its closing \" is missing, so it runs \
         on to line 10; close it where the text ends",
    );
    assert_error(
        "missing-comma",
        "DIR/article.ron:9:54: a comma is missing here, between this item and the next one \
         (line 10): items in a list are separated by commas",
    );
    assert_error(
        "quoted-citation",
        "DIR/article.ron:9:64: expected integer: a number is written without quotes, as in \
         Cite(3), not Cite(\"3\")",
    );
    assert_error(
        "section-without-title",
        "DIR/article.ron:10:9: missing field \"title\" in section \"two\" (up to line 13); it \
         takes a string in double quotes: title: \"…\"",
    );
    assert_error(
        "wrong-shape",
        "DIR/references.ron:98:13: `notes` takes a list of strings: notes: [\"…\", \"…\"]",
    );
    assert_error(
        "duplicate-reference",
        "DIR/references.ron:116:9: reference 8 appears twice (line 102 and line 116): give each \
         reference its own number",
    );
}

#[test]
fn deep_nesting_gets_a_located_error_not_a_stack_overflow() {
    let errors = errors("deep-nesting");
    assert_eq!(
        errors,
        [
            "DIR/article.ron:4:12: expected the name of a kind of block or inline here, like Paragraph or Text"
        ]
    );
}

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["article.ron", "guidance.ron"] {
        std::fs::copy(content_dir().join(name), dir.path().join(name)).unwrap();
    }
    let err = load::load_path(dir.path()).unwrap_err();
    let lines: Vec<String> = err.errors().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [format!(
            "{}: file not found",
            dir.path().join("references.ron").display()
        )]
    );
    let err = load::load_path(Path::new("/no/such/folder")).unwrap_err();
    assert_eq!(err.to_string(), "/no/such/folder: no such file or folder");
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    for name in FILE_NAMES {
        std::fs::copy(content_dir().join(name), dir.path().join(name)).unwrap();
    }
    let big = std::fs::File::create(dir.path().join("guidance.ron")).unwrap();
    big.set_len(load::MAX_FILE_BYTES + 1).unwrap();
    let err = load::load_path(dir.path()).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("guidance.ron: file is larger than the 32 MiB limit"),
        "{err}"
    );
}

#[test]
fn any_of_the_three_files_names_its_folder() {
    for name in FILE_NAMES {
        let loaded = load::load_path(&content_dir().join(name)).unwrap();
        assert_eq!(loaded.article.sections.len(), 6);
    }
}

/// A small deterministic generator (xorshift), so that the mutation test needs no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Mutates one file at a time: byte flips, deletions, duplications, truncation and
/// insertion of RON punctuation. The loader must return, never panic.
#[test]
fn mutated_content_never_panics_the_loader() {
    let texts = load::embedded_texts();
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let tokens: [&[u8]; 12] = [
        b"(", b")", b"[", b"]", b",", b"\"", b"Cite(", b"Some(", b":", b"\\", b"0", b"\xff",
    ];
    let cases = 3000;
    let mut errors = 0;
    for _ in 0..cases {
        let file = rng.below(3);
        let mut bytes = texts.texts[file].clone().into_bytes();
        for _ in 0..=rng.below(4) {
            let at = rng.below(bytes.len());
            match rng.below(5) {
                0 => bytes[at] = rng.next() as u8,
                1 => {
                    let end = (at + rng.below(40)).min(bytes.len());
                    bytes.drain(at..end);
                }
                2 => {
                    let end = (at + rng.below(200)).min(bytes.len());
                    let copy = bytes[at..end].to_vec();
                    bytes.splice(at..at, copy);
                }
                3 => bytes.truncate(at),
                _ => {
                    let t = tokens[rng.below(tokens.len())];
                    bytes.splice(at..at, t.iter().copied());
                }
            }
            if bytes.is_empty() {
                break;
            }
        }
        let mut mutated = texts.clone();
        let result = std::panic::catch_unwind(move || match load::decode("f", bytes) {
            Ok(text) => {
                mutated.texts[file] = text;
                load::load_texts(&mutated).is_err()
            }
            Err(_) => true,
        });
        match result {
            Ok(failed) => errors += usize::from(failed),
            Err(_) => panic!("the loader panicked"),
        }
    }
    // Most mutations break the file; a few land in text and still load.
    assert!(errors > cases / 2, "{errors} of {cases}");
}
