//! The curation panel: where two annotators agree and differ on the current document,
//! the agreement figures of the document and of the project, and a list of the places
//! they differ, stepped through with N and Shift+N; A and B take a version (each one
//! undo step), and any place can be edited by hand instead.
//!
//! Whether a place is settled is read from the project (see [`crate::curate`]), except
//! that keeping the version the project already holds changes nothing in it: that is
//! remembered here, with the history's revision at the time, so Ctrl+Z unsettles it as
//! it would undo a change.

use eframe::egui;

use crate::agree::{Report, Scores};
use crate::curate::choice::{holds, initially};
use crate::curate::pairing::{Item, Kind};
use crate::curate::{Curation, Mode, Side};
use crate::model::{Annotation, DocId, LabelScheme};
use crate::ui::annotation_list::label_color;
use crate::ui::article::{OutlineMark, OutlineMarks};
use crate::ui::command::{Command, UiCommand};
use crate::ui::session::Session;
use egui::{Color32, RichText, Ui};
use std::collections::HashMap;
use std::sync::Arc;

/// A place of the curation: a document and the index of an item in it.
pub type Place = (DocId, usize);

/// What the project holds at a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Neither version was taken yet.
    Open,
    /// A's version.
    A,
    /// B's version.
    B,
    /// Both versions (a span added by hand, say).
    Both,
    /// Something else: edited by hand or deleted.
    Edited,
}

impl Status {
    /// The word the list shows.
    pub fn word(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::A => "A's",
            Status::B => "B's",
            Status::Both => "both",
            Status::Edited => "edited",
        }
    }
}

/// The colour of a kind of place, in the panel and on the article.
pub fn kind_color(kind: Kind) -> Color32 {
    match kind {
        Kind::Agreed => Color32::from_rgb(60, 150, 80),
        Kind::DifferentLabel => Color32::from_rgb(210, 60, 60),
        Kind::DifferentRanges => Color32::from_rgb(150, 80, 200),
        Kind::OnlyA => Color32::from_rgb(40, 120, 220),
        Kind::OnlyB => Color32::from_rgb(220, 130, 20),
    }
}

/// The curation panel's state.
#[derive(Debug, Default)]
pub struct CurationView {
    /// Show the agreed places in the list too.
    pub show_agreed: bool,
    /// The place the curator is on.
    cursor: Option<Place>,
    /// Places settled by keeping what the project holds, and which side that was.
    kept: HashMap<Place, Side>,
    /// The same, in order, with the history's revision when each was kept.
    keeps: Vec<(Place, u64)>,
    /// Bumped at each keep and each undone keep: what the caches below are keyed on
    /// besides the revision (a count of keeps could come back to the same number).
    kept_changes: u64,
    /// The current document's statuses, for (revision, document, keep changes).
    statuses: Option<(u64, DocId, u64, Vec<Status>)>,
    /// Agreement on the current document, and on the project.
    doc_scores: Option<(DocId, Report)>,
    project_scores: Option<Report>,
    /// The article's marks, for (revision, document, cursor, keep changes).
    marks: Option<(MarksKey, Arc<OutlineMarks>)>,
    /// Choosing two annotators, when the project has more than two.
    pub choosing: Option<AnnotatorChoice>,
    /// (total, settled) for (revision, keep changes): the panel shows it every frame, and
    /// counting reads every place of the project.
    progress: std::cell::Cell<Option<Counted>>,
}

/// (revision, keep changes, (total, settled)).
type Counted = (u64, u64, (usize, usize));

type MarksKey = (u64, DocId, Option<usize>, u64, bool);

fn status_of(
    item: &Item,
    mode: &Mode,
    project: &crate::model::Project,
    kept: Option<Side>,
) -> Status {
    let now = holds(item, mode, project);
    let as_a = (item.a.is_some(), false);
    let as_b = (false, item.b.is_some());
    if now == initially(item, mode) {
        return match kept {
            Some(Side::A) => Status::A,
            Some(Side::B) => Status::B,
            None => Status::Open,
        };
    }
    if now == as_a {
        Status::A
    } else if now == as_b {
        Status::B
    } else if now == (true, true) {
        Status::Both
    } else {
        Status::Edited
    }
}

