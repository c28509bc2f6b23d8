//! One annotation line of the project file read and written without ron, in exactly
//! the form ron writes it.
//!
//! ron's parser costs about 55 instructions a byte, and annotation lines are nearly all
//! of a large project file: on a file of 100,000 annotations that is most of a load.
//! The lines ron writes have one fixed form (field order, `, ` between fields, strings
//! escaped), so a reader for exactly that form is short and several times quicker.
//! It reads a line only when every byte is where that form puts it, and otherwise
//! returns `None` and the caller hands the line to ron: anything else ron accepts
//! (comments, other spacing, raw strings, `\x` escapes, the `more` ranges, `attrs`) is
//! read by ron, and every error message still comes from ron. The property tests
//! check, on arbitrary annotations and on lines broken at random, that whatever this
//! reads, ron reads to the same annotation.
//!
//! Writing is the same form the other way: every annotation whose attribute values are
//! finite is written here, ranges and attributes included, with strings escaped by
//! [`super::fast_str`]; the rest by ron. The bytes are ron's; the tests compare them on
//! arbitrary annotations, and the store checks them once at first use and writes
//! through ron alone if they ever differ.

use super::fast_str::push_escaped;
use crate::model::{Annotation, AnnotationId, Attributes, DocId, time};
use chrono::{DateTime, SecondsFormat, Utc};
use memchr::memchr2;
use std::fmt::Write as _;

/// Appends `a` in ron's form, on one line without indent or comma, and returns `true`;
/// or appends nothing and returns `false` when a figure value is not finite (or string
/// escaping is not this module's to do), which ron then writes.
pub fn write(out: &mut String, a: &Annotation) -> bool {
    let mark = out.len();
    let done = write_fields(out, a).is_some();
    if !done {
        out.truncate(mark);
    }
    done
}

/// Annotations that take every path of [`write`] (note, orphaned flag, sub-second time,
/// escapes, attributes, ranges), for the store's first-use check against ron.
pub fn probes() -> Vec<Annotation> {
    let t = DateTime::from_timestamp(1_700_000_000, 250_000_000).unwrap_or_default();
    let a = Annotation {
        id: AnnotationId("0123456789ab".into()),
        doc: DocId("doc “1”".into()),
        start: 0,
        end: 18_446_744,
        more: Vec::new(),
        label: "quote".into(),
        text: "“Get out,” he\tsaid\n\"\\'\0\u{7f} e\u{301} 👍🏽 عربي".into(),
        prefix: String::new(),
        suffix: "\u{a0}—".into(),
        note: "a note".into(),
        attrs: Attributes::default(),
        clusters: Vec::new(),
        annotator: "me".into(),
        created: t,
        modified: DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default(),
        orphaned: true,
    };
    let plain = Annotation {
        note: String::new(),
        orphaned: false,
        ..a.clone()
    };
    let mut with_attrs = plain.clone();
    with_attrs.attrs = Attributes {
        value: Some(2_500_000.0),
        low: Some(2_500_000.0),
        high: Some(-0.0),
        unit: Some("people".into()),
        counted: Some("“protesters”, per the organisers".into()),
        precision: Some(crate::model::Precision::AtLeast),
        from_text: true,
        speaker: Some("al-Sadr".into()),
        check_worthy: Some(true),
        verdict: Some("misleading\n".into()),
        custom: [
            ("source type".into(), "agency".into()),
            ("z".into(), "\"".into()),
        ]
        .into_iter()
        .collect(),
    };
    let mut small = plain.clone();
    small.attrs.value = Some(1.5e-7);
    let mut with_more = plain.clone();
    with_more.more = vec![
        crate::model::CharRange { start: 20, end: 30 },
        crate::model::CharRange { start: 40, end: 41 },
    ];
    let mut clustered = plain.clone();
    clustered.clusters = vec!["0a1b2c3d4e5f".into(), "c “2”".into()];
    vec![a, plain, with_attrs, small, with_more, clustered]
}

