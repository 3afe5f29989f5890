//! Cache keys of declared objects: what a table's or view's normalized form can depend on.
//!
//! The *context* is everything declared except the bodies of tables and views (types, domains,
//! enums, functions, sequences, extensions, grants, owners), plus
//! the server major and pgdrift's version: when it changes, every key changes. A table's key adds
//! its own declaration and the declarations of the relations it reads or points at (foreign-key
//! targets, whose primary key an implicit `REFERENCES t` resolves to; relations its policies or
//! column types name) and, recursively, the keys of its partition or inheritance parents. A view's
//! key adds the keys of the relations it read when it was last normalized (`pg_depend`).

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

use crate::model::{QualifiedName, Schema, Table};

/// The key of a relation that is not declared (an extension's table, say): constant, since the
/// context already holds the extensions.
const EXTERNAL: &str = "external";

pub fn hex(hasher: Sha256) -> String {
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    // Serializing the model cannot fail (no non-string map keys); an empty text only costs a miss.
    serde_json::to_vec(value).unwrap_or_default()
}

/// The context hash (see the module comment): everything but the tables, views and triggers,
/// whose own keys carry them. Built field by field rather than by cloning the schema and
/// blanking them (at 20,000 tables a clone is hundreds of MB); listing every field without `..`
/// makes a new one a compile error here until it is placed.
pub fn context(schema: &Schema, major: u32) -> String {
    let Schema {
        postgres,
        schemas,
        schema_comments,
        extensions,
        enums,
        enum_comments,
        collations,
        domains,
        types,
        ranges,
        sequences,
        tables: _,
        views: _,
        functions,
        triggers: _,
        event_triggers,
        ignore,
        unsupported,
        schema_grants,
        view_grants,
        sequence_grants,
        view_column_grants,
        function_grants,
        type_grants,
        default_privileges,
        owner,
        owners,
        lint,
        publications,
        rules,
        foreign_servers,
    } = schema;
    let ctx = Schema {
        postgres: *postgres,
        schemas: schemas.clone(),
        schema_comments: schema_comments.clone(),
        extensions: extensions.clone(),
        enums: enums.clone(),
        enum_comments: enum_comments.clone(),
        collations: collations.clone(),
        domains: domains.clone(),
        types: types.clone(),
        ranges: ranges.clone(),
        sequences: sequences.clone(),
        // Which relations exist is not context: a table's key holds the relations its column
        // types and policies name, and a view whose text names a relation that is new since the
        // cache was written is created again (`cache::Plan::new`), so adding one does not
        // normalize the whole project again.
        tables: Default::default(),
        views: Default::default(),
        functions: functions.clone(),
        triggers: Default::default(),
        event_triggers: event_triggers.clone(),
        ignore: ignore.clone(),
        unsupported: unsupported.clone(),
        schema_grants: schema_grants.clone(),
        view_grants: view_grants.clone(),
        sequence_grants: sequence_grants.clone(),
        view_column_grants: view_column_grants.clone(),
        function_grants: function_grants.clone(),
        type_grants: type_grants.clone(),
        default_privileges: default_privileges.clone(),
        owner: owner.clone(),
        owners: owners.clone(),
        lint: lint.clone(),
        publications: publications.clone(),
        rules: rules.clone(),
        foreign_servers: foreign_servers.clone(),
    };
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(major.to_le_bytes());
    h.update(json(&ctx));
    hex(h)
}

/// Keys of the declared tables and views of one project. Computed once from the declared model
/// and then independent of it, so the model can be slimmed while the scratch database is read
/// back (see `normalize::cache::normalize_full`).
pub struct Keys {
    pub context: String,
    tables: HashMap<QualifiedName, String>,
    /// Each declared view's [`Keys::view_declaration`].
    views: HashMap<QualifiedName, String>,
    pub mentions: Mentions,
}

impl Keys {
    pub fn new(schema: &Schema, major: u32) -> Keys {
        let context = context(schema, major);
        let mentions = Mentions::new(schema);
        let mut tables = HashMap::new();
        for name in schema.tables.keys() {
            table_key(
                schema,
                &context,
                &mut tables,
                name,
                &mentions,
                &mut HashSet::new(),
            );
        }
        let views = schema
            .views
            .keys()
            .map(|name| (name.clone(), own_declaration(schema, &context, name)))
            .collect();
        Keys {
            context,
            tables,
            views,
            mentions,
        }
    }

    pub fn table(&self, name: &QualifiedName) -> &str {
        self.tables
            .get(name)
            .map(String::as_str)
            .unwrap_or(EXTERNAL)
    }

    /// Hash of a view's own declaration (its dependencies are added by [`Keys::view_key`]);
    /// a name that is not a declared view hashes as an external relation.
    pub fn view_declaration(&self, name: &QualifiedName) -> String {
        match self.views.get(name) {
            Some(h) => h.clone(),
            None => {
                let mut h = Sha256::new();
                h.update(self.context.as_bytes());
                h.update(EXTERNAL.as_bytes());
                h.update(json(&None::<()>));
                hex(h)
            }
        }
    }

