//! Running text with live citation markers, shared by the body and the guidance panel,
//! and the reference card shown when a marker is hovered.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Role, Sense, TextStyle, Ui, WidgetInfo};

use crate::action::Action;
use crate::model::{Article, CitePlace, Inline, Reference};
use crate::search;

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
    pub accents: crate::search::Accents,
}

impl TextLook {
    pub fn reading(ui: &Ui, highlight: Option<&str>, accents: crate::search::Accents) -> Self {
        let font = FontId::proportional(READING_SIZE);
        let color = super::palette::reading_text(ui.visuals());
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
            accents: crate::search::Accents::Ignored,
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
    super::palette::search_mark(ui.visuals())
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

/// Draws inline runs as wrapped text, each citation a focusable link that previews its
/// reference on hover. `flash` says which citation place to highlight.
///
/// With `marks`, the text can be selected and is drawn over its highlights: the runs are the
/// next piece of the unit `marks` draws (see [`super::marks`]).
pub fn runs_ui(
    ui: &mut Ui,
    article: &Article,
    runs: &[Inline],
    look: &TextLook,
    counter: &mut CiteCounter,
    flash: Flash,
    mut marks: Option<&mut super::marks::Marks>,
) -> Vec<Action> {
    let base = marks
        .as_mut()
        .map_or(0, |m| m.piece_start(super::marks::piece_key(runs)));
    if crate::model::is_right_to_left(runs) {
        return right_to_left_ui(ui, article, runs, look, counter, flash);
    }
    let mut actions = Vec::new();
    let paragraph = egui::UiBuilder::new().accessibility_role(Role::Paragraph);
    let mut at = base;
    let response = ui.scope_builder(paragraph, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing = egui::vec2(0.0, 0.0);
            ui.spacing_mut().interact_size.y = look.line_height;
            let mut i = 0;
            while i < runs.len() {
                match &runs[i] {
                    Inline::Text(t) => {
                        let before_cite = matches!(runs.get(i + 1), Some(Inline::Cite(_)));
                        if before_cite {
                            // Keep the last word with the marker, so that wrapping never parts them;
                            // but a "word" wider than half the column wraps on its own.
                            let (mut head, lead, _) = split_last_word(t);
                            let row = ui.max_rect().width();
                            if text_width(ui, lead, look.font.clone()) > row / 2.0 {
                                head = t.as_str();
                            }
                            // The word and the spaces after it, as the text has them.
                            let lead = &t[head.len()..];
                            if !head.is_empty() {
                                let job = text_job(ui, head, look);
                                super::marks::text_piece_ui(ui, job, at, marks.as_deref_mut());
                            }
                            if let Some(Inline::Cite(n)) = runs.get(i + 1) {
                                let flashing =
                                    counter.next(*n).is_some_and(|p| Some(p) == flash.place);
                                let flash = if flashing { Some(flash.scroll) } else { None };
                                let piece = marks.as_deref_mut().map(|m| (m, at + head.len()));
                                actions.extend(citation_ui(
                                    ui,
                                    article,
                                    lead,
                                    false,
                                    Cite {
                                        number: *n,
                                        place: i + 1,
                                        flash,
                                    },
                                    look,
                                    piece,
                                ));
                                at += format!("[{n}]").len();
                            }
                            at += t.len();
                            i += 2;
                            continue;
                        }
                        let job = text_job(ui, t, look);
                        super::marks::text_piece_ui(ui, job, at, marks.as_deref_mut());
                        at += t.len();
                    }
                    Inline::Emphasis(t) => {
                        let job = styled_job(ui, t, look, true);
                        super::marks::text_piece_ui(ui, job, at, marks.as_deref_mut());
                        at += t.len();
                    }
                    Inline::Link(url) => {
                        let text = egui::RichText::new(url.as_str()).font(look.font.clone());
                        actions.extend(url_ui(ui, text, url));
                        at += url.len();
                    }
                    Inline::Cite(n) => {
                        let flashing = counter.next(*n).is_some_and(|p| Some(p) == flash.place);
                        let flash = if flashing { Some(flash.scroll) } else { None };
                        let piece = marks.as_deref_mut().map(|m| (m, at));
                        actions.extend(citation_ui(
                            ui,
                            article,
                            "",
                            false,
                            Cite {
                                number: *n,
                                place: i,
                                flash,
                            },
                            look,
                            piece,
                        ));
                        at += format!("[{n}]").len();
                    }
                }
                i += 1;
            }
        })
    });
    // A screen reader hears what of the paragraph is highlighted, and the notes on it.
    if let Some(m) = marks {
        let said: Vec<&str> = m.overlapping(base..at).map(|h| h.label.as_str()).collect();
        if !said.is_empty() {
            let description = said.join("; ");
            super::a11y::node(ui, response.response.id, |n| n.set_description(description));
        }
    }
    actions
}

