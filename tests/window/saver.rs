//! The remembered state is saved as it changes: once the reader pauses, and from elsewhere
//! (the signal thread) before that.

use std::path::PathBuf;
use std::time::Instant;

use gut_skin_viewer::ReaderApp;
use gut_skin_viewer::desktop::saver::{DEBOUNCE, Latest, Saver};
use gut_skin_viewer::view::action::Action;

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
    assert_eq!(saver.tick(&app.view, t0), None);
    app.apply(Action::GoTo(2));
    assert_eq!(saver.tick(&app.view, t0), Some(DEBOUNCE));
    assert!(!path.exists(), "written before the pause");
    assert_eq!(saver.tick(&app.view, t0 + DEBOUNCE), None);
    let on_disk = gut_skin_viewer::desktop::remembered::read_file(&path)
        .unwrap()
        .unwrap();
    assert_eq!(on_disk.section, app.remembered().section);
    assert_ne!(on_disk.section, ReaderApp::embedded().remembered().section);
}

#[test]
fn the_latest_state_can_be_written_from_elsewhere_before_the_pause() {
    let (_dir, path, mut app, latest, mut saver) = setup();
    app.apply(Action::ToggleReferences);
    saver.tick(&app.view, Instant::now());
    latest.write().unwrap();
    let on_disk = gut_skin_viewer::desktop::remembered::read_file(&path)
        .unwrap()
        .unwrap();
    assert!(on_disk.show_references);
}
