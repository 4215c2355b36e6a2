//! Keyboard and mouse input that is not a widget's own: shortcuts, section keys, the mouse's
//! back and forward buttons and dropped files, each turned into an [`Action`].

use std::path::PathBuf;

use egui::{Key, Modifiers};

use super::keys;
use crate::article::export::Scope;
use crate::view::View;
use crate::view::action::Action;

/// Shortcuts that work whether or not a text field has focus.
pub fn global_keys(view: &View, ctx: &egui::Context) -> Vec<Action> {
    let mut actions = Vec::new();
    ctx.input_mut(|i| {
        let shortcuts = [
            (keys::QUIT, Action::Quit),
            (keys::COPY, Action::CopySection),
            (keys::EXPORT, Action::Export(Scope::Section(view.section))),
            (keys::OPEN, Action::OpenArticleDialog),
            (keys::FIND, Action::OpenSearch),
            (keys::ZOOM_IN, Action::ZoomIn),
            (keys::ZOOM_IN_PLUS, Action::ZoomIn),
            (keys::ZOOM_OUT, Action::ZoomOut),
            (keys::ZOOM_RESET, Action::ZoomReset),
            (keys::BACK, Action::Back),
            (keys::FORWARD, Action::Forward),
            (keys::REFERENCES, Action::ToggleReferences),
            (keys::GUIDANCE, Action::ToggleGuidance),
            (keys::NOTES, Action::ToggleNotes),
        ];
        for (shortcut, action) in shortcuts {
            if i.consume_shortcut(&shortcut) {
                actions.push(action);
            }
        }
        if i.pointer.button_pressed(egui::PointerButton::Extra1) {
            actions.push(Action::Back);
        }
        if i.pointer.button_pressed(egui::PointerButton::Extra2) {
            actions.push(Action::Forward);
        }
        if view.search.open {
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                actions.push(Action::CloseSearch);
            }
            if i.consume_key(Modifiers::SHIFT, Key::F3) {
                actions.push(Action::SearchStep(-1));
            }
            if i.consume_key(Modifiers::NONE, Key::F3) {
                actions.push(Action::SearchStep(1));
            }
        }
        let dropped: Vec<PathBuf> = i
            .raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect();
        if let Some(path) = dropped.into_iter().next() {
            actions.push(Action::OpenArticle(path));
        }
    });
    actions
}

/// Highlight and note keys, while no text field has focus and no note is open: Ctrl+H
/// highlights the selection, Ctrl+Shift+H highlights it and opens its note, Ctrl+C copies it,
/// Ctrl+Z undoes the last change to the notes, Shift+F10 moves into the popup, Escape clears
/// the selection or closes a highlight's popup.
pub fn note_keys(view: &View, ctx: &egui::Context) -> Vec<Action> {
    let mut actions = Vec::new();
    if ctx.text_edit_focused() || view.note_editor.is_some() {
        return actions;
    }
    let selected = view.selection.is_some_and(|s| !s.is_empty());
    // egui drops focus on Escape; Escape taken here gives it back.
    let keep_focus = crate::ui::a11y::last_focus(ctx)
        .map(|id| Action::Focus(crate::view::action::FocusTo::Widget(id)));
    ctx.input_mut(|i| {
        // Ctrl+Shift+H before Ctrl+H, which would take it too.
        if i.consume_shortcut(&keys::HIGHLIGHT_NOTE) {
            actions.push(Action::Highlight {
                colour: None,
                note: true,
            });
        }
        if i.consume_shortcut(&keys::HIGHLIGHT) {
            actions.push(Action::Highlight {
                colour: None,
                note: false,
            });
        }
        if i.consume_shortcut(&keys::UNDO) {
            actions.push(Action::Undo);
        }
        if selected && i.consume_shortcut(&keys::COPY_SELECTION) {
            actions.push(Action::CopySelection { citation: false });
        }
        if (selected || view.active_highlight.is_some()) && i.consume_shortcut(&keys::POPUP) {
            actions.push(Action::FocusPopup);
        }
        if selected && i.consume_key(Modifiers::NONE, Key::Escape) {
            actions.push(Action::Select(None));
            actions.extend(keep_focus.clone());
        } else if view.active_highlight.is_some() && i.consume_key(Modifiers::NONE, Key::Escape) {
            actions.push(Action::OpenHighlight(None));
            actions.extend(keep_focus);
        }
    });
    actions
}

