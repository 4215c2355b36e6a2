//! Writing a file where the user means it, the way `>` and careful editors do, without ever
//! leaving a half-written or lost file:
//! - a new or ordinary file is written to a temporary file beside it, synced and renamed over
//!   it, keeping the old file's mode, owner and group;
//! - a symbolic link is followed, and its target written that way; the link stays a link;
//! - a file with several hard links, with an ACL or extended attributes, whose owner cannot be
//!   kept, that is a mount point (a bind-mounted file), or that is writable in a folder that is
//!   not, is written in place after a synced copy of its old contents, which is put back if
//!   the write fails;
//! - a device or a pipe is written directly, never replaced; `/dev/stdout` and `/dev/stderr`
//!   (and `/dev/fd/1`, `/proc/self/fd/2`…) are this process's own output, written as `-o -`
//!   writes it, and other open files of the process are appended to, never truncated.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Seek, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The temporary and backup files of the writes under way, which are not the user's files:
/// [`remove_unfinished`] removes them when the process is told to stop.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn unfinished() -> MutexGuard<'static, Vec<PathBuf>> {
    UNFINISHED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A temporary or backup file listed in [`UNFINISHED`] while it lives.
struct Listed(Option<PathBuf>);

impl Listed {
    /// Lists `path`; the caller holds the list, so that a stop cannot come between the file's
    /// creation and its listing.
    fn new(list: &mut Vec<PathBuf>, path: &Path) -> Self {
        list.push(path.to_path_buf());
        Self(Some(path.to_path_buf()))
    }

    /// Takes the file off the list that the caller holds.
    fn done(mut self, list: &mut Vec<PathBuf>) {
        if let Some(path) = self.0.take() {
            list.retain(|p| p != &path);
        }
    }
}

impl Drop for Listed {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            unfinished().retain(|p| p != &path);
        }
    }
}

/// For a handler of SIGINT or SIGTERM before the process leaves: removes the temporary and
/// backup files of the writes under way, and returns the list held, so that no write starts
/// or finishes after it. A write that is renaming its file into place, or rewriting a file in
/// place, holds the list while it does: the stop waits for it, so the user's file is the old
/// one or the whole new one, never a part.
pub fn remove_unfinished() -> MutexGuard<'static, Vec<PathBuf>> {
    let mut list = unfinished();
    for path in list.drain(..) {
        let _ = fs::remove_file(path);
    }
    list
}

/// Why a file could not be written. The user's path is named once, last; temporary files
/// are never named, but for a copy of old contents that could not be put back.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the folder does not exist: {0}")]
    NoFolder(PathBuf),
    #[error("the output was closed by its reader: {0}")]
    Closed(PathBuf),
    #[error("the target is a folder, not a file: {0}")]
    IsDir(PathBuf),
    #[error("the target is a disk (a block device); exports are never written onto one: {0}")]
    BlockDevice(PathBuf),
    #[error("too many symbolic links, or a loop of them: {0}")]
    LinkLoop(PathBuf),
    #[error("no program is reading from the pipe: {0}")]
    NoReader(PathBuf),
    #[error("{} already exists; choose a new folder", .0.display())]
    Exists(PathBuf),
    #[error("{} already holds an article; choose a new folder", .0.display())]
    HoldsArticle(PathBuf),
    #[error("cannot write {what}: {message}: {path}")]
    Encode {
        what: &'static str,
        message: String,
        path: PathBuf,
    },
    #[error("{what}: {source}: {path}")]
    Io {
        what: &'static str,
        source: io::Error,
        path: PathBuf,
    },
    #[error(
        "cannot write the file ({source}), and its old contents could not be put back; they are kept in {backup}: {path}"
    )]
    NotRestored {
        source: io::Error,
        backup: PathBuf,
        path: PathBuf,
    },
}

/// How a successful write was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// A temporary file renamed over the target (or a new file).
    Replaced,
    /// The target's own contents rewritten, after a safe copy.
    InPlace,
    /// Written straight into a device or pipe.
    Direct,
}

/// Which of this process's own outputs a path names, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Own {
    Stdout,
    Stderr,
}

/// `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1` and the like: this process's standard output
/// or error, which the shell may have opened for appending or shared with other commands.
pub fn own_output(path: &Path) -> Option<Own> {
    let text = path.to_str()?;
    let fd = match text {
        "/dev/stdout" => return Some(Own::Stdout),
        "/dev/stderr" => return Some(Own::Stderr),
        _ => text
            .strip_prefix("/dev/fd/")
            .or_else(|| text.strip_prefix("/proc/self/fd/"))
            .or_else(|| {
                let pid = std::process::id().to_string();
                text.strip_prefix("/proc/")?
                    .strip_prefix(pid.as_str())?
                    .strip_prefix("/fd/")
            })?,
    };
    match fd {
        "1" => Some(Own::Stdout),
        "2" => Some(Own::Stderr),
        _ => None,
    }
}

