//! What a screen reader and a keyboard reader need beyond what egui's widgets give: headings,
//! named regions, a live status line, menu items with their shortcuts apart from their names,
//! and keyboard focus that stays visible, on screen and in the pane the reader is in.

use egui::accesskit::{Live, Node, Role};
use egui::{Id, Response, Ui, UiBuilder};

/// Changes the accessibility node of `id`, if accessibility is on and the widget is shown.
pub fn node(ui: &Ui, id: Id, f: impl FnOnce(&mut Node)) {
    ui.ctx().accesskit_node_builder(id, f);
}

/// Marks a label as a heading of `level` (1 for the article title).
pub fn heading(ui: &Ui, response: &Response, level: usize) {
    node(ui, response.id, |n| {
        n.set_role(Role::Heading);
        n.set_level(level);
        name_by_value(n);
    });
}

/// A named region of the window (a landmark a screen reader can jump to) around `add`.
///
/// Its id is fixed by its name, so that the ids of the widgets inside (and with them keyboard
/// focus and scroll positions) do not change when another panel opens or closes: egui numbers
/// the panels of a window in the order they are shown.
pub fn region<R>(
    ui: &mut Ui,
    role: Role,
    name: &str,
    pane: Option<Pane>,
    add: impl FnOnce(&mut Ui) -> R,
) -> R {
    let ctx = ui.ctx().clone();
    ctx.data_mut(|d| d.insert_temp(drawing_key(), pane));
    let inner = ui
        .scope_builder(
            UiBuilder::new()
                .scope_id(Id::unique(("region", name)))
                .accessibility_role(role)
                .accessibility_label(name),
            add,
        )
        .inner;
    ctx.data_mut(|d| d.insert_temp(drawing_key(), None::<Pane>));
    inner
}

fn drawing_key() -> Id {
    Id::unique("pane-being-drawn")
}

fn focus_pane_key() -> Id {
    Id::unique("pane-of-focus")
}

/// Makes a label a polite live region: a screen reader reads it out when it changes.
pub fn live(ui: &Ui, response: &Response) {
    node(ui, response.id, |n| {
        n.set_role(Role::Status);
        n.set_live(Live::Polite);
        name_by_value(n);
    });
}

/// egui gives a label its text as a value; a label given another role (a heading, a status)
/// is named by that text instead.
fn name_by_value(n: &mut Node) {
    if let Some(text) = n.value().map(str::to_owned) {
        n.clear_value();
        n.set_label(text);
    }
}

/// A menu entry: the role of a menu item, named by `name` alone, its shortcut apart.
pub fn menu_item(ui: &Ui, response: &Response, name: &str, shortcut: Option<String>) {
    node(ui, response.id, |n| {
        n.set_role(Role::MenuItem);
        n.set_label(name);
        if let Some(s) = shortcut {
            // AccessKit's AT-SPI layer does not pass the shortcut on yet; the description does.
            n.set_description(s.clone());
            n.set_keyboard_shortcut(s);
        }
    });
}

/// Gives a widget `role`, on or off: checked for menu entries, pressed for buttons.
fn toggled(ui: &Ui, response: &Response, role: Role, on: bool) {
    use egui::accesskit::Toggled;
    node(ui, response.id, |n| {
        n.set_role(role);
        n.clear_selected();
        n.set_toggled(if on { Toggled::True } else { Toggled::False });
    });
}

/// A menu entry that is one of a group of choices (the theme), checked or not.
pub fn menu_radio(ui: &Ui, response: &Response, checked: bool) {
    toggled(ui, response, Role::MenuItemRadio, checked);
}

/// A menu entry that turns something on or off (a panel), checked or not.
pub fn menu_check(ui: &Ui, response: &Response, checked: bool) {
    toggled(ui, response, Role::MenuItemCheckBox, checked);
}

/// A button that stays pressed while what it shows is on (a panel toggle).
pub fn toggle_button(ui: &Ui, response: &Response, pressed: bool) {
    toggled(ui, response, Role::Button, pressed);
}

/// Gives a button drawn as a symbol ("×", "A+") a name in words.
pub fn name(ui: &Ui, response: &Response, name: &str) {
    node(ui, response.id, |n| n.set_label(name));
}

fn scroll_key() -> Id {
    Id::unique("scroll-focus-into-view")
}

/// Gives keyboard focus to `id` and brings it into view on the next frame. (egui's own
/// "gained focus" does not fire for focus given this way between frames.)
pub fn give_focus(ctx: &egui::Context, id: Id) {
    ctx.memory_mut(|m| m.request_focus(id));
    ctx.data_mut(|d| d.insert_temp(scroll_key(), id));
    ctx.request_repaint();
}

