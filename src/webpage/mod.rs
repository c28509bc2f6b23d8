//! Saved web pages as articles: the article's text and the page's metadata, from an
//! `.html` file a browser saved (File → Save Page As) or a crawler wrote.
//!
//! [`extract`] decodes the bytes by their declared charset ([`charset`]), parses the
//! page once (`dom_query`, html5ever's parser, which takes truncated and broken markup
//! as a browser does), reads the metadata ([`metadata`], [`jsonld`]) and then the main
//! text ([`article`]). [`add`] makes a document of it: the text is written once to the
//! project's `articles/` folder and annotated there, so a later extractor can never
//! move a span; the page is recorded by path and SHA-256. No egui here.
//!
//! Why these crates: `dom_smoothie` (MIT, pure Rust, released monthly) follows
//! readability.js closely and gives block-separated text (`TextMode::Formatted`); the
//! older ports (`readability`, `readability-rs`) sit on html5ever 0.26 and
//! markup5ever_rcdom and give no byline. Its tree is `dom_query`'s, whose CSS
//! selectors read the metadata from the same parse, where `scraper` would be a second
//! HTML tree; its own metadata (gjson over JSON-LD, `name` before `headline`, no
//! `@graph`, canonical link or `inLanguage`) is not used, only its body byline as the
//! last fallback for the author.

pub mod add;
pub mod article;
pub mod charset;
pub mod jsonld;
pub mod metadata;

pub use article::NoArticle;
pub use metadata::PageMeta;

use std::path::Path;

/// The largest page read: 64 MiB. Saved pages with inline images and scripts reach
/// tens of megabytes (these are taken, in seconds); a bigger file is not a news page.
pub const MAX_PAGE_BYTES: u64 = 64 << 20;

/// A saved page's article.
#[derive(Clone, Debug, PartialEq)]
pub struct WebPage {
    /// The article's text, as it is written to the project's `.txt`: the headline,
    /// then the body.
    pub text: String,
    /// The metadata for the document's details; the title is never empty when the
    /// text is not.
    pub meta: PageMeta,
    /// The name of the encoding the page was decoded from (`UTF-8`, `windows-1256`).
    pub encoding: &'static str,
}

/// Why a page gave no article.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    /// The page holds no article text.
    #[error(transparent)]
    NoArticle(#[from] NoArticle),
}

/// Whether a file is a saved web page, by its extension (`.html`, `.htm`, any case).
pub fn is_web_page(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// The article and metadata of a page's bytes.
pub fn extract(bytes: &[u8]) -> Result<WebPage, PageError> {
    let (html, encoding) = charset::decode_page(bytes);
    let doc = dom_query::Document::from(html);
    let mut meta = metadata::read(&doc);
    let article = article::extract(doc)?;
    if meta.author.is_empty()
        && let Some(byline) = &article.byline
    {
        meta.author = strip_by(byline);
    }
    let mut text = article.text;
    if meta.title.is_empty() {
        meta.title = crate::workspace::guess_title(&text);
    } else if !text.starts_with(&meta.title) {
        // Readability drops the headline from the body, but headlines carry claims
        // too: the text starts with it, as the project's other articles do.
        text = format!("{}\n\n{text}", meta.title);
    }
    Ok(WebPage {
        text,
        meta,
        encoding: encoding.name(),
    })
}

/// A byline without a leading "By " and trailing punctuation.
fn strip_by(byline: &str) -> String {
    let t = byline.trim();
    let t = match t.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("by ") => &t[3..],
        _ => t,
    };
    t.trim().trim_end_matches([',', '.', '|']).trim().to_owned()
}
