//! The command line: the subcommands and their arguments, each handed to its file in
//! [`crate::cmd`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::cmd;

/// passage: multilingual campaign sites and photo exhibits.
#[derive(Debug, Parser)]
#[command(name = "passage", version, about, long_about = None)]
pub struct Cli {
    /// Site folder (the one with site.toml).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Print only problems.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(cmd::build::Args),
    /// Report every problem (and missing or stale translation) without publishing anything.
    Check(cmd::check::Args),
    /// Show which pages are translated, stale or missing in each language.
    Status(cmd::status::Args),
    /// Show the site in a browser while you write: every save appears by itself.
    Serve(cmd::serve::Args),
    /// Record that a page's translations match the current original text (clears "stale").
    Translated(cmd::translated::Args),
    /// Start a story in every language, a photo journey, or a whole new site.
    New {
        /// What to create.
        #[command(subcommand)]
        what: cmd::new::What,
    },
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let (root, quiet) = (cli.root.as_path(), cli.quiet);
    match cli.command {
        Command::Build(args) => cmd::build::run(root, quiet, args),
        Command::Check(args) => cmd::check::run(root, args),
        Command::Status(args) => cmd::status::run(root, quiet, args),
        Command::Serve(args) => cmd::serve::run(root, quiet, args),
        Command::Translated(args) => cmd::translated::run(root, quiet, args),
        Command::New { what } => cmd::new::run(root, quiet, what),
    }
}
