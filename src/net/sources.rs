//! Gathering `check`'s evidence (feature `net`): the registry record over RDAP (RFC 9224
//! bootstrap, RFC 9082 queries, through [`Resolver`]), the ROAs from a VRP export or a
//! validator (Routinator's validity API, RIPEstat's `rpki-validation`, as AWS's
//! "Prerequisites for BYOIP in Amazon EC2" suggests), and for IPAM's `dns-token` method the
//! TXT records of the token in the prefix's reverse DNS (VPC IPAM user guide, "Verify
//! domain control"; asked of one recursive resolver through [`crate::dns`]), then judged
//! by [`run`].
//!
//! One call checks a prefix online, as icann-rdap's bootstrapped request fetches a record:
//!
//! ```no_run
//! use byoip::check::{Inputs, online::{Saved, Sources}};
//!
//! let cidr = "203.0.113.0/24";
//! let inputs = Inputs::new(cidr, byoip::Service::Ec2, byoip::chrono::Utc::now())?;
//! // The RDAP and ROA evidence are what the sources gather.
//! let report = Sources::online().check(inputs, &Saved::default())?;
//! println!("{}", if report.ready() { "ready" } else { "not ready" });
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Answers saved earlier (`byoip rdap fetch`, `irr fetch`, `ripedb fetch`) are given as
//! [`Saved`], the bytes the caller read: the sources parse them and prefer them to the
//! network.
//!
//! For `dns-token`, give the token in [`Inputs::dns_token`] (its `dns` is replaced
//! by the answers, as `rdap` and `roa` are) and the resolver with [`Sources::with_dns`].
//! Azure and Oracle prefixes take the same call, with [`Inputs::cloud`] set (for RIPE NCC
//! space it also gathers the RIPE Database object: Azure and Oracle read `remarks:`/`descr:`
//! there; a saved one in [`Saved::ripe_db`] wins). An ASN brought to IPAM has
//! [`Sources::check_asn`], whose saved record is the first of [`Saved::rdap`].
//!
//! Evidence that cannot be had is not an error: offline without a saved record, or after a
//! network failure, its checks are `not-run` with the reason, and the first failure is kept
//! ([`Sources::failure`]) for the caller to report. A resolver that does not answer leaves
//! the names it did not answer `unchecked` (their checks `not-run`).

use std::sync::{Arc, Mutex};

mod saved;
pub use saved::{Saved, SavedFile, Unusable};

use crate::check::{
    AsnInputs, AutnumEvidence, CurrentOrigin, DnsEvidence, DnsToken, Inputs, IrrEvidence,
    RdapEvidence, Report, RipeDbEvidence, RoaEvidence, run, run_asn,
};
use crate::{
    asn::Asn,
    dns::DnsConfig,
    dnstoken::{self, Token},
    error::{Error, Input, Remedy},
    http::{Client, HttpConfig},
    irr,
    prefix::Prefix,
    rdap::{AutnumLookup, Lookup, Record, Resolver, ResolverConfig},
    ripedb,
    roa::{
        api::{RIPESTAT_BASE, Validator},
        vrps::{self, VrpFile},
    },
    whois::{self, WhoisConfig},
};

/// Why the registry checks did not run offline.
const NO_RDAP_FILE: &str = "offline and no saved RDAP record: the registry record was not checked";
/// Why the ROA checks did not run offline.
const NO_VRPS: &str = "offline and no VRP file: the ROAs were not checked";
/// Why the registry checks were skipped under `--local-only`.
const LOCAL_ONLY_RDAP: &str = "local checks only: the registry record was not checked";
/// Why the ROA checks were skipped under `--local-only`.
const LOCAL_ONLY_ROAS: &str = "local checks only: the ROAs were not checked";
/// Why the DNS checks were skipped under `--local-only`.
const LOCAL_ONLY_DNS: &str = "local checks only: the DNS was not asked for the dns-token records";
/// Why the DNS checks did not run offline: the records cannot be saved to a file.
const OFFLINE_DNS: &str =
    "offline: the DNS was not asked for the dns-token records (check them where DNS works)";

/// Evidence a run went without: offline with no file for it, or fetched over a network
/// that failed. It says what a caller could supply to check again.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Missing {
    /// A prefix's RDAP record.
    RdapRecord,
    /// An ASN's RDAP autnum record.
    AutnumRecord,
    /// The ROAs (a validator's answers, or VRPs from an export).
    Roas,
    /// The RIPE Database object of a RIPE NCC record.
    RipeDbObject,
    /// The DNS answers for dns-token records (these cannot be saved to a file).
    DnsAnswers,
    /// The IRR's route objects (a whois answer).
    IrrObjects,
}

