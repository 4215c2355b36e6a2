//! RON text and files to a validated [`Article`], or every problem found, each located as
//! `file:line:col`. Reading is bounded and never panics on input.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use crate::model::{Article, ArticleFile, Block, Guidance, Inline, Reference};

mod hints;

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
    include_str!("../../content/gut-skin-axis/article.ron"),
    include_str!("../../content/gut-skin-axis/references.ron"),
    include_str!("../../content/gut-skin-axis/guidance.ron"),
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

/// Reads the three files of an article folder, bounded, as UTF-8.
pub fn read_dir(path: &Path) -> Result<Texts, LoadError> {
    let dir = article_dir(path);
    if !dir.is_dir() {
        let message = if dir.exists() {
            "not an article folder or one of its .ron files"
        } else {
            "no such file or folder"
        };
        return Err(LoadError::single(error(
            &dir.display().to_string(),
            None,
            message,
        )));
    }
    let mut problems = Vec::new();
    let mut names: [String; 3] = Default::default();
    let mut texts: [String; 3] = Default::default();
    for (i, name) in FILE_NAMES.iter().enumerate() {
        let file = dir.join(name);
        names[i] = file.display().to_string();
        // An article need not have guidance: no guidance.ron is an empty one.
        if *name == GUIDANCE_FILE && !file.exists() && file.symlink_metadata().is_err() {
            texts[i] = "()".to_owned();
            continue;
        }
        match read_bounded(&file) {
            Ok(text) => texts[i] = text,
            Err(p) => problems.push(p),
        }
    }
    if problems.is_empty() {
        Ok(Texts { names, texts })
    } else {
        Err(LoadError { problems })
    }
}

/// Reads one file as UTF-8, refusing one over [`MAX_FILE_BYTES`].
pub fn read_bounded(path: &Path) -> Result<String, Problem> {
    use std::io::Read;
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| error(&name, None, &io_message(&e)))?;
    let mut bytes = Vec::new();
    // One byte past the limit tells a file at the limit from one over it.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| error(&name, None, &io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let limit = MAX_FILE_BYTES / (1024 * 1024);
        return Err(error(
            &name,
            None,
            &format!("file is larger than the {limit} MiB limit"),
        ));
    }
    decode(&name, bytes)
}

/// UTF-8 text from bytes, or an error at the first byte that is not UTF-8. A byte-order mark
/// (which some Windows editors write) is dropped.
pub fn decode(name: &str, mut bytes: Vec<u8>) -> Result<String, Problem> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let at = position(&prefix, prefix.len());
        error(name, Some(at), "the file is not UTF-8 text (binary data?)")
    })
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".to_owned(),
        std::io::ErrorKind::IsADirectory => "is a folder, not a file".to_owned(),
        _ => format!("cannot read: {e}"),
    }
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

/// Parses one RON text, with a located, plain error.
pub fn parse<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, Problem> {
    if text.trim().is_empty() {
        return Err(error(name, Some((1, 1)), "the file is empty"));
    }
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT);
    options.from_str(text).map_err(|e| {
        let mut at = (e.span.start.line, e.span.start.col);
        // Text after the end: point at it, not at the space before it.
        if matches!(e.code, ron::Error::TrailingCharacters)
            && let Some(o) = offset_of(text, at)
        {
            let rest = &text[o..];
            at = position(text, o + (rest.len() - rest.trim_start().len()));
        }
        let stop = (e.span.end.line, e.span.end.col);
        let end = position(text, text.trim_end().len());
        let at_end = !matches!(e.code, ron::Error::TrailingCharacters)
            && (stop.0 > end.0 || (stop.0 == end.0 && stop.1 + 1 >= end.1));
        if !at_end
            && let Some((offset, message)) =
                offset_of(text, at).and_then(|offset| hints::explain(text, offset, &e.code))
        {
            return error(name, Some(position(text, offset)), &message);
        }
        let message = match e.code {
            ron::Error::Eof
            | ron::Error::Message(_)
            | ron::Error::MissingStructField { .. }
            | ron::Error::NoSuchStructField { .. }
            | ron::Error::NoSuchEnumVariant { .. }
            | ron::Error::DuplicateStructField { .. } => ron_message(&e.code),
            // The parser stopped where the text stops: say so, not just what it wanted next.
            ref code if at_end => {
                format!(
                    "unexpected end of file: the file looks truncated ({})",
                    ron_message(code)
                )
            }
            ron::Error::TrailingCharacters => "there is more text after the end of the file's \
                 last closing bracket: remove it, or look for a bracket closed too early"
                .to_owned(),
            // Cite("3"): the number of a citation is not a string.
            ron::Error::ExpectedInteger if char_at(text, at) == Some('"') => format!(
                "{}: a number is written without quotes, as in Cite(3), not Cite(\"3\")",
                ron_message(&e.code)
            ),
            ref code => ron_message(code),
        };
        error(name, Some(at), &message)
    })
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn ron_message(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::NoSuchStructField {
            expected, found, ..
        } => format!(
            "unknown field \"{found}\", expected one of {}",
            quoted(expected)
        ),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "unknown kind \"{found}\", expected one of {}",
            quoted(expected)
        ),
        E::MissingStructField { field, outer } => match outer.as_deref().map(type_name) {
            Some(o) => format!("missing field \"{field}\" in {o}"),
            None => format!("missing field \"{field}\""),
        },
        E::ExpectedStringEnd => {
            "a string starts here but never ends: a closing \" is missing, or the file is truncated"
                .to_owned()
        }
        E::ExpectedIdentifier => {
            "expected the name of a kind of block or inline here, like Paragraph or Text".to_owned()
        }
        E::DuplicateStructField { field, .. } => format!("field \"{field}\" is given twice"),
        E::Eof => "unexpected end of file: the file looks truncated".to_owned(),
        E::ExceededRecursionLimit => {
            format!("nesting is deeper than the limit of {RECURSION_LIMIT} levels")
        }
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

