//! The BYOASN prerequisite report: what VPC IPAM checks before `provision-ipam-byoasn`,
//! and the second ROA a prefix needs once it is advertised from the ASN.
//!
//! AWS's "Tutorial: Bring your ASN to IPAM"
//! (<https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoasn.html>): the message
//! `1|aws|ACCOUNT|ASN|YYYYMMDD|SHA256|RSAPSS` signed as for a prefix; the same self-signed
//! certificate published in the ASN's registry record (ARIN the ASN's Public Comments, RIPE
//! NCC a new `descr:` of the `aut-num`, APNIC `remarks:`), never the organization's; "a
//! public 2-byte or 4-byte ASN" (EC2 API reference, ProvisionIpamByoasn; RFC 6996, RFC
//! 7300, RFC 5398 for the numbers that are not); and, for each prefix used with the ASN, a
//! second ROA with the ASN as origin beside Amazon's (RFC 6811 origin validation).
//!
//! The rules of the parent module hold: evidence not given or not fetched makes its checks
//! `not-run`, never `pass`.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{
    Absent, Builder, CheckId, Held, Horizon, Published, PublishedKey, Report, RoaEvidence, Signed,
    cert_checks_among, key_cert_match, local_signature_check,
    rdap::{NoRecord, record_missing},
    rdap_signature_check, roa_evidence_check,
    saved::{SavedWhen, saved_age},
    user_keys,
};
use crate::{
    account::AccountId,
    asn::Asn,
    certificate::Certificate,
    error::{Change, Input, Of, Remedy, Step},
    key::VerifyingKey,
    lint::LintOptions,
    prefix::Prefix,
    rdap::{
        AutnumRecord, Placement, Registry,
        certs::{FoundCertificate, autnum_certificates, on_autnum},
        registry::{autnum_placement, identify_autnum},
    },
    roa::required_asns,
    rules,
    service::Service,
    signature,
};

/// What RDAP said about the ASN's record, or why it was not asked.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum AutnumEvidence {
    /// Left out by the caller's choice (local checks only): the `skip` message.
    NotAsked(String),
    /// Needed but not gathered (offline without a saved record, a network failure): the
    /// `not-run` message.
    Unavailable(String),
    /// The registry has no record for the ASN (HTTP 404 from `url`).
    NotFound {
        /// The URL asked.
        url: String,
    },
    /// The ASN's record.
    Found(Arc<AutnumRecord>),
}

impl AutnumEvidence {
    /// The evidence in a saved RDAP autnum answer: what `byoip rdap fetch --asn` writes (the
    /// answer and when it was fetched, [`crate::rdap::saved`]), or the registry's JSON as
    /// `curl` saves it (RFC 9083). `name` says in the report where it
    /// came from. Bytes that are not an autnum record are an error naming what they are.
    ///
    /// ```
    /// use byoip::check::{AsnInputs, AutnumEvidence, CheckId, Status, run_asn};
    ///
    /// let saved = std::fs::read(concat!(
    ///     env!("CARGO_MANIFEST_DIR"),
    ///     "/testdata/rdap/synthetic/arin-autnum-good.json"
    /// ))
    /// .unwrap();
    /// let mut inputs = AsnInputs::new(byoip::Asn::new(397979), byoip::chrono::Utc::now());
    /// inputs.rdap = AutnumEvidence::from_saved(&saved, "arin-autnum-good.json")?;
    /// let report = run_asn(&inputs);
    /// assert_eq!(report.get(&CheckId::RdapAutnumRecord).unwrap().status, Status::Pass);
    ///
    /// assert!(AutnumEvidence::from_saved(b"<html>", "page.html").is_err());
    /// # Ok::<(), byoip::Error>(())
    /// ```
    pub fn from_saved(bytes: &[u8], name: &str) -> Result<AutnumEvidence, crate::Error> {
        Ok(AutnumEvidence::Found(Arc::new(crate::rdap::saved::autnum(
            bytes, name,
        )?)))
    }

    /// The evidence, saved at `at` (a saved file's modification time): `rdap.autnum-record`
    /// shows the answer's age and warns when it is older than 30 days before the report's
    /// time. A fetch time the file records (`byoip rdap fetch --asn`) is used instead.
    pub fn saved_at(mut self, at: DateTime<Utc>) -> Self {
        if let AutnumEvidence::Found(r) = &mut self {
            Arc::make_mut(r).saved_at = Some(at);
        }
        self
    }
}

