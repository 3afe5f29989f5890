//! Resolution: what PostgreSQL fills in (serial columns and their sequences, default key names,
//! canonical type names) and the schemas that declared objects imply.

use std::collections::HashSet;

use super::{default_pk_name, make_object_name, serial_kind, yaml_part, Cx, ObjectKey};
use crate::model::{quote_literal, Column, QualifiedName, Schema, Sequence, DEFAULT_SCHEMA};
use crate::types;

/// A schema that a declared object (or an extension) lives in is declared by that object:
/// nobody should have to list `audit` in `schemas:` to declare `audit.events`, and
/// `CREATE EXTENSION ... SCHEMA partman` needs `partman` to exist first.
pub(super) fn implicit_schemas(schema: &mut Schema) {
    let mut implied: Vec<String> = schema
        .tables
        .keys()
        .chain(schema.views.keys())
        .chain(schema.enums.keys())
        .chain(schema.collations.keys())
        .chain(schema.domains.keys())
        .chain(schema.types.keys())
        .chain(schema.ranges.keys())
        .chain(schema.sequences.keys())
        .chain(schema.functions.keys().map(|k| &k.name))
        .map(|q| q.schema.clone())
        .chain(schema.extensions.values().filter_map(|e| e.schema.clone()))
        .filter(|s| s != DEFAULT_SCHEMA && !schema.schemas.contains(s))
        .collect();
    implied.sort();
    implied.dedup();
    schema.schemas.extend(implied);
}

pub(super) fn resolve(schema: &mut Schema, cx: &mut Cx) {
    let mut user_types: Vec<QualifiedName> = schema.enums.keys().cloned().collect();
    user_types.extend(crate::kinds::type_order::declared_type_names(schema));
    let allow_ext = !schema.extensions.is_empty();
    let known = types::Known::of(schema);
    use crate::kinds::{composite_type, domain, range_type};
    domain::load::resolve(schema, cx, &user_types, allow_ext, &known);
    composite_type::load::resolve(schema, cx, &user_types, allow_ext, &known);
    range_type::load::resolve(schema, cx, &user_types, allow_ext, &known);
    let mut relation_names: HashSet<QualifiedName> = schema
        .tables
        .keys()
        .chain(schema.views.keys())
        .chain(schema.sequences.keys())
        .cloned()
        .collect();
    let mut new_sequences: Vec<(QualifiedName, Sequence)> = Vec::new();
    let table_names: Vec<QualifiedName> = schema.tables.keys().cloned().collect();
    let row_types = table_names.clone();
    for tq in table_names {
        let Some(table) = schema.tables.get_mut(&tq) else {
            continue;
        };
        for (cname, col) in table.columns.iter_mut() {
            let key = ObjectKey::Column(tq.clone(), cname.clone());
            if let Some(int_type) = serial_kind(&col.data_type) {
                if col.identity.is_some() || col.default.is_some() || col.generated.is_some() {
                    cx.at(&key, format!("a `{}` column makes its own default; remove `default`/`identity`/`generated` or use a plain integer type", col.data_type.trim()));
                    continue;
                }
                new_sequences.push(serial_sequence(
                    &tq,
                    cname,
                    col,
                    int_type,
                    &mut relation_names,
                ));
                continue;
            }
            match column_type(&col.data_type, &user_types, &row_types, allow_ext) {
                Ok(t) => col.data_type = t,
                Err(e) => cx.at(&key, known.hint(&col.data_type, e)),
            }
        }
        if let Some(pk) = &mut table.primary_key {
            if pk.name.is_empty() {
                pk.name = default_pk_name(&tq.name);
            }
        }
    }
    for (q, s) in new_sequences {
        schema.sequences.insert(q, s);
    }
    crate::kinds::sequence::load::resolve_types(schema, cx);
}

/// A column's type: built-in or declared first, then a declared table's row type (every table
/// defines one; a table named like a built-in type does not shadow it, as in PostgreSQL, where
/// `pg_catalog` comes first), then, when extensions are declared, an extension's type.
fn column_type(
    text: &str,
    user_types: &[QualifiedName],
    row_types: &[QualifiedName],
    allow_ext: bool,
) -> Result<String, String> {
    let first = types::canonical_type_ext(text, user_types, false);
    if first.is_ok() {
        return first;
    }
    if let Ok(t) = types::canonical_type_ext(text, row_types, false) {
        return Ok(t);
    }
    if allow_ext {
        return types::canonical_type_ext(text, user_types, true);
    }
    first
}

/// Turns a `serial` column into what PostgreSQL makes of it: an integer column defaulting to
/// `nextval()` of a sequence it owns, named as `ChooseRelationName()` would
/// (`<table>_<column>_seq`, numbered on a clash).
fn serial_sequence(
    tq: &QualifiedName,
    cname: &str,
    col: &mut Column,
    int_type: &str,
    relation_names: &mut HashSet<QualifiedName>,
) -> (QualifiedName, Sequence) {
    let mut seq_name = make_object_name(&tq.name, Some(cname), Some("seq"));
    let mut pass = 0;
    while relation_names.contains(&QualifiedName::new(tq.schema.clone(), seq_name.clone())) {
        pass += 1;
        seq_name = make_object_name(&tq.name, Some(cname), Some(&format!("seq{pass}")));
    }
    let sq = QualifiedName::new(tq.schema.clone(), seq_name);
    relation_names.insert(sq.clone());
    col.data_type = int_type.to_string();
    col.nullable = false;
    col.default = Some(format!(
        "nextval({}::regclass)",
        quote_literal(&types::server_name(&sq))
    ));
    let owned_by = format!("{}.{}", tq.display_name(), yaml_part(cname));
    let seq = Sequence {
        data_type: int_type.to_string(),
        owned_by: Some(owned_by),
        ..Sequence::default()
    };
    (sq, seq)
}
