//! gut-skin-viewer: a native reader for long-form health articles kept as RON files.
//!
//! The layers, each importing only those before it:
//! [`article`] (the core, no egui) → [`view`] (the state panels read) → [`ui`] (panels and
//! keys) and [`desktop`] (the desktop edge) → [`app`] (applies actions) and [`cli`] (the
//! command line) → [`window`] (the eframe run). Without the `gui` feature the crate is the core
//! and the command line.

pub mod article;
pub mod cli;

#[cfg(feature = "gui")]
pub mod app;
#[cfg(feature = "gui")]
pub mod desktop;
#[cfg(feature = "gui")]
pub mod ui;
#[cfg(feature = "gui")]
pub mod view;
#[cfg(feature = "gui")]
pub mod window;

#[cfg(feature = "gui")]
pub use app::ReaderApp;
