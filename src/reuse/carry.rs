//! Carrying annotations across a shared passage: the spans one outlet's copy of a
//! passage has, made again on the other outlet's copy, each linked `SameAs` to its
//! original and in the original's clusters.
//!
//! The two copies are near-identical, not identical ("U.S." and "US", a changed word),
//! so each annotation is found again by its words inside the other side's range, as
//! re-anchoring finds a span in a changed article ([`crate::anchor::locate`]): the exact
//! text first, the occurrence nearest the same place and with the same context
//! winning, then the fuzzy text-quote match. A span whose words are not there is
//! counted, not guessed. One whose `SameAs` partner already lies at that place is
//! counted as already there, so carrying twice adds nothing. Links between two
//! annotations carried together (a quote's `SaidBy` to its source) are made between
//! their copies too. Pure: the caller applies the transaction.

use super::{Passage, Side};
use crate::anchor::{self, Placement};
use crate::edit::{Edit, Transaction};
use crate::model::{
    Annotation, AnnotationId, CONTEXT_CHARS, DocId, LabelKind, Link, LinkId, LinkKind, Project, now,
};
use crate::text::DocText;
use crate::workspace::Workspace;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Which side of a passage the annotations are carried from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Which {
    /// From `a` to `b`.
    A,
    /// From `b` to `a`.
    B,
}

impl Which {
    /// The side of `passage` that is in `doc`, if one is.
    pub fn of(passage: &Passage, doc: &DocId) -> Option<Which> {
        if passage.a.doc == *doc {
            Some(Which::A)
        } else if passage.b.doc == *doc {
            Some(Which::B)
        } else {
            None
        }
    }

    /// The side carried from, and the side carried to.
    pub fn sides(self, passage: &Passage) -> (&Side, &Side) {
        match self {
            Which::A => (&passage.a, &passage.b),
            Which::B => (&passage.b, &passage.a),
        }
    }
}

/// What a carry did, or would do, for a message ("2 carried, 1 already there, 1 not
/// found").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CarryReport {
    /// The new annotations, in the order they are made.
    pub carried: Vec<AnnotationId>,
    /// Annotations whose `SameAs` partner (or an annotation of their label) already
    /// lies at that place.
    pub already: usize,
    /// Annotations whose words were not found on the other side.
    pub not_found: usize,
    /// Links between carried annotations made between their copies too.
    pub links: usize,
}

impl std::fmt::Display for CarryReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} carried, {} already there, {} not found",
            self.carried.len(),
            self.already,
            self.not_found
        )
    }
}

/// Why annotations cannot be carried across a passage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CarryError {
    /// A side's document is not in the project.
    #[error("document {0} is not in the project")]
    NoDocument(DocId),
    /// A side's article text is not loaded.
    #[error("the article of {0} is not available")]
    NoText(DocId),
    /// A side's range does not fit its text (the passages were found on another text).
    #[error("the passage no longer fits the text of {0}")]
    Stale(DocId),
}

/// The annotations of one side of `passage` carried to the other as one transaction
/// (new annotations, their `SameAs` links, the links among them), with what happened
/// to each. `annotator` is the name on the new annotations.
pub fn plan_carry(
    ws: &Workspace,
    passage: &Passage,
    from: Which,
    annotator: &str,
) -> Result<(Transaction, CarryReport), CarryError> {
    plan_carry_many(ws, &[(passage, from)], annotator)
}

