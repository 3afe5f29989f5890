//! Owners: `ALTER … OWNER TO` of schemas, tables, views, materialized views, sequences,
//! routines and types — compared, planned and written only with `--owners`.
//!
//! Declared as one default, `owner: app_owner` (every object of the project), plus `owners:`
//! exceptions keyed `<kind> <name>`: `table audit_log`, `schema billing`, `view app.v`,
//! `sequence s`, `function app.touch()`, `type mood` (`procedure`, `aggregate`, `materialized
//! view`, `domain` and `enum` are accepted for their kind). The key is the same spelling the
//! privilege kind uses for its findings, so views and routines (declared in SQL files) get an
//! owner without a YAML entry of their own.
//!
//! What is not an object of its own is left out: a sequence owned by a column follows its
//! table (`ALTER TABLE … OWNER TO` moves it, and PostgreSQL refuses to change it alone), and so
//! do indexes. Schema `public` is compared only when `owners:` names it (it belongs to
//! `pg_database_owner` since PostgreSQL 15, whoever owns the rest).
//!
//! Objects in the scratch normalization database belong to whoever runs pgdrift, so owners are
//! never read back from there: [`carry`] brings the declaration over as data, and both sides of
//! a comparison are [`expand`]ed to one owner per object before [`diff`] compares them.

pub mod catalog;
pub mod ddl;
pub mod diff;

use indexmap::IndexMap;
use tokio_postgres::Client;

use crate::kinds::function::RoutineKey;
use crate::load::Declared;
use crate::model::{QualifiedName, Schema, DEFAULT_SCHEMA};
use crate::normalize::NormalizeError;

/// The kinds of object an owner is declared for, as the first word of an `owners:` key.
pub const KINDS: [&str; 6] = ["schema", "table", "view", "sequence", "function", "type"];

/// An object that has an owner: its `owners:` key and the SQL that names it after `ALTER`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owned {
    /// `table audit_log`, `function app.touch()`.
    pub key: String,
    /// `TABLE`, `MATERIALIZED VIEW`, `FUNCTION`, ...
    pub keyword: &'static str,
    /// The SQL name: `"public"."audit_log"`, `"app"."touch"()`.
    pub name: String,
}

impl Owned {
    /// What follows `ALTER`: `TABLE "public"."audit_log"`.
    pub fn target(&self) -> String {
        format!("{} {}", self.keyword, self.name)
    }
}

/// Every object of `schema` that has an owner of its own, in a stable order: schemas (public
/// only when `with_public`), types, sequences not owned by a column, tables, views, routines.
pub fn objects(schema: &Schema, with_public: bool) -> Vec<Owned> {
    let mut out = Vec::new();
    let mut names: Vec<&String> = schema.schemas.iter().collect();
    names.retain(|s| s.as_str() != DEFAULT_SCHEMA);
    if with_public {
        out.push(schema_owned(DEFAULT_SCHEMA));
    }
    out.extend(names.into_iter().map(|s| schema_owned(s)));
    let rel = |kind: &str, keyword: &'static str, q: &QualifiedName| Owned {
        key: format!("{kind} {}", q.display_name()),
        keyword,
        name: q.sql(),
    };
    let types = schema.enums.keys().chain(schema.types.keys());
    out.extend(
        types
            .chain(schema.ranges.keys())
            .map(|q| rel("type", "TYPE", q)),
    );
    out.extend(schema.domains.keys().map(|q| rel("type", "DOMAIN", q)));
    let sequences = schema
        .sequences
        .iter()
        .filter(|(_, s)| s.owned_by.is_none());
    out.extend(sequences.map(|(q, _)| rel("sequence", "SEQUENCE", q)));
    out.extend(schema.tables.keys().map(|q| rel("table", "TABLE", q)));
    for (q, v) in &schema.views {
        let word = if v.materialized {
            "MATERIALIZED VIEW"
        } else {
            "VIEW"
        };
        out.push(rel("view", word, q));
    }
    for (k, f) in &schema.functions {
        out.push(Owned {
            key: routine_key(k),
            keyword: f.kind.keyword(),
            name: k.sql(),
        });
    }
    out
}

fn schema_owned(name: &str) -> Owned {
    Owned {
        key: format!("schema {name}"),
        keyword: "SCHEMA",
        name: crate::model::quote_ident(name),
    }
}

fn routine_key(k: &RoutineKey) -> String {
    format!("function {}", k.display_name())
}

/// The canonical spelling of an `owners:` key (`table public.t` is `table t`, `procedure p()`
/// is `function p()`), or why it is not one.
pub fn canonical_key(key: &str) -> Result<String, String> {
    let key = key.trim();
    let (kind, rest) = key.split_once(char::is_whitespace).unwrap_or((key, ""));
    let mut rest = rest.trim();
    let kind = match kind.to_ascii_lowercase().as_str() {
        "schema" => "schema",
        "table" => "table",
        "view" => "view",
        "materialized" => {
            rest = rest.strip_prefix("view").map(str::trim).unwrap_or(rest);
            "view"
        }
        "sequence" => "sequence",
        "function" | "procedure" | "aggregate" => "function",
        "type" | "domain" | "enum" => "type",
        _ => {
            return Err(format!(
                "`{key}`: an owners key is `<kind> <name>` with kind one of {}",
                KINDS.join(", ")
            ))
        }
    };
    if rest.is_empty() {
        return Err(format!(
            "`{key}`: the object's name is missing after `{kind}`"
        ));
    }
    let name = match kind {
        "schema" => rest.to_string(),
        "function" => RoutineKey::parse(rest)?.display_name(),
        _ => QualifiedName::parse(rest)?.display_name(),
    };
    Ok(format!("{kind} {name}"))
}

