//! The eframe app: owns the article, the view state, history and the file-dialog worker.
//! Panels draw and report [`Action`]s; [`ReaderApp::apply`] is the one place state changes.

use std::path::Path;

mod files;
mod notes;

use crate::view::Pending;
pub use crate::view::{ExportField, Message, NoteEditor, Place, ReaderApp, SearchState, Source};
pub use crate::view::{FLASH_SECONDS, MAX_LISTED_HITS};

pub use crate::action::{Action, FocusTo};

use crate::dialog::{FileDialogs, NativeDialogs, Outcome, Request};
use crate::export::{self, Format, Scope};
use crate::load::{self, Loaded};
use crate::model::{Article, CitePlace};
use crate::search;
use crate::state::{Remembered, ZOOM_MAX, ZOOM_MIN, ZOOM_STEP};
use crate::view::Fold;
use crate::watch::{Change, FolderWatch};
use crate::{input, ui};

impl ReaderApp {
    /// An app showing `loaded`, with remembered view state applied.
    pub fn new(loaded: Loaded, source: Source, remembered: &Remembered) -> Self {
        let index = search::Index::new(&loaded.article);
        let restored = remembered
            .section
            .as_deref()
            .and_then(|id| loaded.article.section_index(id));
        let section = restored.unwrap_or(0);
        let texts = crate::notes::Texts::new(&loaded.article);
        Self {
            notes: Vec::new(),
            placed: Vec::new(),
            texts,
            notes_dir: None,
            notes_file: None,
            selection: None,
            caret: None,
            last_colour: crate::notes::Colour::Yellow,
            active_highlight: None,
            note_editor: None,
            show_notes: remembered.show_notes,
            notes_filter: String::new(),
            notes_colours: [true; 4],
            note_flash: None,
            undo: Vec::new(),
            focus_popup: false,
            scroll_note: false,
            citations: loaded.article.citation_index(),
            article: loaded.article,
            source,
            warnings: loaded.warnings,
            section,
            show_references: remembered.show_references,
            show_guidance: remembered.show_guidance,
            room: crate::ui::layout::room(f32::INFINITY, f32::INFINITY, true),
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
        self.load_errors = e.errors().map(ToString::to_string).collect();
        self
    }

    /// Replaces the file dialogs (tests script them).
    pub fn with_dialogs(mut self, dialogs: Box<dyn FileDialogs>) -> Self {
        self.dialogs = dialogs;
        self
    }

    /// The view state to remember.
    pub fn remembered(&self) -> Remembered {
        Remembered {
            article_path: match &self.source {
                Source::Embedded => None,
                Source::Folder(p) => Some(p.clone()),
            },
            section: self
                .article
                .sections
                .get(self.section)
                .map(|s| s.id.clone()),
            show_references: self.show_references,
            show_guidance: self.show_guidance,
            show_notes: self.show_notes,
            theme: self.theme,
            zoom: self.zoom,
            recent: self.recent.clone(),
            last_export_dir: self.last_export_dir.clone(),
        }
    }

    pub fn place(&self) -> Place {
        Place {
            section: self.section,
            reference: self.focused_reference,
        }
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
    fn uncovered_scripts(&self, ctx: &egui::Context) -> Vec<crate::scripts::Uncovered> {
        let font = egui::FontId::proportional(15.0);
        let texts: Vec<&str> = std::iter::once(self.article.title.as_str())
            .chain(self.index.texts())
            .collect();
        ctx.fonts_mut(|f| crate::scripts::uncovered(&texts, |c| f.has_glyph(&font, c)))
    }

    fn jump(&mut self, to: Place) {
        let here = self.place();
        if here == to {
            return;
        }
        self.back.push(here);
        self.forward.clear();
        self.set_place(to);
    }

    fn set_place(&mut self, to: Place) {
        if to.section != self.section {
            self.scroll_body_top = true;
            self.scroll_sidebar = true;
            self.selection = None;
            self.caret = None;
            self.active_highlight = None;
        }
        self.section = to
            .section
            .min(self.article.sections.len().saturating_sub(1));
        self.focused_reference = to.reference;
        if to.reference.is_some() {
            self.reveal(Fold::References);
            self.scroll_reference = true;
        }
    }

    /// Takes what the window has room for this frame. A panel open over the article docks
    /// again once there is room for it.
    pub fn set_room(&mut self, room: crate::ui::layout::Room) {
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

    /// The toolbar toggle of a panel: docked where there is room, else over the article.
    fn toggle(&mut self, panel: Fold) {
        if self.room.folded(panel) {
            if self.overlay == Some(panel) {
                self.overlay = None;
                self.focus = Some(FocusTo::Body);
            } else {
                self.overlay = Some(panel);
                self.focus = Some(FocusTo::Panel(panel));
            }
            return;
        }
        match panel {
            Fold::References => self.show_references = !self.show_references,
            // The guidance and notes panels share the right-hand side: one shows at a time.
            Fold::Guidance => {
                self.show_guidance = !self.show_guidance || self.show_notes;
                self.show_notes = false;
            }
            Fold::Notes => {
                self.show_notes = !self.show_notes;
                if self.show_notes {
                    self.focus = Some(FocusTo::Panel(Fold::Notes));
                }
            }
            Fold::Contents => {}
        }
    }

    fn now(&self) -> f64 {
        self.ctx.as_ref().map_or(0.0, |c| c.input(|i| i.time))
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: true,
        });
    }

    /// Applies one action. The only place view state changes.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::GoTo(i) if i < self.article.sections.len() => {
                // A panel in the article's place (the contents, or the guidance's "Read in
                // article") closes once a section is chosen, and reading starts at its heading.
                if self.overlay.take().is_some() {
                    self.focus = Some(FocusTo::Body);
                }
                self.jump(Place {
                    section: i,
                    reference: None,
                });
            }
            Action::GoTo(_) => {}
            Action::Cite(n) => {
                let to = Place {
                    section: self.section,
                    reference: Some(n),
                };
                if self.place() == to {
                    // Clicking the same marker again still brings the entry into view.
                    self.reveal(Fold::References);
                    self.scroll_reference = true;
                }
                self.jump(to);
                self.focus = Some(FocusTo::Reference(n));
            }
            Action::BackLink(place) => {
                self.jump(Place {
                    section: place.section,
                    reference: Some(place.number),
                });
                self.flash = Some((place, self.now()));
                self.scroll_to_flash = true;
                // In the article's place, the references would hide the citation.
                if self.overlay.take().is_some() {
                    self.focus = Some(FocusTo::Body);
                }
            }
            Action::Back => {
                if let Some(to) = self.back.pop() {
                    let from = self.place();
                    self.forward.push(from);
                    self.set_place(to);
                    if to.reference.is_none() && self.overlay == Some(Fold::References) {
                        self.overlay = None;
                    }
                    // Back from a followed citation's reference: focus goes back to the citation.
                    if from.reference.is_some() && to.reference != from.reference {
                        self.focus = Some(FocusTo::Citation);
                    }
                }
            }
            Action::Forward => {
                if let Some(to) = self.forward.pop() {
                    self.back.push(self.place());
                    self.set_place(to);
                }
            }
            Action::ToggleReferences => self.toggle(Fold::References),
            Action::ToggleGuidance => self.toggle(Fold::Guidance),
            Action::ToggleContents => self.toggle(Fold::Contents),
            Action::ScrollArticle(pages) => {
                self.scroll_pages = Some(self.scroll_pages.unwrap_or(0.0) + pages);
            }
            Action::CloseOverlay => {
                self.overlay = None;
                // The panel had focus: reading goes on in the article.
                self.focus.get_or_insert(FocusTo::Body);
            }
            Action::ToggleBackLinks(n) => {
                if !self.expanded_back_links.remove(&n) {
                    self.expanded_back_links.insert(n);
                }
            }
            Action::Theme(t) => self.theme = t,
            Action::ZoomIn | Action::ZoomOut | Action::ZoomReset => {
                self.zoom = match action {
                    Action::ZoomIn => (self.zoom + ZOOM_STEP).min(ZOOM_MAX),
                    Action::ZoomOut => (self.zoom - ZOOM_STEP).max(ZOOM_MIN),
                    _ => 1.0,
                };
                // The reading place moves as the text grows or shrinks: keep focus in view.
                self.keep_focus_in_view = true;
            }
            Action::Quit => self.quit_requested = true,
            Action::Export(scope) => self.start_export(scope),
            Action::ExportTo(_, path) if self.export_field.as_ref().is_some_and(|f| f.notes) => {
                self.export_notes_to(&path);
            }
            Action::ExportTo(scope, path) => self.export_to(scope, &path),
            Action::CancelExportField => self.export_field = None,
            Action::CopySection => {
                let text = export::render(
                    &self.article,
                    Scope::Section(self.section),
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
                let dir = match &self.source {
                    Source::Folder(p) => p.parent().map(Path::to_path_buf),
                    Source::Embedded => None,
                };
                self.start_dialog(Pending::OpenArticle, Request::OpenFolder { dir });
            }
            Action::OpenArticle(path) => self.open_article(&path),
            Action::ShowShortcuts(b) => self.show_shortcuts = b,
            Action::ShowAbout(b) => self.show_about = b,
            Action::OpenSearch => {
                self.search.open = true;
                self.search.focus_field = true;
            }
            Action::CloseSearch => {
                self.search.open = false;
                self.search.current = None;
                self.focus = Some(FocusTo::SearchButton);
            }
            Action::Focus(to) => self.focus = Some(to),
            Action::ToggleMatchAccents => {
                self.search.accents = match self.search.accents {
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
            Action::NotesFilter(text) => self.notes_filter = text,
            Action::NotesColour(c) => {
                if let Some(k) = crate::notes::Colour::ALL.iter().position(|x| *x == c) {
                    self.notes_colours[k] = !self.notes_colours[k];
                }
            }
            Action::DismissMessage => {
                self.message = None;
                self.load_errors.clear();
            }
        }
    }

    /// Opens an http(s) link in the system browser; anything else is refused.
    fn open_link(&mut self, url: &str) {
        if !load::is_web_url(url) {
            self.error(format!(
                "Refused to open a link that is not http or https: {url}"
            ));
            return;
        }
        if let Some(ctx) = &self.ctx {
            ctx.open_url(egui::OpenUrl::new_tab(url));
        }
        self.opened_links.push(url.to_owned());
    }

    /// Recomputes hits when the query changed.
    pub fn refresh_search(&mut self) {
        if self.search.query != self.search.searched
            || self.search.accents != self.search.searched_accents
        {
            self.search.hits = self
                .index
                .search_with(&self.search.query, self.search.accents);
            self.search.searched_accents = self.search.accents;
            self.search.snippets = self
                .search
                .hits
                .iter()
                .take(MAX_LISTED_HITS)
                .map(|h| self.index.snippet(h))
                .collect();
            self.search.searched = self.search.query.clone();
            self.search.current = None;
            self.refresh_note_hits();
        }
    }

    fn search_step(&mut self, step: i32) {
        self.refresh_search();
        let n = self.search.hits.len();
        if n == 0 {
            return;
        }
        let next = match self.search.current {
            None if step >= 0 => 0,
            None => n - 1,
            Some(i) => (i as i64 + i64::from(step)).rem_euclid(n as i64) as usize,
        };
        self.search_go(next);
    }

    fn search_go(&mut self, i: usize) {
        let Some(hit) = self.search.hits.get(i) else {
            return;
        };
        self.search.current = Some(i);
        self.scroll_to = Some(hit.location);
        match hit.location {
            search::Location::Reference(n) => self.jump(Place {
                section: self.section,
                reference: Some(n),
            }),
            search::Location::Guidance => self.reveal(Fold::Guidance),
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
        ctx.set_theme(self.theme.preference());
        if (ctx.zoom_factor() - self.zoom).abs() > f32::EPSILON {
            ctx.set_zoom_factor(self.zoom);
        }
        self.ensure_watch(&ctx);
        self.follow_watch();
        self.ensure_fonts(&ctx);
        self.poll_dialog();
        self.refresh_search();

        let mut actions = input::global_keys(self, &ctx);
        actions.extend(input::note_keys(self, &ctx));
        actions.extend(input::reading_keys(self, &ctx));
        actions.extend(ui::draw(ui, self));
        for action in actions {
            self.apply(action);
        }
        if self.quit_requested {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if self.article.title != self.window_title {
            self.window_title = self.article.title.clone();
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.window_title.clone()));
        }
        if let Some((_, started)) = &self.note_flash {
            let left = FLASH_SECONDS - (self.now() - started);
            if left <= 0.0 {
                self.note_flash = None;
            } else {
                ctx.request_repaint();
            }
        }
        if let Some((_, started)) = self.flash {
            let left = FLASH_SECONDS - (self.now() - started);
            if left <= 0.0 {
                self.flash = None;
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(left.min(0.1)));
            }
        }
    }

    /// True while the citation at `place` should be highlighted.
    pub fn is_flashing(&self, place: CitePlace) -> bool {
        self.flash.is_some_and(|(p, _)| p == place)
    }
}
