//! Projects for export tests: the seed articles (when present) and a generated article
//! full of emoji, Arabic, combining marks, no-break spaces and CRLF line endings.
#![allow(dead_code)]

use sourcemark::model::{Annotation, DocStatus, Precision};
use sourcemark::text::DocText;
use sourcemark::workspace::{AddOutcome, Workspace};
use std::path::{Path, PathBuf};

/// The tricky article as written to disk, with CRLF line endings.
pub const TRICKY_CRLF: &str = "Rally 👍🏽 in Baghdad 🇮🇶 — “Get out, get out occupier!”\r\n\
مليونية في بغداد: «اخرج يا محتل» said al-Ṣadr.\r\n\
Cafe\u{301} owners counted 2.5\u{a0}million 👨‍👩‍👧 families.\r\n\
\r\n\
More: 𝐁old math, flag 🏳️‍🌈, tab\there, e\u{301}\u{302} stacked; 5,200\u{a0}troops.\r\n";

/// The seed articles: the sample project's articles, which are the seeds, so tests
/// never skip for want of a folder outside the repository.
pub fn seeds() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/rally-coverage/articles");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the sample project's articles")
        .flatten()
        .map(|e| e.path())
        .collect();
    v.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    v.sort();
    v
}

/// Char range of the first occurrence of `phrase`.
pub fn find(t: &DocText, phrase: &str) -> (usize, usize) {
    let b = t
        .as_str()
        .find(phrase)
        .unwrap_or_else(|| panic!("{phrase:?} not in text"));
    let s = t.char_of(b);
    (s, s + phrase.chars().count())
}

fn add(ws: &mut Workspace, doc: &str, t: &DocText, r: (usize, usize), label: &str) -> usize {
    let a = Annotation::new(doc.into(), t, r.0, r.1, label, "tester").unwrap();
    ws.project.annotations.push(a);
    ws.project.annotations.len() - 1
}

/// A project in `dir` with the tricky article (and the seeds when `with_seeds`), their
/// copies in `dir/articles`, and annotations of every kind. Saved; returns its path.
pub fn build(dir: &Path, with_seeds: bool) -> PathBuf {
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(articles.join("tricky.txt"), TRICKY_CRLF).unwrap();
    let mut files = vec![articles.join("tricky.txt")];
    if with_seeds {
        for s in seeds() {
            let to = articles.join(s.file_name().unwrap());
            std::fs::copy(&s, &to).unwrap();
            files.push(to);
        }
    }
    let path = dir.join("project.ron");
    let mut ws = Workspace::create(&path, "Rally coverage");
    for f in &files {
        assert!(matches!(ws.add_article(f).unwrap(), AddOutcome::Added(_)));
    }
    assert!(ws.project.labels.add("speaker name"));
    // The tricky article: a span of every difficulty.
    let t = ws.text(&"tricky".into()).unwrap().clone();
    add(&mut ws, "tricky", &t, find(&t, "👍🏽"), "figure");
    let q = add(
        &mut ws,
        "tricky",
        &t,
        find(&t, "“Get out, get out occupier!”"),
        "quote",
    );
    ws.project.annotations[q].attrs.speaker = Some("Sayed Sadiq al-Hashemi".into());
    ws.project.annotations[q].note = "chanted, per Press TV;\nsecond line".into();
    let a = add(&mut ws, "tricky", &t, find(&t, "«اخرج يا محتل»"), "quote");
    ws.project.annotations[a].attrs.check_worthy = Some(true);
    add(&mut ws, "tricky", &t, find(&t, "al-Ṣadr"), "speaker name");
    let f = add(
        &mut ws,
        "tricky",
        &t,
        find(&t, "2.5\u{a0}million"),
        "figure",
    );
    {
        let at = &mut ws.project.annotations[f].attrs;
        at.value = Some(2_500_000.0);
        at.unit = Some("families".into());
        at.precision = Some(Precision::AtLeast);
        at.custom.insert("source type".into(), "wire copy".into());
    }
    add(
        &mut ws,
        "tricky",
        &t,
        find(&t, "Cafe\u{301} owners counted 2.5"),
        "claim",
    );
    add(
        &mut ws,
        "tricky",
        &t,
        find(&t, "👨‍👩‍👧 families.\n\nMore"),
        "claim",
    );
    add(
        &mut ws,
        "tricky",
        &t,
        find(&t, "e\u{301}\u{302} stacked"),
        "claim",
    );
    add(&mut ws, "tricky", &t, find(&t, "🏳️‍🌈"), "figure");
    let d = add(&mut ws, "tricky", &t, find(&t, "Rally"), "claim");
    let (s2, e2) = find(&t, "Baghdad 🇮🇶");
    let first = ws.project.annotations[d].range();
    ws.project.annotations[d]
        .set_ranges(&t, &[first, s2..e2])
        .unwrap();
    add(
        &mut ws,
        "tricky",
        &t,
        find(&t, "5,200\u{a0}troops"),
        "figure",
    );
    add(&mut ws, "tricky", &t, find(&t, "tab\there"), "claim");
    // Seeds: spans at fixed strides, overlapping now and then, labels in turn.
    let labels = ["claim", "quote", "figure"];
    let ids: Vec<_> = ws.project.documents.iter().map(|d| d.id.clone()).collect();
    for (n, id) in ids.iter().enumerate() {
        if id.as_str() == "tricky" {
            continue;
        }
        let t = ws.text(id).unwrap().clone();
        let len = t.char_len();
        for k in 0..12 {
            let start = (k * 211 + n * 17) % (len - 40);
            let end = start + 5 + (k * 7) % 30;
            add(&mut ws, id.as_str(), &t, (start, end), labels[k % 3]);
        }
        if n % 2 == 0 {
            ws.project.documents[n].status = DocStatus::Done;
        }
        ws.project.documents[n].outlet = format!("Outlet {n}");
        ws.project.documents[n].url = format!("https://example.org/{n}");
    }
    ws.project.normalize();
    ws.save().unwrap();
    path
}

