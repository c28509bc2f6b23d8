//! A project file from someone else names the files it reads. Article paths outside the
//! project's folder (absolute, `..` past it, a symlink leading out) are not read
//! without `--allow-outside`; devices, FIFOs and folders are refused with a message
//! instead of hanging or filling memory. A symlinked project file stays a link.
#![cfg(unix)]

use assert_cmd::cargo::cargo_bin_cmd;
use sourcemark::model::{DocId, Document};
use sourcemark::store;
use sourcemark::text::DocText;
use sourcemark::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::time::Duration;

const SECRET: &str = "TOP-SECRET: the contents of a file outside the project\n";

fn sm() -> assert_cmd::Command {
    let mut c = cargo_bin_cmd!("sourcemark");
    // A FIFO or a device must never make a command hang.
    c.timeout(Duration::from_secs(60));
    c
}

fn out(o: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A project in `root/project` whose documents name the given paths.
fn project(root: &Path, docs: &[(&str, &str)]) -> PathBuf {
    let dir = root.join("project");
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::write(dir.join("articles/fine.txt"), "An ordinary article.\n").unwrap();
    let path = dir.join("p.ron");
    let mut ws = Workspace::create(&path, "hostile");
    ws.add_article(&dir.join("articles/fine.txt")).unwrap();
    let stand_in = DocText::new(SECRET.to_owned());
    for (id, p) in docs {
        ws.project
            .documents
            .push(Document::new(DocId::from(*id), *p, &stand_in));
    }
    ws.project.normalize();
    ws.save().unwrap();
    path
}

#[test]
fn paths_outside_the_folder_are_listed_and_never_exported_without_consent() {
    let root = tempfile::tempdir().unwrap();
    let secret = root.path().join("secret.txt");
    std::fs::write(&secret, SECRET).unwrap();
    let abs = secret.to_string_lossy().into_owned();
    let path = project(
        root.path(),
        &[
            ("absolute", abs.as_str()),
            ("dots", "../secret.txt"),
            ("deep-dots", "articles/../../secret.txt"),
            ("link", "articles/link.txt"),
        ],
    );
    std::os::unix::fs::symlink(&secret, path.parent().unwrap().join("articles/link.txt")).unwrap();
    let before = std::fs::read(&path).unwrap();

    let o = sm().arg("check").arg(&path).output().unwrap();
    let (stdout, _) = out(&o);
    assert_eq!(o.status.code(), Some(1), "{stdout}");
    for id in ["absolute", "dots", "deep-dots", "link"] {
        assert!(
            stdout
                .lines()
                .any(|l| l.contains(&format!("document {id} is outside the project folder"))),
            "{id}: {stdout}"
        );
    }
    assert!(
        !stdout.contains("fine"),
        "the article inside is fine: {stdout}"
    );

    for format in ["jsonl", "w3c", "csv", "conll"] {
        let o = sm()
            .arg("export")
            .arg(&path)
            .args(["--format", format])
            .output()
            .unwrap();
        let (stdout, stderr) = out(&o);
        assert!(o.status.success(), "{format}: {stderr}");
        assert!(!stdout.contains("TOP-SECRET"), "{format} leaked the file");
        assert!(stderr.contains("--allow-outside"), "{format}: {stderr}");
    }
    // Nothing was written, and with consent the files are read.
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let o = sm()
        .arg("export")
        .arg(&path)
        .args(["--format", "jsonl", "--allow-outside"])
        .output()
        .unwrap();
    assert!(out(&o).0.contains("TOP-SECRET"));
}

#[test]
fn devices_fifos_and_folders_get_a_message_not_a_hang() {
    let root = tempfile::tempdir().unwrap();
    let path = project(
        root.path(),
        &[
            ("fifo", "articles/fifo"),
            ("folder", "articles/folder"),
            ("zero", "/dev/zero"),
        ],
    );
    let dir = path.parent().unwrap();
    std::fs::create_dir(dir.join("articles/folder")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("articles/fifo"))
        .status()
        .unwrap();
    assert!(made.success());

    let o = sm()
        .arg("check")
        .arg(&path)
        .arg("--allow-outside")
        .output()
        .unwrap();
    let (stdout, _) = out(&o);
    assert_eq!(o.status.code(), Some(1));
    let line = |id: &str| {
        stdout
            .lines()
            .find(|l| l.contains(&format!("document {id} ")))
            .unwrap_or_else(|| panic!("no line for {id}: {stdout}"))
            .to_owned()
    };
    assert!(line("fifo").contains("a FIFO (named pipe), not an article file"));
    assert!(line("folder").contains("a folder, not an article file"));
    assert!(line("zero").contains("a device, not an article file"));

    let o = sm()
        .arg("export")
        .arg(&path)
        .args(["--format", "jsonl", "--allow-outside"])
        .output()
        .unwrap();
    let (stdout, stderr) = out(&o);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("a FIFO"), "{stderr}");
    assert_eq!(stdout.lines().count(), 1, "only the ordinary article");
}

#[test]
fn an_article_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.txt");
    std::fs::write(&p, "x".repeat(2_000)).unwrap();
    let e = sourcemark::text::read_article_limited(&p, 1_000).unwrap_err();
    assert!(
        e.to_string()
            .contains("2000 bytes, more than the 1000 bytes an article may have"),
        "{e}"
    );
    assert!(sourcemark::text::read_article_limited(&p, 2_000).is_ok());
}

#[test]
fn saving_through_a_symlinked_project_file_writes_the_file_it_points_to() {
    let root = tempfile::tempdir().unwrap();
    let real_dir = root.path().join("real");
    std::fs::create_dir_all(&real_dir).unwrap();
    std::fs::write(real_dir.join("a.txt"), "One article.\n").unwrap();
    std::fs::write(real_dir.join("b.txt"), "Another article.\n").unwrap();
    sm().current_dir(&real_dir)
        .args(["new", "p.ron", "a.txt"])
        .assert()
        .success();
    let link = root.path().join("link.ron");
    std::os::unix::fs::symlink("real/p.ron", &link).unwrap();

    // Paths are relative to the real file, where the articles are.
    sm().arg("add")
        .arg(&link)
        .arg(real_dir.join("b.txt"))
        .assert()
        .success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    let real = store::load(&real_dir.join("p.ron")).unwrap();
    assert_eq!(real.documents.len(), 2, "the real file changed");
    assert!(
        real_dir.join("p.ron.bak").is_file(),
        "the backup is beside it"
    );
    let paths: Vec<&str> = real.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["a.txt", "b.txt"]);
    sm().arg("check").arg(&link).assert().success();
    let beside_link: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut beside_link = beside_link;
    beside_link.sort();
    assert_eq!(beside_link, ["link.ron", "real"]);
}
