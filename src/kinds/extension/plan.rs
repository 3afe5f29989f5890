//! Planning extensions: created or altered before the objects that use them, undeclared ones
//! dropped last.

use crate::ddl;
use crate::diff::{Category, Change, Presence};
use crate::model::{Extension, DEFAULT_SCHEMA};
use crate::plan::{label, Builder, PlanCx};

pub(crate) fn create_or_alter(cx: &PlanCx, b: &mut Builder) {
    for c in &cx.changes.extensions {
        let name = &c.object.name;
        let Some(d) = cx.declared.extensions.get(name) else {
            continue;
        };
        match (c.presence, c.category) {
            (Presence::Missing, _) => {
                b.push(
                    ddl::create_extension(name, d),
                    &label(&[c]),
                    c.category,
                    &[],
                );
                if let Some(text) = &d.comment {
                    b.comment(ddl::comment_on_extension(name, Some(text)), &label(&[c]));
                }
            }
            (Presence::Changed, Category::Extension) => alter(cx, b, c, d),
            (Presence::Changed, Category::Comment) => {
                let sql = ddl::comment_on_extension(name, d.comment.as_deref());
                b.comment(sql, &label(&[c]));
            }
            _ => {}
        }
    }
}

/// Version, then schema.
fn alter(cx: &PlanCx, b: &mut Builder, c: &Change, d: &Extension) {
    let name = &c.object.name;
    let l = cx.live.extensions.get(name);
    if let Some(v) = &d.version {
        if l.and_then(|l| l.version.as_ref()) != Some(v) {
            b.push(
                ddl::alter_extension_update(name, v),
                &label(&[c]),
                c.category,
                &[],
            );
        }
    }
    let ds = d.schema.as_deref().unwrap_or(DEFAULT_SCHEMA);
    let ls = l
        .and_then(|l| l.schema.as_deref())
        .unwrap_or(DEFAULT_SCHEMA);
    if ds != ls {
        b.push(
            ddl::alter_extension_schema(name, ds),
            &label(&[c]),
            c.category,
            &[],
        );
    }
}

/// Last of all: nothing planned uses them any more. An undeclared schema an extension lived in
/// goes after it: the schema diff leaves an extension's home to the extension, but `DROP
/// EXTENSION` removes only a schema the extension created itself (hence `IF EXISTS`).
pub(crate) fn drop_extensions(cx: &PlanCx, b: &mut Builder) {
    let mut homes: Vec<&str> = Vec::new();
    for c in &cx.changes.extensions {
        if c.presence == Presence::Extra {
            b.push(
                ddl::drop_extension(&c.object.name),
                &label(&[c]),
                c.category,
                &[],
            );
            let home = cx
                .live
                .extensions
                .get(&c.object.name)
                .and_then(|l| l.schema.as_deref());
            if let Some(s) = home.filter(|s| !homes.contains(s) && undeclared_home(cx, s)) {
                homes.push(s);
            }
        }
    }
    for s in homes {
        let why = format!("schema {s}: the home of a dropped extension, not declared");
        b.push(ddl::drop_schema_if_exists(s), &why, Category::Schema, &[]);
    }
}

/// A schema neither declared nor home to a declared extension.
fn undeclared_home(cx: &PlanCx, s: &str) -> bool {
    s != DEFAULT_SCHEMA
        && !cx.declared.schemas.iter().any(|d| d == s)
        && !cx
            .declared
            .extensions
            .values()
            .any(|e| e.schema.as_deref() == Some(s))
}
