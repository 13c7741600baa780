//! Finding and fetching the record AWS reads, through [`crate::http`].
//!
//! - RFC 9224: the bootstrap file for the prefix's family (IANA's `ipv4.json`/`ipv6.json`
//!   by default), fetched once per run and cached on disk for [`ResolverConfig::cache_ttl`];
//!   a stale cache is used, with a note, when the refresh fails.
//! - RFC 9082: `GET {base}ip/{prefix}`; redirects (another RIR's space) are followed by
//!   the HTTP layer.
//! - Parent records (RFC 9083 §4.2 `up` link, §5.4 `parentHandle`): when the record holds no certificate in its own remarks, walk up —
//!   the `up` link, else the parent's range — and return the ancestors fetched.
//! - Each URL is fetched at most once per run, even by concurrent callers.
//! - RFC 9224 §5.3 and RFC 9082 §3.1.2: an ASN's record (BYOASN) through IANA's
//!   `asn.json`, at `{base}autnum/{n}`.

use std::{
    collections::HashMap,
    path::PathBuf,
    sync::{Arc, Mutex, OnceLock},
    time::{Duration, SystemTime},
};

use ipnet::IpNet;
use sha2::{Digest, Sha256};

use crate::rdap::{
    AutnumRecord, MAX_RDAP_BYTES, RDAP_ACCEPT, Record, Source,
    autnum::Autnum,
    bootstrap::{Bootstrap, IANA_BASE, MAX_BOOTSTRAP_BYTES},
    certs::Place,
    certs::certificates,
    network::IpNetwork,
};
use crate::{error::Error, http::Client};

/// Where the bootstrap comes from.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub enum BootstrapSource {
    /// IANA's files.
    #[default]
    Iana,
    /// A URL: a document (ending in `.json`) or a base holding `ipv4.json`/`ipv6.json`.
    Url(String),
    /// A document already read (from a file).
    Document(Bootstrap),
}

/// How the resolver finds records.
///
/// Built from [`ResolverConfig::default`] (IANA's bootstrap, no cache, four ancestors), with
/// the fields to change set afterwards; `#[non_exhaustive]`, so a setting added later takes
/// its default:
///
/// ```
/// use std::sync::Arc;
/// use byoip::{http::{Client, HttpConfig}, rdap::{Resolver, ResolverConfig}};
///
/// let mut config = ResolverConfig::default();
/// config.rdap_base = Some("http://127.0.0.1:8080/rdap/".into());
/// config.max_ancestors = 0;
/// let resolver = Resolver::new(Arc::new(Client::new(HttpConfig::default())), config);
/// # drop(resolver);
/// ```
///
/// ```compile_fail,E0639
/// let config = byoip::rdap::ResolverConfig { max_ancestors: 0, ..Default::default() };
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ResolverConfig {
    /// The bootstrap, unless `rdap_base` skips it.
    pub bootstrap: BootstrapSource,
    /// An RDAP base URL to ask directly (ends in `/`; one is added).
    pub rdap_base: Option<String>,
    /// Where bootstrap files are cached; `None` disables the cache.
    pub cache_dir: Option<PathBuf>,
    /// How long a cached bootstrap file is fresh.
    pub cache_ttl: Duration,
    /// Ancestors fetched at most when looking for a certificate.
    pub max_ancestors: usize,
    /// Answer a prefix from a record already fetched that covers it, instead of asking
    /// again (batch checks: one request per distinct record). A more specific record for
    /// that prefix, if the registry has one, is then not seen.
    pub share_records: bool,
}

impl Default for ResolverConfig {
    fn default() -> Self {
        ResolverConfig {
            bootstrap: BootstrapSource::Iana,
            rdap_base: None,
            cache_dir: None,
            cache_ttl: Duration::from_secs(24 * 3600),
            max_ancestors: 4,
            share_records: false,
        }
    }
}

/// The outcome of a lookup. `#[non_exhaustive]`: an outcome may be added.
///
/// ```compile_fail,E0004
/// fn found(l: &byoip::rdap::Lookup) -> bool {
///     match l { byoip::rdap::Lookup::Found { .. } => true, byoip::rdap::Lookup::NotFound { .. } => false }
/// }
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Lookup {
    /// The record covering the prefix, then the ancestors fetched while looking for a
    /// certificate (empty when the record holds one or has no parent).
    Found {
        /// The most specific record for the prefix.
        record: Arc<Record>,
        /// Ancestors, nearest first.
        ancestors: Vec<Arc<Record>>,
    },
    /// The registry has no record for the prefix (HTTP 404).
    NotFound {
        /// The URL asked.
        url: String,
    },
}