impl CurationView {
    /// Starts curating `c` on the session's project (the session holds it, so closing
    /// the project ends it).
    pub fn begin(&mut self, s: &mut Session, c: Curation) {
        let project_scores = c.scores(None);
        s.curation = Some(Arc::new(c));
        *self = CurationView {
            show_agreed: self.show_agreed,
            project_scores: Some(project_scores),
            ..Default::default()
        };
    }

    /// Forgets the places kept and the figures: the curation ended, or the project
    /// closed.
    pub fn reset(&mut self) {
        *self = CurationView {
            show_agreed: self.show_agreed,
            ..Default::default()
        };
    }

    /// The place the curator is on.
    pub fn cursor(&self) -> Option<&Place> {
        self.cursor.as_ref()
    }

    /// Puts the curator on `place`.
    pub fn set_cursor(&mut self, place: Place) {
        self.cursor = Some(place);
    }

    /// The statuses of the current document's items, in order.
    pub fn statuses(&mut self, s: &Session) -> &[Status] {
        let (Some(c), Some(doc)) = (&s.curation, &s.current) else {
            return &[];
        };
        let rev = s.history.revision();
        let fresh = matches!(&self.statuses, Some((r, d, k, _)) if *r == rev && d == doc && *k == self.kept_changes);
        if !fresh {
            let list = c
                .doc(doc)
                .map(|d| {
                    d.items
                        .iter()
                        .enumerate()
                        .map(|(i, it)| {
                            let kept = self.kept.get(&(doc.clone(), i)).copied();
                            status_of(it, &c.mode, s.project(), kept)
                        })
                        .collect()
                })
                .unwrap_or_default();
            self.statuses = Some((rev, doc.clone(), self.kept_changes, list));
        }
        self.statuses.as_ref().map_or(&[], |x| &x.3)
    }

    /// The status of one place (of any document).
    pub fn status(&self, s: &Session, place: &Place) -> Option<Status> {
        let c = s.curation.as_ref()?;
        let it = item(s, place)?;
        Some(status_of(
            it,
            &c.mode,
            s.project(),
            self.kept.get(place).copied(),
        ))
    }

    /// The next (or previous) open disagreement after the cursor: in the current
    /// document, then in the documents after (or before) it, wrapping around.
    pub fn step(&self, s: &Session, forward: bool) -> Option<Place> {
        let c = s.curation.as_ref()?;
        let docs = &c.docs;
        if docs.is_empty() {
            return None;
        }
        let here = s.current.as_ref();
        let start_doc = here
            .and_then(|d| docs.iter().position(|x| &x.doc == d))
            .unwrap_or(0);
        let cursor = self
            .cursor
            .as_ref()
            .filter(|p| Some(&p.0) == here)
            .map(|p| p.1);
        let open = |d: &DocId, i: usize, it: &Item| {
            it.kind.is_disagreement() && self.status(s, &(d.clone(), i)) == Some(Status::Open)
        };
        for k in 0..=docs.len() {
            let di = if forward {
                (start_doc + k) % docs.len()
            } else {
                (start_doc + docs.len() - k % docs.len()) % docs.len()
            };
            let d = &docs[di];
            let n = d.items.len();
            let order: Box<dyn Iterator<Item = usize>> = match (k, cursor, forward) {
                (0, Some(c), true) => Box::new(c + 1..n),
                (0, Some(c), false) => Box::new((0..c).rev()),
                (_, _, true) => Box::new(0..n),
                (_, _, false) => Box::new((0..n).rev()),
            };
            for i in order {
                if open(&d.doc, i, &d.items[i]) {
                    return Some((d.doc.clone(), i));
                }
            }
        }
        None
    }

