//! The rules one annotation (or one link's kind) must keep on its own, without its
//! article: `check` reports each broken rule as a [`super::Problem`] and import refuses
//! a record that breaks one, so a file import writes always passes `check`. One
//! function serves both.

use super::RangeFault;
use crate::model::{Annotation, CharRange, IdError, IdKind, LinkKind, validate_id};
use std::fmt;

/// One broken rule of an annotation.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Its id breaks the rule for annotation ids.
    BadId(IdError),
    /// Its primary span is empty or reversed.
    EmptySpan,
    /// An extra range (`more[index]`) is empty, overlaps or precedes the range before it.
    BadExtraRange {
        /// Position in `more`.
        index: usize,
        /// The range.
        range: CharRange,
        /// What is wrong with it.
        fault: RangeFault,
    },
    /// A figure value that is NaN or infinite: exports would write invalid numbers.
    NonFiniteValue(f64),
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::BadId(e) => write!(f, "annotation id is not valid: {e}"),
            Fault::EmptySpan => f.write_str("span is empty or reversed"),
            Fault::BadExtraRange { range, fault, .. } => {
                write!(f, "extra range {}..{} {fault}", range.start, range.end)
            }
            Fault::NonFiniteValue(v) => write!(f, "figure value {v} is not a finite number"),
        }
    }
}

/// Calls `report` with each rule `a` breaks, in a fixed order (id, span, extra ranges,
/// value). Allocates nothing for a sound annotation.
pub fn annotation_faults(a: &Annotation, mut report: impl FnMut(Fault)) {
    if let Err(e) = a.id.validate() {
        report(Fault::BadId(e));
    }
    if a.start >= a.end {
        report(Fault::EmptySpan);
    }
    let mut prev_end = a.end;
    for (index, r) in a.more.iter().enumerate() {
        let fault = if r.start >= r.end {
            Some(RangeFault::Empty)
        } else if r.start < prev_end {
            Some(RangeFault::OutOfOrder)
        } else {
            None
        };
        if let Some(fault) = fault {
            report(Fault::BadExtraRange {
                index,
                range: *r,
                fault,
            });
        }
        prev_end = prev_end.max(r.end);
    }
    if let Some(v) = a.attrs.value
        && !v.is_finite()
    {
        report(Fault::NonFiniteValue(v));
    }
}

/// Why a link's kind cannot be carried as itself.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkKindFault {
    /// A project-defined name that breaks the rule for names (empty, a control
    /// character, too long).
    Invalid(IdError),
    /// A project-defined name spelled as a built-in kind (`Other("SaidBy")`): every
    /// format writes kinds by name, so it would read back as the built-in kind.
    BuiltInName,
}

impl fmt::Display for LinkKindFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkKindFault::Invalid(e) => write!(f, "is not valid: {e}"),
            LinkKindFault::BuiltInName => f.write_str(
                "is a built-in kind's name written as a project-defined one; exports \
                 would read it back as the built-in kind (write the built-in kind itself)",
            ),
        }
    }
}

/// What is wrong with a link's kind, if anything: the rule `check` applies and import
/// refuses, one function for both.
pub fn link_kind_fault(kind: &LinkKind) -> Option<LinkKindFault> {
    let LinkKind::Other(name) = kind else {
        return None;
    };
    if let Err(e) = validate_id(IdKind::Label, name) {
        return Some(LinkKindFault::Invalid(e));
    }
    if !matches!(LinkKind::from_name(name), LinkKind::Other(_)) {
        return Some(LinkKindFault::BuiltInName);
    }
    None
}
