//! The baseline for start-up and memory: a bare eframe window with the same eframe features
//! and renderer as the reader, showing one label. `scripts/bench-window.sh` measures both.

fn main() -> eframe::Result {
    gut_skin_viewer::window::phase("main");
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare window")
            .with_inner_size([1280.0, 820.0]),
        renderer: eframe::Renderer::Glow,
        persist_window: false,
        ..Default::default()
    };
    eframe::run_native(
        "bare-window",
        options,
        Box::new(|_cc| {
            gut_skin_viewer::window::phase("creator");
            Ok(Box::new(Bare { frames: 0 }))
        }),
    )
}

struct Bare {
    frames: u64,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if self.frames < 2 {
            gut_skin_viewer::window::phase("frame start");
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("A bare eframe window.");
        });
        self.frames += 1;
        gut_skin_viewer::window::bench_hooks(ui.ctx(), self.frames);
    }
}