/// [`plan_carry`] over several passages at once (the passages of one place shared with
/// several documents), as one transaction. An annotation reaches each document once.
pub fn plan_carry_many(
    ws: &Workspace,
    passages: &[(&Passage, Which)],
    annotator: &str,
) -> Result<(Transaction, CarryReport), CarryError> {
    let p = &ws.project;
    let mut report = CarryReport::default();
    let mut edits = Vec::new();
    let mut taken: HashSet<AnnotationId> = p.annotations.iter().map(|a| a.id.clone()).collect();
    // (original, document carried to) -> copy: each original reaches a document once.
    let mut copies: HashMap<(AnnotationId, DocId), AnnotationId> = HashMap::new();
    let mut targets: Vec<&DocId> = Vec::new();
    let t = now();
    for &(passage, which) in passages {
        let (src, dst) = which.sides(passage);
        let src_text = text_of(ws, &src.doc)?;
        let dst_text = text_of(ws, &dst.doc)?;
        let src_range = widened(&src_text, src)?;
        let dst_range = widened(&dst_text, dst)?;
        if !targets.contains(&&dst.doc) {
            targets.push(&dst.doc);
        }
        let window = DocText::new(dst_text.slice(dst_range.clone()).to_owned());
        for a in p.annotations_of(&src.doc) {
            if a.orphaned || !a.ranges().all(|r| within(&r, &src_range)) {
                continue;
            }
            if copies.contains_key(&(a.id.clone(), dst.doc.clone())) {
                continue;
            }
            let Some(ranges) = place(&src_text, a, &src_range, &window, dst_range.start) else {
                report.not_found += 1;
                continue;
            };
            if already_there(p, a, &dst.doc, &ranges) {
                report.already += 1;
                continue;
            }
            let Some(copy) = copy_of(a, &dst.doc, &dst_text, &ranges, annotator, &mut taken) else {
                report.not_found += 1;
                continue;
            };
            copies.insert((a.id.clone(), dst.doc.clone()), copy.id.clone());
            report.carried.push(copy.id.clone());
            let link = Link {
                id: fresh_link_id(p, &mut taken),
                from: copy.id.clone(),
                to: a.id.clone(),
                kind: LinkKind::SameAs,
                note: String::new(),
            };
            let mut copy = copy;
            copy.created = t;
            copy.modified = t;
            if is_figure(p, &copy.label) && copy.attrs.from_text && copy.text != a.text {
                // Numbers read from the words are read again from these words.
                crate::figure::fill_attributes(&mut copy.attrs, &copy.text);
            }
            edits.push(Edit::InsertAnnotation(copy));
            edits.push(Edit::InsertLink(link));
        }
    }
    // A link between two annotations carried to the same document is made between
    // their copies (SameAs among them too: the copies are the same as each other).
    for l in &p.links {
        for doc in &targets {
            let (Some(from), Some(to)) = (
                copies.get(&(l.from.clone(), (*doc).clone())),
                copies.get(&(l.to.clone(), (*doc).clone())),
            ) else {
                continue;
            };
            edits.push(Edit::InsertLink(Link {
                id: fresh_link_id(p, &mut taken),
                from: from.clone(),
                to: to.clone(),
                kind: l.kind.clone(),
                note: l.note.clone(),
            }));
            report.links += 1;
        }
    }
    let names: Vec<String> = targets.iter().map(|d| outlet(p, d)).collect();
    let n = report.carried.len();
    let tx = Transaction {
        name: format!(
            "Carry {n} annotation{} to {}",
            if n == 1 { "" } else { "s" },
            names.join(", ")
        ),
        edits,
    };
    Ok((tx, report))
}

/// The name a person knows a document by: its outlet, else its id.
pub fn outlet(p: &Project, doc: &DocId) -> String {
    match p.document(doc) {
        Some(d) if !d.outlet.trim().is_empty() => d.outlet.trim().to_owned(),
        _ => doc.to_string(),
    }
}

fn text_of(ws: &Workspace, doc: &DocId) -> Result<std::sync::Arc<DocText>, CarryError> {
    if ws.project.document(doc).is_none() {
        return Err(CarryError::NoDocument(doc.clone()));
    }
    ws.text(doc)
        .cloned()
        .ok_or_else(|| CarryError::NoText(doc.clone()))
}

/// A side's range, grown over the punctuation right before and after it: a passage
/// runs from its first word to its last, and a span around words often takes their
/// quotation marks or full stop along (“Get out, get out occupier!”).
fn widened(text: &DocText, side: &Side) -> Result<Range<usize>, CarryError> {
    if side.start >= side.end || side.end > text.char_len() {
        return Err(CarryError::Stale(side.doc.clone()));
    }
    let punct = |c: char| !c.is_alphanumeric() && !c.is_whitespace();
    let before = text.slice(side.start.saturating_sub(CONTEXT_CHARS)..side.start);
    let lead = before.chars().rev().take_while(|&c| punct(c)).count();
    let after = text.slice(side.end..(side.end + CONTEXT_CHARS).min(text.char_len()));
    let trail = after.chars().take_while(|&c| punct(c)).count();
    Ok(side.start - lead..side.end + trail)
}

fn within(r: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= r.start && r.end <= outer.end
}

