//! The command line: [`args`] defines it; [`run`] runs a subcommand (check, list, export,
//! search, notes, new, import, generate-docs) and returns the process exit code.

use std::path::Path;
use std::process::ExitCode;

mod args;
mod check;
mod commands;
pub mod docs;
mod out;

pub use args::{Cli, Command, NotesCommand, WindowArgs};
pub use check::check;
use check::print_errors;
use commands::{export_command, import_command, load_or_report, new_command, notes_command};
use out::{Unsaid, say, say_err};

use crate::article::load::{self, LoadError, Loaded};
use crate::article::search;

/// Loads the article at `path`, or the embedded one.
pub fn load(path: Option<&Path>) -> Result<Loaded, LoadError> {
    match path {
        Some(p) => load::load_path(p),
        None => load::load_embedded(),
    }
}

/// Runs a subcommand and returns its exit code.
pub fn run(command: Command) -> ExitCode {
    if matches!(
        command,
        Command::GenerateDocs { .. }
            | Command::New { .. }
            | Command::Import { .. }
            | Command::Notes { .. }
            | Command::Export { .. }
    ) {
        out::stop_cleanly_on_signals();
    }
    match command {
        Command::GenerateDocs { dir } => crate::cli::docs::generate(&dir),
        Command::New { dir, title } => new_command(&dir, title.as_deref()),
        Command::Import { file, output } => import_command(&file, &output),
        Command::Notes { command } => notes_command(command),
        Command::Check { watch, path } => {
            if watch {
                let Some(path) = path else {
                    say_err(format_args!(
                        "error: --watch needs the PATH of an article folder"
                    ));
                    return ExitCode::from(2);
                };
                return check::check_forever(&path);
            }
            match check(path.as_deref()) {
                (_, Err(Unsaid::Failed)) => ExitCode::FAILURE,
                (code, _) => ExitCode::from(code),
            }
        }
        Command::List { path } => match load_or_report(path.as_deref()) {
            Ok(loaded) => {
                let mut out = String::new();
                for s in &loaded.article.sections {
                    out.push_str(&format!("{}\t{}\n", s.id, s.title));
                }
                Unsaid::exit_code(say(&out))
            }
            Err(code) => code,
        },
        Command::Export {
            section,
            all,
            format,
            width,
            output,
            path,
        } => export_command(
            section.as_deref(),
            all,
            format,
            width,
            &output,
            path.as_deref(),
        ),
        Command::Search {
            query,
            path,
            match_accents,
        } => {
            if query.trim().is_empty() {
                say_err(format_args!("error: the query is empty"));
                return ExitCode::from(2);
            }
            match load(path.as_deref()) {
                Ok(loaded) => {
                    let article = &loaded.article;
                    let index = search::Index::new(article);
                    let accents = if match_accents {
                        search::Accents::Matched
                    } else {
                        search::Accents::Ignored
                    };
                    let hits = index.search_with(&query, accents);
                    let mut out = String::new();
                    for hit in &hits {
                        let id = match hit.location {
                            search::Location::Lede { .. } => "lede",
                            search::Location::Section { section, .. } => {
                                article.sections.get(section).map_or("", |s| s.id.as_str())
                            }
                            search::Location::Reference(_) => "references",
                            search::Location::Guidance => "guidance",
                        };
                        out.push_str(&format!("{id}\t{}\n", index.snippet(hit).text));
                    }
                    if hits.is_empty() {
                        return ExitCode::FAILURE;
                    }
                    Unsaid::exit_code(say(&out))
                }
                Err(e) => {
                    print_errors(&e);
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// Says that `id` names no section, lists the ids that do, and gives exit code 2.
pub fn unknown_section(article: &crate::article::model::Article, id: &str) -> ExitCode {
    say_err(format_args!(
        "error: no section with id \"{id}\". The sections are:"
    ));
    for s in &article.sections {
        say_err(format_args!("  {}", s.id));
    }
    ExitCode::from(2)
}
