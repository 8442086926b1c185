//! The command line: a thin layer over [`crate::site`] that prints reports for people.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostics::Diagnostic;
use crate::site::{BuildOptions, build};

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
    Build {
        /// Where to write the site [default: DIR/public].
        #[arg(long, short, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Public address of the site, replacing base_url from site.toml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Also publish pages marked draft = true.
        #[arg(long)]
        drafts: bool,
        /// Empty the image cache (.passage/cache/) first, so every photo is encoded again.
        #[arg(long)]
        clean_cache: bool,
    },
    /// Report every problem (and missing or stale translation) without publishing anything.
    Check {
        /// `text` for people, `json` for scripts and CI.
        #[arg(long, default_value = "text")]
        format: OutputFormat,
        /// Fail on warnings too (exit code 1).
        #[arg(long)]
        strict: bool,
        /// Check drafts as well.
        #[arg(long)]
        drafts: bool,
    },
    /// Show which pages are translated, stale or missing in each language.
    Status {
        /// `text` for people, `json` for scripts.
        #[arg(long, default_value = "text")]
        format: OutputFormat,
        /// Also write the table as a web page to this file (to open, print or send on).
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// Show the site in a browser while you write: every save appears by itself.
    Serve {
        /// Port to listen on (default 1111, or the next free one).
        #[arg(long)]
        port: Option<u16>,
        /// Address to listen on. The default is this computer only; 0.0.0.0 lets phones on
        /// the same network look too.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Also show pages with `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Record that a page's translations match the current original text (clears "stale").
    Translated {
        /// The page's path under content/ without language, e.g. stories/my-story.
        page: String,
        /// Only these languages (default: every translation of the page).
        #[arg(long = "lang", value_name = "CODE")]
        langs: Vec<String>,
    },
    /// Start a story in every language, a photo journey, or a whole new site.
    New {
        /// What to create.
        #[command(subcommand)]
        what: NewCommand,
    },
}

/// How reports are printed.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum OutputFormat {
    /// A table for people.
    Text,
    /// JSON for scripts and CI.
    Json,
}

