//! Privileges on routines (functions, procedures, aggregates) and on types (enums, domains,
//! composite and range types), and column privileges on views.
//!
//! Routines and types differ from relations in one way: with no ACL at all (`proacl` /
//! `typacl` NULL) they give `EXECUTE` / `USAGE` to `PUBLIC`. So a routine or type not listed in
//! `function_grants` / `type_grants` keeps that built-in default (no drift unless the database
//! differs from it), and a listed one has exactly the listed grants (`{}` revokes `PUBLIC`'s:
//! `REVOKE EXECUTE ... FROM PUBLIC` on a `SECURITY DEFINER` function is the classic case). Both
//! sides compare as effective grants, the owner's entries left out.
//!
//! `function_grants` is keyed by the routine's signature; the key is resolved by the scratch
//! server ([`resolve`]: `int` names `integer`), so it may be spelled like SQL's. Type grants are
//! keyed by the qualified type name, whatever kind of type it is.

use tokio_postgres::Client;

use super::ddl::Target;
use super::diff::{change, Planner};
use super::{DefaultObjects, Grants, PUBLIC};
use crate::diff::{Change, Severity};
use crate::kinds::function::RoutineKey;
use crate::kinds::policy::diff::PlanStep;
use crate::load::{Declared, ObjectKey};
use crate::model::{QualifiedName, Schema};
use crate::normalize::NormalizeError;

/// What a routine gives when nobody granted or revoked anything: `EXECUTE` to `PUBLIC`.
pub fn builtin_routine() -> Grants {
    let mut g = Grants::new();
    g.insert(PUBLIC.to_string(), vec!["execute".to_string()]);
    g
}

/// What a type or domain gives when nobody granted or revoked anything: `USAGE` to `PUBLIC`.
pub fn builtin_type() -> Grants {
    let mut g = Grants::new();
    g.insert(PUBLIC.to_string(), vec!["usage".to_string()]);
    g
}

/// A routine's grants: as listed, else the built-in default.
pub fn routine_grants(schema: &Schema, key: &RoutineKey) -> Grants {
    schema
        .function_grants
        .get(key)
        .cloned()
        .unwrap_or_else(builtin_routine)
}

/// A type's grants: as listed, else the built-in default.
pub fn type_grants(schema: &Schema, name: &QualifiedName) -> Grants {
    schema
        .type_grants
        .get(name)
        .cloned()
        .unwrap_or_else(builtin_type)
}

/// A type the model knows on one side only (an enum declared but missing, or extra): its own
/// kind reports it, so its grants are not compared.
fn one_sided_type(declared: &Schema, live: &Schema, name: &QualifiedName) -> bool {
    declared.enums.contains_key(name) != live.enums.contains_key(name)
}

pub fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    for (key, f) in &declared.functions {
        if !live.functions.contains_key(key) {
            continue;
        }
        let (d, l) = (routine_grants(declared, key), routine_grants(live, key));
        let target = Target::Routine(key.clone(), f.kind);
        out.extend(change(&target, &d, &l, Severity::Error));
    }
    for name in type_names(declared, live) {
        if one_sided_type(declared, live, &name) {
            continue;
        }
        let (d, l) = (type_grants(declared, &name), type_grants(live, &name));
        out.extend(change(&Target::Type(name), &d, &l, Severity::Error));
    }
    let none = Grants::new();
    for view in declared
        .views
        .keys()
        .filter(|v| live.views.contains_key(*v))
    {
        for col in view_columns(declared, live, view) {
            let get = |s: &Schema| {
                s.view_column_grants
                    .get(view)
                    .and_then(|c| c.get(&col))
                    .cloned()
                    .unwrap_or_else(|| none.clone())
            };
            let target = Target::Column(view.clone(), col.clone());
            out.extend(change(&target, &get(declared), &get(live), Severity::Error));
        }
    }
}

