//! eframe's own stored settings (`app.ron`: the window's geometry and egui's memory, with its
//! zoom factor), checked before eframe reads them. eframe hands them to winit unchecked, and a
//! zoom of 1e30, -3 or NaN panics in winit's dpi code on every start; so each value is clamped
//! or dropped here, a file that cannot be read at all is set aside, and `--fresh` drops both.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::article::write::WriteError;
use crate::view::{ZOOM_MAX, ZOOM_MIN};

/// eframe's key for the window geometry.
const WINDOW_KEY: &str = "window";
/// eframe's key for egui's memory.
const EGUI_KEY: &str = "egui";

/// The shape of `egui_winit::WindowGeometry`, whose fields are private.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Geometry {
    outer_position_pixels: Option<egui::Pos2>,
    scale_factor: f32,
    inner_size_points: egui::Vec2,
}

/// The shape of `egui_winit::WindowSettings`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct WindowSettings {
    normal_geometry: Geometry,
    fullscreen: bool,
    maximized: bool,
}

/// Largest window side and position coordinate taken as real, in pixels or points.
const MAX_COORD: f32 = 32_000.0;
/// Smallest window side kept.
const MIN_SIDE: f32 = 64.0;

impl WindowSettings {
    /// Clamps or drops what winit cannot take; false when nothing sensible is left.
    fn sanitize(&mut self) -> bool {
        let g = &mut self.normal_geometry;
        if !(g.scale_factor.is_finite() && (0.25..=8.0).contains(&g.scale_factor)) {
            g.scale_factor = 1.0;
        }
        let size = g.inner_size_points;
        if !(size.x.is_finite() && size.y.is_finite()) {
            return false;
        }
        g.inner_size_points = size.clamp(egui::Vec2::splat(MIN_SIDE), egui::Vec2::splat(MAX_COORD));
        if let Some(p) = g.outer_position_pixels
            && !(p.x.is_finite()
                && p.y.is_finite()
                && p.x.abs() <= MAX_COORD
                && p.y.abs() <= MAX_COORD)
        {
            g.outer_position_pixels = None;
        }
        true
    }
}

/// A zoom factor egui and winit can use: the reader's own limits, 1.0 for nonsense.
pub fn sane_zoom(zoom: f32) -> f32 {
    if zoom.is_finite() && zoom > 0.0 {
        zoom.clamp(ZOOM_MIN, ZOOM_MAX)
    } else {
        1.0
    }
}

/// What [`prepare`] did, for the terminal.
#[derive(Debug, Default, PartialEq)]
pub struct Report {
    /// Lines to print, each naming the file.
    pub notes: Vec<String>,
    /// The reader's own state as older versions kept it inside this file, if present.
    pub legacy_state: Option<String>,
}

/// Checks eframe's store at `path` and rewrites it atomically if anything had to change.
/// `fresh` drops the window geometry and egui's memory. A file that cannot be parsed at all is
/// renamed to `app.ron.bad`, so that eframe starts afresh without destroying it.
pub fn prepare(path: &Path, fresh: bool) -> Report {
    let mut report = Report::default();
    let read = std::fs::read_to_string(path).map_err(|e| (e.kind(), e.to_string()));
    let parsed = read.and_then(|text| {
        ron::from_str::<HashMap<String, String>>(&text)
            .map_err(|e| (std::io::ErrorKind::InvalidData, e.to_string()))
    });
    let mut kv = match parsed {
        Ok(kv) => kv,
        Err((std::io::ErrorKind::NotFound, _)) => return report,
        Err((_, e)) => {
            report.notes.push(format!(
                "warning: the saved window state cannot be read ({e}); starting with defaults: {}",
                path.display()
            ));
            set_aside(path, &mut report);
            return report;
        }
    };
    let before = kv.clone();
    // Left in place: a version without state.ron still finds it.
    report.legacy_state = kv.get(crate::desktop::remembered::STORAGE_KEY).cloned();
    if fresh {
        kv.remove(WINDOW_KEY);
        kv.remove(EGUI_KEY);
    }
    sanitize_entries(&mut kv, path, &mut report.notes);
    if kv != before {
        let written = ron::ser::to_string_pretty(&kv, ron::ser::PrettyConfig::default())
            .map_err(|e| WriteError::Encode {
                what: "the saved window state",
                message: e.to_string(),
                path: path.to_path_buf(),
            })
            .and_then(|t| crate::article::write::write_atomic(path, t.as_bytes()));
        if let Err(e) = written {
            report.notes.push(format!(
                "warning: cannot rewrite the saved window state: {e}"
            ));
        }
    }
    report
}

