//! Highlights and notes without a window: re-anchoring under random edits of the shipped
//! article's text (a property test of 3,000 cases), the notes file, and `notes list` /
//! `notes export` against golden files, with the Markdown read by CommonMark parsers
//! (pulldown-cmark, and cmark-gfm and pandoc where installed) and the JSON checked as a W3C
//! Web Annotation collection.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use gut_skin_viewer::article::notes::{
    self, Annotation, Colour, How, Placed, Quote, Texts, Unit, anchor, quote_at, store,
};

/// A random edit's place relative to the quote.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Region {
    Before,
    Inside,
    After,
}

fn random_text(rng: &mut fastrand::Rng) -> String {
    let n = rng.usize(1..40);
    (0..n)
        .map(|_| {
            if rng.u8(0..6) == 0 {
                ' '
            } else {
                rng.alphabetic().to_ascii_lowercase()
            }
        })
        .collect()
}

/// A char boundary of `text` in `range` (bytes), picked at random.
fn boundary(rng: &mut fastrand::Rng, text: &str, lo: usize, hi: usize) -> usize {
    let choices: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .filter(|i| *i >= lo && *i <= hi)
        .collect();
    choices[rng.usize(..choices.len())]
}

#[derive(Default, Debug)]
struct Tally {
    cases: usize,
    exact: usize,
    moved: usize,
    fuzzy: usize,
    orphaned: usize,
    /// Inside edits orphaned although the edited quote was within the bound.
    orphaned_within_bound: usize,
    lost: usize,
}

#[test]
fn random_edits_keep_or_orphan_every_anchor_and_lose_none() {
    let article = gut_skin_viewer::article::load::load_embedded()
        .unwrap()
        .article;
    let texts = Texts::new(&article);
    let units: Vec<&str> = std::iter::once(texts.lede.text.as_str())
        .chain(texts.sections.iter().map(|t| t.text.as_str()))
        .filter(|t| t.chars().count() > 200)
        .collect();
    let mut rng = fastrand::Rng::with_seed(0x5eed_a11c);
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    while tally.cases < 3000 {
        let text = units[rng.usize(..units.len())];
        // A quote of 5 to 120 characters that occurs once in its unit: a repeated quote is
        // ambiguous by nature, and has a test of its own.
        let qs = boundary(&mut rng, text, 0, text.len() - 10);
        let len = rng.usize(5..120);
        let qe = qs
            + text[qs..]
                .char_indices()
                .nth(len)
                .map_or(text.len() - qs, |(i, _)| i);
        let exact = &text[qs..qe];
        if exact.trim().is_empty() || text.matches(exact).count() != 1 {
            continue;
        }
        let quote = quote_at(text, qs..qe);
        let start = text[..qs].chars().count();
        let region = [Region::Before, Region::Inside, Region::After][rng.usize(..3)];
        let (lo, hi) = match region {
            Region::Before => (0, qs),
            Region::Inside => (qs, qe),
            Region::After => (qe, text.len()),
        };
        if hi <= lo + 1 {
            continue;
        }
        let kind = rng.u8(0..3);
        let (a, b, new) = match kind {
            // An insertion strictly inside, or anywhere before or after.
            0 => {
                let (lo, hi) = if region == Region::Inside {
                    (lo + 1, hi - 1)
                } else {
                    (lo, hi)
                };
                if hi < lo {
                    continue;
                }
                let p = boundary(&mut rng, text, lo, hi);
                if region == Region::Inside && (p == qs || p == qe) {
                    continue;
                }
                (p, p, random_text(&mut rng))
            }
            _ => {
                let a = boundary(&mut rng, text, lo, hi - 1);
                let b = boundary(&mut rng, text, a + 1, hi.min(a + 60));
                let new = if kind == 1 {
                    String::new()
                } else {
                    random_text(&mut rng)
                };
                (a, b, new)
            }
        };
        let edited = format!("{}{}{}", &text[..a], new, &text[b..]);
        if edited.matches(exact).count() > 1 {
            continue;
        }
        tally.cases += 1;
        let delta = new.len() as isize - (b - a) as isize;
        let found = anchor::anchor(&edited, &quote, start);
        match (region, found) {
            (Region::Inside, None) => {
                tally.orphaned += 1;
                let edited_quote = &edited[qs..(qe as isize + delta) as usize];
                if strsim::levenshtein(exact, edited_quote) <= anchor::bound(exact)
                    && !edited_quote.trim().is_empty()
                {
                    tally.orphaned_within_bound += 1;
                }
            }
            (Region::Inside, Some(f)) => {
                let expected = qs..(qe as isize + delta) as usize;
                if f.range == expected && f.how == How::Fuzzy {
                    tally.fuzzy += 1;
                } else {
                    tally.lost += 1;
                    failures.push(format!(
                        "inside edit {a}..{b} -> {new:?}: found {:?} {:?}, expected {expected:?} in {:?}",
                        f.how,
                        &edited[f.range.clone()],
                        &edited[expected.clone()]
                    ));
                }
            }
            (_, Some(f)) => {
                let at = if region == Region::Before {
                    (qs as isize + delta) as usize
                } else {
                    qs
                };
                if f.range == (at..at + exact.len()) {
                    match f.how {
                        How::Exact => tally.exact += 1,
                        How::Moved => tally.moved += 1,
                        How::Fuzzy => tally.lost += 1,
                    }
                } else {
                    tally.lost += 1;
                    failures.push(format!(
                        "{region:?} edit {a}..{b}: found {:?} at {:?}",
                        f.how, f.range
                    ));
                }
            }
            (_, None) => {
                tally.lost += 1;
                failures.push(format!(
                    "{region:?} edit {a}..{b} -> {new:?}: not found: {exact:?}"
                ));
            }
        }
    }
    eprintln!("re-anchoring: {tally:?}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(tally.lost, 0);
    // Edits outside the quote always keep it, exactly.
    assert!(tally.exact + tally.moved > 1500, "{tally:?}");
    assert!(tally.fuzzy > 300, "{tally:?}");
}

#[test]
fn placing_notes_in_an_edited_article_keeps_every_one() {
    let mut article = gut_skin_viewer::article::load::load_embedded()
        .unwrap()
        .article;
    let texts = Texts::new(&article);
    let mut list = Vec::new();
    for (i, t) in texts.sections.iter().enumerate() {
        let at = t.text.find(". ").unwrap() + 2;
        let end = at + t.text[at..].find(' ').unwrap();
        list.push(Annotation::new(
            Some(article.sections[i].id.clone()),
            &t.text,
            at..end + 10,
            Colour::ALL[i % 4],
        ));
    }
    // The author rewrites the first section entirely and moves a paragraph of the third to
    // the fourth.
    article.sections[0].blocks = vec![gut_skin_viewer::article::model::Block::Paragraph(vec![
        gut_skin_viewer::article::markup::Inline::Text("All new.".into()),
    ])];
    let moved = article.sections[2].blocks.remove(0);
    article.sections[3].blocks.insert(0, moved);
    let texts = Texts::new(&article);
    let placed = notes::place_all(&article, &texts, &list);
    assert_eq!(placed.len(), list.len());
    assert_eq!(placed[0], Placed::Orphaned);
    assert!(
        placed[1..].iter().all(|p| matches!(p, Placed::At { .. })),
        "{placed:?}"
    );
    if let Placed::At { unit, .. } = &placed[2] {
        // The first sentence's quote went with its paragraph, or stayed with the rest.
        assert!(matches!(unit, Unit::Section(2 | 3)));
    }
}

// --- The command line -----------------------------------------------------------------

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gut-skin-viewer"))
}

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/notes")
        .join(name)
}

