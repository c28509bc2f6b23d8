//! `brat`: brat standoff, a folder with `DOC.txt` (the document text) and `DOC.ann` per
//! document, and an `annotation.conf` declaring the labels and attributes.
//!
//! - `T` lines: `T1<TAB>label START END[;START END…]<TAB>text`, offsets in chars (brat
//!   counts Python `str` positions); the text column joins the fragments with a space
//!   and shows line breaks (and tabs, the column separator) as spaces.
//! - `A` lines: an attribute whose value (and, for a custom attribute, name) is one token
//!   of the safe alphabet ([`is_safe`]: ASCII letters, digits, `-`, `.`, `+`, `%`) is a
//!   multi-valued brat attribute, `A1<TAB>precision T1 at-least`, which brat's attribute
//!   panel shows. Custom attributes are named `custom.NAME`. `check_worthy` is `yes` or
//!   `no`; numbers are written as Rust prints them, which reads back to the same value.
//! - `#` lines of type `SourcemarkAttribute`: every other attribute (a value with a
//!   space, comma, underscore, quote, tab, line break, non-ASCII letter, or empty), as a
//!   one-member JSON object, `#1<TAB>SourcemarkAttribute T1<TAB>{"counted":"…, per …"}`:
//!   exact, one line whatever the value holds, and brat shows it in the span's tooltip
//!   next to the note. A distinct type, not `AnnotatorNotes`, so brat's note editor never
//!   takes it for the note and a note can never be read as an attribute.
//! - `#` lines of type `AnnotatorNotes`: the note, written last for the span (brat's note
//!   field edits that line), with line breaks and tabs shown as spaces.
//!
//! Import reads both forms, and `A` lines as earlier versions wrote them: there `_`
//! stood for a space, so an `A` value (or custom name) has its `_` read back as spaces,
//! which is why a value with `_` is written as a `#` line now. It reads `R` lines (and
//! notes on them) as links; one that names a `T` the file does not have is refused with
//! its line. Events, equivalences and normalisations are not read.
//!
//! - `R` lines: a link between two spans of the document, `R1<TAB>SaidBy Arg1:T3 Arg2:T7`
//!   (`Arg1` the `from` end), its kind as the project file names it and as a brat token;
//!   a link's note is an `AnnotatorNotes` line on the `R`, which brat shows and edits. A
//!   project-defined kind that is not a brat token as it is (`echoes of`) is written as
//!   one (`echoes_of`) and exactly on a `SourcemarkAttribute` line on the `R`,
//!   `#2<TAB>SourcemarkAttribute R1<TAB>{"kind":"echoes of"}`, which import reads back.
//!   brat relations join spans of one document, so a link across documents is left out
//!   and counted. Each kind used is declared under `[relations]` in `annotation.conf`,
//!   between any two entity types (`Arg1:<ENTITY>, Arg2:<ENTITY>`).
//!
//! Labels become entity types, with whitespace and control characters as `_` (and a
//! leading `!`, `#`, `[` or `<`, which the config file reads as syntax). Metadata (title,
//! outlet, …) has no place in brat and is not exported, nor are link ids (an import
//! gives the links new ones).
//!
//! File names come from document ids. Each is checked with
//! [`crate::model::join_file_name`] before anything is written, and a file that is a
//! symbolic link is never written through, so an export creates or replaces files only
//! directly inside its folder. Import reads only regular files in its folder (a link is
//! followed only when it stays inside the folder).

