//! `pgdrift plan --format dbmate`: the plan as a dbmate migration, `<version>_<name>.sql` with a
//! `-- migrate:up` section (the plan) and a `-- migrate:down` section (the reverse plan, the same
//! one `--format alembic` writes in `downgrade()`, see [`super::alembic::reverse_plan_without`]).
//!
//! dbmate runs each section in one transaction, so a plan with a step that cannot run in one
//! (`CREATE INDEX CONCURRENTLY` with `--online`, an enum label a later step uses) is refused
//! rather than written half-working: `--format sql` or `alembic` handle those.

use super::alembic::reverse_plan_without;
use super::command::{compare_for, drop_kept, plan_changes, warn_missing_roles, PlanArgs};
use super::render::step_sql;
use super::{Plan, PlanError};

/// dbmate's own table, left out of both plans like `alembic_version` is for Alembic.
const SCHEMA_MIGRATIONS: &str = "schema_migrations";

/// The migration file: a header, `-- migrate:up` with `up`, `-- migrate:down` with `down`.
pub fn render_migration(up: &Plan, down: &Plan) -> String {
    let mut out = String::from(
        "-- pgdrift plan: migrate:up migrates the database to the declared schema;\n\
-- migrate:down migrates it back to the schema it had when this migration was planned.\n",
    );
    out.push_str(&format!(
        "-- live schema fingerprint: {}\n\n",
        up.live_fingerprint
    ));
    for (marker, plan) in [("-- migrate:up", up), ("-- migrate:down", down)] {
        out.push_str(marker);
        out.push('\n');
        for w in &plan.warnings {
            out.push_str(&format!("-- warning: {}\n", crate::alembic::one_line(w)));
        }
        if !plan.steps.is_empty() {
            out.push_str(&format!("{};\n\n", crate::ddl::set_search_path()));
        }
        for (i, st) in plan.steps.iter().enumerate() {
            out.push_str(&step_sql(i, st));
        }
        out.push('\n');
    }
    out
}

/// Refuses a plan with a step dbmate's transaction cannot hold.
fn check_transactional(plan: &Plan, section: &str) -> Result<(), PlanError> {
    match plan.steps.iter().position(|s| !s.transactional || s.before_transaction) {
        None => Ok(()),
        Some(i) => Err(PlanError::Unsupported(format!(
            "--format dbmate: dbmate runs migrate:{section} in one transaction, and step {} ({}) cannot run in one; plan without --online, or use --format sql or --format alembic",
            i + 1,
            crate::alembic::one_line(&plan.steps[i].sql)
        ))),
    }
}

/// `YYYYMMDDHHMMSS` in UTC for `secs` since the Unix epoch (dbmate's version format).
pub fn utc_version(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil: exact for the proleptic Gregorian calendar.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}{:02}{:02}{:02}",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}

fn version(args: &PlanArgs) -> Result<String, crate::Error> {
    match &args.revision {
        Some(v) if !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()) => Ok(v.clone()),
        Some(v) => Err(crate::Error::Other(format!(
            "--revision {v}: a dbmate version is digits only, e.g. 20261206120000"
        ))),
        None => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            Ok(utc_version(now))
        }
    }
}

/// Runs `pgdrift plan --format dbmate`: writes the migration into `--out DIR` (or stdout).
pub async fn run(args: &PlanArgs) -> Result<u8, crate::Error> {
    if args.alembic_dir.is_some() {
        return Err(crate::alembic::AlembicError::OnlyWithAlembic("--alembic-dir").into());
    }
    let version = version(args)?;
    let target = crate::app::target(&args.source.db).await?;
    let dev = crate::app::dev_server(args.source.dev_url.as_deref())?;
    let (schemas, opts) = (args.source.db.selection(), args.source.options());
    let declared = args.source.declared();
    let (cmp, kept) = compare_for(&declared, &target.url, dev.as_ref(), &schemas, &opts).await?;
    let changes = crate::squash::without_table(cmp.changes.clone(), SCHEMA_MIGRATIONS);
    let plan = plan_changes(&cmp, changes, &target.url, &kept, &schemas, &opts).await;
    drop_kept(kept).await;
    let plan = plan?;
    warn_missing_roles(&args.source, &cmp, &target.url).await?;
    if plan.steps.is_empty() {
        eprintln!("{} No migration written.", plan.nothing_to_do());
        return Ok(0);
    }
    let reverse = reverse_plan_without(&cmp, &opts, SCHEMA_MIGRATIONS)?;
    check_transactional(&plan, "up")?;
    check_transactional(&reverse, "down")?;
    let text = render_migration(&plan, &reverse);
    let Some(dir) = &args.out else {
        print!("{text}");
        return Ok(0);
    };
    let name = crate::alembic::slug(args.message.as_deref().unwrap_or(""), "pgdrift_plan");
    let path = dir.join(format!("{version}_{name}.sql"));
    let io = |path: &std::path::Path, source| crate::Error::Io {
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    std::fs::write(&path, text).map_err(|e| io(&path, e))?;
    eprintln!("wrote {}", path.display());
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Category;
    use crate::plan::{Hazard, Step};

    fn plan(sql: &[&str], transactional: bool) -> Plan {
        Plan {
            steps: sql
                .iter()
                .map(|s| Step {
                    sql: s.to_string(),
                    change: format!("change of {s}"),
                    category: Category::Column,
                    hazards: vec![Hazard::DataLoss],
                    transactional,
                    resume_index: None,
                    before_transaction: false,
                })
                .collect(),
            live_fingerprint: "f".into(),
            warnings: vec![],
            unsupported: 0,
        }
    }

    #[test]
    fn versions_are_utc_timestamps() {
        assert_eq!(utc_version(0), "19700101000000");
        assert_eq!(utc_version(951_782_400), "20000229000000");
        assert_eq!(utc_version(1_796_594_399), "20261206215959");
    }

    #[test]
    fn sections_hold_the_plan_and_its_reverse() {
        let text = render_migration(
            &plan(&["ALTER TABLE t ADD b int"], true),
            &plan(&["ALTER TABLE t DROP b"], true),
        );
        let (up, down) = text.split_once("-- migrate:down\n").expect("down section");
        assert!(up.contains("-- migrate:up\nSET search_path TO \"public\";\n\n-- change of ALTER TABLE t ADD b int\n"), "{up}");
        assert!(up.contains("ALTER TABLE t ADD b int;\n"));
        assert!(
            down.contains("-- [column] hazards: data_loss (step 1)\nALTER TABLE t DROP b;\n"),
            "{down}"
        );
    }

    #[test]
    fn steps_outside_a_transaction_are_refused() {
        let concurrent = plan(&["CREATE INDEX CONCURRENTLY i ON t (a)"], false);
        let e = check_transactional(&concurrent, "up").expect_err("refused");
        assert!(
            e.to_string().contains("step 1 (CREATE INDEX CONCURRENTLY"),
            "{e}"
        );
        assert!(check_transactional(&plan(&["SELECT 1"], true), "down").is_ok());
    }
}
