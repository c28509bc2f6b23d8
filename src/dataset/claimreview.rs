//! `claimreview`: schema.org `ClaimReview` JSON-LD, the markup fact-checkers publish
//! their verdicts in and search engines and fact-check aggregators read.
//!
//! One `ClaimReview` per annotation whose label is of kind Claim and that has a verdict
//! (`attrs.verdict`), in export order (documents by id, spans by start):
//!
//! ```json
//! [{"@context": "https://schema.org", "@type": "ClaimReview",
//!   "identifier": "868ffc37a48f",
//!   "claimReviewed": "more than 2.5 million took part in the demonstrations on Friday",
//!   "itemReviewed": {"@type": "Claim",
//!     "appearance": [{"@type": "CreativeWork", "url": "…", "headline": "…",
//!                     "datePublished": "2020-01-24"}],
//!     "author": {"@type": "Organization", "name": "Iran News"},
//!     "datePublished": "2020-01-24"},
//!   "reviewRating": {"@type": "Rating", "alternateName": "mostly true",
//!     "ratingValue": 4, "bestRating": 5, "worstRating": 1},
//!   "author": {"@type": "Person", "name": "demo"},
//!   "datePublished": "2026-11-17",
//!   "reviewBody": "the claim's note"}]
//! ```
//!
//! The document is a JSON array of standalone objects, each with its own `@context`,
//! rather than one object with a `@graph`: Google's structured-data tools (the Rich
//! Results Test, the Fact Check Markup Tool) and its fact-check documentation take each
//! `ClaimReview` as a top-level object with `@context`, so any element of the array
//! can be pasted as it is into a page's `<script type="application/ld+json">`, and a
//! JSON-LD processor expands the array as it would a `@graph`.
//!
//! A field whose value is empty (no URL, title, outlet or date for the document, no
//! annotator, no note) is left out rather than written as `""`. `claimReviewed` is the
//! claim's text (a discontinuous claim's ranges joined by one space); the claim's author
//! is the outlet, the review's author the annotator (the project records no publisher),
//! its date the annotation's last change. The review's own `url`, which Google requires
//! (the page of the published fact check), is not something a project knows: it is left
//! out and the summary says so. schema.org has no place for extension fields, so the
//! annotation's id goes in `identifier`, and nothing else of sourcemark's is written.
//!
//! Claims without a verdict are left out and counted ([`ExportSummary::unreviewed_claims`]);
//! annotations of other kinds are skipped silently, and links are not written.

use super::export::{ExportError, ExportSummary, Progress};
use super::select::DocView;
use super::stream::{Progressed, Seq, to_writer_pretty};
use crate::model::{Annotation, LabelKind};
use crate::workspace::Workspace;
use chrono::NaiveDate;
use serde::Serialize;
use std::borrow::Cow;
use std::cell::Cell;
use std::io::Write;

/// The 1–5 scale of `ratingValue`, Google's documented example (1 = false, 2 = mostly
/// false, 3 = half true, 4 = mostly true, 5 = true), with the words fact-checkers use
/// for each step. A verdict is matched case-insensitively, with `-` and `_` read as
/// spaces; one not listed gets only its `alternateName`.
pub(crate) const RATING_SCALE: &[(u8, &[&str])] = &[
    (5, &["true", "correct", "accurate"]),
    (4, &["mostly true", "mostly correct", "mostly accurate"]),
    (
        3,
        &[
            "half true",
            "partly true",
            "partially true",
            "partly false",
            "partially false",
            "mixed",
            "mixture",
        ],
    ),
    (2, &["mostly false", "misleading"]),
    (1, &["false", "pants on fire", "incorrect", "fake"]),
];

/// The best `ratingValue` of [`RATING_SCALE`].
const BEST: u8 = 5;
/// The worst `ratingValue` of [`RATING_SCALE`].
const WORST: u8 = 1;

/// The step of [`RATING_SCALE`] a verdict names, if it names one.
pub(crate) fn rating_value(verdict: &str) -> Option<u8> {
    let words: Vec<String> = verdict
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let key = words.join(" ");
    RATING_SCALE
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|&(v, _)| v)
}

#[derive(Serialize)]
struct Review<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    identifier: &'a str,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: Cow<'a, str>,
    #[serde(rename = "itemReviewed")]
    item_reviewed: Claim<'a>,
    #[serde(rename = "reviewRating")]
    review_rating: Rating<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Agent<'a>>,
    #[serde(rename = "datePublished")]
    date_published: NaiveDate,
    #[serde(rename = "reviewBody", skip_serializing_if = "Option::is_none")]
    review_body: Option<&'a str>,
}