use super::export::write_file;
use super::export::{ExportError, ExportSummary, Progress};
use super::record::{ImportError, LinkRecord, Record, RecordMeta, SpanRecord, SpanRef, TextCheck};
use super::select::{DocView, each_view};
use crate::model::quote::quote;
use crate::model::{Attributes, LinkKind, Precision, join_file_name};
use crate::workspace::Workspace;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// A brat-safe token: no whitespace or control characters, no config separators, and
/// no leading character the config reads as syntax (`!` abstract type, `#` comment, `[`
/// section, `<` macro). Import maps a label back through this same function.
pub(crate) fn token(s: &str) -> String {
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            let syntax = i == 0 && matches!(c, '!' | '#' | '[' | '<');
            if c.is_whitespace() || c.is_control() || matches!(c, '|' | ',') || syntax {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// Text for a one-line field: line breaks and tabs (the column separator) as spaces.
fn one_line(s: &str) -> String {
    s.replace(['\r', '\n', '\t'], " ")
}

/// True when `s` can be an `A` line's name or value as it is: one non-empty token of
/// ASCII letters, digits, `-`, `.`, `+` and `%`. That leaves out whitespace and the
/// config's separators (`,`, `|`, `:`), `_` (which import reads as a space, as earlier
/// versions wrote spaces), and whatever brat or a reader of its config might treat as
/// syntax or re-encode.
pub(crate) fn is_safe(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+' | '%'))
}

/// The `#` line type that carries an attribute exactly.
const CARRIER: &str = "SourcemarkAttribute";

/// The attributes of a span as (brat name, exact value) pairs, in a fixed order.
/// Custom names are `custom.` and the exact key.
fn attr_pairs(a: &Attributes) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |name: &str, value: Option<String>| {
        if let Some(v) = value {
            out.push((name.to_owned(), v));
        }
    };
    push("value", a.value.map(|v| v.to_string()));
    push("unit", a.unit.clone());
    push("counted", a.counted.clone());
    push("precision", a.precision.map(|p| p.as_str().to_owned()));
    push("speaker", a.speaker.clone());
    push(
        "check_worthy",
        a.check_worthy
            .map(|b| if b { "yes" } else { "no" }.to_owned()),
    );
    push("verdict", a.verdict.clone());
    for (k, v) in &a.custom {
        push(&format!("custom.{k}"), Some(v.clone()));
    }
    out
}

/// The tail of a carrier line: `{"NAME":"VALUE"}`, JSON so that any string (tabs, line
/// breaks, quotes) stays on one line and reads back the same. JSON leaves NEL, U+2028
/// and U+2029 raw, but brat's server reads lines the way Python's `splitlines` cuts
/// them, so those are escaped too (they can only be inside the JSON strings).
fn carrier_json(name: &str, value: &str) -> String {
    let mut m = serde_json::Map::new();
    m.insert(name.to_owned(), serde_json::Value::String(value.to_owned()));
    let json = serde_json::Value::Object(m).to_string();
    if json.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
        json.replace('\u{85}', "\\u0085")
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
    } else {
        json
    }
}

/// What the `.ann` files use that `annotation.conf` must declare.
#[derive(Default)]
struct Declared {
    /// Attribute names with the values used.
    attrs: BTreeMap<String, BTreeSet<String>>,
    /// Relation types (link kinds as tokens), built-in kinds first.
    relations: BTreeSet<(bool, String)>,
}

fn ann_file(v: &DocView<'_>, declared: &mut Declared) -> String {
    let attrs_seen = &mut declared.attrs;
    let mut s = String::new();
    let (mut na, mut nn) = (0, 0);
    for (i, a) in v.spans.iter().enumerate() {
        let t = i + 1;
        let ranges: Vec<String> = v.unit_ranges(a).map(|(x, y)| format!("{x} {y}")).collect();
        let _ = writeln!(
            s,
            "T{t}\t{} {}\t{}",
            token(&a.label),
            ranges.join(";"),
            one_line(&v.joined_text(a))
        );
        for (name, value) in attr_pairs(&a.attrs) {
            let name_ok = name.strip_prefix("custom.").is_none_or(is_safe);
            if name_ok && is_safe(&value) {
                na += 1;
                let _ = writeln!(s, "A{na}\t{name} T{t} {value}");
                attrs_seen.entry(name).or_default().insert(value);
            } else {
                nn += 1;
                let _ = writeln!(s, "#{nn}\t{CARRIER} T{t}\t{}", carrier_json(&name, &value));
            }
        }
        if !a.note.is_empty() {
            nn += 1;
            let _ = writeln!(s, "#{nn}\tAnnotatorNotes T{t}\t{}", one_line(&a.note));
        }
    }
    for (i, l) in v.links.iter().enumerate() {
        let r = i + 1;
        let name = l.link.kind.name();
        let kind = token(name);
        let _ = writeln!(
            s,
            "R{r}\t{kind} Arg1:T{} Arg2:T{}",
            l.from.span + 1,
            l.to.span + 1
        );
        if kind != name {
            nn += 1;
            let _ = writeln!(s, "#{nn}\t{CARRIER} R{r}\t{}", carrier_json("kind", name));
        }
        if !l.link.note.is_empty() {
            nn += 1;
            let _ = writeln!(s, "#{nn}\tAnnotatorNotes R{r}\t{}", one_line(&l.link.note));
        }
        let custom = matches!(l.link.kind, LinkKind::Other(_));
        declared.relations.insert((custom, kind));
    }
    s
}

