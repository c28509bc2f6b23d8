//! An open project: the project file plus the article texts it points to.
//!
//! Opening never fails because of an article: a missing or unreadable file leaves its
//! document flagged and its annotations untouched, and a changed file has its spans
//! re-anchored. Only a project file that cannot be read at all is an error.

use crate::anchor::{self, AnchorReport};
use crate::model::{DocId, DocStatus, Document, Project};
use crate::store::{self, StoreError};
use crate::text::{self, DocText, TextError};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Something a person should know about after opening a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The article file does not exist; the document and its annotations are kept.
    Missing {
        /// Document.
        doc: DocId,
        /// Absolute path looked for.
        path: PathBuf,
    },
    /// The article file exists but could not be read as text.
    Unreadable {
        /// Document.
        doc: DocId,
        /// Why.
        message: String,
    },
    /// The article changed since it was annotated, or spans did not cover their text;
    /// spans were re-anchored.
    Reanchored {
        /// Document.
        doc: DocId,
        /// What happened to its annotations.
        report: AnchorReport,
    },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::Missing { doc, path } => write!(
                f,
                "{doc}: article file {} is missing; its annotations are kept",
                path.display()
            ),
            Notice::Unreadable { doc, message } => write!(f, "{doc}: {message}"),
            Notice::Reanchored { doc, report } => {
                write!(
                    f,
                    "{doc}: the article text no longer matched the project (the file changed, or offsets were edited); {} span(s) found elsewhere, {} matched approximately",
                    report.moved, report.fuzzy
                )?;
                if !report.orphaned.is_empty() {
                    let ids: Vec<&str> = report.orphaned.iter().map(|i| i.as_str()).collect();
                    write!(
                        f,
                        ", {} could not be found and are kept as orphaned ({})",
                        ids.len(),
                        ids.join(", ")
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// The state of one document's article file.
#[derive(Clone, Debug)]
pub enum Article {
    /// Read and decoded.
    Loaded(Arc<DocText>),
    /// Not available; the message says why.
    Unavailable(String),
}

/// An open project.
#[derive(Clone, Debug)]
pub struct Workspace {
    /// The project file.
    pub path: PathBuf,
    /// The project data.
    pub project: Project,
    /// Article texts by document.
    pub articles: BTreeMap<DocId, Article>,
}

/// The result of adding an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddOutcome {
    /// Added as a new document.
    Added(DocId),
    /// A document with the same text is already in the project.
    Duplicate(DocId),
}

/// An article file read and checked, not yet added.
#[derive(Clone, Debug)]
pub enum Prepared {
    /// A document with the same text is already in the project.
    Duplicate(DocId),
    /// The document it becomes, with its text.
    New(Document, Arc<DocText>),
}

/// Why an article could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    /// It could not be read.
    #[error(transparent)]
    Text(#[from] TextError),
    /// It is empty, so there is nothing to annotate.
    #[error("{}: the file is empty", .0.display())]
    Empty(PathBuf),
}

impl Workspace {
    /// A new, empty project at `path` (not yet saved).
    pub fn create(path: &Path, name: &str) -> Self {
        Self {
            path: path.to_owned(),
            project: Project::new(name),
            articles: BTreeMap::new(),
        }
    }

    /// Opens a project file and its articles, re-anchoring changed ones.
    pub fn open(path: &Path) -> Result<(Self, Vec<Notice>), StoreError> {
        let project = store::load(path)?;
        Ok(Self::from_project(path, project))
    }

    /// Attaches article texts to a project already in memory (a recovered one, say).
    pub fn from_project(path: &Path, project: Project) -> (Self, Vec<Notice>) {
        let mut ws = Self {
            path: path.to_owned(),
            project,
            articles: BTreeMap::new(),
        };
        let mut notices = Vec::new();
        let ids: Vec<DocId> = ws.project.documents.iter().map(|d| d.id.clone()).collect();
        for id in ids {
            if let Some(n) = ws.load_article(&id) {
                notices.push(n);
            }
        }
        (ws, notices)
    }

    /// The folder the project's relative paths start from.
    pub fn base_dir(&self) -> PathBuf {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        }
    }

    /// The absolute (or working-directory relative) path of a document's article file.
    pub fn article_path(&self, doc: &Document) -> PathBuf {
        self.base_dir().join(&doc.path)
    }

    /// The text of a document, if it is loaded.
    pub fn text(&self, doc: &DocId) -> Option<&Arc<DocText>> {
        match self.articles.get(doc) {
            Some(Article::Loaded(t)) => Some(t),
            _ => None,
        }
    }

    /// (Re)reads one article and re-anchors its annotations when the text changed.
    fn load_article(&mut self, id: &DocId) -> Option<Notice> {
        let doc = self.project.document(id)?.clone();
        let path = self.article_path(&doc);
        let text = match text::read_article(&path) {
            Ok(t) => DocText::new(t),
            Err(TextError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                self.articles.insert(
                    id.clone(),
                    Article::Unavailable(format!("{} is missing", path.display())),
                );
                return Some(Notice::Missing {
                    doc: id.clone(),
                    path,
                });
            }
            Err(e) => {
                let message = e.to_string();
                self.articles
                    .insert(id.clone(), Article::Unavailable(message.clone()));
                return Some(Notice::Unreadable {
                    doc: id.clone(),
                    message,
                });
            }
        };
        let hash = text.sha256();
        let range = self.project.annotation_range(id);
        // Even with an unchanged hash, spans are checked: a hand-edited project file
        // may carry offsets that no longer cover their text.
        let report = anchor::reanchor(&text, self.project.annotations[range].iter_mut());
        let changed = hash != doc.sha256 || text.char_len() != doc.chars;
        if changed && let Some(i) = self.project.document_index(id) {
            self.project.documents[i].sha256 = hash;
            self.project.documents[i].chars = text.char_len();
        }
        if !report.is_clean() {
            self.project.normalize();
        }
        self.articles
            .insert(id.clone(), Article::Loaded(Arc::new(text)));
        (changed || !report.is_clean()).then(|| Notice::Reanchored {
            doc: id.clone(),
            report,
        })
    }

    /// Path of `file` relative to the project folder, with `/` separators; absolute when
    /// the file is on another root.
    pub fn relative_path(&self, file: &Path) -> String {
        let base = absolute(&self.base_dir());
        let file = absolute(file);
        let rel = relative_to(&file, &base).unwrap_or(file);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Reads an article file and describes the document it would become, without
    /// changing anything: the window adds it as an undoable edit, the command line
    /// directly. An article whose text is already in the project is a duplicate.
    pub fn prepare_article(&self, file: &Path) -> Result<Prepared, AddError> {
        let text = DocText::new(text::read_article(file)?);
        if text.char_len() == 0 {
            return Err(AddError::Empty(file.to_owned()));
        }
        let hash = text.sha256();
        if let Some(d) = self.project.documents.iter().find(|d| d.sha256 == hash) {
            return Ok(Prepared::Duplicate(d.id.clone()));
        }
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let doc = Document {
            id: self.project.fresh_doc_id(&stem),
            path: self.relative_path(file),
            title: guess_title(text.as_str()),
            outlet: String::new(),
            url: String::new(),
            published: None,
            language: String::new(),
            status: DocStatus::Todo,
            sha256: hash,
            chars: text.char_len(),
        };
        Ok(Prepared::New(doc, Arc::new(text)))
    }

    /// Adds an article file. An article whose text is already in the project is
    /// reported as a duplicate and not added.
    pub fn add_article(&mut self, file: &Path) -> Result<AddOutcome, AddError> {
        let (doc, text) = match self.prepare_article(file)? {
            Prepared::Duplicate(id) => return Ok(AddOutcome::Duplicate(id)),
            Prepared::New(doc, text) => (doc, text),
        };
        let id = doc.id.clone();
        let at = self.project.documents.partition_point(|d| d.id < id);
        self.project.documents.insert(at, doc);
        self.articles.insert(id.clone(), Article::Loaded(text));
        Ok(AddOutcome::Added(id))
    }

    /// Saves the project file atomically.
    pub fn save(&self) -> Result<(), StoreError> {
        store::save(&self.path, &self.project)
    }
}

/// The first non-empty line, without Markdown heading and emphasis marks, as a title.
pub fn guess_title(text: &str) -> String {
    let line = text
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches('#')
                .trim()
                .trim_matches('*')
                .trim()
        })
        .find(|l| !l.is_empty() && l.chars().any(char::is_alphanumeric))
        .unwrap_or("");
    line.chars().take(200).collect()
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_owned())
}

/// `path` relative to `base`, both absolute, going up with `..` where needed.
fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    use std::path::Component;
    fn norm(p: &Path) -> Vec<Component<'_>> {
        let mut out: Vec<Component<'_>> = Vec::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                    out.pop();
                }
                c => out.push(c),
            }
        }
        out
    }
    let (p, b) = (norm(path), norm(base));
    if p.first() != b.first() {
        return None;
    }
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &p[common..] {
        rel.push(c.as_os_str());
    }
    Some(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_skips_markdown_marks() {
        assert_eq!(
            guess_title("\n\n# *Millions of Iraqis march*\n---\nbody"),
            "Millions of Iraqis march"
        );
    }

    #[test]
    fn relative_paths_climb_with_dots() {
        let rel = relative_to(Path::new("/a/b/articles/x.txt"), Path::new("/a/b")).unwrap();
        assert_eq!(rel, PathBuf::from("articles/x.txt"));
        let rel = relative_to(Path::new("/a/seeds/x.txt"), Path::new("/a/b/p")).unwrap();
        assert_eq!(rel, PathBuf::from("../../seeds/x.txt"));
    }
}
