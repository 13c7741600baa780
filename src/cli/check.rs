//! `byoip check`: every prerequisite, before anyone calls AWS (issue 3).
//!
//! Gathers the evidence — the user's key and certificate, the RDAP record (network or
//! `--rdap-file`), ROAs (a VRP file, Routinator or RIPEstat) — and prints the report of
//! [`byoip::check`]. Exit 0 when nothing failed, 1 when something did, 2 when the check
//! could not run (unreadable input, network).

use std::{path::PathBuf, sync::Arc, time::Duration};

use byoip::{
    AccountId, Prefix,
    check::{self, Inputs, RdapEvidence, Report, RoaEvidence, Signed, Status},
    http::{Client, HttpConfig},
    key::{VerifyingKey, public_key_from_any},
    rdap::{self, IpNetwork, Lookup, Record, Resolver, ResolverConfig, client::BootstrapSource},
    roa::{
        self,
        api::{RIPESTAT_BASE, Validator},
        vrps,
    },
};

use super::{
    CliError, CliResult, Outcome, PassphraseArgs, Style, json, load_certificate, note, out,
    read_input,
};

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("keys").required(true).multiple(true).args(["cert", "key"])))]
pub struct CheckArgs {
    /// The prefix to provision, exactly as you will pass it to AWS.
    #[arg(long, value_name = "CIDR")]
    cidr: String,
    /// Your certificate (PEM, one line, DER or whois text).
    #[arg(long, value_name = "FILE")]
    cert: Option<PathBuf>,
    /// Your key (private or public; only the public half is used).
    #[arg(long, value_name = "FILE")]
    key: Option<PathBuf>,
    /// The AWS account that will provision the prefix.
    #[arg(long, value_name = "ID")]
    account: Option<AccountId>,
    #[command(flatten)]
    signed: super::SignedArgs,
    #[command(flatten)]
    target: super::TargetArgs,
    /// Provisioning in AWS GovCloud (US): the ROA must authorize AS8987.
    #[arg(long)]
    govcloud: bool,
    /// Never touch the network: RDAP from --rdap-file, ROAs from --vrps.
    #[arg(long)]
    offline: bool,
    /// A saved RDAP answer for the prefix; repeat to add its parents, nearest first.
    #[arg(long, value_name = "FILE")]
    rdap_file: Vec<PathBuf>,
    /// RDAP bootstrap: a file, a URL of ipv4.json/ipv6.json, or a base URL holding both.
    #[arg(long, value_name = "FILE|URL", env = "BYOIP_BOOTSTRAP")]
    bootstrap: Option<String>,
    /// Ask this RDAP server directly (skips the bootstrap), e.g. https://rdap.arin.net/registry/
    #[arg(long, value_name = "BASE", env = "BYOIP_RDAP_URL")]
    rdap_url: Option<String>,
    /// ROAs from a VRP export (Routinator or rpki-client: CSV, JSON, SLURM, OpenBGPD); wins over --rpki-url and --ripestat.
    #[arg(long, value_name = "FILE")]
    vrps: Option<PathBuf>,
    /// ROAs from a Routinator HTTP server (its /api/v1/validity API).
    #[arg(
        long,
        value_name = "URL",
        env = "BYOIP_RPKI_URL",
        conflicts_with = "ripestat"
    )]
    rpki_url: Option<String>,
    /// ROAs from RIPEstat's rpki-validation call (the default online), or a compatible URL.
    #[arg(long, value_name = "URL", num_args = 0..=1, require_equals = true, default_missing_value = RIPESTAT_BASE)]
    ripestat: Option<String>,
    /// Allow plain http:// to non-loopback servers.
    #[arg(long)]
    allow_http: bool,
    /// Seconds to wait for a server to connect, answer, or finish sending.
    #[arg(long, value_name = "SECS", default_value_t = 20, env = "BYOIP_TIMEOUT")]
    timeout: u64,
    /// Retries after a 429, a 5xx or a dropped connection.
    #[arg(long, value_name = "N", default_value_t = 3)]
    retries: u32,
    /// Do not read or write the bootstrap cache (BYOIP_CACHE_DIR, else ~/.cache/byoip).
    #[arg(long)]
    no_cache: bool,
    #[command(flatten)]
    pass: PassphraseArgs,
    /// Print the report as JSON ({"ok", "checks": [{"id", "status", "message", …}]}).
    #[arg(long)]
    json: bool,
}