/// Clamps the window geometry and egui's zoom factor in place; drops what cannot be read.
fn sanitize_entries(kv: &mut HashMap<String, String>, path: &Path, notes: &mut Vec<String>) {
    check(
        kv,
        WINDOW_KEY,
        "window geometry",
        path,
        notes,
        |w: &mut WindowSettings| {
            let original = w.clone();
            match w.sanitize() {
                false => Err("window size"),
                true if *w != original => Ok(Some("window position or size".to_string())),
                true => Ok(None),
            }
        },
    );
    check(
        kv,
        EGUI_KEY,
        "interface memory",
        path,
        notes,
        |m: &mut egui::Memory| {
            let zoom = m.options.zoom_factor;
            let sane = sane_zoom(zoom);
            // Compare bits: NaN is never equal to itself.
            if sane.to_bits() == zoom.to_bits() {
                return Ok(None);
            }
            m.options.zoom_factor = sane;
            Ok(Some(format!("zoom factor {zoom:?}")))
        },
    );
}

/// Parses the value under `key` as `T` and lets `fix` correct it: `Ok(Some(what))` when it
/// changed something (the value is stored back), `Err(what)` to drop the value. A value that
/// does not parse is dropped as `name`.
fn check<T: Serialize + serde::de::DeserializeOwned>(
    kv: &mut HashMap<String, String>,
    key: &str,
    name: &str,
    path: &Path,
    notes: &mut Vec<String>,
    fix: impl FnOnce(&mut T) -> Result<Option<String>, &'static str>,
) {
    let Some(text) = kv.get(key) else { return };
    let mut value = match ron::from_str::<T>(text) {
        Ok(v) => v,
        Err(_) => {
            kv.remove(key);
            notes.push(bad(name, path));
            return;
        }
    };
    match fix(&mut value) {
        Ok(None) => {}
        Ok(Some(what)) => {
            notes.push(bad(&what, path));
            match ron::to_string(&value) {
                Ok(t) => kv.insert(key.into(), t),
                Err(_) => kv.remove(key),
            };
        }
        Err(what) => {
            kv.remove(key);
            notes.push(bad(what, path));
        }
    }
}

fn bad(what: &str, path: &Path) -> String {
    format!(
        "warning: ignoring the saved {what}, it is out of range or unreadable: {}",
        path.display()
    )
}

fn set_aside(path: &Path, report: &mut Report) {
    report.notes.push(set_aside_file(path));
}

