//! What the kinds' diff rules share: pairing declared objects with live ones, wording a change,
//! and comparing the named members of a table (constraints, indexes).

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use indexmap::IndexMap;

use super::{display_part, Category, Change, ObjectKind, ObjectRef, Presence, Severity};
use crate::model::QualifiedName;

// ---------------------------------------------------------------------------------------------
// Pairing declared objects with live ones (by name, or through `renamed_from`).

/// A declared object and, if the database has it, its live counterpart.
pub(crate) struct Pair<'a, K, T> {
    pub(crate) decl_key: &'a K,
    pub(crate) decl: &'a T,
    /// The live object with the same name, or the one named by `renamed_from`.
    pub(crate) live: Option<(&'a K, &'a T)>,
    /// Paired through `renamed_from`: the database still has the old name.
    pub(crate) renamed: bool,
}

/// Declared objects with their live counterparts, and the live objects nobody declared.
pub(crate) type Pairing<'a, K, T> = (Vec<Pair<'a, K, T>>, Vec<(&'a K, &'a T)>);

/// Pairs each declared object with its live counterpart. A declared `renamed_from: old` pairs
/// with live `old` only when live lacks the new name and `old` is not itself declared (then the
/// rename is still pending); otherwise it is a plain name match.
pub(crate) fn pair<'a, K: Hash + Eq, T>(
    decl: &'a IndexMap<K, T>,
    live: &'a IndexMap<K, T>,
    old_key: impl Fn(&K, &T) -> Option<K>,
) -> Pairing<'a, K, T> {
    let mut used: HashSet<&K> = HashSet::new();
    let mut pairs = Vec::new();
    for (k, d) in decl {
        if let Some(l) = live.get(k) {
            used.insert(k);
            pairs.push(Pair {
                decl_key: k,
                decl: d,
                live: Some((k, l)),
                renamed: false,
            });
            continue;
        }
        let renamed = old_key(k, d).and_then(|old| {
            if decl.contains_key(&old) {
                return None;
            }
            live.get_key_value(&old)
        });
        match renamed {
            Some((lk, l)) if !used.contains(lk) => {
                used.insert(lk);
                pairs.push(Pair {
                    decl_key: k,
                    decl: d,
                    live: Some((lk, l)),
                    renamed: true,
                });
            }
            _ => pairs.push(Pair {
                decl_key: k,
                decl: d,
                live: None,
                renamed: false,
            }),
        }
    }
    let extras = live.iter().filter(|(k, _)| !used.contains(k)).collect();
    (pairs, extras)
}

// ---------------------------------------------------------------------------------------------
// Wording a change: one spelling for every kind, so reports read alike and tests can match.

/// A declared object the database lacks; `declared` is its definition when it has a short one.
pub(crate) fn missing(object: ObjectRef, severity: Severity, declared: Option<String>) -> Change {
    let summary = format!(
        "{} is declared but missing from the database",
        object.describe()
    );
    Change::one_side(Presence::Missing, severity, object, summary).values(declared, None)
}

/// An object only the database has; `live` is its definition when it has a short one.
pub(crate) fn extra(object: ObjectRef, severity: Severity, live: Option<String>) -> Change {
    let summary = format!(
        "{} exists in the database but is not declared",
        object.describe()
    );
    Change::one_side(Presence::Extra, severity, object, summary).values(None, live)
}

/// A declared `renamed_from` the database has not caught up with. It is presence `missing` (the
/// new name is missing) and carries `renamed_from`, which the plan turns into a rename instead
/// of a drop and an add.
pub(crate) fn renamed(object: ObjectRef, old: &str, old_display: String) -> Change {
    let summary = format!(
        "{} is declared as renamed from {}; the database still has the old name",
        object.describe(),
        old_display
    );
    let new_display = object.name.clone();
    let mut c = Change::one_side(Presence::Missing, Severity::Error, object, summary)
        .values(Some(new_display), Some(old_display));
    c.renamed_from = Some(old.to_string());
    c
}

