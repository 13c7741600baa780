//! AWS's report on a prefix (EC2 BYOIP, VPC IPAM, Global Accelerator, CloudFront through
//! IPAM), after the prefix checks [`super::run`] makes for every cloud: the message and its
//! signature, the key and certificate, the registry record, the IRR, under `dns-token` the
//! token and the DNS, and the ROAs for Amazon's ASNs. The rules and their public sources
//! are the rules table's rows each check cites (docs/rules.md).

use super::rdap::{Parsed, RdapCert};
use super::{
    Builder, CERT_IDS, CheckId, DnsToken, Evidence, Held, Horizon, Inputs, cert, cert_checks_among,
    dns::{dns_checks, token_check},
    irr,
    key::{Absent, PublishedKey, key_cert_match},
    message::{self, message_checks},
    message_expiry,
    rdap::{
        NoRecord, Published, RDAP_IDS, allocation_check, certificate_check,
        dns_token_registry_check, foreign_record, parse, rdap_certs, rdap_signature_check,
        record_check, record_missing, registry_check,
    },
    roa::roa_checks,
    signature::local_signature_check,
    user_keys,
};
use crate::{
    account::AccountId,
    cloud::Cloud,
    key::VerifyingKey,
    registry::Registry,
    rules::{self, Rule},
    service::Service,
};

/// AWS's checks of `inp` on the registry's evidence `ev`, into `b`: the message and its
/// signature, the key and certificate, the registry's record, the IRR, under `dns-token`
/// the token and the DNS, and the ROAs.
pub(super) fn checks(b: &mut Builder, inp: &Inputs<'_>, ev: &Evidence<'_>) {
    let user_keys = user_keys(inp.certificate, inp.key);
    message_and_signature_checks(b, inp, &user_keys);
    let certs = rdap_certs(ev.record, ev.ancestors, ev.reg);
    let found = Found::of(&certs, inp, ev);
    key_cert_match_check(b, inp, &found, &user_keys);
    certificate_checks(b, inp, &found, &user_keys);
    registry_checks(b, inp, ev, &found, &user_keys);
    irr::irr_route_check(
        b,
        &inp.irr,
        inp.prefix(),
        inp.service,
        inp.govcloud,
        inp.now,
    );
    if let Some(DnsToken { token, dns }) = &inp.dns_token {
        token_check(
            &mut b.citing([&rules::AWS_DNS_TOKEN_LIFETIME]),
            token,
            inp.now,
        );
        dns_checks(b, dns);
    }
    roa_checks(b, inp);
}

/// The `message.*` checks of AWS's message and `signature.local`, the signature under the
/// user's own key, independent of RDAP.
fn message_and_signature_checks(b: &mut Builder, inp: &Inputs<'_>, user_keys: &[VerifyingKey]) {
    b.proof(message::AWS_PREFIX.ids(), |b| {
        // CloudFront's range is verified as IPAM's, by this message or a DNS token.
        let cloudfront =
            (inp.service == Service::Cloudfront).then_some(&rules::AWS_CF_VERIFICATION);
        message_checks(
            &mut b.citing(cloudfront),
            &message::AWS_PREFIX,
            &message::Expected {
                message: inp.given(),
                given: inp.cidr.text(),
                canonical: inp.prefix().to_string(),
                holder: inp.account.as_ref().map(AccountId::as_str),
                lint: crate::lint::LintOptions {
                    today: inp.now.date_naive(),
                    service: inp.service,
                    advertise: inp.advertise,
                },
            },
        );
    });
    b.proof([CheckId::SignatureLocal], |b| {
        local_signature_check(
            &mut b.citing([&rules::AWS_SIGNATURE]),
            inp.given(),
            user_keys,
        );
    });
}

/// The certificates found in RDAP (on the record and its ancestors), judged by place.
struct Found<'c, 'r> {
    /// The registry, when the record names one.
    reg: Option<Registry>,
    /// Where AWS reads the certificate at this registry: the row the certificate checks
    /// apply.
    placement: Option<&'static Rule>,
    /// Every certificate found, with where AWS makes of its place.
    certs: &'c [RdapCert<'r>],
    /// Each readable certificate's key, parsed once, and whether the signature verifies
    /// under it (AWS's own check), computed once.
    parsed: Vec<Parsed<'c, 'r>>,
    /// Why the record says nothing of this prefix, when it is another range's: nothing on
    /// it is judged as if it were this prefix's.
    foreign: Option<String>,
}

impl<'c, 'r> Found<'c, 'r> {
    fn of(certs: &'c [RdapCert<'r>], inp: &Inputs<'_>, ev: &Evidence<'_>) -> Self {
        Found {
            reg: ev.reg,
            placement: ev.reg.and_then(|r| rules::placement(Cloud::Aws, r)),
            certs,
            parsed: parse(certs, inp.signed),
            foreign: ev.record.and_then(|r| foreign_record(r, inp.prefix())),
        }
    }
}

