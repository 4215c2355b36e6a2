//! Export from the window through an injected file dialog: the chosen path is written, a
//! second request while the dialog is open does nothing, and with no native dialog the app
//! offers a path field instead of doing nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gut_skin_viewer::ReaderApp;
use gut_skin_viewer::article::export::Scope;
use gut_skin_viewer::desktop::dialog::{Outcome, Request, ScriptedDialogs};
use gut_skin_viewer::view::action::Action;

fn harness(dialogs: ScriptedDialogs) -> Harness<'static, ReaderApp> {
    common::harness(ReaderApp::embedded().with_dialogs(Box::new(dialogs)))
}

#[test]
fn ctrl_s_exports_the_section_to_the_chosen_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("chosen.md");
    let dialogs = ScriptedDialogs::new([Outcome::Chosen(target.clone())]);
    let requests = dialogs.requests.clone();
    let mut h = harness(dialogs);
    h.state_mut().apply(Action::GoTo(1));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let requests = requests.lock().unwrap().clone();
    let [Request::Save { file_name, .. }] = requests.as_slice() else {
        panic!("expected one save dialog, got {requests:?}");
    };
    assert_eq!(file_name, "gut-health-and-skin-conditions.txt");
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(
        written.starts_with("# How Gut Health Affects Acne"),
        "the .md name picks Markdown"
    );
    h.get_by_label_contains("Exported to");
    assert_eq!(h.state().view.last_export_dir.as_deref(), Some(dir.path()));
}

#[test]
fn the_toolbar_button_and_the_menu_reach_the_same_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("a.txt");
    let dialogs = ScriptedDialogs::new([Outcome::Cancelled, Outcome::Chosen(target.clone())]);
    let requests = dialogs.requests.clone();
    let mut h = harness(dialogs);
    h.get_by_role_and_label(Role::Button, "Export…").click();
    h.run();
    assert!(!target.exists(), "a cancelled dialog writes nothing");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export whole article…").click();
    h.run();
    assert_eq!(requests.lock().unwrap().len(), 2);
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.starts_with(
        "The Gut-Skin Axis: Why Microbiome Balance is the Secret to Clear Skin\n===="
    ));
}

#[test]
fn a_second_request_while_the_dialog_is_open_does_nothing() {
    let dialogs = ScriptedDialogs::new([Outcome::Cancelled, Outcome::Cancelled]);
    let requests = dialogs.requests.clone();
    let mut h = harness(dialogs);
    h.state_mut().apply(Action::Export(Scope::Section(0)));
    h.state_mut().apply(Action::Export(Scope::Section(0)));
    assert!(h.state().dialog_open());
    h.run();
    assert_eq!(requests.lock().unwrap().len(), 1);
    assert!(!h.state().dialog_open());
}

#[test]
fn without_a_native_dialog_the_app_offers_a_path_field() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::new([Outcome::Unavailable]);
    let mut h = harness(dialogs);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(
        h.get_all_by_label_contains("No native file dialog is available")
            .count()
            >= 1
    );
    let field = h
        .state()
        .view
        .export_field
        .clone()
        .expect("a path field is offered");
    assert!(
        field.path.ends_with("what-is-the-gut-skin-axis.txt"),
        "{}",
        field.path
    );
    let target = dir.path().join("typed.txt");
    h.state_mut().view.export_field.as_mut().unwrap().path = target.display().to_string();
    h.run();
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    let text = std::fs::read_to_string(&target).unwrap();
    // The first page shows the article's title and lede above the section, and so does its
    // export.
    assert!(text.starts_with("The Gut-Skin Axis"));
    assert!(text.contains("\nWhat is the Gut-Skin Axis"));
    assert!(h.state().view.export_field.is_none());
}

#[test]
fn a_failed_export_says_why_and_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing/out.txt");
    let mut h = harness(ScriptedDialogs::new([Outcome::Chosen(target)]));
    h.state_mut().apply(Action::Export(Scope::Section(0)));
    h.run();
    let message = h.state().view.message.clone().unwrap();
    assert!(message.is_error);
    assert!(
        message
            .text
            .starts_with("Export failed: the folder does not exist: "),
        "{}",
        message.text
    );
    assert!(
        message.text.ends_with("missing/out.txt"),
        "{}",
        message.text
    );
}

#[test]
fn the_file_type_picked_in_the_dialog_sets_the_format_and_the_extension_follows() {
    use gut_skin_viewer::article::export::Format;
    let dir = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::new([
        // No extension typed, Markdown picked.
        Outcome::Saved(dir.path().join("notes"), Format::Md),
        // The suggested .txt name kept, Markdown picked.
        Outcome::Saved(dir.path().join("section.txt"), Format::Md),
        // A .md name typed, Text picked.
        Outcome::Saved(dir.path().join("plain.md"), Format::Txt),
    ]);
    let mut h = harness(dialogs);
    for _ in 0..3 {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
        h.run();
    }
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert!(read("notes.md").starts_with("# The Gut-Skin Axis"));
    assert!(read("section.md").starts_with("# The Gut-Skin Axis"));
    assert!(!dir.path().join("section.txt").exists());
    assert!(read("plain.txt").starts_with("The Gut-Skin Axis"));
    assert!(!dir.path().join("plain.md").exists());
}