fn write_fields(out: &mut String, a: &Annotation) -> Option<()> {
    // Every field by name, no `..`: a field added to the model fails to compile here
    // until this writer (and `annotation` below, which builds the struct whole) handles
    // it, so the fast path can never drop one silently.
    let Annotation {
        id,
        doc,
        start,
        end,
        more,
        label,
        text,
        prefix,
        suffix,
        note,
        attrs,
        clusters,
        annotator,
        created,
        modified,
        orphaned,
    } = a;
    out.push_str("(id: ");
    push_escaped(out, id.as_str())?;
    out.push_str(", doc: ");
    push_escaped(out, doc.as_str())?;
    write!(out, ", start: {start}, end: {end}").ok()?;
    if !more.is_empty() {
        out.push_str(", more: [");
        for (i, r) in more.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(out, "{sep}(start: {}, end: {})", r.start, r.end).ok()?;
        }
        out.push(']');
    }
    out.push_str(", label: ");
    push_escaped(out, label)?;
    out.push_str(", text: ");
    push_escaped(out, text)?;
    out.push_str(", prefix: ");
    push_escaped(out, prefix)?;
    out.push_str(", suffix: ");
    push_escaped(out, suffix)?;
    if !note.is_empty() {
        out.push_str(", note: ");
        push_escaped(out, note)?;
    }
    if !attrs.is_empty() {
        out.push_str(", attrs: ");
        write_attrs(out, attrs)?;
    }
    if !clusters.is_empty() {
        out.push_str(", clusters: [");
        for (i, c) in clusters.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            push_escaped(out, c.as_str())?;
        }
        out.push(']');
    }
    out.push_str(", annotator: ");
    push_escaped(out, annotator)?;
    out.push_str(", created: ");
    push_time(out, created);
    out.push_str(", modified: ");
    push_time(out, modified);
    if *orphaned {
        out.push_str(", orphaned: true");
    }
    out.push(')');
    Some(())
}

/// The attributes as ron writes the struct on one line: set fields only, in field order.
fn write_attrs(out: &mut String, attrs: &Attributes) -> Option<()> {
    // By name, no `..`, for the same reason as the annotation's fields.
    let Attributes {
        value,
        low,
        high,
        unit,
        counted,
        precision,
        from_text,
        speaker,
        check_worthy,
        verdict,
        custom,
    } = attrs;
    let mut sep = "(";
    let mut field = |out: &mut String, name: &str| {
        out.push_str(sep);
        out.push_str(name);
        out.push_str(": ");
        sep = ", ";
    };
    for (name, v) in [("value", value), ("low", low), ("high", high)] {
        if let Some(v) = v {
            // ron writes a float with `{:?}`; NaN and infinities are left to it.
            if !v.is_finite() {
                return None;
            }
            field(out, name);
            write!(out, "Some({v:?})").ok()?;
        }
    }
    for (name, v) in [("unit", unit), ("counted", counted)] {
        if let Some(v) = v {
            field(out, name);
            some_str(out, v)?;
        }
    }
    if let Some(p) = precision {
        field(out, "precision");
        write!(out, "Some({p:?})").ok()?;
    }
    if *from_text {
        field(out, "from_text");
        out.push_str("true");
    }
    if let Some(v) = speaker {
        field(out, "speaker");
        some_str(out, v)?;
    }
    if let Some(b) = check_worthy {
        field(out, "check_worthy");
        write!(out, "Some({b})").ok()?;
    }
    if let Some(v) = verdict {
        field(out, "verdict");
        some_str(out, v)?;
    }
    if !custom.is_empty() {
        field(out, "custom");
        let mut first = true;
        out.push('{');
        for (k, v) in custom {
            if !first {
                out.push_str(", ");
            }
            first = false;
            push_escaped(out, k)?;
            out.push_str(": ");
            push_escaped(out, v)?;
        }
        out.push('}');
    }
    out.push(')');
    Some(())
}

fn some_str(out: &mut String, s: &str) -> Option<()> {
    out.push_str("Some(");
    push_escaped(out, s)?;
    out.push(')');
    Some(())
}

