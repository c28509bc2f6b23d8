//! For the core's unit tests: the sample project in `projects/rally-coverage`, which
//! they read and never write.

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
