//! The names PostgreSQL gives a partition's copies of its parent's indexes.
//!
//! The model holds a partitioned table's indexes, not each partition's copy: a rebuild creates
//! the copies and PostgreSQL names them (`ChooseIndexName` in indexcmds.c). A database whose
//! partitions' indexes were built first and attached (`ALTER INDEX ... ATTACH PARTITION`) may
//! name them otherwise, which the model cannot hold; the inventory reports those, and only
//! those, so a rebuild's own names are never reported. This module is PostgreSQL's naming,
//! rewritten: `makeObjectName` and `ChooseIndexNameAddition`.

/// NAMEDATALEN - 1: the longest identifier, in bytes.
const MAX_NAME: usize = 63;

/// What the index backs, which picks the label PostgreSQL appends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    PrimaryKey,
    Unique,
    Exclusion,
    Plain,
}

impl Label {
    /// From the inventory's spelling: `pkey`, `key`, `excl`, anything else a plain index.
    pub fn parse(text: &str) -> Label {
        match text {
            "pkey" => Label::PrimaryKey,
            "key" => Label::Unique,
            "excl" => Label::Exclusion,
            _ => Label::Plain,
        }
    }

    fn text(self) -> &'static str {
        match self {
            Label::PrimaryKey => "pkey",
            Label::Unique => "key",
            Label::Exclusion => "excl",
            Label::Plain => "idx",
        }
    }
}

/// Whether `name` is what PostgreSQL names the index on `table` with the index columns
/// `columns` (the index's own attribute names, INCLUDE columns too), allowing the number it
/// appends to the label when the first choice was taken (`t_a_idx1`).
pub fn is_default(name: &str, table: &str, columns: &[&str], label: Label) -> bool {
    let addition = (label != Label::PrimaryKey).then(|| addition(columns));
    let base = label.text();
    if make_object_name(table, addition.as_deref(), base) == name {
        return true;
    }
    // The numbered label's length changes the truncation, so each number is tried.
    (1..=999).any(|n| make_object_name(table, addition.as_deref(), &format!("{base}{n}")) == name)
}

/// `ChooseIndexNameAddition`: the column names joined by `_`, cut once past NAMEDATALEN.
fn addition(columns: &[&str]) -> String {
    let mut out = String::new();
    for c in columns {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(clip(c, MAX_NAME));
        if out.len() > MAX_NAME {
            break;
        }
    }
    out
}

/// `makeObjectName`: `name1_name2_label`, the longer of the two names shortened first so the
/// whole fits in 63 bytes, each cut at a character boundary.
fn make_object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let overhead = usize::from(name2.is_some()) + label.len() + 1;
    let avail = MAX_NAME.saturating_sub(overhead);
    let (mut n1, mut n2) = (name1.len(), name2.map_or(0, str::len));
    while n1 + n2 > avail {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let mut out = clip(name1, n1).to_string();
    if let Some(name2) = name2 {
        out.push('_');
        out.push_str(clip(name2, n2));
    }
    out.push('_');
    out.push_str(label);
    out
}

/// The longest prefix of `s` of at most `bytes` bytes that ends on a character boundary
/// (`pg_mbcliplen`).
fn clip(s: &str, bytes: usize) -> &str {
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_joined() {
        assert!(is_default("t1_v_idx", "t1", &["v"], Label::Plain));
        assert!(is_default("t1_v_idx1", "t1", &["v"], Label::Plain));
        assert!(is_default("t1_id_k_key", "t1", &["id", "k"], Label::Unique));
        assert!(is_default("t1_pkey", "t1", &["id"], Label::PrimaryKey));
        assert!(is_default("t1_p_excl", "t1", &["p"], Label::Exclusion));
        assert!(is_default(
            "t1 x_lower_idx",
            "t1 x",
            &["lower"],
            Label::Plain
        ));
        assert!(!is_default("t1 v", "t1", &["v"], Label::Plain));
        assert!(!is_default("t1_v_key", "t1", &["v"], Label::Plain));
        assert!(!is_default("t1_v_idx", "t2", &["v"], Label::Plain));
    }

    #[test]
    fn long_names_are_cut_as_postgresql_cuts_them() {
        // Each printed by PostgreSQL 15: `CREATE TABLE ... PARTITION OF`, then on the parent
        // `CREATE INDEX ON p (created_at_with_a_long_column_name, tenant_id)`, `(v)` twice,
        // `(lower(v::text), (v + 1))` and `ADD UNIQUE (v, id)`.
        let cases: [(&str, &[&str], Label); 5] = [
            (
                "_created_at_with_a_long_column_idx",
                &["created_at_with_a_long_column_name", "tenant_id"],
                Label::Plain,
            ),
            ("_lower_expr_idx", &["lower", "expr"], Label::Plain),
            ("_v_id_key", &["v", "id"], Label::Unique),
            ("_v_idx", &["v"], Label::Plain),
            ("_v_idx1", &["v"], Label::Plain),
        ];
        let printed = [
            "events_with_a_rather_long_par_created_at_with_a_long_column_idx",
            "events_with_a_rather_long_partition_name_2024_01_lower_expr_idx",
            "events_with_a_rather_long_partition_name_2024_01_v_id_key",
            "events_with_a_rather_long_partition_name_2024_01_v_idx",
            "events_with_a_rather_long_partition_name_2024_01_v_idx1",
        ];
        let table = "events_with_a_rather_long_partition_name_2024_01";
        for ((_, cols, label), name) in cases.iter().zip(printed) {
            assert!(is_default(name, table, cols, *label), "{name}");
        }
        // A 31-letter, 62-byte name: cut at a character boundary.
        let umlauts = "ä".repeat(31);
        let printed = [14, 24, 27, 28, 28];
        for ((suffix, cols, label), keep) in cases.iter().zip(printed) {
            let name = format!("{}{suffix}", "ä".repeat(keep));
            assert!(is_default(&name, &umlauts, cols, *label), "{name}");
        }
        let long = "x".repeat(70);
        let name = make_object_name(&long, None, "pkey");
        assert_eq!(name.len(), 63);
        assert!(name.ends_with("x_pkey"));
    }

    #[test]
    fn multibyte_names_are_cut_at_a_character_boundary() {
        let table = "ä".repeat(40); // 80 bytes
        let name = make_object_name(&table, Some("v"), "idx");
        assert!(name.len() <= 63, "{name}");
        assert!(name.ends_with("_v_idx"));
        assert!(name.starts_with('ä'));
    }
}
