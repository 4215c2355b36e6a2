//! Around the article's selected and highlighted text: what the body needs to draw it
//! ([`marks_of`]), the selecting pointer and keys, the popup over a selection or a clicked
//! highlight, the marks in the margin, and a note shown on hover.

use egui::{Color32, Id, RichText, Sense, Ui};

use super::marks::{Marks, Shown};
use super::notes::{short, swatch_ui};
use crate::article::notes::{Colour, Placed, Unit};
use crate::view::View;
use crate::view::action::Action;

/// What the body needs to draw and select a unit: its pieces' offsets, the highlights placed
/// in it, the selection and the flash.
pub fn marks_of(view: &View, unit: Unit) -> Marks {
    use super::marks::piece_key;
    let starts = view
        .texts
        .get(unit)
        .map(|t| t.starts.clone())
        .unwrap_or_default();
    let article = &view.article;
    let blocks = match unit {
        Unit::Lede => Some(&article.lede),
        Unit::Section(i) => article.sections.get(i).map(|s| &s.blocks),
        Unit::Guidance => None,
    };
    let keys = match blocks {
        Some(blocks) => crate::article::notes::pieces(blocks)
            .into_iter()
            .map(|p| match p {
                crate::article::notes::Piece::Runs(r) => piece_key(r),
                crate::article::notes::Piece::Term(t) => piece_key(t.as_bytes()),
            })
            .collect(),
        None => crate::article::notes::guidance_runs(&article.guidance)
            .into_iter()
            .map(piece_key)
            .collect(),
    };
    let mut marks = Marks::new(unit, starts, keys);
    for (index, (a, placed)) in view.notes.iter().zip(&view.placed).enumerate() {
        if let Placed::At { unit: u, range, .. } = placed
            && *u == unit
        {
            let mut label = format!("highlighted in {}: “{}”", a.colour.name(), a.quote.exact);
            if !a.note.trim().is_empty() {
                label.push_str(&format!("; note: {}", a.note.trim()));
            }
            marks.highlights.push(Shown {
                range: range.clone(),
                colour: a.colour,
                index,
                has_note: !a.note.trim().is_empty(),
                label,
            });
            if view.note_flash.as_ref().is_some_and(|(id, _)| *id == a.id) {
                marks.flash = Some(range.clone());
            }
        }
    }
    marks.selection = view
        .selection
        .filter(|s| s.unit == unit && !s.is_empty())
        .map(|s| s.range());
    marks
}

/// After a unit's text is drawn: the pointer and keys that select in it, the note marks in
/// the margin, and the popup over the selection or a clicked highlight.
pub fn unit_marks_ui(ui: &mut Ui, view: &View, marks: &Marks) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(text) = view.texts.get(marks.unit).map(|t| t.text.as_str()) else {
        return actions;
    };
    if view.scroll_note
        && let Some(f) = &marks.flash
        && let Some((first, _)) = marks.span_rects(f)
    {
        ui.scroll_to_rect(first, Some(egui::Align::Center));
    }
    actions.extend(super::marks::pointer(ui, marks, text, view.selection));
    // Shift and the arrows, where the article has focus (or nothing has), in the unit of the
    // selection or else the section.
    let pane = super::a11y::focused_pane(ui.ctx());
    let in_guidance = marks.unit == Unit::Guidance;
    let mine = match view.selection {
        Some(s) => s.unit == marks.unit,
        None if in_guidance => true,
        None => marks.unit == Unit::Section(view.section),
    };
    let reading = if in_guidance {
        pane == Some(super::a11y::Pane::Guidance)
    } else {
        ui.memory(|m| m.focused()).is_none() || pane == Some(super::a11y::Pane::Article)
    };
    if mine && reading && view.note_editor.is_none() && !ui.ctx().text_edit_focused() {
        actions.extend(super::marks::keys(
            ui,
            marks,
            text,
            view.selection,
            view.caret,
        ));
    }

    // The popup: over a finished selection, or a highlight that was clicked.
    let dragging = super::marks::is_dragging(ui, marks.unit);
    // Resting the pointer on highlighted text shows its note.
    if !dragging
        && view.active_highlight.is_none()
        && marks.selection.is_none()
        && let Some(pos) = ui.input(|i| i.pointer.hover_pos())
        && marks.is_over_text(ui, pos)
        && let Some(at) = marks.offset_at(pos)
        && let Some(a) = marks
            .highlights
            .iter()
            .filter(|h| h.has_note && h.range.start <= at && at < h.range.end)
            .find_map(|h| view.notes.get(h.index))
    {
        egui::Tooltip::always_open(
            ui.ctx().clone(),
            ui.layer_id(),
            Id::unique(("note-hover", &a.id)),
            egui::PopupAnchor::Pointer,
        )
        .show(|ui| {
            ui.set_max_width(360.0);
            ui.label(a.note.trim());
            ui.label(RichText::new("Click the highlight to edit").small().weak());
        });
    }
    if let Some(range) = marks.selection.clone().filter(|_| !dragging)
        && let Some((_, last)) = marks.span_rects(&range)
    {
        actions.extend(popup_ui(ui, view, last, None));
    } else if let Some(id) = &view.active_highlight
        && let Some(h) = marks
            .highlights
            .iter()
            .find(|h| view.notes.get(h.index).is_some_and(|a| &a.id == id))
        && let Some((_, last)) = marks.span_rects(&h.range)
    {
        actions.extend(popup_ui(ui, view, last, Some(h.index)));
    }
    actions
}

