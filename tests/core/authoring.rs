//! Authoring, as a new author meets it: `new` writes an article that checks; `import` turns
//! the seed's plain text, and Markdown (this program's own export, and the same re-written by
//! pandoc and cmark-gfm), into an article with the shipped article's sentences, citations and
//! reference identifiers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use gut_skin_viewer::article::load;
use gut_skin_viewer::article::model::Article;
use gut_skin_viewer::article::search::block_texts;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gut-skin-viewer"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary; returns (exit code, stdout, stderr).
fn run(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

/// What must survive an import: the text of each block, section by section, the lede, the
/// citations in reading order, and each reference's printed text and identifiers.
fn essence(article: &Article) -> Vec<String> {
    let mut out = vec![format!("title {}", article.title)];
    out.extend(article.lede.iter().flat_map(block_texts));
    for s in &article.sections {
        out.push(format!("section {}", s.title));
        out.extend(s.blocks.iter().flat_map(block_texts));
        out.push(format!("cites {:?}", s.citations().collect::<Vec<_>>()));
    }
    for r in &article.references {
        out.push(format!(
            "ref {} {} | {:?} {:?} {:?} {:?}",
            r.number, r.printed, r.doi, r.pmid, r.pmcid, r.url
        ));
    }
    out
}

/// Equal essences, or the first line where they part.
fn assert_same(got: &[String], want: &[String], what: &str) {
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g, w, "{what}: line {i} differs");
    }
    assert_eq!(got.len(), want.len(), "{what}: different lengths");
}

fn import(file: &Path, dir: &Path) -> (i32, String) {
    let (code, stdout, stderr) = run(&[os("import"), file.as_os_str(), os("-o"), dir.as_os_str()]);
    (code, format!("{stdout}{stderr}"))
}

#[test]
fn new_writes_an_article_that_checks_and_shows_every_feature() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("fresh");
    let (code, out, err) = run(&[
        os("new"),
        dir.as_os_str(),
        os("--title"),
        os("Fermented Foods: A \"Quick\" Guide"),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out, "ok: 2 sections, 3 references, 8 guidance items\n");
    let loaded = load::load_path(&dir).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let a = &loaded.article;
    assert_eq!(a.title, "Fermented Foods: A \"Quick\" Guide");
    assert_eq!(a.id, "fermented-foods-a-quick-guide");
    use gut_skin_viewer::article::markup::Inline;
    use gut_skin_viewer::article::model::Block;
    let runs: Vec<&Inline> = a
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .flat_map(Block::inline_runs)
        .flatten()
        .collect();
    assert!(runs.iter().any(|r| matches!(r, Inline::Emphasis(_))));
    assert!(runs.iter().any(|r| matches!(r, Inline::Link(_))));
    assert!(
        a.sections
            .iter()
            .flat_map(|s| &s.blocks)
            .any(|b| matches!(b, Block::Entries(_)))
    );
    // A printed-only reference gets its links.
    let first = &a.references[0];
    assert_eq!(first.doi.as_deref(), Some("10.3390/ijms24043950"));
    assert_eq!(first.pmcid.as_deref(), Some("PMC9963692"));
    // A second `new` into the same folder refuses, and leaves the files alone.
    let before = std::fs::read_to_string(dir.join("article.ron")).unwrap();
    let (code, _, err) = run(&[os("new"), dir.as_os_str()]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists; choose a new folder"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("article.ron")).unwrap(),
        before
    );
}

#[test]
fn importing_the_seed_text_gives_the_shipped_article() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("seed");
    let seed = root().join("tests/data/seed-gut-skin-axis.txt");
    let (code, out) = import(&seed, &dir);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("6 sections, 2 entry lists (8 entries), 10 citations, 10 references"),
        "{out}"
    );
    assert!(
        out.contains("identifiers: 4 DOI, 2 PMID, 1 PMCID, 7 URL"),
        "{out}"
    );
    assert!(!out.contains("not placed"), "{out}");
    let imported = load::load_path(&dir).unwrap().article;
    let shipped = load::load_embedded().unwrap().article;
    assert_same(&essence(&imported), &essence(&shipped), "seed");
    assert!(imported.guidance.is_empty(), "no guidance is made up");
    assert!(!dir.join("guidance.ron").exists());
    // A second import into the same folder refuses.
    let (code, out) = import(&seed, &dir);
    assert_eq!(code, 1);
    assert!(out.contains("already holds an article"), "{out}");
}

