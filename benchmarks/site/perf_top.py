#!/usr/bin/env python3
"""Inclusive time by function from a `perf record -g` profile of quire.

    perf script -i quire.perf -F comm,tid,ip,sym | swift demangle --simplified > stacks.txt
    perf_top.py stacks.txt [FILTER-REGEX] [PARENT-REGEX [DEPTH]]

Prints, for every function whose name matches FILTER, the share of samples
with that function anywhere on the stack (inclusive time). With PARENT, also
prints what the outermost PARENT frame spends its samples in (its callees,
DEPTH levels down), to break a stage into parts.
"""
import collections
import re
import sys

PREFIXES = re.compile(r"^(specialized |partial apply for |closure #\d+ in |implicit closure #\d+ in )+")


def read_stacks(path):
    stacks, current = [], None
    for line in open(path, encoding="utf-8", errors="replace"):
        if not line.strip():
            if current is not None:
                stacks.append(current)
            current = None
        elif not line[0].isspace():
            current = []
        elif current is not None:
            parts = line.strip().split(None, 1)
            current.append(PREFIXES.sub("", parts[1] if len(parts) > 1 else "?")[:110])
    if current:
        stacks.append(current)
    return stacks


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    stacks = read_stacks(sys.argv[1])
    total = max(len(stacks), 1)
    wanted = re.compile(sys.argv[2]) if len(sys.argv) > 2 else re.compile("")
    inclusive = collections.Counter(f for s in stacks for f in set(s))
    print(f"{len(stacks)} samples")
    for name, count in inclusive.most_common():
        if wanted.search(name) and count / total >= 0.005:
            print(f"{100 * count / total:6.1f}%  {name}")
    if len(sys.argv) > 3:
        parent, depth = re.compile(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 1
        callees, inside = collections.Counter(), 0
        for stack in stacks:
            hits = [i for i, f in enumerate(stack) if parent.search(f)]
            if not hits:
                continue
            inside += 1
            outer = max(hits)  # stacks are leaf first
            callees[" <- ".join(reversed(stack[max(0, outer - depth):outer])) or "(self)"] += 1
        print(f"--- inside {sys.argv[3]}: {100 * inside / total:.1f}% of samples")
        for name, count in callees.most_common(20):
            print(f"{100 * count / total:6.1f}%  {name[:200]}")


if __name__ == "__main__":
    main()
