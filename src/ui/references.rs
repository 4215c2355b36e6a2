//! The references panel: every reference with its links, its data-quality notes and
//! "Cited in" back-links; the focused one highlighted and scrolled into view.

use egui::{RichText, Ui};

use super::text::links_ui;
use crate::app::{Action, ReaderApp};
use crate::model::Reference;

pub fn references_panel_ui(ui: &mut Ui, app: &ReaderApp) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::Panel::bottom("references")
        .resizable(true)
        .default_size(250.0)
        .size_range(120.0..=600.0)
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.heading("References");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("×")
                        .on_hover_text("Hide the references panel")
                        .clicked()
                    {
                        actions.push(Action::ToggleReferences);
                    }
                });
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("references")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for r in &app.article.references {
                        actions.extend(reference_ui(ui, app, r));
                    }
                });
        });
    actions
}

fn reference_ui(ui: &mut Ui, app: &ReaderApp, r: &Reference) -> Vec<Action> {
    let mut actions = Vec::new();
    let focused = app.focused_reference == Some(r.number);
    let visuals = ui.visuals();
    let frame = egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(10, 6))
        .corner_radius(4.0)
        .fill(if focused {
            visuals.selection.bg_fill.gamma_multiply(0.35)
        } else {
            egui::Color32::TRANSPARENT
        })
        .stroke(if focused {
            visuals.selection.stroke
        } else {
            egui::Stroke::NONE
        });
    let response = frame
        .show(ui, |ui| {
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
                    let places = app.article.cited_in(r.number);
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new("Cited in:").small().weak());
                        if places.is_empty() {
                            ui.label(RichText::new("nowhere in the sections").small().weak());
                        }
                        for (k, place) in places.iter().enumerate() {
                            let title = app
                                .article
                                .sections
                                .get(place.section)
                                .map_or("", |s| s.title.as_str());
                            let repeat = places[..k]
                                .iter()
                                .filter(|p| p.section == place.section)
                                .count();
                            let text = if repeat == 0 {
                                title.to_owned()
                            } else {
                                format!("{title} ({})", repeat + 1)
                            };
                            let link = ui
                                .add(egui::Link::new(RichText::new(text).small()))
                                .on_hover_text(format!(
                                    "Go to citation [{}] in this section",
                                    r.number
                                ));
                            if link.clicked() {
                                actions.push(Action::BackLink(*place));
                            }
                        }
                    });
                    for note in &r.notes {
                        ui.label(RichText::new(format!("Note: {note}")).small().weak())
                            .on_hover_text("A note on this reference's data");
                    }
                });
            });
        })
        .response;
    if focused && app.scroll_reference {
        response.scroll_to_me(Some(egui::Align::TOP));
    }
    actions
}
