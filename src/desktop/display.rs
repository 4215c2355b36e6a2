//! Which display to open the window on, decided before winit tries: a Wayland socket that does
//! not answer falls back to X11 when `DISPLAY` is set, and no display at all is said plainly.

use std::path::PathBuf;

/// What [`choose`] decided.
#[derive(Debug, PartialEq, Eq)]
pub enum Choice {
    /// Let winit pick, as usual: Wayland when `WAYLAND_DISPLAY` is set, else X11.
    Default,
    /// Wayland is named but does not answer; use X11. Carries the note to print.
    X11 { note: String },
    /// Nothing to open a window on. Carries the error to print.
    None { error: String },
}

/// The environment [`choose`] looks at.
#[derive(Debug, Default)]
pub struct Env {
    pub wayland_display: Option<String>,
    pub wayland_socket: Option<String>,
    pub xdg_runtime_dir: Option<PathBuf>,
    pub display: Option<String>,
}

impl Env {
    pub fn from_process() -> Self {
        let var = |k| std::env::var(k).ok().filter(|v| !v.is_empty());
        Self {
            wayland_display: var("WAYLAND_DISPLAY"),
            wayland_socket: var("WAYLAND_SOCKET"),
            xdg_runtime_dir: var("XDG_RUNTIME_DIR").map(PathBuf::from),
            display: var("DISPLAY"),
        }
    }

    /// The Wayland socket `WAYLAND_DISPLAY` names, as libwayland finds it.
    fn wayland_path(&self) -> Option<PathBuf> {
        let name = PathBuf::from(self.wayland_display.as_ref()?);
        if name.is_absolute() {
            Some(name)
        } else {
            Some(self.xdg_runtime_dir.as_ref()?.join(name))
        }
    }
}

/// Decides the display; `reachable` tells whether a Wayland socket answers.
pub fn choose(env: &Env, reachable: impl Fn(&std::path::Path) -> bool) -> Choice {
    if env.wayland_socket.is_some() {
        return Choice::Default;
    }
    match (&env.wayland_display, env.wayland_path(), &env.display) {
        (None, _, Some(_)) => Choice::Default,
        (None, _, None) => Choice::None {
            error: "error: no display to open the window on: neither WAYLAND_DISPLAY nor DISPLAY \
                    is set (the subcommands work without one; see --help)"
                .into(),
        },
        (Some(_), Some(path), _) if reachable(&path) => Choice::Default,
        (Some(name), path, Some(x)) => Choice::X11 {
            note: format!(
                "note: the Wayland compositor {} does not answer; using X11 on DISPLAY={x}",
                path.map_or_else(|| name.clone(), |p| p.display().to_string())
            ),
        },
        (Some(name), path, None) => Choice::None {
            error: format!(
                "error: cannot open the window: the Wayland compositor {} does not answer and \
                 DISPLAY is not set",
                path.map_or_else(|| name.clone(), |p| p.display().to_string())
            ),
        },
    }
}

/// True when something accepts connections on the Unix socket at `path`.
pub fn socket_answers(path: &std::path::Path) -> bool {
    std::os::unix::net::UnixStream::connect(path).is_ok()
}

/// An error from winit or glutin in plain words: drops the source location (a path into
/// cargo's registry) that winit puts in front of OS errors.
pub fn plain(error: &str) -> String {
    // winit formats these as "os error at /…/src/…/file.rs:123: what happened".
    let mut out = String::with_capacity(error.len());
    let mut rest = error;
    while let Some(at) = rest.find("os error at ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "os error at ".len()..];
        match after.find(".rs:").and_then(|i| {
            let tail = &after[i + 4..];
            tail.find(": ").map(|j| i + 4 + j + 2)
        }) {
            Some(skip) => rest = &after[skip..],
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(wayland: Option<&str>, display: Option<&str>) -> Env {
        Env {
            wayland_display: wayland.map(String::from),
            wayland_socket: None,
            xdg_runtime_dir: Some("/run/user/1000".into()),
            display: display.map(String::from),
        }
    }

    #[test]
    fn a_stale_wayland_display_falls_back_to_x11() {
        let choice = choose(&env(Some("wayland-9"), Some(":3")), |_| false);
        assert_eq!(
            choice,
            Choice::X11 {
                note: "note: the Wayland compositor /run/user/1000/wayland-9 does not answer; \
                       using X11 on DISPLAY=:3"
                    .into()
            }
        );
    }

    #[test]
    fn a_live_wayland_or_plain_x11_is_left_to_winit() {
        assert_eq!(
            choose(&env(Some("wayland-0"), Some(":3")), |_| true),
            Choice::Default
        );
        assert_eq!(choose(&env(None, Some(":3")), |_| false), Choice::Default);
    }

    #[test]
    fn no_display_is_said_plainly() {
        for e in [env(None, None), env(Some("wayland-9"), None)] {
            let Choice::None { error } = choose(&e, |_| false) else {
                panic!("expected no display");
            };
            assert!(!error.contains(".rs"), "{error}");
        }
    }

    #[test]
    fn registry_paths_are_dropped_from_errors() {
        let e = "Exit Failure: os error at /root/.cargo/registry/src/index.crates.io-1/winit-0.30.13/src/platform_impl/linux/wayland/event_loop/mod.rs:87: Could not find wayland compositor";
        assert_eq!(plain(e), "Exit Failure: Could not find wayland compositor");
        assert_eq!(plain("plain words"), "plain words");
    }
}
