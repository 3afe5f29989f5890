//! `--help` of every subcommand (an example and the exit codes, and the wording of the flags
//! that were easy to misread), and "did you mean" for misspelled categories, ignore kinds and
//! subcommands: exit code 2, before any work is done (no database is given in these runs).

mod common;

use common::SUBCOMMANDS;

fn help(sub: &str) -> String {
    let out = common::run_pgdrift(&[sub, "--help"], None, &[]);
    out.assert_code(0);
    out.stdout
}

#[test]
fn every_subcommand_has_an_example() {
    for sub in SUBCOMMANDS {
        let text = help(sub);
        let example = format!("Examples:\n  pgdrift {sub}");
        assert!(
            text.contains(&example),
            "`{sub} --help` has no example:\n{text}"
        );
    }
}

#[test]
fn commands_that_compare_or_change_say_their_exit_codes() {
    for sub in [
        "inspect", "check", "snapshot", "diff", "plan", "apply", "squash", "lint", "postgres",
    ] {
        let text = help(sub);
        assert!(
            text.contains("Exit codes: 0 "),
            "`{sub} --help` has no exit codes:\n{text}"
        );
        assert!(text.contains(", 2 error"), "`{sub} --help`: {text}");
    }
    assert!(help("check").contains("1 drift"));
    assert!(help("apply").contains("1 applied but drift remains"));
}

#[test]
fn the_rough_edges_of_the_flags_are_explained() {
    let diff = help("diff");
    assert!(!diff.contains("Default: public"), "{diff}");
    assert!(
        diff.contains("every schema that is not a system schema"),
        "{diff}"
    );
    let squash = help("squash");
    assert!(squash.contains("Only with --stamp"), "{squash}");
    assert!(squash.contains("--views-output"), "{squash}");
    assert!(squash.contains("read, never written"), "{squash}");
    let check = help("check");
    assert!(check.contains("--format html --out report.html"), "{check}");
    assert!(!check.contains("Default: public"), "{check}");
}

fn assert_refused(args: &[&str], wanted: &[&str]) {
    let out = common::run_pgdrift(args, None, &[("DATABASE_URL", "")]);
    out.assert_code(2);
    for w in wanted {
        assert!(
            out.stderr.contains(w),
            "{args:?}: no `{w}` in:\n{}",
            out.stderr
        );
    }
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn misspelled_categories_kinds_and_subcommands_get_a_suggestion() {
    assert_refused(
        &["check", "--fail-on", "foriegn_key"],
        &[
            "unknown drift category `foriegn_key`",
            "did you mean `foreign_key`?",
        ],
    );
    assert_refused(
        &["check", "--category", "timezone,mising"],
        &["`mising` (did you mean `missing`?)"],
    );
    assert_refused(
        &["diff", "a.yaml", "b.yaml", "--warn-on", "indx"],
        &["did you mean `index`?"],
    );
    assert_refused(
        &["check", "--ignore", "tabel:x=managed elsewhere"],
        &["--ignore 'tabel:x=managed elsewhere': unknown kind `tabel` (did you mean `table`?)"],
    );
    assert_refused(&["chek"], &["similar subcommand exists: 'check'"]);
    assert_refused(
        &["check", "--fail-on", "zzzzzz"],
        &["unknown drift category `zzzzzz`; valid"],
    );
}

#[test]
fn known_ignore_kinds_are_accepted() {
    // `role` and an unsupported kind's id are valid kinds: the run goes on to need a database.
    for rule in [
        "role:rds*=managed by RDS",
        "materialized_view:mv=x",
        "rule:r=x",
    ] {
        let out = common::run_pgdrift(&["check", "--ignore", rule], None, &[("DATABASE_URL", "")]);
        out.assert_code(2);
        assert!(
            out.stderr.contains("no database given"),
            "{rule}: {}",
            out.stderr
        );
    }
}
