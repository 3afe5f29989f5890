//! Load-time hints for type names that are slips rather than typos: other databases' names
//! (`datetime`, `varchar2`), a `serial` where only a plain integer type fits, and column clauses
//! (`bigserial primary key`) written into the type.

/// Other databases' and ORMs' names, and PostgreSQL's own slips, with what to write instead.
const FOREIGN_SPELLINGS: &[(&str, &str)] = &[
    (
        "timestamp with timezone",
        "`timestamptz` (or `timestamp with time zone`)",
    ),
    (
        "timestamp without timezone",
        "`timestamp` (or `timestamp without time zone`)",
    ),
    ("time with timezone", "`timetz` (or `time with time zone`)"),
    ("time without timezone", "`time`"),
    (
        "datetime",
        "`timestamptz` (or `timestamp` for a time of day without a zone)",
    ),
    ("tinyint", "`smallint`"),
    ("mediumint", "`integer`"),
    ("string", "`text`"),
    ("varchar2", "`varchar(n)`"),
    ("nvarchar", "`varchar(n)`"),
    ("tinytext", "`text`"),
    ("mediumtext", "`text`"),
    ("longtext", "`text`"),
    ("double", "`double precision` (or `float8`)"),
    ("blob", "`bytea`"),
    ("longblob", "`bytea`"),
    ("uniqueidentifier", "`uuid`"),
];

/// The words that make a column definition, not a type: they have keys of their own.
const CLAUSES: &[(&str, &str)] = &[
    (" primary key", "`primary_key:` of the table"),
    (" not null", "`nullable: false`"),
    (" null", "`nullable:`"),
    (" default ", "`default:`"),
    (" unique", "`unique:` of the table"),
    (" references ", "`foreign_keys:` of the table"),
];

/// What to write instead of `t`, when it is a known slip rather than a typo.
pub(super) fn instead(t: &str) -> Option<String> {
    let lower = super::collapse_ws(t).to_ascii_lowercase();
    let name = lower.split('(').next().unwrap_or("").trim();
    if let Some((_, with)) = FOREIGN_SPELLINGS.iter().find(|(k, _)| *k == name) {
        return Some(format!("`{t}` is not a PostgreSQL type; write {with}"));
    }
    if [
        "serial",
        "bigserial",
        "smallserial",
        "serial2",
        "serial4",
        "serial8",
    ]
    .contains(&name)
    {
        return Some(format!(
            "`{t}` is not a type: `serial` and its kin are only a column's own type (an integer column with its sequence), never an array or a domain's base; write `integer`, `bigint` or `smallint` here"
        ));
    }
    let padded = format!("{lower} ");
    CLAUSES
        .iter()
        .find(|(w, _)| padded.contains(w))
        .map(|(w, key)| {
            format!(
                "`{t}` is not a type: `{}` belongs under {key}, the type alone under `type:`",
                w.trim()
            )
        })
}