/// VRPs read from an export (Routinator, rpki-client), with what to call them in reports.
/// Built with [`SavedVrps::new`] (`#[non_exhaustive]`: a field may be added).
///
/// ```compile_fail,E0639
/// let file = byoip::roa::vrps::parse(b"ASN,IP Prefix,Max Length,Trust Anchor\n", "v.csv").unwrap();
/// let saved = byoip::check::online::SavedVrps { file, source: "v.csv".into() };
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SavedVrps {
    /// The VRPs, and their ROAs' expiry where the format gives it.
    pub file: VrpFile,
    /// Where they came from, e.g. `vrps.csv (csv, 1234 VRPs)`.
    pub source: String,
}

impl SavedVrps {
    /// `file`'s VRPs, called `source` in reports (e.g. `vrps.csv (csv, 1234 VRPs)`).
    pub fn new(file: VrpFile, source: impl Into<String>) -> Self {
        SavedVrps {
            file,
            source: source.into(),
        }
    }

    /// The VRP export `bytes` (any format [`vrps::parse`] reads), called `name`: in
    /// reports `name (csv, 1234 VRPs)`.
    pub fn parse(bytes: &[u8], name: &str) -> Result<Self, Error> {
        let file = vrps::parse(bytes, name)?;
        let source = format!(
            "{name} ({}, {})",
            file.format,
            crate::nouns::plural(file.vrps.len(), "VRP", "VRPs")
        );
        Ok(SavedVrps::new(file, source))
    }
}

/// How far evidence is looked for.
#[non_exhaustive]
pub enum Reach {
    /// Records and ROAs from the network: `resolver` for RDAP, `validator` for ROAs unless
    /// VRPs are given.
    Online {
        /// Finds and fetches RDAP records (boxed: it is large, the other variants empty).
        resolver: Box<Resolver>,
        /// Asked for ROAs when no VRPs are given.
        validator: Validator,
    },
    /// No network: saved records and VRPs only; without them the checks are `not-run`.
    Offline,
    /// The local checks only: the registry and ROA checks are `skip`.
    LocalOnly,
}

/// The evidence sources of one run: one HTTP client, one resolver, VRPs read once. Shared
/// by every prefix of a batch (it is `Sync`).
///
/// A run's record of what went wrong ([`Sources::failure`], [`Sources::missing`]) covers
/// every report gathered through it, so a service that checks one prefix per request
/// makes a `Sources` per request (the HTTP client can be shared: [`Sources::new`] takes it
/// in an `Arc`); each report says on its own which checks did not run and why.
pub struct Sources {
    client: Arc<Client>,
    reach: Reach,
    vrps: Option<SavedVrps>,
    /// The resolver asked for dns-token records, online.
    dns: DnsConfig,
    /// The RIPE Database REST API asked for RIPE NCC records' objects, online.
    ripe_db_base: String,
    /// The whois server asked for IRR route objects, online, and how.
    irr_server: whois::Server,
    whois: WhoisConfig,
    /// RIPEstat, asked online who announces a prefix today (`roa.current-origin`).
    ripestat_base: String,
    /// The first network failure; its checks were reported `not-run`.
    failure: Mutex<Option<Error>>,
    /// The evidence the run went without, sorted, each once.
    missing: Mutex<Vec<Missing>>,
}

impl Sources {
    /// Sources over `client` reaching as far as `reach`; `vrps`, when given, answer for the
    /// ROAs instead of a validator.
    pub fn new(client: Arc<Client>, reach: Reach, vrps: Option<SavedVrps>) -> Self {
        Sources {
            client,
            reach,
            vrps,
            dns: DnsConfig::default(),
            ripe_db_base: ripedb::RIPE_DB_BASE.into(),
            irr_server: radb(),
            whois: WhoisConfig::default(),
            ripestat_base: RIPESTAT_BASE.into(),
            failure: Mutex::new(None),
            missing: Mutex::new(Vec::new()),
        }
    }

    /// Asks `dns` for the dns-token records (by default the system's resolver, 5 seconds
    /// per query).
    pub fn with_dns(mut self, dns: DnsConfig) -> Self {
        self.dns = dns;
        self
    }

