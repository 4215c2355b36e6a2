//! The menu bar and the toolbar: history, panels, export, zoom and the search field.

use egui::{Button, Key, RichText, Ui};

use crate::action::Action;
use crate::export::Scope;
use crate::input::keys;
use crate::state::ThemeChoice;
use crate::view::{ReaderApp, Source};

use super::a11y;
use super::layout::Fold;

pub fn top_bar_ui(ui: &mut Ui, app: &mut ReaderApp) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::Panel::top("top_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| actions.extend(menus_ui(ui, app)));
        ui.add_space(2.0);
        let full = full_toolbar_width(ui, app);
        let compact = ui.available_width() < full;
        ui.horizontal(|ui| {
            if compact {
                actions.extend(compact_toolbar_ui(ui, app));
            } else {
                actions.extend(toolbar_ui(ui, app));
            }
        });
        if compact && app.search.open {
            actions.extend(compact_search_ui(ui, app));
        }
        ui.add_space(4.0);
    });
    actions
}

fn shortcut(ui: &Ui, s: &egui::KeyboardShortcut) -> String {
    ui.ctx().format_shortcut(s)
}

/// A shortcut's text with room after it: egui sets it flush against the right edge of a
/// highlighted menu row.
fn padded(keys: &str) -> String {
    format!("{keys}\u{2003}")
}

/// A menu entry with its shortcut shown on the right; to a screen reader, a menu item named
/// `name` with the shortcut as its own property.
fn menu_item(ui: &mut Ui, name: &str, key: Option<&egui::KeyboardShortcut>) -> egui::Response {
    let keys = key.map(|k| shortcut(ui, k));
    let mut button = Button::new(name);
    if let Some(k) = &keys {
        button = button.shortcut_text(padded(k));
    }
    let response = ui.add(button);
    a11y::menu_item(ui, &response, name, keys);
    response
}

/// A menu entry that shows something or not, checked when it does.
fn menu_check(ui: &mut Ui, name: &str, on: bool, key: &egui::KeyboardShortcut) -> egui::Response {
    let keys = shortcut(ui, key);
    let response = ui.add(Button::selectable(on, name).shortcut_text(padded(&keys)));
    a11y::menu_item(ui, &response, name, Some(keys));
    a11y::menu_check(ui, &response, on);
    response
}

fn menus_ui(ui: &mut Ui, app: &ReaderApp) -> Vec<Action> {
    let mut actions = Vec::new();
    let section = Scope::Section(app.section);
    let file = ui.menu_button("File", |ui| {
        menu_body(ui, |ui| {
            if menu_item(ui, "Open article…", Some(&keys::OPEN)).clicked() {
                actions.push(Action::OpenArticleDialog);
            }
            let recent = ui.menu_button("Open recent", |ui| {
                if app.recent.is_empty() {
                    ui.label(RichText::new("Nothing yet").weak());
                }
                for path in &app.recent {
                    if menu_item(ui, &path.display().to_string(), None).clicked() {
                        actions.push(Action::OpenArticle(path.clone()));
                    }
                }
            });
            // A menu item that opens a menu, not a push button.
            a11y::node(ui, recent.response.id, |n| {
                n.set_role(egui::accesskit::Role::MenuItem);
                n.set_has_popup(egui::accesskit::HasPopup::Menu);
            });
            ui.separator();
            if menu_item(ui, "Export section…", Some(&keys::EXPORT)).clicked() {
                actions.push(Action::Export(section));
            }
            if menu_item(ui, "Export whole article…", None).clicked() {
                actions.push(Action::Export(Scope::Article));
            }
            if menu_item(ui, "Export notes…", None).clicked() {
                actions.push(Action::ExportNotes);
            }
            if menu_item(ui, "Copy section as text", Some(&keys::COPY)).clicked() {
                actions.push(Action::CopySection);
            }
            ui.separator();
            if menu_item(ui, "Quit", Some(&keys::QUIT)).clicked() {
                actions.push(Action::Quit);
            }
        })
    });
    let view = ui.menu_button("View", |ui| {
        menu_body(ui, |ui| {
            if menu_check(
                ui,
                "Guidance panel",
                panel_on(app, Fold::Guidance),
                &keys::GUIDANCE,
            )
            .clicked()
            {
                actions.push(Action::ToggleGuidance);
            }
            if menu_check(
                ui,
                "References panel",
                panel_on(app, Fold::References),
                &keys::REFERENCES,
            )
            .clicked()
            {
                actions.push(Action::ToggleReferences);
            }
            if menu_check(ui, "Notes panel", panel_on(app, Fold::Notes), &keys::NOTES).clicked() {
                actions.push(Action::ToggleNotes);
            }
            ui.separator();
            ui.label(RichText::new("Theme").weak());
            for (choice, name) in [
                (ThemeChoice::Light, "Light"),
                (ThemeChoice::Dark, "Dark"),
                (ThemeChoice::System, "Follow the system"),
            ] {
                let chosen = app.theme == choice;
                let response = ui.add(Button::selectable(chosen, name));
                a11y::menu_item(ui, &response, name, None);
                a11y::menu_radio(ui, &response, chosen);
                if response.clicked() {
                    actions.push(Action::Theme(choice));
                }
            }
            ui.separator();
            zoom_items_ui(ui, &mut actions);
        })
    });
    let help = ui.menu_button("Help", |ui| {
        if menu_item(ui, "Keyboard shortcuts", None).clicked() {
            actions.push(Action::ShowShortcuts(true));
        }
        if menu_item(ui, "About", None).clicked() {
            actions.push(Action::ShowAbout(true));
        }
    });
    // The menu bar's entries are menu items that open menus.
    for (entry, name) in [(file, "File"), (view, "View"), (help, "Help")] {
        a11y::node(ui, entry.response.id, |n| {
            n.set_role(egui::accesskit::Role::MenuItem);
            n.set_label(name);
            n.set_has_popup(egui::accesskit::HasPopup::Menu);
        });
    }
    actions
}