/// Writes `contents` to `path` as described in the module docs.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<Written, WriteError> {
    let err = |what| move |e: io::Error| io_error(what, e, path);
    if let Some(own) = own_output(path) {
        return write_own(path, own, contents).map(|()| Written::Direct);
    }
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(WriteError::IsDir(path.to_path_buf())),
        Ok(m) if m.file_type().is_block_device() => {
            Err(WriteError::BlockDevice(path.to_path_buf()))
        }
        Ok(m) if !m.is_file() || is_process_file(path) => {
            write_direct(path, &m, contents).map(|()| Written::Direct)
        }
        Ok(m) => {
            let real = fs::canonicalize(path).map_err(err("cannot find the file"))?;
            if is_process_file(&real) {
                write_direct(path, &m, contents).map(|()| Written::Direct)
            } else if m.nlink() > 1 || has_attributes(&real) || is_mount_point(&real, &m) {
                write_in_place(path, &real, contents).map(|()| Written::InPlace)
            } else {
                replace(path, &real, Some(&m), contents)
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let real = link_target(path)?;
            replace(path, &real, None, contents)
        }
        Err(e) => Err(err("cannot read the file's details")(e)),
    }
}

/// Makes `dir` and the folders above it, as [`WriteError::Io`] naming it.
pub fn make_folder(dir: &Path) -> Result<(), WriteError> {
    fs::create_dir_all(dir).map_err(|e| io_error("cannot make the folder", e, dir))
}

/// [`write_atomic`], after making the file's folder if it is missing: for the reader's own
/// files (notes, the remembered state, a new article), whose folders may not exist yet.
pub fn write_making_folder(path: &Path, contents: &[u8]) -> Result<Written, WriteError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        make_folder(dir)?;
    }
    write_atomic(path, contents)
}

/// An error with no path of its own in it (tempfile adds the temporary file's), so that the
/// message names the user's path once.
fn io_error(what: &'static str, e: io::Error, path: &Path) -> WriteError {
    WriteError::Io {
        what,
        source: plain(e),
        path: path.to_path_buf(),
    }
}

fn plain(e: io::Error) -> io::Error {
    if let Some(code) = e.raw_os_error() {
        return io::Error::from_raw_os_error(code);
    }
    // tempfile wraps the system's error in one that ends "at path <the temporary file>".
    let text = e.to_string();
    match text.split_once(" at path ") {
        Some((message, _)) => io::Error::new(e.kind(), message.to_owned()),
        None => e,
    }
}

/// Other open files of a process (`/dev/fd/3`, `/proc/…/fd/…`) and the kernel's files under
/// `/proc`: written into, never replaced.
fn is_process_file(path: &Path) -> bool {
    path.starts_with("/proc") || path.starts_with("/dev/fd")
}

/// This process's own standard output or error, written as any other output of it.
fn write_own(path: &Path, own: Own, contents: &[u8]) -> Result<(), WriteError> {
    let result = match own {
        Own::Stdout => {
            let mut out = io::stdout().lock();
            out.write_all(contents).and_then(|()| out.flush())
        }
        Own::Stderr => {
            let mut out = io::stderr().lock();
            out.write_all(contents).and_then(|()| out.flush())
        }
    };
    result.map_err(|e| match e.kind() {
        io::ErrorKind::BrokenPipe => WriteError::Closed(path.to_path_buf()),
        _ => io_error("cannot write the file", e, path),
    })
}

/// Whether the file carries an ACL or other extended attributes, which a new file would not.
fn has_attributes(real: &Path) -> bool {
    rustix::fs::listxattr_query(real).is_ok_and(|size| size > 0)
}

/// Whether the file is a mount point of its own (bind-mounted over another), which cannot be
/// renamed over.
fn is_mount_point(real: &Path, meta: &fs::Metadata) -> bool {
    real.parent()
        .and_then(|dir| fs::metadata(dir).ok())
        .is_some_and(|dir| dir.dev() != meta.dev())
}

