//! `byoip irr fetch`: save the IRR's route objects for a prefix and its more-specifics, as
//! the whois server sent them, so an offline check (`check --irr-file`, a manifest's
//! `irr_file`) judges what an online one would. The saved form is plain RPSL text after a
//! comment line recording the fetch ([`byoip::irr`]).

use std::path::PathBuf;

use byoip::{irr, rdap::saved::Fetched, whois};

use super::{CidrArg, CliError, CliResult, Outcome, SaveTo, heading, json};

#[derive(clap::Args)]
pub struct IrrArgs {
    #[command(subcommand)]
    command: IrrCommand,
}

#[derive(clap::Subcommand)]
enum IrrCommand {
    /// Save the IRR route objects for a prefix and its more-specifics (whois) for offline checks.
    Fetch(FetchArgs),
}

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
struct FetchArgs {
    /// The prefix whose route objects (and those of its more-specifics) to fetch.
    #[arg(long, value_name = "CIDR", value_parser = CidrArg::parse)]
    cidr: CidrArg,
    /// Where to save them (- for stdout); what `check --irr-file` and a manifest's irr_file read.
    #[arg(long, value_name = "FILE", help_heading = heading::OUTPUT)]
    out: PathBuf,
    /// Replace an existing --out file.
    #[arg(long, help_heading = heading::OUTPUT)]
    force: bool,
    /// Print what was saved as JSON ({"cidr", "fetched", "objects", "out", "queries", "server"}).
    #[arg(long, help_heading = heading::OUTPUT)]
    json: bool,
    /// The whois server (HOST[:PORT], port 43 by default; whois has no TLS, and IRR data is public).
    #[arg(
        long,
        value_name = "HOST[:PORT]",
        env = "BYOIP_IRR_SERVER",
        hide_env_values = true,
        default_value = whois::RADB,
        value_parser = super::lib_value::<whois::Server>,
        help_heading = heading::NETWORK,
    )]
    irr_server: whois::Server,
    /// Seconds to wait for the server to connect, answer, or finish sending [env: BYOIP_TIMEOUT] [default: 20]
    #[arg(long, value_name = "SECS", value_parser = super::args::at_least_one::<u64>, help_heading = heading::NETWORK)]
    timeout: Option<u64>,
}

pub fn run(a: IrrArgs) -> CliResult {
    match a.command {
        IrrCommand::Fetch(f) => fetch(f),
    }
}

/// `irr fetch --json`; fields in alphabetical order, as every `--json` output.
#[derive(serde::Serialize)]
struct FetchJson<'a> {
    cidr: String,
    /// When the server answered (RFC 3339, the run's clock), as recorded in the file.
    fetched: String,
    /// Each route object of the prefix or a more-specific, described.
    objects: Vec<String>,
    out: &'a str,
    queries: Vec<String>,
    server: String,
}

fn fetch(a: FetchArgs) -> CliResult {
    let to = SaveTo::new(&a.out, a.force)?;
    let prefix = a.cidr.exact()?;
    let mut config = whois::WhoisConfig::default();
    config.timeout = super::args::timeout_of(a.timeout)?;
    let server = &a.irr_server;
    let answers = byoip::check::online::fetch_irr(server, prefix, &config).map_err(|e| {
        // The server and port this fetch used, said once (the library's hint would offer
        // a saved answer, which is what this command makes).
        CliError::input(
            format!("cannot fetch the IRR's route objects: {}", e.chain()),
            format!(
                "retry later (whois needs TCP to {server} open from here), or name another IRRd whois server with --irr-server"
            ),
        )
    })?;
    let fetched = Fetched::new(super::clock::now(), server.url());
    let refs: Vec<&[u8]> = answers.iter().map(Vec::as_slice).collect();
    let data = irr::save(&refs, &fetched, prefix.net());
    // Read back before saving: an answer that is not RPSL is never written.
    let answer = irr::parse(&data, &server.url()).map_err(|e| {
        CliError::input(
            format!("{server} did not answer with RPSL: {}", e.chain()),
            "check --irr-server: it should be an IRRd whois server such as whois.radb.net",
        )
    })?;
    to.save(&data)?;
    let objects: Vec<String> = answer
        .routes_within(prefix.net())
        .map(|o| {
            let m: Vec<&str> = o.values("mnt-by").collect();
            format!("{} mnt-by {}", o.describe(), m.join(", "))
        })
        .collect();
    let shown = a.out.display().to_string();
    if a.json {
        let text = json(&FetchJson {
            cidr: prefix.to_string(),
            fetched: super::rdap::stamp(fetched.at),
            objects,
            out: &shown,
            queries: irr::queries(prefix.net()).to_vec(),
            server: server.url(),
        })?;
        to.json_summary(&text)?;
        return Ok(Outcome::Ok);
    }
    let mut s = format!(
        "saved {} for {prefix} and its more-specifics from {}\n{}",
        super::check::plural(objects.len(), "route object", "route objects"),
        server.url(),
        super::rdap::fetched_line(&fetched)
    );
    for o in &objects {
        s += &format!("route object: {o}\n");
    }
    if !to.to_stdout() {
        s += &format!(
            "check offline: byoip check --offline --cidr {prefix} --irr-file {shown} … (or irr_file = \"{shown}\" in byoip.toml)\n"
        );
    }
    to.summary(&s)?;
    Ok(Outcome::Ok)
}