/// A menu's entries, in a scroll area where the window is too short to show them all: egui
/// menus do not scroll, and at 300 % a menu would run off the bottom of the window.
fn menu_body<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    // Entries stay on one line, as in a menu of any size.
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
    let room = ui.ctx().content_rect().bottom() - ui.max_rect().top() - 8.0;
    // The tallest menu (View) is about 400 points high.
    if room >= 420.0 {
        return add(ui);
    }
    egui::ScrollArea::vertical()
        .max_height(room.max(60.0))
        .show(ui, |ui| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            add(ui)
        })
        .inner
}

/// Zoom in, Zoom out and Actual size, as menu entries.
fn zoom_items_ui(ui: &mut Ui, actions: &mut Vec<Action>) {
    for (name, key, action) in [
        ("Zoom in", &keys::ZOOM_IN, Action::ZoomIn),
        ("Zoom out", &keys::ZOOM_OUT, Action::ZoomOut),
        ("Actual size", &keys::ZOOM_RESET, Action::ZoomReset),
    ] {
        if menu_item(ui, name, Some(key)).clicked() {
            actions.push(action);
        }
    }
}

/// Whether a panel is showing: docked, or over the article where it is folded.
fn panel_on(app: &ReaderApp, panel: Fold) -> bool {
    if app.room.folded(panel) {
        return app.overlay == Some(panel);
    }
    match panel {
        Fold::Guidance => app.show_guidance && !app.show_notes,
        Fold::Notes => app.show_notes,
        Fold::References => app.show_references,
        Fold::Contents => true,
    }
}

/// The width of a button showing `text`.
fn button_width(ui: &Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Button.resolve(ui.style());
    super::text::text_width(ui, text, font)
        + 2.0 * ui.spacing().button_padding.x
        + ui.spacing().item_spacing.x
}

/// How wide the whole toolbar is, with the search field open if it is.
fn full_toolbar_width(ui: &Ui, app: &ReaderApp) -> f32 {
    let buttons: f32 = [
        "Back",
        "Forward",
        "Guidance",
        "References",
        "Export…",
        "A−",
        "100%",
        "A+",
    ]
    .iter()
    .map(|t| button_width(ui, t))
    .sum();
    let separators = 3.0 * (ui.spacing().item_spacing.x * 2.0 + 1.0);
    let search = if app.search.open {
        [
            "×",
            "Next",
            "Previous",
            "Match accents",
            "10 of 10",
            "Search:",
        ]
        .iter()
        .map(|t| button_width(ui, t))
        .sum::<f32>()
            + 160.0
    } else {
        button_width(ui, "Search")
    };
    buttons + separators + search + 16.0
}

