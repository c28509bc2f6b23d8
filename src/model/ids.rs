//! Typed identifiers, so a document id is never passed where an annotation id belongs.
//!
//! Ids are short strings in the project file. Annotation and link ids are random (48 bits
//! as 12 hex digits) rather than counters, so two annotators adding work to copies of the
//! same project do not mint the same id and their files can be merged through git.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as it is written in the project file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

string_id!(
    /// Identifies a document within a project; derived from the article's file name.
    DocId
);
string_id!(
    /// Identifies an annotation across the whole project.
    AnnotationId
);
string_id!(
    /// Identifies a link between two annotations.
    LinkId
);

fn random_hex() -> String {
    format!("{:012x}", fastrand::u64(..) & 0xffff_ffff_ffff)
}

impl AnnotationId {
    /// A fresh random id; see the module docs for why it is not a counter.
    pub fn random() -> Self {
        Self(random_hex())
    }
}

impl LinkId {
    /// A fresh random id.
    pub fn random() -> Self {
        Self(random_hex())
    }
}

impl DocId {
    /// A readable id from a file stem: lowercase ASCII letters, digits and dashes.
    ///
    /// Falls back to `doc` for names with nothing usable (for example all Arabic).
    pub fn slug(stem: &str) -> Self {
        let mut out = String::new();
        for c in stem.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        if out.is_empty() {
            out.push_str("doc");
        }
        Self(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_keeps_ascii_words() {
        assert_eq!(
            DocId::slug("Press TV – Rally (2020)").0,
            "press-tv-rally-2020"
        );
        assert_eq!(DocId::slug("العراق").0, "doc");
    }

    #[test]
    fn random_ids_are_twelve_hex_digits() {
        let id = AnnotationId::random();
        assert_eq!(id.0.len(), 12);
        assert!(id.0.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