/// The outcome of an autnum lookup.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum AutnumLookup {
    /// The ASN's record.
    Found(Arc<AutnumRecord>),
    /// The registry has no record for the ASN (HTTP 404).
    NotFound {
        /// The URL asked.
        url: String,
    },
}

/// Records found through one server, guarded so that one query runs at a time there.
type Known = Vec<Arc<Record>>;

/// A value computed once per run, shared by everyone who asks (errors included).
type FetchedOnce<T> = Arc<OnceLock<Result<T, Error>>>;

/// Finds records; shares fetched documents between lookups.
pub struct Resolver {
    client: Arc<Client>,
    config: ResolverConfig,
    bootstraps: Mutex<HashMap<String, FetchedOnce<Arc<Bootstrap>>>>,
    records: Mutex<HashMap<String, FetchedOnce<Option<Arc<Record>>>>>,
    /// With `share_records`: per base URL, a lock (one query at a time per server) and
    /// the records found through it.
    shared: Mutex<HashMap<String, Arc<Mutex<Known>>>>,
    notes: Mutex<Vec<String>>,
}

impl Resolver {
    /// A resolver over `client`.
    pub fn new(client: Arc<Client>, config: ResolverConfig) -> Self {
        Resolver {
            client,
            config,
            bootstraps: Mutex::new(HashMap::new()),
            records: Mutex::new(HashMap::new()),
            shared: Mutex::new(HashMap::new()),
            notes: Mutex::new(Vec::new()),
        }
    }

    /// Things worth telling the user that are not errors (a stale cache was used).
    pub fn take_notes(&self) -> Vec<String> {
        self.notes
            .lock()
            .map(|mut n| std::mem::take(&mut *n))
            .unwrap_or_default()
    }

    fn note(&self, text: String) {
        if let Ok(mut n) = self.notes.lock() {
            n.push(text);
        }
    }

