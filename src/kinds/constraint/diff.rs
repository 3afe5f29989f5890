//! Diff rules for table constraints: primary key, unique, check, foreign key, exclusion.
//!
//! Constraints pair by name (PostgreSQL names them per schema), with renames through
//! `renamed_from`. A unique constraint and a unique index on the same columns are different
//! objects, as they are in the catalog; one on each side is one warning, paired afterwards by
//! [`super::unique_form`].

use crate::diff::{
    cols, comment_change, diff_members, differs, extra, missing, Aspects, Category, Change,
    MemberRules, ObjectKind, ObjectRef, Severity,
};
use crate::model::{
    Check, Exclusion, ForeignKey, PrimaryKey, QualifiedName, Table, UniqueConstraint,
};

/// Appends the constraint changes of one table to `out`, in the documented order: primary key,
/// unique, check, foreign key, exclusion.
pub(crate) fn diff_constraints(name: &QualifiedName, d: &Table, l: &Table, out: &mut Vec<Change>) {
    diff_primary_key(name, &d.primary_key, &l.primary_key, out);
    diff_members(
        name,
        &d.unique,
        &l.unique,
        &rules(ObjectKind::Unique, |u| u.renamed_from.as_ref(), unique_text)
            .with_comments(|o, d, l| comment_change(o, &d.comment, &l.comment)),
        out,
    );
    diff_members(
        name,
        &d.checks,
        &l.checks,
        &rules(ObjectKind::Check, |c| c.renamed_from.as_ref(), check_text)
            .with_comments(|o, d, l| comment_change(o, &d.comment, &l.comment)),
        out,
    );
    diff_members(
        name,
        &d.foreign_keys,
        &l.foreign_keys,
        &rules(ObjectKind::ForeignKey, |f| f.renamed_from.as_ref(), fk_text)
            .with_comments(|o, d, l| comment_change(o, &d.comment, &l.comment)),
        out,
    );
    diff_members(
        name,
        &d.exclusions,
        &l.exclusions,
        &rules(
            ObjectKind::Exclusion,
            |e| e.renamed_from.as_ref(),
            exclusion_text,
        )
        .with_comments(|o, d, l| comment_change(o, &d.comment, &l.comment)),
        out,
    );
    key_index_comments(name, d, l, out);
}

/// Comments on the indexes behind keys present on both sides (a key created or recreated gets
/// its declared comment with it), as changes of the index, which is what they are on.
fn key_index_comments(name: &QualifiedName, d: &Table, l: &Table, out: &mut Vec<Change>) {
    for (_, member) in crate::kinds::constraint::ddl::members(d, false) {
        let (Some(dc), Some(lc)) = (
            crate::kinds::constraint::ddl::key_index_comment(d, member),
            crate::kinds::constraint::ddl::key_index_comment(l, member),
        ) else {
            continue;
        };
        let obj = ObjectRef::member(ObjectKind::Index, name, member);
        let (dc, lc) = (dc.map(str::to_string), lc.map(str::to_string));
        out.extend(comment_change(obj, &dc, &lc));
    }
}

/// Unique, check, foreign key and exclusion constraints follow the same rules: a missing one is
/// an error, an extra one a warning; defined differently, a foreign key is an error of category
/// `foreign_key` and the others are warnings of category `constraint`.
fn rules<T>(
    kind: ObjectKind,
    renamed_from: fn(&T) -> Option<&String>,
    text: fn(&T) -> String,
) -> MemberRules<T> {
    let differs = if kind == ObjectKind::ForeignKey {
        (Category::ForeignKey, Severity::Error)
    } else {
        (Category::Constraint, Severity::Warning)
    };
    MemberRules {
        kind,
        differs,
        missing: |_| Severity::Error,
        renamed_from,
        text,
        also: |_, _, _| None,
    }
}

