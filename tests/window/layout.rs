//! Nothing leaves the window or squeezes the article, at the app's 720×480 minimum, at a 4K
//! size, and at zoom 50 %–300 %: panels that do not fit fold into their toolbar toggles and
//! open over the article when asked; the toolbar folds into a "More" menu.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gut_skin_viewer::ReaderApp;
use gut_skin_viewer::article::load;
use gut_skin_viewer::desktop::remembered::Remembered;
use gut_skin_viewer::view::Source;
use gut_skin_viewer::view::action::Action;
use gut_skin_viewer::view::room::MIN_BODY_WIDTH;

/// The shipped article in a window of `size` pixels at `zoom`, with both side panels wanted.
fn window(size: [f32; 2], zoom: f32) -> Harness<'static, ReaderApp> {
    window_on(load::load_embedded().unwrap(), Source::Embedded, size, zoom)
}

/// The multi-script fixture: Greek, Cyrillic, Chinese, Japanese, Arabic, Hebrew, Devanagari,
/// emoji, a 202-letter run with no space and a 300-character section title.
fn multi_script(size: [f32; 2], zoom: f32) -> Harness<'static, ReaderApp> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/multi-script");
    let h = window_on(
        load::load_path(&dir).unwrap(),
        Source::Folder(dir),
        size,
        zoom,
    );
    assert_eq!(h.state().view.article.id, "multi-script");
    h
}

fn window_on(
    loaded: load::Loaded,
    source: Source,
    size: [f32; 2],
    zoom: f32,
) -> Harness<'static, ReaderApp> {
    let remembered = Remembered {
        zoom,
        show_references: true,
        show_guidance: true,
        ..Remembered::default()
    };
    let app = ReaderApp::new(loaded, source, &remembered);
    // Emoji have no monochrome font on Debian, and a machine may lack a script's font: tofu
    // then, as in the window, not a panic.
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(20)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut ReaderApp| app.show(ui), app);
    h.run();
    h
}

/// Where the article's first heading is drawn.
fn first_heading(h: &Harness<'_, ReaderApp>) -> egui::Rect {
    let heading = h
        .get_by_label("Article")
        .children_recursive()
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Heading)
        .unwrap();
    rect_of(h, &heading).unwrap()
}

/// The widget with keyboard focus.
fn focused(h: &Harness<'_, ReaderApp>) -> Option<egui::Id> {
    h.ctx.memory(|m| m.focused())
}

fn heading_id() -> egui::Id {
    gut_skin_viewer::ui::body::heading_id()
}

/// The window's width in points, and every node whose rect leaves it sideways.
fn overflowing(h: &Harness<'_, ReaderApp>) -> (f32, Vec<String>) {
    let width = h.ctx.content_rect().width();
    let mut out = Vec::new();
    for node in h.root().children_recursive() {
        let Some(r) = rect_of(h, &node) else {
            continue;
        };
        if !r.is_finite() || r.width() <= 0.0 {
            continue;
        }
        if r.min.x < -1.0 || r.max.x > width + 1.0 {
            let mut chain = Vec::new();
            let mut p = node.parent();
            while let Some(n) = p {
                chain.push(format!(
                    "{:?}:{}",
                    n.accesskit_node().role(),
                    n.accesskit_node().label().unwrap_or_default()
                ));
                p = n.parent();
            }
            out.push(format!(
                "{:?} {:?} {:?} x {:.0}..{:.0} in {}",
                node.accesskit_node().role(),
                node.accesskit_node().label().unwrap_or_default(),
                node.accesskit_node().value().unwrap_or_default(),
                r.min.x,
                r.max.x,
                chain.join(" < ")
            ));
        }
    }
    (width, out)
}

/// A node's rect in points, if it has one.
fn rect_of(h: &Harness<'_, ReaderApp>, node: &egui_kittest::Node<'_>) -> Option<egui::Rect> {
    let ppp = h.ctx.pixels_per_point();
    let b = node.accesskit_node().bounding_box()?;
    Some(egui::Rect::from_min_max(
        egui::pos2(b.x0 as f32 / ppp, b.y0 as f32 / ppp),
        egui::pos2(b.x1 as f32 / ppp, b.y1 as f32 / ppp),
    ))
}