/// `annotation.conf`: the labels as entities, the link kinds used as relations between
/// any two entities, and the attributes with the values used.
fn conf(ws: &Workspace, views: &[DocView<'_>], declared: &Declared) -> String {
    let attrs = &declared.attrs;
    let used: BTreeSet<&str> = views
        .iter()
        .flat_map(|v| v.spans.iter().map(|a| a.label.as_str()))
        .collect();
    let mut s = String::from("# Written by sourcemark.\n[entities]\n");
    // The scheme's labels in scheme order, then any label only spans use.
    let mut listed = BTreeSet::new();
    for l in ws.project.labels.iter() {
        if used.contains(l.id.as_str()) {
            let _ = writeln!(s, "{}", token(&l.id));
            listed.insert(l.id.as_str());
        }
    }
    for l in used.difference(&listed) {
        let _ = writeln!(s, "{}", token(l));
    }
    s.push_str("\n[relations]\n");
    for (_, kind) in &declared.relations {
        let _ = writeln!(s, "{kind}\tArg1:<ENTITY>, Arg2:<ENTITY>");
    }
    s.push_str("\n[events]\n\n[attributes]\n");
    for (name, values) in attrs {
        let vs: Vec<&str> = values.iter().map(String::as_str).collect();
        let _ = writeln!(s, "{name}\tArg:<ENTITY>, Value:{}", vs.join("|"));
    }
    s
}

/// An error about the output folder that is not the OS's.
fn refused(path: &Path, message: String) -> ExportError {
    ExportError::Io {
        path: path.to_owned(),
        source: io::Error::new(io::ErrorKind::InvalidInput, message),
    }
}

/// `dir/ID.EXT` for a document, or why that name would not be a plain file inside `dir`.
fn doc_file(dir: &Path, v: &DocView<'_>, ext: &str) -> Result<PathBuf, ExportError> {
    let id = v.doc.id.as_str();
    let checked = v.doc.id.validate();
    checked
        .and_then(|()| join_file_name(dir, &format!("{id}.{ext}")))
        .map_err(|e| {
            refused(
                dir,
                format!(
                    "document id {} cannot be a file name: {e}; nothing was written \
                 (`sourcemark check` lists the ids to rename)",
                    quote(id)
                ),
            )
        })
}

/// Refuses to write over a symbolic link: the file replaced must be the one in `dir`.
fn not_a_link(path: &Path) -> Result<(), ExportError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(refused(
            path,
            "is a symbolic link; brat export writes only plain files in its folder, \
             never where a link points (remove the link, or export to another folder); \
             nothing was written"
                .to_owned(),
        )),
        _ => Ok(()),
    }
}

