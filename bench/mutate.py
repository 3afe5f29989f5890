#!/usr/bin/env python3
"""Changes a benchmark schema. Used by the benchmark's `plan`, `check_edit` and `diff` phases.

usage: mutate.py IN_SCHEMA_YAML OUT_SCHEMA_YAML [--only INDEX --round N]
       mutate.py --sql TABLES --expect FILE

Without options every 20th table (5%) of a declared schema.yaml (as `pgdrift inspect` writes it)
gains a column. With `--only INDEX --round N` only the table at that position changes: its
`default: 0` (quoted or not) is written inside N parentheses, a new declared text each round that
PostgreSQL normalizes to the same default (so the database still matches).

With `--sql TABLES` it prints SQL (for psql) that changes a live database made by
`gen_schema.py TABLES`, and writes to FILE one line per changed object: the names a diff tool's
output must show for it, tab-separated (`bench/diff_found.py` checks them). The changes, spread
evenly over the tables and views, at 2,000 tables: 20 added columns, 10 dropped indexes,
8 changed defaults, 5 new tables and 4 redefined views (47 differences).
"""
import re
import sys

# `default: 0`, however the writer quoted the 0.
DEFAULT_ZERO = re.compile(r"""default: (['"]?)0\1(?=[,}\s])""")


def spread(count: int, total: int, offset: int) -> list[int]:
    """`count` distinct numbers in 1..total, evenly spaced, shifted by `offset`."""
    count = max(1, min(count, total))
    return sorted({(j * total // count + offset) % total + 1 for j in range(count)})


def live_changes(tables: int) -> tuple[list[str], list[tuple[str, ...]]]:
    """The SQL that changes a gen_schema.py database, and the names each change shows as."""
    sql, expect = [], []
    t = lambda i: f"t{i:05d}"  # noqa: E731 (gen_schema.py's table names)
    for i in spread(tables // 100, tables, tables // 200):
        sql.append(f"ALTER TABLE {t(i)} ADD COLUMN bench_added text")
        expect.append((t(i), "bench_added"))
    for i in spread(tables // 200, tables, tables // 400 + 1):
        sql.append(f"DROP INDEX {t(i)}_code_active_idx")
        expect.append((f"{t(i)}_code_active_idx",))
    for i in spread(tables // 250, tables, tables // 500 + 2):
        sql.append(f"ALTER TABLE {t(i)} ALTER COLUMN status SET DEFAULT 'fresh'")
        expect.append((t(i), "status"))
    for k in range(1, 6):
        sql.append(f"CREATE TABLE bench_new_{k} (id bigint PRIMARY KEY, note text)")
        expect.append((f"bench_new_{k}",))
    views = max(1, tables // 10)
    for v in spread(views // 50, views, views // 100):
        v -= 1  # gen_schema.py numbers views from 0
        a = t((v * 10) % tables + 1)
        sql.append(
            f"CREATE OR REPLACE VIEW v{v:05d} AS\nSELECT a.id, a.code, a.name, "
            "a.quantity * COALESCE(a.price, 0) AS amount, NULL::text AS other_status\n"
            f"FROM {a} a\nWHERE a.is_active AND a.status <> 'archived'"
        )
        expect.append((f"v{v:05d}",))
    return sql, expect


def main_sql(args: list[str]) -> None:
    if len(args) != 4 or args[0] != "--sql" or args[2] != "--expect" or not args[1].isdigit():
        sys.exit(__doc__)
    sql, expect = live_changes(int(args[1]))
    print("\\set ON_ERROR_STOP on\nBEGIN;")
    print("".join(s + ";\n" for s in sql) + "COMMIT;")
    with open(args[3], "w", encoding="utf-8") as f:
        f.write("".join("\t".join(names) + "\n" for names in expect))
    print(f"mutate.py: {len(expect)} changes", file=sys.stderr)


def main_yaml(args: list[str]) -> None:
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


if __name__ == "__main__":
    if sys.argv[1:2] == ["--sql"]:
        main_sql(sys.argv[1:])
    else:
        main_yaml(sys.argv[1:])
