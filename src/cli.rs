//! The command line: the window's start-up flags and the subcommands check, list, export
//! and search. Each subcommand returns the process exit code.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::export::{self, Format, Scope};
use crate::load::{self, LoadError, Loaded};
use crate::search;

/// A reader for long-form health articles kept as RON files.
///
/// With no subcommand, opens the reader window on the article at PATH (an article folder or
/// one of its .ron files), or on the built-in article.
#[derive(Debug, Parser)]
#[command(
    name = "gut-skin-viewer",
    version,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub window: WindowArgs,
}

/// Flags for the reader window.
#[derive(Debug, Default, Clone, Args)]
pub struct WindowArgs {
    /// Open at this section id.
    #[arg(long, value_name = "ID")]
    pub section: Option<String>,
    /// Render the window once, write it to this PNG file and exit.
    #[arg(long, value_name = "FILE.png")]
    pub screenshot: Option<PathBuf>,
    /// Show the references panel.
    #[arg(long, conflicts_with = "no_references")]
    pub references: bool,
    /// Hide the references panel.
    #[arg(long)]
    pub no_references: bool,
    /// Show the guidance panel.
    #[arg(long, conflicts_with = "no_guidance")]
    pub guidance: bool,
    /// Hide the guidance panel.
    #[arg(long)]
    pub no_guidance: bool,
    /// Start with the remembered state ignored (it is still saved on exit).
    #[arg(long)]
    pub fresh: bool,
    /// Article folder or one of its .ron files; the built-in article if omitted.
    pub path: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate an article; print a summary and any warnings, or every problem.
    Check {
        /// Check again every time a file of the article changes.
        #[arg(long)]
        watch: bool,
        /// Article folder or one of its .ron files; the built-in article if omitted.
        path: Option<PathBuf>,
    },
    /// Print the sections in reading order, one `ID<TAB>TITLE` line each.
    List {
        /// Article folder or one of its .ron files; the built-in article if omitted.
        path: Option<PathBuf>,
    },
    /// Export a section, or the whole article, as text or Markdown.
    Export {
        /// The id of the section to export (see `list`).
        #[arg(
            long,
            value_name = "ID",
            required_unless_present = "all",
            conflicts_with = "all"
        )]
        section: Option<String>,
        /// Export the whole article.
        #[arg(long)]
        all: bool,
        /// Output format; by default taken from the output file's extension, else txt.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Wrap text paragraphs at N columns; 0 does not wrap.
        #[arg(long, value_name = "N", default_value_t = export::DEFAULT_WIDTH)]
        width: usize,
        /// Output file, or - for standard output (the default).
        #[arg(short, long, value_name = "FILE", default_value = "-")]
        output: PathBuf,
        /// Article folder or one of its .ron files; the built-in article if omitted.
        path: Option<PathBuf>,
    },
    /// Search the article; print one `SECTION_ID<TAB>snippet` line per hit. Exits 0 with hits,
    /// 1 with none, 2 on a usage error.
    Search {
        /// Words to find: case folded fully (ß finds ss), accents ignored (e finds é, Greek
        /// tonos too), é typed as one character or two alike, and ' also finds ’.
        query: String,
        /// Article folder or one of its .ron files; the built-in article if omitted.
        path: Option<PathBuf>,
        /// Accents must match: e does not find é.
        #[arg(long)]
        match_accents: bool,
    },
    /// Write a small, valid article into DIR that shows every feature of the format, with
    /// comments; a starting point for a new article.
    New {
        /// The folder to write into; made if missing. It must not hold an article already.
        dir: PathBuf,
        /// The article's title.
        #[arg(long, value_name = "T")]
        title: Option<String>,
    },
    /// Turn a plain-text (.txt) or Markdown (.md) article into an article folder. Prints what
    /// it could not place; exits 0, or 1 if the result does not pass `check`.
    Import {
        /// The .txt or .md file to read.
        file: PathBuf,
        /// The folder to write into; made if missing. It must not hold an article already.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
    /// The reader's highlights and notes of an article: list them, or export them.
    Notes {
        #[command(subcommand)]
        command: NotesCommand,
    },
    /// Write the man page and the bash, zsh and fish completions into DIR (for packaging).
    #[command(hide = true)]
    GenerateDocs {
        /// The folder to write into; made if missing.
        dir: PathBuf,
    },
}

/// What `notes` does.
#[derive(Debug, Subcommand)]
pub enum NotesCommand {
    /// Print one `SECTION<TAB>COLOUR<TAB>QUOTE<TAB>NOTE` line per highlight, in reading order;
    /// `orphaned` in place of the section where its text is gone from the article. Tabs and
    /// line breaks in the quote and note are written \t and \n.
    List {
        /// Article folder or one of its .ron files; the built-in article if omitted.
        path: Option<PathBuf>,
    },
    /// Export the highlights and notes as Markdown, or as JSON in the W3C Web Annotation
    /// Data Model (which Hypothesis reads).
    Export {
        /// Output format; by default taken from the output file's extension, else md.
        #[arg(long, value_enum)]
        format: Option<crate::notes::export::NotesFormat>,
        /// Output file, or - for standard output (the default).
        #[arg(short, long, value_name = "FILE", default_value = "-")]
        output: PathBuf,
        /// Article folder or one of its .ron files; the built-in article if omitted.
        path: Option<PathBuf>,
    },
}

