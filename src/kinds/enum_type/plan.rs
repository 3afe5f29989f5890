//! Planning enums: new labels added in place when every live label keeps its place, otherwise
//! the type is rebuilt under a temporary name and every column using it converted (domains and
//! composite types built on it are dropped and created again around it, see `type_park`).

use std::collections::HashSet;

use crate::ddl::{self, EnumValuePosition};
use crate::diff::{Category, Presence};
use crate::model::{quote_ident, quote_literal, QualifiedName, Schema};
use crate::plan::{about, label, Builder, Hazard, PlanCx};

/// Every enum label of `live` is in `declared`, in the same relative order: new labels can be
/// added in place.
fn enum_is_additive(declared: &[String], live: &[String]) -> bool {
    let common: Vec<&String> = declared.iter().filter(|v| live.contains(v)).collect();
    common.len() == live.len() && common.iter().zip(live.iter()).all(|(a, b)| *a == b)
}

/// The enums that need a rebuild.
pub(crate) fn rebuilds(cx: &PlanCx) -> Vec<QualifiedName> {
    let mut out: Vec<QualifiedName> = Vec::new();
    for c in &cx.changes.enums {
        if c.category != Category::Enum {
            continue;
        }
        let Some(q) = &c.object.qualified else {
            continue;
        };
        let (Some(d), Some(l)) = (cx.declared.enums.get(q), cx.live.enums.get(q)) else {
            continue;
        };
        if !enum_is_additive(d, l) && !out.contains(q) {
            out.push(q.clone());
        }
    }
    out
}

/// The live columns of type `q` or `q[]` (as `format_type` spells it): (table, column, is an array).
pub(crate) fn users(live: &Schema, q: &QualifiedName) -> Vec<(QualifiedName, String, bool)> {
    let spelled = q.type_spelling();
    let array = format!("{spelled}[]");
    let mut out = Vec::new();
    for (tname, t) in &live.tables {
        for (cname, col) in &t.columns {
            if col.data_type == spelled || col.data_type == array {
                out.push((tname.clone(), cname.clone(), col.data_type == array));
            }
        }
    }
    out
}

/// What the enum steps leave for later ones.
#[derive(Default)]
pub(crate) struct EnumSteps {
    /// (step index, quoted label) of every ADD VALUE.
    pub added_labels: Vec<(usize, String)>,
    /// Live (table, column) whose default the rebuild already set to the declared one.
    pub restored_defaults: HashSet<(QualifiedName, String)>,
}

pub(crate) fn create_or_alter(cx: &PlanCx, b: &mut Builder) -> EnumSteps {
    let mut out = EnumSteps::default();
    let mut done: HashSet<QualifiedName> = HashSet::new();
    for c in &cx.changes.enums {
        let Some(q) = &c.object.qualified else {
            continue;
        };
        match (c.presence, c.category) {
            (Presence::Missing, _) => {
                if let Some(d) = cx.declared.enums.get(q) {
                    b.push(ddl::create_enum(q, d), &label(&[c]), c.category, &[]);
                    comment_if_declared(cx, b, q, &label(&[c]));
                }
            }
            (_, Category::Comment) => {
                let comment = cx.declared.enum_comments.get(q).map(String::as_str);
                b.comment(ddl::comment_on_enum(q, comment), &label(&[c]));
            }
            (Presence::Changed, Category::Enum) if done.insert(q.clone()) => {
                let (Some(d), Some(l)) = (cx.declared.enums.get(q), cx.live.enums.get(q)) else {
                    continue;
                };
                let why = label(&about(&cx.changes.enums, q));
                if enum_is_additive(d, l) {
                    add_values(b, q, d, l, &why, &mut out.added_labels);
                } else {
                    rebuild(cx, b, q, d, l, &why, &mut out.restored_defaults);
                }
            }
            _ => {}
        }
    }
    out
}

/// The declared comment of an enum the plan (re)creates.
fn comment_if_declared(cx: &PlanCx, b: &mut Builder, q: &QualifiedName, why: &str) {
    if let Some(c) = cx.declared.enum_comments.get(q) {
        b.comment(ddl::comment_on_enum(q, Some(c)), why);
    }
}

/// `ADD VALUE` for each new label, placed next to its declared neighbour.
fn add_values(
    b: &mut Builder,
    q: &QualifiedName,
    d: &[String],
    l: &[String],
    why: &str,
    added_labels: &mut Vec<(usize, String)>,
) {
    for (i, v) in d.iter().enumerate() {
        if l.contains(v) {
            continue;
        }
        let pos = if i == 0 {
            d.get(1).map(|n| EnumValuePosition::Before(n.as_str()))
        } else {
            Some(EnumValuePosition::After(d[i - 1].as_str()))
        };
        added_labels.push((b.steps.len(), quote_literal(v)));
        b.push(
            ddl::alter_enum_add_value(q, v, pos),
            why,
            Category::Enum,
            &[],
        );
    }
}

