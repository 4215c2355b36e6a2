//! The window's panels, one file each. Every panel takes what it shows by shared reference
//! and returns the [`Action`]s the user asked for.

pub mod a11y;
pub mod body;
pub mod guidance;
pub mod highlights;
pub mod input;
pub mod keys;
pub mod layout;
pub mod marks;
pub mod notes;
pub mod overlays;
pub mod palette;
pub mod references;
pub mod sidebar;
pub mod text;
pub mod top_bar;

use egui::{FontFamily, FontId, TextStyle};

use crate::view::View;
use crate::view::action::{Action, FocusTo};
use crate::view::room;
use layout::Place;

/// Width below which the guidance panel starts hidden.
pub const WIDE_ENOUGH_FOR_GUIDANCE: f32 = 1000.0;

/// About the height of the menu bar, the toolbar and the status line together, in points.
const BARS_HEIGHT: f32 = 100.0;

/// "1 match", "2 matches", "3 content warnings".
pub fn count(n: usize, noun: &str) -> String {
    match (n, noun.ends_with("ch") || noun.ends_with('s')) {
        (1, _) => format!("1 {noun}"),
        (_, true) => format!("{n} {noun}es"),
        (_, false) => format!("{n} {noun}s"),
    }
}

/// A side panel's title (a level-2 heading) with its close button at the right, named in
/// words. Returns the title's response and whether the button was clicked.
pub fn panel_title_ui(ui: &mut egui::Ui, title: &str, what: &str) -> (egui::Response, bool) {
    ui.horizontal(|ui| {
        let heading = ui.heading(title);
        a11y::heading(ui, &heading, 2);
        let closed = ui
            .with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let close = ui.button("×").on_hover_text(format!("Hide the {what}"));
                a11y::name(ui, &close, &format!("Close the {what}"));
                a11y::follow_focus(ui, &close);
                close.clicked()
            })
            .inner;
        (heading, closed)
    })
    .inner
}

