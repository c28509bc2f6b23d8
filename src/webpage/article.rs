//! The article's text in a saved page: the main text only, without the page's
//! furniture (navigation, cookie notices, adverts, related stories, footers, scripts
//! and styles), paragraphs apart by a blank line and headings on their own lines.
//!
//! The main text is found by `dom_smoothie` (a port of Mozilla's Readability, the
//! algorithm of Firefox's reader view). Before it runs, what is furniture by its
//! element or role (`nav`, `aside`, `footer`, forms, dialogs) or by a class or id that
//! names it (cookie/consent banners, ad slots, related stories, share tools,
//! newsletters) is removed, so it can neither be picked nor stay inside the article.

use dom_query::{Document, NodeRef, Selection};
use dom_smoothie::{Config, Readability, TextMode};

/// Fewer words than this is no article (a teaser, an error page, a paywall stub).
pub const MIN_WORDS: usize = 40;

/// Above this share of the text in links, the "article" is a list of links: an index
/// page.
const MAX_LINK_SHARE: f64 = 0.5;

/// Elements that are furniture whatever their content.
/// Not `form`: ASP.NET pages wrap the whole body in one.
const FURNITURE: &str = "script, style, noscript, template, svg, iframe, object, embed, \
    canvas, nav, aside, footer, button, dialog, select, \
    [role=navigation], [role=banner], [role=contentinfo], [role=complementary], \
    [role=dialog], [role=alertdialog], [aria-hidden=true], [hidden]";

/// Words in a class or id that mark furniture, matched against each of its
/// dash/underscore-separated parts ("cookie-consent", "ad_slot", "related-stories").
const FURNITURE_WORDS: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "adslot",
    "sponsored",
    "promo",
    "outbrain",
    "taboola",
    "related",
    "newsletter",
    "share",
    "sharing",
    "social",
    "subscribe",
    "paywall",
    "breadcrumb",
    "breadcrumbs",
];

/// The article in a page, as extracted.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleText {
    /// The text: blocks apart by a blank line, no trailing newline.
    pub text: String,
    /// A byline Readability found in the page's body ("By Noor Hashim"), if any.
    pub byline: Option<String>,
}

/// Why a page gave no article.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NoArticle {
    /// Nothing in the page reads as an article's text.
    #[error("no article text was found in it (is it an index or a front page?)")]
    NotFound,
    /// What was found is too short to be an article.
    #[error(
        "the longest text in it has {0} words, too few for an article (is it an index page or a paywall?)"
    )]
    TooShort(usize),
    /// What was found is mostly links.
    #[error("the text found in it is mostly links: it looks like an index page, not an article")]
    MostlyLinks,
}

/// Extracts the article from a parsed page (whose metadata has been read: this
/// removes scripts, JSON-LD included).
pub fn extract(doc: Document) -> Result<ArticleText, NoArticle> {
    remove_furniture(&doc);
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability =
        Readability::with_document(doc, None, Some(config)).map_err(|_| NoArticle::NotFound)?;
    let article = readability.parse().map_err(|_| NoArticle::NotFound)?;
    let text = tidy(&article.text_content);
    let words = text.split_whitespace().count();
    if words == 0 {
        return Err(NoArticle::NotFound);
    }
    if words < MIN_WORDS {
        return Err(NoArticle::TooShort(words));
    }
    if link_share(&article.content) > MAX_LINK_SHARE {
        return Err(NoArticle::MostlyLinks);
    }
    Ok(ArticleText {
        text,
        byline: article.byline.filter(|b| !b.trim().is_empty()),
    })
}

/// A marked element with at least this many words, under a third of them in links,
/// is kept all the same: it is prose, so more likely the article's wrapper (a
/// `<div class="story share-enabled">`) than a banner.
const MIN_PROSE_WORDS: usize = 150;

/// Removes the furniture (see the module docs) from the page.
fn remove_furniture(doc: &Document) {
    doc.select(FURNITURE).remove();
    let marked: Vec<NodeRef> = doc
        .select("[class], [id]")
        .nodes()
        .iter()
        .filter(|n| is_marked(n) && !is_prose(n))
        .copied()
        .collect();
    for n in marked {
        n.remove_from_parent();
    }
}

/// Whether an element holds prose rather than furniture (see [`MIN_PROSE_WORDS`]).
fn is_prose(n: &NodeRef) -> bool {
    let text = n.text();
    let words = text.split_whitespace().count();
    if words < MIN_PROSE_WORDS {
        return false;
    }
    let linked: usize = Selection::from(*n)
        .select("a")
        .iter()
        .map(|a| a.text().split_whitespace().count())
        .sum();
    linked * 3 < words
}

/// Whether a class or the id of `n` names furniture. `<body>`, `<html>` and
/// `<main>` are never removed: a page may class its body "article-page share-bar".
fn is_marked(n: &NodeRef) -> bool {
    if n.has_name("body") || n.has_name("html") || n.has_name("main") || n.has_name("article") {
        return false;
    }
    let names = [n.attr("class"), n.attr("id")];
    names.iter().flatten().any(|v| {
        v.split_ascii_whitespace().any(|token| {
            token
                .split(['-', '_'])
                .any(|part| FURNITURE_WORDS.iter().any(|w| part.eq_ignore_ascii_case(w)))
        })
    })
}

/// The text as the project keeps it: each line trimmed, runs of blank lines as one,
/// no blank line first or last, no byte-order mark or carriage return (which reading
/// the file back would drop and so change the text).
fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank = false;
    let unified;
    let raw = if raw.contains('\r') {
        unified = raw.replace("\r\n", "\n").replace('\r', "\n");
        unified.as_str()
    } else {
        raw
    };
    for line in raw.split('\n') {
        let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(line);
    }
    out
}

/// The share of the article's text (by chars, whitespace not counted) inside links.
fn link_share(content_html: &str) -> f64 {
    let doc = Document::fragment(content_html);
    let count = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let all = count(&doc.root().text());
    if all == 0 {
        return 0.0;
    }
    let linked: usize = doc.select("a").iter().map(|a| count(&a.text())).sum();
    linked as f64 / all as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_keeps_blocks_apart_by_one_blank_line() {
        assert_eq!(
            tidy("\n\n  Head \n\n\n\n Para one.\r\nline two\n\n"),
            "Head\n\nPara one.\nline two"
        );
    }

    #[test]
    fn classes_are_matched_by_whole_parts() {
        let doc = Document::from(
            r#"<div class="cookie-consent">GONE1</div><div class="adaptive">KEPT1</div>
               <div id="ad_top">GONE2</div><div class="shareholder-news">KEPT2</div>"#,
        );
        remove_furniture(&doc);
        let t = doc.root().text();
        assert!(t.contains("KEPT1") && t.contains("KEPT2"), "{t}");
        assert!(!t.contains("GONE"), "{t}");
    }

    #[test]
    fn a_marked_wrapper_of_prose_is_kept() {
        let prose = "The river fell again this week. ".repeat(40);
        let doc = Document::from(format!(
            r#"<div class="story share-enabled"><p>{prose}</p></div>
               <div class="related"><a href="/a">{prose}</a></div>"#
        ));
        remove_furniture(&doc);
        let t = doc.root().text();
        assert_eq!(
            t.matches("The river fell").count(),
            40,
            "the links went, the prose stayed"
        );
    }
}
