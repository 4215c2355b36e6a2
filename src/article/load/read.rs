//! Reading an article's files: a folder's three files (the guidance may be missing), each
//! bounded in size and decoded as UTF-8, with a located problem for whatever goes wrong.

use std::path::Path;

use super::*;

/// Reads the three files of an article folder, bounded, as UTF-8.
pub fn read_dir(path: &Path) -> Result<Texts, LoadError> {
    let dir = article_dir(path);
    if !dir.is_dir() {
        let message = if dir.exists() {
            "not an article folder or one of its .ron files"
        } else {
            "no such file or folder"
        };
        return Err(LoadError::single(error(
            &dir.display().to_string(),
            None,
            message,
        )));
    }
    let mut problems = Vec::new();
    let mut names: [String; 3] = Default::default();
    let mut texts: [String; 3] = Default::default();
    for (i, name) in FILE_NAMES.iter().enumerate() {
        let file = dir.join(name);
        names[i] = file.display().to_string();
        // An article need not have guidance: no guidance.ron is an empty one.
        if *name == GUIDANCE_FILE && !file.exists() && file.symlink_metadata().is_err() {
            texts[i] = "()".to_owned();
            continue;
        }
        match read_bounded(&file) {
            Ok(text) => texts[i] = text,
            Err(p) => problems.push(p),
        }
    }
    if problems.is_empty() {
        Ok(Texts { names, texts })
    } else {
        Err(LoadError { problems })
    }
}

/// Reads one file as UTF-8, refusing one over [`MAX_FILE_BYTES`].
pub fn read_bounded(path: &Path) -> Result<String, Problem> {
    use std::io::Read;
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| error(&name, None, &io_message(&e)))?;
    let mut bytes = Vec::new();
    // One byte past the limit tells a file at the limit from one over it.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| error(&name, None, &io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let limit = MAX_FILE_BYTES / (1024 * 1024);
        return Err(error(
            &name,
            None,
            &format!("file is larger than the {limit} MiB limit"),
        ));
    }
    decode(&name, bytes)
}

/// UTF-8 text from bytes, or an error at the first byte that is not UTF-8. A byte-order mark
/// (which some Windows editors write) is dropped.
pub fn decode(name: &str, mut bytes: Vec<u8>) -> Result<String, Problem> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let at = position(&prefix, prefix.len());
        error(name, Some(at), "the file is not UTF-8 text (binary data?)")
    })
}

pub(super) fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".to_owned(),
        std::io::ErrorKind::IsADirectory => "is a folder, not a file".to_owned(),
        _ => format!("cannot read: {e}"),
    }
}