/// Where each range of `a` (inside `src` of `src_text`) is in `window`, the other side's
/// text, which starts at char `offset` of its document; in that document's chars.
/// `None` when a range's words are not there, or the ranges would not keep their order.
fn place(
    src_text: &DocText,
    a: &Annotation,
    src: &Range<usize>,
    window: &DocText,
    offset: usize,
) -> Option<Vec<Range<usize>>> {
    let scale = window.char_len() as f64 / src.len().max(1) as f64;
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in a.ranges() {
        let piece = src_text.slice(r.clone());
        let len = r.len();
        // Where it would be if the two sides differed evenly: the tie-breaker between
        // occurrences, and what "unchanged" means.
        let guess = (((r.start - src.start) as f64) * scale).round() as usize;
        let guess = guess.min(window.char_len().saturating_sub(len));
        let (prefix, suffix) = src_text.context(r.clone(), CONTEXT_CHARS);
        let mut probe = a.clone();
        probe.more.clear();
        probe.start = guess;
        probe.end = guess + len;
        probe.text = piece.to_owned();
        probe.prefix = prefix.to_owned();
        probe.suffix = suffix.to_owned();
        let found = match anchor::locate(window, &probe) {
            Placement::Unchanged => guess..guess + len,
            Placement::Moved(m) | Placement::Fuzzy(m, _) => m,
            Placement::Orphaned => return None,
        };
        if out.last().is_some_and(|last| found.start < last.end) || found.is_empty() {
            return None;
        }
        out.push(found);
    }
    Some(
        out.into_iter()
            .map(|r| r.start + offset..r.end + offset)
            .collect(),
    )
}

/// Whether `a` is already at `ranges` of `doc`: a `SameAs` partner of it lies over
/// (part of) them, or an annotation of its label covers exactly them (someone tagged
/// both copies by hand; a second one would only be a duplicate).
fn already_there(p: &Project, a: &Annotation, doc: &DocId, ranges: &[Range<usize>]) -> bool {
    let partners: Vec<&AnnotationId> = p
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::SameAs)
        .filter_map(|l| {
            if l.from == a.id {
                Some(&l.to)
            } else if l.to == a.id {
                Some(&l.from)
            } else {
                None
            }
        })
        .collect();
    p.annotations_of(doc).iter().any(|b| {
        (partners.contains(&&b.id) && ranges.iter().any(|r| b.overlaps(r)))
            || (b.label == a.label && b.ranges().eq(ranges.iter().cloned()))
    })
}

/// A new annotation over `ranges` of `text` with the label, note, attributes and
/// clusters of `a`, a fresh id and `annotator`'s name.
fn copy_of(
    a: &Annotation,
    doc: &DocId,
    text: &DocText,
    ranges: &[Range<usize>],
    annotator: &str,
    taken: &mut HashSet<AnnotationId>,
) -> Option<Annotation> {
    let first = ranges.first()?;
    let mut copy = Annotation::new(
        doc.clone(),
        text,
        first.start,
        first.end,
        &a.label,
        annotator,
    )
    .ok()?;
    copy.set_ranges(text, ranges).ok()?;
    while !taken.insert(copy.id.clone()) {
        copy.id = AnnotationId::random();
    }
    copy.note = a.note.clone();
    copy.attrs = a.attrs.clone();
    copy.clusters = a.clusters.clone();
    Some(copy)
}

fn fresh_link_id(p: &Project, taken: &mut HashSet<AnnotationId>) -> LinkId {
    // Link ids share the random space of annotation ids; keeping both in one set keeps
    // the new ones apart from each other as well as from the project's.
    loop {
        let id = LinkId::random();
        if p.links.iter().all(|l| l.id != id) && taken.insert(AnnotationId::from(id.as_str())) {
            return id;
        }
    }
}

