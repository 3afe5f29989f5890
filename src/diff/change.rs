//! The change types every stage speaks: category, severity, the object a change is about, and
//! the change itself.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::model::{QualifiedName, DEFAULT_SCHEMA};

/// Why an object differs. The CLI's `--category`, `--fail-on` and `--warn-on` take these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// A schema on one side only.
    Schema,
    /// A table on one side only.
    Table,
    /// A column on one side only (also: a declared column rename not yet applied).
    Column,
    /// Column type differs (other than time zone only).
    Type,
    /// The columns both sides have are in another order (object kind `table`).
    ColumnOrder,
    /// `timestamp` vs `timestamptz` (or `time` vs `timetz`), arrays included.
    Timezone,
    Default,
    Nullability,
    Identity,
    Generated,
    Collation,
    Index,
    /// Extended statistics (`CREATE STATISTICS`) and column statistics targets.
    Statistics,
    ForeignKey,
    /// Primary key, unique, check and exclusion constraints defined differently.
    Constraint,
    View,
    /// A function, procedure or aggregate defined differently (options, body, signature).
    Function,
    /// A trigger defined differently, or enabled/disabled differently.
    Trigger,
    /// A rewrite rule (`CREATE RULE`) defined differently, or enabled/disabled differently.
    Rule,
    Enum,
    /// A domain defined differently: base type, default, NOT NULL, collation or checks.
    Domain,
    /// A composite or range type defined differently (attributes, subtype, options).
    UserType,
    Sequence,
    Extension,
    Comment,
    /// Row-level security switched on or off, forced or not, and policies.
    Policy,
    /// Grants and revokes on tables, columns, views, sequences and schemas; default privileges.
    Privilege,
    /// The owner of a schema, table, view, sequence, routine or type (`--owners` only).
    Owner,
    /// `PARTITION BY`, a partition's parent and bound, table inheritance (`INHERITS`).
    Partition,
    /// `UNLOGGED` and storage parameters of tables (`WITH (fillfactor = …)`), column `STORAGE`
    /// and `COMPRESSION`; tablespaces, `REPLICA IDENTITY` (what the WAL records to name an old
    /// row) and `CLUSTER ON`: where and how a relation's rows are kept.
    Storage,
    /// Publications (logical replication): their tables, column lists, row filters, schemas
    /// and options.
    Publication,
    /// Foreign servers: their wrapper, type, version and options.
    ForeignServer,
    /// An object the model does not cover (a function, a trigger, a policy, ...): it cannot be
    /// compared in detail, planned or squashed, so it is never silently passed over.
    Unsupported,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 33] = [
        Category::Schema,
        Category::Table,
        Category::Column,
        Category::Type,
        Category::ColumnOrder,
        Category::Timezone,
        Category::Default,
        Category::Nullability,
        Category::Identity,
        Category::Generated,
        Category::Collation,
        Category::Index,
        Category::Statistics,
        Category::ForeignKey,
        Category::Constraint,
        Category::View,
        Category::Function,
        Category::Trigger,
        Category::Rule,
        Category::Enum,
        Category::Domain,
        Category::UserType,
        Category::Sequence,
        Category::Extension,
        Category::Comment,
        Category::Policy,
        Category::Privilege,
        Category::Owner,
        Category::Partition,
        Category::Storage,
        Category::Publication,
        Category::ForeignServer,
        Category::Unsupported,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Schema => "schema",
            Category::Table => "table",
            Category::Column => "column",
            Category::Type => "type",
            Category::ColumnOrder => "column_order",
            Category::Timezone => "timezone",
            Category::Default => "default",
            Category::Nullability => "nullability",
            Category::Identity => "identity",
            Category::Generated => "generated",
            Category::Collation => "collation",
            Category::Index => "index",
            Category::Statistics => "statistics",
            Category::ForeignKey => "foreign_key",
            Category::Constraint => "constraint",
            Category::View => "view",
            Category::Function => "function",
            Category::Trigger => "trigger",
            Category::Rule => "rule",
            Category::Enum => "enum",
            Category::Domain => "domain",
            Category::UserType => "user_type",
            Category::Sequence => "sequence",
            Category::Extension => "extension",
            Category::Comment => "comment",
            Category::Policy => "policy",
            Category::Privilege => "privilege",
            Category::Owner => "owner",
            Category::Partition => "partition",
            Category::Storage => "storage",
            Category::Publication => "publication",
            Category::ForeignServer => "foreign_server",
            Category::Unsupported => "unsupported",
        }
    }

    /// The category of an object on one side only: what kind of object it is.
    pub fn of_kind(kind: ObjectKind) -> Category {
        match kind {
            ObjectKind::Schema => Category::Schema,
            ObjectKind::Extension => Category::Extension,
            ObjectKind::Enum => Category::Enum,
            ObjectKind::Domain => Category::Domain,
            ObjectKind::CompositeType | ObjectKind::RangeType => Category::UserType,
            ObjectKind::Collation => Category::Collation,
            ObjectKind::Sequence => Category::Sequence,
            ObjectKind::Table => Category::Table,
            ObjectKind::Column => Category::Column,
            ObjectKind::PrimaryKey
            | ObjectKind::Unique
            | ObjectKind::Check
            | ObjectKind::Exclusion => Category::Constraint,
            ObjectKind::ForeignKey => Category::ForeignKey,
            ObjectKind::Index => Category::Index,
            ObjectKind::Statistics => Category::Statistics,
            ObjectKind::View | ObjectKind::MaterializedView => Category::View,
            ObjectKind::Function | ObjectKind::Procedure | ObjectKind::Aggregate => {
                Category::Function
            }
            ObjectKind::Trigger | ObjectKind::EventTrigger => Category::Trigger,
            ObjectKind::Rule => Category::Rule,
            ObjectKind::Policy => Category::Policy,
            ObjectKind::Privilege => Category::Privilege,
            ObjectKind::Owner => Category::Owner,
            ObjectKind::Publication => Category::Publication,
            ObjectKind::ForeignServer => Category::ForeignServer,
            ObjectKind::Unsupported(_) => Category::Unsupported,
        }
    }

    /// Parses a comma-separated list (`tz,type,fk`), as `--fail-on` takes it.
    pub fn parse_list(text: &str) -> Result<Vec<Category>, ParseCategoryError> {
        let mut out = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let c: Category = part.parse()?;
            if !out.contains(&c) {
                out.push(c);
            }
        }
        Ok(out)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown category name on the command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown drift category `{given}`{}; valid categories are: {}",
    category_hint(given),
    valid_category_names()
)]
pub struct ParseCategoryError {
    pub given: String,
}

