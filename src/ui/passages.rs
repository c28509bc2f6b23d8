//! The shared passages of the open project, for the article's margin and the carry
//! command: found on a worker thread ([`crate::reuse::find`]) whenever the texts
//! change (a project opened, an article added, relinked or read at last), never on an
//! annotation edit, and kept with the texts they were found on, the (document, SHA-256)
//! of each loaded article. While a new search runs, the passages found before stay
//! shown for the documents whose texts did not change.
//!
//! No egui here: the app polls [`SharedPassages::refresh`] once a frame (an idle
//! frame compares two numbers) and repaints while a search runs.

use crate::model::DocId;
use crate::reuse::carry::{Which, outlet};
use crate::reuse::{self, Params, Passage};
use crate::text::DocText;
use crate::ui::session::Session;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;
use std::thread::JoinHandle;

/// The texts passages are found on: each loaded document's SHA-256.
type Texts = BTreeMap<DocId, String>;

/// A passage with the side of it that is in the document at hand.
type Sided = (Passage, Which);

/// The passages of the open project and the search that finds them.
#[derive(Default)]
pub struct SharedPassages {
    /// The (history revision, loaded articles) at which `texts` was last brought up
    /// to date: nothing else changes the texts.
    checked: Option<(u64, usize)>,
    /// The texts now.
    texts: Texts,
    /// The last passages found, with the texts they were found on.
    found: Option<Found>,
    /// The search under way.
    job: Option<Job>,
    /// Bumped whenever `found` changes, so the marks of a document are made again.
    generation: u64,
    /// The regions of one document, for (generation, document, revision).
    marks: Option<((u64, DocId, u64), Arc<DocPassages>)>,
}

struct Found {
    texts: Texts,
    passages: Vec<Passage>,
}

struct Job {
    texts: Texts,
    handle: JoinHandle<Vec<Passage>>,
}

/// The shared passages of one document, merged into regions where they overlap (one
/// sentence taken by two outlets is one region with two other documents).
#[derive(Debug, PartialEq)]
pub struct DocPassages {
    /// The document.
    pub doc: DocId,
    /// Its regions, in text order, apart from each other.
    pub regions: Vec<Region>,
}

/// Text of a document that other documents share.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    /// Its chars: from the first passage's start to the last one's end.
    pub range: Range<usize>,
    /// The documents it is shared with, in the project's order.
    pub others: Vec<Other>,
}

/// Another document that shares (part of) a region.
#[derive(Clone, Debug, PartialEq)]
pub struct Other {
    /// The document.
    pub doc: DocId,
    /// Its outlet, else its id: what the marker says ("also in Iran News").
    pub name: String,
    /// Its text to show and select: the other side of the longest passage.
    pub show: Range<usize>,
    /// The passages with it, and the side of each that is in the region's document.
    pub passages: Vec<(Passage, Which)>,
}

/// What a person asked of a passage's marker.
#[derive(Clone, Debug, PartialEq)]
pub enum PassageAction {
    /// Show the other document with its side selected.
    Show(DocId, Range<usize>),
    /// Carry this document's annotations across these passages.
    Carry(Vec<(Passage, Which)>),
}

impl PassageAction {
    /// The command that does it, after the frame.
    pub fn command(self) -> crate::ui::command::Command {
        use crate::ui::command::Command;
        match self {
            PassageAction::Show(doc, range) => Command::ShowPassage(doc, range),
            PassageAction::Carry(passages) => Command::CarryPassages(passages),
        }
    }
}

impl SharedPassages {
    /// Brings the texts up to date and starts a search when they changed; takes a
    /// finished search's passages. Returns true while a search runs (repaint soon).
    pub fn refresh(&mut self, session: &Session) -> bool {
        let ws = &session.ws;
        let loaded = ws
            .articles
            .values()
            .filter(|a| matches!(a, crate::workspace::Article::Loaded(_)))
            .count();
        let now = (session.history.revision(), loaded);
        if self.checked != Some(now) {
            self.checked = Some(now);
            if !same_texts(&self.texts, session) {
                self.texts = texts_of(session);
            }
        }
        if let Some(job) = &self.job
            && job.handle.is_finished()
            && let Some(job) = self.job.take()
        {
            // A search that panicked finds nothing; the next change of texts tries again.
            let passages = job.handle.join().unwrap_or_default();
            self.found = Some(Found {
                texts: job.texts,
                passages,
            });
            self.generation += 1;
        }
        let wanted = self
            .job
            .as_ref()
            .map(|j| &j.texts)
            .or(self.found.as_ref().map(|f| &f.texts));
        if self.job.is_none() && wanted != Some(&self.texts) {
            self.start(session);
        }
        self.job.is_some()
    }