/// A declared constraint or index the database has under another name, `old`, with the same
/// definition: one warning instead of a missing and an extra. The plan drops `old` and adds the
/// declared one, unless the declaration says `renamed_from: old`.
pub(crate) fn possible_rename(object: ObjectRef, old: &str) -> Change {
    let (kind, new) = (object.kind, object.name.clone());
    let old_display = display_part(old);
    let summary = format!(
        "possible rename of {old_display} to {new}: the database has {} {old_display} with the same definition",
        kind.as_words()
    );
    let detail = format!(
        "pgdrift never renames on a guess (a plan drops {old_display} and creates {new}); declare `renamed_from: {old}` on {} {new} to rename it",
        kind.as_words()
    );
    let mut c = Change::new(Category::of_kind(kind), Severity::Warning, object, summary)
        .values(Some(new.clone()), Some(old_display.clone()))
        .detail(detail);
    c.possible_rename = Some(format!("{old_display} -> {new}"));
    c.live_member = Some((kind, old.to_string()));
    c
}

/// An optional value in a summary line, `(none)` when absent.
pub(crate) fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "(none)".to_string())
}

/// `X is a in the declaration but b in the database`.
pub(crate) fn differs(what: &str, declared: &str, live: &str) -> String {
    format!("{what} is {declared} in the declaration but {live} in the database")
}

