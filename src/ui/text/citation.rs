//! A citation marker: a small focusable link named for a screen reader, with its reference as a preview.

use super::*;

/// A citation marker `[n]`, drawn after `lead` (the word it belongs to) as one unbreakable
/// piece. Hover shows the reference card; a click or Enter focuses the reference.
pub fn citation_ui(
    ui: &mut Ui,
    article: &Article,
    lead: &str,
    gap: bool,
    cite: Cite,
    look: &TextLook,
    piece: Option<(&mut crate::ui::marks::Marks, usize)>,
) -> Vec<Action> {
    let Cite {
        number,
        place,
        flash,
    } = cite;
    let mut actions = Vec::new();
    let link_color = ui.visuals().hyperlink_color;
    let mut job = if lead.is_empty() {
        LayoutJob::default()
    } else {
        text_job(ui, lead, look)
    };
    if gap {
        job.append(" ", 0.0, look.format(look.color));
    }
    let lead_job = job.clone();
    let mut marker = look.format(link_color);
    if flash.is_some() {
        marker.background = highlight_color(ui);
    }
    job.append(&format!("[{number}]"), 0.0, marker);
    job.wrap.max_width = f32::INFINITY;
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let lead_width = if lead_job.is_empty() {
        0.0
    } else {
        ui.fonts_mut(|f| f.layout_job(lead_job.clone())).size().x
    };
    // The word and its marker are placed as one piece, so that wrapping never parts them, but
    // they are two things to a screen reader: the word is text, the marker alone is the link
    // (named "[4]", described by the reference's title), so that the running text is read whole.
    // An id from the place in the text, not egui's running count, which shifts when focus
    // moves: focus is given back to this citation by its id.
    let id = ui.unique_id().with(("citation", place));
    let (rect, _) = ui.allocate_exact_size(galley.size(), Sense::hover());
    let group = ui.interact(rect, id, Sense::hover());
    let marker_rect =
        egui::Rect::from_min_max(egui::pos2(rect.min.x + lead_width, rect.min.y), rect.max);
    let selectable = piece.is_some();
    if !lead_job.is_empty() {
        let lead_rect =
            egui::Rect::from_min_max(rect.min, egui::pos2(marker_rect.min.x, rect.max.y));
        // Selectable words take the press, so that a drag selects instead of scrolling.
        let sense = if selectable {
            Sense::click_and_drag() - Sense::FOCUSABLE
        } else {
            Sense::hover()
        };
        let words = ui.interact(lead_rect, group.id.with("words"), sense);
        words.widget_info(|| WidgetInfo::labeled(Role::Label, true, &lead_job.text));
        if selectable {
            words.on_hover_cursor(egui::CursorIcon::Text);
        }
    }
    if let Some((marks, start)) = piece {
        crate::ui::marks::citation_piece(ui, marks, galley.clone(), rect.min, start, marker_rect);
    }
    let response = ui.interact(marker_rect, group.id.with("link"), Sense::click());
    let reference = article.reference(number);
    let marker_text = format!("[{number}]");
    response.widget_info(|| WidgetInfo::labeled(Role::Link, true, &marker_text));
    if let Some(r) = reference {
        crate::ui::a11y::node(ui, response.id, |n| n.set_description(r.title.as_str()));
    }
    if ui.is_rect_visible(rect) {
        ui.painter().galley(rect.min, galley, look.color);
        if response.hovered() || response.has_focus() {
            let y = marker_rect.center().y + look.font.size * 0.55;
            ui.painter()
                .hline(marker_rect.x_range(), y, egui::Stroke::new(1.0, link_color));
        }
    }
    crate::ui::a11y::follow_focus(ui, &response);
    if flash == Some(true) {
        response.scroll_to_me(Some(egui::Align::Center));
    }
    let response = response.on_hover_cursor(egui::CursorIcon::PointingHand);
    if let Some(r) = reference {
        response.clone().on_hover_ui(|ui| {
            ui.set_max_width(420.0);
            actions.extend(reference_card_ui(ui, r));
        });
    }
    if response.clicked() {
        // Back, or Escape in the references panel, returns focus here.
        crate::ui::a11y::remember_citation(ui.ctx(), response.id);
        actions.push(Action::Cite(number));
    }
    actions
}
