//! The search bar: the query field, the match count, previous and next, Match accents, and the results list.

use super::*;

/// The search field on its own two rows, for a narrow window: the field across the width,
/// then the buttons.
pub(super) fn compact_search_ui(ui: &mut Ui, view: &mut View) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        let label = ui.label("Search:");
        let field = ui.add(
            egui::TextEdit::singleline(&mut view.search.query)
                .hint_text("words to find")
                .desired_width(ui.available_width()),
        );
        let field = field.labelled_by(label.id);
        actions.extend(field_keys(ui, &field, view.search.focus_field));
    });
    ui.horizontal_wrapped(|ui| {
        actions.extend(search_buttons_ui(ui, view, false));
    });
    actions
}

/// The search field (right to left): close, next, previous, count, field.
pub(super) fn search_field_ui(ui: &mut Ui, view: &mut View) -> Vec<Action> {
    let mut actions = search_buttons_ui(ui, view, true);
    let field = ui.add(
        egui::TextEdit::singleline(&mut view.search.query)
            .hint_text("words to find")
            .desired_width(220.0),
    );
    let label = ui.label("Search:");
    let field = field.labelled_by(label.id);
    actions.extend(field_keys(ui, &field, view.search.focus_field));
    actions
}

/// Close, Next, Previous, "Match accents" and the count; right to left when `reversed`, as
/// the wide toolbar lays them out, else left to right.
pub(super) fn search_buttons_ui(ui: &mut Ui, view: &View, reversed: bool) -> Vec<Action> {
    #[derive(Clone, Copy)]
    enum Part {
        Close,
        Next,
        Previous,
        Accents,
        Count,
    }
    let mut parts = [
        Part::Close,
        Part::Next,
        Part::Previous,
        Part::Accents,
        Part::Count,
    ];
    if !reversed {
        parts.reverse();
    }
    let mut actions = Vec::new();
    for part in parts {
        match part {
            Part::Close => {
                let close = ui.button("×").on_hover_text("Close the search (Esc)");
                a11y::name(ui, &close, "Close the search");
                if close.clicked() {
                    actions.push(Action::CloseSearch);
                }
            }
            Part::Next => {
                if ui
                    .button("Next")
                    .on_hover_text("Next match (Enter, F3)")
                    .clicked()
                {
                    actions.push(Action::SearchStep(1));
                }
            }
            Part::Previous => {
                if ui
                    .button("Previous")
                    .on_hover_text("Previous match (Shift+Enter)")
                    .clicked()
                {
                    actions.push(Action::SearchStep(-1));
                }
            }
            Part::Accents => {
                let accents = view.search.accents == crate::article::search::Accents::Matched;
                let toggle = ui
                    .add(Button::selectable(accents, "Match accents"))
                    .on_hover_text(
                        "Off: “e” also finds “é”, as in a browser’s find. On: accents must match.",
                    );
                a11y::toggle_button(ui, &toggle, accents);
                if toggle.clicked() {
                    actions.push(Action::ToggleMatchAccents);
                }
            }
            Part::Count => {
                let hits = view.search.hits.len();
                let count = match (view.search.current, hits) {
                    (_, 0) if view.search.query.trim().is_empty() => String::new(),
                    (_, 0) => "no matches".to_owned(),
                    (Some(i), n) => format!("{} of {n}", i + 1),
                    (None, n) => crate::ui::count(n, "match"),
                };
                let count = ui.label(RichText::new(count).small());
                a11y::live(ui, &count);
            }
        }
    }
    actions
}

/// Enter and Shift+Enter step through the matches, Escape closes the search.
pub(super) fn field_keys(ui: &Ui, field: &egui::Response, focus: bool) -> Vec<Action> {
    let mut actions = Vec::new();
    if focus {
        field.request_focus();
        // Opened again, the last query is selected, so that typing replaces it.
        if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), field.id) {
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    egui::text::CCursor::new(usize::MAX / 2),
                )));
            state.store(ui.ctx(), field.id);
        }
    }
    if field.lost_focus() {
        let (enter, shift, esc) = ui.input(|i| {
            (
                i.key_pressed(Key::Enter),
                i.modifiers.shift,
                i.key_pressed(Key::Escape),
            )
        });
        if esc {
            actions.push(Action::CloseSearch);
        } else if enter {
            actions.push(Action::SearchStep(if shift { -1 } else { 1 }));
            field.request_focus();
        }
    }
    actions
}
