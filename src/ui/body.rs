//! The centre: the current section at a readable measure, with live citations.

use egui::{RichText, Ui};

use super::marks::Marks;
use super::text::{CiteCounter, Flash, TextLook, runs_ui};
use crate::article::model::Block;
use crate::article::notes::Unit;
use crate::article::search::Location;
use crate::view::View;
use crate::view::action::{Action, FocusTo};

/// Few distinct text sizes keep the glyph atlas, and so the first frame, small.
const TITLE_SIZE: f32 = 32.0;
const HEADING_SIZE: f32 = 26.0;

/// Characters per line the column aims for.
const MEASURE_CHARS: f32 = 72.0;

pub fn body_ui(ui: &mut Ui, view: &View) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::CentralPanel::default()
        .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
        .show(ui, |ui| {
            super::a11y::remember_pane(ui, super::a11y::Pane::Article, heading_id());
            super::a11y::Pane::Article.region(ui, |ui| {
                actions.extend(super::overlays::load_errors_ui(ui, view));
                let mut area = egui::ScrollArea::vertical()
                    .id_salt("body")
                    .auto_shrink([false, false]);
                if view.scroll_body_top {
                    area = area.vertical_scroll_offset(0.0);
                }
                area.show(ui, |ui| {
                    // Page Up and Page Down: most of what is in view, a line kept for context.
                    if let Some(pages) = view.scroll_pages {
                        let page = (ui.clip_rect().height() - 40.0).max(40.0);
                        ui.scroll_with_delta(egui::vec2(0.0, -pages * page));
                    }
                    let query = view.search.open.then_some(view.search.query.as_str());
                    let look = TextLook::reading(ui, query, view.search.accents);
                    let char_width = ui.fonts_mut(|f| f.glyph_width(&look.font, 'n'));
                    // Narrow windows keep smaller margins, never a column wider than the room.
                    let room = ui.available_width();
                    let least_margin = if room < 480.0 { 12.0 } else { 24.0 };
                    let measure = (char_width * MEASURE_CHARS)
                        .min(room - 2.0 * least_margin)
                        .max(120.0);
                    let margin = ((room - measure) / 2.0).max(least_margin);
                    ui.add_space(28.0);
                    ui.horizontal(|ui| {
                        ui.add_space(margin);
                        ui.vertical(|ui| {
                            ui.set_width(measure);
                            actions.extend(section_ui(ui, view, &look));
                        });
                    });
                    ui.add_space(48.0);
                });
            });
        });
    actions
}

/// The section heading: a wrapped label with the fixed id [`heading_id`] that takes focus.
fn heading_ui(ui: &mut Ui, text: RichText) -> egui::Response {
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Wrap),
        ui.available_width(),
        egui::TextStyle::Heading,
    );
    let (rect, _) = ui.allocate_exact_size(galley.size(), egui::Sense::hover());
    let response = ui.interact(rect, heading_id(), egui::Sense::focusable_noninteractive());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, galley.text()));
    if ui.is_rect_visible(rect) {
        ui.painter()
            .galley(rect.min, galley, ui.visuals().text_color());
    }
    response
}

/// The current section's heading: where reading starts, and where F6 puts focus.
pub fn heading_id() -> egui::Id {
    egui::Id::unique("section-heading")
}

