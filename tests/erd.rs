//! `pgdrift erd`: Mermaid and DOT output from the declared example, a snapshot and a live database
//! with odd identifiers. Every Mermaid text is checked against the erDiagram grammar subset we
//! emit, and with the real Mermaid parser when tests/mermaid/node_modules exists
//! (`cd tests/mermaid && npm ci`).

mod common;

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn quoted_ok(s: &str) -> bool {
    s.len() >= 2 && s.starts_with('"') && s.ends_with('"') && !s[1..s.len() - 1].contains('"')
}

/// One attribute line: `type name [PK|FK|UK[, ...]] ["comment"]`.
fn attribute_ok(line: &str) -> bool {
    let (body, comment) = match line.find(" \"") {
        Some(i) => (&line[..i], Some(&line[i + 1..])),
        None => (line, None),
    };
    let mut words = body.splitn(3, ' ');
    let (Some(ty), Some(name)) = (words.next(), words.next()) else {
        return false;
    };
    let keys_ok = words
        .next()
        .is_none_or(|k| k.split(", ").all(|k| matches!(k, "PK" | "FK" | "UK")));
    is_id(ty) && is_id(name) && keys_ok && comment.is_none_or(quoted_ok)
}

type Parsed = (Vec<String>, Vec<(String, String)>);

/// Checks the erDiagram subset pgdrift emits, line by line; returns the entities and edges.
fn check_mermaid(text: &str) -> Result<Parsed, String> {
    let mut lines = text.lines();
    if lines.next() != Some("erDiagram") {
        return Err("first line is not `erDiagram`".into());
    }
    let (mut entities, mut edges, mut in_block) = (Vec::new(), Vec::new(), false);
    for (n, line) in lines.enumerate() {
        let bad = || format!("line {}: `{line}`", n + 2);
        if in_block {
            if line == "    }" {
                in_block = false;
            } else if !(line.starts_with("        ") && attribute_ok(&line[8..])) {
                return Err(bad());
            }
            continue;
        }
        let Some(rest) = line.strip_prefix("    ") else {
            return Err(bad());
        };
        if rest.starts_with("%% ") {
            continue;
        }
        let words: Vec<&str> = rest.splitn(5, ' ').collect();
        match words.as_slice() {
            [id] if is_id(id) => entities.push(id.to_string()),
            [id, "{"] if is_id(id) => {
                entities.push(id.to_string());
                in_block = true;
            }
            [a, rel, b, ":", label]
                if is_id(a)
                    && is_id(b)
                    && ["||--o{", "|o--o{", "||--o|", "|o--o|", "}o..o{"].contains(rel)
                    && quoted_ok(label) =>
            {
                edges.push((a.to_string(), b.to_string()))
            }
            _ => return Err(bad()),
        }
    }
    if in_block {
        return Err("unclosed entity block".into());
    }
    for (a, b) in &edges {
        if !entities.contains(a) || !entities.contains(b) {
            return Err(format!("edge {a} -- {b} names an entity not declared"));
        }
    }
    Ok((entities, edges))
}

