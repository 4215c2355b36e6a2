//! Export: golden files, every sentence kept, citations resolved in each file's references,
//! and writes that never lose or half-write a file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use gut_skin_viewer::article::export::{self, Format, Scope};
use gut_skin_viewer::article::load;
use gut_skin_viewer::article::model::{Block, plain_text};
use gut_skin_viewer::article::write::{self, WriteError};

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/golden")
}

/// Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it instead.
fn check_golden(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

#[test]
fn two_sections_match_their_golden_files_in_text_and_markdown() {
    let article = load::load_embedded().unwrap().article;
    for id in ["gut-health-and-skin-conditions", "probiotics-vs-prebiotics"] {
        let i = article.section_index(id).unwrap();
        for format in [Format::Txt, Format::Md] {
            let text = export::render(&article, Scope::Section(i), format, 80);
            check_golden(&format!("{id}.{}", format.extension()), &text);
        }
    }
}

/// Display columns, as a terminal shows them.
fn columns(line: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(line)
}

#[test]
fn text_exports_are_well_formed() {
    let article = load::load_embedded().unwrap().article;
    let mut scopes: Vec<Scope> = (0..article.sections.len()).map(Scope::Section).collect();
    scopes.push(Scope::Article);
    for scope in scopes {
        let text = export::render(&article, scope, Format::Txt, 80);
        let lines: Vec<&str> = text.lines().collect();
        // The first page shows the article's title and lede above its section: so does its
        // export. The others start with their section's title.
        let title = match scope {
            Scope::Section(i) if i > 0 => &article.sections[i].title,
            _ => &article.title,
        };
        assert_eq!(lines[0], title.as_str());
        assert_eq!(columns(lines[1]), columns(title));
        assert!(lines[1].chars().all(|c| c == '='));
        assert_eq!(lines[2], "");
        assert!(text.ends_with("Secret to\nClear Skin”\n"), "{scope:?}");
        assert!(!text.contains('\r'));
        // Every line fits in 80 columns, but for a single unbreakable token (a web address).
        for line in &lines {
            assert!(
                columns(line) <= 80 || !line.trim().contains(' '),
                "too long: {line}"
            );
            assert!(
                !line.starts_with("[") || line.len() > 4,
                "a marker alone on a line: {line}"
            );
        }
        // Every cited [n] is listed once, in order, in the references block, with its links
        // and notes.
        let Some(refs_at) = lines.iter().position(|l| *l == "References") else {
            assert!(matches!(scope, Scope::Section(i) if article.section_citations(i).is_empty()));
            continue;
        };
        let listed: Vec<u32> = lines[refs_at..]
            .iter()
            .filter_map(|l| l.strip_prefix('[')?.split_once("] ")?.0.parse().ok())
            .collect();
        let mut cited: Vec<u32> = match scope {
            Scope::Section(i) => article.section_citations(i),
            Scope::Article => article.references.iter().map(|r| r.number).collect(),
        };
        if scope == Scope::Section(0) {
            cited.extend(
                article
                    .lede
                    .iter()
                    .flat_map(Block::inline_runs)
                    .flat_map(|runs| {
                        runs.iter().filter_map(|r| match r {
                            gut_skin_viewer::article::markup::Inline::Cite(n) => Some(*n),
                            _ => None,
                        })
                    }),
            );
            cited.sort_unstable();
            cited.dedup();
        }
        assert_eq!(listed, cited, "{scope:?}");
        let block = squash(&lines[refs_at..].join("\n"));
        for n in &listed {
            let r = article.reference(*n).unwrap();
            assert!(block.contains(&format!("[{n}] {}", squash(&r.printed))));
            for (label, url) in r.links() {
                assert!(block.contains(&format!("{label}: {url}")), "[{n}] {label}");
            }
            for note in &r.notes {
                assert!(
                    block.contains(&squash(&format!("Note: {note}"))),
                    "[{n}] {note}"
                );
            }
        }
    }
}

#[test]
fn the_whole_article_ends_with_the_guidance_and_its_sources() {
    let article = load::load_embedded().unwrap().article;
    let text = export::render(&article, Scope::Article, Format::Txt, 0);
    let guidance = text
        .split("\nGuidance\n--------\n")
        .nth(1)
        .expect("a Guidance part");
    for part in [
        "Foods\n~~~~~",
        "Bone broth: This traditional broth",
        "    Key nutrients: amino acids, glutamine, glycine",
        "    Sources: [7] [8]",
        "Probiotics & prebiotics",
        "Topical probiotics: On the skin",
        "Disruptors: Antibiotics, Chronic stress, Processed foods, Low fibre diets",
        "Retinoids and the skin barrier",
    ] {
        assert!(guidance.contains(part), "{part}");
    }
    let md = export::render(&article, Scope::Article, Format::Md, 0);
    assert!(md.contains("\n## Guidance\n\n### Foods\n\n- **Berries:** "));
}

#[test]
fn no_break_spaces_survive_and_wide_titles_get_full_underlines() {
    let mut article = load::load_embedded().unwrap().article;
    article.sections[1].title = "腸と肌の関係".into();
    article.sections[1].blocks[0] =
        Block::Paragraph(vec![gut_skin_viewer::article::markup::Inline::Text(
            "Take 10\u{a0}mg daily.".into(),
        )]);
    let text = export::render(&article, Scope::Section(1), Format::Txt, 80);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[1], "============",
        "two columns for each of six characters"
    );
    assert!(text.contains("Take 10\u{a0}mg daily."));
    let md = export::render(&article, Scope::Section(1), Format::Md, 80);
    assert!(md.contains("Take 10\u{a0}mg daily."));
}

