//! Azure's report on a prefix (Microsoft Learn, "Create a custom IPv4 address prefix using
//! the Azure CLI" and "Manage a custom IP address prefix"): the message and its signature,
//! the certificate where Azure reads it at the registry, and the ROAs of AS8075 (AS8070 in
//! US Government) of exactly the prefix's length.

use chrono::{DateTime, NaiveDate, Utc};

use super::{
    CHAIN_DATE, PREFIX_NOT_FOUND, azure_area, cloud_registry_check, codes, date, no_irr_rule,
    required_origins, ripe_db_saved, ripe_unread,
};
use crate::check::{
    Builder, CheckId, Evidence, Held, Horizon, Inputs, RdapEvidence, cert_checks_among,
    key::{Absent, PublishedKey, key_cert_match},
    rdap::{Published, foreign_record, rdap_signature_check, record_check, record_missing},
    signature::local_signature_check_for,
    user_keys,
};
use crate::{
    certificate::Certificate,
    cloud::Cloud,
    error::{Change, Remedy, Step},
    key::VerifyingKey,
    lint::LintOptions,
    message::{Fields, Shape},
    prefix::Prefix,
    proof::{self, PlacedCertificate},
    registry::Registry,
    roa::{
        ExpirySpan,
        cloud::{ExactState, exact},
    },
    rules::{self, Rule},
    signature,
};

const AZURE_IDS_RDAP: [CheckId; 4] = [
    CheckId::RdapRegistry,
    CheckId::RdapRecord,
    CheckId::RdapCertificate,
    CheckId::RdapSignature,
];

/// Azure's checks of `inp` on the registry's evidence `ev`, into `b`: the message and its
/// signature, the certificate where Azure reads it, the registry's record, and the ROAs.
pub(in crate::judge::check) fn azure(b: &mut Builder, inp: &Inputs<'_>, ev: &Evidence<'_>) {
    let user_keys = user_keys(inp.certificate, inp.key);
    message_checks(b, inp, &user_keys);
    let texts = ev.texts();
    let placed = proof::certificates(&texts, ev.reg);
    let found = Found::of(&placed, inp, ev);
    key_cert_match_check(b, inp, &found, &user_keys);
    certificate_checks(b, inp, &found, &user_keys);
    registry_checks(b, inp, ev, &found, &user_keys);
    no_irr_rule(b, inp.cloud);
    azure_roa_check(b, inp);
}

/// The `message.*` checks of Azure's message and `signature.local`, its PKCS#1 v1.5
/// signature under the user's keys.
fn message_checks(b: &mut Builder, inp: &Inputs<'_>, user_keys: &[VerifyingKey]) {
    let message_ids = crate::check::message::AZURE.ids().into_iter();
    b.proof(message_ids.chain([CheckId::SignatureLocal]), |b| {
        crate::check::message_checks(
            b,
            &crate::check::message::AZURE,
            &crate::check::message::Expected {
                message: inp.given(),
                given: inp.cidr.text(),
                canonical: inp.prefix().to_string(),
                holder: inp.subscription.as_ref().map(|s| s.as_str()),
                // The report's own clock, never the system's: a caller (a browser page, a
                // test) judges as of the time it passes in.
                lint: LintOptions::on(inp.now.date_naive()),
            },
        );
        local_signature_check_for(
            &mut b.citing([&rules::AZURE_SIGNATURE]),
            Cloud::Azure,
            inp.given(),
            user_keys,
            Some(crate::message::azure::codes::SIGNATURE_NOT_VERIFIED),
        );
    });
}

/// The certificates found on the registry's record (and the RIPE Database object), as
/// Azure reads them.
struct Found<'p> {
    /// The registry, when the record names one.
    reg: Option<Registry>,
    /// Where Azure reads the certificate at this registry: the rules table's row that the
    /// certificate checks apply.
    placement: Option<&'static Rule>,
    /// Every certificate found, with where it sits and which clouds read it there.
    placed: &'p [PlacedCertificate],
    /// The certificates Azure reads that parse, with where they sit.
    readable: Vec<(&'p PlacedCertificate, &'p Certificate)>,
    /// RIPE NCC's RDAP does not show remarks:, where Azure reads: without the RIPE
    /// Database object, a certificate not seen is a certificate not looked for.
    ripe_unread: Option<String>,
    /// Why the record says nothing of this prefix, when it is another range's: nothing on
    /// it is judged as if it were this prefix's.
    foreign: Option<String>,
}

