//! The project file read and written in pieces on several cores.
//!
//! Nearly all of a large project file is its `annotations` list, and ron reads and
//! writes about 50–80 MB/s on one core. The list's elements are independent, so the
//! list is cut into pieces that are handled on separate threads and the pieces are
//! joined. An annotation line in ron's own form is read and written by
//! [`fast_record`]; any other line by ron. The result is byte for byte what one ron
//! call gives (writing) or the same project (reading); anything that does not fit the
//! fixed layout takes the one-call path, which also gives the error messages.
//!
//! The cuts rely on the layout `to_ron` writes: each annotation is one line, and
//! strings are escaped, so a raw newline only ever separates lines of the layout.

use super::fast_record;
use crate::model::{Annotation, Project};
use crate::par;
use memchr::memmem;
use ron::ser::PrettyConfig;
use std::ops::Range;
use std::sync::OnceLock;

/// The `annotations` field of a project with none, as the layout writes it.
const EMPTY_LIST: &str = "\n  annotations: [],\n";
/// The line that opens a non-empty `annotations` list.
const LIST_OPEN: &str = "\n  annotations: [\n";
/// The line that closes it.
const LIST_CLOSE: &str = "\n  ],\n";
/// How each annotation's line begins inside the list. Files written before records
/// were single lines open each element the same way, so they are cut alike.
const ELEMENT_START: &str = "\n    (";
/// What ends a project file, after the RON.
const FILE_END: &str = "\n";
/// How a project file in the layout begins; anything else (say `#![enable(..)]`
/// extensions, which change how every piece parses) takes the one-call path.
const FILE_OPEN: &str = "(\n  format: ";

/// Below this many annotations (or 64 bytes each of file) a single call is quicker
/// than starting threads.
pub const MIN_PARALLEL: usize = 4_096;

/// A project file's text as the threads wrote it, not yet joined, with the newline that
/// ends the file: a save streams the parts to the file instead of first copying tens
/// of MB into one string.
pub struct RonText {
    /// Every field but the annotations, or the whole text when written in one call.
    head: String,
    /// Where in `head` the empty annotations list goes, when the list was written in
    /// pieces.
    list_at: Option<usize>,
    /// The pieces of the list, each a top-level list of element lines: `[\n` + lines
    /// + `]`.
    pieces: Vec<String>,
}

impl RonText {
    /// The text, in order, as slices of what was written.
    pub fn parts(&self) -> Vec<&str> {
        let Some(at) = self.list_at else {
            return vec![&self.head, FILE_END];
        };
        let mut parts = Vec::with_capacity(self.pieces.len() + 5);
        parts.push(&self.head[..at]);
        parts.push(LIST_OPEN);
        // Checked when the text was made: each piece is `[\n` + lines + `]`.
        parts.extend(self.pieces.iter().map(|p| &p[2..p.len() - 1]));
        parts.push(&LIST_CLOSE[1..]);
        parts.push(&self.head[at + EMPTY_LIST.len()..]);
        parts.push(FILE_END);
        parts
    }

    /// The text in one string.
    pub fn into_string(self) -> String {
        if self.list_at.is_some() {
            return self.parts().concat();
        }
        let mut text = self.head;
        text.push_str(FILE_END);
        text
    }
}

/// `project` written by ron alone, in one call, plus the newline that ends the file:
/// what [`to_text`] must equal, for tests and benches to compare with.
pub fn by_ron_alone(project: &Project, config: &PrettyConfig) -> Result<String, ron::Error> {
    let mut text = write(project, config, 0)?;
    text.push_str(FILE_END);
    Ok(text)
}