/// ` (did you mean `foreign_key`?)` for a misspelled category or presence.
fn category_hint(given: &str) -> String {
    let names = Category::ALL.iter().map(|c| c.as_str());
    let presences = ["missing", "extra", "changed"];
    crate::suggest::did_you_mean(given, names.chain(presences))
}

fn valid_category_names() -> String {
    Category::ALL
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl FromStr for Category {
    type Err = ParseCategoryError;

    /// Accepts the snake_case names, `-` for `_`, any case, and the short aliases people type
    /// in CI files (`tz`, `fk`, `null`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase().replace('-', "_");
        let alias = match key.as_str() {
            "tz" | "time_zone" => Some(Category::Timezone),
            "fk" | "foreign_keys" | "fks" => Some(Category::ForeignKey),
            "null" | "nullable" | "not_null" => Some(Category::Nullability),
            "indexes" => Some(Category::Index),
            "stats" | "extended_statistics" => Some(Category::Statistics),
            "constraints" => Some(Category::Constraint),
            "views" => Some(Category::View),
            "enums" => Some(Category::Enum),
            "domains" => Some(Category::Domain),
            "types" | "user_types" | "composite" | "range" | "ranges" => Some(Category::UserType),
            "collations" => Some(Category::Collation),
            "sequences" => Some(Category::Sequence),
            "rules" => Some(Category::Rule),
            "extensions" => Some(Category::Extension),
            "comments" => Some(Category::Comment),
            "defaults" => Some(Category::Default),
            "policies" | "rls" => Some(Category::Policy),
            "privileges" | "grants" => Some(Category::Privilege),
            "owners" | "ownership" => Some(Category::Owner),
            "partitions" | "partitioning" | "inheritance" => Some(Category::Partition),
            "schemas" => Some(Category::Schema),
            "tables" => Some(Category::Table),
            "columns" => Some(Category::Column),
            "order" => Some(Category::ColumnOrder),
            _ => None,
        };
        alias
            .or_else(|| Category::ALL.iter().copied().find(|c| c.as_str() == key))
            .ok_or_else(|| ParseCategoryError {
                given: s.to_string(),
            })
    }
}