#[derive(Serialize)]
struct Claim<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    appearance: Vec<Appearance<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Agent<'a>>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<NaiveDate>,
}

#[derive(Serialize)]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<NaiveDate>,
}

#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Rating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName")]
    alternate_name: &'a str,
    #[serde(rename = "ratingValue", skip_serializing_if = "Option::is_none")]
    rating_value: Option<u8>,
    #[serde(rename = "bestRating", skip_serializing_if = "Option::is_none")]
    best_rating: Option<u8>,
    #[serde(rename = "worstRating", skip_serializing_if = "Option::is_none")]
    worst_rating: Option<u8>,
}

/// `s` trimmed, or `None` when nothing is left.
fn filled(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

fn review<'a>(v: &'a DocView<'_>, a: &'a Annotation, verdict: &'a str) -> Review<'a> {
    let d = v.doc;
    let appearance = Appearance {
        kind: "CreativeWork",
        url: filled(&d.url),
        headline: filled(&d.title),
        date_published: d.published,
    };
    let appears = appearance.url.is_some()
        || appearance.headline.is_some()
        || appearance.date_published.is_some();
    let value = rating_value(verdict);
    Review {
        context: "https://schema.org",
        kind: "ClaimReview",
        identifier: a.id.as_str(),
        claim_reviewed: v.joined_text(a),
        item_reviewed: Claim {
            kind: "Claim",
            appearance: if appears {
                vec![appearance]
            } else {
                Vec::new()
            },
            author: filled(&d.outlet).map(|name| Agent {
                kind: "Organization",
                name,
            }),
            date_published: d.published,
        },
        review_rating: Rating {
            kind: "Rating",
            alternate_name: verdict,
            rating_value: value,
            best_rating: value.map(|_| BEST),
            worst_rating: value.map(|_| WORST),
        },
        author: filled(&a.annotator).map(|name| Agent {
            kind: "Person",
            name,
        }),
        date_published: a.modified.date_naive(),
        review_body: filled(&a.note),
    }
}

/// Writes the array, one review at a time, and counts the reviews written (as the
/// summary's annotations) and the claims left out for want of a verdict.
pub(crate) fn write(
    ws: &Workspace,
    views: &[DocView<'_>],
    out: &mut impl Write,
    summary: &mut ExportSummary,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    let labels = &ws.project.labels;
    let is_claim = |a: &Annotation| {
        labels
            .get(&a.label)
            .is_some_and(|l| l.kind == LabelKind::Claim)
    };
    let (written, unreviewed) = (Cell::new(0), Cell::new(0));
    let reviews = Progressed::new(views.iter(), progress).flat_map(|v| {
        v.spans.iter().filter_map(|&a| {
            if !is_claim(a) {
                return None;
            }
            match a.attrs.verdict.as_deref().and_then(filled) {
                Some(verdict) => {
                    written.set(written.get() + 1);
                    Some(review(v, a, verdict))
                }
                None => {
                    unreviewed.set(unreviewed.get() + 1);
                    None
                }
            }
        })
    });
    to_writer_pretty(&mut *out, &Seq::new(reviews))?;
    out.write_all(b"\n").map_err(ExportError::Stream)?;
    summary.annotations = written.get();
    summary.unreviewed_claims = unreviewed.get();
    if summary.unreviewed_claims > 0 {
        summary.warnings.push(format!(
            "{} claim(s) without a verdict left out",
            summary.unreviewed_claims
        ));
    }
    if summary.annotations > 0 {
        summary.warnings.push(
            "the reviews have no url: Google asks for the address of the published fact \
             check, which the project does not record; add it to each review before \
             publishing"
                .to_owned(),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_of_the_scale_are_read_however_they_are_written() {
        for (verdict, value) in [
            ("true", Some(5)),
            ("Mostly True", Some(4)),
            ("mostly-true", Some(4)),
            ("partly true", Some(3)),
            ("half_true", Some(3)),
            ("  mixed ", Some(3)),
            ("misleading", Some(2)),
            ("Mostly false", Some(2)),
            ("FALSE", Some(1)),
            ("pants-on-fire", Some(1)),
            ("unproven", None),
            ("needs context", None),
            ("truest", None),
            ("", None),
        ] {
            assert_eq!(rating_value(verdict), value, "{verdict:?}");
        }
    }

    #[test]
    fn every_step_of_the_scale_is_between_worst_and_best() {
        for (v, names) in RATING_SCALE {
            assert!((WORST..=BEST).contains(v));
            for n in *names {
                assert_eq!(rating_value(n), Some(*v), "{n}");
            }
        }
    }
}
