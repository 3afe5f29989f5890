#!/usr/bin/env python3
"""Writes a copy of a declared schema.yaml (as `pgdrift inspect` writes it) with 5% of its tables
changed: every 20th table gains a column. Used by the benchmark's `plan` phase.

usage: mutate.py IN_SCHEMA_YAML OUT_SCHEMA_YAML
"""
import sys

src, dst = sys.argv[1], sys.argv[2]
out, table_index, in_tables = [], -1, False
for line in open(src, encoding="utf-8"):
    if line.startswith("tables:"):
        in_tables = True
    elif line and not line.startswith(" ") and not line.startswith("#"):
        in_tables = False
    if in_tables and line.startswith("  ") and not line.startswith("   "):
        table_index += 1
    out.append(line)
    if in_tables and line == "    columns:\n" and table_index % 20 == 0:
        out.append("      bench_added:\n        type: text\n")
open(dst, "w", encoding="utf-8").write("".join(out))
print(f"{(table_index + 20) // 20} of {table_index + 1} tables changed", file=sys.stderr)
