//! One row per annotation, built from the project, its texts and the figure parser.

use super::sentence::{InSentence, in_sentence};
use crate::model::{
    Annotation, AnnotationId, ClusterId, DocId, DocStatus, LabelKind, LinkKind, Precision, Project,
};
use crate::workspace::Workspace;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Where a figure's numbers come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueFrom {
    /// Typed by the annotator.
    Annotator,
    /// Read from the span's words ([`crate::figure`]).
    Text,
}

impl ValueFrom {
    /// The export name: `annotator` or `text`.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueFrom::Annotator => "annotator",
            ValueFrom::Text => "text",
        }
    }
}

/// Which annotations to compare.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only the members of this cluster.
    pub cluster: Option<ClusterId>,
    /// Only annotations of this label (id).
    pub label: Option<String>,
}

/// One annotation, as the comparison shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The annotation.
    pub id: AnnotationId,
    /// Its document.
    pub doc: DocId,
    /// The document's outlet ("" when not given).
    pub outlet: String,
    /// The document's publication date.
    pub published: Option<NaiveDate>,
    /// The label's id.
    pub label: String,
    /// The label's kind.
    pub kind: Option<LabelKind>,
    /// The annotated text.
    pub text: String,
    /// From the first range's start to the last range's end, in chars.
    pub span: std::ops::Range<usize>,
    /// The span in its sentence, once [`fill_sentences`] found it (the article must be
    /// loaded).
    pub sentence: Option<InSentence>,
    /// The cluster the row is listed under: the one filtered on, else the first of the
    /// annotation's clusters by name.
    pub cluster: Option<String>,
    /// Figure: the value.
    pub value: Option<f64>,
    /// Figure: the lowest it can be.
    pub low: Option<f64>,
    /// Figure: the highest it can be.
    pub high: Option<f64>,
    /// Figure: its unit.
    pub unit: Option<String>,
    /// Figure: what is counted.
    pub counted: Option<String>,
    /// Figure: exact, approximate or a bound.
    pub precision: Option<Precision>,
    /// Figure: whether the numbers were typed or read from the words; `None` when it
    /// has none.
    pub value_from: Option<ValueFrom>,
    /// Who it is attributed to: the source it is linked `SaidBy` to, else the typed
    /// speaker.
    pub speaker: Option<String>,
    /// Claim: the verdict.
    pub verdict: Option<String>,
    /// The document's status.
    pub status: Option<DocStatus>,
}

impl Row {
    /// One number for a chart or a sort: the value, or the middle of its bounds.
    pub fn central(&self) -> Option<f64> {
        self.value.or(match (self.low, self.high) {
            (Some(l), Some(h)) => Some((l + h) / 2.0),
            (Some(x), None) | (None, Some(x)) => Some(x),
            _ => None,
        })
    }
}

#[cfg(test)]
impl Row {
    /// A figure row of `outlet` with nothing else set (its id and document are the
    /// outlet's name), for tests of what draws and sorts rows.
    pub(crate) fn figure_of(outlet: &str) -> Row {
        Row {
            id: AnnotationId::from(outlet),
            doc: outlet.into(),
            outlet: outlet.into(),
            published: None,
            label: "figure".into(),
            kind: None,
            text: String::new(),
            span: 0..0,
            sentence: None,
            cluster: None,
            value: None,
            low: None,
            high: None,
            unit: None,
            counted: None,
            precision: None,
            value_from: None,
            speaker: None,
            verdict: None,
            status: None,
        }
    }
}

