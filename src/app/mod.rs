//! The eframe app: owns the article, the view state, history and the file-dialog worker.
//! Panels draw and report [`Action`]s; [`ReaderApp::apply`] is the one place state changes.

use std::path::Path;

mod files;
mod notes;

use std::path::PathBuf;
use std::sync::Arc;

use crate::article::notes::Annotation;
use crate::view::action::{Action, FocusTo};
use crate::view::{
    ExportField, FLASH_SECONDS, MAX_LISTED_HITS, Message, Place, SearchState, Source, View,
};

use crate::article::export::{self, Format, Scope};
use crate::article::load::{self, Loaded};
use crate::article::model::Article;
use crate::article::search;
use crate::article::watch::{Change, FolderWatch};
use crate::desktop::dialog::{FileDialogs, NativeDialogs, Outcome, Request};
use crate::desktop::remembered::Remembered;
use crate::desktop::writer::Writer;
use crate::ui::{self, input};
use crate::view::room::Fold;
use crate::view::{ZOOM_MAX, ZOOM_MIN, ZOOM_STEP};

/// What a dialog in flight was opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pending {
    Export(Scope),
    ExportNotes,
    OpenArticle,
}

/// The window's app: the [`View`] that panels read, and the plumbing no panel reads (the file
/// dialogs, the folder watch, the notes file and its undo history, the fonts). Its methods,
/// here and in the files beside it, are the one place the view changes.
pub struct ReaderApp {
    pub view: View,
    /// The folder notes files are kept in; none keeps notes for this run only.
    pub(crate) notes_dir: Option<PathBuf>,
    /// The notes file of the open article.
    pub(crate) notes_file: Option<PathBuf>,
    /// Earlier states of the notes, for Ctrl+Z.
    pub(crate) undo: Vec<Arc<Vec<Annotation>>>,
    /// Writes the notes file off the UI thread.
    pub(crate) notes_writer: Writer,
    /// A notes write failed and has not yet succeeded again.
    pub(crate) notes_failing: bool,
    /// Whether the article shown has been checked for characters the built-in fonts lack.
    pub(crate) fonts_checked: bool,
    /// Whether system fonts are being looked in for such characters.
    pub(crate) system_fonts: bool,
    /// Whether the shown article has been checked for characters no font covers.
    pub(crate) fonts_reported: bool,
    pub(crate) dialogs: Box<dyn FileDialogs>,
    pub(crate) pending: Option<Pending>,
    pub(crate) watch: Option<FolderWatch>,
    /// The folder a watch was last started for, so that a failed start is not retried each frame.
    pub(crate) watched: Option<PathBuf>,
    /// The title last sent to the window.
    pub(crate) window_title: String,
    pub(crate) ctx: Option<egui::Context>,
}