/// Renames a damaged file to `NAME.bad`, out of the way of the next save but kept for the
/// reader to look at. Returns the line to print.
pub fn set_aside_file(path: &Path) -> String {
    let mut aside = path.as_os_str().to_owned();
    aside.push(".bad");
    let aside = PathBuf::from(aside);
    match std::fs::rename(path, &aside) {
        Ok(()) => format!("note: the damaged file is kept as {}", aside.display()),
        Err(e) => format!(
            "warning: cannot set the damaged file aside ({e}): {}",
            path.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(window: &str, zoom: &str) -> String {
        let mut kv = HashMap::new();
        kv.insert(WINDOW_KEY.to_string(), window.to_string());
        let memory = ron::to_string(&egui::Memory::default()).unwrap();
        // Put the zoom factor in as text, as a hand edit or a bad write would.
        let memory = memory.replace("zoom_factor:1.0", &format!("zoom_factor:{zoom}"));
        assert!(memory.contains(&format!("zoom_factor:{zoom}")), "{memory}");
        kv.insert(EGUI_KEY.to_string(), memory);
        ron::to_string(&kv).unwrap()
    }

    const GOOD_WINDOW: &str = "(normal_geometry:(outer_position_pixels:Some((x:10.0,y:20.0)),scale_factor:1.0,inner_size_points:(x:1280.0,y:820.0)),fullscreen:false,maximized:false)";

    fn stored(path: &Path) -> (Option<WindowSettings>, Option<egui::Memory>) {
        let kv: HashMap<String, String> =
            ron::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        (
            kv.get(WINDOW_KEY).map(|t| ron::from_str(t).unwrap()),
            kv.get(EGUI_KEY).map(|t| ron::from_str(t).unwrap()),
        )
    }

    #[test]
    fn wild_zoom_factors_are_clamped_and_saved_back() {
        for (zoom, want) in [
            ("1e30", ZOOM_MAX),
            ("-3.0", 1.0),
            ("NaN", 1.0),
            ("inf", 1.0),
        ] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("app.ron");
            std::fs::write(&path, store(GOOD_WINDOW, zoom)).unwrap();
            let report = prepare(&path, false);
            assert_eq!(report.notes.len(), 1, "{zoom}: {report:?}");
            assert!(report.notes[0].contains("app.ron"), "{report:?}");
            let (_, memory) = stored(&path);
            assert_eq!(memory.unwrap().options.zoom_factor, want, "{zoom}");
        }
    }

    #[test]
    fn a_good_store_is_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.ron");
        let text = store(GOOD_WINDOW, "1.0");
        std::fs::write(&path, &text).unwrap();
        assert_eq!(prepare(&path, false), Report::default());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn wild_positions_and_sizes_are_dropped_or_clamped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.ron");
        let window = "(normal_geometry:(outer_position_pixels:Some((x:1e30,y:NaN)),scale_factor:-2.0,inner_size_points:(x:1e9,y:3.0)),fullscreen:false,maximized:false)";
        std::fs::write(&path, store(window, "1.0")).unwrap();
        prepare(&path, false);
        let (window, _) = stored(&path);
        let g = window.unwrap().normal_geometry;
        assert_eq!(g.outer_position_pixels, None);
        assert_eq!(g.scale_factor, 1.0);
        assert_eq!(g.inner_size_points, egui::vec2(MAX_COORD, MIN_SIDE));
    }

    #[test]
    fn fresh_drops_the_window_and_memory_but_not_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.ron");
        std::fs::write(&path, store(GOOD_WINDOW, "NaN")).unwrap();
        prepare(&path, true);
        let (window, memory) = stored(&path);
        assert!(window.is_none() && memory.is_none());
    }

    #[test]
    fn an_unreadable_store_is_set_aside_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.ron");
        std::fs::write(&path, "{\"window\": (((").unwrap();
        let report = prepare(&path, false);
        assert!(!path.exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("app.ron.bad")).unwrap(),
            "{\"window\": ((("
        );
        assert!(
            report.notes.iter().any(|n| n.contains("app.ron.bad")),
            "{report:?}"
        );
    }

    #[test]
    fn the_old_place_for_the_reader_state_is_handed_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.ron");
        let mut kv = HashMap::new();
        kv.insert(
            crate::desktop::remembered::STORAGE_KEY.to_string(),
            "(section:Some(\"x\"))".to_string(),
        );
        std::fs::write(&path, ron::to_string(&kv).unwrap()).unwrap();
        let report = prepare(&path, false);
        assert_eq!(
            report.legacy_state.as_deref(),
            Some("(section:Some(\"x\"))")
        );
    }
}
