//! Saving the remembered state as it changes, not only at exit: a change is written once the
//! reader has left things alone for a moment (debounced), atomically, to `state.ron`. The last
//! state is also kept where the signal thread and the lost-display path can write it.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::state::Remembered;
use crate::view::{ReaderApp, Source};

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
    pub fn write(&self) -> Result<(), String> {
        let Ok(g) = self.inner.lock() else {
            return Err("the state is locked by a thread that failed".into());
        };
        match &g.1 {
            Some(path) => crate::state::write_file(path, &g.0),
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
    pub fn tick(&mut self, app: &ReaderApp, now: Instant) -> Option<Duration> {
        // Compare in place first: no copies on the usual frame where nothing changed.
        if !same(app, &self.seen) {
            self.seen = app.remembered();
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
    pub fn finish(&mut self, app: &ReaderApp) {
        self.seen = app.remembered();
        self.latest.set(&self.seen);
        if self.seen != self.saved {
            self.flush();
        }
    }
}

/// True when `app` shows what `r` remembers, compared without copying anything.
fn same(app: &ReaderApp, r: &Remembered) -> bool {
    let path = match &app.source {
        Source::Embedded => None,
        Source::Folder(p) => Some(p),
    };
    let section = app.article.sections.get(app.section).map(|s| s.id.as_str());
    path == r.article_path.as_ref()
        && section == r.section.as_deref()
        && app.show_references == r.show_references
        && app.show_guidance == r.show_guidance
        && app.show_notes == r.show_notes
        && app.theme == r.theme
        && app.zoom.to_bits() == r.zoom.to_bits()
        && app.recent == r.recent
        && app.last_export_dir == r.last_export_dir
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;

    /// The built-in article, a state file in a scratch folder, and a saver for both.
    fn setup() -> (tempfile::TempDir, PathBuf, ReaderApp, Latest, Saver) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.ron");
        let app = ReaderApp::embedded();
        let start = app.remembered();
        let latest = Latest::new(start.clone(), Some(path.clone()));
        let saver = Saver::new(latest.clone(), start);
        (dir, path, app, latest, saver)
    }

    #[test]
    fn a_section_change_is_written_once_the_reader_pauses() {
        let (_dir, path, mut app, _, mut saver) = setup();
        let t0 = Instant::now();
        assert_eq!(saver.tick(&app, t0), None);
        app.apply(Action::GoTo(2));
        assert_eq!(saver.tick(&app, t0), Some(DEBOUNCE));
        assert!(!path.exists(), "written before the pause");
        assert_eq!(saver.tick(&app, t0 + DEBOUNCE), None);
        let on_disk = crate::state::read_file(&path).unwrap().unwrap();
        assert_eq!(on_disk.section, app.remembered().section);
        assert_ne!(on_disk.section, ReaderApp::embedded().remembered().section);
    }

    #[test]
    fn the_latest_state_can_be_written_from_elsewhere_before_the_pause() {
        let (_dir, path, mut app, latest, mut saver) = setup();
        app.apply(Action::ToggleReferences);
        saver.tick(&app, Instant::now());
        latest.write().unwrap();
        let on_disk = crate::state::read_file(&path).unwrap().unwrap();
        assert!(on_disk.show_references);
    }
}
