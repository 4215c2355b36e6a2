//! The left sidebar: the sections in reading order with the current one highlighted, or the
//! search results while a search is open. Only the visible rows are laid out.

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Role, Sense, TextStyle, Ui, WidgetInfo};

use crate::article::search::Location;
use crate::view::action::Action;
use crate::view::{MAX_LISTED_HITS, View};

use super::layout::Place;

/// Two lines of title per entry.
fn row_height(ui: &Ui) -> f32 {
    let font = TextStyle::Body.resolve(ui.style());
    (font.size * 1.3 * 2.0 + 12.0).round()
}

pub fn sidebar_ui(ui: &mut Ui, view: &View, place: Place) -> Vec<Action> {
    let panel = egui::Panel::left("sidebar");
    super::layout::panel_ui(ui, place, panel, (260.0, 180.0..=420.0), |ui, tab| {
        contents_ui(ui, view, tab)
    })
}

/// The contents, or the search results while a search is open. In the article's place
/// (`tab`), a panel title with its close button heads them, inside their landmark; docked, a
/// small "Contents" title.
fn contents_ui(ui: &mut Ui, view: &View, tab: bool) -> Vec<Action> {
    let mut actions = Vec::new();
    // Whether the title's close button was clicked.
    let title_ui = |ui: &mut Ui, small: &str| -> bool {
        if tab {
            return super::panel_title_ui(ui, small, "contents").1;
        }
        if small == "Contents" {
            let title = ui.label(egui::RichText::new(small).small().strong());
            super::a11y::heading(ui, &title, 2);
            ui.add_space(4.0);
        }
        false
    };
    ui.add_space(8.0);
    if view.search.open && !view.search.searched.trim().is_empty() {
        super::a11y::region(
            ui,
            egui::accesskit::Role::Region,
            "Search results",
            Some(super::a11y::Pane::Contents),
            |ui| {
                if title_ui(ui, "Search results") {
                    actions.push(Action::CloseOverlay);
                }
                let (entry, a) = results_ui(ui, view);
                actions.extend(a);
                if let Some(entry) = entry {
                    super::a11y::remember_pane(ui, super::a11y::Pane::Contents, entry);
                }
            },
        );
    } else {
        super::a11y::remember_pane(ui, super::a11y::Pane::Contents, entry_id(view.section));
        super::a11y::Pane::Contents.region(ui, |ui| {
            if title_ui(ui, "Contents") {
                actions.push(Action::CloseOverlay);
            }
            actions.extend(sections_ui(ui, view));
        });
    }
    actions
}

fn sections_ui(ui: &mut Ui, view: &View) -> Vec<Action> {
    let mut actions = Vec::new();
    let row = row_height(ui);
    let count = view.article.sections.len();
    let mut area = egui::ScrollArea::vertical()
        .id_salt("sidebar")
        .auto_shrink([false, false]);
    if view.scroll_sidebar {
        // Bring the current entry into view, with a row of context above it where possible.
        let spacing = ui.spacing().item_spacing.y;
        let top = (view.section as f32) * (row + spacing);
        let visible = ui.available_height();
        let current = ui
            .ctx()
            .data(|d| d.get_temp::<f32>(egui::Id::unique("sidebar-offset")))
            .unwrap_or(0.0);
        if top < current || top + row > current + visible {
            area = area.vertical_scroll_offset((top - row).max(0.0));
        }
    }
    let output = area.show_rows(ui, row, count, |ui, range| {
        for i in range {
            let Some(section) = view.article.sections.get(i) else {
                continue;
            };
            if entry_ui(ui, i, &section.title, i == view.section, row).clicked() {
                actions.push(Action::GoTo(i));
            }
        }
    });
    let offset = output.state.clamped_offset().y;
    ui.ctx()
        .data_mut(|d| d.insert_temp(egui::Id::unique("sidebar-offset"), offset));
    actions
}

/// The id of the sidebar entry of section `index`.
pub fn entry_id(index: usize) -> egui::Id {
    egui::Id::unique(("section-entry", index))
}

