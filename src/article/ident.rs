//! Identifiers: in a printed citation, DOI, PubMed id, PubMed Central id, ISSN and web address,
//! found in the text and written in one canonical form each; whether a link may be opened; and
//! the slugs that section and article ids are made from.

use std::sync::LazyLock;

use regex_lite::Regex;

/// The kinds of identifier a reference carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Doi,
    Pmid,
    Pmcid,
    Issn,
    Url,
}

impl Kind {
    /// The field of `references.ron` that holds it.
    pub fn field(self) -> &'static str {
        match self {
            Kind::Doi => "doi",
            Kind::Pmid => "pmid",
            Kind::Pmcid => "pmcid",
            Kind::Issn => "issn",
            Kind::Url => "url",
        }
    }

    /// What a reader calls it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Doi => "DOI",
            Kind::Pmid => "PubMed id",
            Kind::Pmcid => "PubMed Central id",
            Kind::Issn => "ISSN",
            Kind::Url => "address",
        }
    }

    /// What a well-formed one is, for a message.
    pub fn example(self) -> &'static str {
        match self {
            Kind::Doi => "10., a number, a slash, then the rest, as in 10.3390/ijms24043950",
            Kind::Pmid => "digits only, as in 36835363",
            Kind::Pmcid => "PMC and digits, as in PMC9963692",
            Kind::Issn => "four digits, a hyphen, three digits and a digit or X, as in 0738-081X",
            Kind::Url => "https://example.org/page",
        }
    }

    pub const ALL: [Kind; 5] = [Kind::Doi, Kind::Pmid, Kind::Pmcid, Kind::Issn, Kind::Url];
}

/// The patterns are constants that the tests below compile.
#[allow(clippy::expect_used)]
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a constant pattern")
}

static DOI: LazyLock<Regex> = LazyLock::new(|| regex(r"\b10\.[0-9]{4,9}/[^\s]+"));
static DOI_WHOLE: LazyLock<Regex> = LazyLock::new(|| regex(r"^10\.[0-9]{4,9}/[^\s]+$"));
static PMID: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\bPMID:?\s*([0-9]{1,9})\b"));
static PMCID: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)(?:\bPMCID:?\s*(PMC)?|(?:^|[\s(;,])(PMC))([0-9]{1,9})\b"));
static ISSN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\bI?SSN:?\s*([0-9]{4}-[0-9]{3}[0-9X])\b"));
static ISSN_WHOLE: LazyLock<Regex> = LazyLock::new(|| regex(r"^[0-9]{4}-[0-9]{3}[0-9X]$"));
static URL: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\bhttps?://[^\s<>]+"));

/// Trailing punctuation that ends a sentence, not an identifier.
fn trim_end(s: &str) -> &str {
    s.trim_end_matches(['.', ',', ';', ':', ')', ']', '"', '\'', '”', '’'])
}

/// Whether a URL points at the DOI resolver, and so stands for a DOI.
fn doi_url(url: &str) -> Option<&str> {
    let lower = url.to_ascii_lowercase();
    [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
    ]
    .iter()
    .find(|p| lower.starts_with(*p))
    .map(|p| &url[p.len()..])
}

/// The identifier of `kind` that `printed` contains, in canonical form.
pub fn find(kind: Kind, printed: &str) -> Option<String> {
    // A cheap look for the identifier's mark first: most citations lack most kinds.
    let mark = match kind {
        Kind::Doi => "10.",
        Kind::Pmid => "PMID",
        Kind::Pmcid => "PMC",
        Kind::Issn => "SSN",
        Kind::Url => "://",
    };
    let has_mark = if mark.bytes().any(|b| b.is_ascii_alphabetic()) {
        printed
            .as_bytes()
            .windows(mark.len())
            .any(|w| w.eq_ignore_ascii_case(mark.as_bytes()))
    } else {
        printed.contains(mark)
    };
    if !has_mark {
        return None;
    }
    match kind {
        Kind::Doi => DOI.find(printed).map(|m| trim_end(m.as_str()).to_owned()),
        Kind::Pmid => PMID.captures(printed).map(|c| c[1].to_owned()),
        // "PMCID: PMC123", "PMCID: 123" or a lone "PMC123": the number, with its PMC.
        Kind::Pmcid => PMCID.captures(printed).map(|c| format!("PMC{}", &c[3])),
        Kind::Issn => ISSN.captures(printed).map(|c| c[1].to_ascii_uppercase()),
        Kind::Url => URL
            .find_iter(printed)
            .map(|m| trim_end(m.as_str()))
            .find(|u| doi_url(u).is_none())
            .map(str::to_owned),
    }
}

/// A field's value in canonical form: a `doi.org` address or `doi:` becomes a bare DOI,
/// "PMID: n" becomes n, a bare PubMed Central number gets its `PMC`. Err with the value as
/// given when it is not an identifier of that kind.
pub fn normalise(kind: Kind, value: &str) -> Result<String, String> {
    let v = value.trim();
    let bad = || Err(v.to_owned());
    match kind {
        Kind::Doi => {
            let bare = doi_url(v).unwrap_or(v);
            let lower = bare.to_ascii_lowercase();
            let bare = if lower.starts_with("doi:") {
                bare[4..].trim_start()
            } else {
                bare
            };
            if DOI_WHOLE.is_match(bare) {
                Ok(bare.to_owned())
            } else {
                bad()
            }
        }
        Kind::Pmid => {
            let upper = v.to_ascii_uppercase();
            let n = upper
                .strip_prefix("PMID")
                .map_or(v, |_| v[4..].trim_start_matches(':').trim());
            if !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit()) {
                Ok(n.to_owned())
            } else {
                bad()
            }
        }
        Kind::Pmcid => {
            let upper = v.to_ascii_uppercase();
            let upper = upper
                .strip_prefix("PMCID:")
                .map_or(upper.as_str(), str::trim);
            let digits = upper.strip_prefix("PMC").unwrap_or(upper);
            if !digits.is_empty() && digits.len() <= 9 && digits.bytes().all(|b| b.is_ascii_digit())
            {
                Ok(format!("PMC{digits}"))
            } else {
                bad()
            }
        }
        Kind::Issn => {
            let upper = v.to_ascii_uppercase();
            let bare = upper
                .strip_prefix("ISSN")
                .map_or(upper.as_str(), |r| r.trim_start_matches(':').trim());
            if ISSN_WHOLE.is_match(bare) {
                Ok(bare.to_owned())
            } else {
                bad()
            }
        }
        Kind::Url => {
            if is_web_url(v) {
                Ok(v.to_owned())
            } else {
                bad()
            }
        }
    }
}