    /// Settles `place` as `side`'s without a change to the project (it holds that
    /// version already); `revision` is the history's now.
    pub fn keep(&mut self, place: Place, side: Side, revision: u64) {
        self.kept.insert(place.clone(), side);
        self.keeps.push((place, revision));
        self.kept_changes += 1;
    }

    /// Ctrl+Z: unsettles the last place kept, when nothing changed since it was kept
    /// (`revision` is the history's now); returns whether it did, so the history's own
    /// undo runs otherwise.
    pub fn undo_keep(&mut self, revision: u64) -> Option<Place> {
        let (place, at) = self.keeps.last()?.clone();
        if at != revision {
            return None;
        }
        self.keeps.pop();
        self.kept.remove(&place);
        self.kept_changes += 1;
        self.cursor = Some(place.clone());
        Some(place)
    }

    /// How many disagreements there are in the project, and how many are settled.
    pub fn progress(&self, s: &Session) -> (usize, usize) {
        let Some(c) = &s.curation else {
            return (0, 0);
        };
        let key = (s.history.revision(), self.kept_changes);
        if let Some((rev, keeps, counts)) = self.progress.get()
            && (rev, keeps) == key
        {
            return counts;
        }
        let mut total = 0;
        let mut settled = 0;
        for d in &c.docs {
            for (i, it) in d.items.iter().enumerate() {
                if it.kind.is_disagreement() {
                    total += 1;
                    if self.status(s, &(d.doc.clone(), i)) != Some(Status::Open) {
                        settled += 1;
                    }
                }
            }
        }
        self.progress.set(Some((key.0, key.1, (total, settled))));
        (total, settled)
    }

    /// The article's marks for the current document.
    pub fn marks(&mut self, s: &Session) -> Option<Arc<OutlineMarks>> {
        let c = s.curation.clone()?;
        let doc = s.current.clone()?;
        let cursor = self.cursor.as_ref().filter(|p| p.0 == doc).map(|p| p.1);
        let key: MarksKey = (
            s.history.revision(),
            doc.clone(),
            cursor,
            self.kept_changes,
            self.show_agreed,
        );
        if let Some((k, m)) = &self.marks
            && *k == key
        {
            return Some(m.clone());
        }
        let statuses = self.statuses(s).to_vec();
        let mut marks = Vec::new();
        if let Some(d) = c.doc(&doc) {
            for (i, it) in d.items.iter().enumerate() {
                let st = statuses.get(i).copied().unwrap_or(Status::Open);
                let settled = st != Status::Open && it.kind.is_disagreement();
                let mut color = kind_color(it.kind);
                if it.kind == Kind::Agreed {
                    color = color.gamma_multiply(0.45);
                } else if settled {
                    color = color.gamma_multiply(0.35);
                }
                let (ha, hb) = holds(it, &c.mode, s.project());
                // An agreed place is one outline.
                let both = [(&it.a, ha), (&it.b, hb)];
                let versions = if it.kind == Kind::Agreed {
                    &both[..1]
                } else {
                    &both[..]
                };
                for (v, held) in versions {
                    let Some(v) = v else { continue };
                    marks.push(OutlineMark {
                        ranges: v.ranges().collect(),
                        color,
                        absent: !*held,
                        current: cursor == Some(i),
                        fill: false,
                    });
                }
            }
        }
        let m = Arc::new(OutlineMarks::new(doc, marks));
        self.marks = Some((key, m.clone()));
        Some(m)
    }

