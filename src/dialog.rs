//! Native file dialogs behind a small trait, so that the app never blocks its UI thread and
//! tests can script the answers. Production uses rfd (xdg-desktop-portal) on a worker thread.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// What to ask the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Choose where to save; `file_name` is the suggested name.
    Save {
        dir: Option<PathBuf>,
        file_name: String,
    },
    /// Choose an article folder.
    OpenFolder { dir: Option<PathBuf> },
}

/// How a dialog ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Chosen(PathBuf),
    /// A save dialog that also told which file type (filter) the user picked.
    Saved(PathBuf, crate::export::Format),
    Cancelled,
    /// No native dialog could be shown (no portal and no zenity).
    Unavailable,
}

/// Something that can show file dialogs without blocking the caller.
pub trait FileDialogs {
    /// Starts a dialog unless one is already open; returns false if one was.
    /// `wake` is called from the worker when the answer is ready.
    fn start(&mut self, request: Request, wake: Box<dyn Fn() + Send>) -> bool;
    /// The answer, once, when the dialog has closed.
    fn poll(&mut self) -> Option<Outcome>;
    fn is_open(&self) -> bool;
}

/// rfd dialogs, each on its own thread.
#[derive(Default)]
pub struct NativeDialogs {
    pending: Option<Receiver<Outcome>>,
}

/// An answer faster than this cannot have come from a person: rfd found no dialog to show.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(250);

impl FileDialogs for NativeDialogs {
    fn start(&mut self, request: Request, wake: Box<dyn Fn() + Send>) -> bool {
        if self.pending.is_some() {
            return false;
        }
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let started = Instant::now();
                let chosen = match request {
                    Request::Save { dir, file_name } => {
                        let mut d = rfd::FileDialog::new()
                            .set_title("Export")
                            .set_file_name(file_name)
                            .add_filter("Text", &["txt"])
                            .add_filter("Markdown", &["md"]);
                        if let Some(dir) = dir {
                            d = d.set_directory(dir);
                        }
                        d.save_file()
                    }
                    Request::OpenFolder { dir } => {
                        let mut d = rfd::FileDialog::new().set_title("Open article folder");
                        if let Some(dir) = dir {
                            d = d.set_directory(dir);
                        }
                        d.pick_folder()
                    }
                };
                let outcome = match chosen {
                    Some(path) => Outcome::Chosen(path),
                    None if started.elapsed() < NO_DIALOG_WITHIN => Outcome::Unavailable,
                    None => Outcome::Cancelled,
                };
                let _ = tx.send(outcome);
                wake();
            });
        match spawned {
            Ok(_) => {
                self.pending = Some(rx);
                true
            }
            Err(e) => {
                log::error!("cannot start the file dialog thread: {e}");
                let (tx, rx) = mpsc::channel();
                let _ = tx.send(Outcome::Unavailable);
                self.pending = Some(rx);
                true
            }
        }
    }

    fn poll(&mut self) -> Option<Outcome> {
        let rx = self.pending.as_ref()?;
        match rx.try_recv() {
            Ok(outcome) => {
                self.pending = None;
                Some(outcome)
            }
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.pending = None;
                Some(Outcome::Unavailable)
            }
        }
    }

    fn is_open(&self) -> bool {
        self.pending.is_some()
    }
}

/// Dialogs that answer from a script, for tests. Records every request.
#[derive(Default)]
pub struct ScriptedDialogs {
    pub answers: std::collections::VecDeque<Outcome>,
    pub requests: std::sync::Arc<std::sync::Mutex<Vec<Request>>>,
    open: Option<Outcome>,
}

impl ScriptedDialogs {
    pub fn new(answers: impl IntoIterator<Item = Outcome>) -> Self {
        Self {
            answers: answers.into_iter().collect(),
            ..Self::default()
        }
    }
}

impl FileDialogs for ScriptedDialogs {
    fn start(&mut self, request: Request, _wake: Box<dyn Fn() + Send>) -> bool {
        if self.open.is_some() {
            return false;
        }
        if let Ok(mut r) = self.requests.lock() {
            r.push(request);
        }
        self.open = Some(self.answers.pop_front().unwrap_or(Outcome::Cancelled));
        true
    }

    fn poll(&mut self) -> Option<Outcome> {
        self.open.take()
    }

    fn is_open(&self) -> bool {
        self.open.is_some()
    }
}
