//! The comparison view: one cluster as a table (outlet, date, the span in its sentence,
//! the figure's numbers, attribution, verdict, status), sortable, each row a jump to its
//! span; a chart of the figures by outlet ([`super::compare_chart`]); the candidates the
//! cluster may want; and the cluster's own changes. A panel under the article, so a row
//! clicked shows its span above while the table stays in view.
//!
//! The rows come from [`crate::compare::rows`] and are kept until the project changes
//! or another cluster is chosen; only the rows on screen are drawn.

use eframe::egui;

use crate::cluster::{Candidate, candidates};
use crate::compare::{Filter, Row, table};
use crate::model::{AnnotationId, ClusterId};
use crate::ui::command::{Command, UiCommand};
use crate::ui::session::Session;
use egui::{RichText, Ui};

/// A column the table sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The document's outlet.
    Outlet,
    /// The publication date.
    Published,
    /// The label.
    Label,
    /// The annotated text.
    Text,
    /// The figure's value (or the middle of its bounds).
    Value,
    /// Who it is attributed to.
    Speaker,
    /// The claim's verdict.
    Verdict,
}

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

/// Sorts the rows by `sort`, keeping the comparison's order among equals; `None` is
/// that order itself (date, outlet, place), which the rows come in.
fn sort_rows(rows: &mut [Row], sort: Option<(Column, bool)>) {
    let Some((col, desc)) = sort else {
        return;
    };
    let key = |r: &Row| -> (Option<String>, Option<f64>) {
        match col {
            Column::Outlet => (Some(r.outlet.to_lowercase()), None),
            Column::Published => (r.published.map(|d| d.to_string()), None),
            Column::Label => (Some(r.label.clone()), None),
            Column::Text => (Some(r.text.to_lowercase()), None),
            Column::Value => (None, r.central()),
            Column::Speaker => (r.speaker.as_ref().map(|s| s.to_lowercase()), None),
            Column::Verdict => (r.verdict.clone(), None),
        }
    };
    rows.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        // Rows without the field go last either way.
        let o = match (ka.1, kb.1) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => return std::cmp::Ordering::Less,
            (None, Some(_)) => return std::cmp::Ordering::Greater,
            (None, None) => match (&ka.0, &kb.0) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => return std::cmp::Ordering::Less,
                (None, Some(_)) => return std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            },
        };
        if desc { o.reverse() } else { o }
    });
}

/// The table's columns: heading, width, and the column it sorts by. The sentence's
/// width is what the others leave (within bounds), so the numbers stay in view.
const HEADINGS: [(&str, f32, Option<Column>); 9] = [
    ("Outlet", 118.0, Some(Column::Outlet)),
    ("Date", 76.0, Some(Column::Published)),
    ("Value", 118.0, Some(Column::Value)),
    ("Range", 118.0, None),
    ("Attributed to", 128.0, Some(Column::Speaker)),
    ("In its sentence", 0.0, Some(Column::Text)),
    ("Label", 52.0, Some(Column::Label)),
    ("Precision / from", 120.0, None),
    ("Verdict", 80.0, Some(Column::Verdict)),
];

/// Where the sentence is in [`HEADINGS`] and in the cells.
const SENTENCE: usize = 5;

/// The columns' widths for a table `width` wide.
fn widths(ui: &Ui, width: f32) -> [f32; 9] {
    let gap = ui.spacing().item_spacing.x;
    let x = ui.spacing().interact_size.y + gap;
    let fixed: f32 = HEADINGS.iter().map(|h| h.1 + gap).sum::<f32>() + x;
    let mut w = HEADINGS.map(|h| h.1);
    w[SENTENCE] = (width - fixed).clamp(160.0, 480.0);
    w
}

