//! Criterion benches: loading, a headless frame (layout and tessellation, no GPU), export and
//! search, on the shipped article and on a generated 1,000-section article of about 5 MB.
#![allow(clippy::panic)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use gut_skin_viewer::ReaderApp;
use gut_skin_viewer::article::export::{self, Format, Scope};
use gut_skin_viewer::article::load::{self, Loaded};
use gut_skin_viewer::article::markup::Inline;
use gut_skin_viewer::article::model::{Article, Block};
use gut_skin_viewer::article::notes;
use gut_skin_viewer::article::search::{self, block_texts};
use gut_skin_viewer::article::synthetic;
use gut_skin_viewer::desktop::remembered::Remembered;
use gut_skin_viewer::view::action::Action;
use gut_skin_viewer::view::{MAX_LISTED_HITS, Source};

fn synthetic_texts() -> load::Texts {
    synthetic::texts(1000, 20, 50)
}

fn synthetic_loaded() -> Loaded {
    match load::load_texts(&synthetic_texts()) {
        Ok(l) => l,
        Err(e) => panic!("the synthetic article does not load: {e}"),
    }
}

fn shipped() -> Loaded {
    match load::load_embedded() {
        Ok(l) => l,
        Err(e) => panic!("the shipped article does not load: {e}"),
    }
}

/// The index of the section with the most text.
fn longest_section(article: &Article) -> usize {
    let len = |i: usize| -> usize {
        article.sections[i]
            .blocks
            .iter()
            .flat_map(block_texts)
            .map(|t| t.len())
            .sum()
    };
    (0..article.sections.len())
        .max_by_key(|i| len(*i))
        .unwrap_or(0)
}

fn bench_load(c: &mut Criterion) {
    let shipped = load::embedded_texts();
    let synthetic = synthetic_texts();
    let bytes: usize = synthetic.texts.iter().map(String::len).sum();
    eprintln!("synthetic article: {bytes} bytes");
    let mut g = c.benchmark_group("load");
    g.bench_function("shipped", |b| b.iter(|| load::load_texts(&shipped)));
    g.sample_size(20);
    g.bench_function("synthetic_1000x20", |b| {
        b.iter(|| load::load_texts(&synthetic))
    });
    g.finish();
}

/// One reader window, headless, at 1280×820.
struct Window {
    ctx: egui::Context,
    app: ReaderApp,
    time: f64,
    pointer: Option<egui::Pos2>,
}

impl Window {
    fn new(loaded: Loaded, section: usize) -> Self {
        let mut app = ReaderApp::new(loaded, Source::Embedded, &Remembered::default());
        app.apply(Action::GoTo(section));
        app.view.show_references = true;
        let mut w = Self {
            ctx: egui::Context::default(),
            app,
            time: 0.0,
            pointer: None,
        };
        for _ in 0..10 {
            w.frame();
        }
        w
    }

    /// Whether a tooltip (the reference preview) is on screen.
    fn tooltip_open(&self) -> bool {
        self.ctx.memory(|m| {
            m.areas()
                .visible_layer_ids()
                .iter()
                .any(|l| l.order == egui::Order::Tooltip)
        })
    }

    fn frame(&mut self) -> usize {
        self.time += 1.0 / 60.0;
        let mut raw = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 820.0),
            )),
            time: Some(self.time),
            ..Default::default()
        };
        // Move once, then keep still: egui shows a tooltip only under a resting pointer.
        if let Some(p) = self.pointer.take() {
            raw.events.push(egui::Event::PointerMoved(p));
        }
        let app = &mut self.app;
        let mut out = self.ctx.run_ui(raw, |ui| app.show(ui));
        out.textures_delta.clear();
        let meshes = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        meshes.len()
    }
}

/// Where citation `[n]` is drawn, found through the accessibility tree of a kittest harness.
fn citation_position(loaded: Loaded, section: usize) -> egui::Pos2 {
    use egui_kittest::kittest::{NodeT, Queryable};
    let mut app = ReaderApp::new(loaded, Source::Embedded, &Remembered::default());
    app.apply(Action::GoTo(section));
    app.view.show_references = true;
    let mut h = egui_kittest::Harness::builder()
        .with_size([1280.0, 820.0])
        .build_ui_state(|ui, app: &mut ReaderApp| app.show(ui), app);
    h.run();
    // The body's or the guidance panel's (the longest section may cite nothing).
    let node = h
        .get_all_by_role(egui::accesskit::Role::Link)
        .filter(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with('['))
        })
        // One in view: the references panel takes the bottom of the window.
        .find(|n| (60.0..500.0).contains(&n.rect().center().y));
    match node {
        Some(n) => n.rect().center(),
        None => panic!("no citation on screen"),
    }
}

fn bench_frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("frame");
    let cases = [
        (
            "shipped_longest_section",
            "shipped_with_citation_preview",
            shipped(),
        ),
        (
            "synthetic_1000_sections",
            "synthetic_with_citation_preview",
            synthetic_loaded(),
        ),
    ];
    for (plain, preview, loaded) in cases {
        let section = longest_section(&loaded.article);
        let mut w = Window::new(loaded.clone(), section);
        g.bench_function(plain, |b| b.iter(|| w.frame()));

        let at = citation_position(loaded.clone(), section);
        let mut w = Window::new(loaded, section);
        w.pointer = Some(at);
        for _ in 0..60 {
            w.frame();
        }
        assert!(w.tooltip_open(), "the reference preview is not showing");
        g.bench_function(preview, |b| b.iter(|| w.frame()));
    }
    g.finish();
}