impl<'p> Found<'p> {
    fn of(placed: &'p [PlacedCertificate], inp: &Inputs<'_>, ev: &Evidence<'_>) -> Self {
        let azure_reads = |c: &&PlacedCertificate| c.clouds.contains(&Cloud::Azure);
        Found {
            reg: ev.reg,
            placement: ev.reg.and_then(|r| rules::placement(Cloud::Azure, r)),
            placed,
            readable: placed
                .iter()
                .filter(azure_reads)
                .filter_map(|c| c.certificate.as_ref().ok().map(|cert| (c, cert)))
                .collect(),
            ripe_unread: ripe_unread(&ev.ripe_db, ev.reg),
            foreign: ev.record.and_then(|r| foreign_record(r, inp.prefix())),
        }
    }
}

/// `key.cert-match`, counting a certificate only where Azure reads it: one holding the key
/// elsewhere (a RIPE descr: line, an organization's remarks) is never seen by Azure.
fn key_cert_match_check(
    b: &mut Builder,
    inp: &Inputs<'_>,
    found: &Found<'_>,
    user_keys: &[VerifyingKey],
) {
    let keys: Vec<Result<VerifyingKey, String>> = found
        .placed
        .iter()
        .map(|c| match &c.certificate {
            Ok(cert) => cert.public_key().map_err(|e| e.chain()),
            Err(e) => Err(e.chain()),
        })
        .collect();
    let move_it = move_hint(found.reg);
    let published: Vec<PublishedKey<'_>> = found
        .placed
        .iter()
        .zip(&keys)
        .map(|(c, k)| PublishedKey {
            place: c.label.clone(),
            key: k.as_ref().map_err(Clone::clone),
            unread: (!c.clouds.contains(&Cloud::Azure)).then(|| move_it.clone()),
        })
        .collect();
    let absent = match (&inp.rdap, &found.ripe_unread) {
        (RdapEvidence::Unavailable(why), _) => Absent::NotGathered(why),
        (RdapEvidence::NotAsked(why), _) => Absent::NotAsked(why),
        (_, Some(why)) => Absent::NotGathered(why),
        _ => Absent::NoneFound,
    };
    b.proof([CheckId::KeyCertMatch], |b| {
        key_cert_match(
            b,
            Cloud::Azure,
            found.placement,
            found.foreign.as_deref(),
            user_keys,
            &published,
            &absent,
        );
    });
}

/// The `cert.*` checks of the certificates Azure may use: those where it reads holding the
/// user's key, else every one where it reads, else the user's own (never one on a record
/// for another range); all of them judged, whatever their order in the record.
fn certificate_checks(
    b: &mut Builder,
    inp: &Inputs<'_>,
    found: &Found<'_>,
    user_keys: &[VerifyingKey],
) {
    let (held, what) = crate::check::cert::certificates_in_use(
        &found.readable,
        found.foreign.is_some(),
        |_| true,
        |(_, cert)| cert.public_key().is_ok_and(|k| user_keys.contains(&k)),
        |_| false,
    );
    let held: Vec<Held<'_>> = held
        .into_iter()
        .map(|(c, cert)| Held {
            label: format!("the certificate in the {}", c.label),
            place: c.label.clone(),
            cert,
        })
        .collect();
    b.proof(crate::check::CERT_IDS, |b| {
        cert_checks_among(
            b,
            Cloud::Azure,
            &held,
            what,
            inp.certificate.map(|c| ("your certificate".to_string(), c)),
            inp.now,
            &Horizon::of(Cloud::Azure, crate::service::Service::Ec2, None),
        );
    });
}