/// `start is 1 in the declaration but 100 in the database; cache ...` for each differing pair.
pub(crate) fn describe_differences(
    d: &[(&'static str, String)],
    l: &[(&'static str, String)],
) -> String {
    d.iter()
        .zip(l.iter())
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, b)| differs(a.0, &a.1, &b.1))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A comment on a table, column, index or view that differs. One rule for all of them: a
/// comment changes no behaviour, so it is a warning wherever it is.
pub(crate) fn comment_change(
    obj: ObjectRef,
    d: &Option<String>,
    l: &Option<String>,
) -> Option<Change> {
    if d == l {
        return None;
    }
    let s = match (d, l) {
        (Some(_), None) => "comment is declared but the database has none".to_string(),
        (None, Some(_)) => "the database has a comment that is not declared".to_string(),
        _ => "comment differs".to_string(),
    };
    Some(Change::new(Category::Comment, Severity::Warning, obj, s).values(d.clone(), l.clone()))
}

/// Column lists and index key elements as SQL lists them: `a, lower(b)`.
pub(crate) fn cols(c: &[String]) -> String {
    c.join(", ")
}

// ---------------------------------------------------------------------------------------------
// Named members of a table: constraints and indexes.

/// The parts of a constraint or index that can differ, for a precise summary line.
pub(crate) trait Aspects {
    fn aspects(&self) -> Vec<(&'static str, String)>;
}

/// How one kind of named member (unique, check, foreign key and exclusion constraints,
/// indexes) is compared. They all pair by name with renames through `renamed_from` and get one
/// change naming every aspect that differs; these fields are where they differ.
pub(crate) struct MemberRules<T> {
    pub(crate) kind: ObjectKind,
    /// The category and severity of a member defined differently under the same name.
    pub(crate) differs: (Category, Severity),
    /// The severity of a declared member the database lacks.
    pub(crate) missing: fn(&T) -> Severity,
    pub(crate) renamed_from: fn(&T) -> Option<&String>,
    /// The member as SQL spells it after its name: the declared and live values of a change.
    pub(crate) text: fn(&T) -> String,
    /// Further changes of a member both sides have, after its definition (an index's comment).
    pub(crate) also: fn(ObjectRef, &T, &T) -> Option<Change>,
}

impl<T> MemberRules<T> {
    /// The same rules, also comparing the members' comments (category `comment`).
    pub(crate) fn with_comments(mut self, also: fn(ObjectRef, &T, &T) -> Option<Change>) -> Self {
        self.also = also;
        self
    }
}

/// Appends the changes of one kind of member of `table` to `out`: declared members in declared
/// order (missing, renamed, defined differently), then the ones only the database has.
pub(crate) fn diff_members<T: Aspects>(
    table: &QualifiedName,
    decl: &IndexMap<String, T>,
    live: &IndexMap<String, T>,
    rules: &MemberRules<T>,
    out: &mut Vec<Change>,
) {
    let (pairs, extras) = pair(decl, live, |_, t| (rules.renamed_from)(t).cloned());
    let unpaired: Vec<(&String, &T)> = pairs
        .iter()
        .filter(|p| p.live.is_none())
        .map(|p| (p.decl_key, p.decl))
        .collect();
    let renames = same_definition(&unpaired, &extras, rules.text);
    for p in pairs {
        let obj = ObjectRef::member(rules.kind, table, p.decl_key);
        let Some((lname, l)) = p.live else {
            if let Some(old) = renames.get(p.decl_key) {
                out.push(possible_rename(obj, old));
                continue;
            }
            let declared = Some((rules.text)(p.decl));
            out.push(missing(obj, (rules.missing)(p.decl), declared));
            continue;
        };
        if p.renamed {
            out.push(renamed(obj.clone(), lname, display_part(lname)));
        }
        let s = describe_differences(&p.decl.aspects(), &l.aspects());
        if !s.is_empty() {
            let (category, severity) = rules.differs;
            let values = (Some((rules.text)(p.decl)), Some((rules.text)(l)));
            out.push(Change::new(category, severity, obj.clone(), s).values(values.0, values.1));
        }
        out.extend((rules.also)(obj, p.decl, l));
    }
    let renamed: HashSet<&String> = renames.values().copied().collect();
    for (name, l) in extras.into_iter().filter(|(n, _)| !renamed.contains(n)) {
        let obj = ObjectRef::member(rules.kind, table, name);
        out.push(extra(obj, Severity::Warning, Some((rules.text)(l))));
    }
}

/// Declared members the database lacks paired with live members nobody declared that have the
/// same definition but for the name, one to one (declared name -> live name). A definition two
/// candidates share on either side is ambiguous and pairs nothing.
fn same_definition<'a, T: Aspects>(
    missing: &[(&'a String, &'a T)],
    extras: &[(&'a String, &'a T)],
    text: fn(&T) -> String,
) -> HashMap<&'a String, &'a String> {
    let same = |d: &T, l: &T| {
        text(d) == text(l) && describe_differences(&d.aspects(), &l.aspects()).is_empty()
    };
    let mut out = HashMap::new();
    for (dname, d) in missing {
        let mut candidates = extras.iter().filter(|(_, l)| same(d, l));
        let (Some((lname, l)), None) = (candidates.next(), candidates.next()) else {
            continue;
        };
        if missing.iter().filter(|(_, d2)| same(d2, l)).count() == 1 {
            out.insert(*dname, *lname);
        }
    }
    out
}

/// A database-wide object declared in a top-level list by name (publications, foreign servers).
pub(crate) trait NamedObject {
    fn name(&self) -> &str;
    fn comment(&self) -> &Option<String>;
    /// Its reference in a change.
    fn object(&self) -> ObjectRef;
    /// Its CREATE statement, shown as the value of a missing or extra finding.
    fn create(&self) -> String;
}

/// Pairs two lists of [`NamedObject`]s by name: declared ones in declared order (missing, or
/// `differences` then the comment), then the ones only the database has.
pub(crate) fn diff_named<T: NamedObject>(
    declared: &[T],
    live: &[T],
    differences: fn(&T, &T) -> Vec<Change>,
    out: &mut Vec<Change>,
) {
    for d in declared {
        let Some(l) = live.iter().find(|l| l.name() == d.name()) else {
            out.push(missing(d.object(), Severity::Error, Some(d.create())));
            continue;
        };
        out.extend(differences(d, l));
        out.extend(comment_change(d.object(), d.comment(), l.comment()));
    }
    for l in live {
        if !declared.iter().any(|d| d.name() == l.name()) {
            out.push(extra(l.object(), Severity::Warning, Some(l.create())));
        }
    }
}
