//! AWS's report on a prefix (EC2 BYOIP, VPC IPAM, Global Accelerator, CloudFront through
//! IPAM), after the prefix checks [`super::run`] makes for every cloud: the message and its
//! signature, the key and certificate, the registry record, the IRR, under `dns-token` the
//! token and the DNS, and the ROAs for Amazon's ASNs. The rules and their public sources
//! are the rules table's rows each check cites (docs/rules.md).

use super::{
    Builder, CERT_IDS, CheckId, Evidence, Held, Horizon, Inputs, VerificationMethod, cert,
    cert_checks_among,
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
use crate::{account::AccountId, cloud::Cloud, rules, service::Service};

/// AWS's checks of `inp` on the registry's evidence `ev`, into `b`.
pub(super) fn checks(b: &mut Builder, inp: &Inputs<'_>, ev: &Evidence<'_>) {
    let user_keys = user_keys(inp.certificate, inp.key);

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

    // Local signature: the user's own key, independent of RDAP.
    b.proof([CheckId::SignatureLocal], |b| {
        local_signature_check(
            &mut b.citing([&rules::AWS_SIGNATURE]),
            inp.given(),
            &user_keys,
        );
    });

    // RDAP certificates, judged by place.
    let (record, ancestors, reg) = (ev.record, ev.ancestors, ev.reg);
    // Where AWS reads the certificate at this registry: the row the certificate checks apply.
    let placement = reg.and_then(|r| rules::placement(Cloud::Aws, r));
    let rdap_certs = rdap_certs(record, ancestors, reg);
    // Each readable certificate's key, parsed once, and whether the signature verifies
    // under it (AWS's own check), computed once.
    let parsed = parse(&rdap_certs, inp.signed);
    // A record for another range: nothing on it is judged as if it were this prefix's.
    let foreign = record.and_then(|r| foreign_record(r, inp.prefix()));

    // key.cert-match
    b.proof([CheckId::KeyCertMatch], |b| {
        let where_to = reg.map_or("in the network record's remarks", |r| r.where_to_publish());
        let published: Vec<PublishedKey<'_>> = parsed
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
        match &foreign {
            Some(why) if !user_keys.is_empty() => {
                b.not_run(CheckId::KeyCertMatch, why.clone());
            }
            _ => key_cert_match(
                &mut b.citing(placement),
                Cloud::Aws,
                &user_keys,
                &published,
                &absent,
            ),
        }
    });

    // The certificates AWS may use: the RDAP ones holding the user's key (where AWS reads,
    // else anywhere), else those the signature verifies under, else every readable one,
    // else the user's own; all of them judged, whatever their order in the record.
    // Never one on a record for another range: AWS would not read it for this prefix.
    let (held, what) = cert::certificates_in_use(
        &parsed,
        foreign.is_some(),
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

    // rdap.registry, rdap.record, rdap.allocation-type
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
    if let (Some(rec), Some(id)) = (record, &ev.id) {
        if matches!(inp.method, VerificationMethod::DnsToken { .. }) {
            dns_token_registry_check(&mut b.citing([&rules::AWS_DNS_TOKEN_REGISTRIES]), id);
        } else {
            registry_check(&mut b.citing([&rules::AWS_REGISTRIES]), id);
        }
        record_check(b, rec, inp.prefix(), inp.now, None);
        let net = &rec.network;
        // At a registry AWS does not read for certificates, the registry's rule decides
        // (rdap.registry says what to do instead), whatever range the record covers.
        let read = reg.is_none_or(|r| r.supports_x509());
        match &foreign {
            Some(why) if read => {
                b.not_run(CheckId::RdapAllocationType, why.clone());
            }
            _ => allocation_check(b, reg, net.kind.as_deref(), inp.prefix().is_ipv4()),
        }
        b.proof([CheckId::RdapCertificate, CheckId::RdapSignature], |b| {
            if let Some(why) = foreign.as_ref().filter(|_| read) {
                b.not_run(CheckId::RdapCertificate, why.clone());
                b.not_run(CheckId::RdapSignature, why.clone());
                return;
            }
            let mut b = b.citing(placement);
            certificate_check(&mut b, &rdap_certs, rec, reg, &user_keys, inp.now);
            let published: Vec<Published<'_>> = parsed
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
                &user_keys,
                (None, None),
            );
        });
    }

    irr::irr_route_check(
        b,
        &inp.irr,
        inp.prefix(),
        inp.service,
        inp.govcloud,
        inp.now,
    );
    if let VerificationMethod::DnsToken { token, dns } = &inp.method {
        token_check(
            &mut b.citing([&rules::AWS_DNS_TOKEN_LIFETIME]),
            token,
            inp.now,
        );
        dns_checks(b, dns);
    }
    roa_checks(b, inp);
}