    /// Draws the panel.
    pub fn curation_ui(&mut self, ui: &mut Ui, s: &Session, out: &mut Vec<Command>) {
        let Some(c) = s.curation.clone() else {
            return;
        };
        ui.horizontal(|ui| {
            ui.heading("Curation");
            ui.label(RichText::new(format!("A: {}", c.names[0])).color(kind_color(Kind::OnlyA)));
            ui.label(RichText::new(format!("B: {}", c.names[1])).color(kind_color(Kind::OnlyB)));
            let (total, settled) = self.progress(s);
            ui.label(format!("{settled} of {total} disagreements settled"));
            ui.checkbox(&mut self.show_agreed, "Show agreed");
            if ui
                .button("End curation")
                .on_hover_text(UiCommand::EndCuration.tooltip())
                .clicked()
            {
                out.push(Command::Ui(UiCommand::EndCuration));
            }
        });
        let mut notes = Vec::new();
        if !c.left_out_labels.is_empty() {
            notes.push(format!(
                "Labels only one side has, not measured: {}",
                c.left_out_labels.join(", ")
            ));
        }
        if c.unshared > 0 {
            notes.push(format!(
                "{} document(s) of this project are not in {} (no document there has the same text)",
                c.unshared, c.names[1]
            ));
        }
        if !c.changed.is_empty() {
            let ids: Vec<String> = c.changed.iter().map(|d| d.to_string()).collect();
            notes.push(format!(
                "Same id, other text in {}, left out: {}",
                c.names[1],
                ids.join(", ")
            ));
        }
        for n in notes {
            ui.label(RichText::new(n).small().weak());
        }
        let Some(doc) = s.current.clone() else {
            ui.label("Choose a document.");
            return;
        };
        let Some(cd) = c.doc(&doc) else {
            ui.label(format!(
                "This document is not in {}: no document there has its text.",
                c.names[1]
            ));
            return;
        };
        if self.doc_scores.as_ref().is_none_or(|(d, _)| *d != doc) {
            self.doc_scores = Some((doc.clone(), c.scores(Some(&doc))));
        }
        if let Some((_, r)) = &self.doc_scores {
            scores_line_ui(ui, "This document", &r.overall);
        }
        if let Some(r) = &self.project_scores {
            scores_line_ui(
                ui,
                &format!("Project ({} documents)", r.documents),
                &r.overall,
            );
        }
        ui.horizontal_wrapped(|ui| {
            for (k, n) in Kind::ALL.iter().zip(cd.counts()) {
                ui.label(RichText::new(format!("{n} {}", k.name())).color(kind_color(*k)));
            }
        });
        ui.label(
            RichText::new(
                "N next · Shift+N previous · A take A's · B take B's · or edit the span by hand · Ctrl+Z undoes",
            )
            .small()
            .weak(),
        );
        ui.separator();
        let statuses = self.statuses(s).to_vec();
        let cursor = self.cursor.as_ref().filter(|p| p.0 == doc).map(|p| p.1);
        let shown: Vec<usize> = cd
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| self.show_agreed || it.kind.is_disagreement())
            .map(|(i, _)| i)
            .collect();
        if shown.is_empty() {
            ui.label("A and B agree on every span of this document.");
            return;
        }
        let labels = &s.project().labels;
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, row_h, shown.len(), |ui, rows| {
                for &i in &shown[rows] {
                    let it = &cd.items[i];
                    let st = statuses.get(i).copied().unwrap_or(Status::Open);
                    let here = cursor == Some(i);
                    let r = ui.horizontal(|ui| {
                        let mark = if here { "▶" } else { " " };
                        ui.label(RichText::new(mark).monospace());
                        // The buttons first, so a narrow window cuts the words, not them.
                        let place = (doc.clone(), i);
                        if it.kind.is_disagreement() {
                            if ui
                                .small_button("A's")
                                .on_hover_text("Take A's version here")
                                .clicked()
                            {
                                out.push(Command::TakeVersion(place.clone(), Side::A));
                            }
                            if ui
                                .small_button("B's")
                                .on_hover_text("Take B's version here")
                                .clicked()
                            {
                                out.push(Command::TakeVersion(place.clone(), Side::B));
                            }
                        }
                        if ui
                            .small_button("Show")
                            .on_hover_text("Show this place in the article")
                            .clicked()
                        {
                            out.push(Command::ShowPlace(place));
                        }
                        let word = RichText::new(st.word());
                        ui.label(if st == Status::Open {
                            word.strong()
                        } else {
                            word.weak()
                        });
                        ui.label(
                            RichText::new(it.kind.name())
                                .color(kind_color(it.kind))
                                .strong(),
                        )
                        .on_hover_text("How A's and B's versions differ here");
                        version_ui(ui, "A", it.a.as_ref(), labels);
                        version_ui(ui, "B", it.b.as_ref(), labels);
                    });
                    if here {
                        ui.painter().rect_stroke(
                            r.response.rect.expand(1.0),
                            2.0,
                            egui::Stroke::new(1.0, ui.visuals().selection.stroke.color),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
            });
    }
}

/// The item at `place` of the session's curation.
pub fn item<'a>(s: &'a Session, place: &Place) -> Option<&'a Item> {
    s.curation.as_ref()?.doc(&place.0)?.items.get(place.1)
}