/// The `rdap.*` checks: the registry (and whether Azure reads its records), the record,
/// the certificate on it and the signature under it; without a record, Azure's
/// `NotFindRoutingRegistryToGetCertificate`.
fn registry_checks(
    b: &mut Builder,
    inp: &Inputs<'_>,
    ev: &Evidence<'_>,
    found: &Found<'_>,
    user_keys: &[VerifyingKey],
) {
    if record_missing(
        b,
        inp.rdap.no_record(),
        &AZURE_IDS_RDAP,
        CheckId::RdapRecord,
        &inp.prefix(),
        PREFIX_NOT_FOUND,
    ) {
        b.proof([CheckId::RdapCertificate], |b| {
            b.fail_coded(
                CheckId::RdapCertificate,
                "no record, so no certificate",
                "register the prefix and publish the certificate on its record",
                Cloud::Azure,
                codes::NO_REGISTRY,
            );
        });
        b.proof_skip(CheckId::RdapSignature, "no record");
    }
    let (Some(rec), Some(id)) = (ev.record, ev.id.as_ref()) else {
        return;
    };
    // AFRINIC and LACNIC space (NIC.br's and NIC Mexico's too) is for some regions only:
    // the row the registry check's hint comes from.
    let area = found
        .reg
        .and_then(|r| Cloud::Azure.profile().placement_for(r))
        .filter(|p| azure_area(p.registry).is_some())
        .map(|_| &rules::AZURE_AFRICA_SOUTH_AMERICA);
    let supported = cloud_registry_check(
        &mut b.citing(
            std::iter::once(&rules::AZURE_REGISTRIES)
                .chain(found.placement)
                .chain(area),
        ),
        Cloud::Azure,
        id,
    );
    record_check(b, rec, inp.prefix(), inp.now, ripe_db_saved(&ev.ripe_db));
    b.proof(
        [CheckId::RdapCertificate, CheckId::RdapSignature],
        |b| match &found.foreign {
            Some(why) if supported => {
                b.not_run(CheckId::RdapCertificate, why.clone());
                b.not_run(CheckId::RdapSignature, why.clone());
            }
            _ => {
                let mut b = b.citing(found.placement);
                // Each certificate where Azure reads, with where: more than one different
                // is a warning.
                let several: Vec<(&Certificate, String)> = found
                    .readable
                    .iter()
                    .map(|(c, cert)| (*cert, c.label.clone()))
                    .collect();
                azure_certificate_check(
                    &mut b,
                    found.placed,
                    found.reg,
                    supported,
                    found.ripe_unread.as_deref(),
                    (&several, user_keys, inp.now),
                );
                record_signature_check(&mut b, inp, found, user_keys);
            }
        },
    );
}

/// `rdap.signature`: whether the signature verifies, as Azure verifies, under a certificate
/// where Azure reads.
fn record_signature_check(
    b: &mut Builder,
    inp: &Inputs<'_>,
    found: &Found<'_>,
    user_keys: &[VerifyingKey],
) {
    let keys: Vec<Result<VerifyingKey, String>> = found
        .readable
        .iter()
        .map(|(_, cert)| cert.public_key().map_err(|e| e.chain()))
        .collect();
    let published: Vec<Published<'_>> = found
        .readable
        .iter()
        .zip(&keys)
        .map(|((c, _), k)| Published {
            whereabouts: c.label.clone(),
            readable: true,
            key: k.as_ref().map_err(Clone::clone),
            verifies: match (inp.signed, k) {
                (Some(s), Ok(k)) => {
                    signature::verify_strict(Cloud::Azure, k, s.message, s.signature)
                }
                _ => false,
            },
        })
        .collect();
    rdap_signature_check(
        &mut b.citing([&rules::AZURE_SIGNATURE]),
        Cloud::Azure,
        inp.given(),
        &published,
        user_keys,
        (
            found.ripe_unread.as_deref(),
            Some(crate::message::azure::codes::SIGNATURE_NOT_VERIFIED),
        ),
    );
}

