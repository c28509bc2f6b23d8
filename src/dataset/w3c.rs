//! `w3c`: W3C Web Annotation JSON-LD. One `AnnotationCollection` whose embedded first
//! page lists one `Annotation` per span: the target is the document (its URL if known,
//! else its path) with a `TextQuoteSelector` (exact, prefix, suffix) and a
//! `TextPositionSelector` (code points, end-exclusive); the bodies carry the label
//! (purpose `tagging`), the note (`commenting`) and each attribute (`describing`).
//!
//! A discontinuous span's target is a `List` (the model's ordered set of resources that
//! are considered together) of one specific resource per range, in text order, each
//! with its own quote and position selectors: several selectors on one target would
//! be alternatives for the same text, not parts of it.
//!
//! Each link is one more `Annotation` after its `from` span's document, with motivation
//! `linking`: its target is the `from` annotation's IRI, its body the `to` annotation's
//! IRI (`urn:sourcemark:annotation:ID`, across documents too), a `tagging` body with the
//! kind as the project file names it, and a `commenting` body for its note.
//!
//! The collection is written one annotation at a time, never built whole. Every object's
//! keys are in alphabetical order, as a JSON tree would write them.

use super::export::{ExportError, Progress};
use super::select::{DocView, LinkOut, ranges};
use super::stream::{Progressed, Seq, to_writer_pretty};
use crate::model::{Annotation, CONTEXT_CHARS};
use crate::workspace::Workspace;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::borrow::Cow;
use std::io::Write;

#[derive(Serialize)]
#[serde(bound(serialize = "Seq<I>: Serialize"))]
struct Collection<'a, I> {
    #[serde(rename = "@context")]
    context: &'static str,
    first: Page<I>,
    id: &'a str,
    label: &'a str,
    total: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(bound(serialize = "Seq<I>: Serialize"))]
struct Page<I> {
    id: String,
    items: Seq<I>,
    #[serde(rename = "startIndex")]
    start_index: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Item<'a> {
    body: Vec<Body<'a>>,
    created: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Person<'a>>,
    id: String,
    modified: DateTime<Utc>,
    motivation: &'static str,
    target: Targets<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// A span's target: its one range, or a `List` of its ranges.
#[derive(Serialize)]
#[serde(untagged)]
enum Targets<'a> {
    One(Target<'a>),
    List {
        items: Vec<Target<'a>>,
        #[serde(rename = "type")]
        kind: &'static str,
    },
}

/// The annotation that says one span is linked to another.
#[derive(Serialize)]
struct LinkItem<'a> {
    body: Vec<LinkBody<'a>>,
    id: String,
    motivation: &'static str,
    target: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// A link's body: the linked annotation's IRI, or a textual body.
#[derive(Serialize)]
#[serde(untagged)]
enum LinkBody<'a> {
    Iri(String),
    Text(Body<'a>),
}

/// One annotation of the collection.
#[derive(Serialize)]
#[serde(untagged)]
enum Entry<'a> {
    Span(Item<'a>),
    Link(LinkItem<'a>),
}

#[derive(Serialize)]
struct Body<'a> {
    format: &'static str,
    purpose: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: Cow<'a, str>,
}

#[derive(Serialize)]
struct Person<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Target<'a> {
    selector: (QuoteSelector<'a>, PositionSelector),
    source: &'a str,
}

#[derive(Serialize)]
struct QuoteSelector<'a> {
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct PositionSelector {
    end: usize,
    start: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

fn text_body<'a>(purpose: &'static str, value: impl Into<Cow<'a, str>>) -> Body<'a> {
    Body {
        format: "text/plain",
        purpose,
        kind: "TextualBody",
        value: value.into(),
    }
}

/// The label, the note and each attribute as bodies, in that order.
fn bodies(a: &Annotation) -> Vec<Body<'_>> {
    let mut body = vec![text_body("tagging", a.label.as_str())];
    if !a.note.is_empty() {
        body.push(text_body("commenting", a.note.as_str()));
    }
    let mut describe = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            body.push(text_body("describing", format!("{k}: {v}")));
        }
    };
    let at = &a.attrs;
    describe("value", at.value.map(|v| v.to_string()));
    describe("unit", at.unit.clone());
    describe("counted", at.counted.clone());
    describe("precision", at.precision.map(|p| p.as_str().to_owned()));
    describe("speaker", at.speaker.clone());
    describe("check_worthy", at.check_worthy.map(|b| b.to_string()));
    describe("verdict", at.verdict.clone());
    for (k, v) in &at.custom {
        describe(k, Some(v.clone()));
    }
    body
}

