//! SIGTERM (logout), SIGINT (Ctrl-C) and SIGHUP (a closed terminal): save and leave with 0,
//! through signal-hook's iterator on a thread of its own rather than a raw handler.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

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
