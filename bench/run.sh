#!/usr/bin/env bash
# Benchmarks pgdrift against synthetic schemas. See BENCHMARKS.md.
#
#   bench/run.sh [--sizes 100,1000,5000] [--repeat N] [--phases floor,inspect,...] [--routines]
#                [--no-warmup]
#
# --phases runs only the named phases (default: all but the fleet and diff ones); --routines adds
# a plpgsql function and a trigger to every tenth table (gen_schema.py --routines).
# --no-warmup skips the untimed warm-up run (at 20,000 tables one check's DDL takes many minutes).
# Growth (issue 16): `--sizes 1000,5000,20000 --repeat 1 --no-warmup --phases floor,inspect,check_first,check_repeat`.
# The diff tools side by side: `--sizes 2000 --phases diff,diff_migra,diff_pgkit,diff_pgdelta`
# (bench/diff_tools.sh: installs migra, @pgkit/migra and pg-delta under bench/.work/tools, or
# BENCH_TOOLS, and skips loudly a tool that does not install).
# Environment: PGDRIFT_BIN=path times that binary (no cargo build); BENCH_KEEP=1 keeps the work
# directory; FLEET_DBS=N the fleet's size; DATABASE_URL a server to use instead of a new one;
# BENCH_REUSE=1 (with DATABASE_URL) reuses a pgdrift_bench_<size> database of that many tables.
#
# The fleet (issue 16): `--sizes 200 --phases floor,floor_tight,inspect,fleet_one,fleet_one_cold,fleet,fleet_cold`
# (a phase left out prints as "–" in the table)
# copies the size's database FLEET_DBS times (default 100) and times one `check` of them all
# (--dbs-query) against a `check` of one, with a warm normalization cache and without one
# (--no-cache); the fleet's verification also checks that `--shard 1/4 … 4/4` merged with
# `pgdrift report merge` gives the report of one run.
#
# For each size it creates a database holding that many tables (bench/gen_schema.py) and N/10
# views, then runs every phase in PHASES N times (interleaved, after one untimed warm-up run) and
# reports the median wall time and the largest peak RSS. Without DATABASE_URL it runs its own
# throw-away PostgreSQL (stopped and deleted on exit); with DATABASE_URL (a superuser or a role
# that may CREATE DATABASE) it creates and drops `pgdrift_bench_<size>` databases on that server.
#
# Adding a phase (e.g. `check`): append its name to PHASES, give it a label in PHASE_LABEL, and
# define `phase_<name>` setting CMD to the argv to time. Optional hooks, untimed:
# `setup_<name> URL DIR` once per size, `prepare_<name> URL DIR` before every run,
# `verify_<name> URL DIR` after the warm-up run (fail loudly if the output is wrong).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
# PGDRIFT_BIN: time that binary instead of building target/release/pgdrift.
BIN=${PGDRIFT_BIN:-$ROOT/target/release/pgdrift}

SIZES=100,1000,5000
REPEAT=5
ONLY_PHASES=""
ROUTINES=""
NO_WARMUP=""
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) SIZES=${2:?--sizes needs a value, e.g. 100,1000}; shift 2 ;;
        --sizes=*) SIZES=${1#*=}; shift ;;
        --repeat) REPEAT=${2:?--repeat needs a number}; shift 2 ;;
        --repeat=*) REPEAT=${1#*=}; shift ;;
        --phases) ONLY_PHASES=${2:?--phases needs a list, e.g. floor,inspect}; shift 2 ;;
        --phases=*) ONLY_PHASES=${1#*=}; shift ;;
        --routines) ROUTINES=--routines; shift ;;
        --no-warmup) NO_WARMUP=1; shift ;;
        -h|--help) sed -n '2,35p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench/run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || { echo "--repeat must be a positive integer" >&2; exit 2; }
