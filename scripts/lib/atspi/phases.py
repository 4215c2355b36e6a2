"""The phases: the main walk, the key-press counts, and the notes checks."""

import difflib
import json
import os
import re
import subprocess
import sys
import time
import unicodedata

from .tree import *  # noqa: F401,F403
from .words import *  # noqa: F401,F403
from .article import *  # noqa: F401,F403
from .results import *  # noqa: F401,F403

def main_phase(pid, binary, win, res):
    if win:
        # A reader's window has the input focus; without it no node is ever focused.
        subprocess.run(["xdotool", "windowfocus", "--sync", win], capture_output=True, timeout=10)
        time.sleep(0.3)
    all_sections = sections(binary)
    article_title, ref_entries = article_title_and_references(binary)
    first_title = all_sections[0][1] if all_sections else None

    # 1. The full walk, at launch.
    snap = snapshot(pid)
    log(f"tree walk at launch: {len(snap.nodes)} nodes in {snap.seconds:.2f} s"
        f" ({snap.errors} read errors)")
    res.value("nodes", len(snap.nodes))

    # 2. The references panel: switched on if it is hidden (it is, after --fresh), so that the
    # checks below see all the panes.
    if snap.pane("references") is None:
        toggle = next((n for n in snap.nodes if n.name.strip() == "References"
                       and n.role in (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON,
                                      pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_CHECK_MENU_ITEM)), None)
        if toggle is not None:
            how = activate(toggle)
            log(f"references panel hidden at launch: switched on with {toggle.label()} ({how})")
            snap = wait_for(pid, lambda s: s.pane("references") is not None)
            log(f"tree walk with the references panel: {len(snap.nodes)} nodes in"
                f" {snap.seconds:.2f} s ({snap.errors} read errors)")
        else:
            log("references panel hidden at launch and no 'References' toggle found")

    w = snap.window()
    log(f"window: {w.label()}")
    counts = {}
    for n in snap.nodes:
        counts[n.role_name] = counts.get(n.role_name, 0) + 1
    log("roles: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))
    unknown = [n for n in snap.nodes if n.role == pyatspi.ROLE_UNKNOWN]
    for n in unknown:
        log(f"node of unknown role: {n.label()} in {n.parent.label() if n.parent else '?'}")
    # A node with no role is something egui made without saying what it is (a wrapped link's
    # second half was one): a reader landing on it hears nothing.
    res.check("no node of unknown role", not unknown, f"{len(unknown)} found")

    # Top bar: the menu (bar) and its items, then the rest of the bar.
    menus = [n for n in snap.nodes if n.role in (pyatspi.ROLE_MENU_BAR, pyatspi.ROLE_MENU)]
    for m in menus:
        items = ", ".join(f"{c.role_name} {c.name!r}" for c in m.children)
        log(f"menu: {m.role_name} {m.name!r} holds: {items or 'nothing'}")
    if not menus:
        log("menu: no node with role menu bar or menu")
    tops = snap.top_panes()
    if tops:
        bar = ", ".join(c.label() for c in tops[0].children
                        if c.role not in (pyatspi.ROLE_MENU, pyatspi.ROLE_MENU_BAR))
        log(f"top bar (first pane), other items: {bar}")

    # Nodes whose description repeats their name.
    same = [n for n in snap.nodes if n.name.strip() and n.desc.strip() == n.name.strip()]
    log(f"description equals name: {len(same)} nodes"
        + (": " + "; ".join(n.label() for n in same) if same else ""))

    # 3. Headings and named panes.
    heads = [n for n in snap.nodes if n.role == pyatspi.ROLE_HEADING]
    log(f"headings: {len(heads)}")
    for h in heads:
        level = h.attributes().get("level", "none")
        log(f"  heading level {level}: {h.name!r}")
    title_heading = any(h.name.strip() == article_title for h in heads)
    res.check("heading for the article title", title_heading,
              f"{'found' if title_heading else 'no'} heading named {article_title!r}")

    panes = snap.named_panes()
    log(f"named panes: {len(panes)}" + (": " + "; ".join(p.label() for p in panes) if panes else ""))
    names = {p.name.strip().casefold() for p in panes}
    wanted = ["Contents", "Article", "References", "Guidance"]
    lacking = [x for x in wanted if x.casefold() not in names]
    res.check("named panes Contents, Article, References, Guidance", not lacking,
              "all four found" if not lacking else "missing: " + ", ".join(lacking))
    found = {k: snap.pane(k, first_title) for k in ("contents", "article", "references", "guidance")}
    log("panes located: " + ", ".join(
        f"{k}={v.label() if v is not None else 'no'}" for k, v in found.items()))

    # 4. References.
    refs_pane = snap.pane("references")
    if refs_pane is not None:
        scope = snap.subtree(refs_pane)
    else:
        skip = [snap.pane("article", first_title), snap.pane("guidance")]
        scope = [n for n in snap.nodes if not any(p is not None and n.inside(p) for p in skip)]
    entry_texts = list(ref_entries.values())
    present = []
    for num in sorted(ref_entries) or range(1, 11):
        marker = re.compile(rf"^\s*(?:reference\s*)?\[?{num}\]?(?!\d)", re.IGNORECASE)
        bracket = re.compile(rf"^\s*\[{num}\](?!\d)")
        entry = ref_entries.get(num, "")
        unique = entry_texts.count(entry) == 1
        hit = False
        for n in scope:
            nm = n.name.strip()
            if not nm or (n.role == pyatspi.ROLE_LINK and CITATION_LINK.match(nm)
                          and nm.casefold().startswith("citation")):
                continue
            if bracket.match(nm) or (nm.casefold().startswith("reference") and marker.match(nm)):
                hit = True
            elif unique and len(nm) >= 20 and nm.casefold() in entry.casefold():
                hit = True
            if hit:
                break
        if hit:
            present.append(num)
    total = len(ref_entries) or 10
    log(f"references in the tree: {len(present)}/{total} ({' '.join(f'[{n}]' for n in present) or 'none'})"
        f"{'' if refs_pane is not None else ' (no References pane found; searched outside Article and Guidance)'}")
    res.check("all references in the tree", len(present) == total, f"{len(present)}/{total}")

    # 5. Every section: navigate with the sidebar, compare the words, check the heading.
    contents = snap.pane("contents")
    total_missing = total_moved = 0
    section_headings = 0
    citations = []  # (section index, section title, number), in the export's order
    problems = []
    for si, (sid, stitle) in enumerate(all_sections):
        cur = snapshot(pid)
        contents = cur.pane("contents")
        scope = cur.subtree(contents) if contents is not None else cur.nodes
        entry = next((n for n in scope if n.name.strip() == stitle), None) or next(
            (n for n in scope if stitle in n.name and n.role not in TEXT_ROLES), None)
        if entry is None:
            log(f"section {si + 1} {sid}: no sidebar entry named {stitle!r}")
            problems.append(sid)
            continue
        how = activate(entry)
        cur = wait_for(pid, lambda s: s.pane("article", stitle) is not None and any(
            n.role in TEXT_ROLES and n.name.strip() == stitle and n.inside(s.pane("article", stitle))
            for n in s.nodes))
        body = cur.pane("article", stitle)
        if body is None:
            log(f"section {si + 1} {sid}: after {how} on {entry.label()}, no pane shows {stitle!r}")
            problems.append(sid)
            continue
        ref = section_words(binary, sid)
        citations += [(si, stitle, int(w[1:-1])) for w in ref if CITATION_WORD.match(w)]
        hyp = tree_words(cur, body)
        missing, moved, first = compare(ref, hyp)
        total_missing += len(missing)
        total_moved += len(moved)
        line = (f"section {si + 1} {sid}: {len(ref)} export words, {len(hyp)} tree words;"
                f" missing {len(missing)}, out of order {len(moved)}")
        if first is not None:
            line += f"; first: {context(ref, first)}"
        log(line)
        for i in missing:
            log(f"    missing: {context(ref, i, 4, 2)}")
        for i in moved:
            log(f"    out of order: {context(ref, i, 4, 2)}")
        heads = [n for n in cur.nodes if n.role == pyatspi.ROLE_HEADING]
        has_heading = any(h.name.strip() == stitle for h in heads)
        section_headings += has_heading
        log(f"    heading for the section title: {'yes' if has_heading else 'no'}"
            f"; headings now: {', '.join(repr(short(h.name, 40)) for h in heads) or 'none'}")
        for n in cur.subtree(body):
            if n.role == pyatspi.ROLE_LINK:
                log(f"    link: {n.name!r} description {n.desc!r}")
    log(f"words missing in total: {total_missing}, out of order: {total_moved}"
        f" (goal 0; {len(all_sections) - len(problems)}/{len(all_sections)} sections compared)")
    res.value("words_missing", total_missing)
    res.check("every word of every section spoken in order",
              total_missing == 0 and total_moved == 0 and not problems,
              f"{total_missing} missing, {total_moved} out of order"
              + (f", sections not reached: {', '.join(problems)}" if problems else ""))
    res.check("a heading for each section title", section_headings == len(all_sections),
              f"{section_headings}/{len(all_sections)}")

    # 6. Citation activation: the article's last citation, then its first ([1]).
    picks = []
    if citations:
        picks.append(citations[-1])
        if citations[0] != citations[-1]:
            picks.append(citations[0])
    for si, stitle, num in picks:
        cur = snapshot(pid)
        contents = cur.pane("contents")
        scope = cur.subtree(contents) if contents is not None else cur.nodes
        entry = next((n for n in scope if n.name.strip() == stitle), None)
        if entry is not None:
            activate(entry)
            cur = wait_for(pid, lambda s: s.pane("article", stitle) is not None)
        body = cur.pane("article", stitle)
        link = next((n for n in cur.subtree(body) if citation_number(n) == num), None)
        if link is None:
            res.check(f"activating citation [{num}] focuses reference {num}", False,
                      f"no link [{num}] in the Article pane of section {si + 1}")
            log(f"citation [{num}]: no link [{num}] in the Article pane of section {si + 1}")
            continue
        how = activate(link)
        marker = re.compile(rf"^\s*\[{num}\](?!\d)")

        def on_entry(s):
            return any(marker.match(n.name) and s.pane_of(n, stitle) == "references" for n in s.focused())

        cur = wait_for(pid, on_entry, timeout=2.0, settle=0.5)
        fnode, desc, _ = focus_of(cur, stitle)
        if fnode is not None and fnode.has(pyatspi.STATE_SELECTED):
            desc += " (selected)"
        entry_nodes = [n for n in (cur.subtree(cur.pane("references")) if cur.pane("references") else [])
                       if marker.match(n.name)]
        sel = any(n.has(pyatspi.STATE_SELECTED) for n in entry_nodes)
        log(f"citation [{num}] ({how}): focus now on {desc};"
            f" entry [{num}] in the tree: {'yes' if entry_nodes else 'no'}, selected: {'yes' if sel else 'no'}")
        res.check(f"activating citation [{num}] focuses reference {num}", on_entry(cur),
                  f"focus on {desc}")
        # The focused entry has a place on the screen, for magnifiers and Orca's flat review.
        size = (0, 0)
        if fnode is not None:
            try:
                _, _, w, h = fnode.acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
                size = (w, h)
            except Exception:
                pass
        res.check(f"the focused entry [{num}] has a size on screen", size[0] > 0 and size[1] > 0,
                  f"{size[0]}x{size[1]}")


# ----------------------------------------------------------------------------------------
# The keys phases.


def press(win, key):
    subprocess.run(["xdotool", "windowfocus", "--sync", win], capture_output=True, timeout=10)
    subprocess.run(["xdotool", "key", key], check=True, capture_output=True, timeout=10)


def focus_of(snap, section_title):
    """(node, description) of the keyboard focus: the last node in drawing order with
    STATE_FOCUSED. When that is the window itself, no widget has focus."""
    focused = snap.focused()
    node = focused[-1] if focused else None
    if node is None:
        return None, "nothing", "none"
    if node.role in WINDOW_ROLES or node is snap.root:
        return node, f"the window ({node.label()})", "window"
    where = snap.pane_of(node, section_title)
    return node, f"{node.label()} [{where}]", where


def keys_phase(pid, win, strategy, binary, res):
    all_sections = sections(binary)
    first_title = all_sections[0][1] if all_sections else None
    verbose = bool(os.environ.get("GSV_ATSPI_VERBOSE"))
    stops = []  # (key, description)
    per_pane = {}
    reached = None
    f6_phase = strategy == "keys-f6"
    f6_presses = 0
    # Give the window the input focus (a reader's window has it), then see what has focus.
    subprocess.run(["xdotool", "windowfocus", "--sync", win], capture_output=True, timeout=10)
    snap = wait_for(pid, lambda s: True, timeout=0, settle=0.5)
    node, text, where = focus_of(snap, first_title)
    label = {"keys-tab": "Tab only", "keys-f6": "F6, then Tab"}[strategy]
    log(f"keys {label}: at launch the focus is on {text}")
    before = (node.role_name, node.name, node.index) if node is not None else None
    for count in range(1, CAP_PRESSES + 1):
        key = "F6" if f6_phase else "Tab"
        press(win, key)
        time.sleep(0.3)
        snap = snapshot(pid)
        node, text, where = focus_of(snap, first_title)
        stops.append((key, text))
        if where in ("window", "none"):
            kind = "no widget"
        elif not node.name.strip():
            kind = "unnamed"
        else:
            kind = where
        per_pane[kind] = per_pane.get(kind, 0) + 1
        if verbose:
            log(f"    {strategy} {count} {key}: {text}")
        if where == "article" and citation_number(node) is not None:
            reached = count
            break
        now = (node.role_name, node.name, node.index) if node is not None else None
        if f6_phase:
            f6_presses += 1
            # Stop pressing F6 once focus is in the body, when F6 moved nothing, or after a
            # full cycle of the panes.
            if where == "article" or now == before or f6_presses >= 6:
                f6_phase = False
        before = now
    path = " → ".join(f"{k}:{short(t, 34)}" for k, t in stops[:8])
    if reached:
        log(f"keys {label}: {reached} press{'' if reached == 1 else 'es'} to {stops[-1][1]}")
        if strategy == "keys-tab":
            # Not asserted: where Enter on the focused citation leaves the focus.
            num = citation_number(node)
            press(win, "Return")
            time.sleep(0.5)
            _, text, _ = focus_of(snapshot(pid), first_title)
            log(f"keys Enter on citation [{num}]: focus now on {text}")
    else:
        log(f"keys {label}: no body citation focused after {CAP_PRESSES} presses")
    log(f"    first stops: {path}{' …' if len(stops) > 8 else ''}")
    log("    stops by pane: " + ", ".join(f"{k} {v}" for k, v in per_pane.items())
        + " (no widget: focus on the window itself; unnamed: a node without a name)")
    res.value("keys", {"strategy": label, "presses": reached})


# ----------------------------------------------------------------------------------------


def wait_app(pid, timeout, since):
    t0 = time.monotonic()
    # Seconds between the app's launch (the epoch time since) and now.
    lead = max(0.0, time.time() - since) if since else 0.0
    seen = None
    while time.monotonic() - t0 < timeout:
        app = find_app(pid)
        if app is not None:
            if seen is None:
                seen = time.monotonic() - t0
            try:
                for i in range(app.childCount):
                    w = app.getChildAtIndex(i)
                    if w is not None and w.childCount > 0:
                        log(f"app in the AT-SPI desktop {lead + seen:.1f} s after launch,"
                            f" with its window's tree after {lead + time.monotonic() - t0:.1f} s")
                        return 0
            except Exception:
                pass
        time.sleep(0.2)
    log(f"FAIL: process {pid} not in the AT-SPI desktop with a tree after {timeout:.0f} s"
        + (f" (listed {lead + seen:.1f} s after launch, but without a window tree)" if seen is not None else ""))
    return 1



def notes_phase(pid, win, res):
    subprocess.run(["xdotool", "windowfocus", "--sync", win], capture_output=True, timeout=10)
    snap = wait_for(pid, lambda s: any("highlighted in" in n.desc for n in s.nodes), timeout=5)
    described = [n for n in snap.nodes if "highlighted in green" in n.desc]
    res.check(
        "notes: a highlighted paragraph says so, with its note, in its description",
        described and "Check reference 3" in described[0].desc,
        described[0].label() + " described " + short(described[0].desc, 120)
        if described else "no node described as highlighted in green",
    )
    marks = [n for n in snap.nodes if n.name.startswith("Note on “several studies")]
    res.check(
        "notes: a note's mark in the margin is a button named with its quote and note",
        marks and marks[0].role == pyatspi.ROLE_PUSH_BUTTON and "Check reference 3" in marks[0].name,
        marks[0].label() if marks else "no node named “Note on …”",
    )
    subprocess.run(["xdotool", "key", "ctrl+shift+n"], check=True, timeout=10)
    snap = wait_for(pid, lambda s: any(n.name == "Notes" for n in s.named_panes()), timeout=5)
    panes = [n for n in snap.named_panes() if n.name == "Notes"]
    items = [n for n in snap.subtree(panes[0]) if n.role == pyatspi.ROLE_LIST_ITEM] if panes else []
    names = [n.name for n in items]
    res.check("notes: Ctrl+Shift+N opens a pane named Notes", panes,
              panes[0].label() if panes else "no pane named Notes")
    res.check(
        "notes: the pane lists each highlight as a list item with its quote and note, the "
        "orphan marked",
        len(items) == 4
        and any("Check reference 3" in x for x in names)
        and any("Orphaned" in x for x in names),
        "; ".join(short(x, 50) for x in names) or "no list items",
    )
    focused = snap.focused()
    res.check(
        "notes: focus lands on the pane's first entry",
        focused and any(f is i for f in focused for i in items),
        ", ".join(f.label() for f in focused) or "nothing focused",
    )
