//! Import: records read from another tool's file become documents and annotations.
//!
//! Import runs in three steps so that a bad input changes nothing: [`parse_input`] reads
//! the whole input into [`Record`]s (an error names the line, task or file), then
//! [`plan_import`] checks every span against its text and decides what to add, and
//! only then [`ImportPlan::apply`] writes new article files and changes the workspace.
//! The caller saves the project (atomically) at the end.
//!
//! A record whose decoded text equals a document's text (same SHA-256) attaches to that
//! document; any other becomes a new article file in the project's `articles/` folder
//! (an existing file is never overwritten) and a new document. Labels the scheme lacks
//! are added. A span identical to one already in the project (same document, ranges and
//! label) is skipped.
//!
//! Links join the spans read; an end that names no span of the input, a link from a span
//! to itself and a kind no format could carry are refused with the link's place. A link
//! whose ends and kind the project already links is skipped, so importing twice adds
//! nothing.
//!
//! A record that `sourcemark check` would reject is rejected here, with its place:
//! the per-annotation rules are [`crate::check::annotation_faults`] itself, and ids and
//! labels go through [`crate::model::validate_id`]. New article files are named with
//! [`crate::model::join_file_name`], so they land directly in `articles/`, and that
//! folder must resolve inside the project's folder. Messages quote values through
//! [`crate::model::quote`].

use super::format::Format;
use super::offsets::{OffsetMap, OffsetUnit};
use super::record::{ImportError, LinkRecord, Record, RecordMeta, SpanRecord, SpanRef, TextCheck};
use super::size::human_size;
use super::{brat, doccano, doccano_rel, jsonl, label_studio};
use crate::check::{Fault, annotation_faults, link_kind_fault};
use crate::edit::{Edit, Transaction};
use crate::model::quote::{name as show_name, quote, shorten_quoted};
use crate::model::{
    Annotation, AnnotationId, CharRange, DocId, Document, IdKind, Label, LabelScheme, Link, LinkId,
    LinkKind, join_file_name, validate_id,
};
use crate::text::{self, DocText};
use crate::workspace::{Article, Workspace, guess_title};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How to read an input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// The unit the input's offsets count.
    pub offsets: OffsetUnit,
    /// Annotator recorded on spans whose format does not name one.
    pub annotator: String,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            offsets: OffsetUnit::Chars,
            annotator: "import".to_owned(),
        }
    }
}

/// What an import did (or, before [`ImportPlan::apply`], will do).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Records read.
    pub records: usize,
    /// Existing documents that received spans (or matched a record).
    pub attached: Vec<DocId>,
    /// New documents.
    pub new_documents: Vec<DocId>,
    /// New article files, relative to the project folder.
    pub new_files: Vec<String>,
    /// Labels added to the scheme.
    pub labels_added: Vec<String>,
    /// Annotations added.
    pub annotations_added: usize,
    /// Spans skipped because the project already has them.
    pub duplicates_skipped: usize,
    /// Links added.
    pub links_added: usize,
    /// Links skipped because the project already links the same ends with that kind.
    pub link_duplicates_skipped: usize,
    /// Things a person should know.
    pub warnings: Vec<String>,
}

/// Everything an import will add, checked and ready.
#[derive(Clone, Debug)]
pub struct ImportPlan {
    /// Labels to add to the scheme, in order.
    pub labels: Vec<Label>,
    /// New documents.
    pub documents: Vec<Document>,
    /// New annotations.
    pub annotations: Vec<Annotation>,
    /// New links, between new or existing annotations.
    pub links: Vec<Link>,
    /// New article files: absolute (or working-directory relative) path and contents.
    pub files: Vec<(PathBuf, String)>,
    texts: Vec<(DocId, DocText)>,
    /// The summary.
    pub report: ImportReport,
}

fn record_err(at: &str, message: impl Into<String>) -> ImportError {
    ImportError::Record {
        at: at.to_owned(),
        message: message.into(),
    }
}

/// Reads a whole input in `format`: a file for the JSON formats, a folder for brat.
///
/// Messages that quote the input in full (serde_json's do) are cut to a readable length.
pub fn parse_input(format: Format, input: &Path) -> Result<Vec<Record>, ImportError> {
    parse_input_whole(format, input).map_err(shorten)
}

