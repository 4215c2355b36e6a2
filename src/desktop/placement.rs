//! Keeping the window on the screen it opens on: a restored position that leaves too little of
//! the window on the monitor is moved onto it, and a window taller or wider than the monitor's
//! usable part is shrunk to fit, status bar included.

use egui::{Pos2, Rect, Vec2};

/// At least this share of the window's area must be on the monitor, or it is moved.
pub const MIN_VISIBLE: f32 = 0.9;

/// What a window leaves free of the monitor, in points: room for the desktop's own panels and
/// docks, which winit cannot tell us about.
pub const PANELS: Vec2 = Vec2::new(32.0, 64.0);

/// How to correct a window: a new outer position and/or a new inner size, in points.
#[derive(Debug, Default, PartialEq)]
pub struct Fix {
    pub position: Option<Pos2>,
    pub inner_size: Option<Vec2>,
}

/// The correction for a window whose frame is `outer` and whose content is `inner_size` on a
/// monitor of `monitor` points with its corner at the origin; `min_inner` is the window's own
/// minimum. Everything is in the same units.
pub fn fix(outer: Rect, inner_size: Vec2, monitor: Vec2, min_inner: Vec2) -> Fix {
    let mut out = Fix::default();
    let finite = |v: Vec2| v.x.is_finite() && v.y.is_finite();
    let sane = finite(outer.min.to_vec2())
        && finite(outer.max.to_vec2())
        && finite(inner_size)
        && finite(monitor)
        && monitor.x > 0.0
        && monitor.y > 0.0;
    if !sane {
        return out;
    }
    // The frame around the content: title bar and borders.
    let frame = (outer.size() - inner_size).max(Vec2::ZERO);
    let usable = (monitor - PANELS).max(monitor * 0.5);
    let largest = (usable - frame).max(min_inner.min(usable));
    let mut size = outer.size();
    if inner_size.x > largest.x || inner_size.y > largest.y {
        let inner = inner_size.min(largest);
        out.inner_size = Some(inner);
        size = inner + frame;
    }
    let rect = Rect::from_min_size(outer.min, size);
    let screen = Rect::from_min_size(Pos2::ZERO, monitor);
    let visible = rect.intersect(screen);
    let shown = if visible.is_positive() {
        visible.area() / rect.area().max(1.0)
    } else {
        0.0
    };
    if shown < MIN_VISIBLE || out.inner_size.is_some() && shown < 1.0 {
        let x = rect.min.x.clamp(0.0, (monitor.x - size.x).max(0.0));
        let y = rect.min.y.clamp(0.0, (monitor.y - size.y).max(0.0));
        out.position = Some(Pos2::new(x, y));
    }
    out
}

/// Moves or shrinks the window onto its monitor if need be (see [`fix`]). Returns
/// false until the window system has told where the window is.
pub fn keep_on_screen(ctx: &egui::Context, min_inner: egui::Vec2) -> bool {
    let info = ctx.input(|i| i.viewport().clone());
    if info.maximized == Some(true) || info.fullscreen == Some(true) {
        return true;
    }
    let (Some(outer), Some(inner), Some(monitor)) =
        (info.outer_rect, info.inner_rect, info.monitor_size)
    else {
        return false;
    };
    let fix = fix(outer, inner.size(), monitor, min_inner);
    if let Some(size) = fix.inner_size {
        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
    }
    if let Some(pos) = fix.position {
        ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(pos));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Vec2 = Vec2::new(720.0, 480.0);

    fn window(x: f32, y: f32, w: f32, h: f32) -> (Rect, Vec2) {
        // A 30-point title bar above the content.
        (
            Rect::from_min_size(Pos2::new(x, y), Vec2::new(w, h + 30.0)),
            Vec2::new(w, h),
        )
    }

    #[test]
    fn a_window_mostly_off_the_right_edge_is_moved_back() {
        let (outer, inner) = window(3000.0, 100.0, 1280.0, 820.0);
        let fix = fix(outer, inner, Vec2::new(1600.0, 1000.0), MIN);
        assert_eq!(fix.position, Some(Pos2::new(320.0, 100.0)));
        assert_eq!(fix.inner_size, None);
    }

    #[test]
    fn a_window_that_fits_is_left_alone() {
        let (outer, inner) = window(10.0, 20.0, 1280.0, 820.0);
        assert_eq!(
            fix(outer, inner, Vec2::new(1920.0, 1080.0), MIN),
            Fix::default()
        );
    }

    #[test]
    fn a_small_screen_gets_a_window_that_fits_with_its_status_bar() {
        let (outer, inner) = window(0.0, 0.0, 1024.0, 600.0);
        let fix = fix(outer, inner, Vec2::new(1024.0, 600.0), MIN);
        let size = fix.inner_size.unwrap_or_default();
        assert!(size.y + 30.0 <= 600.0 - PANELS.y + 0.01, "{size:?}");
        assert!(size.x <= 1024.0 - PANELS.x + 0.01, "{size:?}");
        assert_eq!(fix.position, None);
    }

    #[test]
    fn nonsense_is_ignored() {
        let (outer, inner) = window(f32::NAN, 0.0, 100.0, 100.0);
        assert_eq!(
            fix(outer, inner, Vec2::new(800.0, 600.0), MIN),
            Fix::default()
        );
        let (outer, inner) = window(0.0, 0.0, 100.0, 100.0);
        assert_eq!(fix(outer, inner, Vec2::ZERO, MIN), Fix::default());
    }
}
