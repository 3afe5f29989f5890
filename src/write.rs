//! The inverse of `load`: writes a [`Schema`] as a declared project (`schema.yaml` +
//! `views/*.sql`), used by `pgdrift inspect --out DIR`.
//!
//! The contract is the round trip: `load_project(write_project(S)) == S` (apart from
//! `View::depends_on`, which is derived) for every schema introspection produces. The tests
//! below prove it over hand-built schemas that use every feature.

use std::collections::HashSet;
use std::path::Path;

use crate::kinds::table::relopts::{self, tablespace_clause};
use crate::model::{quote_ident, quote_literal, Index, QualifiedName, Schema, View};

const HEADER: &str =
    "# Declared schema for pgdrift (format: docs/schema-format.md). Views live in views/*.sql.\n";

/// `schema.yaml`'s text: the schema without its views, with a one-line header and, when the
/// database held objects the model does not cover, a comment block naming each of them (they
/// cannot be declared, so they must at least not be lost from sight).
pub fn schema_yaml(schema: &Schema) -> String {
    let mut without_views = schema.clone();
    without_views.views.clear();
    without_views.unsupported.clear();
    without_views.functions.clear();
    without_views.triggers.clear();
    without_views.rules.clear();
    let body = if without_views == Schema::default() {
        // serde_saphyr renders an empty struct as `{}`, which also loads; a bare file reads better.
        String::new()
    } else {
        match serde_saphyr::to_string(&without_views) {
            Ok(s) => s,
            // Serializing plain strings, maps and integers cannot fail; keep the header at least.
            Err(e) => format!("# serialization failed: {e}\n"),
        }
    };
    format!("{HEADER}{}{body}", unsupported_block(schema))
}

fn unsupported_block(schema: &Schema) -> String {
    if schema.unsupported.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "#\n# NOT WRITTEN: the database holds {} object(s) that pgdrift does not model yet.\n\
         # `check` reports each as `unsupported`; recreate them by hand after a rebuild.\n",
        schema.unsupported.len()
    );
    for line in crate::inventory::lines(&schema.unsupported) {
        out.push_str(&format!("#   - {}\n", line.replace('\n', " ")));
    }
    out.push('\n');
    out
}

/// One view file's SQL: the CREATE statement, then its comment and (matview) indexes and marks.
pub fn view_sql(name: &QualifiedName, view: &View) -> String {
    let kind = if view.materialized {
        "MATERIALIZED VIEW"
    } else {
        "VIEW"
    };
    let mut out = format!(
        "CREATE {kind} {}{}{} AS\n{};\n",
        name.sql(),
        crate::kinds::table::shape::with_clause(&view.with),
        tablespace_clause(view.tablespace.as_deref()),
        view.definition.trim()
    );
    if let Some(c) = &view.comment {
        out.push_str(&format!(
            "\nCOMMENT ON {kind} {} IS {};\n",
            name.sql(),
            quote_literal(c)
        ));
    }
    for (col, c) in &view.column_comments {
        out.push_str(&format!(
            "\nCOMMENT ON COLUMN {}.{} IS {};\n",
            name.sql(),
            quote_ident(col),
            quote_literal(c)
        ));
    }
    for (ix_name, ix) in &view.indexes {
        out.push('\n');
        out.push_str(&index_sql(ix_name, name, ix));
        out.push_str(";\n");
        if let Some(c) = &ix.comment {
            out.push_str(&format!(
                "COMMENT ON INDEX {}.{} IS {};\n",
                quote_ident(&name.schema),
                quote_ident(ix_name),
                quote_literal(c)
            ));
        }
    }
    let head = relopts::alter_head(name, true);
    if let Some(ri) = &view.replica_identity {
        out.push_str(&format!(
            "\n{};\n",
            relopts::set_replica_identity(&head, Some(ri))
        ));
    }
    if let Some(ix) = &view.cluster_on {
        out.push_str(&format!(
            "\n{};\n",
            relopts::set_cluster_on(&head, Some(ix))
        ));
    }
    out
}

