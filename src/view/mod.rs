//! The reader's state that panels read: the article shown, where the reader is, what is open,
//! selected and highlighted; the [`action::Action`]s panels report, and the room rules. The
//! panels read [`View`] ([`crate::ui`]); only the app changes it. It imports only the core.

pub mod action;
pub mod room;

use std::path::PathBuf;

use crate::article::export::Scope;
use crate::article::load;
use crate::article::model::{Article, CitePlace};
use crate::article::notes::Colour;
use crate::article::search;
use action::FocusTo;
use room::{Fold, Room};

/// Where the open article came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Embedded,
    Folder(PathBuf),
}

/// A spot in the reading history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub section: usize,
    /// The reference focused in the references panel, if any.
    pub reference: Option<u32>,
}

/// A message shown in the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

/// The in-app "save as" field shown when no native dialog is available.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportField {
    pub scope: Scope,
    /// The notes are exported, not the article.
    pub notes: bool,
    pub path: String,
}

/// The search bar's state.
#[derive(Default)]
pub struct SearchState {
    pub open: bool,
    pub query: String,
    /// The query `hits` were computed for.
    pub searched: String,
    pub hits: Vec<search::Hit>,
    /// Snippets of the first hits, the ones the results list shows.
    pub snippets: Vec<search::Snippet>,
    pub current: Option<usize>,
    pub focus_field: bool,
    /// Whether accents must match ("Match accents"); ignored by default, as in browsers.
    pub accents: search::Accents,
    /// The accent setting `hits` were computed with.
    pub searched_accents: search::Accents,
    /// The highlights whose quote or note matches the query (indices into the notes), in
    /// reading order.
    pub note_hits: Vec<usize>,
}

/// What the panels read. The app owns it and is the only one to change it.
pub struct View {
    pub article: Article,
    /// Where each reference is cited; derived from `article`.
    pub citations: std::collections::HashMap<u32, Vec<CitePlace>>,
    pub source: Source,
    pub warnings: Vec<load::Problem>,
    pub section: usize,
    pub show_references: bool,
    pub show_guidance: bool,
    /// What the window has room for, decided at the start of each frame.
    pub room: Room,
    /// The folded panel opened over the article, if one is.
    pub overlay: Option<Fold>,
    pub theme: ThemeChoice,
    pub zoom: f32,
    pub recent: Vec<PathBuf>,
    pub last_export_dir: Option<PathBuf>,
    pub back: Vec<Place>,
    pub forward: Vec<Place>,
    /// The reference highlighted in the references panel.
    pub focused_reference: Option<u32>,
    /// References whose every back-link is listed.
    pub expanded_back_links: std::collections::HashSet<u32>,
    /// Scroll the references panel to the focused reference on the next frame.
    pub scroll_reference: bool,
    /// The citation flashed after a back-link, and when the flash started.
    pub flash: Option<(CitePlace, f64)>,
    pub scroll_body_top: bool,
    /// Pages to scroll the article by on the next frame.
    pub scroll_pages: Option<f32>,
    /// Bring the focused widget back into view on the next frame (after a zoom).
    pub keep_focus_in_view: bool,
    /// A search hit for the body to bring into view on the next frame.
    pub scroll_to: Option<search::Location>,
    /// Bring the flashed citation into view on the next frame.
    pub scroll_to_flash: bool,
    pub scroll_sidebar: bool,
    pub message: Option<Message>,
    /// Errors of a reload or an open that failed; the last good article stays shown.
    pub load_errors: Vec<String>,
    /// Why live reload is not following the article's files right now, if it is not.
    pub reload_note: Option<String>,
    pub export_field: Option<ExportField>,
    pub search: SearchState,
    pub index: search::Index,
    pub show_shortcuts: bool,
    pub show_about: bool,
    /// Every link handed to the system browser, for the record (and tests).
    pub opened_links: Vec<String>,
    pub quit_requested: bool,
    /// Where keyboard focus goes on the next frame, if it is to move.
    pub focus: Option<FocusTo>,
    /// The reader's highlights and notes of this article, as stored.
    pub notes: std::sync::Arc<Vec<crate::article::notes::Annotation>>,
    /// Where each of `notes` stands in the article now.
    pub placed: Vec<crate::article::notes::Placed>,
    /// The text of each section (and the lede) that highlights are anchored in.
    pub texts: crate::article::notes::Texts,
    /// Text selected in the article.
    pub selection: Option<crate::article::notes::Selection>,
    /// Where the last selection ended, and what had focus then: the next Shift+arrow starts
    /// a selection there while focus stays put.
    pub caret: Option<(crate::article::notes::Unit, usize, Option<egui::Id>)>,
    /// The colour Ctrl+H highlights in: the last one chosen.
    pub last_colour: crate::article::notes::Colour,
    /// The highlight whose popup is open (it was clicked), by id.
    pub active_highlight: Option<String>,
    /// The note being written or edited.
    pub note_editor: Option<NoteEditor>,
    pub show_notes: bool,
    /// The notes panel's filter: text, and the colours shown.
    pub notes_filter: String,
    pub notes_colours: [bool; 4],
    /// The highlight flashed after "go to" from the notes panel, and when it started.
    pub note_flash: Option<(String, f64)>,
    /// Give focus to the highlight popup on the next frame.
    pub focus_popup: bool,
    /// A file dialog is open: its menu items are greyed.
    pub dialog_open: bool,
    /// Bring the flashed highlight into view on the next frame.
    pub scroll_note: bool,
}

