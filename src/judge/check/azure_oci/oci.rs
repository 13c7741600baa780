//! Oracle's report on a prefix ("Bring Your Own IP", Oracle Cloud Infrastructure
//! Documentation): the allocation type, the `OCITOKEN::` line on the registry record, and
//! the ROAs of AS31898 (AS14544 in Serbia Central) valid six months ahead.

use super::{
    CHAIN_DATE, PREFIX_NOT_FOUND, cloud_registry_check, date, no_irr_rule, required_origins,
    ripe_db_saved, ripe_unread,
};
use crate::check::{
    Builder, CheckId, Evidence, Inputs, RipeDbEvidence, Status,
    rdap::{foreign_record, record_check, record_missing, record_type},
};
use crate::{
    cloud::Cloud,
    error::{Input, Remedy},
    ocitoken,
    proof::Text,
    registry::Registry,
    roa::{
        ExpirySpan,
        cloud::{Validity, validity},
    },
    rules,
    rules::profile::Region,
};

const OCI_IDS_RDAP: [CheckId; 4] = [
    CheckId::RdapRegistry,
    CheckId::RdapRecord,
    CheckId::RdapAllocationType,
    CheckId::OciToken,
];

/// Oracle's checks of `inp` on the registry's evidence `ev`, into `b`.
pub(in crate::judge::check) fn oci(b: &mut Builder, inp: &Inputs<'_>, ev: &Evidence<'_>) {
    let (record, id, texts) = (ev.record, ev.id.as_ref(), &ev.texts());
    let reg = id.and_then(|i| i.registry);
    if record_missing(
        b,
        inp.rdap.no_record(),
        &OCI_IDS_RDAP,
        CheckId::RdapRecord,
        &inp.prefix(),
        PREFIX_NOT_FOUND,
    ) {
        b.skip(CheckId::RdapAllocationType, "no record");
        b.proof([CheckId::OciToken], |b| {
            b.fail(
                CheckId::OciToken,
                "no record, so no token line",
                "register the prefix at ARIN, RIPE NCC or APNIC and add the token line to its record",
            );
        });
    }
    let placement = reg.and_then(|r| rules::placement(Cloud::Oci, r));
    if let (Some(rec), Some(id)) = (record, id) {
        let supported = cloud_registry_check(&mut b.citing(placement), Cloud::Oci, id);
        record_check(b, rec, inp.prefix(), inp.now, ripe_db_saved(&ev.ripe_db));
        // A record for another range: its type and token lines say nothing of this prefix
        // (at a registry Oracle reads; elsewhere rdap.registry says what to do).
        if let Some(why) = foreign_record(rec, inp.prefix()).filter(|_| supported) {
            b.not_run(CheckId::RdapAllocationType, why.clone());
            b.not_run(CheckId::OciToken, why);
        } else if supported {
            oci_type_check(b, reg, rec.network.kind.as_deref());
            b.proof([CheckId::OciToken], |b| {
                token_check(
                    &mut b.citing(std::iter::once(&rules::OCI_TOKEN).chain(placement)),
                    inp,
                    (reg, &ev.ripe_db),
                    texts,
                );
            });
        } else {
            oci_type_check(b, reg, rec.network.kind.as_deref());
            b.skip(
                CheckId::OciToken,
                "the registry is not one Oracle reads (see rdap.registry)",
            );
        }
    }
    no_irr_rule(b, inp.cloud);
    oci_roa_check(b, inp);
}

fn oci_type_check(b: &mut Builder, reg: Option<Registry>, kind: Option<&str>) {
    let id = CheckId::RdapAllocationType;
    // The types Oracle lists at the registry: the rules table's row, cited.
    let types_at = |r: Registry| rules::allocation_types(Cloud::Oci, r).map(rules::types_of);
    let mut b = b.citing(reg.and_then(|r| rules::allocation_types(Cloud::Oci, r)));
    let Some((r, k)) = record_type(&mut b, reg, kind, |r| types_at(r).is_some()) else {
        return;
    };
    let types = types_at(r).unwrap_or_default();
    if types.contains(&k.trim().to_ascii_uppercase().as_str()) {
        b.pass(id, format!("{k:?} is a type Oracle lists for {r}"));
    } else {
        b.warn(
            id,
            format!(
                "{k:?} is not among the types Oracle lists for {r} ({})",
                types.join(", ")
            ),
            "Oracle may refuse it; check the range's type with your registry",
        );
    }
}

