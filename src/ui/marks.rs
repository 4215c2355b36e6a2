//! Selecting and highlighting the article's running text. Each piece of text is drawn over
//! its highlights and the selection, and remembered with its place in the unit's text (see
//! [`crate::article::notes::unit_text`]), so that a pointer position or a key maps to an offset. The
//! body reports selections and highlight requests as [`Action`]s; the app applies them.

use std::ops::Range;
use std::sync::Arc;

use egui::{Color32, Galley, Id, Pos2, Rect, Sense, Ui};

use crate::article::notes::{Colour, Selection, Unit};
use crate::view::action::Action;

/// A piece of text drawn this frame.
pub struct Drawn {
    /// Its byte offset in the unit's text.
    pub start: usize,
    pub galley: Arc<Galley>,
    pub pos: Pos2,
    /// Where a citation marker sits inside it, which a press does not start selecting on.
    pub marker: Option<Rect>,
}

impl Drawn {
    fn end(&self) -> usize {
        self.start + self.galley.text().len()
    }
}

/// One highlight as the body draws it.
pub struct Shown {
    pub range: Range<usize>,
    pub colour: Colour,
    /// The annotation's index in the app's list.
    pub index: usize,
    pub has_note: bool,
    /// What a screen reader hears of it: "highlighted in yellow: “…”; note: …".
    pub label: String,
}

/// What the body needs to draw and select one unit's text.
pub struct Marks {
    pub unit: Unit,
    /// The byte offset of each piece, and the address of the text it is drawn from (a run
    /// list or an entry's term), by which a panel that skips pieces (a closed group) still
    /// finds the right one.
    starts: Vec<usize>,
    keys: Vec<usize>,
    next: usize,
    pub highlights: Vec<Shown>,
    pub selection: Option<Range<usize>>,
    /// The highlight flashed after "go to" in the notes panel.
    pub flash: Option<Range<usize>>,
    pub drawn: Vec<Drawn>,
}

impl Marks {
    pub fn new(unit: Unit, starts: Vec<usize>, keys: Vec<usize>) -> Self {
        Self {
            unit,
            starts,
            keys,
            next: 0,
            highlights: Vec::new(),
            selection: None,
            flash: None,
            drawn: Vec::new(),
        }
    }

    /// The offset of the piece drawn from the text at address `key` (see [`piece_key`]);
    /// else of the next piece in drawing order.
    pub fn piece_start(&mut self, key: usize) -> usize {
        let index = self
            .keys
            .iter()
            .position(|k| *k == key)
            .unwrap_or(self.next);
        self.next = index + 1;
        self.starts.get(index).copied().unwrap_or(0)
    }

    /// The highlights that overlap `range`.
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Shown> {
        self.highlights
            .iter()
            .filter(move |h| h.range.start < range.end && range.start < h.range.end)
    }

    /// Paints the highlights, the flash and the selection behind a piece of text.
    fn paint_behind(&self, ui: &Ui, galley: &Galley, pos: Pos2, start: usize) {
        let end = start + galley.text().len();
        let visuals = ui.visuals();
        let fill = |range: &Range<usize>, colour: Color32| {
            let a = range.start.max(start);
            let b = range.end.min(end);
            if a < b {
                for r in range_rects(galley, a - start, b - start) {
                    ui.painter()
                        .rect_filled(r.translate(pos.to_vec2()), 0.0, colour);
                }
            }
        };
        for h in self.overlapping(start..end) {
            fill(&h.range, super::palette::highlight(visuals, h.colour));
        }
        if let Some(f) = &self.flash {
            let t = ui.input(|i| i.time);
            let alpha = (96.0 + 96.0 * (t * 6.0).sin()) as u8;
            fill(f, Color32::from_rgba_unmultiplied(255, 140, 0, alpha));
        }
        if let Some(s) = &self.selection {
            // Filled and outlined, so that it shows over a highlight of any colour.
            fill(s, visuals.selection.bg_fill.gamma_multiply(0.75));
            let a = s.start.max(start);
            let b = s.end.min(end);
            if a < b {
                let stroke = egui::Stroke::new(1.5, visuals.selection.stroke.color);
                for r in range_rects(galley, a - start, b - start) {
                    ui.painter().rect_stroke(
                        r.translate(pos.to_vec2()),
                        0.0,
                        stroke,
                        egui::StrokeKind::Inside,
                    );
                }
            }
        }
    }

