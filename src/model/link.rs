//! Links between annotations: a quote to its speaker, a figure to the claim it supports,
//! the same claim in another outlet. The model and the file carry them already so that
//! projects made now open unchanged when the window learns to draw them.

use super::{AnnotationId, LinkId};
use serde::{Deserialize, Serialize};

/// What a link says about its two ends.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LinkKind {
    /// `from` (a quote) was said by `to` (a span naming the speaker).
    SaidBy,
    /// `from` (typically a figure) supports or quantifies `to` (a claim).
    Supports,
    /// `from` and `to` are the same claim, quote or figure, usually in different outlets.
    SameAs,
    /// A project-defined relation.
    Other(String),
}

impl LinkKind {
    /// The built-in kinds, in the order the window offers them.
    pub const BUILT_IN: [LinkKind; 3] = [LinkKind::SaidBy, LinkKind::Supports, LinkKind::SameAs];

    /// How the window names it, read from `from` to `to`: "said by", "supports",
    /// "same as", or the project's own name. Datasets and the file use [`LinkKind::name`].
    pub fn label(&self) -> &str {
        match self {
            LinkKind::SaidBy => "said by",
            LinkKind::Supports => "supports",
            LinkKind::SameAs => "same as",
            LinkKind::Other(name) => name,
        }
    }

    /// How the window names it read backwards, from `to` to `from`: "says", "supported
    /// by", "same as", or "← name" for a project's own kind.
    pub fn inverse_label(&self) -> String {
        match self {
            LinkKind::SaidBy => "says".to_owned(),
            LinkKind::Supports => "supported by".to_owned(),
            LinkKind::SameAs => "same as".to_owned(),
            LinkKind::Other(name) => format!("← {name}"),
        }
    }
}

/// A directed link between two annotations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Stable id.
    pub id: LinkId,
    /// Source annotation.
    pub from: AnnotationId,
    /// Target annotation.
    pub to: AnnotationId,
    /// Relation.
    pub kind: LinkKind,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl LinkKind {
    /// The kind's name as the project file writes it (`SaidBy`, `Supports`, `SameAs`,
    /// or the custom name): what every dataset format writes, so a kind reads back as
    /// itself through [`LinkKind::from_name`].
    pub fn name(&self) -> &str {
        match self {
            LinkKind::SaidBy => "SaidBy",
            LinkKind::Supports => "Supports",
            LinkKind::SameAs => "SameAs",
            LinkKind::Other(name) => name,
        }
    }

    /// The kind a dataset names: a built-in name is that kind, anything else a
    /// project-defined one. The inverse of [`LinkKind::name`] for every kind whose
    /// custom name is not a built-in one (`check` reports those).
    pub fn from_name(name: &str) -> LinkKind {
        match name {
            "SaidBy" => LinkKind::SaidBy,
            "Supports" => LinkKind::Supports,
            "SameAs" => LinkKind::SameAs,
            other => LinkKind::Other(other.to_owned()),
        }
    }
}
