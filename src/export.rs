//! A section, or the whole article, as plain text or Markdown (pure functions), and the
//! atomic file write that never leaves a half-written or lost file behind.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::{Article, Block, Inline, Reference, Section};

/// The output formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Txt,
    Md,
}

impl Format {
    /// The format a file name's extension asks for; text unless it ends in `.md`/`.markdown`.
    pub fn from_path(path: &Path) -> Self {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => Format::Md,
            _ => Format::Txt,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
        }
    }
}

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Section(usize),
    Article,
}

/// The default line width of text exports.
pub const DEFAULT_WIDTH: usize = 80;

/// Renders `scope` of the article. `width` 0 leaves paragraphs unwrapped (text only;
/// Markdown paragraphs are never wrapped).
pub fn render(article: &Article, scope: Scope, format: Format, width: usize) -> String {
    match format {
        Format::Txt => to_text(article, scope, width),
        Format::Md => to_markdown(article, scope),
    }
}

fn scoped(article: &Article, scope: Scope) -> (Vec<&Section>, Vec<u32>) {
    let sections: Vec<&Section> = match scope {
        Scope::Section(i) => article.sections.get(i).into_iter().collect(),
        Scope::Article => article.sections.iter().collect(),
    };
    let mut numbers: Vec<u32> = sections.iter().flat_map(|s| s.citations()).collect();
    if scope == Scope::Article {
        numbers.extend(
            article
                .lede
                .iter()
                .flat_map(Block::inline_runs)
                .flat_map(cites),
        );
    }
    numbers.sort_unstable();
    numbers.dedup();
    (sections, numbers)
}

fn cites(runs: &[Inline]) -> impl Iterator<Item = u32> + '_ {
    runs.iter().filter_map(|r| match r {
        Inline::Cite(n) => Some(*n),
        Inline::Text(_) => None,
    })
}

fn underline(title: &str, ch: char) -> String {
    std::iter::repeat_n(ch, title.chars().count()).collect()
}

/// The section or article as plain text.
pub fn to_text(article: &Article, scope: Scope, width: usize) -> String {
    let (sections, numbers) = scoped(article, scope);
    let mut out = String::new();
    let blocks = |out: &mut String, blocks: &[Block]| {
        for block in blocks {
            match block {
                Block::Paragraph(runs) => {
                    out.push_str(&wrap(&words(None, runs), width));
                    out.push_str("\n\n");
                }
                Block::Entries(entries) => {
                    for e in entries {
                        out.push_str(&wrap(&words(Some(&e.term), &e.description), width));
                        out.push_str("\n\n");
                    }
                }
            }
        }
    };
    match scope {
        Scope::Section(_) => {
            for s in &sections {
                out.push_str(&format!("{}\n{}\n\n", s.title, underline(&s.title, '=')));
                blocks(&mut out, &s.blocks);
            }
        }
        Scope::Article => {
            out.push_str(&format!(
                "{}\n{}\n\n",
                article.title,
                underline(&article.title, '=')
            ));
            blocks(&mut out, &article.lede);
            for s in &sections {
                out.push_str(&format!("{}\n{}\n\n", s.title, underline(&s.title, '-')));
                blocks(&mut out, &s.blocks);
            }
        }
    }
    if !numbers.is_empty() {
        out.push_str("References\n----------\n\n");
        for n in &numbers {
            if let Some(r) = article.reference(*n) {
                out.push_str(&format!("[{n}] {}\n", full_citation(r)));
            }
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "From the article \u{201c}{}\u{201d}\n",
        article.title
    ));
    out
}

/// The citation as printed, with the DOI address added when the printed text lacks it.
pub fn full_citation(r: &Reference) -> String {
    let mut text = r.printed.trim().to_owned();
    if let Some(doi) = r.doi_url()
        && !text.contains(&doi)
    {
        text.push_str(&format!(" {doi}"));
    }
    text
}

/// Splits runs into words, with each citation marker glued to the word before it by a
/// no-break space, so that wrapping never separates the two.
fn words(term: Option<&str>, runs: &[Inline]) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    if let Some(term) = term {
        let mut term_words: Vec<String> = term.split_whitespace().map(str::to_owned).collect();
        if let Some(last) = term_words.last_mut() {
            last.push(':');
        }
        words.extend(term_words);
    }
    // Whether the last word may still grow (no whitespace seen after it).
    let mut open = false;
    for run in runs {
        match run {
            Inline::Text(t) => {
                let starts_with_space = t.starts_with(char::is_whitespace);
                for (i, w) in t.split_whitespace().enumerate() {
                    match words.last_mut() {
                        Some(last) if i == 0 && open && !starts_with_space => last.push_str(w),
                        _ => words.push(w.to_owned()),
                    }
                }
                open = !t.ends_with(char::is_whitespace) && !t.is_empty() || (open && t.is_empty());
            }
            Inline::Cite(n) => {
                match words.last_mut() {
                    Some(last) if open => last.push_str(&format!("[{n}]")),
                    Some(last) => last.push_str(&format!("\u{a0}[{n}]")),
                    None => words.push(format!("[{n}]")),
                }
                open = true;
            }
        }
    }
    words
}

/// Greedy word wrap at `width` characters; 0 means one line. Never splits a word.
fn wrap(words: &[String], width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for w in words {
        let len = w.chars().count();
        if line_len > 0 && width > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(w);
        line_len += len;
    }
    out.replace('\u{a0}', " ")
}

/// Markdown: text with its special characters escaped.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn md_blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Paragraph(runs) => {
                out.push_str(&md_paragraph(runs));
                out.push_str("\n\n");
            }
            Block::Entries(entries) => {
                for e in entries {
                    out.push_str(&format!(
                        "- **{}:** {}\n",
                        md_escape(&e.term),
                        md_paragraph(&e.description)
                    ));
                }
                out.push('\n');
            }
        }
    }
}