impl View {
    pub fn place(&self) -> Place {
        Place {
            section: self.section,
            reference: self.focused_reference,
        }
    }

    /// Takes what the window has room for this frame. A panel open over the article docks
    /// again once there is room for it.
    pub fn set_room(&mut self, room: Room) {
        self.room = room;
        if let Some(panel) = self.overlay
            && !room.folded(panel)
        {
            self.overlay = None;
            self.reveal(panel);
        }
    }

    /// Shows a panel: docked where there is room, else over the article.
    pub fn reveal(&mut self, panel: Fold) {
        if self.room.folded(panel) {
            self.overlay = Some(panel);
            return;
        }
        match panel {
            Fold::References => self.show_references = true,
            Fold::Guidance => {
                self.show_guidance = true;
                self.show_notes = false;
            }
            Fold::Notes => self.show_notes = true,
            Fold::Contents => {}
        }
    }

    /// True while the citation at `place` should be highlighted.
    pub fn is_flashing(&self, place: CitePlace) -> bool {
        self.flash.is_some_and(|(p, _)| p == place)
    }
}

/// A note open for writing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteEditor {
    /// The highlight's id.
    pub id: String,
    /// Its quote, shown above the note.
    pub quote: String,
    pub text: String,
    pub colour: Colour,
    /// Give the text field focus on the next frame.
    pub focus: bool,
    /// Opened for a highlight made with it (Add note, Ctrl+Shift+H): Cancel takes both back.
    pub new: bool,
    /// What had focus before, which gets it back when the editor closes.
    pub return_focus: Option<egui::Id>,
}

/// Light, dark, or whatever the system prefers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    Light,
    Dark,
    #[default]
    System,
}

impl ThemeChoice {
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
            ThemeChoice::System => egui::ThemePreference::System,
        }
    }
}

/// Zoom limits and step.
pub const ZOOM_MIN: f32 = 0.6;
pub const ZOOM_MAX: f32 = 2.5;
pub const ZOOM_STEP: f32 = 0.1;

/// The results list shows at most this many hits; the count above it is exact.
pub const MAX_LISTED_HITS: usize = 300;

/// How long a back-link's target citation stays highlighted.
pub const FLASH_SECONDS: f64 = 2.0;