    /// The offset just after the citation marker that has keyboard focus, if one of this
    /// unit's has.
    fn after_focused_citation(&self, ui: &Ui) -> Option<usize> {
        let id = ui.memory(|m| m.focused())?;
        let rect = ui.ctx().read_response(id)?.rect;
        self.drawn
            .iter()
            .find(|d| {
                d.marker
                    .is_some_and(|m| m.center().distance(rect.center()) < 1.0)
            })
            .map(Drawn::end)
    }

    /// Whether `pos` is on this unit's text (not on a citation marker, nor under a window
    /// or popup).
    pub fn is_over_text(&self, ui: &Ui, pos: Pos2) -> bool {
        self.drawn.iter().any(|d| {
            let on_marker = d.marker.is_some_and(|m| m.contains(pos));
            !on_marker
                && d.galley
                    .rows
                    .iter()
                    .any(|r| r.rect().translate(d.pos.to_vec2()).contains(pos))
        }) && ui.ctx().layer_id_at(pos) == Some(ui.layer_id())
    }

    /// The unit offset under `pos`, or of the nearest text to it.
    pub fn offset_at(&self, pos: Pos2) -> Option<usize> {
        let mut best: Option<(f32, f32, &Drawn, Rect)> = None;
        for d in &self.drawn {
            for row in &d.galley.rows {
                let r = row.rect().translate(d.pos.to_vec2());
                let dy = outside(pos.y, r.y_range());
                let dx = outside(pos.x, r.x_range());
                if best
                    .as_ref()
                    .is_none_or(|(by, bx, ..)| (dy, dx) < (*by, *bx))
                {
                    best = Some((dy, dx, d, r));
                }
            }
        }
        let (_, _, d, r) = best?;
        let inside = egui::pos2(pos.x, pos.y.clamp(r.top() + 1.0, r.bottom() - 1.0));
        let cursor = d.galley.cursor_from_pos(inside - d.pos);
        Some(d.start + crate::article::notes::anchor::byte_of_char(d.galley.text(), cursor.index.0))
    }

    /// Where offset `at` is drawn: the rectangle of the character there.
    pub fn rect_at(&self, at: usize) -> Option<Rect> {
        let d = self.drawn.iter().find(|d| d.start <= at && at <= d.end())?;
        let ch = d.galley.text()[..at - d.start].chars().count();
        let r = d
            .galley
            .pos_from_cursor(egui::text::CCursor::new(ch))
            .translate(d.pos.to_vec2());
        Some(r)
    }

    /// The first and last rows of a range, for placing the popup and the margin mark.
    pub fn span_rects(&self, range: &Range<usize>) -> Option<(Rect, Rect)> {
        let mut rects = Vec::new();
        for d in &self.drawn {
            let a = range.start.max(d.start);
            let b = range.end.min(d.end());
            if a < b {
                rects.extend(
                    range_rects(&d.galley, a - d.start, b - d.start)
                        .into_iter()
                        .map(|r| r.translate(d.pos.to_vec2())),
                );
            }
        }
        Some((*rects.first()?, *rects.last()?))
    }
}

/// How far `v` lies outside `range`; 0 inside it.
fn outside(v: f32, range: egui::Rangef) -> f32 {
    (range.min - v).max(v - range.max).max(0.0)
}

/// The address of a piece's text, which [`Marks::piece_start`] finds it by.
pub fn piece_key<T>(text: &[T]) -> usize {
    text.as_ptr() as usize
}

/// The rectangles, one per row, that cover bytes `a..b` of a galley's text (relative to the
/// galley).
pub fn range_rects(galley: &Galley, a: usize, b: usize) -> Vec<Rect> {
    let text = galley.text();
    let ca = text[..a.min(text.len())].chars().count();
    let cb = text[..b.min(text.len())].chars().count();
    let mut out = Vec::new();
    let mut first = 0;
    for row in &galley.rows {
        let n = row.char_count_excluding_newline().0;
        let (s, e) = (ca.max(first), cb.min(first + n));
        if s < e {
            let x0 = row.x_offset(egui::text::CharIndex(s - first));
            let x1 = row.x_offset(egui::text::CharIndex(e - first));
            let r = row.rect();
            out.push(Rect::from_min_max(
                egui::pos2(r.left() + x0, r.top()),
                egui::pos2(r.left() + x1, r.bottom()),
            ));
        }
        first += row.char_count_including_newline().0;
    }
    out
}