/// Everything the BYOASN report judges.
///
/// [`AsnInputs::new`] takes what every report needs; the evidence is optional and set on
/// the fields afterwards (evidence not given is `skip`, never a pass). New kinds of
/// evidence may be added as fields, so the struct is built only through [`AsnInputs::new`].
///
/// ```
/// use byoip::check::{AsnInputs, CheckId, Status, run_asn};
///
/// let mut inputs = AsnInputs::new(byoip::Asn::new(397979), byoip::chrono::Utc::now());
/// inputs.account = Some("123456789012".parse()?);
/// let report = run_asn(&inputs);
/// assert_eq!(report.get(&CheckId::AsnPublic).unwrap().status, Status::Pass);
/// // No registry record given: its checks are skipped, not guessed.
/// assert_eq!(report.get(&CheckId::RdapAutnumRecord).unwrap().status, Status::Skip);
/// // No prefix given: no ROA checks.
/// assert!(report.get(&CheckId::RoaOwnAsn).is_none());
/// # Ok::<(), byoip::Error>(())
/// ```
///
/// ```compile_fail,E0639
/// use byoip::check::{AsnInputs, AutnumEvidence, RoaEvidence};
///
/// let inputs = AsnInputs {
///     asn: byoip::Asn::new(397979),
///     account: None,
///     certificate: None,
///     key: None,
///     signed: None,
///     rdap: AutnumEvidence::NotAsked(String::new()),
///     cidr: None,
///     roa: RoaEvidence::NotAsked(String::new()),
///     govcloud: false,
///     now: byoip::chrono::Utc::now(),
/// };
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AsnInputs<'a> {
    /// The ASN.
    pub asn: Asn,
    /// The AWS account that will provision it.
    pub account: Option<AccountId>,
    /// The user's certificate.
    pub certificate: Option<&'a Certificate>,
    /// The user's key (public half).
    pub key: Option<&'a VerifyingKey>,
    /// A message and signature.
    pub signed: Option<Signed<'a>>,
    /// Why no message is given, when the caller knows (`batch check`: the contexts file has
    /// none for it): what the checks left out for want of one say, in place of their own
    /// words.
    pub no_message: Option<String>,
    /// The ASN's RDAP record. Default: not asked (its checks `skip`).
    pub rdap: AutnumEvidence,
    /// A prefix to be advertised from the ASN: its ROAs are checked. Default: none (no ROA
    /// checks).
    pub cidr: Option<Prefix>,
    /// ROA evidence for `cidr`: one answer for the ASN itself and one per Amazon ASN
    /// ([`AsnInputs::roa_origins`]; [`RoaEvidence::from_vrps`] for a saved VRP file).
    /// Default: not asked (its checks `skip`).
    pub roa: RoaEvidence,
    /// AWS GovCloud (US): AS8987 instead of 16509/14618. Default: false.
    pub govcloud: bool,
    /// Judge eligibility alone, before a key exists: the ASN, its record's registry and
    /// the ROAs are judged, the checks that need a key, its certificate or a signed message
    /// are left out, as [`Inputs::eligibility_only`](super::Inputs::eligibility_only).
    /// Default: false.
    pub eligibility_only: bool,
    /// The clock.
    pub now: DateTime<Utc>,
}

impl<'a> AsnInputs<'a> {
    /// The message and signature, or why there are none.
    pub(crate) fn given(&self) -> super::Given<'_> {
        super::Given {
            signed: self.signed,
            why_not: self.no_message.as_deref(),
        }
    }

    /// Inputs for bringing `asn`, judged as of `now`: not GovCloud, no prefix, and no
    /// evidence yet (every check that needs some is `skip`).
    pub fn new(asn: Asn, now: DateTime<Utc>) -> Self {
        AsnInputs {
            asn,
            account: None,
            certificate: None,
            key: None,
            signed: None,
            no_message: None,
            rdap: AutnumEvidence::NotAsked(super::NOT_GIVEN_RDAP.into()),
            cidr: None,
            roa: RoaEvidence::NotAsked(super::NOT_GIVEN_ROAS.into()),
            govcloud: false,
            eligibility_only: false,
            now,
        }
    }
}

/// The BYOASN check ids in report order; with a prefix, `prefix.public`, `roa.own-asn` and
/// Amazon's `roa.as<N>` follow.
pub const ASN_CHECK_IDS: &[CheckId] = &[
    CheckId::AsnPublic,
    CheckId::MessageFormat,
    CheckId::MessageAsn,
    CheckId::MessageAccount,
    CheckId::MessageExpiry,
    CheckId::SignatureLocal,
    CheckId::KeyCertMatch,
    CheckId::CertValidity,
    CheckId::CertKeySize,
    CheckId::CertSelfSigned,
    CheckId::RdapRegistry,
    CheckId::RdapAutnumRecord,
    CheckId::RdapCertificate,
    CheckId::RdapSignature,
];

/// The checks that judge the autnum record.
const RDAP_IDS: [CheckId; 4] = [
    CheckId::RdapRegistry,
    CheckId::RdapAutnumRecord,
    CheckId::RdapCertificate,
    CheckId::RdapSignature,
];

/// A certificate in the autnum record, where it is, and whether AWS reads it there.
struct Found {
    found: FoundCertificate,
    placement: Placement,
    whereabouts: String,
}

impl Found {
    /// Whether it sits where AWS reads.
    fn readable(&self) -> bool {
        !matches!(self.placement, Placement::Wrong(_))
    }
}

/// Runs every BYOASN check.
pub fn run_asn(inp: &AsnInputs<'_>) -> Report {
    // Before a key exists: what decides whether the ASN can be brought at all.
    let mut b = Builder::taking(if inp.eligibility_only {
        super::Proof::NotYet(super::NO_KEY_YET)
    } else {
        super::Proof::Judged
    });
    asn_public_check(&mut b, inp.asn);
    let user_keys = user_keys(inp.certificate, inp.key);
    message_and_signature_checks(&mut b, inp, &user_keys);
    let record = match &inp.rdap {
        AutnumEvidence::Found(r) => Some(r.as_ref()),
        _ => None,
    };
    let reg = record.and_then(|r| registry(r).registry);
    let found: Vec<Found> = record
        .map(|r| {
            autnum_certificates(&r.autnum)
                .into_iter()
                .map(|f| Found {
                    placement: autnum_placement(reg, &f.place),
                    whereabouts: on_autnum(&f.place, &r.autnum.describe()),
                    found: f,
                })
                .collect()
        })
        .unwrap_or_default();
    let seen = Seen::of(&found, record, reg, inp);
    key_cert_match_check(&mut b, inp, &seen, &user_keys);
    certificate_checks(&mut b, inp, &seen, &user_keys);
    record_checks(&mut b, inp, &seen, &user_keys);
    roa_checks(&mut b, inp);
    let mut report = b.report(inp.cidr.map(|p| p.to_string()).unwrap_or_default());
    report.asn = Some(inp.asn);
    wanting_evidence(&mut report, inp);
    report
}

