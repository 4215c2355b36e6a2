//! gut-skin-viewer: a native reader for long-form health articles kept as RON files.
//!
//! The core rooms ([`model`], [`load`], [`export`], [`search`]) know nothing of egui; the
//! window lives in [`app`] and [`ui`], the command line in [`cli`].

pub mod app;
pub mod cli;
pub mod dialog;
pub mod export;
pub mod load;
pub mod model;
pub mod search;
pub mod state;
#[doc(hidden)]
pub mod synthetic;
pub mod ui;
pub mod watch;

pub use app::ReaderApp;
