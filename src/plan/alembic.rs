//! `pgdrift plan --format alembic`: the plan as the next Alembic revision. `upgrade()` runs the
//! plan's statements in the order `apply` runs them (statements that cannot run in a transaction
//! inside `autocommit_block()`); `downgrade()` runs the reverse plan, from the declared schema
//! back to the database as it is now, with a warning on each statement that loses data.

use super::command::{compare_for, drop_kept, plan_changes, warn_missing_roles, PlanArgs};
use super::{build_plan, Hazard, Plan, PlanError, Step};
use crate::alembic::{self, execute_call};
use crate::app::Comparison;
use crate::model::Schema;

/// What a revision is called and where it sits in the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub id: String,
    /// The head it revises; `None` for a first revision.
    pub down_revision: Option<String>,
    pub message: String,
}

/// The plan from the declared side of `cmp` back to its live side: both sides swapped, the
/// declared renames turned around, the declared ignore rules kept, `alembic_version` left out.
/// Nothing is probed (the database it will run on is the upgraded one): views are recreated
/// rather than replaced, and every table counts as holding rows.
pub fn reverse_plan(cmp: &Comparison, opts: &super::PlanOptions) -> Result<Plan, PlanError> {
    reverse_plan_without(cmp, opts, crate::squash::ALEMBIC_VERSION)
}

/// [`reverse_plan`], leaving out `bookkeeping`, the migration tool's own table
/// (`alembic_version`, dbmate's `schema_migrations`).
pub fn reverse_plan_without(
    cmp: &Comparison,
    opts: &super::PlanOptions,
    bookkeeping: &str,
) -> Result<Plan, PlanError> {
    let declared = &cmp.left.schema;
    let target = with_reverse_renames(declared, &cmp.right.schema);
    let changes = crate::diff::diff(
        &crate::normalize::with_canonical_equivalents(&target),
        &crate::normalize::with_canonical_equivalents(declared),
    );
    let changes = crate::squash::without_table(changes, bookkeeping);
    let (changes, _ignored) = crate::diff::apply_ignores(changes, &declared.ignore);
    let mut opts = opts.clone();
    opts.appendable_views.clear();
    opts.empty_tables.clear();
    build_plan(&target, declared, &changes, &opts)
}

/// `live`, with a `renamed_from` on each table and column that `declared` renames from it, so
/// the reverse plan renames them back instead of dropping and adding them.
fn with_reverse_renames(declared: &Schema, live: &Schema) -> Schema {
    let mut target = live.clone();
    for (name, table) in &declared.tables {
        let live_name = match &table.renamed_from {
            Some(old) if !live.tables.contains_key(name) => {
                let old = crate::model::QualifiedName::new(name.schema.clone(), old.clone());
                if let Some(t) = target.tables.get_mut(&old) {
                    t.renamed_from = Some(name.name.clone());
                }
                old
            }
            _ => name.clone(),
        };
        let Some(live_table) = target.tables.get_mut(&live_name) else {
            continue;
        };
        for (col_name, col) in &table.columns {
            let Some(old) = &col.renamed_from else {
                continue;
            };
            if live_table.columns.contains_key(col_name) {
                continue;
            }
            if let Some(c) = live_table.columns.get_mut(old) {
                c.renamed_from = Some(col_name.clone());
            }
        }
    }
    target
}

/// The revision file: `upgrade()` runs `plan`, `downgrade()` runs `reverse`.
pub fn render_revision(revision: &Revision, plan: &Plan, reverse: &Plan) -> String {
    let about = vec![
        "pgdrift plan: upgrade() migrates the database to the declared schema;".to_string(),
        "downgrade() migrates it back to the schema it had when this revision was planned."
            .to_string(),
        format!("live schema fingerprint: {}", plan.live_fingerprint),
    ];
    let mut out = alembic::head(
        &revision.message,
        &revision.id,
        revision.down_revision.as_deref(),
        &about,
    );
    out.push_str("\n\ndef upgrade() -> None:\n");
    out.push_str(&body(plan));
    out.push_str("\n\ndef downgrade() -> None:\n");
    out.push_str(&body(reverse));
    out
}

