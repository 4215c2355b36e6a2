"""What the article says, from the reader's own command line (list, export)."""

import difflib
import json
import os
import re
import subprocess
import sys
import time
import unicodedata

from .words import *  # noqa: F401,F403

def run_bin(binary, *args):
    return subprocess.run([binary, *args], check=True, capture_output=True, text=True,
                          timeout=30).stdout


def sections(binary):
    out = []
    for line in run_bin(binary, "list").splitlines():
        if "\t" in line:
            sid, title = line.split("\t", 1)
            out.append((sid.strip(), title.strip()))
    return out


def export_blocks(text):
    """(kind, text) blocks of a plain-text export: "heading" (a line underlined with = - ~)
    or "para"."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        if len(lines) >= 2 and re.fullmatch(r"\s*[=\-~]{3,}\s*", lines[1]):
            out.append(("heading", lines[0].strip()))
            rest = "\n".join(lines[2:]).strip()
            if rest:
                out.append(("para", rest))
        else:
            out.append(("para", block.strip()))
    return out


def section_words(binary, sid):
    """The words of one section's export: its headings and paragraphs, up to its References
    list; the exporter's closing "From the article …" line is left out."""
    text = run_bin(binary, "export", "--section", sid, "--format", "txt", "--width", "0",
                   "-o", "-")
    out = []
    for kind, block in export_blocks(text):
        if kind == "heading" and block.casefold() == "references":
            break
        if kind == "para" and block.startswith("From the article"):
            continue
        out.extend(words(block))
    return out


def article_title_and_references(binary):
    text = run_bin(binary, "export", "--all", "--format", "txt", "--width", "0", "-o", "-")
    blocks = export_blocks(text)
    title = blocks[0][1] if blocks and blocks[0][0] == "heading" else ""
    refs = {}
    in_refs = False
    for kind, block in blocks:
        if kind == "heading":
            in_refs = block.casefold() == "references"
            continue
        if in_refs:
            for line in block.splitlines():
                m = re.match(r"^\[(\d+)\]\s+(.*)$", line.strip())
                if m:
                    refs[int(m.group(1))] = m.group(2)
    return title, refs


# ----------------------------------------------------------------------------------------
# Results shared between the phases (one JSON object a line).
