//! The man page and shell completions, generated from the clap definitions in [`crate::cli`]
//! so that they never drift from `--help`. `gut-skin-viewer generate-docs DIR` (hidden) writes
//! them into `assets/`, which keeps the copies the package installs; a test checks they are
//! current.

use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The generated files: a name relative to the output folder, and its contents.
pub fn files() -> Result<Vec<(String, Vec<u8>)>, std::io::Error> {
    let mut cmd = Cli::command();
    let name = cmd.get_name().to_string();
    let mut man = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut man)?;
    let mut out = vec![(format!("man/{name}.1"), man)];
    for (shell, file) in [
        (Shell::Bash, name.clone()),
        (Shell::Zsh, format!("_{name}")),
        (Shell::Fish, format!("{name}.fish")),
    ] {
        let mut text = Vec::new();
        clap_complete::generate(shell, &mut cmd, &name, &mut text);
        out.push((format!("completions/{file}"), text));
    }
    Ok(out)
}

/// Writes [`files`] under `dir`, atomically each.
pub fn generate(dir: &Path) -> ExitCode {
    let files = match files() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: cannot render the man page: {e}");
            return ExitCode::FAILURE;
        }
    };
    for (name, contents) in files {
        let path = dir.join(name);
        if let Err(e) = crate::article::write::write_making_folder(&path, &contents) {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
        println!("{}", path.display());
    }
    ExitCode::SUCCESS
}
