//! Collation SQL: `CREATE COLLATION .. (...)`, `DROP COLLATION`, `COMMENT ON COLLATION`.

use super::Collation;
use crate::ddl::{comment_literal, Statement};
use crate::model::{quote_literal, QualifiedName};

pub fn create_collation(name: &QualifiedName, c: &Collation) -> String {
    let mut opts = vec![format!("provider = {}", c.provider)];
    for (k, v) in [
        ("locale", &c.locale),
        ("lc_collate", &c.lc_collate),
        ("lc_ctype", &c.lc_ctype),
    ] {
        if let Some(v) = v {
            opts.push(format!("{k} = {}", quote_literal(v)));
        }
    }
    if !c.deterministic {
        opts.push("deterministic = false".to_string());
    }
    if let Some(r) = &c.rules {
        opts.push(format!("rules = {}", quote_literal(r)));
    }
    format!("CREATE COLLATION {} ({})", name.sql(), opts.join(", "))
}

pub fn drop_collation(name: &QualifiedName) -> String {
    format!("DROP COLLATION {}", name.sql())
}

pub fn comment(name: &QualifiedName, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON COLLATION {} IS {}",
        name.sql(),
        comment_literal(comment)
    )
}

pub fn create_one(name: &QualifiedName, c: &Collation) -> Vec<Statement> {
    let object = format!("collation {name}");
    let mut out = vec![Statement::new(create_collation(name, c), object.clone())];
    if c.comment.is_some() {
        out.push(Statement::new(comment(name, c.comment.as_deref()), object));
    }
    out
}
