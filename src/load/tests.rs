use super::sql::*;

#[test]
fn quoted_strings_and_identifiers_decode() {
    assert_eq!(
        read_quoted("it''s' rest", 0, '\'', false),
        Some(("it's".to_string(), 6))
    );
    assert_eq!(
        read_quoted("a\\nb' x", 0, '\'', true),
        Some(("a\nb".to_string(), 5))
    );
    assert_eq!(
        read_quoted("We\"\"ird\".", 0, '"', false),
        Some(("We\"ird".to_string(), 8))
    );
    assert_eq!(read_quoted("open", 0, '\'', false), None);
    assert_eq!(read_quoted("ends in \\", 0, '\'', true), None);
}

use super::*;
use crate::model::QualifiedName;

#[test]
fn object_names_like_postgres() {
    assert_eq!(default_pk_name("genes"), "genes_pkey");
    assert_eq!(
        default_unique_name("genes", &["a".into(), "b".into()]),
        "genes_a_b_key"
    );
    let long = "x".repeat(70);
    let n = make_object_name(&long, Some("id"), Some("seq"));
    assert_eq!(n.len(), 63);
    assert!(n.ends_with("_id_seq"));
}

#[test]
fn index_definitions_as_pg_prints_them() {
    let (n, t, ix) = parse_index_definition(
        "CREATE UNIQUE INDEX gene_scores_gene_id_idx ON public.gene_scores USING btree (gene_id) INCLUDE (x) WHERE (x > 0)",
    )
    .unwrap();
    assert_eq!(n, "gene_scores_gene_id_idx");
    assert_eq!(t, QualifiedName::new("public", "gene_scores"));
    assert!(ix.unique);
    assert_eq!(ix.columns, vec!["gene_id"]);
    assert_eq!(ix.include, vec!["x"]);
    assert_eq!(ix.predicate.as_deref(), Some("(x > 0)"));
    let (_, _, ix) = parse_index_definition(
        "CREATE INDEX \"Ix\" ON audit.\"Ev\" USING gist (lower(symbol) text_pattern_ops DESC NULLS LAST, f(a, b)) NULLS NOT DISTINCT",
    )
    .unwrap();
    assert_eq!(ix.method, "gist");
    assert_eq!(
        ix.columns,
        vec!["lower(symbol) text_pattern_ops DESC NULLS LAST", "f(a, b)"]
    );
    assert!(ix.nulls_not_distinct);
    assert!(parse_index_definition("CREATE INDEX ON t (a)").is_err());
}

#[test]
fn yaml_positions() {
    let d = load_schema_str(
        "tables:\n  genes:\n    columns:\n      id: int\n      sym: text\n    primary_key: [id]\n",
        "schema.yaml",
    )
    .unwrap();
    let t = QualifiedName::new("public", "genes");
    assert_eq!(
        d.sources.describe(&ObjectKey::Table(t.clone())),
        "schema.yaml:2:3"
    );
    assert_eq!(
        d.sources
            .describe(&ObjectKey::Column(t.clone(), "sym".into())),
        "schema.yaml:5:7"
    );
    assert_eq!(
        d.sources
            .describe(&ObjectKey::Constraint(t.clone(), "genes_pkey".into())),
        "schema.yaml:6:5"
    );
}

#[test]
fn member_positions_keep_the_first_and_can_be_dropped() {
    let mut m = SourceMap::default();
    let t = QualifiedName::new("public", "T x");
    let col = ObjectKey::Column(t.clone(), "id".into());
    let idx = ObjectKey::Index(t.clone(), "id".into());
    m.insert(
        col.clone(),
        SourceLoc::new(Path::new("/p/schema.yaml"), 4, 7),
    );
    m.insert(
        col.clone(),
        SourceLoc::new(Path::new("/p/other.yaml"), 9, 1),
    );
    m.insert(
        idx.clone(),
        SourceLoc::new(Path::new("/p/views/v.sql"), 2, 3),
    );
    m.insert(
        ObjectKey::Table(t.clone()),
        SourceLoc::new(Path::new("/p/schema.yaml"), 3, 3),
    );
    assert_eq!(m.describe(&col), "schema.yaml:4:7");
    // Same name, another kind: its own position, with its own file.
    assert_eq!(
        m.get(&idx).map(|l| l.to_string()).as_deref(),
        Some("/p/views/v.sql:2:3")
    );
    assert_eq!(m.len(), 3);
    m.retain(|k| !matches!(k, ObjectKey::Column(..)));
    assert_eq!(m.get(&col), None);
    assert_eq!(m.describe(&idx), "v.sql:2:3");
    assert_eq!(m.len(), 2);
}

#[test]
fn empty_yaml_warns_only_when_no_sql_file_declares_anything() {
    let dir = std::env::temp_dir().join(format!("pgdrift-empty-warning-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("functions")).unwrap();
    let schema_file = dir.join("schema.yaml");
    std::fs::write(&schema_file, "# nothing yet\n").unwrap();
    let views = dir.join("views");
    assert!(empty_declaration_warning(&schema_file, &views).is_some());
    std::fs::write(
        dir.join("functions/touch.sql"),
        "CREATE FUNCTION touch() ...",
    )
    .unwrap();
    assert_eq!(empty_declaration_warning(&schema_file, &views), None);
    std::fs::remove_file(dir.join("functions/touch.sql")).unwrap();
    std::fs::create_dir_all(&views).unwrap();
    std::fs::write(views.join("v.sql"), "CREATE VIEW v AS SELECT 1").unwrap();
    assert_eq!(empty_declaration_warning(&schema_file, &views), None);
    std::fs::remove_dir_all(&dir).unwrap();
}
