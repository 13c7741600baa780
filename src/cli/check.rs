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
    #[arg(long, value_name = "ID", value_parser = super::message::parse_account)]
    account: Option<AccountId>,
    #[command(flatten)]
    signed: super::SignedArgs,
    #[command(flatten)]
    target: super::TargetArgs,
    /// Provisioning in AWS GovCloud (US): the ROA must authorize AS8987.
    #[arg(long)]
    govcloud: bool,
    /// A saved RDAP answer for the prefix; repeat to add its parents, nearest first.
    #[arg(long, value_name = "FILE")]
    rdap_file: Vec<PathBuf>,
    #[command(flatten)]
    net: NetArgs,
    #[command(flatten)]
    pass: PassphraseArgs,
    /// Print the report as JSON ({"ok", "checks": [{"id", "status", "message", …}]}).
    #[arg(long)]
    json: bool,
}

/// Where evidence comes from and how the network is used; shared by `check` and
/// `batch check`.
#[derive(clap::Args, Clone)]
pub struct NetArgs {
    /// Never touch the network: RDAP from --rdap-file, ROAs from --vrps.
    #[arg(long)]
    pub offline: bool,
    /// RDAP bootstrap: a file, a URL of ipv4.json/ipv6.json, or a base URL holding both.
    #[arg(long, value_name = "FILE|URL", env = "BYOIP_BOOTSTRAP")]
    pub bootstrap: Option<String>,
    /// Ask this RDAP server directly (skips the bootstrap), e.g. https://rdap.arin.net/registry/
    #[arg(long, value_name = "BASE", env = "BYOIP_RDAP_URL")]
    pub rdap_url: Option<String>,
    /// ROAs from a VRP export (Routinator or rpki-client: CSV, JSON, SLURM, OpenBGPD); wins over --rpki-url and --ripestat.
    #[arg(long, value_name = "FILE")]
    pub vrps: Option<PathBuf>,
    /// ROAs from a Routinator HTTP server (its /api/v1/validity API); wins over --ripestat.
    #[arg(long, value_name = "URL", env = "BYOIP_RPKI_URL")]
    pub rpki_url: Option<String>,
    /// ROAs from RIPEstat's rpki-validation call (the default online), or a compatible URL.
    #[arg(long, value_name = "URL", num_args = 0..=1, require_equals = true, default_missing_value = RIPESTAT_BASE)]
    pub ripestat: Option<String>,
    /// Allow plain http:// to non-loopback servers.
    #[arg(long)]
    pub allow_http: bool,
    /// Seconds to wait for a server to connect, answer, or finish sending.
    #[arg(long, value_name = "SECS", default_value_t = 20, env = "BYOIP_TIMEOUT")]
    pub timeout: u64,
    /// Retries after a 429, a 5xx or a dropped connection.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub retries: u32,
    /// Do not read or write the bootstrap cache (BYOIP_CACHE_DIR, else ~/.cache/byoip).
    #[arg(long)]
    pub no_cache: bool,
}