/// What `passage new` creates.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Create content/<section>/<slug>/ with one draft file per language.
    Story {
        /// The story's web address, shared by all languages, e.g. border-stories.
        slug: String,
        /// The section (folder under content/) to put it in.
        #[arg(long, default_value = "stories")]
        section: String,
    },
    /// Describe a folder of photos as an exhibit journey: photos/<slug>/journey.toml.
    Journey {
        /// The journey's web address, e.g. border-crossing (lower-case a-z, digits, hyphens).
        slug: String,
        /// Copy the photos from this folder into photos/<slug>/ first.
        #[arg(long, value_name = "FOLDER")]
        from: Option<PathBuf>,
        /// List the photos by capture date (undated ones last) or by file name.
        #[arg(long, value_enum, default_value = "date")]
        order: crate::scaffold::Order,
    },
    /// Create a minimal working site (settings, a home page, one story, UI strings, theme).
    Site {
        /// The new site's folder; must not exist or be empty.
        dir: PathBuf,
    },
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::New { what } => new(&cli.root, what, cli.quiet),
        Command::Serve {
            port,
            bind,
            open,
            drafts,
        } => match crate::serve::serve(crate::serve::ServeOptions {
            root: cli.root,
            port,
            bind,
            open,
            drafts,
            quiet: cli.quiet,
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(d) => {
                eprintln!("{d}");
                ExitCode::FAILURE
            }
        },
        Command::Check {
            format,
            strict,
            drafts,
        } => {
            let report = crate::check::check(&cli.root, drafts);
            match format {
                OutputFormat::Text => print!("{}", crate::check::render_text(&report)),
                OutputFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_default()
                ),
            }
            if report.passes(strict) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Command::Status { format, html } => match crate::status::status(&cli.root) {
            Ok((status, problems)) => {
                print_problems(&problems);
                if let Some(file) = html {
                    let (title, languages) = match crate::config::SiteConfig::load(&cli.root) {
                        Ok(c) => (
                            c.default_language().title.clone(),
                            c.languages
                                .iter()
                                .map(|l| (l.code.clone(), l.name.clone()))
                                .collect(),
                        ),
                        Err(_) => (String::new(), Vec::new()),
                    };
                    let page = crate::status::render_html(&status, &title, &languages);
                    if let Err(e) = std::fs::write(&file, page) {
                        eprintln!(
                            "{}",
                            Diagnostic::error(&file, format!("cannot write the report: {e}"))
                                .hint("choose a file in a folder you can write to")
                        );
                        return ExitCode::FAILURE;
                    }
                    if !cli.quiet {
                        eprintln!("Wrote the report to {}", file.display());
                    }
                }
                match format {
                    OutputFormat::Text => print!("{}", crate::status::render_text(&status)),
                    OutputFormat::Json => println!(
                        "{}",
                        serde_json::to_string_pretty(&status).unwrap_or_default()
                    ),
                }
                ExitCode::SUCCESS
            }
            Err(problems) => {
                print_problems(&problems);
                ExitCode::FAILURE
            }
        },
        Command::Translated { page, langs } => {
            match crate::status::mark_translated(&cli.root, &page, &langs) {
                Ok(files) => {
                    if !cli.quiet {
                        for f in &files {
                            println!(
                                "Marked as translated from the current original: {}",
                                f.display()
                            );
                        }
                        if files.is_empty() {
                            println!("`{page}` has no translations to mark.");
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    eprintln!("{d}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Build {
            output,
            base_url,
            drafts,
            clean_cache,
        } => {
            let opts = BuildOptions {
                root: cli.root,
                output,
                base_url,
                drafts,
                clean_cache,
                mode: crate::site::Mode::Build,
                progress: !cli.quiet && std::io::stderr().is_terminal(),
            };
            match build(&opts) {
                Ok(report) => {
                    print_problems(&report.warnings);
                    if !cli.quiet {
                        let per_lang: Vec<String> = report
                            .pages
                            .iter()
                            .map(|(l, n)| format!("{l} {n}"))
                            .collect();
                        let total: usize =
                            report.pages.iter().map(|(_, n)| n).sum::<usize>() + report.root_pages;
                        let warnings = match report.warnings.len() {
                            0 => String::new(),
                            1 => ", 1 warning".into(),
                            n => format!(", {n} warnings"),
                        };
                        let img = report.images;
                        let photos = if img.photos == 0 {
                            String::new()
                        } else {
                            format!(
                                ", {} photo{} ({} files encoded, {} from cache)",
                                img.photos,
                                if img.photos == 1 { "" } else { "s" },
                                img.encoded,
                                img.reused
                            )
                        };
                        println!(
                            "Built {total} pages ({}, {} at the root) and {} other files{photos} in {:.2} s{warnings} → {}",
                            per_lang.join(" · "),
                            report.root_pages,
                            report.files - total,
                            report.elapsed.as_secs_f64(),
                            report
                                .output
                                .strip_prefix(".")
                                .unwrap_or(&report.output)
                                .display()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(failure) => {
                    print_problems(&failure.problems);
                    let errors = failure.problems.iter().filter(|d| d.is_error()).count();
                    eprintln!(
                        "Build failed with {errors} error{}; the previous output was left as it was.",
                        if errors == 1 { "" } else { "s" }
                    );
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn new(root: &std::path::Path, what: NewCommand, quiet: bool) -> ExitCode {
    let result = match what {
        NewCommand::Story { slug, section } => crate::scaffold::new_story(root, &section, &slug)
            .map(|files| {
                if !quiet {
                    println!("Created the story `{slug}` as a draft in every language:");
                    for f in &files {
                        println!("  {}", f.display());
                    }
                    println!("Write the text, then set draft = false in each file that is ready.");
                }
            }),
        NewCommand::Journey { slug, from, order } => {
            crate::scaffold::new_journey(root, &slug, from.as_deref(), order).map(|made| {
                for (name, why) in &made.skipped {
                    eprintln!("skipped {name}: {why}");
                }
                if !quiet {
                    println!(
                        "Created {} listing {} photo{} ({} with the day it was taken).",
                        made.file.display(),
                        made.photos,
                        if made.photos == 1 { "" } else { "s" },
                        made.dated
                    );
                    println!(
                        "Write the captions and alt texts in every language and record each photo's consent: until then, no photo of the journey is published."
                    );
                }
            })
        }
        NewCommand::Site { dir } => crate::scaffold::new_site(&dir).map(|()| {
            if !quiet {
                println!("Created a new site in {}.", dir.display());
                println!("Build it with: passage build --root {}", dir.display());
            }
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            eprintln!("{d}");
            ExitCode::FAILURE
        }
    }
}

fn print_problems(problems: &[Diagnostic]) {
    for p in problems {
        eprintln!("{p}");
    }
}
