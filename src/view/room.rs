//! Which panels fit beside the article at the window's size and zoom. The article keeps a
//! readable measure: a side panel that would squeeze it below that folds away into its toolbar
//! toggle, and then opens only when asked, in the article's place, like a tab, until it is
//! closed (Escape, its × or the toggle). Pure: sizes in, decisions out; `ui::layout` draws.

/// The narrowest the article's column may get beside docked panels, in points: about 45
/// characters of reading text and its margins.
pub const MIN_BODY_WIDTH: f32 = 420.0;
/// The least height the article keeps above a docked references panel.
pub const MIN_BODY_HEIGHT: f32 = 220.0;
/// The narrowest docked contents sidebar.
pub const MIN_SIDEBAR: f32 = 180.0;
/// The narrowest docked guidance panel.
pub const MIN_GUIDANCE: f32 = 240.0;
/// The lowest docked references panel.
pub const MIN_REFERENCES: f32 = 120.0;

/// A panel that can fold away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fold {
    Contents,
    Guidance,
    References,
    /// The notes panel: docked where the guidance panel docks, in its place.
    Notes,
}

/// What the window has room for this frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Room {
    /// Whether each panel folds away instead of docking.
    pub contents_folded: bool,
    pub guidance_folded: bool,
    pub references_folded: bool,
    /// The widest the docked sidebar and guidance panel may be, and the highest the docked
    /// references panel, so that the article keeps its measure.
    pub max_sidebar: f32,
    pub max_guidance: f32,
    pub max_references: f32,
}

impl Room {
    pub fn folded(&self, panel: Fold) -> bool {
        match panel {
            Fold::Contents => self.contents_folded,
            Fold::Guidance | Fold::Notes => self.guidance_folded,
            Fold::References => self.references_folded,
        }
    }
}

/// Decides from the size of the area below the toolbar (in points, zoom included) and
/// whether the guidance panel is wanted. The contents sidebar docks first, then guidance.
pub fn room(width: f32, height: f32, guidance_wanted: bool) -> Room {
    let contents_folded = width < MIN_SIDEBAR + MIN_BODY_WIDTH;
    let sidebar_room = if contents_folded { 0.0 } else { MIN_SIDEBAR };
    let guidance_folded = width < sidebar_room + MIN_GUIDANCE + MIN_BODY_WIDTH;
    let guidance_room = if guidance_folded || !guidance_wanted {
        0.0
    } else {
        MIN_GUIDANCE
    };
    let references_folded = height < MIN_REFERENCES + MIN_BODY_HEIGHT;
    // What the docked side panels may share; split between them when both are docked, so
    // that together they never take the article's measure.
    let beside = width - MIN_BODY_WIDTH;
    let (max_sidebar, max_guidance) = if guidance_room > 0.0 && sidebar_room > 0.0 {
        (beside * 0.42, beside * 0.58)
    } else {
        (beside, beside)
    };
    Room {
        contents_folded,
        guidance_folded,
        references_folded,
        max_sidebar: max_sidebar.max(MIN_SIDEBAR),
        max_guidance: max_guidance.max(MIN_GUIDANCE),
        max_references: (height - MIN_BODY_HEIGHT).max(MIN_REFERENCES),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_window_docks_everything() {
        let r = room(1280.0, 740.0, true);
        assert!(!r.contents_folded && !r.guidance_folded && !r.references_folded);
        assert!(r.max_sidebar + r.max_guidance + MIN_BODY_WIDTH <= 1280.0);
        // At 150 % the two panels share what the article leaves.
        let r = room(853.0, 480.0, true);
        assert!(!r.guidance_folded);
        assert!(r.max_sidebar >= MIN_SIDEBAR && r.max_guidance >= MIN_GUIDANCE);
        assert!(r.max_sidebar + r.max_guidance + MIN_BODY_WIDTH <= 853.5);
    }

    #[test]
    fn panels_fold_as_the_window_narrows_sidebar_last() {
        // The app's minimum, 720×480, at 100 %: guidance folds, the contents stay.
        let r = room(720.0, 400.0, true);
        assert!(!r.contents_folded && r.guidance_folded);
        // The same at 300 %: 240 × 133 points; everything folds.
        let r = room(240.0, 133.0, true);
        assert!(r.contents_folded && r.guidance_folded && r.references_folded);
    }

    #[test]
    fn an_unwanted_guidance_panel_leaves_its_room_to_the_sidebar() {
        let with = room(900.0, 700.0, true);
        let without = room(900.0, 700.0, false);
        assert!(without.max_sidebar > with.max_sidebar);
    }
}