/// A piece of running text at unit offset `start`: laid out as a label would be (wrapping on
/// from the row's cursor), drawn over its highlights, senses presses and drags for selecting,
/// and is remembered in `marks`. Without `marks` it is a plain label.
pub fn text_piece_ui(
    ui: &mut Ui,
    text: impl Into<egui::WidgetText>,
    start: usize,
    marks: Option<&mut Marks>,
) -> egui::Response {
    let Some(marks) = marks else {
        return ui.label(text);
    };
    let sense = Sense::click_and_drag() - Sense::FOCUSABLE;
    let (pos, galley, response) = egui::Label::new(text)
        .selectable(false)
        .sense(sense)
        .layout_in_ui(ui);
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Label, ui.is_enabled(), galley.text())
    });
    if ui.is_rect_visible(response.rect) {
        marks.paint_behind(ui, &galley, pos, start);
        ui.painter()
            .galley(pos, galley.clone(), ui.visuals().text_color());
    }
    marks.drawn.push(Drawn {
        start,
        galley,
        pos,
        marker: None,
    });
    response.on_hover_cursor(egui::CursorIcon::Text)
}

/// Paints a citation's galley (its last word and marker) over its highlights and remembers
/// it, the marker excluded from starting a selection.
pub fn citation_piece(
    ui: &Ui,
    marks: &mut Marks,
    galley: Arc<Galley>,
    pos: Pos2,
    start: usize,
    marker: Rect,
) {
    if ui.is_rect_visible(Rect::from_min_size(pos, galley.size())) {
        marks.paint_behind(ui, &galley, pos, start);
    }
    marks.drawn.push(Drawn {
        start,
        galley,
        pos,
        marker: Some(marker),
    });
}

fn drag_id(unit: Unit) -> Id {
    Id::unique(("text-selection-drag", unit))
}

/// The pointer over the unit's text: a press starts a selection, a drag extends it, a
/// double-click selects a word, a click on a highlight opens it, a click elsewhere clears.
pub fn pointer(ui: &Ui, marks: &Marks, text: &str, current: Option<Selection>) -> Vec<Action> {
    let mut actions = Vec::new();
    let (pressed, down, released, pos, double) = ui.input(|i| {
        (
            i.pointer.primary_pressed(),
            i.pointer.primary_down(),
            i.pointer.primary_released(),
            i.pointer.interact_pos(),
            i.pointer
                .button_double_clicked(egui::PointerButton::Primary),
        )
    });
    let Some(pos) = pos else {
        return actions;
    };
    let unit = marks.unit;
    let over_text = || marks.is_over_text(ui, pos);
    let dragging: Option<usize> = ui.data(|d| d.get_temp(drag_id(unit)));
    if double && over_text() {
        if let Some(at) = marks.offset_at(pos) {
            let w = crate::article::notes::word_at(text, at);
            ui.data_mut(|d| d.remove::<usize>(drag_id(unit)));
            actions.push(Action::Select(Some(Selection {
                unit,
                anchor: w.start,
                head: w.end,
            })));
        }
        return actions;
    }
    if pressed && over_text() {
        if let Some(at) = marks.offset_at(pos) {
            let shift = ui.input(|i| i.modifiers.shift);
            let anchor = match current {
                Some(s) if shift && s.unit == unit => s.anchor,
                _ => at,
            };
            ui.data_mut(|d| d.insert_temp(drag_id(unit), anchor));
            actions.push(Action::Select(Some(Selection {
                unit,
                anchor,
                head: at,
            })));
            actions.push(Action::OpenHighlight(None));
        }
        return actions;
    }
    if let Some(anchor) = dragging {
        let head = marks.offset_at(pos).unwrap_or(anchor);
        if down {
            // Held near or past the top or bottom of the article, the selection goes on:
            // the article scrolls, faster the further out the pointer is.
            let clip = ui.clip_rect();
            let edge = 40.0;
            let out = if pos.y < clip.top() + edge {
                clip.top() + edge - pos.y
            } else if pos.y > clip.bottom() - edge {
                clip.bottom() - edge - pos.y
            } else {
                0.0
            };
            if out != 0.0 {
                ui.scroll_with_delta(egui::vec2(0.0, (out * 0.4).clamp(-30.0, 30.0)));
                ui.ctx().request_repaint();
            }
            if current.is_none_or(|s| s.head != head || s.anchor != anchor) {
                actions.push(Action::Select(Some(Selection { unit, anchor, head })));
            }
        } else if released || !down {
            ui.data_mut(|d| d.remove::<usize>(drag_id(unit)));
            if head == anchor {
                // A click: on a highlight it opens it; elsewhere it clears the selection.
                actions.push(Action::Select(None));
                let hit = marks
                    .highlights
                    .iter()
                    .filter(|h| h.range.start <= head && head < h.range.end)
                    .min_by_key(|h| h.range.len());
                actions.push(Action::OpenHighlight(hit.map(|h| h.index)));
            } else {
                actions.push(Action::Select(Some(Selection { unit, anchor, head })));
            }
        }
    }
    actions
}

