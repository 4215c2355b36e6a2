//! The notes panel (every highlight in reading order, filtered, each going to its place) and
//! the note editor; see [`super::highlights`] for what the body draws.

use egui::{Id, RichText, Sense, Ui};

use super::layout::Place;
use crate::article::notes::{Colour, Placed, Unit};
use crate::view::action::Action;
use crate::view::{NoteEditor, View};

/// The first `n` characters of `text`, with "…" where it was cut.
pub fn short(text: &str, n: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
        None => text.to_owned(),
    }
}

/// A round swatch button of a highlight colour, named for a screen reader.
pub fn swatch_ui(ui: &mut Ui, colour: Colour, current: bool, name: &str) -> egui::Response {
    let size = egui::vec2(24.0, 24.0);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    super::a11y::name(ui, &response, name);
    if ui.is_rect_visible(rect) {
        let fill = super::palette::highlight(ui.visuals(), colour);
        let ring = super::palette::highlight_mark(ui.visuals(), colour);
        let painter = ui.painter();
        painter.circle_filled(rect.center(), 9.0, fill);
        painter.circle_stroke(rect.center(), 9.0, egui::Stroke::new(1.5, ring));
        if current {
            painter.circle_filled(rect.center(), 3.5, ring);
        }
        if response.hovered() || response.has_focus() {
            painter.circle_stroke(
                rect.center(),
                11.5,
                egui::Stroke::new(1.5, ui.visuals().selection.stroke.color),
            );
        }
    }
    response.on_hover_text(name)
}

/// The id of the notes panel's entry for annotation `i`.
pub fn entry_id(i: usize) -> Id {
    Id::unique(("notes-entry", i))
}

pub fn notes_panel_ui(ui: &mut Ui, view: &View, place: Place) -> Vec<Action> {
    let panel = egui::Panel::right("notes");
    super::layout::panel_ui(ui, place, panel, (330.0, 240.0..=560.0), |ui, tab| {
        let close = if tab {
            Action::CloseOverlay
        } else {
            Action::ToggleNotes
        };
        panel_ui(ui, view, close)
    })
}

/// Whether annotation `i` passes the panel's filter.
fn shown(view: &View, i: usize) -> bool {
    let Some(a) = view.notes.get(i) else {
        return false;
    };
    let colour_on = Colour::ALL
        .iter()
        .position(|c| *c == a.colour)
        .is_some_and(|k| view.notes_colours[k]);
    // Every word of the filter, in the quote or the note.
    let found = |w: &str, text: &str| {
        !crate::article::search::match_ranges(text, w, view.search.accents).is_empty()
    };
    colour_on
        && view
            .notes_filter
            .split_whitespace()
            .all(|w| found(w, &a.quote.exact) || found(w, &a.note))
}

fn panel_ui(ui: &mut Ui, view: &View, close: Action) -> Vec<Action> {
    let mut actions = Vec::new();
    super::a11y::Pane::Notes.region(ui, |ui| {
        ui.add_space(6.0);
        let (title, closed) = super::panel_title_ui(ui, "Notes", "notes panel");
        if closed {
            actions.push(close);
        }
        // The filter: text, then the colours shown.
        let mut filter = view.notes_filter.clone();
        let label = ui.label(RichText::new("Filter").small().weak());
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut filter)
                    .hint_text("Words in the quote or note")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        super::a11y::follow_focus(ui, &field);
        if field.changed() {
            actions.push(Action::NotesFilter(filter));
        }
        if !view.notes_filter.is_empty() {
            let clear = ui.small_button("Clear the filter");
            super::a11y::follow_focus(ui, &clear);
            if clear.clicked() {
                actions.push(Action::NotesFilter(String::new()));
            }
        }
        ui.horizontal_wrapped(|ui| {
            for (k, colour) in Colour::ALL.into_iter().enumerate() {
                let on = view.notes_colours[k];
                let r = swatch_ui(
                    ui,
                    colour,
                    on,
                    &format!(
                        "{} highlights: {}",
                        colour.title(),
                        if on { "shown" } else { "hidden" }
                    ),
                );
                super::a11y::follow_focus(ui, &r);
                if r.clicked() {
                    actions.push(Action::NotesColour(colour));
                }
            }
            let shown_n = (0..view.notes.len()).filter(|i| shown(view, *i)).count();
            ui.label(
                RichText::new(format!("{shown_n} of {}", view.notes.len()))
                    .small()
                    .weak(),
            );
        });
        ui.horizontal(|ui| {
            let r = ui.button("Export notes…");
            super::a11y::follow_focus(ui, &r);
            if r.clicked() {
                actions.push(Action::ExportNotes);
            }
        });
        ui.separator();
        let mut first = None;
        egui::ScrollArea::vertical()
            .id_salt("notes")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if view.notes.is_empty() {
                    ui.label(
                        RichText::new(
                            "No highlights yet. Select text in the article, then choose a \
                             colour, or press Ctrl+H.",
                        )
                        .weak(),
                    );
                    return;
                }
                let mut group: Option<Option<Unit>> = None;
                for i in crate::article::notes::reading_order(&view.notes, &view.placed) {
                    if !shown(view, i) {
                        continue;
                    }
                    let unit = view.placed.get(i).and_then(Placed::unit);
                    if group != Some(unit) {
                        group = Some(unit);
                        let title = match unit {
                            None => "Orphaned: no longer in the article".to_owned(),
                            unit => crate::article::notes::group_title(&view.article, unit),
                        };
                        ui.add_space(6.0);
                        let h = ui.label(RichText::new(title).strong());
                        super::a11y::heading(ui, &h, 3);
                    }
                    let r = entry_ui(ui, view, i, unit.is_none(), &mut actions);
                    first.get_or_insert(r.id);
                }
            });
        super::a11y::remember_pane(ui, super::a11y::Pane::Notes, first.unwrap_or(title.id));
    });
    actions
}

