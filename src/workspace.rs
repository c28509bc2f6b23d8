//! An open project: the project file plus the article texts it points to.
//!
//! Opening never fails because of an article: a missing or unreadable file leaves its
//! document flagged and its annotations untouched, and a changed file has its spans
//! re-anchored. Only a project file that cannot be read at all is an error.
//!
//! A project file names the files it reads, so a hostile one could name `/etc/passwd`
//! and have it exported. Article files outside the project's folder (an absolute path,
//! `..` past the folder, a symlink that leads out) are therefore read only when the
//! user agreed ([`Workspace::allow_outside`]); until then their documents are flagged
//! like missing ones, and their annotations kept.

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
    /// The article file is outside the project's folder and was not read, since the user
    /// has not agreed to that for this project.
    Outside {
        /// Document.
        doc: DocId,
        /// The file, with symlinks resolved.
        path: PathBuf,
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
            Notice::Outside { doc, path } => write!(
                f,
                "{doc}: article file {} is outside the project folder, so it was not read; its annotations are kept",
                path.display()
            ),
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
    /// Outside the project's folder (this path, symlinks resolved) and not read, since
    /// the user has not agreed to that.
    Outside(PathBuf),
}

impl Article {
    /// Why the text is not there, when it is not.
    pub fn unavailable_reason(&self) -> Option<String> {
        match self {
            Article::Loaded(_) => None,
            Article::Unavailable(m) => Some(m.clone()),
            Article::Outside(p) => Some(format!(
                "{} is outside the project folder and was not read",
                p.display()
            )),
        }
    }
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
    /// Whether article files outside the project's folder may be read.
    pub outside_allowed: bool,
}

/// The result of adding an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddOutcome {
    /// Added as a new document.
    Added(DocId),
    /// A document with the same text is already in the project.
    Duplicate(DocId),
}

/// An article file read and checked, not yet added. A document prepared from a saved
/// web page (`page` set) names a text file not yet written: whoever adds it first
/// calls [`Workspace::write_page_text`].
#[derive(Clone, Debug)]
// One lives for the moment a file is added; boxing the document would gain nothing.
#[allow(clippy::large_enum_variant)]
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
    /// A saved web page that gave no article, or whose text could not be written.
    #[error(transparent)]
    Page(#[from] crate::webpage::add::PageAddError),
}

impl Workspace {
    /// A new, empty project at `path` (not yet saved).
    pub fn create(path: &Path, name: &str) -> Self {
        Self {
            path: path.to_owned(),
            project: Project::new(name),
            articles: BTreeMap::new(),
            outside_allowed: false,
        }
    }

    /// Opens a project file and its articles, re-anchoring changed ones. Articles
    /// outside the project's folder are not read (see the module docs).
    pub fn open(path: &Path) -> Result<(Self, Vec<Notice>), StoreError> {
        Self::open_with(path, false)
    }

    /// [`Workspace::open`], reading articles outside the project's folder too when
    /// `outside_allowed` (the user said so: `--allow-outside`, or the window's question).
    pub fn open_with(
        path: &Path,
        outside_allowed: bool,
    ) -> Result<(Self, Vec<Notice>), StoreError> {
        let project = store::load(path)?;
        Ok(Self::from_project_with(path, project, outside_allowed))
    }

    /// Attaches article texts to a project already in memory (a recovered one, say).
    pub fn from_project(path: &Path, project: Project) -> (Self, Vec<Notice>) {
        Self::from_project_with(path, project, false)
    }

