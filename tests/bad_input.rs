//! The bad-input corpus: every folder under tests/corpus/bad_input is one wrong thing a user can
//! do, run through the real binary, with the answer it must get.
//!
//! A case folder holds:
//! * `args` — the command line, one argument per line;
//! * `expect` — the exit code on the first line, then one fragment per line that stdout or
//!   stderr must contain (`!fragment`: must not contain; `absent: PATH`: no such file afterwards);
//! * optional `env` (`KEY=VALUE` lines), `setup.sql` (run on `{db}` first), `warm` (arguments of a
//!   run made first, whatever its outcome: to fill the cache), `README` (what the case is about);
//! * anything else (schema.yaml, views/, .env, plan.json, ...) is copied into the working folder
//!   the command runs in.
//!
//! Placeholders in `args`, `env` and `warm`: `{db}` a fresh database with `setup.sql` applied,
//! `{db_as:ROLE}` the same database as another role, `{server}` the maintenance database,
//! `{dead}` a port nothing listens on, `{closer}` a port whose peer accepts and closes at once,
//! `{dir}` the working folder.
//!
//! Secrets: every run has a password in `PGPASSWORD`, in a `.pgpass` file (`PGPASSFILE`), and in
//! every URL placeholder; cases add more in `.env` files and URLs. All contain `Sekr3t`, and no
//! output of any case may contain it.

mod common;

use std::path::{Path, PathBuf};

const SECRET_MARK: &str = "Sekr3t";
const URL_PASSWORD: &str = "pw_Sekr3t_url";

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/bad_input")
}

/// The URL with our password in it (when it has none of its own) and `user` as the user.
fn with_password(url: &str, user: Option<&str>) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (userinfo, host) = match rest[..auth_end].rsplit_once('@') {
        Some((u, _)) => (u, &rest[u.len() + 1..]),
        None => ("postgres", rest),
    };
    let (name, password) = match userinfo.split_once(':') {
        Some((n, p)) => (n, p.to_string()),
        None => (userinfo, URL_PASSWORD.to_string()),
    };
    let name = user.unwrap_or(name);
    format!("{scheme}://{name}:{password}@{host}")
}