/// Where a path that does not exist yet will be made: through any dangling links.
fn link_target(path: &Path) -> Result<PathBuf, WriteError> {
    let mut here = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&here) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&here)
                    .map_err(|e| io_error("cannot read the symbolic link", e, path))?;
                here = match here.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(here),
        }
    }
    Err(WriteError::LinkLoop(path.to_path_buf()))
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes a temporary file beside `real` and renames it over `real`, keeping the old file's
/// mode, owner and group. Falls back to writing in place where the folder cannot take a new
/// file or the owner cannot be kept.
fn replace(
    path: &Path,
    real: &Path,
    old: Option<&fs::Metadata>,
    contents: &[u8],
) -> Result<Written, WriteError> {
    let dir = folder_of(real);
    if !dir.is_dir() {
        return Err(WriteError::NoFolder(path.to_path_buf()));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gut-skin-viewer-").suffix(".tmp");
    // A new file is readable by others, as an editor would make it.
    builder.permissions(fs::Permissions::from_mode(0o644));
    let mut list = unfinished();
    let made = builder.tempfile_in(dir);
    let listed = made.as_ref().ok().map(|t| Listed::new(&mut list, t.path()));
    drop(list);
    let mut tmp = match made {
        Ok(t) => t,
        // A writable file in a folder that is not: write into the file, as `>` does.
        Err(_) if old.is_some() => {
            return write_in_place(path, real, contents).map(|()| Written::InPlace);
        }
        Err(e) => return Err(io_error("cannot create a file in its folder", e, path)),
    };
    // The temporary file is deleted when `tmp` drops on any early return below.
    tmp.as_file_mut()
        .write_all(contents)
        .map_err(|e| io_error("cannot write the file", e, path))?;
    if let Some(old) = old {
        let file = tmp.as_file();
        let kept = file.set_permissions(old.permissions()).and_then(|()| {
            if (file.metadata()?.uid(), file.metadata()?.gid()) == (old.uid(), old.gid()) {
                Ok(())
            } else {
                std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()))
            }
        });
        if kept.is_err() {
            // Someone else's file: replacing it would make it ours. Write into it instead.
            drop(tmp);
            return write_in_place(path, real, contents).map(|()| Written::InPlace);
        }
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| io_error("cannot flush the file to disk", e, path))?;
    let mut list = unfinished();
    let persisted = tmp.persist(real);
    if let Some(listed) = listed {
        listed.done(&mut list);
    }
    drop(list);
    if let Err(e) = persisted {
        // A file mounted over another cannot be renamed over: write into it.
        if old.is_some() && e.error.raw_os_error() == Some(libc::EBUSY) {
            return write_in_place(path, real, contents).map(|()| Written::InPlace);
        }
        return Err(io_error("cannot replace the file", e.error, path));
    }
    // The rename itself survives a crash only once the folder is synced.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(Written::Replaced)
}

/// Rewrites `real` in place. Its old contents are first copied to a synced temporary file
/// (beside it, or in the temporary folder); a failed write puts them back.
fn write_in_place(path: &Path, real: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let old = fs::read(real).map_err(|e| io_error("cannot read the file", e, path))?;
    let mut file = OpenOptions::new()
        .write(true)
        .open(real)
        .map_err(|e| io_error("cannot write the file", e, path))?;
    let mut list = unfinished();
    let backup = backup_copy(real, &old).map_err(|e| {
        io_error(
            "cannot keep a copy of the old contents before writing",
            e,
            path,
        )
    })?;
    let _listed = Listed::new(&mut list, backup.path());
    drop(list);
    let write = |file: &mut File, bytes: &[u8]| -> io::Result<()> {
        file.rewind()?;
        file.write_all(bytes)?;
        file.set_len(bytes.len() as u64)?;
        file.sync_all()
    };
    // The file is rewritten holding the list, so that a stop waits until it is whole.
    let list = unfinished();
    let written = write(&mut file, contents);
    drop(list);
    let result = match written {
        Ok(()) => Ok(()),
        Err(e) => match write(&mut file, &old) {
            Ok(()) => Err(io_error("cannot write the file", e, path)),
            Err(_) => {
                let backup = match backup.keep() {
                    Ok((_, p)) => p,
                    Err(k) => k.file.path().to_path_buf(),
                };
                Err(WriteError::NotRestored {
                    source: plain(e),
                    backup,
                    path: path.to_path_buf(),
                })
            }
        },
    };
    // `listed` goes first (it was made last), then `backup`, which removes the copy.
    result
}

/// A synced copy of `old`, beside `real` where its folder allows, else in the temporary folder.
fn backup_copy(real: &Path, old: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    // A short name of its own: the file's own name may already be as long as a name can be.
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(".gut-skin-viewer-backup-")
        .permissions(fs::Permissions::from_mode(0o600));
    let mut tmp = builder
        .tempfile_in(folder_of(real))
        .or_else(|_| builder.tempfile())?;
    tmp.write_all(old)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Writes into a device or a pipe as it is. A pipe with no reader is an error rather than a
/// wait that never ends.
fn write_direct(path: &Path, meta: &fs::Metadata, contents: &[u8]) -> Result<(), WriteError> {
    let open_err = |e| io_error("cannot open the file for writing", e, path);
    let _probe = if meta.file_type().is_fifo() {
        match OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
        {
            Ok(f) => Some(f),
            Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
                return Err(WriteError::NoReader(path.to_path_buf()));
            }
            Err(e) => return Err(open_err(e)),
        }
    } else {
        None
    };
    // With a reader there, a blocking open returns at once.
    // An open file of the process (`/dev/fd/3`) is appended to, as the shell opened it; any
    // other regular file here (under /proc) is written from its start.
    let mut file = OpenOptions::new()
        .write(true)
        .append(meta.is_file() && path.starts_with("/dev/fd"))
        .open(path)
        .map_err(open_err)?;
    file.write_all(contents)
        .and_then(|()| file.flush())
        .map_err(|e| io_error("cannot write the file", e, path))
}
