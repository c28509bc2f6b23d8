//! The `sourcemark` binary: the window, or a command over a project file.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            // One line: the cause chain joined, as the exit-code contract promises.
            eprintln!("sourcemark: {e:#}");
            ExitCode::from(2)
        }
    }
}