/// A paragraph's runs, with the spaces between text and citations as written.
fn md_paragraph(runs: &[Inline]) -> String {
    let mut out = String::new();
    for run in runs {
        match run {
            Inline::Text(t) => out.push_str(&md_escape(t)),
            Inline::Cite(n) => out.push_str(&format!("[{n}]")),
        }
    }
    out.trim().to_owned()
}

/// Wraps the http(s) addresses in a citation as Markdown autolinks.
fn md_citation(r: &Reference) -> String {
    let text = full_citation(r);
    let parts: Vec<String> = text
        .split(' ')
        .map(|w| {
            let trimmed = w.trim_end_matches(['.', ',', ';']);
            if crate::load::is_web_url(trimmed) {
                format!("<{trimmed}>{}", &w[trimmed.len()..])
            } else {
                md_escape(w)
            }
        })
        .collect();
    parts.join(" ")
}

/// The section or article as Markdown.
pub fn to_markdown(article: &Article, scope: Scope) -> String {
    let (sections, numbers) = scoped(article, scope);
    let mut out = String::new();
    match scope {
        Scope::Section(_) => {
            for s in &sections {
                out.push_str(&format!("# {}\n\n", md_escape(&s.title)));
                md_blocks(&mut out, &s.blocks);
            }
        }
        Scope::Article => {
            out.push_str(&format!("# {}\n\n", md_escape(&article.title)));
            md_blocks(&mut out, &article.lede);
            for s in &sections {
                out.push_str(&format!("## {}\n\n", md_escape(&s.title)));
                md_blocks(&mut out, &s.blocks);
            }
        }
    }
    if !numbers.is_empty() {
        out.push_str("## References\n\n");
        for n in &numbers {
            if let Some(r) = article.reference(*n) {
                out.push_str(&format!("- \\[{n}\\] {}\n", md_citation(r)));
            }
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "*From the article \u{201c}{}\u{201d}*\n",
        md_escape(&article.title)
    ));
    out
}

/// Why a file could not be written. The path is named last.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the folder does not exist: {0}")]
    NoFolder(PathBuf),
    #[error("the target is a folder, not a file: {0}")]
    IsDir(PathBuf),
    #[error("{what}: {source}: {path}")]
    Io {
        what: &'static str,
        source: std::io::Error,
        path: PathBuf,
    },
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder, synced, then
/// renamed over the target. On any error the old file is untouched and the temporary file
/// is removed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    if path.is_dir() {
        return Err(WriteError::IsDir(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new("."),
        Some(p) => p,
        None => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(WriteError::NoFolder(dir.to_path_buf()));
    }
    let io = |what: &'static str, path: &Path| {
        let path = path.to_path_buf();
        move |source: std::io::Error| WriteError::Io { what, source, path }
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gut-skin-viewer-").suffix(".tmp");
    #[cfg(unix)]
    {
        // A new file is readable by others, as an editor would make it; a replaced file keeps
        // its own permissions (below).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(io("cannot create a file in the folder", dir))?;
    // The temporary file is deleted when `tmp` drops on any early return below.
    tmp.write_all(contents)
        .map_err(io("cannot write the file", path))?;
    tmp.as_file()
        .sync_all()
        .map_err(io("cannot flush the file to disk", path))?;
    if let Ok(meta) = std::fs::metadata(path) {
        // Keep the permissions of the file being replaced.
        let _ = tmp.as_file().set_permissions(meta.permissions());
    }
    tmp.persist(path).map_err(|e| WriteError::Io {
        what: "cannot replace the file",
        source: e.error,
        path: path.to_path_buf(),
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(words: &[&str]) -> Vec<String> {
        words.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn wrap_is_greedy_and_never_splits_words() {
        assert_eq!(wrap(&w(&["aaa", "bb", "cccc"]), 6), "aaa bb\ncccc");
        assert_eq!(wrap(&w(&["aaaaaaaaaa", "b"]), 4), "aaaaaaaaaa\nb");
        assert_eq!(wrap(&w(&["a", "b"]), 0), "a b");
    }

    #[test]
    fn a_citation_sticks_to_the_word_before_it() {
        let runs = [
            Inline::Text("one two. ".into()),
            Inline::Cite(4),
            Inline::Text(" three".into()),
        ];
        let words = words(None, &runs);
        assert_eq!(words, w(&["one", "two.\u{a0}[4]", "three"]));
        assert_eq!(wrap(&words, 8), "one\ntwo. [4]\nthree");
    }

    #[test]
    fn entries_start_with_their_term() {
        let runs = [Inline::Text("Red patches.".into())];
        assert_eq!(
            words(Some("Atopic dermatitis"), &runs),
            w(&["Atopic", "dermatitis:", "Red", "patches."])
        );
    }

    #[test]
    fn format_follows_the_extension() {
        assert_eq!(Format::from_path(Path::new("a.md")), Format::Md);
        assert_eq!(Format::from_path(Path::new("a.MD")), Format::Md);
        assert_eq!(Format::from_path(Path::new("a.txt")), Format::Txt);
        assert_eq!(Format::from_path(Path::new("a")), Format::Txt);
    }

    #[test]
    fn markdown_escapes_and_links() {
        assert_eq!(md_escape("a*b_[c]"), "a\\*b\\_\\[c\\]");
        let r = Reference {
            number: 1,
            printed: "X. Available from: https://e.org/a_b.".into(),
            ..Reference::default()
        };
        assert_eq!(md_citation(&r), "X. Available from: <https://e.org/a_b>.");
    }
}