/// `project` as pretty RON in `config`, identical to one `to_string_pretty` call plus
/// the newline that ends the file, with the annotations written on up to `threads`
/// threads when there are at least `min` of them. `config` must escape strings and
/// write each list element on one line (`depth_limit` 2), as `pretty()` does; with any
/// other config this is one call.
pub fn to_text(
    project: &Project,
    config: &PrettyConfig,
    threads: usize,
    min: usize,
) -> Result<RonText, ron::Error> {
    let n = project.annotations.len();
    let whole = || {
        Ok(RonText {
            head: write(project, config, n * BYTES_PER_ANNOTATION)?,
            list_at: None,
            pieces: Vec::new(),
        })
    };
    if n == 0 || config.depth_limit != 2 {
        return whole();
    }
    // A small list, or one core, is one piece on this thread: still through the fast
    // line writer, which ron alone is several times slower than.
    let threads = if n < min.max(1) { 1 } else { threads.max(1) };
    // Every field but the annotations, listed in full so that a new field of `Project`
    // cannot be forgotten here.
    let rest = Project {
        format: project.format,
        name: project.name.clone(),
        labels: project.labels.clone(),
        documents: project.documents.clone(),
        annotations: Vec::new(),
        links: project.links.clone(),
        clusters: project.clusters.clone(),
        patterns: project.patterns.clone(),
        rejected: project.rejected.clone(),
        conflicts: project.conflicts.clone(),
    };
    let chunks: Vec<&[Annotation]> = project.annotations.chunks(n.div_ceil(threads)).collect();
    // Written alone, a list's elements sit one level deep; in the project they sit
    // two. Each element is a single line, so a double-width indent puts it in place.
    let piece_config = config
        .clone()
        .depth_limit(1)
        .indentor(config.indentor.repeat(2));
    let pieces = par::map(&chunks, |chunk| write_list(chunk, &piece_config));
    let head = write(&rest, config, 0)?;
    let pieces = pieces.into_iter().collect::<Result<Vec<_>, _>>()?;
    let lists = pieces
        .iter()
        .all(|p| p.starts_with("[\n") && p.ends_with(']'));
    match find_once(&head, EMPTY_LIST) {
        Some(at) if lists => Ok(RonText {
            head,
            list_at: Some(at),
            pieces,
        }),
        // Not the layout this module knows (a ron upgrade, say): one call, so that
        // nothing is ever left out of the file.
        _ => whole(),
    }
}

/// About what one annotation takes in the file; sizing the output up front saves the
/// copies of a growing string.
const BYTES_PER_ANNOTATION: usize = 320;

/// Whether [`fast_record`] wrote the probes exactly as ron does, checked at first use.
static LINES_MATCH: OnceLock<bool> = OnceLock::new();

/// A list of annotations as ron writes it in `config` (one element per line): `[`, a
/// line per element, `]`. Elements in [`fast_record`]'s reach are written there, the
/// others by ron, unless the first-use check found the two ever differ.
fn write_list(list: &[Annotation], config: &PrettyConfig) -> Result<String, ron::Error> {
    let same = LINES_MATCH.get_or_init(|| {
        let probes = fast_record::probes();
        let ron = write(&probes[..], config, 0);
        ron.is_ok() && write_lines(&probes, config).ok() == ron.ok()
    });
    if *same {
        write_lines(list, config)
    } else {
        write(list, config, list.len() * BYTES_PER_ANNOTATION)
    }
}

fn write_lines(list: &[Annotation], config: &PrettyConfig) -> Result<String, ron::Error> {
    let mut out = String::with_capacity(list.len() * BYTES_PER_ANNOTATION);
    out.push_str("[\n");
    for a in list {
        let mark = out.len();
        out.push_str(&config.indentor);
        if fast_record::write(&mut out, a) {
            out.push_str(",\n");
        } else {
            out.truncate(mark);
            let one = write(std::slice::from_ref(a), config, BYTES_PER_ANNOTATION)?;
            // `[\n` + the element's line + `]`, as the list's own lines are.
            out.push_str(one.get(2..one.len().saturating_sub(1)).unwrap_or_default());
        }
    }
    out.push(']');
    Ok(out)
}

/// One ron call into a string of about `size` bytes.
fn write<T: serde::Serialize + ?Sized>(
    value: &T,
    config: &PrettyConfig,
    size: usize,
) -> Result<String, ron::Error> {
    let mut out = String::with_capacity(size);
    ron::Options::default().to_writer_pretty(&mut out, value, config.clone())?;
    Ok(out)
}

/// Parses a project file in the layout with the annotations read on up to `threads`
/// threads, when the list takes at least `min` × 64 bytes. `None` when the text is not
/// in the layout or any piece fails to parse: the caller then parses it in one call,
/// which also finds the error's line and column.
pub fn from_str(text: &str, threads: usize, min: usize) -> Option<Project> {
    if threads < 2 || !text.starts_with(FILE_OPEN) {
        return None;
    }
    let list = annotations_list(text)?;
    let body = &text[list.clone()];
    if body.len() < min * 64 {
        return None;
    }
    let cuts = element_cuts(body, threads);
    let options = ron::Options::default();
    let head = format!(
        "{}{EMPTY_LIST}{}",
        &text[..list.start - LIST_OPEN.len()],
        &text[list.end + LIST_CLOSE.len() - 1..]
    );
    let pieces: Vec<(usize, &str)> = cuts.windows(2).map(|w| (w[0], &body[w[0]..w[1]])).collect();
    // The first piece's list is sized for the whole body, so the others are appended
    // to it, not all copied into a new one (30 MB and its page faults, on the bench).
    let pieces = par::map(&pieces, |&(at, piece)| {
        let room = if at == 0 { body.len() } else { piece.len() };
        elements(piece, &options, room / BYTES_PER_ANNOTATION + 1)
    });
    let mut project = options.from_str::<Project>(&head).ok()?;
    if !project.annotations.is_empty() {
        return None;
    }
    let mut pieces = pieces.into_iter();
    let mut all = pieces.next()??;
    for piece in pieces {
        all.extend(piece?);
    }
    project.annotations = all;
    Some(project)
}

