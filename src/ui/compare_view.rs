//! The comparison view: one cluster as a table ([`super::compare_table`]: outlet, date,
//! the span in its sentence, the figure's numbers, attribution, verdict), sortable, each
//! row a jump to its span; a chart of the figures by outlet ([`super::compare_chart`]); the candidates the
//! cluster may want; and the cluster's own changes. A panel under the article, so a row
//! clicked shows its span above while the table stays in view.
//!
//! The rows come from [`crate::compare::rows`] and are kept until the project changes
//! or another cluster is chosen; only the rows on screen are drawn.

use eframe::egui;

use crate::cluster::{Candidate, candidates};
use crate::compare::{Filter, Row};
use crate::model::ClusterId;
use crate::ui::command::{Command, UiCommand};
pub use crate::ui::compare_table::Column;
use crate::ui::compare_table::{sort_rows, table_ui};
use crate::ui::session::Session;
use egui::{RichText, Ui};

/// The comparison view's state: which cluster, how sorted, what is typed.
#[derive(Debug, Default)]
pub struct CompareView {
    /// Whether the panel is shown.
    pub open: bool,
    /// The cluster shown; `None` until one is chosen or made.
    pub cluster: Option<ClusterId>,
    /// The sort column and whether it is descending; `None` keeps the comparison's
    /// own order (date, outlet, place).
    pub sort: Option<(Column, bool)>,
    /// The name typed for a new cluster.
    pub new_name: String,
    /// Give the new-name field the keyboard next frame.
    pub focus_new_name: bool,
    /// The name typed while renaming the cluster, when renaming.
    pub renaming: Option<String>,
    /// Rows and candidates, with the (revision, cluster) they were made for.
    cache: Option<Cached>,
}

/// What the view shows, with the (revision, cluster) it was made for.
type Cached = (u64, Option<ClusterId>, Vec<Row>, Vec<Offered>);

/// A candidate as the view lists it, its line written when the rows are made (finding
/// its annotation and outlet each frame would cost a search of the project).
#[derive(Debug)]
pub struct Offered {
    /// The candidate.
    pub candidate: Candidate,
    /// "Outlet: “text” (reason)".
    pub line: String,
}

fn offered_line(s: &Session, c: Candidate) -> Option<Offered> {
    let p = s.project();
    let a = p.annotation(&c.id)?;
    let outlet = p
        .document(&a.doc)
        .map_or(a.doc.to_string(), |d| d.outlet.clone());
    let line = format!(
        "{outlet}: “{}” ({})",
        crate::ui::annotation_list::snippet(&a.text, 40),
        c.reason.text()
    );
    Some(Offered { candidate: c, line })
}

/// How many candidates are offered at most.
const CANDIDATES: usize = 12;

impl CompareView {
    /// Opens the view on `cluster`.
    pub fn show_cluster(&mut self, cluster: ClusterId) {
        self.open = true;
        self.cluster = Some(cluster);
        self.renaming = None;
    }

    /// Opens the view with the new-cluster name field ready for typing.
    pub fn ask_new_name(&mut self) {
        self.open = true;
        self.focus_new_name = true;
    }

    /// The cluster shown, if it still exists; else the first by name.
    pub fn current(&mut self, s: &Session) -> Option<ClusterId> {
        let p = s.project();
        if let Some(c) = &self.cluster
            && p.cluster(c).is_some()
        {
            return Some(c.clone());
        }
        self.cluster = (p.clusters.iter())
            .min_by_key(|c| c.name.to_lowercase())
            .map(|c| c.id.clone());
        self.cluster.clone()
    }

    /// The rows shown, sorted as chosen.
    pub fn rows(&mut self, s: &Session) -> &[Row] {
        self.refresh(s);
        self.cache.as_ref().map_or(&[], |c| &c.2)
    }

    fn refresh(&mut self, s: &Session) {
        let cluster = self.current(s);
        let revision = s.history.revision();
        if let Some((r, c, ..)) = &self.cache
            && *r == revision
            && *c == cluster
        {
            return;
        }
        let (mut rows, offered) = match &cluster {
            Some(c) => {
                let filter = Filter {
                    cluster: Some(c.clone()),
                    label: None,
                };
                let rows = crate::compare::rows(&s.ws, &filter);
                let offered = candidates(s.project(), c, CANDIDATES)
                    .into_iter()
                    .filter_map(|c| offered_line(s, c))
                    .collect();
                (rows, offered)
            }
            None => (Vec::new(), Vec::new()),
        };
        sort_rows(&mut rows, self.sort);
        self.cache = Some((revision, cluster, rows, offered));
    }

