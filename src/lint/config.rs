//! Lint configuration: the `lint:` key of schema.yaml and `--rule id=severity` on the command line.
//!
//! ```yaml
//! lint:
//!   rules: {fk-indexed: error, varchar-vs-text: off}
//!   ignore:
//!     - {rule: bigint-keys, name: "legacy_*", reason: "frozen tables, read-only since 2021"}
//!   naming: {index: "ix_{table}_*", foreign_key: "fk_{table}_{columns}_*"}
//! ```
//!
//! Read from the file itself (only the `lint` key; the schema loader skips it), with serde-saphyr
//! spans so every mistake is reported as file:line:column. An ignore needs a reason, as in
//! `check`.

use std::collections::BTreeMap;
use std::path::Path;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::{rule, rule_ids, Level, Rule};

#[derive(Debug, thiserror::Error)]
pub enum LintError {
    #[error("{file}:{line}:{column}: {message}")]
    Config {
        file: String,
        line: u64,
        column: u64,
        message: String,
    },
    #[error("--rule '{arg}': {message}")]
    RuleArg { arg: String, message: String },
}

/// Hides findings of one rule (or `*`) on objects whose name (or table) matches a glob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintIgnore {
    pub rule: String,
    pub name: String,
    pub reason: String,
}

/// Name patterns of the `naming` rule: globs (`*`, `?`) with `{table}` and `{columns}`
/// (the key columns joined by `_`). Defaults are PostgreSQL's own names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Naming {
    pub index: String,
    pub primary_key: String,
    pub unique: String,
    pub foreign_key: String,
    pub check: String,
    pub exclusion: String,
}