/// The shipped article exported as Markdown, and that Markdown re-written by the real tools
/// authors use (reflowed, re-escaped, other list markers), all import to the shipped text.
#[test]
fn markdown_round_trips_through_export_pandoc_and_cmark_gfm() {
    let require = std::env::var_os("GSV_REQUIRE_TOOLS").is_some();
    let tmp = tempfile::tempdir().unwrap();
    let md = tmp.path().join("article.md");
    let (code, _, err) = run(&[
        os("export"),
        os("--all"),
        os("--format"),
        os("md"),
        os("-o"),
        md.as_os_str(),
    ]);
    assert_eq!(code, 0, "{err}");
    let shipped = essence(&load::load_embedded().unwrap().article);
    let mut sources = vec![("export", md.clone())];
    for (name, args) in [
        (
            "pandoc",
            &[
                "pandoc",
                "-f",
                "commonmark",
                "-t",
                "commonmark",
                "--wrap=auto",
            ][..],
        ),
        (
            "cmark-gfm",
            &["cmark-gfm", "-t", "commonmark", "--width", "72"][..],
        ),
    ] {
        let Ok(out) = Command::new(args[0]).args(&args[1..]).arg(&md).output() else {
            assert!(!require, "{name} is not installed");
            eprintln!("skipped {name}: not installed");
            continue;
        };
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let file = tmp.path().join(format!("{name}.md"));
        std::fs::write(&file, out.stdout).unwrap();
        sources.push((name, file));
    }
    for (name, file) in sources {
        let dir = tmp.path().join(format!("from-{name}"));
        let (code, out) = import(&file, &dir);
        assert_eq!(code, 0, "{name}: {out}");
        let imported = load::load_path(&dir).unwrap().article;
        assert_same(&essence(&imported), &shipped, name);
    }
}

#[test]
fn markdown_emphasis_links_and_what_cannot_be_placed() {
    let tmp = tempfile::tempdir().unwrap();
    let md = tmp.path().join("a.md");
    std::fs::write(
        &md,
        "# Fermented Foods\n\nAn intro with *L. reuteri* [1].\n\n## Yoghurt\n\n\
         Read [the review](https://example.org/review) or <https://example.org/x>. [1, 2]\n\n\
         ### A smaller heading\n\n<div>raw html</div>\n\n\
         - **Kefir:** a fermented milk [2].\n- **Kombucha:** a fermented tea.\n\n\
         ![A jar of kefir](kefir.png)\n\n- one plain item\n- another\n\n\
         ## References\n\n1. A. Author. Title one. doi: 10.1000/one\n\
         2. B. Author. Title two. PMID: 123456\n",
    )
    .unwrap();
    let dir = tmp.path().join("out");
    let (code, out) = import(&md, &dir);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("line 9: heading \"A smaller heading\" is below level 2; kept as a paragraph"),
        "{out}"
    );
    assert!(
        out.contains("line 11: HTML left out: <div>raw html</div>"),
        "{out}"
    );
    let text = std::fs::read_to_string(dir.join("article.ron")).unwrap();
    assert!(text.contains("An intro with *L. reuteri* [1]."), "{text}");
    assert!(
        text.contains(
            "Read the review <https://example.org/review> or <https://example.org/x>. [1, 2]"
        ),
        "{text}"
    );
    let a = load::load_path(&dir).unwrap().article;
    assert_eq!(a.references[0].doi.as_deref(), Some("10.1000/one"));
    assert_eq!(a.references[1].pmid.as_deref(), Some("123456"));
    let entries = a.sections[0]
        .blocks
        .iter()
        .flat_map(block_texts)
        .collect::<Vec<_>>();
    assert!(
        entries.contains(&"Kefir: a fermented milk [2].".to_owned()),
        "{entries:?}"
    );
}

/// The README's example of each file, written into a folder, is an article that checks.
#[test]
fn the_readme_examples_make_an_article_that_checks() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let example = |heading: &str| {
        let from = readme
            .find(heading)
            .unwrap_or_else(|| panic!("no {heading}"));
        let rest = &readme[from..];
        let start = rest.find("```ron\n").unwrap() + "```ron\n".len();
        let end = rest[start..].find("```").unwrap();
        rest[start..start + end].to_owned()
    };
    let tmp = tempfile::tempdir().unwrap();
    for (heading, name) in [
        ("### `article.ron`", "article.ron"),
        ("### `references.ron`", "references.ron"),
        ("### `guidance.ron` (optional)", "guidance.ron"),
    ] {
        std::fs::write(tmp.path().join(name), example(heading)).unwrap();
    }
    let loaded = load::load_path(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let refs = &loaded.article.references;
    assert_eq!(refs[0].pmcid.as_deref(), Some("PMC9963692"));
    assert_eq!(loaded.article.guidance.item_count(), 8);
}
