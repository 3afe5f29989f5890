//! Planning schemas: declared ones created first, undeclared ones dropped after everything in
//! them.

use crate::diff::Category;
use crate::kinds::schema::ddl;
use crate::model::{Schema, DEFAULT_SCHEMA};
use crate::plan::{label, Builder, Hazard, PlanCx};

pub(crate) fn create_schemas(cx: &PlanCx, b: &mut Builder) {
    for s in &cx.declared.schemas {
        if s != DEFAULT_SCHEMA && !cx.live.schemas.contains(s) {
            b.push(
                ddl::create_schema(s),
                &format!("schema {s} is declared but missing from the database"),
                Category::Schema,
                &[],
            );
        }
    }
}

/// Last of the drops: everything in the schema that was planned away is gone by now.
pub(crate) fn drop_schemas(cx: &PlanCx, b: &mut Builder) {
    for c in &cx.changes.extra_schemas {
        b.push(
            ddl::drop_schema(&c.object.name),
            &label(&[c]),
            c.category,
            &[Hazard::DataLoss],
        );
    }
}

/// Comments that changed, and those of the schemas just created.
pub(crate) fn comment_schemas(cx: &PlanCx, b: &mut Builder) {
    for c in &cx.changes.schema_comments {
        let s = &c.object.name;
        // A dropped schema takes its comment along; a created one gets it below.
        let on = |side: &Schema| s == DEFAULT_SCHEMA || side.schemas.contains(s);
        if !on(cx.declared) || !on(cx.live) {
            continue;
        }
        let comment = cx.declared.schema_comments.get(s).map(String::as_str);
        b.comment(ddl::comment_on_schema(s, comment), &label(&[c]));
    }
    for s in &cx.declared.schemas {
        let created = s != DEFAULT_SCHEMA && !cx.live.schemas.contains(s);
        if let Some(c) = cx.declared.schema_comments.get(s).filter(|_| created) {
            let why = format!("schema {s} is declared but missing from the database");
            b.comment(ddl::comment_on_schema(s, Some(c)), &why);
        }
    }
}