/// Writes the folder; every file is replaced atomically. Every file name is checked
/// before the first file is written.
pub(crate) fn write_folder(
    ws: &Workspace,
    views: &[DocView<'_>],
    dir: &Path,
    summary: &mut ExportSummary,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    let conf_path = dir.join("annotation.conf");
    let mut paths = Vec::with_capacity(views.len());
    for v in views {
        let (txt, ann) = (doc_file(dir, v, "txt")?, doc_file(dir, v, "ann")?);
        not_a_link(&txt)?;
        not_a_link(&ann)?;
        paths.push((txt, ann));
    }
    not_a_link(&conf_path)?;
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut declared = Declared::default();
    let mut paths = paths.into_iter();
    each_view(views, progress, |v| {
        let Some((txt, ann)) = paths.next() else {
            return Ok(());
        };
        write_file(&txt, v.text.as_str().as_bytes())?;
        write_file(&ann, ann_file(v, &mut declared).as_bytes())?;
        summary.files.push(txt);
        summary.files.push(ann);
        Ok(())
    })?;
    write_file(&conf_path, conf(ws, views, &declared).as_bytes())?;
    summary.files.push(conf_path);
    // Files of an earlier export are not ours to delete, but they would be read back by
    // an import of this folder: say so.
    let stale: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ann"))
                .filter(|p| !summary.files.contains(p))
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect()
        })
        .unwrap_or_default();
    if !stale.is_empty() {
        let mut stale = stale;
        stale.sort();
        summary.warnings.push(format!(
            "{}: {} other .ann file(s) from before were left as they were: {}",
            dir.display(),
            stale.len(),
            stale.join(", ")
        ));
    }
    Ok(())
}

/// An `A` line's value or custom name as earlier versions wrote it, `_` for a space.
fn untoken(s: &str) -> String {
    s.replace('_', " ")
}

/// Sets one imported attribute; `decode` turns the written value (and a custom name)
/// into the stored one: [`untoken`] for `A` lines, the identity for carrier lines.
fn set_attr(
    attrs: &mut Attributes,
    name: &str,
    value: Option<&str>,
    decode: fn(&str) -> String,
) -> Result<(), String> {
    let text = || value.map(decode);
    match name {
        "value" => {
            let v = value.unwrap_or_default();
            attrs.value = Some(
                v.parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .ok_or_else(|| format!("value {} is not a finite number", quote(v)))?,
            );
        }
        "unit" => attrs.unit = text(),
        "counted" => attrs.counted = text(),
        "speaker" => attrs.speaker = text(),
        "verdict" => attrs.verdict = text(),
        "precision" => {
            let v = value.unwrap_or_default();
            attrs.precision = Some(Precision::parse(v).ok_or_else(|| {
                format!(
                    "precision {} is not exact, approximate, at-least or at-most",
                    quote(v)
                )
            })?);
        }
        "check_worthy" => {
            attrs.check_worthy = Some(match value {
                None | Some("yes" | "true") => true,
                Some("no" | "false") => false,
                Some(v) => return Err(format!("check_worthy {} is not yes or no", quote(v))),
            })
        }
        other => {
            let key = other.strip_prefix("custom.").unwrap_or(other);
            attrs
                .custom
                .insert(decode(key), text().unwrap_or_else(|| "true".to_owned()));
        }
    }
    Ok(())
}

/// Reads a carrier line's tail, `{"NAME":"VALUE"}`, into its (name, value) pairs.
fn carried(tail: &str) -> Result<Vec<(String, String)>, String> {
    let bad = || {
        format!(
            "{CARRIER} expects a JSON object of strings such as {{\"counted\":\"…\"}}, got {}",
            quote(tail)
        )
    };
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(tail).map_err(|_| bad())?;
    map.into_iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(v) => Ok((k, v)),
            _ => Err(bad()),
        })
        .collect()
}

fn parse_ranges(s: &str) -> Option<Vec<(usize, usize)>> {
    s.split(';')
        .map(|frag| {
            let (a, b) = frag.trim().split_once(' ')?;
            Some((a.parse().ok()?, b.trim().parse().ok()?))
        })
        .collect()
}