/// The IRI of an annotation, as span items and link items name it.
fn annotation_iri(id: &crate::model::AnnotationId) -> String {
    format!("urn:sourcemark:annotation:{id}")
}

fn link_item<'a>(l: &LinkOut<'a>) -> LinkItem<'a> {
    let link = l.link;
    let mut body = vec![
        LinkBody::Iri(annotation_iri(&link.to)),
        LinkBody::Text(text_body("tagging", link.kind.name())),
    ];
    if !link.note.is_empty() {
        body.push(LinkBody::Text(text_body("commenting", link.note.as_str())));
    }
    LinkItem {
        body,
        id: format!("urn:sourcemark:link:{}", link.id),
        motivation: "linking",
        target: annotation_iri(&link.from),
        kind: "Annotation",
    }
}

fn item<'a>(v: &'a DocView<'_>, a: &'a Annotation) -> Item<'a> {
    let source = if v.doc.url.is_empty() {
        &v.doc.path
    } else {
        &v.doc.url
    };
    let target = |r: std::ops::Range<usize>, exact: &'a str| {
        // Context from the current text: stored context may predate an edit nearby.
        let (prefix, suffix) = v.text.context(r.clone(), CONTEXT_CHARS);
        Target {
            selector: (
                QuoteSelector {
                    exact,
                    prefix,
                    suffix,
                    kind: "TextQuoteSelector",
                },
                PositionSelector {
                    end: v.map.to_unit(r.end),
                    start: v.map.to_unit(r.start),
                    kind: "TextPositionSelector",
                },
            ),
            source,
        }
    };
    let target = if a.more.is_empty() {
        Targets::One(target(a.range(), &a.text))
    } else {
        Targets::List {
            items: ranges(a).map(|r| target(r.clone(), v.slice(r))).collect(),
            kind: "List",
        }
    };
    Item {
        body: bodies(a),
        created: a.created,
        creator: (!a.annotator.is_empty()).then_some(Person {
            name: &a.annotator,
            kind: "Person",
        }),
        id: annotation_iri(&a.id),
        modified: a.modified,
        motivation: "tagging",
        target,
        kind: "Annotation",
    }
}

/// Writes the collection, one annotation at a time.
pub(crate) fn write(
    ws: &Workspace,
    views: &[DocView<'_>],
    out: &mut impl Write,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    let id = format!(
        "urn:sourcemark:collection:{}",
        crate::model::DocId::slug(&ws.project.name)
    );
    let items = Progressed::new(views.iter(), progress).flat_map(|v| {
        let spans = v.spans.iter().map(move |a| Entry::Span(item(v, a)));
        spans.chain(v.links.iter().map(|l| Entry::Link(link_item(l))))
    });
    let collection = Collection {
        context: "http://www.w3.org/ns/anno.jsonld",
        first: Page {
            id: format!("{id}:page1"),
            items: Seq::new(items),
            start_index: 0,
            kind: "AnnotationPage",
        },
        id: &id,
        label: &ws.project.name,
        total: views.iter().map(|v| v.spans.len() + v.links.len()).sum(),
        kind: "AnnotationCollection",
    };
    to_writer_pretty(&mut *out, &collection)?;
    out.write_all(b"\n").map_err(ExportError::Stream)?;
    Ok(())
}