    /// Asks the RIPE Database REST API at `base` for RIPE NCC records' objects (by default
    /// [`ripedb::RIPE_DB_BASE`]); a URL the HTTP policy refuses leaves those checks
    /// `not-run` with the refusal as the run's failure.
    pub fn with_ripe_db(mut self, base: impl Into<String>) -> Self {
        self.ripe_db_base = base.into();
        self
    }

    /// Asks the whois server `server` for IRR route objects (by default RADb,
    /// [`whois::RADB`]) under `config`'s timeouts and size cap.
    pub fn with_irr(mut self, server: whois::Server, config: WhoisConfig) -> Self {
        self.irr_server = server;
        self.whois = config;
        self
    }

    /// Asks RIPEstat at `base` (by default [`RIPESTAT_BASE`]) who announces a prefix today,
    /// for `roa.current-origin` ([`Sources::current_origin`]).
    pub fn with_ripestat(mut self, base: impl Into<String>) -> Self {
        self.ripestat_base = base.into();
        self
    }

    /// Online with the defaults: the default HTTP policy, IANA's RDAP bootstrap (not
    /// cached on disk), RIPEstat for ROAs, and the system's DNS resolver.
    pub fn online() -> Self {
        let client = Arc::new(Client::new(HttpConfig::default()));
        let resolver = Box::new(Resolver::new(client.clone(), ResolverConfig::default()));
        Sources::new(
            client,
            Reach::Online {
                resolver,
                validator: Validator::RipeStat(RIPESTAT_BASE.into()),
            },
            None,
        )
    }

    /// The HTTP client (its request count says what a run cost).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The RDAP resolver, online (its notes say when a stale cache was used).
    pub fn resolver(&self) -> Option<&Resolver> {
        match &self.reach {
            Reach::Online { resolver, .. } => Some(resolver),
            _ => None,
        }
    }

    /// Only the local checks run.
    pub fn local_only(&self) -> bool {
        matches!(self.reach, Reach::LocalOnly)
    }

    /// The first network failure of the run (every report gathered through this `Sources`),
    /// if any.
    pub fn failure(&self) -> Option<Error> {
        self.failure.lock().ok().and_then(|f| f.clone())
    }

    /// The evidence the run went without (offline with no file for it, or after a network
    /// failure), sorted, each once: what a caller could supply to check again.
    pub fn missing(&self) -> Vec<Missing> {
        self.missing.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// Records that the run went without `what` and returns `reason`.
    fn without(&self, what: Missing, reason: impl Into<String>) -> String {
        if let Ok(mut m) = self.missing.lock()
            && let Err(at) = m.binary_search(&what)
        {
            m.insert(at, what);
        }
        reason.into()
    }

    /// Records a network failure that left the run without `missing`, and returns the
    /// not-run reason for `what`.
    fn failed(&self, missing: Missing, what: &str, e: Error) -> String {
        let reason = format!("{what} could not be fetched: {}", e.chain());
        if let Ok(mut first) = self.failure.lock() {
            first.get_or_insert(e);
        }
        self.without(missing, reason)
    }

    /// Gathers the evidence for `inp`'s prefix into it ([`Sources::gather`]; `saved`:
    /// answers saved earlier, which win over the network) and runs every check of its
    /// cloud's report ([`run`]). A saved answer that does not parse is the error.
    ///
    /// ```no_run
    /// use byoip::{Cloud, check::{Inputs, online::{Saved, SavedFile, Sources}}};
    ///
    /// let mut inputs = Inputs::for_cloud(Cloud::Oci, "62.239.237.0/24", byoip::chrono::Utc::now())?;
    /// inputs.token = Some("OCITOKEN::62.239.237.0/24:abc");
    /// let mut saved = Saved::default();
    /// saved.rdap.push(SavedFile::new("rdap.json", std::fs::read("rdap.json")?, None));
    /// let report = Sources::online().check(inputs, &saved)?;
    /// println!("{}", if report.ready() { "ready" } else { "not ready" });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, mut inp: Inputs<'_>, saved: &Saved) -> Result<Report, Unusable> {
        self.gather(&mut inp, saved)?;
        Ok(run(&inp))
    }