/// Whether a changed object is on one side only or on both sides, defined differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Declared but absent from the database (also: a declared rename not yet applied).
    Missing,
    /// Present in the database but not declared.
    Extra,
    /// On both sides, defined differently.
    Changed,
}

impl Presence {
    pub fn as_str(self) -> &'static str {
        match self {
            Presence::Missing => "missing",
            Presence::Extra => "extra",
            Presence::Changed => "changed",
        }
    }
}

impl fmt::Display for Presence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Breaks code or loses data.
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObjectKind {
    Schema,
    Extension,
    Enum,
    Domain,
    CompositeType,
    RangeType,
    /// A collation made with `CREATE COLLATION`.
    Collation,
    Sequence,
    Table,
    Column,
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
    Exclusion,
    Index,
    /// An extended statistics object; its `table` is the table it is on.
    Statistics,
    View,
    MaterializedView,
    Function,
    Procedure,
    Aggregate,
    /// A trigger; its `table` is the table or view it is on.
    Trigger,
    /// An event trigger (database-wide).
    EventTrigger,
    /// A publication (database-wide).
    Publication,
    /// A rewrite rule; its `table` is the table or view it is on.
    Rule,
    /// A foreign server (database-wide).
    ForeignServer,
    /// A row-level security policy of a table.
    Policy,
    /// The grants on one object (named `table users`, `column users.mail`, `schema s`, ...).
    Privilege,
    /// The owner of one object (named `table users`, `schema s`, `function f()`, ...).
    Owner,
    /// A kind the model does not cover, by its inventory id (`function`, `trigger`, ...).
    Unsupported(&'static str),
}

/// JSON spells the kind as [`ObjectKind::as_str`]: `primary_key`, `function`.
impl Serialize for ObjectKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl ObjectKind {
    /// The spelling JSON uses: `primary_key`, `materialized_view`.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Schema => "schema",
            ObjectKind::Extension => "extension",
            ObjectKind::Enum => "enum",
            ObjectKind::Domain => "domain",
            ObjectKind::CompositeType => "composite_type",
            ObjectKind::RangeType => "range_type",
            ObjectKind::Collation => "collation",
            ObjectKind::Sequence => "sequence",
            ObjectKind::Table => "table",
            ObjectKind::Column => "column",
            ObjectKind::PrimaryKey => "primary_key",
            ObjectKind::Unique => "unique",
            ObjectKind::Check => "check",
            ObjectKind::ForeignKey => "foreign_key",
            ObjectKind::Exclusion => "exclusion",
            ObjectKind::Index => "index",
            ObjectKind::Statistics => "statistics",
            ObjectKind::View => "view",
            ObjectKind::MaterializedView => "materialized_view",
            ObjectKind::Function => "function",
            ObjectKind::Procedure => "procedure",
            ObjectKind::Aggregate => "aggregate",
            ObjectKind::Trigger => "trigger",
            ObjectKind::EventTrigger => "event_trigger",
            ObjectKind::Publication => "publication",
            ObjectKind::Rule => "rule",
            ObjectKind::ForeignServer => "foreign_server",
            ObjectKind::Policy => "policy",
            ObjectKind::Privilege => "privilege",
            ObjectKind::Owner => "owner",
            ObjectKind::Unsupported(id) => id,
        }
    }

    /// The words used in human output: `primary key`, `materialized view`.
    pub fn as_words(self) -> &'static str {
        match self {
            ObjectKind::Schema => "schema",
            ObjectKind::Extension => "extension",
            ObjectKind::Enum => "enum",
            ObjectKind::Domain => "domain",
            ObjectKind::CompositeType => "composite type",
            ObjectKind::RangeType => "range type",
            ObjectKind::Collation => "collation",
            ObjectKind::Sequence => "sequence",
            ObjectKind::Table => "table",
            ObjectKind::Column => "column",
            ObjectKind::PrimaryKey => "primary key",
            ObjectKind::Unique => "unique constraint",
            ObjectKind::Check => "check constraint",
            ObjectKind::ForeignKey => "foreign key",
            ObjectKind::Exclusion => "exclusion constraint",
            ObjectKind::Index => "index",
            ObjectKind::Statistics => "statistics",
            ObjectKind::View => "view",
            ObjectKind::MaterializedView => "materialized view",
            ObjectKind::Function => "function",
            ObjectKind::Procedure => "procedure",
            ObjectKind::Aggregate => "aggregate",
            ObjectKind::Trigger => "trigger",
            ObjectKind::EventTrigger => "event trigger",
            ObjectKind::Publication => "publication",
            ObjectKind::Rule => "rule",
            ObjectKind::ForeignServer => "foreign server",
            ObjectKind::Policy => "policy",
            ObjectKind::Privilege => "privileges on",
            ObjectKind::Owner => "owner of",
            ObjectKind::Unsupported(id) => crate::inventory::kind_words(id),
        }
    }

    /// The `kind` an ignore rule uses for this object.
    pub fn ignore_kind(self) -> &'static str {
        match self {
            ObjectKind::Schema => "schema",
            ObjectKind::Extension => "extension",
            ObjectKind::Enum => "enum",
            ObjectKind::Domain => "domain",
            ObjectKind::CompositeType | ObjectKind::RangeType => "type",
            ObjectKind::Collation => "collation",
            ObjectKind::Sequence => "sequence",
            ObjectKind::Table => "table",
            ObjectKind::Column => "column",
            ObjectKind::PrimaryKey
            | ObjectKind::Unique
            | ObjectKind::Check
            | ObjectKind::ForeignKey
            | ObjectKind::Exclusion => "constraint",
            ObjectKind::Index => "index",
            ObjectKind::Statistics => "statistics",
            ObjectKind::View | ObjectKind::MaterializedView => "view",
            ObjectKind::Function => "function",
            ObjectKind::Procedure => "procedure",
            ObjectKind::Aggregate => "aggregate",
            ObjectKind::Trigger => "trigger",
            ObjectKind::EventTrigger => "event_trigger",
            ObjectKind::Publication => "publication",
            ObjectKind::Rule => "rule",
            ObjectKind::ForeignServer => "foreign_server",
            ObjectKind::Policy => "policy",
            ObjectKind::Privilege => "privilege",
            ObjectKind::Owner => "owner",
            ObjectKind::Unsupported(id) => id,
        }
    }

    fn is_member(self) -> bool {
        matches!(
            self,
            ObjectKind::Column
                | ObjectKind::PrimaryKey
                | ObjectKind::Unique
                | ObjectKind::Check
                | ObjectKind::ForeignKey
                | ObjectKind::Exclusion
                | ObjectKind::Index
                | ObjectKind::Statistics
                | ObjectKind::Policy
        )
    }
}