/// Gives each check that did not run for want of the ASN's RDAP record what to do as
/// values, as [`super::run`] does for a prefix's: the saved record to give, and the fetch
/// that saves it (the CLI: `--rdap-file` and `byoip rdap fetch --asn`). The ROAs are not
/// given a fetch here: `roa fetch` asks about the cloud's origins, not the ASN brought.
fn wanting_evidence(report: &mut Report, inp: &AsnInputs<'_>) {
    let of = Of::Asn(inp.asn);
    let no_record = matches!(inp.rdap, AutnumEvidence::Unavailable(_));
    for c in report
        .checks
        .iter_mut()
        .filter(|c| c.status == super::Status::NotRun)
    {
        if no_record
            && matches!(
                c.id,
                CheckId::RdapRegistry
                    | CheckId::RdapAutnumRecord
                    | CheckId::RdapCertificate
                    | CheckId::RdapSignature
            )
        {
            c.remedy([
                Remedy::Give(Input::RdapRecord(of)),
                Remedy::Run(Step::FetchRdap(of)),
            ]);
        }
    }
}

/// `asn.public`: the ASN is one AWS can take (not reserved, private or documentation), with
/// AWS's quota beside it (not judged: byoip cannot count an account's ASNs, but worth
/// knowing).
fn asn_public_check(b: &mut Builder, asn: Asn) {
    let quota = &rules::AWS_BYOASN_QUOTA;
    let mut cited = b.citing([quota]);
    let check = match asn.public_finding() {
        None => cited.pass(
            CheckId::AsnPublic,
            format!("AS{asn} is a public ASN (not reserved, private or documentation: RFC 7607, 6793, 6996, 7300, 5398)"),
        ),
        Some(f) => cited.fail(CheckId::AsnPublic, f.message, f.hint),
    };
    check.details.push(format!(
        "quota: AWS takes up to {} ASNs per account ({})",
        quota.value, quota.id
    ));
}

/// The `message.*` checks of AWS's BYOASN message and `signature.local`, the signature
/// under the user's own key.
fn message_and_signature_checks(b: &mut Builder, inp: &AsnInputs<'_>, user_keys: &[VerifyingKey]) {
    let message_ids = super::message::AWS_ASN.ids().into_iter();
    b.proof(message_ids.chain([CheckId::SignatureLocal]), |b| {
        let asn_text = inp.asn.to_string();
        super::message_checks(
            b,
            &super::message::AWS_ASN,
            &super::message::Expected {
                message: inp.given(),
                given: &asn_text,
                canonical: asn_text.clone(),
                holder: inp.account.as_ref().map(AccountId::as_str),
                // BYOASN is an IPAM feature: IPAM's provisioning window.
                lint: LintOptions {
                    today: inp.now.date_naive(),
                    service: Service::Ipam,
                    advertise: true,
                },
            },
        );
        local_signature_check(
            &mut b.citing([&rules::AWS_SIGNATURE]),
            inp.given(),
            user_keys,
        );
    });
}

/// The registry named by the record (RDAP answers say which registry they come from).
fn registry(r: &AutnumRecord) -> crate::rdap::Identification {
    identify_autnum(&r.autnum, r.source.url())
}

/// A certificate of the record that parsed: where it was found, the certificate, its key
/// when readable, and whether the signature verifies under it where AWS reads.
type Parsed<'f> = (&'f Found, &'f Certificate, Option<VerifyingKey>, bool);

/// The certificates found on the autnum record, judged by place.
struct Seen<'f> {
    /// The record, when found.
    record: Option<&'f AutnumRecord>,
    /// The registry, when the record names one.
    reg: Option<Registry>,
    /// Where AWS reads an ASN's certificate at this registry (the rules table's row).
    placement: Option<&'static crate::rules::Rule>,
    /// Every certificate found.
    found: &'f [Found],
    /// Each readable certificate's key, and whether the signature verifies under it where
    /// AWS reads.
    parsed: Vec<Parsed<'f>>,
    /// Why the record says nothing of this ASN, when it is another ASN's: nothing on it is
    /// judged as if it were this ASN's.
    foreign: Option<String>,
}

impl<'f> Seen<'f> {
    fn of(
        found: &'f [Found],
        record: Option<&'f AutnumRecord>,
        reg: Option<Registry>,
        inp: &AsnInputs<'_>,
    ) -> Self {
        let asn = inp.asn;
        let parsed = found
            .iter()
            .filter_map(|f| {
                let cert = f.found.certificate.as_ref().ok()?;
                let key = cert.public_key().ok();
                let verifies = match (inp.signed, &key) {
                    (Some(s), Some(k)) if f.readable() => signature::verify_strict(
                        crate::cloud::Cloud::Aws,
                        k,
                        s.message,
                        s.signature,
                    ),
                    _ => false,
                };
                Some((f, cert, key, verifies))
            })
            .collect();
        let foreign = record.filter(|r| !r.autnum.covers(asn)).map(|r| {
            format!(
                "the registry record given covers {}, not AS{asn}: what it holds says nothing of this ASN",
                r.autnum.describe()
            )
        });
        Seen {
            record,
            reg,
            placement: reg.and_then(rules::byoasn_placement),
            found,
            parsed,
            foreign,
        }
    }
}

