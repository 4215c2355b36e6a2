//! The desktop edge of the window: the system colour scheme from the settings portal, the
//! signals a session sends at logout, the remembered-state file with its debounced saver, the
//! sanitizer for eframe's own stored settings, and the choice of display.
//!
//! Nothing here draws; `window.rs` wires these into the eframe run.

pub mod display;
pub mod placement;
pub mod portal;
pub mod saver;
pub mod signals;
pub mod stored;

use std::path::PathBuf;

/// The folder the reader keeps its files in: `$XDG_DATA_HOME/gut-skin-viewer`, as eframe
/// would choose it for this app id.
pub fn data_dir() -> Option<PathBuf> {
    eframe::storage_dir(APP_ID)
}

/// The app id: the Wayland app id, the X11 class, and the name of the desktop entry.
pub const APP_ID: &str = "gut-skin-viewer";

/// eframe's own store (window geometry and egui memory) inside [`data_dir`].
pub const EFRAME_FILE: &str = "app.ron";
