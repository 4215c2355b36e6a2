//! Saving the remembered state as it changes, not only at exit: a change is written once the
//! reader has left things alone for a moment (debounced), atomically, to `state.ron`. The last
//! state is also kept where the signal thread and the lost-display path can write it.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::article::write::WriteError;
use crate::desktop::remembered::Remembered;
use crate::view::{Source, View};

/// How long the state must stay unchanged before it is written.
pub const DEBOUNCE: Duration = Duration::from_millis(700);

/// The latest remembered state and where it goes; shared with the signal thread.
#[derive(Clone)]
pub struct Latest {
    inner: Arc<Mutex<(Remembered, Option<PathBuf>)>>,
}

impl Latest {
    pub fn new(state: Remembered, path: Option<PathBuf>) -> Self {
        Self {
            inner: Arc::new(Mutex::new((state, path))),
        }
    }

    fn set(&self, state: &Remembered) {
        if let Ok(mut g) = self.inner.lock() {
            g.0.clone_from(state);
        }
    }

    /// Writes the latest state now. Quiet when there is nowhere to write (a screenshot run).
    pub fn write(&self) -> Result<(), WriteError> {
        // A thread that failed while holding the lock leaves the state as it last set it.
        let g = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match &g.1 {
            Some(path) => crate::desktop::remembered::write_file(path, &g.0),
            None => Ok(()),
        }
    }
}

/// Watches the app for changes to what is remembered and writes them after [`DEBOUNCE`].
pub struct Saver {
    latest: Latest,
    /// What is on disk.
    saved: Remembered,
    /// What the app showed at the last check, and since when.
    seen: Remembered,
    changed_at: Option<Instant>,
    /// A failed write is reported once, not every time.
    reported: bool,
}

impl Saver {
    pub fn new(latest: Latest, on_disk: Remembered) -> Self {
        Self {
            latest,
            seen: on_disk.clone(),
            saved: on_disk,
            changed_at: None,
            reported: false,
        }
    }

    /// Called once a frame. Returns how long until it wants to be called again, if it does.
    pub fn tick(&mut self, view: &View, now: Instant) -> Option<Duration> {
        // Compare in place first: no copies on the usual frame where nothing changed.
        if !same(view, &self.seen) {
            self.seen = Remembered::of(view);
            self.latest.set(&self.seen);
            self.changed_at = Some(now);
        }
        let since = self.changed_at?;
        let waited = now.saturating_duration_since(since);
        if waited < DEBOUNCE {
            return Some(DEBOUNCE - waited);
        }
        self.changed_at = None;
        if self.seen != self.saved {
            self.flush();
        }
        None
    }

    /// Writes now if the state differs from what is on disk.
    pub fn flush(&mut self) {
        match self.latest.write() {
            Ok(()) => self.saved.clone_from(&self.seen),
            Err(e) if !self.reported => {
                self.reported = true;
                eprintln!("warning: cannot save the reading place: {e}");
            }
            Err(_) => {}
        }
    }

    /// Takes the app's state as final (at exit) and writes it if it changed.
    pub fn finish(&mut self, view: &View) {
        self.seen = Remembered::of(view);
        self.latest.set(&self.seen);
        if self.seen != self.saved {
            self.flush();
        }
    }
}

/// True when `app` shows what `r` remembers, compared without copying anything.
fn same(view: &View, r: &Remembered) -> bool {
    let path = match &view.source {
        Source::Embedded => None,
        Source::Folder(p) => Some(p),
    };
    let section = view
        .article
        .sections
        .get(view.section)
        .map(|s| s.id.as_str());
    path == r.article_path.as_ref()
        && section == r.section.as_deref()
        && view.show_references == r.show_references
        && view.show_guidance == r.show_guidance
        && view.show_notes == r.show_notes
        && view.theme == r.theme
        && view.zoom.to_bits() == r.zoom.to_bits()
        && view.recent == r.recent
        && view.last_export_dir == r.last_export_dir
}
