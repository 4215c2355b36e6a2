//! A screen-reader and keyboard reader's stories, through the accessibility tree that AccessKit
//! hands to AT-SPI (egui_kittest reads the same tree). `scripts/test/atspi.sh` checks the same
//! things from outside the process, through AT-SPI itself.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;
use common::harness;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gut_skin_viewer::ReaderApp;
use gut_skin_viewer::article::export::{Format, Scope, render};
use gut_skin_viewer::view::action::Action;

fn reader() -> Harness<'static, ReaderApp> {
    harness(ReaderApp::embedded())
}

/// The text a node speaks: its name, or for text its value.
fn spoken(node: &egui_kittest::Node<'_>) -> String {
    let n = node.accesskit_node();
    n.label().or_else(|| n.value()).unwrap_or_default()
}

/// The focused node's role and name.
fn focused(h: &Harness<'_, ReaderApp>) -> Option<(Role, String)> {
    h.query_by(|n| n.is_focused())
        .map(|n| (n.accesskit_node().role(), spoken(&n)))
}

/// Presses a key and lets the focus it moves settle (a focus given by the app lands a frame
/// later).
fn press(h: &mut Harness<'_, ReaderApp>, key: egui::Key) {
    h.key_press(key);
    h.run();
    h.run();
}

/// The title of section `i`.
fn title(h: &Harness<'_, ReaderApp>, i: usize) -> String {
    h.state().view.article.sections[i].title.clone()
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_paragraph_is_spoken_as_it_is_written_citation_markers_included() {
    let mut h = reader();
    let sections = h.state().view.article.sections.len();
    let mut paragraphs = 0;
    for i in 0..sections {
        h.state_mut().apply(Action::GoTo(i));
        h.run();
        let article = h.state().view.article.clone();
        let exported = words(&render(&article, Scope::Section(i), Format::Txt, 100_000));
        let body = h.get_by_role_and_label(Role::Main, "Article");
        for p in body.get_all_by_role(Role::Paragraph) {
            let text: String = p
                .children_recursive()
                .filter(|c| matches!(c.accesskit_node().role(), Role::Label | Role::Link))
                .map(|c| spoken(&c))
                .collect();
            let text = words(&text);
            assert!(!text.is_empty());
            assert!(
                exported.contains(&text),
                "section {i}: the spoken paragraph is not the written one:\n{text}"
            );
            paragraphs += 1;
        }
    }
    assert!(paragraphs >= 20, "only {paragraphs} paragraphs found");
}

#[test]
fn a_citation_is_named_by_its_marker_and_described_by_its_reference() {
    let mut h = reader();
    h.state_mut().apply(Action::GoTo(1));
    h.run();
    let body = h.get_by_role_and_label(Role::Main, "Article");
    let link = body
        .get_all_by_role_and_label(Role::Link, "[4]")
        .next()
        .unwrap();
    assert_eq!(
        link.accesskit_node().description().as_deref(),
        Some("Editorial: The gut-skin axis: interaction of gut microbiome and skin diseases")
    );
}

#[test]
fn the_title_and_section_are_headings_and_the_panes_are_named() {
    let mut h = reader();
    h.state_mut().apply(Action::ToggleReferences);
    h.run();
    let title = h.state().view.article.title.clone();
    let section = h.state().view.article.sections[0].title.clone();
    let heading = h.get_by_role_and_label(Role::Heading, &title);
    assert_eq!(heading.accesskit_node().level(), Some(1));
    let heading = h.get_by_role_and_label(Role::Heading, &section);
    assert_eq!(heading.accesskit_node().level(), Some(2));
    h.get_by_role_and_label(Role::Navigation, "Contents");
    h.get_by_role_and_label(Role::Main, "Article");
    h.get_by_role_and_label(Role::Region, "References");
    h.get_by_role_and_label(Role::Complementary, "Guidance");
    // The section and the search count are live, so that their changes are read out.
    let live: Vec<String> = h
        .get_all_by_role(Role::Status)
        .map(|n| spoken(&n))
        .collect();
    assert!(live.iter().any(|s| s == "Section 1 of 6"), "{live:?}");
}

#[test]
fn all_ten_references_are_in_the_tree_scrolled_or_not() {
    let mut h = reader();
    h.state_mut().apply(Action::ToggleReferences);
    h.run();
    let list = h.get_by_role_and_label(Role::List, "References");
    let entries: Vec<String> = list
        .get_all_by_role(Role::ListItem)
        .map(|n| spoken(&n))
        .collect();
    assert_eq!(entries.len(), 10, "{entries:?}");
    for (i, e) in entries.iter().enumerate() {
        assert!(e.starts_with(&format!("[{}] ", i + 1)), "{e}");
    }
}

#[test]
fn from_launch_the_first_citation_is_one_tab_away_and_enter_goes_to_its_reference() {
    let mut h = reader();
    // Reading starts at the section's heading.
    let section = h.state().view.article.sections[0].title.clone();
    assert_eq!(focused(&h), Some((Role::Heading, section)));
    let mut presses = 0;
    while presses < 5 {
        h.key_press(egui::Key::Tab);
        h.run();
        presses += 1;
        if focused(&h).is_some_and(|(role, name)| role == Role::Link && name.starts_with('[')) {
            break;
        }
    }
    let (_, marker) = focused(&h).unwrap();
    assert!(
        marker.starts_with('['),
        "after {presses} Tabs focus is on {marker}"
    );
    assert_eq!(presses, 1);
    let n: u32 = marker.trim_matches(['[', ']']).parse().unwrap();

    press(&mut h, egui::Key::Enter);
    assert_eq!(h.state().view.focused_reference, Some(n));
    let (role, name) = focused(&h).expect("focus stays in the window");
    assert_eq!(role, Role::ListItem);
    assert!(name.starts_with(&format!("[{n}] ")), "{name}");
    let entry = h.get_by(|node| node.is_focused());
    assert_eq!(entry.accesskit_node().is_selected(), Some(true));

    // Escape in the references panel goes back to the citation, brought into view above the
    // panel that now covers the bottom of the window.
    press(&mut h, egui::Key::Escape);
    assert_eq!(focused(&h), Some((Role::Link, marker.clone())));
    let link = h.get_by(|n| n.is_focused()).rect();
    let panel = h.get_by_role_and_label(Role::Heading, "References").rect();
    assert!(
        link.max.y <= panel.min.y && link.min.y > 60.0,
        "the citation at {link:?} is not in view above the panel at {panel:?}"
    );

    // And so does Back, after following it again.
    press(&mut h, egui::Key::Enter);
    assert_eq!(focused(&h).map(|f| f.0), Some(Role::ListItem));
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowLeft);
    h.run();
    h.run();
    assert_eq!(focused(&h), Some((Role::Link, marker)));
}

