//! Writing to standard output and error as a script expects: a closed pipe ends the command
//! quietly, a failed write is said once and gives exit code 1.

use std::io::Write;
use std::process::ExitCode;

/// Why standard output took no more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsaid {
    /// Its reader closed it (`| head`): the subcommand stops writing and ends quietly, like
    /// `cat`.
    Closed,
    /// It failed (a full disk, say); the message is out, and the exit code is 1.
    Failed,
}

impl Unsaid {
    /// The exit code for a subcommand that otherwise succeeded.
    pub fn exit_code(said: Result<(), Unsaid>) -> ExitCode {
        match said {
            Ok(()) | Err(Unsaid::Closed) => ExitCode::SUCCESS,
            Err(Unsaid::Failed) => ExitCode::FAILURE,
        }
    }
}

/// Writes `text` to standard output and flushes it. A standard output that was closed before
/// the program started (`>&-`) is an error: Rust's standard output would take the text and
/// drop it without a word.
pub fn say(text: &str) -> Result<(), Unsaid> {
    if stdout_closed() {
        say_err(format_args!(
            "error: standard output is closed, so nothing was written; give -o FILE or open it"
        ));
        return Err(Unsaid::Failed);
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Unsaid::Closed),
        Err(e) => {
            say_err(format_args!("error: cannot write to standard output: {e}"));
            Err(Unsaid::Failed)
        }
    }
}

/// From now on, SIGINT, SIGTERM or SIGHUP remove the temporary and backup files of the write
/// under way (a write renaming or rewriting the user's file finishes first), and the process
/// leaves with 128 + the signal's number, as a shell expects.
pub fn stop_cleanly_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _held = crate::article::write::remove_unfinished();
                std::process::exit(128 + signal);
            }
        });
}

/// Whether standard output was closed when the program started. Rust's start-up opens
/// `/dev/null` read-write in place of a closed descriptor 0, 1 or 2, so a closed one shows as
/// `/dev/null` open for reading and writing; a shell's `>/dev/null` opens it write-only.
fn stdout_closed() -> bool {
    let out = std::io::stdout();
    let is_null = rustix::fs::fstat(&out).is_ok_and(|st| {
        rustix::fs::FileType::from_raw_mode(st.st_mode) == rustix::fs::FileType::CharacterDevice
            && st.st_rdev == rustix::fs::makedev(1, 3)
    });
    is_null
        && rustix::fs::fcntl_getfl(&out)
            .is_ok_and(|f| f & rustix::fs::OFlags::RWMODE == rustix::fs::OFlags::RDWR)
}

/// Writes one line to standard error. A closed standard error is ignored: there is no one
/// left to tell.
pub fn say_err(line: std::fmt::Arguments<'_>) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}
