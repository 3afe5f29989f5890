//! rule: declared rules against the database's, per table or view and by name: the definition
//! (`pg_get_ruledef` of both sides), the enabled state and the comment.

use super::Rule;
use crate::diff::Severity;
use crate::diff::{extra, missing, view_body_diff, Category, Change, ObjectKind, ObjectRef};
use crate::model::{QualifiedName, Schema};

/// `rule v_insert on v`: the name carries the relation, since rule names are per relation.
pub fn rule_ref(relation: &QualifiedName, name: &str) -> ObjectRef {
    crate::kinds::trigger::diff::on_relation(ObjectKind::Rule, relation, name)
}

/// Declared rules in declared order, then the ones only the database has.
pub fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let none = Default::default();
    for (relation, rules) in &declared.rules {
        let lr = live.rules.get(relation).unwrap_or(&none);
        for (name, d) in rules {
            let obj = rule_ref(relation, name);
            match lr.get(name) {
                Some(l) => diff_one(obj, d, l, out),
                None => out.push(missing(obj, Severity::Error, Some(d.definition.clone()))),
            }
        }
    }
    for (relation, rules) in &live.rules {
        let dr = declared.rules.get(relation).unwrap_or(&none);
        for (name, l) in rules.iter().filter(|(n, _)| !dr.contains_key(*n)) {
            let obj = rule_ref(relation, name);
            out.push(extra(obj, Severity::Warning, Some(l.definition.clone())));
        }
    }
}

/// The summary of a definition change; the planner recognizes it.
pub const DEFINITION_DIFFERS: &str = "definition differs";

fn diff_one(obj: ObjectRef, d: &Rule, l: &Rule, out: &mut Vec<Change>) {
    if d.definition != l.definition {
        let c = Change::new(
            Category::Rule,
            Severity::Warning,
            obj.clone(),
            DEFINITION_DIFFERS.into(),
        );
        out.push(
            c.values(Some(d.definition.clone()), Some(l.definition.clone()))
                .detail(view_body_diff(&l.definition, &d.definition)),
        );
    }
    if d.enabled != l.enabled {
        let summary = format!(
            "it is {} in the declaration but {} in the database",
            d.enabled.words(),
            l.enabled.words()
        );
        let c = Change::new(Category::Rule, Severity::Warning, obj.clone(), summary);
        out.push(c.values(
            Some(d.enabled.words().to_string()),
            Some(l.enabled.words().to_string()),
        ));
    }
    if d.comment != l.comment {
        let c = Change::new(
            Category::Comment,
            Severity::Warning,
            obj,
            "comment differs".into(),
        );
        out.push(c.values(d.comment.clone(), l.comment.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::trigger::TriggerEnabled;

    fn with(rel: &str, name: &str, def: &str) -> Schema {
        let mut s = Schema::default();
        let r = Rule {
            definition: def.into(),
            ..Default::default()
        };
        let q = QualifiedName::new("public", rel);
        s.rules.entry(q).or_default().insert(name.into(), r);
        s
    }

    #[test]
    fn missing_extra_changed() {
        let a = with(
            "t",
            "x",
            "CREATE RULE x AS ON DELETE TO t DO INSTEAD NOTHING",
        );
        let b = with(
            "t",
            "y",
            "CREATE RULE y AS ON DELETE TO t DO INSTEAD NOTHING",
        );
        let mut out = Vec::new();
        diff(&a, &b, &mut out);
        let got: Vec<String> = out.iter().map(|c| c.line()).collect();
        assert_eq!(got, ["rule missing rule x on t", "rule extra rule y on t"]);

        let mut c = with(
            "t",
            "x",
            "CREATE RULE x AS ON UPDATE TO t DO INSTEAD NOTHING",
        );
        let lx = &mut c.rules[0]["x"];
        lx.enabled = TriggerEnabled::Disabled;
        lx.comment = Some("c".into());
        let mut out = Vec::new();
        diff(&a, &c, &mut out);
        let got: Vec<String> = out.iter().map(|c| c.summary.clone()).collect();
        assert_eq!(
            got,
            [
                DEFINITION_DIFFERS,
                "it is enabled in the declaration but disabled in the database",
                "comment differs"
            ]
        );
    }
}
