#!/usr/bin/env python3
"""Check the name-pair set (realdev/namepairs/pairs.jsonl) and print its counts.

    python3 scripts/check_namepairs.py [PATH]

Errors (exit status 1): a line that is not a JSON object with a, b (non-empty, different strings), same (bool),
kind (one of KINDS), note (string) and optional context (list of strings); a pair listed twice with the same
context; a kind whose label disagrees with the kind's expected label; fewer than 320 pairs; and a contradiction
among the context-free pairs: two names labelled different although a chain of `same` pairs joins them.
Warnings: a share of different pairs outside 40-50 %.
"""
import collections
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PATH = os.path.join(ROOT, "realdev", "namepairs", "pairs.jsonl")

# kind -> the label every pair of that kind carries
KINDS = {
    "transliteration": True, "kunya-only": True, "contained": True, "bare-nisbah": True, "alias-knowledge": True,
    "article-variant": True, "hyphenation-spacing": True, "nasab": True,
    "shared-kunya": False, "shared-nisbah": False, "nisbah-swap": False, "father-son": False, "brothers": False,
    "relatives": False, "bare-nisbah-ambiguous": False, "near-spelling": False,
}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else PATH
    errors, warnings = [], []
    pairs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: {e}")
                continue
            w = f"line {n}"
            a, b = d.get("a"), d.get("b")
            if not isinstance(a, str) or not isinstance(b, str) or not a.strip() or not b.strip():
                errors.append(f"{w}: a and b must be non-empty strings")
                continue
            if a == b:
                errors.append(f"{w}: a == b")
            if a != a.strip() or b != b.strip() or "  " in a or "  " in b:
                errors.append(f"{w}: stray whitespace")
            if not isinstance(d.get("same"), bool):
                errors.append(f"{w}: same must be true or false")
            if d.get("kind") not in KINDS:
                errors.append(f"{w}: unknown kind {d.get('kind')}")
            elif KINDS[d["kind"]] != d.get("same"):
                errors.append(f"{w}: kind {d['kind']} pairs are same={KINDS[d['kind']]}")
            if not isinstance(d.get("note"), str):
                errors.append(f"{w}: note must be a string")
            ctx = d.get("context")
            if ctx is not None and (not isinstance(ctx, list) or not all(isinstance(c, str) for c in ctx)):
                errors.append(f"{w}: context must be a list of strings")
            extra = set(d) - {"a", "b", "same", "kind", "note", "context"}
            if extra:
                errors.append(f"{w}: unknown fields {sorted(extra)}")
            pairs.append((n, d))
    seen = {}
    for n, d in pairs:
        key = (frozenset([d["a"], d["b"]]), tuple(d.get("context") or ()))
        if key in seen:
            errors.append(f"line {n}: same pair and context as line {seen[key]}")
        seen[key] = n
    # transitive consistency of the context-free pairs
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for n, d in pairs:
        if d.get("same") is True and not d.get("context"):
            parent[find(d["a"])] = find(d["b"])
    for n, d in pairs:
        if d.get("same") is False and not d.get("context") and find(d["a"]) == find(d["b"]):
            errors.append(f"line {n}: {d['a']!r} / {d['b']!r} labelled different but joined by same pairs")
    total = len(pairs)
    diff = sum(1 for _, d in pairs if d.get("same") is False)
    if total < 320:
        errors.append(f"only {total} pairs (at least 320)")
    share = diff / total if total else 0
    if not 0.40 <= share <= 0.50:
        warnings.append(f"different pairs are {share:.1%} of all (aim: 40-50 %)")
    kinds = collections.Counter(d.get("kind") for _, d in pairs)
    print(f"{total} pairs: {total - diff} same, {diff} different ({share:.1%}); "
          f"{sum(1 for _, d in pairs if d.get('context'))} with context")
    for k in KINDS:
        print(f"  {k:24s} {'same' if KINDS[k] else 'diff'} {kinds[k]:3d}")
    names = {d[x] for _, d in pairs for x in ("a", "b")}
    print(f"{len(names)} distinct name strings")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