/// The reader's name for a type of the model.
fn type_name(name: &str) -> &str {
    match name {
        "ArticleFile" => "the article",
        "Section" => "a section",
        "Entry" => "an entry",
        "Reference" => "a reference",
        "Guidance" => "the guidance",
        "Food" => "a food",
        "Biotics" => "the probiotics and prebiotics",
        "Disruptors" => "the disruptors",
        "Note" => "the barrier note",
        other => other,
    }
}

/// The character at a 1-based line and column (in characters), if there is one.
fn char_at(text: &str, at: (usize, usize)) -> Option<char> {
    text.get(offset_of(text, at)?..)?
        .chars()
        .next()
        .filter(|c| *c != '\n')
}

/// The byte offset of a 1-based line and column (in characters); a column past the line's
/// end is its end.
fn offset_of(text: &str, (line, col): (usize, usize)) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = text.get(start..)?.split('\n').next()?;
    Some(
        start
            + rest
                .char_indices()
                .nth(col.checked_sub(1)?)
                .map_or(rest.len(), |(i, _)| i),
    )
}

/// Line and column (1-based, in characters) of a byte offset.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, col)
}

/// How far past the previous citation the next one is looked for, in bytes.
const CITE_WINDOW: usize = 64 * 1024;

/// Finds the source text of items the parser has already accepted, so that a semantic
/// problem can point at a line. Walks forward, item by item, as the file is written.
struct Locator<'a> {
    name: &'a str,
    text: &'a str,
    cursor: usize,
}

impl<'a> Locator<'a> {
    fn new(name: &'a str, text: &'a str) -> Self {
        Self {
            name,
            text,
            cursor: 0,
        }
    }

    /// Moves to the next occurrence of `needle` and returns its offset.
    fn advance(&mut self, needle: &str) -> Option<usize> {
        let found = self.find_from(self.cursor, needle)?;
        self.cursor = found + needle.len();
        Some(found)
    }

    fn find_from(&self, from: usize, needle: &str) -> Option<usize> {
        self.text.get(from..)?.find(needle).map(|i| i + from)
    }

    /// The first citation of reference `n` from `from`, written either way: `Cite(n)`, or
    /// `[n]`, `[n, …]`, `[…, n]` or `[n–…]` in a string; the offset of its number.
    fn find_cite(&self, from: usize, n: u32) -> Option<usize> {
        let forms = [
            format!("Cite({n})"),
            format!("[{n}]"),
            format!("[{n},"),
            format!("[{n};"),
            format!("[{n}–"),
            format!("[{n}-"),
            format!(", {n}]"),
            format!(",{n}]"),
            format!(", {n},"),
            format!("; {n}]"),
        ];
        let digits = n.to_string();
        // Citations are looked for in order, each soon after the one before: searching a
        // bounded stretch keeps a 5 MB article linear (most forms are absent, and an unbounded
        // search for each would read to the end of the file every time).
        let end = self.text.len().min(from + CITE_WINDOW);
        let end = (end..=self.text.len())
            .find(|&e| self.text.is_char_boundary(e))
            .unwrap_or(self.text.len());
        let stretch = self.text.get(from..end)?;
        // The place of the number itself, not of the bracket or comma before it.
        forms
            .iter()
            .filter_map(|f| {
                let at = from + stretch.find(f.as_str())?;
                Some(at + f.find(&digits).unwrap_or(0))
            })
            .min()
    }