/// A reader's error with the input it quotes cut to a readable length.
pub(crate) fn shorten(e: ImportError) -> ImportError {
    match e {
        ImportError::Record { at, message } => ImportError::Record {
            at: shorten_quoted(&at).into_owned(),
            message: shorten_quoted(&message).into_owned(),
        },
        e => e,
    }
}

fn parse_input_whole(format: Format, input: &Path) -> Result<Vec<Record>, ImportError> {
    let io_err = |source| ImportError::Io {
        path: input.to_owned(),
        source,
    };
    if format == Format::Brat {
        return brat::read_folder(input);
    }
    let bytes = std::fs::read(input).map_err(io_err)?;
    parse_bytes(format, &input.display().to_string(), &bytes)
}

/// Parses the bytes of a one-file input named `name` (brat, a folder, is not one).
/// Messages are as [`parse_input`]'s, before shortening.
pub(crate) fn parse_bytes(
    format: Format,
    name: &str,
    bytes: &[u8],
) -> Result<Vec<Record>, ImportError> {
    let name = name.to_owned();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let s = std::str::from_utf8(body).map_err(|e| {
        record_err(
            &name,
            format!(
                "not UTF-8 (invalid byte at offset {})",
                e.valid_up_to() + (bytes.len() - body.len())
            ),
        )
    })?;
    match format {
        Format::Jsonl => jsonl::read(&name, s),
        Format::Doccano => doccano::read(&name, s),
        Format::LabelStudio => label_studio::read(&name, s),
        Format::DoccanoRel => doccano_rel::read(&name, s),
        other => Err(ImportError::Unsupported(other)),
    }
}

/// Parses, plans and applies an import; the caller saves the project afterwards.
pub fn import(
    ws: &mut Workspace,
    format: Format,
    input: &Path,
    opts: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let records = parse_input(format, input)?;
    plan_import(ws, records, opts)?.apply(ws)
}

/// Maps char offsets of a raw text to the decoded text (CRLF and CR become LF, a leading
/// BOM goes). `None` when decoding changes nothing.
fn decode_map(raw: &str) -> Option<Vec<usize>> {
    if !raw.contains('\r') && !raw.starts_with('\u{feff}') {
        return None;
    }
    let chars: Vec<char> = raw.chars().collect();
    let mut map = Vec::with_capacity(chars.len() + 1);
    let mut k = 0;
    for (i, &c) in chars.iter().enumerate() {
        map.push(k);
        let dropped = (i == 0 && c == '\u{feff}') || (c == '\r' && chars.get(i + 1) == Some(&'\n'));
        if !dropped {
            k += 1;
        }
    }
    map.push(k);
    Some(map)
}

/// A file name for a new article: the source's file name when it is a plain `.txt` or
/// `.md` name short enough to take a numbered suffix, else the document id.
fn article_name(meta: &RecordMeta, id: &DocId) -> (String, String) {
    let from_path = meta.path.as_deref().and_then(|p| {
        let name = p.rsplit(['/', '\\']).next()?;
        let (stem, ext) = name.rsplit_once('.')?;
        let plain = !stem.is_empty()
            && !stem.starts_with('.')
            && stem.len() <= crate::model::SLUG_CHARS
            && stem
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' '));
        (plain && matches!(ext, "txt" | "md")).then(|| (stem.to_owned(), ext.to_owned()))
    });
    from_path.unwrap_or_else(|| (id.as_str().to_owned(), "txt".to_owned()))
}

