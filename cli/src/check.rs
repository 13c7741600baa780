//! `byoip check`: every prerequisite, before anyone calls AWS.
//!
//! Gathers the evidence — the user's key and certificate, the RDAP record (network or
//! `--rdap-file`), ROAs (a VRP file, Routinator or RIPEstat) — and prints the report of
//! [`byoip::check`]. Evidence that cannot be had (offline without a saved file, a network
//! failure) does not stop the run: its checks are reported `not-run` and the verdict is
//! INCOMPLETE. Exit 0 exactly when the report is ready (READY: none failed, every check ran,
//! none was left out for want of evidence), 1 otherwise (NOT READY, INCOMPLETE), 2 when
//! input could not be read or a network failure left checks not run.

use super::heading;
use std::{
    io::{IsTerminal, Write as _},
    path::{Path, PathBuf},
    sync::Arc,
    time::Duration,
};

use byoip::{
    AccountId, Prefix, Service,
    check::{
        self, CheckId, DnsToken, Inputs, RdapEvidence, Report, Signed, Status,
        online::{self, Missing},
    },
    http::{Client, HttpConfig},
    rdap::{self, Record, Resolver, ResolverConfig, client::BootstrapSource},
    roa::{
        api::{RIPESTAT_BASE, Validator},
        vrps,
    },
    service::VerificationMethod,
};

use super::{
    CidrArg, CliError, CliResult, Outcome, PassphraseArgs, Style, json, load_certificate, note,
    out, read_input,
};

pub(super) mod asn;
pub(super) mod cloud;

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
// Only IPAM takes dns-token verification: asking for it names the service, unless
// --service names another (then refused by name).
#[command(mut_arg("service", |a| a.default_value_if("verification", "dns-token", "ipam")))]
// What is checked: a prefix, an ASN (BYOASN), or an ASN with a prefix it advertises.
#[command(group(clap::ArgGroup::new("subject").args(["cidr", "asn"]).required(true).multiple(true)))]
pub struct CheckArgs {
    /// The prefix to provision, exactly as you will pass it to AWS (with --asn: a prefix to advertise from the ASN, whose ROAs are checked).
    #[arg(long, value_name = "CIDR", value_parser = CidrArg::parse)]
    cidr: Option<CidrArg>,
    /// Check bringing this ASN to VPC IPAM (BYOASN) instead: its RDAP autnum record, certificate and message.
    #[arg(long, value_name = "ASN")]
    asn: Option<String>,
    /// Your certificate: a file, - or the text itself (PEM, one line, DER, whois text or a saved RDAP answer). Without it and --key, only eligibility is checked (registry, allocation type, prefix, ROAs).
    #[arg(long, value_name = "FILE|TEXT", allow_hyphen_values = true)]
    cert: Option<PathBuf>,
    /// Your key (private or public; only the public half is used).
    #[arg(long, value_name = "FILE")]
    key: Option<PathBuf>,
    /// The AWS account that will provision the prefix.
    #[arg(long, value_name = "ID", value_parser = super::lib_value::<byoip::AccountId>, help_heading = heading::AWS)]
    account: Option<AccountId>,
    #[command(flatten)]
    signed: super::SignedArgs,
    #[command(flatten)]
    target: super::TargetArgs,
    /// Provisioning in AWS GovCloud (US): the ROA must authorize AS8987.
    #[arg(long, help_heading = heading::AWS)]
    govcloud: bool,
    /// EC2 in a Local Zone: the network border group (us-west-2-lax-1) provision-byoip-cidr and advertise-byoip-cidr will take (IPv4 only); named in the closing hint.
    #[arg(long, value_name = "NAME", value_parser = super::lib_value::<byoip::service::NetworkBorderGroup>, help_heading = heading::AWS)]
    network_border_group: Option<byoip::service::NetworkBorderGroup>,
    /// How AWS verifies control: remarks-x509 (the certificate in the registry record) or dns-token (IPAM only: reverse-DNS TXT records; needs the token).
    #[arg(long, value_name = "METHOD", default_value = "remarks-x509", help_heading = heading::AWS)]
    verification: VerificationMethod,
    #[command(flatten)]
    token: super::dns_token::TokenArgs,
    /// A saved RDAP answer for the prefix; repeat to add its parents, nearest first.
    #[arg(long, value_name = "FILE", help_heading = heading::EVIDENCE)]
    rdap_file: Vec<PathBuf>,
    /// A saved IRR answer for the prefix (plain RPSL text, as `byoip irr fetch` saves it): its route objects and their more-specifics.
    #[arg(long, value_name = "FILE", help_heading = heading::EVIDENCE)]
    irr_file: Option<PathBuf>,
    #[command(flatten)]
    net: NetArgs,
    #[command(flatten)]
    pass: PassphraseArgs,
    /// Print the report as JSON ({"ok", "ready", "checks": [{"id", "status", "left_out", "message", …}]}).
    #[arg(long, help_heading = heading::OUTPUT)]
    json: bool,
    /// List the checks skipped by rule too (those that do not apply here), which the report otherwise only counts.
    #[arg(long, short = 'v')]
    pub(super) verbose: bool,
    /// The cloud to check for: aws (the default), azure (Custom IP Prefix) or oci (Oracle BYOIP); `byoip clouds` lists what each wants.
    #[arg(long, value_name = "CLOUD", default_value = "aws")]
    cloud: byoip::Cloud,
    /// Azure: the subscription the prefix is created in, compared with the message's.
    #[arg(long, value_name = "ID", value_parser = super::lib_value::<byoip::subscription::SubscriptionId>, help_heading = heading::AZURE)]
    subscription: Option<byoip::subscription::SubscriptionId>,
    /// Oracle: the validation token (the console's OCITOKEN::CIDR:TOKEN line, or the API's bare token).
    #[arg(long, value_name = "TOKEN", help_heading = heading::ORACLE)]
    validation_token: Option<String>,
    /// Oracle: the region the prefix is imported to (eu-jovanovac-1, Serbia Central, needs AS14544 in the ROA instead of AS31898).
    #[arg(long, value_name = "REGION", value_parser = super::lib_value::<byoip::cloud::Region>, help_heading = heading::ORACLE)]
    region: Option<byoip::cloud::Region>,
    /// A saved RIPE Database REST answer for the range (its remarks:, which RIPE's RDAP does not show; Azure reads them).
    #[arg(long, value_name = "FILE", help_heading = heading::EVIDENCE)]
    ripe_db_file: Option<PathBuf>,
    /// The ASN announcing the prefix today, or none (not announced): roa.current-origin looks for its ROA. Default online: RIPEstat's prefix-overview.
    #[arg(long, value_name = "ASN|none", value_parser = OriginArg::parse)]
    origin: Option<OriginArg>,
}

/// `--origin ASN|none` (and the manifest's `origin`): who announces the prefix today.
#[derive(Clone, Copy, Debug)]
pub enum OriginArg {
    /// Announced today by this ASN.
    Asn(byoip::Asn),
    /// Not announced today.
    None,
}

impl OriginArg {
    /// `none`, or an ASN (`64496` or `AS64496`).
    pub fn parse(s: &str) -> Result<OriginArg, String> {
        if s.trim().eq_ignore_ascii_case("none") {
            return Ok(OriginArg::None);
        }
        byoip::Asn::parse_lenient(s)
            .map(|p| OriginArg::Asn(p.asn))
            .map_err(|e| format!("{}; hint: give the ASN announcing the prefix today (64496 or AS64496), or none", e.chain()))
    }