    fn problem(&self, offset: Option<usize>, severity: Severity, message: String) -> Problem {
        Problem {
            file: self.name.to_owned(),
            at: offset.map(|o| position(self.text, o)),
            message,
            severity,
        }
    }
}

/// True for `lower-case-words-and-1-digits`.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Whether a URL may be opened: http or https only.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !url.contains(char::is_whitespace))
}

fn cites(runs: &[Inline]) -> impl Iterator<Item = u32> + '_ {
    runs.iter().filter_map(Inline::cite)
}

fn block_cites(blocks: &[Block]) -> Vec<u32> {
    blocks
        .iter()
        .flat_map(Block::inline_runs)
        .flat_map(cites)
        .collect()
}

fn is_empty_block(block: &Block) -> bool {
    match block {
        Block::Paragraph(runs) => runs.is_empty(),
        Block::Entries(entries) => entries.is_empty(),
    }
}

/// Fills in what a reference leaves to its printed citation (title, DOI, PMID, PMCID, ISSN,
/// URL), writes each identifier in its canonical form, and warns of identifiers that are
/// malformed or that contradict the printed citation.
fn complete_references(references: &mut [Reference], name: &str, text: &str) -> Vec<Problem> {
    use crate::ident::{self, Kind};
    let mut problems = Vec::new();
    let mut loc = Locator::new(name, text);
    for r in references.iter_mut() {
        let anchor = loc.advance(&format!("number: {}", r.number));
        let what = format!("reference {}", r.number);
        if r.title.trim().is_empty() {
            r.title = ident::title_guess(&r.printed);
        }
        for kind in Kind::ALL {
            let printed = ident::find(kind, &r.printed);
            let field = r.ident_mut(kind);
            let Some(value) = field.clone() else {
                *field = printed;
                continue;
            };
            let at = loc
                .find_from(anchor.unwrap_or(0), &format!("{}: \"", kind.field()))
                .map(|o| o + kind.field().len() + 2)
                .or(anchor);
            match ident::normalise(kind, &value) {
                Ok(canonical) => {
                    if let Some(p) = printed.filter(|p| !p.eq_ignore_ascii_case(&canonical)) {
                        problems.push(loc.problem(
                            at,
                            Severity::Warning,
                            format!(
                                "{what}: {} \"{value}\" differs from the {} in \"printed\" ({p})",
                                kind.field(),
                                kind.name()
                            ),
                        ));
                    }
                    *field = Some(canonical);
                }
                // A web address that is not one is an error, reported by `validate`.
                Err(_) if kind == Kind::Url => {}
                Err(_) => {
                    let instead = printed.as_ref().map_or_else(String::new, |p| {
                        format!("; the one in \"printed\", {p}, is used instead")
                    });
                    problems.push(loc.problem(
                        at,
                        Severity::Warning,
                        format!(
                            "{what}: {} \"{value}\" is not a {} ({}){}",
                            kind.field(),
                            kind.name(),
                            kind.example(),
                            if instead.is_empty() {
                                ", so it is not linked".to_owned()
                            } else {
                                instead
                            }
                        ),
                    ));
                    *field = printed;
                }
            }
        }
    }
    problems
}

/// An error for each link among `runs` that is not an http or https address, and a warning
/// for text such as `<ftp://…>` that looks like a link but is shown as text.
fn link_problems<'a>(
    loc: &Locator,
    what: &str,
    runs: impl Iterator<Item = &'a Inline>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for run in runs {
        match run {
            Inline::Link(url) if !is_web_url(url) => problems.push(
                loc.problem(
                    loc.find_from(0, &format!("\"{url}\""))
                        .or_else(|| loc.find_from(0, url)),
                    Severity::Error,
                    format!(
                        "{what} links to \"{url}\", but only http and https addresses are allowed"
                    ),
                ),
            ),
            Inline::Text(text) => {
                for looks in link_lookalikes(text) {
                    problems.push(loc.problem(
                        loc.find_from(0, looks),
                        Severity::Warning,
                        format!(
                            "{what}: {looks} is shown as text, not as a link: only http and \
                             https addresses become links"
                        ),
                    ));
                }
            }
            _ => {}
        }
    }
    problems
}

