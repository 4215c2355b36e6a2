//! The Markdown export reads as the same text as the plain-text export, whatever the article
//! says: a property test over generated hostile articles with pulldown-cmark (every extension
//! on), and the real parsers people use, when installed: pandoc (markdown and commonmark),
//! cmark-gfm with GitHub's extensions, and markdown-it. `GSV_REQUIRE_TOOLS=1` (set by CI)
//! makes a missing parser a failure instead of a skip.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use gut_skin_viewer::article::export::{self, Format, Scope};
use gut_skin_viewer::article::load;
use gut_skin_viewer::article::markup::Inline;
use gut_skin_viewer::article::model::{
    Article, Biotics, Block, Disruptors, Entry, Food, Guidance, Note, Reference, Section,
};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// Words that some Markdown dialect reads as markup, and some that none does.
const HOSTILE: &[&str] = &[
    "1.",
    "2023.",
    "1)",
    "(a)",
    "a.",
    "iv.",
    "A.",
    "#.",
    "(@)",
    "@key",
    "[@key]",
    "-",
    "+",
    "*",
    "#",
    "##",
    "###",
    "===",
    "---",
    "***",
    "___",
    "~~~",
    "```",
    "`code`",
    "``",
    "~x~",
    "~~y~~",
    "H~2~O",
    "2^10^",
    "$x^2$",
    "$$",
    "&amp;",
    "&#42;",
    "&copy;",
    "<b>",
    "</p>",
    "<!--",
    "-->",
    "<https://a.org/x_y>",
    "https://e.org/a_b_c",
    "https://e.org/a~b*c",
    "http://x.org/?a=1&b=2",
    "www.e.org/x_y",
    "[1](n=120)",
    "[link](http://x)",
    "![img](x)",
    "[^1]",
    "[x]",
    "[ ]",
    "[1]:",
    "\\",
    "\\*",
    "\\\\",
    "|",
    "a|b",
    "|-|",
    "{#id}",
    "{.class}",
    "^[note]",
    "...",
    "--",
    "'q'",
    "\"q\"",
    "don't",
    "vs.",
    "e.g.",
    "Dr.",
    ":",
    ": def",
    ">",
    "<",
    "!",
    "%",
    "_x_",
    "__",
    "*em*",
    "**b**",
    "snake_case",
    "_lead",
    "trail_",
    "=",
    "+++",
    "\t",
    "\u{a0}",
    "10\u{a0}mg",
    "é",
    "中文",
    "мир",
    "ok",
    "the",
    "skin",
    "gut",
    "(",
    ")",
    "a(b)c",
    "x*y",
    "<>",
    "&",
    ";",
    "&x;",
];

fn text(rng: &mut fastrand::Rng, words: usize) -> String {
    let mut out = String::new();
    for i in 0..rng.usize(1..=words) {
        if i > 0 {
            out.push_str([" ", " ", " ", "  ", "\t", "\n"][rng.usize(0..6)]);
        }
        out.push_str(HOSTILE[rng.usize(0..HOSTILE.len())]);
    }
    out
}

fn runs(rng: &mut fastrand::Rng, refs: u32) -> Vec<Inline> {
    let mut runs = Vec::new();
    for _ in 0..rng.usize(1..4) {
        runs.push(Inline::Text(text(rng, 8)));
        if rng.bool() {
            if rng.bool() {
                runs.push(Inline::Text(" ".into()));
            }
            runs.push(Inline::Cite(rng.u32(1..=refs)));
        }
    }
    runs
}

