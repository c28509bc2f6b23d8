//! The saved web page a document's text was extracted from.
//!
//! A document added from an `.html` file is annotated on the text extracted from it,
//! written once to the project's `articles/` folder: offsets then never depend on the
//! extractor's version. The page itself is only recorded, so the source stays
//! traceable and adding the same page twice is noticed.

use serde::{Deserialize, Serialize};

/// Where a document's text came from when it was extracted from a saved web page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPage {
    /// Path of the page relative to the project file, with `/` separators (as a
    /// document's own path is written).
    pub path: String,
    /// SHA-256 (hex) of the page's bytes as they were when it was added.
    pub sha256: String,
}