    /// The library's current origin for `origin` when given, else not known (asked online).
    pub fn current(origin: Option<OriginArg>) -> check::CurrentOrigin {
        match origin {
            Some(OriginArg::Asn(a)) => check::CurrentOrigin::given(Some(a), "--origin"),
            Some(OriginArg::None) => check::CurrentOrigin::given(None, "--origin"),
            None => check::CurrentOrigin::Unknown(
                "the ASN announcing the prefix today was not given".into(),
            ),
        }
    }
}

/// Where evidence comes from and how the network is used; shared by `check` and
/// `batch check`.
#[derive(clap::Args, Clone)]
#[command(next_help_heading = heading::NETWORK)]
pub struct NetArgs {
    /// Never touch the network: RDAP from --rdap-file, ROAs from --vrps (checks without them are "not run").
    #[arg(long)]
    pub offline: bool,
    /// Run only the local checks (prefix, message, signature, key, certificate): the registry and ROA checks are skipped, never touching the network.
    #[arg(long, conflicts_with_all = ["offline", "vrps"])]
    pub local_only: bool,
    /// ROAs from a VRP export (Routinator or rpki-client: CSV, JSON, SLURM, OpenBGPD); wins over --rpki-url and --ripestat.
    #[arg(long, value_name = "FILE", help_heading = heading::EVIDENCE)]
    pub vrps: Option<PathBuf>,
    /// ROAs from a Routinator HTTP server (its /api/v1/validity API); wins over --ripestat.
    #[arg(
        long,
        value_name = "URL",
        env = "BYOIP_RPKI_URL",
        hide_env_values = true
    )]
    pub rpki_url: Option<String>,
    /// ROAs from RIPEstat's rpki-validation call (the default online), or a compatible URL; also asked who announces the prefix today (prefix-overview) [env: BYOIP_RIPESTAT_URL]
    #[arg(long, value_name = "URL", num_args = 0..=1, require_equals = true, default_missing_value = RIPESTAT_BASE)]
    pub ripestat: Option<String>,
    /// The RIPE Database REST API, read for RIPE NCC space (Azure's remarks:, Oracle's near misses).
    #[arg(
        long,
        value_name = "URL",
        env = "BYOIP_RIPE_DB_URL",
        hide_env_values = true,
        default_value = byoip::ripedb::RIPE_DB_BASE
    )]
    pub ripe_db_url: String,
    /// The whois server asked for IRR route objects (HOST[:PORT], port 43 by default; whois has no TLS, and IRR data is public).
    #[arg(
        long,
        value_name = "HOST[:PORT]",
        env = "BYOIP_IRR_SERVER",
        hide_env_values = true,
        default_value = byoip::whois::RADB,
        value_parser = super::lib_value::<byoip::whois::Server>
    )]
    pub irr_server: byoip::whois::Server,
    #[command(flatten)]
    pub dns: super::dns_token::ResolverArgs,
    #[command(flatten)]
    pub registry: RegistryArgs,
}

/// Clears the status line a client made with `show` ([`RegistryArgs::client`]) writes on the
/// terminal, once its fetching is done and before the command prints.
pub fn clear_fetching(client: &Client) {
    if client.requests_sent() > 0 && std::io::stderr().is_terminal() {
        errp!("\r\x1b[2K");
    }
}

impl NetArgs {
    /// RIPEstat's base URL: `--ripestat=URL`, else `BYOIP_RIPESTAT_URL`, else RIPEstat's own.
    /// The variable names the server only: unlike the flag it does not choose RIPEstat
    /// over a Routinator (`--rpki-url`), nor is it a validator an offline run would ignore.
    pub fn ripestat_base(&self) -> String {
        ripestat_base(self.ripestat.as_deref())
    }
}

/// RIPEstat's base URL: `flag` (`--ripestat=URL`), else `BYOIP_RIPESTAT_URL`, else
/// RIPEstat's own ([`NetArgs::ripestat_base`], and `roa fetch`'s).
pub fn ripestat_base(flag: Option<&str>) -> String {
    flag.map(str::to_string)
        .or_else(|| {
            std::env::var("BYOIP_RIPESTAT_URL")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| RIPESTAT_BASE.into())
}

/// How registries and validators are reached; shared by `check`, `batch check` and
/// `rdap fetch`.
#[derive(clap::Args, Clone)]
#[command(next_help_heading = heading::NETWORK)]
pub struct RegistryArgs {
    /// RDAP bootstrap: a file, a URL of ipv4.json/ipv6.json, or a base URL holding both.
    #[arg(
        long,
        value_name = "FILE|URL",
        env = "BYOIP_BOOTSTRAP",
        hide_env_values = true
    )]
    pub bootstrap: Option<String>,
    /// Ask this RDAP server directly (skips the bootstrap), e.g. https://rdap.arin.net/registry/
    #[arg(
        long,
        value_name = "BASE",
        env = "BYOIP_RDAP_URL",
        hide_env_values = true
    )]
    pub rdap_url: Option<String>,
    /// Allow plain http:// to non-loopback servers.
    #[arg(long)]
    pub allow_http: bool,
    /// Seconds to wait for a server to connect, answer, or finish sending [env: BYOIP_TIMEOUT] [default: 20]
    #[arg(long, value_name = "SECS", value_parser = at_least_one::<u64>)]
    pub timeout: Option<u64>,
    /// Retries after a 429, a 5xx or a dropped connection.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub retries: u32,
    /// Do not read or write the bootstrap cache (BYOIP_CACHE_DIR, else ~/.cache/byoip).
    #[arg(long)]
    pub no_cache: bool,
}

impl RegistryArgs {
    /// The whois policy: `--timeout` (else BYOIP_TIMEOUT, else 20 s) and the 4 MiB cap.
    pub fn whois(&self) -> Result<byoip::whois::WhoisConfig, CliError> {
        let mut config = byoip::whois::WhoisConfig::default();
        config.timeout = timeout(self)?;
        Ok(config)
    }

    /// The HTTP client. `online`: the timeout setting is read (a bad BYOIP_TIMEOUT never
    /// stops an offline run). `show`: a terminal shows what is being fetched.
    pub fn client(&self, online: bool, show: bool) -> Result<Client, CliError> {
        let mut config = HttpConfig::default();
        config.allow_http = self.allow_http;
        if online {
            config.timeout = timeout(self)?;
        }
        config.retries = self.retries;
        let mut client = Client::new(config);
        if show && std::io::stderr().is_terminal() {
            client = client.with_observer(|url| {
                let mut e = std::io::stderr().lock();
                let _ = write!(e, "\r\x1b[2Kfetching {url} …");
                let _ = e.flush();
            });
        }
        Ok(client)
    }

