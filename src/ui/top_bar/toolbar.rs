//! The toolbar: history, panels, zoom, theme and export, and the compact one (a More menu) where the window is narrow.

use super::*;

/// How wide the whole toolbar is, with the search field open if it is.
pub(super) fn full_toolbar_width(ui: &Ui, view: &View) -> f32 {
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
    let search = if view.search.open {
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
pub(super) fn compact_toolbar_ui(ui: &mut Ui, view: &mut View) -> Vec<Action> {
    let mut actions = Vec::new();
    if view.room.contents_folded {
        let open = view.overlay == Some(Fold::Contents);
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
        actions.extend(history_ui(ui, view));
    }
    let more = ui.menu_button("More", |ui| {
        menu_body(ui, |ui| {
            if !history_fits {
                let back = ui.add_enabled_ui(!view.back.is_empty(), |ui| {
                    menu_item(ui, "Back", Some(&keys::BACK))
                });
                if back.inner.clicked() {
                    actions.push(Action::Back);
                }
                let forward = ui.add_enabled_ui(!view.forward.is_empty(), |ui| {
                    menu_item(ui, "Forward", Some(&keys::FORWARD))
                });
                if forward.inner.clicked() {
                    actions.push(Action::Forward);
                }
                ui.separator();
            }
            let has_guidance = !view.article.guidance.is_empty();
            let guidance_on = has_guidance && panel_on(view, Fold::Guidance);
            let guidance = ui.add_enabled_ui(has_guidance, |ui| {
                menu_check(ui, "Guidance panel", guidance_on, &keys::GUIDANCE)
            });
            if guidance.inner.clicked() {
                actions.push(Action::ToggleGuidance);
            }
            let references_on = panel_on(view, Fold::References);
            if menu_check(ui, "References panel", references_on, &keys::REFERENCES).clicked() {
                actions.push(Action::ToggleReferences);
            }
            if menu_check(ui, "Notes panel", panel_on(view, Fold::Notes), &keys::NOTES).clicked() {
                actions.push(Action::ToggleNotes);
            }
            ui.separator();
            if menu_item(ui, "Export section…", Some(&keys::EXPORT)).clicked() {
                actions.push(Action::Export(Scope::Section(view.section)));
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
    if !view.search.open {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            actions.extend(search_button_ui(ui, view));
        });
    }
    actions
}

/// Back and Forward.
pub(super) fn history_ui(ui: &mut Ui, view: &View) -> Vec<Action> {
    let mut actions = Vec::new();
    let back = ui
        .add_enabled(!view.back.is_empty(), Button::new("Back"))
        .on_hover_text(format!("Back ({})", shortcut(ui, &keys::BACK)))
        .on_disabled_hover_text("Nowhere to go back to");
    if back.clicked() {
        actions.push(Action::Back);
    }
    let forward = ui
        .add_enabled(!view.forward.is_empty(), Button::new("Forward"))
        .on_hover_text(format!("Forward ({})", shortcut(ui, &keys::FORWARD)));
    if forward.clicked() {
        actions.push(Action::Forward);
    }
    actions
}

/// The Search button, which takes focus back when the search closes.
pub(super) fn search_button_ui(ui: &mut Ui, view: &View) -> Vec<Action> {
    let search = ui.button("Search").on_hover_text(format!(
        "Search the article ({})",
        shortcut(ui, &keys::FIND)
    ));
    if view.focus == Some(crate::view::action::FocusTo::SearchButton) {
        search.request_focus();
    }
    if search.clicked() {
        vec![Action::OpenSearch]
    } else {
        Vec::new()
    }
}

pub(super) fn toolbar_ui(ui: &mut Ui, view: &mut View) -> Vec<Action> {
    let mut actions = history_ui(ui, view);
    ui.separator();
    let has_guidance = !view.article.guidance.is_empty();
    let guidance_on = has_guidance && panel_on(view, Fold::Guidance);
    let guidance = ui
        .add_enabled(has_guidance, Button::selectable(guidance_on, "Guidance"))
        .on_hover_text("Show or hide the guidance panel")
        .on_disabled_hover_text("This article has no guidance");
    a11y::toggle_button(ui, &guidance, guidance_on);
    if guidance.clicked() {
        actions.push(Action::ToggleGuidance);
    }
    let references_on = panel_on(view, Fold::References);
    let references = ui
        .add(Button::selectable(references_on, "References"))
        .on_hover_text("Show or hide the references panel");
    a11y::toggle_button(ui, &references, references_on);
    if references.clicked() {
        actions.push(Action::ToggleReferences);
    }
    ui.separator();
    let export = ui
        .add_enabled(!view.dialog_open, Button::new("Export…"))
        .on_hover_text(format!(
            "Export this section to a file ({})",
            shortcut(ui, &keys::EXPORT)
        ));
    if export.clicked() {
        actions.push(Action::Export(Scope::Section(view.section)));
    }
    ui.separator();
    let smaller = ui
        .button("A−")
        .on_hover_text(format!("Smaller text ({})", shortcut(ui, &keys::ZOOM_OUT)));
    a11y::name(ui, &smaller, "Zoom out");
    if smaller.clicked() {
        actions.push(Action::ZoomOut);
    }
    let size = ui.label(format!("{:.0}%", view.zoom * 100.0));
    a11y::live(ui, &size);
    a11y::node(ui, size.id, |n| {
        n.set_label(format!("Text size {:.0}%", view.zoom * 100.0));
    });
    let larger = ui
        .button("A+")
        .on_hover_text(format!("Larger text ({})", shortcut(ui, &keys::ZOOM_IN)));
    a11y::name(ui, &larger, "Zoom in");
    if larger.clicked() {
        actions.push(Action::ZoomIn);
    }
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if view.search.open {
            actions.extend(search_field_ui(ui, view));
        } else {
            actions.extend(search_button_ui(ui, view));
        }
        // The article's folder, where it fits beside the rest of the toolbar.
        if let Source::Folder(dir) = &view.source {
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
