#!/usr/bin/env python3
"""Checks that a diff tool's output shows every change bench/mutate.py --sql made.

usage: diff_found.py EXPECT_FILE OUTPUT_FILE TOOL

EXPECT_FILE holds one change a line: the names (tab-separated) that must all appear on one line
of the output, e.g. `t00011<TAB>bench_added` for an added column, `v00002` for a redefined view.
Names match as whole identifiers (`t00011` does not match `t000110`), quoted or not. Prints how
many were found; exits 1 naming the first missing ones when any is missing.
"""
import re
import sys


def main() -> int:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    expect_file, output_file, tool = sys.argv[1:]
    expected = [l.rstrip("\n").split("\t") for l in open(expect_file, encoding="utf-8") if l.strip()]
    lines = open(output_file, encoding="utf-8", errors="replace").read().splitlines()
    missing = []
    for names in expected:
        pats = [re.compile(rf"(?<![A-Za-z0-9_]){re.escape(n)}(?![A-Za-z0-9_])") for n in names]
        if not any(all(p.search(line) for p in pats) for line in lines):
            missing.append(" ".join(names))
    print(f"{tool}: found {len(expected) - len(missing)} of {len(expected)} changes "
          f"({len(lines)} output lines)")
    if missing:
        print(f"{tool}: missing: {', '.join(missing[:10])}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
