//! Highlights and notes in the window, as a reader uses them: select with the keyboard and
//! highlight; add, edit and delete a note, and undo; the notes panel goes to a highlight; the
//! notes survive a restart and an author's edit of the article on disk.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gut_skin_viewer::ReaderApp;
use gut_skin_viewer::article::notes::{Colour, Placed, Unit};
use gut_skin_viewer::view::Source;
use gut_skin_viewer::view::action::Action;

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// The shipped article at section 2, keeping notes in `dir`.
fn window(dir: &std::path::Path) -> Harness<'static, ReaderApp> {
    let mut app = ReaderApp::embedded().with_notes_dir(Some(dir.to_path_buf()));
    app.apply(Action::GoTo(1));
    common::harness(app)
}

/// Selects the first `words` words of the section with Ctrl+Shift+Right, from the heading.
fn select_words(h: &mut Harness<'_, ReaderApp>, words: usize) {
    for _ in 0..words {
        h.key_press_modifiers(CTRL_SHIFT, Key::ArrowRight);
    }
    h.run();
}

#[test]
fn shift_arrows_select_and_ctrl_h_highlights_which_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(dir.path());
    select_words(&mut h, 4);
    let s = h.state().view.selection.unwrap();
    assert_eq!(s.unit, Unit::Section(1));
    assert_eq!(
        &h.state().view.texts.sections[1].text[s.range()],
        "The effects of poor"
    );
    // Shift+Right one character more, then Ctrl+H.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.key_press_modifiers(CTRL, Key::H);
    h.run();
    let app = h.state();
    assert_eq!(app.view.notes.len(), 1);
    assert_eq!(app.view.notes[0].quote.exact, "The effects of poor");
    assert_eq!(app.view.notes[0].colour, Colour::Yellow);
    assert!(app.view.selection.is_none());
    // A screen reader hears it on the paragraph.
    let described = h
        .query_all_by(|n| {
            n.description()
                .is_some_and(|d| d.contains("highlighted in yellow: “The effects of poor”"))
        })
        .count();
    assert_eq!(described, 1);
    // Restart: the notes file brings it back, placed where it was.
    let file = h.state().notes_file().unwrap().to_path_buf();
    // Written off the window's thread: wait for it, as closing the window does.
    assert!(h.state().flush_notes(std::time::Duration::from_secs(10)));
    assert!(file.exists());
    drop(h);
    let h = window(dir.path());
    assert_eq!(h.state().view.notes.len(), 1);
    assert!(matches!(
        h.state().view.placed[0],
        Placed::At {
            unit: Unit::Section(1),
            ..
        }
    ));
}

#[test]
fn a_note_is_written_edited_deleted_and_brought_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(dir.path());
    select_words(&mut h, 2);
    // Ctrl+Shift+H: highlight and open its note.
    h.key_press_modifiers(CTRL_SHIFT, Key::H);
    h.run();
    assert!(h.state().view.note_editor.is_some());
    h.get_by_role(egui::accesskit::Role::MultilineTextInput)
        .type_text("Check reference 3");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(h.state().view.note_editor.is_none());
    assert_eq!(h.state().view.notes[0].note, "Check reference 3");
    // The mark in the margin opens it for editing.
    h.get_by_label_contains("Note on “The effects”").click();
    h.run();
    assert_eq!(
        h.state().view.note_editor.as_ref().unwrap().text,
        "Check reference 3"
    );
    h.get_by_role(egui::accesskit::Role::MultilineTextInput)
        .type_text(" and 4");
    h.run();
    h.key_press_modifiers(CTRL, Key::Enter);
    h.run();
    assert_eq!(h.state().view.notes[0].note, "Check reference 3 and 4");
    // Delete from the editor; Ctrl+Z brings it back, note and all.
    h.get_by_label_contains("Note on “The effects”").click();
    h.run();
    h.get_by_label("Delete highlight").click();
    h.run();
    assert!(h.state().view.notes.is_empty());
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(h.state().view.notes.len(), 1);
    assert_eq!(h.state().view.notes[0].note, "Check reference 3 and 4");
    // And on disk.
    assert!(h.state().flush_notes(std::time::Duration::from_secs(10)));
    let text = std::fs::read_to_string(h.state().notes_file().unwrap()).unwrap();
    assert!(text.contains("Check reference 3 and 4"));
}

#[test]
fn the_popup_recolours_and_the_notes_panel_goes_to_a_highlight() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(dir.path());
    select_words(&mut h, 3);
    // The popup over the selection: a colour highlights in it.
    h.get_by_label("Highlight green").click();
    h.run();
    assert_eq!(h.state().view.notes[0].colour, Colour::Green);
    assert_eq!(h.state().view.last_colour, Colour::Green);
    // Elsewhere in the article, open the notes panel and choose the entry.
    h.state_mut().apply(Action::GoTo(4));
    h.key_press_modifiers(CTRL_SHIFT, Key::N);
    h.run();
    assert!(h.state().view.show_notes);
    let back_before = h.state().view.back.len();
    h.get_by_label_contains("Green highlight: “The effects of”")
        .click();
    // The flash repaints for two seconds: a few frames, not until it settles.
    h.run_steps(3);
    assert_eq!(h.state().view.section, 1);
    assert_eq!(h.state().view.back.len(), back_before + 1);
    assert!(h.state().view.note_flash.is_some());
    // The panel filters by colour.
    h.get_by_label("Green highlights: shown").click();
    h.run_steps(3);
    h.get_by_label("0 of 1");
}

