//! SIGTERM (logout), SIGINT (Ctrl-C) and SIGHUP (a closed terminal): save and leave with 0,
//! through signal-hook's iterator on a thread of its own rather than a raw handler.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::saver::Latest;

/// Calls `on_signal` with the signal number on a background thread each time one of the
/// termination signals arrives. Once this returns, those signals no longer kill the process.
pub fn on_termination(mut on_signal: impl FnMut(i32) + Send + 'static) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                on_signal(signal);
            }
        })?;
    Ok(())
}

/// After a termination signal, how long the window gets to close and save before the process
/// leaves anyway.
pub const CLOSE_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

/// On SIGTERM, SIGINT or SIGHUP: save at once, then close the window the usual way (eframe
/// saves its own state and the run returns 0); if that has not happened after
/// [`CLOSE_GRACE`], or at a second signal, leave with 0 anyway.
pub fn save_and_close(latest: Latest, window: std::sync::Arc<std::sync::OnceLock<egui::Context>>) {
    let mut closing = false;
    let watching = on_termination(move |_signal| {
        if let Err(e) = latest.write() {
            eprintln!("warning: cannot save the reading place: {e}");
        }
        let Some(ctx) = window.get().filter(|_| !closing) else {
            std::process::exit(0);
        };
        closing = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        ctx.request_repaint();
        let _ = std::thread::Builder::new()
            .name("exit-after-grace".into())
            .spawn(|| {
                std::thread::sleep(CLOSE_GRACE);
                std::process::exit(0);
            });
    });
    if let Err(e) = watching {
        log::warn!("cannot watch for termination signals: {e}");
    }
}
