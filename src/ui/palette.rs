//! Every colour the reader draws text in or under, for both themes, in one place, chosen so
//! that all text is at least 4.5:1 against what is behind it (WCAG 2.1 AA); the tests below
//! compute each pair.

use egui::{Color32, Visuals};

/// The colours a theme changes in egui's visuals.
struct Theme {
    text: Color32,
    muted: Color32,
    link: Color32,
    warning: Color32,
    error: Color32,
    /// Dark (or light) enough under muted text: a checked menu entry's shortcut.
    selection: Color32,
}

const DARK: Theme = Theme {
    text: Color32::from_gray(178),
    muted: Color32::from_gray(150),
    link: Color32::from_rgb(120, 184, 255),
    warning: Color32::from_rgb(255, 176, 64),
    error: Color32::from_rgb(255, 120, 110),
    selection: Color32::from_rgb(0, 48, 72),
};

const LIGHT: Theme = Theme {
    text: Color32::from_gray(60),
    muted: Color32::from_gray(98),
    link: Color32::from_rgb(11, 87, 208),
    warning: Color32::from_rgb(138, 80, 0),
    error: Color32::from_rgb(179, 38, 30),
    selection: Color32::from_rgb(198, 228, 255),
};

/// Sets the text, link, error and selection colours of egui's light or dark visuals.
pub fn apply(v: &mut Visuals) {
    let t = if v.dark_mode { &DARK } else { &LIGHT };
    v.widgets.noninteractive.fg_stroke.color = t.text;
    v.weak_text_color = Some(t.muted);
    v.hyperlink_color = t.link;
    v.warn_fg_color = t.warning;
    v.error_fg_color = t.error;
    v.selection.bg_fill = t.selection;
}

/// The article's running text: a little stronger than egui's default, for long reading.
pub fn reading_text(v: &Visuals) -> Color32 {
    if v.dark_mode {
        Color32::from_gray(214)
    } else {
        Color32::from_gray(28)
    }
}

/// Behind a search match in running text.
pub fn search_mark(v: &Visuals) -> Color32 {
    if v.dark_mode {
        Color32::from_rgb(110, 90, 20)
    } else {
        Color32::from_rgb(255, 226, 120)
    }
}

/// Behind highlighted text, in each of the four highlight colours: light enough in the
/// light theme, and dark enough in the dark one, for the text on it to keep its contrast.
pub fn highlight(v: &Visuals, colour: crate::article::notes::Colour) -> Color32 {
    use crate::article::notes::Colour;
    match (v.dark_mode, colour) {
        (false, Colour::Yellow) => Color32::from_rgb(255, 236, 140),
        (false, Colour::Green) => Color32::from_rgb(196, 238, 190),
        (false, Colour::Blue) => Color32::from_rgb(192, 222, 255),
        (false, Colour::Pink) => Color32::from_rgb(255, 204, 228),
        (true, Colour::Yellow) => Color32::from_rgb(92, 78, 16),
        (true, Colour::Green) => Color32::from_rgb(30, 80, 40),
        (true, Colour::Blue) => Color32::from_rgb(28, 60, 104),
        (true, Colour::Pink) => Color32::from_rgb(98, 36, 70),
    }
}

/// The margin mark of a highlight with a note, and its colour's swatch: stronger than the
/// highlight itself.
pub fn highlight_mark(v: &Visuals, colour: crate::article::notes::Colour) -> Color32 {
    use crate::article::notes::Colour;
    match (v.dark_mode, colour) {
        (false, Colour::Yellow) => Color32::from_rgb(196, 150, 0),
        (false, Colour::Green) => Color32::from_rgb(40, 140, 60),
        (false, Colour::Blue) => Color32::from_rgb(40, 110, 200),
        (false, Colour::Pink) => Color32::from_rgb(200, 60, 130),
        (true, Colour::Yellow) => Color32::from_rgb(230, 196, 60),
        (true, Colour::Green) => Color32::from_rgb(100, 200, 110),
        (true, Colour::Blue) => Color32::from_rgb(110, 170, 250),
        (true, Colour::Pink) => Color32::from_rgb(240, 120, 180),
    }
}

/// Behind the reference a followed citation points at.
pub fn reference_highlight(v: &Visuals) -> Color32 {
    if v.dark_mode {
        Color32::from_rgb(22, 44, 58)
    } else {
        Color32::from_rgb(222, 236, 252)
    }
}

