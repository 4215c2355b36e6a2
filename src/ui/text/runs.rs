//! Running text: runs laid out as wrapped text with their citation markers, left to right or right to left.

use super::*;

/// Draws inline runs as wrapped text, each citation a focusable link that previews its
/// reference on hover. `flash` says which citation place to highlight.
///
/// With `marks`, the text can be selected and is drawn over its highlights: the runs are the
/// next piece of the unit `marks` draws (see [`super::marks`]).
pub fn runs_ui(
    ui: &mut Ui,
    article: &Article,
    runs: &[Inline],
    look: &TextLook,
    counter: &mut CiteCounter,
    flash: Flash,
    mut marks: Option<&mut crate::ui::marks::Marks>,
) -> Vec<Action> {
    let base = marks
        .as_mut()
        .map_or(0, |m| m.piece_start(crate::ui::marks::piece_key(runs)));
    if crate::article::model::is_right_to_left(runs) {
        return right_to_left_ui(ui, article, runs, look, counter, flash);
    }
    let mut actions = Vec::new();
    let paragraph = egui::UiBuilder::new().accessibility_role(Role::Paragraph);
    let mut at = base;
    let response = ui.scope_builder(paragraph, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing = egui::vec2(0.0, 0.0);
            ui.spacing_mut().interact_size.y = look.line_height;
            let mut i = 0;
            while i < runs.len() {
                match &runs[i] {
                    Inline::Text(t) => {
                        let before_cite = matches!(runs.get(i + 1), Some(Inline::Cite(_)));
                        if before_cite {
                            // Keep the last word with the marker, so that wrapping never parts them;
                            // but a "word" wider than half the column wraps on its own.
                            let (mut head, lead, _) = split_last_word(t);
                            let row = ui.max_rect().width();
                            if text_width(ui, lead, look.font.clone()) > row / 2.0 {
                                head = t.as_str();
                            }
                            // The word and the spaces after it, as the text has them.
                            let lead = &t[head.len()..];
                            if !head.is_empty() {
                                let job = text_job(ui, head, look);
                                crate::ui::marks::text_piece_ui(ui, job, at, marks.as_deref_mut());
                            }
                            if let Some(Inline::Cite(n)) = runs.get(i + 1) {
                                let flashing =
                                    counter.next(*n).is_some_and(|p| Some(p) == flash.place);
                                let flash = if flashing { Some(flash.scroll) } else { None };
                                let piece = marks.as_deref_mut().map(|m| (m, at + head.len()));
                                actions.extend(citation_ui(
                                    ui,
                                    article,
                                    lead,
                                    false,
                                    Cite {
                                        number: *n,
                                        place: i + 1,
                                        flash,
                                    },
                                    look,
                                    piece,
                                ));
                                at += format!("[{n}]").len();
                            }
                            at += t.len();
                            i += 2;
                            continue;
                        }
                        let job = text_job(ui, t, look);
                        crate::ui::marks::text_piece_ui(ui, job, at, marks.as_deref_mut());
                        at += t.len();
                    }
                    Inline::Emphasis(t) => {
                        let job = styled_job(ui, t, look, true);
                        crate::ui::marks::text_piece_ui(ui, job, at, marks.as_deref_mut());
                        at += t.len();
                    }
                    Inline::Link(url) => {
                        let text = egui::RichText::new(url.as_str()).font(look.font.clone());
                        actions.extend(url_ui(ui, text, url));
                        at += url.len();
                    }
                    Inline::Cite(n) => {
                        let flashing = counter.next(*n).is_some_and(|p| Some(p) == flash.place);
                        let flash = if flashing { Some(flash.scroll) } else { None };
                        let piece = marks.as_deref_mut().map(|m| (m, at));
                        actions.extend(citation_ui(
                            ui,
                            article,
                            "",
                            false,
                            Cite {
                                number: *n,
                                place: i,
                                flash,
                            },
                            look,
                            piece,
                        ));
                        at += format!("[{n}]").len();
                    }
                }
                i += 1;
            }
        })
    });
    // A screen reader hears what of the paragraph is highlighted, and the notes on it.
    if let Some(m) = marks {
        let said: Vec<&str> = m.overlapping(base..at).map(|h| h.label.as_str()).collect();
        if !said.is_empty() {
            let description = said.join("; ");
            crate::ui::a11y::node(ui, response.response.id, |n| n.set_description(description));
        }
    }
    actions
}

/// A right-to-left paragraph: its text right-aligned, the shaper setting each line right to
/// left, and its citation markers after it on their own row, right-aligned. Markers are not
/// placed inside right-to-left text: egui lays out rows left to right.
pub(super) fn right_to_left_ui(
    ui: &mut Ui,
    article: &Article,
    runs: &[Inline],
    look: &TextLook,
    counter: &mut CiteCounter,
    flash: Flash,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let text: String = runs
        .iter()
        .filter_map(|r| match r {
            Inline::Text(t) | Inline::Emphasis(t) | Inline::Link(t) => Some(t.as_str()),
            Inline::Cite(_) => None,
        })
        .collect();
    let paragraph = egui::UiBuilder::new()
        .accessibility_role(Role::Paragraph)
        .layout(egui::Layout::top_down(egui::Align::Max));
    ui.scope_builder(paragraph, |ui| {
        ui.spacing_mut().item_spacing.y = 0.0;
        // Drawn, and named for a screen reader, as one piece: egui's text runs of a line
        // shaped right to left come out garbled to AT-SPI's text interface.
        let mut job = text_job(ui, text.trim(), look);
        job.wrap.max_width = ui.available_width();
        job.halign = egui::Align::RIGHT;
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let size = egui::vec2(ui.available_width(), galley.size().y);
        let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
        response.widget_info(|| WidgetInfo::labeled(Role::Label, true, text.trim()));
        // Its bounds are where the lines are drawn, at the right of the row.
        let drawn = galley.rect.translate(rect.right_top().to_vec2());
        crate::ui::a11y::set_bounds(ui, response.id, drawn);
        if ui.is_rect_visible(rect) {
            ui.painter().galley(rect.right_top(), galley, look.color);
        }
        let cites: Vec<(usize, u32)> = runs
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.cite().map(|n| (i, n)))
            .collect();
        if !cites.is_empty() {
            ui.with_layout(
                egui::Layout::right_to_left(egui::Align::Center).with_main_wrap(true),
                |ui| {
                    for (place, number) in cites {
                        let flashing = counter.next(number).is_some_and(|p| Some(p) == flash.place);
                        let flash = if flashing { Some(flash.scroll) } else { None };
                        let cite = Cite {
                            number,
                            place,
                            flash,
                        };
                        actions.extend(citation_ui(ui, article, "", false, cite, look, None));
                        ui.add_space(4.0);
                    }
                },
            );
        }
    });
    actions
}

/// Splits off the last word: (text before it, the word, whether a space followed it).
pub(super) fn split_last_word(text: &str) -> (&str, &str, bool) {
    let trimmed = text.trim_end();
    let gap = trimmed.len() < text.len();
    let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| {
        i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
    });
    (&trimmed[..start], &trimmed[start..], gap)
}