    /// The RDAP resolver over `client`, its bootstrap read or named. A URL the policy
    /// refuses is a mistake in the command, not a network failure: it is refused here,
    /// before anything is asked.
    pub fn resolver(&self, client: Arc<Client>, share_records: bool) -> Result<Resolver, CliError> {
        for url in [self.rdap_url.as_deref()]
            .into_iter()
            .flatten()
            .chain(self.bootstrap.as_deref().filter(|b| b.contains("://")))
        {
            client.permits(url)?;
        }
        let bootstrap = match self.bootstrap.as_deref() {
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
        let mut config = ResolverConfig::default();
        config.bootstrap = bootstrap;
        config.rdap_base = self.rdap_url.clone();
        config.cache_dir = (!self.no_cache).then(cache_dir).flatten();
        config.share_records = share_records;
        Ok(Resolver::new(client, config))
    }
}

/// clap parser for counts that must be at least one (`--timeout`, `--jobs`).
pub fn at_least_one<T: std::str::FromStr + PartialOrd + From<u8>>(s: &str) -> Result<T, String> {
    match s.parse::<T>() {
        Ok(n) if n >= T::from(1) => Ok(n),
        _ => Err("give a whole number, 1 or more".into()),
    }
}

/// Where `--timeout` is not given: `BYOIP_TIMEOUT`, read only when the network is used
/// (so a bad value never stops an offline run), else 20 seconds.
fn timeout(net: &RegistryArgs) -> Result<Duration, CliError> {
    timeout_of(net.timeout)
}

/// [`timeout`] for a command with its own `--timeout` (`irr fetch`).
pub fn timeout_of(flag: Option<u64>) -> Result<Duration, CliError> {
    const VAR: &str = "BYOIP_TIMEOUT";
    let secs = match (flag, std::env::var(VAR)) {
        (Some(s), _) => s,
        (None, Ok(v)) if !v.is_empty() => at_least_one::<u64>(v.trim()).map_err(|_| {
            CliError::input(
                format!("{VAR}={v:?} is not a number of seconds"),
                format!("set {VAR} to a whole number of seconds, 1 or more, or unset it"),
            )
        })?,
        _ => 20,
    };
    Ok(Duration::from_secs(secs))
}

pub fn run(a: CheckArgs) -> CliResult {
    if a.network_border_group.is_some() && (a.cloud != byoip::Cloud::Aws || a.asn.is_some()) {
        return Err(CliError::input(
            "--network-border-group places an AWS EC2 prefix in a Local Zone: it takes no --asn and no other cloud",
            "drop --network-border-group, or check an EC2 prefix (--cidr) for --cloud aws",
        ));
    }
    if a.irr_file.is_some() && (a.cloud != byoip::Cloud::Aws || a.asn.is_some()) {
        return Err(CliError::input(
            "--irr-file is read by AWS's prefix check only (irr.route)",
            "drop --irr-file: Azure's and Oracle's pages and BYOASN state no IRR rule",
        ));
    }
    if a.cloud != byoip::Cloud::Aws {
        let cloud = a.cloud;
        return cloud::run(a, cloud);
    }
    if a.subscription.is_some() || a.validation_token.is_some() || a.region.is_some() {
        return Err(CliError::input(
            "--subscription, --validation-token and --region are Azure's and Oracle's",
            "add --cloud azure or --cloud oci",
        ));
    }
    if a.asn.is_some() {
        return asn::run(a);
    }
    let cidr = a.target_cidr()?;
    let prefix = cidr.prefix();
    // What no AWS page documents (Global Accelerator in GovCloud) is refused before
    // anything is read or fetched.
    let mut asked = Inputs::for_cidr(cidr.0.clone(), a.target.service, super::clock::now());
    asked.govcloud = a.govcloud;
    asked.validate()?;
    super::refuse_no_advertise(a.target)?;
    if let Some(group) = &a.network_border_group {
        group.allowed(a.target.service, prefix)?;
    }
    let dns_token = a.verification == VerificationMethod::DnsToken;
    // CloudFront's range is verified in its top-level IPAM pool, by either method.
    if dns_token && !matches!(a.target.service, Service::Ipam | Service::Cloudfront) {
        return Err(CliError::input(
            format!(
                "--verification dns-token is accepted by IPAM only, not by --service {}",
                a.target.service
            ),
            "add --service ipam (EC2 BYOIP and Global Accelerator need remarks-x509: the certificate in the registry record)",
        ));
    }
    // Without a key or certificate, before either exists: eligibility alone (the registry,
    // allocation type, prefix and ROAs), the checks that need them left out.
    let eligibility = !dns_token && a.cert.is_none() && a.key.is_none();
    if eligibility && a.signed.given() {
        return Err(message_without_key(""));
    }
    let token = if dns_token {
        Some(a.token.load()?)
    } else {
        None
    };
    let Own {
        certificate,
        key,
        signed: signed_bytes,
    } = own_evidence(&a)?;
    let signed = signed_bytes.as_ref().map(|(m, s)| Signed::new(m, s));
    let mut sources = a.sources(Some(prefix))?.show_fetching();
    if dns_token {
        sources = sources.with_dns(&a.net)?;
    }
    let mut inputs = Inputs::for_cidr(cidr.0.clone(), a.target.service, super::clock::now());
    inputs.advertise = !a.target.no_advertise;
    inputs.govcloud = a.govcloud;
    inputs.network_border_group = a.network_border_group.clone();
    inputs.rdap = sources
        .rdap(prefix, &a.rdap_file)
        .map_err(|e| a.rdap_file_missing(e, &format!("--cidr {prefix}")))?;
    // Who announces the prefix today (--origin, else RIPEstat online), whose ROA
    // roa.current-origin looks for beside Amazon's.
    inputs.origin = sources.current_origin(prefix, OriginArg::current(a.origin));
    // The report says which origins it judges (Amazon's, by service and partition).
    inputs.roa = sources.origins(prefix, &inputs.roa_origins());
    inputs.irr = sources.irr(prefix, a.irr_file.as_deref()).map_err(|e| {
        e.or_saved_by(
            &[a.irr_file.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
            |f| {
                format!(
                    "save the route objects with `byoip irr fetch --cidr {prefix} --out {}`",
                    f.display()
                )
            },
        )
    })?;
    let token_evidence = match token {
        Some(token) => Some(DnsToken {
            dns: sources.dns_token(prefix, &token)?,
            token,
        }),
        None => None,
    };
    sources.done_fetching();
    sources.print_notes();

    inputs.account = a.account;
    inputs.certificate = certificate.as_ref();
    inputs.key = key.as_ref();
    inputs.signed = signed;
    inputs.dns_token = token_evidence.clone();
    inputs.eligibility_only = eligibility;
    let report = a
        .signed
        .file_hints(super::advice::report(check::run(&inputs)));
    if a.json {
        out(&json(&report)?)?;
    } else {
        let title = format!(
            "byoip check {} ({}{})",
            report.cidr,
            heading(a.target.service, !a.target.no_advertise, a.govcloud),
            if dns_token { ", dns-token" } else { "" }
        );
        out(&render(&report, &title, &Style::detect(), a.verbose))?;
    }
    // The advice names the canonical network (host bits cleared): `rdap fetch` and `irr
    // fetch` refuse a prefix with host bits set, which prefix.canonical already fails.
    let saving = a.saving(format!("--cidr {}", cidr.prefix()), Some(cidr.prefix()));
    if let Some(e) = sources.failure() {
        return Err(network_failure(&e, &sources.missing(), &saving));
    }
    offline_note(&sources.missing(), &saving);
    if let Some(e) = super::dns_token::dns_failure(token_evidence.as_ref()) {
        return Err(e);
    }
    if let Some(group) = &a.network_border_group {
        super::note(&border_group_hint(&report.cidr, group, report.ready()));
    }
    Ok(if report.ready() {
        Outcome::Ok
    } else {
        Outcome::Failed
    })
}

/// The closing hint of a check for a Local Zone: both calls take the group (EC2 API
/// Reference, `ByoipCidr`: "when you provision and advertise a BYOIPv4 CIDR").
fn border_group_hint(
    cidr: &str,
    group: &byoip::service::NetworkBorderGroup,
    ready: bool,
) -> String {
    format!(
        "{} in the Local Zone: aws ec2 provision-byoip-cidr --cidr {cidr} --cidr-authorization-context Message=\"…\",Signature=\"…\" --network-border-group {group}, then aws ec2 advertise-byoip-cidr --cidr {cidr} --network-border-group {group} (`byoip sign --network-border-group {group}` prints both)",
        if ready {
            "next, provision it"
        } else {
            "once ready, provision it"
        }
    )
}

/// Prints `report` (JSON under `--json`, or the table under `title`), then ends as `check` does: exit 2
/// with the network failure that left checks not run, else 0 exactly when the report is
/// ready, 1 otherwise.
fn print_and_conclude(
    report: &Report,
    a: &CheckArgs,
    title: &str,
    sources: &Sources,
    saving: &Saving,
) -> CliResult {
    if a.json {
        out(&json(report)?)?;
    } else {
        out(&render(report, title, &Style::detect(), a.verbose))?;
    }
    if let Some(e) = sources.failure() {
        return Err(network_failure(&e, &sources.missing(), saving));
    }
    offline_note(&sources.missing(), saving);
    Ok(if report.ready() {
        Outcome::Ok
    } else {
        Outcome::Failed
    })
}

/// Where a run takes saved evidence from, so that its advice names what that command
/// reads: `check`'s flags for the prefix or ASN given (`--cidr 192.0.2.0/24`), or the
/// manifest's keys for `batch check`, which has no `--rdap-file`.
pub enum Saving {
    /// `check`.
    Check {
        /// The target as its flag names it (`--cidr 192.0.2.0/24`, `--asn 64500`), what
        /// `rdap fetch`, `irr fetch` and `ripedb fetch` take.
        target: String,
        /// What `roa fetch` takes to save the ROAs this check asks about (`--cidr
        /// 192.0.2.0/24 --cloud azure`); `None` without a prefix.
        roas: Option<String>,
    },
    /// `batch check`: each entry's `rdap_file` and `ripe_db_file` in the manifest.
    Manifest,
}

/// The closing error line when the network left checks not run (exit 2): plain about an
/// unreachable network, naming only the checks whose evidence is missing (`missing`), and
/// how to check without the network.
pub fn network_failure(e: &byoip::Error, missing: &[Missing], saving: &Saving) -> CliError {
    let checks = missing_checks(missing);
    let offline = offline_advice(missing, saving)
        .map(|a| format!("check offline: {a}"))
        .unwrap_or_default();
    let unreachable = matches!(
        e,
        byoip::Error::Network {
            unreachable: true,
            ..
        }
    );
    let (what, first) = if unreachable {
        (
            format!("the network is unreachable, so {checks} did not run"),
            "check your connection and proxy settings (HTTPS_PROXY)".to_string(),
        )
    } else {
        (
            format!("{checks} did not run"),
            super::advice::text(&e.hint()),
        )
    };
    let hint = match (unreachable, offline.is_empty()) {
        (_, true) => first,
        (true, false) => format!("{first}, or {offline}"),
        (false, false) => format!("{first}; or {offline}"),
    };
    CliError::input(format!("{what}: {}", e.chain()), hint)
}

/// After a run offline that went without evidence a file would supply: which files, and
/// how to make them (the network failure's advice, for a run that never asked it).
pub fn offline_note(missing: &[Missing], saving: &Saving) {
    if let Some(advice) = offline_advice(missing, saving) {
        note(&format!(
            "{} did not run offline: {advice}",
            missing_checks(missing)
        ));
    }
}

/// "the registry and ROA checks": the checks `missing` evidence leaves not run.
fn missing_checks(missing: &[Missing]) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for m in missing {
        let kind = match m {
            Missing::RdapRecord | Missing::AutnumRecord => "registry",
            Missing::Roas => "ROA",
            Missing::RipeDbObject => "RIPE Database",
            Missing::DnsAnswers => "DNS",
            Missing::IrrObjects => "IRR",
            _ => "other",
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    let list = match kinds.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "some".to_string(),
    };
    format!("the {list} checks")
}

/// How to supply the `missing` evidence from files (`--offline` with the files, and where
/// they come from), in the words of the command `saving` names; `None` when files cannot
/// supply any of it (the DNS answers).
fn offline_advice(missing: &[Missing], saving: &Saving) -> Option<String> {
    let mut save = Vec::new();
    let mut flags = vec!["--offline".to_string()];
    // What the manifest names for `batch check`.
    let mut keys = Vec::new();
    let mut notes = Vec::new();
    for m in missing {
        match (m, saving) {
            (Missing::RdapRecord | Missing::AutnumRecord, Saving::Check { target, .. }) => {
                save.push(format!(
                    "the record with `byoip rdap fetch {target} --out rdap.json`"
                ));
                flags.push("--rdap-file rdap.json".into());
            }
            (Missing::RdapRecord, Saving::Manifest) => {
                save.push(
                    "each prefix's record with `byoip rdap fetch --cidr CIDR --out FILE`".into(),
                );
                keys.push("rdap_file = \"FILE\" in its [[prefix]]");
            }
            (Missing::AutnumRecord, Saving::Manifest) => {
                save.push("each ASN's record with `byoip rdap fetch --asn N --out FILE`".into());
                keys.push("rdap_file = \"FILE\" in its [[asn]]");
            }
            // `roa fetch` saves one prefix's ROAs as a VRP file; a validator's export (any
            // prefix) serves as well, and is what a manifest of many prefixes needs.
            (
                Missing::Roas,
                Saving::Check {
                    roas: Some(roas), ..
                },
            ) => {
                save.push(format!(
                    "the ROAs with `byoip roa fetch {roas} --out vrps.csv`"
                ));
                flags.push("--vrps vrps.csv".into());
                notes.push("--vrps also reads a Routinator or rpki-client export");
            }
            (Missing::Roas, Saving::Check { roas: None, .. }) => {
                flags.push("--vrps VRPS".into());
                notes.push("VRPS: a Routinator or rpki-client export");
            }
            (Missing::Roas, Saving::Manifest) => {
                flags.push("--vrps VRPS".into());
                notes.push("VRPS: a Routinator or rpki-client export, or for one prefix what `byoip roa fetch --cidr CIDR --out vrps.csv` saves");
            }
            (Missing::RipeDbObject, Saving::Check { target, .. }) => {
                save.push(format!(
                    "the RIPE Database object with `byoip ripedb fetch {target} --out ripe.json`"
                ));
                flags.push("--ripe-db-file ripe.json".into());
            }
            (Missing::RipeDbObject, Saving::Manifest) => {
                save.push(
                    "each prefix's RIPE Database object with `byoip ripedb fetch --cidr CIDR --out FILE`"
                        .into(),
                );
                keys.push("ripe_db_file = \"FILE\" in its [[prefix]]");
            }
            (Missing::IrrObjects, Saving::Check { target, .. }) => {
                save.push(format!(
                    "the route objects with `byoip irr fetch {target} --out irr.txt`"
                ));
                flags.push("--irr-file irr.txt".into());
            }
            (Missing::IrrObjects, Saving::Manifest) => {
                save.push(
                    "each prefix's route objects with `byoip irr fetch --cidr CIDR --out FILE`"
                        .into(),
                );
                keys.push("irr_file = \"FILE\" in its [[prefix]]");
            }
            _ => {}
        }
    }
    if flags.len() == 1 && keys.is_empty() {
        return None;
    }
    flags.dedup();
    keys.dedup();
    save.dedup();
    let mut run = format!("run with `{}`", flags.join(" "));
    if !keys.is_empty() {
        run += &format!(" and, in the manifest, {}", keys.join(" and "));
    }
    let mut advice = if save.is_empty() {
        run
    } else {
        format!(
            "save {} where the network works, then {run}",
            crate::text::and_list(&save)
        )
    };
    if !notes.is_empty() {
        advice += &format!(" ({})", notes.join("; "));
    }
    Some(advice)
}

/// What the user brings to `check`, read once: their certificate, the public half of their
/// key, and a message with its signature.
struct Own {
    certificate: Option<byoip::certificate::Certificate>,
    key: Option<byoip::key::VerifyingKey>,
    signed: Option<(Vec<u8>, byoip::signature::SignatureText)>,
}

/// Reads [`Own`] for `check` (a prefix or an ASN), and refuses `--local-only` beside a
/// saved record it would not read.
fn own_evidence(a: &CheckArgs) -> Result<Own, CliError> {
    let certificate = a
        .cert
        .as_deref()
        .map(|p| load_certificate(p, Some("--key")))
        .transpose()?;
    let key = a
        .key
        .as_deref()
        .map(|p| public_half(p, certificate.is_some(), &a.pass))
        .transpose()?
        .flatten();
    let signed = a.signed.read()?;
    // Azure's message under AWS's check (the default) would fail every message check for
    // the wrong reason ("no CIDR field"): name the form instead. (AWS's message under
    // `--cloud azure` is reported as Azure would: message.format, AuthMessageFormatInvalid.)
    if let Some((message, _)) = &signed {
        let shape = byoip::message::cloud_of(message);
        if a.cloud == byoip::Cloud::Aws && shape != a.cloud {
            return Err(CliError::input(
                format!(
                    "the message is in {}'s form, and this is a check for AWS",
                    shape.vendor()
                ),
                format!("add --cloud {shape} to check it for {}", shape.vendor()),
            ));
        }
    }
    if a.net.local_only && a.irr_file.is_some() {
        return Err(CliError::input(
            "--local-only skips the IRR check, so --irr-file would not be read",
            "drop --local-only to judge the saved answer (with --offline), or drop --irr-file",
        ));
    }
    if a.net.local_only && !a.rdap_file.is_empty() {
        return Err(CliError::input(
            "--local-only skips the registry checks, so --rdap-file would not be read",
            "drop --local-only to judge the saved record (with --offline), or drop --rdap-file",
        ));
    }
    Ok(Own {
        certificate,
        key,
        signed,
    })
}

/// The public half of the key at `path`, for checks that never sign. With a certificate
/// beside it (`have_cert`), an encrypted private key is opened only when a passphrase is
/// at hand without asking (`--passphrase-file`, `BYOIP_PASSPHRASE`); otherwise the
/// certificate's key serves, with a note. Without one, the passphrase is asked for as
/// `sign` asks, and its absence is the error.
pub fn public_half(
    path: &std::path::Path,
    have_cert: bool,
    pass: &PassphraseArgs,
) -> Result<Option<byoip::key::VerifyingKey>, CliError> {
    let at_hand =
        pass.passphrase_file.is_some() || std::env::var_os(super::PASSPHRASE_ENV).is_some();
    if !have_cert || at_hand {
        return super::load_public_key(path, pass).map(Some);
    }
    let data = read_input(path, byoip::key::MAX_KEY_BYTES, "key file")?;
    match byoip::key::public_key_from_any(&data, byoip::key::Passphrase::None) {
        Ok(k) => Ok(Some(k)),
        Err(byoip::Error::PassphraseRequired) => {
            note(&format!(
                "{} is encrypted and no passphrase was given (BYOIP_PASSPHRASE or --passphrase-file): the certificate's key is used, and the key itself is not compared with it",
                path.display()
            ));
            Ok(None)
        }
        Err(e) => Err(super::prompt::key_error(
            &path.display().to_string(),
            e,
            pass,
        )),
    }
}

/// A signed message given without a key or certificate to check it against (`where_`
/// says where the certificate is published, after "you publish").
fn message_without_key(where_: &str) -> CliError {
    CliError::input(
        "a signed message is checked against your key: give --cert or --key with it",
        format!(
            "give --cert FILE (the certificate you publish{where_}), or drop the message to check eligibility alone"
        ),
    )
}

impl CheckArgs {
    /// `--cidr`, which clap requires unless `--asn` is given. Its host bits are a finding
    /// of the report (`prefix.canonical`, which sees the text as given), not an error.
    /// Where this check's advice saves evidence: `target` for `rdap fetch`, `irr fetch`
    /// and `ripedb fetch`; `prefix`'s ROAs with `roa fetch` and the flags of this check
    /// that name other origins than the default's (cloud, service, partition, region,
    /// today's origin).
    fn saving(&self, target: String, prefix: Option<Prefix>) -> Saving {
        let roas = prefix.map(|p| {
            let mut flags = format!("--cidr {p}");
            if self.cloud != byoip::Cloud::Aws {
                flags += &format!(" --cloud {}", self.cloud);
            } else if self.target.service != Service::Ec2 {
                flags += &format!(" --service {}", self.target.service);
            }
            if self.govcloud {
                flags += " --govcloud";
            }
            if let Some(r) = &self.region {
                flags += &format!(" --region {}", r.as_str());
            }
            match self.origin {
                Some(OriginArg::Asn(a)) => flags += &format!(" --origin {a}"),
                Some(OriginArg::None) => flags += " --origin none",
                None => {}
            }
            flags
        });
        Saving::Check { target, roas }
    }

    /// The evidence sources of this check; a `--vrps` file that does not exist is met with
    /// the `roa fetch` that saves it for `prefix`.
    fn sources(&self, prefix: Option<Prefix>) -> Result<Sources, CliError> {
        Sources::new(&self.net, false).map_err(|e| {
            let (
                Saving::Check {
                    roas: Some(roas), ..
                },
                Some(vrps),
            ) = (self.saving(String::new(), prefix), &self.net.vrps)
            else {
                return e;
            };
            e.or_saved_by(&[vrps.as_path()], |f| {
                format!(
                    "save the ROAs with `byoip roa fetch {roas} --out {}`",
                    f.display()
                )
            })
        })
    }

    /// `e`, from reading the `--rdap-file`s: one that does not exist is met with the `rdap
    /// fetch` that saves it, for `target` (`--cidr 192.0.2.0/24`, `--asn 64496`).
    fn rdap_file_missing(&self, e: CliError, target: &str) -> CliError {
        let files: Vec<&Path> = self.rdap_file.iter().map(PathBuf::as_path).collect();
        e.or_saved_by(&files, |f| {
            format!(
                "save the record with `byoip rdap fetch {target} --out {}`",
                f.display()
            )
        })
    }

    fn target_cidr(&self) -> Result<&CidrArg, CliError> {
        self.cidr.as_ref().ok_or_else(|| {
            CliError::input(
                "--cidr is required",
                "give the prefix to provision, e.g. --cidr 198.51.100.0/24",
            )
        })
    }
}

/// The evidence sources of one run ([`online::Sources`]), from the command line: the VRP
/// file and saved records read here, and a status line on the terminal while fetching.
pub struct Sources {
    inner: online::Sources,
    /// A status line on the terminal says what is being fetched.
    fetching_shown: std::sync::atomic::AtomicBool,
}

impl std::ops::Deref for Sources {
    type Target = online::Sources;
    fn deref(&self) -> &online::Sources {
        &self.inner
    }
}

/// Largest VRP file read. Full exports of every trust anchor are about 100 MB today.
const MAX_VRP_BYTES: usize = 256 * 1024 * 1024;

impl Sources {
    /// Reads the files (bootstrap, VRPs) and sets up the network per `net`.
    /// `share_records`: answer prefixes from records already fetched (batch).
    pub fn new(net: &NetArgs, share_records: bool) -> Result<Self, CliError> {
        let offline = net.offline || net.local_only;
        // batch: its progress counter owns the terminal line.
        let client = Arc::new(net.registry.client(!offline, !share_records)?);
        let vrps = match &net.vrps {
            Some(path) => {
                let data = read_input(path, MAX_VRP_BYTES, "VRP file")?;
                let shown = path.display().to_string();
                let file = vrps::parse(&data, &shown)?;
                let source = format!(
                    "{shown} ({}, {})",
                    file.format,
                    crate::text::plural(file.vrps.len(), "VRP", "VRPs")
                );
                Some(online::SavedVrps::new(file, source))
            }
            None => None,
        };
        let ripestat = net.ripestat_base();
        let reach = if net.local_only {
            online::Reach::LocalOnly
        } else if net.offline {
            if vrps.is_none() && (net.rpki_url.is_some() || net.ripestat.is_some()) {
                note(
                    "--offline: the validator (--rpki-url/--ripestat) is not asked; give --vrps FILE",
                );
            }
            online::Reach::Offline
        } else {
            if vrps.is_none()
                && let Some(url) = net.rpki_url.as_deref()
            {
                client.permits(url)?;
            }
            // RIPEstat is asked who announces the prefix, whatever answers for the ROAs.
            client.permits(&ripestat)?;
            let resolver = Box::new(net.registry.resolver(client.clone(), share_records)?);
            let validator = match &net.rpki_url {
                Some(u) => Validator::Routinator(u.clone()),
                None => Validator::RipeStat(ripestat.clone()),
            };
            online::Reach::Online {
                resolver,
                validator,
            }
        };
        let whois = if offline {
            byoip::whois::WhoisConfig::default()
        } else {
            net.registry.whois()?
        };
        Ok(Sources {
            inner: online::Sources::new(client, reach, vrps)
                .with_ripe_db(net.ripe_db_url.clone())
                .with_irr(net.irr_server.clone(), whois)
                .with_ripestat(ripestat),
            fetching_shown: false.into(),
        })
    }

    /// Asks the resolver of `--resolver` (else the system's) for dns-token records, with
    /// `--timeout` per query; read only when the DNS will be asked (online), so an offline
    /// run never needs a resolver.
    pub fn with_dns(mut self, net: &NetArgs) -> Result<Self, CliError> {
        if !(net.offline || net.local_only) {
            let dns = net.dns.config(net.registry.timeout)?;
            self.inner = self.inner.with_dns(dns);
        }
        Ok(self)
    }

    /// Marks that the terminal shows what is being fetched (cleared by
    /// [`Sources::done_fetching`]).
    fn show_fetching(self) -> Self {
        self.fetching_shown.store(
            std::io::stderr().is_terminal(),
            std::sync::atomic::Ordering::Relaxed,
        );
        self
    }

    /// Clears the status line of [`Sources::show_fetching`].
    fn done_fetching(&self) {
        if self
            .fetching_shown
            .load(std::sync::atomic::Ordering::Relaxed)
        {
            clear_fetching(self.client());
        }
    }

    /// Prints what the resolver noted (a stale cache used), once.
    pub fn print_notes(&self) {
        for n in self.resolver().iter().flat_map(|r| r.take_notes()) {
            note(&n);
        }
    }

    /// RDAP evidence: `rdap_files` when given (the record, then its parents), else the
    /// network unless offline.
    pub fn rdap(&self, prefix: Prefix, rdap_files: &[PathBuf]) -> Result<RdapEvidence, CliError> {
        Ok(self.inner.rdap(prefix, self.records(rdap_files)?))
    }

    /// IRR evidence: `irr_file` when given (plain RPSL text; its modification time is its
    /// age unless `irr fetch` recorded the fetch), else the whois server unless offline.
    pub fn irr(
        &self,
        prefix: Prefix,
        irr_file: Option<&Path>,
    ) -> Result<check::IrrEvidence, CliError> {
        let saved = match irr_file.filter(|_| !self.local_only()) {
            Some(p) => {
                let data = read_input(p, byoip::irr::MAX_IRR_BYTES as usize, "IRR file")?;
                let ev = check::IrrEvidence::from_saved(&data, &p.display().to_string())?;
                Some(match modified(p) {
                    Some(at) => ev.saved_at(at),
                    None => ev,
                })
            }
            None => None,
        };
        Ok(self.inner.irr(prefix, saved))
    }

    /// The RDAP evidence `rdap_files` hold, for the library's one-call checks; `None` when
    /// there are none (or under --local-only), so the sources look for the record.
    pub fn saved_rdap(
        &self,
        prefix: Prefix,
        rdap_files: &[PathBuf],
    ) -> Result<Option<RdapEvidence>, CliError> {
        let records = self.records(rdap_files)?;
        Ok((!records.is_empty()).then(|| self.inner.rdap(prefix, records)))
    }

    /// The records `rdap_files` hold: each file holds a record, or (as `rdap fetch` saves a
    /// walk up) the record and its ancestors; together they are the record, then its
    /// ancestors, nearest first. Under --local-only they are not read.
    fn records(&self, rdap_files: &[PathBuf]) -> Result<Vec<Arc<Record>>, CliError> {
        let mut records: Vec<Arc<Record>> = Vec::new();
        for p in rdap_files.iter().filter(|_| !self.local_only()) {
            let data = read_input(p, rdap::MAX_RDAP_BYTES as usize, "RDAP file")?;
            let shown = p.display().to_string();
            let saved = modified(p);
            records.extend(
                rdap::saved::records(&data, &shown)?
                    .into_iter()
                    .map(|mut r| {
                        Arc::make_mut(&mut r).saved_at = saved;
                        r
                    }),
            );
        }
        Ok(records)
    }
}

/// When the saved answer at `path` was saved: its modification time (none for standard
/// input). The report shows the answer's age and warns when it is old.
pub(crate) fn modified(path: &Path) -> Option<chrono::DateTime<chrono::Utc>> {
    if path == Path::new("-") {
        return None;
    }
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(t.into())
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

/// The report as a table under `title`: the checks (those that say the same thing on one
/// row, so each reason is said once), hints and details under warn/fail, and the verdict.
/// Skips by rule (a check that does not apply here) are counted in one line, and listed
/// only when `verbose`.
pub fn render(r: &Report, title: &str, style: &Style, verbose: bool) -> String {
    render_only(r, title, style, verbose, |_| true)
}

/// Checks that say the same thing, the row they share.
struct Row<'a> {
    first: &'a check::Check,
    ids: Vec<&'a CheckId>,
}

/// True when `a` and `b` say the same thing that stands in the way or is skipped: one row
/// is enough for both. Each pass keeps its row, the list of what was proven.
fn same(a: &check::Check, b: &check::Check) -> bool {
    a.status != Status::Pass
        && a.status == b.status
        && a.is_left_out() == b.is_left_out()
        && a.message == b.message
        && a.hint == b.hint
        && a.details == b.details
}

/// A skip because the check does not apply here (not for want of evidence).
fn skipped_by_rule(c: &check::Check) -> bool {
    c.status == Status::Skip && !c.is_left_out()
}

/// [`render`] listing only the checks `shown` keeps; the verdict still counts them all.
pub fn render_only(
    r: &Report,
    title: &str,
    style: &Style,
    verbose: bool,
    shown: impl Fn(&check::Check) -> bool,
) -> String {
    let mut s = format!("{title}\n");
    let width = r
        .checks
        .iter()
        .map(|c| c.id.to_string().len())
        .max()
        .unwrap_or(0);
    // The status column is as wide as the widest status shown.
    let sw = if r.count(Status::NotRun) > 0 { 7 } else { 4 };
    let pad = " ".repeat(width + sw + 4);
    let hidden = r
        .checks
        .iter()
        .filter(|c| shown(c) && !verbose && skipped_by_rule(c))
        .count();
    // Checks that say the same thing share a row, at the first one's place.
    let mut rows: Vec<Row> = Vec::new();
    for c in r
        .checks
        .iter()
        .filter(|c| shown(c) && (verbose || !skipped_by_rule(c)))
    {
        match rows.iter_mut().find(|row| same(row.first, c)) {
            Some(row) => row.ids.push(&c.id),
            None => rows.push(Row {
                first: c,
                ids: vec![&c.id],
            }),
        }
    }
    let cells: Vec<String> = rows.iter().map(|row| id_list(r, &row.ids)).collect();
    for (row, cell) in rows.iter().zip(&cells) {
        let c = row.first;
        let name = match c.status {
            Status::Fail => "FAIL",
            st => st.as_str(),
        };
        let name = format!("{name:sw$}");
        let status = match c.status {
            Status::Pass => style.good(&name),
            Status::Warn | Status::NotRun => style.caution(&name),
            Status::Fail => style.bad(&name),
            _ => name,
        };
        // A reason another row says in full (the record that could not be fetched, inside
        // the key check that needed it) is named by that row's ids, not said again.
        let mut message = c.message.clone();
        for (other, other_cell) in rows.iter().zip(&cells) {
            let reason = &other.first.message;
            if other.first.status == Status::NotRun
                && reason.len() >= 40
                && reason != &c.message
                && message.contains(reason.as_str())
            {
                message = message.replacen(reason.as_str(), &format!("see {other_cell}"), 1);
            }
        }
        if cell.len() > width {
            s += &format!("{status}  {cell}\n{pad}{message}\n");
        } else {
            s += &format!("{status}  {cell:width$}  {message}\n");
        }
        if let Some(h) = c.hint.as_deref().filter(|h| !restates(&c.message, h)) {
            s += &format!("{pad}hint: {h}\n");
        }
        if c.status != Status::Pass {
            for d in &c.details {
                s += &format!("{pad}- {}\n", detail(&c.message, d));
            }
        }
    }
    if hidden > 0 {
        s += &format!(
            "({} skipped by rule; --verbose shows them)\n",
            plural(hidden, "check", "checks")
        );
    }
    s += &verdict(r, style);
    s.push('\n');
    s
}

/// True when `message` already says what `hint` does: the hint whole, or all of it after
/// its verb ("publish it in the Public Comments …" beside "ARIN wants it in the Public
/// Comments …").
fn restates(message: &str, hint: &str) -> bool {
    let object = hint.splitn(3, ' ').nth(2).unwrap_or(hint);
    message.contains(hint) || (object.len() >= 30 && message.contains(object))
}

/// A detail `PLACE: WHY` whose WHY (a sentence, not a VRP the message quotes) the message
/// already says, as its PLACE alone.
fn detail<'a>(message: &str, d: &'a str) -> &'a str {
    match d.split_once(": ") {
        Some((place, why)) if why.len() >= 60 && message.contains(why) => place,
        _ => d,
    }
}

