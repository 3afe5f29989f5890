#!/usr/bin/env python3
"""Writes a copy of a declared schema.yaml (as `pgdrift inspect` writes it) with some tables
changed. Used by the benchmark's `plan` and `check_edit` phases.

usage: mutate.py IN_SCHEMA_YAML OUT_SCHEMA_YAML [--only INDEX --round N]

Without options every 20th table (5%) gains a column. With `--only INDEX --round N` only the table
at that position changes: its `default: 0` (quoted or not) is written inside N parentheses, a new declared text
each round that PostgreSQL normalizes to the same default (so the database still matches).
"""
import re
import sys

# `default: 0`, however the writer quoted the 0.
DEFAULT_ZERO = re.compile(r"""default: (['"]?)0\1(?=[,}\s])""")

args = sys.argv[1:]
if len(args) not in (2, 6):
    sys.exit(__doc__)
src, dst = args[0], args[1]
only = int(args[args.index("--only") + 1]) if "--only" in args else None
rounds = int(args[args.index("--round") + 1]) if "--round" in args else 0
out, table_index, in_tables, edited = [], -1, False, False
for line in open(src, encoding="utf-8"):
    if line.startswith("tables:"):
        in_tables = True
    elif line and not line.startswith(" ") and not line.startswith("#"):
        in_tables = False
    if in_tables and line.startswith("  ") and not line.startswith("   "):
        table_index += 1
    if only is not None:
        match = DEFAULT_ZERO.search(line) if table_index == only and not edited else None
        if match:
            q = match.group(1)
            wrapped = f"default: {q}{'(' * rounds}0{')' * rounds}{q}"
            line = line[: match.start()] + wrapped + line[match.end() :]
            edited = True
        out.append(line)
        continue
    out.append(line)
    if in_tables and line == "    columns:\n" and table_index % 20 == 0:
        out.append("      bench_added:\n        type: text\n")
open(dst, "w", encoding="utf-8").write("".join(out))
if only is None:
    print(f"{(table_index + 20) // 20} of {table_index + 1} tables changed", file=sys.stderr)
elif not edited:
    sys.exit(f"mutate.py: no `default: 0` in the table at position {only}")
