//! A saved page's metadata: headline, outlet, author, date, address and language, for
//! the document's details.
//!
//! Sources in order of trust: the JSON-LD article ([`super::jsonld`]), then Open Graph
//! (`og:*`, `article:*`), then the other `<meta>` tags (`author`, `date`, Dublin Core,
//! Parse.ly), the canonical `<link>`, `<html lang>`, and last the `<title>` with the
//! site's name cut off. Each field takes the first source that has it.

use super::jsonld::{self, LdArticle};
use chrono::NaiveDate;
use dom_query::Document;
use std::collections::HashMap;

/// The longest value kept for a field: a hostile or broken page could put megabytes
/// in a `<meta>`; a headline or a byline is never this long.
const MAX_FIELD_CHARS: usize = 500;

/// What a page says about itself. Empty fields are unknown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageMeta {
    /// The headline (not the `<title>` with the site's suffix).
    pub title: String,
    /// The site or publisher, e.g. "The Daily Ledger".
    pub outlet: String,
    /// The byline: the authors' names joined by ", ".
    pub author: String,
    /// The publication date, as the page writes it (its own time zone's day).
    pub published: Option<NaiveDate>,
    /// The canonical address.
    pub url: String,
    /// The language, as a BCP 47 tag (`en`, `ar`, `en-GB`).
    pub language: String,
}

/// Reads the metadata of a parsed page (before any of it is removed).
pub fn read(doc: &Document) -> PageMeta {
    let blocks: Vec<String> = doc
        .select("script[type]")
        .iter()
        .filter(|s| {
            s.attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        })
        .map(|s| s.text().to_string())
        .collect();
    let ld = jsonld::read_article(blocks.iter().map(String::as_str));
    let metas = meta_tags(doc);
    let get = |keys: &[&str]| -> String {
        keys.iter()
            .find_map(|k| metas.get(*k).filter(|v| !v.is_empty()).cloned())
            .unwrap_or_default()
    };
    let ld = ld.unwrap_or_else(LdArticle::default);

    let outlet = first(&[
        &ld.publisher,
        &get(&["og:site_name"]),
        &get(&["application-name", "dc.publisher", "publisher"]),
    ]);
    let author = first(&[
        &ld.author,
        &not_a_url(&get(&["article:author"])),
        &get(&["author", "parsely-author", "dc.creator", "sailthru.author"]),
        &strip_by(&get(&["byl"])),
    ]);
    let published = [
        ld.date_published.clone(),
        get(&["article:published_time", "og:published_time"]),
        get(&[
            "datepublished",
            "date",
            "pubdate",
            "publish-date",
            "dc.date",
            "dc.date.issued",
            "parsely-pub-date",
            "sailthru.date",
        ]),
    ]
    .iter()
    .find_map(|d| parse_date(d));
    let url = first(&[
        &http_url(&ld.url),
        &http_url(&get(&["og:url"])),
        &http_url(&canonical_link(doc)),
        &http_url(&get(&["twitter:url"])),
    ]);
    let language = [
        ld.language.clone(),
        doc.select_single("html")
            .attr("lang")
            .map(|l| l.to_string())
            .unwrap_or_default(),
        get(&["content-language", "language", "dc.language"]),
        get(&["og:locale"]),
    ]
    .iter()
    .find_map(|l| language_tag(l))
    .unwrap_or_default();
    let title_tag = clean(&doc.select_single("title").text());
    let title = first(&[
        &ld.headline,
        &strip_site(&get(&["og:title"]), &outlet),
        &strip_site(
            &get(&["twitter:title", "dc.title", "parsely-title"]),
            &outlet,
        ),
        &strip_site_guessing(&title_tag, &outlet),
    ]);
    PageMeta {
        title: limit(&title),
        outlet: limit(&outlet),
        author: limit(&author),
        published,
        url: limit(&url),
        language,
    }
}

/// Every `<meta>` with content, by its `property`, `name`, `itemprop` or `http-equiv`
/// (lowercased); the first of each name wins.
fn meta_tags(doc: &Document) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for m in doc.select("meta").nodes() {
        let Some(content) = m.attr("content") else {
            continue;
        };
        let content = clean(&content);
        for key in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(k) = m.attr(key) {
                out.entry(k.trim().to_ascii_lowercase())
                    .or_insert_with(|| content.clone());
            }
        }
    }
    out
}

