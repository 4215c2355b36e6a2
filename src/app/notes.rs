//! The app's side of highlights and notes: loading and saving the article's notes file,
//! placing the notes in the article after every load and live reload, and applying the
//! highlight and note actions (with undo while the app runs).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::{Action, FocusTo, Pending, Place, ReaderApp, Source};
use crate::article::notes::{self, Annotation, Colour, Placed, store};
use crate::desktop::dialog::Request;
use crate::desktop::writer::Job;
use crate::view::NoteEditor;

/// The most undo steps kept.
const UNDO_DEPTH: usize = 100;

impl ReaderApp {
    /// Keeps notes files in `dir` (None: notes last only while the app runs), and reads the
    /// open article's.
    pub fn with_notes_dir(mut self, dir: Option<PathBuf>) -> Self {
        self.notes_dir = dir;
        self.load_notes();
        self
    }

    /// Shows `notes` (placed in the article) without reading or writing a file: for
    /// benchmarks and tests.
    pub fn with_notes(mut self, notes: Vec<Annotation>) -> Self {
        self.view.notes = Arc::new(notes);
        self.place_notes();
        self
    }

    /// The notes file of the open article.
    pub fn notes_file(&self) -> Option<&Path> {
        self.notes_file.as_deref()
    }

    fn notes_ref(&self) -> store::ArticleRef {
        let folder = match &self.view.source {
            Source::Folder(p) => Some(p.as_path()),
            Source::Embedded => None,
        };
        store::ArticleRef::new(&self.view.article, folder)
    }

    /// Reads the open article's notes file. One that cannot be read is set aside under a new
    /// name and said so; the reader starts with no notes rather than losing the file.
    pub(super) fn load_notes(&mut self) {
        self.view.notes = Arc::default();
        self.undo.clear();
        self.view.selection = None;
        self.view.active_highlight = None;
        self.view.note_editor = None;
        self.notes_file = self
            .notes_dir
            .as_ref()
            .map(|d| d.join(self.notes_ref().file_name()));
        if let Some(path) = self.notes_file.clone() {
            match store::read(&path) {
                Ok(Some(file)) => self.view.notes = Arc::new(file.annotations),
                Ok(None) => {}
                Err(e @ store::ReadError::Io { .. }) => {
                    // Unreadable (permissions, a folder in its place): left where it is, and
                    // not written over.
                    self.error(format!("{e}; notes are not saved this time"));
                    self.notes_file = None;
                }
                Err(e) => match store::set_aside(&path) {
                    Ok(aside) => self.error(format!(
                        "{e}. It was kept as {}; starting with no notes.",
                        aside.display()
                    )),
                    Err(io) => {
                        self.error(format!(
                            "{e}. It could not be set aside ({io}); notes are not saved this time."
                        ));
                        self.notes_file = None;
                    }
                },
            }
        }
        self.place_notes();
    }

    /// Places every note in the article as it is now (`texts` are the article's; they are
    /// rebuilt only when the article changes, in `replace_article`).
    pub(super) fn place_notes(&mut self) {
        self.view.placed = notes::place_all(&self.view.article, &self.view.texts, &self.view.notes);
        self.refresh_note_hits();
    }

    /// The highlights the search query finds in their quote or note.
    pub(super) fn refresh_note_hits(&mut self) {
        let q = self.view.search.query.trim();
        let accents = self.view.search.accents;
        self.view.search.note_hits = if q.is_empty() {
            Vec::new()
        } else {
            notes::reading_order(&self.view.notes, &self.view.placed)
                .into_iter()
                .filter(|&i| {
                    let a = &self.view.notes[i];
                    !crate::article::search::match_ranges(&a.quote.exact, q, accents).is_empty()
                        || !crate::article::search::match_ranges(&a.note, q, accents).is_empty()
                })
                .collect()
        };
    }

