//! Parses the command line, then runs a subcommand or opens the reader window.

use std::process::ExitCode;

use clap::Parser;
use gut_skin_viewer::cli::{self, Cli};

/// Warnings by default, except the window libraries' notes about the desktop around them (no
/// XSETTINGS manager, a monitor of 0 mm, no clipboard on the other display protocol, no settings
/// portal for the title bar's colours; a POSIX "C" locale the system-font lookup cannot use
/// for its language preference), and notify's note on a watch its folder took with it:
/// they are not the reader's business, and a clean run prints nothing. RUST_LOG still shows them.
const LOG_DEFAULT: &str = concat!(
    "warn,winit=error,arboard=error,egui_winit::clipboard=error,sctk_adwaita=off,",
    "notify=error,egui_system_font_provider=error"
);

fn main() -> ExitCode {
    #[cfg(feature = "gui")]
    gut_skin_viewer::window::phase("main");
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(LOG_DEFAULT)).init();
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        #[cfg(feature = "gui")]
        None => gut_skin_viewer::window::run_window(args.window),
        #[cfg(not(feature = "gui"))]
        None => {
            let _ = args.window;
            eprintln!(
                "error: this build has no window (built without the \"gui\" feature); use a subcommand"
            );
            ExitCode::from(2)
        }
    }
}