    /// The evidence of [`Sources::check`], into `inp` without judging it (for a caller that
    /// looks at it first, e.g. whether a saved RIPE Database object covers the prefix): the
    /// RDAP record (the saved records of [`Saved::rdap`], else [`Sources::rdap`]); for Azure
    /// and Oracle the RIPE Database object of a RIPE NCC record ([`Sources::ripe_db`]; a
    /// saved object, [`Saved::ripe_db`] or else `inp.ripe_db`, wins); the ASN announcing
    /// the prefix today ([`Sources::current_origin`], unless `inp.origin` says); the ROAs
    /// for the report's origins ([`Sources::origins`]); for AWS the IRR's route objects
    /// ([`Sources::irr`]; a saved answer, [`Saved::irr`] or else `inp.irr`, wins) and under
    /// [`Inputs::dns_token`] the DNS answers for its token's records. A DNS that
    /// cannot be asked at all (no resolver known, a prefix that cannot be planned) is a
    /// failure like a network one: its checks `not-run`. Under local checks only, saved
    /// evidence is not read either: those checks are `skip`.
    ///
    /// A saved answer that cannot be read or parsed leaves its checks `not-run` saying why,
    /// and the rest is gathered all the same; the first that did not parse is the error, for
    /// a caller that stops on it (`check`) or judges the rest and reports it after (a batch).
    pub fn gather(&self, inp: &mut Inputs<'_>, saved: &Saved) -> Result<(), Unusable> {
        let prefix = inp.prefix();
        let parsed = self.parse_saved(saved);
        inp.rdap = match parsed.unread_rdap {
            Some(why) => RdapEvidence::Unavailable(why),
            None => self.rdap(prefix, parsed.rdap.unwrap_or_default()),
        };
        if inp.cloud != crate::cloud::Cloud::Aws {
            let given = match std::mem::take(&mut inp.ripe_db) {
                found @ RipeDbEvidence::Found { .. } => Some(found),
                _ => None,
            };
            let saved = parsed
                .ripe_db
                .filter(|e| {
                    matches!(
                        e,
                        RipeDbEvidence::Found { .. } | RipeDbEvidence::Unavailable(_)
                    )
                })
                .or(given);
            inp.ripe_db = self.ripe_db(&inp.rdap, saved);
        }
        inp.origin = self.current_origin(prefix, std::mem::replace(&mut inp.origin, unknown()));
        inp.roa = self.origins(prefix, &inp.roa_origins());
        if inp.cloud == crate::cloud::Cloud::Aws {
            let given = match &inp.irr {
                IrrEvidence::Found { .. } => Some(inp.irr.clone()),
                _ => None,
            };
            inp.irr = self.irr(prefix, parsed.irr.or(given));
            if let Some(DnsToken { token, dns }) = &mut inp.dns_token {
                *dns = self.dns_token(prefix, token).unwrap_or_else(|e| {
                    DnsEvidence::Unavailable(self.failed(Missing::DnsAnswers, "the DNS answers", e))
                });
            }
        }
        parsed.unusable.map_or(Ok(()), Err)
    }

    /// [`Sources::check`] for bringing an ASN (BYOASN): [`Sources::gather_asn`], then
    /// [`run_asn`].
    ///
    /// ```no_run
    /// use byoip::{Asn, check::{AsnInputs, online::{Saved, Sources}}};
    ///
    /// let inputs = AsnInputs::new(Asn::new(64496), byoip::chrono::Utc::now());
    /// let report = Sources::online().check_asn(inputs, &Saved::default())?;
    /// println!("{}", if report.ready() { "ready" } else { "not ready" });
    /// # Ok::<(), byoip::check::online::Unusable>(())
    /// ```
    pub fn check_asn(&self, mut inp: AsnInputs<'_>, saved: &Saved) -> Result<Report, Unusable> {
        self.gather_asn(&mut inp, saved)?;
        Ok(run_asn(&inp))
    }

    /// The evidence of [`Sources::check_asn`], into `inp`: the ASN's autnum record
    /// ([`Sources::autnum`]; the first of [`Saved::rdap`] when given), and with
    /// [`AsnInputs::cidr`] the ROAs for its origins ([`Sources::origins`]; without a prefix
    /// there are no ROA checks). A saved record that does not parse is as in
    /// [`Sources::gather`].
    pub fn gather_asn(&self, inp: &mut AsnInputs<'_>, saved: &Saved) -> Result<(), Unusable> {
        let (rdap, unusable) = self.parse_autnum(saved);
        inp.rdap = self.autnum(inp.asn, rdap);
        inp.roa = match inp.cidr {
            Some(prefix) => self.origins(prefix, &inp.roa_origins()),
            None => RoaEvidence::Origins(Vec::new()),
        };
        unusable.map_or(Ok(()), Err)
    }

