//! The status bar, the load-error banner, and the small windows: keyboard shortcuts, About,
//! and the export path field offered when no native dialog exists.

use egui::{RichText, Ui};

use super::keys;
use crate::article::export::Scope;
use crate::view::View;
use crate::view::action::Action;

pub fn status_bar_ui(ui: &mut Ui, view: &View) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::Panel::bottom("status").show(ui, |ui| {
        // Wrapped, so that a long message in a narrow window takes a second line instead of
        // leaving the window.
        ui.horizontal_wrapped(|ui| {
            let total = view.article.sections.len();
            let place =
                ui.label(RichText::new(format!("Section {} of {total}", view.section + 1)).small());
            super::a11y::live(ui, &place);
            if !view.warnings.is_empty() {
                let text: Vec<String> = view.warnings.iter().map(ToString::to_string).collect();
                ui.label(
                    RichText::new(super::count(view.warnings.len(), "content warning"))
                        .small()
                        .weak(),
                )
                .on_hover_text(text.join("\n"));
            }
            if let Some(message) = &view.message {
                ui.separator();
                let text = RichText::new(&message.text).small();
                let text = if message.is_error {
                    text.color(ui.visuals().error_fg_color)
                } else {
                    text
                };
                let said = ui.label(text);
                super::a11y::live(ui, &said);
                let dismiss = ui.small_button("×").on_hover_text("Dismiss");
                super::a11y::name(ui, &dismiss, "Dismiss the message");
                if dismiss.clicked() {
                    actions.push(Action::DismissMessage);
                }
            }
        });
    });
    actions
}

/// The errors of an open or a reload that failed, above the article that stays shown; and
/// why live reload is waiting, if it is.
pub fn load_errors_ui(ui: &mut Ui, view: &View) -> Vec<Action> {
    let mut actions = Vec::new();
    if let Some(note) = &view.reload_note {
        let color = ui.visuals().warn_fg_color;
        egui::Frame::new()
            .fill(super::palette::banner(ui.visuals(), color))
            .stroke(egui::Stroke::new(1.0, color))
            .inner_margin(10)
            .outer_margin(8)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                let said = ui.label(RichText::new(note).strong());
                super::a11y::live(ui, &said);
            });
    }
    if view.load_errors.is_empty() {
        return actions;
    }
    egui::Frame::new()
        .fill(super::palette::banner(
            ui.visuals(),
            ui.visuals().error_fg_color,
        ))
        .stroke(egui::Stroke::new(1.0, ui.visuals().error_fg_color))
        .inner_margin(10)
        .outer_margin(8)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let said = ui.label(
                    RichText::new("The article has errors; the last good version stays on screen.")
                        .strong()
                        .color(ui.visuals().error_fg_color),
                );
                super::a11y::live(ui, &said);
                let dismiss = ui.small_button("×").on_hover_text("Dismiss");
                super::a11y::name(ui, &dismiss, "Dismiss the errors");
                if dismiss.clicked() {
                    actions.push(Action::DismissMessage);
                }
            });
            for e in view.load_errors.iter().take(20) {
                ui.label(RichText::new(e).monospace());
            }
            if view.load_errors.len() > 20 {
                ui.label(format!("… and {} more", view.load_errors.len() - 20));
            }
        });
    actions
}

