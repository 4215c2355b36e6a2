//! The article `new` writes: small, valid, and commented, showing every feature of the
//! format once.

use std::path::Path;

use crate::article::write::{WriteError, make_folder, write_atomic};

const ARTICLE: &str = r#"// article.ron: the article's id, title, lede and sections, in reading order.
// The README describes every field. `gut-skin-viewer check DIR` checks the folder;
// `gut-skin-viewer DIR` opens it and reloads it as you save.
(
    // A short name for the article, such as its title in lower case with hyphens.
    id: "@ID@",
    title: @TITLE@,
    // Paragraphs shown before the first section (optional).
    lede: [
        Paragraph("A sentence or two that says what the article is about."),
    ],
    sections: [
        (
            id: "first-section",
            title: "The First Section",
            blocks: [
                // Running text is one string. [1] cites reference 1; [1, 2] and [2–3] cite
                // several. *…* is emphasis (species names, say), <https://…> is a link, and a
                // backslash makes a bracket plain: \\[not a citation].
                Paragraph("Fermented foods contain live bacteria such as *Lactobacillus plantarum*. [1] Several reviews agree. [1, 2]"),
                Paragraph("More is at <https://example.org/fermented-foods>, and a bracket written \\[like this] is plain text."),
                // A quotation mark inside the text is a curly one, or a straight one after a
                // backslash: a straight " alone would end the string.
                Paragraph("Some call the gut “the second brain”; others say \"the gut-skin axis\"."),
                // A list of terms and their descriptions.
                Entries([
                    (
                        term: "Yoghurt",
                        description: "A fermented milk. [2–3]",
                    ),
                    (
                        term: "Kimchi",
                        description: "Fermented cabbage and radish.",
                    ),
                ]),
            ],
        ),
        (
            id: "second-section",
            title: "The Second Section",
            blocks: [
                // The long form, a list of runs, is also accepted and means the same:
                Paragraph([Text("Fibre feeds gut bacteria. "), Cite(3)]),
            ],
        ),
    ],
)
"#;

const REFERENCES: &str = r#"// references.ron: the reference list. `number` and `printed` (the citation exactly as the
// article prints it) are all that is needed: DOI, PMID, PMCID, ISSN and URL are found in
// the printed text, and the reader links them. These three are examples: replace them.
[
    (
        number: 1,
        printed: "Smythe P, Wilkinson HN. The Skin Microbiome: Current Landscape and Future Opportunities. Int J Mol Sci. 2023;24(4):3950. doi: 10.3390/ijms24043950. PMID: 36835363; PMCID: PMC9963692.",
    ),
    // Fields may also be given one by one; they are shown on the reference's card.
    (
        number: 2,
        authors: ["Munteanu C", "Turti S", "Marza SM"],
        title: "Unraveling the Gut–Skin Axis: The Role of Microbiota in Skin Health and Disease",
        source: "Cosmetics",
        date: "2025",
        volume: "12",
        issue: "4",
        pages: "167",
        doi: "10.3390/cosmetics12040167",
        printed: "Munteanu, C., Turti, S., & Marza, S. M. (2025). Unraveling the Gut–Skin Axis: The Role of Microbiota in Skin Health and Disease. Cosmetics, 12(4), 167. https://doi.org/10.3390/cosmetics12040167",
    ),
    (
        number: 3,
        printed: "Example Org. Fibre and the microbiome. Available from: https://example.org/fibre",
        // Flaws in the data, shown to readers beside the reference (optional).
        notes: ["An example reference: replace it."],
    ),
]
"#;

const GUIDANCE: &str = r#"// guidance.ron: the guidance panel beside the article. The whole file is optional, and so
// is each part: leave a part out and the panel does not show it. `section` is the id of the
// section a "Read in article" link opens.
(
    foods: [
        (
            name: "Yoghurt",
            examples: ["natural yoghurt", "kefir"],
            nutrients: ["live cultures"],
            text: "A fermented milk. [2]",
            cites: [2],
            section: "first-section",
        ),
    ],
    biotics: (
        intro: "Probiotics and prebiotics work together.",
        probiotics: "Live bacteria. [1]",
        prebiotics: "Fibres that feed them. [3]",
        topical: "Probiotics in skincare.",
        pairing: "Take one, use the other.",
        section: "first-section",
    ),
    disruptors: (
        names: ["Antibiotics", "Stress"],
        text: "Both upset the balance of gut bacteria.",
        section: "second-section",
    ),
    barrier_note: (
        text: "A short passage about the skin barrier.",
        section: "second-section",
    ),
)
"#;

/// Writes the three files into `dir`, made if missing. Refuses a folder that already holds
/// an article file.
pub fn write(dir: &Path, title: &str) -> Result<(), WriteError> {
    let names = crate::article::load::FILE_NAMES;
    if let Some(existing) = names.iter().map(|n| dir.join(n)).find(|p| p.exists()) {
        return Err(WriteError::Exists(existing));
    }
    make_folder(dir)?;
    let id = match crate::article::ident::slug(title) {
        s if s.is_empty() => "new-article".to_owned(),
        s => s,
    };
    let quoted = ron::to_string(title).map_err(|e| WriteError::Encode {
        what: "the title",
        message: e.to_string(),
        path: dir.join(names[0]),
    })?;
    let article = ARTICLE.replace("@ID@", &id).replace("@TITLE@", &quoted);
    for (name, text) in names.iter().zip([article.as_str(), REFERENCES, GUIDANCE]) {
        write_atomic(&dir.join(name), text.as_bytes())?;
    }
    Ok(())
}
