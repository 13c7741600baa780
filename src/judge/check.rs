//! The prerequisite report: every check the cloud will make, run before it makes it.
//!
//! The checklist of what AWS checks (the rules and their public sources are listed in the repository's docs/rules.md); each
//! item here has a stable id ([`CheckId`], docs/ids.md "Check ids"), a [`Status`], a one-line
//! message and, on warn/fail, what to do. [`run`] judges evidence it is given (RDAP facts
//! from [`crate::rdap`], ROAs from [`crate::roa`]), so every verdict is tested without a
//! network; `online` (feature `net`) gathers that evidence for a caller who wants one call.
//!
//! A check is never passed on evidence nobody looked at. Evidence that was needed but not
//! gathered (no saved record given, a network failure) makes its checks [`Status::NotRun`],
//! and a report with any of them is not [`Report::complete`], so never `ok`. Checks left
//! out by rule (a ROA for a range that is not advertised) or for want of evidence the
//! caller did not supply (no message given, local checks only) are [`Status::Skip`]; only
//! the second kind stops [`Report::ready`], the verdict to act on, and
//! [`Report::left_out`] lists them.

// One file per subject: an id `SUBJECT.NAME` is judged in `SUBJECT.rs` (`cert.*` in
// `cert.rs`). `run` (here) makes what every cloud's report shares and hands the rest to
// the cloud's flow: `aws.rs` for AWS, `azure_oci.rs` for Azure and Oracle; `asn.rs` is the
// BYOASN report; `inputs.rs` holds what a prefix's report is given, `evidence.rs` the
// evidence types, `report.rs` the report's types, `id.rs` the ids.

use std::sync::Arc;

mod asn;
mod aws;
mod azure_oci;
mod cert;
mod dns;
mod evidence;
mod inputs;
mod irr;
mod key;
mod message;
#[cfg(feature = "net")]
pub use crate::net::sources as online;
mod prefix;
mod rdap;
mod report;
mod roa;
mod saved;
mod signature;

pub use asn::{ASN_CHECK_IDS, AsnInputs, AutnumEvidence, run_asn};
pub use azure_oci::{RipeDbEvidence, check_ids};
use cert::CERT_IDS;
pub use cert::cert_validity;
pub(crate) use cert::{Held, Horizon, cert_checks_among};
pub use evidence::{CurrentOrigin, DnsEvidence, RdapEvidence, RoaEvidence};
pub(crate) use inputs::Given;
pub use inputs::{DnsToken, Inputs, Signed};
// `byoip audit` (crate::audit) judges the one certificate it is given.
pub use crate::id::{CheckId, UnknownCheckId};
#[cfg(feature = "manifest")]
pub(crate) use cert::cert_checks;
pub use irr::IrrEvidence;
pub(crate) use report::{Builder, Proof};
pub use report::{Check, Report, Status};
// `byoip audit` (crate::audit) says why a context's signature does not verify in the same words.
#[cfg(feature = "manifest")]
pub(crate) use signature::why_not;

use crate::cloud::Cloud;
use crate::rules;
use crate::{
    certificate::Certificate,
    key::VerifyingKey,
    rdap::{Record, registry::identify},
};
use key::{Absent, PublishedKey, key_cert_match};
use message::message_checks;
use prefix::prefix_checks;
use rdap::{Published, rdap_signature_check};
use roa::{current_origin_check, roa_evidence_check};
use signature::local_signature_check;

/// The last day of the message in `signed`, when it is exactly AWS's message (a prefix's
/// or an ASN's): what the certificate that verifies it must outlast.
pub(crate) fn message_expiry(signed: Option<Signed<'_>>) -> Option<crate::date::ExpiryDate> {
    let text = std::str::from_utf8(signed?.message).ok()?;
    text.parse::<crate::message::AuthorizationMessage>()
        .ok()
        .map(|m| m.expires)
}

/// The report on inputs [`Inputs::validate`] refuses: one not-run check saying why, with
/// the error's hint and citing `rule`, the row that refuses where one does, so that it
/// never reads as ready.
pub(crate) fn refused(
    cidr: &str,
    cloud: Cloud,
    e: &crate::Error,
    rule: Option<&'static crate::rules::Rule>,
) -> Report {
    let mut b = Builder::default();
    let mut cited = b.citing(rule);
    let c = cited.not_run(CheckId::PrefixSize, format!("not judged: {e}"));
    c.hint = Some(e.hint());
    c.remedy(e.remedies());
    drop(cited);
    let mut report = Report::new(cidr, b.0);
    report.cloud = cloud;
    report
}

/// Why an eligibility report ([`Inputs::eligibility_only`]) leaves out the checks that
/// need a key, its certificate or a signed message.
pub(crate) const NO_KEY_YET: &str = "eligibility only: no key, certificate or signed message yet";

/// Why an eligibility report leaves out `oci.token`: Oracle issues the token when the
/// range's import is started.
const NO_TOKEN_YET: &str = "eligibility only: no validation token yet";

/// Why the registry checks are skipped when no RDAP evidence was given.
const NOT_GIVEN_RDAP: &str = "no registry record was given";
/// Why the ROA checks are skipped when no ROA evidence was given.
const NOT_GIVEN_ROAS: &str = "no ROAs were given";

/// The stable check ids in report order; `roa.as<N>` follow for each required ASN, then
/// `roa.current-origin`.
pub const CHECK_IDS: &[CheckId] = &[
    CheckId::PrefixCanonical,
    CheckId::PrefixSize,
    CheckId::PrefixPublic,
    CheckId::MessageFormat,
    CheckId::MessageCidr,
    CheckId::MessageAccount,
    CheckId::MessageExpiry,
    CheckId::SignatureLocal,
    CheckId::KeyCertMatch,
    CheckId::CertValidity,
    CheckId::CertKeySize,
    CheckId::CertSelfSigned,
    CheckId::RdapRegistry,
    CheckId::RdapRecord,
    CheckId::RdapAllocationType,
    CheckId::RdapCertificate,
    CheckId::RdapSignature,
    CheckId::IrrRoute,
];