#[test]
fn unwrapped_and_narrow_exports_keep_markers_with_their_words() {
    let article = load::load_embedded().unwrap().article;
    let i = article.section_index("what-is-the-gut-skin-axis").unwrap();
    let text = export::render(&article, Scope::Section(i), Format::Txt, 0);
    assert!(text.contains("balanced skin microbiome. [1] Just as the microbiome"));
    for width in [20, 33, 47] {
        let text = export::render(&article, Scope::Section(i), Format::Txt, width);
        let body = text.split("\nReferences\n").next().unwrap();
        for line in body.lines() {
            assert!(
                !line.starts_with("[1]") && !line.starts_with("[2]"),
                "width {width}: {line}"
            );
        }
    }
}

/// The article's text with every run of whitespace made one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn together_the_exports_contain_every_sentence_of_the_article() {
    let article = load::load_embedded().unwrap().article;
    let mut all = String::new();
    for i in 0..article.sections.len() {
        all.push_str(&squash(&export::render(
            &article,
            Scope::Section(i),
            Format::Txt,
            80,
        )));
        all.push('\n');
    }
    let whole = squash(&export::render(&article, Scope::Article, Format::Txt, 80));
    let mut paragraphs: Vec<(String, bool)> = Vec::new();
    for b in &article.lede {
        if let Block::Paragraph(runs) = b {
            paragraphs.push((plain_text(runs), true));
        }
    }
    for s in &article.sections {
        for b in &s.blocks {
            match b {
                Block::Paragraph(runs) => paragraphs.push((plain_text(runs), false)),
                Block::Entries(es) => {
                    for e in es {
                        paragraphs
                            .push((format!("{}: {}", e.term, plain_text(&e.description)), false));
                    }
                }
            }
        }
    }
    for (p, lede) in paragraphs {
        let p = squash(&p);
        assert!(whole.contains(&p), "whole-article export lacks: {p}");
        if !lede {
            assert!(all.contains(&p), "no section export has: {p}");
        }
    }
    for r in &article.references {
        assert!(
            whole.contains(&squash(&r.printed)),
            "reference {}",
            r.number
        );
    }
}

#[test]
fn markdown_has_a_heading_bold_terms_and_linked_references() {
    let article = load::load_embedded().unwrap().article;
    let i = article
        .section_index("gut-health-and-skin-conditions")
        .unwrap();
    let md = export::render(&article, Scope::Section(i), Format::Md, 80);
    assert!(md.starts_with("# How Gut Health Affects Acne, Inflammation and Skin Conditions\n\n"));
    assert!(md.contains("- **Psoriasis:** Red, scaly patches"));
    // Escaped, so that no dialect reads a following `(` as a link.
    assert!(md.contains("investigation. \\[4\\]\n"));
    assert!(md.contains("- \\[4\\] Chai J"));
    assert!(md.contains("  - DOI: <https://doi.org/10.3389/fmicb.2024.1427770>"));
    assert!(md.contains("  - Note: The URL is a PDF of a different paper"));
}

