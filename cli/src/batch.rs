//! `byoip batch sign|verify|check`: every prefix of a manifest in one run.
//!
//! Signing and verifying use every core (`crate::parallel::map_parallel`); the key is loaded
//! and its passphrase asked once. Checks share one bootstrap and one request per distinct
//! registry record, with bounded concurrency.

use byoip::manifest::Manifest;

use super::{CliError, CliResult, heading, parallel::default_jobs};

mod check;
mod sign;
mod verify;

/// Largest contexts file read (1,000 contexts are about 600 KB).
pub(crate) const MAX_CONTEXTS_BYTES: usize = 64 * 1024 * 1024;

#[derive(clap::Args)]
pub struct BatchArgs {
    #[command(subcommand)]
    command: BatchCommand,
}

#[derive(clap::Subcommand)]
enum BatchCommand {
    /// Sign one message per prefix of the manifest.
    Sign(sign::SignArgs),
    /// Verify every signed context of a file (as `batch sign` writes it).
    Verify(verify::VerifyArgs),
    /// Run `byoip check` for every prefix of the manifest.
    Check(check::CheckArgs),
}

/// Where a manifest names the private key, for hints about a key given as the certificate.
pub const MANIFEST_KEY: &str = "key = \"…\" in the manifest";

/// `--jobs`, one rule for the three batch commands: how many entries are worked on at
/// once, by default as many as there are cores.
#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
struct Jobs {
    /// Entries worked on at once (default: every core).
    #[arg(long, value_name = "N", value_parser = super::args::at_least_one::<usize>)]
    jobs: Option<usize>,
}

impl Jobs {
    fn get(&self) -> usize {
        self.jobs.unwrap_or_else(default_jobs)
    }
}

pub fn run(a: BatchArgs) -> CliResult {
    match a.command {
        BatchCommand::Sign(a) => sign::sign(a),
        BatchCommand::Verify(a) => verify::verify(a),
        BatchCommand::Check(a) => check::check_all(a),
    }
}

fn missing(m: &Manifest, what: &str, hint: &str) -> CliError {
    CliError::input(format!("{}: no {what}", m.path.display()), hint)
}