/// Behind the reload and load-error banners, tinted with `color`.
pub fn banner(v: &Visuals, color: Color32) -> Color32 {
    blend(color, v.panel_fill, 0.12)
}

/// `fg` at `alpha` over an opaque `bg`.
pub fn blend(fg: Color32, bg: Color32, alpha: f32) -> Color32 {
    let mix = |f: u8, b: u8| (f32::from(f) * alpha + f32::from(b) * (1.0 - alpha)).round() as u8;
    Color32::from_rgb(
        mix(fg.r(), bg.r()),
        mix(fg.g(), bg.g()),
        mix(fg.b(), bg.b()),
    )
}

/// The WCAG 2.1 contrast ratio of two opaque colours, 1 to 21.
pub fn contrast(a: Color32, b: Color32) -> f32 {
    fn channel(c: u8) -> f32 {
        let c = f32::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }
    let luminance =
        |c: Color32| 0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b());
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Every pair of text colour and background the reader draws, named, for the contrast test
/// and for the figures in the notes.
pub fn text_pairs(v: &Visuals) -> Vec<(&'static str, Color32, Color32)> {
    let panel = v.panel_fill;
    let highlight = reference_highlight(v);
    let selected_entry = v.selection.bg_fill;
    vec![
        ("text on a panel", v.text_color(), panel),
        ("muted text on a panel", v.weak_text_color(), panel),
        ("strong text on a panel", v.strong_text_color(), panel),
        ("link on a panel", v.hyperlink_color, panel),
        ("running text", reading_text(v), panel),
        (
            "running text on a search match",
            reading_text(v),
            search_mark(v),
        ),
        (
            "text on the highlighted reference",
            v.text_color(),
            highlight,
        ),
        (
            "muted text on the highlighted reference",
            v.weak_text_color(),
            highlight,
        ),
        (
            "link on the highlighted reference",
            v.hyperlink_color,
            highlight,
        ),
        ("error text on a panel", v.error_fg_color, panel),
        ("warning text on a panel", v.warn_fg_color, panel),
        (
            "reload banner text",
            v.text_color(),
            banner(v, v.warn_fg_color),
        ),
        (
            "error banner text",
            v.error_fg_color,
            banner(v, v.error_fg_color),
        ),
        (
            "button text",
            v.widgets.inactive.fg_stroke.color,
            v.widgets.inactive.weak_bg_fill,
        ),
        (
            "current contents entry",
            v.strong_text_color(),
            selected_entry,
        ),
        (
            "a checked menu entry's shortcut",
            v.weak_text_color(),
            selected_entry,
        ),
        (
            "a checked menu entry's name",
            v.selection.stroke.color,
            selected_entry,
        ),
        ("text in a window", v.text_color(), v.window_fill),
        (
            "a search result's marked words",
            v.text_color(),
            v.selection.bg_fill,
        ),
        ("search field text", v.text_color(), v.text_edit_bg_color()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn themed(dark: bool) -> Visuals {
        let mut v = if dark {
            Visuals::dark()
        } else {
            Visuals::light()
        };
        apply(&mut v);
        v
    }

    #[test]
    fn all_text_is_at_least_4_5_to_1_in_both_themes() {
        let mut failures = Vec::new();
        for dark in [false, true] {
            let pairs = text_pairs(&themed(dark));
            let lowest = pairs
                .iter()
                .map(|(what, fg, bg)| (contrast(*fg, *bg), *what))
                .min_by(|a, b| a.0.total_cmp(&b.0));
            // Shown with --nocapture, for the figures in notes.
            eprintln!("dark {dark}: lowest contrast {lowest:?}");
            for (what, fg, bg) in pairs {
                let ratio = contrast(fg, bg);
                if ratio < 4.5 {
                    let theme = if dark { "dark" } else { "light" };
                    failures.push(format!("{theme}: {what}: {ratio:.2}:1 ({fg:?} on {bg:?})"));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn the_contrast_formula_matches_known_values() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        // egui's light-theme link on its panel, as measured from a screenshot: 2.77:1.
        let ratio = contrast(Color32::from_rgb(0, 155, 255), Color32::from_gray(248));
        assert!((ratio - 2.77).abs() < 0.02, "{ratio}");
    }
}
