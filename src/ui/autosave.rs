//! Autosave: while there are unsaved changes, a copy of the project is written to the
//! recovery file beside it every so often, on a worker thread so that a frame never
//! waits for the disk. One write at a time; its outcome is picked up on a later frame.

use crate::model::Project;
use crate::store;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// How often unsaved work is written to the recovery file.
pub const INTERVAL: Duration = Duration::from_secs(30);

/// The autosave timer and the write in flight.
pub struct Autosave {
    /// Time between writes.
    pub interval: Duration,
    /// When the last write started (or the timer was reset).
    last: Instant,
    /// The history revision last written, so unchanged work is not written again.
    written_revision: Option<u64>,
    in_flight: Option<(u64, Receiver<Result<(), String>>)>,
    /// When the last write finished, for the status bar.
    pub last_written: Option<chrono::DateTime<chrono::Local>>,
    /// Why the last write failed, if it did.
    pub last_error: Option<String>,
}

impl Default for Autosave {
    fn default() -> Self {
        Self::new(INTERVAL)
    }
}

impl Autosave {
    /// A timer that fires `interval` after the first unsaved change.
    pub fn new(interval: Duration) -> Self {
        Self {
            interval,
            last: Instant::now(),
            written_revision: None,
            in_flight: None,
            last_written: None,
            last_error: None,
        }
    }

    /// Forgets everything (a project was opened, saved or closed).
    pub fn reset(&mut self) {
        self.last = Instant::now();
        self.written_revision = None;
        self.last_written = None;
        self.last_error = None;
    }

    /// Called every frame. Starts a write when the interval passed with unsaved work not
    /// yet written; collects the result of a finished write. Returns how long until it
    /// wants to be called again, for `request_repaint_after`.
    pub fn tick(
        &mut self,
        path: &Path,
        project: &Project,
        revision: u64,
        dirty: bool,
    ) -> Option<Duration> {
        self.poll();
        if !dirty {
            self.last = Instant::now();
            if self.written_revision.take().is_some() && self.in_flight.is_none() {
                // Undone back to the saved state: the recovery file holds nothing to
                // recover any more.
                store::remove_recovery(path);
            }
            return None;
        }
        if self.in_flight.is_some() {
            return Some(Duration::from_millis(200));
        }
        if self.written_revision == Some(revision) {
            return None;
        }
        let elapsed = self.last.elapsed();
        if elapsed < self.interval {
            return Some(self.interval - elapsed);
        }
        self.start(path.to_owned(), project.clone(), revision);
        Some(Duration::from_millis(200))
    }

    fn start(&mut self, path: PathBuf, project: Project, revision: u64) {
        let (tx, rx) = channel();
        self.last = Instant::now();
        let spawned = std::thread::Builder::new()
            .name("sourcemark-autosave".into())
            .spawn(move || {
                let r = store::write_recovery(&path, &project).map_err(|e| e.to_string());
                let _ = tx.send(r);
            });
        match spawned {
            Ok(_) => self.in_flight = Some((revision, rx)),
            Err(e) => self.last_error = Some(format!("cannot start autosave: {e}")),
        }
    }

    /// Collects a finished write. Returns true when one finished.
    pub fn poll(&mut self) -> bool {
        let Some((rev, rx)) = &self.in_flight else {
            return false;
        };
        let outcome = match rx.try_recv() {
            Ok(r) => r,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Err("autosave thread stopped".to_owned()),
        };
        match outcome {
            Ok(()) => {
                self.written_revision = Some(*rev);
                self.last_written = Some(chrono::Local::now());
                self.last_error = None;
            }
            Err(e) => self.last_error = Some(e),
        }
        self.in_flight = None;
        true
    }

    /// Waits for the write in flight, if any (before quitting).
    pub fn wait(&mut self) {
        if let Some((_, rx)) = &self.in_flight {
            let _ = rx.recv_timeout(Duration::from_secs(5));
        }
        self.in_flight = None;
    }

    /// True while a write runs.
    pub fn busy(&self) -> bool {
        self.in_flight.is_some()
    }
}
