# shellcheck shell=bash
# Sourced by bench/run.sh: `pgdrift diff URL URL` side by side with migra, @pgkit/migra and
# Supabase's pg-delta on the same pair of live databases (issue 16).
#
#   bench/run.sh --sizes 2000 --repeat 3 --phases diff,diff_migra,diff_pgkit,diff_pgdelta
#
# Database A is the size's database; B is a copy of it (CREATE DATABASE ... TEMPLATE) changed by
# `bench/mutate.py --sql` (47 differences at 2,000 tables). Every tool diffs A against B; after
# the warm-up run, `bench/diff_found.py` checks that its output names every changed object.
#
# The tools are installed once under BENCH_TOOLS (default bench/.work/tools, git-ignored): migra
# from PyPI in its own venv, the two npm packages in their own node_modules, at the versions
# below. A tool that does not install (no network, a registry that refuses) is skipped loudly:
# the reason is logged and printed under the table, the other phases still run.

BENCH_TOOLS=${BENCH_TOOLS:-$ROOT/bench/.work/tools}
MIGRA_VERSION=${MIGRA_VERSION:-3.0.1663481299}
PGKIT_MIGRA_VERSION=${PGKIT_MIGRA_VERSION:-0.6.1}
PG_DELTA_VERSION=${PG_DELTA_VERSION:-1.0.0-alpha.34}

# The mutated copy, made once per size for all four phases.
setup_diff() {
    local src
    [ -f "$2/expect.txt" ] && return 0
    src=$(url_db "$1")
    psql -X -q -d "$ADMIN_URL" -c "SET client_min_messages = warning" \
        -c "DROP DATABASE IF EXISTS \"${src}_b\"" -c "CREATE DATABASE \"${src}_b\" TEMPLATE \"$src\"" >/dev/null
    CREATED_DBS+=("${src}_b")
    python3 "$BENCH/mutate.py" --sql "$size" --expect "$2/expect.txt" >"$2/mutate.sql"
    psql -X -q -d "$(diff_b "$1")" -f "$2/mutate.sql" >/dev/null
    log "  diff: ${src}_b = $src with $(wc -l <"$2/expect.txt") changes (bench/mutate.py --sql)"
}
diff_b() { url_with_db "$1" "$(url_db "$1")_b"; }
# SQLAlchemy (migra) takes postgresql:// only.
sqlalchemy_url() { echo "postgresql://${1#*://}"; }

phase_diff() { CMD=("$BIN" diff --quiet "$1" "$(diff_b "$1")"); OK_CODES=1; KEEP_STDOUT=1; }
verify_diff() { python3 "$BENCH/diff_found.py" "$2/expect.txt" "$2/diff.stdout" "pgdrift diff" >&2; }

setup_diff_migra() {
    local venv="$BENCH_TOOLS/migra-venv"
    setup_diff "$1" "$2"
    [ -x "$venv/bin/migra" ] && return 0
    # SQLAlchemy 2.1 maps postgresql:// to psycopg 3, which migra[pg] does not install; migra
    # was released against SQLAlchemy 1.4.
    log "  installing migra $MIGRA_VERSION (pip, into $venv)"
    mkdir -p "$BENCH_TOOLS"
    if ! { python3 -m venv "$venv" &&
        "$venv/bin/pip" install -q "migra[pg]==$MIGRA_VERSION" "sqlalchemy<2" setuptools; } >"$BENCH_TOOLS/migra-install.log" 2>&1; then
        SKIPPED[diff_migra]="pip could not install migra: $(tail -1 "$BENCH_TOOLS/migra-install.log")"
    fi
}
# migra exits 2 when the databases differ; --unsafe lets it print the DROP INDEX statements.
phase_diff_migra() {
    CMD=("$BENCH_TOOLS/migra-venv/bin/migra" --unsafe "$(sqlalchemy_url "$1")" "$(sqlalchemy_url "$(diff_b "$1")")")
    OK_CODES=2 KEEP_STDOUT=1
}
verify_diff_migra() { python3 "$BENCH/diff_found.py" "$2/expect.txt" "$2/diff_migra.stdout" migra >&2; }

# Installs the npm packages (both at once: one node_modules) unless they are there.
install_node_tools() {
    local dir="$BENCH_TOOLS/node"
    [ -x "$dir/node_modules/.bin/pgdelta" ] && [ -x "$dir/node_modules/.bin/migra" ] && return 0
    if ! command -v npm >/dev/null; then echo "npm is not installed"; return 1; fi
    log "  installing @pgkit/migra@$PGKIT_MIGRA_VERSION and @supabase/pg-delta@$PG_DELTA_VERSION (npm, into $dir)"
    mkdir -p "$dir"
    [ -f "$dir/package.json" ] || echo '{"private": true}' >"$dir/package.json"
    if ! (cd "$dir" && npm install --no-audit --no-fund --silent \
        "@pgkit/migra@$PGKIT_MIGRA_VERSION" "@supabase/pg-delta@$PG_DELTA_VERSION") >"$dir/install.log" 2>&1; then
        echo "npm install failed: $(tail -1 "$dir/install.log")"
        return 1
    fi
}
setup_diff_pgkit() {
    local why
    setup_diff "$1" "$2"
    why=$(install_node_tools) || SKIPPED[diff_pgkit]=$why
}
phase_diff_pgkit() {
    # `--unsafe` takes an optional value, so it goes after the URLs.
    CMD=("$BENCH_TOOLS/node/node_modules/.bin/migra" run "$1" "$(diff_b "$1")" --unsafe)
    KEEP_STDOUT=1
}
verify_diff_pgkit() { python3 "$BENCH/diff_found.py" "$2/expect.txt" "$2/diff_pgkit.stdout" @pgkit/migra >&2; }

setup_diff_pgdelta() {
    local why
    setup_diff "$1" "$2"
    why=$(install_node_tools) || SKIPPED[diff_pgdelta]=$why
}
phase_diff_pgdelta() {
    CMD=("$BENCH_TOOLS/node/node_modules/.bin/pgdelta" diff --source "$1" --desired "$(diff_b "$1")")
    KEEP_STDOUT=1
}
verify_diff_pgdelta() { python3 "$BENCH/diff_found.py" "$2/expect.txt" "$2/diff_pgdelta.stdout" pg-delta >&2; }