/// One owner per object: the exceptions of `owners`, and `owner` for every other object (the
/// `public` schema aside). Leaves `owner` empty. A schema read from a database already holds
/// one entry per object, and stays as it is.
pub fn expand(schema: &mut Schema) {
    let Some(default) = schema.owner.take() else {
        return;
    };
    let mut full = IndexMap::new();
    for o in objects(schema, false) {
        let role = schema.owners.get(&o.key).unwrap_or(&default).clone();
        full.insert(o.key, role);
    }
    for (k, r) in &schema.owners {
        full.entry(k.clone()).or_insert_with(|| r.clone());
    }
    schema.owners = full;
}

/// The inverse of [`expand`], for `inspect` and `snapshot`: the role owning most objects
/// becomes `owner`, the others stay exceptions (sorted by key).
pub fn compress(schema: &mut Schema) {
    if schema.owner.is_some() || schema.owners.is_empty() {
        return;
    }
    let mut counts: IndexMap<&String, usize> = IndexMap::new();
    for o in objects(schema, false) {
        if let Some(r) = schema.owners.get(&o.key) {
            *counts.entry(r).or_default() += 1;
        }
    }
    let best = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(r, _)| (*r).clone());
    let Some(best) = best else {
        return;
    };
    let with_default: std::collections::HashSet<String> =
        objects(schema, false).into_iter().map(|o| o.key).collect();
    schema
        .owners
        .retain(|k, r| *r != best || !with_default.contains(k));
    schema.owners.sort_keys();
    schema.owner = Some(best);
}

/// Without `--owners`: owners are accepted and ignored, on both sides.
pub fn strip(schema: &mut Schema) {
    schema.owner = None;
    schema.owners.clear();
}

/// Every role an owner declaration names, sorted.
pub fn roles(schema: &Schema) -> Vec<String> {
    let mut out: Vec<String> = schema.owner.iter().cloned().collect();
    out.extend(schema.owners.values().cloned());
    out.sort();
    out.dedup();
    out
}

/// Leaves out the owners that are roles matching one of `patterns` (globs), on one side of a
/// comparison (after [`expand`]): a managed service's own objects are not drift.
pub fn without_roles(schema: &mut Schema, patterns: &[String]) {
    if patterns.is_empty() {
        return;
    }
    let ignored = |role: &str| patterns.iter().any(|p| crate::diff::glob_match(p, role));
    schema.owners.retain(|_, r| !ignored(r));
    if schema.owner.as_deref().is_some_and(ignored) {
        schema.owner = None;
    }
}

/// Puts the declared owners on the normalized schema, keys canonical; a key that names no
/// declared object is an error at its line. A routine's signature is resolved by the scratch
/// server, where the declared routines exist (`f(int)` names `f(integer)`).
pub async fn carry(
    client: &Client,
    declared: &Declared,
    normalized: &mut Schema,
) -> Result<(), NormalizeError> {
    let schema = &declared.schema;
    normalized.owner = schema.owner.clone();
    normalized.owners.clear();
    let known: Vec<String> = objects(normalized, true)
        .into_iter()
        .map(|o| o.key)
        .collect();
    for (key, role) in &schema.owners {
        let invalid = |message: String| NormalizeError::Invalid {
            location: location(declared, key),
            object: format!("owners {key}"),
            message,
        };
        let mut canonical = canonical_key(key).map_err(invalid)?;
        if !known.contains(&canonical) && canonical.starts_with("function ") {
            if let Ok(k) = RoutineKey::parse(&canonical["function ".len()..]) {
                if let Some(found) =
                    crate::kinds::privilege::objects::resolve_routine(client, &k).await
                {
                    canonical = routine_key(&found);
                }
            }
        }
        if followed_table(normalized, &canonical) {
            return Err(invalid("a sequence owned by a column belongs to the table's owner (ALTER TABLE … OWNER TO moves it): declare the table's owner instead".to_string()));
        }
        if !known.contains(&canonical) {
            return Err(invalid(format!("names no declared object (owners are declared for {} that the project declares; a routine by its argument types, as in `function f(integer, text)`)", KINDS.join(", "))));
        }
        normalized.owners.insert(canonical, role.clone());
    }
    normalized.owners.sort_keys();
    Ok(())
}

/// Whether `key` names a sequence owned by a column (its owner is its table's).
fn followed_table(schema: &Schema, key: &str) -> bool {
    let Some(name) = key.strip_prefix("sequence ") else {
        return false;
    };
    QualifiedName::parse(name)
        .ok()
        .and_then(|q| schema.sequences.get(&q))
        .is_some_and(|s| s.owned_by.is_some())
}

/// Where an `owners:` entry is declared, else the schema file.
fn location(declared: &Declared, key: &str) -> String {
    let name = canonical_key(key).unwrap_or_else(|_| key.to_string());
    crate::kinds::privilege::objects::location(declared, &format!("owners {name}"))
}

#[cfg(test)]
mod tests;
