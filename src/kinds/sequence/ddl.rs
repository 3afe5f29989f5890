//! Sequence SQL: `CREATE`/`ALTER`/`DROP SEQUENCE` and `OWNED BY`.
//!
//! Conventions (quoting, no trailing semicolon, never `CASCADE`) are those of `crate::ddl`,
//! which re-exports everything here so callers keep using `ddl::create_sequence` and friends.

use crate::ddl::{split_dotted, Statement};
use crate::model::{quote_ident, QualifiedName, Schema, Sequence, DEFAULT_SCHEMA};

/// `CREATE SEQUENCE` without `OWNED BY` (the owning column does not exist yet when sequences are
/// created; see [`sequence_owned_by`]).
pub fn create_sequence(name: &QualifiedName, seq: &Sequence) -> String {
    let unlogged = if seq.unlogged { "UNLOGGED " } else { "" };
    let mut sql = format!(
        "CREATE {unlogged}SEQUENCE {} AS {}",
        name.sql(),
        seq.data_type
    );
    if seq.increment != 1 {
        sql.push_str(&format!(" INCREMENT BY {}", seq.increment));
    }
    if let Some(min) = seq.min_value {
        sql.push_str(&format!(" MINVALUE {min}"));
    }
    if let Some(max) = seq.max_value {
        sql.push_str(&format!(" MAXVALUE {max}"));
    }
    sql.push_str(&format!(" START WITH {}", seq.start));
    if seq.cache != 1 {
        sql.push_str(&format!(" CACHE {}", seq.cache));
    }
    if seq.cycle {
        sql.push_str(" CYCLE");
    }
    sql
}

/// Parses a sequence's `owned_by` (`table.column` or `schema.table.column`, quoted parts
/// allowed) into the table and the column.
pub fn parse_owned_by(text: &str) -> Result<(QualifiedName, String), String> {
    let parts = split_dotted(text)?;
    match parts.as_slice() {
        [table, column] => Ok((
            QualifiedName::new(DEFAULT_SCHEMA, table.clone()),
            column.clone(),
        )),
        [schema, table, column] => Ok((
            QualifiedName::new(schema.clone(), table.clone()),
            column.clone(),
        )),
        _ => Err(format!(
            "`{text}` should be `table.column` or `schema.table.column`"
        )),
    }
}

/// `ALTER SEQUENCE .. OWNED BY "s"."t"."c"`, or None when the sequence has no owner. An
/// `owned_by` that does not parse is inserted verbatim, so PostgreSQL reports it rather than the
/// ownership silently disappearing.
pub fn sequence_owned_by(name: &QualifiedName, seq: &Sequence) -> Option<String> {
    let owner = seq.owned_by.as_deref()?;
    let target = match parse_owned_by(owner) {
        Ok((table, column)) => format!("{}.{}", table.sql(), quote_ident(&column)),
        Err(_) => owner.to_string(),
    };
    Some(format!("ALTER SEQUENCE {} OWNED BY {}", name.sql(), target))
}

pub fn sequence_owned_by_none(name: &QualifiedName) -> String {
    format!("ALTER SEQUENCE {} OWNED BY NONE", name.sql())
}

/// `ALTER SEQUENCE s SET LOGGED|UNLOGGED` (PostgreSQL 15+).
pub fn set_sequence_persistence(name: &QualifiedName, unlogged: bool) -> String {
    let to = if unlogged { "UNLOGGED" } else { "LOGGED" };
    format!("ALTER SEQUENCE {} SET {to}", name.sql())
}

/// For a down script: `OWNED BY NONE` for each owned sequence that another table's column
/// default uses (`nextval('s'::regclass)`). Dropping the owner's table would drop it, which
/// PostgreSQL refuses while that default depends on it; released, it goes with the other
/// sequences after the tables.
pub fn release_shared(schema: &crate::model::Schema) -> Vec<String> {
    let mut out = Vec::new();
    for (name, seq) in &schema.sequences {
        let Some(Ok((owner, _))) = seq.owned_by.as_deref().map(parse_owned_by) else {
            continue;
        };
        let literal = format!("'{}'::regclass", name.type_spelling().replace('\'', "''"));
        let used_elsewhere = schema.tables.iter().any(|(t, table)| {
            *t != owner
                && table
                    .columns
                    .values()
                    .any(|c| c.default.as_deref().is_some_and(|d| d.contains(&literal)))
        });
        if used_elsewhere {
            out.push(sequence_owned_by_none(name));
        }
    }
    out
}

