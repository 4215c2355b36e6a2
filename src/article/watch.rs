//! Watches an article folder for edits to its .ron files, debounced, for live reload in the
//! window and for `check --watch`. The watch outlives the folder: when it is deleted, renamed
//! away or replaced wholesale, the watch says so and picks the folder up again when a folder
//! of that name is back. A watch that cannot work says why; it is never silently dead.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher as _};

use crate::article::load::{self, FILE_NAMES};

/// Edits that arrive within this time of each other count as one change.
pub const QUIET: Duration = Duration::from_millis(150);

/// How often a folder that is gone, or a watch that failed, is looked for again.
pub const RETRY: Duration = Duration::from_millis(250);

/// How often an idle watcher thread looks whether its watch was dropped.
const STOP_CHECK: Duration = Duration::from_millis(500);

/// What the watch has to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The files changed, or the folder came back: load again.
    Edited,
    /// The folder is gone; the watch waits for it to come back.
    Gone,
    /// The watch cannot follow the folder, and why; it keeps trying.
    Failed(String),
}

/// A folder watch that reports one change per burst of edits.
pub struct FolderWatch {
    changes: Receiver<Change>,
    /// Tells the watcher thread to end; it owns the watcher, so nothing else would.
    stop: Arc<AtomicBool>,
    pub dir: PathBuf,
}

/// What the watcher thread sees.
enum Raw {
    /// An event that names one of the article's files, or the folder itself.
    Touched,
    Error(String),
}

impl FolderWatch {
    /// Starts watching `path`'s article folder; `wake` is called after each change is ready.
    /// Fails only when no watch can be made at all (no inotify, or no thread).
    pub fn new(path: &Path, wake: impl Fn() + Send + 'static) -> notify::Result<Self> {
        let dir = load::article_dir(path);
        let dir = if dir.is_absolute() {
            dir
        } else {
            std::env::current_dir().map_or(dir.clone(), |cwd| cwd.join(&dir))
        };
        let (raw_tx, raw_rx) = mpsc::channel::<Raw>();
        let name = dir.file_name().map(ToOwned::to_owned);
        let watched = dir.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let event = match event {
                Ok(e) => e,
                Err(e) => {
                    let _ = raw_tx.send(Raw::Error(describe(&e)));
                    return;
                }
            };
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return;
            }
            let ours = event.need_rescan()
                || event.paths.iter().any(|p| {
                    p == &watched
                        || p.file_name() == name.as_deref()
                        || p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| FILE_NAMES.contains(&n))
                });
            if ours {
                let _ = raw_tx.send(Raw::Touched);
            }
        })?;
        let (tx, changes) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let mut state = Follow {
            watcher,
            dir: dir.clone(),
            armed: None,
            parent_armed: None,
            reported: None,
        };
        // The first arming happens here, so that an edit right after start is not missed.
        if let Armed::News(news) = state.arm() {
            let _ = tx.send(news.clone());
            state.reported = Some(news);
        }
        std::thread::Builder::new()
            .name("article-watch".into())
            .spawn({
                let stop = stop.clone();
                move || state.run(&raw_rx, &tx, &wake, &stop)
            })
            .map_err(|e| notify::Error::generic(&e.to_string()))?;
        Ok(Self { changes, stop, dir })
    }

    /// What happened since the last call, the latest news last; empty if nothing.
    pub fn poll(&self) -> Vec<Change> {
        self.changes.try_iter().collect()
    }

    /// Blocks until the next change; None if the watch ended.
    pub fn wait(&self) -> Option<Change> {
        self.changes.recv().ok()
    }
}

impl Drop for FolderWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// What putting the watch on the folder found.
enum Armed {
    /// The watch is on the folder at the path already.
    Same,
    /// The folder at the path is another one now, and the watch is on it.
    Moved,
    /// The folder is gone, or cannot be watched.
    News(Change),
}

/// The watcher thread's state: which folder (by inode) the watch is on.
struct Follow {
    watcher: notify::RecommendedWatcher,
    dir: PathBuf,
    /// The folder's (device, inode) the watch was put on, if it is on one.
    armed: Option<(u64, u64)>,
    /// The same for the parent folder.
    parent_armed: Option<(u64, u64)>,
    /// The last news sent, so that the same news is not sent twice in a row.
    reported: Option<Change>,
}

