//! Adding a saved web page to a project: the document its article becomes.
//!
//! Offsets count chars of the extracted text, so that text must never change under a
//! project, whatever a later extractor would make of the page. It is therefore written
//! once, as a `.txt` in the project's `articles/` folder (named after the document, a
//! name no file has yet), and the document is annotated on it like any article; the
//! page is recorded by its path and SHA-256 ([`SavedPage`]). A page whose bytes or
//! extracted text are already in the project is a duplicate and nothing is written.
//! A page that gives no article is refused and nothing is written either.

use super::{MAX_PAGE_BYTES, NoArticle, PageError};
use crate::model::{DocStatus, Document, SavedPage};
use crate::text::{self, DocText};
use crate::workspace::{AddError, Prepared, Workspace, outside_folder};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The folder of the project where extracted texts go.
pub const ARTICLES_DIR: &str = "articles";

/// Why a saved web page could not be added.
#[derive(Debug, thiserror::Error)]
pub enum PageAddError {
    /// The page holds no article.
    #[error("{}: {reason}; nothing was added", path.display())]
    NoArticle {
        /// The page.
        path: PathBuf,
        /// What was found instead.
        reason: NoArticle,
    },
    /// The extracted text could not be written.
    #[error("{}: cannot write the extracted text: {source}", path.display())]
    Write {
        /// The text file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// `articles/` leads out of the project's folder (a symbolic link), where no
    /// project file should make sourcemark write.
    #[error("{} resolves to {}, outside the project's folder; extracted texts are written only inside it", dir.display(), target.display())]
    ArticlesOutside {
        /// The project's `articles/`.
        dir: PathBuf,
        /// Where it leads.
        target: PathBuf,
    },
}

impl Workspace {
    /// Reads a saved web page and describes the document its article becomes, without
    /// changing anything: the text is extracted and checked, its file not yet written
    /// (see [`Workspace::write_page_text`]). A page already in the project (the same
    /// bytes, or the same extracted text) is a duplicate.
    pub fn prepare_page(&self, file: &Path) -> Result<Prepared, AddError> {
        let bytes = text::read_bytes_limited(file, MAX_PAGE_BYTES)?;
        let page_sha = sha256_bytes(&bytes);
        let same_page = self
            .project
            .documents
            .iter()
            .find(|d| d.page.as_ref().is_some_and(|p| p.sha256 == page_sha));
        if let Some(d) = same_page {
            return Ok(Prepared::Duplicate(d.id.clone()));
        }
        let page = super::extract(&bytes).map_err(|e| match e {
            PageError::NoArticle(reason) => PageAddError::NoArticle {
                path: file.to_owned(),
                reason,
            },
        })?;
        drop(bytes);
        let text = DocText::new(page.text);
        if text.char_len() == 0 {
            return Err(AddError::Empty(file.to_owned()));
        }
        let hash = text.sha256();
        if let Some(d) = self.project.documents.iter().find(|d| d.sha256 == hash) {
            return Ok(Prepared::Duplicate(d.id.clone()));
        }
        let dir = self.base_dir().join(ARTICLES_DIR);
        if let Some(target) = outside_folder(&self.base_dir(), &dir) {
            return Err(PageAddError::ArticlesOutside { dir, target }.into());
        }
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = self.project.fresh_doc_id(&stem);
        let name = self.free_text_name(&dir, id.as_str(), text.as_str());
        let meta = page.meta;
        let doc = Document {
            id,
            path: format!("{ARTICLES_DIR}/{name}"),
            title: meta.title,
            outlet: meta.outlet,
            author: meta.author,
            url: meta.url,
            published: meta.published,
            language: meta.language,
            status: DocStatus::Todo,
            sha256: hash,
            chars: text.char_len(),
            page: Some(SavedPage {
                path: self.relative_path(file),
                sha256: page_sha,
            }),
        };
        Ok(Prepared::New(doc, Arc::new(text)))
    }

    /// A file name in `dir` for a text: `STEM.txt`, else `STEM-2.txt` and on, the first
    /// that no document names and that is not on disk, or that holds exactly this text
    /// (left by an add that was undone).
    fn free_text_name(&self, dir: &Path, stem: &str, text: &str) -> String {
        let named = |n: &str| {
            let rel = format!("{ARTICLES_DIR}/{n}");
            self.project.documents.iter().any(|d| d.path == rel)
        };
        (1..)
            .map(|n| match n {
                1 => format!("{stem}.txt"),
                n => format!("{stem}-{n}.txt"),
            })
            .find(|name| {
                let path = dir.join(name);
                !named(name)
                    && (std::fs::symlink_metadata(&path).is_err()
                        || text::read_article(&path).is_ok_and(|t| t == text))
            })
            .unwrap_or_else(|| format!("{stem}.txt"))
    }

    /// Writes the extracted text of a document prepared from a saved web page to its
    /// file, unless that file already holds exactly this text. Does nothing for other
    /// documents. Returns whether a file was written.
    pub fn write_page_text(&self, doc: &Document, text: &DocText) -> Result<bool, AddError> {
        if doc.page.is_none() {
            return Ok(false);
        }
        let path = self.article_path(doc);
        if text::read_article(&path).is_ok_and(|t| t == text.as_str()) {
            return Ok(false);
        }
        let err = |source| PageAddError::Write {
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(err)?;
        }
        // Never over an existing file: the name was free when the page was prepared.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(err)?;
        let written = f
            .write_all(text.as_str().as_bytes())
            .and_then(|()| f.sync_all());
        if let Err(e) = written {
            drop(f);
            let _ = std::fs::remove_file(&path);
            return Err(err(e).into());
        }
        Ok(true)
    }
}

/// SHA-256 of bytes, as lowercase hex.
fn sha256_bytes(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        let _ = write!(out, "{b:02x}");
    }
    out
}
