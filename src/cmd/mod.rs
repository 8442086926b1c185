//! One file per subcommand: each turns its arguments into a call to the library and prints the
//! result for people. Nothing below `cmd` prints; it returns reports and problems.

pub mod build;
pub mod check;
pub mod new;
pub mod serve;
pub mod status;
pub mod translated;

use std::process::ExitCode;

use crate::diagnostics::Diagnostic;

/// How reports are printed.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum OutputFormat {
    /// A table for people.
    Text,
    /// JSON for scripts and CI.
    Json,
}

/// Every problem on standard error, one after another, so all of them are seen at once.
fn print_problems(problems: &[Diagnostic]) {
    for p in problems {
        eprintln!("{p}");
    }
}

/// The exit code of a command that either worked or failed with one problem.
fn finish(result: Result<(), Diagnostic>) -> ExitCode {
    finish_all(result.map_err(|d| vec![d]))
}

/// The exit code of a command that either worked or failed with problems, all printed.
fn finish_all(result: Result<(), Vec<Diagnostic>>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            print_problems(&problems);
            ExitCode::FAILURE
        }
    }
}

/// `1 photo`, `2 photos`: counts in reports read as sentences.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
