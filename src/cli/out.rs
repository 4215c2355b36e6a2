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

/// Writes `text` to standard output and flushes it.
pub fn say(text: &str) -> Result<(), Unsaid> {
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

/// Writes one line to standard error. A closed standard error is ignored: there is no one
/// left to tell.
pub fn say_err(line: std::fmt::Arguments<'_>) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}
