//! Publication SQL: CREATE, DROP, ALTER ... ADD/DROP TABLE, ADD/DROP TABLES IN SCHEMA,
//! SET (...), COMMENT ON, and the kind's part of `ddl::create_script` (last: after every table
//! it names).

use super::model::canonical_operations;
use super::{Publication, PublishedTable};
use crate::ddl::Statement;
use crate::model::{quote_ident, quote_literal, QualifiedName, Schema};

/// What a statement about publication `name` is labelled with (`normalize::rejected` maps it
/// back to the declaration).
pub fn object(name: &str) -> String {
    format!("publication {name}")
}

/// One member as SQL: `"public"."m" ("id", "body") WHERE ((id > 0))`.
pub fn member_sql(t: &PublishedTable) -> String {
    let mut sql = t.table.sql();
    if !t.columns.is_empty() {
        let cols: Vec<String> = t.columns.iter().map(|c| quote_ident(c)).collect();
        sql.push_str(&format!(" ({})", cols.join(", ")));
    }
    if let Some(f) = &t.filter {
        sql.push_str(&format!(" WHERE ({f})"));
    }
    sql
}

fn members_sql(tables: &[&PublishedTable]) -> String {
    let parts: Vec<String> = tables.iter().map(|t| member_sql(t)).collect();
    parts.join(", ")
}

fn schemas_sql(schemas: &[&String]) -> String {
    let parts: Vec<String> = schemas.iter().map(|s| quote_ident(s)).collect();
    parts.join(", ")
}

/// `publish = '...', publish_via_partition_root = ...`: the options `WITH` and `SET` take.
fn options_sql(p: &Publication) -> String {
    let ops: Vec<&str> = canonical_operations(&p.publish)
        .into_iter()
        .map(|o| o.as_str())
        .collect();
    format!(
        "publish = {}, publish_via_partition_root = {}",
        quote_literal(&ops.join(", ")),
        p.via_partition_root
    )
}

fn default_options(p: &Publication) -> bool {
    p.same_operations(&Publication::default()) && !p.via_partition_root
}

pub fn create(p: &Publication) -> String {
    let mut sql = format!("CREATE PUBLICATION {}", quote_ident(&p.name));
    let tables: Vec<&PublishedTable> = p.tables.iter().collect();
    let schemas: Vec<&String> = p.schemas.iter().collect();
    if p.all_tables {
        sql.push_str(" FOR ALL TABLES");
    } else if !tables.is_empty() || !schemas.is_empty() {
        let mut parts = Vec::new();
        if !tables.is_empty() {
            parts.push(format!("TABLE {}", members_sql(&tables)));
        }
        if !schemas.is_empty() {
            parts.push(format!("TABLES IN SCHEMA {}", schemas_sql(&schemas)));
        }
        sql.push_str(&format!(" FOR {}", parts.join(", ")));
    }
    if !default_options(p) {
        sql.push_str(&format!(" WITH ({})", options_sql(p)));
    }
    sql
}

pub fn drop(name: &str) -> String {
    format!("DROP PUBLICATION {}", quote_ident(name))
}

pub fn add_tables(name: &str, tables: &[&PublishedTable]) -> String {
    format!(
        "ALTER PUBLICATION {} ADD TABLE {}",
        quote_ident(name),
        members_sql(tables)
    )
}

pub fn drop_tables(name: &str, tables: &[&QualifiedName]) -> String {
    let parts: Vec<String> = tables.iter().map(|t| t.sql()).collect();
    format!(
        "ALTER PUBLICATION {} DROP TABLE {}",
        quote_ident(name),
        parts.join(", ")
    )
}

pub fn add_schemas(name: &str, schemas: &[&String]) -> String {
    format!(
        "ALTER PUBLICATION {} ADD TABLES IN SCHEMA {}",
        quote_ident(name),
        schemas_sql(schemas)
    )
}

pub fn drop_schemas(name: &str, schemas: &[&String]) -> String {
    format!(
        "ALTER PUBLICATION {} DROP TABLES IN SCHEMA {}",
        quote_ident(name),
        schemas_sql(schemas)
    )
}

pub fn set_options(p: &Publication) -> String {
    format!(
        "ALTER PUBLICATION {} SET ({})",
        quote_ident(&p.name),
        options_sql(p)
    )
}

pub fn comment(name: &str, comment: Option<&str>) -> String {
    let value = comment.map(quote_literal).unwrap_or_else(|| "NULL".into());
    format!("COMMENT ON PUBLICATION {} IS {value}", quote_ident(name))
}

/// Everything that builds one publication: CREATE, then its comment.
pub fn build(p: &Publication) -> Vec<Statement> {
    let mut out = vec![Statement::new(create(p), object(&p.name))];
    if p.comment.is_some() {
        out.push(Statement::new(
            comment(&p.name, p.comment.as_deref()),
            object(&p.name),
        ));
    }
    out
}

/// Every publication of `schema`, in model order: after the tables they name.
pub fn script_part(schema: &Schema, out: &mut Vec<Statement>) {
    for p in &schema.publications {
        out.extend(build(p));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::publication::Operation;

    #[test]
    fn sql_is_quoted() {
        let p = Publication {
            name: "Odd \"p\" é".into(),
            tables: vec![
                PublishedTable {
                    table: QualifiedName::new("public", "M"),
                    columns: vec!["id".into(), "Odd col".into()],
                    filter: Some("(id > 0)".into()),
                },
                PublishedTable {
                    table: QualifiedName::new("app", "t"),
                    columns: vec![],
                    filter: None,
                },
            ],
            schemas: vec!["Sch".into()],
            publish: vec![Operation::Update, Operation::Insert],
            via_partition_root: true,
            comment: Some("it's".into()),
            ..Default::default()
        };
        let s = build(&p);
        assert_eq!(
            s[0].sql,
            "CREATE PUBLICATION \"Odd \"\"p\"\" é\" FOR TABLE \"public\".\"M\" (\"id\", \"Odd col\") WHERE ((id > 0)), \"app\".\"t\", TABLES IN SCHEMA \"Sch\" WITH (publish = 'insert, update', publish_via_partition_root = true)"
        );
        assert_eq!(
            s[1].sql,
            "COMMENT ON PUBLICATION \"Odd \"\"p\"\" é\" IS 'it''s'"
        );
        let all = Publication {
            name: "a".into(),
            all_tables: true,
            publish: vec![],
            ..Default::default()
        };
        assert_eq!(
            create(&all),
            "CREATE PUBLICATION \"a\" FOR ALL TABLES WITH (publish = '', publish_via_partition_root = false)"
        );
        let empty = Publication {
            name: "e".into(),
            ..Default::default()
        };
        assert_eq!(create(&empty), "CREATE PUBLICATION \"e\"");
        assert_eq!(
            drop_tables("e", &[&QualifiedName::new("public", "x")]),
            "ALTER PUBLICATION \"e\" DROP TABLE \"public\".\"x\""
        );
    }
}