/// What a summary names when two constraints of the same name differ.
impl Aspects for UniqueConstraint {
    fn aspects(&self) -> Vec<(&'static str, String)> {
        vec![
            ("columns", format!("({})", cols(&self.columns))),
            ("include", format!("({})", cols(&self.include))),
            ("nulls not distinct", self.nulls_not_distinct.to_string()),
            ("deferrable", self.deferrable.to_string()),
            ("initially deferred", self.initially_deferred.to_string()),
        ]
    }
}

impl Aspects for Check {
    fn aspects(&self) -> Vec<(&'static str, String)> {
        vec![
            ("the expression", self.expression.clone()),
            (VALIDATION, validation(self.not_valid)),
            (ENFORCEMENT, enforcement(self.not_enforced)),
            ("inheritance", inheritance(self.no_inherit)),
        ]
    }
}

/// The aspect of checks and foreign keys that `VALIDATE CONSTRAINT` changes.
pub(crate) const VALIDATION: &str = "validation";

fn inheritance(no_inherit: bool) -> String {
    if no_inherit {
        "NO INHERIT"
    } else {
        "inherited"
    }
    .to_string()
}

/// PostgreSQL 18's `NOT ENFORCED`: a change of it rebuilds a check, and alters a foreign key in
/// place.
const ENFORCEMENT: &str = "enforcement";

fn enforcement(not_enforced: bool) -> String {
    if not_enforced {
        "NOT ENFORCED"
    } else {
        "ENFORCED"
    }
    .to_string()
}

fn validation(not_valid: bool) -> String {
    if not_valid { "NOT VALID" } else { "VALID" }.to_string()
}

/// Whether `d` and `l` differ in their validation alone (a plan validates or re-adds NOT VALID
/// instead of rebuilding).
pub(crate) fn only_validation_differs<T: Aspects>(d: &T, l: &T) -> bool {
    only_aspect_differs(d, l, VALIDATION)
}

/// Whether `d` and `l` differ in their enforcement alone (PostgreSQL 18: a foreign key's
/// `ALTER CONSTRAINT … [NOT] ENFORCED` changes it in place).
pub(crate) fn only_enforcement_differs<T: Aspects>(d: &T, l: &T) -> bool {
    only_aspect_differs(d, l, ENFORCEMENT)
}

fn only_aspect_differs<T: Aspects>(d: &T, l: &T, aspect: &str) -> bool {
    let (da, la) = (d.aspects(), l.aspects());
    let differing: Vec<&str> = da
        .iter()
        .zip(la.iter())
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0)
        .collect();
    differing == [aspect]
}

impl Aspects for Exclusion {
    fn aspects(&self) -> Vec<(&'static str, String)> {
        vec![("the definition", self.definition.clone())]
    }
}

impl Aspects for ForeignKey {
    fn aspects(&self) -> Vec<(&'static str, String)> {
        vec![
            ("columns", format!("({})", cols(&self.columns))),
            ("the target", self.references.display()),
            ("on delete", self.on_delete.describe()),
            ("on update", self.on_update.sql().to_string()),
            ("deferrable", self.deferrable.to_string()),
            ("initially deferred", self.initially_deferred.to_string()),
            (
                "match",
                if self.match_full { "FULL" } else { "SIMPLE" }.to_string(),
            ),
            (VALIDATION, validation(self.not_valid)),
            (ENFORCEMENT, enforcement(self.not_enforced)),
        ]
    }
}

/// `PRIMARY KEY (a, b)`, for the declared and live values of a change.
fn pk_text(p: &PrimaryKey) -> String {
    format!(
        "PRIMARY KEY ({}){}{}",
        cols(&p.columns),
        include_text(&p.include),
        deferral_text(p.deferrable, p.initially_deferred)
    )
}

/// ` INCLUDE (a, b)` as pg_get_constraintdef prints it, or nothing.
fn include_text(include: &[String]) -> String {
    if include.is_empty() {
        String::new()
    } else {
        format!(" INCLUDE ({})", cols(include))
    }
}

/// ` DEFERRABLE [INITIALLY DEFERRED]` as pg_get_constraintdef prints it, or nothing.
fn deferral_text(deferrable: bool, initially_deferred: bool) -> &'static str {
    match (deferrable, initially_deferred) {
        (_, true) => " DEFERRABLE INITIALLY DEFERRED",
        (true, false) => " DEFERRABLE",
        (false, false) => "",
    }
}