impl Follow {
    /// Puts the watch on the folder now at `dir`, and on its parent (which sees the folder come
    /// and go), unless they are on those already: a folder or parent replaced or moved is
    /// found by its device and inode.
    fn arm(&mut self) -> Armed {
        use std::os::unix::fs::MetadataExt;
        let id_of = |path: &Path| {
            std::fs::metadata(path)
                .ok()
                .filter(std::fs::Metadata::is_dir)
                .map(|m| (m.dev(), m.ino()))
        };
        if let Some(parent) = self.dir.parent() {
            let now = id_of(parent);
            if now.is_some() && now != self.parent_armed {
                let _ = self.watcher.unwatch(parent);
                let watched = self.watcher.watch(parent, RecursiveMode::NonRecursive);
                self.parent_armed = now.filter(|_| watched.is_ok());
            }
        }
        let Some(id) = id_of(&self.dir) else {
            if self.armed.take().is_some() {
                let _ = self.watcher.unwatch(&self.dir);
            }
            return Armed::News(Change::Gone);
        };
        if self.armed == Some(id) {
            return Armed::Same;
        }
        let _ = self.watcher.unwatch(&self.dir);
        match self.watcher.watch(&self.dir, RecursiveMode::NonRecursive) {
            Ok(()) => {
                self.armed = Some(id);
                Armed::Moved
            }
            Err(e) if matches!(e.kind, notify::ErrorKind::PathNotFound) => {
                self.armed = None;
                Armed::News(Change::Gone)
            }
            Err(e) => {
                self.armed = None;
                Armed::News(Change::Failed(format!(
                    "cannot watch {}: {}",
                    self.dir.display(),
                    describe(&e)
                )))
            }
        }
    }

    fn run(
        &mut self,
        raw: &Receiver<Raw>,
        tx: &Sender<Change>,
        wake: &dyn Fn(),
        stop: &AtomicBool,
    ) {
        // Whether the folder was missing or unwatched when last looked at.
        let mut lost = self.armed.is_none();
        loop {
            let first = raw.recv_timeout(if lost { RETRY } else { STOP_CHECK });
            if stop.load(Ordering::Relaxed) {
                return;
            }
            let mut error = None;
            let touched = match first {
                Ok(Raw::Touched) => true,
                Ok(Raw::Error(e)) => {
                    error = Some(e);
                    false
                }
                // Quiet: still, a folder above may have been moved or replaced, which no event
                // of the watched folders tells.
                Err(RecvTimeoutError::Timeout) if !lost => match self.arm() {
                    Armed::Same => continue,
                    Armed::Moved => true,
                    Armed::News(_) => false,
                },
                Err(RecvTimeoutError::Timeout) => false,
                Err(RecvTimeoutError::Disconnected) => return,
            };
            // Wait for the burst to end: editors write, rename and touch in turn.
            let started = Instant::now();
            loop {
                match raw.recv_timeout(QUIET) {
                    Ok(Raw::Touched) => {}
                    Ok(Raw::Error(e)) => error = Some(e),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                // A folder that never stops changing still gets reloaded now and then.
                if started.elapsed() > QUIET * 10 {
                    break;
                }
            }
            let news = match (self.arm(), error) {
                (Armed::News(news), _) => news,
                (_, Some(e)) => Change::Failed(e),
                (Armed::Moved, None) => Change::Edited,
                (Armed::Same, None) if lost || touched => Change::Edited,
                (Armed::Same, None) => continue,
            };
            lost = !matches!(news, Change::Edited);
            if news != Change::Edited && self.reported.as_ref() == Some(&news) {
                continue;
            }
            self.reported = Some(news.clone());
            if tx.send(news).is_err() {
                return;
            }
            wake();
        }
    }
}

/// A watch error in plain words, without notify's list of paths.
fn describe(e: &notify::Error) -> String {
    match &e.kind {
        notify::ErrorKind::Io(io) => io.to_string(),
        notify::ErrorKind::MaxFilesWatch => {
            "the system's limit of watched files is reached (fs.inotify.max_user_watches)".into()
        }
        notify::ErrorKind::PathNotFound => "no such folder".into(),
        notify::ErrorKind::Generic(text) => text.clone(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The watcher threads of dropped watches end, and their inotify instances with them.
    #[test]
    fn dropping_a_watch_ends_its_thread() {
        let dir = tempfile::tempdir().unwrap();
        let threads = || {
            std::fs::read_dir("/proc/self/task")
                .map(|d| d.count())
                .unwrap_or(0)
        };
        let before = threads();
        for _ in 0..5 {
            let watch = FolderWatch::new(dir.path(), || {});
            assert!(watch.is_ok());
        }
        std::thread::sleep(STOP_CHECK * 3);
        // Other tests run alongside this one: allow for their threads, not for five of ours.
        assert!(
            threads() < before + 5,
            "{} threads, {before} before",
            threads()
        );
    }
}