fn type_names(declared: &Schema, live: &Schema) -> Vec<QualifiedName> {
    let mut names: Vec<QualifiedName> = declared
        .type_grants
        .keys()
        .chain(live.type_grants.keys())
        .cloned()
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Columns of `view` with grants on either side, sorted.
pub fn view_columns(declared: &Schema, live: &Schema, view: &QualifiedName) -> Vec<String> {
    let mut cols: Vec<String> = [declared, live]
        .iter()
        .filter_map(|s| s.view_column_grants.get(view))
        .flat_map(|c| c.keys().cloned())
        .collect();
    cols.sort();
    cols.dedup();
    cols
}

/// The routine and type grant steps: last in a plan, after every routine is created (a
/// routine the plan drops and creates again has lost its grants, so it gets all of them again).
/// `prior` is the SQL the plan already holds.
pub fn plan(declared: &Schema, live: &Schema, prior: &[String]) -> Vec<PlanStep> {
    let mut p = Planner::new(live);
    for (key, f) in &declared.functions {
        let to = routine_grants(declared, key);
        let target = Target::Routine(key.clone(), f.kind);
        let recreated = live
            .functions
            .get(key)
            .is_none_or(|l| prior.contains(&crate::kinds::function::ddl::drop(key, l.kind)));
        if recreated {
            p.new_object(target, DefaultObjects::Functions, builtin_routine(), &to);
        } else {
            p.push(target, &routine_grants(live, key), &to);
        }
    }
    for name in type_names(declared, live) {
        let sql = name.sql();
        let created = prior.iter().any(|s| {
            s.starts_with(&format!("CREATE TYPE {sql} "))
                || s.starts_with(&format!("CREATE DOMAIN {sql} "))
        });
        let dropped = prior
            .iter()
            .any(|s| *s == format!("DROP TYPE {sql}") || *s == format!("DROP DOMAIN {sql}"));
        // A declared type the plan drops is built again (an enum rebuilt under a temporary
        // name and renamed back): like a created one, it starts from the built-in default.
        let is_declared =
            declared.enums.contains_key(&name) || declared.type_grants.contains_key(&name);
        let undeclared_enum = live.enums.contains_key(&name) && !declared.enums.contains_key(&name);
        let to = type_grants(declared, &name);
        if (created || dropped) && is_declared {
            p.new_object(
                Target::Type(name),
                DefaultObjects::Types,
                builtin_type(),
                &to,
            );
        } else if !created && !dropped && !undeclared_enum {
            p.push(Target::Type(name.clone()), &type_grants(live, &name), &to);
        }
    }
    p.steps
}

/// Turns the declared `function_grants` keys (carried by `privilege::carry` as written) into
/// the keys the function kind uses, asking the scratch server (where the declared routines now
/// exist) which routine a signature names; checks that every `type_grants` type exists there
/// and every `view_column_grants` column is a column of its view. Errors name the declaration.
pub async fn resolve(
    client: &Client,
    declared: &Declared,
    normalized: &mut Schema,
) -> Result<(), NormalizeError> {
    let undeclared = |section: &str, name: String, member: Option<&str>, what: &str| {
        let object = format!("{section} {name}");
        NormalizeError::Invalid {
            location: location(declared, &object),
            object: match member {
                Some(m) => format!("{object}: {m}"),
                None => object,
            },
            message: format!("grants on {what}"),
        }
    };
    let written = std::mem::take(&mut normalized.function_grants);
    for (key, grants) in written {
        let resolved = if normalized.functions.contains_key(&key) {
            Some(key.clone())
        } else {
            resolve_routine(client, &key).await
        };
        match resolved.filter(|k| normalized.functions.contains_key(k)) {
            Some(k) => {
                normalized.function_grants.insert(k, grants);
            }
            None => {
                return Err(undeclared(
                    "function_grants",
                    key.display_name(),
                    None,
                    "a routine that is not declared (name it with its argument types only, as in `f(integer, text)`)",
                ))
            }
        }
    }
    normalized.function_grants.sort_keys();
    // One query each for all types and all view columns, in declaration order.
    let (schemas, names): (Vec<String>, Vec<String>) = normalized
        .type_grants
        .keys()
        .map(|q| (q.schema.clone(), q.name.clone()))
        .unzip();
    if let Some((schema, name)) = first_missing(client, TYPES_MISSING, &[&schemas, &names]).await? {
        let name = QualifiedName::new(schema, name).display_name();
        return Err(undeclared(
            "type_grants",
            name,
            None,
            "a type that is not declared",
        ));
    }
    let mut cols: (Vec<String>, Vec<String>, Vec<String>) = Default::default();
    for (view, c) in &normalized.view_column_grants {
        for col in c.keys() {
            cols.0.push(view.schema.clone());
            cols.1.push(view.name.clone());
            cols.2.push(col.clone());
        }
    }
    let args: [&(dyn tokio_postgres::types::ToSql + Sync); 3] = [&cols.0, &cols.1, &cols.2];
    let missing = first_missing_index(client, COLUMNS_MISSING, &args).await?;
    if let Some((schema, view, col)) =
        missing.and_then(|i| Some((cols.0.get(i)?, cols.1.get(i)?, cols.2.get(i)?)))
    {
        let view = QualifiedName::new(schema.clone(), view.clone()).display_name();
        let member = format!("column {col}");
        return Err(undeclared(
            "view_column_grants",
            view,
            Some(&member),
            "a column the view does not have",
        ));
    }
    // Listing the built-in default is not listing anything: one form (as the catalog reads
    // it), so one fingerprint.
    normalized
        .function_grants
        .retain(|_, g| *g != builtin_routine());
    normalized.type_grants.retain(|_, g| *g != builtin_type());
    Ok(())
}

/// The first `(schema, name)` pair of `$1`, `$2` that names no type.
const TYPES_MISSING: &str =
    "SELECT i FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(s, n, i) \
     WHERE NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace x ON x.oid = t.typnamespace \
                       WHERE x.nspname = u.s AND t.typname = u.n) ORDER BY i LIMIT 1";

/// The first `(schema, relation, column)` triple of `$1`..`$3` that names no column.
const COLUMNS_MISSING: &str = "SELECT i FROM unnest($1::text[], $2::text[], $3::text[]) \
     WITH ORDINALITY AS u(s, r, c, i) WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a \
       JOIN pg_class k ON k.oid = a.attrelid JOIN pg_namespace x ON x.oid = k.relnamespace \
       WHERE x.nspname = u.s AND k.relname = u.r AND a.attname = u.c AND a.attnum > 0 \
         AND NOT a.attisdropped) ORDER BY i LIMIT 1";

/// The 0-based position of the first entry `sql` reports missing (it selects the 1-based
/// ordinality), if any.
async fn first_missing_index(
    client: &Client,
    sql: &str,
    args: &[&(dyn tokio_postgres::types::ToSql + Sync)],
) -> Result<Option<usize>, NormalizeError> {
    let row = client
        .query_opt(sql, args)
        .await
        .map_err(|e| NormalizeError::Query(e.to_string()))?;
    let Some(row) = row else {
        return Ok(None);
    };
    let i: i64 = row
        .try_get(0)
        .map_err(|e| NormalizeError::Query(e.to_string()))?;
    Ok(usize::try_from(i - 1).ok())
}

/// [`first_missing_index`] over two text arrays, returning the pair itself.
async fn first_missing(
    client: &Client,
    sql: &str,
    arrays: &[&Vec<String>; 2],
) -> Result<Option<(String, String)>, NormalizeError> {
    let args: [&(dyn tokio_postgres::types::ToSql + Sync); 2] = [arrays[0], arrays[1]];
    Ok(first_missing_index(client, sql, &args)
        .await?
        .and_then(|i| Some((arrays[0].get(i)?.clone(), arrays[1].get(i)?.clone()))))
}

/// Where a grant list is declared (`schema.yaml:12:3`) from its name as errors give it
/// (`function_grants app.touch()`), else the schema file.
pub fn location(declared: &Declared, object: &str) -> String {
    let key = ObjectKey::Grants(object.to_string());
    match declared.sources.get(&key) {
        Some(_) => declared.sources.describe(&key),
        None => "schema.yaml".to_string(),
    }
}

/// The key of the routine a written signature names, by the server's own reading of it
/// (`to_regprocedure`: argument types only, any spelling); `None` when it names none.
pub(crate) async fn resolve_routine(client: &Client, key: &RoutineKey) -> Option<RoutineKey> {
    let row = client
        .query_opt(
            "SELECT n.nspname::text, p.proname::text, \
               CASE WHEN p.prokind = 'a' THEN pg_get_function_identity_arguments(p.oid) \
                    ELSE oidvectortypes(p.proargtypes) END \
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
             WHERE p.oid = to_regprocedure($1)",
            &[&key.sql()],
        )
        .await
        .ok()??;
    let (schema, name, args): (String, String, String) = (
        row.try_get(0).ok()?,
        row.try_get(1).ok()?,
        row.try_get(2).ok()?,
    );
    Some(RoutineKey::new(QualifiedName::new(schema, name), args))
}
