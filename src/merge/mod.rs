//! Three-way merge of projects by ids: what the window does when the project file changed
//! on disk while it has unsaved changes, and what a git merge driver does with two
//! branches of one project file.
//!
//! `base` is the common ancestor (for the window: the project as it last loaded or saved
//! it), `ours` is one descendant (the window's project, git's `%A`) and `theirs` the other
//! (the file's current content, git's `%B`). [`merge`] gives a [`Merge`]: the merged
//! project, the conflicts a person must decide, and what had to be dropped to keep the
//! project whole. The person's decisions go into [`Choices`], and [`merge_with`] runs the
//! merge again with them; a decision can reveal a new conflict (restoring an annotation
//! whose document is gone), so a dialog repeats until [`Merge::conflicts`] is empty.
//!
//! ```
//! use sourcemark::merge::{Choices, Side, merge_with};
//! use sourcemark::model::Project;
//!
//! let base = Project::new("Rally");
//! let mut ours = base.clone();
//! ours.name = "Rally, ours".into();
//! let mut theirs = base.clone();
//! theirs.name = "Rally, theirs".into();
//!
//! let mut choices = Choices::new();
//! let merged = loop {
//!     let m = merge_with(&base, &ours, &theirs, &choices)?;
//!     if m.conflicts.is_empty() {
//!         break m;
//!     }
//!     for c in &m.conflicts {
//!         // A dialog shows c.record, c.field, c.ours and c.theirs, and asks.
//!         choices.choose(c, Side::Theirs);
//!     }
//! };
//! assert_eq!(merged.project.name, "Rally, theirs");
//! # Ok::<(), sourcemark::merge::MergeError>(())
//! ```
//!
//! The window then holds `merged.project`, unsaved, and theirs becomes its base: it is
//! what the file now holds.
//!
//! # Rules
//!
//! Records are matched by id: labels, documents, annotations and links, and the project's
//! own fields (`name`, `format`) as one more record. For each record:
//!
//! - unchanged on one side: the other side's version is taken, a deletion included;
//! - the same change on both sides (deleted by both, or equal): it is taken;
//! - deleted on one side and changed on the other: a record-level conflict (`field:
//!   None`); the project holds ours;
//! - changed on both sides, or added on both with different content: merged field by
//!   field, each field by the same rules. A field changed two ways is a conflict and the
//!   project holds ours for it.
//!
//! Fields are compared as `serde_json` values, so a field added to these structs later
//! merges without a change here (a field added to [`Project`] itself stops the build
//! until it is listed as a scalar or merged by ids). Some fields only make sense together and merge as one
//! unit, named in the conflict's `field`:
//!
//! - an annotation's `span`: `doc`, `start`, `end`, `more`, `text`, `prefix`, `suffix`
//!   and `orphaned` (whether those offsets could be placed), so a merged annotation never
//!   takes its start from one side and its end from the other;
//! - a document's `article`: `path`, `sha256` and `chars`, the file and the text the
//!   offsets count in;
//! - a link's `ends`: `from` and `to`, so a link never joins two annotations nobody
//!   linked.
//!
//! The project's pattern files and rejected suggestions merge as sets (`sets.rs`): an
//! entry either side added stays, one either side removed goes; they never conflict.
//!
//! An annotation's `attrs` merge attribute by attribute, and its project-defined
//! `attrs.custom` key by key. Its `modified` time changed on both sides takes the later
//! one and `created` the earlier one: times record the edits, they are not edits.
//!
//! A record merged field by field must read back as its struct. If it does not (a value
//! JSON cannot hold, such as a NaN figure value), the record is a record-level conflict
//! instead, holding ours: never a panic, never a silently altered value.
//!
//! # What the result keeps
//!
//! - The stable order of [`Project::normalize`], and no two records with one id. An
//!   input with two records of one id is an error ([`MergeError::DuplicateId`]): which
//!   one to match is anyone's guess.
//! - The label scheme in ours' order with theirs' new labels appended; but when ours
//!   kept the base order and theirs reordered, theirs' order, with ours' new labels
//!   appended (the one change made is taken).
//! - No annotation without its document or label. A document or label deleted on one
//!   side that the other side's annotations still use (it annotated the document, or
//!   applied the label, since) is restored from that side and reported as a record-level
//!   conflict whose `needed_by` lists those annotations; the project holds the restored
//!   record. Choosing the deleting side deletes those annotations too, each reported in
//!   [`Merge::dropped`]. Restoring is the default because the other choice loses work.
//! - No dangling link: a link whose end annotation is gone after the merge is dropped
//!   and reported in [`Merge::dropped`], never silently.
//!
//! # Conflicts kept in the file
//!
//! git's merge driver cannot ask: [`merge_files`] writes the merged project with each
//! conflict recorded in its `conflicts` list ([`Merge::into_recorded`],
//! [`crate::model::RecordedConflict`]), and a person settles them later: [`resolve`]
//! gives the project with one side taken, [`settle`] the same as ordinary edits the
//! window can undo. The inputs' own lists merge as records do: an entry settled on one
//! side is gone, one recorded on one side is kept.
//!
//! The merge reads no article. When one side changed a document's article (a new
//! `sha256`) and the other placed spans on the old text, those spans keep their offsets;
//! the caller re-anchors them against the article, as opening a project does.

