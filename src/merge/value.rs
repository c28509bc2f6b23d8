//! The field-by-field merge of one record, over its JSON form, and the short texts that
//! show a conflicting value in a dialog.

use super::{Choices, Conflict, RecordRef, Side, Versions};
use serde_json::Value;
use std::collections::BTreeSet;

/// A record as a JSON object.
pub(super) type Map = serde_json::Map<String, Value>;

/// Fields that merge as one: all taken from one side, or a conflict.
pub(super) struct Unit {
    /// What conflicts call it.
    pub name: &'static str,
    /// Its fields.
    pub keys: &'static [&'static str],
    /// Its value (an object of the fields present) for a dialog.
    pub show: fn(&Map) -> String,
}

/// How a kind of record merges beyond "each field on its own".
pub(super) struct Shape {
    /// Fields that merge together; only at the top level.
    pub units: &'static [Unit],
    /// Paths of fields holding objects that merge key by key (`attrs`, `attrs.custom`).
    pub nested: &'static [&'static str],
    /// Times that, changed both ways, take the later one.
    pub latest: &'static [&'static str],
    /// Times that, changed both ways, take the earlier one.
    pub earliest: &'static [&'static str],
}

/// How three versions of a value merge.
enum Pick {
    Ours,
    Theirs,
    Both,
}

fn pick<V: PartialEq>(b: &V, o: &V, t: &V) -> Pick {
    if o == t || b == t {
        Pick::Ours
    } else if b == o {
        Pick::Theirs
    } else {
        Pick::Both
    }
}

/// Merges the objects `[base, ours, theirs]` of one record at `path` ("" at the top);
/// a field changed two ways holds the chosen side, or ours and a conflict in `found`.
pub(super) fn merge_map(
    shape: &Shape,
    record: &RecordRef,
    path: &str,
    [b, o, t]: [&Map; 3],
    choices: &Choices,
    found: &mut Vec<Conflict>,
) -> Map {
    let mut merged = Map::new();
    let top = path.is_empty();
    let units = if top { shape.units } else { &[] };
    for unit in units {
        let part = |m: &Map| -> Map {
            unit.keys
                .iter()
                .filter_map(|k| m.get(*k).map(|v| ((*k).to_owned(), v.clone())))
                .collect()
        };
        let [pb, po, pt] = [part(b), part(o), part(t)];
        let from = match pick(&pb, &po, &pt) {
            Pick::Ours => po,
            Pick::Theirs => pt,
            Pick::Both => {
                let as_value = |m: Map| (!m.is_empty()).then_some(Value::Object(m));
                let show = |v: &Value| match v {
                    Value::Object(m) => (unit.show)(m),
                    other => show_value(other),
                };
                let versions = Versions {
                    base: as_value(pb),
                    ours: as_value(po.clone()),
                    theirs: as_value(pt.clone()),
                };
                match decide(record, unit.name, versions, &show, choices, found) {
                    Side::Ours => po,
                    Side::Theirs => pt,
                }
            }
        };
        merged.extend(from);
    }

    let keys: BTreeSet<&String> = b
        .keys()
        .chain(o.keys())
        .chain(t.keys())
        .filter(|k| !units.iter().any(|u| u.keys.contains(&k.as_str())))
        .collect();
    for k in keys {
        let full = if top {
            k.clone()
        } else {
            format!("{path}.{k}")
        };
        let [vb, vo, vt] = [b.get(k), o.get(k), t.get(k)];
        let v = match pick(&vb, &vo, &vt) {
            Pick::Ours => vo.cloned(),
            Pick::Theirs => vt.cloned(),
            Pick::Both => both_changed(shape, record, &full, [vb, vo, vt], choices, found),
        };
        if let Some(v) = v {
            merged.insert(k.clone(), v);
        }
    }
    merged
}

