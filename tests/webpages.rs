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
    assert!(
        !p.text.contains("\n\n\n") && !p.text.ends_with('\n'),
        "{:?}",
        p.text
    );
    let m = &p.meta;
    assert_eq!(
        m.title,
        "Basra begins water rationing as the Shatt al-Arab runs salty"
    );
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

#[test]
fn the_headline_opens_the_text() {
    let p = page("ledger-news.html");
    assert!(
        p.text.starts_with(
            "Basra begins water rationing as the Shatt al-Arab runs salty\n\nBASRA — Households"
        ),
        "{}",
        p.text
    );
}

#[test]
fn a_page_with_only_open_graph_fills_the_details_from_it() {
    let p = page("og-only.html");
    assert_has(
        &p.text,
        &[
            "Ferry service to Kharg resumes after storm\n\nPassenger ferries between Bushehr",
            "About 600 passengers",
            "broke its moorings overnight.",
        ],
    );
    assert_lacks(
        &p.text,
        &["Home", "Sport", "all rights reserved", "Gulf Coast Herald"],
    );
    let m = &p.meta;
    assert_eq!(m.title, "Ferry service to Kharg resumes after storm");
    assert_eq!(m.outlet, "Gulf Coast Herald");
    assert_eq!(m.author, "Leila Farahani");
    assert_eq!(m.published, NaiveDate::from_ymd_opt(2025, 11, 2));
    assert_eq!(m.url, "https://gulfcoastherald.example/2025/11/ferry");
    assert_eq!(m.language, "en-US");
}

#[test]
fn a_page_with_only_a_title_gets_it_without_the_site_name() {
    let p = page("title-only.html");
    assert_eq!(
        p.meta.title,
        "Notes from the reading room: the Basra census of 1957"
    );
    assert_eq!(
        (
            p.meta.outlet.as_str(),
            p.meta.author.as_str(),
            p.meta.url.as_str()
        ),
        ("", "", "")
    );
    assert_eq!((p.meta.published, p.meta.language.as_str()), (None, ""));
    assert_has(
        &p.text,
        &[
            "bound in green cloth",
            "column headed \"trade\"",
            "over the summer.",
        ],
    );
    assert_lacks(&p.text, &["Archive Diaries"]);
}

#[test]
fn a_page_in_a_declared_legacy_charset_is_decoded_by_it() {
    let bytes = std::fs::read(fixture("arabic-windows-1256.html")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture is not UTF-8"
    );
    let p = page("arabic-windows-1256.html");
    assert_eq!(p.encoding, "windows-1256");
    assert_has(
        &p.text,
        &["أعلنت مديرية الماء في البصرة", "أكثر من أربعين ألف أسرة"],
    );
    assert_lacks(&p.text, &["الرئيسية", "جميع الحقوق محفوظة", "\u{fffd}"]);
    assert_eq!(p.meta.title, "تقنين المياه في البصرة");
    assert_eq!(p.meta.outlet, "صحيفة الرافدين");
    assert_eq!(p.meta.language, "ar");
}

#[test]
fn an_index_page_is_no_article() {
    let bytes = std::fs::read(fixture("index-page.html")).unwrap();
    let e = webpage::extract(&bytes).unwrap_err();
    assert!(matches!(e, PageError::NoArticle(_)), "{e:?}");
    assert!(e.to_string().contains("index"), "{e}");
}

#[test]
fn pages_that_are_empty_binary_or_only_markup_are_refused_without_a_panic() {
    for bytes in [
        &b""[..],
        b"\x00\x01\x02\xff\xfe\x00garbage",
        b"<html><head><title>Just a title</title></head><body></body></html>",
        b"<<<<>>>></div></p><p><p><p>",
    ] {
        assert!(webpage::extract(bytes).is_err(), "{bytes:?}");
    }
}

#[test]
fn a_truncated_page_gives_the_article_up_to_the_cut() {
    let bytes = std::fs::read(fixture("ledger-news.html")).unwrap();
    let text = std::str::from_utf8(&bytes).unwrap();
    let cut = text.find("Hussein Jabbar").unwrap();
    // Cut inside the three bytes of the em dash too: the rest must still decode.
    let dash = text.find("BASRA —").unwrap() + "BASRA ".len() + 1;
    for at in [cut, dash + 200, bytes.len() - 300] {
        let p = webpage::extract(&bytes[..at]);
        if at == cut {
            let p = p.unwrap();
            assert_has(
                &p.text,
                &[
                    "BASRA",
                    "Tankers for hospitals",
                    "Farmers south of the city",
                ],
            );
            assert_lacks(&p.text, &["Upstream releases", "cookies"]);
        } else {
            assert!(p.is_ok(), "{at}: {p:?}");
        }
    }
    let mut broken = bytes[..dash].to_vec();
    broken.extend_from_slice(&bytes[dash + 1..]);
    let p = webpage::extract(&broken).unwrap();
    assert!(
        p.text.contains("BASRA \u{fffd}"),
        "a broken char is replaced, not fatal"
    );
}

/// A saved page of about 50 MB: the news page with a 30 MB inline image, 10 MB of inline
/// script and 10 MB of comment threads and link lists around the article.
fn huge_page() -> Vec<u8> {
    let base = std::fs::read_to_string(fixture("ledger-news.html")).unwrap();
    let image = format!(
        "<img src=\"data:image/jpeg;base64,{}\" alt=\"\">",
        "QUJDRA".repeat(5 << 20)
    );
    let script = format!("<script>var blob = \"{}\";</script>", "x".repeat(10 << 20));
    let comment = "<li class=\"comment\"><a href=\"/u/1\">reader</a> <p>I agree with this, the water has been bad for months in our street too.</p></li>";
    let comments = format!(
        "<section class=\"comments\"><ul>{}</ul></section>",
        comment.repeat((10 << 20) / comment.len())
    );
    let page = base
        .replacen(
            "<figure class=\"lead-image\">",
            &format!("{image}<figure class=\"lead-image\">"),
            1,
        )
        .replacen("</main>", &format!("{comments}</main>{script}"), 1);
    assert!(page.len() > 50_000_000, "{}", page.len());
    page.into_bytes()
}

#[test]
fn a_50_mb_page_gives_its_article_in_reasonable_time() {
    let bytes = huge_page();
    let t = std::time::Instant::now();
    let p = webpage::extract(&bytes).unwrap();
    let took = t.elapsed();
    eprintln!("50 MB page: {took:?}");
    assert_has(&p.text, &["BASRA — Households", "1,500 dinars"]);
    assert_lacks(&p.text, &["I agree with this", "QUJDRA", "blob"]);
    assert!(took.as_secs() < 60, "{took:?}");
}