fn table_ui(
    ui: &mut Ui,
    s: &Session,
    rows: &mut [Row],
    sort: &mut Option<(Column, bool)>,
    cluster: &ClusterId,
    out: &mut Vec<Command>,
) {
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let widths = widths(ui, ui.available_width());
    egui::ScrollArea::horizontal()
        .id_salt("compare-table-h")
        .show(ui, |ui| {
            ui.vertical(|ui| {
                ui.horizontal(|ui| {
                    let x = ui.spacing().interact_size.y + ui.spacing().item_spacing.x;
                    ui.add_space(x - ui.spacing().item_spacing.x);
                    for ((title, _, col), w) in HEADINGS.into_iter().zip(widths) {
                        let mark = match (*sort, col) {
                            (Some((c, desc)), Some(k)) if c == k => {
                                if desc {
                                    " ▼"
                                } else {
                                    " ▲"
                                }
                            }
                            _ => "",
                        };
                        let text = RichText::new(format!("{title}{mark}")).strong();
                        ui.allocate_ui(egui::vec2(w, row_h), |ui| {
                            ui.set_width(w);
                            match col {
                                Some(k) => {
                                    let r = ui
                                        .add(egui::Button::new(text).frame(false))
                                        .on_hover_text("Sort by this column; again to reverse");
                                    if r.clicked() {
                                        *sort = match *sort {
                                            Some((c, false)) if c == k => Some((k, true)),
                                            Some((c, true)) if c == k => None,
                                            _ => Some((k, false)),
                                        };
                                    }
                                }
                                None => {
                                    ui.label(text);
                                }
                            }
                        });
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("compare-table-v")
                    .auto_shrink([false, true])
                    .show_rows(ui, row_h, rows.len(), |ui, range| {
                        // Sentences are found for the rows on screen, once each.
                        crate::compare::fill_sentences(&s.ws, &mut rows[range.clone()]);
                        for r in &rows[range] {
                            row_ui(ui, r, &widths, row_h, cluster, out);
                        }
                    });
            });
        });
}

fn row_ui(
    ui: &mut Ui,
    r: &Row,
    widths: &[f32; 9],
    h: f32,
    cluster: &ClusterId,
    out: &mut Vec<Command>,
) {
    let cells = row_cells(r);
    let mut clicked = false;
    let mut hovered = false;
    let resp = ui
        .horizontal(|ui| {
            // First, so it is in view however narrow the table.
            let x = ui
                .small_button("×")
                .on_hover_text("Take this annotation out of the cluster");
            if x.clicked() {
                out.push(Command::LeaveCluster(cluster.clone(), vec![r.id.clone()]));
            }
            for (i, w) in widths.iter().enumerate() {
                ui.allocate_ui(egui::vec2(*w, h), |ui| {
                    ui.set_width(*w);
                    // Each cell is a click target (not the whole row, which would sit
                    // over the × button and take its clicks).
                    let cell = egui::Label::new(&cells[i])
                        .truncate()
                        .sense(egui::Sense::click());
                    let mut resp = ui.add(cell);
                    if i == SENTENCE
                        && let Some(s) = &r.sentence
                    {
                        resp = resp.on_hover_text(&s.text);
                    }
                    clicked |= resp.clicked();
                    hovered |= resp.hovered();
                });
            }
        })
        .response;
    if clicked {
        out.push(Command::SelectAnnotation(r.id.clone()));
    }
    if hovered {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        ui.painter().rect_stroke(
            resp.rect,
            2.0,
            ui.visuals().widgets.hovered.bg_stroke,
            egui::StrokeKind::Inside,
        );
    }
}

/// What each column shows for a row.
fn row_cells(r: &Row) -> [String; 9] {
    let range = match (r.low, r.high) {
        (Some(l), Some(h)) if l != h => {
            format!("{} – {}", table::grouped(Some(l)), table::grouped(Some(h)))
        }
        (Some(l), None) => format!("≥ {}", table::grouped(Some(l))),
        (None, Some(h)) => format!("≤ {}", table::grouped(Some(h))),
        _ => String::new(),
    };
    let how = match (r.precision, r.value_from) {
        (Some(p), Some(f)) => format!("{} · {}", p.as_str(), f.as_str()),
        (Some(p), None) => p.as_str().to_owned(),
        (None, Some(f)) => f.as_str().to_owned(),
        (None, None) => String::new(),
    };
    let mut value = table::grouped(r.value);
    if let Some(u) = &r.unit
        && !value.is_empty()
    {
        value = format!("{value} {u}");
    }
    [
        r.outlet.clone(),
        r.published.map(|d| d.to_string()).unwrap_or_default(),
        value,
        range,
        r.speaker.clone().unwrap_or_default(),
        r.sentence
            .as_ref()
            .map_or_else(|| r.text.clone(), |s| s.text.clone()),
        r.label.clone(),
        how,
        r.verdict.clone().unwrap_or_default(),
    ]
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

/// The ids of the rows, in the order shown: for tests and for "select all".
pub fn row_ids(rows: &[Row]) -> Vec<AnnotationId> {
    rows.iter().map(|r| r.id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(outlet: &str, value: Option<f64>) -> Row {
        Row {
            id: AnnotationId::from(outlet),
            doc: outlet.into(),
            outlet: outlet.into(),
            published: None,
            label: "figure".into(),
            kind: None,
            text: String::new(),
            span: 0..0,
            sentence: None,
            cluster: None,
            value,
            low: None,
            high: None,
            unit: None,
            counted: None,
            precision: None,
            value_from: None,
            speaker: None,
            verdict: None,
            status: None,
        }
    }

    #[test]
    fn sorting_by_value_puts_rows_without_one_last_both_ways() {
        let mut rows = vec![row("a", Some(3.0)), row("b", None), row("c", Some(1.0))];
        sort_rows(&mut rows, Some((Column::Value, false)));
        assert_eq!(
            row_ids(&rows),
            ["c".into(), "a".into(), "b".into()] as [AnnotationId; 3]
        );
        sort_rows(&mut rows, Some((Column::Value, true)));
        assert_eq!(
            row_ids(&rows),
            ["a".into(), "c".into(), "b".into()] as [AnnotationId; 3]
        );
        sort_rows(&mut rows, Some((Column::Outlet, true)));
        assert_eq!(
            row_ids(&rows),
            ["c".into(), "b".into(), "a".into()] as [AnnotationId; 3]
        );
    }
}
