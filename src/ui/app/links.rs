//! Carrying out the commands of links and of spans of several ranges: starting a link,
//! choosing its other end and its kind, cancelling it; deleting a link; adding and
//! removing a range; adding the source label; and deleting annotations (with their
//! links, once asked).

use super::SourcemarkApp;
use crate::model::AnnotationId;
use crate::selection::Selection;
use crate::ui::command::{Command, UiCommand};
use crate::ui::session_links::Linking;

impl SourcemarkApp {
    pub(super) fn run_link_ui_command(&mut self, cmd: UiCommand) {
        let Some(s) = &mut self.session else { return };
        match cmd {
            UiCommand::StartLink => match s.selected().cloned() {
                Some(from) => s.linking = Some(Linking::Target { from }),
                None => self.hint = "Select an annotation first, then press L".into(),
            },
            UiCommand::LinkToSelected => {
                let Some(Linking::Target { .. }) = &s.linking else {
                    return;
                };
                match s.selected().cloned() {
                    Some(to) => self.run_link_command(Command::LinkTarget(to)),
                    None => self.hint = "Tab to the other end first".into(),
                }
            }
            UiCommand::AddSourceLabel => match s.add_source_label() {
                Ok(true) => {
                    let key = s
                        .project()
                        .labels
                        .get("source")
                        .and_then(|l| l.key)
                        .map(|k| format!(" (key {k})"))
                        .unwrap_or_default();
                    self.hint = format!("Added the source label{key}; Ctrl+Z takes it back");
                }
                Ok(false) => self.hint = "This project has a source label already".into(),
                Err(e) => self.notes.error(format!("Could not add the label: {e}")),
            },
            c => {
                if let Some(kind) = c.link_kind() {
                    self.run_link_command(Command::LinkKind(kind));
                }
            }
        }
    }

    pub(super) fn run_link_command(&mut self, cmd: Command) {
        let Some(s) = &mut self.session else { return };
        match cmd {
            Command::LinkTarget(to) => {
                let Some(Linking::Target { from }) = s.linking.clone() else {
                    return;
                };
                if to == from {
                    self.hint = "Choose another annotation: a link needs two ends".into();
                    return;
                }
                s.select(Selection::one(to.clone()));
                s.linking = Some(Linking::Kind { from, to });
            }
            Command::LinkKind(kind) => {
                let Some(Linking::Kind { from, to }) = s.linking.take() else {
                    return;
                };
                match s.link(&from, &to, kind) {
                    Ok(_) => {
                        self.hint = format!(
                            "{}; Ctrl+Z takes it back",
                            s.history.undo_name().unwrap_or("Linked")
                        );
                        self.scroll_to_annotation(&from);
                    }
                    Err(e) => self.notes.error(format!("Could not link: {e}")),
                }
            }
            Command::DeleteLink(id) => match s.unlink(&id) {
                Ok(()) => self.hint = "Deleted the link; Ctrl+Z brings it back".into(),
                Err(e) => self.notes.error(format!("Could not delete the link: {e}")),
            },
            Command::AddRange(id, range) => match s.add_range(&id, range) {
                Ok(()) => {
                    let n = s
                        .project()
                        .annotation(&id)
                        .map_or(0, |a| a.ranges().count());
                    self.hint =
                        format!("The annotation has {n} ranges; Ctrl+Z takes the new one back");
                }
                Err(e) => self.notes.error(format!("Could not add the range: {e}")),
            },
            Command::RemoveRange(id, index) => match s.remove_range(&id, index) {
                Ok(true) => self.hint = "Removed the range; Ctrl+Z brings it back".into(),
                Ok(false) => {
                    self.hint = "The last range stays: delete the annotation instead".into()
                }
                Err(e) => self.notes.error(format!("Could not remove the range: {e}")),
            },
            _ => {}
        }
    }

    /// Cancels a link being made, selecting where it started; false when none was.
    pub(super) fn cancel_link(&mut self) -> bool {
        let Some(s) = &mut self.session else {
            return false;
        };
        let Some(l) = s.linking.take() else {
            return false;
        };
        s.select(Selection::one(l.from().clone()));
        self.hint = "Link cancelled".into();
        true
    }

    /// Deletes annotations, and their links, in one step.
    pub(super) fn delete_annotations(&mut self, ids: &[AnnotationId]) {
        let Some(s) = &mut self.session else { return };
        match s.delete_many(ids) {
            Ok(()) => {
                self.hint = format!(
                    "{}; Ctrl+Z brings it back",
                    s.history.undo_name().unwrap_or("Deleted")
                )
            }
            Err(e) => self.notes.error(format!("Could not delete: {e}")),
        }
    }

    /// Brings an annotation into view (in its document).
    fn scroll_to_annotation(&mut self, id: &AnnotationId) {
        let Some(s) = &self.session else { return };
        if let Some(a) = s.project().annotation(id) {
            self.view.scroll_to(a.range());
        }
    }
}