/// A whole article of hostile text: title, lede, sections of paragraphs and entries,
/// references with links and notes, and the guidance.
fn hostile_article(seed: u64) -> Article {
    let mut rng = fastrand::Rng::with_seed(seed);
    let refs = rng.u32(1..5);
    let r = &mut rng;
    let sections = (0..r.usize(1..4))
        .map(|i| Section {
            id: format!("s{i}"),
            title: text(r, 5),
            blocks: (0..r.usize(1..4))
                .map(|_| {
                    if r.bool() {
                        Block::Paragraph(runs(r, refs))
                    } else {
                        Block::Entries(
                            (0..r.usize(1..3))
                                .map(|_| Entry {
                                    term: text(r, 3),
                                    description: runs(r, refs),
                                })
                                .collect(),
                        )
                    }
                })
                .collect(),
        })
        .collect();
    let references = (1..=refs)
        .map(|number| Reference {
            number,
            title: text(r, 4),
            printed: text(r, 12),
            doi: r.bool().then(|| "10.1000/a_b(c)".to_owned()),
            pmid: r.bool().then(|| "123".to_owned()),
            pmcid: r.bool().then(|| "PMC9".to_owned()),
            url: r
                .bool()
                .then(|| ["https://e.org/a_b", "https://x.org/~u/*y*"][r.usize(0..2)].to_owned()),
            notes: (0..r.usize(0..2)).map(|_| text(r, 6)).collect(),
            ..Reference::default()
        })
        .collect();
    let guidance = Guidance {
        foods: (0..r.usize(0..3))
            .map(|_| Food {
                name: text(r, 2),
                examples: vec![text(r, 2), text(r, 1)],
                nutrients: vec![text(r, 2)],
                text: runs(r, refs),
                cites: vec![r.u32(1..=refs)],
                section: "s0".into(),
            })
            .collect(),
        biotics: r.bool().then(|| Biotics {
            intro: runs(r, refs),
            probiotics: runs(r, refs),
            prebiotics: runs(r, refs),
            topical: runs(r, refs),
            pairing: runs(r, refs),
            section: "s0".into(),
        }),
        disruptors: r.bool().then(|| Disruptors {
            names: vec![text(r, 2), text(r, 2)],
            text: runs(r, refs),
            section: "s0".into(),
        }),
        barrier_note: r.bool().then(|| Note {
            text: runs(r, refs),
            section: "s0".into(),
        }),
    };
    Article {
        id: "hostile".into(),
        title: text(r, 6),
        lede: vec![Block::Paragraph(runs(r, refs))],
        sections,
        references,
        guidance,
    }
}

/// Words split at ASCII whitespace only, so that a no-break space must survive to match.
fn squash(s: &str) -> String {
    s.split([' ', '\n', '\t', '\r'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Fails with the first place where `got` and `want` differ.
fn assert_same(got: &str, want: &str, what: &str, md: &str) {
    if got == want {
        return;
    }
    let at = got
        .char_indices()
        .zip(want.chars())
        .find(|((_, a), b)| a != b)
        .map_or(got.len().min(want.len()), |((i, _), _)| i);
    let from = got[..at].char_indices().rev().nth(60).map_or(0, |(i, _)| i);
    let show = |s: &str| {
        s.get(from..)
            .unwrap_or("")
            .chars()
            .take(120)
            .collect::<String>()
    };
    panic!(
        "{what}: the Markdown reads differently from the text\n markdown: {:?}\n     text: {:?}\n{md}",
        show(got),
        show(want)
    );
}

/// The plain-text export's words, without the lines that underline its headings.
fn text_words(txt: &str) -> String {
    let lines: Vec<&str> = txt.lines().collect();
    let kept: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            let rule = !l.is_empty() && l.chars().all(|c| matches!(c, '=' | '-' | '~'));
            !(rule && *i > 0 && !lines[i - 1].is_empty())
        })
        .map(|(_, l)| *l)
        .collect();
    squash(&kept.join("\n"))
}

/// The text pulldown-cmark finds in `md`, and any markup it found that the export never means.
fn pulldown_words(md: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut odd = Vec::new();
    for event in Parser::new_ext(md, Options::all()) {
        match event {
            Event::Text(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::List(None) => {
                    out.push(' ');
                }
                Tag::Strong | Tag::Emphasis => {}
                Tag::Link {
                    link_type: LinkType::Autolink,
                    ..
                } => {}
                other => odd.push(format!("{other:?}")),
            },
            Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Link) => {}
            Event::End(_) => out.push(' '),
            other => odd.push(format!("{other:?}")),
        }
    }
    (squash(&out), odd)
}

fn exports(article: &Article) -> Vec<(String, String)> {
    let mut scopes = vec![Scope::Article];
    scopes.extend((0..article.sections.len()).map(Scope::Section));
    scopes
        .into_iter()
        .map(|scope| {
            (
                export::render(article, scope, Format::Md, 80),
                export::render(article, scope, Format::Txt, 0),
            )
        })
        .collect()
}

