#!/usr/bin/env python3
"""Prints a deterministic synthetic schema (SQL for psql) of N tables plus N/10 views.

Each table has 20 columns of assorted types (identity, defaults, NOT NULL, varchar/numeric
typmods, jsonb, arrays, uuid, timestamptz), a primary key, two foreign keys to earlier tables,
three plain indexes (one expression index, one partial) and a check constraint. Each view joins
two tables. Statements run in transactions of a few dozen tables each: one transaction for
everything would overflow the lock table (max_locks_per_transaction is left at its default on
purpose, like a real server), one per statement is needlessly slow.

With --routines, every tenth table also gets a plpgsql function of its own and a BEFORE UPDATE
trigger calling it (issue 11's benchmark: a function and a trigger per ten tables).

Usage: gen_schema.py TABLES [--routines] > schema.sql
Only the standard library; the output depends on the arguments alone.
"""

import sys

BATCH = 50  # tables per transaction: ~10 locks each, well under the default 64 * 100 slots


def table_name(i: int) -> str:
    return f"t{i:05d}"


def table_sql(i: int) -> list[str]:
    t = table_name(i)
    # FK targets: earlier tables (the first tables point at themselves), so creation order works.
    r1 = table_name(i - 1 if i > 1 else i)
    r2 = table_name(i - 7 if i > 7 else i)
    stmts = [
        f"""CREATE TABLE {t} (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id bigint REFERENCES {r1} (id) ON DELETE CASCADE,
  owner_id bigint NOT NULL REFERENCES {r2} (id),
  code varchar(32) NOT NULL,
  name text NOT NULL,
  description text,
  status text NOT NULL DEFAULT 'new',
  quantity integer NOT NULL DEFAULT 0,
  price numeric(12,2),
  weight double precision,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz,
  due_on date,
  external_id uuid,
  payload jsonb NOT NULL DEFAULT '{{}}'::jsonb,
  tags text[] NOT NULL DEFAULT '{{}}',
  score smallint,
  ratio real,
  note varchar(200),
  CONSTRAINT {t}_quantity_check CHECK (quantity >= 0 AND (price IS NULL OR price >= 0))
)""",
        f"CREATE INDEX {t}_parent_idx ON {t} (parent_id)",
        f"CREATE INDEX {t}_owner_created_idx ON {t} (owner_id, created_at DESC)",
        f"CREATE INDEX {t}_code_active_idx ON {t} (lower(code)) WHERE is_active",
    ]
    if i % 10 == 0:
        stmts.append(f"COMMENT ON TABLE {t} IS 'synthetic table {i}'")
    return stmts


def routine_sql(i: int) -> list[str]:
    t = table_name(i)
    return [
        f"""CREATE FUNCTION {t}_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$""",
        f"CREATE TRIGGER {t}_touch BEFORE UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION {t}_touch()",
    ]


def view_sql(v: int, tables: int) -> str:
    a = table_name((v * 10) % tables + 1)
    b = table_name((v * 10 + 3) % tables + 1)
    return f"""CREATE VIEW v{v:05d} AS
SELECT a.id, a.code, a.name, a.quantity * COALESCE(a.price, 0) AS amount, b.status AS other_status
FROM {a} a
LEFT JOIN {b} b ON b.owner_id = a.id
WHERE a.is_active AND a.status <> 'deleted'"""


def main() -> None:
    args = sys.argv[1:]
    routines = "--routines" in args
    args = [a for a in args if a != "--routines"]
    if len(args) != 1 or not args[0].isdigit() or int(args[0]) < 1:
        sys.exit("usage: gen_schema.py TABLES [--routines]")
    tables = int(args[0])
    out = sys.stdout
    out.write("\\set ON_ERROR_STOP on\nSET client_min_messages = warning;\n")
    for start in range(1, tables + 1, BATCH):
        out.write("BEGIN;\n")
        for i in range(start, min(start + BATCH, tables + 1)):
            stmts = table_sql(i) + (routine_sql(i) if routines and i % 10 == 0 else [])
            for s in stmts:
                out.write(s + ";\n")
        out.write("COMMIT;\n")
    views = max(1, tables // 10)
    for start in range(views):
        if start % BATCH == 0:
            out.write("BEGIN;\n")
        out.write(view_sql(start, tables) + ";\n")
        if start % BATCH == BATCH - 1 or start == views - 1:
            out.write("COMMIT;\n")
    out.write("ANALYZE;\n")


if __name__ == "__main__":
    main()