/// A table has at most one primary key, so the two sides pair without names; a name differs
/// only when the declaration gives one.
fn diff_primary_key(
    table: &QualifiedName,
    d: &Option<PrimaryKey>,
    l: &Option<PrimaryKey>,
    out: &mut Vec<Change>,
) {
    let member_name = |p: &PrimaryKey| {
        if p.name.is_empty() {
            format!("{}_pkey", table.name)
        } else {
            p.name.clone()
        }
    };
    match (d, l) {
        (None, None) => {}
        (Some(d), None) => {
            let obj = ObjectRef::member(ObjectKind::PrimaryKey, table, &member_name(d));
            out.push(missing(obj, Severity::Error, Some(pk_text(d))));
        }
        (None, Some(l)) => {
            let obj = ObjectRef::member(ObjectKind::PrimaryKey, table, &l.name);
            out.push(extra(obj, Severity::Warning, Some(pk_text(l))));
        }
        (Some(d), Some(l)) => {
            let obj = ObjectRef::member(ObjectKind::PrimaryKey, table, &member_name(d));
            let mut what = Vec::new();
            if d.columns != l.columns {
                what.push(differs(
                    "the key",
                    &format!("({})", cols(&d.columns)),
                    &format!("({})", cols(&l.columns)),
                ));
            }
            if d.include != l.include {
                what.push(differs(
                    "include",
                    &format!("({})", cols(&d.include)),
                    &format!("({})", cols(&l.include)),
                ));
            }
            if (d.deferrable, d.initially_deferred) != (l.deferrable, l.initially_deferred) {
                let text = |p: &PrimaryKey| match deferral_text(p.deferrable, p.initially_deferred)
                {
                    "" => "NOT DEFERRABLE".to_string(),
                    t => t.trim().to_string(),
                };
                what.push(differs("deferrability", &text(d), &text(l)));
            }
            // An empty declared name means "PostgreSQL's default", which the loader fills in.
            if !d.name.is_empty() && d.name != l.name {
                what.push(differs("the name", &d.name, &l.name));
            }
            if what.is_empty() {
                out.extend(comment_change(obj, &d.comment, &l.comment));
            } else {
                let dv = format!("{} {}", member_name(d), pk_text(d));
                let lv = format!("{} {}", l.name, pk_text(l));
                out.push(
                    Change::new(
                        Category::Constraint,
                        Severity::Warning,
                        obj,
                        what.join("; "),
                    )
                    .values(Some(dv), Some(lv)),
                );
            }
        }
    }
}

/// The constraint as ALTER TABLE ... ADD CONSTRAINT spells it after the name.
pub(crate) fn unique_text(u: &UniqueConstraint) -> String {
    let mut t = "UNIQUE".to_string();
    if u.nulls_not_distinct {
        t.push_str(" NULLS NOT DISTINCT");
    }
    t.push_str(&format!(" ({})", cols(&u.columns)));
    t.push_str(&include_text(&u.include));
    t.push_str(deferral_text(u.deferrable, u.initially_deferred));
    t
}

/// The constraint as ALTER TABLE ... ADD CONSTRAINT spells it after the name.
fn check_text(c: &Check) -> String {
    let not_valid = if c.not_valid { " NOT VALID" } else { "" };
    let no_inherit = if c.no_inherit { " NO INHERIT" } else { "" };
    let not_enforced = if c.not_enforced { " NOT ENFORCED" } else { "" };
    format!(
        "CHECK ({}){no_inherit}{not_enforced}{not_valid}",
        c.expression
    )
}

/// The constraint as ALTER TABLE ... ADD CONSTRAINT spells it after the name.
fn exclusion_text(e: &Exclusion) -> String {
    format!("EXCLUDE {}", e.definition)
}

