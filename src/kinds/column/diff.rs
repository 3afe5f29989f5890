//! Diff rules for the columns of a table: missing, extra, renamed, and each attribute that
//! differs (type, time zone, default, nullability, identity, generation, collation, comment).
//!
//! Every attribute is its own change with its own category, so a team can gate on `type` and
//! `timezone` without failing on `default`. Renames are never guessed: a missing and an extra
//! column that look alike get a hint on both changes, and only `renamed_from` makes a rename.
//! Column order is the table's (src/kinds/table/diff.rs); the table calls [`pair_columns`],
//! then [`diff_paired_columns`], its order check, then [`diff_extra_columns`], which keeps the
//! documented order of changes. Which attribute is an error and which a warning is tabled in
//! docs/json-format.md ("Categories and severities").

use indexmap::IndexMap;

use super::{generated, identity};
use crate::diff::{
    comment_change, differs, extra, missing, pair, renamed, Category, Change, ObjectKind,
    ObjectRef, Pair, Severity,
};
use crate::model::{Column, Identity, QualifiedName, Table};

/// The columns of one table paired by name (renames through `renamed_from`), with the rename
/// hints for the columns left unpaired.
pub(crate) struct ColumnPairing<'a> {
    pub(crate) pairs: Vec<Pair<'a, String, Column>>,
    extras: Vec<(&'a String, &'a Column)>,
    /// Column name -> `old -> new`, for both the missing and the extra column of a hint.
    hints: IndexMap<String, String>,
}

/// Pairs the declared columns of a table with the live ones and finds the rename hints.
pub(crate) fn pair_columns<'a>(d: &'a Table, l: &'a Table) -> ColumnPairing<'a> {
    let (pairs, extras) = pair(&d.columns, &l.columns, |_, c: &Column| {
        c.renamed_from.clone()
    });
    let hints = rename_hints(&pairs, &extras);
    ColumnPairing {
        pairs,
        extras,
        hints,
    }
}

