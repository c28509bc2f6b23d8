//! The `sourcemark` binary: the window, or a command over a project file.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
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