/// Whether a selection is being dragged out right now.
pub fn is_dragging(ui: &Ui, unit: Unit) -> bool {
    ui.data(|d| d.get_temp::<usize>(drag_id(unit))).is_some()
}

/// Shift with the arrows, Home and End (Ctrl for words) extends the selection from where it
/// ends, or starts one where focus is: after the focused citation, else at the start of the
/// unit's text. Up and Down go by a line.
pub fn keys(
    ui: &Ui,
    marks: &Marks,
    text: &str,
    current: Option<Selection>,
    caret: Option<(Unit, usize, Option<Id>)>,
) -> Option<Action> {
    use egui::{Key, Modifiers};
    let unit = marks.unit;
    let (anchor, head) = match current {
        Some(s) if s.unit == unit => (s.anchor, s.head),
        _ => {
            // Where the last selection ended, while focus is where it was then; else after
            // the focused citation; else the start.
            let focused = ui.memory(|m| m.focused());
            let at = caret
                .filter(|(u, _, f)| *u == unit && *f == focused)
                .map(|(_, at, _)| at)
                .or_else(|| marks.after_focused_citation(ui))
                .unwrap_or(0)
                .min(text.len());
            (at, at)
        }
    };
    let shift = Modifiers::SHIFT;
    let word = Modifiers::COMMAND | Modifiers::SHIFT;
    let new = ui.input_mut(|i| {
        if i.consume_key(word, Key::ArrowRight) {
            Some(crate::article::notes::word_step(text, head, true))
        } else if i.consume_key(word, Key::ArrowLeft) {
            Some(crate::article::notes::word_step(text, head, false))
        } else if i.consume_key(shift, Key::ArrowRight) {
            Some(crate::article::notes::char_step(text, head, true))
        } else if i.consume_key(shift, Key::ArrowLeft) {
            Some(crate::article::notes::char_step(text, head, false))
        } else if i.consume_key(shift, Key::End) {
            Some(text[head..].find('\n').map_or(text.len(), |n| head + n))
        } else if i.consume_key(shift, Key::Home) {
            Some(text[..head].rfind('\n').map_or(0, |n| n + 1))
        } else {
            let down = i.consume_key(shift, Key::ArrowDown);
            let up = !down && i.consume_key(shift, Key::ArrowUp);
            if !(down || up) {
                return None;
            }
            // A line down or up from where the selection ends, at the same x.
            let Some(r) = marks.rect_at(head) else {
                return Some(if down { text.len() } else { 0 });
            };
            let dy = r.height().max(8.0) * if down { 1.0 } else { -1.0 };
            let target = egui::pos2(r.left(), r.center().y + dy);
            Some(marks.offset_at(target).unwrap_or(head))
        }
    })?;
    if let Some(r) = marks.rect_at(new) {
        ui.scroll_to_rect(r, None);
    }
    Some(Action::Select(Some(Selection {
        unit,
        anchor,
        head: new,
    })))
}
