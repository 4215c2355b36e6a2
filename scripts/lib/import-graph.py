#!/usr/bin/python3
"""The crate's import graph, read from `crate::` paths and `super::` uses in src/: the layers
(top-level folders) and the arrows between them, any circle between files, and the longest
chain of files. Exits 1 if a layer imports one above it or two files import each other round
a circle.

    python3 scripts/lib/import-graph.py
"""
import os
import re
import sys

ORDER = ["article", "view", "ui", "desktop", "app", "cli", "window", "lib", "main"]
# What each layer may import (besides itself).
ALLOWED = {
    "article": set(),
    "view": {"article"},
    "ui": {"article", "view"},
    "desktop": {"article", "view"},
    "app": {"article", "view", "ui", "desktop"},
    "cli": {"article", "desktop"},
    "window": {"article", "view", "ui", "desktop", "app", "cli"},
    "lib": set(ORDER),
    "main": set(ORDER),
}


def module_of(path):
    rel = os.path.relpath(path, "src")[:-3]
    parts = rel.split(os.sep)
    if parts[-1] == "mod":
        parts = parts[:-1]
    return parts


def files():
    for root, _, names in os.walk("src"):
        for n in names:
            if n.endswith(".rs"):
                yield os.path.join(root, n)


def strip_tests(text):
    i = text.find("#[cfg(test)]\nmod tests")
    return text if i < 0 else text[:i]


def main():
    mods = {}
    for f in files():
        mods[tuple(module_of(f))] = f
    known = set(mods)
    edges = {m: set() for m in mods}
    for m, f in mods.items():
        text = strip_tests(open(f, encoding="utf-8").read())
        text = re.sub(r"//[^\n]*", "", text)
        for path in re.findall(r"\bcrate::((?:[a-z_]+::)*[a-z_]+)", text):
            parts = path.split("::")
            # The longest prefix that is a module.
            for k in range(len(parts), 0, -1):
                if tuple(parts[:k]) in known:
                    target = tuple(parts[:k])
                    if target != m and target[: len(m)] != m:
                        edges[m].add(target)
                    break
        base = m if f.endswith("mod.rs") else m[:-1]
        for path in re.findall(r"\bsuper::((?:[a-z_]+::)*[a-z_]+)", text):
            parts = list(base[:-1]) + path.split("::")
            for k in range(len(parts), 0, -1):
                if tuple(parts[:k]) in known and tuple(parts[:k]) != m:
                    edges[m].add(tuple(parts[:k]))
                    break
    bad = []
    layer_edges = set()
    for m, ts in edges.items():
        a = m[0] if m else "lib"
        for t in ts:
            b = t[0]
            if a != b:
                layer_edges.add((a, b))
                if b not in ALLOWED.get(a, set()):
                    bad.append(f"{'::'.join(m)} -> {'::'.join(t)}")
    print("layer arrows:")
    rank = {name: i for i, name in enumerate(ORDER)}
    for a, b in sorted(layer_edges, key=lambda e: (rank.get(e[0], 99), rank.get(e[1], 99), e)):
        print(f"  {a} -> {b}")
    # Circles between files: strongly connected components of more than one file, where a
    # file's own submodules count as part of it only through real uses.
    index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(comp)

    for v in edges:
        if v not in index:
            visit(v)
    depth = {}

    def longest(v, seen=()):
        if v in depth:
            return depth[v]
        best = (1, [v])
        for w in edges[v]:
            if w in seen:
                continue
            n, chain = longest(w, seen + (v,))
            if n + 1 > best[0]:
                best = (n + 1, [v] + chain)
        depth[v] = best
        return best

    n, chain = max((longest(v) for v in edges), key=lambda x: x[0])
    print(f"longest chain of files: {n}: " + " -> ".join("::".join(c) or "lib" for c in chain))
    for comp in sccs:
        print("circle: " + ", ".join("::".join(c) for c in comp))
    for b in bad:
        print("upward: " + b)
    print(f"{len(sccs)} circles, {len(bad)} upward arrows")
    return 1 if sccs or bad else 0


if __name__ == "__main__":
    sys.exit(main())