/// Parses a run of list elements, each followed by a comma, in place: no copy of
/// the text is made. `None` at anything else (comments included).
fn elements(piece: &str, options: &ron::Options, capacity: usize) -> Option<Vec<Annotation>> {
    use serde::Deserialize;
    let mut out = Vec::with_capacity(capacity);
    let mut rest = piece.trim_start();
    while !rest.is_empty() {
        if let Some((a, taken)) = fast_record::annotation(rest) {
            out.push(a);
            rest = &rest[taken..];
        } else {
            let mut de = ron::Deserializer::from_str_with_options(rest, options).ok()?;
            out.push(Annotation::deserialize(&mut de).ok()?);
            rest = de.remainder();
        }
        rest = rest.trim_start().strip_prefix(',')?.trim_start();
    }
    Some(out)
}

/// The byte range of the elements of the top-level `annotations` list (after its
/// opening line, up to the newline before its closing line), if its opening line
/// occurs once. Only the text after the list is searched for a second one: inside
/// the list, such a line would sit between two elements and fail that piece's parse.
fn annotations_list(text: &str) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let open = memmem::find(bytes, LIST_OPEN.as_bytes())?;
    let start = open + LIST_OPEN.len();
    let end = start - 1 + memmem::find(&bytes[start - 1..], LIST_CLOSE.as_bytes())? + 1;
    if memmem::find(&bytes[end..], LIST_OPEN.as_bytes()).is_some() {
        return None;
    }
    Some(start..end)
}

/// Offsets in `body` (a run of list elements) where each of up to `parts` pieces
/// starts, plus `body.len()`; every cut falls at the start of an element line.
fn element_cuts(body: &str, parts: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    for i in 1..parts {
        let aim = body.len() * i / parts;
        let from = (*cuts.last().unwrap_or(&0)).max(aim);
        // Back up to a char boundary so the search can start there.
        let from = body.floor_char_boundary(from);
        if let Some(k) = body[from..].find(ELEMENT_START) {
            let cut = from + k + 1;
            if cut > *cuts.last().unwrap_or(&0) && cut < body.len() {
                cuts.push(cut);
            }
        }
    }
    cuts.push(body.len());
    cuts
}

