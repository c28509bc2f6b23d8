//! An import as a job another thread can watch and stop: [`read_and_plan`] reads the
//! input in pieces and plans record by record, and [`prepare_import`] also writes the
//! new article files, reporting to an [`ImportProgress`] after each piece, record or
//! file and stopping with [`ImportError::Cancelled`] once it is cancelled. The window
//! runs it on a worker thread so a large input never freezes it; the project itself
//! is not touched here (the caller applies the plan).
//!
//! Tests (and anyone who must see an intermediate state) can ask the job to pause at a
//! given point with [`ImportProgress::pause_at`] and wait for it with
//! [`ImportProgress::wait_paused`], so that what they look at does not depend on how
//! fast the machine is.
//!
//! [`guess_format`] tells which importable format a path most likely holds.

use super::brat;
use super::format::Format;
use super::read::{ImportOptions, ImportPlan, parse_bytes, plan_records, shorten};
use super::record::ImportError;
use crate::text;
use crate::workspace::Workspace;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Bytes read between two progress reports (and cancellation checks).
pub const READ_CHUNK: usize = 256 << 10;

/// What an import is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Phase {
    /// Not started yet.
    #[default]
    Starting,
    /// Reading the input file: progress counts bytes.
    Reading,
    /// Reading a brat folder: progress counts `.ann` files.
    ReadingFiles,
    /// Parsing what was read (one step, no count).
    Parsing,
    /// Checking records against their texts: progress counts records.
    Checking,
    /// Writing the new article files: progress counts files.
    Writing,
}

impl Phase {
    /// What the phase's counts count, for a progress bar ("bytes", "files", "records").
    pub fn unit(self) -> &'static str {
        match self {
            Phase::Starting | Phase::Parsing => "",
            Phase::Reading => "bytes",
            Phase::ReadingFiles => "files",
            Phase::Checking => "records",
            Phase::Writing => "articles",
        }
    }
}

/// How far an import got, as last reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct ProgressState {
    /// The phase.
    pub phase: Phase,
    /// Units done in this phase.
    pub done: u64,
    /// Units in this phase (0 when unknown).
    pub total: u64,
    /// The job waits at a point asked for with [`ImportProgress::pause_at`].
    pub paused: bool,
}

impl ProgressState {
    /// The share done in this phase, 0 to 1 (0 when the total is unknown).
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            (self.done as f64 / self.total as f64).clamp(0.0, 1.0) as f32
        }
    }
}

#[derive(Default)]
struct Shared {
    state: ProgressState,
    /// Pause when this phase reaches this count (once).
    pause_at: Option<(Phase, u64)>,
}

/// Progress of one import, shared between its worker and whoever watches it; also the
/// way to stop it.
#[derive(Default)]
pub struct ImportProgress {
    shared: Mutex<Shared>,
    changed: Condvar,
    cancelled: AtomicBool,
}

impl ImportProgress {
    /// A fresh progress, at [`Phase::Starting`].
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        // A worker that panicked leaves its last report, which is still worth showing.
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The last report.
    pub fn state(&self) -> ProgressState {
        self.lock().state
    }

    /// Asks the job to stop at its next report; it then ends with
    /// [`ImportError::Cancelled`]. A paused job stops at once.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
        let _guard = self.lock();
        self.changed.notify_all();
    }

    /// True once [`ImportProgress::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Makes the job wait when `phase` reports `done` or more, until
    /// [`ImportProgress::resume`] or [`ImportProgress::cancel`]: a fixed point to look at
    /// a running import, whatever the machine's speed. Once only.
    pub fn pause_at(&self, phase: Phase, done: u64) {
        self.lock().pause_at = Some((phase, done));
    }

    /// Lets a paused job go on.
    pub fn resume(&self) {
        let mut s = self.lock();
        s.pause_at = None;
        s.state.paused = false;
        self.changed.notify_all();
    }

    /// Waits until the job pauses, at most `timeout`; true when it did.
    pub fn wait_paused(&self, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        let mut s = self.lock();
        while !s.state.paused {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            s = match self.changed.wait_timeout(s, left) {
                Ok((s, _)) => s,
                Err(e) => e.into_inner().0,
            };
        }
        true
    }

    /// Records how far the job got; pauses there if asked; fails once cancelled.
    pub(crate) fn report(&self, phase: Phase, done: u64, total: u64) -> Result<(), ImportError> {
        let mut s = self.lock();
        s.state = ProgressState {
            phase,
            done,
            total,
            paused: false,
        };
        if let Some((p, at)) = s.pause_at
            && p == phase
            && done >= at
        {
            s.state.paused = true;
            self.changed.notify_all();
            while s.state.paused && !self.is_cancelled() {
                s = match self.changed.wait(s) {
                    Ok(s) => s,
                    Err(e) => e.into_inner(),
                };
            }
            s.state.paused = false;
            s.pause_at = None;
        }
        drop(s);
        if self.is_cancelled() {
            return Err(ImportError::Cancelled);
        }
        Ok(())
    }
}

