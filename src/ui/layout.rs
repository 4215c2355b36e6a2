//! Drawing a folding panel where [`crate::view::room`] decided it goes: docked beside the
//! article, or in the article's place.

/// Where a panel is drawn this frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Place {
    /// Docked beside the article, at most this wide (or high, for the references).
    Docked(f32),
    /// In the article's place, until it is closed (Escape) and the article comes back.
    Tab,
}

/// Draws a folding panel's `contents` at `place`: docked as `panel`, resizable from `size`
/// (a default and a range, each capped at the docked maximum), or in the article's place.
/// `contents` is told whether it is in the article's place.
pub fn panel_ui<R>(
    ui: &mut egui::Ui,
    place: Place,
    panel: egui::Panel,
    (default, range): (f32, std::ops::RangeInclusive<f32>),
    contents: impl FnOnce(&mut egui::Ui, bool) -> R,
) -> R {
    match place {
        Place::Docked(max) => {
            panel
                .resizable(true)
                .default_size(default.min(max))
                .size_range(*range.start()..=range.end().min(max))
                .show(ui, |ui| contents(ui, false))
                .inner
        }
        Place::Tab => {
            egui::CentralPanel::default()
                .show(ui, |ui| contents(ui, true))
                .inner
        }
    }
}
