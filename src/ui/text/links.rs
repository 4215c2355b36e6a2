//! Links: a web address, and a reference's card with its DOI, PubMed and web links.

use super::*;

/// A link that opens `url` in the browser when it is http or https, else plain text.
pub fn url_ui(ui: &mut Ui, text: impl Into<egui::WidgetText>, url: &str) -> Option<Action> {
    let text: egui::WidgetText = text.into();
    if crate::article::ident::is_web_url(url) {
        let response = ui.add(egui::Link::new(text)).on_hover_text(url);
        crate::ui::a11y::follow_focus(ui, &response);
        response.clicked().then(|| Action::OpenLink(url.to_owned()))
    } else {
        ui.label(format!("{}: {url}", text.text()))
            .on_hover_text("Not an http or https address, so it is not opened");
        None
    }
}

/// The full reference: authors, title, source and year, and its links.
pub fn reference_card_ui(ui: &mut Ui, r: &Reference) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.label(egui::RichText::new(format!("[{}] {}", r.number, r.authors_line())).weak());
    ui.label(egui::RichText::new(&r.title).strong());
    let source = r.source_line();
    if !source.is_empty() {
        ui.label(egui::RichText::new(source).italics());
    }
    links_ui(ui, r, &mut actions);
    for note in &r.notes {
        ui.label(egui::RichText::new(format!("Note: {note}")).small().weak());
    }
    actions
}

/// The DOI, PubMed, PMC and URL links of a reference, on one wrapped row.
pub fn links_ui(ui: &mut Ui, r: &Reference, actions: &mut Vec<Action>) {
    let links = r.links();
    if links.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let row = ui.max_rect().width();
        for (label, url) in links {
            let text = match label {
                "DOI" => format!("DOI {}", r.doi.as_deref().unwrap_or_default()),
                "PubMed" => format!("PubMed {}", r.pmid.as_deref().unwrap_or_default()),
                "PMC" => format!(
                    "PMC {}",
                    r.pmcid
                        .as_deref()
                        .unwrap_or_default()
                        .trim_start_matches("PMC")
                ),
                _ => host(&url).map_or_else(|| "Link".to_owned(), |h| format!("Link: {h}")),
            };
            let mode = whole_or_cut(ui, &text, row);
            if let Some(a) = with_wrap_mode(ui, mode, |ui| url_ui(ui, text.as_str(), &url)) {
                actions.push(a);
            }
        }
    });
}

/// The host part of a URL, for a short link label.
pub(super) fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())
}
