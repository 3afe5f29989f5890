//! Diff rules for extensions: missing, extra, and a different version or schema.
//!
//! Extensions are database-wide and named without a schema, so they pair by bare name and are
//! never renamed. A version is compared only when the declaration names one: most projects want
//! "installed", not "exactly 1.6".

use crate::diff::{
    comment_change, differs, extra, missing, opt, pair, Category, Change, ObjectRef, Severity,
};
use crate::model::{Extension, Schema, DEFAULT_SCHEMA};

/// The schema an extension lives in; an undeclared schema means `public`, as CREATE EXTENSION
/// would pick under pgdrift's `search_path`.
fn extension_schema(e: &Extension) -> &str {
    e.schema.as_deref().unwrap_or(DEFAULT_SCHEMA)
}

/// Appends the extension changes to `out`: declared extensions in declared order, then the ones
/// only the database has (the order `crate::diff::diff` documents).
pub(crate) fn diff_extensions(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (pairs, extras) = pair(&declared.extensions, &live.extensions, |_, _| None);
    for p in pairs {
        let obj = ObjectRef::extension(p.decl_key);
        let Some((_, l)) = p.live else {
            out.push(missing(obj, Severity::Error, p.decl.version.clone()));
            continue;
        };
        if let Some(v) = &p.decl.version {
            if l.version.as_ref() != Some(v) {
                let lv = opt(&l.version);
                out.push(
                    Change::new(
                        Category::Extension,
                        Severity::Warning,
                        obj.clone(),
                        differs("version", v, &lv),
                    )
                    .values(Some(v.clone()), l.version.clone()),
                );
            }
        }
        out.extend(comment_change(obj.clone(), &p.decl.comment, &l.comment));
        let (ds, ls) = (extension_schema(p.decl), extension_schema(l));
        if ds != ls {
            out.push(
                Change::new(
                    Category::Extension,
                    Severity::Warning,
                    obj,
                    differs("schema", ds, ls),
                )
                .values(Some(ds.to_string()), Some(ls.to_string())),
            );
        }
    }
    for (name, l) in extras {
        out.push(extra(
            ObjectRef::extension(name),
            Severity::Warning,
            l.version.clone(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::fixtures::*;
    use crate::diff::{diff, Category, Severity};
    use crate::model::{Extension, Schema};

    #[test]
    fn extensions_missing_extra_version_schema() {
        let mut a = Schema::default();
        a.extensions.insert(
            "pg_trgm".into(),
            Extension {
                schema: None,
                version: Some("1.6".into()),
                comment: None,
            },
        );
        let (m, x) = both(&a, &Schema::default());
        assert_eq!(
            summary(&m),
            vec![(
                Category::Extension,
                Severity::Error,
                "extension pg_trgm".into()
            )]
        );
        assert_eq!(
            summary(&x),
            vec![(
                Category::Extension,
                Severity::Warning,
                "extension pg_trgm".into()
            )]
        );

        let mut b = Schema::default();
        b.extensions.insert(
            "pg_trgm".into(),
            Extension {
                schema: Some("public".into()),
                version: Some("1.5".into()),
                comment: Some("trigrams".into()),
            },
        );
        let d = diff(&a, &b);
        assert_eq!(
            summary(&d),
            vec![
                (
                    Category::Extension,
                    Severity::Warning,
                    "extension pg_trgm".into()
                ),
                (
                    Category::Comment,
                    Severity::Warning,
                    "extension pg_trgm".into()
                )
            ]
        );
        assert_eq!(
            d[0].summary,
            "version is 1.6 in the declaration but 1.5 in the database"
        );
        // No declared version: the live version is not compared.
        a.extensions[0].version = None;
        a.extensions[0].comment = Some("trigrams".into());
        assert!(diff(&a, &b).is_empty());
        b.extensions[0].schema = Some("ext".into());
        assert_eq!(
            diff(&a, &b)[0].summary,
            "schema is public in the declaration but ext in the database"
        );
    }
}
