"""Checks stored by the phases, one JSON line each, and the PASS/FAIL report."""

import difflib
import json
import os
import re
import subprocess
import sys
import time
import unicodedata

from .tree import *  # noqa: F401,F403

class Results:
    def __init__(self, path):
        self.path = path

    def check(self, name, ok, detail):
        self._add({"check": name, "ok": bool(ok), "detail": detail})

    def value(self, name, value):
        self._add({"value": name, "data": value})

    def _add(self, obj):
        if self.path:
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(json.dumps(obj, ensure_ascii=False) + "\n")


# ----------------------------------------------------------------------------------------
# The main phase.



def report(path):
    checks, keys = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            if "check" in obj:
                checks.append(obj)
            elif obj.get("value") == "keys":
                keys.append(obj["data"])
    if keys:
        counts = [k["presses"] for k in keys if k["presses"]]
        best = min(counts) if counts else None
        log(f"keystrokes to the first body citation: "
            + (f"{best}" if best else f"not reached in {CAP_PRESSES}")
            + " (" + ", ".join(f"{k['strategy']}: {k['presses'] or '>' + str(CAP_PRESSES)}" for k in keys) + ")")
        checks.append({"check": f"first body citation in ≤ {MAX_KEY_PRESSES} keystrokes",
                       "ok": best is not None and best <= MAX_KEY_PRESSES,
                       "detail": f"{best if best else 'not reached'}"})
    failed = [c for c in checks if not c["ok"]]
    for c in checks:
        if c["ok"]:
            log(f"PASS: {c['check']} ({c['detail']})")
    for c in failed:
        log(f"FAIL: {c['check']} ({c['detail']})")
    if not checks:
        log("FAIL: no results")
        return 1
    return 1 if failed else 0
