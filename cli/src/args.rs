//! Arguments several commands share, in one home each command imports from: where
//! evidence comes from and how the network is reached (`check`, `batch check`, `rdap
//! fetch`, `roa fetch`, `ripedb fetch`, `irr fetch`), the resolver and token of IPAM's
//! `dns-token` method (`check`, `dns-token`), and who announces a prefix today (`check`,
//! `roa fetch`). [`NetArgs::sources`] turns them into the library's evidence sources.

use std::{
    io::{IsTerminal, Write as _},
    path::PathBuf,
    sync::Arc,
    time::Duration,
};

use byoip::{
    check::{self, online},
    dns::DnsConfig,
    dnstoken::Token,
    http::{Client, HttpConfig},
    rdap::{self, BootstrapSource, Resolver, ResolverConfig},
    roa::api::{RIPESTAT_BASE, Validator},
};

use super::{CliError, heading, note, read_input};

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
    pub dns: ResolverArgs,
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
                    rdap::MAX_BOOTSTRAP_BYTES as usize,
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

/// Largest VRP file read. Full exports of every trust anchor are about 100 MB today.
const MAX_VRP_BYTES: usize = 256 * 1024 * 1024;

impl NetArgs {
    /// The library's evidence sources for one run, per these flags: the VRP file read
    /// (`--vrps`), the network set up, or not (`--offline`, `--local-only`).
    /// `share_records`: answer prefixes from records already fetched (batch), whose
    /// progress counter owns the terminal line; otherwise a terminal shows what is fetched.
    pub fn sources(&self, share_records: bool) -> Result<online::Sources, CliError> {
        let offline = self.offline || self.local_only;
        let client = Arc::new(self.registry.client(!offline, !share_records)?);
        let vrps = match &self.vrps {
            Some(path) => {
                let data = read_input(path, MAX_VRP_BYTES, "VRP file")?;
                Some(online::SavedVrps::parse(
                    &data,
                    &path.display().to_string(),
                )?)
            }
            None => None,
        };
        let ripestat = self.ripestat_base();
        let reach = if self.local_only {
            online::Reach::LocalOnly
        } else if self.offline {
            if vrps.is_none() && (self.rpki_url.is_some() || self.ripestat.is_some()) {
                note(
                    "--offline: the validator (--rpki-url/--ripestat) is not asked; give --vrps FILE",
                );
            }
            online::Reach::Offline
        } else {
            if vrps.is_none()
                && let Some(url) = self.rpki_url.as_deref()
            {
                client.permits(url)?;
            }
            // RIPEstat is asked who announces the prefix, whatever answers for the ROAs.
            client.permits(&ripestat)?;
            let resolver = Box::new(self.registry.resolver(client.clone(), share_records)?);
            let validator = match &self.rpki_url {
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
            self.registry.whois()?
        };
        Ok(online::Sources::new(client, reach, vrps)
            .with_ripe_db(self.ripe_db_url.clone())
            .with_irr(self.irr_server.clone(), whois)
            .with_ripestat(ripestat))
    }

    /// `sources`, asking the resolver of `--resolver` (else the system's) for dns-token
    /// records with `--timeout` per query; read only when the DNS will be asked (online),
    /// so an offline run never needs a resolver.
    pub fn with_dns(&self, sources: online::Sources) -> Result<online::Sources, CliError> {
        if self.offline || self.local_only {
            return Ok(sources);
        }
        Ok(sources.with_dns(self.dns.config(self.registry.timeout)?))
    }
}

/// After gathering: clears the status line of what was fetched, and prints what the
/// resolver noted (a stale cache used), once.
pub fn done_fetching(sources: &online::Sources) {
    clear_fetching(sources.client());
    for n in sources.resolver().iter().flat_map(|r| r.take_notes()) {
        note(&n);
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

/// Where the token comes from: AWS's JSON, or its name and value.
#[derive(clap::Args, Clone, Default)]
#[command(next_help_heading = heading::AWS)]
pub struct TokenArgs {
    /// The JSON that `aws ec2 create-ipam-external-resource-verification-token` (or
    /// describe-ipam-external-resource-verification-tokens) printed; - for standard input.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["token_name", "token_value"])]
    pub token_file: Option<PathBuf>,
    /// The token's TokenName (with --token-value, instead of --token-file).
    #[arg(long, value_name = "NAME", requires = "token_value")]
    pub token_name: Option<String>,
    /// The token's TokenValue.
    #[arg(
        long,
        value_name = "VALUE",
        requires = "token_name",
        allow_hyphen_values = true
    )]
    pub token_value: Option<String>,
    /// Which token of a file that lists several (IpamExternalResourceVerificationTokenId);
    /// with --token-name/--token-value, the id to print in the provisioning command.
    #[arg(long, value_name = "ID")]
    pub token_id: Option<String>,
}

impl TokenArgs {
    /// The token. Its expiry is the caller's to judge: `check`'s report has it
    /// (`dns.token`), `dns-token plan` and `dns-token check` warn (`warn_expiry`).
    pub fn load(&self) -> Result<Token, CliError> {
        let token = match (&self.token_file, &self.token_name, &self.token_value) {
            (Some(path), _, _) => return load_token_file(path, self.token_id.as_deref()),
            (None, Some(name), Some(value)) => {
                Token::new(name, value)?.with_id(self.token_id.clone())
            }
            _ => {
                return Err(CliError::input(
                    "no verification token given",
                    "give --token-file FILE (the JSON of `aws ec2 create-ipam-external-resource-verification-token`) or --token-name and --token-value",
                ));
            }
        };
        Ok(token)
    }
}

/// Largest token file read (the `describe-…-tokens` list of at most 100 tokens is far smaller).
const MAX_TOKEN_FILE_BYTES: usize = 1024 * 1024;

/// Reads a token file (`-`: standard input) as AWS prints it; `id` chooses from a list.
pub fn load_token_file(path: &std::path::Path, id: Option<&str>) -> Result<Token, CliError> {
    let bytes = read_input(path, MAX_TOKEN_FILE_BYTES, "token file")?;
    Token::from_aws_json(&bytes, id).map_err(|e| {
        let mut c = CliError::from(e);
        c.what = format!("{}: {}", path.display(), c.what);
        c
    })
}

/// The resolver the dns-token records are asked of; shared by `dns-token check`, `check`
/// and `batch check`.
#[derive(clap::Args, Clone, Default)]
#[command(next_help_heading = heading::NETWORK)]
pub struct ResolverArgs {
    /// The recursive resolver to ask for the dns-token records, IP[:PORT] (default: the first nameserver of /etc/resolv.conf).
    #[arg(
        long,
        value_name = "IP[:PORT]",
        env = "BYOIP_RESOLVER",
        hide_env_values = true
    )]
    pub resolver: Option<String>,
    /// Take --resolver as the authoritative server of the dns-token names, not a recursive resolver: answers must carry AA, and a referral or a non-authoritative answer leaves the name unchecked (without it, a server that does not recurse leaves every name unchecked). It checks what that server publishes, not whether the world is delegated to it.
    #[arg(long)]
    pub authoritative: bool,
}

