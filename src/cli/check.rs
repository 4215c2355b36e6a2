//! `check`, and `check --watch`, which checks again after every change to the article's
//! folder; and the warnings both print.

use std::path::Path;
use std::process::ExitCode;

use super::out::{Unsaid, say, say_err};
use crate::article::load::{self, LoadError, Loaded};
use crate::article::watch::{Change, FolderWatch};

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

/// `check --watch`: checks now and again after every change, until interrupted or until
/// nobody reads the output any more.
pub fn check_forever(path: &Path) -> ExitCode {
    let watch = match FolderWatch::new(path, || {}) {
        Ok(w) => w,
        Err(e) => {
            say_err(format_args!("error: cannot watch {}: {e}", path.display()));
            return ExitCode::FAILURE;
        }
    };
    // The folder by its absolute path: a relative one would follow the working folder, which
    // may itself be deleted and made again.
    let path = watch.dir.as_path();
    if let Err(unsaid) = check(Some(path)).1 {
        return Unsaid::exit_code(Err(unsaid));
    }
    say_err(format_args!(
        "watching {} for changes (Ctrl+C to stop)",
        watch.dir.display()
    ));
    while let Some(change) = watch.wait() {
        let said: Result<(), Unsaid> = match change {
            Change::Edited => say("--\n").and_then(|()| check(Some(path)).1),
            Change::Gone => say(&format!(
                "--\nthe article's folder is gone; waiting for it to come back: {}\n",
                watch.dir.display()
            )),
            Change::Failed(why) => say(&format!("--\nlive reload is off for now: {why}\n")),
        };
        if said.is_err() {
            return Unsaid::exit_code(said);
        }
    }
    ExitCode::SUCCESS
}

pub(super) fn print_errors(e: &LoadError) {
    for p in e.errors() {
        say_err(format_args!("{p}"));
    }
}

fn print_warnings(loaded: &Loaded) {
    for w in &loaded.warnings {
        say_err(format_args!("warning: {w}"));
    }
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