fn bench_export(c: &mut Criterion) {
    let article = shipped().article;
    let longest = longest_section(&article);
    let mut g = c.benchmark_group("export");
    for format in [Format::Txt, Format::Md] {
        g.bench_with_input(
            BenchmarkId::new("shipped_longest_section", format.extension()),
            &format,
            |b, f| b.iter(|| export::render(&article, Scope::Section(longest), *f, 80)),
        );
    }
    let synthetic = synthetic_loaded().article;
    g.sample_size(20);
    for format in [Format::Txt, Format::Md] {
        g.bench_with_input(
            BenchmarkId::new("synthetic_whole_article", format.extension()),
            &format,
            |b, f| b.iter(|| export::render(&synthetic, Scope::Article, *f, 80)),
        );
    }
    g.finish();
}

fn bench_search(c: &mut Criterion) {
    let article = synthetic_loaded().article;
    let index = search::Index::new(&article);
    let mut g = c.benchmark_group("search");
    for query in ["collagen", "the skin's", "zzzz-no-match"] {
        // What the window does per query: every hit, and snippets for the listed ones.
        g.bench_with_input(BenchmarkId::new("synthetic_5mb", query), &query, |b, q| {
            b.iter(|| {
                let hits = index.search(q);
                let listed = hits.iter().take(MAX_LISTED_HITS).map(|h| index.snippet(h));
                listed.count() + hits.len()
            })
        });
    }
    g.sample_size(10);
    g.bench_function("synthetic_5mb_build_index", |b| {
        b.iter(|| search::Index::new(&article))
    });
    g.finish();
}

/// Highlights of `words` words each, one after another through the unit text of `section`
/// (overlapping where they run out), `n` of them.
fn highlights(
    article: &Article,
    texts: &notes::Texts,
    section: usize,
    n: usize,
    words: usize,
) -> Vec<notes::Annotation> {
    let text = &texts.sections[section].text;
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices(' ').map(|(i, _)| i + 1))
        .collect();
    (0..n)
        .map(|k| {
            // From the third word on: a quote that starts its unit is pinned to the unit's start.
            let i = 2 + k % (starts.len() - words - 2);
            let (a, b) = (starts[i], starts[i + words] - 1);
            notes::Annotation::new(
                Some(article.sections[section].id.clone()),
                text,
                a..b,
                notes::Colour::ALL[k % 4],
            )
        })
        .collect()
}

fn bench_notes(c: &mut Criterion) {
    let mut g = c.benchmark_group("notes");
    // 1,000 highlights, one in each section of the 4.7 MB article; then the author inserts a
    // paragraph at the top of every section and rewords 10 of the quotes: every highlight
    // moves, 10 need the fuzzy match.
    let loaded = synthetic_loaded();
    let article = loaded.article;
    let texts = notes::Texts::new(&article);
    let mut list: Vec<notes::Annotation> = (0..article.sections.len())
        .flat_map(|s| highlights(&article, &texts, s, 1, 6))
        .collect();
    let mut edited = article.clone();
    for s in &mut edited.sections {
        s.blocks.insert(
            0,
            Block::Paragraph(vec![Inline::Text("A paragraph the author added.".into())]),
        );
    }
    for a in list.iter_mut().take(10) {
        // The quote as it was; the article gets a changed word inside it.
        let s = edited
            .section_index(a.section.as_deref().unwrap_or_default())
            .unwrap_or(0);
        if let Some(Block::Paragraph(runs)) = edited.sections[s].blocks.get_mut(1)
            && let Some(Inline::Text(t)) = runs.first_mut()
            && let Some(space) = a.quote.exact.find(' ')
        {
            let changed = format!("{}X{}", &a.quote.exact[..space], &a.quote.exact[space..]);
            *t = t.replacen(&a.quote.exact, &changed, 1);
        }
    }
    let placed = notes::place_all(&edited, &notes::Texts::new(&edited), &list);
    let counts = placed.iter().fold([0usize; 4], |mut c, p| {
        match p {
            notes::Placed::At {
                how: notes::How::Exact,
                ..
            } => c[0] += 1,
            notes::Placed::At {
                how: notes::How::Moved,
                ..
            } => c[1] += 1,
            notes::Placed::At {
                how: notes::How::Fuzzy,
                ..
            } => c[2] += 1,
            notes::Placed::Orphaned => c[3] += 1,
        }
        c
    });
    eprintln!(
        "re-anchored 1000: exact {}, moved {}, fuzzy {}, orphaned {}",
        counts[0], counts[1], counts[2], counts[3]
    );
    g.sample_size(20);
    g.bench_function("reanchor_1000_after_edit_synthetic", |b| {
        b.iter(|| notes::place_all(&edited, &notes::Texts::new(&edited), &list))
    });
    // The cost of a frame with 200 highlights in view, against the same frame without.
    let shipped = shipped();
    let section = longest_section(&shipped.article);
    let texts = notes::Texts::new(&shipped.article);
    let many = highlights(&shipped.article, &texts, section, 200, 2);
    let mut plain = Window::new(shipped.clone(), section);
    let mut marked = Window::new(shipped, section);
    marked.app = std::mem::replace(&mut marked.app, ReaderApp::embedded()).with_notes(many);
    for _ in 0..10 {
        marked.frame();
    }
    g.sample_size(100);
    g.bench_function("frame_shipped_longest_without_highlights", |b| {
        b.iter(|| plain.frame())
    });
    g.bench_function("frame_shipped_longest_with_200_highlights", |b| {
        b.iter(|| marked.frame())
    });
    g.finish();
}

criterion_group!(
    benches,
    bench_load,
    bench_frame,
    bench_export,
    bench_search,
    bench_notes
);
criterion_main!(benches);