#[test]
fn the_search_bar_finds_highlights_by_their_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(dir.path());
    select_words(&mut h, 3);
    h.key_press_modifiers(CTRL_SHIFT, Key::H);
    h.run();
    h.get_by_role(egui::accesskit::Role::MultilineTextInput)
        .type_text("zinc deficiency");
    h.key_press_modifiers(CTRL, Key::Enter);
    h.run();
    h.state_mut().apply(Action::GoTo(3));
    h.key_press_modifiers(CTRL, Key::F);
    h.run();
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text("zinc");
    h.run();
    assert_eq!(h.state().view.search.note_hits, [0]);
    h.get_by_label("In your notes (1)");
    h.get_by_label_contains("— zinc deficiency").click();
    h.run_steps(3);
    assert_eq!(h.state().view.section, 1);
}

#[test]
fn a_highlight_moves_with_its_text_when_the_author_inserts_a_paragraph_before_it() {
    let notes = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    common::copy_article(folder.path());
    let loaded = gut_skin_viewer::article::load::load_path(folder.path()).unwrap();
    let mut app = ReaderApp::new(
        loaded,
        Source::Folder(folder.path().to_path_buf()),
        &Default::default(),
    )
    .with_notes_dir(Some(notes.path().to_path_buf()));
    app.apply(Action::GoTo(1));
    let mut h = common::harness(app);
    select_words(&mut h, 5);
    h.key_press_modifiers(CTRL, Key::H);
    h.run();
    let quote = h.state().view.notes[0].quote.exact.clone();
    let Placed::At { range: before, .. } = h.state().view.placed[0].clone() else {
        panic!("not placed");
    };
    // The author inserts a paragraph at the top of section 2 and saves, with `sed -i` (a
    // new file renamed over the old, as many editors save); the window's watcher reloads.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let path = folder.path().join("article.ron");
    let status = std::process::Command::new("sed")
        .arg("-i")
        .arg(r#"s/Paragraph("The effects of poor gut health/Paragraph("A new opening paragraph the author added."),\n                Paragraph("The effects of poor gut health/"#)
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    let started = std::time::Instant::now();
    let mut arrived = false;
    while started.elapsed() < std::time::Duration::from_secs(10) {
        h.step();
        if h.state().view.texts.sections[1]
            .text
            .starts_with("A new opening paragraph")
        {
            arrived = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(arrived, "the edit never reached the window");
    h.run();
    let app = h.state();
    let Placed::At { unit, range, how } = app.view.placed[0].clone() else {
        panic!("orphaned after the edit");
    };
    assert_eq!(unit, Unit::Section(1));
    assert!(range.start > before.start);
    assert_eq!(&app.view.texts.sections[1].text[range], quote);
    assert_eq!(how, gut_skin_viewer::article::notes::How::Moved);
}

#[test]
fn a_damaged_notes_file_is_set_aside_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let article = gut_skin_viewer::article::load::load_embedded()
        .unwrap()
        .article;
    let name = gut_skin_viewer::article::notes::store::ArticleRef::new(&article, None).file_name();
    std::fs::write(dir.path().join(&name), "{ not json").unwrap();
    let h = window(dir.path());
    let message = h.state().view.message.clone().unwrap();
    assert!(message.is_error);
    assert!(
        message.text.contains(&format!("{name}:1:")),
        "{}",
        message.text
    );
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        kept.iter()
            .any(|n| n.starts_with(&format!("{name}.damaged-"))),
        "{kept:?}"
    );
}

#[test]
fn shift_f10_reaches_the_popup_and_escape_clears_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(dir.path());
    select_words(&mut h, 2);
    h.key_press_modifiers(Modifiers::SHIFT, Key::F10);
    h.run();
    let focused = h.get_by_label("Highlight yellow");
    assert!(focused.is_focused());
    // Tab goes on through the popup to its buttons; Enter on "Add note" highlights and opens
    // the note.
    for _ in 0..4 {
        h.key_press(Key::Tab);
    }
    h.run();
    assert!(h.get_by_label("Add note").is_focused());
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().view.notes.len(), 1);
    assert!(h.state().view.note_editor.is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().view.note_editor.is_none());
    // A new selection, then Escape: gone, and nothing highlighted.
    select_words(&mut h, 1);
    assert!(h.state().view.selection.is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().view.selection.is_none());
    assert_eq!(h.state().view.notes.len(), 1);
}

