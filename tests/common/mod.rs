//! Helpers shared by the test binaries: the shipped article's folder and copies of it, and
//! (with the window) a headless harness.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use gut_skin_viewer::article::load::FILE_NAMES;

/// A headless window of 1280×820 showing `app`, after its first frames.
#[cfg(feature = "gui")]
pub fn harness(
    app: gut_skin_viewer::ReaderApp,
) -> egui_kittest::Harness<'static, gut_skin_viewer::ReaderApp> {
    use gut_skin_viewer::ReaderApp;
    let mut h = egui_kittest::Harness::builder()
        .with_size([1280.0, 820.0])
        .build_ui_state(|ui, app: &mut ReaderApp| app.show(ui), app);
    h.run();
    h
}

pub fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content/gut-skin-axis")
}

/// Copies the shipped article into the folder `to`.
pub fn copy_article(to: &Path) {
    for name in FILE_NAMES {
        std::fs::copy(content_dir().join(name), to.join(name)).unwrap();
    }
}

/// Copies the shipped article into `to`, with `from` in its title replaced by `title`.
pub fn copy_article_titled(to: &Path, from: &str, title: &str) {
    copy_article(to);
    let article = to.join("article.ron");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replacen(from, title, 1)).unwrap();
}