/// The real Mermaid parser, when installed next to its script.
fn mermaid_parser_accepts(text: &str, hint: &str) {
    let dir = repo().join("tests/mermaid");
    if !dir.join("node_modules/mermaid").is_dir() {
        eprintln!("note: tests/mermaid/node_modules missing; only the grammar subset was checked");
        return;
    }
    let file = std::env::temp_dir().join(format!("pgdrift-erd-{hint}-{}.mmd", std::process::id()));
    std::fs::write(&file, text).expect("write");
    let out = std::process::Command::new("node")
        .arg(dir.join("parse.mjs"))
        .arg(&file)
        .current_dir(&dir)
        .output()
        .expect("node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.starts_with("OK"),
        "{hint}: mermaid says {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn erd(args: &[&str], cwd: &Path) -> String {
    let mut all = vec!["erd"];
    all.extend_from_slice(args);
    let out = common::run_pgdrift(&all, Some(cwd), &[]);
    out.assert_code(0);
    out.stdout
}

#[test]
fn example_mermaid_has_every_table_and_foreign_key() {
    let text = erd(&[], &repo());
    let (entities, edges) = check_mermaid(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let declared = pgdrift::load::load_project(&repo().join("schema.yaml"), &repo().join("views"))
        .expect("example loads");
    assert_eq!(entities.len(), declared.schema.tables.len());
    let fks: usize = declared
        .schema
        .tables
        .values()
        .map(|t| t.foreign_keys.len())
        .sum();
    assert_eq!(edges.len(), fks);
    assert!(
        text.contains("    genes ||--o{ gene_evidence : \"gene_evidence_gene_id_fkey\"\n"),
        "{text}"
    );
    assert!(text.contains("        bigint id PK\n"), "{text}");
    assert_eq!(erd(&[], &repo()), text, "not deterministic");
    mermaid_parser_accepts(&text, "example");
    let all = erd(&["--all-columns"], &repo());
    check_mermaid(&all).unwrap_or_else(|e| panic!("{e}\n{all}"));
    assert!(
        all.contains("timestamp_with_time_zone created_at \"timestamp with time zone\""),
        "{all}"
    );
    mermaid_parser_accepts(&all, "example_all");
}

#[test]
fn example_svg_draws_every_table_and_foreign_key() {
    let svg = erd(&["--format", "svg"], &repo());
    assert!(
        svg.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
        ),
        "{svg}"
    );
    assert!(svg.trim_end().ends_with("</svg>"), "{svg}");
    assert!(
        svg.contains("<style>"),
        "a standalone file carries its own style"
    );
    let declared = pgdrift::load::load_project(&repo().join("schema.yaml"), &repo().join("views"))
        .expect("example loads");
    let fks: usize = declared
        .schema
        .tables
        .values()
        .map(|t| t.foreign_keys.len())
        .sum();
    assert_eq!(
        svg.matches("<g class=\"tbl").count(),
        declared.schema.tables.len(),
        "{svg}"
    );
    assert_eq!(svg.matches("<path class=\"fk\"").count(), fks, "{svg}");
    for name in declared.schema.tables.keys() {
        assert!(
            svg.contains(&format!(">{}</text>", name.name)),
            "{name} not drawn"
        );
    }
    // Balanced elements: every group and text that opens closes.
    assert_eq!(svg.matches("<g ").count(), svg.matches("</g>").count());
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    assert_eq!(erd(&["--format", "svg"], &repo()), svg, "not deterministic");
}

#[test]
fn selection_by_glob_and_neighbourhood() {
    let only_genes = erd(&["--around", "genes", "--depth", "0"], &repo());
    let (entities, edges) = check_mermaid(&only_genes).expect("grammar");
    assert_eq!(entities, vec!["genes"]);
    assert!(edges.is_empty());
    let near = erd(&["--around", "genes", "--depth", "1"], &repo());
    let (entities, edges) = check_mermaid(&near).expect("grammar");
    assert!(
        entities.contains(&"gene_evidence".to_string()) && !entities.contains(&"users".to_string()),
        "{near}"
    );
    assert!(edges
        .iter()
        .all(|(a, b)| entities.contains(a) && entities.contains(b)));
    let glob = erd(&["--tables", "static_*"], &repo());
    let (entities, _) = check_mermaid(&glob).expect("grammar");
    assert!(
        !entities.is_empty() && entities.iter().all(|e| e.starts_with("static_")),
        "{glob}"
    );
    let out = common::run_pgdrift(&["erd", "--around", "nope"], Some(&repo()), &[]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("--around nope: no such table"),
        "{}",
        out.stderr
    );
}

#[test]
fn snapshot_with_views_and_dot() {
    let text = erd(
        &["--against", "snapshots/production.yaml", "--with-views"],
        &repo(),
    );
    check_mermaid(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(
        text.contains("    gene_scores }o..o{ genes : \"reads\"\n"),
        "{text}"
    );
    mermaid_parser_accepts(&text, "production");
    let dot = erd(
        &[
            "--against",
            "snapshots/production.yaml",
            "--format",
            "dot",
            "--with-views",
        ],
        &repo(),
    );
    assert!(
        dot.starts_with("digraph erd {\n") && dot.ends_with("}\n"),
        "{dot}"
    );
    let nodes: Vec<&str> = dot
        .lines()
        .filter(|l| l.contains(" [label=<") || l.contains(" [shape=box"))
        .filter_map(|l| l.trim().split(' ').next())
        .collect();
    for l in dot.lines().filter(|l| l.contains(" -> ")) {
        let mut ends = l.trim().split(" -> ");
        let from = ends.next().unwrap_or_default();
        let to = ends
            .next()
            .and_then(|r| r.split(' ').next())
            .unwrap_or_default();
        assert!(
            nodes.contains(&from) && nodes.contains(&to),
            "edge to an undeclared node: {l}"
        );
    }
    assert!(
        dot.contains("\"gene_evidence\" -> \"genes\" [label=\"gene_evidence_gene_id_fkey\"];"),
        "{dot}"
    );
}

#[tokio::test]
async fn live_database_with_odd_identifiers() {
    let db = common::test_db("erd_odd").await;
    db.exec(
        "create schema \"Ärzte Schema\";
         create table \"Ärzte Schema\".\"Gene \"\"Table\"\"\" (\"ID\" bigint primary key, \"Größe\" timestamptz);
         create table \"MixedCase\" (id bigint primary key, \"Gene Ref\" bigint not null unique
             references \"Ärzte Schema\".\"Gene \"\"Table\"\"\" (\"ID\"));
         create table \"mixedcase\" (id bigint primary key, \"1st\" int references \"MixedCase\" (id));",
    )
    .await;
    let text = erd(&["--db", &db.url, "--all-columns"], &repo());
    let (entities, edges) = check_mermaid(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(entities.len(), 3, "{text}");
    assert_eq!(edges.len(), 2, "{text}");
    // One-to-one (the FK column is unique and NOT NULL), and the exact names kept in comments.
    assert!(
        text.contains("||--o| MixedCase : \"MixedCase_Gene Ref_fkey\""),
        "{text}"
    );
    assert!(
        text.contains("%% _rzte_Schema__Gene_Table: Ärzte Schema.\"Gene \"\"Table\"\"\""),
        "{text}"
    );
    assert!(text.contains("integer _1st FK \"1st: integer\""), "{text}");
    mermaid_parser_accepts(&text, "odd");
    let dot = erd(&["--db", &db.url, "--format", "dot"], &repo());
    assert!(
        dot.contains("\"Ärzte Schema.\\\"Gene \\\"\\\"Table\\\"\\\"\\\"\""),
        "{dot}"
    );
    db.drop_now().await;
}
