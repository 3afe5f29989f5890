//! Diff rules for views and materialized views: missing, extra, plain vs materialized, body,
//! comment, and (through the index kind) the indexes of materialized views.
//!
//! Bodies are compared as text exactly: both sides are pg_get_viewdef output from the same
//! server (the declared side after normalization), so any difference is real, and a unified diff
//! of the bodies goes into the change's `detail` for people to read.

use crate::diff::{
    comment_change, differs, extra, missing, pair, Category, Change, ObjectKind, ObjectRef,
    Severity,
};
use crate::kinds::index;
use crate::kinds::table::shape::{options_text, same_options};
use crate::model::{QualifiedName, Schema, View};

/// Plain and materialized views are different kinds in reports and ignore rules.
fn view_kind(v: &View) -> ObjectKind {
    if v.materialized {
        ObjectKind::MaterializedView
    } else {
        ObjectKind::View
    }
}

/// Ends `s` with a newline, so a body without one does not show up as a difference in the last
/// line of a unified diff.
fn with_newline(s: &str) -> String {
    if s.ends_with('\n') {
        s.to_string()
    } else {
        format!("{s}\n")
    }
}

/// A unified diff from the live body to the declared one (what applying would change).
pub fn view_body_diff(live: &str, declared: &str) -> String {
    let (l, d) = (with_newline(live), with_newline(declared));
    similar::TextDiff::from_lines(&l, &d)
        .unified_diff()
        .context_radius(3)
        .missing_newline_hint(false)
        .header("live", "declared")
        .to_string()
}

/// Appends the view changes to `out`: declared views in declared order, each followed by its
/// indexes, then the views only the database has.
pub(crate) fn diff_views(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (pairs, extras) = pair(&declared.views, &live.views, |_, _| None);
    for p in pairs {
        let d = p.decl;
        let obj = ObjectRef::top(view_kind(d), p.decl_key);
        let Some((_, l)) = p.live else {
            out.push(missing(obj, Severity::Error, None));
            continue;
        };
        if d.materialized != l.materialized {
            let s = differs("it", d_kind_words(d), d_kind_words(l));
            out.push(
                Change::new(Category::View, Severity::Warning, obj.clone(), s).values(
                    Some(d_kind_words(d).to_string()),
                    Some(d_kind_words(l).to_string()),
                ),
            );
        }
        if d.definition != l.definition {
            let s = "definition differs".to_string();
            out.push(
                Change::new(Category::View, Severity::Warning, obj.clone(), s)
                    .values(Some(d.definition.clone()), Some(l.definition.clone()))
                    .detail(view_body_diff(&l.definition, &d.definition)),
            );
        }
        if !same_options(&d.with, &l.with) {
            let (dw, lw) = (options_text(&d.with), options_text(&l.with));
            let s = differs("options", &dw, &lw);
            out.push(
                Change::new(Category::View, Severity::Warning, obj.clone(), s)
                    .values(Some(dw), Some(lw)),
            );
        }
        out.extend(comment_change(obj, &d.comment, &l.comment));
        diff_column_comments(p.decl_key, d, l, out);
        index::diff::diff_indexes(p.decl_key, &d.indexes, &l.indexes, out);
        if d.materialized && l.materialized {
            crate::kinds::table::relopts_diff::diff_view(p.decl_key, d, l, out);
        }
    }
    for (name, l) in extras {
        out.push(extra(
            ObjectRef::top(view_kind(l), name),
            Severity::Warning,
            None,
        ));
    }
}

/// Comments on the view's output columns: declared columns in declared order, then live ones.
/// The object is the column, marked as a view's by its `qualified` name (the plan routes it to
/// the view steps).
fn diff_column_comments(view: &QualifiedName, d: &View, l: &View, out: &mut Vec<Change>) {
    let live_only = l
        .column_comments
        .keys()
        .filter(|c| !d.column_comments.contains_key(*c));
    for col in d.column_comments.keys().chain(live_only) {
        let mut obj = ObjectRef::member(ObjectKind::Column, view, col);
        obj.qualified = Some(view.clone());
        let (dc, lc) = (d.column_comments.get(col), l.column_comments.get(col));
        out.extend(comment_change(obj, &dc.cloned(), &lc.cloned()));
    }
}

/// The words of the "plain vs materialized" summary line.
fn d_kind_words(v: &View) -> &'static str {
    if v.materialized {
        "a materialized view"
    } else {
        "a plain view"
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::fixtures::*;
    use crate::diff::{diff, Category, Severity};
    use crate::model::{Index, Schema, View};

    #[test]
    fn views_missing_extra_kind_body_comment_indexes() {
        let v = View {
            definition: " SELECT genes.id\n   FROM genes;".into(),
            ..Default::default()
        };
        let a = with_view("gene_ids", v.clone());
        let (m, x) = both(&a, &Schema::default());
        assert_eq!(
            summary(&m),
            vec![(Category::View, Severity::Error, "view gene_ids".into())]
        );
        assert_eq!(
            summary(&x),
            vec![(Category::View, Severity::Warning, "view gene_ids".into())]
        );

        let mut mv = v.clone();
        mv.materialized = true;
        let d = diff(&with_view("gene_ids", mv.clone()), &a);
        assert_eq!(
            summary(&d),
            vec![(
                Category::View,
                Severity::Warning,
                "materialized view gene_ids".into()
            )]
        );
        assert_eq!(
            d[0].summary,
            "it is a materialized view in the declaration but a plain view in the database"
        );

        let mut body = v.clone();
        body.definition = " SELECT genes.id\n   FROM genes\n  WHERE (genes.id > 0);".into();
        body.comment = Some("ids".into());
        body.depends_on = vec![q("genes")];
        let d = diff(&with_view("gene_ids", body), &a);
        assert_eq!(
            summary(&d),
            vec![
                (Category::View, Severity::Warning, "view gene_ids".into()),
                (Category::Comment, Severity::Warning, "view gene_ids".into())
            ]
        );
        assert_eq!(
            d[0].detail.as_deref(),
            Some("--- live\n+++ declared\n@@ -1,2 +1,3 @@\n  SELECT genes.id\n-   FROM genes;\n+   FROM genes\n+  WHERE (genes.id > 0);\n")
        );

        let mut mvi = mv.clone();
        mvi.indexes.insert(
            "gene_ids_idx".into(),
            Index {
                columns: vec!["id".into()],
                ..Default::default()
            },
        );
        let d = diff(&with_view("gene_ids", mvi), &with_view("gene_ids", mv));
        assert_eq!(
            summary(&d),
            vec![(
                Category::Index,
                Severity::Warning,
                "index gene_ids_idx on gene_ids".into()
            )]
        );
    }
}