struct Planner<'a> {
    ws: &'a Workspace,
    opts: &'a ImportOptions,
    /// The largest article file a new document may need: what [`text::read_article`]
    /// reads back.
    max_article_bytes: u64,
    plan: ImportPlan,
    scheme: LabelScheme,
    by_sha: HashMap<String, DocId>,
    doc_ids: HashSet<DocId>,
    file_names: HashSet<String>,
    /// The project's `articles/` folder, where new article files go.
    articles: PathBuf,
    /// Set when `articles/` resolves outside the project's folder (a symbolic link):
    /// then no new article may be written.
    articles_outside: Option<PathBuf>,
    ann_ids: HashSet<String>,
    /// For each numbered series of names (document ids, article file names), the
    /// number to try first: every lower one was taken, so a thousand records named
    /// alike cost a thousand tries, not half a million.
    numbers: HashMap<String, usize>,
    /// Spans present or planned, by (document, start, end, more, label), with documents
    /// and labels as numbers so the check allocates nothing, and where each is.
    seen: HashMap<SpanKey, Slot>,
    /// True when the input has links: only then are the spans' final ids kept.
    has_links: bool,
    /// The final id of each span id of the input (`None` when two spans share it), for
    /// links that name their ends by id.
    by_source_id: HashMap<String, Option<AnnotationId>>,
    /// Links read, with the ends already known, until every record is planned.
    pending: Vec<(LinkRecord, Option<AnnotationId>, Option<AnnotationId>)>,
    doc_nums: HashMap<DocId, usize>,
    label_nums: HashMap<String, usize>,
    attached: HashSet<DocId>,
}

/// A span as the duplicate check sees it: (document, start, end, more, label).
type SpanKey = (usize, usize, usize, Vec<CharRange>, usize);

/// Where a span the duplicate check knows is.
#[derive(Clone, Copy)]
enum Slot {
    /// In the project's annotations, at this index.
    Existing(usize),
    /// In the plan's annotations, at this index.
    Planned(usize),
}

/// Checks every record against its text and decides what to add; changes nothing.
pub fn plan_import(
    ws: &Workspace,
    records: Vec<Record>,
    opts: &ImportOptions,
) -> Result<ImportPlan, ImportError> {
    plan_records(ws, records, opts, text::MAX_ARTICLE_BYTES, &mut |_, _| {
        Ok(())
    })
}

/// [`plan_import`] with the largest article file it may plan (`max_article_bytes`), and
/// `on_record(done, total)` called before each record: an error it returns (a
/// cancellation, say) ends the planning with that error.
pub(crate) fn plan_records(
    ws: &Workspace,
    records: Vec<Record>,
    opts: &ImportOptions,
    max_article_bytes: u64,
    on_record: &mut dyn FnMut(usize, usize) -> Result<(), ImportError>,
) -> Result<ImportPlan, ImportError> {
    let p = &ws.project;
    let total = records.len();
    let mut planner = Planner {
        ws,
        opts,
        max_article_bytes,
        plan: ImportPlan {
            labels: Vec::new(),
            documents: Vec::new(),
            annotations: Vec::new(),
            links: Vec::new(),
            files: Vec::new(),
            texts: Vec::new(),
            report: ImportReport {
                records: records.len(),
                ..ImportReport::default()
            },
        },
        scheme: p.labels.clone(),
        by_sha: p
            .documents
            .iter()
            .map(|d| (d.sha256.clone(), d.id.clone()))
            .collect(),
        doc_ids: p.documents.iter().map(|d| d.id.clone()).collect(),
        file_names: HashSet::new(),
        articles: ws.base_dir().join("articles"),
        articles_outside: resolves_outside(&ws.base_dir(), &ws.base_dir().join("articles")),
        ann_ids: p.annotations.iter().map(|a| a.id.0.clone()).collect(),
        numbers: HashMap::new(),
        seen: HashMap::with_capacity(p.annotations.len()),
        has_links: records.iter().any(|r| !r.links.is_empty()),
        by_source_id: HashMap::new(),
        pending: Vec::new(),
        doc_nums: HashMap::new(),
        label_nums: HashMap::new(),
        attached: HashSet::new(),
    };
    for (i, a) in p.annotations.iter().enumerate() {
        let key = planner.key(&a.doc, a.start, a.end, &a.more, &a.label);
        planner.seen.insert(key, Slot::Existing(i));
    }
    for (i, r) in records.into_iter().enumerate() {
        on_record(i, total)?;
        planner.record(r)?;
    }
    on_record(total, total)?;
    planner.links()?;
    let mut plan = planner.plan;
    plan.report.attached.sort();
    Ok(plan)
}

