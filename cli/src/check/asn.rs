//! `byoip check --asn N [--cidr C]`: the BYOASN prerequisites (AWS's "Tutorial: Bring your
//! ASN to IPAM"), gathered and judged by [`byoip::check::online::Sources::check_asn`]: the
//! ASN's RDAP autnum record (the network through IANA's `asn.json`, or `--rdap-file`), and
//! with `--cidr` the ROAs for the ASN and Amazon's.

use std::path::PathBuf;

use byoip::{
    Asn,
    check::{AsnInputs, AutnumEvidence, Signed},
    rdap,
    service::VerificationMethod,
};

use super::{CheckArgs, Sources};
use crate::{CliError, CliResult, note, read_input};

pub(super) fn run(a: CheckArgs) -> CliResult {
    let text = a.asn.as_deref().unwrap_or_default();
    let parsed = Asn::parse_lenient(text)?;
    if parsed.rewritten {
        note(&format!(
            "ASN {text:?} read as {}, the bare decimal of AWS's examples",
            parsed.asn
        ));
    }
    let asn = parsed.asn;
    if a.verification == VerificationMethod::DnsToken {
        return Err(CliError::input(
            "--verification dns-token proves control of a prefix, not of an ASN",
            "drop --verification: an ASN is proven with the certificate in its registry record and a signed message",
        ));
    }
    if a.origin.is_some() {
        // The BYOASN report judges the brought ASN's ROA (roa.own-asn) and Amazon's.
        return Err(CliError::input(
            "--origin is read by a prefix's check, not by --asn",
            "drop --origin: the BYOASN report judges the ROA for the ASN brought (roa.own-asn)",
        ));
    }
    // Without a key or certificate, before either exists: eligibility alone (the ASN, its
    // record's registry and, with --cidr, the ROAs), the checks that need them left out.
    let eligibility = a.cert.is_none() && a.key.is_none();
    if eligibility && a.signed.given() {
        return Err(super::message_without_key(" in the ASN's record"));
    }
    let prefix = a.cidr.as_ref().map(|c| c.prefix());
    let super::Own {
        certificate,
        key,
        signed: signed_bytes,
    } = super::own_evidence(&a)?;
    let signed = signed_bytes.as_ref().map(|(m, s)| Signed::new(m, s));
    let mut inputs = AsnInputs::new(asn, super::super::clock::now());
    inputs.cidr = prefix;
    inputs.govcloud = a.govcloud;
    inputs.account = a.account;
    inputs.certificate = certificate.as_ref();
    inputs.key = key.as_ref();
    inputs.signed = signed;
    inputs.eligibility_only = eligibility;
    let sources = a.sources(prefix)?.show_fetching();
    let saved = saved_autnum(&sources, &a.rdap_file)
        .map_err(|e| a.rdap_file_missing(e, &format!("--asn {asn}")))?;
    // The report says which origins it judges (the ASN's own and Amazon's, with a prefix).
    let report = sources.check_asn(inputs, saved);
    sources.done_fetching();
    sources.print_notes();
    let report = a.signed.file_hints(crate::advice::report(report));
    let with = prefix
        .map(|p| format!(", ROAs for {p}"))
        .unwrap_or_default();
    let title = format!(
        "byoip check AS{asn} (BYOASN to VPC IPAM{}{with})",
        if a.govcloud { ", GovCloud" } else { "" }
    );
    let saving = a.saving(format!("--asn {asn}"), prefix);
    super::print_and_conclude(&report, &a, &title, &sources, &saving)
}

/// The ASN's saved record: the first `--rdap-file` (also `batch check`'s `rdap_file`, for
/// `[[asn]]` entries), not read under --local-only; without one the sources look for it.
pub(crate) fn saved_autnum(
    sources: &Sources,
    files: &[PathBuf],
) -> Result<Option<AutnumEvidence>, CliError> {
    match files.first() {
        Some(p) if !sources.local_only() => {
            if files.len() > 1 {
                note("an ASN has one record: only the first --rdap-file is read");
            }
            let data = read_input(p, rdap::MAX_RDAP_BYTES as usize, "RDAP file")?;
            let ev = AutnumEvidence::from_saved(&data, &p.display().to_string())?;
            Ok(Some(match super::modified(p) {
                Some(at) => ev.saved_at(at),
                None => ev,
            }))
        }
        _ => Ok(None),
    }
}