    /// Places the notes again after a change from `before`: a note that is unchanged keeps
    /// its place, the rest are placed anew. The article has not changed (an article change
    /// places every note, [`ReaderApp::place_notes`]).
    fn place_changed(&mut self, before: &[Annotation]) {
        let old: HashMap<&str, (&Annotation, &Placed)> = before
            .iter()
            .zip(&self.view.placed)
            .map(|(a, p)| (a.id.as_str(), (a, p)))
            .collect();
        let placed = self
            .view
            .notes
            .iter()
            .map(|a| match old.get(a.id.as_str()) {
                Some((was, place)) if *was == a => (*place).clone(),
                _ => notes::place(&self.view.article, &self.view.texts, a),
            })
            .collect();
        self.view.placed = placed;
        self.refresh_note_hits();
    }

    /// Hands the notes to the writer thread, which writes the file atomically; the window does
    /// not wait for it. A failure comes back through [`ReaderApp::poll_notes_writer`].
    fn save_notes(&mut self) {
        let Some(path) = self.notes_file.clone() else {
            return;
        };
        let article = self.notes_ref();
        let annotations = Arc::clone(&self.view.notes);
        self.notes_writer.submit(Job {
            path,
            render: Arc::new(move || store::render(&article, &annotations).into_bytes()),
        });
    }

    /// Says in the status line when a notes write failed (the writer keeps the notes and
    /// tries again), and when it succeeded again after that.
    pub(super) fn poll_notes_writer(&mut self) {
        if let Some(e) = self.notes_writer.take_error() {
            self.error(format!(
                "Could not save the notes: {e}. They are kept and saving is tried again."
            ));
            self.notes_failing = true;
        } else if self.notes_failing && !self.notes_writer.is_failing() {
            self.notes_failing = false;
            self.info("The notes are saved again.");
        }
    }

    /// Waits until the notes handed to the writer are on disk, at most `limit` (at exit, and
    /// on a termination signal). Returns whether they are.
    pub fn flush_notes(&self, limit: Duration) -> bool {
        self.notes_writer.flush(limit)
    }

    /// Changes the notes, keeping the old state for undo, then places what changed and saves.
    /// One copy of the notes per change (the one the change is made in): the undo history and
    /// the writer share the rest.
    fn change_notes(&mut self, change: impl FnOnce(&mut Vec<Annotation>)) {
        let before = Arc::clone(&self.view.notes);
        change(Arc::make_mut(&mut self.view.notes));
        if self.view.notes == before {
            self.view.notes = before;
            return;
        }
        self.place_changed(&before);
        self.undo.push(before);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.save_notes();
    }

    /// Puts back an earlier state of the notes (undo, a cancelled new note).
    fn restore_notes(&mut self, notes: Arc<Vec<Annotation>>) {
        let current = std::mem::replace(&mut self.view.notes, notes);
        self.place_changed(&current);
        self.save_notes();
    }

    fn note_index(&self, id: &str) -> Option<usize> {
        self.view.notes.iter().position(|a| a.id == id)
    }

    /// The selected text, trimmed of the spaces a drag picks up at its ends.
    fn selected(&self) -> Option<(notes::Unit, std::ops::Range<usize>)> {
        let s = self.view.selection?;
        let text = &self.view.texts.get(s.unit)?.text;
        let r = s.range();
        let r = r.start.min(text.len())..r.end.min(text.len());
        let piece = &text[r.clone()];
        let start = r.start + (piece.len() - piece.trim_start().len());
        let end = r.end - (piece.len() - piece.trim_end().len());
        (start < end).then_some((s.unit, start..end))
    }

    fn open_editor(&mut self, id: &str, new: bool) {
        let return_focus = self.ctx.as_ref().and_then(|c| c.memory(|m| m.focused()));
        if let Some(a) = self.view.notes.iter().find(|a| a.id == id) {
            self.view.note_editor = Some(NoteEditor {
                id: a.id.clone(),
                quote: a.quote.exact.clone(),
                text: a.note.clone(),
                colour: a.colour,
                focus: true,
                new,
                return_focus,
            });
        }
        self.view.active_highlight = None;
    }