/// The width the article's text takes: its widest paragraph or heading.
fn article_width(h: &Harness<'_, ReaderApp>) -> f32 {
    let article = h.get_by_label("Article");
    let text = article
        .children_recursive()
        .filter_map(|n| rect_of(h, &n))
        .fold(egui::Rect::NOTHING, |a, b| a.union(b));
    text.width()
}

#[test]
fn nothing_leaves_the_window_at_any_size_or_zoom() {
    for (size, zoom) in [
        ([720.0, 480.0], 1.0),
        ([720.0, 480.0], 3.0),
        ([720.0, 480.0], 0.5),
        ([1280.0, 820.0], 1.5),
        ([1280.0, 820.0], 2.5),
        ([1280.0, 820.0], 3.0),
        ([3840.0, 2160.0], 1.0),
        ([3840.0, 2160.0], 3.0),
    ] {
        let what = format!("{}×{} at {:.0} %", size[0], size[1], zoom * 100.0);
        let mut h = window(size, zoom);
        let (width, out) = overflowing(&h);
        assert!(out.is_empty(), "{what}: {out:#?}");
        let article = article_width(&h);
        // Margins and the scroll bar aside.
        assert!(
            article >= 0.8 * MIN_BODY_WIDTH.min(width),
            "{what}: the article is {article:.0} points wide in a {width:.0}-point window"
        );
        // Each folded panel, opened over the article, stays inside the window too.
        for toggle in [
            Action::ToggleContents,
            Action::ToggleGuidance,
            Action::ToggleReferences,
        ] {
            let name = format!("{toggle:?}");
            h.state_mut().apply(toggle);
            h.run();
            let (_, out) = overflowing(&h);
            assert!(out.is_empty(), "{what}, {name}: {out:#?}");
        }
    }
}

#[test]
fn the_multi_script_article_stays_inside_the_window_in_every_section() {
    for (size, zoom) in [
        ([720.0, 480.0], 1.0),
        ([720.0, 480.0], 3.0),
        ([1280.0, 820.0], 1.0),
    ] {
        let mut h = multi_script(size, zoom);
        for section in 0..5 {
            h.state_mut().apply(Action::GoTo(section));
            h.run();
            let (_, out) = overflowing(&h);
            let what = format!(
                "{}×{} at {:.0} %, section {section}",
                size[0],
                size[1],
                zoom * 100.0
            );
            assert!(out.is_empty(), "{what}: {out:#?}");
        }
    }
}

#[test]
fn a_right_to_left_paragraph_is_right_aligned() {
    let mut h = multi_script([1280.0, 820.0], 1.0);
    h.state_mut().apply(Action::GoTo(2));
    h.run();
    let arabic = h
        .root()
        .children_recursive()
        .find(|n| {
            n.accesskit_node()
                .value()
                .is_some_and(|v| v.starts_with("يؤثر ميكروبيوم"))
        })
        .unwrap_or_else(|| panic!("no Arabic paragraph"));
    let english = h.get_by_label("Article");
    let column = english
        .children_recursive()
        .filter_map(|n| rect_of(&h, &n))
        .fold(egui::Rect::NOTHING, |a, b| a.union(b));
    let r = rect_of(&h, &arabic).unwrap();
    assert!((r.max.x - column.max.x).abs() < 2.0, "{r:?} in {column:?}");
    assert!(r.min.x > column.min.x + 100.0, "{r:?} in {column:?}");
}

#[test]
fn guidance_chips_keep_their_words_whole() {
    // The shipped article at 1280×820: "Low fibre diets" was drawn one letter per line.
    let h = window([1280.0, 820.0], 1.0);
    let chip = h.get_by_value("Low fibre diets");
    let r = rect_of(&h, &chip).unwrap();
    assert!(r.height() < 30.0, "{r:?}");
}

