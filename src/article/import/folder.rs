//! Writing an imported article as a folder of RON files, each with the shared careful write.

use std::path::Path;

use super::*;
use crate::article::write::{WriteError, make_folder, write_atomic};

/// Writes `article.ron` and `references.ron` into `dir`, made if missing. Refuses a folder
/// that already holds an article, so that nothing of the user's is overwritten.
pub fn write_folder(dir: &Path, imported: &Imported) -> Result<(), WriteError> {
    if dir.join("article.ron").exists() || dir.join("references.ron").exists() {
        return Err(WriteError::HoldsArticle(dir.to_path_buf()));
    }
    make_folder(dir)?;
    let article = article_ron(&imported.article).map_err(|message| WriteError::Encode {
        what: "the article",
        message,
        path: dir.join("article.ron"),
    })?;
    let references = references_ron(&imported.references);
    for (name, text) in [("article.ron", article), ("references.ron", references)] {
        write_atomic(&dir.join(name), text.as_bytes())?;
    }
    Ok(())
}

/// `article.ron` text, running text in the short form.
pub fn article_ron(article: &ArticleFile) -> Result<String, String> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("    ".to_owned());
    let body = ron::ser::to_string_pretty(article, config).map_err(|e| e.to_string())?;
    Ok(format!(
        "// The article: its title, lede and sections in reading order.\n\
         // Running text is one string: [n] cites reference n, *…* is emphasis,\n\
         // <https://…> is a link, and \\\\[ a plain bracket.\n{body}\n"
    ))
}

/// `references.ron` text: each reference as its number and printed citation; the reader
/// finds DOI, PubMed, PMC and web links in the printed text.
pub fn references_ron(references: &[Reference]) -> String {
    let mut out = String::from(
        "// The references, numbered as the article numbers them. `printed` is the citation as\n\
         // the article prints it; DOI, PMID, PMCID, ISSN and URL are found in it. Fields such\n\
         // as authors, title, source and date may be added; see the README.\n[\n",
    );
    for r in references {
        let printed = ron::to_string(&r.printed).unwrap_or_else(|_| "\"\"".to_owned());
        out.push_str(&format!(
            "    (\n        number: {},\n        printed: {printed},\n    ),\n",
            r.number
        ));
    }
    out.push_str("]\n");
    out
}