impl Planner<'_> {
    fn key(
        &mut self,
        doc: &DocId,
        start: usize,
        end: usize,
        more: &[CharRange],
        label: &str,
    ) -> SpanKey {
        let n = self.doc_nums.len();
        let d = match self.doc_nums.get(doc) {
            Some(&d) => d,
            None => *self.doc_nums.entry(doc.clone()).or_insert(n),
        };
        let n = self.label_nums.len();
        let l = match self.label_nums.get(label) {
            Some(&l) => l,
            None => *self.label_nums.entry(label.to_owned()).or_insert(n),
        };
        (d, start, end, more.to_vec(), l)
    }

    fn record(&mut self, r: Record) -> Result<(), ImportError> {
        let raw = DocText::new(r.text);
        let map = OffsetMap::new(&raw, self.opts.offsets);
        // Offsets in chars over the raw text, checked against it.
        let mut spans = Vec::with_capacity(r.spans.len());
        for s in &r.spans {
            spans.push(self.raw_span(&raw, &map, s)?);
        }
        let (text, cmap) = match decode_map(raw.as_str()) {
            None => (raw, None),
            Some(m) => {
                let d = text::decode(raw.as_str().as_bytes()).unwrap_or_default();
                (DocText::new(d), Some(m))
            }
        };
        let conv = |c: usize| cmap.as_ref().map_or(c, |m| m[c]);
        if text.char_len() == 0 {
            self.plan
                .report
                .warnings
                .push(format!("{}: skipped, its text is empty", r.at));
            return Ok(());
        }
        let (doc, is_new) = self.document(&r.at, &r.meta, &text)?;
        let mut finals = Vec::with_capacity(if self.has_links { spans.len() } else { 0 });
        for (s, ranges) in r.spans.into_iter().zip(spans) {
            let ranges: Vec<(usize, usize)> =
                ranges.iter().map(|&(a, b)| (conv(a), conv(b))).collect();
            let source_id = if self.has_links { s.id.clone() } else { None };
            if let Some(id) = self.span(&doc, &text, s, &ranges)? {
                if let Some(sid) = source_id {
                    // Two spans with one id are ambiguous, unless they are one span.
                    self.by_source_id
                        .entry(sid)
                        .and_modify(|known| {
                            if known.as_ref() != Some(&id) {
                                *known = None;
                            }
                        })
                        .or_insert_with(|| Some(id.clone()));
                }
                finals.push(id);
            }
        }
        for l in r.links {
            let end = |r: &SpanRef| match r {
                SpanRef::Index(i) => finals.get(*i).cloned(),
                SpanRef::Id(_) => None,
            };
            let (from, to) = (end(&l.from), end(&l.to));
            self.pending.push((l, from, to));
        }
        if is_new {
            // The workspace gets the text of a new document without reading it back.
            self.plan.texts.push((doc, text));
        }
        Ok(())
    }

    /// The span's ranges in chars over the raw text, after checking them.
    fn raw_span(
        &self,
        raw: &DocText,
        map: &OffsetMap,
        s: &SpanRecord,
    ) -> Result<Vec<(usize, usize)>, ImportError> {
        let unit = self.opts.offsets.as_str();
        let mut ranges = Vec::with_capacity(1 + s.more.len());
        for &(a, b) in std::iter::once(&(s.start, s.end)).chain(&s.more) {
            let conv = |u| map.to_char(u).map_err(|e| record_err(&s.at, e.to_string()));
            let (ca, cb) = (conv(a)?, conv(b)?);
            if ca >= cb {
                return Err(record_err(
                    &s.at,
                    format!("span {a}..{b} is empty or reversed"),
                ));
            }
            if cb > raw.char_len() {
                let hint = if self.opts.offsets == OffsetUnit::Chars
                    && raw.as_str().chars().any(|c| c.len_utf16() == 2)
                {
                    "; if they count UTF-16 code units (doccano's editor, WebAnno TSV, \
                     UIMA; not Label Studio, which counts chars), use --offsets utf16"
                } else {
                    ""
                };
                return Err(record_err(
                    &s.at,
                    format!(
                        "span {a}..{b} runs past the end of the text ({} {unit}){hint}",
                        map.len()
                    ),
                ));
            }
            ranges.push((ca, cb));
        }
        if s.label.trim().is_empty() {
            return Err(record_err(&s.at, "span has an empty label"));
        }
        if let Err(e) = validate_id(IdKind::Label, &s.label) {
            return Err(record_err(
                &s.at,
                format!("label {} is not valid: {e}", quote(&s.label)),
            ));
        }
        if let Some((stated, how)) = &s.check {
            let (found, ok) = match how {
                TextCheck::Primary => {
                    let f = raw.slice(ranges[0].0..ranges[0].1);
                    if f == stated {
                        return Ok(ranges);
                    }
                    (f.to_owned(), false)
                }
                TextCheck::FragmentsSpaced => {
                    let f = ranges
                        .iter()
                        .map(|&(a, b)| raw.slice(a..b))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let flat = |t: &str| t.replace(['\r', '\n', '\t'], " ");
                    let ok = flat(&f) == flat(stated);
                    (f, ok)
                }
                TextCheck::Joined => {
                    let f = ranges
                        .iter()
                        .map(|&(a, b)| raw.slice(a..b))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let ok = f == *stated || raw.slice(ranges[0].0..ranges[0].1) == stated;
                    (f, ok)
                }
            };
            if !ok {
                let other = match self.opts.offsets {
                    OffsetUnit::Chars => {
                        "utf16, if they come from a tool that counts UTF-16 code units \
                         (doccano's editor, WebAnno TSV, UIMA; Label Studio counts chars)"
                    }
                    OffsetUnit::Utf16 => "chars",
                };
                return Err(record_err(
                    &s.at,
                    format!(
                        "span {}..{} says {} but the text there is {} \
                         (offsets counted in {unit}; try --offsets {other}?)",
                        s.start,
                        s.end,
                        quote(stated),
                        quote(&found)
                    ),
                ));
            }
        }
        Ok(ranges)
    }

    /// The document for a record's text: an existing one with the same text, or a new
    /// one (then `true`), with a valid id and an article file name inside `articles/`.
    fn document(
        &mut self,
        at: &str,
        meta: &RecordMeta,
        text: &DocText,
    ) -> Result<(DocId, bool), ImportError> {
        let sha = text.sha256();
        if let Some(id) = self.by_sha.get(&sha) {
            if self.attached.insert(id.clone()) && self.ws.project.document(id).is_some() {
                self.plan.report.attached.push(id.clone());
            }
            return Ok((id.clone(), false));
        }
        if let Some(target) = &self.articles_outside {
            return Err(record_err(
                at,
                format!(
                    "{} resolves to {}, outside the project's folder; import writes new \
                     articles only inside it (make `articles` a real folder)",
                    self.articles.display(),
                    target.display()
                ),
            ));
        }
        let stem = meta
            .id
            .clone()
            .or_else(|| {
                meta.path
                    .as_deref()
                    .and_then(|p| p.rsplit(['/', '\\']).next())
                    .map(|n| n.rsplit_once('.').map_or(n, |(s, _)| s).to_owned())
            })
            .unwrap_or_else(|| "doc".to_owned());
        let base = DocId::slug(&stem);
        let doc_ids = &self.doc_ids;
        let id = next_free(&mut self.numbers, format!("id {}", base.0), |n| {
            let id = match n {
                1 => base.clone(),
                n => DocId(format!("{}-{n}", base.0)),
            };
            (!doc_ids.contains(&id)).then_some(id)
        });
        // A slug always passes; this keeps it so should the slug rule ever change.
        id.validate().map_err(|e| {
            record_err(
                at,
                format!("document id {} is not valid: {e}", quote(id.as_str())),
            )
        })?;
        // The file written must be one the project can read back.
        let bytes = text.as_str().len() as u64;
        if bytes > self.max_article_bytes {
            return Err(record_err(
                at,
                format!(
                    "its text is {}, more than the {} an article file may hold; \
                     nothing was imported (split the text into several records)",
                    human_size(bytes),
                    human_size(self.max_article_bytes)
                ),
            ));
        }
        let (fstem, ext) = article_name(meta, &id);
        let dir = self.articles.clone();
        // A name already on disk (a file, a folder, even a dangling link) is never used.
        let taken = |n: &str| std::fs::symlink_metadata(dir.join(n)).is_ok();
        let file_names = &self.file_names;
        let name = next_free(&mut self.numbers, format!("file {fstem}.{ext}"), |n| {
            let name = match n {
                1 => format!("{fstem}.{ext}"),
                n => format!("{fstem}-{n}.{ext}"),
            };
            (!file_names.contains(&name) && !taken(&name)).then_some(name)
        });
        let path = join_file_name(&dir, &name).map_err(|e| {
            record_err(
                at,
                format!(
                    "the new article's file name {} is not valid: {e}",
                    quote(&name)
                ),
            )
        })?;
        self.file_names.insert(name.clone());
        let rel = format!("articles/{name}");
        let doc = Document {
            id: id.clone(),
            path: rel.clone(),
            title: meta
                .title
                .clone()
                .unwrap_or_else(|| guess_title(text.as_str())),
            outlet: meta.outlet.clone().unwrap_or_default(),
            author: String::new(),
            url: meta.url.clone().unwrap_or_default(),
            published: meta.published,
            language: meta.language.clone().unwrap_or_default(),
            status: meta.status.unwrap_or_default(),
            sha256: sha.clone(),
            chars: text.char_len(),
            page: None,
        };
        self.doc_ids.insert(id.clone());
        self.by_sha.insert(sha, id.clone());
        self.plan.documents.push(doc);
        // Reading an article drops one leading BOM: a text that still starts with one
        // is written after another, so the file reads back as exactly this text.
        let bom = if text.as_str().starts_with('\u{feff}') {
            "\u{feff}"
        } else {
            ""
        };
        self.plan
            .files
            .push((path, format!("{bom}{}", text.as_str())));
        self.plan.report.new_documents.push(id.clone());
        self.plan.report.new_files.push(rel);
        Ok((id, true))
    }

    /// Plans one span and, when the input has links, returns the id it has in the
    /// project: its new id, or the id of the span already there that it duplicates.
    fn span(
        &mut self,
        doc: &DocId,
        text: &DocText,
        s: SpanRecord,
        ranges: &[(usize, usize)],
    ) -> Result<Option<AnnotationId>, ImportError> {
        let (start, end) = ranges[0];
        let more: Vec<CharRange> = ranges[1..]
            .iter()
            .map(|&(start, end)| CharRange { start, end })
            .collect();
        // brat writes spaces in labels as `_`: map such a label back to the scheme's.
        let label = if self.scheme.get(&s.label).is_none()
            && let Some(l) = self.scheme.iter().find(|l| brat::token(&l.id) == s.label)
        {
            l.id.clone()
        } else {
            s.label.clone()
        };
        let key = self.key(doc, start, end, &more, &label);
        if let Some(&slot) = self.seen.get(&key) {
            self.plan.report.duplicates_skipped += 1;
            if !self.has_links {
                return Ok(None);
            }
            return Ok(Some(match slot {
                Slot::Existing(i) => self.ws.project.annotations[i].id.clone(),
                Slot::Planned(i) => self.plan.annotations[i].id.clone(),
            }));
        }
        let annotator = s.annotator.as_deref().unwrap_or(&self.opts.annotator);
        let mut a = Annotation::new(doc.clone(), text, start, end, &label, annotator)
            .map_err(|e| record_err(&s.at, e.to_string()))?;
        if !more.is_empty() {
            // A split span's text is its ranges' texts joined, as the window makes it.
            let all: Vec<std::ops::Range<usize>> = ranges.iter().map(|&(a, b)| a..b).collect();
            a.text = crate::model::joined_text(text, &all);
            a.more = more;
        }
        a.note = s.note;
        a.attrs = s.attrs;
        if let Some(c) = s.created {
            a.created = c;
            a.modified = c;
        }
        if let Some(m) = s.modified {
            a.modified = m;
        }
        match s.id {
            Some(id) if !id.is_empty() && !self.ann_ids.contains(&id) => a.id = AnnotationId(id),
            _ => {
                while self.ann_ids.contains(&a.id.0) {
                    a.id = AnnotationId::random();
                }
            }
        }
        // What `check` would reject is rejected here, naming the input's own offsets.
        let mut fault = None;
        annotation_faults(&a, |f| {
            fault.get_or_insert(f);
        });
        if let Some(f) = fault {
            let message = match f {
                Fault::BadId(e) => format!(
                    "annotation id {} is not valid: {e}",
                    show_name(a.id.as_str())
                ),
                Fault::BadExtraRange { index, fault, .. } => {
                    let (x, y) = s.more.get(index).copied().unwrap_or_default();
                    format!("extra range {x}..{y} {fault}")
                }
                other => other.to_string(),
            };
            return Err(record_err(&s.at, message));
        }
        self.ann_ids.insert(a.id.0.clone());
        if self.scheme.add(&label) {
            if let Some(l) = self.scheme.get(&label) {
                self.plan.labels.push(l.clone());
            }
            self.plan.report.labels_added.push(label);
        }
        self.seen
            .insert(key, Slot::Planned(self.plan.annotations.len()));
        let id = self.has_links.then(|| a.id.clone());
        self.plan.annotations.push(a);
        self.plan.report.annotations_added += 1;
        Ok(id)
    }

    /// Plans the links read, once every span is planned: each end found, not a link
    /// from a span to itself, a kind that can be carried, and not one the project has.
    fn links(&mut self) -> Result<(), ImportError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let p = &self.ws.project;
        let mut link_ids: HashSet<String> = p.links.iter().map(|l| l.id.0.clone()).collect();
        let mut linked: HashSet<(AnnotationId, AnnotationId, LinkKind)> = p
            .links
            .iter()
            .map(|l| (l.from.clone(), l.to.clone(), l.kind.clone()))
            .collect();
        // brat writes a custom kind's spaces as `_`: map such a kind back to the
        // project's own, as labels are.
        let custom: std::collections::BTreeSet<&str> = p
            .links
            .iter()
            .filter_map(|l| match &l.kind {
                LinkKind::Other(k) => Some(k.as_str()),
                _ => None,
            })
            .collect();
        let mut input_ids: HashMap<String, (AnnotationId, AnnotationId, LinkKind)> = HashMap::new();
        for (l, from, to) in std::mem::take(&mut self.pending) {
            let resolve = |side: &str, r: &SpanRef, known: Option<AnnotationId>| {
                if let Some(id) = known {
                    return Ok(id);
                }
                let message = match r {
                    SpanRef::Index(i) => {
                        format!("link's {side} end (span {}) is not in the input", i + 1)
                    }
                    SpanRef::Id(id) => match self.by_source_id.get(id) {
                        Some(Some(found)) => return Ok(found.clone()),
                        Some(None) => format!(
                            "link's {side} end, annotation {}, is ambiguous: two spans of \
                             the input have that id",
                            show_name(id)
                        ),
                        None => format!(
                            "link's {side} end, annotation {}, is not a span of the input",
                            show_name(id)
                        ),
                    },
                };
                Err(record_err(&l.at, message))
            };
            let from = resolve("from", &l.from, from)?;
            let to = resolve("to", &l.to, to)?;
            if from == to {
                return Err(record_err(
                    &l.at,
                    format!(
                        "link from annotation {} to itself (both ends are the same span)",
                        show_name(from.as_str())
                    ),
                ));
            }
            let kind = match l.kind {
                LinkKind::Other(k) if !custom.contains(&k.as_str()) => {
                    match custom.iter().find(|c| brat::token(c) == k) {
                        Some(c) => LinkKind::Other((*c).to_owned()),
                        None => LinkKind::Other(k),
                    }
                }
                kind => kind,
            };
            if let Some(fault) = link_kind_fault(&kind) {
                return Err(record_err(
                    &l.at,
                    format!("link kind {} {fault}", quote(kind.name())),
                ));
            }
            // jsonl names a link across documents in both records: once is enough.
            if let Some(id) = &l.id {
                let ends = (from.clone(), to.clone(), kind.clone());
                if input_ids.get(id) == Some(&ends) {
                    continue;
                }
                input_ids.entry(id.clone()).or_insert(ends);
            }
            if !linked.insert((from.clone(), to.clone(), kind.clone())) {
                self.plan.report.link_duplicates_skipped += 1;
                continue;
            }
            let id = match l.id {
                Some(id) if validate_id(IdKind::Link, &id).is_ok() && !link_ids.contains(&id) => {
                    LinkId(id)
                }
                _ => loop {
                    let id = LinkId::random();
                    if !link_ids.contains(id.as_str()) {
                        break id;
                    }
                },
            };
            link_ids.insert(id.0.clone());
            self.plan.links.push(Link {
                id,
                from,
                to,
                kind,
                note: l.note,
            });
            self.plan.report.links_added += 1;
        }
        Ok(())
    }
}

