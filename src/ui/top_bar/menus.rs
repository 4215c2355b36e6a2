//! The menu bar: File, View and Help, with each item's shortcut and the panels' state.

use super::*;

/// A menu entry with its shortcut shown on the right; to a screen reader, a menu item named
/// `name` with the shortcut as its own property.
pub(super) fn menu_item(
    ui: &mut Ui,
    name: &str,
    key: Option<&egui::KeyboardShortcut>,
) -> egui::Response {
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
pub(super) fn menu_check(
    ui: &mut Ui,
    name: &str,
    on: bool,
    key: &egui::KeyboardShortcut,
) -> egui::Response {
    let keys = shortcut(ui, key);
    let response = ui.add(Button::selectable(on, name).shortcut_text(padded(&keys)));
    a11y::menu_item(ui, &response, name, Some(keys));
    a11y::menu_check(ui, &response, on);
    response
}

pub(super) fn menus_ui(ui: &mut Ui, view: &View) -> Vec<Action> {
    let mut actions = Vec::new();
    let section = Scope::Section(view.section);
    let file = ui.menu_button("File", |ui| {
        menu_body(ui, |ui| {
            if menu_item(ui, "Open article…", Some(&keys::OPEN)).clicked() {
                actions.push(Action::OpenArticleDialog);
            }
            let recent = ui.menu_button("Open recent", |ui| {
                if view.recent.is_empty() {
                    ui.label(RichText::new("Nothing yet").weak());
                }
                for path in &view.recent {
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
    let view_menu = ui.menu_button("View", |ui| {
        menu_body(ui, |ui| {
            if menu_check(
                ui,
                "Guidance panel",
                panel_on(view, Fold::Guidance),
                &keys::GUIDANCE,
            )
            .clicked()
            {
                actions.push(Action::ToggleGuidance);
            }
            if menu_check(
                ui,
                "References panel",
                panel_on(view, Fold::References),
                &keys::REFERENCES,
            )
            .clicked()
            {
                actions.push(Action::ToggleReferences);
            }
            if menu_check(ui, "Notes panel", panel_on(view, Fold::Notes), &keys::NOTES).clicked() {
                actions.push(Action::ToggleNotes);
            }
            ui.separator();
            ui.label(RichText::new("Theme").weak());
            for (choice, name) in [
                (ThemeChoice::Light, "Light"),
                (ThemeChoice::Dark, "Dark"),
                (ThemeChoice::System, "Follow the system"),
            ] {
                let chosen = view.theme == choice;
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
    for (entry, name) in [(file, "File"), (view_menu, "View"), (help, "Help")] {
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
pub(super) fn menu_body<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
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
pub(super) fn zoom_items_ui(ui: &mut Ui, actions: &mut Vec<Action>) {
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
pub(super) fn panel_on(view: &View, panel: Fold) -> bool {
    if view.room.folded(panel) {
        return view.overlay == Some(panel);
    }
    match panel {
        Fold::Guidance => view.show_guidance && !view.show_notes,
        Fold::Notes => view.show_notes,
        Fold::References => view.show_references,
        Fold::Contents => true,
    }
}