/// The rows `filter` selects, in the order the comparison lists them: clustered ones
/// first (by cluster name, then date, outlet, document and place), then the rest by
/// document and place.
pub fn rows(ws: &Workspace, filter: &Filter) -> Vec<Row> {
    let p = &ws.project;
    let chosen: Vec<&Annotation> = p
        .annotations
        .iter()
        .filter(|a| filter.cluster.as_ref().is_none_or(|c| a.in_cluster(c)))
        .filter(|a| filter.label.as_ref().is_none_or(|l| a.label == *l))
        .collect();
    // Where each chosen document's annotations are, for finding sources there: one
    // search per document (the chosen come sorted by document).
    let mut docs: HashMap<&DocId, std::ops::Range<usize>> = HashMap::new();
    let mut last: Option<&DocId> = None;
    for a in &chosen {
        if last != Some(&a.doc) {
            docs.insert(&a.doc, p.annotation_range(&a.doc));
            last = Some(&a.doc);
        }
    }
    let said_by = said_by(p, &chosen, &docs);
    let mut out: Vec<Row> = chosen
        .iter()
        .map(|a| row(ws, a, filter.cluster.as_ref(), &said_by))
        .collect();
    // A stable sort: among equals, the project's own order (document, place) stays.
    out.sort_by(|a, b| {
        (a.cluster.is_none(), &a.cluster, a.published, &a.outlet).cmp(&(
            b.cluster.is_none(),
            &b.cluster,
            b.published,
            &b.outlet,
        ))
    });
    out
}

/// Fills the sentence of each row that has none: what a table shows or a file writes.
/// Apart from [`rows`] because it is most of the cost of a row, and a view shows only
/// the rows on screen.
pub fn fill_sentences(ws: &Workspace, rows: &mut [Row]) {
    for r in rows.iter_mut().filter(|r| r.sentence.is_none()) {
        if let Some(t) = ws.text(&r.doc) {
            r.sentence = Some(in_sentence(t, r.span.clone()));
        }
    }
}

/// The source text each of `chosen` is said by (its first `SaidBy` link to a source,
/// by link id). A source is looked for in its speaker's document first, where it
/// nearly always is, so a cluster costs its own links and documents, not the project.
fn said_by<'p>(
    p: &'p Project,
    chosen: &[&'p Annotation],
    docs: &HashMap<&DocId, std::ops::Range<usize>>,
) -> HashMap<&'p AnnotationId, &'p str> {
    let by_id: HashMap<&AnnotationId, &Annotation> = chosen.iter().map(|a| (&a.id, *a)).collect();
    let mut out = HashMap::new();
    for l in p.links.iter().filter(|l| l.kind == LinkKind::SaidBy) {
        let Some(from) = by_id.get(&l.from) else {
            continue;
        };
        if out.contains_key(&l.from) {
            continue;
        }
        let near = docs.get(&from.doc).cloned().unwrap_or(0..0);
        let to = p.annotations[near]
            .iter()
            .find(|a| a.id == l.to)
            .or_else(|| p.annotation(&l.to));
        let Some(to) = to else {
            continue;
        };
        if p.labels.kind(&to.label) == Some(LabelKind::Source) {
            out.insert(&from.id, to.text.as_str());
        }
    }
    out
}