/// Scrolls a widget into view when it gains keyboard focus, and rings it while it has it.
pub fn follow_focus(ui: &Ui, response: &Response) {
    if response.has_focus() {
        // Remember which pane holds focus, for F6 and the arrow keys.
        let ctx = ui.ctx();
        let pane: Option<Pane> = ctx.data(|d| d.get_temp(drawing_key())).flatten();
        ctx.data_mut(|d| d.insert_temp(focus_pane_key(), (response.id, pane)));
    }
    let asked: Option<Id> = ui.ctx().data(|d| d.get_temp(scroll_key()));
    if asked == Some(response.id) {
        // Focus given by the app (F6, a followed citation, Escape back), if it is not all in
        // view: to the top of the view, as the app's own scrolling to a reference does, so the
        // two agree. (At launch the heading is in view under the title, and stays there.)
        if !ui.clip_rect().contains_rect(response.rect) {
            response.scroll_to_me(Some(egui::Align::Min));
        }
        ui.ctx().data_mut(|d| d.remove::<Id>(scroll_key()));
    } else if response.gained_focus() {
        // Tab: only as far as needed.
        response.scroll_to_me(None);
    }
    if response.has_focus() {
        focus_ring(ui, response.rect);
    }
}

fn keyboard_key() -> Id {
    Id::unique("input-is-keyboard")
}

/// Call once a frame: notes whether the reader last used the keyboard or the pointer, so that
/// the focus ring shows for keyboard readers and not after every click (as `:focus-visible`).
pub fn note_input_kind(ctx: &egui::Context) {
    let kind = ctx.input(|i| {
        i.events.iter().rev().find_map(|e| match e {
            egui::Event::Key { pressed: true, .. } => Some(true),
            egui::Event::PointerButton { pressed: true, .. } => Some(false),
            _ => None,
        })
    });
    if let Some(keyboard) = kind {
        ctx.data_mut(|d| d.insert_temp(keyboard_key(), keyboard));
    }
}

/// Whether the reader last used the keyboard (see [`note_input_kind`]).
fn keyboard_in_use(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp(keyboard_key())).unwrap_or(false)
}

/// The ring drawn around whatever has keyboard focus, once the keyboard is in use.
pub fn focus_ring(ui: &Ui, rect: egui::Rect) {
    if !keyboard_in_use(ui.ctx()) {
        return;
    }
    let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
    ui.painter()
        .rect_stroke(rect.expand(2.0), 3.0, stroke, egui::StrokeKind::Outside);
}

fn last_focus_key() -> Id {
    Id::unique("last-focus")
}

/// The widget outside any popup that had focus last (egui drops focus on Escape; a key that
/// takes Escape for itself gives it back with this).
pub fn last_focus(ctx: &egui::Context) -> Option<Id> {
    ctx.data(|d| d.get_temp(last_focus_key()))
}

/// The panes that F6 moves between, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    Contents,
    Article,
    References,
    Guidance,
    Notes,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::Contents,
        Pane::Article,
        Pane::References,
        Pane::Guidance,
        Pane::Notes,
    ];

    fn key(self) -> Id {
        Id::unique(("pane", self as u8))
    }

    /// The landmark role and name a screen reader knows the pane by.
    fn landmark(self) -> (Role, &'static str) {
        match self {
            Pane::Contents => (Role::Navigation, "Contents"),
            Pane::Article => (Role::Main, "Article"),
            Pane::References => (Role::Region, "References"),
            Pane::Guidance => (Role::Complementary, "Guidance"),
            Pane::Notes => (Role::Complementary, "Notes"),
        }
    }

    /// Draws `add` as this pane's named region (see [`region`]).
    pub fn region<R>(self, ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
        let (role, name) = self.landmark();
        region(ui, role, name, Some(self), add)
    }
}

/// Called by each pane as it is drawn: the widget that F6 focuses there.
pub fn remember_pane(ui: &Ui, pane: Pane, entry: Id) {
    let pass = ui.ctx().cumulative_pass_nr();
    ui.ctx()
        .data_mut(|d| d.insert_temp(pane.key(), (pass, entry)));
}

/// The widget F6 focuses in `pane`, if the pane was drawn in the last pass.
pub fn pane_entry(ctx: &egui::Context, pane: Pane) -> Option<Id> {
    let pass = ctx.cumulative_pass_nr();
    let (drawn, entry): (u64, Id) = ctx.data(|d| d.get_temp(pane.key()))?;
    (drawn + 1 >= pass).then_some(entry)
}

/// The pane that holds keyboard focus now, if any.
pub fn focused_pane(ctx: &egui::Context) -> Option<Pane> {
    pane_of(ctx, ctx.memory(|m| m.focused())?)
}

/// The pane a focused widget was drawn in, as its last frame recorded (see [`follow_focus`]).
pub fn pane_of(ctx: &egui::Context, id: Id) -> Option<Pane> {
    let (seen, pane): (Id, Option<Pane>) = ctx.data(|d| d.get_temp(focus_pane_key()))?;
    (seen == id).then_some(pane).flatten()
}

