"""The AT-SPI side: roles, the tree as read through pyatspi (Node, Snapshot), finding the
app, activating a node and waiting for a condition."""

import difflib
import json
import os
import re
import subprocess
import sys
import time
import unicodedata


import pyatspi
from gi.repository import Atspi

# A D-Bus call to a node that has gone, or to an app that hangs, fails after 3 s instead of
# the default 25 s.
Atspi.set_timeout(3000, 10000)

CAP_PRESSES = 60
MAX_KEY_PRESSES = 5


def role(name):
    """The pyatspi role constant, or None where this pyatspi lacks it."""
    return getattr(pyatspi, name, None)


PANE_ROLES = {
    r
    for r in map(
        role,
        [
            "ROLE_LANDMARK", "ROLE_PANEL", "ROLE_SECTION", "ROLE_FORM", "ROLE_FILLER",
            "ROLE_SCROLL_PANE", "ROLE_GROUPING", "ROLE_ARTICLE", "ROLE_DOCUMENT_FRAME",
            "ROLE_DOCUMENT_TEXT", "ROLE_DOCUMENT_WEB", "ROLE_SPLIT_PANE", "ROLE_INTERNAL_FRAME",
            "ROLE_TOOL_BAR", "ROLE_STATUS_BAR", "ROLE_LIST", "ROLE_LIST_BOX", "ROLE_TREE",
            "ROLE_PAGE_TAB_LIST", "ROLE_PAGE_TAB", "ROLE_MENU_BAR", "ROLE_BLOCK_QUOTE",
        ],
    )
    if r is not None
}
# Nodes whose name is text that a reader reads (as opposed to a control's label).
TEXT_ROLES = {
    r
    for r in map(
        role,
        ["ROLE_LABEL", "ROLE_HEADING", "ROLE_STATIC", "ROLE_TEXT", "ROLE_PARAGRAPH",
         "ROLE_CAPTION", "ROLE_ENTRY", "ROLE_DOCUMENT_TEXT"],
    )
    if r is not None
}
WINDOW_ROLES = {r for r in map(role, ["ROLE_FRAME", "ROLE_WINDOW", "ROLE_DIALOG"]) if r is not None}

# "Citation [4]: title" (the current build) or "[4]" (issue 9's naming).
CITATION_LINK = re.compile(r"^\s*(?:citation\s*)?\[(\d+)\]", re.IGNORECASE)
CITATION_WORD = re.compile(r"^\W*?(\[\d+\])\W*$")


def log(*args):
    print(*args, flush=True)


def short(text, n=60):
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


# ----------------------------------------------------------------------------------------
# Snapshots: one walk reads every node once into plain Python objects; all checks then run
# on the snapshot, so no node is asked twice and a node that vanishes mid-walk costs one
# caught error.


class Node:
    __slots__ = ("acc", "role", "role_name", "name", "desc", "states", "children", "parent",
                 "index")

    def __init__(self, acc, parent):
        self.acc = acc
        self.parent = parent
        self.children = []
        self.role = None
        self.role_name = "?"
        self.name = ""
        self.desc = ""
        self.states = frozenset()
        self.index = 0

    def has(self, state):
        return state in self.states

    def ancestors(self):
        n = self.parent
        while n is not None:
            yield n
            n = n.parent

    def inside(self, other):
        return other is not None and (self is other or any(a is other for a in self.ancestors()))

    def label(self):
        return f"{self.role_name} {short(self.name)!r}"

    def text(self):
        """What a reader hears as this node's text: its name, or, with no name, the text of
        its Text interface."""
        if self.name:
            return self.name
        try:
            t = self.acc.queryText()
            return t.getText(0, -1) or ""
        except Exception:
            return ""

    def attributes(self):
        try:
            a = self.acc.get_attributes()
            if isinstance(a, dict):
                return a
        except Exception:
            pass
        try:
            return dict(s.split(":", 1) for s in self.acc.getAttributes() if ":" in s)
        except Exception:
            return {}


