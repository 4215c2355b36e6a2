//! The reader window, headless: each test is a reader's story, driven through the widgets'
//! accessible labels with egui_kittest.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;
use common::harness;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gut_skin_viewer::ReaderApp;
use gut_skin_viewer::desktop::remembered::Remembered;
use gut_skin_viewer::view::ThemeChoice;
use gut_skin_viewer::view::action::Action;

fn reader() -> Harness<'static, ReaderApp> {
    harness(ReaderApp::embedded())
}

const SECTION_2: &str = "How Gut Health Affects Acne, Inflammation and Skin Conditions";
const REF_4_TITLE: &str =
    "Editorial: The gut-skin axis: interaction of gut microbiome and skin diseases";

/// The link of citation [4] in the article's body: named by its marker, described by the
/// reference's title.
fn citation_4<'a>(h: &'a Harness<'_, ReaderApp>) -> egui_kittest::Node<'a> {
    h.get_by_role_and_label(Role::Main, "Article")
        .get_all_by_role_and_label(Role::Link, "[4]")
        .next()
        .expect("citation [4] is in the article")
}

fn section_id(h: &Harness<'_, ReaderApp>) -> String {
    let app = h.state();
    app.view.article.sections[app.view.section].id.clone()
}

#[test]
fn clicking_a_sidebar_entry_opens_that_section() {
    let mut h = reader();
    h.get_by_role_and_label(Role::Link, SECTION_2).click();
    h.run();
    assert_eq!(section_id(&h), "gut-health-and-skin-conditions");
    // The body shows the section's text.
    h.get_by_label_contains("The effects of poor gut health are often visible");
    let entry = h.get_by_role_and_label(Role::Link, SECTION_2);
    assert_eq!(
        entry.accesskit_node().aria_current(),
        Some(egui::accesskit::AriaCurrent::Page)
    );
}

#[test]
fn down_and_up_keys_move_between_sections() {
    let mut h = reader();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(h.state().view.section, 1);
    h.key_press(egui::Key::J);
    h.run();
    assert_eq!(h.state().view.section, 2);
    h.key_press(egui::Key::ArrowUp);
    h.run();
    assert_eq!(h.state().view.section, 1);
    h.key_press(egui::Key::End);
    h.run();
    assert_eq!(h.state().view.section, 5);
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(
        h.state().view.section,
        5,
        "Down on the last section stays there"
    );
    h.key_press(egui::Key::Home);
    h.run();
    assert_eq!(h.state().view.section, 0);
}

fn open_section(h: &mut Harness<'_, ReaderApp>, id: &str) {
    let i = h.state().view.article.section_index(id).unwrap();
    h.state_mut().apply(Action::GoTo(i));
    h.run();
}

#[test]
fn hovering_citation_4_previews_reference_4() {
    let mut h = reader();
    open_section(&mut h, "gut-health-and-skin-conditions");
    assert!(
        h.query_by_label(REF_4_TITLE).is_none(),
        "no preview before hovering"
    );
    citation_4(&h).hover();
    h.run();
    h.get_by_label(REF_4_TITLE);
    h.get_by_label_contains("Chai J, Deng F, Li Y, Wei X and Zhao J");
    h.get_by_label_contains("Front. Microbiol., 15:1427770, 2024");
    h.get_by_label("DOI 10.3389/fmicb.2024.1427770");
    // The card carries the data-quality note too.
    h.get_by_label_contains("Note: The URL is a PDF of a different paper");
}

#[test]
fn clicking_citation_4_shows_reference_4_highlighted_in_the_references_panel() {
    let mut h = reader();
    open_section(&mut h, "gut-health-and-skin-conditions");
    assert!(!h.state().view.show_references);
    citation_4(&h).click();
    h.run();
    assert!(h.state().view.show_references);
    assert_eq!(h.state().view.focused_reference, Some(4));
    h.get_by_role_and_label(Role::Heading, "References");
    h.get_by_label(REF_4_TITLE);
    // The data-quality note of reference 4 is there, discreetly.
    h.get_by_label_contains("Note: The URL is a PDF of a different paper");
}