    /// A view's key from its declaration and the keys of the relations it reads.
    pub fn view_key(&self, name: &QualifiedName, deps: &[(QualifiedName, String)]) -> String {
        let mut h = Sha256::new();
        h.update(self.view_declaration(name).as_bytes());
        for (dep, key) in deps {
            h.update(json(dep));
            h.update(key.as_bytes());
        }
        hex(h)
    }
}

/// The declaration of one relation as bytes: its model and its triggers.
fn declaration(schema: &Schema, name: &QualifiedName) -> Vec<u8> {
    let mut out = match (schema.tables.get(name), schema.views.get(name)) {
        (Some(t), _) => json(t),
        (None, Some(v)) => json(v),
        (None, None) => EXTERNAL.as_bytes().to_vec(),
    };
    out.extend(json(&schema.triggers.get(name)));
    out
}

/// Hash of one relation's own declaration in its context.
fn own_declaration(schema: &Schema, context: &str, name: &QualifiedName) -> String {
    let mut h = Sha256::new();
    h.update(context.as_bytes());
    h.update(declaration(schema, name));
    hex(h)
}

fn table_key(
    schema: &Schema,
    context: &str,
    tables: &mut HashMap<QualifiedName, String>,
    name: &QualifiedName,
    mentions: &Mentions,
    visiting: &mut HashSet<QualifiedName>,
) -> String {
    if let Some(k) = tables.get(name) {
        return k.clone();
    }
    let Some(table) = schema.tables.get(name) else {
        return EXTERNAL.to_string();
    };
    let mut h = Sha256::new();
    h.update(context.as_bytes());
    h.update(json(name));
    h.update(declaration(schema, name));
    for r in references(table, mentions) {
        h.update(json(&r));
        h.update(declaration(schema, &r));
    }
    // Inheritance is acyclic in any valid project; a cycle is reported by PostgreSQL.
    visiting.insert(name.clone());
    for p in parents(table) {
        if !visiting.contains(&p) {
            h.update(json(&p));
            h.update(table_key(schema, context, tables, &p, mentions, visiting).as_bytes());
        }
    }
    let key = hex(h);
    tables.insert(name.clone(), key.clone());
    key
}

/// Partition and inheritance parents: a child's columns and constraints come from them.
pub fn parents(table: &Table) -> Vec<QualifiedName> {
    table
        .partition_of
        .iter()
        .chain(table.inherits.iter())
        .cloned()
        .collect()
}

/// Relations that must exist before the table can be created: its parents, and relations whose
/// row type a column has.
pub fn needed_to_exist(table: &Table, mentions: &Mentions) -> Vec<QualifiedName> {
    let mut out = parents(table);
    for col in table.columns.values() {
        out.extend(mentions.type_named(&col.data_type));
    }
    out
}

/// Relations a table's normalized form reads (beyond its parents): foreign-key targets, and
/// relations its policies or column types name. Over-inclusion only costs time.
pub fn references(table: &Table, mentions: &Mentions) -> Vec<QualifiedName> {
    let mut out: Vec<QualifiedName> = table
        .foreign_keys
        .values()
        .map(|fk| fk.references.table.clone())
        .collect();
    for col in table.columns.values() {
        out.extend(mentions.type_named(&col.data_type));
    }
    for p in table.policies.values() {
        for text in p.using.iter().chain(p.with_check.iter()) {
            out.extend(mentions.named_in(text));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Every relation by the names a text may use for it.
#[derive(Default)]
pub struct Mentions {
    relations: Vec<(String, QualifiedName)>,
    by_name: HashMap<String, Vec<QualifiedName>>,
}

impl Mentions {
    pub fn new(schema: &Schema) -> Mentions {
        let mut relations = Vec::new();
        let mut by_name: HashMap<String, Vec<QualifiedName>> = HashMap::new();
        for name in schema.tables.keys().chain(schema.views.keys()) {
            relations.push((name.name.clone(), name.clone()));
            for spelling in [name.name.clone(), name.display_name()] {
                by_name.entry(spelling).or_default().push(name.clone());
            }
        }
        Mentions { relations, by_name }
    }

    /// Relations whose row type a column type names (`t`, `s.t`, `t[]`).
    fn type_named(&self, data_type: &str) -> Vec<QualifiedName> {
        let bare = data_type.trim().trim_end_matches("[]").trim_matches('"');
        self.by_name.get(bare).cloned().unwrap_or_default()
    }

    /// Relations whose name appears anywhere in an expression or a view's text.
    pub fn named_in(&self, text: &str) -> Vec<QualifiedName> {
        self.relations
            .iter()
            .filter(|(bare, _)| text.contains(bare.as_str()))
            .map(|(_, name)| name.clone())
            .collect()
    }
}