    /// The DNS answers for every record `token` needs for `prefix` (VPC IPAM user guide,
    /// "Verify domain control": one TXT record per reverse zone the prefix aligns to),
    /// unless offline or local only. Names the resolver did not answer are `unchecked`;
    /// the error is a prefix that cannot be planned or no resolver known.
    pub fn dns_token(&self, prefix: Prefix, token: &Token) -> Result<DnsEvidence, Error> {
        match self.reach {
            Reach::LocalOnly => Ok(DnsEvidence::NotAsked(LOCAL_ONLY_DNS.into())),
            Reach::Offline => Ok(DnsEvidence::Unavailable(OFFLINE_DNS.into())),
            Reach::Online { .. } => {
                let plan = dnstoken::plan(prefix, token)?;
                Ok(DnsEvidence::Names(self.dns.ask(&plan)?))
            }
        }
    }

    /// RDAP evidence for `prefix`: `saved` when given (the record, then its ancestors,
    /// nearest first), else the network unless offline.
    pub fn rdap(&self, prefix: Prefix, saved: Vec<Arc<Record>>) -> RdapEvidence {
        if self.local_only() {
            return RdapEvidence::NotAsked(LOCAL_ONLY_RDAP.into());
        }
        let mut saved = saved.into_iter();
        if let Some(record) = saved.next() {
            let ancestors = saved.collect();
            return RdapEvidence::Found { record, ancestors };
        }
        let Some(resolver) = self.resolver() else {
            return RdapEvidence::Unavailable(self.without(Missing::RdapRecord, NO_RDAP_FILE));
        };
        match resolver.lookup(prefix.net()) {
            Ok(Lookup::Found { record, ancestors }) => RdapEvidence::Found { record, ancestors },
            Ok(Lookup::NotFound { url }) => RdapEvidence::NotFound { url },
            Err(e) => {
                RdapEvidence::Unavailable(self.failed(Missing::RdapRecord, "the RDAP record", e))
            }
        }
    }

    /// The autnum record of `asn`: `saved` when given (e.g. [`AutnumEvidence::from_saved`]),
    /// else the network unless offline.
    pub fn autnum(&self, asn: Asn, saved: Option<AutnumEvidence>) -> AutnumEvidence {
        let resolver = match (&self.reach, saved) {
            (Reach::LocalOnly, _) => return AutnumEvidence::NotAsked(LOCAL_ONLY_RDAP.into()),
            (_, Some(evidence)) => return evidence,
            (Reach::Offline, None) => {
                return AutnumEvidence::Unavailable(
                    self.without(Missing::AutnumRecord, NO_RDAP_FILE),
                );
            }
            (Reach::Online { resolver, .. }, None) => resolver,
        };
        match resolver.lookup_autnum(asn) {
            Ok(AutnumLookup::Found(r)) => AutnumEvidence::Found(r),
            Ok(AutnumLookup::NotFound { url }) => AutnumEvidence::NotFound { url },
            Err(e) => AutnumEvidence::Unavailable(self.failed(
                Missing::AutnumRecord,
                "the RDAP autnum record",
                e,
            )),
        }
    }

    /// The ASN announcing `prefix` today, for `roa.current-origin`: `given` when the caller
    /// knows (announced by an ASN, or not announced), else RIPEstat's prefix-overview
    /// ([`Sources::with_ripestat`]) when online. The check is advisory, so RIPEstat is
    /// asked once, without retries, and a failure is not the run's failure: the origin is
    /// then unknown, saying why, and the check is skipped.
    pub fn current_origin(&self, prefix: Prefix, given: CurrentOrigin) -> CurrentOrigin {
        if !matches!(given, CurrentOrigin::Unknown(_)) {
            return given;
        }
        match &self.reach {
            Reach::LocalOnly => CurrentOrigin::Unknown(
                "local checks only: RIPEstat was not asked who announces the prefix today".into(),
            ),
            Reach::Offline => CurrentOrigin::Unknown(
                "offline: RIPEstat was not asked who announces the prefix today".into(),
            ),
            Reach::Online { .. } => {
                // Inside the crate a struct literal still builds the `#[non_exhaustive]` config.
                let once = Client::new(HttpConfig {
                    retries: 0,
                    ..self.client.config().clone()
                });
                match crate::net::fetch::announcement(&once, &self.ripestat_base, prefix) {
                    Ok(a) => CurrentOrigin::from(&a),
                    Err(e) => CurrentOrigin::Unknown(format!(
                        "who announces the prefix today could not be fetched from RIPEstat: {}",
                        e.chain()
                    )),
                }
            }
        }
    }

