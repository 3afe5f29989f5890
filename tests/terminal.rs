//! The terminal side of the binary: `--color auto|always|never` (with NO_COLOR, pipes and a
//! pseudo-terminal), shell completions and man pages.

mod common;

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp_dir(hint: &str) -> PathBuf {
    common::temp_dir("terminal", hint)
}

/// A project with lint findings at both severities.
fn lint_project() -> PathBuf {
    let dir = temp_dir("lint");
    std::fs::copy(
        repo().join("tests/corpus/lint/bigint_keys_declared/schema.yaml"),
        dir.join("schema.yaml"),
    )
    .expect("copy schema.yaml");
    dir
}

/// The production snapshot and a copy with one timestamp losing its time zone and one view
/// column renamed: `diff` of the two reports a timezone change and a view body diff, offline.
fn drifted_snapshots() -> (String, String) {
    let prod = repo().join("snapshots/production.yaml");
    let text = std::fs::read_to_string(&prod).expect("snapshot");
    let drifted = text
        .replacen("timestamp with time zone", "timestamp without time zone", 1)
        .replacen("AS source_score", "AS source_score_renamed", 1);
    assert_ne!(drifted, text);
    let out = temp_dir("snap").join("drifted.yaml");
    std::fs::write(&out, drifted).expect("write");
    (
        prod.to_string_lossy().into_owned(),
        out.to_string_lossy().into_owned(),
    )
}

const ESC: &str = "\x1b[";

#[test]
fn color_always_never_no_color_and_pipes() {
    let (a, b) = drifted_snapshots();
    let colored = common::run_pgdrift(&["diff", &a, &b, "--color", "always"], None, &[]);
    colored.assert_code(1);
    assert!(
        colored.stdout.contains("\x1b[31merror  \x1b[0m"),
        "{}",
        colored.stdout
    );
    assert!(
        colored.stdout.contains("\x1b[1mtimezone (1)\x1b[0m"),
        "{}",
        colored.stdout
    );
    assert!(
        colored.stdout.contains("\x1b[31m-"),
        "a removed view line: {}",
        colored.stdout
    );
    assert!(
        colored.stdout.contains("\x1b[32m+"),
        "an added view line: {}",
        colored.stdout
    );
    // `always` is an explicit request: it wins over NO_COLOR.
    let forced = common::run_pgdrift(
        &["diff", &a, &b, "--color", "always"],
        None,
        &[("NO_COLOR", "1")],
    );
    assert!(forced.stdout.contains(ESC));
    for (args, envs) in [
        (vec!["--color", "never"], vec![]),
        (vec![], vec![]),
        (vec!["--color", "auto"], vec![("NO_COLOR", "1")]),
    ] {
        let mut all = vec!["diff", a.as_str(), b.as_str()];
        all.extend(args.iter().copied());
        let out = common::run_pgdrift(&all, None, &envs);
        out.assert_code(1);
        assert!(
            !out.stdout.contains(ESC),
            "{all:?} {envs:?}: {}",
            out.stdout
        );
        assert_eq!(
            out.stdout,
            colored
                .stdout
                .replace("\x1b[0m", "")
                .replace("\x1b[1m", "")
                .replace("\x1b[31m", "")
                .replace("\x1b[32m", "")
                .replace("\x1b[33m", "")
                .replace("\x1b[36m", ""),
            "the same text without the escapes"
        );
    }
    // Machine formats are never colored.
    let json = common::run_pgdrift(
        &["diff", &a, &b, "--format", "json", "--color", "always"],
        None,
        &[],
    );
    assert!(!json.stdout.contains(ESC));

    let dir = lint_project();
    let lint = common::run_pgdrift(&["lint", "--color", "always"], Some(&dir), &[]);
    lint.assert_code(1);
    assert!(
        lint.stdout.contains("\x1b[31merror\x1b[0m [bigint-keys]"),
        "{}",
        lint.stdout
    );
    assert!(
        lint.stdout.contains("\x1b[33mwarning\x1b[0m [no-serial]"),
        "{}",
        lint.stdout
    );
    for envs in [vec![], vec![("NO_COLOR", "1")]] {
        let out = common::run_pgdrift(&["lint"], Some(&dir), &envs);
        assert!(!out.stdout.contains(ESC), "{envs:?}: {}", out.stdout);
    }
    let bad = common::run_pgdrift(&["lint", "--color", "sometimes"], Some(&dir), &[]);
    bad.assert_code(2);
}

