//! Saved web pages: the article's text and metadata extracted from pages with the
//! furniture a real news site has, from pages with less metadata, in a legacy charset,
//! and from pages that are no article at all.

use chrono::NaiveDate;
use sourcemark::webpage::{self, PageError, WebPage};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/webpages")
        .join(name)
}

fn page(name: &str) -> WebPage {
    let bytes = std::fs::read(fixture(name)).unwrap();
    webpage::extract(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn assert_has(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "{w:?} missing from:\n{text}");
    }
}

fn assert_lacks(text: &str, unwanted: &[&str]) {
    for w in unwanted {
        assert!(!text.contains(w), "{w:?} should not be in:\n{text}");
    }
}

#[test]
fn a_news_page_gives_its_article_without_the_furniture() {
    let p = page("ledger-news.html");
    println!("{}", p.text);
    assert_has(
        &p.text,
        &[
            "BASRA — Households in three districts",
            "more than 40,000 households",
            "“We have no choice but to share what clean water we have,” said Ali Kareem",
            "1,500 dinars, up from 750 dinars a month ago.",
        ],
    );
    // Paragraphs apart by a blank line, headings on their own lines.
    assert_has(
        &p.text,
        &[
            "past decade.\n\nThe directorate said",
            "\n\nTankers for hospitals\n\n",
            "\n\nUpstream releases\n\n",
        ],
    );
    assert_lacks(
        &p.text,
        &[
            "cookies",
            "Accept all",
            "Advertisement",
            "Holiday deals",
            "Cheap flights",
            "Subscribe today",
            "Search the Ledger",
            "Read more",
            "Turkey and Iraq resume talks",
            "Related stories",
            "Marsh Arabs",
            "desalination plant promised",
            "You won't believe",
            "Share on social media",
            "newsletter",
            "All rights reserved",
            "Privacy policy",
            "SCRIPT_TEXT_MUST_NOT_APPEAR",
            "MORE_SCRIPT",
            "dataLayer",
            "STYLE TEXT",
            "font-family",
            "NewsArticle",
            "<",
        ],
    );
    assert!(!p.text.contains("\n\n\n") && !p.text.ends_with('\n'), "{:?}", p.text);
    let m = &p.meta;
    assert_eq!(m.title, "Basra begins water rationing as the Shatt al-Arab runs salty");
    assert_eq!(m.outlet, "The Tigris Ledger");
    assert_eq!(m.author, "Noor Hashim, Daniel Okafor");
    assert_eq!(m.published, NaiveDate::from_ymd_opt(2026, 3, 14));
    assert_eq!(
        m.url,
        "https://www.tigrisledger.example/news/2026/03/14/basra-water-rationing"
    );
    assert_eq!(m.language, "en", "JSON-LD's inLanguage before <html lang>");
    assert_eq!(p.encoding, "UTF-8");
}