/// A mark in the left margin beside each highlight: a note's mark for one with a note
/// (hovering shows the note, clicking or Enter opens it), a thin bar for one without (clicking
/// or Enter opens its popup, with focus in it). Each is a button to the keyboard and a screen
/// reader, so that every highlight can be reached without a mouse.
///
/// Drawn after each block, for the highlights that start in it (the pieces drawn since
/// `since`), so that Tab reaches a paragraph's marks after its citations, before the next
/// paragraph's. (The guidance panel has no margin for them: its notes show on hover.)
pub fn block_marks_ui(ui: &mut Ui, view: &View, marks: &Marks, since: usize) -> Vec<Action> {
    let mut actions = Vec::new();
    let drawn = marks.drawn.get(since..).unwrap_or_default();
    let (Some(first), Some(last)) = (drawn.first(), drawn.last()) else {
        return actions;
    };
    let block = first.start..last.start + last.galley.text().len();
    // In the margin, but never left of what is shown of the article.
    let right = ui.max_rect().left() - 4.0;
    let left = (ui.max_rect().left() - 17.0).max(ui.clip_rect().left() + 1.0);
    for h in marks
        .highlights
        .iter()
        .filter(|h| block.contains(&h.range.start))
    {
        let Some(a) = view.notes.get(h.index) else {
            continue;
        };
        let Some((first, _)) = marks.span_rects(&h.range) else {
            continue;
        };
        let width = if h.has_note { 11.0 } else { 4.0 };
        let x = if h.has_note {
            left
        } else {
            right - width - 1.0
        };
        let rect = egui::Rect::from_min_size(
            egui::pos2(x, first.top() + 2.0),
            egui::vec2(width, (first.height() - 4.0).clamp(10.0, 16.0)),
        );
        let response = ui.interact(rect, Id::unique(("note-mark", &a.id)), Sense::click());
        let name = if h.has_note {
            format!("Note on “{}”: {}", short(&a.quote.exact, 60), a.note.trim())
        } else {
            format!(
                "{} highlight: “{}”",
                a.colour.title(),
                short(&a.quote.exact, 60)
            )
        };
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        super::a11y::name(ui, &response, &name);
        super::a11y::follow_focus(ui, &response);
        if ui.is_rect_visible(rect) {
            let colour = super::palette::highlight_mark(ui.visuals(), a.colour);
            let painter = ui.painter();
            painter.rect_filled(rect, 2.0, colour);
            let ink = if ui.visuals().dark_mode {
                Color32::from_gray(20)
            } else {
                Color32::WHITE
            };
            if h.has_note {
                for k in 1..=2 {
                    let y = rect.top() + rect.height() * k as f32 / 3.0;
                    painter.hline(
                        (rect.left() + 2.5)..=(rect.right() - 2.5),
                        y,
                        egui::Stroke::new(1.0, ink),
                    );
                }
            }
            if response.hovered() || response.has_focus() {
                painter.rect_stroke(
                    rect.expand(2.0),
                    3.0,
                    egui::Stroke::new(1.5, ui.visuals().selection.stroke.color),
                    egui::StrokeKind::Outside,
                );
            }
        }
        let response = response.on_hover_cursor(egui::CursorIcon::PointingHand);
        let response = if h.has_note {
            response.on_hover_ui(|ui| {
                ui.set_max_width(360.0);
                ui.label(RichText::new(a.note.trim()));
                ui.label(RichText::new("Click to edit").small().weak());
            })
        } else {
            response.on_hover_text("Colour, note, copy or delete")
        };
        if response.clicked() {
            if h.has_note {
                actions.push(Action::EditNote(a.id.clone()));
            } else {
                actions.push(Action::OpenHighlight(Some(h.index)));
                actions.push(Action::FocusPopup);
            }
        }
    }
    actions
}