pub fn run(a: CheckArgs) -> CliResult {
    let prefix = target_prefix(&a.cidr)?;
    let certificate = a.cert.as_deref().map(load_certificate).transpose()?;
    let key = a
        .key
        .as_deref()
        .map(|p| load_public_key(p, &a.pass))
        .transpose()?;
    let signed_bytes = a.signed.read()?;
    let signed = signed_bytes.as_ref().map(|(m, s)| Signed {
        message: m,
        signature: s,
    });

    let client = Arc::new(Client::new(HttpConfig {
        allow_http: a.allow_http,
        timeout: Duration::from_secs(a.timeout.max(1)),
        retries: a.retries,
        ..HttpConfig::default()
    }));
    let rdap = rdap_evidence(&a, prefix, &client)?;
    let roa = roa_evidence(&a, prefix, &client)?;

    let report = check::run(&Inputs {
        cidr: &a.cidr,
        prefix,
        service: a.target.service,
        advertise: !a.target.no_advertise,
        govcloud: a.govcloud,
        account: a.account,
        certificate: certificate.as_ref(),
        key: key.as_ref(),
        signed,
        rdap,
        roa,
        now: chrono::Utc::now(),
    });
    if a.json {
        out(&json(&report)?)?;
    } else {
        out(&render(&report, &a, &Style::detect()))?;
    }
    Ok(if report.ok {
        Outcome::Ok
    } else {
        Outcome::Failed
    })
}

/// The prefix `--cidr` denotes. Host bits are a finding of the report, not an error, so
/// they are cleared here and judged there.
fn target_prefix(text: &str) -> Result<Prefix, CliError> {
    match Prefix::parse_lenient(text) {
        Ok(p) => Ok(p.prefix),
        Err(e) => text
            .trim()
            .parse::<ipnet::IpNet>()
            .ok()
            .and_then(|n| Prefix::parse_lenient(&n.trunc().to_string()).ok())
            .map(|p| p.prefix)
            .ok_or_else(|| e.into()),
    }
}

fn load_public_key(
    path: &std::path::Path,
    pass: &PassphraseArgs,
) -> Result<VerifyingKey, CliError> {
    let data = read_input(path, byoip::key::MAX_KEY_BYTES, "key file")?;
    let shown = path.display().to_string();
    public_key_from_any(&data, &mut || pass.get(&shown)).map_err(|e| {
        let mut c = CliError::from(e);
        c.what = format!("{shown}: {}", c.what);
        c
    })
}

fn rdap_evidence(
    a: &CheckArgs,
    prefix: Prefix,
    client: &Arc<Client>,
) -> Result<RdapEvidence, CliError> {
    if !a.rdap_file.is_empty() {
        let records = a.rdap_file.iter().map(|p| {
            let data = read_input(p, rdap::MAX_RDAP_BYTES as usize, "RDAP file")?;
            let shown = p.display().to_string();
            let network = IpNetwork::from_json(&data, &shown)?;
            Ok::<_, CliError>(Arc::new(Record {
                network,
                source: shown,
                fetched: false,
            }))
        });
        let mut all = records.collect::<Result<Vec<_>, _>>()?.into_iter();
        if let Some(record) = all.next() {
            return Ok(RdapEvidence::Found {
                record,
                ancestors: all.collect(),
            });
        }
    }
    if a.offline {
        return Ok(RdapEvidence::NotAsked(
            "offline and no --rdap-file: RDAP not checked".into(),
        ));
    }
    let bootstrap = match a.bootstrap.as_deref() {
        None => BootstrapSource::Iana,
        Some(u) if u.starts_with("http://") || u.starts_with("https://") => {
            BootstrapSource::Url(u.to_string())
        }
        Some(f) => {
            let path = std::path::Path::new(f);
            let data = read_input(
                path,
                rdap::bootstrap::MAX_BOOTSTRAP_BYTES as usize,
                "bootstrap file",
            )?;
            BootstrapSource::Document(rdap::Bootstrap::parse(&data, f)?)
        }
    };
    let resolver = Resolver::new(
        client.clone(),
        ResolverConfig {
            bootstrap,
            rdap_base: a.rdap_url.clone(),
            cache_dir: (!a.no_cache).then(cache_dir).flatten(),
            ..ResolverConfig::default()
        },
    );
    let lookup = resolver.lookup(prefix.net());
    for n in resolver.take_notes() {
        note(&n);
    }
    Ok(match lookup? {
        Lookup::Found { record, ancestors } => RdapEvidence::Found { record, ancestors },
        Lookup::NotFound { url } => RdapEvidence::NotFound { url },
    })
}