/// F6 and Shift+F6: focus the next or previous pane that is shown.
pub fn cycle_panes(ctx: &egui::Context) {
    // Shift+F6 first: consume_key with no modifiers would take it too.
    let (backward, forward) = ctx.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::SHIFT, egui::Key::F6),
            i.consume_key(egui::Modifiers::NONE, egui::Key::F6),
        )
    });
    if !forward && !backward {
        return;
    }
    let shown: Vec<(Pane, Id)> = Pane::ALL
        .into_iter()
        .filter_map(|p| pane_entry(ctx, p).map(|entry| (p, entry)))
        .collect();
    if shown.is_empty() {
        return;
    }
    let here = focused_pane(ctx).and_then(|p| shown.iter().position(|(q, _)| *q == p));
    let next = match (here, forward) {
        (Some(i), true) => (i + 1) % shown.len(),
        (Some(i), false) => (i + shown.len() - 1) % shown.len(),
        // From nowhere (the menu bar, or nothing), F6 goes to the first pane, Shift+F6 the last.
        (None, true) => 0,
        (None, false) => shown.len() - 1,
    };
    give_focus(ctx, shown[next].1);
}

/// Call at the start of a frame. egui answers Escape by dropping keyboard focus, which leaves
/// a keyboard reader nowhere; this gives focus back to the widget that had it (or to
/// `fallback` if that widget was in a menu that Escape closed) and returns that widget.
/// The focused widget is remembered every frame for this.
pub fn keep_focus_on_escape(ctx: &egui::Context, fallback: Option<Id>) -> Option<Id> {
    let key = last_focus_key();
    let now = ctx.memory(|m| m.focused());
    let escaped = ctx.input(|i| i.key_pressed(egui::Key::Escape));
    match now {
        Some(id) => {
            // Widgets in popups (menus) close with them; remember the widget outside.
            let in_popup = ctx.read_response(id).is_some_and(|r| {
                matches!(
                    r.layer_id.order,
                    egui::Order::Foreground | egui::Order::Tooltip | egui::Order::Debug
                )
            });
            if !in_popup {
                ctx.data_mut(|d| d.insert_temp(key, id));
            }
            None
        }
        None if escaped => {
            let last: Option<Id> = ctx.data(|d| d.get_temp(key));
            let back = last.or(fallback)?;
            give_focus(ctx, back);
            Some(back)
        }
        None => None,
    }
}

fn citation_key() -> Id {
    Id::unique("citation-to-return-to")
}

/// Remembers the citation that was followed, for Back and Escape to return to.
pub fn remember_citation(ctx: &egui::Context, id: Id) {
    ctx.data_mut(|d| d.insert_temp(citation_key(), id));
}

/// The citation followed last, if it is still on screen.
pub fn citation_to_return_to(ctx: &egui::Context) -> Option<Id> {
    let id: Id = ctx.data(|d| d.get_temp(citation_key()))?;
    ctx.read_response(id).map(|_| id)
}

/// egui's panel separators take keyboard focus (a screen reader can resize panels through
/// them) but draw nothing when focused; this marks the focused one.
pub fn show_focused_separator(ui: &Ui) {
    let Some(id) = ui.ctx().memory(|m| m.focused()) else {
        return;
    };
    let Some(response) = ui.ctx().read_response(id) else {
        return;
    };
    let rect = response.rect;
    let thin = rect.width().min(rect.height()) < 12.0;
    if rect.is_finite() && rect.is_positive() && thin && keyboard_in_use(ui.ctx()) {
        let painter = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            Id::unique("focused-separator"),
        ));
        painter.rect_filled(rect, 2.0, ui.visuals().selection.stroke.color);
    }
}

/// Arrow keys do not move focus between widgets in the window's panes, as egui does by
/// default (across panels, to whatever lies nearest in that direction): the reading keys use
/// them for sections, the references list for its entries. In menus and popups they still do.
pub fn keep_arrows_in_panes(ctx: &egui::Context) {
    let arrow = ctx.input(|i| {
        i.events.iter().any(|e| {
            matches!(
                e,
                egui::Event::Key {
                    key: egui::Key::ArrowUp
                        | egui::Key::ArrowDown
                        | egui::Key::ArrowLeft
                        | egui::Key::ArrowRight,
                    pressed: true,
                    modifiers,
                    ..
                } if modifiers.is_none()
            )
        })
    });
    if !arrow || ctx.text_edit_focused() {
        return;
    }
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    let in_window = ctx
        .read_response(id)
        .is_some_and(|r| r.layer_id.order == egui::Order::Background);
    if in_window {
        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
}

/// Sets a node's bounds to `rect`: egui leaves a `Ui` registered before its size was known
/// (a list entry laid out as a scope) at zero size.
pub fn set_bounds(ui: &Ui, id: Id, rect: egui::Rect) {
    // In points, as egui gives every node: the root's transform scales them to pixels.
    node(ui, id, |n| {
        n.set_bounds(egui::accesskit::Rect {
            x0: f64::from(rect.min.x),
            y0: f64::from(rect.min.y),
            x1: f64::from(rect.max.x),
            y1: f64::from(rect.max.y),
        });
    });
}