/// Under a pseudo-terminal (util-linux `script`), `auto` colors, and NO_COLOR turns it off.
#[test]
fn auto_colors_on_a_terminal_unless_no_color() {
    let Ok(script) = which("script") else {
        eprintln!("skipped: no `script` (util-linux) to make a pseudo-terminal");
        return;
    };
    let dir = lint_project();
    let run = |no_color: bool| {
        let cmd = format!(
            "{}{} lint",
            if no_color { "NO_COLOR=1 " } else { "" },
            common::pgdrift_bin().display()
        );
        let out = std::process::Command::new(&script)
            .args(["-qec", &cmd, "/dev/null"])
            .current_dir(&dir)
            .env("TERM", "xterm")
            .env_remove("NO_COLOR")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("script");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let tty = run(false);
    assert!(tty.contains("\x1b[31merror\x1b[0m"), "{tty}");
    let plain = run(true);
    assert!(
        plain.contains("[bigint-keys]") && !plain.contains("\x1b[31m"),
        "{plain}"
    );
}

fn which(name: &str) -> Result<PathBuf, ()> {
    let path = std::env::var_os("PATH").ok_or(())?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| Path::new(p).is_file())
        .ok_or(())
}

/// `pgdrift completions SHELL` prints a script naming every visible subcommand (not the hidden
/// ones) that the shell parses; `pgdrift man` prints a roff page, or one per subcommand.
#[test]
fn completions_and_man_pages() {
    let subcommands = common::SUBCOMMANDS;
    let bash = common::run_pgdrift(&["completions", "bash"], None, &[]);
    bash.assert_code(0);
    for s in subcommands {
        assert!(
            bash.stdout.contains(&format!(" {s} ")) || bash.stdout.contains(&format!(" {s}\"")),
            "bash completion lacks `{s}`"
        );
    }
    assert!(bash.stdout.contains("--against"), "check's options");
    assert!(
        !bash.stdout.contains("catalog-queries"),
        "a hidden subcommand"
    );
    let script = temp_dir("completions").join("pgdrift.bash");
    std::fs::write(&script, &bash.stdout).expect("io");
    let parsed = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .expect("io");
    assert!(parsed.success(), "bash -n {}", script.display());
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let out = common::run_pgdrift(&["completions", shell], None, &[]);
        out.assert_code(0);
        assert!(
            out.stdout.contains("lint") && out.stdout.contains("--format"),
            "{shell}: {}",
            out.stdout
        );
    }
    common::run_pgdrift(&["completions", "tcsh"], None, &[]).assert_code(2);

    let man = common::run_pgdrift(&["man"], None, &[]);
    man.assert_code(0);
    assert!(man.stdout.contains(".TH pgdrift 1"), "{}", man.stdout);
    for s in subcommands {
        assert!(
            man.stdout.contains(&format!("pgdrift\\-{s}(1)")),
            "man page lacks `{s}`"
        );
    }
    let dir = temp_dir("man");
    let out = common::run_pgdrift(&["man", "--out", &dir.to_string_lossy()], None, &[]);
    out.assert_code(0);
    let check = std::fs::read_to_string(dir.join("pgdrift-check.1")).expect("io");
    assert!(check.contains(".TH pgdrift-check 1"), "{check}");
    assert!(check.contains("\\-\\-against"), "{check}");
    assert!(!dir.join("pgdrift-catalog-queries.1").exists());
}

/// `plan --format human` colors its hazards (red for data loss, yellow for the others) with
/// `--color always`, never with NO_COLOR, and not when piped.
#[tokio::test]
async fn plan_hazards_are_colored_only_when_asked_or_on_a_terminal() {
    let db = common::production_drift_db("terminal_plan").await;
    let plan = |extra: &[&str], envs: &[(&str, &str)]| {
        let mut args = vec!["plan", "--db", &db.url, "--format", "human"];
        args.extend_from_slice(extra);
        let out = common::run_pgdrift(&args, Some(&repo()), envs);
        out.assert_code(0);
        out.stdout
    };
    let colored = plan(&["--color", "always"], &[]);
    assert!(colored.contains("\x1b[33m[rewrite]\x1b[0m"), "{colored}");
    // `--color never` is the same switch as NO_COLOR (tested on `diff` above): two runs suffice.
    for plain in [plan(&[], &[("NO_COLOR", "1")]), plan(&[], &[])] {
        assert!(
            plain.contains("  [rewrite]") && !plain.contains(ESC),
            "{plain}"
        );
    }
    db.drop_now().await;
}
