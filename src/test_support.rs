//! For the core's unit tests: the sample project in `projects/rally-coverage`, which
//! they read and never write, and a small project merged with a recorded conflict.

use crate::workspace::Workspace;
use std::path::PathBuf;

/// The sample project's file.
pub(crate) fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/rally-coverage/project.ron")
}

/// The sample project with its articles loaded.
pub(crate) fn sample_workspace() -> Workspace {
    Workspace::open(&sample_path()).unwrap().0
}

/// A base of one document and one claim, its two sides changed by `change` (called
/// with `true` for ours, `false` for theirs), merged, with the conflicts recorded in
/// the project as the merge driver records them.
pub(crate) fn conflicted(
    change: impl Fn(&mut crate::model::Project, bool),
) -> crate::model::Project {
    use crate::model::{Annotation, DocId, Document, Project};
    let text = crate::text::DocText::new("The mayor said 40,000 people came.".to_owned());
    let mut base = Project::new("p");
    base.documents
        .push(Document::new(DocId::from("d1"), "d1.txt", &text));
    base.annotations
        .push(Annotation::new(DocId::from("d1"), &text, 0, 9, "claim", "ann").expect("span"));
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    change(&mut ours, true);
    change(&mut theirs, false);
    crate::merge::merge(&base, &ours, &theirs)
        .expect("merged")
        .into_recorded()
}