/// One entry: the colour, the quote, the note. A click (or Enter) goes to the highlight, or
/// opens an orphan's note.
fn entry_ui(
    ui: &mut Ui,
    view: &View,
    i: usize,
    orphaned: bool,
    actions: &mut Vec<Action>,
) -> egui::Response {
    let a = &view.notes[i];
    let width = ui.available_width();
    let inner = egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(8, 6))
        .show(ui, |ui| {
            ui.set_width(width - 16.0);
            ui.horizontal(|ui| {
                let (bar, _) = ui.allocate_exact_size(egui::vec2(4.0, 36.0), Sense::hover());
                ui.painter().rect_filled(
                    bar,
                    2.0,
                    super::palette::highlight_mark(ui.visuals(), a.colour),
                );
                ui.vertical(|ui| {
                    ui.label(RichText::new(format!("“{}”", short(&a.quote.exact, 240))).italics());
                    if !a.note.trim().is_empty() {
                        ui.label(RichText::new(a.note.trim()).strong());
                    }
                    let mut info = a.colour.title().to_owned();
                    if orphaned {
                        info.push_str(" · orphaned: its text is gone");
                    }
                    ui.label(RichText::new(info).small().weak());
                });
            });
        });
    let rect = inner.response.rect;
    let response = ui.interact(rect, entry_id(i), Sense::click());
    let mut name = format!(
        "{} highlight: “{}”",
        a.colour.title(),
        short(&a.quote.exact, 240)
    );
    if !a.note.trim().is_empty() {
        name.push_str(&format!(". Note: {}", a.note.trim()));
    }
    if orphaned {
        name.push_str(". Orphaned: its text is no longer in the article");
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ListItem, true, &name));
    super::a11y::name(ui, &response, &name);
    super::a11y::follow_focus(ui, &response);
    if response.hovered() || response.has_focus() {
        ui.painter().rect_stroke(
            rect,
            4.0,
            egui::Stroke::new(1.0, ui.visuals().selection.stroke.color),
            egui::StrokeKind::Inside,
        );
    }
    let response = response.on_hover_cursor(egui::CursorIcon::PointingHand);
    if response.clicked() {
        actions.push(Action::GoToNote(a.id.clone()));
    }
    response.context_menu(|ui| {
        if ui.button("Edit note").clicked() {
            actions.push(Action::EditNote(a.id.clone()));
        }
        if ui.button("Delete").clicked() {
            actions.push(Action::DeleteHighlight(a.id.clone()));
        }
    });
    response
}

/// The note editor: the quote, the note's text, its colour; Save (Ctrl+Enter, or Escape),
/// Cancel, Delete.
pub fn note_editor_ui(ctx: &egui::Context, editor: &mut NoteEditor) -> Vec<Action> {
    let mut actions = Vec::new();
    let screen = ctx.content_rect();
    let modal = egui::Modal::new(Id::unique("note-editor")).show(ctx, |ui| {
        ui.set_width(460.0f32.min(screen.width() - 40.0));
        // A short or zoomed window scrolls the editor instead of cutting off its buttons.
        egui::ScrollArea::vertical()
            .max_height((screen.height() - 60.0).max(80.0))
            .show(ui, |ui| note_editor_body_ui(ui, editor, &mut actions));
    });
    // Escape or a click outside closes it keeping what was written: a note is never lost
    // to a stray key.
    if modal.should_close() && actions.is_empty() {
        actions.push(Action::SaveNote);
    }
    actions
}

fn note_editor_body_ui(ui: &mut Ui, editor: &mut NoteEditor, actions: &mut Vec<Action>) {
    let h = ui.heading("Note");
    super::a11y::heading(ui, &h, 2);
    ui.label(RichText::new(format!("“{}”", short(&editor.quote, 400))).italics());
    ui.add_space(6.0);
    let label = ui.label("Your note:");
    let field = ui
        .add(
            egui::TextEdit::multiline(&mut editor.text)
                .desired_rows(5)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if std::mem::take(&mut editor.focus) {
        field.request_focus();
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Colour:");
        for colour in Colour::ALL {
            let r = swatch_ui(ui, colour, editor.colour == colour, colour.title());
            if r.clicked() {
                editor.colour = colour;
            }
        }
    });
    ui.add_space(6.0);
    let save_key = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
    ui.horizontal_wrapped(|ui| {
        let save = ui
            .button("Save")
            .on_hover_text("Ctrl+Enter; Escape keeps what you wrote too");
        if save.clicked() || save_key {
            actions.push(Action::SaveNote);
        }
        let cancel = if editor.new {
            "Discard what you wrote, and the new highlight"
        } else {
            "Discard what you wrote"
        };
        if ui.button("Cancel").on_hover_text(cancel).clicked() {
            actions.push(Action::CancelNote);
        }
        if ui
            .button("Delete highlight")
            .on_hover_text("Ctrl+Z brings it back")
            .clicked()
        {
            actions.push(Action::DeleteHighlight(editor.id.clone()));
        }
    });
}
