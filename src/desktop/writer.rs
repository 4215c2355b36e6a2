//! Writing a file off the UI thread, always its latest version: the window hands over what to
//! write and goes on; a thread renders it and writes it with the careful write (which syncs).
//! A newer version handed over while one is being written replaces any that waits, so a burst
//! of changes costs one write after the one under way. A failed write is kept, retried after
//! [`RETRY`], and said through [`Writer::take_error`]; it is never dropped. [`Writer::flush`]
//! waits until what was handed over is on disk, for exit and the termination signals.

use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::article::write::write_making_folder;

/// How long after a failed write it is tried again.
pub const RETRY: Duration = Duration::from_secs(2);

/// What to write: the file, and a function that renders its contents on the writer's thread
/// (again for a retry).
#[derive(Clone)]
pub struct Job {
    pub path: PathBuf,
    pub render: Arc<dyn Fn() -> Vec<u8> + Send + Sync>,
}

#[derive(Default)]
struct Shared {
    /// The newest job not yet written.
    waiting: Option<Job>,
    /// `waiting` was handed over since the last failure: write it without waiting to retry.
    fresh: bool,
    /// A job is being written now.
    busy: bool,
    /// The last failure, not yet reported.
    error: Option<String>,
    /// The last write failed and `waiting` holds it until it is retried.
    failing: bool,
    /// There is no thread: jobs are written on the caller's.
    inline: bool,
}

/// A handle to the writer thread; clones share it.
#[derive(Clone)]
pub struct Writer {
    inner: Arc<(Mutex<Shared>, Condvar)>,
}

impl Writer {
    /// Starts the thread. Without a thread (the system refused one), [`Writer::submit`]
    /// writes at once on the caller's thread.
    pub fn start(name: &str) -> Self {
        let writer = Self {
            inner: Arc::new((Mutex::new(Shared::default()), Condvar::new())),
        };
        let worker = writer.clone();
        let started = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || worker.run());
        if let Err(e) = started {
            log::warn!("cannot start the {name} thread, writing on the window's: {e}");
            writer.lock().inline = true;
        }
        writer
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        // A panic on the writer thread poisons the lock; what it guards stays usable.
        self.inner
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Hands `job` over, replacing any job that has not been started.
    pub fn submit(&self, job: Job) {
        let mut shared = self.lock();
        if shared.inline {
            drop(shared);
            let result = write(&job);
            let mut shared = self.lock();
            shared.failing = result.is_err();
            shared.waiting = result.is_err().then_some(job);
            shared.error = result.err();
            return;
        }
        shared.waiting = Some(job);
        shared.fresh = true;
        self.inner.1.notify_all();
    }

    /// The last failure, once.
    pub fn take_error(&self) -> Option<String> {
        self.lock().error.take()
    }

    /// Whether the last write failed and waits to be tried again.
    pub fn is_failing(&self) -> bool {
        self.lock().failing
    }

    /// Waits until everything handed over is written, or its write has failed, at most
    /// `limit`. Returns whether it all was written.
    pub fn flush(&self, limit: Duration) -> bool {
        let end = Instant::now() + limit;
        let mut shared = self.lock();
        while shared.busy || (shared.waiting.is_some() && (shared.fresh || !shared.failing)) {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            shared = match self.inner.1.wait_timeout(shared, left) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        shared.waiting.is_none()
    }

    fn run(&self) {
        let mut retry_at: Option<Instant> = None;
        loop {
            let job = {
                let mut shared = self.lock();
                loop {
                    let due = shared.fresh || retry_at.is_none_or(|t| Instant::now() >= t);
                    if due && let Some(job) = shared.waiting.take() {
                        shared.busy = true;
                        shared.fresh = false;
                        break job;
                    }
                    let wait = retry_at.map(|t| t.saturating_duration_since(Instant::now()));
                    shared = match wait {
                        Some(left) => match self.inner.1.wait_timeout(shared, left) {
                            Ok((guard, _)) => guard,
                            Err(poisoned) => poisoned.into_inner().0,
                        },
                        None => match self.inner.1.wait(shared) {
                            Ok(guard) => guard,
                            Err(poisoned) => poisoned.into_inner(),
                        },
                    };
                }
            };
            retry_at = None;
            let result = write(&job);
            let mut shared = self.lock();
            shared.busy = false;
            shared.failing = result.is_err();
            if let Err(e) = result {
                log::warn!("{e}");
                shared.error = Some(e);
                if shared.waiting.is_none() {
                    shared.waiting = Some(job);
                }
                retry_at = Some(Instant::now() + RETRY);
            }
            self.inner.1.notify_all();
        }
    }
}

fn write(job: &Job) -> Result<(), String> {
    let contents = (job.render)();
    // Kept as the message the window shows: the error's path and cause, said once.
    write_making_folder(&job.path, &contents)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(path: &std::path::Path, text: &'static str) -> Job {
        Job {
            path: path.to_path_buf(),
            render: Arc::new(move || text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn the_latest_version_is_written_and_flush_waits_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/notes.json");
        let writer = Writer::start("test-writer");
        for text in ["one", "two", "three"] {
            writer.submit(job(&path, text));
        }
        assert!(writer.flush(Duration::from_secs(10)));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three");
        assert!(writer.take_error().is_none());
    }

    #[test]
    fn a_failed_write_is_said_and_kept_for_a_retry() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be: the write fails until it is gone.
        let path = dir.path().join("notes.json");
        std::fs::create_dir(&path).unwrap();
        let writer = Writer::start("test-writer");
        writer.submit(job(&path, "kept"));
        assert!(!writer.flush(Duration::from_secs(10)));
        assert!(writer.take_error().is_some());
        assert!(writer.is_failing());
        std::fs::remove_dir(&path).unwrap();
        let end = Instant::now() + RETRY * 3;
        while writer.is_failing() && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept");
    }
}
