//! A screen-reader and keyboard reader's stories, through the accessibility tree that AccessKit
//! hands to AT-SPI (egui_kittest reads the same tree). `scripts/atspi-test.sh` checks the same
//! things from outside the process, through AT-SPI itself.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::harness;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gut_skin_viewer::ReaderApp;
use gut_skin_viewer::app::Action;
use gut_skin_viewer::export::{Format, Scope, render};

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

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_paragraph_is_spoken_as_it_is_written_citation_markers_included() {
    let mut h = reader();
    let sections = h.state().article.sections.len();
    let mut paragraphs = 0;
    for i in 0..sections {
        h.state_mut().apply(Action::GoTo(i));
        h.run();
        let article = h.state().article.clone();
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
    let title = h.state().article.title.clone();
    let section = h.state().article.sections[0].title.clone();
    let heading = h.get_by_role_and_label(Role::Heading, &title);
    assert_eq!(heading.accesskit_node().level(), Some(1));
    let heading = h.get_by_role_and_label(Role::Heading, &section);
    assert_eq!(heading.accesskit_node().level(), Some(2));
    h.get_by_role_and_label(Role::Navigation, "Contents");
    h.get_by_role_and_label(Role::Main, "Article");
    h.get_by_role_and_label(Role::Region, "References");
    h.get_by_role_and_label(Role::Complementary, "Guidance");
    // The section and the search count are live, so that their changes are read out.
    let status = h.get_by_role(Role::Status);
    assert_eq!(spoken(&status), "Section 1 of 6");
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
    let section = h.state().article.sections[0].title.clone();
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

    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().focused_reference, Some(n));
    let (role, name) = focused(&h).expect("focus stays in the window");
    assert_eq!(role, Role::ListItem);
    assert!(name.starts_with(&format!("[{n}] ")), "{name}");
    let entry = h.get_by(|node| node.is_focused());
    assert_eq!(entry.accesskit_node().is_selected(), Some(true));

    // Escape in the references panel goes back to the citation.
    h.key_press(egui::Key::Escape);
    h.run();
    h.run();
    assert_eq!(focused(&h), Some((Role::Link, marker.clone())));

    // And so does Back, after following it again.
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
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
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.run();
    assert_eq!(h.state().section, 1);
    let second = h.state().article.sections[1].title.clone();
    assert_eq!(focused(&h), Some((Role::Link, second)));
}

#[test]
fn escape_from_a_menu_or_the_search_leaves_focus_in_the_window() {
    let mut h = reader();
    h.get_by_label("View").click();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    h.run();
    assert!(focused(&h).is_some(), "Escape from the menu dropped focus");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    h.run();
    assert!(!h.state().search.open);
    assert_eq!(focused(&h), Some((Role::Button, "Search".to_owned())));
}

#[test]
fn menus_hold_menu_items_with_their_shortcuts_apart_and_the_theme_is_a_radio_group() {
    let mut h = reader();
    h.get_by_label("File").click();
    h.run();
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