    /// Draws the panel's contents; what the person asks for goes to `out`.
    pub fn compare_ui(&mut self, ui: &mut Ui, s: &Session, out: &mut Vec<Command>) {
        self.refresh(s);
        let cluster = self.current(s);
        self.toolbar_ui(ui, s, cluster.as_ref(), out);
        ui.separator();
        let Some(cluster) = cluster else {
            ui.label(
                RichText::new(
                    "No clusters yet. Select the annotations that answer one question \
                     (click, Ctrl+click, in any document), press Shift+G, name the cluster \
                     and press Enter. G adds the selection to the cluster shown.",
                )
                .weak(),
            );
            return;
        };
        let Some((_, _, rows, offered)) = &mut self.cache else {
            return;
        };
        let mut sort = self.sort;
        let chart_rows = super::compare_chart::chartable(rows);
        let avail = ui.available_size();
        let side = if chart_rows > 0 || !offered.is_empty() {
            (avail.x * 0.36).clamp(220.0, 420.0).min(avail.x * 0.5)
        } else {
            0.0
        };
        ui.horizontal_top(|ui| {
            ui.allocate_ui(egui::vec2(avail.x - side - 8.0, avail.y), |ui| {
                table_ui(ui, s, rows, &mut sort, &cluster, out);
            });
            if side > 0.0 {
                ui.separator();
                ui.allocate_ui(egui::vec2(side, avail.y), |ui| {
                    ui.vertical(|ui| {
                        if chart_rows > 0 {
                            let h = if offered.is_empty() {
                                avail.y - 8.0
                            } else {
                                (avail.y * 0.6).max(120.0)
                            };
                            super::compare_chart::chart_ui(ui, s, rows, h, out);
                        }
                        candidates_ui(ui, offered, &cluster, out);
                    });
                });
            }
        });
        if sort != self.sort {
            self.sort = sort;
            if let Some((.., rows, _)) = &mut self.cache {
                sort_rows(rows, sort);
            }
        }
    }

    fn toolbar_ui(
        &mut self,
        ui: &mut Ui,
        s: &Session,
        cluster: Option<&ClusterId>,
        out: &mut Vec<Command>,
    ) {
        let p = s.project();
        let selected = s.selection.annotations().to_vec();
        ui.horizontal_wrapped(|ui| {
            let shown = cluster
                .and_then(|c| p.cluster(c))
                .map_or("(no cluster)".to_owned(), |c| c.name.clone());
            egui::ComboBox::new("compare-cluster", "cluster")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    let mut all: Vec<_> = p.clusters.iter().collect();
                    all.sort_by_key(|c| c.name.to_lowercase());
                    for c in all {
                        let n = p.cluster_members(&c.id).count();
                        let picked = cluster == Some(&c.id);
                        if ui
                            .selectable_label(picked, format!("{} ({n})", c.name))
                            .clicked()
                        {
                            self.show_cluster(c.id.clone());
                        }
                    }
                });
            if let (Some(c), Some(name)) = (cluster, self.renaming.as_mut()) {
                let r = ui.add(
                    egui::TextEdit::singleline(name)
                        .hint_text("Cluster name")
                        .desired_width(160.0),
                );
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    out.push(Command::RenameCluster(c.clone(), name.clone()));
                    self.renaming = None;
                } else if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    self.renaming = None;
                }
            } else if let Some(c) = cluster {
                if ui
                    .add_enabled(!selected.is_empty(), egui::Button::new("Add selection (G)"))
                    .on_hover_text(UiCommand::AddToCluster.tooltip())
                    .clicked()
                {
                    out.push(Command::JoinCluster(c.clone(), selected.clone()));
                }
                if ui.button("Rename").clicked() {
                    self.renaming = p.cluster(c).map(|c| c.name.clone());
                }
                if ui
                    .button("Delete cluster")
                    .on_hover_text(
                        "Delete the cluster; its annotations stay (Ctrl+Z brings it back)",
                    )
                    .clicked()
                {
                    out.push(Command::DeleteCluster(c.clone()));
                }
                if ui
                    .button("Copy as Markdown")
                    .on_hover_text("Copy the table as a Markdown table, for a report")
                    .clicked()
                {
                    out.push(Command::CopyComparison);
                }
                if ui
                    .button("Save table…")
                    .on_hover_text("Save the table as CSV (or Markdown, for a .md name)")
                    .clicked()
                {
                    out.push(Command::SaveComparison);
                }
            }
            ui.separator();
            let r = ui.add(
                egui::TextEdit::singleline(&mut self.new_name)
                    .hint_text("New cluster from selection")
                    .desired_width(190.0),
            );
            if std::mem::take(&mut self.focus_new_name) {
                r.request_focus();
            }
            let create = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let ok = !self.new_name.trim().is_empty();
            let b = ui
                .add_enabled(ok, egui::Button::new("Create"))
                .on_hover_text(UiCommand::NewClusterFromSelection.tooltip());
            if ok && (create || b.clicked()) {
                out.push(Command::NewCluster(
                    std::mem::take(&mut self.new_name),
                    selected.clone(),
                ));
            }
        });
    }
}

fn candidates_ui(ui: &mut Ui, offered: &[Offered], cluster: &ClusterId, out: &mut Vec<Command>) {
    if offered.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.strong("May belong here");
    egui::ScrollArea::vertical()
        .id_salt("compare-candidates")
        .show(ui, |ui| {
            for o in offered {
                let id = &o.candidate.id;
                ui.horizontal(|ui| {
                    if ui
                        .small_button("+")
                        .on_hover_text("Add it to the cluster")
                        .clicked()
                    {
                        out.push(Command::JoinCluster(cluster.clone(), vec![id.clone()]));
                    }
                    if ui
                        .add(
                            egui::Label::new(&o.line)
                                .truncate()
                                .sense(egui::Sense::click()),
                        )
                        .on_hover_text("Show it in its article")
                        .clicked()
                    {
                        out.push(Command::SelectAnnotation(id.clone()));
                    }
                });
            }
        });
}