/// One detail line per certificate, not per place: the same certificate (by DER) on an RDAP
/// remark and in the RIPE Database object is one certificate, found in two places, each
/// named with the clouds that read it there. Unreadable blocks are listed one by one.
fn certificate_details(placed: &[PlacedCertificate]) -> Vec<String> {
    let read_by = |c: &PlacedCertificate| match c.clouds.as_slice() {
        [] => format!("{}: no cloud reads it there", c.label),
        clouds => format!(
            "{}: read by {}",
            c.label,
            clouds
                .iter()
                .map(|c| c.vendor())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut lines: Vec<(Option<&[u8]>, String)> = Vec::new();
    for c in placed {
        match &c.certificate {
            Err(e) => lines.push((None, format!("{}: unreadable ({e})", c.label))),
            Ok(cert) => match lines.iter_mut().find(|(der, _)| *der == Some(cert.der())) {
                Some((_, line)) => {
                    line.push_str("; the same certificate in the ");
                    line.push_str(&read_by(c));
                }
                None => lines.push((Some(cert.der()), read_by(c))),
            },
        }
    }
    lines.into_iter().map(|(_, line)| line).collect()
}

/// Where a certificate Azure does not read must go: Azure's field at `reg`, and AWS's too
/// where they differ (a copy for AWS is the usual reason it sits elsewhere).
fn move_hint(reg: Option<Registry>) -> String {
    match reg {
        Some(r) => proof::how_to_satisfy(r, &[Cloud::Aws, Cloud::Azure]),
        None => "publish it where Azure reads it (see the per-cloud table)".to_string(),
    }
}

/// `rdap.certificate` for Azure: where the certificate is, and, when more than one
/// different one is where Azure reads (`several`: each with where it is, the user's keys
/// and the report's time), the warning [`crate::check::rdap::several_certificates`] gives.
fn azure_certificate_check(
    b: &mut Builder,
    placed: &[PlacedCertificate],
    reg: Option<Registry>,
    supported: bool,
    ripe_unread: Option<&str>,
    several: (&[(&Certificate, String)], &[VerifyingKey], DateTime<Utc>),
) {
    let id = CheckId::RdapCertificate;
    let details = certificate_details(placed);
    let how = reg.map(|r| proof::how_to_satisfy(r, &[Cloud::Azure]));
    let good = placed
        .iter()
        .find(|c| c.clouds.contains(&Cloud::Azure) && c.certificate.is_ok());
    let bad = placed
        .iter()
        .find(|c| c.clouds.contains(&Cloud::Azure) && c.certificate.is_err());
    let elsewhere = placed.iter().find(|c| c.certificate.is_ok());
    let unparsable = crate::message::azure::codes::CERT_UNPARSABLE;
    let check = if !supported {
        b.skip(
            id,
            "the registry is not one Azure reads (see rdap.registry)",
        )
    } else if let Some(c) = good {
        b.pass(id, format!("found in the {}, where Azure reads", c.label))
    } else if let Some(why) = ripe_unread {
        b.not_run(
            id,
            format!(
                "RIPE NCC's RDAP service does not show remarks:, where Azure reads the certificate, and the RIPE Database was not read ({why})"
            ),
        )
    } else if let Some(c) = bad {
        let e = c
            .certificate
            .as_ref()
            .err()
            .map(crate::Error::chain)
            .unwrap_or_default();
        b.fail_coded(
            id,
            format!("the certificate block in the {} does not decode: {e}", c.label),
            "publish the whole certificate, BEGIN and END lines included, without spaces or line breaks",
            Cloud::Azure,
            unparsable,
        )
    } else if let Some(c) = elsewhere {
        b.fail_coded(
            id,
            format!(
                "a certificate is in the {}, which Azure does not read",
                c.label
            ),
            move_hint(reg),
            Cloud::Azure,
            unparsable,
        )
    } else {
        b.fail_coded(
            id,
            "no certificate where Azure reads it",
            match &how {
                Some(how) => format!("publish it: {how}"),
                None => {
                    "publish it in the range's record (the per-cloud table says where)".to_string()
                }
            },
            Cloud::Azure,
            unparsable,
        )
    };
    // Each failure is the certificate's place or form; with no registry known, the
    // per-cloud table says where Azure reads it.
    if check.status == crate::check::Status::Fail {
        check.remedy([Remedy::Change(Change::CertificatePlacement)]);
        if how.is_none() {
            check.remedy([Remedy::Run(Step::Rules)]);
        }
    }
    check.details = details;
    let (readable, user_keys, now) = several;
    crate::check::rdap::several_certificates(check, Cloud::Azure, readable, user_keys, now);
}

fn azure_roa_check(b: &mut Builder, inp: &Inputs<'_>) {
    // The rows applied: the origins, the exact-prefix rule, and the message's date as the
    // ROA's validity end.
    let origins = rules::cloud_origins(Cloud::Azure, None, inp.govcloud);
    let mut b = b.citing(
        origins
            .into_iter()
            .chain([&rules::AZURE_MAX_LENGTH, &rules::AZURE_MESSAGE]),
    );
    let b = &mut *b;
    let now = inp.now.timestamp();
    // The message's date is meant to be the ROA's validity end (Azure CLI page).
    let message_date = inp.signed.and_then(|s| {
        let text = String::from_utf8_lossy(s.message);
        let fields = Fields::exact(&text);
        (fields.shape() == Shape::Azure)
            .then(|| {
                fields
                    .read_as(Shape::Azure)
                    .date
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
            })
            .flatten()
    });
    for asn in required_origins(Cloud::Azure, inp.region.as_ref(), inp.govcloud) {
        let id = CheckId::Roa(asn);
        let Some(o) = crate::check::roa::origin_of(b, id.clone(), &inp.roa, asn, inp.prefix(), now)
        else {
            continue;
        };
        let p = o.prefix;
        let len = p.prefix_len();
        let (state, exact_vrps, inexact) = exact(&o);
        let list = |v: &[crate::roa::Vrp]| {
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let make = format!(
            "create a ROA for AS{asn} with prefix {p} and maxLength {len} exactly (keep the ROAs of any ASN advertising the range today); allow 24 hours"
        );
        let code = state.azure_code().unwrap_or_default();
        let check = match state {
            ExactState::Exact => {
                let until = exact_vrps.iter().filter_map(|v| o.expiry_of(v)).max();
                let chain = o.expiry_span == Some(ExpirySpan::Chain);
                match (message_date, until) {
                    // The chain's earliest end is not the ROA's: the comparison proves
                    // nothing either way, so it is said, not judged.
                    (Some(d), Some(until)) if chain && !same_day(d, until) => b.warn(
                        id.clone(),
                        format!(
                            "AS{asn} is authorized for exactly {p}: {}; the validated data expires on {}, {CHAIN_DATE}, so whether the ROA ends on the message's date {} was not confirmed",
                            list(&exact_vrps),
                            date(until),
                            d.format("%Y-%m-%d")
                        ),
                        "check the ROA's own end date in your RIR's RPKI portal (or Routinator's csvext, which gives it): Azure asks for it as the message's date",
                    ),
                    (Some(d), Some(until)) if !same_day(d, until) => b.warn(
                        id.clone(),
                        format!(
                            "AS{asn} is authorized for exactly {p}: {}; but the ROA is valid until {}, and the message's date is {}",
                            list(&exact_vrps),
                            date(until),
                            d.format("%Y-%m-%d")
                        ),
                        "Azure asks for the ROA's validity end as the message's date: sign a message with that date, or set the ROA's end to the message's",
                    ),
                    _ => crate::check::roa::passed(
                        b,
                        id.clone(),
                        &o,
                        format!("AS{asn} is authorized for exactly {p}: {}", list(&exact_vrps)),
                        now,
                    ),
                }
            }
            ExactState::Inexact => {
                // A ROA for the prefix itself whose maxLength is longer says so; a
                // covering ROA for a shorter prefix keeps its own wording.
                let (own, covering): (Vec<crate::roa::Vrp>, Vec<crate::roa::Vrp>) =
                    inexact.iter().partition(|v| v.prefix == p.net());
                let mut why: Vec<String> = own
                    .iter()
                    .map(|v| {
                        format!(
                            "maxLength {} is {} than the prefix's /{len} ({v})",
                            v.max_length,
                            if v.max_length > len {
                                "longer"
                            } else {
                                "shorter"
                            }
                        )
                    })
                    .collect();
                if !covering.is_empty() {
                    why.push(format!(
                        "the ROAs for AS{asn} cover {p} but not exactly (prefix {p}, maxLength {len}): {}",
                        list(&covering)
                    ));
                }
                b.fail_coded(id.clone(), why.join("; "), make, Cloud::Azure, code)
                    .remedy([Remedy::Change(Change::RoaMaxLength)])
            }
            // Ended by a chain date only: a stale export, never a pass nor a failure.
            ExactState::NotFound if o.expired_by_chain_only() => {
                let c = b.not_run(id.clone(), crate::check::roa::stale_chain(&o));
                c.hint = Some(format!(
                    "fetch a fresh export and check again, or check the ROA for AS{asn} in your registry's RPKI portal: {make}"
                ));
                c
            }
            ExactState::NotFound if !o.expired.is_empty() => b.fail_coded(
                id.clone(),
                o.expired_lines().join("; "),
                format!("renew it: {make}"),
                Cloud::Azure,
                code,
            ),
            ExactState::NotFound => b
                .fail_coded(
                    id.clone(),
                    format!("no ROA authorizes AS{asn} for {p}"),
                    make,
                    Cloud::Azure,
                    code,
                )
                .remedy([Remedy::Change(Change::RoaOrigin)]),
        };
        check.details = roa_details(&o, p, now);
    }
}

/// Whether the message's date `d` is the day the ROA ends at `until` (unix seconds): its
/// UTC day, or the day before when it ends at midnight.
fn same_day(d: NaiveDate, until: i64) -> bool {
    [until, until - 1]
        .iter()
        .any(|&t| date(t) == d.format("%Y-%m-%d").to_string())
}

/// Azure's view of each VRP for the origin: exact, a maxLength other than the prefix's
/// length, or a covering ROA for a shorter prefix.
fn roa_details(o: &crate::roa::Origin, p: Prefix, now: i64) -> Vec<String> {
    let len = p.prefix_len();
    crate::check::roa::origin_details_with(o, now, |v, _| {
        if v.prefix != p.net() {
            format!("covering: {v}")
        } else if v.max_length == len {
            format!("exact: {v}")
        } else {
            format!("maxLength not /{len}: {v}")
        }
    })
}