#[test]
fn a_write_replaces_the_file_whole_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.txt");
    std::fs::write(&target, "old").unwrap();
    write::write_atomic(&target, b"new contents\n").unwrap();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "new contents\n");
    assert_eq!(entries(dir.path()), ["out.txt"]);
    // A new file is made readable like any saved document; a replaced one keeps its mode.
    use std::os::unix::fs::PermissionsExt;
    let fresh = dir.path().join("fresh.txt");
    write::write_atomic(&fresh, b"x").unwrap();
    assert_eq!(
        std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777,
        0o644
    );
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    write::write_atomic(&target, b"again").unwrap();
    assert_eq!(
        std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_missing_folder_or_a_directory_target_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/folder/out.txt");
    let err = write::write_atomic(&missing, b"x").unwrap_err();
    assert!(matches!(err, WriteError::NoFolder(_)));
    assert!(
        err.to_string().starts_with("the folder does not exist: "),
        "{err}"
    );
    let err = write::write_atomic(dir.path(), b"x").unwrap_err();
    assert!(matches!(err, WriteError::IsDir(_)), "{err}");
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn a_read_only_folder_is_a_clear_error_and_the_old_file_stays() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.txt");
    std::fs::write(&target, "old").unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.path().join("probe");
    if std::fs::write(&probe, "x").is_ok() {
        // Running as root: permissions do not bind, so use a read-only file system instead.
        std::fs::remove_file(&probe).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        read_only_mount_keeps_the_old_file(dir.path());
        return;
    }
    let err = write::write_atomic(&target, b"new").unwrap_err();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        err.to_string()
            .contains("cannot create a file in its folder"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
    assert_eq!(entries(dir.path()), ["out.txt"]);
}

fn mount(args: &[&str], dir: &Path) -> bool {
    Command::new("mount")
        .args(args)
        .arg(dir)
        .status()
        .is_ok_and(|s| s.success())
}

/// Mounts a 64 KiB tmpfs on `dir` holding `out.txt` = "old", lets `prepare` change the mount,
/// tries to write `contents` over the file, and checks that the write failed with `error`,
/// that the old file is intact and that nothing else was left. Needs root; skipped otherwise.
fn failed_write_keeps_the_old_file(dir: &Path, prepare: &[&str], contents: &[u8], error: &str) {
    if !mount(&["-t", "tmpfs", "-o", "size=64k", "tmpfs"], dir) {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    let target = dir.join("out.txt");
    std::fs::write(&target, "old").unwrap();
    let prepared = prepare.is_empty() || mount(prepare, dir);
    let result = write::write_atomic(&target, contents);
    let old = std::fs::read_to_string(&target);
    let left = entries(dir);
    let _ = Command::new("umount").arg(dir).status();
    assert!(prepared, "mount {prepare:?} failed");
    let err = result.unwrap_err();
    assert!(err.to_string().contains(error), "{err}");
    assert_eq!(old.unwrap(), "old");
    assert_eq!(left, ["out.txt"]);
}

/// A tmpfs remounted read-only, for when the tests run as root.
fn read_only_mount_keeps_the_old_file(dir: &Path) {
    failed_write_keeps_the_old_file(dir, &["-o", "remount,ro"], b"new", "Read-only file system");
}

/// A full disk, made with a tiny tmpfs; needs root and mount, skipped otherwise.
#[test]
fn a_full_disk_keeps_the_old_file_and_leaves_no_debris() {
    let dir = tempfile::tempdir().unwrap();
    let big = vec![b'x'; 256 * 1024];
    failed_write_keeps_the_old_file(dir.path(), &[], &big, "No space left on device");
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gut-skin-viewer"))
}

#[test]
fn the_cli_exports_to_a_file_and_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("section.md");
    let status = bin()
        .args(["export", "--section", "probiotics-vs-prebiotics", "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.starts_with("# Probiotics vs\\. Prebiotics"),
        "the .md extension picks Markdown"
    );
    check_golden("probiotics-vs-prebiotics.md", &written);

    let stdout = bin()
        .args([
            "export",
            "--section",
            "gut-health-and-skin-conditions",
            "--width",
            "80",
            "-o",
            "-",
        ])
        .output()
        .unwrap();
    assert!(stdout.status.success());
    check_golden(
        "gut-health-and-skin-conditions.txt",
        &String::from_utf8(stdout.stdout).unwrap(),
    );

    let all = bin()
        .args(["export", "--all", "--format", "md"])
        .output()
        .unwrap();
    let all = String::from_utf8(all.stdout).unwrap();
    assert!(all.starts_with("# The Gut-Skin Axis"));
    assert_eq!(
        all.matches("\n## ").count(),
        8,
        "six sections, the guidance and the references"
    );
}

#[test]
fn the_cli_names_the_valid_ids_for_an_unknown_one_and_fails_cleanly_on_bad_targets() {
    let out = bin()
        .args(["export", "--section", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no section with id \"nope\""));
    assert!(err.contains("  probiotics-vs-prebiotics\n"));

    let dir = tempfile::tempdir().unwrap();
    for (target, why) in [
        (
            dir.path().join("missing/x.txt"),
            "the folder does not exist",
        ),
        (dir.path().to_path_buf(), "is a folder, not a file"),
    ] {
        let out = bin()
            .args(["export", "--all", "-o"])
            .arg(&target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(
            String::from_utf8(out.stderr).unwrap().contains(why),
            "{why}"
        );
    }
}