/// A time as chrono's `Serialize` writes it (RFC 3339, `Z`, sub-seconds only when
/// there are any), quoted: it never needs escaping.
fn push_time(out: &mut String, t: &DateTime<Utc>) {
    out.push('"');
    out.push_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, true));
    out.push('"');
}

/// The annotation at the start of `s` and the bytes it takes (up to its closing
/// parenthesis), if it is in ron's own form and has no `more` ranges, attributes or clusters.
pub fn annotation(s: &str) -> Option<(Annotation, usize)> {
    let mut c = Cursor { s, at: 0 };
    c.lit("(id: ")?;
    let id = AnnotationId(c.string()?);
    c.lit(", doc: ")?;
    let doc = DocId(c.string()?);
    c.lit(", start: ")?;
    let start = c.uint()?;
    c.lit(", end: ")?;
    let end = c.uint()?;
    c.lit(", label: ")?;
    let label = c.string()?;
    c.lit(", text: ")?;
    let text = c.string()?;
    c.lit(", prefix: ")?;
    let prefix = c.string()?;
    c.lit(", suffix: ")?;
    let suffix = c.string()?;
    let note = match c.lit(", note: ") {
        Some(()) => c.string()?,
        None => String::new(),
    };
    c.lit(", annotator: ")?;
    let annotator = c.string()?;
    c.lit(", created: ")?;
    let created = time::parse(&c.string()?).ok()?;
    c.lit(", modified: ")?;
    let modified = time::parse(&c.string()?).ok()?;
    let orphaned = match c.lit(", orphaned: ") {
        Some(()) => c.bool()?,
        None => false,
    };
    c.lit(")")?;
    let a = Annotation {
        id,
        doc,
        start,
        end,
        more: Vec::new(),
        label,
        text,
        prefix,
        suffix,
        note,
        attrs: Attributes::default(),
        clusters: Vec::new(),
        annotator,
        created,
        modified,
        orphaned,
    };
    Some((a, c.at))
}