pub(crate) use crate::text::plural;

/// The verdict line, under 100 characters: NOT READY when a check failed; INCOMPLETE when
/// none failed but one did not run or was left out for want of evidence; READY only when
/// the report is ready ([`Report::ready`], the one verdict of exit 0). Then the counts,
/// and how many reasons the rows above give for what did not run or was left out; an
/// INCOMPLETE line names what to give next where a flag or command gives it.
pub fn verdict(r: &Report, style: &Style) -> String {
    let (fail, not_run) = (r.count(Status::Fail), r.count(Status::NotRun));
    let mut counts = format!(
        "{} failed, {}, {} passed, {} skipped",
        fail,
        plural(r.count(Status::Warn), "warning", "warnings"),
        r.count(Status::Pass),
        r.count(Status::Skip)
    );
    if not_run > 0 {
        counts += &format!(", {not_run} not run");
    }
    let (word, paint): (&str, fn(&Style, &str) -> String) = if fail > 0 {
        ("NOT READY", Style::bad)
    } else if r.eligible_so_far() {
        // Before a key exists, nothing against the prefix: what passed, and the next step.
        return eligible_line(r, style) + &super::clock::verdict_note();
    } else if r.ready() {
        ("READY", Style::good)
    } else {
        ("INCOMPLETE", Style::caution)
    };
    let reasons = reason_count(r);
    let above = (reasons > 0).then(|| format!("; {} above", plural(reasons, "reason", "reasons")));
    let next = next_step(r)
        .filter(|_| fail == 0)
        .map(|n| format!("; next: {n}"));
    let mut tail = format!(
        "{}{}",
        above.as_deref().unwrap_or_default(),
        next.as_deref().unwrap_or_default()
    );
    // The line stays short: what to give next wins over the count of reasons.
    let fits = |tail: &str| word.len() + 2 + counts.len() + tail.chars().count() < MAX_VERDICT;
    if !fits(&tail) {
        tail = [next, above]
            .into_iter()
            .flatten()
            .find(|t| fits(t))
            .unwrap_or_default();
    }
    format!("{}: {counts}{tail}", paint(style, word)) + &super::clock::verdict_note()
}

