//! What the reader remembers between runs: view state only, never the article itself.
//! Unknown or missing fields fall back to defaults, so an old or damaged file costs nothing.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::article::write::{WriteError, write_making_folder};
use crate::view::{Source, ThemeChoice, View, ZOOM_MAX, ZOOM_MIN};

/// The key under which older versions kept [`Remembered`] in eframe's storage.
pub const STORAGE_KEY: &str = "gut-skin-viewer/state";

/// The file, in the app's data folder, that keeps [`Remembered`].
pub const STATE_FILE: &str = "state.ron";

/// Reads the remembered state from `path`: `Ok(None)` when there is no file yet. A file that
/// cannot be parsed is an error naming it; out-of-range values are clamped.
pub fn read_file(path: &Path) -> Result<Option<Remembered>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(format!(
                "cannot read the saved view state: {e}: {}",
                path.display()
            ));
        }
    };
    match ron::from_str::<Remembered>(&text) {
        Ok(mut r) => {
            r.sanitize();
            Ok(Some(r))
        }
        Err(e) => Err(format!(
            "the saved view state cannot be read: {e}: {}",
            path.display()
        )),
    }
}

/// Writes the remembered state to `path` atomically, making its folder if needed.
pub fn write_file(path: &Path, state: &Remembered) -> Result<(), WriteError> {
    let text =
        ron::ser::to_string_pretty(state, ron::ser::PrettyConfig::default()).map_err(|e| {
            WriteError::Encode {
                what: "the view state",
                message: e.to_string(),
                path: path.to_path_buf(),
            }
        })?;
    write_making_folder(path, text.as_bytes()).map(|_| ())
}

/// How many recently opened articles are kept.
pub const RECENT_LIMIT: usize = 10;

/// Puts `path` at the top of a most-recent-first list of at most [`RECENT_LIMIT`] paths.
pub fn add_recent(recent: &mut Vec<PathBuf>, path: PathBuf) {
    recent.retain(|p| p != &path);
    recent.insert(0, path);
    recent.truncate(RECENT_LIMIT);
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// The article folder; None for the built-in article.
    pub article_path: Option<PathBuf>,
    /// The id of the section being read.
    pub section: Option<String>,
    pub show_references: bool,
    pub show_guidance: bool,
    /// The notes panel (in the guidance panel's place).
    pub show_notes: bool,
    pub theme: ThemeChoice,
    pub zoom: f32,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub last_export_dir: Option<PathBuf>,
}

impl Default for Remembered {
    fn default() -> Self {
        Self {
            article_path: None,
            section: None,
            show_references: false,
            show_guidance: true,
            show_notes: false,
            theme: ThemeChoice::System,
            zoom: 1.0,
            recent: Vec::new(),
            last_export_dir: None,
        }
    }
}

impl Remembered {
    /// What `view` shows that is remembered.
    pub fn of(view: &View) -> Self {
        Self {
            article_path: match &view.source {
                Source::Embedded => None,
                Source::Folder(p) => Some(p.clone()),
            },
            section: view
                .article
                .sections
                .get(view.section)
                .map(|s| s.id.clone()),
            show_references: view.show_references,
            show_guidance: view.show_guidance,
            show_notes: view.show_notes,
            theme: view.theme,
            zoom: view.zoom,
            recent: view.recent.clone(),
            last_export_dir: view.last_export_dir.clone(),
        }
    }

    /// Parses the stored text; a damaged or foreign one is ignored with a log line.
    pub fn from_ron(text: &str) -> Self {
        match ron::from_str::<Self>(text) {
            Ok(mut r) => {
                r.sanitize();
                r
            }
            Err(e) => {
                log::warn!("ignoring the saved view state, it cannot be read: {e}");
                Self::default()
            }
        }
    }

    pub fn to_ron(&self) -> String {
        ron::to_string(self).unwrap_or_default()
    }

    /// Clamps values a hand-edited file could push out of range.
    pub fn sanitize(&mut self) {
        if !self.zoom.is_finite() {
            self.zoom = 1.0;
        }
        self.zoom = self.zoom.clamp(ZOOM_MIN, ZOOM_MAX);
        self.recent.truncate(RECENT_LIMIT);
    }

    /// Puts `path` at the top of the recent list.
    pub fn add_recent(&mut self, path: PathBuf) {
        add_recent(&mut self.recent, path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut r = Remembered {
            section: Some("s".into()),
            zoom: 1.3,
            theme: ThemeChoice::Dark,
            ..Remembered::default()
        };
        r.add_recent("/a".into());
        assert_eq!(Remembered::from_ron(&r.to_ron()), r);
    }

    #[test]
    fn damaged_or_out_of_range_state_falls_back() {
        assert_eq!(Remembered::from_ron("(zoom: "), Remembered::default());
        assert_eq!(
            Remembered::from_ron("\u{0}\u{1}garbage"),
            Remembered::default()
        );
        let r = Remembered::from_ron("(zoom: 99.0, unknown_field: 3)");
        assert_eq!(r.zoom, ZOOM_MAX);
    }

    #[test]
    fn the_state_file_round_trips_and_names_itself_when_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(STATE_FILE);
        assert_eq!(read_file(&path), Ok(None));
        let r = Remembered {
            section: Some("s".into()),
            ..Remembered::default()
        };
        write_file(&path, &r).unwrap();
        assert_eq!(read_file(&path), Ok(Some(r)));
        std::fs::write(&path, "(section: Some(").unwrap();
        let e = read_file(&path).unwrap_err();
        assert!(e.ends_with("state.ron"), "{e}");
    }

    #[test]
    fn recent_list_is_bounded_and_unique() {
        let mut r = Remembered::default();
        for i in 0..15 {
            r.add_recent(format!("/p{i}").into());
        }
        r.add_recent("/p14".into());
        assert_eq!(r.recent.len(), RECENT_LIMIT);
        assert_eq!(r.recent[0], PathBuf::from("/p14"));
    }
}