    /// Focus goes back where it was before the note editor opened.
    fn close_editor(&mut self, editor: &NoteEditor) {
        if let Some(id) = editor.return_focus {
            self.view.focus = Some(FocusTo::Widget(id));
        }
    }

    /// The highlight already covering exactly this text, if one does.
    fn same_highlight(&self, unit: notes::Unit, range: &std::ops::Range<usize>) -> Option<String> {
        self.view.notes
            .iter()
            .zip(&self.view.placed)
            .find(|(_, p)| matches!(p, Placed::At { unit: u, range: r, .. } if *u == unit && r == range))
            .map(|(a, _)| a.id.clone())
    }

    fn copy(&mut self, text: String, what: &str) {
        if let Some(ctx) = &self.ctx {
            ctx.copy_text(text);
        }
        self.info(format!("Copied {what}."));
    }

    /// Applies a highlight or note action.
    pub(super) fn apply_note(&mut self, action: Action) {
        match action {
            Action::Select(s) => {
                if let Some(s) = s {
                    let focused = self.ctx.as_ref().and_then(|c| c.memory(|m| m.focused()));
                    self.view.caret = Some((s.unit, s.head, focused));
                }
                self.view.selection = s;
                if s.is_some() {
                    self.view.active_highlight = None;
                }
            }
            Action::Highlight { colour, note } => {
                let colour = colour.unwrap_or(self.view.last_colour);
                self.view.last_colour = colour;
                let Some((unit, range)) = self.selected() else {
                    if let Some(id) = self.view.active_highlight.clone() {
                        self.recolour(&id, colour);
                        if note {
                            self.open_editor(&id, false);
                        }
                    } else {
                        self.info(
                            "Select some text first: drag over it, or Shift and the arrow keys.",
                        );
                    }
                    return;
                };
                // The same text again: that highlight, not a second one on top of it.
                if let Some(id) = self.same_highlight(unit, &range) {
                    self.view.selection = None;
                    self.recolour(&id, colour);
                    if note {
                        self.open_editor(&id, false);
                    }
                    return;
                }
                let Some(text) = self.view.texts.get(unit).map(|t| t.text.clone()) else {
                    return;
                };
                let a = Annotation::new(unit.id(&self.view.article), &text, range, colour);
                let id = a.id.clone();
                self.change_notes(|n| n.push(a));
                self.view.selection = None;
                if note {
                    self.open_editor(&id, true);
                } else {
                    self.info(format!("Highlighted in {}.", colour.name()));
                }
            }
            Action::CopySelection { citation } => {
                let Some((unit, range)) = self.selected() else {
                    return;
                };
                let Some(quote) = self.view.texts.get(unit).map(|t| t.text[range].to_owned())
                else {
                    return;
                };
                if citation {
                    let text = notes::export::quote_with_citation(&self.view.article, unit, &quote);
                    self.copy(text, "the quote with its citation");
                } else {
                    self.copy(quote, "the selection");
                }
            }
            Action::CopyHighlight { id, citation } => {
                let Some(i) = self.note_index(&id) else {
                    return;
                };
                let quote = self.view.notes[i].quote.exact.clone();
                let unit = self.view.placed.get(i).and_then(Placed::unit);
                match (citation, unit) {
                    (true, Some(unit)) => {
                        let text =
                            notes::export::quote_with_citation(&self.view.article, unit, &quote);
                        self.copy(text, "the quote with its citation");
                    }
                    _ => self.copy(quote, "the quote"),
                }
            }
            Action::OpenHighlight(i) => {
                self.view.active_highlight =
                    i.and_then(|i| self.view.notes.get(i)).map(|a| a.id.clone());
            }
            Action::Recolour(id, colour) => {
                self.view.last_colour = colour;
                self.recolour(&id, colour);
            }
            Action::EditNote(id) => self.open_editor(&id, false),
            Action::SaveNote => self.save_note(),
            Action::CancelNote => self.cancel_note(),
            Action::DeleteHighlight(id) => {
                self.change_notes(|n| n.retain(|a| a.id != id));
                self.view.active_highlight = None;
                if self.view.note_editor.as_ref().is_some_and(|e| e.id == id) {
                    self.view.note_editor = None;
                }
                self.info("Deleted the highlight. Ctrl+Z brings it back.");
            }
            Action::Undo => match self.undo.pop() {
                Some(before) => {
                    self.restore_notes(before);
                    self.view.active_highlight = None;
                    self.info("Undone.");
                }
                None => self.info("Nothing to undo."),
            },
            Action::GoToNote(id) => {
                let Some(i) = self.note_index(&id) else {
                    return;
                };
                match self.view.placed.get(i).cloned() {
                    Some(Placed::At { unit, .. }) => {
                        self.view.message = None;
                        if self.view.overlay.take().is_some() {
                            self.view.focus = Some(FocusTo::Body);
                        }
                        match unit.section() {
                            Some(section) => self.jump(Place {
                                section,
                                reference: None,
                            }),
                            None => self.view.reveal(crate::view::room::Fold::Guidance),
                        }
                        // Open, as if clicked: Shift+F10 reaches its popup.
                        self.view.active_highlight = Some(id.clone());
                        self.view.note_flash = Some((id, self.now()));
                        self.view.scroll_note = true;
                    }
                    _ => {
                        self.info("This note's text is no longer in the article; its quote and note are kept.");
                        self.open_editor(&id, false);
                    }
                }
            }
            Action::ExportNotes => {
                let request = Request::Save {
                    dir: self.default_export_dir(),
                    file_name: format!("{}-notes.md", self.view.article.id),
                };
                self.start_dialog(Pending::ExportNotes, request);
            }
            Action::FocusPopup => self.view.focus_popup = true,
            _ => {}
        }
    }