#[test]
fn a_narrow_window_folds_the_panels_and_opens_them_over_the_article() {
    // 720×480 at 300 %: 240 points wide.
    let mut h = window([720.0, 480.0], 3.0);
    assert!(h.query_by_label("Guidance").is_none_or(|n| {
        !n.accesskit_node()
            .role()
            .eq(&egui::accesskit::Role::Complementary)
    }));
    let room = h.state().view.room;
    assert!(room.contents_folded && room.guidance_folded && room.references_folded);
    // The contents open over the article from the toolbar, and close with Escape.
    h.get_by_label("Contents").click();
    h.run();
    assert_eq!(
        h.state().view.overlay,
        Some(gut_skin_viewer::view::room::Fold::Contents)
    );
    // Opened, the contents have focus, on the current section's entry.
    assert_eq!(focused(&h), Some(gut_skin_viewer::ui::sidebar::entry_id(0)));
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().view.overlay, None);
    // Closed, focus goes back to the article, not nowhere.
    assert_eq!(focused(&h), Some(heading_id()));
    // Choosing a section from the contents closes them.
    h.get_by_label("Contents").click();
    h.run();
    h.get_all_by_label_contains("How Gut Health Affects")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Link)
        .unwrap()
        // As a screen reader would: the row may be below the fold of a 133-point-high window.
        .click_accesskit();
    h.run();
    assert_eq!(h.state().view.section, 1);
    assert_eq!(h.state().view.overlay, None);
    assert_eq!(focused(&h), Some(heading_id()));
    // A citation opens the references over the article, focused on its entry; Back closes
    // them.
    h.get_by_label("[3]").click_accesskit();
    h.run();
    assert_eq!(
        h.state().view.overlay,
        Some(gut_skin_viewer::view::room::Fold::References)
    );
    assert_eq!(
        focused(&h),
        Some(gut_skin_viewer::ui::references::entry_id(3))
    );
    h.state_mut().apply(Action::Back);
    h.run();
    assert_eq!(h.state().view.overlay, None);
    // The guidance's "Read in article" closes the guidance and shows the section.
    h.state_mut().apply(Action::ToggleGuidance);
    h.run();
    assert_eq!(
        h.state().view.overlay,
        Some(gut_skin_viewer::view::room::Fold::Guidance)
    );
    h.get_all_by_label_contains("Read in article")
        .next()
        .unwrap()
        .click_accesskit();
    h.run();
    assert_eq!(h.state().view.overlay, None);
    // Widening the window docks them again.
    h.state_mut().apply(Action::ZoomReset);
    h.set_size(egui::vec2(1280.0, 820.0));
    h.run();
    assert_eq!(h.state().view.overlay, None);
    assert!(h.state().view.show_references);
}

#[test]
fn page_down_scrolls_the_article_by_a_page() {
    let mut h = window([720.0, 480.0], 1.0);
    // A long section: "How to Eat for Microbiome Balance and Better Skin".
    h.state_mut().apply(Action::GoTo(3));
    h.run();
    let before = first_heading(&h);
    h.key_press(egui::Key::PageDown);
    h.run();
    let after = first_heading(&h);
    // A page is what is in view less a line of context: 189 points here, above the docked
    // references.
    assert!(
        before.min.y - after.min.y > 150.0,
        "{before:?} -> {after:?}"
    );
    h.key_press(egui::Key::PageUp);
    h.run();
    let back = first_heading(&h);
    assert!(
        (back.min.y - before.min.y).abs() < 1.0,
        "{before:?} -> {back:?}"
    );
}

#[test]
fn zooming_keeps_the_focused_heading_in_view() {
    let mut h = window([1280.0, 820.0], 1.0);
    h.state_mut().apply(Action::GoTo(1));
    h.state_mut()
        .apply(Action::Focus(gut_skin_viewer::view::action::FocusTo::Body));
    h.run();
    assert_eq!(focused(&h), Some(heading_id()));
    for _ in 0..10 {
        h.state_mut().apply(Action::ZoomIn);
        h.run();
    }
    let heading = h
        .get_by_label("Article")
        .children_recursive()
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::Heading)
        .filter_map(|n| rect_of(&h, &n))
        .last()
        .unwrap();
    let window = h.ctx.content_rect();
    assert!(
        window.contains_rect(heading) || heading.min.y >= 0.0 && heading.min.y < window.max.y,
        "{heading:?} in {window:?}"
    );
}
