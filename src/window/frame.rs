//! The eframe app around [`ReaderApp`]: each frame, the reader's own drawing, then saving the
//! remembered state, keeping the window on the screen, and the one-shot `--screenshot`.

use std::path::{Path, PathBuf};

use super::MIN_INNER_SIZE;
use super::measure::{bench_hooks, phase};
use crate::app::ReaderApp;
use crate::article::write::WriteError;
use crate::desktop::placement;
use crate::desktop::saver::Saver;

/// How long closing the window waits for the notes file to be written.
const NOTES_FLUSH: std::time::Duration = std::time::Duration::from_secs(5);

/// The eframe wrapper: saving, placement on the screen, and the one-shot screenshot.
pub(super) struct WindowApp {
    pub(super) app: ReaderApp,
    pub(super) saver: Saver,
    pub(super) screenshot: Option<PathBuf>,
    pub(super) frames: u32,
    /// Whether the first-frame check of the window's place on the screen is done.
    pub(super) placed: bool,
    pub(super) requested: bool,
    pub(super) shot: std::sync::Arc<std::sync::Mutex<Option<std::sync::Arc<egui::ColorImage>>>>,
    pub(super) exit_code: std::sync::Arc<std::sync::atomic::AtomicU8>,
    /// Set once a frame is shown, so that a failure later reads as a lost display.
    pub(super) shown: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl eframe::App for WindowApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if self.frames < 2 {
            phase("frame start");
        }
        self.app.show(ui);
        self.frames += 1;
        if self.frames <= 2 {
            phase("frame shown");
        }
        if self.frames == 1 {
            self.shown.store(true, std::sync::atomic::Ordering::SeqCst);
        }
        if !self.placed {
            self.placed = placement::keep_on_screen(ui.ctx(), MIN_INNER_SIZE.into());
        }
        if let Some(wait) = self.saver.tick(&self.app.view, std::time::Instant::now()) {
            ui.ctx().request_repaint_after(wait);
        }
        bench_hooks(ui.ctx(), u64::from(self.frames));
        if let Some(path) = self.screenshot.clone() {
            self.take_screenshot(ui.ctx(), &path);
        }
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        // eframe keeps the window geometry and egui's memory; the reader's own state goes to
        // its own file, written atomically.
        self.saver.finish(&self.app.view);
        if !self.app.flush_notes(NOTES_FLUSH) {
            eprintln!("warning: the notes could not all be saved before the window closed");
        }
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
                    eprintln!("error: cannot write the screenshot: {e}");
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
pub fn write_png(path: &Path, image: &egui::ColorImage) -> Result<(), WriteError> {
    let encoding = |e: png::EncodingError| WriteError::Encode {
        what: "the PNG image",
        message: e.to_string(),
        path: path.to_path_buf(),
    };
    let [w, h] = image.size;
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, w as u32, h as u32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(encoding)?;
        let data: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
        writer.write_image_data(&data).map_err(encoding)?;
    }
    crate::article::write::write_atomic(path, &bytes).map(|_| ())
}