impl ReaderApp {
    /// An app showing `loaded`, with remembered view state applied.
    pub fn new(loaded: Loaded, source: Source, remembered: &Remembered) -> Self {
        let index = search::Index::new(&loaded.article);
        let restored = remembered
            .section
            .as_deref()
            .and_then(|id| loaded.article.section_index(id));
        let section = restored.unwrap_or(0);
        let texts = crate::article::notes::Texts::new(&loaded.article);
        Self {
            view: View {
                notes: Arc::default(),
                placed: Vec::new(),
                texts,
                selection: None,
                caret: None,
                last_colour: crate::article::notes::Colour::Yellow,
                active_highlight: None,
                note_editor: None,
                show_notes: remembered.show_notes,
                notes_filter: String::new(),
                notes_colours: [true; 4],
                note_flash: None,
                focus_popup: false,
                dialog_open: false,
                scroll_note: false,
                citations: loaded.article.citation_index(),
                article: loaded.article,
                source,
                warnings: loaded.warnings,
                section,
                show_references: remembered.show_references,
                show_guidance: remembered.show_guidance,
                room: crate::view::room::room(f32::INFINITY, f32::INFINITY, true),
                overlay: None,
                theme: remembered.theme,
                zoom: remembered.zoom,
                recent: remembered.recent.clone(),
                last_export_dir: remembered.last_export_dir.clone(),
                back: Vec::new(),
                forward: Vec::new(),
                focused_reference: None,
                expanded_back_links: Default::default(),
                scroll_reference: false,
                flash: None,
                // Reopening where the reader left off keeps the body's remembered scroll position
                // (egui keeps it with the window's state); anything else starts at the top.
                scroll_body_top: restored.is_none(),
                scroll_pages: None,
                keep_focus_in_view: false,
                scroll_to: None,
                scroll_to_flash: false,
                scroll_sidebar: true,
                message: None,
                load_errors: Vec::new(),
                reload_note: None,
                export_field: None,
                search: SearchState::default(),
                index,
                show_shortcuts: false,
                show_about: false,
                opened_links: Vec::new(),
                quit_requested: false,
                // Reading starts at the section's heading, for a keyboard or screen-reader user too.
                focus: Some(FocusTo::Body),
            },
            notes_dir: None,
            notes_file: None,
            undo: Vec::new(),
            notes_writer: Writer::start("notes-writer"),
            notes_failing: false,
            fonts_checked: false,
            system_fonts: false,
            fonts_reported: false,
            dialogs: Box::new(NativeDialogs::default()),
            pending: None,
            watch: None,
            watched: None,
            window_title: String::new(),
            ctx: None,
        }
    }

    /// The built-in article with default view state: what tests start from.
    pub fn embedded() -> Self {
        match load::load_embedded() {
            Ok(loaded) => Self::new(loaded, Source::Embedded, &Remembered::default()),
            Err(e) => Self::new(
                Loaded {
                    article: Article::default(),
                    warnings: Vec::new(),
                },
                Source::Embedded,
                &Remembered::default(),
            )
            .with_load_errors(&e),
        }
    }

    fn with_load_errors(mut self, e: &load::LoadError) -> Self {
        self.view.load_errors = e.errors().map(ToString::to_string).collect();
        self
    }

    /// Replaces the file dialogs (tests script them).
    pub fn with_dialogs(mut self, dialogs: Box<dyn FileDialogs>) -> Self {
        self.dialogs = dialogs;
        self
    }

    /// The view state to remember.
    pub fn remembered(&self) -> Remembered {
        Remembered::of(&self.view)
    }

    /// If the article has characters egui's built-in fonts lack (Chinese, Arabic, Devanagari,
    /// emoji…), installs egui's system-font provider, which finds fonts for them among the
    /// system's. Once per article; an article the built-in fonts cover pays nothing more
    /// (0.15 ms for the shipped one's check).
    fn ensure_fonts(&mut self, ctx: &egui::Context) {
        if self.system_fonts && !self.fonts_reported {
            // The frame after the system's fonts were added: say once what none of them covers.
            self.fonts_reported = true;
            let missing = self.uncovered_scripts(ctx);
            if !missing.is_empty() {
                let names: Vec<&str> = missing.iter().map(|u| u.script.as_str()).collect();
                self.info(format!(
                    "No installed font covers {}: those characters show as boxes",
                    names.join(", ")
                ));
            }
        }
        if self.fonts_checked || self.system_fonts {
            return;
        }
        self.fonts_checked = true;
        if !self.uncovered_scripts(ctx).is_empty() {
            ctx.add_font_provider(std::sync::Arc::new(
                egui_system_font_provider::SystemFontProvider::new(),
            ));
            self.system_fonts = true;
        }
    }

    /// The scripts of the article's title and texts that the fonts installed so far lack.
    fn uncovered_scripts(&self, ctx: &egui::Context) -> Vec<crate::article::writing::Uncovered> {
        let font = egui::FontId::proportional(15.0);
        let texts: Vec<&str> = std::iter::once(self.view.article.title.as_str())
            .chain(self.view.index.texts())
            .collect();
        ctx.fonts_mut(|f| crate::article::writing::uncovered(&texts, |c| f.has_glyph(&font, c)))
    }