/// One side's version in a row: its label and words, or a dash.
fn version_ui(ui: &mut Ui, side: &str, a: Option<&Annotation>, labels: &LabelScheme) {
    match a {
        Some(a) => {
            let name = labels
                .get(&a.label)
                .map_or(a.label.clone(), |l| l.name.clone());
            let words: String = if a.text.chars().count() > 48 {
                let cut: String = a.text.chars().take(46).collect();
                format!("{cut}…")
            } else {
                a.text.clone()
            };
            ui.label(format!("{side}:"));
            ui.label(RichText::new(name).color(label_color(labels, &a.label)));
            ui.label(format!("“{words}”")).on_hover_text(&a.text);
        }
        None => {
            ui.label(RichText::new(format!("{side}: —")).weak());
        }
    }
}

fn fmt(x: Option<f64>) -> String {
    x.map_or("n/a".to_owned(), |v| format!("{v:.2}"))
}

/// "This document: κ 0.71 · α 0.70 · αu 0.65 · F1 exact 0.60 · overlap 0.80".
fn scores_line_ui(ui: &mut Ui, what: &str, sc: &Scores) {
    ui.label(format!(
        "{what}: κ {} · α {} · αu {} · F1 exact {} · overlap {} · spans A {} B {}",
        fmt(sc.kappa),
        fmt(sc.alpha),
        fmt(sc.alpha_u),
        fmt(sc.f1_exact),
        fmt(sc.f1_overlap),
        sc.n_a,
        sc.n_b
    ))
    .on_hover_text(
        "Agreement as the curation began, as `sourcemark agree` measures it: Cohen's κ and Krippendorff's α over chars, unitizing α over spans, F1 of spans matched exactly or by overlap",
    );
}

/// Choosing the two annotators of a project to curate, when it has more than two.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnotatorChoice {
    names: Vec<String>,
    a: usize,
    b: usize,
}

impl AnnotatorChoice {
    /// A choice among `names` (two or more), the first two chosen.
    pub fn new(names: Vec<String>) -> Self {
        Self { names, a: 0, b: 1 }
    }

    /// Draws the two choosers and Begin; returns the command Begin gives.
    pub fn choice_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let shown = |n: &str| {
            if n.is_empty() {
                "(no name)".to_owned()
            } else {
                n.to_owned()
            }
        };
        for (label, pick) in [("A", &mut self.a), ("B", &mut self.b)] {
            ui.horizontal(|ui| {
                ui.label(format!("{label}:"));
                egui::ComboBox::from_label(format!("annotator {label}"))
                    .selected_text(shown(&self.names[*pick]))
                    .show_ui(ui, |ui| {
                        for (i, n) in self.names.iter().enumerate() {
                            ui.selectable_value(pick, i, shown(n));
                        }
                    });
            });
        }
        let same = self.a == self.b;
        if same {
            ui.label(RichText::new("Choose two different annotators").weak());
        }
        let begin = ui.add_enabled(!same, egui::Button::new("Begin")).clicked()
            || (!same && ui.input(|i| i.key_pressed(egui::Key::Enter)));
        begin.then(|| Command::CurateNamed(self.names[self.a].clone(), self.names[self.b].clone()))
    }
}