/// The verdict of a report that judged eligibility alone and found nothing against it
/// ([`Report::eligible_so_far`]): `INCOMPLETE: eligible so far — registry, allocation type,
/// prefix, ROAs and IRR pass; next: byoip keygen`, naming the subjects the report judged (an
/// ASN's has no allocation type; a range not advertised, no ROAs; Azure and Oracle, no IRR)
/// and any warnings.
fn eligible_line(r: &Report, style: &Style) -> String {
    // The subject each check judges, in the order the line names them.
    let subject = |id: &CheckId| match id {
        CheckId::RdapRegistry | CheckId::RdapRecord | CheckId::RdapAutnumRecord => Some("registry"),
        CheckId::RdapAllocationType => Some("allocation type"),
        CheckId::PrefixCanonical | CheckId::PrefixSize | CheckId::PrefixPublic => Some("prefix"),
        CheckId::AsnPublic => Some("ASN"),
        CheckId::Roa(_) | CheckId::RoaOwnAsn => Some("ROAs"),
        CheckId::IrrRoute => Some("IRR"),
        _ => None,
    };
    let passed: Vec<&str> = [
        "registry",
        "allocation type",
        "prefix",
        "ASN",
        "ROAs",
        "IRR",
    ]
    .into_iter()
    .filter(|name| {
        r.checks.iter().any(|c| {
            subject(&c.id) == Some(*name) && matches!(c.status, Status::Pass | Status::Warn)
        })
    })
    .collect();
    let list = match passed.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_string(),
        None => "nothing".to_string(),
    };
    let warnings = match r.count(Status::Warn) {
        0 => String::new(),
        n => format!(", with {}", plural(n, "warning", "warnings")),
    };
    // Oracle signs nothing: its proof is the token it issues when the import is started.
    let next = match r.cloud {
        byoip::Cloud::Oci => "import in OCI, then --validation-token",
        _ => "byoip keygen",
    };
    // Under 100 characters: the list more briefly, else the rows above list what passed.
    let said = [
        format!("eligible so far — {list} pass{warnings}; next: {next}"),
        format!(
            "eligible so far — {}{warnings}; next: {next}",
            passed.join(", ")
        ),
        format!("eligible so far{warnings}; next: {next}"),
    ]
    .into_iter()
    .find(|l| "INCOMPLETE: ".len() + l.chars().count() < MAX_VERDICT)
    .unwrap_or_else(|| format!("eligible so far; next: {next}"));
    format!("{}: {said}", style.caution("INCOMPLETE"))
}