    /// Keeps the note being edited (Save, Ctrl+Enter).
    fn save_note(&mut self) {
        let Some(editor) = self.view.note_editor.take() else {
            return;
        };
        let text = editor.text.trim_end().to_owned();
        let changed = self
            .view
            .notes
            .iter()
            .any(|a| a.id == editor.id && (a.note != text || a.colour != editor.colour));
        self.change_notes(|n| {
            if let Some(a) = n.iter_mut().find(|a| a.id == editor.id)
                && (a.note != text || a.colour != editor.colour)
            {
                a.note = text;
                a.colour = editor.colour;
                a.touch();
            }
        });
        if changed {
            self.info("Saved the note.");
        }
        self.close_editor(&editor);
    }

    /// Closes the note being edited without keeping it; a highlight made for it goes too.
    fn cancel_note(&mut self) {
        let Some(editor) = self.view.note_editor.take() else {
            return;
        };
        // A highlight made only to hold this note goes with it.
        if editor.new
            && let Some(before) = self.undo.pop()
        {
            self.restore_notes(before);
        }
        self.close_editor(&editor);
    }

    fn recolour(&mut self, id: &str, colour: Colour) {
        self.change_notes(|n| {
            if let Some(a) = n.iter_mut().find(|a| a.id == id)
                && a.colour != colour
            {
                a.colour = colour;
                a.touch();
            }
        });
    }

    /// Writes the notes to `path`: JSON (Web Annotation) for `.json`/`.jsonld`, else Markdown.
    pub fn export_notes_to(&mut self, path: &Path) {
        let text = notes::export::render(
            notes::export::NotesFormat::from_path(path),
            &self.view.article,
            &self.notes_ref(),
            &self.view.texts,
            &self.view.notes,
            &self.view.placed,
        );
        match crate::article::write::write_atomic(path, text.as_bytes()) {
            Ok(_) => {
                self.view.export_field = None;
                self.view.last_export_dir = path.parent().map(Path::to_path_buf);
                self.info(format!("Exported the notes to {}", path.display()));
            }
            Err(e) => self.error(format!("Export failed: {e}")),
        }
    }
}

impl Drop for ReaderApp {
    /// Whatever ends the app, the notes it acknowledged are written first.
    fn drop(&mut self) {
        if !self.flush_notes(Duration::from_secs(5)) {
            log::warn!("the notes could not all be saved");
        }
    }
}
