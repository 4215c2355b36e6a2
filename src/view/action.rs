//! What the user asked for: the [`Action`]s panels and keys report, and where focus is to
//! go. The app applies them in one place ([`crate::app::ReaderApp::apply`]); panels need only
//! this file, not the app.

use std::path::PathBuf;

use crate::article::export::Scope;
use crate::article::model::CitePlace;
use crate::view::ThemeChoice;

/// What the user asked for; applied once per frame by [`crate::app::ReaderApp::apply`].
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    GoTo(usize),
    /// A citation marker was clicked: focus its reference.
    Cite(u32),
    /// A "Cited in" back-link: go to the citation and flash it.
    BackLink(CitePlace),
    Back,
    Forward,
    ToggleReferences,
    ToggleGuidance,
    /// Scroll the article by this many pages (negative: up).
    ScrollArticle(f32),
    /// Open or close the contents over the article, where the window is too narrow to dock
    /// them.
    ToggleContents,
    /// Close the panel open over the article (Escape).
    CloseOverlay,
    /// Show all of a reference's back-links, or only the first few.
    ToggleBackLinks(u32),
    Theme(ThemeChoice),
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Quit,
    Export(Scope),
    /// Write an export to a path typed into the in-app field.
    ExportTo(Scope, PathBuf),
    CancelExportField,
    CopySection,
    OpenLink(String),
    OpenArticleDialog,
    OpenArticle(PathBuf),
    ShowShortcuts(bool),
    ShowAbout(bool),
    OpenSearch,
    CloseSearch,
    /// Move to the next (+1) or previous (-1) search hit.
    SearchStep(i32),
    SearchGo(usize),
    DismissMessage,
    /// Turn "Match accents" on or off.
    ToggleMatchAccents,
    /// Select text of the article, or clear the selection (None).
    Select(Option<crate::article::notes::Selection>),
    /// Highlight the selection in a colour (None: the last one used); with `note`, open the
    /// new highlight's note for writing.
    Highlight {
        colour: Option<crate::article::notes::Colour>,
        note: bool,
    },
    /// Copy the selection, or with `citation` the selection, where it is from and the
    /// references it cites.
    CopySelection {
        citation: bool,
    },
    /// Show the popup of a clicked highlight (its index in the notes), or close it.
    OpenHighlight(Option<usize>),
    /// Give a highlight another colour.
    Recolour(String, crate::article::notes::Colour),
    /// Open a highlight's note for editing.
    EditNote(String),
    /// Keep the note being edited.
    SaveNote,
    /// Close the note being edited without keeping it.
    CancelNote,
    /// Delete a highlight and its note (Ctrl+Z brings it back).
    DeleteHighlight(String),
    /// Undo the last change to the highlights and notes.
    Undo,
    ToggleNotes,
    /// Go to a highlight from the notes panel (a history entry) and flash it.
    GoToNote(String),
    /// File › Export notes…
    ExportNotes,
    /// Copy a highlight's quote (with its citations' references when `citation`).
    CopyHighlight {
        id: String,
        citation: bool,
    },
    /// Move focus into the open highlight popup (Shift+F10, the Menu key).
    FocusPopup,
    /// The notes panel's filter text.
    NotesFilter(String),
    /// Show or hide one colour's highlights in the notes panel.
    NotesColour(crate::article::notes::Colour),
    /// Move keyboard focus (a key that changes the section from the contents keeps focus on
    /// the contents' new current entry).
    Focus(FocusTo),
}

/// Where keyboard focus is to go on the next frame: a one-frame request the panels honour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FocusTo {
    /// The entry of reference n in the references panel (after following a citation).
    Reference(u32),
    /// The citation followed last (Back, or Escape in the references panel).
    Citation,
    /// The search button (after the search is closed).
    SearchButton,
    /// The current section's heading, where reading starts.
    Body,
    /// The contents entry of section i.
    SectionEntry(usize),
    /// The notes panel's entry of this highlight.
    Note(usize),
    /// A widget that had focus before a dialog took it.
    Widget(egui::Id),
    /// The first thing in a panel just opened in the article's place.
    Panel(crate::view::room::Fold),
}