    /// A citation marker was clicked: focus its reference.
    fn cite(&mut self, n: u32) {
        let to = Place {
            section: self.view.section,
            reference: Some(n),
        };
        if self.view.place() == to {
            // Clicking the same marker again still brings the entry into view.
            self.view.reveal(Fold::References);
            self.view.scroll_reference = true;
        }
        self.jump(to);
        self.view.focus = Some(FocusTo::Reference(n));
    }

    fn jump(&mut self, to: Place) {
        let here = self.view.place();
        if here == to {
            return;
        }
        self.view.back.push(here);
        self.view.forward.clear();
        self.set_place(to);
    }

    fn set_place(&mut self, to: Place) {
        if to.section != self.view.section {
            self.view.scroll_body_top = true;
            self.view.scroll_sidebar = true;
            self.view.selection = None;
            self.view.caret = None;
            self.view.active_highlight = None;
        }
        self.view.section = to
            .section
            .min(self.view.article.sections.len().saturating_sub(1));
        self.view.focused_reference = to.reference;
        if to.reference.is_some() {
            self.view.reveal(Fold::References);
            self.view.scroll_reference = true;
        }
    }

    /// The toolbar toggle of a panel: docked where there is room, else over the article.
    fn toggle(&mut self, panel: Fold) {
        if self.view.room.folded(panel) {
            if self.view.overlay == Some(panel) {
                self.view.overlay = None;
                self.view.focus = Some(FocusTo::Body);
            } else {
                self.view.overlay = Some(panel);
                self.view.focus = Some(FocusTo::Panel(panel));
            }
            return;
        }
        match panel {
            Fold::References => self.view.show_references = !self.view.show_references,
            // The guidance and notes panels share the right-hand side: one shows at a time.
            Fold::Guidance => {
                self.view.show_guidance = !self.view.show_guidance || self.view.show_notes;
                self.view.show_notes = false;
            }
            Fold::Notes => {
                self.view.show_notes = !self.view.show_notes;
                if self.view.show_notes {
                    self.view.focus = Some(FocusTo::Panel(Fold::Notes));
                }
            }
            Fold::Contents => {}
        }
    }

    fn now(&self) -> f64 {
        self.ctx.as_ref().map_or(0.0, |c| c.input(|i| i.time))
    }

    fn info(&mut self, text: impl Into<String>) {
        self.view.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.view.message = Some(Message {
            text: text.into(),
            is_error: true,
        });
    }