/// The ids judged from the DNS answers, which `dns-token` verification adds after the
/// `rdap.*` checks and `dns.token` (judged from the token alone).
pub const DNS_CHECK_IDS: &[CheckId] = &[CheckId::DnsDelegation, CheckId::DnsRecord];

/// Why a certificate-method check is skipped under `dns-token`.
pub(super) const NOT_FOR_DNS_TOKEN: &str =
    "does not apply: dns-token verification uses no certificate, key, message or signature";

/// Runs every check of [`Inputs::cloud`]'s report; on inputs [`Inputs::validate`] refuses,
/// none (the report's one check did not run, saying why).
pub fn run(inp: &Inputs<'_>) -> Report {
    if let Some((e, row)) = inp.refusal() {
        return refused(inp.cidr.text(), inp.cloud, &e, row);
    }
    let mut b = Builder::taking(inp.proof());
    prefix_checks(&mut b, inp);
    let ev = Evidence::of(inp);
    match inp.cloud {
        Cloud::Aws => aws::checks(&mut b, inp, &ev),
        Cloud::Azure => azure_oci::azure(&mut b, inp, &ev),
        Cloud::Oci => azure_oci::oci(&mut b, inp, &ev),
    }
    let row = match inp.cloud {
        Cloud::Aws => &rules::AWS_CURRENT_ORIGIN,
        Cloud::Azure => &rules::AZURE_CURRENT_ORIGIN,
        Cloud::Oci => &rules::OCI_CURRENT_ORIGIN,
    };
    current_origin_check(
        &mut b.citing([row]),
        &inp.origin,
        &inp.roa,
        inp.prefix(),
        &inp.cloud_origins(),
        inp.now.timestamp(),
    );
    let mut report = b.report(inp.cidr.text());
    report.cloud = inp.cloud;
    wanting_evidence(&mut report, inp);
    report
}

/// Gives each check that did not run for want of the registry's record, the ROAs or (for
/// Azure and Oracle, on a RIPE NCC record) the RIPE Database object what to do as values:
/// the saved answer to give, and the fetch that saves it for this prefix (the CLI:
/// `--rdap-file`, or `rdap_file` in a manifest, and `byoip rdap fetch`; `--ripe-db-file`
/// and `byoip ripedb fetch`).
fn wanting_evidence(report: &mut Report, inp: &Inputs<'_>) {
    use crate::error::{Input, Of, Remedy, Step};
    let p = inp.prefix();
    let no_record = matches!(inp.rdap, RdapEvidence::Unavailable(_));
    let no_roas = matches!(inp.roa, RoaEvidence::Unavailable(_));
    // RIPE's RDAP leaves out remarks:, where Azure reads the certificate (and Oracle may
    // find its token): the object read in its place, had it been read. A saved object for
    // another range is as good as none.
    let ev = Evidence::of(inp);
    let no_ripe_db = matches!(inp.cloud, Cloud::Azure | Cloud::Oci)
        && ev.reg == Some(crate::rdap::Registry::RipeNcc)
        && matches!(*ev.ripe_db, RipeDbEvidence::Unavailable(_));
    for c in report
        .checks
        .iter_mut()
        .filter(|c| c.status == Status::NotRun)
    {
        let wanted = match c.id {
            CheckId::RdapRegistry
            | CheckId::RdapRecord
            | CheckId::RdapAllocationType
            | CheckId::RdapCertificate
            | CheckId::RdapSignature
                if no_record =>
            {
                [
                    Remedy::Give(Input::RdapRecord(Of::Prefix(p))),
                    Remedy::Run(Step::FetchRdap(Of::Prefix(p))),
                ]
            }
            // `roa fetch` saves the ROAs of AWS's origins unless told another cloud's.
            CheckId::Roa(_) | CheckId::RoaOwnAsn | CheckId::RoaOrigin if no_roas => {
                let fetch = (inp.cloud == Cloud::Aws).then_some(Remedy::Run(Step::FetchRoas(p)));
                c.remedy(std::iter::once(Remedy::Give(Input::Vrps)).chain(fetch));
                continue;
            }
            CheckId::KeyCertMatch | CheckId::RdapCertificate | CheckId::RdapSignature
                if no_ripe_db =>
            {
                [
                    Remedy::Give(Input::RipeDbObject(p)),
                    Remedy::Run(Step::FetchRipeDb(p)),
                ]
            }
            _ => continue,
        };
        c.remedy(wanted);
    }
}

/// What every cloud's checks read of the registry's evidence, worked out once by [`run`].
pub(super) struct Evidence<'i> {
    /// The most specific RDAP record, when found.
    pub record: Option<&'i Record>,
    /// Its ancestors, nearest first (AWS reads a certificate on them too).
    pub ancestors: &'i [Arc<Record>],
    /// The registry the record names, and how that was told (RDAP answers say which
    /// registry they come from).
    pub id: Option<crate::rdap::Identification>,
    /// The registry alone.
    pub reg: Option<crate::registry::Registry>,
    /// The RIPE Database object as read: one for another range is not read.
    pub ripe_db: std::borrow::Cow<'i, RipeDbEvidence>,
}

impl<'i> Evidence<'i> {
    fn of(inp: &'i Inputs<'_>) -> Self {
        let (record, ancestors) = match &inp.rdap {
            RdapEvidence::Found { record, ancestors } => {
                (Some(record.as_ref()), ancestors.as_slice())
            }
            _ => (None, &[][..]),
        };
        let id = record.map(|r| identify(&r.network, r.source.url()));
        let p = inp.prefix();
        // A RIPE Database object for another range (the REST API looks objects up by their
        // range, RIPE Database documentation "RESTful API Queries") says nothing about this
        // prefix: its lines are not read, as if the object could not be had.
        let ripe_db = match &inp.ripe_db {
            RipeDbEvidence::Found { object, source, .. } if !object.covers(p.net()) => {
                std::borrow::Cow::Owned(RipeDbEvidence::Unavailable(format!(
                    "{source} is the RIPE Database {} {}, which does not cover {p}",
                    object.kind, object.key
                )))
            }
            db => std::borrow::Cow::Borrowed(db),
        };
        Evidence {
            record,
            ancestors,
            reg: id.as_ref().and_then(|i| i.registry),
            id,
            ripe_db,
        }
    }