/// A new type under a temporary name, every column converted to it through text, the old type
/// dropped and the new one renamed; the columns' defaults are dropped first and restored last.
fn rebuild(
    cx: &PlanCx,
    b: &mut Builder,
    q: &QualifiedName,
    d: &[String],
    l: &[String],
    why: &str,
    restored: &mut HashSet<(QualifiedName, String)>,
) {
    let removes = l.iter().any(|v| !d.contains(v));
    let hz: Vec<Hazard> = if removes {
        vec![Hazard::DataLoss, Hazard::Rewrite]
    } else {
        vec![Hazard::Rewrite]
    };
    let tmp = QualifiedName::new(q.schema.clone(), format!("{}__pgdrift_new", q.name));
    b.push(ddl::create_enum(&tmp, d), why, Category::Enum, &[]);
    let parked = crate::kinds::type_park::park(cx, b, q, why, Category::Enum);
    let mut defaults_to_restore: Vec<(QualifiedName, String)> = Vec::new();
    for (t, col, array) in users(cx.live, q) {
        let lc = cx.live.tables.get(&t).and_then(|x| x.columns.get(&col));
        if lc.is_some_and(|lc| lc.default.is_some()) {
            b.push(ddl::drop_default(&t, &col), why, Category::Enum, &[]);
        }
        let (new_type, using) = if array {
            (
                format!("{}[]", tmp.sql()),
                format!("{}::text[]::{}[]", quote_ident(&col), tmp.sql()),
            )
        } else {
            (
                tmp.sql(),
                format!("{}::text::{}", quote_ident(&col), tmp.sql()),
            )
        };
        b.push(
            ddl::alter_column_type(&t, &col, &new_type, Some(&using)),
            why,
            Category::Enum,
            &hz,
        );
        // The default is restored from the declaration once the type has its name.
        defaults_to_restore.push((t.clone(), col.clone()));
    }
    b.push(ddl::drop_enum(q), why, Category::Enum, &[]);
    b.push(ddl::rename_type(&tmp, &q.name), why, Category::Enum, &[]);
    // The comment went with the old type.
    comment_if_declared(cx, b, q, why);
    crate::kinds::type_park::restore(cx, b, &parked, why, Category::Enum);
    for (t, col) in &defaults_to_restore {
        restored.insert((t.clone(), col.clone()));
        // `t` is a live name; find the declared table it became.
        let decl_t = cx
            .changes
            .live_of
            .iter()
            .find(|(_, l)| *l == t)
            .map(|(d, _)| d.clone())
            .unwrap_or_else(|| t.clone());
        if let Some(def) = cx.decl_column(&decl_t, col).and_then(|c| c.default.clone()) {
            b.push(ddl::set_default(t, col, &def), why, Category::Enum, &[]);
        }
    }
}

pub(crate) fn drop_enums(cx: &PlanCx, b: &mut Builder) {
    for c in &cx.changes.enums {
        if c.presence == Presence::Extra {
            if let Some(q) = &c.object.qualified {
                b.push(ddl::drop_enum(q), &label(&[c]), c.category, &[]);
            }
        }
    }
}

/// A new label that later steps mention must be committed before they run: its `ADD VALUE`
/// moves before the transaction, made idempotent for reruns.
pub(crate) fn commit_labels_first(b: &mut Builder, added_labels: Vec<(usize, String)>) {
    for (i, literal) in added_labels {
        let used_later = b.steps[i + 1..].iter().any(|st| st.sql.contains(&literal));
        if used_later {
            let st = &mut b.steps[i];
            st.sql = st
                .sql
                .replacen(" ADD VALUE ", " ADD VALUE IF NOT EXISTS ", 1);
            st.transactional = false;
            st.before_transaction = true;
            st.hazards.push(Hazard::NotTransactional);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_additivity() {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(enum_is_additive(&v(&["a", "x", "b"]), &v(&["a", "b"])));
        assert!(!enum_is_additive(&v(&["b", "a"]), &v(&["a", "b"])));
        assert!(!enum_is_additive(&v(&["a"]), &v(&["a", "b"])));
    }

    #[test]
    fn type_spelling_matches_format_type() {
        assert_eq!(
            QualifiedName::type_spelling(&QualifiedName::new("public", "mood")),
            "mood"
        );
        assert_eq!(
            QualifiedName::type_spelling(&QualifiedName::new("public", "Mood")),
            "\"Mood\""
        );
        assert_eq!(
            QualifiedName::type_spelling(&QualifiedName::new("app", "color")),
            "app.color"
        );
    }
}