/// The constraint after `FOREIGN KEY`, defaults (NO ACTION, MATCH SIMPLE) left out as
/// pg_get_constraintdef leaves them out.
fn fk_text(f: &ForeignKey) -> String {
    let mut t = format!(
        "({}) REFERENCES {}",
        cols(&f.columns),
        f.references.display()
    );
    if f.match_full {
        t.push_str(" MATCH FULL");
    }
    if f.on_update != Default::default() {
        t.push_str(&format!(" ON UPDATE {}", f.on_update.sql()));
    }
    if f.on_delete != Default::default() {
        t.push_str(&format!(" ON DELETE {}", f.on_delete.describe()));
    }
    t.push_str(deferral_text(f.deferrable, f.initially_deferred));
    if f.not_enforced {
        t.push_str(" NOT ENFORCED");
    }
    if f.not_valid {
        t.push_str(" NOT VALID");
    }
    t
}

#[cfg(test)]
mod tests {
    use crate::diff::fixtures::*;
    use crate::diff::{diff, Category, Severity};
    use crate::model::{Check, Exclusion, FkAction, Index, PrimaryKey, UniqueConstraint};

    #[test]
    fn foreign_keys_missing_extra_and_different() {
        let mut t = table(&[("gene_id", col("bigint"))]);
        t.foreign_keys.insert("x_gene_fk".into(), fk());
        let a = with_table("x", t.clone());
        let b = with_table("x", table(&[("gene_id", col("bigint"))]));
        let (m, x) = both(&a, &b);
        assert_eq!(
            summary(&m),
            vec![(
                Category::ForeignKey,
                Severity::Error,
                "foreign key x_gene_fk on x".into()
            )]
        );
        assert_eq!(
            m[0].declared.as_deref(),
            Some("(gene_id) REFERENCES genes(id) ON DELETE CASCADE")
        );
        assert_eq!(
            summary(&x),
            vec![(
                Category::ForeignKey,
                Severity::Warning,
                "foreign key x_gene_fk on x".into()
            )]
        );

        let mut t2 = t.clone();
        t2.foreign_keys[0].on_delete = FkAction::NoAction.into();
        t2.foreign_keys[0].match_full = true;
        let d = diff(&a, &with_table("x", t2));
        assert_eq!(
            summary(&d),
            vec![(
                Category::ForeignKey,
                Severity::Error,
                "foreign key x_gene_fk on x".into()
            )]
        );
        assert_eq!(
            d[0].summary,
            "on delete is CASCADE in the declaration but NO ACTION in the database; match is SIMPLE in the declaration but FULL in the database"
        );
        let mut t3 = t.clone();
        t3.foreign_keys[0].references.table = q("audit.genes");
        assert_eq!(
            diff(&a, &with_table("x", t3))[0].summary,
            "the target is genes(id) in the declaration but audit.genes(id) in the database"
        );
    }