/// Which steps a group of the body holds.
type Keep = fn(&Step) -> bool;

/// A function body: the search path the plan's SQL is written for, the steps `apply` runs
/// before its transaction, those in it, and those after it (each group outside the transaction
/// in an autocommit block), warnings as comments.
fn body(plan: &Plan) -> String {
    let mut out = String::new();
    for w in &plan.warnings {
        out.push_str(&format!("    # warning: {}\n", alembic::one_line(w)));
    }
    if plan.steps.is_empty() {
        out.push_str("    pass\n");
        return out;
    }
    out.push_str(&execute_call(4, &[], &crate::ddl::set_search_path()));
    let groups: [(Keep, bool); 3] = [
        (|s| s.before_transaction, true),
        (|s| s.transactional, false),
        (|s| !s.transactional && !s.before_transaction, true),
    ];
    for (keep, autocommit) in groups {
        let steps: Vec<(usize, &Step)> = plan
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| keep(s))
            .collect();
        if steps.is_empty() {
            continue;
        }
        let indent = if autocommit {
            out.push_str("    with op.get_context().autocommit_block():\n");
            8
        } else {
            4
        };
        for (i, st) in steps {
            out.push_str(&execute_call(indent, &comments(i, st), &st.sql));
        }
    }
    out
}

/// The step's label, its category and hazards, and a warning when it loses data.
fn comments(i: usize, st: &Step) -> Vec<String> {
    let mut lines: Vec<String> = st.change.lines().map(str::to_string).collect();
    let hazards: Vec<&str> = st.hazards.iter().map(|h| h.as_str()).collect();
    lines.push(format!(
        "[{}] hazards: {} (step {})",
        st.category.as_str(),
        if hazards.is_empty() {
            "none".to_string()
        } else {
            hazards.join(", ")
        },
        i + 1
    ));
    if st.hazards.contains(&Hazard::DataLoss) {
        lines.push("WARNING: loses data".to_string());
    }
    lines
}

/// The head the new revision revises: the versions folder's, else the database's.
async fn down_revision(
    args: &PlanArgs,
    url: &crate::conn::DbUrl,
) -> Result<Option<String>, crate::Error> {
    let in_dir = match &args.alembic_dir {
        Some(dir) => alembic::dir_head(dir)?,
        None => None,
    };
    let in_db = alembic::db_head(url).await?;
    match (in_dir, in_db) {
        (Some(dir_head), Some(db)) if dir_head != db => {
            eprintln!(
                "warning: the database is at revision {db}, the versions folder's head is {dir_head}: this revision revises {dir_head} but was planned from the database as it is (run `alembic upgrade head` first, then plan again)"
            );
            Ok(Some(dir_head))
        }
        (Some(dir_head), _) => Ok(Some(dir_head)),
        (None, db) => Ok(db),
    }
}