    /// ROA evidence for `prefix` with each of `asns` as origin: from the VRPs when given
    /// ([`RoaEvidence::from_vrps`]), else the validator unless offline.
    pub fn origins(&self, prefix: Prefix, asns: &[Asn]) -> RoaEvidence {
        let validator = match (&self.reach, &self.vrps) {
            (Reach::LocalOnly, _) => return RoaEvidence::NotAsked(LOCAL_ONLY_ROAS.into()),
            (_, Some(v)) => return RoaEvidence::from_vrps(&v.file, prefix, asns, &v.source),
            (Reach::Offline, None) => {
                return RoaEvidence::Unavailable(self.without(Missing::Roas, NO_VRPS));
            }
            (Reach::Online { validator, .. }, None) => validator,
        };
        // One validator serves every ASN: after one query fails the others are not asked,
        // and the reason says whose query it was, so each ASN's not-run check reads true.
        let mut origins = Vec::with_capacity(asns.len());
        for &asn in asns {
            match crate::net::fetch::validator_origin(&self.client, validator, asn, prefix) {
                Ok(o) => origins.push(o),
                Err(e) => {
                    let rest = if asns.len() > 1 {
                        "; no other ASN was asked"
                    } else {
                        ""
                    };
                    let what = format!(
                        "the ROAs ({}: its answer for AS{asn} failed{rest})",
                        validator.name()
                    );
                    return RoaEvidence::Unavailable(self.failed(Missing::Roas, &what, e));
                }
            }
        }
        RoaEvidence::Origins(origins)
    }
}

/// RADb, parsed.
fn radb() -> whois::Server {
    // A constant of the right form: parsing it cannot fail (whois's tests pin it).
    whois::RADB
        .parse()
        .unwrap_or_else(|_| unreachable!("whois::RADB is HOST:PORT"))
}

impl Sources {
    /// The IRR's route objects for `prefix` and its more-specifics (`irr.route`): `saved`
    /// when given (e.g. [`IrrEvidence::from_saved`]), else the whois server
    /// ([`Sources::with_irr`]) when online; offline without a saved answer the check is
    /// left out, and a whois failure leaves it not run (the run's failure).
    pub fn irr(&self, prefix: Prefix, saved: Option<IrrEvidence>) -> IrrEvidence {
        if self.local_only() {
            return IrrEvidence::NotAsked("local checks only: the IRR was not asked".into());
        }
        if let Some(evidence) = saved {
            return evidence;
        }
        if self.resolver().is_none() {
            return IrrEvidence::NotAsked(self.without(
                Missing::IrrObjects,
                "offline and no saved IRR answer: the route objects were not checked",
            ));
        }
        match fetch_irr(&self.irr_server, prefix, &self.whois) {
            Ok(answers) => {
                let source = self.irr_server.url();
                let joined: Vec<u8> = answers.concat();
                match irr::parse(&joined, &source) {
                    Ok(mut answer) => IrrEvidence::Found {
                        answer: Arc::new({
                            answer.prefix = Some(prefix.net());
                            answer
                        }),
                        source,
                        saved_at: None,
                    },
                    Err(e) => IrrEvidence::Unavailable(self.failed(
                        Missing::IrrObjects,
                        "the IRR's route objects",
                        Error::Network {
                            url: source,
                            reason: format!("the answer is not RPSL: {}", e.chain()),
                            hint: "check the whois server asked: it should be an IRRd whois server such as whois.radb.net".into(),
                            unreachable: false,
                            remedies: Box::new([Remedy::Give(Input::IrrServer)]),
                            source: None,
                        },
                    )),
                }
            }
            Err(e) => IrrEvidence::Unavailable(self.failed(
                Missing::IrrObjects,
                "the IRR's route objects",
                e.with_remedies([Remedy::Give(Input::IrrObjects(prefix))]),
            )),
        }
    }

