//! The declared model in the two shapes normalization needs besides its own: the *scratch
//! form* the DDL is generated from, and the *carry form* [`super::finish`] reads once the DDL
//! ran. Both matter for memory at scale: the model of 20,000 tables is hundreds of MB, and a
//! copy of it next to the live model and the read-back made a first `check` peak at 1.3 GB.

use std::mem::take;

use indexmap::IndexMap;

use crate::ddl::{self, Statement};
use crate::load::{Declared, ObjectKey};
use crate::model::{Column, Grants, Schema, Table};

use super::parallel;

/// The declared DDL (views, triggers, rules and late routines excepted: their order is only
/// known once PostgreSQL tries them), as one ordered script or as [`parallel::stages`].
pub(super) enum Script {
    Serial(Vec<Statement>),
    Stages(Vec<Vec<Vec<Statement>>>),
}

impl Script {
    fn of(form: &Schema, parallel: bool) -> Script {
        if parallel {
            Script::Stages(parallel::stages(form))
        } else {
            Script::Serial(ddl::create_script(form))
        }
    }
}

/// The script of `schema`'s scratch form, from a copy of the model.
pub(super) fn script(schema: &Schema, parallel: bool) -> Script {
    let mut form = schema.clone();
    to_scratch_form(&mut form);
    Script::of(&form, parallel)
}

/// [`script`] without the copy: the tables are moved into the scratch form and back, with the
/// grants and policy roles the scratch form leaves out put back where they were.
pub(super) fn script_in_place(schema: &mut Schema, parallel: bool) -> Script {
    let tables = take(&mut schema.tables);
    // Everything but the tables is small next to them.
    let mut form = schema.clone();
    form.tables = tables;
    let saved: Vec<Withheld> = form.tables.values_mut().map(Withheld::take_from).collect();
    to_scratch_form(&mut form);
    let script = Script::of(&form, parallel);
    schema.tables = take(&mut form.tables);
    for (table, withheld) in schema.tables.values_mut().zip(saved) {
        withheld.put_back(table);
    }
    script
}

/// What the scratch form changes in a table (see [`to_scratch_form`]), kept aside.
struct Withheld {
    grants: Grants,
    column_grants: IndexMap<String, Grants>,
    policy_roles: Vec<Vec<String>>,
}

impl Withheld {
    fn take_from(table: &mut Table) -> Withheld {
        Withheld {
            grants: take(&mut table.grants),
            column_grants: take(&mut table.column_grants),
            policy_roles: table.policies.values().map(|p| p.roles.clone()).collect(),
        }
    }

    fn put_back(self, table: &mut Table) {
        table.grants = self.grants;
        table.column_grants = self.column_grants;
        for (policy, roles) in table.policies.values_mut().zip(self.policy_roles) {
            policy.roles = roles;
        }
    }
}

/// The declared schema as the scratch database first gets it. Views, triggers and rules go
/// separately; event triggers need a superuser: never created there, carried (see `finish`).
/// In a table only its grants and its policies' roles change ([`Withheld`] relies on that).
fn to_scratch_form(form: &mut Schema) {
    form.views.clear();
    form.triggers.clear();
    form.rules.clear();
    form.event_triggers.clear();
    crate::kinds::policy::scratch_form(form);
    crate::kinds::privilege::scratch_form(form);
}

/// Cuts the declared model down to what [`super::finish`] reads once its DDL ran: the tables
/// keep their names and table-level settings, but of their columns and constraints only those
/// with a `renamed_from` (or, for columns, a column grant or an identity; for keys and indexes, a
/// tablespace),
/// and the positions of columns and constraints are dropped (errors after the DDL name grants,
/// owners, tablespaces and event triggers only). Everything else is what the read-back holds.
pub(crate) fn keep_for_finish(declared: &mut Declared) {
    for table in declared.schema.tables.values_mut() {
        let grants = &table.column_grants;
        // Identity columns stay whole: `sequence_grants` may name their sequences.
        table.columns = take(&mut table.columns)
            .into_iter()
            .filter(|(name, c)| {
                c.renamed_from.is_some() || c.identity.is_some() || grants.contains_key(name)
            })
            .map(|(name, c)| {
                if c.identity.is_some() {
                    return (name, c);
                }
                let mut slim = Column::of_type(String::new());
                slim.renamed_from = c.renamed_from;
                (name, slim)
            })
            .collect();
        let renamed = |r: &Option<String>| r.is_some();
        table.checks.retain(|_, c| renamed(&c.renamed_from));
        table.foreign_keys.retain(|_, c| renamed(&c.renamed_from));
        table.statistics.retain(|_, c| renamed(&c.renamed_from));
        let placed = |r: &Option<String>, ts: &Option<String>| r.is_some() || ts.is_some();
        table
            .unique
            .retain(|_, c| placed(&c.renamed_from, &c.tablespace));
        table
            .exclusions
            .retain(|_, c| placed(&c.renamed_from, &c.tablespace));
        table
            .indexes
            .retain(|_, c| placed(&c.renamed_from, &c.tablespace));
        table.checks.shrink_to_fit();
        table.foreign_keys.shrink_to_fit();
        table.statistics.shrink_to_fit();
        table.unique.shrink_to_fit();
        table.exclusions.shrink_to_fit();
        table.indexes.shrink_to_fit();
    }
    declared.sources.retain(|key| {
        !matches!(
            key,
            ObjectKey::Column(..) | ObjectKey::Constraint(..) | ObjectKey::Statistics(..)
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Schema {
        let yaml = r#"
tables:
  t:
    columns: {id: bigint, secret: text}
    primary_key: [id]
    grants: {app_ro: [select]}
    column_grants: {secret: {app_rw: [update]}}
    row_level_security: true
    policies:
      own: {roles: [app_ro], using: "id > 0"}
  u:
    columns: {id: bigint, t_id: bigint}
    foreign_keys:
      u_t_fk: {columns: [t_id], references: {table: t, columns: [id]}}
    indexes:
      u_t_idx: [t_id]
"#;
        crate::load::load_schema_str(yaml, "schema.yaml")
            .expect("the fixture loads")
            .schema
    }

    fn sql(script: &Script) -> Vec<String> {
        match script {
            Script::Serial(s) => s.iter().map(|s| s.sql.clone()).collect(),
            Script::Stages(st) => st
                .iter()
                .flatten()
                .flatten()
                .map(|s| s.sql.clone())
                .collect(),
        }
    }

    #[test]
    fn the_in_place_script_is_the_copys_and_the_model_comes_back_unchanged() {
        for parallel in [false, true] {
            let original = project();
            let mut schema = original.clone();
            let copied = script(&original, parallel);
            let in_place = script_in_place(&mut schema, parallel);
            assert_eq!(sql(&in_place), sql(&copied));
            assert_eq!(schema, original, "the model was not put back as it was");
            // The scratch form really left the grants and roles out.
            let all = sql(&copied).join("\n");
            assert!(!all.contains("app_rw"), "{all}");
            assert!(!all.contains("app_ro"), "{all}");
        }
    }
}
