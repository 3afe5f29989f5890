//! Planning foreign servers: created or altered right after the extensions (which provide
//! their wrappers) and before the tables; undeclared servers dropped after the tables (a
//! foreign table that uses one is dropped first). A changed wrapper or type cannot be altered:
//! the server is dropped and created again in place (PostgreSQL refuses while a foreign table
//! still uses it, and `apply` then changes nothing).

use super::{ddl, diff::needs_rebuild};
use crate::diff::{Category, Change, ObjectKind, Presence};
use crate::model::Schema;
use crate::plan::{label, Builder};

fn about<'c>(changes: &'c [Change], name: &str) -> Vec<&'c Change> {
    changes
        .iter()
        .filter(|c| c.object.kind == ObjectKind::ForeignServer && c.object.name == name)
        .collect()
}

/// New servers, changed ones and comments.
pub(crate) fn create_or_alter(
    declared: &Schema,
    live: &Schema,
    changes: &[Change],
    b: &mut Builder,
) {
    for d in &declared.foreign_servers {
        let about = about(changes, &d.name);
        if about.is_empty() {
            continue;
        }
        let text = label(&about);
        let Some(l) = live.foreign_servers.iter().find(|l| l.name == d.name) else {
            if about.iter().any(|c| c.presence == Presence::Missing) {
                for s in ddl::build(d) {
                    b.push(s.sql, &text, Category::ForeignServer, &[]);
                }
            }
            continue;
        };
        let changed = about.iter().any(|c| c.category == Category::ForeignServer);
        if changed && needs_rebuild(d, l) {
            b.push(ddl::drop(&l.name), &text, Category::ForeignServer, &[]);
            for s in ddl::build(d) {
                b.push(s.sql, &text, Category::ForeignServer, &[]);
            }
            continue;
        }
        if changed && d.version != l.version {
            let sql = ddl::set_version(&d.name, d.version.as_deref());
            b.push(sql, &text, Category::ForeignServer, &[]);
        }
        if let Some(sql) = changed.then(|| ddl::set_options(d, l)).flatten() {
            b.push(sql, &text, Category::ForeignServer, &[]);
        }
        if let Some(c) = about.iter().find(|c| c.category == Category::Comment) {
            b.comment(ddl::comment(&d.name, d.comment.as_deref()), &label(&[c]));
        }
    }
}

/// Undeclared servers the diff reports (ignore rules may keep one), after the tables.
pub(crate) fn drop_extras(declared: &Schema, live: &Schema, changes: &[Change], b: &mut Builder) {
    for l in &live.foreign_servers {
        if declared.foreign_servers.iter().any(|d| d.name == l.name) {
            continue;
        }
        let about = about(changes, &l.name);
        if let Some(c) = about.iter().find(|c| c.presence == Presence::Extra) {
            b.push(ddl::drop(&l.name), &label(&[c]), c.category, &[]);
        }
    }
}
