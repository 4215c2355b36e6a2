//! A writing command stopped by a signal, as Ctrl+C or a logout stops it: no temporary or
//! backup file is left beside the target, and the target is the old file or the whole new
//! one. And a closed standard output is an error, not a silent success.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use gut_skin_viewer::article::synthetic;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gut-skin-viewer"))
}

/// The 1,000-section synthetic article, written as a folder.
fn large_article(dir: &Path) {
    let texts = synthetic::texts(1000, 20, 50);
    for (name, text) in texts.names.iter().zip(&texts.texts) {
        let file = Path::new(name).file_name().unwrap();
        std::fs::write(dir.join(file), text).unwrap();
    }
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".gut-skin-viewer-"))
        .collect()
}

#[test]
fn an_export_stopped_by_a_signal_leaves_the_old_file_or_the_whole_new_one() {
    let article = tempfile::tempdir().unwrap();
    large_article(article.path());
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("all.md");
    // The whole export, and how long it takes.
    let started = Instant::now();
    let done = bin()
        .args(["export", "--all", "-o"])
        .arg(&target)
        .arg(article.path())
        .output()
        .unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let took = started.elapsed();
    eprintln!("the whole export took {took:?}");
    let whole = std::fs::read(&target).unwrap();
    assert!(whole.len() > 1_000_000);
    let old = b"the old contents\n".to_vec();
    let mut outcomes = [0usize; 3]; // old, new, exit without a signal
    for round in 0..20u64 {
        std::fs::write(&target, &old).unwrap();
        // Every fourth round the target has a second hard link, which is written in place
        // after a backup copy.
        let link = out.path().join("link.md");
        let _ = std::fs::remove_file(&link);
        if round % 4 == 3 {
            std::fs::hard_link(&target, &link).unwrap();
        }
        let signal = if round % 2 == 0 {
            libc::SIGINT
        } else {
            libc::SIGTERM
        };
        let mut child = bin()
            .args(["export", "--all", "-o"])
            .arg(&target)
            .arg(article.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let delay = took.mul_f64(fastrand::f64() * 1.2);
        std::thread::sleep(delay);
        let _ = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status();
        let status = child.wait().unwrap();
        let now = std::fs::read(&target).unwrap();
        assert!(
            now == old || now == whole,
            "round {round}: the target is neither the old file nor the whole new one ({} bytes)",
            now.len()
        );
        assert_eq!(leftovers(out.path()), Vec::<String>::new(), "round {round}");
        match (now == whole, status.code()) {
            (_, Some(0)) => outcomes[2] += 1,
            (false, _) => outcomes[0] += 1,
            (true, _) => outcomes[1] += 1,
        }
        if let Some(code) = status.code()
            && code != 0
        {
            assert_eq!(code, 128 + signal, "round {round}");
        }
    }
    eprintln!(
        "stopped with the old file: {}, with the new one: {}, finished first: {}",
        outcomes[0], outcomes[1], outcomes[2]
    );
}

#[test]
fn a_closed_standard_output_is_an_error() {
    // `>&-`: the shell closes descriptor 1 before the program starts.
    let out = Command::new("sh")
        .arg("-c")
        .arg("\"$0\" export --all >&-")
        .arg(env!("CARGO_BIN_EXE_gut-skin-viewer"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("standard output is closed"), "{err}");
    // `>/dev/null` is a reader's choice, and fine.
    let null = Command::new("sh")
        .arg("-c")
        .arg("\"$0\" export --all >/dev/null")
        .arg(env!("CARGO_BIN_EXE_gut-skin-viewer"))
        .status()
        .unwrap();
    assert!(null.success());
}
