//! The composite type model: attributes in order, each a type and an optional collation.

use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A composite type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompositeType {
    /// Attribute order is part of the type (a row literal depends on it).
    #[serde(default)]
    pub attributes: IndexMap<String, Attribute>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `COMMENT ON COLUMN type.attribute`, by attribute name (kept apart from [`Attribute`], so
    /// a comment never reads as a changed attribute).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub attribute_comments: IndexMap<String, String>,
}

/// One attribute: `street: text`, or `{type: text, collation: "C"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribute {
    pub data_type: String,
    /// Only when it differs from the type's own.
    pub collation: Option<String>,
}

impl Attribute {
    /// `text COLLATE "C"`: what reports show.
    pub fn summary(&self) -> String {
        match &self.collation {
            Some(c) => format!("{} COLLATE {c}", self.data_type),
            None => self.data_type.clone(),
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttributeLong {
    #[serde(rename = "type")]
    data_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    collation: Option<String>,
}

impl Serialize for Attribute {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.collation {
            None => s.serialize_str(&self.data_type),
            Some(_) => AttributeLong {
                data_type: self.data_type.clone(),
                collation: self.collation.clone(),
            }
            .serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Attribute {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Attribute;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a type name (e.g. `text`) or a map with `type:` and `collation:`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Attribute, E> {
                Ok(Attribute {
                    data_type: v.to_string(),
                    collation: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Attribute, A::Error> {
                let long = AttributeLong::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Attribute {
                    data_type: long.data_type,
                    collation: long.collation,
                })
            }
        }
        d.deserialize_any(V)
    }
}