/// The toolbar of a narrow window: the contents (when they are folded), history where it
/// fits, everything else in a menu, and search.
fn compact_toolbar_ui(ui: &mut Ui, app: &mut ReaderApp) -> Vec<Action> {
    let mut actions = Vec::new();
    if app.room.contents_folded {
        let open = app.overlay == Some(Fold::Contents);
        let contents = ui
            .add(Button::selectable(open, "Contents"))
            .on_hover_text("Show or hide the contents");
        a11y::toggle_button(ui, &contents, open);
        if contents.clicked() {
            actions.push(Action::ToggleContents);
        }
    }
    let history_fits = ui.available_width()
        >= ["Back", "Forward", "More", "Search"]
            .iter()
            .map(|t| button_width(ui, t))
            .sum::<f32>();
    if history_fits {
        actions.extend(history_ui(ui, app));
    }
    let more = ui.menu_button("More", |ui| {
        menu_body(ui, |ui| {
            if !history_fits {
                let back = ui.add_enabled_ui(!app.back.is_empty(), |ui| {
                    menu_item(ui, "Back", Some(&keys::BACK))
                });
                if back.inner.clicked() {
                    actions.push(Action::Back);
                }
                let forward = ui.add_enabled_ui(!app.forward.is_empty(), |ui| {
                    menu_item(ui, "Forward", Some(&keys::FORWARD))
                });
                if forward.inner.clicked() {
                    actions.push(Action::Forward);
                }
                ui.separator();
            }
            let has_guidance = !app.article.guidance.is_empty();
            let guidance_on = has_guidance && panel_on(app, Fold::Guidance);
            let guidance = ui.add_enabled_ui(has_guidance, |ui| {
                menu_check(ui, "Guidance panel", guidance_on, &keys::GUIDANCE)
            });
            if guidance.inner.clicked() {
                actions.push(Action::ToggleGuidance);
            }
            let references_on = panel_on(app, Fold::References);
            if menu_check(ui, "References panel", references_on, &keys::REFERENCES).clicked() {
                actions.push(Action::ToggleReferences);
            }
            if menu_check(ui, "Notes panel", panel_on(app, Fold::Notes), &keys::NOTES).clicked() {
                actions.push(Action::ToggleNotes);
            }
            ui.separator();
            if menu_item(ui, "Export section…", Some(&keys::EXPORT)).clicked() {
                actions.push(Action::Export(Scope::Section(app.section)));
            }
            ui.separator();
            zoom_items_ui(ui, &mut actions);
        })
    });
    a11y::node(ui, more.response.id, |n| {
        n.set_role(egui::accesskit::Role::Button);
        n.set_label("More");
        n.set_has_popup(egui::accesskit::HasPopup::Menu);
    });
    if !app.search.open {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            actions.extend(search_button_ui(ui, app));
        });
    }
    actions
}

/// The search field on its own two rows, for a narrow window: the field across the width,
/// then the buttons.
fn compact_search_ui(ui: &mut Ui, app: &mut ReaderApp) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        let label = ui.label("Search:");
        let field = ui.add(
            egui::TextEdit::singleline(&mut app.search.query)
                .hint_text("words to find")
                .desired_width(ui.available_width()),
        );
        let field = field.labelled_by(label.id);
        actions.extend(field_keys(ui, &field, app.search.focus_field));
    });
    ui.horizontal_wrapped(|ui| {
        actions.extend(search_buttons_ui(ui, app, false));
    });
    actions
}

/// Back and Forward.
fn history_ui(ui: &mut Ui, app: &ReaderApp) -> Vec<Action> {
    let mut actions = Vec::new();
    let back = ui
        .add_enabled(!app.back.is_empty(), Button::new("Back"))
        .on_hover_text(format!("Back ({})", shortcut(ui, &keys::BACK)))
        .on_disabled_hover_text("Nowhere to go back to");
    if back.clicked() {
        actions.push(Action::Back);
    }
    let forward = ui
        .add_enabled(!app.forward.is_empty(), Button::new("Forward"))
        .on_hover_text(format!("Forward ({})", shortcut(ui, &keys::FORWARD)));
    if forward.clicked() {
        actions.push(Action::Forward);
    }
    actions
}

/// The Search button, which takes focus back when the search closes.
fn search_button_ui(ui: &mut Ui, app: &ReaderApp) -> Vec<Action> {
    let search = ui.button("Search").on_hover_text(format!(
        "Search the article ({})",
        shortcut(ui, &keys::FIND)
    ));
    if app.focus == Some(crate::action::FocusTo::SearchButton) {
        search.request_focus();
    }
    if search.clicked() {
        vec![Action::OpenSearch]
    } else {
        Vec::new()
    }
}

