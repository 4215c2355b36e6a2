//! Whether the installed fonts cover an article: egui's built-in fonts first, then, only for
//! an article that needs more, the system's fonts through egui's system-font provider, as the
//! window uses them.

use std::sync::Arc;

use crate::article::writing::{self, Uncovered};

/// The scripts of `texts` that neither egui's fonts nor the system's cover, each at its first
/// character. An article that egui's own fonts cover pays one pass of a headless context.
pub fn uncovered(texts: &[&str]) -> Vec<Uncovered> {
    let ctx = egui::Context::default();
    let font = egui::FontId::proportional(15.0);
    let lacking = |ctx: &egui::Context| {
        let mut found = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            found = ui.fonts_mut(|f| writing::uncovered(texts, |c| f.has_glyph(&font, c)));
        });
        output.textures_delta.clear();
        found
    };
    if lacking(&ctx).is_empty() {
        return Vec::new();
    }
    ctx.add_font_provider(Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    ));
    lacking(&ctx)
}