/// Which object a change is about, precise enough to find it in either [`Schema`].
///
/// - extensions: `name` is the extension name; `table`, `member` are `None`.
/// - enums, sequences, tables, views: `qualified` is the object's name; `name` is its display
///   spelling (which [`QualifiedName::parse`] reads back exactly).
/// - columns, constraints, indexes: `table` is the owning table or (materialized) view,
///   `member` the exact name inside it; `name` is `genes.symbol` for columns and the bare
///   constraint/index name otherwise (PostgreSQL names those per schema, not per table).
///
/// For a table declared with `renamed_from`, objects inside it carry the declared (new) table
/// name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ObjectRef {
    pub kind: ObjectKind,
    pub table: Option<QualifiedName>,
    pub name: String,
    pub member: Option<String>,
    #[serde(skip)]
    pub qualified: Option<QualifiedName>,
}

impl ObjectRef {
    pub fn extension(name: &str) -> Self {
        ObjectRef {
            kind: ObjectKind::Extension,
            table: None,
            name: name.to_string(),
            member: None,
            qualified: None,
        }
    }

    /// An enum, sequence, table, view or materialized view.
    pub fn top(kind: ObjectKind, name: &QualifiedName) -> Self {
        ObjectRef {
            kind,
            table: None,
            name: name.display_name(),
            member: None,
            qualified: Some(name.clone()),
        }
    }