    /// The RDAP base URL for `net`.
    pub fn base_url(&self, net: IpNet) -> Result<String, Error> {
        if let Some(base) = &self.config.rdap_base {
            return Ok(with_slash(base));
        }
        let bootstrap = match &self.config.bootstrap {
            BootstrapSource::Document(d) => Arc::new(d.clone()),
            BootstrapSource::Iana => self.bootstrap_at(&family_file(IANA_BASE, net))?,
            BootstrapSource::Url(u) if u.ends_with(".json") => self.bootstrap_at(u)?,
            BootstrapSource::Url(u) => self.bootstrap_at(&family_file(&with_slash(u), net))?,
        };
        bootstrap.lookup(net).map(str::to_string).ok_or_else(|| {
            let why = if bootstrap.has_family(net) {
                "no entry covers it (unallocated or reserved space?)"
            } else {
                "the bootstrap file has no entries of this address family"
            };
            Error::Document {
                kind: Some(crate::error::Document::RdapBootstrap),
                what: String::new(),
                reason: format!("no RDAP server for {net}: {why}"),
                hint: "check the prefix, or name the registry's RDAP server".into(),
                remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::RdapServer)]),
                source: None,
            }
        })
    }

    /// The RDAP base URL for AS `asn`, from `asn.json` (RFC 9224 §5.3).
    pub fn autnum_base_url(&self, asn: crate::Asn) -> Result<String, Error> {
        if let Some(base) = &self.config.rdap_base {
            return Ok(with_slash(base));
        }
        let bootstrap = match &self.config.bootstrap {
            BootstrapSource::Document(d) => Arc::new(d.clone()),
            BootstrapSource::Iana => self.bootstrap_at(&format!("{IANA_BASE}asn.json"))?,
            BootstrapSource::Url(u) if u.ends_with(".json") => self.bootstrap_at(u)?,
            BootstrapSource::Url(u) => self.bootstrap_at(&format!("{}asn.json", with_slash(u)))?,
        };
        bootstrap
            .lookup_asn(asn)
            .map(str::to_string)
            .ok_or_else(|| {
                let why = if bootstrap.has_asns() {
                    "no range in asn.json holds it (unallocated or reserved?)"
                } else {
                    "the bootstrap file lists no AS number ranges (give asn.json, not ipv4.json or ipv6.json)"
                };
                Error::Document {
                    kind: Some(crate::error::Document::RdapBootstrap),
                    what: String::new(),
                    reason: format!("no RDAP server for AS{asn}: {why}"),
                    hint: "check the ASN, or name the registry's RDAP server".into(),
                    remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::RdapServer)]),
                    source: None,
                }
            })
    }

    /// The record of AS `asn` (`{base}autnum/{asn}`).
    pub fn lookup_autnum(&self, asn: crate::Asn) -> Result<AutnumLookup, Error> {
        let url = format!("{}autnum/{asn}", self.autnum_base_url(asn)?);
        let r = self.client.get(&url, RDAP_ACCEPT, MAX_RDAP_BYTES)?;
        match r.status {
            200..=299 => Ok(AutnumLookup::Found(Arc::new(AutnumRecord {
                autnum: Autnum::from_json(&r.body, &r.url)?,
                source: Source::Url(r.url),
                body: r.body,
                fetched: None,
                saved_at: None,
            }))),
            404 => Ok(AutnumLookup::NotFound { url }),
            s => Err(Error::Network {
                url: r.url,
                reason: format!("HTTP {s} from the RDAP server"),
                hint:
                    "check the RDAP server and bootstrap file asked; the server refused the query"
                        .into(),
                unreachable: false,
                remedies: Box::new([
                    crate::error::Remedy::Give(crate::error::Input::RdapServer),
                    crate::error::Remedy::Give(crate::error::Input::Bootstrap),
                ]),
                source: None,
            }),
        }
    }

    fn bootstrap_at(&self, url: &str) -> Result<Arc<Bootstrap>, Error> {
        let cell = {
            let mut map = self.bootstraps.lock().map_err(|_| poisoned())?;
            map.entry(url.to_string()).or_default().clone()
        };
        cell.get_or_init(|| self.load_bootstrap(url).map(Arc::new))
            .clone()
    }

    fn load_bootstrap(&self, url: &str) -> Result<Bootstrap, Error> {
        let cache = self.config.cache_dir.as_ref().map(|d| {
            let digest = Sha256::digest(url.as_bytes());
            let name: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
            d.join(format!("rdap-bootstrap-{name}.json"))
        });
        let cached = cache.as_ref().and_then(|p| {
            let age = std::fs::metadata(p)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())?;
            let bytes = std::fs::read(p).ok()?;
            let doc = Bootstrap::parse(&bytes, url).ok()?;
            Some((doc, age))
        });
        if let Some((doc, age)) = &cached
            && *age <= self.config.cache_ttl
        {
            return Ok(doc.clone());
        }
        let fetched = self
            .client
            .get(url, "application/json", MAX_BOOTSTRAP_BYTES)
            .and_then(|r| {
                if r.status != 200 {
                    return Err(Error::Network {
                        url: r.url,
                        reason: format!("HTTP {} for the RDAP bootstrap file", r.status),
                        hint: "check the bootstrap file's URL, or name the registry's RDAP server"
                            .into(),
                        unreachable: false,
                        remedies: Box::new([
                            crate::error::Remedy::Give(crate::error::Input::Bootstrap),
                            crate::error::Remedy::Give(crate::error::Input::RdapServer),
                        ]),
                        source: None,
                    });
                }
                let doc = Bootstrap::parse(&r.body, url)?;
                Ok((doc, r.body))
            });
        match (fetched, cached) {
            (Ok((doc, body)), _) => {
                if let Some(p) = &cache {
                    store(p, &body);
                }
                Ok(doc)
            }
            (Err(e), Some((doc, age))) => {
                self.note(format!(
                    "using the cached RDAP bootstrap ({} h old) because the refresh failed: {}",
                    age.as_secs() / 3600,
                    e.chain()
                ));
                Ok(doc)
            }
            (Err(e), None) => Err(e),
        }
    }

    /// Fetches `url` once per run. `Ok(None)` is a 404: no such record.
    pub fn fetch(&self, url: &str) -> Result<Option<Arc<Record>>, Error> {
        let cell = {
            let mut map = self.records.lock().map_err(|_| poisoned())?;
            map.entry(url.to_string()).or_default().clone()
        };
        cell.get_or_init(|| {
            let r = self.client.get(url, RDAP_ACCEPT, MAX_RDAP_BYTES)?;
            match r.status {
                200..=299 => {
                    let network = IpNetwork::from_json(&r.body, &r.url)?;
                    Ok(Some(Arc::new(Record {
                        network,
                        source: Source::Url(r.url),
                        body: r.body,
                        fetched: None,
                        saved_at: None,
                    })))
                }
                404 => Ok(None),
                s => Err(Error::Network {
                    url: r.url,
                    reason: format!("HTTP {s} from the RDAP server"),
                    hint: "check the RDAP server and bootstrap file asked; the server refused the query".into(),
                    unreachable: false,
                    remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::RdapServer), crate::error::Remedy::Give(crate::error::Input::Bootstrap)]),
                    source: None,
                }),
            }
        })
        .clone()
    }

    /// The record for `net` and, when it holds no certificate of its own, its ancestors.
    pub fn lookup(&self, net: IpNet) -> Result<Lookup, Error> {
        let base = self.base_url(net)?;
        let url = format!("{base}ip/{net}");
        let record = if self.config.share_records {
            let cell = {
                let mut map = self.shared.lock().map_err(|_| poisoned())?;
                map.entry(base.clone()).or_default().clone()
            };
            let mut known = cell.lock().map_err(|_| poisoned())?;
            let covering = known
                .iter()
                .filter(|r| r.network.covers(net))
                .min_by_key(|r| r.network.bounds().map(|(s, e)| span(s, e)))
                .cloned();
            match covering {
                Some(r) => Some(r),
                None => {
                    let r = self.fetch(&url)?;
                    known.extend(r.clone());
                    r
                }
            }
        } else {
            self.fetch(&url)?
        };
        let Some(record) = record else {
            return Ok(Lookup::NotFound { url });
        };
        let mut ancestors: Vec<Arc<Record>> = Vec::new();
        let mut current = record.clone();
        while !holds_network_certificate(&current.network)
            && ancestors.len() < self.config.max_ancestors
        {
            let Some(next) = self.parent_of(&current)? else {
                break;
            };
            ancestors.push(next.clone());
            current = next;
        }
        Ok(Lookup::Found { record, ancestors })
    }

    /// The parent record: the `up` link, else the parent's range queried at the same
    /// server; queries that return the same record again go one bit further up.
    fn parent_of(&self, rec: &Record) -> Result<Option<Arc<Record>>, Error> {
        let same = |other: &Record| {
            other.network.bounds() == rec.network.bounds()
                && other.network.handle == rec.network.handle
        };
        // The `up` link is followed only on the server that answered: a mirror, a proxy
        // or a test server must not send the walk to the registry's own host.
        if let Some(up) = rec.network.link("up")
            && rec
                .source
                .url()
                .is_some_and(|src| origin(up).is_some_and(|o| Some(o) == origin(src)))
            && let Ok(Some(parent)) = self.fetch(up)
            && !same(&parent)
        {
            return Ok(Some(parent));
        }
        let Some(base) = rec
            .source
            .url()
            .and_then(|u| u.rfind("/ip/").map(|i| &u[..=i]))
        else {
            return Ok(None);
        };
        let mut query = rec.network.parent_query();
        while let Some(q) = query {
            match self.fetch(&format!("{base}ip/{q}"))? {
                Some(parent) if !same(&parent) => return Ok(Some(parent)),
                Some(_) => query = q.supernet().map(|n| n.trunc()),
                None => return Ok(None),
            }
        }
        Ok(None)
    }
}

