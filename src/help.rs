//! The `after_help` of each subcommand: examples, then its exit codes (an API, see the README's
//! tour). Kept together so the codes read the same way everywhere.

pub const INSPECT: &str = "Examples:\n  \
pgdrift inspect --db postgres://app@db/app --out .\n  \
pgdrift inspect --db \"$DATABASE_URL\" --schema public --schema audit --out adopted/\n\n\
Exit codes: 0 written, 2 error (cannot connect, cannot write).";

pub const CHECK: &str = "Examples:\n  \
pgdrift check --db postgres://app@db/app\n  \
pgdrift check --against snapshots/production.yaml --dev-url ephemeral --fail-on type,timezone\n  \
pgdrift check --db \"$DATABASE_URL\" --format html --out report.html\n  \
pgdrift check --db \"$DATABASE_URL\" --fingerprint migrations/0001_squash.sql\n\n\
Exit codes: 0 no drift (or only --warn-on categories), 1 drift, 2 error (bad input, cannot connect).";

pub const SNAPSHOT: &str = "Examples:\n  \
pgdrift snapshot --db postgres://readonly@prod/app --out snapshots/production.yaml\n\n\
Exit codes: 0 written, 2 error (cannot connect, cannot write).";

pub const DIFF: &str = "Examples:\n  \
pgdrift diff snapshots/staging.yaml snapshots/production.yaml\n  \
pgdrift diff . postgres://app@db/app --dev-url ephemeral --format markdown\n  \
pgdrift diff postgres://app@db1/app postgres://app@db2/app --format html --out diff.html\n\n\
Exit codes: 0 no difference, 1 differences, 2 error (bad input, cannot connect).";

pub const PLAN: &str = "Examples:\n  \
pgdrift plan --db postgres://app@db/app\n  \
pgdrift plan --db \"$DATABASE_URL\" --online --format human\n  \
pgdrift plan --db \"$DATABASE_URL\" --format html --out plan.html\n  \
pgdrift plan --db \"$DATABASE_URL\" --format alembic --alembic-dir alembic/versions -m \"fix drift\"\n  \
pgdrift plan --db \"$DATABASE_URL\" --format dbmate --out db/migrations -m \"fix drift\"\n\n\
Exit codes: 0 plan written (also when empty), 2 error (bad input, cannot connect, cannot plan).";

pub const APPLY: &str = "Examples:\n  \
pgdrift apply --db postgres://app@db/app --dry-run\n  \
pgdrift apply --db \"$DATABASE_URL\" --yes --lock-timeout 2s\n  \
pgdrift plan --db \"$DATABASE_URL\" --format json --out plan.json && pgdrift apply --db \"$DATABASE_URL\" --plan plan.json --yes\n\n\
Exit codes: 0 converged (or nothing to do), 1 applied but drift remains, 2 error or refused \
(destructive steps without --allow-destructive, a plan made for another state, a lock not taken).";

pub const SQUASH: &str = "Examples:\n  \
pgdrift squash --verify --out migrations/0001_squash.sql\n  \
pgdrift squash --from-db postgres://app@db/app --format alembic --out alembic/versions/squash.py\n  \
pgdrift squash --verify --stamp 0001 --db postgres://app@db/app\n\n\
--db is only used with --stamp (the database whose alembic_version records the revision); \
--from-db is the database to squash.\n\n\
Exit codes: 0 written (and verified with --verify; stamped with --stamp), 1 verification failed \
(nothing written) or --stamp found drift (not stamped), 2 error.";

pub const POSTGRES: &str = "Examples:\n  \
pgdrift postgres list\n  \
pgdrift postgres install 17\n\n\
Exit codes: 0 done, 2 error (no such major, download or checksum failed).";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_examples_and_exit_codes() {
        for text in [
            INSPECT, CHECK, SNAPSHOT, DIFF, PLAN, APPLY, SQUASH, POSTGRES,
        ] {
            assert!(text.starts_with("Examples:\n  pgdrift "), "{text}");
            assert!(text.contains("\n\nExit codes: 0 "), "{text}");
        }
    }
}