/// A field changed on both sides, two ways: merged deeper, settled by its time rule, or
/// a conflict.
fn both_changed(
    shape: &Shape,
    record: &RecordRef,
    full: &str,
    [vb, vo, vt]: [Option<&Value>; 3],
    choices: &Choices,
    found: &mut Vec<Conflict>,
) -> Option<Value> {
    let empty = Map::new();
    fn object<'a>(v: Option<&'a Value>, empty: &'a Map) -> Option<&'a Map> {
        match v {
            None => Some(empty),
            Some(Value::Object(m)) => Some(m),
            Some(_) => None,
        }
    }
    if shape.nested.contains(&full)
        && let (Some(mb), Some(mo), Some(mt)) =
            (object(vb, &empty), object(vo, &empty), object(vt, &empty))
    {
        let sub = merge_map(shape, record, full, [mb, mo, mt], choices, found);
        // An empty object is written only by a struct that writes it always.
        return (!sub.is_empty() || (vo.is_some() && vt.is_some())).then_some(Value::Object(sub));
    }
    let time = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .and_then(|s| crate::model::time::parse(s).ok())
    };
    if let (Some(to), Some(tt)) = (time(vo), time(vt)) {
        if shape.latest.contains(&full) {
            return if tt > to { vt.cloned() } else { vo.cloned() };
        }
        if shape.earliest.contains(&full) {
            return if tt < to { vt.cloned() } else { vo.cloned() };
        }
    }
    let versions = Versions {
        base: vb.cloned(),
        ours: vo.cloned(),
        theirs: vt.cloned(),
    };
    match decide(record, full, versions, &show_value, choices, found) {
        Side::Ours => vo.cloned(),
        Side::Theirs => vt.cloned(),
    }
}

/// The side a person chose for `field` of `record`, or ours with a conflict reported.
fn decide(
    record: &RecordRef,
    field: &str,
    values: Versions,
    show: &dyn Fn(&Value) -> String,
    choices: &Choices,
    found: &mut Vec<Conflict>,
) -> Side {
    if let Some(side) = choices.get(record, Some(field)) {
        return side;
    }
    found.push(Conflict {
        record: record.clone(),
        field: Some(field.to_owned()),
        base: values.base.as_ref().map(show),
        ours: values.ours.as_ref().map(show),
        theirs: values.theirs.as_ref().map(show),
        values,
        holds: Side::Ours,
        needed_by: Vec::new(),
    });
    Side::Ours
}

/// How many chars of a value a dialog shows.
const SHOWN_CHARS: usize = 60;

/// `s` cut to [`SHOWN_CHARS`] chars, with an ellipsis when cut.
pub(super) fn short(s: &str) -> String {
    match s.char_indices().nth(SHOWN_CHARS) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

/// A value for a dialog: text quoted, numbers and flags as written, `none` for null.
pub(super) fn show_value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("“{}”", short(s)),
        Value::Null => "none".to_owned(),
        Value::Bool(_) | Value::Number(_) => v.to_string(),
        // An enum variant with data, a list: compact JSON is readable enough.
        other => short(&other.to_string()),
    }
}

fn field(m: &Map, k: &str) -> String {
    match m.get(k) {
        Some(Value::String(s)) => short(s),
        Some(v) => short(&v.to_string()),
        None => "?".to_owned(),
    }
}

/// An annotation's span: `12..30 “the words”`, its extra ranges and whether it is
/// orphaned.
pub(super) fn show_span(m: &Map) -> String {
    let mut s = format!(
        "{}..{} “{}”",
        field(m, "start"),
        field(m, "end"),
        field(m, "text")
    );
    if let Some(Value::Array(more)) = m.get("more")
        && !more.is_empty()
    {
        s.push_str(&format!(" and {} more range(s)", more.len()));
    }
    if m.get("orphaned") == Some(&Value::Bool(true)) {
        s.push_str(", orphaned");
    }
    s
}

/// A document's article: its path and length.
pub(super) fn show_article(m: &Map) -> String {
    format!("{} ({} chars)", field(m, "path"), field(m, "chars"))
}

/// A link's ends: `from → to`.
pub(super) fn show_ends(m: &Map) -> String {
    format!("{} → {}", field(m, "from"), field(m, "to"))
}