/// One sidebar entry: number and title over at most two lines, the current one filled.
fn entry_ui(ui: &mut Ui, index: usize, title: &str, selected: bool, height: f32) -> egui::Response {
    let width = ui.available_width();
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), Sense::hover());
    let response = ui.interact(rect, entry_id(index), Sense::click());
    response.widget_info(|| WidgetInfo::labeled(Role::Link, true, title));
    super::a11y::node(ui, response.id, |n| {
        if selected {
            n.set_aria_current(egui::accesskit::AriaCurrent::Page);
            // What AT-SPI passes on: aria-current does not reach it.
            n.set_selected(true);
        }
    });
    super::a11y::follow_focus(ui, &response);
    let mut elided = false;
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() || response.has_focus() {
            ui.painter().rect(
                rect,
                4.0,
                visuals.weak_bg_fill,
                visuals.bg_stroke,
                egui::StrokeKind::Inside,
            );
        }
        if selected {
            let bar = egui::Rect::from_min_size(rect.min, egui::vec2(3.0, rect.height()));
            ui.painter()
                .rect_filled(bar, 1.0, ui.visuals().selection.stroke.color);
        }
        let font = TextStyle::Body.resolve(ui.style());
        let color = if selected {
            ui.visuals().strong_text_color()
        } else {
            ui.visuals().text_color()
        };
        let mut job = LayoutJob::default();
        job.append(
            &format!("{}  ", index + 1),
            0.0,
            // Muted, except on the current entry's fill, where muted text would be too faint.
            TextFormat::simple(
                font.clone(),
                if selected {
                    color
                } else {
                    ui.visuals().weak_text_color()
                },
            ),
        );
        job.append(title, 0.0, TextFormat::simple(font, color));
        job.wrap = TextWrapping {
            max_width: rect.width() - 20.0,
            max_rows: 2,
            break_anywhere: false,
            overflow_character: Some('…'),
        };
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        elided = galley.elided;
        let pos = egui::pos2(rect.min.x + 10.0, rect.center().y - galley.size().y / 2.0);
        ui.painter().galley(pos, galley, color);
    }
    // The whole title on hover only where it is cut short: elsewhere it would repeat the name.
    if elided {
        let response = response.on_hover_text(title);
        // The tooltip is for the eye; to a screen reader it would repeat the name.
        super::a11y::node(ui, response.id, |n| n.clear_description());
        response
    } else {
        response
    }
}

/// Search results grouped by where they stand, each with its snippet. Returns the id of the
/// current result (or the first), where F6 puts focus, and the actions.
fn results_ui(ui: &mut Ui, view: &View) -> (Option<egui::Id>, Vec<Action>) {
    let mut actions = Vec::new();
    let mut entry = None;
    let hits = &view.search.hits;
    let mut count = super::count(hits.len(), "match");
    if !view.search.note_hits.is_empty() {
        count.push_str(" in the article");
    }
    ui.label(egui::RichText::new(count).small().strong());
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("results")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut last_group = None;
            for (i, (hit, snippet)) in hits.iter().zip(&view.search.snippets).enumerate() {
                let group = group_title(view, hit.location);
                if last_group.as_ref() != Some(&group) {
                    ui.add_space(6.0);
                    ui.label(egui::RichText::new(&group).strong());
                    last_group = Some(group);
                }
                let mut job = LayoutJob::default();
                let font = TextStyle::Body.resolve(ui.style());
                let plain = TextFormat::simple(font.clone(), ui.visuals().text_color());
                let mut marked = plain.clone();
                marked.background = ui.visuals().selection.bg_fill;
                let (s, m) = (&snippet.text, &snippet.matched);
                job.append(&s[..m.start], 0.0, plain.clone());
                job.append(&s[m.clone()], 0.0, marked);
                job.append(&s[m.end..], 0.0, plain);
                let current = view.search.current == Some(i);
                let response = ui.add(egui::Button::selectable(current, job).wrap());
                super::a11y::follow_focus(ui, &response);
                if current || entry.is_none() {
                    entry = Some(response.id);
                }
                if current && view.scroll_sidebar {
                    response.scroll_to_me(None);
                }
                if response.clicked() {
                    actions.push(Action::SearchGo(i));
                }
            }
            if hits.len() > MAX_LISTED_HITS {
                ui.label(format!("… and {} more", hits.len() - MAX_LISTED_HITS));
            }
            // The reader's own highlights and notes that the query finds.
            if !view.search.note_hits.is_empty() {
                ui.add_space(6.0);
                let title = format!("In your notes ({})", view.search.note_hits.len());
                let h = ui.label(egui::RichText::new(title).strong());
                super::a11y::heading(ui, &h, 3);
                for &i in &view.search.note_hits {
                    let Some(a) = view.notes.get(i) else { continue };
                    let mut text = format!("“{}”", super::notes::short(&a.quote.exact, 120));
                    if !a.note.trim().is_empty() {
                        text.push_str(&format!(" — {}", super::notes::short(&a.note, 120)));
                    }
                    let response = ui.add(egui::Button::selectable(false, text).wrap());
                    super::a11y::follow_focus(ui, &response);
                    entry.get_or_insert(response.id);
                    if response.clicked() {
                        actions.push(Action::GoToNote(a.id.clone()));
                    }
                }
            }
        });
    (entry, actions)
}

fn group_title(view: &View, location: Location) -> String {
    match location {
        Location::Lede { .. } => "Introduction".to_owned(),
        Location::Section { section, .. } => view
            .article
            .sections
            .get(section)
            .map_or_else(String::new, |s| s.title.clone()),
        Location::Reference(_) => "References".to_owned(),
        Location::Guidance => "Guidance".to_owned(),
    }
}