/// Opens a project, failing on any notice other than none.
pub fn open(path: &Path) -> Workspace {
    let (ws, notices) = Workspace::open(path).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    ws
}

/// True when a save left a `.bak` beside the project (a save happened after `build`).
pub fn backup_exists(project: &Path) -> bool {
    sourcemark::store::backup_path(project).exists()
}

/// The span of `doc` whose text (first range) is `phrase`, by index.
fn span_index(ws: &Workspace, doc: &str, phrase: &str) -> usize {
    ws.project
        .annotations
        .iter()
        .position(|a| a.doc.as_str() == doc && ws.text(&a.doc).unwrap().slice(a.range()) == phrase)
        .unwrap_or_else(|| panic!("no span {phrase:?} in {doc}"))
}

/// [`build`], plus links of every kind and a quote in three ranges:
/// - the Arabic quote `SaidBy` al-Ṣadr (a `speaker name` span), with a note;
/// - the 2.5 million figure `Supports` the café owners' claim;
/// - a project-defined kind with a space, `echoes of`, from the families claim to the
///   discontinuous "Rally … Baghdad 🇮🇶" claim;
/// - a quote over "Get out", "occupier!" and "said al-Ṣadr", `SaidBy` al-Ṣadr;
/// - with the seeds, a `SameAs` from the “Get out…” quote to the first span of the
///   first seed document, across documents (without them, to the rainbow flag figure).
///
/// Saved; returns its path.
pub fn build_linked(dir: &Path, with_seeds: bool) -> PathBuf {
    use sourcemark::model::{Link, LinkId, LinkKind};
    let path = build(dir, with_seeds);
    let mut ws = open(&path);
    let t = ws.text(&"tricky".into()).unwrap().clone();
    let (s1, e1) = find(&t, "Get out");
    let mut q = Annotation::new("tricky".into(), &t, s1, e1, "quote", "tester").unwrap();
    let (s2, e2) = find(&t, "occupier!");
    let (s3, e3) = find(&t, "said al-Ṣadr");
    q.set_ranges(&t, &[s1..e1, s2..e2, s3..e3]).unwrap();
    q.note = "three ranges".into();
    ws.project.annotations.push(q);
    ws.project.normalize();
    let id = |ws: &Workspace, doc: &str, phrase: &str| {
        ws.project.annotations[span_index(ws, doc, phrase)]
            .id
            .clone()
    };
    let sadr = id(&ws, "tricky", "al-Ṣadr");
    let mut links = vec![
        (
            id(&ws, "tricky", "«اخرج يا محتل»"),
            sadr.clone(),
            LinkKind::SaidBy,
            "per the caption",
        ),
        (
            id(&ws, "tricky", "2.5\u{a0}million"),
            id(&ws, "tricky", "Cafe\u{301} owners counted 2.5"),
            LinkKind::Supports,
            "",
        ),
        (
            id(&ws, "tricky", "👨‍👩‍👧 families.\n\nMore"),
            id(&ws, "tricky", "Rally"),
            LinkKind::Other("echoes of".into()),
            "",
        ),
        (id(&ws, "tricky", "Get out"), sadr, LinkKind::SaidBy, ""),
    ];
    let same_to = if with_seeds {
        let other = ws
            .project
            .annotations
            .iter()
            .find(|a| a.doc.as_str() != "tricky")
            .unwrap();
        other.id.clone()
    } else {
        id(&ws, "tricky", "🏳️‍🌈")
    };
    links.push((
        id(&ws, "tricky", "“Get out, get out occupier!”"),
        same_to,
        LinkKind::SameAs,
        "",
    ));
    for (n, (from, to, kind, note)) in links.into_iter().enumerate() {
        ws.project.links.push(Link {
            id: LinkId(format!("link-{n}")),
            from,
            to,
            kind,
            note: note.into(),
        });
    }
    ws.project.normalize();
    ws.save().unwrap();
    path
}
