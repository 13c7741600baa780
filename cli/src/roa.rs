//! `byoip roa fetch`: save the ROAs `check` would ask a validator about, as a VRP CSV that
//! `check --vrps` and a manifest's `vrps` read ([`byoip::roa::vrps::save_csv`]), so a check
//! offline (in CI, on a machine without the network) judges what an online one would. The
//! origins are those the report needs (the cloud's ASNs from the rules table, by service,
//! partition and region, and `--origin`), asked as `check` asks them
//! ([`byoip::check::online::Sources::origins`]: RIPEstat's `rpki-validation`, or a
//! Routinator with `--rpki-url`); every VRP each answer names (those that cover the prefix,
//! for any origin) is saved, with the fetch time, which a check reads as the export's age.

use std::{path::PathBuf, sync::Arc};

use byoip::{
    Cloud, Service,
    check::{self, RoaEvidence, online},
    rdap::{Resolver, ResolverConfig},
    roa::{RoaState, Vrp, api::Validator, vrps},
};

use super::{
    CidrArg, CliError, CliResult, Outcome, SaveTo,
    args::{OriginArg, RegistryArgs},
    check::plural,
    json,
};

#[derive(clap::Args)]
pub struct RoaArgs {
    #[command(subcommand)]
    command: RoaCommand,
}

#[derive(clap::Subcommand)]
enum RoaCommand {
    /// Save the ROAs a check asks a validator about, as a VRP CSV for `check --offline --vrps`.
    Fetch(FetchArgs),
}

#[derive(clap::Args)]
#[command(next_help_heading = super::heading::INPUTS)]
struct FetchArgs {
    /// The prefix whose ROAs to fetch.
    #[arg(long, value_name = "CIDR", value_parser = CidrArg::parse)]
    cidr: CidrArg,
    /// The cloud whose origins to ask about: aws (the default), azure or oci.
    #[arg(long, value_name = "CLOUD", default_value = "aws")]
    cloud: Cloud,
    /// AWS: where the prefix is provisioned (ec2, ipam or ga), which names the origins.
    #[arg(long, value_name = "SERVICE", default_value = "ec2", value_parser = super::lib_value::<Service>)]
    service: Service,
    /// AWS GovCloud (US) (AS8987), or Azure's US Government cloud (AS8070).
    #[arg(long)]
    govcloud: bool,
    /// Oracle: the region the prefix is imported to (eu-jovanovac-1 needs AS14544).
    #[arg(long, value_name = "REGION", value_parser = super::lib_value::<byoip::Region>)]
    region: Option<byoip::Region>,
    /// The ASN announcing the prefix today, asked about too (give the same --origin to check).
    #[arg(long, value_name = "ASN|none", value_parser = OriginArg::parse)]
    origin: Option<OriginArg>,
    /// Where to save the VRP CSV (- for stdout); what `check --vrps` and a manifest's vrps read.
    #[arg(long, value_name = "FILE", help_heading = super::heading::OUTPUT)]
    out: PathBuf,
    /// Replace an existing --out file.
    #[arg(long, help_heading = super::heading::OUTPUT)]
    force: bool,
    /// Print what was saved as JSON ({"asns", "cidr", "fetched", "out", "source", "vrps"}).
    #[arg(long, help_heading = super::heading::OUTPUT)]
    json: bool,
    /// Ask a Routinator HTTP server (its /api/v1/validity API) instead of RIPEstat.
    #[arg(
        long,
        value_name = "URL",
        env = "BYOIP_RPKI_URL",
        hide_env_values = true,
        help_heading = super::heading::NETWORK,
    )]
    rpki_url: Option<String>,
    /// RIPEstat's base URL (default https://stat.ripe.net) [env: BYOIP_RIPESTAT_URL]
    #[arg(long, value_name = "URL", require_equals = true, help_heading = super::heading::NETWORK)]
    ripestat: Option<String>,
    /// Allow plain http:// to non-loopback servers.
    #[arg(long, help_heading = super::heading::NETWORK)]
    allow_http: bool,
    /// Seconds to wait for a server to connect, answer, or finish sending [env: BYOIP_TIMEOUT] [default: 20]
    #[arg(long, value_name = "SECS", value_parser = super::args::at_least_one::<u64>, help_heading = super::heading::NETWORK)]
    timeout: Option<u64>,
    /// Retries after a 429, a 5xx or a dropped connection.
    #[arg(long, value_name = "N", default_value_t = 3, help_heading = super::heading::NETWORK)]
    retries: u32,
}

pub fn run(a: RoaArgs) -> CliResult {
    match a.command {
        RoaCommand::Fetch(f) => fetch(f),
    }
}

/// `roa fetch --json`; fields in alphabetical order, as every JSON output here.
#[derive(serde::Serialize)]
struct FetchJson<'a> {
    /// The origins asked about, in check order.
    asns: Vec<String>,
    cidr: String,
    /// When the validator answered (RFC 3339, the run's clock), as recorded in the file.
    fetched: String,
    out: &'a str,
    /// The validator asked.
    source: String,
    /// Each VRP saved, `AS… prefix maxLength …`.
    vrps: Vec<String>,
}

