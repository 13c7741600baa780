//! `byoip check --asn N [--cidr C]`: the BYOASN prerequisites (AWS's "Tutorial: Bring your
//! ASN to IPAM"), gathered by [`byoip::check::online::Sources::gather_asn`] and judged by
//! [`byoip::check::run_asn`]: the
//! ASN's RDAP autnum record (the network through IANA's `asn.json`, or `--rdap-file`), and
//! with `--cidr` the ROAs for the ASN and Amazon's.

use byoip::{
    Asn, VerificationMethod,
    check::{self, AsnInputs, Signed, online::Saved},
    rdap,
};

use super::CheckArgs;
use crate::{CliError, CliResult, args::done_fetching, note};

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
    let own = super::own_evidence(&a)?;
    let mut inputs = AsnInputs::new(asn, crate::clock::now());
    inputs.cidr = prefix;
    inputs.govcloud = a.govcloud;
    inputs.account = a.account;
    inputs.certificate = own.certificate.as_ref();
    inputs.key = own.key.as_ref();
    inputs.signed = own.signed.as_ref().map(|(m, s)| Signed::new(m, s));
    inputs.eligibility_only = eligibility;
    let sources = a.sources(prefix)?;
    // An ASN has one record: the first --rdap-file.
    let mut saved = Saved::default();
    if let Some(p) = a.rdap_file.first() {
        if a.rdap_file.len() > 1 {
            note("an ASN has one record: only the first --rdap-file is read");
        }
        let file = super::read_saved(p, rdap::MAX_RDAP_BYTES, "RDAP file")
            .map_err(|e| a.rdap_file_missing(e, &format!("--asn {asn}")))?;
        saved.rdap.push(file);
    }
    // The report says which origins it judges (the ASN's own and Amazon's, with a prefix).
    let gathered = sources.gather_asn(&mut inputs, &saved);
    done_fetching(&sources);
    gathered.map_err(|u| CliError::from(u.error))?;
    let report = a
        .signed
        .file_hints(crate::advice::report(check::run_asn(&inputs)));
    let with = prefix
        .map(|p| format!(", ROAs for {p}"))
        .unwrap_or_default();
    let title = format!(
        "byoip check AS{asn} (BYOASN to VPC IPAM{}{with})",
        if a.govcloud { ", GovCloud" } else { "" }
    );
    let saving = a.saving(format!("--asn {asn}"), prefix);
    super::print_and_conclude(&report, &a, &title, &sources, &saving, None)
}
