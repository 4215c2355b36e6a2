//! The files that install the reader as a desktop app: the generated man page and completions
//! in assets/ are what the clap definitions produce today, and every file the package lists
//! exists.

use std::path::Path;

#[test]
fn the_man_page_and_completions_in_assets_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for (name, contents) in gut_skin_viewer::cli::docs::files().unwrap() {
        let path = root.join(&name);
        let on_disk = std::fs::read(&path).unwrap_or_default();
        assert!(
            on_disk == contents,
            "{} is out of date: run `cargo run --release -- generate-docs assets`",
            path.display()
        );
    }
}

#[test]
fn the_man_page_documents_the_window_flags_and_subcommands() {
    let files = gut_skin_viewer::cli::docs::files().unwrap();
    let man = String::from_utf8(files[0].1.clone()).unwrap();
    for word in [
        "\\-\\-fresh",
        "\\-\\-screenshot",
        "check",
        "export",
        "search",
    ] {
        assert!(man.contains(word), "{word} missing from the man page");
    }
    assert!(
        !man.contains("generate\\-docs"),
        "the hidden subcommand shows"
    );
}

#[test]
fn every_file_the_package_installs_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let deb = manifest
        .split("[package.metadata.deb]")
        .nth(1)
        .expect("a [package.metadata.deb] table");
    let mut listed = 0;
    for line in deb.lines().filter(|l| l.trim_start().starts_with("[\"")) {
        let source = line.trim_start().trim_start_matches("[\"");
        let source = &source[..source.find('"').unwrap()];
        listed += 1;
        if source.starts_with("target/") {
            continue;
        }
        assert!(
            root.join(source).is_file(),
            "{source} is listed but missing"
        );
    }
    assert!(listed >= 15, "only {listed} assets listed");
}
