//! gut-skin-viewer: a native reader for long-form health articles kept as RON files.
//!
//! The core rooms ([`model`], [`load`], [`export`], [`search`]) know nothing of egui; the
//! window lives in [`app`] and [`ui`], the command line in [`cli`].

#[cfg(feature = "gui")]
pub mod action;
#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
#[cfg(feature = "gui")]
pub mod desktop;
#[cfg(feature = "gui")]
pub mod dialog;
pub mod docs;
pub mod export;
pub mod ident;
pub mod import;
#[cfg(feature = "gui")]
pub mod input;
pub mod load;
pub mod markup;
pub mod model;
pub mod notes;
pub mod scripts;
pub mod search;
#[cfg(feature = "gui")]
pub mod state;
#[doc(hidden)]
pub mod synthetic;
pub mod template;
#[cfg(feature = "gui")]
pub mod ui;
#[cfg(feature = "gui")]
pub mod view;
pub mod watch;
#[cfg(feature = "gui")]
pub mod window;

#[cfg(feature = "gui")]
pub use app::ReaderApp;
