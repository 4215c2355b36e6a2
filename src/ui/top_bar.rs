//! The menu bar and the toolbar: history, panels, export, zoom and the search field.

use egui::{Button, Key, RichText, Ui};

use crate::app::{Action, ReaderApp, Source};
use crate::export::Scope;
use crate::input::keys;
use crate::state::ThemeChoice;

pub fn top_bar_ui(ui: &mut Ui, app: &mut ReaderApp) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::Panel::top("top_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| actions.extend(menus_ui(ui, app)));
        ui.add_space(2.0);
        ui.horizontal(|ui| {
            actions.extend(toolbar_ui(ui, app));
        });
        ui.add_space(4.0);
    });
    actions
}

fn shortcut(ui: &Ui, s: &egui::KeyboardShortcut) -> String {
    ui.ctx().format_shortcut(s)
}

fn menus_ui(ui: &mut Ui, app: &ReaderApp) -> Vec<Action> {
    let mut actions = Vec::new();
    let section = Scope::Section(app.section);
    ui.menu_button("File", |ui| {
        if ui
            .add(Button::new("Open article…").shortcut_text(shortcut(ui, &keys::OPEN)))
            .clicked()
        {
            actions.push(Action::OpenArticleDialog);
        }
        ui.menu_button("Open recent", |ui| {
            if app.recent.is_empty() {
                ui.label(RichText::new("Nothing yet").weak());
            }
            for path in &app.recent {
                if ui.button(path.display().to_string()).clicked() {
                    actions.push(Action::OpenArticle(path.clone()));
                }
            }
        });
        ui.separator();
        if ui
            .add(Button::new("Export section…").shortcut_text(shortcut(ui, &keys::EXPORT)))
            .clicked()
        {
            actions.push(Action::Export(section));
        }
        if ui.button("Export whole article…").clicked() {
            actions.push(Action::Export(Scope::Article));
        }
        if ui
            .add(Button::new("Copy section as text").shortcut_text(shortcut(ui, &keys::COPY)))
            .clicked()
        {
            actions.push(Action::CopySection);
        }
        ui.separator();
        if ui
            .add(Button::new("Quit").shortcut_text(shortcut(ui, &keys::QUIT)))
            .clicked()
        {
            actions.push(Action::Quit);
        }
    });
    ui.menu_button("View", |ui| {
        if ui
            .add(
                Button::selectable(app.show_guidance, "Guidance panel")
                    .shortcut_text(shortcut(ui, &keys::GUIDANCE)),
            )
            .clicked()
        {
            actions.push(Action::ToggleGuidance);
        }
        if ui
            .add(
                Button::selectable(app.show_references, "References panel")
                    .shortcut_text(shortcut(ui, &keys::REFERENCES)),
            )
            .clicked()
        {
            actions.push(Action::ToggleReferences);
        }
        ui.separator();
        ui.label(RichText::new("Theme").weak());
        for (choice, name) in [
            (ThemeChoice::Light, "Light"),
            (ThemeChoice::Dark, "Dark"),
            (ThemeChoice::System, "Follow the system"),
        ] {
            if ui
                .add(Button::selectable(app.theme == choice, name))
                .clicked()
            {
                actions.push(Action::Theme(choice));
            }
        }
        ui.separator();
        if ui
            .add(Button::new("Zoom in").shortcut_text(shortcut(ui, &keys::ZOOM_IN)))
            .clicked()
        {
            actions.push(Action::ZoomIn);
        }
        if ui
            .add(Button::new("Zoom out").shortcut_text(shortcut(ui, &keys::ZOOM_OUT)))
            .clicked()
        {
            actions.push(Action::ZoomOut);
        }
        if ui
            .add(Button::new("Actual size").shortcut_text(shortcut(ui, &keys::ZOOM_RESET)))
            .clicked()
        {
            actions.push(Action::ZoomReset);
        }
    });
    ui.menu_button("Help", |ui| {
        if ui.button("Keyboard shortcuts").clicked() {
            actions.push(Action::ShowShortcuts(true));
        }
        if ui.button("About").clicked() {
            actions.push(Action::ShowAbout(true));
        }
    });
    actions
}

fn toolbar_ui(ui: &mut Ui, app: &mut ReaderApp) -> Vec<Action> {
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
    ui.separator();
    if ui
        .add(Button::selectable(app.show_guidance, "Guidance"))
        .on_hover_text("Show or hide the guidance panel")
        .clicked()
    {
        actions.push(Action::ToggleGuidance);
    }
    if ui
        .add(Button::selectable(app.show_references, "References"))
        .on_hover_text("Show or hide the references panel")
        .clicked()
    {
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
    if ui.button("A−").on_hover_text("Smaller text").clicked() {
        actions.push(Action::ZoomOut);
    }
    ui.label(format!("{:.0}%", app.zoom * 100.0));
    if ui.button("A+").on_hover_text("Larger text").clicked() {
        actions.push(Action::ZoomIn);
    }
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if app.search.open {
            actions.extend(search_field_ui(ui, app));
        } else if ui
            .button("Search")
            .on_hover_text(format!(
                "Search the article ({})",
                shortcut(ui, &keys::FIND)
            ))
            .clicked()
        {
            actions.push(Action::OpenSearch);
        }
        if let Source::Folder(dir) = &app.source {
            ui.label(RichText::new(dir.display().to_string()).small().weak());
        }
    });
    actions
}

/// The search field (right to left): close, next, previous, count, field.
fn search_field_ui(ui: &mut Ui, app: &mut ReaderApp) -> Vec<Action> {
    let mut actions = Vec::new();
    if ui
        .button("×")
        .on_hover_text("Close the search (Esc)")
        .clicked()
    {
        actions.push(Action::CloseSearch);
    }
    if ui
        .button("Next")
        .on_hover_text("Next match (Enter, F3)")
        .clicked()
    {
        actions.push(Action::SearchStep(1));
    }
    if ui
        .button("Previous")
        .on_hover_text("Previous match (Shift+Enter)")
        .clicked()
    {
        actions.push(Action::SearchStep(-1));
    }
    let hits = app.search.hits.len();
    let count = match (app.search.current, hits) {
        (_, 0) if app.search.query.trim().is_empty() => String::new(),
        (_, 0) => "no matches".to_owned(),
        (Some(i), n) => format!("{} of {n}", i + 1),
        (None, n) => super::count(n, "match"),
    };
    ui.label(RichText::new(count).small());
    let field = ui.add(
        egui::TextEdit::singleline(&mut app.search.query)
            .hint_text("words to find")
            .desired_width(220.0),
    );
    let label = ui.label("Search:");
    let field = field.labelled_by(label.id);
    if app.search.focus_field {
        field.request_focus();
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
