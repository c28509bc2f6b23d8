//! A direct writer of the project file, byte for byte what `ron`'s pretty serializer
//! writes with [`super::pretty`], about an order of magnitude faster: ron escapes strings
//! one char at a time through `fmt::Write`, which made saving a 100,000-annotation
//! project take over a second. `tests/store_props.rs` checks that both agree on
//! arbitrary projects; a field added to the model must be added here too (that test
//! fails until it is).

use crate::model::{
    Annotation, Attributes, Document, Label, LabelKind, Link, LinkKind, Precision, Project,
};
use chrono::{DateTime, SecondsFormat, Utc};
use std::fmt::Write as _;

struct Out {
    s: String,
    depth: usize,
}

impl Out {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.s.push_str("  ");
        }
    }

    /// `(` of a struct; fields follow with [`Out::field`].
    fn open(&mut self) {
        self.s.push_str("(\n");
        self.depth += 1;
    }

    fn close(&mut self) {
        self.depth -= 1;
        self.indent();
        self.s.push(')');
    }

    /// Starts a field: the value is written next, then [`Out::end`].
    fn field(&mut self, name: &str) {
        self.indent();
        self.s.push_str(name);
        self.s.push_str(": ");
    }

    fn end(&mut self) {
        self.s.push_str(",\n");
    }

    fn str_field(&mut self, name: &str, v: &str) {
        self.field(name);
        self.str(v);
        self.end();
    }

    fn uint_field(&mut self, name: &str, v: usize) {
        self.field(name);
        let _ = write!(self.s, "{v}");
        self.end();
    }

    fn opt_str_field(&mut self, name: &str, v: &Option<String>) {
        if let Some(v) = v {
            self.field(name);
            self.s.push_str("Some(");
            self.str(v);
            self.s.push(')');
            self.end();
        }
    }

    /// A string as ron escapes it: `char::escape_debug` on every char, with a fast path
    /// for runs of plain ASCII.
    fn str(&mut self, v: &str) {
        self.s.push('"');
        let bytes = v.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if (0x20..0x7f).contains(&b) && b != b'"' && b != b'\'' && b != b'\\' {
                i += 1;
                continue;
            }
            self.s.push_str(&v[run..i]);
            // `i` is on a char boundary: runs end only at ASCII bytes or char starts.
            let c = v[i..].chars().next().unwrap_or_default();
            self.s.extend(c.escape_debug());
            i += c.len_utf8();
            run = i;
        }
        self.s.push_str(&v[run..]);
        self.s.push('"');
    }

    fn seq<T>(&mut self, name: &str, items: &[T], mut item: impl FnMut(&mut Self, &T)) {
        self.field(name);
        if items.is_empty() {
            self.s.push_str("[]");
        } else {
            self.s.push_str("[\n");
            self.depth += 1;
            for x in items {
                self.indent();
                item(self, x);
                self.end();
            }
            self.depth -= 1;
            self.indent();
            self.s.push(']');
        }
        self.end();
    }

    fn time_field(&mut self, name: &str, t: &DateTime<Utc>) {
        // What chrono's `Serialize` writes.
        self.str_field(name, &t.to_rfc3339_opts(SecondsFormat::AutoSi, true));
    }
}

/// The project in the layout of `ron::to_string_pretty(project, pretty())`, without the
/// final newline. The project must already be in its stable order.
pub(super) fn project(p: &Project) -> String {
    // Roughly what a project takes, so the buffer grows once or twice, not 25 times.
    let mut o = Out {
        s: String::with_capacity(512 + p.annotations.len() * 420 + p.documents.len() * 400),
        depth: 0,
    };
    o.open();
    o.uint_field("format", p.format as usize);
    o.str_field("name", &p.name);
    o.seq("labels", &p.labels.0, label);
    o.seq("documents", &p.documents, document);
    o.seq("annotations", &p.annotations, annotation);
    o.seq("links", &p.links, link);
    o.close();
    o.s
}

fn label(o: &mut Out, l: &Label) {
    o.open();
    o.str_field("id", &l.id);
    o.str_field("name", &l.name);
    o.field("kind");
    o.s.push_str(match l.kind {
        LabelKind::Claim => "Claim",
        LabelKind::Quote => "Quote",
        LabelKind::Figure => "Figure",
        LabelKind::Other => "Other",
    });
    o.end();
    o.str_field("color", &l.color.to_string());
    if let Some(k) = l.key {
        o.field("key");
        o.s.push_str("Some('");
        if k == '\\' || k == '\'' {
            o.s.push('\\');
        }
        o.s.push(k);
        o.s.push_str("')");
        o.end();
    }
    o.close();
}

