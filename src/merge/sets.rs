//! Lists merged as sets: a project's pattern files and its rejected suggestions. Their
//! entries have no fields to change, only presence, so there is nothing to conflict
//! over: an entry either side added is kept, one either side removed is gone.

use std::collections::HashSet;
use std::hash::Hash;

/// `ours` without what `theirs` removed from `base`, then what `theirs` added, in
/// that order (each entry once).
pub(super) fn merge_set<T: Clone + Eq + Hash>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let b: HashSet<&T> = base.iter().collect();
    let o: HashSet<&T> = ours.iter().collect();
    let t: HashSet<&T> = theirs.iter().collect();
    let mut seen = HashSet::new();
    ours.iter()
        .filter(|x| t.contains(x) || !b.contains(x))
        .chain(theirs.iter().filter(|x| !o.contains(x) && !b.contains(x)))
        .filter(|x| seen.insert(*x))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::merge_set;

    #[test]
    fn additions_on_either_side_stay_and_removals_on_either_side_go() {
        let base = ["a", "b", "c"];
        let ours = ["a", "c", "d"]; // removed b, added d
        let theirs = ["b", "c", "e", "a"]; // added e
        assert_eq!(merge_set(&base, &ours, &theirs), vec!["a", "c", "d", "e"]);
        // Theirs removed c: gone, though ours kept it.
        assert_eq!(merge_set(&base, &ours, &["a", "b"]), vec!["a", "d"]);
        // Added on both sides: once.
        assert_eq!(merge_set(&[], &["x"], &["x"]), vec!["x"]);
    }
}
