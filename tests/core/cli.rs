//! The command line as a script uses it: output lines and exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gut-skin-viewer"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn content() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("content/gut-skin-axis")
        .display()
        .to_string()
}

#[test]
fn check_prints_a_summary_and_the_warnings() {
    for args in [vec!["check"], vec!["check", &content()]] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            stdout(&o),
            "ok: 6 sections, 10 references, 13 guidance items\n"
        );
        assert!(stderr(&o).contains("references.ron:37:9: reference 3 repeats reference 2"));
    }
}

#[test]
fn check_lists_every_problem_with_its_place_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["references.ron", "guidance.ron"] {
        std::fs::copy(format!("{}/{name}", content()), dir.path().join(name)).unwrap();
    }
    std::fs::write(
        dir.path().join("article.ron"),
        "(\n  id: \"x\",\n  title: \"X\",\n  sections: [(id: \"a\", title: \"A\", blocks: [Paragraph([Cite(99)])])],\n)\n",
    )
    .unwrap();
    let o = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let first = err.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "{}/article.ron:4:61: section \"a\" cites [99], but there is no reference 99",
            dir.path().display()
        )
    );
    // The guidance's links to sections this article lacks are reported in the same run.
    assert!(err.lines().count() >= 5, "{err}");
    assert!(stdout(&o).is_empty());
}

#[test]
fn an_article_needs_no_guidance_and_may_start_with_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let article = std::fs::read(PathBuf::from(content()).join("article.ron")).unwrap();
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(article);
    std::fs::write(dir.path().join("article.ron"), with_bom).unwrap();
    std::fs::copy(
        PathBuf::from(content()).join("references.ron"),
        dir.path().join("references.ron"),
    )
    .unwrap();
    let path = dir.path().display().to_string();
    let o = run(&["check", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "ok: 6 sections, 10 references, 0 guidance items\n"
    );
    // The whole article's export has no guidance part.
    let o = run(&["export", "--all", "--format", "md", "-o", "-", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains("Guidance"), "{}", stdout(&o));
    // A guidance.ron that is a broken link is a mistake, not an absent file.
    std::os::unix::fs::symlink("nowhere", dir.path().join("guidance.ron")).unwrap();
    let o = run(&["check", &path]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("guidance.ron: file not found"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn list_prints_the_sections_in_order() {
    let o = run(&["list"]);
    assert!(o.status.success());
    let lines: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(
        lines[0],
        "what-is-the-gut-skin-axis\tWhat is the Gut-Skin Axis and How Does It Affect Your Microbiome?"
    );
    assert_eq!(
        lines[5],
        "skin-renewal\tWhy Skin Renewal is Key for Clear, Glowing Skin"
    );
}

#[test]
fn search_exits_like_grep() {
    let o = run(&["search", "microbiome"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.lines().count() > 10);
    for line in out.lines() {
        let (id, snippet) = line.split_once('\t').unwrap();
        assert!(
            !id.is_empty() && snippet.to_lowercase().contains("microbiome"),
            "{line}"
        );
    }
    let o = run(&["search", "skin's"]);
    assert!(
        stdout(&o).contains("skin’s"),
        "a straight ' finds a typographic ’"
    );
    let o = run(&["search", "zzzzzz"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let o = run(&["search", "  "]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the query is empty"));
}

#[test]
fn help_is_there_throughout() {
    for args in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["list", "--help"],
        vec!["export", "--help"],
        vec!["search", "--help"],
    ] {
        let o = run(&args);
        assert!(o.status.success(), "{args:?}");
        assert!(stdout(&o).contains("Usage:"), "{args:?}");
    }
}

#[test]
fn a_bad_path_or_section_for_the_window_fails_before_any_window_opens() {
    let o = run(&["/no/such/article"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "/no/such/article: no such file or folder\n");
    let o = run(&["--section", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no section with id \"nope\""));
}

#[test]
fn check_watch_checks_again_on_every_save() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    use std::sync::mpsc;
    use std::time::Duration;

    let dir = tempfile::tempdir().unwrap();
    for name in ["article.ron", "references.ron", "guidance.ron"] {
        std::fs::copy(format!("{}/{name}", content()), dir.path().join(name)).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_gut-skin-viewer"))
        .args(["check", "--watch"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel::<String>();
    for stream in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    let wait_for = |needle: &str| {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return true,
                Ok(_) => {}
                Err(_) => return false,
            }
        }
        false
    };
    // stdout and stderr arrive on two threads, in no fixed order: wait only for stdout here.
    let first = wait_for("ok: 6 sections");
    let article = dir.path().join("article.ron");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replacen("title:", "titel:", 1)).unwrap();
    let broken = wait_for("article.ron:7:5: unknown field \"titel\"");
    std::fs::write(&article, &text).unwrap();
    let fixed = wait_for("ok: 6 sections");
    let _ = child.kill();
    let _ = child.wait();
    assert!(first, "no first check");
    assert!(broken, "the broken save was not reported");
    assert!(fixed, "the fixed save was not checked");
}

#[test]
fn check_names_a_script_no_installed_font_covers() {
    // Kawi (Unicode 15) has no font in Debian; Greek is in egui's own fonts.
    let dir = tempfile::tempdir().unwrap();
    for name in ["references.ron", "guidance.ron"] {
        std::fs::copy(format!("{}/{name}", content()), dir.path().join(name)).unwrap();
    }
    let article = std::fs::read_to_string(format!("{}/article.ron", content())).unwrap();
    let article = article.replacen(
        "title: \"The Gut-Skin Axis",
        "title: \"Μικροβίωμα 𑼄𑼅 The Gut-Skin Axis",
        1,
    );
    std::fs::write(dir.path().join("article.ron"), &article).unwrap();
    let line = article.lines().position(|l| l.contains('𑼄')).unwrap() + 1;
    let col = article
        .lines()
        .nth(line - 1)
        .unwrap()
        .chars()
        .position(|c| c == '𑼄')
        .unwrap()
        + 1;
    let o = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    let expected = format!(
        "warning: {}:{line}:{col}: no installed font covers Kawi (“𑼄”)",
        dir.path().join("article.ron").display()
    );
    assert!(err.contains(&expected), "{err}");
    assert!(!err.contains("covers Greek"), "{err}");
    // The shipped article needs no font beyond egui's own.
    let shipped = stderr(&run(&["check"]));
    assert!(!shipped.contains("no installed font"), "{shipped}");
}
