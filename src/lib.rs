//! sourcemark: annotate claims, quotes and figures in news articles, keep the work in a
//! RON project file, and export it as a dataset.
//!
//! The core ([`model`], [`text`], [`anchor`], [`store`], [`workspace`], [`relink`], [`edit`],
//! [`links`], [`merge`], [`check`], [`dataset`], [`cluster`], [`figure`], [`compare`],
//! [`reuse`], [`agree`], [`suggest`]) knows nothing of the window and is tested without one; [`ui`]
//! draws it and sends edits. `ARCHITECTURE.md` has the map.

#![warn(missing_docs)]

pub mod agree;
pub mod anchor;
pub mod bidi;
pub mod check;
pub mod cluster;
pub mod compare;
pub mod curate;
pub mod dataset;
pub mod edit;
pub mod figure;
pub mod links;
pub mod merge;
pub mod model;
pub mod par;
pub mod relink;
pub mod reuse;
pub mod search;
pub mod selection;
pub mod stats;
pub mod store;
pub mod suggest;
#[cfg(test)]
mod test_support;
pub mod text;
pub mod ui;
pub mod webpage;
pub mod words;
pub mod workspace;
