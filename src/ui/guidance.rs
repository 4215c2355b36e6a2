//! The guidance panel: foods, probiotics and prebiotics, everyday disruptors and the
//! retinoid/barrier note, all in the article's words, with live citations.

use egui::{RichText, Ui};

use super::text::{Cite, CiteCounter, Flash, TextLook, citation_ui, runs_ui};
use crate::article::markup::Inline;
use crate::article::model::Food;
use crate::view::View;
use crate::view::action::Action;

use super::layout::Place;

pub fn guidance_panel_ui(ui: &mut Ui, view: &View, place: Place) -> Vec<Action> {
    let panel = egui::Panel::right("guidance");
    super::layout::panel_ui(ui, place, panel, (330.0, 240.0..=520.0), |ui, tab| {
        let close = if tab {
            Action::CloseOverlay
        } else {
            Action::ToggleGuidance
        };
        panel_ui(ui, view, close)
    })
}

/// The panel's title, its close button (which asks for `close`) and its contents.
fn panel_ui(ui: &mut Ui, view: &View, close: Action) -> Vec<Action> {
    let mut actions = Vec::new();
    super::a11y::Pane::Guidance.region(ui, |ui| {
        ui.add_space(6.0);
        let (title, closed) = super::panel_title_ui(ui, "Guidance", "guidance panel");
        if closed {
            actions.push(close);
        }
        ui.label(RichText::new("In the article’s own words.").small().weak());
        ui.separator();
        let first = egui::ScrollArea::vertical()
            .id_salt("guidance")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let (first, a) = contents_ui(ui, view);
                actions.extend(a);
                first
            })
            .inner;
        // F6 lands on the first group's header, or on the title if there is none.
        let entry = first.unwrap_or(title.id);
        super::a11y::remember_pane(ui, super::a11y::Pane::Guidance, entry);
    });
    actions
}

/// The guidance groups; returns the id of the first group's header, and the actions.
fn contents_ui(ui: &mut Ui, view: &View) -> (Option<egui::Id>, Vec<Action>) {
    let mut actions = Vec::new();
    let mut first = None;
    let mut header = |ui: &Ui, r: &egui::Response| {
        first.get_or_insert(r.id);
        super::a11y::follow_focus(ui, r);
    };
    let g = &view.article.guidance;
    let look = TextLook::small(ui);
    // The passages can be selected and highlighted, as the article's text can.
    let mut marks = super::highlights::marks_of(view, crate::article::notes::Unit::Guidance);
    if !g.foods.is_empty() {
        let r = egui::CollapsingHeader::new(RichText::new("Foods").strong())
            .default_open(true)
            .show(ui, |ui| {
                for food in &g.foods {
                    actions.extend(food_ui(ui, view, food, &look, &mut marks));
                }
            });
        header(ui, &r.header_response);
    }
    if let Some(b) = &g.biotics {
        let r = egui::CollapsingHeader::new(RichText::new("Probiotics & prebiotics").strong())
            .default_open(true)
            .show(ui, |ui| {
                actions.extend(passage_ui(ui, view, None, &b.intro, &look, &mut marks));
                for (title, runs) in [
                    ("Probiotics", &b.probiotics),
                    ("Prebiotics", &b.prebiotics),
                    ("Topical probiotics", &b.topical),
                    ("Pairing a supplement with a topical", &b.pairing),
                ] {
                    actions.extend(passage_ui(ui, view, Some(title), runs, &look, &mut marks));
                }
                actions.extend(read_in_article_ui(
                    ui,
                    view,
                    &b.section,
                    "probiotics and prebiotics",
                ));
            });
        header(ui, &r.header_response);
    }
    if let Some(d) = &g.disruptors {
        let r = egui::CollapsingHeader::new(RichText::new("Everyday disruptors").strong())
            .default_open(true)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    // The row's whole width, not what is left of the current row.
                    let row = ui.max_rect().width();
                    for name in &d.names {
                        chip_ui(ui, name, row);
                    }
                });
                actions.extend(passage_ui(ui, view, None, &d.text, &look, &mut marks));
                actions.extend(read_in_article_ui(
                    ui,
                    view,
                    &d.section,
                    "the everyday disruptors",
                ));
            });
        header(ui, &r.header_response);
    }
    if let Some(n) = &g.barrier_note {
        let r =
            egui::CollapsingHeader::new(RichText::new("Retinoids and the skin barrier").strong())
                .default_open(true)
                .show(ui, |ui| {
                    actions.extend(passage_ui(ui, view, None, &n.text, &look, &mut marks));
                    actions.extend(read_in_article_ui(
                        ui,
                        view,
                        &n.section,
                        "retinoids and the skin barrier",
                    ));
                });
        header(ui, &r.header_response);
    }
    actions.extend(super::highlights::unit_marks_ui(ui, view, &marks));
    (first, actions)
}

