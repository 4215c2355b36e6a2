//! A 1,000-section article of about 5 MB loads, renders and exports. Not timed: a quadratic
//! slip would make this test crawl, and the sidebar must lay out only the rows on screen.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gut_skin_viewer::ReaderApp;
use gut_skin_viewer::article::export::{self, Format, Scope};
use gut_skin_viewer::article::load;
use gut_skin_viewer::article::search::Index;
use gut_skin_viewer::article::synthetic;
use gut_skin_viewer::desktop::remembered::Remembered;
use gut_skin_viewer::view::Source;
use gut_skin_viewer::view::action::Action;

#[test]
fn a_five_megabyte_article_loads_renders_exports_and_searches() {
    let texts = synthetic::texts(1000, 20, 50);
    let bytes: usize = texts.texts.iter().map(String::len).sum();
    assert!(bytes > 4_500_000, "{bytes} bytes");
    let loaded = load::load_texts(&texts).unwrap();
    let article = loaded.article.clone();
    assert_eq!(article.sections.len(), 1000);

    let mut app = ReaderApp::new(loaded, Source::Embedded, &Remembered::default());
    app.apply(Action::GoTo(500));
    let mut h = Harness::builder()
        .with_size([1280.0, 820.0])
        // Scrolling the sidebar to the far end animates over a few frames.
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut ReaderApp| app.show(ui), app);
    h.run();
    // The current entry is scrolled into view; rows far away are not laid out at all.
    h.get_all_by_label_contains("Section 500: on the")
        .next()
        .unwrap();
    assert!(h.query_by_label_contains("Section 3: on the").is_none());
    assert!(h.query_by_label_contains("Section 990: on the").is_none());
    h.key_press(egui::Key::End);
    h.run();
    assert_eq!(h.state().view.section, 999);
    h.get_all_by_label_contains("Section 999: on the")
        .next()
        .unwrap();

    let whole = export::render(&article, Scope::Article, Format::Txt, 80);
    for s in article.sections.iter().step_by(97) {
        assert!(whole.contains(&s.title));
    }
    let md = export::render(&article, Scope::Section(999), Format::Md, 80);
    assert!(md.starts_with("# Section 999"));

    let hits = Index::new(&article).search("the skin's");
    assert!(hits.len() > 10_000, "{} hits", hits.len());
}