    /// Applies one action. The only place view state changes.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::GoTo(i) if i < self.view.article.sections.len() => {
                // A panel in the article's place (the contents, or the guidance's "Read in
                // article") closes once a section is chosen, and reading starts at its heading.
                if self.view.overlay.take().is_some() {
                    self.view.focus = Some(FocusTo::Body);
                }
                self.jump(Place {
                    section: i,
                    reference: None,
                });
            }
            Action::GoTo(_) => {}
            Action::Cite(n) => self.cite(n),
            Action::BackLink(place) => {
                self.jump(Place {
                    section: place.section,
                    reference: Some(place.number),
                });
                self.view.flash = Some((place, self.now()));
                self.view.scroll_to_flash = true;
                // In the article's place, the references would hide the citation.
                if self.view.overlay.take().is_some() {
                    self.view.focus = Some(FocusTo::Body);
                }
            }
            Action::Back => {
                if let Some(to) = self.view.back.pop() {
                    let from = self.view.place();
                    self.view.forward.push(from);
                    self.set_place(to);
                    if to.reference.is_none() && self.view.overlay == Some(Fold::References) {
                        self.view.overlay = None;
                    }
                    // Back from a followed citation's reference: focus goes back to the citation.
                    if from.reference.is_some() && to.reference != from.reference {
                        self.view.focus = Some(FocusTo::Citation);
                    }
                }
            }
            Action::Forward => {
                if let Some(to) = self.view.forward.pop() {
                    self.view.back.push(self.view.place());
                    self.set_place(to);
                }
            }
            Action::ToggleReferences => self.toggle(Fold::References),
            Action::ToggleGuidance => self.toggle(Fold::Guidance),
            Action::ToggleContents => self.toggle(Fold::Contents),
            Action::ScrollArticle(pages) => {
                self.view.scroll_pages = Some(self.view.scroll_pages.unwrap_or(0.0) + pages);
            }
            Action::CloseOverlay => {
                self.view.overlay = None;
                // The panel had focus: reading goes on in the article.
                self.view.focus.get_or_insert(FocusTo::Body);
            }
            Action::ToggleBackLinks(n) => {
                if !self.view.expanded_back_links.remove(&n) {
                    self.view.expanded_back_links.insert(n);
                }
            }
            Action::Theme(t) => self.view.theme = t,
            Action::ZoomIn | Action::ZoomOut | Action::ZoomReset => {
                self.view.zoom = match action {
                    Action::ZoomIn => (self.view.zoom + ZOOM_STEP).min(ZOOM_MAX),
                    Action::ZoomOut => (self.view.zoom - ZOOM_STEP).max(ZOOM_MIN),
                    _ => 1.0,
                };
                // The reading place moves as the text grows or shrinks: keep focus in view.
                self.view.keep_focus_in_view = true;
            }
            Action::Quit => self.view.quit_requested = true,
            Action::Export(scope) => self.start_export(scope),
            Action::ExportTo(_, path)
                if self.view.export_field.as_ref().is_some_and(|f| f.notes) =>
            {
                self.export_notes_to(&path);
            }
            Action::ExportTo(scope, path) => self.export_to(scope, &path),
            Action::CancelExportField => self.view.export_field = None,
            Action::CopySection => {
                let text = export::render(
                    &self.view.article,
                    Scope::Section(self.view.section),
                    Format::Txt,
                    export::DEFAULT_WIDTH,
                );
                if let Some(ctx) = &self.ctx {
                    ctx.copy_text(text);
                }
                self.info("Copied the section as text.");
            }
            Action::OpenLink(url) => self.open_link(&url),
            Action::OpenArticleDialog => {
                let dir = match &self.view.source {
                    Source::Folder(p) => p.parent().map(Path::to_path_buf),
                    Source::Embedded => None,
                };
                self.start_dialog(Pending::OpenArticle, Request::OpenFolder { dir });
            }
            Action::OpenArticle(path) => self.open_article(&path),
            Action::ShowShortcuts(b) => self.view.show_shortcuts = b,
            Action::ShowAbout(b) => self.view.show_about = b,
            Action::OpenSearch => {
                self.view.search.open = true;
                self.view.search.focus_field = true;
            }
            Action::CloseSearch => {
                self.view.search.open = false;
                self.view.search.current = None;
                self.view.focus = Some(FocusTo::SearchButton);
            }
            Action::Focus(to) => self.view.focus = Some(to),
            Action::ToggleMatchAccents => {
                self.view.search.accents = match self.view.search.accents {
                    search::Accents::Ignored => search::Accents::Matched,
                    search::Accents::Matched => search::Accents::Ignored,
                };
                self.refresh_search();
            }
            Action::SearchStep(step) => self.search_step(step),
            Action::SearchGo(i) => self.search_go(i),
            Action::Select(_)
            | Action::Highlight { .. }
            | Action::CopySelection { .. }
            | Action::OpenHighlight(_)
            | Action::Recolour(..)
            | Action::EditNote(_)
            | Action::SaveNote
            | Action::CancelNote
            | Action::DeleteHighlight(_)
            | Action::Undo
            | Action::GoToNote(_)
            | Action::ExportNotes
            | Action::CopyHighlight { .. }
            | Action::FocusPopup => self.apply_note(action),
            Action::ToggleNotes => self.toggle(Fold::Notes),
            Action::NotesFilter(text) => self.view.notes_filter = text,
            Action::NotesColour(c) => {
                if let Some(k) = crate::article::notes::Colour::ALL
                    .iter()
                    .position(|x| *x == c)
                {
                    self.view.notes_colours[k] = !self.view.notes_colours[k];
                }
            }
            Action::DismissMessage => {
                self.view.message = None;
                self.view.load_errors.clear();
            }
        }
    }

    /// Opens an http(s) link in the system browser; anything else is refused.
    fn open_link(&mut self, url: &str) {
        if !crate::article::ident::is_web_url(url) {
            self.error(format!(
                "Refused to open a link that is not http or https: {url}"
            ));
            return;
        }
        if let Some(ctx) = &self.ctx {
            ctx.open_url(egui::OpenUrl::new_tab(url));
        }
        self.view.opened_links.push(url.to_owned());
    }

    /// Recomputes hits when the query changed.
    pub fn refresh_search(&mut self) {
        if self.view.search.query != self.view.search.searched
            || self.view.search.accents != self.view.search.searched_accents
        {
            self.view.search.hits = self
                .view
                .index
                .search_with(&self.view.search.query, self.view.search.accents);
            self.view.search.searched_accents = self.view.search.accents;
            self.view.search.snippets = self
                .view
                .search
                .hits
                .iter()
                .take(MAX_LISTED_HITS)
                .map(|h| self.view.index.snippet(h))
                .collect();
            self.view.search.searched = self.view.search.query.clone();
            self.view.search.current = None;
            self.refresh_note_hits();
        }
    }

    fn search_step(&mut self, step: i32) {
        self.refresh_search();
        let n = self.view.search.hits.len();
        if n == 0 {
            return;
        }
        let next = match self.view.search.current {
            None if step >= 0 => 0,
            None => n - 1,
            Some(i) => (i as i64 + i64::from(step)).rem_euclid(n as i64) as usize,
        };
        self.search_go(next);
    }

    fn search_go(&mut self, i: usize) {
        let Some(hit) = self.view.search.hits.get(i) else {
            return;
        };
        self.view.search.current = Some(i);
        self.view.scroll_to = Some(hit.location);
        match hit.location {
            search::Location::Reference(n) => self.jump(Place {
                section: self.view.section,
                reference: Some(n),
            }),
            search::Location::Guidance => self.view.reveal(Fold::Guidance),
            loc => {
                if let Some(section) = loc.section() {
                    self.jump(Place {
                        section,
                        reference: None,
                    });
                }
            }
        }
    }

    /// Draws the whole window and applies what the user asked for. Called by `App::ui` and
    /// by the headless tests.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.ctx.is_none() {
            ui::install_fonts_and_style(&ctx);
            self.ctx = Some(ctx.clone());
        }
        ctx.set_theme(self.view.theme.preference());
        if (ctx.zoom_factor() - self.view.zoom).abs() > f32::EPSILON {
            ctx.set_zoom_factor(self.view.zoom);
        }
        self.ensure_watch(&ctx);
        self.follow_watch();
        self.ensure_fonts(&ctx);
        self.poll_dialog();
        self.poll_notes_writer();
        self.view.dialog_open = self.pending.is_some();
        self.refresh_search();

        let mut actions = input::global_keys(&self.view, &ctx);
        actions.extend(input::note_keys(&self.view, &ctx));
        actions.extend(input::reading_keys(&self.view, &ctx));
        actions.extend(ui::draw(ui, &mut self.view));
        for action in actions {
            self.apply(action);
        }
        if self.view.quit_requested {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if self.view.article.title != self.window_title {
            self.window_title = self.view.article.title.clone();
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.window_title.clone()));
        }
        if let Some((_, started)) = &self.view.note_flash {
            let left = FLASH_SECONDS - (self.now() - started);
            if left <= 0.0 {
                self.view.note_flash = None;
            } else {
                ctx.request_repaint();
            }
        }
        if let Some((_, started)) = self.view.flash {
            let left = FLASH_SECONDS - (self.now() - started);
            if left <= 0.0 {
                self.view.flash = None;
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(left.min(0.1)));
            }
        }
    }
}