#[test]
fn f6_moves_between_the_panes() {
    let mut h = reader();
    h.state_mut().apply(Action::ToggleReferences);
    h.run();
    let pane_of_focus = |h: &Harness<'_, ReaderApp>| {
        for (role, name) in [
            (Role::Navigation, "Contents"),
            (Role::Main, "Article"),
            (Role::Region, "References"),
            (Role::Complementary, "Guidance"),
        ] {
            let pane = h.get_by_role_and_label(role, name);
            if pane.query_by(|n| n.is_focused()).is_some() {
                return Some(name);
            }
        }
        None
    };
    // Focus starts in the article.
    assert_eq!(pane_of_focus(&h), Some("Article"));
    let mut seen = Vec::new();
    for _ in 0..4 {
        h.key_press(egui::Key::F6);
        h.run();
        seen.push(pane_of_focus(&h).unwrap_or("nowhere"));
    }
    assert_eq!(seen, ["References", "Guidance", "Contents", "Article"]);
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F6);
    h.run();
    assert_eq!(pane_of_focus(&h), Some("Contents"));
    // Down in the contents goes to the next section and keeps focus on its entry.
    press(&mut h, egui::Key::ArrowDown);
    assert_eq!(h.state().view.section, 1);
    assert_eq!(focused(&h), Some((Role::Link, title(&h, 1))));
}

#[test]
fn escape_from_a_menu_or_the_search_leaves_focus_in_the_window() {
    let mut h = reader();
    h.get_by_label("View").click();
    h.run();
    press(&mut h, egui::Key::Escape);
    assert!(focused(&h).is_some(), "Escape from the menu dropped focus");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.run();
    press(&mut h, egui::Key::Escape);
    assert!(!h.state().view.search.open);
    assert_eq!(focused(&h), Some((Role::Button, "Search".to_owned())));
}

#[test]
fn menus_hold_menu_items_with_their_shortcuts_apart_and_the_theme_is_a_radio_group() {
    let mut h = reader();
    h.get_by_label("File").click();
    h.run();
    h.get_by_role_and_label(Role::MenuItem, "Open recent");
    let open = h.get_by_role_and_label(Role::MenuItem, "Open article…");
    assert_eq!(
        open.accesskit_node().data().keyboard_shortcut(),
        Some("Ctrl+O")
    );
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label("View").click();
    h.run();
    let radios: Vec<String> = h
        .get_all_by_role(Role::MenuItemRadio)
        .map(|n| spoken(&n))
        .collect();
    assert_eq!(radios, ["Light", "Dark", "Follow the system"]);
    h.get_by_role_and_label(Role::MenuItemCheckBox, "Guidance panel");
    h.key_press(egui::Key::Escape);
    h.run();
    // Symbol buttons have words.
    h.get_by_role_and_label(Role::Button, "Zoom in");
    h.get_by_role_and_label(Role::Button, "Zoom out");
    h.get_by_role_and_label(Role::Button, "Close the guidance panel");
    // No node's description repeats its name.
    let repeats: Vec<String> = h
        .query_all_by(|n| n.label().is_some() && n.label() == n.description())
        .map(|n| spoken(&n))
        .collect();
    assert!(repeats.is_empty(), "{repeats:?}");
}

#[test]
fn arrows_keep_focus_where_the_reader_is() {
    let mut h = reader();
    // On a citation, Down goes to the next section and focus to its heading, not to nowhere.
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(focused(&h).map(|f| f.0), Some(Role::Link));
    press(&mut h, egui::Key::ArrowDown);
    assert_eq!(h.state().view.section, 1);
    assert_eq!(focused(&h), Some((Role::Heading, title(&h, 1))));

    // In the references panel, Up and Down walk the list, and nothing else moves.
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::R,
    );
    h.run();
    press(&mut h, egui::Key::F6);
    let entry = |h: &Harness<'_, ReaderApp>| focused(h).map(|(_, name)| name[..4].to_owned());
    assert_eq!(entry(&h).as_deref(), Some("[1] "));
    for expected in ["[2] ", "[3] "] {
        press(&mut h, egui::Key::ArrowDown);
        assert_eq!(entry(&h).as_deref(), Some(expected));
    }
    press(&mut h, egui::Key::End);
    assert_eq!(entry(&h).as_deref(), Some("[10]"));
    press(&mut h, egui::Key::ArrowUp);
    assert_eq!(entry(&h).as_deref(), Some("[9] "));
    assert_eq!(
        h.state().view.section,
        1,
        "the arrows did not change the section"
    );
    // The focused entry has a size, for magnifiers and Orca's review.
    let node = h.get_by(|n| n.is_focused());
    assert!(node.rect().height() > 20.0, "{:?}", node.rect());
}
