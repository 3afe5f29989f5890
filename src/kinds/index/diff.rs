//! Diff rules for indexes of tables and materialized views: missing, extra, renamed, defined
//! differently, comment.
//!
//! Indexes that back a constraint are the constraint's (src/kinds/constraint); these are the
//! free-standing ones. A missing unique index is an error because it changes behaviour, not only
//! speed: duplicates get in and `ON CONFLICT` on its columns fails.

use indexmap::IndexMap;

use crate::diff::{
    cols, comment_change, diff_members, opt, Aspects, Category, Change, MemberRules, ObjectKind,
    Presence, Severity,
};
use crate::diff::{differs, ObjectRef};
use crate::kinds::table::shape::{options_text, same_options, set_reset};
use crate::model::{Index, QualifiedName};

/// What a summary names when two indexes of the same name differ.
impl Aspects for Index {
    fn aspects(&self) -> Vec<(&'static str, String)> {
        vec![
            ("unique", self.unique.to_string()),
            ("method", self.method.clone()),
            ("the key", format!("({})", cols(&self.columns))),
            ("include", format!("({})", cols(&self.include))),
            ("the predicate", opt(&self.predicate)),
            ("nulls not distinct", self.nulls_not_distinct.to_string()),
        ]
    }
}

/// The index as CREATE INDEX spells it after the name, for the declared and live values.
pub(crate) fn index_text(i: &Index) -> String {
    let mut t = String::new();
    if i.unique {
        t.push_str("UNIQUE ");
    }
    t.push_str(&format!("USING {} ({})", i.method, cols(&i.columns)));
    if !i.include.is_empty() {
        t.push_str(&format!(" INCLUDE ({})", cols(&i.include)));
    }
    if i.nulls_not_distinct {
        t.push_str(" NULLS NOT DISTINCT");
    }
    if let Some(p) = &i.predicate {
        t.push_str(&format!(" WHERE {p}"));
    }
    t
}

/// Appends the index changes of one table or materialized view to `out`: declared indexes in
/// declared order (renames through `renamed_from`), then the ones only the database has.
pub(crate) fn diff_indexes(
    table: &QualifiedName,
    decl: &IndexMap<String, Index>,
    live: &IndexMap<String, Index>,
    out: &mut Vec<Change>,
) {
    let rules = MemberRules {
        kind: ObjectKind::Index,
        differs: (Category::Index, Severity::Warning),
        // A missing plain index costs speed; a missing unique index lets duplicates in and
        // breaks ON CONFLICT.
        missing: |i: &Index| {
            if i.unique {
                Severity::Error
            } else {
                Severity::Warning
            }
        },
        renamed_from: |i| i.renamed_from.as_ref(),
        text: index_text,
        also: |obj, d, l| comment_change(obj, &d.comment, &l.comment),
    };
    let start = out.len();
    diff_members(table, decl, live, &rules, out);
    lost_uniqueness_is_an_error(decl, live, &mut out[start..]);
    diff_options(table, decl, live, out);
}

/// An index declared unique that the database holds non-unique lets duplicates in, like a
/// missing unique index: an error, where other differences of one index cost speed only.
fn lost_uniqueness_is_an_error(
    decl: &IndexMap<String, Index>,
    live: &IndexMap<String, Index>,
    changes: &mut [Change],
) {
    for c in changes {
        if c.category != Category::Index || c.presence != Presence::Changed {
            continue;
        }
        let Some(name) = c.object.member.as_ref() else {
            continue;
        };
        if let (Some(d), Some(l)) = (decl.get(name), live.get(name)) {
            if d.unique && !l.unique {
                c.severity = Severity::Error;
            }
        }
    }
}

