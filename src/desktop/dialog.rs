//! Native file dialogs behind a small trait, so that the app never blocks its UI thread and
//! tests can script the answers. Production asks the desktop portal's FileChooser directly for
//! a save dialog (its answer says which file type the user picked, which rfd does not pass on),
//! and uses rfd for the rest and wherever there is no portal; each on a worker thread.

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
    Saved(PathBuf, crate::article::export::Format),
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
                        match portal::save_file("Export", &file_name, dir.as_deref()) {
                            Ok(Some((path, format))) => Some((path, format)),
                            Ok(None) => {
                                let _ = tx.send(Outcome::Cancelled);
                                wake();
                                return;
                            }
                            Err(e) => {
                                log::info!("no portal save dialog ({e}); trying rfd");
                                let mut d = rfd::FileDialog::new()
                                    .set_title("Export")
                                    .set_file_name(file_name)
                                    .add_filter("Text", &["txt"])
                                    .add_filter("Markdown", &["md"]);
                                if let Some(dir) = dir {
                                    d = d.set_directory(dir);
                                }
                                d.save_file().map(|p| (p, None))
                            }
                        }
                    }
                    Request::OpenFolder { dir } => {
                        let mut d = rfd::FileDialog::new().set_title("Open article folder");
                        if let Some(dir) = dir {
                            d = d.set_directory(dir);
                        }
                        d.pick_folder().map(|p| (p, None))
                    }
                };
                let outcome = match chosen {
                    Some((path, Some(format))) => Outcome::Saved(path, format),
                    Some((path, None)) => Outcome::Chosen(path),
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

/// The desktop portal's FileChooser, spoken to directly over D-Bus (zbus).
mod portal {
    use std::collections::HashMap;
    use std::path::{Path, PathBuf};

    use futures_lite::StreamExt as _;
    use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};

    use crate::article::export::Format;

    /// The file types offered, in the portal's `a(sa(us))` form: a name, and glob patterns.
    type Filter = (String, Vec<(u32, String)>);

    fn filter(format: Format) -> Filter {
        match format {
            Format::Txt => ("Text".into(), vec![(0, "*.txt".into())]),
            Format::Md => ("Markdown".into(), vec![(0, "*.md".into())]),
        }
    }

    /// Shows the portal's save dialog. `Ok(None)` when the user cancelled; an error when there
    /// is no session bus or no portal, so that the caller can fall back.
    pub fn save_file(
        title: &str,
        name: &str,
        dir: Option<&Path>,
    ) -> zbus::Result<Option<(PathBuf, Option<Format>)>> {
        futures_lite::future::block_on(save_file_async(title, name, dir))
    }

    async fn save_file_async(
        title: &str,
        name: &str,
        dir: Option<&Path>,
    ) -> zbus::Result<Option<(PathBuf, Option<Format>)>> {
        let conn = zbus::Connection::session().await?;
        let sender = conn
            .unique_name()
            .map(|n| n.trim_start_matches(':').replace('.', "_"))
            .unwrap_or_default();
        let token = format!("gsv{}", std::process::id());
        let expected = format!("/org/freedesktop/portal/desktop/request/{sender}/{token}");
        // Listen before asking, so that a quick answer is not missed.
        let rule = zbus::MatchRule::builder()
            .msg_type(zbus::message::Type::Signal)
            .interface("org.freedesktop.portal.Request")?
            .member("Response")?
            .build();
        let mut responses = zbus::MessageStream::for_match_rule(rule, &conn, Some(8)).await?;

        let mut options: HashMap<&str, Value<'_>> = HashMap::new();
        options.insert("handle_token", Value::from(token.as_str()));
        options.insert("current_name", Value::from(name));
        options.insert("modal", Value::from(true));
        let filters = vec![filter(Format::Txt), filter(Format::Md)];
        let initial = filter(Format::from_path(Path::new(name)));
        options.insert("filters", Value::from(filters));
        options.insert("current_filter", Value::from(initial));
        if let Some(dir) = dir {
            use std::os::unix::ffi::OsStrExt;
            let mut bytes = dir.as_os_str().as_bytes().to_vec();
            bytes.push(0);
            options.insert("current_folder", Value::from(bytes));
        }
        let reply = conn
            .call_method(
                Some("org.freedesktop.portal.Desktop"),
                "/org/freedesktop/portal/desktop",
                Some("org.freedesktop.portal.FileChooser"),
                "SaveFile",
                &("", title, options),
            )
            .await?;
        let handle: OwnedObjectPath = reply.body().deserialize()?;
        while let Some(message) = responses.next().await {
            let message = message?;
            let path = message.header().path().map(|p| p.to_string());
            if path.as_deref() != Some(handle.as_str()) && path.as_deref() != Some(&expected) {
                continue;
            }
            let (code, results): (u32, HashMap<String, OwnedValue>) =
                message.body().deserialize()?;
            if code != 0 {
                return Ok(None);
            }
            let uris: Vec<String> = results
                .get("uris")
                .and_then(|v| Vec::<String>::try_from(v.clone()).ok())
                .unwrap_or_default();
            let Some(path) = uris.first().and_then(|u| file_path(u)) else {
                return Ok(None);
            };
            let format = results
                .get("current_filter")
                .and_then(|v| Filter::try_from(v.clone()).ok())
                .and_then(|(name, _)| match name.as_str() {
                    "Text" => Some(Format::Txt),
                    "Markdown" => Some(Format::Md),
                    _ => None,
                });
            return Ok(Some((path, format)));
        }
        Err(zbus::Error::Failure(
            "the portal closed without an answer".into(),
        ))
    }

    /// The local path of a `file://` URI.
    fn file_path(uri: &str) -> Option<PathBuf> {
        use std::os::unix::ffi::OsStrExt;
        let rest = uri.strip_prefix("file://")?;
        let bytes: Vec<u8> = percent_encoding::percent_decode_str(rest).collect();
        Some(PathBuf::from(std::ffi::OsStr::from_bytes(&bytes)))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn file_uris_become_paths() {
            assert_eq!(
                file_path("file:///home/a/My%20Notes/x.md"),
                Some(PathBuf::from("/home/a/My Notes/x.md"))
            );
            assert_eq!(file_path("https://x"), None);
        }
    }
}
