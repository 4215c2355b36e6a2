"""Words of the tree and of the export, and comparing them in order."""

import difflib
import json
import os
import re
import subprocess
import sys
import time
import unicodedata

from .tree import *  # noqa: F401,F403

def _strip(word):
    """Drops punctuation and symbols (Unicode categories P* and S*) from both ends."""
    i, j = 0, len(word)
    while i < j and unicodedata.category(word[i])[0] in "PS":
        i += 1
    while j > i and unicodedata.category(word[j - 1])[0] in "PS":
        j -= 1
    return word[i:j]


def words(text):
    out = []
    for raw in text.split():
        m = CITATION_WORD.match(raw)
        if m:
            out.append(m.group(1))
            continue
        w = _strip(raw).casefold()
        if w:
            out.append(w)
    return out


def citation_number(node):
    """n for a citation link ("[n]" or "Citation [n]: …"), else None."""
    m = CITATION_LINK.match(node.name) if node.role == pyatspi.ROLE_LINK else None
    return int(m.group(1)) if m else None


def tree_words(snap, top):
    """The words a reader hears in the subtree top, in drawing order. A citation link counts
    as its marker only."""
    out = []
    for n in snap.subtree(top):
        if n is top and n.name.strip().casefold() == "article":
            continue
        num = citation_number(n)
        if num is not None:
            out.append(f"[{num}]")
            continue
        if n.role in (pyatspi.ROLE_SCROLL_BAR, pyatspi.ROLE_SEPARATOR):
            continue
        out.extend(words(n.text()))
    return out


def is_subsequence(ref, hyp):
    it = iter(hyp)
    return all(any(w == h for h in it) for w in ref)


def compare(ref, hyp):
    """Returns (missing, out_of_order, first) where missing are the reference words that the
    tree lacks, out_of_order those that the tree has but not in their place, and first is
    (index, word) of the first of either, or None."""
    if is_subsequence(ref, hyp):
        return [], [], None
    sm = difflib.SequenceMatcher(None, ref, hyp, autojunk=False)
    lost = []  # indices into ref
    spare = {}  # tree words not matched in order, with counts
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag in ("delete", "replace"):
            lost.extend(range(i1, i2))
        if tag in ("insert", "replace"):
            for w in hyp[j1:j2]:
                spare[w] = spare.get(w, 0) + 1
    missing, moved = [], []
    for i in lost:
        w = ref[i]
        if spare.get(w, 0) > 0:
            spare[w] -= 1
            moved.append(i)
        else:
            missing.append(i)
    first = min(lost) if lost else None
    return missing, moved, first


def context(ref, i, before=6, after=4):
    return " ".join(ref[max(0, i - before):i] + [f">>{ref[i]}<<"] + ref[i + 1:i + 1 + after])


# ----------------------------------------------------------------------------------------
# The app's own exporter gives the reference text.