/// [`read_and_plan`], then writes the plan's new article files (never over a file),
/// reporting each: the slow parts of an import, all off the window's thread. What is
/// left is to apply [`ImportPlan::transaction`], or, if the plan is dropped after all,
/// [`ImportPlan::remove_articles`]. On error or cancellation no file stays written.
pub fn prepare_import(
    ws: &Workspace,
    format: Format,
    input: &Path,
    opts: &ImportOptions,
    progress: &ImportProgress,
) -> Result<ImportPlan, ImportError> {
    let plan = read_and_plan(ws, format, input, opts, progress)?;
    plan.write_articles_with(&mut |done, total| {
        progress.report(Phase::Writing, done as u64, total as u64)
    })?;
    Ok(plan)
}

/// Reads `input` in `format` and plans its import into `ws`, reporting to `progress`
/// (bytes read, then records checked) and stopping once it is cancelled. Changes
/// nothing: the caller writes the plan's article files and applies it. Errors name
/// the file and line, task or `.ann` line, as the command line's do.
pub fn read_and_plan(
    ws: &Workspace,
    format: Format,
    input: &Path,
    opts: &ImportOptions,
    progress: &ImportProgress,
) -> Result<ImportPlan, ImportError> {
    if !format.can_import() {
        return Err(ImportError::Unsupported(format));
    }
    progress.report(Phase::Starting, 0, 0)?;
    let records = if format == Format::Brat {
        brat::read_folder_with(input, &mut |done, total| {
            progress.report(Phase::ReadingFiles, done as u64, total as u64)
        })
    } else {
        let bytes = read_chunked(input, progress)?;
        progress.report(Phase::Parsing, 0, 0)?;
        parse_bytes(format, &input.display().to_string(), &bytes)
    }
    .map_err(shorten)?;
    plan_records(
        ws,
        records,
        opts,
        text::MAX_ARTICLE_BYTES,
        &mut |done, total| progress.report(Phase::Checking, done as u64, total as u64),
    )
}

/// Reads a whole regular file in [`READ_CHUNK`] pieces, reporting after each. A
/// folder, device or FIFO is refused before it is opened, so the worker never blocks
/// on one.
fn read_chunked(input: &Path, progress: &ImportProgress) -> Result<Vec<u8>, ImportError> {
    let io = |source| ImportError::Io {
        path: input.to_owned(),
        source,
    };
    let meta = std::fs::metadata(input).map_err(io)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder (only brat is imported from a folder)"
        } else {
            "not a regular file (a device or FIFO)"
        };
        return Err(ImportError::Record {
            at: input.display().to_string(),
            message: format!("is {what}"),
        });
    }
    let mut file = std::fs::File::open(input).map_err(io)?;
    let total = meta.len();
    let mut bytes = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    let mut chunk = vec![0u8; READ_CHUNK];
    progress.report(Phase::Reading, 0, total)?;
    loop {
        let n = match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        bytes.extend_from_slice(&chunk[..n]);
        // A file that grows while it is read is read to its end; the total follows.
        let done = bytes.len() as u64;
        progress.report(Phase::Reading, done, total.max(done))?;
    }
    Ok(bytes)
}

/// The importable format `path` most likely holds, from what it is: a folder is brat,
/// a `.json` file Label Studio, and a `.jsonl` (or `.ndjson`) file sourcemark's jsonl
/// when its first record has `spans`, doccano's relations when it has `relations`,
/// doccano's when it has `label`, `labels` or `entities`. Reads at most
/// the first 64 KiB, of a regular file only. `None` when nothing fits.
pub fn guess_format(path: &Path) -> Option<Format> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_dir() {
        return Some(Format::Brat);
    }
    if !meta.is_file() {
        return None;
    }
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "json" => Some(Format::LabelStudio),
        "jsonl" | "ndjson" => {
            let mut head = Vec::new();
            std::fs::File::open(path)
                .ok()?
                .take(64 << 10)
                .read_to_end(&mut head)
                .ok()?;
            Some(jsonl_flavour(&String::from_utf8_lossy(&head)))
        }
        _ => None,
    }
}

