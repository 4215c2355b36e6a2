//! Files as the user's system has them: exports through symbolic links, into pipes and
//! devices, over hard links and other users' files, into folders the user cannot write; output
//! to a closed pipe; and `check --watch` that survives its folder being deleted, recreated and
//! renamed. Tests that need root (owners, mounts, device nodes) say so and skip without it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gut-skin-viewer"))
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// What `export --all` writes, to compare files with.
fn expected() -> Vec<u8> {
    let out = bin().args(["export", "--all", "-o", "-"]).output().unwrap();
    assert!(out.status.success());
    out.stdout
}

fn export_to(target: &Path) -> std::process::Output {
    bin()
        .args(["export", "--all", "-o"])
        .arg(target)
        .output()
        .unwrap()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exports through the symbolic link `link`, which must still be a link afterwards.
fn export_through_link(link: &Path) {
    let o = export_to(link);
    assert!(o.status.success(), "{}", stderr(&o));
    let kind = std::fs::symlink_metadata(link).unwrap().file_type();
    assert!(kind.is_symlink(), "{} is no longer a link", link.display());
}

#[test]
fn a_symbolic_link_stays_a_link_and_its_target_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let target = elsewhere.join("notes.txt");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink("elsewhere/notes.txt", &link).unwrap();

    export_through_link(&link);
    assert_eq!(std::fs::read(&target).unwrap(), expected());
    // No temporary file is left in either folder.
    for d in [dir.path(), elsewhere.as_path()] {
        for e in std::fs::read_dir(d).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!name.starts_with(".gut-skin-viewer"), "{name}");
        }
    }

    // A link to a file that does not exist yet makes the file, as `>` does.
    let dangling = dir.path().join("dangling.txt");
    std::os::unix::fs::symlink("elsewhere/new.txt", &dangling).unwrap();
    export_through_link(&dangling);
    assert_eq!(
        std::fs::read(elsewhere.join("new.txt")).unwrap(),
        expected()
    );
}

#[test]
fn a_hard_linked_file_is_written_in_place_and_stays_linked() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "old").unwrap();
    std::fs::hard_link(&a, &b).unwrap();
    let inode = std::fs::metadata(&a).unwrap().ino();
    let o = export_to(&a);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::metadata(&a).unwrap().ino(), inode);
    assert_eq!(std::fs::metadata(&a).unwrap().nlink(), 2);
    assert_eq!(std::fs::read(&b).unwrap(), expected());
}

#[test]
fn another_users_file_keeps_its_owner_group_and_mode() {
    if !is_root() {
        eprintln!("skipped: needs root to own a file as another user");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("theirs.txt");
    std::fs::write(&file, "old").unwrap();
    std::os::unix::fs::chown(&file, Some(65534), Some(65534)).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let o = export_to(&file);
    assert!(o.status.success(), "{}", stderr(&o));
    let m = std::fs::metadata(&file).unwrap();
    assert_eq!((m.uid(), m.gid(), m.mode() & 0o7777), (65534, 65534, 0o640));
    assert_eq!(std::fs::read(&file).unwrap(), expected());
}

/// Runs the binary as the unprivileged user `nobody`.
fn as_nobody(args: &[&str]) -> Option<std::process::Output> {
    Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_gut-skin-viewer"))
        .args(args)
        .output()
        .ok()
}

#[test]
fn a_writable_file_in_a_folder_the_user_cannot_write_is_written_in_place() {
    if !is_root() {
        eprintln!("skipped: needs root to switch to another user");
        return;
    }
    // A folder of root's that `nobody` can enter but not write, holding a file of nobody's.
    let dir = tempfile::tempdir_in("/tmp").unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let file = dir.path().join("mine.txt");
    std::fs::write(&file, "old").unwrap();
    std::os::unix::fs::chown(&file, Some(65534), Some(65534)).unwrap();
    let path = file.to_str().unwrap();
    let Some(o) = as_nobody(&["export", "--all", "-o", path]) else {
        eprintln!("skipped: no setpriv");
        return;
    };
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&file).unwrap(), expected());
    assert_eq!(std::fs::metadata(&file).unwrap().uid(), 65534);

    // A new file there cannot be made: the message names the folder once, and no temporary
    // file.
    let new = dir.path().join("new.txt");
    let o = as_nobody(&["export", "--all", "-o", new.to_str().unwrap()]).unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("cannot create a file in its folder: Permission denied"),
        "{err}"
    );
    assert_eq!(
        err.matches(dir.path().to_str().unwrap()).count(),
        1,
        "{err}"
    );
    assert!(!err.contains(".gut-skin-viewer-"), "{err}");
}