struct Cursor<'a> {
    s: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &[u8] {
        &self.s.as_bytes()[self.at..]
    }

    /// Steps over `lit` if the text goes on with it.
    fn lit(&mut self, lit: &str) -> Option<()> {
        self.rest().starts_with(lit.as_bytes()).then(|| {
            self.at += lit.len();
        })
    }

    /// A plain decimal number, as ron writes it (no sign, `_`, base prefix or leading
    /// zero; those are left to ron).
    fn uint(&mut self) -> Option<usize> {
        let n = self
            .rest()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let digits = self.s.get(self.at..self.at + n)?;
        if n == 0 || (n > 1 && digits.starts_with('0')) {
            return None;
        }
        self.at += n;
        digits.parse().ok()
    }

    fn bool(&mut self) -> Option<bool> {
        if self.lit("true").is_some() {
            Some(true)
        } else {
            self.lit("false").map(|()| false)
        }
    }

    /// A quoted string with the escapes ron writes: `\"`, `\'`, `\\`, `\n`, `\r`, `\t`,
    /// `\0` and `\u{…}`. Any other escape, a string continuation included, is left to
    /// ron.
    fn string(&mut self) -> Option<String> {
        self.lit("\"")?;
        let mut out = String::new();
        loop {
            let k = memchr2(b'"', b'\\', self.rest())?;
            let quote = self.rest()[k] == b'"';
            // `k` indexes an ASCII byte, so both ends are char boundaries.
            out.push_str(self.s.get(self.at..self.at + k)?);
            self.at += k + 1;
            if quote {
                return Some(out);
            }
            let esc = *self.rest().first()?;
            self.at += 1;
            out.push(match esc {
                b'"' => '"',
                b'\'' => '\'',
                b'\\' => '\\',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'0' => '\0',
                b'u' => self.unicode_escape()?,
                _ => return None,
            });
        }
    }

    /// The `{…}` of a `\u` escape: one to six hex digits naming a char.
    fn unicode_escape(&mut self) -> Option<char> {
        self.lit("{")?;
        let n = self
            .rest()
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        if !(1..=6).contains(&n) {
            return None;
        }
        let hex = self.s.get(self.at..self.at + n)?;
        self.at += n;
        self.lit("}")?;
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use proptest::prelude::*;
    use serde::Deserialize;

    /// One annotation as the project file writes it (a list element line, without the
    /// indent and the comma).
    fn line(a: &Annotation) -> String {
        let config = crate::store::pretty().depth_limit(0);
        ron::Options::default()
            .to_string_pretty(a, config)
            .expect("ron writes it")
    }

    /// What ron reads at the start of `s`, and the bytes it takes (white space and
    /// comments after the value included).
    fn ron_reads(s: &str) -> Option<(Annotation, usize)> {
        let mut de = ron::Deserializer::from_str(s).ok()?;
        let a = Annotation::deserialize(&mut de).ok()?;
        Some((a, s.len() - de.remainder().len()))
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            ".*",
            "[a-z “”’—\"'\\\\\n\t\r\u{0}\u{7f}\u{85}\u{200b}\u{301}]*",
        ]
    }

    prop_compose! {
        fn any_annotation()(
            id in "[0-9a-f]{12}|.*",
            doc in any_text(),
            (start, end) in (0usize..usize::MAX, 0usize..usize::MAX),
            label in any_text(),
            text in any_text(),
            prefix in any_text(),
            suffix in any_text(),
            note in any_text(),
            annotator in any_text(),
            secs in (0i64..4_000_000_000, 0i64..4_000_000_000),
            nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000],
            orphaned in any::<bool>(),
        ) -> Annotation {
            Annotation {
                id: AnnotationId(id),
                doc: DocId(doc),
                start,
                end,
                more: Vec::new(),
                label,
                text,
                prefix,
                suffix,
                note,
                attrs: Attributes::default(),
                clusters: Vec::new(),
                annotator,
                created: Utc.timestamp_opt(secs.0, 0).single().unwrap_or_default(),
                modified: Utc.timestamp_opt(secs.1, nanos).single().unwrap_or_default(),
                orphaned,
            }
        }
    }

    fn any_attrs() -> impl Strategy<Value = Attributes> {
        let finite = prop_oneof![
            prop::num::f64::NORMAL,
            prop::num::f64::SUBNORMAL,
            prop::num::f64::ZERO,
            Just(2_500_000.0),
            Just(1e300),
            Just(-0.5),
        ];
        (
            (
                prop::option::of(finite.clone()),
                prop::option::of(finite.clone()),
                prop::option::of(finite),
            ),
            prop::option::of(any_text()),
            prop::option::of(any_text()),
            prop::option::of(prop::sample::select(crate::model::Precision::ALL.to_vec())),
            any::<bool>(),
            prop::option::of(any_text()),
            prop::option::of(any::<bool>()),
            prop::option::of(any_text()),
            prop::collection::btree_map(any_text(), any_text(), 0..3),
        )
            .prop_map(
                |(
                    (value, low, high),
                    unit,
                    counted,
                    precision,
                    from_text,
                    speaker,
                    check_worthy,
                    verdict,
                    custom,
                )| {
                    Attributes {
                        value,
                        low,
                        high,
                        unit,
                        counted,
                        precision,
                        from_text,
                        speaker,
                        check_worthy,
                        verdict,
                        custom,
                    }
                },
            )
    }

    fn any_ranges() -> impl Strategy<Value = Vec<crate::model::CharRange>> {
        prop::collection::vec(
            (0usize..usize::MAX, 0usize..usize::MAX)
                .prop_map(|(start, end)| crate::model::CharRange { start, end }),
            0..4,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// With ranges and attributes too, the line written here is ron's, byte for byte.
        #[test]
        fn writes_ranges_and_attributes_as_ron_does(
            a in any_annotation(),
            attrs in any_attrs(),
            more in any_ranges(),
            clusters in prop::collection::vec(any_text().prop_map(crate::model::ClusterId), 0..3),
        ) {
            let a = Annotation { attrs, more, clusters, ..a };
            let mut ours = String::new();
            prop_assert!(write(&mut ours, &a));
            prop_assert_eq!(ours, line(&a));
        }

        /// The line written here is the one ron writes, byte for byte.
        #[test]
        fn writes_what_ron_writes(a in any_annotation()) {
            let mut ours = String::from("before ");
            prop_assert!(write(&mut ours, &a));
            prop_assert_eq!(ours, format!("before {}", line(&a)));
        }

        /// Every line ron writes for an annotation without ranges or attributes is read
        /// here, whole, to the same annotation.
        #[test]
        fn reads_what_ron_writes(a in any_annotation()) {
            let l = line(&a);
            prop_assert_eq!(annotation(&l), Some((a, l.len())));
        }

        /// A line broken anywhere (a byte dropped, or one of RON's own characters put
        /// in) is either left to ron, or read to exactly what ron reads from it.
        #[test]
        fn a_broken_line_is_read_as_ron_reads_it_or_left_to_ron(
            a in any_annotation(),
            at in any::<prop::sample::Index>(),
            edit in prop::sample::select(vec![
                "", "\"", "\\", ",", " ", "(", ")", ":", "0", "1", "_", "x", "u", "{", "}",
                "/*c*/", "//c\n", "\n", "r\"s\"", "\\x41", "\\\n", "+", "Annotation",
            ]),
            drop in any::<bool>(),
        ) {
            let l = line(&a);
            let mut i = at.index(l.len() + 1);
            while !l.is_char_boundary(i) {
                i -= 1;
            }
            let mut j = i;
            if drop && i < l.len() {
                j = l.ceil_char_boundary(i + 1);
            }
            let broken = format!("{}{edit}{}", &l[..i], &l[j..]);
            if let Some((ours, taken)) = annotation(&broken) {
                let theirs = ron_reads(&broken);
                prop_assert_eq!(Some(&ours), theirs.as_ref().map(|r| &r.0), "{}", broken);
                // The reader stops at the closing parenthesis; ron goes on over white
                // space and comments, which the caller then meets and steps over or
                // refuses.
                prop_assert!(broken[..taken].ends_with(')'));
                prop_assert!(theirs.is_some_and(|r| r.1 >= taken));
            }
        }
    }

    #[test]
    fn ranges_and_attributes_are_read_by_ron_and_written_here() {
        let text = crate::text::DocText::new("The crowd was 2.5 million strong.".into());
        let mut a = Annotation::new(DocId::from("d"), &text, 14, 25, "figure", "me")
            .expect("span in range");
        a.note = "from “the organisers”".into();
        let plain = line(&a);
        assert_eq!(annotation(&plain), Some((a.clone(), plain.len())));
        // The form these tests write is the project file's own.
        let mut p = crate::model::Project::new("p");
        p.annotations.push(a.clone());
        let file = crate::store::to_ron(&p).expect("ron writes it");
        assert!(file.contains(&format!("\n    {plain},\n")), "{file}");
        let spaced = plain.replacen(", doc:", ",  doc:", 1);
        assert_eq!(ron_reads(&spaced).map(|r| r.0), Some(a.clone()));
        assert_eq!(annotation(&spaced), None);

        let mut with_attrs = a.clone();
        with_attrs.attrs.value = Some(2_500_000.0);
        assert_eq!(annotation(&line(&with_attrs)), None);
        let mut with_more = a;
        with_more.more = vec![crate::model::CharRange { start: 0, end: 3 }];
        assert_eq!(annotation(&line(&with_more)), None);
        // They are written here, as ron writes them; a value JSON and ron spell in
        // their own ways (NaN, infinities) is left to ron.
        let mut out = String::new();
        assert!(write(&mut out, &with_attrs));
        assert_eq!(out, line(&with_attrs));
        assert!(out.contains("attrs: (value: Some(2500000.0))"), "{out}");
        let mut out = String::new();
        assert!(write(&mut out, &with_more));
        assert_eq!(out, line(&with_more));
        let mut nan = with_attrs;
        nan.attrs.value = Some(f64::NAN);
        let mut out = String::from("kept");
        assert!(!write(&mut out, &nan));
        assert_eq!(out, "kept");
    }
}
