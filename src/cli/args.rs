//! The command line's arguments: the window's start-up flags and the subcommands, as clap
//! definitions (the man page and completions are made from them too).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::article::export::{self, Format};

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
        format: Option<crate::article::notes::export::NotesFormat>,
        /// Output file, or - for standard output (the default).
        #[arg(short, long, value_name = "FILE", default_value = "-")]
        output: PathBuf,
        /// Article folder or one of its .ron files; the built-in article if omitted.
        path: Option<PathBuf>,
    },
}