/// The width of `text` on one line in `font`.
pub fn text_width(ui: &Ui, text: &str, font: FontId) -> f32 {
    ui.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font, Color32::WHITE))
        .size()
        .x
}

/// A right-to-left paragraph: its text right-aligned, the shaper setting each line right to
/// left, and its citation markers after it on their own row, right-aligned. Markers are not
/// placed inside right-to-left text: egui lays out rows left to right.
fn right_to_left_ui(
    ui: &mut Ui,
    article: &Article,
    runs: &[Inline],
    look: &TextLook,
    counter: &mut CiteCounter,
    flash: Flash,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let text: String = runs
        .iter()
        .filter_map(|r| match r {
            Inline::Text(t) | Inline::Emphasis(t) | Inline::Link(t) => Some(t.as_str()),
            Inline::Cite(_) => None,
        })
        .collect();
    let paragraph = egui::UiBuilder::new()
        .accessibility_role(Role::Paragraph)
        .layout(egui::Layout::top_down(egui::Align::Max));
    ui.scope_builder(paragraph, |ui| {
        ui.spacing_mut().item_spacing.y = 0.0;
        // Drawn, and named for a screen reader, as one piece: egui's text runs of a line
        // shaped right to left come out garbled to AT-SPI's text interface.
        let mut job = text_job(ui, text.trim(), look);
        job.wrap.max_width = ui.available_width();
        job.halign = egui::Align::RIGHT;
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let size = egui::vec2(ui.available_width(), galley.size().y);
        let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
        response.widget_info(|| WidgetInfo::labeled(Role::Label, true, text.trim()));
        // Its bounds are where the lines are drawn, at the right of the row.
        let drawn = galley.rect.translate(rect.right_top().to_vec2());
        super::a11y::set_bounds(ui, response.id, drawn);
        if ui.is_rect_visible(rect) {
            ui.painter().galley(rect.right_top(), galley, look.color);
        }
        let cites: Vec<(usize, u32)> = runs
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.cite().map(|n| (i, n)))
            .collect();
        if !cites.is_empty() {
            ui.with_layout(
                egui::Layout::right_to_left(egui::Align::Center).with_main_wrap(true),
                |ui| {
                    for (place, number) in cites {
                        let flashing = counter.next(number).is_some_and(|p| Some(p) == flash.place);
                        let flash = if flashing { Some(flash.scroll) } else { None };
                        let cite = Cite {
                            number,
                            place,
                            flash,
                        };
                        actions.extend(citation_ui(ui, article, "", false, cite, look, None));
                        ui.add_space(4.0);
                    }
                },
            );
        }
    });
    actions
}

/// Splits off the last word: (text before it, the word, whether a space followed it).
fn split_last_word(text: &str) -> (&str, &str, bool) {
    let trimmed = text.trim_end();
    let gap = trimmed.len() < text.len();
    let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| {
        i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
    });
    (&trimmed[..start], &trimmed[start..], gap)
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

