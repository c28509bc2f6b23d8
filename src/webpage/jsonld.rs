//! The schema.org article a page describes in its JSON-LD blocks
//! (`<script type="application/ld+json">`): the most trusted metadata a news page has,
//! since publishers write it for search engines from their own records.
//!
//! Read with `serde_json` over the blocks' text: a block may hold one node, an array of
//! nodes, or an `@graph`; authors and publishers may be strings, objects, arrays, or
//! `{"@id": …}` references to another node of the graph. A block that is not valid
//! JSON is skipped.

use serde_json::{Map, Value};

/// The schema.org types of a news or blog article, most specific first; a node of
/// one of these is the page's article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "ReportageNews",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "LiveBlogPosting",
    "BlogPosting",
    "Article",
    "Report",
    "SocialMediaPosting",
];

/// What a JSON-LD article node says; each field is empty when it does not say it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LdArticle {
    /// `headline`, else `name`.
    pub headline: String,
    /// `author`: the names, joined by ", ".
    pub author: String,
    /// `publisher`'s name.
    pub publisher: String,
    /// `datePublished`, as written.
    pub date_published: String,
    /// `url`, else `mainEntityOfPage` (its `@id`).
    pub url: String,
    /// `inLanguage`.
    pub language: String,
}

/// The article described by the first JSON-LD block that describes one, from the
/// blocks' texts in page order.
pub fn read_article<'a>(blocks: impl IntoIterator<Item = &'a str>) -> Option<LdArticle> {
    blocks.into_iter().find_map(|b| {
        let value: Value = serde_json::from_str(unwrap_block(b)).ok()?;
        let nodes = flatten(&value);
        let article = ARTICLE_TYPES
            .iter()
            .find_map(|t| nodes.iter().find(|n| has_type(n, t)))?;
        Some(describe(article, &nodes))
    })
}

/// The JSON of a block, without the HTML comment or CDATA wrapper old pages put
/// around scripts.
fn unwrap_block(b: &str) -> &str {
    let mut s = b.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
        ("<![CDATA[", "]]>"),
    ] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            s = inner.trim();
        }
    }
    s
}

/// Every node of a block: the top node(s) and the members of any `@graph`.
fn flatten(v: &Value) -> Vec<&Map<String, Value>> {
    let mut out = Vec::new();
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(m) => {
                out.push(m);
                if let Some(g) = m.get("@graph") {
                    stack.push(g);
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether the node's `@type` (a string or a list) is `t` (with or without the
/// `schema:` prefix).
fn has_type(node: &Map<String, Value>, t: &str) -> bool {
    let is = |v: &Value| {
        v.as_str()
            .is_some_and(|s| s.rsplit([':', '/']).next() == Some(t))
    };
    match node.get("@type") {
        Some(Value::Array(a)) => a.iter().any(is),
        Some(v) => is(v),
        None => false,
    }
}

/// The fields of an article node, references resolved among `nodes`.
fn describe(node: &Map<String, Value>, nodes: &[&Map<String, Value>]) -> LdArticle {
    let text = |key: &str| node.get(key).map(|v| plain(v, nodes)).unwrap_or_default();
    let headline = match text("headline") {
        h if h.is_empty() => text("name"),
        h => h,
    };
    let url = match text("url") {
        u if u.is_empty() => node
            .get("mainEntityOfPage")
            .map(|v| match v {
                Value::Object(m) => m
                    .get("@id")
                    .or_else(|| m.get("url"))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                v => plain(v, nodes),
            })
            .unwrap_or_default(),
        u => u,
    };
    LdArticle {
        headline,
        author: node
            .get("author")
            .map(|v| names(v, nodes))
            .unwrap_or_default(),
        publisher: node
            .get("publisher")
            .map(|v| names(v, nodes))
            .unwrap_or_default(),
        date_published: text("datePublished"),
        url,
        language: text("inLanguage"),
    }
}

/// The names in a person or organisation value: a string, a node with a `name`, a
/// reference to one, or a list of these, joined by ", ".
fn names(v: &Value, nodes: &[&Map<String, Value>]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    };
    match v {
        Value::Array(items) => items.iter().for_each(|i| push(plain(i, nodes))),
        v => push(plain(v, nodes)),
    }
    out.join(", ")
}

/// A value as one string: a string itself, a node's `name` (following an `@id`
/// reference to the node that has it), or a language node's `name`. Anything else is
/// empty.
fn plain(v: &Value, nodes: &[&Map<String, Value>]) -> String {
    match v {
        Value::String(s) => s.trim().to_owned(),
        Value::Object(m) => {
            if let Some(n) = m.get("name").and_then(Value::as_str) {
                return n.trim().to_owned();
            }
            let id = m.get("@id").and_then(Value::as_str);
            id.and_then(|id| {
                nodes.iter().find(|n| {
                    n.get("@id").and_then(Value::as_str) == Some(id) && n.contains_key("name")
                })
            })
            .and_then(|n| n.get("name").and_then(Value::as_str))
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
        }
        Value::Array(items) => items.first().map(|i| plain(i, nodes)).unwrap_or_default(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_news_article_gives_its_fields_with_authors_joined() {
        let block = r#"{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Crowds fill the square","name":"ignored",
            "author":[{"@type":"Person","name":"Sarah Amin"},{"name":"Omar Haddad"}],
            "publisher":{"@type":"Organization","name":"The Daily Ledger"},
            "datePublished":"2026-03-14T09:30:00+03:00","inLanguage":"en-GB",
            "mainEntityOfPage":{"@id":"https://ledger.example/a/1"}}"#;
        let a = read_article([block]).unwrap();
        assert_eq!(a.headline, "Crowds fill the square");
        assert_eq!(a.author, "Sarah Amin, Omar Haddad");
        assert_eq!(a.publisher, "The Daily Ledger");
        assert_eq!(a.date_published, "2026-03-14T09:30:00+03:00");
        assert_eq!(a.url, "https://ledger.example/a/1");
        assert_eq!(a.language, "en-GB");
    }

    #[test]
    fn a_graph_with_references_is_followed_and_bad_blocks_skipped() {
        let bad = "{ not json";
        let crumbs = r#"{"@type":"BreadcrumbList","name":"Home"}"#;
        let graph = r##"<!-- {"@graph":[
            {"@type":"WebPage","@id":"#page","name":"Page"},
            {"@type":["Article","NewsArticle"],"headline":"Graph headline",
             "author":{"@id":"#sara"},"publisher":"Wire Service"},
            {"@type":"Person","@id":"#sara","name":"Sara Lind"}]} -->"##;
        let a = read_article([bad, crumbs, graph]).unwrap();
        assert_eq!(a.headline, "Graph headline");
        assert_eq!(a.author, "Sara Lind");
        assert_eq!(a.publisher, "Wire Service");
    }

    #[test]
    fn a_page_without_an_article_node_has_none() {
        assert_eq!(
            read_article([r#"{"@type":"WebSite","name":"Ledger"}"#]),
            None
        );
        assert_eq!(read_article(std::iter::empty()), None);
    }
}