/// A data folder holding the golden notes file for the built-in article.
fn data_home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("gut-skin-viewer/notes");
    std::fs::create_dir_all(&dir).unwrap();
    let article = gut_skin_viewer::article::load::load_embedded()
        .unwrap()
        .article;
    let name = store::ArticleRef::new(&article, None).file_name();
    std::fs::copy(golden("notes.json"), dir.join(name)).unwrap();
    home
}

fn run(home: &Path, args: &[&str]) -> (i32, String, String) {
    let out = bin()
        .args(args)
        .env("XDG_DATA_HOME", home)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it.
fn assert_golden(name: &str, got: &str) {
    let path = golden(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap();
    assert_eq!(got, want, "differs from {}", path.display());
}

#[test]
fn notes_list_prints_a_line_per_highlight_orphans_marked() {
    let home = data_home();
    let (code, out, err) = run(home.path(), &["notes", "list"]);
    assert_eq!(code, 0, "{err}");
    assert_golden("list.tsv", &out);
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert!(lines.iter().all(|f| f.len() == 4));
    assert_eq!(lines.last().unwrap()[0], "orphaned");
    assert!(
        lines
            .iter()
            .any(|f| f[0] == "gut-health-and-skin-conditions" && f[1] == "green")
    );
}

#[test]
fn notes_export_markdown_reads_as_commonmark() {
    let home = data_home();
    let (code, md, err) = run(home.path(), &["notes", "export", "--format", "md"]);
    assert_eq!(code, 0, "{err}");
    assert_golden("notes.md", &md);
    // pulldown-cmark: one blockquote per highlight, the headings, a references list.
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};
    let mut quotes = 0;
    let mut breaks = 0;
    let mut h2 = Vec::new();
    let mut in_h2 = false;
    for event in Parser::new(&md) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::HardBreak => breaks += 1,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                in_h2 = true;
                h2.push(String::new());
            }
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => in_h2 = false,
            Event::Text(t) if in_h2 => h2.last_mut().unwrap().push_str(&t),
            _ => {}
        }
    }
    assert_eq!(quotes, 4, "{md}");
    assert_eq!(breaks, 1, "{md}");
    assert_eq!(h2.last().map(String::as_str), Some("References"));
    assert!(h2.iter().any(|h| h == "Orphaned notes"));
    // The same through the parsers people use, where installed: each reads the blockquotes.
    for (program, args) in [
        ("cmark-gfm", vec!["-t", "html"]),
        ("pandoc", vec!["-f", "commonmark", "-t", "html"]),
    ] {
        let Ok(mut child) = Command::new(program)
            .args(&args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
        else {
            eprintln!("{program} is not installed; skipped");
            continue;
        };
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(md.as_bytes())
            .unwrap();
        let html = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
        assert_eq!(html.matches("<blockquote>").count(), 4, "{program}: {html}");
        assert!(html.contains("[3]"), "{program}: {html}");
        // A note's line break is kept.
        assert!(html.contains("quoting this.<br"), "{program}: {html}");
    }
}