/// A name in a rounded box. It moves whole to the next row when it does not fit on this one,
/// and only a name wider than a whole row wraps, between words, never letter by letter.
fn chip_ui(ui: &mut Ui, name: &str, row: f32) {
    let margin = egui::Margin::symmetric(6, 2);
    let inner = (row - f32::from(margin.left + margin.right) - 2.0).max(40.0);
    let width = super::text::text_width(ui, name, egui::TextStyle::Body.resolve(ui.style()));
    // A frame does not know its size before it is drawn, so the row is ended by hand when
    // the chip would not fit on what is left of it.
    let whole = width + f32::from(margin.left + margin.right) + 2.0;
    let at_row_start = ui.cursor().min.x <= ui.max_rect().min.x + 0.5;
    if whole > ui.available_size_before_wrap().x && !at_row_start {
        ui.end_row();
    }
    egui::Frame::new()
        .inner_margin(margin)
        .corner_radius(8.0)
        .fill(ui.visuals().faint_bg_color)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .show(ui, |ui| {
            if width <= inner {
                ui.add(egui::Label::new(name).wrap_mode(egui::TextWrapMode::Extend));
            } else {
                ui.set_max_width(inner);
                ui.add(egui::Label::new(name).wrap_mode(egui::TextWrapMode::Wrap));
            }
        });
}

fn food_ui(
    ui: &mut Ui,
    view: &View,
    food: &Food,
    look: &TextLook,
    marks: &mut super::marks::Marks,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.add_space(4.0);
    ui.label(RichText::new(&food.name).strong());
    if !food.examples.is_empty() {
        ui.label(RichText::new(format!("Examples: {}", food.examples.join(", "))).small());
    }
    if !food.nutrients.is_empty() {
        ui.label(RichText::new(format!("Key nutrients: {}", food.nutrients.join(", "))).small());
    }
    let mut counter = CiteCounter {
        section: None,
        ordinal: 0,
    };
    actions.extend(runs_ui(
        ui,
        &view.article,
        &food.text,
        look,
        &mut counter,
        Flash::default(),
        Some(marks),
    ));
    if !food.cites.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Sources:").small().weak());
            for (i, n) in food.cites.iter().enumerate() {
                let cite = Cite {
                    number: *n,
                    place: i,
                    flash: None,
                };
                actions.extend(citation_ui(ui, &view.article, "", false, cite, look, None));
                ui.add_space(4.0);
            }
        });
    }
    actions.extend(read_in_article_ui(ui, view, &food.section, &food.name));
    ui.add_space(6.0);
    actions
}

fn passage_ui(
    ui: &mut Ui,
    view: &View,
    title: Option<&str>,
    runs: &[Inline],
    look: &TextLook,
    marks: &mut super::marks::Marks,
) -> Vec<Action> {
    if runs.is_empty() {
        return Vec::new();
    }
    if let Some(title) = title {
        ui.add_space(4.0);
        ui.label(RichText::new(title).strong());
    }
    let mut counter = CiteCounter {
        section: None,
        ordinal: 0,
    };
    let actions = runs_ui(
        ui,
        &view.article,
        runs,
        look,
        &mut counter,
        Flash::default(),
        Some(marks),
    );
    ui.add_space(4.0);
    actions
}

/// "Read in article": goes to the section the advice comes from.
fn read_in_article_ui(ui: &mut Ui, view: &View, section: &str, about: &str) -> Option<Action> {
    let index = view.article.section_index(section)?;
    let response = ui.add(egui::Link::new(RichText::new("Read in article").small()));
    // The visible words first, so that a reader who says what they see finds it.
    let label = format!("Read in article: {about}");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, &label));
    super::a11y::follow_focus(ui, &response);
    let response = response.on_hover_text(
        view.article
            .sections
            .get(index)
            .map_or("", |s| s.title.as_str()),
    );
    response.clicked().then_some(Action::GoTo(index))
}