/// `key.cert-match`: a certificate on the autnum record holds the user's key, where AWS
/// reads it.
fn key_cert_match_check(
    b: &mut Builder,
    inp: &AsnInputs<'_>,
    seen: &Seen<'_>,
    user_keys: &[VerifyingKey],
) {
    let where_to = seen.reg.map_or("in the ASN record's own remarks", |r| {
        r.where_to_publish_asn()
    });
    let published: Vec<PublishedKey<'_>> = seen
        .parsed
        .iter()
        .map(|p| PublishedKey {
            place: p.0.whereabouts.clone(),
            key: p.2.as_ref().ok_or_else(|| "unreadable key".to_string()),
            unread: (!p.0.readable()).then(|| format!("publish it {where_to}")),
        })
        .collect();
    let absent = inp
        .rdap
        .no_record()
        .map_or(Absent::NoneFound, NoRecord::absent);
    b.proof([CheckId::KeyCertMatch], |b| {
        key_cert_match(
            b,
            crate::cloud::Cloud::Aws,
            seen.placement,
            seen.foreign.as_deref(),
            user_keys,
            &published,
            &absent,
        );
    });
}

/// The `cert.*` checks of the certificates AWS may use: those holding the user's key
/// (where AWS reads, else anywhere), else those the signature verifies under, else every
/// readable one, else the user's own; all of them judged, whatever their order in the
/// record.
fn certificate_checks(
    b: &mut Builder,
    inp: &AsnInputs<'_>,
    seen: &Seen<'_>,
    user_keys: &[VerifyingKey],
) {
    let describe = seen.record.map(|r| r.autnum.describe()).unwrap_or_default();
    let (held, what) = super::cert::certificates_in_use(
        &seen.parsed,
        seen.foreign.is_some(),
        |p| p.0.readable(),
        |p| p.2.as_ref().is_some_and(|k| user_keys.contains(k)),
        |p| p.3,
    );
    let held: Vec<Held<'_>> = held
        .into_iter()
        .map(|p| Held {
            label: format!("the RDAP certificate on {describe}"),
            place: p.0.whereabouts.clone(),
            cert: p.1,
        })
        .collect();
    b.proof(super::CERT_IDS, |b| {
        cert_checks_among(
            b,
            crate::cloud::Cloud::Aws,
            &held,
            what,
            inp.certificate.map(|c| ("your certificate".to_string(), c)),
            inp.now,
            &Horizon::of(
                crate::cloud::Cloud::Aws,
                Service::Ipam,
                super::message_expiry(inp.signed),
            ),
        );
    });
}

/// The `rdap.*` checks: the registry, whether the record holds the ASN (and the age of a
/// saved answer), the certificate on it and the signature under it; without a record, no
/// certificate where AWS looks.
fn record_checks(
    b: &mut Builder,
    inp: &AsnInputs<'_>,
    seen: &Seen<'_>,
    user_keys: &[VerifyingKey],
) {
    let asn = inp.asn;
    if record_missing(
        b,
        inp.rdap.no_record(),
        &RDAP_IDS,
        CheckId::RdapAutnumRecord,
        &format_args!("AS{asn}"),
        "check the ASN; a registry answers only for ASNs it manages",
    ) {
        b.proof([CheckId::RdapCertificate], |b| {
            b.fail(
                CheckId::RdapCertificate,
                "no record, so no certificate where AWS looks",
                "register the ASN at ARIN, RIPE NCC or APNIC and publish the certificate on its record",
            );
        });
        b.proof_skip(CheckId::RdapSignature, "no record");
    }
    let AutnumEvidence::Found(rec) = &inp.rdap else {
        return;
    };
    registry_check(&mut b.citing([&rules::AWS_REGISTRIES]), &registry(rec));
    let a = &rec.autnum;
    if a.covers(asn) {
        let c = b.pass(
            CheckId::RdapAutnumRecord,
            format!("the record {} holds AS{asn} ({})", a.describe(), rec.source),
        );
        saved_age(
            c,
            &rec.source.to_string(),
            SavedWhen::rdap(rec.fetched.as_ref(), rec.saved_at),
            inp.now,
            &super::saved::RDAP_SAVED,
        );
    } else {
        b.fail(
            CheckId::RdapAutnumRecord,
            format!(
                "the record {} is not for AS{asn} ({})",
                a.describe(),
                rec.source
            ),
            "give the RDAP answer for this ASN (a saved file for another ASN, or a server that answered for another one)",
        );
    }
    b.proof([CheckId::RdapCertificate, CheckId::RdapSignature], |b| {
        if let Some(why) = &seen.foreign {
            b.not_run(CheckId::RdapCertificate, why.clone());
            b.not_run(CheckId::RdapSignature, why.clone());
            return;
        }
        let mut b = b.citing(seen.placement);
        certificate_check(
            &mut b,
            seen.found,
            &a.describe(),
            seen.reg,
            user_keys,
            inp.now,
        );
        let published: Vec<Published<'_>> = seen
            .parsed
            .iter()
            .map(|p| Published {
                whereabouts: p.0.whereabouts.clone(),
                readable: p.0.readable(),
                key: p.2.as_ref().ok_or_else(|| "unreadable key".to_string()),
                verifies: p.3,
            })
            .collect();
        rdap_signature_check(
            &mut b.citing([&rules::AWS_SIGNATURE]),
            crate::cloud::Cloud::Aws,
            inp.given(),
            &published,
            user_keys,
            (None, None),
        );
    });
}