/// Where the bootstrap is cached: `BYOIP_CACHE_DIR`, else the XDG cache directory.
fn cache_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    env("BYOIP_CACHE_DIR")
        .or_else(|| env("XDG_CACHE_HOME").map(|d| d.join("byoip")))
        .or_else(|| env("HOME").map(|h| h.join(".cache").join("byoip")))
}

fn roa_evidence(a: &CheckArgs, prefix: Prefix, client: &Client) -> Result<RoaEvidence, CliError> {
    let asns = roa::required_asns(a.target.service, a.govcloud);
    if !prefix.is_ipv4() && a.target.no_advertise {
        return Ok(RoaEvidence::Origins(Vec::new()));
    }
    if let Some(path) = &a.vrps {
        let data = read_input(path, vrps::MAX_VRP_BYTES as usize, "VRP file")?;
        let shown = path.display().to_string();
        let file = vrps::parse(&data, &shown)?;
        let source = format!("{shown} ({}, {} VRPs)", file.format, file.vrps.len());
        return Ok(RoaEvidence::Origins(
            asns.iter()
                .map(|&asn| roa::validate(&file.vrps, asn, prefix.net(), &source))
                .collect(),
        ));
    }
    if a.offline {
        if a.rpki_url.is_some() || a.ripestat.is_some() {
            note("--offline: the validator (--rpki-url/--ripestat) is not asked; give --vrps FILE");
        }
        return Ok(RoaEvidence::NotAsked(
            "offline and no --vrps: ROAs not checked".into(),
        ));
    }
    let validator = match (&a.rpki_url, &a.ripestat) {
        (Some(u), _) => Validator::Routinator(u.clone()),
        (None, Some(u)) => Validator::RipeStat(u.clone()),
        (None, None) => Validator::RipeStat(RIPESTAT_BASE.into()),
    };
    let origins = asns
        .iter()
        .map(|&asn| roa::api::query(client, &validator, asn, prefix.net()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(RoaEvidence::Origins(origins))
}

fn render(r: &Report, a: &CheckArgs, style: &Style) -> String {
    let advertise = if a.target.no_advertise {
        "not advertised"
    } else {
        "advertised"
    };
    let mut s = format!(
        "byoip check {} ({}, {advertise}{})\n",
        r.cidr,
        a.target.service,
        if a.govcloud { ", GovCloud" } else { "" }
    );
    let width = r.checks.iter().map(|c| c.id.len()).max().unwrap_or(0);
    for c in &r.checks {
        let status = match c.status {
            Status::Pass => style.good("pass"),
            Status::Warn => style.caution("warn"),
            Status::Fail => style.bad("FAIL"),
            Status::Skip => "skip".to_string(),
        };
        s += &format!("{status}  {:width$}  {}\n", c.id, c.message);
        let pad = " ".repeat(width + 8);
        if let Some(h) = &c.hint {
            s += &format!("{pad}hint: {h}\n");
        }
        if c.status != Status::Pass {
            for d in &c.details {
                s += &format!("{pad}- {d}\n");
            }
        }
    }
    let count = |st: Status| r.checks.iter().filter(|c| c.status == st).count();
    s += &format!(
        "{}: {} failed, {} warnings, {} passed, {} skipped\n",
        if r.ok {
            style.good("OK")
        } else {
            style.bad("NOT READY")
        },
        count(Status::Fail),
        count(Status::Warn),
        count(Status::Pass),
        count(Status::Skip)
    );
    s
}