/// True when a certificate block sits in the record's own remarks (wherever AWS would
/// look); certificates only in entities' remarks do not stop the walk up.
pub(crate) fn holds_network_certificate(net: &IpNetwork) -> bool {
    certificates(net)
        .iter()
        .any(|f| matches!(f.place, Place::Network { .. }))
}

/// The number of addresses in a range, for picking the most specific (saturating).
fn span(s: std::net::IpAddr, e: std::net::IpAddr) -> u128 {
    match (s, e) {
        (std::net::IpAddr::V4(a), std::net::IpAddr::V4(b)) => {
            u128::from(u32::from(b).saturating_sub(u32::from(a)))
        }
        (std::net::IpAddr::V6(a), std::net::IpAddr::V6(b)) => {
            u128::from(b).saturating_sub(u128::from(a))
        }
        _ => u128::MAX,
    }
}

/// `scheme://authority` of a URL.
fn origin(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let end = rest.find('/').unwrap_or(rest.len());
    Some(&url[..url.len() - rest.len() + end])
}

fn family_file(base: &str, net: IpNet) -> String {
    match net {
        IpNet::V4(_) => format!("{base}ipv4.json"),
        IpNet::V6(_) => format!("{base}ipv6.json"),
    }
}

fn with_slash(s: &str) -> String {
    if s.ends_with('/') {
        s.to_string()
    } else {
        format!("{s}/")
    }
}

/// Writes a cache file atomically; a cache that cannot be written is just not kept.
fn store(path: &std::path::Path, body: &[u8]) {
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = path.with_extension(format!("tmp.{}", std::process::id()));
    if std::fs::write(&tmp, body).is_ok() && std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

fn poisoned() -> Error {
    Error::Crypto {
        what: "internal lock poisoned".into(),
        source: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_scheme_and_authority() {
        assert_eq!(
            origin("https://rdap.apnic.net/ip/2001:200::/23"),
            Some("https://rdap.apnic.net")
        );
        assert_eq!(
            origin("http://127.0.0.1:8080/rdap/ip/1"),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(origin("http://h"), Some("http://h"));
        assert_eq!(origin("testdata/x.json"), None);
        assert_ne!(
            origin("http://rdap.apnic.net/ip/210.0.0.0/8"),
            origin("https://rdap.apnic.net/ip/210.107.0.0/17")
        );
    }
}