impl Default for Naming {
    fn default() -> Self {
        Naming {
            index: "{table}_*idx".into(),
            primary_key: "{table}_pkey".into(),
            unique: "{table}_{columns}_key".into(),
            foreign_key: "{table}_{columns}_fkey".into(),
            check: "{table}_*check".into(),
            exclusion: "{table}_*excl".into(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Levels that differ from the rules' defaults.
    pub levels: BTreeMap<&'static str, Level>,
    pub ignores: Vec<LintIgnore>,
    pub naming: Naming,
}

/// The `lint:` key as the schema model carries it (so the loader accepts it and reports a
/// misspelt key at its line); [`Config::from_yaml`] reads the same text with positions and
/// validates rule ids, severities and ignore reasons.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintSection {
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub rules: IndexMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<LintIgnoreEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub naming: Option<Naming>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintIgnoreEntry {
    pub rule: String,
    pub name: String,
    #[serde(default)]
    pub reason: String,
}

#[derive(Deserialize)]
struct FileYaml {
    #[serde(default)]
    lint: Option<LintYaml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LintYaml {
    #[serde(default)]
    rules: IndexMap<String, Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<IgnoreYaml>>,
    #[serde(default)]
    naming: Option<Naming>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IgnoreYaml {
    rule: String,
    name: String,
    #[serde(default)]
    reason: String,
}

impl Config {
    pub fn level(&self, rule: &Rule) -> Level {
        self.levels.get(rule.id).copied().unwrap_or(rule.default)
    }

    /// Reads the `lint` key of a schema file; a missing file means no configuration.
    pub fn from_file(path: &Path) -> Result<Config, LintError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::from_yaml(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(LintError::Config {
                file: path.display().to_string(),
                line: 1,
                column: 1,
                message: e.to_string(),
            }),
        }
    }

    /// Reads the `lint` key of schema.yaml text; `file` names it in messages.
    pub fn from_yaml(text: &str, file: &str) -> Result<Config, LintError> {
        let err = |line: u64, column: u64, message: String| LintError::Config {
            file: file.to_string(),
            line: line.max(1),
            column: column.max(1),
            message,
        };
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let parsed: FileYaml = serde_saphyr::from_str(text).map_err(|e| {
            let (l, c) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((1, 1));
            let mut msg = e.without_snippet().to_string();
            if let Some(i) = msg.rfind(" at line ") {
                msg.truncate(i);
            }
            err(l, c, msg)
        })?;
        let Some(lint) = parsed.lint else {
            return Ok(Config::default());
        };
        let mut config = Config {
            naming: lint.naming.unwrap_or_default(),
            ..Config::default()
        };
        for (id, level) in &lint.rules {
            let (l, c) = (level.referenced.line(), level.referenced.column());
            let r = rule(id).ok_or_else(|| err(l, c, unknown_rule(id)))?;
            let lv = Level::parse(&level.value).ok_or_else(|| {
                err(
                    l,
                    c,
                    format!(
                        "rule `{id}`: unknown severity `{}`; use one of {}",
                        level.value,
                        Level::NAMES
                    ),
                )
            })?;
            config.levels.insert(r.id, lv);
        }
        for ig in lint.ignore {
            let (l, c) = (ig.referenced.line(), ig.referenced.column());
            let v = ig.value;
            if v.rule != "*" && rule(&v.rule).is_none() {
                return Err(err(l, c, format!("ignore: {}", unknown_rule(&v.rule))));
            }
            if v.reason.trim().is_empty() || v.name.trim().is_empty() {
                return Err(err(
                    l,
                    c,
                    format!(
                        "ignore ({} {}): give a `name` glob and a `reason`",
                        v.rule, v.name
                    ),
                ));
            }
            config.ignores.push(LintIgnore {
                rule: v.rule,
                name: v.name,
                reason: v.reason.trim().to_string(),
            });
        }
        Ok(config)
    }

    /// For the schema loader: the problem in a declared file's `lint:` key, as (line, column,
    /// message), so `check` reports it where `lint` would.
    pub fn problem_in(text: &str, file: &str) -> Option<(usize, usize, String)> {
        match Config::from_yaml(text, file) {
            Ok(_) => None,
            Err(LintError::Config {
                line,
                column,
                message,
                ..
            }) => Some((line as usize, column as usize, format!("lint: {message}"))),
            Err(e) => Some((1, 1, e.to_string())),
        }
    }

    /// `--rule id=severity` (also `id:severity`), overriding the file.
    pub fn set_rule_arg(&mut self, arg: &str) -> Result<(), LintError> {
        let bad = |message: String| LintError::RuleArg {
            arg: arg.to_string(),
            message,
        };
        let (id, level) = arg
            .split_once('=')
            .or_else(|| arg.split_once(':'))
            .ok_or_else(|| bad("expected RULE=SEVERITY, e.g. fk-indexed=error".into()))?;
        let r = rule(id.trim()).ok_or_else(|| bad(unknown_rule(id.trim())))?;
        let lv = Level::parse(level).ok_or_else(|| {
            bad(format!(
                "unknown severity `{level}`; use one of {}",
                Level::NAMES
            ))
        })?;
        self.levels.insert(r.id, lv);
        Ok(())
    }
}

fn unknown_rule(id: &str) -> String {
    format!("unknown rule `{id}`; rules: {}", rule_ids())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_levels_ignores_and_naming() {
        let yaml = "tables: {}\nlint:\n  rules: {fk-indexed: error, varchar-vs-text: warning, timestamptz: off}\n  ignore:\n    - {rule: bigint-keys, name: \"legacy_*\", reason: frozen}\n  naming: {index: \"ix_{table}_*\"}\n";
        let c = Config::from_yaml(yaml, "schema.yaml").unwrap();
        assert_eq!(c.levels.get("fk-indexed"), Some(&Level::Error));
        assert_eq!(c.levels.get("timestamptz"), Some(&Level::Off));
        assert_eq!(c.ignores.len(), 1);
        assert_eq!(c.naming.index, "ix_{table}_*");
        assert_eq!(c.naming.primary_key, "{table}_pkey");
    }

    #[test]
    fn mistakes_name_file_and_line() {
        let e = Config::from_yaml("lint:\n  rules:\n    fk-index: error\n", "s.yaml").unwrap_err();
        assert!(e.to_string().starts_with("s.yaml:3:"), "{e}");
        assert!(e.to_string().contains("unknown rule `fk-index`"), "{e}");
        let e =
            Config::from_yaml("lint:\n  rules:\n    fk-indexed: fatal\n", "s.yaml").unwrap_err();
        assert!(e.to_string().starts_with("s.yaml:3:"), "{e}");
        let e = Config::from_yaml(
            "lint:\n  ignore:\n    - {rule: fk-indexed, name: x}\n",
            "s.yaml",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("s.yaml:3:"), "{e}");
        assert!(e.to_string().contains("reason"), "{e}");
        let e = Config::from_yaml("lint:\n  rulez: {}\n", "s.yaml").unwrap_err();
        assert!(e.to_string().starts_with("s.yaml:2:"), "{e}");
    }

    #[test]
    fn rule_args() {
        let mut c = Config::default();
        c.set_rule_arg("no-serial=error").unwrap();
        assert_eq!(c.levels.get("no-serial"), Some(&Level::Error));
        assert!(c.set_rule_arg("no-serial").is_err());
        assert!(c.set_rule_arg("nope=error").is_err());
        assert!(c.set_rule_arg("no-serial=loud").is_err());
    }
}