/// `oci.token`: the token line in `texts`, the record's text at `reg` (`db`: the RIPE
/// Database object as read, whose `remarks:` RIPE's RDAP leaves out).
fn token_check(
    b: &mut Builder,
    inp: &Inputs<'_>,
    (reg, db): (Option<Registry>, &RipeDbEvidence),
    texts: &[Text],
) {
    let id = CheckId::OciToken;
    let p = inp.prefix();
    let token = match inp
        .token
        .map(|t| ocitoken::token_of(t, p.net()))
        .transpose()
    {
        Ok(t) => t,
        Err(why) => {
            b.fail(id, why, "give the token Oracle issued for this prefix");
            return;
        }
    };
    let found = ocitoken::search(texts, reg, p.net(), token);
    let expected = ocitoken::line(p.net(), token.unwrap_or("VALIDATION-TOKEN"));
    let where_to = ocitoken::where_it_goes(reg);
    let ripe_note = ripe_unread(db, reg).map(|why| {
        format!("the RIPE Database was not read ({why}), so remarks: lines were not seen")
    });
    let mut details: Vec<String> = found
        .near
        .iter()
        .skip(usize::from(found.found.is_empty()))
        .map(|n| format!("also: {}", n.describe()))
        .collect();
    details.extend(ripe_note);
    let check = match (found.found.first(), token) {
        (Some(s), Some(_)) => b.pass(id, format!("{expected} is in the {}", s.label)),
        (Some(s), None) => b
            .not_run(
                id,
                format!(
                    "a token line for {p} is in the {} (token {:?}), but no validation token was given to compare it with",
                    s.label, s.token
                ),
            )
            .remedy([Remedy::Give(Input::ValidationToken)]),
        (None, _) => match found.near.first() {
            Some(n) => b.fail(
                id,
                format!("no exact token line; found {}", n.describe()),
                format!("write the line {expected} {where_to}"),
            ),
            None => b.fail(
                id,
                format!("no OCITOKEN line for {p} in the record"),
                format!("write the line {expected} {where_to} (the console shows it ready; from the API, prefix the token with OCITOKEN::{p}:)"),
            ),
        },
    };
    check.details = details;
}

fn oci_roa_check(b: &mut Builder, inp: &Inputs<'_>) {
    // The rows applied: the origin for the region, and the six months ahead.
    let origin_row = rules::cloud_origins(
        Cloud::Oci,
        inp.region.as_ref().map(Region::as_str),
        inp.govcloud,
    );
    let rows: Vec<&'static rules::Rule> = origin_row
        .into_iter()
        .chain([&rules::OCI_ROA_VALIDITY])
        .collect();
    let mut b = b.citing(rows.iter().copied());
    let b = &mut *b;
    let profile = Cloud::Oci.profile();
    let origins = required_origins(Cloud::Oci, inp.region.as_ref(), inp.govcloud);
    let min_days = profile.roa.min_validity_days.unwrap_or(0);
    let now = inp.now.timestamp();
    for asn in origins {
        let id = CheckId::Roa(asn);
        let Some(o) = crate::check::roa::origin_of(b, id.clone(), &inp.roa, asn, inp.prefix(), now)
        else {
            continue;
        };
        // RFC 6811 coverage first, as AWS's rule: not covered, its verdict is the check;
        // covered, Oracle's six months too, and the check is made once from both.
        if o.state != crate::roa::RoaState::Valid {
            crate::check::roa::roa_check(b, id, &o, None, now);
            continue;
        }
        let chain = o.expiry_span == Some(ExpirySpan::Chain);
        let covered = crate::check::roa::may_originate(&o);
        let (status, message, hint) = match validity(&o, now, min_days) {
            // The ROA lasts at least as long as its chain.
            Validity::Enough { until } if chain => (
                Status::Pass,
                format!(
                    "{covered}; valid until at least {} (the earliest end in its validation chain)",
                    date(until)
                ),
                None,
            ),
            Validity::Enough { until } => (
                Status::Pass,
                format!("{covered}; valid until {}", date(until)),
                None,
            ),
            // A chain date is no ROA date: never fail on it, say what to verify.
            Validity::TooSoon { until } if chain => (
                Status::Warn,
                format!(
                    "{covered}; the validated data expires on {}, {CHAIN_DATE}, so Oracle's six months ahead was not confirmed",
                    date(until)
                ),
                Some(format!(
                    "check the ROA for AS{asn} in your RIR's RPKI portal (or Routinator's csvext, which gives the ROA's own end): Oracle asks for an expiry at least six months ahead"
                )),
            ),
            Validity::TooSoon { until } => (
                Status::Fail,
                format!(
                    "{covered}; but the ROA expires {}, less than the {min_days} days (six months) ahead Oracle asks",
                    date(until)
                ),
                Some(format!(
                    "renew the ROA for AS{asn} with an expiry at least six months in the future"
                )),
            ),
            // Half of Oracle's rule was not looked at: not a pass (as any check whose
            // evidence is missing), but not-run with what would show it.
            Validity::Unknown => (
                Status::NotRun,
                format!(
                    "{covered}; but the ROA source gives no expiry, so Oracle's six months ahead was not checked: use a VRP file from an rpki-client export (CSV, JSON or roa-set) or Routinator's csvext/jsonext, which carry it"
                ),
                None,
            ),
        };
        let check = match status {
            Status::Pass => crate::check::roa::passed(b, id, &o, message, now),
            // No expiry in the ROA source: an export that carries it is the remedy.
            Status::NotRun => b
                .add(id, status, message, hint)
                .remedy([Remedy::Give(Input::Vrps)]),
            _ => b.add(id, status, message, hint),
        };
        check.details = crate::check::roa::origin_details(&o, "matched", now);
    }
}
