//! The subcommands that read an article and write something: export, notes, new and import;
//! and writing their output to standard output or, carefully, to a file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::args::NotesCommand;
use super::check::{check, print_errors};
use super::load as load_article;
use super::out::{Unsaid, say, say_err};
use super::unknown_section;
use crate::article::export::{self, Format, Scope};
use crate::article::load::{self, Loaded};
use crate::article::write::{self, WriteError, Written};

pub(super) fn export_command(
    section: Option<&str>,
    all: bool,
    format: Option<Format>,
    width: usize,
    output: &Path,
    path: Option<&Path>,
) -> ExitCode {
    let loaded = match load_or_report(path) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let article = &loaded.article;
    let scope = if all {
        Scope::Article
    } else {
        let id = section.unwrap_or_default();
        let Some(i) = article.section_index(id) else {
            return unknown_section(article, id);
        };
        Scope::Section(i)
    };
    let format = format.unwrap_or(if is_stdout(output) {
        Format::Txt
    } else {
        Format::from_path(output)
    });
    let text = export::render(article, scope, format, width);
    write_out(&text, output)
}

/// `notes list` and `notes export`: reads the article and its notes file, places the notes
/// in the article as it is now, and prints or writes them.
pub(super) fn notes_command(command: NotesCommand) -> ExitCode {
    use crate::article::notes::{self, export::NotesFormat, store};
    let path = match &command {
        NotesCommand::List { path } | NotesCommand::Export { path, .. } => path.as_deref(),
    };
    let loaded = match load_or_report(path) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let article = &loaded.article;
    let source = store::ArticleRef::new(article, path);
    let Some(dir) = store::notes_dir() else {
        say_err(format_args!(
            "error: no data folder: set HOME or XDG_DATA_HOME"
        ));
        return ExitCode::FAILURE;
    };
    let file = dir.join(source.file_name());
    let annotations = match store::read(&file) {
        Ok(f) => f.map(|f| f.annotations).unwrap_or_default(),
        Err(e) => {
            say_err(format_args!("error: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let texts = notes::Texts::new(article);
    let placed = notes::place_all(article, &texts, &annotations);
    let (text, output) = match command {
        NotesCommand::List { .. } => (
            notes::export::list(article, &annotations, &placed),
            PathBuf::from("-"),
        ),
        NotesCommand::Export { format, output, .. } => {
            let format = format.unwrap_or(if is_stdout(&output) {
                NotesFormat::Md
            } else {
                NotesFormat::from_path(&output)
            });
            let text =
                notes::export::render(format, article, &source, &texts, &annotations, &placed);
            (text, output)
        }
    };
    write_out(&text, &output)
}

/// Whether `output` is standard output: `-`, or `/dev/stdout` and the like, this process's
/// standard output however the shell opened it.
fn is_stdout(output: &Path) -> bool {
    output.as_os_str() == "-" || write::own_output(output) == Some(write::Own::Stdout)
}

/// Loads the article at `path` (or the embedded one), or prints its errors and gives the
/// exit code 1.
pub(super) fn load_or_report(path: Option<&Path>) -> Result<Loaded, ExitCode> {
    load_article(path).map_err(|e| {
        print_errors(&e);
        ExitCode::FAILURE
    })
}

/// Writes `text` to standard output (`-`) or atomically to a file.
fn write_out(text: &str, output: &Path) -> ExitCode {
    if is_stdout(output) {
        return Unsaid::exit_code(say(text));
    }
    match write::write_atomic(output, text.as_bytes()) {
        Ok(Written::Direct) => ExitCode::SUCCESS,
        Ok(_) => {
            say_err(format_args!("wrote {}", output.display()));
            ExitCode::SUCCESS
        }
        Err(WriteError::Closed(_)) => ExitCode::SUCCESS,
        Err(e) => {
            say_err(format_args!("error: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// `new`: writes the template article and checks it.
pub(super) fn new_command(dir: &Path, title: Option<&str>) -> ExitCode {
    match crate::article::template::write(dir, title.unwrap_or("An Untitled Article")) {
        Ok(()) => {
            say_err(format_args!("wrote {}", dir.display()));
            ExitCode::from(check(Some(dir)).0)
        }
        Err(e) => {
            say_err(format_args!("error: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// `import`: reads a .txt or .md article, writes the folder, says what it could not place,
/// and checks the result.
pub(super) fn import_command(file: &Path, output: &Path) -> ExitCode {
    let text = match load::read_bounded(file) {
        Ok(t) => t,
        Err(p) => {
            say_err(format_args!("error: {p}"));
            return ExitCode::FAILURE;
        }
    };
    let markdown = file
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown"));
    let imported = if markdown {
        crate::article::import::from_markdown(&text)
    } else {
        crate::article::import::from_text(&text)
    };
    for line in &imported.unplaced {
        say_err(format_args!("{}: not placed: {line}", file.display()));
    }
    if let Err(e) = crate::article::import::write_folder(output, &imported) {
        say_err(format_args!("error: {e}"));
        return ExitCode::FAILURE;
    }
    let (lists, entries, citations) = imported.counts();
    say_err(format_args!(
        "imported {}: {} sections, {} entry lists ({} entries), {} citations, {} references",
        file.display(),
        imported.article.sections.len(),
        lists,
        entries,
        citations,
        imported.references.len()
    ));
    if let Ok(loaded) = load::load_path(output) {
        let refs = &loaded.article.references;
        let count =
            |f: fn(&crate::article::model::Reference) -> bool| refs.iter().filter(|r| f(r)).count();
        say_err(format_args!(
            "identifiers: {} DOI, {} PMID, {} PMCID, {} URL",
            count(|r| r.doi.is_some()),
            count(|r| r.pmid.is_some()),
            count(|r| r.pmcid.is_some()),
            count(|r| r.url.is_some()),
        ));
    }
    ExitCode::from(check(Some(output)).0)
}
