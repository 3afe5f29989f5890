#!/usr/bin/env python3
"""Writes a copy of a declared schema.yaml (as `pgdrift inspect` writes it) with some tables
changed. Used by the benchmark's `plan` and `check_edit` phases.

usage: mutate.py IN_SCHEMA_YAML OUT_SCHEMA_YAML [--only INDEX --columns N]

Without options every 20th table (5%) gains a column `bench_added`. With `--only INDEX` only the
table at that position does, gaining N text columns `bench_edit_1` ... `bench_edit_N`; its name
is printed on stdout (so the live side can be given the same columns).
"""
import sys

args = sys.argv[1:]
if len(args) not in (2, 6):
    sys.exit(__doc__)
src, dst = args[0], args[1]
only = int(args[args.index("--only") + 1]) if "--only" in args else None
count = int(args[args.index("--columns") + 1]) if "--columns" in args else 1
out, table_index, in_tables, changed = [], -1, False, []
for line in open(src, encoding="utf-8"):
    if line.startswith("tables:"):
        in_tables = True
    elif line and not line.startswith(" ") and not line.startswith("#"):
        in_tables = False
    if in_tables and line.startswith("  ") and not line.startswith("   "):
        table_index += 1
        name = line.strip().rstrip(":")
    out.append(line)
    if in_tables and line == "    columns:\n":
        if only is None and table_index % 20 == 0:
            out.append("      bench_added:\n        type: text\n")
            changed.append(name)
        elif only == table_index:
            out.extend(f"      bench_edit_{i}: text\n" for i in range(1, count + 1))
            changed.append(name)
open(dst, "w", encoding="utf-8").write("".join(out))
print(f"{len(changed)} of {table_index + 1} tables changed", file=sys.stderr)
if only is not None:
    print("\n".join(changed))