/// Loads the article at `path`, or the embedded one.
pub fn load(path: Option<&Path>) -> Result<Loaded, LoadError> {
    match path {
        Some(p) => load::load_path(p),
        None => load::load_embedded(),
    }
}

fn print_errors(e: &LoadError) {
    for p in e.errors() {
        say_err(format_args!("{p}"));
    }
}

fn print_warnings(loaded: &Loaded) {
    for w in &loaded.warnings {
        say_err(format_args!("warning: {w}"));
    }
}

/// Why standard output took no more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsaid {
    /// Its reader closed it (`| head`): the subcommand stops writing and ends quietly, like
    /// `cat`.
    Closed,
    /// It failed (a full disk, say); the message is out, and the exit code is 1.
    Failed,
}

impl Unsaid {
    /// The exit code for a subcommand that otherwise succeeded.
    pub fn exit_code(said: Result<(), Unsaid>) -> ExitCode {
        match said {
            Ok(()) | Err(Unsaid::Closed) => ExitCode::SUCCESS,
            Err(Unsaid::Failed) => ExitCode::FAILURE,
        }
    }
}

/// Writes `text` to standard output and flushes it.
pub fn say(text: &str) -> Result<(), Unsaid> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Unsaid::Closed),
        Err(e) => {
            say_err(format_args!("error: cannot write to standard output: {e}"));
            Err(Unsaid::Failed)
        }
    }
}

/// Writes one line to standard error. A closed standard error is ignored: there is no one
/// left to tell.
pub fn say_err(line: std::fmt::Arguments<'_>) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// Runs a subcommand and returns its exit code.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::GenerateDocs { dir } => crate::docs::generate(&dir),
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
                return crate::watch::check_forever(&path);
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
pub fn unknown_section(article: &crate::model::Article, id: &str) -> ExitCode {
    say_err(format_args!(
        "error: no section with id \"{id}\". The sections are:"
    ));
    for s in &article.sections {
        say_err(format_args!("  {}", s.id));
    }
    ExitCode::from(2)
}

/// `check`: 0 when the article loads, 1 when it has problems; and whether standard output
/// is still open.
pub fn check(path: Option<&Path>) -> (u8, Result<(), Unsaid>) {
    // The files are read once: for loading, and for the fonts their characters need.
    let texts = match path {
        Some(p) => load::read_dir(p),
        None => Ok(load::embedded_texts()),
    };
    match texts.and_then(|t| load::load_texts(&t).map(|loaded| (t, loaded))) {
        Ok((texts, loaded)) => {
            let a = &loaded.article;
            let said = say(&format!(
                "ok: {} sections, {} references, {} guidance items\n",
                a.sections.len(),
                a.references.len(),
                a.guidance.item_count()
            ));
            print_warnings(&loaded);
            #[cfg(feature = "gui")]
            font_warnings(&texts);
            #[cfg(not(feature = "gui"))]
            let _ = texts;
            (0, said)
        }
        Err(e) => {
            print_errors(&e);
            (1, Ok(()))
        }
    }
}

fn export_command(
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
fn notes_command(command: NotesCommand) -> ExitCode {
    use crate::notes::{self, export::NotesFormat, store};
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
    output.as_os_str() == "-"
        || export::write::own_output(output) == Some(export::write::Own::Stdout)
}

/// Loads the article at `path` (or the embedded one), or prints its errors and gives the
/// exit code 1.
fn load_or_report(path: Option<&Path>) -> Result<Loaded, ExitCode> {
    load(path).map_err(|e| {
        print_errors(&e);
        ExitCode::FAILURE
    })
}

/// Writes `text` to standard output (`-`) or atomically to a file.
fn write_out(text: &str, output: &Path) -> ExitCode {
    if is_stdout(output) {
        return Unsaid::exit_code(say(text));
    }
    match export::write_atomic(output, text.as_bytes()) {
        Ok(export::Written::Direct) => ExitCode::SUCCESS,
        Ok(_) => {
            say_err(format_args!("wrote {}", output.display()));
            ExitCode::SUCCESS
        }
        Err(export::WriteError::Closed(_)) => ExitCode::SUCCESS,
        Err(e) => {
            say_err(format_args!("error: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// `new`: writes the template article and checks it.
fn new_command(dir: &Path, title: Option<&str>) -> ExitCode {
    match crate::template::write(dir, title.unwrap_or("An Untitled Article")) {
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
fn import_command(file: &Path, output: &Path) -> ExitCode {
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
        crate::import::from_markdown(&text)
    } else {
        crate::import::from_text(&text)
    };
    for line in &imported.unplaced {
        say_err(format_args!("{}: not placed: {line}", file.display()));
    }
    if let Err(e) = crate::import::write_folder(output, &imported) {
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
        let count = |f: fn(&crate::model::Reference) -> bool| refs.iter().filter(|r| f(r)).count();
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

/// Warns of each script in the article that no installed font covers, at its first character.
#[cfg(feature = "gui")]
fn font_warnings(texts: &load::Texts) {
    let refs: Vec<&str> = texts.texts.iter().map(String::as_str).collect();
    for u in crate::desktop::fonts::uncovered(&refs) {
        let (line, col) = load::position(refs[u.text], u.offset);
        say_err(format_args!(
            "warning: {}:{line}:{col}: no installed font covers {} (“{}”): the reader shows \
             boxes for it; on Debian and Ubuntu, fonts-noto-core has most scripts and \
             fonts-noto-cjk Chinese, Japanese and Korean",
            texts.names[u.text], u.script, u.sample
        ));
    }
}