fn section_ui(ui: &mut Ui, view: &View, look: &TextLook) -> Vec<Action> {
    let mut actions = Vec::new();
    let article = &view.article;
    let Some(section) = article.sections.get(view.section) else {
        ui.label("This article has no sections.");
        return actions;
    };
    let flash = Flash {
        place: view.flash.map(|(p, _)| p),
        scroll: view.scroll_to_flash,
    };
    // Blocks are named (in the lede, block index); None is the section's heading.
    let block_of = |location: Option<Location>| match location {
        Some(Location::Lede { block }) => Some((true, Some(block))),
        Some(Location::Section { section, block, .. }) if section == view.section => {
            Some((false, block))
        }
        _ => None,
    };
    // The search hit to bring into view this frame, and the current one, marked in the margin.
    let scroll_to = block_of(view.scroll_to);
    let current = block_of(
        view.search
            .current
            .filter(|_| view.search.open)
            .and_then(|i| view.search.hits.get(i))
            .map(|h| h.location),
    );
    let accent = ui.visuals().selection.stroke.color;
    let scroll_if = |ui: &Ui, response: &egui::Response, here: (bool, Option<usize>)| {
        if scroll_to == Some(here) {
            response.scroll_to_me(Some(egui::Align::Center));
        }
        if current == Some(here) {
            let r = response.rect;
            let bar = egui::Rect::from_min_max(
                egui::pos2(r.min.x - 14.0, r.min.y),
                egui::pos2(r.min.x - 10.0, r.max.y),
            );
            ui.painter().rect_filled(bar, 2.0, accent);
        }
    };
    let mut lede_marks = None;
    if view.section == 0 {
        let title = ui.label(RichText::new(&article.title).size(TITLE_SIZE).strong());
        super::a11y::heading(ui, &title, 1);
        ui.add_space(10.0);
        let mut counter = CiteCounter {
            section: None,
            ordinal: 0,
        };
        let mut marks = super::highlights::marks_of(view, Unit::Lede);
        for (i, block) in article.lede.iter().enumerate() {
            let since = marks.drawn.len();
            let r = ui.scope(|ui| {
                block_ui(
                    ui,
                    view,
                    block,
                    look,
                    &mut counter,
                    Flash::default(),
                    &mut marks,
                )
            });
            actions.extend(r.inner);
            actions.extend(super::highlights::block_marks_ui(ui, view, &marks, since));
            scroll_if(ui, &r.response, (true, Some(i)));
        }
        lede_marks = Some(marks);
        ui.add_space(12.0);
        ui.separator();
        ui.add_space(12.0);
    }
    // Focusable, so that keyboard reading starts here and Tab goes on to the first citation.
    // A right-to-left title sits at the right, as its paragraphs do.
    let align = if crate::article::model::is_right_to_left_text(&section.title) {
        egui::Align::Max
    } else {
        egui::Align::Min
    };
    let heading = ui
        .with_layout(egui::Layout::top_down(align), |ui| {
            heading_ui(
                ui,
                RichText::new(&section.title).size(HEADING_SIZE).strong(),
            )
        })
        .inner;
    super::a11y::heading(ui, &heading, 2);
    super::a11y::follow_focus(ui, &heading);
    scroll_if(ui, &heading, (false, None));
    ui.add_space(12.0);
    let mut counter = CiteCounter {
        section: Some(view.section),
        ordinal: 0,
    };
    let mut marks = super::highlights::marks_of(view, Unit::Section(view.section));
    for (i, block) in section.blocks.iter().enumerate() {
        let since = marks.drawn.len();
        let r = ui.scope(|ui| block_ui(ui, view, block, look, &mut counter, flash, &mut marks));
        actions.extend(r.inner);
        actions.extend(super::highlights::block_marks_ui(ui, view, &marks, since));
        scroll_if(ui, &r.response, (false, Some(i)));
    }
    // Selecting, highlighting, and the marks of notes in the margin, in the lede and the
    // section.
    for m in lede_marks.iter().chain(std::iter::once(&marks)) {
        actions.extend(super::highlights::unit_marks_ui(ui, view, m));
    }
    ui.add_space(24.0);
    ui.horizontal_wrapped(|ui| {
        let neighbours = [
            view.section.checked_sub(1).map(|i| ("Previous", i)),
            Some(("Next", view.section + 1)),
        ];
        for (which, i) in neighbours.into_iter().flatten() {
            let Some(to) = article.sections.get(i) else {
                continue;
            };
            // One line, cut short with "…" where the title is long; the whole title is its
            // name and its tooltip.
            let label = format!("{which}: {}", to.title);
            let cut = super::text::whole_or_cut(ui, &label, ui.available_width() - 16.0)
                == egui::TextWrapMode::Truncate;
            let mut button = ui.add(egui::Button::new(label.as_str()).truncate());
            if cut {
                button = button.on_hover_text(&label);
            }
            super::a11y::name(ui, &button, &label);
            super::a11y::follow_focus(ui, &button);
            if button.clicked() {
                actions.push(Action::GoTo(i));
                // As after following a link in a browser: reading goes on at the top.
                actions.push(Action::Focus(FocusTo::Body));
            }
        }
    });
    actions
}

fn block_ui(
    ui: &mut Ui,
    view: &View,
    block: &Block,
    look: &TextLook,
    counter: &mut CiteCounter,
    flash: Flash,
    marks: &mut Marks,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let gap = look.font.size * 0.9;
    match block {
        Block::Paragraph(runs) => {
            actions.extend(runs_ui(
                ui,
                &view.article,
                runs,
                look,
                counter,
                flash,
                Some(marks),
            ));
            ui.add_space(gap);
        }
        Block::Entries(entries) => {
            for entry in entries {
                let term = RichText::new(&entry.term).font(look.font.clone()).strong();
                let start = marks.piece_start(super::marks::piece_key(entry.term.as_bytes()));
                super::marks::text_piece_ui(ui, term, start, Some(marks));
                ui.horizontal(|ui| {
                    ui.add_space(22.0);
                    ui.vertical(|ui| {
                        actions.extend(runs_ui(
                            ui,
                            &view.article,
                            &entry.description,
                            look,
                            counter,
                            flash,
                            Some(marks),
                        ));
                    });
                });
                ui.add_space(gap);
            }
        }
    }
    actions
}