    /// The RIPE Database object of a RIPE NCC record, for Azure's and Oracle's reports (RIPE's
    /// RDAP does not show `remarks:`, where Azure reads): `saved` when given (e.g.
    /// [`RipeDbEvidence::from_saved`]), else the REST API ([`Sources::with_ripe_db`]) when
    /// online. Not needed for other registries' records.
    pub fn ripe_db(&self, rdap: &RdapEvidence, saved: Option<RipeDbEvidence>) -> RipeDbEvidence {
        let RdapEvidence::Found { record, .. } = rdap else {
            return RipeDbEvidence::NotNeeded;
        };
        if !rdap.is_ripe_ncc() {
            return RipeDbEvidence::NotNeeded;
        }
        if self.local_only() {
            return RipeDbEvidence::NotAsked(
                "local checks only: the RIPE Database was not read".into(),
            );
        }
        if let Some(evidence) = saved {
            return evidence;
        }
        if self.resolver().is_none() {
            return RipeDbEvidence::Unavailable(self.without(
                Missing::RipeDbObject,
                "offline and no saved RIPE Database object",
            ));
        }
        let Some((kind, key)) = ripedb::key_of(&record.network) else {
            return RipeDbEvidence::Unavailable(format!(
                "the RDAP record's handle {:?} is not a RIPE Database key",
                record.network.handle.as_deref().unwrap_or("")
            ));
        };
        let base = self.ripe_db_base.as_str();
        if let Err(e) = self.client.permits(base) {
            return RipeDbEvidence::Unavailable(self.failed(
                Missing::RipeDbObject,
                "the RIPE Database object",
                e,
            ));
        }
        match crate::net::fetch::fetch(&self.client, base, kind, &key) {
            Ok(Some((object, source))) => RipeDbEvidence::Found {
                object,
                source,
                saved_at: None,
                fetched: None,
            },
            Ok(None) => RipeDbEvidence::NotFound {
                url: ripedb::lookup_url(base, kind, &key),
            },
            Err(e) => RipeDbEvidence::Unavailable(self.failed(
                Missing::RipeDbObject,
                "the RIPE Database object",
                e,
            )),
        }
    }
}

/// The whois answers for `prefix`'s route objects and its more-specifics
/// ([`irr::queries`]), each as received. An answer with nothing in it (no bytes, or white
/// space only) is an error: an IRRd server that has no objects says so ("%  No entries
/// found for the selected source(s)."), so silence is a failure, not "none".
pub fn fetch_irr(
    server: &whois::Server,
    prefix: Prefix,
    config: &WhoisConfig,
) -> Result<Vec<Vec<u8>>, Error> {
    // The cap is on the whole: the answers are saved and read back as one.
    let mut left = config.clone();
    let mut out = Vec::new();
    for q in irr::queries(prefix.net()) {
        let a = whois::query(server, &q, &left)?;
        if a.trim_ascii().is_empty() {
            return Err(Error::Network {
                url: server.url(),
                reason: format!(
                    "the server at {} sent nothing for the query {q:?} (an IRRd server answers \"No entries found\" when it has no objects)",
                    server.url()
                ),
                hint: "check the whois server asked: it should be an IRRd whois server such as whois.radb.net".into(),
                unreachable: false,
                remedies: Box::new([Remedy::Give(Input::IrrServer)]),
                source: None,
            });
        }
        left.max_bytes = left.max_bytes.saturating_sub(a.len() as u64);
        out.push(a);
    }
    Ok(out)
}