/// Parses one `.ann` file against its text.
fn read_ann(name: &str, ann: &str, text: String, stem: &str) -> Result<Record, ImportError> {
    let err = |line: usize, message: String| ImportError::Record {
        at: format!("{name}: line {line}"),
        message,
    };
    let mut spans: Vec<SpanRecord> = Vec::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut later: Vec<(usize, &str)> = Vec::new();
    let mut relations: Vec<(usize, &str, &str)> = Vec::new();
    for (i, line) in ann.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or_default();
        let body = cols
            .next()
            .ok_or_else(|| err(n, "expected ID<TAB>… (no tab)".into()))?;
        match id.chars().next() {
            Some('T') => {
                let (label, ranges) = body.split_once(' ').ok_or_else(|| {
                    err(
                        n,
                        format!("expected \"TYPE START END\", got {}", quote(body)),
                    )
                })?;
                let ranges = parse_ranges(ranges)
                    .filter(|r| !r.is_empty())
                    .ok_or_else(|| err(n, format!("bad offsets {}", quote(ranges))))?;
                let stated = cols.next().map(str::to_owned);
                ids.insert(id.to_owned(), spans.len());
                spans.push(SpanRecord {
                    at: format!("{name}: line {n}"),
                    id: None,
                    start: ranges[0].0,
                    end: ranges[0].1,
                    more: ranges[1..].to_vec(),
                    label: label.to_owned(),
                    check: stated.map(|t| (t, TextCheck::FragmentsSpaced)),
                    note: String::new(),
                    attrs: Attributes::default(),
                    annotator: None,
                    created: None,
                    modified: None,
                });
            }
            Some('A' | 'M' | '#') => later.push((n, line)),
            Some('R') => relations.push((n, id, body)),
            // Events, equivalences and normalisations have no place yet.
            Some('E' | '*' | 'N') => {}
            _ => return Err(err(n, format!("unknown annotation id {}", quote(id)))),
        }
    }
    let mut links: Vec<LinkRecord> = Vec::new();
    let mut rel_ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (n, id, body) in relations {
        let (from, to, kind) = relation(body, &ids).map_err(|m| err(n, m))?;
        rel_ids.insert(id, links.len());
        links.push(LinkRecord {
            at: format!("{name}: line {n}"),
            id: None,
            from: SpanRef::Index(from),
            to: SpanRef::Index(to),
            kind,
            note: String::new(),
        });
    }
    for (n, line) in later {
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or_default();
        let body = cols.next().unwrap_or_default();
        let mut words = body.split(' ');
        let kind = words.next().unwrap_or_default();
        let target = words.next().unwrap_or_default();
        if id.starts_with('#')
            && let Some(&r) = rel_ids.get(target)
        {
            let tail = cols.next().unwrap_or_default();
            if kind == "AnnotatorNotes" {
                links[r].note = tail.to_owned();
            } else if kind == CARRIER {
                for (name, value) in carried(tail).map_err(|m| err(n, m))? {
                    if name != "kind" || value.trim().is_empty() {
                        return Err(err(
                            n,
                            format!(
                                "a relation's {CARRIER} holds its kind, {{\"kind\":\"…\"}}, \
                                 not {}",
                                quote(&name)
                            ),
                        ));
                    }
                    links[r].kind = LinkKind::from_name(&value);
                }
            }
            continue;
        }
        let &k = ids.get(target).ok_or_else(|| {
            err(
                n,
                format!("refers to {}, which is not a T line", quote(target)),
            )
        })?;
        if id.starts_with('#') {
            let tail = cols.next().unwrap_or_default();
            if kind == "AnnotatorNotes" {
                spans[k].note = tail.to_owned();
            } else if kind == CARRIER {
                for (name, value) in carried(tail).map_err(|m| err(n, m))? {
                    set_attr(&mut spans[k].attrs, &name, Some(&value), str::to_owned)
                        .map_err(|m| err(n, m))?;
                }
            }
        } else {
            let value = words.next();
            set_attr(&mut spans[k].attrs, kind, value, untoken).map_err(|m| err(n, m))?;
        }
    }
    Ok(Record {
        at: name.to_owned(),
        text,
        meta: RecordMeta {
            id: Some(stem.to_owned()),
            path: Some(format!("{stem}.txt")),
            ..RecordMeta::default()
        },
        spans,
        links,
    })
}