    /// A column, constraint or index of `table`.
    pub fn member(kind: ObjectKind, table: &QualifiedName, member: &str) -> Self {
        let name = if kind == ObjectKind::Column {
            format!("{}.{}", table.display_name(), display_part(member))
        } else {
            display_part(member)
        };
        ObjectRef {
            kind,
            table: Some(table.clone()),
            name,
            member: Some(member.to_string()),
            qualified: None,
        }
    }
}

/// Spells a member name like [`QualifiedName::display_name`] spells its parts.
pub(crate) fn display_part(part: &str) -> String {
    QualifiedName::new(DEFAULT_SCHEMA, part).display_name()
}

impl ObjectRef {
    /// For people: `check constraint t_a_check on t`, `column genes.symbol`.
    pub fn describe(&self) -> String {
        match (&self.table, self.kind) {
            (Some(table), kind) if kind.is_member() && kind != ObjectKind::Column => {
                format!(
                    "{} {} on {}",
                    kind.as_words(),
                    self.name,
                    table.display_name()
                )
            }
            _ => format!("{} {}", self.kind.as_words(), self.name),
        }
    }
}

/// The stable, compact spelling `<kind> <name>` (`column genes.symbol`, `foreign_key ev_fkey`),
/// with the kind as in JSON. Test corpora and scripts match on it; people read [`ObjectRef::describe`].
impl fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.as_str(), self.name)
    }
}

/// One difference between the declared and the live schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What differs: the kind of object for one on one side only, else the aspect that differs.
    pub category: Category,
    /// On one side only, or on both and defined differently.
    pub presence: Presence,
    pub severity: Severity,
    pub object: ObjectRef,
    /// One human line: `type is bigint in the declaration but integer in the database`.
    pub summary: String,
    /// The declared side of what differs (a type, a default, a definition), if it exists.
    pub declared: Option<String>,
    /// The live side of what differs, if it exists.
    pub live: Option<String>,
    /// More lines: a unified diff of view bodies, a rename hint.
    pub detail: Option<String>,
    /// `old -> new` when a missing and an extra column look like a rename (a hint on both the
    /// missing and the extra change), or when a missing and an extra constraint or index have
    /// the same definition (one change). A hint only: the plan never renames on a guess.
    pub possible_rename: Option<String>,
    /// Set when the declaration says `renamed_from: <this>` and the database still has the old
    /// name: the plan renames instead of dropping and adding. The old member name for columns,
    /// constraints and indexes; the old table name (same schema) for tables.
    pub renamed_from: Option<String>,
    /// The live member a declared constraint or index is paired with under another name or
    /// kind (a possible rename; a unique constraint against a unique index): its kind and exact
    /// name. The plan drops it and adds the declared one.
    #[serde(skip)]
    pub live_member: Option<(ObjectKind, String)>,
}

impl Change {
    pub(crate) fn new(
        category: Category,
        severity: Severity,
        object: ObjectRef,
        summary: String,
    ) -> Self {
        Change {
            category,
            presence: Presence::Changed,
            severity,
            object,
            summary,
            declared: None,
            live: None,
            detail: None,
            possible_rename: None,
            renamed_from: None,
            live_member: None,
        }
    }

    /// An object on one side only: its category is its kind's ([`Category::of_kind`]).
    pub(crate) fn one_side(
        presence: Presence,
        severity: Severity,
        object: ObjectRef,
        summary: String,
    ) -> Self {
        let mut c = Change::new(Category::of_kind(object.kind), severity, object, summary);
        c.presence = presence;
        c
    }

    /// The compact line test corpora and scripts match: `<category> <kind> <name>`, with the
    /// presence after the category for an object on one side only
    /// (`foreign_key missing foreign_key ev_fkey`, `type column genes.id`).
    pub fn line(&self) -> String {
        match self.presence {
            Presence::Changed => format!("{} {}", self.category, self.object),
            p => format!("{} {p} {}", self.category, self.object),
        }
    }

    pub(crate) fn values(mut self, declared: Option<String>, live: Option<String>) -> Self {
        self.declared = declared;
        self.live = live;
        self
    }

    pub(crate) fn detail(mut self, detail: String) -> Self {
        self.detail = Some(detail);
        self
    }
}