/// The verdict line's length limit (colour and the clock's note aside).
const MAX_VERDICT: usize = 100;

/// How many distinct reasons the report gives for checks that did not run or were left
/// out (one that restates another counted once).
fn reason_count(r: &Report) -> usize {
    let not_run = not_run_reasons(r);
    let mut left: Vec<&str> = Vec::new();
    for c in r.left_out() {
        if !left.contains(&c.message.as_str()) && !not_run.contains(&c.message.as_str()) {
            left.push(&c.message);
        }
    }
    not_run.len() + left.len()
}

/// What to give next for the checks `r` left out, in this CLI's flags and commands, short
/// enough for the verdict line; `None` when nothing was left out, or nothing short says it
/// (the rows above then do).
fn next_step(r: &Report) -> Option<&'static str> {
    let out: Vec<&check::Check> = r.left_out().collect();
    let first = |want: fn(&CheckId) -> bool| out.iter().find(|c| want(&c.id));
    if out.iter().any(|c| skipped_by_local_only(c)) {
        return Some("a run without --local-only");
    }
    // Before a key exists the message is no next step: what stopped an eligibility report
    // is the evidence that did not come, which the error or note below says how to get.
    if r.judges_eligibility() && !r.complete() {
        return Some("network or saved files");
    }
    if first(|id| matches!(id, CheckId::KeyCertMatch)).is_some_and(|c| c.message.contains("--cert"))
    {
        return Some("--cert and --key");
    }
    if let Some(c) = first(|id| {
        id.is_message()
            || matches!(
                id,
                CheckId::SignatureLocal | CheckId::RdapSignature | CheckId::Context(_)
            )
    }) {
        // batch check and audit: the manifest's signed contexts, which `batch sign` writes.
        return Some(if c.message.contains("signed context") {
            "byoip batch sign"
        } else {
            "--message/--signature"
        });
    }
    first(|id| matches!(id, CheckId::OciToken)).map(|_| "--validation-token")
}