/// The `href` of `<link rel="canonical">`.
fn canonical_link(doc: &Document) -> String {
    doc.select("link[rel][href]")
        .nodes()
        .iter()
        .find(|l| {
            l.attr("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|l| l.attr("href"))
        .map(|h| h.trim().to_owned())
        .unwrap_or_default()
}

/// The first non-empty value.
fn first(values: &[&String]) -> String {
    values
        .iter()
        .find(|v| !v.trim().is_empty())
        .map(|v| clean(v))
        .unwrap_or_default()
}

/// Whitespace runs as one space, trimmed.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most [`MAX_FIELD_CHARS`] chars.
fn limit(s: &str) -> String {
    s.chars().take(MAX_FIELD_CHARS).collect()
}

/// The value unless it is an address (`article:author` is often the author's page).
fn not_a_url(s: &str) -> String {
    if s.starts_with("http://") || s.starts_with("https://") {
        String::new()
    } else {
        s.to_owned()
    }
}

/// An absolute http(s) address, else nothing.
fn http_url(s: &str) -> String {
    let s = s.trim();
    let ok = (s.starts_with("http://") || s.starts_with("https://"))
        && !s.chars().any(char::is_whitespace);
    if ok { s.to_owned() } else { String::new() }
}

/// A byline without its leading "By ".
fn strip_by(s: &str) -> String {
    let t = s.trim();
    match t.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("by ") => t[3..].trim().to_owned(),
        _ => t.to_owned(),
    }
}

/// The day a date or date-time string names, as written: `2026-03-14`,
/// `2026-03-14T09:30:00+03:00`, `2026-03-14 09:30`, or an RFC 2822 date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(day) = s.get(..10)
        && let Ok(d) = NaiveDate::parse_from_str(day, "%Y-%m-%d")
    {
        return Some(d);
    }
    chrono::DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|d| d.date_naive())
}

/// A BCP 47 tag from a language value (`en_US` is `en-US`), if it looks like one.
fn language_tag(s: &str) -> Option<String> {
    let t = s.trim().replace('_', "-");
    let ok = !t.is_empty()
        && t.len() <= 35
        && t.split('-')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && t.split('-')
            .next()
            .is_some_and(|p| p.chars().all(|c| c.is_ascii_alphabetic()));
    ok.then_some(t)
}

/// Separators between a headline and the site's name in a `<title>`.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ",
];

/// The title without the site's name (`outlet`) before or after a separator.
fn strip_site(title: &str, outlet: &str) -> String {
    let title = clean(title);
    if outlet.is_empty() {
        return title;
    }
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && tail.trim().eq_ignore_ascii_case(outlet)
        {
            return head.trim().to_owned();
        }
        if let Some((head, tail)) = title.split_once(sep)
            && head.trim().eq_ignore_ascii_case(outlet)
        {
            return tail.trim().to_owned();
        }
    }
    title
}

/// [`strip_site`], and when the site's name is not known: the part before the last
/// separator, when what follows it is short (up to four words, a site's name) and
/// what precedes it is a headline (more than three words).
fn strip_site_guessing(title: &str, outlet: &str) -> String {
    let stripped = strip_site(title, outlet);
    if stripped != clean(title) {
        return stripped;
    }
    for sep in SEPARATORS {
        if let Some((head, tail)) = stripped.rsplit_once(sep)
            && tail.split_whitespace().count() <= 4
            && head.split_whitespace().count() > 3
        {
            return head.trim().to_owned();
        }
    }
    stripped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(head: &str) -> PageMeta {
        read(&Document::from(format!(
            "<html><head>{head}</head><body></body></html>"
        )))
    }

    #[test]
    fn open_graph_fills_what_json_ld_does_not_say() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"From LD"}</script>
            <meta property="og:title" content="From OG">
            <meta property="og:site_name" content="Ledger">
            <meta property="article:published_time" content="2026-03-14T22:00:00-05:00">
            <meta property="article:author" content="https://ledger.example/staff/sa">
            <meta name="author" content="Sarah Amin">
            <meta property="og:url" content="https://ledger.example/a/1">
            <meta property="og:locale" content="en_US">"#,
        );
        assert_eq!(m.title, "From LD");
        assert_eq!(m.outlet, "Ledger");
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2026, 3, 14));
        assert_eq!(m.author, "Sarah Amin", "an author's address is not a name");
        assert_eq!(m.url, "https://ledger.example/a/1");
        assert_eq!(m.language, "en-US");
    }

    #[test]
    fn the_title_tag_loses_the_site_name() {
        let m = meta("<title>Flood waters recede in the delta towns - The River Post</title>");
        assert_eq!(m.title, "Flood waters recede in the delta towns");
        let m = meta(
            r#"<title>Ledger | Crowds fill the square</title><meta property="og:site_name" content="Ledger">"#,
        );
        assert_eq!(m.title, "Crowds fill the square");
        let m = meta("<title>Q&amp;A - Part 2</title>");
        assert_eq!(m.title, "Q&A - Part 2", "a short title is left whole");
    }

    #[test]
    fn dates_and_languages_are_read_leniently_and_refused_when_wrong() {
        assert_eq!(
            parse_date("2026-03-14"),
            NaiveDate::from_ymd_opt(2026, 3, 14)
        );
        assert_eq!(
            parse_date("Sat, 14 Mar 2026 09:30:00 +0300"),
            NaiveDate::from_ymd_opt(2026, 3, 14)
        );
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(language_tag("ar"), Some("ar".into()));
        assert_eq!(language_tag("en_GB"), Some("en-GB".into()));
        assert_eq!(language_tag("English (UK)"), None);
    }

    #[test]
    fn a_huge_meta_value_is_cut() {
        let long = "word ".repeat(10_000);
        let m = meta(&format!(r#"<meta name="author" content="{long}">"#));
        assert_eq!(m.author.chars().count(), MAX_FIELD_CHARS);
    }
}
