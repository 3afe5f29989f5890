//! Progress on stderr: shown under a pseudo-terminal (`script` gives the command one), cleared
//! when the work ends, absent when stderr is piped, with `--quiet` and with `PGDRIFT_QUIET=1`.
//! `PGDRIFT_PROGRESS_AFTER_MS=0` drops the one-second delay so a fast test database shows it.

mod common;

use std::process::Command;

/// Runs `pgdrift args` with stdout discarded and stderr on a pseudo-terminal; returns what the
/// terminal received.
fn on_a_terminal(args: &[&str], envs: &[(&str, &str)]) -> String {
    let quote = |a: &str| format!("'{}'", a.replace('\'', "'\\''"));
    let mut cmd = quote(&common::pgdrift_bin().to_string_lossy());
    for a in args {
        cmd.push(' ');
        cmd.push_str(&quote(a));
    }
    cmd.push_str(" >/dev/null");
    let mut c = Command::new("script");
    c.args(["-qec", &cmd, "/dev/null"]);
    for (k, v) in envs {
        c.env(k, v);
    }
    let out = c.output().expect("script (util-linux) runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn progress_only_on_a_terminal_and_not_when_quiet() {
    let db = common::test_db("progress").await;
    db.exec("create table t (id bigint primary key)").await;
    let now = [("PGDRIFT_PROGRESS_AFTER_MS", "0")];

    let tty = on_a_terminal(&["lint", "--db", &db.url], &now);
    assert!(tty.contains("\rreading postgres://"), "{tty:?}");
    assert!(tty.contains("\x1b[K"), "{tty:?}");
    assert!(
        tty.ends_with("\r\x1b[K"),
        "the line is cleared at the end: {tty:?}"
    );

    for quiet in [
        on_a_terminal(&["lint", "--db", &db.url, "--quiet"], &now),
        on_a_terminal(&["--quiet", "lint", "--db", &db.url], &now),
        on_a_terminal(
            &["lint", "--db", &db.url],
            &[now[0], ("PGDRIFT_QUIET", "1")],
        ),
    ] {
        assert!(
            !quiet.contains("reading") && !quiet.contains('\r'),
            "{quiet:?}"
        );
    }

    let piped = common::run_pgdrift(&["lint", "--db", &db.url], None, &now);
    piped.assert_code(0);
    assert!(
        !piped.stderr.contains("reading") && !piped.stderr.contains('\r'),
        "{:?}",
        piped.stderr
    );
    db.drop_now().await;
}