pub fn windows_ui(ctx: &egui::Context, view: &View) -> Vec<Action> {
    let mut actions = Vec::new();
    if view.show_shortcuts {
        let mut open = true;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                let f = |s: &egui::KeyboardShortcut| ctx.format_shortcut(s);
                let rows = [
                    (
                        "Next / previous section (in the contents or the article)",
                        "Down / Up, j / k".to_owned(),
                    ),
                    ("First / last section", "Home / End".to_owned()),
                    (
                        "Scroll the article a page",
                        "Page Down / Page Up (Space / Shift+Space on the heading)".to_owned(),
                    ),
                    (
                        "Back / forward",
                        format!("{} / {}", f(&keys::BACK), f(&keys::FORWARD)),
                    ),
                    ("Search", format!("{} or /", f(&keys::FIND))),
                    (
                        "Next / previous match",
                        "Enter, F3 / Shift+Enter, Shift+F3".to_owned(),
                    ),
                    ("Close the search", "Esc".to_owned()),
                    ("Export section", f(&keys::EXPORT)),
                    ("Copy section as text", f(&keys::COPY)),
                    ("Open article", f(&keys::OPEN)),
                    (
                        "Guidance / references panel",
                        format!("{} / {}", f(&keys::GUIDANCE), f(&keys::REFERENCES)),
                    ),
                    (
                        "Select text (in the article)",
                        "Drag, double-click a word; Shift+arrows, Ctrl+Shift+arrows".to_owned(),
                    ),
                    (
                        "Highlight the selection / and write a note",
                        format!("{} / {}", f(&keys::HIGHLIGHT), f(&keys::HIGHLIGHT_NOTE)),
                    ),
                    ("The selection's or highlight's menu", f(&keys::POPUP)),
                    ("Undo a highlight change", f(&keys::UNDO)),
                    ("Notes panel", f(&keys::NOTES)),
                    (
                        "Zoom in / out / reset",
                        format!(
                            "{} / {} / {}",
                            f(&keys::ZOOM_IN),
                            f(&keys::ZOOM_OUT),
                            f(&keys::ZOOM_RESET)
                        ),
                    ),
                    (
                        "Move between links",
                        "Tab / Shift+Tab, Enter to follow".to_owned(),
                    ),
                    ("Move between panes", "F6 / Shift+F6".to_owned()),
                    (
                        "From a reference back to its citation",
                        format!("Esc or {}", f(&keys::BACK)),
                    ),
                    (
                        "Previous / next reference (in the references panel)",
                        "Up / Down, Home / End".to_owned(),
                    ),
                    ("Quit", f(&keys::QUIT)),
                ];
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (what, keys) in rows {
                        ui.label(what);
                        ui.label(RichText::new(keys).monospace());
                        ui.end_row();
                    }
                });
            });
        if !open {
            actions.push(Action::ShowShortcuts(false));
        }
    }
    if view.show_about {
        let mut open = true;
        egui::Window::new("About")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.heading("gut-skin-viewer");
                ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                ui.label("A reader for long-form health articles kept as RON files.");
                ui.label(RichText::new(format!("Reading: {}", view.article.title)).weak());
            });
        if !open {
            actions.push(Action::ShowAbout(false));
        }
    }
    actions
}

/// The in-app "export to" field, for when no native save dialog can be shown.
pub fn export_field_ui(
    ctx: &egui::Context,
    scope: Scope,
    notes: bool,
    path: &mut String,
) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::Window::new("Export to a file")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label("No native file dialog is available. Type the path to export to;");
            ui.label(if notes {
                "the notes: a name ending in .json exports Web Annotations, anything else Markdown."
            } else {
                "a name ending in .md exports Markdown, anything else plain text."
            });
            let label = ui.label("Path:");
            let field = ui
                .add(egui::TextEdit::singleline(path).desired_width(420.0))
                .labelled_by(label.id);
            // Typing can start at once; Escape cancels, as in a dialog.
            let opened_id = egui::Id::unique("export-field-opened");
            let opened: bool = ui.ctx().data(|d| d.get_temp(opened_id)).unwrap_or(false);
            if !opened {
                super::a11y::give_focus(ui.ctx(), field.id);
                ui.ctx().data_mut(|d| d.insert_temp(opened_id, true));
            }
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                ui.ctx().data_mut(|d| d.remove::<bool>(opened_id));
                actions.push(Action::CancelExportField);
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.button("Export").clicked() || enter {
                    ui.ctx().data_mut(|d| d.remove::<bool>(opened_id));
                    actions.push(Action::ExportTo(scope, path.trim().into()));
                }
                if ui.button("Cancel").clicked() {
                    ui.ctx().data_mut(|d| d.remove::<bool>(opened_id));
                    actions.push(Action::CancelExportField);
                }
            });
        });
    actions
}
