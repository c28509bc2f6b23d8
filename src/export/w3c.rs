//! `w3c`: W3C Web Annotation JSON-LD. One `AnnotationCollection` whose embedded first
//! page lists one `Annotation` per span: the target is the document (its URL if known,
//! else its path) with a `TextQuoteSelector` (exact, prefix, suffix) and a
//! `TextPositionSelector` (code points, end-exclusive); the bodies carry the label
//! (purpose `tagging`), the note (`commenting`) and each attribute (`describing`).

use super::select::{DocView, each_view};
use super::{ExportError, Progress};
use crate::model::{Annotation, CONTEXT_CHARS};
use crate::workspace::Workspace;
use serde_json::{Value, json};

fn text_body(purpose: &str, value: &str) -> Value {
    json!({"type": "TextualBody", "purpose": purpose, "format": "text/plain", "value": value})
}

fn describing(a: &Annotation) -> Vec<Value> {
    let at = &a.attrs;
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut push = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            pairs.push((k.to_owned(), v));
        }
    };
    push("value", at.value.map(|v| v.to_string()));
    push("unit", at.unit.clone());
    push("counted", at.counted.clone());
    push("precision", at.precision.map(|p| p.as_str().to_owned()));
    push("speaker", at.speaker.clone());
    push("check_worthy", at.check_worthy.map(|b| b.to_string()));
    push("verdict", at.verdict.clone());
    for (k, v) in &at.custom {
        push(k, Some(v.clone()));
    }
    pairs
        .into_iter()
        .map(|(k, v)| text_body("describing", &format!("{k}: {v}")))
        .collect()
}

/// Writes the collection.
pub(crate) fn write(
    ws: &Workspace,
    views: &[DocView<'_>],
    out: &mut Vec<u8>,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    let mut items = Vec::new();
    each_view(views, progress, |v| {
        let source = if v.doc.url.is_empty() {
            &v.doc.path
        } else {
            &v.doc.url
        };
        for a in &v.spans {
            let mut body = vec![text_body("tagging", &a.label)];
            if !a.note.is_empty() {
                body.push(text_body("commenting", &a.note));
            }
            body.extend(describing(a));
            let (start, end) = v.range(a);
            // Context from the current text: stored context may predate an edit nearby.
            let (prefix, suffix) = v.text.context(a.range(), CONTEXT_CHARS);
            let mut ann = json!({
                "id": format!("urn:sourcemark:annotation:{}", a.id),
                "type": "Annotation",
                "motivation": "tagging",
                "created": a.created,
                "modified": a.modified,
                "body": body,
                "target": {
                    "source": source,
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": a.text, "prefix": prefix, "suffix": suffix},
                        {"type": "TextPositionSelector", "start": start, "end": end},
                    ],
                },
            });
            if !a.annotator.is_empty() {
                ann["creator"] = json!({"type": "Person", "name": a.annotator});
            }
            items.push(ann);
        }
        Ok(())
    })?;
    let id = format!(
        "urn:sourcemark:collection:{}",
        crate::model::DocId::slug(&ws.project.name)
    );
    let doc = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": id,
        "type": "AnnotationCollection",
        "label": ws.project.name,
        "total": items.len(),
        "first": {
            "id": format!("{id}:page1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.push(b'\n');
    Ok(())
}
