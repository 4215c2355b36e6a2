//! The desktop edge of the window: the system colour scheme from the settings portal, the
//! signals a session sends at logout, the remembered-state file with its debounced saver, the
//! sanitizer for eframe's own stored settings, and the choice of display.
//!
//! Nothing here draws; `window.rs` wires these into the eframe run.

pub mod dialog;
pub mod display;
pub mod fonts;
pub mod placement;
pub mod portal;
pub mod remembered;
pub mod saver;
pub mod signals;
pub mod stored;
pub mod writer;

use std::path::PathBuf;

/// The folder the reader keeps its files in: `$XDG_DATA_HOME/gut-skin-viewer`, where eframe
/// kept it before the app had a reverse-DNS id.
pub fn data_dir() -> Option<PathBuf> {
    eframe::storage_dir(DATA_NAME)
}

/// The name of the data folder.
pub const DATA_NAME: &str = "gut-skin-viewer";

/// The app id: the Wayland app id and the X11 class, which the desktop uses to match the window
/// with its launcher entry (`assets/APP_ID.desktop`) and AppStream data.
pub const APP_ID: &str = "io.github.gut_skin_viewer.GutSkinViewer";

/// eframe's own store (window geometry and egui memory) inside [`data_dir`].
pub const EFRAME_FILE: &str = "app.ron";