fn toolbar_ui(ui: &mut Ui, app: &mut ReaderApp) -> Vec<Action> {
    let mut actions = history_ui(ui, app);
    ui.separator();
    let has_guidance = !app.article.guidance.is_empty();
    let guidance_on = has_guidance && panel_on(app, Fold::Guidance);
    let guidance = ui
        .add_enabled(has_guidance, Button::selectable(guidance_on, "Guidance"))
        .on_hover_text("Show or hide the guidance panel")
        .on_disabled_hover_text("This article has no guidance");
    a11y::toggle_button(ui, &guidance, guidance_on);
    if guidance.clicked() {
        actions.push(Action::ToggleGuidance);
    }
    let references_on = panel_on(app, Fold::References);
    let references = ui
        .add(Button::selectable(references_on, "References"))
        .on_hover_text("Show or hide the references panel");
    a11y::toggle_button(ui, &references, references_on);
    if references.clicked() {
        actions.push(Action::ToggleReferences);
    }
    ui.separator();
    let export = ui
        .add_enabled(!app.dialog_open(), Button::new("Export…"))
        .on_hover_text(format!(
            "Export this section to a file ({})",
            shortcut(ui, &keys::EXPORT)
        ));
    if export.clicked() {
        actions.push(Action::Export(Scope::Section(app.section)));
    }
    ui.separator();
    let smaller = ui
        .button("A−")
        .on_hover_text(format!("Smaller text ({})", shortcut(ui, &keys::ZOOM_OUT)));
    a11y::name(ui, &smaller, "Zoom out");
    if smaller.clicked() {
        actions.push(Action::ZoomOut);
    }
    let size = ui.label(format!("{:.0}%", app.zoom * 100.0));
    a11y::live(ui, &size);
    a11y::node(ui, size.id, |n| {
        n.set_label(format!("Text size {:.0}%", app.zoom * 100.0));
    });
    let larger = ui
        .button("A+")
        .on_hover_text(format!("Larger text ({})", shortcut(ui, &keys::ZOOM_IN)));
    a11y::name(ui, &larger, "Zoom in");
    if larger.clicked() {
        actions.push(Action::ZoomIn);
    }
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if app.search.open {
            actions.extend(search_field_ui(ui, app));
        } else {
            actions.extend(search_button_ui(ui, app));
        }
        // The article's folder, where it fits beside the rest of the toolbar.
        if let Source::Folder(dir) = &app.source {
            let text = RichText::new(dir.display().to_string()).small().weak();
            let galley = egui::WidgetText::from(text.clone()).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Small,
            );
            if galley.size().x + ui.spacing().item_spacing.x < ui.available_width() {
                ui.label(text);
            }
        }
    });
    actions
}

/// The search field (right to left): close, next, previous, count, field.
fn search_field_ui(ui: &mut Ui, app: &mut ReaderApp) -> Vec<Action> {
    let mut actions = search_buttons_ui(ui, app, true);
    let field = ui.add(
        egui::TextEdit::singleline(&mut app.search.query)
            .hint_text("words to find")
            .desired_width(220.0),
    );
    let label = ui.label("Search:");
    let field = field.labelled_by(label.id);
    actions.extend(field_keys(ui, &field, app.search.focus_field));
    actions
}

/// Close, Next, Previous, "Match accents" and the count; right to left when `reversed`, as
/// the wide toolbar lays them out, else left to right.
fn search_buttons_ui(ui: &mut Ui, app: &ReaderApp, reversed: bool) -> Vec<Action> {
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
                let accents = app.search.accents == crate::search::Accents::Matched;
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
                let hits = app.search.hits.len();
                let count = match (app.search.current, hits) {
                    (_, 0) if app.search.query.trim().is_empty() => String::new(),
                    (_, 0) => "no matches".to_owned(),
                    (Some(i), n) => format!("{} of {n}", i + 1),
                    (None, n) => super::count(n, "match"),
                };
                let count = ui.label(RichText::new(count).small());
                a11y::live(ui, &count);
            }
        }
    }
    actions
}

/// Enter and Shift+Enter step through the matches, Escape closes the search.
fn field_keys(ui: &Ui, field: &egui::Response, focus: bool) -> Vec<Action> {
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
