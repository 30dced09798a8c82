#!/usr/bin/env python3
"""Lists Swift functions, initialisers and computed properties longer than N lines (default 80).

Usage: python3 scripts/long_functions.py [ROOT=Sources] [N=80]

A function over the limit needs a `// Long because: …` line right above it (shown as
"[reason given]"); the others are the ones to split. Brace matching skips string literals,
`//` comments and multi-line strings, which is enough for this code base.
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "Sources"
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 80
decl = re.compile(
    r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*'
    r'(?:(?:public|private|fileprivate|internal|static|final|override|mutating|nonisolated|class)\s+)*'
    r'(func\s+[^\s(<]+|init[?!]?\s*[(<]|var\s+\w+\s*:[^=]*\{\s*$)')


def length(lines, i):
    """Lines from `lines[i]` to the brace closing the first one opened, or None."""
    depth, started, in_multiline = 0, False, False
    for j in range(i, len(lines)):
        line = lines[j]
        quotes = line.count('"""')
        if quotes % 2 == 1:
            in_multiline = not in_multiline
        if in_multiline or quotes:
            continue
        code = re.sub(r'"(?:\\.|[^"\\])*"', '""', line).split('//')[0]
        for ch in code:
            if ch == '{':
                depth += 1
                started = True
            elif ch == '}':
                depth -= 1
        if started and depth <= 0:
            return j - i + 1
    return None


found = []
for directory, _, files in os.walk(root):
    for name in files:
        if not name.endswith('.swift'):
            continue
        path = os.path.join(directory, name)
        lines = open(path, encoding='utf-8').read().split('\n')
        for i, line in enumerate(lines):
            match = decl.match(line)
            if not match:
                continue
            n = length(lines, i)
            if n and n > limit:
                reason = i > 0 and 'Long because' in lines[i - 1]
                found.append((n, path, i + 1, match.group(1).strip(), reason))
for n, path, line, what, reason in sorted(found, reverse=True):
    print(f"{n:5d} {path}:{line} {what}{'  [reason given]' if reason else ''}")