#[test]
fn export_notes_writes_markdown_or_web_annotations_where_the_dialog_says() {
    use gut_skin_viewer::desktop::dialog::{Outcome, ScriptedDialogs};
    let notes = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let md = out.path().join("mine.md");
    let json = out.path().join("mine.json");
    let dialogs =
        ScriptedDialogs::new([Outcome::Chosen(md.clone()), Outcome::Chosen(json.clone())]);
    let mut app = ReaderApp::embedded()
        .with_dialogs(Box::new(dialogs))
        .with_notes_dir(Some(notes.path().to_path_buf()));
    app.apply(Action::GoTo(1));
    let mut h = common::harness(app);
    select_words(&mut h, 3);
    h.key_press_modifiers(CTRL, Key::H);
    h.run();
    h.state_mut().apply(Action::ExportNotes);
    h.run();
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("> The effects of"), "{text}");
    h.state_mut().apply(Action::ExportNotes);
    h.run();
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(
        doc["first"]["items"][0]["target"]["selector"][0]["exact"],
        "The effects of"
    );
}

#[test]
fn selecting_by_keyboard_starts_where_focus_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(dir.path());
    // From the heading, Tab reaches the section's first citation, [3].
    h.key_press(Key::Tab);
    h.run();
    assert!(h.get_by_label("[3]").is_focused());
    select_words(&mut h, 2);
    let s = h.state().view.selection.unwrap();
    assert_eq!(
        h.state().view.texts.sections[1].text[s.range()].trim(),
        "Researchers have"
    );
}

#[test]
fn the_guidance_panel_text_is_highlighted_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(dir.path());
    // F6 from the article to the guidance panel, then Ctrl+Shift+Right selects from its start.
    h.key_press(Key::F6);
    h.run();
    select_words(&mut h, 2);
    let s = h.state().view.selection.unwrap();
    assert_eq!(s.unit, Unit::Guidance);
    h.key_press_modifiers(CTRL, Key::H);
    h.run();
    let app = h.state();
    assert_eq!(app.view.notes.len(), 1);
    assert_eq!(app.view.notes[0].section.as_deref(), Some("#guidance"));
    assert!(
        app.view
            .texts
            .guidance
            .text
            .starts_with(&app.view.notes[0].quote.exact)
    );
    assert!(matches!(
        app.view.placed[0],
        Placed::At {
            unit: Unit::Guidance,
            ..
        }
    ));
}

#[test]
fn a_keyboard_reader_selects_mid_section_and_reaches_every_highlight() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(dir.path());
    // Shift+Down selects a line down; it does not change the section.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run();
    assert_eq!(h.state().view.section, 1);
    let first = h.state().view.selection.unwrap();
    assert!(first.head > 20, "{first:?}");
    // Escape, then the next selection starts where the last one ended.
    h.key_press(Key::Escape);
    h.run();
    select_words(&mut h, 2);
    let s = h.state().view.selection.unwrap();
    assert_eq!(s.anchor, first.head);
    h.key_press_modifiers(CTRL, Key::H);
    h.run();
    assert_eq!(h.state().view.notes.len(), 1);
    // The same text again is the same highlight, recoloured, not a second one.
    h.state_mut().apply(Action::Select(Some(s)));
    h.state_mut().apply(Action::Highlight {
        colour: Some(Colour::Blue),
        note: false,
    });
    h.run();
    assert_eq!(h.state().view.notes.len(), 1);
    assert_eq!(h.state().view.notes[0].colour, Colour::Blue);
    // A highlight without a note has a mark in the margin too: Enter on it opens its popup
    // with focus in it.
    let mark = h.get_by_label_contains("Blue highlight: “");
    mark.focus();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert!(h.state().view.active_highlight.is_some());
    assert!(h.get_by_label("Make it yellow").is_focused());
}

#[test]
fn escape_keeps_a_note_and_cancel_takes_back_a_new_highlight() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(dir.path());
    select_words(&mut h, 2);
    h.key_press_modifiers(CTRL_SHIFT, Key::H);
    h.run();
    h.get_by_role(egui::accesskit::Role::MultilineTextInput)
        .type_text("kept");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().view.notes[0].note, "kept");
    // Add note on a new selection, then Cancel: neither note nor highlight stays.
    h.key_press(Key::Escape);
    select_words(&mut h, 3);
    h.get_by_label("Add note").click();
    h.run();
    assert_eq!(h.state().view.notes.len(), 2);
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().view.notes.len(), 1);
}

#[test]
fn without_a_file_dialog_the_notes_export_offers_a_path_field() {
    use gut_skin_viewer::desktop::dialog::{Outcome, ScriptedDialogs};
    let notes = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let app = ReaderApp::embedded()
        .with_dialogs(Box::new(ScriptedDialogs::new([Outcome::Unavailable])))
        .with_notes_dir(Some(notes.path().to_path_buf()));
    let mut h = common::harness(app);
    h.state_mut().apply(Action::ExportNotes);
    h.run();
    h.run();
    let field = h.state().view.export_field.clone().unwrap();
    assert!(field.notes && field.path.ends_with("gut-skin-axis-notes.md"));
    h.get_by_label_contains("a name ending in .json exports Web Annotations");
    let json = out.path().join("n.json");
    h.state_mut()
        .apply(Action::ExportTo(field.scope, json.clone()));
    h.run();
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(text.contains("AnnotationCollection"));
    assert!(h.state().view.export_field.is_none());
}