class Snapshot:
    def __init__(self, app):
        t0 = time.monotonic()
        self.errors = 0
        self.nodes = []
        self.root = self._read(app, None)
        stack = [self.root]
        while stack:
            node = stack.pop()
            try:
                count = node.acc.childCount
            except Exception:
                self.errors += 1
                continue
            kids = []
            for i in range(count):
                try:
                    child = node.acc.getChildAtIndex(i)
                except Exception:
                    self.errors += 1
                    continue
                if child is None:
                    continue
                kids.append(self._read(child, node))
            node.children = kids
            stack.extend(reversed(kids))
        # Pre-order (drawing order) numbering.
        order = []
        stack = [self.root]
        while stack:
            node = stack.pop()
            node.index = len(order)
            order.append(node)
            stack.extend(reversed(node.children))
        self.nodes = order
        self.seconds = time.monotonic() - t0
        self._panes = None

    def _read(self, acc, parent):
        node = Node(acc, parent)
        try:
            node.role = acc.getRole()
            node.role_name = acc.getRoleName()
            node.name = acc.name or ""
            node.desc = acc.description or ""
            node.states = frozenset(acc.getState().getStates())
        except Exception:
            self.errors += 1
        return node

    def subtree(self, top):
        """The nodes under top (top included), in drawing order."""
        if top is None:
            return []
        out, stack = [], [top]
        while stack:
            n = stack.pop()
            out.append(n)
            stack.extend(reversed(n.children))
        return out

    def focused(self):
        return [n for n in self.nodes if n.has(pyatspi.STATE_FOCUSED)]

    def window(self):
        for n in self.nodes:
            if n.role in WINDOW_ROLES:
                return n
        return self.root

    def top_panes(self):
        """The window's children; through a lone wrapper child, that child's children."""
        w = self.window()
        kids = w.children
        while len(kids) == 1 and kids[0].children:
            kids = kids[0].children
        return kids

    def named_panes(self):
        return [n for n in self.nodes if n.role in PANE_ROLES and n.name.strip()]

    def pane(self, key, section_title=None):
        """The pane for key ("contents", "article", "references", "guidance"): by name, else
        by the heuristics in the docstring. None if not found."""
        for n in self.named_panes():
            if n.name.strip().casefold() == key:
                return n
        tops = self.top_panes()
        if key == "article":
            if not section_title:
                return None
            contents = self.pane("contents")
            for top in tops:
                if top is contents:
                    continue
                for n in self.subtree(top):
                    if n.role in TEXT_ROLES and n.name.strip() == section_title:
                        return top
            return None
        for top in tops:
            first = next((n for n in self.subtree(top) if n is not top and n.role in TEXT_ROLES
                          and n.name.strip()), None)
            if first is not None and first.name.strip().casefold() == key:
                return top
        return None

    def pane_of(self, node, section_title=None):
        for key in ("article", "references", "guidance", "contents"):
            p = self.pane(key, section_title)
            if p is not None and node.inside(p):
                return key
        return "other"


# ----------------------------------------------------------------------------------------
# Finding the app and acting on it.


def find_app(pid):
    try:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            try:
                a = desktop.getChildAtIndex(i)
                if a is not None and a.get_process_id() == pid:
                    return a
            except Exception:
                continue
    except Exception:
        pass
    return None


def snapshot(pid):
    app = find_app(pid)
    if app is None:
        raise SystemExit(f"FAIL: process {pid} is not in the AT-SPI desktop any more")
    return Snapshot(app)


def activate(node):
    """Runs the node's first action (do_action(0)); falls back to a mouse click at the middle
    of its extents. Returns how it was done."""
    try:
        action = node.acc.queryAction()
        if action.nActions > 0 and action.doAction(0):
            return f"action {action.getName(0)!r}"
    except Exception:
        pass
    try:
        x, y, w, h = node.acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        subprocess.run(["xdotool", "mousemove", str(x + w // 2), str(y + h // 2), "click", "1"],
                       check=True, timeout=10)
        return f"click at {x + w // 2},{y + h // 2}"
    except Exception as e:
        return f"failed ({e})"


def wait_for(pid, test, timeout=3.0, settle=0.3):
    """Sleeps settle s, then re-walks until test(snapshot) is true or timeout s have passed.
    Returns the last snapshot."""
    time.sleep(settle)
    end = time.monotonic() + timeout
    while True:
        snap = snapshot(pid)
        if test(snap) or time.monotonic() > end:
            return snap
        time.sleep(0.2)


# ----------------------------------------------------------------------------------------
# Words.