impl ResolverArgs {
    /// The resolver settings: `--resolver`/`BYOIP_RESOLVER`, else the first nameserver of
    /// /etc/resolv.conf (read now, so a machine without one is told how to name one);
    /// `timeout` seconds per query, else the library's default.
    pub fn config(&self, timeout: Option<u64>) -> Result<DnsConfig, CliError> {
        let server = match self.resolver.as_deref() {
            Some(r) => byoip::dns::parse_resolver(r)?,
            None => byoip::dns::system_resolver().map_err(|e| {
                CliError::input(
                    e.to_string(),
                    "pass --resolver IP[:PORT] (a recursive resolver, e.g. 1.1.1.1)",
                )
            })?,
        };
        let mut config = DnsConfig::default();
        config.resolver = Some(server);
        config.timeout = timeout.map_or(config.timeout, Duration::from_secs);
        config.authoritative = self.authoritative;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_limit_holds_a_list_of_the_most_tokens_an_account_has() {
        // An account holds at most 100 tokens; describe-… lists them all in one file.
        let one = r#"{"IpamExternalResourceVerificationTokenId": "ipam-ext-res-ver-token-0309ce7f67a768cf0", "IpamId": "ipam-0f9e8725ac3ae5754", "TokenValue": "a34597c3-5317-4238-9ce7-50da5b6e6dc8", "TokenName": "86950620", "NotAfter": "2024-05-19T14:28:15.927000+00:00", "Status": "expired", "Tags": [], "State": "create-complete"}"#;
        let list = format!(
            r#"{{"IpamExternalResourceVerificationTokens": [{}]}}"#,
            vec![one; 100].join(",\n")
        );
        assert!(list.len() < MAX_TOKEN_FILE_BYTES, "{}", list.len());
    }
}
