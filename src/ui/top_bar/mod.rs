//! The menu bar and the toolbar: history, panels, export, zoom and the search field.

use egui::{Button, Key, RichText, Ui};

use crate::article::export::Scope;
use crate::ui::keys;
use crate::view::ThemeChoice;
use crate::view::action::Action;
use crate::view::{Source, View};

use crate::ui::a11y;
use crate::view::room::Fold;

mod menus;
mod search;
mod toolbar;

use menus::{menu_body, menu_check, menu_item, menus_ui, panel_on, zoom_items_ui};
use search::{compact_search_ui, search_field_ui};
use toolbar::{compact_toolbar_ui, full_toolbar_width, toolbar_ui};

pub fn top_bar_ui(ui: &mut Ui, view: &mut View) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::Panel::top("top_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| actions.extend(menus_ui(ui, view)));
        ui.add_space(2.0);
        let full = full_toolbar_width(ui, view);
        let compact = ui.available_width() < full;
        ui.horizontal(|ui| {
            if compact {
                actions.extend(compact_toolbar_ui(ui, view));
            } else {
                actions.extend(toolbar_ui(ui, view));
            }
        });
        if compact && view.search.open {
            actions.extend(compact_search_ui(ui, view));
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

/// The width of a button showing `text`.
fn button_width(ui: &Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Button.resolve(ui.style());
    super::text::text_width(ui, text, font)
        + 2.0 * ui.spacing().button_padding.x
        + ui.spacing().item_spacing.x
}