#[test]
fn a_back_link_goes_to_the_citation_and_flashes_it() {
    let mut h = reader();
    // Reference 7 is cited in the food section; bring it into the references panel.
    h.state_mut().apply(Action::Cite(7));
    h.run();
    h.get_by(|n| n.role() == Role::ListItem && n.label().is_some_and(|l| l.starts_with("[7] ")))
        .get_by_role_and_label(
            Role::Link,
            "How to Eat for Microbiome Balance and Better Skin",
        )
        .click();
    h.run_steps(2);
    assert_eq!(section_id(&h), "eating-for-microbiome-balance");
    let flash = h.state().view.flash.expect("the citation flashes").0;
    assert_eq!(flash.number, 7);
    assert!(h.state().view.is_flashing(flash));
    assert_eq!(h.state().view.focused_reference, Some(7));
}

#[test]
fn back_and_forward_retrace_the_jumps() {
    let mut h = reader();
    h.get_by_role_and_label(Role::Link, SECTION_2).click();
    h.run();
    citation_4(&h).click();
    h.run();
    assert_eq!(h.state().view.back.len(), 2);
    h.get_by_label("Back").click();
    h.run();
    assert_eq!(
        (h.state().view.section, h.state().view.focused_reference),
        (1, None)
    );
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().view.section, 0);
    h.get_by_label("Forward").click();
    h.run();
    assert_eq!(h.state().view.section, 1);
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowRight);
    h.run();
    assert_eq!(
        (h.state().view.section, h.state().view.focused_reference),
        (1, Some(4))
    );
    assert!(h.state().view.forward.is_empty());
}

#[test]
fn the_guidance_panel_lists_the_four_foods_with_their_citations() {
    let h = reader();
    for food in [
        "Berries",
        "Leafy greens",
        "Salmon and other omega-3-rich fish",
        "Bone broth",
    ] {
        h.get_by_label(food);
        h.get_by_label(&format!("Read in article: {food}"));
    }
    h.get_by_label_contains("Key nutrients: amino acids, glutamine, glycine");
    let cites_7 = h.get_all_by_role_and_label(Role::Link, "[7]").count();
    assert!(cites_7 >= 4, "each food cites [7]: {cites_7}");
    h.get_all_by_role_and_label(Role::Link, "[8]")
        .next()
        .unwrap();
    h.get_by_label("Probiotics & prebiotics");
    h.get_by_label("Everyday disruptors");
    h.get_by_label("Low fibre diets");
    h.get_by_label("Retinoids and the skin barrier");
}

#[test]
fn the_disruptor_chips_keep_their_words_whole_at_the_default_size() {
    let h = reader();
    for name in [
        "Antibiotics",
        "Chronic stress",
        "Processed foods",
        "Low fibre diets",
    ] {
        let chip = h.get_by_label(name).rect();
        assert!(
            chip.height() < 30.0,
            "{name} is drawn {:.0} px high, letter by letter: {chip:?}",
            chip.height()
        );
    }
}

#[test]
fn at_launch_the_article_title_is_in_view_with_focus_on_the_section_heading() {
    let h = reader();
    let title = h.state().view.article.title.clone();
    let rect = h.get_by_role_and_label(Role::Heading, &title).rect();
    assert!(
        rect.min.y > 40.0 && rect.max.y < 300.0,
        "the title is scrolled away: {rect:?}"
    );
}

#[test]
fn an_article_without_guidance_has_no_guidance_panel() {
    let mut app = ReaderApp::embedded();
    app.view.article.guidance = Default::default();
    let h = harness(app);
    assert!(
        h.query_by_role_and_label(Role::Complementary, "Guidance")
            .is_none()
    );
    let toggle = h.get_by_role_and_label(Role::Button, "Guidance");
    assert!(toggle.accesskit_node().is_disabled());
}

