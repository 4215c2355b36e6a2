//! The reader's files: the export and open dialogs (run off the UI thread), writing exports,
//! opening another article, live reload and the folder watch behind it.

use std::path::{Path, PathBuf};

use super::*;

impl ReaderApp {
    /// Watches the open article's folder for edits, once per folder.
    pub(super) fn ensure_watch(&mut self, ctx: &egui::Context) {
        let dir = match &self.view.source {
            Source::Folder(dir) => Some(dir.as_path()),
            Source::Embedded => None,
        };
        if dir == self.watched.as_deref() {
            return;
        }
        let dir = dir.map(Path::to_path_buf);
        self.watch = None;
        self.watched = dir.clone();
        self.view.reload_note = None;
        if let Some(dir) = dir {
            let ctx = ctx.clone();
            match FolderWatch::new(&dir, move || ctx.request_repaint()) {
                Ok(w) => self.watch = Some(w),
                Err(e) => {
                    self.view.reload_note = Some(format!(
                        "Live reload is off: cannot watch {}: {e}",
                        dir.display()
                    ));
                }
            }
        }
    }

    /// Acts on what the folder watch reports: reload, or say why reload is waiting.
    pub(super) fn follow_watch(&mut self) {
        let Some(watch) = &self.watch else {
            return;
        };
        let changes = watch.poll();
        if changes.is_empty() {
            return;
        }
        let dir = watch.dir.clone();
        for change in changes {
            match change {
                Change::Edited => {
                    self.view.reload_note = None;
                    self.reload();
                }
                Change::Gone => {
                    self.view.reload_note = Some(format!(
                        "The article’s folder is gone; waiting for it to come back: {}",
                        dir.display()
                    ));
                }
                Change::Failed(why) => {
                    self.view.reload_note = Some(format!("Live reload is off for now: {why}"));
                }
            }
        }
    }

    pub(super) fn default_export_dir(&self) -> Option<PathBuf> {
        self.view
            .last_export_dir
            .clone()
            .filter(|d| d.is_dir())
            .or_else(dirs::document_dir)
            .or_else(dirs::home_dir)
    }

    pub(super) fn default_file_name(&self, scope: Scope) -> String {
        let stem = match scope {
            Scope::Section(i) => self
                .view
                .article
                .sections
                .get(i)
                .map_or_else(|| "section".to_owned(), |s| s.id.clone()),
            Scope::Article => self.view.article.id.clone(),
        };
        format!("{stem}.txt")
    }

    pub(super) fn start_export(&mut self, scope: Scope) {
        let request = Request::Save {
            dir: self.default_export_dir(),
            file_name: self.default_file_name(scope),
        };
        self.start_dialog(Pending::Export(scope), request);
    }

    pub(super) fn start_dialog(&mut self, pending: Pending, request: Request) {
        if self.pending.is_some() || self.dialogs.is_open() {
            // A dialog is already open; a second request does nothing.
            return;
        }
        let wake: Box<dyn Fn() + Send> = match &self.ctx {
            Some(ctx) => {
                let ctx = ctx.clone();
                Box::new(move || ctx.request_repaint())
            }
            None => Box::new(|| {}),
        };
        if self.dialogs.start(request, wake) {
            self.pending = Some(pending);
        }
    }

    /// Takes the answer of a dialog that has closed.
    pub(super) fn poll_dialog(&mut self) {
        let Some(outcome) = self.dialogs.poll() else {
            return;
        };
        let Some(pending) = self.pending.take() else {
            return;
        };
        match (pending, outcome) {
            (Pending::Export(scope), Outcome::Chosen(path)) => self.export_to(scope, &path),
            (Pending::Export(scope), Outcome::Saved(path, format)) => {
                self.export_as(scope, &export::with_extension(&path, format), format);
            }
            (Pending::ExportNotes, Outcome::Chosen(path) | Outcome::Saved(path, _)) => {
                self.export_notes_to(&path);
            }
            (Pending::ExportNotes, Outcome::Unavailable) => {
                let default = self
                    .default_export_dir()
                    .unwrap_or_default()
                    .join(format!("{}-notes.md", self.view.article.id));
                self.view.export_field = Some(ExportField {
                    scope: Scope::Article,
                    notes: true,
                    path: default.display().to_string(),
                });
                self.error("No native file dialog is available here: type the path to export the notes to (.md, or .json for Web Annotations).");
            }
            (Pending::OpenArticle, Outcome::Chosen(path) | Outcome::Saved(path, _)) => {
                self.open_article(&path);
            }
            (_, Outcome::Cancelled) => {}
            (Pending::Export(scope), Outcome::Unavailable) => {
                let default = self
                    .default_export_dir()
                    .unwrap_or_default()
                    .join(self.default_file_name(scope));
                self.view.export_field = Some(ExportField {
                    scope,
                    notes: false,
                    path: default.display().to_string(),
                });
                self.error("No native file dialog is available here: type the path to export to.");
            }
            (Pending::OpenArticle, Outcome::Unavailable) => {
                self.error("No native file dialog is available here: pass the article folder as an argument, or drop it onto the window.");
            }
        }
    }