/// `ALTER SEQUENCE` restating every option of `seq` (ownership is separate: see
/// [`sequence_owned_by`] and [`sequence_owned_by_none`]).
pub fn alter_sequence(name: &QualifiedName, seq: &Sequence) -> String {
    let mut sql = format!(
        "ALTER SEQUENCE {} AS {} INCREMENT BY {}",
        name.sql(),
        seq.data_type,
        seq.increment
    );
    match seq.min_value {
        Some(min) => sql.push_str(&format!(" MINVALUE {min}")),
        None => sql.push_str(" NO MINVALUE"),
    }
    match seq.max_value {
        Some(max) => sql.push_str(&format!(" MAXVALUE {max}")),
        None => sql.push_str(" NO MAXVALUE"),
    }
    sql.push_str(&format!(" START WITH {} CACHE {}", seq.start, seq.cache));
    sql.push_str(if seq.cycle { " CYCLE" } else { " NO CYCLE" });
    sql
}

/// The values `seq` may take: its bounds, PostgreSQL's defaults for its type and direction
/// filled in.
pub fn value_range(seq: &Sequence) -> (i64, i64) {
    let (tmin, tmax) = crate::kinds::column::identity::type_range(&seq.data_type);
    let (dmin, dmax) = if seq.increment > 0 {
        (1, tmax)
    } else {
        (tmin, -1)
    };
    (seq.min_value.unwrap_or(dmin), seq.max_value.unwrap_or(dmax))
}

/// Whether no value of `live`'s range lies in `declared`'s: the counter, wherever it is, would
/// fall outside the new bounds, which `ALTER SEQUENCE` refuses unless it also restarts.
pub fn needs_restart(declared: &Sequence, live: &Sequence) -> bool {
    let ((dmin, dmax), (lmin, lmax)) = (value_range(declared), value_range(live));
    dmax < lmin || dmin > lmax
}

pub fn drop_sequence(name: &QualifiedName) -> String {
    format!("DROP SEQUENCE {}", name.sql())
}

/// The sequences' part of `ddl::create_script`, in model order: before the tables, whose
/// column defaults (`nextval(..)`) need them.
pub fn create_statements(schema: &Schema) -> Vec<Statement> {
    schema
        .sequences
        .iter()
        .map(|(name, seq)| Statement::new(create_sequence(name, seq), format!("sequence {name}")))
        .collect()
}

/// `OWNED BY` for every owned sequence, in model order: a second pass of `ddl::create_script`
/// because the owning column exists only once the tables are created.
pub fn owned_by_statements(schema: &Schema) -> Vec<Statement> {
    schema
        .sequences
        .iter()
        .filter_map(|(name, seq)| {
            sequence_owned_by(name, seq).map(|sql| Statement::new(sql, format!("sequence {name}")))
        })
        .collect()
}

/// `COMMENT ON SEQUENCE name IS '...'` (or `IS NULL` to remove it).
pub fn comment_on_sequence(name: &QualifiedName, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON SEQUENCE {} IS {}",
        name.sql(),
        crate::ddl::comment_literal(comment)
    )
}

/// The sequences' comments, in model order, for the comments part of `ddl::create_script`.
pub fn comment_statements(schema: &Schema) -> Vec<Statement> {
    schema
        .sequences
        .iter()
        .filter_map(|(name, seq)| {
            let sql = comment_on_sequence(name, Some(seq.comment.as_deref()?));
            Some(Statement::new(sql, format!("comment on sequence {name}")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Table};

    #[test]
    fn a_sequence_another_tables_default_uses_is_released() {
        let q = |n: &str| QualifiedName::new(DEFAULT_SCHEMA, n);
        let mut schema = Schema::default();
        for (seq, owner) in [("shared_seq", "c.id"), ("own_seq", "b.id")] {
            let s = Sequence {
                owned_by: Some(owner.into()),
                ..Sequence::default()
            };
            schema.sequences.insert(q(seq), s);
        }
        for (t, seq) in [("b", "shared_seq"), ("c", "shared_seq"), ("d", "own_seq")] {
            let mut col = Column::of_type("bigint");
            col.default = Some(format!("nextval('{seq}'::regclass)"));
            let mut table = Table::default();
            table.columns.insert("id".into(), col);
            schema.tables.insert(q(t), table);
        }
        assert_eq!(
            release_shared(&schema),
            [
                "ALTER SEQUENCE \"public\".\"shared_seq\" OWNED BY NONE",
                "ALTER SEQUENCE \"public\".\"own_seq\" OWNED BY NONE"
            ]
        );
        schema.tables.shift_remove(&q("d"));
        schema.tables.shift_remove(&q("b"));
        assert!(release_shared(&schema).is_empty());
    }
}
