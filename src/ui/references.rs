//! The references panel: every reference with its links, its data-quality notes and
//! "Cited in" back-links; the focused one highlighted and scrolled into view.

use egui::{RichText, Ui};

use super::text::links_ui;
use crate::article::model::{CitePlace, Reference};
use crate::view::View;
use crate::view::action::Action;

use super::layout::Place;

pub fn references_panel_ui(ui: &mut Ui, view: &View, place: Place) -> Vec<Action> {
    let panel = egui::Panel::bottom("references");
    super::layout::panel_ui(ui, place, panel, (250.0, 120.0..=600.0), |ui, tab| {
        let close = if tab {
            Action::CloseOverlay
        } else {
            Action::ToggleReferences
        };
        panel_ui(ui, view, close)
    })
}

/// The panel's title, its close button (which asks for `close`) and the list.
fn panel_ui(ui: &mut Ui, view: &View, close: Action) -> Vec<Action> {
    let mut actions = Vec::new();
    let entry = view
        .focused_reference
        .or_else(|| view.article.references.first().map(|r| r.number))
        .map_or(egui::Id::NULL, entry_id);
    super::a11y::remember_pane(ui, super::a11y::Pane::References, entry);
    super::a11y::Pane::References.region(ui, |ui| {
        ui.add_space(6.0);
        let (_, closed) = super::panel_title_ui(ui, "References", "references panel");
        if closed {
            actions.push(close);
        }
        ui.separator();
        actions.extend(reference_list_ui(ui, view));
    });
    actions
}

/// Height assumed for a reference not yet drawn.
const ESTIMATED_HEIGHT: f32 = 120.0;

/// Up to this many references, all are laid out every frame, so that every one is in the
/// accessibility tree and Tab reaches each; a longer list is laid out only where the viewport
/// shows it, and the rest are still named in the tree.
pub const ALL_LAID_OUT: usize = 300;

/// The id of the entry of reference `number`.
pub fn entry_id(number: u32) -> egui::Id {
    egui::Id::unique(("reference-entry", number))
}

fn reference_list_ui(ui: &mut Ui, view: &View) -> Vec<Action> {
    let mut actions = Vec::new();
    let refs = &view.article.references;
    let list = egui::UiBuilder::new()
        .accessibility_role(egui::accesskit::Role::List)
        .accessibility_label("References");
    if refs.len() <= ALL_LAID_OUT {
        egui::ScrollArea::vertical()
            .id_salt("references")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.scope_builder(list, |ui| {
                    for r in refs {
                        actions.extend(reference_ui(ui, view, r));
                    }
                });
            });
        return actions;
    }
    let heights_id = egui::Id::unique("reference-heights");
    let mut heights: Vec<f32> = ui.data(|d| d.get_temp(heights_id)).unwrap_or_default();
    if heights.len() != refs.len() {
        heights = vec![ESTIMATED_HEIGHT; refs.len()];
    }
    let mut tops = Vec::with_capacity(refs.len() + 1);
    let mut y = 0.0;
    for h in &heights {
        tops.push(y);
        y += h;
    }
    tops.push(y);
    let mut area = egui::ScrollArea::vertical()
        .id_salt("references")
        .auto_shrink([false, false]);
    let focused = view
        .focused_reference
        .and_then(|n| refs.iter().position(|r| r.number == n));
    if let (true, Some(i)) = (view.scroll_reference, focused) {
        area = area.vertical_scroll_offset(tops[i]);
    }
    area.show_viewport(ui, |ui, viewport| {
        ui.scope_builder(list, |ui| {
            let first = tops[1..].partition_point(|bottom| *bottom <= viewport.min.y);
            let top = ui.cursor().top();
            // Entries out of view are named in the tree, without being laid out.
            let unseen = |ui: &Ui, r: &Reference| {
                let entry = ui.interact(
                    egui::Rect::NOTHING,
                    entry_id(r.number),
                    egui::Sense::hover(),
                );
                super::a11y::node(ui, entry.id, |n| {
                    n.set_role(egui::accesskit::Role::ListItem);
                    n.set_label(entry_name(r));
                });
            };
            for r in &refs[..first.min(refs.len())] {
                unseen(ui, r);
            }
            ui.add_space(tops[first.min(refs.len())]);
            let mut i = first;
            while i < refs.len() && tops[i] < viewport.max.y {
                let before = ui.cursor().top();
                actions.extend(reference_ui(ui, view, &refs[i]));
                heights[i] = (ui.cursor().top() - before).max(1.0);
                i += 1;
            }
            for r in &refs[i..] {
                unseen(ui, r);
            }
            // Room for the entries below, so that the scroll bar spans the whole list.
            let drawn_bottom = ui.cursor().top() - top;
            let rest: f32 = heights[i..].iter().sum();
            let total = drawn_bottom + rest;
            ui.set_min_height(total);
        });
    });
    ui.data_mut(|d| d.insert_temp(heights_id, heights));
    actions
}

