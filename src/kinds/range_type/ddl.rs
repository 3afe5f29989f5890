//! Range type SQL: `CREATE TYPE .. AS RANGE (...)` and `DROP TYPE` (there is no ALTER).

use super::RangeType;
use crate::ddl::{comment_literal, quote_dotted, Statement};
use crate::model::QualifiedName;

pub fn create_range(name: &QualifiedName, r: &RangeType) -> String {
    let mut opts = vec![format!("SUBTYPE = {}", r.subtype)];
    if let Some(o) = &r.subtype_opclass {
        opts.push(format!("SUBTYPE_OPCLASS = {}", quote_dotted(o)));
    }
    if let Some(c) = &r.collation {
        opts.push(format!("COLLATION = {}", quote_dotted(c)));
    }
    // Function names are stored as `regproc` prints them, which is already valid SQL.
    if let Some(f) = &r.canonical {
        opts.push(format!("CANONICAL = {f}"));
    }
    if let Some(f) = &r.subtype_diff {
        opts.push(format!("SUBTYPE_DIFF = {f}"));
    }
    if let Some(m) = &r.multirange {
        let q = QualifiedName::new(name.schema.clone(), m.clone());
        opts.push(format!("MULTIRANGE_TYPE_NAME = {}", q.sql()));
    }
    format!("CREATE TYPE {} AS RANGE ({})", name.sql(), opts.join(", "))
}

pub fn drop_range(name: &QualifiedName) -> String {
    format!("DROP TYPE {}", name.sql())
}

pub fn comment(name: &QualifiedName, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON TYPE {} IS {}",
        name.sql(),
        comment_literal(comment)
    )
}

pub fn create_one(name: &QualifiedName, r: &RangeType) -> Vec<Statement> {
    let object = format!("range {name}");
    let mut out = vec![Statement::new(create_range(name, r), object.clone())];
    if r.comment.is_some() {
        out.push(Statement::new(comment(name, r.comment.as_deref()), object));
    }
    out
}