fn fetch(a: FetchArgs) -> CliResult {
    let to = SaveTo::new(&a.out, a.force)?;
    let cidr = a.cidr.exact()?;
    let prefix = a.cidr.prefix();
    let now = super::clock::now();
    let origin = OriginArg::current(a.origin);
    // The origins the report needs, as check computes them; what no page documents is
    // refused before anything is asked.
    let asns = match a.cloud {
        Cloud::Aws => {
            if a.region.is_some() {
                return Err(CliError::input(
                    "--region is Oracle's",
                    "add --cloud oci, or drop --region",
                ));
            }
            let mut inputs = check::Inputs::for_cidr(a.cidr.0.clone(), a.service, now);
            inputs.govcloud = a.govcloud;
            inputs.origin = origin;
            inputs.validate()?;
            inputs.roa_origins()
        }
        cloud => {
            // AWS's service does not apply: the cloud's inputs are built as for EC2.
            let mut inputs = check::Inputs::for_cidr(a.cidr.0.clone(), byoip::Service::Ec2, now);
            inputs.cloud = cloud;
            inputs.govcloud = a.govcloud;
            inputs.region = a.region.clone();
            inputs.origin = origin;
            inputs.validate()?;
            inputs.roa_origins()
        }
    };
    if asns.is_empty() {
        return Err(CliError::input(
            format!("no ROA is needed for {cidr}: the cloud asks for none here"),
            "nothing to fetch; check it without --vrps",
        ));
    }
    let registry = RegistryArgs {
        bootstrap: None,
        rdap_url: None,
        allow_http: a.allow_http,
        timeout: a.timeout,
        retries: a.retries,
        no_cache: true,
    };
    let client = Arc::new(registry.client(true, true)?);
    let validator = match &a.rpki_url {
        Some(u) => Validator::Routinator(u.clone()),
        None => Validator::RipeStat(super::args::ripestat_base(a.ripestat.as_deref())),
    };
    let base = match &validator {
        Validator::Routinator(u) | Validator::RipeStat(u) => u.clone(),
        _ => return Err(CliError::unknown("validator")),
    };
    client.permits(&base)?;
    // The same gathering as check's: one validator, asked once per origin.
    let resolver = Box::new(Resolver::new(client.clone(), ResolverConfig::default()));
    let sources = online::Sources::new(
        client.clone(),
        online::Reach::Online {
            resolver,
            validator: validator.clone(),
        },
        None,
    );
    let evidence = sources.origins(prefix, &asns);
    super::args::clear_fetching(&client);
    let origins = match evidence {
        RoaEvidence::Origins(o) => o,
        _ => {
            let why = sources
                .failure()
                .map(|e| e.chain())
                .unwrap_or_else(|| "the validator gave no answer".into());
            return Err(CliError::input(
                format!("cannot fetch the ROAs: {why}"),
                format!(
                    "retry later, or check the validator URL (--rpki-url for Routinator, --ripestat for RIPEstat); or save a VRP export where the network works (rpki-client's CSV or JSON, `routinator vrps --format json`) and run `byoip check --offline --cidr {cidr} --vrps FILE`"
                ),
            ));
        }
    };
    // A validator calling an origin valid without naming its ROA leaves nothing to save
    // that would judge the same offline.
    if let Some(o) = origins
        .iter()
        .find(|o| o.state == RoaState::Valid && o.matched.is_empty())
    {
        return Err(CliError::input(
            format!(
                "{} called AS{} valid for {cidr} but named no ROA: there is nothing to save that an offline check would judge alike",
                validator.name(),
                o.asn
            ),
            "ask another validator (--rpki-url for a Routinator), or save a full VRP export (rpki-client, `routinator vrps`)",
        ));
    }
    let mut all: Vec<Vrp> = Vec::new();
    for o in &origins {
        for v in o.matched.iter().chain(&o.too_short).chain(&o.other_asn) {
            if !all.contains(v) {
                all.push(*v);
            }
        }
    }
    let asked: Vec<String> = asns.iter().map(|a| format!("AS{a}")).collect();
    let about = format!(
        "the VRPs covering {cidr} that {} ({base}) gave for {}",
        validator.name(),
        asked.join(", ")
    );
    let text = vrps::save_csv(&all, now, &about);
    to.save(text.as_bytes())?;
    let fetched = super::rdap::stamp(now);
    let shown = a.out.display().to_string();
    let source = format!("{} ({base})", validator.name());
    if a.json {
        let j = json(&FetchJson {
            asns: asked,
            cidr: cidr.to_string(),
            fetched,
            out: &shown,
            source,
            vrps: {
                let mut v: Vec<Vrp> = all.clone();
                v.sort_by_key(|v| (v.prefix.addr(), v.prefix.prefix_len(), v.asn, v.max_length));
                v.iter().map(ToString::to_string).collect()
            },
        })?;
        to.json_summary(&j)?;
        return Ok(Outcome::Ok);
    }
    let mut s = format!(
        "saved {} covering {cidr} from {source}, asked for {}\nfetched {fetched} (recorded in the file: check judges the VRPs' age from it, and does not judge them after {} days)\n",
        plural(all.len(), "VRP", "VRPs"),
        asked.join(", "),
        byoip::roa::MAX_EXPORT_AGE_DAYS
    );
    if !to.to_stdout() {
        let cloud = match a.cloud {
            Cloud::Aws => String::new(),
            c => format!(" --cloud {}", c.name()),
        };
        let origin = match a.origin {
            Some(OriginArg::Asn(n)) => format!(" --origin {n}"),
            Some(OriginArg::None) => " --origin none".into(),
            None => String::new(),
        };
        s += &format!(
            "check offline: byoip check --offline{cloud} --cidr {cidr} --vrps {shown}{origin} --rdap-file RDAP (or vrps = \"{shown}\" in byoip.toml)\n"
        );
    }
    to.summary(&s)?;
    Ok(Outcome::Ok)
}