#[test]
fn read_in_article_selects_the_section() {
    let mut h = reader();
    h.get_by_label("Read in article: Bone broth").scroll_to_me();
    h.run();
    h.get_by_label("Read in article: Bone broth").click();
    h.run();
    assert_eq!(section_id(&h), "eating-for-microbiome-balance");
    h.get_by_label("Back").click();
    h.run();
    assert_eq!(h.state().view.section, 0);
}

#[test]
fn the_view_state_survives_a_restart() {
    let mut h = reader();
    open_section(&mut h, "stress-skin-and-digestion");
    for a in [
        Action::ToggleReferences,
        Action::ToggleGuidance,
        Action::Theme(ThemeChoice::Dark),
        Action::ZoomIn,
    ] {
        h.state_mut().apply(a);
    }
    h.run();
    let saved = h.state().remembered().to_ron();
    let remembered = Remembered::from_ron(&saved);
    let loaded = gut_skin_viewer::article::load::load_embedded().unwrap();
    let app = ReaderApp::new(loaded, gut_skin_viewer::view::Source::Embedded, &remembered);
    let h2 = harness(app);
    let a = h2.state();
    assert_eq!(
        a.view.article.sections[a.view.section].id,
        "stress-skin-and-digestion"
    );
    assert!(a.view.show_references && !a.view.show_guidance);
    assert_eq!(a.view.theme, ThemeChoice::Dark);
    assert!((a.view.zoom - 1.1).abs() < 1e-4);
    // A damaged state file is ignored.
    assert_eq!(Remembered::from_ron("(((garbage"), Remembered::default());
}

#[test]
fn a_link_that_is_not_http_is_shown_but_never_opened() {
    let mut app = ReaderApp::embedded();
    app.view.article.references[6].url = Some("file:///etc/passwd".into());
    app.apply(Action::Cite(7));
    let mut h = harness(app);
    // Reference 7's address is plain text, not a link.
    assert!(
        h.query_by_role_and_label(Role::Link, "Link: file:///etc/passwd")
            .is_none()
    );
    h.get_by_label("Link: file:///etc/passwd");
    // A link that is http is a link.
    h.get_by_role_and_label(Role::Link, "Link: pubmed.ncbi.nlm.nih.gov");
    // Even if asked directly, the app refuses.
    h.state_mut()
        .apply(Action::OpenLink("javascript:alert(1)".into()));
    h.run();
    assert!(h.state().view.opened_links.is_empty());
    assert!(h.state().view.message.as_ref().unwrap().is_error);
    h.get_by_label_contains("Refused to open a link that is not http or https");
    h.state_mut().apply(Action::OpenLink(
        "https://doi.org/10.3390/ijms24043950".into(),
    ));
    assert_eq!(
        h.state().view.opened_links,
        ["https://doi.org/10.3390/ijms24043950"]
    );
}

#[test]
fn zoom_and_panel_shortcuts() {
    let mut h = reader();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Equals);
    h.run();
    assert!((h.state().view.zoom - 1.1).abs() < 1e-4);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    h.run();
    assert!((h.state().view.zoom - 1.0).abs() < 1e-4);
    h.get_by_role_and_label(Role::Button, "References").click();
    h.run();
    assert!(h.state().view.show_references);
}

#[test]
fn ctrl_shift_c_copies_the_section_as_text() {
    let mut h = reader();
    h.state_mut().apply(Action::GoTo(3));
    h.run();
    // One key-down event, so that the step that copies is the one whose output we read.
    h.event(egui::Event::Key {
        key: egui::Key::C,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
    });
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .expect("the section was copied");
    assert!(copied.starts_with("How to Eat for Microbiome Balance and Better Skin\n====="));
    assert!(copied.contains("[8] Matar A, Abdelnaem N, Camilleri M."));
}