/// Storage parameters of an index both sides have under one name and otherwise define alike
/// (category `storage`; an index defined differently is rebuilt with the declared ones anyway).
fn diff_options(
    table: &QualifiedName,
    decl: &IndexMap<String, Index>,
    live: &IndexMap<String, Index>,
    out: &mut Vec<Change>,
) {
    for (name, d) in decl {
        let Some(l) = live.get(name) else { continue };
        if index_text(d) != index_text(l) || same_options(&d.with, &l.with) {
            continue;
        }
        let (dw, lw) = (options_text(&d.with), options_text(&l.with));
        let obj = ObjectRef::member(ObjectKind::Index, table, name);
        let s = differs("storage parameters", &dw, &lw);
        out.push(
            Change::new(Category::Storage, Severity::Warning, obj, s).values(Some(dw), Some(lw)),
        );
    }
}

/// `ALTER INDEX … SET (…)/RESET (…)` for the indexes of `table` that [`diff_options`] reports.
pub(crate) fn alter_options(
    table: &QualifiedName,
    decl: &IndexMap<String, Index>,
    live: &IndexMap<String, Index>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (name, d) in decl {
        let Some(l) = live.get(name) else { continue };
        if index_text(d) != index_text(l) {
            continue;
        }
        let ix = QualifiedName::new(table.schema.clone(), name.clone());
        for tail in set_reset(&d.with, &l.with) {
            out.push(format!("ALTER INDEX {} {tail}", ix.sql()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::diff::fixtures::*;
    use crate::diff::{diff, Category, Severity};
    use crate::model::Index;

    #[test]
    fn indexes_missing_extra_different_and_comment() {
        let mut t = genes();
        t.indexes.insert(
            "genes_symbol_idx".into(),
            Index {
                columns: vec!["symbol".into()],
                ..Default::default()
            },
        );
        t.indexes.insert(
            "genes_symbol_key".into(),
            Index {
                unique: true,
                columns: vec!["symbol".into()],
                ..Default::default()
            },
        );
        let a = with_table("genes", t.clone());
        let (m, x) = both(&a, &with_table("genes", genes()));
        assert_eq!(
            summary(&m),
            vec![
                (
                    Category::Index,
                    Severity::Warning,
                    "index genes_symbol_idx on genes".into()
                ),
                (
                    Category::Index,
                    Severity::Error,
                    "index genes_symbol_key on genes".into()
                ),
            ]
        );
        assert_eq!(summary(&x).len(), 2);
        assert!(
            x.iter()
                .all(|c| c.presence == crate::diff::Presence::Extra
                    && c.severity == Severity::Warning)
        );

        let mut t2 = t.clone();
        t2.indexes[0].predicate = Some("(symbol IS NOT NULL)".into());
        t2.indexes[0].method = "hash".into();
        t2.indexes[1].comment = Some("lookup".into());
        let d = diff(&a, &with_table("genes", t2));
        assert_eq!(
            summary(&d),
            vec![
                (
                    Category::Index,
                    Severity::Warning,
                    "index genes_symbol_idx on genes".into()
                ),
                (
                    Category::Comment,
                    Severity::Warning,
                    "index genes_symbol_key on genes".into()
                ),
            ]
        );
        assert_eq!(
            d[0].live.as_deref(),
            Some("USING hash (symbol) WHERE (symbol IS NOT NULL)")
        );
        assert_eq!(
            d[0].summary,
            "method is btree in the declaration but hash in the database; the predicate is (none) in the declaration but (symbol IS NOT NULL) in the database"
        );
    }

    #[test]
    fn an_index_that_lost_unique_is_an_error_and_one_that_gained_it_a_warning() {
        let mut unique = genes();
        unique.indexes.insert(
            "genes_symbol_ix".into(),
            Index {
                unique: true,
                columns: vec!["symbol".into()],
                ..Default::default()
            },
        );
        let mut plain = unique.clone();
        plain.indexes[0].unique = false;
        let (u, p) = (with_table("genes", unique), with_table("genes", plain));
        let lost = diff(&u, &p);
        assert_eq!(
            summary(&lost),
            vec![(
                Category::Index,
                Severity::Error,
                "index genes_symbol_ix on genes".into()
            )]
        );
        let gained = diff(&p, &u);
        assert_eq!(gained.len(), 1);
        assert_eq!(gained[0].severity, Severity::Warning);
    }
}