/// `CREATE [UNIQUE] INDEX "name" ON "s"."t" USING m (keys) [INCLUDE (...)]
/// [NULLS NOT DISTINCT] [WHERE ...]` (no trailing `;`).
pub fn index_sql(name: &str, table: &QualifiedName, ix: &Index) -> String {
    let mut s = format!(
        "CREATE {}INDEX {} ON {} USING {} ({})",
        if ix.unique { "UNIQUE " } else { "" },
        quote_ident(name),
        table.sql(),
        ix.method,
        ix.columns.join(", ")
    );
    if !ix.include.is_empty() {
        s.push_str(&format!(" INCLUDE ({})", ix.include.join(", ")));
    }
    if ix.nulls_not_distinct {
        s.push_str(" NULLS NOT DISTINCT");
    }
    s.push_str(&crate::kinds::table::shape::with_clause(&ix.with));
    s.push_str(&tablespace_clause(ix.tablespace.as_deref()));
    if let Some(p) = &ix.predicate {
        s.push_str(&format!(" WHERE {p}"));
    }
    s
}

/// The file name for a view: its display name (`genes_view`, `audit.recent`), with characters
/// that are unsafe in file names replaced by `_`.
pub fn view_file_name(name: &QualifiedName) -> String {
    let base = if name.schema == crate::model::DEFAULT_SCHEMA {
        name.name.clone()
    } else {
        format!("{}.{}", name.schema, name.name)
    };
    let safe: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    format!("{}.sql", if safe.is_empty() { "view" } else { safe })
}