/// True when `c` was skipped because `--local-only` asked for the local checks alone: its
/// message says so, in the CLI's words (`check`) or the library's (`batch check`, whose
/// manifest words need no flag).
pub fn skipped_by_local_only(c: &check::Check) -> bool {
    c.is_left_out()
        && (c.message.contains("--local-only") || c.message.contains("local checks only"))
}

/// `ids` for people: every check of a family the report has (two or more) as `family.*`
/// (`message.*`, `roa.*`), the others by name, in report order.
pub fn id_list(r: &Report, ids: &[&CheckId]) -> String {
    let family = |id: &CheckId| {
        let s = id.to_string();
        s.split_once('.').map_or(s.clone(), |(f, _)| f.to_string())
    };
    let mut shown: Vec<String> = Vec::new();
    for id in ids {
        let f = family(id);
        let all: Vec<&CheckId> = r
            .checks
            .iter()
            .map(|c| &c.id)
            .filter(|i| family(i) == f)
            .collect();
        let whole = all.len() > 1 && all.iter().all(|i| ids.contains(i));
        let name = if whole {
            format!("{f}.*")
        } else {
            id.to_string()
        };
        if !shown.contains(&name) {
            shown.push(name);
        }
    }
    shown.join(", ")
}

/// The distinct reasons checks did not run, leaving out any that restates another.
pub fn not_run_reasons(r: &Report) -> Vec<&str> {
    let mut all: Vec<&str> = Vec::new();
    for c in r.checks.iter().filter(|c| c.status == Status::NotRun) {
        if !all.contains(&c.message.as_str()) {
            all.push(&c.message);
        }
    }
    let kept: Vec<&str> = all
        .iter()
        .copied()
        .filter(|m| !all.iter().any(|o| o != m && m.contains(o)))
        .collect();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn network(unreachable: bool) -> byoip::Error {
        byoip::Error::Network {
            url: "https://rdap.example/ip/192.0.2.0/24".into(),
            reason: "cannot connect".into(),
            hint: "check the URL".into(),
            unreachable,
            source: None,
        }
    }

    /// Only a network that reaches no server is called unreachable; either way the advice
    /// fetches the record of the prefix checked, by its own flag.
    #[test]
    fn a_network_failure_is_called_unreachable_only_when_it_is() {
        let saving = Saving::Check {
            target: "--cidr 192.0.2.0/24".into(),
            roas: Some("--cidr 192.0.2.0/24".into()),
        };
        let down = network_failure(&network(true), &[Missing::RdapRecord], &saving);
        assert!(
            down.line()
                .starts_with("the network is unreachable, so the registry checks did not run: "),
            "{}",
            down.line()
        );
        let one = network_failure(&network(false), &[Missing::RdapRecord], &saving);
        assert!(
            one.line()
                .starts_with("the registry checks did not run: https://rdap.example/"),
            "{}",
            one.line()
        );
        for e in [down, one] {
            assert!(
                e.hint
                    .contains("`byoip rdap fetch --cidr 192.0.2.0/24 --out rdap.json`"),
                "{}",
                e.hint
            );
        }
    }
}
