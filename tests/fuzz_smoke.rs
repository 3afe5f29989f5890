//! The fuzz targets of `pgdrift::fuzzing` on stable: every target over its committed corpus
//! (fuzz/corpus/<target>/, seeds from the repo's fixtures plus every crash libFuzzer found), then
//! over mutations of it drawn with a fixed seed. No input may panic or take more than 2 s.
//! The long runs are `cargo +nightly fuzz run <target>` in fuzz/ (README, "Fuzzing").
//!
//! `FUZZ_SMOKE_MUTATIONS=N` changes the number of mutated inputs per target (default 400), and
//! `FUZZ_SMOKE_SEED=N` the seed, for a longer run on stable.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::RngExt;
use proptest::test_runner::{RngAlgorithm, TestRng};

const PER_INPUT: Duration = Duration::from_secs(2);

/// Fragments that matter to the readers: YAML structure, SQL quoting, URL parts, globs.
const TOKENS: &[&str] = &[
    "\n",
    "\n  ",
    ": ",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "''",
    "$$",
    "$a$",
    "\\",
    "#",
    "&a",
    "*a",
    "!!str ",
    "---",
    "\n--- views/v.sql\n",
    "CREATE VIEW ",
    "(",
    ")",
    ",",
    ";",
    "--",
    "/*",
    "*/",
    "@",
    "://",
    "?",
    "=",
    "%",
    "%4",
    ":",
    ".",
    "*",
    "bıgınt",
    "\u{0}",
    "\t",
    "\r\n",
    "tables:",
    "columns:",
    "type: ",
    "text",
    "int",
    "9999999999999999999999",
    "-1",
    "~",
    "null",
];

fn env_number(key: &str, default: u64) -> u64 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => panic!("reading {}: {e}", dir.display()),
    };
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            std::fs::read(&p).ok().map(|data| (name, data))
        })
        .collect()
}

/// One random edit: flip a byte, insert a token, delete or duplicate a span, splice another seed.
fn mutate(rng: &mut TestRng, input: &mut Vec<u8>, other: &[u8]) {
    let at = |rng: &mut TestRng, len: usize| rng.random_range(0..=len);
    match rng.random_range(0..5) {
        0 if !input.is_empty() => {
            let i = rng.random_range(0..input.len());
            input[i] ^= 1 << rng.random_range(0..8);
        }
        1 => {
            let token = TOKENS[rng.random_range(0..TOKENS.len())].as_bytes();
            let i = at(rng, input.len());
            input.splice(i..i, token.iter().copied());
        }
        2 if !input.is_empty() => {
            let i = rng.random_range(0..input.len());
            let n = rng.random_range(1..=64.min(input.len() - i));
            input.drain(i..i + n);
        }
        3 if !input.is_empty() => {
            let i = rng.random_range(0..input.len());
            let n = rng.random_range(1..=256.min(input.len() - i));
            let span: Vec<u8> = input[i..i + n].to_vec();
            let j = at(rng, input.len());
            input.splice(j..j, span);
        }
        _ => {
            let i = at(rng, input.len());
            let j = at(rng, other.len());
            input.truncate(i);
            input.extend_from_slice(&other[j..]);
        }
    }
}

/// Runs `inputs` through `target` on a worker thread; fails on a panic or a slow input, naming
/// it and writing it under target/fuzz-smoke/ to be added to the corpus.
fn run_all(name: &str, target: fn(&[u8]), inputs: Vec<(String, Vec<u8>)>) {
    let (tx, rx) = mpsc::channel::<(usize, bool)>();
    let shared = std::sync::Arc::new(inputs);
    let worker_inputs = shared.clone();
    std::thread::spawn(move || {
        for (i, (_, data)) in worker_inputs.iter().enumerate() {
            let ok = std::panic::catch_unwind(|| target(data)).is_ok();
            if tx.send((i, ok)).is_err() || !ok {
                return;
            }
        }
    });
    for i in 0..shared.len() {
        let failure = match rx.recv_timeout(PER_INPUT) {
            Ok((_, true)) => continue,
            Ok((_, false)) => "panicked",
            Err(_) => "took more than 2 s (or the worker died)",
        };
        let (label, data) = &shared[i];
        let saved = save_failure(name, label, data);
        panic!("fuzz target {name}: input {label} {failure}; saved as {saved}");
    }
}

fn save_failure(target: &str, label: &str, data: &[u8]) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/fuzz-smoke")
        .join(target);
    let path = dir.join(label.replace('/', "_"));
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(&path, data);
    path.display().to_string()
}

fn smoke(name: &str) {
    let target = pgdrift::fuzzing::TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("no fuzz target {name}"));
    let seeds = corpus(name);
    assert!(!seeds.is_empty(), "fuzz/corpus/{name} is empty");
    let count = env_number("FUZZ_SMOKE_MUTATIONS", 400);
    let seed = env_number("FUZZ_SMOKE_SEED", 15);
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    let mut rng = TestRng::from_seed(RngAlgorithm::ChaCha, &key);
    let mut inputs = seeds.clone();
    for k in 0..count {
        let (base_name, base) = &seeds[rng.random_range(0..seeds.len())];
        let other = &seeds[rng.random_range(0..seeds.len())].1;
        let mut data = base.clone();
        for _ in 0..rng.random_range(1..=8) {
            mutate(&mut rng, &mut data, other);
        }
        inputs.push((format!("mutation-{k}-of-{base_name}"), data));
    }
    run_all(name, target, inputs);
}

#[test]
fn every_target_has_a_test_and_a_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    for (name, _) in pgdrift::fuzzing::TARGETS {
        assert!(
            root.join("corpus").join(name).is_dir(),
            "fuzz/corpus/{name}"
        );
        let bin = root.join("fuzz_targets").join(format!("{name}.rs"));
        assert!(bin.is_file(), "{} is missing", bin.display());
    }
    let this = include_str!("fuzz_smoke.rs");
    for (name, _) in pgdrift::fuzzing::TARGETS {
        assert!(
            this.contains(&format!("fn {name}()")),
            "no smoke test for {name}"
        );
    }
}

#[test]
fn loader() {
    smoke("loader");
}

#[test]
fn url() {
    smoke("url");
}

#[test]
fn dotenv() {
    smoke("dotenv");
}

#[test]
fn ignore_rule() {
    smoke("ignore_rule");
}

#[test]
fn plan_json() {
    smoke("plan_json");
}

#[test]
fn snapshot() {
    smoke("snapshot");
}

/// The glob matcher backtracks; a long pattern of stars against a long name must stay fast.
#[test]
fn ignore_rule_worst_case_glob_is_fast() {
    let pattern = format!("table:*{}b=slow", "a*".repeat(4000));
    let names = "a".repeat(200);
    let input = format!("{pattern}\n{names}");
    run_all(
        "ignore_rule",
        pgdrift::fuzzing::ignore_rule,
        vec![("worst-case-glob".to_string(), input.into_bytes())],
    );
}