/// A citation marker `[n]`, drawn after `lead` (the word it belongs to) as one unbreakable
/// piece. Hover shows the reference card; a click or Enter focuses the reference.
pub fn citation_ui(
    ui: &mut Ui,
    article: &Article,
    lead: &str,
    gap: bool,
    cite: Cite,
    look: &TextLook,
    piece: Option<(&mut super::marks::Marks, usize)>,
) -> Vec<Action> {
    let Cite {
        number,
        place,
        flash,
    } = cite;
    let mut actions = Vec::new();
    let link_color = ui.visuals().hyperlink_color;
    let mut job = if lead.is_empty() {
        LayoutJob::default()
    } else {
        text_job(ui, lead, look)
    };
    if gap {
        job.append(" ", 0.0, look.format(look.color));
    }
    let lead_job = job.clone();
    let mut marker = look.format(link_color);
    if flash.is_some() {
        marker.background = highlight_color(ui);
    }
    job.append(&format!("[{number}]"), 0.0, marker);
    job.wrap.max_width = f32::INFINITY;
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let lead_width = if lead_job.is_empty() {
        0.0
    } else {
        ui.fonts_mut(|f| f.layout_job(lead_job.clone())).size().x
    };
    // The word and its marker are placed as one piece, so that wrapping never parts them, but
    // they are two things to a screen reader: the word is text, the marker alone is the link
    // (named "[4]", described by the reference's title), so that the running text is read whole.
    // An id from the place in the text, not egui's running count, which shifts when focus
    // moves: focus is given back to this citation by its id.
    let id = ui.unique_id().with(("citation", place));
    let (rect, _) = ui.allocate_exact_size(galley.size(), Sense::hover());
    let group = ui.interact(rect, id, Sense::hover());
    let marker_rect =
        egui::Rect::from_min_max(egui::pos2(rect.min.x + lead_width, rect.min.y), rect.max);
    let selectable = piece.is_some();
    if !lead_job.is_empty() {
        let lead_rect =
            egui::Rect::from_min_max(rect.min, egui::pos2(marker_rect.min.x, rect.max.y));
        // Selectable words take the press, so that a drag selects instead of scrolling.
        let sense = if selectable {
            Sense::click_and_drag() - Sense::FOCUSABLE
        } else {
            Sense::hover()
        };
        let words = ui.interact(lead_rect, group.id.with("words"), sense);
        words.widget_info(|| WidgetInfo::labeled(Role::Label, true, &lead_job.text));
        if selectable {
            words.on_hover_cursor(egui::CursorIcon::Text);
        }
    }
    if let Some((marks, start)) = piece {
        super::marks::citation_piece(ui, marks, galley.clone(), rect.min, start, marker_rect);
    }
    let response = ui.interact(marker_rect, group.id.with("link"), Sense::click());
    let reference = article.reference(number);
    let marker_text = format!("[{number}]");
    response.widget_info(|| WidgetInfo::labeled(Role::Link, true, &marker_text));
    if let Some(r) = reference {
        super::a11y::node(ui, response.id, |n| n.set_description(r.title.as_str()));
    }
    if ui.is_rect_visible(rect) {
        ui.painter().galley(rect.min, galley, look.color);
        if response.hovered() || response.has_focus() {
            let y = marker_rect.center().y + look.font.size * 0.55;
            ui.painter()
                .hline(marker_rect.x_range(), y, egui::Stroke::new(1.0, link_color));
        }
    }
    super::a11y::follow_focus(ui, &response);
    if flash == Some(true) {
        response.scroll_to_me(Some(egui::Align::Center));
    }
    let response = response.on_hover_cursor(egui::CursorIcon::PointingHand);
    if let Some(r) = reference {
        response.clone().on_hover_ui(|ui| {
            ui.set_max_width(420.0);
            actions.extend(reference_card_ui(ui, r));
        });
    }
    if response.clicked() {
        // Back, or Escape in the references panel, returns focus here.
        super::a11y::remember_citation(ui.ctx(), response.id);
        actions.push(Action::Cite(number));
    }
    actions
}

/// A link that opens `url` in the browser when it is http or https, else plain text.
pub fn url_ui(ui: &mut Ui, text: impl Into<egui::WidgetText>, url: &str) -> Option<Action> {
    let text: egui::WidgetText = text.into();
    if crate::load::is_web_url(url) {
        let response = ui.add(egui::Link::new(text)).on_hover_text(url);
        super::a11y::follow_focus(ui, &response);
        response.clicked().then(|| Action::OpenLink(url.to_owned()))
    } else {
        ui.label(format!("{}: {url}", text.text()))
            .on_hover_text("Not an http or https address, so it is not opened");
        None
    }
}

/// The full reference: authors, title, source and year, and its links.
pub fn reference_card_ui(ui: &mut Ui, r: &Reference) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.label(egui::RichText::new(format!("[{}] {}", r.number, r.authors_line())).weak());
    ui.label(egui::RichText::new(&r.title).strong());
    let source = r.source_line();
    if !source.is_empty() {
        ui.label(egui::RichText::new(source).italics());
    }
    links_ui(ui, r, &mut actions);
    for note in &r.notes {
        ui.label(egui::RichText::new(format!("Note: {note}")).small().weak());
    }
    actions
}

/// The DOI, PubMed, PMC and URL links of a reference, on one wrapped row.
pub fn links_ui(ui: &mut Ui, r: &Reference, actions: &mut Vec<Action>) {
    let links = r.links();
    if links.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let row = ui.max_rect().width();
        for (label, url) in links {
            let text = match label {
                "DOI" => format!("DOI {}", r.doi.as_deref().unwrap_or_default()),
                "PubMed" => format!("PubMed {}", r.pmid.as_deref().unwrap_or_default()),
                "PMC" => format!(
                    "PMC {}",
                    r.pmcid
                        .as_deref()
                        .unwrap_or_default()
                        .trim_start_matches("PMC")
                ),
                _ => host(&url).map_or_else(|| "Link".to_owned(), |h| format!("Link: {h}")),
            };
            let mode = whole_or_cut(ui, &text, row);
            if let Some(a) = with_wrap_mode(ui, mode, |ui| url_ui(ui, text.as_str(), &url)) {
                actions.push(a);
            }
        }
    });
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

/// The host part of a URL, for a short link label.
fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())
}

#[cfg(test)]
mod tests {
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
            let mut look = TextLook::reading(ui, Some("skin's"), crate::search::Accents::Ignored);
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