[[ "$SIZES" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || { echo "--sizes must look like 100,1000" >&2; exit 2; }

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------------------------------------
# Phases
# ---------------------------------------------------------------------------------------------
PHASES=(floor floor_tight inspect ddl_psql check_first check_first_j1 check_repeat check_edit
    check_changed plan squash_verify)
if [ -n "$ONLY_PHASES" ]; then
    IFS=, read -r -a PHASES <<<"$ONLY_PHASES"
fi
declare -A PHASE_LABEL=([floor]="psql floor" [floor_tight]="psql -At floor" [inspect]="inspect"
    [check_first]="check, first run" [check_repeat]="check, repeated"
    [ddl_psql]="psql DDL, one session" [check_first_j1]="check, first run, --jobs 1"
    [check_edit]="check, one table edited"
    [check_changed]="check, 5% changed" [plan]="plan, 5% changed" [squash_verify]="squash --verify"
    [diff]="pgdrift diff" [diff_migra]="migra" [diff_pgkit]="@pgkit/migra" [diff_pgdelta]="pg-delta"
    [fleet_one]="check one of the fleet" [fleet]="check the fleet"
    [fleet_one_cold]="check one, --no-cache" [fleet_cold]="check the fleet, --no-cache")

# The floor: psql alone running the very catalog queries introspection sends.
phase_floor() { CMD=(psql -X -q -v ON_ERROR_STOP=1 -d "$1" -f "$CATALOG_SQL"); }
# The same without psql's aligned formatting, which alone costs ~0.5 s of CPU at 5,000 tables:
# the tighter floor (closest to "the server's time plus the transfer").
phase_floor_tight() { CMD=(psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -f "$CATALOG_SQL"); }

prepare_inspect() { rm -rf "$2/out"; }
phase_inspect() { CMD=("$BIN" inspect --db "$1" --out "$2/out"); }
verify_inspect() {
    local views
    [ -s "$2/out/schema.yaml" ] || { log "inspect wrote no schema.yaml"; return 1; }
    views=$(find "$2/out/views" -name '*.sql' | wc -l)
    [ "$views" -eq "$EXPECTED_VIEWS" ] || { log "inspect wrote $views view files, expected $EXPECTED_VIEWS"; return 1; }
    log "  inspect output: $(du -sh "$2/out" | cut -f1), schema.yaml $(wc -l < "$2/out/schema.yaml") lines, $views views"
}

# check: the declared project is what inspect writes for the same database (declared == live), so
# check must find nothing (exit 0; anything else fails the run). The first run normalizes in a
# scratch database on the same server (empty cache); the repeated run reuses the cached
# normalization because the declared files did not change.
setup_check_first() { rm -rf "$2/declared"; "$BIN" inspect --db "$1" --out "$2/declared" 2>/dev/null; }
prepare_check_first() { rm -rf "$2/cache_first"; }
phase_check_first() {
    CMD=(env PGDRIFT_CACHE_DIR="$2/cache_first" "$BIN" check --db "$1"
        --schema-file "$2/declared/schema.yaml" --views "$2/declared/views")
}
# The same with the declared DDL on one connection (what check did before --jobs).
prepare_check_first_j1() { rm -rf "$2/cache_first"; }
phase_check_first_j1() { phase_check_first "$@"; CMD+=(--jobs 1); }
# psql running the generated DDL (the schema the declared project describes) in one session into
# an empty database: the floor for anything that runs the DDL on one connection.
prepare_ddl_psql() {
    psql -X -q -d "$ADMIN_URL" -c "SET client_min_messages = warning" \
        -c "DROP DATABASE IF EXISTS \"${db}_ddl\"" -c "CREATE DATABASE \"${db}_ddl\"" >/dev/null
    CREATED_DBS+=("${db}_ddl")
}
phase_ddl_psql() { CMD=(psql -X -q -v ON_ERROR_STOP=1 -d "$(url_with_db "$1" "${db}_ddl")" -f "$2/schema.sql"); }
setup_check_repeat() {
    [ -d "$2/declared" ] || setup_check_first "$1" "$2"
    rm -rf "$2/cache_repeat"
    # The cache check_first left (same declared files) saves one more normalization at 20,000 tables.
    if [ -d "$2/cache_first" ]; then cp -r "$2/cache_first" "$2/cache_repeat"; return; fi
    PGDRIFT_CACHE_DIR="$2/cache_repeat" "$BIN" check --db "$1" \
        --schema-file "$2/declared/schema.yaml" --views "$2/declared/views" >/dev/null
}
phase_check_repeat() {
    CMD=(env PGDRIFT_CACHE_DIR="$2/cache_repeat" "$BIN" check --db "$1"
        --schema-file "$2/declared/schema.yaml" --views "$2/declared/views")
}

# check_edit: the developer's loop. Before each run one table (the middle one) is edited: its
# `default: 0` is written inside one more pair of parentheses, new declared text that PostgreSQL
# normalizes to the same default, so check must still exit 0. Every other table, the views and
# the deparse fixpoints are in the warm cache: only the edited table and what depends on it (views
# over it, tables whose foreign keys point at it) are created in a scratch database.
setup_check_edit() {
    [ -d "$2/declared" ] || setup_check_first "$1" "$2"
    rm -rf "$2/cache_edit" "$2/edit"
    mkdir -p "$2/edit"
    echo 0 >"$2/edit/round"
    cp "$2/declared/schema.yaml" "$2/edit/schema.yaml"
    PGDRIFT_CACHE_DIR="$2/cache_edit" "$BIN" check --db "$1" \
        --schema-file "$2/edit/schema.yaml" --views "$2/declared/views" >/dev/null
}
prepare_check_edit() {
    local n
    n=$(($(cat "$2/edit/round") + 1))
    echo "$n" >"$2/edit/round"
    python3 "$BENCH/mutate.py" "$2/declared/schema.yaml" "$2/edit/schema.yaml" \
        --only $((EXPECTED_VIEWS * 5)) --round "$n"
}
phase_check_edit() {
    CMD=(env PGDRIFT_TRACE=1 PGDRIFT_CACHE_DIR="$2/cache_edit" "$BIN" check --db "$1"
        --schema-file "$2/edit/schema.yaml" --views "$2/declared/views")
}
verify_check_edit() {
    log "  check after an edit: $(grep -h 'pgdrift: ' "$2/check_edit.stderr" | tr '\n' ' ')"
}

# plan: the declared project with every 20th table changed (a new column), planned against the
# live database with an empty normalization cache (like `check, first run`); the plan must hold
# one ADD COLUMN per changed table.
setup_plan() {
    [ -d "$2/declared" ] || setup_check_first "$1" "$2"
    python3 "$BENCH/mutate.py" "$2/declared/schema.yaml" "$2/changed.yaml" 2>/dev/null
}
prepare_plan() { rm -rf "$2/cache_plan"; }
phase_plan() {
    CMD=(env PGDRIFT_CACHE_DIR="$2/cache_plan" "$BIN" plan --db "$1" --schema-file "$2/changed.yaml"
        --views "$2/declared/views" --format sql --out "$2/plan.sql")
}
# check_changed: `check` of the same change as `plan`, cache empty too (the ratio plan / check is
# what a plan costs over a check); it finds the drift, so exit 1 is its success.
setup_check_changed() { setup_plan "$1" "$2"; }
prepare_check_changed() { rm -rf "$2/cache_changed"; }
phase_check_changed() {
    CMD=(env PGDRIFT_CACHE_DIR="$2/cache_changed" "$BIN" check --db "$1"
        --schema-file "$2/changed.yaml" --views "$2/declared/views")
    OK_CODES=1
}
verify_plan() {
    local n
    n=$(grep -c 'ADD COLUMN' "$2/plan.sql")
    [ "$n" -gt 0 ] || { log "the plan holds no ADD COLUMN"; return 1; }
    log "  plan: $n ADD COLUMN statements"
}
# squash --verify: squash the live database and prove the script rebuilds it (exit 1 on any
# difference fails the run).
phase_squash_verify() { CMD=("$BIN" squash --from-db "$1" --verify --out "$2/squash.sql"); }

# The fleet: FLEET_DBS copies of the size's database (CREATE DATABASE ... TEMPLATE), checked
# in one run through --dbs-query, against checking one database; both must find no drift.
FLEET_DBS=${FLEET_DBS:-100}
fleet_query() { echo "SELECT datname FROM pg_database WHERE datname LIKE 'pgdrift_fleet_%'"; }
fleet_declared() { echo --schema-file "$1/declared/schema.yaml" --views "$1/declared/views"; }
setup_fleet_one() {
    [ -d "$2/declared" ] || setup_check_first "$1" "$2"
    rm -rf "$2/cache_fleet"
    # shellcheck disable=SC2046
    PGDRIFT_CACHE_DIR="$2/cache_fleet" "$BIN" check --quiet --db "$1" $(fleet_declared "$2") >/dev/null
}
# shellcheck disable=SC2046
phase_fleet_one() { CMD=(env PGDRIFT_CACHE_DIR="$2/cache_fleet" "$BIN" check --quiet --db "$1" $(fleet_declared "$2")); }
setup_fleet_one_cold() { setup_fleet_one "$1" "$2"; }
phase_fleet_one_cold() { phase_fleet_one "$1" "$2"; CMD+=(--no-cache); }
setup_fleet() {
    local i name src
    setup_fleet_one "$1" "$2"
    src=$(url_db "$1")
    if [ "$(psql -X -A -t -d "$ADMIN_URL" -c "SELECT count(*) FROM ($(fleet_query)) q")" -ne "$FLEET_DBS" ]; then
        log "  creating $FLEET_DBS copies of $src"
        for ((i = 1; i <= FLEET_DBS; i++)); do
            name=$(printf 'pgdrift_fleet_%03d' "$i")
            psql -X -q -d "$ADMIN_URL" -c "SET client_min_messages = warning" \
                -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name TEMPLATE \"$src\"" >/dev/null
            CREATED_DBS+=("$name")
        done
    fi
}
# shellcheck disable=SC2046
phase_fleet() {
    CMD=(env PGDRIFT_CACHE_DIR="$2/cache_fleet" "$BIN" check --quiet --db "$ADMIN_URL"
        --dbs-query "$(fleet_query)" $(fleet_declared "$2"))
}
verify_fleet() {
    local i parts=()
    phase_fleet "$1" "$2"
    "${CMD[@]}" --format json >"$2/fleet.json" || { log "the fleet check failed"; return 1; }
    grep -q "\"match\": $FLEET_DBS," "$2/fleet.json" || { log "the fleet did not all match: $2/fleet.json"; return 1; }
    for i in 1 2 3 4; do
        "${CMD[@]}" --format json --shard "$i/4" >"$2/shard$i.json" || { log "shard $i/4 failed"; return 1; }
        parts+=("$2/shard$i.json")
    done
    "$BIN" report merge --format json "${parts[@]}" >"$2/merged.json"
    cmp -s "$2/fleet.json" "$2/merged.json" || { log "shards merged differ from one run"; return 1; }
    log "  fleet: $FLEET_DBS databases match; --shard 1/4 … 4/4 merged = one run"
}
setup_fleet_cold() { setup_fleet "$1" "$2"; }
phase_fleet_cold() { phase_fleet "$1" "$2"; CMD+=(--no-cache); }

# The diff tools side by side (`pgdrift diff`, migra, @pgkit/migra, pg-delta).
# shellcheck source=bench/diff_tools.sh
source "$BENCH/diff_tools.sh"

for phase in "${PHASES[@]}"; do
    declare -F "phase_$phase" >/dev/null || { echo "bench/run.sh: unknown phase '$phase'" >&2; exit 2; }
done

# ---------------------------------------------------------------------------------------------
# Set-up: build, scratch directory, server
# ---------------------------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pgdrift-bench.XXXXXX")
PGDATA_DIR=""
PG_BIN=""
CREATED_DBS=()
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
    local rc=$?
    set +e
    if [ -n "$PGDATA_DIR" ] && [ -f "$PGDATA_DIR/postmaster.pid" ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1
    elif [ ${#CREATED_DBS[@]} -gt 0 ]; then
        for db in "${CREATED_DBS[@]}"; do
            psql -X -q -d "$ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1
        done
    fi
    if [ -n "${BENCH_KEEP:-}" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${PGDRIFT_BIN:-}" ]; then
    log "building (cargo build --release)"
    (cd "$ROOT" && cargo build --release --quiet)
fi
LOAD_BEFORE=$(uptime)

CATALOG_SQL="$WORK/catalog_queries.sql"
if ! "$BIN" catalog-queries > "$CATALOG_SQL" 2>"$WORK/catalog.err"; then
    if [ -n "${BENCH_CATALOG_SQL:-}" ]; then
        cp "$BENCH_CATALOG_SQL" "$CATALOG_SQL"
    else
        echo "\`pgdrift catalog-queries\` failed: $(cat "$WORK/catalog.err")" >&2
        exit 1
    fi
fi
if ! grep -q "pg_get_viewdef" "$CATALOG_SQL"; then
    echo "the catalog queries file does not look right: $CATALOG_SQL" >&2
    exit 1
fi

# Replaces the database of a postgres:// URL (keeps user, host, port and query parameters).
url_with_db() {
    python3 - "$1" "$2" <<'PY'
import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1])
print(u.urlunsplit(p._replace(path="/" + u.quote(sys.argv[2]))))
PY
}

# The database name of a postgres:// URL.
url_db() {
    python3 -c 'import sys, urllib.parse as u; print(u.unquote(u.urlsplit(sys.argv[1]).path[1:]))' "$1"
}

find_pg_bin() {
    local d
    d=$(pg_config --bindir 2>/dev/null || true)
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
        if [ -x "$d/initdb" ]; then echo "$d"; return; fi
    done
    d=$(command -v initdb || true)
    if [ -n "$d" ]; then dirname "$(readlink -f "$d")"; return; fi
    echo "no PostgreSQL server binaries (initdb) found; install postgresql or set DATABASE_URL" >&2
    return 1
}

if [ -n "${DATABASE_URL:-}" ]; then
    ADMIN_URL=$DATABASE_URL
    log "using the server at DATABASE_URL"
else
    PG_BIN=$(find_pg_bin)
    PGDATA_DIR="$WORK/data"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$WORK"; chmod 700 "$WORK"; fi
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    log "initdb + starting a throw-away PostgreSQL ($PG_BIN) on port $PORT"
    as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C --no-sync \
        >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; exit 1; }
    # Durability off (a throw-away server); everything else, max_locks_per_transaction included,
    # stays at its default so the numbers hold for an ordinary server.
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$WORK/server.log" -w -o \
        "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || { tail -20 "$WORK/server.log" >&2; exit 1; }
    ADMIN_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
fi

SERVER_VERSION=$(psql -X -A -t -d "$ADMIN_URL" -c "SHOW server_version")
log "PostgreSQL $SERVER_VERSION, $(nproc) CPUs, $(psql --version)"

# ---------------------------------------------------------------------------------------------
# Measurement
# ---------------------------------------------------------------------------------------------
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.4f\n", (a[NR/2]+a[NR/2+1])/2}'; }
maximum() { sort -g | tail -1; }

# run_phase PHASE URL DIR -> "<seconds> <peak RSS KiB> <CPU seconds>"
# A phase may set OK_CODES (exit codes that are success besides 0, e.g. a diff that found
# something) and KEEP_STDOUT=1 (its stdout goes to DIR/PHASE.stdout for its verify step).
run_phase() {
    local phase=$1 url=$2 dir=$3 out=/dev/null
    if declare -F "prepare_$phase" >/dev/null; then "prepare_$phase" "$url" "$dir"; fi
    OK_CODES="" KEEP_STDOUT=""
    "phase_$phase" "$url" "$dir"
    [ -z "$KEEP_STDOUT" ] || out="$dir/$phase.stdout"
    python3 "$BENCH/measure.py" --stdout "$out" --stderr "$dir/$phase.stderr" --ok "$OK_CODES" \
        -- "${CMD[@]}" || { tail -30 "$dir/$phase.stderr" >&2; return 1; }
}

# setup_phase PHASE URL DIR: runs the phase's setup hook; fails when the phase is to be skipped.
setup_phase() {
    if declare -F "setup_$1" >/dev/null; then "setup_$1" "$2" "$3"; fi
    [ -z "${SKIPPED[$1]:-}" ] || { log "  SKIPPING $1: ${SKIPPED[$1]}"; return 1; }
}

# A setup hook that cannot prepare its phase (a comparison tool that does not install) sets
# SKIPPED[phase] to the reason: the phase is left out loudly, the others still run.
declare -A RESULT_TIME RESULT_RSS RESULT_CPU SIZE_TABLES SIZE_RELATIONS SKIPPED
IFS=, read -r -a SIZE_LIST <<<"$SIZES"
for size in "${SIZE_LIST[@]}"; do
    db="pgdrift_bench_$size"
    url=$(url_with_db "$ADMIN_URL" "$db")
    dir="$WORK/size_$size"
    mkdir -p "$dir"
    EXPECTED_VIEWS=$(( size / 10 > 0 ? size / 10 : 1 ))

    python3 "$BENCH/gen_schema.py" "$size" $ROUTINES > "$dir/schema.sql"
    if [ -n "${BENCH_REUSE:-}" ] && [ -n "${DATABASE_URL:-}" ] &&
        [ "$(psql -X -A -t -d "$url" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'" 2>/dev/null)" = "$size" ]; then
        log "size $size: reusing database $db (BENCH_REUSE; not dropped at the end)"
        keep_db=1
    else
        keep_db=""
        log "size $size: creating database $db"
        psql -X -q -d "$ADMIN_URL" -c "SET client_min_messages = warning" \
            -c "DROP DATABASE IF EXISTS \"$db\"" -c "CREATE DATABASE \"$db\"" >/dev/null
        CREATED_DBS+=("$db")
        start=$(date +%s.%N)
        psql -X -q -d "$url" -f "$dir/schema.sql" >/dev/null
        log "  schema created in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"
    fi
    read -r tables relations < <(psql -X -A -t -F' ' -d "$url" -c \
        "SELECT count(*) FILTER (WHERE c.relkind = 'r'), count(*) FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")
    SIZE_TABLES[$size]=$tables
    SIZE_RELATIONS[$size]=$relations

    # With --no-warmup each phase is set up just before its first timed run, which its verify
    # step then checks (so check_repeat can start from the cache check_first left).
    for phase in "${PHASES[@]}"; do
        [ -z "$NO_WARMUP" ] || break
        setup_phase "$phase" "$url" "$dir" || continue
        run_phase "$phase" "$url" "$dir" >/dev/null # warm-up
        if declare -F "verify_$phase" >/dev/null; then "verify_$phase" "$url" "$dir"; fi
    done
    for ((r = 1; r <= REPEAT; r++)); do
        for phase in "${PHASES[@]}"; do
            if [ -n "$NO_WARMUP" ] && [ "$r" -eq 1 ]; then setup_phase "$phase" "$url" "$dir" || true; fi
            [ -z "${SKIPPED[$phase]:-}" ] || continue
            out=$(run_phase "$phase" "$url" "$dir") || { log "$phase failed at size $size"; exit 1; }
            if [ -n "$NO_WARMUP" ] && [ "$r" -eq 1 ] && declare -F "verify_$phase" >/dev/null; then
                "verify_$phase" "$url" "$dir"
            fi
            read -r secs rss cpu <<<"$out"
            echo "$secs" >>"$dir/$phase.time"
            echo "$rss" >>"$dir/$phase.rss"
            echo "$cpu" >>"$dir/$phase.cpu"
            log "  run $r/$REPEAT $phase: ${secs}s, CPU ${cpu}s, peak RSS $((rss / 1024)) MB"
        done
    done
    for phase in "${PHASES[@]}"; do
        [ -z "${SKIPPED[$phase]:-}" ] || { RESULT_TIME[$size,$phase]=skipped; continue; }
        RESULT_TIME[$size,$phase]=$(median <"$dir/$phase.time")
        RESULT_RSS[$size,$phase]=$(maximum <"$dir/$phase.rss")
        RESULT_CPU[$size,$phase]=$(median <"$dir/$phase.cpu")
    done

    [ -n "$keep_db" ] || psql -X -q -d "$ADMIN_URL" -c "DROP DATABASE \"$db\""
    psql -X -q -d "$ADMIN_URL" -c "SET client_min_messages = warning" \
        -c "DROP DATABASE IF EXISTS \"${db}_ddl\"" \
        -c "DROP DATABASE IF EXISTS \"${db}_b\"" >/dev/null
done

# ---------------------------------------------------------------------------------------------
# Report (markdown on stdout)
# ---------------------------------------------------------------------------------------------
header="| size | tables | relations | psql floor (s) | inspect (s) | ratio | peak RSS (MB) |"
header+=" psql -At floor (s) | ratio to -At | inspect CPU (s) |"
rule="|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
AWK_CELLS='function num(x, f) { return x == "" ? "–" : x == "skipped" ? x : sprintf(f, x) }
function mb(x) { return x == "" ? "–" : sprintf("%.0f", x / 1024) }
function ratio(a, b) { return (a == "" || b == "" || b + 0 == 0) ? "–" : sprintf("%.2fx", a / b) }
'
EXTRA=()
for phase in "${PHASES[@]}"; do
    case "$phase" in floor|floor_tight|inspect) ;; *) EXTRA+=("$phase")
        header+=" ${PHASE_LABEL[$phase]} (s) | ${PHASE_LABEL[$phase]} peak RSS (MB) |"
        rule+="---:|---:|" ;;
    esac
done
echo
echo "PostgreSQL $SERVER_VERSION, $(nproc) CPUs; median of $REPEAT runs (times and CPU); peak RSS is the largest of the runs."
echo "uptime before: $LOAD_BEFORE"
echo "uptime after:  $(uptime)"
for phase in "${PHASES[@]}"; do
    [ -z "${SKIPPED[$phase]:-}" ] || echo "skipped $phase: ${SKIPPED[$phase]}"
done
echo
echo "$header"
echo "$rule"
for size in "${SIZE_LIST[@]}"; do
    # A phase left out of --phases prints as "–" (the table used to need floor, floor_tight and
    # inspect, and stopped on an unset value without them).
    floor=${RESULT_TIME[$size,floor]:-}
    insp=${RESULT_TIME[$size,inspect]:-}
    row=$(awk -v s="$size" -v t="${SIZE_TABLES[$size]:-}" -v r="${SIZE_RELATIONS[$size]:-}" \
        -v f="$floor" -v i="$insp" -v m="${RESULT_RSS[$size,inspect]:-}" \
        -v ft="${RESULT_TIME[$size,floor_tight]:-}" -v c="${RESULT_CPU[$size,inspect]:-}" \
        "$AWK_CELLS"'BEGIN {printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
                s, t, r, num(f, "%.3f"), num(i, "%.3f"), ratio(i, f), mb(m), num(ft, "%.3f"),
                ratio(i, ft), num(c, "%.2f")}')
    for phase in ${EXTRA[@]+"${EXTRA[@]}"}; do
        row+=$(awk -v t="${RESULT_TIME[$size,$phase]:-}" -v m="${RESULT_RSS[$size,$phase]:-}" \
            "$AWK_CELLS"'BEGIN {printf " %s | %s |", num(t, "%.3f"), mb(m)}')
    done
    echo "$row"
done
