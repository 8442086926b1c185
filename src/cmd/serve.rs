//! `passage serve`: the site in a browser while it is written, with what happens on the console.

use std::net::IpAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use crate::serve::{Report, ServeOptions};

/// Arguments of `passage serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Port to listen on (default 1111, or the next free one).
    #[arg(long)]
    pub port: Option<u16>,
    /// Address to listen on. The default is this computer only; 0.0.0.0 lets phones on
    /// the same network look too.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Also show pages with `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Also answer requests addressed to this host name (a tunnel's, a name in /etc/hosts);
    /// `.example.org` allows its subdomains too. Repeat for more names. Addresses such as
    /// 192.168.1.20 and localhost are always answered.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
}

/// Serves until Ctrl-C; fails only when the server cannot start.
pub fn run(root: &Path, quiet: bool, args: Args) -> ExitCode {
    let opts = ServeOptions {
        root: root.to_path_buf(),
        port: args.port,
        bind: args.bind,
        open: args.open,
        drafts: args.drafts,
        allowed_hosts: args.allow_hosts,
    };
    super::finish(crate::serve::serve(
        opts,
        Arc::new(move |r| print(&r, quiet)),
    ))
}

/// Problems always go to standard error; progress to standard output unless `--quiet`.
fn print(report: &Report, quiet: bool) {
    match report {
        Report::Warnings(problems) => super::print_problems(problems),
        Report::Broken(problems) => {
            super::print_problems(problems);
            eprintln!(
                "The site still shows the last version that worked; save a fix and it updates."
            );
        }
        Report::PageProblem(problem) => eprintln!("{problem}"),
        Report::NoBrowser { url } => eprintln!("Could not open a browser; open {url} yourself."),
        Report::Exposed { addr } => eprintln!(
            "warning: listening on {addr}: everyone on this network can read the site, drafts and \
             unpublished photos included. Use it only on a network you trust, and stop it \
             (Ctrl-C) when you are done; without --bind only this computer can."
        ),
        _ if quiet => {}
        Report::PortTaken { used } => println!(
            "Port {} is in use; using {used} instead.",
            crate::serve::DEFAULT_PORT
        ),
        Report::Serving { root, url } => {
            println!("Serving {} at {url} (Ctrl-C to stop)", root.display())
        }
        Report::Ready { ms, files } if files.is_empty() => println!("Ready in {ms} ms"),
        Report::Ready { ms, files } => {
            let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            println!("Ready in {ms} ms after {}", names.join(", "));
        }
        Report::Stopped => println!("Stopped."),
    }
}