    /// Writes an export; the format follows the extension.
    pub fn export_to(&mut self, scope: Scope, path: &Path) {
        self.export_as(scope, path, Format::from_path(path));
    }

    pub(super) fn export_as(&mut self, scope: Scope, path: &Path, format: Format) {
        let text = export::render(&self.view.article, scope, format, export::DEFAULT_WIDTH);
        match crate::article::write::write_atomic(path, text.as_bytes()) {
            Ok(_) => {
                self.view.export_field = None;
                self.view.last_export_dir = path.parent().map(Path::to_path_buf);
                self.info(format!("Exported to {}", path.display()));
            }
            Err(e) => self.error(format!("Export failed: {e}")),
        }
    }

    /// Opens another article; on errors the current one stays.
    pub fn open_article(&mut self, path: &Path) {
        match load::load_path(path) {
            Ok(loaded) => {
                let dir = load::article_dir(path);
                let dir = dir.canonicalize().unwrap_or(dir);
                self.replace_article(loaded, Source::Folder(dir.clone()));
                self.view.section = 0;
                self.view.back.clear();
                self.view.forward.clear();
                self.view.focused_reference = None;
                self.view.scroll_body_top = true;
                self.view.scroll_sidebar = true;
                crate::desktop::remembered::add_recent(&mut self.view.recent, dir);
                let title = self.view.article.title.clone();
                self.info(format!("Opened “{title}”"));
            }
            Err(e) => {
                self.view.load_errors = e.errors().map(ToString::to_string).collect();
                self.error(format!(
                    "Could not open {}; the current article stays open.",
                    path.display()
                ));
            }
        }
    }

    pub(super) fn replace_article(&mut self, loaded: Loaded, source: Source) {
        let same_article = self.view.source == source && self.view.article.id == loaded.article.id;
        self.view.index = search::Index::new(&loaded.article);
        self.fonts_checked = false;
        self.fonts_reported = false;
        self.view.citations = loaded.article.citation_index();
        self.view.texts = crate::article::notes::Texts::new(&loaded.article);
        self.view.article = loaded.article;
        self.view.warnings = loaded.warnings;
        self.view.source = source;
        self.view.load_errors.clear();
        self.view.search.searched.clear();
        self.refresh_search();
        // A live reload places the notes again in the edited text; another article has its own.
        self.view.selection = None;
        self.view.active_highlight = None;
        if same_article {
            self.place_notes();
        } else {
            self.load_notes();
        }
    }

    /// Reloads the open article after an edit, keeping the section and scroll position.
    pub fn reload(&mut self) {
        let Source::Folder(dir) = self.view.source.clone() else {
            return;
        };
        match load::load_path(&dir) {
            Ok(loaded) => {
                let id = self
                    .view
                    .article
                    .sections
                    .get(self.view.section)
                    .map(|s| s.id.clone());
                self.replace_article(loaded, Source::Folder(dir));
                self.view.section = id
                    .and_then(|id| self.view.article.section_index(&id))
                    .unwrap_or(self.view.section)
                    .min(self.view.article.sections.len().saturating_sub(1));
                self.view.back.clear();
                self.view.forward.clear();
                self.info("Reloaded the article.");
            }
            Err(e) => {
                self.view.load_errors = e.errors().map(ToString::to_string).collect();
            }
        }
    }

    pub fn dialog_open(&self) -> bool {
        self.pending.is_some()
    }
}