/// Reads an `R` line's body, `TYPE Arg1:T3 Arg2:T7`, into its ends (spans by index) and
/// kind. The arguments are taken as brat names them, `Arg1` the source; other role
/// names (a config may define its own) are taken in the order written.
fn relation(body: &str, ids: &BTreeMap<String, usize>) -> Result<(usize, usize, LinkKind), String> {
    let mut words = body.split(' ').filter(|w| !w.is_empty());
    let kind = words.next().unwrap_or_default();
    let args: Vec<(&str, &str)> = words
        .map(|w| {
            w.split_once(':')
                .ok_or_else(|| format!("expected \"TYPE Arg1:T1 Arg2:T2\", got {}", quote(body)))
        })
        .collect::<Result<_, _>>()?;
    if kind.is_empty() || args.len() != 2 {
        return Err(format!(
            "expected a relation \"TYPE Arg1:T1 Arg2:T2\" with two arguments, got {}",
            quote(body)
        ));
    }
    let (first, second) = match (args[0].0, args[1].0) {
        ("Arg2", "Arg1") => (args[1], args[0]),
        _ => (args[0], args[1]),
    };
    let end = |(role, target): (&str, &str)| {
        ids.get(target).copied().ok_or_else(|| {
            format!(
                "relation {}'s {role} names {}, which is not a T line of this file",
                quote(kind),
                quote(target)
            )
        })
    };
    Ok((end(first)?, end(second)?, LinkKind::from_name(kind)))
}

/// Reads every `DOC.ann` with its `DOC.txt` in a folder, in file-name order.
pub(crate) fn read_folder(dir: &Path) -> Result<Vec<Record>, ImportError> {
    read_folder_with(dir, &mut |_, _| Ok(()))
}

/// [`read_folder`], calling `on_file(done, total)` before each `.ann` file and once at
/// the end; an error it returns (a cancellation) ends the reading with that error.
pub(crate) fn read_folder_with(
    dir: &Path,
    on_file: &mut dyn FnMut(usize, usize) -> Result<(), ImportError>,
) -> Result<Vec<Record>, ImportError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| ImportError::Io { path, source }
    };
    let mut anns: Vec<_> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    if anns.is_empty() {
        return Err(ImportError::Record {
            at: dir.display().to_string(),
            message:
                "no .ann files in this folder (brat import reads a folder of DOC.txt and DOC.ann)"
                    .into(),
        });
    }
    let inside = std::fs::canonicalize(dir).map_err(io(dir))?;
    let total = anns.len();
    let mut records = Vec::with_capacity(total);
    for (i, ann_path) in anns.into_iter().enumerate() {
        on_file(i, total)?;
        let name = ann_path.display().to_string();
        let stem = ann_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let txt_path = ann_path.with_extension("txt");
        let utf8 = |p: &Path, bytes: Vec<u8>| {
            String::from_utf8(bytes).map_err(|e| ImportError::Record {
                at: p.display().to_string(),
                message: format!(
                    "not UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            })
        };
        let ann = utf8(&ann_path, read_regular(&inside, &ann_path)?)?;
        let text = utf8(&txt_path, read_regular(&inside, &txt_path)?)?;
        records.push(read_ann(&name, &ann, text, &stem)?);
    }
    on_file(total, total)?;
    Ok(records)
}

/// Reads a file of the input folder (canonical path `inside`) when it is a regular file
/// there: a link out of the folder, a folder, a device or a FIFO is refused before it is
/// opened, so a hostile folder can neither pull another file into the project nor make
/// the import block or read forever.
fn read_regular(inside: &Path, path: &Path) -> Result<Vec<u8>, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_owned(),
        source,
    };
    let refuse = |message: String| ImportError::Record {
        at: path.display().to_string(),
        message,
    };
    if std::fs::symlink_metadata(path).map_err(io)?.is_symlink() {
        let target = std::fs::canonicalize(path).map_err(io)?;
        if !target.starts_with(inside) {
            return Err(refuse(format!(
                "is a symbolic link to {}, outside the folder; brat import reads only \
                 files inside the folder it is given",
                target.display()
            )));
        }
    }
    if !std::fs::metadata(path).map_err(io)?.is_file() {
        return Err(refuse(
            "is not a regular file (a folder, device or FIFO); brat import reads only \
             regular files"
                .to_owned(),
        ));
    }
    std::fs::read(path).map_err(io)
}
