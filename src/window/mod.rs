//! Opening the reader window: eframe options, icon, remembered state at start-up, saving it
//! as it changes and on exit, the one-shot `--screenshot`, and the measurement hooks for the window benches.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::app::ReaderApp;
use crate::article::load;
use crate::cli::WindowArgs;
use crate::desktop::portal::SystemScheme;
use crate::desktop::remembered::Remembered;
use crate::desktop::saver::{Latest, Saver};
use crate::desktop::{self, display, stored};
use crate::ui;
use crate::view::Source;

mod frame;
mod measure;

use frame::WindowApp;
pub use frame::write_png;
pub use measure::{bench_hooks, phase};

fn icon() -> Option<egui::IconData> {
    let bytes = include_bytes!("../../assets/icon.png");
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes[..]));
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    if info.color_type != png::ColorType::Rgba || info.bit_depth != png::BitDepth::Eight {
        return None;
    }
    buf.truncate(info.buffer_size());
    Some(egui::IconData {
        rgba: buf,
        width: info.width,
        height: info.height,
    })
}

/// The window's size on a first start, and its smallest size, in points.
const INNER_SIZE: [f32; 2] = [1280.0, 820.0];
pub(super) const MIN_INNER_SIZE: [f32; 2] = [720.0, 480.0];

/// How long the first frame waits for the settings portal's answer, so that a light desktop
/// does not see a dark flash. The portal is asked while the window is being made.
const PORTAL_WAIT: std::time::Duration = std::time::Duration::from_millis(150);

