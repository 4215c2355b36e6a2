//! Measurement hooks for the window benchmarks (`scripts/bench/`): the time to a number of
//! frames, and the start-up phases. All are off unless their variables are set.

use std::path::PathBuf;

/// Measurement hooks for `scripts/bench/window.sh`, shared with the bare-window baseline:
/// `GSV_EXIT_AFTER_FRAMES=N` closes the window after N frames and prints how long after
/// `GSV_LAUNCH_NS` (the launcher's clock, in ns since the epoch) that was; `GSV_FRAME_LOG=FILE`
/// keeps the number of frames painted so far in FILE. All are off unless set.
pub fn bench_hooks(ctx: &egui::Context, frames: u64) {
    use std::sync::OnceLock;
    struct Hooks {
        exit_after: Option<u64>,
        launched_ns: Option<u128>,
        log: Option<PathBuf>,
    }
    static HOOKS: OnceLock<Hooks> = OnceLock::new();
    let hooks = HOOKS.get_or_init(|| Hooks {
        exit_after: std::env::var("GSV_EXIT_AFTER_FRAMES")
            .ok()
            .and_then(|v| v.parse().ok()),
        launched_ns: std::env::var("GSV_LAUNCH_NS")
            .ok()
            .and_then(|v| v.parse().ok()),
        log: std::env::var_os("GSV_FRAME_LOG").map(PathBuf::from),
    });
    if let Some(path) = &hooks.log {
        let _ = std::fs::write(path, frames.to_string());
    }
    if hooks.exit_after.is_some_and(|n| frames >= n) {
        if let Some(launched) = hooks.launched_ns {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            eprintln!(
                "first-frames-ms: {:.2}",
                now.saturating_sub(launched) as f64 / 1e6
            );
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

/// With `GSV_PHASES` and `GSV_LAUNCH_NS` set, prints how long after launch the named start-up
/// phase was reached ("phase NAME: MS" on stderr), for finding where start-up time goes;
/// `scripts/bench/startup-phases.sh` compares them with the bare window's.
pub fn phase(name: &str) {
    use std::sync::OnceLock;
    static LAUNCHED: OnceLock<Option<u128>> = OnceLock::new();
    let launched = LAUNCHED.get_or_init(|| {
        std::env::var_os("GSV_PHASES")?;
        std::env::var("GSV_LAUNCH_NS").ok()?.parse().ok()
    });
    if let Some(launched) = launched {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        eprintln!(
            "phase {name}: {:.2}",
            now.saturating_sub(*launched) as f64 / 1e6
        );
    }
}