/// The first name of the series `key` that `free(n)` accepts (n = 1 for the bare name,
/// then 2, 3, …), starting after the last one this series gave: names are only ever
/// taken during a plan, so the ones before stay taken.
fn next_free<T>(
    numbers: &mut HashMap<String, usize>,
    key: String,
    mut free: impl FnMut(usize) -> Option<T>,
) -> T {
    let start = numbers.get(&key).copied().unwrap_or(1);
    let mut n = start;
    loop {
        if let Some(name) = free(n) {
            numbers.insert(key, n + 1);
            return name;
        }
        n += 1;
    }
}

/// The canonical `dir` when it exists and resolves outside the canonical `base` (it is
/// or passes through a symbolic link), else `None`.
fn resolves_outside(base: &Path, dir: &Path) -> Option<PathBuf> {
    let target = std::fs::canonicalize(dir).ok()?;
    let base = std::fs::canonicalize(base).ok()?;
    (!target.starts_with(&base)).then_some(target)
}

impl ImportPlan {
    /// Writes the new article files (never over an existing file). On error, the files
    /// this call wrote are removed again.
    pub fn write_articles(&self) -> Result<(), ImportError> {
        self.write_articles_with(&mut |_, _| Ok(()))
    }

    /// [`ImportPlan::write_articles`], calling `on_file(done, total)` before each file
    /// and once at the end: an error it returns (a cancellation) ends the writing with
    /// that error, and the files written are removed again.
    pub(crate) fn write_articles_with(
        &self,
        on_file: &mut dyn FnMut(usize, usize) -> Result<(), ImportError>,
    ) -> Result<(), ImportError> {
        let mut written: Vec<&Path> = Vec::new();
        let total = self.files.len();
        let result = (|| {
            for (i, (path, text)) in self.files.iter().enumerate() {
                on_file(i, total)?;
                let err = |source| ImportError::Write {
                    path: path.clone(),
                    source,
                };
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(err)?;
                }
                let mut f = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(path)
                    .map_err(err)?;
                written.push(path);
                f.write_all(text.as_bytes()).map_err(err)?;
                f.sync_all().map_err(err)?;
            }
            on_file(total, total)
        })();
        if result.is_err() {
            for p in written {
                let _ = std::fs::remove_file(p);
            }
        }
        result
    }

    /// Removes the article files [`ImportPlan::write_articles`] wrote, for a plan that
    /// will not be applied after all (cancelled, or the project changed meanwhile).
    pub fn remove_articles(&self) {
        for (path, _) in &self.files {
            let _ = std::fs::remove_file(path);
        }
    }

    /// The additions as one undoable transaction, for the window (write the article
    /// files first with [`ImportPlan::write_articles`]). Each edit inserts in order, so
    /// prefer [`ImportPlan::apply`] for very large imports.
    pub fn transaction(&self, project: &crate::model::Project) -> Transaction {
        let first = project.labels.0.len();
        let edits = self
            .labels
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, label)| Edit::AddLabel {
                label,
                at: first + i,
            })
            .chain(self.documents.iter().cloned().map(Edit::InsertDocument))
            // Before the annotations: a caller may sort the edits from the first
            // annotation on, and a link's insert needs none of them.
            .chain(self.links.iter().cloned().map(Edit::InsertLink))
            .chain(self.annotations.iter().cloned().map(Edit::InsertAnnotation))
            .collect();
        Transaction {
            name: format!("Import {} annotations", self.annotations.len()),
            edits,
        }
    }

    /// Takes the texts of the new documents, for a caller that adds them to its
    /// workspace itself (the window, after [`ImportPlan::transaction`]).
    pub fn take_texts(&mut self) -> Vec<(DocId, DocText)> {
        std::mem::take(&mut self.texts)
    }

    /// Writes the new article files and adds everything to the workspace (not saved).
    pub fn apply(self, ws: &mut Workspace) -> Result<ImportReport, ImportError> {
        self.write_articles()?;
        let p = &mut ws.project;
        p.labels.0.extend(self.labels);
        p.documents.extend(self.documents);
        p.annotations.extend(self.annotations);
        p.links.extend(self.links);
        p.normalize();
        for (id, text) in self.texts {
            ws.articles.insert(id, Article::Loaded(Arc::new(text)));
        }
        Ok(self.report)
    }
}
