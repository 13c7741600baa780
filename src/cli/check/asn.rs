//! `byoip check --asn N [--cidr C]`: the BYOASN prerequisites (AWS's "Tutorial: Bring your
//! ASN to IPAM"), judged by [`byoip::check::run_asn`] on the evidence gathered here: the
//! ASN's RDAP autnum record (the network through IANA's `asn.json`, or `--rdap-file`), and
//! with `--cidr` the ROAs for the ASN and Amazon's.

use std::path::PathBuf;

use byoip::{
    Asn,
    check::{AsnInputs, AutnumEvidence, RoaEvidence, Signed, run_asn},
    dnstoken::Method,
    rdap,
};

use super::{CheckArgs, Sources};
use crate::cli::{CliError, CliResult, note, read_input};

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
    if a.verification == Method::DnsToken {
        return Err(CliError::input(
            "--verification dns-token proves control of a prefix, not of an ASN",
            "drop --verification: an ASN is proven with the certificate in its registry record and a signed message",
        ));
    }
    if a.cert.is_none() && a.key.is_none() {
        return Err(CliError::input(
            "checking an ASN needs --cert or --key",
            "give --cert FILE, the certificate you publish in the ASN's record",
        ));
    }
    let prefix = a.cidr.as_ref().map(|c| c.prefix());
    let super::Own {
        certificate,
        key,
        signed: signed_bytes,
    } = super::own_evidence(&a)?;
    let signed = signed_bytes.as_ref().map(|(m, s)| Signed::new(m, s));
    let mut inputs = AsnInputs::new(asn, chrono::Utc::now());
    inputs.cidr = prefix;
    inputs.govcloud = a.govcloud;
    let sources = Sources::new(&a.net, false)?.show_fetching();
    inputs.rdap = autnum(&sources, asn, &a.rdap_file)?;
    // The report says which origins it judges (the ASN's own and Amazon's, with a prefix).
    inputs.roa = match prefix {
        None => RoaEvidence::Origins(Vec::new()),
        Some(p) => sources.origins(p, &inputs.roa_origins()),
    };
    sources.done_fetching();
    sources.print_notes();

    inputs.account = a.account;
    inputs.certificate = certificate.as_ref();
    inputs.key = key.as_ref();
    inputs.signed = signed;
    let report = crate::cli::advice::report(run_asn(&inputs));
    let with = prefix
        .map(|p| format!(", ROAs for {p}"))
        .unwrap_or_default();
    let title = format!(
        "byoip check AS{asn} (BYOASN to VPC IPAM{}{with})",
        if a.govcloud { ", GovCloud" } else { "" }
    );
    super::print_and_conclude(&report, a.json, &title, &sources)
}

/// The ASN's record: `--rdap-file` when given, else the network unless offline (also
/// `batch check`'s, for `[[asn]]` entries).
pub(in crate::cli) fn autnum(
    sources: &Sources,
    asn: Asn,
    files: &[PathBuf],
) -> Result<AutnumEvidence, CliError> {
    let saved = match files.first() {
        Some(p) if !sources.local_only() => {
            if files.len() > 1 {
                note("an ASN has one record: only the first --rdap-file is read");
            }
            let data = read_input(p, rdap::MAX_RDAP_BYTES as usize, "RDAP file")?;
            Some(AutnumEvidence::from_saved(&data, &p.display().to_string())?)
        }
        _ => None,
    };
    Ok(sources.autnum(asn, saved))
}