/// Where `needle` occurs in `haystack`, if it occurs exactly once.
fn find_once(haystack: &str, needle: &str) -> Option<usize> {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let first = memmem::find(haystack, needle)?;
    (memmem::rfind(haystack, needle) == Some(first)).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, Document};
    use crate::text::DocText;

    /// Strings that a user may type, including the layout's own lines, which the
    /// reader must never cut at (they are escaped inside strings).
    const NASTY: &[&str] = &[
        "plain words",
        "“curly” and ’ and \u{a0}no-break",
        "line\nbreak",
        LIST_OPEN,
        LIST_CLOSE,
        ELEMENT_START,
        "\n    (\n",
        EMPTY_LIST,
        "r#\"raw\"#",
        "/* not a comment */",
        "back\\slash \"quoted\"",
        "emoji 👍🏽 عربي e\u{301}",
        "",
    ];

    fn project(annotations: usize, seed: u64) -> Project {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut p = Project::new("split test");
        let text = DocText::new("x".repeat(200));
        for d in 0..3 {
            p.documents.push(Document {
                title: NASTY[rng.usize(..NASTY.len())].to_owned(),
                language: "en".into(),
                ..Document::new(DocId(format!("doc-{d}")), format!("doc-{d}.txt"), &text)
            });
        }
        for _ in 0..annotations {
            let start = rng.usize(..150);
            let doc = DocId(format!("doc-{}", rng.usize(..3)));
            let mut a = Annotation::new(doc, &text, start, start + 10, "claim", "me")
                .expect("span in range");
            a.note = NASTY[rng.usize(..NASTY.len())].to_owned();
            a.prefix = NASTY[rng.usize(..NASTY.len())].to_owned();
            if rng.bool() {
                a.attrs.speaker = Some(NASTY[rng.usize(..NASTY.len())].to_owned());
            }
            p.annotations.push(a);
        }
        p.normalize();
        p
    }

    fn config() -> PrettyConfig {
        crate::store::pretty()
    }

    /// `p` written by one plain ron call in `config`.
    fn one_call(p: &Project, config: PrettyConfig) -> String {
        ron::Options::default()
            .to_string_pretty(p, config)
            .expect("one call")
    }

    #[test]
    fn parallel_writing_gives_the_bytes_of_one_call() {
        for seed in 0..20 {
            let p = project(300, seed);
            let one = one_call(&p, config()) + FILE_END;
            for threads in [2, 3, 7] {
                let split = to_text(&p, &config(), threads, 1).expect("split");
                assert_eq!(
                    split.parts().concat(),
                    one,
                    "seed {seed}, {threads} threads"
                );
                let split = split.into_string();
                assert_eq!(split, one, "seed {seed}, {threads} threads");
            }
        }
    }

    #[test]
    fn annotation_lines_are_written_without_ron_here() {
        let config = config().depth_limit(1).indentor("    ".to_owned());
        let probes = fast_record::probes();
        let ours = write_list(&probes, &config).expect("written");
        assert_eq!(
            LINES_MATCH.get(),
            Some(&true),
            "fast_record's lines differ from ron's"
        );
        assert_eq!(ours, write(&probes[..], &config, 0).expect("ron writes it"));
    }

    #[test]
    fn parallel_reading_takes_the_fast_path_and_gives_the_same_project() {
        for seed in 0..20 {
            let p = project(300, seed);
            let text = one_call(&p, config());
            let body = &text[annotations_list(&text).expect("list found")];
            assert_eq!(element_cuts(body, 4).len(), 5, "seed {seed}: four pieces");
            for threads in [2, 3, 7] {
                let read = from_str(&text, threads, 0).expect("fast path taken");
                assert_eq!(read, p, "seed {seed}, {threads} threads");
            }
        }
    }

    #[test]
    fn files_with_records_over_several_lines_are_read_in_pieces_too() {
        // The layout before records became single lines.
        let p = project(300, 3);
        let text = one_call(&p, config().depth_limit(usize::MAX));
        assert!(text.contains("\n    (\n      id: "));
        let body = &text[annotations_list(&text).expect("list found")];
        assert_eq!(element_cuts(body, 4).len(), 5, "four pieces");
        assert_eq!(from_str(&text, 3, 0).expect("fast path taken"), p);
    }

    #[test]
    fn text_outside_the_layout_is_left_to_the_one_call_path() {
        let p = project(50, 1);
        let text = one_call(&p, config());
        // Extensions change how every piece parses.
        assert!(from_str(&format!("#![enable(implicit_some)]\n{text}"), 2, 0).is_none());
        // A broken element: the caller's one-call parse reports where.
        let broken = text.replacen("label: \"claim\",", "label: claim,", 1);
        assert_ne!(broken, text);
        assert!(from_str(&broken, 2, 0).is_none());
        // Too small to be worth threads.
        assert!(from_str(&text, 2, MIN_PARALLEL).is_none());
        assert!(from_str(&text, 1, 0).is_none());
    }

    #[test]
    fn a_second_list_opening_line_never_changes_what_is_read() {
        let p = project(200, 2);
        let text = one_call(&p, config());
        let comment = format!("\n  /*{LIST_OPEN}  */");
        let at_element = text
            .match_indices(ELEMENT_START)
            .nth(100)
            .expect("element")
            .0;
        let variants = [
            // In a comment before the list, after it, and between two elements.
            text.replacen("\n  name: ", &format!("{comment}\n  name: "), 1),
            text.replacen("\n  links: ", &format!("{comment}\n  links: "), 1),
            format!("{}{comment}{}", &text[..at_element], &text[at_element..]),
            // A whole fake list in a comment before the real one: its records parse,
            // so only the guards catch it (the search after the list, and the check
            // that the rest holds no annotations).
            {
                let list = annotations_list(&text).expect("list");
                let first = text[list].lines().next().expect("a record");
                let fake = format!("\n  /*{LIST_OPEN}{first}\n  ],\n  */");
                text.replacen("\n  name: ", &format!("{fake}\n  name: "), 1)
            },
            // Bare, between two elements: not RON at all.
            format!(
                "{}{}{}",
                &text[..at_element],
                &LIST_OPEN[..LIST_OPEN.len() - 1],
                &text[at_element..]
            ),
        ];
        for (i, v) in variants.iter().enumerate() {
            assert_ne!(v, &text, "variant {i} inserted nothing");
            let one = ron::Options::default().from_str::<Project>(v).ok();
            if let Some(read) = from_str(v, 2, 0) {
                assert_eq!(Some(read), one, "variant {i}");
            }
        }
    }
}
