//! The system colour scheme: read once from the freedesktop settings portal
//! (`org.freedesktop.portal.Settings`, `org.freedesktop.appearance` `color-scheme`) and followed
//! through its `SettingChanged` signal. Without a portal nothing changes: egui's fallback stays.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use zbus::zvariant::{OwnedValue, Value};

const DESTINATION: &str = "org.freedesktop.portal.Desktop";
const PATH: &str = "/org/freedesktop/portal/desktop";
const INTERFACE: &str = "org.freedesktop.portal.Settings";
const NAMESPACE: &str = "org.freedesktop.appearance";
const KEY: &str = "color-scheme";

/// What the portal's `color-scheme` value asks for: 1 prefers dark, 2 prefers light, and 0 (no
/// preference) or anything unknown leaves the choice to the app.
pub fn scheme_theme(value: u32) -> Option<egui::Theme> {
    match value {
        1 => Some(egui::Theme::Dark),
        2 => Some(egui::Theme::Light),
        _ => None,
    }
}

/// A `u32` inside a portal answer. `ReadOne` gives the value itself; the older `Read` wraps it
/// in one more variant.
fn as_u32(value: &Value<'_>) -> Option<u32> {
    match value {
        Value::U32(n) => Some(*n),
        Value::Value(inner) => as_u32(inner),
        _ => None,
    }
}

/// Whether a session bus can be there at all: its address is set, or the standard socket
/// exists. A cheap look that spares the start-up a thread and a failed connection.
fn session_bus_exists() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists())
}

#[derive(Default)]
struct Shared {
    /// The first answer has come (or the portal is known to be missing).
    answered: bool,
    theme: Option<egui::Theme>,
    ctx: Option<egui::Context>,
}

/// Follows the system colour scheme on a background thread.
#[derive(Clone, Default)]
pub struct SystemScheme {
    shared: Arc<(Mutex<Shared>, Condvar)>,
}

impl SystemScheme {
    /// Starts asking the portal; returns at once. With no session bus there is no portal to
    /// ask, and no thread is started.
    pub fn start() -> Self {
        let scheme = Self::default();
        if !session_bus_exists() {
            scheme.update(|s| s.answered = true);
            return scheme;
        }
        let worker = scheme.clone();
        let spawned = std::thread::Builder::new()
            .name("settings-portal".into())
            .spawn(move || {
                if let Err(e) = worker.follow() {
                    log::info!("no system colour scheme from the settings portal: {e}");
                }
                worker.update(|s| s.answered = true);
            });
        if let Err(e) = spawned {
            log::info!("cannot start the settings-portal thread: {e}");
            scheme.update(|s| s.answered = true);
        }
        scheme
    }

    /// Hands over the window's context: waits up to `wait` for the first answer, so that the
    /// first frame already has the right theme, then applies it now and on every change.
    pub fn attach(&self, ctx: &egui::Context, wait: Duration) {
        let (lock, cvar) = &*self.shared;
        let Ok(guard) = lock.lock() else { return };
        let Ok((mut guard, _)) = cvar.wait_timeout_while(guard, wait, |s| !s.answered) else {
            return;
        };
        guard.ctx = Some(ctx.clone());
        if let Some(theme) = guard.theme {
            apply(ctx, theme);
        }
    }

    /// The scheme the portal reported last, if any.
    pub fn theme(&self) -> Option<egui::Theme> {
        self.shared.0.lock().ok().and_then(|s| s.theme)
    }

    fn update(&self, f: impl FnOnce(&mut Shared)) {
        let (lock, cvar) = &*self.shared;
        if let Ok(mut s) = lock.lock() {
            f(&mut s);
            cvar.notify_all();
        }
    }

    fn set(&self, value: Option<u32>) {
        let theme = value.and_then(scheme_theme);
        self.update(|s| {
            s.answered = true;
            if let Some(theme) = theme {
                s.theme = Some(theme);
                if let Some(ctx) = &s.ctx {
                    apply(ctx, theme);
                }
            }
        });
    }

    /// Reads the value, then blocks on the change signal for as long as the bus lasts.
    fn follow(&self) -> zbus::Result<()> {
        let conn = zbus::blocking::Connection::session()?;
        let proxy = zbus::blocking::proxy::Builder::<zbus::blocking::Proxy<'_>>::new(&conn)
            .destination(DESTINATION)?
            .path(PATH)?
            .interface(INTERFACE)?
            .cache_properties(zbus::proxy::CacheProperties::No)
            .build()?;
        // Read first, so that the first frame waits as little as possible; then subscribe,
        // and read once more in case the value changed in between.
        let read = || -> zbus::Result<OwnedValue> {
            match proxy.call("ReadOne", &(NAMESPACE, KEY)) {
                Ok(v) => Ok(v),
                // Portals before version 2 only have Read.
                Err(_) => proxy.call("Read", &(NAMESPACE, KEY)),
            }
        };
        match read() {
            Ok(v) => self.set(as_u32(&v)),
            Err(e) => {
                self.set(None);
                return Err(e);
            }
        }
        let changes = proxy.receive_signal("SettingChanged")?;
        if let Ok(v) = read() {
            self.set(as_u32(&v));
        }
        for message in changes {
            let body = message.body();
            let Ok((namespace, key, value)) = body.deserialize::<(String, String, OwnedValue)>()
            else {
                continue;
            };
            if namespace == NAMESPACE && key == KEY {
                self.set(as_u32(&value));
            }
        }
        Ok(())
    }
}

/// Makes `theme` what "Follow the system" shows: egui uses its fallback theme whenever the
/// windowing system reports none, which is always the case for X11 on Linux.
fn apply(ctx: &egui::Context, theme: egui::Theme) {
    ctx.options_mut(|o| o.fallback_theme = theme);
    ctx.request_repaint();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_values_map_to_themes() {
        assert_eq!(scheme_theme(0), None);
        assert_eq!(scheme_theme(1), Some(egui::Theme::Dark));
        assert_eq!(scheme_theme(2), Some(egui::Theme::Light));
        assert_eq!(scheme_theme(7), None);
    }

    #[test]
    fn read_and_read_one_answers_both_give_the_number() {
        assert_eq!(as_u32(&Value::U32(2)), Some(2));
        assert_eq!(as_u32(&Value::Value(Box::new(Value::U32(1)))), Some(1));
        assert_eq!(as_u32(&Value::from("dark")), None);
    }

    #[test]
    fn a_context_attached_after_the_answer_gets_the_theme() {
        let scheme = SystemScheme::default();
        scheme.set(Some(2));
        let ctx = egui::Context::default();
        scheme.attach(&ctx, Duration::ZERO);
        assert_eq!(ctx.options(|o| o.fallback_theme), egui::Theme::Light);
        scheme.set(Some(1));
        assert_eq!(ctx.options(|o| o.fallback_theme), egui::Theme::Dark);
        scheme.set(Some(0));
        assert_eq!(ctx.options(|o| o.fallback_theme), egui::Theme::Dark);
    }
}