/// Text sizes tuned for reading.
pub fn install_fonts_and_style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(12.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(15.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(26.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(13.5, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
        style.interaction.tooltip_delay = 0.25;
        // One rendering per glyph instead of four sub-pixel variants: crisper body text,
        // a quarter of the glyph rasterizing on the first frame.
        style.visuals.text_options.subpixel_binning = false;
        palette::apply(&mut style.visuals);
    });
}

/// Draws every panel in order and returns what the user asked for; then clears the
/// one-frame requests (scroll to top, scroll to reference) that the panels have honoured.
pub fn draw(ui: &mut egui::Ui, view: &mut View) -> Vec<Action> {
    let mut actions = Vec::new();
    let ctx = ui.ctx().clone();
    if ctx.cumulative_pass_nr() == 0 && ui.available_width() < WIDE_ENOUGH_FOR_GUIDANCE {
        view.show_guidance = false;
    }
    a11y::note_input_kind(&ctx);
    if let Some(id) = a11y::keep_focus_on_escape(&ctx, Some(body::heading_id()))
        && a11y::pane_of(&ctx, id) == Some(a11y::Pane::References)
    {
        // Escape in the references panel goes back to the citation that led there.
        actions.push(Action::Focus(FocusTo::Citation));
    }
    a11y::cycle_panes(&ctx);
    // What fits beside the article: the window less the toolbar and the status line.
    let window = ui.available_rect_before_wrap();
    view.set_room(room::room(
        window.width(),
        window.height() - BARS_HEIGHT,
        view.show_guidance || view.show_notes,
    ));
    // Escape closes the panel in the article's place, where focus is in it (or nowhere): not
    // from a docked panel beside it.
    if let Some(panel) = view.overlay
        && ctx.input(|i| i.key_pressed(egui::Key::Escape))
        && !egui::Popup::is_any_open(&ctx)
    {
        let pane = match panel {
            room::Fold::Contents => a11y::Pane::Contents,
            room::Fold::Guidance => a11y::Pane::Guidance,
            room::Fold::Notes => a11y::Pane::Notes,
            room::Fold::References => a11y::Pane::References,
        };
        if a11y::focused_pane(&ctx).is_none_or(|p| p == pane || p == a11y::Pane::Article) {
            actions.push(Action::CloseOverlay);
        }
    }
    actions.extend(top_bar::top_bar_ui(ui, view));
    actions.extend(overlays::status_bar_ui(ui, view));
    let room = view.room;
    if !room.contents_folded {
        actions.extend(sidebar::sidebar_ui(
            ui,
            view,
            Place::Docked(room.max_sidebar),
        ));
    }
    // An article without guidance has no guidance panel.
    let has_guidance = !view.article.guidance.is_empty();
    if view.show_notes && !room.guidance_folded {
        actions.extend(notes::notes_panel_ui(
            ui,
            view,
            Place::Docked(room.max_guidance),
        ));
    } else if view.show_guidance && has_guidance && !room.guidance_folded {
        actions.extend(guidance::guidance_panel_ui(
            ui,
            view,
            Place::Docked(room.max_guidance),
        ));
    }
    if view.show_references && !room.references_folded {
        actions.extend(references::references_panel_ui(
            ui,
            view,
            Place::Docked(room.max_references),
        ));
    }
    // A folded panel the reader asked for takes the article's place.
    match view.overlay {
        Some(room::Fold::Contents) => {
            actions.extend(sidebar::sidebar_ui(ui, view, Place::Tab));
        }
        Some(room::Fold::Guidance) if has_guidance => {
            actions.extend(guidance::guidance_panel_ui(ui, view, Place::Tab));
        }
        Some(room::Fold::References) => {
            actions.extend(references::references_panel_ui(ui, view, Place::Tab));
        }
        Some(room::Fold::Notes) => {
            actions.extend(notes::notes_panel_ui(ui, view, Place::Tab));
        }
        _ => actions.extend(body::body_ui(ui, view)),
    }
    actions.extend(overlays::windows_ui(ui.ctx(), view));
    if let Some(editor) = &mut view.note_editor {
        actions.extend(notes::note_editor_ui(ui.ctx(), editor));
    }
    if let Some(field) = &mut view.export_field {
        let mut path = field.path.clone();
        actions.extend(overlays::export_field_ui(
            ui.ctx(),
            field.scope,
            field.notes,
            &mut path,
        ));
        field.path = path;
    }
    a11y::show_focused_separator(ui);
    // The window, to a screen reader, carries the article's title, as its title bar does.
    a11y::node(ui, egui::accesskit_root_id(), |n| {
        n.set_label(view.article.title.as_str())
    });
    if let Some(to) = view.focus.take() {
        let target = match to {
            FocusTo::Reference(n) => Some(references::entry_id(n)),
            FocusTo::Citation => a11y::citation_to_return_to(&ctx).or(Some(body::heading_id())),
            // The top bar has taken it.
            FocusTo::SearchButton => None,
            FocusTo::Body => Some(body::heading_id()),
            FocusTo::SectionEntry(i) => Some(sidebar::entry_id(i)),
            FocusTo::Panel(room::Fold::Contents) => Some(sidebar::entry_id(view.section)),
            FocusTo::Panel(room::Fold::References) => view
                .focused_reference
                .or_else(|| view.article.references.first().map(|r| r.number))
                .map(references::entry_id),
            FocusTo::Panel(room::Fold::Guidance) => a11y::pane_entry(&ctx, a11y::Pane::Guidance),
            FocusTo::Panel(room::Fold::Notes) => a11y::pane_entry(&ctx, a11y::Pane::Notes),
            FocusTo::Note(i) => Some(notes::entry_id(i)),
            FocusTo::Widget(id) => Some(id),
        };
        if let Some(id) = target {
            a11y::give_focus(&ctx, id);
        }
    }
    if std::mem::take(&mut view.keep_focus_in_view)
        && let Some(id) = ctx.memory(|m| m.focused())
    {
        a11y::give_focus(&ctx, id);
    }
    view.scroll_body_top = false;
    view.scroll_pages = None;
    view.scroll_to = None;
    view.scroll_to_flash = false;
    view.scroll_reference = false;
    view.scroll_sidebar = false;
    view.search.focus_field = false;
    view.scroll_note = false;
    view.focus_popup = false;
    actions
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(super::count(1, "match"), "1 match");
        assert_eq!(super::count(2, "match"), "2 matches");
        assert_eq!(super::count(0, "content warning"), "0 content warnings");
        assert_eq!(super::count(1, "content warning"), "1 content warning");
    }
}