/// How a screen reader names a reference entry: its number and title.
fn entry_name(r: &Reference) -> String {
    format!("[{}] {}", r.number, r.title)
}

fn reference_ui(ui: &mut Ui, view: &View, r: &Reference) -> Vec<Action> {
    let mut actions = Vec::new();
    let focused = view.focused_reference == Some(r.number);
    let visuals = ui.visuals();
    let frame = egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(10, 6))
        .corner_radius(4.0)
        .fill(if focused {
            super::palette::reference_highlight(visuals)
        } else {
            egui::Color32::TRANSPARENT
        })
        .stroke(if focused {
            visuals.selection.stroke
        } else {
            egui::Stroke::NONE
        });
    // The entry takes focus as a whole (a citation followed puts focus here); its links follow
    // it in Tab order.
    let entry = egui::UiBuilder::new()
        .scope_id(entry_id(r.number))
        .sense(egui::Sense::focusable_noninteractive())
        .accessibility_role(egui::accesskit::Role::ListItem)
        .accessibility_label(entry_name(r));
    let shown = ui.scope_builder(entry, |ui| {
        frame.show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_top(|ui| {
                ui.label(RichText::new(format!("[{}]", r.number)).strong());
                ui.vertical(|ui| {
                    let authors = r.authors_line();
                    if !authors.is_empty() {
                        ui.label(authors);
                    }
                    ui.label(RichText::new(&r.title).strong());
                    let source = r.source_line();
                    if !source.is_empty() {
                        ui.label(RichText::new(source).italics());
                    }
                    links_ui(ui, r, &mut actions);
                    let places = view.citations.get(&r.number).map_or(&[][..], Vec::as_slice);
                    actions.extend(back_links_ui(ui, view, r.number, places));
                    for note in &r.notes {
                        ui.label(RichText::new(format!("Note: {note}")).small().weak())
                            .on_hover_text("A note on this reference's data");
                    }
                });
            });
        })
    });
    let response = shown.response;
    super::a11y::node(ui, response.id, |n| n.set_selected(focused));
    super::a11y::set_bounds(ui, response.id, response.rect);
    super::a11y::follow_focus(ui, &response);
    if focused && view.scroll_reference {
        response.scroll_to_me(Some(egui::Align::Min));
    }
    actions
}

/// Back-links shown before a "more" link; a reference cited hundreds of times stays cheap.
const BACK_LINKS_SHOWN: usize = 12;

/// "Cited in:" and a link to every place that cites the reference; the second and later
/// citations in one section are numbered.
fn back_links_ui(ui: &mut Ui, view: &View, number: u32, places: &[CitePlace]) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal_wrapped(|ui| {
        let row = ui.max_rect().width();
        ui.label(RichText::new("Cited in:").small().weak());
        if places.is_empty() {
            ui.label(RichText::new("nowhere in the sections").small().weak());
        }
        let expanded = view.expanded_back_links.contains(&number);
        let shown = if expanded {
            places.len()
        } else {
            places.len().min(BACK_LINKS_SHOWN)
        };
        let mut repeat = 0;
        for (k, place) in places.iter().enumerate().take(shown) {
            let same_as_before = k > 0 && places[k - 1].section == place.section;
            repeat = if same_as_before { repeat + 1 } else { 0 };
            let title = view
                .article
                .sections
                .get(place.section)
                .map_or("", |s| s.title.as_str());
            let text = if repeat == 0 {
                title.to_owned()
            } else {
                format!("{title} ({})", repeat + 1)
            };
            let mode = super::text::whole_or_cut(ui, &text, row);
            let link = super::text::with_wrap_mode(ui, mode, |ui| {
                ui.add(egui::Link::new(RichText::new(text).small()))
            })
            .on_hover_text(format!("Go to citation [{number}] in this section"));
            super::a11y::follow_focus(ui, &link);
            if link.clicked() {
                actions.push(Action::BackLink(*place));
            }
        }
        if places.len() > BACK_LINKS_SHOWN {
            let text = if expanded {
                "show fewer".to_owned()
            } else {
                format!("and {} more", places.len() - BACK_LINKS_SHOWN)
            };
            let more = ui.add(egui::Link::new(RichText::new(text).small()));
            super::a11y::follow_focus(ui, &more);
            if more.clicked() {
                actions.push(Action::ToggleBackLinks(number));
            }
        }
    });
    actions
}