fn document(o: &mut Out, d: &Document) {
    o.open();
    o.str_field("id", d.id.as_str());
    o.str_field("path", &d.path);
    o.str_field("title", &d.title);
    o.str_field("outlet", &d.outlet);
    o.str_field("url", &d.url);
    o.field("published");
    match d.published {
        Some(date) => {
            o.s.push_str("Some(");
            o.str(&date.to_string());
            o.s.push(')');
        }
        None => o.s.push_str("None"),
    }
    o.end();
    o.str_field("language", &d.language);
    o.field("status");
    o.s.push_str(match d.status {
        crate::model::DocStatus::Todo => "Todo",
        crate::model::DocStatus::InProgress => "InProgress",
        crate::model::DocStatus::Done => "Done",
    });
    o.end();
    o.str_field("sha256", &d.sha256);
    o.uint_field("chars", d.chars);
    o.close();
}

fn annotation(o: &mut Out, a: &Annotation) {
    o.open();
    o.str_field("id", a.id.as_str());
    o.str_field("doc", a.doc.as_str());
    o.uint_field("start", a.start);
    o.uint_field("end", a.end);
    if !a.more.is_empty() {
        o.seq("more", &a.more, |o, r| {
            o.open();
            o.uint_field("start", r.start);
            o.uint_field("end", r.end);
            o.close();
        });
    }
    o.str_field("label", &a.label);
    o.str_field("text", &a.text);
    o.str_field("prefix", &a.prefix);
    o.str_field("suffix", &a.suffix);
    if !a.note.is_empty() {
        o.str_field("note", &a.note);
    }
    if !a.attrs.is_empty() {
        o.field("attrs");
        attributes(o, &a.attrs);
        o.end();
    }
    o.str_field("annotator", &a.annotator);
    o.time_field("created", &a.created);
    o.time_field("modified", &a.modified);
    if a.orphaned {
        o.field("orphaned");
        o.s.push_str("true");
        o.end();
    }
    o.close();
}

fn attributes(o: &mut Out, at: &Attributes) {
    o.open();
    if let Some(v) = at.value {
        o.field("value");
        o.s.push_str("Some(");
        if v.is_nan() && v.is_sign_negative() {
            o.s.push('-');
        }
        let _ = write!(o.s, "{v:?}");
        o.s.push(')');
        o.end();
    }
    o.opt_str_field("unit", &at.unit);
    o.opt_str_field("counted", &at.counted);
    if let Some(p) = at.precision {
        o.field("precision");
        o.s.push_str(match p {
            Precision::Exact => "Some(Exact)",
            Precision::Approximate => "Some(Approximate)",
            Precision::AtLeast => "Some(AtLeast)",
            Precision::AtMost => "Some(AtMost)",
        });
        o.end();
    }
    o.opt_str_field("speaker", &at.speaker);
    if let Some(b) = at.check_worthy {
        o.field("check_worthy");
        o.s.push_str(if b { "Some(true)" } else { "Some(false)" });
        o.end();
    }
    o.opt_str_field("verdict", &at.verdict);
    if !at.custom.is_empty() {
        o.field("custom");
        o.s.push_str("{\n");
        o.depth += 1;
        for (k, v) in &at.custom {
            o.indent();
            o.str(k);
            o.s.push_str(": ");
            o.str(v);
            o.end();
        }
        o.depth -= 1;
        o.indent();
        o.s.push('}');
        o.end();
    }
    o.close();
}

fn link(o: &mut Out, l: &Link) {
    o.open();
    o.str_field("id", l.id.as_str());
    o.str_field("from", l.from.as_str());
    o.str_field("to", l.to.as_str());
    o.field("kind");
    match &l.kind {
        LinkKind::SaidBy => o.s.push_str("SaidBy"),
        LinkKind::Supports => o.s.push_str("Supports"),
        LinkKind::SameAs => o.s.push_str("SameAs"),
        LinkKind::Other(s) => {
            o.s.push_str("Other(");
            o.str(s);
            o.s.push(')');
        }
    }
    o.end();
    if !l.note.is_empty() {
        o.str_field("note", &l.note);
    }
    o.close();
}