/// Runs `pgdrift plan --format alembic`: writes the revision (or says there is nothing to do).
pub async fn run(args: &PlanArgs) -> Result<u8, crate::Error> {
    if let Some(id) = &args.revision {
        if !alembic::valid_revision(id) {
            return Err(crate::squash::SquashError::BadRevision(id.clone()).into());
        }
    }
    let target = crate::app::target(&args.source.db).await?;
    let down = down_revision(args, &target.url).await?;
    let dev = crate::app::dev_server(args.source.dev_url.as_deref())?;
    let schemas = args.source.db.selection();
    let opts = args.source.options();
    let declared = args.source.declared();
    let (cmp, kept) = compare_for(&declared, &target.url, dev.as_ref(), &schemas, &opts).await?;
    let changes = crate::squash::without_alembic_version(cmp.changes.clone());
    let plan = plan_changes(&cmp, changes, &target.url, &kept, &schemas, &opts).await;
    drop_kept(kept).await;
    let plan = plan?;
    warn_missing_roles(&args.source, &cmp, &target.url).await?;
    if plan.steps.is_empty() {
        eprintln!("{} No revision written.", plan.nothing_to_do());
        return Ok(0);
    }
    let reverse = reverse_plan(&cmp, &opts)?;
    let revision = Revision {
        id: args
            .revision
            .clone()
            .unwrap_or_else(|| alembic::fresh_revision(&plan.live_fingerprint)),
        down_revision: down,
        message: args
            .message
            .clone()
            .unwrap_or_else(|| "pgdrift plan".into()),
    };
    let text = render_revision(&revision, &plan, &reverse);
    let path = match (&args.out, &args.alembic_dir) {
        (Some(out), _) => Some(out.clone()),
        (None, Some(dir)) => Some(dir.join(format!(
            "{}_{}.py",
            revision.id,
            alembic::slug(&revision.message, "pgdrift_plan")
        ))),
        (None, None) => None,
    };
    match path {
        Some(path) => {
            write(&path, &text)?;
            eprintln!(
                "wrote {} (revision {}, revises {})",
                path.display(),
                revision.id,
                revision.down_revision.as_deref().unwrap_or("nothing")
            );
        }
        None => print!("{text}"),
    }
    Ok(0)
}

fn write(path: &std::path::Path, text: &str) -> Result<(), crate::Error> {
    let io = |path: &std::path::Path, source| crate::Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    std::fs::write(path, text).map_err(|e| io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Category;

    fn step(sql: &str, hazards: &[Hazard], transactional: bool) -> Step {
        Step {
            sql: sql.into(),
            change: format!("change of {sql}"),
            category: Category::Index,
            hazards: hazards.to_vec(),
            transactional,
            resume_index: None,
            before_transaction: false,
        }
    }

    fn plan(steps: Vec<Step>) -> Plan {
        Plan {
            steps,
            live_fingerprint: "f".into(),
            warnings: vec![],
            unsupported: 0,
        }
    }

    #[test]
    fn revision_layout() {
        let up = plan(vec![
            step(
                "CREATE INDEX CONCURRENTLY i ON t (a)",
                &[Hazard::NotTransactional],
                false,
            ),
            step("ALTER TABLE t ADD COLUMN b int", &[], true),
        ]);
        let down = plan(vec![step(
            "ALTER TABLE t DROP COLUMN b",
            &[Hazard::DataLoss],
            true,
        )]);
        let rev = Revision {
            id: "abc".into(),
            down_revision: Some("base1".into()),
            message: "add b".into(),
        };
        let text = render_revision(&rev, &up, &down);
        assert!(
            text.contains("revision = \"abc\"\ndown_revision = \"base1\"\n"),
            "{text}"
        );
        let (upgrade, downgrade) = text.split_once("def downgrade").unwrap();
        let add = upgrade.find("ADD COLUMN b").unwrap();
        let block = upgrade.find("autocommit_block").unwrap();
        let concurrently = upgrade.find("CONCURRENTLY").unwrap();
        assert!(add < block && block < concurrently, "{upgrade}");
        assert!(
            upgrade.contains("        _execute(\"\"\"\\\nCREATE INDEX"),
            "{upgrade}"
        );
        assert!(!upgrade.contains("WARNING"), "{upgrade}");
        assert!(
            downgrade.contains("# WARNING: loses data\n    _execute("),
            "{downgrade}"
        );
        assert!(text.contains("_execute(\"\"\"\\\nSET search_path TO \"public\\\"\"\"\")"));
        let empty = render_revision(&rev, &up, &plan(vec![]));
        assert!(
            empty.ends_with("def downgrade() -> None:\n    pass\n"),
            "{empty}"
        );
    }
}