/// Writes `schema.yaml` and `views/<name>.sql` under `out_dir`, and deletes `views/*.sql`
/// files it did not write, so the folder mirrors the schema.
pub fn write_project(schema: &Schema, out_dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(out_dir)?;
    std::fs::write(out_dir.join("schema.yaml"), schema_yaml(schema))?;
    let views_dir = out_dir.join("views");
    std::fs::create_dir_all(&views_dir)?;
    let mut written: HashSet<String> = HashSet::new();
    for (name, view) in &schema.views {
        let mut file = view_file_name(name);
        // Two names can map to the same file after replacement: number the later ones.
        let mut n = 2;
        while written.contains(&file) {
            file = format!("{}_{n}.sql", view_file_name(name).trim_end_matches(".sql"));
            n += 1;
        }
        std::fs::write(views_dir.join(&file), view_sql(name, view))?;
        written.insert(file);
    }
    for entry in std::fs::read_dir(&views_dir)? {
        let path = entry?.path();
        let is_sql = path.extension().is_some_and(|e| e == "sql");
        let name = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        if is_sql && path.is_file() && !written.contains(&name) {
            std::fs::remove_file(&path)?;
        }
    }
    crate::kinds::function::write::write_files(schema, out_dir)?;
    crate::kinds::rule::write::write_files(schema, out_dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::table::relopts::ReplicaIdentity;
    use crate::load::load_project;
    use crate::model::*;
    use indexmap::IndexMap;

    fn q(s: &str, n: &str) -> QualifiedName {
        QualifiedName::new(s, n)
    }

    /// A schema as introspection would produce it, using every feature.
    pub(crate) fn everything() -> Schema {
        let mut s = Schema {
            schemas: vec!["audit".into(), "Odd Schema".into()],
            ..Schema::default()
        };
        s.extensions.insert(
            "pg_trgm".into(),
            Extension {
                schema: Some("public".into()),
                version: Some("1.6".into()),
                comment: Some("trigram \"search\"".into()),
            },
        );
        s.extensions.insert("citext".into(), Extension::default());
        s.enums.insert(
            q("public", "Mood"),
            vec![
                "happy".into(),
                "sad: very".into(),
                "# hash".into(),
                "true".into(),
                "null".into(),
                "123".into(),
                "'q'".into(),
            ],
        );
        s.enums
            .insert(q("audit", "level"), vec!["low".into(), "high".into()]);
        s.sequences.insert(
            q("public", "genes_id_seq"),
            Sequence {
                data_type: "integer".into(),
                owned_by: Some("genes.id".into()),
                ..Sequence::default()
            },
        );
        s.sequences.insert(
            q("audit", "ticket"),
            Sequence {
                data_type: "bigint".into(),
                start: 100,
                increment: -2,
                min_value: Some(-1000),
                max_value: Some(1000),
                cache: 5,
                cycle: true,
                owned_by: None,
                comment: Some("tickets".into()),
                unlogged: false,
            },
        );
        let mut genes = Table {
            comment: Some("Genes: the 'core' table\nsecond line # not a comment".into()),
            ..Table::default()
        };
        let mut id = Column::of_type("integer");
        id.nullable = false;
        id.default = Some("nextval('genes_id_seq'::regclass)".into());
        genes.columns.insert("id".into(), id);
        let mut sym = Column::of_type("character varying(100)");
        sym.nullable = false;
        sym.collation = Some("C".into());
        sym.comment = Some("yes".into());
        genes.columns.insert("symbol".into(), sym);
        let mut status = Column::of_type("text");
        status.default = Some("'active: yes'::text".into());
        genes.columns.insert("Status Col".into(), status);
        genes
            .columns
            .insert("mood".into(), Column::of_type("\"Mood\"[]"));
        let mut n = Column::of_type("numeric(10,2)");
        n.default = Some("0".into());
        genes.columns.insert("score".into(), n);
        let mut g = Column::of_type("numeric");
        g.generated = Some("(score * (2)::numeric)".into());
        genes.columns.insert("double".into(), g);
        genes
            .columns
            .insert("true".into(), Column::of_type("boolean"));
        genes.columns.insert(
            "we\"ird.col".into(),
            Column::of_type("timestamp(3) with time zone"),
        );
        genes
            .columns
            .insert("room".into(), Column::of_type("integer"));
        genes
            .columns
            .insert("during".into(), Column::of_type("tstzrange"));
        genes.primary_key = Some(PrimaryKey {
            name: "genes_pkey".into(),
            columns: vec!["id".into()],
            include: vec!["Status Col".into()],
            comment: None,
            ..Default::default()
        });
        genes.unique.insert(
            "genes_symbol_key".into(),
            UniqueConstraint {
                columns: vec!["symbol".into()],
                ..Default::default()
            },
        );
        genes.unique.insert(
            "genes_multi".into(),
            UniqueConstraint {
                columns: vec!["symbol".into(), "Status Col".into()],
                include: vec!["room".into(), "we\"ird.col".into()],
                nulls_not_distinct: true,
                deferrable: true,
                initially_deferred: true,
                renamed_from: None,
                comment: None,
                index_comment: None,
                tablespace: Some("Fast".into()),
            },
        );
        genes.tablespace = Some("Tablé \"space\"".into());
        genes.replica_identity = Some(ReplicaIdentity::Index("genes_lower_idx".into()));
        genes.cluster_on = Some("genes_lower_idx".into());
        genes.checks.insert(
            "score_positive".into(),
            Check {
                expression: "(score > (0)::numeric)".into(),
                not_valid: false,
                not_enforced: false,
                no_inherit: false,
                renamed_from: None,
                comment: None,
            },
        );
        genes.exclusions.insert(
            "no_overlap".into(),
            Exclusion {
                definition: "USING gist (room WITH =, during WITH &&)".into(),
                renamed_from: None,
                comment: None,
                index_comment: None,
                tablespace: None,
            },
        );
        genes.indexes.insert(
            "genes_lower_idx".into(),
            Index {
                unique: true,
                method: "btree".into(),
                columns: vec![
                    "lower((symbol)::text) text_pattern_ops DESC NULLS LAST".into(),
                    "\"Status Col\"".into(),
                ],
                include: vec!["score".into()],
                predicate: Some("(score > (0)::numeric)".into()),
                nulls_not_distinct: true,
                comment: Some("an index".into()),
                renamed_from: None,
                with: Default::default(),
                tablespace: Some("fast ssd".into()),
            },
        );
        genes.indexes.insert(
            "genes_hash".into(),
            Index {
                method: "hash".into(),
                columns: vec!["symbol".into()],
                ..Index::default()
            },
        );
        s.tables.insert(q("public", "genes"), genes);

        let mut ev = Table::default();
        let mut eid = Column::of_type("bigint");
        eid.nullable = false;
        eid.identity = Some(Identity::Always);
        ev.columns.insert("id".into(), eid);
        ev.columns
            .insert("gene_id".into(), Column::of_type("integer"));
        ev.columns
            .insert("level".into(), Column::of_type("audit.level"));
        ev.columns
            .insert("at".into(), Column::of_type("timestamp without time zone"));
        ev.primary_key = Some(PrimaryKey {
            name: "events_pk".into(),
            columns: vec!["id".into()],
            comment: None,
            ..Default::default()
        });
        ev.foreign_keys.insert(
            "events_gene_fk".into(),
            ForeignKey {
                columns: vec!["gene_id".into()],
                references: Reference {
                    table: q("public", "genes"),
                    columns: vec!["id".into()],
                },
                on_delete: crate::model::OnDelete {
                    action: FkAction::SetNull,
                    columns: vec!["gene_id".into()],
                },
                on_update: FkAction::SetNull,
                deferrable: true,
                initially_deferred: true,
                match_full: true,
                not_valid: false,
                not_enforced: false,
                renamed_from: None,
                comment: None,
            },
        );
        s.tables.insert(q("audit", "events"), ev);
        let mut dotted = Table::default();
        dotted
            .columns
            .insert("x".into(), Column::of_type("integer"));
        s.tables.insert(q("Odd Schema", "my.table"), dotted);
        let mut caps = Table::default();
        caps.columns.insert("ID".into(), Column::of_type("integer"));
        s.tables.insert(q("public", "Caps Table"), caps);

        s.views.insert(
            q("public", "gene_view"),
            View {
                materialized: false,
                definition: "SELECT genes.id,\n    genes.symbol\n   FROM genes\n  WHERE genes.symbol::text <> 'x;y'::text".into(),
                comment: Some("it's a view;\n-- not a comment".into()),
                indexes: IndexMap::new(),
                depends_on: vec![],
                with: [("security_barrier".to_string(), "true".to_string())].into_iter().collect(),
                column_comments: Default::default(),
                tablespace: None,
                replica_identity: None,
                cluster_on: None,
            },
        );
        let mut mv = View {
            materialized: true,
            definition: "SELECT events.gene_id,\n    count(*) AS n\n   FROM audit.events\n  GROUP BY events.gene_id".into(),
            comment: None,
            indexes: IndexMap::new(),
            depends_on: vec![],
            with: IndexMap::new(),
            column_comments: Default::default(),
            tablespace: Some("Tablé \"space\"".into()),
            replica_identity: Some(ReplicaIdentity::Full),
            cluster_on: Some("Gene Counts Idx".into()),
        };
        mv.indexes.insert(
            "Gene Counts Idx".into(),
            Index {
                unique: true,
                columns: vec!["gene_id".into()],
                include: vec!["n".into()],
                predicate: Some("(n > 1)".into()),
                nulls_not_distinct: true,
                comment: Some("uniq".into()),
                ..Index::default()
            },
        );
        s.views.insert(q("audit", "Gene Counts"), mv);
        user_types(&mut s);
        let rule = Rule {
            definition: "CREATE RULE \"Keep \"\"Ü\"\"\" AS\n    ON DELETE TO \"Odd Schema\".\"my.table\" DO INSTEAD (NOTHING; NOTIFY x)".into(),
            enabled: crate::model::TriggerEnabled::Always,
            comment: Some("it's kept".into()),
            depends_on: Vec::new(),
            calls: Vec::new(),
        };
        let rules = s.rules.entry(q("Odd Schema", "my.table")).or_default();
        rules.insert("Keep \"Ü\"".into(), rule);
        s.ignore.push(IgnoreRule {
            kind: "table".into(),
            name: "alembic_*".into(),
            reason: "migration tool: bookkeeping".into(),
        });
        s
    }

    /// A collation, domains, a composite and a range type with odd names and every option.
    fn user_types(s: &mut Schema) {
        let icu = Collation {
            provider: "icu".into(),
            locale: Some("und-u-ks-level2".into()),
            deterministic: false,
            comment: Some("case: 'ignored'".into()),
            ..Collation::default()
        };
        s.collations.insert(q("Odd Schema", "Größe"), icu);
        let mut email = Domain {
            data_type: "text".into(),
            default: Some("'a@b'::text".into()),
            not_null: true,
            collation: Some("C".into()),
            comment: Some("# not a comment".into()),
            ..Domain::default()
        };
        email
            .checks
            .insert("Has \"At\"".into(), "(VALUE ~ '@'::text)".into());
        s.domains.insert(q("public", "E-Mail"), email);
        let mut pair = CompositeType::default();
        let attr = |t: &str, c: Option<&str>| Attribute {
            data_type: t.into(),
            collation: c.map(String::from),
        };
        pair.attributes
            .insert("it's".into(), attr("\"E-Mail\"", None));
        pair.attributes.insert("b".into(), attr("text", Some("C")));
        s.types.insert(q("audit", "pair: x"), pair);
        let r = RangeType {
            subtype: "double precision".into(),
            subtype_diff: Some("float8mi".into()),
            multirange: Some("floats".into()),
            ..RangeType::default()
        };
        s.ranges.insert(q("public", "floatrange"), r);
    }

    fn tmp(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("pgdrift-write-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn round_trip_every_feature() {
        let s = everything();
        let dir = tmp("rt");
        write_project(&s, &dir).unwrap();
        let back = load_project(&dir.join("schema.yaml"), &dir.join("views"))
            .unwrap_or_else(|e| panic!("{e}\n---\n{}", schema_yaml(&s)));
        assert_eq!(back.schema.tables, s.tables);
        assert_eq!(back.schema.views.keys().collect::<Vec<_>>().len(), 2);
        let mut expected = s.clone();
        // The loader reads view files in file-name order.
        expected.views.sort_keys();
        let mut got = back.schema.clone();
        got.views.sort_keys();
        assert_eq!(got, expected);
        // Writing again is byte-identical.
        let again = schema_yaml(&back.schema);
        assert_eq!(again, schema_yaml(&s));
        if std::env::var("PGDRIFT_KEEP").is_err() {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }

    #[test]
    fn stale_view_files_are_deleted() {
        let dir = tmp("stale");
        std::fs::create_dir_all(dir.join("views")).unwrap();
        std::fs::write(dir.join("views/old.sql"), "CREATE VIEW old AS SELECT 1;").unwrap();
        std::fs::write(dir.join("views/notes.txt"), "keep").unwrap();
        write_project(&everything(), &dir).unwrap();
        assert!(!dir.join("views/old.sql").exists());
        assert!(dir.join("views/notes.txt").exists());
        assert!(dir.join("views/gene_view.sql").exists());
        assert!(dir.join("views/audit.Gene_Counts.sql").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn empty_schema_round_trips() {
        let dir = tmp("empty");
        write_project(&Schema::default(), &dir).unwrap();
        let back = load_project(&dir.join("schema.yaml"), &dir.join("views")).unwrap();
        assert_eq!(back.schema, Schema::default());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