#[test]
fn a_fifo_is_written_into_when_read_and_refused_when_not() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );

    let o = export_to(&fifo);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no program is reading from the pipe"),
        "{}",
        stderr(&o)
    );

    let reader = std::thread::spawn({
        let fifo = fifo.clone();
        move || {
            let mut got = Vec::new();
            std::fs::File::open(&fifo)
                .unwrap()
                .read_to_end(&mut got)
                .unwrap();
            got
        }
    });
    // The reader opens the pipe; then the export finds it there.
    let mut o = export_to(&fifo);
    for _ in 0..50 {
        if o.status.success() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        o = export_to(&fifo);
    }
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(reader.join().unwrap(), expected());
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn dev_stdout_is_written_into_whatever_it_is() {
    let script = format!(
        "'{}' export --all -o /dev/stdout | cat",
        env!("CARGO_BIN_EXE_gut-skin-viewer")
    );
    let o = Command::new("sh").args(["-c", &script]).output().unwrap();
    assert!(o.status.success());
    assert_eq!(o.stdout, expected());

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("redirected.txt");
    let script = format!(
        "'{}' export --all -o /dev/stdout > '{}'",
        env!("CARGO_BIN_EXE_gut-skin-viewer"),
        file.display()
    );
    let o = Command::new("sh").args(["-c", &script]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&file).unwrap(), expected());
}

/// Runs a shell script in a private mount namespace (`unshare -m`), with the folder `dir` in
/// `$DIR` and the reader's binary in `$BIN`.
fn in_mount_namespace(dir: &Path, script: &str) -> Output {
    Command::new("unshare")
        .args(["-m", "sh", "-c", script])
        .env("DIR", dir)
        .env("BIN", env!("CARGO_BIN_EXE_gut-skin-viewer"))
        .output()
        .unwrap()
}

