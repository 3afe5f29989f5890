//! What a live schema holds that `Schema` does not model but a rebuilt database must keep:
//! the sequences behind identity columns.

use std::collections::BTreeMap;

use super::SquashError;
use crate::conn::describe_pg_error;
use crate::model::QualifiedName;

/// Facts of a live schema that `Schema` does not model but pg_dump shows, so a squash of a live
/// database must reproduce them: the sequences behind identity columns (their names survive
/// table renames; their options are the column's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    /// `(table, column)` -> the identity column's sequence.
    pub identity: BTreeMap<(QualifiedName, String), IdentitySequence>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentitySequence {
    pub name: QualifiedName,
    pub start: i64,
    pub increment: i64,
    pub min_value: i64,
    pub max_value: i64,
    pub cache: i64,
    pub cycle: bool,
}

impl IdentitySequence {
    /// The sequence options of `GENERATED ... AS IDENTITY (...)`.
    pub fn options(&self) -> String {
        format!(
            "SEQUENCE NAME {} START WITH {} INCREMENT BY {} MINVALUE {} MAXVALUE {} CACHE {}{}",
            self.name.sql(),
            self.start,
            self.increment,
            self.min_value,
            self.max_value,
            self.cache,
            if self.cycle { " CYCLE" } else { " NO CYCLE" }
        )
    }
}

const Q_IDENTITY: &str = "\
SELECT n.nspname::text, c.relname::text, a.attname::text, sn.nspname::text, s.relname::text,
  ps.seqstart, ps.seqincrement, ps.seqmin, ps.seqmax, ps.seqcache, ps.seqcycle
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_depend d ON d.refclassid = 'pg_class'::regclass AND d.refobjid = a.attrelid
  AND d.refobjsubid = a.attnum AND d.classid = 'pg_class'::regclass AND d.deptype = 'i'
JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
JOIN pg_namespace sn ON sn.oid = s.relnamespace
JOIN pg_sequence ps ON ps.seqrelid = s.oid
WHERE a.attidentity <> '' AND NOT a.attisdropped AND n.nspname = ANY($1)";

/// Reads [`Extras`] of the selected schemas (one catalog query, whatever the size).
pub async fn read_extras(
    client: &tokio_postgres::Client,
    schemas: &[String],
) -> Result<Extras, SquashError> {
    let q = |e: tokio_postgres::Error| SquashError::Query(describe_pg_error(&e, ""));
    let schemas: Vec<String> = schemas.to_vec();
    let mut extras = Extras::default();
    for row in client.query(Q_IDENTITY, &[&schemas]).await.map_err(q)? {
        let table = QualifiedName::new(
            row.try_get::<_, String>(0).map_err(q)?,
            row.try_get::<_, String>(1).map_err(q)?,
        );
        let column: String = row.try_get(2).map_err(q)?;
        let seq = IdentitySequence {
            name: QualifiedName::new(
                row.try_get::<_, String>(3).map_err(q)?,
                row.try_get::<_, String>(4).map_err(q)?,
            ),
            start: row.try_get(5).map_err(q)?,
            increment: row.try_get(6).map_err(q)?,
            min_value: row.try_get(7).map_err(q)?,
            max_value: row.try_get(8).map_err(q)?,
            cache: row.try_get(9).map_err(q)?,
            cycle: row.try_get(10).map_err(q)?,
        };
        extras.identity.insert((table, column), seq);
    }
    Ok(extras)
}

/// Differences in [`Extras`] between a source and its rebuild, one line each. Identity sequences
/// are compared only when the source recorded them (live sources).
pub fn extras_differences(source: &Extras, rebuilt: &Extras) -> Vec<String> {
    let mut out = Vec::new();
    if !source.identity.is_empty() {
        for ((t, c), seq) in &source.identity {
            match rebuilt.identity.get(&(t.clone(), c.clone())) {
                Some(r) if r == seq => {}
                Some(r) => out.push(format!(
                    "identity column {t}.{c}: sequence ({}) in the source but ({}) in the rebuilt database",
                    seq.options(),
                    r.options()
                )),
                None => out.push(format!(
                    "identity column {t}.{c}: no identity sequence in the rebuilt database"
                )),
            }
        }
    }
    out
}
