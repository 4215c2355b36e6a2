//! SIGTERM (logout), SIGINT (Ctrl-C) and SIGHUP (a closed terminal): save and leave with 0,
//! through signal-hook's iterator on a thread of its own rather than a raw handler.
//!
//! The signals are caught from the start, but the thread that acts on them is started only
//! once the window exists: while a process has a single thread, glibc reads files without
//! locking, and Xlib reads the whole Compose table one `getc` at a time while the window is
//! made (about 5 ms more with a second thread alive). A signal that comes in between waits
//! in signal-hook's pipe and is acted on as soon as the thread starts.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::saver::Latest;
use super::writer::Writer;

/// Termination signals caught but not yet acted on; [`Caught::act`] starts the thread.
pub struct Caught {
    signals: Signals,
}

/// Catches SIGTERM, SIGINT and SIGHUP: from now on they no longer kill the process, and wait
/// until [`Caught::act`].
pub fn catch_termination() -> std::io::Result<Caught> {
    Ok(Caught {
        signals: Signals::new([SIGTERM, SIGINT, SIGHUP])?,
    })
}

impl Caught {
    /// Calls `on_signal` with the signal number on a background thread for each termination
    /// signal, those that came already first.
    pub fn act(mut self, mut on_signal: impl FnMut(i32) + Send + 'static) -> std::io::Result<()> {
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signal in self.signals.forever() {
                    on_signal(signal);
                }
            })?;
        Ok(())
    }
}

/// After a termination signal, how long the window gets to close and save before the process
/// leaves anyway.
pub const CLOSE_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

/// On SIGTERM, SIGINT or SIGHUP: save the reading place and flush the notes writer at once, then close the window the usual way (eframe
/// saves its own state and the run returns 0); if that has not happened after
/// [`CLOSE_GRACE`], or at a second signal, leave with 0 anyway.
pub fn save_and_close(caught: Caught, latest: Latest, notes: Writer, ctx: egui::Context) {
    let mut closing = false;
    let acting = caught.act(move |_signal| {
        if let Err(e) = latest.write() {
            eprintln!("warning: cannot save the reading place: {e}");
        }
        // Every change the window acknowledged is on disk before the process may leave.
        if !notes.flush(CLOSE_GRACE) {
            eprintln!("warning: the notes could not all be saved");
        }
        if closing {
            std::process::exit(0);
        }
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
    if let Err(e) = acting {
        log::warn!("cannot watch for termination signals: {e}");
    }
}