mod files;
mod record;
mod recorded;
mod resolve;
mod sets;
mod settle;
mod value;

#[cfg(test)]
mod tests;

use crate::model::{Annotation, AnnotationId, Label, Link, LinkId, Project};
use record::Record;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

// Which record, and which side: model types, since the project file records conflicts.
pub use crate::model::{RecordRef, Side};
pub use files::{FileMerge, FileMergeError, merge_files};
pub use recorded::recorded;
pub use resolve::{ResolveError, resolve};
pub use settle::settle;

/// One of the three inputs, to say which one an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Input {
    /// The common ancestor.
    Base,
    /// Ours.
    Ours,
    /// Theirs.
    Theirs,
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Input::Base => "the common ancestor",
            Input::Ours => "our version",
            Input::Theirs => "their version",
        })
    }
}

/// The exact values of a conflicting field or record on each side, `None` where it is
/// absent (a record deleted or never added, an attribute not set). What a merge driver
/// records in the project file; the window shows [`Conflict`]'s text instead.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Versions {
    /// In the common ancestor.
    pub base: Option<Value>,
    /// In ours.
    pub ours: Option<Value>,
    /// In theirs.
    pub theirs: Option<Value>,
}

/// A field (or a whole record) changed two ways: a person decides.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// The record.
    pub record: RecordRef,
    /// The field or unit of fields (`"note"`, `"span"`, `"attrs.speaker"`), or `None`
    /// when the record itself was deleted on one side and changed on the other.
    pub field: Option<String>,
    /// Short readable text of the base version for a dialog; `None` when absent.
    pub base: Option<String>,
    /// Short readable text of ours; `None` when absent (deleted, not set).
    pub ours: Option<String>,
    /// Short readable text of theirs; `None` when absent.
    pub theirs: Option<String>,
    /// The exact values behind the texts.
    pub values: Versions,
    /// The version the merged project holds until a person chooses: ours, except for a
    /// restored document or label (see the module docs).
    pub holds: Side,
    /// The annotations that need this record, when it is a document or label deleted on
    /// one side and still used on the other: choosing the deleting side deletes them.
    pub needed_by: Vec<AnnotationId>,
}

/// Something removed from the merged project to keep it whole; always reported.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dropped {
    /// A link whose end annotation is gone after the merge.
    Link {
        /// The link.
        link: LinkId,
        /// The end that is gone.
        missing: AnnotationId,
    },
    /// An annotation of a document or label deleted by the side a person chose.
    Annotation {
        /// The annotation.
        annotation: AnnotationId,
        /// The deleted document or label it needed.
        needed: RecordRef,
    },
}

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dropped::Link { link, missing } => {
                write!(
                    f,
                    "link {link} dropped: its end annotation {missing} is gone"
                )
            }
            Dropped::Annotation { annotation, needed } => {
                write!(f, "annotation {annotation} dropped: {needed} is deleted")
            }
        }
    }
}

