//! Watches an article folder for edits to its .ron files, debounced, for live reload in the
//! window and for `check --watch`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{RecursiveMode, Watcher as _};

use crate::load::{self, FILE_NAMES};

/// Edits that arrive within this time of each other count as one change.
pub const QUIET: Duration = Duration::from_millis(150);

/// A folder watch that reports one change per burst of edits.
pub struct FolderWatch {
    _watcher: notify::RecommendedWatcher,
    changes: Receiver<()>,
    pub dir: PathBuf,
}

impl FolderWatch {
    /// Starts watching `path`'s article folder; `wake` is called after each change is ready.
    pub fn new(path: &Path, wake: impl Fn() + Send + 'static) -> notify::Result<Self> {
        let dir = load::article_dir(path);
        let (raw_tx, raw_rx) = mpsc::channel::<()>();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else { return };
                if matches!(event.kind, notify::EventKind::Access(_)) {
                    return;
                }
                let ours = event.paths.iter().any(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| FILE_NAMES.contains(&n))
                });
                if ours {
                    let _ = raw_tx.send(());
                }
            })?;
        watcher.watch(&dir, RecursiveMode::NonRecursive)?;
        let (tx, changes) = mpsc::channel();
        std::thread::Builder::new()
            .name("article-watch".into())
            .spawn(move || {
                while raw_rx.recv().is_ok() {
                    // Wait for the burst to end: editors write, rename and touch in turn.
                    loop {
                        match raw_rx.recv_timeout(QUIET) {
                            Ok(()) => {}
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    if tx.send(()).is_err() {
                        return;
                    }
                    wake();
                }
            })
            .map_err(|e| notify::Error::generic(&e.to_string()))?;
        Ok(Self {
            _watcher: watcher,
            changes,
            dir,
        })
    }

    /// True if the files changed since the last call.
    pub fn changed(&self) -> bool {
        let mut any = false;
        while self.changes.try_recv().is_ok() {
            any = true;
        }
        any
    }

    /// Blocks until the next change; false if the watch ended.
    pub fn wait(&self) -> bool {
        self.changes.recv().is_ok()
    }
}

/// `check --watch`: checks now and again after every change, until interrupted.
pub fn check_forever(path: &Path) -> ExitCode {
    let watch = match FolderWatch::new(path, || {}) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    crate::cli::check(Some(path));
    eprintln!(
        "watching {} for changes (Ctrl+C to stop)",
        watch.dir.display()
    );
    while watch.wait() {
        println!("--");
        crate::cli::check(Some(path));
    }
    ExitCode::SUCCESS
}
