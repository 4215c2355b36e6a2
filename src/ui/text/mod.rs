//! Running text with live citation markers, shared by the body and the guidance panel,
//! and the reference card shown when a marker is hovered.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Role, Sense, TextStyle, Ui, WidgetInfo};

use crate::article::markup::Inline;
use crate::article::model::{Article, CitePlace, Reference};
use crate::article::search;
use crate::view::action::Action;

mod citation;
mod links;
mod runs;

pub use citation::citation_ui;
pub use links::{links_ui, reference_card_ui, url_ui};
pub use runs::runs_ui;

/// The size of the article's running text, before zoom.
pub const READING_SIZE: f32 = 17.0;

/// How text runs are drawn.
#[derive(Clone)]
pub struct TextLook {
    pub font: FontId,
    pub color: Color32,
    pub line_height: f32,
    /// The search query to highlight, if any.
    pub highlight: Option<String>,
    /// How the highlighted query matches accents.
    pub accents: crate::article::search::Accents,
}

impl TextLook {
    pub fn reading(
        ui: &Ui,
        highlight: Option<&str>,
        accents: crate::article::search::Accents,
    ) -> Self {
        let font = FontId::proportional(READING_SIZE);
        let color = crate::ui::palette::reading_text(ui.visuals());
        Self {
            line_height: (font.size * 1.6).round(),
            font,
            color,
            highlight: highlight
                .filter(|q| !q.trim().is_empty())
                .map(str::to_owned),
            accents,
        }
    }

    pub fn small(ui: &Ui) -> Self {
        let font = TextStyle::Body.resolve(ui.style());
        Self {
            line_height: (font.size * 1.45).round(),
            font,
            color: ui.visuals().text_color(),
            highlight: None,
            accents: crate::article::search::Accents::Ignored,
        }
    }

    fn format(&self, color: Color32) -> TextFormat {
        TextFormat {
            font_id: self.font.clone(),
            color,
            line_height: Some(self.line_height),
            valign: egui::Align::Center,
            ..TextFormat::default()
        }
    }
}

fn highlight_color(ui: &Ui) -> Color32 {
    crate::ui::palette::search_mark(ui.visuals())
}

/// A layout job for `text`, with search matches on a highlight background.
fn text_job(ui: &Ui, text: &str, look: &TextLook) -> LayoutJob {
    styled_job(ui, text, look, false)
}

/// As [`text_job`], in italics where `italics` is set (emphasis).
fn styled_job(ui: &Ui, text: &str, look: &TextLook, italics: bool) -> LayoutJob {
    let mut job = LayoutJob::default();
    let mut format = look.format(look.color);
    format.italics = italics;
    let ranges = look
        .highlight
        .as_deref()
        .map(|q| search::match_ranges(text, q, look.accents))
        .unwrap_or_default();
    let mut at = 0;
    for r in ranges {
        job.append(&text[at..r.start], 0.0, format.clone());
        let mut marked = format.clone();
        marked.background = highlight_color(ui);
        job.append(&text[r.clone()], 0.0, marked);
        at = r.end;
    }
    job.append(&text[at..], 0.0, format);
    job
}

/// The citation a back-link asked for: highlighted, and scrolled into view once.
#[derive(Clone, Copy, Debug, Default)]
pub struct Flash {
    pub place: Option<CitePlace>,
    pub scroll: bool,
}

/// Where the citations of a run of text stand, for back-link flashes.
pub struct CiteCounter {
    pub section: Option<usize>,
    pub ordinal: usize,
}

impl CiteCounter {
    /// The place of the next citation, of reference `number`; None outside the sections.
    fn next(&mut self, number: u32) -> Option<CitePlace> {
        let place = self.section.map(|section| CitePlace {
            section,
            ordinal: self.ordinal,
            number,
        });
        self.ordinal += 1;
        place
    }
}

/// The width of `text` on one line in `font`.
pub fn text_width(ui: &Ui, text: &str, font: FontId) -> f32 {
    ui.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font, Color32::WHITE))
        .size()
        .x
}

/// One citation marker to draw.
#[derive(Clone, Copy, Debug)]
pub struct Cite {
    /// The reference number.
    pub number: u32,
    /// Where the citation stands in its text (the run's index), unique within its `Ui`.
    pub place: usize,
    /// Some(scroll) when this citation is the one a back-link flashes.
    pub flash: Option<bool>,
}

/// How a link's text is laid out in a wrapped row `row` points wide: whole, moving to the
/// next row where it does not fit on this one, or, wider than a whole row, cut short with "…".
/// Never wrapped: egui splits a wrapped link into a second, unnamed focus stop that a keyboard
/// or screen-reader user would land on with nothing shown. The whole text stays the link's
/// name.
pub fn whole_or_cut(ui: &Ui, text: &str, row: f32) -> egui::TextWrapMode {
    if text_width(ui, text, TextStyle::Body.resolve(ui.style())) > row {
        egui::TextWrapMode::Truncate
    } else {
        egui::TextWrapMode::Extend
    }
}

/// Adds a widget with text wrapped as `mode`, in `ui` itself: a child `Ui` would keep a
/// wrapped row from moving the widget to its next line.
pub fn with_wrap_mode<R>(
    ui: &mut Ui,
    mode: egui::TextWrapMode,
    add: impl FnOnce(&mut Ui) -> R,
) -> R {
    let before = ui.style().wrap_mode;
    ui.style_mut().wrap_mode = Some(mode);
    let r = add(ui);
    ui.style_mut().wrap_mode = before;
    r
}

#[cfg(test)]
mod tests {
    use super::links::host;
    use super::runs::split_last_word;
    use super::*;

    #[test]
    fn the_last_word_goes_with_the_marker() {
        assert_eq!(
            split_last_word("skin microbiome. "),
            ("skin ", "microbiome.", true)
        );
        assert_eq!(split_last_word("word"), ("", "word", false));
        assert_eq!(split_last_word("a ‘b’"), ("a ", "‘b’", false));
        assert_eq!(split_last_word(""), ("", "", false));
    }

    #[test]
    fn search_matches_are_highlighted_in_running_text() {
        let ctx = egui::Context::default();
        let mut job = None;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let mut look =
                TextLook::reading(ui, Some("skin's"), crate::article::search::Accents::Ignored);
            look.color = Color32::WHITE;
            job = Some(text_job(ui, "Your skin’s barrier and skin’s health", &look));
        });
        output.textures_delta.clear();
        let job = job.unwrap();
        let marked: Vec<&str> = job
            .sections
            .iter()
            .filter(|s| s.format.background != Color32::TRANSPARENT)
            .map(|s| &job.text[s.byte_range.start.0..s.byte_range.end.0])
            .collect();
        assert_eq!(marked, ["skin’s", "skin’s"]);
    }

    #[test]
    fn hosts() {
        assert_eq!(host("https://doi.org/x"), Some("doi.org"));
        assert_eq!(host("nope"), None);
    }
}