    /// [`Workspace::from_project`], with [`Workspace::outside_allowed`] set first.
    pub fn from_project_with(
        path: &Path,
        project: Project,
        outside_allowed: bool,
    ) -> (Self, Vec<Notice>) {
        let mut ws = Self {
            path: path.to_owned(),
            project,
            articles: BTreeMap::new(),
            outside_allowed,
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

    /// The folder the project's relative paths start from: that of the project file,
    /// or of the file a symlinked project file points to (where its articles are).
    pub fn base_dir(&self) -> PathBuf {
        folder_of(&self.path)
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

    /// The documents whose article files are outside the project's folder and were not
    /// read for that reason, with those files (symlinks resolved).
    pub fn outside_documents(&self) -> Vec<(DocId, PathBuf)> {
        self.project
            .documents
            .iter()
            .filter_map(|d| match self.articles.get(&d.id) {
                Some(Article::Outside(p)) => Some((d.id.clone(), p.clone())),
                _ => None,
            })
            .collect()
    }

    /// True when the document's article was not read for being outside the folder.
    pub fn is_outside(&self, doc: &DocId) -> bool {
        matches!(self.articles.get(doc), Some(Article::Outside(_)))
    }

    /// The user agreed to read article files outside the project's folder: reads the
    /// ones held back, re-anchoring as on open.
    pub fn allow_outside(&mut self) -> Vec<Notice> {
        self.outside_allowed = true;
        self.outside_documents()
            .iter()
            .filter_map(|(id, _)| self.load_article(id))
            .collect()
    }

    /// (Re)reads one article and re-anchors its annotations when the text changed.
    fn load_article(&mut self, id: &DocId) -> Option<Notice> {
        let doc = self.project.document(id)?.clone();
        let path = self.article_path(&doc);
        if !self.outside_allowed
            && let Some(real) = outside_folder(&self.base_dir(), &path)
        {
            self.articles
                .insert(id.clone(), Article::Outside(real.clone()));
            return Some(Notice::Outside {
                doc: id.clone(),
                path: real,
            });
        }
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
        path_from(&self.base_dir(), file)
    }

    /// Reads an article file and describes the document it would become, without
    /// changing anything: the window adds it as an undoable edit, the command line
    /// directly. An article whose text is already in the project is a duplicate.
    pub fn prepare_article(&self, file: &Path) -> Result<Prepared, AddError> {
        // A saved web page becomes the text extracted from it (see `webpage::add`).
        if crate::webpage::is_web_page(file) {
            return self.prepare_page(file);
        }
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
            author: String::new(),
            url: String::new(),
            published: None,
            language: String::new(),
            status: DocStatus::Todo,
            sha256: hash,
            chars: text.char_len(),
            page: None,
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
        self.write_page_text(&doc, &text)?;
        let id = doc.id.clone();
        let at = self.project.documents.partition_point(|d| d.id < id);
        self.project.documents.insert(at, doc);
        self.articles.insert(id.clone(), Article::Loaded(text));
        Ok(AddOutcome::Added(id))
    }

    /// Saves the project file atomically, under its lock.
    pub fn save(&self) -> Result<(), StoreError> {
        store::save(&self.path, &self.project)
    }

    /// Saves under a lock the caller took before reading the project, so that nobody
    /// else wrote the file in between (a read-modify-write, such as an import).
    pub fn save_locked(&self, lock: &store::ProjectLock) -> Result<(), StoreError> {
        store::save_locked(lock, &self.project, &mut |_| Ok(()))
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

/// `Some(file, symlinks resolved)` when `file` lies outside the folder `base`: an
/// absolute path elsewhere, `..` past the folder, or a symlink that leads out. A file
/// that does not exist is judged by its path alone.
pub fn outside_folder(base: &Path, file: &Path) -> Option<PathBuf> {
    // A bare `p.ron` has an empty parent, which is the working folder.
    let base = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    let base = std::fs::canonicalize(base).unwrap_or_else(|_| lexical(&absolute(base)));
    let real = std::fs::canonicalize(file).unwrap_or_else(|_| lexical(&absolute(file)));
    (!real.starts_with(&base)).then_some(real)
}

/// A document path relative to the folder `from`, rewritten to be right relative to
/// the folder of the project file `to` (what Save as writes): the same article file,
/// seen from there.
pub fn rebase_path(from: &Path, doc_path: &str, to: &Path) -> String {
    path_from(&folder_of(to), &from.join(doc_path))
}

/// The folder a project file's relative paths start from: its own, or that of the file
/// a symlinked project file points to.
fn folder_of(project_file: &Path) -> PathBuf {
    let real = store::resolve(project_file).unwrap_or_else(|_| project_file.to_owned());
    match real.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// `file` as a project stores it: relative to `base` with `/` separators, or absolute
/// when no relative path leads there (another drive).
fn path_from(base: &Path, file: &Path) -> String {
    let base = absolute(base);
    let file = absolute(file);
    let rel = relative_to(&file, &base).unwrap_or(file);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `p` with `.` and `..` folded away, without asking the file system; a `..` with no
/// name before it to fold stays.
fn lexical(p: &Path) -> PathBuf {
    use std::path::Component;
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
    out.iter().map(|c| c.as_os_str()).collect()
}

/// `p` made absolute against the working folder, or as it is when that fails.
pub(crate) fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_owned())
}

/// `path` relative to `base`, both absolute, going up with `..` where needed.
fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    let (path, base) = (lexical(path), lexical(base));
    let p: Vec<_> = path.components().collect();
    let b: Vec<_> = base.components().collect();
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
    fn outside_is_judged_from_the_working_folder_for_a_bare_project_name() {
        // A project named `p.ron` has an empty parent: that is the working folder, not
        // a prefix of every path.
        assert!(outside_folder(Path::new(""), Path::new("/etc/passwd")).is_some());
        assert!(outside_folder(Path::new(""), Path::new("../x.txt")).is_some());
        assert!(outside_folder(Path::new(""), Path::new("articles/x.txt")).is_none());
    }

    #[test]
    fn relative_paths_climb_with_dots() {
        let rel = relative_to(Path::new("/a/b/articles/x.txt"), Path::new("/a/b")).unwrap();
        assert_eq!(rel, PathBuf::from("articles/x.txt"));
        let rel = relative_to(Path::new("/a/seeds/x.txt"), Path::new("/a/b/p")).unwrap();
        assert_eq!(rel, PathBuf::from("../../seeds/x.txt"));
    }
}