fn is_figure(p: &Project, label: &str) -> bool {
    p.labels.kind(label) == Some(LabelKind::Figure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;
    use crate::model::{Document, Project};
    use crate::reuse::{Params, find_in_workspace};
    use crate::workspace::Article;
    use std::path::Path;
    use std::sync::Arc;

    use crate::test_support::sample_workspace as sample;

    fn doc(id: &str) -> DocId {
        DocId::from(id)
    }

    /// The passage between `x` and `y` whose `x` side holds `needle`.
    fn passage(ws: &Workspace, x: &str, y: &str, needle: &str) -> (Passage, Which) {
        let text = ws.text(&doc(x)).unwrap();
        let b = text.as_str().find(needle).unwrap();
        let at = text.char_of(b);
        find_in_workspace(ws, &Params::default())
            .into_iter()
            .find_map(|p| {
                let w = Which::of(&p, &doc(x))?;
                let (from, to) = w.sides(&p);
                (to.doc == doc(y) && from.start <= at && at < from.end).then_some((p.clone(), w))
            })
            .unwrap_or_else(|| panic!("no passage of {x} and {y} at {needle:?}"))
    }

    /// Takes the annotations of `d` (and their links) out, as if nobody had tagged it.
    fn clear(ws: &mut Workspace, d: &str) {
        let p = &mut ws.project;
        let gone: HashSet<AnnotationId> = p
            .annotations_of(&doc(d))
            .iter()
            .map(|a| a.id.clone())
            .collect();
        p.annotations.retain(|a| !gone.contains(&a.id));
        p.links
            .retain(|l| !gone.contains(&l.from) && !gone.contains(&l.to));
    }

    /// (label, text) of the annotations of `d`, sorted.
    fn texts(p: &Project, d: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = p
            .annotations_of(&doc(d))
            .iter()
            .map(|a| (a.label.clone(), a.text.clone()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_al_hashemi_sentence_carried_to_radio_habana_cuba_is_linked_clustered_and_undone_whole() {
        let mut ws = sample();
        clear(&mut ws, "radio-habana-cuba");
        let (p, from) = passage(
            &ws,
            "iran-news",
            "radio-habana-cuba",
            "Sayed Sadiq al-Hashemi",
        );
        let before = ws.project.clone();
        let (tx, report) = plan_carry(&ws, &p, from, "carrier").unwrap();
        assert_eq!(
            (report.carried.len(), report.already, report.not_found),
            (3, 0, 0),
            "{report:?}"
        );
        assert_eq!(tx.name, "Carry 3 annotations to Radio Habana Cuba");
        let mut h = History::new();
        h.apply(&mut ws.project, tx).unwrap();
        let rhc = ws.text(&doc("radio-habana-cuba")).unwrap().clone();
        assert_eq!(
            texts(&ws.project, "radio-habana-cuba"),
            [
                (
                    "claim",
                    "more than 2.5 million took part in the demonstrations on Friday"
                ),
                ("figure", "more than 2.5 million"),
                ("source", "Sayed Sadiq al-Hashemi"),
            ]
            .map(|(l, t)| (l.to_owned(), t.to_owned()))
        );
        for id in &report.carried {
            let copy = ws.project.annotation(id).unwrap();
            // Placed on the words, with its context, by the carrier.
            assert_eq!(rhc.slice(copy.range()), copy.text);
            assert_eq!(copy.annotator, "carrier");
            let link = ws
                .project
                .links
                .iter()
                .find(|l| l.from == *id && l.kind == LinkKind::SameAs)
                .expect("a SameAs link to its original");
            let original = ws.project.annotation(&link.to).unwrap();
            assert_eq!(original.doc, doc("iran-news"));
            assert_eq!(
                (
                    &copy.label,
                    &copy.text,
                    &copy.note,
                    &copy.attrs,
                    &copy.clusters
                ),
                (
                    &original.label,
                    &original.text,
                    &original.note,
                    &original.attrs,
                    &original.clusters
                )
            );
        }
        // The figure and the claim joined the crowd-size cluster of theirs.
        let figure = ws
            .project
            .annotations_of(&doc("radio-habana-cuba"))
            .iter()
            .find(|a| a.label == "figure")
            .unwrap();
        assert!(!figure.clusters.is_empty());
        // The claim and the figure were said by al-Hashemi there, and the figure
        // supports the claim; so do their copies.
        assert_eq!(report.links, 3);
        let source = ws
            .project
            .annotations_of(&doc("radio-habana-cuba"))
            .iter()
            .find(|a| a.label == "source")
            .unwrap();
        assert!(
            ws.project
                .links
                .iter()
                .any(|l| l.from == figure.id && l.to == source.id && l.kind == LinkKind::SaidBy)
        );

        // Again: nothing new, all three already there.
        let (tx, again) = plan_carry(&ws, &p, from, "carrier").unwrap();
        assert!(tx.edits.is_empty(), "{:?}", tx.edits);
        assert_eq!(
            (again.carried.len(), again.already, again.not_found),
            (0, 3, 0)
        );
        // And back the other way: the originals are where the copies came from.
        let back = if from == Which::A { Which::B } else { Which::A };
        let (tx, back) = plan_carry(&ws, &p, back, "carrier").unwrap();
        assert!(tx.edits.is_empty());
        assert_eq!(back.already, 3);

        h.undo(&mut ws.project).unwrap();
        assert_eq!(ws.project, before, "one undo takes it all back");
    }

    #[test]
    fn sadr_s_tweet_in_two_ranges_is_found_over_its_changed_word() {
        let mut ws = sample();
        clear(&mut ws, "radio-habana-cuba");
        let (p, from) = passage(&ws, "poster-speaks", "radio-habana-cuba", "Oh women, men");
        let (tx, report) = plan_carry(&ws, &p, from, "carrier").unwrap();
        assert_eq!(report.not_found, 0, "{report:?}");
        let mut h = History::new();
        h.apply(&mut ws.project, tx).unwrap();
        let rhc = ws.text(&doc("radio-habana-cuba")).unwrap().clone();
        let quote = ws
            .project
            .annotations_of(&doc("radio-habana-cuba"))
            .iter()
            .find(|a| a.text.starts_with("Oh women"))
            .expect("the tweet carried");
        let ranges: Vec<&str> = quote.ranges().map(|r| rhc.slice(r)).collect();
        assert_eq!(ranges.len(), 2, "still a quote in two ranges");
        // Poster Speaks wrote "dependence"; Radio Habana Cuba's own word is taken.
        assert!(
            ranges[0].ends_with("sovereignty and independence"),
            "{ranges:?}"
        );
        assert!(ranges[1].starts_with("Spread"), "{ranges:?}");
        assert!(
            ws.project
                .annotations_of(&doc("radio-habana-cuba"))
                .iter()
                .any(|a| a.text == "tyrants"),
            "the tweet's last word, at the passage's end"
        );
    }

    /// Two documents sharing one sentence, but for one word.
    fn pair(annotated: &[&str]) -> (Workspace, Passage) {
        let one = "Witnesses said that the crowd filled the square from dawn until the prayers \
                   ended on Friday. Then it rained.";
        let two = "Later that week. Witnesses said that the crowd filled the square from noon \
                   until the prayers ended on Friday.";
        let mut ws = Workspace::create(Path::new("/nonexistent/p.ron"), "t");
        for (id, text) in [("one", one), ("two", two)] {
            let t = DocText::new(text.to_owned());
            let mut d = Document::new(doc(id), format!("{id}.txt"), &t);
            d.outlet = if id == "one" {
                "One".into()
            } else {
                String::new()
            };
            ws.project.documents.push(d);
            ws.articles.insert(doc(id), Article::Loaded(Arc::new(t)));
        }
        let t = ws.text(&doc("one")).unwrap().clone();
        for needle in annotated {
            let s = t.char_of(one.find(needle).unwrap());
            let e = s + needle.chars().count();
            let a = Annotation::new(doc("one"), &t, s, e, "claim", "t").unwrap();
            ws.project.annotations.push(a);
        }
        ws.project.normalize();
        let found = find_in_workspace(&ws, &Params::default());
        assert_eq!(found.len(), 1, "{found:?}");
        (ws, found[0].clone())
    }

    #[test]
    fn words_the_other_side_does_not_have_are_counted_not_guessed() {
        let (ws, p) = pair(&["the crowd filled the square", "dawn"]);
        let (tx, report) = plan_carry(&ws, &p, Which::A, "t").unwrap();
        assert_eq!(
            (report.carried.len(), report.not_found),
            (1, 1),
            "{report:?}"
        );
        assert_eq!(
            report.to_string(),
            "1 carried, 0 already there, 1 not found"
        );
        // Named by the id of a document without an outlet.
        assert_eq!(tx.name, "Carry 1 annotation to two");
        let Edit::InsertAnnotation(a) = &tx.edits[0] else {
            panic!("{:?}", tx.edits[0])
        };
        let two = ws.text(&doc("two")).unwrap();
        assert_eq!(two.slice(a.range()), "the crowd filled the square");
        assert_eq!(a.doc, doc("two"));
    }

    #[test]
    fn an_annotation_outside_the_passage_stays_and_a_stale_passage_is_refused() {
        let (ws, p) = pair(&["Then it rained"]);
        let (tx, report) = plan_carry(&ws, &p, Which::A, "t").unwrap();
        assert!(tx.edits.is_empty());
        assert_eq!(report, CarryReport::default());
        let mut stale = p.clone();
        stale.b.end = 10_000;
        assert_eq!(
            plan_carry(&ws, &stale, Which::A, "t").unwrap_err(),
            CarryError::Stale(doc("two"))
        );
    }
}