fn registry_check(b: &mut Builder, id: &crate::rdap::Identification) {
    match (id.registry, &id.nir_hint) {
        (Some(r), None) if r.supports_x509() => {
            b.pass(
                CheckId::RdapRegistry,
                format!(
                    "{r} ({}), where AWS reads an ASN's certificate",
                    id.evidence
                ),
            );
        }
        (Some(r), Some((nir, why))) if r.supports_x509() => {
            b.warn(
                CheckId::RdapRegistry,
                format!(
                    "{r} ({}), but the record looks managed by {} ({why})",
                    id.evidence,
                    crate::registry::Registry::Nir(*nir)
                ),
                "AWS documents the ASN certificate at ARIN, RIPE NCC and APNIC; ask AWS whether an NIR-managed ASN can be brought",
            );
        }
        (Some(r), _) => {
            b.fail(
                CheckId::RdapRegistry,
                format!(
                    "{r} ({}): AWS documents bringing an ASN with its certificate at ARIN, RIPE NCC and APNIC only",
                    id.evidence
                ),
                "an ASN from this registry cannot be proven to AWS with a certificate; ask AWS support",
            );
        }
        (None, _) => {
            b.warn(
                CheckId::RdapRegistry,
                "the record does not say which registry holds it (no known port43, self link or handle)",
                "query the registry's own RDAP server",
            )
            .remedy([Remedy::Give(Input::RdapServer)]);
        }
    }
}

fn certificate_check(
    b: &mut Builder,
    found: &[Found],
    describe: &str,
    reg: Option<crate::registry::Registry>,
    user_keys: &[VerifyingKey],
    now: DateTime<Utc>,
) {
    let id = CheckId::RdapCertificate;
    let where_to = reg.map_or("in the ASN record's own remarks", |r| {
        r.where_to_publish_asn()
    });
    let details: Vec<String> = found
        .iter()
        .map(|f| match (&f.found.certificate, &f.placement) {
            (Err(e), _) => format!("{}: unreadable ({e})", f.whereabouts),
            (Ok(_), Placement::Correct) => format!("{}: where AWS reads", f.whereabouts),
            (Ok(_), Placement::Tolerated(w) | Placement::Wrong(w)) => {
                format!("{}: {w}", f.whereabouts)
            }
        })
        .collect();
    let ok = |f: &&Found| f.found.certificate.is_ok();
    let correct = found
        .iter()
        .filter(ok)
        .find(|f| f.placement == Placement::Correct);
    let tolerated = found
        .iter()
        .filter(ok)
        .find(|f| matches!(f.placement, Placement::Tolerated(_)));
    let wrong = found
        .iter()
        .filter(ok)
        .find(|f| matches!(f.placement, Placement::Wrong(_)));
    let unreadable = found.iter().find(|f| f.found.certificate.is_err());
    let check = match (correct, tolerated, wrong, unreadable) {
        (Some(f), _, _, _) => b.pass(id, format!("found in the {}", f.whereabouts)),
        (None, Some(f), _, _) => {
            let why = match &f.placement {
                Placement::Tolerated(w) => w.as_str(),
                _ => "",
            };
            b.warn(
                id,
                format!("found in the {}, but {why}", f.whereabouts),
                format!("publish it {where_to}"),
            )
        }
        (None, None, Some(f), _) => {
            let why = match &f.placement {
                Placement::Wrong(w) => w.as_str(),
                _ => "",
            };
            b.fail(
                id,
                format!("only in a place AWS does not read: {why}"),
                format!("publish it {where_to}"),
            )
        }
        (None, None, None, Some(f)) => b.fail(
            id,
            format!(
                "a certificate block in the {} does not decode",
                f.whereabouts
            ),
            "publish the whole certificate, BEGIN and END lines included",
        ),
        (None, None, None, None) => b.fail(
            id,
            format!("no certificate in {describe}: AWS cannot verify the ASN's authorization"),
            format!("publish it {where_to}; a one-line form of the certificate fits there"),
        ),
    };
    // A certificate in the wrong place or form, or none, is the record's to change.
    if check.status != super::Status::Pass {
        check.remedy([Remedy::Change(Change::CertificatePlacement)]);
    }
    check.details = details;
    let readable: Vec<(&Certificate, String)> = found
        .iter()
        .filter(|f| !matches!(f.placement, Placement::Wrong(_)))
        .filter_map(|f| Some((f.found.certificate.as_ref().ok()?, f.whereabouts.clone())))
        .collect();
    super::rdap::several_certificates(check, crate::cloud::Cloud::Aws, &readable, user_keys, now);
}

impl AsnInputs<'_> {
    /// The origins whose ROAs this report judges, in check order: with a prefix, the
    /// brought ASN (`roa.own-asn`) and then Amazon's for VPC IPAM (AWS, "Tutorial: Bring
    /// your ASN to IPAM"); none without one. Give their evidence with
    /// [`RoaEvidence::from_vrps`].
    pub fn roa_origins(&self) -> Vec<Asn> {
        if self.cidr.is_none() {
            return Vec::new();
        }
        let mut asns = vec![self.asn];
        asns.extend(required_asns(Service::Ipam, self.govcloud));
        asns
    }
}

