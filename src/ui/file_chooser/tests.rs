//! The chooser's behaviour on a real folder, without a window.

use super::folder::human_size;
use super::*;
use eframe::egui::Modifiers;

fn tree() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("b-folder")).unwrap();
    std::fs::create_dir_all(d.path().join("A-folder")).unwrap();
    std::fs::create_dir_all(d.path().join(".hidden-folder")).unwrap();
    for f in ["z.txt", "a.md", "p.ron", "notes.pdf", ".secret.txt"] {
        std::fs::write(d.path().join(f), "text").unwrap();
    }
    d
}

fn articles(d: &Path, kind: PickKind) -> FileChooser {
    FileChooser::new(
        PickRequest::new(kind, "t")
            .in_dir(Some(d.to_owned()))
            .filter("articles", &["txt", "md"]),
    )
}

fn pos(c: &FileChooser, name: &str) -> usize {
    c.shown_names().iter().position(|n| n == name).unwrap()
}

#[test]
fn folders_come_first_then_files_of_the_chosen_type() {
    let d = tree();
    let mut c = articles(d.path(), PickKind::OpenFile);
    assert_eq!(
        c.shown_names(),
        vec!["A-folder/", "b-folder/", "a.md", "z.txt"]
    );
    c.filter = 1; // All files
    c.refilter();
    assert_eq!(
        c.shown_names(),
        vec![
            "A-folder/",
            "b-folder/",
            "a.md",
            "notes.pdf",
            "p.ron",
            "z.txt"
        ]
    );
    c.show_hidden = true;
    c.refilter();
    assert!(c.shown_names().contains(&".secret.txt".to_owned()));
}

#[test]
fn ctrl_and_shift_clicks_select_several_files() {
    let d = tree();
    let mut c = articles(d.path(), PickKind::OpenFiles);
    c.filter = 1;
    c.refilter();
    let a = pos(&c, "a.md");
    let z = pos(&c, "z.txt");
    c.click(a, Modifiers::NONE);
    c.click(z, Modifiers::SHIFT);
    assert_eq!(c.selected.len(), z - a + 1);
    c.click(pos(&c, "p.ron"), Modifiers::COMMAND);
    let Some(ChooserOutcome::Chosen(files)) = c.apply(ChooserAction::Accept) else {
        panic!("files chosen")
    };
    let names: Vec<_> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["a.md", "notes.pdf", "z.txt"]);
}

#[test]
fn double_click_enters_a_folder_and_up_comes_back() {
    let d = tree();
    let mut c = articles(d.path(), PickKind::OpenFile);
    let top = c.dir().to_owned();
    assert_eq!(c.apply(ChooserAction::Activate(pos(&c, "b-folder/"))), None);
    assert!(c.dir().ends_with("b-folder"));
    c.apply(ChooserAction::Go(c.dir().parent().unwrap().to_owned()));
    assert_eq!(c.dir(), top);
    let Some(ChooserOutcome::Chosen(f)) = c.apply(ChooserAction::Activate(pos(&c, "z.txt"))) else {
        panic!("a file chosen")
    };
    assert!(f[0].ends_with("z.txt"));
}

#[test]
fn a_typed_path_opens_a_folder_or_takes_a_file_or_says_what_is_wrong() {
    let d = tree();
    let mut c = articles(d.path(), PickKind::OpenFile);
    c.location = "b-folder".into();
    assert_eq!(c.apply(ChooserAction::Typed), None);
    assert!(c.dir().ends_with("b-folder"));
    c.location = d.path().join("a.md").display().to_string();
    assert!(matches!(
        c.apply(ChooserAction::Typed),
        Some(ChooserOutcome::Chosen(_))
    ));
    c.location = "no-such-thing".into();
    assert_eq!(c.apply(ChooserAction::Typed), None);
    assert!(
        c.problem().unwrap().contains("no-such-thing"),
        "{:?}",
        c.problem()
    );
}

#[test]
fn a_save_asks_before_replacing_and_adds_the_extension() {
    let d = tree();
    let mut c = FileChooser::new(
        PickRequest::new(PickKind::SaveFile, "Save")
            .in_dir(Some(d.path().to_owned()))
            .named("p.ron")
            .filter("sourcemark project", &["ron"]),
    );
    assert_eq!(c.apply(ChooserAction::Accept), None);
    assert!(c.asks_to_replace());
    assert_eq!(c.apply(ChooserAction::KeepFile), None);
    assert!(!c.asks_to_replace());
    c.apply(ChooserAction::Accept);
    assert_eq!(
        c.apply(ChooserAction::Replace),
        Some(ChooserOutcome::Chosen(vec![d.path().join("p.ron")]))
    );
    c.name = "copy".into();
    assert_eq!(
        c.apply(ChooserAction::Accept),
        Some(ChooserOutcome::Chosen(vec![d.path().join("copy.ron")]))
    );
    c.name = "nope/copy.ron".into();
    assert_eq!(c.apply(ChooserAction::Accept), None);
    assert!(c.problem().unwrap().contains("does not exist"));
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_says_why() {
    use std::os::unix::fs::PermissionsExt;
    let d = tree();
    let locked = d.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::read_dir(&locked).is_ok(); // root reads anything
    let mut c = articles(d.path(), PickKind::OpenFile);
    c.apply(ChooserAction::Go(locked.clone()));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    if !readable_anyway {
        let why = c.problem().unwrap();
        assert!(why.contains("permission"), "{why}");
    }
    c.apply(ChooserAction::Go(d.path().join("gone")));
    assert!(c.problem().unwrap().contains("does not exist"));
}

#[test]
fn sizes_read_like_a_file_manager() {
    assert_eq!(human_size(512), "512 B");
    assert_eq!(human_size(3 * 1024 + 400), "3.4 KB");
    assert_eq!(human_size(12 * 1024 * 1024), "12.0 MB");
}