/// The outcome of a merge.
#[derive(Clone, Debug, PartialEq)]
pub struct Merge {
    /// The merged project, normalised; each conflict holds the version its `holds` says.
    pub project: Project,
    /// What a person must decide, in record order.
    pub conflicts: Vec<Conflict>,
    /// What was removed to keep the project whole.
    pub dropped: Vec<Dropped>,
}

impl Merge {
    /// True when nothing needs a person: no conflict and nothing dropped.
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty() && self.dropped.is_empty()
    }
}

/// A person's decisions on conflicts, for [`merge_with`]. A decision on a conflict that
/// does not arise is ignored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choices {
    by: BTreeMap<(RecordRef, Option<String>), Side>,
}

impl Choices {
    /// No decisions.
    pub fn new() -> Self {
        Self::default()
    }

    /// Decides a conflict.
    pub fn choose(&mut self, conflict: &Conflict, side: Side) {
        self.set(conflict.record.clone(), conflict.field.clone(), side);
    }

    /// Decides the conflict on `field` of `record` (`None`: the record itself).
    pub fn set(&mut self, record: RecordRef, field: Option<String>, side: Side) {
        self.by.insert((record, field), side);
    }

    /// The decision on `field` of `record`, if any.
    pub fn get(&self, record: &RecordRef, field: Option<&str>) -> Option<Side> {
        // Lookups happen only on conflicts, so building the key is cheap enough.
        self.by
            .get(&(record.clone(), field.map(str::to_owned)))
            .copied()
    }

    /// How many decisions.
    pub fn len(&self) -> usize {
        self.by.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.by.is_empty()
    }
}

/// Why projects cannot be merged. Nothing is half-merged: the inputs are untouched.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MergeError {
    /// An input has two records with one id, so records cannot be matched.
    #[error("{input} has two records with one id ({record}); run `sourcemark check` on it")]
    DuplicateId {
        /// The input.
        input: Input,
        /// The repeated record.
        record: RecordRef,
    },
    /// A record could not be turned into data to compare (not expected of sourcemark's
    /// own structs).
    #[error("{record} could not be compared: {message}")]
    Unreadable {
        /// The record.
        record: RecordRef,
        /// serde_json's message.
        message: String,
    },
}

/// Restores a cluster that one side deleted while a merged annotation still names it
/// (the other side clustered more spans into it: keeping the cluster loses nothing), and
/// forgets a membership of a cluster no input has.
fn keep_clusters_in_use(
    inputs: [&Project; 3],
    clusters: &mut Vec<crate::model::Cluster>,
    annotations: &mut [Annotation],
) {
    let mut have: HashSet<crate::model::ClusterId> =
        clusters.iter().map(|c| c.id.clone()).collect();
    for a in annotations.iter_mut() {
        a.clusters.retain(|id| {
            if have.contains(id) {
                return true;
            }
            let found = inputs.iter().rev().find_map(|p| p.cluster(id).cloned());
            match found {
                Some(c) => {
                    have.insert(c.id.clone());
                    clusters.push(c);
                    true
                }
                None => false,
            }
        });
    }
}

/// Merges `ours` and `theirs`, two descendants of `base`; see the module docs.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> Result<Merge, MergeError> {
    merge_with(base, ours, theirs, &Choices::new())
}

