//! A document: one article file and what we know about it.

use super::DocId;
use crate::text::DocText;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How far the annotation of a document has got. Its command-line and export names
/// (`todo`, `in-progress`, `done`) come from the derive.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum DocStatus {
    /// Not started.
    #[default]
    Todo,
    /// Started, not finished.
    InProgress,
    /// Finished; exports can be limited to these.
    Done,
}

impl DocStatus {
    /// All statuses in workflow order.
    pub const ALL: &[DocStatus] = <Self as strum::VariantArray>::VARIANTS;

    /// The name used on the command line and in exports.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Parses the command-line name.
    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// The names, for a message: "todo, in-progress or done".
    pub fn choices() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|s| s.as_str()).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => names.join(""),
        }
    }
}

impl fmt::Display for DocStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DocStatus::Todo => "To do",
            DocStatus::InProgress => "In progress",
            DocStatus::Done => "Done",
        })
    }
}

/// One article of the project. The text itself lives in the article file; the project
/// keeps its hash and length so a changed file is noticed and its spans re-anchored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id, unique in the project.
    pub id: DocId,
    /// Path of the article file relative to the project file, with `/` separators.
    pub path: String,
    /// Headline.
    #[serde(default)]
    pub title: String,
    /// Who published it, e.g. "Press TV".
    #[serde(default)]
    pub outlet: String,
    /// Who wrote it (the byline), e.g. "Sarah Amin, Omar Haddad"; left out of the file
    /// when empty, so older projects stay byte-identical.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// Where it was published.
    #[serde(default)]
    pub url: String,
    /// Publication date.
    #[serde(default)]
    pub published: Option<NaiveDate>,
    /// Language as a BCP 47 tag, e.g. `en`.
    #[serde(default)]
    pub language: String,
    /// Annotation progress.
    #[serde(default)]
    pub status: DocStatus,
    /// SHA-256 (hex) of the decoded text the annotations were made on.
    pub sha256: String,
    /// Length of that text in chars.
    pub chars: usize,
    /// The saved web page the text was extracted from, when it came from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<super::SavedPage>,
}

impl Document {
    /// A document for `text` at `path` with no metadata yet (status to do). The hash and
    /// length are taken from the text, so they cannot disagree with it.
    pub fn new(id: DocId, path: impl Into<String>, text: &DocText) -> Self {
        Self {
            id,
            path: path.into(),
            title: String::new(),
            outlet: String::new(),
            author: String::new(),
            url: String::new(),
            published: None,
            language: String::new(),
            status: DocStatus::Todo,
            sha256: text.sha256(),
            chars: text.char_len(),
            page: None,
        }
    }
}

#[cfg(test)]
mod status_tests {
    use super::*;

    #[test]
    fn names_parse_back_and_are_listed_in_workflow_order() {
        let names: Vec<&str> = DocStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(names, ["todo", "in-progress", "done"]);
        for &s in DocStatus::ALL {
            assert_eq!(DocStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(DocStatus::parse("Done"), None, "names are exact");
        assert_eq!(DocStatus::choices(), "todo, in-progress or done");
    }
}