/// Pieces of text in angle brackets with a scheme, `<ftp://x>` or `<mailto:a@b>`, which an
/// author meant as links but the short form leaves as text.
fn link_lookalikes(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else { break };
        let inside = &after[..end];
        let scheme = inside.split_once(':').map(|(s, _)| s);
        let is_scheme = scheme.is_some_and(|s| {
            s.len() > 1
                && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
        if is_scheme && !inside.contains(char::is_whitespace) {
            out.push(&rest[start..start + end + 2]);
        }
        rest = &after[end + 1..];
    }
    out
}

/// Every semantic problem in a parsed article: errors and warnings, in file order.
fn validate(article: &Article, files: &Texts) -> Vec<Problem> {
    let mut problems = Vec::new();
    let known: HashSet<u32> = article.references.iter().map(|r| r.number).collect();
    let mut cited: HashSet<u32> = HashSet::new();
    let [an, rn, gn] = &files.names;
    let [at, rt, gt] = &files.texts;

    // article.ron
    let mut loc = Locator::new(an, at);
    if article.title.trim().is_empty() {
        problems.push(loc.problem(
            loc.find_from(0, "title"),
            Severity::Error,
            "the article has no title".into(),
        ));
    }
    if article.sections.is_empty() {
        problems.push(loc.problem(
            loc.find_from(0, "sections"),
            Severity::Error,
            "the article has no sections".into(),
        ));
    }
    let lede = block_cites(&article.lede);
    // Each citation is looked for after the one before it, so that a repeated number is
    // placed where it stands.
    let mut cursor = 0;
    for n in &lede {
        cited.insert(*n);
        let found = loc.find_cite(cursor, *n);
        if let Some(f) = found {
            cursor = f + 1;
        }
        if !known.contains(n) {
            let at = found;
            problems.push(loc.problem(
                at,
                Severity::Error,
                format!("the lede cites [{n}], but there is no reference {n}"),
            ));
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, section) in article.sections.iter().enumerate() {
        let id = section.id.as_str();
        let anchor = loc.advance(&format!("\"{id}\""));
        let what = if id.is_empty() {
            format!("section {}", i + 1)
        } else {
            format!("section \"{id}\"")
        };
        if id.is_empty() {
            problems.push(loc.problem(anchor, Severity::Error, format!("{what} has an empty id")));
        } else if !is_slug(id) {
            problems.push(loc.problem(
                anchor,
                Severity::Error,
                format!("{what}: the id must be lower-case letters, digits and single hyphens, like \"gut-health\""),
            ));
        }
        if let Some(first) = seen.insert(id, i)
            && !id.is_empty()
        {
            problems.push(loc.problem(
                anchor,
                Severity::Error,
                format!("{what} repeats the id of section {}", first + 1),
            ));
        }
        if section.title.trim().is_empty() {
            problems.push(loc.problem(anchor, Severity::Error, format!("{what} has no title")));
        }
        if section.blocks.is_empty() {
            problems.push(loc.problem(
                anchor,
                Severity::Error,
                format!("{what} is empty: it has no paragraphs"),
            ));
        } else if section.blocks.iter().any(is_empty_block) {
            problems.push(loc.problem(
                anchor,
                Severity::Error,
                format!("{what} has an empty paragraph or list"),
            ));
        }
        let mut cursor = anchor.unwrap_or(0);
        for n in section.citations() {
            cited.insert(n);
            let found = loc.find_cite(cursor, n);
            if let Some(f) = found {
                cursor = f + 1;
            }
            if !known.contains(&n) {
                let at = found.or(anchor);
                problems.push(loc.problem(
                    at,
                    Severity::Error,
                    format!("{what} cites [{n}], but there is no reference {n}"),
                ));
            }
        }
    }

    // Right-to-left text is shown, but not everything about it is right yet: say so once.
    let rtl = article
        .lede
        .iter()
        .chain(article.sections.iter().flat_map(|s| &s.blocks))
        .flat_map(Block::inline_runs)
        .find(|runs| crate::model::is_right_to_left(runs));
    if let Some(runs) = rtl {
        let text = crate::model::plain_text(runs);
        let start: String = text.trim().chars().take(12).collect();
        problems.push(
            loc.problem(
                loc.find_from(0, &start),
                Severity::Warning,
                "right-to-left paragraphs (Arabic, Hebrew…) are right-aligned and each line reads \
             right to left, but their citation markers are shown after the paragraph, and a \
             full stop at a line's end may be drawn on its right (see the README)"
                    .to_owned(),
            ),
        );
    }
    for section in &article.sections {
        let what = format!("section \"{}\"", section.id);
        let links = section.blocks.iter().flat_map(Block::inline_runs).flatten();
        problems.extend(link_problems(&loc, &what, links));
    }
    let lede = article.lede.iter().flat_map(Block::inline_runs).flatten();
    problems.extend(link_problems(&loc, "the lede", lede));

    // guidance.ron
    let mut gloc = Locator::new(gn, gt);
    let g = &article.guidance;
    let mut passages: Vec<&[Inline]> = g.foods.iter().map(|f| f.text.as_slice()).collect();
    if let Some(b) = &g.biotics {
        passages.extend(b.passages());
    }
    passages.extend(g.disruptors.iter().map(|d| d.text.as_slice()));
    passages.extend(g.barrier_note.iter().map(|n| n.text.as_slice()));
    problems.extend(link_problems(
        &gloc,
        "the guidance",
        passages.into_iter().flatten(),
    ));
    let g = &article.guidance;
    let mut guidance_links: Vec<(String, Option<usize>, &str, Vec<u32>)> = Vec::new();
    for food in &g.foods {
        let anchor = gloc.advance(&format!("\"{}\"", food.name));
        let mut numbers: Vec<u32> = cites(&food.text).collect();
        numbers.extend(&food.cites);
        guidance_links.push((
            format!("food \"{}\"", food.name),
            anchor,
            &food.section,
            numbers,
        ));
    }
    if let Some(b) = &g.biotics {
        let anchor = gloc.advance("biotics");
        let numbers = b.passages().into_iter().flat_map(cites).collect();
        guidance_links.push((
            "the probiotics and prebiotics".into(),
            anchor,
            &b.section,
            numbers,
        ));
    }
    if let Some(d) = &g.disruptors {
        let anchor = gloc.advance("disruptors");
        guidance_links.push((
            "the disruptors".into(),
            anchor,
            &d.section,
            cites(&d.text).collect(),
        ));
    }
    if let Some(n) = &g.barrier_note {
        let anchor = gloc.advance("barrier_note");
        guidance_links.push((
            "the barrier note".into(),
            anchor,
            &n.section,
            cites(&n.text).collect(),
        ));
    }
    for (what, anchor, section, numbers) in guidance_links {
        if article.section_index(section).is_none() {
            let at = gloc
                .find_from(anchor.unwrap_or(0), &format!("\"{section}\""))
                .or(anchor);
            problems.push(gloc.problem(
                at,
                Severity::Error,
                format!("{what} links to section \"{section}\", which the article does not have"),
            ));
        }
        for n in numbers {
            cited.insert(n);
            if !known.contains(&n) {
                problems.push(gloc.problem(
                    anchor,
                    Severity::Error,
                    format!("{what} cites [{n}], but there is no reference {n}"),
                ));
            }
        }
    }

    // references.ron
    let mut rloc = Locator::new(rn, rt);
    // Where each number was first seen: its line, for a repeat's message.
    let mut by_number: HashMap<u32, Option<usize>> = HashMap::new();
    let mut by_text: HashMap<String, u32> = HashMap::new();
    for r in &article.references {
        let anchor = rloc.advance(&format!("number: {}", r.number));
        let what = format!("reference {}", r.number);
        if r.number == 0 {
            problems.push(rloc.problem(
                anchor,
                Severity::Error,
                "reference numbers start at 1".into(),
            ));
        }
        let line = |offset: Option<usize>| offset.map(|o| position(rt, o).0);
        match by_number.get(&r.number) {
            Some(first) => {
                let lines = match (line(*first), line(anchor)) {
                    (Some(a), Some(b)) => format!(" (line {a} and line {b})"),
                    _ => String::new(),
                };
                problems.push(rloc.problem(
                    anchor,
                    Severity::Error,
                    format!("{what} appears twice{lines}: give each reference its own number"),
                ));
            }
            None => {
                by_number.insert(r.number, anchor);
            }
        }
        if r.printed.trim().is_empty() {
            problems.push(rloc.problem(
                anchor,
                Severity::Error,
                format!("{what} has an empty \"printed\" citation"),
            ));
        }
        if let Some(url) = &r.url
            && !is_web_url(url)
        {
            let at = rloc.find_from(anchor.unwrap_or(0), "url").or(anchor);
            problems.push(rloc.problem(
                at,
                Severity::Error,
                format!("{what} has url \"{url}\", but only http and https addresses are allowed"),
            ));
        }
        if !cited.contains(&r.number) {
            problems.push(rloc.problem(
                anchor,
                Severity::Warning,
                format!("{what} is never cited"),
            ));
        }
        let key: String = r
            .printed
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if let Some(first) = by_text.get(&key) {
            problems.push(rloc.problem(
                anchor,
                Severity::Warning,
                format!("{what} repeats reference {first}"),
            ));
        } else {
            by_text.insert(key, r.number);
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

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
