//! The app's side of highlights and notes: loading and saving the article's notes file,
//! placing the notes in the article after every load and live reload, and applying the
//! highlight and note actions (with undo while the app runs).

use std::path::{Path, PathBuf};

use super::{Action, FocusTo, Pending, Place, ReaderApp, Source};
use crate::dialog::Request;
use crate::notes::{self, Annotation, Colour, Placed, store};
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
        self.notes = notes;
        self.place_notes();
        self
    }

    /// The notes file of the open article.
    pub fn notes_file(&self) -> Option<&Path> {
        self.notes_file.as_deref()
    }

    fn notes_ref(&self) -> store::ArticleRef {
        let folder = match &self.source {
            Source::Folder(p) => Some(p.as_path()),
            Source::Embedded => None,
        };
        store::ArticleRef::new(&self.article, folder)
    }

    /// Reads the open article's notes file. One that cannot be read is set aside under a new
    /// name and said so; the reader starts with no notes rather than losing the file.
    pub(super) fn load_notes(&mut self) {
        self.notes.clear();
        self.undo.clear();
        self.selection = None;
        self.active_highlight = None;
        self.note_editor = None;
        self.notes_file = self
            .notes_dir
            .as_ref()
            .map(|d| d.join(self.notes_ref().file_name()));
        if let Some(path) = self.notes_file.clone() {
            match store::read(&path) {
                Ok(Some(file)) => self.notes = file.annotations,
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
        self.placed = notes::place_all(&self.article, &self.texts, &self.notes);
        self.refresh_note_hits();
    }

    /// The highlights the search query finds in their quote or note.
    pub(super) fn refresh_note_hits(&mut self) {
        let q = self.search.query.trim();
        let accents = self.search.accents;
        self.search.note_hits = if q.is_empty() {
            Vec::new()
        } else {
            notes::reading_order(&self.notes, &self.placed)
                .into_iter()
                .filter(|&i| {
                    let a = &self.notes[i];
                    !crate::search::match_ranges(&a.quote.exact, q, accents).is_empty()
                        || !crate::search::match_ranges(&a.note, q, accents).is_empty()
                })
                .collect()
        };
    }

    /// Writes the notes file; a failure is said, and the notes stay in memory.
    fn save_notes(&mut self) {
        let Some(path) = self.notes_file.clone() else {
            return;
        };
        let file = store::NotesFile {
            format: store::FORMAT.to_owned(),
            article: self.notes_ref(),
            annotations: self.notes.clone(),
        };
        if let Err(e) = store::write(&path, &file) {
            self.error(format!("Could not save the notes: {e}"));
        }
    }

    /// Changes the notes, keeping the old state for undo, then places and saves them.
    fn change_notes(&mut self, change: impl FnOnce(&mut Vec<Annotation>)) {
        let before = self.notes.clone();
        change(&mut self.notes);
        if self.notes == before {
            return;
        }
        self.undo.push(before);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.place_notes();
        self.save_notes();
    }

    fn note_index(&self, id: &str) -> Option<usize> {
        self.notes.iter().position(|a| a.id == id)
    }

    /// The selected text, trimmed of the spaces a drag picks up at its ends.
    fn selected(&self) -> Option<(notes::Unit, std::ops::Range<usize>)> {
        let s = self.selection?;
        let text = &self.texts.get(s.unit)?.text;
        let r = s.range();
        let r = r.start.min(text.len())..r.end.min(text.len());
        let piece = &text[r.clone()];
        let start = r.start + (piece.len() - piece.trim_start().len());
        let end = r.end - (piece.len() - piece.trim_end().len());
        (start < end).then_some((s.unit, start..end))
    }

    fn open_editor(&mut self, id: &str, new: bool) {
        let return_focus = self.ctx.as_ref().and_then(|c| c.memory(|m| m.focused()));
        if let Some(a) = self.notes.iter().find(|a| a.id == id) {
            self.note_editor = Some(NoteEditor {
                id: a.id.clone(),
                quote: a.quote.exact.clone(),
                text: a.note.clone(),
                colour: a.colour,
                focus: true,
                new,
                return_focus,
            });
        }
        self.active_highlight = None;
    }

    /// Focus goes back where it was before the note editor opened.
    fn close_editor(&mut self, editor: &NoteEditor) {
        if let Some(id) = editor.return_focus {
            self.focus = Some(FocusTo::Widget(id));
        }
    }

    /// The highlight already covering exactly this text, if one does.
    fn same_highlight(&self, unit: notes::Unit, range: &std::ops::Range<usize>) -> Option<String> {
        self.notes
            .iter()
            .zip(&self.placed)
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
                    self.caret = Some((s.unit, s.head, focused));
                }
                self.selection = s;
                if s.is_some() {
                    self.active_highlight = None;
                }
            }
            Action::Highlight { colour, note } => {
                let colour = colour.unwrap_or(self.last_colour);
                self.last_colour = colour;
                let Some((unit, range)) = self.selected() else {
                    if let Some(id) = self.active_highlight.clone() {
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
                    self.selection = None;
                    self.recolour(&id, colour);
                    if note {
                        self.open_editor(&id, false);
                    }
                    return;
                }
                let Some(text) = self.texts.get(unit).map(|t| t.text.clone()) else {
                    return;
                };
                let a = Annotation::new(unit.id(&self.article), &text, range, colour);
                let id = a.id.clone();
                self.change_notes(|n| n.push(a));
                self.selection = None;
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
                let Some(quote) = self.texts.get(unit).map(|t| t.text[range].to_owned()) else {
                    return;
                };
                if citation {
                    let text = notes::export::quote_with_citation(&self.article, unit, &quote);
                    self.copy(text, "the quote with its citation");
                } else {
                    self.copy(quote, "the selection");
                }
            }
            Action::CopyHighlight { id, citation } => {
                let Some(i) = self.note_index(&id) else {
                    return;
                };
                let quote = self.notes[i].quote.exact.clone();
                let unit = self.placed.get(i).and_then(Placed::unit);
                match (citation, unit) {
                    (true, Some(unit)) => {
                        let text = notes::export::quote_with_citation(&self.article, unit, &quote);
                        self.copy(text, "the quote with its citation");
                    }
                    _ => self.copy(quote, "the quote"),
                }
            }
            Action::OpenHighlight(i) => {
                self.active_highlight = i.and_then(|i| self.notes.get(i)).map(|a| a.id.clone());
            }
            Action::Recolour(id, colour) => {
                self.last_colour = colour;
                self.recolour(&id, colour);
            }
            Action::EditNote(id) => self.open_editor(&id, false),
            Action::SaveNote => {
                let Some(editor) = self.note_editor.take() else {
                    return;
                };
                let text = editor.text.trim_end().to_owned();
                let changed = self
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
            Action::CancelNote => {
                let Some(editor) = self.note_editor.take() else {
                    return;
                };
                // A highlight made only to hold this note goes with it.
                if editor.new
                    && let Some(before) = self.undo.pop()
                {
                    self.notes = before;
                    self.place_notes();
                    self.save_notes();
                }
                self.close_editor(&editor);
            }
            Action::DeleteHighlight(id) => {
                self.change_notes(|n| n.retain(|a| a.id != id));
                self.active_highlight = None;
                if self.note_editor.as_ref().is_some_and(|e| e.id == id) {
                    self.note_editor = None;
                }
                self.info("Deleted the highlight. Ctrl+Z brings it back.");
            }
            Action::Undo => match self.undo.pop() {
                Some(before) => {
                    self.notes = before;
                    self.active_highlight = None;
                    self.place_notes();
                    self.save_notes();
                    self.info("Undone.");
                }
                None => self.info("Nothing to undo."),
            },
            Action::GoToNote(id) => {
                let Some(i) = self.note_index(&id) else {
                    return;
                };
                match self.placed.get(i).cloned() {
                    Some(Placed::At { unit, .. }) => {
                        self.message = None;
                        if self.overlay.take().is_some() {
                            self.focus = Some(FocusTo::Body);
                        }
                        match unit.section() {
                            Some(section) => self.jump(Place {
                                section,
                                reference: None,
                            }),
                            None => self.reveal(crate::view::Fold::Guidance),
                        }
                        // Open, as if clicked: Shift+F10 reaches its popup.
                        self.active_highlight = Some(id.clone());
                        self.note_flash = Some((id, self.now()));
                        self.scroll_note = true;
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
                    file_name: format!("{}-notes.md", self.article.id),
                };
                self.start_dialog(Pending::ExportNotes, request);
            }
            Action::FocusPopup => self.focus_popup = true,
            _ => {}
        }
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
            &self.article,
            &self.notes_ref(),
            &self.texts,
            &self.notes,
            &self.placed,
        );
        match crate::export::write_atomic(path, text.as_bytes()) {
            Ok(_) => {
                self.export_field = None;
                self.last_export_dir = path.parent().map(Path::to_path_buf);
                self.info(format!("Exported the notes to {}", path.display()));
            }
            Err(e) => self.error(format!("Export failed: {e}")),
        }
    }
}
