//! The ids of a whole project against the rules of [`super::ids`]: what the loader refuses
//! (a bad document id) and where in the project file it is, so the refusal can name the
//! line.

use super::quote::quote;
use super::{DocId, IdError, Project};

/// A document whose id the loader refuses, with what a person should do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadDocumentId {
    /// The id as it is in the file.
    pub id: DocId,
    /// What is wrong with it.
    pub error: IdError,
    /// A valid id not used in the project, to suggest.
    pub suggestion: DocId,
    /// How many other documents have a bad id.
    pub others: usize,
}

impl BadDocumentId {
    /// The first document (in file order) whose id breaks the rule, if any.
    pub fn find(project: &Project) -> Option<Self> {
        let mut bad = project
            .documents
            .iter()
            .filter_map(|d| d.id.validate().err().map(|e| (&d.id, e)));
        let (id, error) = bad.next()?;
        Some(Self {
            id: id.clone(),
            error,
            suggestion: project.fresh_doc_id(id.as_str()),
            others: bad.count(),
        })
    }

    /// The message of the refusal: what is wrong, why it matters, what to do.
    pub fn message(&self) -> String {
        let others = match self.others {
            0 => String::new(),
            n => format!(
                " ({n} other document id(s) are not valid either; `sourcemark check` lists them)"
            ),
        };
        format!(
            "document id {} is not valid: {}. A document id is a name, not a path: exports \
             use it as a file name. Rename it, for example to {}, in its document and in the \
             `doc` of its annotations{others}",
            quote(self.id.as_str()),
            self.error,
            quote(self.suggestion.as_str()),
        )
    }

    /// The 1-based line and column of the id in the project text, found by searching for
    /// it as RON or a person would write it; the `documents` list, or the top of the file,
    /// when it is not found.
    pub fn locate(&self, text: &str) -> (usize, usize) {
        let id = self.id.as_str();
        let docs = text.find("documents").unwrap_or(0);
        let candidates = [
            ron::to_string(id).ok(),
            Some(format!("{id:?}")),
            Some(format!("\"{id}\"")),
        ];
        let at = candidates
            .iter()
            .flatten()
            .find_map(|q| text[docs..].find(q.as_str()).map(|i| docs + i))
            .unwrap_or(docs);
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let col = before
            .rfind('\n')
            .map_or(before, |nl| &before[nl + 1..])
            .chars()
            .count()
            + 1;
        (line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use crate::text::DocText;

    fn project(ids: &[&str]) -> Project {
        let mut p = Project::new("t");
        let t = DocText::new("x".to_owned());
        for id in ids {
            p.documents
                .push(Document::new(DocId::from(*id), "a.txt", &t));
        }
        p
    }

    #[test]
    fn finds_the_first_bad_id_and_counts_the_others() {
        assert_eq!(BadDocumentId::find(&project(&["a", "b"])), None);
        let bad = BadDocumentId::find(&project(&["ok", "../../PWNED", "a\nb", "c"])).unwrap();
        assert_eq!(bad.id.as_str(), "../../PWNED");
        assert_eq!(bad.error, IdError::Separator('/'));
        assert_eq!(bad.suggestion.as_str(), "pwned");
        assert_eq!(bad.others, 1);
        let m = bad.message();
        assert!(
            m.starts_with("document id \"../../PWNED\" is not valid: it contains '/'"),
            "{m}"
        );
        assert!(m.contains("Rename it, for example to \"pwned\""), "{m}");
        assert!(m.contains("1 other document id(s)"), "{m}");
    }

    #[test]
    fn locates_the_id_in_the_text() {
        let bad = BadDocumentId::find(&project(&["a\nb"])).unwrap();
        let text =
            "(\n  name: \"a\\nb\",\n  documents: [\n    (id: \"a\\nb\", path: \"x\"),\n  ],\n)";
        assert_eq!(bad.locate(text), (4, 10));
        assert_eq!(bad.locate("(documents: [])"), (1, 2));
        assert_eq!(bad.locate("()"), (1, 1));
    }
}
