//! Saved web pages added from the command line (`new`, `add`): the article text is
//! written to `articles/`, the document gets the page's metadata and its source, the
//! same page again is skipped with the project file byte-identical, and a page that
//! gives no article adds nothing.

use assert_cmd::cargo::cargo_bin_cmd;
use chrono::NaiveDate;
use sourcemark::text::DocText;
use sourcemark::workspace::Workspace;
use std::path::{Path, PathBuf};

fn sm() -> assert_cmd::Command {
    cargo_bin_cmd!("sourcemark")
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/webpages")
        .join(name)
}

/// A project folder with the fixture pages copied into `saved/`.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("saved")).unwrap();
    for name in [
        "ledger-news.html",
        "og-only.html",
        "index-page.html",
        "arabic-windows-1256.html",
    ] {
        std::fs::copy(fixture(name), dir.path().join("saved").join(name)).unwrap();
    }
    dir
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn new_with_a_saved_page_writes_its_text_and_fills_the_details() {
    let dir = folder();
    let out = sm()
        .current_dir(dir.path())
        .args([
            "new",
            "p.ron",
            "saved/ledger-news.html",
            "saved/og-only.html",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("added saved/ledger-news.html as ledger-news (its article text is in articles/ledger-news.txt)"),
        "{stdout}"
    );
    assert_eq!(
        files_in(&dir.path().join("articles")),
        ["ledger-news.txt", "og-only.txt"]
    );

    let (ws, notices) = Workspace::open(&dir.path().join("p.ron")).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    let doc = ws
        .project
        .documents
        .iter()
        .find(|d| d.id.as_str() == "ledger-news")
        .unwrap();
    assert_eq!(doc.path, "articles/ledger-news.txt");
    assert_eq!(
        doc.title,
        "Basra begins water rationing as the Shatt al-Arab runs salty"
    );
    assert_eq!(doc.outlet, "The Tigris Ledger");
    assert_eq!(doc.author, "Noor Hashim, Daniel Okafor");
    assert_eq!(doc.published, NaiveDate::from_ymd_opt(2026, 3, 14));
    assert_eq!(doc.language, "en");
    assert!(
        doc.url
            .starts_with("https://www.tigrisledger.example/news/2026/03/14/")
    );
    let page = doc.page.as_ref().unwrap();
    assert_eq!(page.path, "saved/ledger-news.html");
    let bytes = std::fs::read(dir.path().join("saved/ledger-news.html")).unwrap();
    use sha2::Digest;
    let want: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(page.sha256, want);

    // The annotated text is the file written, and is the extracted article.
    let text = std::fs::read_to_string(dir.path().join("articles/ledger-news.txt")).unwrap();
    assert_eq!(ws.text(&doc.id).unwrap().as_str(), text);
    assert_eq!(DocText::new(text.clone()).sha256(), doc.sha256);
    assert!(text.contains("more than 40,000 households") && !text.contains("cookies"));

    // The project file names the page and the author.
    let ron = std::fs::read_to_string(dir.path().join("p.ron")).unwrap();
    assert!(
        ron.contains("author: \"Noor Hashim, Daniel Okafor\""),
        "{ron}"
    );
    assert!(
        ron.contains("page: Some((path: \"saved/ledger-news.html\""),
        "{ron}"
    );
}

#[test]
fn adding_the_same_page_again_is_skipped_and_the_project_file_is_untouched() {
    let dir = folder();
    sm().current_dir(dir.path())
        .args(["new", "p.ron", "saved/ledger-news.html"])
        .assert()
        .success();
    let before = std::fs::read(dir.path().join("p.ron")).unwrap();
    // The same page, and a copy of it under another name.
    std::fs::copy(
        dir.path().join("saved/ledger-news.html"),
        dir.path().join("saved/copy.htm"),
    )
    .unwrap();
    let out = sm()
        .current_dir(dir.path())
        .args(["add", "p.ron", "saved/ledger-news.html", "saved/copy.htm"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("skipped saved/ledger-news.html: this page (or its article text) is already in the project as document ledger-news"),
        "{stdout}"
    );
    assert!(stdout.contains("skipped saved/copy.htm"), "{stdout}");
    assert_eq!(std::fs::read(dir.path().join("p.ron")).unwrap(), before);
    assert_eq!(files_in(&dir.path().join("articles")), ["ledger-news.txt"]);
}

#[test]
fn a_page_with_no_article_adds_nothing_and_says_why() {
    let dir = folder();
    let out = sm()
        .current_dir(dir.path())
        .args([
            "new",
            "p.ron",
            "saved/ledger-news.html",
            "saved/index-page.html",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("saved/index-page.html") && stderr.contains("index page"),
        "{stderr}"
    );
    assert!(!dir.path().join("p.ron").exists());
    // The text of the page before it was removed again.
    assert_eq!(files_in(&dir.path().join("articles")), Vec::<String>::new());

    // `add` to an existing project: refused, the file byte-identical.
    sm().current_dir(dir.path())
        .args(["new", "p.ron", "saved/og-only.html"])
        .assert()
        .success();
    let before = std::fs::read(dir.path().join("p.ron")).unwrap();
    sm().current_dir(dir.path())
        .args(["add", "p.ron", "saved/index-page.html"])
        .assert()
        .code(2);
    assert_eq!(std::fs::read(dir.path().join("p.ron")).unwrap(), before);
    assert_eq!(files_in(&dir.path().join("articles")), ["og-only.txt"]);
}

#[test]
fn a_page_in_windows_1256_is_added_as_arabic_text() {
    let dir = folder();
    sm().current_dir(dir.path())
        .args(["new", "p.ron", "saved/arabic-windows-1256.html"])
        .assert()
        .success();
    let text =
        std::fs::read_to_string(dir.path().join("articles/arabic-windows-1256.txt")).unwrap();
    assert!(text.contains("أعلنت مديرية الماء في البصرة"), "{text}");
    let (ws, _) = Workspace::open(&dir.path().join("p.ron")).unwrap();
    let doc = &ws.project.documents[0];
    assert_eq!(
        (doc.language.as_str(), doc.outlet.as_str()),
        ("ar", "صحيفة الرافدين")
    );
}

#[test]
fn an_extracted_text_never_overwrites_a_file_of_the_same_name() {
    let dir = folder();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(
        dir.path().join("articles/og-only.txt"),
        "someone else's notes\n",
    )
    .unwrap();
    sm().current_dir(dir.path())
        .args(["new", "p.ron", "saved/og-only.html"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("articles/og-only.txt")).unwrap(),
        "someone else's notes\n"
    );
    let (ws, _) = Workspace::open(&dir.path().join("p.ron")).unwrap();
    assert_eq!(ws.project.documents[0].path, "articles/og-only-2.txt");
}

#[test]
fn a_page_larger_than_any_news_page_is_refused_before_it_is_read() {
    let dir = folder();
    let huge = dir.path().join("saved/huge.html");
    let f = std::fs::File::create(&huge).unwrap();
    // Sparse: the size says it all, nothing is read.
    f.set_len(sourcemark::webpage::MAX_PAGE_BYTES + 1).unwrap();
    let out = sm()
        .current_dir(dir.path())
        .args(["new", "p.ron", "saved/huge.html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("huge.html") && stderr.contains("more than"),
        "{stderr}"
    );
    assert!(!dir.path().join("p.ron").exists());
    assert!(!dir.path().join("articles").exists());
}