/// `key.cert-match`: a certificate in RDAP holds the user's key, where AWS reads it.
fn key_cert_match_check(
    b: &mut Builder,
    inp: &Inputs<'_>,
    found: &Found<'_, '_>,
    user_keys: &[VerifyingKey],
) {
    b.proof([CheckId::KeyCertMatch], |b| {
        let where_to = found
            .reg
            .map_or("in the network record's remarks", |r| r.where_to_publish());
        let published: Vec<PublishedKey<'_>> = found
            .parsed
            .iter()
            .map(|p| PublishedKey {
                place: p.rc.whereabouts(),
                key: p.key.as_ref().map_err(crate::Error::chain),
                unread: (!p.rc.readable()).then(|| format!("publish it {where_to}")),
            })
            .collect();
        let absent = inp
            .rdap
            .no_record()
            .map_or(Absent::NoneFound, NoRecord::absent);
        key_cert_match(
            b,
            Cloud::Aws,
            found.placement,
            found.foreign.as_deref(),
            user_keys,
            &published,
            &absent,
        );
    });
}

/// The `cert.*` checks of the certificates AWS may use: the RDAP ones holding the user's
/// key (where AWS reads, else anywhere), else those the signature verifies under, else
/// every readable one, else the user's own; all of them judged, whatever their order in
/// the record. Never one on a record for another range: AWS would not read it for this
/// prefix.
fn certificate_checks(
    b: &mut Builder,
    inp: &Inputs<'_>,
    found: &Found<'_, '_>,
    user_keys: &[VerifyingKey],
) {
    let (held, what) = cert::certificates_in_use(
        &found.parsed,
        found.foreign.is_some(),
        |p| p.rc.readable(),
        |p| p.key.as_ref().is_ok_and(|k| user_keys.contains(k)),
        |p| p.verifies,
    );
    let held: Vec<Held<'_>> = held
        .into_iter()
        .map(|p| Held {
            label: format!("the RDAP certificate on {}", p.rc.record.network.describe()),
            place: p.rc.whereabouts(),
            cert: p.cert,
        })
        .collect();
    b.proof(CERT_IDS, |b| {
        cert_checks_among(
            b,
            Cloud::Aws,
            &held,
            what,
            inp.certificate.map(|c| ("your certificate".to_string(), c)),
            inp.now,
            &Horizon::of(Cloud::Aws, inp.service, message_expiry(inp.signed)),
        );
    });
}

/// The `rdap.*` checks: the registry (the one `dns-token` takes, or one AWS reads
/// certificates at), the record, its allocation type, the certificate on it and the
/// signature under it; without a record, AWS's "No X509 certificate could be found".
fn registry_checks(
    b: &mut Builder,
    inp: &Inputs<'_>,
    ev: &Evidence<'_>,
    found: &Found<'_, '_>,
    user_keys: &[VerifyingKey],
) {
    if record_missing(
        b,
        inp.rdap.no_record(),
        &RDAP_IDS,
        CheckId::RdapRecord,
        &inp.prefix(),
        "check the prefix; a registry answers only for space it manages (transferred space may still point at the old registry)",
    ) {
        b.skip(CheckId::RdapAllocationType, "no record");
        b.proof([CheckId::RdapCertificate], |b| {
            b.fail(
                CheckId::RdapCertificate,
                "no record, so no certificate: AWS reports \"No X509 certificate could be found in the Whois remarks\"",
                "register the prefix at ARIN, RIPE NCC or APNIC and publish the certificate on its record",
            );
        });
        b.proof_skip(CheckId::RdapSignature, "no record");
    }
    let (Some(rec), Some(id)) = (ev.record, &ev.id) else {
        return;
    };
    if inp.dns_token.is_some() {
        dns_token_registry_check(&mut b.citing([&rules::AWS_DNS_TOKEN_REGISTRIES]), id);
    } else {
        registry_check(&mut b.citing([&rules::AWS_REGISTRIES]), id);
    }
    record_check(b, rec, inp.prefix(), inp.now, None);
    let reg = found.reg;
    // At a registry AWS does not read for certificates, the registry's rule decides
    // (rdap.registry says what to do instead), whatever range the record covers.
    let read = reg.is_none_or(|r| r.supports_x509());
    match &found.foreign {
        Some(why) if read => {
            b.not_run(CheckId::RdapAllocationType, why.clone());
        }
        _ => allocation_check(b, reg, rec.network.kind.as_deref(), inp.prefix().is_ipv4()),
    }
    b.proof([CheckId::RdapCertificate, CheckId::RdapSignature], |b| {
        if let Some(why) = found.foreign.as_ref().filter(|_| read) {
            b.not_run(CheckId::RdapCertificate, why.clone());
            b.not_run(CheckId::RdapSignature, why.clone());
            return;
        }
        let mut b = b.citing(found.placement);
        certificate_check(&mut b, found.certs, rec, reg, user_keys, inp.now);
        let published: Vec<Published<'_>> = found
            .parsed
            .iter()
            .map(|p| Published {
                whereabouts: p.rc.whereabouts(),
                readable: p.rc.readable(),
                key: p.key.as_ref().map_err(crate::Error::chain),
                verifies: p.verifies,
            })
            .collect();
        rdap_signature_check(
            &mut b.citing([&rules::AWS_SIGNATURE]),
            Cloud::Aws,
            inp.given(),
            &published,
            user_keys,
            (None, None),
        );
    });
}