/// Opens the reader window. Returns the process exit code.
pub fn run_window(args: WindowArgs) -> ExitCode {
    phase("run_window");
    // Load before opening a window, so that a broken article is reported on the terminal.
    let path = args.path.clone();
    let loaded = match crate::cli::load(path.as_deref()) {
        Ok(l) => l,
        Err(e) => {
            for p in e.errors() {
                eprintln!("{p}");
            }
            return ExitCode::FAILURE;
        }
    };
    if let Some(id) = &args.section
        && loaded.article.section_index(id).is_none()
    {
        return crate::cli::unknown_section(&loaded.article, id);
    }
    phase("loaded");
    let force_x11 = match display::choose(&display::Env::from_process(), display::socket_answers) {
        display::Choice::Default => false,
        display::Choice::X11 { note } => {
            eprintln!("{note}");
            true
        }
        display::Choice::None { error } => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let screenshot = args.screenshot.clone();
    // A screenshot run starts at the default size and leaves the reader's saved state alone;
    // a --fresh run starts from defaults too, and leaves eframe's saved window alone: what
    // eframe reads and saves then is in a scratch folder, so its file is neither read nor
    // rewritten. (A --fresh run still saves the reader's own state.)
    let scratch = if screenshot.is_some() || args.fresh {
        match tempfile::tempdir() {
            Ok(dir) => Some(dir),
            Err(e) => {
                eprintln!("error: cannot make a scratch folder for the window's state: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        None
    };
    let Saved {
        eframe_file,
        state_file,
        on_disk,
        stored,
    } = open_saved(
        scratch.as_ref().map(tempfile::TempDir::path),
        args.fresh,
        screenshot.is_some(),
    );
    phase("saved state read");
    let latest = Latest::new(stored.clone(), state_file);
    // Caught now, acted on once the window exists (see `desktop::signals`).
    let caught = desktop::signals::catch_termination()
        .inspect_err(|e| log::warn!("cannot watch for termination signals: {e}"))
        .ok();

    phase("signals");
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(loaded.article.title.clone())
        .with_app_id(desktop::APP_ID)
        .with_inner_size(INNER_SIZE)
        .with_min_inner_size(MIN_INNER_SIZE);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        persist_window: screenshot.is_none(),
        // The reader installs the system-font provider itself, only for an article that needs
        // it (`ReaderApp::ensure_fonts`): eframe's would enumerate the system fonts at every
        // start.
        system_font_fallback: false,
        // A file, not a folder: eframe writes its store to exactly this path.
        persistence_path: eframe_file,
        event_loop_builder: force_x11.then(|| -> eframe::EventLoopBuilderHook {
            Box::new(|builder| {
                use winit::platform::x11::EventLoopBuilderExtX11 as _;
                builder.with_x11();
            })
        }),
        ..Default::default()
    };
    let exit_code = std::sync::Arc::new(std::sync::atomic::AtomicU8::new(0));
    let shown = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let code = exit_code.clone();
    let shown_in_app = shown.clone();
    let latest_in_app = latest.clone();
    phase("run_native");
    let result = eframe::run_native(
        desktop::APP_ID,
        options,
        Box::new(move |cc| {
            Ok(Box::new(create(
                cc,
                Start {
                    path,
                    loaded,
                    stored,
                    args,
                    caught,
                    latest: latest_in_app,
                    on_disk,
                    screenshot,
                    exit_code: code,
                    shown: shown_in_app,
                },
            )))
        }),
    );
    match result {
        Ok(()) => ExitCode::from(exit_code.load(std::sync::atomic::Ordering::SeqCst)),
        Err(e) if shown.load(std::sync::atomic::Ordering::SeqCst) => {
            let saved = match latest.write() {
                Ok(()) => "the reading place is saved",
                Err(_) => "the reading place could not be saved",
            };
            log::info!("the event loop ended with: {e}");
            eprintln!("error: the connection to the display was lost; {saved}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!(
                "error: cannot open the window: {}",
                display::plain(&e.to_string())
            );
            ExitCode::FAILURE
        }
    }
}

/// What the window's app is made from, once eframe has made the window.
struct Start {
    path: Option<PathBuf>,
    loaded: load::Loaded,
    stored: Remembered,
    args: WindowArgs,
    caught: Option<desktop::signals::Caught>,
    latest: Latest,
    on_disk: Remembered,
    screenshot: Option<PathBuf>,
    exit_code: std::sync::Arc<std::sync::atomic::AtomicU8>,
    shown: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

/// Makes the reader for the new window: the article to show (an explicit path, else the one
/// read last time), the remembered state with the command line's flags over it, the fonts, the
/// portal's answer and the signal thread.
fn create(cc: &eframe::CreationContext<'_>, start: Start) -> WindowApp {
    phase("creator");
    let mut remembered = start.stored.clone();
    // An explicit path wins; otherwise reopen the article read last time.
    let (loaded, source) = match (&start.path, &start.stored.article_path) {
        (Some(p), _) => {
            let dir = load::article_dir(p);
            (
                start.loaded,
                Source::Folder(dir.canonicalize().unwrap_or(dir)),
            )
        }
        (None, Some(p)) => match load::load_path(p) {
            Ok(l) => (l, Source::Folder(p.clone())),
            Err(e) => {
                log::warn!("the article read last time cannot be opened: {e}");
                remembered.section = None;
                (start.loaded, Source::Embedded)
            }
        },
        (None, None) => (start.loaded, Source::Embedded),
    };
    if start.path.is_some() && start.stored.article_path.as_ref() != source_path(&source) {
        remembered.section = None;
    }
    let reposition = start.args.section.is_some() || start.path.is_some();
    if let Some(id) = &start.args.section {
        remembered.section = Some(id.clone());
    }
    if start.args.references {
        remembered.show_references = true;
    }
    if start.args.no_references {
        remembered.show_references = false;
    }
    if start.args.guidance {
        remembered.show_guidance = true;
    }
    if start.args.no_guidance {
        remembered.show_guidance = false;
    }
    // Before the first frame, so that the fonts are built once, with these options.
    ui::install_fonts_and_style(&cc.egui_ctx);
    phase("fonts");
    if let Source::Folder(dir) = &source {
        remembered.add_recent(dir.clone());
    }
    let mut app = ReaderApp::new(loaded, source.clone(), &remembered)
        .with_notes_dir(crate::article::notes::store::notes_dir());
    app.view.scroll_body_top |= reposition;
    // Only "Follow the system" needs the answer before the first frame.
    let wait = match remembered.theme {
        crate::view::ThemeChoice::System => PORTAL_WAIT,
        _ => std::time::Duration::ZERO,
    };
    // The portal is asked only now that the window exists: its thread, started
    // earlier, would make the window's creation slower (see `desktop::signals`) by
    // more than the answer takes.
    SystemScheme::start().attach(&cc.egui_ctx, wait);
    if let Some(caught) = start.caught {
        desktop::signals::save_and_close(
            caught,
            start.latest.clone(),
            app.notes_writer.clone(),
            cc.egui_ctx.clone(),
        );
    }
    WindowApp {
        app,
        saver: Saver::new(start.latest, start.on_disk),
        // A screenshot is rendered at the default size, whatever the screen.
        placed: start.screenshot.is_some(),
        screenshot: start.screenshot,
        frames: 0,
        requested: false,
        shot: Default::default(),
        exit_code: start.exit_code,
        shown: start.shown,
    }
}

/// What was saved between runs, checked, and where it goes.
struct Saved {
    /// eframe's store, handed to eframe as its persistence path.
    eframe_file: Option<PathBuf>,
    /// The reader's state file; none for a screenshot run.
    state_file: Option<PathBuf>,
    /// The reader's state as found on disk.
    on_disk: Remembered,
    /// The state to start from: `on_disk`, or the defaults with `--fresh` or a screenshot.
    stored: Remembered,
}

/// Checks eframe's store (clamping what winit cannot take, see [`stored::prepare`]) and reads
/// the reader's state, printing a line for anything that had to be corrected. `scratch` holds
/// eframe's store for a screenshot or `--fresh` run, which start from defaults; a screenshot
/// run saves nothing that lasts.
fn open_saved(scratch: Option<&Path>, fresh: bool, screenshot: bool) -> Saved {
    let dir = desktop::data_dir();
    let ignore_saved = fresh || screenshot;
    let eframe_file = match scratch {
        Some(d) => Some(d.join(desktop::EFRAME_FILE)),
        None => dir.as_ref().map(|d| d.join(desktop::EFRAME_FILE)),
    };
    let report = eframe_file
        .as_deref()
        .map(|f| stored::prepare(f, ignore_saved))
        .unwrap_or_default();
    for note in &report.notes {
        eprintln!("{note}");
    }
    let state_file = match screenshot {
        true => None,
        false => dir
            .as_ref()
            .map(|d| d.join(crate::desktop::remembered::STATE_FILE)),
    };
    let on_disk = match &state_file {
        Some(f) => match crate::desktop::remembered::read_file(f) {
            Ok(Some(r)) => r,
            // Older versions kept the state inside eframe's store.
            Ok(None) => report
                .legacy_state
                .as_deref()
                .map(Remembered::from_ron)
                .unwrap_or_default(),
            Err(e) => {
                eprintln!("warning: {e}; starting with defaults");
                eprintln!("{}", stored::set_aside_file(f));
                Remembered::default()
            }
        },
        None => Remembered::default(),
    };
    let stored = if ignore_saved {
        Remembered::default()
    } else {
        on_disk.clone()
    };
    Saved {
        eframe_file,
        state_file,
        on_disk,
        stored,
    }
}

fn source_path(source: &Source) -> Option<&PathBuf> {
    match source {
        Source::Embedded => None,
        Source::Folder(p) => Some(p),
    }
}