/// A port whose peer accepts a connection and closes it at once (a proxy with nothing behind
/// it). Lives for the whole test binary.
fn closer_port() -> u16 {
    static PORT: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
    *PORT.get_or_init(|| {
        let listener = match std::net::TcpListener::bind("127.0.0.1:0") {
            Ok(l) => l,
            Err(e) => panic!("binding a local port: {e}"),
        };
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                drop(stream);
            }
        });
        port
    })
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let n = name.to_string_lossy();
        if matches!(
            n.as_ref(),
            "args" | "expect" | "env" | "setup.sql" | "warm" | "README"
        ) {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

struct Placeholders {
    db: Option<common::TestDb>,
    dir: PathBuf,
}

impl Placeholders {
    fn fill(&self, text: &str) -> String {
        let mut out = text.replace("{dir}", &self.dir.to_string_lossy());
        out = out.replace("{dead}", "127.0.0.1:1");
        out = out.replace("{closer}", &format!("127.0.0.1:{}", closer_port()));
        if let Some(db) = &self.db {
            while let Some(start) = out.find("{db_as:") {
                let Some(len) = out[start..].find('}') else {
                    break;
                };
                let role = out[start + 7..start + len].to_string();
                out.replace_range(start..=start + len, &with_password(&db.url, Some(&role)));
            }
            out = out.replace("{db}", &with_password(&db.url, None));
            out = out.replace("{server}", &with_password(&db.server_url(), None));
        }
        out
    }
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim_end_matches('\r').to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn run(args: &[String], dir: &Path, env: &[(String, String)]) -> common::Output {
    let mut cmd = std::process::Command::new(common::pgdrift_bin());
    cmd.args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .env_remove("DATABASE_URL")
        .env("PGDRIFT_CACHE_DIR", dir.join(".pgdrift-cache"))
        .env("PGPASSWORD", "pw_Sekr3t_env")
        .env("PGPASSFILE", dir.join(".pgpass"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = match cmd.output() {
        Ok(o) => o,
        Err(e) => panic!("running pgdrift: {e}"),
    };
    common::Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

async fn run_case(case: &Path) -> Result<(), String> {
    let name = case
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("pgdrift-bad-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_tree(case, &dir).map_err(|e| format!("{name}: copying: {e}"))?;
    std::fs::write(dir.join(".pgpass"), "*:*:*:*:pw_Sekr3t_pgpass\n").map_err(|e| e.to_string())?;
    {
        use std::os::unix::fs::PermissionsExt;
        let _ =
            std::fs::set_permissions(dir.join(".pgpass"), std::fs::Permissions::from_mode(0o600));
    }
    let args_text = std::fs::read_to_string(case.join("args")).unwrap_or_default();
    let env_text = std::fs::read_to_string(case.join("env")).unwrap_or_default();
    let warm_text = std::fs::read_to_string(case.join("warm")).unwrap_or_default();
    let needs_db = [&args_text, &env_text, &warm_text]
        .iter()
        .any(|t| t.contains("{db") || t.contains("{server}"));
    let db = if needs_db {
        let db = common::test_db(&format!("bad_{name}")).await;
        if let Ok(sql) = std::fs::read_to_string(case.join("setup.sql")) {
            db.exec(&sql).await;
        }
        Some(db)
    } else {
        None
    };
    let ph = Placeholders {
        db,
        dir: dir.clone(),
    };
    let args: Vec<String> = lines(&case.join("args"))
        .iter()
        .map(|a| ph.fill(a))
        .collect();
    let env: Vec<(String, String)> = lines(&case.join("env"))
        .iter()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), ph.fill(v)))
        .collect();
    let mut outputs = Vec::new();
    let warm: Vec<String> = lines(&case.join("warm"))
        .iter()
        .map(|a| ph.fill(a))
        .collect();
    if !warm.is_empty() {
        outputs.push(run(&warm, &dir, &env));
    }
    let out = run(&args, &dir, &env);
    outputs.push(out.clone());
    let expect = lines(&case.join("expect"));
    let Some((code, fragments)) = expect.split_first() else {
        return Err(format!("{name}: empty expect file"));
    };
    let code: i32 = code
        .trim()
        .parse()
        .map_err(|_| format!("{name}: first line of expect is not an exit code"))?;
    let both = format!("{}\n{}", out.stdout, out.stderr);
    let mut problems = Vec::new();
    if out.code != code {
        problems.push(format!("exit {} (expected {code})", out.code));
    }
    for f in fragments {
        if let Some(path) = f.strip_prefix("absent: ") {
            if dir.join(path.trim()).exists() {
                problems.push(format!("{path} exists"));
            }
        } else if let Some(not) = f.strip_prefix('!') {
            if both.contains(not) {
                problems.push(format!("says `{not}`"));
            }
        } else if !both.contains(f.as_str()) {
            problems.push(format!("does not say `{f}`"));
        }
    }
    for o in &outputs {
        if o.stdout.contains(SECRET_MARK) || o.stderr.contains(SECRET_MARK) {
            problems.push("PRINTS A PASSWORD".to_string());
        }
        if o.stderr.contains("panicked") || o.code == 101 {
            problems.push("panicked".to_string());
        }
    }
    if let Some(db) = &ph.db {
        db.drop_now().await;
    }
    if problems.is_empty() {
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    } else {
        Err(format!(
            "{name} ({}): {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            args.join(" "),
            problems.join("; "),
            out.stdout,
            out.stderr
        ))
    }
}

#[tokio::test]
async fn bad_input_corpus() {
    let only = std::env::var("PGDRIFT_CASE").ok();
    let mut cases: Vec<PathBuf> = match std::fs::read_dir(corpus()) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("args").is_file())
            .filter(|p| {
                only.as_deref().is_none_or(|o| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().contains(o))
                })
            })
            .collect(),
        Err(e) => panic!("reading {}: {e}", corpus().display()),
    };
    cases.sort();
    if only.is_none() {
        assert!(cases.len() >= 60, "only {} cases", cases.len());
    }
    // A few at a time: most cases are process starts and small queries.
    let mut failures = Vec::new();
    for chunk in cases.chunks(4) {
        let mut set = tokio::task::JoinSet::new();
        for c in chunk {
            let c = c.clone();
            set.spawn(async move { run_case(&c).await });
        }
        while let Some(r) = set.join_next().await {
            match r {
                Ok(Ok(())) => {}
                Ok(Err(e)) => failures.push(e),
                Err(e) => failures.push(format!("a case panicked: {e}")),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} bad-input cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
    eprintln!("{} bad-input cases passed", cases.len());
}
