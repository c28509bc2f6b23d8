//! Carrying out the commands of clusters and of the comparison view: making, filling,
//! emptying, renaming and deleting clusters (each one undo step), and copying or saving
//! the comparison's table.

use eframe::egui;

use super::SourcemarkApp;
use crate::compare::table;
use crate::ui::command::{Command, UiCommand};

impl SourcemarkApp {
    pub(super) fn run_compare_ui_command(&mut self, cmd: UiCommand) {
        let Some(s) = &mut self.session else { return };
        let selected = s.selection.annotations().to_vec();
        match cmd {
            UiCommand::ToggleCompare => self.compare.open = !self.compare.open,
            UiCommand::NewClusterFromSelection => {
                if selected.is_empty() {
                    self.hint = "Select the annotations for the cluster first".into();
                    return;
                }
                self.compare.ask_new_name();
                self.hint = format!(
                    "Name the cluster of {} annotation(s) and press Enter",
                    selected.len()
                );
            }
            UiCommand::AddToCluster | UiCommand::RemoveFromCluster => {
                let Some(c) = self.compare.current(s) else {
                    // No cluster yet: make one.
                    self.compare.ask_new_name();
                    self.hint = "No cluster yet: name one for the selection and press Enter".into();
                    return;
                };
                self.compare.open = true;
                let cmd = if cmd == UiCommand::AddToCluster {
                    Command::JoinCluster(c, selected)
                } else {
                    Command::LeaveCluster(c, selected)
                };
                self.commands.push(cmd);
            }
            _ => {}
        }
    }

    pub(super) fn run_compare_command(&mut self, ctx: &egui::Context, cmd: Command) {
        let Some(s) = &mut self.session else { return };
        let result = match cmd {
            Command::NewCluster(name, ids) => s.new_cluster(&name, &ids).map(|c| {
                self.compare.show_cluster(c);
                self.hint = format!("Made the cluster “{}”", name.trim());
            }),
            Command::JoinCluster(c, ids) => s.join_cluster(&c, &ids),
            Command::LeaveCluster(c, ids) => s.leave_cluster(&c, &ids),
            Command::RenameCluster(c, name) => s.rename_cluster(&c, &name),
            Command::DeleteCluster(c) => {
                let name = s
                    .project()
                    .cluster(&c)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                s.delete_cluster(&c).map(|()| {
                    self.notes.info(format!(
                        "Deleted the cluster “{name}”; Ctrl+Z brings it back"
                    ));
                })
            }
            Command::CopyComparison => {
                let rows = self.compare.rows(s);
                let mut md = Vec::new();
                if table::write_markdown(rows, &mut md).is_ok() {
                    ctx.copy_text(String::from_utf8_lossy(&md).into_owned());
                    self.hint = format!("Copied {} row(s) as Markdown", rows.len());
                }
                Ok(())
            }
            Command::SaveComparison => {
                let name = self
                    .compare
                    .current(s)
                    .and_then(|c| s.project().cluster(&c).map(|c| c.name.clone()))
                    .unwrap_or_else(|| "comparison".into());
                let file: String = name
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() {
                            c.to_ascii_lowercase()
                        } else {
                            '-'
                        }
                    })
                    .collect();
                let suggested =
                    s.ws.base_dir()
                        .join(format!("{}.csv", file.trim_matches('-')));
                self.ask_for(crate::ui::pick::Purpose::ComparisonTable(suggested));
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            match e {
                crate::ui::session::SessionError::Cluster(
                    crate::cluster::ClusterError::Nothing(why),
                ) => self.hint = why,
                e => self
                    .notes
                    .error(format!("Could not change the cluster: {e}")),
            }
        }
    }

    /// Writes the comparison's table to `path`: Markdown for a `.md` name, else CSV.
    pub(super) fn save_comparison(&mut self, path: &std::path::Path) {
        let Some(s) = &self.session else { return };
        let rows = self.compare.rows(s).to_vec();
        let markdown = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        let mut bytes = Vec::new();
        let written = if markdown {
            table::write_markdown(&rows, &mut bytes)
        } else {
            table::write_csv(&rows, &mut bytes)
        };
        let result = written.map_err(|e| e.to_string()).and_then(|()| {
            crate::store::write_atomic(path, &[bytes], false, &mut |_| Ok(()))
                .map_err(|e| e.to_string())
        });
        match result {
            Ok(()) => self
                .notes
                .info(format!("Saved {} row(s) to {}", rows.len(), path.display())),
            Err(e) => self.notes.error(format!(
                "Could not save the table to {}: {e}",
                path.display()
            )),
        }
    }
}
