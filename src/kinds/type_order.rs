//! What the user-defined type kinds share: domains, composite types and range types can use
//! each other (a domain over a composite, a range over a domain), so they are created in one
//! dependency order and dropped in its reverse; collations come before all of them. Also the
//! wording of a changed attribute, shared by their diff rules.

use std::collections::HashSet;

use crate::ddl::Statement;
use crate::diff::{Category, Change, ObjectRef, Severity};
use crate::model::{QualifiedName, Schema};

/// One user-defined type of a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeKind {
    Domain,
    Composite,
    Range,
}

/// Every type name a column or attribute may use: domains, composite and range types and the
/// ranges' multirange types (enums are listed by the caller).
pub fn declared_type_names(schema: &Schema) -> Vec<QualifiedName> {
    let mut out: Vec<QualifiedName> = schema.domains.keys().cloned().collect();
    out.extend(schema.types.keys().cloned());
    for (q, r) in &schema.ranges {
        out.push(q.clone());
        out.push(QualifiedName::new(
            q.schema.clone(),
            r.multirange_name(&q.name),
        ));
    }
    out
}

/// The type texts an object of this kind uses (base type, attribute types, range subtype).
fn used_types(schema: &Schema, kind: TypeKind, q: &QualifiedName) -> Vec<String> {
    match kind {
        TypeKind::Domain => schema.domains.get(q).map(|d| vec![d.data_type.clone()]),
        TypeKind::Composite => schema
            .types
            .get(q)
            .map(|t| t.attributes.values().map(|a| a.data_type.clone()).collect()),
        TypeKind::Range => schema.ranges.get(q).map(|r| vec![r.subtype.clone()]),
    }
    .unwrap_or_default()
}

/// Whether a type text (`mood`, `audit.level[]`) names `q`.
pub fn mentions(data_type: &str, q: &QualifiedName) -> bool {
    let base = data_type.trim();
    let base = base.strip_suffix("[]").unwrap_or(base);
    base == q.type_spelling()
}

/// Domains, composite and range types in an order PostgreSQL can create them: each after the
/// types it uses (model order otherwise; a cycle, which PostgreSQL rejects anyway, is emitted in
/// model order).
pub fn creation_order(schema: &Schema) -> Vec<(TypeKind, QualifiedName)> {
    let mut pending: Vec<(TypeKind, QualifiedName)> = Vec::new();
    pending.extend(schema.domains.keys().map(|q| (TypeKind::Domain, q.clone())));
    pending.extend(
        schema
            .types
            .keys()
            .map(|q| (TypeKind::Composite, q.clone())),
    );
    pending.extend(schema.ranges.keys().map(|q| (TypeKind::Range, q.clone())));
    let all: Vec<QualifiedName> = pending.iter().map(|(_, q)| q.clone()).collect();
    let mut done: HashSet<QualifiedName> = HashSet::new();
    let mut out = Vec::new();
    while !pending.is_empty() {
        let before = pending.len();
        let mut rest = Vec::new();
        for (kind, q) in pending {
            let uses = used_types(schema, kind, &q);
            let ready = all
                .iter()
                .filter(|o| **o != q && !done.contains(*o))
                .all(|o| !uses.iter().any(|t| mentions(t, o)));
            if ready {
                done.insert(q.clone());
                out.push((kind, q));
            } else {
                rest.push((kind, q));
            }
        }
        if rest.len() == before {
            out.extend(rest);
            break;
        }
        pending = rest;
    }
    out
}

/// The user types' part of a creation script: collations, then the types in dependency order,
/// each followed by its comment.
pub fn create_statements(schema: &Schema) -> Vec<Statement> {
    let mut out = Vec::new();
    for (q, c) in &schema.collations {
        out.extend(super::collation::ddl::create_one(q, c));
    }
    for (kind, q) in creation_order(schema) {
        out.extend(create_one(schema, kind, &q));
    }
    out
}

/// One type's CREATE and comment (a domain without the checks that call routines: see
/// `domain::ddl::late_checks`).
pub fn create_one(schema: &Schema, kind: TypeKind, q: &QualifiedName) -> Vec<Statement> {
    match kind {
        TypeKind::Domain => schema.domains.get(q).map(|d| {
            let early = super::domain::ddl::without_late_checks(schema, d);
            super::domain::ddl::create_one(q, &early)
        }),
        TypeKind::Composite => schema
            .types
            .get(q)
            .map(|t| super::composite_type::ddl::create_one(q, t)),
        TypeKind::Range => schema.ranges.get(q).map(|r| {
            // Its SUBTYPE_DIFF function first (`CREATE OR REPLACE`: a plan may create it again
            // with the other routines).
            let support = super::function::ddl::range_support(schema, r);
            let mut out = Vec::new();
            if !support.is_empty() {
                let skip = super::function::ddl::skip_body_checks();
                out.push(Statement::new(skip, "settings"));
            }
            for (key, f) in support {
                let object = super::function::ddl::object(key, f);
                let sql = super::function::ddl::create_or_replace(f);
                out.push(Statement::new(sql, object));
            }
            out.extend(super::range_type::ddl::create_one(q, r));
            out
        }),
    }
    .unwrap_or_default()
}

/// One type's DROP.
pub fn drop_one(kind: TypeKind, q: &QualifiedName) -> Statement {
    match kind {
        TypeKind::Domain => {
            Statement::new(super::domain::ddl::drop_domain(q), format!("domain {q}"))
        }
        TypeKind::Composite => Statement::new(
            super::composite_type::ddl::drop_type(q),
            format!("type {q}"),
        ),
        TypeKind::Range => {
            Statement::new(super::range_type::ddl::drop_range(q), format!("range {q}"))
        }
    }
}

