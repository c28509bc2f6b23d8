//! Joining the pieces of a discontinuous span again: Label Studio regions and doccano
//! entities have one range each, so an export writes one piece per range and joins each
//! further piece to the first by a `range-of` relation ([`super::select::RANGE_OF`]).
//! Both readers give those relations here and get back, for each piece, the span it is
//! part of.

use super::record::ImportError;
use super::select::RANGE_OF;

/// The pieces grouped into spans.
pub(crate) struct Joined {
    /// For each piece, the piece that heads its span (itself for a first range).
    pub head: Vec<usize>,
    /// For each head, its pieces (itself included) in text order; empty for the others.
    pub members: Vec<Vec<usize>>,
}

/// Groups `pieces` (their (start, end)) by `joins`, each (further piece, head piece,
/// where the relation was read). A piece can be a range of one span only, and a piece
/// that heads ranges is not itself a range of another: a relation that breaks either
/// rule (or joins a piece to itself) is refused with its place.
pub(crate) fn join(
    pieces: &[(usize, usize)],
    joins: &[(usize, usize, &str)],
) -> Result<Joined, ImportError> {
    let n = pieces.len();
    let mut head: Vec<usize> = (0..n).collect();
    let mut has_ranges = vec![false; n];
    for &(from, to, at) in joins {
        if from == to || head[to] != to || head[from] != from || has_ranges[from] {
            return Err(ImportError::Record {
                at: at.to_owned(),
                message: format!(
                    "a {RANGE_OF} relation joins a further range to the first range of \
                     its span, once: a piece is a range of one span only, a first range \
                     is not a range of another, and no piece is a range of itself"
                ),
            });
        }
        head[from] = to;
        has_ranges[to] = true;
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, &h) in head.iter().enumerate() {
        members[h].push(k);
    }
    for m in &mut members {
        if m.len() > 1 {
            m.sort_by_key(|&k| pieces[k]);
        }
    }
    Ok(Joined { head, members })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_join_their_heads_in_text_order_and_bad_joins_are_refused() {
        let pieces = [(10, 12), (0, 5), (20, 25), (7, 8)];
        let j = join(&pieces, &[(0, 1, "a"), (2, 1, "b")]).unwrap();
        assert_eq!(j.head, vec![1, 1, 1, 3]);
        assert_eq!(j.members[1], vec![1, 0, 2]);
        assert_eq!(j.members[3], vec![3]);
        assert!(j.members[0].is_empty());
        // A range of two spans, a chain, a piece joined to itself.
        for bad in [
            vec![(0, 1, "x"), (0, 3, "y")],
            vec![(0, 1, "x"), (1, 3, "y")],
            vec![(0, 1, "x"), (3, 0, "y")],
            vec![(2, 2, "y")],
        ] {
            let e = join(&pieces, &bad).err().unwrap().to_string();
            assert!(e.starts_with("y: a range-of relation"), "{e}");
        }
    }
}