fn row(
    ws: &Workspace,
    a: &Annotation,
    cluster: Option<&ClusterId>,
    said_by: &HashMap<&AnnotationId, &str>,
) -> Row {
    let p = &ws.project;
    let doc = p.document(&a.doc);
    let kind = p.labels.kind(&a.label);
    let cluster_name = match cluster {
        Some(c) => p.cluster(c).map(|c| c.name.clone()),
        None => a
            .clusters
            .iter()
            .filter_map(|c| p.cluster(c))
            .map(|c| c.name.as_str())
            .min()
            .map(str::to_owned),
    };
    let at = &a.attrs;
    let mut row = Row {
        id: a.id.clone(),
        doc: a.doc.clone(),
        outlet: doc.map(|d| d.outlet.clone()).unwrap_or_default(),
        published: doc.and_then(|d| d.published),
        label: a.label.clone(),
        kind,
        text: a.text.clone(),
        span: a.hull(),
        sentence: None,
        cluster: cluster_name,
        value: at.value,
        low: at.low,
        high: at.high,
        unit: at.unit.clone(),
        counted: at.counted.clone(),
        precision: at.precision,
        value_from: None,
        speaker: said_by
            .get(&a.id)
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .or_else(|| at.speaker.clone()),
        verdict: at.verdict.clone(),
        status: doc.map(|d| d.status),
    };
    let typed = at.value.is_some() || at.low.is_some() || at.high.is_some();
    if typed {
        row.value_from = Some(if at.from_text {
            ValueFrom::Text
        } else {
            ValueFrom::Annotator
        });
        // A typed value and its precision say its bounds, as the parser's readings do.
        let v = at.value;
        match at.precision {
            Some(Precision::Exact) => {
                row.low = row.low.or(v);
                row.high = row.high.or(v);
            }
            Some(Precision::AtLeast) => row.low = row.low.or(v),
            Some(Precision::AtMost) => row.high = row.high.or(v),
            _ => {}
        }
    } else if kind == Some(LabelKind::Figure)
        && let Some(r) = crate::figure::parse(&a.text)
    {
        // Nothing typed: the words say it. What the annotator did type wins.
        row.value = r.value;
        row.low = r.low;
        row.high = r.high;
        row.unit = row.unit.or(r.unit.map(str::to_owned));
        row.counted = row.counted.or(r.counted);
        row.precision = row.precision.or(Some(r.precision));
        row.value_from = Some(ValueFrom::Text);
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;

    use crate::test_support::sample_workspace as sample;

    #[test]
    fn a_cluster_lists_each_outlet_with_its_figure_sentence_and_source() {
        let mut ws = sample();
        let figures: Vec<AnnotationId> = ws
            .project
            .annotations
            .iter()
            .filter(|a| a.label == "figure" && a.attrs.unit.as_deref() == Some("people"))
            .map(|a| a.id.clone())
            .collect();
        let (c, tx) = crate::cluster::new_cluster(&ws.project, "Crowd size", &figures).unwrap();
        History::new().apply(&mut ws.project, tx).unwrap();
        let mut got = rows(
            &ws,
            &Filter {
                cluster: Some(c.id.clone()),
                label: None,
            },
        );
        assert!(got.iter().all(|r| r.sentence.is_none()), "found when asked");
        fill_sentences(&ws, &mut got);
        assert_eq!(got.len(), figures.len());
        assert!(
            got.iter()
                .all(|r| r.cluster.as_deref() == Some("Crowd size"))
        );
        // Sorted by date: 2020 before Mehr's 2022.
        assert!(got.windows(2).all(|w| w[0].published <= w[1].published));
        let hashemi = got
            .iter()
            .find(|r| r.doc.as_str() == "iran-news" && r.text == "more than 2.5 million")
            .unwrap();
        assert_eq!(hashemi.outlet, "Iran News");
        assert_eq!(hashemi.speaker.as_deref(), Some("Sayed Sadiq al-Hashemi"));
        assert_eq!(hashemi.value, Some(2_500_000.0));
        assert_eq!(hashemi.precision, Some(Precision::AtLeast));
        assert_eq!(hashemi.value_from, Some(ValueFrom::Annotator));
        let s = hashemi.sentence.as_ref().unwrap();
        assert!(
            s.text.starts_with("Sayed Sadiq al-Hashemi, the director"),
            "{}",
            s.text
        );
        assert_eq!(&s.text[s.span.clone()], "more than 2.5 million");
    }

    #[test]
    fn a_figure_with_nothing_typed_gets_the_numbers_its_words_say() {
        let mut ws = sample();
        let i = ws
            .project
            .annotations
            .iter()
            .position(|a| a.text == "more than 2.5 million")
            .unwrap();
        let a = &mut ws.project.annotations[i];
        a.attrs.value = None;
        a.attrs.low = None;
        a.attrs.precision = None;
        let id = a.id.clone();
        let got = rows(&ws, &Filter::default());
        let r = got.iter().find(|r| r.id == id).unwrap();
        assert_eq!(r.value_from, Some(ValueFrom::Text));
        assert_eq!((r.value, r.low), (Some(2_500_000.0), Some(2_500_000.0)));
        assert_eq!(r.precision, Some(Precision::AtLeast));
        assert_eq!(r.unit.as_deref(), Some("people"), "the typed unit stays");
        // Unclustered rows come after clustered ones, and a quote has no numbers.
        let quote = got.iter().find(|r| r.label == "quote").unwrap();
        assert_eq!((quote.value, quote.value_from), (None, None));
        let only_quotes = rows(
            &ws,
            &Filter {
                cluster: None,
                label: Some("quote".into()),
            },
        );
        assert!(only_quotes.iter().all(|r| r.label == "quote"));
        assert!(!only_quotes.is_empty());
    }
}