/// Merges as [`merge`] does, with the conflicts in `choices` decided.
pub fn merge_with(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    choices: &Choices,
) -> Result<Merge, MergeError> {
    let mut run = Run {
        choices,
        conflicts: BTreeMap::new(),
        dropped: Vec::new(),
    };
    let mut project = record::merge_scalars(base, ours, theirs, &mut run)?;
    let mut labels = run.collection(&base.labels.0, &ours.labels.0, &theirs.labels.0)?;
    let mut documents = run.collection(&base.documents, &ours.documents, &theirs.documents)?;
    let mut annotations =
        run.collection(&base.annotations, &ours.annotations, &theirs.annotations)?;
    let mut links = run.collection(&base.links, &ours.links, &theirs.links)?;
    let mut clusters = run.collection(&base.clusters, &ours.clusters, &theirs.clusters)?;

    run.keep_needed(
        [base, ours, theirs].map(|p| p.documents.as_slice()),
        &mut documents,
        &mut annotations,
        |a| &a.doc,
    )?;
    run.keep_needed(
        [base, ours, theirs].map(|p| p.labels.0.as_slice()),
        &mut labels,
        &mut annotations,
        |a| &a.label,
    )?;
    run.drop_dangling_links(&annotations, &mut links);
    keep_clusters_in_use([base, ours, theirs], &mut clusters, &mut annotations);

    project.labels.0 = order_labels(base, ours, theirs, labels);
    project.documents = documents;
    project.annotations = annotations;
    project.links = links;
    project.clusters = clusters;
    project.patterns = sets::merge_set(&base.patterns, &ours.patterns, &theirs.patterns);
    project.rejected = sets::merge_set(&base.rejected, &ours.rejected, &theirs.rejected);
    project.conflicts = recorded::merge_lists(base, ours, theirs);
    project.normalize();

    // A conflict about a record that had to go is moot; the drop is reported instead.
    let gone: HashSet<RecordRef> = run
        .dropped
        .iter()
        .map(|d| match d {
            Dropped::Link { link, .. } => RecordRef::Link(link.clone()),
            Dropped::Annotation { annotation, .. } => RecordRef::Annotation(annotation.clone()),
        })
        .collect();
    let conflicts = run
        .conflicts
        .into_values()
        .filter(|c| !gone.contains(&c.record))
        .collect();
    let mut dropped = run.dropped;
    dropped.sort();
    Ok(Merge {
        project,
        conflicts,
        dropped,
    })
}

/// The state of one merge: the decisions it reads and the report it builds.
struct Run<'c> {
    choices: &'c Choices,
    conflicts: BTreeMap<(RecordRef, Option<String>), Conflict>,
    dropped: Vec<Dropped>,
}

