//! The extended statistics model.

use serde::{Deserialize, Serialize};

/// A kind of extended statistics (`stxkind`); `e` (expression statistics) is implied by an
/// expression among the columns and is not declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatisticsKind {
    Ndistinct,
    Dependencies,
    Mcv,
}

impl StatisticsKind {
    /// Every kind, in the order `CREATE STATISTICS` and `pg_get_statisticsobjdef` list them.
    pub const ALL: [StatisticsKind; 3] = [
        StatisticsKind::Ndistinct,
        StatisticsKind::Dependencies,
        StatisticsKind::Mcv,
    ];

    pub fn sql(self) -> &'static str {
        match self {
            StatisticsKind::Ndistinct => "ndistinct",
            StatisticsKind::Dependencies => "dependencies",
            StatisticsKind::Mcv => "mcv",
        }
    }

    /// From one `pg_statistic_ext.stxkind` letter; `None` for `e` (and anything unknown).
    pub fn from_catalog(code: &str) -> Option<Self> {
        match code {
            "d" => Some(StatisticsKind::Ndistinct),
            "f" => Some(StatisticsKind::Dependencies),
            "m" => Some(StatisticsKind::Mcv),
            _ => None,
        }
    }
}

/// A statistics object on a table. `columns` are SQL elements as `CREATE STATISTICS … ON`
/// takes them: a column (`city`, `"Zip Code"`) or an expression (`lower(city)`, `(a + b)`).
/// No `kinds` means every kind (what `CREATE STATISTICS` without a kind list builds).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statistics {
    pub columns: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<StatisticsKind>,
    /// The statistics object's schema when it is not its table's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// `ALTER STATISTICS … SET STATISTICS n`; `None` is the default (the columns' targets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

impl Statistics {
    /// The kinds in canonical form: sorted, no duplicates, and the full set as none (both
    /// mean "every kind"), so a declaration that lists all three equals one that lists none.
    pub fn canonical_kinds(kinds: &[StatisticsKind]) -> Vec<StatisticsKind> {
        let mut k = kinds.to_vec();
        k.sort();
        k.dedup();
        if k == StatisticsKind::ALL {
            k.clear();
        }
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_form_and_canonical_kinds() {
        let s: Statistics =
            serde_saphyr::from_str("{columns: [city, zip], kinds: [mcv, ndistinct], target: 50}")
                .unwrap();
        assert_eq!(s.kinds, [StatisticsKind::Mcv, StatisticsKind::Ndistinct]);
        assert_eq!(
            Statistics::canonical_kinds(&s.kinds),
            [StatisticsKind::Ndistinct, StatisticsKind::Mcv]
        );
        let all = [
            StatisticsKind::Mcv,
            StatisticsKind::Dependencies,
            StatisticsKind::Ndistinct,
        ];
        assert!(Statistics::canonical_kinds(&all).is_empty());
        let text = serde_saphyr::to_string(&s).unwrap();
        assert!(text.contains("target: 50"), "{text}");
        assert!(serde_saphyr::from_str::<Statistics>("{columns: [a], kind: [mcv]}").is_err());
    }
}
