//! The core: an article's model and short-form text, loading and validating it, identifiers,
//! search, export, import, the reader's notes, the new-article template, the folder watch, the
//! writing systems of its text and the one careful file write. It builds without the `gui`
//! feature and knows no egui, no windows and no threads of the app.

pub mod export;
pub mod ident;
pub mod import;
pub mod load;
pub mod markup;
pub mod model;
pub mod notes;
pub mod search;
#[doc(hidden)]
pub mod synthetic;
pub mod template;
pub mod watch;
pub mod write;
pub mod writing;