#[test]
fn notes_export_json_is_a_web_annotation_collection() {
    let home = data_home();
    let out = home.path().join("notes.jsonld");
    let (code, _, err) = run(
        home.path(),
        &["notes", "export", "-o", out.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert_golden("notes.jsonld", &text);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(doc["type"], "AnnotationCollection");
    let items = doc["first"]["items"].as_array().unwrap();
    assert_eq!(doc["total"], items.len());
    for item in items {
        // The model's required fields, and the selectors Hypothesis anchors by.
        assert!(item["id"].as_str().unwrap().starts_with("urn:uuid:"));
        assert_eq!(item["type"], "Annotation");
        let target = &item["target"];
        assert!(target["source"].as_str().unwrap().contains('#'));
        let selectors = target["selector"].as_array().unwrap();
        assert_eq!(selectors[0]["type"], "TextQuoteSelector");
        assert!(!selectors[0]["exact"].as_str().unwrap().is_empty());
        for body in item["body"].as_array().unwrap() {
            assert_eq!(body["type"], "TextualBody");
        }
    }
    // A placed highlight's position selector points at its quote in the section's text.
    let article = gut_skin_viewer::article::load::load_embedded()
        .unwrap()
        .article;
    let texts = Texts::new(&article);
    let first = &items[0]["target"]["selector"];
    let (start, end) = (
        first[1]["start"].as_u64().unwrap() as usize,
        first[1]["end"].as_u64().unwrap() as usize,
    );
    let id = items[0]["target"]["source"]
        .as_str()
        .unwrap()
        .rsplit('#')
        .next()
        .unwrap();
    let unit = Unit::of(&article, (id != "lede").then_some(id)).unwrap();
    let t: String = texts
        .get(unit)
        .unwrap()
        .text
        .chars()
        .skip(start)
        .take(end - start)
        .collect();
    assert_eq!(t, first[0]["exact"].as_str().unwrap());
    // Python's own JSON reader agrees.
    let py = Command::new("python3")
        .args(["-c", "import json,sys; d=json.load(open(sys.argv[1])); assert d['type']=='AnnotationCollection'; assert all(i['type']=='Annotation' and i['target']['selector'][0]['type']=='TextQuoteSelector' for i in d['first']['items']); print(len(d['first']['items']))"])
        .arg(&out)
        .output();
    if let Ok(py) = py {
        assert!(
            py.status.success(),
            "{}",
            String::from_utf8_lossy(&py.stderr)
        );
    }
}

#[test]
fn a_damaged_notes_file_is_an_error_with_its_place() {
    let home = data_home();
    let article = gut_skin_viewer::article::load::load_embedded()
        .unwrap()
        .article;
    let file = home
        .path()
        .join("gut-skin-viewer/notes")
        .join(store::ArticleRef::new(&article, None).file_name());
    std::fs::write(
        &file,
        "{\n  \"format\": \"gut-skin-viewer notes 1\",\n  \"article\": {\"id\": 1}\n}\n",
    )
    .unwrap();
    let (code, out, err) = run(home.path(), &["notes", "list"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains(&format!("{}:3:", file.display())), "{err}");
    // The command line only reads: the file is left for the reader to look at.
    assert!(file.exists());
}

#[test]
fn no_notes_yet_is_an_empty_list() {
    let home = tempfile::tempdir().unwrap();
    let (code, out, _) = run(home.path(), &["notes", "list"]);
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, md, _) = run(home.path(), &["notes", "export"]);
    assert_eq!(code, 0);
    assert!(md.contains("No highlights or notes yet."));
}

#[test]
fn a_quote_round_trips_through_the_store() {
    let q = Quote {
        exact: "a\tb\n\nc".into(),
        prefix: "x".into(),
        suffix: String::new(),
    };
    let json = serde_json::to_string(&q).unwrap();
    assert_eq!(serde_json::from_str::<Quote>(&json).unwrap(), q);
}
