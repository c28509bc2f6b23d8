//! The `sourcemark` binary: the window, or a command over a project file.

mod cli;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc keeps freed memory for the next frame, where glibc's malloc trims it and
/// faults it back in (the article view's idle frame: 0.41 → 0.20 ms). The benches use
/// it too, so they time what the app runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        // The reader of stdout went away (`sourcemark stats P | head`): what it wanted
        // was written, and anything that changes files was done before printing.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // One line: the cause chain joined, as the exit-code contract promises. Our
            // errors often quote their cause already (`file: what the OS said`); a cause
            // the line already contains is not repeated.
            let mut line = e.to_string();
            for cause in e.chain().skip(1) {
                let cause = cause.to_string();
                if !line.contains(&cause) {
                    line.push_str(": ");
                    line.push_str(&cause);
                }
            }
            eprintln!("sourcemark: {}", line.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

/// Whether a write failed because the reader closed the pipe, wherever in the chain
/// the I/O error sits (serde_json and csv keep theirs inside).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(BrokenPipe))
            || c.downcast_ref::<csv::Error>().is_some_and(
                |e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
    })
}