    #[test]
    fn constraints_missing_extra_and_different() {
        let mut t = genes();
        t.unique.insert(
            "genes_symbol_key".into(),
            UniqueConstraint {
                columns: vec!["symbol".into()],
                ..Default::default()
            },
        );
        t.checks.insert(
            "genes_id_check".into(),
            Check {
                expression: "(id > 0)".into(),
                not_valid: false,
                not_enforced: false,
                no_inherit: false,
                renamed_from: None,
                comment: None,
            },
        );
        t.exclusions.insert(
            "genes_ex".into(),
            Exclusion {
                definition: "USING gist (symbol WITH =)".into(),
                renamed_from: None,
                comment: None,
                index_comment: None,
                tablespace: None,
            },
        );
        let a = with_table("genes", t.clone());
        let mut bare = genes();
        bare.primary_key = None;
        let (m, x) = both(&a, &with_table("genes", bare));
        let expect = |cat, sev| {
            vec![
                (cat, sev, "primary key genes_pkey on genes".to_string()),
                (
                    cat,
                    sev,
                    "unique constraint genes_symbol_key on genes".to_string(),
                ),
                (
                    cat,
                    sev,
                    "check constraint genes_id_check on genes".to_string(),
                ),
                (
                    cat,
                    sev,
                    "exclusion constraint genes_ex on genes".to_string(),
                ),
            ]
        };
        assert_eq!(summary(&m), expect(Category::Constraint, Severity::Error));
        assert!(m
            .iter()
            .all(|c| c.presence == crate::diff::Presence::Missing));
        assert_eq!(summary(&x), expect(Category::Constraint, Severity::Warning));
        assert!(x.iter().all(|c| c.presence == crate::diff::Presence::Extra));

        let mut t2 = t.clone();
        t2.primary_key = Some(PrimaryKey {
            name: "genes_pkey".into(),
            columns: vec!["id".into(), "symbol".into()],
            comment: None,
            ..Default::default()
        });
        t2.unique[0].nulls_not_distinct = true;
        t2.checks[0].expression = "(id >= 0)".into();
        t2.exclusions[0].definition = "USING gist (symbol WITH &&)".into();
        let d = diff(&a, &with_table("genes", t2));
        assert_eq!(summary(&d), expect(Category::Constraint, Severity::Warning));
        assert_eq!(
            d[0].summary,
            "the key is (id) in the declaration but (id, symbol) in the database"
        );
        assert_eq!(d[2].declared.as_deref(), Some("CHECK ((id > 0))"));
    }

    #[test]
    fn unique_constraint_against_equivalent_index_is_one_warning() {
        let mut t = genes();
        t.unique.insert(
            "genes_symbol_key".into(),
            UniqueConstraint {
                columns: vec!["symbol".into()],
                ..Default::default()
            },
        );
        let mut t2 = genes();
        t2.indexes.insert(
            "genes_symbol_key".into(),
            Index {
                unique: true,
                columns: vec!["symbol".into()],
                ..Default::default()
            },
        );
        let d = diff(&with_table("genes", t), &with_table("genes", t2));
        assert_eq!(
            summary(&d),
            vec![(
                Category::Constraint,
                Severity::Warning,
                "unique constraint genes_symbol_key on genes".into()
            )]
        );
        assert_eq!(d[0].declared.as_deref(), Some("UNIQUE (symbol)"));
    }
    #[test]
    fn include_lists_differ_and_pair_only_when_equal() {
        let uq = |include: &[&str]| UniqueConstraint {
            columns: vec!["symbol".into()],
            include: include.iter().map(|c| c.to_string()).collect(),
            ..Default::default()
        };
        let ix = |include: &[&str]| Index {
            unique: true,
            columns: vec!["symbol".into()],
            include: include.iter().map(|c| c.to_string()).collect(),
            ..Default::default()
        };
        let with = |u: Option<UniqueConstraint>, i: Option<Index>, pk_include: &[&str]| {
            let mut t = genes();
            if let Some(pk) = t.primary_key.as_mut() {
                pk.include = pk_include.iter().map(|c| c.to_string()).collect();
            }
            t.unique.extend(u.map(|u| ("k".to_string(), u)));
            t.indexes.extend(i.map(|i| ("k".to_string(), i)));
            with_table("genes", t)
        };
        let d = diff(
            &with(Some(uq(&["Odd Name"])), None, &["symbol"]),
            &with(Some(uq(&[])), None, &[]),
        );
        assert_eq!(d.len(), 2);
        assert_eq!(
            d[0].summary,
            "include is (symbol) in the declaration but () in the database"
        );
        assert_eq!(
            d[1].declared.as_deref(),
            Some("UNIQUE (symbol) INCLUDE (Odd Name)")
        );
        // The same INCLUDE columns as a unique index: one warning; other columns: two findings.
        let same = diff(
            &with(Some(uq(&["Odd Name"])), None, &[]),
            &with(None, Some(ix(&["\"Odd Name\""])), &[]),
        );
        assert_eq!(same.len(), 1, "{same:?}");
        let other = diff(
            &with(Some(uq(&["Odd Name"])), None, &[]),
            &with(None, Some(ix(&["score"])), &[]),
        );
        assert_eq!(other.len(), 2, "{other:?}");
    }
}
