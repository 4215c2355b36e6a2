//! The window, headless (egui_kittest): a reader's stories, the accessibility tree, layout at
//! every size, search and live reload, highlights and notes, exports through the dialog, the
//! saved state, and a 5 MB article. One binary, so that the egui stack links once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../common/mod.rs"]
mod common;

mod accessibility;
mod export_dialog;
mod layout;
mod library;
mod notes_window;
mod saver;
mod size;
mod stories;
