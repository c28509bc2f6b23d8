//! Case-insensitive search that counts chars: in one article (the find bar), and in a
//! whole project (every document's text, every annotation's text, note and
//! attributes). Folding maps each char to exactly one char, so offsets in folded text
//! are offsets in the original.

use crate::model::{Annotation, AnnotationId, DocId, Project};
use crate::text::DocText;
use std::ops::Range;

/// Most matches kept per text; a one-letter query in a 10 MB article stays cheap.
pub const MAX_MATCHES: usize = 10_000;

/// Chars of context shown on each side of a match.
const CONTEXT: usize = 40;

/// One char folded for case-insensitive matching, always to exactly one char.
fn fold(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(f), None) => f,
        _ => c,
    }
}

/// `s` with every char folded; it has as many chars as `s`.
pub fn fold_str(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars().map(fold).collect()
}

/// Non-overlapping occurrences of an already folded needle in a folded text, as char
/// ranges (the same in the folded text and the original), at most `max`.
pub fn find_in_folded(hay: &str, needle: &str, max: usize) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    let n = needle.chars().count();
    let ascii = hay.is_ascii();
    let (mut last_b, mut last_c) = (0, 0);
    let mut out = Vec::new();
    for (b, _) in hay.match_indices(needle).take(max) {
        let c = if ascii {
            b
        } else {
            last_c + hay[last_b..b].chars().count()
        };
        (last_b, last_c) = (b, c);
        out.push(c..c + n);
    }
    out
}

/// Every non-overlapping case-insensitive occurrence of `query` in `text`, as char
/// ranges, at most [`MAX_MATCHES`].
pub fn find_all(text: &DocText, query: &str) -> Vec<Range<usize>> {
    find_in_folded(&fold_str(text.as_str()), &fold_str(query), MAX_MATCHES)
}

/// Where in an annotation a query matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Its text.
    Text,
    /// Its note.
    Note,
    /// Who is quoted.
    Speaker,
    /// What a figure counts.
    Counted,
    /// A figure's unit.
    Unit,
    /// A fact-check verdict.
    Verdict,
    /// A custom attribute.
    Custom,
}

impl Field {
    /// How a result names it.
    pub fn name(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Note => "note",
            Field::Speaker => "speaker",
            Field::Counted => "counted",
            Field::Unit => "unit",
            Field::Verdict => "verdict",
            Field::Custom => "attribute",
        }
    }
}

/// The searchable fields of an annotation, with their values.
fn fields(a: &Annotation) -> impl Iterator<Item = (Field, &str)> {
    let at = &a.attrs;
    [
        (Field::Text, Some(a.text.as_str())),
        (Field::Note, Some(a.note.as_str())),
        (Field::Speaker, at.speaker.as_deref()),
        (Field::Counted, at.counted.as_deref()),
        (Field::Unit, at.unit.as_deref()),
        (Field::Verdict, at.verdict.as_deref()),
    ]
    .into_iter()
    .filter_map(|(f, v)| v.map(|v| (f, v)))
    .chain(at.custom.values().map(|v| (Field::Custom, v.as_str())))
}

/// The first field of `a` whose value contains the folded query.
pub fn annotation_match(a: &Annotation, folded_query: &str) -> Option<Field> {
    if folded_query.is_empty() {
        return None;
    }
    fields(a)
        .find(|(_, v)| fold_str(v).contains(folded_query))
        .map(|(f, _)| f)
}

/// One result of a project search.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The document.
    pub doc: DocId,
    /// The annotation that matched, with the field; `None` for a match in the text.
    pub annotation: Option<(AnnotationId, Field)>,
    /// The label of the annotation, empty for text.
    pub label: String,
    /// Chars of the document to select: the match in the text, the annotation's span.
    pub range: Range<usize>,
    /// The match with some text around it, on one line.
    pub context: String,
}

/// Searches every annotation (text, note, attributes) and every loaded document text
/// for `query`, ignoring case: annotations first, then text matches, document by
/// document, at most `limit` results in all.
pub fn search_project<'a>(
    p: &Project,
    text_of: impl Fn(&DocId) -> Option<&'a DocText>,
    query: &str,
    limit: usize,
) -> Vec<Hit> {
    let q = fold_str(query.trim());
    let mut out = Vec::new();
    if q.is_empty() {
        return out;
    }
    for a in &p.annotations {
        if out.len() >= limit {
            return out;
        }
        if let Some(f) = annotation_match(a, &q) {
            let value = fields(a).find(|(g, _)| *g == f).map_or("", |(_, v)| v);
            let context = if f == Field::Text {
                one_line(value)
            } else {
                format!("{}: {}  ({})", f.name(), one_line(value), one_line(&a.text))
            };
            out.push(Hit {
                doc: a.doc.clone(),
                annotation: Some((a.id.clone(), f)),
                label: a.label.clone(),
                range: a.range(),
                context,
            });
        }
    }
    for d in &p.documents {
        let Some(text) = text_of(&d.id) else { continue };
        let left = limit.saturating_sub(out.len());
        if left == 0 {
            break;
        }
        let folded = fold_str(text.as_str());
        for r in find_in_folded(&folded, &q, left) {
            let from = r.start.saturating_sub(CONTEXT);
            let to = (r.end + CONTEXT).min(text.char_len());
            let mut context = one_line(text.slice(from..to));
            if from > 0 {
                context.insert(0, '…');
            }
            if to < text.char_len() {
                context.push('…');
            }
            out.push(Hit {
                doc: d.id.clone(),
                annotation: None,
                label: String::new(),
                range: r,
                context,
            });
        }
    }
    out
}

/// `s` on one line: runs of whitespace become one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_char_ranges_ignoring_case() {
        let t = DocText::new("“Get out, get OUT occupier!” — Ärger ärger".to_owned());
        let m = find_all(&t, "get out");
        assert_eq!(m, vec![1..8, 10..17]);
        assert_eq!(t.slice(m[1].clone()), "get OUT");
        let m = find_all(&t, "ÄRGER");
        assert_eq!(m.len(), 2);
        assert_eq!(t.slice(m[0].clone()), "Ärger");
    }

    #[test]
    fn a_split_quote_is_found_by_any_of_its_ranges_and_across_the_join() {
        let t = DocText::new(
            "“The people have spoken,” said Hassan al-Amiri, “and they will not be silenced.”"
                .to_owned(),
        );
        let doc = DocId::from("d");
        let mut p = Project::new("t");
        let mut a = Annotation::new(doc.clone(), &t, 1, 24, "quote", "t").unwrap();
        a.set_ranges(&t, &[1..24, 49..79]).unwrap();
        p.annotations.push(a.clone());
        for q in ["silenced", "spoken, and they"] {
            let hits = search_project(&p, |_| None, q, 10);
            assert_eq!(hits.len(), 1, "{q}");
            assert_eq!(hits[0].annotation, Some((a.id.clone(), Field::Text)));
        }
        // The interruption is not part of the quote.
        assert!(search_project(&p, |_| None, "al-Amiri", 10).is_empty());
    }
}