/// Section navigation keys, while no text field has focus and focus is in the contents, the
/// article or nowhere; in the references panel, Up and Down move between the entries.
pub fn reading_keys(view: &View, ctx: &egui::Context) -> Vec<Action> {
    use crate::ui::a11y::{Pane, focused_pane, keep_arrows_in_panes};
    if ctx.text_edit_focused() {
        return Vec::new();
    }
    keep_arrows_in_panes(ctx);
    let focused = ctx.memory(|m| m.focused());
    let pane = focused_pane(ctx);
    if pane == Some(Pane::References) {
        return reference_keys(view, ctx);
    }
    let reading = focused.is_none() || matches!(pane, Some(Pane::Contents | Pane::Article));
    if !reading {
        return Vec::new();
    }
    let last = view.article.sections.len().saturating_sub(1);
    let mut actions = Vec::new();
    let mut arrows = false;
    // With Shift the arrows, Home and End select text (egui matches a key without Shift even
    // when Shift is held).
    let shift = ctx.input(|i| i.modifiers.shift);
    ctx.input_mut(|i| {
        for key in [Key::ArrowDown, Key::J] {
            if shift {
                break;
            }
            if i.consume_key(Modifiers::NONE, key) {
                arrows |= key == Key::ArrowDown;
                if view.section < last {
                    actions.push(Action::GoTo(view.section + 1));
                }
            }
        }
        for key in [Key::ArrowUp, Key::K] {
            if shift {
                break;
            }
            if i.consume_key(Modifiers::NONE, key) {
                arrows |= key == Key::ArrowUp;
                if view.section > 0 {
                    actions.push(Action::GoTo(view.section - 1));
                }
            }
        }
        if !shift && i.consume_key(Modifiers::NONE, Key::Home) {
            actions.push(Action::GoTo(0));
        }
        if !shift && i.consume_key(Modifiers::NONE, Key::End) {
            actions.push(Action::GoTo(last));
        }
        if i.consume_key(Modifiers::NONE, Key::Slash) {
            actions.push(Action::OpenSearch);
        }
        // A page of the article, as in a browser. Space only where it clicks nothing: on the
        // heading, or with no focus.
        let on_heading = focused.is_none_or(|id| id == crate::ui::body::heading_id());
        if i.consume_key(Modifiers::NONE, Key::PageDown)
            || (on_heading && i.consume_key(Modifiers::NONE, Key::Space))
        {
            actions.push(Action::ScrollArticle(1.0));
        }
        if i.consume_key(Modifiers::NONE, Key::PageUp)
            || (on_heading && i.consume_key(Modifiers::SHIFT, Key::Space))
        {
            actions.push(Action::ScrollArticle(-1.0));
        }
    });
    if arrows {
        // The arrows are the section keys here, so egui must not also move focus with them.
        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
    if let Some(Action::GoTo(to)) = actions.first() {
        // Focus follows: to the contents' new entry, or to the new section's heading (the
        // citation or button that had it is gone with the old section).
        let to = match pane {
            Some(Pane::Contents) => Some(crate::view::action::FocusTo::SectionEntry(*to)),
            Some(Pane::Article) => Some(crate::view::action::FocusTo::Body),
            _ => None,
        };
        actions.extend(to.map(Action::Focus));
    }
    actions
}

/// Up and Down in the references panel: the previous or next entry; Home and End: the first
/// and last.
fn reference_keys(view: &View, ctx: &egui::Context) -> Vec<Action> {
    let refs = &view.article.references;
    let focused = ctx.memory(|m| m.focused());
    let here = refs
        .iter()
        .position(|r| Some(crate::ui::references::entry_id(r.number)) == focused);
    // A press before any entry has focus lands on the first.
    let last = refs.len().saturating_sub(1);
    let next = here.map_or(0, |i| (i + 1).min(last));
    let previous = here.map_or(0, |i| i.saturating_sub(1));
    let to = ctx.input_mut(|i| {
        [
            (Key::ArrowDown, next),
            (Key::ArrowUp, previous),
            (Key::Home, 0),
            (Key::End, last),
        ]
        .into_iter()
        .find_map(|(key, to)| i.consume_key(Modifiers::NONE, key).then_some(to))
    });
    let Some(to) = to.filter(|_| !refs.is_empty()) else {
        return Vec::new();
    };
    vec![Action::Focus(crate::view::action::FocusTo::Reference(
        refs[to].number,
    ))]
}