impl Run<'_> {
    fn conflict(&mut self, c: Conflict) {
        self.conflicts
            .insert((c.record.clone(), c.field.clone()), c);
    }

    /// Merges one collection record by record; the result is in ours' order, then
    /// theirs' new records in theirs' order.
    fn collection<T: Record>(
        &mut self,
        base: &[T],
        ours: &[T],
        theirs: &[T],
    ) -> Result<Vec<T>, MergeError> {
        let b = index(base, Input::Base)?;
        let o = index(ours, Input::Ours)?;
        let t = index(theirs, Input::Theirs)?;
        let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
        // A record only the base has was deleted on both sides: nothing to visit.
        let visits = ours
            .iter()
            .map(|r| (r.key(), Some(r), t.get(r.key()).copied()))
            .chain(
                theirs
                    .iter()
                    .filter(|r| !o.contains_key(r.key()))
                    .map(|r| (r.key(), None, Some(r))),
            );
        for (key, vo, vt) in visits {
            let vb = b.get(key).copied();
            if let Some(r) = record::merge_one(vb, vo, vt, key, self)? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Restores each document or label (`T`) that a merged annotation still uses but the
    /// merge deleted, or, where a person chose the deleting side, drops its annotations.
    fn keep_needed<T: Record>(
        &mut self,
        [base, ours, theirs]: [&[T]; 3],
        records: &mut Vec<T>,
        annotations: &mut Vec<Annotation>,
        needs: impl Fn(&Annotation) -> &T::Key,
    ) -> Result<(), MergeError> {
        let have: HashSet<&T::Key> = records.iter().map(T::key).collect();
        let mut missing: BTreeMap<T::Key, Vec<AnnotationId>> = BTreeMap::new();
        for a in annotations.iter() {
            let k = needs(a);
            if !have.contains(k) {
                missing.entry(k.clone()).or_default().push(a.id.clone());
            }
        }
        let find = |side: &[T], k: &T::Key| side.iter().find(|r| r.key() == k).cloned();
        let mut deleted = HashSet::new();
        for (key, needed_by) in missing {
            let record = T::reference(&key);
            let from = |side: Side| match side {
                Side::Ours => find(ours, &key),
                Side::Theirs => find(theirs, &key),
            };
            // A record neither side has was missing from an input already: not ours to fix.
            let Some(holder) = [Side::Ours, Side::Theirs]
                .into_iter()
                .find(|s| from(*s).is_some())
            else {
                continue;
            };
            match self.choices.get(&record, None) {
                Some(side) => match from(side) {
                    Some(r) => records.push(r),
                    None => {
                        for annotation in needed_by {
                            self.dropped.push(Dropped::Annotation {
                                annotation,
                                needed: record.clone(),
                            });
                        }
                        deleted.insert(key);
                    }
                },
                None => {
                    let versions = [find(base, &key), from(Side::Ours), from(Side::Theirs)];
                    let restored = from(holder).into_iter();
                    let existing = self.conflicts.remove(&(record.clone(), None));
                    let mut c = match existing {
                        Some(c) => c,
                        None => {
                            record::record_conflict(&key, versions.each_ref().map(Option::as_ref))?
                        }
                    };
                    c.holds = holder;
                    c.needed_by = needed_by;
                    c.needed_by.sort();
                    self.conflict(c);
                    records.extend(restored);
                }
            }
        }
        if !deleted.is_empty() {
            annotations.retain(|a| !deleted.contains(needs(a)));
        }
        Ok(())
    }

    /// Drops and reports the links whose end annotation is gone.
    fn drop_dangling_links(&mut self, annotations: &[Annotation], links: &mut Vec<Link>) {
        if links.is_empty() {
            return;
        }
        let ids: HashSet<&AnnotationId> = annotations.iter().map(|a| &a.id).collect();
        links.retain(|l| {
            let missing = [&l.from, &l.to].into_iter().find(|end| !ids.contains(end));
            if let Some(missing) = missing {
                self.dropped.push(Dropped::Link {
                    link: l.id.clone(),
                    missing: missing.clone(),
                });
            }
            missing.is_none()
        });
    }
}

/// The records of one input by id; two with one id are an error.
fn index<T: Record>(records: &[T], input: Input) -> Result<HashMap<&T::Key, &T>, MergeError> {
    let mut m = HashMap::with_capacity(records.len());
    for r in records {
        if m.insert(r.key(), r).is_some() {
            return Err(MergeError::DuplicateId {
                input,
                record: T::reference(r.key()),
            });
        }
    }
    Ok(m)
}

/// Orders the merged labels: see the module docs.
fn order_labels(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    merged: Vec<Label>,
) -> Vec<Label> {
    fn ids(p: &Project) -> Vec<&str> {
        p.labels.0.iter().map(|l| l.id.as_str()).collect()
    }
    let (b, o, t) = (ids(base), ids(ours), ids(theirs));
    let (first, second) = if kept_base_order(&b, &o) && !kept_base_order(&b, &t) {
        (t, o)
    } else {
        (o, t)
    };
    let mut rank: HashMap<&str, usize> = HashMap::new();
    for (i, id) in first.iter().chain(&second).chain(&b).enumerate() {
        rank.entry(id).or_insert(i);
    }
    let mut merged = merged;
    merged.sort_by_key(|l| rank.get(l.id.as_str()).copied().unwrap_or(usize::MAX));
    merged
}

/// True when `side` is `base` with some labels removed and new ones appended: no label
/// moved.
fn kept_base_order(base: &[&str], side: &[&str]) -> bool {
    let in_base: HashSet<&str> = base.iter().copied().collect();
    let in_side: HashSet<&str> = side.iter().copied().collect();
    let kept = base.iter().filter(|id| in_side.contains(*id));
    let old = side.iter().take_while(|id| in_base.contains(*id));
    let rest_new = side
        .iter()
        .skip_while(|id| in_base.contains(*id))
        .all(|id| !in_base.contains(id));
    rest_new && kept.eq(old)
}