/// Every type, then every collation, dropped in reverse creation order (squash's drop script).
pub fn drop_statements(schema: &Schema) -> Vec<Statement> {
    let mut out: Vec<Statement> = creation_order(schema)
        .iter()
        .rev()
        .map(|(k, q)| drop_one(*k, q))
        .collect();
    for q in schema.collations.keys().rev() {
        out.push(Statement::new(
            super::collation::ddl::drop_collation(q),
            format!("collation {q}"),
        ));
    }
    out
}

/// Appends a change when one attribute of a type differs: `what` is `default`, `check x`,
/// `attribute street`; either side may be absent.
/// The diff of one kind of named type (collations, domains, composite and range types): pairs
/// them by name; a missing one is an error and an extra one a warning, each with its `summary`;
/// a pair is compared by `compare`, which appends what differs.
pub(crate) fn diff_named<T>(
    declared: &indexmap::IndexMap<crate::model::QualifiedName, T>,
    live: &indexmap::IndexMap<crate::model::QualifiedName, T>,
    kind: crate::diff::ObjectKind,
    summary: fn(&T) -> String,
    compare: fn(&ObjectRef, &T, &T, &mut Vec<Change>),
    out: &mut Vec<Change>,
) {
    use crate::diff::{extra, missing, pair};
    let (pairs, extras) = pair(declared, live, |_, _| None);
    for p in pairs {
        let obj = ObjectRef::top(kind, p.decl_key);
        match p.live {
            Some((_, l)) => compare(&obj, p.decl, l, out),
            None => out.push(missing(obj, Severity::Error, Some(summary(p.decl)))),
        }
    }
    for (name, l) in extras {
        let obj = ObjectRef::top(kind, name);
        out.push(extra(obj, Severity::Warning, Some(summary(l))));
    }
}

/// A comment that differs, as a warning of category `comment`.
pub(crate) fn comment_field(
    out: &mut Vec<Change>,
    obj: &ObjectRef,
    d: Option<&str>,
    l: Option<&str>,
) {
    comment_field_of(out, obj, "comment", d, l);
}

/// [`comment_field`] for a part of the object (`what`: "comment on attribute x").
pub(crate) fn comment_field_of(
    out: &mut Vec<Change>,
    obj: &ObjectRef,
    what: &str,
    d: Option<&str>,
    l: Option<&str>,
) {
    field(out, Category::Comment, Severity::Warning, obj, what, d, l);
}

pub(crate) fn field(
    out: &mut Vec<Change>,
    category: Category,
    severity: Severity,
    obj: &ObjectRef,
    what: &str,
    declared: Option<&str>,
    live: Option<&str>,
) {
    if declared == live {
        return;
    }
    let summary = match (declared, live) {
        (Some(d), Some(l)) => {
            format!("{what} is `{d}` in the declaration but `{l}` in the database")
        }
        (Some(d), None) => format!("{what} `{d}` is declared but missing from the database"),
        (None, Some(l)) => format!("the database has undeclared {what} `{l}`"),
        (None, None) => return,
    };
    let c = Change::new(category, severity, obj.clone(), summary);
    out.push(c.values(declared.map(String::from), live.map(String::from)));
}

/// Enums, domains, composite and range types share one name space per schema (`pg_type`): the
/// later declaration of a name is reported, at its own position.
pub(crate) fn validate_names(schema: &Schema, cx: &mut crate::load::Cx) {
    use crate::load::ObjectKey;
    let keyed = schema
        .enums
        .keys()
        .map(|q| (q, ObjectKey::Enum(q.clone())))
        .chain(
            schema
                .domains
                .keys()
                .map(|q| (q, ObjectKey::UserType("domain", q.clone()))),
        )
        .chain(
            schema
                .types
                .keys()
                .map(|q| (q, ObjectKey::UserType("type", q.clone()))),
        )
        .chain(
            schema
                .ranges
                .keys()
                .map(|q| (q, ObjectKey::UserType("range", q.clone()))),
        );
    let mut seen: std::collections::HashMap<&QualifiedName, ObjectKey> = Default::default();
    for (q, key) in keyed {
        if let Some(first) = seen.get(q) {
            let msg = format!(
                "the name is already used by {first} ({}); enums, domains, composite and range types share one name space",
                cx.sources.describe(first)
            );
            cx.at(&key, msg);
        } else {
            seen.insert(q, key);
        }
    }
}

/// The type texts of `schema` (columns, domains, composite attributes, range subtypes) that name
/// a type in a schema outside `read` (`format_type` qualifies those): (object, type, schema).
/// `inspect --schema app` of a column typed `shared.email` writes a project that cannot load;
/// this names what to pass instead.
pub fn types_outside(schema: &Schema, read: &[String]) -> Vec<(String, String, String)> {
    let mut uses: Vec<(String, &str)> = Vec::new();
    for (t, table) in &schema.tables {
        for (c, col) in &table.columns {
            uses.push((format!("column {t}.{c}"), col.data_type.as_str()));
        }
    }
    for (q, d) in &schema.domains {
        uses.push((format!("domain {q}"), d.data_type.as_str()));
    }
    for (q, ty) in &schema.types {
        for a in ty.attributes.values() {
            uses.push((format!("type {q}"), a.data_type.as_str()));
        }
    }
    for (q, r) in &schema.ranges {
        uses.push((format!("range {q}"), r.subtype.as_str()));
    }
    let mut out = Vec::new();
    for (object, ty) in uses {
        let base = ty.trim_end_matches("[]");
        let base = base.split('(').next().unwrap_or(base);
        let Ok(parts) = crate::model::split_name_parts(base) else {
            continue;
        };
        if let [s, _] = parts.as_slice() {
            if !read.contains(s) && s != "pg_catalog" {
                out.push((object, ty.to_string(), s.clone()));
            }
        }
    }
    out
}
