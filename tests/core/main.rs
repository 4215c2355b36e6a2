//! The core and the command line, without a window: loading and checking articles, export,
//! import and authoring, Markdown read back by real parsers, notes, files as the system has
//! them, and the files that install the reader. One binary, so that it links once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../common/mod.rs"]
mod common;

mod authoring;
mod cli;
mod content;
mod desktop_files;
mod export;
mod files;
mod markdown;
mod notes;
mod signals;
