//! The notes file: one JSON file per article in the reader's data folder
//! (`$XDG_DATA_HOME/gut-skin-viewer/notes/`), written whole and atomically on every change.
//! A file that cannot be read is set aside under a new name, never dropped.
//!
//! Embedded and folder articles are told apart by the file's name: `embedded-ID.json` for
//! the built-in article, `ID-HASH.json` for a folder, where HASH is the CRC-32 of the
//! folder's canonical path; the file names the article's id, title and folder too.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Annotation;
use crate::article::model::Article;
use crate::article::write::{WriteError, write_making_folder};

/// The format's name and version, the file's first field.
pub const FORMAT: &str = "gut-skin-viewer notes 1";

/// The notes of one article, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotesFile {
    pub format: String,
    pub article: ArticleRef,
    #[serde(default)]
    pub annotations: Vec<Annotation>,
}

/// Which article the notes are of.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRef {
    pub id: String,
    pub title: String,
    /// The article's folder; absent for the built-in article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
}

impl ArticleRef {
    /// The article `article`, from `folder` or built in (None).
    pub fn new(article: &Article, folder: Option<&Path>) -> Self {
        Self {
            id: article.id.clone(),
            title: article.title.clone(),
            path: folder.map(canonical),
        }
    }

    /// The notes file's name for this article.
    pub fn file_name(&self) -> String {
        let id = safe(&self.id);
        match &self.path {
            None => format!("embedded-{id}.json"),
            Some(p) => format!(
                "{id}-{:08x}.json",
                crc32fast::hash(p.as_os_str().as_encoded_bytes())
            ),
        }
    }

    /// A URI for the article (the Web Annotation export's source): its folder's `file:` URI,
    /// or a URN for the built-in article.
    pub fn uri(&self) -> String {
        match &self.path {
            Some(p) => format!("file://{}", uri_path(p)),
            None => format!("urn:gut-skin-viewer:article:{}", self.id),
        }
    }
}

fn canonical(p: &Path) -> PathBuf {
    let folder = if p.is_file() {
        p.parent().unwrap_or(p)
    } else {
        p
    };
    std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf())
}

/// An id made safe for a file name.
fn safe(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    if s.is_empty() { "article".into() } else { s }
}

/// A path percent-encoded for a `file:` URI (RFC 8089): unreserved characters and `/` kept.
fn uri_path(p: &Path) -> String {
    let mut out = String::new();
    for b in p.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(*b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The folder notes are kept in: `$XDG_DATA_HOME/gut-skin-viewer/notes`.
pub fn notes_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("gut-skin-viewer").join("notes"))
}

/// Why a notes file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: cannot read the notes file: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: the notes file is damaged: {message}")]
    Damaged {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}: not a notes file of this program (its format is {found:?}, expected {FORMAT:?})"
    )]
    Format { path: PathBuf, found: String },
}

/// Reads the notes file at `path`: None where there is none yet.
pub fn read(path: &Path) -> Result<Option<NotesFile>, ReadError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(ReadError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    parse(&text, path).map(Some)
}

/// Parses a notes file's text; `path` is for messages.
pub fn parse(text: &str, path: &Path) -> Result<NotesFile, ReadError> {
    let file: NotesFile = serde_json::from_str(text).map_err(|e| ReadError::Damaged {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned(),
    })?;
    if file.format != FORMAT {
        return Err(ReadError::Format {
            path: path.to_path_buf(),
            found: file.format,
        });
    }
    Ok(file)
}

/// The file's text: pretty JSON, a line break at the end.
pub fn to_json(file: &NotesFile) -> String {
    let mut text = serde_json::to_string_pretty(file).unwrap_or_default();
    text.push('\n');
    text
}

/// The text of a notes file holding `annotations` of `article`, without copying them into a
/// [`NotesFile`] first.
pub fn render(article: &ArticleRef, annotations: &[Annotation]) -> String {
    /// [`NotesFile`], borrowed: the same fields in the same order.
    #[derive(Serialize)]
    struct Borrowed<'a> {
        format: &'a str,
        article: &'a ArticleRef,
        annotations: &'a [Annotation],
    }
    let file = Borrowed {
        format: FORMAT,
        article,
        annotations,
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the notes file atomically (a new file renamed over the old one), making its folder.
pub fn write(path: &Path, file: &NotesFile) -> Result<(), WriteError> {
    write_making_folder(path, to_json(file).as_bytes()).map(|_| ())
}

/// Renames a notes file that cannot be read to `NAME.damaged-TIME`, so that the next save
/// does not overwrite it. Returns the new name.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = jiff::Timestamp::now().as_second();
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".damaged-{stamp}"));
    let aside = PathBuf::from(aside);
    std::fs::rename(path, &aside)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> NotesFile {
        NotesFile {
            format: FORMAT.into(),
            article: ArticleRef {
                id: "gut-skin".into(),
                title: "T".into(),
                path: None,
            },
            annotations: Vec::new(),
        }
    }

    #[test]
    fn round_trip_and_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n").join("a.json");
        assert!(read(&path).unwrap().is_none());
        let mut f = file();
        let text = "The gut and the skin.";
        f.annotations.push(Annotation::new(
            Some("one".into()),
            text,
            4..7,
            super::super::Colour::Blue,
        ));
        write(&path, &f).unwrap();
        assert_eq!(read(&path).unwrap(), Some(f));
        std::fs::write(
            &path,
            "{\n  \"format\": \"gut-skin-viewer notes 1\",\n  \"article\": 3\n}",
        )
        .unwrap();
        let e = read(&path).unwrap_err().to_string();
        assert!(e.contains("a.json:3:"), "{e}");
        let aside = set_aside(&path).unwrap();
        assert!(aside.exists() && !path.exists());
    }

    #[test]
    fn names_tell_articles_apart() {
        let f = file();
        assert_eq!(f.article.file_name(), "embedded-gut-skin.json");
        let a = ArticleRef {
            path: Some("/a/b c".into()),
            ..f.article.clone()
        };
        let b = ArticleRef {
            path: Some("/a/d".into()),
            ..f.article
        };
        assert_ne!(a.file_name(), b.file_name());
        assert_eq!(a.uri(), "file:///a/b%20c");
        assert_eq!(safe("a/b"), "a_b");
    }
}
