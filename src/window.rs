//! Opening the reader window: eframe options, icon, remembered state at start-up, saving it
//! on exit, the one-shot `--screenshot`, and the measurement hooks for the window benches.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::app::{ReaderApp, Source};
use crate::cli::WindowArgs;
use crate::load;
use crate::state::Remembered;
use crate::{export, ui};

/// Measurement hooks for `scripts/bench-window.sh`, shared with the bare-window baseline:
/// `GSV_EXIT_AFTER_FRAMES=N` closes the window after N frames and prints how long after
/// `GSV_LAUNCH_NS` (the launcher's clock, in ns since the epoch) that was; `GSV_FRAME_LOG=FILE`
/// keeps the number of frames painted so far in FILE. All are off unless set.
pub fn bench_hooks(ctx: &egui::Context, frames: u64) {
    use std::sync::OnceLock;
    struct Hooks {
        exit_after: Option<u64>,
        launched_ns: Option<u128>,
        log: Option<PathBuf>,
    }
    static HOOKS: OnceLock<Hooks> = OnceLock::new();
    let hooks = HOOKS.get_or_init(|| Hooks {
        exit_after: std::env::var("GSV_EXIT_AFTER_FRAMES")
            .ok()
            .and_then(|v| v.parse().ok()),
        launched_ns: std::env::var("GSV_LAUNCH_NS")
            .ok()
            .and_then(|v| v.parse().ok()),
        log: std::env::var_os("GSV_FRAME_LOG").map(PathBuf::from),
    });
    if let Some(path) = &hooks.log {
        let _ = std::fs::write(path, frames.to_string());
    }
    if hooks.exit_after.is_some_and(|n| frames >= n) {
        if let Some(launched) = hooks.launched_ns {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            eprintln!(
                "first-frames-ms: {:.2}",
                now.saturating_sub(launched) as f64 / 1e6
            );
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

/// The eframe wrapper: persistence and the one-shot screenshot.
struct WindowApp {
    app: ReaderApp,
    screenshot: Option<PathBuf>,
    frames: u32,
    requested: bool,
    shot: std::sync::Arc<std::sync::Mutex<Option<std::sync::Arc<egui::ColorImage>>>>,
    exit_code: std::sync::Arc<std::sync::atomic::AtomicU8>,
}

impl eframe::App for WindowApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.show(ui);
        self.frames += 1;
        bench_hooks(ui.ctx(), u64::from(self.frames));
        if let Some(path) = self.screenshot.clone() {
            self.take_screenshot(ui.ctx(), &path);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(crate::state::STORAGE_KEY, self.app.remembered().to_ron());
    }
}

impl WindowApp {
    /// Waits for layout to settle, asks for a screenshot, then writes it and closes.
    fn take_screenshot(&mut self, ctx: &egui::Context, path: &Path) {
        let image = self.shot.lock().ok().and_then(|mut s| s.take());
        if let Some(image) = image {
            let code = match write_png(path, &image) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!(
                        "error: cannot write the screenshot: {e}: {}",
                        path.display()
                    );
                    1
                }
            };
            self.exit_code
                .store(code, std::sync::atomic::Ordering::SeqCst);
            self.screenshot = None;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else if self.frames >= 5 && !self.requested {
            self.requested = true;
            let shot = self.shot.clone();
            let waker = ctx.clone();
            ctx.request_screenshot(move |image| {
                if let Ok(mut s) = shot.lock() {
                    *s = Some(image);
                }
                waker.request_repaint();
            });
        } else {
            ctx.request_repaint();
        }
    }
}

/// Writes an RGBA image as PNG, atomically.
pub fn write_png(path: &Path, image: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, w as u32, h as u32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        let data: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
        writer.write_image_data(&data).map_err(|e| e.to_string())?;
    }
    export::write_atomic(path, &bytes)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn icon() -> Option<egui::IconData> {
    let bytes = include_bytes!("../assets/icon.png");
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

/// Opens the reader window. Returns the process exit code.
pub fn run_window(args: WindowArgs) -> ExitCode {
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
    let screenshot = args.screenshot.clone();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(loaded.article.title.clone())
        .with_app_id("gut-skin-viewer")
        .with_inner_size([1280.0, 820.0])
        .with_min_inner_size([720.0, 480.0]);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    // A screenshot run starts at the default size and leaves the reader's saved state alone:
    // whatever eframe saves on exit goes to a scratch folder.
    let scratch = match screenshot {
        Some(_) => match tempfile::tempdir() {
            Ok(dir) => Some(dir),
            Err(e) => {
                eprintln!("error: cannot make a scratch folder for the screenshot run: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => None,
    };
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        persist_window: screenshot.is_none(),
        persistence_path: scratch.as_ref().map(|d| d.path().to_path_buf()),
        ..Default::default()
    };
    let exit_code = std::sync::Arc::new(std::sync::atomic::AtomicU8::new(0));
    let code = exit_code.clone();
    let result = eframe::run_native(
        "gut-skin-viewer",
        options,
        Box::new(move |cc| {
            let stored = if args.fresh || screenshot.is_some() {
                Remembered::default()
            } else {
                cc.storage
                    .and_then(|s| s.get_string(crate::state::STORAGE_KEY))
                    .map(|text| Remembered::from_ron(&text))
                    .unwrap_or_default()
            };
            let mut remembered = stored.clone();
            // An explicit path wins; otherwise reopen the article read last time.
            let (loaded, source) = match (&path, &stored.article_path) {
                (Some(p), _) => {
                    let dir = load::article_dir(p);
                    (loaded, Source::Folder(dir.canonicalize().unwrap_or(dir)))
                }
                (None, Some(p)) => match load::load_path(p) {
                    Ok(l) => (l, Source::Folder(p.clone())),
                    Err(e) => {
                        log::warn!("the article read last time cannot be opened: {e}");
                        remembered.section = None;
                        (loaded, Source::Embedded)
                    }
                },
                (None, None) => (loaded, Source::Embedded),
            };
            if path.is_some() && stored.article_path.as_ref() != source_path(&source) {
                remembered.section = None;
            }
            let reposition = args.section.is_some() || path.is_some();
            if let Some(id) = &args.section {
                remembered.section = Some(id.clone());
            }
            if args.references {
                remembered.show_references = true;
            }
            if args.no_references {
                remembered.show_references = false;
            }
            if args.guidance {
                remembered.show_guidance = true;
            }
            if args.no_guidance {
                remembered.show_guidance = false;
            }
            // Before the first frame, so that the fonts are built once, with these options.
            ui::install_fonts_and_style(&cc.egui_ctx);
            if let Source::Folder(dir) = &source {
                remembered.add_recent(dir.clone());
            }
            let mut app = ReaderApp::new(loaded, source.clone(), &remembered);
            app.scroll_body_top |= reposition;
            Ok(Box::new(WindowApp {
                app,
                screenshot,
                frames: 0,
                requested: false,
                shot: Default::default(),
                exit_code: code,
            }))
        }),
    );
    match result {
        Ok(()) => ExitCode::from(exit_code.load(std::sync::atomic::Ordering::SeqCst)),
        Err(e) => {
            eprintln!("error: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}

fn source_path(source: &Source) -> Option<&PathBuf> {
    match source {
        Source::Folder(p) => Some(p),
        Source::Embedded => None,
    }
}