pub fn run(a: CheckArgs) -> CliResult {
    let prefix = target_prefix(&a.cidr)?;
    let certificate = a.cert.as_deref().map(load_certificate).transpose()?;
    let key = a
        .key
        .as_deref()
        .map(|p| super::load_public_key(p, &a.pass))
        .transpose()?;
    let signed_bytes = a.signed.read()?;
    let signed = signed_bytes.as_ref().map(|(m, s)| Signed {
        message: m,
        signature: s,
    });

    let sources = Sources::new(&a.net, false)?;
    let rdap = sources.rdap(prefix, &a.rdap_file)?;
    let roa = sources.roa(prefix, a.target.service, a.govcloud, !a.target.no_advertise)?;
    sources.print_notes();

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
        let title = format!(
            "byoip check {} ({})",
            report.cidr,
            heading(a.target.service, !a.target.no_advertise, a.govcloud)
        );
        out(&render(&report, &title, &Style::detect()))?;
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

/// The evidence sources of one run: files read once, one HTTP client, one resolver.
pub struct Sources {
    client: Arc<Client>,
    resolver: Option<Resolver>,
    vrps: Option<(Vec<roa::Vrp>, String)>,
    /// `None` offline.
    validator: Option<Validator>,
}

impl Sources {
    /// Reads the files (bootstrap, VRPs) and sets up the network per `net`.
    /// `share_records`: answer prefixes from records already fetched (batch).
    pub fn new(net: &NetArgs, share_records: bool) -> Result<Self, CliError> {
        let client = Arc::new(Client::new(HttpConfig {
            allow_http: net.allow_http,
            timeout: Duration::from_secs(net.timeout.max(1)),
            retries: net.retries,
            ..HttpConfig::default()
        }));
        let vrps = match &net.vrps {
            Some(path) => {
                let data = read_input(path, vrps::MAX_VRP_BYTES as usize, "VRP file")?;
                let shown = path.display().to_string();
                let file = vrps::parse(&data, &shown)?;
                let source = format!("{shown} ({}, {} VRPs)", file.format, file.vrps.len());
                Some((file.vrps, source))
            }
            None => None,
        };
        if net.offline {
            if vrps.is_none() && (net.rpki_url.is_some() || net.ripestat.is_some()) {
                note(
                    "--offline: the validator (--rpki-url/--ripestat) is not asked; give --vrps FILE",
                );
            }
            return Ok(Sources {
                client,
                resolver: None,
                vrps,
                validator: None,
            });
        }
        let bootstrap = match net.bootstrap.as_deref() {
            None => BootstrapSource::Iana,
            Some(u) if u.starts_with("http://") || u.starts_with("https://") => {
                BootstrapSource::Url(u.to_string())
            }
            Some(f) => {
                let data = read_input(
                    std::path::Path::new(f),
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
                rdap_base: net.rdap_url.clone(),
                cache_dir: (!net.no_cache).then(cache_dir).flatten(),
                share_records,
                ..ResolverConfig::default()
            },
        );
        let validator = match (&net.rpki_url, &net.ripestat) {
            (Some(u), _) => Validator::Routinator(u.clone()),
            (None, Some(u)) => Validator::RipeStat(u.clone()),
            (None, None) => Validator::RipeStat(RIPESTAT_BASE.into()),
        };
        Ok(Sources {
            client,
            resolver: Some(resolver),
            vrps,
            validator: Some(validator),
        })
    }

    /// The HTTP client (its request count is reported by batch runs).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Prints what the resolver noted (a stale cache used), once.
    pub fn print_notes(&self) {
        for n in self.resolver.iter().flat_map(Resolver::take_notes) {
            note(&n);
        }
    }

    /// RDAP evidence: `rdap_files` when given (the record, then its parents), else the
    /// network unless offline.
    pub fn rdap(&self, prefix: Prefix, rdap_files: &[PathBuf]) -> Result<RdapEvidence, CliError> {
        let mut files = rdap_files.iter().map(|p| {
            let data = read_input(p, rdap::MAX_RDAP_BYTES as usize, "RDAP file")?;
            let shown = p.display().to_string();
            let network = IpNetwork::from_json(&data, &shown)?;
            Ok::<_, CliError>(Arc::new(Record {
                network,
                source: shown,
                fetched: false,
            }))
        });
        if let Some(record) = files.next().transpose()? {
            let ancestors = files.collect::<Result<Vec<_>, _>>()?;
            return Ok(RdapEvidence::Found { record, ancestors });
        }
        let Some(resolver) = &self.resolver else {
            return Ok(RdapEvidence::NotAsked(
                "offline and no --rdap-file: RDAP not checked".into(),
            ));
        };
        Ok(match resolver.lookup(prefix.net())? {
            Lookup::Found { record, ancestors } => RdapEvidence::Found { record, ancestors },
            Lookup::NotFound { url } => RdapEvidence::NotFound { url },
        })
    }

    /// ROA evidence for the ASNs `service` needs.
    pub fn roa(
        &self,
        prefix: Prefix,
        service: byoip::Service,
        govcloud: bool,
        advertise: bool,
    ) -> Result<RoaEvidence, CliError> {
        if !prefix.is_ipv4() && !advertise {
            return Ok(RoaEvidence::Origins(Vec::new()));
        }
        let asns = roa::required_asns(service, govcloud);
        if let Some((vrps, source)) = &self.vrps {
            return Ok(RoaEvidence::Origins(
                asns.iter()
                    .map(|&asn| roa::validate(vrps, asn, prefix.net(), source))
                    .collect(),
            ));
        }
        // Offline, there is no validator.
        let Some(validator) = &self.validator else {
            return Ok(RoaEvidence::NotAsked(
                "offline and no --vrps: ROAs not checked".into(),
            ));
        };
        let origins = asns
            .iter()
            .map(|&asn| roa::api::query(&self.client, validator, asn, prefix.net()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(RoaEvidence::Origins(origins))
    }
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

/// `ec2, advertised` — what a report is about.
pub fn heading(service: byoip::Service, advertise: bool, govcloud: bool) -> String {
    format!(
        "{service}, {}{}",
        if advertise {
            "advertised"
        } else {
            "not advertised"
        },
        if govcloud { ", GovCloud" } else { "" }
    )
}

/// The report as a table under `title`: one line per check, hints and details under
/// warn/fail, and the verdict.
pub fn render(r: &Report, title: &str, style: &Style) -> String {
    let mut s = format!("{title}\n");
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