    /// Starts a search over the loaded texts, on a worker thread.
    fn start(&mut self, session: &Session) {
        let ws = &session.ws;
        let docs: Vec<(DocId, Arc<DocText>)> = ws
            .project
            .documents
            .iter()
            .filter_map(|d| ws.text(&d.id).map(|t| (d.id.clone(), t.clone())))
            .collect();
        let spawned = std::thread::Builder::new()
            .name("sourcemark-passages".into())
            .spawn(move || {
                let refs: Vec<(DocId, &str)> =
                    docs.iter().map(|(d, t)| (d.clone(), t.as_str())).collect();
                reuse::find(&refs, &Params::default())
            });
        match spawned {
            Ok(handle) => {
                self.job = Some(Job {
                    texts: self.texts.clone(),
                    handle,
                })
            }
            // No thread, no passages; the texts are marked as searched so that no
            // frame tries again until they change.
            Err(_) => {
                self.found = Some(Found {
                    texts: self.texts.clone(),
                    passages: Vec::new(),
                });
                self.generation += 1;
            }
        }
    }

    /// Whether the passages of the texts as they are now have been found.
    pub fn is_current(&self) -> bool {
        self.job.is_none() && self.found.as_ref().is_some_and(|f| f.texts == self.texts)
    }

    /// The passages found whose two documents' texts are still the ones they were
    /// found on.
    pub fn passages(&self) -> impl Iterator<Item = &Passage> {
        let found = self.found.as_ref();
        found
            .into_iter()
            .flat_map(|f| f.passages.iter().map(move |p| (f, p)))
            .filter(|(f, p)| self.still(f, &p.a.doc) && self.still(f, &p.b.doc))
            .map(|(_, p)| p)
    }

    fn still(&self, f: &Found, doc: &DocId) -> bool {
        f.texts
            .get(doc)
            .is_some_and(|sha| self.texts.get(doc) == Some(sha))
    }

    /// The regions of `doc`, made once per search, document and revision (outlets are
    /// edits too).
    pub fn of_doc(&mut self, session: &Session, doc: &DocId) -> Arc<DocPassages> {
        let revision = session.history.revision();
        if let Some(((generation, d, r), marks)) = &self.marks
            && (*generation, d, *r) == (self.generation, doc, revision)
        {
            return marks.clone();
        }
        let key = (self.generation, doc.clone(), revision);
        let mine: Vec<(Passage, Which)> = self
            .passages()
            .filter_map(|p| Which::of(p, doc).map(|w| (p.clone(), w)))
            .collect();
        let marks = Arc::new(regions(session, doc, mine));
        self.marks = Some((key, marks.clone()));
        marks
    }

    /// The passages of `doc` whose side in it overlaps `range` (or, for an empty one,
    /// holds the caret there), with that side: what the carry command carries across.
    pub fn at(&self, doc: &DocId, range: Range<usize>) -> Vec<(Passage, Which)> {
        self.passages()
            .filter_map(|p| {
                let w = Which::of(p, doc)?;
                let (this, _) = w.sides(p);
                let hit = if range.is_empty() {
                    this.start <= range.start && range.start <= this.end
                } else {
                    this.start < range.end && range.start < this.end
                };
                hit.then(|| (p.clone(), w))
            })
            .collect()
    }
}

/// Whether `texts` are the session's loaded texts, without building them.
fn same_texts(texts: &Texts, session: &Session) -> bool {
    let ws = &session.ws;
    let mut n = 0;
    for d in &ws.project.documents {
        if ws.text(&d.id).is_none() {
            continue;
        }
        n += 1;
        if texts.get(&d.id) != Some(&d.sha256) {
            return false;
        }
    }
    n == texts.len()
}

fn texts_of(session: &Session) -> Texts {
    let ws = &session.ws;
    ws.project
        .documents
        .iter()
        .filter(|d| ws.text(&d.id).is_some())
        .map(|d| (d.id.clone(), d.sha256.clone()))
        .collect()
}