#[test]
fn generated_hostile_articles_read_the_same_in_markdown_and_text() {
    let cases = 2_000;
    let mut compared = 0;
    for seed in 0..cases {
        let article = hostile_article(seed);
        for (md, txt) in exports(&article) {
            let (words, odd) = pulldown_words(&md);
            assert!(
                odd.is_empty(),
                "seed {seed}: markup the export never means: {odd:?}\n{md}"
            );
            assert_same(&words, &text_words(&txt), &format!("seed {seed}"), &md);
            compared += 1;
        }
    }
    eprintln!("{cases} generated articles, {compared} exports compared with pulldown-cmark");
}

/// A real parser: its command line, and the HTML markup that would mean it read something as
/// markup that the export never means.
struct Tool {
    name: &'static str,
    command: &'static [&'static str],
}

const TOOLS: &[Tool] = &[
    Tool {
        name: "pandoc markdown",
        command: &["pandoc", "--wrap=none", "-f", "markdown", "-t", "html"],
    },
    Tool {
        name: "pandoc commonmark",
        command: &["pandoc", "--wrap=none", "-f", "commonmark", "-t", "html"],
    },
    Tool {
        name: "cmark-gfm",
        command: &[
            "cmark-gfm",
            "-e",
            "table",
            "-e",
            "strikethrough",
            "-e",
            "autolink",
            "-e",
            "tagfilter",
            "-e",
            "tasklist",
        ],
    },
    Tool {
        name: "markdown-it",
        command: &["markdown-it"],
    },
];

/// The tags and classes allowed in the HTML of an export.
fn unexpected_html(html: &str) -> Vec<String> {
    let allowed = [
        "p", "h1", "h2", "h3", "ul", "li", "strong", "em", "a", "/p", "/h1", "/h2", "/h3", "/ul",
        "/li", "/strong", "/em", "/a",
    ];
    let mut odd = Vec::new();
    for tag in html.split('<').skip(1) {
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        if !allowed.contains(&name.as_str()) {
            odd.push(name);
        }
        if tag.contains("class=\"citation\"") || tag.contains("class=\"math") {
            odd.push(tag.chars().take(40).collect());
        }
    }
    odd
}

fn html_words(html: &str) -> String {
    // Block tags part words; inline ones (links, emphasis) do not.
    let mut text = String::new();
    for (i, piece) in html.split('<').enumerate() {
        let rest = match piece.split_once('>') {
            Some((tag, rest)) if i > 0 => {
                let name = tag.trim_start_matches('/');
                if !["a", "strong", "em"].iter().any(|t| {
                    name.strip_prefix(t)
                        .is_some_and(|r| r.is_empty() || r.starts_with(' '))
                }) {
                    text.push(' ');
                }
                rest
            }
            _ => piece,
        };
        text.push_str(rest);
    }
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    squash(&decoded)
}

fn render_with(tool: &Tool, md: &str, dir: &std::path::Path) -> Option<String> {
    let file = dir.join("in.md");
    std::fs::write(&file, md).unwrap();
    let out = Command::new(tool.command[0])
        .args(&tool.command[1..])
        .arg(&file)
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "{} failed: {}",
        tool.name,
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn pandoc_cmark_gfm_and_markdown_it_read_the_same_text() {
    let require = std::env::var_os("GSV_REQUIRE_TOOLS").is_some();
    let dir = tempfile::tempdir().unwrap();
    let shipped = load::load_embedded().unwrap().article;
    let mut articles = vec![shipped];
    articles.extend((0..25).map(|seed| hostile_article(10_000 + seed)));
    let mut docs: Vec<(String, String)> = Vec::new();
    for article in &articles {
        docs.extend(exports(article));
    }
    let mut used = Vec::new();
    for tool in TOOLS {
        let probe = Command::new(tool.command[0]).arg("--version").output();
        if probe.is_err() {
            assert!(!require, "{} is not installed", tool.name);
            eprintln!("skipped {}: not installed", tool.name);
            continue;
        }
        for (i, (md, txt)) in docs.iter().enumerate() {
            let html = render_with(tool, md, dir.path()).unwrap();
            let odd = unexpected_html(&html);
            assert!(
                odd.is_empty(),
                "{} doc {i}: markup {odd:?}\n{md}",
                tool.name
            );
            assert_same(
                &html_words(&html),
                &text_words(txt),
                &format!("{} doc {i}", tool.name),
                md,
            );
        }
        used.push(tool.name);
    }
    eprintln!(
        "{} exports ({} articles) compared with: {}",
        docs.len(),
        articles.len(),
        used.join(", ")
    );
}