/// Rename hints: only unambiguous one-to-one matches, so a hint never guesses between two.
fn rename_hints(
    pairs: &[Pair<'_, String, Column>],
    extras: &[(&String, &Column)],
) -> IndexMap<String, String> {
    let missing_cols: Vec<(&String, &Column)> = pairs
        .iter()
        .filter(|p| p.live.is_none())
        .map(|p| (p.decl_key, p.decl))
        .collect();
    let mut hints: IndexMap<String, String> = IndexMap::new(); // name -> "old -> new"
    for (mname, mcol) in &missing_cols {
        let cands: Vec<&(&String, &Column)> = extras
            .iter()
            .filter(|(_, e)| rename_candidate(mcol, e))
            .collect();
        if let [(ename, ecol)] = cands.as_slice() {
            let back = missing_cols
                .iter()
                .filter(|(_, m)| rename_candidate(m, ecol))
                .count();
            if back == 1 {
                let hint = format!("{} -> {}", ename, mname);
                hints.insert((*mname).clone(), hint.clone());
                hints.insert((**ename).clone(), hint);
            }
        }
    }
    hints
}

/// Puts the rename hint for column `name`, if there is one, on its missing or extra change.
fn add_hint(c: &mut Change, hints: &IndexMap<String, String>, name: &str) {
    if let Some(h) = hints.get(name) {
        c.possible_rename = Some(h.clone());
        if let Some((old, new)) = h.split_once(" -> ") {
            c.detail = Some(hint_detail(old, new));
        }
    }
}

/// Tells how to turn a hint into a rename, since pgdrift itself never acts on one.
fn hint_detail(old: &str, new: &str) -> String {
    format!(
        "possible rename of {old} to {new}: same type, nullability and default. pgdrift never renames on a guess; declare `renamed_from: {old}` on column {new} to rename it"
    )
}

/// Appends the changes of the declared columns to `out`, in declared order: missing (with a
/// hint), renamed, and the attributes of the columns both sides have.
pub(crate) fn diff_paired_columns(
    table: &QualifiedName,
    live_table: &QualifiedName,
    columns: &ColumnPairing<'_>,
    out: &mut Vec<Change>,
) {
    for p in &columns.pairs {
        let obj = ObjectRef::member(ObjectKind::Column, table, p.decl_key);
        let Some((lname, lc)) = p.live else {
            let mut c = missing(obj, Severity::Error, Some(column_text(p.decl)));
            add_hint(&mut c, &columns.hints, p.decl_key);
            out.push(c);
            continue;
        };
        if p.renamed {
            let old_display = ObjectRef::member(ObjectKind::Column, table, lname).name;
            out.push(renamed(obj.clone(), lname, old_display));
        }
        let rebased = identity::rebased((live_table, lname), (table, p.decl_key), lc);
        diff_column(obj, p.decl, rebased.as_ref().unwrap_or(lc), out);
    }
}

/// Appends the columns only the database has to `out`, in live order (with a hint).
pub(crate) fn diff_extra_columns(
    table: &QualifiedName,
    columns: &ColumnPairing<'_>,
    out: &mut Vec<Change>,
) {
    for (name, lc) in &columns.extras {
        let obj = ObjectRef::member(ObjectKind::Column, table, name);
        // A NOT NULL column without default makes every INSERT that omits it fail.
        let sev = if insert_requires(lc) {
            Severity::Error
        } else {
            Severity::Warning
        };
        let mut c = extra(obj, sev, Some(column_text(lc)));
        if sev == Severity::Error {
            c.summary
                .push_str(" (NOT NULL without a default: inserts that omit it fail)");
        }
        add_hint(&mut c, &columns.hints, name);
        out.push(c);
    }
}

/// Appends one change per attribute that differs between two columns of the same name, in a
/// fixed order: type or time zone, default, nullability, identity, generation, collation, comment.
fn diff_column(obj: ObjectRef, d: &Column, l: &Column, out: &mut Vec<Change>) {
    let rules: [AttributeRule; 7] = [
        type_change,
        default_change,
        nullability_change,
        not_null_name_change,
        identity_change,
        generated_change,
        collation_change,
    ];
    out.extend(rules.iter().filter_map(|rule| rule(&obj, d, l)));
    out.extend(storage_changes(&obj, d, l));
    out.extend(crate::kinds::statistics::diff::column_target_change(
        &obj, d, l,
    ));
    out.extend(crate::kinds::statistics::attribute_options::change(
        &obj, d, l,
    ));
    out.extend(comment_change(obj, &d.comment, &l.comment));
}

/// `STORAGE` and `COMPRESSION` (category `storage`, warning: where values are kept, not what).
fn storage_changes(obj: &ObjectRef, d: &Column, l: &Column) -> Vec<Change> {
    let (s, w) = (Category::Storage, Severity::Warning);
    let storage = |v: Option<&str>| v.unwrap_or("the type's default").to_string();
    let compression = |v: Option<&str>| v.unwrap_or("the default").to_string();
    [
        optional_attribute(
            obj,
            s,
            w,
            "storage",
            d.storage.clone(),
            l.storage.clone(),
            storage,
        ),
        optional_attribute(
            obj,
            s,
            w,
            "compression",
            d.compression.clone(),
            l.compression.clone(),
            compression,
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Compares one attribute of two columns of the same name: a change when it differs.
type AttributeRule = fn(&ObjectRef, &Column, &Column) -> Option<Change>;

/// A change of `category` and `severity` on `obj` with both sides' values.
fn attribute_change(
    obj: &ObjectRef,
    category: Category,
    severity: Severity,
    summary: String,
    declared: Option<String>,
    live: Option<String>,
) -> Option<Change> {
    Some(Change::new(category, severity, obj.clone(), summary).values(declared, live))
}

/// A type that differs only in its time zone is category `timezone`, so a team can gate on it
/// apart from other type changes.
fn type_change(obj: &ObjectRef, d: &Column, l: &Column) -> Option<Change> {
    if d.data_type == l.data_type {
        return None;
    }
    let tz_only = without_time_zone(&d.data_type) == without_time_zone(&l.data_type);
    let cat = if tz_only {
        Category::Timezone
    } else {
        Category::Type
    };
    attribute_change(
        obj,
        cat,
        Severity::Error,
        differs("type", &d.data_type, &l.data_type),
        Some(d.data_type.clone()),
        Some(l.data_type.clone()),
    )
}

/// A default on one side only counts: inserts that omit the column get another value.
fn default_change(obj: &ObjectRef, d: &Column, l: &Column) -> Option<Change> {
    let s = match (&d.default, &l.default) {
        (Some(x), None) => format!("default {x} is declared but the database has none"),
        (None, Some(y)) => format!("the database has default {y} but none is declared"),
        (Some(x), Some(y)) if x != y => differs("default", x, y),
        _ => return None,
    };
    attribute_change(
        obj,
        Category::Default,
        Severity::Warning,
        s,
        d.default.clone(),
        l.default.clone(),
    )
}

fn nullability_change(obj: &ObjectRef, d: &Column, l: &Column) -> Option<Change> {
    if d.nullable == l.nullable {
        return None;
    }
    let word = |n: bool| if n { "NULL" } else { "NOT NULL" };
    let s = if d.nullable {
        "declared nullable but NOT NULL in the database".to_string()
    } else {
        "declared NOT NULL but nullable in the database".to_string()
    };
    attribute_change(
        obj,
        Category::Nullability,
        Severity::Error,
        s,
        Some(word(d.nullable).to_string()),
        Some(word(l.nullable).to_string()),
    )
}

/// The name of the `NOT NULL` constraint of a column NOT NULL on both sides (PostgreSQL 18 on;
/// `None` is PostgreSQL's default name): a warning, the guarantee is the same.
fn not_null_name_change(obj: &ObjectRef, d: &Column, l: &Column) -> Option<Change> {
    if d.nullable || l.nullable {
        return None;
    }
    optional_attribute(
        obj,
        Category::Nullability,
        Severity::Warning,
        "NOT NULL constraint name",
        d.not_null_name.clone(),
        l.not_null_name.clone(),
        |n| n.map_or("PostgreSQL's default".to_string(), str::to_string),
    )
}

/// Identity is compared by its SQL (`GENERATED ALWAYS AS IDENTITY`), which also is what the
/// change shows.
fn identity_change(obj: &ObjectRef, d: &Column, l: &Column) -> Option<Change> {
    let sql = |i: Option<Identity>| i.map(|i| i.sql().to_string());
    if d.identity.is_some() && d.identity == l.identity {
        return identity_sequence_change(obj, d, l);
    }
    let mut change = optional_attribute(
        obj,
        Category::Identity,
        Severity::Error,
        "identity",
        sql(d.identity),
        sql(l.identity),
        |i| i.map_or("no identity".to_string(), str::to_string),
    )?;
    change.detail = serial_replaced(d, l);
    Some(change)
}

/// The hint that ties together the three findings of a serial the declaration makes an
/// identity (identity, the serial's default, its sequence): one conversion, not three drifts.
fn serial_replaced(d: &Column, l: &Column) -> Option<String> {
    let default = l.default.as_deref()?;
    let serial = d.identity.is_some() && l.identity.is_none() && default.starts_with("nextval(");
    serial.then(|| {
        format!("the database's column is a serial ({default}): the identity replaces that default and its sequence")
    })
}

/// The expression, and for two generated columns their kind (STORED/VIRTUAL): a change of
/// either rebuilds the column. The change carries the expressions, or the clauses when only the
/// kind differs.
fn generated_change(obj: &ObjectRef, d: &Column, l: &Column) -> Option<Change> {
    let text = |c: &Column| {
        c.generated
            .as_deref()
            .map(|g| generated::clause(g, c.generated_kind))
    };
    let (dt, lt) = (text(d), text(l));
    if dt == lt {
        return None;
    }
    let spelled = |t: &Option<String>| t.clone().unwrap_or_else(|| "not generated".to_string());
    let summary = differs("generation", &spelled(&dt), &spelled(&lt));
    let (dv, lv) = if d.generated == l.generated {
        (dt, lt)
    } else {
        (d.generated.clone(), l.generated.clone())
    };
    attribute_change(obj, Category::Generated, Severity::Error, summary, dv, lv)
}

fn collation_change(obj: &ObjectRef, d: &Column, l: &Column) -> Option<Change> {
    optional_attribute(
        obj,
        Category::Collation,
        Severity::Warning,
        "collation",
        d.collation.clone(),
        l.collation.clone(),
        |c| c.map_or("the default".to_string(), str::to_string),
    )
}

/// An attribute a column may lack: when the two sides differ, the summary reads each side
/// through `text` (which also spells the absent case) and the change carries the raw values.
fn optional_attribute(
    obj: &ObjectRef,
    category: Category,
    severity: Severity,
    what: &str,
    d: Option<String>,
    l: Option<String>,
    text: fn(Option<&str>) -> String,
) -> Option<Change> {
    if d == l {
        return None;
    }
    let summary = differs(what, &text(d.as_deref()), &text(l.as_deref()));
    attribute_change(obj, category, severity, summary, d, l)
}

/// The column as CREATE TABLE spells it after the name, for the declared and live values.
fn column_text(c: &Column) -> String {
    let mut t = c.data_type.clone();
    if let Some(coll) = &c.collation {
        t.push_str(&format!(" COLLATE {coll}"));
    }
    if let Some(g) = &c.generated {
        t.push(' ');
        t.push_str(&generated::clause(g, c.generated_kind));
    }
    if let Some(i) = c.identity {
        t.push(' ');
        t.push_str(i.sql());
    }
    if !c.nullable {
        t.push_str(" NOT NULL");
    }
    if let Some(def) = &c.default {
        t.push_str(&format!(" DEFAULT {def}"));
    }
    t
}

/// The identity sequences of two identity columns of the same kind, every option with its
/// default filled in (a declared default and a left-out one are the same): a warning, since
/// inserts keep working.
fn identity_sequence_change(obj: &ObjectRef, d: &Column, l: &Column) -> Option<Change> {
    let (t, m) = (obj.table.as_ref()?, obj.member.as_ref()?);
    // A type change takes the sequence along (its default bounds follow the column's type, and
    // ALTER COLUMN TYPE moves them): options set alike relative to each side's type are no drift.
    if d.data_type != l.data_type && d.identity_options == l.identity_options {
        return None;
    }
    let (de, le) = (identity::effective(t, m, d), identity::effective(t, m, l));
    let what = identity::differences(&de, &le);
    if what.is_empty() {
        return None;
    }
    let summary = what
        .iter()
        .map(|(w, a, b)| differs(&format!("{w} of the identity"), a, b))
        .collect::<Vec<_>>()
        .join("; ");
    let text = |c: &Column| {
        let i = c.identity.map_or("", Identity::sql);
        format!("{i}{}", identity::options_clause(None, &c.identity_options))
    };
    attribute_change(
        obj,
        Category::Identity,
        Severity::Warning,
        summary,
        Some(text(d)),
        Some(text(l)),
    )
}

/// Removes the time zone part of a type so `timestamp(3) with time zone` and
/// `timestamp(3) without time zone` compare equal (arrays keep their `[]`).
fn without_time_zone(t: &str) -> String {
    let t = t
        .replace(" without time zone", "")
        .replace(" with time zone", "");
    let t = t.replace("timestamptz", "timestamp");
    t.replace("timetz", "time")
}

/// Columns a plain `INSERT` must supply: without them, code that inserts rows breaks.
fn insert_requires(c: &Column) -> bool {
    !c.nullable && c.default.is_none() && c.identity.is_none() && c.generated.is_none()
}

/// Two columns look like the same column under another name.
fn rename_candidate(a: &Column, b: &Column) -> bool {
    a.data_type == b.data_type
        && a.nullable == b.nullable
        && a.default == b.default
        && a.identity == b.identity
        && a.identity_options == b.identity_options
        && a.generated == b.generated
        && a.generated_kind == b.generated_kind
        && a.collation == b.collation
}

#[cfg(test)]
mod tests {
    use crate::diff::fixtures::*;
    use crate::diff::{diff, Category, Severity};
    use crate::model::{Column, Identity};

    #[test]
    fn columns_missing_and_extra() {
        let a = with_table("genes", genes());
        let mut t = genes();
        t.columns.shift_remove("created_at");
        let b = with_table("genes", t);
        let (m, x) = both(&a, &b);
        assert_eq!(
            summary(&m),
            vec![(
                Category::Column,
                Severity::Error,
                "column genes.created_at".into()
            )]
        );
        assert_eq!(m[0].object.member.as_deref(), Some("created_at"));
        assert_eq!(m[0].object.table, Some(q("genes")));
        assert_eq!(
            summary(&x),
            vec![(
                Category::Column,
                Severity::Warning,
                "column genes.created_at".into()
            )]
        );
    }

    #[test]
    fn a_serial_declared_as_identity_says_so() {
        let declared = Column {
            identity: Some(Identity::ByDefault),
            nullable: false,
            ..col("integer")
        };
        let serial = Column {
            default: Some("nextval('t_id_seq'::regclass)".into()),
            nullable: false,
            ..col("integer")
        };
        let d = diff(
            &with_table("t", table(&[("id", declared)])),
            &with_table("t", table(&[("id", serial)])),
        );
        let identity = d.iter().find(|c| c.category == Category::Identity);
        let detail = identity
            .and_then(|c| c.detail.as_deref())
            .unwrap_or_default();
        assert!(
            detail.contains("is a serial (nextval('t_id_seq'::regclass))"),
            "{d:#?}"
        );
    }

    #[test]
    fn extra_not_null_column_without_default_is_an_error() {
        let a = with_table("t", table(&[("a", col("int"))]));
        let b = with_table(
            "t",
            table(&[
                ("a", col("int")),
                (
                    "b",
                    Column {
                        nullable: false,
                        ..col("text")
                    },
                ),
            ]),
        );
        let d = diff(&a, &b);
        assert_eq!(
            summary(&d),
            vec![(Category::Column, Severity::Error, "column t.b".into())]
        );
        assert!(d[0].summary.contains("inserts that omit it fail"));
    }

    #[test]
    fn type_versus_timezone() {
        let cases = [
            (
                "timestamp(3) with time zone",
                "timestamp(3) without time zone",
                Category::Timezone,
            ),
            (
                "timestamp without time zone",
                "timestamp with time zone",
                Category::Timezone,
            ),
            (
                "time with time zone",
                "time without time zone",
                Category::Timezone,
            ),
            (
                "timestamp with time zone[]",
                "timestamp without time zone[]",
                Category::Timezone,
            ),
            (
                "timestamp(3) with time zone",
                "timestamp(6) without time zone",
                Category::Type,
            ),
            (
                "timestamp with time zone",
                "timestamp with time zone[]",
                Category::Type,
            ),
            ("timestamp with time zone", "date", Category::Type),
            ("character varying(100)", "text", Category::Type),
            ("bigint", "integer", Category::Type),
        ];
        for (d, l, cat) in cases {
            for (x, y) in [(d, l), (l, d)] {
                let a = with_table("t", table(&[("c", col(x))]));
                let b = with_table("t", table(&[("c", col(y))]));
                let ch = diff(&a, &b);
                assert_eq!(
                    summary(&ch),
                    vec![(cat, Severity::Error, "column t.c".into())],
                    "{x} vs {y}"
                );
                assert_eq!(
                    ch[0].summary,
                    format!("type is {x} in the declaration but {y} in the database")
                );
                assert_eq!(
                    (ch[0].declared.as_deref(), ch[0].live.as_deref()),
                    (Some(x), Some(y))
                );
            }
        }
    }

    #[test]
    fn column_attributes_each_get_their_category() {
        let base = Column {
            nullable: false,
            ..col("text")
        };
        let variants: Vec<(Column, Category, Severity)> = vec![
            (
                Column {
                    default: Some("'x'::text".into()),
                    ..base.clone()
                },
                Category::Default,
                Severity::Warning,
            ),
            (
                Column {
                    nullable: true,
                    ..base.clone()
                },
                Category::Nullability,
                Severity::Error,
            ),
            (
                Column {
                    identity: Some(Identity::Always),
                    ..base.clone()
                },
                Category::Identity,
                Severity::Error,
            ),
            (
                Column {
                    generated: Some("upper(x)".into()),
                    ..base.clone()
                },
                Category::Generated,
                Severity::Error,
            ),
            (
                Column {
                    collation: Some("\"C\"".into()),
                    ..base.clone()
                },
                Category::Collation,
                Severity::Warning,
            ),
            (
                Column {
                    comment: Some("hi".into()),
                    ..base.clone()
                },
                Category::Comment,
                Severity::Warning,
            ),
        ];
        for (v, cat, sev) in variants {
            let a = with_table("t", table(&[("c", base.clone())]));
            let b = with_table("t", table(&[("c", v)]));
            let (d1, d2) = both(&a, &b);
            assert_eq!(summary(&d1), vec![(cat, sev, "column t.c".into())]);
            assert_eq!(summary(&d2), vec![(cat, sev, "column t.c".into())]);
        }
        let a = with_table(
            "t",
            table(&[(
                "c",
                Column {
                    default: Some("0".into()),
                    ..col("int")
                },
            )]),
        );
        let b = with_table(
            "t",
            table(&[(
                "c",
                Column {
                    default: Some("1".into()),
                    ..col("int")
                },
            )]),
        );
        assert_eq!(
            diff(&a, &b)[0].summary,
            "default is 0 in the declaration but 1 in the database"
        );
        assert_eq!(
            diff(&a, &with_table("t", table(&[("c", col("int"))])))[0].summary,
            "default 0 is declared but the database has none"
        );
    }

    #[test]
    fn possible_rename_is_a_hint_on_both_changes() {
        let a = with_table(
            "t",
            table(&[("id", col("int")), ("full_name", col("text"))]),
        );
        let b = with_table("t", table(&[("id", col("int")), ("name", col("text"))]));
        let d = diff(&a, &b);
        assert_eq!(
            summary(&d),
            vec![
                (
                    Category::Column,
                    Severity::Error,
                    "column t.full_name".into()
                ),
                (Category::Column, Severity::Warning, "column t.name".into())
            ]
        );
        for c in &d {
            assert_eq!(c.possible_rename.as_deref(), Some("name -> full_name"));
            assert!(c.detail.as_deref().unwrap().contains("renamed_from: name"));
        }
        // Different type: no hint. Ambiguous (two candidates): no hint.
        let b2 = with_table("t", table(&[("id", col("int")), ("name", col("varchar"))]));
        assert!(diff(&a, &b2).iter().all(|c| c.possible_rename.is_none()));
        let b3 = with_table(
            "t",
            table(&[
                ("id", col("int")),
                ("name", col("text")),
                ("nick", col("text")),
            ]),
        );
        assert!(diff(&a, &b3).iter().all(|c| c.possible_rename.is_none()));
    }

    #[test]
    fn renamed_from_column_is_one_change_and_still_compared() {
        let a = with_table(
            "t",
            table(&[(
                "full_name",
                Column {
                    renamed_from: Some("name".into()),
                    ..col("text")
                },
            )]),
        );
        let b = with_table("t", table(&[("name", col("varchar(10)"))]));
        let d = diff(&a, &b);
        assert_eq!(
            summary(&d),
            vec![
                (
                    Category::Column,
                    Severity::Error,
                    "column t.full_name".into()
                ),
                (Category::Type, Severity::Error, "column t.full_name".into())
            ]
        );
        assert_eq!(d[0].renamed_from.as_deref(), Some("name"));
        assert_eq!(d[0].summary, "column t.full_name is declared as renamed from t.name; the database still has the old name");
        // Already renamed: nothing to do.
        let done = with_table("t", table(&[("full_name", col("text"))]));
        assert!(diff(&a, &done).is_empty());
    }
}