/// What a reference's printed citation says about itself when the file gives only that:
/// a title guess, the printed text without its identifiers and links.
pub fn title_guess(printed: &str) -> String {
    let mut text = printed.to_owned();
    for cut in ["Available from:", "Available at:", "Retrieved from"] {
        if let Some(i) = text.find(cut) {
            text.truncate(i);
        }
    }
    let text = URL.replace_all(&text, "");
    let text = DOI.replace_all(&text, "");
    let text = PMID.replace_all(&text, "");
    let text = PMCID.replace_all(&text, "");
    let mut text = text.replace("doi:", "").replace("DOI:", "");
    while text.contains("  ") {
        text = text.replace("  ", " ");
    }
    let trimmed = text.trim().trim_end_matches([' ', '.', ',', ';', ':']);
    if trimmed.is_empty() {
        printed.trim().to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// Whether a URL may be opened: http or https only.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !url.contains(char::is_whitespace))
}

/// A slug for an id: lower-case ASCII words joined by hyphens, accents dropped, at most
/// about 48 characters, cut at a word.
pub fn slug(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.nfkd() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if !unicode_normalization::char::is_combining_mark(c) && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let mut out = String::new();
    for w in words {
        if !out.is_empty() && out.len() + 1 + w.len() > 48 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const REF1: &str = "Smythe P, Wilkinson HN. The Skin Microbiome: Current Landscape and Future Opportunities. Int J Mol Sci. 2023 Feb 16;24(4):3950. doi: 10.3390/ijms24043950. PMID: 36835363; PMCID: PMC9963692.. Available from: https://pmc.ncbi.nlm.nih.gov/articles/PMC9963692/";

    #[test]
    fn identifiers_are_found_in_a_printed_citation() {
        assert_eq!(
            find(Kind::Doi, REF1).as_deref(),
            Some("10.3390/ijms24043950")
        );
        assert_eq!(find(Kind::Pmid, REF1).as_deref(), Some("36835363"));
        assert_eq!(find(Kind::Pmcid, REF1).as_deref(), Some("PMC9963692"));
        assert_eq!(
            find(Kind::Url, REF1).as_deref(),
            Some("https://pmc.ncbi.nlm.nih.gov/articles/PMC9963692/")
        );
        let apa = "Cosmetics, 12(4), 167. https://doi.org/10.3390/cosmetics12040167";
        assert_eq!(
            find(Kind::Doi, apa).as_deref(),
            Some("10.3390/cosmetics12040167")
        );
        assert_eq!(find(Kind::Url, apa), None, "a doi.org address is the DOI");
        // A PMC number inside an address is not the article's PMCID.
        assert_eq!(find(Kind::Pmcid, "https://x.org/PMC9311318/a.pdf"), None);
        assert_eq!(
            find(Kind::Pmcid, "PMID: 20847294; PMCID: 3063582.").as_deref(),
            Some("PMC3063582")
        );
        assert_eq!(
            find(Kind::Pmcid, "(pmc3063582)").as_deref(),
            Some("PMC3063582")
        );
        assert_eq!(
            find(Kind::Issn, "Pages 829-839, SSN 0738-081X.").as_deref(),
            Some("0738-081X")
        );
    }

    #[test]
    fn fields_are_normalised() {
        assert_eq!(
            normalise(Kind::Doi, "https://doi.org/10.1000/x").unwrap(),
            "10.1000/x"
        );
        assert_eq!(
            normalise(Kind::Doi, "doi: 10.1007/s1").unwrap(),
            "10.1007/s1"
        );
        assert_eq!(normalise(Kind::Pmid, "PMID: 26762459").unwrap(), "26762459");
        assert_eq!(normalise(Kind::Pmcid, "9963692").unwrap(), "PMC9963692");
        assert_eq!(normalise(Kind::Pmcid, "pmc9963692").unwrap(), "PMC9963692");
        assert_eq!(
            normalise(Kind::Issn, "ISSN 1874-3722").unwrap(),
            "1874-3722"
        );
        for (kind, bad) in [
            (Kind::Doi, "10.1/x"),
            (Kind::Doi, "not a doi"),
            (Kind::Pmid, "PMID 12a"),
            (Kind::Pmcid, "PMCX1"),
            (Kind::Issn, "12345"),
            (Kind::Url, "ftp://x"),
        ] {
            assert_eq!(normalise(kind, bad), Err(bad.to_owned()), "{bad}");
        }
    }

    #[test]
    fn a_title_is_guessed_from_the_printed_text() {
        assert_eq!(
            title_guess(
                "Porter, J. (2025). Unlocking fermented foods. Available from: https://x.org/a"
            ),
            "Porter, J. (2025). Unlocking fermented foods"
        );
    }
}