/// `passages` (each with its side in `doc`) merged into regions of `doc`.
fn regions(session: &Session, doc: &DocId, mut passages: Vec<(Passage, Which)>) -> DocPassages {
    let p = session.project();
    let this = |x: &(Passage, Which)| {
        let (s, _) = x.1.sides(&x.0);
        s.start..s.end
    };
    passages.sort_by_key(|x| (this(x).start, this(x).end));
    let mut groups: Vec<(Range<usize>, Vec<Sided>)> = Vec::new();
    for x in passages {
        let r = this(&x);
        match groups.last_mut() {
            Some((g, members)) if r.start < g.end => {
                g.end = g.end.max(r.end);
                members.push(x);
            }
            _ => groups.push((r, vec![x])),
        }
    }
    let order = |d: &DocId| p.document_index(d).unwrap_or(usize::MAX);
    let regions = groups
        .into_iter()
        .map(|(range, members)| {
            let mut others: Vec<Other> = Vec::new();
            for (passage, which) in members {
                let (_, other) = which.sides(&passage);
                let (other_doc, span, words) =
                    (other.doc.clone(), other.start..other.end, passage.words);
                match others.iter_mut().find(|o| o.doc == other_doc) {
                    Some(o) => {
                        let longest = o.passages.iter().map(|(q, _)| q.words).max();
                        if longest.is_none_or(|w| words > w) {
                            o.show = span;
                        }
                        o.passages.push((passage, which));
                    }
                    None => others.push(Other {
                        name: outlet(p, &other_doc),
                        doc: other_doc,
                        show: span,
                        passages: vec![(passage, which)],
                    }),
                }
            }
            others.sort_by_key(|o| order(&o.doc));
            Region { range, others }
        })
        .collect();
    DocPassages {
        doc: doc.clone(),
        regions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    use crate::ui::test_support::sample_session as sample;

    /// Refreshes until the search is done.
    fn settle(sp: &mut SharedPassages, s: &Session) {
        let t = Instant::now();
        while sp.refresh(s) {
            assert!(
                t.elapsed() < Duration::from_secs(30),
                "the search never ended"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn passages_are_found_once_per_texts_and_not_again_on_an_annotation_edit() {
        let (dir, mut s) = sample();
        let mut sp = SharedPassages::default();
        assert!(sp.refresh(&s), "a search starts on the first frame");
        settle(&mut sp, &s);
        assert!(sp.is_current());
        let n = sp.passages().count();
        assert!(n >= 2, "{n}");
        let generation = sp.generation;
        // An annotation edit: no new search.
        let id = s.project().annotations[0].id.clone();
        s.delete(&id).unwrap();
        assert!(!sp.refresh(&s));
        assert_eq!(sp.generation, generation);
        // A new article: a new search, which finds what the copy shares with its
        // original.
        let copy = dir.path().join("copy.txt");
        std::fs::copy(dir.path().join("articles/iran-news.txt"), &copy).unwrap();
        std::fs::write(
            &copy,
            format!("A preface.\n\n{}", std::fs::read_to_string(&copy).unwrap()),
        )
        .unwrap();
        s.add_article(&copy).unwrap();
        assert!(sp.refresh(&s), "the texts changed");
        assert!(!sp.is_current());
        // Meanwhile the old passages stay: no text of theirs changed.
        assert_eq!(sp.passages().count(), n);
        settle(&mut sp, &s);
        assert!(sp.is_current());
        assert!(sp.passages().count() > n);
    }

    #[test]
    fn a_sentence_taken_by_two_outlets_is_one_region_with_a_marker_for_each() {
        let (_d, s) = sample();
        let mut sp = SharedPassages::default();
        sp.refresh(&s);
        settle(&mut sp, &s);
        let rhc = DocId::from("radio-habana-cuba");
        let marks = sp.of_doc(&s, &rhc);
        assert!(Arc::ptr_eq(&marks, &sp.of_doc(&s, &rhc)), "made once");
        let text = s.ws.text(&rhc).unwrap();
        let at = text.char_of(text.as_str().find("a million-strong, peaceful").unwrap());
        let region = marks
            .regions
            .iter()
            .find(|r| r.range.contains(&at))
            .expect("Sadr's call is shared");
        let names: Vec<&str> = region.others.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Iran News", "Poster Speaks (blog)"]);
        // Regions are apart and in order.
        for w in marks.regions.windows(2) {
            assert!(w[0].range.end <= w[1].range.start);
        }
        // What a marker shows lies in the other document.
        let iran = &region.others[0];
        let other = s.ws.text(&iran.doc).unwrap();
        assert!(other.slice(iran.show.clone()).contains("Muqtada al-Sadr"));
        // The carry command finds the passages under the caret.
        let found = sp.at(&rhc, at..at);
        assert!(
            found
                .iter()
                .any(|(p, _)| p.a.doc == iran.doc || p.b.doc == iran.doc)
        );
        assert!(sp.at(&rhc, 0..0).is_empty(), "the headline is its own");
    }
}