/// The popup under a selection (`highlight` None) or a clicked highlight: the four colours,
/// the note, copying, and for a highlight, deleting.
fn popup_ui(ui: &Ui, view: &View, below: egui::Rect, highlight: Option<usize>) -> Vec<Action> {
    let mut actions = Vec::new();
    let pos = egui::pos2(below.left(), below.bottom() + 4.0);
    let annotation = highlight.and_then(|i| view.notes.get(i));
    egui::Area::new(Id::unique("highlight-popup"))
        .order(egui::Order::Foreground)
        .fixed_pos(pos)
        .constrain(true)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                let region = egui::UiBuilder::new().accessibility_role(egui::Role::Toolbar);
                // Within the window: a narrow or zoomed one wraps the buttons onto more rows.
                ui.set_max_width((ui.ctx().content_rect().width() - 24.0).max(120.0));
                ui.scope_builder(region, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        for (k, colour) in Colour::ALL.into_iter().enumerate() {
                            let current = annotation.is_some_and(|a| a.colour == colour);
                            let name = match annotation {
                                Some(_) => format!("Make it {}", colour.name()),
                                None => format!("Highlight {}", colour.name()),
                            };
                            let r = swatch_ui(ui, colour, current, &name);
                            if k == 0 && view.focus_popup {
                                r.request_focus();
                            }
                            super::a11y::follow_focus(ui, &r);
                            if r.clicked() {
                                actions.push(match annotation {
                                    Some(a) => Action::Recolour(a.id.clone(), colour),
                                    None => Action::Highlight {
                                        colour: Some(colour),
                                        note: false,
                                    },
                                });
                            }
                        }
                        ui.separator();
                        let note_label = match annotation {
                            Some(a) if !a.note.trim().is_empty() => "Edit note",
                            _ => "Add note",
                        };
                        let button = |ui: &mut Ui, label: &str, tip: &str| {
                            let r = ui.button(label).on_hover_text(tip);
                            super::a11y::follow_focus(ui, &r);
                            r.clicked()
                        };
                        if button(ui, note_label, "Ctrl+Shift+H on a selection") {
                            actions.push(match annotation {
                                Some(a) => Action::EditNote(a.id.clone()),
                                None => Action::Highlight {
                                    colour: None,
                                    note: true,
                                },
                            });
                        }
                        if button(ui, "Copy", "The text alone") {
                            actions.push(match annotation {
                                Some(a) => Action::CopyHighlight {
                                    id: a.id.clone(),
                                    citation: false,
                                },
                                None => Action::CopySelection { citation: false },
                            });
                        }
                        if button(
                            ui,
                            "Copy with citation",
                            "The text, where it is from, and the references it cites",
                        ) {
                            actions.push(match annotation {
                                Some(a) => Action::CopyHighlight {
                                    id: a.id.clone(),
                                    citation: true,
                                },
                                None => Action::CopySelection { citation: true },
                            });
                        }
                        if let Some(a) = annotation
                            && button(ui, "Delete", "Ctrl+Z brings it back")
                        {
                            actions.push(Action::DeleteHighlight(a.id.clone()));
                        }
                    });
                });
            });
        });
    actions
}
