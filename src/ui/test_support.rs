//! For the window's unit tests: the sample project copied to a folder of its own, so a
//! test may change and save it.

use crate::ui::session::Session;

/// A session on a copy of `projects/rally-coverage`; the folder lives as long as the
/// first value.
pub(crate) fn sample_session() -> (tempfile::TempDir, Session) {
    let sample = crate::test_support::sample_path();
    let from = sample.parent().expect("the sample's folder");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    for e in std::fs::read_dir(from.join("articles")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join("articles").join(e.file_name())).unwrap();
    }
    std::fs::copy(&sample, dir.path().join("project.ron")).unwrap();
    let (s, _) = Session::open(&dir.path().join("project.ron"), false).unwrap();
    (dir, s)
}
