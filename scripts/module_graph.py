#!/usr/bin/env python3
"""The library's module graph from `use crate::…` and `crate::…` paths in src/, and
its strongly connected components (Tarjan). Edges are the `crate::` and `super::`
paths a module names outside its `#[cfg(test)] mod tests`. Issue 9 wants no component larger than one
module. Usage: scripts/module_graph.py [--edges]  (exit 1 when a cycle exists)."""
import os
import re
import sys

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")


def module_of(path):
    rel = os.path.relpath(path, SRC)[:-3]
    parts = rel.split(os.sep)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return "::".join(parts) or "crate"


def main():
    mods = {}
    for root, _, files in os.walk(SRC):
        for f in files:
            if f.endswith(".rs") and f != "main.rs":
                p = os.path.join(root, f)
                mods[module_of(p)] = p
    names = sorted(mods, key=len, reverse=True)
    edges = {m: set() for m in mods}
    for m, p in mods.items():
        text = open(p, encoding="utf-8").read()
        # drop `#[cfg(test)] mod tests { … }` bodies: test code may use anything
        cut = text.find("#[cfg(test)]\nmod tests")
        if cut >= 0:
            text = text[:cut]
        text = re.sub(r"//[^\n]*", "", text)
        paths = re.findall(r"crate::([a-z_]+(?:::[a-z_]+)*)", text)
        # `use super::x` inside a module file means a sibling under the parent
        for sup in re.findall(r"super::([a-z_]+)", text):
            parent = m.rsplit("::", 1)[0] if "::" in m else "crate"
            if parent == "crate":
                paths.append(sup)
            else:
                paths.append(parent + "::" + sup)
        for path in paths:
            for n in names:
                if path == n or path.startswith(n + "::"):
                    if n != m:
                        edges[m].add(n)
                    break
    # Tarjan
    index, low, stack, on, comps = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                strong(w)
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
            comps.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            strong(v)
    if "--edges" in sys.argv:
        for m in sorted(edges):
            print(m, "->", ", ".join(sorted(edges[m])))
    cycles = [c for c in comps if len(c) > 1]
    for c in cycles:
        print("cycle:", " ".join(c))
        for a in c:
            for b in sorted(edges[a]):
                if b in c:
                    print(f"  {a} -> {b}")
    print(f"{len(mods)} modules, {len(cycles)} cycles")
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main())
