//! After the diff: ignore rules, the category filter and the exit policy.

use std::str::FromStr;

use super::{Category, Change, ObjectKind, ObjectRef, ParseCategoryError, Presence};
use crate::model::IgnoreRule;

// ---------------------------------------------------------------------------------------------
// Filtering and exit policy.

/// `*` matches any run of characters (dots included), `?` exactly one.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // Iterative matcher with one backtrack point: linear enough for names.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

fn rule_kind_matches(rule_kind: &str, kind: ObjectKind) -> bool {
    let rk = rule_kind
        .trim()
        .to_ascii_lowercase()
        .replace(['-', ' '], "_");
    rk == "*"
        || rk == kind.ignore_kind()
        || (rk == "materialized_view" && kind == ObjectKind::MaterializedView)
        || (rk == "foreign_key" && kind == ObjectKind::ForeignKey)
}

/// The kinds an ignore rule on the command line may name: what [`ObjectKind::ignore_kind`] gives,
/// the extra spellings [`rule_kind_matches`] accepts, `role` (applied before comparing), `*`, and
/// the kinds the model does not cover (by their inventory id).
const IGNORE_KINDS: &[&str] = &[
    "*",
    "schema",
    "extension",
    "enum",
    "domain",
    "type",
    "collation",
    "sequence",
    "table",
    "column",
    "constraint",
    "foreign_key",
    "index",
    "view",
    "materialized_view",
    "function",
    "procedure",
    "aggregate",
    "trigger",
    "event_trigger",
    "publication",
    "rule",
    "foreign_server",
    "policy",
    "privilege",
    "owner",
    "role",
];

/// Refuses a kind no rule can match, naming the closest known one: `tabel` is a typo, and a
/// rule that hides nothing would pass silently.
pub fn check_ignore_kind(kind: &str) -> Result<(), String> {
    let k = kind.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    let unsupported = crate::inventory::known_kinds().map(|(id, _)| *id);
    if IGNORE_KINDS.contains(&k.as_str()) || unsupported.clone().any(|id| id == k) {
        return Ok(());
    }
    let mut known: Vec<&str> = IGNORE_KINDS.to_vec();
    for id in unsupported {
        if !known.contains(&id) {
            known.push(id);
        }
    }
    Err(format!(
        "unknown kind `{kind}`{}; use one of {}",
        crate::suggest::did_you_mean(&k, known.iter().copied()),
        known.join(", ")
    ))
}

/// Whether `rule` hides `obj`: same kind and the glob matches the display name, or a `table` /
/// `view` rule whose glob matches the object's owning relation.
pub fn rule_matches(rule: &IgnoreRule, obj: &ObjectRef) -> bool {
    if rule_kind_matches(&rule.kind, obj.kind) && glob_match(&rule.name, &obj.name) {
        return true;
    }
    let rk = rule.kind.trim();
    if let Some(owner) = &obj.table {
        if matches!(rk, "table" | "view" | "materialized_view" | "*")
            && glob_match(&rule.name, &owner.display_name())
        {
            return true;
        }
    }
    false
}

/// Splits `changes` into kept and ignored (with the first matching rule's reason).
pub fn apply_ignores(
    changes: Vec<Change>,
    rules: &[IgnoreRule],
) -> (Vec<Change>, Vec<(Change, String)>) {
    let mut kept = Vec::new();
    let mut ignored = Vec::new();
    for c in changes {
        match rules.iter().find(|r| rule_matches(r, &c.object)) {
            Some(r) => ignored.push((c, r.reason.clone())),
            None => kept.push(c),
        }
    }
    (kept, ignored)
}

/// What `--category`, `--fail-on` and `--warn-on` name: a category (`foreign_key`), or a
/// presence (`missing`, `extra`, `changed`) whatever the category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selector {
    Category(Category),
    Presence(Presence),
}

impl Selector {
    pub fn matches(self, c: &Change) -> bool {
        match self {
            Selector::Category(cat) => c.category == cat,
            Selector::Presence(p) => c.presence == p,
        }
    }
}

impl From<Category> for Selector {
    fn from(c: Category) -> Self {
        Selector::Category(c)
    }
}

impl FromStr for Selector {
    type Err = ParseCategoryError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "missing" => Ok(Selector::Presence(Presence::Missing)),
            "extra" => Ok(Selector::Presence(Presence::Extra)),
            "changed" => Ok(Selector::Presence(Presence::Changed)),
            _ => s.parse().map(Selector::Category),
        }
    }
}

/// Keeps only changes `selectors` match; an empty list keeps everything (no `--category`).
pub fn filter_categories(changes: Vec<Change>, selectors: &[Selector]) -> Vec<Change> {
    if selectors.is_empty() {
        return changes;
    }
    changes
        .into_iter()
        .filter(|c| selectors.iter().any(|s| s.matches(c)))
        .collect()
}

/// Which drift fails `check`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Only changes these select fail; `None` means every change fails.
    pub fail_on: Option<Vec<Selector>>,
    /// Changes these select are reported but never fail, even when `fail_on` selects them.
    pub warn_on: Vec<Selector>,
}

impl Policy {
    pub fn fails(&self, change: &Change) -> bool {
        if self.warn_on.iter().any(|s| s.matches(change)) {
            return false;
        }
        self.fail_on
            .as_ref()
            .is_none_or(|f| f.iter().any(|s| s.matches(change)))
    }
}

/// `0` when no change fails under `policy`, `1` otherwise. (`2`, errors, is the binary's.)
pub fn exit_code(changes: &[Change], policy: &Policy) -> i32 {
    if changes.iter().any(|c| policy.fails(c)) {
        1
    } else {
        0
    }
}

/// Everything `check` applies to the raw changes of one comparison: ignore rules (`--ignore`),
/// `--category` and the `--fail-on`/`--warn-on` policy.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    /// `--ignore` rules, applied after the declared schema's own `ignore:` rules.
    pub rules: Vec<IgnoreRule>,
    /// `--category`: keep only these (empty keeps everything).
    pub categories: Vec<Selector>,
    pub policy: Policy,
}

impl Verdict {
    /// The changes kept, how many ignore rules hid, and the exit code (0 or 1).
    pub fn apply(
        &self,
        changes: Vec<Change>,
        declared_rules: &[IgnoreRule],
    ) -> (Vec<Change>, usize, i32) {
        let mut rules = declared_rules.to_vec();
        rules.extend(self.rules.iter().cloned());
        let (kept, ignored) = apply_ignores(changes, &rules);
        let kept = filter_categories(kept, &self.categories);
        let code = exit_code(&kept, &self.policy);
        (kept, ignored.len(), code)
    }
}
