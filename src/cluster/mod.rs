//! Changing clusters ([`edits`]) and finding what else belongs in one ([`candidates`]).
//! The records themselves are in [`crate::model::Cluster`], which says why membership
//! lives on the annotations.

pub mod candidates;
pub mod edits;

pub use candidates::{Candidate, Reason, candidates};
pub use edits::{ClusterError, delete, join, leave, new_cluster, rename};