#[test]
fn devices_in_a_private_mount_namespace_are_written_and_never_replaced() {
    if !is_root() {
        eprintln!("skipped: needs root for unshare, mount and mknod");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let o = in_mount_namespace(
        dir.path(),
        r#"set -e
        d="$DIR"
        mount -t tmpfs -o size=1m scratch-dev "$d"
        mknod "$d/full" c 1 7
        mknod "$d/null" c 1 3
        set +e
        "$BIN" export --all -o "$d/full"; echo "full exit $?"
        "$BIN" export --all -o "$d/null"; echo "null exit $?"
        stat -c '%n %F' "$d/full" "$d/null""#,
    );
    let out = String::from_utf8_lossy(&o.stdout);
    if !o.status.success() && out.is_empty() {
        eprintln!("skipped: unshare -m is not allowed here: {}", stderr(&o));
        return;
    }
    let err = stderr(&o);
    assert!(out.contains("full exit 1"), "{out}{err}");
    assert!(
        err.contains("cannot write the file: No space left on device"),
        "{err}"
    );
    assert!(
        !err.lines()
            .any(|l| l.starts_with("wrote") && l.ends_with("/full")),
        "{err}"
    );
    assert!(out.contains("null exit 0"), "{out}{err}");
    assert!(out.contains("/full character special file"), "{out}");
    assert!(out.contains("/null character special file"), "{out}");
}

#[test]
fn a_closed_pipe_ends_every_subcommand_quietly() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_article(dir.path());
    let folder = dir.path().to_str().unwrap();
    for args in [
        vec!["check"],
        vec!["list"],
        vec!["export", "--all", "-o", "-"],
        vec!["export", "--all", "--format", "md"],
        vec!["search", "skin"],
        vec!["--help"],
        vec!["export", "--help"],
        vec!["check", folder],
    ] {
        let mut child = bin()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(status.code(), Some(101), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }

    // A full standard output is an error, not a success.
    let script = format!(
        "'{}' export --all > /dev/full",
        env!("CARGO_BIN_EXE_gut-skin-viewer")
    );
    let o = Command::new("sh").args(["-c", &script]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot write to standard output: No space left on device"),
        "{}",
        stderr(&o)
    );

    // `check --watch` ends at the first change after its reader has gone.
    let mut child = bin()
        .args(["check", "--watch", folder])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    out.read_line(&mut first).unwrap();
    assert!(first.starts_with("ok: "), "{first}");
    drop(out);
    std::thread::sleep(Duration::from_millis(300));
    let article = dir.path().join("article.ron");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replacen("Clear Skin", "Clearer Skin", 1)).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = status.expect("check --watch kept running with nobody reading");
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// The lines a child writes to its standard output and error, on one channel.
fn lines_of(child: &mut std::process::Child) -> mpsc::Receiver<String> {
    let (tx, lines) = mpsc::channel();
    let mut streams: Vec<Box<dyn Read + Send>> = Vec::new();
    if let Some(out) = child.stdout.take() {
        streams.push(Box::new(out));
    }
    if let Some(err) = child.stderr.take() {
        streams.push(Box::new(err));
    }
    for stream in streams {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    lines
}

/// Waits up to 10 s for a line containing `needle`; how long it took.
fn wait_for_line(lines: &mpsc::Receiver<String>, needle: &str) -> Option<Duration> {
    let started = Instant::now();
    let deadline = started + Duration::from_secs(10);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(needle) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// `check --watch` on a folder, with its output and error lines on one channel.
struct Watching {
    child: std::process::Child,
    lines: mpsc::Receiver<String>,
}

impl Watching {
    fn start(folder: &Path) -> Self {
        let mut child = bin()
            .args(["check", "--watch"])
            .arg(folder)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = lines_of(&mut child);
        Self { child, lines }
    }

    /// Waits up to 10 s for a line containing `needle`; how long it took.
    fn wait_for(&self, needle: &str) -> Option<Duration> {
        wait_for_line(&self.lines, needle)
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn check_watch_survives_its_folder_being_deleted_recreated_and_renamed() {
    let top = tempfile::tempdir().unwrap();
    let folder = top.path().join("article");
    std::fs::create_dir(&folder).unwrap();
    common::copy_article(&folder);
    let watch = Watching::start(&folder);
    assert!(watch.wait_for("ok: 6 sections").is_some(), "no first check");

    // Deleted and made again, as a branch switch or `rm -rf` + `cp -r` does.
    std::fs::remove_dir_all(&folder).unwrap();
    assert!(
        watch.wait_for("the article's folder is gone").is_some(),
        "the deletion was not reported"
    );
    let copy = top.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    common::copy_article_titled(&copy, "The Gut-Skin Axis: Why", "Recreated: Why");
    let started = Instant::now();
    std::fs::rename(&copy, &folder).unwrap();
    assert!(
        watch.wait_for("ok: 6 sections").is_some(),
        "the new folder was not checked"
    );
    eprintln!(
        "checked again {:?} after the folder came back",
        started.elapsed()
    );

    // Renamed away, edited there, renamed back: the edit is checked.
    let away = top.path().join("away");
    std::fs::rename(&folder, &away).unwrap();
    assert!(
        watch.wait_for("folder is gone").is_some(),
        "the rename was not reported"
    );
    let article = away.join("article.ron");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replacen("title:", "titel:", 1)).unwrap();
    std::fs::rename(&away, &folder).unwrap();
    assert!(
        watch.wait_for("unknown field \"titel\"").is_some(),
        "the edit made while away was not checked"
    );
    // And it keeps following edits after that.
    std::fs::write(folder.join("article.ron"), &text).unwrap();
    assert!(
        watch.wait_for("ok: 6 sections").is_some(),
        "later edits are not followed"
    );
}

#[test]
fn real_editors_saves_are_followed() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_article(dir.path());
    let article = dir.path().join("article.ron");
    let watch = Watching::start(dir.path());
    assert!(watch.wait_for("ok: 6 sections").is_some());
    let sed = Command::new("sed")
        .args(["-i", "0,/title:/s//titel:/"])
        .arg(&article)
        .status()
        .unwrap();
    assert!(sed.success());
    assert!(
        watch.wait_for("unknown field \"titel\"").is_some(),
        "sed -i was missed"
    );
    // vim, where installed, in both of its ways of writing a file.
    for backupcopy in ["yes", "no"] {
        let Ok(status) = Command::new("vim")
            .args(["-u", "NONE", "-i", "NONE", "-es", "-c"])
            .arg(format!(
                "set backupcopy={backupcopy} | 1,$s/titel:/title:/ | wq"
            ))
            .arg(&article)
            .status()
        else {
            eprintln!("skipped vim: not installed");
            return;
        };
        assert!(status.success());
        assert!(
            watch.wait_for("ok: 6 sections").is_some(),
            "vim backupcopy={backupcopy} was missed"
        );
        let text = std::fs::read_to_string(&article).unwrap();
        std::fs::write(&article, text.replacen("title:", "titel:", 1)).unwrap();
        assert!(watch.wait_for("titel").is_some());
    }
}

#[test]
fn a_watch_that_cannot_work_says_so() {
    if !is_root() {
        eprintln!("skipped: needs root to switch to another user");
        return;
    }
    // A folder `nobody` may not read: no watch can be put on it.
    let top = tempfile::tempdir_in("/tmp").unwrap();
    std::fs::set_permissions(top.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let folder = top.path().join("private");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    let mut child = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_gut-skin-viewer"))
        .args(["check", "--watch"])
        .arg(&folder)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let rx = lines_of(&mut child);
    let mut said = None;
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(5)) {
        if line.contains("live reload is off") {
            said = Some(line);
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let said = said.expect("a watch that cannot work said nothing");
    assert!(said.contains("Permission denied"), "{said}");
}

#[test]
fn check_watch_follows_a_folder_above_being_swapped_and_a_relative_path() {
    let top = tempfile::tempdir().unwrap();
    let project = top.path().join("proj");
    let folder = project.join("art");
    std::fs::create_dir_all(&folder).unwrap();
    common::copy_article(&folder);
    let watch = Watching::start(&folder);
    assert!(watch.wait_for("ok: 6 sections").is_some());
    // The project folder is swapped for another (a checkout, a sync): no event of the
    // watched folders says so.
    let other = top.path().join("new");
    std::fs::create_dir_all(other.join("art")).unwrap();
    common::copy_article_titled(&other.join("art"), "title:", "titel:");
    std::fs::rename(&project, top.path().join("proj.old")).unwrap();
    std::fs::rename(&other, &project).unwrap();
    assert!(
        watch.wait_for("unknown field \"titel\"").is_some(),
        "the swapped project folder was not noticed"
    );
    drop(watch);

    // A relative PATH, and the working folder deleted and made again around it.
    let mut child = bin()
        .current_dir(&project)
        .args(["check", "--watch", "art"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = lines_of(&mut child);
    let wait = |needle: &str| wait_for_line(&lines, needle).is_some();
    assert!(wait("unknown field \"titel\""));
    std::fs::remove_dir_all(&project).unwrap();
    std::fs::create_dir_all(project.join("art")).unwrap();
    common::copy_article(&project.join("art"));
    let recovered = wait("ok: 6 sections");
    let _ = child.kill();
    let _ = child.wait();
    assert!(recovered, "a relative path did not recover");
}

#[test]
fn dev_stdout_shares_the_shells_output_and_appends_where_it_appends() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_gut-skin-viewer");
    let file = dir.path().join("out.txt");
    std::fs::write(&file, "PRE\n").unwrap();
    let script = format!(
        "'{bin}' export --all -o /dev/stdout >> '{f}'; {{ echo A; '{bin}' export --all -o /dev/stdout; echo B; }} >> '{f}'",
        f = file.display()
    );
    let o = Command::new("sh").args(["-c", &script]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let all = String::from_utf8(expected()).unwrap();
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!("PRE\n{all}A\n{all}B\n")
    );
    // Into a closed pipe, as quietly as `-o -`.
    let script = format!("'{bin}' export --all -o /dev/stdout | head -c 0");
    let o = Command::new("sh").args(["-c", &script]).output().unwrap();
    assert!(o.status.success());
    assert_eq!(stderr(&o), "");
}

#[test]
fn extended_attributes_a_bind_mount_and_a_long_name_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    // A user attribute (an ACL is one too, in the system namespace): kept, so written in place.
    let tagged = dir.path().join("tagged.txt");
    std::fs::write(&tagged, "old").unwrap();
    let flags = rustix::fs::XattrFlags::empty();
    if rustix::fs::setxattr(&tagged, "user.origin", b"notes", flags).is_ok() {
        let o = export_to(&tagged);
        assert!(o.status.success(), "{}", stderr(&o));
        let mut value = [0u8; 16];
        let n = rustix::fs::getxattr(&tagged, "user.origin", &mut value[..]).unwrap();
        assert_eq!(&value[..n], b"notes");
        assert_eq!(std::fs::read(&tagged).unwrap(), expected());
    } else {
        eprintln!("skipped the attribute: this file system has no user attributes");
    }

    // A name as long as names go, with a second hard link: the backup copy still fits.
    let long = dir.path().join("n".repeat(250));
    std::fs::write(&long, "old").unwrap();
    std::fs::hard_link(&long, dir.path().join("short")).unwrap();
    let o = export_to(&long);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&long).unwrap(), expected());

    // A file bind-mounted over another, as containers mount single files.
    if !is_root() {
        eprintln!("skipped the bind mount: needs root");
        return;
    }
    let o = in_mount_namespace(
        dir.path(),
        r#"set -e
        cd "$DIR"
        echo old > source.txt
        echo other > mounted.txt
        mount --bind source.txt mounted.txt
        "$BIN" export --all -o mounted.txt
        cmp -s source.txt mounted.txt && echo same"#,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("same"));
    assert_eq!(
        std::fs::read(dir.path().join("source.txt")).unwrap(),
        expected()
    );
}
