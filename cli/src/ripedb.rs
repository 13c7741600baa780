//! `byoip ripedb fetch`: save the RIPE Database object of a RIPE NCC range (its `remarks:`
//! and `descr:`, which RIPE's RDAP leaves out and Azure and Oracle read), as `check` finds
//! it online (the RDAP record's handle is the object's key; RIPE Database documentation,
//! "RESTful API Queries"), in the form `check --ripe-db-file` and a manifest's
//! `ripe_db_file` read, with the fetch time ([`byoip::ripedb::save`]).

use std::{path::PathBuf, sync::Arc};

use byoip::{
    rdap::{Lookup, identify},
    ripedb,
};

use super::{CidrArg, CliError, CliResult, Outcome, SaveTo, args::RegistryArgs, json};

#[derive(clap::Args)]
pub struct RipeDbArgs {
    #[command(subcommand)]
    command: RipeDbCommand,
}

#[derive(clap::Subcommand)]
enum RipeDbCommand {
    /// Save the RIPE Database object of a RIPE NCC range for `check --offline --ripe-db-file`.
    Fetch(FetchArgs),
}

#[derive(clap::Args)]
#[command(next_help_heading = super::heading::INPUTS)]
struct FetchArgs {
    /// The prefix whose range's object to fetch.
    #[arg(long, value_name = "CIDR", value_parser = CidrArg::parse)]
    cidr: CidrArg,
    /// Where to save it (- for stdout); what `check --ripe-db-file` and a manifest's ripe_db_file read.
    #[arg(long, value_name = "FILE", help_heading = super::heading::OUTPUT)]
    out: PathBuf,
    /// Replace an existing --out file.
    #[arg(long, help_heading = super::heading::OUTPUT)]
    force: bool,
    /// Print what was saved as JSON ({"cidr", "fetched", "key", "kind", "out", "url"}).
    #[arg(long, help_heading = super::heading::OUTPUT)]
    json: bool,
    /// The RIPE Database REST API.
    #[arg(
        long,
        value_name = "URL",
        env = "BYOIP_RIPE_DB_URL",
        hide_env_values = true,
        default_value = ripedb::RIPE_DB_BASE,
        help_heading = super::heading::NETWORK,
    )]
    ripe_db_url: String,
    #[command(flatten)]
    registry: RegistryArgs,
}

pub fn run(a: RipeDbArgs) -> CliResult {
    match a.command {
        RipeDbCommand::Fetch(f) => fetch(f),
    }
}

/// `ripedb fetch --json`; fields in alphabetical order.
#[derive(serde::Serialize)]
struct FetchJson<'a> {
    cidr: String,
    /// When the database answered (RFC 3339, the run's clock), as recorded in the file.
    fetched: String,
    /// The object's primary key and type.
    key: &'a str,
    kind: &'a str,
    out: &'a str,
    url: &'a str,
}

fn fetch(a: FetchArgs) -> CliResult {
    let to = SaveTo::new(&a.out, a.force)?;
    let cidr = a.cidr.exact()?;
    let client = Arc::new(a.registry.client(true, true)?);
    client.permits(&a.ripe_db_url)?;
    // The record names the object: its handle is the object's key.
    let resolver = a.registry.resolver(client.clone(), false)?;
    let lookup = resolver.lookup(cidr.net());
    for n in resolver.take_notes() {
        super::note(&n);
    }
    let network = |e: byoip::Error, what: &str| {
        CliError::input(
            format!("cannot fetch {what}: {}", e.chain()),
            "retry later; if you are behind a proxy, set HTTPS_PROXY; or save the REST answer by hand where the network works (curl -H 'Accept: application/json' https://rest.db.ripe.net/ripe/inetnum/FIRST%20-%20LAST > ripe.json) and give it to check --ripe-db-file",
        )
    };
    let record = match lookup.map_err(|e| network(e, "the RDAP record"))? {
        Lookup::Found { record, .. } => record,
        Lookup::NotFound { url } => {
            return Err(CliError::input(
                format!("the registry has no record for {cidr} (HTTP 404 from {url})"),
                "check the prefix; a registry answers only for space it manages",
            ));
        }
        _ => return Err(CliError::unknown("RDAP answer")),
    };
    let id = identify(&record.network, record.source.url());
    if id.registry != Some(byoip::rdap::Registry::RipeNcc) {
        return Err(CliError::input(
            format!(
                "{} is {}'s, not RIPE NCC's: it has no RIPE Database object to save",
                record.network.describe(),
                id.registry
                    .map_or("another registry".into(), |r| r.to_string())
            ),
            "only RIPE NCC space needs one: check it without --ripe-db-file",
        ));
    }
    let Some((kind, key)) = ripedb::key_of(&record.network) else {
        return Err(CliError::input(
            format!(
                "the RDAP record's handle {:?} is not a RIPE Database key",
                record.network.handle.as_deref().unwrap_or("")
            ),
            "save the REST answer by hand (curl -H 'Accept: application/json' https://rest.db.ripe.net/ripe/inetnum/FIRST%20-%20LAST > ripe.json)",
        ));
    };
    let answer = ripedb::fetch_answer(&client, &a.ripe_db_url, kind, &key)
        .map_err(|e| network(e, "the RIPE Database object"))?;
    super::args::clear_fetching(&client);
    let Some((object, body, url)) = answer else {
        return Err(CliError::input(
            format!("the RIPE Database has no {kind} {key}"),
            "check the prefix; the object may have been changed since the RDAP record was read",
        ));
    };
    if !object.covers(cidr.net()) {
        return Err(CliError::input(
            format!(
                "the RIPE Database's {kind} {} does not cover {cidr}",
                object.key
            ),
            "check the prefix",
        ));
    }
    let now = super::clock::now();
    let data = ripedb::save(&body, now, &url);
    to.save(&data)?;
    let fetched = super::rdap::stamp(now);
    let shown = a.out.display().to_string();
    if a.json {
        let j = json(&FetchJson {
            cidr: cidr.to_string(),
            fetched,
            key: &object.key,
            kind: &object.kind,
            out: &shown,
            url: &url,
        })?;
        to.json_summary(&j)?;
        return Ok(Outcome::Ok);
    }
    let mut s = format!(
        "saved {} {} from {url}\nfetched {fetched} (recorded in the file: check judges the object's age from it)\n",
        object.kind, object.key
    );
    if !to.to_stdout() {
        s += &format!(
            "check offline: byoip check --offline --cloud azure|oci --cidr {cidr} --ripe-db-file {shown} --rdap-file RDAP (or ripe_db_file = \"{shown}\" in a [[prefix]] of byoip.toml)\n"
        );
    }
    to.summary(&s)?;
    Ok(Outcome::Ok)
}