    /// The record's text where Azure and Oracle read the proof: its RDAP remarks, and the
    /// RIPE Database object's `descr:` and `remarks:` when read (both, since a server may
    /// show either).
    pub fn texts(&self) -> Vec<crate::proof::Text> {
        let mut t: Vec<crate::proof::Text> = self
            .record
            .map(|r| crate::proof::from_rdap(&r.network, self.reg))
            .unwrap_or_default();
        if let RipeDbEvidence::Found { object, .. } = self.ripe_db.as_ref() {
            t.extend(crate::proof::from_ripe(object));
        }
        t
    }
}

/// The user's keys: the certificate's, then the key given.
pub(super) fn user_keys(
    cert: Option<&Certificate>,
    key: Option<&VerifyingKey>,
) -> Vec<VerifyingKey> {
    cert.and_then(|c| c.public_key().ok())
        .into_iter()
        .chain(key.cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::roa::tests::{validate, vrp};
    use crate::{dnstoken::Token, service::Service};

    fn inputs<'a>(cidr: &'a str, service: Service, roa: RoaEvidence) -> Inputs<'a> {
        let mut i = Inputs::new(cidr, service, crate::date::test_now()).unwrap();
        i.rdap = RdapEvidence::NotAsked("not asked".into());
        i.roa = roa;
        i
    }

    fn vrps(list: &[(u32, &str, u8)], prefix: &str, asns: &[u32]) -> RoaEvidence {
        let v: Vec<_> = list.iter().map(|&(asn, p, ml)| vrp(asn, p, ml)).collect();
        RoaEvidence::Origins(
            asns.iter()
                .map(|&a| validate(&v, a, prefix.parse().unwrap(), "t"))
                .collect(),
        )
    }

    #[test]
    fn a_callers_reason_for_no_message_is_what_each_check_left_out_for_it_says() {
        let why = "no signed context in contexts.json";
        let now = crate::date::test_now();
        let mut aws = Inputs::new("192.198.0.0/24", Service::Ec2, now).unwrap();
        aws.no_message = Some(why.into());
        let mut azure = Inputs::for_cloud(Cloud::Azure, "192.198.0.0/24", now).unwrap();
        azure.no_message = Some(why.into());
        let mut asn = AsnInputs::new(crate::asn::Asn::new(397979), now);
        asn.no_message = Some(why.into());
        for r in [run(&aws), run(&azure), run_asn(&asn)] {
            let said: Vec<&CheckId> = r
                .left_out()
                .filter(|c| c.message == why)
                .map(|c| &c.id)
                .collect();
            let message_ids = r
                .checks
                .iter()
                .filter(|c| c.id.to_string().starts_with("message."))
                .count();
            // Every message check, and signature.local (before it asks for a key).
            assert_eq!(said.len(), message_ids + 1, "{}: {said:?}", r.cloud);
            assert!(said.contains(&&CheckId::SignatureLocal), "{said:?}");
        }
        // Without a reason, each check says no message was given.
        aws.no_message = None;
        let r = run(&aws);
        assert!(
            r.get(&CheckId::MessageCidr)
                .unwrap()
                .message
                .starts_with("no message given"),
            "{r:?}"
        );
    }

    fn status(r: &Report, id: CheckId) -> Status {
        r.get(&id).unwrap_or_else(|| panic!("no {id}")).status
    }

    fn dns_report(dns: DnsEvidence) -> Report {
        let mut inp = inputs(
            "2801:10:c000::/48",
            Service::Ipam,
            RoaEvidence::NotAsked("no source".into()),
        );
        inp.dns_token = Some(DnsToken {
            token: Token::new("t", "v").unwrap(),
            dns,
        });
        run(&inp)
    }

    /// The report of a dns-token check with `token`, judged at `now`, the DNS not asked.
    fn token_report(token: Token, now: DateTime<Utc>) -> Report {
        let mut inp = inputs(
            "2801:10:c000::/48",
            Service::Ipam,
            RoaEvidence::NotAsked("no source".into()),
        );
        inp.now = now;
        inp.dns_token = Some(DnsToken {
            token,
            dns: DnsEvidence::NotAsked("local only".into()),
        });
        run(&inp)
    }

    /// Before a key exists, a record that already holds a certificate (another key's, or
    /// none at all) neither passes nor fails the proof: every check of it is left out, the
    /// rest is judged, and a report with nothing against it is eligible, never ready.
    #[test]
    fn eligibility_leaves_out_the_proof_and_judges_the_rest() {
        let good = vrps(
            &[(16509, "192.198.0.0/22", 24), (14618, "192.198.0.0/22", 24)],
            "192.198.0.0/24",
            &[16509, 14618],
        );
        for record in [
            &include_bytes!("../../testdata/rdap/synthetic/arin-good.json")[..],
            &include_bytes!("../../testdata/rdap/synthetic/arin-no-cert.json")[..],
            &include_bytes!("../../testdata/rdap/synthetic/arin-other-key.json")[..],
        ] {
            let mut inp = inputs("192.198.0.0/24", Service::Ec2, good.clone());
            inp.rdap = RdapEvidence::from_saved(record, "saved.json").unwrap();
            // The IRR is part of eligibility: without its answer irr.route is left out too.
            inp.irr = IrrEvidence::from_saved(
                b"% byoip_saved: fetched=2026-11-30T09:00:00Z url=whois://whois.radb.net:43 prefix=192.198.0.0/24\n%  No entries found for the selected source(s).\n",
                "irr.txt",
            )
            .unwrap();
            inp.eligibility_only = true;
            let r = run(&inp);
            let out: Vec<CheckId> = r.left_out().map(|c| c.id.clone()).collect();
            let mut want: Vec<CheckId> = message::AWS_PREFIX.ids().to_vec();
            want.extend([CheckId::SignatureLocal, CheckId::KeyCertMatch]);
            want.extend(CERT_IDS);
            want.extend([CheckId::RdapCertificate, CheckId::RdapSignature]);
            assert_eq!(out, want);
            assert!(r.left_out().all(|c| c.message == NO_KEY_YET));
            assert!(r.eligible_so_far() && !r.ready(), "{:?}", r.checks);
            // Without the flag, the same evidence is judged: no report is eligible then.
            inp.eligibility_only = false;
            assert!(!run(&inp).eligible_so_far());
        }
        // Something against the prefix: not eligible.
        let mut inp = inputs(
            "192.198.0.0/24",
            Service::Ec2,
            vrps(
                &[(16509, "192.198.0.0/22", 22)],
                "192.198.0.0/24",
                &[16509, 14618],
            ),
        );
        inp.rdap = RdapEvidence::from_saved(
            include_bytes!("../../testdata/rdap/synthetic/arin-no-cert.json"),
            "saved.json",
        )
        .unwrap();
        inp.eligibility_only = true;
        let r = run(&inp);
        assert_eq!(
            status(&r, CheckId::Roa(crate::asn::Asn::new(16509))),
            Status::Fail
        );
        assert!(!r.eligible_so_far());
        // Evidence left out by choice (the registry not asked): not eligible so far either.
        let mut inp = inputs("192.198.0.0/24", Service::Ec2, good);
        inp.eligibility_only = true;
        assert!(!run(&inp).eligible_so_far());
    }

    #[test]
    fn an_expired_token_fails_dns_token_and_one_about_to_expire_warns() {
        use chrono::Duration;
        let at: DateTime<Utc> = "2026-05-19T14:28:00Z".parse().unwrap();
        let mut t = Token::new("t", "v").unwrap();
        t.not_after = Some(at);
        t.status = Some("valid".into());

        // Past NotAfter (the very minute included): fail, with what to do.
        for now in [at, at + Duration::seconds(1), at + Duration::days(30)] {
            let r = token_report(t.clone(), now);
            let c = r.get(&CheckId::DnsToken).unwrap();
            assert_eq!(c.status, Status::Fail, "{now}: {c:?}");
            assert_eq!(
                c.message,
                "the token expired at 2026-05-19 14:28 UTC; AWS accepts a token for 72 hours"
            );
            assert!(c.hint.as_deref().unwrap().starts_with("create a new token"));
            assert!(!r.ok());
        }
        // Within a day: warn; more than a day left: pass, naming the time.
        let r = token_report(t.clone(), at - Duration::hours(3));
        assert_eq!(status(&r, CheckId::DnsToken), Status::Warn);
        assert!(r.ok(), "a warning alone is still ready");
        let r = token_report(t.clone(), at - Duration::days(2));
        let c = r.get(&CheckId::DnsToken).unwrap();
        assert_eq!(c.status, Status::Pass);
        assert_eq!(c.message, "the token is valid until 2026-05-19 14:28 UTC");

        // AWS's Status says expired, whatever the clock: fail, with or without NotAfter.
        let mut expired = t.clone();
        expired.status = Some("expired".into());
        let r = token_report(expired.clone(), at - Duration::days(2));
        assert_eq!(status(&r, CheckId::DnsToken), Status::Fail);
        expired.not_after = None;
        let r = token_report(expired, at);
        assert_eq!(status(&r, CheckId::DnsToken), Status::Fail);
        // A deleted token fails too.
        let mut deleted = t.clone();
        deleted.state = Some("delete-complete".into());
        let r = token_report(deleted, at - Duration::days(2));
        let c = r.get(&CheckId::DnsToken).unwrap();
        assert_eq!(c.status, Status::Fail);
        assert_eq!(c.message, "the token's State is delete-complete");

        // Only a Status: it passes on AWS's word.
        let mut status_only = Token::new("t", "v").unwrap();
        status_only.status = Some("valid".into());
        let r = token_report(status_only, at);
        let c = r.get(&CheckId::DnsToken).unwrap();
        assert_eq!(c.status, Status::Pass);
        assert_eq!(c.message, "the token's Status is valid");
        // A name and value alone: nothing known, so unconfirmed (warn), never a pass.
        let r = token_report(Token::new("t", "v").unwrap(), at);
        let c = r.get(&CheckId::DnsToken).unwrap();
        assert_eq!(c.status, Status::Warn, "{c:?}");
        assert!(c.message.starts_with("the token's expiry is not known"));
    }

    #[test]
    fn dns_token_comes_before_the_dns_answers_and_only_under_dns_token() {
        let r = dns_report(DnsEvidence::Unavailable("offline".into()));
        let at = |id: CheckId| r.checks.iter().position(|c| c.id == id).unwrap();
        assert_eq!(at(CheckId::DnsToken) + 1, at(CheckId::DnsDelegation));
        assert_eq!(at(CheckId::DnsDelegation) + 1, at(CheckId::DnsRecord));
        // Offline the token is still judged: it needs no network.
        assert_eq!(status(&r, CheckId::DnsToken), Status::Warn);
        let r = run(&inputs(
            "192.198.0.0/24",
            Service::Ipam,
            RoaEvidence::NotAsked("no source".into()),
        ));
        assert!(r.get(&CheckId::DnsToken).is_none());
    }

    #[test]
    fn dns_checks_never_pass_when_the_dns_was_not_asked_or_did_not_answer() {
        use crate::dnstoken::{Answer, Lookup, Token, judge, plan};
        let r = dns_report(DnsEvidence::Unavailable("offline".into()));
        assert_eq!(status(&r, CheckId::DnsRecord), Status::NotRun);
        assert_eq!(status(&r, CheckId::DnsDelegation), Status::NotRun);
        assert!(!r.ok() && !r.complete());
        let r = dns_report(DnsEvidence::NotAsked("local only".into()));
        assert_eq!(status(&r, CheckId::DnsRecord), Status::Skip);
        let r = dns_report(DnsEvidence::Names(Vec::new()));
        assert_eq!(status(&r, CheckId::DnsRecord), Status::NotRun);

        // Two names of a /47: one found, one unanswered: not-run, not pass.
        struct Half(usize);
        impl Lookup for Half {
            fn txt(&mut self, _: &str) -> Answer {
                self.0 += 1;
                if self.0 == 1 {
                    Answer::Records(vec![vec![b"v".to_vec()]])
                } else {
                    Answer::Failed("SERVFAIL".into())
                }
            }
            fn soa(&mut self, _: &str) -> Answer {
                Answer::Failed("SERVFAIL".into())
            }
        }
        let p = plan(
            "2801:10::/47".parse().unwrap(),
            &Token::new("t", "v").unwrap(),
        )
        .unwrap();
        let names = judge(&p, &mut Half(0));
        let r = dns_report(DnsEvidence::Names(names.clone()));
        assert_eq!(status(&r, CheckId::DnsRecord), Status::NotRun);
        assert_eq!(status(&r, CheckId::DnsDelegation), Status::NotRun);
        assert_eq!(r.get(&CheckId::DnsRecord).unwrap().details.len(), 2);
        // All found: both pass, and the certificate-method checks are skipped by rule.
        let mut all = names;
        all[1] = all[0].clone();
        let r = dns_report(DnsEvidence::Names(all));
        assert_eq!(status(&r, CheckId::DnsRecord), Status::Pass);
        assert_eq!(status(&r, CheckId::DnsDelegation), Status::Pass);
        assert_eq!(status(&r, CheckId::SignatureLocal), Status::Skip);
        assert_eq!(status(&r, CheckId::MessageAccount), Status::Skip);
        // Moot under dns-token, not left out: supplying a message would change nothing.
        for id in [CheckId::SignatureLocal, CheckId::MessageAccount] {
            assert!(!r.get(&id).unwrap().is_left_out(), "{id}");
        }
    }

    #[test]
    fn a_record_for_another_range_never_passes_the_certificate_key_or_type() {
        let saved = include_bytes!("../../testdata/rdap/synthetic/arin-good.json");
        let cert = Certificate::from_bytes(include_bytes!("../../testdata/demo-cert.pem")).unwrap();
        let judged = [
            CheckId::KeyCertMatch,
            CheckId::RdapAllocationType,
            CheckId::RdapCertificate,
            CheckId::RdapSignature,
        ];
        // The record is NET-192-198-0-0-1, 192.198.0.0/22: it holds none of one prefix
        // and only part of the other.
        for cidr in ["203.0.113.0/24", "192.198.0.0/21"] {
            let mut inp = inputs(cidr, Service::Ec2, RoaEvidence::NotAsked("t".into()));
            inp.rdap = RdapEvidence::from_saved(saved, "arin-good.json").unwrap();
            inp.certificate = Some(&cert);
            let r = run(&inp);
            assert_eq!(status(&r, CheckId::RdapRecord), Status::Fail, "{cidr}");
            for id in judged.clone() {
                let c = r.get(&id).unwrap();
                assert_eq!(c.status, Status::NotRun, "{cidr} {id}: {c:?}");
                assert!(
                    c.message.contains(&format!(
                        "covers 192.198.0.0/22 (NET-192-198-0-0-1), not {cidr}"
                    )),
                    "{cidr} {id}: {}",
                    c.message
                );
            }
            assert!(
                r.get(&CheckId::CertValidity)
                    .unwrap()
                    .message
                    .contains("your certificate")
            );
            assert!(!r.ok());
        }
        // The record for the prefix: the same evidence is judged.
        let mut inp = inputs(
            "192.198.0.0/24",
            Service::Ec2,
            RoaEvidence::NotAsked("t".into()),
        );
        inp.rdap = RdapEvidence::from_saved(saved, "arin-good.json").unwrap();
        inp.certificate = Some(&cert);
        let r = run(&inp);
        for id in [
            CheckId::KeyCertMatch,
            CheckId::RdapAllocationType,
            CheckId::RdapCertificate,
        ] {
            assert_eq!(status(&r, id.clone()), Status::Pass, "{id}");
        }
    }

    /// `arin-good.json` with a second remark holding `keys/other2048-cert.pem`.
    pub(super) fn record_with_two_certificates() -> RdapEvidence {
        let mut doc: serde_json::Value = serde_json::from_slice(include_bytes!(
            "../../testdata/rdap/synthetic/arin-good.json"
        ))
        .unwrap();
        let other: Vec<&str> = include_str!("../../testdata/keys/other2048-cert.pem")
            .lines()
            .collect();
        doc["remarks"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({
                "title": "Registration Comments",
                "description": other,
            }));
        RdapEvidence::from_saved(&serde_json::to_vec(&doc).unwrap(), "two.json").unwrap()
    }

    /// The report on `record` (a file of `testdata/rdap/synthetic/`) for 192.198.0.0/24 with
    /// the demo certificate as `--cert`.
    fn report_on(record: &[u8], cert: &Certificate) -> Report {
        let mut inp = inputs(
            "192.198.0.0/24",
            Service::Ec2,
            RoaEvidence::NotAsked("t".into()),
        );
        inp.rdap = RdapEvidence::from_saved(record, "two.json").unwrap();
        inp.certificate = Some(cert);
        run(&inp)
    }

    /// What every report (AWS, Azure, BYOASN) must say of a record holding two certificates
    /// of the user's key, one expired, whichever comes first: `cert.validity` fails naming
    /// the expired one and saying to remove it, `rdap.certificate` warns marking it, and the
    /// three checks read the same in either order.
    pub(super) fn assert_two_certificates_judged_alike(
        valid_first: &Report,
        expired_first: &Report,
        vendor: &str,
    ) {
        for r in [valid_first, expired_first] {
            let c = r.get(&CheckId::CertValidity).unwrap();
            assert_eq!(c.status, Status::Fail, "{c:?}");
            let opening = format!(
                "2 different certificates of your key sit where {vendor} reads and disagree"
            );
            assert!(
                c.message.starts_with(&opening)
                    && c.message.contains("expired on 2020-02-01 00:00 UTC"),
                "{}",
                c.message
            );
            assert!(
                c.hint.as_deref().is_some_and(|h| h
                    .starts_with("remove the expired certificate (notAfter 2020-02-01 00:00 UTC)")),
                "{:?}",
                c.hint
            );
            let w = r.get(&CheckId::RdapCertificate).unwrap();
            assert_eq!(w.status, Status::Warn, "{w:?}");
            assert!(
                w.details
                    .iter()
                    .any(|d| d.contains("notAfter 2020-02-01 00:00 UTC (expired)")),
                "{:?}",
                w.details
            );
        }
        for id in [
            CheckId::CertValidity,
            CheckId::KeyCertMatch,
            CheckId::RdapCertificate,
        ] {
            let (a, b) = (
                valid_first.get(&id).unwrap(),
                expired_first.get(&id).unwrap(),
            );
            assert_eq!(
                (a.status, &a.message, &a.hint),
                (b.status, &b.message, &b.hint),
                "{id}"
            );
        }
    }

    #[test]
    fn two_certificates_of_your_key_in_one_remark_judge_alike_in_either_order() {
        let cert = Certificate::from_bytes(include_bytes!("../../testdata/demo-cert.pem")).unwrap();
        let valid_first = report_on(
            include_bytes!("../../testdata/rdap/synthetic/arin-two-certs-valid-first.json"),
            &cert,
        );
        let expired_first = report_on(
            include_bytes!("../../testdata/rdap/synthetic/arin-two-certs-expired-first.json"),
            &cert,
        );
        for r in [&valid_first, &expired_first] {
            let c = r.get(&CheckId::CertValidity).unwrap();
            assert_eq!(c.status, Status::Fail, "{c:?}");
            assert!(
                c.message.starts_with(
                    "2 different certificates of your key sit where AWS reads and disagree: the certificate in the network remark \"Registration Comments\" of NET-192-198-0-0-1"
                ) && c.message.contains("expired on 2020-02-01 00:00 UTC")
                    && c.message.contains("is valid until 2126-11-01")
                    && c.message.ends_with("AWS does not document which one it reads"),
                "{}",
                c.message
            );
            assert!(
                c.hint.as_deref().is_some_and(|h| h.starts_with(
                    "remove the expired certificate (notAfter 2020-02-01 00:00 UTC) from the network remark \"Registration Comments\""
                ) && h.ends_with("and keep the one valid until 2126-11-01 19:45 UTC")),
                "{:?}",
                c.hint
            );
            assert_eq!(status(r, CheckId::KeyCertMatch), Status::Pass);
            assert!(!r.ok());
            // The warning marks the expired one and names it to remove.
            let w = r.get(&CheckId::RdapCertificate).unwrap();
            assert_eq!(w.status, Status::Warn, "{w:?}");
            let expired: Vec<&String> = w
                .details
                .iter()
                .filter(|d| d.contains("(expired)"))
                .collect();
            assert!(
                expired.len() == 1
                    && expired[0].contains("notAfter 2020-02-01 00:00 UTC (expired)"),
                "{:?}",
                w.details
            );
            assert!(
                w.hint.as_deref().is_some_and(|h| h.starts_with(
                    "keep one: remove the expired certificate of your key (notAfter 2020-02-01 00:00 UTC) from the network remark"
                ) && h.ends_with("keep the one holding your key valid until 2126-11-01 19:45 UTC")),
                "{:?}",
                w.hint
            );
            // Two certificates in one remark: one place, named once.
            assert!(
                w.message.contains(
                    "found in the network remark \"Registration Comments\" of NET-192-198-0-0-1"
                ) && !w.message.contains("more"),
                "{}",
                w.message
            );
        }
        // The same verdict, the same words, in either order.
        assert_two_certificates_judged_alike(&valid_first, &expired_first, "AWS");
        assert_eq!(
            valid_first.get(&CheckId::CertValidity).unwrap().details,
            expired_first.get(&CheckId::CertValidity).unwrap().details
        );
    }

    #[test]
    fn key_cert_match_names_every_place_of_your_key_in_either_order() {
        let cert = Certificate::from_bytes(include_bytes!("../../testdata/demo-cert.pem")).unwrap();
        let remark = |title: &str, pem: &str| serde_json::json!({"title": title, "description": pem.lines().collect::<Vec<_>>()});
        let demo = remark(
            "Registration Comments",
            include_str!("../../testdata/demo-cert.pem"),
        );
        let expired = remark(
            "Comments",
            include_str!("../../testdata/keys/expired-cert.pem"),
        );
        let message = |remarks: serde_json::Value| {
            let mut doc: serde_json::Value = serde_json::from_slice(include_bytes!(
                "../../testdata/rdap/synthetic/arin-no-cert.json"
            ))
            .unwrap();
            doc["remarks"] = remarks;
            let r = report_on(&serde_json::to_vec(&doc).unwrap(), &cert);
            let c = r.get(&CheckId::KeyCertMatch).unwrap().clone();
            assert_eq!(c.status, Status::Pass, "{c:?}");
            assert_eq!(status(&r, CheckId::CertValidity), Status::Fail);
            c.message
        };
        let a = message(serde_json::json!([demo.clone(), expired.clone()]));
        let b = message(serde_json::json!([expired, demo]));
        assert_eq!(a, b);
        assert!(
            a.contains("remark \"Comments\"") && a.contains("remark \"Registration Comments\""),
            "{a}"
        );
    }

    #[test]
    fn two_different_certificates_where_aws_reads_warn_listing_each() {
        let cert = Certificate::from_bytes(include_bytes!("../../testdata/demo-cert.pem")).unwrap();
        let mut inp = inputs(
            "192.198.0.0/24",
            Service::Ec2,
            RoaEvidence::NotAsked("t".into()),
        );
        inp.rdap = record_with_two_certificates();
        inp.certificate = Some(&cert);
        let r = run(&inp);
        let c = r.get(&CheckId::RdapCertificate).unwrap();
        assert_eq!(c.status, Status::Warn, "{c:?}");
        assert!(
            c.message
                .starts_with("2 different certificates where AWS reads")
                && c.message
                    .contains("AWS does not document which one it reads"),
            "{}",
            c.message
        );
        let mine = cert.public_key().unwrap().fingerprint().to_string();
        assert_eq!(
            c.hint.as_deref(),
            Some(
                format!(
                    "keep one: remove every certificate but the one holding your key (spki_sha256 {mine})"
                )
                .as_str()
            )
        );
        // One line per certificate: subject, notAfter, spki_sha256, where, whose.
        let listed: Vec<&String> = c
            .details
            .iter()
            .filter(|d| d.starts_with("subject "))
            .collect();
        assert_eq!(listed.len(), 2, "{:?}", c.details);
        assert!(
            listed[0].contains(&format!("spki_sha256 {mine}"))
                && listed[0].contains("notAfter 2126-11-01")
                && listed[0].contains("remark \"Registration Comments\" of NET-192-198-0-0-1")
                && listed[0].ends_with(": holds your key (the certificate or key you gave)"),
            "{}",
            listed[0]
        );
        assert!(listed[1].ends_with(": not your key"), "{}", listed[1]);
        // One certificate, however often it appears: a pass.
        let mut inp = inputs(
            "192.198.0.0/24",
            Service::Ec2,
            RoaEvidence::NotAsked("t".into()),
        );
        inp.rdap = RdapEvidence::from_saved(
            include_bytes!("../../testdata/rdap/synthetic/arin-good.json"),
            "one.json",
        )
        .unwrap();
        assert_eq!(status(&run(&inp), CheckId::RdapCertificate), Status::Pass);
    }

    #[test]
    fn a_recorded_fetch_time_gives_the_age_whatever_the_file_modification_time() {
        let body = include_bytes!("../../testdata/rdap/synthetic/arin-good.json");
        let now: DateTime<Utc> = "2031-06-01T12:00:00Z".parse().unwrap();
        let fetched = crate::rdap::saved::Fetched::new(
            now - chrono::Duration::days(40),
            "https://rdap.example/ip/192.198.0.0/24",
        );
        let record = crate::rdap::saved::records(body, "t").unwrap().remove(0);
        let saved = crate::rdap::saved::save(&record, &[], &fetched);
        let mut inp = inputs(
            "192.198.0.0/24",
            Service::Ec2,
            RoaEvidence::NotAsked("t".into()),
        );
        inp.now = now;
        // A fresh modification time (a clone) does not hide the recorded fetch time.
        inp.rdap = RdapEvidence::from_saved(&saved, "saved.json")
            .unwrap()
            .saved_at(now - chrono::Duration::hours(1));
        let c = run(&inp).get(&CheckId::RdapRecord).unwrap().clone();
        assert_eq!(c.status, Status::Warn, "{c:?}");
        assert!(c.message.contains("is 40 days old"), "{}", c.message);
        assert!(
            c.details.contains(
                &"saved answer saved.json: fetched 2031-04-22 12:00 UTC from https://rdap.example/ip/192.198.0.0/24 (recorded in the saved file), 40 days before the report's time"
                    .to_string()
            ),
            "{:?}",
            c.details
        );
        // Fetched after the report's time: the clock or the file is wrong, a warning.
        let future = crate::rdap::saved::Fetched::new(now + chrono::Duration::days(3), "u");
        let saved = crate::rdap::saved::save(&record, &[], &future);
        inp.rdap = RdapEvidence::from_saved(&saved, "saved.json").unwrap();
        let c = run(&inp).get(&CheckId::RdapRecord).unwrap().clone();
        assert_eq!(c.status, Status::Warn, "{c:?}");
        assert!(
            c.message.ends_with(
                "; but the saved answer saved.json was fetched 2031-06-04 12:00 UTC, in the future by this clock: check the clock or the file"
            ),
            "{}",
            c.message
        );
    }

    #[test]
    fn a_saved_record_shows_its_age_and_warns_past_30_days() {
        let saved = include_bytes!("../../testdata/rdap/synthetic/arin-good.json");
        let now: DateTime<Utc> = "2031-06-01T12:00:00Z".parse().unwrap();
        let report = |cidr: &str, at: Option<DateTime<Utc>>| {
            let mut inp = inputs(cidr, Service::Ec2, RoaEvidence::NotAsked("t".into()));
            inp.now = now;
            let ev = RdapEvidence::from_saved(saved, "arin-good.json").unwrap();
            inp.rdap = match at {
                Some(at) => ev.saved_at(at),
                None => ev,
            };
            run(&inp).get(&CheckId::RdapRecord).unwrap().clone()
        };
        let days = |n: i64| Some(now - chrono::Duration::days(n));
        // 30 days: still fresh, its age in the details.
        let c = report("192.198.0.0/24", days(30));
        assert_eq!(c.status, Status::Pass, "{c:?}");
        assert!(
            c.details.contains(
                &"saved answer arin-good.json: file modified 2031-05-02 12:00 UTC, 30 days before the report's time — a clone resets this; save it with a fetch that records when it was fetched"
                    .to_string()
            ),
            "{:?}",
            c.details
        );
        // Past 30 days: a warning, saying how old and what to do.
        let c = report("192.198.0.0/24", days(31));
        assert_eq!(c.status, Status::Warn, "{c:?}");
        assert!(
            c.message.ends_with(
                "; but the saved answer arin-good.json is 31 days old (more than 30): the registry may have changed since"
            ),
            "{}",
            c.message
        );
        assert!(c.hint.as_deref().unwrap().starts_with("fetch it again"));
        // A failing record stays failed, its age among the details.
        let c = report("203.0.113.0/24", days(90));
        assert_eq!(c.status, Status::Fail, "{c:?}");
        assert!(
            c.details.iter().any(|d| d.contains("90 days before")),
            "{c:?}"
        );
        // Hours, and a file saved after the report's time.
        let c = report("192.198.0.0/24", Some(now - chrono::Duration::hours(5)));
        assert!(
            c.details
                .iter()
                .any(|d| d.contains("5 hours before the report's time"))
        );
        let c = report("192.198.0.0/24", Some(now + chrono::Duration::days(2)));
        assert_eq!(c.status, Status::Pass);
        assert!(
            c.details
                .iter()
                .any(|d| d.contains(", after the report's time"))
        );
        // An answer fetched for the report has no age to show.
        let c = report("192.198.0.0/24", None);
        assert!(
            !c.details.iter().any(|d| d.starts_with("saved answer")),
            "{c:?}"
        );
    }

    #[test]
    fn without_evidence_every_dependent_check_is_skipped_not_guessed() {
        let r = run(&inputs(
            "192.198.0.0/24",
            Service::Ec2,
            RoaEvidence::NotAsked("no source".into()),
        ));
        assert!(r.ok());
        for id in CHECK_IDS.iter().skip(3) {
            assert_eq!(status(&r, id.clone()), Status::Skip, "{id}");
        }
        assert_eq!(
            status(&r, CheckId::Roa(crate::asn::Asn::new(16509))),
            Status::Skip
        );
        assert_eq!(r.get(&CheckId::RdapRecord).unwrap().message, "not asked");
    }

    #[test]
    fn new_inputs_ask_for_no_evidence_and_skip_what_needs_it() {
        let inp = Inputs::new("192.198.0.0/24", Service::Ec2, crate::date::test_now()).unwrap();
        assert!(inp.advertise && !inp.govcloud);
        assert_eq!(inp.method().as_str(), "remarks-x509");
        let r = run(&inp);
        assert!(r.ok() && r.complete());
        // Nothing failed, but nearly nothing was checked: not ready, and it says why.
        assert!(!r.ready());
        let out: Vec<CheckId> = r.left_out().map(|c| c.id.clone()).collect();
        for id in [
            CheckId::RdapRecord,
            CheckId::Roa(crate::asn::Asn::new(16509)),
            CheckId::MessageFormat,
            CheckId::SignatureLocal,
            CheckId::CertValidity,
        ] {
            assert!(out.contains(&id), "{id} not left out: {out:?}");
        }
        for c in r.checks.iter().filter(|c| c.status == Status::Pass) {
            assert!(!c.is_left_out(), "{}", c.id);
        }
        assert!(r.left_out().all(|c| c.status == Status::Skip));
        let record = r.get(&CheckId::RdapRecord).unwrap();
        assert_eq!(
            (record.status, record.message.as_str()),
            (Status::Skip, NOT_GIVEN_RDAP)
        );
        let roa = r.get(&CheckId::Roa(crate::asn::Asn::new(16509))).unwrap();
        assert_eq!(
            (roa.status, roa.message.as_str()),
            (Status::Skip, NOT_GIVEN_ROAS)
        );
    }

    #[test]
    fn a_max_length_longer_than_the_rule_fails_ipam_and_ec2_alike() {
        let ev = || {
            vrps(
                &[(16509, "192.198.0.0/22", 25), (14618, "192.198.0.0/22", 24)],
                "192.198.0.0/24",
                &[16509, 14618],
            )
        };
        for service in [Service::Ipam, Service::Ec2] {
            let r = run(&inputs("192.198.0.0/24", service, ev()));
            assert_eq!(
                status(&r, CheckId::Roa(crate::asn::Asn::new(16509))),
                Status::Fail,
                "{service}"
            );
            assert_eq!(
                status(&r, CheckId::Roa(crate::asn::Asn::new(14618))),
                Status::Pass,
                "{service}"
            );
            let c = r.get(&CheckId::Roa(crate::asn::Asn::new(16509))).unwrap();
            assert!(
                c.details[0].starts_with("matched: AS16509 192.198.0.0/22 maxLength 25"),
                "{:?}",
                c.details
            );
        }
    }

    #[test]
    fn the_prefix_judged_is_the_one_the_text_denotes() {
        for (text, prefix, canonical) in [
            ("192.198.0.0/24", "192.198.0.0/24", Status::Pass),
            ("192.198.0.7/24", "192.198.0.0/24", Status::Fail),
            ("2001:DB8:1200::/48", "2001:db8:1200::/48", Status::Warn),
        ] {
            let inp = Inputs::new(text, Service::Ec2, crate::date::test_now()).unwrap();
            assert_eq!(inp.cidr.text(), text);
            assert_eq!(inp.prefix().to_string(), prefix);
            let r = run(&inp);
            assert_eq!(r.cidr, text);
            assert_eq!(status(&r, CheckId::PrefixCanonical), canonical, "{text}");
            // Every other check is about that prefix.
            let public = &r.get(&CheckId::PrefixPublic).unwrap().message;
            assert!(public.starts_with(prefix), "{public}");
        }
        for text in ["10.0.0.0", "banana", "10.0.0.0/33", ""] {
            let e = Inputs::new(text, Service::Ec2, crate::date::test_now()).unwrap_err();
            assert!(e.to_string().contains("invalid CIDR"), "{e}");
        }
    }

    #[test]
    fn documentation_space_and_host_bits_fail_with_the_fix() {
        let r = run(&inputs(
            "2001:db8:1200::/48",
            Service::Ec2,
            RoaEvidence::NotAsked(String::new()),
        ));
        assert_eq!(status(&r, CheckId::PrefixPublic), Status::Fail);
        assert!(
            r.get(&CheckId::PrefixPublic)
                .unwrap()
                .message
                .contains("RFC 3849")
        );
        let mut i = inputs(
            "192.198.0.0/24",
            Service::Ec2,
            RoaEvidence::NotAsked(String::new()),
        );
        i.cidr = "192.198.0.7/24".parse().unwrap();
        let r = run(&i);
        assert_eq!(status(&r, CheckId::PrefixCanonical), Status::Fail);
        assert_eq!(
            r.get(&CheckId::PrefixCanonical).unwrap().hint.as_deref(),
            Some("use 192.198.0.0/24")
        );
        assert!(!r.ok());
    }
}