/// sourcemark's jsonl or doccano's, from the start of the input: the keys of its first
/// record when that line is whole, else the first of the two keys that appears.
fn jsonl_flavour(head: &str) -> Format {
    let line = head.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if let Ok(serde_json::Value::Object(o)) = serde_json::from_str(line) {
        if o.contains_key("spans") {
            return Format::Jsonl;
        }
        if o.contains_key("relations") {
            return Format::DoccanoRel;
        }
        if ["label", "labels", "entities"]
            .iter()
            .any(|k| o.contains_key(*k))
        {
            return Format::Doccano;
        }
    }
    let doccano = ["\"label\"", "\"labels\"", "\"entities\""]
        .iter()
        .filter_map(|k| line.find(k))
        .min();
    match (line.find("\"spans\""), doccano) {
        (Some(s), Some(l)) if l < s => Format::Doccano,
        (None, Some(_)) => Format::Doccano,
        _ => Format::Jsonl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::OffsetUnit;
    use std::sync::Arc;

    fn project(dir: &Path) -> Workspace {
        Workspace::create(&dir.join("p.ron"), "p")
    }

    fn opts() -> ImportOptions {
        ImportOptions {
            offsets: OffsetUnit::Chars,
            annotator: "ana".into(),
        }
    }

    /// `n` doccano lines, each a text of its own with one figure.
    fn doccano(n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "{{\"text\": \"Report {i:05}: more than 2.5 million people.\", \
                     \"label\": [[15, 36, \"figure\"]]}}\n"
                )
            })
            .collect()
    }

    #[test]
    fn reports_bytes_then_records_and_plans_what_the_cli_plans() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("big.jsonl");
        let body = doccano(20_000);
        assert!(body.len() > 3 * READ_CHUNK);
        std::fs::write(&input, &body).unwrap();
        let ws = project(dir.path());
        let progress = ImportProgress::new();
        let plan = read_and_plan(&ws, Format::Doccano, &input, &opts(), &progress).unwrap();
        assert_eq!(plan.documents.len(), 20_000);
        assert_eq!(plan.annotations.len(), 20_000);
        assert!(plan.annotations.iter().all(|a| a.annotator == "ana"));
        let end = progress.state();
        assert_eq!(
            (end.phase, end.done, end.total),
            (Phase::Checking, 20_000, 20_000)
        );
        // The same plan as the command line's path.
        let records = crate::dataset::parse_input(Format::Doccano, &input).unwrap();
        let cli = crate::dataset::plan_import(&ws, records, &opts()).unwrap();
        assert_eq!(cli.report, plan.report);
    }

    #[test]
    fn a_paused_job_shows_where_it_is_and_cancel_stops_it() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("big.jsonl");
        let body = doccano(20_000);
        std::fs::write(&input, &body).unwrap();
        let ws = project(dir.path());
        let progress = Arc::new(ImportProgress::new());
        progress.pause_at(Phase::Reading, READ_CHUNK as u64);
        let p = progress.clone();
        let job = std::thread::spawn(move || {
            read_and_plan(&ws, Format::Doccano, &input, &opts(), &p).map(|_| ())
        });
        assert!(progress.wait_paused(Duration::from_secs(20)));
        let s = progress.state();
        assert_eq!(
            (s.phase, s.done, s.total),
            (Phase::Reading, READ_CHUNK as u64, body.len() as u64)
        );
        assert!(s.paused);
        progress.cancel();
        let r = job.join().unwrap();
        assert!(matches!(r, Err(ImportError::Cancelled)), "{r:?}");
    }

    #[test]
    fn cancel_while_checking_records_stops_before_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("d.jsonl");
        std::fs::write(&input, doccano(100)).unwrap();
        let ws = project(dir.path());
        let progress = Arc::new(ImportProgress::new());
        progress.pause_at(Phase::Checking, 40);
        let p = progress.clone();
        let job = std::thread::spawn(move || {
            read_and_plan(&ws, Format::Doccano, &input, &opts(), &p).map(|_| ())
        });
        assert!(progress.wait_paused(Duration::from_secs(20)));
        assert_eq!(progress.state().done, 40);
        progress.cancel();
        assert!(matches!(job.join().unwrap(), Err(ImportError::Cancelled)));
        assert_eq!(progress.state().done, 40);
    }

    #[test]
    fn prepare_writes_the_articles_and_a_cancel_while_writing_leaves_none() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("d.jsonl");
        std::fs::write(&input, doccano(10)).unwrap();
        let ws = project(dir.path());
        let articles = dir.path().join("articles");
        let count = || std::fs::read_dir(&articles).map_or(0, |d| d.count());
        let progress = Arc::new(ImportProgress::new());
        progress.pause_at(Phase::Writing, 4);
        let (p, w) = (progress.clone(), ws.clone());
        let i = input.clone();
        let job = std::thread::spawn(move || {
            prepare_import(&w, Format::Doccano, &i, &opts(), &p).map(|_| ())
        });
        assert!(progress.wait_paused(Duration::from_secs(20)));
        assert_eq!(count(), 4);
        progress.cancel();
        assert!(matches!(job.join().unwrap(), Err(ImportError::Cancelled)));
        assert_eq!(count(), 0);
        // Let go, it writes all ten; remove_articles takes them away again.
        let plan = prepare_import(
            &ws,
            Format::Doccano,
            &input,
            &opts(),
            &ImportProgress::new(),
        )
        .unwrap();
        assert_eq!(count(), 10);
        plan.remove_articles();
        assert_eq!(count(), 0);
    }

    #[test]
    fn resume_lets_a_paused_job_finish() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("d.jsonl");
        std::fs::write(&input, doccano(10)).unwrap();
        let ws = project(dir.path());
        let progress = Arc::new(ImportProgress::new());
        progress.pause_at(Phase::Checking, 5);
        let p = progress.clone();
        let job = std::thread::spawn(move || {
            read_and_plan(&ws, Format::Doccano, &input, &opts(), &p).map(|p| p.annotations.len())
        });
        assert!(progress.wait_paused(Duration::from_secs(20)));
        progress.resume();
        assert_eq!(job.join().unwrap().unwrap(), 10);
    }

    #[test]
    fn errors_name_the_line_and_folders_are_refused_as_files() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("doccano.jsonl");
        std::fs::write(
            &input,
            format!("{}{{\"text\": \"x\", \"label\": [[0, \n", doccano(11)),
        )
        .unwrap();
        let ws = project(dir.path());
        let e = read_and_plan(
            &ws,
            Format::Doccano,
            &input,
            &opts(),
            &ImportProgress::new(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("doccano.jsonl: line 12: "), "{e}");
        let e = read_and_plan(
            &ws,
            Format::Jsonl,
            dir.path(),
            &opts(),
            &ImportProgress::new(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("is a folder"), "{e}");
        let e =
            read_and_plan(&ws, Format::Csv, &input, &opts(), &ImportProgress::new()).unwrap_err();
        assert!(matches!(e, ImportError::Unsupported(Format::Csv)));
    }

    #[test]
    fn a_text_too_large_for_an_article_file_is_refused_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let ws = project(dir.path());
        let records = crate::dataset::parse_input(Format::Doccano, &{
            let p = dir.path().join("d.jsonl");
            std::fs::write(&p, doccano(3)).unwrap();
            p
        })
        .unwrap();
        let len = records[0].text.len() as u64;
        let e = plan_records(&ws, records.clone(), &opts(), len - 1, &mut |_, _| Ok(()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("d.jsonl: line 1: its text is "), "{e}");
        assert!(e.contains("more than the"), "{e}");
        assert!(plan_records(&ws, records, &opts(), len, &mut |_, _| Ok(())).is_ok());
    }

    #[test]
    fn formats_are_guessed_from_folder_extension_and_first_record() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let w = |name: &str, body: &str| {
            std::fs::write(d.join(name), body).unwrap();
            d.join(name)
        };
        assert_eq!(guess_format(d), Some(Format::Brat));
        assert_eq!(guess_format(&w("t.json", "[]")), Some(Format::LabelStudio));
        let sm = w(
            "a.jsonl",
            "\n{\"id\": \"x\", \"text\": \"t\", \"spans\": []}\n",
        );
        assert_eq!(guess_format(&sm), Some(Format::Jsonl));
        let dc = w("b.jsonl", "{\"text\": \"t\", \"label\": []}\n");
        assert_eq!(guess_format(&dc), Some(Format::Doccano));
        let dc = w("e.jsonl", "{\"text\": \"t\", \"entities\": []}\n");
        assert_eq!(guess_format(&dc), Some(Format::Doccano));
        // A first line longer than what is read: the first key that shows decides.
        let long = format!(
            "{{\"label\": [[0, 1, \"x\"]], \"text\": \"{}\"}}\n",
            "a".repeat(100_000)
        );
        assert_eq!(guess_format(&w("c.jsonl", &long)), Some(Format::Doccano));
        assert_eq!(guess_format(&w("notes.txt", "hello")), None);
        assert_eq!(guess_format(&d.join("missing.jsonl")), None);
    }
}
