//! `sourcemark reuse` as a user drives it: the passages two articles share, as a table
//! and as JSON whose offsets are chars (Python's `text[start:end]`), and its exit codes.

use assert_cmd::cargo::cargo_bin_cmd;

/// The passage the two wire stories share, with non-ASCII chars before and inside it.
const SHARED: &str = "Sayed Sadiq al-Hashemi, the director of the Iraqi Center for Studies, \
     said more than 2.5\u{a0}million took part in the “demonstrations” on Friday";

fn sm() -> assert_cmd::Command {
    cargo_bin_cmd!("sourcemark")
}

/// `text[start:end]` in chars, as Python computes it.
fn chars(text: &str, start: u64, end: u64) -> String {
    let (s, e) = (start as usize, end as usize);
    text.chars().skip(s).take(e - s).collect()
}

/// A project of three articles: two share [`SHARED`] (one with "U.S." where the other
/// has "US"), the third shares nothing.
fn project() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let a = format!("Rally 👍🏽 in Baghdad — مليونية\n\nU.S. troops. {SHARED}. Nothing more.\n");
    let b = format!(
        "Iraqis march\n\nUS troops. {}! Crowds of men, women and children.\n",
        SHARED.replace(['“', '”'], "\"")
    );
    std::fs::write(dir.path().join("a.txt"), &a).unwrap();
    std::fs::write(dir.path().join("b.txt"), &b).unwrap();
    std::fs::write(
        dir.path().join("c.txt"),
        "Weather in Basra\n\nHot and dry, with a wind from the south all week.\n",
    )
    .unwrap();
    sm().current_dir(dir.path())
        .args(["new", "p.ron", "a.txt", "b.txt", "c.txt"])
        .assert()
        .success();
    (dir, a, b)
}

#[test]
fn reuse_json_gives_both_sides_in_chars() {
    let (dir, a, b) = project();
    let out = sm()
        .current_dir(dir.path())
        .args(["reuse", "p.ron", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let passages = v["passages"].as_array().unwrap();
    assert_eq!(passages.len(), 1, "{v:#}");
    let p = &passages[0];
    assert_eq!(p["a"]["doc"], "a");
    assert_eq!(p["b"]["doc"], "b");
    let side = |s: &serde_json::Value, text: &str| {
        chars(
            text,
            s["start"].as_u64().unwrap(),
            s["end"].as_u64().unwrap(),
        )
    };
    // "U.S. troops" / "US troops" before it is part of the passage too.
    assert_eq!(side(&p["a"], &a), format!("U.S. troops. {SHARED}"));
    assert!(side(&p["b"], &b).starts_with("US troops. Sayed"));
    assert!(side(&p["b"], &b).ends_with("\"demonstrations\" on Friday"));
    assert_eq!(p["words"], 26);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1 shared passage(s) of at least 12 words in 3 document(s)"),
        "{err}"
    );

    // Longer than the passage: none, and still one object.
    let out = sm()
        .current_dir(dir.path())
        .args(["reuse", "p.ron", "--json", "--min-words", "27"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v, serde_json::json!({ "passages": [] }));
}

#[test]
fn reuse_table_has_one_line_a_passage() {
    let (dir, a, _) = project();
    let out = sm()
        .current_dir(dir.path())
        .args(["reuse", "p.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    let start = a[..a.find("U.S. troops").unwrap()].chars().count();
    let end = start + format!("U.S. troops. {SHARED}").chars().count();
    assert!(
        lines[0].starts_with(&format!("a {start}..{end}  b ")),
        "{text}"
    );
    assert!(
        lines[0].contains("26 words  “U.S. troops. Sayed Sadiq"),
        "{text}"
    );
    assert!(lines[0].ends_with("…”"), "{text}");
}

#[test]
fn reuse_usage_and_io_errors_exit_2() {
    let (dir, _, _) = project();
    for args in [
        &["reuse", "p.ron", "--min-words", "0"][..],
        &["reuse", "p.ron", "--min-words", "many"],
        &["reuse", "missing.ron"],
        &["reuse"],
    ] {
        let out = sm().current_dir(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
