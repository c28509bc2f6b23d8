//! Conflicts kept in the project file: what a merge driver writes instead of text
//! conflict markers, and how the lists of the three inputs merge.

use super::{Conflict, Merge};
use crate::model::{Project, RecordRef, RecordedConflict};
use std::collections::{BTreeMap, HashSet};

/// The key two entries of one conflict share.
type Key = (RecordRef, Option<String>);

fn key(c: &RecordedConflict) -> Key {
    (c.record.clone(), c.field.clone())
}

/// The `conflicts` lists of three projects merged by record and field: an entry a side
/// removed (it was decided there) is gone, an entry a side added is kept, and an entry
/// both sides still have keeps ours. Sorted by record and field.
pub(super) fn merge_lists(
    base: &Project,
    ours: &Project,
    theirs: &Project,
) -> Vec<RecordedConflict> {
    if ours.conflicts.is_empty() && theirs.conflicts.is_empty() {
        return Vec::new();
    }
    let in_base: HashSet<Key> = base.conflicts.iter().map(key).collect();
    let in_ours: HashSet<Key> = ours.conflicts.iter().map(key).collect();
    let in_theirs: HashSet<Key> = theirs.conflicts.iter().map(key).collect();
    let mut out: BTreeMap<Key, RecordedConflict> = BTreeMap::new();
    for (c, other) in ours
        .conflicts
        .iter()
        .map(|c| (c, &in_theirs))
        .chain(theirs.conflicts.iter().map(|c| (c, &in_ours)))
    {
        let k = key(c);
        // Decided on the other side: it had the entry from the base and removed it.
        if in_base.contains(&k) && !other.contains(&k) {
            continue;
        }
        out.entry(k).or_insert_with(|| c.clone());
    }
    out.into_values().collect()
}

/// A conflict as the project file keeps it.
pub fn recorded(c: &Conflict) -> RecordedConflict {
    RecordedConflict {
        record: c.record.clone(),
        field: c.field.clone(),
        ours: c.values.ours.clone(),
        theirs: c.values.theirs.clone(),
        holds: c.holds,
    }
}

impl Merge {
    /// The merged project with every conflict of this merge recorded in its `conflicts`
    /// list (replacing an older entry for the same field): what a merge driver writes,
    /// a loadable project that says what a person must still decide.
    pub fn into_recorded(self) -> Project {
        let mut project = self.project;
        if self.conflicts.is_empty() {
            return project;
        }
        let mut by: BTreeMap<Key, RecordedConflict> =
            project.conflicts.drain(..).map(|c| (key(&c), c)).collect();
        for c in &self.conflicts {
            let r = recorded(c);
            by.insert(key(&r), r);
        }
        project.conflicts = by.into_values().collect();
        project
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Side;

    fn entry(id: &str) -> RecordedConflict {
        RecordedConflict {
            record: RecordRef::Label(id.into()),
            field: Some("name".into()),
            ours: Some("a".into()),
            theirs: Some("b".into()),
            holds: Side::Ours,
        }
    }

    fn with(entries: &[&str]) -> Project {
        let mut p = Project::new("p");
        p.conflicts = entries.iter().map(|e| entry(e)).collect();
        p
    }

    #[test]
    fn an_entry_decided_on_one_side_is_gone_and_new_ones_are_kept() {
        let base = with(&["decided", "open"]);
        let ours = with(&["open", "new-ours"]);
        let theirs = with(&["decided", "open", "new-theirs"]);
        let merged = merge_lists(&base, &ours, &theirs);
        let ids: Vec<String> = merged
            .iter()
            .map(|c| match &c.record {
                RecordRef::Label(id) => id.clone(),
                other => other.to_string(),
            })
            .collect();
        assert_eq!(ids, ["new-ours", "new-theirs", "open"]);
    }

    #[test]
    fn a_merge_records_its_conflicts_in_the_project() {
        let base = Project::new("Rally");
        let mut ours = base.clone();
        ours.name = "Rally, ours".into();
        let mut theirs = base.clone();
        theirs.name = "Rally, theirs".into();
        let p = super::super::merge(&base, &ours, &theirs)
            .expect("merged")
            .into_recorded();
        assert_eq!(p.name, "Rally, ours");
        assert_eq!(
            p.conflicts,
            [RecordedConflict {
                record: RecordRef::Project,
                field: Some("name".into()),
                ours: Some("Rally, ours".into()),
                theirs: Some("Rally, theirs".into()),
                holds: Side::Ours,
            }]
        );
    }
}
