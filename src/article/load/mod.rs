//! RON text and files to a validated [`Article`], or every problem found, each located as
//! `file:line:col`. Reading is bounded and never panics on input.

use std::fmt;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;

use crate::article::markup::Inline;
use crate::article::model::{Article, ArticleFile, Block, Guidance, Reference};

mod hints;
mod locate;
mod parse;
mod read;
mod validate;

pub use parse::{parse, position};
pub use read::{decode, read_bounded, read_dir};
pub use validate::is_slug;
use validate::{complete_references, validate};

/// The three files of an article folder.
pub const FILE_NAMES: [&str; 3] = ["article.ron", "references.ron", GUIDANCE_FILE];

/// The one file an article may leave out.
pub const GUIDANCE_FILE: &str = "guidance.ron";

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Nesting deeper than this is an error, well before the stack is at risk.
const RECURSION_LIMIT: usize = 64;

/// The folder the default article is embedded from; used to name its files in messages.
pub const EMBEDDED_DIR: &str = "content/gut-skin-axis";

/// The default article, compiled into the binary from content/.
pub const EMBEDDED: [&str; 3] = [
    include_str!("../../../content/gut-skin-axis/article.ron"),
    include_str!("../../../content/gut-skin-axis/references.ron"),
    include_str!("../../../content/gut-skin-axis/guidance.ron"),
];

/// Whether a problem stops the article from loading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file, at a line and column where it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based line and column (in characters).
    pub at: Option<(usize, usize)>,
    pub message: String,
    pub severity: Severity,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// An article that could not be loaded, with every error found (warnings too).
#[derive(Debug, thiserror::Error)]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.errors().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl LoadError {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    fn single(problem: Problem) -> Self {
        Self {
            problems: vec![problem],
        }
    }
}

/// A loaded, valid article and the warnings found on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub article: Article,
    pub warnings: Vec<Problem>,
}

/// The text of the three files and the names to report them by.
#[derive(Clone, Debug)]
pub struct Texts {
    pub names: [String; 3],
    pub texts: [String; 3],
}

/// The embedded default article.
pub fn load_embedded() -> Result<Loaded, LoadError> {
    load_texts(&embedded_texts())
}

/// The embedded article's files as `Texts`.
pub fn embedded_texts() -> Texts {
    Texts {
        names: FILE_NAMES.map(|n| format!("{EMBEDDED_DIR}/{n}")),
        texts: EMBEDDED.map(str::to_owned),
    }
}

/// The article folder a path names: the folder itself, or the folder of one of its files.
pub fn article_dir(path: &Path) -> PathBuf {
    let is_article_file = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| FILE_NAMES.contains(&n));
    if is_article_file && !path.is_dir() {
        match path.parent() {
            Some(p) if p.as_os_str().is_empty() => PathBuf::from("."),
            Some(p) => p.to_path_buf(),
            None => PathBuf::from("."),
        }
    } else {
        path.to_path_buf()
    }
}

/// Reads the article in a folder (or the folder of one of its files).
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    load_texts(&read_dir(path)?)
}

fn error(file: &str, at: Option<(usize, usize)>, message: &str) -> Problem {
    Problem {
        file: file.to_owned(),
        at,
        message: message.to_owned(),
        severity: Severity::Error,
    }
}