/// With a prefix: `roa.own-asn` (the ASN as origin) and Amazon's `roa.as<N>`, with IPAM's
/// maxLength rule, exactly as `check --service ipam` judges it.
fn roa_checks(b: &mut Builder, inp: &AsnInputs<'_>) {
    let Some(p) = inp.cidr else {
        return;
    };
    // Special-purpose space (RFC 1918 and the like) gets no ROA anyone could publish: said
    // first, as `check --cidr` says it, so the ROA advice below is not taken for the fix.
    super::prefix::public_check(b, p);
    // IPAM's maxLength rule (the rules table's row), for both ROAs.
    let want = Some(super::roa::MaxLength::byoasn(p));
    let max_length = &rules::AWS_IPAM_MAX_LENGTH;
    let own = [&rules::AWS_BYOASN_OWN_ROA, max_length];
    let amazon = [rules::aws_origins(Service::Ipam, inp.govcloud), max_length];
    let asns = std::iter::once((inp.asn, CheckId::RoaOwnAsn, own)).chain(
        required_asns(Service::Ipam, inp.govcloud)
            .into_iter()
            .map(|a| (a, CheckId::Roa(a), amazon)),
    );
    for (asn, id, cite) in asns {
        roa_evidence_check(
            &mut b.citing(cite),
            id,
            asn,
            &inp.roa,
            p,
            want.clone(),
            inp.now.timestamp(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Status;
    use crate::rdap::Autnum;

    fn record(remarks: &str, entity_remarks: &str) -> AutnumEvidence {
        let doc = format!(
            r#"{{"objectClassName":"autnum","handle":"AS397979","startAutnum":397979,"endAutnum":397979,
                "port43":"whois.arin.net","remarks":{remarks},
                "entities":[{{"handle":"EXAMPLE-ARIN","roles":["registrant"],"remarks":{entity_remarks}}}]}}"#
        );
        AutnumEvidence::Found(Arc::new(AutnumRecord {
            autnum: Autnum::from_json(doc.as_bytes(), "t").unwrap(),
            source: crate::rdap::Source::File("t".into()),
            body: Vec::new(),
            fetched: None,
            saved_at: None,
        }))
    }

    fn cert_remark(title: &str) -> String {
        let pem = include_str!("../../../testdata/demo-cert.pem");
        let lines: Vec<String> = pem.lines().map(|l| format!("{l:?}")).collect();
        format!(
            r#"[{{"title":"{title}","description":[{}]}}]"#,
            lines.join(",")
        )
    }

    fn inputs(rdap: AutnumEvidence, cert: &Certificate) -> AsnInputs<'_> {
        let mut i = AsnInputs::new(Asn::new(397979), crate::date::test_now());
        i.certificate = Some(cert);
        i.rdap = rdap;
        i.roa = RoaEvidence::NotAsked("no prefix".into());
        i
    }

    fn demo() -> Certificate {
        Certificate::from_bytes(include_bytes!("../../../testdata/demo-cert.pem")).unwrap()
    }

    #[test]
    fn the_certificate_counts_only_on_the_asns_own_record() {
        let cert = demo();
        let good = run_asn(&inputs(
            record(&cert_remark("Registration Comments"), "[]"),
            &cert,
        ));
        let ids: Vec<CheckId> = good.checks.iter().map(|c| c.id.clone()).collect();
        assert_eq!(ids, ASN_CHECK_IDS);
        assert_eq!(
            good.get(&CheckId::RdapCertificate).unwrap().status,
            Status::Pass
        );
        assert_eq!(
            good.get(&CheckId::KeyCertMatch).unwrap().status,
            Status::Pass
        );
        assert!(good.ok(), "{good:?}");
        // No message was given: ok, but not ready, and the report says what is missing.
        assert!(!good.ready());
        let out: Vec<CheckId> = good.left_out().map(|c| c.id.clone()).collect();
        assert_eq!(
            out,
            [
                CheckId::MessageFormat,
                CheckId::MessageAsn,
                CheckId::MessageAccount,
                CheckId::MessageExpiry,
                CheckId::SignatureLocal,
                CheckId::RdapSignature,
            ]
        );
        // A bare report judges the ASN alone: ok, since nothing failed, but never ready.
        let bare = run_asn(&AsnInputs::new(
            crate::asn::Asn::new(397979),
            crate::date::test_now(),
        ));
        assert!(bare.ok() && !bare.ready());
        let out: Vec<CheckId> = bare.left_out().map(|c| c.id.clone()).collect();
        assert!(out.contains(&CheckId::RdapAutnumRecord), "{out:?}");
        assert!(out.contains(&CheckId::SignatureLocal), "{out:?}");
        assert!(!out.contains(&CheckId::AsnPublic), "{out:?}");
        let org = run_asn(&inputs(
            record("[]", &cert_remark("Registration Comments")),
            &cert,
        ));
        let c = org.get(&CheckId::RdapCertificate).unwrap();
        assert_eq!(c.status, Status::Fail);
        assert!(c.message.contains("Modify ASN"), "{}", c.message);
        let none = run_asn(&inputs(record("[]", "[]"), &cert));
        assert_eq!(
            none.get(&CheckId::RdapCertificate).unwrap().status,
            Status::Fail
        );
    }

    #[test]
    fn two_different_certificates_on_the_asns_record_warn() {
        let cert = demo();
        let other: Vec<String> = include_str!("../../../testdata/keys/other2048-cert.pem")
            .lines()
            .map(|l| format!("{l:?}"))
            .collect();
        let both = cert_remark("Registration Comments").replace(
            "]}]",
            &format!(
                "]}},{{\"title\":\"Registration Comments\",\"description\":[{}]}}]",
                other.join(",")
            ),
        );
        let r = run_asn(&inputs(record(&both, "[]"), &cert));
        let c = r.get(&CheckId::RdapCertificate).unwrap();
        assert_eq!(c.status, Status::Warn, "{c:?}");
        assert!(
            c.message
                .contains("AWS does not document which one it reads"),
            "{}",
            c.message
        );
        assert_eq!(
            c.details
                .iter()
                .filter(|d| d.starts_with("subject "))
                .count(),
            2,
            "{:?}",
            c.details
        );
    }

    #[test]
    fn two_certificates_of_your_key_on_the_asns_record_judge_alike_in_either_order() {
        let cert = demo();
        let quoted = |pem: &str| {
            pem.lines()
                .map(|l| format!("{l:?}"))
                .collect::<Vec<_>>()
                .join(",")
        };
        let demo_pem = quoted(include_str!("../../../testdata/demo-cert.pem"));
        let expired_pem = quoted(include_str!("../../../testdata/keys/expired-cert.pem"));
        let report = |first: &str, second: &str| {
            let remark = format!(
                r#"[{{"title":"Registration Comments","description":[{first},{second}]}}]"#
            );
            run_asn(&inputs(record(&remark, "[]"), &cert))
        };
        let valid_first = report(&demo_pem, &expired_pem);
        let expired_first = report(&expired_pem, &demo_pem);
        crate::check::tests::assert_two_certificates_judged_alike(
            &valid_first,
            &expired_first,
            "AWS",
        );
    }

    #[test]
    fn a_saved_autnum_answer_shows_its_age_and_warns_past_30_days() {
        let cert = demo();
        let mut inp = inputs(record(&cert_remark("Registration Comments"), "[]"), &cert);
        let now = inp.now;
        inp.rdap = inp.rdap.clone().saved_at(now - chrono::Duration::days(40));
        let r = run_asn(&inp);
        let c = r.get(&CheckId::RdapAutnumRecord).unwrap();
        assert_eq!(c.status, Status::Warn, "{c:?}");
        assert!(c.message.contains("is 40 days old"), "{}", c.message);
        assert!(
            c.details
                .iter()
                .any(|d| d.contains("file modified")
                    && d.contains("40 days before the report's time")),
            "{:?}",
            c.details
        );
        inp.rdap = inp.rdap.clone().saved_at(now - chrono::Duration::days(3));
        let r = run_asn(&inp);
        assert_eq!(
            r.get(&CheckId::RdapAutnumRecord).unwrap().status,
            Status::Pass
        );
    }

    #[test]
    fn a_record_for_another_asn_never_passes_the_certificate_or_key() {
        let cert = demo();
        let ev = record(&cert_remark("Registration Comments"), "[]");
        let mut inp = inputs(ev, &cert);
        inp.asn = Asn::new(397980);
        let r = run_asn(&inp);
        assert_eq!(
            r.get(&CheckId::RdapAutnumRecord).unwrap().status,
            Status::Fail
        );
        for id in [
            CheckId::KeyCertMatch,
            CheckId::RdapCertificate,
            CheckId::RdapSignature,
        ] {
            let c = r.get(&id).unwrap();
            assert_eq!(c.status, Status::NotRun, "{id}: {c:?}");
            assert!(
                c.message.contains("covers AS397979, not AS397980"),
                "{id}: {}",
                c.message
            );
        }
        // The certificate judged is the user's, not the other ASN's record's.
        assert!(
            r.get(&CheckId::CertValidity)
                .unwrap()
                .message
                .contains("your certificate"),
            "{:?}",
            r.get(&CheckId::CertValidity)
        );
        assert!(!r.ok() && !r.ready());
    }

    #[test]
    fn evidence_not_gathered_is_not_run_never_pass() {
        let cert = demo();
        let r = run_asn(&inputs(
            AutnumEvidence::Unavailable("offline".into()),
            &cert,
        ));
        for id in RDAP_IDS {
            assert_eq!(r.get(&id).unwrap().status, Status::NotRun, "{id}");
        }
        assert!(!r.ok() && !r.complete());
        let mut i = inputs(AutnumEvidence::NotAsked("local".into()), &cert);
        i.cidr = Some("192.198.0.0/24".parse().unwrap());
        i.roa = RoaEvidence::Unavailable("offline and no VRP file".into());
        let r = run_asn(&i);
        assert_eq!(r.get(&CheckId::RoaOwnAsn).unwrap().status, Status::NotRun);
        assert_eq!(
            r.get(&CheckId::Roa(crate::asn::Asn::new(16509)))
                .unwrap()
                .status,
            Status::NotRun
        );
        assert_eq!(
            r.get(&CheckId::RdapCertificate).unwrap().status,
            Status::Skip
        );
    }

    #[test]
    fn roa_evidence_for_another_prefix_is_not_judged() {
        let cert = demo();
        let mut i = inputs(AutnumEvidence::NotAsked("local".into()), &cert);
        assert!(i.roa_origins().is_empty(), "no prefix, no origins");
        i.cidr = Some("192.198.0.0/24".parse().unwrap());
        let asns: Vec<u32> = i.roa_origins().iter().map(|a| a.get()).collect();
        assert_eq!(asns, [397979, 16509, 14618]);
        let vrps = crate::roa::vrps::parse(
            b"ASN,IP Prefix,Max Length\nAS397979,198.51.100.0/24,24\nAS16509,198.51.100.0/24,24\nAS14618,198.51.100.0/24,24\n",
            "t.csv",
        )
        .unwrap();
        let other = "198.51.100.0/24".parse().unwrap();
        i.roa = RoaEvidence::from_vrps(&vrps, other, &i.roa_origins(), "t.csv");
        let r = run_asn(&i);
        for id in [CheckId::RoaOwnAsn, CheckId::Roa(Asn::new(16509))] {
            let c = r.get(&id).unwrap();
            assert_eq!(c.status, Status::NotRun, "{id}: {}", c.message);
            assert!(c.message.contains("not 192.198.0.0/24"), "{}", c.message);
        }
        // For its own prefix, the same file is judged.
        i.cidr = Some(other);
        i.roa = RoaEvidence::from_vrps(&vrps, other, &i.roa_origins(), "t.csv");
        let r = run_asn(&i);
        assert_eq!(r.get(&CheckId::RoaOwnAsn).unwrap().status, Status::Pass);
    }

    /// With a prefix, special-purpose space fails `prefix.public` as `check --cidr` fails
    /// it, before the ROA checks; public space passes it.
    #[test]
    fn a_prefix_with_an_asn_is_held_to_public_space() {
        let cert = demo();
        let mut i = inputs(AutnumEvidence::NotAsked("local".into()), &cert);
        i.cidr = Some("10.0.0.0/24".parse().unwrap());
        let r = run_asn(&i);
        let public = r.get(&CheckId::PrefixPublic).unwrap();
        assert_eq!(public.status, Status::Fail);
        assert!(public.message.contains("RFC 1918"), "{}", public.message);
        let at = |id: &CheckId| r.checks.iter().position(|c| &c.id == id).unwrap();
        assert!(at(&CheckId::PrefixPublic) < at(&CheckId::RoaOwnAsn));
        i.cidr = Some("192.198.0.0/24".parse().unwrap());
        assert_eq!(
            run_asn(&i).get(&CheckId::PrefixPublic).unwrap().status,
            Status::Pass
        );
        i.cidr = None;
        assert!(run_asn(&i).get(&CheckId::PrefixPublic).is_none());
    }

    #[test]
    fn a_prefix_with_an_asn_takes_ipams_max_length_rule() {
        let cert = demo();
        let mut i = inputs(AutnumEvidence::NotAsked("local".into()), &cert);
        let p: crate::prefix::Prefix = "198.51.100.0/22".parse().unwrap();
        i.cidr = Some(p);
        let judge = |i: &mut AsnInputs<'_>, ml: u8| {
            let text = format!(
                "ASN,IP Prefix,Max Length\nAS397979,198.51.100.0/22,{ml}\nAS16509,198.51.100.0/22,{ml}\nAS14618,198.51.100.0/22,24\n"
            );
            let vrps = crate::roa::vrps::parse(text.as_bytes(), "t.csv").unwrap();
            i.roa = RoaEvidence::from_vrps(&vrps, p, &i.roa_origins(), "t.csv");
            let r = run_asn(i);
            [
                CheckId::RoaOwnAsn,
                CheckId::Roa(Asn::new(16509)),
                CheckId::Roa(Asn::new(14618)),
            ]
            .map(|id| r.get(&id).unwrap().clone())
        };
        // /24 for IPv4, whatever the prefix's length.
        for c in judge(&mut i, 24) {
            assert_eq!(c.status, Status::Pass, "{}: {}", c.id, c.message);
        }
        // Longer fails, for the brought ASN's ROA and Amazon's alike.
        let [own, amazon, other] = judge(&mut i, 32);
        for c in [&own, &amazon] {
            assert_eq!(c.status, Status::Fail, "{}: {}", c.id, c.message);
            assert!(c.message.contains("longer than /24"), "{}", c.message);
            assert!(
                c.hint
                    .as_deref()
                    .unwrap()
                    .contains("\"Tutorial: Bring your ASN to IPAM\""),
                "{:?}",
                c.hint
            );
        }
        assert_eq!(other.status, Status::Pass);
        // So does the /22's own length, short of IPAM's /24.
        let [own, ..] = judge(&mut i, 22);
        assert_eq!(own.status, Status::Fail, "{}", own.message);
    }

    #[test]
    fn new_inputs_ask_for_no_evidence_and_skip_what_needs_it() {
        let mut i = AsnInputs::new(Asn::new(397979), crate::date::test_now());
        assert!(!i.govcloud && i.cidr.is_none());
        let r = run_asn(&i);
        let record = r.get(&CheckId::RdapAutnumRecord).unwrap();
        assert_eq!(
            (record.status, record.message.as_str()),
            (Status::Skip, super::super::NOT_GIVEN_RDAP)
        );
        assert!(r.get(&CheckId::RoaOwnAsn).is_none());
        i.cidr = Some("192.198.0.0/24".parse().unwrap());
        let r = run_asn(&i);
        let roa = r.get(&CheckId::RoaOwnAsn).unwrap();
        assert_eq!(
            (roa.status, roa.message.as_str()),
            (Status::Skip, super::super::NOT_GIVEN_ROAS)
        );
    }
}
