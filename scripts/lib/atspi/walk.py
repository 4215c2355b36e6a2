#!/usr/bin/python3
"""Walks the reader's accessibility tree through AT-SPI, from outside the process, as Orca
sees it, and checks the points of issue 9.

Run by scripts/test/atspi.sh as `python3 -m scripts.lib.atspi.walk`, which provides the X display, the session bus, the AT-SPI bus
with accessibility switched on, and the running app. Modes:

  --wait-app PID              wait (up to --timeout s) until the process PID is in the AT-SPI
                              desktop with a window that has children; print how long it took
  --phase main  --pid PID ...  the tree walk, the words, references, headings, panes, citations
  --phase keys-tab --pid PID   from launch: Tab until a body citation has focus
  --phase keys-f6  --pid PID   from launch: F6 (until focus is in the body, or F6 does nothing),
                              then Tab until a body citation has focus
  --phase notes --pid PID     highlights and notes (the app opened with a notes file on section
                              2): a highlighted paragraph's description names its highlight and
                              note; a note's margin mark is a named button; Ctrl+Shift+N opens
                              the Notes pane with focus on its first entry, every highlight a
                              list item with its quote and note, the orphan marked
  --report FILE               print the PASS/FAIL lines for the results the phases stored in
                              FILE; exit 1 if any check failed

What the main phase measures and asserts (figures are printed first, the verdicts come from
--report):
  - full walk: node count and time;
  - words: for each section (reached by activating its sidebar entry with the Action
    interface), the words of the section's own export (`BIN export --section ID --format txt`:
    headings and paragraphs, up to its "References" list) must occur in the Article pane's
    text, in tree (drawing) order: the export's word sequence must be a subsequence of the
    tree's. Words are case-folded and stripped of surrounding punctuation and symbols (so a
    lost colon after an entry term does not count; a lost word does). Citation markers are kept
    as words ("[4]") on both sides; a link named "Citation [4]: <title>" counts as the word
    "[4]" only, since its title is not running text;
  - references: how many of [1]..[10] are in the References pane (a node whose name starts
    with "[n]" or "Reference n", or that holds the entry's text when that text is unique among
    the entries); the panel is switched on with its toolbar toggle if it is hidden;
  - headings (role heading; the "level" attribute is printed, not asserted): one for the
    article title and one for each section's title;
  - named panes (landmark, panel, section, ... with a name): Contents, Article, References,
    Guidance;
  - activating a body citation (the first, [1], and the last one in the article) with
    do_action(0) moves the focus (STATE_FOCUSED) to that reference's entry (a node whose name
    starts with "[n]") in the References pane.
Reported without an assertion: the body's citation links (name and description), nodes whose
description repeats their name, the roles of the top-bar (menu) items, the window's name.

The window is given the X input focus first (xdotool windowfocus), as a reader's window has
it: AccessKit reports no focused node in a window without it. The keys phases count key
presses sent with XTEST (xdotool key); events sent with `xdotool key --window` are synthetic
and the app ignores them. After each press the tree is read for the node with STATE_FOCUSED.
Goal: the smaller count of the two strategies is at most 5. Cap: 60 presses. The Tab phase
then presses Enter on the citation and reports where the focus went (not asserted).

Panes are found by name first ("Article", "Contents", ...). Where they have no name (the
current build), a top-level pane (a child of the window) is taken to be "Contents",
"Guidance" or "References" when its first text is that word, and the Article pane is the
top-level pane that holds the current section's title as text (not as a button).
"""

import argparse
import sys

from .phases import *  # noqa: F401,F403
from .results import Results, report
from .tree import *  # noqa: F401,F403


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--pid", type=int)
    p.add_argument("--wait-app", type=int, metavar="PID")
    p.add_argument("--timeout", type=float, default=20)
    p.add_argument("--since", type=float, help="epoch time of the app's launch, for --wait-app")
    p.add_argument("--phase", choices=["main", "keys-tab", "keys-f6", "notes"])
    p.add_argument("--window", help="X window id, for the keys phases")
    p.add_argument("--bin", default="target/release/gut-skin-viewer")
    p.add_argument("--results", help="file the phases append their checks to")
    p.add_argument("--report", metavar="FILE")
    a = p.parse_args()
    if a.wait_app:
        return wait_app(a.wait_app, a.timeout, a.since)
    if a.report:
        return report(a.report)
    if not a.phase or not a.pid:
        p.error("--phase and --pid are needed")
    res = Results(a.results)
    if a.phase == "main":
        main_phase(a.pid, a.bin, a.window, res)
    elif a.phase == "notes":
        notes_phase(a.pid, a.window, res)
    else:
        if not a.window:
            p.error("--window is needed for the keys phases")
        keys_phase(a.pid, a.window, a.phase, a.bin, res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