/// Parses and validates the three texts.
pub fn load_texts(files: &Texts) -> Result<Loaded, LoadError> {
    let [an, rn, gn] = &files.names;
    let [at, rt, gt] = &files.texts;
    let article: Result<ArticleFile, _> = parse(an, at);
    let references: Result<Vec<Reference>, _> = parse(rn, rt);
    let guidance: Result<Guidance, _> = parse(gn, gt);
    let (Ok(article), Ok(mut references), Ok(guidance)) =
        (article.as_ref(), references.clone(), &guidance)
    else {
        let problems = [article.err(), references.err(), guidance.err()]
            .into_iter()
            .flatten()
            .collect();
        return Err(LoadError { problems });
    };
    let mut problems = complete_references(&mut references, rn, rt);
    let article = Article {
        id: article.id.clone(),
        title: article.title.clone(),
        lede: article.lede.clone(),
        sections: article.sections.clone(),
        references,
        guidance: guidance.clone(),
    };
    problems.extend(validate(&article, files));
    // File order: the article, the guidance, then the references, whose problems come from
    // two passes and are put in line order.
    problems.sort_by_key(|p| {
        let in_references = p.file == *rn;
        (in_references, p.file != *an, in_references.then_some(p.at))
    });
    if problems.iter().any(|p| p.severity == Severity::Error) {
        Err(LoadError { problems })
    } else {
        Ok(Loaded {
            article,
            warnings: problems,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ident::is_web_url;

    fn texts(article: &str, references: &str, guidance: &str) -> Texts {
        Texts {
            names: FILE_NAMES.map(str::to_owned),
            texts: [article.into(), references.into(), guidance.into()],
        }
    }

    const REFS: &str = r#"[(number: 1, title: "T", printed: "P")]"#;

    fn article(sections: &str) -> String {
        format!(r#"(id: "a", title: "A", sections: [{sections}])"#)
    }

    fn messages(result: Result<Loaded, LoadError>) -> Vec<String> {
        match result {
            Ok(_) => Vec::new(),
            Err(e) => e.errors().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_minimal_article_loads() {
        let a = article(r#"(id: "s", title: "S", blocks: [Paragraph([Text("x"), Cite(1)])])"#);
        let loaded = load_texts(&texts(&a, REFS, "()")).unwrap();
        assert_eq!(loaded.article.sections.len(), 1);
        assert!(loaded.warnings.is_empty());
    }

    #[test]
    fn the_embedded_article_loads_with_one_duplicate_warning() {
        let loaded = load_embedded().unwrap();
        assert_eq!(loaded.article.sections.len(), 6);
        assert_eq!(loaded.article.references.len(), 10);
        assert_eq!(loaded.article.guidance.item_count(), 13);
        let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("reference 3 repeats reference 2"));
    }

    #[test]
    fn an_unknown_field_is_located() {
        let a = "(\n  id: \"a\",\n  titel: \"A\",\n  sections: [])";
        let m = messages(load_texts(&texts(a, REFS, "()")));
        assert_eq!(m.len(), 1);
        assert!(
            m[0].starts_with("article.ron:3:3: unknown field \"titel\", expected one of"),
            "{}",
            m[0]
        );
    }

    #[test]
    fn parse_errors_in_several_files_are_all_reported() {
        let m = messages(load_texts(&texts("(", "[", "(foo: 1)")));
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m[0].starts_with("article.ron:"));
        assert!(m[1].starts_with("references.ron:"));
        assert!(m[2].contains("unknown field \"foo\""));
    }

    #[test]
    fn a_bare_string_in_a_run_list_gets_a_hint() {
        let a = article("(id: \"s\", title: \"S\",\n blocks: [Paragraph([\"x [1]\"])])");
        let m = messages(load_texts(&texts(&a, REFS, "()")));
        assert_eq!(
            m,
            [
                "article.ron:2:22: a list of runs holds Text(\"…\") and Cite(n), not bare strings: \
              write the text as one string without the brackets, Paragraph(\"Text [1].\"), or \
              wrap it in Text(\"…\")"
            ]
        );
        let g = "(biotics: (probiotics: \"a\", prebiotics: \"b\", topical: \"c\", pairing: \"d\"))";
        let a = article("(id: \"s\", title: \"S\", blocks: [Paragraph(\"x [1]\")])");
        let m = messages(load_texts(&texts(&a, REFS, g)));
        assert_eq!(
            m,
            [
                "guidance.ron:1:11: missing field \"section\" in the probiotics and prebiotics (up to \
              line 1); it takes a string in double quotes: section: \"…\""
            ]
        );
    }

    #[test]
    fn a_quoted_citation_number_gets_a_hint() {
        let a = article("(id: \"s\", title: \"S\",\n blocks: [Paragraph([Cite(\"1\")])])");
        let m = messages(load_texts(&texts(&a, REFS, "()")));
        assert_eq!(
            m,
            [
                "article.ron:2:27: expected integer: a number is written without quotes, \
              as in Cite(3), not Cite(\"3\")"
            ]
        );
    }

    #[test]
    fn a_repeated_reference_number_names_both_lines() {
        let a = article(r#"(id: "s", title: "S", blocks: [Paragraph([Cite(1)])])"#);
        let refs = "[\n (number: 1, title: \"T\", printed: \"P\"),\n\n (number: 1, title: \"U\", printed: \"Q\"),\n]";
        let m = messages(load_texts(&texts(&a, refs, "()")));
        assert_eq!(
            m,
            [
                "references.ron:4:3: reference 1 appears twice (line 2 and line 4): \
              give each reference its own number"
            ]
        );
    }

    #[test]
    fn each_unresolved_citation_is_placed_where_it_stands() {
        let a = article(
            "(id: \"s\", title: \"S\",\n blocks: [Paragraph(\"a [7] b [1] c [2, 7]\"),\n Paragraph(\"[7]\")])",
        );
        let m = messages(load_texts(&texts(&a, REFS, "()")));
        assert_eq!(
            m,
            [
                "article.ron:2:25: section \"s\" cites [7], but there is no reference 7",
                "article.ron:2:37: section \"s\" cites [2], but there is no reference 2",
                "article.ron:2:40: section \"s\" cites [7], but there is no reference 7",
                "article.ron:3:14: section \"s\" cites [7], but there is no reference 7",
            ]
        );
    }

    #[test]
    fn text_after_the_end_is_not_called_a_truncation() {
        let e = parse::<ron::Value>("f", "(a: 1)\n)x").unwrap_err();
        assert_eq!(
            e.to_string(),
            "f:2:1: there is more text after the end of the file's last closing bracket: remove \
             it, or look for a bracket closed too early"
        );
    }

    #[test]
    fn an_unresolved_citation_names_the_section_and_the_place() {
        let a = article("(id: \"s\", title: \"S\",\n blocks: [Paragraph([Cite(7)])])");
        let m = messages(load_texts(&texts(&a, REFS, "()")));
        assert_eq!(
            m,
            ["article.ron:2:27: section \"s\" cites [7], but there is no reference 7"]
        );
    }

    #[test]
    fn section_ids_must_be_unique_slugs_and_sections_not_empty() {
        let a = article(
            r#"(id: "s", title: "S", blocks: [Paragraph([Cite(1)])]),
(id: "s", title: "T", blocks: [Paragraph([Text("x")])]),
(id: "Bad Id", title: "U", blocks: [Paragraph([Text("x")])]),
(id: "", title: "V", blocks: [Paragraph([Text("x")])]),
(id: "e", title: "W", blocks: [])"#,
        );
        let m = messages(load_texts(&texts(&a, REFS, "()")));
        assert_eq!(m.len(), 4, "{m:?}");
        assert!(
            m[0].contains(":2:6: section \"s\" repeats the id of section 1"),
            "{}",
            m[0]
        );
        assert!(
            m[1].contains(":3:6: section \"Bad Id\": the id must be"),
            "{}",
            m[1]
        );
        assert!(m[2].contains("section 4 has an empty id"), "{}", m[2]);
        assert!(m[3].contains(":5:6: section \"e\" is empty"), "{}", m[3]);
    }

    #[test]
    fn guidance_links_and_citations_must_resolve() {
        let a = article(r#"(id: "s", title: "S", blocks: [Paragraph([Cite(1)])])"#);
        let g = r#"(foods: [(name: "F", text: [Cite(4)], cites: [5], section: "nope")])"#;
        let m = messages(load_texts(&texts(&a, REFS, g)));
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m[0].contains("food \"F\" links to section \"nope\""));
        assert!(m[1].contains("food \"F\" cites [4]"));
        assert!(m[2].contains("food \"F\" cites [5]"));
    }

    #[test]
    fn reference_urls_must_be_web_addresses() {
        let a = article(r#"(id: "s", title: "S", blocks: [Paragraph([Cite(1)])])"#);
        let r = "[(number: 1, title: \"T\", printed: \"P\",\n url: \"javascript:alert(1)\")]";
        let m = messages(load_texts(&texts(&a, r, "()")));
        assert_eq!(m.len(), 1);
        assert!(
            m[0].starts_with("references.ron:2:2: reference 1 has url"),
            "{}",
            m[0]
        );
    }

    #[test]
    fn uncited_and_duplicate_references_are_warnings() {
        let a = article(r#"(id: "s", title: "S", blocks: [Paragraph([Cite(1)])])"#);
        let r = r#"[(number: 1, title: "T", printed: "P"), (number: 2, title: "T", printed: "P")]"#;
        let loaded = load_texts(&texts(&a, r, "()")).unwrap();
        let w: Vec<String> = loaded.warnings.iter().map(|p| p.message.clone()).collect();
        assert_eq!(
            w,
            [
                "reference 2 is never cited",
                "reference 2 repeats reference 1"
            ]
        );
    }

    #[test]
    fn a_reference_may_be_only_its_printed_citation() {
        let a = article(r#"(id: "s", title: "S", blocks: [Paragraph("x [1]")])"#);
        let r = r#"[(number: 1, printed: "Smythe P. The Skin Microbiome. Int J Mol Sci. 2023. doi: 10.3390/ijms24043950. PMID: 36835363; PMCID: PMC9963692. Available from: https://pmc.ncbi.nlm.nih.gov/articles/PMC9963692/")]"#;
        let loaded = load_texts(&texts(&a, r, "()")).unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let r = &loaded.article.references[0];
        assert_eq!(
            r.title,
            "Smythe P. The Skin Microbiome. Int J Mol Sci. 2023"
        );
        assert_eq!(r.doi.as_deref(), Some("10.3390/ijms24043950"));
        assert_eq!(r.pmid.as_deref(), Some("36835363"));
        assert_eq!(r.pmcid.as_deref(), Some("PMC9963692"));
        assert_eq!(
            r.url.as_deref(),
            Some("https://pmc.ncbi.nlm.nih.gov/articles/PMC9963692/")
        );
        let labels: Vec<_> = r.links().into_iter().map(|(l, _)| l).collect();
        assert_eq!(labels, ["DOI", "PubMed", "PMC", "Link"]);
    }

    #[test]
    fn identifiers_are_normalised_and_bad_ones_are_located_warnings() {
        let a = article(r#"(id: "s", title: "S", blocks: [Paragraph("x [1][2]")])"#);
        let r = "[(number: 1, printed: \"P\",\n pmid: \"PMID: 26762459\", pmcid: \"123\",\n doi: \"https://doi.org/10.1000/abc\"),\n\
                 (number: 2, printed: \"Q. doi: 10.1000/right\",\n doi: \"10.1000/wrong\", pmid: \"12ab\")]";
        let loaded = load_texts(&texts(&a, r, "()")).unwrap();
        let first = &loaded.article.references[0];
        assert_eq!(first.pmid.as_deref(), Some("26762459"));
        assert_eq!(first.pmcid.as_deref(), Some("PMC123"));
        assert_eq!(first.doi.as_deref(), Some("10.1000/abc"));
        let w: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            w,
            [
                "references.ron:5:7: reference 2: doi \"10.1000/wrong\" differs from the DOI in \
                 \"printed\" (10.1000/right)",
                "references.ron:5:30: reference 2: pmid \"12ab\" is not a PubMed id (digits only, \
                 as in 36835363), so it is not linked",
            ]
        );
        assert_eq!(loaded.article.references[1].pmid, None);
    }

    #[test]
    fn a_link_that_is_not_a_web_address_is_a_warning_in_the_short_form() {
        let a = article(
            "(id: \"s\", title: \"S\",\n blocks: [Paragraph(\"See <ftp://x.org/a> [1] or a < b > c.\")])",
        );
        let loaded = load_texts(&texts(&a, REFS, "()")).unwrap();
        let w: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            w,
            [
                "article.ron:2:26: section \"s\": <ftp://x.org/a> is shown as text, not as a link: \
              only http and https addresses become links"
            ]
        );
    }

    #[test]
    fn a_link_in_running_text_must_be_a_web_address() {
        let a = article(
            "(id: \"s\", title: \"S\",\n blocks: [Paragraph([Cite(1), Link(\"file:///etc/passwd\")])])",
        );
        let m = messages(load_texts(&texts(&a, REFS, "()")));
        assert_eq!(
            m,
            [
                "article.ron:2:36: section \"s\" links to \"file:///etc/passwd\", but only http and https addresses are allowed"
            ]
        );
    }

    #[test]
    fn empty_truncated_deep_and_binary_inputs_get_plain_errors() {
        let empty = parse::<ArticleFile>("f", "  \n").unwrap_err();
        assert_eq!(empty.to_string(), "f:1:1: the file is empty");
        let truncated =
            parse::<ArticleFile>("f", "(id: \"a\", title: \"A\", sections: [(id: \"x\"")
                .unwrap_err();
        assert!(truncated.message.contains("truncated"), "{truncated}");
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let deep = parse::<ron::Value>("f", &deep).unwrap_err();
        assert!(deep.message.contains("nesting is deeper"), "{deep}");
        let binary = decode("f", b"(id:\n \"\xff\xfe\"".to_vec()).unwrap_err();
        assert_eq!(
            binary.to_string(),
            "f:2:3: the file is not UTF-8 text (binary data?)"
        );
    }

    #[test]
    fn slugs_and_web_urls() {
        assert!(is_slug("gut-skin-2"));
        for bad in ["", "-a", "a-", "a--b", "A", "a b", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert!(is_web_url("https://doi.org/x"));
        assert!(is_web_url("HTTP://example.org"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
            "ftp://x",
            "https:// x",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(position("ab\n’c", 6), (2, 2));
        assert_eq!(position("", 0), (1, 1));
    }
}
