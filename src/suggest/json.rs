//! Suggestions as JSON, the shape `sourcemark suggest --json` prints: offsets in chars,
//! attributes as exports write them (`"precision": "at-least"`), and a quote's speaker
//! as a `SaidBy` link to the span that names it.

use super::Suggestion;
use serde_json::{Value, json};

/// One suggestion: `doc`, `label`, `start`, `end` (the first range), `more` (further
/// ranges as `[start, end]`, only when there are some), `text`, `attrs`, `rule`,
/// `priority` and `links`.
pub fn to_json(s: &Suggestion) -> Value {
    let mut attrs = serde_json::to_value(&s.attrs).unwrap_or_else(|_| json!({}));
    if let (Some(p), Some(map)) = (s.attrs.precision, attrs.as_object_mut()) {
        map.insert("precision".into(), json!(p.as_str()));
    }
    let first = s.ranges.first().cloned().unwrap_or(0..0);
    let links: Vec<Value> = s
        .said_by
        .iter()
        .map(|sp| {
            let mut to =
                json!({"label": sp.label, "start": sp.start, "end": sp.end, "text": sp.text});
            if let (Some(id), Some(map)) = (&sp.existing, to.as_object_mut()) {
                map.insert("id".into(), json!(id.0));
            }
            json!({"kind": "SaidBy", "to": to})
        })
        .collect();
    let mut v = json!({
        "doc": s.doc.0,
        "label": s.label,
        "start": first.start,
        "end": first.end,
        "text": s.text,
        "attrs": attrs,
        "rule": s.rule,
        "priority": s.priority,
        "links": links,
    });
    if s.ranges.len() > 1
        && let Some(map) = v.as_object_mut()
    {
        let more: Vec<[usize; 2]> = s.ranges[1..].iter().map(|r| [r.start, r.end]).collect();
        map.insert("more".into(), json!(more));
    }
    v
}

/// `{"suggestions": [...]}`.
pub fn document(all: &[Suggestion]) -> Value {
    json!({"suggestions": all.iter().map(to_json).collect::<Vec<_>>()})
}
