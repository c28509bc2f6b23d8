//! Writing datasets: the one dispatcher that hands a workspace to each format's writer,
//! streaming to a file (replaced whole, only when the export succeeded) or a writer.

use super::export::{ExportError, ExportOptions, ExportSummary, Output, Progress, check_folder};
use super::format::Format;
use super::label_studio::{label_config, label_config_path};
use super::{
    brat, claimreview, conll, csv_rows, doccano, doccano_rel, jsonl, label_studio, select, w3c,
};
use crate::store::AtomicFile;
use crate::workspace::Workspace;
use std::io::{self, Write};

/// The size of the buffer between a writer and its output: big enough that each
/// write to a file or pipe is a large one, small beside any project.
const STREAM_BUFFER: usize = 1 << 16;

/// Exports the workspace's project in `format` to `out`. `progress` is called with the
/// number of documents done and the total, from `(0, n)` to `(n, n)`, so a window can
/// show a progress bar.
pub fn export(
    ws: &Workspace,
    format: Format,
    opts: &ExportOptions,
    out: Output<'_>,
    progress: Progress<'_>,
) -> Result<ExportSummary, ExportError> {
    if !format.takes_offsets(opts.offsets) {
        return Err(ExportError::Unsupported(format!(
            "{format} offsets cannot count {}{}",
            opts.offsets.as_str(),
            if format == Format::W3c {
                " (the W3C TextPositionSelector counts code points by definition); \
                 --offsets utf16 does not apply to w3c"
            } else {
                ""
            }
        )));
    }
    let mut summary = ExportSummary::default();
    let views = select::select(ws, format, opts, &mut summary)?;
    summary.documents = views.len();
    summary.annotations = views.iter().map(|v| v.spans.len()).sum();
    if format.is_folder() {
        let Output::Path(dir) = out else {
            return Err(ExportError::NeedsFolder(format));
        };
        brat::write_folder(ws, &views, &dir, &mut summary, progress)?;
        return Ok(summary);
    }
    match out {
        Output::Writer(w) => {
            write_to(ws, format, &views, w, &mut summary, progress)?;
            if format == Format::LabelStudio {
                summary.warnings.push(
                    "the Label Studio labeling config was not written (no output file); \
                     export with --out to get it beside the tasks"
                        .to_owned(),
                );
            }
        }
        Output::Path(path) => {
            check_folder(&path)?;
            // Written into a temporary file as it goes, which replaces the old export
            // only once the whole export is in it: dropped on an error, it vanishes.
            let mut file = AtomicFile::create(&path)?;
            write_to(ws, format, &views, &mut file, &mut summary, progress).map_err(
                |e| match e {
                    ExportError::Stream(source) => ExportError::Io {
                        path: path.clone(),
                        source,
                    },
                    e => e,
                },
            )?;
            let config = if format == Format::LabelStudio {
                let config_path = label_config_path(&path);
                let mut config = AtomicFile::create(&config_path)?;
                config
                    .write_all(label_config(ws, opts).as_bytes())
                    .map_err(|source| ExportError::Io {
                        path: config_path.clone(),
                        source,
                    })?;
                Some((config, config_path))
            } else {
                None
            };
            file.commit()?;
            summary.files.push(path);
            if let Some((config, config_path)) = config {
                config.commit()?;
                summary.files.push(config_path);
            }
        }
    }
    Ok(summary)
}

/// Writes a one-file format to `out` as it goes, through a buffer of its own, and
/// flushes it. A failed write is [`ExportError::Stream`].
fn write_to(
    ws: &Workspace,
    format: Format,
    views: &[select::DocView<'_>],
    out: &mut dyn Write,
    summary: &mut ExportSummary,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    let mut out = io::BufWriter::with_capacity(STREAM_BUFFER, out);
    match format {
        Format::Jsonl => jsonl::write(views, &mut out, progress)?,
        Format::Doccano => doccano::write(views, &mut out, progress)?,
        Format::DoccanoRel => doccano_rel::write(views, &mut out, progress)?,
        Format::LabelStudio => label_studio::write(views, &mut out, progress)?,
        Format::W3c => w3c::write(ws, views, &mut out, progress)?,
        Format::Csv => csv_rows::write(views, &mut out, progress)?,
        Format::Conll => conll::write(views, &mut out, summary, progress)?,
        Format::Claimreview => claimreview::write(ws, views, &mut out, summary, progress)?,
        Format::Brat => return Err(ExportError::NeedsFolder(format)),
    }
    out.flush().map_err(ExportError::Stream)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Document};
    use crate::text::DocText;
    use crate::workspace::Article;
    use std::path::Path;
    use std::sync::Arc;

    fn workspace(dir: &Path) -> Workspace {
        let mut ws = Workspace::create(&dir.join("p.ron"), "P");
        for n in 0..3 {
            let text = DocText::new(format!("Rally {n} in Baghdad 🇮🇶, “Get out!”"));
            let id = format!("doc-{n}");
            ws.project
                .annotations
                .push(Annotation::new(id.as_str().into(), &text, 0, 5, "claim", "t").unwrap());
            ws.project.documents.push(Document::new(
                id.as_str().into(),
                format!("{id}.txt"),
                &text,
            ));
            ws.articles
                .insert(id.as_str().into(), Article::Loaded(Arc::new(text)));
        }
        ws.project.normalize();
        ws
    }

    #[test]
    fn an_export_that_fails_midway_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let ws = workspace(dir.path());
        for &format in Format::ALL.iter().filter(|f| !f.is_folder()) {
            let out = dir.path().join(format!("out.{format}"));
            std::fs::write(&out, "the old export").unwrap();
            let before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
            // The window's export thread panics after the first document.
            let failed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                export(
                    &ws,
                    format,
                    &ExportOptions::default(),
                    Output::Path(out.clone()),
                    &mut |done, _| assert!(done < 2, "stop"),
                )
            }));
            assert!(failed.is_err(), "{format}");
            assert_eq!(std::fs::read_to_string(&out).unwrap(), "the old export");
            let after: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
            assert_eq!(
                after.len(),
                before.len(),
                "{format}: a file was left behind"
            );
            // Done whole, the export replaces it.
            let summary = export(
                &ws,
                format,
                &ExportOptions::default(),
                Output::Path(out.clone()),
                &mut |_, _| {},
            )
            .unwrap();
            assert_eq!(summary.files[0], out);
            assert_ne!(std::fs::read_to_string(&out).unwrap(), "the old export");
        }
    }
}