/// A placeholder while [`Sources::current_origin`] decides.
fn unknown() -> CurrentOrigin {
    CurrentOrigin::Unknown(String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn testdata(path: &str) -> Vec<u8> {
        std::fs::read(format!("{}/testdata/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    fn offline() -> Sources {
        let client = Arc::new(Client::new(HttpConfig::default()));
        Sources::new(client, Reach::Offline, None)
    }

    #[test]
    fn saved_autnum_and_ripe_db_evidence_answer_offline() {
        let sources = offline();
        let asn = Asn::new(397979);
        let saved = AutnumEvidence::from_saved(
            &testdata("rdap/synthetic/arin-autnum-good.json"),
            "good.json",
        )
        .unwrap();
        assert!(matches!(
            sources.autnum(asn, Some(saved)),
            AutnumEvidence::Found(r) if r.source.to_string() == "good.json"
        ));
        assert!(matches!(
            sources.autnum(asn, None),
            AutnumEvidence::Unavailable(_)
        ));

        let ripe = RdapEvidence::from_saved(&testdata("rdap/ripe_62_239_237_1.json"), "ripe.json")
            .unwrap();
        assert!(ripe.is_ripe_ncc());
        let db = RipeDbEvidence::from_saved(&testdata("ripedb/inetnum-remarks.json"), "db.json")
            .unwrap();
        assert!(matches!(
            sources.ripe_db(&ripe, Some(db.clone())),
            RipeDbEvidence::Found { source, .. } if source == "db.json"
        ));
        assert!(matches!(
            sources.ripe_db(&ripe, None),
            RipeDbEvidence::Unavailable(_)
        ));
        // Another registry's record needs no RIPE Database object, saved or not.
        let arin =
            RdapEvidence::from_saved(&testdata("rdap/synthetic/arin-good.json"), "a.json").unwrap();
        assert!(!arin.is_ripe_ncc());
        assert!(matches!(
            sources.ripe_db(&arin, Some(db)),
            RipeDbEvidence::NotNeeded
        ));
        assert_eq!(
            sources.missing(),
            vec![Missing::AutnumRecord, Missing::RipeDbObject]
        );
        assert!(sources.failure().is_none());
    }

    /// Saved answers are parsed by the gathering: a record read offline is the one judged,
    /// with the caller's time as its age; one that does not parse leaves its own checks
    /// not run and is the error, the rest still gathered; one the caller could not read is
    /// not run, saying why, and no error (the caller has it).
    #[test]
    fn saved_answers_are_parsed_by_the_gathering_and_a_bad_one_spoils_only_its_own() {
        let sources = offline();
        let at: chrono::DateTime<chrono::Utc> = "2026-01-02T00:00:00Z".parse().unwrap();
        let mut saved = Saved::default();
        saved.rdap.push(SavedFile::new(
            "good.json",
            testdata("rdap/synthetic/arin-good.json"),
            Some(at),
        ));
        saved.irr = Some(SavedFile::new("irr.txt", b"<html>not RPSL".to_vec(), None));
        let now = "2026-02-01T00:00:00Z".parse().unwrap();
        let mut inp = Inputs::new("192.198.0.0/24", crate::service::Service::Ec2, now).unwrap();
        let Err(bad) = sources.gather(&mut inp, &saved) else {
            panic!("a saved IRR answer that is not RPSL was taken");
        };
        assert_eq!(bad.missing, Missing::IrrObjects);
        assert!(
            bad.error.chain().contains("irr.txt"),
            "{}",
            bad.error.chain()
        );
        match &inp.rdap {
            RdapEvidence::Found { record, .. } => {
                assert_eq!(record.source.to_string(), "good.json");
                assert_eq!(record.saved_at, Some(at));
            }
            other => panic!("{other:?}"),
        }
        let IrrEvidence::Unavailable(why) = &inp.irr else {
            panic!("{:?}", inp.irr);
        };
        assert!(
            why.starts_with("the saved IRR answer could not be read: "),
            "{why}"
        );

        let mut saved = Saved::default();
        saved
            .rdap
            .push(SavedFile::unreadable("gone.json", "no such file"));
        let mut inp = Inputs::new("192.198.0.0/24", crate::service::Service::Ec2, now).unwrap();
        assert!(sources.gather(&mut inp, &saved).is_ok());
        let RdapEvidence::Unavailable(why) = &inp.rdap else {
            panic!("{:?}", inp.rdap);
        };
        assert_eq!(why, "the saved record could not be read: no such file");
    }

    /// Under local checks only, saved answers are not read at all: a broken one is no error.
    #[test]
    fn local_checks_only_read_no_saved_answer() {
        let client = Arc::new(Client::new(HttpConfig::default()));
        let sources = Sources::new(client, Reach::LocalOnly, None);
        let mut saved = Saved::default();
        saved
            .rdap
            .push(SavedFile::new("bad.json", b"{".to_vec(), None));
        let now = "2026-02-01T00:00:00Z".parse().unwrap();
        let mut inp = Inputs::new("192.198.0.0/24", crate::service::Service::Ec2, now).unwrap();
        assert!(sources.gather(&mut inp, &saved).is_ok());
        assert!(
            matches!(inp.rdap, RdapEvidence::NotAsked(_)),
            "{:?}",
            inp.rdap
        );
    }

    #[test]
    fn a_ripe_db_base_the_http_policy_refuses_is_a_failure_not_an_error() {
        let client = Arc::new(Client::new(HttpConfig::default()));
        let resolver = Box::new(Resolver::new(client.clone(), ResolverConfig::default()));
        let reach = Reach::Online {
            resolver,
            validator: Validator::RipeStat(RIPESTAT_BASE.into()),
        };
        let sources = Sources::new(client, reach, None).with_ripe_db("http://db.example/");
        let ripe = RdapEvidence::from_saved(&testdata("rdap/ripe_62_239_237_1.json"), "ripe.json")
            .unwrap();
        let RipeDbEvidence::Unavailable(why) = sources.ripe_db(&ripe, None) else {
            panic!("not unavailable");
        };
        assert!(why.contains("plain HTTP is refused"), "{why}");
        assert_eq!(sources.missing(), vec![Missing::RipeDbObject]);
        assert!(sources.failure().is_some());
        assert_eq!(sources.client().requests_sent(), 0);
    }
}
